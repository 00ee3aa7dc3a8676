// The iCalendar feeds over HTTP, the way a calendar app subscribes: nothing but the URL, the
// API token in ?token=. Real server (tests/support/ApiServer.hpp), shipped 头雁领航 course, real
// plugins; the feed that comes back is read with libical.

#include "ApiServer.hpp"
#include "KeptVersion.hpp"

#include "services/scheduling/SchedulingService.hpp"
#include "store/sqlite/CohortRepository.hpp"

#include <libical/ical.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <string>

namespace yanzhen::testsupport {
namespace {

/// A bare GET with no header but Host, as a calendar app sends it; the Content-Type answered.
std::string contentTypeOf(unsigned short port, const std::string& path) {
    Poco::Net::HTTPClientSession client("127.0.0.1", port);
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    client.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::string body;
    Poco::StreamCopier::copyToString(client.receiveResponse(res), body);
    return res.getContentType();
}

TEST(CalendarRoutes, WorkerFeedAnswersATokenInTheUrlAndRefusesWithoutOne) {
    ApiServer server;
    const store::Id zhang = server.addPerson("JY-0001", "张三", "social_worker");
    server.addPerson("JY-0002", "刘四", "social_worker");
    const store::Id wang = server.addPerson("T-001", "王丽", "trainer");
    const auto course = server.catalog().find("touyan-linghang");
    ASSERT_TRUE(course);
    store::Id cohort = 0;
    server.db().write("admin", [&](store::WriteTransaction& tx) {
        store::CohortRepository cohorts(tx.session());
        cohort =
            cohorts.create(tx, store::Cohort{0, "TY-2025-1", "第一期", keepVersion(tx, *course),
                                             "2025-03-01", "2025-04-30", 40});
        cohorts.enroll(tx, cohort, zhang, "2025-03-01");
    });
    services::ScheduleRequest r;
    r.cohort = cohort;
    r.templateId = "opening";
    r.startsAt = "2025-03-01T09:00";
    r.endsAt = "2025-03-01T10:30";
    r.place = "江源区党群服务中心";
    r.trainer = wang;
    const store::Id session =
        services::SchedulingService(server.store(), server.versions()).schedule("trainer:wang", r);

    server.addAccount("zhang", "worker", std::string("JY-0001"));
    server.addAccount("liu", "worker", std::string("JY-0002"));
    const std::string zhangToken =
        server.accounts().createToken("zhang", "calendar", std::nullopt, "zhang").token;
    const std::string liuToken =
        server.accounts().createToken("liu", "calendar", std::nullopt, "liu").token;

    const std::string feed = "/api/v1/workers/" + std::to_string(zhang) + "/calendar.ics";
    const auto app = server.anonymous();

    // No cookie, no header, no token: nobody.
    const auto nobody = app.get(feed);
    EXPECT_EQ(nobody.status, 401) << nobody.body;
    EXPECT_EQ(nobody.errorCode(), "unauthorized");

    // The worker's own API token in the URL.
    const auto own = app.get(feed + "?token=" + zhangToken);
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(contentTypeOf(server.port(), feed + "?token=" + zhangToken),
              "text/calendar; charset=utf-8");
    icalerror_set_errors_are_fatal(0);
    icalcomponent* cal = icalparser_parse_string(own.body.c_str());
    ASSERT_NE(cal, nullptr) << own.body;
    icalcomponent* event = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    ASSERT_NE(event, nullptr) << own.body;
    EXPECT_EQ(std::string(icalcomponent_get_uid(event)),
              "session-" + std::to_string(session) + "@yanzhen");
    EXPECT_STREQ(icalcomponent_get_summary(event), "开班仪式（TY-2025-1）");
    icalcomponent_free(cal);

    // The same feed with the token as a bearer header (an integration) ...
    ApiClient bearer(server.port());
    bearer.bearer(zhangToken);
    EXPECT_EQ(bearer.get(feed).body, own.body);

    // ... but not with a token that is no API token, nor with another worker's.
    const auto forged = app.get(feed + "?token=yzt_not-a-token");
    EXPECT_EQ(forged.status, 401) << forged.body;
    EXPECT_EQ(forged.errorCode(), "invalid_token");
    const ApiClient admin = server.login("admin", "admin");
    std::string sessionToken;
    for (const auto& c : admin.cookiesSet())
        if (c.getName() == http::kSessionCookie) sessionToken = c.getValue();
    ASSERT_FALSE(sessionToken.empty());
    EXPECT_EQ(app.get(feed + "?token=" + sessionToken).status, 401)
        << "a browser session token must not work from a URL";
    const auto other = app.get(feed + "?token=" + liuToken);
    EXPECT_EQ(other.status, 403) << other.body;
    EXPECT_EQ(other.errorCode(), "forbidden");

    // The cohort's feed: a worker enrolled in it may read it, another may not.
    const std::string cohortFeed = "/api/v1/cohorts/" + std::to_string(cohort) + "/calendar.ics";
    EXPECT_EQ(app.get(cohortFeed).status, 401);
    EXPECT_EQ(app.get(cohortFeed + "?token=" + zhangToken).status, 200);
    EXPECT_EQ(app.get(cohortFeed + "?token=" + liuToken).status, 403);
}

} // namespace
} // namespace yanzhen::testsupport
