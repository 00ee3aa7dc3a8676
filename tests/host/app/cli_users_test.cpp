// `yanzhen users add|passwd|disable|list|token` as an administrator runs them: the real binary
// on a real database, passwords piped in or generated, and what it prints checked the way a
// person would, then tried against the service the web pages log in through.

#include "RunCommand.hpp"
#include "TempDatabase.hpp"

#include "services/accounts/AccountService.hpp"
#include "store/sqlite/AccountRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

using namespace yanzhen;
using yanzhen::testsupport::CommandResult;
using yanzhen::testsupport::lines;
using yanzhen::testsupport::TempDatabase;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
const std::string kPassword = "correct horse battery staple";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// Runs `program args...` with `input` on its stdin (then closed), like `printf input | program`.

class CliUsers : public ::testing::Test {
protected:
    void SetUp() override {
        t_.db->write("admin", [&](store::WriteTransaction& tx) {
            store::PeopleRepository(tx.session()).add(tx, store::Person{0, "JY-0001", "张伟"});
        });
    }

    /// `yanzhen users ARGS... --db=<the test's database>` with `input` on stdin.
    CommandResult users(std::vector<std::string> args, const std::string& input = "",
                        const std::string& lang = "en") {
        args.insert(args.begin(), "users");
        args.push_back("--db=" + t_.file.string());
        args.push_back("--lang=" + lang);
        args.push_back("--actor=cli:admin");
        return yanzhen::testsupport::runCommandWithInput(kYanzhen, args, input, YANZHEN_SOURCE_DIR);
    }

    bool logsIn(const std::string& username, const std::string& password) {
        services::LoginThrottle throttle;
        return services::AccountService(t_.store, throttle)
            .login(username, password, "127.0.0.1")
            .ok;
    }

