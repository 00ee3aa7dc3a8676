// The OpenAPI document (host/src/http/openapi.json, served at GET /api/v1/openapi.json) against
// the real router: every route the server answers is documented and every documented operation
// is a route, with the audience the dispatcher enforces; and the document is one a client
// generator takes: OpenAPI 3.0.x, a summary, a tag and a 2xx answer per operation, its path
// parameters declared, every $ref resolving. A failure names what to add or remove, and where.

#include "ApiServer.hpp"

#include "http/Api.hpp"
#include "http/Router.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace yanzhen::testsupport {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kDocumentPath = "/api/v1/openapi.json";
const char* const kDocumentFile = "host/src/http/openapi.json";

/// The methods an OpenAPI path item may hold, as the document spells them.
const std::set<std::string>& methodKeys() {
    static const std::set<std::string> keys = {"get",  "put",     "post",  "delete",
                                               "head", "options", "patch", "trace"};
    return keys;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

std::string audienceName(http::Audience a) {
    switch (a) {
    case http::Audience::Public: return "public";
    case http::Audience::Authenticated: return "authenticated";
    case http::Audience::Staff: return "staff";
    case http::Audience::Admin: return "admin";
    }
    return "?";
}

std::string lines(const std::set<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        out += "\n    " + i;
    return out;
}

bool isObject(const Poco::Dynamic::Var& v) {
    return v.type() == typeid(Object::Ptr);
}
bool isArray(const Poco::Dynamic::Var& v) {
    return v.type() == typeid(Array::Ptr);
}

/// The object a local reference "#/components/<section>/<name>" points to, or null.
Object::Ptr resolve(const Object::Ptr& doc, const std::string& ref) {
    static const std::regex local("^#/components/([A-Za-z]+)/([A-Za-z0-9._-]+)$");
    std::smatch m;
    if (!std::regex_match(ref, m, local) || !doc->has("components")) return nullptr;
    const auto components = doc->getObject("components");
    if (!components->has(m[1].str())) return nullptr;
    const auto section = components->getObject(m[1].str());
    return section && section->has(m[2].str()) ? section->getObject(m[2].str()) : nullptr;
}

/// Every "$ref" in `v`, each with where it was found.
void collectRefs(const Poco::Dynamic::Var& v, const std::string& at,
                 std::vector<std::pair<std::string, std::string>>& refs) {
    if (isObject(v)) {
        const auto o = v.extract<Object::Ptr>();
        for (const auto& [key, value] : *o) {
            if (key == "$ref" && value.isString())
                refs.emplace_back(at, value.extract<std::string>());
            else
                collectRefs(value, at + "/" + key, refs);
        }
    } else if (isArray(v)) {
        const auto a = v.extract<Array::Ptr>();
        for (std::size_t i = 0; i < a->size(); ++i)
            collectRefs(a->get(i), at + "/" + std::to_string(i), refs);
    }
}

/// "METHOD /pattern" -> the handler a route file registers for it: `router.add("M", "/p",
/// Audience::X, bound(api, name))` in host/src/http/routes/*.cpp, read from the sources.
std::map<std::string, std::string> handlerNames() {
    static const std::regex add(
        R"re(router\.add\(\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*Audience::\w+\s*,\s*bound\(\s*api\s*,\s*(\w+)\s*\)\s*\))re");
    std::map<std::string, std::string> out;
    const auto folder = std::filesystem::path(YANZHEN_SOURCE_DIR) / "host/src/http/routes";
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator m(source.begin(), source.end(), add), end; m != end; ++m)
            out.emplace((*m)[1].str() + " " + (*m)[2].str(), (*m)[3].str());
    }
    return out;
}

class OpenApi : public ::testing::Test {
protected:
    /// GET /api/v1/openapi.json with no credentials at all; `contentType` gets the answer's.
    Object::Ptr fetchDocument(int& status, std::string& contentType) {
        Poco::Net::HTTPClientSession client("127.0.0.1", server_.port());
        Poco::Net::HTTPRequest request("GET", kDocumentPath, Poco::Net::HTTPMessage::HTTP_1_1);
        client.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(client.receiveResponse(response), body);
        status = static_cast<int>(response.getStatus());
        contentType = response.getContentType();
        try {
            return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
        } catch (const Poco::Exception& e) {
            ADD_FAILURE() << "the document is no JSON object: " << e.displayText() << "\n"
                          << body.substr(0, 500);
            return new Object;
        }
    }

