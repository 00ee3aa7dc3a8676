// The district's licensing figures (services/reports/LicensureReport) on a real database: a
// small district built here, unit by unit and record by record, so that every expected number
// is counted by hand from what the test wrote. Posts filled or not on the day, credentials in
// force or not (future, lapsed, revoked, superseded), the national certificate counted once
// earned, by street and community, month by month, the Party-affairs target.

#include "TempDatabase.hpp"

#include "services/reports/LicensureReport.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

using namespace yanzhen;
using services::LicensureBy;
using services::LicensureData;
using yanzhen::testsupport::TempDatabase;

namespace {

std::int32_t day(const char* text) {
    return *parseDay(text);
}

class Licensure : public ::testing::Test {
protected:
    void SetUp() override {
        t_.store.write("test", [&](store::WriteUnit& unit) {
            auto& people = unit.people();
            district_ = people.addOrgUnit({0, std::nullopt, "district", "JY", "江源区"});
            east_ = people.addOrgUnit({0, district_, "street", "JY-S1", "城墙街道"});
            west_ = people.addOrgUnit({0, district_, "street", "JY-S2", "孙家堡子街道"});
            c1_ = people.addOrgUnit({0, east_, "community", "JY-C1", "新建社区"});
            c2_ = people.addOrgUnit({0, east_, "community", "JY-C2", "东升社区"});
            c3_ = people.addOrgUnit({0, west_, "community", "JY-C3", "向阳社区"});
            grid_ = people.addOrgUnit({0, c1_, "grid", "JY-C1-G1", "第一网格"});
        });
    }

    /// A person with one post in `unit` (the person's own unit is `home` when given).
    store::Id person(const std::string& code, const std::string& post, store::Id unit,
                     const std::string& started = "2024-01-01", const std::string& ended = "",
                     std::optional<store::Id> home = std::nullopt) {
        store::Id id = 0;
        t_.store.write("test", [&](store::WriteUnit& u) {
            store::Person p;
            p.code = code;
            p.name = "张" + code;
            p.orgUnitId = home;
            p.posts.push_back(
                store::Post{post, home ? std::nullopt : std::optional(unit), started, ended});
            id = u.people().add(p);
        });
        return id;
    }

    /// A personal credential record, as CredentialEvidence writes one.
    store::Id credential(store::Id person, const std::string& credential, const char* recorded,
                         const char* from, std::optional<const char*> until,
                         const std::string& status = "active") {
        store::EvidenceRow row;
        row.personId = person;
        row.module = "certification";
        row.kind = "credential";
        row.ref = credential;
        row.day = day(recorded);
        row.fields = R"({"level":"x","valid_from":")" + std::string(from) + "\"" +
                     (until ? R"(,"valid_until":")" + std::string(*until) + "\"" : "") +
                     R"(,"status":")" + status + R"("})";
        row.recordedAt = "2026-01-01T00:00:00Z";
        row.recordedBy = "test";
        store::Id id = 0;
        t_.store.write("test", [&](store::WriteUnit& u) { id = u.evidence().append(row); });
        return id;
    }

    static const services::PostFigures& of(const std::vector<services::PostFigures>& all,
                                           const std::string& post) {
        for (const auto& f : all)
            if (f.post == post) return f;
        throw std::runtime_error("no " + post);
    }

    TempDatabase t_;
    store::Id district_ = 0, east_ = 0, west_ = 0, c1_ = 0, c2_ = 0, c3_ = 0, grid_ = 0;
};

