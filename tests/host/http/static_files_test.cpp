// The web pages as a browser gets them from the real server: the right types, revalidation,
// the security headers, and nothing outside the pages' folder whatever the path says. The API
// keeps answering in its JSON shape beside them.

#include "ApiServer.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

namespace yanzhen::testsupport {
namespace {

namespace fs = std::filesystem;

struct Answer {
    int status = 0;
    std::string body;
    Poco::Net::NameValueCollection headers;
    std::string header(const std::string& name) const { return headers.get(name, ""); }
};

/// One raw request: the path goes on the wire exactly as written (no normalising client).
Answer fetch(unsigned short port, const std::string& path, const std::string& method = "GET",
             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Poco::Net::HTTPClientSession client("127.0.0.1", port);
    client.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        req.set(name, value);
    if (method == "POST") req.setContentLength(0);
    client.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::istream& in = client.receiveResponse(res);
    Answer a;
    Poco::StreamCopier::copyToString(in, a.body);
    a.status = static_cast<int>(res.getStatus());
    a.headers = static_cast<const Poco::Net::NameValueCollection&>(res);
    return a;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

/// A pages folder of the test's own beside a secret it must never hand out.
class StaticFilesTest : public ::testing::Test {
protected:
    StaticFilesTest()
        : server_(ApiServerOptions{[this](http::ServerConfig& c) {
                                       c.webRoot = root();
                                       c.webMaxFileBytes = 4096;
                                   },
                                   {}}) {}

    static fs::path base() {
        static const fs::path b = [] {
            const fs::path p =
                fs::temp_directory_path() /
                ("yanzhen-static-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
            write(p / "secret.txt", "TOP-SECRET");
            write(p / "web" / "index.html", "<!doctype html><title>t</title>");
            write(p / "web" / "js" / "app.js", "export const x = 1;\n");
            write(p / "web" / "js" / "mod.mjs", "export default 2;\n");
            write(p / "web" / "js" / ".hidden.js", "hidden");
            write(p / "web" / "js" / "notes.md", "# notes");
            write(p / "web" / "js" / "big.js", std::string(5000, 'x'));
            write(p / "web" / "css" / "app.css", "body{}");
            write(p / "web" / "img" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
            write(p / "web" / "img" / "dot.png", std::string("\x89PNG\r\n\x1a\n", 8));
            fs::create_symlink(p / "secret.txt", p / "web" / "js" / "leak.js");
            return p;
        }();
        return b;
    }
    static fs::path root() { return base() / "web"; }
    static void TearDownTestSuite() { fs::remove_all(base()); }

    unsigned short port() const { return server_.port(); }

    ApiServer server_;
};

TEST_F(StaticFilesTest, ServesEachKindWithItsTypeAndCharset) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/", "text/html; charset=utf-8"},
        {"/index.html", "text/html; charset=utf-8"},
        {"/js/app.js", "text/javascript; charset=utf-8"},
        {"/js/mod.mjs", "text/javascript; charset=utf-8"},
        {"/css/app.css", "text/css; charset=utf-8"},
        {"/img/logo.svg", "image/svg+xml; charset=utf-8"},
        {"/img/dot.png", "image/png"},
    };
    for (const auto& [path, type] : cases) {
        const auto a = fetch(port(), path);
        EXPECT_EQ(a.status, 200) << path;
        EXPECT_EQ(a.header("Content-Type"), type) << path;
        EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff") << path;
    }
    EXPECT_EQ(fetch(port(), "/js/app.js").body, "export const x = 1;\n");
}

TEST_F(StaticFilesTest, PagesCarryTheSecurityHeaders) {
    const auto a = fetch(port(), "/");
    const std::string csp = a.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(a.header("Referrer-Policy"), "no-referrer");
}

TEST_F(StaticFilesTest, NothingOutsideTheFolderWhateverThePathSays) {
    for (const std::string path :
         {"/js/../secret.txt", "/js/../../secret.txt", "/css/%2e%2e/%2e%2e/secret.txt",
          "/css/%2E%2E%2F%2E%2E%2Fsecret.txt", "/js/..%2f..%2fsecret.txt",
          "/js/..%5c..%5csecret.txt", "/js//etc/passwd", "/js/%2fetc%2fpasswd", "//etc/passwd",
          "/js/app.js%00.png", "/js/%00", "/js/.hidden.js", "/js/leak.js", "/img/./logo.svg",
          "/js/app.js/", "/js/notes.md"}) {
        const auto a = fetch(port(), path);
        EXPECT_EQ(a.status, 404) << path;
        EXPECT_EQ(a.body.find("TOP-SECRET"), std::string::npos) << path;
        EXPECT_EQ(a.body.find("root:"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, NoDirectoryListings) {
    for (const std::string path : {"/js/", "/js", "/css/", "/img/", "/js/trainer/"}) {
        const auto a = fetch(port(), path);
        EXPECT_EQ(a.status, 404) << path;
        EXPECT_EQ(a.body.find("app.js"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, RevalidatesWithTheEtagAndTheDate) {
    const auto first = fetch(port(), "/js/app.js");
    ASSERT_EQ(first.status, 200);
    const std::string etag = first.header("ETag");
    const std::string modified = first.header("Last-Modified");
    EXPECT_FALSE(etag.empty());
    EXPECT_FALSE(modified.empty());
    EXPECT_EQ(first.header("Cache-Control"), "no-cache");

    const auto byTag = fetch(port(), "/js/app.js", "GET", {{"If-None-Match", etag}});
    EXPECT_EQ(byTag.status, 304);
    EXPECT_TRUE(byTag.body.empty());
    const auto byDate = fetch(port(), "/js/app.js", "GET", {{"If-Modified-Since", modified}});
    EXPECT_EQ(byDate.status, 304);
    const auto other = fetch(port(), "/js/app.js", "GET", {{"If-None-Match", "W/\"1-2\""}});
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(other.body, "export const x = 1;\n");

    // An edited file is a new version: the old tag no longer matches.
    write(root() / "js" / "mod.mjs", "export default 2;\n");
    const auto before = fetch(port(), "/js/mod.mjs");
    write(root() / "js" / "mod.mjs", "export default 33;\n");
    const auto after =
        fetch(port(), "/js/mod.mjs", "GET", {{"If-None-Match", before.header("ETag")}});
    EXPECT_EQ(after.status, 200);
    EXPECT_EQ(after.body, "export default 33;\n");
}

TEST_F(StaticFilesTest, AFileOverTheLimitIsNotServed) {
    EXPECT_EQ(fetch(port(), "/js/big.js").status, 404);
    write(root() / "js" / "small.js", std::string(4096, 'y'));
    EXPECT_EQ(fetch(port(), "/js/small.js").status, 200);
}

TEST_F(StaticFilesTest, HeadAnswersWithoutABodyAndOtherMethodsAre405) {
    const auto head = fetch(port(), "/js/app.js", "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), "20");
    EXPECT_TRUE(head.body.empty());
    const auto post = fetch(port(), "/index.html", "POST");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, TheApiKeepsItsJsonAnswers) {
    for (const std::string path :
         {"/api/v1/nothing", "/api/v1/js/app.js", "/nothing.html", "/api"}) {
        const auto a = fetch(port(), path);
        EXPECT_EQ(a.status, 404) << path;
        EXPECT_EQ(a.header("Content-Type"), "application/json; charset=utf-8") << path;
        EXPECT_NE(a.body.find("\"not_found\""), std::string::npos) << path << ": " << a.body;
    }
    EXPECT_EQ(fetch(port(), "/api/v1/auth/me").status, 401);
    EXPECT_EQ(fetch(port(), "/healthz").status, 200);
}

TEST(StaticFiles, WithoutAPagesFolderOnlyTheApiAnswers) {
    ApiServer server;
    const auto a = fetch(server.port(), "/");
    EXPECT_EQ(a.status, 404);
    EXPECT_NE(a.body.find("\"not_found\""), std::string::npos);
}

TEST(StaticFiles, TheShippedPagesLoadNoInlineScript) {
    ApiServer server(ApiServerOptions{
        [](http::ServerConfig& c) { c.webRoot = fs::path(YANZHEN_SOURCE_DIR) / "host" / "web"; },
        {}});
    const auto index = fetch(server.port(), "/");
    ASSERT_EQ(index.status, 200);
    EXPECT_NE(index.body.find("<script type=\"module\" src=\"js/shell/app.js\"></script>"),
              std::string::npos);
    // Every <script> has a src: the policy would refuse an inline one anyway.
    for (std::size_t at = index.body.find("<script"); at != std::string::npos;
         at = index.body.find("<script", at + 1))
        EXPECT_NE(index.body.substr(at, index.body.find('>', at) - at).find("src="),
                  std::string::npos);
    for (const std::string path :
         {"/js/shell/app.js", "/js/shell/dom.js", "/js/shell/i18n.js", "/js/shell/api.js",
          "/js/pages/index.js", "/js/shared/dates.js", "/css/app.css"})
        EXPECT_EQ(fetch(server.port(), path).status, 200) << path;
}

} // namespace
} // namespace yanzhen::testsupport
