/// \file DeviceCookies.hpp
/// Device cookies (OWASP's answer to lockouts): a browser that logged in to an account gets a
/// cookie saying so, sealed with a key only the server holds. When it shows that cookie at the
/// next login to the same account, its attempts are limited per cookie instead of per account
/// and address, so a stranger guessing the account's password does not lock its owner out
/// (LoginThrottle). The cookie proves nothing else: the password is checked as always.
///
/// A cookie is "<username>:<issued, seconds since 1970>:<nonce>:<seal>", the seal a keyed
/// BLAKE2b of the rest. The key is derived from the server's signing key (so it survives a
/// restart and is the same on every node of one database) or, where none is given, made at
/// random for the life of the process.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace yanzhen::services {

class DeviceCookies {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// A cookie is good this long after its login (each login issues a fresh one).
    static constexpr std::chrono::hours kLifetime{24 * 180};
    /// Longer values are not looked at.
    static constexpr std::size_t kMaxLength = 256;

    /// `key`: at least 16 bytes; empty for a random one.
    explicit DeviceCookies(std::string key = {});

    /// A new cookie for `username` (normalized), issued at `now`.
    std::string issue(const std::string& username, TimePoint now) const;
    /// The cookie's id (its seal, which the throttle counts failures under) when `value` is a
    /// cookie this server issued for `username` within kLifetime of `now`; nullopt for
    /// anything else (another account's cookie, an old one, a forged or malformed one).
    std::optional<std::string> check(const std::string& value, const std::string& username,
                                     TimePoint now) const;

private:
    std::string key_;
};

} // namespace yanzhen::services
