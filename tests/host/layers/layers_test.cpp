// The dependency rules of ARCHITECTURE.md section 2, read off the source tree: what each layer
// may include. A rule that today's tree still breaks in known places lists those places; the
// test fails when a new break appears and also when a listed one is mended, so that the list
// only ever shrinks and always says exactly what is left to do.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::path(YANZHEN_SOURCE_DIR);
const fs::path kHost = kSource / "host" / "src";

/// Every `#include` of every C++ file under `dir`, as "file include" (paths from host/src for
/// the host, from the repository root elsewhere).
std::set<std::string> includesUnder(const fs::path& dir, const fs::path& base) {
    std::set<std::string> out;
    const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) continue;
        std::ifstream in(entry.path());
        std::string line;
        std::smatch m;
        while (std::getline(in, line))
            if (std::regex_search(line, m, include))
                out.insert(fs::relative(entry.path(), base).generic_string() + " " + m[1].str());
    }
    return out;
}

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

/// The part after the space: what is included.
std::string included(const std::string& pair) {
    return pair.substr(pair.find(' ') + 1);
}

} // namespace

TEST(Layers, NothingOutsideABackendIncludesPocoDataOrSqlite) {
    for (const auto& pair : includesUnder(kHost, kHost)) {
        if (startsWith(pair, "store/sqlite/")) continue;
        const auto what = included(pair);
        EXPECT_FALSE(startsWith(what, "Poco/Data") || what == "sqlite3.h" ||
                     startsWith(what, "libpq") || startsWith(what, "pqxx"))
            << pair << ": only a backend (store/sqlite/) speaks to its database";
    }
}

TEST(Layers, TheStoreInterfacesKnowNoBackend) {
    for (const auto& pair : includesUnder(kHost / "store", kHost)) {
        if (startsWith(pair, "store/sqlite/")) continue;
        EXPECT_FALSE(startsWith(included(pair), "store/sqlite/"))
            << pair << ": store/'s interfaces are what every backend implements";
    }
}

// Above the store, code reaches the records through store/Store.hpp (the interfaces and the
// unit of work), not a backend's classes. One file opens the backend and hands out the store
// behind its interfaces (with what only the embedded file has: its path and an online backup);
// nothing else above the store may name store/sqlite/.
TEST(Layers, AboveTheStoreOnlyMaintenanceNamesTheSqliteBackend) {
    const std::set<std::string> known = {
        "services/Maintenance.cpp",
    };
    std::set<std::string> found;
    for (const auto& pair : includesUnder(kHost, kHost))
        if (!startsWith(pair, "store/") && startsWith(included(pair), "store/sqlite/"))
            found.insert(pair.substr(0, pair.find(' ')));
    for (const auto& file : found)
        EXPECT_TRUE(known.count(file)) << file << ": a new way around the store's interfaces";
    for (const auto& file : known)
        EXPECT_TRUE(found.count(file)) << file << ": mended; take it off this list";
}

TEST(Layers, LowerLayersNeverIncludeUpperOnes) {
    // store, courses, rules, plugins and clock are below the services; services are below
    // json, demo, http and app. JsonWriter is the one exception: a writer with no dependencies
    // that services/evidence writes the canonical field JSON with.
    const std::set<std::string> upper = {"services/", "json/", "demo/", "http/", "app/"};
    for (const auto& pair : includesUnder(kHost, kHost)) {
        const auto what = included(pair);
        const std::string from = pair.substr(0, pair.find('/') + 1);
        if (from == "store/" || from == "courses/" || from == "rules/" || from == "plugins/" ||
            from == "clock/") {
            for (const auto& u : upper)
                EXPECT_FALSE(startsWith(what, u)) << pair << ": " << from << " is below " << u;
        }
        if (from == "services/") {
            for (const char* u : {"demo/", "http/", "app/"})
                EXPECT_FALSE(startsWith(what, u)) << pair << ": services are below " << u;
            if (startsWith(what, "json/")) {
                EXPECT_EQ(what, "json/JsonWriter.hpp") << pair;
            }
        }
        if (from == "exports/") {
            EXPECT_TRUE(what.find('/') == std::string::npos || startsWith(what, "exports/") ||
                        startsWith(what, "yanzhen/"))
                << pair << ": exports/ writes files and knows nothing of the host but the SDK";
        }
        if (from == "json/" || from == "demo/") {
            for (const char* u : {"http/", "app/"})
                EXPECT_FALSE(startsWith(what, u)) << pair;
        }
    }
    EXPECT_FALSE(
        includesUnder(kHost / "rules", kHost).count("rules/RuleEngine.cpp clock/Clock.hpp"))
        << "the requirement engine is pure: the day is an argument";
}

TEST(Layers, PluginsIncludeOnlyTheSdk) {
    const std::regex own(R"(^[A-Za-z_]+\.hpp$)"); // a header of the plugin's own folder
    for (const auto& pair : includesUnder(kSource / "plugins", kSource)) {
        const auto what = included(pair);
        const bool sdk = startsWith(what, "yanzhen/");
        const bool standard =
            what.find('/') == std::string::npos && what.find('.') == std::string::npos;
        EXPECT_TRUE(sdk || standard || std::regex_match(what, own))
            << pair << ": a plugin knows only the SDK";
    }
}

// Routes and verbs call services and never open a repository. What still does, to be moved
// behind services ("One door to the records"); a line leaves this list when its file is mended.
TEST(Layers, RoutesAndVerbsIncludeNoStoreHeaderButTheKnownOnes) {
    const std::set<std::string> known = {};
    std::set<std::string> found;
    for (const auto& pair : includesUnder(kHost, kHost))
        if ((startsWith(pair, "http/") || startsWith(pair, "app/")) &&
            startsWith(included(pair), "store/"))
            found.insert(pair);
    for (const auto& pair : found)
        EXPECT_TRUE(known.count(pair)) << pair << ": a new way around the services";
    for (const auto& pair : known)
        EXPECT_TRUE(found.count(pair)) << pair << ": mended; take it off this list";
}
