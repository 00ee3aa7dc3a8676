#include "SchemaCheck.hpp"

#include "services/evidence/EvidenceFields.hpp"

#include <map>
#include <set>

namespace yanzhen::bench {

namespace {

/// Every column of every table Sink.cpp fills, as it fills them. Change it together with the
/// INSERTs there when a migration changes one of these tables.
const std::map<std::string, std::set<std::string>>& knownTables() {
    static const std::map<std::string, std::set<std::string>> tables = {
        {"org_units", {"id", "parent_id", "kind", "code", "name"}},
        {"people",
         {"id", "code", "name", "gender", "birth_date", "phone", "education", "org_unit_id",
          "created_at"}},
        {"posts", {"id", "person_id", "kind", "org_unit_id", "started_on", "ended_on"}},
        {"cohorts", {"id", "code", "name", "course_hash", "starts_on", "ends_on", "capacity"}},
        {"cohort_trainers", {"cohort_id", "person_id"}},
        {"enrollments", {"id", "cohort_id", "person_id", "enrolled_on"}},
        {"evidence",
         {"id", "person_id", "course_id", "module", "kind", "ref", "day", "session_id", "fields",
          "recorded_at", "recorded_by", "supersedes", "reason"}},
    };
    return tables;
}

std::set<std::string> columnsOf(sqlite3* db, const std::string& table) {
    std::set<std::string> out;
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELECT name FROM pragma_table_info(?)";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
    sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// The schema of `kind` in `module` of `course` (a plugin id for a personal record).
const EvidenceKind* kindOf(const courses::CourseCatalog& catalog,
                           const plugins::PluginRegistry& registry, const EvidenceDraw& row) {
    const PluginInfo* info = nullptr;
    if (row.course != nullptr) {
        const auto course = catalog.find(row.course);
        if (!course) return nullptr;
        for (const auto& m : course->modules)
            if (m.id == row.module && m.instance) info = &m.instance->plugin().info;
    } else if (const auto plugin = registry.find(row.module)) {
        info = &plugin->info;
    }
    if (info == nullptr) return nullptr;
    const int k = info->kindIndex(row.kind);
    return k < 0 ? nullptr : &info->kinds[static_cast<std::size_t>(k)];
}

} // namespace

std::vector<std::string> schemaDifferences(sqlite3* db) {
    std::vector<std::string> out;
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
        out.push_back(std::string("not a database: ") + sqlite3_errmsg(db));
        return out;
    }
    for (const auto& [table, known] : knownTables()) {
        const auto actual = columnsOf(db, table);
        if (actual.empty()) {
            out.push_back("table " + table + " is gone");
            continue;
        }
        std::vector<std::string> added;
        std::vector<std::string> removed;
        for (const auto& c : actual)
            if (!known.count(c)) added.push_back(c);
        for (const auto& c : known)
            if (!actual.count(c)) removed.push_back(c);
        if (!added.empty())
            out.push_back("table " + table +
                          " has columns the generator does not fill: " + joined(added));
        if (!removed.empty())
            out.push_back("table " + table +
                          " no longer has columns the generator fills: " + joined(removed));
    }
    return out;
}

std::vector<std::string> canonicalDifferences(const courses::CourseCatalog& catalog,
                                              const plugins::PluginRegistry& registry,
                                              const std::vector<EvidenceDraw>& rows) {
    std::vector<std::string> out;
    const auto& header = evidenceCsvHeader();
    const std::size_t begin = evidenceFieldColumnsBegin();
    for (const auto& row : rows) {
        const std::string where =
            std::string(row.course ? row.course : "(personal)") + " " + row.module + " " + row.kind;
        const EvidenceKind* kind = kindOf(catalog, registry, row);
        if (kind == nullptr) {
            out.push_back(where + ": no such kind in the shipped courses and plugins");
            continue;
        }
        std::map<std::string, std::string> values;
        for (std::size_t i = 0; i < row.cells.size(); ++i)
            if (!row.cells[i].empty()) values[header[begin + i]] = row.cells[i];
        const auto checked = services::checkText(*kind, values);
        if (!checked.ok())
            out.push_back(where +
                          ": the service refuses the row: " + checked.problems.front().field +
                          ": " + checked.problems.front().message.en);
        else if (checked.json != row.json)
            out.push_back(where + ": the generator writes " + row.json + ", the service " +
                          checked.json);
    }
    return out;
}

} // namespace yanzhen::bench
