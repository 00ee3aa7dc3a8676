#include "services/reports/LicensureReport.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>
#include <chrono>

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

bool LicensureData::Post::filledOn(std::int32_t day) const {
    return (!startedOn || *startedOn <= day) && (!endedOn || *endedOn > day);
}

LicensureData::LicensureData(store::Store& store) {
    auto reads = store.read();
    for (auto& unit : reads->people().orgUnits())
        units_.emplace(unit.id, unit);
    const auto& needs = postNeeds();
    for (const auto& row : reads->people().postRows()) {
        const auto need = std::find_if(needs.begin(), needs.end(),
                                       [&](const PostNeeds& n) { return n.post == row.kind; });
        if (need == needs.end()) continue;
        Post post;
        post.person = row.person;
        post.need = static_cast<std::size_t>(need - needs.begin());
        post.community = unitAbove(units_, row.orgUnit, "community");
        post.street = unitAbove(units_, row.orgUnit, "street");
        if (!row.startedOn.empty()) post.startedOn = parseDay(row.startedOn);
        if (!row.endedOn.empty()) post.endedOn = parseDay(row.endedOn);
        posts_.push_back(post);
    }
    for (const auto& row : reads->evidence().personalRecords(kCredentialKind))
        if (auto record = credentialRecord(row)) holdings_[row.personId].add(std::move(*record));
}

std::vector<PostFigures> LicensureData::emptyFigures() const {
    std::vector<PostFigures> out;
    for (const auto& need : postNeeds()) {
        PostFigures f;
        f.post = need.post;
        for (const auto& group : need.groups)
            f.holders[group] = 0;
        out.push_back(std::move(f));
    }
    return out;
}

void LicensureData::count(const Post& post, std::int32_t day, PostFigures& figures) const {
    ++figures.posts;
    const auto held = holdings_.find(post.person);
    if (held == holdings_.end()) return;
    for (auto& [groupId, holders] : figures.holders) {
        const auto* group = credentialGroup(groupId);
        if (group == nullptr) continue;
        const Holding how = group->earnedCounts ? Holding::Earned : Holding::InForce;
        for (const auto& credential : group->credentials)
            if (held->second.holds(credential, day, how)) {
                ++holders;
                break;
            }
    }
}

LicensureFigures LicensureData::figures(std::int32_t day, LicensureBy by) const {
    LicensureFigures out;
    out.day = day;
    out.by = by;
    out.totals = emptyFigures();
    std::map<std::optional<store::Id>, std::vector<PostFigures>> byUnit;
    for (const auto& post : posts_) {
        if (!post.filledOn(day)) continue;
        count(post, day, out.totals[post.need]);
        if (by == LicensureBy::Post) continue;
        const auto unit = by == LicensureBy::Street ? post.street : post.community;
        auto [it, added] = byUnit.try_emplace(unit);
        if (added) it->second = emptyFigures();
        count(post, day, it->second[post.need]);
    }
    for (auto& [unit, figures] : byUnit) {
        UnitFigures u;
        if (unit) {
            u.unit = units_.at(*unit);
            if (by == LicensureBy::Community) {
                const auto street = unitAbove(units_, u.unit->parentId, "street");
                if (street) u.street = units_.at(*street);
            }
        }
        u.posts = std::move(figures);
        out.units.push_back(std::move(u));
    }
    // By code, the posts in no known unit last.
    std::sort(out.units.begin(), out.units.end(), [](const UnitFigures& a, const UnitFigures& b) {
        if (!a.unit || !b.unit) return a.unit.has_value() && !b.unit.has_value();
        return a.unit->code < b.unit->code;
    });
    return out;
}

std::vector<LicensurePoint> LicensureData::series(std::int32_t day, int months) const {
    std::vector<LicensurePoint> out;
    for (int back = months - 1; back >= 0; --back) {
        LicensurePoint point;
        point.day = back == 0 ? day : monthEndBefore(day, back);
        point.totals = emptyFigures();
        for (const auto& post : posts_)
            if (post.filledOn(point.day)) count(post, point.day, point.totals[post.need]);
        out.push_back(std::move(point));
    }
    return out;
}

} // namespace yanzhen::services
