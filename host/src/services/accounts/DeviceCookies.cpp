#include "services/accounts/DeviceCookies.hpp"

#include "services/accounts/Secrets.hpp"

#include <charconv>

namespace yanzhen::services {

DeviceCookies::DeviceCookies(std::string key)
    : key_(key.empty() ? newSecretKey() : std::move(key)) {}

std::string DeviceCookies::issue(const std::string& username, TimePoint now) const {
    const auto issued =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const std::string sealed = username + ":" + std::to_string(issued) + ":" + newToken("");
    return sealed + ":" + keyedHash(key_, sealed);
}

std::optional<std::string> DeviceCookies::check(const std::string& value,
                                                const std::string& username, TimePoint now) const {
    if (value.size() > kMaxLength) return std::nullopt;
    const auto lastColon = value.rfind(':');
    if (lastColon == std::string::npos) return std::nullopt;
    const std::string sealed = value.substr(0, lastColon);
    const std::string seal = value.substr(lastColon + 1);
    // The seal first: nothing in a cookie the server did not issue is worth reading.
    if (!sameSecret(keyedHash(key_, sealed), seal)) return std::nullopt;
    if (sealed.compare(0, username.size() + 1, username + ":") != 0) return std::nullopt;
    const auto issuedEnd = sealed.find(':', username.size() + 1);
    if (issuedEnd == std::string::npos) return std::nullopt;
    long long issued = 0;
    const char* first = sealed.data() + username.size() + 1;
    const char* last = sealed.data() + issuedEnd;
    if (std::from_chars(first, last, issued).ptr != last) return std::nullopt;
    const TimePoint at{std::chrono::seconds{issued}};
    if (at > now + std::chrono::minutes{5} || now - at > kLifetime) return std::nullopt;
    return seal;
}

} // namespace yanzhen::services
