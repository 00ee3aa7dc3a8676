// The SDK's C++ layer seen through the C table it generates: what the host will call.

#include <yanzhen/plugin.hpp>
#include <yanzhen/testing.hpp>

#include <gtest/gtest.h>

using yanzhen::testing::Harness;
using yanzhen::testing::Node;

namespace {

/// Counts attended sessions; throws from evaluate when a leaf asks it to.
class CountingModule final : public yanzhen::Module {
public:
    int compileLeaf(std::string_view, const yanzhen::Config& config,
                    yanzhen::Diagnostics& diags) override {
        const auto min = config["min"].integer(diags);
        if (min && *min == 13)
            diags.error(config["min"].path(), {"不吉利", "13 is not allowed here"});
        mins_.push_back(min.value_or(0));
        return static_cast<int>(mins_.size() - 1);
    }
    yanzhen::LeafResult evaluate(int leaf, const yanzhen::EvaluationInput& input) const override {
        const auto need = mins_.at(static_cast<std::size_t>(leaf));
        if (need == 99) throw std::runtime_error("cannot count that high");
        double have = 0;
        for (const auto row : input)
            if (row.text(0) == "present" && row.day() <= input.today()) have += row.number(1, 1);
        return {have >= static_cast<double>(need),
                have,
                static_cast<double>(need),
                "次",
                {"出勤 " + yanzhen::formatNumber(have), "attended " + yanzhen::formatNumber(have)}};
    }

private:
    std::vector<std::int64_t> mins_;
};

class CountingPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        using yanzhen::FieldType;
        return {.id = "test.counting",
                .version = "1.2.3",
                .title = {"计数", "Counting"},
                .kinds = {{.id = "attendance",
                           .label = {"出勤", "Attendance"},
                           .fields =
                               {{.name = "status",
                                 .type = FieldType::Choice,
                                 .choices = {"present", "absent"}},
                                {.name = "weight", .type = FieldType::Number, .required = false}}}},
                .leaves = {{.id = "count",
                            .label = {"计数", "Count"},
                            .config = {{.name = "min", .type = FieldType::Integer, .min = 0}}}}};
    }
    std::unique_ptr<yanzhen::Module> createModule(const yanzhen::Config& config,
                                                  yanzhen::Diagnostics& diags) const override {
        if (config.has("broken"))
            diags.error(config["broken"].path(), {"坏了", "this module is broken"});
        return std::make_unique<CountingModule>();
    }
};

} // namespace

TEST(Bridge, InfoSurvivesTheRoundTripThroughCStructs) {
    const CountingPlugin plugin;
    const yanzhen::detail::InfoStorage storage(plugin.info());
    const yanzhen::PluginInfo back = yanzhen::readInfo(*storage.c());
    EXPECT_EQ(back.id, "test.counting");
    EXPECT_EQ(back.version, "1.2.3");
    EXPECT_EQ(back.title.zh, "计数");
    ASSERT_EQ(back.kinds.size(), 1U);
    ASSERT_EQ(back.kinds[0].fields.size(), 2U);
    EXPECT_EQ(back.kinds[0].fields[0].choices, (std::vector<std::string>{"present", "absent"}));
    EXPECT_FALSE(back.kinds[0].fields[1].required);
    ASSERT_EQ(back.leaves.size(), 1U);
    EXPECT_EQ(back.leaves[0].config[0].min, 0.0);
    EXPECT_FALSE(back.leaves[0].config[0].max.has_value());
}

TEST(Bridge, TableDeclaresItsAbiAndEveryRequiredFunction) {
    const yz_host host{sizeof(yz_host), YANZHEN_ABI_MAJOR, YANZHEN_ABI_MINOR, nullptr};
    const yz_plugin* t = yanzhen::detail::Bridge<CountingPlugin>::entry(&host);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->struct_size, sizeof(yz_plugin));
    EXPECT_EQ(t->abi_major, YANZHEN_ABI_MAJOR);
    EXPECT_EQ(t->abi_minor, YANZHEN_ABI_MINOR);
    EXPECT_NE(t->instance_create, nullptr);
    EXPECT_NE(t->evaluate, nullptr);
}

TEST(Bridge, EvaluatesTypedRowsAsOfTheGivenDate) {
    Harness h = Harness::of<CountingPlugin>();
    const int leaf = h.leaf("count", Node::parse("{min: 2}"));
    h.add("attendance", "s1", "2025-03-01", {{"status", "present"}});
    h.add("attendance", "s2", "2025-03-08", {{"status", "absent"}});
    h.add("attendance", "s3", "2025-03-15", {{"status", "present"}, {"weight", "0.5"}});
    const auto early = h.evaluate(leaf, "2025-03-10");
    EXPECT_FALSE(early.met);
    EXPECT_EQ(early.have, 1);
    const auto later = h.evaluate(leaf, "2025-03-15");
    EXPECT_FALSE(later.met);
    EXPECT_EQ(later.sentence.en, "attended 1.5");
    EXPECT_EQ(later.sentence.zh, "出勤 1.5");
    EXPECT_EQ(later.unit, "次");
}

TEST(Bridge, LeafConfigIsCheckedAgainstTheDeclaredSchemaFirst) {
    Harness h = Harness::of<CountingPlugin>();
    EXPECT_EQ(h.leafErrors("count", Node::parse("{mni: 2}")),
              (std::vector<std::string>{"mni: unknown key 'mni'; did you mean 'min'?",
                                        "min: missing required key 'min'"}));
    EXPECT_EQ(h.leafErrors("count", Node::parse("{min: 13}")),
              std::vector<std::string>{"min: 13 is not allowed here"});
    EXPECT_EQ(h.leafErrors("cuont", Node::parse("{min: 1}")),
              std::vector<std::string>{
                  ": plugin 'test.counting' has no leaf type 'cuont'; did you mean 'count'?"});
}

TEST(Bridge, ModuleDiagnosticsComeBackWithTheirPath) {
    Harness h = Harness::of<CountingPlugin>();
    EXPECT_EQ(h.configErrors(Node::parse("{broken: yes}")),
              std::vector<std::string>{"broken: this module is broken"});
    EXPECT_TRUE(h.configErrors(Node::parse("{}")).empty());
}

TEST(Bridge, AnExceptionBecomesAnErrorNamingThePlugin) {
    Harness h = Harness::of<CountingPlugin>();
    const int leaf = h.leaf("count", Node::parse("{min: 99}"));
    try {
        h.evaluate(leaf, "2025-01-01");
        FAIL() << "expected the evaluation to fail";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "plugin 'test.counting': cannot count that high");
    }
    // The plugin is still usable afterwards.
    const int ok = h.leaf("count", Node::parse("{min: 0}"));
    EXPECT_TRUE(h.evaluate(ok, "2025-01-01").met);
}
