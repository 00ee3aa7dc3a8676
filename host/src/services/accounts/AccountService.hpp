/// \file AccountService.hpp
/// Accounts and their credentials, for the command line and the HTTP layer: creating accounts,
/// setting passwords, logging in to a browser session (with its CSRF token), API tokens for
/// integrations, and turning any of those tokens back into who is calling.
///
/// No secret is ever stored or logged: a password is kept as its Argon2id hash, a token and a
/// CSRF token as their BLAKE2b hash; a token is returned once, when it is made, and never
/// again. Every change is one write with an audit entry; failed logins are audited without the
/// password that was tried. Password guessing is slowed down by a LoginThrottle, which a browser
/// that logged in before passes with its device cookie (DeviceCookies).
#pragma once

#include "services/accounts/DeviceCookies.hpp"
#include "services/accounts/LoginThrottle.hpp"
#include "services/accounts/Role.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <Poco/JSON/Object.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::services {

/// An account as everything outside this service sees it: never its password hash.
struct AccountInfo {
    store::Id id = 0;
    std::string username;
    std::string role; ///< admin, trainer, worker
    std::optional<store::Id> personId;
    std::string personCode; ///< the person's staff number; empty without a person
    std::string personName;
    bool disabled = false;
    std::string createdAt;
};

/// Who is calling, as authenticate() found it from a token.
struct Principal {
    store::Id accountId = 0;
    std::string username;
    Role role = Role::Worker;
    std::optional<store::Id> personId;
    std::string tokenKind; ///< session (a browser: writes need the CSRF token), api
    store::Id tokenId = 0;
};

/// What login() answers. On success `sessionToken` (for the HttpOnly cookie) and `csrfToken`
/// (for the pages to send back in a header) are set, each shown only now. On failure `reason`
/// is invalid (unknown username or wrong password: the same answer for both), disabled (right
/// password, disabled account) or throttled (not checked: `retryAfter` says how long to wait),
/// and `message` says it in both languages. A success also sets `deviceCookie`, for the
/// browser to show at its next login (a fresh one each time).
struct LoginResult {
    bool ok = false;
    std::optional<AccountInfo> account;
    std::string sessionToken;
    std::string csrfToken;
    std::string expiresAt; ///< when the session ends unless it is used again
    std::string deviceCookie;
    std::string reason;
    Text message;
    std::chrono::seconds retryAfter{0};
};

/// An account to create. `person` is a staff number or id; a worker account needs one.
struct NewAccount {
    std::string username;
    std::string role;
    std::optional<std::string> person;
    std::string password;
};

/// A new API token: `token` is shown once and cannot be recovered.
struct CreatedToken {
    store::Id id = 0;
    std::string token;
    std::string expiresAt; ///< empty: never
};

/// A session or API token as a listing shows it: never the token or its hash.
struct TokenInfo {
    store::Id id = 0;
    std::string kind; ///< session, api
    std::string label;
    std::string createdAt;
    std::string expiresAt;  ///< empty: never
    std::string lastUsedAt; ///< empty: never used
    std::string revokedAt;  ///< empty: not revoked
    bool active = false;    ///< neither revoked nor expired
};

/// A request the service refuses. `code` is stable for programs: bad_username, username_taken,
/// bad_role, person_required, unknown_person, person_has_account, password_too_short,
/// password_too_long, unknown_account, account_disabled, bad_label, bad_expiry, unknown_token.
struct AccountRefused : std::runtime_error {
    AccountRefused(std::string code, Text message);
    std::string code;
    Text message;
};

class AccountService {
public:
    using Clock = LoginThrottle::Clock;

    /// A session ends this long after it was last used.
    static constexpr std::chrono::hours kSessionLifetime{12};
    /// Passwords: at least this many characters (Unicode code points) ...
    static constexpr std::size_t kMinPasswordLength = 10;
    /// ... and at most this many bytes.
    static constexpr std::size_t kMaxPasswordBytes = 1024;
    /// An API token lives at most this many days.
    static constexpr int kMaxTokenDays = 3650;

