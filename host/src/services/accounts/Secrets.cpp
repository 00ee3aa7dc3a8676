#include "services/accounts/Secrets.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <semaphore>

namespace yanzhen::services {

namespace {

/// sodium_init() once per process, before any other libsodium call; it is safe to call from
/// several threads, but once is enough.
void startSodium() {
    static std::once_flag started;
    std::call_once(started, [] {
        if (sodium_init() < 0)
            throw CryptoError("libsodium could not start (no source of randomness?)");
    });
}

/// Each Argon2id run takes 64 MiB: a burst of logins on a server with many threads must not take
/// gigabytes at once. Past this many, a login waits its turn.
std::counting_semaphore<> hashSlots(4);

/// Holds one of the hashing slots for the life of the object.
class HashSlot {
public:
    HashSlot() { hashSlots.acquire(); }
    ~HashSlot() { hashSlots.release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

/// BLAKE2b-256 of `message`, keyed with `key` when it is not empty, as 64 hex digits.
std::string blake2bHex(const std::string& message, const std::string& key) {
    startSodium();
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.data()), key.size());
    std::array<char, 2 * 32 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

} // namespace

std::string hashPassword(const std::string& password) {
    startSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    int rc = 0;
    {
        HashSlot slot;
        rc = crypto_pwhash_str_alg(
            out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
    }
    if (rc != 0) throw CryptoError("hashing a password failed: out of memory");
    return std::string(out.data());
}

bool verifyPassword(const std::string& hash, const std::string& password) {
    startSodium();
    // libsodium reads the hash as a C string of at most STRBYTES: anything longer is not one.
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    HashSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verifyAgainstDummy(const std::string& password) {
    // Made on first use from a password nobody knows, with today's limits: verifying against it
    // costs what verifying against a real account's hash costs.
    static const std::string dummy = hashPassword(newToken(""));
    (void)verifyPassword(dummy, password);
}

bool needsRehash(const std::string& hash) {
    startSodium();
    if (hash.size() >= crypto_pwhash_STRBYTES) return true;
    return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

std::string newToken(const std::string& prefix) {
    startSodium();
    std::array<unsigned char, 32> random{};
    randombytes_buf(random.data(), random.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(32, variant)> encoded{};
    sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(), variant);
    sodium_memzero(random.data(), random.size());
    std::string token = prefix + encoded.data();
    sodium_memzero(encoded.data(), encoded.size());
    return token;
}

bool looksLikeToken(const std::string& s, const std::string& prefix) {
    if (s.size() != prefix.size() + kTokenBodyLength || s.compare(0, prefix.size(), prefix) != 0)
        return false;
    for (std::size_t i = prefix.size(); i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string tokenHash(const std::string& token) {
    return blake2bHex(token, "");
}

std::string newSecretKey() {
    startSodium();
    std::string key(32, '\0');
    randombytes_buf(key.data(), key.size());
    return key;
}

std::string keyedHash(const std::string& key, const std::string& message) {
    if (key.size() < crypto_generichash_KEYBYTES_MIN ||
        key.size() > crypto_generichash_KEYBYTES_MAX)
        throw CryptoError("a keyed hash needs a key of 16 to 64 bytes");
    return blake2bHex(message, key);
}

bool sameSecret(const std::string& a, const std::string& b) {
    // The lengths are not secret (every hash here is 64 hex digits); the contents are.
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string generatePassword() {
    startSodium();
    static const std::string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int group = 0; group < 4; ++group) {
        if (group > 0) out += '-';
        for (int i = 0; i < 5; ++i)
            out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return out;
}

} // namespace yanzhen::services
