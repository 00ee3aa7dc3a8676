#include "CourseLoader.hpp"

#include "ConfigTree.hpp"
#include "RequirementParser.hpp"
#include "YamlReader.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/UTF8Encoding.h>

#include <fstream>
#include <set>
#include <sstream>

namespace yanzhen::courses {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 1024 * 1024;

/// The line and column (1-based) of the first byte that is not UTF-8, or nothing.
std::optional<std::pair<int, int>> firstInvalidUtf8(const std::string& text) {
    Poco::UTF8Encoding utf8;
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < text.size();) {
        const auto* p = reinterpret_cast<const unsigned char*>(text.data() + i);
        const int length = utf8.sequenceLength(p, static_cast<int>(text.size() - i));
        if (length <= 0 || static_cast<std::size_t>(length) > text.size() - i ||
            !Poco::UTF8Encoding::isLegal(p, length))
            return std::make_pair(line, column);
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += static_cast<std::size_t>(length);
    }
    return std::nullopt;
}

/// Builds a Course from a parsed document. One instance per load.
class CourseBuilder {
public:
    CourseBuilder(YamlReader& reader, const plugins::PluginRegistry& registry)
        : reader_(reader), registry_(registry), requirements_(reader, course_, registry) {}

    std::shared_ptr<Course> build(const YAML::Node& root) {
        if (!reader_.checkMap(root, "",
                              {"id", "version", "title", "issuer", "description", "modules",
                               "session_templates", "cohorts", "requirements", "credentials"}))
            return nullptr;
        course_.id = reader_.identifier(root, "id", "", true).value_or("");
        course_.version = reader_.string(root, "version", "", true).value_or("");
        course_.title = reader_.text(root, "title", "", true).value_or(Text{});
        course_.issuer = reader_.text(root, "issuer", "", false).value_or(Text{});
        reader_.text(root, "description", "", false);
        readModules(root);
        readTemplates(root["session_templates"], "session_templates");
        readCohortDefaults(root["cohorts"], "cohorts");
        if (!root["requirements"]) {
            reader_.error(root.Mark(), "requirements",
                          Text{"缺少必填项“requirements”", "missing required key 'requirements'"});
        } else {
            requirements_.parseSets(root["requirements"], "requirements");
            requirements_.checkReferences();
        }
        readCredentials(root["credentials"], "credentials");
        if (reader_.hasErrors()) return nullptr;
        return std::make_shared<Course>(std::move(course_));
    }

private:
    void readModules(const YAML::Node& root) {
        const YAML::Node modules = root["modules"];
        if (!modules.IsDefined() || !modules.IsSequence() || modules.size() == 0) {
            if (!modules)
                reader_.error(root.Mark(), "modules",
                              Text{"缺少必填项“modules”", "missing required key 'modules'"});
            else
                reader_.expected(modules, "modules", "非空的模块列表",
                                 "a non-empty list of modules");
            return;
        }
        std::set<std::string> ids;
        for (std::size_t i = 0; i < modules.size(); ++i) {
            const YAML::Node m = modules[i];
            const std::string path = YamlReader::index("modules", i);
            if (!reader_.checkMap(m, path, {"id", "plugin", "title", "config"})) continue;
            CourseModule module;
            module.id = reader_.identifier(m, "id", path, true).value_or("");
            module.title = reader_.text(m, "title", path, true).value_or(Text{});
            module.pluginId = reader_.string(m, "plugin", path, true).value_or("");
            if (!module.id.empty() && !ids.insert(module.id).second)
                reader_.error(YamlReader::keyMark(m, "id"), YamlReader::join(path, "id"),
                              Text{"模块 id“" + module.id + "”重复",
                                   "duplicate module id '" + module.id + "'"});
            if (!module.pluginId.empty()) module.instance = configure(m, path, module.pluginId);
            course_.modules.push_back(std::move(module));
        }
    }