    /// `store` and `throttle` must outlive the service; one throttle serves every login of the
    /// process. `clock` is what time it is (tests pass their own). `deviceKey` seals device
    /// cookies (the server's: SigningKey::derivedKey); empty, a random one for this process,
    /// so that a restart forgets which browsers logged in before. Thread-safe.
    AccountService(store::Store& store, LoginThrottle& throttle, Clock clock = clock::now,
                   std::string deviceKey = {});

    /// Creates an account as `actor`. The username is stored in lower case. Throws
    /// AccountRefused (bad_username, username_taken, bad_role, person_required, unknown_person,
    /// person_has_account, password_too_short, password_too_long).
    AccountInfo createAccount(const NewAccount& account, const std::string& actor);
    /// Sets a new password and ends the account's browser sessions (API tokens stay); returns
    /// how many sessions ended. Throws AccountRefused (unknown_account, password_too_*).
    std::size_t changePassword(const std::string& username, const std::string& password,
                               const std::string& actor);
    /// Disables an account and revokes every session and token it has; false (and no change)
    /// when it already was disabled. Throws AccountRefused (unknown_account).
    bool disableAccount(const std::string& username, const std::string& actor);
    std::optional<AccountInfo> findAccount(const std::string& username);
    /// Every account, by username.
    std::vector<AccountInfo> listAccounts();

    /// Logs in from network address `address` (kept in the audit log and counted by the
    /// throttle), from a browser that shows `deviceCookie` (empty: none). Never throws for a
    /// wrong username or password: see LoginResult.
    LoginResult login(const std::string& username, const std::string& password,
                      const std::string& address, const std::string& deviceCookie = {});
    /// Ends the browser session of `sessionToken`; false when it was no live session.
    bool logout(const std::string& sessionToken);
    /// The account behind a session or API token, or nothing when the token is unknown,
    /// malformed, expired, revoked, or its account is disabled. Using a token records when (at
    /// most once a minute), and a session's end moves to kSessionLifetime after that.
    std::optional<Principal> authenticate(const std::string& token);
    /// True when `csrfToken` is the CSRF token of the live session `sessionToken`.
    bool checkCsrf(const std::string& sessionToken, const std::string& csrfToken);

    /// Makes an API token for `username`, valid for `expiresDays` days (nothing: until revoked).
    /// Throws AccountRefused (unknown_account, account_disabled, bad_label, bad_expiry).
    CreatedToken createToken(const std::string& username, const std::string& label,
                             std::optional<int> expiresDays, const std::string& actor);
    /// Revokes token `id` (an API token or a session); when `owner` is given, the token must be
    /// that account's. False when it was revoked already. Throws AccountRefused (unknown_token).
    bool revokeToken(store::Id id, const std::string& actor, const std::string& owner = "");
    /// The sessions and API tokens of `username`, newest first. Throws AccountRefused
    /// (unknown_account).
    std::vector<TokenInfo> listTokens(const std::string& username);

private:
    /// A refused login, audited (with `more` details, and the distrust of a device cookie when
    /// `distrustedNow`).
    LoginResult refuseLogin(const std::string& reason, const std::string& name,
                            const std::string& address, const std::optional<store::Id>& account,
                            const Poco::JSON::Object& more, bool distrustedNow);
    /// A throttled login; the first refusal of a throttled stretch is audited.
    LoginResult throttled(const LoginThrottle::Wait& wait, const std::string& name,
                          const std::string& address);
    std::string now() const;

    store::Store& store_;
    LoginThrottle& throttle_;
    Clock clock_;
    DeviceCookies devices_;
};

/// Token prefixes: they tell a reader (and a secret scanner) what a leaked string is.
inline const char* const kSessionTokenPrefix = "yzs_";
inline const char* const kApiTokenPrefix = "yzt_";

} // namespace yanzhen::services
