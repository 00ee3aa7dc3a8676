// Standings of one contest: from the cohort's entry rows to places, ties and the detail line.

#include "competitions.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

namespace competitions {

namespace {

using yanzhen::formatNumber;
using yanzhen::Text;

// A submission without a time sorts after every time of its day.
constexpr int kNoTime = 24 * 60;

// The latest row (by seq) of one entrant in one round.
struct RoundRow {
    bool present = false;
    std::int64_t seq = 0;
    double score = 0;
    double penalties = 0;
    std::int32_t day = 0;
    int minute = kNoTime;
};

// One entrant, reduced to what the ranking compares.
struct Entrant {
    std::int64_t worker = 0;
    double total = 0;
    double penalties = 0;
    RoundRow final; // the last round's row; final.present is false when they have none
};

// "HH:MM" (or "H:MM") as minutes after midnight; nothing for anything else, which then sorts
// like a missing time rather than failing the whole ranking over one mistyped row.
std::optional<int> parseClock(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3)
        return std::nullopt;
    const auto digits = [](std::string_view d) -> std::optional<int> {
        int value = 0;
        for (const char c : d) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    const auto hour = digits(s.substr(0, colon));
    const auto minute = digits(s.substr(colon + 1));
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return *hour * 60 + *minute;
}

std::string formatClock(int minute) {
    const auto two = [](int n) {
        return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
    };
    return two(minute / 60) + ":" + two(minute % 60);
}

// Per entrant and round the latest row counts: a judge's correction replaces the first score.
// A flat list sorted once, not a map per entrant: a place leaf ranks its cohort for every
// member it is asked about, so this runs a cohort's size times per recompute.
std::vector<Entrant> collect(const Contest& contest, const yanzhen::EvaluationInput& input) {
    struct Keyed {
        std::int64_t worker;
        int round;
        RoundRow row;
    };
    std::vector<Keyed> keyed;
    for (const auto row : input) {
        if (row.ref() != contest.id || row.day() > input.today()) continue;
        const int round = roundIndex(contest, row.text(kRoundField));
        if (round < 0) continue; // a round the contest does not have cannot be ranked
        keyed.push_back(
            {row.worker(), round,
             RoundRow{true, row.seq(), row.number(kScoreField), row.number(kPenaltiesField, 0),
                      row.day(), parseClock(row.text(kSubmittedField)).value_or(kNoTime)}});
    }
    // Stable: of two rows with the same seq the first given counts, as it always has.
    std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return a.worker != b.worker ? a.worker < b.worker : a.round < b.round;
    });
    std::vector<Entrant> out;
    std::vector<RoundRow> slots(contest.rounds.size());
    for (std::size_t i = 0; i < keyed.size();) {
        const std::int64_t worker = keyed[i].worker;
        std::fill(slots.begin(), slots.end(), RoundRow{});
        for (; i < keyed.size() && keyed[i].worker == worker; ++i) {
            RoundRow& slot = slots[static_cast<std::size_t>(keyed[i].round)];
            if (!slot.present || keyed[i].row.seq > slot.seq) slot = keyed[i].row;
        }
        Entrant e{worker};
        for (const auto& slot : slots) {
            e.total += slot.score;
            e.penalties += slot.penalties;
        }
        // Sums of decimal scores must tie with their equals: 0.1 + 0.2 is not 0.3 in binary.
        e.total = std::round(e.total * 1e6) / 1e6;
        e.penalties = std::round(e.penalties * 1e6) / 1e6;
        e.final = slots.back();
        out.push_back(e);
    }
    return out;
}

