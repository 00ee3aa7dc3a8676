// GET /api/v1/reports/licensure as its three kinds of caller see it, on the real server: an
// admin counts every post of the district, a trainer only the posts of the members of the
// cohorts assigned to them, a worker nothing (403).

#include "ApiServer.hpp"
#include "KeptVersion.hpp"

#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/EvidenceRepository.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <gtest/gtest.h>

namespace yanzhen::testsupport {
namespace {

using Poco::JSON::Object;

/// {posts, holders of the licence} of the Party-affairs workers in an answer's totals.
std::pair<int, int> partyAffairs(const Object::Ptr& answer) {
    const auto totals = answer->getArray("totals");
    for (std::size_t i = 0; i < totals->size(); ++i) {
        const auto p = totals->getObject(static_cast<unsigned>(i));
        if (p->getValue<std::string>("post") != "party_affairs") continue;
        const auto c = p->getArray("credentials")->getObject(0);
        return {p->getValue<int>("posts"), c->getValue<int>("holders")};
    }
    return {-1, -1};
}

TEST(ReportRoutes, AnAdminCountsTheDistrictATrainerTheirCohortsMembersAWorkerNothing) {
    ApiServer server;
    const store::Id trainer = server.addPerson("T-001", "王丽", "trainer");
    const store::Id a = server.addPerson("JY-0001", "张伟", "party_affairs");
    const store::Id b = server.addPerson("JY-0002", "李娜", "party_affairs");
    server.addPerson("JY-0003", "赵敏", "party_affairs"); // in no cohort of the trainer's
    const auto course = server.catalog().find("touyan-linghang");
    ASSERT_TRUE(course);
    server.db().write("admin", [&](store::WriteTransaction& tx) {
        store::CohortRepository cohorts(tx.session());
        const auto cohort =
            cohorts.create(tx, store::Cohort{0, "TY-2026-1", "第一期", keepVersion(tx, *course),
                                             "2026-03-01", "2026-06-30", 40});
        cohorts.addTrainer(tx, cohort, trainer);
        cohorts.enroll(tx, cohort, a, "2026-03-01");
        cohorts.enroll(tx, cohort, b, "2026-03-01");
        store::EvidenceRow licence;
        licence.personId = a;
        licence.module = "certification";
        licence.kind = "credential";
        licence.ref = "district_licence";
        licence.day = *parseDay("2026-07-10");
        licence.fields =
            R"({"level":"district_licence","status":"active","valid_from":"2026-07-10","valid_until":"2029-07-09"})";
        licence.recordedAt = "2026-07-10T02:00:00Z";
        licence.recordedBy = "test";
        store::EvidenceRepository(tx.session()).append(tx, licence);
    });
    const std::string path = "/api/v1/reports/licensure?date=2026-11-28";

    const auto admin = server.withToken("boss", "admin");
    const auto all = admin.get(path);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.object()->getValue<std::string>("scope"), "district");
    EXPECT_EQ(partyAffairs(all.object()), std::make_pair(3, 1));

    const auto wang = server.withToken("wang", "trainer", std::string("T-001"));
    const auto theirs = wang.get(path);
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    EXPECT_EQ(theirs.object()->getValue<std::string>("scope"), "cohorts");
    EXPECT_EQ(partyAffairs(theirs.object()), std::make_pair(2, 1)) << "张伟 and 李娜 only";
    const auto series = wang.get("/api/v1/reports/licensure/series?months=6&date=2026-11-28");
    ASSERT_EQ(series.status, 200) << series.body;
    EXPECT_EQ(series.object()->getValue<std::string>("scope"), "cohorts");

    // A trainer of no cohort sees no posts at all, rather than the district's.
    server.addPerson("T-002", "赵强", "trainer");
    const auto idle = server.withToken("zhao", "trainer", std::string("T-002")).get(path);
    ASSERT_EQ(idle.status, 200) << idle.body;
    EXPECT_EQ(partyAffairs(idle.object()), std::make_pair(0, 0));

    server.addPerson("JY-0009", "孙丽", "social_worker");
    EXPECT_EQ(server.withToken("sun", "worker", std::string("JY-0009")).get(path).status, 403);
}

} // namespace
} // namespace yanzhen::testsupport
