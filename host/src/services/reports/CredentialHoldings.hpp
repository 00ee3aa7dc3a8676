/// \file CredentialHoldings.hpp
/// Which credentials a person holds on a day, read from their personal `credential` records
/// (services/credentials/CredentialEvidence.hpp) the way the certification plugin's `holds`
/// leaf reads them (plugins/certification/credentials.cpp): per credential id, the latest
/// record that has taken effect by the day (recorded on or before it, valid from on or before
/// it) decides. The reports need it for many people and many days at once, without evaluating
/// a course for each, so the rule is read here a second time: if the plugin's reading changes,
/// this one must too (`tests/host/services/licensure_report_test.cpp` pins the cases: a record
/// recorded ahead of time, a re-issue, a revocation, a lapse).
#pragma once

#include "store/Records.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One credential record, as the holding rule reads it.
struct CredentialRecord {
    std::string credential; ///< the credential id (the record's ref), e.g. district_licence
    std::string level;
    std::string status;   ///< active, revoked, superseded
    std::int32_t day = 0; ///< recorded for this day
    std::int32_t validFrom = 0;
    std::optional<std::int32_t> validUntil; ///< none: no end
    store::Id seq = 0;                      ///< the record's id: later records decide
};

/// `row` as a credential record; nothing when its fields are not one (no valid_from, say).
std::optional<CredentialRecord> credentialRecord(const store::EvidenceRow& row);

/// How a credential counts as held.
enum class Holding {
    /// In force: the deciding record is active and its validity covers the day (a licence to
    /// work, a registration).
    InForce,
    /// Earned and not taken away: the deciding record is not revoked, whatever its validity
    /// says (the national certificate prints no expiry; a lapsed registration is not a lost
    /// certificate).
    Earned,
};

/// One person's credential records, by credential id.
class CredentialHoldings {
public:
    void add(CredentialRecord record);
    /// Whether `credential` is held on `day`, as `how` counts it.
    bool holds(const std::string& credential, std::int32_t day, Holding how) const;
    /// The days on which holds() of any of `credentials` may change, sorted, each once: the
    /// answer is the same from one of them to the day before the next (a record is recorded,
    /// takes effect, or ends).
    std::vector<std::int32_t> changeDays(const std::vector<std::string>& credentials) const;
    bool empty() const { return records_.empty(); }

private:
    std::map<std::string, std::vector<CredentialRecord>> records_;
};

} // namespace yanzhen::services
