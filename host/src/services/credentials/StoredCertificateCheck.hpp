/// \file StoredCertificateCheck.hpp
/// Whether a certificate as the database keeps it is the one that was signed. The public
/// verification page is what a person scanning the QR code trusts, so it must not trust the
/// database: the stored signature is checked against the stored payload with the issuer's
/// public key on every view, and the row's columns that repeat the payload (the dates, the
/// credential, the level, the course version) must say what the payload says, since every
/// list and every standing reads those columns. Revocation and supersession are not signed:
/// they are later events, and they only ever make a certificate weaker.
#pragma once

#include "services/credentials/CertificateFormat.hpp"
#include "services/credentials/CertificateSigner.hpp"

#include "store/Records.hpp"

#include <optional>
#include <string>

namespace yanzhen::services {

enum class StoredCertificate {
    authentic,
    tampered,    ///< the signature does not verify, or a column disagrees with the payload
    unverifiable ///< no issuer key to check with, or signed by another key than ours
};

struct StoredCertificateVerdict {
    StoredCertificate verdict = StoredCertificate::tampered;
    std::string problem; ///< what is wrong, in English, for the log and the audit entry
};

/// The verdict on `row` given its parsed payload (nothing: it does not parse) and the issuer's
/// public key (nothing: it cannot be read).
StoredCertificateVerdict checkStoredCertificate(const store::CredentialRow& row,
                                                const std::optional<CertificatePayload>& payload,
                                                const std::optional<PublicKey>& issuer);

} // namespace yanzhen::services
