/// \file CertificateFormat.hpp
/// The certificate file: JSON with the signed payload kept as a string of the exact bytes that
/// were signed, so that nobody has to serialise it again to check it:
///
///   {"format": "yanzhen-certificate/1",
///    "payload": "{\"format\":\"yanzhen-certificate/1\",\"serial\":...}",
///    "signature": "<Ed25519 over the payload's bytes, base64>"}
///
/// The payload itself is JSON with a fixed key order (format, serial, holder {code, name},
/// course {id, version, hash, title {zh, en}}, credential, title {zh, en}, level, issued_on,
/// valid_from, valid_until (null: no expiry), authority {zh, en}, key_id), no spaces, UTF-8 as
/// is; only '"', '\\' and control characters are escaped. It is written once, at issue.
#pragma once

#include <yanzhen/text.hpp>

#include <optional>
#include <string>

namespace yanzhen::services {

inline const char* const kCertificateFormat = "yanzhen-certificate/1";

/// What a certificate says.
struct CertificatePayload {
    std::string serial;
    std::string holderCode;
    std::string holderName;
    std::string courseId;
    std::string courseVersion;
    std::string courseHash;
    Text courseTitle;
    std::string credential;
    Text title;
    std::string level;
    std::string issuedOn;
    std::string validFrom;
    std::string validUntil; ///< empty: no expiry
    Text authority;
    std::string keyId;
};

/// The canonical bytes of `payload` (see the file comment): the same payload, the same bytes.
std::string canonicalPayload(const CertificatePayload& payload);
/// Reads a payload back; nothing when it is not JSON of that shape.
std::optional<CertificatePayload> parsePayload(const std::string& bytes);

struct CertificateFile {
    std::string payload;   ///< the signed bytes
    std::string signature; ///< base64
};

/// The certificate file's text (pretty enough to read, with a final newline).
std::string writeCertificateFile(const CertificateFile& file);
/// Reads a certificate file; nothing when it is not one (not JSON, another format, a member
/// missing or of the wrong type).
std::optional<CertificateFile> readCertificateFile(const std::string& text);

/// `text` as a JSON string literal, quotes included: '"', '\\' and control characters escaped,
/// everything else (UTF-8 included) as is.
std::string jsonString(const std::string& text);

} // namespace yanzhen::services
