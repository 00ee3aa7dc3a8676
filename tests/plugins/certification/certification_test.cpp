// The certification plugin's meaning, through the real certification.so as the host loads it.

#include "RealPlugin.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

using yanzhen::testing::Node;

namespace {

constexpr const char* kModule =
    "{levels: [district_licence, assistant, intermediate, senior],"
    " subjects: ["
    "  {id: comprehensive_junior,"
    "   title: {zh: 社会工作综合能力（初级）, en: 'Social work comprehensive ability (junior)'}},"
    "  {id: practice_junior, title: {zh: 社会工作实务（初级）, en: 'Social work practice "
    "(junior)'}},"
    "  {id: comprehensive_mid, title: {zh: 社会工作综合能力（中级）, en: 'Comprehensive ability "
    "(intermediate)'}},"
    "  {id: practice_mid, title: {zh: 社会工作实务（中级）, en: 'Social work practice "
    "(intermediate)'}},"
    "  {id: law, title: {zh: 社会工作法规与政策, en: Social work law and policy}}],"
    " credentials: ["
    "  {id: national_assistant, level: assistant, title: {zh: 助理社会工作师, en: Assistant social "
    "worker}},"
    "  {id: national_social_worker, level: intermediate, title: {zh: 社会工作师, en: Social "
    "worker}},"
    "  {id: district_licence, level: district_licence, title: {zh: 持证上岗资格, en: District "
    "licence to work}}],"
    " ce_categories: [training, degree, conference]}";

constexpr const char* kJunior =
    "Social work comprehensive ability (junior), Social work practice (junior)";

/// One exam_result row; an empty pass mark leaves the field out.
struct Result {
    std::string subject;
    std::string sitting;
    std::string score;
    std::string passMark = "";
    std::string day = ""; ///< default: 1 July of the sitting's year
};

/// One credential row; an empty valid_until means no expiry.
struct CredentialRow {
    std::string id;
    std::string level;
    std::string from;
    std::string until;
    std::string status = "active";
    std::string day = "2022-01-01"; ///< when it was recorded
};

/// One ce_hours row.
struct Hours {
    std::string category;
    std::string day;
    std::string hours;
};

struct ExamCase {
    std::string name;
    std::vector<Result> results;
    bool met;
    double have;
    std::string sentenceEn;
};

class Certification : public yanzhen::testsupport::RealPluginTest {
protected:
    Certification() : RealPluginTest("certification", kModule) {}

    void add(const Result& r, std::int64_t worker = 1) {
        std::map<std::string, std::string> values{{"sitting", r.sitting}, {"score", r.score}};
        if (!r.passMark.empty()) values["pass_mark"] = r.passMark;
        h().add("exam_result", r.subject, r.day.empty() ? r.sitting + "-07-01" : r.day, values,
                worker);
    }
    void add(const CredentialRow& c, std::int64_t worker = 1) {
        std::map<std::string, std::string> values{
            {"level", c.level}, {"valid_from", c.from}, {"status", c.status}};
        if (!c.until.empty()) values["valid_until"] = c.until;
        h().add("credential", c.id, c.day, values, worker);
    }
    void add(const Hours& row) {
        h().add("ce_hours", row.category, row.day, {{"hours", row.hours}});
    }

    /// Evaluates the exam leaf `leafConfig` for each case's results alone, on 2026-12-31.
    void runExamCases(const std::string& leafConfig, double need,
                      const std::vector<ExamCase>& cases) {
        const int leaf = h().leaf("exam", Node::parse(leafConfig));
        for (const auto& c : cases) {
            h().clearEvidence();
            for (const auto& r : c.results)
                add(r);
            const auto r = h().evaluate(leaf, "2026-12-31");
            EXPECT_EQ(r.met, c.met) << c.name;
            EXPECT_EQ(r.have, c.have) << c.name;
            EXPECT_EQ(r.need, need) << c.name;
            EXPECT_EQ(r.unit, "科") << c.name;
            EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.name;
        }
    }
};

} // namespace

