#include "ProgressReads.hpp"
#include "PreparedUse.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace yanzhen::store {

namespace {

/// Columns 0..8 as progress reads them: all of them in the evidence_progress index.
#define YZ_FACTS                                                                                   \
    "e.id, e.person_id, e.course_id, e.module, e.kind, e.ref, e.day, e.fields, e.supersedes"

void readFacts(PreparedUse& u, EvidenceRow& r) {
    r.id = u.integer(0);
    r.personId = u.integer(1);
    if (u.null(2))
        r.courseId.reset();
    else {
        if (!r.courseId) r.courseId.emplace();
        u.text(2, *r.courseId);
    }
    u.text(3, r.module);
    u.text(4, r.kind);
    u.text(5, r.ref);
    r.day = static_cast<std::int32_t>(u.integer(6));
    u.text(7, r.fields);
    if (u.null(8))
        r.supersedes.reset();
    else
        r.supersedes = u.integer(8);
}

/// Keeps of out[first..] the current rows (those no other row of the range supersedes), sorted
/// by id (oldest first). A correction is always about the same person, course and module as
/// the row it corrects (EvidenceRepository::supersede), so every read here, which takes whole
/// (person, course, module) runs, holds both: this replaces a NOT EXISTS probe per row, and
/// SQLite's sort of a few dozen rows through a temporary b-tree.
void keepCurrent(std::vector<EvidenceRow>& out, std::size_t first) {
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    std::vector<Id> superseded;
    for (auto it = begin; it != out.end(); ++it)
        if (it->supersedes) superseded.push_back(*it->supersedes);
    if (!superseded.empty()) {
        std::sort(superseded.begin(), superseded.end());
        out.erase(std::remove_if(begin, out.end(),
                                 [&](const EvidenceRow& r) {
                                     return std::binary_search(superseded.begin(), superseded.end(),
                                                               r.id);
                                 }),
                  out.end());
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const EvidenceRow& a, const EvidenceRow& b) { return a.id < b.id; });
}

/// Appends the current rows of `u` to `out` (keepCurrent).
void readAll(PreparedUse& u, std::vector<EvidenceRow>& out) {
    const std::size_t first = out.size();
    while (u.step()) {
        out.emplace_back();
        readFacts(u, out.back());
    }
    keepCurrent(out, first);
}

} // namespace

void ProgressReads::standings(Id person, std::vector<KeptStanding>& out) {
    PreparedUse u(reader_, "SELECT cohort_id, course_hash, plugins, computed_on, holds_until,"
                           " stale_since IS NOT NULL, answer FROM kept_standings"
                           " WHERE person_id = ?1 ORDER BY cohort_id");
    u.bind(1, person);
    while (u.step()) {
        auto& k = out.emplace_back();
        k.person = person;
        k.cohort = u.integer(0);
        u.text(1, k.courseHash);
        u.text(2, k.plugins);
        k.computedOn = static_cast<std::int32_t>(u.integer(3));
        k.holdsUntil = static_cast<std::int32_t>(u.integer(4));
        k.stale = u.integer(5) != 0;
        u.text(6, k.answer);
    }
}

void ProgressReads::cohortStandings(Id cohort, std::vector<KeptStanding>& out) {
    PreparedUse u(reader_, "SELECT m.person_id, k.person_id IS NULL, k.course_hash, k.plugins,"
                           " k.computed_on, k.holds_until, k.stale_since IS NOT NULL, k.answer"
                           " FROM enrollments m LEFT JOIN kept_standings k"
                           " ON k.person_id = m.person_id AND k.cohort_id = m.cohort_id"
                           " WHERE m.cohort_id = ?1 ORDER BY m.person_id");
    u.bind(1, cohort);
    while (u.step()) {
        auto& k = out.emplace_back();
        k.person = u.integer(0);
        k.cohort = cohort;
        if (u.integer(1) != 0) { // enrolled, nothing kept yet
            k.stale = true;
            continue;
        }
        u.text(2, k.courseHash);
        u.text(3, k.plugins);
        k.computedOn = static_cast<std::int32_t>(u.integer(4));
        k.holdsUntil = static_cast<std::int32_t>(u.integer(5));
        k.stale = u.integer(6) != 0;
        u.text(7, k.answer);
    }
}

