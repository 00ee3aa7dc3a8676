/// \file Terminal.hpp
/// What the command line needs to talk to a person: their language, and tables that line up
/// when cells hold Chinese (two columns a character).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::app {

/// "zh" or "en": `requested` when given, else from LC_ALL / LC_MESSAGES / LANG, else "en".
std::string pickLanguage(std::string_view requested);

/// The number of terminal columns `utf8` takes: East Asian wide characters take two.
std::size_t displayWidth(std::string_view utf8);

/// A path as the user would type it: relative to the current folder when it is inside it.
std::string displayPath(const std::filesystem::path& p);

/// A plain text table: a header row, then rows; columns padded to their widest cell.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace yanzhen::app
