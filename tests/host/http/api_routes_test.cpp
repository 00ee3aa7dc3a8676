// The JSON API for cohorts, sessions, evidence and the audit log, over HTTP against the real
// server (tests/support/ApiServer.hpp) with the shipped 头雁领航 course and the real plugins:
// what an admin, a trainer and a worker would each see and be refused.

#include "ApiServer.hpp"

#include <Poco/JSON/Array.h>

#include <gtest/gtest.h>

#include <string>

namespace yanzhen::testsupport {
namespace {

const char* const kPlace = "江源区党群服务中心";

class ApiRoutes : public ::testing::Test {
protected:
    void SetUp() override {
        liId_ = server_.addPerson("T-001", "李老师", "trainer");
        server_.addPerson("T-002", "王老师", "trainer");
        zhangId_ = server_.addPerson("JY-0001", "张三", "social_worker");
        liuId_ = server_.addPerson("JY-0002", "刘四", "social_worker");
        chenId_ = server_.addPerson("JY-0003", "陈五", "social_worker");
        admin_ = server_.login("admin", "admin"); // the browser's way: cookie + CSRF token
        li_ = server_.withToken("li", "trainer", std::string("T-001"));
    }

    /// Cohort TY-2025-1 of 头雁领航, 2025-03-01 to 2025-04-30, taught by 李老师, with the three
    /// workers enrolled; created through the API as the admin. Returns its id.
    store::Id createCohort() {
        const auto created = admin_.post("/api/v1/cohorts", R"({
            "code": "TY-2025-1", "name": "第一期", "course": "touyan-linghang",
            "starts_on": "2025-03-01", "ends_on": "2025-04-30", "trainers": ["T-001"]})");
        EXPECT_EQ(created.status, 201) << created.body;
        const store::Id id = created.object()->getValue<store::Id>("id");
        const auto enrolled =
            li_.post("/api/v1/cohorts/" + std::to_string(id) + "/enrollments",
                     R"({"workers": ["JY-0001", "JY-0002", )" + std::to_string(chenId_) + "]}");
        EXPECT_EQ(enrolled.status, 201) << enrolled.body;
        return id;
    }

    /// The body of a session of `cohort` on 2025-03-03 from `starts` to `ends`, at kPlace.
    static std::string sessionBody(store::Id cohort, const std::string& tpl,
                                   const std::string& starts, const std::string& ends,
                                   const std::string& extra = "") {
        return R"({"cohort": )" + std::to_string(cohort) + R"(, "template": ")" + tpl +
               R"(", "starts_at": "2025-03-03T)" + starts + R"(", "ends_at": "2025-03-03T)" + ends +
               R"(", "place": ")" + kPlace + "\"" + extra + "}";
    }

