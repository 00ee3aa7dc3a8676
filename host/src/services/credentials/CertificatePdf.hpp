/// \file CertificatePdf.hpp
/// A printable A4 certificate: the credential and the holder's name in Chinese (Noto CJK,
/// subset and embedded by cairo through pango), an English subtitle, the serial, the dates, the
/// issuing authority and a QR code (libqrencode) of the public verification address.
#pragma once

#include "services/credentials/CredentialService.hpp"

#include <string>

namespace yanzhen::services {

/// The PDF's bytes. Throws std::runtime_error when cairo fails or the address does not fit a
/// QR code.
std::string renderCertificatePdf(const CredentialView& credential, const std::string& verifyUrl);

} // namespace yanzhen::services
