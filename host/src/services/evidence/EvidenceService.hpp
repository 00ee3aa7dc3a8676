/// \file EvidenceService.hpp
/// Recording evidence one row at a time (the command line, a form): checked by EvidenceChecker,
/// then appended, or appended as the correction of an earlier row (which stays: append only).
#pragma once

#include "services/evidence/EvidenceChecker.hpp"

#include <Poco/Dynamic/Var.h>

#include <stdexcept>

namespace yanzhen::services {

/// The input was refused; `problems` says why, each in both languages.
struct EvidenceRejected : std::runtime_error {
    explicit EvidenceRejected(std::vector<Text> problems);
    std::vector<Text> problems;
};

class EvidenceService {
public:
    /// All three must outlive the service.
    EvidenceService(store::Store& store, CourseVersions& versions,
                    const plugins::PluginRegistry& registry)
        : store_(store), versions_(versions), registry_(registry) {}

    /// Records one row as `actor`, in the audit log; returns its id. Throws EvidenceRejected.
    store::Id record(const EvidenceInput& input, const std::string& actor);

    /// Records `input` as the correction of row `old`, with `reason`; the old row stays (append
    /// only) and is superseded. What `input` leaves empty comes from the old row: the worker,
    /// the session or course, module, ref and date, the kind; with the same kind, the old row's
    /// fields are kept except those `input` gives (an empty value removes one). The correction
    /// must be about the same worker, course and module. Returns the new row's id. Throws
    /// EvidenceRejected (also when `old` does not exist or was already corrected).
    store::Id correct(store::Id old, EvidenceInput input, const std::string& reason,
                      const std::string& actor);

private:
    store::Store& store_;
    CourseVersions& versions_;
    const plugins::PluginRegistry& registry_;
};

/// A stored field value as a person would type it back ("25", "assessment=25;plan=22").
std::string fieldText(const Poco::Dynamic::Var& value);

} // namespace yanzhen::services
