/// \file CohortFixture.hpp
/// The fixtures of tests that run on the shipped 头雁领航 course (courses/touyan-linghang.yaml)
/// with the real plugins of this build: TouyanCourseTest loads both once per test suite;
/// CohortFixture adds a fresh database per test into which a test puts the course version,
/// its cohorts, trainers and enrolled people, in one write.
#pragma once

#include "KeptVersion.hpp"
#include "TempDatabase.hpp"

#include "courses/CourseLoader.hpp"
#include "services/progress/CourseVersions.hpp"
#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace yanzhen::testsupport {

/// Derive a fixture from it to have registry_ (the plugins in YANZHEN_PLUGIN_DIR) and course_
/// (the 头雁领航 course as loaded from its file) for every test of the suite. Every diagnostic
/// the loader reports fails the suite; a course with errors leaves course_ null.
class TouyanCourseTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = new plugins::PluginRegistry;
        registry_->discover({std::filesystem::path(YANZHEN_PLUGIN_DIR)});
        const auto r = courses::CourseLoader(*registry_)
                           .loadFile(std::filesystem::path(YANZHEN_SOURCE_DIR) /
                                     "courses/touyan-linghang.yaml");
        for (const auto& d : r.diagnostics)
            ADD_FAILURE() << d.format("en");
        course_ = r.course;
    }
    // The course holds module instances of the plugins' libraries: it goes before the registry.
    static void TearDownTestSuite() {
        course_.reset();
        delete registry_;
        registry_ = nullptr;
    }

    static inline plugins::PluginRegistry* registry_ = nullptr;
    static inline std::shared_ptr<const courses::Course> course_;
};

/// What CohortFixture::populate() hands its callback: the open transaction, the 头雁领航
/// version it kept, the repositories, and shorthands for what a cohort test sets up.
struct CohortWrite {
    store::WriteTransaction& tx;
    std::string hash; ///< the kept course version
    store::CohortRepository cohorts;
    store::PeopleRepository people;

    /// A new cohort of the kept version, from 2025-03-01 to 2025-04-30, with `capacity` seats
    /// a session (0: unlimited); returns its id.
    store::Id cohort(const std::string& code, const std::string& name, int capacity) {
        return cohorts.create(
            tx, store::Cohort{0, code, name, hash, "2025-03-01", "2025-04-30", capacity});
    }
    /// A new person with staff number `code` (a trainer, or a worker to enroll); returns the id.
    store::Id person(const std::string& code, const std::string& name) {
        return people.add(tx, store::Person{0, code, name});
    }
    /// New people JY-0001, JY-0002, ... (at most nine) named `names`, in order; returns their ids.
    std::vector<store::Id> workers(std::initializer_list<const char*> names) {
        std::vector<store::Id> ids;
        for (const char* name : names)
            ids.push_back(person("JY-000" + std::to_string(ids.size() + 1), name));
        return ids;
    }
    /// Enrolls `person` in `cohort` on 2025-03-01, the day the cohorts start.
    void enroll(store::Id cohort, store::Id person) {
        cohorts.enroll(tx, cohort, person, "2025-03-01");
    }
};

/// A fresh database per test (t_) with versions_ over it. A fixture that overrides SetUp()
/// calls this one first, then populate() to fill the database.
class CohortFixture : public TouyanCourseTest {
protected:
    void SetUp() override {
        ASSERT_TRUE(course_) << "courses/touyan-linghang.yaml did not load";
        versions_ = std::make_unique<services::CourseVersions>(t_.store, *registry_);
    }

    /// In one write as "admin": keeps the 头雁领航 version, then calls `fill(CohortWrite&)`.
    /// Does nothing when the course did not load (the test has failed already).
    template <class Fill> void populate(Fill&& fill) {
        if (!course_ || !versions_) return;
        t_.db->write("admin", [&](store::WriteTransaction& tx) {
            CohortWrite w{tx, keepVersion(tx, *course_), store::CohortRepository(tx.session()),
                          store::PeopleRepository(tx.session())};
            fill(w);
        });
    }

    TempDatabase t_;
    std::unique_ptr<services::CourseVersions> versions_;
};

} // namespace yanzhen::testsupport
