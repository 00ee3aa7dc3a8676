#include "services/reports/LicensureReport.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <chrono>
#include <limits>

namespace yanzhen::services {

namespace {

/// The credential records of the certification plugin (CredentialEvidence.hpp).
constexpr const char* kCredentialKind = "credential";

/// The unit `id` belongs to of `kind`, walking up from it (a grid's community, a community's
/// street); nothing when there is none above it.
std::optional<store::Id> unitAbove(const std::map<store::Id, store::OrgUnit>& units,
                                   std::optional<store::Id> id, const std::string& kind) {
    // A chain longer than the four kinds of unit is a loop: stop rather than spin.
    for (int depth = 0; id && depth < 8; ++depth) {
        const auto it = units.find(*id);
        if (it == units.end()) return std::nullopt;
        if (it->second.kind == kind) return id;
        id = it->second.parentId;
    }
    return std::nullopt;
}

/// The last day of the month `months` before the month of `day`.
std::int32_t monthEndBefore(std::int32_t day, int months) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{day}}};
    const year_month ym = year_month{ymd.year(), ymd.month()} - std::chrono::months{months};
    return static_cast<std::int32_t>(
        sys_days{year_month_day_last{ym.year(), month_day_last{ym.month()}}}
            .time_since_epoch()
            .count());
}

} // namespace

const std::vector<CredentialGroup>& credentialGroups() {
    static const std::vector<CredentialGroup> groups{
        {"national",
         Text{"社工师证（任一级别）", "national social-worker certificate (any level)"},
         {"national_assistant", "national_intermediate", "national_senior"},
         true},
        {"district_licence", Text{"持证上岗资格", "licence to work"}, {"district_licence"}, false},
    };
    return groups;
}

const std::vector<PostNeeds>& postNeeds() {
    // The district reports the national certificate for its social-worker posts and full
    // coverage of the licence to work for its Party-affairs workers (DOMAIN.md); the other
    // posts are shown against both, with no target.
    static const std::vector<PostNeeds> needs{
        {"social_worker",
         Text{"社工岗", "social-worker posts"},
         {"national", "district_licence"},
         std::nullopt},
        {"party_affairs",
         Text{"党务工作者", "Party-affairs workers"},
         {"district_licence"},
         std::pair<std::string, double>{"district_licence", 1.0}},
        {"committee_member",
         Text{"两委成员", "community committee members"},
         {"national", "district_licence"},
         std::nullopt},
        {"governance_officer",
         Text{"治理专干", "governance officers"},
         {"national", "district_licence"},
         std::nullopt},
    };
    return needs;
}

const CredentialGroup* credentialGroup(const std::string& id) {
    for (const auto& g : credentialGroups())
        if (g.id == id) return &g;
    return nullptr;
}

const PostNeeds* postNeedsOf(const std::string& post) {
    for (const auto& n : postNeeds())
        if (n.post == post) return &n;
    return nullptr;
}

