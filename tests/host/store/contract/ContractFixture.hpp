/// \file ContractFixture.hpp
/// The fixture of the store contract suite: every test runs once per backend of Backends.cpp,
/// each time on a fresh, empty, migrated store of its own in a temporary folder, and reaches it
/// only through store/Store.hpp. A test file derives its own fixture from StoreContract (so that
/// ctest names read "Backends/CohortContract.EnrollingTwiceIsRefused.../sqlite") and ends with
/// YANZHEN_STORE_CONTRACT(ThatFixture).
#pragma once

#include "Backends.hpp"

#include "TempDatabase.hpp"
#include "TestDay.hpp"

#include "store/Store.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace yanzhen::contract {

/// gtest names a backend by its name ("GetParam() = sqlite") rather than by its bytes.
inline void PrintTo(const Backend& backend, std::ostream* os) {
    *os << backend.name;
}

/// The ids of an org unit chain, district down to grid.
struct OrgChain {
    store::Id district = 0;
    store::Id street = 0;
    store::Id community = 0;
    store::Id grid = 0;
};

class StoreContract : public ::testing::TestWithParam<Backend> {
protected:
    /// Who the fixture's own writes are by.
    static inline const std::string kActor = "admin:李强";
    static inline const std::string kCourse = "touyan-linghang";

    void SetUp() override {
        opened_ = GetParam().open(folder_.path());
        ASSERT_TRUE(opened_ != nullptr) << "backend " << GetParam().name << " opened no store";
    }
    void TearDown() override { opened_.reset(); }

    store::Store& store() { return opened_->store(); }
    std::unique_ptr<store::ReadUnit> read() { return store().read(); }

    /// Runs `body(WriteUnit&)` in one write as `actor` and returns what it returns.
    template <class F> auto writeAs(const std::string& actor, F&& body) {
        using Result = std::invoke_result_t<F&, store::WriteUnit&>;
        if constexpr (std::is_void_v<Result>) {
            store().write(actor, [&](store::WriteUnit& unit) { body(unit); });
        } else {
            std::optional<Result> out;
            store().write(actor, [&](store::WriteUnit& unit) { out.emplace(body(unit)); });
            return std::move(*out);
        }
    }
    /// The same as kActor.
    template <class F> auto write(F&& body) { return writeAs(kActor, std::forward<F>(body)); }

    /// How many audit entries a fresh read sees.
    std::size_t auditCount() { return read()->auditLog().count(); }

    // Records, as a test would type them.

    /// A 64-digit hex hash that starts with `head`, `fill` after it.
    static std::string hexHash(const std::string& head, char fill = '0') {
        std::string h = head;
        h.resize(64, fill);
        return h;
    }
    /// A worker with staff number `code`, holding `postKind` (none when empty) since 2024-03-01.
    static store::Person newPerson(const std::string& code, const std::string& name,
                                   const std::string& postKind = "social_worker",
                                   std::optional<store::Id> orgUnit = std::nullopt) {
        store::Person p;
        p.code = code;
        p.name = name;
        p.gender = "f";
        p.birthDate = "1990-05-12";
        p.phone = "13871234567";
        p.education = "本科";
        p.orgUnitId = orgUnit;
        if (!postKind.empty()) p.posts.push_back(store::Post{postKind, orgUnit, "2024-03-01", ""});
        return p;
    }
    static store::CourseVersion newVersion(const std::string& hash,
                                           const std::string& courseId = kCourse,
                                           const std::string& version = "2026.1") {
        return store::CourseVersion{
            hash, courseId, version,
            "id: " + courseId + "\nversion: " + version + "\ntitle: 头雁领航\n", ""};
    }
    static store::Cohort newCohort(const std::string& code, const std::string& courseHash,
                                   const std::string& startsOn = "2026-09-01",
                                   const std::string& endsOn = "2026-12-31", int capacity = 30) {
        return store::Cohort{0, code, "头雁领航 " + code, courseHash, startsOn, endsOn, capacity};
    }
    /// A session of `cohort`: local times "YYYY-MM-DDTHH:MM"; capacity 0 is unlimited.
    static store::Session newSession(store::Id cohort, const std::string& startsAt,
                                     const std::string& endsAt,
                                     const std::string& place = "江岸区社工站 三楼会议室",
                                     std::optional<store::Id> trainer = std::nullopt,
                                     int capacity = 0) {
        store::Session s;
        s.cohortId = cohort;
        s.module = "ceremony";
        s.templateId = "opening";
        s.startsAt = startsAt;
        s.endsAt = endsAt;
        s.place = place;
        s.trainerId = trainer;
        s.capacity = capacity;
        return s;
    }
    /// An attendance row of the 头雁领航 ceremony module (courseId nullopt: a personal row).
    static store::EvidenceRow attendance(store::Id person, const std::string& ref,
                                         const std::string& status,
                                         std::optional<std::string> courseId = kCourse,
                                         const std::string& module = "ceremony") {
        store::EvidenceRow r;
        r.personId = person;
        r.courseId = std::move(courseId);
        r.module = module;
        r.kind = "attendance";
        r.ref = ref;
        r.day = testsupport::kTestDayNumber;
        r.fields = "{\"status\":\"" + status + "\"}";
        return r;
    }
    /// A signed district licence of `holder` on version `courseHash` (validUntil "": no expiry).
    static store::CredentialRow certificate(store::Id holder, const std::string& courseHash,
                                            const std::string& serial,
                                            const std::string& validUntil = "2029-11-27",
                                            const std::string& issuedOn = "2026-11-28") {
        store::CredentialRow c;
        c.serial = serial;
        c.personId = holder;
        c.courseId = kCourse;
        c.courseHash = courseHash;
        c.credential = "district_licence";
        c.level = "district";
        c.issuedOn = issuedOn;
        c.validFrom = issuedOn;
        c.validUntil = validUntil;
        c.payload = "{\"holder\":\"张丽\",\"serial\":\"" + serial + "\"}";
        c.signature = "c2lnbmVkIGJ5IHRoZSBkaXN0cmljdA==";
        c.keyId = "yz-2026";
        return c;
    }

