// drills -- 实战演练 (practical drills): home visits, crisis interventions, group work, scored
// against a rubric by an assessor.
//
// What it does
//   Scores each attempt at a drill against the drill's rubric and answers whether a worker
//   passed enough of the drills a course lists. An attempt passes when its weighted total
//   reaches the rubric's pass mark AND every criterion with a floor reaches that floor: 78
//   points with 8 of 15 on ethics (floor 9) is not a pass. A criterion left unscored counts
//   as 0; a score above a criterion's max counts as given (the host checks the input).
//
// Evidence kinds
//   attempt   ref: the assessment's id
//             scores: criterion id -> score
//             note:   the assessor's remark (optional)
//
// Module config
//   rubrics:       (required) rubric id -> {pass: >= 0, criteria: [{id, title: {zh, en}, max: > 0,
//                  weight: >= 0 (default 1), floor: 0 .. max (optional)}, ...]}
//   assessments:   (required) [{id, title: {zh, en}, rubric: <rubric id>}, ...]; ids unique
//
// Leaves
//   pass   assessments: [d1, d2, d3]       the drills that count
//          min: 2                           how many of them must be passed (default: all)
//          attempt: best | latest | first   which attempt of each drill counts (default best:
//                                           the passing attempt with the highest total, else
//                                           the highest total); latest and first go by seq
//          max_attempts: 2                  only the first 2 attempts (by seq) count at all
//
// Example
//   - drills.pass: {id: drills, label: {zh: 通过三项演练, en: Pass three drills},
//                   assessments: [d1, d2, d3]}
//   "演练通过 2/3：入户走访 得分 78，但 伦理与安全 8 < 9" /
//   "drills passed 2/3: Home visit scored 78 but Ethics and safety 8 < 9".

#include <yanzhen/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::expectMap;
using yanzhen::FieldType;
using yanzhen::forEachItem;
using yanzhen::formatNumber;
using yanzhen::lookupDeclared;
using yanzhen::rejectUnknownKeys;
using yanzhen::requireKey;
using yanzhen::requireNonEmptyList;
using yanzhen::resolveIds;
using yanzhen::Text;

constexpr std::uint32_t kAttempt = 0; // the only kind
constexpr std::size_t kScores = 0;    // fields of the `attempt` kind
// Fractional weights (0.1 x 600) must still reach a pass mark they reach on paper.
constexpr double kEpsilon = 1e-9;
constexpr double kNoLimit = std::numeric_limits<double>::infinity();

struct Criterion {
    std::string id;
    Text title;
    double max = 0;
    double weight = 1;
    std::optional<double> floor;
};

struct Rubric {
    double pass = 0;
    std::vector<Criterion> criteria;
};

struct Assessment {
    std::string id;
    Text title;
    std::size_t rubric = 0; // index into the module's rubrics
};

enum class Policy { Best, Latest, First };

struct PassLeaf {
    std::vector<std::size_t> assessments;
    std::size_t min = 0;
    Policy policy = Policy::Best;
    std::optional<std::size_t> maxAttempts;
};

/// One attempt scored against its rubric.
struct Outcome {
    std::int64_t seq = 0;
    double total = 0;
    bool totalReached = false;
    std::vector<std::pair<const Criterion*, double>> belowFloor; // criterion, score
    bool passed() const { return totalReached && belowFloor.empty(); }
};

Outcome score(const Rubric& rubric, const yanzhen::Evidence& row) {
    Outcome o;
    o.seq = row.seq();
    for (const auto& c : rubric.criteria) {
        const double s = row.score(kScores, c.id).value_or(0); // unscored counts as 0
        o.total += c.weight * s;
        if (c.floor && s < *c.floor) o.belowFloor.emplace_back(&c, s);
    }
    o.totalReached = o.total + kEpsilon >= rubric.pass;
    return o;
}

/// The attempt the policy picks from attempts in seq order; nothing when there are none.
const Outcome* choose(const std::vector<Outcome>& attempts, Policy policy) {
    if (attempts.empty()) return nullptr;
    if (policy == Policy::First) return &attempts.front();
    if (policy == Policy::Latest) return &attempts.back();
    const Outcome* best =
        &attempts.front(); // a pass beats any failure; then the higher total; then the earlier
    for (const auto& a : attempts)
        if (std::pair{a.passed(), a.total} > std::pair{best->passed(), best->total}) best = &a;
    return best;
}

class DrillsModule final : public yanzhen::Module {
public:
    DrillsModule(std::vector<Rubric> rubrics, std::vector<Assessment> assessments)
        : rubrics_(std::move(rubrics)), assessments_(std::move(assessments)) {}

