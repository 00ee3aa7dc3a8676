#include "services/credentials/CredentialLifecycle.hpp"

#include <yanzhen/date.hpp>

#include <chrono>
#include <vector>

namespace yanzhen::services {

std::optional<std::int32_t> lastValidDay(const courses::Validity& v, std::int32_t from) {
    if (v.forever()) return std::nullopt;
    using namespace std::chrono;
    const year_month_day start{sys_days{days{from}}};
    const year_month_day end = start + years{v.years} + months{v.months};
    // An anniversary the month lacks (29 Feb, 31 Jan + 1 month) falls on the next month's 1st.
    const sys_days next =
        end.ok() ? sys_days{end} : sys_days{end.year() / end.month() / last} + days{1};
    const auto day = next + days{v.days} - days{1};
    return static_cast<std::int32_t>(day.time_since_epoch().count());
}

CredentialStanding standingOn(const store::CredentialRow& row,
                              const courses::CredentialPolicy* policy, std::int32_t day) {
    CredentialStanding s;
    const auto until = parseDay(row.validUntil);
    const int window = policy != nullptr ? policy->renewalWindowDays : 0;
    const int grace = policy != nullptr ? policy->graceDays : 0;
    if (until) {
        s.renewalOpensOn = formatDay(*until - window);
        s.graceUntil = formatDay(*until + grace);
    }
    const std::string today = formatDay(day);
    if (!row.revokedOn.empty() && row.revokedOn <= today) {
        s.status = "revoked";
    } else if (!row.supersededOn.empty() && row.supersededOn <= today) {
        s.status = "superseded";
    } else if (today < row.validFrom) {
        s.status = "not_yet_valid";
    } else if (!until || day <= *until) {
        const bool windowOpen = until && day >= *until - window;
        s.status = windowOpen && !row.renewedBy ? "expiring" : "valid";
    } else if (day <= *until + grace) {
        s.status = "grace";
    } else {
        s.status = "expired";
    }
    return s;
}

Text statusText(const std::string& status) {
    if (status == "valid") return {"有效", "valid"};
    if (status == "expiring") return {"即将到期（可续期）", "expiring (renewal open)"};
    if (status == "grace") return {"已到期，宽限期内", "expired, in the grace period"};
    if (status == "expired") return {"已过期", "expired"};
    if (status == "revoked") return {"已撤销", "revoked"};
    if (status == "superseded") return {"已被更正后的证书取代", "superseded by a corrected one"};
    if (status == "not_yet_valid") return {"尚未生效", "not yet valid"};
    if (status == "unknown") return {"查无此证", "unknown"};
    if (status == "tampered")
        return {"记录已被改动，与签名不符", "altered: this record does not match its signature"};
    if (status == "unverifiable")
        return {"无法核验签名", "cannot be checked: the issuer's key is not available"};
    return {status, status};
}

std::string maskName(const std::string& name) {
    // Split into UTF-8 characters: a lead byte and its continuation bytes (10xxxxxx).
    std::vector<std::string> chars;
    for (const char c : name) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && !chars.empty())
            chars.back() += c;
        else
            chars.emplace_back(1, c);
    }
    if (chars.empty()) return "";
    if (chars.size() == 1) return "*";
    std::string out = chars.front();
    const std::size_t hidden = chars.size() == 2 ? 1 : chars.size() - 2;
    for (std::size_t i = 0; i < hidden; ++i)
        out += '*';
    if (chars.size() > 2) out += chars.back();
    return out;
}

} // namespace yanzhen::services
