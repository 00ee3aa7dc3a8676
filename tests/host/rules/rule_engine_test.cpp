// The requirement engine's combinators, closest path and waivers, on leaf results given
// directly: no plugin, no file, so each rule is seen on its own.

#include "rules/RuleEngine.hpp"

#include <gtest/gtest.h>

using namespace yanzhen::rules;
using yanzhen::LeafResult;

namespace {

Node leaf(const std::string& id, std::size_t index) {
    Node n;
    n.kind = NodeKind::Leaf;
    n.id = id;
    n.label = {"叶子 " + id, "leaf " + id};
    n.leaf.index = index;
    n.leaf.moduleId = "m";
    n.leaf.type = "t";
    return n;
}

Node combinator(NodeKind kind, std::vector<Node> children, std::size_t atLeast = 0,
                std::string id = "") {
    Node n;
    n.kind = kind;
    n.children = std::move(children);
    n.atLeast = atLeast;
    n.id = std::move(id);
    return n;
}

Node ref(const std::string& name) {
    Node n;
    n.kind = NodeKind::Ref;
    n.ref = name;
    return n;
}

LeafResult result(double have, double need) {
    return LeafResult{have >= need,
                      have,
                      need,
                      "h",
                      {"中文 " + std::to_string(int(have)), "have " + std::to_string(int(have))}};
}

std::vector<std::string> leftIds(const Outcome& o) {
    std::vector<std::string> ids;
    for (const auto& item : RuleEngine::whatsLeft(o))
        ids.push_back(item.id);
    return ids;
}

struct Fixture {
    RequirementSets sets;
    void add(const std::string& name, Node root) {
        sets[name] = RequirementSet{name, {name, name}, std::move(root)};
    }
};

} // namespace

