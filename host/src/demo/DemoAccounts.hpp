/// \file DemoAccounts.hpp
/// The logins of the demo district: one admin, one trainer of the running cohort, one worker in
/// it, and one worker who holds a licence in force (the `holder`). Their passwords are printed by
/// `yanzhen init --demo` and `yanzhen serve`; they exist only in a demo database, never in one made
/// without --demo.
#pragma once

#include "services/accounts/AccountService.hpp"

#include "store/Store.hpp"

#include <string>
#include <vector>

namespace yanzhen::demo {

struct DemoLogin {
    std::string username;
    std::string password;
    std::string role;
    std::string personCode; ///< empty for the admin
    std::string personName;
};

/// Creates the demo logins (after populateDemo committed). `workerCode` is the worker to log in
/// as (a member of the running cohort); the trainer is the first trainer of that cohort;
/// `holderCode` the certificate holder (no holder login when empty). Throws
/// services::AccountRefused when an account exists already.
std::vector<DemoLogin> createDemoLogins(store::Store& store, services::AccountService& accounts,
                                        const std::string& workerCode,
                                        const std::string& holderCode, const std::string& actor);

} // namespace yanzhen::demo