    std::string databaseBytes() {
        std::string all;
        for (const auto& entry : std::filesystem::directory_iterator(t_.folder.path())) {
            std::ifstream in(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        return all;
    }

    TempDatabase t_;
};

TEST_F(CliUsers, AddReadsThePasswordFromAPipe) {
    const auto r = users({"add", "wang.li", "--role=admin", "--password-stdin"}, kPassword + "\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "created account wang.li (admin, id 1)\n");
    EXPECT_FALSE(contains(r.out + r.err, kPassword));
    EXPECT_TRUE(logsIn("wang.li", kPassword));
    EXPECT_FALSE(logsIn("wang.li", kPassword + "\n"));
    EXPECT_FALSE(contains(databaseBytes(), kPassword));
}

TEST_F(CliUsers, AddWithoutAPipedPasswordPrintsAGeneratedOneOnce) {
    const auto r = users({"add", "zhang.wei", "--role=worker", "--worker=JY-0001"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto out = lines(r.out);
    ASSERT_EQ(out.size(), 2u) << r.out;
    EXPECT_EQ(out[0], "created account zhang.wei (worker, id 1, 张伟 JY-0001); its password, shown "
                      "only this once:");
    const std::string password = out[1];
    EXPECT_GE(password.size(), 20u);
    EXPECT_TRUE(logsIn("zhang.wei", password));
    EXPECT_FALSE(contains(databaseBytes(), password));

    // Another generated password is another password.
    const auto second = users({"add", "li.na", "--role=admin", "--json"});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    const auto json = Poco::JSON::Parser().parse(second.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_NE(json->getValue<std::string>("password"), password);
    EXPECT_TRUE(logsIn("li.na", json->getValue<std::string>("password")));
}

TEST_F(CliUsers, AWorkerAccountNeedsAPerson) {
    const auto r =
        users({"add", "zhang.wei", "--role=worker", "--password-stdin"}, kPassword + "\n");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "a worker account must be linked to a person\n");
    const auto zh =
        users({"add", "zhang.wei", "--role=worker", "--worker=JY-0404", "--password-stdin"},
              kPassword + "\n", "zh");
    EXPECT_EQ(zh.exitCode, 1);
    EXPECT_EQ(zh.err, "没有这个人员：JY-0404\n");
    const auto shortPassword =
        users({"add", "wang.li", "--role=admin", "--password-stdin"}, "123456\n");
    EXPECT_EQ(shortPassword.exitCode, 1);
    EXPECT_EQ(shortPassword.err, "a password needs at least 10 characters\n");
    const auto noRole = users({"add", "wang.li"});
    EXPECT_EQ(noRole.exitCode, 2);
    const auto list = users({"list", "--json"});
    const auto json = Poco::JSON::Parser().parse(list.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(json->getValue<int>("total"), 0) << list.out; // nothing was created
}

TEST_F(CliUsers, ListNeverPrintsAHash) {
    ASSERT_EQ(
        users({"add", "wang.li", "--role=admin", "--password-stdin"}, kPassword + "\n").exitCode,
        0);
    ASSERT_EQ(users({"add", "zhang.wei", "--role=worker", "--worker=JY-0001", "--password-stdin"},
                    kPassword + "\n")
                  .exitCode,
              0);
    std::string hash;
    {
        auto r = t_.db->read();
        hash = store::AccountRepository(*r).findByUsername("wang.li")->passwordHash;
    }
    ASSERT_FALSE(hash.empty());
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"list"}, {"list", "--json"}}) {
        const auto r = users(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(contains(r.out, "wang.li"));
        EXPECT_TRUE(contains(r.out, "JY-0001"));
        EXPECT_FALSE(contains(r.out, "argon2")) << r.out;
        EXPECT_FALSE(contains(r.out, hash.substr(hash.size() - 20)));
    }
}

TEST_F(CliUsers, ATokenIsPrintedOnceAndStopsWorkingWhenRevoked) {
    ASSERT_EQ(
        users({"add", "wang.li", "--role=admin", "--password-stdin"}, kPassword + "\n").exitCode,
        0);
    const auto made = users({"token", "wang.li", "--label=nightly export", "--expires-days=30"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const auto out = lines(made.out);
    ASSERT_EQ(out.size(), 2u) << made.out;
    EXPECT_EQ(out[0].rfind("API token 1 for wang.li (expires ", 0), 0u) << out[0];
    const std::string token = out[1];
    EXPECT_EQ(token.rfind("yzt_", 0), 0u);
    services::LoginThrottle throttle;
    services::AccountService service(t_.store, throttle);
    ASSERT_TRUE(service.authenticate(token));

    const auto listed = users({"token", "wang.li"});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    EXPECT_TRUE(contains(listed.out, "nightly export"));
    EXPECT_TRUE(contains(listed.out, "active"));
    EXPECT_FALSE(contains(listed.out, token.substr(4)));

    const auto revoked = users({"token", "wang.li", "--revoke=1"});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.err;
    EXPECT_EQ(revoked.out, "revoked token 1\n");
    EXPECT_FALSE(service.authenticate(token));
    EXPECT_EQ(users({"token", "li.na", "--revoke=1"}).exitCode, 1);
}

TEST_F(CliUsers, PasswdAndDisable) {
    ASSERT_EQ(
        users({"add", "wang.li", "--role=admin", "--password-stdin"}, kPassword + "\n").exitCode,
        0);
    const auto changed =
        users({"passwd", "wang.li", "--password-stdin"}, "a brand new passphrase\r\n");
    ASSERT_EQ(changed.exitCode, 0) << changed.err;
    EXPECT_EQ(changed.out, "password set; 0 web logins ended\n");
    EXPECT_FALSE(logsIn("wang.li", kPassword));
    EXPECT_TRUE(logsIn("wang.li", "a brand new passphrase"));

    const auto disabled = users({"disable", "wang.li"}, "", "zh");
    ASSERT_EQ(disabled.exitCode, 0) << disabled.err;
    EXPECT_EQ(disabled.out, "已停用账号 wang.li\n");
    EXPECT_FALSE(logsIn("wang.li", "a brand new passphrase"));
    const auto list = users({"list"});
    EXPECT_TRUE(contains(list.out, "disabled")) << list.out;
    EXPECT_EQ(users({"disable", "nobody"}).err, "no such account: nobody\n");
}

} // namespace
