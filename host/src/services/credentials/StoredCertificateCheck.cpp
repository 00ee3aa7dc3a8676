#include "services/credentials/StoredCertificateCheck.hpp"

namespace yanzhen::services {

StoredCertificateVerdict checkStoredCertificate(const store::CredentialRow& row,
                                                const std::optional<CertificatePayload>& payload,
                                                const std::optional<PublicKey>& issuer) {
    using enum StoredCertificate;
    if (!issuer) return {unverifiable, "the issuer's signing key cannot be read"};
    if (!verifySignature(*issuer, row.payload, row.signature))
        return {tampered, "the stored signature does not match the stored payload"};
    if (!payload) return {tampered, "the signed payload is not a certificate"};
    if (payload->keyId != issuer->id())
        return {unverifiable, "signed by key " + payload->keyId + ", not by " + issuer->id()};
    // A signature that verifies over another certificate's payload is a copied record.
    const auto differs = [&](const char* column, const std::string& stored,
                             const std::string& signed_) -> std::optional<std::string> {
        if (stored == signed_) return std::nullopt;
        return std::string("the row's ") + column + " '" + stored + "' is not the signed '" +
               signed_ + "'";
    };
    for (const auto& d : {differs("serial", row.serial, payload->serial),
                          differs("credential", row.credential, payload->credential),
                          differs("level", row.level, payload->level),
                          differs("course_hash", row.courseHash, payload->courseHash),
                          differs("issued_on", row.issuedOn, payload->issuedOn),
                          differs("valid_from", row.validFrom, payload->validFrom),
                          differs("valid_until", row.validUntil, payload->validUntil),
                          differs("key_id", row.keyId, payload->keyId)})
        if (d) return {tampered, *d};
    return {authentic, {}};
}

} // namespace yanzhen::services
