#include "VerifyPage.hpp"

#include <yanzhen/date.hpp>

namespace yanzhen::http {

namespace {

std::string escaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

/// The colour of a status: green when it may be relied on, amber when it soon may not, red.
const char* colourOf(const std::string& status) {
    if (status == "valid") return "#1b7a3a";
    if (status == "expiring" || status == "grace" || status == "not_yet_valid") return "#a86200";
    return "#b3261e";
}

std::string row(const std::string& label, const std::string& value) {
    return "<tr><th>" + escaped(label) + "</th><td>" + escaped(value) + "</td></tr>\n";
}

} // namespace

std::string verifyPageHtml(const std::string& serial,
                           const std::optional<services::CredentialView>& credential,
                           const std::string& lang, std::int32_t day) {
    const bool zh = lang == "zh";
    const auto say = [zh](const char* z, const char* e) { return std::string(zh ? z : e); };
    const std::string status = credential ? credential->standing.status : "unknown";
    const std::string word = services::statusText(status).in(lang);
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"" + std::string(zh ? "zh-CN" : "en") +
        "\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n<title>" +
        escaped(say("证书核验 ", "Certificate check ") + serial) +
        "</title>\n<style>\n"
        "body{font-family:\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;"
        "margin:0;background:#f5f3ef;color:#222}\n"
        "main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;"
        "border-top:6px solid " +
        colourOf(status) +
        "}\n"
        "h1{font-size:1.1rem;font-weight:normal;color:#555;margin:0 0 .5rem}\n"
        ".status{font-size:2rem;font-weight:bold;color:" +
        colourOf(status) +
        ";margin:.2rem 0 1rem}\n"
        "table{border-collapse:collapse;width:100%}\n"
        "th{text-align:left;color:#666;font-weight:normal;padding:.35rem 1rem .35rem 0;"
        "white-space:nowrap;vertical-align:top}\n"
        "td{padding:.35rem 0}\nfooter{margin-top:1.2rem;font-size:.85rem;color:#666}\n"
        "</style>\n</head>\n<body>\n<main>\n<h1>" +
        escaped(say("雁阵 · 证书核验", "Yanzhen · certificate check")) + "</h1>\n" +
        "<p class=\"status\" data-status=\"" + status + "\">" + escaped(word) + "</p>\n<table>\n" +
        row(say("证书编号", "Serial"), serial);
    // What a record that is not the signed one says is not shown: it is not what was issued.
    const bool trusted = credential && status != "tampered" && status != "unverifiable";
    if (trusted) {
        const auto& v = *credential;
        const auto& p = v.payload;
        html += row(say("持证人", "Holder"), services::maskName(p.holderName));
        html += row(say("证书", "Credential"), p.title.in(lang));
        html += row(say("课程", "Course"), p.courseTitle.in(lang) + " (" + p.courseVersion + ")");
        html += row(say("发证机关", "Issued by"), p.authority.in(lang));
        html += row(say("发证日期", "Issued on"), v.row.issuedOn);
        html +=
            row(say("有效期", "Valid"),
                v.row.validFrom + " – " +
                    (v.row.validUntil.empty() ? say("长期有效", "no expiry") : v.row.validUntil));
        if (status == "grace")
            html += row(say("宽限期至", "Grace period until"), v.standing.graceUntil);
        if (status == "revoked") html += row(say("撤销日期", "Revoked on"), v.row.revokedOn);
        if (!v.supersededBySerial.empty())
            html += row(say("更正后的证书", "Corrected certificate"), v.supersededBySerial);
        if (!v.renewedBySerial.empty())
            html += row(say("续期后的证书", "Next period"), v.renewedBySerial);
    }
    html +=
        "</table>\n<footer>" +
        escaped(
            status == "tampered"
                ? say("这条证书记录已被改动：它与发证时的签名不符，不能作为持证证明。"
                      "请向发证机关核实。",
                      "This certificate record has been altered: it does not match the "
                      "signature it was issued with and proves nothing. Ask the issuing "
                      "authority.")
            : status == "unverifiable"
                ? say("发证方的签名密钥暂不可用，无法核验这张证书；请稍后再试，或向发证机关查询。",
                      "The issuer's signing key is not available, so this certificate "
                      "cannot be checked now: try later, or ask the issuing authority.")
            : credential
                ? say("按 ", "As of ") + formatDay(day) +
                      say(" 的记录。姓名部分隐藏以保护隐私；证书文件可用发证方公钥离线核验签名。",
                          ". The name is partly hidden for privacy; the "
                          "certificate file's signature can be checked offline "
                          "with the issuer's public key.")
                : say("没有这个编号的证书：请核对编号，或向发证机关查询。",
                      "No certificate has this serial: check it, or ask the "
                      "issuing authority.")) +
        "</footer>\n</main>\n</body>\n</html>\n";
    return html;
}

} // namespace yanzhen::http
