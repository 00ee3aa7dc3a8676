#include "json/DescribeLicensure.hpp"

#include "json/DescribePlugins.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <cmath>

namespace yanzhen::json {

namespace {

using services::PostFigures;

/// A share as the figures print it: four decimals (47.69 %), so that 31/65 reads the same
/// everywhere.
double rounded(double share) {
    return std::round(share * 10000.0) / 10000.0;
}

Poco::JSON::Object::Ptr unitJson(const store::OrgUnit& unit) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", unit.id);
    o->set("code", unit.code);
    o->set("name", unit.name);
    o->set("kind", unit.kind);
    return o;
}

Poco::JSON::Array::Ptr postsJson(const std::vector<PostFigures>& posts) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& f : posts) {
        const auto& needs = *services::postNeedsOf(f.post); // figures exist only for these
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("post", f.post);
        o->set("title", describe(needs.title));
        o->set("posts", static_cast<Poco::UInt64>(f.posts));
        Poco::JSON::Array::Ptr credentials = new Poco::JSON::Array;
        for (const auto& group : needs.groups) {
            Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
            c->set("group", group);
            c->set("holders", static_cast<Poco::UInt64>(f.holders.at(group)));
            c->set("share", rounded(f.share(group)));
            credentials->add(c);
        }
        o->set("credentials", credentials);
        if (needs.target) {
            Poco::JSON::Object::Ptr t = new Poco::JSON::Object;
            t->set("group", needs.target->first);
            t->set("share", needs.target->second);
            t->set("met", *f.targetMet());
            o->set("target", t);
        } else {
            o->set("target", Poco::Dynamic::Var());
        }
        out->add(o);
    }
    return out;
}

const char* byName(services::LicensureBy by) {
    switch (by) {
    case services::LicensureBy::Street: return "street";
    case services::LicensureBy::Community: return "community";
    case services::LicensureBy::Post: break;
    }
    return "post";
}

} // namespace

Poco::JSON::Object::Ptr describe(const services::LicensureFigures& figures) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("date", formatDay(figures.day));
    o->set("by", std::string(byName(figures.by)));
    o->set("scope", std::string(figures.scoped ? "cohorts" : "district"));
    Poco::JSON::Array::Ptr groups = new Poco::JSON::Array;
    for (const auto& g : services::credentialGroups()) {
        Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
        j->set("id", g.id);
        j->set("title", describe(g.title));
        Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
        for (const auto& c : g.credentials)
            ids->add(c);
        j->set("credentials", ids);
        groups->add(j);
    }
    o->set("credential_groups", groups);
    o->set("totals", postsJson(figures.totals));
    Poco::JSON::Array::Ptr units = new Poco::JSON::Array;
    for (const auto& u : figures.units) {
        Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
        j->set("unit", u.unit ? Poco::Dynamic::Var(unitJson(*u.unit)) : Poco::Dynamic::Var());
        if (figures.by == services::LicensureBy::Community)
            j->set("street",
                   u.street ? Poco::Dynamic::Var(unitJson(*u.street)) : Poco::Dynamic::Var());
        j->set("posts", postsJson(u.posts));
        units->add(j);
    }
    o->set("units", units);
    return o;
}

Poco::JSON::Object::Ptr describe(const std::vector<services::LicensurePoint>& points,
                                 std::int32_t day, int months, bool scoped) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("date", formatDay(day));
    o->set("months", months);
    o->set("scope", std::string(scoped ? "cohorts" : "district"));
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& p : points) {
        Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
        j->set("date", formatDay(p.day));
        j->set("totals", postsJson(p.totals));
        out->add(j);
    }
    o->set("points", out);
    return o;
}

} // namespace yanzhen::json
