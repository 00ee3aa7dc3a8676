// The volunteer plugin through its C table, as the host will call it. Only the SDK and the
// standard library: no test framework needed.

#include <yanzhen/testing.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using yanzhen::testing::Harness;
using yanzhen::testing::Node;

namespace {

int failures = 0;
int passes = 0;

void check(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    ok ? ++passes : ++failures;
}

} // namespace

int main() {
    Harness h = Harness::load(PLUGIN_FILE);
    check(h.info().id == "example.volunteer", "the plugin says who it is");

    const int all = h.leaf("hours", Node::parse("{min: 20}"));
    const int recent = h.leaf("hours", Node::parse("{min: 10, within_days: 30}"));
    h.add("service", "food-bank", "2025-01-10", {{"hours", "8"}});
    h.add("service", "elder-care", "2025-06-01", {{"hours", "7.5"}, {"activity", "visits"}});
    h.add("service", "elder-care", "2025-06-20", {{"hours", "4"}});

    const auto r = h.evaluate(all, "2025-06-30");
    check(!r.met && r.have == 19.5, "19.5 of 20 hours is not enough");
    check(r.sentence.en == "volunteer service 19.5/20 h",
          "the sentence says how far: " + r.sentence.en);
    check(r.sentence.zh == "志愿服务 19.5/20 小时", "and says it in Chinese: " + r.sentence.zh);
    check(h.evaluate(recent, "2025-06-30").met, "the last 30 days hold 11.5 hours");
    check(!h.evaluate(recent, "2025-07-15").met, "two weeks later only 4 of them are recent");

    const auto errors = h.leafErrors("hours", Node::parse("{mni: 3}"));
    check(errors.size() == 2 && errors[0] == "mni: unknown key 'mni'; did you mean 'min'?",
          "a misspelt key is named with a suggestion");

    std::printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
