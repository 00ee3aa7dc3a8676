#include "exports/CsvFile.hpp"

namespace yanzhen::exports {

CsvFile::CsvFile(std::ostream& out, const std::vector<std::string>& header) : out_(out) {
    out_ << "\xEF\xBB\xBF";
    row(header);
}

std::string CsvFile::quoted(const std::string& field) {
    std::string value = field;
    // A number keeps its sign: "-3" is data, "-3+A1" or "=HYPERLINK(...)" is not.
    const bool number =
        !value.empty() && value.find_first_not_of("+-0123456789.") == std::string::npos;
    if (!value.empty() && !number &&
        std::string("=+-@\t\r").find(value.front()) != std::string::npos)
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

void CsvFile::row(const std::vector<Cell>& cells) {
    std::vector<std::string> fields;
    fields.reserve(cells.size());
    for (const auto& c : cells)
        fields.push_back(c.csv());
    row(fields);
}

void CsvFile::row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i)
        out_ << (i == 0 ? "" : ",") << quoted(fields[i]);
    out_ << "\r\n";
}

} // namespace yanzhen::exports
