#include "ReadSnapshot.hpp"

#include <sqlite3.h>

namespace yanzhen::store {

namespace {

/// Steps one of the reader's kept statements (BEGIN, COMMIT): compiling them on every request
/// cost more than running them.
int run(sqlite3_stmt* statement) {
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc;
}

} // namespace

ReadSnapshot::ReadSnapshot(Database::Reader& reader)
    : db_(reader.handle()), commit_(reader.prepared("COMMIT")) {
    if (sqlite3_get_autocommit(db_) == 0) return; // already in a transaction: it is the snapshot
    if (run(reader.prepared("BEGIN")) != SQLITE_DONE)
        throw StoreError(std::string("sqlite: ") + sqlite3_errmsg(db_));
    began_ = true;
}

ReadSnapshot::~ReadSnapshot() {
    if (!began_) return;
    // A read-only transaction commits without touching the file; should it fail, roll back so
    // that the pooled connection never carries an open transaction to its next user.
    if (run(commit_) != SQLITE_DONE) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace yanzhen::store
