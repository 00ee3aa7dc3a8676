// The SDK's configuration view and schema checks, as a plugin author relies on them.

#include <yanzhen/config.hpp>
#include <yanzhen/date.hpp>
#include <yanzhen/testing.hpp>

#include <gtest/gtest.h>

using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::Field;
using yanzhen::FieldType;
using yanzhen::testing::Node;

namespace {

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(item.path + ": " + item.message.en);
    return out;
}

} // namespace

TEST(Config, PathsNameEveryStepFromTheRoot) {
    const Node n = Node::parse("{rubrics: {std: {criteria: [{max: 10}, {max: 20}]}}}");
    const Config root(n.c(), "");
    const Config max = root["rubrics"]["std"]["criteria"].at(1)["max"];
    EXPECT_EQ(max.path(), "rubrics.std.criteria[1].max");
    EXPECT_EQ(max.text(), "20");
    EXPECT_TRUE(root["nothing"]["here"].isNull());
    EXPECT_EQ(root["nothing"]["here"].path(), "nothing.here");
}

TEST(Config, ConversionsReportWhatWasExpectedAndFound) {
    const Node n = Node::parse("{a: 12, b: 7.5, c: twelve, d: yes, e: [1]}");
    const Config c(n.c(), "");
    Diagnostics d;
    EXPECT_EQ(c["a"].integer(d), 12);
    EXPECT_EQ(c["b"].number(d), 7.5);
    EXPECT_EQ(c["d"].boolean(d), true);
    EXPECT_FALSE(c["c"].integer(d));
    EXPECT_FALSE(c["b"].integer(d)); // 7.5 is a number, not an integer
    EXPECT_FALSE(c["e"].string(d));
    EXPECT_EQ(messages(d), (std::vector<std::string>{"c: expected an integer, found 'twelve'",
                                                    "b: expected an integer, found '7.5'",
                                                    "e: expected a text value, found a list"}));
    EXPECT_EQ(d.items()[0].message.zh, "应为整数，实际是“twelve”");
}

TEST(CheckAgainst, ReportsEveryProblemAtOnceWithDidYouMean) {
    const std::vector<Field> schema{
        {.name = "min", .type = FieldType::Integer, .min = 0, .max = 100},
        {.name = "mode", .type = FieldType::Choice, .required = false, .choices = {"best", "latest"}},
        {.name = "tags", .type = FieldType::List, .required = false},
    };
    const Node n = Node::parse("{minn: 3, mode: worst, tags: law}");
    Diagnostics d;
    yanzhen::checkAgainst(Config(n.c(), ""), schema, d);
    EXPECT_EQ(messages(d), (std::vector<std::string>{"minn: unknown key 'minn'; did you mean 'min'?",
                                                    "min: missing required key 'min'",
                                                    "mode: expected one of best, latest, found 'worst'",
                                                    "tags: expected a list, found 'law'"}));
}

TEST(CheckAgainst, RangesAreInclusive) {
    const std::vector<Field> schema{{.name = "pass", .type = FieldType::Number, .min = 0, .max = 100}};
    for (const auto& [text, ok] : std::vector<std::pair<std::string, bool>>{
             {"{pass: 0}", true}, {"{pass: 100}", true}, {"{pass: 100.5}", false}, {"{pass: -1}", false}}) {
        Diagnostics d;
        yanzhen::checkAgainst(Config(Node::parse(text).c(), ""), schema, d);
        EXPECT_EQ(!d.hasErrors(), ok) << text;
    }
    Diagnostics d;
    yanzhen::checkAgainst(Config(Node::parse("{pass: 101}").c(), ""), schema, d);
    EXPECT_EQ(messages(d), std::vector<std::string>{"pass: expected a value in 0 .. 100, found '101'"});
}

TEST(Dates, RoundTripAndRejectImpossibleDays) {
    EXPECT_EQ(yanzhen::parseDay("1970-01-01"), 0);
    EXPECT_EQ(yanzhen::parseDay("2025-05-24"), yanzhen::dayFromCivil(2025, 5, 24));
    EXPECT_EQ(yanzhen::formatDay(*yanzhen::parseDay("2024-02-29")), "2024-02-29");
    EXPECT_FALSE(yanzhen::parseDay("2025-02-29"));
    EXPECT_FALSE(yanzhen::parseDay("2025-5-24"));
    EXPECT_FALSE(yanzhen::parseDay("2025-13-01"));
}

TEST(Text, NumbersAndSuggestions) {
    EXPECT_EQ(yanzhen::formatNumber(40), "40");
    EXPECT_EQ(yanzhen::formatNumber(7.5), "7.5");
    EXPECT_EQ(yanzhen::formatNumber(1.0 / 3), "0.33");
    EXPECT_EQ(yanzhen::closestMatch("sesions", {"sessions", "min"}), "sessions");
    EXPECT_EQ(yanzhen::closestMatch("zzz", {"sessions", "min"}), "");
    EXPECT_EQ((yanzhen::Text{"中文", "English"}.in("zh-CN")), "中文");
    EXPECT_EQ((yanzhen::Text{"", "English"}.in("zh")), "English");
}