    int compileLeaf(std::string_view, const Config& config, Diagnostics& d) override {
        PassLeaf leaf;
        std::vector<std::string> ids;
        for (const auto& a : assessments_)
            ids.push_back(a.id);
        const Config list = config["assessments"];
        leaf.assessments = resolveIds(list, ids, Text{"演练", "assessment"}, d);
        const auto n = static_cast<std::int64_t>(list.size());
        const auto min = config.has("min") ? config["min"].integerIn(1, n, d) : std::nullopt;
        leaf.min = min ? static_cast<std::size_t>(*min) : leaf.assessments.size();
        const auto attempt = config["attempt"].text();
        leaf.policy = attempt == "latest"  ? Policy::Latest
                      : attempt == "first" ? Policy::First
                                           : Policy::Best;
        if (const auto max =
                config.has("max_attempts") ? config["max_attempts"].integer(d) : std::nullopt)
            leaf.maxAttempts = static_cast<std::size_t>(*max);
        leaves_.push_back(std::move(leaf));
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const PassLeaf& leaf = leaves_.at(static_cast<std::size_t>(handle));
        std::size_t passed = 0;
        std::string whyZh;
        std::string whyEn;
        for (const auto a : leaf.assessments) {
            const Assessment& assessment = assessments_[a];
            std::vector<Outcome> attempts;
            for (const auto row : input)
                if (row.kind() == kAttempt && row.worker() == input.worker() &&
                    row.day() <= input.today() && row.ref() == assessment.id)
                    attempts.push_back(score(rubrics_[assessment.rubric], row));
            std::sort(attempts.begin(), attempts.end(),
                      [](const auto& x, const auto& y) { return x.seq < y.seq; });
            const bool truncated = leaf.maxAttempts && attempts.size() > *leaf.maxAttempts;
            if (truncated) attempts.resize(*leaf.maxAttempts);
            const Outcome* chosen = choose(attempts, leaf.policy);
            if (chosen != nullptr && chosen->passed()) {
                ++passed;
                continue;
            }
            const Text why = explain(assessment, chosen, truncated ? *leaf.maxAttempts : 0);
            whyZh += (whyZh.empty() ? "" : "；") + why.zh;
            whyEn += (whyEn.empty() ? "" : "; ") + why.en;
        }
        const bool met = passed >= leaf.min;
        const std::string counts = std::to_string(passed) + "/" + std::to_string(leaf.min);
        return {met,
                static_cast<double>(passed),
                static_cast<double>(leaf.min),
                "次",
                {"演练通过 " + counts + (met || whyZh.empty() ? "" : "：" + whyZh),
                 "drills passed " + counts + (met || whyEn.empty() ? "" : ": " + whyEn)},
                input.untilNextRow()}; // only attempts dated up to today count
    }

private:
    /// Why an assessment was not passed, naming every reason: the total short of the pass
    /// mark, each criterion under its floor, and attempts the leaf did not look at.
    Text explain(const Assessment& assessment, const Outcome* chosen, std::size_t onlyFirst) const {
        if (chosen == nullptr)
            return {assessment.title.zh + " 未参加", assessment.title.en + " not attempted"};
        const double pass = rubrics_[assessment.rubric].pass;
        const std::string shortfall = chosen->totalReached ? "" : " < " + formatNumber(pass);
        Text why{assessment.title.zh + " 得分 " + formatNumber(chosen->total) + shortfall,
                 assessment.title.en + " scored " + formatNumber(chosen->total) + shortfall};
        std::string floorsZh;
        std::string floorsEn;
        for (const auto& [criterion, s] : chosen->belowFloor) {
            const std::string gap = " " + formatNumber(s) + " < " + formatNumber(*criterion->floor);
            floorsZh += (floorsZh.empty() ? "" : "、") + criterion->title.zh + gap;
            floorsEn += (floorsEn.empty() ? "" : ", ") + criterion->title.en + gap;
        }
        if (!floorsZh.empty()) {
            why.zh += (chosen->totalReached ? "，但 " : "，且 ") + floorsZh;
            why.en += (chosen->totalReached ? " but " : " and ") + floorsEn;
        }
        if (onlyFirst > 0) {
            why.zh += "（只计前 " + std::to_string(onlyFirst) + " 次）";
            why.en += onlyFirst == 1
                          ? std::string(" (only the first attempt counts)")
                          : " (only the first " + std::to_string(onlyFirst) + " attempts count)";
        }
        return why;
    }

    std::vector<Rubric> rubrics_;
    std::vector<Assessment> assessments_;
    std::vector<PassLeaf> leaves_;
};