std::optional<Person> ProgressReads::person(Id id) {
    std::optional<Person> out;
    {
        PreparedUse u(reader_,
                      "SELECT id, code, name, gender, birth_date, phone, education, org_unit_id"
                      " FROM people WHERE id = ?1");
        u.bind(1, id);
        if (!u.step()) return std::nullopt;
        out = Person{u.integer(0), u.text(1), u.text(2),    u.text(3), u.text(4),
                     u.text(5),    u.text(6), std::nullopt, {}};
        if (!u.null(7)) out->orgUnitId = u.integer(7);
    }
    PreparedUse u(reader_,
                  "SELECT kind, org_unit_id, started_on, ended_on FROM posts WHERE person_id = ?1"
                  " ORDER BY id");
    u.bind(1, id);
    while (u.step()) {
        Post post{u.text(0), std::nullopt, u.text(2), u.text(3)};
        if (!u.null(1)) post.orgUnitId = u.integer(1);
        out->posts.push_back(std::move(post));
    }
    return out;
}

std::vector<Cohort> ProgressReads::cohortsOf(Id person) {
    PreparedUse u(reader_,
                  "SELECT c.id, c.code, c.name, c.course_hash, c.starts_on, c.ends_on, c.capacity"
                  " FROM cohorts c JOIN enrollments m ON m.cohort_id = c.id"
                  " WHERE m.person_id = ?1 ORDER BY c.starts_on DESC, c.id DESC");
    u.bind(1, person);
    std::vector<Cohort> out;
    while (u.step())
        out.push_back(Cohort{u.integer(0), u.text(1), u.text(2), u.text(3), u.text(4), u.text(5),
                             static_cast<int>(u.integer(6))});
    return out;
}

void ProgressReads::current(Id person, const std::string& courseId, std::vector<EvidenceRow>& out) {
    static const std::string sql = "SELECT " YZ_FACTS " FROM evidence e WHERE e.person_id = ?1"
                                   " AND (e.course_id = ?2 OR e.course_id IS NULL)";
    PreparedUse u(reader_, sql);
    u.bind(1, person);
    u.bind(2, courseId);
    readAll(u, out);
}

void ProgressReads::currentForCohort(Id cohort, const std::string& courseId,
                                     const std::string& module, std::vector<EvidenceRow>& out) {
    static const std::string sql =
        "SELECT " YZ_FACTS " FROM enrollments m JOIN evidence e"
        " ON e.person_id = m.person_id AND e.course_id = ?2 AND e.module = ?3"
        " WHERE m.cohort_id = ?1";
    PreparedUse u(reader_, sql);
    u.bind(1, cohort);
    u.bind(2, courseId);
    u.bind(3, module);
    readAll(u, out);
}

std::vector<std::pair<Id, Id>> ProgressReads::enrolments() {
    PreparedUse u(reader_,
                  "SELECT person_id, cohort_id FROM enrollments ORDER BY person_id, cohort_id");
    std::vector<std::pair<Id, Id>> out;
    while (u.step())
        out.emplace_back(u.integer(0), u.integer(1));
    return out;
}

std::vector<Cohort> ProgressReads::cohorts() {
    PreparedUse u(reader_,
                  "SELECT id, code, name, course_hash, starts_on, ends_on, capacity FROM cohorts"
                  " ORDER BY id");
    std::vector<Cohort> out;
    while (u.step())
        out.push_back(Cohort{u.integer(0), u.text(1), u.text(2), u.text(3), u.text(4), u.text(5),
                             static_cast<int>(u.integer(6))});
    return out;
}

void ProgressReads::forEachEnrolledCurrent(
    Id from, Id to, std::optional<Id> cohort,
    const std::function<void(std::vector<EvidenceRow>&)>& person) {
    static const std::string sql =
        "SELECT " YZ_FACTS " FROM evidence e WHERE e.person_id IN"
        " (SELECT person_id FROM enrollments WHERE person_id >= ?1 AND person_id < ?2"
        " AND (?3 IS NULL OR cohort_id = ?3)) ORDER BY e.person_id";
    PreparedUse u(reader_, sql);
    u.bind(1, from);
    u.bind(2, to);
    if (cohort) u.bind(3, *cohort);
    std::vector<EvidenceRow> rows;
    auto flush = [&] {
        keepCurrent(rows, 0);
        if (!rows.empty()) person(rows);
        rows.clear();
    };
    while (u.step()) {
        if (!rows.empty() && u.integer(1) != rows.front().personId) flush();
        rows.emplace_back();
        readFacts(u, rows.back());
    }
    flush();
}

#undef YZ_FACTS

} // namespace yanzhen::store
