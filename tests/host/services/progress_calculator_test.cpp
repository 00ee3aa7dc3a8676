// A worker's progress on the shipped 头雁领航·雏雁丰羽 course, end to end: the real course
// file, the five real plugins, evidence as the host keeps it, the requirement engine.

#include "CohortFixture.hpp"

#include "rules/RuleEngine.hpp"
#include "services/progress/ProgressCalculator.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

using namespace yanzhen;
using services::EvidenceRecord;

namespace {

using Scores = std::vector<std::pair<std::string, double>>;

std::int32_t day(const char* text) {
    return *parseDay(text);
}

class TouyanProgress : public testsupport::TouyanCourseTest {
protected:
    void record(std::int64_t worker, std::string module, std::string kind, std::string ref,
                const char* when, std::vector<std::pair<std::string, plugins::FieldValue>> fields) {
        rows_.push_back(EvidenceRecord{worker, std::move(module), std::move(kind), std::move(ref),
                                       day(when), static_cast<std::int64_t>(rows_.size() + 1),
                                       std::move(fields)});
    }
    void attend(std::int64_t worker, const std::string& unit,
                std::optional<std::int64_t> minutes = std::nullopt) {
        std::vector<std::pair<std::string, plugins::FieldValue>> f{
            {"status", std::string("present")}};
        if (minutes) f.emplace_back("minutes", *minutes);
        record(worker, "theory", "attendance", unit, "2025-04-01", std::move(f));
    }
    void drill(std::int64_t worker, const std::string& assessment, Scores scores) {
        record(worker, "drills", "attempt", assessment, "2025-04-10",
               {{"scores", std::move(scores)}});
    }
    /// Worker 1 as the cohort leaves them: theory 39/40 because online hours pass the cap,
    /// one drill failed on the ethics floor, one not attempted.
    void typicalWorker() {
        record(1, "ceremony", "attendance", "opening", "2025-03-01",
               {{"status", std::string("present")}});
        record(1, "ceremony", "attendance", "oath", "2025-03-01",
               {{"status", std::string("late")}});
        for (const char* unit : {"party_building", "policy_law", "casework", "groupwork",
                                 "resident_services", "emergency"})
            attend(1, unit);              // 26 hours in person
        attend(1, "grid_governance", 60); // one of its four hours
        for (const char* unit : {"ethics_online", "law_online", "digital_online"})
            attend(1, unit); // 14 online
        record(1, "theory", "quiz_attempt", "quiz_policy", "2025-04-02", {{"score", 82.0}});
        record(1, "theory", "quiz_attempt", "quiz_methods", "2025-04-02", {{"score", 75.0}});
        drill(1, "home_visit",
              {{"assessment", 25}, {"plan", 25}, {"communication", 20}, {"ethics", 12}});
        drill(1, "dispute",
              {{"assessment", 24}, {"plan", 22}, {"communication", 18}, {"ethics", 11}});
        drill(1, "one_stop",
              {{"assessment", 26}, {"plan", 25}, {"communication", 19}, {"ethics", 8}});
        record(1, "contest", "entry", "skills", "2025-04-20",
               {{"round", std::string("prelim")}, {"score", 88.0}});
    }

    services::CourseProgress progress(std::int64_t worker, std::set<std::string> waived = {}) {
        return progressOn(worker, "2025-06-30", YZ_HOLDS_FOREVER, std::move(waived));
    }
    /// On `today`, in a cohort whose last day is `cohortEnds`.
    services::CourseProgress progressOn(std::int64_t worker, const char* today,
                                        std::int32_t cohortEnds,
                                        std::set<std::string> waived = {}) {
        std::vector<EvidenceRecord> own;
        for (const auto& r : rows_)
            if (r.worker == worker) own.push_back(r);
        services::ProgressInput input{day(today), worker, own, rows_, std::move(waived)};
        input.cohortEnds = cohortEnds;
        return services::ProgressCalculator(course_).evaluate(input);
    }

    std::vector<EvidenceRecord> rows_;
};

std::vector<std::string> leftSentences(const rules::Outcome& o) {
    std::vector<std::string> out;
    for (const auto& item : rules::RuleEngine::whatsLeft(o))
        out.push_back(item.sentence.en);
    return out;
}

} // namespace