TEST_F(Licensure, EachPostCountsTheCredentialsThatMatterToIt) {
    // Social workers: the national certificate at any level counts once earned.
    const auto sw1 = person("SW1", "social_worker", c1_);
    credential(sw1, "national_assistant", "2023-07-01", "2023-07-01", "2026-06-30");
    const auto sw2 = person("SW2", "social_worker", grid_); // a grid: its community is C1
    credential(sw2, "national_intermediate", "2025-03-01", "2025-03-01", "2028-02-29");
    const auto sw3 = person("SW3", "social_worker", c2_);
    credential(sw3, "national_assistant", "2024-01-01", "2024-01-01", "2027-01-01");
    credential(sw3, "national_assistant", "2026-05-01", "2024-01-01", "2027-01-01", "revoked");
    person("SW4", "social_worker", c3_);
    const auto sw5 = person("SW5", "social_worker", c3_);
    credential(sw5, "national_assistant", "2026-12-01", "2026-12-01", "2029-11-30"); // later
    // Party-affairs workers: the licence to work counts while in force.
    const auto pa1 = person("PA1", "party_affairs", c1_);
    credential(pa1, "district_licence", "2026-01-10", "2026-01-10", "2029-01-09");
    const auto pa2 = person("PA2", "party_affairs", c3_);
    credential(pa2, "district_licence", "2023-01-10", "2023-01-10", "2026-01-09"); // lapsed
    const auto pa3 = person("PA3", "party_affairs", c3_);
    // Recorded ahead of time: valid only from next month.
    credential(pa3, "district_licence", "2026-11-01", "2026-12-15", "2029-12-14");
    // Not counted: a post that ended, one not started yet, a trainer.
    const auto gone = person("PA4", "party_affairs", c2_, "2020-01-01", "2026-06-30");
    credential(gone, "district_licence", "2025-01-10", "2025-01-10", "2028-01-09");
    person("PA5", "party_affairs", c2_, "2027-01-01");
    person("TR1", "trainer", c1_);

    const LicensureData data(t_.store);
    const auto figures = data.figures(day("2026-11-28"), LicensureBy::Post);
    EXPECT_TRUE(figures.units.empty());
    const auto& sw = of(figures.totals, "social_worker");
    EXPECT_EQ(sw.posts, 5U);
    // SW1 (registration lapsed: the certificate stays), SW2; not SW3 (revoked), SW5 (later).
    EXPECT_EQ(sw.holders.at("national"), 2U);
    EXPECT_DOUBLE_EQ(sw.share("national"), 0.4);
    EXPECT_EQ(sw.holders.at("district_licence"), 0U);
    EXPECT_FALSE(sw.targetMet());
    const auto& pa = of(figures.totals, "party_affairs");
    EXPECT_EQ(pa.posts, 3U) << "PA4 ended in June, PA5 starts next year";
    EXPECT_EQ(pa.holders.at("district_licence"), 1U) << "PA1 only";
    EXPECT_EQ(pa.holders.count("national"), 0U) << "not what this post is measured by";
    ASSERT_TRUE(pa.targetMet());
    EXPECT_FALSE(*pa.targetMet());
    EXPECT_EQ(of(figures.totals, "committee_member").posts, 0U);

    // In a year SW5 holds the certificate too, and PA3's licence is in force.
    const auto later = data.figures(day("2027-11-28"), LicensureBy::Post);
    EXPECT_EQ(of(later.totals, "social_worker").holders.at("national"), 3U);
    EXPECT_EQ(of(later.totals, "party_affairs").holders.at("district_licence"), 2U);
    EXPECT_EQ(of(later.totals, "party_affairs").posts, 4U) << "PA5 has started";
}

TEST_F(Licensure, ByStreetAndByCommunityTheUnitsAddUpToTheDistrict) {
    credential(person("A", "social_worker", c1_), "national_assistant", "2024-01-01", "2024-01-01",
               "2027-01-01");
    person("B", "social_worker", grid_);
    credential(person("C", "social_worker", c2_), "national_intermediate", "2024-01-01",
               "2024-01-01", "2027-01-01");
    credential(person("D", "social_worker", c3_), "national_assistant", "2024-01-01", "2024-01-01",
               std::nullopt);
    // No post unit: the person's own unit counts.
    person("E", "social_worker", 0, "2024-01-01", "", c3_);
    person("F", "social_worker", west_); // a street, no community

    const LicensureData data(t_.store);
    const auto streets = data.figures(day("2026-11-28"), LicensureBy::Street);
    ASSERT_EQ(streets.units.size(), 2U);
    EXPECT_EQ(streets.units[0].unit->code, "JY-S1");
    EXPECT_EQ(of(streets.units[0].posts, "social_worker").posts, 3U); // A, B, C
    EXPECT_EQ(of(streets.units[0].posts, "social_worker").holders.at("national"), 2U);
    EXPECT_EQ(streets.units[1].unit->code, "JY-S2");
    EXPECT_EQ(of(streets.units[1].posts, "social_worker").posts, 3U); // D, E, F
    EXPECT_EQ(of(streets.units[1].posts, "social_worker").holders.at("national"), 1U);
    EXPECT_EQ(of(streets.totals, "social_worker").posts, 6U);
    EXPECT_EQ(of(streets.totals, "social_worker").holders.at("national"), 3U);

    const auto communities = data.figures(day("2026-11-28"), LicensureBy::Community);
    std::vector<std::string> codes;
    for (const auto& u : communities.units)
        codes.push_back(u.unit ? u.unit->code : "(none)");
    EXPECT_EQ(codes, (std::vector<std::string>{"JY-C1", "JY-C2", "JY-C3", "(none)"}));
    EXPECT_EQ(of(communities.units[0].posts, "social_worker").posts, 2U); // A and B (grid)
    EXPECT_EQ(communities.units[0].street->code, "JY-S1");
    EXPECT_EQ(communities.units[2].street->code, "JY-S2");
    EXPECT_EQ(of(communities.units[2].posts, "social_worker").posts, 2U); // D, E
    EXPECT_EQ(of(communities.units[3].posts, "social_worker").posts, 1U); // F: no community
}

