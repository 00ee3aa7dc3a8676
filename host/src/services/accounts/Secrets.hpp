/// \file Credentials.hpp
/// The cryptography behind accounts, in one place (libsodium): password hashing with Argon2id,
/// random tokens and passwords, and the hash under which a token is stored. Nothing here
/// touches the database or keeps a secret beyond the call.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace yanzhen::services {

/// Thrown when libsodium cannot work at all (it failed to start, or hashing ran out of memory).
struct CryptoError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The Argon2id string ("$argon2id$v=19$m=...") for `password`, with a fresh salt, at libsodium's
/// interactive limits (64 MiB, 2 passes). Takes a noticeable fraction of a second and 64 MiB:
/// at most a few run at once, the others wait. Throws CryptoError.
std::string hashPassword(const std::string& password);

/// True when `password` matches `hash`; false for a wrong password or a malformed hash. Costs
/// what hashPassword() costs, whether or not it matches.
bool verifyPassword(const std::string& hash, const std::string& password);

/// Verifies `password` against a hash made at startup from a random password: always false,
/// and as slow as verifyPassword() on a real account, so that a login with an unknown username
/// takes as long as one with a known username and a wrong password.
void verifyAgainstDummy(const std::string& password);

/// True when `hash` was made with weaker limits (or another algorithm) than hashPassword() uses
/// today: it should be made again the next time the password is known.
bool needsRehash(const std::string& hash);

/// A new random token: `prefix` followed by 32 random bytes in URL-safe base64 without padding
/// (43 characters). Shown to its holder once and stored only as tokenHash().
std::string newToken(const std::string& prefix);

/// The length of newToken("")'s random part.
inline constexpr std::size_t kTokenBodyLength = 43;

/// True when `s` is `prefix` followed by exactly kTokenBodyLength URL-safe base64 characters.
bool looksLikeToken(const std::string& s, const std::string& prefix);

/// The hash under which a token is stored and looked up: BLAKE2b-256 of the whole token, hex.
std::string tokenHash(const std::string& token);

/// A new random key of 32 bytes (raw), for keyedHash().
std::string newSecretKey();

/// BLAKE2b-256 of `message` keyed with `key` (16 to 64 bytes), hex: a seal that only the key's
/// holder can make. Throws CryptoError for a key of another length.
std::string keyedHash(const std::string& key, const std::string& message);

/// Compares two hashes (or other secrets) in time that does not depend on where they differ.
bool sameSecret(const std::string& a, const std::string& b);

/// A strong random password to hand to a person: four groups of five characters from an
/// alphabet without look-alikes (0/O, 1/l/I), joined by '-': about 116 bits.
std::string generatePassword();

} // namespace yanzhen::services
