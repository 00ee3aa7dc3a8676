// competitions -- 专题"赛马" (themed competitions): contests on a theme in which a cohort's
// workers are ranked against each other.
//
// What it does
//   Records each entrant's score per round of a contest, ranks a cohort's entrants and answers
//   whether a worker entered enough contests, or placed high enough in one. A round's score may
//   be recorded more than once (a judge corrects a sheet): per entrant and round the latest
//   record counts. The total is the sum of the round scores; penalties do not reduce it, they
//   only break ties when the contest says so. Rows dated after the evaluation date, and rows
//   for a round the contest does not have, do not count.
//
// Evidence kinds
//   entry        ref: the contest's id
//                round: one of the contest's rounds          score: a number
//                penalties: a number (optional, default 0)   submitted: "HH:MM" (optional; the
//                time on the row's day the entrant handed in)
//
// Module config
//   contests:                         required, at least one
//     - id: skills
//       title: {zh: 全科社工技能大赛, en: General-practice skills contest}
//       rounds: [prelim, final]       in order; the last one is the final round
//       tie_break: [final_round, fewer_penalties, earlier_submission]   optional, in order
//   Tie-break rules: final_round (the higher last-round score wins; no last-round entry loses),
//   fewer_penalties (the fewer penalties over all rounds wins), earlier_submission (the earlier
//   day and time of the last-round entry wins; a missing time is the end of its day, a missing
//   entry comes last). Entrants equal on the total and on every listed rule are tied: they
//   share a place and the next place skips (1, 1, 3).
//
// Standings
//   The host ranks a contest's entrants through rank(contest id); each standing carries a
//   detail line, "total 182; final 95; penalties 1" / "总分 182；决赛 95；罚分 1".
//
// Leaves
//   participate   min: 2 (default 1)       entered at least `min` of the contests ...
//                 contests: [skills, law]  ... of these (default: all of the module's)
//                 "contests entered 1/2" / "参赛 1/2 项"
//   place         contest: skills          placed `top` or better in `contest`; a cohort
//                 top: 3                   leaf: it is evaluated over the cohort's rows.
//                 have is the place (0 when not entered), need is `top`.
//                 "placed 2= of 12 in General-practice skills contest (top 3 needed)" /
//                 "全科社工技能大赛 并列第 2 名（共 12 人，需前 3 名）"
//
// Example
//   - competitions.place: {id: podium, label: {zh: 技能大赛前三, en: Top 3 in skills},
//                          contest: skills, top: 3}
//   Totals 190, 182, 182 with the two 182s equal on every rule: places 1, 2=, 2=; both are met.

#include "competitions.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

namespace {

using competitions::Contest;
using competitions::TieBreak;
using yanzhen::addUnique;
using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::expectMap;
using yanzhen::FieldType;
using yanzhen::forEachItem;
using yanzhen::lookup;
using yanzhen::lookupDeclared;
using yanzhen::readIds;
using yanzhen::requireNonEmptyList;
using yanzhen::resolveIds;
using yanzhen::Text;

const Text kContest{"竞赛", "contest"};
const std::vector<std::pair<std::string, TieBreak>> kTieBreaks{
    {"final_round", TieBreak::FinalRound},
    {"fewer_penalties", TieBreak::FewerPenalties},
    {"earlier_submission", TieBreak::EarlierSubmission}};

/// Reads a contest's rounds and tie-break rules into `contest`.
void readRoundsAndRules(const Config& c, Contest& contest, Diagnostics& diags) {
    if (requireNonEmptyList(c["rounds"], Text{"轮次", "rounds"}, diags))
        contest.rounds = readIds(c["rounds"], Text{"轮次", "round"}, diags);
    const Config rules = c["tie_break"];
    if (!rules.isNull() && !rules.isList()) rules.expected(diags, "列表", "a list");
    std::vector<std::string> names;
    for (const auto& [name, _] : kTieBreaks)
        names.push_back(name);
    std::vector<std::string> seen;
    for (std::size_t i = 0; rules.isList() && i < rules.size(); ++i) {
        const auto name = rules.at(i).string(diags);
        if (!name) continue;
        const Text unknown{"未知的并列判定规则“" + *name + "”",
                           "unknown tie-break rule '" + *name + "'"};
        const auto rule = lookup(rules.at(i), *name, names, unknown, diags);
        if (rule &&
            addUnique(rules.at(i), *name, Text{"并列判定规则", "tie-break rule"}, seen, diags))
            contest.tieBreaks.push_back(kTieBreaks[*rule].second);
    }
}

struct ParticipateLeaf {
    std::vector<std::size_t> contests; ///< indices into the module's contests
    std::size_t min = 1;
};

struct PlaceLeaf {
    std::size_t contest = 0;
    std::int64_t top = 1;
};

class CompetitionsModule final : public yanzhen::Module {
public:
    explicit CompetitionsModule(std::vector<Contest> contests) : contests_(std::move(contests)) {}

