/// \file CredentialRepository.hpp
/// Credentials the scheme issues: signed certificates, one row each. A row is never edited
/// except to mark it revoked, superseded (by a corrected re-issue) or renewed (by its next
/// period): the history is the table.
#pragma once

#include "WriteTransaction.hpp"
#include "store/Records.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

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
    /// The row the UPDATE just before changed; StoreError when there is none, or when it was
    /// `already` in that state (the UPDATE matched nothing).
    CredentialRow changedOrRefused(WriteTransaction& tx, Id id, const char* already);

    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
