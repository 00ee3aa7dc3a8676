#include "WriteTransaction.hpp"

#include "AuditLog.hpp"

#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

#include <sstream>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

std::int64_t WriteTransaction::lastInsertId() {
    return sqlite3_last_insert_rowid(Poco::Data::SQLite::Utility::dbHandle(session_));
}

void WriteTransaction::audit(const std::string& action, const std::string& entity,
                             const std::string& entityId, const Poco::JSON::Object& details) {
    AuditEntry e;
    std::vector<std::string> last;
    std::vector<std::int64_t> lastId;
    session_ << "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", into(lastId), into(last),
        Poco::Data::Keywords::now;
    e.prevHash = last.empty() ? kAuditGenesis : last.front();
    e.id = lastId.empty() ? 1 : lastId.front() + 1;
    e.at = now_;
    e.actor = actor_;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    std::ostringstream json;
    details.stringify(json);
    e.details = json.str();
    e.hash = auditHash(e);
    session_ << "INSERT INTO audit_log(id, at, actor, action, entity, entity_id, details, "
                "prev_hash, hash)"
                " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(e.id), use(e.at), use(e.actor), use(e.action), use(e.entity), use(e.entityId),
        use(e.details), use(e.prevHash), use(e.hash), Poco::Data::Keywords::now;
}

} // namespace yanzhen::store
