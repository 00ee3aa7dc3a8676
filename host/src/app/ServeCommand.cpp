// `yanzhen serve`: the JSON API and the web pages on 127.0.0.1:8080 by default.
// Settings come from options, then environment variables, then the configuration file:
//   --port / YANZHEN_PORT / yanzhen.http.port       (default 8080)
//   --bind / YANZHEN_BIND / yanzhen.http.bind       (default 127.0.0.1)
//   --threads / YANZHEN_THREADS / yanzhen.http.threads (default 64)
//   --active / YANZHEN_ACTIVE / yanzhen.http.active  (default 4 per core)
//   --per-address / YANZHEN_PER_ADDRESS / yanzhen.http.per_address (default half the threads)
//   yanzhen.http.head_seconds (10), yanzhen.http.body_grace_seconds (10),
//   yanzhen.http.body_min_rate (500 bytes a second): the slow-client deadlines (Connection.hpp)
// With no database file yet, it creates one with the demo district and prints the demo logins.
// Certificates are signed with --signing-key / YANZHEN_SIGNING_KEY / yanzhen.signing_key
// (default <db>.signing-key, made when missing) and point at --public-url / YANZHEN_PUBLIC_URL /
// yanzhen.public_url (default http://127.0.0.1:8080).
// --daemon and --pidfile=FILE come from Poco's ServerApplication; SIGTERM stops it cleanly.
// --bench-endpoints (bench-only) adds GET /bench/bare, a body of N bytes with no database work.
// --date=YYYY-MM-DD[THH:MM] / YANZHEN_DATE pins the one clock (tests and demos only): the server
// then lives on that day, starting at its 00:00 Beijing time (or the time given), and says so.

#include "CertSettings.hpp"
#include "Command.hpp"
#include "ConfiguredPaths.hpp"
#include "CourseSubsystem.hpp"
#include "PluginSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "YanzhenApplication.hpp"

#include "clock/Clock.hpp"
#include "http/Api.hpp"
#include "http/HttpServer.hpp"
#include "services/accounts/AccountService.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/standings/StandingRefresher.hpp"
#include "json/ProgressJson.hpp"

#include <Poco/Environment.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

