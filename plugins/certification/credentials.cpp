// The `holds` and `ce_hours` leaves: which credential records are in force on a day, and the
// continuing education counted inside a credential's current validity period.

#include "certification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace certification {

namespace {

using yanzhen::formatDay;
using yanzhen::formatNumber;
using yanzhen::Text;

// One credential row, as the leaves read it.
struct Record {
    std::string_view id;
    std::string_view level;
    std::string_view status;
    std::int32_t validFrom = 0;
    std::optional<std::int32_t> validUntil; ///< none: no expiry
    std::int64_t seq = 0;

    bool covers(std::int32_t day) const {
        return validFrom <= day && (!validUntil || day <= *validUntil);
    }
    bool inForce(std::int32_t day) const { return status == "active" && covers(day); }
};

// Per credential id, the latest record (by seq) that has taken effect by today. A record whose
// validity starts later (a re-registration recorded ahead of time) does not yet replace the
// one in force; any later record that has taken effect does, whatever its status: a
// revocation or a supersession ends the credential.
std::map<std::string_view, Record> currentRecords(const yanzhen::EvaluationInput& input) {
    std::map<std::string_view, Record> out;
    for (const auto row : input) {
        if (row.kind() != kCredentialKind || row.worker() != input.worker() ||
            row.day() > input.today())
            continue;
        Record r{row.ref(),
                 row.text(kLevelField),
                 row.text(kStatusField),
                 static_cast<std::int32_t>(
                     row.integer(kValidFromField, std::numeric_limits<std::int32_t>::min())),
                 std::nullopt,
                 row.seq()};
        if (row.has(kValidUntilField))
            r.validUntil = static_cast<std::int32_t>(row.integer(kValidUntilField));
        if (r.validFrom > input.today()) continue;
        const auto [it, inserted] = out.try_emplace(r.id, r);
        if (!inserted && r.seq > it->second.seq) it->second = r;
    }
    return out;
}

// Why a record at the right level does not count, as a clause for the unmet sentence.
Text whyNot(const Text& title, const Record& r) {
    if (r.status == "revoked")
        return {"；" + title.zh + " 已被吊销", "; " + title.en + " was revoked"};
    if (r.status == "suspended")
        return {"；" + title.zh + " 已暂停", "; " + title.en + " is suspended"};
    if (r.status == "superseded")
        return {"；" + title.zh + " 已被取代", "; " + title.en + " was superseded"};
    if (r.validUntil)
        return {"；" + title.zh + " 有效期至 " + formatDay(*r.validUntil) + "，已过期",
                "; " + title.en + " was valid until " + formatDay(*r.validUntil)};
    return {};
}

// Of two records, the one a sentence should name: the higher level, then the later expiry.
bool preferable(const Catalog& catalog, const Record& a, const Record& b) {
    const int la = catalog.levelIndex(a.level);
    const int lb = catalog.levelIndex(b.level);
    if (la != lb) return la > lb;
    const auto until = [](const Record& r) {
        return r.validUntil.value_or(std::numeric_limits<std::int32_t>::max());
    };
    if (until(a) != until(b)) return until(a) > until(b);
    return a.seq > b.seq;
}

// How long an answer read from the credential records holds: until the day before a row dated
// after today counts, a record's validity starts, or the day after one's last valid day.
std::int32_t holdsUntil(const yanzhen::EvaluationInput& input) {
    std::int32_t until = input.untilNextRow();
    for (const auto row : input) {
        if (row.kind() != kCredentialKind || row.worker() != input.worker()) continue;
        const auto from = row.integer(kValidFromField, std::numeric_limits<std::int32_t>::min());
        if (from > input.today()) until = std::min(until, static_cast<std::int32_t>(from - 1));
        if (!row.has(kValidUntilField)) continue;
        const auto last = row.integer(kValidUntilField);
        if (last >= input.today()) until = std::min(until, static_cast<std::int32_t>(last));
    }
    return until;
}

} // namespace