    /// The document as the server serves it; fails the test when it is not served.
    Object::Ptr document() {
        int status = 0;
        std::string type;
        auto doc = fetchDocument(status, type);
        EXPECT_EQ(status, 200);
        return doc;
    }

    /// "METHOD /pattern" -> audience, of the real router as `yanzhen serve` builds it.
    std::map<std::string, http::Audience> routes() {
        http::ApiServices api{server_.store(), server_.plugins(), server_.catalog(),
                              server_.versions(), server_.accounts()};
        http::Router router;
        http::registerRoutes(router, api);
        std::map<std::string, http::Audience> out;
        for (const auto& r : router.routes()) {
            const bool added = out.emplace(r.method + " " + r.pattern, r.audience).second;
            EXPECT_TRUE(added) << "the router has " << r.method << " " << r.pattern << " twice";
        }
        return out;
    }

    /// "METHOD /path" -> the operation object, of the document.
    static std::map<std::string, Object::Ptr> operations(const Object::Ptr& doc) {
        std::map<std::string, Object::Ptr> out;
        if (!doc->has("paths")) return out;
        for (const auto& [path, item] : *doc->getObject("paths")) {
            if (!isObject(item)) continue;
            for (const auto& [method, op] : *item.extract<Object::Ptr>())
                if (methodKeys().count(method) != 0 && isObject(op))
                    out.emplace(upper(method) + " " + path, op.extract<Object::Ptr>());
        }
        return out;
    }

    ApiServer server_;
};

TEST_F(OpenApi, IsServedWithoutLoginAsAnOpenApi3DocumentOfThisVersion) {
    int status = 0;
    std::string type;
    const auto doc = fetchDocument(status, type);
    ASSERT_EQ(status, 200) << "GET " << kDocumentPath << " must need no login";
    EXPECT_EQ(type.rfind("application/json", 0), 0u) << type;

    EXPECT_EQ(doc->optValue<std::string>("openapi", "").rfind("3.0.", 0), 0u)
        << "declares openapi " << doc->optValue<std::string>("openapi", "(none)");
    ASSERT_TRUE(doc->has("info"));
    const auto info = doc->getObject("info");
    EXPECT_EQ(info->optValue<std::string>("title", ""), "Yanzhen API");
    const auto health = server_.anonymous().get("/healthz");
    EXPECT_EQ(info->optValue<std::string>("version", ""),
              health.object()->optValue<std::string>("version", "?"))
        << "info.version is the version the server reports";
    const std::string description = info->optValue<std::string>("description", "");
    EXPECT_NE(description.find("error"), std::string::npos) << "says it in English";
    EXPECT_NE(description.find("错误"), std::string::npos) << "and in Chinese";
    ASSERT_TRUE(doc->has("servers"));
    EXPECT_EQ(doc->getArray("servers")->getObject(0)->optValue<std::string>("url", ""), "/");

    // The three ways to authenticate, as the dispatcher reads them.
    const auto schemes = doc->getObject("components")->getObject("securitySchemes");
    ASSERT_TRUE(schemes);
    const auto bearer = schemes->getObject("bearerAuth");
    ASSERT_TRUE(bearer);
    EXPECT_EQ(bearer->optValue<std::string>("type", ""), "http");
    EXPECT_EQ(bearer->optValue<std::string>("scheme", ""), "bearer");
    const auto cookie = schemes->getObject("cookieAuth");
    ASSERT_TRUE(cookie);
    EXPECT_EQ(cookie->optValue<std::string>("in", ""), "cookie");
    EXPECT_EQ(cookie->optValue<std::string>("name", ""), http::kSessionCookie);
    const auto csrf = schemes->getObject("csrf");
    ASSERT_TRUE(csrf);
    EXPECT_EQ(csrf->optValue<std::string>("in", ""), "header");
    EXPECT_EQ(csrf->optValue<std::string>("name", ""), "X-CSRF-Token");
}

