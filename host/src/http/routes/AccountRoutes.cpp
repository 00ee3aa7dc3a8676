// Accounts, for admins: what `yanzhen users` does on the command line, for the web pages.
// AccountService makes each change one write with its audit entry (the actor is the admin's
// account), and never hands out a password hash or a token.
//
//   GET  /api/v1/accounts                 every account, by username (?limit= ?offset=)
//   POST /api/v1/accounts                 {username, role, person?, password} -> 201
//   POST /api/v1/accounts/disable         {username}: disabled, sessions and tokens revoked
//   POST /api/v1/accounts/password        {username, password}: new password, sessions ended
//
// The username travels in the body rather than the path: it is a name a person chose, and it
// stays out of access logs that way.

#include "http/Api.hpp"
#include "http/RequestContext.hpp"
#include "http/routes/Requests.hpp"

#include "json/DescribeRecords.hpp"

namespace yanzhen::http {

namespace {

/// The service's refusal as the API's error: a clash is 409, an unknown account 404, the rest
/// a bad field of the request.
ApiError refusal(const services::AccountRefused& e, const std::string& lang) {
    if (e.code == "username_taken" || e.code == "person_has_account")
        return ApiError(409, e.code, e.message);
    if (e.code == "unknown_account") return ApiError(404, "not_found", e.message);
    std::string field = "username";
    if (e.code.rfind("password", 0) == 0) field = "password";
    if (e.code == "bad_role") field = "role";
    if (e.code == "person_required" || e.code == "unknown_person") field = "person";
    return invalidFields({FieldError{field, e.message}}, lang);
}

void listAccounts(RequestContext& ctx, ApiServices& api) {
    ctx.pageOf(api.accounts.listAccounts(),
               [](const services::AccountInfo& a) { return json::describe(a); });
}

void createAccount(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto username = body.text("username", 64);
    const auto role = body.text("role", 16);
    const auto person = body.reference("person", false);
    const auto password = body.secret("password", services::AccountService::kMaxPasswordBytes);
    body.check(ctx.lang());
    try {
        const auto created = api.accounts.createAccount(
            services::NewAccount{*username, *role, person, *password}, actorOf(ctx.caller()));
        ctx.json(201, json::describe(created));
    } catch (const services::AccountRefused& e) {
        throw refusal(e, ctx.lang());
    }
}

void disableAccount(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto username = body.text("username", 64);
    body.check(ctx.lang());
    if (*username == ctx.caller().username)
        throw ApiError(409, "own_account",
                       Text{"不能停用自己正在使用的账号", "you cannot disable your own account"});
    try {
        const bool changed = api.accounts.disableAccount(*username, actorOf(ctx.caller()));
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("username", *username);
        o->set("disabled", true);
        o->set("changed", changed);
        ctx.json(200, o);
    } catch (const services::AccountRefused& e) {
        throw refusal(e, ctx.lang());
    }
}

void resetPassword(RequestContext& ctx, ApiServices& api) {
    BodyReader body(ctx.jsonBody());
    const auto username = body.text("username", 64);
    const auto password = body.secret("password", services::AccountService::kMaxPasswordBytes);
    body.check(ctx.lang());
    try {
        const auto ended = api.accounts.changePassword(*username, *password, actorOf(ctx.caller()));
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("username", *username);
        o->set("sessions_ended", static_cast<Poco::UInt64>(ended));
        ctx.json(200, o);
    } catch (const services::AccountRefused& e) {
        throw refusal(e, ctx.lang());
    }
}

} // namespace

void addAccountRoutes(Router& router, ApiServices& api) {
    router.add("GET", "/api/v1/accounts", Audience::Admin, bound(api, listAccounts));
    router.add("POST", "/api/v1/accounts", Audience::Admin, bound(api, createAccount));
    router.add("POST", "/api/v1/accounts/disable", Audience::Admin, bound(api, disableAccount));
    router.add("POST", "/api/v1/accounts/password", Audience::Admin, bound(api, resetPassword));
}

} // namespace yanzhen::http
