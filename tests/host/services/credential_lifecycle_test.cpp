// A certificate's standing on a day, at the boundaries a holder meets: the day before, the day
// of and the day after the renewal window opens, the certificate ends and the grace period
// ends; revocation and supersession from the day they take effect. The signature and the
// certificate format round trip; one changed byte anywhere in the payload or the signature is
// caught; the public page's name masking is UTF-8 correct.

#include "services/credentials/CertificateFormat.hpp"
#include "services/credentials/CertificateSigner.hpp"
#include "services/credentials/CredentialLifecycle.hpp"

#include "TempDatabase.hpp"

#include <yanzhen/date.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace yanzhen::services {
namespace {

std::int32_t day(const char* text) {
    return *parseDay(text);
}

courses::CredentialPolicy licencePolicy() {
    courses::CredentialPolicy p;
    p.id = "district_licence";
    p.validity.years = 3;
    p.renewalWindowDays = 90;
    p.graceDays = 30;
    return p;
}

store::CredentialRow licence() {
    store::CredentialRow r;
    r.serial = "YZ2025-000001";
    r.issuedOn = "2025-05-01";
    r.validFrom = "2025-05-01";
    r.validUntil = "2028-04-30";
    return r;
}

std::string statusOn(const store::CredentialRow& row, const char* date) {
    const auto policy = licencePolicy();
    return standingOn(row, &policy, day(date)).status;
}

TEST(CredentialLifecycle, ValidityRunsToTheDayBeforeTheAnniversary) {
    courses::Validity three{3, 0, 0};
    EXPECT_EQ(formatDay(*lastValidDay(three, day("2025-05-01"))), "2028-04-30");
    // A leap day's anniversary does not exist: the period ends on the last day of February.
    courses::Validity one{1, 0, 0};
    EXPECT_EQ(formatDay(*lastValidDay(one, day("2024-02-29"))), "2025-02-28");
    courses::Validity month{0, 1, 0};
    EXPECT_EQ(formatDay(*lastValidDay(month, day("2025-01-31"))), "2025-02-28");
    EXPECT_FALSE(lastValidDay(courses::Validity{}, day("2025-01-01")).has_value());
}

TEST(CredentialLifecycle, RenewalWindowOpensNinetyDaysBeforeTheEnd) {
    const auto row = licence();
    const auto policy = licencePolicy();
    const auto s = standingOn(row, &policy, day("2026-01-01"));
    EXPECT_EQ(s.renewalOpensOn, "2028-01-31");
    EXPECT_EQ(s.graceUntil, "2028-05-30");
    EXPECT_EQ(statusOn(row, "2028-01-30"), "valid");
    EXPECT_EQ(statusOn(row, "2028-01-31"), "expiring");
    EXPECT_EQ(statusOn(row, "2028-02-01"), "expiring");
}

TEST(CredentialLifecycle, ExpiryAndGraceAtTheirBoundaries) {
    const auto row = licence();
    EXPECT_EQ(statusOn(row, "2028-04-29"), "expiring");
    EXPECT_EQ(statusOn(row, "2028-04-30"), "expiring"); // the last valid day
    EXPECT_EQ(statusOn(row, "2028-05-01"), "grace");
    EXPECT_EQ(statusOn(row, "2028-05-29"), "grace");
    EXPECT_EQ(statusOn(row, "2028-05-30"), "grace"); // the last day of grace
    EXPECT_EQ(statusOn(row, "2028-05-31"), "expired");
    EXPECT_EQ(statusOn(row, "2025-04-30"), "not_yet_valid");
    EXPECT_EQ(statusOn(row, "2025-05-01"), "valid");
}

TEST(CredentialLifecycle, NoGraceMeansExpiredTheDayAfter) {
    auto policy = licencePolicy();
    policy.graceDays = 0;
    const auto row = licence();
    EXPECT_EQ(standingOn(row, &policy, day("2028-04-30")).status, "expiring");
    EXPECT_EQ(standingOn(row, &policy, day("2028-05-01")).status, "expired");
}

TEST(CredentialLifecycle, RevocationAndSupersessionCountFromTheirDay) {
    auto row = licence();
    row.revokedOn = "2026-03-10";
    row.revokedReason = "test";
    EXPECT_EQ(statusOn(row, "2026-03-09"), "valid");
    EXPECT_EQ(statusOn(row, "2026-03-10"), "revoked");
    EXPECT_EQ(statusOn(row, "2026-03-11"), "revoked");
    auto corrected = licence();
    corrected.supersededOn = "2026-03-10";
    corrected.supersededBy = 2;
    EXPECT_EQ(statusOn(corrected, "2026-03-09"), "valid");
    EXPECT_EQ(statusOn(corrected, "2026-03-10"), "superseded");
}

TEST(CredentialLifecycle, ARenewedCertificateIsNotExpiringAnyMore) {
    auto row = licence();
    row.renewedBy = 7;
    EXPECT_EQ(statusOn(row, "2028-02-15"), "valid");
    EXPECT_EQ(statusOn(row, "2028-05-01"), "grace"); // its successor takes over from here
}

TEST(CredentialLifecycle, NamesAreMaskedByCharacterNotByByte) {
    EXPECT_EQ(maskName("张思腾"), "张*腾");
    EXPECT_EQ(maskName("张三"), "张*");
    EXPECT_EQ(maskName("欧阳娜娜"), "欧**娜");
    EXPECT_EQ(maskName("李"), "*");
    EXPECT_EQ(maskName("Ann Lee"), "A*****e");
    EXPECT_EQ(maskName(""), "");
}

CertificatePayload samplePayload(const std::string& keyId) {
    return CertificatePayload{"YZ2025-000042",
                              "JY-0036",
                              "李俊鹏",
                              "touyan-linghang",
                              "2025.1",
                              "33ce01297997",
                              {"头雁领航", "Lead Geese"},
                              "district_licence",
                              {"社区工作者持证上岗资格", "Licence to \"practise\""},
                              "district_licence",
                              "2025-05-01",
                              "2025-05-01",
                              "2028-04-30",
                              {"江源区委组织部", "Jiangyuan"},
                              keyId};
}

TEST(CertificateSignature, RoundTripsAndCatchesEveryChangedByte) {
    testsupport::TempFolder folder;
    const auto keyFile = folder / "test.signing-key";
    const SigningKey key = SigningKey::create(keyFile);
    struct stat st {};
    ASSERT_EQ(::stat(keyFile.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << "the signing key must be readable by its owner only";
    EXPECT_THROW(SigningKey::create(keyFile), SigningKeyError) << "never over an existing key";
    EXPECT_EQ(SigningKey::load(keyFile).publicKey().bytes, key.publicKey().bytes);

    const auto payload = canonicalPayload(samplePayload(key.publicKey().id()));
    EXPECT_EQ(canonicalPayload(*parsePayload(payload)), payload)
        << "the same payload, the same bytes";
    const std::string signature = key.sign(payload);
    const auto file = writeCertificateFile({payload, signature});
    const auto back = readCertificateFile(file);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->payload, payload);
    const PublicKey published = parsePublicKey(key.publicKey().base64());
    EXPECT_TRUE(verifySignature(published, back->payload, back->signature));
    // The well-known URL's JSON works as the key too.
    EXPECT_TRUE(verifySignature(parsePublicKey(R"({"algorithm": "Ed25519", "public_key": ")" +
                                               key.publicKey().base64() + "\"}"),
                                payload, signature));

    for (std::size_t i = 0; i < payload.size(); ++i) {
        std::string changed = payload;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        EXPECT_FALSE(verifySignature(published, changed, signature)) << "payload byte " << i;
    }
    for (std::size_t i = 0; i < signature.size(); ++i) {
        std::string changed = signature;
        changed[i] = changed[i] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(verifySignature(published, payload, changed)) << "signature byte " << i;
    }
    const SigningKey other = SigningKey::create(folder / "other.signing-key");
    EXPECT_FALSE(verifySignature(other.publicKey(), payload, signature));
    EXPECT_NE(other.publicKey().id(), key.publicKey().id());
}

TEST(CertificateSignature, AKeyOthersMayReadIsRefused) {
    testsupport::TempFolder folder;
    const auto keyFile = folder / "loose.signing-key";
    SigningKey::create(keyFile);
    ::chmod(keyFile.c_str(), 0644);
    EXPECT_THROW(SigningKey::load(keyFile), SigningKeyError);
    EXPECT_THROW(parsePublicKey("not base64!"), SigningKeyError);
}

} // namespace
} // namespace yanzhen::services
