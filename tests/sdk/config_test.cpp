// The SDK's configuration view and schema checks, as a plugin author relies on them.

#include <yanzhen/config.hpp>
#include <yanzhen/config_rules.hpp>
#include <yanzhen/date.hpp>
#include <yanzhen/testing.hpp>

#include <gtest/gtest.h>

#include <limits>

using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::Field;
using yanzhen::FieldType;
using yanzhen::Text;
using yanzhen::testing::Node;

namespace {

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items())
        out.push_back(item.path + ": " + item.message.en);
    return out;
}

std::vector<std::string> messagesZh(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items())
        out.push_back(item.path + ": " + item.message.zh);
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
        {.name = "mode",
         .type = FieldType::Choice,
         .required = false,
         .choices = {"best", "latest"}},
        {.name = "tags", .type = FieldType::List, .required = false},
    };
    const Node n = Node::parse("{minn: 3, mode: worst, tags: law}");
    Diagnostics d;
    yanzhen::checkAgainst(Config(n.c(), ""), schema, d);
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{"minn: unknown key 'minn'; did you mean 'min'?",
                                        "min: missing required key 'min'",
                                        "mode: expected one of best, latest, found 'worst'",
                                        "tags: expected a list, found 'law'"}));
}

TEST(CheckAgainst, RangesAreInclusive) {
    const std::vector<Field> schema{
        {.name = "pass", .type = FieldType::Number, .min = 0, .max = 100}};
    for (const auto& [text, ok] :
         std::vector<std::pair<std::string, bool>>{{"{pass: 0}", true},
                                                   {"{pass: 100}", true},
                                                   {"{pass: 100.5}", false},
                                                   {"{pass: -1}", false}}) {
        Diagnostics d;
        yanzhen::checkAgainst(Config(Node::parse(text).c(), ""), schema, d);
        EXPECT_EQ(!d.hasErrors(), ok) << text;
    }
    Diagnostics d;
    yanzhen::checkAgainst(Config(Node::parse("{pass: 101}").c(), ""), schema, d);
    EXPECT_EQ(messages(d),
              std::vector<std::string>{"pass: expected a value in 0 .. 100, found '101'"});
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

TEST(Text, DidYouMeanIsAppendedInBothLanguagesOnlyWhenSomethingIsClose) {
    const Text message{"未知的键“minn”", "unknown key 'minn'"};
    EXPECT_EQ(yanzhen::withDidYouMean(message, "minn", {"min", "max"}),
              (Text{"未知的键“minn”，是否想写“min”？", "unknown key 'minn'; did you mean 'min'?"}));
    EXPECT_EQ(yanzhen::withDidYouMean(message, "minn", {"sessions"}), message);
    EXPECT_EQ(yanzhen::withDidYouMean(message, "minn", {}), message);
}

TEST(ConfigRules, TextIsAZhEnPairAndNothingElse) {
    const Node n =
        Node::parse("{a: {zh: 甲, en: A}, b: {zh: 乙}, c: {zh: 丙, en: C, fr: C}, d: plain}");
    const Config root(n.c(), "t");
    Diagnostics d;
    EXPECT_EQ(root["a"].text(d), (Text{"甲", "A"}));
    EXPECT_FALSE(root["b"].text(d));
    EXPECT_EQ(root["c"].text(d),
              (Text{"丙", "C"})); // the unknown key is reported, the text still read
    EXPECT_FALSE(root["d"].text(d));
    EXPECT_FALSE(root["e"].text(d));
    EXPECT_EQ(root["a"].text(), ""); // without arguments: the scalar as written, and a map is none
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{"t.b.en: expected a text value, found nothing",
                                        "t.c.fr: unknown key 'fr'",
                                        "t.d: expected a title with zh and en, found 'plain'",
                                        "t.e: expected a title with zh and en, found nothing"}));
    EXPECT_EQ(d.items()[2].message.zh, "应为含 zh 和 en 的标题，实际是“plain”");
}

TEST(ConfigRules, NumbersInARangeIncludeTheBoundsAndSayTheRangeWhenOutside) {
    const Node n = Node::parse("{zero: 0, ten: 10, over: 10.5, minus: -1, word: ten, big: 1e9}");
    const Config c(n.c(), "");
    const double inf = std::numeric_limits<double>::infinity();
    Diagnostics d;
    EXPECT_EQ(c["zero"].numberIn(0, 10, d), 0);
    EXPECT_EQ(c["ten"].numberIn(0, 10, d), 10);
    EXPECT_EQ(c["big"].numberIn(0, inf, d), 1e9);
    EXPECT_TRUE(messages(d).empty());
    EXPECT_FALSE(c["over"].numberIn(0, 10, d));
    EXPECT_FALSE(c["minus"].numberIn(0, inf, d));
    EXPECT_FALSE(c["word"].numberIn(0, 10, d));
    EXPECT_FALSE(c["zero"].numberAbove(0, d));
    EXPECT_EQ(c["ten"].numberAbove(0, d), 10);
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{"over: expected a value in 0 .. 10, found '10.5'",
                                        "minus: expected a value in 0 .. ∞, found '-1'",
                                        "word: expected a number, found 'ten'",
                                        "zero: expected a number above 0, found '0'"}));
    EXPECT_EQ(d.items()[1].message.zh, "应为0 .. ∞ 之间的值，实际是“-1”");
    EXPECT_EQ(d.items()[3].message.zh, "应为大于 0 的数，实际是“0”");
}

