#include "demo/DemoOutcome.hpp"

#include "services/progress/ProgressService.hpp"

#include <yanzhen/date.hpp>

namespace yanzhen::demo {

namespace {

constexpr std::size_t kEveryone = 1000000;

/// The first `holds` leaf anywhere in the course's requirements, equivalences included.
const rules::Node* holdsLeaf(const rules::Node& node) {
    if (node.kind == rules::NodeKind::Leaf && node.leaf.type == "holds") return &node;
    for (const auto& child : node.children)
        if (const auto* found = holdsLeaf(child)) return found;
    return node.waivedBy ? holdsLeaf(*node.waivedBy) : nullptr;
}

/// Whether an equivalence stood in for some part of `o`.
bool anyWaived(const rules::Outcome& o) {
    if (o.status == rules::Status::Waived) return true;
    for (const auto& child : o.children)
        if (anyWaived(child)) return true;
    return false;
}

/// Whether the worker's own records meet the course's `holds` leaf on `today`.
bool holdsCredential(store::Store& store, store::Id person,
                     const std::shared_ptr<const courses::Course>& course, std::int32_t today) {
    const rules::Node* leaf = nullptr;
    for (const auto& [name, set] : course->requirements)
        if ((leaf = holdsLeaf(set.root)) != nullptr) break;
    if (leaf == nullptr) return false;
    const auto rows = store.read()->evidence().current(person, course->id);
    const auto records = services::toRecords(*course, rows);
    const services::ProgressInput input{today, person, records, {}, {}};
    const auto results = services::ProgressCalculator(course).evaluateLeaves(input);
    return leaf->leaf.index < results.size() && results[leaf->leaf.index].met;
}

} // namespace

DemoOutcome evaluateDemo(store::Store& store, services::CourseVersions& versions,
                         std::int32_t today) {
    std::vector<store::Person> socialWorkers;
    std::vector<store::Person> partyAffairs;
    {
        auto r = store.read();
        auto& people = r->people();
        socialWorkers =
            people.list(store::PeopleQuery{"social_worker", std::nullopt, "", kEveryone, 0});
        partyAffairs =
            people.list(store::PeopleQuery{"party_affairs", std::nullopt, "", kEveryone, 0});
    }
    DemoOutcome out;
    out.socialWorkers = socialWorkers.size();
    out.partyAffairs = partyAffairs.size();
    for (const auto& p : socialWorkers) {
        const auto cohorts = store.read()->cohorts().cohortsOf(p.id);
        if (!cohorts.empty() &&
            holdsCredential(store, p.id, versions.get(cohorts.front().courseHash), today))
            ++out.nationalHolders;
    }
    services::ProgressService progress(store, versions);
    const std::string day = formatDay(today);
    for (const auto& p : partyAffairs) {
        const auto all = progress.forPerson(p.id, today);
        if (all.empty()) continue;
        const auto& newest = all.front();
        if (newest.cohort.endsOn >= day) ++out.inTraining;
        const auto set = newest.progress.sets.find("licence_to_practise");
        if (set == newest.progress.sets.end() || !set->second.satisfied()) continue;
        ++out.licensed;
        if (anyWaived(set->second)) ++out.licensedByEquivalence;
    }
    return out;
}

} // namespace yanzhen::demo
