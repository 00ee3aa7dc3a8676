/// \file HttpServer.hpp
/// The API server: Poco's TCPServer on its own thread pool (the default pool caps concurrency
/// at 16 and holds a thread per keep-alive connection), each connection running our request
/// loop (Connection.hpp: head and body deadlines, a cap per address, strict framing), with the
/// limits that keep one slow or greedy client from starving the rest. Header limits are Poco's
/// own: at most 100 fields, a name of 256 bytes and a value of 8 KiB; past them the request is
/// answered 400.
#pragma once

#include "Connection.hpp"
#include "Dispatcher.hpp"

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <filesystem>
#include <memory>
#include <string>

namespace yanzhen::http {

struct ServerConfig {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080; ///< 0: any free port (tests)
    int threads = 64;        ///< concurrent connections served; size for the clients, not the cores
    int queue = 256;         ///< connections waiting for a thread before new ones are refused
    int timeoutSeconds = 10; ///< a client that sends nothing for this long is dropped
    int keepAliveSeconds = 10;
    /// Deadlines for a request's head and body, and the cap on connections per address.
    ConnectionRules connections;
    Limits limits;
    /// The web pages' folder (share/yanzhen/web); empty: no pages, only the API.
    std::filesystem::path webRoot;
    /// A page file larger than this is not served (404, and a line on stderr).
    std::uintmax_t webMaxFileBytes = StaticFiles::kDefaultMaxBytes;
    /// The cookie sessions are read from: kSessionCookie, or kSecureSessionCookie when the
    /// public address is https (the login route sets the same one).
    std::string sessionCookie = kSessionCookie;
};

class HttpServer {
public:
    /// Builds the server; the router and the authenticator must outlive it. Throws
    /// Poco::Net::NetException when the address cannot be bound.
    HttpServer(const Router& router, Authenticator authenticator, const ServerConfig& config);
    ~HttpServer();

    void start();
    /// Stops accepting, lets requests in flight finish (up to a few seconds), then returns.
    void stop();
    /// The port actually bound (useful with port 0).
    unsigned short port() const { return port_; }

private:
    // Declared in the order they are needed: each outlives the server that uses it.
    std::unique_ptr<StaticFiles> pages_;
    std::unique_ptr<Dispatcher> dispatcher_;
    ConnectionBook book_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    unsigned short port_ = 0;
};

} // namespace yanzhen::http
