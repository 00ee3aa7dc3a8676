/// \file RawStatement.hpp
/// A statement prepared on a raw SQLite connection for one use, finalized when it goes: the
/// bulk paths (an evidence import, the kept standings of a full recompute) step one statement
/// per row instead of compiling a Poco::Data statement and converting each cell through a Var.
#pragma once

#include "store/StoreError.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace yanzhen::store {

class RawStatement {
public:
    RawStatement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw StoreError(sqlite3_errmsg(db));
    }
    ~RawStatement() { sqlite3_finalize(stmt_); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    sqlite3_stmt* get() { return stmt_; }

    /// Binds `s` without a copy: it must live until the statement is stepped.
    void text(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
    void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void real(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    void optionalText(int i, const std::optional<std::string>& s) {
        if (s)
            text(i, *s);
        else
            sqlite3_bind_null(stmt_, i);
    }
    void optionalInteger(int i, const std::optional<std::int64_t>& v) {
        if (v)
            sqlite3_bind_int64(stmt_, i, *v);
        else
            sqlite3_bind_null(stmt_, i);
    }
    /// Runs a statement that returns no rows, and resets it for the next use.
    void step() {
        if (sqlite3_step(stmt_) != SQLITE_DONE)
            throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_));
        sqlite3_reset(stmt_);
    }
    /// The next row of a query; false at the end (then reset for the next use).
    bool next() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        sqlite3_reset(stmt_);
        if (rc == SQLITE_DONE) return false;
        throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    }
    std::int64_t column(int i) { return sqlite3_column_int64(stmt_, i); }
    double columnReal(int i) { return sqlite3_column_double(stmt_, i); }
    std::string columnText(int i) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        return {p == nullptr ? "" : p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))};
    }
    /// How many rows the last step changed.
    std::size_t changes() { return static_cast<std::size_t>(sqlite3_changes(db_)); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace yanzhen::store
