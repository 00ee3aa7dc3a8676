/// \file Maintenance.hpp
/// What an operator asks of the database as a whole: its schema version (health), where it
/// lives, and a consistent copy of it while it is in use.
#pragma once

#include "services/Records.hpp"
#include "store/Store.hpp"

#include <filesystem>
#include <memory>

namespace yanzhen::services {

/// Opens `file` (creating it when it does not exist) and applies missing migrations. Throws
/// store::StoreError when it is newer than this program or not a database.
std::shared_ptr<Database> openDatabase(const std::filesystem::path& file);
/// The records of `db` behind the store's interfaces; `db` must outlive it.
std::unique_ptr<store::Store> storeOf(Database& db);
/// The highest migration applied; reading it proves the database answers.
int schemaVersion(Database& db);
/// The database file.
const std::filesystem::path& databaseFile(const Database& db);
/// Copies the whole database to `target`: a consistent snapshot, taken while others go on
/// reading and writing.
void backupDatabase(Database& db, const std::filesystem::path& target);

} // namespace yanzhen::services
