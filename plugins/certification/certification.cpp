// certification -- 资格认证 (qualification): the national social-worker exams, the credentials
// a worker holds, and the continuing education that keeps a registration alive.
//
// What it does
//   Answers three questions about a worker on a day: have they passed an exam's subjects within
//   its carry-over window; do they hold an active credential at a level or above; have they
//   done enough continuing education in their current registration period. Rows dated after
//   the evaluation date do not count. Nothing here reads a clock.
//
// Evidence kinds
//   exam_result  ref: a subject id      sitting: integer (the exam year; consecutive sittings
//                                       are consecutive integers)
//                score: number >= 0     pass_mark: number (optional; announced per sitting and
//                                       subject; default: the leaf's `pass`)
//   credential   ref: a credential id   level: one of the module's levels
//                valid_from: date       valid_until: date (optional: no expiry)
//                status: active | suspended | revoked | superseded
//   ce_hours     ref: a category        hours: number >= 0     activity: text (optional)
//   Corrections: per subject and sitting the latest exam_result (by seq) counts. Per credential
//   the latest row (by seq) that has taken effect (valid_from <= today) counts, so a later
//   revocation or supersession ends a credential, while a renewal recorded ahead of its start
//   does not replace the period in force. ce_hours rows are separate activities and add up.
//
// Module config
//   levels: [district_licence, assistant, intermediate, senior]     required, low to high
//   subjects:                                                       required, at least one
//     - {id: practice_junior,
//        title: {zh: 社会工作实务（初级）, en: "Social work practice (junior)"}}
//   credentials:                                                    optional
//     - {id: national_assistant, level: assistant,
//        title: {zh: 助理社会工作师, en: Assistant social worker}}
//   ce_categories: [training, degree, conference]                   optional; when given,
//                                                                   leaves may name only these
//
// Leaves
//   exam      subjects: [a, b, c]  every one passed within `window` consecutive sittings
//             window: 2            (default 1: all at the same sitting)
//             pass: 60             (default 60) unless the row carries its own pass_mark
//             Met: "exams passed 3/3 (2024–2025)". Unmet, the latest sitting with a result is
//             taken to be over: only passes that can still be completed at a later sitting
//             carry, and the rest are named as lapsed: "exams passed 1/3; left: A, B (must pass
//             by the 2026 sitting); passes from 2023 have lapsed".
//   holds     level: assistant      an active credential, valid today, at this level or above
//             credentials: [..]     (optional) only these credentials count
//             "holds Assistant social worker (valid until 2027-06-30)"
//   ce_hours  min: 72               hours needed in the current validity period of ...
//             credential: national_assistant   ... this credential (valid_from..valid_until)
//             caps: {conference: 20}           (optional) most hours counted per category
//             categories: [training]           (optional) only these categories count
//             "continuing education 50/72 h (2025-01-01–2027-12-31); conference capped at 20"
//
// Example
//   - certification.exam: {id: mid, label: {zh: 中级考试, en: Intermediate exams},
//                          subjects: [comprehensive_mid, practice_mid, law], window: 2}
//   Passes in 2023 and 2024 meet it; passes in 2023 and 2025 do not: the 2023 ones lapsed.

#include "certification.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <variant>

