// The accounts aggregate, against every backend: accounts found by id, username and person, their
// password hash and disabled flag; the session and API tokens kept as hashes, each kind with its
// rules, found by hash with their account, touched and revoked.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class AccountContract : public contract::StoreContract {
protected:
    static inline const std::string kPasswordHash =
        "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

    static Account newAccount(const std::string& username, std::optional<Id> person = std::nullopt,
                              const std::string& role = "worker") {
        return Account{0, username, person, role, kPasswordHash, false, ""};
    }
    /// A browser session: a CSRF hash and an expiry, as every session has.
    static AuthToken sessionToken(Id account, const std::string& tokenHash) {
        AuthToken t;
        t.accountId = account;
        t.kind = "session";
        t.tokenHash = tokenHash;
        t.csrfHash = hexHash("c5f0", '1');
        t.createdAt = "2026-11-27T16:00:00Z";
        t.expiresAt = "2026-11-28T04:00:00Z";
        return t;
    }
    /// An API token: a label, and no expiry.
    static AuthToken apiToken(Id account, const std::string& tokenHash) {
        AuthToken t;
        t.accountId = account;
        t.kind = "api";
        t.tokenHash = tokenHash;
        t.label = "考勤导入脚本";
        t.createdAt = "2026-11-27T16:00:00Z";
        return t;
    }
    Id addAccount(const Account& account) {
        return write([&](WriteUnit& u) { return u.accounts().add(account); });
    }
    Id addToken(const AuthToken& token) {
        return write([&](WriteUnit& u) { return u.accounts().addToken(token); });
    }
};

} // namespace

// Accounts

TEST_P(AccountContract, AddsAnAccountAndReadsEveryFieldBack) {
    const Id person = addPerson("JY-0042", "张丽", "trainer");
    std::string now;
    const Id id = write([&](WriteUnit& u) {
        now = u.now();
        return u.accounts().add(newAccount("zhangli", person, "trainer"));
    });
    const auto a = read()->accounts().find(id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->id, id);
    EXPECT_EQ(a->username, "zhangli");
    EXPECT_EQ(a->personId, person);
    EXPECT_EQ(a->role, "trainer");
    EXPECT_EQ(a->passwordHash, kPasswordHash);
    EXPECT_FALSE(a->disabled);
    EXPECT_EQ(a->createdAt, now); // created when the write happened
}

TEST_P(AccountContract, FindsAnAccountByUsernameAndByPerson) {
    const Id person = addPerson("JY-0042", "张丽");
    addAccount(newAccount("admin", std::nullopt, "admin"));
    const Id id = addAccount(newAccount("zhangli", person));
    auto r = read();
    const auto byName = r->accounts().findByUsername("zhangli");
    ASSERT_TRUE(byName);
    EXPECT_EQ(byName->id, id);
    const auto byPerson = r->accounts().findByPerson(person);
    ASSERT_TRUE(byPerson);
    EXPECT_EQ(byPerson->id, id);
    EXPECT_EQ(byPerson->username, "zhangli");
}

TEST_P(AccountContract, UnknownAccountsAreNotFound) {
    const Id person = addPerson("JY-0042", "张丽");
    auto r = read();
    EXPECT_FALSE(r->accounts().find(1));
    EXPECT_FALSE(r->accounts().findByUsername("zhangli"));
    EXPECT_FALSE(r->accounts().findByPerson(person)); // a person without an account
    EXPECT_TRUE(r->accounts().list().empty());
}

TEST_P(AccountContract, AnAccountWithoutPasswordOrPersonComesBackWithNeither) {
    const Id id = addAccount(Account{0, "import-bot", std::nullopt, "admin", "", true, ""});
    const auto a = read()->accounts().find(id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->passwordHash, "");
    EXPECT_FALSE(a->personId);
    EXPECT_TRUE(a->disabled);
}

TEST_P(AccountContract, ATakenUsernameIsRefusedAndTheWriteRollsBack) {
    addAccount(newAccount("zhangli"));
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.accounts().add(newAccount("wangfang"));
                     u.accounts().add(newAccount("zhangli", std::nullopt, "admin"));
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->accounts().findByUsername("wangfang"));
    EXPECT_EQ(r->accounts().findByUsername("zhangli").value().role, "worker");
    EXPECT_EQ(r->accounts().list().size(), 1U);
}