TEST(ConfigRules, IntegersInARangeNameBothBounds) {
    const Node n = Node::parse("{one: 1, three: 3, four: 4, half: 1.5}");
    const Config c(n.c(), "leaf");
    Diagnostics d;
    EXPECT_EQ(c["one"].integerIn(1, 3, d), 1);
    EXPECT_EQ(c["three"].integerIn(1, 3, d), 3);
    EXPECT_FALSE(c["four"].integerIn(1, 3, d));
    EXPECT_FALSE(c["half"].integerIn(1, 3, d));
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{"leaf.four: expected an integer from 1 to 3, found '4'",
                                        "leaf.half: expected an integer, found '1.5'"}));
    EXPECT_EQ(d.items()[0].message.zh, "应为1 到 3 之间的整数，实际是“4”");
}

TEST(ConfigRules, UnknownKeysMissingKeysAndMapsAreWordedAsTheHostWordsThem) {
    const Node n = Node::parse("{module: {untis: [], quizes: [], zzz: 1}, list: [1]}");
    const Config root(n.c(), "");
    Diagnostics d;
    EXPECT_TRUE(yanzhen::expectMap(root["module"], {"units", "quizzes"}, d));
    EXPECT_FALSE(yanzhen::expectMap(root["list"], {"units"}, d));
    EXPECT_TRUE(yanzhen::requireKey(root["module"], "zzz", d));
    EXPECT_FALSE(yanzhen::requireKey(root["module"], "units", d));
    yanzhen::rejectUnknownKeys(root["list"], {}, d); // not a map: nothing to say here
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{
                  "module.untis: unknown key 'untis'; did you mean 'units'?",
                  "module.quizes: unknown key 'quizes'; did you mean 'quizzes'?",
                  "module.zzz: unknown key 'zzz'", "list: expected a mapping, found a list",
                  "module.units: missing required key 'units'"}));
    EXPECT_EQ(messagesZh(d)[0], "module.untis: 未知的键“untis”，是否想写“units”？");
    EXPECT_EQ(messagesZh(d)[4], "module.units: 缺少必填项“units”");

    // checkAgainst says the same through the same functions.
    Diagnostics schema;
    yanzhen::checkAgainst(
        root["module"], {{.name = "units", .type = FieldType::List}, {.name = "quizzes"}}, schema);
    EXPECT_EQ(messages(schema), (std::vector<std::string>{
                                    "module.untis: unknown key 'untis'; did you mean 'units'?",
                                    "module.quizes: unknown key 'quizes'; did you mean 'quizzes'?",
                                    "module.zzz: unknown key 'zzz'",
                                    "module.units: missing required key 'units'",
                                    "module.quizzes: missing required key 'quizzes'",
                                }));
    EXPECT_EQ(messagesZh(schema)[0], messagesZh(d)[0]);
}

TEST(ConfigRules, LookupFindsTheIndexOrReportsWithDidYouMean) {
    const Node n = Node::parse("{mode: onlien, rubric: sdt, other: zzz}");
    const Config c(n.c(), "");
    const std::vector<std::string> modes{"in_person", "online"};
    Diagnostics d;
    EXPECT_EQ(yanzhen::lookup(c["mode"], "online", modes, Text{"x", "x"}, d), 1U);
    EXPECT_FALSE(yanzhen::lookup(c["mode"], "onlien", modes, Text{"方式不对", "no such mode"}, d));
    EXPECT_FALSE(
        yanzhen::lookupDeclared(c["rubric"], "sdt", {"std"}, Text{"评分量表", "rubric"}, d));
    EXPECT_FALSE(
        yanzhen::lookupDeclared(c["other"], "zzz", {"std"}, Text{"评分量表", "rubric"}, d));
    EXPECT_EQ(messages(d),
              (std::vector<std::string>{
                  "mode: no such mode; did you mean 'online'?",
                  "rubric: no rubric 'sdt' is declared in the module; did you mean 'std'?",
                  "other: no rubric 'zzz' is declared in the module"}));
    EXPECT_EQ(messagesZh(d)[1], "rubric: 模块中没有声明评分量表“sdt”，是否想写“std”？");
}

