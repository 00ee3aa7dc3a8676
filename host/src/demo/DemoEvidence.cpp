// What trainers recorded at the demo's sessions, for every session held before the day:
// attendance at ceremonies and theory units (mostly present; some late, some absent and made up
// from the recording, some online for part of a unit; everyone's 14 online hours run past the
// 12 that count), the two quizzes (a retake a week later for a failed one), drill attempts
// scored on the rubric (now and then an ethics score under the floor of 9 with a total well
// above 60, and a retake two weeks later), the skills contest (everyone in the preliminary, the
// best eight in the final, with a tie) and the case story contest, and the licence written and
// oral tests (with a resit for some who fail), which holders of the national certificate skip:
// it stands in for them.
//
// The rubric criteria and quiz ids are those of the shipped course: the plugins keep their
// configuration to themselves, so a course that renames them needs this file changed too.

#include "demo/DemoNames.hpp"
#include "demo/DemoPlan.hpp"

#include "services/evidence/EvidenceFields.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace yanzhen::demo::plan {

namespace {

struct Criterion {
    const char* id;
    double max;
};
const Criterion kCriteria[] = {
    {"assessment", 30}, {"plan", 30}, {"communication", 25}, {"ethics", 15}};
constexpr double kEthicsFloor = 9;
constexpr double kDrillPass = 60;

/// A quiz and the session after which it is sat (online, the next day).
const std::pair<const char*, const char*> kQuizzes[] = {{"quiz_policy", "law_online"},
                                                        {"quiz_methods", "groupwork"}};

Poco::JSON::Object status(const std::string& value, std::optional<int> minutes = std::nullopt) {
    Poco::JSON::Object o;
    o.set("status", value);
    if (minutes) o.set("minutes", *minutes);
    return o;
}

Poco::JSON::Object score(double value) {
    Poco::JSON::Object o;
    o.set("score", value);
    return o;
}

std::string clock(int minute) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
    return text;
}

struct Attempt {
    std::map<std::string, double> scores;
    double total = 0;
    bool passed() const { return total >= kDrillPass && scores.at("ethics") >= kEthicsFloor; }
};

/// Records one cohort's sessions, in time order.
class CohortRecorder {
public:
    CohortRecorder(Plan& plan, DemoRandom& random, EvidenceSink& sink, const PlannedCohort& cohort)
        : plan_(plan), random_(random), sink_(sink), cohort_(cohort) {}

    void run() {
        for (const auto& s : cohort_.sessions) {
            if (s.day >= plan_.today) break; // not held yet: nothing recorded
            const std::string& module = s.sessionTemplate->module;
            const std::string& id = s.sessionTemplate->id;
            if (module == "ceremony")
                ceremony(s);
            else if (module == "theory")
                theory(s);
            else if (module == "drills")
                drill(s);
            else if (id == "skills_prelim")
                skillsPrelim(s);
            else if (id == "skills_final")
                skillsFinal(s);
            else if (module == "contest")
                caseStory(s);
            else if (module == "licence")
                licenceTest(s);
            for (const auto& [quiz, after] : kQuizzes)
                if (id == after) quizzes(quiz, s.day + 1);
        }
    }

private:
    Member& member(std::size_t i) { return plan_.people[i]; }
    bool recordable(std::int32_t day) const { return day < plan_.today; }
    const std::string& ref(const PlannedSession& s) const {
        return s.sessionTemplate->ref.empty() ? s.sessionTemplate->id : s.sessionTemplate->ref;
    }

    /// present / late / absent / excused; the suggested people are always there.
    std::string attendance(const Member& m) {
        const double u = random_.unit();
        if (m.fate != Fate::Ordinary) return "present";
        if (u < 0.01) return "absent";
        if (u < 0.018) return "excused";
        if (u < 0.07) return "late";
        return "present";
    }

    void ceremony(const PlannedSession& s) {
        for (auto i : cohort_.members)
            sink_.courseRow(member(i).person.id, "ceremony", "attendance", ref(s), s.day, s.id,
                            status(attendance(member(i))));
    }

