// `yanzhen report licensure [--by post|street|community] [--date D] [--months N] [--json]
// [--csv FILE] [--xlsx FILE]`: the district's licensing figures (services/reports/
// LicensureReport), as a table, as the API's JSON, and as a CSV file or an Excel workbook.

#include "Command.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "exports/CsvFile.hpp"
#include "exports/XlsxFile.hpp"
#include "services/reports/LicensureReport.hpp"
#include "json/DescribeLicensure.hpp"

#include <yanzhen/date.hpp>

#include <cmath>
#include <fstream>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen report licensure [--by post|street|community] [--date 日期] [--json]\n"
        "        [--csv 文件] [--xlsx 文件]   "
        "持证率：各类岗位中持有社工师证、持证上岗资格的人数和比例，\n"
        "        全区合计，或按镇街、社区；--csv、--xlsx 另存为 CSV 文件或 Excel 工作簿\n"
        "  yanzhen report licensure --months N [--date 日期] [--json]\n"
        "        最近 N 个月每月末的全区合计\n",
        "Usage:\n"
        "  yanzhen report licensure [--by post|street|community] [--date D] [--json]\n"
        "        [--csv FILE] [--xlsx FILE]   the licensing figures: of each kind of post, how "
        "many holders\n"
        "        hold the national certificate and the licence to work, for the district or by\n"
        "        street or community; --csv and --xlsx also write them as a CSV file or a "
        "workbook\n"
        "  yanzhen report licensure --months N [--date D] [--json]\n"
        "        the district's totals at each of the last N month ends\n");
}

std::string percent(double share) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", std::round(share * 1000.0) / 10.0);
    return buffer;
}

/// What a post of the figures needs (the figures are made only for those posts).
const services::PostNeeds& needsOf(const std::string& post) {
    return *services::postNeedsOf(post);
}

const services::CredentialGroup& groupOf(const std::string& id) {
    return *services::credentialGroup(id);
}

/// "31/65 47.7%", or "-" where the post does not count that credential.
std::string cell(const services::PostFigures& f, const std::string& group) {
    const auto it = f.holders.find(group);
    if (it == f.holders.end()) return "-";
    return std::to_string(it->second) + "/" + std::to_string(f.posts) + " " +
           percent(f.share(group));
}

std::string targetText(const services::PostFigures& f, bool zh) {
    const auto& needs = needsOf(f.post);
    if (!needs.target) return "";
    const auto& group = groupOf(needs.target->first);
    return percent(needs.target->second) + " " + group.title.in(zh ? "zh" : "en") + " " +
           (*f.targetMet() ? (zh ? "达成" : "met") : (zh ? "未达成" : "not met"));
}

std::string unitName(const std::optional<store::OrgUnit>& unit, bool zh) {
    return unit ? unit->name : (zh ? "（未归属单位）" : "(no unit)");
}

void printTable(CommandContext& ctx, const services::LicensureFigures& figures) {
    const bool zh = ctx.zh();
    const auto& groups = services::credentialGroups();
    std::vector<std::string> header;
    if (figures.by != services::LicensureBy::Post) header.push_back(zh ? "单位" : "UNIT");
    header.push_back(zh ? "岗位" : "POST");
    header.push_back(zh ? "在岗" : "POSTS");
    for (const auto& g : groups)
        header.push_back(g.title.in(ctx.lang));
    header.push_back(zh ? "目标" : "TARGET");
    TextTable table(header);
    const auto add = [&](const std::string* unit, const services::PostFigures& f) {
        if (f.posts == 0 && unit != nullptr) return; // a unit without that kind of post
        std::vector<std::string> row;
        if (unit != nullptr) row.push_back(*unit);
        row.push_back(needsOf(f.post).title.in(ctx.lang));
        row.push_back(std::to_string(f.posts));
        for (const auto& g : groups)
            row.push_back(cell(f, g.id));
        row.push_back(targetText(f, zh));
        table.add(row);
    };
    const std::string district = zh ? "全区" : "district";
    for (const auto& f : figures.totals)
        add(figures.by == services::LicensureBy::Post ? nullptr : &district, f);
    for (const auto& u : figures.units) {
        const std::string name = unitName(u.unit, zh);
        for (const auto& f : u.posts)
            add(&name, f);
    }
    table.print(ctx.out);
    ctx.out << ctx.say("截至 ", "as of ") << formatDay(figures.day)
            << ctx.say("；在岗：当日在岗的岗位数（一人两岗计两次）\n",
                       "; posts: the posts filled on that day (one person in two posts counts "
                       "twice)\n");
}

/// The figures as an exported table: one row per unit, post and credential (what a pivot
/// table wants), with the same columns in the CSV file and the workbook.
struct ExportTable {
    std::vector<std::string> header;
    std::vector<std::vector<exports::Cell>> rows;
};

