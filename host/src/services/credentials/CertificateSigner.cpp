#include "services/credentials/CertificateSigner.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace yanzhen::services {

namespace {

void initSodium() {
    // sodium_init() is idempotent and thread-safe; it fails only without a random source.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string toBase64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> fromBase64(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(length);
    return out;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

std::string PublicKey::base64() const {
    return toBase64(bytes);
}

std::string PublicKey::id() const {
    initSodium();
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

SigningKey SigningKey::load(const std::filesystem::path& file) {
    initSodium();
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        throw SigningKeyError(file.string() + ": no signing key (" + std::strerror(errno) +
                              "); `yanzhen init` creates one");
    if ((st.st_mode & 077) != 0)
        throw SigningKeyError(file.string() +
                              ": the signing key may be read by others; chmod 600 it");
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const auto secret = fromBase64(trimmed(text.str()));
    if (!in || !secret || secret->size() != crypto_sign_SECRETKEYBYTES)
        throw SigningKeyError(file.string() + ": not an Ed25519 signing key");
    std::string pub(crypto_sign_PUBLICKEYBYTES, '\0');
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(pub.data()),
                                 reinterpret_cast<const unsigned char*>(secret->data()));
    SigningKey key;
    key.secret_ = *secret;
    key.public_.bytes = pub;
    return key;
}

SigningKey SigningKey::create(const std::filesystem::path& file) {
    initSodium();
    unsigned char pub[crypto_sign_PUBLICKEYBYTES];
    unsigned char secret[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pub, secret);
    const std::string line =
        toBase64(std::string(reinterpret_cast<const char*>(secret), sizeof secret)) + "\n";
    sodium_memzero(secret, sizeof secret);
    // O_EXCL: never over an existing key (that would orphan every certificate it signed).
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        throw SigningKeyError(file.string() + ": cannot create the signing key (" +
                              std::strerror(errno) + ")");
    ::fchmod(fd, 0600);
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!written) throw SigningKeyError(file.string() + ": cannot write the signing key");
    return load(file);
}

SigningKey SigningKey::ensure(const std::filesystem::path& file, bool* created) {
    const bool exists = std::filesystem::exists(file);
    if (created != nullptr) *created = !exists;
    return exists ? load(file) : create(file);
}

std::string SigningKey::sign(const std::string& bytes) const {
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                         bytes.size(), reinterpret_cast<const unsigned char*>(secret_.data()));
    return toBase64(std::string(reinterpret_cast<const char*>(signature), sizeof signature));
}

std::string SigningKey::derivedKey(const std::string& purpose) const {
    unsigned char out[32];
    // The seed is the secret key's first half (libsodium's layout: seed, then public key).
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(purpose.data()),
                       purpose.size(), reinterpret_cast<const unsigned char*>(secret_.data()),
                       crypto_sign_SEEDBYTES);
    std::string key(reinterpret_cast<const char*>(out), sizeof out);
    sodium_memzero(out, sizeof out);
    return key;
}

PublicKey parsePublicKey(const std::string& text) {
    initSodium();
    std::string candidate = trimmed(text);
    // The well-known URL's answer: take its "public_key" member without a JSON parser here.
    if (!candidate.empty() && candidate.front() == '{') {
        const auto at = candidate.find("\"public_key\"");
        const auto open = at == std::string::npos ? at : candidate.find('"', at + 12);
        const auto close = open == std::string::npos ? open : candidate.find('"', open + 1);
        if (close == std::string::npos)
            throw SigningKeyError("no \"public_key\" in the JSON given as the public key");
        candidate = candidate.substr(open + 1, close - open - 1);
    }
    const auto bytes = fromBase64(candidate);
    if (!bytes || bytes->size() != crypto_sign_PUBLICKEYBYTES)
        throw SigningKeyError("not an Ed25519 public key (base64 of 32 bytes)");
    return PublicKey{*bytes};
}

bool verifySignature(const PublicKey& key, const std::string& bytes,
                     const std::string& signatureBase64) {
    initSodium();
    const auto signature = fromBase64(signatureBase64);
    if (!signature || signature->size() != crypto_sign_BYTES ||
        toBase64(*signature) != signatureBase64 || key.bytes.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char*>(signature->data()),
               reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
               reinterpret_cast<const unsigned char*>(key.bytes.data())) == 0;
}

std::filesystem::path defaultSigningKeyFile(const std::filesystem::path& database) {
    return database.string() + ".signing-key";
}

} // namespace yanzhen::services
