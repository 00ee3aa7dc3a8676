#include "Access.hpp"

#include "store/CohortRepository.hpp"

namespace yanzhen::http {

bool isAdmin(const Principal& p) {
    return p.role == "admin";
}

void requireCohortStaff(const RequestContext& ctx, ApiServices& api, store::Id cohort) {
    const Principal& who = ctx.caller();
    if (isAdmin(who)) return;
    if (who.role == "trainer" && who.person) {
        auto r = api.db.read();
        if (store::CohortRepository(*r).isTrainer(cohort, *who.person)) return;
    }
    throw ApiError::forbidden();
}

void requireWorkerReader(const RequestContext& ctx, ApiServices& api, store::Id person) {
    const Principal& who = ctx.caller();
    if (isAdmin(who)) return;
    if (who.person && *who.person == person) return;
    if (who.role == "trainer" && who.person) {
        auto r = api.db.read();
        store::CohortRepository cohorts(*r);
        for (const auto& c : cohorts.cohortsOf(person))
            if (cohorts.isTrainer(c.id, *who.person)) return;
    }
    throw ApiError::forbidden();
}

} // namespace yanzhen::http
