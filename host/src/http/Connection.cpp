#include "Connection.hpp"

#include "LingeringClose.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <sys/socket.h>

#include <Poco/String.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace yanzhen::http {

// ---- the book -------------------------------------------------------------------------------

bool ConnectionBook::admit(const std::string& address, std::size_t cap) {
    std::lock_guard lock(mutex_);
    auto& open = perAddress_[address];
    if (cap != 0 && open >= cap) {
        if (open == 0) perAddress_.erase(address);
        return false;
    }
    ++open;
    return true;
}

void ConnectionBook::leave(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(address);
    if (it == perAddress_.end()) return;
    if (--it->second == 0) perAddress_.erase(it);
}

std::size_t ConnectionBook::openFrom(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(address);
    return it == perAddress_.end() ? 0 : it->second;
}

void ConnectionBook::enlist(Entry* connection) {
    std::lock_guard lock(mutex_);
    live_.insert(connection);
    if (stopped_) connection->stop();
}

void ConnectionBook::strike(Entry* connection) {
    std::lock_guard lock(mutex_);
    live_.erase(connection);
}

void ConnectionBook::stopAll() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    for (Entry* connection : live_)
        connection->stop();
}

namespace {

using Steady = std::chrono::steady_clock;

Poco::Timespan timespanOf(Steady::duration d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return Poco::Timespan(std::max<Poco::Timespan::TimeDiff>(us, 1000));
}

/// Poco's server session, with a body deadline on every read the body streams make (fixed
/// length and chunked both read through HTTPSession::read), and a look at its buffer.
class DeadlineSession : public Poco::Net::HTTPServerSession {
public:
    DeadlineSession(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    const ConnectionRules& rules)
        : HTTPServerSession(socket, params), rules_(rules), timeout_(params->getTimeout()) {}

    /// Bytes of the next request already read from the socket (a pipelining client).
    bool holdsBytes() const { return buffered() > 0; }

    /// The body of the request just parsed starts arriving now.
    void startBody() {
        bodyStart_ = Steady::now();
        bodyBytes_ = 0;
        timing_ = true;
    }
    /// The request is answered: reads are the head's again, under the plain timeout.
    void endBody() {
        if (!timing_) return;
        timing_ = false;
        socket().setReceiveTimeout(timeout_);
    }

protected:
    int read(char* buffer, std::streamsize length) override {
        if (!timing_) return HTTPServerSession::read(buffer, length);
        const auto allowed =
            std::chrono::seconds(rules_.bodyGraceSeconds) +
            std::chrono::milliseconds(rules_.bodyMinBytesPerSecond == 0
                                          ? 0
                                          : bodyBytes_ * 1000 / rules_.bodyMinBytesPerSecond);
        const auto left = bodyStart_ + allowed - Steady::now();
        if (left <= Steady::duration::zero())
            throw Poco::TimeoutException("the body arrives more slowly than the server allows");
        // Each read waits at most until the deadline (or the plain timeout, if sooner).
        const Poco::Timespan wait = std::min(timespanOf(left), timeout_);
        socket().setReceiveTimeout(wait);
        const int n = HTTPServerSession::read(buffer, length);
        if (n > 0) bodyBytes_ += static_cast<std::size_t>(n);
        return n;
    }

private:
    const ConnectionRules& rules_;
    Poco::Timespan timeout_;
    Steady::time_point bodyStart_{};
    std::size_t bodyBytes_ = 0;
    bool timing_ = false;
};

enum class Head { Ready, Closed, TimedOut, TooLarge };

/// Waits until the socket holds a whole request head (up to the blank line), without taking
/// any of it: Poco's parser then reads it at once. hasMoreRequests() has seen its first byte
/// arrive (or the connection close).
Head awaitHead(Poco::Net::StreamSocket& socket, const ConnectionRules& rules,
               Poco::Timespan idle, std::vector<char>& buffer, const std::atomic<bool>& stopped) {
    const auto deadline = Steady::now() + std::chrono::seconds(rules.headSeconds);
    // A client that stops sending altogether is dropped after the plain timeout, as before.
    const auto silence = std::chrono::microseconds(idle.totalMicroseconds());
    auto lastByte = Steady::now();
    buffer.resize(rules.maxHeadBytes);
    auto pause = std::chrono::milliseconds(1);
    std::size_t seen = 0;
    for (;;) {
        // A stopping server shuts the socket down, but what the client sent stays readable.
        if (stopped) return Head::Closed;
        const auto left = deadline - Steady::now();
        if (left <= Steady::duration::zero() || Steady::now() - lastByte > silence)
            return Head::TimedOut;
        int n = 0;
        try {
            socket.setReceiveTimeout(timespanOf(left));
            n = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()), MSG_PEEK);
        } catch (const Poco::TimeoutException&) {
            return Head::TimedOut;
        }
        if (n <= 0) return Head::Closed;
        const std::string_view got(buffer.data(), static_cast<std::size_t>(n));
        // Only the new bytes (and the three before them) can complete the blank line.
        const std::size_t from = seen > 3 ? seen - 3 : 0;
        if (got.find("\r\n\r\n", from) != std::string_view::npos) return Head::Ready;
        if (static_cast<std::size_t>(n) >= buffer.size()) return Head::TooLarge;
        // Nothing to poll for: the socket is readable already. A client that sends its head in
        // pieces is looked at again shortly, less often the longer it takes.
        if (static_cast<std::size_t>(n) == seen) {
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds(50));
        } else {
            lastByte = Steady::now();
        }
        seen = static_cast<std::size_t>(n);
    }
}

