#include "CohortRepository.hpp"

#include "RowReader.hpp"

#include <Poco/Data/Statement.h>

#include <charconv>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

const char* const kCohortColumns = "id, code, name, course_hash, starts_on, ends_on, capacity";

Cohort readCohort(Poco::Data::RecordSet& rs) {
    return Cohort{integer(rs, 0),
                  text(rs, 1),
                  text(rs, 2),
                  text(rs, 3),
                  text(rs, 4),
                  text(rs, 5),
                  static_cast<int>(integer(rs, 6))};
}

CourseVersion readVersion(Poco::Data::RecordSet& rs) {
    return CourseVersion{text(rs, 0), text(rs, 1), text(rs, 2), text(rs, 3), text(rs, 4)};
}

std::vector<Id> ids(Poco::Data::Statement& st) {
    std::vector<Id> out;
    forEachRow(st, [&](auto& rs) { out.push_back(integer(rs, 0)); });
    return out;
}

} // namespace

bool CohortRepository::keepCourseVersion(WriteTransaction& tx, const CourseVersion& v) {
    tx.session()
        << "INSERT OR IGNORE INTO course_versions(hash, course_id, version, source, loaded_at)"
           " VALUES(?, ?, ?, ?, ?)",
        bind(v.hash), bind(v.courseId), bind(v.version), bind(v.source), bind(tx.now()), now;
    int changes = 0;
    tx.session() << "SELECT changes()", into(changes), now;
    if (changes == 0) return false;
    Poco::JSON::Object details;
    details.set("course", v.courseId);
    details.set("version", v.version);
    tx.audit("course_version.keep", "course_version", v.hash, details);
    return true;
}

std::optional<CourseVersion> CohortRepository::courseVersion(const std::string& hash) {
    std::optional<CourseVersion> out;
    Poco::Data::Statement st(session_);
    st << "SELECT hash, course_id, version, source, loaded_at FROM course_versions WHERE hash = ?",
        bind(hash);
    forEachRow(st, [&](auto& rs) { out = readVersion(rs); });
    return out;
}

std::optional<CourseVersion> CohortRepository::resolveCourseVersion(const std::string& prefix) {
    if (prefix.size() < 8) return std::nullopt;
    std::vector<CourseVersion> found;
    Poco::Data::Statement st(session_);
    st << "SELECT hash, course_id, version, source, loaded_at FROM course_versions WHERE "
          "substr(hash, 1, ?) = ?"
          " LIMIT 2",
        bind(static_cast<Poco::UInt64>(prefix.size())), bind(prefix);
    forEachRow(st, [&](auto& rs) { found.push_back(readVersion(rs)); });
    if (found.size() != 1) return std::nullopt;
    return found.front();
}

std::vector<CourseVersion> CohortRepository::courseVersions(const std::string& courseId) {
    std::vector<CourseVersion> out;
    Poco::Data::Statement st(session_);
    st << "SELECT hash, course_id, version, source, loaded_at FROM course_versions WHERE course_id "
          "= ?"
          " ORDER BY loaded_at, hash",
        bind(courseId);
    forEachRow(st, [&](auto& rs) { out.push_back(readVersion(rs)); });
    return out;
}

Id CohortRepository::create(WriteTransaction& tx, const Cohort& c) {
    tx.session() << "INSERT INTO cohorts(code, name, course_hash, starts_on, ends_on, capacity) "
                    "VALUES(?, ?, ?, ?, ?, ?)",
        bind(c.code), bind(c.name), bind(c.courseHash), bind(c.startsOn), bind(c.endsOn),
        bind(c.capacity), now;
    const Id id = tx.lastInsertId();
    Poco::JSON::Object details;
    details.set("code", c.code);
    details.set("name", c.name);
    details.set("course_hash", c.courseHash);
    details.set("starts_on", c.startsOn);
    details.set("ends_on", c.endsOn);
    tx.audit("cohort.create", "cohort", std::to_string(id), details);
    return id;
}

std::optional<Cohort> CohortRepository::find(Id id) {
    std::optional<Cohort> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kCohortColumns << " FROM cohorts WHERE id = ?", bind(id);
    forEachRow(st, [&](auto& rs) { out = readCohort(rs); });
    return out;
}

