/// \file AuditLog.hpp
/// The hash-chained audit log: every write appends an entry (WriteTransaction::audit), and
/// verify() walks the chain to find the first entry that was edited or removed.
#pragma once

#include "Database.hpp"
#include "store/Records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

/// The prev_hash of the first entry.
extern const std::string kAuditGenesis;

/// SHA-256 over the entry's content and the previous entry's hash, in hex.
std::string auditHash(const AuditEntry& entry);

class AuditLog {
public:
    /// Reads on a pooled reader of `db`, a connection per call.
    explicit AuditLog(Database& db) : db_(&db) {}
    /// Reads on `session`: inside a unit of work, its snapshot or its transaction.
    explicit AuditLog(Poco::Data::Session& session) : session_(&session) {}

    /// The newest entries first; `limit` at most 1000.
    std::vector<AuditEntry> recent(std::size_t limit, std::size_t offset = 0);
    /// How many entries there are (the total behind a page of recent()).
    std::size_t count();
    /// Walks the whole chain. An edited entry no longer matches its hash; a deleted one leaves
    /// a gap in the ids and a broken link; a removed tail is only visible against a head hash
    /// kept outside the database (`expectedHead`).
    AuditVerdict verify(const std::string& expectedHead = "");

private:
    /// `f(session)` on the session given, or on a reader of the database.
    template <class F> auto onSession(F&& f) {
        if (session_ != nullptr) return f(*session_);
        auto r = db_->read();
        return f(*r);
    }

    Database* db_ = nullptr;
    Poco::Data::Session* session_ = nullptr;
};

} // namespace yanzhen::store
