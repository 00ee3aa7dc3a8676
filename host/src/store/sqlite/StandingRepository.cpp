#include "StandingRepository.hpp"

#include "RawStatement.hpp"

#include <Poco/Data/SQLite/Utility.h>

#include <algorithm>
#include <set>

namespace yanzhen::store {

namespace {

sqlite3* handle(Poco::Data::Session& session) {
    return Poco::Data::SQLite::Utility::dbHandle(session);
}

} // namespace

void StandingRepository::keep(WriteTransaction& tx, std::span<const KeptStanding> standings) {
    sqlite3* db = handle(tx.session());
    RawStatement dropSets(db, "DELETE FROM kept_set_standings WHERE person_id = ?1"
                              " AND cohort_id = ?2");
    RawStatement upsert(
        db, "INSERT INTO kept_standings(person_id, cohort_id, course_hash, plugins, computed_on,"
            " holds_until, stale_since, answer) VALUES(?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)"
            " ON CONFLICT(person_id, cohort_id) DO UPDATE SET course_hash = excluded.course_hash,"
            " plugins = excluded.plugins, computed_on = excluded.computed_on,"
            " holds_until = excluded.holds_until, stale_since = NULL, answer = excluded.answer");
    RawStatement addSet(db, "INSERT INTO kept_set_standings(cohort_id, set_name, person_id,"
                            " status, fraction, changes_on) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    RawStatement dropRanked(db, "DELETE FROM ranked_modules WHERE cohort_id = ?1");
    RawStatement addRanked(db, "INSERT OR IGNORE INTO ranked_modules(cohort_id, module)"
                               " VALUES(?1, ?2)");
    std::set<Id> rankedDone; // a cohort's ranked modules are the same in all its standings
    for (const auto& k : standings) {
        dropSets.integer(1, k.person);
        dropSets.integer(2, k.cohort);
        dropSets.step();
        upsert.integer(1, k.person);
        upsert.integer(2, k.cohort);
        upsert.text(3, k.courseHash);
        upsert.text(4, k.plugins);
        upsert.integer(5, k.computedOn);
        upsert.integer(6, k.holdsUntil);
        upsert.text(7, k.answer);
        upsert.step();
        for (const auto& s : k.sets) {
            addSet.integer(1, k.cohort);
            addSet.text(2, s.name);
            addSet.integer(3, k.person);
            addSet.text(4, s.status);
            addSet.real(5, s.fraction);
            addSet.integer(6, s.changesOn);
            addSet.step();
        }
        if (!rankedDone.insert(k.cohort).second) continue;
        dropRanked.integer(1, k.cohort);
        dropRanked.step();
        for (const auto& m : k.rankedModules) {
            addRanked.integer(1, k.cohort);
            addRanked.text(2, m);
            addRanked.step();
        }
    }
}

std::vector<Id> StandingRepository::due(std::int32_t today, std::size_t limit) {
    sqlite3* db = handle(session_);
    std::vector<Id> out;
    std::set<Id> seen;
    auto take = [&](RawStatement& st) {
        while (out.size() < limit && st.next())
            if (seen.insert(st.column(0)).second) out.push_back(st.column(0));
    };
    const auto n = static_cast<std::int64_t>(limit);
    RawStatement stale(db, "SELECT person_id FROM kept_standings WHERE stale_since IS NOT NULL"
                           " ORDER BY stale_since LIMIT ?1");
    stale.integer(1, n);
    take(stale);
    RawStatement expired(db, "SELECT person_id FROM kept_standings WHERE holds_until < ?1"
                             " ORDER BY holds_until LIMIT ?2");
    expired.integer(1, today);
    expired.integer(2, n);
    take(expired);
    return out;
}

std::size_t StandingRepository::markOtherVersionsStale(WriteTransaction& tx, Id cohort,
                                                       const std::string& plugins) {
    RawStatement st(handle(tx.session()),
                    "UPDATE kept_standings SET stale_since = julianday('now')"
                    " WHERE cohort_id = ?2 AND plugins <> ?1 AND stale_since IS NULL");
    st.text(1, plugins);
    st.integer(2, cohort);
    st.step();
    return st.changes();
}

std::size_t StandingRepository::markAllStale(WriteTransaction& tx) {
    RawStatement st(handle(tx.session()), "UPDATE kept_standings SET stale_since = julianday('now')"
                                          " WHERE stale_since IS NULL");
    st.step();
    return st.changes();
}

KeptCounts StandingRepository::counts(std::int32_t today) {
    RawStatement st(handle(session_), "SELECT count(*), count(stale_since),"
                                      " coalesce(sum(stale_since IS NULL AND holds_until < ?1), 0)"
                                      " FROM kept_standings");
    st.integer(1, today);
    KeptCounts out;
    if (st.next()) {
        out.kept = static_cast<std::size_t>(st.column(0));
        out.stale = static_cast<std::size_t>(st.column(1));
        out.expired = static_cast<std::size_t>(st.column(2));
    }
    return out;
}

std::int64_t StandingRepository::licensureGeneration() {
    RawStatement st(handle(session_), "SELECT generation FROM licensure_generation");
    return st.next() ? st.column(0) : 0;
}

std::vector<KeptSetRow> StandingRepository::setRows(Id cohort, const std::string& set) {
    RawStatement st(handle(session_),
                    "SELECT person_id, status, fraction, changes_on FROM kept_set_standings"
                    " WHERE cohort_id = ?1 AND set_name = ?2 ORDER BY person_id");
    st.integer(1, cohort);
    st.text(2, set);
    std::vector<KeptSetRow> out;
    while (st.next())
        out.push_back(KeptSetRow{st.column(0), st.columnText(1), st.columnReal(2),
                                 static_cast<std::int32_t>(st.column(3))});
    return out;
}

} // namespace yanzhen::store
