// The iCalendar feeds of a worker's and a cohort's sessions, read back the way a calendar app
// reads them: through libical, which must find nothing to complain about. Real database, real
// 头雁领航 course file, real plugins; sessions are scheduled and cancelled through the
// SchedulingService as trainers do.

#include "CohortFixture.hpp"

#include "services/scheduling/CalendarService.hpp"
#include "services/scheduling/SchedulingService.hpp"
#include "store/sqlite/SessionRepository.hpp"

#include <libical/ical.h>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace yanzhen;
using yanzhen::testsupport::CohortWrite;

namespace {

const std::string kHall = "江源区党群服务中心";

struct FreeComponent {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, FreeComponent>;

/// Every X-LIC-ERROR libical attached to `c` or anything inside it, one per line.
void collectParseErrors(icalcomponent* c, std::string& out) {
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        out += std::string(icalproperty_get_xlicerror(p)) + "\n";
    for (icalcomponent* inner = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); inner;
         inner = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        collectParseErrors(inner, out);
}

/// The feed as libical parses it; a failure for any error or warning libical reports.
Component parse(const std::string& ics) {
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();
    Component cal(icalparser_parse_string(ics.c_str()));
    // libical 3.0 has no icalerror_get_errno() yet: icalerrno is its error number.
    EXPECT_EQ(icalerrno, ICAL_NO_ERROR) << icalerror_strerror(icalerrno);
    EXPECT_TRUE(cal) << "libical found no component in:\n" << ics;
    if (!cal) return cal;
    EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
    std::string errors;
    collectParseErrors(cal.get(), errors);
    EXPECT_EQ(errors, "") << "in:\n" << ics;
    return cal;
}

std::vector<icalcomponent*> events(icalcomponent* cal) {
    std::vector<icalcomponent*> out;
    for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        out.push_back(e);
    return out;
}

/// The VEVENTs of a feed by UID.
std::map<std::string, icalcomponent*> eventsByUid(icalcomponent* cal) {
    std::map<std::string, icalcomponent*> out;
    for (icalcomponent* e : events(cal))
        out[icalcomponent_get_uid(e)] = e;
    return out;
}

std::string uidOf(store::Id session) {
    return "session-" + std::to_string(session) + "@yanzhen";
}

/// The physical lines of `ics` (split at CRLF); a failure for a line break that is not CRLF.
std::vector<std::string> physicalLines(const std::string& ics) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < ics.size()) {
        const auto end = ics.find("\r\n", pos);
        if (end == std::string::npos) {
            ADD_FAILURE() << "the feed does not end with CRLF";
            break;
        }
        out.push_back(ics.substr(pos, end - pos));
        EXPECT_EQ(out.back().find_first_of("\r\n"), std::string::npos)
            << "a bare CR or LF in line '" << out.back() << "'";
        pos = end + 2;
    }
    return out;
}

/// The logical content lines: continuation lines (leading space) joined back on.
std::vector<std::string> unfoldedLines(const std::string& ics) {
    std::vector<std::string> out;
    for (auto& l : physicalLines(ics)) {
        if (!l.empty() && l[0] == ' ' && !out.empty())
            out.back() += l.substr(1);
        else
            out.push_back(l);
    }
    return out;
}

/// The logical line of `ics` that starts with `prefix` (e.g. "LOCATION:"), or "".
std::string unfoldedLine(const std::string& ics, const std::string& prefix) {
    for (const auto& l : unfoldedLines(ics))
        if (l.rfind(prefix, 0) == 0) return l;
    return "";
}

/// True when `s` is well-formed UTF-8 on its own (no character cut at either end).
bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

/// Every physical line at most 75 octets and whole UTF-8 characters.
void expectFoldedProperly(const std::string& ics) {
    for (const auto& l : physicalLines(ics)) {
        EXPECT_LE(l.size(), 75U) << "line '" << l << "'";
        EXPECT_TRUE(validUtf8(l)) << "a UTF-8 character cut in line '" << l << "'";
    }
}

class CalendarFeed : public testsupport::CohortFixture {
protected:
    void SetUp() override {
        CohortFixture::SetUp();
        if (HasFatalFailure()) return;
        scheduling_ = std::make_unique<services::SchedulingService>(t_.store, *versions_);
        calendar_ = std::make_unique<services::CalendarService>(t_.store, *versions_);
        populate([&](CohortWrite& w) {
            first_ = w.cohort("TY-2025-1", "第一期", 40);
            second_ = w.cohort("TY-2025-2", "第二期", 40);
            wang_ = w.person("JY-0103", "王丽");
            workers_ = w.workers({"张伟", "李娜"});
            w.enroll(first_, workers_[0]);
            w.enroll(second_, workers_[1]);
        });
    }

