// `yanzhen certs ...` as trainers, admins and third parties run it: the real executable on the
// demo district (init --demo issues its certificates), the real plugins and courses. The PDF is
// read back the way a person's tools would: pdftotext for its words, pdffonts for the embedded
// CJK font, pdftoppm + zbarimg for the QR code's address.

#include "RunCommand.hpp"
#include "TempDatabase.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>

using yanzhen::testsupport::CommandResult;
using yanzhen::testsupport::runCommand;
using yanzhen::testsupport::TempFolder;

namespace {

const std::string kYanzhen = YANZHEN_BINARY;
const std::string kToday = "2026-11-28";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

Poco::Dynamic::Var parse(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text);
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

/// The demo district, built once for every test here (it takes a few seconds).
class CliCerts : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = std::make_unique<TempFolder>();
        db_ = (*folder_ / "demo.db").string();
        const auto r =
            runCommand(kYanzhen, {"init", "--demo", "--db", db_, "--date", kToday, "--json"},
                       YANZHEN_SOURCE_DIR);
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
        init_ = parse(r.out).extract<Poco::JSON::Object::Ptr>();
    }
    static void TearDownTestSuite() { folder_.reset(); }

    CommandResult certs(std::vector<std::string> args, const std::string& date = kToday) {
        args.insert(args.begin(), "certs");
        for (const std::string& extra :
             std::vector<std::string>{"--db", db_, "--lang", "en", "--actor", "cli:test"})
            args.push_back(extra);
        if (!date.empty()) {
            args.push_back("--date");
            args.push_back(date);
        }
        return runCommand(kYanzhen, args, YANZHEN_SOURCE_DIR);
    }

    /// The person of the demo login `username`, from the JSON `init --demo` printed.
    static std::string loginCode(const std::string& username) {
        const auto logins = init_->getArray("logins");
        for (std::size_t i = 0; i < logins->size(); ++i) {
            const auto login = logins->getObject(static_cast<unsigned>(i));
            if (login->getValue<std::string>("username") == username)
                return login->getValue<std::string>("worker");
        }
        return "";
    }

    Poco::JSON::Array::Ptr list(const std::vector<std::string>& args,
                                const std::string& date = kToday) {
        auto all = args;
        all.push_back("--json");
        const auto r = certs(all, date);
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        return parse(r.out).extract<Poco::JSON::Array::Ptr>();
    }

    Poco::JSON::Object::Ptr show(const std::string& serial, const std::string& date = kToday) {
        const auto r = certs({"show", serial, "--json"}, date);
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        return parse(r.out).extract<Poco::JSON::Object::Ptr>();
    }

    /// The first certificate of `status` on the demo's day.
    std::string withStatus(const std::string& status) {
        const auto all = list({"list"});
        for (std::size_t i = 0; i < all->size(); ++i) {
            const auto o = all->getObject(static_cast<unsigned>(i));
            if (o->getValue<std::string>("status") == status)
                return o->getValue<std::string>("serial");
        }
        ADD_FAILURE() << "no certificate is " << status;
        return "";
    }

    static std::unique_ptr<TempFolder> folder_;
    static std::string db_;
    static Poco::JSON::Object::Ptr init_;
};

std::unique_ptr<TempFolder> CliCerts::folder_;
std::string CliCerts::db_;
Poco::JSON::Object::Ptr CliCerts::init_;

