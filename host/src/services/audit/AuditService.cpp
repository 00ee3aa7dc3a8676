#include "services/audit/AuditService.hpp"

namespace yanzhen::services {

AuditPage AuditService::recent(std::size_t limit, std::size_t offset) {
    auto r = store_.read();
    AuditPage page;
    page.items = r->auditLog().recent(limit, offset);
    page.total = r->auditLog().count();
    return page;
}

AuditVerdict AuditService::verify(const std::string& expectedHead) {
    return store_.read()->auditLog().verify(expectedHead);
}

} // namespace yanzhen::services
