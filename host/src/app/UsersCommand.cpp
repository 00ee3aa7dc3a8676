// `yanzhen users add|passwd|disable|list|token`: the accounts that log in to the web pages and
// the API. A password is read from the first line of stdin (--password-stdin, for scripts and
// pipes) or generated and printed once; an API token is printed once. Neither can be shown
// again: the database keeps only hashes.

#include "Command.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/accounts/AccountService.hpp"
#include "services/accounts/Secrets.hpp"
#include "json/DescribeRecords.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <iostream>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen users add 用户名 --role admin|trainer|worker [--worker 工号] [--password-stdin] "
        "[--json]\n"
        "  yanzhen users passwd 用户名 [--password-stdin] [--json]   "
        "设置新密码（并退出该账号的网页登录）\n"
        "  yanzhen users disable 用户名                             "
        "停用账号，撤销其全部登录和令牌\n"
        "  yanzhen users list [--json]                              全部账号\n"
        "  yanzhen users token 用户名 --label 用途 [--expires-days N] [--json]   新建 API 令牌\n"
        "  yanzhen users token 用户名 --revoke 编号                  撤销令牌或登录\n"
        "  yanzhen users token 用户名 [--json]                       该账号的令牌和登录\n"
        "--password-stdin 从标准输入的第一行读取密码（至少 10 "
        "个字符）；不加时生成一个强密码并只显示这一次。\n"
        "学员（worker）账号必须用 --worker "
        "关联人员；培训师（trainer）账号也应关联。令牌只显示这一次。\n",
        "Usage:\n"
        "  yanzhen users add USERNAME --role admin|trainer|worker [--worker STAFFNO] "
        "[--password-stdin] [--json]\n"
        "  yanzhen users passwd USERNAME [--password-stdin] [--json]  set a new password (ends its "
        "web logins)\n"
        "  yanzhen users disable USERNAME                            disable; revoke all its "
        "logins and tokens\n"
        "  yanzhen users list [--json]                               every account\n"
        "  yanzhen users token USERNAME --label TEXT [--expires-days N] [--json]   make an API "
        "token\n"
        "  yanzhen users token USERNAME --revoke ID                  revoke a token or a login\n"
        "  yanzhen users token USERNAME [--json]                     the account's tokens and "
        "logins\n"
        "--password-stdin reads the password from the first line of stdin (at least 10 "
        "characters); without it\n"
        "a strong password is generated and shown only this once. A worker account must be linked "
        "to a person\n"
        "with --worker; a trainer account should be. A token is shown only this once.\n");
}

/// The service for one command. The command line never logs in, so its throttle stays idle.
struct Accounts {
    explicit Accounts(CommandContext& ctx)
        : service(ctx.app.getSubsystem<StoreSubsystem>().store(), throttle) {}
    services::LoginThrottle throttle;
    services::AccountService service;
};

/// The one USERNAME the subcommand takes; nothing (and a message) when it is missing.
std::optional<std::string> username(CommandContext& ctx) {
    if (ctx.args.size() == 2) return ctx.args[1];
    ctx.err << ctx.say("users ", "users ") << ctx.args[0]
            << ctx.say(" 需要一个用户名\n", " needs one USERNAME\n");
    return std::nullopt;
}

