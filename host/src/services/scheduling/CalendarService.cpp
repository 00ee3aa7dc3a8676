#include "services/scheduling/CalendarService.hpp"

#include <cctype>
#include <initializer_list>
#include <map>
#include <memory>
#include <stdexcept>

namespace yanzhen::services {

namespace {

constexpr std::size_t kMaxLineOctets = 75;

bool digitsAt(std::string_view s, std::initializer_list<std::size_t> positions) {
    for (std::size_t p : positions)
        if (std::isdigit(static_cast<unsigned char>(s[p])) == 0) return false;
    return true;
}

/// "2025-03-01T09:00" -> "20250301T090000", a DATE-TIME in the feed's time zone.
std::string localTime(const store::Session& s, const std::string& value) {
    const std::string_view v = value;
    if (v.size() != 16 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' ||
        !digitsAt(v, {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15}))
        throw std::invalid_argument("session " + std::to_string(s.id) + ": time '" + value +
                                    "' is not YYYY-MM-DDTHH:MM");
    return std::string(v.substr(0, 4)) + std::string(v.substr(5, 2)) + std::string(v.substr(8, 2)) +
           "T" + std::string(v.substr(11, 2)) + std::string(v.substr(14, 2)) + "00";
}

/// "2025-02-20T08:15:00Z" -> "20250220T081500Z", a DATE-TIME in UTC.
std::string utcTime(const store::Session& s, const std::string& value) {
    const std::string_view v = value;
    if (v.size() != 20 || v[16] != ':' || v[19] != 'Z' || !digitsAt(v, {17, 18}))
        throw std::invalid_argument("session " + std::to_string(s.id) + ": updated_at '" + value +
                                    "' is not YYYY-MM-DDTHH:MM:SSZ");
    return localTime(s, value.substr(0, 16)).substr(0, 13) + std::string(v.substr(17, 2)) + "Z";
}

/// Appends one folded content line "name:value" (name may carry parameters).
void line(std::string& out, std::string_view name, std::string_view value) {
    std::string raw;
    raw.reserve(name.size() + 1 + value.size());
    raw.append(name).append(":").append(value);
    out += foldCalendarLine(raw);
}

void event(std::string& out, const CalendarEntry& e) {
    const store::Session& s = e.session;
    const std::string tzid = std::string(";TZID=") + kCalendarTimeZone;
    line(out, "BEGIN", "VEVENT");
    // The UID names the session, never its time or place: a moved session stays one event.
    line(out, "UID", "session-" + std::to_string(s.id) + "@yanzhen");
    line(out, "DTSTAMP", utcTime(s, s.updatedAt));
    line(out, "DTSTART" + tzid, localTime(s, s.startsAt));
    line(out, "DTEND" + tzid, localTime(s, s.endsAt));
    line(out, "SUMMARY", escapeCalendarText(e.title.in("zh") + "（" + e.cohortCode + "）"));
    if (!s.place.empty()) line(out, "LOCATION", escapeCalendarText(s.place));
    std::string description = "模块：" + e.moduleTitle.in("zh");
    if (!e.trainerName.empty()) description += "\n培训师：" + e.trainerName;
    line(out, "DESCRIPTION", escapeCalendarText(description));
    line(out, "SEQUENCE", std::to_string(s.sequence));
    line(out, "STATUS", s.status == "cancelled" ? "CANCELLED" : "CONFIRMED");
    line(out, "END", "VEVENT");
}

} // namespace

std::string escapeCalendarText(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r':
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i; // CRLF is one break
            break;
        case '\t': out += c; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) break; // not allowed in TEXT
            out += c;
        }
    }
    return out;
}

std::string foldCalendarLine(std::string_view line) {
    std::string out;
    out.reserve(line.size() + 3 * (line.size() / (kMaxLineOctets - 1) + 1));
    std::size_t pos = 0;
    std::size_t room = kMaxLineOctets; // a continuation line's leading space takes one octet
    while (line.size() - pos > room) {
        std::size_t cut = pos + room;
        // Back up to the first byte of a UTF-8 character (continuation bytes are 10xxxxxx).
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        if (cut == pos) cut = pos + room; // not UTF-8 at all: any cut is as good as another
        out.append(line.substr(pos, cut - pos)).append("\r\n ");
        pos = cut;
        room = kMaxLineOctets - 1;
    }
    out.append(line.substr(pos)).append("\r\n");
    return out;
}

