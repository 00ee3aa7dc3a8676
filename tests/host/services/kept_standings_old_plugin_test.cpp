// A plugin built against ABI 1.0 says nothing of how long its results hold (abi.h): the host
// keeps a standing that uses it for the day it was computed on only, whatever the plugin's
// memory holds past the struct it declared, and computes it again the next day. The same
// course without that module keeps its standing for longer: the difference is the plugin's.
// Real database, the real ceremony plugin, a real .so built as a 1.0 plugin is
// (tests/host/plugins/fixtures/abi_1_0_plugin.cpp).

#include "TempDatabase.hpp"

#include "courses/CourseLoader.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/standings/KeptStandings.hpp"
#include "json/ProgressJson.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

using namespace yanzhen;
using yanzhen::testsupport::TempDatabase;

namespace {

std::string course(const std::string& id, bool withOldPlugin) {
    std::string text = "id: " + id +
                       "\nversion: \"1\"\ntitle: {zh: 小课程, en: Mini course}\nmodules:\n"
                       "  - {id: ceremony, plugin: ceremony, title: {zh: 仪式教育, en: Ceremony},"
                       " config: {ceremonies: {opening: {zh: 开班仪式, en: Opening}}}}\n";
    if (withOldPlugin) text += "  - {id: ticks, plugin: abi_1_0, title: {zh: 计数, en: Ticks}}\n";
    text += "requirements:\n  done:\n    label: {zh: 结业, en: Done}\n    all:\n"
            "      - ceremony.attend: {id: rites, label: {zh: 仪式, en: Rites},"
            " sessions: [opening]}\n";
    if (withOldPlugin) text += "      - ticks.count: {id: ticked, label: {zh: 计数, en: Ticked}}\n";
    return text;
}

class OldPluginStanding : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({std::filesystem::path(YANZHEN_PLUGIN_DIR),
                            std::filesystem::path(YANZHEN_FIXTURE_DIR) / "abi_1_0"});
        ASSERT_NE(registry_.find("abi_1_0"), nullptr) << "the 1.0 plugin loads";
    }

    /// A worker enrolled in a cohort of `text`'s course, with the opening attended and one
    /// tick; their kept standing after a read on `day`.
    store::KeptStanding keptAfterReadOn(const std::string& text, std::int32_t day) {
        const auto loaded = courses::CourseLoader(registry_).loadText(text, "mini.yaml");
        for (const auto& d : loaded.diagnostics)
            ADD_FAILURE() << d.format("en");
        if (!loaded.ok()) return {};
        const auto& c = *loaded.course;
        t_.store.write("admin", [&](store::WriteUnit& u) {
            versions_.keep(u, c);
            cohort_ = u.cohorts().create(
                store::Cohort{0, "MINI-" + c.id, "第一期", c.hash, "2025-03-01", "2025-06-30", 0});
            store::Person p;
            p.code = "JY-" + c.id;
            p.name = "王芳";
            person_ = u.people().add(p);
            u.cohorts().enroll(cohort_, person_, "2025-03-01");
            for (const auto& [module, kind, ref, fields] :
                 {std::tuple{"ceremony", "attendance", "opening", R"({"status":"present"})"},
                  std::tuple{"ticks", "tick", "", "{}"}}) {
                if (!c.module(module)) continue;
                store::EvidenceRow r;
                r.personId = person_;
                r.courseId = c.id;
                r.module = module;
                r.kind = kind;
                r.ref = ref;
                r.day = *parseDay("2025-03-01");
                r.fields = fields;
                u.evidence().append(r);
            }
        });
        return readOn(day);
    }

    store::KeptStanding readOn(std::int32_t day) {
        services::KeptStandings kept(t_.store, versions_, json::cohortEntry);
        const auto answer = kept.ofWorker(person_, day);
        EXPECT_TRUE(answer);
        std::vector<store::KeptStanding> stored;
        t_.store.readProgress()->standings(person_, stored);
        for (const auto& k : stored)
            if (k.cohort == cohort_) return k;
        ADD_FAILURE() << "no standing kept";
        return {};
    }

    plugins::PluginRegistry registry_;
    TempDatabase t_;
    services::CourseVersions versions_{t_.store, registry_};
    store::Id cohort_ = 0;
    store::Id person_ = 0;
};

const std::int32_t kDay = *parseDay("2025-05-10");

} // namespace

TEST_F(OldPluginStanding, IsKeptForTheDayItWasComputedOnOnly) {
    const auto k = keptAfterReadOn(course("old", true), kDay);
    EXPECT_EQ(k.computedOn, kDay);
    EXPECT_EQ(k.holdsUntil, kDay) << "a 1.0 plugin's result holds only today";
    EXPECT_NE(k.answer.find("ticks 1"), std::string::npos) << "the 1.0 plugin's sentence is read";

    // The next day's read does not trust it: it computes again, and keeps that for that day.
    const auto next = readOn(kDay + 1);
    EXPECT_EQ(next.computedOn, kDay + 1);
    EXPECT_EQ(next.holdsUntil, kDay + 1);
}

TEST_F(OldPluginStanding, WithoutItTheSameCourseHoldsLonger) {
    const auto k = keptAfterReadOn(course("new", false), kDay);
    EXPECT_EQ(k.computedOn, kDay);
    EXPECT_GT(k.holdsUntil, kDay) << "the 1.1 ceremony plugin says how long its result holds";
    EXPECT_EQ(readOn(kDay + 1).computedOn, kDay) << "kept, not computed again";
}