    store::Id schedule(store::Id cohort, const std::string& templateId, const std::string& starts,
                       const std::string& ends, const std::string& place) {
        services::ScheduleRequest r;
        r.cohort = cohort;
        r.templateId = templateId;
        r.startsAt = starts;
        r.endsAt = ends;
        r.place = place;
        r.trainer = wang_;
        return scheduling_->schedule("trainer:wang", r);
    }
    /// The opening ceremony of the first cohort: 2025-03-01 09:00–10:30 in the hall.
    store::Id opening() {
        return schedule(first_, "opening", "2025-03-01T09:00", "2025-03-01T10:30", kHall);
    }
    store::Session stored(store::Id id) {
        auto r = t_.db->read();
        return store::SessionRepository(*r).find(id).value();
    }
    std::string workerFeed(store::Id person) { return calendar_->forWorker(person).value(); }

    std::unique_ptr<services::SchedulingService> scheduling_;
    std::unique_ptr<services::CalendarService> calendar_;
    store::Id first_ = 0;
    store::Id second_ = 0;
    store::Id wang_ = 0;
    std::vector<store::Id> workers_; ///< 张伟 in the first cohort, 李娜 in the second
};

TEST_F(CalendarFeed, WorkerFeedParsesWithoutAWarningAndHoldsTheirSessions) {
    const auto opening = this->opening();
    const auto casework =
        schedule(first_, "casework", "2025-03-02T09:00", "2025-03-02T15:00", "社区学院");
    const auto theirs =
        schedule(second_, "casework", "2025-03-03T09:00", "2025-03-03T15:00", "社区学院");
    const std::string ics = workerFeed(workers_[0]);
    expectFoldedProperly(ics);
    const auto cal = parse(ics);
    ASSERT_TRUE(cal);

    EXPECT_EQ(icalcomponent_get_method(cal.get()), ICAL_METHOD_PUBLISH);
    const auto lines = unfoldedLines(ics);
    ASSERT_GE(lines.size(), 7U);
    EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
    EXPECT_EQ(lines[1], "PRODID:-//Yanzhen//Yanzhen 0.1//ZH");
    EXPECT_EQ(lines[2], "VERSION:2.0");
    EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
    EXPECT_EQ(lines[5], "X-WR-CALNAME:张伟");
    EXPECT_EQ(lines[6], "X-WR-TIMEZONE:Asia/Shanghai");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");

    icalcomponent* tz = icalcomponent_get_first_component(cal.get(), ICAL_VTIMEZONE_COMPONENT);
    ASSERT_NE(tz, nullptr);
    EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY)),
                 "Asia/Shanghai");

    // 张伟 is in the first cohort only: the second cohort's session is not his.
    const auto byUid = eventsByUid(cal.get());
    ASSERT_EQ(byUid.size(), 2U);
    EXPECT_TRUE(byUid.count(uidOf(opening)));
    EXPECT_TRUE(byUid.count(uidOf(casework)));
    EXPECT_FALSE(byUid.count(uidOf(theirs)));

    icalcomponent* e = byUid.at(uidOf(opening));
    EXPECT_STREQ(icalcomponent_get_summary(e), "开班仪式（TY-2025-1）");
    EXPECT_EQ(icalcomponent_get_location(e), kHall);
    EXPECT_STREQ(icalcomponent_get_description(e), "模块：仪式教育\n培训师：王丽");
    EXPECT_EQ(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_sequence(e), 0);
}

TEST_F(CalendarFeed, DtstartCarriesTheShanghaiZoneAndTheLocalTime) {
    const auto id = opening();
    const std::string ics = workerFeed(workers_[0]);
    EXPECT_EQ(unfoldedLine(ics, "DTSTART;"), "DTSTART;TZID=Asia/Shanghai:20250301T090000");
    EXPECT_EQ(unfoldedLine(ics, "DTEND;"), "DTEND;TZID=Asia/Shanghai:20250301T103000");

    const auto cal = parse(ics);
    ASSERT_TRUE(cal);
    icalcomponent* e = eventsByUid(cal.get()).at(uidOf(id));
    const icaltimetype start = icalcomponent_get_dtstart(e);
    EXPECT_EQ(start.year, 2025);
    EXPECT_EQ(start.month, 3);
    EXPECT_EQ(start.day, 1);
    EXPECT_EQ(start.hour, 9);
    EXPECT_EQ(start.minute, 0);
    ASSERT_NE(start.zone, nullptr);
    EXPECT_STREQ(icaltime_get_tzid(start), "Asia/Shanghai");
    // 09:00 in Shanghai is 01:00 UTC, by the feed's own VTIMEZONE.
    EXPECT_EQ(icaltime_as_timet_with_zone(start, start.zone), 1740790800);
    const icaltimetype end = icalcomponent_get_dtend(e);
    EXPECT_EQ(icaltime_as_timet_with_zone(end, end.zone), 1740790800 + 90 * 60);

    // DTSTAMP is the session's last change in UTC, so an unchanged schedule gives the same bytes.
    const auto s = stored(id);
    const icaltimetype stamp = icalcomponent_get_dtstamp(e);
    EXPECT_TRUE(icaltime_is_utc(stamp));
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02dZ", stamp.year,
                  stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second);
    EXPECT_EQ(std::string(expected), s.updatedAt);
    EXPECT_EQ(workerFeed(workers_[0]), ics);
}