std::optional<Cohort> CohortRepository::findByCode(const std::string& code) {
    std::optional<Cohort> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kCohortColumns << " FROM cohorts WHERE code = ?", bind(code);
    forEachRow(st, [&](auto& rs) { out = readCohort(rs); });
    return out;
}

std::optional<Cohort> CohortRepository::resolve(const std::string& idOrCode) {
    if (auto byCode = findByCode(idOrCode)) return byCode;
    Id id = 0;
    const auto [end, ec] = std::from_chars(idOrCode.data(), idOrCode.data() + idOrCode.size(), id);
    if (ec == std::errc{} && end == idOrCode.data() + idOrCode.size()) return find(id);
    return std::nullopt;
}

std::vector<Cohort> CohortRepository::list() {
    std::vector<Cohort> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kCohortColumns << " FROM cohorts ORDER BY starts_on, id";
    forEachRow(st, [&](auto& rs) { out.push_back(readCohort(rs)); });
    return out;
}

std::vector<Cohort> CohortRepository::cohortsOf(Id person) {
    std::vector<Cohort> out;
    Poco::Data::Statement st(session_);
    st << "SELECT c.id, c.code, c.name, c.course_hash, c.starts_on, c.ends_on, c.capacity FROM "
          "cohorts c"
          " JOIN enrollments e ON e.cohort_id = c.id WHERE e.person_id = ? ORDER BY c.starts_on "
          "DESC, c.id DESC",
        bind(person);
    forEachRow(st, [&](auto& rs) { out.push_back(readCohort(rs)); });
    return out;
}

void CohortRepository::repin(WriteTransaction& tx, Id cohort, const std::string& hash,
                             const std::string& fromHash) {
    tx.session() << "UPDATE cohorts SET course_hash = ? WHERE id = ?", bind(hash), bind(cohort),
        now;
    Poco::JSON::Object details;
    details.set("from", fromHash);
    details.set("to", hash);
    tx.audit("cohort.migrate", "cohort", std::to_string(cohort), details);
}

void CohortRepository::addTrainer(WriteTransaction& tx, Id cohort, Id person) {
    tx.session() << "INSERT OR IGNORE INTO cohort_trainers(cohort_id, person_id) VALUES(?, ?)",
        bind(cohort), bind(person), now;
    Poco::JSON::Object details;
    details.set("trainer", person);
    tx.audit("cohort.add_trainer", "cohort", std::to_string(cohort), details);
}

bool CohortRepository::isTrainer(Id cohort, Id person) {
    int n = 0;
    session_ << "SELECT COUNT(*) FROM cohort_trainers WHERE cohort_id = ? AND person_id = ?",
        bind(cohort), bind(person), into(n), now;
    return n > 0;
}

std::vector<Id> CohortRepository::trainers(Id cohort) {
    Poco::Data::Statement st(session_);
    st << "SELECT person_id FROM cohort_trainers WHERE cohort_id = ? ORDER BY person_id",
        bind(cohort);
    return ids(st);
}

void CohortRepository::enroll(WriteTransaction& tx, Id cohort, Id person, const std::string& on) {
    tx.session() << "INSERT INTO enrollments(cohort_id, person_id, enrolled_on) VALUES(?, ?, ?)",
        bind(cohort), bind(person), bind(on), now;
    Poco::JSON::Object details;
    details.set("person", person);
    details.set("on", on);
    tx.audit("cohort.enroll", "cohort", std::to_string(cohort), details);
}

bool CohortRepository::isEnrolled(Id cohort, Id person) {
    int n = 0;
    session_ << "SELECT COUNT(*) FROM enrollments WHERE cohort_id = ? AND person_id = ?",
        bind(cohort), bind(person), into(n), now;
    return n > 0;
}

std::vector<Id> CohortRepository::members(Id cohort) {
    Poco::Data::Statement st(session_);
    st << "SELECT person_id FROM enrollments WHERE cohort_id = ? ORDER BY person_id", bind(cohort);
    return ids(st);
}

} // namespace yanzhen::store
