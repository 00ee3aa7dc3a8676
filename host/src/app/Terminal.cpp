#include "Terminal.hpp"

#include <cstdlib>

namespace yanzhen::app {

std::string pickLanguage(std::string_view requested) {
    if (!requested.empty()) return requested.substr(0, 2) == "zh" ? "zh" : "en";
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') continue;
        return std::string_view(value).substr(0, 2) == "zh" ? "zh" : "en";
    }
    return "en";
}

namespace {

bool isWide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

std::size_t displayWidth(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80           ? 1
                                : (b >> 5) == 0x6  ? 2
                                : (b >> 4) == 0xE  ? 3
                                : (b >> 3) == 0x1E ? 4
                                                   : 1;
        char32_t c = len == 1 ? b : (b & (0x7F >> len));
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        width += isWide(c) ? 2 : 1;
        i += len;
    }
    return width;
}

std::string displayPath(const std::filesystem::path& p) {
    std::error_code ec;
    const auto rel = std::filesystem::relative(p, std::filesystem::current_path(ec), ec);
    if (ec || rel.empty() || *rel.begin() == "..") return p.string();
    return rel.string();
}

void TextTable::print(std::ostream& out) const {
    std::vector<std::size_t> widths(header_.size());
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i]));
    };
    measure(header_);
    for (const auto& r : rows_)
        measure(r);
    auto line = [&](const std::vector<std::string>& row) {
        std::string text;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            text += row[i];
            if (i + 1 < row.size()) text += std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
        }
        out << text << '\n';
    };
    line(header_);
    for (const auto& r : rows_)
        line(r);
}

} // namespace yanzhen::app