TEST_F(CalendarFeed, UidsStayTheSameAcrossGenerations) {
    const auto opening = this->opening();
    const auto casework =
        schedule(first_, "casework", "2025-03-02T09:00", "2025-03-02T15:00", "社区学院");
    const auto before = parse(workerFeed(workers_[0]));
    ASSERT_TRUE(before);

    // The schedule changes: a session is added and one cancelled.
    const auto drill =
        schedule(first_, "home_visit", "2025-03-04T09:00", "2025-03-04T11:00", "社区学院");
    scheduling_->cancel("trainer:wang", casework, "培训师出差");
    const auto after = parse(workerFeed(workers_[0]));
    ASSERT_TRUE(after);

    const auto a = eventsByUid(before.get());
    const auto b = eventsByUid(after.get());
    std::set<std::string> first;
    for (const auto& [uid, e] : a)
        first.insert(uid);
    EXPECT_EQ(first, (std::set<std::string>{uidOf(opening), uidOf(casework)}));
    ASSERT_EQ(b.size(), 3U);
    for (const auto id : {opening, casework, drill})
        EXPECT_TRUE(b.count(uidOf(id))) << uidOf(id);
    // The same session is the same event in both: same UID, same start.
    EXPECT_EQ(icaltime_compare(icalcomponent_get_dtstart(a.at(uidOf(opening))),
                               icalcomponent_get_dtstart(b.at(uidOf(opening)))),
              0);
}

TEST_F(CalendarFeed, CancellingASessionRaisesItsSequenceAndMarksItCancelled) {
    const auto id = opening();
    const auto before = parse(workerFeed(workers_[0]));
    ASSERT_TRUE(before);
    icalcomponent* was = eventsByUid(before.get()).at(uidOf(id));
    EXPECT_EQ(icalcomponent_get_status(was), ICAL_STATUS_CONFIRMED);
    const int sequence = icalcomponent_get_sequence(was);

    scheduling_->cancel("trainer:wang", id, "场地维修");
    const std::string ics = workerFeed(workers_[0]);
    const auto after = parse(ics);
    ASSERT_TRUE(after);
    // Still in the feed, so that a subscribed calendar learns to remove it.
    const auto byUid = eventsByUid(after.get());
    ASSERT_EQ(byUid.size(), 1U);
    icalcomponent* is = byUid.at(uidOf(id));
    EXPECT_EQ(icalcomponent_get_status(is), ICAL_STATUS_CANCELLED);
    EXPECT_GT(icalcomponent_get_sequence(is), sequence);
    EXPECT_EQ(icalcomponent_get_sequence(is), stored(id).sequence);
    EXPECT_NE(ics.find("\r\nSTATUS:CANCELLED\r\n"), std::string::npos);

    // The cohort's feed says the same.
    const auto cohort = parse(calendar_->forCohort(first_).value());
    ASSERT_TRUE(cohort);
    EXPECT_EQ(icalcomponent_get_status(eventsByUid(cohort.get()).at(uidOf(id))),
              ICAL_STATUS_CANCELLED);
}

TEST_F(CalendarFeed, LongChinesePlaceFoldsWithoutBreakingACharacter) {
    // 2 ASCII octets first, so that a cut every 75 octets would land inside a character.
    const std::string place = "B座" + std::string("吉林省白山市江源区孙家堡子街道党群服务中心") +
                              "二楼东侧多功能培训教室（原社区图书阅览室，电梯右转第三间）";
    const auto id = schedule(first_, "opening", "2025-03-01T09:00", "2025-03-01T10:30", place);
    const std::string ics = workerFeed(workers_[0]);
    expectFoldedProperly(ics);
    EXPECT_GT(place.size(), 150U);
    EXPECT_EQ(unfoldedLine(ics, "LOCATION:"), "LOCATION:" + services::escapeCalendarText(place));

    const auto cal = parse(ics);
    ASSERT_TRUE(cal);
    EXPECT_EQ(icalcomponent_get_location(eventsByUid(cal.get()).at(uidOf(id))), place);
}

