/// \file CohortMembers.hpp
/// Where each member of a cohort stands on a day, for the trainer who asks "who is behind":
/// per requirement set its status, how far along, whether that is behind the cohort's
/// calendar, and what is left; filtered and sorted as asked. Read from the members' kept
/// standings, as the cohort report is.
#pragma once

#include "services/Records.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/standings/AnswerFormat.hpp"

#include "rules/Outcome.hpp"

#include <yanzhen/text.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One requirement set of one member.
struct SetStanding {
    rules::Status status = rules::Status::Unmet;
    double fraction = 0;
    /// A set the cohort leads to (scheduledSets), not met, and less far along than the share
    /// of the cohort's days gone by.
    bool behind = false;
    std::vector<rules::LeftItem> left; ///< empty when met or waived
};

struct MemberStanding {
    Person person;
    std::map<std::string, SetStanding> sets; ///< by set name; every set of the course
    bool behind() const;
};

/// What a trainer asks of the list. A filter or a sort on `set` only (when given), else on
/// any set (a filter) or the member's weakest set (the fraction sort).
struct MemberQuery {
    enum class Sort { Code, Name, Fraction };
    std::optional<std::string> set;
    /// met, in_progress, unmet, waived, or behind.
    std::optional<std::string> status;
    Sort sort = Sort::Code; ///< Fraction: the least far along first
};

struct CohortMembers {
    Cohort cohort;
    std::int32_t day = 0;
    /// The share of the cohort's days gone by on `day`: 0 before it starts, 1 after it ends.
    double elapsed = 0;
    std::vector<MemberStanding> members; ///< filtered and sorted
};

/// Thrown for a set the cohort's course does not have; `message` names the sets it has, as
/// the API and the command line both say it.
struct UnknownSet : std::runtime_error {
    UnknownSet(std::string set, const std::vector<std::string>& known);
    std::string set;
    Text message;
};

/// The sets a cohort's calendar leads to, which can be behind it: each credential's set
/// (`when`) and every set those refer to; every set when the course issues no credential.
/// Renewal sets and goals beyond the credentials (a contest's top three) have no schedule.
std::set<std::string> scheduledSets(const courses::Course& course);

/// The orders a query may ask for, by name (code, name, fraction); nothing for another name.
std::optional<MemberQuery::Sort> memberSort(const std::string& name);
const std::vector<std::string>& memberSorts();

/// The statuses a query may ask for.
const std::vector<std::string>& memberStatuses();

/// The members of `cohort` on `day`, as `query` asks. Throws CourseUnavailable (as
/// reportCohort) and UnknownSet.
CohortMembers cohortMembers(Store& store, CourseVersions& versions, const AnswerFormat& format,
                            const Cohort& cohort, std::int32_t day, const MemberQuery& query);

} // namespace yanzhen::services
