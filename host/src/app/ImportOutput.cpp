#include "ImportOutput.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace yanzhen::app {

namespace {

std::string fixed(double v, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

} // namespace

bool progressWanted(const CommandContext& ctx) {
    return &ctx.err == &std::cerr && ProgressBar::stderrIsTerminal();
}

services::ImportProgress drawOn(ProgressBar& bar, const CommandContext& ctx) {
    if (!bar.enabled()) return {};
    const std::string reading = ctx.say("读取", "reading");
    const std::string writing = ctx.say("写入", "writing");
    return [&bar, reading, writing](services::ImportPhase phase, std::uint64_t done,
                                    std::uint64_t total) {
        if (phase == services::ImportPhase::Reading)
            bar.show(reading, done, total, ProgressBar::Unit::Bytes);
        else
            bar.show(writing, done, total, ProgressBar::Unit::Rows);
    };
}

int reportImport(CommandContext& ctx, const std::string& file, const services::ImportReport& report,
                 bool dryRun, bool roster) {
    if (!report.ok()) {
        const std::size_t shown = std::min(report.problems.size(), kProblemsShown);
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& p = report.problems[i];
            if (p.line == 0)
                ctx.err << file << ": ";
            else
                ctx.err << (ctx.zh() ? "第 " + std::to_string(p.line) + " 行："
                                     : "line " + std::to_string(p.line) + ": ");
            ctx.err << p.message.in(ctx.lang) << '\n';
        }
        const std::string more = std::to_string(report.problems.size() - shown);
        if (report.problems.size() > shown)
            ctx.err << (ctx.zh() ? "……另有 " + more + " 行有错误\n"
                                 : "... and " + more + " more bad rows\n");
        const std::string bad = std::to_string(report.problems.size());
        ctx.err << (ctx.zh() ? "未导入任何数据：" + file + " 中有 " + bad + " 处错误\n"
                             : "nothing imported: " + bad + " bad row(s) in " + file + "\n");
        return kExitFailure;
    }
    const std::string rows = std::to_string(report.rows);
    const std::string workers = std::to_string(report.workers);
    const std::string seconds = fixed(report.seconds, 2);
    const std::string rate =
        fixed(report.seconds > 0 ? static_cast<double>(report.rows) / report.seconds : 0.0, 0);
    const std::string units = std::to_string(report.orgUnitsCreated);
    if (ctx.zh()) {
        ctx.out << (dryRun ? "可导入 " : "已导入 ") << rows << " 行，涉及 " << workers << " 名人员";
        if (roster) ctx.out << "，新建组织单位 " << units << " 个";
        ctx.out << (dryRun ? "（试运行，未写入）" : "") << "，用时 " << seconds << " 秒（每秒 "
                << rate << " 行）\n";
    } else {
        ctx.out << (dryRun ? "would import " : "imported ") << rows << " rows, " << workers
                << " workers";
        if (roster) ctx.out << ", " << units << " new org units";
        ctx.out << (dryRun ? " (dry run: nothing written)" : "") << ", in " << seconds << " s ("
                << rate << " rows/s)\n";
    }
    return kExitOk;
}

} // namespace yanzhen::app
