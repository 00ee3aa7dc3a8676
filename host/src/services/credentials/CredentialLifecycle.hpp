/// \file CredentialLifecycle.hpp
/// What a certificate's dates mean on a given day, as a pure function of the row, the course's
/// policy and the day: valid, expiring (the renewal window is open), grace (past its end, still
/// renewable), expired, revoked, superseded (by a corrected re-issue) or not yet valid (a
/// renewal whose period has not begun). Also the holder's name as the public page shows it.
#pragma once

#include "courses/Course.hpp"
#include "store/Records.hpp"

#include <yanzhen/text.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace yanzhen::services {

/// The last day of a validity that starts on `from` (days since 1970-01-01): from + the
/// period - 1 day (an anniversary the month lacks, like 29 February, falls on the 1st of the
/// next month, so the period ends on the month's last day). Nothing when the
/// validity is forever.
std::optional<std::int32_t> lastValidDay(const courses::Validity& validity, std::int32_t from);

struct CredentialStanding {
    /// valid, expiring, grace, expired, revoked, superseded, not_yet_valid
    std::string status;
    std::string renewalOpensOn; ///< empty when it never expires
    std::string graceUntil;     ///< empty when it never expires
};

/// The standing of `row` on `day`. Revocation and supersession count from the day they were
/// recorded to take effect; a certificate already renewed stays "valid" (not "expiring") to its
/// end. `policy` may be null (a course version without it): no window, no grace.
CredentialStanding standingOn(const store::CredentialRow& row,
                              const courses::CredentialPolicy* policy, std::int32_t day);

/// The status in both languages, as the verification page and the commands say it.
Text statusText(const std::string& status);

/// A name as the public page shows it: the first character kept, the last kept when there are
/// three or more, the rest '*' (张*腾, 欧**娜; two characters: 张*). Counts UTF-8 characters.
std::string maskName(const std::string& name);

} // namespace yanzhen::services
