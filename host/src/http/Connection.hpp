/// \file Connection.hpp
/// One client connection, from its first byte to its close: Poco's HTTP request loop
/// (HTTPServerConnection), with what Poco's own loop lacks against slow or malformed clients.
///
/// Poco keeps a thread per connection and gives each socket read its own timeout, so a client
/// sending a byte every few seconds never times out and holds its thread for as long as it
/// likes: a handful of such clients (slowloris) took every thread. Here, as Apache's
/// mod_reqtimeout does:
///  - the request line and headers must have arrived within `headSeconds` of the server
///    starting to read them; the connection waits for the whole head (peeking at the socket) before
///    Poco parses it, so a parse never blocks on a slow client; past the deadline: 408, closed;
///  - a body must keep up a minimum rate: `bodyGraceSeconds`, plus one second for every
///    `bodyMinBytesPerSecond` bytes that have arrived (each read waits at most until then);
///  - at most `perAddress` connections from one network address at once: past it a new one is
///    answered 503 with Retry-After and closed, so one address cannot take every thread;
///  - a malformed `Content-Length` (not digits, too long, two that disagree, or beside chunked
///    transfer coding) is a 400, where Poco's loop closed the connection with no answer.
#pragma once

#include "Dispatcher.hpp"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <cstddef>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace yanzhen::http {

/// The limits every connection is held to (ServerConfig carries them).
struct ConnectionRules {
    /// The request line and headers arrive within this long of the server starting to read
    /// them (a connection that sends nothing at all is dropped after ServerConfig's timeout).
    int headSeconds = 10;
    /// The largest request head waited for; a longer one is 431 (Poco's own limits: 100 fields
    /// of at most 8 KiB each, parsed once the head is here).
    std::size_t maxHeadBytes = 64 * 1024;
    /// A body may take this long, plus a second for every bodyMinBytesPerSecond bytes so far.
    int bodyGraceSeconds = 10;
    std::size_t bodyMinBytesPerSecond = 500;
    /// Connections open at once from one address; 0: no cap.
    std::size_t perAddress = 32;
};

/// The connections open now: how many per address (the cap), and each one, so that a stopping
/// server can close those waiting for a request.
class ConnectionBook {
public:
    class Entry;

    /// Counts a connection from `address`; false (nothing counted) when the address is at the
    /// cap.
    bool admit(const std::string& address, std::size_t cap);
    void leave(const std::string& address);
    /// How many are open from `address` now.
    std::size_t openFrom(const std::string& address);

    void enlist(Entry* connection);
    void strike(Entry* connection);
    /// Stops every connection: none takes another request; those idle between requests close.
    void stopAll();

    /// What the book needs of a connection.
    class Entry {
    public:
        virtual ~Entry() = default;
        virtual void stop() = 0;
    };

private:
    std::mutex mutex_;
    std::map<std::string, std::size_t> perAddress_;
    std::set<Entry*> live_;
    bool stopped_ = false;
};

/// Makes the connection for each accepted socket; owned by the TCPServer, the book and the
/// dispatcher outlive it.
class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(const Dispatcher& dispatcher, Poco::Net::HTTPServerParams::Ptr params,
                      ConnectionRules rules, ConnectionBook& book)
        : dispatcher_(dispatcher), params_(std::move(params)), rules_(rules), book_(book) {}

    Poco::Net::TCPServerConnection*
    createConnection(const Poco::Net::StreamSocket& socket) override;

private:
    const Dispatcher& dispatcher_;
    Poco::Net::HTTPServerParams::Ptr params_;
    ConnectionRules rules_;
    ConnectionBook& book_;
};

} // namespace yanzhen::http