TEST_F(TouyanProgress, TheShippedCourseLoadsWithAllFiveModules) {
    ASSERT_TRUE(course_);
    std::vector<std::string> plugins;
    for (const auto& m : course_->modules)
        plugins.push_back(m.pluginId);
    EXPECT_EQ(plugins, (std::vector<std::string>{"ceremony", "theory", "drills", "competitions",
                                                 "certification"}));
    EXPECT_EQ(course_->requirements.count("completion"), 1U);
    EXPECT_EQ(course_->requirements.count("licence_to_practise"), 1U);
}

TEST_F(TouyanProgress, WhatIsLeftIsTheTheoryCapAndTheDrillFloor) {
    typicalWorker();
    const auto p = progress(1);
    const rules::Outcome& completion = p.sets.at("completion");
    EXPECT_EQ(completion.status, rules::Status::InProgress);
    const auto left = leftSentences(completion);
    ASSERT_EQ(left.size(), 2U) << ::testing::PrintToString(left);
    EXPECT_NE(left[0].find("39/40"), std::string::npos) << left[0];
    EXPECT_NE(left[0].find("online"), std::string::npos) << left[0];
    EXPECT_NE(left[1].find("scored 78 but Ethics and safety 8 < 9"), std::string::npos) << left[1];
    EXPECT_NE(left[1].find("Emergency response not attempted"), std::string::npos) << left[1];
}

TEST_F(TouyanProgress, OneBarPerModule) {
    typicalWorker();
    const auto p = progress(1);
    ASSERT_EQ(p.modules.size(), 5U);
    EXPECT_EQ(p.modules[0].module, "ceremony");
    EXPECT_EQ(p.modules[0].fraction, 1.0);
    EXPECT_GT(p.modules[1].fraction, 0.9); // theory: hours 39/40 and quizzes met
    EXPECT_LT(p.modules[1].fraction, 1.0);
    EXPECT_EQ(p.modules[3].fraction, 1.0); // entered a contest (the top-3 leaf is a separate set)
}

TEST_F(TouyanProgress, FinishingTheWorkCompletesTheCourse) {
    typicalWorker();
    attend(1, "grid_governance"); // the rest of the unit, recorded later: the latest record counts
    drill(1, "emergency_drill",
          {{"assessment", 22}, {"plan", 20}, {"communication", 18}, {"ethics", 10}});
    const auto p = progress(1);
    EXPECT_EQ(p.sets.at("completion").status, rules::Status::Met)
        << ::testing::PrintToString(leftSentences(p.sets.at("completion")));
    EXPECT_TRUE(rules::RuleEngine::whatsLeft(p.sets.at("completion")).empty());
}

TEST_F(TouyanProgress, TheNationalCertificateWaivesTheDistrictTests) {
    typicalWorker();
    record(1, "licence", "credential", "national_assistant", "2024-09-01",
           {{"level", std::string("assistant")},
            {"valid_from", std::int64_t{day("2024-09-01")}},
            {"valid_until", std::int64_t{day("2027-08-31")}},
            {"status", std::string("active")}});
    const auto p = progress(1);
    const rules::Outcome& licence = p.sets.at("licence_to_practise");
    ASSERT_EQ(licence.children.size(), 2U);
    EXPECT_EQ(licence.children[1].status, rules::Status::Waived);
    EXPECT_EQ(licence.status, rules::Status::InProgress); // completion is still open
    for (const auto& item : rules::RuleEngine::whatsLeft(licence))
        EXPECT_NE(item.id, "district_tests");
}

TEST_F(TouyanProgress, WithoutTheCertificateTheTestsAreLeft) {
    typicalWorker();
    record(1, "licence", "exam_result", "district_written", "2025-05-10",
           {{"sitting", std::int64_t{2025}}, {"score", 71.0}});
    const auto p = progress(1);
    const auto left = rules::RuleEngine::whatsLeft(p.sets.at("licence_to_practise"));
    ASSERT_FALSE(left.empty());
    EXPECT_EQ(left.back().id, "district_tests");
    EXPECT_EQ(left.back().have, 1);
    EXPECT_EQ(left.back().need, 2);
}

