// yanzhen_bench_generate: the synthetic data of the benchmarks, deterministic for a seed.
//
//   yanzhen_bench_generate --scale district|province|examday|examdistrict|tiny [--seed N] [--out
//   DIR]
//                          [--today YYYY-MM-DD] [--evidence-csv] [--force]
//   yanzhen_bench_generate --check DATABASE
//                          exit 1 naming every table whose columns are not the ones the bulk
//                          load fills (SchemaCheck.hpp); the generator runs this check itself
//                          on every database it makes, and refuses to fill one that differs
//
// Writes DIR/<scale>-seed<N>/ (DIR defaults to build/bench-data):
//   yanzhen.db      the real schema (the store's migrations, the shipped courses kept as course
//                   versions by the services, as `yanzhen init` does), then people, posts,
//                   cohorts of 40 pinned to the course versions, enrolments and a year of
//                   evidence bulk-inserted with raw prepared statements in one transaction
//                   (a tool, not the host: it may bypass the repositories to be fast); then,
//                   through the services again, accounts (bench-admin, bench-trainer,
//                   bench-worker-1..3, password bench-password-2025) and an API token for wrk.
//   roster.csv      the people, in the format `yanzhen workers import` reads
//   evidence.csv    the evidence, in the format `yanzhen evidence import` reads (district and
//                   tiny always; province with --evidence-csv)
//   exam-results.csv  examday: the results of one national exam sitting, 2 or 3 subjects for
//                   each of 2,000,000 candidates (5,000,000 rows), for the import benchmark;
//                   the database then has the candidates and no evidence
//   token           the admin's API token;  workers  the number of workers (ids 1..N)
//   generated.txt   what was generated; when it matches the request, nothing is redone
//
// The schema is part of the match, by its migrations' text as well as its version: after a new
// migration, or an edited one, the data is made again (data kept from an index that is gone
// once measured reads the benchmark's answers on the wrong index).

#include "Population.hpp"
#include "SchemaCheck.hpp"
#include "Sink.hpp"

#include "courses/CourseCatalog.hpp"
#include "courses/CourseLoader.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/progress/CourseVersions.hpp"
#include "store/sqlite/Migrations.hpp"
#include "store/sqlite/SqliteStore.hpp"
#include "store/sqlite/WriteTransaction.hpp"

#include <yanzhen/date.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Object.h>
#include <Poco/SHA2Engine.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace yanzhen;
namespace fs = std::filesystem;

namespace {

constexpr int kGeneratorVersion = 1;
constexpr const char* kPassword = "bench-password-2025";

struct Request {
    std::string scale = "district";
    std::uint64_t seed = 1;
    fs::path out = fs::path(YANZHEN_BENCH_DATA_DIR);
    std::string today = "2026-11-28";
    bool evidenceCsv = false;
    bool force = false;
    fs::path check; ///< --check: only compare this database's tables with the sink's
};

/// Prints every difference of `db`'s schema from what the sink fills; true when there is none.
bool schemaMatches(const fs::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::cerr << "generate: cannot open " << file.string() << "\n";
        sqlite3_close(db);
        return false;
    }
    const auto differences = bench::schemaDifferences(db);
    sqlite3_close(db);
    for (const auto& d : differences)
        std::cerr << "generate: " << d << "\n";
    if (!differences.empty())
        std::cerr << "generate: the store's migrations changed tables the bulk load fills; "
                     "update the INSERTs in bench/generate/Sink.cpp and the columns in "
                     "bench/generate/SchemaCheck.cpp together\n";
    return differences.empty();
}

/// Prints the sample rows whose canonical fields differ from the evidence service's; true when
/// all agree.
bool canonicalMatches(const courses::CourseCatalog& catalog,
                      const plugins::PluginRegistry& registry,
                      const bench::Population& population) {
    // A sample that holds every kind the population draws: the first people, all courses.
    std::vector<bench::EvidenceDraw> rows;
    const std::size_t sample = std::min<std::size_t>(population.scale().people, 60);
    for (std::size_t i = 0; i < sample; ++i) {
        const auto p = population.person(i);
        if (population.scale().examDay)
            population.examResults(p, rows);
        else
            population.evidence(p, population.touyanStart(0), rows);
    }
    const auto differences = bench::canonicalDifferences(catalog, registry, rows);
    for (std::size_t i = 0; i < differences.size() && i < 5; ++i)
        std::cerr << "generate: " << differences[i] << "\n";
    if (!differences.empty())
        std::cerr << "generate: the generator's field JSON is not the evidence service's ("
                  << differences.size() << " of " << rows.size()
                  << " sample rows); mend bench/generate/Population.cpp\n";
    return differences.empty();
}

/// The first 16 hex digits of a SHA-256 over every migration's SQL.
std::string schemaDigest() {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    for (const auto& m : store::migrations())
        sha.update(m.sql);
    return Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 16);
}

