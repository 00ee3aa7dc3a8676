#include "StaticFiles.hpp"

#include "LingeringClose.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace yanzhen::http {

namespace {

namespace fs = std::filesystem;

// No inline scripts or styles, nothing from elsewhere: an injected <script> does not run.
const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/// A plain file or folder name: no "..", no hidden files, nothing a shell or a file system
/// would read as anything but a name.
bool plainName(const std::string& segment) {
    if (segment.empty() || segment.size() > 128 || segment.front() == '.') return false;
    for (const unsigned char c : segment)
        if (!std::isalnum(c) && c != '.' && c != '-' && c != '_') return false;
    return true;
}

void plainAnswer(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus s,
                 const std::string& text) {
    response.setStatusAndReason(s);
    response.setContentType("text/plain; charset=utf-8");
    response.set("Cache-Control", "no-store");
    response.sendBuffer(text.data(), text.size());
}

} // namespace

StaticFiles::StaticFiles(std::filesystem::path root, std::uintmax_t maxBytes)
    : root_(std::move(root)), maxBytes_(maxBytes) {}

bool StaticFiles::owns(const std::string& path) {
    if (path == "/" || path == "/index.html") return true;
    for (const char* prefix : {"/css/", "/js/", "/img/"})
        if (path.rfind(prefix, 0) == 0) return true;
    return false;
}

std::optional<std::string> StaticFiles::contentType(const std::string& fileName) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml; charset=utf-8"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
    };
    const auto dot = fileName.rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    const auto found = kTypes.find(fileName.substr(dot));
    if (found == kTypes.end()) return std::nullopt;
    return found->second;
}

void StaticFiles::securityHeaders(Poco::Net::HTTPServerResponse& response) {
    response.set("Content-Security-Policy", kContentSecurityPolicy);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
}

std::optional<std::filesystem::path> StaticFiles::resolve(const std::string& path) const {
    const std::string relative = path == "/" ? "index.html" : path.substr(1);
    fs::path file = root_;
    std::size_t start = 0;
    while (start <= relative.size()) {
        const auto slash = relative.find('/', start);
        const std::string segment =
            relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!plainName(segment)) return std::nullopt;
        file /= segment;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::error_code ec;
    const fs::path canonicalRoot = fs::canonical(root_, ec);
    if (ec) return std::nullopt;
    const fs::path canonicalFile = fs::canonical(file, ec);
    if (ec || !fs::is_regular_file(canonicalFile, ec)) return std::nullopt;
    // A symbolic link inside the root must not lead out of it.
    const auto [rootEnd, fileAt] = std::mismatch(canonicalRoot.begin(), canonicalRoot.end(),
                                                 canonicalFile.begin(), canonicalFile.end());
    if (rootEnd != canonicalRoot.end()) return std::nullopt;
    return canonicalFile;
}

void StaticFiles::serve(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, const std::string& path) const {
    securityHeaders(response);
    const std::string& method = request.getMethod();
    if (method != "GET" && method != "HEAD") {
        response.set("Allow", "GET, HEAD");
        // Its body is not read: close rather than take it for the next request.
        response.setKeepAlive(false);
        plainAnswer(response, Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                    "405 method not allowed\n");
        if (request.getChunkedTransferEncoding() || request.getContentLength64() > 0)
            lingerBeforeClose(request, Lingering{});
        return;
    }
    const auto file = resolve(path);
    const auto type = file ? contentType(file->filename().string()) : std::nullopt;
    std::error_code ec;
    const auto size = file ? fs::file_size(*file, ec) : 0;
    if (!file || !type || ec) {
        plainAnswer(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "404 not found\n");
        return;
    }
    if (size > maxBytes_) {
        std::cerr << "yanzhen serve: " << file->string() << " is larger than " << maxBytes_
                  << " bytes: not served\n";
        plainAnswer(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "404 not found\n");
        return;
    }
    const auto written = fs::last_write_time(*file, ec);
    const auto sinceEpoch = std::chrono::file_clock::to_sys(written).time_since_epoch();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(sinceEpoch).count();
    std::ostringstream tag;
    tag << "W/\"" << std::hex << size << "-" << micros << "\"";
    const std::string etag = tag.str();
    const Poco::Timestamp modified(micros);
    const std::string lastModified =
        Poco::DateTimeFormatter::format(modified, Poco::DateTimeFormat::HTTP_FORMAT);

    response.set("ETag", etag);
    response.set("Last-Modified", lastModified);
    // Always revalidate: a new build is seen at once, an unchanged file costs a 304.
    response.set("Cache-Control", "no-cache");

    bool current = false;
    if (request.has("If-None-Match")) {
        const std::string want = request.get("If-None-Match");
        current = want == "*" || want.find(etag) != std::string::npos ||
                  want.find(etag.substr(2)) != std::string::npos;
    } else if (request.has("If-Modified-Since")) {
        try {
            int tzd = 0;
            const auto since = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT,
                                                           request.get("If-Modified-Since"), tzd);
            current = modified.epochTime() <= since.timestamp().epochTime();
        } catch (const Poco::Exception&) { // unreadable date: send the file
        }
    }
    if (current) {
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(0);
        response.send();
        return;
    }

    std::ifstream in(*file, std::ios::binary);
    std::string body(static_cast<std::size_t>(size), '\0');
    if (!in.read(body.data(), static_cast<std::streamsize>(body.size()))) {
        plainAnswer(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "404 not found\n");
        return;
    }
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType(*type);
    response.sendBuffer(body.data(), body.size());
}

} // namespace yanzhen::http
