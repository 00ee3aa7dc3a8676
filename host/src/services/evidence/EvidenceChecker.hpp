/// \file EvidenceChecker.hpp
/// Evidence as people give it (a command line, a CSV row, a form), checked against the records
/// (the worker, their enrollment, the session) and against the schema of the evidence kind the
/// module's plugin declares: the row to store, or everything wrong with it.
#pragma once

#include "services/progress/CourseVersions.hpp"

#include "plugins/PluginRegistry.hpp"
#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace yanzhen::services {

/// One evidence row as a person writes it. Either `session`, or `module`, `ref` and `date`
/// (with `course`; an empty course makes it a personal record, such as a credential or a
/// national exam result, and `module` is then the plugin's id).
struct EvidenceInput {
    std::string worker;  ///< a staff number or an id
    std::string session; ///< a session id: module, ref, day and course come from the session
    std::string course;  ///< a course id
    std::string module;
    std::string ref;
    std::string date; ///< YYYY-MM-DD
    std::string kind;
    std::map<std::string, std::string> fields; ///< the values given; an empty value is absent
};

struct CheckedEvidence {
    std::optional<store::EvidenceRow> row; ///< ready to write; set when there is no problem
    std::vector<Text> problems;            ///< everything wrong with the input
};

/// Checks evidence inputs. What it looks up (workers, their cohorts, sessions, cohorts, course
/// versions) it keeps for as long as it lives, so that one checker over a file of 100,000 rows
/// about 500 workers asks the database about 500 times, not 100,000. Not thread-safe.
class EvidenceChecker {
public:
    /// All three must outlive the checker.
    EvidenceChecker(store::Store& store, CourseVersions& versions,
                    const plugins::PluginRegistry& registry);

    /// The row to write, or every problem found. Never throws for bad input; throws
    /// store::StoreError when the database cannot be read.
    CheckedEvidence check(const EvidenceInput& input);

    /// The person a staff number or id names (cached); nothing when there is none.
    std::optional<store::Id> person(const std::string& idOrCode);

private:
    struct Target {
        std::optional<std::string> courseId;
        std::string module;
        std::string ref;
        std::int32_t day = 0;
        std::optional<store::Id> sessionId;
        const EvidenceKind* kind = nullptr;
    };
    std::optional<store::Session> session(store::Id id);
    std::optional<store::Cohort> cohort(store::Id id);
    const std::vector<store::Cohort>& cohortsOf(store::Id person);
    /// The course version a cohort is pinned to; a problem when it does not load.
    std::shared_ptr<const courses::Course> course(const store::Cohort& cohort,
                                                  std::vector<Text>& problems);
    bool fromSession(const EvidenceInput& in, std::optional<store::Id> person, Target& t,
                     std::vector<Text>& problems);
    bool fromCourse(const EvidenceInput& in, std::optional<store::Id> person, Target& t,
                    std::vector<Text>& problems);
    bool personal(const EvidenceInput& in, Target& t, std::vector<Text>& problems);
    /// Finds the kind `in.kind` in `info`; a problem naming `where` when there is none.
    const EvidenceKind* kindOf(const PluginInfo& info, const EvidenceInput& in, const Text& where,
                               std::vector<Text>& problems);

    /// Everything the checker looks up comes from one moment of the records, one read
    /// snapshot: a file's 5 million rows once took a WAL lock per staff number.
    std::unique_ptr<store::ReadUnit> snapshot_;
    CourseVersions& versions_;
    const plugins::PluginRegistry& registry_;
    std::unordered_map<std::string, std::optional<store::Id>> people_;
    std::unordered_map<store::Id, std::vector<store::Cohort>> cohortsOf_;
    std::unordered_map<store::Id, std::optional<store::Session>> sessions_;
    std::unordered_map<store::Id, std::optional<store::Cohort>> cohorts_;
    std::unordered_map<std::string, std::shared_ptr<const courses::Course>> courses_;
};

} // namespace yanzhen::services
