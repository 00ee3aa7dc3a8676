/// \file DescribeCredential.hpp
/// A certificate as JSON, one shape for `yanzhen certs ... --json` and the HTTP API alike:
/// {serial, holder {id, code, name}, course {id, title {zh, en}, version}, credential,
///  title {zh, en}, level, issued_on, valid_from, valid_until, renewal_opens_on, grace_until,
///  status, status_text {zh, en}, authority {zh, en}, revoked_on?, revoked_reason?,
///  superseded_by?, renewed_by?, previous?, verify_url}.
#pragma once

#include "services/credentials/CredentialService.hpp"

#include "rules/Outcome.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace yanzhen::json {

/// The public verification address of `serial` under `publicUrl` (no trailing slash needed).
std::string verifyUrl(const std::string& publicUrl, const std::string& serial);

Poco::JSON::Object::Ptr describe(const services::CredentialView& credential,
                                 const std::string& publicUrl);

} // namespace yanzhen::json
