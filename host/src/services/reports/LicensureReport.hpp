/// \file LicensureReport.hpp
/// The district's own figures (持证率): for each kind of post, how many of the posts filled on
/// a day are held by someone holding each credential that matters to that post, for the whole
/// district and by street (镇街) or community, and month by month; with the coverage targets
/// ("every Party-affairs worker licensed") met or not. Read from the posts and the people's
/// credential records (CredentialHoldings), so that any past day has its figures.
#pragma once

#include "services/reports/CredentialHoldings.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace yanzhen::services {

/// Credentials counted together: "the national certificate at any level".
struct CredentialGroup {
    std::string id; ///< national, district_licence
    Text title;
    std::vector<std::string> credentials; ///< the credential ids that count
    bool earnedCounts = false; ///< held once earned (not revoked), not only while in force
};

/// What a kind of post needs, and the share of its posts the district aims at.
struct PostNeeds {
    std::string post; ///< social_worker, party_affairs, committee_member, governance_officer
    Text title;
    std::vector<std::string> groups;                      ///< CredentialGroup ids, in order
    std::optional<std::pair<std::string, double>> target; ///< a group and the share aimed at
};

const std::vector<CredentialGroup>& credentialGroups();
/// The posts the report counts, in the order it shows them (trainers are not among them).
const std::vector<PostNeeds>& postNeeds();
/// The group `id` (one of credentialGroups()); nothing for another id.
const CredentialGroup* credentialGroup(const std::string& id);
/// What `post` needs (one of postNeeds()); nothing for another post.
const PostNeeds* postNeedsOf(const std::string& post);

/// How many months a series may span, as typed: 1 to 120; nothing for anything else.
std::optional<int> seriesMonths(const std::string& text);

/// One kind of post in one place on one day.
struct PostFigures {
    std::string post;
    std::size_t posts = 0; ///< filled on the day
    std::map<std::string, std::size_t>
        holders; ///< by credential group: posts whose holder holds it
    double share(const std::string& group) const; ///< holders / posts; 0 without posts
    /// Whether the post's target is met; nothing when it has none.
    std::optional<bool> targetMet() const;
};

/// The figures of one street or community (or of posts in no known unit: `unit` empty).
struct UnitFigures {
    std::optional<store::OrgUnit> unit;
    std::optional<store::OrgUnit> street; ///< a community's street
    std::vector<PostFigures> posts;       ///< postNeeds() order
};

enum class LicensureBy { Post, Street, Community };
/// "post", "street", "community"; nothing for another name.
std::optional<LicensureBy> licensureBy(const std::string& name);

struct LicensureFigures {
    std::int32_t day = 0;
    LicensureBy by = LicensureBy::Post;
    bool scoped = false; ///< only some people's posts were counted (a trainer's cohorts)
    std::vector<PostFigures> totals; ///< the whole district, postNeeds() order
    std::vector<UnitFigures> units;  ///< by street or community (empty by post), by code
};

/// The district's totals on one day of a series.
struct LicensurePoint {
    std::int32_t day = 0;
    std::vector<PostFigures> totals;
};

/// Everything the figures are counted from, read in one snapshot: every post, every unit, and
/// every person's credential records, each person's turned into the days each credential group
/// is held (intervals). Counting a day from it reads nothing more and touches each post once.
class LicensureData {
public:
    explicit LicensureData(store::Store& store);

    /// The figures on `day`; with `only`, of those people's posts alone.
    LicensureFigures figures(std::int32_t day, LicensureBy by,
                             const std::set<store::Id>* only = nullptr) const;
    /// The totals at the end of each of the `months` months up to `day` (the last point is
    /// `day` itself), oldest first; with `only`, of those people's posts alone.
    std::vector<LicensurePoint> series(std::int32_t day, int months,
                                       const std::set<store::Id>* only = nullptr) const;
    /// The store's licensure generation the data was read at (StandingStore).
    std::int64_t generation() const { return generation_; }

private:
    /// Days [first, last) a group is held.
    using Intervals = std::vector<std::pair<std::int32_t, std::int32_t>>;
    struct Post {
        store::Id person = 0;
        std::int32_t need = 0;       ///< index into postNeeds()
        std::int32_t community = -1; ///< index into units_; -1: none
        std::int32_t street = -1;
        std::int32_t from = 0;  ///< the first day filled
        std::int32_t until = 0; ///< the first day no longer filled
        std::int32_t held = -1; ///< index into held_; -1: holds nothing
    };
    /// Per person with credential records: per credentialGroups() entry, the days it is held.
    struct Held {
        std::vector<Intervals> groups;
    };

    /// Per need, posts then holders per group, counted on `day` into `totals`, and per unit
    /// (by street or community) into `units` when `by` asks.
    void tally(std::int32_t day, LicensureBy by, const std::set<store::Id>* only,
               std::vector<std::uint32_t>& totals, std::vector<std::uint32_t>& units) const;
    /// The figures of the `need` slice at `slot` of a tally.
    PostFigures figuresOf(const std::vector<std::uint32_t>& tally, std::size_t slot) const;

    std::vector<Post> posts_;
    std::vector<store::OrgUnit> units_;
    std::vector<std::int32_t> streetOf_; ///< per unit of units_, its street's index; -1: none
    std::vector<Held> held_;
    std::int64_t generation_ = 0;
};

/// The figures' data kept between requests while nothing they are counted from has changed:
/// the store's licensure generation moves (in the schema, on every write of a post, a unit or a
/// credential record), and the next request reads the data again. One per server; thread-safe.
class LicensureKeeper {
public:
    /// The data as of now: the kept one while the generation holds, else read again (one
    /// reader at a time; the others wait for it rather than read too).
    std::shared_ptr<const LicensureData> data(store::Store& store);

private:
    std::mutex mutex_;
    std::shared_ptr<const LicensureData> kept_;
};

} // namespace yanzhen::services