TEST_F(OpenApi, ServesTheDocumentInTheSourcesWithTheVersionFilledIn) {
    std::ifstream in(std::string(YANZHEN_SOURCE_DIR) + "/" + kDocumentFile);
    ASSERT_TRUE(in) << kDocumentFile;
    std::stringstream text;
    text << in.rdbuf();
    Object::Ptr source;
    try {
        source = Poco::JSON::Parser().parse(text.str()).extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        FAIL() << kDocumentFile << " is not valid JSON: " << e.displayText();
    }
    const auto served = document();
    // The build fills in the version; everything else is the file as written.
    source->getObject("info")->set("version",
                                   served->getObject("info")->getValue<std::string>("version"));
    std::ostringstream a;
    std::ostringstream b;
    source->stringify(a);
    served->stringify(b);
    EXPECT_EQ(a.str(), b.str()) << "the server serves a stale copy of " << kDocumentFile
                                << ": rebuild (host/CMakeLists.txt embeds it)";
}

TEST_F(OpenApi, DocumentsEveryRouteAndNoOther) {
    const auto documented = operations(document());
    const auto routed = routes();
    std::set<std::string> undocumented;
    for (const auto& [op, audience] : routed)
        if (documented.count(op) == 0) undocumented.insert(op);
    std::set<std::string> unrouted;
    for (const auto& [op, object] : documented)
        if (routed.count(op) == 0) unrouted.insert(op);
    EXPECT_TRUE(undocumented.empty())
        << "routes the server answers that " << kDocumentFile
        << " lacks (add them under \"paths\"):" << lines(undocumented);
    EXPECT_TRUE(unrouted.empty()) << "operations " << kDocumentFile
                                  << " documents that no route answers (remove them, or add the "
                                     "route):"
                                  << lines(unrouted);
    EXPECT_GE(routed.size(), 29u);
}

TEST_F(OpenApi, EveryRouteIsANamedHandlerCalledAsItsOperationId) {
    // One name for each operation: the document's operationId is the handler's name, so a
    // reader of either finds the other.
    const auto documented = operations(document());
    const auto names = handlerNames();
    std::set<std::string> unnamed;
    for (const auto& [op, audience] : routes()) {
        if (op.rfind("GET /bench/", 0) == 0) continue; // bench-only, not part of the API
        const auto handler = names.find(op);
        if (handler == names.end()) {
            unnamed.insert(op);
            continue;
        }
        const auto found = documented.find(op);
        if (found == documented.end()) continue; // reported by DocumentsEveryRouteAndNoOther
        EXPECT_EQ(handler->second, found->second->optValue<std::string>("operationId", ""))
            << op << ": its handler and its operationId should be one name";
    }
    EXPECT_TRUE(unnamed.empty()) << "routes registered with a lambda rather than "
                                    "bound(api, handler):"
                                 << lines(unnamed);
}

TEST_F(OpenApi, SaysWhoMayCallEachOperationAsTheDispatcherDoes) {
    const auto documented = operations(document());
    for (const auto& [op, audience] : routes()) {
        const auto found = documented.find(op);
        if (found == documented.end()) continue; // reported by DocumentsEveryRouteAndNoOther
        const Object::Ptr& o = found->second;
        EXPECT_EQ(o->optValue<std::string>("x-audience", "(none)"), audienceName(audience))
            << op << ": x-audience";
        ASSERT_TRUE(o->has("security") && isArray(o->get("security")))
            << op << ": every operation says how to authenticate (security: [] when no login)";
        const auto security = o->getArray("security");
        if (security->size() == 0) {
            EXPECT_EQ(audience, http::Audience::Public)
                << op << ": security [] promises no login, but the route needs one";
            continue;
        }
        // A write with the session cookie needs the CSRF header too (the dispatcher's 403).
        const bool write = op.rfind("GET ", 0) != 0;
        bool bearer = false;
        for (std::size_t i = 0; i < security->size(); ++i) {
            const auto alternative = security->getObject(i);
            bearer = bearer || alternative->has("bearerAuth");
            if (write && alternative->has("cookieAuth")) {
                EXPECT_TRUE(alternative->has("csrf"))
                    << op << ": a cookie write without X-CSRF-Token is refused; say so";
            }
        }
        EXPECT_TRUE(bearer) << op << ": an operation that takes credentials takes a bearer token";
    }
}

