// Certificates through the real server: the public verification page (no login; zh and en;
// the holder's name masked; an unknown serial), the signing key at its well-known address, a
// worker's own list and PDF, issuing (refused with what's left), revoking as the worker's
// trainer, and the audit entries each write leaves.

#include "ApiServer.hpp"

#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialService.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

namespace yanzhen::testsupport {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class CredentialRoutes : public ::testing::Test {
protected:
    void SetUp() override {
        key_ = services::SigningKey::create(services::defaultSigningKeyFile(server_.db().file()));
        server_.addPerson("T-1", "李老师", "trainer");
        holder_ = server_.addPerson("W-1", "张思腾", "social_worker");
        learner_ = server_.addPerson("W-2", "王五", "social_worker");
        admin_ = server_.withToken("admin", "admin");
        const auto created = admin_.post("/api/v1/cohorts", R"({"code": "TY-C", "name": "证书",
            "course": "touyan-linghang", "starts_on": "2025-03-01", "ends_on": "2025-04-30",
            "trainers": ["T-1"]})");
        ASSERT_EQ(created.status, 201) << created.body;
        const auto cohort = created.object()->getValue<store::Id>("id");
        const auto enrolled =
            admin_.post("/api/v1/cohorts/" + std::to_string(cohort) + "/enrollments",
                        R"({"workers": ["W-1", "W-2"]})");
        ASSERT_EQ(enrolled.status, 201) << enrolled.body;
        // A licence decided outside this test's evidence (the rules are the CLI test's part).
        const auto hash = server_.catalog().find("touyan-linghang")->hash;
        services::CredentialService service(server_.store(), server_.versions(),
                                            services::defaultSigningKeyFile(server_.db().file()));
        serial_ = service.grant("test", holder_, hash, "district_licence", *parseDay("2025-05-01"))
                      .row.serial;
    }

    ApiServer server_;
    services::SigningKey key_;
    ApiClient admin_{0};
    store::Id holder_ = 0;
    store::Id learner_ = 0;
    std::string serial_;
};

TEST_F(CredentialRoutes, TheVerificationPageIsPublicBilingualAndMasksTheName) {
    const ApiClient anybody = server_.anonymous();
    const auto zh = ApiClient(server_.port())
                        .language("zh-CN,zh;q=0.9")
                        .get("/verify/" + serial_ + "?date=2026-01-01");
    ASSERT_EQ(zh.status, 200) << zh.body;
    EXPECT_TRUE(contains(zh.headers.get("Content-Type"), "text/html"))
        << zh.headers.get("Content-Type");
    EXPECT_TRUE(contains(zh.body, ">有效<")) << zh.body;
    EXPECT_TRUE(contains(zh.body, "张*腾")) << zh.body;
    EXPECT_FALSE(contains(zh.body, "张思腾")) << "the full name must not be on the public page";
    EXPECT_TRUE(contains(zh.body, "社区工作者持证上岗资格")) << zh.body;
    EXPECT_FALSE(contains(zh.body, "<script")) << "self-contained: no scripts";
    EXPECT_FALSE(contains(zh.body, "http://")) << "self-contained: no external assets";
    EXPECT_FALSE(contains(zh.body, "https://")) << "self-contained: no external assets";

    const auto en = anybody.get("/verify/" + serial_ + "?lang=en&date=2028-02-15");
    ASSERT_EQ(en.status, 200);
    EXPECT_TRUE(contains(en.body, ">expiring (renewal open)<")) << en.body;
    EXPECT_TRUE(contains(en.body, "Licence to practise")) << en.body;
    EXPECT_TRUE(contains(anybody.get("/verify/" + serial_ + "?lang=en&date=2028-05-10").body,
                         ">expired, in the grace period<"));
    EXPECT_TRUE(
        contains(anybody.get("/verify/" + serial_ + "?lang=en&date=2028-06-10").body, ">expired<"));

    const auto unknown = anybody.get("/verify/YZ2025-999999?lang=en");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_TRUE(contains(unknown.body, ">unknown<")) << unknown.body;
    EXPECT_TRUE(contains(anybody.get("/verify/nope").body, "查无此证") ||
                contains(anybody.get("/verify/nope?lang=zh").body, "查无此证"));

    const auto key = anybody.get("/.well-known/yanzhen-signing-key");
    ASSERT_EQ(key.status, 200) << key.body;
    EXPECT_EQ(key.object()->getValue<std::string>("public_key"), key_.publicKey().base64());
    EXPECT_EQ(key.object()->getValue<std::string>("algorithm"), "Ed25519");
}

