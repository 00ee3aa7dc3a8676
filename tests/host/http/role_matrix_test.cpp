// Who may call what, proved against the real server: every route the router has (read from
// Router::routes(), so a new route cannot slip past) is called by every role, once on the
// caller's own records and once on someone else's, and the answer must be exactly what the
// access table below allows. The roles are the issue's: an admin does everything, a trainer
// only the cohorts and sessions assigned to them, a worker only their own progress, schedule
// and certificates; health, login and the verification pages are public.
//
// "Allowed" means the request got past every access check: 2xx, or 400/404/409 from the
// handler proper (a second enrollment of the same person is a conflict, not a refusal). A
// refusal is 401 for a caller who is not logged in and 403 for one who is.

#include "ApiServer.hpp"

#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialService.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace yanzhen::testsupport {
namespace {

/// Who a route lets through, in the terms of the issue.
enum class Rule {
    Public,      ///< anybody, logged in or not
    Account,     ///< any logged-in account
    Staff,       ///< admins and every trainer (a trainer's lists are narrowed, not refused)
    Admin,       ///< admins only
    ItsTrainers, ///< admins and the trainers assigned to the cohort (of the session)
    ItsPeople,   ///< admins, the cohort's trainers and the worker themself / enrolled in it
};

/// One line of the access table: a route, who may call it, and the body a write sends
/// ($cohort, $session, $worker stand for the ids of the records the call is about).
struct Access {
    const char* route; ///< "METHOD pattern", as the router has it
    Rule rule;
    const char* body = nullptr;
    bool runLast = false; ///< changes a record the other calls use (cancels a session)
};

// clang-format off
const std::vector<Access> kTable = {
    {"GET /healthz",                                Rule::Public},
    {"GET /api/v1/openapi.json",                    Rule::Public},
    {"POST /api/v1/auth/login",                     Rule::Public, "{}"},
    {"POST /api/v1/auth/logout",                    Rule::Account},
    {"GET /api/v1/auth/me",                         Rule::Account},
    {"GET /api/v1/plugins",                         Rule::Staff},
    {"GET /api/v1/courses",                         Rule::Account},
    {"GET /api/v1/courses/{id}",                    Rule::Account},
    {"GET /api/v1/workers",                         Rule::Staff},
    {"GET /api/v1/workers/{id}",                    Rule::ItsPeople},
    {"GET /api/v1/workers/{id}/progress",           Rule::ItsPeople},
    {"GET /api/v1/workers/{id}/evidence",           Rule::ItsPeople},
    {"GET /api/v1/workers/{id}/calendar.ics",       Rule::ItsPeople},
    {"GET /api/v1/cohorts",                         Rule::Staff},
    {"POST /api/v1/cohorts",                        Rule::Admin,
        R"({"code": "TY-M", "name": "矩阵", "course": "touyan-linghang",
            "starts_on": "2025-05-01", "ends_on": "2025-06-30"})"},
    {"GET /api/v1/cohorts/{id}",                    Rule::ItsTrainers},
    {"POST /api/v1/cohorts/{id}/enrollments",       Rule::ItsTrainers, R"({"workers": ["N-001"]})"},
    {"GET /api/v1/cohorts/{id}/report",             Rule::ItsTrainers},
    {"GET /api/v1/cohorts/{id}/members",            Rule::ItsTrainers},
    {"GET /api/v1/cohorts/{id}/course",             Rule::ItsTrainers},
    {"GET /api/v1/cohorts/{id}/sessions",           Rule::ItsPeople},
    {"GET /api/v1/cohorts/{id}/calendar.ics",       Rule::ItsPeople},
    {"POST /api/v1/sessions/check",                 Rule::ItsTrainers,
        R"({"cohort": $cohort, "template": "oath", "starts_at": "2025-03-10T09:00",
            "ends_at": "2025-03-10T09:30", "place": "矩阵会议室"})"},
    {"POST /api/v1/sessions",                       Rule::ItsTrainers,
        R"({"cohort": $cohort, "template": "oath", "starts_at": "2025-03-11T09:00",
            "ends_at": "2025-03-11T09:30", "place": "矩阵会议室"})"},
    {"GET /api/v1/sessions/{id}",                   Rule::ItsPeople},
    {"POST /api/v1/sessions/{id}/cancel",           Rule::ItsTrainers, R"({"reason": "矩阵"})",
        true},
    {"POST /api/v1/sessions/{id}/bookings",         Rule::ItsPeople, R"({"worker": $worker})"},
    {"DELETE /api/v1/sessions/{id}/bookings/{worker}", Rule::ItsPeople},
    {"POST /api/v1/evidence",                       Rule::ItsTrainers,
        R"({"worker": $worker, "session": $session, "kind": "attendance",
            "fields": {"status": "present"}})"},
    {"GET /.well-known/yanzhen-signing-key",        Rule::Public},
    {"GET /verify/{serial}",                        Rule::Public},
    {"GET /api/v1/workers/{id}/credentials",        Rule::ItsPeople},
    {"POST /api/v1/credentials",                    Rule::ItsTrainers,
        R"({"worker": $worker, "course": "touyan-linghang", "credential": "district_licence"})"},
    {"GET /api/v1/credentials/expiring",            Rule::Staff},
    {"GET /api/v1/credentials/{serial}",            Rule::ItsPeople},
    {"GET /api/v1/credentials/{serial}/pdf",        Rule::ItsPeople},
    {"POST /api/v1/credentials/{serial}/renew",     Rule::ItsTrainers, nullptr, true},
    {"POST /api/v1/credentials/{serial}/reissue",   Rule::ItsTrainers, R"({"reason": "矩阵"})",
        true},
    {"POST /api/v1/credentials/{serial}/revoke",    Rule::ItsTrainers, R"({"reason": "矩阵"})",
        true},
    {"GET /api/v1/reports/licensure",               Rule::Staff},
    {"GET /api/v1/reports/licensure/series",        Rule::Staff},
    {"GET /api/v1/audit",                           Rule::Admin},
    {"GET /api/v1/audit/verify",                    Rule::Admin},
    {"GET /api/v1/accounts",                        Rule::Admin},
    {"POST /api/v1/accounts",                       Rule::Admin,
        R"({"username": "matrix-clerk", "role": "admin", "password": "matrix-password-1"})"},
    {"POST /api/v1/accounts/disable",               Rule::Admin, R"({"username": "matrix-nobody"})"},
    {"POST /api/v1/accounts/password",              Rule::Admin,
        R"({"username": "matrix-nobody", "password": "matrix-password-2"})"},
};
// clang-format on

