// One worker's licence through the real server, from the first session to the licence, its
// renewal, its lapse and its revocation, each asked of both views a worker sees: their
// certificates (GET /workers/{id}/credentials) and their progress (GET /workers/{id}/progress),
// on the same day (?date=). The licence's renewal set counts continuing education inside the
// period of the licence in force, which it can only know from the certificates Yanzhen issued:
// on every day, the period the progress page names is the certificate page's valid one, and
// "no active registration period" is said exactly when the certificate page shows none valid.

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

class LicenceWalk : public ::testing::Test {
protected:
    void SetUp() override {
        services::SigningKey::create(services::defaultSigningKeyFile(server_.db().file()));
        server_.addPerson("T-1", "李老师", "trainer");
        worker_ = server_.addPerson("W-1", "张兰婷", "party_affairs");
        admin_ = server_.withToken("admin", "admin");
        trainer_ = server_.withToken("li", "trainer", "T-1");
        self_ = server_.withToken("zhang", "worker", "W-1");
        const auto created = admin_.post("/api/v1/cohorts", R"({"code": "TY-W", "name": "持证",
            "course": "touyan-linghang", "starts_on": "2025-03-01", "ends_on": "2025-04-30",
            "trainers": ["T-1"]})");
        ASSERT_EQ(created.status, 201) << created.body;
        cohort_ = created.object()->getValue<store::Id>("id");
        ASSERT_EQ(admin_
                      .post("/api/v1/cohorts/" + std::to_string(cohort_) + "/enrollments",
                            R"({"workers": ["W-1"]})")
                      .status,
                  201);
    }

    /// What the two views say of the licence on `day`.
    struct Views {
        std::string periodInForce; ///< "(from–until)" of the valid certificate, or ""
        std::string statuses;      ///< every certificate's status, newest first
        std::string renewalSentence;
        std::string renewalStatus;
    };
    Views on(const std::string& day) {
        Views v;
        const auto certificates =
            self_.get("/api/v1/workers/" + std::to_string(worker_) + "/credentials?date=" + day);
        EXPECT_EQ(certificates.status, 200) << certificates.body;
        const auto items = certificates.object()->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto c = items->getObject(i);
            const auto status = c->getValue<std::string>("status");
            v.statuses += (v.statuses.empty() ? "" : " ") + status;
            if (status == "valid" || status == "expiring")
                v.periodInForce = "(" + c->getValue<std::string>("valid_from") + "–" +
                                  c->getValue<std::string>("valid_until") + ")";
        }
        const auto progress =
            self_.get("/api/v1/workers/" + std::to_string(worker_) + "/progress?date=" + day);
        EXPECT_EQ(progress.status, 200) << progress.body;
        const auto renewal =
            progress.object()->getArray("cohorts")->getObject(0)->getObject("sets")->getObject(
                "licence_renewal");
        v.renewalSentence = renewal->getObject("sentence")->getValue<std::string>("en");
        v.renewalStatus = renewal->getValue<std::string>("status");
        return v;
    }
    /// Both views agree on `day`: the progress page names the valid certificate's period, or
    /// says there is none exactly when no certificate is valid.
    Views agreeOn(const std::string& day) {
        const Views v = on(day);
        if (v.periodInForce.empty())
            EXPECT_TRUE(contains(v.renewalSentence, "no active Licence to practise"))
                << day << ": certificates [" << v.statuses << "], progress: " << v.renewalSentence;
        else
            EXPECT_TRUE(contains(v.renewalSentence, v.periodInForce))
                << day << ": certificates [" << v.statuses << "] in force " << v.periodInForce
                << ", progress: " << v.renewalSentence;
        return v;
    }
    std::string newestSerial(const std::string& day) {
        const auto r =
            self_.get("/api/v1/workers/" + std::to_string(worker_) + "/credentials?date=" + day);
        return r.object()->getArray("items")->getObject(0)->getValue<std::string>("serial");
    }

    ApiServer server_;
    ApiClient admin_{0};
    ApiClient trainer_{0};
    ApiClient self_{0};
    store::Id worker_ = 0;
    store::Id cohort_ = 0;
};

