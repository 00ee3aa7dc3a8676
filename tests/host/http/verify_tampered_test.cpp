// The public verification page does not trust the database: a certificate whose row or
// signed payload was changed behind Yanzhen's back (here with sqlite3, as an intruder with the
// database file would) reads as altered, shows none of what the changed record claims, cannot
// be printed, and is audited; put back, it reads valid again. Without the issuer's key the
// page says it cannot check, rather than vouching.

#include "ApiServer.hpp"

#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialService.hpp"

#include <yanzhen/date.hpp>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>

namespace yanzhen::testsupport {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class VerifyTampered : public ::testing::Test {
protected:
    void SetUp() override {
        keyFile_ = services::defaultSigningKeyFile(server_.db().file());
        services::SigningKey::create(keyFile_);
        holder_ = server_.addPerson("W-1", "张思腾", "social_worker");
        admin_ = server_.withToken("admin", "admin");
        // A cohort keeps the course version the licence is issued under.
        const auto created = admin_.post("/api/v1/cohorts", R"({"code": "TY-C", "name": "证书",
            "course": "touyan-linghang", "starts_on": "2025-03-01", "ends_on": "2025-04-30"})");
        ASSERT_EQ(created.status, 201) << created.body;
        const auto hash = server_.catalog().find("touyan-linghang")->hash;
        services::CredentialService service(server_.store(), server_.versions(), keyFile_);
        serial_ = service.grant("test", holder_, hash, "district_licence", *parseDay("2025-05-01"))
                      .row.serial;
    }

    /// Runs `sql` on the database file from outside the server, `?` standing for the serial.
    void sql(const std::string& statement) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(server_.db().file().string().c_str(), &db), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(db, statement.c_str(), -1, &st, nullptr), SQLITE_OK)
            << sqlite3_errmsg(db);
        sqlite3_bind_text(st, 1, serial_.c_str(), -1, SQLITE_TRANSIENT);
        EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }

    std::string page(const std::string& lang = "en") {
        return server_.anonymous()
            .get("/verify/" + serial_ + "?lang=" + lang + "&date=2026-01-01")
            .body;
    }

    ApiServer server_;
    std::filesystem::path keyFile_;
    ApiClient admin_{0};
    store::Id holder_ = 0;
    std::string serial_;
};

TEST_F(VerifyTampered, AMovedExpiryIsShownAsAlteredNotAsTheNewDate) {
    ASSERT_TRUE(contains(page(), "data-status=\"valid\"")) << page();
    ASSERT_TRUE(contains(page(), "2028-04-30")) << page();
    sql("UPDATE credentials SET valid_until = '2099-12-31' WHERE serial = ?");

    const std::string en = page();
    EXPECT_TRUE(contains(en, "data-status=\"tampered\"")) << en;
    EXPECT_TRUE(contains(en, "has been altered")) << en;
    EXPECT_FALSE(contains(en, "2099")) << "the altered date is not what was issued: " << en;
    EXPECT_FALSE(contains(en, "张*腾")) << "nothing of the altered record is vouched for";
    EXPECT_TRUE(contains(page("zh"), "记录已被改动")) << page("zh");

    const auto api = admin_.get("/api/v1/credentials/" + serial_ + "?date=2026-01-01");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(api.object()->getValue<std::string>("status"), "tampered");
    EXPECT_TRUE(contains(api.object()->getValue<std::string>("problem"), "valid_until"))
        << api.body;
    const auto pdf = admin_.get("/api/v1/credentials/" + serial_ + "/pdf?date=2026-01-01");
    EXPECT_EQ(pdf.status, 409) << "an altered record is not printed";

    const auto audit = admin_.get("/api/v1/audit?limit=20");
    ASSERT_EQ(audit.status, 200);
    EXPECT_TRUE(contains(audit.body, "credential.tampered")) << audit.body;

    sql("UPDATE credentials SET valid_until = '2028-04-30' WHERE serial = ?");
    EXPECT_TRUE(contains(page(), "data-status=\"valid\"")) << "put back, it is the signed record";
}

TEST_F(VerifyTampered, AChangedSignatureOrSignedPayloadIsAltered) {
    // One base64 character of the signature changed, still base64.
    sql("CREATE TABLE original AS SELECT signature FROM credentials WHERE serial = ?");
    sql("UPDATE credentials SET signature = CASE WHEN substr(signature, 1, 1) = 'A' "
        "THEN 'B' ELSE 'A' END || substr(signature, 2) WHERE serial = ?");
    EXPECT_TRUE(contains(page(), "data-status=\"tampered\"")) << page();
    sql("UPDATE credentials SET signature = (SELECT signature FROM original) WHERE serial = ?");
    ASSERT_TRUE(contains(page(), "data-status=\"valid\"")) << page();

    // The payload and the row's column moved together: the signature no longer covers them.
    sql("UPDATE credentials SET valid_until = '2099-12-31', "
        "payload = replace(payload, '\"valid_until\":\"2028-04-30\"', "
        "'\"valid_until\":\"2099-12-31\"') WHERE serial = ?");
    const std::string en = page();
    EXPECT_TRUE(contains(en, "data-status=\"tampered\"")) << en;
    EXPECT_FALSE(contains(en, "2099")) << en;
}

TEST_F(VerifyTampered, WithoutTheIssuersKeyThePageSaysItCannotCheck) {
    std::filesystem::rename(keyFile_, keyFile_.string() + ".away");
    const std::string en = page();
    EXPECT_TRUE(contains(en, "data-status=\"unverifiable\"")) << en;
    EXPECT_TRUE(contains(en, "cannot be checked")) << en;
    EXPECT_FALSE(contains(en, "2028-04-30")) << en;
}

} // namespace
} // namespace yanzhen::testsupport
