#include "demo/DemoData.hpp"

#include "demo/DemoNames.hpp"
#include "demo/DemoPlan.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace yanzhen::demo {

using namespace plan;

namespace {

constexpr int kGrids = 177; // the district's grid Party organisations
const char* const kFirstStreetCode = "JY-S01";

/// "JY-C07" for ("JY-C", 7).
std::string numbered(const char* prefix, std::size_t n) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%02zu", n);
    return prefix + std::string(digits);
}

/// The towns and streets, the communities (their ids into plan.communities) and 177 grids,
/// five or six to a community.
void writeOrgUnits(store::WriteUnit& unit, store::Id district, DemoRandom& random, Plan& plan,
                   DemoSummary& summary) {
    auto& people = unit.people();
    std::size_t community = 0;
    for (std::size_t s = 0; s < districtStreets().size(); ++s) {
        const auto& street = districtStreets()[s];
        const store::Id streetId = people.addOrgUnit(
            store::OrgUnit{0, district, "street", numbered("JY-S", s + 1), street.name});
        ++summary.streets;
        for (const auto& name : street.communities) {
            const store::Id id = people.addOrgUnit(
                store::OrgUnit{0, streetId, "community", numbered("JY-C", ++community), name});
            plan.communities.push_back(Community{id, name});
        }
    }
    summary.communities = plan.communities.size();
    std::vector<int> grids(plan.communities.size(),
                           kGrids / static_cast<int>(plan.communities.size()));
    std::vector<std::size_t> order(plan.communities.size());
    for (std::size_t c = 0; c < order.size(); ++c)
        order[c] = c;
    random.shuffle(order);
    for (int k = 0; k < kGrids % static_cast<int>(plan.communities.size()); ++k)
        ++grids[order[static_cast<std::size_t>(k)]];
    for (std::size_t c = 0; c < plan.communities.size(); ++c)
        for (int g = 1; g <= grids[c]; ++g) {
            const std::string code =
                numbered("JY-C", c + 1) + numbered("-G", static_cast<std::size_t>(g));
            people.addOrgUnit(store::OrgUnit{0, plan.communities[c].id, "grid", code,
                                             plan.communities[c].name + gridName(g)});
            ++summary.grids;
        }
}

/// The cohorts with their trainers and members, then every session in time order.
void writeCohorts(store::WriteUnit& unit, Plan& plan, const courses::Course& course,
                  const std::string& hash) {
    auto& cohorts = unit.cohorts();
    const int capacity = course.cohortDefaults.capacity;
    for (auto& c : plan.cohorts) {
        c.id = cohorts.create(store::Cohort{0, c.code, c.name, hash, formatDay(c.startsOn),
                                            formatDay(c.endsOn), capacity});
        for (auto t : c.trainers)
            cohorts.addTrainer(c.id, plan.people[t].person.id);
        for (auto m : c.members)
            cohorts.enroll(c.id, plan.people[m].person.id, formatDay(c.startsOn - 7));
    }
    std::vector<std::pair<PlannedCohort*, PlannedSession*>> all;
    for (auto& c : plan.cohorts)
        for (auto& s : c.sessions)
            all.emplace_back(&c, &s);
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.second->day != b.second->day ? a.second->day < b.second->day
                                              : a.second->startMinute < b.second->startMinute;
    });
    auto& sessions = unit.sessions();
    for (auto& [c, s] : all) {
        store::Session row;
        row.cohortId = c->id;
        row.module = s->sessionTemplate->module;
        row.templateId = s->sessionTemplate->id;
        row.startsAt = localTime(s->day, s->startMinute);
        row.endsAt = localTime(s->day, s->endMinute);
        row.place = s->place;
        row.trainerId = plan.people[s->trainer].person.id;
        row.capacity = capacity;
        s->id = sessions.add(row);
    }
}