TEST_F(Certification, AssistantSubjectsMustBePassedAtOneSitting) {
    const std::string lapsed = std::string("exams passed 0/2; left: ") + kJunior;
    const std::vector<ExamCase> cases{
        {"both passed in 2024",
         {{"comprehensive_junior", "2024", "72"}, {"practice_junior", "2024", "65"}},
         true,
         2,
         "exams passed 2/2 (2024)"},
        {"one in 2023 and one in 2024",
         {{"comprehensive_junior", "2023", "70"},
          {"practice_junior", "2023", "50"},
          {"comprehensive_junior", "2024", "55"},
          {"practice_junior", "2024", "66"}},
         false,
         0,
         lapsed + "; passes from 2023, 2024 have lapsed"},
        {"60 is a pass",
         {{"comprehensive_junior", "2024", "60"}, {"practice_junior", "2024", "60"}},
         true,
         2,
         "exams passed 2/2 (2024)"},
        {"59.5 is not",
         {{"comprehensive_junior", "2024", "59.5"}, {"practice_junior", "2024", "80"}},
         false,
         0,
         lapsed + "; passes from 2024 have lapsed"},
        {"a re-marked score replaces the first",
         {{"comprehensive_junior", "2024", "58"},
          {"practice_junior", "2024", "61"},
          {"comprehensive_junior", "2024", "62"}},
         true,
         2,
         "exams passed 2/2 (2024)"},
        {"a result recorded after today does not count yet",
         {{"comprehensive_junior", "2024", "72"},
          {"practice_junior", "2024", "65", "", "2027-01-05"}},
         false,
         0,
         lapsed + "; passes from 2024 have lapsed"},
        {"no results", {}, false, 0, lapsed},
        {"a later complete sitting after a failed one",
         {{"comprehensive_junior", "2022", "61"},
          {"comprehensive_junior", "2025", "75"},
          {"practice_junior", "2025", "70"}},
         true,
         2,
         "exams passed 2/2 (2025)"},
    };
    runExamCases("{subjects: [comprehensive_junior, practice_junior]}", 2, cases);
    h().clearEvidence();
    add(Result{"comprehensive_junior", "2024", "72"});
    const int leaf =
        h().leaf("exam", Node::parse("{subjects: [comprehensive_junior, practice_junior]}"));
    EXPECT_EQ(h().evaluate(leaf, "2026-12-31").sentence.zh,
              "考试通过 0/2 科；还差：社会工作综合能力（初级）、社会工作实务（初级）；2024 "
              "年的成绩已过期");
}

TEST_F(Certification, ThisYearsSittingIsStillOpen) {
    // Sittings are exam years: in 2024 a pass from the 2024 sitting still waits for the other
    // subject (sat on another day, or not yet marked); from 2025 on it has lapsed.
    add(Result{"comprehensive_junior", "2024", "72"});
    const int leaf =
        h().leaf("exam", Node::parse("{subjects: [comprehensive_junior, practice_junior]}"));
    const auto during = h().evaluate(leaf, "2024-12-31");
    EXPECT_FALSE(during.met);
    EXPECT_EQ(during.have, 1);
    EXPECT_EQ(during.sentence.en, std::string("exams passed 1/2; left: ") +
                                      "Social work practice (junior)" +
                                      " (must pass by the 2024 sitting)");
    EXPECT_EQ(h().evaluate(leaf, "2025-01-01").have, 0);
}

