// Accounts and credentials as the HTTP layer will use them, on a real database file: what is
// stored (hashes only), logging in and out, sessions that expire, API tokens, the CSRF check,
// and the throttle that slows down password guessing without locking out a browser that logged
// in before (its device cookie). Time is the test's own clock.

#include "TempDatabase.hpp"

#include "services/accounts/AccountService.hpp"
#include "services/accounts/Secrets.hpp"
#include "store/sqlite/AccountRepository.hpp"
#include "store/sqlite/AuditLog.hpp"
#include "store/sqlite/PeopleRepository.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

using namespace yanzhen;
using namespace std::chrono_literals;
using services::AccountRefused;
using services::AccountService;
using services::LoginThrottle;
using yanzhen::testsupport::TempDatabase;

namespace {

const std::string kPassword = "春眠不觉晓-correct-horse";

/// An instant of the test day (Beijing 09:00): the throttle and the cookies measure time from
/// whatever clock they are given, so the tests give them this one and move it by hand.
const std::chrono::system_clock::time_point kMorning =
    std::chrono::sys_days{std::chrono::November / 28 / 2026} + std::chrono::hours{1};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class Accounts : public ::testing::Test {
protected:
    void SetUp() override {
        t_.db->write("admin", [&](store::WriteTransaction& tx) {
            store::PeopleRepository(tx.session()).add(tx, store::Person{0, "JY-0001", "张伟"});
        });
    }

    services::AccountInfo add(const std::string& username, const std::string& role = "admin",
                              const std::string& password = kPassword) {
        services::NewAccount a{username, role, std::nullopt, password};
        if (role == "worker") a.person = "JY-0001";
        return service_.createAccount(a, "cli:test");
    }

    /// Every byte of every file SQLite keeps for the database (the main file, the WAL, the
    /// shared-memory index): where a secret would be if it had been written anywhere.
    std::string databaseBytes() {
        std::string all;
        for (const auto& entry : std::filesystem::directory_iterator(t_.folder.path())) {
            std::ifstream in(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        return all;
    }

    store::Account stored(const std::string& username) {
        auto r = t_.db->read();
        return *store::AccountRepository(*r).findByUsername(username);
    }

    std::vector<std::string> auditActions() {
        std::vector<std::string> out;
        for (const auto& e : store::AuditLog(*t_.db).recent(1000))
            out.insert(out.begin(), e.action);
        return out;
    }

    std::chrono::system_clock::time_point now_ = kMorning;
    TempDatabase t_;
    LoginThrottle throttle_{[this] { return now_; }};
    AccountService service_{t_.store, throttle_, [this] { return now_; }};
};

TEST_F(Accounts, PasswordIsKeptAsArgon2idAndNoSecretIsInTheDatabaseFile) {
    add("wang.li");
    const auto login = service_.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(login.ok) << login.message.en;
    const auto token = service_.createToken("wang.li", "nightly export", 30, "cli:test");

    EXPECT_EQ(stored("wang.li").passwordHash.rfind("$argon2id$", 0), 0u)
        << stored("wang.li").passwordHash;
    const std::string bytes = databaseBytes();
    for (const std::string& secret :
         {kPassword, login.sessionToken, login.csrfToken, login.deviceCookie, token.token})
        EXPECT_FALSE(contains(bytes, secret)) << "found in the database files: " << secret;
    // What is stored is the hash: the tokens are found by theirs.
    for (const std::string& secret : {login.sessionToken, token.token}) {
        EXPECT_TRUE(contains(bytes, services::tokenHash(secret)));
        auto r = t_.db->read();
        EXPECT_TRUE(store::AccountRepository(*r).findByTokenHash(services::tokenHash(secret)));
    }
    EXPECT_EQ(login.sessionToken.rfind("yzs_", 0), 0u);
    EXPECT_EQ(token.token.rfind("yzt_", 0), 0u);
    // The audit log says who logged in, never with what.
    for (const auto& e : store::AuditLog(*t_.db).recent(1000))
        for (const std::string& secret :
             {kPassword, login.sessionToken, login.csrfToken, login.deviceCookie, token.token})
            EXPECT_FALSE(contains(e.details, secret)) << e.action;
}

TEST_F(Accounts, TheRightPasswordLogsInAndAWrongOneOrAnUnknownNameDoesNot) {
    add("wang.li", "trainer");
    const auto ok = service_.login("Wang.Li", kPassword, "10.0.0.7"); // usernames ignore case
    ASSERT_TRUE(ok.ok);
    ASSERT_TRUE(ok.account);
    EXPECT_EQ(ok.account->username, "wang.li");
    const auto who = service_.authenticate(ok.sessionToken);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->username, "wang.li");
    EXPECT_EQ(who->role, services::Role::Trainer);
    EXPECT_EQ(who->tokenKind, "session");

    const auto wrong = service_.login("wang.li", kPassword + "x", "10.0.0.7");
    const auto unknown = service_.login("li.na", kPassword, "10.0.0.7");
    EXPECT_FALSE(wrong.ok);
    EXPECT_FALSE(unknown.ok);
    EXPECT_TRUE(wrong.sessionToken.empty());
    // One answer for both: the reply does not tell which usernames exist.
    EXPECT_EQ(wrong.reason, "invalid");
    EXPECT_EQ(unknown.reason, "invalid");
    EXPECT_EQ(wrong.message, unknown.message);
    EXPECT_EQ(wrong.message.zh, "用户名或密码错误");
    EXPECT_EQ(auditActions(),
              (std::vector<std::string>{"person.create", "account.create", "session.login",
                                        "login.failed", "login.failed"}));
    EXPECT_FALSE(service_.authenticate("yzs_not-a-token"));
    EXPECT_FALSE(service_.authenticate(""));
}

TEST_F(Accounts, AnUnknownUsernameTakesAsLongAsAWrongPassword) {
    add("wang.li");
    // The median of five tries each; without the dummy hash an unknown name would answer in
    // well under a millisecond against tens of milliseconds, so a factor of three still tells,
    // and is no flake beside the other tests ctest runs at the same time (a factor of two of
    // a median of three was, once, on a loaded machine).
    auto median = [&](const std::string& username) {
        std::vector<double> seconds;
        for (int i = 0; i < 5; ++i) {
            const auto start = std::chrono::steady_clock::now();
            EXPECT_EQ(
                service_.login(username, "guess-number-" + std::to_string(i), "10.0.0.7").reason,
                "invalid");
            seconds.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(seconds.begin(), seconds.end());
        return seconds[2];
    };
    const double known = median("wang.li");
    const double unknown = median("li.na");
    EXPECT_GT(unknown, known / 3) << "known " << known << " s, unknown " << unknown << " s";
    EXPECT_LT(unknown, known * 3) << "known " << known << " s, unknown " << unknown << " s";
}

TEST_F(Accounts, PasswordsAndAccountsAreChecked) {
    auto refusal = [&](const services::NewAccount& a) {
        try {
            service_.createAccount(a, "cli:test");
        } catch (const AccountRefused& e) {
            return e.code;
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal({"wang.li", "admin", std::nullopt, "short-pw"}), "password_too_short");
    EXPECT_EQ(refusal({"wang.li", "admin", std::nullopt, std::string(1025, 'x')}),
              "password_too_long");
    EXPECT_EQ(refusal({"wang li", "admin", std::nullopt, kPassword}), "bad_username");
    EXPECT_EQ(refusal({"wang.li", "boss", std::nullopt, kPassword}), "bad_role");
    EXPECT_EQ(refusal({"wang.li", "worker", std::nullopt, kPassword}), "person_required");
    EXPECT_EQ(refusal({"wang.li", "worker", "JY-9999", kPassword}), "unknown_person");
    EXPECT_EQ(refusal({"wang.li", "worker", "JY-0001", kPassword}), "accepted");
    EXPECT_EQ(refusal({"WANG.LI", "admin", std::nullopt, kPassword}), "username_taken");
    EXPECT_EQ(refusal({"zhang.wei", "trainer", "JY-0001", kPassword}), "person_has_account");
    // Ten characters, counted as characters: ten Chinese ones are enough.
    EXPECT_EQ(refusal({"li.na", "admin", std::nullopt, "一二三四五六七八九十"}), "accepted");
    const auto worker = service_.findAccount("wang.li");
    ASSERT_TRUE(worker);
    EXPECT_EQ(worker->personCode, "JY-0001");
    EXPECT_EQ(worker->personName, "张伟");
}

TEST_F(Accounts, ADisabledAccountCannotLogInAndItsTokensStopWorking) {
    add("wang.li");
    const auto login = service_.login("wang.li", kPassword, "10.0.0.7");
    const auto token = service_.createToken("wang.li", "ci", std::nullopt, "cli:test");
    ASSERT_TRUE(service_.authenticate(login.sessionToken));
    ASSERT_TRUE(service_.authenticate(token.token));

    EXPECT_TRUE(service_.disableAccount("wang.li", "cli:test"));
    EXPECT_FALSE(service_.disableAccount("wang.li", "cli:test")); // already: nothing changes
    EXPECT_FALSE(service_.authenticate(login.sessionToken));
    EXPECT_FALSE(service_.authenticate(token.token));
    EXPECT_FALSE(service_.checkCsrf(login.sessionToken, login.csrfToken));
    const auto again = service_.login("wang.li", kPassword, "10.0.0.7");
    EXPECT_FALSE(again.ok);
    EXPECT_EQ(again.reason, "disabled");
    EXPECT_EQ(again.message.en, "this account is disabled; ask an administrator");
    for (const auto& t : service_.listTokens("wang.li")) {
        EXPECT_FALSE(t.active);
        EXPECT_FALSE(t.revokedAt.empty());
    }
    try {
        service_.createToken("wang.li", "ci", std::nullopt, "cli:test");
        FAIL() << "a disabled account gets no new token";
    } catch (const AccountRefused& e) {
        EXPECT_EQ(e.code, "account_disabled");
    }
}

TEST_F(Accounts, LogoutEndsTheSession) {
    add("wang.li");
    const auto login = service_.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(service_.authenticate(login.sessionToken));
    EXPECT_TRUE(service_.logout(login.sessionToken));
    EXPECT_FALSE(service_.authenticate(login.sessionToken));
    EXPECT_FALSE(service_.logout(login.sessionToken));
    const auto actions = auditActions();
    EXPECT_EQ(actions.back(), "session.logout");
}

TEST_F(Accounts, ASessionEndsTwelveHoursAfterItWasLastUsed) {
    add("wang.li");
    const auto login = service_.login("wang.li", kPassword, "10.0.0.7");
    now_ += 11h;
    ASSERT_TRUE(service_.authenticate(login.sessionToken)); // used: twelve more hours from here
    now_ += 11h;
    ASSERT_TRUE(service_.authenticate(login.sessionToken));
    now_ += 12h + 1s;
    EXPECT_FALSE(service_.authenticate(login.sessionToken));
    EXPECT_FALSE(service_.checkCsrf(login.sessionToken, login.csrfToken));
}

TEST_F(Accounts, AnExpiredTokenDoesNotAuthenticate) {
    add("wang.li");
    const auto token = service_.createToken("wang.li", "ci", 30, "cli:test");
    ASSERT_TRUE(service_.authenticate(token.token));
    now_ += std::chrono::days(30) + 1s;
    EXPECT_FALSE(service_.authenticate(token.token));

    // The same with the expiry set in the past in the database itself.
    now_ -= std::chrono::days(30) + 1s;
    const auto session = service_.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(service_.authenticate(session.sessionToken));
    t_.db->write("test", [&](store::WriteTransaction& tx) {
        store::AccountRepository accounts(tx.session());
        const auto found = accounts.findByTokenHash(services::tokenHash(session.sessionToken));
        accounts.touchToken(tx, found->token.id, "2020-01-01T00:00:00Z",
                            std::string("2020-01-01T12:00:00Z"));
    });
    EXPECT_FALSE(service_.authenticate(session.sessionToken));
}

TEST_F(Accounts, AnApiTokenWorksUntilItIsRevoked) {
    add("wang.li");
    add("li.na");
    const auto token = service_.createToken("wang.li", "nightly export", std::nullopt, "cli:test");
    EXPECT_TRUE(token.expiresAt.empty());
    const auto who = service_.authenticate(token.token);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->username, "wang.li");
    EXPECT_EQ(who->tokenKind, "api");
    EXPECT_EQ(who->tokenId, token.id);

    const auto listed = service_.listTokens("wang.li");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].label, "nightly export");
    EXPECT_TRUE(listed[0].active);
    EXPECT_FALSE(listed[0].lastUsedAt.empty());

    // Another account's name does not reach it.
    EXPECT_THROW(service_.revokeToken(token.id, "cli:test", "li.na"), AccountRefused);
    EXPECT_TRUE(service_.authenticate(token.token));
    EXPECT_TRUE(service_.revokeToken(token.id, "cli:test", "wang.li"));
    EXPECT_FALSE(service_.authenticate(token.token));
    EXPECT_FALSE(service_.revokeToken(token.id, "cli:test"));
    EXPECT_FALSE(service_.listTokens("wang.li")[0].active);
    // An API token is not a session: no logout, no CSRF.
    const auto other = service_.createToken("wang.li", "ci", std::nullopt, "cli:test");
    EXPECT_FALSE(service_.logout(other.token));
    EXPECT_FALSE(service_.checkCsrf(other.token, other.token.substr(4)));
    EXPECT_TRUE(service_.authenticate(other.token));
}

TEST_F(Accounts, TheCsrfCheckPassesOnlyWithTheSessionsOwnToken) {
    add("wang.li");
    const auto a = service_.login("wang.li", kPassword, "10.0.0.7");
    const auto b = service_.login("wang.li", kPassword, "10.0.0.8");
    EXPECT_TRUE(service_.checkCsrf(a.sessionToken, a.csrfToken));
    EXPECT_TRUE(service_.checkCsrf(b.sessionToken, b.csrfToken));
    EXPECT_FALSE(service_.checkCsrf(a.sessionToken, b.csrfToken));
    EXPECT_FALSE(service_.checkCsrf(a.sessionToken, ""));
    EXPECT_FALSE(service_.checkCsrf(a.sessionToken, a.sessionToken));
    EXPECT_FALSE(service_.checkCsrf("", a.csrfToken));
    service_.logout(a.sessionToken);
    EXPECT_FALSE(service_.checkCsrf(a.sessionToken, a.csrfToken));
}

TEST_F(Accounts, ANewPasswordEndsTheOldSessions) {
    add("wang.li");
    const auto login = service_.login("wang.li", kPassword, "10.0.0.7");
    const auto token = service_.createToken("wang.li", "ci", std::nullopt, "cli:test");
    EXPECT_EQ(service_.changePassword("wang.li", "秋风萧瑟天气凉-new-pw", "cli:test"), 1u);
    EXPECT_FALSE(service_.authenticate(login.sessionToken));
    EXPECT_TRUE(service_.authenticate(token.token)); // integrations keep working
    EXPECT_FALSE(service_.login("wang.li", kPassword, "10.0.0.7").ok);
    EXPECT_TRUE(service_.login("wang.li", "秋风萧瑟天气凉-new-pw", "10.0.0.7").ok);
}

TEST_F(Accounts, PastFiveFailuresEachAttemptWaitsTwiceAsLongUpToFifteenMinutes) {
    add("wang.li");
    for (int i = 0; i < 5; ++i) {
        const auto r = service_.login("wang.li", "guess-number-" + std::to_string(i), "10.0.0.9");
        EXPECT_EQ(r.reason, "invalid") << i;
        now_ += 10s;
    }
    // The sixth attempt waits 2 s after the fifth failure; meanwhile not even the right password
    // is checked (from a browser that never logged in), and the refusals do not count.
    now_ -= 10s;
    for (int i = 0; i < 3; ++i) {
        const auto blocked = service_.login("wang.li", kPassword, "10.0.0.7");
        EXPECT_FALSE(blocked.ok);
        EXPECT_EQ(blocked.reason, "throttled");
        EXPECT_EQ(blocked.retryAfter, 2s);
        EXPECT_EQ(blocked.message.en, "too many failed logins; try again in 2 seconds");
        EXPECT_EQ(blocked.message.zh, "登录失败次数过多，请 2 秒后再试");
    }
    // Each further failure doubles the wait: 4 s, 8 s, ... up to 15 minutes.
    std::chrono::seconds expected = 2s;
    for (int i = 0; i < 12; ++i) {
        now_ += expected;
        EXPECT_EQ(service_.login("wang.li", "another-guess", "10.0.0.9").reason, "invalid") << i;
        expected = std::min<std::chrono::seconds>(expected * 2, 15min);
        EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").retryAfter, expected) << i;
    }
    EXPECT_EQ(expected, 15min);
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").message.en,
              "too many failed logins; try again in 15 minutes");
    // Other accounts are not affected.
    add("li.na");
    EXPECT_TRUE(service_.login("li.na", kPassword, "10.0.0.7").ok);
    // Once the wait is over the right password gets in, and the count starts over.
    now_ += 15min;
    const auto later = service_.login("wang.li", kPassword, "10.0.0.7");
    EXPECT_TRUE(later.ok) << later.message.en;
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(service_.login("wang.li", "nope-nope-nope", "10.0.0.7").reason, "invalid");
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").reason, "throttled");
}