TEST_F(Licensure, MonthByMonthTheLicencesAreCountedAtEachMonthsEnd) {
    const auto a = person("PA1", "party_affairs", c1_);
    const auto b = person("PA2", "party_affairs", c2_);
    credential(a, "district_licence", "2026-09-15", "2026-09-15", "2029-09-14");
    credential(b, "district_licence", "2026-11-02", "2026-11-02", "2029-11-01");

    const LicensureData data(t_.store);
    const auto points = data.series(day("2026-11-28"), 4);
    ASSERT_EQ(points.size(), 4U);
    std::vector<std::string> days;
    std::vector<std::size_t> licensed;
    for (const auto& p : points) {
        days.push_back(formatDay(p.day));
        licensed.push_back(of(p.totals, "party_affairs").holders.at("district_licence"));
    }
    EXPECT_EQ(days,
              (std::vector<std::string>{"2026-08-31", "2026-09-30", "2026-10-31", "2026-11-28"}));
    EXPECT_EQ(licensed, (std::vector<std::size_t>{0, 1, 1, 2}));
    EXPECT_TRUE(*of(points.back().totals, "party_affairs").targetMet()) << "full coverage";
    // A month end after a short month: February in a leap year.
    EXPECT_EQ(formatDay(data.series(day("2028-03-31"), 2).front().day), "2028-02-29");
}

TEST_F(Licensure, TheLatestRecordInEffectDecidesAsTheCertificationPluginReadsIt) {
    // A licence re-issued on one day: the supersession of the old one is recorded first, the
    // new one after it (CredentialEvidence's order), so the licence stays in force.
    const auto p = person("PA1", "party_affairs", c1_);
    credential(p, "district_licence", "2025-01-10", "2025-01-10", "2028-01-09");
    credential(p, "district_licence", "2026-03-01", "2025-01-10", "2028-01-09", "superseded");
    credential(p, "district_licence", "2026-03-01", "2026-03-01", "2029-02-28");
    // Revoked later.
    const auto q = person("PA2", "party_affairs", c1_);
    credential(q, "district_licence", "2025-01-10", "2025-01-10", "2028-01-09");
    credential(q, "district_licence", "2026-10-01", "2025-01-10", "2028-01-09", "revoked");

    const LicensureData data(t_.store);
    const auto licensedOn = [&](const char* d) {
        return of(data.figures(day(d), LicensureBy::Post).totals, "party_affairs")
            .holders.at("district_licence");
    };
    EXPECT_EQ(licensedOn("2025-01-09"), 0U);
    EXPECT_EQ(licensedOn("2025-01-10"), 2U);
    EXPECT_EQ(licensedOn("2026-03-01"), 2U);
    EXPECT_EQ(licensedOn("2026-09-30"), 2U);
    EXPECT_EQ(licensedOn("2026-10-01"), 1U) << "PA2's was revoked";
    EXPECT_EQ(licensedOn("2029-02-28"), 1U);
    EXPECT_EQ(licensedOn("2029-03-01"), 0U) << "the re-issued licence ran out";
}

TEST_F(Licensure, TheServerKeepsTheDataUntilAPostOrACredentialRecordIsWritten) {
    const auto pa = person("PA1", "party_affairs", c1_);
    services::LicensureKeeper keeper;
    const auto first = keeper.data(t_.store);
    EXPECT_EQ(keeper.data(t_.store), first) << "nothing written: the same data";
    // Evidence of another kind leaves it.
    store::EvidenceRow hours;
    hours.personId = pa;
    hours.module = "certification";
    hours.kind = "ce_hours";
    hours.ref = "training";
    hours.day = day("2026-11-01");
    hours.fields = R"({"hours":8})";
    hours.recordedAt = "2026-11-01T00:00:00Z";
    hours.recordedBy = "test";
    t_.store.write("test", [&](store::WriteUnit& u) { u.evidence().append(hours); });
    EXPECT_EQ(keeper.data(t_.store), first);
    // A licence is new data, and its figures count it.
    credential(pa, "district_licence", "2026-11-02", "2026-11-02", "2029-11-01");
    const auto second = keeper.data(t_.store);
    EXPECT_NE(second, first);
    EXPECT_EQ(of(second->figures(day("2026-11-28"), LicensureBy::Post).totals, "party_affairs")
                  .holders.at("district_licence"),
              1U);
    // So is a new post.
    person("SW1", "social_worker", c2_);
    const auto third = keeper.data(t_.store);
    EXPECT_NE(third, second);
    EXPECT_EQ(
        of(third->figures(day("2026-11-28"), LicensureBy::Post).totals, "social_worker").posts, 1U);
}

} // namespace
