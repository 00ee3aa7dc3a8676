#include "services/evidence/EvidenceQueries.hpp"

#include "store/CohortRepository.hpp"
#include "store/EvidenceRepository.hpp"
#include "store/ReadSnapshot.hpp"
#include "store/SessionRepository.hpp"

namespace yanzhen::services {

std::optional<EvidenceRow> EvidenceQueries::find(Id id) {
    auto r = db_.read();
    return store::EvidenceRepository(*r).find(id);
}

std::optional<std::vector<EvidenceRow>> EvidenceQueries::historyOf(Id person) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r);
    if (!store::PeopleRepository(*r).find(person)) return std::nullopt;
    return store::EvidenceRepository(*r).history(person);
}

EvidencePlacement EvidenceQueries::place(std::optional<Id> session, std::optional<Id> person,
                                         const std::string& courseId) {
    auto r = db_.read();
    const store::ReadSnapshot snapshot(r);
    store::CohortRepository cohorts(*r);
    EvidencePlacement out;
    if (session) {
        out.session = store::SessionRepository(*r).find(*session);
        if (out.session) out.cohort = cohorts.find(out.session->cohortId);
    } else if (person && !courseId.empty()) {
        for (auto& c : cohorts.cohortsOf(*person)) { // newest first, as the checker picks
            const auto v = cohorts.courseVersion(c.courseHash);
            if (!v || v->courseId != courseId) continue;
            out.cohort = std::move(c);
            break;
        }
    }
    if (person && out.cohort) out.enrolled = cohorts.isEnrolled(out.cohort->id, *person);
    return out;
}

} // namespace yanzhen::services
