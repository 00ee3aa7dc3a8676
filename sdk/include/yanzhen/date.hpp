/// \file yanzhen/date.hpp
/// Calendar days as the ABI counts them: days since 1970-01-01, in the local calendar.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace yanzhen {

/// Days since 1970-01-01 for a civil date; no time zone is involved.
inline std::int32_t dayFromCivil(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

/// Parses "YYYY-MM-DD"; nothing for anything else, including impossible dates (2025-02-30).
inline std::optional<std::int32_t> parseDay(std::string_view s) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = static_cast<unsigned>((s[5] - '0') * 10 + (s[6] - '0'));
    d = static_cast<unsigned>((s[8] - '0') * 10 + (s[9] - '0'));
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return dayFromCivil(y, m, d);
}

/// "YYYY-MM-DD" for a day number.
inline std::string formatDay(std::int32_t day) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace yanzhen