std::string describe(const Request& q) {
    std::ostringstream s;
    s << "generator=" << kGeneratorVersion << "\nscale=" << q.scale << "\nseed=" << q.seed
      << "\ntoday=" << q.today << "\nschema=" << store::migrations().back().version << " "
      << schemaDigest() << "\nevidence_csv=" << (q.evidenceCsv ? 1 : 0) << "\n";
    return s.str();
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int usage() {
    std::cerr
        << "usage: yanzhen_bench_generate --scale district|province|examday|examdistrict|tiny "
           "[--seed N] [--out DIR] [--today YYYY-MM-DD] [--evidence-csv] [--force]\n"
           "       yanzhen_bench_generate --check DATABASE\n";
    return 2;
}

/// Accounts and the wrk token, through the services as `yanzhen users` makes them.
void addAccounts(const fs::path& dbFile, const fs::path& dir, bool withWorkers) {
    auto db = store::Database::open(dbFile);
    store::SqliteStore records(*db);
    services::LoginThrottle throttle;
    services::AccountService accounts(records, throttle);
    accounts.createAccount({"bench-admin", "admin", std::nullopt, kPassword}, "bench");
    if (withWorkers) {
        for (int i = 1; i <= 3; ++i) {
            char code[16];
            std::snprintf(code, sizeof code, "P%07d", i);
            accounts.createAccount(
                {"bench-worker-" + std::to_string(i), "worker", std::string(code), kPassword},
                "bench");
        }
    }
    const auto token = accounts.createToken("bench-admin", "wrk", std::nullopt, "bench");
    std::ofstream(dir / "token") << token.token << "\n";
}

} // namespace

int main(int argc, char** argv) {
    Request q;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--scale")
            q.scale = next();
        else if (a == "--seed")
            q.seed = std::stoull(next());
        else if (a == "--out")
            q.out = next();
        else if (a == "--today")
            q.today = next();
        else if (a == "--evidence-csv")
            q.evidenceCsv = true;
        else if (a == "--force")
            q.force = true;
        else if (a == "--check") {
            q.check = next();
            if (q.check.empty()) return usage();
        } else
            return usage();
    }
    if (!q.check.empty()) return schemaMatches(q.check) ? 0 : 1;
    const auto today = parseDay(q.today);
    if (!today) return usage();
    bench::Scale scale;
    try {
        scale = bench::scaleNamed(q.scale);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    if (q.scale == "district" || q.scale == "tiny") q.evidenceCsv = true;

    const fs::path dir = q.out / (q.scale + "-seed" + std::to_string(q.seed));
    const std::string wanted = describe(q);
    if (!q.force && fs::exists(dir / "generated.txt") &&
        slurp(dir / "generated.txt").rfind(wanted, 0) == 0) {
        std::cout << dir.string() << " (reused)\n";
        return 0;
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto started = std::chrono::steady_clock::now();

    // The schema and the course versions, as `yanzhen init` makes them.
    const fs::path dbFile = dir / "yanzhen.db";
    std::string touyanHash;
    std::string nationalHash;
    store::Id districtRoot = 0;
    {
        plugins::PluginRegistry registry;
        registry.discover({fs::path(YANZHEN_PLUGIN_DIR)});
        courses::CourseCatalog catalog;
        catalog.discover({fs::path(YANZHEN_COURSES_DIR)}, courses::CourseLoader(registry));
        auto db = store::Database::open(dbFile);
        store::SqliteStore records(*db);
        services::CourseVersions versions(records, registry);
        records.write("bench", [&](store::WriteUnit& unit) {
            const auto report = services::prepareDatabase(unit, versions, catalog);
            districtRoot = report.district;
            for (const auto& v : report.versions) {
                if (v.courseId == "touyan-linghang") touyanHash = v.hash;
                if (v.courseId == "national-social-worker") nationalHash = v.hash;
            }
        });
        if (touyanHash.empty() || nationalHash.empty()) {
            std::cerr << "the shipped courses did not load from " << YANZHEN_COURSES_DIR << "\n";
            return 1;
        }
        // The bulk load bypasses the store: refuse before it writes a row the store would not.
        if (!schemaMatches(dbFile) ||
            !canonicalMatches(catalog, registry, bench::Population(scale, q.seed, *today)))
            return 1;
    }

    bench::Population population(scale, q.seed, *today);
    bench::SinkCounts counts;
    try {
        bench::Sink sink(dbFile, dir, q.evidenceCsv, districtRoot, touyanHash, nationalHash);
        counts = sink.fill(population);
    } catch (const std::exception& e) {
        std::cerr << "generate: " << e.what() << "\n";
        return 1;
    }

    {
        // One audit entry for the whole bulk load, like an import's.
        auto db = store::Database::open(dbFile);
        db->write("bench", [&](store::WriteTransaction& tx) {
            Poco::JSON::Object details;
            details.set("scale", q.scale);
            details.set("seed", static_cast<Poco::UInt64>(q.seed));
            details.set("people", static_cast<Poco::UInt64>(counts.people));
            details.set("evidence", static_cast<Poco::UInt64>(counts.evidence));
            tx.audit("bench.generate", "database", q.scale, details);
        });
    }
    addAccounts(dbFile, dir, !scale.examDay);
    std::ofstream(dir / "workers") << scale.people << "\n";

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ofstream(dir / "generated.txt")
        << wanted << "people=" << counts.people << "\nworkers=" << scale.people
        << "\ncohorts=" << counts.cohorts << "\nenrollments=" << counts.enrollments
        << "\nevidence=" << counts.evidence << "\nexam_results=" << counts.examResults
        << "\nseconds=" << seconds << "\n";
    std::printf("%s: %zu people, %zu cohorts, %zu enrolments, %zu evidence rows, %zu exam "
                "results in %.1f s\n",
                dir.string().c_str(), counts.people, counts.cohorts, counts.enrollments,
                counts.evidence, counts.examResults, seconds);
    return 0;
}
