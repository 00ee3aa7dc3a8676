/// \file Api.hpp
/// The JSON API under /api/v1: what its handlers may use, and the one function that adds every
/// route. Handlers call services; services call the store; nothing here speaks SQL.
#pragma once

#include "Router.hpp"

#include "courses/CourseCatalog.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/Records.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/reports/LicensureReport.hpp"

#include <filesystem>
#include <string>

namespace yanzhen::http {

/// Everything a handler may reach; all of it outlives the server.
struct ApiServices {
    /// The records behind the store's interfaces (store/Store.hpp), handed to the services a
    /// handler calls; never read by a handler itself.
    services::Store& store;
    const plugins::PluginRegistry& plugins;
    const courses::CourseCatalog& catalog;
    services::CourseVersions& versions;
    services::AccountService& accounts;
    /// The certificate signing key's file (services::defaultSigningKeyFile beside the database
    /// unless configured).
    std::filesystem::path signingKey = {};
    /// The public base address printed on certificates and in their QR codes.
    std::string publicUrl = "http://127.0.0.1:8080";
    /// The licensing figures' data, kept while nothing it is counted from changes.
    std::shared_ptr<services::LicensureKeeper> licensure =
        std::make_shared<services::LicensureKeeper>();
};

/// A route's handler: a named function of the request and of what it may reach.
using ApiHandler = void (*)(RequestContext&, ApiServices&);

/// `handler` bound to `api`, as Router::add takes it.
inline Handler bound(ApiServices& api, ApiHandler handler) {
    return [&api, handler](RequestContext& ctx) { handler(ctx, api); };
}

/// Adds every route of the API (in an order where literal paths come before patterns).
void registerRoutes(Router& router, ApiServices& api);

/// One registration function per area, each in http/routes/<Area>Routes.cpp.
void addSystemRoutes(Router& router, ApiServices& api);
void addAuthRoutes(Router& router, ApiServices& api);
void addCatalogRoutes(Router& router, ApiServices& api);
void addWorkerRoutes(Router& router, ApiServices& api);
void addCohortRoutes(Router& router, ApiServices& api);
void addSessionRoutes(Router& router, ApiServices& api);
void addEvidenceRoutes(Router& router, ApiServices& api);
void addAuditRoutes(Router& router, ApiServices& api);
void addCalendarRoutes(Router& router, ApiServices& api);
void addCredentialRoutes(Router& router, ApiServices& api);
void addAccountRoutes(Router& router, ApiServices& api);
void addTrainerRoutes(Router& router, ApiServices& api);
void addReportRoutes(Router& router, ApiServices& api);

/// Bench-only routes (GET /bench/bare), added by `serve --bench-endpoints` alone: see
/// routes/BenchRoutes.cpp.
void addBenchRoutes(Router& router);

} // namespace yanzhen::http