TEST_F(Certification, IntermediateSubjectsCarryOverForTwoSittings) {
    const std::string three =
        "Comprehensive ability (intermediate), Social work practice (intermediate)";
    const std::vector<ExamCase> cases{
        {"2023 and 2024: inside the window",
         {{"comprehensive_mid", "2023", "70"},
          {"practice_mid", "2023", "62"},
          {"law", "2023", "40"},
          {"law", "2024", "75"}},
         true,
         3,
         "exams passed 3/3 (2023–2024)"},
        {"2023 and 2025: the carry-over window expired",
         {{"comprehensive_mid", "2023", "70"},
          {"practice_mid", "2023", "62"},
          {"law", "2023", "40"},
          {"law", "2025", "75"}},
         false,
         1,
         "exams passed 1/3; left: " + three +
             " (must pass by the 2026 sitting); passes from 2023 have lapsed"},
        {"two passed: the third is due at the next sitting",
         {{"comprehensive_mid", "2024", "70"},
          {"practice_mid", "2024", "62"},
          {"law", "2024", "50"}},
         false,
         2,
         "exams passed 2/3; left: Social work law and policy (must pass by the 2025 sitting)"},
        {"a failed year in between lets the first passes lapse",
         {{"comprehensive_mid", "2023", "70"},
          {"practice_mid", "2024", "62"},
          {"law", "2024", "50"}},
         false,
         1,
         "exams passed 1/3; left: Comprehensive ability (intermediate), Social work law and policy "
         "(must pass by the "
         "2025 sitting); passes from 2023 have lapsed"},
        {"lapsed subjects passed again complete a later window",
         {{"comprehensive_mid", "2022", "70"},
          {"practice_mid", "2022", "62"},
          {"comprehensive_mid", "2025", "66"},
          {"practice_mid", "2026", "61"},
          {"law", "2026", "64"}},
         true,
         3,
         "exams passed 3/3 (2025–2026)"},
        {"all three at one sitting",
         {{"comprehensive_mid", "2025", "70"},
          {"practice_mid", "2025", "70"},
          {"law", "2025", "70"}},
         true,
         3,
         "exams passed 3/3 (2025)"},
    };
    runExamCases("{subjects: [comprehensive_mid, practice_mid, law], window: 2}", 3, cases);

    const int leaf = h().leaf(
        "exam", Node::parse("{subjects: [comprehensive_mid, practice_mid, law], window: 2}"));
    h().clearEvidence();
    for (const Result& r :
         std::vector<Result>{{"comprehensive_mid", "2024", "70"}, {"practice_mid", "2024", "62"}})
        add(r);
    EXPECT_EQ(h().evaluate(leaf, "2026-12-31").sentence.zh,
              "考试通过 2/3 科；还差：社会工作法规与政策（须在 2025 年考试中通过）");
    h().clearEvidence();
    for (const Result& r :
         std::vector<Result>{{"practice_mid", "2023", "62"}, {"law", "2025", "75"}})
        add(r);
    EXPECT_EQ(h().evaluate(leaf, "2026-12-31").sentence.zh,
              "考试通过 1/3 科；还差：社会工作综合能力（中级）、社会工作实务（中级）（须在 2026 "
              "年考试中通过）；"
              "2023 年的成绩已过期");
    const int wide =
        h().leaf("exam", Node::parse("{subjects: [comprehensive_mid, law], window: 3}"));
    h().clearEvidence();
    add(Result{"law", "2024", "75"});
    EXPECT_EQ(h().evaluate(wide, "2026-12-31").sentence.zh,
              "考试通过 1/2 科；还差：社会工作综合能力（中级）（须在 2026 年及之前的考试中通过）");
    const int narrow =
        h().leaf("exam", Node::parse("{subjects: [law, comprehensive_mid], window: 2}"));
    EXPECT_EQ(h().evaluate(narrow, "2026-12-31").sentence.zh,
              "考试通过 1/2 科；还差：社会工作综合能力（中级）（须在 2025 年考试中通过）");
    add(Result{"comprehensive_mid", "2025", "75"});
    EXPECT_EQ(h().evaluate(wide, "2026-12-31").sentence.zh, "考试通过 2/2 科（2024–2025）");
}

