/// \file CertificateSigner.hpp
/// Ed25519 (libsodium) for certificates: the signing key kept in a file outside the database
/// (mode 0600), its public half as people pass it around (base64), signing and checking bytes.
/// Passwords and tokens stay in Credentials.cpp; this file is only about certificates.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace yanzhen::services {

/// Thrown for a key file that is missing, unreadable, not a key, or readable by others; and for
/// a public key text that is not one. The message names the file and what is wrong.
struct SigningKeyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A public key: 32 bytes, and its id (the first 16 hex digits of its BLAKE2b hash), which a
/// certificate names so that a verifier can tell "signed by another key" from "tampered".
struct PublicKey {
    std::string bytes;
    std::string base64() const;
    std::string id() const;
};

class SigningKey {
public:
    /// Reads the key in `file` (base64 of libsodium's 64-byte secret key, one line). Throws
    /// SigningKeyError when it is missing or malformed, or when group or others may read it.
    static SigningKey load(const std::filesystem::path& file);
    /// Creates a new key in `file` (mode 0600, never over an existing file) and returns it.
    /// Throws SigningKeyError when the file exists or cannot be written.
    static SigningKey create(const std::filesystem::path& file);
    /// Loads `file`, creating it first when it does not exist. `created` says which happened.
    static SigningKey ensure(const std::filesystem::path& file, bool* created = nullptr);

    const PublicKey& publicKey() const { return public_; }
    /// The Ed25519 signature of `bytes`, base64.
    std::string sign(const std::string& bytes) const;
    /// 32 bytes for `purpose` (e.g. sealing device cookies), derived from the key's seed with
    /// keyed BLAKE2b: the same for as long as the key file is, and telling nothing of the key.
    std::string derivedKey(const std::string& purpose) const;

private:
    std::string secret_; ///< 64 bytes: the seed and the public key
    PublicKey public_;
};

/// The public key in `text`: base64 of 32 bytes, or the JSON the well-known URL answers
/// ({"public_key": "..."}). Throws SigningKeyError otherwise.
PublicKey parsePublicKey(const std::string& text);

/// Whether `signatureBase64` is `key`'s signature of `bytes`. False for malformed base64, and
/// for base64 that is not exactly what the signature would encode to (so a changed padding
/// character is a changed signature).
bool verifySignature(const PublicKey& key, const std::string& bytes,
                     const std::string& signatureBase64);

/// The signing key's file when none is configured: `<database>.signing-key` beside it.
std::filesystem::path defaultSigningKeyFile(const std::filesystem::path& database);

} // namespace yanzhen::services
