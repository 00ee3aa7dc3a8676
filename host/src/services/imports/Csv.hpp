/// \file Csv.hpp
/// An RFC 4180 reader that streams: quoted fields with "" escapes, commas and line breaks
/// inside quotes, CRLF or LF line ends, a UTF-8 byte order mark skipped. Every record knows the
/// physical line it starts on (line 1 is the header), so that a message names the line a person
/// sees in an editor. A record that is wrong (ragged, invalid UTF-8, too long, a stray quote)
/// comes back with its problem and the reader goes on, so an import can name every bad row; only
/// what stops the reading itself (no header, an unclosed quote at the end, a file past its limit,
/// an I/O error) throws.
#pragma once

#include "services/text/TextRules.hpp"

#include <yanzhen/text.hpp>

#include <cstdint>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::services {

/// The reading cannot go on; `line` is where it stopped.
struct CsvError : std::runtime_error {
    CsvError(std::uint64_t line, Text message)
        : std::runtime_error("line " + std::to_string(line) + ": " + message.en), line(line),
          message(std::move(message)) {}
    std::uint64_t line;
    Text message; ///< without the line
};

struct CsvRecord {
    std::uint64_t line = 0;         ///< the physical line the record starts on (1-based)
    std::vector<std::string> cells; ///< as far as they could be read
    std::optional<Text> problem;    ///< set when the record is wrong
    std::uint64_t problemLine =
        0; ///< the line the problem is on: `line`, or a later one inside quotes
};

struct CsvLimits {
    std::size_t maxRecordBytes = 64 * 1024;              ///< one record, separators included
    std::uint64_t maxFileBytes = std::uint64_t{4} << 30; ///< the whole file: 4 GiB
};

class CsvReader {
public:
    /// Reads the header row (names trimmed of spaces). Throws CsvError when the file is empty, the
    /// header is not valid UTF-8 or names a column twice or has an empty name.
    explicit CsvReader(std::istream& in, CsvLimits limits = {});

    const std::vector<std::string>& header() const { return header_; }
    /// The index of the column called `name`, or -1.
    int column(std::string_view name) const;

    /// Reads the next record into `record`; false at the end of the file. Blank lines are
    /// skipped. A record with a different number of cells than the header, invalid UTF-8, more
    /// than the record limit or a quote where none may be comes back with `problem` set. Throws
    /// CsvError for a quote left open at the end of the file, a file past its size limit, or a
    /// read error.
    bool next(CsvRecord& record);

    /// Bytes consumed so far (for a progress bar).
    std::uint64_t bytesRead() const { return filled_ - (end_ - pos_); }

private:
    /// The next byte, or -1 at the end of the input.
    int get();
    int peek();
    bool fill();
    /// Reads one raw record (no header check); false at the end.
    bool readRecord(CsvRecord& record);

    std::istream& in_;
    CsvLimits limits_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    std::uint64_t filled_ = 0; ///< bytes read from the stream into the buffer so far
    std::uint64_t line_ = 1;   ///< the physical line the next byte is on
    std::vector<std::string> header_;
};

/// `s` without leading and trailing spaces and tabs.
std::string trimmed(std::string_view s);

} // namespace yanzhen::services
