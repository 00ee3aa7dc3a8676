#include "HttpServer.hpp"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace yanzhen::http {

HttpServer::HttpServer(const Router& router, Authenticator authenticator,
                       const ServerConfig& config) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(config.bind, config.port), 128);
    port_ = socket.address().port();
    // The server owns the params and the factory (Poco's contract); we own the pool, the
    // dispatcher and the book of open connections.
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams; // shared, counted
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.queue);
    params->setTimeout(Poco::Timespan(config.timeoutSeconds, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setServerName("yanzhen");
    pool_ = std::make_unique<Poco::ThreadPool>(2, config.threads + 1, 60);
    if (!config.webRoot.empty())
        pages_ = std::make_unique<StaticFiles>(config.webRoot, config.webMaxFileBytes);
    dispatcher_ = std::make_unique<Dispatcher>(router, std::move(authenticator), config.limits,
                                               pages_.get(), config.sessionCookie);
    server_ = std::make_unique<Poco::Net::TCPServer>(
        new ConnectionFactory(*dispatcher_, params, config.connections, book_), *pool_, socket,
        params);
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::start() {
    server_->start();
}

void HttpServer::stop() {
    if (!server_) return;
    // As Poco's HTTPServer::stopAll(false): accept no more, let requests in flight finish,
    // close the connections idle between requests.
    server_->stop();
    book_.stopAll();
    pool_->joinAll();
    server_.reset();
}

} // namespace yanzhen::http