    /// Schedules a session as 李老师 and returns its id (0 and a failure when refused).
    store::Id schedule(const std::string& body) {
        const auto r = li_.post("/api/v1/sessions", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.object()->getValue<store::Id>("id") : 0;
    }

    /// The opening of `cohort` on 2025-03-03, attended by 张三 and 刘四, and 张三's oath: 张三
    /// has the ceremony module complete, 刘四 half of it, 陈五 nothing.
    void recordCeremonies(store::Id cohort) {
        const store::Id opening = schedule(sessionBody(cohort, "opening", "09:00", "10:30"));
        for (const char* worker : {"JY-0001", "JY-0002"})
            ASSERT_EQ(li_.post("/api/v1/evidence",
                               std::string(R"({"worker": ")") + worker + R"(", "session": )" +
                                   std::to_string(opening) +
                                   R"(, "kind": "attendance", "fields": {"status": "present"}})")
                          .status,
                      201);
        ASSERT_EQ(li_.post("/api/v1/evidence", R"({"worker": "JY-0001", "course": "touyan-linghang",
            "module": "ceremony", "ref": "oath", "date": "2025-03-03", "kind": "attendance",
            "fields": {"status": "present"}})")
                      .status,
                  201);
    }

    std::size_t auditTotal() {
        return admin_.get("/api/v1/audit?limit=1").object()->getValue<std::size_t>("total");
    }

    ApiServer server_;
    ApiClient admin_{0};
    ApiClient li_{0};
    store::Id liId_ = 0;
    store::Id zhangId_ = 0;
    store::Id liuId_ = 0;
    store::Id chenId_ = 0;
};

TEST_F(ApiRoutes, AnAdminCreatesACohortOnTheCourseVersionItsStaffThenSee) {
    const store::Id id = createCohort();
    const auto detail = admin_.get("/api/v1/cohorts/" + std::to_string(id));
    ASSERT_EQ(detail.status, 200) << detail.body;
    const auto c = detail.object();
    EXPECT_EQ(c->getValue<std::string>("code"), "TY-2025-1");
    EXPECT_EQ(c->getValue<std::string>("starts_on"), "2025-03-01");
    EXPECT_EQ(c->getValue<int>("capacity"), 40); // the course's default
    const auto course = c->getObject("course");
    EXPECT_EQ(course->getValue<std::string>("id"), "touyan-linghang");
    EXPECT_EQ(course->getValue<std::string>("version"), "2025.1");
    EXPECT_EQ(course->getValue<std::string>("hash"),
              server_.catalog().find("touyan-linghang")->hash);
    ASSERT_EQ(c->getArray("trainers")->size(), 1u);
    EXPECT_EQ(c->getArray("trainers")->getObject(0)->getValue<std::string>("name"), "李老师");
    const auto members = c->getArray("members");
    ASSERT_EQ(members->size(), 3u);
    EXPECT_EQ(members->getObject(0)->getValue<std::string>("name"), "张三");

    // The trainer sees the cohort in their list; another trainer sees none.
    const auto mine = li_.get("/api/v1/cohorts");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.object()->getValue<int>("total"), 1);
    EXPECT_EQ(mine.object()->getArray("items")->getObject(0)->getValue<int>("members"), 3);
    const auto wang = server_.withToken("wang", "trainer", std::string("T-002"));
    EXPECT_EQ(wang.get("/api/v1/cohorts").object()->getValue<int>("total"), 0);

    // A second cohort with the same code is a conflict; bad fields are named by their paths.
    const auto again = admin_.post("/api/v1/cohorts", R"({"code": "TY-2025-1", "name": "x",
        "course": "touyan-linghang", "starts_on": "2025-05-01", "ends_on": "2025-06-30"})");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.errorCode(), "conflict");
    const auto bad = admin_.post("/api/v1/cohorts", R"({"code": "TY-2", "name": "x",
        "course": "touyan-linghan", "starts_on": "2025-05-01", "ends_on": "2025-04-30",
        "trainers": ["T-999"]})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(bad.errorCode(), "invalid_field");
    EXPECT_EQ(bad.fieldPaths(), (std::vector<std::string>{"trainers[0]", "course", "ends_on"}));
    const auto fields = bad.error()->getObject("details")->getArray("fields");
    EXPECT_NE(fields->getObject(1)->getValue<std::string>("message").find("touyan-linghang"),
              std::string::npos)
        << "a did-you-mean names the course";
    // Creating cohorts is for admins only.
    EXPECT_EQ(li_.post("/api/v1/cohorts", R"({"code": "TY-3"})").status, 403);
}