TEST_F(Certification, ASittingsOwnPassMarkOverridesTheLeafs) {
    const std::vector<ExamCase> cases{
        {"announced 55: 57 passes",
         {{"comprehensive_junior", "2024", "57", "55"}, {"practice_junior", "2024", "70"}},
         true,
         2,
         "exams passed 2/2 (2024)"},
        {"announced 65: 62 fails",
         {{"comprehensive_junior", "2024", "62", "65"}, {"practice_junior", "2024", "70"}},
         false,
         0,
         std::string("exams passed 0/2; left: ") + kJunior + "; passes from 2024 have lapsed"},
    };
    runExamCases("{subjects: [comprehensive_junior, practice_junior]}", 2, cases);

    const int lenient = h().leaf(
        "exam", Node::parse("{subjects: [comprehensive_junior, practice_junior], pass: 50}"));
    h().clearEvidence();
    add(Result{"comprehensive_junior", "2024", "52"});
    add(Result{"practice_junior", "2024", "55", "60"});
    EXPECT_FALSE(h().evaluate(lenient, "2026-12-31").met)
        << "the row's 60 applies, not the leaf's 50";
    add(Result{"practice_junior", "2024", "55"});
    EXPECT_TRUE(h().evaluate(lenient, "2026-12-31").met)
        << "the corrected row has no pass mark: the leaf's 50";
}

TEST_F(Certification, HoldsAnActiveCredentialAtOrAboveALevel) {
    struct Case {
        std::string name;
        std::vector<CredentialRow> rows;
        bool met;
        std::string sentenceEn;
        std::string leaf = "{level: assistant}";
    };
    const std::string none = "no active credential at level assistant or above";
    const CredentialRow assistant{"national_assistant", "assistant", "2024-07-01", "2027-06-30"};
    const std::vector<Case> cases{
        {"active and valid",
         {assistant},
         true,
         "holds Assistant social worker (valid until 2027-06-30)"},
        {"a higher level counts",
         {{"national_social_worker", "intermediate", "2024-07-01", "2028-06-30"}},
         true,
         "holds Social worker (valid until 2028-06-30)"},
        {"the highest is named",
         {assistant, {"national_social_worker", "intermediate", "2024-07-01", "2026-06-30"}},
         true,
         "holds Social worker (valid until 2026-06-30)"},
        {"a lower level does not count",
         {{"district_licence", "district_licence", "2024-01-01", ""}},
         false,
         none},
        {"no expiry",
         {{"national_assistant", "assistant", "2024-07-01", ""}},
         true,
         "holds Assistant social worker (no expiry)"},
        {"expired the day before",
         {{"national_assistant", "assistant", "2022-07-01", "2025-06-29"}},
         false,
         none + "; Assistant social worker was valid until 2025-06-29"},
        {"valid_until is inclusive",
         {{"national_assistant", "assistant", "2022-07-01", "2025-06-30"}},
         true,
         "holds Assistant social worker (valid until 2025-06-30)"},
        {"valid_from is inclusive",
         {{"national_assistant", "assistant", "2025-06-30", "2028-06-29"}},
         true,
         "holds Assistant social worker (valid until 2028-06-29)"},
        {"not valid yet",
         {{"national_assistant", "assistant", "2025-07-01", "2028-06-30"}},
         false,
         none},
        {"revoked",
         {{"national_assistant", "assistant", "2024-07-01", "2027-06-30", "revoked"}},
         false,
         none + "; Assistant social worker was revoked"},
        {"suspended",
         {{"national_assistant", "assistant", "2024-07-01", "2027-06-30", "suspended"}},
         false,
         none + "; Assistant social worker is suspended"},
        {"superseded by a later row",
         {assistant,
          {"national_assistant", "assistant", "2024-07-01", "2027-06-30", "superseded",
           "2025-03-01"}},
         false,
         none + "; Assistant social worker was superseded"},
        {"reinstated by a later row",
         {{"national_assistant", "assistant", "2024-07-01", "2027-06-30", "suspended"},
          {"national_assistant", "assistant", "2024-07-01", "2027-06-30", "active", "2025-03-01"}},
         true,
         "holds Assistant social worker (valid until 2027-06-30)"},
        {"a renewal recorded ahead leaves the current period in force",
         {{"national_assistant", "assistant", "2022-07-01", "2025-12-31"},
          {"national_assistant", "assistant", "2026-01-01", "2028-12-31", "active", "2025-05-01"}},
         true,
         "holds Assistant social worker (valid until 2025-12-31)"},
        {"a row recorded after today does not count yet",
         {assistant,
          {"national_assistant", "assistant", "2024-07-01", "2027-06-30", "revoked", "2025-07-01"}},
         true,
         "holds Assistant social worker (valid until 2027-06-30)"},
        {"only the listed credentials count",
         {{"national_social_worker", "intermediate", "2024-07-01", "2028-06-30"}},
         false,
         none,
         "{level: assistant, credentials: [national_assistant]}"},
    };
    for (const auto& c : cases) {
        const int leaf = h().leaf("holds", Node::parse(c.leaf));
        h().clearEvidence();
        for (const auto& row : c.rows)
            add(row);
        add(CredentialRow{"national_social_worker", "intermediate", "2024-07-01", "2028-06-30"},
            /*worker=*/2);
        const auto r = h().evaluate(leaf, "2025-06-30");
        EXPECT_EQ(r.met, c.met) << c.name;
        EXPECT_EQ(r.have, c.met ? 1 : 0) << c.name;
        EXPECT_EQ(r.need, 1) << c.name;
        EXPECT_EQ(r.unit, "证") << c.name;
        EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.name;
    }
    const int leaf = h().leaf("holds", Node::parse("{level: assistant}"));
    h().clearEvidence();
    add(assistant);
    EXPECT_EQ(h().evaluate(leaf, "2025-06-30").sentence.zh,
              "持有 助理社会工作师（有效期至 2027-06-30）");
    EXPECT_EQ(h().evaluate(leaf, "2027-07-01").sentence.zh,
              "没有 assistant 及以上等级的有效证书；助理社会工作师 有效期至 2027-06-30，已过期");
}