std::optional<int> seriesMonths(const std::string& text) {
    if (text.empty() || text.size() > 3 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const int months = std::stoi(text);
    if (months < 1 || months > 120) return std::nullopt;
    return months;
}

std::optional<LicensureBy> licensureBy(const std::string& name) {
    if (name == "post") return LicensureBy::Post;
    if (name == "street") return LicensureBy::Street;
    if (name == "community") return LicensureBy::Community;
    return std::nullopt;
}

double PostFigures::share(const std::string& group) const {
    const auto it = holders.find(group);
    return posts == 0 || it == holders.end() ? 0.0 : static_cast<double>(it->second) / posts;
}

std::optional<bool> PostFigures::targetMet() const {
    const auto* need = postNeedsOf(post);
    if (need == nullptr || !need->target) return std::nullopt;
    return posts > 0 && share(need->target->first) >= need->target->second;
}

namespace {

constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
constexpr std::int32_t kAlways = std::numeric_limits<std::int32_t>::min();

/// The days one person holds `group`: the holding rule is constant between the days a record
/// is recorded, takes effect and ends, so it is asked on each of those days only.
std::vector<std::pair<std::int32_t, std::int32_t>> heldDays(const CredentialHoldings& holdings,
                                                            const CredentialGroup& group) {
    const std::vector<std::int32_t> changes = holdings.changeDays(group.credentials);
    const Holding how = group.earnedCounts ? Holding::Earned : Holding::InForce;
    std::vector<std::pair<std::int32_t, std::int32_t>> out;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const std::int32_t day = changes[i];
        bool held = false;
        for (const auto& credential : group.credentials)
            held = held || holdings.holds(credential, day, how);
        const std::int32_t next = i + 1 < changes.size() ? changes[i + 1] : kNever;
        if (!held) continue;
        if (!out.empty() && out.back().second == day)
            out.back().second = next;
        else
            out.emplace_back(day, next);
    }
    return out;
}

bool within(const std::vector<std::pair<std::int32_t, std::int32_t>>& intervals, std::int32_t day) {
    for (const auto& [first, last] : intervals)
        if (first <= day && day < last) return true;
    return false;
}

} // namespace

LicensureData::LicensureData(store::Store& store) {
    auto reads = store.read();
    generation_ = reads->standings().licensureGeneration();
    std::map<store::Id, store::OrgUnit> units;
    for (auto& unit : reads->people().orgUnits())
        units.emplace(unit.id, unit);
    std::map<store::Id, std::int32_t> dense;
    const auto indexOf = [&](std::optional<store::Id> id) -> std::int32_t {
        if (!id) return -1;
        const auto [it, added] = dense.try_emplace(*id, static_cast<std::int32_t>(units_.size()));
        if (added) {
            units_.push_back(units.at(*id));
            streetOf_.push_back(-1);
        }
        return it->second;
    };

    // Each person's records, then the days each group is held.
    std::map<store::Id, std::int32_t> heldOf;
    {
        std::map<store::Id, CredentialHoldings> byPerson;
        for (const auto& row : reads->evidence().personalRecords(kCredentialKind))
            if (auto record = credentialRecord(row)) byPerson[row.personId].add(std::move(*record));
        for (const auto& [person, holdings] : byPerson) {
            Held held;
            for (const auto& group : credentialGroups())
                held.groups.push_back(heldDays(holdings, group));
            heldOf.emplace(person, static_cast<std::int32_t>(held_.size()));
            held_.push_back(std::move(held));
        }
    }

    const auto& needs = postNeeds();
    for (const auto& row : reads->people().postRows()) {
        const auto need = std::find_if(needs.begin(), needs.end(),
                                       [&](const PostNeeds& n) { return n.post == row.kind; });
        if (need == needs.end()) continue;
        Post post;
        post.person = row.person;
        post.need = static_cast<std::int32_t>(need - needs.begin());
        post.community = indexOf(unitAbove(units, row.orgUnit, "community"));
        post.street = indexOf(unitAbove(units, row.orgUnit, "street"));
        if (post.community >= 0) streetOf_[post.community] = post.street;
        post.from = row.startedOn.empty() ? kAlways : parseDay(row.startedOn).value_or(kAlways);
        post.until = row.endedOn.empty() ? kNever : parseDay(row.endedOn).value_or(kNever);
        if (const auto it = heldOf.find(row.person); it != heldOf.end()) post.held = it->second;
        posts_.push_back(post);
    }
}

