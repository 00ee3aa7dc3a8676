// theory -- 理论培训 (theory training): classroom, online and practice units, and their quizzes.
//
// What it does
//   Credits a worker with the hours of the units they attended and answers whether they reach
//   a course's minimum, with per-mode caps (online hours beyond 12 do not count) and per-tag
//   minimums (at least 8 hours of law). It also answers whether the worker passed the quizzes.
//   When a unit or a quiz was recorded more than once, the larger seq is the later record.
//
// Evidence kinds
//   attendance     ref: the unit's id
//                  status:  present | late | absent | excused
//                  minutes: 0 .. 1440 minutes actually attended (optional)
//   quiz_attempt   ref: the quiz's id
//                  score:   the score, >= 0
//   Present and late earn the unit's hours, or minutes/60 of them (at most the unit's hours)
//   when minutes are given; absent and excused earn nothing. The latest record per unit counts.
//
// Module config
//   units:       (required) {id, title: {zh, en}, hours: > 0, mode: in_person | online | practice,
//                tags: [...] (optional)}; ids unique
//   quizzes:     (optional) {id, title: {zh, en}, max: > 0, pass: 0 .. max}; ids unique
//   tags:        (optional) how sentences name a tag, e.g. {law: {zh: 法规类, en: law}};
//                a tag without a title is named by its id
//
// Leaves
//   hours   min: 40                   the hours needed
//           caps: {online: 12}        at most this many hours count per mode (optional)
//           sub_minimums: {law: 8}    hours needed from units with a tag, before caps (optional)
//           units: [policy, ...]      count only these units (optional; default all)
//   quiz    quizzes: [q_policy, ...]  every listed quiz must be passed
//           attempt: best | latest    which attempt counts (default best)
//           pass: 50                  a pass mark for every listed quiz, instead of each quiz's own
//
// Example
//   - theory.hours: {id: hours, label: {zh: 理论学时 40, en: 40 theory hours}, min: 40,
//                    caps: {online: 12}}
//   With 27 in-person and 14 online hours the leaf is unmet:
//   "理论学时 39/40（线上学时超出上限 12，2 学时不计）" /
//   "theory hours 39/40 (online hours over the cap of 12; 2 h not counted)".

#include <yanzhen/plugin.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace {

using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::expectMap;
using yanzhen::FieldType;
using yanzhen::forEachItem;
using yanzhen::formatNumber;
using yanzhen::lookup;
using yanzhen::requireKey;
using yanzhen::requireNonEmptyList;
using yanzhen::resolveIds;
using yanzhen::Text;

constexpr std::uint32_t kAttendance = 0; // kinds, in declaration order
constexpr std::uint32_t kQuizAttempt = 1;
constexpr std::size_t kStatus = 0; // attendance fields
constexpr std::size_t kMinutes = 1;
constexpr std::size_t kScore = 0; // quiz_attempt fields
// Minutes become fractions of an hour; a sum like 1/3 + 2/3 must still reach 1.
constexpr double kEpsilon = 1e-9;
constexpr double kNoLimit = std::numeric_limits<double>::infinity();

const std::vector<std::string> kModes{"in_person", "online", "practice"};
const std::array<Text, 3> kModeHours{Text{"面授学时", "in-person hours"},
                                     Text{"线上学时", "online hours"},
                                     Text{"实践学时", "practice hours"}};

Text noMode(const std::string& mode) {
    return {"学习方式应为 in_person、online 或 practice，实际是“" + mode + "”",
            "mode must be in_person, online or practice, not '" + mode + "'"};
}

struct Unit {
    std::string id;
    Text title;
    double hours = 0;
    std::size_t mode = 0; // index into kModes
    std::vector<std::string> tags;
};

struct Quiz {
    std::string id;
    Text title;
    double max = 0;
    double pass = 0;
};

struct HoursLeaf {
    double min = 0;
    std::array<std::optional<double>, 3> caps;               // per mode
    std::vector<std::pair<std::string, double>> subMinimums; // in the order the course wrote them
    std::vector<std::size_t> units;                          // the counted units
};

struct QuizLeaf {
    std::vector<std::size_t> quizzes;
    bool latest = false; // false: the best attempt counts
    std::optional<double> pass;
};

class TheoryModule final : public yanzhen::Module {
public:
    TheoryModule(std::vector<Unit> units, std::vector<Quiz> quizzes,
                 std::map<std::string, Text> tagTitles)
        : units_(std::move(units)), quizzes_(std::move(quizzes)), tagTitles_(std::move(tagTitles)) {
    }

