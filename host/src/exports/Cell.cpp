#include "exports/Cell.hpp"

#include <yanzhen/date.hpp>

#include <cstdio>

namespace yanzhen::exports {

std::string Cell::csv() const {
    switch (kind) {
    case Kind::Empty: return "";
    case Kind::Text: return text;
    case Kind::Integer: return std::to_string(static_cast<long long>(number));
    case Kind::Share: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.4f", number);
        return buffer;
    }
    case Kind::Day: return formatDay(day);
    case Kind::Flag: return flag ? "1" : "0";
    }
    return "";
}

} // namespace yanzhen::exports