void LicensureData::tally(std::int32_t day, LicensureBy by, const std::set<store::Id>* only,
                          std::vector<std::uint32_t>& totals,
                          std::vector<std::uint32_t>& units) const {
    const std::size_t groups = credentialGroups().size();
    const std::size_t width = 1 + groups;                 // posts, then holders per group
    const std::size_t slice = postNeeds().size() * width; // one unit
    totals.assign(slice, 0);
    // One slice per unit, and a last one for posts in no known unit.
    if (by != LicensureBy::Post) units.assign((units_.size() + 1) * slice, 0);
    for (const auto& post : posts_) {
        if (day < post.from || day >= post.until) continue;
        if (only != nullptr && only->count(post.person) == 0) continue;
        std::uint32_t* t = &totals[post.need * width];
        std::uint32_t* u = nullptr;
        if (by != LicensureBy::Post) {
            const std::int32_t unit = by == LicensureBy::Street ? post.street : post.community;
            const std::size_t index = unit < 0 ? units_.size() : static_cast<std::size_t>(unit);
            u = &units[index * slice + post.need * width];
            ++u[0];
        }
        ++t[0];
        if (post.held < 0) continue;
        const auto& held = held_[post.held];
        for (std::size_t g = 0; g < groups; ++g)
            if (within(held.groups[g], day)) {
                ++t[1 + g];
                if (u != nullptr) ++u[1 + g];
            }
    }
}

PostFigures LicensureData::figuresOf(const std::vector<std::uint32_t>& tally,
                                     std::size_t slot) const {
    const auto& groups = credentialGroups();
    const std::size_t width = 1 + groups.size();
    const std::size_t need = slot % postNeeds().size();
    const std::uint32_t* t = &tally[slot * width];
    PostFigures f;
    f.post = postNeeds()[need].post;
    f.posts = t[0];
    for (const auto& id : postNeeds()[need].groups)
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (groups[g].id == id) f.holders[id] = t[1 + g];
    return f;
}

LicensureFigures LicensureData::figures(std::int32_t day, LicensureBy by,
                                        const std::set<store::Id>* only) const {
    LicensureFigures out;
    out.day = day;
    out.by = by;
    out.scoped = only != nullptr;
    std::vector<std::uint32_t> totals;
    std::vector<std::uint32_t> units;
    tally(day, by, only, totals, units);
    const std::size_t needs = postNeeds().size();
    const std::size_t width = 1 + credentialGroups().size();
    for (std::size_t n = 0; n < needs; ++n)
        out.totals.push_back(figuresOf(totals, n));
    if (by == LicensureBy::Post) return out;
    for (std::size_t u = 0; u <= units_.size(); ++u) {
        bool any = false;
        for (std::size_t n = 0; n < needs; ++n)
            any = any || units[(u * needs + n) * width] > 0;
        if (!any) continue;
        UnitFigures figures;
        if (u < units_.size()) {
            figures.unit = units_[u];
            if (by == LicensureBy::Community && streetOf_[u] >= 0)
                figures.street = units_[streetOf_[u]];
        }
        for (std::size_t n = 0; n < needs; ++n)
            figures.posts.push_back(figuresOf(units, u * needs + n));
        out.units.push_back(std::move(figures));
    }
    // By code, the posts in no known unit last.
    std::sort(out.units.begin(), out.units.end(), [](const UnitFigures& a, const UnitFigures& b) {
        if (!a.unit || !b.unit) return a.unit.has_value() && !b.unit.has_value();
        return a.unit->code < b.unit->code;
    });
    return out;
}

std::vector<LicensurePoint> LicensureData::series(std::int32_t day, int months,
                                                  const std::set<store::Id>* only) const {
    std::vector<LicensurePoint> out;
    std::vector<std::uint32_t> totals;
    std::vector<std::uint32_t> none;
    for (int back = months - 1; back >= 0; --back) {
        LicensurePoint point;
        point.day = back == 0 ? day : monthEndBefore(day, back);
        tally(point.day, LicensureBy::Post, only, totals, none);
        for (std::size_t n = 0; n < postNeeds().size(); ++n)
            point.totals.push_back(figuresOf(totals, n));
        out.push_back(std::move(point));
    }
    return out;
}

std::shared_ptr<const LicensureData> LicensureKeeper::data(store::Store& store) {
    const std::int64_t now = store.read()->standings().licensureGeneration();
    std::lock_guard lock(mutex_);
    if (!kept_ || kept_->generation() != now) kept_ = std::make_shared<const LicensureData>(store);
    return kept_;
}

} // namespace yanzhen::services
