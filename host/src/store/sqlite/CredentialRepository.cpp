#include "CredentialRepository.hpp"

#include "RowReader.hpp"

#include "store/StoreError.hpp"

#include <Poco/Data/Statement.h>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

const char* const kColumns =
    "c.id, c.serial, c.person_id, c.course_id, c.course_hash, c.credential, c.level, "
    "c.issued_on, c.valid_from, c.valid_until, c.payload, c.signature, c.key_id, c.issued_by, "
    "c.issued_at, c.previous_id, c.revoked_on, c.revoked_reason, c.superseded_on, "
    "c.superseded_by, c.renewed_by";

CredentialRow readRow(Poco::Data::RecordSet& rs) {
    CredentialRow r;
    r.id = integer(rs, 0);
    r.serial = text(rs, 1);
    r.personId = integer(rs, 2);
    r.courseId = text(rs, 3);
    r.courseHash = text(rs, 4);
    r.credential = text(rs, 5);
    r.level = text(rs, 6);
    r.issuedOn = text(rs, 7);
    r.validFrom = text(rs, 8);
    r.validUntil = text(rs, 9);
    r.payload = text(rs, 10);
    r.signature = text(rs, 11);
    r.keyId = text(rs, 12);
    r.issuedBy = text(rs, 13);
    r.issuedAt = text(rs, 14);
    r.previousId = optionalInteger(rs, 15);
    r.revokedOn = text(rs, 16);
    r.revokedReason = text(rs, 17);
    r.supersededOn = text(rs, 18);
    r.supersededBy = optionalInteger(rs, 19);
    r.renewedBy = optionalInteger(rs, 20);
    return r;
}

} // namespace

Id CredentialRepository::nextId(WriteTransaction& tx) {
    Poco::Int64 next = 0;
    tx.session() << "SELECT COALESCE(MAX(id), 0) + 1 FROM credentials", into(next), now;
    return next;
}

Id CredentialRepository::add(WriteTransaction& tx, const CredentialRow& r) {
    // previous_id: 0 stands for none, so that one statement serves both.
    const Poco::Int64 previous = r.previousId.value_or(0);
    tx.session() << "INSERT INTO credentials(id, serial, person_id, course_id, course_hash, "
                    "credential, level, issued_on, valid_from, valid_until, payload, signature, "
                    "key_id, issued_by, issued_at, previous_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "NULLIF(?, ''), ?, ?, ?, ?, ?, NULLIF(?, 0))",
        bind(r.id), bind(r.serial), bind(r.personId), bind(r.courseId), bind(r.courseHash),
        bind(r.credential), bind(r.level), bind(r.issuedOn), bind(r.validFrom), bind(r.validUntil),
        bind(r.payload), bind(r.signature), bind(r.keyId), bind(tx.actor()), bind(tx.now()),
        bind(previous), now;
    const Id id = r.id != 0 ? r.id : tx.lastInsertId();
    Poco::JSON::Object details;
    details.set("serial", r.serial);
    details.set("person", r.personId);
    details.set("course", r.courseId);
    details.set("credential", r.credential);
    details.set("valid_from", r.validFrom);
    details.set("valid_until", r.validUntil);
    if (r.previousId) details.set("previous", *r.previousId);
    tx.audit("credential.issue", "credential", r.serial, details);
    return id;
}

void CredentialRepository::revoke(WriteTransaction& tx, Id id, const std::string& on,
                                  const std::string& reason) {
    tx.session() << "UPDATE credentials SET revoked_on = ?, revoked_reason = ?"
                    " WHERE id = ? AND revoked_on IS NULL",
        bind(on), bind(reason), bind(id), now;
    const auto row = changedOrRefused(tx, id, "revoked");
    Poco::JSON::Object details;
    details.set("on", on);
    details.set("reason", reason);
    tx.audit("credential.revoke", "credential", row.serial, details);
}

void CredentialRepository::supersede(WriteTransaction& tx, Id id, Id by, const std::string& on,
                                     const std::string& reason) {
    tx.session() << "UPDATE credentials SET superseded_on = ?, superseded_by = ?"
                    " WHERE id = ? AND superseded_on IS NULL",
        bind(on), bind(by), bind(id), now;
    const auto row = changedOrRefused(tx, id, "superseded");
    const auto successor = find(by);
    Poco::JSON::Object details;
    details.set("on", on);
    details.set("by", successor ? successor->serial : std::to_string(by));
    details.set("reason", reason);
    tx.audit("credential.supersede", "credential", row.serial, details);
}

void CredentialRepository::markRenewed(WriteTransaction& tx, Id id, Id by) {
    tx.session() << "UPDATE credentials SET renewed_by = ? WHERE id = ? AND renewed_by IS NULL",
        bind(by), bind(id), now;
    const auto row = changedOrRefused(tx, id, "renewed");
    const auto successor = find(by);
    Poco::JSON::Object details;
    details.set("by", successor ? successor->serial : std::to_string(by));
    tx.audit("credential.renew", "credential", row.serial, details);
}

CredentialRow CredentialRepository::changedOrRefused(WriteTransaction& tx, Id id,
                                                     const char* already) {
    int changed = 0;
    tx.session() << "SELECT changes()", into(changed), now;
    const auto row = find(id);
    if (!row) throw StoreError("no certificate " + std::to_string(id));
    // Nothing changed: it had ended that way already (a second revocation, say, of a race
    // between two trainers), and the first one stands.
    if (changed == 0)
        throw StoreError("certificate " + row->serial + " is " + already + " already");
    return *row;
}

std::optional<CredentialRow> CredentialRepository::find(Id id) {
    std::optional<CredentialRow> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM credentials c WHERE c.id = ?", bind(id);
    forEachRow(st, [&](auto& rs) { out = readRow(rs); });
    return out;
}

std::optional<CredentialRow> CredentialRepository::findBySerial(const std::string& serial) {
    std::optional<CredentialRow> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM credentials c WHERE c.serial = ?", bind(serial);
    forEachRow(st, [&](auto& rs) { out = readRow(rs); });
    return out;
}

std::vector<CredentialRow> CredentialRepository::list(const CredentialQuery& q) {
    // Every filter is always in the statement, switched off by its own flag: one plan to check.
    const Poco::Int64 byPerson = q.person ? 1 : 0;
    const Poco::Int64 person = q.person.value_or(0);
    const Poco::Int64 byTrainer = q.taughtBy ? 1 : 0;
    const Poco::Int64 trainer = q.taughtBy.value_or(0);
    const Poco::Int64 expiring = q.expiringTo.empty() ? 0 : 1;
    std::vector<CredentialRow> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM credentials c WHERE (? = 0 OR c.person_id = ?)"
          " AND (? = 0 OR c.person_id IN (SELECT e.person_id FROM enrollments e"
          " JOIN cohort_trainers t ON t.cohort_id = e.cohort_id WHERE t.person_id = ?))"
          " AND (? = 0 OR (c.valid_until BETWEEN ? AND ? AND c.revoked_on IS NULL"
          " AND c.superseded_on IS NULL AND c.renewed_by IS NULL))"
          " ORDER BY c.issued_on DESC, c.id DESC",
        bind(byPerson), bind(person), bind(byTrainer), bind(trainer), bind(expiring),
        bind(q.expiringFrom), bind(q.expiringTo);
    forEachRow(st, [&](auto& rs) { out.push_back(readRow(rs)); });
    return out;
}

} // namespace yanzhen::store
