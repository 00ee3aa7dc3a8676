// The theory plugin's meaning, through the real theory.so as the host loads it.

#include "RealPlugin.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

using yanzhen::testing::Node;

namespace {

// 27 in-person hours (12 of them law), 14 online hours (6 of them ethics), 5 practice hours.
constexpr const char* kModule =
    "{units: ["
    " {id: policy, title: {zh: 社区治理政策法规, en: Community governance policy}, hours: 4, mode: "
    "in_person,"
    "  tags: [law]},"
    " {id: civil_code, title: {zh: 民法典与社区工作, en: Civil code}, hours: 8, mode: in_person, "
    "tags: [law]},"
    " {id: casework, title: {zh: 个案工作方法, en: Casework}, hours: 8, mode: in_person},"
    " {id: community, title: {zh: 社区工作方法, en: Community work}, hours: 7, mode: in_person},"
    " {id: ethics_online, title: {zh: 社会工作伦理（线上）, en: Social work ethics (online)}, "
    "hours: 6,"
    "  mode: online, tags: [ethics]},"
    " {id: digital_online, title: {zh: 数字化服务（线上）, en: Digital services (online)}, hours: "
    "8, mode: online},"
    " {id: field, title: {zh: 社区实地见习, en: Field practice}, hours: 5, mode: practice}],"
    " quizzes: [{id: q_policy, title: {zh: 政策法规测验, en: Policy quiz}, max: 100, pass: 60},"
    "           {id: q_ethics, title: {zh: 伦理测验, en: Ethics quiz}, max: 50, pass: 30}],"
    " tags: {law: {zh: 法规类, en: law}}}";

class TheoryFixture : public yanzhen::testsupport::RealPluginTest {
protected:
    TheoryFixture() : RealPluginTest("theory", kModule) {}
};

class TheoryHours : public TheoryFixture {};
class TheoryQuiz : public TheoryFixture {};
class TheoryConfig : public TheoryFixture {};
class TheoryContract : public TheoryFixture {};

/// One attendance record, in recording order (the harness gives each row the next seq).
struct Att {
    std::string unit;
    std::string status;
    std::string minutes = ""; ///< empty: not given
    std::string day = "2025-03-01";
    std::int64_t worker = 1;
};

struct HoursCase {
    std::string name;
    std::string leaf;
    std::vector<Att> records;
    bool met;
    double have;
    std::string en;
    std::string zh = ""; ///< checked when given
};

std::vector<Att> present(std::initializer_list<const char*> units) {
    std::vector<Att> out;
    for (const char* u : units)
        out.push_back({u, "present"});
    return out;
}

const std::vector<Att> kClassAndOnline =
    present({"policy", "civil_code", "casework", "community", "ethics_online", "digital_online"});

std::vector<Att> with(std::vector<Att> records, const std::vector<Att>& more) {
    records.insert(records.end(), more.begin(), more.end());
    return records;
}

} // namespace

