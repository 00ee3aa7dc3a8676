#include "services/credentials/CredentialService.hpp"

#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialEvidence.hpp"
#include "services/credentials/StoredCertificateCheck.hpp"
#include "services/progress/ProgressService.hpp"

#include "rules/RuleEngine.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <set>

namespace yanzhen::services {

namespace {

std::string serialFor(store::Id id, std::int32_t issuedOn) {
    char text[32];
    std::snprintf(text, sizeof text, "YZ%s-%06lld", formatDay(issuedOn).substr(0, 4).c_str(),
                  static_cast<long long>(id));
    return text;
}

/// Records `row` in `status` from `day` as the worker's credential record (CredentialEvidence),
/// in the unit that changes it.
void recordAs(store::WriteUnit& unit, const courses::Course& course,
              const store::CredentialRow& row, const std::string& status, std::int32_t day) {
    if (auto record = credentialEvidence(course, row, status, day)) unit.evidence().append(*record);
}

/// A tampered record is logged and audited once per serial while the process runs: the page
/// that finds it is public, and a crawler must not fill the audit log.
void reportTampered(store::Store& store, const store::CredentialRow& row,
                    const std::string& problem) {
    static std::mutex mutex;
    static std::set<std::string> reported;
    {
        const std::lock_guard lock(mutex);
        if (!reported.insert(row.serial + ' ' + row.signature + ' ' + problem).second) return;
    }
    std::cerr << "yanzhen: certificate " << row.serial
              << " has been altered in the database: " << problem << '\n';
    Poco::JSON::Object details;
    details.set("serial", row.serial);
    details.set("problem", problem);
    store.write("system", [&](store::WriteUnit& unit) {
        unit.audit("credential.tampered", "credential", std::to_string(row.id), details);
    });
}

CredentialRefusal notFound(const std::string& serial) {
    return CredentialRefusal("not_found",
                             Text{"没有编号为 " + serial + " 的证书", "no certificate " + serial});
}

} // namespace

const courses::CredentialPolicy* policyOf(const courses::Course& course,
                                          const std::string& credential) {
    for (const auto& c : course.credentials)
        if (c.id == credential) return &c;
    return nullptr;
}

const std::optional<PublicKey>& CredentialService::issuerKey() {
    if (!issuerKey_) {
        try {
            issuerKey_ = SigningKey::load(signingKey_).publicKey();
        } catch (const SigningKeyError&) {
            issuerKey_ = std::optional<PublicKey>();
        }
    }
    return *issuerKey_;
}

store::CredentialRow CredentialService::require(const std::string& serial) {
    auto row = store_.read()->credentials().findBySerial(serial);
    if (!row) throw notFound(serial);
    return *row;
}

std::shared_ptr<const courses::Course>
CredentialService::versionOf(const store::CredentialRow& row) {
    try {
        return versions_.get(row.courseHash);
    } catch (const std::exception&) {
        return nullptr; // a version that no longer loads: its plugins' records are moot
    }
}

CredentialView CredentialService::view(const store::CredentialRow& row, std::int32_t day) {
    CredentialView v;
    v.row = row;
    {
        auto r = store_.read();
        v.holder = r->people().find(row.personId).value_or(store::Person{});
        auto& credentials = r->credentials();
        const auto serialOf = [&](const std::optional<store::Id>& id) {
            if (!id) return std::string();
            const auto other = credentials.find(*id);
            return other ? other->serial : std::string();
        };
        v.previousSerial = serialOf(row.previousId);
        v.supersededBySerial = serialOf(row.supersededBy);
        v.renewedBySerial = serialOf(row.renewedBy);
    }
    try {
        v.course = versions_.get(row.courseHash);
        v.policy = policyOf(*v.course, row.credential);
    } catch (const std::exception&) {
        // A version that no longer loads still has a certificate: no window, no grace.
    }
    const auto payload = parsePayload(row.payload);
    v.payload = payload.value_or(CertificatePayload{});
    v.standing = standingOn(row, v.policy, day);
    const auto check = checkStoredCertificate(row, payload, issuerKey());
    if (check.verdict == StoredCertificate::authentic) return v;
    const bool tampered = check.verdict == StoredCertificate::tampered;
    v.standing = CredentialStanding{tampered ? "tampered" : "unverifiable", {}, {}};
    v.problem = check.problem;
    if (tampered) reportTampered(store_, row, check.problem);
    return v;
}

CredentialView CredentialService::signAndStore(
    const std::string& actor, const store::Person& holder,
    const std::shared_ptr<const courses::Course>& course, const courses::CredentialPolicy& policy,
    std::int32_t issuedOn, std::int32_t validFrom, std::optional<store::Id> previous,
    const std::function<void(store::WriteUnit&, store::Id, const std::string&)>& alsoDo,
    std::int32_t day) {
    const SigningKey key = SigningKey::load(signingKey_);
    const auto until = lastValidDay(policy.validity, validFrom);
    store::CredentialRow row;
    store_.write(actor, [&](store::WriteUnit& unit) {
        row.id = unit.credentials().nextId();
        row.serial = serialFor(row.id, issuedOn);
        row.personId = holder.id;
        row.courseId = course->id;
        row.courseHash = course->hash;
        row.credential = policy.id;
        row.level = policy.level;
        row.issuedOn = formatDay(issuedOn);
        row.validFrom = formatDay(validFrom);
        row.validUntil = until ? formatDay(*until) : "";
        CertificatePayload p{row.serial,      holder.code,   holder.name,         course->id,
                             course->version, course->hash,  course->title,       policy.id,
                             policy.title,    policy.level,  row.issuedOn,        row.validFrom,
                             row.validUntil,  policy.issuer, key.publicKey().id()};
        row.payload = canonicalPayload(p);
        row.signature = key.sign(row.payload);
        row.keyId = p.keyId;
        row.previousId = previous;
        unit.credentials().add(row);
        // What it ends (a supersession) is recorded before it, so that its own record is the
        // latest of its credential.
        if (alsoDo) alsoDo(unit, row.id, row.serial);
        recordAs(unit, *course, row, "active", issuedOn);
    });
    return view(*store_.read()->credentials().find(row.id), day);
}

CredentialView CredentialService::issue(const std::string& actor, store::Id person,
                                        const std::string& courseId, const std::string& credential,
                                        std::int32_t day) {
    std::optional<store::Person> holder;
    std::vector<store::Cohort> cohorts;
    std::vector<store::CredentialRow> held;
    {
        auto r = store_.read();
        holder = r->people().find(person);
        cohorts = r->cohorts().cohortsOf(person);
        store::CredentialQuery q;
        q.person = person;
        held = r->credentials().list(q);
    }
    if (!holder)
        throw CredentialRefusal("not_found", Text{"没有这个人员：" + std::to_string(person),
                                                  "no such worker: " + std::to_string(person)});
    ProgressService progress(store_, versions_);
    std::optional<std::vector<rules::LeftItem>> left;
    for (const auto& cohort : cohorts) { // newest first
        const auto course = versions_.get(cohort.courseHash);
        if (course->id != courseId) continue;
        const auto* policy = policyOf(*course, credential);
        if (policy == nullptr)
            throw CredentialRefusal(
                "invalid", Text{"课程 " + courseId + " 没有证书 " + credential,
                                "course " + courseId + " has no credential " + credential});
        for (const auto& h : held)
            if (h.credential == credential && h.courseId == courseId) {
                const auto s = standingOn(h, policy, day).status;
                if (s == "valid" || s == "expiring" || s == "grace" || s == "not_yet_valid")
                    throw CredentialRefusal(
                        "conflict", Text{holder->name + " 已持有 " + policy->title.zh + "（" +
                                             h.serial + "，" + statusText(s).zh + "）",
                                         holder->name + " already holds " + policy->title.en +
                                             " (" + h.serial + ", " + statusText(s).en + ")"});
            }
        const auto outcome = progress.evaluate(person, cohort, course, day);
        const auto set = outcome.sets.find(policy->when);
        if (set != outcome.sets.end() && set->second.satisfied())
            return signAndStore(actor, *holder, course, *policy, day, day, std::nullopt, {}, day);
        if (!left && set != outcome.sets.end()) left = rules::RuleEngine::whatsLeft(set->second);
    }
    if (!left)
        throw CredentialRefusal("not_eligible",
                                Text{holder->name + " 没有报名课程 " + courseId + " 的任何一期",
                                     holder->name + " is not enrolled in a cohort of " + courseId});
    throw CredentialRefusal(
        "not_eligible",
        Text{holder->name + " 还不符合 " + credential + " 的要求",
             holder->name + " does not yet meet the requirements of " + credential},
        *left);
}

CredentialView CredentialService::grant(const std::string& actor, store::Id person,
                                        const std::string& courseHash,
                                        const std::string& credential, std::int32_t day) {
    const std::optional<store::Person> holder = store_.read()->people().find(person);
    const auto course = versions_.get(courseHash);
    const auto* policy = policyOf(*course, credential);
    if (!holder || policy == nullptr)
        throw CredentialRefusal("invalid",
                                Text{"没有这个人员或证书", "no such worker or credential"});
    return signAndStore(actor, *holder, course, *policy, day, day, std::nullopt, {}, day);
}

CredentialView CredentialService::revoke(const std::string& actor, const std::string& serial,
                                         const std::string& reason, std::int32_t day) {
    if (reason.empty())
        throw CredentialRefusal("invalid", Text{"撤销需要说明原因", "a revocation needs a reason"});
    const auto row = require(serial);
    if (!row.revokedOn.empty() || !row.supersededOn.empty())
        throw CredentialRefusal("conflict", Text{serial + " 已撤销或已被取代",
                                                 serial + " is already revoked or superseded"});
    const auto course = versionOf(row);
    store_.write(actor, [&](store::WriteUnit& unit) {
        unit.credentials().revoke(row.id, formatDay(day), reason);
        if (course) recordAs(unit, *course, row, "revoked", day);
    });
    return view(require(serial), day);
}

CredentialView CredentialService::renew(const std::string& actor, const std::string& serial,
                                        std::int32_t day) {
    const auto row = require(serial);
    const CredentialView current = view(row, day);
    const std::string& status = current.standing.status;
    if (current.renewedBySerial.size())
        throw CredentialRefusal(
            "conflict", Text{serial + " 已续期为 " + current.renewedBySerial,
                             serial + " was already renewed as " + current.renewedBySerial});
    if (!current.course || !current.policy || row.validUntil.empty())
        throw CredentialRefusal("conflict",
                                Text{serial + " 长期有效，无需续期", serial + " never expires"});
    if (status != "expiring" && status != "grace") {
        Text why{serial + "：" + statusText(status).zh, serial + ": " + statusText(status).en};
        if (status == "valid") {
            why.zh += "，续期自 " + current.standing.renewalOpensOn + " 起办理";
            why.en += "; renewal opens on " + current.standing.renewalOpensOn;
        } else if (status == "expired") {
            why.zh += "，宽限期已于 " + current.standing.graceUntil + " 结束，需重新取得";
            why.en += "; the grace period ended on " + current.standing.graceUntil +
                      ": it must be earned anew";
        }
        throw CredentialRefusal("conflict", why);
    }
    const auto& policy = *current.policy;
    const std::int32_t until = *parseDay(row.validUntil);
    if (!policy.renewalSet.empty()) {
        // The period being renewed is the certificate's own credential record, among the rest.
        const std::vector<store::EvidenceRow> rows =
            store_.read()->evidence().current(row.personId, row.courseId);
        const auto records = toRecords(*current.course, rows);
        // In the grace period the hours still count inside the period that ended.
        const ProgressInput input{std::min(day, until), row.personId, records, {}, {}};
        const auto outcome = ProgressCalculator(current.course).evaluate(input);
        const auto set = outcome.sets.find(policy.renewalSet);
        if (set == outcome.sets.end() || !set->second.satisfied())
            throw CredentialRefusal("not_eligible",
                                    Text{current.holder.name + " 还不符合续期要求",
                                         current.holder.name + " does not yet meet the "
                                                               "renewal requirements"},
                                    set == outcome.sets.end()
                                        ? std::vector<rules::LeftItem>{}
                                        : rules::RuleEngine::whatsLeft(set->second));
    }
    return signAndStore(
        actor, current.holder, current.course, policy, day, until + 1, row.id,
        [&](store::WriteUnit& unit, store::Id id, const std::string&) {
            unit.credentials().markRenewed(row.id, id);
        },
        day);
}

CredentialView CredentialService::reissue(const std::string& actor, const std::string& serial,
                                          const std::string& reason, std::int32_t day) {
    if (reason.empty())
        throw CredentialRefusal("invalid", Text{"补发需要说明原因（更正了什么）",
                                                "a re-issue needs a reason (what was corrected)"});
    const auto row = require(serial);
    const CredentialView current = view(row, day);
    if (!row.revokedOn.empty() || !row.supersededOn.empty())
        throw CredentialRefusal("conflict", Text{serial + " 已撤销或已被取代",
                                                 serial + " is already revoked or superseded"});
    if (!current.course || !current.policy)
        throw CredentialRefusal(
            "invalid",
            Text{"证书的课程版本已无法加载", "the certificate's course version no longer loads"});
    // The same period as the certificate it corrects: a correction is not a renewal.
    const courses::CredentialPolicy& policy = *current.policy;
    const std::int32_t from = *parseDay(row.validFrom);
    return signAndStore(
        actor, current.holder, current.course, policy, day, from, row.id,
        [&](store::WriteUnit& unit, store::Id id, const std::string&) {
            unit.credentials().supersede(row.id, id, formatDay(day), reason);
            recordAs(unit, *current.course, row, "superseded", day);
        },
        day);
}

std::optional<CredentialView> CredentialService::find(const std::string& serial, std::int32_t day) {
    const std::optional<store::CredentialRow> row =
        store_.read()->credentials().findBySerial(serial);
    if (!row) return std::nullopt;
    return view(*row, day);
}

std::vector<CredentialView> CredentialService::list(const store::CredentialQuery& query,
                                                    std::int32_t day) {
    const std::vector<store::CredentialRow> rows = store_.read()->credentials().list(query);
    std::vector<CredentialView> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(view(row, day));
    return out;
}

std::vector<CredentialView> CredentialService::expiring(int days, std::int32_t day,
                                                        std::optional<store::Id> taughtBy) {
    store::CredentialQuery q;
    q.taughtBy = taughtBy;
    // Those in their grace period are still renewable: the longest grace reaches back that far.
    q.expiringFrom = formatDay(day - 366);
    q.expiringTo = formatDay(day + days);
    std::vector<CredentialView> out;
    for (auto& v : list(q, day))
        if (v.standing.status == "valid" || v.standing.status == "expiring" ||
            v.standing.status == "grace")
            out.push_back(std::move(v));
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.row.validUntil < b.row.validUntil;
    });
    return out;
}

std::string CredentialService::certificateFile(const store::CredentialRow& row) {
    return writeCertificateFile(CertificateFile{row.payload, row.signature});
}

} // namespace yanzhen::services
