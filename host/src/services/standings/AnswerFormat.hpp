/// \file AnswerFormat.hpp
/// The shape a kept standing's answer is stored in, as the services see it: written and read
/// by the layer that owns the API's JSON (json/ProgressJson.hpp), which lives above the
/// services and hands both directions down to whoever composes them.
#pragma once

#include "services/progress/ProgressService.hpp"

#include "rules/Outcome.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace yanzhen::services {

/// Writes a cohort's entry of the progress answer, as the API sends it.
using AnswerWriter = std::function<std::string(const CohortProgress&)>;

/// A cohort's entry of the answer read back: what a cohort's report and members list need of
/// each member's kept standing (fractions as the answer rounds them).
struct KeptEntry {
    struct Module {
        std::string id;
        double fraction = 0;
    };
    struct Set {
        rules::Status status = rules::Status::Unmet;
        double fraction = 0;
        std::vector<rules::LeftItem> left; ///< empty when met or waived
    };
    std::vector<Module> modules; ///< in the course's order
    std::map<std::string, Set> sets;
};

/// Reads an entry AnswerWriter wrote; throws std::runtime_error on anything else.
using AnswerReader = std::function<KeptEntry(const std::string& answer)>;

/// The answer's shape both ways, from the layer that owns it (json::answerFormat()).
struct AnswerFormat {
    AnswerWriter write;
    AnswerReader read;
};

} // namespace yanzhen::services
