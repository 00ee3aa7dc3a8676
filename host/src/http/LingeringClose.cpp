#include "LingeringClose.hpp"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>

namespace yanzhen::http {

void lingerBeforeClose(Poco::Net::HTTPServerRequest& request, const Lingering& limits) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (impl != nullptr) lingerBeforeClose(impl->socket(), limits);
}

void lingerBeforeClose(Poco::Net::StreamSocket& socket, const Lingering& limits) {
    try {
        socket.shutdownSend();
        const auto deadline = std::chrono::steady_clock::now() + limits.total;
        char buffer[16 * 1024];
        std::size_t dropped = 0;
        while (dropped < limits.maxBytes) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            const auto wait = std::min<std::chrono::microseconds>(left, limits.quiet);
            if (!socket.poll(Poco::Timespan(wait.count()), Poco::Net::Socket::SELECT_READ)) break;
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) break; // the client closed its side: all it sent is read
            dropped += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        // The client went away (reset, broken pipe): there is nobody left to answer.
    }
}

} // namespace yanzhen::http
