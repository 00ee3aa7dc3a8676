#include "services/Maintenance.hpp"

#include "store/sqlite/Database.hpp"
#include "store/sqlite/SqliteStore.hpp"

namespace yanzhen::services {

std::shared_ptr<Database> openDatabase(const std::filesystem::path& file) {
    return Database::open(file);
}

std::unique_ptr<store::Store> storeOf(Database& db) {
    return std::make_unique<store::SqliteStore>(db);
}

int schemaVersion(Database& db) {
    return db.schemaVersion();
}

const std::filesystem::path& databaseFile(const Database& db) {
    return db.file();
}

void backupDatabase(Database& db, const std::filesystem::path& target) {
    db.backup(target);
}

} // namespace yanzhen::services