TEST_F(TheoryHours, CreditsCapsAndMinimums) {
    const std::vector<HoursCase> cases{
        {"39/40 because online hours pass the cap: 27 in person + 14 online, capped at 12",
         "{min: 40, caps: {online: 12}}", kClassAndOnline, false, 39,
         "theory hours 39/40 (online hours over the cap of 12; 2 h not counted)",
         "理论学时 39/40（线上学时超出上限 12，2 学时不计）"},
        {"the practice unit makes up for the capped hours", "{min: 40, caps: {online: 12}}",
         with(kClassAndOnline, {{"field", "present"}}), true, 44, "theory hours 44/40",
         "理论学时 44/40"},
        {"without a cap every online hour counts", "{min: 40}", kClassAndOnline, true, 41,
         "theory hours 41/40"},
        {"exactly the minimum", "{min: 40}",
         present({"policy", "civil_code", "casework", "community", "digital_online", "field"}),
         true, 40, "theory hours 40/40", "理论学时 40/40"},
        {"two caps, each explained", "{min: 20, caps: {online: 12, in_person: 5}}",
         present({"policy", "casework", "ethics_online", "digital_online"}), false, 17,
         "theory hours 17/20 (in-person hours over the cap of 5; 7 h not counted; online hours "
         "over the cap of 12;"
         " 2 h not counted)",
         "理论学时 17/20（面授学时超出上限 5，7 学时不计；线上学时超出上限 12，2 学时不计）"},
        {"a cap not reached says nothing", "{min: 20, caps: {online: 12}}",
         present({"policy", "ethics_online"}), false, 10, "theory hours 10/20"},
        {"partial attendance is credited by minutes",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "150"}},
         false,
         2.5,
         "theory hours 2.5/4",
         "理论学时 2.5/4"},
        {"minutes never earn more than the unit's hours",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "600"}},
         true,
         4,
         "theory hours 4/4"},
        {"zero minutes earn nothing",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "0"}},
         false,
         0,
         "theory hours 0/4"},
        {"late counts",
         "{min: 4, units: [policy]}",
         {{"policy", "late"}},
         true,
         4,
         "theory hours 4/4"},
        {"late with minutes is partial",
         "{min: 4, units: [policy]}",
         {{"policy", "late", "200"}},
         false,
         200.0 / 60,
         "theory hours 3.33/4"},
        {"absent earns nothing",
         "{min: 4, units: [policy]}",
         {{"policy", "absent"}},
         false,
         0,
         "theory hours 0/4"},
        {"excused earns nothing",
         "{min: 4, units: [policy]}",
         {{"policy", "excused"}},
         false,
         0,
         "theory hours 0/4"},
        {"absent earns nothing even with minutes",
         "{min: 4, units: [policy]}",
         {{"policy", "absent", "240"}},
         false,
         0,
         "theory hours 0/4"},
        {"the latest record wins: a corrected absence",
         "{min: 4, units: [policy]}",
         {{"policy", "absent"}, {"policy", "present"}},
         true,
         4,
         "theory hours 4/4"},
        {"the latest record wins: a later excuse",
         "{min: 4, units: [policy]}",
         {{"policy", "present"}, {"policy", "excused"}},
         false,
         0,
         "theory hours 0/4"},
        {"recording order decides, not the day",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "", "2025-03-05"}, {"policy", "absent", "", "2025-03-01"}},
         false,
         0,
         "theory hours 0/4"},
        {"a unit attended twice counts once",
         "{min: 8, units: [policy, casework]}",
         {{"policy", "present"}, {"policy", "present"}},
         false,
         4,
         "theory hours 4/8"},
        {"a sub-minimum falls short",
         "{min: 10, sub_minimums: {law: 8}}",
         {{"policy", "present"}, {"civil_code", "present", "120"}, {"casework", "present"}},
         false,
         14,
         "theory hours 14/10; law 6/8",
         "理论学时 14/10；法规类 6/8"},
        {"a sub-minimum reached", "{min: 10, sub_minimums: {law: 8}}",
         present({"policy", "civil_code"}), true, 12, "theory hours 12/10"},
        {"a tag without a title is named by its id",
         "{min: 0, sub_minimums: {ethics: 2}}",
         {},
         false,
         0,
         "theory hours 0/0; ethics 0/2",
         "理论学时 0/0；ethics 0/2"},
        {"a cap and a sub-minimum both explained",
         "{min: 40, caps: {online: 12}, sub_minimums: {law: 8}}",
         with(present({"policy", "casework", "community", "ethics_online", "digital_online"}),
              {{"civil_code", "absent"}}),
         false, 31,
         "theory hours 31/40 (online hours over the cap of 12; 2 h not counted); law 4/8",
         "理论学时 31/40（线上学时超出上限 12，2 学时不计）；法规类 4/8"},
        {"sub-minimums count hours before caps",
         "{min: 6, caps: {online: 2}, sub_minimums: {ethics: 6}}", present({"ethics_online"}),
         false, 2, "theory hours 2/6 (online hours over the cap of 2; 4 h not counted)"},
        {"only the listed units count", "{min: 8, units: [policy, civil_code]}",
         present({"policy", "casework"}), false, 4, "theory hours 4/8"},
        {"rows after the evaluation date do not count yet",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "", "2025-07-01"}},
         false,
         0,
         "theory hours 0/4"},
        {"a correction dated after today does not replace the record yet",
         "{min: 4, units: [policy]}",
         {{"policy", "present"}, {"policy", "absent", "", "2025-07-01"}},
         true,
         4,
         "theory hours 4/4"},
        {"another worker's rows do not count",
         "{min: 4, units: [policy]}",
         {{"policy", "present", "", "2025-03-01", 2}},
         false,
         0,
         "theory hours 0/4"},
        {"rows for undeclared units are ignored",
         "{min: 4}",
         {{"knitting", "present"}},
         false,
         0,
         "theory hours 0/4"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const int leaf = h().leaf("hours", Node::parse(c.leaf));
        h().clearEvidence();
        for (const auto& a : c.records) {
            std::map<std::string, std::string> values{{"status", a.status}};
            if (!a.minutes.empty()) values["minutes"] = a.minutes;
            h().add("attendance", a.unit, a.day, values, a.worker);
        }
        const auto r = h().evaluate(leaf, "2025-06-30");
        EXPECT_EQ(r.met, c.met);
        EXPECT_DOUBLE_EQ(r.have, c.have);
        EXPECT_EQ(r.unit, "学时");
        EXPECT_EQ(r.sentence.en, c.en);
        if (!c.zh.empty()) {
            EXPECT_EQ(r.sentence.zh, c.zh);
        }
    }
}