TEST_F(ApiRoutes, EnrollmentIsAllOrNothing) {
    const auto created = admin_.post("/api/v1/cohorts", R"({"code": "TY-2025-1", "name": "第一期",
        "course": "touyan-linghang", "starts_on": "2025-03-01", "ends_on": "2025-04-30"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string path =
        "/api/v1/cohorts/" + std::to_string(created.object()->getValue<store::Id>("id"));
    const auto unknown =
        admin_.post(path + "/enrollments", R"({"workers": ["JY-0001", "JY-0404"]})");
    EXPECT_EQ(unknown.status, 400) << unknown.body;
    EXPECT_EQ(unknown.fieldPaths(), std::vector<std::string>{"workers[1]"});
    EXPECT_EQ(admin_.get(path).object()->getArray("members")->size(), 0u) << "nobody enrolled";

    EXPECT_EQ(admin_.post(path + "/enrollments", R"({"workers": ["JY-0001"]})").status, 201);
    const auto twice = admin_.post(path + "/enrollments", R"({"workers": ["JY-0002", "JY-0001"]})");
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(admin_.get(path).object()->getArray("members")->size(), 1u) << "JY-0002 not added";
}

TEST_F(ApiRoutes, AnOverlappingSessionIsAConflictNamingTheSessionItClashesWith) {
    const store::Id cohort = createCohort();
    const std::string trainer = R"(, "trainer": "T-001")";
    const store::Id first = schedule(sessionBody(cohort, "opening", "09:00", "10:30", trainer));
    ASSERT_NE(first, 0);

    const auto clash =
        li_.post("/api/v1/sessions", sessionBody(cohort, "oath", "10:00", "10:30", trainer));
    ASSERT_EQ(clash.status, 409) << clash.body;
    EXPECT_EQ(clash.errorCode(), "conflict");
    EXPECT_NE(
        clash.error()->getValue<std::string>("message").find("session " + std::to_string(first)),
        std::string::npos)
        << clash.body;
    const auto conflicts = clash.error()->getObject("details")->getArray("conflicts");
    ASSERT_EQ(conflicts->size(), 2u) << clash.body; // the trainer and the place
    for (std::size_t i = 0; i < conflicts->size(); ++i)
        EXPECT_EQ(conflicts->getObject(i)->getValue<store::Id>("session"), first);
    EXPECT_EQ(conflicts->getObject(0)->getValue<std::string>("code"), "trainer_busy");
    EXPECT_EQ(conflicts->getObject(1)->getValue<std::string>("code"), "place_taken");

    // The form's check shows the same conflicts and writes nothing.
    const std::size_t auditBefore = auditTotal();
    const auto check =
        li_.post("/api/v1/sessions/check", sessionBody(cohort, "oath", "10:00", "10:30", trainer));
    ASSERT_EQ(check.status, 200) << check.body;
    const auto checked = check.object()->getArray("conflicts");
    ASSERT_EQ(checked->size(), 2u);
    EXPECT_EQ(checked->getObject(1)->getValue<store::Id>("session"), first);
    EXPECT_EQ(auditTotal(), auditBefore);
    const auto free =
        li_.post("/api/v1/sessions/check", sessionBody(cohort, "oath", "11:00", "11:30"));
    EXPECT_EQ(free.object()->getArray("conflicts")->size(), 0u) << free.body;
    const auto sessions = li_.get("/api/v1/cohorts/" + std::to_string(cohort) + "/sessions");
    ASSERT_EQ(sessions.status, 200) << sessions.body;
    EXPECT_EQ(sessions.object()->getValue<int>("total"), 1) << "the check scheduled nothing";

    // What is wrong with the request itself is named by field.
    const auto bad = li_.post(
        "/api/v1/sessions", sessionBody(cohort, "openin", "11:00", "10:00", R"(, "capacity": -1)"));
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(bad.errorCode(), "invalid_field");
    // The body's own shape is checked first: only the capacity.
    EXPECT_EQ(bad.fieldPaths(), std::vector<std::string>{"capacity"});
    const auto wrong =
        li_.post("/api/v1/sessions", sessionBody(cohort, "openin", "11:00", "10:00"));
    EXPECT_EQ(wrong.status, 400) << wrong.body;
    EXPECT_EQ(wrong.fieldPaths(), (std::vector<std::string>{"ends_at", "template"}));

    // A cancelled session no longer conflicts.
    const std::string cancel = "/api/v1/sessions/" + std::to_string(first) + "/cancel";
    EXPECT_EQ(li_.post(cancel, R"({"reason": "改期"})").status, 200);
    EXPECT_EQ(li_.post(cancel, R"({"reason": "改期"})").status, 409) << "already cancelled";
    EXPECT_NE(schedule(sessionBody(cohort, "oath", "10:00", "10:30", trainer)), 0);
}

TEST_F(ApiRoutes, TypedTextWithControlOrHiddenCharactersIsRefusedByFieldAndKeptComposed) {
    // A NUL in a cohort's name, and a right-to-left override: 400, naming the field; nothing kept.
    for (const char* name : {R"(第一\u0000期)", R"(第一\u202e期)"}) {
        const auto r = admin_.post("/api/v1/cohorts",
                                   std::string(R"({"code": "TY-X", "name": ")") + name +
                                       R"(", "course": "touyan-linghang", "starts_on": "2025-03-01",
                                       "ends_on": "2025-04-30"})");
        ASSERT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(r.errorCode(), "invalid_field");
        const auto field = r.error()->getObject("details")->getArray("fields")->getObject(0);
        EXPECT_EQ(field->getValue<std::string>("path"), "name");
        EXPECT_NE(field->getValue<std::string>("message").find("U+"), std::string::npos) << r.body;
    }
    EXPECT_EQ(admin_.get("/api/v1/cohorts").object()->getValue<int>("total"), 0);

    // A name typed decomposed (e + COMBINING ACUTE) is kept composed.
    const auto created = admin_.post("/api/v1/cohorts", R"({"code": "TY-2025-1",
        "name": "Cafe\u0301 班  ", "course": "touyan-linghang", "starts_on": "2025-03-01",
        "ends_on": "2025-04-30", "trainers": ["T-001"]})");
    ASSERT_EQ(created.status, 201) << created.body;
    const store::Id cohort = created.object()->getValue<store::Id>("id");
    const auto shown = admin_.get("/api/v1/cohorts/" + std::to_string(cohort));
    EXPECT_EQ(shown.object()->getValue<std::string>("name"), "Caf\xC3\xA9 班") << shown.body;

    // A place with a NUL is refused; one typed with an ideographic space after it is the same
    // place as without, so the second session clashes with the first.
    auto at = [&](const std::string& place, const char* starts, const char* ends) {
        return R"({"cohort": )" + std::to_string(cohort) +
               R"(, "template": "opening", "starts_at": "2025-03-03T)" + starts +
               R"(", "ends_at": "2025-03-03T)" + ends + R"(", "place": ")" + place + "\"}";
    };
    const auto nul = li_.post("/api/v1/sessions", at(R"(礼堂\u0000)", "09:00", "10:00"));
    ASSERT_EQ(nul.status, 400) << nul.body;
    EXPECT_EQ(
        nul.error()->getObject("details")->getArray("fields")->getObject(0)->getValue<std::string>(
            "path"),
        "place");
    const store::Id first = schedule(at("礼堂", "09:00", "10:00"));
    const auto clash = li_.post("/api/v1/sessions", at("礼堂\u3000", "09:30", "10:30"));
    ASSERT_EQ(clash.status, 409) << clash.body;
    EXPECT_EQ(clash.error()
                  ->getObject("details")
                  ->getArray("conflicts")
                  ->getObject(0)
                  ->getValue<std::string>("code"),
              "place_taken");

    // A reason may run over lines; it may not hide a NUL.
    const std::string cancel = "/api/v1/sessions/" + std::to_string(first) + "/cancel";
    EXPECT_EQ(li_.post(cancel, R"({"reason": "第一行\u0000"})").status, 400);
    EXPECT_EQ(li_.post(cancel, R"({"reason": "改期：\r\n礼堂维修"})").status, 200);
}