/// A rubric: its pass mark and its criteria, each with a max, a weight and perhaps a floor.
std::optional<Rubric> readRubric(const Config& c, Diagnostics& d) {
    if (!c.isMap()) {
        c.expected(d, "含 pass 和 criteria 的评分量表", "a rubric with pass and criteria");
        return std::nullopt;
    }
    rejectUnknownKeys(c, {"pass", "criteria"}, d);
    const auto pass = requireKey(c, "pass", d) ? c["pass"].numberIn(0, kNoLimit, d) : std::nullopt;
    const Config criteria = c["criteria"];
    Rubric rubric;
    bool ok = requireNonEmptyList(criteria, Text{"评分项", "criteria"}, d) && pass.has_value();
    forEachItem(criteria, {"max", "weight", "floor"}, Text{"评分项", "criterion"}, d,
                [&](const Config& item, const auto& id, const auto& title) {
                    // NaN for a missing or wrong max (an optional here trips GCC 12's
                    // maybe-uninitialized)
                    double max = std::numeric_limits<double>::quiet_NaN();
                    if (requireKey(item, "max", d))
                        max = item["max"].numberAbove(0, d).value_or(max);
                    const auto weight =
                        item.has("weight") ? item["weight"].numberIn(0, kNoLimit, d) : 1.0;
                    const double hi = std::isnan(max) ? kNoLimit : max;
                    const auto floor =
                        item.has("floor") ? item["floor"].numberIn(0, hi, d) : std::nullopt;
                    if (id && title && !std::isnan(max) && weight && (floor || !item.has("floor")))
                        rubric.criteria.push_back(Criterion{*id, *title, max, *weight, floor});
                    else
                        ok = false;
                });
    if (!ok) return std::nullopt;
    rubric.pass = *pass;
    double highest = 0;
    for (const auto& crit : rubric.criteria)
        highest += crit.weight * crit.max;
    if (rubric.pass >
        highest + kEpsilon) { // nobody could ever pass: surely a mistake in the numbers
        const std::string mark = formatNumber(rubric.pass);
        d.error(c["pass"].path(),
                Text{"及格线 " + mark + " 超过可能的最高总分 " + formatNumber(highest),
                     "pass mark " + mark + " is above the highest possible total " +
                         formatNumber(highest)});
        return std::nullopt;
    }
    return rubric;
}

class DrillsPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"实战演练", "Practical drills"},
            .status = yanzhen::Status::Stable,
            .kinds = {{.id = "attempt",
                       .label = {"演练评分", "Drill attempt"},
                       .fields = {{.name = "scores",
                                   .type = FieldType::Scores,
                                   .label = {"各项得分", "Scores"},
                                   .min = 0},
                                  {.name = "note",
                                   .type = FieldType::Text,
                                   .label = {"备注", "Note"},
                                   .required = false}}}},
            .leaves = {{.id = "pass",
                        .label = {"通过演练", "Drills passed"},
                        .config = {{.name = "assessments",
                                    .type = FieldType::List,
                                    .label = {"演练", "Assessments"}},
                                   {.name = "min",
                                    .type = FieldType::Integer,
                                    .label = {"至少通过", "At least"},
                                    .required = false,
                                    .min = 1},
                                   {.name = "attempt",
                                    .type = FieldType::Choice,
                                    .label = {"计分方式", "Attempt"},
                                    .required = false,
                                    .choices = {"best", "latest", "first"}},
                                   {.name = "max_attempts",
                                    .type = FieldType::Integer,
                                    .label = {"最多计入次数", "Attempts counted"},
                                    .required = false,
                                    .min = 1}}}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config,
                                                  Diagnostics& d) const override {
        if (!expectMap(config, {"rubrics", "assessments"}, d)) return nullptr;
        const Config rubricMap = config["rubrics"];
        if (!rubricMap.isMap() || rubricMap.size() == 0)
            rubricMap.expected(d, "按 id 列出的评分量表", "the rubrics, by id");
        std::vector<std::string>
            rubricIds;               // every declared id, valid or not, so that one bad rubric
        std::vector<Rubric> rubrics; // does not also make each assessment using it an error
        for (std::size_t i = 0; i < rubricMap.size() && rubricMap.isMap(); ++i) {
            rubricIds.emplace_back(rubricMap.keyAt(i));
            rubrics.push_back(readRubric(rubricMap.at(i), d).value_or(Rubric{}));
        }
        const Config list = config["assessments"];
        requireNonEmptyList(list, Text{"演练", "assessments"}, d);
        std::vector<Assessment> assessments;
        forEachItem(list, {"rubric"}, Text{"演练", "assessment"}, d,
                    [&](const Config& c, const auto& id, const auto& title) {
                        const auto name =
                            requireKey(c, "rubric", d) ? c["rubric"].string(d) : std::nullopt;
                        const auto rubric = name ? lookupDeclared(c["rubric"], *name, rubricIds,
                                                                  Text{"评分量表", "rubric"}, d)
                                                 : std::nullopt;
                        if (id && title && rubric)
                            assessments.push_back(Assessment{*id, *title, *rubric});
                    });
        if (d.hasErrors()) return nullptr;
        return std::make_unique<DrillsModule>(std::move(rubrics), std::move(assessments));
    }
};

} // namespace

YANZHEN_PLUGIN(DrillsPlugin)
