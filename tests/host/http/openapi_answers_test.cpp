// The OpenAPI document says what the server answers; this checks that it does. A cohort's life
// is run through the real server (the shipped 头雁领航 course, the real plugins) as an admin, a
// trainer and a worker would, and every answer is held against the document: its status must be
// one the operation lists, and its JSON must fit the schema given for that status, with no
// property the schema does not name. Every documented operation is called at least once with
// success, so no schema of the document goes unchecked.

#include "ApiServer.hpp"

#include "services/credentials/CertificateSigner.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace yanzhen::testsupport {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool isObject(const Var& v) {
    return v.type() == typeid(Object::Ptr);
}
bool isArray(const Var& v) {
    return v.type() == typeid(Array::Ptr);
}

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::istringstream in(path.substr(0, path.find('?')));
    for (std::string part; std::getline(in, part, '/');)
        if (!part.empty()) out.push_back(part);
    return out;
}

/// Holds answers against the document: the subset of OpenAPI 3.0 schemas it uses ($ref, allOf,
/// oneOf, type, nullable, enum, required, properties, additionalProperties, items).
class Contract {
public:
    explicit Contract(Object::Ptr doc) : doc_(std::move(doc)) {}

    /// The documented path a request path falls under ("/api/v1/workers/{id}"), the one with
    /// the most literal segments when several do; empty when none has `method`.
    std::string pathOf(const std::string& method, const std::string& path) const {
        const auto wanted = segments(path);
        std::string best;
        int bestLiterals = -1;
        for (const auto& [candidate, item] : *doc_->getObject("paths")) {
            if (!item.extract<Object::Ptr>()->has(method)) continue;
            const auto parts = segments(candidate);
            if (parts.size() != wanted.size()) continue;
            int literals = 0;
            bool fits = true;
            for (std::size_t i = 0; i < parts.size() && fits; ++i) {
                if (parts[i].front() == '{') continue;
                fits = parts[i] == wanted[i];
                ++literals;
            }
            if (fits && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }

    Object::Ptr operation(const std::string& method, const std::string& path) const {
        return doc_->getObject("paths")->getObject(path)->getObject(method);
    }

    Object::Ptr deref(Object::Ptr schema) const {
        while (schema && schema->has("$ref")) {
            const std::string ref = schema->getValue<std::string>("$ref");
            const auto slash = ref.rfind('/');
            const auto section = ref.substr(0, slash);
            const std::string kind = section.substr(section.rfind('/') + 1);
            schema =
                doc_->getObject("components")->getObject(kind)->getObject(ref.substr(slash + 1));
        }
        return schema;
    }

    /// Appends a line per way `v` does not fit `schema`, each naming where ("$.items[0].id").
    /// `strict`: a property the schema (with its allOf siblings) does not name is a problem.
    void check(const Var& v, Object::Ptr schema, const std::string& at,
               std::vector<std::string>& problems, bool strict = true) const {
        schema = deref(schema);
        if (!schema) return;
        if (schema->has("allOf")) {
            const auto all = schema->getArray("allOf");
            std::set<std::string> named;
            for (std::size_t i = 0; i < all->size(); ++i) {
                check(v, all->getObject(i), at, problems, false);
                propertiesOf(all->getObject(i), named);
            }
            if (strict && isObject(v))
                for (const auto& [key, value] : *v.extract<Object::Ptr>())
                    if (named.count(key) == 0)
                        problems.push_back(at + "." + key + ": not in the document");
            return;
        }
        if (schema->has("oneOf")) {
            const auto one = schema->getArray("oneOf");
            for (std::size_t i = 0; i < one->size(); ++i) {
                std::vector<std::string> mine;
                check(v, one->getObject(i), at, mine, strict);
                if (mine.empty()) return;
            }
            problems.push_back(at + ": fits none of oneOf");
            return;
        }
        if (v.isEmpty()) {
            if (!schema->optValue<bool>("nullable", false)) problems.push_back(at + ": null");
            return;
        }
        const std::string type = schema->optValue<std::string>("type", "");
        const bool fits =
            type.empty() || (type == "object" && isObject(v)) || (type == "array" && isArray(v)) ||
            (type == "string" && v.isString()) || (type == "integer" && v.isInteger()) ||
            (type == "number" && v.isNumeric()) || (type == "boolean" && v.isBoolean());
        if (!fits) {
            problems.push_back(at + ": not " + type + " but " + v.toString());
            return;
        }
        if (schema->has("enum")) {
            bool listed = false;
            const auto values = schema->getArray("enum");
            for (std::size_t i = 0; i < values->size(); ++i)
                listed = listed || values->get(i).toString() == v.toString();
            if (!listed) problems.push_back(at + ": " + v.toString() + " is not in the enum");
        }
        if (isArray(v) && schema->has("items")) {
            const auto a = v.extract<Array::Ptr>();
            for (std::size_t i = 0; i < a->size(); ++i)
                check(a->get(i), schema->getObject("items"), at + "[" + std::to_string(i) + "]",
                      problems);
        }
        if (isObject(v)) checkObject(v.extract<Object::Ptr>(), schema, at, problems, strict);
    }

private:
    void checkObject(const Object::Ptr& o, const Object::Ptr& schema, const std::string& at,
                     std::vector<std::string>& problems, bool strict) const {
        if (schema->has("required")) {
            const auto required = schema->getArray("required");
            for (std::size_t i = 0; i < required->size(); ++i)
                if (!o->has(required->getElement<std::string>(i)))
                    problems.push_back(at + "." + required->getElement<std::string>(i) +
                                       ": required, missing");
        }
        const auto properties = schema->getObject("properties");
        const Var additional =
            schema->has("additionalProperties") ? schema->get("additionalProperties") : Var();
        for (const auto& [key, value] : *o) {
            if (properties && properties->has(key))
                check(value, properties->getObject(key), at + "." + key, problems);
            else if (isObject(additional))
                check(value, additional.extract<Object::Ptr>(), at + "." + key, problems);
            else if (strict && properties && additional.isEmpty())
                problems.push_back(at + "." + key + ": not in the document");
        }
    }

    void propertiesOf(Object::Ptr schema, std::set<std::string>& named) const {
        schema = deref(schema);
        if (schema && schema->has("properties"))
            for (const auto& [key, value] : *schema->getObject("properties"))
                named.insert(key);
    }

    Object::Ptr doc_;
};

class OpenApiAnswers : public ::testing::Test {
protected:
    void SetUp() override {
        const auto r = server_.anonymous().get("/api/v1/openapi.json");
        ASSERT_EQ(r.status, 200);
        contract_ = std::make_unique<Contract>(r.object());
        for (const auto& [path, item] : *r.object()->getObject("paths"))
            for (const auto& [method, op] : *item.extract<Object::Ptr>())
                if (method != "parameters" && method != "summary" && method != "description")
                    untried_.insert(method + " " + path);
    }

    /// Sends the request and holds the answer against the document; returns it.
    ApiResponse call(const ApiClient& client, const std::string& method, const std::string& path,
                     const std::string& body = "") {
        const auto r = client.request(method, path, body);
        std::string m = method;
        for (auto& c : m)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string documented = contract_->pathOf(m, path);
        if (documented.empty()) {
            ADD_FAILURE() << method << " " << path << ": no documented operation";
            return r;
        }
        const auto op = contract_->operation(m, documented);
        const auto responses = op->getObject("responses");
        const std::string status = std::to_string(r.status);
        if (!responses->has(status)) {
            ADD_FAILURE() << method << " " << documented << " answered " << status
                          << ", which the document does not list: " << r.body;
            return r;
        }
        if (r.status < 300) {
            untried_.erase(m + " " + documented);
            // A body the server took must be one the document describes.
            if (!body.empty() && op->has("requestBody"))
                expectFits(Poco::JSON::Parser().parse(body), op->getObject("requestBody"),
                           method + " " + path + " request body", body);
        }
        expectFits(r.json, contract_->deref(responses->getObject(status)),
                   method + " " + path + " -> " + status, r.body);
        return r;
    }

    /// `json` against the JSON schema of `described` (a request body or a response object);
    /// nothing to check when it has no application/json content.
    void expectFits(const Var& json, const Object::Ptr& described, const std::string& what,
                    const std::string& text) {
        const auto content = described->getObject("content");
        if (!content || !content->has("application/json")) return;
        std::vector<std::string> problems;
        contract_->check(json, content->getObject("application/json")->getObject("schema"), "$",
                         problems);
        std::string all;
        for (const auto& p : problems)
            all += "\n    " + p;
        EXPECT_TRUE(problems.empty()) << what << " does not fit the document:" << all << "\n"
                                      << text;
    }

    ApiServer server_;
    std::unique_ptr<Contract> contract_;
    std::set<std::string> untried_; ///< "method /path" not yet answered with success
};

TEST_F(OpenApiAnswers, EveryAnswerOfACohortsLifeIsTheDocumentedOne) {
    const auto anonymous = server_.anonymous();
    server_.addPerson("T-001", "李老师", "trainer");
    const store::Id zhangId = server_.addPerson("JY-0001", "张三", "social_worker");
    const store::Id liuId = server_.addPerson("JY-0002", "刘四", "social_worker");
    const auto li = server_.withToken("li", "trainer", std::string("T-001"));
    const auto zhang = server_.withToken("zhang", "worker", std::string("JY-0001"));
    const auto liu = server_.withToken("liu", "worker", std::string("JY-0002"));

    call(anonymous, "GET", "/healthz");
    call(anonymous, "GET", "/api/v1/openapi.json");
    server_.addAccount("admin", "admin");
    EXPECT_EQ(call(anonymous, "POST", "/api/v1/auth/login",
                   R"({"username": "admin", "password": "wrong"})")
                  .status,
              401);
    EXPECT_EQ(call(anonymous, "POST", "/api/v1/auth/login", R"({"username": "admin"})").status,
              400);
    const auto login =
        call(anonymous, "POST", "/api/v1/auth/login",
             std::string(R"({"username": "admin", "password": ")") + ApiServer::kPassword + "\"}");
    ASSERT_EQ(login.status, 200) << login.body;
    std::string cookie;
    for (const auto& c : anonymous.cookiesSet())
        if (c.getName() == http::kSessionCookie) cookie = c.getValue();
    const auto admin = ApiClient(server_.port())
                           .session(cookie, login.object()->getValue<std::string>("csrf_token"));

    // Who is calling, and what the host runs.
    EXPECT_EQ(call(anonymous, "GET", "/api/v1/auth/me").status, 401);
    call(admin, "GET", "/api/v1/auth/me");
    call(zhang, "GET", "/api/v1/auth/me");
    call(admin, "GET", "/api/v1/plugins");
    EXPECT_EQ(call(zhang, "GET", "/api/v1/plugins").status, 403);
    call(zhang, "GET", "/api/v1/courses");
    EXPECT_EQ(call(zhang, "GET", "/api/v1/courses?limit=0").status, 400);
    call(zhang, "GET", "/api/v1/courses/touyan-linghang");
    call(zhang, "GET", "/api/v1/courses/national-social-worker");
    EXPECT_EQ(call(zhang, "GET", "/api/v1/courses/no-such-course").status, 404);
    call(li, "GET", "/api/v1/workers?post=social_worker");

    // A cohort, its members and its timetable.
    const std::string cohortBody = R"({"code": "TY-2025-1", "name": "第一期",
        "course": "touyan-linghang", "starts_on": "2025-03-01", "ends_on": "2025-04-30",
        "trainers": ["T-001"]})";
    const auto created = call(admin, "POST", "/api/v1/cohorts", cohortBody);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(call(admin, "POST", "/api/v1/cohorts", cohortBody).status, 409);
    EXPECT_EQ(call(admin, "POST", "/api/v1/cohorts", R"({"code": "X", "course": "nope"})").status,
              400);
    const std::string cohort =
        "/api/v1/cohorts/" + std::to_string(created.object()->getValue<store::Id>("id"));
    const std::string members = R"({"workers": ["JY-0001", )" + std::to_string(liuId) + "]}";
    EXPECT_EQ(call(li, "POST", cohort + "/enrollments", members).status, 201);
    EXPECT_EQ(call(li, "POST", cohort + "/enrollments", members).status, 409);
    call(li, "GET", "/api/v1/cohorts");
    call(li, "GET", cohort);
    EXPECT_EQ(call(zhang, "GET", cohort).status, 403);
    call(li, "GET", cohort + "/course");