TEST_F(ApiRoutes, PastTheCapacityABookingWaitsAndTakesTheSeatWhenOneIsGivenUp) {
    const store::Id cohort = createCohort();
    const store::Id session =
        schedule(sessionBody(cohort, "oath", "09:00", "09:30", R"(, "capacity": 1)"));
    const std::string bookings = "/api/v1/sessions/" + std::to_string(session) + "/bookings";
    const auto zhang = server_.withToken("zhang", "worker", std::string("JY-0001"));
    const auto liu = server_.withToken("liu", "worker", std::string("JY-0002"));

    const auto first = li_.post(bookings, R"({"worker": "JY-0001"})");
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.object()->getValue<std::string>("status"), "booked");
    const auto second = liu.post(bookings, "{}"); // a worker books themself
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.object()->getValue<std::string>("status"), "waiting");
    EXPECT_EQ(second.object()->getValue<int>("position"), 1);
    EXPECT_EQ(li_.post(bookings, R"({"worker": "JY-0001"})").status, 409) << "booked already";
    EXPECT_EQ(zhang.post(bookings, R"({"worker": "JY-0003"})").status, 403)
        << "a worker books only themself";

    // A worker sees the session and their own booking only; staff see every booking.
    const auto seen = liu.get("/api/v1/sessions/" + std::to_string(session));
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_EQ(seen.object()->getValue<int>("booked"), 1);
    EXPECT_EQ(seen.object()->getValue<int>("waiting"), 1);
    ASSERT_EQ(seen.object()->getArray("bookings")->size(), 1u);
    EXPECT_EQ(li_.get("/api/v1/sessions/" + std::to_string(session))
                  .object()
                  ->getArray("bookings")
                  ->size(),
              2u);

    EXPECT_EQ(liu.del(bookings + "/" + std::to_string(zhangId_)).status, 403);
    const auto given = zhang.del(bookings + "/" + std::to_string(zhangId_));
    ASSERT_EQ(given.status, 200) << given.body;
    EXPECT_EQ(given.object()->getValue<store::Id>("promoted"), liuId_);
    EXPECT_EQ(zhang.del(bookings + "/" + std::to_string(zhangId_)).status, 409) << "not booked";
}

