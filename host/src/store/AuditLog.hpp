/// \file AuditLog.hpp
/// The hash-chained audit log: every write appends an entry (WriteTransaction::audit), and
/// verify() walks the chain to find the first entry that was edited or removed.
#pragma once

#include "Database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string entity;
    std::string entityId;
    std::string details; ///< JSON
    std::string prevHash;
    std::string hash;
};

/// The prev_hash of the first entry.
extern const std::string kAuditGenesis;

/// SHA-256 over the entry's content and the previous entry's hash, in hex.
std::string auditHash(const AuditEntry& entry);

struct AuditVerdict {
    bool intact = true;
    std::size_t entries = 0;
    std::string head; ///< the last entry's hash: keep it elsewhere to detect truncation
    std::optional<std::int64_t> at; ///< the first entry that does not fit the chain
    std::string problem;            ///< what is wrong there, in English
};

class AuditLog {
public:
    explicit AuditLog(Database& db) : db_(db) {}

    /// The newest entries first; `limit` at most 1000.
    std::vector<AuditEntry> recent(std::size_t limit, std::size_t offset = 0);
    /// How many entries there are (the total behind a page of recent()).
    std::size_t count();
    /// Walks the whole chain. An edited entry no longer matches its hash; a deleted one leaves
    /// a gap in the ids and a broken link; a removed tail is only visible against a head hash
    /// kept outside the database (`expectedHead`).
    AuditVerdict verify(const std::string& expectedHead = "");

private:
    Database& db_;
};

} // namespace yanzhen::store