/// The password from the first line of stdin (its line end removed), or nothing when stdin is
/// empty. Never echoed: it comes through a pipe.
std::optional<std::string> passwordFromStdin(CommandContext& ctx) {
    std::string line;
    if (!std::getline(std::cin, line)) {
        ctx.err << ctx.say("--password-stdin：标准输入中没有密码\n",
                           "--password-stdin: no password on stdin\n");
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

/// A whole number option; nothing (and a message) when it is not one.
std::optional<long long> number(CommandContext& ctx, const std::string& option) {
    const std::string v = ctx.value(option);
    try {
        std::size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size()) return n;
    } catch (const std::exception&) {
    }
    ctx.err << "--" << option << ctx.say(" 应为整数\n", " must be a whole number\n");
    return std::nullopt;
}

void printJson(CommandContext& ctx, const Poco::JSON::Object& o) {
    o.stringify(ctx.out, 2);
    ctx.out << '\n';
}

int refused(CommandContext& ctx, const services::AccountRefused& e) {
    ctx.err << e.message.in(ctx.lang) << '\n';
    return kExitFailure;
}

int add(CommandContext& ctx) {
    const auto name = username(ctx);
    if (!name) return kExitUsage;
    if (!ctx.has("role")) {
        ctx.err << ctx.say("users add 需要 --role admin|trainer|worker\n",
                           "users add needs --role admin|trainer|worker\n");
        return kExitUsage;
    }
    services::NewAccount request{*name, ctx.value("role"), std::nullopt, ""};
    if (ctx.has("worker")) request.person = ctx.value("worker");
    const bool generated = !ctx.has("password-stdin");
    if (generated) {
        request.password = services::generatePassword();
    } else {
        const auto password = passwordFromStdin(ctx);
        if (!password) return kExitUsage;
        request.password = *password;
    }
    Accounts accounts(ctx);
    services::AccountInfo created;
    try {
        created = accounts.service.createAccount(request, ctx.actor());
    } catch (const services::AccountRefused& e) {
        return refused(ctx, e);
    }
    if (services::parseRole(created.role) == services::Role::Trainer && !created.personId)
        ctx.err << ctx.say(
            "注意：培训师账号未关联人员，看不到分配给他的期和课次（--worker）\n",
            "note: a trainer account without a person sees no cohorts or sessions (--worker)\n");
    if (ctx.json()) {
        Poco::JSON::Object o;
        o.set("id", created.id);
        o.set("username", created.username);
        o.set("role", created.role);
        if (created.personId) o.set("person", created.personCode);
        if (generated) o.set("password", request.password);
        printJson(ctx, o);
        return kExitOk;
    }
    ctx.out << ctx.say("已创建账号 ", "created account ") << created.username << " ("
            << created.role << ", id " << created.id
            << (created.personId ? ", " + created.personName + " " + created.personCode : "")
            << ")";
    if (!generated) {
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << ctx.say("；初始密码如下，只显示这一次：\n",
                       "; its password, shown only this once:\n")
            << request.password << '\n';
    return kExitOk;
}

int passwd(CommandContext& ctx) {
    const auto name = username(ctx);
    if (!name) return kExitUsage;
    const bool generated = !ctx.has("password-stdin");
    std::string password;
    if (generated) {
        password = services::generatePassword();
    } else {
        const auto read = passwordFromStdin(ctx);
        if (!read) return kExitUsage;
        password = *read;
    }
    Accounts accounts(ctx);
    std::size_t ended = 0;
    try {
        ended = accounts.service.changePassword(*name, password, ctx.actor());
    } catch (const services::AccountRefused& e) {
        return refused(ctx, e);
    }
    if (ctx.json()) {
        Poco::JSON::Object o;
        o.set("username", *name);
        o.set("sessions_ended", static_cast<Poco::UInt64>(ended));
        if (generated) o.set("password", password);
        printJson(ctx, o);
        return kExitOk;
    }
    ctx.out << ctx.say("已设置新密码，退出了 ", "password set; ") << ended
            << ctx.say(" 个网页登录", ended == 1 ? " web login ended" : " web logins ended");
    if (!generated) {
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << ctx.say("；新密码如下，只显示这一次：\n",
                       "; the new password, shown only this once:\n")
            << password << '\n';
    return kExitOk;
}

int disable(CommandContext& ctx) {
    const auto name = username(ctx);
    if (!name) return kExitUsage;
    Accounts accounts(ctx);
    try {
        const bool changed = accounts.service.disableAccount(*name, ctx.actor());
        ctx.out << (changed ? ctx.say("已停用账号 ", "disabled the account ")
                            : ctx.say("账号本已停用：", "the account was already disabled: "))
                << *name << '\n';
    } catch (const services::AccountRefused& e) {
        return refused(ctx, e);
    }
    return kExitOk;
}

int list(CommandContext& ctx) {
    Accounts accounts(ctx);
    const auto all = accounts.service.listAccounts();
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& a : all) {
            items->add(json::describe(a));
        }
        root.set("items", items);
        root.set("total", static_cast<Poco::UInt64>(all.size()));
        printJson(ctx, root);
        return kExitOk;
    }
    TextTable table = ctx.zh()
                          ? TextTable({"ID", "用户名", "角色", "人员", "状态", "创建于"})
                          : TextTable({"ID", "USERNAME", "ROLE", "PERSON", "STATUS", "CREATED"});
    for (const auto& a : all)
        table.add({std::to_string(a.id), a.username, a.role,
                   a.personId ? a.personName + " " + a.personCode : "-",
                   a.disabled ? ctx.say("已停用", "disabled") : ctx.say("正常", "active"),
                   a.createdAt});
    table.print(ctx.out);
    ctx.out << (ctx.zh() ? "共 " + std::to_string(all.size()) + " 个账号\n"
                         : std::to_string(all.size()) + " accounts\n");
    return kExitOk;
}

int listTokens(CommandContext& ctx, services::AccountService& service, const std::string& name) {
    const auto tokens = service.listTokens(name);
    if (ctx.json()) {
        Poco::JSON::Object root;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& t : tokens) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", t.id);
            o->set("kind", t.kind);
            if (!t.label.empty()) o->set("label", t.label);
            o->set("created_at", t.createdAt);
            if (!t.expiresAt.empty()) o->set("expires_at", t.expiresAt);
            if (!t.lastUsedAt.empty()) o->set("last_used_at", t.lastUsedAt);
            if (!t.revokedAt.empty()) o->set("revoked_at", t.revokedAt);
            o->set("active", t.active);
            items->add(o);
        }
        root.set("items", items);
        printJson(ctx, root);
        return kExitOk;
    }
    TextTable table =
        ctx.zh() ? TextTable({"ID", "类型", "用途", "创建于", "到期", "最近使用", "状态"})
                 : TextTable({"ID", "KIND", "LABEL", "CREATED", "EXPIRES", "LAST USED", "STATUS"});
    for (const auto& t : tokens) {
        const std::string kind =
            t.kind == "api" ? ctx.say("API 令牌", "API token") : ctx.say("网页登录", "web login");
        const std::string status = !t.revokedAt.empty() ? ctx.say("已撤销", "revoked")
                                   : t.active           ? ctx.say("有效", "active")
                                                        : ctx.say("已过期", "expired");
        table.add({std::to_string(t.id), kind, t.label.empty() ? "-" : t.label, t.createdAt,
                   t.expiresAt.empty() ? ctx.say("不过期", "never") : t.expiresAt,
                   t.lastUsedAt.empty() ? "-" : t.lastUsedAt, status});
    }
    table.print(ctx.out);
    return kExitOk;
}

