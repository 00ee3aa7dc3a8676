/// \file SqliteStore.hpp
/// The embedded backend of store/Store.hpp: units of work on a Database (one SQLite file). A
/// ReadUnit is a pooled reader inside one read transaction (ReadSnapshot); a WriteUnit is the
/// writer's transaction. Each aggregate is its repository, bound to the unit's connection and,
/// in a write, to its transaction.
#pragma once

#include "Database.hpp"

#include "store/Store.hpp"

namespace yanzhen::store {

class SqliteStore : public Store {
public:
    /// `db` must outlive the store.
    explicit SqliteStore(Database& db) : db_(db) {}

    std::unique_ptr<ReadUnit> read() override;
    std::unique_ptr<ProgressSnapshot> readProgress() override;
    void write(const std::string& actor, const std::function<void(WriteUnit&)>& body) override;
    int schemaVersion() override;

    Database& database() { return db_; }

private:
    Database& db_;
};

} // namespace yanzhen::store
