#include "PeopleRepository.hpp"
#include "PreparedUse.hpp"

#include "RowReader.hpp"

#include <Poco/Data/Statement.h>

#include <charconv>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

OrgUnit readOrgUnit(Poco::Data::RecordSet& rs) {
    return OrgUnit{integer(rs, 0), optionalInteger(rs, 1), text(rs, 2), text(rs, 3), text(rs, 4)};
}

Person readPerson(Poco::Data::RecordSet& rs) {
    Person p;
    p.id = integer(rs, 0);
    p.code = text(rs, 1);
    p.name = text(rs, 2);
    p.gender = text(rs, 3);
    p.birthDate = text(rs, 4);
    p.phone = text(rs, 5);
    p.education = text(rs, 6);
    p.orgUnitId = optionalInteger(rs, 7);
    return p;
}

const char* const kPersonColumns =
    "p.id, p.code, p.name, p.gender, p.birth_date, p.phone, p.education, p.org_unit_id";

/// The WHERE clause for a query, with its parameters bound to `st`.
std::string whereClause(const PeopleQuery& q, Poco::Data::Statement& st) {
    std::string where = " WHERE 1 = 1";
    if (!q.postKind.empty()) {
        where += " AND EXISTS (SELECT 1 FROM posts s WHERE s.person_id = p.id AND s.kind = ? AND"
                 " (s.ended_on IS NULL OR s.ended_on = ''))";
        st, bind(q.postKind);
    }
    if (q.orgUnit) {
        where += " AND p.org_unit_id = ?";
        st, bind(*q.orgUnit);
    }
    if (!q.nameContains.empty()) {
        where += " AND instr(p.name, ?) > 0";
        st, bind(q.nameContains);
    }
    if (q.taughtBy) {
        where += " AND p.id IN (SELECT e.person_id FROM enrollments e JOIN cohort_trainers t"
                 " ON t.cohort_id = e.cohort_id WHERE t.person_id = ?)";
        st, bind(*q.taughtBy);
    }
    return where;
}

} // namespace

Id PeopleRepository::addOrgUnit(WriteTransaction& tx, const OrgUnit& unit) {
    Poco::Nullable<Id> parent;
    if (unit.parentId) parent = *unit.parentId;
    tx.session() << "INSERT INTO org_units(parent_id, kind, code, name) VALUES(?, ?, ?, ?)",
        bind(parent), bind(unit.kind), bind(unit.code), bind(unit.name), now;
    const Id id = tx.lastInsertId();
    Poco::JSON::Object details;
    details.set("kind", unit.kind);
    details.set("code", unit.code);
    details.set("name", unit.name);
    tx.audit("org_unit.create", "org_unit", std::to_string(id), details);
    return id;
}

std::optional<OrgUnit> PeopleRepository::orgUnitByCode(const std::string& code) {
    std::optional<OrgUnit> out;
    Poco::Data::Statement st(session_);
    st << "SELECT id, parent_id, kind, code, name FROM org_units WHERE code = ?", bind(code);
    forEachRow(st, [&](auto& rs) { out = readOrgUnit(rs); });
    return out;
}

std::optional<OrgUnit> PeopleRepository::orgUnit(Id id) {
    std::optional<OrgUnit> out;
    Poco::Data::Statement st(session_);
    st << "SELECT id, parent_id, kind, code, name FROM org_units WHERE id = ?", bind(id);
    forEachRow(st, [&](auto& rs) { out = readOrgUnit(rs); });
    return out;
}

std::vector<OrgUnit> PeopleRepository::orgUnits() {
    std::vector<OrgUnit> out;
    Poco::Data::Statement st(session_);
    st << "SELECT id, parent_id, kind, code, name FROM org_units ORDER BY id";
    forEachRow(st, [&](auto& rs) { out.push_back(readOrgUnit(rs)); });
    return out;
}

Id PeopleRepository::add(WriteTransaction& tx, const Person& p) {
    Poco::Nullable<Id> unit;
    if (p.orgUnitId) unit = *p.orgUnitId;
    Poco::Nullable<std::string> gender;
    if (!p.gender.empty()) gender = p.gender;
    tx.session() << "INSERT INTO people(code, name, gender, birth_date, phone, education, "
                    "org_unit_id, created_at)"
                    " VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
        bind(p.code), bind(p.name), bind(gender), bind(p.birthDate), bind(p.phone),
        bind(p.education), bind(unit), bind(tx.now()), now;
    const Id id = tx.lastInsertId();
    for (const auto& post : p.posts) {
        Poco::Nullable<Id> postUnit;
        if (post.orgUnitId) postUnit = *post.orgUnitId;
        Poco::Nullable<std::string> ended;
        if (!post.endedOn.empty()) ended = post.endedOn;
        tx.session() << "INSERT INTO posts(person_id, kind, org_unit_id, started_on, ended_on) "
                        "VALUES(?, ?, ?, ?, ?)",
            bind(id), bind(post.kind), bind(postUnit), bind(post.startedOn), bind(ended), now;
    }
    Poco::JSON::Object details;
    details.set("code", p.code);
    details.set("name", p.name);
    Poco::JSON::Array::Ptr posts = new Poco::JSON::Array;
    for (const auto& post : p.posts)
        posts->add(post.kind);
    details.set("posts", posts);
    tx.audit("person.create", "person", std::to_string(id), details);
    return id;
}