TEST_P(AccountContract, AnUnknownRoleOrAMissingPersonIsRefused) {
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.accounts().add(newAccount("root", std::nullopt, "root")); }),
        StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) { u.accounts().add(newAccount("ghost", Id{999})); }),
                 StoreError);
    EXPECT_TRUE(read()->accounts().list().empty());
}

TEST_P(AccountContract, ListsAccountsByUsername) {
    addAccount(newAccount("wangfang"));
    addAccount(newAccount("admin", std::nullopt, "admin"));
    addAccount(newAccount("lina"));
    std::vector<std::string> names;
    for (const auto& a : read()->accounts().list())
        names.push_back(a.username);
    EXPECT_EQ(names, (std::vector<std::string>{"admin", "lina", "wangfang"}));
}

TEST_P(AccountContract, FindByPersonGivesThePersonsFirstAccount) {
    const Id person = addPerson("JY-0042", "张丽");
    const Id first = addAccount(newAccount("zhangli", person));
    addAccount(newAccount("aaa-zhangli", person, "trainer"));
    EXPECT_EQ(read()->accounts().findByPerson(person).value().id, first);
}

TEST_P(AccountContract, SetsThePasswordHashAndTheDisabledFlag) {
    const Id id = addAccount(newAccount("zhangli"));
    const Id other = addAccount(newAccount("lina"));
    write([&](WriteUnit& u) {
        u.accounts().setPasswordHash(id, "$argon2id$v=19$m=65536,t=2,p=1$bmV3$bmV3aGFzaA");
        u.accounts().setDisabled(id, true);
    });
    auto r = read();
    const auto a = r->accounts().find(id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->passwordHash, "$argon2id$v=19$m=65536,t=2,p=1$bmV3$bmV3aGFzaA");
    EXPECT_TRUE(a->disabled);
    const auto untouched = r->accounts().find(other);
    ASSERT_TRUE(untouched);
    EXPECT_EQ(untouched->passwordHash, kPasswordHash);
    EXPECT_FALSE(untouched->disabled);
    r.reset();
    write([&](WriteUnit& u) { u.accounts().setDisabled(id, false); });
    EXPECT_FALSE(read()->accounts().find(id).value().disabled);
}

// Tokens

TEST_P(AccountContract, AddsTokensAndReadsEveryFieldBack) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id s = addToken(sessionToken(account, hexHash("5e55", 'a')));
    const Id a = addToken(apiToken(account, hexHash("a91", 'b')));
    auto r = read();
    const auto session = r->accounts().token(s);
    ASSERT_TRUE(session);
    EXPECT_EQ(session->id, s);
    EXPECT_EQ(session->accountId, account);
    EXPECT_EQ(session->kind, "session");
    EXPECT_EQ(session->tokenHash, hexHash("5e55", 'a'));
    EXPECT_EQ(session->csrfHash, hexHash("c5f0", '1'));
    EXPECT_EQ(session->label, "");
    EXPECT_EQ(session->createdAt, "2026-11-27T16:00:00Z"); // as given
    EXPECT_EQ(session->expiresAt, "2026-11-28T04:00:00Z");
    EXPECT_EQ(session->lastUsedAt, "");
    EXPECT_EQ(session->revokedAt, "");
    const auto api = r->accounts().token(a);
    ASSERT_TRUE(api);
    EXPECT_EQ(api->kind, "api");
    EXPECT_EQ(api->tokenHash, hexHash("a91", 'b'));
    EXPECT_EQ(api->csrfHash, "");
    EXPECT_EQ(api->label, "考勤导入脚本");
    EXPECT_EQ(api->expiresAt, ""); // never expires
}

