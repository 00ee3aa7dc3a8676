// The demo's people: who works in which community, in which post, with which name, age and
// education. The counts are the district's (source-article.txt); so are the average age of the
// 390 community workers (37.41) and their share with a bachelor's degree or more (69.81 %),
// which the draw is corrected to meet.

#include "demo/DemoNames.hpp"
#include "demo/DemoPlan.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace yanzhen::demo::plan {

namespace {

constexpr int kCommitteeMembers = 294;
constexpr int kSocialWorkers = 65;
constexpr std::size_t kSocialWorkersInPartyAffairs = 18;
constexpr int kTrainers = 7;
constexpr double kAverageAge = 37.41;

struct AgeRange {
    int low;
    int high;
    double mean;
    double spread;
};

AgeRange ageRange(Role role) {
    switch (role) {
    case Role::SocialWorker: return {23, 45, 30.5, 4.0};
    case Role::CommitteeMember: return {26, 59, 39.5, 6.5};
    case Role::GovernanceOfficer: return {25, 50, 35.0, 5.0};
    case Role::Trainer: return {33, 58, 45.0, 6.0};
    }
    return {25, 55, 38.0, 6.0};
}

double femaleShare(Role role) {
    switch (role) {
    case Role::SocialWorker: return 0.76;
    case Role::CommitteeMember: return 0.6;
    case Role::GovernanceOfficer: return 0.5;
    case Role::Trainer: return 0.5;
    }
    return 0.5;
}

const char* postKind(Role role) {
    switch (role) {
    case Role::SocialWorker: return "social_worker";
    case Role::CommitteeMember: return "committee_member";
    case Role::GovernanceOfficer: return "governance_officer";
    case Role::Trainer: return "trainer";
    }
    return "social_worker";
}

/// How many of each education a role gets. Bachelor's or more: 52 + 27 + 193 = 272 of the 390
/// community workers, 69.74 %, the nearest whole number to the district's 69.81 %.
std::vector<std::pair<const char*, int>> educationQuota(Role role) {
    switch (role) {
    case Role::SocialWorker: return {{"硕士", 6}, {"本科", 46}, {"大专", 13}};
    case Role::CommitteeMember: return {{"硕士", 8}, {"本科", 185}, {"大专", 80}, {"高中", 21}};
    case Role::GovernanceOfficer: return {{"硕士", 3}, {"本科", 24}, {"大专", 4}};
    case Role::Trainer: return {{"硕士", 4}, {"本科", 3}};
    }
    return {};
}

/// `count` spread over `slots` as evenly as possible, the larger shares at random slots.
std::vector<int> spread(DemoRandom& random, int count, std::size_t slots) {
    std::vector<int> shares(slots, count / static_cast<int>(slots));
    std::vector<std::size_t> order(slots);
    for (std::size_t i = 0; i < slots; ++i)
        order[i] = i;
    random.shuffle(order);
    for (int i = 0; i < count % static_cast<int>(slots); ++i)
        ++shares[order[static_cast<std::size_t>(i)]];
    return shares;
}

Member draw(DemoRandom& random, NameDrawer& names, Role role, std::size_t community) {
    Member m;
    m.role = role;
    m.community = community;
    const bool female = random.chance(femaleShare(role));
    m.person.gender = female ? "f" : "m";
    m.person.name = names.draw(random, female);
    m.person.phone = mobileNumber(random);
    const AgeRange range = ageRange(role);
    m.age = std::clamp(static_cast<int>(std::lround(random.bell(range.mean, range.spread))),
                       range.low, range.high);
    m.skill = std::clamp(random.bell(0.78, 0.07), 0.5, 0.97);
    return m;
}

/// Moves ages a year at a time, within each role's range, until the 390 community workers
/// average kAverageAge (to the nearest whole year in total).
void fixAverageAge(std::vector<Member>& people, DemoRandom& random) {
    std::vector<std::size_t> workers;
    long sum = 0;
    for (std::size_t i = 0; i < people.size(); ++i)
        if (people[i].role != Role::Trainer) {
            workers.push_back(i);
            sum += people[i].age;
        }
    const long target = std::lround(kAverageAge * static_cast<double>(workers.size()));
    while (sum != target) {
        Member& m = people[workers[random.below(workers.size())]];
        const AgeRange range = ageRange(m.role);
        if (sum > target && m.age > range.low) {
            --m.age;
            --sum;
        } else if (sum < target && m.age < range.high) {
            ++m.age;
            ++sum;
        }
    }
}

void assignEducation(std::vector<Member>& people, DemoRandom& random) {
    for (Role role :
         {Role::SocialWorker, Role::CommitteeMember, Role::GovernanceOfficer, Role::Trainer}) {
        std::vector<std::size_t> holders;
        for (std::size_t i = 0; i < people.size(); ++i)
            if (people[i].role == role) holders.push_back(i);
        random.shuffle(holders);
        std::size_t next = 0;
        for (const auto& [education, count] : educationQuota(role))
            for (int k = 0; k < count && next < holders.size(); ++k)
                people[holders[next++]].person.education = education;
        while (next < holders.size())
            people[holders[next++]].person.education = "本科";
    }
}

/// A birth date that makes the person exactly `age` on `today`.
std::string birthDate(DemoRandom& random, int age, std::int32_t today) {
    const std::int32_t latest = addYears(today, -age);
    const std::int32_t earliest = addYears(today, -(age + 1)) + 1;
    return formatDay(earliest + static_cast<std::int32_t>(random.below(
                                    static_cast<std::uint64_t>(latest - earliest + 1))));
}

} // namespace

