// Accounts through the API, as the admin pages manage them: what `yanzhen users` does, with
// the same audit entries, refusals a person can act on, and only for admins.

#include "ApiServer.hpp"

#include "store/sqlite/AuditLog.hpp"

#include <gtest/gtest.h>

namespace yanzhen::testsupport {
namespace {

class AccountRoutes : public ::testing::Test {
protected:
    AccountRoutes() {
        server_.addPerson("JY-0100", "赵雪", "social_worker");
        admin_ = server_.login("boss", "admin");
    }

    ApiClient loginAs(const std::string& username, const std::string& password) {
        ApiClient c = server_.anonymous();
        const auto r = c.post("/api/v1/auth/login", R"({"username": ")" + username +
                                                        R"(", "password": ")" + password + R"("})");
        lastLogin_ = r;
        std::string cookie;
        for (const auto& k : c.cookiesSet())
            if (k.getName() == http::kSessionCookie) cookie = k.getValue();
        if (r.status == 200) c.session(cookie, r.object()->optValue<std::string>("csrf_token", ""));
        return c;
    }

    ApiServer server_;
    ApiClient admin_{0};
    ApiResponse lastLogin_;
};

/// Logs `username` in on `server` with the password every test account has; the cookies the
/// answer sets: the session's, then the device's.
std::pair<Poco::Net::HTTPCookie, Poco::Net::HTTPCookie>
cookiesOfLogin(ApiServer& server, const std::string& username) {
    ApiClient client(server.port());
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("username", username);
    body->set("password", std::string(ApiServer::kPassword));
    const auto r = client.post("/api/v1/auth/login", body);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(client.cookiesSet().size(), 2u);
    if (client.cookiesSet().size() < 2) return {};
    return {client.cookiesSet()[0], client.cookiesSet()[1]};
}

TEST(SessionCookie, BehindHttpsItIsSecureAndHostPrefixedAndOnlyThatNameLogsIn) {
    ApiServerOptions options;
    options.publicUrl = "https://yanzhen.jiangyuan.gov.cn";
    ApiServer server(options);
    server.addAccount("zhou", "admin");
    const auto [cookie, device] = cookiesOfLogin(server, "zhou");
    EXPECT_EQ(cookie.getName(), "__Host-yz_session");
    EXPECT_EQ(device.getName(), "__Host-yz_device");
    EXPECT_TRUE(device.getSecure());
    EXPECT_TRUE(device.getHttpOnly());
    EXPECT_EQ(device.getPath(), "/");
    EXPECT_EQ(device.getMaxAge(), 180 * 24 * 3600);
    EXPECT_TRUE(cookie.getSecure());
    EXPECT_TRUE(cookie.getHttpOnly());
    EXPECT_EQ(cookie.getPath(), "/");
    EXPECT_TRUE(cookie.getDomain().empty()); // __Host- cookies carry none
    ApiClient browser(server.port());
    browser.session(cookie.getValue(), "", "__Host-yz_session");
    EXPECT_EQ(browser.get("/api/v1/auth/me").status, 200);
    // The same session under the plain name (planted by a plain-http page) logs nobody in.
    ApiClient planted(server.port());
    planted.session(cookie.getValue(), "", "yz_session");
    EXPECT_EQ(planted.get("/api/v1/auth/me").status, 401);
}

TEST(SessionCookie, OverPlainHttpItIsThePlainOneWithoutSecure) {
    ApiServer server;
    server.addAccount("zhou", "admin");
    const auto [cookie, device] = cookiesOfLogin(server, "zhou");
    EXPECT_EQ(cookie.getName(), "yz_session");
    EXPECT_EQ(device.getName(), "yz_device");
    EXPECT_FALSE(device.getSecure());
    EXPECT_TRUE(device.getHttpOnly());
    EXPECT_EQ(device.getMaxAge(), 180 * 24 * 3600);
    EXPECT_FALSE(cookie.getSecure());
    EXPECT_TRUE(cookie.getHttpOnly());
    ApiClient browser(server.port());
    browser.session(cookie.getValue(), "");
    EXPECT_EQ(browser.get("/api/v1/auth/me").status, 200);
}