TEST_F(LicenceWalk, TheProgressPageAndTheCertificatePageAgreeOnEveryDay) {
    // The first session: the opening ceremony, attended. No licence yet on either page.
    const auto attended = trainer_.post("/api/v1/evidence", R"({"worker": "W-1",
        "course": "touyan-linghang", "module": "ceremony", "ref": "opening",
        "date": "2025-03-01", "kind": "attendance", "fields": {"status": "present"}})");
    ASSERT_EQ(attended.status, 201) << attended.body;
    auto v = agreeOn("2025-03-02");
    EXPECT_EQ(v.statuses, "");

    // The licence, decided on 2025-05-01 (granted as the demo's licences are: earning it takes
    // the whole course's evidence, which the demo's tests walk).
    const auto hash = server_.catalog().find("touyan-linghang")->hash;
    services::CredentialService(server_.store(), server_.versions(),
                                services::defaultSigningKeyFile(server_.db().file()))
        .grant("admin:test", worker_, hash, "district_licence", *parseDay("2025-05-01"));
    const std::string first = newestSerial("2025-05-01");
    v = agreeOn("2025-04-30"); // the day before: not yet, on both pages
    EXPECT_EQ(v.statuses, "not_yet_valid");
    v = agreeOn("2025-06-01");
    EXPECT_EQ(v.periodInForce, "(2025-05-01–2028-04-30)");
    EXPECT_TRUE(contains(v.renewalSentence, "0/24")) << v.renewalSentence;

    // Continuing education inside the period, recorded by the trainer: the renewal set is met.
    const auto hours = trainer_.post("/api/v1/evidence", R"({"worker": "W-1",
        "module": "certification", "ref": "training", "date": "2026-03-01",
        "kind": "ce_hours", "fields": {"hours": 24}})");
    ASSERT_EQ(hours.status, 201) << hours.body;
    v = agreeOn("2028-03-01");
    EXPECT_EQ(v.statuses, "expiring");
    EXPECT_EQ(v.renewalStatus, "met");
    EXPECT_TRUE(contains(v.renewalSentence, "24/24")) << v.renewalSentence;

    // Renewed in its window: the next period starts the day after this one ends.
    const auto renewed =
        trainer_.post("/api/v1/credentials/" + first + "/renew", R"({"date": "2028-03-01"})");
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    const std::string second = renewed.object()->getValue<std::string>("serial");
    v = agreeOn("2028-03-02");
    EXPECT_EQ(v.periodInForce, "(2025-05-01–2028-04-30)"); // the old one still runs
    v = agreeOn("2028-05-01");
    EXPECT_EQ(v.periodInForce, "(2028-05-01–2031-04-30)");
    EXPECT_TRUE(contains(v.renewalSentence, "0/24")) << v.renewalSentence; // a new period

    // Lapse: past the end (in its grace period, then after it) neither page has a period.
    v = agreeOn("2031-05-10");
    EXPECT_TRUE(contains(v.statuses, "grace")) << v.statuses;
    v = agreeOn("2031-06-15");
    EXPECT_TRUE(contains(v.statuses, "expired")) << v.statuses;

    // Revoked on 2029-01-10: from that day on, on both pages; before it, as it was.
    const auto revoked = trainer_.post("/api/v1/credentials/" + second + "/revoke",
                                       R"({"reason": "违反服务规范", "date": "2029-01-10"})");
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    v = agreeOn("2029-01-09");
    EXPECT_EQ(v.periodInForce, "(2028-05-01–2031-04-30)");
    v = agreeOn("2029-01-10");
    EXPECT_TRUE(contains(v.statuses, "revoked")) << v.statuses;
    EXPECT_EQ(v.periodInForce, "");

    // The certificates are in the worker's own record, as evidence rows of their own.
    const auto evidence =
        self_.get("/api/v1/workers/" + std::to_string(worker_) + "/evidence?limit=100");
    ASSERT_EQ(evidence.status, 200);
    int records = 0;
    const auto rows = evidence.object()->getArray("items");
    for (std::size_t i = 0; i < rows->size(); ++i)
        if (rows->getObject(i)->getValue<std::string>("kind") == "credential") ++records;
    EXPECT_EQ(records, 3); // the first, the renewal, the renewal's revocation
}

TEST_F(LicenceWalk, AReissueReplacesThePeriodOnBothPages) {
    const auto hash = server_.catalog().find("touyan-linghang")->hash;
    services::CredentialService(server_.store(), server_.versions(),
                                services::defaultSigningKeyFile(server_.db().file()))
        .grant("admin:test", worker_, hash, "district_licence", *parseDay("2025-05-01"));
    const std::string first = newestSerial("2025-05-01");
    const auto reissued = trainer_.post("/api/v1/credentials/" + first + "/reissue",
                                        R"({"reason": "姓名更正", "date": "2025-07-01"})");
    ASSERT_EQ(reissued.status, 201) << reissued.body;
    auto v = agreeOn("2025-07-01");
    EXPECT_EQ(v.periodInForce, "(2025-05-01–2028-04-30)");
    EXPECT_TRUE(contains(v.statuses, "superseded")) << v.statuses;
    v = agreeOn("2025-06-30");
    EXPECT_EQ(v.periodInForce, "(2025-05-01–2028-04-30)");
}

} // namespace
} // namespace yanzhen::testsupport