TEST_F(CliCerts, TheDemoShowsEveryStateAndTheWorkerLoginHoldsAValidLicence) {
    const auto summary = init_->getObject("demo")->getObject("credentials");
    EXPECT_GT(summary->getValue<int>("issued"), 20);
    EXPECT_GE(summary->getValue<int>("expiring"), 1);
    EXPECT_EQ(summary->getValue<int>("revoked"), 1);
    EXPECT_EQ(summary->getValue<int>("superseded"), 1);
    std::set<std::string> seen;
    const auto all = list({"list"});
    for (std::size_t i = 0; i < all->size(); ++i)
        seen.insert(all->getObject(static_cast<unsigned>(i))->getValue<std::string>("status"));
    for (const char* status : {"valid", "expiring", "revoked", "superseded"})
        EXPECT_TRUE(seen.count(status)) << "no certificate is " << status;

    // The signing key lives beside the database, readable by its owner only.
    struct stat st {};
    ASSERT_EQ(::stat((db_ + ".signing-key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    // The holder's login holds a licence in force; the worker's login, still training, none.
    const std::string holder = loginCode("holder");
    ASSERT_FALSE(holder.empty());
    const auto own = list({"list", holder});
    ASSERT_GE(own->size(), 1u);
    EXPECT_EQ(own->getObject(0)->getValue<std::string>("status"), "valid");
    EXPECT_EQ(own->getObject(0)->getObject("holder")->getValue<std::string>("code"), holder);
    const std::string worker = loginCode("worker");
    ASSERT_FALSE(worker.empty());
    EXPECT_EQ(list({"list", worker})->size(), 0u);

    // The expiry report: certificates ending within 90 days, soonest first.
    const auto expiring = list({"expiring", "--days", "90"});
    ASSERT_GE(expiring->size(), 1u);
    std::string previous;
    for (std::size_t i = 0; i < expiring->size(); ++i) {
        const auto until =
            expiring->getObject(static_cast<unsigned>(i))->getValue<std::string>("valid_until");
        EXPECT_LE(previous, until);
        EXPECT_LE(until, "2027-02-26");
        previous = until;
    }
}

TEST_F(CliCerts, AThirdPartyVerifiesOfflineAndEveryTamperingIsCaught) {
    const std::string serial = withStatus("valid");
    const auto file = *folder_ / (serial + ".json");
    ASSERT_EQ(certs({"show", serial, "-o", file.string()}).exitCode, 0);
    const auto pubkey = certs({"pubkey"}, "");
    ASSERT_EQ(pubkey.exitCode, 0) << pubkey.err;
    const std::string key = pubkey.out.substr(0, pubkey.out.find('\n'));
    EXPECT_EQ(key.size(), 44u) << "base64 of 32 bytes";

    // Only the file and the public key: no database.
    const auto offline = runCommand(kYanzhen,
                                    {"certs", "verify", file.string(), "--pubkey", key, "--lang",
                                     "en", "--db", (*folder_ / "none.db").string()},
                                    YANZHEN_SOURCE_DIR);
    EXPECT_EQ(offline.exitCode, 0) << offline.out << offline.err;
    EXPECT_TRUE(contains(offline.out, "signature valid")) << offline.out;
    EXPECT_TRUE(contains(offline.out, serial)) << offline.out;
    writeFile(*folder_ / "key.txt", key + "\n");
    EXPECT_EQ(
        certs({"verify", file.string(), "--pubkey", (*folder_ / "key.txt").string()}).exitCode, 0);

    const std::string original = readFile(file);
    const auto tampered = [&](std::size_t at, char to) {
        std::string changed = original;
        changed[at] = to;
        const auto path = *folder_ / "tampered.json";
        writeFile(path, changed);
        return certs({"verify", path.string(), "--pubkey", key});
    };
    // One byte of the payload: the holder's staff number's last digit.
    const auto payloadAt = original.find("\\\"code\\\":\\\"JY-") + 17;
    ASSERT_LT(payloadAt, original.find("\"signature\""));
    const auto p = tampered(payloadAt, original[payloadAt] == '9' ? '8' : '9');
    EXPECT_EQ(p.exitCode, 1) << p.out << p.err;
    EXPECT_TRUE(contains(p.out, "TAMPERED")) << p.out;
    // One byte of the signature.
    const auto sigAt = original.find("\"signature\": \"") + 20;
    const auto s = tampered(sigAt, original[sigAt] == 'A' ? 'B' : 'A');
    EXPECT_EQ(s.exitCode, 1) << s.out << s.err;
    EXPECT_TRUE(contains(s.out, "TAMPERED")) << s.out;

    // Another issuer's key: said so, not taken for tampering.
    const std::string other = (*folder_ / "other.db").string();
    ASSERT_EQ(runCommand(kYanzhen, {"init", "--db", other}, YANZHEN_SOURCE_DIR).exitCode, 0);
    const auto otherKey =
        runCommand(kYanzhen, {"certs", "pubkey", "--db", other}, YANZHEN_SOURCE_DIR);
    const auto wrong = certs(
        {"verify", file.string(), "--pubkey", otherKey.out.substr(0, otherKey.out.find('\n'))});
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(contains(wrong.out, "UNKNOWN KEY")) << wrong.out;
}

TEST_F(CliCerts, ThePdfCarriesTheNameTheEmbeddedCjkFontAndAQrCodeOfTheVerifyPage) {
    const std::string serial = withStatus("valid");
    const auto cert = show(serial);
    const std::string name = cert->getObject("holder")->getValue<std::string>("name");
    const auto pdf = *folder_ / (serial + ".pdf");
    const auto r = runCommand(kYanzhen,
                              {"certs", "pdf", serial, "-o", pdf.string(), "--db", db_,
                               "--public-url", "https://yz.example.org/"},
                              YANZHEN_SOURCE_DIR);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(readFile(pdf).substr(0, 5), "%PDF-");

    const auto text = runCommand("/usr/bin/pdftotext", {pdf.string(), "-"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_TRUE(contains(text.out, name)) << text.out;
    EXPECT_TRUE(contains(text.out, "社区工作者持证上岗资格")) << text.out;
    EXPECT_TRUE(contains(text.out, "Licence to practise")) << text.out;
    EXPECT_TRUE(contains(text.out, serial)) << text.out;
    EXPECT_TRUE(contains(text.out, cert->getValue<std::string>("valid_until"))) << text.out;

    const auto fonts = runCommand("/usr/bin/pdffonts", {pdf.string()});
    ASSERT_EQ(fonts.exitCode, 0) << fonts.err;
    bool embeddedCjk = false;
    for (const auto& line : yanzhen::testsupport::lines(fonts.out))
        if (contains(line, "NotoS") && contains(line, "CJK") && contains(line, " yes "))
            embeddedCjk = true;
    EXPECT_TRUE(embeddedCjk) << fonts.out;

    const auto png = *folder_ / "page";
    ASSERT_EQ(runCommand("/usr/bin/pdftoppm",
                         {"-r", "150", "-png", "-singlefile", pdf.string(), png.string()})
                  .exitCode,
              0);
    const auto qr = runCommand("/usr/bin/zbarimg", {"--raw", "-q", png.string() + ".png"});
    EXPECT_EQ(qr.exitCode, 0) << qr.err;
    EXPECT_EQ(qr.out, "https://yz.example.org/verify/" + serial + "\n");
}

TEST_F(CliCerts, ExpiryRenewalWindowAndGraceFollowTheInjectedDate) {
    const std::string serial = withStatus("valid");
    const auto cert = show(serial);
    const std::string opens = cert->getValue<std::string>("renewal_opens_on");
    const std::string until = cert->getValue<std::string>("valid_until");
    const std::string grace = cert->getValue<std::string>("grace_until");
    const auto statusOn = [&](const std::string& date) {
        return show(serial, date)->getValue<std::string>("status");
    };
    const auto shift = [](const std::string& date, int days) {
        struct tm t {};
        strptime(date.c_str(), "%Y-%m-%d", &t);
        t.tm_mday += days;
        t.tm_hour = 12;
        timegm(&t);
        char out[16];
        strftime(out, sizeof out, "%Y-%m-%d", &t);
        return std::string(out);
    };
    EXPECT_EQ(statusOn(shift(opens, -1)), "valid");
    EXPECT_EQ(statusOn(opens), "expiring");
    EXPECT_EQ(statusOn(until), "expiring");
    EXPECT_EQ(statusOn(shift(until, 1)), "grace");
    EXPECT_EQ(statusOn(grace), "grace");
    EXPECT_EQ(statusOn(shift(grace, 1)), "expired");

    // Renewal: refused before the window, and past the grace period.
    const auto early = certs({"renew", serial}, shift(opens, -1));
    EXPECT_EQ(early.exitCode, 1);
    EXPECT_TRUE(contains(early.err, "renewal opens on " + opens)) << early.err;
    const auto late = certs({"renew", serial}, shift(grace, 1));
    EXPECT_EQ(late.exitCode, 1);
    EXPECT_TRUE(contains(late.err, "grace period ended on " + grace)) << late.err;
    // In the window, the renewal set decides: without the hours, what's left is named.
    const auto inWindow = certs({"renew", serial}, opens);
    if (inWindow.exitCode == 0) {
        EXPECT_TRUE(contains(inWindow.out, "Renewed")) << inWindow.out;
        EXPECT_EQ(show(serial, opens)->getValue<std::string>("status"), "valid");
    } else {
        EXPECT_EQ(inWindow.exitCode, 1);
        EXPECT_TRUE(contains(inWindow.err, "What's left")) << inWindow.err;
        EXPECT_TRUE(contains(inWindow.err, "continuing education")) << inWindow.err;
    }
}

TEST_F(CliCerts, RevokeReissueAndRefusalAreRecordedInTheAuditLog) {
    // The demo's holder: revoke their licence. Then the worker login asks for one: still
    // training in cohort 5, so the answer is what's left (the progress page's sentences).
    const std::string worker = loginCode("worker");
    const auto own = list({"list", loginCode("holder")});
    ASSERT_GE(own->size(), 1u);
    const std::string serial = own->getObject(0)->getValue<std::string>("serial");
    const auto revoked = certs({"revoke", serial, "--reason", "issued in error"});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.out << revoked.err;
    EXPECT_EQ(show(serial)->getValue<std::string>("status"), "revoked");
    EXPECT_EQ(show(serial)->getValue<std::string>("revoked_reason"), "issued in error");
    EXPECT_EQ(show(serial, "2026-11-27")->getValue<std::string>("status"), "valid")
        << "a revocation counts from its day";
    EXPECT_EQ(certs({"revoke", serial, "--reason", "again"}).exitCode, 1);

    const auto refused =
        certs({"issue", worker, "--course", "touyan-linghang", "--credential", "district_licence"});
    EXPECT_EQ(refused.exitCode, 1) << refused.out;
    EXPECT_TRUE(contains(refused.err, "does not yet meet")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "What's left:")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "drills passed")) << refused.err;

    // A correction: the new certificate keeps the period, the old one points at it.
    const std::string valid = withStatus("valid");
    const auto before = show(valid);
    const auto r = certs({"reissue", valid, "--reason", "name corrected", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    const auto next = parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_NE(next->getValue<std::string>("serial"), valid);
    EXPECT_EQ(next->getValue<std::string>("valid_until"),
              before->getValue<std::string>("valid_until"));
    EXPECT_EQ(next->getValue<std::string>("status"), "valid");
    EXPECT_EQ(next->getValue<std::string>("previous"), valid);
    const auto old = show(valid);
    EXPECT_EQ(old->getValue<std::string>("status"), "superseded");
    EXPECT_EQ(old->getValue<std::string>("superseded_by"), next->getValue<std::string>("serial"));

    const auto audit =
        runCommand(kYanzhen, {"audit", "list", "--limit", "50", "--db", db_}, YANZHEN_SOURCE_DIR);
    EXPECT_TRUE(contains(audit.out, "credential.revoke")) << audit.out;
    EXPECT_TRUE(contains(audit.out, "credential.supersede")) << audit.out;
    EXPECT_TRUE(contains(audit.out, "credential.issue")) << audit.out;
    EXPECT_TRUE(contains(audit.out, "cli:test")) << audit.out;
    const auto chain = runCommand(kYanzhen, {"audit", "verify", "--db", db_}, YANZHEN_SOURCE_DIR);
    EXPECT_EQ(chain.exitCode, 0) << chain.out << chain.err;
}

} // namespace