TEST_P(AccountContract, FindsATokenByItsHashWithItsAccount) {
    const Id person = addPerson("JY-0042", "张丽");
    const Id account = addAccount(newAccount("zhangli", person, "trainer"));
    const Id token = addToken(sessionToken(account, hexHash("5e55", 'a')));
    auto r = read();
    const auto owner = r->accounts().findByTokenHash(hexHash("5e55", 'a'));
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->token.id, token);
    EXPECT_EQ(owner->token.kind, "session");
    EXPECT_EQ(owner->token.csrfHash, hexHash("c5f0", '1'));
    EXPECT_EQ(owner->account.id, account);
    EXPECT_EQ(owner->account.username, "zhangli");
    EXPECT_EQ(owner->account.personId, person);
    EXPECT_EQ(owner->account.role, "trainer");
    EXPECT_FALSE(r->accounts().findByTokenHash(hexHash("5e55", 'b')));
    EXPECT_FALSE(r->accounts().token(token + 1));
}

TEST_P(AccountContract, ARevokedTokenIsStillFoundByItsHash) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id token = addToken(apiToken(account, hexHash("a91", 'b')));
    write([&](WriteUnit& u) { u.accounts().revokeToken(token, "2026-11-27T17:00:00Z"); });
    const auto owner = read()->accounts().findByTokenHash(hexHash("a91", 'b'));
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->token.revokedAt, "2026-11-27T17:00:00Z");
}

TEST_P(AccountContract, ListsAnAccountsTokensNewestFirst) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id other = addAccount(newAccount("lina"));
    const Id first = addToken(sessionToken(account, hexHash("01", 'a')));
    addToken(sessionToken(other, hexHash("02", 'a')));
    const Id second = addToken(apiToken(account, hexHash("03", 'a')));
    const Id third = addToken(sessionToken(account, hexHash("04", 'a')));
    auto r = read();
    EXPECT_EQ(idsOf(r->accounts().tokensOf(account)), (std::vector<Id>{third, second, first}));
    EXPECT_TRUE(r->accounts().tokensOf(other + 1).empty());
}

TEST_P(AccountContract, ATakenTokenHashIsRefusedAndTheWriteRollsBack) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id other = addAccount(newAccount("lina"));
    addToken(sessionToken(account, hexHash("5e55", 'a')));
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.accounts().addToken(apiToken(other, hexHash("a91", 'b')));
                     u.accounts().addToken(sessionToken(other, hexHash("5e55", 'a')));
                 }),
                 StoreError);
    auto r = read();
    EXPECT_TRUE(r->accounts().tokensOf(other).empty());
    EXPECT_EQ(r->accounts().findByTokenHash(hexHash("5e55", 'a')).value().account.id, account);
}

TEST_P(AccountContract, ATokenBreakingTheRulesOfItsKindIsRefused) {
    const Id account = addAccount(newAccount("zhangli"));
    auto noCsrf = sessionToken(account, hexHash("01", 'a'));
    noCsrf.csrfHash = "";
    auto noExpiry = sessionToken(account, hexHash("02", 'a'));
    noExpiry.expiresAt = "";
    auto apiWithCsrf = apiToken(account, hexHash("03", 'a'));
    apiWithCsrf.csrfHash = hexHash("c5f0", '1');
    auto unknownKind = apiToken(account, hexHash("04", 'a'));
    unknownKind.kind = "cookie";
    for (const auto& token : {noCsrf, noExpiry, apiWithCsrf, unknownKind})
        EXPECT_THROW(addToken(token), StoreError) << token.tokenHash;
    EXPECT_TRUE(read()->accounts().tokensOf(account).empty());
}

TEST_P(AccountContract, ATokenOfAMissingAccountIsRefused) {
    EXPECT_THROW(addToken(apiToken(999, hexHash("a91", 'b'))), StoreError);
    EXPECT_FALSE(read()->accounts().findByTokenHash(hexHash("a91", 'b')));
}

