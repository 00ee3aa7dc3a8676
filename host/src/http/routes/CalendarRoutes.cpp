// iCalendar feeds (RFC 5545) to subscribe to from a calendar app.
//
//   GET /api/v1/workers/{id}/calendar.ics    the worker, their trainers, admins
//   GET /api/v1/cohorts/{id}/calendar.ics    the cohort's trainers, admins, workers enrolled in it
//
// A calendar app sends neither cookies nor headers, only the URL: besides a session cookie or a
// bearer token, these routes accept ?token=<API token> (`yanzhen users token`). That is why they
// are public to the dispatcher and authenticate here. A browser session token is refused in the
// URL: it would end up in histories and logs, and it is not meant to leave its HttpOnly cookie.

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/scheduling/CalendarService.hpp"

#include <functional>

namespace yanzhen::http {

namespace {

const char* const kCalendarType = "text/calendar; charset=utf-8";

ApiError invalidToken() {
    return ApiError(401, "invalid_token",
                    Text{"令牌无效、已过期或已撤销", "the token is invalid, expired or revoked"});
}

/// Lets the request through when the caller the dispatcher found (cookie or bearer) passes
/// `check`, or else the account of ?token= does; `check` throws 403 for a caller it refuses.
/// Throws 401 when nobody is identified (or ?token= is no live API token), 403 when whoever
/// was identified may not read this feed.
void authorizeFeed(RequestContext& ctx, ApiServices& api,
                   const std::function<void(const RequestContext&)>& check) {
    bool identified = false;
    if (ctx.principal) {
        identified = true;
        try {
            check(ctx);
            return;
        } catch (const ApiError& e) {
            if (e.status() != 403) throw;
        }
    }
    if (const auto token = ctx.query("token")) {
        const auto p = api.accounts.authenticate(*token);
        if (!p || p->tokenKind != "api") throw invalidToken();
        const auto dispatcherFound = std::move(ctx.principal);
        ctx.principal = Principal{p->accountId, p->username, p->role, p->personId, false, ""};
        try {
            check(ctx);
            return;
        } catch (const ApiError& e) {
            if (e.status() != 403) throw;
        }
        ctx.principal = dispatcherFound;
        identified = true;
    }
    if (!identified) throw ApiError::unauthorized();
    throw ApiError::forbidden();
}

void workerCalendar(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "worker");
    // Access first: a worker may not learn which ids exist.
    authorizeFeed(ctx, api, [&](const RequestContext& c) { requireWorkerReader(c, api, id); });
    const auto text = services::CalendarService(api.store, api.versions).forWorker(id);
    if (!text) throw ApiError::notFound("worker " + std::to_string(id));
    ctx.send(200, kCalendarType, *text);
}

void cohortCalendar(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "cohort");
    authorizeFeed(ctx, api, [&](const RequestContext& c) { requireCohortReader(c, api, id); });
    const auto text = services::CalendarService(api.store, api.versions).forCohort(id);
    if (!text) throw ApiError::notFound("cohort " + std::to_string(id));
    ctx.send(200, kCalendarType, *text);
}

} // namespace

void addCalendarRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/workers/{id}/calendar.ics", Audience::Public,
               bound(api, workerCalendar));
    router.add("GET", "/api/v1/cohorts/{id}/calendar.ics", Audience::Public,
               bound(api, cohortCalendar));
}

} // namespace yanzhen::http