void planPeople(Plan& plan, DemoRandom& random, store::Id district) {
    const std::size_t n = plan.communities.size();
    const auto committee = spread(random, kCommitteeMembers, n);
    const auto socialWorkers = spread(random, kSocialWorkers, n);
    NameDrawer names;
    // In each community: the committee, the social workers, the governance officer.
    for (std::size_t c = 0; c < n; ++c) {
        for (int k = 0; k < committee[c]; ++k)
            plan.people.push_back(draw(random, names, Role::CommitteeMember, c));
        for (int k = 0; k < socialWorkers[c]; ++k)
            plan.people.push_back(draw(random, names, Role::SocialWorker, c));
        plan.people.push_back(draw(random, names, Role::GovernanceOfficer, c));
    }
    for (int k = 0; k < kTrainers; ++k)
        plan.people.push_back(draw(random, names, Role::Trainer, 0));

    // Party-affairs workers, two in every community (62 = 2 x 31): a committee member, and
    // either a social worker (in 18 communities) or a second committee member.
    std::vector<std::size_t> order(n);
    for (std::size_t c = 0; c < n; ++c)
        order[c] = c;
    random.shuffle(order);
    std::vector<bool> socialWorkerToo(n, false);
    for (std::size_t k = 0; k < std::min<std::size_t>(kSocialWorkersInPartyAffairs, n); ++k)
        socialWorkerToo[order[k]] = true;
    for (std::size_t c = 0; c < n; ++c) {
        int committeeLeft = socialWorkerToo[c] ? 1 : 2;
        bool socialWorkerLeft = socialWorkerToo[c];
        for (auto& m : plan.people) {
            if (m.community != c || m.role == Role::Trainer) continue;
            if (m.role == Role::CommitteeMember && committeeLeft > 0) {
                m.partyAffairs = true;
                --committeeLeft;
            } else if (m.role == Role::SocialWorker && socialWorkerLeft) {
                m.partyAffairs = true;
                socialWorkerLeft = false;
            }
        }
    }

    fixAverageAge(plan.people, random);
    assignEducation(plan.people, random);

    // The 65 social workers were recruited together; committee members took office at the
    // last election, held a few days apart in different communities; governance officers came
    // a month after the recruitment.
    const std::int32_t recruited = plan.today - 1600 - random.between(0, 60);
    const std::int32_t elected = plan.today - 1400 - random.between(0, 90);
    int number = 0;
    for (auto& m : plan.people) {
        char code[16];
        std::snprintf(code, sizeof code, "JY-%04d", ++number);
        m.person.code = code;
        m.person.birthDate = birthDate(random, m.age, plan.today);
        const bool trainer = m.role == Role::Trainer;
        const store::Id unit = trainer ? district : plan.communities[m.community].id;
        m.person.orgUnitId = unit;
        std::int32_t started = recruited;
        if (m.role == Role::CommitteeMember)
            started = elected + static_cast<std::int32_t>(m.community % 10) * 3;
        if (m.role == Role::GovernanceOfficer) started = recruited + 30;
        if (trainer) started = plan.today - random.between(900, 3000);
        m.person.posts.push_back(store::Post{postKind(m.role), unit, formatDay(started), ""});
        if (m.partyAffairs)
            m.person.posts.push_back(store::Post{"party_affairs", unit, formatDay(started), ""});
    }
}

} // namespace yanzhen::demo::plan
