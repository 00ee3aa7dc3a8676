/// \file AccountValues.hpp
/// What the two halves of AccountService (accounts; sessions and tokens) agree on: how a username
/// is written, how an instant is written, and how an account is shown. Private to services/.
#pragma once

#include "services/accounts/AccountService.hpp"

#include "clock/Clock.hpp"
#include "services/text/TextRules.hpp"
#include "store/Store.hpp"

#include <chrono>
#include <string>

namespace yanzhen::services::account_values {

using TimePoint = LoginThrottle::TimePoint;

/// "YYYY-MM-DDTHH:MM:SSZ", UTC: the store's instants, which compare correctly as text.
inline std::string formatInstant(TimePoint t) {
    return clock::formatUtc(t);
}

/// Usernames are ASCII and compared in lower case: "Wang.Li" and "wang.li" are one account.
inline std::string normalizeUsername(const std::string& s) {
    std::string out = s;
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// 2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or a digit (already lower case).
inline bool validUsername(const std::string& s) {
    if (s.size() < 2 || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
    }
    return true;
}

inline AccountRefused unknownAccount(const std::string& username) {
    return AccountRefused("unknown_account",
                          Text{"没有这个账号：" + username, "no such account: " + username});
}

/// The account as the service shows it: its person's staff number and name, never its hash.
inline AccountInfo describe(const store::Account& a, store::PeopleStore& people) {
    AccountInfo info{a.id, a.username, a.role, a.personId, "", "", a.disabled, a.createdAt};
    if (a.personId)
        if (const auto p = people.find(*a.personId)) {
            info.personCode = p->code;
            info.personName = p->name;
        }
    return info;
}

} // namespace yanzhen::services::account_values
