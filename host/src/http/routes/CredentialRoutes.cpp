// Certificates: issued, listed, printed, revoked, renewed, re-issued; verified in public.
//
//   GET  /.well-known/yanzhen-signing-key       anyone: the Ed25519 public key (base64) and id
//   GET  /verify/{serial}                       anyone: the verification page (HTML, zh/en by
//                                               Accept-Language or ?lang=), name masked
//   GET  /api/v1/workers/{id}/credentials       the worker, their trainers, admins (a page)
//   POST /api/v1/credentials                    {worker, course, credential}: their trainers,
//                                               admins; 409 not_eligible with what's left
//   GET  /api/v1/credentials/expiring?days=N    admins; trainers: their cohorts' people
//   GET  /api/v1/credentials/{serial}           the holder, their trainers, admins
//   GET  /api/v1/credentials/{serial}/pdf       the same: the printable A4 PDF
//   POST /api/v1/credentials/{serial}/revoke    {reason}: the holder's trainers, admins
//   POST /api/v1/credentials/{serial}/renew     the same
//   POST /api/v1/credentials/{serial}/reissue   {reason}: the same
// Every answer is for ?date=YYYY-MM-DD (default today, Asia/Shanghai); writes take it too.

#include "VerifyPage.hpp"

#include "Requests.hpp"
#include "http/Access.hpp"
#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include "services/credentials/CertificatePdf.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/people/PeopleService.hpp"
#include "json/DescribeCredential.hpp"
#include "json/DescribeProgress.hpp"

#include <yanzhen/date.hpp>