enum class Kind { Anonymous, Admin, Trainer, Worker };

/// The records a call is about: the caller's own, or someone else's.
struct Records {
    store::Id cohort = 0;
    store::Id session = 0;
    store::Id worker = 0;
    std::string course;
    std::string serial; ///< a certificate the worker holds
};

struct Role {
    std::string name;
    Kind kind;
    ApiClient client;
    Records own;
    Records other;
};

bool allowed(Rule rule, Kind kind, bool own) {
    switch (rule) {
    case Rule::Public: return true;
    case Rule::Account: return kind != Kind::Anonymous;
    case Rule::Staff: return kind == Kind::Admin || kind == Kind::Trainer;
    case Rule::Admin: return kind == Kind::Admin;
    case Rule::ItsTrainers: return kind == Kind::Admin || (kind == Kind::Trainer && own);
    case Rule::ItsPeople:
        return kind == Kind::Admin || ((kind == Kind::Trainer || kind == Kind::Worker) && own);
    }
    return false;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

/// The path of `pattern` about `records`: each {name} filled by what the segment before it
/// (or the name itself) says it is. Empty (and a failure) for a parameter it cannot fill.
std::string fill(const std::string& pattern, const Records& records) {
    std::string path;
    std::string previous;
    std::istringstream in(pattern);
    std::string segment;
    while (std::getline(in, segment, '/')) {
        if (segment.empty()) continue;
        std::string value = segment;
        if (segment.front() == '{' && segment.back() == '}') {
            const std::string name = segment.substr(1, segment.size() - 2);
            const std::string kind = name == "id" ? previous : name;
            if (kind == "cohorts")
                value = std::to_string(records.cohort);
            else if (kind == "sessions")
                value = std::to_string(records.session);
            else if (kind == "workers" || kind == "worker")
                value = std::to_string(records.worker);
            else if (kind == "courses")
                value = records.course;
            else if (kind == "serial")
                value = records.serial;
            else {
                ADD_FAILURE() << pattern << ": the matrix does not know what {" << name
                              << "} names; teach fill() about it";
                return "";
            }
        }
        path += "/" + value;
        previous = segment;
    }
    return path;
}

std::string bodyFor(const Access& access, const Records& records) {
    if (access.body == nullptr) return "";
    std::string body = access.body;
    replaceAll(body, "$cohort", std::to_string(records.cohort));
    replaceAll(body, "$session", std::to_string(records.session));
    replaceAll(body, "$worker", std::to_string(records.worker));
    return body;
}

std::string routeName(const http::Route& r) {
    return r.method + " " + r.pattern;
}

class RoleMatrix : public ::testing::Test {
protected:
    void SetUp() override {
        trainerA_ = server_.addPerson("T-A", "甲老师", "trainer");
        trainerB_ = server_.addPerson("T-B", "乙老师", "trainer");
        workerA_ = server_.addPerson("W-A", "甲社工", "social_worker");
        workerB_ = server_.addPerson("W-B", "乙社工", "social_worker");
        server_.addPerson("N-001", "丙社工", "social_worker"); // enrolled by the matrix itself
        admin_ = server_.withToken("admin", "admin");

        cohortA_ = createCohort("TY-A", "T-A", workerA_);
        cohortB_ = createCohort("TY-B", "T-B", workerB_);
        sessionA_ = schedule(cohortA_, "甲教室");
        sessionB_ = schedule(cohortB_, "乙教室");
        // A certificate each, granted directly (earning one is the credential tests' part).
        const auto keyFile = services::defaultSigningKeyFile(server_.db().file());
        services::SigningKey::create(keyFile);
        services::CredentialService certificates(server_.store(), server_.versions(), keyFile);
        const auto hash = server_.catalog().find("touyan-linghang")->hash;
        serialA_ = certificates.grant("test", workerA_, hash, "district_licence", 20089).row.serial;
        serialB_ = certificates.grant("test", workerB_, hash, "district_licence", 20089).row.serial;
    }

    store::Id createCohort(const std::string& code, const std::string& trainer, store::Id worker) {
        const auto created =
            admin_.post("/api/v1/cohorts", R"({"code": ")" + code + R"(", "name": ")" + code +
                                               R"(", "course": "touyan-linghang",
            "starts_on": "2025-03-01", "ends_on": "2025-04-30", "trainers": [")" +
                                               trainer + R"("]})");
        EXPECT_EQ(created.status, 201) << created.body;
        const store::Id id = created.object()->optValue<store::Id>("id", 0);
        const auto enrolled = admin_.post("/api/v1/cohorts/" + std::to_string(id) + "/enrollments",
                                          R"({"workers": [)" + std::to_string(worker) + "]}");
        EXPECT_EQ(enrolled.status, 201) << enrolled.body;
        return id;
    }

    store::Id schedule(store::Id cohort, const std::string& place) {
        const auto r = admin_.post("/api/v1/sessions", R"({"cohort": )" + std::to_string(cohort) +
                                                           R"(, "template": "opening",
            "starts_at": "2025-03-03T09:00", "ends_at": "2025-03-03T10:30", "place": ")" +
                                                           place + "\"}");
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.object()->getValue<store::Id>("id") : 0;
    }

    ApiServer server_;
    ApiClient admin_{0};
    store::Id trainerA_ = 0, trainerB_ = 0, workerA_ = 0, workerB_ = 0;
    store::Id cohortA_ = 0, cohortB_ = 0, sessionA_ = 0, sessionB_ = 0;
    std::string serialA_, serialB_;
};