TEST_F(Certification, ContinuingEducationCountsInsideTheCurrentPeriod) {
    struct Case {
        std::string name;
        std::vector<Hours> hours;
        std::string today;
        bool met;
        double have;
        std::string sentenceEn;
        std::string leaf = "{min: 72, credential: national_assistant, caps: {conference: 20}}";
    };
    const std::string period = " h (2025-01-01–2027-12-31)";
    const std::vector<Case> cases{
        {"inside the period",
         {{"training", "2025-03-01", "30"}, {"degree", "2026-01-10", "20"}},
         "2026-06-30",
         false,
         50,
         "continuing education 50/72" + period},
        {"valid_from is inclusive, the day before is outside",
         {{"training", "2024-12-31", "40"}, {"training", "2025-01-01", "72"}},
         "2026-06-30",
         true,
         72,
         "continuing education 72/72" + period},
        {"valid_until is inclusive",
         {{"training", "2027-12-31", "72"}},
         "2027-12-31",
         true,
         72,
         "continuing education 72/72" + period},
        {"after the period there is none",
         {{"training", "2026-01-01", "80"}},
         "2028-01-01",
         false,
         0,
         "no active Assistant social worker registration period"},
        {"hours after today do not count yet",
         {{"training", "2026-07-01", "80"}},
         "2026-06-30",
         false,
         0,
         "continuing education 0/72" + period},
        {"a cap cuts a category",
         {{"conference", "2025-03-01", "15"},
          {"conference", "2026-03-01", "15"},
          {"training", "2025-05-01", "60"}},
         "2026-06-30",
         true,
         80,
         "continuing education 80/72" + period + "; conference capped at 20"},
        {"hours under the cap count in full",
         {{"conference", "2025-03-01", "12.5"}},
         "2026-06-30",
         false,
         12.5,
         "continuing education 12.5/72" + period},
        {"only the listed categories count",
         {{"conference", "2025-03-01", "15"}, {"training", "2025-05-01", "60"}},
         "2026-06-30",
         false,
         60,
         "continuing education 60/72" + period,
         "{min: 72, credential: national_assistant, categories: [training, degree]}"},
    };
    for (const auto& c : cases) {
        const int leaf = h().leaf("ce_hours", Node::parse(c.leaf));
        h().clearEvidence();
        add(CredentialRow{"national_assistant", "assistant", "2025-01-01", "2027-12-31"});
        for (const auto& row : c.hours)
            add(row);
        const auto r = h().evaluate(leaf, c.today);
        EXPECT_EQ(r.met, c.met) << c.name;
        EXPECT_EQ(r.have, c.have) << c.name;
        EXPECT_EQ(r.need, 72) << c.name;
        EXPECT_EQ(r.sentence.en, c.sentenceEn) << c.name;
    }
    const int leaf =
        h().leaf("ce_hours",
                 Node::parse("{min: 72, credential: national_assistant, caps: {conference: 20}}"));
    h().clearEvidence();
    EXPECT_EQ(h().evaluate(leaf, "2026-06-30").sentence.zh, "没有有效的 助理社会工作师 登记期");
    add(CredentialRow{"national_assistant", "assistant", "2025-01-01", "2027-12-31"});
    add(Hours{"conference", "2025-03-01", "30"});
    add(Hours{"training", "2025-05-01", "50"});
    EXPECT_EQ(h().evaluate(leaf, "2026-06-30").sentence.zh,
              "继续教育 70/72 学时（2025-01-01–2027-12-31）；conference 计入上限 20 学时");
    add(CredentialRow{"national_assistant", "assistant", "2025-01-01", "2027-12-31", "revoked",
                      "2026-01-01"});
    EXPECT_EQ(h().evaluate(leaf, "2026-06-30").sentence.en,
              "no active Assistant social worker registration period");
    add(CredentialRow{"national_assistant", "assistant", "2025-01-01", "", "active", "2026-02-01"});
    EXPECT_EQ(h().evaluate(leaf, "2026-06-30").sentence.en,
              "continuing education 70/72 h (from 2025-01-01); conference capped at 20");
}