TEST_F(ApiRoutes, EvidenceIsCheckedFieldByFieldAndMovesProgress) {
    const store::Id cohort = createCohort();
    const store::Id opening = schedule(sessionBody(cohort, "opening", "09:00", "10:30"));
    const std::string sessionRef = std::to_string(opening);

    const auto bad = li_.post("/api/v1/evidence", R"({"worker": "JY-0001", "session": )" +
                                                      sessionRef + R"(, "kind": "attendance",
        "fields": {"status": "here", "minutes": 90}})");
    ASSERT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(bad.errorCode(), "invalid_field");
    const auto fields = bad.error()->getObject("details")->getArray("fields");
    ASSERT_EQ(fields->size(), 2u) << bad.body;
    EXPECT_EQ(fields->getObject(0)->getValue<std::string>("path"), "fields.status");
    EXPECT_NE(fields->getObject(0)->getValue<std::string>("message").find("present"),
              std::string::npos)
        << "names the choices";
    EXPECT_EQ(fields->getObject(1)->getValue<std::string>("path"), "fields.minutes");
    const auto zh = ApiClient(li_).language("zh").post(
        "/api/v1/evidence", R"({"worker": "JY-0001", "session": )" + sessionRef +
                                R"(, "kind": "attendance", "fields": {}})");
    EXPECT_EQ(zh.status, 400) << zh.body;
    EXPECT_NE(zh.error()->getValue<std::string>("message").find("缺少"), std::string::npos)
        << zh.body;

    const std::string progress = "/api/v1/workers/" + std::to_string(zhangId_) + "/progress";
    auto ceremonyBar = [&]() {
        const auto modules =
            li_.get(progress).object()->getArray("cohorts")->getObject(0)->getArray("modules");
        for (std::size_t i = 0; i < modules->size(); ++i)
            if (modules->getObject(i)->getValue<std::string>("id") == "ceremony")
                return modules->getObject(i)->getValue<double>("fraction");
        return -1.0;
    };
    EXPECT_EQ(ceremonyBar(), 0.0);
    const auto good = li_.post("/api/v1/evidence", R"({"worker": "JY-0001", "session": )" +
                                                       sessionRef + R"(, "kind": "attendance",
        "fields": {"status": "present"}})");
    ASSERT_EQ(good.status, 201) << good.body;
    EXPECT_EQ(ceremonyBar(), 0.5) << "the opening of the opening and the oath";

    // A correction supersedes the row, which stays in the history, marked.
    const store::Id row = good.object()->getValue<store::Id>("id");
    const auto corrected = li_.post("/api/v1/evidence", R"({"correct": )" + std::to_string(row) +
                                                            R"(, "reason": "点名有误",
        "fields": {"status": "absent"}})");
    ASSERT_EQ(corrected.status, 201) << corrected.body;
    EXPECT_EQ(corrected.object()->getValue<store::Id>("supersedes"), row);
    EXPECT_EQ(ceremonyBar(), 0.0);
    const auto history =
        li_.get("/api/v1/workers/" + std::to_string(zhangId_) + "/evidence").object();
    EXPECT_EQ(history->getValue<int>("total"), 2);
    const auto items = history->getArray("items");
    EXPECT_FALSE(items->getObject(0)->getValue<bool>("current"));
    EXPECT_EQ(items->getObject(0)->getValue<store::Id>("superseded_by"),
              corrected.object()->getValue<store::Id>("id"));
    EXPECT_EQ(items->getObject(1)->getValue<std::string>("reason"), "点名有误");
    EXPECT_EQ(items->getObject(1)->getObject("fields")->getValue<std::string>("status"), "absent");
    EXPECT_EQ(items->getObject(1)->getValue<std::string>("recorded_by"), "trainer:li");

    // A row by course, module, ref and date; and one for a worker not in the course.
    const auto byCourse = admin_.post("/api/v1/evidence", R"({"worker": "JY-0002",
        "course": "touyan-linghang", "module": "ceremony", "ref": "oath", "date": "2025-03-05",
        "kind": "attendance", "fields": {"status": "late"}})");
    EXPECT_EQ(byCourse.status, 201) << byCourse.body;
    server_.addPerson("JY-0009", "局外人");
    const auto outsider = admin_.post("/api/v1/evidence", R"({"worker": "JY-0009",
        "course": "touyan-linghang", "module": "ceremony", "ref": "oath", "date": "2025-03-05",
        "kind": "attendance", "fields": {"status": "late"}})");
    EXPECT_EQ(outsider.status, 400) << outsider.body;
    EXPECT_EQ(outsider.fieldPaths(), std::vector<std::string>{"course"});
    // Everything wrong comes back in one answer: who it is about, and each field.
    const auto atSession =
        admin_.post("/api/v1/evidence",
                    R"({"worker": "JY-0009", "session": )" + sessionRef + R"(, "kind": "attendance",
        "fields": {"status": "here"}})");
    EXPECT_EQ(atSession.status, 400) << atSession.body;
    EXPECT_EQ(atSession.fieldPaths(), (std::vector<std::string>{"worker", "fields.status"}));
}

