// Accounts and credentials as the HTTP layer will use them, on a real database file: what is
// stored (hashes only), logging in and out, sessions that expire, API tokens, the CSRF check,
// and the throttle that slows down password guessing. Time is the test's own clock.

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

    std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
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
    for (const std::string& secret : {kPassword, login.sessionToken, login.csrfToken, token.token})
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
             {kPassword, login.sessionToken, login.csrfToken, token.token})
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

TEST_F(Accounts, TheSixthFailureOnAnAccountIsRefusedUntilFifteenMinutesHavePassed) {
    add("wang.li");
    for (int i = 0; i < 5; ++i) {
        const auto r = service_.login("wang.li", "guess-number-" + std::to_string(i), "10.0.0.9");
        EXPECT_EQ(r.reason, "invalid") << i;
        now_ += 10s;
    }
    // Now even the right password is not checked.
    const auto blocked = service_.login("wang.li", kPassword, "10.0.0.7");
    EXPECT_FALSE(blocked.ok);
    EXPECT_EQ(blocked.reason, "throttled");
    EXPECT_GT(blocked.retryAfter, 14min);
    EXPECT_LE(blocked.retryAfter, 15min);
    EXPECT_EQ(blocked.message.en, "too many failed logins; try again in 15 minutes");
    EXPECT_EQ(blocked.message.zh, "登录失败次数过多，请 15 分钟后再试");
    // Other accounts are not affected.
    add("li.na");
    EXPECT_TRUE(service_.login("li.na", kPassword, "10.0.0.7").ok);

    now_ += 15min;
    const auto later = service_.login("wang.li", kPassword, "10.0.0.7");
    EXPECT_TRUE(later.ok) << later.message.en;
    // A success clears the account's count: five more tries before the next block.
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(service_.login("wang.li", "nope-nope-nope", "10.0.0.7").reason, "invalid");
    EXPECT_EQ(service_.login("wang.li", kPassword, "10.0.0.7").reason, "throttled");
}

TEST(LoginThrottle, TheTwentyFirstFailureFromAnAddressIsRefusedUntilFifteenMinutesHavePassed) {
    auto now = std::chrono::system_clock::now();
    LoginThrottle throttle([&] { return now; });
    for (int i = 0; i < 20; ++i) {
        const std::string account = "user" + std::to_string(i % 10);
        EXPECT_EQ(throttle.retryAfter(account, "203.0.113.5"), 0s) << i;
        throttle.recordFailure(account, "203.0.113.5");
        now += 1s;
    }
    EXPECT_GT(throttle.retryAfter("someone-new", "203.0.113.5"), 0s);
    EXPECT_EQ(throttle.retryAfter("someone-new", "198.51.100.1"), 0s);
    now += 15min - 20s;
    EXPECT_EQ(throttle.retryAfter("someone-new", "203.0.113.5"), 0s);
}

TEST_F(Accounts, TheTwentyFirstLoginFromOneAddressIsRefused) {
    add("wang.li");
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(
            service_.login("user" + std::to_string(i), "guess-number-one", "203.0.113.5").reason,
            "invalid");
    const auto blocked = service_.login("wang.li", kPassword, "203.0.113.5");
    EXPECT_EQ(blocked.reason, "throttled");
    EXPECT_TRUE(service_.login("wang.li", kPassword, "198.51.100.1").ok);
    now_ += 15min;
    EXPECT_TRUE(service_.login("wang.li", kPassword, "203.0.113.5").ok);
}

} // namespace
