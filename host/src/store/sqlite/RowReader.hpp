/// \file RowReader.hpp
/// Reading result rows by column index without repeating null handling everywhere.
#pragma once

#include <Poco/Data/RecordSet.h>

#include <cstdint>
#include <optional>
#include <string>

namespace yanzhen::store {

/// Column `i` of the record set's current row as text; empty for NULL.
inline std::string text(Poco::Data::RecordSet& rs, std::size_t i) {
    const Poco::Dynamic::Var v = rs.value(i);
    return v.isEmpty() ? std::string() : v.convert<std::string>();
}
/// Column `i` as an integer; 0 for NULL.
inline std::int64_t integer(Poco::Data::RecordSet& rs, std::size_t i) {
    const Poco::Dynamic::Var v = rs.value(i);
    return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
}
/// Column `i` as an integer, or nothing for NULL.
inline std::optional<std::int64_t> optionalInteger(Poco::Data::RecordSet& rs, std::size_t i) {
    const Poco::Dynamic::Var v = rs.value(i);
    if (v.isEmpty()) return std::nullopt;
    return v.convert<Poco::Int64>();
}
/// Column `i` as text, or nothing for NULL.
inline std::optional<std::string> optionalText(Poco::Data::RecordSet& rs, std::size_t i) {
    const Poco::Dynamic::Var v = rs.value(i);
    if (v.isEmpty()) return std::nullopt;
    return v.convert<std::string>();
}

/// Calls `f(rs)` for each row of `statement`, executed now.
template <class F> void forEachRow(Poco::Data::Statement& statement, F&& f) {
    statement.execute();
    Poco::Data::RecordSet rs(statement);
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        f(rs);
}

} // namespace yanzhen::store