TEST_F(RoleMatrix, EveryRouteAnswersEveryRoleExactlyAsTheAccessTableSays) {
    const Records a{cohortA_, sessionA_, workerA_, "touyan-linghang", serialA_};
    const Records b{cohortB_, sessionB_, workerB_, "national-social-worker", serialB_};
    std::vector<Role> roles = {
        {"anonymous", Kind::Anonymous, server_.anonymous(), a, b},
        {"admin", Kind::Admin, admin_, a, b},
        {"trainer of A", Kind::Trainer, server_.withToken("trainer-a", "trainer", "T-A"), a, b},
        {"trainer of B", Kind::Trainer, server_.withToken("trainer-b", "trainer", "T-B"), b, a},
        {"worker in A", Kind::Worker, server_.withToken("worker-a", "worker", "W-A"), a, b},
        {"worker in B", Kind::Worker, server_.withToken("worker-b", "worker", "W-B"), b, a},
    };

    std::map<std::string, const Access*> table;
    for (const auto& access : kTable)
        table[access.route] = &access;

    // Every route of the router must have its line; the lines must all be routes.
    std::vector<std::pair<const http::Route*, const Access*>> plan;
    std::set<std::string> seen;
    for (const auto& route : server_.router().routes()) {
        const std::string name = routeName(route);
        seen.insert(name);
        const auto line = table.find(name);
        if (line == table.end()) {
            ADD_FAILURE() << "route " << name
                          << " has no line in the access table of role_matrix_test.cpp: say who "
                             "may call it";
            continue;
        }
        plan.emplace_back(&route, line->second);
    }
    for (const auto& access : kTable)
        EXPECT_TRUE(seen.count(access.route))
            << "the access table names " << access.route << ", which the router does not have";
    // Reads first, then writes, then what would change the records the others use.
    std::stable_sort(plan.begin(), plan.end(), [](const auto& x, const auto& y) {
        const auto rank = [](const auto& p) {
            return p.second->runLast ? 2 : (p.first->method == "GET" ? 0 : 1);
        };
        return rank(x) < rank(y);
    });

    std::size_t cells = 0;
    std::ostringstream grid;
    for (const auto& [route, access] : plan) {
        grid << routeName(*route) << "\n   ";
        for (const auto& role : roles) {
            for (const bool own : {true, false}) {
                const Records& records = own ? role.own : role.other;
                const std::string path = fill(route->pattern, records);
                if (path.empty()) continue;
                const auto r = role.client.request(route->method, path, bodyFor(*access, records));
                ++cells;
                grid << ' ' << r.status;
                const std::string cell = routeName(*route) + " as " + role.name + " on " +
                                         (own ? "own" : "someone else's") + " records (" +
                                         route->method + " " + path + ")";
                if (allowed(access->rule, role.kind, own)) {
                    EXPECT_NE(r.status, 401) << cell << " must be allowed: " << r.body;
                    EXPECT_NE(r.status, 403) << cell << " must be allowed: " << r.body;
                    EXPECT_LT(r.status, 500) << cell << ": " << r.body;
                    EXPECT_NE(r.status, 405) << cell << ": " << r.body;
                    // A 404 must come from the handler (no such record), not from the router.
                    EXPECT_EQ(r.body.find("no such path"), std::string::npos)
                        << cell << ": " << r.body;
                } else {
                    const int refusal = role.kind == Kind::Anonymous ? 401 : 403;
                    EXPECT_EQ(r.status, refusal) << cell << " must be refused: " << r.body;
                    const std::string code = r.errorCode();
                    EXPECT_TRUE(code == "unauthorized" || code == "forbidden")
                        << cell << ": " << r.body;
                }
            }
        }
        grid << '\n';
    }
    const std::size_t expected = plan.size() * roles.size() * 2;
    EXPECT_EQ(cells, expected);
    std::cout << "role matrix: " << plan.size() << " routes x " << roles.size()
              << " roles x own/other = " << cells << " calls\n"
              << "(status per role: anonymous, admin, trainer of A, trainer of B, worker in A, "
                 "worker in B; own then other)\n"
              << grid.str();
}

