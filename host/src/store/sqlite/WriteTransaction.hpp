/// \file WriteTransaction.hpp
/// What a write sees: the writer's connection inside an open transaction, the actor, one
/// timestamp for everything it writes, and the audit log it must append to.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>

namespace yanzhen::store {

class WriteTransaction {
public:
    WriteTransaction(Poco::Data::Session& session, std::string actor, std::string now)
        : session_(session), actor_(std::move(actor)), now_(std::move(now)) {}

    Poco::Data::Session& session() { return session_; }
    const std::string& actor() const { return actor_; }
    /// The transaction's time, UTC, "YYYY-MM-DDTHH:MM:SSZ": every row it writes says the same.
    const std::string& now() const { return now_; }
    /// The rowid of the last INSERT on this connection.
    std::int64_t lastInsertId();

    /// Appends one entry to the hash-chained audit log: who (the actor), when (now), what
    /// (`action` on `entity` `entityId`) and what changed (`details`).
    void audit(const std::string& action, const std::string& entity, const std::string& entityId,
               const Poco::JSON::Object& details);

private:
    Poco::Data::Session& session_;
    std::string actor_;
    std::string now_;
};

} // namespace yanzhen::store
