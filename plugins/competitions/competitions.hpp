/// \file competitions.hpp
/// What competitions.cpp (configuration, leaves, the plugin) and standings.cpp (ranking) share.
/// Private to this plugin.
#pragma once

#include <yanzhen/plugin.hpp>

#include <string>
#include <vector>

namespace competitions {

/// The tie-break rules a contest may list, applied in the order it lists them.
enum class TieBreak { FinalRound, FewerPenalties, EarlierSubmission };

/// One contest of the module, as parsed from its configuration.
struct Contest {
    std::string id;
    yanzhen::Text title;
    std::vector<std::string> rounds; ///< in order; the last one is the final round
    std::vector<TieBreak> tieBreaks;
};

/// Field indices of the `entry` evidence kind, in declaration order.
constexpr std::size_t kRoundField = 0;
constexpr std::size_t kScoreField = 1;
constexpr std::size_t kPenaltiesField = 2;
constexpr std::size_t kSubmittedField = 3;

/// The index of `round` among the contest's rounds, or -1 when the contest has no such round.
int roundIndex(const Contest& contest, std::string_view round);

/// The standings of `contest` among every worker of `input` with an entry recorded on or
/// before input.today(), best first. Entrants equal on the total and on every tie-break rule
/// share a place, and the next place skips (1, 1, 3); tied entrants are listed by worker id.
std::vector<yanzhen::Standing> standings(const Contest& contest,
                                         const yanzhen::EvaluationInput& input);

/// One entrant's place, without the detail line: what a place leaf needs.
struct Placing {
    std::int64_t worker;
    std::uint32_t place;
};

/// The places of standings(), same order, without formatting a detail line per entrant (that
/// formatting was most of a place leaf's cost, and a leaf never shows it).
std::vector<Placing> placings(const Contest& contest, const yanzhen::EvaluationInput& input);

} // namespace competitions
