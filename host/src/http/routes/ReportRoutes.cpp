// The district's figures (services/reports/LicensureReport): an admin's of everyone, a
// trainer's of the members of the cohorts assigned to them (AccessPolicy::reportPeople).
//
//   GET /api/v1/reports/licensure          ?by=post|street|community (default post)
//                                          &date=YYYY-MM-DD (default today)
//   GET /api/v1/reports/licensure/series   ?months=1..120 (default 12) &date=: the district's
//                                          totals at each month's end up to the day

#include "Requests.hpp"

#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "json/DescribeLicensure.hpp"

#include "services/AccessPolicy.hpp"
#include "services/reports/LicensureReport.hpp"

namespace yanzhen::http {

namespace {

void licensure(RequestContext& ctx, ApiServices& api) {
    const std::int32_t day = dayOf(ctx);
    const auto by = oneOf(ctx, "by", {"post", "street", "community"}).value_or("post");
    const auto people = services::AccessPolicy(api.store).reportPeople(callerOf(ctx));
    const auto data = api.licensure->data(api.store);
    ctx.json(200, json::describe(
                      data->figures(day, *services::licensureBy(by), people ? &*people : nullptr)));
}

void licensureSeries(RequestContext& ctx, ApiServices& api) {
    const std::int32_t day = dayOf(ctx);
    int months = 12;
    if (const auto q = ctx.query("months")) {
        months = services::seriesMonths(*q).value_or(0);
        if (months == 0)
            throw ApiError(
                400, "invalid_query",
                Text{"months 应为 1 到 120 的整数", "months must be a whole number from 1 to 120"});
    }
    const auto people = services::AccessPolicy(api.store).reportPeople(callerOf(ctx));
    const auto data = api.licensure->data(api.store);
    ctx.json(200, json::describe(data->series(day, months, people ? &*people : nullptr), day,
                                 months, people.has_value()));
}

} // namespace

void addReportRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/reports/licensure", Audience::Staff, bound(api, licensure));
    router.add("GET", "/api/v1/reports/licensure/series", Audience::Staff,
               bound(api, licensureSeries));
}

} // namespace yanzhen::http
