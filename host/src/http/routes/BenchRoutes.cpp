// Bench-only routes: the limit the progress benchmark compares itself with. Added only by
// `yanzhen serve --bench-endpoints` (never by registerRoutes, so not part of the API, of its
// OpenAPI document or of its role matrix); bench/run.sh starts the server so.
//
//   GET /bench/bare?bytes=N   a JSON body of exactly N bytes (32 .. 1,048,576), built in
//                             memory: no database, no login, no JSON library; the same server,
//                             dispatcher and response path as every API answer.

#include "http/Api.hpp"
#include "http/RequestContext.hpp"

#include <algorithm>
#include <string>

namespace yanzhen::http {

namespace {

void bareBody(RequestContext& ctx) {
    std::size_t bytes = 1024;
    try {
        if (const auto q = ctx.query("bytes")) bytes = std::stoul(*q);
    } catch (const std::exception&) {
        throw ApiError(400, "invalid_query",
                       Text{"bytes 应为字节数", "bytes must be a number of bytes"});
    }
    bytes = std::clamp<std::size_t>(bytes, 32, 1 << 20);
    // {"pad":"xxx...x"} padded to the size asked for.
    std::string body = "{\"pad\":\"";
    body.append(bytes - body.size() - 2, 'x');
    body += "\"}";
    ctx.send(200, "application/json; charset=utf-8", body);
}

} // namespace

void addBenchRoutes(Router& router) {
    router.add("GET", "/bench/bare", Audience::Public, bareBody);
}

} // namespace yanzhen::http
