// `yanzhen workers import roster.csv [--dry-run]`: people from a roster, all rows or none.
// The usage text is the workers command's (WorkersCommand.cpp), which calls this.

#include "Command.hpp"
#include "ImportOutput.hpp"
#include "StoreSubsystem.hpp"
#include "YanzhenApplication.hpp"

#include "services/imports/RosterImport.hpp"

namespace yanzhen::app {

int runWorkersImport(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("workers import 需要一个花名册文件（CSV）\n",
                           "workers import needs one roster FILE (CSV)\n");
        return kExitUsage;
    }
    auto& records = ctx.app.getSubsystem<StoreSubsystem>().store();
    ProgressBar bar(ctx.err, progressWanted(ctx));
    const bool dryRun = ctx.has("dry-run");
    const auto report =
        services::RosterImport(records).run(ctx.args[1], {dryRun, ctx.actor(), drawOn(bar, ctx)});
    bar.clear();
    return reportImport(ctx, ctx.args[1], report, dryRun, true);
}

} // namespace yanzhen::app