    void theory(const PlannedSession& s) {
        const int minutes = s.endMinute - s.startMinute;
        const bool online = s.place == places::kOnline;
        for (auto i : cohort_.members) {
            const Member& m = member(i);
            const std::string st = attendance(m);
            std::optional<int> attended;
            if (st == "late") attended = minutes - random_.between(5, 30);
            // The online platform logs minutes watched; some leave a unit running half-seen.
            if (online && st == "present")
                attended = random_.chance(0.8) || m.fate != Fate::Ordinary
                               ? minutes
                               : static_cast<int>(std::lround(minutes * random_.bell(0.78, 0.08)));
            sink_.courseRow(m.person.id, "theory", "attendance", ref(s), s.day, s.id,
                            status(st, attended));
            // Most who missed a unit make it up from the recording within two weeks (补课); the
            // later record is the one that counts.
            const std::int32_t makeUp = s.day + random_.between(5, 14);
            if ((st == "absent" || st == "excused") && random_.chance(0.8) && recordable(makeUp))
                sink_.courseRow(m.person.id, "theory", "attendance", ref(s), makeUp, std::nullopt,
                                status("present"));
        }
    }

    void quizzes(const char* quiz, std::int32_t day) {
        for (auto i : cohort_.members) {
            const Member& m = member(i);
            double first = std::clamp(std::round(random_.bell(45 + 45 * m.skill, 9)), 20.0, 100.0);
            if (m.fate != Fate::Ordinary) first = std::max(first, 76.0);
            if (recordable(day))
                sink_.courseRow(m.person.id, "theory", "quiz_attempt", quiz, day, std::nullopt,
                                score(first));
            if (first >= 60) continue;
            const double retake = std::clamp(std::round(random_.bell(74, 7)), first + 5, 100.0);
            if (recordable(day + 7))
                sink_.courseRow(m.person.id, "theory", "quiz_attempt", quiz, day + 7, std::nullopt,
                                score(retake));
        }
    }

    /// An attempt at a drill: each criterion near the worker's skill; with `ethicsLapse`, a
    /// good piece of work marred by an ethics score under the floor.
    Attempt attempt(double skill, bool ethicsLapse) {
        Attempt a;
        for (const auto& c : kCriteria) {
            const double level =
                ethicsLapse && std::string(c.id) != "ethics" ? std::max(skill, 0.82) : skill;
            double v = std::clamp(std::round(c.max * random_.bell(level, 0.08)), 0.0, c.max);
            if (ethicsLapse && std::string(c.id) == "ethics") v = random_.between(6, 8);
            a.scores[c.id] = v;
            a.total += v;
        }
        return a;
    }

    void recordAttempt(const Member& m, const std::string& assessment, std::int32_t day,
                       std::optional<store::Id> session, const Attempt& a) {
        if (!recordable(day)) return;
        Poco::JSON::Object::Ptr scores = new Poco::JSON::Object;
        for (const auto& [criterion, v] : a.scores)
            scores->set(criterion, v);
        Poco::JSON::Object o;
        o.set("scores", scores);
        if (!a.passed() && a.scores.at("ethics") < kEthicsFloor)
            o.set("note", std::string("服务对象隐私处理不当，伦理与安全未达底线"));
        sink_.courseRow(m.person.id, "drills", "attempt", assessment, day, session, o);
    }

    void drill(const PlannedSession& s) {
        const std::string& assessment = ref(s);
        // The EthicsFloor worker passes the first two drills and fails the last two on ethics.
        const std::size_t position = drillsSeen_++;
        for (auto i : cohort_.members) {
            const Member& m = member(i);
            if (m.fate == Fate::EthicsFloor) {
                const bool lapse = position >= 2;
                recordAttempt(m, assessment, s.day, s.id, attempt(lapse ? 0.8 : 0.9, lapse));
                if (lapse && position == 2)
                    recordAttempt(m, assessment, s.day + 14, std::nullopt, attempt(0.85, true));
                continue;
            }
            if (m.fate == Fate::Exemplary) {
                Attempt a = attempt(std::max(m.skill, 0.86), false);
                a.scores["ethics"] = std::max(a.scores["ethics"], 11.0);
                recordAttempt(m, assessment, s.day, s.id, a);
                continue;
            }
            std::optional<Attempt> first;
            if (!random_.chance(0.03)) { // 3 % miss the day and may make it up
                first = attempt(m.skill, random_.chance(0.05));
                recordAttempt(m, assessment, s.day, s.id, *first);
            }
            if ((!first || !first->passed()) && random_.chance(0.8))
                recordAttempt(m, assessment, s.day + 14, std::nullopt,
                              attempt(m.skill + 0.06, random_.chance(0.02)));
        }
    }

