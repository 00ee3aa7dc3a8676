#include "services/reports/CohortMembers.hpp"

#include "services/reports/CohortReport.hpp"
#include "services/standings/KeptStandings.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>

namespace yanzhen::services {

namespace {

double elapsedShare(const Cohort& cohort, std::int32_t day) {
    const auto start = parseDay(cohort.startsOn);
    const auto end = parseDay(cohort.endsOn);
    if (!start || !end || *end < *start) return 0;
    const double gone = static_cast<double>(day - *start + 1) / (*end - *start + 1);
    return std::clamp(gone, 0.0, 1.0);
}

void addWithRefs(const courses::Course& course, const std::string& name,
                 std::set<std::string>& out) {
    if (!out.insert(name).second) return;
    const auto set = course.requirements.find(name);
    if (set == course.requirements.end()) return;
    std::vector<const rules::Node*> todo{&set->second.root};
    while (!todo.empty()) {
        const rules::Node* n = todo.back();
        todo.pop_back();
        if (n->kind == rules::NodeKind::Ref) addWithRefs(course, n->ref, out);
        for (const auto& child : n->children)
            todo.push_back(&child);
    }
}

bool matches(const SetStanding& s, const std::string& status) {
    return status == "behind" ? s.behind : status == rules::statusName(s.status);
}

} // namespace

UnknownSet::UnknownSet(std::string s, const std::vector<std::string>& known)
    : std::runtime_error("no requirement set '" + s + "'"), set(std::move(s)) {
    std::string list;
    for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
    message = Text{"课程没有要求集“" + set + "”（有：" + list + "）",
                   "the course has no requirement set '" + set + "' (it has: " + list + ")"};
}

std::set<std::string> scheduledSets(const courses::Course& course) {
    std::set<std::string> out;
    for (const auto& credential : course.credentials)
        addWithRefs(course, credential.when, out);
    if (out.empty())
        for (const auto& [name, _] : course.requirements)
            out.insert(name);
    return out;
}

bool MemberStanding::behind() const {
    return std::any_of(sets.begin(), sets.end(), [](const auto& s) { return s.second.behind; });
}

std::optional<MemberQuery::Sort> memberSort(const std::string& name) {
    if (name == "code") return MemberQuery::Sort::Code;
    if (name == "name") return MemberQuery::Sort::Name;
    if (name == "fraction") return MemberQuery::Sort::Fraction;
    return std::nullopt;
}

const std::vector<std::string>& memberSorts() {
    static const std::vector<std::string> all = {"code", "name", "fraction"};
    return all;
}

const std::vector<std::string>& memberStatuses() {
    static const std::vector<std::string> all = {"met", "in_progress", "unmet", "waived", "behind"};
    return all;
}

CohortMembers cohortMembers(Store& store, CourseVersions& versions, const AnswerFormat& format,
                            const Cohort& cohort, std::int32_t day, const MemberQuery& query) {
    std::shared_ptr<const courses::Course> course;
    try {
        course = versions.get(cohort.courseHash);
    } catch (const std::runtime_error&) {
        throw CourseUnavailable(cohort);
    }
    if (query.set && course->requirements.count(*query.set) == 0) {
        std::vector<std::string> known;
        for (const auto& [name, _] : course->requirements)
            known.push_back(name);
        throw UnknownSet(*query.set, known);
    }
    CohortMembers out{cohort, day, elapsedShare(cohort, day), {}};
    const std::set<std::string> scheduled = scheduledSets(*course);
    std::map<Id, std::map<std::string, SetStanding>> standings;
    for (const auto& k : KeptStandings(store, versions, format.write).ofCohort(cohort, day)) {
        std::map<std::string, SetStanding> sets;
        for (auto& [name, set] : format.read(k.answer).sets) {
            SetStanding s{set.status, set.fraction, false, {}};
            if (!rules::satisfied(set.status)) {
                s.behind = scheduled.count(name) != 0 && set.fraction < out.elapsed;
                s.left = std::move(set.left);
            }
            sets.emplace(name, std::move(s));
        }
        standings.emplace(k.person, std::move(sets));
    }
    {
        auto r = store.read();
        for (auto& [id, sets] : standings) {
            auto person = r->people().find(id);
            if (!person) continue; // enrolled rows always name a person; kept for safety
            MemberStanding m{std::move(*person), std::move(sets)};
            if (query.status) {
                const bool keep =
                    query.set ? matches(m.sets.at(*query.set), *query.status)
                              : std::any_of(m.sets.begin(), m.sets.end(), [&](const auto& s) {
                                    return matches(s.second, *query.status);
                                });
                if (!keep) continue;
            }
            out.members.push_back(std::move(m));
        }
    }
    const auto fractionOf = [&](const MemberStanding& m) {
        if (query.set) return m.sets.at(*query.set).fraction;
        double lowest = 1;
        for (const auto& [_, s] : m.sets)
            lowest = std::min(lowest, s.fraction);
        return lowest;
    };
    std::stable_sort(out.members.begin(), out.members.end(),
                     [&](const MemberStanding& a, const MemberStanding& b) {
                         switch (query.sort) {
                         case MemberQuery::Sort::Name:
                             if (a.person.name != b.person.name)
                                 return a.person.name < b.person.name;
                             break;
                         case MemberQuery::Sort::Fraction:
                             if (fractionOf(a) != fractionOf(b))
                                 return fractionOf(a) < fractionOf(b);
                             break;
                         case MemberQuery::Sort::Code: break;
                         }
                         return a.person.code < b.person.code;
                     });
    return out;
}

} // namespace yanzhen::services