namespace yanzhen::http {

namespace {

services::CredentialService service(ApiServices& api) {
    return services::CredentialService(api.store, api.versions, api.signingKey);
}

ApiError refusal(const services::CredentialRefusal& e) {
    if (e.code == "not_found") return ApiError(404, "not_found", e.message);
    if (e.code == "invalid") return ApiError(400, "invalid_field", e.message);
    Poco::JSON::Object::Ptr details;
    if (e.code == "not_eligible") {
        details = new Poco::JSON::Object;
        details->set("left", json::describeLeft(e.left));
    }
    return ApiError(409, e.code, e.message, details);
}

/// The certificate `serial` on `day`, after the caller passed `check` on its holder.
services::CredentialView
credentialFor(RequestContext& ctx, ApiServices& api, const std::string& serial, std::int32_t day,
              void (*check)(const RequestContext&, ApiServices&, services::Id)) {
    const auto v = service(api).find(serial, day);
    if (!v) throw ApiError::notFound("certificate " + serial);
    check(ctx, api, v->row.personId);
    return *v;
}

/// The day a write takes effect: the body's "date", else ?date=, else today.
std::int32_t writeDay(RequestContext& ctx, BodyReader& body) {
    if (body.has("date")) {
        const auto d = body.day("date");
        body.check(ctx.lang());
        return *parseDay(*d);
    }
    return dayOf(ctx);
}

template <class F> void answering(F&& body) {
    try {
        body();
    } catch (const services::CredentialRefusal& e) {
        throw refusal(e);
    } catch (const services::SigningKeyError& e) {
        throw ApiError(
            503, "no_signing_key",
            Text{"服务器没有可用的证书签名密钥", "the server has no usable signing key"});
    }
}

} // namespace

namespace {

/// A change that needs a reason (revoke, reissue): the body's reason and day, the certificate
/// checked against the caller, then `change(service, actor, serial, reason, day)` answered
/// with `status` and the resulting certificate.
template <class Change>
void changeWithReason(RequestContext& ctx, ApiServices& api, int status, Change change) {
    BodyReader body(ctx.jsonBody());
    const auto reason = body.text("reason", 500, true);
    body.check(ctx.lang());
    const std::int32_t day = writeDay(ctx, body);
    const auto old = credentialFor(ctx, api, ctx.param("serial"), day, requireWorkerStaff);
    answering([&] {
        auto credentials = service(api);
        const auto v = change(credentials, actorOf(ctx.caller()), old.row.serial, *reason, day);
        ctx.json(status, json::describe(v, api.publicUrl));
    });
}

void signingKey(RequestContext& ctx, ApiServices& api) {
    answering([&] {
        const auto key = services::SigningKey::load(api.signingKey).publicKey();
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("algorithm", std::string("Ed25519"));
        o->set("public_key", key.base64());
        o->set("key_id", key.id());
        o->set("format", std::string(services::kCertificateFormat));
        ctx.json(200, o);
    });
}

void verifyPage(RequestContext& ctx, ApiServices& api) {
    const std::string lang = ctx.query("lang").value_or(ctx.lang()) == "en" ? "en" : "zh";
    const std::int32_t day = dayOf(ctx);
    const std::string& serial = ctx.param("serial");
    const auto v = service(api).find(serial, day);
    ctx.response().set("Cache-Control", "no-store");
    ctx.response().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.send(v ? 200 : 404, "text/html; charset=utf-8", verifyPageHtml(serial, v, lang, day));
}

void workerCredentials(RequestContext& ctx, ApiServices& api) {
    const services::Id id = ctx.idParam("id", "worker");
    requireWorkerReader(ctx, api, id);
    if (!services::PeopleService(api.store).find(id))
        throw ApiError::notFound("worker " + std::to_string(id));
    services::CredentialQuery q;
    q.person = id;
    const auto all = service(api).list(q, dayOf(ctx));
    ctx.pageOf(all, [&](const auto& v) { return json::describe(v, api.publicUrl); });
}

void issueCredential(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto worker = body.reference("worker", true);
    const auto course = body.text("course");
    const auto credential = body.text("credential");
    body.check(ctx.lang());
    const auto person = services::PeopleService(api.store).resolve(*worker);
    if (!person) {
        body.problem("worker", Text{"没有这个人员", "no such worker"});
        body.check(ctx.lang());
    }
    requireWorkerStaff(ctx, api, person->id);
    const std::int32_t day = writeDay(ctx, body);
    answering([&] {
        const auto v =
            service(api).issue(actorOf(ctx.caller()), person->id, *course, *credential, day);
        ctx.json(201, json::describe(v, api.publicUrl));
    });
}

void expiringCredentials(RequestContext& ctx, ApiServices& api) {
    int days = 90;
    if (const auto q = ctx.query("days")) {
        try {
            days = std::stoi(*q);
        } catch (const std::exception&) {
            days = -1;
        }
        if (days < 0 || days > 3660)
            throw ApiError(400, "invalid_query",
                           Text{"days 应为 0 到 3660", "days must be 0 to 3660"});
    }
    const Principal& who = ctx.caller();
    std::optional<services::Id> taughtBy;
    if (!isAdmin(who)) taughtBy = who.person.value_or(0);
    const auto all = service(api).expiring(days, dayOf(ctx), taughtBy);
    ctx.pageOf(all, [&](const auto& v) { return json::describe(v, api.publicUrl); });
}

void getCredential(RequestContext& ctx, ApiServices& api) {
    const auto v = credentialFor(ctx, api, ctx.param("serial"), dayOf(ctx), requireWorkerReader);
    auto o = json::describe(v, api.publicUrl);
    Poco::JSON::Object::Ptr file = new Poco::JSON::Object;
    file->set("format", std::string(services::kCertificateFormat));
    file->set("payload", v.row.payload);
    file->set("signature", v.row.signature);
    o->set("certificate", file);
    ctx.json(200, o);
}

void credentialPdf(RequestContext& ctx, ApiServices& api) {
    const auto v = credentialFor(ctx, api, ctx.param("serial"), dayOf(ctx), requireWorkerReader);
    // A record that is not the signed one is not printed: the paper would vouch for it.
    if (v.standing.status == "tampered" || v.standing.status == "unverifiable")
        throw ApiError(409, v.standing.status, services::statusText(v.standing.status));
    const std::string pdf =
        services::renderCertificatePdf(v, json::verifyUrl(api.publicUrl, v.row.serial));
    ctx.response().set("Content-Disposition", "inline; filename=\"" + v.row.serial + ".pdf\"");
    ctx.send(200, "application/pdf", pdf);
}

void revokeCredential(RequestContext& ctx, ApiServices& api) {
    changeWithReason(ctx, api, 200, [](auto&& s, auto&&... args) { return s.revoke(args...); });
}

void renewCredential(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.request().getContentLength() > 0
                        ? ctx.jsonBody()
                        : Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    const std::int32_t day = writeDay(ctx, body);
    const auto old = credentialFor(ctx, api, ctx.param("serial"), day, requireWorkerStaff);
    answering([&] {
        const auto v = service(api).renew(actorOf(ctx.caller()), old.row.serial, day);
        ctx.json(201, json::describe(v, api.publicUrl));
    });
}

void reissueCredential(RequestContext& ctx, ApiServices& api) {
    changeWithReason(ctx, api, 201, [](auto&& s, auto&&... args) { return s.reissue(args...); });
}

} // namespace

void addCredentialRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/.well-known/yanzhen-signing-key", Audience::Public, bound(api, signingKey));
    router.add("GET", "/verify/{serial}", Audience::Public, bound(api, verifyPage));
    router.add("GET", "/api/v1/workers/{id}/credentials", Audience::Authenticated,
               bound(api, workerCredentials));
    router.add("POST", "/api/v1/credentials", Audience::Staff, bound(api, issueCredential));
    router.add("GET", "/api/v1/credentials/expiring", Audience::Staff,
               bound(api, expiringCredentials));
    router.add("GET", "/api/v1/credentials/{serial}", Audience::Authenticated,
               bound(api, getCredential));
    router.add("GET", "/api/v1/credentials/{serial}/pdf", Audience::Authenticated,
               bound(api, credentialPdf));
    router.add("POST", "/api/v1/credentials/{serial}/revoke", Audience::Staff,
               bound(api, revokeCredential));
    router.add("POST", "/api/v1/credentials/{serial}/renew", Audience::Staff,
               bound(api, renewCredential));
    router.add("POST", "/api/v1/credentials/{serial}/reissue", Audience::Staff,
               bound(api, reissueCredential));
}

} // namespace yanzhen::http