std::string renderCalendar(const CalendarFeed& feed) {
    std::string out;
    line(out, "BEGIN", "VCALENDAR");
    line(out, "PRODID", "-//Yanzhen//Yanzhen 0.1//ZH");
    line(out, "VERSION", "2.0");
    line(out, "CALSCALE", "GREGORIAN");
    line(out, "METHOD", "PUBLISH");
    line(out, "X-WR-CALNAME", escapeCalendarText(feed.name));
    line(out, "X-WR-TIMEZONE", kCalendarTimeZone);
    // Shanghai has kept UTC+8 without daylight saving since 1991: one STANDARD rule covers
    // every session the store can hold.
    line(out, "BEGIN", "VTIMEZONE");
    line(out, "TZID", kCalendarTimeZone);
    line(out, "BEGIN", "STANDARD");
    line(out, "DTSTART", "19700101T000000");
    line(out, "TZOFFSETFROM", "+0800");
    line(out, "TZOFFSETTO", "+0800");
    line(out, "TZNAME", "CST");
    line(out, "END", "STANDARD");
    line(out, "END", "VTIMEZONE");
    for (const auto& e : feed.entries)
        event(out, e);
    line(out, "END", "VCALENDAR");
    return out;
}

namespace {

/// The entries of `sessions`: cohort codes, titles from each cohort's course version, trainers.
std::vector<CalendarEntry> entriesOf(store::ReadUnit& db, CourseVersions& versions,
                                     std::vector<store::Session> sessions) {
    auto& cohorts = db.cohorts();
    auto& people = db.people();
    std::map<store::Id, std::optional<store::Cohort>> cohortById;
    std::map<std::string, std::shared_ptr<const courses::Course>> courseByHash;
    std::map<store::Id, std::string> trainerName;

    std::vector<CalendarEntry> out;
    out.reserve(sessions.size());
    for (auto& s : sessions) {
        CalendarEntry e;
        auto [cohort, newCohort] = cohortById.try_emplace(s.cohortId);
        if (newCohort) cohort->second = cohorts.find(s.cohortId);
        e.cohortCode = cohort->second ? cohort->second->code : std::to_string(s.cohortId);

        std::shared_ptr<const courses::Course> course;
        if (cohort->second) {
            auto [found, newCourse] = courseByHash.try_emplace(cohort->second->courseHash);
            if (newCourse) {
                try {
                    found->second = versions.get(cohort->second->courseHash);
                } catch (const std::exception&) { // a version that no longer loads still has
                }                                 // sessions to show, under their ids
            }
            course = found->second;
        }
        e.title = Text{s.templateId, s.templateId};
        e.moduleTitle = Text{s.module, s.module};
        if (course) {
            for (const auto& t : course->templates)
                if (t.id == s.templateId) e.title = t.title;
            if (const auto* m = course->module(s.module)) e.moduleTitle = m->title;
        }

        if (s.trainerId) {
            auto [name, newTrainer] = trainerName.try_emplace(*s.trainerId);
            if (newTrainer)
                if (const auto p = people.find(*s.trainerId)) name->second = p->name;
            e.trainerName = name->second;
        }
        e.session = std::move(s);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

std::optional<CalendarFeed> CalendarService::workerFeed(store::Id person) {
    auto reader = store_.read();
    const auto who = reader->people().find(person);
    if (!who) return std::nullopt;
    CalendarFeed feed;
    feed.name = who->name;
    feed.entries = entriesOf(*reader, versions_, reader->sessions().forPerson(person, ""));
    return feed;
}

std::optional<CalendarFeed> CalendarService::cohortFeed(store::Id cohort) {
    auto reader = store_.read();
    const auto c = reader->cohorts().find(cohort);
    if (!c) return std::nullopt;
    CalendarFeed feed;
    feed.name = c->name;
    feed.entries = entriesOf(*reader, versions_, reader->sessions().forCohort(cohort));
    return feed;
}

std::optional<std::string> CalendarService::forWorker(store::Id person) {
    const auto feed = workerFeed(person);
    if (!feed) return std::nullopt;
    return renderCalendar(*feed);
}

std::optional<std::string> CalendarService::forCohort(store::Id cohort) {
    const auto feed = cohortFeed(cohort);
    if (!feed) return std::nullopt;
    return renderCalendar(*feed);
}

} // namespace yanzhen::services