TEST_P(AccountContract, TouchingATokenSetsItsLastUseAndWhenGivenItsExpiry) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id session = addToken(sessionToken(account, hexHash("5e55", 'a')));
    auto expiring = apiToken(account, hexHash("a91", 'b'));
    expiring.expiresAt = "2027-01-01T00:00:00Z";
    const Id api = addToken(expiring);

    write([&](WriteUnit& u) {
        u.accounts().touchToken(session, "2026-11-27T16:05:00Z", std::nullopt);
    });
    auto t = read()->accounts().token(session).value();
    EXPECT_EQ(t.lastUsedAt, "2026-11-27T16:05:00Z");
    EXPECT_EQ(t.expiresAt, "2026-11-28T04:00:00Z"); // kept

    write([&](WriteUnit& u) {
        u.accounts().touchToken(session, "2026-11-27T16:10:00Z",
                                std::string("2026-11-28T04:10:00Z"));
    });
    t = read()->accounts().token(session).value();
    EXPECT_EQ(t.lastUsedAt, "2026-11-27T16:10:00Z");
    EXPECT_EQ(t.expiresAt, "2026-11-28T04:10:00Z"); // a sliding session

    write(
        [&](WriteUnit& u) { u.accounts().touchToken(api, "2026-11-27T16:15:00Z", std::string()); });
    t = read()->accounts().token(api).value();
    EXPECT_EQ(t.lastUsedAt, "2026-11-27T16:15:00Z");
    EXPECT_EQ(t.expiresAt, ""); // "" removes the expiry
}

TEST_P(AccountContract, RevokingATokenSaysWhetherItWasLive) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id token = addToken(sessionToken(account, hexHash("5e55", 'a')));
    EXPECT_TRUE(write(
        [&](WriteUnit& u) { return u.accounts().revokeToken(token, "2026-11-27T17:00:00Z"); }));
    EXPECT_FALSE(write(
        [&](WriteUnit& u) { return u.accounts().revokeToken(token, "2026-11-27T18:00:00Z"); }));
    EXPECT_FALSE(write(
        [&](WriteUnit& u) { return u.accounts().revokeToken(token + 1, "2026-11-27T18:00:00Z"); }));
    // The first revocation's time stays.
    EXPECT_EQ(read()->accounts().token(token).value().revokedAt, "2026-11-27T17:00:00Z");
}

TEST_P(AccountContract, RevokesEveryLiveTokenOfAnAccountOrOnlyThoseOfOneKind) {
    const Id account = addAccount(newAccount("zhangli"));
    const Id other = addAccount(newAccount("lina"));
    const Id s1 = addToken(sessionToken(account, hexHash("01", 'a')));
    const Id s2 = addToken(sessionToken(account, hexHash("02", 'a')));
    const Id a1 = addToken(apiToken(account, hexHash("03", 'a')));
    const Id theirs = addToken(sessionToken(other, hexHash("04", 'a')));

    EXPECT_EQ(write([&](WriteUnit& u) {
                  return u.accounts().revokeTokensOf(account, std::string("session"),
                                                     "2026-11-27T17:00:00Z");
              }),
              2U);
    {
        auto r = read();
        EXPECT_EQ(r->accounts().token(s1).value().revokedAt, "2026-11-27T17:00:00Z");
        EXPECT_EQ(r->accounts().token(s2).value().revokedAt, "2026-11-27T17:00:00Z");
        EXPECT_EQ(r->accounts().token(a1).value().revokedAt, "");
        EXPECT_EQ(r->accounts().token(theirs).value().revokedAt, "");
    }
    // Every kind now: only the API token was still live; the sessions keep their first time.
    EXPECT_EQ(write([&](WriteUnit& u) {
                  return u.accounts().revokeTokensOf(account, std::nullopt, "2026-11-27T18:00:00Z");
              }),
              1U);
    EXPECT_EQ(write([&](WriteUnit& u) {
                  return u.accounts().revokeTokensOf(account, std::nullopt, "2026-11-27T19:00:00Z");
              }),
              0U);
    auto r = read();
    EXPECT_EQ(r->accounts().token(s1).value().revokedAt, "2026-11-27T17:00:00Z");
    EXPECT_EQ(r->accounts().token(a1).value().revokedAt, "2026-11-27T18:00:00Z");
    EXPECT_EQ(r->accounts().token(theirs).value().revokedAt, "");
}

YANZHEN_STORE_CONTRACT(AccountContract);