TEST_F(OpenApi, EveryOperationHasASummaryATagAndASuccessAnswer) {
    const auto doc = document();
    std::set<std::string> tags;
    if (doc->has("tags"))
        for (std::size_t i = 0; i < doc->getArray("tags")->size(); ++i)
            tags.insert(doc->getArray("tags")->getObject(i)->getValue<std::string>("name"));
    std::set<std::string> operationIds;
    static const std::regex templated(R"(\{([^}]+)\})");
    for (const auto& [op, o] : operations(doc)) {
        EXPECT_FALSE(o->optValue<std::string>("summary", "").empty()) << op << ": summary";
        const auto opTags = o->getArray("tags");
        EXPECT_TRUE(opTags && opTags->size() > 0) << op << ": tags";
        for (std::size_t i = 0; opTags && i < opTags->size(); ++i)
            EXPECT_EQ(tags.count(opTags->getElement<std::string>(i)), 1u)
                << op << ": tag " << opTags->getElement<std::string>(i)
                << " is not declared in the top-level tags";
        const std::string id = o->optValue<std::string>("operationId", "");
        EXPECT_TRUE(!id.empty() && operationIds.insert(id).second)
            << op << ": operationId '" << id << "' missing or not unique";

        const auto responses = o->getObject("responses");
        ASSERT_TRUE(responses) << op << ": responses";
        bool success = false;
        for (const auto& [status, response] : *responses) {
            success = success || (status.size() == 3 && status[0] == '2');
            Object::Ptr r = response.extract<Object::Ptr>();
            if (r->has("$ref")) r = resolve(doc, r->getValue<std::string>("$ref"));
            EXPECT_TRUE(r && !r->optValue<std::string>("description", "").empty())
                << op << " " << status << ": every response has a description";
        }
        EXPECT_TRUE(success) << op << ": no 2xx response";

        // Every {name} in the path is a declared path parameter, and the other way round.
        const std::string path = op.substr(op.find(' ') + 1);
        std::set<std::string> inTemplate;
        for (std::sregex_iterator m(path.begin(), path.end(), templated), end; m != end; ++m)
            inTemplate.insert((*m)[1].str());
        std::set<std::string> declared;
        if (o->has("parameters"))
            for (std::size_t i = 0; i < o->getArray("parameters")->size(); ++i) {
                Object::Ptr p = o->getArray("parameters")->getObject(i);
                if (p->has("$ref")) p = resolve(doc, p->getValue<std::string>("$ref"));
                if (!p) continue; // reported by EveryReferenceResolves
                if (p->optValue<std::string>("in", "") == "path") {
                    declared.insert(p->getValue<std::string>("name"));
                    EXPECT_TRUE(p->optValue<bool>("required", false))
                        << op << ": path parameter " << p->getValue<std::string>("name")
                        << " must be required";
                }
            }
        EXPECT_EQ(inTemplate, declared) << op << ": path parameters";
    }
}

TEST_F(OpenApi, EveryReferenceResolvesAndEveryComponentIsUsed) {
    const auto doc = document();
    std::vector<std::pair<std::string, std::string>> refs;
    collectRefs(doc, "#", refs);
    EXPECT_FALSE(refs.empty());
    std::set<std::string> broken;
    std::set<std::string> used;
    for (const auto& [at, ref] : refs) {
        if (!resolve(doc, ref))
            broken.insert(ref + "  (at " + at + ")");
        else
            used.insert(ref);
    }
    EXPECT_TRUE(broken.empty()) << "$ref that point nowhere in components:" << lines(broken);

    std::set<std::string> unused;
    const auto components = doc->getObject("components");
    for (const char* section : {"schemas", "parameters", "responses"}) {
        if (!components->has(section)) continue;
        for (const auto& [name, value] : *components->getObject(section)) {
            const std::string ref = std::string("#/components/") + section + "/" + name;
            if (used.count(ref) == 0) unused.insert(ref);
        }
    }
    EXPECT_TRUE(unused.empty()) << "components nothing refers to:" << lines(unused);
}

} // namespace
} // namespace yanzhen::testsupport
