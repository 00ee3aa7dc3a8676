// What a benchmark population looks like. The mix follows the shipped courses: a touyan-linghang
// cohort member has about two dozen rows by the end of their eight weeks (two ceremonies, ten
// theory units with the odd late arrival or make-up, two quizzes with retakes, four drills
// scored on the rubric, the contests, the licence tests, the closing ceremony); national exam
// takers have their results as personal rows; certificate holders their credential and
// continuing-education hours. Numbers are drawn near plausible values; they need not be true,
// only shaped like the real thing (row counts, row sizes, rows per person).

#include "Population.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace yanzhen::bench {

namespace {

const char* const kTouyan = "touyan-linghang";
const char* const kNational = "national-social-worker";

struct Unit {
    const char* id;
    int minutes;
};
const Unit kUnits[] = {{"party_building", 240}, {"policy_law", 360},    {"grid_governance", 240},
                       {"casework", 360},       {"groupwork", 240},     {"resident_services", 240},
                       {"emergency", 120},      {"ethics_online", 240}, {"law_online", 240},
                       {"digital_online", 360}};
const char* const kDrills[] = {"home_visit", "dispute", "one_stop", "emergency_drill"};
struct Criterion {
    const char* id;
    int max;
};
// In name order, as the canonical JSON has them.
const Criterion kCriteria[] = {
    {"assessment", 30}, {"communication", 25}, {"ethics", 15}, {"plan", 30}};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                              "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
                              "刚", "桂", "英", "华", "红", "玉", "兰", "文", "辉", "鑫"};
const char* const kEducation[] = {"高中", "大专", "大专", "本科", "本科", "硕士"};

const std::vector<std::string> kHeader{
    "worker",  "course",    "module", "ref",        "date",        "kind",
    "status",  "minutes",   "score",  "scores",     "round",       "penalties",
    "sitting", "pass_mark", "level",  "valid_from", "valid_until", "hours"};
constexpr std::size_t kFieldBegin = 6;

/// One field of a row: its name, its JSON value, its CSV cell.
struct Field {
    const char* name;
    std::string json;
    std::string cell;
};

Field text(const char* name, const std::string& value) {
    return Field{name, "\"" + value + "\"", value};
}
Field number(const char* name, int value) {
    return Field{name, std::to_string(value), std::to_string(value)};
}

std::size_t column(const char* name) {
    for (std::size_t i = kFieldBegin; i < kHeader.size(); ++i)
        if (kHeader[i] == name) return i - kFieldBegin;
    throw std::logic_error(std::string("bench: no CSV column ") + name);
}

EvidenceDraw make(std::int64_t person, const char* course, const char* module, const char* kind,
                  std::string ref, std::int32_t day, std::vector<Field> fields) {
    EvidenceDraw r;
    r.person = person;
    r.course = course;
    r.module = module;
    r.kind = kind;
    r.ref = std::move(ref);
    r.day = day;
    r.cells.assign(kHeader.size() - kFieldBegin, std::string());
    std::sort(fields.begin(), fields.end(),
              [](const Field& a, const Field& b) { return std::string(a.name) < b.name; });
    r.json = "{";
    for (const auto& f : fields) {
        if (r.json.size() > 1) r.json += ',';
        r.json += '"';
        r.json += f.name;
        r.json += "\":";
        r.json += f.json;
        r.cells[column(f.name)] = f.cell;
    }
    r.json += '}';
    return r;
}

/// Roughly normal around `mean`, by the sum of three uniforms.
double bell(Random& r, double mean, double spread) {
    return mean + spread * (r.unit() + r.unit() + r.unit() - 1.5) * 2.0;
}

int clampScore(double v, int max) {
    return std::clamp(static_cast<int>(v + 0.5), 0, max);
}

const char* attendance(Random& r) {
    const double u = r.unit();
    if (u < 0.01) return "absent";
    if (u < 0.02) return "excused";
    if (u < 0.07) return "late";
    return "present";
}

std::string fourDigits(std::size_t n, const char* prefix, int width) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%0*zu", prefix, width, n);
    return buffer;
}

} // namespace

const std::vector<std::string>& evidenceCsvHeader() {
    return kHeader;
}
std::size_t evidenceFieldColumnsBegin() {
    return kFieldBegin;
}

