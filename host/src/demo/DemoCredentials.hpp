/// \file DemoCredentials.hpp
/// The demo's district licences: issued, signed, to the party-affairs and social workers whose
/// newest cohort meets the course's `licence_to_practise`, with the issue day the day of their
/// cohort's licence tests (so some are well inside their period, some near its end); then a few
/// cases so that every state shows: one revoked, one superseded by a corrected re-issue, one
/// renewed. The three older licences ending soon are recorded with
/// services::CredentialService::grant (as licences from an earlier programme, issued before Yanzhen
/// kept records). The login worker (cohort 5, still training) has none; the demo's second worker
/// login holds one.
#pragma once

#include "demo/DemoData.hpp"
#include "services/progress/CourseVersions.hpp"

#include "store/Store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace yanzhen::demo {

struct DemoCredentialSummary {
    std::size_t issued = 0;   ///< certificates written, renewals and re-issues included
    std::size_t valid = 0;    ///< in force on the day (valid or expiring)
    std::size_t expiring = 0; ///< in their renewal window on the day
    std::size_t revoked = 0;
    std::size_t superseded = 0;
    std::string holderCode; ///< a suggested person whose licence is valid today (their login)
};

/// Issues the demo's certificates with the key in `signingKey`, as `actor`, for the district
/// written by populateDemo (whose summary names the login worker) on `today`. Deterministic for
/// the same demo and day, apart from the signatures' key. Throws services::SigningKeyError, and
/// what services::CredentialService throws.
DemoCredentialSummary issueDemoCredentials(store::Store& store, services::CourseVersions& versions,
                                           const std::filesystem::path& signingKey,
                                           const std::string& actor, const DemoSummary& demo,
                                           std::int32_t today);

} // namespace yanzhen::demo
