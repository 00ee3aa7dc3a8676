// AccountService, second half: logging in and out, turning a token back into who is calling,
// the CSRF check, and API tokens. The first half (accounts and passwords) is AccountService.cpp.

#include "services/accounts/AccountService.hpp"

#include "services/accounts/AccountValues.hpp"
#include "services/accounts/Secrets.hpp"

#include <Poco/JSON/Object.h>

namespace yanzhen::services {

using namespace account_values;

namespace {

/// A session or token that may still be used: the right kind, not revoked, not expired.
bool live(const store::AuthToken& t, const std::string& kind, const std::string& now) {
    return t.kind == kind && t.revokedAt.empty() && (t.expiresAt.empty() || t.expiresAt > now);
}

/// "session" or "api" for a well-formed token, "" for anything else.
std::string kindOf(const std::string& token) {
    if (looksLikeToken(token, kSessionTokenPrefix)) return "session";
    if (looksLikeToken(token, kApiTokenPrefix)) return "api";
    return "";
}

/// What a throttled login says: the wait in seconds under a minute, else in whole minutes,
/// rounded up.
Text throttledMessage(std::chrono::seconds wait) {
    if (wait.count() < 60) {
        const auto s = std::to_string(wait.count());
        return Text{"登录失败次数过多，请 " + s + " 秒后再试",
                    "too many failed logins; try again in " + s +
                        (s == "1" ? " second" : " seconds")};
    }
    const auto minutes = std::to_string((wait.count() + 59) / 60);
    return Text{"登录失败次数过多，请 " + minutes + " 分钟后再试",
                "too many failed logins; try again in " + minutes +
                    (minutes == "1" ? " minute" : " minutes")};
}

} // namespace

LoginResult AccountService::refuseLogin(const std::string& reason, const std::string& name,
                                        const std::string& address,
                                        const std::optional<store::Id>& account,
                                        const Poco::JSON::Object& more, bool distrustedNow) {
    LoginResult result;
    result.reason = reason;
    result.message = reason == "disabled" ? Text{"账号已停用，请联系管理员",
                                                 "this account is disabled; ask an administrator"}
                                          : Text{"用户名或密码错误", "wrong username or password"};
    // The audit names the account only when there is one: what was typed into the username box
    // of an unknown account may well be a password typed in the wrong box.
    store_.write("anonymous", [&](store::WriteUnit& unit) {
        Poco::JSON::Object details(more);
        details.set("reason", reason);
        details.set("address", address);
        if (account) details.set("username", name);
        const std::string id = account ? std::to_string(*account) : "";
        unit.audit("login.failed", "account", id, details);
        if (distrustedNow) {
            Poco::JSON::Object why;
            why.set("address", address);
            why.set("failures", static_cast<int>(throttle_.limits().deviceFailures));
            unit.audit("login.device_distrusted", "account", id, why);
        }
    });
    return result;
}

LoginResult AccountService::throttled(const LoginThrottle::Wait& wait, const std::string& name,
                                      const std::string& address) {
    // One entry per throttled stretch, not per refused attempt: a flood of refusals must not
    // grow the audit log (each failure that led here has its own login.failed entry).
    if (wait.firstRefusal) {
        const auto account = validUsername(name) ? store_.read()->accounts().findByUsername(name)
                                                 : std::optional<store::Account>{};
        store_.write("anonymous", [&](store::WriteUnit& unit) {
            Poco::JSON::Object details;
            details.set("scope", wait.scope);
            details.set("address", address);
            details.set("retry_after_seconds", static_cast<Poco::Int64>(wait.seconds.count()));
            if (account) details.set("username", name);
            unit.audit("login.throttled", "account", account ? std::to_string(account->id) : "",
                       details);
        });
    }
    LoginResult result;
    result.reason = "throttled";
    result.retryAfter = wait.seconds;
    result.message = throttledMessage(wait.seconds);
    return result;
}

LoginResult AccountService::login(const std::string& username, const std::string& password,
                                  const std::string& address, const std::string& deviceCookie) {
    const std::string name = normalizeUsername(username);
    const bool wellFormed = validUsername(name) && password.size() <= kMaxPasswordBytes;
    // A malformed name is counted under one key, so that junk cannot grow the throttle's map.
    const std::string key = validUsername(name) ? name : std::string("\x01invalid");
    // A browser that logged in to this account before is limited per its cookie, not per
    // account and address: a stranger's guesses do not keep the owner out.
    std::optional<std::string> device;
    if (wellFormed && !deviceCookie.empty()) {
        device = devices_.check(deviceCookie, name, clock_());
        if (device && throttle_.distrusted(*device)) device.reset();
    }
    if (!device)
        if (const auto wait = throttle_.retryAfter(key, address); wait.seconds.count() > 0)
            return throttled(wait, name, address);

    std::optional<store::Account> account;
    if (wellFormed) {
        account = store_.read()->accounts().findByUsername(name);
    }
    bool matches = false;
    if (account && !account->passwordHash.empty())
        matches = verifyPassword(account->passwordHash, password);
    else if (password.size() <= kMaxPasswordBytes)
        verifyAgainstDummy(password); // as slow as a real account: the time tells nothing
    const std::optional<store::Id> accountId = account ? std::optional(account->id) : std::nullopt;
    if (!matches) {
        Poco::JSON::Object details;
        if (device) {
            details.set("device", std::string("trusted"));
            const bool distrustedNow = throttle_.recordDeviceFailure(*device);
            return refuseLogin("invalid", name, address, accountId, details, distrustedNow);
        }
        const auto delay = throttle_.recordFailure(key, address);
        if (delay.count() > 0)
            details.set("next_attempt_after_seconds", static_cast<Poco::Int64>(delay.count()));
        return refuseLogin("invalid", name, address, accountId, details, false);
    }
    if (account->disabled)
        return refuseLogin("disabled", name, address, accountId, Poco::JSON::Object(), false);

    // Everything slow or random is made before the write.
    const std::optional<std::string> rehash =
        needsRehash(account->passwordHash) ? std::optional(hashPassword(password)) : std::nullopt;
    const TimePoint t = clock_();
    const std::string at = formatInstant(t);
    const std::string expires = formatInstant(t + kSessionLifetime);
    LoginResult result;
    result.sessionToken = newToken(kSessionTokenPrefix);
    result.csrfToken = newToken("");
    result.deviceCookie = devices_.issue(name, t);
    bool stillValid = true;
    store_.write("account:" + name, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        // The password may have been changed, or the account disabled, since it was read.
        const auto current = accounts.find(account->id);
        if (!current || current->disabled || current->passwordHash != account->passwordHash) {
            stillValid = false;
            return;
        }
        if (rehash) accounts.setPasswordHash(account->id, *rehash);
        store::AuthToken session;
        session.accountId = account->id;
        session.kind = "session";
        session.tokenHash = tokenHash(result.sessionToken);
        session.csrfHash = tokenHash(result.csrfToken);
        session.createdAt = at;
        session.expiresAt = expires;
        session.lastUsedAt = at;
        const store::Id id = accounts.addToken(session);
        Poco::JSON::Object details; // never the tokens: the audit log is no place for secrets
        details.set("username", name);
        details.set("address", address);
        details.set("session", id);
        details.set("expires_at", expires);
        details.set("device", std::string(device ? "trusted" : "new"));
        if (rehash) details.set("password_rehashed", true);
        unit.audit("session.login", "account", std::to_string(account->id), details);
    });
    if (!stillValid)
        return refuseLogin("invalid", name, address, accountId, Poco::JSON::Object(), false);
    // A login through a trusted cookie leaves the account's count alone: it says nothing about
    // the stranger whose guesses made it.
    if (device)
        throttle_.recordDeviceSuccess(*device);
    else
        throttle_.recordSuccess(key);
    result.ok = true;
    result.account = describe(*account, store_.read()->people());
    result.expiresAt = expires;
    return result;
}

