/// \file StaticFiles.hpp
/// The web pages (host/web, installed as share/yanzhen/web): the few files a browser loads
/// before it calls the API. Only GET and HEAD, only "/" (index.html) and files under /css/,
/// /js/ and /img/ with a known extension; every path segment is a plain name (letters, digits,
/// '.', '-', '_', not starting with '.'), so "..", hidden files, NUL, backslashes and absolute
/// paths never reach the file system, and the resolved file must still lie under the root
/// (a symbolic link out of it is refused). No directory listings. Answers carry an ETag and
/// Last-Modified with Cache-Control: no-cache (the browser revalidates, 304 when unchanged)
/// and the security headers of the pages (a Content-Security-Policy without inline scripts).
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace yanzhen::http {

class StaticFiles {
public:
    /// The largest file served by default; the pages are a few dozen KiB.
    static constexpr std::uintmax_t kDefaultMaxBytes = 2 * 1024 * 1024;

    /// Serves the files under `root` (which need not exist yet: then every page is 404).
    explicit StaticFiles(std::filesystem::path root, std::uintmax_t maxBytes = kDefaultMaxBytes);

    /// True when `path` (decoded, as Poco::URI::getPath gives it) is one the pages answer
    /// rather than the API: "/", "/index.html", or anything under /css/, /js/ or /img/.
    static bool owns(const std::string& path);

    /// The Content-Type for a file name by its extension, or nothing for a type not served.
    static std::optional<std::string> contentType(const std::string& fileName);

    /// Answers the request for `path` (one that owns() accepts): 200 with the file, 304 when
    /// the browser's copy is current, 404 for anything missing, refused or larger than the
    /// limit, 405 for methods other than GET and HEAD. Throws only when writing fails.
    void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
               const std::string& path) const;

    /// The headers every page answer carries (CSP, nosniff, referrer policy, frame denial).
    static void securityHeaders(Poco::Net::HTTPServerResponse& response);

    const std::filesystem::path& root() const { return root_; }

private:
    /// The file for `path` under the root, or nothing when the path is refused or not a
    /// regular file there.
    std::optional<std::filesystem::path> resolve(const std::string& path) const;

    std::filesystem::path root_;
    std::uintmax_t maxBytes_;
};

} // namespace yanzhen::http