TEST_F(CredentialRoutes, AWorkerListsAndPrintsTheirOwnCertificates) {
    const ApiClient worker = server_.withToken("w1", "worker", "W-1");
    const auto mine =
        worker.get("/api/v1/workers/" + std::to_string(holder_) + "/credentials?date=2026-01-01");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.object()->getValue<int>("total"), 1);
    const auto item = mine.object()->getArray("items")->getObject(0);
    EXPECT_EQ(item->getValue<std::string>("serial"), serial_);
    EXPECT_EQ(item->getValue<std::string>("status"), "valid");
    EXPECT_EQ(item->getObject("status_text")->getValue<std::string>("zh"), "有效");
    EXPECT_EQ(item->getObject("holder")->getValue<std::string>("name"), "张思腾");
    EXPECT_EQ(item->getObject("course")->getValue<std::string>("id"), "touyan-linghang");
    EXPECT_EQ(item->getValue<std::string>("valid_until"), "2028-04-30");
    EXPECT_EQ(item->getValue<std::string>("renewal_opens_on"), "2028-01-31");
    EXPECT_EQ(item->getValue<std::string>("grace_until"), "2028-05-30");
    EXPECT_EQ(item->getValue<std::string>("verify_url"), "http://127.0.0.1:8080/verify/" + serial_);

    const auto pdf = worker.get("/api/v1/credentials/" + serial_ + "/pdf");
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
    EXPECT_EQ(pdf.headers.get("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

    const auto one = worker.get("/api/v1/credentials/" + serial_);
    ASSERT_EQ(one.status, 200);
    EXPECT_TRUE(one.object()->getObject("certificate")->has("signature"));
    // Someone else's certificates are not theirs to read.
    const ApiClient other = server_.withToken("w2", "worker", "W-2");
    EXPECT_EQ(other.get("/api/v1/credentials/" + serial_).status, 403);
    EXPECT_EQ(other.get("/api/v1/workers/" + std::to_string(holder_) + "/credentials").status, 403);
    EXPECT_EQ(other.post("/api/v1/credentials/" + serial_ + "/revoke", R"({"reason": "x"})").status,
              403);
}

TEST_F(CredentialRoutes, IssuingIsRefusedWithWhatIsLeftAndRevokingIsAudited) {
    const ApiClient trainer = server_.withToken("t1", "trainer", "T-1");
    const auto refused = trainer.post("/api/v1/credentials", R"({"worker": "W-2",
        "course": "touyan-linghang", "credential": "district_licence"})");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.errorCode(), "not_eligible");
    const auto left = refused.error()->getObject("details")->getArray("left");
    ASSERT_GT(left->size(), 0u) << refused.body;
    EXPECT_FALSE(left->getObject(0)->getObject("sentence")->getValue<std::string>("en").empty());

    const auto twice = trainer.post("/api/v1/credentials", R"({"worker": "W-1",
        "course": "touyan-linghang", "credential": "district_licence", "date": "2026-01-01"})");
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.errorCode(), "conflict");

    const auto revoked = trainer.post("/api/v1/credentials/" + serial_ + "/revoke?date=2026-02-01",
                                      R"({"reason": "违反职业道德"})");
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(revoked.object()->getValue<std::string>("status"), "revoked");
    EXPECT_EQ(revoked.object()->getValue<std::string>("revoked_reason"), "违反职业道德");
    const auto page = server_.anonymous().get("/verify/" + serial_ + "?lang=zh&date=2026-02-01");
    EXPECT_TRUE(contains(page.body, ">已撤销<")) << page.body;
    EXPECT_FALSE(contains(page.body, "违反职业道德")) << "the reason is not for the public";

    const auto reissued =
        admin_.post("/api/v1/credentials/" + serial_ + "/reissue", R"({"reason": "corrected"})");
    EXPECT_EQ(reissued.status, 409) << "a revoked certificate is not corrected: " << reissued.body;

    const auto audit = admin_.get("/api/v1/audit?limit=20");
    ASSERT_EQ(audit.status, 200);
    EXPECT_TRUE(contains(audit.body, "credential.revoke")) << audit.body;
    EXPECT_TRUE(contains(audit.body, "trainer:t1")) << audit.body;
    EXPECT_TRUE(contains(audit.body, "credential.issue")) << audit.body;
}

TEST_F(CredentialRoutes, TheExpiryReportNarrowsToATrainersPeople) {
    const auto report = admin_.get("/api/v1/credentials/expiring?days=90&date=2028-03-01");
    ASSERT_EQ(report.status, 200) << report.body;
    EXPECT_EQ(report.object()->getValue<int>("total"), 1);
    const ApiClient stranger = [&] {
        server_.addPerson("T-2", "赵老师", "trainer");
        return server_.withToken("t2", "trainer", "T-2");
    }();
    const auto none = stranger.get("/api/v1/credentials/expiring?days=90&date=2028-03-01");
    ASSERT_EQ(none.status, 200);
    EXPECT_EQ(none.object()->getValue<int>("total"), 0);
    EXPECT_EQ(admin_.get("/api/v1/credentials/expiring?days=90&date=2026-03-01")
                  .object()
                  ->getValue<int>("total"),
              0);
}

} // namespace
} // namespace yanzhen::testsupport