TEST_F(Certification, ConfigurationMistakesAreNamedWithTheirPaths) {
    using Errors = std::vector<std::string>;
    const std::string subject = "subjects: [{id: law, title: {zh: 法规, en: Law}}]";
    const std::vector<std::pair<std::string, Errors>> modules{
        {"{" + subject + "}", {"levels: expected a non-empty list of levels, found nothing"}},
        {"{levels: [assistant, assistant], " + subject + "}",
         {"levels[1]: duplicate level 'assistant'"}},
        {"{levels: [assistant], subjects: [{id: law, title: {zh: 法规, en: Law}}, {id: law, title: "
         "{zh: 法, en: L}}]}",
         {"subjects[1].id: duplicate subject id 'law'; already declared at subjects[0]"}},
        {"{levels: [assistant], subjects: []}",
         {"subjects: expected a non-empty list of subjects, found a list"}},
        {"{levels: [assistant], " + subject +
             ", credentials: [{id: a, level: asistant, title: {zh: 助理, en: A}}]}",
         {"credentials[0].level: no level 'asistant' is declared in the module; did you mean "
          "'assistant'?"}},
        {"{levels: [assistant], " + subject +
             ", credentials: [{id: a, level: assistant, title: {zh: 助理, en: A}},"
             " {id: a, level: assistant, title: {zh: 助理, en: A}}]}",
         {"credentials[1].id: duplicate credential id 'a'; already declared at credentials[0]"}},
        {"{levels: [assistant], " + subject + ", ce_category: [training]}",
         {"ce_category: unknown key 'ce_category'; did you mean 'ce_categories'?"}},
        {"{levels: [assistant], " + subject + ", ce_categories: [training, training]}",
         {"ce_categories[1]: duplicate continuing-education category 'training'"}},
    };
    for (const auto& [config, errors] : modules)
        EXPECT_EQ(h().configErrors(Node::parse(config)), errors) << config;

    const std::vector<std::tuple<std::string, std::string, Errors>> leaves{
        {"exam",
         "{subjects: [comprehensive_junior, practise_junior]}",
         {"subjects[1]: no subject 'practise_junior' is declared in the module; did you mean "
          "'practice_junior'?"}},
        {"exam", "{subjects: [law, law]}", {"subjects[1]: duplicate subject 'law'"}},
        {"exam", "{subjects: []}", {"subjects: list at least one subject"}},
        {"exam",
         "{subjects: [law], window: 0}",
         {"window: expected a value in 1 .. 100, found '0'"}},
        {"holds",
         "{level: senoir}",
         {"level: no level 'senoir' is declared in the module; did you mean 'senior'?"}},
        {"holds",
         "{level: assistant, credentials: [national_assistent]}",
         {"credentials[0]: no credential 'national_assistent' is declared in the module; did you "
          "mean "
          "'national_assistant'?"}},
        {"ce_hours",
         "{min: 72, credential: national_assistnt}",
         {"credential: no credential 'national_assistnt' is declared in the module; did you mean "
          "'national_assistant'?"}},
        {"ce_hours",
         "{min: 72, credential: national_assistant, caps: {conferences: 20, training: -1}}",
         {"caps.conferences: no continuing-education category 'conferences' is declared in the "
          "module; did you "
          "mean 'conference'?",
          "caps.training: expected a value in 0 .. ∞, found '-1'"}},
        {"ce_hours",
         "{min: 72, credential: national_assistant, categories: [online]}",
         {"categories[0]: no continuing-education category 'online' is declared in the module"}},
        {"ce_hours", "{credential: national_assistant}", {"min: missing required key 'min'"}},
    };
    for (const auto& [type, config, errors] : leaves)
        EXPECT_EQ(h().leafErrors(type, Node::parse(config)), errors) << type << " " << config;
}

