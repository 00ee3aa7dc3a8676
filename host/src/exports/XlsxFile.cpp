#include "exports/XlsxFile.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>

namespace yanzhen::exports {

namespace {

/// How wide text shows, in Excel's character widths: a CJK character takes two.
double displayWidth(const std::string& s) {
    double width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        width += length >= 3 ? 2.0 : 1.0;
        i += length;
    }
    return width;
}

double widthOf(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::Text: return displayWidth(cell.text);
    case Cell::Kind::Day: return 10;
    case Cell::Kind::Share: return 7;
    default: return displayWidth(cell.csv());
    }
}

} // namespace

void writeXlsx(const std::filesystem::path& file, const std::string& sheet,
               const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows) {
    lxw_workbook* book = workbook_new(file.c_str());
    if (book == nullptr) throw ExportError(file.string() + ": cannot make a workbook");
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.c_str());
    if (ws == nullptr) {
        workbook_close(book);
        throw ExportError(file.string() + ": a sheet cannot be named " + sheet);
    }
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* percent = workbook_add_format(book);
    format_set_num_format(percent, "0.0%");
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd");

    std::vector<double> widths(header.size(), 8);
    for (std::size_t c = 0; c < header.size(); ++c) {
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
        widths[c] = std::max(widths[c], displayWidth(header[c]));
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < rows[r].size() && c < header.size(); ++c) {
            const Cell& cell = rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            widths[c] = std::max(widths[c], widthOf(cell));
            switch (cell.kind) {
            case Cell::Kind::Empty: break;
            case Cell::Kind::Text:
                worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
                break;
            case Cell::Kind::Integer:
                worksheet_write_number(ws, row, col, cell.number, nullptr);
                break;
            case Cell::Kind::Share:
                worksheet_write_number(ws, row, col, cell.number, percent);
                break;
            case Cell::Kind::Day: {
                const std::chrono::year_month_day ymd{
                    std::chrono::sys_days{std::chrono::days{cell.day}}};
                lxw_datetime when{static_cast<int>(ymd.year()),
                                  static_cast<int>(static_cast<unsigned>(ymd.month())),
                                  static_cast<int>(static_cast<unsigned>(ymd.day())),
                                  0,
                                  0,
                                  0};
                worksheet_write_datetime(ws, row, col, &when, date);
                break;
            }
            case Cell::Kind::Flag:
                worksheet_write_boolean(ws, row, col, cell.flag ? 1 : 0, nullptr);
                break;
            }
        }
    }
    for (std::size_t c = 0; c < widths.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             std::min(widths[c] + 2, 60.0), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    if (!header.empty())
        worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size()),
                             static_cast<lxw_col_t>(header.size() - 1));
    if (const lxw_error rc = workbook_close(book); rc != LXW_NO_ERROR)
        throw ExportError(file.string() + ": " + lxw_strerror(rc));
}

} // namespace yanzhen::exports
