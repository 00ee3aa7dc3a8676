// Certificates as the requirement engine's evidence, for a database from before they were:
// `init` (prepareDatabase) writes each older certificate's records (its issue, its revocation
// or supersession) once, in the order the plugin reads them, and a second run writes none.
// Real database, real plugins, the shipped course.

#include "TempDatabase.hpp"

#include "courses/CourseCatalog.hpp"
#include "courses/CourseLoader.hpp"
#include "plugins/PluginRegistry.hpp"
#include "services/DatabaseSetup.hpp"
#include "services/credentials/CredentialEvidence.hpp"
#include "services/progress/CourseVersions.hpp"
#include "services/progress/ProgressService.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

using namespace yanzhen;
using yanzhen::testsupport::TempDatabase;

namespace {

class CredentialEvidence : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        catalog_.discover({std::filesystem::path(YANZHEN_SOURCE_DIR) / "courses"},
                          courses::CourseLoader(registry_));
        course_ = catalog_.find("touyan-linghang");
        ASSERT_TRUE(course_);
        t_.store.write("admin", [&](store::WriteUnit& u) {
            services::prepareDatabase(u, versions_, catalog_);
            store::Person p;
            p.code = "JY-0165";
            p.name = "张兰婷";
            person_ = u.people().add(p);
            const auto cohort = u.cohorts().create(store::Cohort{
                0, "TY-2025-1", "第一期", course_->hash, "2025-03-01", "2025-04-30", 0});
            u.cohorts().enroll(cohort, person_, "2025-03-01");
        });
    }

    /// A certificate written as an older Yanzhen wrote it: the row alone, no evidence.
    store::Id oldCertificate(const std::string& issuedOn, const std::string& from,
                             const std::string& until) {
        store::Id id = 0;
        t_.store.write("admin", [&](store::WriteUnit& u) {
            store::CredentialRow c;
            c.id = u.credentials().nextId();
            c.serial = "YZ2025-" + std::to_string(c.id);
            c.personId = person_;
            c.courseId = course_->id;
            c.courseHash = course_->hash;
            c.credential = "district_licence";
            c.level = "district_licence";
            c.issuedOn = issuedOn;
            c.validFrom = from;
            c.validUntil = until;
            c.payload = "{}";
            c.signature = "c2lnbmVk";
            c.keyId = "yz-test";
            id = u.credentials().add(c);
        });
        return id;
    }
    std::vector<store::EvidenceRow> credentialRecords() {
        std::vector<store::EvidenceRow> out;
        for (auto& e : t_.store.read()->evidence().history(person_))
            if (e.kind == "credential") out.push_back(std::move(e));
        return out;
    }
    std::size_t prepare() {
        std::size_t written = 0;
        t_.store.write("admin", [&](store::WriteUnit& u) {
            written = services::prepareDatabase(u, versions_, catalog_).credentialRecords;
        });
        return written;
    }
    /// The renewal set's sentence on `day`: it names the licence period in force, if any.
    std::string renewalOn(const std::string& day) {
        const auto all =
            services::ProgressService(t_.store, versions_).forPerson(person_, *parseDay(day));
        return all.at(0).progress.sets.at("licence_renewal").sentence.en;
    }

    TempDatabase t_;
    plugins::PluginRegistry registry_;
    courses::CourseCatalog catalog_;
    services::CourseVersions versions_{t_.store, registry_};
    std::shared_ptr<const courses::Course> course_;
    store::Id person_ = 0;
};

TEST_F(CredentialEvidence, InitRecordsOlderCertificatesOnceInTheOrderThePluginReadsThem) {
    const store::Id first = oldCertificate("2025-05-01", "2025-05-01", "2028-04-30");
    // Its re-issue after a correction: the same period, issued on the day it supersedes.
    const store::Id corrected = oldCertificate("2025-07-01", "2025-05-01", "2028-04-30");
    t_.store.write("admin", [&](store::WriteUnit& u) {
        u.credentials().supersede(first, corrected, "2025-07-01", "姓名更正");
        u.credentials().revoke(corrected, "2026-01-10", "违反服务规范");
    });
    EXPECT_TRUE(credentialRecords().empty());
    EXPECT_TRUE(renewalOn("2025-06-01").find("no active") != std::string::npos);

    EXPECT_EQ(prepare(), 4U); // first: issued, superseded; corrected: issued, revoked
    // By day, and on one day what ends before what replaces it: the plugin takes the latest.
    const auto records = credentialRecords();
    ASSERT_EQ(records.size(), 4U);
    const std::vector<std::pair<std::string, std::string>> expected = {{"2025-05-01", "active"},
                                                                       {"2025-07-01", "superseded"},
                                                                       {"2025-07-01", "active"},
                                                                       {"2026-01-10", "revoked"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(formatDay(records[i].day), expected[i].first) << i;
        EXPECT_NE(records[i].fields.find("\"" + expected[i].second + "\""), std::string::npos)
            << i << ": " << records[i].fields;
    }
    for (const auto& r : records) {
        EXPECT_FALSE(r.courseId); // personal: it counts in every course
        EXPECT_EQ(r.module, "certification");
        EXPECT_EQ(r.ref, "district_licence");
    }
    EXPECT_NE(renewalOn("2025-06-01").find("(2025-05-01–2028-04-30)"), std::string::npos);
    EXPECT_NE(renewalOn("2025-08-01").find("(2025-05-01–2028-04-30)"), std::string::npos);
    EXPECT_NE(renewalOn("2026-01-10").find("no active"), std::string::npos);

    EXPECT_EQ(prepare(), 0U); // a second init writes nothing
    EXPECT_EQ(credentialRecords().size(), 4U);
}

TEST_F(CredentialEvidence, ARecordSaysWhatTheCertificateSaysInThePluginsOwnFields) {
    store::CredentialRow row;
    row.serial = "YZ2025-000001";
    row.personId = person_;
    row.credential = "district_licence";
    row.level = "district_licence";
    row.issuedOn = "2025-05-01";
    row.validFrom = "2025-05-01";
    const auto forever = services::credentialEvidence(*course_, row, "active", 20000);
    ASSERT_TRUE(forever);
    EXPECT_EQ(forever->fields,
              R"({"level":"district_licence","status":"active","valid_from":"2025-05-01"})");
    EXPECT_EQ(forever->day, 20000);
    row.validUntil = "2028-04-30";
    EXPECT_EQ(services::credentialEvidence(*course_, row, "revoked", 20001)->fields,
              R"({"level":"district_licence","status":"revoked","valid_from":"2025-05-01",)"
              R"("valid_until":"2028-04-30"})");
    EXPECT_THROW(services::credentialEvidence(*course_, row, "lost", 20001), std::logic_error);
}

} // namespace
