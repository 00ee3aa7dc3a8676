// The hash-chained audit log: who changed what, and whether anyone edited the record of it.
//
//   GET /api/v1/audit          admins; newest first, paged
//   GET /api/v1/audit/verify   admins; ?head=HASH (the head kept elsewhere, to detect entries
//                              removed from the end) -> {intact, entries, head, at?, problem?}

#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "json/DescribeRecords.hpp"

#include "services/audit/AuditService.hpp"

#include <Poco/JSON/Array.h>

namespace yanzhen::http {

namespace {

void listAudit(RequestContext& ctx, ApiServices& api) {
    const std::size_t offset = ctx.offset(); // read first: its error is the one to answer
    const std::size_t limit = ctx.limit();
    const auto page = services::AuditService(api.store).recent(limit, offset);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& e : page.items)
        items->add(json::describe(e));
    ctx.page(items, page.total);
}

void verifyAudit(RequestContext& ctx, ApiServices& api) {
    const std::string head = ctx.query("head").value_or("");
    if (head.size() > 128)
        throw ApiError(400, "invalid_query",
                       Text{"head 应为审计日志的哈希", "head must be an audit log hash"});
    const auto v = services::AuditService(api.store).verify(head);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("intact", v.intact);
    o->set("entries", static_cast<Poco::UInt64>(v.entries));
    o->set("head", v.head);
    if (v.at) o->set("at", *v.at);
    if (!v.problem.empty()) o->set("problem", v.problem);
    ctx.json(200, o);
}

} // namespace

void addAuditRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/audit", Audience::Admin, bound(api, listAudit));
    router.add("GET", "/api/v1/audit/verify", Audience::Admin, bound(api, verifyAudit));
}

} // namespace yanzhen::http