/// True when the request says where its body ends in one way only (RFC 9112 6.3): a
/// Content-Length of digits that fits, the same in every field that repeats it, and never
/// beside chunked transfer coding (a request smuggling vector).
bool framedClearly(const Poco::Net::HTTPServerRequest& request) {
    std::string length;
    for (auto it = request.find(Poco::Net::HTTPMessage::CONTENT_LENGTH); it != request.end();
         ++it) {
        if (Poco::icompare(it->first, Poco::Net::HTTPMessage::CONTENT_LENGTH) != 0) break;
        const std::string& value = it->second;
        if (value.empty() || value.size() > 15 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        if (!length.empty() && length != value) return false;
        length = value;
    }
    return length.empty() || !request.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING);
}

/// Answers `status` in the API's error shape and says the connection closes.
void answer(Poco::Net::HTTPServerSession& session, int status, const std::string& code,
            const Text& message, const std::string& retryAfter = "") {
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
    inner->set("code", code);
    inner->set("message", message.zh + " / " + message.en);
    Poco::JSON::Object outer;
    outer.set("error", inner);
    std::ostringstream body;
    outer.stringify(body);
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json; charset=utf-8");
    if (!retryAfter.empty()) response.set("Retry-After", retryAfter);
    response.setKeepAlive(false);
    response.setContentLength64(static_cast<Poco::Int64>(body.str().size()));
    response.send() << body.str() << std::flush;
    session.setKeepAlive(false);
}

/// One admitted connection: Poco's request loop (HTTPServerConnection::run) with the head and
/// body deadlines and the framing check.
class HttpConnection : public Poco::Net::TCPServerConnection, public ConnectionBook::Entry {
public:
    HttpConnection(const Poco::Net::StreamSocket& socket, const Dispatcher& dispatcher,
                   Poco::Net::HTTPServerParams::Ptr params, const ConnectionRules& rules,
                   ConnectionBook& book, std::string address, bool admitted)
        : TCPServerConnection(socket), dispatcher_(dispatcher), params_(std::move(params)),
          rules_(rules), book_(book), address_(std::move(address)), admitted_(admitted) {
        book_.enlist(this);
    }
    ~HttpConnection() override {
        book_.strike(this);
        if (admitted_) book_.leave(address_);
    }

