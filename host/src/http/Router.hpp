/// \file Router.hpp
/// The API's routes: a method, a path pattern with {named} segments, and a handler. One table,
/// so the dispatcher, the 404/405 answers and the OpenAPI parity test all read the same list.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::http {

class RequestContext;
using Handler = std::function<void(RequestContext&)>;

/// Who may call a route before its handler runs. Finer checks (a trainer's own cohorts, a
/// worker's own record) are the handler's, through Access.hpp.
enum class Audience {
    Public,        ///< no login (health, login, verification pages)
    Authenticated, ///< any logged-in account; the handler narrows it
    Staff,         ///< admins and trainers
    Admin,         ///< admins only
};

struct Route {
    std::string method;  ///< GET, POST, PUT, DELETE
    std::string pattern; ///< e.g. /api/v1/workers/{id}/progress
    Audience audience = Audience::Authenticated;
    Handler handler;
    /// The pattern split at '/', once when added (a request splits only its path).
    std::vector<std::string> segments;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
};

class Router {
public:
    void add(std::string method, std::string pattern, Audience audience, Handler handler);

    /// The first route (in the order added: add literal paths before patterns that would also
    /// match them) for `method` and `path`; nothing when no pattern matches the path at all.
    /// When a pattern matches the path but not the method, `methodMismatch` is set (405).
    std::optional<RouteMatch> match(const std::string& method, const std::string& path,
                                    bool& methodMismatch) const;

    /// The methods of the routes whose patterns match `path`, each once, in the order added:
    /// what the Allow header of a 405 answer lists.
    std::vector<std::string> methodsFor(const std::string& path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

} // namespace yanzhen::http