TEST_F(CalendarFeed, LongChineseSummaryFoldsAndUnfoldsToTheSameText) {
    services::CalendarEntry e;
    e.session.id = 7;
    e.session.startsAt = "2025-03-01T09:00";
    e.session.endsAt = "2025-03-01T10:30";
    e.session.updatedAt = "2025-02-20T08:15:42Z";
    e.session.place = kHall;
    e.cohortCode = "TY-2025-1";
    e.title = Text{
        "社区工作者头雁领航能力提升专题培训班：党建引领基层治理与网格化服务实务研讨（第一单元）",
        "Party-led governance"};
    e.moduleTitle = Text{"理论学习", "Theory"};
    const std::string ics = services::renderCalendar({"第一期", {e}});
    expectFoldedProperly(ics);
    const std::string summary = e.title.zh + "（TY-2025-1）";
    EXPECT_EQ(unfoldedLine(ics, "SUMMARY:"), "SUMMARY:" + summary);
    EXPECT_NE(unfoldedLine(ics, "SUMMARY:"), "") << ics;

    const auto cal = parse(ics);
    ASSERT_TRUE(cal);
    EXPECT_EQ(icalcomponent_get_summary(events(cal.get()).at(0)), summary);
    EXPECT_EQ(unfoldedLine(ics, "DTSTAMP:"), "DTSTAMP:20250220T081542Z");
}

TEST_F(CalendarFeed, CommasSemicolonsAndBackslashesInAPlaceAreEscapedAndComeBackIntact) {
    // (A place is one line: services/text refuses a line break in it.)
    const std::string place = "会议室 A, 2楼; 东侧入口\\后门";
    const auto id = schedule(first_, "opening", "2025-03-01T09:00", "2025-03-01T10:30", place);
    const std::string ics = workerFeed(workers_[0]);
    EXPECT_EQ(unfoldedLine(ics, "LOCATION:"), "LOCATION:会议室 A\\, 2楼\\; 东侧入口\\\\后门");

    const auto cal = parse(ics);
    ASSERT_TRUE(cal);
    EXPECT_EQ(icalcomponent_get_location(eventsByUid(cal.get()).at(uidOf(id))), place);
}

TEST_F(CalendarFeed, CohortFeedIsNamedAfterTheCohortAndHoldsOnlyItsSessions) {
    const auto mine = opening();
    const auto other =
        schedule(second_, "opening", "2025-03-05T09:00", "2025-03-05T10:30", "社区学院");
    const std::string ics = calendar_->forCohort(second_).value();
    EXPECT_EQ(unfoldedLine(ics, "X-WR-CALNAME:"), "X-WR-CALNAME:第二期");
    const auto cal = parse(ics);
    ASSERT_TRUE(cal);
    const auto byUid = eventsByUid(cal.get());
    EXPECT_EQ(byUid.size(), 1U);
    EXPECT_TRUE(byUid.count(uidOf(other)));
    EXPECT_FALSE(byUid.count(uidOf(mine)));

    EXPECT_FALSE(calendar_->forCohort(9999));
    EXPECT_FALSE(calendar_->forWorker(9999));
}

TEST(CalendarText, FoldsAtSeventyFiveOctetsAndEscapesWhatTextMayNotHold) {
    const std::string exact(75, 'a');
    EXPECT_EQ(services::foldCalendarLine(exact), exact + "\r\n");
    EXPECT_EQ(services::foldCalendarLine(exact + "b"), exact + "\r\n b\r\n");
    // A continuation line holds 74 octets after its space.
    const std::string longer(75 + 74 + 1, 'x');
    EXPECT_EQ(services::foldCalendarLine(longer),
              std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n x\r\n");
    // 73 ASCII octets, then a 3-octet character that does not fit: it moves whole.
    EXPECT_EQ(services::foldCalendarLine(std::string(73, 'a') + "中文"),
              std::string(73, 'a') + "\r\n 中文\r\n");

    EXPECT_EQ(services::escapeCalendarText("a,b;c\\d\ne\r\nf\rg\th\x01i"),
              "a\\,b\\;c\\\\d\\ne\\nf\\ng\th"
              "i");
}

} // namespace
