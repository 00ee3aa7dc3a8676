// The competitions plugin's meaning, through the real competitions.so as the host loads it.

#include "RealPlugin.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

using yanzhen::testing::Node;

namespace {

// skills breaks ties by every rule, speech by penalties before the final, quiz not at all.
constexpr const char* kModule =
    "{contests: ["
    " {id: skills, title: {zh: 全科社工技能大赛, en: General-practice skills contest}, rounds: "
    "[prelim, final],"
    "  tie_break: [final_round, fewer_penalties, earlier_submission]},"
    " {id: speech, title: {zh: 演讲比赛, en: Speech contest}, rounds: [prelim, final],"
    "  tie_break: [fewer_penalties, final_round]},"
    " {id: quiz, title: {zh: 政策法规知识竞赛, en: Policy quiz}, rounds: [written, oral]}]}";

/// One entry row; empty penalties or submitted leave the field out.
struct Entry {
    std::int64_t worker;
    std::string contest;
    std::string round;
    std::string score;
    std::string penalties = "";
    std::string submitted = "";
    std::string day = "2025-05-10";
};

/// (worker, place) in standings order.
using Places = std::vector<std::pair<std::int64_t, std::uint32_t>>;

class Competition : public yanzhen::testsupport::RealPluginTest {
protected:
    Competition() : RealPluginTest("competitions", kModule) {}

    void record(const std::vector<Entry>& entries) {
        h().clearEvidence();
        for (const auto& e : entries) {
            std::map<std::string, std::string> values{{"round", e.round}, {"score", e.score}};
            if (!e.penalties.empty()) values["penalties"] = e.penalties;
            if (!e.submitted.empty()) values["submitted"] = e.submitted;
            h().add("entry", e.contest, e.day, values, e.worker);
        }
    }
    Places places(const std::string& contest, const std::string& today = "2025-06-30") {
        Places out;
        for (const auto& s : h().rank(contest, today))
            out.emplace_back(s.worker, s.place);
        return out;
    }
};

} // namespace

TEST_F(Competition, ParticipateCountsTheContestsEntered) {
    struct Case {
        std::string name;
        std::string leaf;
        std::vector<Entry> entries;
        bool met;
        double have;
        std::string sentenceEn;
    };
    const std::vector<Case> cases{
        {"no entry", "{}", {}, false, 0, "contests entered 0/1"},
        {"one entry is enough by default",
         "{}",
         {{1, "quiz", "written", "70"}},
         true,
         1,
         "contests entered 1/1"},
        {"two rounds of one contest are one contest",
         "{min: 2}",
         {{1, "skills", "prelim", "80"}, {1, "skills", "final", "85"}},
         false,
         1,
         "contests entered 1/2"},
        {"two contests",
         "{min: 2}",
         {{1, "skills", "prelim", "80"}, {1, "quiz", "written", "60"}},
         true,
         2,
         "contests entered 2/2"},
        {"only the listed contests count",
         "{contests: [speech, quiz]}",
         {{1, "skills", "prelim", "80"}},
         false,
         0,
         "contests entered 0/1"},
        {"another worker's entry does not count",
         "{}",
         {{2, "quiz", "written", "70"}},
         false,
         0,
         "contests entered 0/1"},
        {"an entry after today does not count yet",
         "{}",
         {{1, "quiz", "written", "70", "", "", "2025-07-01"}},
         false,
         0,
         "contests entered 0/1"},
        {"a round the contest does not have is no entry",
         "{}",
         {{1, "quiz", "final", "70"}},
         false,
         0,
         "contests entered 0/1"},
    };
    for (const auto& c : cases) {
        const int leaf = h().leaf("participate", Node::parse(c.leaf));
        record(c.entries);
        const auto r = h().evaluate(leaf, "2025-06-30", 1);
        EXPECT_EQ(r.met, c.met) << c.name;
        EXPECT_EQ(r.have, c.have) << c.name;
        EXPECT_EQ(r.unit, "项") << c.name;
        EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.name;
    }
    record({{1, "quiz", "written", "70"}});
    EXPECT_EQ(
        h().evaluate(h().leaf("participate", Node::parse("{min: 2}")), "2025-06-30").sentence.zh,
        "参赛 1/2 项");
}

