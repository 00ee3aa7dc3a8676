// AccountService, first half: accounts and their passwords. The second half (sessions, API
// tokens, logging in) is AccountTokens.cpp.

#include "services/accounts/AccountService.hpp"

#include "services/accounts/AccountValues.hpp"
#include "services/accounts/Secrets.hpp"

#include <Poco/JSON/Object.h>

#include <algorithm>

namespace yanzhen::services {

using namespace account_values;

namespace {

void checkPassword(const std::string& password) {
    if (password.size() > AccountService::kMaxPasswordBytes)
        throw AccountRefused("password_too_long",
                             Text{"密码最长 1024 字节", "a password is at most 1024 bytes"});
    if (codePoints(password) < AccountService::kMinPasswordLength)
        throw AccountRefused("password_too_short", Text{"密码至少要 10 个字符",
                                                        "a password needs at least 10 characters"});
}

} // namespace

AccountRefused::AccountRefused(std::string c, Text m)
    : std::runtime_error(m.en), code(std::move(c)), message(std::move(m)) {}

AccountService::AccountService(store::Store& store, LoginThrottle& throttle, Clock clock,
                               std::string deviceKey)
    : store_(store), throttle_(throttle), clock_(std::move(clock)), devices_(std::move(deviceKey)) {
}

std::string AccountService::now() const {
    return formatInstant(clock_());
}

AccountInfo AccountService::createAccount(const NewAccount& request, const std::string& actor) {
    const std::string username = normalizeUsername(request.username);
    if (!validUsername(username))
        throw AccountRefused(
            "bad_username",
            Text{
                "用户名须为 2 到 64 个字符：小写字母、数字、点、下划线或连字符，以字母或数字开头",
                "a username is 2 to 64 characters: letters, digits, '.', '_' or '-', starting with "
                "a letter or a digit"});
    static const std::vector<std::string> roles{roleName(Role::Admin), roleName(Role::Trainer),
                                                roleName(Role::Worker)};
    const auto role = parseRole(request.role);
    if (!role)
        throw AccountRefused(
            "bad_role",
            withDidYouMean(
                Text{"角色须为 admin、trainer 或 worker，而不是“" + request.role + "”",
                     "the role must be admin, trainer or worker, not '" + request.role + "'"},
                request.role, roles));
    if (role == Role::Worker && !request.person)
        throw AccountRefused("person_required",
                             Text{"学员（worker）账号必须关联一个人员",
                                  "a worker account must be linked to a person"});
    checkPassword(request.password);
    // Hashing takes a while: done before the write, so that other writers need not wait for it.
    const std::string hash = hashPassword(request.password);

    AccountInfo created;
    store_.write(actor, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        auto& people = unit.people();
        if (accounts.findByUsername(username))
            throw AccountRefused("username_taken", Text{"用户名已被使用：" + username,
                                                        "the username is taken: " + username});
        std::optional<store::Person> person;
        if (request.person) {
            person = people.resolve(*request.person);
            if (!person)
                throw AccountRefused("unknown_person", Text{"没有这个人员：" + *request.person,
                                                            "no such person: " + *request.person});
            if (const auto other = accounts.findByPerson(person->id))
                throw AccountRefused(
                    "person_has_account",
                    Text{person->name + "（" + person->code + "）已有账号 " + other->username,
                         person->name + " (" + person->code + ") already has the account " +
                             other->username});
        }
        store::Account a;
        a.username = username;
        a.role = request.role;
        if (person) a.personId = person->id;
        a.passwordHash = hash;
        a.id = accounts.add(a);
        a.createdAt = unit.now();
        Poco::JSON::Object details;
        details.set("username", username);
        details.set("role", a.role);
        if (person) details.set("person", person->code);
        unit.audit("account.create", "account", std::to_string(a.id), details);
        created = describe(a, people);
    });
    return created;
}

std::size_t AccountService::changePassword(const std::string& username, const std::string& password,
                                           const std::string& actor) {
    const std::string name = normalizeUsername(username);
    checkPassword(password);
    const std::string hash = hashPassword(password);
    std::size_t ended = 0;
    store_.write(actor, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        const auto a = accounts.findByUsername(name);
        if (!a) throw unknownAccount(name);
        accounts.setPasswordHash(a->id, hash);
        // Whoever knew the old password may be logged in with it: they are logged out.
        ended = accounts.revokeTokensOf(a->id, std::string("session"), now());
        Poco::JSON::Object details;
        details.set("username", name);
        details.set("sessions_ended", static_cast<Poco::UInt64>(ended));
        unit.audit("account.passwd", "account", std::to_string(a->id), details);
    });
    return ended;
}

bool AccountService::disableAccount(const std::string& username, const std::string& actor) {
    const std::string name = normalizeUsername(username);
    bool changed = false;
    store_.write(actor, [&](store::WriteUnit& unit) {
        auto& accounts = unit.accounts();
        const auto a = accounts.findByUsername(name);
        if (!a) throw unknownAccount(name);
        if (a->disabled) return;
        accounts.setDisabled(a->id, true);
        // authenticate() refuses a disabled account's tokens anyway; revoking them as well
        // keeps them dead should the account ever be enabled again.
        const std::size_t revoked = accounts.revokeTokensOf(a->id, std::nullopt, now());
        Poco::JSON::Object details;
        details.set("username", name);
        details.set("tokens_revoked", static_cast<Poco::UInt64>(revoked));
        unit.audit("account.disable", "account", std::to_string(a->id), details);
        changed = true;
    });
    return changed;
}

std::optional<AccountInfo> AccountService::findAccount(const std::string& username) {
    auto r = store_.read();
    const auto a = r->accounts().findByUsername(normalizeUsername(username));
    if (!a) return std::nullopt;
    return describe(*a, r->people());
}

std::vector<AccountInfo> AccountService::listAccounts() {
    auto r = store_.read();
    std::vector<AccountInfo> out;
    for (const auto& a : r->accounts().list())
        out.push_back(describe(a, r->people()));
    return out;
}

} // namespace yanzhen::services
