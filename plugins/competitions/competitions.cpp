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
//   - competitions.place: {id: podium, label: {zh: 技能大赛前三, en: Top 3 in skills}, contest: skills, top: 3}
//   Totals 190, 182, 182 with the two 182s equal on every rule: places 1, 2=, 2=; both are met.

#include "competitions.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <variant>

namespace {

using competitions::Contest;
using competitions::TieBreak;
using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::Text;

const std::vector<std::pair<std::string, TieBreak>> kTieBreaks{{"final_round", TieBreak::FinalRound},
                                                                {"fewer_penalties", TieBreak::FewerPenalties},
                                                                {"earlier_submission", TieBreak::EarlierSubmission}};

/// `message` followed by "did you mean" when a close enough hint exists.
Text withHint(Text message, const std::string& hint) {
    if (hint.empty()) return message;
    message.zh += "，是否想写“" + hint + "”？";
    message.en += "; did you mean '" + hint + "'?";
    return message;
}

/// Reports every key of the map `config` that is not in `known`, with the closest known key.
void reportUnknownKeys(const Config& config, const std::vector<std::string>& known, Diagnostics& diags) {
    for (const auto& key : config.keys())
        if (std::find(known.begin(), known.end(), key) == known.end())
            diags.error(config[key].path(), withHint(Text{"未知的键“" + key + "”", "unknown key '" + key + "'"},
                                                     yanzhen::closestMatch(key, known)));
}

/// A `{zh: ..., en: ...}` title; reports and returns nothing when either language is missing.
std::optional<Text> parseTitle(const Config& title, Diagnostics& diags) {
    if (!title.isMap()) {
        title.expected(diags, "含 zh 和 en 的标题", "a title with zh and en");
        return std::nullopt;
    }
    reportUnknownKeys(title, {"zh", "en"}, diags);
    const auto zh = title["zh"].string(diags);
    const auto en = title["en"].string(diags);
    if (!zh || !en) return std::nullopt;
    return Text{*zh, *en};
}

std::optional<Contest> parseContest(const Config& c, Diagnostics& diags) {
    if (!c.isMap()) {
        c.expected(diags, "竞赛（含 id、title、rounds）", "a contest with id, title and rounds");
        return std::nullopt;
    }
    reportUnknownKeys(c, {"id", "title", "rounds", "tie_break"}, diags);
    Contest contest;
    const auto id = c["id"].string(diags);
    const auto title = parseTitle(c["title"], diags);
    const Config rounds = c["rounds"];
    if (!rounds.isList() || rounds.size() == 0)
        rounds.expected(diags, "非空的轮次列表", "a non-empty list of rounds");
    for (std::size_t i = 0; rounds.isList() && i < rounds.size(); ++i) {
        const auto round = rounds.at(i).string(diags);
        if (!round) continue;
        if (competitions::roundIndex(contest, *round) >= 0)
            diags.error(rounds.at(i).path(), Text{"轮次“" + *round + "”重复", "duplicate round '" + *round + "'"});
        contest.rounds.push_back(*round);
    }
    const Config rules = c["tie_break"];
    if (!rules.isNull() && !rules.isList()) rules.expected(diags, "列表", "a list");
    std::vector<std::string> names;
    for (const auto& [name, _] : kTieBreaks) names.push_back(name);
    for (std::size_t i = 0; rules.isList() && i < rules.size(); ++i) {
        const auto name = rules.at(i).string(diags);
        if (!name) continue;
        const auto it =
            std::find_if(kTieBreaks.begin(), kTieBreaks.end(), [&](const auto& r) { return r.first == *name; });
        if (it == kTieBreaks.end()) {
            diags.error(rules.at(i).path(),
                        withHint(Text{"未知的并列判定规则“" + *name + "”", "unknown tie-break rule '" + *name + "'"},
                                 yanzhen::closestMatch(*name, names)));
            continue;
        }
        if (std::find(contest.tieBreaks.begin(), contest.tieBreaks.end(), it->second) != contest.tieBreaks.end())
            diags.error(rules.at(i).path(),
                        Text{"并列判定规则“" + *name + "”重复", "duplicate tie-break rule '" + *name + "'"});
        contest.tieBreaks.push_back(it->second);
    }
    if (!id || !title || contest.rounds.empty()) return std::nullopt;
    contest.id = *id;
    contest.title = *title;
    return contest;
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
            const auto contest = findContest(config["contest"], diags);
            const auto top = config["top"].integer(diags);
            if (!contest || !top) return -1;
            leaf.contest = *contest;
            leaf.top = *top;
            leaves_.emplace_back(leaf);
            return static_cast<int>(leaves_.size() - 1);
        }
        ParticipateLeaf leaf;
        const Config list = config["contests"];
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto contest = findContest(list.at(i), diags);
            if (!contest) continue;
            if (std::find(leaf.contests.begin(), leaf.contests.end(), *contest) != leaf.contests.end()) {
                const std::string& id = contests_[*contest].id;
                diags.error(list.at(i).path(), Text{"竞赛“" + id + "”重复", "duplicate contest '" + id + "'"});
            }
            leaf.contests.push_back(*contest);
        }
        if (list.isList() && list.size() == 0)
            diags.error(list.path(), Text{"至少列出一项竞赛", "list at least one contest"});
        if (list.isNull())
            for (std::size_t i = 0; i < contests_.size(); ++i) leaf.contests.push_back(i);
        const std::size_t available = list.isNull() ? contests_.size() : list.size();
        if (config.has("min")) {
            const auto min = config["min"].integer(diags);
            if (min && static_cast<std::size_t>(*min) > available)
                config["min"].expected(diags, "1 到 " + std::to_string(available) + " 之间的整数",
                                       "an integer from 1 to " + std::to_string(available));
            else if (min)
                leaf.min = static_cast<std::size_t>(*min);
        }
        leaves_.emplace_back(leaf);
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const auto& leaf = leaves_.at(static_cast<std::size_t>(handle));
        if (const auto* place = std::get_if<PlaceLeaf>(&leaf)) return evaluatePlace(*place, input);
        return evaluateParticipate(std::get<ParticipateLeaf>(leaf), input);
    }

    std::vector<yanzhen::Standing> rank(std::string_view ref, const yanzhen::EvaluationInput& input) const override {
        for (const auto& contest : contests_)
            if (contest.id == ref) return competitions::standings(contest, input);
        const std::string hint = yanzhen::closestMatch(ref, ids());
        throw std::invalid_argument("no contest '" + std::string(ref) + "' is declared in the module" +
                                    (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }

private:
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& c : contests_) out.push_back(c.id);
        return out;
    }

    /// The index of the contest named at `at`; reports an undeclared one with a hint.
    std::optional<std::size_t> findContest(const Config& at, Diagnostics& diags) const {
        const auto id = at.string(diags);
        if (!id) return std::nullopt;
        for (std::size_t i = 0; i < contests_.size(); ++i)
            if (contests_[i].id == *id) return i;
        diags.error(at.path(), withHint(Text{"模块中没有声明竞赛“" + *id + "”",
                                             "no contest '" + *id + "' is declared in the module"},
                                        yanzhen::closestMatch(*id, ids())));
        return std::nullopt;
    }

    yanzhen::LeafResult evaluateParticipate(const ParticipateLeaf& leaf, const yanzhen::EvaluationInput& input) const {
        std::set<std::size_t> entered;
        for (const auto row : input) {
            if (row.worker() != input.worker() || row.day() > input.today()) continue;
            for (const std::size_t i : leaf.contests)
                if (contests_[i].id == row.ref() &&
                    competitions::roundIndex(contests_[i], row.text(competitions::kRoundField)) >= 0)
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

    yanzhen::LeafResult evaluatePlace(const PlaceLeaf& leaf, const yanzhen::EvaluationInput& input) const {
        const Contest& contest = contests_[leaf.contest];
        const auto table = competitions::standings(contest, input);
        yanzhen::LeafResult r;
        r.need = static_cast<double>(leaf.top);
        r.unit = "名";
        const auto mine = std::find_if(table.begin(), table.end(),
                                       [&](const yanzhen::Standing& s) { return s.worker == input.worker(); });
        if (mine == table.end()) {
            r.sentence = Text{"未参加 " + contest.title.zh, "did not enter " + contest.title.en};
            return r;
        }
        const auto sharing = std::count_if(table.begin(), table.end(),
                                           [&](const yanzhen::Standing& s) { return s.place == mine->place; });
        const bool tied = sharing > 1;
        const std::string place = std::to_string(mine->place);
        const std::string of = std::to_string(table.size());
        const std::string top = std::to_string(leaf.top);
        r.have = mine->place;
        r.met = static_cast<std::int64_t>(mine->place) <= leaf.top;
        r.sentence.zh =
            contest.title.zh + (tied ? " 并列第 " : " 第 ") + place + " 名（共 " + of + " 人，需前 " + top + " 名）";
        r.sentence.en = "placed " + place + (tied ? "=" : "") + " of " + of + " in " + contest.title.en + " (top " +
                        top + " needed)";
        return r;
    }

    std::vector<Contest> contests_;
    std::vector<std::variant<ParticipateLeaf, PlaceLeaf>> leaves_;
};

class CompetitionsPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        using yanzhen::FieldType;
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"专题赛马", "Themed competitions"},
            .status = yanzhen::Status::Stable,
            .kinds = {{.id = "entry",
                       .label = {"参赛成绩", "Contest entry"},
                       .fields = {{.name = "round", .type = FieldType::Text, .label = {"轮次", "Round"}},
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
                        .config = {{.name = "contest", .type = FieldType::Text, .label = {"竞赛", "Contest"}},
                                   {.name = "top", .type = FieldType::Integer, .label = {"前几名", "Top"}, .min = 1}},
                        .scope = yanzhen::Scope::Cohort}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config, Diagnostics& diags) const override {
        if (!config.isMap()) {
            config.expected(diags, "映射", "a mapping");
            return nullptr;
        }
        reportUnknownKeys(config, {"contests"}, diags);
        const Config list = config["contests"];
        if (!list.isList() || list.size() == 0) {
            list.expected(diags, "非空的竞赛列表", "a non-empty list of contests");
            return nullptr;
        }
        std::vector<Contest> contests;
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto contest = parseContest(list.at(i), diags);
            if (!contest) continue;
            const bool duplicate = std::any_of(contests.begin(), contests.end(),
                                               [&](const Contest& c) { return c.id == contest->id; });
            if (duplicate)
                diags.error(list.at(i)["id"].path(),
                            Text{"竞赛 id“" + contest->id + "”重复", "duplicate contest id '" + contest->id + "'"});
            contests.push_back(std::move(*contest));
        }
        return std::make_unique<CompetitionsModule>(std::move(contests));
    }
};

} // namespace

YANZHEN_PLUGIN(CompetitionsPlugin)
