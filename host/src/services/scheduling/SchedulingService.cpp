#include "services/scheduling/SchedulingService.hpp"
#include "services/text/TextRules.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <set>

namespace yanzhen::services {

namespace {

// Past this many overlaps of one kind a person learns nothing more from the list.
constexpr std::size_t kMaxOverlaps = 200;

bool digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "YYYY-MM-DDTHH:MM" with a real date and a time of day.
bool isLocalTime(std::string_view s) {
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':' || !parseDay(s.substr(0, 10))) return false;
    if (!digits(s.substr(11, 2)) || !digits(s.substr(14, 2))) return false;
    return (s[11] - '0') * 10 + (s[12] - '0') < 24 && s[14] < '6';
}

/// "2025-03-01 09:00" for "2025-03-01T09:00".
std::string readable(std::string t) {
    if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
    return t;
}

/// "2025-03-01 09:00–11:00", or with the end's date when it ends on another day.
std::string span(const std::string& startsAt, const std::string& endsAt) {
    const bool sameDay = startsAt.substr(0, 10) == endsAt.substr(0, 10) && endsAt.size() > 11;
    return readable(startsAt) + "–" + (sameDay ? endsAt.substr(11) : readable(endsAt));
}

Text text(std::string zh, std::string en) {
    return Text{std::move(zh), std::move(en)};
}

/// en: session 42 "Opening ceremony" 2025-03-01 09:00–11:00 at 江源区党群服务中心
Text describe(const store::Session& s, const Text& title) {
    const std::string id = std::to_string(s.id);
    const std::string when = span(s.startsAt, s.endsAt);
    return text("场次 " + id + "“" + title.zh + "”（" + when + "，" + s.place + "）",
                "session " + id + " \"" + title.en + "\" " + when + " at " + s.place);
}

Text personLabel(const store::Person& p) {
    return text(p.name + "（" + p.code + "）", p.name + " (" + p.code + ")");
}

Conflict conflict(std::string code, Text message, std::optional<store::Id> session = std::nullopt) {
    return Conflict{std::move(code), std::move(message), session};
}

void refuse(std::string code, Text message, std::optional<store::Id> session = std::nullopt) {
    throw SchedulingError({conflict(std::move(code), std::move(message), session)});
}

std::string firstMessage(const std::vector<Conflict>& all) {
    return all.empty() ? std::string("refused") : all.front().message.en;
}

store::Session findSession(store::ReadUnit& db, store::Id id) {
    auto s = db.sessions().find(id);
    if (!s)
        refuse("unknown_session", text("没有 ID 为 " + std::to_string(id) + " 的场次",
                                       "no session " + std::to_string(id)));
    return *s;
}

store::Person findPerson(store::ReadUnit& db, store::Id id) {
    auto p = db.people().find(id);
    if (!p)
        refuse("unknown_person", text("没有 ID 为 " + std::to_string(id) + " 的人员",
                                      "no person " + std::to_string(id)));
    return *p;
}

/// The booking `person` holds for `session` (booked or waiting), if any.
std::optional<store::Booking> activeBooking(store::ReadUnit& db, store::Id session,
                                            store::Id person) {
    for (const auto& b : db.sessions().bookings(session))
        if (b.personId == person && b.status != "cancelled") return b;
    return std::nullopt;
}

} // namespace

SchedulingError::SchedulingError(std::vector<Conflict> all)
    : std::runtime_error(firstMessage(all)), conflicts(std::move(all)) {}