    /// Configures a module in its plugin; reports an unknown or refused plugin, and the
    /// plugin's own diagnostics at their place in the file.
    std::shared_ptr<plugins::ModuleInstance> configure(const YAML::Node& m, const std::string& path,
                                                       const std::string& pluginId) {
        const auto plugin = registry_.find(pluginId);
        if (!plugin) {
            for (const auto& r : registry_.refusals())
                if (r.id == pluginId) {
                    reader_.error(YamlReader::keyMark(m, "plugin"),
                                  YamlReader::join(path, "plugin"),
                                  Text{"插件“" + pluginId + "”未能加载：" + r.reason.zh,
                                       "plugin '" + pluginId + "' was refused: " + r.reason.en});
                    return nullptr;
                }
            std::vector<std::string> ids;
            for (const auto& p : registry_.plugins())
                ids.push_back(p->info.id);
            reader_.error(m["plugin"].Mark(), YamlReader::join(path, "plugin"),
                          withDidYouMean(Text{"未知的插件“" + pluginId + "”",
                                              "unknown plugin '" + pluginId + "'"},
                                         pluginId, ids));
            return nullptr;
        }
        const std::string configPath = YamlReader::join(path, "config");
        const YAML::Mark fallback = YamlReader::keyMark(m, m["config"] ? "config" : "plugin");
        const ConfigTree tree(m["config"] ? m["config"] : YAML::Node(YAML::NodeType::Map),
                              fallback);
        plugins::DiagnosticList diags;
        std::shared_ptr<plugins::ModuleInstance> instance;
        try {
            instance = plugins::ModuleInstance::create(plugin, tree.root(), diags);
        } catch (const plugins::PluginCallError& e) {
            reader_.error(YamlReader::keyMark(m, "config"), configPath,
                          Text{std::string("插件出错：") + e.what(),
                               std::string("plugin failed: ") + e.what()});
        }
        for (const auto& d : diags) {
            if (!d.error) continue;
            reader_.error(tree.locate(d.path),
                          d.path.empty() ? configPath : YamlReader::join(configPath, d.path),
                          d.message);
        }
        return instance;
    }

    /// Calls `each(item, itemPath)` for every item of `list` in order ("path[i]"). An absent
    /// `list` is nothing to read; anything but a list is reported as "expected a list".
    template <class Each>
    void forEachItem(const YAML::Node& list, const std::string& path, Each each) {
        if (!list) return;
        if (!list.IsSequence()) {
            reader_.expected(list, path, "列表", "a list");
            return;
        }
        for (std::size_t i = 0; i < list.size(); ++i)
            each(list[i], YamlReader::index(path, i));
    }

    void readTemplates(const YAML::Node& list, const std::string& path) {
        std::set<std::string> ids;
        forEachItem(list, path, [&](const YAML::Node& t, const std::string& here) {
            if (!reader_.checkMap(t, here, {"id", "module", "title", "minutes", "ref"})) return;
            SessionTemplate st;
            st.id = reader_.identifier(t, "id", here, true).value_or("");
            st.module = reader_.string(t, "module", here, true).value_or("");
            st.title = reader_.text(t, "title", here, true).value_or(Text{});
            st.minutes = static_cast<int>(
                reader_.integer(t, "minutes", here, false, 1, 24 * 60).value_or(0));
            st.ref = reader_.string(t, "ref", here, false).value_or(st.id);
            if (!st.id.empty() && !ids.insert(st.id).second)
                reader_.error(
                    YamlReader::keyMark(t, "id"), YamlReader::join(here, "id"),
                    Text{"模板 id“" + st.id + "”重复", "duplicate template id '" + st.id + "'"});
            if (!st.module.empty() && course_.module(st.module) == nullptr) {
                std::vector<std::string> modules;
                for (const auto& m : course_.modules)
                    modules.push_back(m.id);
                reader_.error(t["module"].Mark(), YamlReader::join(here, "module"),
                              withDidYouMean(Text{"未知的模块“" + st.module + "”",
                                                  "unknown module '" + st.module + "'"},
                                             st.module, modules));
            }
            course_.templates.push_back(std::move(st));
        });
    }

    void readCohortDefaults(const YAML::Node& node, const std::string& path) {
        if (!node) return;
        if (!reader_.checkMap(node, path, {"capacity", "weeks"})) return;
        course_.cohortDefaults.capacity =
            static_cast<int>(reader_.integer(node, "capacity", path, false, 0, 10000).value_or(0));
        course_.cohortDefaults.weeks =
            static_cast<int>(reader_.integer(node, "weeks", path, false, 1, 520).value_or(0));
    }

