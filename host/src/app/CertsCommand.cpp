// `yanzhen certs issue|list|show|revoke|renew|reissue|expiring ...`: certificates and their
// life, for trainers and admins at a terminal. `verify`, `pdf` and `pubkey` are in
// CertsFilesCommand.cpp. Every change is one write in the audit log, as --actor.

#include "CertSettings.hpp"
#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "Terminal.hpp"
#include "YanzhenApplication.hpp"

#include "services/credentials/CertificateSigner.hpp"
#include "services/people/PeopleService.hpp"
#include "json/DescribeCredential.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Array.h>

#include <fstream>

namespace yanzhen::app {

namespace {

void printUsage(CommandContext& ctx) {
    ctx.out << ctx.say(
        "用法：\n"
        "  yanzhen certs issue 人员 --course ID --credential ID   "
        "达到要求时发证（否则列出还差什么）\n"
        "  yanzhen certs list [人员]                    证书列表（某人的，或全部）\n"
        "  yanzhen certs show 编号 [-o 文件]            证书详情；-o 写出签名的证书文件\n"
        "  yanzhen certs verify 文件 [--pubkey 文件|BASE64]   离线核验证书文件的签名\n"
        "  yanzhen certs pdf 编号 -o 文件               打印用的 A4 PDF\n"
        "  yanzhen certs revoke 编号 --reason 原因      撤销\n"
        "  yanzhen certs renew 编号                     "
        "续期（续期窗口或宽限期内，需达到续期要求）\n"
        "  yanzhen certs reissue 编号 --reason 原因     更正后补发，原证书标为已取代\n"
        "  yanzhen certs expiring [--days N]            N 天内到期（默认 90）及宽限期内的证书\n"
        "  yanzhen certs pubkey                         签名公钥（base64），供第三方离线核验\n"
        "选项：--date YYYY-MM-DD 按某一天计算状态；--json；--signing-key 文件；--public-url URL\n",
        "Usage:\n"
        "  yanzhen certs issue WORKER --course ID --credential ID   issue when the requirements "
        "are met\n"
        "                                               (otherwise list what's left)\n"
        "  yanzhen certs list [WORKER]                  certificates (one worker's, or all)\n"
        "  yanzhen certs show SERIAL [-o FILE]          one certificate; -o writes the signed "
        "file\n"
        "  yanzhen certs verify FILE [--pubkey FILE|BASE64]  check a certificate file offline\n"
        "  yanzhen certs pdf SERIAL -o FILE             the printable A4 PDF\n"
        "  yanzhen certs revoke SERIAL --reason TEXT    revoke\n"
        "  yanzhen certs renew SERIAL                   renew (in the window or the grace "
        "period,\n"
        "                                               when the renewal requirements are met)\n"
        "  yanzhen certs reissue SERIAL --reason TEXT   re-issue after a correction; the old one\n"
        "                                               is kept as superseded\n"
        "  yanzhen certs expiring [--days N]            ending within N days (default 90), or in\n"
        "                                               their grace period\n"
        "  yanzhen certs pubkey                         the signing public key (base64), for\n"
        "                                               third parties to verify offline\n"
        "Options: --date YYYY-MM-DD computes the status as of that day; --json; --signing-key "
        "FILE;\n"
        "  --public-url URL\n");
}

services::CredentialService service(CommandContext& ctx) {
    return services::CredentialService(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                       ctx.app.getSubsystem<CourseSubsystem>().versions(),
                                       signingKeyFile(ctx));
}

std::string untilText(CommandContext& ctx, const std::string& until) {
    return until.empty() ? ctx.say("长期有效", "no expiry") : until;
}

void printOne(CommandContext& ctx, const services::CredentialView& v) {
    const auto status = services::statusText(v.standing.status).in(ctx.lang);
    ctx.out << v.row.serial << "  " << v.payload.title.in(ctx.lang) << "  " << v.holder.name << " "
            << v.holder.code << '\n'
            << ctx.say("  状态      ", "  status     ") << status << '\n'
            << ctx.say("  发证日期  ", "  issued     ") << v.row.issuedOn << '\n'
            << ctx.say("  有效期    ", "  valid      ") << v.row.validFrom << " – "
            << untilText(ctx, v.row.validUntil) << '\n';
    if (!v.standing.renewalOpensOn.empty())
        ctx.out << ctx.say("  续期      ", "  renewal    ") << ctx.say("自 ", "opens ")
                << v.standing.renewalOpensOn << ctx.say(" 起；宽限至 ", "; grace until ")
                << v.standing.graceUntil << '\n';
    ctx.out << ctx.say("  课程      ", "  course     ") << v.payload.courseTitle.in(ctx.lang)
            << " (" << v.payload.courseVersion << ")\n"
            << ctx.say("  发证机关  ", "  authority  ") << v.payload.authority.in(ctx.lang) << '\n';
    if (!v.row.revokedOn.empty())
        ctx.out << ctx.say("  撤销      ", "  revoked    ") << v.row.revokedOn << ": "
                << v.row.revokedReason << '\n';
    if (!v.supersededBySerial.empty())
        ctx.out << ctx.say("  已被取代  ", "  superseded ") << v.supersededBySerial << '\n';
    if (!v.renewedBySerial.empty())
        ctx.out << ctx.say("  已续期为  ", "  renewed as ") << v.renewedBySerial << '\n';
    if (!v.previousSerial.empty())
        ctx.out << ctx.say("  接续      ", "  follows    ") << v.previousSerial << '\n';
    ctx.out << ctx.say("  核验      ", "  verify     ")
            << json::verifyUrl(publicUrl(ctx), v.row.serial) << '\n';
}

void printList(CommandContext& ctx, const std::vector<services::CredentialView>& all) {
    if (ctx.json()) {
        Poco::JSON::Array items;
        for (const auto& v : all)
            items.add(json::describe(v, publicUrl(ctx)));
        items.stringify(ctx.out, 2);
        ctx.out << '\n';
        return;
    }
    if (all.empty()) {
        ctx.out << ctx.say("没有证书。\n", "No certificates.\n");
        return;
    }
    TextTable table({ctx.say("编号", "SERIAL"), ctx.say("工号", "STAFF NO."),
                     ctx.say("姓名", "NAME"), ctx.say("证书", "CREDENTIAL"),
                     ctx.say("有效期至", "VALID UNTIL"), ctx.say("状态", "STATUS")});
    for (const auto& v : all)
        table.add({v.row.serial, v.holder.code, v.holder.name, v.payload.title.in(ctx.lang),
                   untilText(ctx, v.row.validUntil),
                   services::statusText(v.standing.status).in(ctx.lang)});
    table.print(ctx.out);
}

/// Prints a certificate (or its JSON) after a change, and says what was done.
int done(CommandContext& ctx, const services::CredentialView& v, const char* zh, const char* en) {
    if (ctx.json()) {
        json::describe(v, publicUrl(ctx))->stringify(ctx.out, 2);
        ctx.out << '\n';
        return kExitOk;
    }
    ctx.out << ctx.say(zh, en) << '\n';
    printOne(ctx, v);
    return kExitOk;
}

/// Runs `body`, turning a refusal into its message (and what's left) and exit code 1.
template <class F> int guarded(CommandContext& ctx, F&& body) {
    try {
        return body();
    } catch (const services::CredentialRefusal& e) {
        ctx.err << e.message.in(ctx.lang) << '\n';
        if (!e.left.empty()) {
            ctx.err << ctx.say("还差：\n", "What's left:\n");
            for (const auto& item : e.left)
                ctx.err << "  - " << item.sentence.in(ctx.lang) << '\n';
        }
        return kExitFailure;
    } catch (const services::SigningKeyError& e) {
        ctx.err << ctx.say("签名密钥：", "signing key: ") << e.what() << '\n';
        return kExitFailure;
    }
}

bool wantArgs(CommandContext& ctx, std::size_t n, const char* what) {
    if (ctx.args.size() == n + 1) return true;
    ctx.err << "certs " << ctx.args[0] << ctx.say(" 需要：", " needs: ") << what << '\n';
    return false;
}

int issue(CommandContext& ctx) {
    if (!wantArgs(ctx, 1, "WORKER") || !ctx.has("course") || !ctx.has("credential")) {
        ctx.err << ctx.say("用法：yanzhen certs issue 人员 --course ID --credential ID\n",
                           "usage: yanzhen certs issue WORKER --course ID --credential ID\n");
        return kExitUsage;
    }
    const std::int32_t today = ctx.today();
    const auto person = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                            .resolve(ctx.args[1]);
    if (!person) {
        ctx.err << ctx.say("没有这个人员：", "no such worker: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    return guarded(ctx, [&] {
        const auto v = service(ctx).issue(ctx.actor(), person->id, ctx.value("course"),
                                          ctx.value("credential"), today);
        return done(ctx, v, "已发证：", "Issued:");
    });
}

int list(CommandContext& ctx) {
    const std::int32_t today = ctx.today();
    services::CredentialQuery q;
    if (ctx.args.size() > 1) {
        const auto person = services::PeopleService(ctx.app.getSubsystem<StoreSubsystem>().store())
                                .resolve(ctx.args[1]);
        if (!person) {
            ctx.err << ctx.say("没有这个人员：", "no such worker: ") << ctx.args[1] << '\n';
            return kExitFailure;
        }
        q.person = person->id;
    }
    printList(ctx, service(ctx).list(q, today));
    return kExitOk;
}

int show(CommandContext& ctx) {
    if (!wantArgs(ctx, 1, "SERIAL")) return kExitUsage;
    const std::int32_t today = ctx.today();
    const auto v = service(ctx).find(ctx.args[1], today);
    if (!v) {
        ctx.err << ctx.say("没有这个证书：", "no such certificate: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    if (ctx.has("output")) {
        std::ofstream out(ctx.value("output"), std::ios::binary);
        out << services::CredentialService::certificateFile(v->row);
        if (!out) {
            ctx.err << ctx.say("无法写入 ", "cannot write ") << ctx.value("output") << '\n';
            return kExitFailure;
        }
        ctx.err << ctx.say("证书文件已写入 ", "certificate file written to ") << ctx.value("output")
                << '\n';
    }
    if (ctx.json()) {
        json::describe(*v, publicUrl(ctx))->stringify(ctx.out, 2);
        ctx.out << '\n';
    } else {
        printOne(ctx, *v);
    }
    return kExitOk;
}

int revoke(CommandContext& ctx) {
    if (!wantArgs(ctx, 1, "SERIAL --reason TEXT") || !ctx.has("reason")) return kExitUsage;
    const std::int32_t today = ctx.today();
    return guarded(ctx, [&] {
        const auto v = service(ctx).revoke(ctx.actor(), ctx.args[1], ctx.value("reason"), today);
        return done(ctx, v, "已撤销：", "Revoked:");
    });
}

int renew(CommandContext& ctx) {
    if (!wantArgs(ctx, 1, "SERIAL")) return kExitUsage;
    const std::int32_t today = ctx.today();
    return guarded(ctx, [&] {
        const auto v = service(ctx).renew(ctx.actor(), ctx.args[1], today);
        return done(ctx, v, "已续期，新证书：", "Renewed; the new certificate:");
    });
}

int reissue(CommandContext& ctx) {
    if (!wantArgs(ctx, 1, "SERIAL --reason TEXT") || !ctx.has("reason")) return kExitUsage;
    const std::int32_t today = ctx.today();
    return guarded(ctx, [&] {
        const auto v = service(ctx).reissue(ctx.actor(), ctx.args[1], ctx.value("reason"), today);
        return done(ctx, v, "已补发，新证书（原证书已标为取代）：",
                    "Re-issued; the new certificate (the old one is marked superseded):");
    });
}

int expiring(CommandContext& ctx) {
    const std::int32_t today = ctx.today();
    int days = 90;
    try {
        if (ctx.has("days")) days = std::stoi(ctx.value("days"));
    } catch (const std::exception&) {
        days = -1;
    }
    if (days < 0 || days > 3660) {
        ctx.err << ctx.say("--days 应为 0 到 3660 的整数\n", "--days must be a number 0-3660\n");
        return kExitUsage;
    }
    printList(ctx, service(ctx).expiring(days, today, std::nullopt));
    return kExitOk;
}

} // namespace

int runCertsCommand(CommandContext& ctx) {
    return dispatch(ctx, "certs", nullptr,
                    {{"issue", issue},
                     {"list", list},
                     {"show", show},
                     {"verify", runCertsVerify},
                     {"pdf", runCertsPdf},
                     {"revoke", revoke},
                     {"renew", renew},
                     {"reissue", reissue},
                     {"expiring", expiring},
                     {"pubkey", runCertsPubkey}},
                    printUsage);
}

} // namespace yanzhen::app