TEST_F(AccountRoutes, AnAdminAddsAWorkerAccountThatLogsInAsThatWorker) {
    const auto created = admin_.post(
        "/api/v1/accounts",
        R"({"username": "Zhao", "role": "worker", "person": "JY-0100", "password": "zhao-password-1"})");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.object()->getValue<std::string>("username"), "zhao");
    EXPECT_EQ(created.object()->getObject("person")->getValue<std::string>("code"), "JY-0100");
    EXPECT_FALSE(created.object()->getValue<bool>("disabled"));
    EXPECT_EQ(created.body.find("hash"), std::string::npos);

    const auto list = admin_.get("/api/v1/accounts");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.object()->getValue<int>("total"), 2);
    EXPECT_NE(list.body.find("\"zhao\""), std::string::npos);

    const auto zhao = loginAs("zhao", "zhao-password-1");
    ASSERT_EQ(lastLogin_.status, 200) << lastLogin_.body;
    const auto me = zhao.get("/api/v1/auth/me");
    EXPECT_EQ(me.object()->getValue<std::string>("role"), "worker");

    // Audited as the admin did it, the way `yanzhen users add` is.
    const auto audit = admin_.get("/api/v1/audit?limit=20");
    EXPECT_NE(audit.body.find("\"account.create\""), std::string::npos) << audit.body;
    EXPECT_NE(audit.body.find("admin:boss"), std::string::npos) << audit.body;
}

TEST_F(AccountRoutes, ANewPasswordEndsTheSessionsAndDisablingLocksTheAccountOut) {
    ASSERT_EQ(admin_
                  .post("/api/v1/accounts",
                        R"({"username": "clerk", "role": "admin", "password": "clerk-password-1"})")
                  .status,
              201);
    const auto clerk = loginAs("clerk", "clerk-password-1");
    ASSERT_EQ(clerk.get("/api/v1/auth/me").status, 200);

    const auto reset = admin_.post("/api/v1/accounts/password",
                                   R"({"username": "clerk", "password": "clerk-password-2"})");
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(reset.object()->getValue<int>("sessions_ended"), 1);
    EXPECT_EQ(clerk.get("/api/v1/auth/me").status, 401);
    loginAs("clerk", "clerk-password-1");
    EXPECT_EQ(lastLogin_.status, 401);
    loginAs("clerk", "clerk-password-2");
    EXPECT_EQ(lastLogin_.status, 200);

    const auto disabled = admin_.post("/api/v1/accounts/disable", R"({"username": "clerk"})");
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_TRUE(disabled.object()->getValue<bool>("changed"));
    EXPECT_FALSE(admin_.post("/api/v1/accounts/disable", R"({"username": "clerk"})")
                     .object()
                     ->getValue<bool>("changed"));
    loginAs("clerk", "clerk-password-2");
    EXPECT_EQ(lastLogin_.status, 401);
    EXPECT_EQ(lastLogin_.errorCode(), "account_disabled");
}

TEST_F(AccountRoutes, RefusalsSayWhatToFix) {
    auto r = admin_.post("/api/v1/accounts",
                         R"({"username": "wu", "role": "worker", "password": "long-enough-1"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.fieldPaths(), std::vector<std::string>{"person"}) << r.body;
    r = admin_.post("/api/v1/accounts",
                    R"({"username": "xu", "role": "admin", "password": "short"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.fieldPaths(), std::vector<std::string>{"password"}) << r.body;
    r = admin_.post("/api/v1/accounts",
                    R"({"username": "yu", "role": "boss", "password": "long-enough-1"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.fieldPaths(), std::vector<std::string>{"role"}) << r.body;
    r = admin_.post("/api/v1/accounts", R"({"role": "admin"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.fieldPaths(), (std::vector<std::string>{"username", "password"})) << r.body;
    r = admin_.post("/api/v1/accounts",
                    R"({"username": "boss", "role": "admin", "password": "long-enough-1"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "username_taken");
    EXPECT_EQ(admin_
                  .post("/api/v1/accounts/password",
                        R"({"username": "nobody", "password": "long-enough-1"})")
                  .status,
              404);
    r = admin_.post("/api/v1/accounts/disable", R"({"username": "boss"})");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "own_account");
}

TEST_F(AccountRoutes, OnlyAdmins) {
    server_.addPerson("JY-0200", "钱老师", "trainer");
    const auto trainer = server_.login("qian", "trainer", "JY-0200");
    EXPECT_EQ(trainer.get("/api/v1/accounts").status, 403);
    EXPECT_EQ(trainer
                  .post("/api/v1/accounts",
                        R"({"username": "sneak", "role": "admin", "password": "sneaky-password"})")
                  .status,
              403);
    EXPECT_EQ(trainer.post("/api/v1/accounts/disable", R"({"username": "boss"})").status, 403);
    EXPECT_EQ(server_.anonymous().get("/api/v1/accounts").status, 401);
}

} // namespace
} // namespace yanzhen::testsupport
