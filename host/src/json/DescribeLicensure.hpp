/// \file DescribeLicensure.hpp
/// The district's figures (services/reports/LicensureReport) as JSON: one shape for
/// `yanzhen report licensure --json` and `GET /api/v1/reports/licensure`.
#pragma once

#include "services/reports/LicensureReport.hpp"

#include <Poco/JSON/Object.h>

namespace yanzhen::json {

/// date, by, scope (district: everyone's posts; cohorts: those of the caller's cohorts'
/// members), credential_groups [{id, title, credentials}], totals [post figures], units
/// [{unit {id, code, name, kind}, street (a community's), posts [post figures]}]. A post's
/// figures: post, title, posts, credentials [{group, holders, share}], target {group, share,
/// met} or null.
Poco::JSON::Object::Ptr describe(const services::LicensureFigures& figures);

/// date, months, scope, points [{date, totals [post figures]}].
Poco::JSON::Object::Ptr describe(const std::vector<services::LicensurePoint>& points,
                                 std::int32_t day, int months, bool scoped);

} // namespace yanzhen::json
