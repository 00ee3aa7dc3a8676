// Fuzz target: a CSV file through the real roster and evidence imports, on a real SQLite
// database with the real plugins and the shipped 头雁领航 course (FuzzWorld.hpp).
//
// The first byte of an input chooses: bit 0 the import (0 roster, 1 evidence), bit 1 a dry
// run (1) or a real one (0); the rest is the file. Whatever the file, the import never
// crashes; it throws nothing but store::StoreError (which it documents, and which a constraint
// the checks missed would be: reported, then a crash); and it is all or nothing: the table it
// fills grows by the report's rows when it wrote, and not at all otherwise.

#include "FuzzWorld.hpp"

#include "services/imports/EvidenceImport.hpp"
#include "services/imports/RosterImport.hpp"

#include <Poco/Data/Session.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

std::int64_t count(yanzhen::store::Database& db, const std::string& table) {
    using namespace Poco::Data::Keywords;
    std::int64_t n = 0;
    auto r = db.read();
    *r << "SELECT COUNT(*) FROM " + table, into(n), now;
    return n;
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "csv_import_fuzz: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yanzhen;
    static fuzz::World* world = new fuzz::World("csv"); // lives to the end
    if (size == 0) return 0;
    const bool evidence = (data[0] & 1) != 0;
    const bool dryRun = (data[0] & 2) != 0;
    const auto file = world->folder.path() / "input.csv";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    const std::string table = evidence ? "evidence" : "people";
    const auto before = count(*world->db, table);
    const services::ImportOptions options{dryRun, "fuzz", {}};
    services::ImportReport report;
    try {
        report = evidence ? services::EvidenceImport(*world->store, *world->versions,
                                                     world->plugins.registry)
                                .run(file, options)
                          : services::RosterImport(*world->store).run(file, options);
    } catch (const store::StoreError& e) {
        std::fprintf(stderr, "csv_import_fuzz: the store refused what the checks passed: %s\n",
                     e.what());
        std::abort();
    }
    const auto after = count(*world->db, table);
    if (report.written && (dryRun || !report.ok())) fail("wrote on a dry run or with bad rows");
    if (!report.written && after != before) fail("rows appeared without a write");
    if (report.written && after != before + static_cast<std::int64_t>(report.rows))
        fail("the table did not grow by the report's rows");
    return 0;
}
