// The drills plugin's meaning, through the real drills.so as the host loads it.

#include "RealPlugin.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

using yanzhen::testing::Harness;
using yanzhen::testing::Node;

namespace {

// `std` is the rubric of the brief (pass 60; ethics has a floor of 9); `weighted` weighs safety
// 4x and teamwork 2x (highest total 100, pass 50) and has two floors.
constexpr const char* kModule =
    "{rubrics: {"
    "  std: {pass: 60, criteria: ["
    "    {id: assessment, title: {zh: 需求评估, en: Needs assessment}, max: 30},"
    "    {id: plan, title: {zh: 服务计划, en: Service plan}, max: 30, weight: 1},"
    "    {id: communication, title: {zh: 沟通技巧, en: Communication}, max: 25},"
    "    {id: ethics, title: {zh: 伦理与安全, en: Ethics and safety}, max: 15, floor: 9}]},"
    "  weighted: {pass: 50, criteria: ["
    "    {id: safety, title: {zh: 安全, en: Safety}, max: 10, weight: 4, floor: 6},"
    "    {id: report, title: {zh: 报告, en: Report}, max: 40},"
    "    {id: teamwork, title: {zh: 协作, en: Teamwork}, max: 10, weight: 2, floor: 3}]}},"
    " assessments: ["
    "  {id: d1, title: {zh: 入户走访, en: Home visit}, rubric: std},"
    "  {id: d2, title: {zh: 危机干预, en: Crisis intervention}, rubric: std},"
    "  {id: d3, title: {zh: 小组活动, en: Group work}, rubric: std},"
    "  {id: d4, title: {zh: 应急演练, en: Emergency drill}, rubric: weighted}]}";

/// Scores on the `std` rubric, in the harness's "criterion=score;..." form.
std::string std4(int assessment, int plan, int communication, int ethics) {
    return "assessment=" + std::to_string(assessment) + ";plan=" + std::to_string(plan) +
           ";communication=" + std::to_string(communication) + ";ethics=" + std::to_string(ethics);
}
const std::string kPass80 = std4(25, 25, 18, 12);     // 80, a pass
const std::string kEthics8 = std4(25, 25, 20, 8);     // 78, but ethics 8 < 9
const std::string kTotal55 = std4(15, 15, 15, 10);    // 55 < 60
const std::string kTotal58 = std4(18, 15, 15, 10);    // 58 < 60
const std::string kBoth50 = std4(15, 15, 15, 5);      // 50 < 60 and ethics 5 < 9
const std::string kEthics8At70 = std4(22, 22, 18, 8); // 70, but ethics 8 < 9
const std::string kEthics5At85 = std4(30, 25, 25, 5); // 85, but ethics 5 < 9
const std::string kEthics5At90 = std4(30, 30, 25, 5); // 90, but ethics 5 < 9
const std::string kPass65 = std4(20, 20, 15, 10);     // 65, a pass

class DrillsFixture : public yanzhen::testsupport::RealPluginTest {
protected:
    DrillsFixture() : RealPluginTest("drills", kModule) {}
};

class Drills : public DrillsFixture {};
class DrillsPolicy : public DrillsFixture {};
class DrillsConfig : public DrillsFixture {};
class DrillsContract : public DrillsFixture {};

/// One scored attempt, in recording order (the harness gives each row the next seq).
struct Try {
    std::string assessment;
    std::string scores;
    std::string day = "2025-03-01";
    std::int64_t worker = 1;
};

struct PassCase {
    std::string name;
    std::string leaf;
    std::vector<Try> attempts;
    bool met;
    double have;
    double need;
    std::string en;
    std::string zh = ""; ///< checked when given
};

void run(Harness& h, const std::vector<PassCase>& cases) {
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const int leaf = h.leaf("pass", Node::parse(c.leaf));
        h.clearEvidence();
        for (const auto& t : c.attempts)
            h.add("attempt", t.assessment, t.day, {{"scores", t.scores}}, t.worker);
        const auto r = h.evaluate(leaf, "2025-06-30");
        EXPECT_EQ(r.met, c.met);
        EXPECT_EQ(r.have, c.have);
        EXPECT_EQ(r.need, c.need);
        EXPECT_EQ(r.unit, "次");
        EXPECT_EQ(r.sentence.en, c.en);
        if (!c.zh.empty()) {
            EXPECT_EQ(r.sentence.zh, c.zh);
        }
    }
}

const std::string kThree = "{assessments: [d1, d2, d3]";

} // namespace