namespace {

/// What examine() found: the conflicts, and what the session would be made of.
struct Examined {
    std::vector<Conflict> conflicts;
    std::optional<store::Cohort> cohort;
    std::optional<courses::SessionTemplate> sessionTemplate;
};

std::shared_ptr<const courses::Course> courseOf(CourseVersions& versions,
                                                const store::Cohort& cohort) {
    return versions.get(cohort.courseHash);
}

/// The title of a session's template in its cohort's course version; the template id when
/// the version no longer loads.
Text titleOf(store::ReadUnit& db, CourseVersions& versions, const store::Session& session) {
    const auto cohort = db.cohorts().find(session.cohortId);
    try {
        if (cohort)
            for (const auto& t : courseOf(versions, *cohort)->templates)
                if (t.id == session.templateId) return t.title;
    } catch (const std::exception&) { // a version that no longer loads still has sessions to name
    }
    return text(session.templateId, session.templateId);
}

Examined examine(store::ReadUnit& db, CourseVersions& versions, const ScheduleRequest& r) {
    Examined found;
    auto& out = found.conflicts;
    auto& cohorts = db.cohorts();
    auto& people = db.people();
    auto& sessions = db.sessions();

    found.cohort = cohorts.find(r.cohort);
    if (!found.cohort) {
        const std::string id = std::to_string(r.cohort);
        out.push_back(
            conflict("unknown_cohort", text("没有 ID 为 " + id + " 的期", "no cohort " + id)));
    }
    auto malformed = [&](const std::string& value, const char* zh, const char* en) {
        if (isLocalTime(value)) return false;
        out.push_back(conflict(
            "bad_time",
            text(std::string(zh) + "时间“" + value + "”应为 YYYY-MM-DDTHH:MM",
                 "the " + std::string(en) + " '" + value + "' is not a time YYYY-MM-DDTHH:MM")));
        return true;
    };
    const bool badStart = malformed(r.startsAt, "开始", "start");
    const bool badEnd = malformed(r.endsAt, "结束", "end");
    const bool timesOk = !badStart && !badEnd && r.startsAt < r.endsAt;
    if (!badStart && !badEnd && !timesOk) {
        const std::string starts = readable(r.startsAt);
        const std::string ends = readable(r.endsAt);
        out.push_back(
            conflict("bad_time", text("结束时间 " + ends + " 不晚于开始时间 " + starts,
                                      "the end " + ends + " is not after the start " + starts)));
    }
    if (r.capacity && *r.capacity < 0) {
        const std::string n = std::to_string(*r.capacity);
        out.push_back(
            conflict("bad_capacity", text("座位数应为 0（不限）或更多，而不是 " + n,
                                          "the capacity must be 0 (unlimited) or more, not " + n)));
    }

    if (found.cohort) {
        const auto course = courseOf(versions, *found.cohort);
        std::vector<std::string> known;
        for (const auto& t : course->templates) {
            known.push_back(t.id);
            if (t.id == r.templateId) found.sessionTemplate = t;
        }
        const std::string courseName = course->id + " " + course->version;
        if (!found.sessionTemplate) {
            out.push_back(conflict(
                "unknown_template",
                withDidYouMean(text("课程 " + courseName + " 没有场次模板“" + r.templateId + "”",
                                    "course " + courseName + " has no session template '" +
                                        r.templateId + "'"),
                               r.templateId, known)));
        } else if (r.module && *r.module != found.sessionTemplate->module) {
            const auto& t = *found.sessionTemplate;
            out.push_back(conflict(
                "wrong_module",
                text("场次模板“" + t.id + "”属于模块 " + t.module + "，而不是 " + *r.module,
                     "template '" + t.id + "' belongs to module " + t.module + ", not " +
                         *r.module)));
        }
        const auto& c = *found.cohort;
        if (timesOk &&
            (r.startsAt.substr(0, 10) < c.startsOn || r.endsAt.substr(0, 10) > c.endsOn)) {
            const std::string when = span(r.startsAt, r.endsAt);
            out.push_back(conflict("outside_cohort",
                                   text(when + " 不在 " + c.code + " 期的起止日期（" + c.startsOn +
                                            " 至 " + c.endsOn + "）之内",
                                        when + " is outside cohort " + c.code + ", which runs " +
                                            c.startsOn + " to " + c.endsOn)));
        }
    }

    std::optional<store::Person> trainer;
    if (r.trainer) {
        trainer = people.find(*r.trainer);
        if (!trainer) {
            const std::string id = std::to_string(*r.trainer);
            out.push_back(conflict("unknown_trainer", text("没有 ID 为 " + id + " 的人员（培训师）",
                                                           "no person " + id + " (the trainer)")));
        }
    }
    if (!timesOk) return found;

    if (trainer)
        for (const auto& o :
             sessions.trainerOverlaps(trainer->id, r.startsAt, r.endsAt, 0, kMaxOverlaps)) {
            const Text who = personLabel(*trainer);
            const Text what = describe(o.session, titleOf(db, versions, o.session));
            out.push_back(conflict("trainer_busy",
                                   text("培训师 " + who.zh + "此时正在讲授" + what.zh,
                                        "trainer " + who.en + " is teaching " + what.en + " then"),
                                   o.session.id));
        }
    if (!r.place.empty())
        for (const auto& o :
             sessions.placeOverlaps(r.place, r.startsAt, r.endsAt, 0, kMaxOverlaps)) {
            const Text what = describe(o.session, titleOf(db, versions, o.session));
            out.push_back(conflict(
                "place_taken",
                text("场地此时已被" + what.zh + "占用", "the place is taken by " + what.en),
                o.session.id));
        }
    if (found.cohort) {
        // One conflict per session, naming its first worker and counting the others: forty
        // lines for one clash would hide the other conflicts.
        const auto overlaps =
            sessions.memberOverlaps(found.cohort->id, r.startsAt, r.endsAt, 0, kMaxOverlaps);
        for (std::size_t i = 0; i < overlaps.size();) {
            const auto& s = overlaps[i].session;
            std::size_t end = i;
            while (end < overlaps.size() && overlaps[end].session.id == s.id)
                ++end;
            const auto first = people.find(overlaps[i].person.value_or(0));
            const Text who = first ? personLabel(*first) : text("?", "?");
            const std::size_t others = end - i - 1;
            const auto theirs = cohorts.find(s.cohortId);
            const std::string code = theirs ? theirs->code : std::to_string(s.cohortId);
            const Text what = describe(s, titleOf(db, versions, s));
            const std::string n = std::to_string(others + 1);
            out.push_back(conflict(
                "member_busy",
                others == 0
                    ? text("学员 " + who.zh + "同时在 " + code + " 期，此时应参加" + what.zh,
                           "worker " + who.en + " is also in cohort " + code + " and due at " +
                               what.en + " then")
                    : text("学员 " + who.zh + "等 " + n + " 人同时在 " + code + " 期，此时应参加" +
                               what.zh,
                           "worker " + who.en + " and " + std::to_string(others) +
                               " more are also in cohort " + code + " and due at " + what.en +
                               " then"),
                s.id));
            i = end;
        }
    }
    return found;
}

} // namespace

