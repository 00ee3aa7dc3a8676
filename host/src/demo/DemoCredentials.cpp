#include "demo/DemoCredentials.hpp"

#include "services/credentials/CredentialService.hpp"
#include "services/progress/ProgressService.hpp"

#include <yanzhen/date.hpp>

#include <algorithm>

namespace yanzhen::demo {

namespace {

constexpr const char* kLicence = "district_licence";
constexpr const char* kLicenceSet = "licence_to_practise";

struct Licensed {
    store::Id person = 0;
    std::string courseHash;
    std::int32_t day = 0; ///< the first day the demo issues on
};

} // namespace

DemoCredentialSummary issueDemoCredentials(store::Store& store, services::CourseVersions& versions,
                                           const std::filesystem::path& signingKey,
                                           const std::string& actor, const DemoSummary& demo,
                                           std::int32_t today) {
    std::vector<store::Person> people;
    {
        auto r = store.read();
        auto& repo = r->people();
        for (const char* post : {"party_affairs", "social_worker"}) {
            auto some = repo.list(store::PeopleQuery{post, std::nullopt, "", 1000000, 0});
            people.insert(people.end(), some.begin(), some.end());
        }
    }
    std::sort(people.begin(), people.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    people.erase(std::unique(people.begin(), people.end(),
                             [](const auto& a, const auto& b) { return a.id == b.id; }),
                 people.end());

    // Who meets the licence's requirements, and from when: a week after their cohort ended (the
    // certificates are printed after the closing ceremony), or today when that is still ahead.
    services::ProgressService progress(store, versions);
    std::vector<Licensed> licensed;
    for (const auto& p : people) {
        const auto all = progress.forPerson(p.id, today);
        if (all.empty()) continue;
        const auto& newest = all.front();
        const auto set = newest.progress.sets.find(kLicenceSet);
        if (set == newest.progress.sets.end() || !set->second.satisfied()) continue;
        const std::int32_t ended = parseDay(newest.cohort.endsOn).value_or(today);
        licensed.push_back({p.id, newest.cohort.courseHash, std::min(today, ended + 7)});
    }

    services::CredentialService service(store, versions, signingKey);
    DemoCredentialSummary out;
    std::vector<std::string> serials;
    // Three of the licensed hold an older licence from an earlier programme that ends within
    // the next 90 days (the expiry report's rows); the first of them has done enough continuing
    // education to renew now, the others have not.
    const std::int32_t earlier[] = {today - 3 * 365 + 20, today - 3 * 365 + 45,
                                    today - 3 * 365 + 80};
    for (std::size_t i = 0; i < licensed.size(); ++i) {
        const auto& l = licensed[i];
        if (i < 3) {
            const auto v = service.grant(actor, l.person, l.courseHash, kLicence, earlier[i]);
            ++out.issued;
            try {
                service.renew(actor, v.row.serial, today);
                ++out.issued;
            } catch (const services::CredentialRefusal&) {
                // Not enough hours yet: it stays on the expiry report.
            }
            continue;
        }
        services::CredentialView v;
        try {
            v = service.issue(actor, l.person, kDemoCourse, kLicence, l.day);
        } catch (const services::CredentialRefusal&) {
            // Met since (a late result): issued today instead.
            v = service.issue(actor, l.person, kDemoCourse, kLicence, today);
        }
        // Only certificates older than the revocation and the correction below are picked.
        if (v.row.issuedOn < formatDay(today - 30)) serials.push_back(v.row.serial);
        ++out.issued;
    }
    // One revoked, one corrected and re-issued.
    if (serials.size() >= 2) {
        service.revoke(actor, serials[0],
                       "违反职业道德，经区委组织部研究撤销 / revoked for a breach "
                       "of professional ethics",
                       today - 10);
        service.reissue(actor, serials[1], "更正姓名录入错误 / the holder's name was misspelt",
                        today - 20);
        ++out.issued;
    }
    // The holder's login: a person the suggestions name whose licence is in force today, so a
    // worker's pages have a real, rule-made certificate to show (the in-training login worker
    // has none yet, truthfully).
    for (const char* state : {"licensed", "national_certificate"}) {
        for (const auto& s : demo.suggestions) {
            if (s.state != state || !out.holderCode.empty()) continue;
            const auto person = store.read()->people().findByCode(s.code);
            if (!person) continue;
            store::CredentialQuery own;
            own.person = person->id;
            for (const auto& v : service.list(own, today))
                if (v.standing.status == "valid") out.holderCode = s.code;
        }
    }
    store::CredentialQuery all;
    for (const auto& v : service.list(all, today)) {
        const auto& st = v.standing.status;
        if (st == "valid" || st == "expiring") ++out.valid;
        if (st == "expiring") ++out.expiring;
        if (st == "revoked") ++out.revoked;
        if (st == "superseded") ++out.superseded;
    }
    return out;
}

} // namespace yanzhen::demo
