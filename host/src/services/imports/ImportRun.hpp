/// \file ImportRun.hpp
/// What every import (roster, evidence) does around its own rows: the clock starts, the file
/// opens, its size is taken for the reading progress, the records are read with that progress
/// and the reader's problems reported, and the report carries the seconds from opening the
/// file to the end.
#pragma once

#include "services/imports/Csv.hpp"
#include "services/imports/ImportReport.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <utility>

namespace yanzhen::services {

/// One import's file, clock and report.
class ImportRun {
public:
    /// Starts the clock and opens `file` (binary). When it cannot be opened, opened() is false
    /// and the report already holds the problem "cannot open FILE" (line 0).
    explicit ImportRun(const std::filesystem::path& file);

    /// Whether the file is open; when not, there is nothing to do but finish().
    bool opened() const { return opened_; }
    /// The open file.
    std::istream& in() { return in_; }
    /// The file's size in bytes as std::filesystem::file_size tells it: the total of the
    /// reading progress.
    std::uint64_t size() const { return size_; }
    /// The report the import fills.
    ImportReport& report() { return report_; }
    /// A copy of the report as it stands, with the seconds since the clock started.
    ImportReport finish();

    /// Reads the records after the header from `csv` (a reader over in()): reports reading
    /// progress every `every` records and at the end, makes a record the reader could not
    /// split a problem of the report, and hands every other one to `row(const CsvRecord&)`.
    /// Throws CsvError as the reader does.
    template <class Row>
    void readRecords(CsvReader& csv, const ImportOptions& options, std::size_t every, Row&& row) {
        CsvRecord record;
        std::size_t read = 0;
        while (csv.next(record)) {
            if (options.progress && ++read % every == 0)
                options.progress(ImportPhase::Reading, csv.bytesRead(), size_);
            if (record.problem) {
                report_.problems.push_back(RowProblem{record.problemLine, *record.problem});
                continue;
            }
            row(std::as_const(record));
        }
        if (options.progress) options.progress(ImportPhase::Reading, size_, size_);
    }

private:
    std::chrono::steady_clock::time_point started_;
    ImportReport report_;
    std::ifstream in_;
    std::uint64_t size_ = 0;
    bool opened_ = false;
};

} // namespace yanzhen::services
