#include "services/evidence/EvidenceQueries.hpp"

namespace yanzhen::services {

std::optional<EvidenceRow> EvidenceQueries::find(Id id) {
    auto r = store_.read();
    return r->evidence().find(id);
}

std::optional<std::vector<EvidenceRow>> EvidenceQueries::historyOf(Id person) {
    auto r = store_.read();
    if (!r->people().find(person)) return std::nullopt;
    return r->evidence().history(person);
}

EvidencePlacement EvidenceQueries::place(std::optional<Id> session, std::optional<Id> person,
                                         const std::string& courseId) {
    auto r = store_.read();
    auto& cohorts = r->cohorts();
    EvidencePlacement out;
    if (session) {
        out.session = r->sessions().find(*session);
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