TEST_F(Drills, EachFailureIsExplainedExactly) {
    run(h(),
        {
            {"78 in total but ethics 8 under its floor of 9 is not a pass",
             kThree + "}",
             {{"d1", kEthics8}, {"d2", kPass80}, {"d3", kPass80}},
             false,
             2,
             3,
             "drills passed 2/3: Home visit scored 78 but Ethics and safety 8 < 9",
             "演练通过 2/3：入户走访 得分 78，但 伦理与安全 8 < 9"},
            {"a total under the pass mark",
             kThree + "}",
             {{"d1", kTotal55}, {"d2", kPass80}, {"d3", kPass80}},
             false,
             2,
             3,
             "drills passed 2/3: Home visit scored 55 < 60",
             "演练通过 2/3：入户走访 得分 55 < 60"},
            {"under the pass mark and under a floor",
             kThree + "}",
             {{"d1", kBoth50}, {"d2", kPass80}, {"d3", kPass80}},
             false,
             2,
             3,
             "drills passed 2/3: Home visit scored 50 < 60 and Ethics and safety 5 < 9",
             "演练通过 2/3：入户走访 得分 50 < 60，且 伦理与安全 5 < 9"},
            {"not attempted",
             kThree + "}",
             {{"d2", kPass80}, {"d3", kPass80}},
             false,
             2,
             3,
             "drills passed 2/3: Home visit not attempted",
             "演练通过 2/3：入户走访 未参加"},
            {"all passed",
             kThree + "}",
             {{"d1", kPass80}, {"d2", kPass80}, {"d3", kPass80}},
             true,
             3,
             3,
             "drills passed 3/3",
             "演练通过 3/3"},
            {"every failure, in the order listed",
             kThree + "}",
             {{"d3", kEthics8}, {"d1", kTotal55}},
             false,
             0,
             3,
             "drills passed 0/3: Home visit scored 55 < 60; Crisis intervention not attempted; "
             "Group work scored 78 but"
             " Ethics and safety 8 < 9",
             "演练通过 0/3：入户走访 得分 55 < 60；危机干预 未参加；小组活动 得分 78，但 "
             "伦理与安全 8 < 9"},
            {"an unscored criterion counts as 0",
             "{assessments: [d1]}",
             {{"d1", "assessment=30;plan=30;communication=25"}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit scored 85 but Ethics and safety 0 < 9"},
            {"exactly the pass mark and exactly the floor",
             "{assessments: [d1]}",
             {{"d1", std4(20, 16, 15, 9)}},
             true,
             1,
             1,
             "drills passed 1/1"},
            {"a score over its max counts as given",
             "{assessments: [d1]}",
             {{"d1", std4(20, 20, 0, 20)}},
             true,
             1,
             1,
             "drills passed 1/1"},
            {"weights: 4x8 + 10 + 2x5 = 52 passes (unweighted 23)",
             "{assessments: [d4]}",
             {{"d4", "safety=8;report=10;teamwork=5"}},
             true,
             1,
             1,
             "drills passed 1/1"},
            {"weights: 4x6 + 15 + 2x3 = 45 fails (unweighted 24)",
             "{assessments: [d4]}",
             {{"d4", "safety=6;report=15;teamwork=3"}},
             false,
             0,
             1,
             "drills passed 0/1: Emergency drill scored 45 < 50"},
            {"two floors missed, both named",
             "{assessments: [d4]}",
             {{"d4", "safety=5;report=35;teamwork=2"}},
             false,
             0,
             1,
             "drills passed 0/1: Emergency drill scored 59 but Safety 5 < 6, Teamwork 2 < 3",
             "演练通过 0/1：应急演练 得分 59，但 安全 5 < 6、协作 2 < 3"},
            {"k of n: two of three are enough",
             kThree + ", min: 2}",
             {{"d1", kPass80}, {"d3", kPass80}},
             true,
             2,
             2,
             "drills passed 2/2"},
            {"k of n: one of the two needed",
             kThree + ", min: 2}",
             {{"d1", kPass80}, {"d3", kTotal55}},
             false,
             1,
             2,
             "drills passed 1/2: Crisis intervention not attempted; Group work scored 55 < 60"},
            {"attempts after the evaluation date do not count yet",
             "{assessments: [d1]}",
             {{"d1", kPass80, "2025-07-01"}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit not attempted"},
            {"another worker's attempts do not count",
             "{assessments: [d1]}",
             {{"d1", kPass80, "2025-03-01", 2}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit not attempted"},
            {"attempts at drills not listed do not count",
             "{assessments: [d1]}",
             {{"d2", kPass80}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit not attempted"},
        });
}

TEST_F(DrillsPolicy, BestLatestAndFirstPickDifferentAttemptsFromTheSameRows) {
    // 55 (fails), then 80 (passes), then 70 with ethics 8 (fails on the floor).
    const std::vector<Try> rows{{"d1", kTotal55}, {"d1", kPass80}, {"d1", kEthics8At70}};
    run(h(),
        {
            {"best: the passing attempt", "{assessments: [d1]}", rows, true, 1, 1,
             "drills passed 1/1"},
            {"best, said explicitly", "{assessments: [d1], attempt: best}", rows, true, 1, 1,
             "drills passed 1/1"},
            {"first", "{assessments: [d1], attempt: first}", rows, false, 0, 1,
             "drills passed 0/1: Home visit scored 55 < 60", "演练通过 0/1：入户走访 得分 55 < 60"},
            {"latest", "{assessments: [d1], attempt: latest}", rows, false, 0, 1,
             "drills passed 0/1: Home visit scored 70 but Ethics and safety 8 < 9"},
            {"best prefers a pass to a higher failing total",
             "{assessments: [d1]}",
             {{"d1", kEthics5At90}, {"d1", kPass65}},
             true,
             1,
             1,
             "drills passed 1/1"},
            {"best without a pass: the highest total",
             "{assessments: [d1]}",
             {{"d1", kTotal58}, {"d1", kEthics5At85}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit scored 85 but Ethics and safety 5 < 9"},
            {"latest goes by recording order, not the day",
             "{assessments: [d1], attempt: latest}",
             {{"d1", kPass80, "2025-03-05"}, {"d1", kTotal55, "2025-03-01"}},
             false,
             0,
             1,
             "drills passed 0/1: Home visit scored 55 < 60"},
            {"first goes by recording order, not the day",
             "{assessments: [d1], attempt: first}",
             {{"d1", kPass80, "2025-03-05"}, {"d1", kTotal55, "2025-03-01"}},
             true,
             1,
             1,
             "drills passed 1/1"},
        });
}

TEST_F(DrillsPolicy, MaxAttemptsIgnoresLaterAttemptsEvenPassingOnes) {
    const std::vector<Try> rows{{"d1", kTotal55}, {"d1", kTotal58}, {"d1", kPass80}};
    run(h(), {
                 {"without a limit the third attempt passes", "{assessments: [d1]}", rows, true, 1,
                  1, "drills passed 1/1"},
                 {"a limit of 3 still sees it", "{assessments: [d1], max_attempts: 3}", rows, true,
                  1, 1, "drills passed 1/1"},
                 {"a limit of 2 ignores the passing third attempt",
                  "{assessments: [d1], max_attempts: 2}", rows, false, 0, 1,
                  "drills passed 0/1: Home visit scored 58 < 60 (only the first 2 attempts count)",
                  "演练通过 0/1：入户走访 得分 58 < 60（只计前 2 次）"},
                 {"latest within the limit",
                  "{assessments: [d1], max_attempts: 1, attempt: latest}", rows, false, 0, 1,
                  "drills passed 0/1: Home visit scored 55 < 60 (only the first attempt counts)"},
                 {"no note when nothing was ignored",
                  "{assessments: [d1], max_attempts: 2}",
                  {{"d1", kTotal55}},
                  false,
                  0,
                  1,
                  "drills passed 0/1: Home visit scored 55 < 60"},
             });
}

namespace {

const std::string kCrit = "{id: a, title: {zh: 甲, en: A}, max: 10}";
const std::string kVisit = "{id: d1, title: {zh: 走访, en: Visit}, rubric: std}";

std::string moduleWith(const std::string& criteria,
                       const std::string& assessments = "[" + kVisit + "]",
                       const std::string& pass = "5") {
    return "{rubrics: {std: {pass: " + pass + ", criteria: " + criteria +
           "}}, assessments: " + assessments + "}";
}

} // namespace

TEST_F(DrillsConfig, ModuleMistakesAreNamedWithTheirPaths) {
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> cases{
        {"a floor above the max",
         moduleWith(
             "[" + kCrit +
             ", {id: b, title: {zh: 乙, en: B}, max: 30}, {id: c, title: {zh: 丙, en: C}, max: 25},"
             " {id: ethics, title: {zh: 伦理, en: Ethics}, max: 15, floor: 16}]"),
         {"rubrics.std.criteria[3].floor: expected a value in 0 .. 15, found '16'"}},
        {"an unknown rubric",
         moduleWith("[" + kCrit + "]", "[{id: d1, title: {zh: 走访, en: Visit}, rubric: sdt}]"),
         {"assessments[0].rubric: no rubric 'sdt' is declared in the module; did you mean 'std'?"}},
        {"no criteria",
         moduleWith("[]"),
         {"rubrics.std.criteria: expected a non-empty list of criteria, found a list"}},
        {"a max of 0",
         moduleWith("[{id: a, title: {zh: 甲, en: A}, max: 0}]"),
         {"rubrics.std.criteria[0].max: expected a number above 0, found '0'"}},
        {"a negative weight",
         moduleWith("[{id: a, title: {zh: 甲, en: A}, max: 10, weight: -1}]"),
         {"rubrics.std.criteria[0].weight: expected a value in 0 .. ∞, found '-1'"}},
        {"a duplicate criterion",
         moduleWith("[" + kCrit + ", " + kCrit + "]"),
         {"rubrics.std.criteria[1].id: duplicate criterion id 'a'; already declared at "
          "rubrics.std.criteria[0]"}},
        {"a misspelt key",
         moduleWith("[{id: a, title: {zh: 甲, en: A}, max: 10, floro: 5}]"),
         {"rubrics.std.criteria[0].floro: unknown key 'floro'; did you mean 'floor'?"}},
        {"a pass mark nobody can reach",
         moduleWith("[" + kCrit + "]", "[" + kVisit + "]", "12"),
         {"rubrics.std.pass: pass mark 12 is above the highest possible total 10"}},
        {"a duplicate assessment",
         moduleWith("[" + kCrit + "]", "[" + kVisit + ", " + kVisit + "]"),
         {"assessments[1].id: duplicate assessment id 'd1'; already declared at assessments[0]"}},
        {"no assessments",
         "{rubrics: {std: {pass: 5, criteria: [" + kCrit + "]}}}",
         {"assessments: expected a non-empty list of assessments, found nothing"}},
        {"no rubrics",
         "{assessments: [" + kVisit + "]}",
         {"rubrics: expected the rubrics, by id, found nothing",
          "assessments[0].rubric: no rubric 'std' is declared in the module"}},
    };
    for (const auto& [name, config, errors] : cases) {
        SCOPED_TRACE(name);
        EXPECT_EQ(h().configErrors(Node::parse(config)), errors);
    }
}

TEST_F(DrillsConfig, LeafMistakesAreNamedWithTheirPaths) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
        {"{assessments: [d1, d22]}",
         {"assessments[1]: no assessment 'd22' is declared in the module; did you mean 'd2'?"}},
        {"{assessments: [d1, d1]}", {"assessments[1]: duplicate assessment 'd1'"}},
        {"{assessments: []}", {"assessments: list at least one assessment"}},
        {"{min: 1}", {"assessments: missing required key 'assessments'"}},
        {"{assessments: [d1, d2], min: 3}", {"min: expected an integer from 1 to 2, found '3'"}},
        {"{assessments: [d1, d2], min: 0}", {"min: expected a value in 1 .. ∞, found '0'"}},
        {"{assessments: [d1], attempt: worst}",
         {"attempt: expected one of best, latest, first, found 'worst'"}},
        {"{assessments: [d1], max_attempts: 0}",
         {"max_attempts: expected a value in 1 .. ∞, found '0'"}},
    };
    for (const auto& [config, errors] : cases) {
        SCOPED_TRACE(config);
        EXPECT_EQ(h().leafErrors("pass", Node::parse(config)), errors);
    }
}

TEST_F(DrillsContract, DeclaresTheKindFieldsAndLeafKeysTheCoursesUse) {
    const auto& info = h().info();
    EXPECT_EQ(info.id, "drills");
    ASSERT_EQ(info.kinds.size(), 1U);
    EXPECT_EQ(info.kinds[0].id, "attempt");
    ASSERT_EQ(info.kinds[0].fields.size(), 2U);
    EXPECT_EQ(info.kinds[0].fields[0].name, "scores");
    EXPECT_EQ(info.kinds[0].fields[0].type, yanzhen::FieldType::Scores);
    EXPECT_EQ(info.kinds[0].fields[1].name, "note");
    EXPECT_FALSE(info.kinds[0].fields[1].required);
    ASSERT_EQ(info.leaves.size(), 1U);
    std::vector<std::string> keys;
    for (const auto& f : info.leaves[0].config)
        keys.push_back(f.name);
    EXPECT_EQ(info.leaves[0].id, "pass");
    EXPECT_EQ(keys, (std::vector<std::string>{"assessments", "min", "attempt", "max_attempts"}));
}

TEST_F(DrillsContract, TheNoteIsOptionalAndChangesNothing) {
    const int leaf = h().leaf("pass", Node::parse("{assessments: [d1]}"));
    h().add("attempt", "d1", "2025-03-01", {{"scores", kPass80}, {"note", "calm and thorough"}});
    EXPECT_TRUE(h().evaluate(leaf, "2025-06-30").met);
}