TEST_F(Accounts, AStrangersGuessesDoNotLockOutTheOwnersBrowser) {
    add("wang.li");
    add("li.na");
    const auto first = service_.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(first.ok);
    ASSERT_FALSE(first.deviceCookie.empty()) << "a login earns its browser a device cookie";
    const auto other = service_.login("li.na", kPassword, "10.0.0.8");
    // Someone guesses at wang.li's password, from the owner's own office address too, until the
    // account is throttled to the longest wait.
    for (int i = 0; i < 20; ++i) {
        const std::string guess = "guess-" + std::to_string(i);
        if (const auto r = service_.login("wang.li", guess, "10.0.0.7"); r.reason == "throttled") {
            now_ += r.retryAfter; // a patient stranger, who waits as told
            EXPECT_EQ(service_.login("wang.li", guess, "10.0.0.7").reason, "invalid");
        }
    }
    ASSERT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").reason, "throttled");

    // The owner's browser shows its cookie and gets in at once, from the same address.
    const auto owner = service_.login("wang.li", kPassword, "10.0.0.7", first.deviceCookie);
    EXPECT_TRUE(owner.ok) << owner.message.en;
    EXPECT_FALSE(owner.deviceCookie.empty());
    EXPECT_NE(owner.deviceCookie, first.deviceCookie) << "each login issues a fresh cookie";
    // The stranger is still throttled: the owner's login does not reset their count.
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").reason, "throttled");
    // Another account's cookie, an altered cookie and junk are a stranger's browser.
    for (std::string cookie : {other.deviceCookie, first.deviceCookie + "0",
                               std::string("wang.li:1:x:y"), std::string(300, 'a')})
        EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7", cookie).reason, "throttled")
            << cookie;
    std::string flipped = first.deviceCookie;
    flipped[9] = flipped[9] == '1' ? '2' : '1'; // the time it was issued
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7", flipped).reason, "throttled");
}