    double contestScore(const Member& m) { return std::round(random_.bell(55 + 40 * m.skill, 5)); }

    struct Entry {
        std::size_t member;
        double score;
        double penalties;
        std::string submitted;
    };

    /// Everyone enters the preliminary. Two neighbours near the top end level, and will again
    /// in the final, so that the standings show a shared place.
    void skillsPrelim(const PlannedSession& s) {
        for (auto i : cohort_.members) {
            if (member(i).fate == Fate::Ordinary && random_.chance(0.02)) continue;
            prelim_.push_back(Entry{i, contestScore(member(i)), 0, ""});
        }
        std::vector<std::size_t> order(prelim_.size());
        for (std::size_t k = 0; k < order.size(); ++k)
            order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return prelim_[a].score > prelim_[b].score;
        });
        if (order.size() >= 3) {
            const std::size_t a = random_.below(std::min<std::size_t>(order.size() - 1, 5));
            prelim_[order[a + 1]].score = prelim_[order[a]].score;
            tie_ = {prelim_[order[a]].member, prelim_[order[a + 1]].member};
        }
        writeEntries(s, prelim_, "prelim");
    }

    /// The best eight of the preliminary go to the final.
    void skillsFinal(const PlannedSession& s) {
        std::vector<Entry> finalists = prelim_;
        std::stable_sort(finalists.begin(), finalists.end(),
                         [](const Entry& a, const Entry& b) { return a.score > b.score; });
        if (finalists.size() > 8) finalists.resize(8);
        for (auto& e : finalists) {
            e.score = contestScore(member(e.member));
            e.penalties = random_.chance(0.12) ? 1 : 0;
            e.submitted =
                clock(s.startMinute + random_.between(60, s.endMinute - s.startMinute - 10));
        }
        auto find = [&](std::size_t who) -> Entry* {
            for (auto& e : finalists)
                if (e.member == who) return &e;
            return nullptr;
        };
        Entry* leader = tie_ ? find(tie_->first) : nullptr;
        Entry* level = tie_ ? find(tie_->second) : nullptr;
        if (leader != nullptr && level != nullptr) {
            level->score = leader->score;
            level->penalties = leader->penalties;
            level->submitted = leader->submitted;
        }
        writeEntries(s, finalists, "final");
    }

    void caseStory(const PlannedSession& s) {
        std::vector<Entry> entrants;
        for (auto i : cohort_.members)
            if (random_.chance(0.35)) entrants.push_back(Entry{i, contestScore(member(i)), 0, ""});
        writeEntries(s, entrants, "final");
    }

    void writeEntries(const PlannedSession& s, const std::vector<Entry>& entries,
                      const char* round) {
        for (const auto& e : entries) {
            Poco::JSON::Object o;
            o.set("round", std::string(round));
            o.set("score", e.score);
            if (e.penalties > 0) o.set("penalties", e.penalties);
            if (!e.submitted.empty()) o.set("submitted", e.submitted);
            sink_.courseRow(member(e.member).person.id, "contest", "entry", ref(s), s.day, s.id, o);
        }
    }

    /// The written and oral tests. Who fails one may sit it again three weeks later (补考) in
    /// the same sitting: the later result is the one that counts.
    void licenceTest(const PlannedSession& s) {
        const bool written = s.sessionTemplate->id == "licence_written";
        for (auto i : cohort_.members) {
            const Member& m = member(i);
            // The national certificate stands in for the tests (the course's equivalence).
            if (m.national.activeOn(s.day) && m.national.activeOn(plan_.today)) continue;
            if (m.fate == Fate::Ordinary && random_.chance(0.01)) continue; // ill on the day
            double v = std::round(random_.bell(written ? 40 + 45 * m.skill : 45 + 40 * m.skill, 7));
            if (m.fate != Fate::Ordinary) v = std::max(v, 76.0);
            sink_.courseRow(m.person.id, "licence", "exam_result", ref(s), s.day, s.id,
                            result(yearOf(s.day), v));
            const std::int32_t again = s.day + 21;
            if (v < 60 && random_.chance(0.7) && recordable(again))
                sink_.courseRow(m.person.id, "licence", "exam_result", ref(s), again, std::nullopt,
                                result(yearOf(s.day), std::round(random_.bell(68, 6))));
        }
    }

    static Poco::JSON::Object result(int sitting, double score) {
        Poco::JSON::Object o;
        o.set("sitting", sitting);
        o.set("score", std::clamp(score, 0.0, 100.0));
        o.set("pass_mark", 60.0);
        return o;
    }

    Plan& plan_;
    DemoRandom& random_;
    EvidenceSink& sink_;
    const PlannedCohort& cohort_;
    std::size_t drillsSeen_ = 0;
    std::vector<Entry> prelim_;
    std::optional<std::pair<std::size_t, std::size_t>>
        tie_; ///< members level in the skills contest
};

} // namespace

