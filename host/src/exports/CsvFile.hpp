/// \file CsvFile.hpp
/// Writes a CSV file as spreadsheets read it: RFC 4180 (fields with a comma, a quote or a line
/// break quoted, quotes doubled, CRLF after every record), UTF-8 with a byte-order mark, which
/// Excel needs to show Chinese rather than mojibake. A field that a spreadsheet would take for
/// a formula (=, +, -, @ first) gets a leading apostrophe, so that an exported name cannot run
/// as one (OWASP's CSV injection).
#pragma once

#include "exports/Cell.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace yanzhen::exports {

class CsvFile {
public:
    /// Writes the byte-order mark and the header row.
    CsvFile(std::ostream& out, const std::vector<std::string>& header);
    void row(const std::vector<std::string>& fields);
    /// A typed row, each cell as Cell::csv() writes it.
    void row(const std::vector<Cell>& cells);

    /// `field` as it goes into a record.
    static std::string quoted(const std::string& field);

private:
    std::ostream& out_;
};

} // namespace yanzhen::exports