TEST(DeviceCookies, ACookieIsForOneAccountFor180DaysFromTheServerThatSealedIt) {
    const services::DeviceCookies cookies(std::string(32, 'k'));
    const auto t = kMorning;
    const std::string cookie = cookies.issue("wang.li", t);
    EXPECT_EQ(cookie.rfind("wang.li:", 0), 0u) << cookie;
    const auto id = cookies.check(cookie, "wang.li", t + 24h * 179);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, cookie.substr(cookie.rfind(':') + 1));
    EXPECT_FALSE(cookies.check(cookie, "wang.li", t + 24h * 181)) << "too old";
    EXPECT_FALSE(cookies.check(cookie, "wang.l", t));
    EXPECT_FALSE(cookies.check(cookie, "li.na", t));
    EXPECT_FALSE(services::DeviceCookies(std::string(32, 'x')).check(cookie, "wang.li", t));
    EXPECT_FALSE(services::DeviceCookies().check(cookie, "wang.li", t)) << "a random key";
    // One issued in the future (a forged clock) is not taken either.
    EXPECT_FALSE(cookies.check(cookies.issue("wang.li", t + 1h), "wang.li", t));
    EXPECT_NE(cookies.issue("wang.li", t), cookies.issue("wang.li", t)) << "a nonce each";
}