/// Picks the people the summary suggests, and gives them the fate that makes its words true.
std::vector<DemoSuggestion> chooseSuggestions(Plan& plan, DemoRandom& random) {
    const int last = static_cast<int>(plan.cohorts.size()) - 1;
    auto finished = [&](const Member& m) { return m.cohort >= 0 && m.cohort < last; };
    auto cohortOf = [&](const Member& m) -> const PlannedCohort& {
        return plan.cohorts[static_cast<std::size_t>(m.cohort)];
    };
    auto testsDay = [&](const Member& m) {
        const auto* s = cohortOf(m).session("licence_written");
        return s != nullptr ? s->day : plan.today;
    };
    auto socialWorker = [](const Member& m) { return m.role == Role::SocialWorker; };

    struct Case {
        const char* state;
        Fate fate;
        std::function<bool(const Member&)> fits;
        std::function<Text(const std::string& cohort)> why;
    };
    const std::vector<Case> cases{
        {"national_certificate", Fate::Exemplary,
         [&](const Member& m) {
             return socialWorker(m) && finished(m) && !m.national.intermediate &&
                    m.national.activeOn(testsDay(m)) && m.national.activeOn(plan.today);
         },
         [](const std::string& c) {
             return Text{
                 "社工岗，持助理社会工作师证书：" + c +
                     " 期结业，持证上岗资格由国家证书等同认定（免笔试、面试）",
                 "social worker holding the national assistant certificate: completed " + c +
                     "; licence to practise through the equivalence, without the district tests"};
         }},
        {"licensed", Fate::Exemplary,
         [&](const Member& m) {
             return m.role == Role::CommitteeMember && m.partyAffairs && finished(m) &&
                    !m.national.holder;
         },
         [](const std::string& c) {
             return Text{"社区党务工作者：" + c + " 期结业并通过笔试和面试，取得持证上岗资格",
                         "party-affairs worker: completed " + c +
                             " and passed the written and oral tests"};
         }},
        {"in_progress", Fate::Exemplary,
         [&](const Member& m) { return socialWorker(m) && m.cohort == last && !m.national.holder; },
         [](const std::string& c) {
             return Text{"社工岗，" + c + " 期在训：已上部分课程，后面还有场次和持证上岗考试",
                         "social worker in " + c +
                             ", under way: some sessions done, more and the licence tests to come"};
         }},
        {"ethics_floor", Fate::EthicsFloor,
         [&](const Member& m) { return socialWorker(m) && finished(m) && !m.national.holder; },
         [](const std::string& c) {
             return Text{"社工岗，" + c +
                             " 期：两项演练总分过 60 但“伦理与安全”低于 9 分底线，未能结业",
                         "social worker in " + c +
                             ": two drills above 60 in total but under the ethics floor of 9, "
                             "so not completed"};
         }},
        {"lapsed", Fate::Exemplary,
         [&](const Member& m) { return socialWorker(m) && finished(m) && m.national.lapsed; },
         [](const std::string&) {
             return Text{"社工岗，助理社会工作师登记期满未再登记（继续教育不足 72 "
                         "学时），持证上岗靠笔试和面试",
                         "social worker whose national registration lapsed (under 72 hours of "
                         "continuing education); "
                         "licensed through the district tests"};
         }},
    };

    std::vector<std::size_t> order(plan.people.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    random.shuffle(order);
    std::vector<DemoSuggestion> out;
    for (const auto& c : cases)
        for (auto i : order) {
            Member& m = plan.people[i];
            if (m.fate != Fate::Ordinary || !c.fits(m)) continue;
            m.fate = c.fate;
            out.push_back(
                DemoSuggestion{c.state, m.person.code, m.person.name, c.why(cohortOf(m).code)});
            break;
        }
    return out;
}

void summarize(const Plan& plan, DemoSummary& summary) {
    long ages = 0;
    std::size_t workers = 0;
    std::size_t degrees = 0;
    for (const auto& m : plan.people) {
        switch (m.role) {
        case Role::SocialWorker:
            ++summary.socialWorkers;
            if (m.national.activeOn(plan.today)) ++summary.nationalHolders;
            break;
        case Role::CommitteeMember: ++summary.committeeMembers; break;
        case Role::GovernanceOfficer: ++summary.governanceOfficers; break;
        case Role::Trainer: ++summary.trainers; break;
        }
        if (m.partyAffairs) ++summary.partyAffairs;
        if (m.role == Role::Trainer) continue;
        ++workers;
        ages += m.age;
        if (m.person.education == "本科" || m.person.education == "硕士") ++degrees;
    }
    summary.people = plan.people.size();
    summary.averageAge = workers > 0 ? static_cast<double>(ages) / static_cast<double>(workers) : 0;
    summary.degreeShare =
        workers > 0 ? static_cast<double>(degrees) / static_cast<double>(workers) : 0;
    summary.cohorts = plan.cohorts.size();
    for (const auto& c : plan.cohorts) {
        summary.enrollments += c.members.size();
        summary.sessions += c.sessions.size();
        for (const auto& s : c.sessions)
            if (s.day >= plan.today) ++summary.sessionsAhead;
    }
}

} // namespace

DemoSummary populateDemo(store::WriteUnit& unit, store::Id district, const courses::Course& course,
                         const std::string& courseHash, const DemoOptions& options) {
    auto& people = unit.people();
    const std::size_t existing = people.count(store::PeopleQuery{});
    if (existing > 0)
        throw DemoRefused(
            Text{"数据库中已有 " + std::to_string(existing) +
                     " 名人员：演示数据只能放入没有人员的数据库。"
                     "请用 --db 指定一个新文件",
                 "the database already has " + std::to_string(existing) +
                     " people: demo data goes only into a database without people; give a new file "
                     "with --db"});
    if (people.orgUnitByCode(kFirstStreetCode))
        throw DemoRefused(Text{"数据库中已有演示区划（" + std::string(kFirstStreetCode) +
                                   "）：请用 --db 指定一个新文件",
                               "the database already has the demo's org units (" +
                                   std::string(kFirstStreetCode) + "); give a new file with --db"});
    for (const char* module : {"ceremony", "theory", "drills", "contest", "licence"})
        if (course.module(module) == nullptr)
            throw std::invalid_argument("demo: course " + course.id + " has no module '" + module +
                                        "'");

    DemoSummary summary;
    DemoRandom random(options.seed);
    Plan plan;
    plan.today = options.today;
    writeOrgUnits(unit, district, random, plan, summary);
    planPeople(plan, random, district);
    for (auto& m : plan.people)
        m.person.id = people.add(m.person);
    planCohorts(plan, random, course);
    writeCohorts(unit, plan, course, courseHash);
    EvidenceSink sink(course);
    planNational(plan, random, sink);
    summary.suggestions = chooseSuggestions(plan, random);
    planEvidence(plan, random, sink);
    const auto rows = sink.take();
    if (!rows.empty()) {
        std::size_t next = 0;
        unit.evidence().appendMany(
            [&]() -> const store::EvidenceRow* {
                return next < rows.size() ? &rows[next++] : nullptr;
            },
            "demo district, seed " + std::to_string(options.seed));
    }
    summary.evidence = rows.size();
    summarize(plan, summary);
    return summary;
}

} // namespace yanzhen::demo