yanzhen::LeafResult evaluateHolds(const Catalog& catalog, const HoldsLeaf& leaf,
                                  const yanzhen::EvaluationInput& input) {
    const Record* held = nullptr;
    const Record* lapsed = nullptr;
    const auto records = currentRecords(input);
    for (const auto& [id, record] : records) {
        if (!leaf.credentials.empty() && std::find(leaf.credentials.begin(), leaf.credentials.end(),
                                                   id) == leaf.credentials.end())
            continue;
        if (catalog.levelIndex(record.level) < leaf.level) continue; // also an unknown level
        const Record*& slot = record.inForce(input.today()) ? held : lapsed;
        if (slot == nullptr || preferable(catalog, record, *slot)) slot = &record;
    }
    yanzhen::LeafResult r;
    r.need = 1;
    r.unit = "证";
    r.holdsUntil = holdsUntil(input);
    if (held != nullptr) {
        const Text title = catalog.credentialTitle(held->id);
        r.met = true;
        r.have = 1;
        r.sentence =
            held->validUntil
                ? Text{"持有 " + title.zh + "（有效期至 " + formatDay(*held->validUntil) + "）",
                       "holds " + title.en + " (valid until " + formatDay(*held->validUntil) + ")"}
                : Text{"持有 " + title.zh + "（长期有效）", "holds " + title.en + " (no expiry)"};
        return r;
    }
    const std::string& level = catalog.levels.at(static_cast<std::size_t>(leaf.level));
    r.sentence = Text{"没有 " + level + " 及以上等级的有效证书",
                      "no active credential at level " + level + " or above"};
    if (lapsed != nullptr) {
        const Text why = whyNot(catalog.credentialTitle(lapsed->id), *lapsed);
        r.sentence.zh += why.zh;
        r.sentence.en += why.en;
    }
    return r;
}

yanzhen::LeafResult evaluateCeHours(const Catalog& catalog, const CeHoursLeaf& leaf,
                                    const yanzhen::EvaluationInput& input) {
    yanzhen::LeafResult r;
    r.need = leaf.min;
    r.unit = "学时";
    r.holdsUntil = holdsUntil(input);
    const Text title = catalog.credentialTitle(leaf.credential);
    const auto records = currentRecords(input);
    const auto current = records.find(leaf.credential);
    if (current == records.end() || !current->second.inForce(input.today())) {
        r.sentence = Text{"没有有效的 " + title.zh + " 登记期",
                          "no active " + title.en + " registration period"};
        return r;
    }
    const Record& period = current->second;

    // Hours per category inside the period; rows after today are not counted yet, and today is
    // inside the period, so the period's end needs no test of its own.
    std::map<std::string_view, double> hours;
    for (const auto row : input) {
        if (row.kind() != kCeHoursKind || row.worker() != input.worker() ||
            row.day() > input.today())
            continue;
        if (row.day() < period.validFrom) continue;
        if (!leaf.categories.empty() && std::find(leaf.categories.begin(), leaf.categories.end(),
                                                  row.ref()) == leaf.categories.end())
            continue;
        hours[row.ref()] += row.number(kHoursField);
    }
    double total = 0;
    Text capped;
    for (const auto& [category, sum] : hours) {
        const auto cap = leaf.caps.find(std::string(category));
        if (cap == leaf.caps.end() || sum <= cap->second) {
            total += sum;
            continue;
        }
        total += cap->second;
        capped.zh +=
            "；" + std::string(category) + " 计入上限 " + formatNumber(cap->second) + " 学时";
        capped.en += "; " + std::string(category) + " capped at " + formatNumber(cap->second);
    }
    total = std::round(total * 1e6) / 1e6; // 0.1 h steps must reach 72 exactly
    r.have = total;
    r.met = total >= leaf.min;
    const std::string counts = formatNumber(total) + "/" + formatNumber(leaf.min);
    const std::string from = formatDay(period.validFrom);
    const std::string until = period.validUntil ? formatDay(*period.validUntil) : "";
    const Text range = period.validUntil ? Text{from + "–" + until, from + "–" + until}
                                         : Text{from + " 起", "from " + from};
    r.sentence = Text{"继续教育 " + counts + " 学时（" + range.zh + "）" + capped.zh,
                      "continuing education " + counts + " h (" + range.en + ")" + capped.en};
    return r;
}

} // namespace certification
