#include "services/credentials/CredentialEvidence.hpp"

#include "services/evidence/EvidenceFields.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

namespace yanzhen::services {

namespace {

/// The evidence kind credential records are kept under.
const char* const kCredentialKind = "credential";

/// The module of `course` whose plugin keeps credential records, or nullptr.
const courses::CourseModule* credentialModule(const courses::Course& course) {
    for (const auto& m : course.modules)
        if (m.instance && m.instance->plugin().info.kindIndex(kCredentialKind) >= 0) return &m;
    return nullptr;
}

/// The records `row` should have: (status, day) of its issue and of its end, if any.
std::vector<std::pair<std::string, std::int32_t>> statesOf(const store::CredentialRow& row) {
    std::vector<std::pair<std::string, std::int32_t>> out;
    out.emplace_back("active", parseDay(row.issuedOn).value_or(0));
    if (!row.supersededOn.empty())
        out.emplace_back("superseded", parseDay(row.supersededOn).value_or(0));
    if (!row.revokedOn.empty()) out.emplace_back("revoked", parseDay(row.revokedOn).value_or(0));
    return out;
}

} // namespace

std::optional<store::EvidenceRow> credentialEvidence(const courses::Course& course,
                                                     const store::CredentialRow& row,
                                                     const std::string& status, std::int32_t day) {
    const courses::CourseModule* module = credentialModule(course);
    if (module == nullptr) return std::nullopt;
    const PluginInfo& info = module->instance->plugin().info;
    const EvidenceKind& kind =
        info.kinds[static_cast<std::size_t>(info.kindIndex(kCredentialKind))];
    Poco::JSON::Object fields;
    fields.set("level", row.level);
    fields.set("valid_from", row.validFrom);
    if (!row.validUntil.empty()) fields.set("valid_until", row.validUntil);
    fields.set("status", status);
    const CheckedFields checked = checkJson(kind, fields);
    if (!checked.ok())
        throw std::logic_error("certificate " + row.serial + " as a " + info.id +
                               " record: " + checked.problems.front().message.en);
    store::EvidenceRow r;
    r.personId = row.personId;
    r.module = module->pluginId; // a personal record: it counts in every course
    r.kind = kCredentialKind;
    r.ref = row.credential;
    r.day = day;
    r.fields = checked.json;
    return r;
}

std::size_t recordMissingCredentialEvidence(
    store::WriteUnit& unit, store::Id person,
    const std::function<std::shared_ptr<const courses::Course>(const std::string& hash)>&
        courseOf) {
    store::CredentialQuery query;
    query.person = person;
    auto held = unit.credentials().list(query);
    if (held.empty()) return 0;
    // What is there already: (ref, day, fields) of the person's credential records.
    std::set<std::tuple<std::string, std::int32_t, std::string>> recorded;
    for (const auto& e : unit.evidence().history(person))
        if (e.kind == kCredentialKind && !e.courseId) recorded.emplace(e.ref, e.day, e.fields);
    // Oldest first, so that a re-issue's record comes after the supersession of the one it
    // replaces (the plugin takes the latest record).
    std::sort(held.begin(), held.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<store::EvidenceRow> missing;
    for (const auto& row : held) {
        const auto course = courseOf(row.courseHash);
        if (!course) continue;
        for (const auto& [status, day] : statesOf(row)) {
            auto record = credentialEvidence(*course, row, status, day);
            if (record && recorded.count({record->ref, record->day, record->fields}) == 0)
                missing.push_back(std::move(*record));
        }
    }
    std::stable_sort(missing.begin(), missing.end(),
                     [](const auto& a, const auto& b) { return a.day < b.day; });
    for (const auto& record : missing)
        unit.evidence().append(record);
    return missing.size();
}

} // namespace yanzhen::services
