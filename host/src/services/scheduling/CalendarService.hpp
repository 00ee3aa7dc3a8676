/// \file Calendar.hpp
/// iCalendar feeds (RFC 5545) of a worker's and a cohort's sessions, for calendar apps to
/// subscribe to. One VEVENT per session, its UID fixed for the session's life and its SEQUENCE
/// the session's own, so that an app updates an event in place when a session moves and drops
/// it when the session is cancelled (cancelled sessions stay in the feed, STATUS:CANCELLED).
/// The text depends only on what is stored (DTSTAMP is the session's last change), so two
/// requests for an unchanged schedule answer the same bytes. No HTTP here.
#pragma once

#include "services/progress/CourseVersions.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::services {

/// One session as its VEVENT shows it, with everything it names already looked up.
struct CalendarEntry {
    store::Session session;
    std::string cohortCode;
    Text title;              ///< the template's title in the cohort's course version
    Text moduleTitle;        ///< the module's title there
    std::string trainerName; ///< empty when no trainer is set
};

/// A whole feed: its name (X-WR-CALNAME) and its sessions, in the order they are written.
struct CalendarFeed {
    std::string name;
    std::vector<CalendarEntry> entries;
};

/// The time zone of every local time in the store (UTC+8 all year, no daylight saving).
inline const char* const kCalendarTimeZone = "Asia/Shanghai";

/// `text` as an RFC 5545 TEXT value: backslash, semicolon and comma escaped, a line break
/// (LF, CRLF or CR) written as "\n"; other control characters, which TEXT may not hold, dropped.
std::string escapeCalendarText(std::string_view text);

/// One content line folded as RFC 5545 §3.1 asks: physical lines of at most 75 octets (the
/// leading space of a continuation counts), never splitting a UTF-8 character, each ended
/// by CRLF. `line` must not contain a line break (escape values first).
std::string foldCalendarLine(std::string_view line);

/// The VCALENDAR text of `feed`, CRLF line ends. Throws std::invalid_argument naming the
/// session when one of its times is not "YYYY-MM-DDTHH:MM" (or updated_at not
/// "YYYY-MM-DDTHH:MM:SSZ"): the store never holds such a time, and a feed must not guess.
std::string renderCalendar(const CalendarFeed& feed);

/// Gathers the sessions of a feed from the store and renders them.
class CalendarService {
public:
    /// Both must outlive the service.
    CalendarService(store::Store& store, CourseVersions& versions)
        : store_(store), versions_(versions) {}

    /// The sessions of every cohort `person` is enrolled in, named after the person; nothing
    /// when there is no such person.
    std::optional<CalendarFeed> workerFeed(store::Id person);
    /// The sessions of `cohort`, named after the cohort; nothing when there is no such cohort.
    std::optional<CalendarFeed> cohortFeed(store::Id cohort);

    /// renderCalendar() of the feeds above; nothing when the person / cohort does not exist.
    std::optional<std::string> forWorker(store::Id person);
    std::optional<std::string> forCohort(store::Id cohort);

private:
    store::Store& store_;
    CourseVersions& versions_;
};

} // namespace yanzhen::services