    int compileLeaf(std::string_view type, const Config& config, Diagnostics& diags) override {
        if (type == "place") {
            PlaceLeaf leaf;
            const auto id = config["contest"].string(diags);
            const auto contest =
                id ? lookupDeclared(config["contest"], *id, ids(), kContest, diags) : std::nullopt;
            const auto top = config["top"].integer(diags);
            if (!contest || !top) return -1;
            leaf.contest = *contest;
            leaf.top = *top;
            leaves_.emplace_back(leaf);
            return static_cast<int>(leaves_.size() - 1);
        }
        ParticipateLeaf leaf;
        const Config list = config["contests"];
        leaf.contests = resolveIds(list, ids(), kContest, diags);
        if (list.isNull())
            for (std::size_t i = 0; i < contests_.size(); ++i)
                leaf.contests.push_back(i);
        const auto available =
            static_cast<std::int64_t>(list.isNull() ? contests_.size() : list.size());
        const auto min =
            config.has("min") ? config["min"].integerIn(1, available, diags) : std::nullopt;
        if (min) leaf.min = static_cast<std::size_t>(*min);
        leaves_.emplace_back(leaf);
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const auto& leaf = leaves_.at(static_cast<std::size_t>(handle));
        const auto* place = std::get_if<PlaceLeaf>(&leaf);
        auto r = place ? evaluatePlace(*place, input)
                       : evaluateParticipate(std::get<ParticipateLeaf>(leaf), input);
        // Entries and placings count rows (the cohort's, for a placing) dated up to today.
        r.holdsUntil = input.untilNextRow();
        return r;
    }

