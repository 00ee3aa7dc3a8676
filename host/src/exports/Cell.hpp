/// \file Cell.hpp
/// One cell of an exported table, with its type, so that a spreadsheet gets numbers as
/// numbers and days as dates (XlsxFile), and a CSV file the same values as text.
#pragma once

#include <cstdint>
#include <string>

namespace yanzhen::exports {

struct Cell {
    enum class Kind { Empty, Text, Integer, Share, Day, Flag };
    Kind kind = Kind::Empty;
    std::string text;
    double number = 0;    ///< Integer, Share (0..1)
    std::int32_t day = 0; ///< Day: days since 1970-01-01
    bool flag = false;

    static Cell empty() { return Cell{}; }
    static Cell of(std::string text) { return Cell{Kind::Text, std::move(text), 0, 0, false}; }
    static Cell integer(long long n) {
        return Cell{Kind::Integer, "", static_cast<double>(n), 0, false};
    }
    /// A share from 0 to 1, shown as a percentage.
    static Cell share(double s) { return Cell{Kind::Share, "", s, 0, false}; }
    static Cell date(std::int32_t d) { return Cell{Kind::Day, "", 0, d, false}; }
    static Cell yesNo(bool b) { return Cell{Kind::Flag, "", 0, 0, b}; }

    /// The value as a CSV field holds it: a share to four decimals, a day as YYYY-MM-DD, a
    /// flag as 1 or 0.
    std::string csv() const;
};

} // namespace yanzhen::exports