void EvidenceSink::courseRow(store::Id person, const std::string& module, const std::string& kind,
                             const std::string& ref, std::int32_t day,
                             std::optional<store::Id> session, const Poco::JSON::Object& fields) {
    const courses::CourseModule* m = course_.module(module);
    if (m == nullptr)
        throw std::invalid_argument("demo: course " + course_.id + " has no module '" + module +
                                    "'");
    store::EvidenceRow row;
    row.personId = person;
    row.courseId = course_.id;
    row.module = module;
    row.kind = kind;
    row.ref = ref;
    row.day = day;
    row.sessionId = session;
    add(std::move(row), *m, fields);
}

void EvidenceSink::personalRow(store::Id person, const std::string& plugin, const std::string& kind,
                               const std::string& ref, std::int32_t day,
                               const Poco::JSON::Object& fields) {
    const courses::CourseModule* m = nullptr;
    for (const auto& candidate : course_.modules)
        if (candidate.pluginId == plugin) m = &candidate;
    if (m == nullptr)
        throw std::invalid_argument("demo: course " + course_.id + " has no module of plugin '" +
                                    plugin + "'");
    store::EvidenceRow row;
    row.personId = person;
    row.module = plugin;
    row.kind = kind;
    row.ref = ref;
    row.day = day;
    add(std::move(row), *m, fields);
}

void EvidenceSink::add(store::EvidenceRow row, const courses::CourseModule& module,
                       const Poco::JSON::Object& fields) {
    if (!module.instance)
        throw std::invalid_argument("demo: module '" + module.id + "' is not loaded");
    const PluginInfo& info = module.instance->plugin().info;
    const int kind = info.kindIndex(row.kind);
    if (kind < 0)
        throw std::invalid_argument("demo: plugin " + info.id + " has no evidence kind '" +
                                    row.kind + "'");
    const services::CheckedFields checked =
        services::checkJson(info.kinds[static_cast<std::size_t>(kind)], fields);
    if (!checked.ok())
        throw std::logic_error("demo evidence " + row.module + "." + row.kind + " " + row.ref +
                               " on " + formatDay(row.day) + ": " +
                               checked.problems.front().message.en);
    row.fields = checked.json;
    rows_.push_back(std::move(row));
}

std::vector<store::EvidenceRow> EvidenceSink::take() {
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const auto& a, const auto& b) { return a.day < b.day; });
    return std::move(rows_);
}

void planEvidence(Plan& plan, DemoRandom& random, EvidenceSink& sink) {
    for (const auto& cohort : plan.cohorts)
        CohortRecorder(plan, random, sink, cohort).run();
}

} // namespace yanzhen::demo::plan
