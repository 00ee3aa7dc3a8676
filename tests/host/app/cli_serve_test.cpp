// `yanzhen serve` as a person runs it: the real executable in its own process, in a temporary
// folder, with the shipped courses and plugins, called over HTTP the way curl would, and
// stopped with SIGTERM as a service manager does.

#include "RunCommand.hpp"
#include "ServeProcess.hpp"
#include "TempDatabase.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <algorithm>

#include <sys/prctl.h>
#include <sys/wait.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

using yanzhen::testsupport::runCommand;
using yanzhen::testsupport::TempFolder;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

/// `yanzhen ARGS...` in `cwd`, in the background.
class ServeProcess : public yanzhen::testsupport::ServeProcess {
public:
    ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                 const std::map<std::string, std::string>& env = {})
        : yanzhen::testsupport::ServeProcess(kYanzhen, args, cwd, env) {}

    /// The port it serves on; 0 (and a failure) when it did not say within a minute.
    unsigned short servingPort() {
        const unsigned short p = port();
        if (p == 0) ADD_FAILURE() << "no serving line; out:\n" << out() << "\nerr:\n" << err();
        return p;
    }
};

/// One answer over HTTP.
struct Answer {
    int status = 0;
    std::string body;
    std::string sessionCookie;

    Poco::JSON::Object::Ptr object() const {
        try {
            return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception&) {
            ADD_FAILURE() << "not a JSON object (status " << status << "): " << body;
            return new Poco::JSON::Object;
        }
    }
};