    const std::string opening = R"({"cohort": "TY-2025-1", "template": "opening",
        "starts_at": "2025-03-03T09:00", "ends_at": "2025-03-03T10:30", "place": "党群服务中心",
        "trainer": "T-001", "capacity": 1})";
    const auto scheduled = call(li, "POST", "/api/v1/sessions", opening);
    ASSERT_EQ(scheduled.status, 201) << scheduled.body;
    const std::string clash = R"({"cohort": "TY-2025-1", "template": "oath",
        "starts_at": "2025-03-03T10:00", "ends_at": "2025-03-03T10:30", "place": "党群服务中心",
        "trainer": "T-001"})";
    EXPECT_EQ(call(li, "POST", "/api/v1/sessions/check", clash).status, 200);
    EXPECT_EQ(call(li, "POST", "/api/v1/sessions", clash).status, 409);
    EXPECT_EQ(call(li, "POST", "/api/v1/sessions", R"({"cohort": "TY-2025-1"})").status, 400);
    const store::Id sessionId = scheduled.object()->getValue<store::Id>("id");
    const std::string session = "/api/v1/sessions/" + std::to_string(sessionId);
    call(zhang, "GET", cohort + "/sessions");
    EXPECT_EQ(call(li, "POST", session + "/bookings", R"({"worker": "JY-0001"})").status, 201);
    EXPECT_EQ(call(liu, "POST", session + "/bookings", "{}").status, 201); // waiting
    EXPECT_EQ(call(li, "POST", session + "/bookings", R"({"worker": "JY-0001"})").status, 409);
    call(li, "GET", session);
    call(liu, "GET", session);
    const std::string zhangBooking = session + "/bookings/" + std::to_string(zhangId);
    EXPECT_EQ(call(zhang, "DELETE", zhangBooking).status, 200); // 刘四 moves up
    EXPECT_EQ(call(zhang, "DELETE", zhangBooking).status, 409);

    // Evidence, and where it leaves the worker and the cohort.
    const auto recorded = call(li, "POST", "/api/v1/evidence",
                               R"({"worker": "JY-0001", "session": )" + std::to_string(sessionId) +
                                   R"(, "kind": "attendance", "fields": {"status": "present"}})");
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_EQ(call(li, "POST", "/api/v1/evidence",
                   R"({"correct": )" +
                       std::to_string(recorded.object()->getValue<store::Id>("id")) +
                       R"(, "reason": "点名有误", "fields": {"status": "late"}})")
                  .status,
              201);
    EXPECT_EQ(call(li, "POST", "/api/v1/evidence",
                   R"({"worker": "JY-0002", "session": )" + std::to_string(sessionId) +
                       R"(, "kind": "attendance", "fields": {"status": "here"}})")
                  .status,
              400);
    EXPECT_EQ(call(admin, "POST", "/api/v1/evidence",
                   R"({"worker": "JY-0002", "course": "touyan-linghang", "module": "ceremony",
                       "ref": "oath", "date": "2025-03-05", "kind": "attendance",
                       "fields": {"status": "present"}})")
                  .status,
              201);
    const std::string zhangPath = "/api/v1/workers/" + std::to_string(zhangId);
    call(zhang, "GET", zhangPath);
    EXPECT_EQ(call(zhang, "GET", "/api/v1/workers/" + std::to_string(liuId)).status, 403);
    call(zhang, "GET", zhangPath + "/progress?date=2025-03-10");
    EXPECT_EQ(call(zhang, "GET", zhangPath + "/progress?date=March").status, 400);
    call(zhang, "GET", zhangPath + "/evidence");
    call(li, "GET", cohort + "/report?date=2025-03-10");
    call(li, "GET", cohort + "/members?date=2025-03-10&status=behind&sort=fraction");
    EXPECT_EQ(call(li, "GET", cohort + "/members?set=nonesuch").status, 400);
    EXPECT_EQ(call(zhang, "GET", zhangPath + "/calendar.ics").status, 200);
    EXPECT_EQ(call(anonymous, "GET", zhangPath + "/calendar.ics").status, 401);
    EXPECT_EQ(call(zhang, "GET", cohort + "/calendar.ics").status, 200);
    EXPECT_EQ(call(li, "POST", session + "/cancel", R"({"reason": "改期"})").status, 200);
    EXPECT_EQ(call(li, "POST", session + "/cancel", R"({"reason": "改期"})").status, 409);
    // Not an admin: an id that does not exist answers as one that is not theirs.
    EXPECT_EQ(call(li, "GET", "/api/v1/sessions/999999").status, 403);
    EXPECT_EQ(call(admin, "GET", "/api/v1/sessions/999999").status, 404);

    // Accounts, as the admin pages manage them.
    call(admin, "GET", "/api/v1/accounts?limit=10");
    EXPECT_EQ(call(li, "GET", "/api/v1/accounts").status, 403);
    const std::string clerk =
        R"({"username": "clerk", "role": "admin", "password": "clerk-password-1"})";
    EXPECT_EQ(call(admin, "POST", "/api/v1/accounts", clerk).status, 201);
    EXPECT_EQ(call(admin, "POST", "/api/v1/accounts", clerk).status, 409);
    EXPECT_EQ(call(admin, "POST", "/api/v1/accounts/password",
                   R"({"username": "clerk", "password": "clerk-password-2"})")
                  .status,
              200);
    EXPECT_EQ(call(admin, "POST", "/api/v1/accounts/disable", R"({"username": "clerk"})").status,
              200);
    EXPECT_EQ(call(admin, "POST", "/api/v1/accounts/disable", R"({"username": "nobody"})").status,
              404);

    // Certificates: 刘四 passes both junior exams of the national track in one sitting, is issued
    // the assistant certificate, renews it with 72 hours of continuing education, has it
    // corrected and finally revoked.
    services::SigningKey::create(services::defaultSigningKeyFile(server_.db().file()));
    call(anonymous, "GET", "/.well-known/yanzhen-signing-key");
    const auto national = call(admin, "POST", "/api/v1/cohorts", R"({"code": "NSW-2025",
        "name": "国家社工", "course": "national-social-worker", "starts_on": "2025-01-01",
        "ends_on": "2025-12-31", "trainers": ["T-001"]})");
    ASSERT_EQ(national.status, 201) << national.body;
    EXPECT_EQ(call(li, "POST",
                   "/api/v1/cohorts/" +
                       std::to_string(national.object()->getValue<store::Id>("id")) +
                       "/enrollments",
                   R"({"workers": ["JY-0002"]})")
                  .status,
              201);
    const std::string issue = R"({"worker": "JY-0002", "course": "national-social-worker",
        "credential": "national_assistant", "date": "2025-07-01"})";
    EXPECT_EQ(call(li, "POST", "/api/v1/credentials", issue).status, 409); // what's left
    for (const std::string evidence :
         {R"("ref": "comprehensive_junior", "date": "2025-06-18", "kind": "exam_result",
             "fields": {"sitting": 2025, "score": 75})",
          R"("ref": "practice_junior", "date": "2025-06-19", "kind": "exam_result",
             "fields": {"sitting": 2025, "score": 68})",
          R"("ref": "training", "date": "2026-03-01", "kind": "ce_hours",
             "fields": {"hours": 72, "activity": "社区治理专题培训"})"})
        EXPECT_EQ(call(admin, "POST", "/api/v1/evidence",
                       R"({"worker": "JY-0002", "course": "national-social-worker",
                           "module": "exam", )" +
                           evidence + "}")
                      .status,
                  201);
    const auto issued = call(li, "POST", "/api/v1/credentials", issue);
    ASSERT_EQ(issued.status, 201) << issued.body;
    const std::string serial = issued.object()->getValue<std::string>("serial");
    const std::string credential = "/api/v1/credentials/" + serial;
    call(liu, "GET", "/api/v1/workers/" + std::to_string(liuId) + "/credentials");
    call(liu, "GET", credential);
    EXPECT_EQ(call(liu, "GET", credential + "/pdf").status, 200);
    EXPECT_EQ(call(anonymous, "GET", "/verify/" + serial).status, 200);
    EXPECT_EQ(call(anonymous, "GET", "/verify/YZ0000-000000").status, 404);
    call(li, "GET", "/api/v1/credentials/expiring?days=90&date=2028-05-01");
    EXPECT_EQ(call(li, "POST", credential + "/renew?date=2026-01-01").status, 409); // too early
    const auto renewed = call(li, "POST", credential + "/renew?date=2028-05-01");
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    EXPECT_EQ(call(admin, "POST", credential + "/reissue", R"({"reason": "姓名更正"})").status,
              201);
    const std::string next =
        "/api/v1/credentials/" + renewed.object()->getValue<std::string>("serial");
    EXPECT_EQ(call(admin, "POST", next + "/revoke", R"({"reason": "撤销测试"})").status, 200);
    EXPECT_EQ(call(admin, "POST", next + "/revoke", R"({"reason": "撤销测试"})").status, 409);

    // The district's figures.
    call(admin, "GET", "/api/v1/reports/licensure?by=community");
    call(admin, "GET", "/api/v1/reports/licensure?by=street&date=2026-11-28");
    call(admin, "GET", "/api/v1/reports/licensure/series?months=3");
    call(li, "GET", "/api/v1/reports/licensure?by=street"); // a trainer: their cohorts' people
    EXPECT_EQ(call(admin, "GET", "/api/v1/reports/licensure?by=planet").status, 400);
    EXPECT_EQ(call(admin, "GET", "/api/v1/reports/licensure/series?months=0").status, 400);

    // The record of all of it.
    call(admin, "GET", "/api/v1/audit?limit=20");
    EXPECT_EQ(call(li, "GET", "/api/v1/audit").status, 403);
    call(admin, "GET", "/api/v1/audit/verify");
    EXPECT_EQ(
        call(ApiClient(admin).session(cookie, "forged"), "POST", "/api/v1/auth/logout").status,
        403);
    EXPECT_EQ(call(admin, "POST", "/api/v1/auth/logout").status, 200);

    std::string never;
    for (const auto& op : untried_)
        never += "\n    " + op;
    EXPECT_TRUE(untried_.empty())
        << "documented operations this test never saw succeed (call them above, so that their "
           "schemas are checked):"
        << never;
}

} // namespace
} // namespace yanzhen::testsupport
