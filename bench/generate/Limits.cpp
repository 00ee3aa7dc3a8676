// yanzhen_bench_limits: the limits the benchmark figures are compared with, measured on the
// same data in the same run, and (until a recompute command exists) the recompute loop.
//
//   yanzhen_bench_limits raw-insert DB --scale S [--seed N] [--today D]
//       The rows of S's exam-results.csv (drawn again, not read from the file) inserted into
//       DB's evidence table by a raw sqlite3 prepared statement in one transaction; prints
//       "rows SECONDS". Only the bind/step/commit time counts.
//   yanzhen_bench_limits scan DB
//       One SQL scan aggregating every evidence row per person and module; prints
//       "rows SECONDS".
//   yanzhen_bench_limits recompute DB [--date D]
//       Every enrolled person's progress through ProgressService::forPerson, one after the
//       other; prints "people SECONDS".
//   yanzhen_bench_limits coldstart DB --binary YANZHEN --port P --token T [--worker ID]
//                        [--date D] [--runs 10]
//       `yanzhen serve` started `runs` times on DB, each to its first answered progress
//       request; prints "MEDIAN_MS MIN_MS MAX_MS EXEC_FLOOR_MS" (the floor: `yanzhen --version`).
//   yanzhen_bench_limits bytes DB --port P --token T --workers N [--date D]
//       The mean size of a progress answer (50 workers) from a server on port P.
//   yanzhen_bench_limits licensure DB [--date D] [--runs 10]
//       The licensing figures by community (services/reports/LicensureReport), `runs` times
//       each: cold (every post and credential record read, then counted) and as the server
//       answers while nothing changed (LicensureKeeper: the generation read, then counted);
//       beside them the limit: the same rows read by raw sqlite3 statements, stepped and
//       dropped. Prints "COLD_MS WARM_MS LIMIT_MS POSTS RECORDS" (medians).

#include "Population.hpp"
#include "Probes.hpp"
#include "Sink.hpp"

#include "courses/CourseCatalog.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"
#include "services/reports/LicensureReport.hpp"
#include "store/sqlite/Database.hpp"
#include "store/sqlite/SqliteStore.hpp"

#include <yanzhen/date.hpp>

#include <Poco/Data/SQLite/Utility.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

using namespace yanzhen;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

int rawInsert(const std::string& file, const std::string& scaleName, std::uint64_t seed,
              std::int32_t today) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return 1;
    // What the store sets on its writer connection (Database.cpp): WAL, synchronous=NORMAL.
    sqlite3_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", nullptr, nullptr,
                 nullptr);
    bench::Population population(bench::scaleNamed(scaleName), seed, today);
    std::size_t rows = 0;
    double seconds = 0;
    {
        bench::Statement insert(
            db, "INSERT INTO evidence(person_id, course_id, module, kind, ref, day, session_id, "
                "fields, recorded_at, recorded_by, supersedes, reason) "
                "VALUES(?, NULL, ?, ?, ?, ?, NULL, ?, '2026-11-28T00:00:00Z', 'raw', NULL, NULL)");
        std::vector<bench::EvidenceDraw> draws;
        auto t = Clock::now();
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        seconds += since(t);
        for (std::size_t i = 0; i < population.scale().people; ++i) {
            draws.clear();
            population.examResults(population.person(i), draws);
            t = Clock::now();
            for (const auto& r : draws) {
                insert.bind(1, r.person)
                    .bind(2, std::string(r.module))
                    .bind(3, std::string(r.kind))
                    .bind(4, r.ref)
                    .bind(5, static_cast<std::int64_t>(r.day))
                    .bind(6, r.json)
                    .step();
            }
            seconds += since(t);
            rows += draws.size();
        }
        t = Clock::now();
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        seconds += since(t);
    }
    sqlite3_close(db);
    std::printf("%zu %.3f\n", rows, seconds);
    return 0;
}

int scan(const std::string& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 1;
    sqlite3_stmt* st = nullptr;
    // Per person and module: how many rows, the latest day, the total of the JSON it carries
    // (so every row's fields are read, as a recompute must).
    sqlite3_prepare_v2(db,
                       "SELECT person_id, module, count(*), max(day), sum(length(fields)) "
                       "FROM evidence GROUP BY person_id, module",
                       -1, &st, nullptr);
    const auto t = Clock::now();
    std::size_t groups = 0;
    std::int64_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        ++groups;
        rows += sqlite3_column_int64(st, 2);
    }
    const double seconds = since(t);
    sqlite3_finalize(st);
    sqlite3_close(db);
    std::printf("%lld %.3f %zu\n", static_cast<long long>(rows), seconds, groups);
    return 0;
}

