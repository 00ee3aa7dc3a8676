// The benchmark's tools, as bench/run.sh uses them: the generator's data is what the real
// commands accept and the same for the same seed, and the bench-only endpoint exists only
// behind its switch and answers the size asked for.

#include "RunCommand.hpp"
#include "ServeProcess.hpp"
#include "TempDatabase.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

using namespace yanzhen::testsupport;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// GET `path` with no login, as a load balancer or wrk asks.
HttpAnswer get(unsigned short port, const std::string& path) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    HttpAnswer a;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), a.body);
    a.status = response.getStatus();
    return a;
}

CommandResult generate(const fs::path& out, const std::string& seed) {
    return runCommand(YANZHEN_BENCH_GENERATE,
                      {"--scale", "tiny", "--seed", seed, "--out", out.string()});
}

} // namespace

TEST(BenchGenerate, TinyDataIsAcceptedByTheRealCommands) {
    TempFolder folder;
    const auto r = generate(folder.path(), "7");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const fs::path dir = folder / "tiny-seed7";
    const fs::path db = dir / "yanzhen.db";
    const std::string summary = slurp(dir / "generated.txt");
    EXPECT_NE(summary.find("workers=500\n"), std::string::npos) << summary;

    // Every generated row passes the import's checks (plugin schemas, known workers).
    const auto check =
        runCommand(YANZHEN_BINARY, {"evidence", "import", (dir / "evidence.csv").string(),
                                    "--dry-run", "--db", db.string(), "--lang", "en"});
    EXPECT_EQ(check.exitCode, 0) << check.out << check.err;

    // A roster in the format `workers import` reads: a fresh database takes all of it.
    const auto roster =
        runCommand(YANZHEN_BINARY, {"workers", "import", (dir / "roster.csv").string(), "--db",
                                    (folder / "fresh.db").string(), "--lang", "en"});
    EXPECT_EQ(roster.exitCode, 0) << roster.out << roster.err;

    // The first worker is enrolled and has progress.
    const auto progress =
        runCommand(YANZHEN_BINARY, {"progress", "P0000001", "--date", "2026-11-28", "--json",
                                    "--db", db.string(), "--lang", "en"});
    EXPECT_EQ(progress.exitCode, 0) << progress.err;
    EXPECT_NE(progress.out.find("touyan-linghang"), std::string::npos) << progress.out;
}

TEST(BenchGenerate, SameSeedSameDataAndReused) {
    TempFolder a;
    TempFolder b;
    ASSERT_EQ(generate(a.path(), "3").exitCode, 0);
    ASSERT_EQ(generate(b.path(), "3").exitCode, 0);
    EXPECT_EQ(slurp(a / "tiny-seed3/evidence.csv"), slurp(b / "tiny-seed3/evidence.csv"));
    EXPECT_EQ(slurp(a / "tiny-seed3/roster.csv"), slurp(b / "tiny-seed3/roster.csv"));
    ASSERT_EQ(generate(b.path(), "4").exitCode, 0);
    EXPECT_NE(slurp(a / "tiny-seed3/evidence.csv"), slurp(b / "tiny-seed4/evidence.csv"));

    const auto again = generate(a.path(), "3");
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_NE(again.out.find("(reused)"), std::string::npos) << again.out;
}

TEST(BenchEndpoint, OnlyBehindItsSwitchAndOfTheSizeAsked) {
    TempFolder folder;
    ASSERT_EQ(generate(folder.path(), "1").exitCode, 0);
    const fs::path db = folder / "tiny-seed1" / "yanzhen.db";
    {
        ServeProcess plain(YANZHEN_BINARY, db);
        const auto port = plain.port();
        ASSERT_NE(port, 0) << plain.err();
        EXPECT_EQ(get(port, "/bench/bare?bytes=100").status, 404);
    }
    ServeProcess bench(YANZHEN_BINARY, db, {"--bench-endpoints"});
    const auto port = bench.port();
    ASSERT_NE(port, 0) << bench.err();
    const auto answer = get(port, "/bench/bare?bytes=3000");
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body.size(), 3000u);
    EXPECT_EQ(answer.body.rfind("{\"pad\":\"", 0), 0u);
    EXPECT_EQ(get(port, "/bench/bare?bytes=lots").status, 400);
}

// The bulk load writes into the store's tables directly: a migration that changes one of them
// must stop the generator with the table and the columns named, not leave it filling rows the
// new schema does not expect.
TEST(BenchGenerate, RefusesATableWhoseColumnsItDoesNotKnow) {
    TempFolder folder;
    const fs::path db = folder / "yanzhen.db";
    const auto init = runCommand(YANZHEN_BINARY, {"init", "--db", db.string(), "--lang", "en"});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    const auto same = runCommand(YANZHEN_BENCH_GENERATE, {"--check", db.string()});
    EXPECT_EQ(same.exitCode, 0) << same.err;

    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(handle, "ALTER TABLE people ADD COLUMN ethnicity TEXT", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(handle);
    const auto changed = runCommand(YANZHEN_BENCH_GENERATE, {"--check", db.string()});
    EXPECT_EQ(changed.exitCode, 1);
    EXPECT_NE(changed.err.find("table people has columns the generator does not fill: ethnicity"),
              std::string::npos)
        << changed.err;
    EXPECT_NE(changed.err.find("bench/generate/Sink.cpp"), std::string::npos) << changed.err;
}
