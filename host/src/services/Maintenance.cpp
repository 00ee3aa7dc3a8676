#include "services/Maintenance.hpp"

namespace yanzhen::services {

std::shared_ptr<Database> openDatabase(const std::filesystem::path& file) {
    return Database::open(file);
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