int recompute(const std::string& file, std::int32_t today) {
    plugins::PluginRegistry registry;
    registry.discover({fs::path(YANZHEN_PLUGIN_DIR)});
    auto db = store::Database::open(file);
    store::SqliteStore records(*db);
    services::CourseVersions versions(records, registry);
    services::ProgressService progress(records, versions);
    std::vector<store::Id> people;
    {
        // The people enrolled somewhere (a tool's read, by the raw handle: no repository lists
        // every enrolment at once).
        auto r = db->read();
        sqlite3* h = Poco::Data::SQLite::Utility::dbHandle(*r);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(h, "SELECT DISTINCT person_id FROM enrollments ORDER BY person_id", -1,
                           &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            people.push_back(sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
    }
    const auto t = Clock::now();
    std::size_t cohorts = 0;
    for (const auto id : people)
        cohorts += progress.forPerson(id, today).size();
    std::printf("%zu %.3f %zu\n", people.size(), since(t), cohorts);
    return 0;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int licensure(const std::string& file, std::int32_t today, int runs) {
    auto db = store::Database::open(file);
    store::SqliteStore records(*db);
    std::vector<double> cold;
    std::size_t posts = 0;
    for (int i = 0; i < runs; ++i) {
        const auto t = Clock::now();
        const services::LicensureData data(records);
        const auto figures = data.figures(today, services::LicensureBy::Community);
        cold.push_back(since(t) * 1000);
        posts = 0;
        for (const auto& f : figures.totals)
            posts += f.posts;
    }
    services::LicensureKeeper keeper;
    keeper.data(records);
    std::vector<double> warm;
    for (int i = 0; i < runs; ++i) {
        const auto t = Clock::now();
        const auto figures = keeper.data(records)->figures(today, services::LicensureBy::Community);
        warm.push_back(since(t) * 1000);
    }
    // The limit: the rows the figures are counted from, read the cheapest way there is.
    std::vector<double> limit;
    std::size_t recordRows = 0;
    for (int i = 0; i < runs; ++i) {
        auto r = db->read();
        sqlite3* h = Poco::Data::SQLite::Utility::dbHandle(*r);
        const auto t = Clock::now();
        recordRows = 0;
        for (const char* sql :
             {"SELECT s.person_id, s.kind, COALESCE(s.org_unit_id, p.org_unit_id), s.started_on, "
              "s.ended_on FROM posts s JOIN people p ON p.id = s.person_id",
              "SELECT e.person_id, e.ref, e.id, e.day, e.fields FROM evidence e WHERE "
              "e.kind = 'credential' AND e.course_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
              "evidence c WHERE c.supersedes = e.id)"}) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(h, sql, -1, &st, nullptr);
            while (sqlite3_step(st) == SQLITE_ROW)
                ++recordRows;
            sqlite3_finalize(st);
        }
        limit.push_back(since(t) * 1000);
    }
    std::printf("%.1f %.2f %.1f %zu %zu\n", median(cold), median(warm), median(limit), posts,
                recordRows);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: yanzhen_bench_limits raw-insert|scan|recompute DB [options]\n";
        return 2;
    }
    const std::string what = argv[1];
    const std::string file = argv[2];
    std::string scale = "examday";
    std::uint64_t seed = 1;
    std::string date = "2026-11-28";
    std::string binary;
    std::string token;
    int port = 0;
    long worker = 1;
    long workers = 1;
    int runs = 10;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const std::string v = argv[i + 1];
        if (a == "--scale")
            scale = v;
        else if (a == "--seed")
            seed = std::stoull(v);
        else if (a == "--today" || a == "--date")
            date = v;
        else if (a == "--binary")
            binary = v;
        else if (a == "--token")
            token = v;
        else if (a == "--port")
            port = std::stoi(v);
        else if (a == "--worker")
            worker = std::stol(v);
        else if (a == "--workers")
            workers = std::stol(v);
        else if (a == "--runs")
            runs = std::stoi(v);
    }
    const auto day = parseDay(date);
    if (!day) return 2;
    try {
        if (what == "raw-insert") return rawInsert(file, scale, seed, *day);
        if (what == "scan") return scan(file);
        if (what == "recompute") return recompute(file, *day);
        if (what == "licensure") return licensure(file, *day, runs);
        if (what == "coldstart") {
            const auto c = bench::coldStart(binary, file, port, token, worker, date, runs);
            std::printf("%.1f %.1f %.1f %.1f\n", c.medianMs, c.minMs, c.maxMs, c.execFloorMs);
            return 0;
        }
        if (what == "bytes") {
            std::printf("%.0f\n", bench::progressBytes(port, token, workers, date, 50));
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << what << ": " << e.what() << "\n";
        return 1;
    }
    return 2;
}