/// A browser's login: its session cookie and CSRF token.
struct BrowserSession {
    std::string cookie;
    std::string csrf;
};

BrowserSession logIn(unsigned short port, const std::string& username) {
    ApiClient browser(port);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("username", username);
    body->set("password", std::string(ApiServer::kPassword));
    const auto r = browser.post("/api/v1/auth/login", body);
    EXPECT_EQ(r.status, 200) << r.body;
    BrowserSession s;
    for (const auto& c : browser.cookiesSet())
        if (c.getName() == http::kSessionCookie) s.cookie = c.getValue();
    s.csrf = r.object()->optValue<std::string>("csrf_token", "");
    return s;
}

/// POSTs `body` with the session cookie and, when `csrf` is given, an X-CSRF-Token header;
/// the status, and the answer in `answer`.
int cookieWrite(unsigned short port, const std::string& cookie, const std::string* csrf,
                const std::string& path, const std::string& body, std::string& answer) {
    Poco::Net::HTTPClientSession client("127.0.0.1", port);
    Poco::Net::HTTPRequest req("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::NameValueCollection cookies;
    cookies.add(http::kSessionCookie, cookie);
    req.setCookies(cookies);
    if (csrf != nullptr) req.set("X-CSRF-Token", *csrf);
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    client.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = client.receiveResponse(res);
    answer.clear();
    Poco::StreamCopier::copyToString(in, answer);
    return static_cast<int>(res.getStatus());
}

TEST_F(RoleMatrix, ABrowserSessionWritesOnlyWithItsOwnCsrfToken) {
    server_.addAccount("web-admin", "admin");
    const BrowserSession first = logIn(server_.port(), "web-admin");
    const BrowserSession second = logIn(server_.port(), "web-admin");
    ASSERT_FALSE(first.cookie.empty());
    ASSERT_FALSE(first.csrf.empty());
    const std::string cohort = "/api/v1/cohorts/" + std::to_string(cohortA_);
    const auto members = [&] { return admin_.get(cohort).object()->getArray("members")->size(); };

    const std::string enroll = R"({"workers": ["N-001"]})";
    std::string answer;
    EXPECT_EQ(
        cookieWrite(server_.port(), first.cookie, nullptr, cohort + "/enrollments", enroll, answer),
        403)
        << answer;
    EXPECT_NE(answer.find(R"("code":"csrf")"), std::string::npos) << answer;
    const std::string wrong = first.csrf + "x";
    EXPECT_EQ(
        cookieWrite(server_.port(), first.cookie, &wrong, cohort + "/enrollments", enroll, answer),
        403)
        << answer;
    EXPECT_NE(answer.find(R"("code":"csrf")"), std::string::npos) << answer;
    // Another session's token is no better.
    EXPECT_EQ(cookieWrite(server_.port(), first.cookie, &second.csrf, cohort + "/enrollments",
                          enroll, answer),
              403)
        << answer;
    EXPECT_EQ(members(), 1u) << "nothing was written";

    EXPECT_EQ(cookieWrite(server_.port(), first.cookie, &first.csrf, cohort + "/enrollments",
                          enroll, answer),
              201)
        << answer;
    EXPECT_EQ(members(), 2u);

    // A read needs the cookie only.
    ApiClient reader(server_.port());
    reader.session(first.cookie, "");
    const auto me = reader.get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.object()->getValue<std::string>("via"), "session");
}

} // namespace
} // namespace yanzhen::testsupport