TEST_F(ApiRoutes, TheCohortReportCountsMembersPerModuleSetAndCredential) {
    const store::Id cohort = createCohort();
    recordCeremonies(cohort);

    const auto r = li_.get("/api/v1/cohorts/" + std::to_string(cohort) + "/report");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto report = r.object();
    EXPECT_EQ(report->getValue<int>("members"), 3);
    const auto modules = report->getArray("modules");
    ASSERT_EQ(modules->size(), 5u);
    const auto ceremony = modules->getObject(0);
    EXPECT_EQ(ceremony->getValue<std::string>("id"), "ceremony");
    EXPECT_EQ(ceremony->getValue<int>("complete"), 1);    // 张三: opening and oath
    EXPECT_EQ(ceremony->getValue<int>("in_progress"), 1); // 刘四: the opening
    EXPECT_EQ(ceremony->getValue<int>("not_started"), 1); // 陈五
    const auto theory = modules->getObject(1);
    EXPECT_EQ(theory->getValue<int>("not_started"), 3);

    const auto sets = report->getArray("sets");
    bool sawCompletion = false;
    for (std::size_t i = 0; i < sets->size(); ++i) {
        const auto set = sets->getObject(i);
        if (set->getValue<std::string>("id") != "completion") continue;
        sawCompletion = true;
        EXPECT_EQ(set->getValue<int>("complete"), 0);
        EXPECT_EQ(set->getValue<int>("in_progress"), 2);
        EXPECT_EQ(set->getValue<int>("not_started"), 1);
    }
    EXPECT_TRUE(sawCompletion) << r.body;
    const auto credentials = report->getArray("credentials");
    ASSERT_EQ(credentials->size(), 1u);
    const auto licence = credentials->getObject(0);
    EXPECT_EQ(licence->getValue<std::string>("credential"), "district_licence");
    EXPECT_EQ(licence->getValue<int>("holders"), 0);
    EXPECT_EQ(licence->getValue<int>("members"), 3);
    EXPECT_EQ(licence->getValue<double>("share"), 0.0);
}

