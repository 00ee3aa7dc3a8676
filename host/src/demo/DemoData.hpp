/// \file DemoData.hpp
/// The demo district behind `yanzhen init --demo`: Jiangyuan District as source-article.txt
/// describes it (10 towns and streets, 31 communities, 177 grids; 65 social workers, 294
/// committee members, 31 governance officers, 62 party-affairs workers), five cohorts of
/// 头雁领航·雏雁丰羽 with their sessions and evidence, and the national certificates that nearly
/// half of the social workers hold. Invented people, plausible records: a place to try every
/// screen and command without real data.
#pragma once

#include "courses/Course.hpp"
#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::demo {

/// The course the demo's cohorts take.
inline const char* const kDemoCourse = "touyan-linghang";

struct DemoOptions {
    std::uint64_t seed = 1; ///< the same seed and date give the same district
    std::int32_t today = 0; ///< days since 1970-01-01: cohorts 1-4 lie before it, cohort 5 spans it
};

/// A person worth opening (`yanzhen progress CODE`), and why. `state` names the case, for
/// programs: national_certificate (licensed through the equivalence), licensed (through the
/// district tests), in_progress (cohort 5), ethics_floor (drills failed on the ethics floor),
/// lapsed (national registration ran out).
struct DemoSuggestion {
    std::string state;
    std::string code;
    std::string name;
    Text why;
};

/// What went in.
struct DemoSummary {
    std::size_t streets = 0;
    std::size_t communities = 0;
    std::size_t grids = 0;
    std::size_t people = 0;
    std::size_t socialWorkers = 0;
    std::size_t committeeMembers = 0;
    std::size_t governanceOfficers = 0;
    std::size_t partyAffairs = 0;
    std::size_t trainers = 0;
    double averageAge = 0;  ///< of the 390 community workers, on the day
    double degreeShare = 0; ///< of them with a bachelor's degree or more, 0..1
    std::size_t cohorts = 0;
    std::size_t enrollments = 0;
    std::size_t sessions = 0;
    std::size_t sessionsAhead = 0; ///< of cohort 5, on or after the day
    std::size_t evidence = 0;
    std::size_t nationalHolders =
        0; ///< social workers whose national credential is in force on the day
    std::vector<DemoSuggestion> suggestions; ///< in the order of DemoSuggestion::state's list
};

/// Refused: the database already has people (or the demo's org units), so demo rows would mix
/// with real ones. The message says so in both languages.
struct DemoRefused : std::runtime_error {
    explicit DemoRefused(Text message) : std::runtime_error(message.en), text(std::move(message)) {}
    Text text;
};

/// Writes the demo district in `unit`, under the district root `district`, with cohorts pinned to
/// `courseHash`, the kept version of `course` (touyan-linghang, loaded with its plugins: every
/// evidence row is checked against their schemas). Throws DemoRefused when the database has
/// people; std::invalid_argument when `course` lacks a module or template the demo uses;
/// store::StoreError from the store. The caller's transaction then rolls back: all or nothing.
DemoSummary populateDemo(store::WriteUnit& unit, store::Id district, const courses::Course& course,
                         const std::string& courseHash, const DemoOptions& options);

} // namespace yanzhen::demo
