// The `exam` leaf: every subject passed within a carry-over window of consecutive sittings.

#include "certification.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace certification {

namespace {

using yanzhen::Text;

// Sittings are exam years in practice ("2024"), so sentences print them as years.
std::string sittingText(std::int64_t sitting) {
    return std::to_string(sitting);
}

// For each of the leaf's subjects, the sittings in which it was passed; and the latest sitting
// with any result for them. Per subject and sitting the latest row (by seq) counts: a re-marked
// score replaces the first one.
struct Passes {
    std::vector<std::set<std::int64_t>> bySubject;
    std::optional<std::int64_t> latestSitting;

    // Which subjects were passed in a sitting from `first` to `last`.
    std::vector<bool> within(std::int64_t first, std::int64_t last) const {
        std::vector<bool> out;
        for (const auto& sittings : bySubject) {
            const auto it = sittings.lower_bound(first);
            out.push_back(it != sittings.end() && *it <= last);
        }
        return out;
    }
    std::size_t countWithin(std::int64_t first, std::int64_t last) const {
        const auto passed = within(first, last);
        return static_cast<std::size_t>(std::count(passed.begin(), passed.end(), true));
    }
};

Passes collect(const ExamLeaf& leaf, const yanzhen::EvaluationInput& input) {
    std::map<std::pair<std::size_t, std::int64_t>, std::pair<std::int64_t, bool>>
        latest; // -> (seq, passed)
    for (const auto row : input) {
        if (row.kind() != kExamResultKind || row.worker() != input.worker() ||
            row.day() > input.today())
            continue;
        const auto subject = std::find(leaf.subjects.begin(), leaf.subjects.end(), row.ref());
        if (subject == leaf.subjects.end()) continue;
        const double mark = row.has(kPassMarkField) ? row.number(kPassMarkField) : leaf.pass;
        const std::pair<std::int64_t, bool> result{row.seq(), row.number(kScoreField) >= mark};
        const auto key = std::pair{static_cast<std::size_t>(subject - leaf.subjects.begin()),
                                   row.integer(kSittingField)};
        const auto [it, inserted] = latest.try_emplace(key, result);
        if (!inserted && row.seq() > it->second.first) it->second = result;
    }
    Passes out;
    out.bySubject.resize(leaf.subjects.size());
    for (const auto& [key, result] : latest) {
        out.latestSitting = std::max(out.latestSitting.value_or(key.second), key.second);
        if (result.second) out.bySubject[key.first].insert(key.second);
    }
    return out;
}

// "2023, 2024" / "2023、2024".
Text joinSittings(const std::set<std::int64_t>& sittings) {
    Text out;
    for (const auto s : sittings) {
        out.zh += (out.zh.empty() ? "" : "、") + sittingText(s);
        out.en += (out.en.empty() ? "" : ", ") + sittingText(s);
    }
    return out;
}

} // namespace

yanzhen::LeafResult evaluateExam(const Catalog& catalog, const ExamLeaf& leaf,
                                 const yanzhen::EvaluationInput& input) {
    const Passes passes = collect(leaf, input);
    const std::size_t n = leaf.subjects.size();
    const std::string total = std::to_string(n);
    yanzhen::LeafResult r;
    r.need = static_cast<double>(n);
    r.unit = "科";
    // Which sittings still count depends on the year: the answer holds until 31 December.
    const int year = std::stoi(yanzhen::formatDay(input.today()).substr(0, 4));
    r.holdsUntil = std::min(input.untilNextRow(), yanzhen::dayFromCivil(year, 12, 31));

    // Met: the earliest block of `window` sittings with every subject passed. A complete block
    // starts at a sitting with a pass, so those are the only starts worth trying.
    std::set<std::int64_t> starts;
    for (const auto& sittings : passes.bySubject)
        starts.insert(sittings.begin(), sittings.end());
    for (const auto start : starts) {
        const std::int64_t end = start + leaf.window - 1;
        if (passes.countWithin(start, end) < n) continue;
        std::int64_t last = start;
        for (const auto& sittings : passes.bySubject)
            last = std::max(last, *sittings.lower_bound(start));
        const std::string range =
            sittingText(start) + (last == start ? "" : "–" + sittingText(last));
        r.met = true;
        r.have = r.need;
        r.sentence = Text{"考试通过 " + total + "/" + total + " 科（" + range + "）",
                          "exams passed " + total + "/" + total + " (" + range + ")"};
        return r;
    }

    // Unmet: the latest sitting with a result is taken to be over -- unless it is this year's
    // (sittings are exam years), whose other subjects may still be sat or marked -- so only
    // passes inside a block that still reaches an open sitting carry: from over - window + 2
    // on. Of those
    // blocks the one starting latest among the fullest leaves the most time; starting at a
    // sitting with a pass loses nothing. With window 1 nothing carries: every subject must be
    // passed again at one sitting.
    const std::int64_t thisYear = std::stoll(yanzhen::formatDay(input.today()).substr(0, 4));
    const std::int64_t over = std::min(*passes.latestSitting, thisYear - 1);
    std::size_t best = 0;
    std::int64_t bestStart = 0;
    for (const auto start : starts) {
        if (start < over - leaf.window + 2) continue;
        const std::size_t count = passes.countWithin(start, start + leaf.window - 1);
        if (count >= best) {
            best = count;
            bestStart = start;
        }
    }
    const auto carried = best > 0 ? passes.within(bestStart, bestStart + leaf.window - 1)
                                  : std::vector<bool>(n, false);
    Text left;
    std::set<std::int64_t> lapsed;
    for (std::size_t i = 0; i < n; ++i) {
        if (carried[i]) continue;
        const Text title = catalog.subjectTitle(leaf.subjects[i]);
        left.zh += (left.zh.empty() ? "" : "、") + title.zh;
        left.en += (left.en.empty() ? "" : ", ") + title.en;
        lapsed.insert(passes.bySubject[i].begin(), passes.bySubject[i].end());
    }
    r.have = static_cast<double>(best);
    const std::string counts = std::to_string(best) + "/" + total;
    r.sentence = Text{"考试通过 " + counts + " 科；还差：" + left.zh,
                      "exams passed " + counts + "; left: " + left.en};
    if (best > 0) {
        const std::int64_t deadline = bestStart + leaf.window - 1;
        const bool nextSitting = deadline == *passes.latestSitting + 1;
        r.sentence.zh += "（须在 " + sittingText(deadline) +
                         (nextSitting ? " 年考试中通过）" : " 年及之前的考试中通过）");
        r.sentence.en += " (must pass by the " + sittingText(deadline) + " sitting)";
    }
    if (!lapsed.empty()) {
        const Text when = joinSittings(lapsed);
        r.sentence.zh += "；" + when.zh + " 年的成绩已过期";
        r.sentence.en += "; passes from " + when.en + " have lapsed";
    }
    return r;
}

} // namespace certification