TEST_F(TouyanProgress, PlaceIsRankedAgainstTheCohort) {
    typicalWorker();
    for (std::int64_t w = 2; w <= 5; ++w) {
        record(w, "contest", "entry", "skills", "2025-04-20",
               {{"round", std::string("prelim")}, {"score", 80.0 + double(w)}});
        record(w, "contest", "entry", "skills", "2025-04-27",
               {{"round", std::string("final")}, {"score", 80.0}});
    }
    record(1, "contest", "entry", "skills", "2025-04-27",
           {{"round", std::string("final")}, {"score", 90.0}});
    // totals: worker 1: 178; workers 2..5: 162..165 -> worker 1 first
    const auto p = progress(1);
    EXPECT_EQ(p.sets.at("excellence").status, rules::Status::Met)
        << p.sets.at("excellence").sentence.en;
    const auto p5 = progress(2); // 162: fifth
    EXPECT_NE(p5.sets.at("excellence").status, rules::Status::Met);
}

TEST_F(TouyanProgress, AContestOfAnEndedCohortReadsUnmetNotInProgress) {
    typicalWorker(); // 88 in the skills contest's preliminary: fifth of five
    for (std::int64_t w = 2; w <= 5; ++w)
        record(w, "contest", "entry", "skills", "2025-04-20",
               {{"round", std::string("prelim")}, {"score", 90.0 + double(w)}});
    const std::int32_t ends = day("2025-06-30");
    // The cohort's last day: the top-3 leaf may still be reached, and the answer says so
    // only until that day (the next changes it with no new row).
    const auto open = progressOn(1, "2025-06-30", ends);
    const auto& top3 = open.sets.at("excellence");
    EXPECT_EQ(top3.status, rules::Status::InProgress) << top3.sentence.en;
    EXPECT_FALSE(top3.closed);
    EXPECT_LE(open.holdsUntil, ends);
    EXPECT_EQ(open.sets.at("completion").status, rules::Status::InProgress);

    // The day after: the contest is over; the place is unmet for good, and says why.
    const auto over = progressOn(1, "2025-07-01", ends);
    const auto& lost = over.sets.at("excellence");
    EXPECT_EQ(lost.status, rules::Status::Unmet) << lost.sentence.en;
    EXPECT_TRUE(lost.closed);
    EXPECT_GT(lost.fraction, 0) << "what they did still shows";
    const auto left = leftSentences(lost);
    ASSERT_EQ(left.size(), 1U);
    EXPECT_NE(left[0].find("the cohort ended on 2025-06-30"), std::string::npos) << left[0];
    // Completion is not closed by the contest (they entered one): theory and drills are
    // left, and those do not close with the cohort.
    EXPECT_EQ(over.sets.at("completion").status, rules::Status::InProgress);
    EXPECT_FALSE(over.sets.at("completion").closed);
}

TEST_F(TouyanProgress, AnEndedCohortsCompletionIsUnmetWithoutAContestEntry) {
    record(2, "ceremony", "attendance", "opening", "2025-03-01",
           {{"status", std::string("present")}});
    const std::int32_t ends = day("2025-06-30");
    EXPECT_EQ(progressOn(2, "2025-06-30", ends).sets.at("completion").status,
              rules::Status::InProgress);
    const auto over = progressOn(2, "2025-07-01", ends);
    EXPECT_EQ(over.sets.at("completion").status, rules::Status::Unmet)
        << "an `all` that needs a closed leaf can no longer be met";
    EXPECT_EQ(over.sets.at("licence_to_practise").status, rules::Status::Unmet);
    // A waiver still stands over a closed leaf.
    EXPECT_EQ(progressOn(2, "2025-07-01", ends, {"contest_entry"}).sets.at("completion").status,
              rules::Status::InProgress);
}

TEST_F(TouyanProgress, AnAdministrativeWaiverByNodeId) {
    typicalWorker();
    const auto p = progress(1, {"drills", "theory_hours"});
    EXPECT_EQ(p.sets.at("completion").status, rules::Status::Met);
}