// Negative when `a` ranks before `b` by `rule`, positive after, 0 when the rule cannot tell.
int compareBy(TieBreak rule, const Entrant& a, const Entrant& b) {
    switch (rule) {
    case TieBreak::FinalRound:
        // Without a final-round row an entrant ranks below every final-round score.
        if (a.final.present != b.final.present) return a.final.present ? -1 : 1;
        if (a.final.score != b.final.score) return a.final.score > b.final.score ? -1 : 1;
        return 0;
    case TieBreak::FewerPenalties:
        if (a.penalties != b.penalties) return a.penalties < b.penalties ? -1 : 1;
        return 0;
    case TieBreak::EarlierSubmission: {
        const auto key = [](const Entrant& e) {
            return e.final.present ? std::pair<std::int64_t, int>{e.final.day, e.final.minute}
                                   : std::pair<std::int64_t, int>{INT64_MAX, kNoTime};
        };
        if (key(a) != key(b)) return key(a) < key(b) ? -1 : 1;
        return 0;
    }
    }
    return 0;
}

int compare(const Contest& contest, const Entrant& a, const Entrant& b) {
    if (a.total != b.total) return a.total > b.total ? -1 : 1;
    for (const TieBreak rule : contest.tieBreaks)
        if (const int r = compareBy(rule, a, b); r != 0) return r;
    return 0;
}

// "total 182; final 95; penalties 1": the total, then what each tie-break rule compared.
Text detail(const Contest& contest, const Entrant& e) {
    Text out{"总分 " + formatNumber(e.total), "total " + formatNumber(e.total)};
    for (const TieBreak rule : contest.tieBreaks) {
        switch (rule) {
        case TieBreak::FinalRound: {
            const std::string score = e.final.present ? formatNumber(e.final.score) : "—";
            out.zh += "；决赛 " + score;
            out.en += "; final " + score;
            break;
        }
        case TieBreak::FewerPenalties:
            out.zh += "；罚分 " + formatNumber(e.penalties);
            out.en += "; penalties " + formatNumber(e.penalties);
            break;
        case TieBreak::EarlierSubmission: {
            std::string when = "—";
            if (e.final.present)
                when = yanzhen::formatDay(e.final.day) +
                       (e.final.minute == kNoTime ? "" : " " + formatClock(e.final.minute));
            out.zh += "；决赛提交 " + when;
            out.en += "; submitted " + when;
            break;
        }
        }
    }
    return out;
}

} // namespace

int roundIndex(const Contest& contest, std::string_view round) {
    const auto it = std::find(contest.rounds.begin(), contest.rounds.end(), round);
    return it == contest.rounds.end() ? -1 : static_cast<int>(it - contest.rounds.begin());
}

namespace {

// The entrants best first, each with their place.
std::vector<std::pair<Entrant, std::uint32_t>> ranked(const Contest& contest,
                                                      const yanzhen::EvaluationInput& input) {
    std::vector<Entrant> entrants = collect(contest, input);
    std::sort(entrants.begin(), entrants.end(), [&](const Entrant& a, const Entrant& b) {
        const int r = compare(contest, a, b);
        return r != 0 ? r < 0 : a.worker < b.worker;
    });
    std::vector<std::pair<Entrant, std::uint32_t>> out;
    out.reserve(entrants.size());
    for (std::size_t i = 0; i < entrants.size(); ++i) {
        const bool tied = i > 0 && compare(contest, entrants[i - 1], entrants[i]) == 0;
        out.emplace_back(entrants[i], tied ? out.back().second : static_cast<std::uint32_t>(i + 1));
    }
    return out;
}

} // namespace

std::vector<yanzhen::Standing> standings(const Contest& contest,
                                         const yanzhen::EvaluationInput& input) {
    std::vector<yanzhen::Standing> out;
    for (const auto& [entrant, place] : ranked(contest, input))
        out.push_back({entrant.worker, place, entrant.total, detail(contest, entrant)});
    return out;
}

std::vector<Placing> placings(const Contest& contest, const yanzhen::EvaluationInput& input) {
    std::vector<Placing> out;
    for (const auto& [entrant, place] : ranked(contest, input))
        out.push_back({entrant.worker, place});
    return out;
}

} // namespace competitions
