/// \file LingeringClose.hpp
/// Closing a connection whose client is still sending, without losing the answer.
///
/// When the server answers before it has read a request's body (a 413 for a body too large, a
/// 405 on a page) and then closes the connection, the client's bytes still arriving, or already
/// waiting in the receive buffer, make the kernel send a reset; the reset can reach the client
/// before it has read the answer, which it then sees as "connection reset by peer". So, as
/// Apache's lingering close and nginx's `lingering_close` do, the server first shuts down its
/// sending side (the answer goes out, followed by FIN), then reads and drops what still comes
/// for a bounded time and size, and only then closes.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>

namespace yanzhen::http {

struct Lingering {
    /// At most this long in all: a client that keeps sending after it is told no does not hold
    /// a server thread for longer.
    std::chrono::milliseconds total{5000};
    /// Closes once the client has been silent this long: it has stopped sending.
    std::chrono::milliseconds quiet{1000};
    /// Closes after dropping this many bytes.
    std::size_t maxBytes = 16 * 1024 * 1024;
};

/// Shuts down the sending side of `request`'s connection (everything written to it has been
/// handed to the kernel by then: flush any stream first) and drains its input within `limits`.
/// Poco closes the connection afterwards, as the answer said (Connection: close). Never throws.
void lingerBeforeClose(Poco::Net::HTTPServerRequest& request, const Lingering& limits);
/// The same on a bare connection (an answer written before any request was parsed).
void lingerBeforeClose(Poco::Net::StreamSocket& socket, const Lingering& limits);

} // namespace yanzhen::http