    void readCredentials(const YAML::Node& list, const std::string& path) {
        std::set<std::string> ids;
        forEachItem(list, path, [&](const YAML::Node& c, const std::string& here) {
            if (!reader_.checkMap(
                    c, here, {"id", "title", "level", "issuer", "when", "validity", "renewal"}))
                return;
            CredentialPolicy p;
            p.id = reader_.identifier(c, "id", here, true).value_or("");
            p.title = reader_.text(c, "title", here, true).value_or(Text{});
            p.level = reader_.string(c, "level", here, true).value_or("");
            p.issuer = reader_.text(c, "issuer", here, false).value_or(Text{});
            p.when = reader_.string(c, "when", here, true).value_or("");
            checkSetName(c, "when", here, p.when);
            if (!p.id.empty() && !ids.insert(p.id).second)
                reader_.error(
                    YamlReader::keyMark(c, "id"), YamlReader::join(here, "id"),
                    Text{"证书 id“" + p.id + "”重复", "duplicate credential id '" + p.id + "'"});
            if (const YAML::Node v = c["validity"]; v) {
                const std::string vp = YamlReader::join(here, "validity");
                if (reader_.checkMap(v, vp, {"years", "months", "days"})) {
                    p.validity.years = static_cast<int>(
                        reader_.integer(v, "years", vp, false, 0, 100).value_or(0));
                    p.validity.months = static_cast<int>(
                        reader_.integer(v, "months", vp, false, 0, 1200).value_or(0));
                    p.validity.days = static_cast<int>(
                        reader_.integer(v, "days", vp, false, 0, 36500).value_or(0));
                }
            }
            if (const YAML::Node r = c["renewal"]; r) {
                const std::string rp = YamlReader::join(here, "renewal");
                if (reader_.checkMap(r, rp, {"window_days", "requirements", "grace_days"})) {
                    p.renewalWindowDays = static_cast<int>(
                        reader_.integer(r, "window_days", rp, false, 0, 3650).value_or(0));
                    p.graceDays = static_cast<int>(
                        reader_.integer(r, "grace_days", rp, false, 0, 3650).value_or(0));
                    p.renewalSet = reader_.string(r, "requirements", rp, false).value_or("");
                    if (!p.renewalSet.empty()) checkSetName(r, "requirements", rp, p.renewalSet);
                }
            }
            course_.credentials.push_back(std::move(p));
        });
    }

    void checkSetName(const YAML::Node& map, const std::string& key, const std::string& path,
                      const std::string& name) {
        if (name.empty() || requirements_.hasSet(name)) return;
        reader_.error(map[key].Mark(), YamlReader::join(path, key),
                      withDidYouMean(Text{"没有名为“" + name + "”的要求集",
                                          "no requirement set '" + name + "'"},
                                     name, requirements_.setNames()));
    }

    YamlReader& reader_;
    const plugins::PluginRegistry& registry_;
    Course course_;
    RequirementParser requirements_;
};

} // namespace

LoadResult CourseLoader::loadFile(const std::filesystem::path& file) const {
    LoadResult result;
    const std::string name = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        result.diagnostics.push_back(
            {name, 1, 1, true, Text{"无法读取文件", "cannot read the file: " + ec.message()}});
        return result;
    }
    if (size > kMaxFileBytes) {
        result.diagnostics.push_back(
            {name, 1, 1, true, Text{"文件超过 1 MiB", "the file is over 1 MiB"}});
        return result;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return load(text.str(), name, std::filesystem::absolute(file));
}

LoadResult CourseLoader::loadText(const std::string& text, const std::string& name) const {
    return load(text, name, {});
}

LoadResult CourseLoader::load(const std::string& text, const std::string& name,
                              const std::filesystem::path& file) const {
    LoadResult result;
    if (const auto bad = firstInvalidUtf8(text)) {
        result.diagnostics.push_back({name, bad->first, bad->second, true,
                                      Text{"不是有效的 UTF-8 编码", "not valid UTF-8"}});
        return result;
    }
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        result.diagnostics.push_back(
            {name, e.mark.line + 1, e.mark.column + 1, true,
             Text{"YAML 语法错误：" + e.msg, "YAML syntax error: " + e.msg}});
        return result;
    }
    YamlReader reader(name, text, result.diagnostics);
    CourseBuilder builder(reader, registry_);
    auto course = builder.build(root);
    if (!course) return result;
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text);
    course->hash = Poco::DigestEngine::digestToHex(sha.digest());
    course->file = file;
    course->source = text;
    result.course = std::move(course);
    return result;
}

} // namespace yanzhen::courses
