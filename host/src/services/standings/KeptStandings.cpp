#include "services/standings/KeptStandings.hpp"

#include "rules/Outcome.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#ifndef YANZHEN_VERSION
#define YANZHEN_VERSION "0.0.0"
#endif

namespace yanzhen::services {

namespace {

/// Who the store's writes of derived standings are by.
const std::string kActor = "yanzhen:standings";

/// How many standings a thread of a full recompute hands to the writer at a time.
constexpr std::size_t kKeepChunk = 256;

/// A kept standing a read may send: fresh, of the cohort's course version and the versions
/// running now, and holding on `today`.
bool holds(const store::KeptStanding& k, const store::Cohort& cohort, const std::string& versions,
           std::int32_t today) {
    return !k.stale && k.courseHash == cohort.courseHash && k.plugins == versions &&
           k.computedOn <= today && today <= k.holdsUntil;
}

const store::KeptStanding* keptFor(const std::vector<store::KeptStanding>& kept, store::Id cohort) {
    const auto it = std::find_if(kept.begin(), kept.end(),
                                 [&](const store::KeptStanding& k) { return k.cohort == cohort; });
    return it == kept.end() ? nullptr : &*it;
}

} // namespace

std::string versionsOf(const courses::Course& course) {
    std::map<std::string, std::string> plugins;
    for (const auto& m : course.modules)
        if (m.instance) plugins[m.pluginId] = m.instance->plugin().info.version;
    std::string out = "yanzhen@" YANZHEN_VERSION;
    for (const auto& [id, version] : plugins)
        out += " " + id + "@" + version;
    return out;
}

store::KeptStanding KeptStandings::toKept(store::Id person, const CohortProgress& p) const {
    store::KeptStanding k;
    k.person = person;
    k.cohort = p.cohort.id;
    k.courseHash = p.course->hash;
    k.plugins = versionsOf(*p.course);
    k.computedOn = p.progress.day;
    k.holdsUntil = p.progress.holdsUntil;
    k.answer = writer_(p);
    for (const auto& [name, outcome] : p.progress.sets) {
        const std::int32_t until = std::max(outcome.holdsUntil, p.progress.day);
        k.sets.push_back(store::KeptSet{name, rules::statusName(outcome.status), outcome.fraction,
                                        until == YZ_HOLDS_FOREVER ? until : until + 1});
    }
    for (const auto& m : rankedModules(*p.course))
        k.rankedModules.push_back(m);
    return k;
}

std::size_t KeptStandings::recomputeDue(store::ProgressSnapshot& reads, store::Id person,
                                        std::int32_t today, std::vector<store::KeptStanding>& fresh,
                                        KeptAnswer* out) {
    std::vector<store::KeptStanding> kept;
    reads.standings(person, kept);
    ProgressService progress(store_, versions_);
    std::size_t recomputed = 0;
    for (auto& cohort : reads.cohortsOf(person)) {
        const auto course = versions_.get(cohort.courseHash);
        const store::KeptStanding* k = keptFor(kept, cohort.id);
        if (k != nullptr && holds(*k, cohort, versionsOf(*course), today)) {
            if (out) out->cohorts.push_back(k->answer);
            continue;
        }
        fresh.push_back(
            toKept(person, progress.evaluateIn(reads, person, std::move(cohort), today)));
        if (out) out->cohorts.push_back(fresh.back().answer);
        ++recomputed;
    }
    return recomputed;
}

std::optional<KeptAnswer> KeptStandings::ofWorker(store::Id person, std::int32_t today) {
    {
        // The hot path: one snapshot, three indexed reads, the stored bytes.
        auto reads = store_.readProgress();
        auto who = reads->person(person);
        if (!who) return std::nullopt;
        std::vector<store::KeptStanding> kept;
        reads->standings(person, kept);
        KeptAnswer answer{std::move(*who), {}, 0};
        bool allHold = true;
        for (const auto& cohort : reads->cohortsOf(person)) {
            const store::KeptStanding* k = keptFor(kept, cohort.id);
            if (k == nullptr ||
                !holds(*k, cohort, versionsOf(*versions_.get(cohort.courseHash)), today)) {
                allHold = false;
                break;
            }
            answer.cohorts.push_back(k->answer);
        }
        if (allHold) return answer;
    }
    // Something does not hold: recompute it where no write can come between the rows read and
    // the standing kept. A snapshot opened while this write holds the lock sees exactly what
    // the write would.
    std::optional<KeptAnswer> answer;
    store_.write(kActor, [&](store::WriteUnit& tx) {
        auto reads = store_.readProgress();
        auto who = reads->person(person);
        if (!who) return;
        answer = KeptAnswer{std::move(*who), {}, 0};
        std::vector<store::KeptStanding> fresh;
        answer->recomputed = recomputeDue(*reads, person, today, fresh, &*answer);
        if (!fresh.empty()) tx.standings().keep(fresh);
    });
    return answer;
}

std::vector<store::KeptStanding> KeptStandings::ofCohort(const store::Cohort& cohort,
                                                         std::int32_t today) {
    const std::string versions = versionsOf(*versions_.get(cohort.courseHash));
    const auto due = [&](const std::vector<store::KeptStanding>& kept) {
        std::vector<store::Id> out;
        for (const auto& k : kept)
            if (!holds(k, cohort, versions, today)) out.push_back(k.person);
        return out;
    };
    std::vector<store::KeptStanding> kept;
    store_.readProgress()->cohortStandings(cohort.id, kept);
    if (due(kept).empty()) return kept;
    // As ofWorker: read again and recompute under the write lock, so that what is kept is
    // what the rows said (each member's cohort record too: a repin may have come between).
    store_.write(kActor, [&](store::WriteUnit& tx) {
        auto reads = store_.readProgress();
        kept.clear();
        reads->cohortStandings(cohort.id, kept);
        std::vector<store::KeptStanding> fresh;
        for (const auto person : due(kept))
            recomputeDue(*reads, person, today, fresh, nullptr);
        if (fresh.empty()) return;
        tx.standings().keep(fresh);
        for (auto& f : fresh) {
            if (f.cohort != cohort.id) continue; // the member's other cohorts, kept on the way
            const auto it = std::lower_bound(
                kept.begin(), kept.end(), f.person,
                [](const store::KeptStanding& k, store::Id p) { return k.person < p; });
            if (it != kept.end() && it->person == f.person) *it = std::move(f);
        }
    });
    return kept;
}

std::size_t KeptStandings::refresh(const std::vector<store::Id>& people, std::int32_t today) {
    std::size_t recomputed = 0;
    if (people.empty()) return 0;
    store_.write(kActor, [&](store::WriteUnit& tx) {
        auto reads = store_.readProgress();
        std::vector<store::KeptStanding> fresh;
        for (const auto person : people)
            recomputed += recomputeDue(*reads, person, today, fresh, nullptr);
        if (!fresh.empty()) tx.standings().keep(fresh);
    });
    return recomputed;
}

std::size_t KeptStandings::refreshDue(std::int32_t today, std::size_t limit) {
    const auto due = store_.read()->standings().due(today, limit);
    return refresh(due, today);
}

std::size_t KeptStandings::markOtherVersionsStale() {
    std::size_t marked = 0;
    store_.write(kActor, [&](store::WriteUnit& tx) {
        for (const auto& cohort : tx.cohorts().list())
            marked += tx.standings().markOtherVersionsStale(
                cohort.id, versionsOf(*versions_.get(cohort.courseHash)));
    });
    return marked;
}

RecomputeSummary KeptStandings::recomputeAll(const RecomputeOptions& options) {
    RecomputeSummary summary;
    store_.write(kActor, [&](store::WriteUnit& tx) {
        // The passes read on their own snapshots, opened while this write holds the lock: they
        // see what it would, and nothing can be written between their reads and the keeping.
        std::mutex writing;
        std::vector<store::KeptStanding> pending;
        summary = ProgressService(store_, versions_)
                      .recomputeAll(options, [&](store::Id person, const CohortProgress& p) {
                          auto kept = toKept(person, p); // the costly part, on this thread
                          std::lock_guard lock(writing);
                          pending.push_back(std::move(kept));
                          if (pending.size() < kKeepChunk) return;
                          tx.standings().keep(pending);
                          pending.clear();
                      });
        tx.standings().keep(pending);
    });
    return summary;
}

store::KeptCounts KeptStandings::counts(std::int32_t today) {
    return store_.read()->standings().counts(today);
}

} // namespace yanzhen::services