TEST_F(Competition, PlaceIsMetWithinTheTopK) {
    record({{1, "skills", "prelim", "95"},
            {1, "skills", "final", "95"},
            {2, "skills", "prelim", "90"},
            {2, "skills", "final", "92"},
            {3, "skills", "prelim", "85"},
            {3, "skills", "final", "85"},
            {4, "skills", "prelim", "80"},
            {4, "skills", "final", "70"},
            {9, "quiz", "written", "99"}});
    const int leaf = h().leaf("place", Node::parse("{contest: skills, top: 3}"));
    struct Case {
        std::int64_t worker;
        bool met;
        double have;
        std::string sentenceEn;
    };
    const std::vector<Case> cases{
        {1, true, 1, "placed 1 of 4 in General-practice skills contest (top 3 needed)"},
        {2, true, 2, "placed 2 of 4 in General-practice skills contest (top 3 needed)"},
        {3, true, 3, "placed 3 of 4 in General-practice skills contest (top 3 needed)"},
        {4, false, 4, "placed 4 of 4 in General-practice skills contest (top 3 needed)"},
        {9, false, 0, "did not enter General-practice skills contest"},
    };
    for (const auto& c : cases) {
        const auto r = h().evaluate(leaf, "2025-06-30", c.worker);
        EXPECT_EQ(r.met, c.met) << c.worker;
        EXPECT_EQ(r.have, c.have) << c.worker;
        EXPECT_EQ(r.need, 3) << c.worker;
        EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.worker;
    }
    EXPECT_EQ(h().evaluate(leaf, "2025-06-30", 2).sentence.zh,
              "全科社工技能大赛 第 2 名（共 4 人，需前 3 名）");
    EXPECT_EQ(h().evaluate(leaf, "2025-06-30", 9).sentence.zh, "未参加 全科社工技能大赛");
}

TEST_F(Competition, EntrantsEqualOnEveryRuleAreTied) {
    record({{1, "skills", "prelim", "90"},
            {1, "skills", "final", "92", "1", "10:30"},
            {2, "skills", "prelim", "89"},
            {2, "skills", "prelim", "90"},
            {2, "skills", "final", "92", "1", "10:30"},
            {3, "skills", "prelim", "99"},
            {3, "skills", "final", "99"},
            {4, "skills", "prelim", "60"},
            {4, "skills", "final", "60"}});
    // Workers 1 and 2 (after the correction of 2's prelim): total 182, final 92, 1 penalty, 10:30
    // the same day.
    EXPECT_EQ(places("skills"), (Places{{3, 1}, {1, 2}, {2, 2}, {4, 4}}));
    const int leaf = h().leaf("place", Node::parse("{contest: skills, top: 2}"));
    const auto r = h().evaluate(leaf, "2025-06-30", 2);
    EXPECT_TRUE(r.met);
    EXPECT_EQ(r.have, 2);
    EXPECT_EQ(r.sentence.en, "placed 2= of 4 in General-practice skills contest (top 2 needed)");
    EXPECT_EQ(r.sentence.zh, "全科社工技能大赛 并列第 2 名（共 4 人，需前 2 名）");

    // A tie at the top: the next place skips.
    record(
        {{5, "quiz", "written", "88"}, {6, "quiz", "written", "88"}, {7, "quiz", "written", "80"}});
    EXPECT_EQ(places("quiz"), (Places{{5, 1}, {6, 1}, {7, 3}}));
}

