#include "Access.hpp"

namespace yanzhen::http {

namespace {

void allowOnly(bool allowed) {
    if (!allowed) throw ApiError::forbidden();
}

} // namespace

bool isAdmin(const Principal& p) {
    return p.role == services::Role::Admin;
}

services::Caller callerOf(const RequestContext& ctx) {
    const Principal& who = ctx.caller();
    return services::Caller{who.role, who.person};
}

void requireCohortStaff(const RequestContext& ctx, ApiServices& api, services::Id cohort) {
    allowOnly(services::AccessPolicy(api.store).staffOfCohort(callerOf(ctx), cohort));
}

void requireCohortReader(const RequestContext& ctx, ApiServices& api, services::Id cohort) {
    allowOnly(services::AccessPolicy(api.store).readerOfCohort(callerOf(ctx), cohort));
}

void requireWorkerStaff(const RequestContext& ctx, ApiServices& api, services::Id person) {
    allowOnly(services::AccessPolicy(api.store).staffOfWorker(callerOf(ctx), person));
}

void requireWorkerReader(const RequestContext& ctx, ApiServices& api, services::Id person) {
    allowOnly(services::AccessPolicy(api.store).readerOfWorker(callerOf(ctx), person));
}

void requireSelfOrCohortStaff(const RequestContext& ctx, ApiServices& api, services::Id cohort,
                              services::Id person) {
    allowOnly(services::AccessPolicy(api.store).selfOrStaffOfCohort(callerOf(ctx), cohort, person));
}

} // namespace yanzhen::http