TEST_F(Accounts, FiveWrongPasswordsThroughADeviceCookieDistrustIt) {
    add("wang.li");
    const auto first = service_.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(first.ok);
    // The account is being guessed at by a stranger.
    for (int i = 0; i < 8; ++i)
        service_.login("wang.li", "guess-" + std::to_string(i), "198.51.100.4");
    ASSERT_EQ(service_.login("wang.li", kPassword, "198.51.100.4").reason, "throttled");
    // Someone at the owner's browser tries five wrong passwords: each is checked and refused ...
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(
            service_.login("wang.li", "wrong-" + std::to_string(i), "10.0.0.7", first.deviceCookie)
                .reason,
            "invalid")
            << i;
    // ... and the cookie is no longer trusted: that browser waits like any other.
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7", first.deviceCookie).reason,
              "throttled");
    const auto actions = auditActions();
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.device_distrusted"), 1);
}

TEST_F(Accounts, ThrottlingIsAuditedOncePerStretchNotPerRefusal) {
    add("wang.li");
    for (int i = 0; i < 5; ++i)
        service_.login("wang.li", "guess-" + std::to_string(i), "10.0.0.9");
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.9").reason, "throttled");
    auto actions = auditActions();
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.failed"), 5);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.throttled"), 1);
    // A new failure after the wait starts a new stretch.
    now_ += 2s;
    service_.login("wang.li", "guess-again", "10.0.0.9");
    service_.login("wang.li", kPassword, "10.0.0.9");
    service_.login("wang.li", kPassword, "10.0.0.9");
    actions = auditActions();
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "login.throttled"), 2);
    const auto entries = store::AuditLog(*t_.db).recent(1000);
    const auto throttled = std::find_if(entries.begin(), entries.end(), [](const auto& e) {
        return e.action == "login.throttled";
    });
    ASSERT_NE(throttled, entries.end());
    EXPECT_TRUE(contains(throttled->details, R"("scope":"account")")) << throttled->details;
    EXPECT_TRUE(contains(throttled->details, R"("retry_after_seconds":4)")) << throttled->details;
    EXPECT_TRUE(contains(throttled->details, R"("username":"wang.li")")) << throttled->details;
}

