/// \file StoreSubsystem.hpp
/// Owns the database for the life of the process. Registered first, so torn down last.
#pragma once

#include "services/Records.hpp"

#include <Poco/Util/Subsystem.h>

#include <filesystem>
#include <memory>

namespace yanzhen::app {

class StoreSubsystem : public Poco::Util::Subsystem {
public:
    const char* name() const override { return "yanzhen.store"; }

    /// The database file, absolute: `yanzhen.db` (--db, the configuration file), else
    /// YANZHEN_DB, else yanzhen.db in the current folder.
    const std::filesystem::path& file() const { return file_; }
    /// The database, opened (and created, and migrated) on first use.
    services::Database& database();
    /// The same records behind the store's interfaces.
    services::Store& store();

protected:
    void initialize(Poco::Util::Application& app) override;
    void uninitialize() override {
        store_.reset();
        database_.reset();
    }

private:
    std::filesystem::path file_;
    std::shared_ptr<services::Database> database_;
    std::unique_ptr<services::Store> store_;
};

} // namespace yanzhen::app
