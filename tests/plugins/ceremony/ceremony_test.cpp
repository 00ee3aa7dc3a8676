// The ceremony plugin's meaning, through the real ceremony.so as the host loads it.

#include "RealPlugin.hpp"

#include <gtest/gtest.h>

using yanzhen::testing::Node;

namespace {

constexpr const char* kModule = "{ceremonies: {opening: {zh: 开班仪式, en: Opening ceremony},"
                                " oath: {zh: 入职宣誓, en: Oath of service},"
                                " closing: {zh: 结业仪式, en: Closing ceremony}}}";

class Ceremony : public yanzhen::testsupport::RealPluginTest {
protected:
    Ceremony() : RealPluginTest("ceremony", kModule) {}
};

struct AttendCase {
    std::string name;
    std::vector<std::pair<std::string, std::string>> records; ///< (ceremony, status) in order
    bool met;
    double have;
    std::string sentenceEn;
};

} // namespace

TEST_F(Ceremony, PresentAndLateCountAbsentAndExcusedDoNot) {
    const std::vector<AttendCase> cases{
        {"both present",
         {{"opening", "present"}, {"oath", "present"}},
         true,
         2,
         "ceremonies attended 2/2"},
        {"late counts",
         {{"opening", "late"}, {"oath", "present"}},
         true,
         2,
         "ceremonies attended 2/2"},
        {"excused does not",
         {{"opening", "present"}, {"oath", "excused"}},
         false,
         1,
         "ceremonies attended 1/2; missing: Oath of service"},
        {"absent does not",
         {{"opening", "absent"}, {"oath", "absent"}},
         false,
         0,
         "ceremonies attended 0/2; missing: Opening ceremony, Oath of service"},
        {"the latest record wins",
         {{"oath", "absent"}, {"oath", "present"}, {"opening", "present"}},
         true,
         2,
         "ceremonies attended 2/2"},
        {"a later absence replaces a presence",
         {{"oath", "present"}, {"oath", "absent"}, {"opening", "present"}},
         false,
         1,
         "ceremonies attended 1/2; missing: Oath of service"},
        {"other ceremonies do not count",
         {{"closing", "present"}, {"opening", "present"}},
         false,
         1,
         "ceremonies attended 1/2; missing: Oath of service"},
    };
    const int leaf = h().leaf("attend", Node::parse("{sessions: [opening, oath]}"));
    for (const auto& c : cases) {
        h().clearEvidence();
        for (const auto& [ceremony, status] : c.records)
            h().add("attendance", ceremony, "2025-03-01", {{"status", status}});
        const auto r = h().evaluate(leaf, "2025-06-30");
        EXPECT_EQ(r.met, c.met) << c.name;
        EXPECT_EQ(r.have, c.have) << c.name;
        EXPECT_EQ(r.need, 2) << c.name;
        EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.name;
    }
}

TEST_F(Ceremony, SentencesInChinese) {
    const int leaf = h().leaf("attend", Node::parse("{sessions: [opening, oath]}"));
    h().add("attendance", "opening", "2025-03-01", {{"status", "present"}});
    EXPECT_EQ(h().evaluate(leaf, "2025-06-30").sentence.zh,
              "仪式教育 已参加 1/2，未参加：入职宣誓");
}

TEST_F(Ceremony, MinCountsAnyOfTheListedCeremonies) {
    const int leaf =
        h().leaf("attend", Node::parse("{sessions: [opening, oath, closing], min: 2}"));
    h().add("attendance", "closing", "2025-03-01", {{"status", "present"}});
    h().add("attendance", "oath", "2025-03-01", {{"status", "late"}});
    const auto r = h().evaluate(leaf, "2025-06-30");
    EXPECT_TRUE(r.met);
    EXPECT_EQ(r.need, 2);
}

TEST_F(Ceremony, RecordsAfterTheEvaluationDateDoNotCountYet) {
    const int leaf = h().leaf("attend", Node::parse("{sessions: [opening]}"));
    h().add("attendance", "opening", "2025-09-01", {{"status", "present"}});
    EXPECT_FALSE(h().evaluate(leaf, "2025-08-31").met);
    EXPECT_TRUE(h().evaluate(leaf, "2025-09-01").met);
}

TEST_F(Ceremony, OnlyTheEvaluatedWorkersRowsCount) {
    const int leaf = h().leaf("attend", Node::parse("{sessions: [opening]}"));
    h().add("attendance", "opening", "2025-03-01", {{"status", "present"}}, /*worker=*/7);
    EXPECT_FALSE(h().evaluate(leaf, "2025-06-30", /*worker=*/1).met);
    EXPECT_TRUE(h().evaluate(leaf, "2025-06-30", /*worker=*/7).met);
}

TEST_F(Ceremony, ConfigurationMistakesAreNamedWithTheirPaths) {
    EXPECT_EQ(
        h().leafErrors("attend", Node::parse("{sessions: [opening, oaht]}")),
        std::vector<std::string>{
            "sessions[1]: no ceremony 'oaht' is declared in the module; did you mean 'oath'?"});
    EXPECT_EQ(h().leafErrors("attend", Node::parse("{sessions: [opening], min: 3}")),
              std::vector<std::string>{"min: expected an integer from 1 to 1, found '3'"});
    EXPECT_EQ(
        h().configErrors(Node::parse("{ceremony: {}}")),
        (std::vector<std::string>{"ceremony: unknown key 'ceremony'",
                                  "ceremonies: expected the ceremonies, by id, found nothing"}));
}