    std::vector<yanzhen::Standing> rank(std::string_view ref,
                                        const yanzhen::EvaluationInput& input) const override {
        for (const auto& contest : contests_)
            if (contest.id == ref) return competitions::standings(contest, input);
        const std::string what = "no contest '" + std::string(ref) + "' is declared in the module";
        throw std::invalid_argument(yanzhen::withDidYouMean(Text{what, what}, ref, ids()).en);
    }

private:
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& c : contests_)
            out.push_back(c.id);
        return out;
    }

    yanzhen::LeafResult evaluateParticipate(const ParticipateLeaf& leaf,
                                            const yanzhen::EvaluationInput& input) const {
        std::set<std::size_t> entered;
        for (const auto row : input) {
            if (row.worker() != input.worker() || row.day() > input.today()) continue;
            for (const std::size_t i : leaf.contests)
                if (contests_[i].id == row.ref() &&
                    competitions::roundIndex(contests_[i], row.text(competitions::kRoundField)) >=
                        0)
                    entered.insert(i);
        }
        yanzhen::LeafResult r;
        r.have = static_cast<double>(entered.size());
        r.need = static_cast<double>(leaf.min);
        r.met = entered.size() >= leaf.min;
        r.unit = "项";
        const std::string counts = std::to_string(entered.size()) + "/" + std::to_string(leaf.min);
        r.sentence = Text{"参赛 " + counts + " 项", "contests entered " + counts};
        return r;
    }

    yanzhen::LeafResult evaluatePlace(const PlaceLeaf& leaf,
                                      const yanzhen::EvaluationInput& input) const {
        const Contest& contest = contests_[leaf.contest];
        const auto table = competitions::placings(contest, input);
        yanzhen::LeafResult r;
        r.need = static_cast<double>(leaf.top);
        r.unit = "名";
        const auto mine =
            std::find_if(table.begin(), table.end(), [&](const competitions::Placing& s) {
                return s.worker == input.worker();
            });
        if (mine == table.end()) {
            r.sentence = Text{"未参加 " + contest.title.zh, "did not enter " + contest.title.en};
            return r;
        }
        const auto sharing =
            std::count_if(table.begin(), table.end(),
                          [&](const competitions::Placing& s) { return s.place == mine->place; });
        const bool tied = sharing > 1;
        const std::string place = std::to_string(mine->place);
        const std::string of = std::to_string(table.size());
        const std::string top = std::to_string(leaf.top);
        r.have = mine->place;
        r.met = static_cast<std::int64_t>(mine->place) <= leaf.top;
        r.sentence.zh = contest.title.zh + (tied ? " 并列第 " : " 第 ") + place + " 名（共 " + of +
                        " 人，需前 " + top + " 名）";
        r.sentence.en = "placed " + place + (tied ? "=" : "") + " of " + of + " in " +
                        contest.title.en + " (top " + top + " needed)";
        return r;
    }

    std::vector<Contest> contests_;
    std::vector<std::variant<ParticipateLeaf, PlaceLeaf>> leaves_;
};

class CompetitionsPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"专题赛马", "Themed competitions"},
            .status = yanzhen::Status::Stable,
            .kinds =
                {{.id = "entry",
                  .label = {"参赛成绩", "Contest entry"},
                  .fields =
                      {{.name = "round", .type = FieldType::Text, .label = {"轮次", "Round"}},
                       {.name = "score", .type = FieldType::Number, .label = {"得分", "Score"}},
                       {.name = "penalties",
                        .type = FieldType::Number,
                        .label = {"罚分", "Penalties"},
                        .required = false,
                        .min = 0},
                       {.name = "submitted",
                        .type = FieldType::Text,
                        .label = {"提交时间（时:分）", "Submitted at (HH:MM)"},
                        .required = false}}}},
            .leaves = {{.id = "participate",
                        .label = {"参加竞赛", "Enter contests"},
                        .config = {{.name = "min",
                                    .type = FieldType::Integer,
                                    .label = {"至少参加", "At least"},
                                    .required = false,
                                    .min = 1},
                                   {.name = "contests",
                                    .type = FieldType::List,
                                    .label = {"竞赛", "Contests"},
                                    .required = false}}},
                       {.id = "place",
                        .label = {"竞赛名次", "Place in a contest"},
                        .config = {{.name = "contest",
                                    .type = FieldType::Text,
                                    .label = {"竞赛", "Contest"}},
                                   {.name = "top",
                                    .type = FieldType::Integer,
                                    .label = {"前几名", "Top"},
                                    .min = 1}},
                        .scope = yanzhen::Scope::Cohort}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config,
                                                  Diagnostics& diags) const override {
        if (!expectMap(config, {"contests"}, diags)) return nullptr;
        const Config list = config["contests"];
        if (!requireNonEmptyList(list, Text{"竞赛", "contests"}, diags)) return nullptr;
        std::vector<Contest> contests;
        forEachItem(list, {"rounds", "tie_break"}, kContest, diags,
                    [&](const Config& c, const auto& id, const auto& title) {
                        Contest contest;
                        readRoundsAndRules(c, contest, diags);
                        if (!id || !title || contest.rounds.empty()) return;
                        contest.id = *id;
                        contest.title = *title;
                        contests.push_back(std::move(contest));
                    });
        return std::make_unique<CompetitionsModule>(std::move(contests));
    }
};

} // namespace

YANZHEN_PLUGIN(CompetitionsPlugin)
