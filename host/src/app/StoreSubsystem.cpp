#include "StoreSubsystem.hpp"

#include "services/Maintenance.hpp"

#include <Poco/Environment.h>
#include <Poco/Util/Application.h>

namespace yanzhen::app {

void StoreSubsystem::initialize(Poco::Util::Application& app) {
    // Resolved now: with --daemon the process later changes directory to /.
    // --db, else YANZHEN_DB, else the configuration file (folded together by the application).
    std::string file = app.config().getString("yanzhen.db", "yanzhen.db");
    file_ = std::filesystem::absolute(file);
}

services::Database& StoreSubsystem::database() {
    if (!database_) database_ = services::openDatabase(file_);
    return *database_;
}

store::Store& StoreSubsystem::store() {
    if (!store_) store_ = services::storeOf(database());
    return *store_;
}

} // namespace yanzhen::app