namespace {

struct Attempt {
    std::string quiz;
    std::string score;
    std::string day = "2025-03-01";
    std::int64_t worker = 1;
};

struct QuizCase {
    std::string name;
    std::string leaf;
    std::vector<Attempt> attempts;
    bool met;
    double have;
    double need;
    std::string en;
    std::string zh = ""; ///< checked when given
};

} // namespace

TEST_F(TheoryQuiz, BestOrLatestAttemptAgainstThePassMark) {
    const std::string both = "{quizzes: [q_policy, q_ethics]";
    const std::vector<QuizCase> cases{
        {"best: a retake that passes",
         both + "}",
         {{"q_policy", "55"}, {"q_policy", "70"}, {"q_ethics", "40"}},
         true,
         2,
         2,
         "quizzes passed 2/2",
         "测验通过 2/2"},
        {"best: a worse retake does not undo a pass",
         both + "}",
         {{"q_policy", "70"}, {"q_policy", "55"}, {"q_ethics", "40"}},
         true,
         2,
         2,
         "quizzes passed 2/2"},
        {"latest: the worse retake counts",
         both + ", attempt: latest}",
         {{"q_policy", "70"}, {"q_policy", "55"}, {"q_ethics", "40"}},
         false,
         1,
         2,
         "quizzes passed 1/2: Policy quiz 55 < 60",
         "测验通过 1/2：政策法规测验 55 < 60"},
        {"latest goes by recording order, not the day",
         both + ", attempt: latest}",
         {{"q_policy", "55", "2025-03-05"}, {"q_policy", "70", "2025-03-01"}, {"q_ethics", "40"}},
         true,
         2,
         2,
         "quizzes passed 2/2"},
        {"a quiz never taken",
         both + "}",
         {{"q_policy", "70"}},
         false,
         1,
         2,
         "quizzes passed 1/2: Ethics quiz not taken",
         "测验通过 1/2：伦理测验 未参加"},
        {"every failure is listed",
         both + "}",
         {{"q_policy", "55"}, {"q_ethics", "20"}},
         false,
         0,
         2,
         "quizzes passed 0/2: Policy quiz 55 < 60; Ethics quiz 20 < 30",
         "测验通过 0/2：政策法规测验 55 < 60；伦理测验 20 < 30"},
        {"exactly the pass mark passes",
         "{quizzes: [q_policy]}",
         {{"q_policy", "60"}},
         true,
         1,
         1,
         "quizzes passed 1/1"},
        {"a lower common pass mark",
         "{quizzes: [q_policy], pass: 50}",
         {{"q_policy", "55"}},
         true,
         1,
         1,
         "quizzes passed 1/1"},
        {"a higher common pass mark",
         "{quizzes: [q_policy], pass: 80}",
         {{"q_policy", "70"}},
         false,
         0,
         1,
         "quizzes passed 0/1: Policy quiz 70 < 80"},
        {"attempts after the evaluation date do not count yet",
         "{quizzes: [q_policy]}",
         {{"q_policy", "90", "2025-07-01"}},
         false,
         0,
         1,
         "quizzes passed 0/1: Policy quiz not taken"},
        {"another worker's attempts do not count",
         "{quizzes: [q_policy]}",
         {{"q_policy", "90", "2025-03-01", 2}},
         false,
         0,
         1,
         "quizzes passed 0/1: Policy quiz not taken"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const int leaf = h().leaf("quiz", Node::parse(c.leaf));
        h().clearEvidence();
        for (const auto& a : c.attempts)
            h().add("quiz_attempt", a.quiz, a.day, {{"score", a.score}}, a.worker);
        const auto r = h().evaluate(leaf, "2025-06-30");
        EXPECT_EQ(r.met, c.met);
        EXPECT_EQ(r.have, c.have);
        EXPECT_EQ(r.need, c.need);
        EXPECT_EQ(r.sentence.en, c.en);
        if (!c.zh.empty()) {
            EXPECT_EQ(r.sentence.zh, c.zh);
        }
    }
}

TEST_F(TheoryQuiz, AttendanceRowsAreNotQuizAttempts) {
    const int leaf = h().leaf("quiz", Node::parse("{quizzes: [q_policy]}"));
    h().add("attendance", "q_policy", "2025-03-01", {{"status", "present"}, {"minutes", "90"}});
    EXPECT_FALSE(h().evaluate(leaf, "2025-06-30").met);
}

// ABI 1.1: an attempt dated after today counts from its day on, so the answer holds until the
// day before; with nothing ahead, until a row is added.
TEST_F(TheoryQuiz, AnAnswerHoldsUntilTheDayBeforeARowAhead) {
    const int leaf = h().leaf("quiz", Node::parse("{quizzes: [q_policy]}"));
    h().add("quiz_attempt", "q_policy", "2025-03-01", {{"score", "50"}});
    EXPECT_EQ(h().evaluate(leaf, "2025-06-30").holdsUntil, YZ_HOLDS_FOREVER);
    h().add("quiz_attempt", "q_policy", "2025-07-10", {{"score", "95"}});
    const auto before = h().evaluate(leaf, "2025-06-30");
    EXPECT_FALSE(before.met);
    EXPECT_EQ(before.holdsUntil, *yanzhen::parseDay("2025-07-09"));
    EXPECT_TRUE(h().evaluate(leaf, "2025-07-10").met);
}

namespace {

struct ErrorCase {
    std::string name;
    std::string config;
    std::vector<std::string> errors;
};

const std::string kUnit = "{id: policy, title: {zh: 政策, en: Policy}, hours: 4, mode: in_person}";

} // namespace

TEST_F(TheoryConfig, ModuleMistakesAreNamedWithTheirPaths) {
    const std::vector<ErrorCase> cases{
        {"a duplicate unit id",
         "{units: [" + kUnit + ", {id: policy, title: {zh: b, en: b}, hours: 2, mode: online}]}",
         {"units[1].id: duplicate unit id 'policy'; already declared at units[0]"}},
        {"a misspelt mode",
         "{units: [{id: a, title: {zh: a, en: a}, hours: 4, mode: onlien}]}",
         {"units[0].mode: mode must be in_person, online or practice, not 'onlien'; did you mean "
          "'online'?"}},
        {"no hours",
         "{units: [{id: a, title: {zh: a, en: a}, hours: 0, mode: online}]}",
         {"units[0].hours: expected a number above 0, found '0'"}},
        {"a quiz pass mark above its maximum",
         "{units: [" + kUnit + "], quizzes: [{id: q, title: {zh: q, en: q}, max: 100, pass: 120}]}",
         {"quizzes[0].pass: expected a value in 0 .. 100, found '120'"}},
        {"a duplicate quiz id",
         "{units: [" + kUnit +
             "], quizzes: [{id: q, title: {zh: q, en: q}, max: 10, pass: 5},"
             " {id: q, title: {zh: r, en: r}, max: 10, pass: 5}]}",
         {"quizzes[1].id: duplicate quiz id 'q'; already declared at quizzes[0]"}},
        {"no units", "{}", {"units: expected a non-empty list of units, found nothing"}},
        {"an empty list of units",
         "{units: []}",
         {"units: expected a non-empty list of units, found a list"}},
        {"a misspelt key",
         "{units: [" + kUnit + "], quizes: []}",
         {"quizes: unknown key 'quizes'; did you mean 'quizzes'?"}},
        {"missing keys",
         "{units: [{id: a, hours: 4}]}",
         {"units[0].title: missing required key 'title'",
          "units[0].mode: missing required key 'mode'"}},
        {"a title without English",
         "{units: [{id: a, title: {zh: 甲}, hours: 4, mode: online}]}",
         {"units[0].title.en: expected a text value, found nothing"}},
        {"tags that are not a list",
         "{units: [{id: a, title: {zh: a, en: a}, hours: 4, mode: online, tags: law}]}",
         {"units[0].tags: expected a list of tags, found 'law'"}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(h().configErrors(Node::parse(c.config)), c.errors);
    }
}

TEST_F(TheoryConfig, LeafMistakesAreNamedWithTheirPaths) {
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> cases{
        {"hours",
         "{min: 8, units: [policy, polcy]}",
         {"units[1]: no unit 'polcy' is declared in the module; did you mean 'policy'?"}},
        {"hours", "{min: 8, units: [policy, policy]}", {"units[1]: duplicate unit 'policy'"}},
        {"hours", "{min: 8, units: []}", {"units: list at least one unit"}},
        {"hours",
         "{min: 8, caps: {onlin: 12}}",
         {"caps.onlin: mode must be in_person, online or practice, not 'onlin'; did you mean "
          "'online'?"}},
        {"hours",
         "{min: 8, caps: {online: -1}}",
         {"caps.online: expected a value in 0 .. ∞, found '-1'"}},
        {"hours",
         "{min: 8, sub_minimums: {lwa: 8}}",
         {"sub_minimums.lwa: no unit has the tag 'lwa'; did you mean 'law'?"}},
        {"hours",
         "{min: 8, units: [casework], sub_minimums: {law: 4}}",
         {"sub_minimums.law: none of the units this leaf counts has the tag 'law'"}},
        {"hours", "{min: 40, cap: {online: 12}}", {"cap: unknown key 'cap'; did you mean 'caps'?"}},
        {"hours", "{caps: {online: 12}}", {"min: missing required key 'min'"}},
        {"quiz",
         "{quizzes: [q_polcy]}",
         {"quizzes[0]: no quiz 'q_polcy' is declared in the module; did you mean 'q_policy'?"}},
        {"quiz",
         "{quizzes: [q_policy, q_ethics], pass: 60}",
         {"pass: expected a value in 0 .. 50, found '60'"}},
        {"quiz",
         "{quizzes: [q_policy], attempt: worst}",
         {"attempt: expected one of best, latest, found 'worst'"}},
    };
    for (const auto& [type, config, errors] : cases) {
        SCOPED_TRACE(type + " " + config);
        EXPECT_EQ(h().leafErrors(type, Node::parse(config)), errors);
    }
}

TEST_F(TheoryContract, DeclaresTheKindsFieldsAndLeafKeysTheCoursesUse) {
    const auto& info = h().info();
    EXPECT_EQ(info.id, "theory");
    ASSERT_EQ(info.kinds.size(), 2U);
    EXPECT_EQ(info.kinds[0].id, "attendance");
    EXPECT_EQ(info.kinds[0].fieldIndex("status"), 0);
    EXPECT_EQ(info.kinds[0].fieldIndex("minutes"), 1);
    EXPECT_EQ(info.kinds[0].fields[0].choices,
              (std::vector<std::string>{"present", "late", "absent", "excused"}));
    EXPECT_FALSE(info.kinds[0].fields[1].required);
    EXPECT_EQ(info.kinds[0].fields[1].max.value_or(0), 1440);
    EXPECT_EQ(info.kinds[1].id, "quiz_attempt");
    EXPECT_EQ(info.kinds[1].fieldIndex("score"), 0);
    const auto keys = [&](std::string_view leaf) {
        std::vector<std::string> out;
        for (const auto& f : info.leaf(leaf)->config)
            out.push_back(f.name);
        return out;
    };
    EXPECT_EQ(keys("hours"), (std::vector<std::string>{"min", "caps", "sub_minimums", "units"}));
    EXPECT_EQ(keys("quiz"), (std::vector<std::string>{"quizzes", "attempt", "pass"}));
}
