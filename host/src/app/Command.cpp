#include "Command.hpp"

#include "clock/Clock.hpp"

#include <yanzhen/text.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace yanzhen::app {

const std::vector<OptionSpec>& optionSpecs() {
    static const std::vector<OptionSpec> specs{
        {"help", nullptr, false, "show help; after a command, that command's help"},
        {"version", nullptr, false, "print the version"},
        {"json", nullptr, false, "print data as JSON"},
        {"lang", "LANG", false, "language of messages: zh or en (default: from LANG)"},
        {"db", "FILE", false, "the database file (default: yanzhen.db in the current folder)"},
        {"plugins-dir", "DIR", true, "a folder to load plugins from (repeatable)"},
        {"courses-dir", "DIR", true, "a folder to load course files from (repeatable)"},
        {"config-file", "FILE", false, "read settings from a properties file"},
        {"date", "YYYY-MM-DD[THH:MM]", false,
         "pin the clock: today is this day (its 00:00 Beijing time, or the time given), for "
         "tests and demos, not for production (also YANZHEN_DATE); evidence record: the "
         "evidence's day"},
        {"actor", "NAME", false, "who the audit log records (default: cli:<login>)"},
        {"port", "N", false, "serve: the TCP port (default 8080; 0: any free port)"},
        {"bind", "ADDRESS", false, "serve: the address to listen on (default 127.0.0.1)"},
        {"threads", "N", false,
         "serve: connections served at once (default 64); progress --all: passes (default 2)"},
        {"active", "N", false,
         "serve: requests worked on at once, the rest wait in order (default: 4 per core)"},
        {"per-address", "N", false,
         "serve: connections at once from one network address (default: half the threads)"},
        {"all", nullptr, false, "progress: every enrolled worker, in one pass over the evidence"},
        {"bench-endpoints", nullptr, false,
         "serve: also answer GET /bench/bare (bench-only; see bench/README.md)"},
        {"demo", nullptr, false, "init: fill the new database with the demo district"},
        {"seed", "N", false, "init --demo: the random seed (the same seed gives the same data)"},
        {"course", "ID", false, "cohorts create, evidence record: the course"},
        {"name", "TEXT", false, "a name; workers list: a part of the name"},
        {"starts", "WHEN", false, "the start: a date (cohorts) or YYYY-MM-DDTHH:MM (sessions)"},
        {"ends", "WHEN", false, "the end, as --starts"},
        {"capacity", "N", false, "seats (0: unlimited)"},
        {"trainer", "WORKER", true, "a trainer's staff number or id"},
        {"template", "ID", false, "sessions schedule: the course's session template"},
        {"place", "TEXT", false, "sessions schedule: the room or address"},
        {"cohort", "COHORT", false, "a cohort's code or id"},
        {"to", "VERSION", false, "cohorts migrate: the course version (hash or prefix)"},
        {"what-if", nullptr, false,
         "cohorts migrate: show whose status would change; change nothing"},
        {"set", "NAME", false, "cohorts members: the requirement set --status and --sort look at"},
        {"status", "STATUS", false,
         "cohorts members: only met, in_progress, unmet, waived or behind members"},
        {"sort", "ORDER", false, "cohorts members: code (default), name, or fraction"},
        {"dry-run", nullptr, false, "imports: check every row, write nothing"},
        {"post", "KIND", false, "workers list: only people with this post"},
        {"community", "CODE", false, "workers list: only people in this org unit"},
        {"limit", "N", false, "lists: at most N entries"},
        {"offset", "N", false, "lists: skip the first N entries"},
        {"head", "HASH", false, "audit verify: the head hash you kept, to detect a removed tail"},
        {"reason", "TEXT", false, "a reason (corrections, cancellations)"},
        {"worker", "WORKER", false, "a worker's staff number or id"},
        {"module", "ID", false,
         "the course module (evidence record; sessions schedule: must be the template's)"},
        {"kind", "ID", false, "evidence record: the evidence kind"},
        {"ref", "TEXT", false, "evidence record: what the evidence is about"},
        {"field", "NAME=VALUE", true, "evidence record: a field of the kind (repeatable)"},
        {"session", "ID", false, "evidence record: the session it was recorded at"},
        {"correct", "EVIDENCE-ID", false, "evidence record: supersede this row (needs --reason)"},
        {"role", "ROLE", false, "users add: admin, trainer or worker"},
        {"password-stdin", nullptr, false,
         "users add, passwd: read the password from the first line of stdin"},
        {"label", "TEXT", false, "users token: what the API token is for"},
        {"expires-days", "N", false,
         "users token: the token ends after N days (default: when revoked)"},
        {"revoke", "ID", false, "users token: revoke the token or session with this id"},
        {"credential", "ID", false, "certs issue: the course's credential (e.g. district_licence)"},
        {"days", "N", false, "certs expiring: ending within N days (default 90)"},
        {"by", "GROUPING", false, "report licensure: post (default), street or community"},
        {"months", "N", false, "report licensure: the totals at each of the last N month ends"},
        {"csv", "FILE", false, "report licensure: also write the figures as CSV (UTF-8, Excel)"},
        {"xlsx", "FILE", false, "report licensure: also write the figures as an Excel workbook"},
        {"signing-key", "FILE", false,
         "the certificate signing key (default: <db>.signing-key beside the database)"},
        {"public-url", "URL", false,
         "the public address printed on certificates (default http://127.0.0.1:8080)"},
        {"pubkey", "FILE|BASE64", false, "certs verify: the issuer's public key"},
        {"output", "FILE", false, "certs pdf, certs show: write the file here (-o)"},
    };
    return specs;
}

int dispatch(CommandContext& ctx, const char* verb, const char* fallback,
             std::initializer_list<Subcommand> subcommands, void (*usage)(CommandContext& ctx)) {
    if (ctx.help()) {
        usage(ctx);
        return kExitOk;
    }
    if (ctx.args.empty() && fallback == nullptr) {
        usage(ctx);
        return kExitUsage;
    }
    const std::string sub = ctx.args.empty() ? fallback : ctx.args[0];
    std::vector<std::string> names;
    for (const auto& s : subcommands) {
        if (sub == s.name) return s.run(ctx);
        names.emplace_back(s.name);
    }
    const std::string what = std::string(verb) + " " + sub;
    ctx.err << withDidYouMean(Text{"未知的子命令：" + what, "unknown command: " + what}, sub, names)
                   .in(ctx.lang)
            << '\n';
    usage(ctx);
    return kExitUsage;
}

std::int32_t CommandContext::today() const {
    return clock::today();
}

std::string CommandContext::actor() const {
    if (has("actor")) return value("actor");
    const char* user = std::getenv("USER");
    return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

} // namespace yanzhen::app
