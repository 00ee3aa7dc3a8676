/// \file CredentialEvidence.hpp
/// A certificate as the requirement engine sees it. What Yanzhen issues, renews, revokes or
/// re-issues is written, in the same transaction, as a personal `credential` record of the
/// plugin that keeps credential records (the certification plugin: level, valid_from,
/// valid_until, status), so that `holds`, `ce_hours` and every credential-aware leaf read the
/// certificates themselves, as of the evaluation day: a worker's progress and their
/// certificate page cannot disagree. A lapse needs no record: the period's end is in the row.
///
/// The plugin takes, per credential id, the latest record that has taken effect by the day
/// (recorded on or before it, valid from on or before it): an issue is recorded on its issue
/// day, a revocation or a supersession on its own day, after the record it ends.
#pragma once

#include "courses/Course.hpp"
#include "store/Records.hpp"
#include "store/Store.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace yanzhen::services {

/// The record of `row` in `status` (active, revoked, superseded) from `day`, for a course
/// whose modules include a plugin that keeps credential records (`course` is the version the
/// certificate was issued under); nothing when none of its modules does.
std::optional<store::EvidenceRow> credentialEvidence(const courses::Course& course,
                                                     const store::CredentialRow& row,
                                                     const std::string& status, std::int32_t day);

/// The records every certificate of `person` should have (its issue, and its revocation or
/// supersession if any), written in `unit` where missing: for certificates issued before they
/// were recorded as evidence. Returns how many were written. `courseOf` gives the course
/// version of a hash (nothing when it no longer loads: that certificate is left as it is).
std::size_t recordMissingCredentialEvidence(
    store::WriteUnit& unit, store::Id person,
    const std::function<std::shared_ptr<const courses::Course>(const std::string& hash)>& courseOf);

} // namespace yanzhen::services