std::vector<Post> PeopleRepository::postsOf(Id person) {
    std::vector<Post> out;
    Poco::Data::Statement st(session_);
    st << "SELECT kind, org_unit_id, started_on, ended_on FROM posts WHERE person_id = ? ORDER BY "
          "id",
        bind(person);
    forEachRow(st, [&](auto& rs) {
        out.push_back(Post{text(rs, 0), optionalInteger(rs, 1), text(rs, 2), text(rs, 3)});
    });
    return out;
}

std::vector<PostRow> PeopleRepository::postRows() {
    std::vector<PostRow> out;
    Poco::Data::Statement st(session_);
    st << "SELECT s.person_id, s.kind, COALESCE(s.org_unit_id, p.org_unit_id), s.started_on, "
          "s.ended_on FROM posts s JOIN people p ON p.id = s.person_id ORDER BY s.person_id, s.id";
    forEachRow(st, [&](auto& rs) {
        out.push_back(
            PostRow{integer(rs, 0), text(rs, 1), optionalInteger(rs, 2), text(rs, 3), text(rs, 4)});
    });
    return out;
}

std::optional<Person> PeopleRepository::find(Id id) {
    std::optional<Person> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kPersonColumns << " FROM people p WHERE p.id = ?", bind(id);
    forEachRow(st, [&](auto& rs) { out = readPerson(rs); });
    if (out) out->posts = postsOf(out->id);
    return out;
}

std::optional<Person> PeopleRepository::findByCode(const std::string& code) {
    std::optional<Person> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kPersonColumns << " FROM people p WHERE p.code = ?", bind(code);
    forEachRow(st, [&](auto& rs) { out = readPerson(rs); });
    if (out) out->posts = postsOf(out->id);
    return out;
}

std::optional<Person> PeopleRepository::resolve(const std::string& idOrCode) {
    if (auto byCode = findByCode(idOrCode)) return byCode;
    Id id = 0;
    const auto [end, ec] = std::from_chars(idOrCode.data(), idOrCode.data() + idOrCode.size(), id);
    if (ec == std::errc{} && end == idOrCode.data() + idOrCode.size()) return find(id);
    return std::nullopt;
}

std::vector<Person> PeopleRepository::list(const PeopleQuery& q) {
    std::vector<Person> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kPersonColumns << " FROM people p";
    st << whereClause(q, st) << " ORDER BY p.id LIMIT ? OFFSET ?";
    st, bind(static_cast<Poco::UInt64>(q.limit)), bind(static_cast<Poco::UInt64>(q.offset));
    forEachRow(st, [&](auto& rs) { out.push_back(readPerson(rs)); });
    for (auto& p : out)
        p.posts = postsOf(p.id);
    return out;
}

std::size_t PeopleRepository::count(const PeopleQuery& q) {
    Poco::Data::Statement st(session_);
    st << "SELECT COUNT(*) FROM people p";
    st << whereClause(q, st);
    std::size_t n = 0;
    forEachRow(st, [&](auto& rs) { n = static_cast<std::size_t>(integer(rs, 0)); });
    return n;
}

std::optional<Id> resolvePersonId(Database::Reader& reader, const std::string& idOrCode) {
    {
        PreparedUse byCode(reader, "SELECT id FROM people WHERE code = ?");
        byCode.bind(1, idOrCode);
        if (byCode.step()) return byCode.integer(0);
    }
    Id id = 0;
    const auto [end, ec] = std::from_chars(idOrCode.data(), idOrCode.data() + idOrCode.size(), id);
    if (ec != std::errc{} || end != idOrCode.data() + idOrCode.size()) return std::nullopt;
    PreparedUse byId(reader, "SELECT id FROM people WHERE id = ?");
    byId.bind(1, id);
    if (byId.step()) return byId.integer(0);
    return std::nullopt;
}

} // namespace yanzhen::store