    // Records, written: each helper is one committed write as kActor.

    /// 江岸区 (JA) > 百步亭街道 (JA-BBT) > 幸福社区 (JA-BBT-XF) > 第二网格 (JA-BBT-XF-02).
    OrgChain addOrgChain() {
        return write([&](store::WriteUnit& u) {
            auto& people = u.people();
            OrgChain c;
            c.district =
                people.addOrgUnit(store::OrgUnit{0, std::nullopt, "district", "JA", "江岸区"});
            c.street =
                people.addOrgUnit(store::OrgUnit{0, c.district, "street", "JA-BBT", "百步亭街道"});
            c.community = people.addOrgUnit(
                store::OrgUnit{0, c.street, "community", "JA-BBT-XF", "幸福社区"});
            c.grid = people.addOrgUnit(
                store::OrgUnit{0, c.community, "grid", "JA-BBT-XF-02", "第二网格"});
            return c;
        });
    }
    store::Id addPerson(const std::string& code, const std::string& name,
                        const std::string& postKind = "social_worker",
                        std::optional<store::Id> orgUnit = std::nullopt) {
        return write([&](store::WriteUnit& u) {
            return u.people().add(newPerson(code, name, postKind, orgUnit));
        });
    }
    /// Keeps a version of the course (of `courseId`) under `hash`; returns the hash.
    std::string keepCourse(const std::string& hash = hexHash("a1b2c3d4"),
                           const std::string& courseId = kCourse) {
        write([&](store::WriteUnit& u) {
            u.cohorts().keepCourseVersion(newVersion(hash, courseId));
        });
        return hash;
    }
    store::Id addCohort(const std::string& code, const std::string& courseHash,
                        const std::string& startsOn = "2026-09-01",
                        const std::string& endsOn = "2026-12-31") {
        return write([&](store::WriteUnit& u) {
            return u.cohorts().create(newCohort(code, courseHash, startsOn, endsOn));
        });
    }
    void enroll(store::Id cohort, store::Id person, const std::string& on = "2026-09-01") {
        write([&](store::WriteUnit& u) { u.cohorts().enroll(cohort, person, on); });
    }
    void addTrainer(store::Id cohort, store::Id person) {
        write([&](store::WriteUnit& u) { u.cohorts().addTrainer(cohort, person); });
    }
    store::Id addSession(const store::Session& session) {
        return write([&](store::WriteUnit& u) { return u.sessions().add(session); });
    }
    store::Id append(const store::EvidenceRow& row) {
        return write([&](store::WriteUnit& u) { return u.evidence().append(row); });
    }
    /// Issues `row` under the id the store gives next (as the credential service does).
    store::Id issue(store::CredentialRow row) {
        return write([&](store::WriteUnit& u) {
            row.id = u.credentials().nextId();
            return u.credentials().add(row);
        });
    }

    // Answers, made comparable.

    template <class T> static std::vector<store::Id> idsOf(const std::vector<T>& rows) {
        std::vector<store::Id> out;
        for (const auto& r : rows)
            out.push_back(r.id);
        return out;
    }
    static std::vector<store::Id> sessionIdsOf(const std::vector<store::Overlap>& overlaps) {
        std::vector<store::Id> out;
        for (const auto& o : overlaps)
            out.push_back(o.session.id);
        return out;
    }
    static std::vector<store::Id> personIdsOf(const std::vector<store::Booking>& bookings) {
        std::vector<store::Id> out;
        for (const auto& b : bookings)
            out.push_back(b.personId);
        return out;
    }
    /// An audit entry's details, parsed (a JSON object).
    static Poco::JSON::Object::Ptr parsed(const std::string& json) {
        Poco::JSON::Parser parser;
        return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    }

private:
    testsupport::TempFolder folder_; // declared first: the store closes before the folder goes
    std::unique_ptr<OpenStore> opened_;
};

} // namespace yanzhen::contract

/// Runs the TEST_Ps of `Suite` (a fixture derived from StoreContract) once per backend, each
/// named by its backend: Backends/Suite.Test/sqlite.
#define YANZHEN_STORE_CONTRACT(Suite)                                                              \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                      \
                             ::testing::ValuesIn(::yanzhen::contract::backends()),                 \
                             [](const auto& info) { return info.param.name; })
