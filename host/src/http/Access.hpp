/// \file Access.hpp
/// The API's side of services/AccessPolicy.hpp: each check asks the policy about the caller and
/// throws 403 (or 401 with no caller) in the error shape when it says no. A handler calls the
/// one that fits before it reads anything.
#pragma once

#include "Api.hpp"
#include "RequestContext.hpp"

#include "services/AccessPolicy.hpp"

namespace yanzhen::http {

bool isAdmin(const Principal& p);

/// The caller as the access policy sees them; 401 when nobody is logged in.
services::Caller callerOf(const RequestContext& ctx);

/// Admins, and trainers assigned to `cohort`.
void requireCohortStaff(const RequestContext& ctx, ApiServices& api, services::Id cohort);

/// The cohort's staff, and the workers enrolled in it.
void requireCohortReader(const RequestContext& ctx, ApiServices& api, services::Id cohort);

/// Admins, and trainers of a cohort `person` is enrolled in.
void requireWorkerStaff(const RequestContext& ctx, ApiServices& api, services::Id person);

/// The worker themself, admins, and trainers of a cohort the worker is enrolled in.
void requireWorkerReader(const RequestContext& ctx, ApiServices& api, services::Id person);

/// The person themself, or the staff of `cohort`.
void requireSelfOrCohortStaff(const RequestContext& ctx, ApiServices& api, services::Id cohort,
                              services::Id person);

} // namespace yanzhen::http