bool AccountService::logout(const std::string& sessionToken) {
    if (kindOf(sessionToken) != "session") return false;
    const std::string hash = tokenHash(sessionToken);
    bool ended = false;
    std::optional<store::TokenOwner> found;
    found = store_.read()->accounts().findByTokenHash(hash);
    if (!found || found->token.kind != "session" || !found->token.revokedAt.empty()) return false;
    store_.write("account:" + found->account.username, [&](store::WriteUnit& unit) {
        if (!unit.accounts().revokeToken(found->token.id, now())) return;
        Poco::JSON::Object details;
        details.set("username", found->account.username);
        details.set("session", found->token.id);
        unit.audit("session.logout", "account", std::to_string(found->account.id), details);
        ended = true;
    });
    return ended;
}

std::optional<Principal> AccountService::authenticate(const std::string& token) {
    const std::string kind = kindOf(token);
    if (kind.empty()) return std::nullopt;
    std::optional<store::TokenOwner> found;
    found = store_.read()->accounts().findByTokenHash(tokenHash(token));
    const TimePoint t = clock_();
    const std::string at = formatInstant(t);
    if (!found || !live(found->token, kind, at) || found->account.disabled) return std::nullopt;

    const auto& stored = found->token;
    if (stored.lastUsedAt.empty() ||
        stored.lastUsedAt <= formatInstant(t - std::chrono::minutes(1))) {
        const std::optional<std::string> expires =
            kind == "session" ? std::optional(formatInstant(t + kSessionLifetime)) : std::nullopt;
        // Bookkeeping, not a change anybody made: no audit entry, or every active session would
        // add one a minute and bury the entries that matter.
        store_.write("account:" + found->account.username, [&](store::WriteUnit& unit) {
            unit.accounts().touchToken(stored.id, at, expires);
        });
    }
    const auto& a = found->account;
    const auto role = parseRole(a.role);
    if (!role) return std::nullopt; // the store's CHECK allows only the three
    return Principal{a.id, a.username, *role, a.personId, kind, stored.id};
}