namespace certification {

int Catalog::levelIndex(std::string_view level) const {
    const auto it = std::find(levels.begin(), levels.end(), level);
    return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

yanzhen::Text Catalog::subjectTitle(std::string_view id) const {
    for (const auto& [subject, title] : subjects)
        if (subject == id) return title;
    return {std::string(id), std::string(id)};
}

yanzhen::Text Catalog::credentialTitle(std::string_view id) const {
    for (const auto& c : credentials)
        if (c.id == id) return c.title;
    return {std::string(id), std::string(id)};
}

} // namespace certification

namespace {

using certification::Catalog;
using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::FieldType;
using yanzhen::forEachItem;
using yanzhen::lookupDeclared;
using yanzhen::requireKey;
using yanzhen::requireNonEmptyList;
using yanzhen::Text;

/// What a configuration refers to, in the singular and (for "a non-empty list of ...") the plural.
struct Noun {
    Text one;
    Text many;
};
const Noun kLevel{{"等级", "level"}, {"等级", "levels"}};
const Noun kSubject{{"科目", "subject"}, {"科目", "subjects"}};
const Noun kCredential{{"证书", "credential"}, {"证书", "credentials"}};
const Noun kCategory{{"继续教育类别", "continuing-education category"},
                     {"继续教育类别", "continuing-education categories"}};

/// The ids of a plain list the module declares (`levels`, `ce_categories`), each once.
std::vector<std::string> parseIdList(const Config& list, bool required, const Noun& noun,
                                     Diagnostics& diags) {
    if (list.isNull() && !required) return {};
    if (!requireNonEmptyList(list, noun.many, diags)) return {};
    return yanzhen::readIds(list, noun.one, diags);
}

/// The ids a leaf lists (`subjects: [a, b]`), each declared in `declared` and listed once.
std::vector<std::string> parseReferences(const Config& list,
                                         const std::vector<std::string>& declared, const Noun& noun,
                                         Diagnostics& diags) {
    std::vector<std::string> ids;
    for (const auto i : yanzhen::resolveIds(list, declared, noun.one, diags))
        ids.push_back(declared[i]);
    return ids;
}

Catalog parseCatalog(const Config& config, Diagnostics& diags) {
    Catalog catalog;
    catalog.levels = parseIdList(config["levels"], true, kLevel, diags);
    catalog.categories = parseIdList(config["ce_categories"], false, kCategory, diags);

    const Config subjects = config["subjects"];
    requireNonEmptyList(subjects, kSubject.many, diags);
    forEachItem(subjects, {}, kSubject.one, diags,
                [&](const Config&, const auto& id, const auto& title) {
                    if (id && title) catalog.subjects.emplace_back(*id, *title);
                });

    const Config credentials = config["credentials"];
    if (!credentials.isNull() && !credentials.isList())
        credentials.expected(diags, "列表", "a list");
    forEachItem(credentials, {"level"}, kCredential.one, diags,
                [&](const Config& c, const auto& id, const auto& title) {
                    const auto level =
                        requireKey(c, "level", diags) ? c["level"].string(diags) : std::nullopt;
                    const bool levelOk = level && lookupDeclared(c["level"], *level, catalog.levels,
                                                                 kLevel.one, diags);
                    if (id && title && levelOk)
                        catalog.credentials.push_back({*id, *level, *title});
                });
    return catalog;
}

using Leaf =
    std::variant<certification::ExamLeaf, certification::HoldsLeaf, certification::CeHoursLeaf>;

class CertificationModule final : public yanzhen::Module {
public:
    explicit CertificationModule(Catalog catalog) : catalog_(std::move(catalog)) {
        for (const auto& [id, _] : catalog_.subjects)
            subjectIds_.push_back(id);
        for (const auto& c : catalog_.credentials)
            credentialIds_.push_back(c.id);
    }

    int compileLeaf(std::string_view type, const Config& config, Diagnostics& diags) override {
        if (type == "exam") {
            certification::ExamLeaf leaf;
            leaf.subjects = parseReferences(config["subjects"], subjectIds_, kSubject, diags);
            if (config.has("window")) leaf.window = config["window"].integer(diags).value_or(1);
            if (config.has("pass")) leaf.pass = config["pass"].number(diags).value_or(60);
            return add(std::move(leaf));
        }
        if (type == "holds") {
            certification::HoldsLeaf leaf;
            const auto level = config["level"].string(diags);
            const auto index =
                level ? lookupDeclared(config["level"], *level, catalog_.levels, kLevel.one, diags)
                      : std::nullopt;
            if (index) leaf.level = static_cast<int>(*index);
            leaf.credentials =
                parseReferences(config["credentials"], credentialIds_, kCredential, diags);
            return add(std::move(leaf));
        }
        certification::CeHoursLeaf leaf;
        leaf.min = config["min"].number(diags).value_or(0);
        const auto credential = config["credential"].string(diags);
        if (credential && lookupDeclared(config["credential"], *credential, credentialIds_,
                                         kCredential.one, diags))
            leaf.credential = *credential;
        // Without declared categories any category may be named: the module did not say which
        // exist.
        const auto& categories = catalog_.categories;
        const Config caps = config["caps"];
        for (std::size_t i = 0; caps.isMap() && i < caps.size(); ++i) {
            const std::string category(caps.keyAt(i));
            if (!categories.empty() &&
                !lookupDeclared(caps.at(i), category, categories, kCategory.one, diags))
                continue;
            if (const auto cap =
                    caps.at(i).numberIn(0, std::numeric_limits<double>::infinity(), diags))
                leaf.caps[category] = *cap;
        }
        const Config listed = config["categories"];
        leaf.categories = categories.empty()
                              ? yanzhen::readIds(listed, kCategory.one, diags)
                              : parseReferences(listed, categories, kCategory, diags);
        return add(std::move(leaf));
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const Leaf& leaf = leaves_.at(static_cast<std::size_t>(handle));
        if (const auto* exam = std::get_if<certification::ExamLeaf>(&leaf))
            return certification::evaluateExam(catalog_, *exam, input);
        if (const auto* holds = std::get_if<certification::HoldsLeaf>(&leaf))
            return certification::evaluateHolds(catalog_, *holds, input);
        return certification::evaluateCeHours(catalog_, std::get<certification::CeHoursLeaf>(leaf),
                                              input);
    }
    // Each evaluate*() sets its LeafResult::holdsUntil: rows dated after today, credentials'
    // first and last days, the end of an exam year.

private:
    // Constructed in place: moving a whole variant trips g++ 12's -Wmaybe-uninitialized.
    template <class L> int add(L&& leaf) {
        leaves_.emplace_back(std::in_place_type<std::decay_t<L>>, std::forward<L>(leaf));
        return static_cast<int>(leaves_.size() - 1);
    }

