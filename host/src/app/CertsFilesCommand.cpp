// `yanzhen certs verify FILE`, `certs pdf SERIAL -o FILE` and `certs pubkey`: the certificate as
// a file. verify needs nothing but the file and the issuer's public key: a third party runs it
// offline (revocation, which only the issuer knows, is on the verification page).

#include "CertSettings.hpp"
#include "Command.hpp"
#include "CourseSubsystem.hpp"
#include "StoreSubsystem.hpp"
#include "YanzhenApplication.hpp"

#include "services/credentials/CertificateFormat.hpp"
#include "services/credentials/CertificatePdf.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialLifecycle.hpp"
#include "json/DescribeCredential.hpp"
#include "json/DescribePlugins.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Object.h>

#include <fstream>
#include <sstream>

namespace yanzhen::app {

namespace {

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The key to check against: --pubkey (a file, or the base64 itself), else the public half of
/// the configured signing key.
services::PublicKey verifierKey(CommandContext& ctx) {
    if (ctx.has("pubkey")) {
        const std::string given = ctx.value("pubkey");
        const auto file = std::filesystem::exists(given) ? readFile(given) : std::nullopt;
        return services::parsePublicKey(file ? *file : given);
    }
    return services::SigningKey::load(signingKeyFile(ctx)).publicKey();
}

/// What the dates alone say on `today` (offline, revocation cannot be known).
std::string offlineStatus(const services::CertificatePayload& p, std::int32_t today) {
    const std::string day = formatDay(today);
    if (day < p.validFrom) return "not_yet_valid";
    if (!p.validUntil.empty() && day > p.validUntil) return "expired";
    return "valid";
}

} // namespace

int runCertsVerify(CommandContext& ctx) {
    if (ctx.args.size() != 2) {
        ctx.err << ctx.say("用法：yanzhen certs verify 文件 [--pubkey 文件|BASE64]\n",
                           "usage: yanzhen certs verify FILE [--pubkey FILE|BASE64]\n");
        return kExitUsage;
    }
    const std::int32_t today = ctx.today();
    services::PublicKey key;
    try {
        key = verifierKey(ctx);
    } catch (const services::SigningKeyError& e) {
        ctx.err << ctx.say("公钥：", "public key: ") << e.what()
                << ctx.say("（用 --pubkey 给出发证方的公钥）\n",
                           " (give the issuer's public key with --pubkey)\n");
        return kExitUsage;
    }
    const auto text = readFile(ctx.args[1]);
    if (!text) {
        ctx.err << ctx.say("无法读取 ", "cannot read ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    const auto file = services::readCertificateFile(*text);
    const auto payload = file ? services::parsePayload(file->payload) : std::nullopt;
    const bool signatureHolds =
        file && services::verifySignature(key, file->payload, file->signature);
    std::string verdict = "tampered";
    if (signatureHolds && payload)
        verdict = "valid";
    else if (payload && payload->keyId != key.id())
        verdict = "unknown_key";

    Poco::JSON::Object root;
    root.set("file", ctx.args[1]);
    root.set("signature", verdict);
    root.set("key_id", key.id());
    if (verdict == "valid") {
        const auto& p = *payload;
        const std::string status = offlineStatus(p, today);
        root.set("status", status);
        root.set("status_text", json::describe(services::statusText(status)));
        root.set("serial", p.serial);
        Poco::JSON::Object::Ptr holder = new Poco::JSON::Object;
        holder->set("code", p.holderCode);
        holder->set("name", p.holderName);
        root.set("holder", holder);
        root.set("title", json::describe(p.title));
        root.set("course", p.courseId);
        root.set("course_version", p.courseVersion);
        root.set("issued_on", p.issuedOn);
        root.set("valid_from", p.validFrom);
        root.set("valid_until", p.validUntil);
        root.set("authority", json::describe(p.authority));
    }
    root.set("date", formatDay(today));
    if (ctx.json()) {
        root.stringify(ctx.out, 2);
        ctx.out << '\n';
        return verdict == "valid" ? kExitOk : kExitFailure;
    }
    if (verdict == "tampered") {
        ctx.out << ctx.say("✘ 已被篡改：签名与证书内容不符（或文件已损坏），不能作为证明。\n",
                           "✘ TAMPERED: the signature does not match the certificate's content "
                           "(or the file is damaged); it proves nothing.\n");
        return kExitFailure;
    }
    if (verdict == "unknown_key") {
        ctx.out << ctx.say("✘ 签名密钥不符：证书由密钥 ", "✘ UNKNOWN KEY: signed by key ")
                << payload->keyId << ctx.say("签发，而给出的公钥是 ", ", but the key given is ")
                << key.id() << ctx.say("。\n", ".\n");
        return kExitFailure;
    }
    const auto& p = *payload;
    const std::string status = offlineStatus(p, today);
    ctx.out << ctx.say("✔ 签名有效（密钥 ", "✔ signature valid (key ") << key.id() << ")\n"
            << "  " << p.serial << "  " << p.title.in(ctx.lang) << '\n'
            << ctx.say("  持证人    ", "  holder     ") << p.holderName << " " << p.holderCode
            << '\n'
            << ctx.say("  有效期    ", "  valid      ") << p.validFrom << " – "
            << (p.validUntil.empty() ? ctx.say("长期有效", "no expiry") : p.validUntil) << '\n'
            << ctx.say("  按日期    ", "  by dates   ") << services::statusText(status).in(ctx.lang)
            << ctx.say("（", " (as of ") << formatDay(today) << ctx.say("）\n", ")\n")
            << ctx.say("  发证机关  ", "  authority  ") << p.authority.in(ctx.lang) << '\n'
            << ctx.say("  是否被撤销只能在线查询：", "  Revocation can only be checked online: ")
            << json::verifyUrl(publicUrl(ctx), p.serial) << '\n';
    return kExitOk;
}

int runCertsPdf(CommandContext& ctx) {
    if (ctx.args.size() != 2 || !ctx.has("output")) {
        ctx.err << ctx.say("用法：yanzhen certs pdf 编号 -o 文件\n",
                           "usage: yanzhen certs pdf SERIAL -o FILE\n");
        return kExitUsage;
    }
    const std::int32_t today = ctx.today();
    services::CredentialService service(ctx.app.getSubsystem<StoreSubsystem>().store(),
                                        ctx.app.getSubsystem<CourseSubsystem>().versions(),
                                        signingKeyFile(ctx));
    const auto v = service.find(ctx.args[1], today);
    if (!v) {
        ctx.err << ctx.say("没有这个证书：", "no such certificate: ") << ctx.args[1] << '\n';
        return kExitFailure;
    }
    const std::string pdf =
        services::renderCertificatePdf(*v, json::verifyUrl(publicUrl(ctx), v->row.serial));
    std::ofstream out(ctx.value("output"), std::ios::binary);
    out << pdf;
    if (!out) {
        ctx.err << ctx.say("无法写入 ", "cannot write ") << ctx.value("output") << '\n';
        return kExitFailure;
    }
    ctx.out << ctx.say("已写入 ", "written ") << ctx.value("output") << " (" << pdf.size()
            << " bytes)\n";
    return kExitOk;
}

int runCertsPubkey(CommandContext& ctx) {
    try {
        const auto key = services::SigningKey::load(signingKeyFile(ctx)).publicKey();
        if (ctx.json()) {
            Poco::JSON::Object root;
            root.set("algorithm", std::string("Ed25519"));
            root.set("public_key", key.base64());
            root.set("key_id", key.id());
            root.stringify(ctx.out, 2);
            ctx.out << '\n';
        } else {
            ctx.out << key.base64() << '\n';
            ctx.err << ctx.say("（Ed25519 公钥，密钥编号 ", "(Ed25519 public key, key id ")
                    << key.id() << ctx.say("）\n", ")\n");
        }
        return kExitOk;
    } catch (const services::SigningKeyError& e) {
        ctx.err << e.what() << '\n';
        return kExitFailure;
    }
}

} // namespace yanzhen::app
