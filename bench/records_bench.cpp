// Records benchmark on the demo district: how long one worker's progress takes to compute, and
// how fast evidence imports, each beside the limit of the same machine in the same run.
//
//   build/bench/yanzhen_bench_records [--rows N]
//
// Progress: every enrolled demo worker, several rounds, through ProgressService (one evidence
// query, field decoding, the plugins, the rule engine) and, as the limit, the same worker's
// evidence query alone with nothing computed. Import: N attendance rows through
// `EvidenceImport` (CSV parsing, checks against the plugin schema, one transaction) beside a
// raw sqlite3 prepared-insert loop of the same rows into the same table in one transaction.

#include "courses/CourseCatalog.hpp"
#include "services/imports/EvidenceImport.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/EvidenceRepository.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <yanzhen/date.hpp>

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <vector>

using namespace yanzhen;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using namespace Poco::Data::Keywords;

namespace {

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void row(const std::string& figure, double ours, double limit, const std::string& unit,
         bool higherIsBetter) {
    const double ratio = higherIsBetter ? ours / limit : limit / ours;
    std::printf("%-44s %14.3f %14.3f  %-8s %6.2f\n", figure.c_str(), ours, limit, unit.c_str(),
                ratio);
}

} // namespace

int main(int argc, char** argv) {
    std::size_t rows = 200000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--rows") rows = std::stoul(argv[i + 1]);

    const fs::path work =
        fs::temp_directory_path() / ("yanzhen-bench-" + std::to_string(::getpid()));
    fs::create_directories(work);
    const fs::path dbFile = work / "demo.db";
    const std::string date = "2026-11-28";
    const std::string init = std::string(YANZHEN_BINARY) + " init --demo --seed 1 --date " + date +
                             " --db " + dbFile.string() + " > /dev/null";
    const auto initStarted = Clock::now();
    if (std::system(init.c_str()) != 0) {
        std::cerr << "init --demo failed\n";
        return 1;
    }
    const double initSeconds = seconds(Clock::now() - initStarted);

    plugins::PluginRegistry registry;
    registry.discover({fs::path(YANZHEN_PLUGIN_DIR)});
    auto db = store::Database::open(dbFile);
    store::SqliteStore records(*db);
    services::CourseVersions versions(records, registry);
    services::ProgressService progress(records, versions);
    const std::int32_t today = *parseDay(date);

    // Everyone enrolled, with their cohort.
    std::vector<std::pair<store::Id, store::Cohort>> enrolled;
    {
        auto r = db->read();
        store::CohortRepository cohorts(*r);
        for (const auto& c : cohorts.list())
            for (const auto person : cohorts.members(c.id))
                enrolled.emplace_back(person, c);
    }

    // Progress: warm the course cache once, then time every worker, several rounds.
    for (const auto& [person, cohort] : enrolled)
        progress.forPerson(person, today);
    std::vector<double> ours;
    std::vector<double> query;
    for (int round = 0; round < 20; ++round) {
        for (const auto& [person, cohort] : enrolled) {
            auto t0 = Clock::now();
            const auto p = progress.forPerson(person, today);
            ours.push_back(seconds(Clock::now() - t0) * 1e6);
            t0 = Clock::now();
            auto r = db->read();
            const auto evidence = store::EvidenceRepository(*r).current(person, "touyan-linghang");
            query.push_back(seconds(Clock::now() - t0) * 1e6);
        }
    }

    // Import: attendance rows for enrolled workers, as a trainer's CSV would carry them.
    const fs::path csv = work / "evidence.csv";
    {
        std::ofstream out(csv);
        out << "worker,course,module,ref,date,kind,status,minutes\n";
        const char* units[] = {"party_building", "policy_law", "casework", "groupwork",
                               "emergency"};
        for (std::size_t i = 0; i < rows; ++i) {
            const auto& [person, cohort] = enrolled[i % enrolled.size()];
            out << person << ",touyan-linghang,theory," << units[i % 5] << "," << cohort.startsOn
                << ",attendance,present," << (i % 240) << "\n";
        }
    }
    services::EvidenceImport import(records, versions, registry);
    const auto importStarted = Clock::now();
    const auto report = import.run(csv, services::ImportOptions{false, "bench", {}});
    const double importSeconds = seconds(Clock::now() - importStarted);
    if (!report.ok()) {
        std::cerr << "import failed: " << report.problems.front().message.en << "\n";
        return 1;
    }

    // The limit: the same rows, prepared once, bound and stepped in one transaction.
    double rawSeconds = 0;
    {
        Poco::Data::Session s("SQLite", dbFile.string());
        sqlite3* h = Poco::Data::SQLite::Utility::dbHandle(s);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(
            h,
            "INSERT INTO evidence(person_id, course_id, module, kind, ref, day, session_id, fields,"
            " recorded_at, recorded_by, supersedes, reason) VALUES(?, 'touyan-linghang', 'theory',"
            " 'attendance', ?, ?, NULL, ?, '2026-11-28T00:00:00Z', 'raw', NULL, NULL)",
            -1, &st, nullptr);
        const char* units[] = {"party_building", "policy_law", "casework", "groupwork",
                               "emergency"};
        const auto t0 = Clock::now();
        sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (std::size_t i = 0; i < rows; ++i) {
            const auto& [person, cohort] = enrolled[i % enrolled.size()];
            const std::string fields =
                "{\"minutes\":" + std::to_string(i % 240) + ",\"status\":\"present\"}";
            sqlite3_bind_int64(st, 1, person);
            sqlite3_bind_text(st, 2, units[i % 5], -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 3, *parseDay(cohort.startsOn));
            sqlite3_bind_text(st, 4, fields.c_str(), static_cast<int>(fields.size()),
                              SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
        rawSeconds = seconds(Clock::now() - t0);
        sqlite3_finalize(st);
    }

    std::printf("Yanzhen records benchmark: demo district (seed 1, %s), %zu enrolled workers, %zu "
                "import rows\n",
                date.c_str(), enrolled.size(), rows);
    std::printf("init --demo: %.2f s\n\n", initSeconds);
    std::printf("%-44s %14s %14s  %-8s %6s\n", "figure", "yanzhen", "limit", "unit", "ratio");
    row("progress of one worker, mean (limit: query)",
        std::accumulate(ours.begin(), ours.end(), 0.0) / ours.size(),
        std::accumulate(query.begin(), query.end(), 0.0) / query.size(), "us", false);
    row("progress of one worker, p99", percentile(ours, 0.99), percentile(query, 0.99), "us",
        false);
    row("evidence import (limit: raw sqlite3 loop)", static_cast<double>(rows) / importSeconds,
        static_cast<double>(rows) / rawSeconds, "rows/s", true);
    std::printf("\nratio: yanzhen as a share of the limit (1.00 = as fast as the limit)\n");
    fs::remove_all(work);
    return 0;
}
