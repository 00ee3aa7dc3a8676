#include "services/cohorts/CohortService.hpp"
#include "services/text/TextRules.hpp"

namespace yanzhen::services {

CohortCodeTaken::CohortCodeTaken(std::string c, Id e)
    : std::runtime_error("cohort " + c + " exists already (id " + std::to_string(e) + ")"),
      code(std::move(c)), existing(e) {}

AlreadyEnrolled::AlreadyEnrolled(std::vector<Id> p)
    : std::runtime_error("already enrolled: person " + std::to_string(p.front())),
      people(std::move(p)) {}

std::optional<Cohort> CohortService::find(Id id) {
    auto r = store_.read();
    return r->cohorts().find(id);
}

std::optional<Cohort> CohortService::resolve(const std::string& idOrCode) {
    auto r = store_.read();
    return r->cohorts().resolve(idOrCode);
}

std::vector<CohortSummary> CohortService::summaries(const std::optional<Caller>& caller) {
    auto r = store_.read();
    auto& cohorts = r->cohorts();
    std::vector<CohortSummary> out;
    for (auto& c : cohorts.list()) {
        if (caller && caller->role != Role::Admin &&
            !(caller->person && cohorts.isTrainer(c.id, *caller->person)))
            continue;
        CohortSummary s;
        s.version = cohorts.courseVersion(c.courseHash);
        s.members = cohorts.members(c.id).size();
        s.cohort = std::move(c);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<CohortSummary> CohortService::list(const Caller& caller) {
    return summaries(caller);
}

std::vector<CohortSummary> CohortService::list() {
    return summaries(std::nullopt);
}

std::optional<CohortDetail> CohortService::detail(Id id) {
    auto r = store_.read();
    auto& cohorts = r->cohorts();
    auto& people = r->people();
    auto c = cohorts.find(id);
    if (!c) return std::nullopt;
    CohortDetail d;
    d.summary.version = cohorts.courseVersion(c->courseHash);
    const auto members = cohorts.members(id);
    d.summary.members = members.size();
    for (const auto t : cohorts.trainers(id))
        if (auto p = people.find(t)) d.trainers.push_back(std::move(*p));
    for (const auto m : members)
        if (auto p = people.find(m)) d.members.push_back(std::move(*p));
    d.summary.cohort = std::move(*c);
    return d;
}

std::optional<CourseVersion> CohortService::resolveCourseVersion(const std::string& hashOrPrefix) {
    auto r = store_.read();
    return r->cohorts().resolveCourseVersion(hashOrPrefix);
}

std::string CohortService::keepCourseVersion(const std::string& actor,
                                             const courses::Course& course) {
    std::string hash;
    store_.write(actor, [&](store::WriteUnit& w) { hash = versions_.keep(w, course); });
    return hash;
}

Id CohortService::create(const std::string& actor, const NewCohort& typed) {
    NewCohort n = typed;
    n.code = keptText("code", typed.code, TextRule{64});
    n.name = keptText("name", typed.name, kLineText);
    Id id = 0;
    store_.write(actor, [&](store::WriteUnit& w) {
        auto& cohorts = w.cohorts();
        if (const auto taken = cohorts.findByCode(n.code)) throw CohortCodeTaken(n.code, taken->id);
        const std::string hash = versions_.keep(w, *n.course);
        id = cohorts.create(store::Cohort{0, n.code, n.name, hash, n.startsOn, n.endsOn,
                                          n.capacity.value_or(n.course->cohortDefaults.capacity)});
        for (const auto t : n.trainers)
            cohorts.addTrainer(id, t);
    });
    return id;
}

void CohortService::enroll(const std::string& actor, Id cohort, const std::vector<Id>& people,
                           const std::string& on) {
    store_.write(actor, [&](store::WriteUnit& w) {
        auto& cohorts = w.cohorts();
        std::vector<Id> enrolled;
        for (const auto p : people)
            if (cohorts.isEnrolled(cohort, p)) enrolled.push_back(p);
        if (!enrolled.empty()) throw AlreadyEnrolled(std::move(enrolled));
        for (const auto p : people)
            cohorts.enroll(cohort, p, on);
    });
}

} // namespace yanzhen::services
