// `yanzhen backup FILE`: SQLite's online backup, a consistent copy while the server writes.

#include "Command.hpp"
#include "StoreSubsystem.hpp"
#include "YanzhenApplication.hpp"

#include "services/Maintenance.hpp"

#include <chrono>
#include <filesystem>

namespace yanzhen::app {

int runBackupCommand(CommandContext& ctx) {
    if (ctx.help() || ctx.args.size() != 1) {
        (ctx.help() ? ctx.out : ctx.err)
            << ctx.say("用法：yanzhen backup 文件 [--db 数据库]\n  "
                       "在线备份：复制出某一时刻完整一致的数据库，服务器照常读写。\n",
                       "Usage: yanzhen backup FILE [--db DATABASE]\n  An online backup: a "
                       "consistent copy of one moment, while "
                       "the server goes on reading and writing.\n");
        return ctx.help() ? kExitOk : kExitUsage;
    }
    auto& store = ctx.app.getSubsystem<StoreSubsystem>();
    const std::filesystem::path target = std::filesystem::absolute(ctx.args[0]);
    if (std::filesystem::weakly_canonical(target) ==
        std::filesystem::weakly_canonical(store.file())) {
        ctx.err << ctx.say("备份文件不能是数据库本身\n",
                           "the backup cannot be the database itself\n");
        return kExitUsage;
    }
    const auto started = std::chrono::steady_clock::now();
    services::backupDatabase(store.database(), target);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    ctx.out << ctx.say("已备份到 ", "backed up to ") << target.string() << " ("
            << std::filesystem::file_size(target) / 1024 << " KiB, " << ms << " ms)\n";
    return kExitOk;
}

} // namespace yanzhen::app
