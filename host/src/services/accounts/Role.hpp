/// \file Role.hpp
/// The three roles an account can have (ARCHITECTURE.md section 7), one type for all of the
/// host: the access policy, the API's audiences and the account service compare these, never
/// strings. The store keeps the role's name.
#pragma once

#include <optional>
#include <string_view>

namespace yanzhen::services {

enum class Role {
    Admin,   ///< everything
    Trainer, ///< the cohorts and sessions assigned to them
    Worker,  ///< their own progress, schedule and certificates
};

/// "admin", "trainer" or "worker": how the role is written in the store, the API and the
/// command line.
constexpr const char* roleName(Role role) {
    switch (role) {
    case Role::Admin: return "admin";
    case Role::Trainer: return "trainer";
    case Role::Worker: return "worker";
    }
    return "worker";
}

/// The role named `name`, or nothing.
constexpr std::optional<Role> parseRole(std::string_view name) {
    for (const Role r : {Role::Admin, Role::Trainer, Role::Worker})
        if (name == roleName(r)) return r;
    return std::nullopt;
}

} // namespace yanzhen::services