Scale scaleNamed(const std::string& name) {
    // Shares tuned so that rows per person come out near the brief's figures: a district
    // ~115,000 rows for 7,000 people (16.4 a person), a province ~15 per person.
    if (name == "tiny") return Scale{name, 500, 0.65, 0.35, 0.35, 10000, false};
    if (name == "district") return Scale{name, 7000, 0.65, 0.35, 0.35, 10000, false};
    if (name == "province") return Scale{name, 1000000, 0.60, 0.30, 0.30, 10000, false};
    // 2,000,000 candidates, half at the junior exam (2 subjects), half at the intermediate (3):
    // 5,000,000 results arriving at once.
    if (name == "examday") return Scale{name, 2000000, 0, 0, 0, 20000, true};
    // The same at district scale (100,000 results), for `make bench-quick`.
    if (name == "examdistrict") return Scale{name, 40000, 0, 0, 0, 20000, true};
    throw std::invalid_argument("unknown scale '" + name +
                                "' (tiny, district, province, examday or examdistrict)");
}

Population::Population(Scale scale, std::uint64_t seed, std::int32_t today)
    : scale_(std::move(scale)), seed_(seed), today_(today) {}

PersonDraw Population::person(std::size_t index) const {
    Random r(seed_ * 0x100000001B3ULL + index * 2 + 1);
    PersonDraw p;
    p.id = static_cast<std::int64_t>(index) + 1;
    p.code = fourDigits(index + 1, "P", 7);
    p.name = std::string(kSurnames[r.next() % 20]) + kGiven[r.next() % 30] +
             (r.chance(0.7) ? kGiven[r.next() % 30] : "");
    p.gender = r.chance(0.62) ? "f" : "m";
    p.birthDate =
        formatDay(dayFromCivil(r.between(1966, 2001), static_cast<unsigned>(r.between(1, 12)),
                               static_cast<unsigned>(r.between(1, 28))));
    p.education = kEducation[r.next() % 6];
    p.phone = "13" + std::to_string(100000000 + r.next() % 900000000);
    if (scale_.examDay) {
        p.juniorExam = r.chance(0.5);
        return p;
    }
    p.touyan = r.chance(scale_.touyanShare);
    p.national = r.chance(scale_.nationalShare);
    p.holder = r.chance(scale_.holderShare);
    return p;
}

std::int32_t Population::touyanStart(std::size_t k) const {
    // 53 weekly start slots, from 400 days ago to 29 days ago: the last eight weeks' cohorts
    // are still under way.
    return today_ - 400 + static_cast<std::int32_t>((k * 37) % 53) * 7;
}

std::int32_t Population::nationalStart(std::size_t k) const {
    return today_ - 300 + static_cast<std::int32_t>((k * 11) % 13) * 7;
}

