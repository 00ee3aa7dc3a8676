/// \file CredentialService.hpp
/// Credentials the scheme issues, and their life: issued when the course's requirement set for
/// them is met (else refused with what's left), signed with the signing key, renewed in their
/// window when the renewal set is met, revoked with a reason, re-issued after a correction with
/// the old one kept as superseded. Every change is one write, in the audit log. Every answer is
/// for a given day: nothing here reads a clock.
#pragma once

#include "services/credentials/CertificateFormat.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialLifecycle.hpp"
#include "services/progress/CourseVersions.hpp"

#include "rules/Outcome.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::services {

/// A certificate and what it means on a day.
struct CredentialView {
    store::CredentialRow row;
    store::Person holder;
    std::shared_ptr<const courses::Course> course; ///< the version it was issued under
    const courses::CredentialPolicy* policy = nullptr;
    CertificatePayload payload; ///< what the certificate says (its signed bytes, read back)
    /// On the day; "tampered" when the stored record is not the one signed, "unverifiable"
    /// when there is no key to check it with (StoredCertificateCheck.hpp).
    CredentialStanding standing;
    std::string problem;            ///< why it is tampered or unverifiable, in English; else empty
    std::string previousSerial;     ///< the one it renews or replaces
    std::string supersededBySerial; ///< its corrected re-issue
    std::string renewedBySerial;    ///< its next period
};

/// A request the rules refuse. `code` is stable: not_found, not_eligible, conflict, invalid.
/// For not_eligible, `left` is what the worker still has to do (the progress page's words).
struct CredentialRefusal : std::runtime_error {
    CredentialRefusal(std::string code, Text message, std::vector<rules::LeftItem> left = {})
        : std::runtime_error(message.en), code(std::move(code)), message(std::move(message)),
          left(std::move(left)) {}
    std::string code;
    Text message;
    std::vector<rules::LeftItem> left;
};

class CredentialService {
public:
    /// `signingKey` is the key file; it is read only when something is signed. All references
    /// must outlive the service.
    CredentialService(store::Store& store, CourseVersions& versions,
                      std::filesystem::path signingKey)
        : store_(store), versions_(versions), signingKey_(std::move(signingKey)) {}

    /// Issues `credential` of `course` to `person` on `day`, valid from that day for the
    /// policy's validity, if the worker's newest cohort of the course (on its pinned version)
    /// meets the policy's requirement set. Throws CredentialRefusal: not_eligible (with what's
    /// left), conflict (already holds one in force), invalid (no such course or credential);
    /// SigningKeyError when the key cannot be read.
    CredentialView issue(const std::string& actor, store::Id person, const std::string& course,
                         const std::string& credential, std::int32_t day);
    /// The same without the requirement check: records a licence decided before Yanzhen kept
    /// the evidence (the demo's licences from an earlier programme). Not reachable from the
    /// command line or the API. `courseHash` is the course version to issue under.
    CredentialView grant(const std::string& actor, store::Id person, const std::string& courseHash,
                         const std::string& credential, std::int32_t day);
    /// Revokes from `day`, with `reason`. Throws CredentialRefusal: not_found, conflict
    /// (already revoked or superseded), invalid (empty reason).
    CredentialView revoke(const std::string& actor, const std::string& serial,
                          const std::string& reason, std::int32_t day);
    /// Renews in the window or the grace period when the renewal set is met on the period's
    /// evidence: a new certificate for the next period, from the day after this one ends.
    /// Throws CredentialRefusal: not_found, conflict (window not open, past grace, revoked,
    /// superseded, already renewed), not_eligible (with what's left).
    CredentialView renew(const std::string& actor, const std::string& serial, std::int32_t day);
    /// Re-issues after a correction (the holder's record was fixed): a new certificate with
    /// the same period and today's holder details; the old one superseded from `day`.
    CredentialView reissue(const std::string& actor, const std::string& serial,
                           const std::string& reason, std::int32_t day);

    std::optional<CredentialView> find(const std::string& serial, std::int32_t day);
    /// Newest first.
    std::vector<CredentialView> list(const store::CredentialQuery& query, std::int32_t day);
    /// Certificates ending within `days` after `day` (or in their grace period), soonest first;
    /// `taughtBy` narrows to a trainer's people.
    std::vector<CredentialView> expiring(int days, std::int32_t day,
                                         std::optional<store::Id> taughtBy);

    /// The certificate file of a stored certificate (see CertificateFormat.hpp).
    static std::string certificateFile(const store::CredentialRow& row);

private:
    CredentialView view(const store::CredentialRow& row, std::int32_t day);
    /// The course version `row` was issued under; nullptr when it no longer loads.
    std::shared_ptr<const courses::Course> versionOf(const store::CredentialRow& row);
    CredentialView signAndStore(
        const std::string& actor, const store::Person& holder,
        const std::shared_ptr<const courses::Course>& course,
        const courses::CredentialPolicy& policy, std::int32_t issuedOn, std::int32_t validFrom,
        std::optional<store::Id> previous,
        const std::function<void(store::WriteUnit&, store::Id, const std::string&)>& alsoDo,
        std::int32_t day);
    store::CredentialRow require(const std::string& serial);
    /// The issuer's public key, read once per service; nothing when it cannot be read.
    const std::optional<PublicKey>& issuerKey();

    store::Store& store_;
    CourseVersions& versions_;
    std::filesystem::path signingKey_;
    std::optional<std::optional<PublicKey>> issuerKey_;
};

/// The policy `credential` of `course`, or nothing.
const courses::CredentialPolicy* policyOf(const courses::Course& course,
                                          const std::string& credential);

} // namespace yanzhen::services