TEST_F(ApiRoutes, TheMembersListSaysWhoIsBehindAndWhatIsLeftSortedAndFiltered) {
    const store::Id cohort = createCohort();
    recordCeremonies(cohort);
    const std::string path = "/api/v1/cohorts/" + std::to_string(cohort) + "/members";
    auto codes = [](const ApiResponse& r) {
        std::vector<std::string> out;
        const auto items = r.object()->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            out.push_back(items->getObject(i)->getObject("worker")->getValue<std::string>("code"));
        return out;
    };

    // Before the cohort begins nobody is behind; every member is listed, by staff number.
    auto r = li_.get(path + "?date=2025-02-20");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.object()->getValue<int>("total"), 3);
    EXPECT_EQ(codes(r), (std::vector<std::string>{"JY-0001", "JY-0002", "JY-0003"}));
    EXPECT_FALSE(r.object()->getArray("items")->getObject(0)->getValue<bool>("behind"));
    EXPECT_EQ(li_.get(path + "?date=2025-02-20&status=behind").object()->getValue<int>("total"), 0);

    // After it ends, a set not met is behind; the ceremony's share tells them apart.
    r = li_.get(path + "?date=2025-05-10&set=completion&sort=fraction");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(codes(r), (std::vector<std::string>{"JY-0003", "JY-0002", "JY-0001"}));
    const auto chen = r.object()->getArray("items")->getObject(0);
    EXPECT_TRUE(chen->getValue<bool>("behind"));
    const auto completion = chen->getObject("sets")->getObject("completion");
    EXPECT_EQ(completion->getValue<std::string>("status"), "unmet");
    EXPECT_TRUE(completion->getValue<bool>("behind"));
    EXPECT_GT(chen->getObject("left")->getArray("completion")->size(), 0u);
    const auto first = chen->getObject("left")->getArray("completion")->getObject(0);
    EXPECT_FALSE(first->getObject("sentence")->getValue<std::string>("zh").empty());
    r = li_.get(path + "?date=2025-05-10&set=completion&status=behind&limit=2");
    EXPECT_EQ(r.object()->getValue<int>("total"), 3);
    EXPECT_EQ(codes(r).size(), 2u);
    r = li_.get(path + "?date=2025-05-10&sort=name");
    EXPECT_EQ(r.status, 200);

    // What is wrong with the question is said, in the caller's terms.
    r = li_.get(path + "?status=late");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("behind"), std::string::npos) << r.body;
    r = li_.get(path + "?set=graduation");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("completion"), std::string::npos) << r.body;
    EXPECT_EQ(li_.get(path + "?sort=age").status, 400);
    // Only the cohort's staff.
    const auto wang = server_.withToken("wang", "trainer", std::string("T-002"));
    EXPECT_EQ(wang.get(path).status, 403);
}

TEST_F(ApiRoutes, TrainersReachOnlyTheirCohortsAndWorkersOnlyThemselves) {
    const store::Id cohort = createCohort();
    const std::string path = "/api/v1/cohorts/" + std::to_string(cohort);
    const store::Id session = schedule(sessionBody(cohort, "opening", "09:00", "10:30"));
    const auto wang = server_.withToken("wang", "trainer", std::string("T-002"));
    EXPECT_EQ(wang.get(path + "/report").status, 403);
    EXPECT_EQ(wang.get(path).status, 403);
    EXPECT_EQ(wang.post(path + "/enrollments", R"({"workers": ["JY-0001"]})").status, 403);
    const auto scheduled =
        wang.post("/api/v1/sessions", sessionBody(cohort, "oath", "13:00", "13:30"));
    EXPECT_EQ(scheduled.status, 403) << scheduled.body;
    EXPECT_EQ(
        wang.post("/api/v1/sessions/check", sessionBody(cohort, "oath", "13:00", "13:30")).status,
        403);
    EXPECT_EQ(
        wang.post("/api/v1/sessions/" + std::to_string(session) + "/cancel", R"({"reason": "x"})")
            .status,
        403);
    EXPECT_EQ(wang.post("/api/v1/evidence", R"({"worker": "JY-0001", "session": )" +
                                                std::to_string(session) +
                                                R"(, "kind": "attendance",
                        "fields": {"status": "present"}})")
                  .status,
              403);
    EXPECT_EQ(wang.get("/api/v1/workers/" + std::to_string(zhangId_) + "/evidence").status, 403);

    const auto zhang = server_.withToken("zhang", "worker", std::string("JY-0001"));
    EXPECT_EQ(zhang.get("/api/v1/workers/" + std::to_string(liuId_) + "/evidence").status, 403);
    const auto own = zhang.get("/api/v1/workers/" + std::to_string(zhangId_) + "/evidence");
    EXPECT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(zhang.get(path + "/sessions").status, 200) << "enrolled: sees the timetable";
    EXPECT_EQ(zhang.get(path + "/report").status, 403);
    EXPECT_EQ(zhang.get("/api/v1/cohorts").status, 403);
    EXPECT_EQ(zhang.post("/api/v1/evidence", R"({"worker": "JY-0001"})").status, 403);
    EXPECT_EQ(zhang.get("/api/v1/audit").status, 403);
    EXPECT_EQ(li_.get("/api/v1/audit/verify").status, 403);
    EXPECT_EQ(server_.anonymous().get(path + "/sessions").status, 401);
    // A session id that does not exist looks the same as one that is not yours: 403, not 404.
    EXPECT_EQ(wang.get("/api/v1/sessions/" + std::to_string(session)).status, 403);
    EXPECT_EQ(wang.get("/api/v1/sessions/999999").status, 403);
    EXPECT_EQ(admin_.get("/api/v1/sessions/999999").status, 404);
}

