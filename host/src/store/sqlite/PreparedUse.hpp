/// \file PreparedUse.hpp
/// One use of a raw statement a pooled reader keeps prepared (Database::Reader::prepared): the
/// hot reads (progress, the token behind every request) step it directly instead of compiling
/// a Poco::Data statement and converting each cell through a Var.
#pragma once

#include "Database.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace yanzhen::store {

/// One use of a statement the reader keeps: reset and unbound when it goes, so the connection
/// holds no read snapshot between uses.
class PreparedUse {
public:
    PreparedUse(Database::Reader& reader, const std::string& sql) : db_(reader.handle()) {
        stmt_ = reader.prepared(sql);
    }
    ~PreparedUse() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    PreparedUse(const PreparedUse&) = delete;
    PreparedUse& operator=(const PreparedUse&) = delete;

    void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
    /// The next row; false at the end. Throws StoreError on an error (a busy database, I/O).
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    }
    std::int64_t integer(int i) { return sqlite3_column_int64(stmt_, i); }
    bool null(int i) { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
    void text(int i, std::string& out) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        out.assign(p == nullptr ? "" : p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
    }
    std::string text(int i) {
        std::string s;
        text(i, s);
        return s;
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

} // namespace yanzhen::store