/// A request to 127.0.0.1:`port`, as curl would send it; status 0 when nobody answers.
Answer call(unsigned short port, const std::string& method, const std::string& path,
            const std::string& body = "", const std::string& cookie = "") {
    Answer a;
    try {
        Poco::Net::HTTPClientSession client("127.0.0.1", port);
        client.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept-Language", "en");
        if (!cookie.empty()) {
            Poco::Net::NameValueCollection cookies;
            cookies.add("yz_session", cookie);
            req.setCookies(cookies);
        }
        if (!body.empty()) {
            req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        client.sendRequest(req) << body;
        Poco::Net::HTTPResponse res;
        std::istream& in = client.receiveResponse(res);
        Poco::StreamCopier::copyToString(in, a.body);
        a.status = static_cast<int>(res.getStatus());
        std::vector<Poco::Net::HTTPCookie> cookies;
        res.getCookies(cookies);
        for (const auto& c : cookies)
            if (c.getName() == "yz_session") a.sessionCookie = c.getValue();
    } catch (const Poco::Exception&) { // nobody listening (yet): status 0
    }
    return a;
}

/// /healthz until it answers 200, for up to `timeout`.
bool healthy(unsigned short port, seconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (call(port, "GET", "/healthz").status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

/// `n` different ports nobody listens on right now.
std::vector<unsigned short> freePorts(std::size_t n) {
    std::vector<Poco::Net::ServerSocket> held;
    std::vector<unsigned short> ports;
    for (std::size_t i = 0; i < n; ++i) {
        held.emplace_back(Poco::Net::SocketAddress("127.0.0.1", 0));
        ports.push_back(held.back().address().port());
    }
    return ports;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// A plain database (no demo) at `file`, as `yanzhen init` makes it.
void initDatabase(const std::filesystem::path& file) {
    const auto r =
        runCommand(kYanzhen, {"init", "--db", file.string(), "--lang=en"}, file.parent_path());
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
}

TEST(CliServe, WithNoDatabaseItBuildsTheDemoAndTheLoginsItPrintsWork) {
    TempFolder folder;
    ServeProcess serve({"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en"}, folder.path());
    const unsigned short port = serve.servingPort();
    ASSERT_NE(port, 0);
    // The health line follows the serving line; wait for it rather than race the pipe.
    EXPECT_TRUE(
        serve.waitFor(std::regex(R"(health: http://127\.0\.0\.1:[0-9]+/healthz)"), seconds(10))
            .has_value());
    const std::string out = serve.out();
    EXPECT_TRUE(contains(out, "does not exist: creating the demo district first")) << out;
    EXPECT_TRUE(contains(out, "5 of touyan-linghang (TY-1 to TY-5)")) << out;
    EXPECT_TRUE(contains(out, "health: http://127.0.0.1:" + std::to_string(port) + "/healthz"))
        << out;
    EXPECT_TRUE(std::filesystem::exists(folder / "yanzhen.db"));

    const auto health = call(port, "GET", "/healthz");
    ASSERT_EQ(health.status, 200) << health.body;
    EXPECT_EQ(health.object()->getValue<std::string>("status"), "ok");
    EXPECT_EQ(health.object()->getValue<std::string>("database"), "ok");

    // "  admin / demo-admin-2025  (admin)": each printed login logs in, with its role.
    ASSERT_TRUE(contains(out, "Demo logins (for the demo data only):")) << out;
    const std::regex login(R"(\n  (\S+) / (\S+)  \((admin|trainer|worker))");
    std::map<std::string, std::string> cookies;
    for (auto it = std::sregex_iterator(out.begin(), out.end(), login);
         it != std::sregex_iterator(); ++it) {
        const std::string username = (*it)[1];
        const auto r =
            call(port, "POST", "/api/v1/auth/login",
                 R"({"username": ")" + username + R"(", "password": ")" + (*it)[2].str() + R"("})");
        ASSERT_EQ(r.status, 200) << username << ": " << r.body;
        EXPECT_EQ(r.object()->getObject("account")->getValue<std::string>("role"), (*it)[3].str());
        EXPECT_FALSE(r.sessionCookie.empty());
        cookies[(*it)[3]] = r.sessionCookie;
    }
    ASSERT_EQ(cookies.size(), 3u) << out;
    // The admin sees the five demo cohorts; the worker is refused them.
    const auto cohorts = call(port, "GET", "/api/v1/cohorts", "", cookies["admin"]);
    ASSERT_EQ(cohorts.status, 200) << cohorts.body;
    EXPECT_EQ(cohorts.object()->getValue<int>("total"), 5);
    EXPECT_EQ(call(port, "GET", "/api/v1/cohorts", "", cookies["worker"]).status, 403);
    // A wrong password is refused.
    EXPECT_EQ(call(port, "POST", "/api/v1/auth/login",
                   R"({"username": "admin", "password": "not-the-password"})")
                  .status,
              401);

    EXPECT_EQ(serve.terminate(), 0) << serve.out() << serve.err();
    EXPECT_TRUE(contains(serve.out(), "stopping...")) << serve.out();
    EXPECT_EQ(call(port, "GET", "/healthz").status, 0) << "nobody answers after the stop";
}

TEST(CliServe, ThePortComesFromTheOptionThenTheEnvironmentThenTheConfigurationFile) {
    ::unsetenv("YANZHEN_PORT"); // what this test process was given must not count
    TempFolder folder;
    initDatabase(folder / "yanzhen.db");
    const auto ports = freePorts(3);
    {
        std::ofstream config(folder / "yanzhen.properties");
        config << "yanzhen.http.port = " << ports[0] << '\n';
    }
    const std::vector<std::string> base = {"serve", "--config-file", "yanzhen.properties",
                                           "--db",  "yanzhen.db",    "--lang=en"};
    const std::map<std::string, std::string> env = {{"YANZHEN_PORT", std::to_string(ports[1])}};
    struct Case {
        const char* what;
        std::vector<std::string> args;
        std::map<std::string, std::string> env;
        unsigned short port;
    };
    std::vector<std::string> withOption = base;
    withOption.insert(withOption.end(), {"--port", std::to_string(ports[2])});
    for (const auto& c : {Case{"the configuration file", base, {}, ports[0]},
                          Case{"the environment over the file", base, env, ports[1]},
                          Case{"the option over both", withOption, env, ports[2]}}) {
        ServeProcess serve(c.args, folder.path(), c.env);
        EXPECT_EQ(serve.servingPort(), c.port) << c.what;
        EXPECT_EQ(call(c.port, "GET", "/healthz").status, 200) << c.what;
        EXPECT_EQ(serve.terminate(), 0) << c.what << ": " << serve.err();
    }

    // A port that is no port is refused, naming the setting.
    ServeProcess bad({"serve", "--port", "80000", "--db", "yanzhen.db", "--lang=en"},
                     folder.path());
    EXPECT_EQ(bad.wait(seconds(30)), 1);
    EXPECT_TRUE(contains(bad.err(), "port must be a number from 0 to 65535")) << bad.err();
}

TEST(CliServe, TheClockIsPinnedByDateThenByTheEnvironmentAndTheServerSaysSo) {
    TempFolder folder;
    initDatabase(folder / "yanzhen.db");
    const auto added = runCommand(
        kYanzhen, {"users", "add", "keeper", "--role", "admin", "--db", "yanzhen.db", "--json"},
        folder.path());
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const std::string password = Poco::JSON::Parser()
                                     .parse(added.out)
                                     .extract<Poco::JSON::Object::Ptr>()
                                     ->getValue<std::string>("password");
    // What the server says today is, to a logged-in caller (the pages reckon dates from it).
    const auto serverDay = [&](unsigned short port) {
        const auto login = call(port, "POST", "/api/v1/auth/login",
                                R"({"username": "keeper", "password": ")" + password + R"("})");
        EXPECT_EQ(login.status, 200) << login.body;
        const auto me = call(port, "GET", "/api/v1/auth/me", "", login.sessionCookie);
        EXPECT_EQ(me.status, 200) << me.body;
        return std::pair{me.object()->optValue<std::string>("today", ""),
                         me.object()->optValue<std::string>("now", "")};
    };
    {
        // --date with a time: the clock starts there (Beijing time) and runs on.
        ServeProcess serve(
            {"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en", "--date=2025-03-01T09:30"},
            folder.path());
        const unsigned short port = serve.servingPort();
        ASSERT_NE(port, 0);
        EXPECT_TRUE(serve.waitFor(std::regex("the clock is pinned to 2025-03-01T09:3[0-9] Beijing "
                                             "time \\(--date or YANZHEN_DATE\\): not for "
                                             "production"),
                                  seconds(10)))
            << serve.out();
        const auto [today, now] = serverDay(port);
        EXPECT_EQ(today, "2025-03-01");
        EXPECT_EQ(now.substr(0, 15), "2025-03-01T01:3") << "09:3x Beijing time is 01:3x UTC";
        EXPECT_EQ(serve.terminate(), 0) << serve.err();
    }
    {
        // No --date: YANZHEN_DATE, which this test process set to the test day for its children.
        ServeProcess serve({"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en"},
                           folder.path(), {{"YANZHEN_DATE", "2031-07-15"}});
        const unsigned short port = serve.servingPort();
        ASSERT_NE(port, 0);
        EXPECT_EQ(serverDay(port).first, "2031-07-15");
        EXPECT_EQ(serve.terminate(), 0) << serve.err();
    }
    // A date that is no date is refused before anything starts, naming where it came from.
    ServeProcess bad(
        {"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en", "--date=2025-02-30"},
        folder.path());
    EXPECT_EQ(bad.wait(seconds(30)), 2);
    EXPECT_TRUE(contains(bad.err(), "--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (Beijing time), "
                                    "found '2025-02-30'"))
        << bad.err();
    ServeProcess badEnv({"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en"}, folder.path(),
                        {{"YANZHEN_DATE", "tomorrow"}});
    EXPECT_EQ(badEnv.wait(seconds(30)), 2);
    EXPECT_TRUE(contains(badEnv.err(), "YANZHEN_DATE must be")) << badEnv.err();
}

TEST(CliServe, AsADaemonItWritesItsPidFileServesAndStopsCleanlyOnSigterm) {
    // The daemon is the launcher's child; becoming the subreaper makes it ours once the
    // launcher exits, so that its exit status can be read.
    const bool subreaper = ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
    TempFolder folder;
    // A name of its own, to tell whether the daemon opened it here or in "/".
    const std::string dbName = folder.path().filename().string() + ".db";
    initDatabase(folder / dbName);
    const auto added = runCommand(
        kYanzhen, {"users", "add", "keeper", "--role", "admin", "--db", dbName, "--json"},
        folder.path());
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const std::string password = Poco::JSON::Parser()
                                     .parse(added.out)
                                     .extract<Poco::JSON::Object::Ptr>()
                                     ->getValue<std::string>("password");
    const unsigned short port = freePorts(1).front();
    const auto pidFile = folder / "yanzhen.pid";
    // Relative paths, as a person in that folder types them: the daemon moves to "/", and the
    // paths must still mean this folder.
    ServeProcess launcher({"serve", "--daemon", "--pidfile", "yanzhen.pid", "--port",
                           std::to_string(port), "--db", dbName, "--lang=en"},
                          folder.path());
    EXPECT_EQ(launcher.wait(seconds(30)), 0)
        << "the launcher returns at once, successfully: " << launcher.err();

    pid_t pid = 0;
    for (const auto deadline = Clock::now() + seconds(30); Clock::now() < deadline && pid == 0;) {
        std::ifstream in(pidFile);
        if (!(in >> pid)) {
            pid = 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ASSERT_GT(pid, 0) << "no pid file " << pidFile;
    EXPECT_NE(pid, launcher.pid()) << "the pid file names the daemon, not the launcher";
    ASSERT_TRUE(healthy(port, seconds(60))) << "the daemon does not answer on port " << port;
    EXPECT_EQ(::kill(pid, 0), 0) << "the daemon is running";
    // It serves the database of the folder it was started in: the account made there logs in.
    const auto login = call(port, "POST", "/api/v1/auth/login",
                            R"({"username": "keeper", "password": ")" + password + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    const std::filesystem::path stray = std::filesystem::path("/") / dbName;
    EXPECT_FALSE(std::filesystem::exists(stray)) << "the daemon made a database in /";

    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    bool exited = false;
    int status = 0;
    for (const auto deadline = Clock::now() + seconds(15); Clock::now() < deadline && !exited;) {
        if (subreaper) {
            exited = ::waitpid(pid, &status, WNOHANG) == pid;
        } else {
            exited = !std::filesystem::exists(pidFile) && ::kill(pid, 0) != 0;
        }
        if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!exited) ::kill(pid, SIGKILL);
    ASSERT_TRUE(exited) << "the daemon did not stop within 15 s of SIGTERM";
    if (subreaper) {
        EXPECT_TRUE(WIFEXITED(status)) << "ended by a signal, not by itself";
        EXPECT_EQ(WEXITSTATUS(status), 0);
    }
    EXPECT_FALSE(std::filesystem::exists(pidFile)) << "the daemon removes its pid file";
    for (const char* suffix : {"", "-wal", "-shm"}) { // what a wrong daemon would leave behind
        std::error_code ignored;
        std::filesystem::remove(stray.string() + suffix, ignored);
    }
    EXPECT_EQ(call(port, "GET", "/healthz").status, 0) << "nobody answers after the stop";
}

} // namespace

TEST(CliServe, APluginRefusedAtStartUpIsSaidInOneLineAndTheServerServes) {
    TempFolder folder;
    initDatabase(folder / "yanzhen.db");
    // The shipped plugins, and beside them one whose manifest claims ABI 2.0.
    ServeProcess serve({"serve", "--port", "0", "--db", "yanzhen.db", "--lang=en", "--plugins-dir",
                        YANZHEN_PLUGIN_DIR, "--plugins-dir",
                        std::string(YANZHEN_FIXTURE_DIR) + "/manifest_abi"},
                       folder.path());
    const unsigned short port = serve.servingPort();
    ASSERT_NE(port, 0) << serve.err();
    // Said before the server reports it is serving, so it is on stderr by now.
    const std::string err = serve.err();
    EXPECT_TRUE(contains(err, "plugin refused: ")) << err;
    EXPECT_TRUE(contains(err, "manifest_abi.so")) << err;
    EXPECT_TRUE(contains(err, "the manifest says ABI 2.0, the library speaks ABI 1.1")) << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << "one line: " << err;
    EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
    EXPECT_EQ(serve.terminate(), 0) << serve.err();
}