TEST_F(ApiRoutes, ATrainerListsThePeopleOfTheirCohortsOnly) {
    createCohort();
    auto codes = [](const ApiResponse& r) {
        std::vector<std::string> out;
        const auto items = r.object()->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            out.push_back(items->getObject(i)->getValue<std::string>("code"));
        return out;
    };
    const auto mine = li_.get("/api/v1/workers");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(codes(mine), (std::vector<std::string>{"JY-0001", "JY-0002", "JY-0003"}));
    const auto wang = server_.withToken("wang", "trainer", std::string("T-002"));
    const auto none = wang.get("/api/v1/workers");
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(codes(none).empty()) << none.body;
    EXPECT_EQ(codes(admin_.get("/api/v1/workers")).size(), 5U); // two trainers, three workers
}

TEST_F(ApiRoutes, TheAuditLogIsPagedNewestFirstAndVerifies) {
    createCohort();
    const auto all = admin_.get("/api/v1/audit?limit=500");
    ASSERT_EQ(all.status, 200) << all.body;
    const std::size_t total = all.object()->getValue<std::size_t>("total");
    const auto items = all.object()->getArray("items");
    ASSERT_GE(total, 4u); // accounts, the course version, the cohort, the enrollments
    ASSERT_EQ(items->size(), total);
    EXPECT_EQ(items->getObject(0)->getValue<std::size_t>("id"), total);
    bool byAdmin = false;
    for (std::size_t i = 0; i < items->size(); ++i)
        byAdmin = byAdmin || items->getObject(i)->getValue<std::string>("actor") == "admin:admin";
    EXPECT_TRUE(byAdmin) << "the caller is the actor";

    const auto page = admin_.get("/api/v1/audit?limit=2&offset=1");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto p = page.object();
    EXPECT_EQ(p->getValue<std::size_t>("total"), total);
    EXPECT_EQ(p->getValue<int>("limit"), 2);
    EXPECT_EQ(p->getValue<int>("offset"), 1);
    ASSERT_EQ(p->getArray("items")->size(), 2u);
    EXPECT_EQ(p->getArray("items")->getObject(0)->getValue<std::size_t>("id"), total - 1);
    EXPECT_EQ(p->getArray("items")->getObject(1)->getValue<std::size_t>("id"), total - 2);
    EXPECT_EQ(admin_.get("/api/v1/audit?limit=0").status, 400);
    EXPECT_EQ(admin_.get("/api/v1/audit?offset=" + std::to_string(total))
                  .object()
                  ->getArray("items")
                  ->size(),
              0u);

    const auto verify = admin_.get("/api/v1/audit/verify");
    ASSERT_EQ(verify.status, 200) << verify.body;
    EXPECT_TRUE(verify.object()->getValue<bool>("intact"));
    EXPECT_EQ(verify.object()->getValue<std::size_t>("entries"), total);
    EXPECT_EQ(verify.object()->getValue<std::string>("head"),
              items->getObject(0)->getValue<std::string>("hash"));
    const auto wrongHead = admin_.get("/api/v1/audit/verify?head=" + std::string(64, 'a'));
    EXPECT_FALSE(wrongHead.object()->getValue<bool>("intact"));
    EXPECT_TRUE(wrongHead.object()->has("problem"));
}

// A worker who does not exist is the first thing the progress route says, whatever else is
// wrong with the request; for one who does, a malformed date is the caller's mistake.
TEST_F(ApiRoutes, ProgressSaysAnUnknownWorkerBeforeABadDate) {
    EXPECT_EQ(admin_.get("/api/v1/workers/999999/progress?date=2026-13-40").status, 404);
    EXPECT_EQ(admin_.get("/api/v1/workers/999999/progress").status, 404);
    const std::string mine = "/api/v1/workers/" + std::to_string(zhangId_) + "/progress";
    EXPECT_EQ(admin_.get(mine + "?date=2026-13-40").status, 400);
    EXPECT_EQ(admin_.get(mine + "?date=2026-11-28").status, 200);
}

} // namespace
} // namespace yanzhen::testsupport