// How long an answer holds (ABI 1.1): the host keeps a worker's standing until then, so a day
// too late would serve a stale licence.
TEST_F(Certification, AnAnswerHoldsUntilTheNextDayItCouldChange) {
    using yanzhen::parseDay;
    const int holds = h().leaf("holds", Node::parse("{level: assistant}"));
    const int exam = h().leaf(
        "exam", Node::parse("{subjects: [comprehensive_junior, practice_junior], window: 1}"));

    // Valid until 2027-06-30: the answer holds through that day, and not one day more.
    add(CredentialRow{"national_assistant", "assistant", "2024-07-01", "2027-06-30"});
    auto r = h().evaluate(holds, "2026-12-02");
    EXPECT_TRUE(r.met);
    EXPECT_EQ(r.holdsUntil, *parseDay("2027-06-30"));
    EXPECT_FALSE(h().evaluate(holds, "2027-07-01").met);

    // A renewal recorded ahead of time starts on 2027-07-01: the day before it, the answer may
    // change; and a row dated later than today (recorded ahead) bounds it too.
    add(CredentialRow{"national_assistant", "assistant", "2027-07-01", "2030-06-30", "active",
                      "2026-12-20"});
    EXPECT_EQ(h().evaluate(holds, "2026-12-02").holdsUntil, *parseDay("2026-12-19"));
    EXPECT_EQ(h().evaluate(holds, "2027-01-05").holdsUntil, *parseDay("2027-06-30"));
    EXPECT_EQ(h().evaluate(holds, "2027-07-01").holdsUntil, *parseDay("2030-06-30"));

    // No expiry and nothing ahead: only a new row can change it.
    h().clearEvidence();
    add(CredentialRow{"national_assistant", "assistant", "2024-07-01", ""});
    EXPECT_EQ(h().evaluate(holds, "2026-12-02").holdsUntil, YZ_HOLDS_FOREVER);

    // An exam answer depends on which sittings are still open: it holds to 31 December.
    add(Result{"comprehensive_junior", "2026", "70"});
    EXPECT_EQ(h().evaluate(exam, "2026-12-02").holdsUntil, *parseDay("2026-12-31"));
}
