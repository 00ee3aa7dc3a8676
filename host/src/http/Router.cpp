#include "Router.hpp"

#include <algorithm>
#include <sstream>

namespace yanzhen::http {

namespace {

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(path);
    while (std::getline(in, part, '/'))
        if (!part.empty()) out.push_back(part);
    return out;
}

bool matches(const std::string& pattern, const std::string& path,
             std::map<std::string, std::string>& params) {
    const auto p = segments(pattern);
    const auto s = segments(path);
    if (p.size() != s.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
            found[p[i].substr(1, p[i].size() - 2)] = s[i];
        } else if (p[i] != s[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

} // namespace

void Router::add(std::string method, std::string pattern, Audience audience, Handler handler) {
    routes_.push_back(Route{std::move(method), std::move(pattern), audience, std::move(handler)});
}

std::optional<RouteMatch> Router::match(const std::string& method, const std::string& path,
                                        bool& methodMismatch) const {
    methodMismatch = false;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (!matches(r.pattern, path, params)) continue;
        if (r.method != method) {
            methodMismatch = true;
            continue;
        }
        return RouteMatch{&r, std::move(params)};
    }
    return std::nullopt;
}

std::vector<std::string> Router::methodsFor(const std::string& path) const {
    std::vector<std::string> methods;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (matches(r.pattern, path, params) &&
            std::find(methods.begin(), methods.end(), r.method) == methods.end())
            methods.push_back(r.method);
    }
    return methods;
}

} // namespace yanzhen::http