namespace yanzhen::app {

namespace {

/// The setting from the option, else the environment variable, else the configuration file.
std::string setting(CommandContext& ctx, const std::string& option, const std::string& env,
                    const std::string& property, const std::string& fallback) {
    if (ctx.has(option)) return ctx.value(option);
    if (Poco::Environment::has(env)) return Poco::Environment::get(env);
    return ctx.app.config().getString(property, fallback);
}

int number(const std::string& text, const char* name, int min, int max) {
    try {
        const int v = std::stoi(text);
        if (v >= min && v <= max) return v;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument(std::string(name) + " must be a number from " +
                                std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                                text + "'");
}

} // namespace

int runServeCommand(CommandContext& ctx) {
    if (ctx.help()) {
        ctx.out << ctx.say(
            "用法：yanzhen serve [--port N] [--bind 地址] [--threads N] [--active N] [--db 文件] "
            "[--daemon] "
            "[--pidfile 文件]\n"
            "  提供 JSON "
            "API（/api/v1）。设置的优先顺序：选项、环境变量（YANZHEN_PORT、YANZHEN_BIND、\n"
            "  YANZHEN_THREADS、YANZHEN_ACTIVE、YANZHEN_DB）、配置文件（yanzhen.http.port "
            "等）。数据库文件不存在时，\n"
            "  先建好演示数据并打印演示账号。SIGTERM 或 Ctrl-C 平稳停止。\n"
            "  网页（http://地址:端口/）来自程序旁的 share/yanzhen/web，或 YANZHEN_WEB_DIR。\n"
            "  --date=YYYY-MM-DD[THH:MM]（或 YANZHEN_DATE）把时钟定在那一天（北京时间 0 "
            "点或给定时刻）\n"
            "  并从那里走下去：只用于测试和演示，不用于生产。\n"
            "  --per-address N：同一网络地址最多同时 N 个连接（默认线程数的一半），多出的答 503。\n"
            "  请求头须在首字节后 10 秒内到齐，请求体每秒至少 500 字节，否则答 408 并断开。\n",
            "Usage: yanzhen serve [--port N] [--bind ADDRESS] [--threads N] [--active N] [--db "
            "FILE] "
            "[--daemon] "
            "[--pidfile FILE]\n"
            "  Serves the JSON API under /api/v1. Settings: options first, then environment "
            "variables\n"
            "  (YANZHEN_PORT, YANZHEN_BIND, YANZHEN_THREADS, YANZHEN_ACTIVE, YANZHEN_DB), then the "
            "configuration "
            "file\n"
            "  (yanzhen.http.port ...). With no database file yet, it first creates the demo "
            "district\n"
            "  and prints the demo logins. SIGTERM or Ctrl-C stops it cleanly.\n"
            "  The web pages (http://ADDRESS:PORT/) come from share/yanzhen/web beside the "
            "program,\n"
            "  or YANZHEN_WEB_DIR.\n"
            "  --date=YYYY-MM-DD[THH:MM] (or YANZHEN_DATE) pins the clock to that day (its 00:00\n"
            "  Beijing time, or the time given) and runs on from there: for tests and demos, not\n"
            "  for production.\n"
            "  --per-address N: at most N connections at once from one network address (default\n"
            "  half the threads); more are answered 503. A request's head must arrive within 10 s\n"
            "  of its first byte and its body at 500 bytes a second or more, else 408 and "
            "closed.\n");
        return kExitOk;
    }
    auto& store = ctx.app.getSubsystem<StoreSubsystem>();
    if (!std::filesystem::exists(store.file())) {
        ctx.out << ctx.say("数据库 ", "database ") << store.file().string()
                << ctx.say(" 不存在：先建立演示数据\n",
                           " does not exist: creating the demo district first\n");
        std::map<std::string, std::vector<std::string>> initOptions = ctx.options;
        initOptions["demo"] = {""};
        CommandContext init{ctx.app, {}, ctx.lang, initOptions, ctx.out, ctx.err};
        if (const int rc = runInitCommand(init); rc != kExitOk) return rc;
    }

    http::ServerConfig config;
    config.bind = setting(ctx, "bind", "YANZHEN_BIND", "yanzhen.http.bind", "127.0.0.1");
    config.port = static_cast<unsigned short>(number(
        setting(ctx, "port", "YANZHEN_PORT", "yanzhen.http.port", "8080"), "port", 0, 65535));
    config.threads =
        number(setting(ctx, "threads", "YANZHEN_THREADS", "yanzhen.http.threads", "64"), "threads",
               2, 1024);
    // Threads wait on connections; only this many requests are worked on at once (four per
    // core by default: fewer left cores idle while the next request was being woken), the
    // others wait their turn in arrival order (http/AdmissionGate.hpp).
    const std::string cores = std::to_string(4 * std::max(1U, std::thread::hardware_concurrency()));
    config.limits.activeRequests = static_cast<std::size_t>(number(
        setting(ctx, "active", "YANZHEN_ACTIVE", "yanzhen.http.active", cores), "active", 1, 1024));

    // Slow clients: a cap per address (so that one address cannot hold every thread) and the
    // head and body deadlines (http/Connection.hpp).
    config.connections.perAddress = static_cast<std::size_t>(
        number(setting(ctx, "per-address", "YANZHEN_PER_ADDRESS", "yanzhen.http.per_address",
                       std::to_string(std::max(1, config.threads / 2))),
               "per-address", 1, 1024));
    config.connections.headSeconds =
        ctx.app.config().getInt("yanzhen.http.head_seconds", config.connections.headSeconds);
    config.connections.bodyGraceSeconds = ctx.app.config().getInt(
        "yanzhen.http.body_grace_seconds", config.connections.bodyGraceSeconds);
    config.connections.bodyMinBytesPerSecond =
        static_cast<std::size_t>(ctx.app.config().getInt("yanzhen.http.body_min_rate", 500));

    // The web pages beside the executable (share/yanzhen/web), or YANZHEN_WEB_DIR /
    // yanzhen.web.dir; without that folder the server answers the API alone.
    if (Poco::Environment::has("YANZHEN_WEB_DIR"))
        config.webRoot = std::filesystem::absolute(Poco::Environment::get("YANZHEN_WEB_DIR"));
    else
        config.webRoot = configuredPaths(ctx.app.config(), "yanzhen.web.dir",
                                         std::filesystem::path("..") / "share" / "yanzhen" / "web")
                             .front();
    if (!std::filesystem::is_directory(config.webRoot)) {
        ctx.err << ctx.say("未找到网页目录 ", "no web pages folder ") << config.webRoot.string()
                << ctx.say("：只提供 API\n", ": serving the API only\n");
        config.webRoot.clear();
    }

    auto& courses = ctx.app.getSubsystem<CourseSubsystem>();
    // Certificates: the signing key (made now for a database from before certificates) and the
    // public address their QR codes point at (--public-url / YANZHEN_PUBLIC_URL). Device cookies
    // are sealed with a key derived from it, so that a restart keeps them good.
    const auto signingKey = signingKeyFile(ctx);
    const auto key = services::SigningKey::ensure(signingKey);
    services::LoginThrottle throttle;
    services::AccountService accounts(store.store(), throttle, clock::now,
                                      key.derivedKey("yanzhen device cookies v1"));
    http::ApiServices api{store.store(), ctx.app.getSubsystem<PluginSubsystem>().registry(),
                          courses.catalog(), courses.versions(), accounts};
    api.signingKey = signingKey;
    api.publicUrl = publicUrl(ctx);
    // Behind https the session cookie is Secure and __Host- (the login route sets it so).
    if (http::servedOverHttps(api.publicUrl)) config.sessionCookie = http::kSecureSessionCookie;
    http::Router router;
    http::registerRoutes(router, api);
    // Bench-only (bench/run.sh): the bare endpoint the progress figures are compared with.
    if (ctx.has("bench-endpoints")) http::addBenchRoutes(router);
    http::Authenticator authenticator{
        [&accounts](const std::string& token) -> std::optional<http::Principal> {
            const auto p = accounts.authenticate(token);
            if (!p) return std::nullopt;
            return http::Principal{p->accountId, p->username, p->role, p->personId, false, ""};
        },
        [&accounts](const std::string& session, const std::string& csrf) {
            return accounts.checkCsrf(session, csrf);
        }};
    // A plugin refused is a module missing from every course that uses it: say so at start-up,
    // one line each, before anything is served (`yanzhen plugins` says it again, in full).
    for (const auto& refusal : ctx.app.getSubsystem<PluginSubsystem>().registry().refusals())
        ctx.err << ctx.say("插件未加载：", "plugin refused: ") << refusal.line(ctx.lang) << '\n';
    ctx.err.flush();
    // The kept standings' refresher: recomputes in the background what writes marked stale or
    // what ran out, so that reads find it fresh (a read never waits for it).
    services::StandingRefresher refresher(store.store(), courses.versions(), json::cohortEntry,
                                          [] { return clock::today(); });
    http::HttpServer server(router, authenticator, config);
    server.start();
    // One write, so that a reader of the pipe never sees the first line without the second.
    std::ostringstream started;
    started << ctx.say("雁阵已启动：", "Yanzhen is serving ") << "http://" << config.bind << ":"
            << server.port() << "/  (" << ctx.say("数据库 ", "database ") << store.file().string()
            << ")\n"
            << ctx.say("健康检查：", "health: ") << "http://" << config.bind << ":" << server.port()
            << "/healthz\n";
    if (clock::pinned())
        started << ctx.say("时钟定在 ", "the clock is pinned to ")
                << clock::formatBeijingMinute(clock::now())
                << ctx.say("（北京时间；--date 或 YANZHEN_DATE）：不用于生产\n",
                           " Beijing time (--date or YANZHEN_DATE): not for production\n");
    ctx.out << started.str();
    ctx.out.flush();
    ctx.app.waitForStop();
    ctx.out << ctx.say("正在停止……\n", "stopping...\n");
    server.stop();
    return kExitOk;
}

} // namespace yanzhen::app