namespace {

/// The request with its place as typed text is kept (services/text), so that "教室 A" typed
/// twice, in two forms, is one place for the clash checks.
ScheduleRequest withKeptPlace(const ScheduleRequest& typed) {
    ScheduleRequest r = typed;
    r.place = keptText("place", typed.place, TextRule{200, false, true});
    return r;
}

} // namespace

std::vector<Conflict> SchedulingService::check(const ScheduleRequest& typed) {
    const ScheduleRequest request = withKeptPlace(typed);
    auto reader = store_.read();
    return examine(*reader, versions_, request).conflicts;
}

store::Id SchedulingService::schedule(const std::string& actor, const ScheduleRequest& typed) {
    const ScheduleRequest request = withKeptPlace(typed);
    store::Id id = 0;
    store_.write(actor, [&](store::WriteUnit& tx) {
        auto found = examine(tx, versions_, request);
        if (!found.conflicts.empty()) throw SchedulingError(std::move(found.conflicts));
        store::Session s;
        s.cohortId = found.cohort->id;
        s.module = found.sessionTemplate->module;
        s.templateId = found.sessionTemplate->id;
        s.startsAt = request.startsAt;
        s.endsAt = request.endsAt;
        s.place = request.place;
        s.trainerId = request.trainer;
        s.capacity = request.capacity.value_or(found.cohort->capacity);
        id = tx.sessions().add(s);
    });
    return id;
}

void SchedulingService::cancel(const std::string& actor, store::Id session,
                               const std::string& typed) {
    if (typed.find_first_not_of(" \t\r\n") == std::string::npos)
        refuse("no_reason", text("取消场次需要说明原因", "cancelling a session needs a reason"),
               session);
    const std::string reason = keptText("reason", typed, TextRule{500, true});
    store_.write(actor, [&](store::WriteUnit& tx) {
        const auto s = findSession(tx, session);
        if (s.status != "scheduled") {
            const Text what = describe(s, titleOf(tx, versions_, s));
            refuse("session_cancelled",
                   text(what.zh + " 已取消", what.en + " is already cancelled"), s.id);
        }
        tx.sessions().cancel(session, reason);
    });
}