    Catalog catalog_;
    std::vector<std::string> subjectIds_;
    std::vector<std::string> credentialIds_;
    std::vector<Leaf> leaves_;
};

class CertificationPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"资格认证", "Qualification"},
            .status = yanzhen::Status::Stable,
            .kinds =
                {{.id = "exam_result",
                  .label = {"考试成绩", "Exam result"},
                  .fields = {{.name = "sitting",
                              .type = FieldType::Integer,
                              .label = {"考试年度", "Sitting"}},
                             {.name = "score",
                              .type = FieldType::Number,
                              .label = {"分数", "Score"},
                              .min = 0},
                             {.name = "pass_mark",
                              .type = FieldType::Number,
                              .label = {"合格分数线", "Pass mark"},
                              .required = false,
                              .min = 0}}},
                 {.id = "credential",
                  .label = {"证书", "Credential"},
                  .fields = {{.name = "level", .type = FieldType::Text, .label = {"等级", "Level"}},
                             {.name = "valid_from",
                              .type = FieldType::Date,
                              .label = {"生效日期", "Valid from"}},
                             {.name = "valid_until",
                              .type = FieldType::Date,
                              .label = {"有效期至", "Valid until"},
                              .required = false},
                             {.name = "status",
                              .type = FieldType::Choice,
                              .label = {"状态", "Status"},
                              .choices = {"active", "suspended", "revoked", "superseded"}}}},
                 {.id = "ce_hours",
                  .label = {"继续教育学时", "Continuing education hours"},
                  .fields = {{.name = "hours",
                              .type = FieldType::Number,
                              .label = {"学时", "Hours"},
                              .min = 0,
                              .unit = "学时"},
                             {.name = "activity",
                              .type = FieldType::Text,
                              .label = {"活动", "Activity"},
                              .required = false}}}},
            .leaves = {{.id = "exam",
                        .label = {"通过资格考试", "Pass the exams"},
                        .config = {{.name = "subjects",
                                    .type = FieldType::List,
                                    .label = {"科目", "Subjects"}},
                                   {.name = "window",
                                    .type = FieldType::Integer,
                                    .label = {"连续考试次数", "Consecutive sittings"},
                                    .required = false,
                                    .min = 1,
                                    .max = 100},
                                   {.name = "pass",
                                    .type = FieldType::Number,
                                    .label = {"合格分数线", "Pass mark"},
                                    .required = false,
                                    .min = 0}}},
                       {.id = "holds",
                        .label = {"持有证书", "Hold a credential"},
                        .config = {{.name = "level",
                                    .type = FieldType::Text,
                                    .label = {"最低等级", "Lowest level"}},
                                   {.name = "credentials",
                                    .type = FieldType::List,
                                    .label = {"证书", "Credentials"},
                                    .required = false}}},
                       {.id = "ce_hours",
                        .label = {"继续教育学时", "Continuing education hours"},
                        .config = {{.name = "min",
                                    .type = FieldType::Number,
                                    .label = {"至少学时", "At least"},
                                    .min = 0},
                                   {.name = "credential",
                                    .type = FieldType::Text,
                                    .label = {"证书", "Credential"}},
                                   {.name = "caps",
                                    .type = FieldType::Map,
                                    .label = {"各类别上限", "Caps per category"},
                                    .required = false},
                                   {.name = "categories",
                                    .type = FieldType::List,
                                    .label = {"计入的类别", "Categories that count"},
                                    .required = false}}}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config,
                                                  Diagnostics& diags) const override {
        if (!yanzhen::expectMap(config, {"levels", "subjects", "credentials", "ce_categories"},
                                diags))
            return nullptr;
        return std::make_unique<CertificationModule>(parseCatalog(config, diags));
    }
};

} // namespace

YANZHEN_PLUGIN(CertificationPlugin)