TEST(ConfigRules, ListsOfIdsHoldEachIdOnceAndAtLeastOne) {
    const Node n =
        Node::parse("{levels: [a, b, a, [x]], empty: [], units: [policy, polcy, law, policy]}");
    const Config c(n.c(), "");
    const Text level{"等级", "level"};
    Diagnostics d;
    std::vector<std::string> seen;
    EXPECT_TRUE(yanzhen::addUnique(c["levels"].at(0), "a", level, seen, d));
    EXPECT_FALSE(yanzhen::addUnique(c["levels"].at(2), "a", level, seen, d));
    EXPECT_EQ(seen, std::vector<std::string>{"a"});
    EXPECT_EQ(messages(d), std::vector<std::string>{"levels[2]: duplicate level 'a'"});
    EXPECT_EQ(messagesZh(d), std::vector<std::string>{"levels[2]: 等级“a”重复"});

    Diagnostics ids;
    EXPECT_EQ(yanzhen::readIds(c["levels"], level, ids), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(yanzhen::readIds(c["empty"], level, ids).empty());
    EXPECT_TRUE(yanzhen::readIds(c["absent"], level, ids)
                    .empty()); // whether it may be absent is the caller's
    EXPECT_EQ(yanzhen::resolveIds(c["units"], {"law", "policy"}, Text{"单元", "unit"}, ids),
              (std::vector<std::size_t>{1, 0}));
    EXPECT_EQ(messages(ids), (std::vector<std::string>{
                                 "levels[2]: duplicate level 'a'",
                                 "levels[3]: expected a text value, found a list",
                                 "empty: list at least one level",
                                 "units[1]: no unit 'polcy' is declared in the module; did you "
                                 "mean 'policy'?",
                                 "units[3]: duplicate unit 'policy'"}));
    EXPECT_EQ(messagesZh(ids)[2], "empty: 至少列出一个等级");

    Diagnostics lists;
    EXPECT_TRUE(yanzhen::requireNonEmptyList(c["levels"], Text{"等级", "levels"}, lists));
    EXPECT_FALSE(yanzhen::requireNonEmptyList(c["empty"], Text{"等级", "levels"}, lists));
    EXPECT_FALSE(yanzhen::requireNonEmptyList(c["absent"], Text{"单元", "units"}, lists));
    EXPECT_EQ(messages(lists), (std::vector<std::string>{
                                   "empty: expected a non-empty list of levels, found a list",
                                   "absent: expected a non-empty list of units, found nothing"}));
    EXPECT_EQ(messagesZh(lists)[1], "absent: 应为非空的单元列表，实际是空");
}

TEST(ConfigRules, ForEachItemReadsIdAndTitleAndLeavesTheRestToTheCaller) {
    const Node n = Node::parse("{units: ["
                               " {id: a, title: {zh: 甲, en: A}, hours: 4},"
                               " {id: b, title: {zh: 乙}, huors: 2},"
                               " {title: {zh: 丙, en: C}},"
                               " plain,"
                               " {id: a, title: {zh: 丁, en: D}, hours: 1}]}");
    const Config root(n.c(), "");
    Diagnostics d;
    std::vector<std::string> read; // "path id title" per call, "-" for nothing
    yanzhen::forEachItem(root["units"], {"hours"}, Text{"单元", "unit"}, d,
                         [&](const Config& item, const auto& id, const auto& title) {
                             read.push_back(item.path() + " " + id.value_or("-") + " " +
                                            (title ? title->en : "-"));
                         });
    EXPECT_EQ(read, (std::vector<std::string>{"units[0] a A", "units[1] b -", "units[2] - C",
                                              "units[4] - D"}));
    EXPECT_EQ(messages(d), (std::vector<std::string>{
                               "units[1].huors: unknown key 'huors'; did you mean 'hours'?",
                               "units[1].title.en: expected a text value, found nothing",
                               "units[2].id: missing required key 'id'",
                               "units[3]: expected a mapping, found 'plain'",
                               "units[4].id: duplicate unit id 'a'; already declared at units[0]",
                           }));
    EXPECT_EQ(messagesZh(d)[4], "units[4].id: 重复的单元 id“a”，已在 units[0] 声明");

    Diagnostics none; // anything but a list: nothing to walk, nothing to say
    yanzhen::forEachItem(root["absent"], {}, Text{"单元", "unit"}, none,
                         [&](const Config&, const auto&, const auto&) {
                             ADD_FAILURE() << "called for an absent list";
                         });
    EXPECT_TRUE(none.items().empty());
}