store::Booking SchedulingService::book(const std::string& actor, store::Id session,
                                       store::Id person) {
    store::Booking booking;
    store_.write(actor, [&](store::WriteUnit& tx) {
        store::ReadUnit& db = tx;
        const auto s = findSession(db, session);
        const Text what = describe(s, titleOf(db, versions_, s));
        if (s.status != "scheduled")
            refuse("session_cancelled",
                   text(what.zh + " 已取消，不能预约", what.en + " is cancelled"), s.id);
        const Text who = personLabel(findPerson(db, person));
        if (!db.cohorts().isEnrolled(s.cohortId, person)) {
            const auto cohort = db.cohorts().find(s.cohortId);
            const std::string code = cohort ? cohort->code : std::to_string(s.cohortId);
            refuse("not_enrolled",
                   text(who.zh + "未报名 " + code + " 期",
                        who.en + " is not enrolled in cohort " + code),
                   s.id);
        }
        if (const auto held = activeBooking(db, session, person))
            refuse("already_booked",
                   held->status == "booked"
                       ? text(who.zh + "已预约" + what.zh,
                              who.en + " already has a seat at " + what.en)
                       : text(who.zh + "已在" + what.zh + "的候补名单第 " +
                                  std::to_string(held->position) + " 位",
                              who.en + " is already waiting for " + what.en + " (position " +
                                  std::to_string(held->position) + ")"),
                   s.id);
        booking = tx.sessions().book(session, person);
    });
    return booking;
}

std::optional<store::Id> SchedulingService::unbook(const std::string& actor, store::Id session,
                                                   store::Id person) {
    std::optional<store::Id> promoted;
    store_.write(actor, [&](store::WriteUnit& tx) {
        store::ReadUnit& db = tx;
        const auto s = findSession(db, session);
        const Text who = personLabel(findPerson(db, person));
        if (!activeBooking(db, session, person)) {
            const Text what = describe(s, titleOf(db, versions_, s));
            refuse("not_booked",
                   text(who.zh + "没有预约" + what.zh, who.en + " has no booking for " + what.en),
                   s.id);
        }
        promoted = tx.sessions().cancelBooking(session, person);
    });
    return promoted;
}

std::vector<SessionView> SchedulingService::list(const SessionFilter& filter) {
    auto reader = store_.read();
    store::ReadUnit& db = *reader;
    auto& cohorts = db.cohorts();
    auto& sessions = db.sessions();
    auto& people = db.people();

    std::vector<store::Session> found;
    if (filter.cohort) {
        found = sessions.forCohort(*filter.cohort);
    } else if (filter.worker) {
        found = sessions.forPerson(*filter.worker, "");
    } else if (filter.trainer) {
        found = sessions.forTrainer(*filter.trainer, "", "9999");
    } else {
        for (const auto& c : cohorts.list())
            for (auto& s : sessions.forCohort(c.id))
                found.push_back(std::move(s));
    }
    std::set<store::Id> workerCohorts;
    if (filter.worker)
        for (const auto& c : cohorts.cohortsOf(*filter.worker))
            workerCohorts.insert(c.id);
    std::erase_if(found, [&](const store::Session& s) {
        return (filter.cohort && s.cohortId != *filter.cohort) ||
               (filter.worker && !workerCohorts.count(s.cohortId)) ||
               (filter.trainer && s.trainerId != filter.trainer);
    });
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.startsAt != b.startsAt ? a.startsAt < b.startsAt : a.id < b.id;
    });

    std::map<store::Id, std::string> codes;
    std::map<store::Id, std::optional<store::Person>> trainers;
    std::vector<SessionView> out;
    for (auto& s : found) {
        SessionView v;
        if (!codes.count(s.cohortId)) {
            const auto c = cohorts.find(s.cohortId);
            codes[s.cohortId] = c ? c->code : std::to_string(s.cohortId);
        }
        v.cohortCode = codes[s.cohortId];
        v.title = titleOf(db, versions_, s);
        if (s.trainerId) {
            if (!trainers.count(*s.trainerId)) trainers[*s.trainerId] = people.find(*s.trainerId);
            if (const auto& t = trainers[*s.trainerId]) {
                v.trainerName = t->name;
                v.trainerCode = t->code;
            }
        }
        for (const auto& b : sessions.bookings(s.id)) {
            if (b.status == "booked") ++v.booked;
            if (b.status == "waiting") ++v.waiting;
        }
        v.session = std::move(s);
        out.push_back(std::move(v));
    }
    return out;
}

std::optional<store::Session> SchedulingService::find(store::Id session) {
    return store_.read()->sessions().find(session);
}

std::vector<BookingView> SchedulingService::bookings(store::Id session,
                                                     std::optional<store::Id> onlyOf) {
    auto r = store_.read();
    auto& people = r->people();
    std::vector<BookingView> out;
    for (auto& b : r->sessions().bookings(session)) {
        if (b.status == "cancelled" || (onlyOf && b.personId != *onlyOf)) continue;
        auto person = people.find(b.personId);
        out.push_back(BookingView{std::move(b), std::move(person)});
    }
    return out;
}

} // namespace yanzhen::services