    int compileLeaf(std::string_view type, const Config& config, Diagnostics& d) override {
        if (type == "hours")
            leaves_.emplace_back(compileHours(config, d));
        else
            leaves_.emplace_back(compileQuiz(config, d));
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const auto& leaf = leaves_.at(static_cast<std::size_t>(handle));
        const auto* hours = std::get_if<HoursLeaf>(&leaf);
        auto r =
            hours ? evaluateHours(*hours, input) : evaluateQuiz(std::get<QuizLeaf>(leaf), input);
        r.holdsUntil = input.untilNextRow(); // both leaves count rows dated up to today, no more
        return r;
    }

private:
    HoursLeaf compileHours(const Config& config, Diagnostics& d) const {
        HoursLeaf leaf;
        leaf.min = config["min"].number(d).value_or(0);
        std::vector<std::string> ids;
        std::vector<std::string> tags;
        for (const auto& u : units_) {
            ids.push_back(u.id);
            tags.insert(tags.end(), u.tags.begin(), u.tags.end());
        }
        if (config.has("units"))
            leaf.units = resolveIds(config["units"], ids, Text{"单元", "unit"}, d);
        for (std::size_t i = 0; i < units_.size() && !config.has("units"); ++i)
            leaf.units.push_back(i);
        const Config caps = config["caps"];
        for (std::size_t i = 0; i < caps.size(); ++i) {
            const std::string mode(caps.keyAt(i));
            if (const auto m = lookup(caps.at(i), mode, kModes, noMode(mode), d))
                leaf.caps[*m] = caps.at(i).numberIn(0, kNoLimit, d);
        }
        const Config subs = config["sub_minimums"];
        for (std::size_t i = 0; i < subs.size(); ++i) {
            const std::string tag(subs.keyAt(i));
            bool counted = false;
            for (const auto u : leaf.units)
                counted = counted || hasTag(units_[u], tag);
            if (!lookup(subs.at(i), tag, tags,
                        Text{"没有单元带标签“" + tag + "”", "no unit has the tag '" + tag + "'"},
                        d))
                continue;
            if (!counted) // the minimum could never be reached from the units this leaf counts
                d.error(subs.at(i).path(),
                        Text{"本项计入的单元都不带标签“" + tag + "”",
                             "none of the units this leaf counts has the tag '" + tag + "'"});
            else if (const auto need = subs.at(i).numberIn(0, kNoLimit, d))
                leaf.subMinimums.emplace_back(tag, *need);
        }
        return leaf;
    }

    QuizLeaf compileQuiz(const Config& config, Diagnostics& d) const {
        QuizLeaf leaf;
        std::vector<std::string> ids;
        for (const auto& q : quizzes_)
            ids.push_back(q.id);
        leaf.quizzes = resolveIds(config["quizzes"], ids, Text{"测验", "quiz"}, d);
        leaf.latest = config["attempt"].text() == "latest";
        double lowestMax =
            kNoLimit; // a common pass mark above a quiz's maximum could never be reached
        for (const auto q : leaf.quizzes)
            lowestMax = std::min(lowestMax, quizzes_[q].max);
        if (config.has("pass")) leaf.pass = config["pass"].numberIn(0, lowestMax, d);
        return leaf;
    }

    static bool hasTag(const Unit& u, const std::string& tag) {
        return std::find(u.tags.begin(), u.tags.end(), tag) != u.tags.end();
    }

    /// Hours credited per unit from the worker's latest attendance record of each unit.
    std::vector<double> creditedHours(const yanzhen::EvaluationInput& input) const {
        std::vector<double> credited(units_.size(), 0);
        std::vector<std::optional<std::int64_t>> seqs(units_.size());
        for (const auto row : input) {
            if (row.kind() != kAttendance || row.worker() != input.worker() ||
                row.day() > input.today())
                continue;
            for (std::size_t u = 0; u < units_.size(); ++u) {
                if (units_[u].id != row.ref() || (seqs[u] && row.seq() <= *seqs[u])) continue;
                const auto status = row.text(kStatus);
                const double hours = units_[u].hours;
                const bool attended = status == "present" || status == "late";
                credited[u] = !attended           ? 0
                              : row.has(kMinutes) ? std::min(row.number(kMinutes) / 60, hours)
                                                  : hours;
                seqs[u] = row.seq();
            }
        }
        return credited;
    }

