/// \file Access.hpp
/// Who may see and change what, beyond a route's audience: a trainer only the cohorts and
/// sessions assigned to them, a worker only their own record. Each check throws 403 (or 401)
/// in the error shape; a handler calls the one that fits before it reads anything.
#pragma once

#include "Api.hpp"
#include "RequestContext.hpp"

#include "store/Records.hpp"

namespace yanzhen::http {

bool isAdmin(const Principal& p);

/// Admins, and trainers assigned to `cohort`.
void requireCohortStaff(const RequestContext& ctx, ApiServices& api, store::Id cohort);

/// The worker themself, admins, and trainers of a cohort the worker is enrolled in.
void requireWorkerReader(const RequestContext& ctx, ApiServices& api, store::Id person);

} // namespace yanzhen::http