TEST_F(Competition, TieBreakRulesDecideInTheirOrder) {
    struct Case {
        std::string name;
        std::string contest;
        std::vector<Entry> entries;
        Places expected;
        std::string winnerDetailEn;
    };
    const std::vector<Case> cases{
        {"the higher final-round score wins",
         "skills",
         {{1, "skills", "prelim", "92"},
          {1, "skills", "final", "90"},
          {2, "skills", "prelim", "90"},
          {2, "skills", "final", "92"}},
         {{2, 1}, {1, 2}},
         "total 182; final 92; penalties 0; submitted 2025-05-10"},
        {"an equal final: fewer penalties win",
         "skills",
         {{1, "skills", "prelim", "90", "2"},
          {1, "skills", "final", "92"},
          {2, "skills", "prelim", "90"},
          {2, "skills", "final", "92", "1"}},
         {{2, 1}, {1, 2}},
         "total 182; final 92; penalties 1; submitted 2025-05-10"},
        {"equal penalties: the earlier submission wins",
         "skills",
         {{1, "skills", "prelim", "90"},
          {1, "skills", "final", "92", "1", "10:30"},
          {2, "skills", "prelim", "90"},
          {2, "skills", "final", "92", "1", "09:15"}},
         {{2, 1}, {1, 2}},
         "total 182; final 92; penalties 1; submitted 2025-05-10 09:15"},
        {"an earlier day beats an earlier time",
         "skills",
         {{1, "skills", "final", "92", "", "08:00", "2025-05-10"},
          {2, "skills", "final", "92", "", "16:00", "2025-05-09"}},
         {{2, 1}, {1, 2}},
         "total 92; final 92; penalties 0; submitted 2025-05-09 16:00"},
        {"a missing time sorts last on its day",
         "skills",
         {{1, "skills", "final", "92"}, {2, "skills", "final", "92", "", "23:59"}},
         {{2, 1}, {1, 2}},
         "total 92; final 92; penalties 0; submitted 2025-05-10 23:59"},
        {"no final-round entry loses the final-round rule",
         "skills",
         {{1, "skills", "prelim", "92"},
          {2, "skills", "prelim", "2"},
          {2, "skills", "final", "90"}},
         {{2, 1}, {1, 2}},
         "total 92; final 90; penalties 0; submitted 2025-05-10"},
        {"the higher total wins before any rule",
         "skills",
         {{1, "skills", "final", "99", "5"},
          {2, "skills", "prelim", "50"},
          {2, "skills", "final", "50"}},
         {{2, 1}, {1, 2}},
         "total 100; final 50; penalties 0; submitted 2025-05-10"},
        {"penalties listed first decide before the final",
         "speech",
         {{1, "speech", "prelim", "90"},
          {1, "speech", "final", "92", "2"},
          {2, "speech", "prelim", "92"},
          {2, "speech", "final", "90", "1"}},
         {{2, 1}, {1, 2}},
         "total 182; penalties 1; final 90"},
        {"without rules equal totals stay tied",
         "quiz",
         {{1, "quiz", "written", "88", "3", "09:00"}, {2, "quiz", "written", "88"}},
         {{1, 1}, {2, 1}},
         "total 88"},
    };
    for (const auto& c : cases) {
        record(c.entries);
        const auto standings = h().rank(c.contest, "2025-06-30");
        EXPECT_EQ(places(c.contest), c.expected) << c.name;
        ASSERT_FALSE(standings.empty()) << c.name;
        EXPECT_EQ(standings.front().detail.en, c.winnerDetailEn) << c.name;
    }
}

TEST_F(Competition, StandingsCarryTheTotalAndABilingualDetail) {
    record({{1, "skills", "prelim", "87"}, {1, "skills", "final", "95", "1", "14:05"}});
    const auto standings = h().rank("skills", "2025-06-30");
    ASSERT_EQ(standings.size(), 1U);
    EXPECT_EQ(standings[0].score, 182);
    EXPECT_EQ(standings[0].detail.en,
              "total 182; final 95; penalties 1; submitted 2025-05-10 14:05");
    EXPECT_EQ(standings[0].detail.zh, "总分 182；决赛 95；罚分 1；决赛提交 2025-05-10 14:05");
}

TEST_F(Competition, TheLatestRowPerRoundCounts) {
    struct Case {
        std::string name;
        std::vector<Entry> entries;
        Places expected;
        double leaderScore;
        std::string contest = "skills";
    };
    const std::vector<Case> cases{
        {"a corrected prelim score replaces the first",
         {{1, "skills", "prelim", "80"},
          {1, "skills", "final", "90"},
          {2, "skills", "prelim", "95"},
          {2, "skills", "final", "88"},
          {1, "skills", "prelim", "95"}},
         {{1, 1}, {2, 2}},
         185},
        {"a correction downwards counts too",
         {{1, "skills", "final", "99"}, {2, "skills", "final", "90"}, {1, "skills", "final", "80"}},
         {{2, 1}, {1, 2}},
         90},
        {"decimal scores that add up alike tie (0.1 + 0.2 is not 0.3 in binary)",
         {{1, "quiz", "written", "0.1"},
          {1, "quiz", "oral", "0.2"},
          {2, "quiz", "written", "0.3"},
          {2, "quiz", "oral", "0"},
          {3, "skills", "final", "0.3"}},
         {{1, 1}, {2, 1}},
         0.3,
         "quiz"},
        {"rows recorded after today do not count",
         {{1, "skills", "final", "70"},
          {2, "skills", "final", "60"},
          {2, "skills", "final", "99", "", "", "2025-07-01"}},
         {{1, 1}, {2, 2}},
         70},
    };
    for (const auto& c : cases) {
        record(c.entries);
        EXPECT_EQ(places(c.contest), c.expected) << c.name;
        EXPECT_DOUBLE_EQ(h().rank(c.contest, "2025-06-30").front().score, c.leaderScore) << c.name;
    }
}