ExportTable exportTable(const services::LicensureFigures& figures, bool zh) {
    using exports::Cell;
    ExportTable t;
    t.header = zh ? std::vector<std::string>{"日期", "单位代码", "单位",     "所属镇街", "岗位代码",
                                             "岗位", "在岗",     "证书代码", "证书",     "持证",
                                             "比例", "目标比例", "目标达成"}
                  : std::vector<std::string>{"date",       "unit_code", "unit",  "street",
                                             "post_code",  "post",      "posts", "credential_code",
                                             "credential", "holders",   "share", "target_share",
                                             "target_met"};
    const std::string lang = zh ? "zh" : "en";
    const auto add = [&](const std::string& code, const std::string& name,
                         const std::string& street,
                         const std::vector<services::PostFigures>& posts) {
        for (const auto& f : posts) {
            const auto& needs = needsOf(f.post);
            for (const auto& [group, holders] : f.holders) {
                const bool targeted = needs.target && needs.target->first == group;
                t.rows.push_back(
                    {Cell::date(figures.day), Cell::of(code), Cell::of(name), Cell::of(street),
                     Cell::of(f.post), Cell::of(needs.title.in(lang)),
                     Cell::integer(static_cast<long long>(f.posts)), Cell::of(group),
                     Cell::of(groupOf(group).title.in(lang)),
                     Cell::integer(static_cast<long long>(holders)), Cell::share(f.share(group)),
                     targeted ? Cell::share(needs.target->second) : Cell::empty(),
                     targeted ? Cell::yesNo(*f.targetMet()) : Cell::empty()});
            }
        }
    };
    add("", zh ? "全区" : "district", "", figures.totals);
    for (const auto& u : figures.units)
        add(u.unit ? u.unit->code : "", unitName(u.unit, zh), u.street ? u.street->name : "",
            u.posts);
    return t;
}

/// Writes --csv and --xlsx when asked; false (and a line on err) when one cannot be written.
bool writeExports(CommandContext& ctx, const services::LicensureFigures& figures) {
    const ExportTable table = exportTable(figures, ctx.zh());
    if (ctx.has("csv")) {
        std::ofstream file(ctx.value("csv"), std::ios::binary);
        exports::CsvFile csv(file, table.header);
        for (const auto& row : table.rows)
            csv.row(row);
        file.close();
        if (!file) {
            ctx.err << ctx.say("无法写入 ", "cannot write ") << ctx.value("csv") << '\n';
            return false;
        }
    }
    if (ctx.has("xlsx")) {
        try {
            exports::writeXlsx(ctx.value("xlsx"), ctx.zh() ? "持证率" : "licensure", table.header,
                               table.rows);
        } catch (const exports::ExportError& e) {
            ctx.err << ctx.say("无法写入 ", "cannot write ") << e.what() << '\n';
            return false;
        }
    }
    return true;
}

int licensure(CommandContext& ctx) {
    if (ctx.args.size() != 1) {
        printUsage(ctx);
        return kExitUsage;
    }
    const auto by = services::licensureBy(ctx.value("by", "post"));
    if (!by) {
        ctx.err << ctx.say("--by 应为 post、street 或 community\n",
                           "--by must be post, street or community\n");
        return kExitUsage;
    }
    int months = 0;
    if (ctx.has("months")) {
        months = services::seriesMonths(ctx.value("months")).value_or(0);
        if (months == 0) {
            ctx.err << ctx.say("--months 应为 1 到 120 的整数\n",
                               "--months must be a whole number from 1 to 120\n");
            return kExitUsage;
        }
    }
    const std::int32_t day = ctx.today();
    const services::LicensureData data(ctx.app.getSubsystem<StoreSubsystem>().store());
    if (months > 0) {
        const auto points = data.series(day, months);
        if (ctx.json()) {
            json::describe(points, day, months, false)->stringify(ctx.out, 2);
            ctx.out << '\n';
            return kExitOk;
        }
        const auto& groups = services::credentialGroups();
        std::vector<std::string> header{ctx.say("月末", "MONTH END"), ctx.say("岗位", "POST"),
                                        ctx.say("在岗", "POSTS")};
        for (const auto& g : groups)
            header.push_back(g.title.in(ctx.lang));
        TextTable table(header);
        for (const auto& p : points)
            for (const auto& f : p.totals) {
                std::vector<std::string> row{formatDay(p.day), needsOf(f.post).title.in(ctx.lang),
                                             std::to_string(f.posts)};
                for (const auto& g : groups)
                    row.push_back(cell(f, g.id));
                table.add(row);
            }
        table.print(ctx.out);
        return kExitOk;
    }
    const auto figures = data.figures(day, *by);
    if (!writeExports(ctx, figures)) return kExitFailure;
    if (ctx.json()) {
        json::describe(figures)->stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    printTable(ctx, figures);
    if (ctx.has("csv")) ctx.out << ctx.say("已写入 ", "written to ") << ctx.value("csv") << '\n';
    return kExitOk;
}

} // namespace

int runReportCommand(CommandContext& ctx) {
    return dispatch(ctx, "report", nullptr, {{"licensure", licensure}}, printUsage);
}

} // namespace yanzhen::app