TEST(RuleEngine, AllIsMetOnlyWhenEveryChildIs) {
    Fixture f;
    f.add("s", combinator(NodeKind::All, {leaf("a", 0), leaf("b", 1), leaf("c", 2)}));
    const RuleEngine engine(f.sets);
    const std::vector<LeafResult> leaves{result(40, 40), result(20, 40), result(0, 4)};
    const Outcome o = engine.evaluate("s", leaves);
    EXPECT_EQ(o.status, Status::InProgress);
    EXPECT_EQ(o.have, 1);
    EXPECT_EQ(o.need, 3);
    EXPECT_NEAR(o.fraction, 0.5, 1e-9); // (1 + 0.5 + 0) / 3
    EXPECT_EQ(o.children[0].status, Status::Met);
    EXPECT_EQ(o.children[1].status, Status::InProgress);
    EXPECT_EQ(o.children[2].status, Status::Unmet);
    EXPECT_EQ(leftIds(o), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(o.sentence.en, "1/3 done");
    EXPECT_EQ(o.sentence.zh, "已完成 1/3 项");
    const std::vector<LeafResult> done{result(40, 40), result(40, 40), result(4, 4)};
    EXPECT_EQ(engine.evaluate("s", done).status, Status::Met);
    EXPECT_TRUE(leftIds(engine.evaluate("s", done)).empty());
}

TEST(RuleEngine, AnyShowsTheClosestPathOnly) {
    Fixture f;
    f.add("s", combinator(NodeKind::Any, {leaf("far", 0), leaf("near", 1), leaf("nowhere", 2)}));
    const RuleEngine engine(f.sets);
    const Outcome o =
        engine.evaluate("s", std::vector<LeafResult>{result(1, 10), result(9, 10), result(0, 10)});
    EXPECT_EQ(o.status, Status::InProgress);
    EXPECT_NEAR(o.fraction, 0.9, 1e-9);
    EXPECT_TRUE(o.children[1].closest);
    EXPECT_FALSE(o.children[0].closest);
    EXPECT_EQ(leftIds(o), std::vector<std::string>{"near"});
    EXPECT_EQ(o.sentence.en, "any one of 3; closest: leaf near");
    const Outcome met =
        engine.evaluate("s", std::vector<LeafResult>{result(1, 10), result(9, 10), result(10, 10)});
    EXPECT_EQ(met.status, Status::Met);
    EXPECT_EQ(met.sentence.en, "met through leaf nowhere");
}

TEST(RuleEngine, AnyBreaksTiesByWrittenOrder) {
    Fixture f;
    f.add("s", combinator(NodeKind::Any, {leaf("first", 0), leaf("second", 1)}));
    const Outcome o =
        RuleEngine(f.sets).evaluate("s", std::vector<LeafResult>{result(5, 10), result(5, 10)});
    EXPECT_EQ(leftIds(o), std::vector<std::string>{"first"});
}

TEST(RuleEngine, AtLeastCountsAndPointsAtTheClosestMissingChildren) {
    Fixture f;
    f.add("s", combinator(NodeKind::AtLeast,
                          {leaf("a", 0), leaf("b", 1), leaf("c", 2), leaf("d", 3)}, 3));
    const RuleEngine engine(f.sets);
    const Outcome o = engine.evaluate(
        "s", std::vector<LeafResult>{result(1, 1), result(0, 4), result(3, 4), result(1, 4)});
    EXPECT_EQ(o.status, Status::InProgress);
    EXPECT_EQ(o.have, 1);
    EXPECT_EQ(o.need, 3);
    EXPECT_NEAR(o.fraction, (1 + 0.75 + 0.25) / 3, 1e-9);
    EXPECT_EQ(leftIds(o), (std::vector<std::string>{"c", "d"}));
    EXPECT_EQ(o.sentence.en, "at least 3 of 4; 1 done");
    const Outcome met = engine.evaluate(
        "s", std::vector<LeafResult>{result(1, 1), result(0, 4), result(4, 4), result(4, 4)});
    EXPECT_EQ(met.status, Status::Met);
    EXPECT_EQ(met.have, 3);
}

TEST(RuleEngine, RefEvaluatesAnotherSetInPlace) {
    Fixture f;
    f.add("exam", combinator(NodeKind::All, {leaf("written", 0), leaf("oral", 1)}));
    f.add("licence", combinator(NodeKind::All, {leaf("hours", 2), ref("exam")}));
    const Outcome o = RuleEngine(f.sets).evaluate(
        "licence", std::vector<LeafResult>{result(60, 60), result(50, 60), result(40, 40)});
    EXPECT_EQ(o.status, Status::InProgress);
    ASSERT_EQ(o.children.size(), 2U);
    EXPECT_EQ(o.children[1].kind, NodeKind::Ref);
    EXPECT_EQ(o.children[1].label.en, "exam");
    EXPECT_EQ(leftIds(o), std::vector<std::string>{"oral"});
}

TEST(RuleEngine, EquivalenceWaivesANodeAndKeepsWhatWasDone) {
    Fixture f;
    Node exams =
        combinator(NodeKind::All, {leaf("written", 0), leaf("oral", 1)}, 0, "district_exam");
    exams.label = {"区级考试", "district exam"};
    auto holds = std::make_shared<Node>(leaf("national", 2));
    holds->label = {"持有全国助理社工师证书", "holds the national assistant certificate"};
    exams.waivedBy = holds;
    f.add("s", combinator(NodeKind::All, {leaf("hours", 3), exams}));
    const RuleEngine engine(f.sets);

    const std::vector<LeafResult> withCertificate{result(0, 60), result(0, 60), result(1, 1),
                                                  result(40, 40)};
    const Outcome o = engine.evaluate("s", withCertificate);
    EXPECT_EQ(o.status, Status::Met);
    EXPECT_EQ(o.children[1].status, Status::Waived);
    EXPECT_EQ(o.children[1].children[0].status, Status::Unmet); // the exams themselves still show
    EXPECT_EQ(o.children[1].sentence.en,
              "satisfied by equivalence, holds the national assistant certificate: have 1");
    EXPECT_TRUE(leftIds(o).empty());

    const std::vector<LeafResult> without{result(0, 60), result(0, 60), result(0, 1),
                                          result(40, 40)};
    EXPECT_EQ(leftIds(engine.evaluate("s", without)),
              (std::vector<std::string>{"written", "oral"}));
}

TEST(RuleEngine, AnAdministrativeWaiverByNodeId) {
    Fixture f;
    f.add("s", combinator(NodeKind::All, {leaf("a", 0), leaf("b", 1)}));
    const std::vector<LeafResult> leaves{result(1, 1), result(0, 1)};
    const Outcome o = RuleEngine(f.sets).evaluate("s", leaves, {"b"});
    EXPECT_EQ(o.status, Status::Met);
    EXPECT_EQ(o.children[1].status, Status::Waived);
    EXPECT_EQ(o.children[1].sentence.en, "waived (have 0)");
}

TEST(RuleEngine, TheSameInputsGiveTheSameOutcome) {
    Fixture f;
    f.add("s", combinator(
                   NodeKind::Any,
                   {leaf("a", 0), combinator(NodeKind::AtLeast, {leaf("b", 1), leaf("c", 2)}, 1)}));
    const RuleEngine engine(f.sets);
    const std::vector<LeafResult> leaves{result(3, 10), result(7, 10), result(7, 10)};
    const Outcome first = engine.evaluate("s", leaves);
    for (int i = 0; i < 100; ++i) {
        const Outcome again = engine.evaluate("s", leaves);
        EXPECT_EQ(again.fraction, first.fraction);
        EXPECT_EQ(leftIds(again), leftIds(first));
    }
    EXPECT_EQ(leftIds(first), std::vector<std::string>{"b"});
}

TEST(RuleEngine, UnknownSetThrows) {
    Fixture f;
    EXPECT_THROW(RuleEngine(f.sets).evaluate("nope", std::vector<LeafResult>{}), std::out_of_range);
}
