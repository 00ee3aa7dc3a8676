/// \file VerifyPage.hpp
/// The public verification page of a certificate (GET /verify/{serial}): server-rendered HTML,
/// one self-contained page (inline style, no scripts, no external assets) in Chinese or
/// English, saying whether the certificate is valid, expiring, in its grace period, expired,
/// revoked, superseded or unknown, with the holder's name partly masked.
#pragma once

#include "services/credentials/CredentialService.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace yanzhen::http {

/// The page for `serial` as of `day`; `credential` empty: no such certificate. `lang` "zh"/"en".
std::string verifyPageHtml(const std::string& serial,
                           const std::optional<services::CredentialView>& credential,
                           const std::string& lang, std::int32_t day);

} // namespace yanzhen::http
