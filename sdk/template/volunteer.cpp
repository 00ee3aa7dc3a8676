// volunteer -- 志愿服务时长 (volunteer service hours): an example of an integrator's plugin.
//
// What it does
//   Adds up the hours of volunteer service a worker has done and answers whether they reach
//   a minimum, optionally counting only the service of the last N days.
//
// Evidence kinds
//   service   ref: the activity's id (free text)
//             hours:    0 .. 24 hours of service on that day
//             activity: what was done (optional)
//
// Leaves
//   hours     min: 20            the hours needed
//             within_days: 365   count only the service of the last 365 days (optional)
//
// Example
//   modules:
//     - {id: volunteer, plugin: example.volunteer, title: {zh: 志愿服务, en: Volunteering},
//        config: {}}
//   requirements:
//     completion:
//       all:
//         - volunteer.hours: {id: service, label: {zh: 志愿服务 20 小时, en: 20 hours of service},
//                             min: 20}

#include <yanzhen/plugin.hpp>

#include <vector>

namespace {

constexpr std::size_t kHours = 0; // the field order of the `service` kind

struct HoursLeaf {
    double min = 0;
    std::int64_t withinDays = 0; // 0: all time
};

class VolunteerModule final : public yanzhen::Module {
public:
    int compileLeaf(std::string_view, const yanzhen::Config& config,
                    yanzhen::Diagnostics& diags) override {
        HoursLeaf leaf;
        leaf.min = config["min"].number(diags).value_or(0);
        if (config.has("within_days"))
            leaf.withinDays = config["within_days"].integer(diags).value_or(0);
        leaves_.push_back(leaf);
        return static_cast<int>(leaves_.size() - 1);
    }

    yanzhen::LeafResult evaluate(int handle, const yanzhen::EvaluationInput& input) const override {
        const HoursLeaf& leaf = leaves_.at(static_cast<std::size_t>(handle));
        double hours = 0;
        for (const auto row : input) {
            if (row.worker() != input.worker() || row.day() > input.today()) continue;
            if (leaf.withinDays > 0 && row.day() <= input.today() - leaf.withinDays) continue;
            hours += row.number(kHours);
        }
        const std::string counts =
            yanzhen::formatNumber(hours) + "/" + yanzhen::formatNumber(leaf.min);
        return {hours >= leaf.min,
                hours,
                leaf.min,
                "h",
                {"志愿服务 " + counts + " 小时", "volunteer service " + counts + " h"}};
    }

private:
    std::vector<HoursLeaf> leaves_;
};

class VolunteerPlugin final : public yanzhen::Plugin {
public:
    yanzhen::PluginInfo info() const override {
        using yanzhen::FieldType;
        return {.id = YANZHEN_PLUGIN_ID,
                .version = YANZHEN_PLUGIN_VERSION,
                .title = {"志愿服务时长", "Volunteer service hours"},
                .status = yanzhen::Status::Experimental,
                .kinds = {{.id = "service",
                           .label = {"志愿服务", "Volunteer service"},
                           .fields = {{.name = "hours",
                                       .type = FieldType::Number,
                                       .label = {"时长", "Hours"},
                                       .min = 0,
                                       .max = 24,
                                       .unit = "h"},
                                      {.name = "activity",
                                       .type = FieldType::Text,
                                       .label = {"活动", "Activity"},
                                       .required = false}}}},
                .leaves = {{.id = "hours",
                            .label = {"服务时长", "Service hours"},
                            .config = {{.name = "min",
                                        .type = FieldType::Number,
                                        .label = {"至少", "At least"},
                                        .min = 0},
                                       {.name = "within_days",
                                        .type = FieldType::Integer,
                                        .label = {"最近天数", "Within days"},
                                        .required = false,
                                        .min = 1}}}}};
    }

    std::unique_ptr<yanzhen::Module> createModule(const yanzhen::Config& config,
                                                  yanzhen::Diagnostics& diags) const override {
        if (!config.isNull() && !(config.isMap() && config.size() == 0))
            config.expected(diags, "空映射 {}", "an empty mapping {}");
        return std::make_unique<VolunteerModule>();
    }
};

} // namespace

YANZHEN_PLUGIN(VolunteerPlugin)