    yanzhen::LeafResult evaluateHours(const HoursLeaf& leaf,
                                      const yanzhen::EvaluationInput& input) const {
        const std::vector<double> credited = creditedHours(input);
        std::array<double, 3> byMode{};
        for (const auto u : leaf.units)
            byMode[units_[u].mode] += credited[u];
        double total = 0;
        Text capped; // the hours each cap took away
        for (std::size_t m = 0; m < byMode.size(); ++m) {
            const auto& cap = leaf.caps[m];
            total += cap ? std::min(byMode[m], *cap) : byMode[m];
            if (!cap || byMode[m] <= *cap + kEpsilon) continue;
            const std::string limit = formatNumber(*cap);
            const std::string excess = formatNumber(byMode[m] - *cap);
            capped.zh += (capped.zh.empty() ? "" : "；") + kModeHours[m].zh + "超出上限 " + limit +
                         "，" + excess + " 学时不计";
            capped.en += (capped.en.empty() ? "" : "; ") + kModeHours[m].en + " over the cap of " +
                         limit + "; " + excess + " h not counted";
        }
        bool met = total + kEpsilon >= leaf.min;
        Text shortTags; // each tag whose minimum is not reached
        for (const auto& [tag, need] : leaf.subMinimums) {
            double have = 0;
            for (const auto u : leaf.units)
                if (hasTag(units_[u], tag)) have += credited[u];
            if (have + kEpsilon >= need) continue;
            met = false;
            const auto title = tagTitles_.find(tag);
            const Text name = title != tagTitles_.end() ? title->second : Text{tag, tag};
            const std::string counts = " " + formatNumber(have) + "/" + formatNumber(need);
            shortTags.zh += "；" + name.zh + counts;
            shortTags.en += "; " + name.en + counts;
        }
        const std::string counts = formatNumber(total) + "/" + formatNumber(leaf.min);
        yanzhen::LeafResult r{
            met, total, leaf.min, "学时", {"理论学时 " + counts, "theory hours " + counts}};
        if (!met) { // say why: the hours a cap took away, and each tag that falls short
            r.sentence.zh += (capped.zh.empty() ? "" : "（" + capped.zh + "）") + shortTags.zh;
            r.sentence.en += (capped.en.empty() ? "" : " (" + capped.en + ")") + shortTags.en;
        }
        return r;
    }

    yanzhen::LeafResult evaluateQuiz(const QuizLeaf& leaf,
                                     const yanzhen::EvaluationInput& input) const {
        std::size_t passed = 0;
        Text failed;
        for (const auto q : leaf.quizzes) {
            const Quiz& quiz = quizzes_[q];
            std::optional<std::pair<std::int64_t, double>> chosen; // (seq, score)
            for (const auto row : input) {
                if (row.kind() != kQuizAttempt || row.worker() != input.worker() ||
                    row.day() > input.today() || row.ref() != quiz.id)
                    continue;
                const double score = row.number(kScore);
                if (!chosen || (leaf.latest ? row.seq() > chosen->first : score > chosen->second))
                    chosen = std::pair{row.seq(), score};
            }
            const double mark = leaf.pass.value_or(quiz.pass);
            if (chosen && chosen->second >= mark) {
                ++passed;
                continue;
            }
            const std::string why =
                chosen ? formatNumber(chosen->second) + " < " + formatNumber(mark) : "";
            failed.zh +=
                (failed.zh.empty() ? "：" : "；") + quiz.title.zh + " " + (chosen ? why : "未参加");
            failed.en += (failed.en.empty() ? ": " : "; ") + quiz.title.en + " " +
                         (chosen ? why : "not taken");
        }
        const std::size_t need = leaf.quizzes.size();
        const std::string counts = std::to_string(passed) + "/" + std::to_string(need);
        return {passed >= need,
                static_cast<double>(passed),
                static_cast<double>(need),
                "次",
                {"测验通过 " + counts + failed.zh, "quizzes passed " + counts + failed.en}};
    }

    std::vector<Unit> units_;
    std::vector<Quiz> quizzes_;
    std::map<std::string, Text> tagTitles_;
    std::vector<std::variant<HoursLeaf, QuizLeaf>> leaves_;
};

class TheoryPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"理论培训", "Theory training"},
            .status = yanzhen::Status::Stable,
            .kinds = {{.id = "attendance",
                       .label = {"理论课出勤", "Theory attendance"},
                       .fields = {{.name = "status",
                                   .type = FieldType::Choice,
                                   .label = {"出勤状态", "Status"},
                                   .choices = {"present", "late", "absent", "excused"}},
                                  {.name = "minutes",
                                   .type = FieldType::Integer,
                                   .label = {"实际听课分钟", "Minutes attended"},
                                   .required = false,
                                   .min = 0,
                                   .max = 1440,
                                   .unit = "min"}}},
                      {.id = "quiz_attempt",
                       .label = {"测验成绩", "Quiz attempt"},
                       .fields = {{.name = "score",
                                   .type = FieldType::Number,
                                   .label = {"得分", "Score"},
                                   .min = 0}}}},
            .leaves = {{.id = "hours",
                        .label = {"理论学时", "Theory hours"},
                        .config = {{.name = "min",
                                    .type = FieldType::Number,
                                    .label = {"至少", "At least"},
                                    .min = 0,
                                    .unit = "h"},
                                   {.name = "caps",
                                    .type = FieldType::Map,
                                    .label = {"各方式上限", "Caps per mode"},
                                    .required = false},
                                   {.name = "sub_minimums",
                                    .type = FieldType::Map,
                                    .label = {"分类最低学时", "Minimums per tag"},
                                    .required = false},
                                   {.name = "units",
                                    .type = FieldType::List,
                                    .label = {"计入单元", "Units counted"},
                                    .required = false}}},
                       {.id = "quiz",
                        .label = {"测验通过", "Quizzes passed"},
                        .config = {{.name = "quizzes",
                                    .type = FieldType::List,
                                    .label = {"测验", "Quizzes"}},
                                   {.name = "attempt",
                                    .type = FieldType::Choice,
                                    .label = {"计分方式", "Attempt"},
                                    .required = false,
                                    .choices = {"best", "latest"}},
                                   {.name = "pass",
                                    .type = FieldType::Number,
                                    .label = {"及格线", "Pass mark"},
                                    .required = false,
                                    .min = 0}}}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config,
                                                  Diagnostics& d) const override {
        if (!expectMap(config, {"units", "quizzes", "tags"}, d)) return nullptr;
        std::vector<Unit> units;
        const Config unitList = config["units"];
        requireNonEmptyList(unitList, Text{"单元", "units"}, d);
        forEachItem(unitList, {"hours", "mode", "tags"}, Text{"单元", "unit"}, d,
                    [&](const Config& c, const auto& id, const auto& title) {
                        const auto hours =
                            requireKey(c, "hours", d) ? c["hours"].numberAbove(0, d) : std::nullopt;
                        const auto mode =
                            requireKey(c, "mode", d) ? c["mode"].string(d) : std::nullopt;
                        const auto m = mode ? lookup(c["mode"], *mode, kModes, noMode(*mode), d)
                                            : std::nullopt;
                        const Config tags = c["tags"];
                        if (!tags.isNull() && !tags.isList())
                            tags.expected(d, "标签列表", "a list of tags");
                        std::vector<std::string> tagList;
                        for (std::size_t t = 0; t < tags.size() && tags.isList(); ++t)
                            if (const auto tag = tags.at(t).string(d)) tagList.push_back(*tag);
                        if (id && title && hours && m)
                            units.push_back(Unit{*id, *title, *hours, *m, tagList});
                    });
        std::vector<Quiz> quizzes;
        const Config quizList = config["quizzes"];
        if (!quizList.isNull() && !quizList.isList())
            quizList.expected(d, "测验列表", "a list of quizzes");
        forEachItem(quizList, {"max", "pass"}, Text{"测验", "quiz"}, d,
                    [&](const Config& c, const auto& id, const auto& title) {
                        // NaN for a missing or wrong max (an optional here trips GCC 12's
                        // maybe-uninitialized)
                        double max = std::numeric_limits<double>::quiet_NaN();
                        if (requireKey(c, "max", d)) max = c["max"].numberAbove(0, d).value_or(max);
                        const double hi = std::isnan(max) ? kNoLimit : max;
                        const auto pass =
                            requireKey(c, "pass", d) ? c["pass"].numberIn(0, hi, d) : std::nullopt;
                        if (id && title && !std::isnan(max) && pass)
                            quizzes.push_back(Quiz{*id, *title, max, *pass});
                    });
        std::map<std::string, Text> tagTitles;
        const Config tags = config["tags"];
        if (!tags.isNull() && !tags.isMap())
            tags.expected(d, "按标签列出的名称", "the tags' titles, by tag");
        for (std::size_t i = 0; i < tags.size() && tags.isMap(); ++i)
            if (const auto title = tags.at(i).text(d))
                tagTitles[std::string(tags.keyAt(i))] = *title;
        if (d.hasErrors()) return nullptr;
        return std::make_unique<TheoryModule>(std::move(units), std::move(quizzes),
                                              std::move(tagTitles));
    }
};

} // namespace

YANZHEN_PLUGIN(TheoryPlugin)
