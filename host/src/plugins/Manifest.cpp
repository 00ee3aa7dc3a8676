#include "Manifest.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

namespace yanzhen::plugins {

std::filesystem::path manifestPathFor(const std::filesystem::path& library) {
    return library.parent_path() / (library.stem().string() + ".plugin.json");
}

namespace {

std::string requiredString(const Poco::JSON::Object& o, const std::string& key,
                           const std::string& file) {
    if (!o.has(key) || !o.get(key).isString())
        throw ManifestError(Text{"清单 " + file + " 缺少文本键“" + key + "”",
                                 "manifest " + file + " has no text key '" + key + "'"});
    return o.getValue<std::string>(key);
}

} // namespace

Manifest readManifest(const std::filesystem::path& file) {
    constexpr std::uintmax_t kMaxBytes = 64 * 1024; // a manifest is a few hundred bytes
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw ManifestError(
            Text{"找不到清单文件 " + file.string(), "no manifest file " + file.string()});
    if (size > kMaxBytes)
        throw ManifestError(Text{"清单 " + file.string() + " 过大",
                                 "manifest " + file.string() + " is over 64 KiB"});
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Poco::JSON::Object::Ptr root;
    try {
        root = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw ManifestError(Text{"清单 " + file.string() + " 不是有效的 JSON 对象",
                                 "manifest " + file.string() + " is not a JSON object"});
    }
    const std::string name = file.filename().string();
    Manifest m;
    m.id = requiredString(*root, "id", name);
    m.version = requiredString(*root, "version", name);
    m.abi = requiredString(*root, "abi", name);
    m.library = requiredString(*root, "library", name);
    m.status = root->optValue<std::string>("status", "experimental");
    if (root->has("title") && root->isObject("title")) {
        const auto title = root->getObject("title");
        m.title =
            Text{title->optValue<std::string>("zh", ""), title->optValue<std::string>("en", "")};
    }
    return m;
}

} // namespace yanzhen::plugins
