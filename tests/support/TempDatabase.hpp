/// \file TempDatabase.hpp
/// A real SQLite database file in a fresh temporary folder, removed when the test ends.
#pragma once

#include "store/sqlite/Database.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

namespace yanzhen::testsupport {

class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string("yanzhen-") + (info != nullptr ? info->name() : "test") +
                           "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        for (auto& c : name)
            if (c == '/') c = '_';
        path_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// A database opened (created and migrated) in its own temporary folder.
struct TempDatabase {
    TempFolder folder;
    std::filesystem::path file = folder / "yanzhen.db";
    std::shared_ptr<store::Database> db = store::Database::open(file);
    /// The same database behind the store's interfaces.
    store::SqliteStore store{*db};
};

} // namespace yanzhen::testsupport
