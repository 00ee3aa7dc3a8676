/// \file CredentialRepository.hpp
/// Credentials the scheme issues: signed certificates, one row each. A row is never edited
/// except to mark it revoked, superseded (by a corrected re-issue) or renewed (by its next
/// period): the history is the table.
#pragma once

#include "Records.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

/// One issued certificate as stored. Dates are "YYYY-MM-DD".
struct CredentialRow {
    Id id = 0;
    std::string serial;
    Id personId = 0;
    std::string courseId;
    std::string courseHash;
    std::string credential; ///< the course's credential id, e.g. district_licence
    std::string level;
    std::string issuedOn;
    std::string validFrom;
    std::string validUntil; ///< empty: no expiry
    std::string payload;    ///< the canonical JSON, exactly the bytes that were signed
    std::string signature;  ///< Ed25519 over payload, base64
    std::string keyId;
    std::string issuedBy;
    std::string issuedAt;
    std::optional<Id> previousId; ///< the certificate this one renews or replaces
    std::string revokedOn;        ///< empty: not revoked
    std::string revokedReason;
    std::string supersededOn; ///< empty: not superseded
    std::optional<Id> supersededBy;
    std::optional<Id> renewedBy;
};

/// Which certificates a list holds.
struct CredentialQuery {
    std::optional<Id> person;
    /// Only certificates of people enrolled in a cohort this person trains.
    std::optional<Id> taughtBy;
    /// Only certificates whose valid_until lies in [from, to] (dates), not revoked, superseded
    /// or renewed: what the expiry report lists.
    std::string expiringFrom;
    std::string expiringTo;
};

class CredentialRepository {
public:
    explicit CredentialRepository(Poco::Data::Session& session) : session_(session) {}

    /// The id the next certificate will get (the writer is alone, so it holds until commit).
    Id nextId(WriteTransaction& tx);
    /// Stores a signed certificate, in the audit log. Returns its id. Throws StoreError (from
    /// Poco::Data) when the serial exists.
    Id add(WriteTransaction& tx, const CredentialRow& row);
    /// Marks `id` revoked from `on`, with `reason`, in the audit log.
    void revoke(WriteTransaction& tx, Id id, const std::string& on, const std::string& reason);
    /// Marks `id` superseded by `by` from `on` (a corrected re-issue), in the audit log.
    void supersede(WriteTransaction& tx, Id id, Id by, const std::string& on,
                   const std::string& reason);
    /// Marks `id` as continued by `by` (its renewal), in the audit log.
    void markRenewed(WriteTransaction& tx, Id id, Id by);

    std::optional<CredentialRow> find(Id id);
    std::optional<CredentialRow> findBySerial(const std::string& serial);
    /// Newest first (by issue date, then id).
    std::vector<CredentialRow> list(const CredentialQuery& query);

private:
    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
