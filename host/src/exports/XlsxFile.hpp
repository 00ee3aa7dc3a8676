/// \file XlsxFile.hpp
/// Writes a table as an Excel workbook with libxlsxwriter: one sheet, a bold header row that
/// stays in view (frozen) with a filter on it, then the rows with their types: text, whole
/// numbers, percentages (the share as a number formatted 0.0%), dates (real dates, shown
/// YYYY-MM-DD) and yes/no as booleans; columns as wide as their widest cell.
#pragma once

#include "exports/Cell.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::exports {

/// The workbook could not be written; the message names the file.
struct ExportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Writes `rows` under `header` into a new workbook at `file` (replacing it), on one sheet
/// named `sheet` (at most 31 characters, none of []:*?/\). Throws ExportError.
void writeXlsx(const std::filesystem::path& file, const std::string& sheet,
               const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows);

} // namespace yanzhen::exports
