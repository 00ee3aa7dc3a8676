#include "services/reports/CredentialHoldings.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <yanzhen/date.hpp>

#include <algorithm>
#include <limits>

namespace yanzhen::services {

namespace {

/// A day field as the certification plugin's schema keeps it: "YYYY-MM-DD".
std::optional<std::int32_t> dayField(const Poco::JSON::Object& fields, const std::string& name) {
    if (!fields.has(name) || fields.isNull(name)) return std::nullopt;
    return parseDay(fields.getValue<std::string>(name));
}

} // namespace

std::optional<CredentialRecord> credentialRecord(const store::EvidenceRow& row) {
    try {
        const auto fields =
            Poco::JSON::Parser().parse(row.fields).extract<Poco::JSON::Object::Ptr>();
        const auto from = fields ? dayField(*fields, "valid_from") : std::nullopt;
        if (!from) return std::nullopt;
        CredentialRecord r;
        r.credential = row.ref;
        r.level = fields->optValue<std::string>("level", "");
        r.status = fields->optValue<std::string>("status", "active");
        r.day = row.day;
        r.validFrom = *from;
        r.validUntil = dayField(*fields, "valid_until");
        r.seq = row.id;
        return r;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

void CredentialHoldings::add(CredentialRecord record) {
    records_[record.credential].push_back(std::move(record));
}

std::vector<std::int32_t>
CredentialHoldings::changeDays(const std::vector<std::string>& credentials) const {
    std::vector<std::int32_t> days;
    for (const auto& credential : credentials) {
        const auto it = records_.find(credential);
        if (it == records_.end()) continue;
        for (const auto& r : it->second) {
            days.push_back(r.day);
            days.push_back(r.validFrom);
            if (r.validUntil && *r.validUntil < std::numeric_limits<std::int32_t>::max())
                days.push_back(*r.validUntil + 1);
        }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

bool CredentialHoldings::holds(const std::string& credential, std::int32_t day, Holding how) const {
    const auto it = records_.find(credential);
    if (it == records_.end()) return false;
    const CredentialRecord* deciding = nullptr;
    for (const auto& r : it->second) {
        if (r.day > day || r.validFrom > day) continue; // not yet in effect
        if (deciding == nullptr || r.seq > deciding->seq) deciding = &r;
    }
    if (deciding == nullptr) return false;
    if (how == Holding::Earned) return deciding->status != "revoked";
    return deciding->status == "active" && (!deciding->validUntil || day <= *deciding->validUntil);
}

} // namespace yanzhen::services