TEST_F(Accounts, ADeviceCookieSurvivesARestartWhenTheKeyIsTheServers) {
    add("wang.li");
    const std::string key(32, 'k');
    LoginThrottle throttle([this] { return now_; });
    AccountService before(
        t_.store, throttle, [this] { return now_; }, key);
    const auto first = before.login("wang.li", kPassword, "10.0.0.7");
    ASSERT_TRUE(first.ok);
    for (int i = 0; i < 8; ++i)
        before.login("wang.li", "guess-" + std::to_string(i), "198.51.100.4");
    // The same key (the server's, derived from its signing key) after a restart: trusted.
    AccountService after(
        t_.store, throttle, [this] { return now_; }, key);
    EXPECT_TRUE(after.login("wang.li", kPassword, "10.0.0.7", first.deviceCookie).ok);
    // Another key (another server): a stranger's cookie.
    AccountService elsewhere(
        t_.store, throttle, [this] { return now_; }, std::string(32, 'x'));
    EXPECT_EQ(elsewhere.login("wang.li", kPassword, "10.0.0.7", first.deviceCookie).reason,
              "throttled");
}

TEST(LoginThrottle, PastTwentyFailuresFromAnAddressEachAttemptWaitsAndTheCountFadesAMinuteAtATime) {
    auto now = kMorning;
    LoginThrottle throttle([&] { return now; });
    for (int i = 0; i < 20; ++i) {
        const std::string account = "user" + std::to_string(i % 10);
        EXPECT_EQ(throttle.retryAfter(account, "203.0.113.5").seconds, 0s) << i;
        throttle.recordFailure(account, "203.0.113.5");
    }
    const auto wait = throttle.retryAfter("someone-new", "203.0.113.5");
    EXPECT_EQ(wait.seconds, 2s);
    EXPECT_EQ(wait.scope, "address");
    EXPECT_EQ(throttle.retryAfter("someone-new", "198.51.100.1").seconds, 0s);
    // A minute without a failure takes one off the count: the address is below the limit again.
    now += 1min;
    EXPECT_EQ(throttle.retryAfter("someone-new", "203.0.113.5").seconds, 0s);
    EXPECT_EQ(throttle.recordFailure("someone-new", "203.0.113.5"), 2s);
}

