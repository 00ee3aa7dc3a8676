#include "Router.hpp"

#include <algorithm>

namespace yanzhen::http {

namespace {

/// The non-empty parts of `path` between slashes (views into it).
template <class Part> std::vector<Part> segments(std::string_view path) {
    std::vector<Part> out;
    std::size_t at = 0;
    while (at <= path.size()) {
        const std::size_t end = std::min(path.find('/', at), path.size());
        if (end > at) out.emplace_back(path.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

bool isParam(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string_view>& path,
             std::map<std::string, std::string>& params) {
    const auto& p = route.segments;
    if (p.size() != path.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!isParam(p[i]) && p[i] != path[i]) return false;
    params.clear();
    for (std::size_t i = 0; i < p.size(); ++i)
        if (isParam(p[i])) params[p[i].substr(1, p[i].size() - 2)] = std::string(path[i]);
    return true;
}

} // namespace

void Router::add(std::string method, std::string pattern, Audience audience, Handler handler) {
    auto parts = segments<std::string>(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), audience, std::move(handler),
                            std::move(parts)});
}

std::optional<RouteMatch> Router::match(const std::string& method, const std::string& path,
                                        bool& methodMismatch) const {
    methodMismatch = false;
    const auto parts = segments<std::string_view>(path);
    std::map<std::string, std::string> params;
    for (const auto& r : routes_) {
        if (!matches(r, parts, params)) continue;
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
    const auto parts = segments<std::string_view>(path);
    std::map<std::string, std::string> params;
    for (const auto& r : routes_) {
        if (matches(r, parts, params) &&
            std::find(methods.begin(), methods.end(), r.method) == methods.end())
            methods.push_back(r.method);
    }
    return methods;
}

} // namespace yanzhen::http
