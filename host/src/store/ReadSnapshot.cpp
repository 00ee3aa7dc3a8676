#include "ReadSnapshot.hpp"

#include <sqlite3.h>

namespace yanzhen::store {

ReadSnapshot::ReadSnapshot(Database::Reader& reader) : db_(reader.handle()) {
    if (sqlite3_get_autocommit(db_) == 0) return; // already in a transaction: it is the snapshot
    if (sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    began_ = true;
}

ReadSnapshot::~ReadSnapshot() {
    if (!began_) return;
    // A read-only transaction commits without touching the file; should it fail, roll back so
    // that the pooled connection never carries an open transaction to its next user.
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace yanzhen::store