TEST(LoginThrottle, AnIpv6SubscriberIsCountedByItsSlash64) {
    EXPECT_EQ(services::throttleAddressKey("203.0.113.5"), "203.0.113.5");
    EXPECT_EQ(services::throttleAddressKey("::ffff:203.0.113.5"), "203.0.113.5");
    EXPECT_EQ(services::throttleAddressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
              "2001:db8:1:2::/64");
    auto now = kMorning;
    LoginThrottle throttle([&] { return now; });
    for (int i = 0; i < 20; ++i)
        throttle.recordFailure("user", "2001:db8:1:2::" + std::to_string(i + 1));
    EXPECT_EQ(throttle.retryAfter("other", "2001:db8:1:2:ffff::9").seconds, 2s);
    EXPECT_EQ(throttle.retryAfter("other", "2001:db8:1:3::1").seconds, 0s);
}

TEST_F(Accounts, PastTwentyFailuresFromOneAddressItsStrangersWaitButKnownBrowsersDoNot) {
    add("wang.li");
    const auto earlier = service_.login("wang.li", kPassword, "203.0.113.5");
    ASSERT_TRUE(earlier.ok);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(
            service_.login("user" + std::to_string(i), "guess-number-one", "203.0.113.5").reason,
            "invalid");
    EXPECT_EQ(service_.login("wang.li", kPassword, "203.0.113.5").reason, "throttled");
    EXPECT_TRUE(service_.login("wang.li", kPassword, "198.51.100.1").ok);
    EXPECT_TRUE(service_.login("wang.li", kPassword, "203.0.113.5", earlier.deviceCookie).ok);
    now_ += 2s;
    EXPECT_TRUE(service_.login("wang.li", kPassword, "203.0.113.5").ok);
}

} // namespace