TEST_F(Competition, PlaceIsACohortLeafAndUnknownContestsCannotBeRanked) {
    const auto* place = h().info().leaf("place");
    ASSERT_NE(place, nullptr);
    EXPECT_EQ(place->scope, yanzhen::Scope::Cohort);
    EXPECT_EQ(h().info().leaf("participate")->scope, yanzhen::Scope::Worker);
    try {
        h().rank("skils", "2025-06-30");
        FAIL() << "an unknown contest was ranked";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "plugin 'competitions': no contest 'skils' is declared in "
                                         "the module; did you mean 'skills'?");
    }
}

TEST_F(Competition, ConfigurationMistakesAreNamedWithTheirPaths) {
    using Errors = std::vector<std::string>;
    const std::string title = "title: {zh: 技能大赛, en: Skills contest}";
    const std::vector<std::pair<std::string, Errors>> modules{
        {"{contests: [{id: skills, " + title +
             ", rounds: [prelim, final], tie_break: [final_round, fewer_penalty]}]}",
         {"contests[0].tie_break[1]: unknown tie-break rule 'fewer_penalty'; did you mean "
          "'fewer_penalties'?"}},
        {"{contests: [{id: skills, " + title + ", rounds: [final], tie_break: [coin_toss]}]}",
         {"contests[0].tie_break[0]: unknown tie-break rule 'coin_toss'"}},
        {"{contests: [{id: skills, " + title +
             ", rounds: [final], tie_break: [final_round, final_round]}]}",
         {"contests[0].tie_break[1]: duplicate tie-break rule 'final_round'"}},
        {"{contests: [{id: a, " + title + ", rounds: [final]}, {id: a, " + title +
             ", rounds: [final]}]}",
         {"contests[1].id: duplicate contest id 'a'; already declared at contests[0]"}},
        {"{contests: [{id: a, " + title + ", rounds: [final, final]}]}",
         {"contests[0].rounds[1]: duplicate round 'final'"}},
        {"{contests: [{id: a, " + title + ", rounds: []}]}",
         {"contests[0].rounds: expected a non-empty list of rounds, found a list"}},
        {"{contests: [{id: a, title: {zh: 技能大赛}, rounds: [final], tiebreak: [final_round]}]}",
         {"contests[0].tiebreak: unknown key 'tiebreak'; did you mean 'tie_break'?",
          "contests[0].title.en: expected a text value, found nothing"}},
        {"{contest: []}",
         {"contest: unknown key 'contest'; did you mean 'contests'?",
          "contests: expected a non-empty list of contests, found nothing"}},
    };
    for (const auto& [config, errors] : modules)
        EXPECT_EQ(h().configErrors(Node::parse(config)), errors) << config;

    const std::vector<std::tuple<std::string, std::string, Errors>> leaves{
        {"place",
         "{contest: skils, top: 3}",
         {"contest: no contest 'skils' is declared in the module; did you mean 'skills'?"}},
        {"place", "{contest: skills, top: 0}", {"top: expected a value in 1 .. ∞, found '0'"}},
        {"place", "{contest: skills}", {"top: missing required key 'top'"}},
        {"participate",
         "{contests: [skills, speach]}",
         {"contests[1]: no contest 'speach' is declared in the module; did you mean 'speech'?"}},
        {"participate", "{min: 4}", {"min: expected an integer from 1 to 3, found '4'"}},
        {"participate", "{contests: []}", {"contests: list at least one contest"}},
        {"participate", "{contests: [quiz, quiz]}", {"contests[1]: duplicate contest 'quiz'"}},
    };
    for (const auto& [type, config, errors] : leaves)
        EXPECT_EQ(h().leafErrors(type, Node::parse(config)), errors) << type << " " << config;
}
