#include "AuditLog.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

const std::string kAuditGenesis(64, '0');

std::string auditHash(const AuditEntry& e) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    // Fields are separated by a byte no UTF-8 text contains, so no two entries hash alike.
    const char sep = '\x1f';
    for (const std::string* part :
         {&e.prevHash, &e.at, &e.actor, &e.action, &e.entity, &e.entityId, &e.details}) {
        sha.update(*part);
        sha.update(sep);
    }
    sha.update(std::to_string(e.id));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::vector<AuditEntry> AuditLog::recent(std::size_t limit, std::size_t offset) {
    limit = std::min<std::size_t>(limit, 1000);
    return onSession([&](Poco::Data::Session& session) {
        Poco::Data::Statement select(session);
        AuditEntry e;
        std::vector<AuditEntry> out;
        select << "SELECT id, at, actor, action, entity, entity_id, details, prev_hash, hash FROM "
                  "audit_log"
                  " ORDER BY id DESC LIMIT ? OFFSET ?",
            into(e.id), into(e.at), into(e.actor), into(e.action), into(e.entity), into(e.entityId),
            into(e.details), into(e.prevHash), into(e.hash), bind(static_cast<Poco::UInt64>(limit)),
            bind(static_cast<Poco::UInt64>(offset)), range(0, 1);
        while (!select.done()) {
            if (select.execute() > 0) out.push_back(e);
        }
        return out;
    });
}

std::size_t AuditLog::count() {
    return onSession([&](Poco::Data::Session& session) {
        Poco::UInt64 n = 0;
        session << "SELECT COUNT(*) FROM audit_log", into(n), now;
        return static_cast<std::size_t>(n);
    });
}

AuditVerdict AuditLog::verify(const std::string& expectedHead) {
    return onSession([&](Poco::Data::Session& session) {
        AuditVerdict v;
        Poco::Data::Statement select(session);
        AuditEntry e;
        select << "SELECT id, at, actor, action, entity, entity_id, details, prev_hash, hash FROM "
                  "audit_log ORDER BY id",
            into(e.id), into(e.at), into(e.actor), into(e.action), into(e.entity), into(e.entityId),
            into(e.details), into(e.prevHash), into(e.hash), range(0, 1);
        std::string previous = kAuditGenesis;
        std::int64_t expectedId = 1;
        while (!select.done()) {
            if (select.execute() == 0) break;
            ++v.entries;
            auto fail = [&](std::string problem) {
                v.intact = false;
                v.at = e.id;
                v.problem = std::move(problem);
            };
            if (e.id != expectedId) {
                fail("entry " + std::to_string(expectedId) +
                     (e.id == expectedId + 1 ? " is" : " and later ones are") +
                     " missing before entry " + std::to_string(e.id));
                return v;
            }
            if (e.prevHash != previous) {
                fail("entry " + std::to_string(e.id) + " does not link to the entry before it");
                return v;
            }
            if (auditHash(e) != e.hash) {
                fail("entry " + std::to_string(e.id) + " was changed after it was written");
                return v;
            }
            previous = e.hash;
            ++expectedId;
        }
        v.head = previous;
        if (!expectedHead.empty() && expectedHead != previous) {
            v.intact = false;
            v.problem = "the last entry's hash is not the expected head: entries at the end were "
                        "removed or replaced";
        }
        return v;
    });
}

} // namespace yanzhen::store