int token(CommandContext& ctx) {
    const auto name = username(ctx);
    if (!name) return kExitUsage;
    if (ctx.has("revoke") && ctx.has("label")) {
        ctx.err << ctx.say("--revoke 和 --label 只能用一个\n",
                           "use --revoke or --label, not both\n");
        return kExitUsage;
    }
    Accounts accounts(ctx);
    try {
        if (ctx.has("revoke")) {
            const auto id = number(ctx, "revoke");
            if (!id) return kExitUsage;
            const bool revoked = accounts.service.revokeToken(*id, ctx.actor(), *name);
            ctx.out << (revoked ? ctx.say("已撤销令牌 ", "revoked token ")
                                : ctx.say("令牌本已撤销：", "the token was already revoked: "))
                    << *id << '\n';
            return kExitOk;
        }
        if (!ctx.has("label")) return listTokens(ctx, accounts.service, *name);
        std::optional<int> days;
        if (ctx.has("expires-days")) {
            const auto n = number(ctx, "expires-days");
            if (!n) return kExitUsage;
            // Out of range values go to the service as they are, which says what is allowed.
            days = static_cast<int>(
                std::clamp<long long>(*n, -1, services::AccountService::kMaxTokenDays + 1));
        }
        const auto created =
            accounts.service.createToken(*name, ctx.value("label"), days, ctx.actor());
        if (ctx.json()) {
            Poco::JSON::Object o;
            o.set("id", created.id);
            o.set("token", created.token);
            if (!created.expiresAt.empty()) o.set("expires_at", created.expiresAt);
            printJson(ctx, o);
            return kExitOk;
        }
        const std::string expiry =
            created.expiresAt.empty()
                ? ""
                : ctx.say("（到期 ", " (expires ") + created.expiresAt + ctx.say("）", ")");
        if (ctx.zh())
            ctx.out << "已为 " << *name << " 创建 API 令牌 " << created.id << expiry
                    << "；令牌如下，只显示这一次：\n";
        else
            ctx.out << "API token " << created.id << " for " << *name << expiry
                    << "; shown only this once:\n";
        ctx.out << created.token << '\n';
        return kExitOk;
    } catch (const services::AccountRefused& e) {
        return refused(ctx, e);
    }
}

} // namespace

int runUsersCommand(CommandContext& ctx) {
    return dispatch(
        ctx, "users", "list",
        {{"add", add}, {"passwd", passwd}, {"disable", disable}, {"list", list}, {"token", token}},
        printUsage);
}

} // namespace yanzhen::app
