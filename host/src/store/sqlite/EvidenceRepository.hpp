/// \file EvidenceRepository.hpp
/// Evidence: append-only. A correction is a new row superseding an old one, with a reason; the
/// current evidence is every row nobody superseded.
#pragma once

#include "store/Records.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Data/Session.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

class EvidenceRepository {
public:
    explicit EvidenceRepository(Poco::Data::Session& session) : session_(session) {}

    /// Appends one row, in the audit log. Returns its id.
    Id append(WriteTransaction& tx, const EvidenceRow& row);
    /// Appends many rows with one prepared statement (the import path); one audit entry says
    /// how many and from where. Returns the first and last ids. `progress`, when given, is
    /// called every few thousand rows and at the end.
    std::pair<Id, Id> appendMany(WriteTransaction& tx, const std::vector<EvidenceRow>& rows,
                                 const std::string& source, const EvidenceProgress& progress = {});
    /// The same, for rows that come one by one from `next`. Nothing (no audit entry either)
    /// when it gives none: returns {0, 0}.
    std::pair<Id, Id> appendMany(WriteTransaction& tx, const EvidenceSource& next,
                                 const std::string& source, const EvidenceProgress& progress = {});
    /// Appends `correction` superseding row `old` (which must be current), with `reason`.
    Id supersede(WriteTransaction& tx, Id old, EvidenceRow correction, const std::string& reason);

    std::optional<EvidenceRow> find(Id id);
    /// A person's current rows for a course (and their personal rows), oldest first. One query,
    /// through the person index.
    std::vector<EvidenceRow> current(Id person, const std::string& courseId);
    /// The current rows of a whole cohort for one module of its course (rankings).
    std::vector<EvidenceRow> currentForCohort(Id cohort, const std::string& courseId,
                                              const std::string& module);
    /// Everything ever recorded about a person, corrections included, oldest first.
    std::vector<EvidenceRow> history(Id person);
    std::vector<EvidenceRow> personalRecords(const std::string& kind);

private:
    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
