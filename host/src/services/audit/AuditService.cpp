#include "services/audit/AuditService.hpp"

namespace yanzhen::services {

AuditPage AuditService::recent(std::size_t limit, std::size_t offset) {
    store::AuditLog log(db_);
    AuditPage page;
    page.items = log.recent(limit, offset);
    page.total = log.count();
    return page;
}

AuditVerdict AuditService::verify(const std::string& expectedHead) {
    return store::AuditLog(db_).verify(expectedHead);
}

} // namespace yanzhen::services