bool AccountService::checkCsrf(const std::string& sessionToken, const std::string& csrfToken) {
    if (kindOf(sessionToken) != "session" || !looksLikeToken(csrfToken, "")) return false;
    std::optional<store::TokenOwner> found;
    found = store_.read()->accounts().findByTokenHash(tokenHash(sessionToken));
    if (!found || !live(found->token, "session", now()) || found->account.disabled) return false;
    return sameSecret(found->token.csrfHash, tokenHash(csrfToken));
}

CreatedToken AccountService::createToken(const std::string& username, const std::string& typed,
                                         std::optional<int> expiresDays, const std::string& actor) {
    const std::string name = normalizeUsername(username);
    auto checked = validateText(typed, kNameText);
    if (const auto* why = std::get_if<Text>(&checked))
        throw AccountRefused("bad_label", Text{"标签" + why->zh, "the label " + why->en});
    const std::string label = std::get<std::string>(checked);
    if (expiresDays && (*expiresDays < 1 || *expiresDays > kMaxTokenDays))
        throw AccountRefused(
            "bad_expiry", Text{"有效期须为 1 到 3650 天", "the validity must be 1 to 3650 days"});
    const TimePoint t = clock_();
    CreatedToken created;
    created.token = newToken(kApiTokenPrefix);
    if (expiresDays) created.expiresAt = formatInstant(t + std::chrono::days(*expiresDays));
    store_.write(actor, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        const auto a = accounts.findByUsername(name);
        if (!a) throw unknownAccount(name);
        if (a->disabled)
            throw AccountRefused("account_disabled",
                                 Text{"账号已停用：" + name, "the account is disabled: " + name});
        store::AuthToken row;
        row.accountId = a->id;
        row.kind = "api";
        row.tokenHash = tokenHash(created.token);
        row.label = label;
        row.createdAt = formatInstant(t);
        row.expiresAt = created.expiresAt;
        created.id = accounts.addToken(row);
        Poco::JSON::Object details;
        details.set("username", name);
        details.set("label", label);
        if (!created.expiresAt.empty()) details.set("expires_at", created.expiresAt);
        unit.audit("token.create", "auth_token", std::to_string(created.id), details);
    });
    return created;
}

bool AccountService::revokeToken(store::Id id, const std::string& actor, const std::string& owner) {
    const std::string ownerName = normalizeUsername(owner);
    bool revoked = false;
    store_.write(actor, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        const auto token = accounts.token(id);
        const auto account = token ? accounts.find(token->accountId) : std::nullopt;
        if (!token || !account || (!ownerName.empty() && account->username != ownerName)) {
            const std::string n = std::to_string(id);
            throw AccountRefused("unknown_token",
                                 ownerName.empty()
                                     ? Text{"没有编号为 " + n + " 的令牌", "no token " + n}
                                     : Text{"账号 " + ownerName + " 没有编号为 " + n + " 的令牌",
                                            "the account " + ownerName + " has no token " + n});
        }
        if (!accounts.revokeToken(id, now())) return;
        Poco::JSON::Object details;
        details.set("username", account->username);
        details.set("kind", token->kind);
        if (!token->label.empty()) details.set("label", token->label);
        unit.audit("token.revoke", "auth_token", std::to_string(id), details);
        revoked = true;
    });
    return revoked;
}

std::vector<TokenInfo> AccountService::listTokens(const std::string& username) {
    const std::string name = normalizeUsername(username);
    auto r = store_.read();
    auto& accounts = r->accounts();
    const auto a = accounts.findByUsername(name);
    if (!a) throw unknownAccount(name);
    const std::string at = now();
    std::vector<TokenInfo> out;
    for (const auto& t : accounts.tokensOf(a->id))
        out.push_back(TokenInfo{t.id, t.kind, t.label, t.createdAt, t.expiresAt, t.lastUsedAt,
                                t.revokedAt, live(t, t.kind, at)});
    return out;
}

} // namespace yanzhen::services
