#include "PluginLoader.hpp"

#include <boost/dll/library_info.hpp>

#include <algorithm>
#include <optional>
#include <regex>

namespace yanzhen::plugins {

namespace {

const std::string kHostAbi =
    std::to_string(YANZHEN_ABI_MAJOR) + "." + std::to_string(YANZHEN_ABI_MINOR);

/// The size of yz_plugin as ABI 1.0 laid it out: the least a table may be.
constexpr std::size_t kPluginStructV1_0 = offsetof(yz_plugin, rank) + sizeof(yz_plugin::rank);

Refusal refuse(const std::filesystem::path& file, std::string id, std::string zh, std::string en) {
    return Refusal{file, std::move(id), Text{std::move(zh), std::move(en)}};
}

/// Step 2: the entry symbol, read from the file without running any of it. Returns the
/// refusal, or nothing when the entry is there.
std::optional<Refusal> checkEntrySymbol(const std::filesystem::path& file, const std::string& id) {
    std::vector<std::string> symbols;
    try {
        boost::dll::library_info info(boost::dll::fs::path(file.string()), true);
        symbols = info.symbols(YANZHEN_ENTRY_SECTION);
    } catch (const std::exception&) {
        return refuse(file, id, "不是共享库，应为 ELF 共享对象（.so）",
                      "not a shared object; expected an ELF shared library (.so)");
    }
    if (std::find(symbols.begin(), symbols.end(), YANZHEN_ENTRY_SYMBOL) != symbols.end())
        return std::nullopt;
    static const std::regex other("yanzhen_plugin_entry_v([0-9]+)");
    for (const auto& s : symbols) {
        std::smatch m;
        if (std::regex_match(s, m, other))
            return refuse(
                file, id,
                "导出的是 ABI " + m[1].str() + " 的入口 " + s + "，本程序使用 ABI " + kHostAbi,
                "exports " + s + " (ABI major " + m[1].str() + "); this host speaks ABI " +
                    kHostAbi + " and expects " YANZHEN_ENTRY_SYMBOL);
    }
    return refuse(file, id,
                  "节“yanzhen”中没有入口符号 " YANZHEN_ENTRY_SYMBOL
                  "（请用 YANZHEN_PLUGIN(...) 构建）",
                  "no entry point: section 'yanzhen' has no symbol " YANZHEN_ENTRY_SYMBOL
                  " (build it with YANZHEN_PLUGIN(...))");
}

/// Step 4: the table itself.
std::optional<Refusal> checkTable(const std::filesystem::path& file, const std::string& id,
                                  const yz_plugin& t) {
    if (t.struct_size < kPluginStructV1_0)
        return refuse(file, id,
                      "yz_plugin 结构只有 " + std::to_string(t.struct_size) + " 字节，至少应为 " +
                          std::to_string(kPluginStructV1_0),
                      "struct yz_plugin is " + std::to_string(t.struct_size) +
                          " bytes; expected at least " + std::to_string(kPluginStructV1_0));
    const std::string abi = std::to_string(t.abi_major) + "." + std::to_string(t.abi_minor);
    if (t.abi_major != YANZHEN_ABI_MAJOR)
        return refuse(file, id, "ABI " + abi + " 与本程序的 ABI " + kHostAbi + " 主版本不同",
                      "ABI " + abi + " has a different major version than this host's " + kHostAbi);
    if (t.abi_minor > YANZHEN_ABI_MINOR)
        return refuse(file, id, "ABI " + abi + " 比本程序的 " + kHostAbi + " 新",
                      "ABI " + abi + " is newer than this host's " + kHostAbi);
    const std::pair<const void*, const char*> required[] = {
        {reinterpret_cast<const void*>(t.instance_create), "instance_create"},
        {reinterpret_cast<const void*>(t.instance_destroy), "instance_destroy"},
        {reinterpret_cast<const void*>(t.leaf_compile), "leaf_compile"},
        {reinterpret_cast<const void*>(t.evaluate), "evaluate"},
    };
    for (const auto& [fn, name] : required)
        if (fn == nullptr)
            return refuse(file, id, std::string("缺少必需的函数 ") + name,
                          std::string("required function '") + name +
                              "' is missing (null in yz_plugin)");
    if (t.info == nullptr)
        return refuse(file, id, "缺少插件信息（info 为空）", "no plugin info (info is null)");
    return std::nullopt;
}

} // namespace

LoadOutcome loadPlugin(const std::filesystem::path& fileIn) {
    std::error_code ec;
    const std::filesystem::path file =
        std::filesystem::weakly_canonical(std::filesystem::absolute(fileIn), ec);

    // 1. The manifest.
    Manifest manifest;
    try {
        manifest = readManifest(manifestPathFor(file));
    } catch (const ManifestError& e) {
        return Refusal{file, "", e.reason};
    }
    const std::string& id = manifest.id;

    // 2. The entry symbol, before any of the library's code runs.
    if (auto refusal = checkEntrySymbol(file, id)) return *refusal;

    // 3. Load, resolving every symbol now.
    std::shared_ptr<boost::dll::shared_library> library;
    try {
        library = std::make_shared<boost::dll::shared_library>(boost::dll::fs::path(file.string()),
                                                               boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        return refuse(file, id, std::string("无法加载：") + e.what(),
                      std::string("cannot be loaded: ") + e.what());
    }

    // 4. The entry point and its table.
    std::string entryLog;
    const yz_error_sink log{sizeof(yz_error_sink), &entryLog, [](void* ctx, yz_str message) {
                                *static_cast<std::string*>(ctx) = std::string(view(message));
                            }};
    const yz_host host{sizeof(yz_host), YANZHEN_ABI_MAJOR, YANZHEN_ABI_MINOR, &log};
    const yz_entry_fn entry = library->get<const yz_entry_fn>(YANZHEN_ENTRY_SYMBOL);
    const yz_plugin* table = entry != nullptr ? entry(&host) : nullptr;
    if (table == nullptr)
        return refuse(file, id, "入口函数没有返回插件" + (entryLog.empty() ? "" : "：" + entryLog),
                      "the entry point returned no plugin" +
                          (entryLog.empty() ? "" : ": " + entryLog));
    if (auto refusal = checkTable(file, id, *table)) return *refusal;

    // 5. The declarations, and the manifest's agreement with them.
    auto loaded = std::make_shared<LoadedPlugin>();
    try {
        loaded->info = readInfo(*table->info);
    } catch (const MalformedInfo& e) {
        return refuse(file, id, std::string("插件信息格式错误：") + e.what(),
                      std::string("malformed info: ") + e.what());
    }
    static const std::regex idPattern("[a-z][a-z0-9_.-]{0,63}");
    if (!std::regex_match(loaded->info.id, idPattern))
        return refuse(file, id, "id“" + loaded->info.id + "”无效，应匹配 [a-z][a-z0-9_.-]*",
                      "id '" + loaded->info.id +
                          "' is invalid; expected [a-z][a-z0-9_.-]*, at most 64 characters");
    if (loaded->info.id != manifest.id || loaded->info.version != manifest.version)
        return refuse(file, id,
                      "清单写的是 " + manifest.id + " " + manifest.version + "，库里是 " +
                          loaded->info.id + " " + loaded->info.version,
                      "the manifest says " + manifest.id + " " + manifest.version +
                          ", the library says " + loaded->info.id + " " + loaded->info.version);
    // The manifest's ABI is the library's, exactly: the README promises a manifest that
    // disagrees with its library is refused, and "abi" is what a reader of the folder trusts.
    const std::string libraryAbi =
        std::to_string(table->abi_major) + "." + std::to_string(table->abi_minor);
    if (manifest.abi != libraryAbi)
        return refuse(file, id, "清单写的是 ABI " + manifest.abi + "，库使用的是 ABI " + libraryAbi,
                      "the manifest says ABI " + manifest.abi + ", the library speaks ABI " +
                          libraryAbi);
    loaded->file = file;
    loaded->manifest = std::move(manifest);
    loaded->library = std::move(library);
    loaded->table = table;
    loaded->abiMajor = table->abi_major;
    loaded->abiMinor = table->abi_minor;
    return std::shared_ptr<const LoadedPlugin>(std::move(loaded));
}

} // namespace yanzhen::plugins
