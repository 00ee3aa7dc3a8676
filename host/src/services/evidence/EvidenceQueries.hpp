/// \file EvidenceQueries.hpp
/// The evidence records as their readers ask for them: one row, a worker's history, and where a
/// new row would go (the session and cohort a form names), each in one snapshot.
#pragma once

#include "services/Records.hpp"

#include "store/Store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::services {

/// Where a row would be filed, as the evidence checker will file it.
struct EvidencePlacement {
    std::optional<Session> session; ///< the session asked for, when it exists
    /// The session's cohort; without a session, the newest of the person's cohorts of the
    /// course asked for.
    std::optional<Cohort> cohort;
    bool enrolled = false; ///< the person is enrolled in `cohort`
};

class EvidenceQueries {
public:
    explicit EvidenceQueries(store::Store& store) : store_(store) {}

    std::optional<EvidenceRow> find(Id id);
    /// Every row of `person`, superseded ones included, oldest first; nothing when there is no
    /// such person.
    std::optional<std::vector<EvidenceRow>> historyOf(Id person);
    /// With `session`: that session and its cohort. Else, with `person` and `courseId`: the
    /// newest cohort of that course the person is enrolled in.
    EvidencePlacement place(std::optional<Id> session, std::optional<Id> person,
                            const std::string& courseId);

private:
    store::Store& store_;
};

} // namespace yanzhen::services
