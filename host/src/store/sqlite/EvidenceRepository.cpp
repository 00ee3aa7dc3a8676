#include "EvidenceRepository.hpp"

#include "RawStatement.hpp"

#include "Database.hpp"
#include "RowReader.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

const char* const kColumns =
    "e.id, e.person_id, e.course_id, e.module, e.kind, e.ref, e.day, e.session_id, e.fields,"
    " e.recorded_at, e.recorded_by, e.supersedes, e.reason";
const char* const kCurrent = "NOT EXISTS (SELECT 1 FROM evidence c WHERE c.supersedes = e.id)";

EvidenceRow readRow(Poco::Data::RecordSet& rs) {
    EvidenceRow r;
    r.id = integer(rs, 0);
    r.personId = integer(rs, 1);
    r.courseId = optionalText(rs, 2);
    r.module = text(rs, 3);
    r.kind = text(rs, 4);
    r.ref = text(rs, 5);
    r.day = static_cast<std::int32_t>(integer(rs, 6));
    r.sessionId = optionalInteger(rs, 7);
    r.fields = text(rs, 8);
    r.recordedAt = text(rs, 9);
    r.recordedBy = text(rs, 10);
    r.supersedes = optionalInteger(rs, 11);
    r.reason = text(rs, 12);
    return r;
}

std::vector<EvidenceRow> rows(Poco::Data::Statement& st) {
    std::vector<EvidenceRow> out;
    forEachRow(st, [&](auto& rs) { out.push_back(readRow(rs)); });
    return out;
}

void insert(RawStatement& p, const EvidenceRow& r, const std::string& now,
            const std::string& actor) {
    sqlite3_bind_int64(p.get(), 1, r.personId);
    p.optionalText(2, r.courseId);
    p.text(3, r.module);
    p.text(4, r.kind);
    p.text(5, r.ref);
    sqlite3_bind_int(p.get(), 6, r.day);
    p.optionalInteger(7, r.sessionId);
    p.text(8, r.fields);
    p.text(9, now);
    p.text(10, actor);
    p.optionalInteger(11, r.supersedes);
    if (r.supersedes)
        p.text(12, r.reason);
    else
        sqlite3_bind_null(p.get(), 12);
    p.step();
}

const char* const kInsert =
    "INSERT INTO evidence(person_id, course_id, module, kind, ref, day, session_id, fields,"
    " recorded_at, recorded_by, supersedes, reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

Poco::JSON::Object describeRow(const EvidenceRow& r) {
    Poco::JSON::Object details;
    details.set("person", r.personId);
    if (r.courseId) details.set("course", *r.courseId);
    details.set("module", r.module);
    details.set("kind", r.kind);
    details.set("ref", r.ref);
    details.set("day", r.day);
    details.set("fields", r.fields);
    if (r.supersedes) {
        details.set("supersedes", *r.supersedes);
        details.set("reason", r.reason);
    }
    return details;
}

} // namespace

Id EvidenceRepository::append(WriteTransaction& tx, const EvidenceRow& row) {
    RawStatement p(Poco::Data::SQLite::Utility::dbHandle(tx.session()), kInsert);
    insert(p, row, tx.now(), tx.actor());
    const Id id = tx.lastInsertId();
    tx.audit(row.supersedes ? "evidence.correct" : "evidence.record", "evidence",
             std::to_string(id), describeRow(row));
    return id;
}

std::pair<Id, Id> EvidenceRepository::appendMany(WriteTransaction& tx,
                                                 const std::vector<EvidenceRow>& rows,
                                                 const std::string& source,
                                                 const EvidenceProgress& progress) {
    auto it = rows.begin();
    return appendMany(
        tx, [&]() -> const EvidenceRow* { return it == rows.end() ? nullptr : &*it++; }, source,
        progress);
}

std::pair<Id, Id> EvidenceRepository::appendMany(WriteTransaction& tx, const EvidenceSource& next,
                                                 const std::string& source,
                                                 const EvidenceProgress& progress) {
    RawStatement p(Poco::Data::SQLite::Utility::dbHandle(tx.session()), kInsert);
    Id first = 0;
    std::size_t written = 0;
    while (const EvidenceRow* r = next()) {
        insert(p, *r, tx.now(), tx.actor());
        if (first == 0) first = tx.lastInsertId();
        if (++written % 4096 == 0 && progress) progress(written);
    }
    if (written == 0) return {0, 0};
    if (progress) progress(written);
    const Id last = tx.lastInsertId();
    Poco::JSON::Object details;
    details.set("source", source);
    details.set("rows", static_cast<Poco::UInt64>(written));
    details.set("first", first);
    details.set("last", last);
    tx.audit("evidence.import", "evidence", std::to_string(first) + "-" + std::to_string(last),
             details);
    return {first, last};
}

Id EvidenceRepository::supersede(WriteTransaction& tx, Id old, EvidenceRow correction,
                                 const std::string& reason) {
    if (reason.empty()) throw StoreError("a correction needs a reason");
    EvidenceRepository inTx(tx.session());
    const auto original = inTx.find(old);
    if (!original) throw StoreError("no evidence row " + std::to_string(old));
    int later = 0;
    tx.session() << "SELECT COUNT(*) FROM evidence WHERE supersedes = ?", bind(old), into(later),
        now;
    if (later > 0)
        throw StoreError("evidence row " + std::to_string(old) +
                         " was already corrected; correct the newest row");
    correction.personId = original->personId;
    correction.courseId = original->courseId;
    correction.module = original->module;
    correction.supersedes = old;
    correction.reason = reason;
    return append(tx, correction);
}

std::optional<EvidenceRow> EvidenceRepository::find(Id id) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM evidence e WHERE e.id = ?", bind(id);
    auto found = rows(st);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<EvidenceRow> EvidenceRepository::current(Id person, const std::string& courseId) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM evidence e WHERE e.person_id = ? AND (e.course_id = ? OR e.course_id IS NULL)"
          " AND "
       << kCurrent << " ORDER BY e.id",
        bind(person), bind(courseId);
    return rows(st);
}

std::vector<EvidenceRow> EvidenceRepository::currentForCohort(Id cohort,
                                                              const std::string& courseId,
                                                              const std::string& module) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM enrollments m JOIN evidence e ON e.person_id = m.person_id"
          " WHERE m.cohort_id = ? AND e.course_id = ? AND e.module = ? AND "
       << kCurrent << " ORDER BY e.id",
        bind(cohort), bind(courseId), bind(module);
    return rows(st);
}

std::vector<EvidenceRow> EvidenceRepository::personalRecords(const std::string& kind) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM evidence e WHERE e.kind = ? AND e.course_id IS NULL AND "
       << kCurrent << " ORDER BY e.person_id, e.id",
        bind(kind);
    return rows(st);
}

std::vector<EvidenceRow> EvidenceRepository::history(Id person) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM evidence e WHERE e.person_id = ? ORDER BY e.id",
        bind(person);
    return rows(st);
}

} // namespace yanzhen::store