    void run() override {
        DeadlineSession session(socket(), params_, rules_);
        if (!admitted_) {
            refuse(session);
            return;
        }
        std::vector<char> peek;
        const std::string server = params_->getSoftwareVersion();
        while (!stopped_ && session.hasMoreRequests()) {
            try {
                if (!session.holdsBytes()) {
                    const Head head = awaitHead(socket(), rules_, params_->getTimeout(), peek, stopped_);
                    if (head == Head::Closed) break;
                    if (head == Head::TimedOut) {
                        answer(session, 408, "request_timeout",
                               Text{"请求头发送过慢", "the request's head arrived too slowly"});
                        break;
                    }
                    if (head == Head::TooLarge) {
                        answer(session, 431, "header_too_large",
                               Text{"请求头过大", "the request's head is too large"});
                        break;
                    }
                    socket().setReceiveTimeout(params_->getTimeout());
                }
                std::unique_lock lock(mutex_);
                if (stopped_) break;
                serveOne(session, server);
            } catch (const Poco::Net::NoMessageException&) {
                break;
            } catch (const Poco::Net::MessageException&) {
                // A request Poco cannot parse (a bad request line, too many fields).
                answerQuietly(session, 400, "bad_request",
                              Text{"请求格式错误", "the request is malformed"});
                break;
            } catch (const Poco::Exception&) {
                break; // the client went away, or stopped sending: nobody to answer
            }
        }
    }

    void stop() override {
        stopped_ = true;
        // Waits for a request in flight; one waiting for its next request is woken by the
        // shutdown and ends.
        std::unique_lock lock(mutex_, std::defer_lock);
        const bool idle = lock.try_lock();
        if (!idle) return; // busy: it sees stopped_ once its answer is out
        try {
            socket().shutdown();
        } catch (...) {
        }
    }

private:
    void serveOne(DeadlineSession& session, const std::string& server) {
        Poco::Net::HTTPServerResponseImpl response(session);
        std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
        try {
            request = std::make_unique<Poco::Net::HTTPServerRequestImpl>(response, session,
                                                                         params_.get());
        } catch (const Poco::SyntaxException&) { // Content-Length that is not a number
            answerQuietly(session, 400, "bad_content_length",
                          Text{"Content-Length 格式错误", "the Content-Length is malformed"});
            session.setKeepAlive(false);
            return;
        }
        if (!framedClearly(*request)) {
            answerQuietly(session, 400, "bad_content_length",
                          Text{"Content-Length 格式错误或与分块传输并存",
                               "the Content-Length is malformed, repeated differently or beside "
                               "chunked transfer coding"});
            return;
        }
        response.setDate(Poco::Timestamp());
        response.setVersion(request->getVersion());
        response.setKeepAlive(params_->getKeepAlive() && request->getKeepAlive() &&
                              session.canKeepAlive());
        if (!server.empty()) response.set("Server", server);
        if (request->getExpectContinue()) response.sendContinue();
        session.startBody();
        dispatcher_.handle(*request, response);
        session.endBody();
        session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() &&
                             session.canKeepAlive());
    }

    /// The error answer, then a lingering close (the client may still be sending).
    void answerQuietly(DeadlineSession& session, int status, const std::string& code,
                       const Text& message) {
        try {
            session.endBody();
            answer(session, status, code, message);
            lingerBeforeClose(socket(), Lingering{});
        } catch (const Poco::Exception&) {
        }
    }

    /// Over the per-address cap: 503, and the connection closes.
    void refuse(DeadlineSession& session) {
        try {
            answer(session, 503, "too_many_connections",
                   Text{"来自此地址的连接过多，请稍后再试",
                        "too many connections from this address; try again shortly"},
                   "1");
            // Briefly: the thread is taken from those within the cap, and a client this far
            // over it is more likely a flood than a person.
            lingerBeforeClose(socket(), Lingering{std::chrono::milliseconds(300),
                                                  std::chrono::milliseconds(50), 64 * 1024});
        } catch (const Poco::Exception&) {
        }
    }

    const Dispatcher& dispatcher_;
    Poco::Net::HTTPServerParams::Ptr params_;
    const ConnectionRules& rules_;
    ConnectionBook& book_;
    std::string address_;
    bool admitted_;
    std::atomic<bool> stopped_{false};
    std::mutex mutex_;
};

} // namespace

Poco::Net::TCPServerConnection*
ConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
    std::string address;
    try {
        address = socket.peerAddress().host().toString();
    } catch (const Poco::Exception&) { // gone before it was served
    }
    const bool admitted = address.empty() || book_.admit(address, rules_.perAddress);
    return new HttpConnection(socket, dispatcher_, params_, rules_, book_,
                              admitted && !address.empty() ? address : std::string(), admitted);
}

} // namespace yanzhen::http
