// ceremony -- 仪式教育 (ceremony education): opening ceremonies, oaths, closing ceremonies.
//
// What it does
//   Records who attended which ceremony and answers whether a worker attended the ceremonies
//   a course requires. Present and late count as attended; absent and excused do not. When a
//   ceremony was recorded more than once for a worker (a roll call corrected on the day), the
//   latest record counts.
//
// Evidence kinds
//   attendance   ref: the ceremony's id (a session template of the module)
//                status: present | late | absent | excused
//
// Module config
//   ceremonies:            the ceremonies of the module, by id, with their titles
//     opening: {zh: 开班仪式, en: Opening ceremony}
//     oath:    {zh: 入职宣誓, en: Oath of service}
//
// Leaves
//   attend   sessions: [opening, oath]   the ceremonies that count (each must be declared)
//            min: 2                      how many of them must be attended (default: all)
//
// Example
//   requirements:
//     completion:
//       all:
//         - ceremony.attend: {id: rites, label: {zh: 参加开班仪式和宣誓, en: Opening and oath},
//                             sessions: [opening, oath]}
//   With `opening` present and `oath` excused the leaf is unmet: 1/2, "missing: Oath of service".

#include <yanzhen/plugin.hpp>

#include <map>
#include <string>
#include <vector>

namespace {

using yanzhen::Config;
using yanzhen::Diagnostics;
using yanzhen::FieldType;
using yanzhen::Text;

constexpr std::size_t kStatusField = 0;

struct AttendLeaf {
    std::vector<std::string> sessions;
    std::size_t min = 0;
};

class CeremonyModule final : public yanzhen::Module {
public:
    explicit CeremonyModule(std::map<std::string, Text> ceremonies)
        : ceremonies_(std::move(ceremonies)) {}

    int compileLeaf(std::string_view, const Config& config, Diagnostics& diags) override {
        AttendLeaf leaf;
        const Config sessions = config["sessions"];
        std::vector<std::string> declared;
        for (const auto& [id, _] : ceremonies_)
            declared.push_back(id);
        for (const auto i :
             yanzhen::resolveIds(sessions, declared, Text{"仪式", "ceremony"}, diags))
            leaf.sessions.push_back(declared[i]);
        const auto n = static_cast<std::int64_t>(sessions.size());
        const auto min = config.has("min") ? config["min"].integerIn(1, n, diags) : std::nullopt;
        leaf.min = min ? static_cast<std::size_t>(*min) : leaf.sessions.size();
        leaves_.push_back(std::move(leaf));
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const AttendLeaf& leaf = leaves_.at(static_cast<std::size_t>(handle));
        // The latest record per ceremony wins: a corrected roll call replaces the first one.
        std::map<std::string_view, std::pair<std::int64_t, bool>> latest;
        for (const auto row : input) {
            if (row.worker() != input.worker() || row.day() > input.today()) continue;
            const auto status = row.text(kStatusField);
            auto& slot = latest[row.ref()];
            if (slot.first == 0 || row.seq() > slot.first)
                slot = {row.seq(), status == "present" || status == "late"};
        }
        std::size_t attended = 0;
        std::string missingZh;
        std::string missingEn;
        for (const auto& id : leaf.sessions) {
            const auto it = latest.find(id);
            if (it != latest.end() && it->second.second) {
                ++attended;
                continue;
            }
            const Text& title = ceremonies_.at(id);
            missingZh += (missingZh.empty() ? "" : "、") + title.zh;
            missingEn += (missingEn.empty() ? "" : ", ") + title.en;
        }
        yanzhen::LeafResult r;
        r.have = static_cast<double>(attended);
        r.need = static_cast<double>(leaf.min);
        r.met = attended >= leaf.min;
        r.unit = "次";
        r.holdsUntil = input.untilNextRow(); // only rows dated up to today count
        const std::string counts = std::to_string(attended) + "/" + std::to_string(leaf.min);
        r.sentence.zh = "仪式教育 已参加 " + counts +
                        (r.met || missingZh.empty() ? "" : "，未参加：" + missingZh);
        r.sentence.en = "ceremonies attended " + counts +
                        (r.met || missingEn.empty() ? "" : "; missing: " + missingEn);
        return r;
    }

private:
    std::map<std::string, Text> ceremonies_;
    std::vector<AttendLeaf> leaves_;
};

class CeremonyPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        return {
            .id = YANZHEN_PLUGIN_ID,
            .version = YANZHEN_PLUGIN_VERSION,
            .title = {"仪式教育", "Ceremony education"},
            .status = yanzhen::Status::Stable,
            .kinds = {{.id = "attendance",
                       .label = {"仪式出勤", "Ceremony attendance"},
                       .fields = {{.name = "status",
                                   .type = FieldType::Choice,
                                   .label = {"出勤状态", "Status"},
                                   .choices = {"present", "late", "absent", "excused"}}}}},
            .leaves = {{.id = "attend",
                        .label = {"参加仪式", "Attend ceremonies"},
                        .config = {{.name = "sessions",
                                    .type = FieldType::List,
                                    .label = {"仪式", "Ceremonies"}},
                                   {.name = "min",
                                    .type = FieldType::Integer,
                                    .label = {"至少参加", "At least"},
                                    .required = false,
                                    .min = 1}}}},
        };
    }

    std::unique_ptr<yanzhen::Module> createModule(const Config& config,
                                                  Diagnostics& diags) const override {
        if (!yanzhen::expectMap(config, {"ceremonies"}, diags)) return nullptr;
        const Config ceremonies = config["ceremonies"];
        if (!ceremonies.isMap() || ceremonies.size() == 0) {
            ceremonies.expected(diags, "按 id 列出的仪式", "the ceremonies, by id");
            return nullptr;
        }
        std::map<std::string, Text> titles;
        for (std::size_t i = 0; i < ceremonies.size(); ++i)
            if (const auto title = ceremonies.at(i).text(diags))
                titles[std::string(ceremonies.keyAt(i))] = *title;
        return std::make_unique<CeremonyModule>(std::move(titles));
    }
};

} // namespace

YANZHEN_PLUGIN(CeremonyPlugin)