void Population::evidence(const PersonDraw& p, std::int32_t start,
                          std::vector<EvidenceDraw>& out) const {
    Random r(seed_ * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(p.id) * 2);
    const double skill = 0.55 + 0.4 * r.unit();
    std::vector<EvidenceDraw> rows;
    auto add = [&](const char* course, const char* module, const char* kind, std::string ref,
                   std::int32_t day, std::vector<Field> fields) {
        if (day < today_)
            rows.push_back(
                make(p.id, course, module, kind, std::move(ref), day, std::move(fields)));
    };
    const int sittingDay = today_ - 168;
    const int sitting = static_cast<int>(std::stoi(formatDay(sittingDay).substr(0, 4)));

    if (p.holder) {
        const std::int32_t from = today_ - r.between(100, 1000);
        add(nullptr, "certification", "credential", "national_assistant", from,
            {text("level", "assistant"), text("status", "active"),
             text("valid_from", formatDay(from)), text("valid_until", formatDay(from + 1094))});
        const int activities = r.between(2, 5);
        for (int a = 0; a < activities; ++a)
            add(nullptr, "certification", "ce_hours", r.chance(0.8) ? "training" : "conference",
                from + r.between(10, 90) * (a + 1), {number("hours", r.between(4, 24))});
    }
    if (p.national) {
        static const char* const junior[] = {"comprehensive_junior", "practice_junior"};
        static const char* const mid[] = {"comprehensive_mid", "practice_mid", "law_policy"};
        const bool j = !p.holder;
        for (int s = 0; s < (j ? 2 : 3); ++s)
            add(nullptr, "certification", "exam_result", j ? junior[s] : mid[s], sittingDay,
                {number("pass_mark", 60),
                 number("score", clampScore(bell(r, 40 + 35 * skill, 12), 100)),
                 number("sitting", sitting)});
    }
    if (p.touyan) {
        add(kTouyan, "ceremony", "attendance", "opening", start, {text("status", attendance(r))});
        add(kTouyan, "ceremony", "attendance", "oath", start, {text("status", attendance(r))});
        for (int u = 0; u < 10; ++u) {
            const std::int32_t day = start + 2 + 2 * u;
            const std::string status = attendance(r);
            std::vector<Field> f{text("status", status)};
            if (status == "late")
                f.push_back(number("minutes", kUnits[u].minutes - r.between(5, 30)));
            add(kTouyan, "theory", "attendance", kUnits[u].id, day, f);
            if ((status == "absent" || status == "excused") && r.chance(0.8))
                add(kTouyan, "theory", "attendance", kUnits[u].id, day + r.between(5, 14),
                    {text("status", "present")});
        }
        for (const auto& [quiz, day] :
             {std::pair{"quiz_methods", start + 11}, std::pair{"quiz_policy", start + 19}}) {
            const int first = clampScore(bell(r, 45 + 45 * skill, 9), 100);
            add(kTouyan, "theory", "quiz_attempt", quiz, day, {number("score", first)});
            if (first < 60)
                add(kTouyan, "theory", "quiz_attempt", quiz, day + 7,
                    {number("score", std::max(first + 5, clampScore(bell(r, 74, 7), 100)))});
        }
        for (int d = 0; d < 4; ++d) {
            for (int attempt = 0; attempt < 2; ++attempt) {
                std::string json = "{";
                std::string cell;
                int total = 0;
                int ethics = 0;
                for (const auto& c : kCriteria) {
                    const int v = clampScore(c.max * bell(r, skill + 0.05 * attempt, 0.08), c.max);
                    total += v;
                    if (std::string(c.id) == "ethics") ethics = v;
                    if (json.size() > 1) json += ',', cell += ';';
                    json += "\"" + std::string(c.id) + "\":" + std::to_string(v);
                    cell += std::string(c.id) + "=" + std::to_string(v);
                }
                json += '}';
                add(kTouyan, "drills", "attempt", kDrills[d], start + 26 + 4 * d + 14 * attempt,
                    {Field{"scores", json, cell}});
                if (total >= 60 && ethics >= 9) break;
            }
        }
        add(kTouyan, "contest", "entry", "skills", start + 44,
            {text("round", "prelim"), number("score", clampScore(bell(r, 100 * skill, 8), 100))});
        if (r.chance(0.2))
            add(kTouyan, "contest", "entry", "skills", start + 46,
                {text("round", "final"), number("score", clampScore(bell(r, 100 * skill, 6), 100)),
                 number("penalties", r.between(0, 2))});
        if (r.chance(0.5))
            add(kTouyan, "contest", "entry", "case_story", start + 48,
                {text("round", "final"),
                 number("score", clampScore(bell(r, 100 * skill, 8), 100))});
        if (!p.holder) {
            const int year = std::stoi(formatDay(start + 50).substr(0, 4));
            for (const auto& [subject, offset] :
                 {std::pair{"district_written", 50}, std::pair{"district_oral", 51}})
                add(kTouyan, "licence", "exam_result", subject, start + offset,
                    {number("pass_mark", 60),
                     number("score", clampScore(bell(r, 45 + 40 * skill, 10), 100)),
                     number("sitting", year)});
        }
        add(kTouyan, "ceremony", "attendance", "closing", start + 55,
            {text("status", attendance(r))});
    }
    // In the order recorded: ids decide which of two records of one thing is the later one.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const EvidenceDraw& a, const EvidenceDraw& b) { return a.day < b.day; });
    for (auto& row : rows)
        out.push_back(std::move(row));
}

void Population::examResults(const PersonDraw& p, std::vector<EvidenceDraw>& out) const {
    Random r(seed_ * 0xC2B2AE3D27D4EB4FULL + static_cast<std::uint64_t>(p.id));
    static const char* const junior[] = {"comprehensive_junior", "practice_junior"};
    static const char* const mid[] = {"comprehensive_mid", "practice_mid", "law_policy"};
    const int sittingDay = today_ - 1;
    const int sitting = std::stoi(formatDay(sittingDay).substr(0, 4));
    for (int s = 0; s < (p.juniorExam ? 2 : 3); ++s)
        out.push_back(
            make(p.id, nullptr, "certification", "exam_result", p.juniorExam ? junior[s] : mid[s],
                 sittingDay,
                 {number("pass_mark", 60), number("score", clampScore(bell(r, 62, 15), 100)),
                  number("sitting", sitting)}));
}

} // namespace yanzhen::bench
