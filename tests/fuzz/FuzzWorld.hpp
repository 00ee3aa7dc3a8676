/// \file FuzzWorld.hpp
/// What the fuzz targets share: the real plugins of this build (YANZHEN_PLUGIN_DIR), the
/// shipped courses (courses/ in the sources) and, for the targets that write, a real SQLite
/// database in a temporary folder holding what `yanzhen init` puts there plus one cohort of
/// the 头雁领航 course with ten enrolled workers (JY-0001 ... JY-0010) and two sessions
/// (ids 1 and 2). Built once per process, on the first input; the folder is removed when the
/// process exits normally (a crash leaves it behind, next to the crash's input).
#pragma once

#include "courses/CourseCatalog.hpp"
#include "courses/CourseLoader.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/progress/CourseVersions.hpp"
#include "store/sqlite/Database.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace yanzhen::fuzz {

/// A folder of its own under the system's temporary folder, removed when destroyed.
class FuzzFolder {
public:
    explicit FuzzFolder(const std::string& target)
        : path_(std::filesystem::temp_directory_path() /
                ("yanzhen-fuzz-" + target + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~FuzzFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    FuzzFolder(const FuzzFolder&) = delete;
    FuzzFolder& operator=(const FuzzFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The plugins and the shipped courses; the catalog's courses go before the plugins whose
/// libraries hold their code.
struct Plugins {
    plugins::PluginRegistry registry;
    courses::CourseCatalog catalog;

    Plugins() {
        registry.discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        catalog.discover({std::filesystem::path(YANZHEN_SOURCE_DIR) / "courses"},
                         courses::CourseLoader(registry));
        if (!catalog.failures().empty() || catalog.courses().empty()) {
            std::fprintf(stderr, "fuzz: the shipped courses do not load with the plugins in %s\n",
                         YANZHEN_PLUGIN_DIR);
            std::abort();
        }
    }
};

/// Plugins, courses and a populated database, as described above.
struct World {
    FuzzFolder folder;
    Plugins plugins;
    std::shared_ptr<store::Database> db;
    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<services::CourseVersions> versions;

    explicit World(const std::string& target)
        : folder(target), db(store::Database::open(folder.path() / "yanzhen.db")),
          store(std::make_unique<store::SqliteStore>(*db)),
          versions(std::make_unique<services::CourseVersions>(*store, plugins.registry)) {
        store->write("fuzz", [&](store::WriteUnit& unit) {
            services::prepareDatabase(unit, *versions, plugins.catalog);
            std::string hash;
            for (const auto& course : plugins.catalog.courses())
                if (course->id == "touyan-linghang") hash = versions->keep(unit, *course);
            auto& cohorts = unit.cohorts();
            const auto cohort = cohorts.create(
                store::Cohort{0, "TY-2025-1", "第一期", hash, "2025-03-01", "2025-04-30", 0});
            for (int n = 1; n <= 10; ++n) {
                char code[16];
                std::snprintf(code, sizeof code, "JY-%04d", n);
                cohorts.enroll(
                    cohort, unit.people().add(store::Person{0, code, "学员" + std::to_string(n)}),
                    "2025-03-01");
            }
            auto& sessions = unit.sessions();
            sessions.add(store::Session{0, cohort, "ceremony", "opening", "2025-03-01T09:00",
                                        "2025-03-01T11:00", "礼堂"});
            sessions.add(store::Session{0, cohort, "theory", "casework", "2025-03-05T09:00",
                                        "2025-03-05T11:00", "教室"});
        });
    }
};

} // namespace yanzhen::fuzz
