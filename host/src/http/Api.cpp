#include "Api.hpp"

namespace yanzhen::http {

void registerRoutes(Router& router, ApiServices& api) {
    addSystemRoutes(router, api);
    addAuthRoutes(router, api);
    addCatalogRoutes(router, api);
    addWorkerRoutes(router, api);
    addCohortRoutes(router, api);
    addSessionRoutes(router, api);
    addEvidenceRoutes(router, api);
    addAuditRoutes(router, api);
    addCalendarRoutes(router, api);
    addCredentialRoutes(router, api);
    addAccountRoutes(router, api);
    addTrainerRoutes(router, api);
    addReportRoutes(router, api);
}

} // namespace yanzhen::http
