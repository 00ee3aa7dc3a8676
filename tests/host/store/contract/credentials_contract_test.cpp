// The credentials aggregate, against every backend: certificates issued under the id the store
// gives next, each serial once; revoked, superseded and renewed by filling their columns only;
// found by id and serial; listed newest first by holder, by trainer, and as the expiry report.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class CredentialContract : public contract::StoreContract {
protected:
    void SetUp() override {
        StoreContract::SetUp();
        if (HasFatalFailure()) return;
        hash_ = keepCourse();
        holder_ = addPerson("JY-0042", "张丽");
    }

    /// "YZ-2026-00000n".
    static std::string serial(int n) {
        std::string digits = std::to_string(n);
        return "YZ-2026-" + std::string(6 - digits.size(), '0') + digits;
    }
    /// A certificate of the holder, serial `n`, valid until `validUntil`, issued on `issuedOn`.
    Id issueTo(Id holder, int n, const std::string& validUntil = "2029-11-27",
               const std::string& issuedOn = "2026-11-28") {
        return issue(certificate(holder, hash_, serial(n), validUntil, issuedOn));
    }
    CredentialRow found(Id id) { return read()->credentials().find(id).value(); }

    std::string hash_;
    Id holder_ = 0;
};

} // namespace

TEST_P(CredentialContract, NextIdIsTheIdTheNextCertificateGets) {
    const Id first = write([&](WriteUnit& u) {
        auto& credentials = u.credentials();
        auto row = certificate(holder_, hash_, serial(1));
        row.id = credentials.nextId();
        EXPECT_EQ(credentials.add(row), row.id);
        EXPECT_TRUE(credentials.find(row.id));   // in the write already
        EXPECT_GT(credentials.nextId(), row.id); // taken now
        return row.id;
    });
    EXPECT_EQ(found(first).serial, serial(1));
    const Id next = write([&](WriteUnit& u) { return u.credentials().nextId(); });
    EXPECT_GT(next, first);
    EXPECT_EQ(issueTo(holder_, 2), next); // it held until this write
}

TEST_P(CredentialContract, AddsACertificateAndReadsEveryFieldBack) {
    auto in = certificate(holder_, hash_, serial(1), "2029-11-27", "2026-11-28");
    std::string now;
    const Id id = writeAs("admin:李强", [&](WriteUnit& u) {
        now = u.now();
        in.id = u.credentials().nextId();
        return u.credentials().add(in);
    });
    const auto c = found(id);
    EXPECT_EQ(c.id, id);
    EXPECT_EQ(c.serial, serial(1));
    EXPECT_EQ(c.personId, holder_);
    EXPECT_EQ(c.courseId, kCourse);
    EXPECT_EQ(c.courseHash, hash_);
    EXPECT_EQ(c.credential, "district_licence");
    EXPECT_EQ(c.level, "district");
    EXPECT_EQ(c.issuedOn, "2026-11-28");
    EXPECT_EQ(c.validFrom, "2026-11-28");
    EXPECT_EQ(c.validUntil, "2029-11-27");
    EXPECT_EQ(c.payload, in.payload); // exactly the bytes that were signed
    EXPECT_EQ(c.payload, "{\"holder\":\"张丽\",\"serial\":\"" + serial(1) + "\"}");
    EXPECT_EQ(c.signature, in.signature);
    EXPECT_EQ(c.keyId, "yz-2026");
    EXPECT_EQ(c.issuedBy, "admin:李强"); // the write's actor ...
    EXPECT_EQ(c.issuedAt, now);          // ... and time
    EXPECT_FALSE(c.previousId);
    EXPECT_EQ(c.revokedOn, "");
    EXPECT_EQ(c.revokedReason, "");
    EXPECT_EQ(c.supersededOn, "");
    EXPECT_FALSE(c.supersededBy);
    EXPECT_FALSE(c.renewedBy);
    const auto bySerial = read()->credentials().findBySerial(serial(1));
    ASSERT_TRUE(bySerial);
    EXPECT_EQ(bySerial->id, id);
}

TEST_P(CredentialContract, ACertificateWithoutExpiryHasAnEmptyValidUntil) {
    const Id id = issueTo(holder_, 1, "");
    EXPECT_EQ(found(id).validUntil, "");
}

TEST_P(CredentialContract, UnknownCertificatesAreNotFound) {
    auto r = read();
    EXPECT_FALSE(r->credentials().find(1));
    EXPECT_FALSE(r->credentials().findBySerial(serial(1)));
    EXPECT_TRUE(r->credentials().list({}).empty());
    EXPECT_TRUE(r->credentials().list(CredentialQuery{.person = holder_}).empty());
}

TEST_P(CredentialContract, ATakenSerialIsRefusedAndTheWriteRollsBack) {
    const Id first = issueTo(holder_, 1);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     auto& credentials = u.credentials();
                     auto second = certificate(holder_, hash_, serial(2));
                     second.id = credentials.nextId();
                     credentials.add(second);
                     auto again = certificate(holder_, hash_, serial(1), "2030-01-01");
                     again.id = credentials.nextId();
                     credentials.add(again);
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->credentials().findBySerial(serial(2)));
    EXPECT_EQ(r->credentials().findBySerial(serial(1)).value().id, first);
    EXPECT_EQ(r->credentials().findBySerial(serial(1)).value().validUntil, "2029-11-27");
    EXPECT_EQ(r->credentials().list({}).size(), 1U);
}

TEST_P(CredentialContract, ACertificateOfAnUnkeptVersionAMissingHolderOrPredecessorIsRefused) {
    auto unkept = certificate(holder_, hexHash("dead"), serial(1));
    EXPECT_THROW(issue(unkept), StoreError);
    EXPECT_THROW(issue(certificate(999, hash_, serial(2))), StoreError);
    auto orphan = certificate(holder_, hash_, serial(3));
    orphan.previousId = 999;
    EXPECT_THROW(issue(orphan), StoreError);
    EXPECT_TRUE(read()->credentials().list({}).empty());
}

// What became of them

TEST_P(CredentialContract, RevokesACertificate) {
    const Id id = issueTo(holder_, 1);
    const Id other = issueTo(holder_, 2);
    write([&](WriteUnit& u) { u.credentials().revoke(id, "2026-11-28", "证书信息有误"); });
    const auto c = found(id);
    EXPECT_EQ(c.revokedOn, "2026-11-28");
    EXPECT_EQ(c.revokedReason, "证书信息有误");
    EXPECT_EQ(c.serial, serial(1)); // nothing else changes
    EXPECT_EQ(c.validUntil, "2029-11-27");
    EXPECT_EQ(c.supersededOn, "");
    EXPECT_EQ(found(other).revokedOn, "");
}

TEST_P(CredentialContract, SupersedesACertificateByItsCorrectedReissue) {
    const Id old = issueTo(holder_, 1);
    auto reissue = certificate(holder_, hash_, serial(2));
    reissue.previousId = old;
    const Id corrected = issue(reissue);
    write(
        [&](WriteUnit& u) { u.credentials().supersede(old, corrected, "2026-11-28", "姓名错字"); });
    const auto before = found(old);
    EXPECT_EQ(before.supersededOn, "2026-11-28");
    EXPECT_EQ(before.supersededBy, corrected);
    EXPECT_EQ(before.revokedOn, "");
    EXPECT_FALSE(before.renewedBy);
    const auto after = found(corrected);
    EXPECT_EQ(after.previousId, old);
    EXPECT_EQ(after.supersededOn, "");
    EXPECT_FALSE(after.supersededBy);
}

TEST_P(CredentialContract, MarksACertificateRenewedByItsNextPeriod) {
    const Id old = issueTo(holder_, 1, "2026-12-31", "2023-12-31");
    auto next = certificate(holder_, hash_, serial(2), "2029-12-31", "2026-11-28");
    next.previousId = old;
    const Id renewal = issue(next);
    write([&](WriteUnit& u) { u.credentials().markRenewed(old, renewal); });
    const auto c = found(old);
    EXPECT_EQ(c.renewedBy, renewal);
    EXPECT_EQ(c.supersededOn, "");
    EXPECT_EQ(c.revokedOn, "");
    EXPECT_FALSE(found(renewal).renewedBy);
}

TEST_P(CredentialContract, ASuccessorThatDoesNotExistIsRefused) {
    const Id id = issueTo(holder_, 1);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.credentials().supersede(id, id + 1, "2026-11-28", "姓名错字");
                 }),
                 StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) { u.credentials().markRenewed(id, id + 1); }), StoreError);
    const auto c = found(id);
    EXPECT_EQ(c.supersededOn, "");
    EXPECT_FALSE(c.supersededBy);
    EXPECT_FALSE(c.renewedBy);
}

TEST_P(CredentialContract, WhatIsNotThereOrHasEndedAlreadyIsNotChangedAgain) {
    const Id id = issueTo(holder_, 1);
    const Id other = issueTo(holder_, 2);
    const Id third = issueTo(holder_, 3);
    const Id missing = third + 10;
    const std::size_t audited = auditCount();
    // A certificate that does not exist: refused, not reported done.
    EXPECT_THROW(write([&](WriteUnit& u) { u.credentials().revoke(missing, "2026-11-28", "x"); }),
                 StoreError);
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.credentials().supersede(missing, other, "2026-11-28", "x"); }),
        StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) { u.credentials().markRenewed(missing, other); }),
                 StoreError);
    // Revoked once: a second revocation (a race of two trainers) is refused and keeps the first.
    write([&](WriteUnit& u) { u.credentials().revoke(id, "2026-11-28", "证书信息有误"); });
    EXPECT_THROW(write([&](WriteUnit& u) { u.credentials().revoke(id, "2026-12-01", "again"); }),
                 StoreError);
    EXPECT_EQ(found(id).revokedOn, "2026-11-28");
    EXPECT_EQ(found(id).revokedReason, "证书信息有误");
    // Superseded once, renewed once: the same.
    write([&](WriteUnit& u) { u.credentials().supersede(other, id, "2026-11-28", "姓名错字"); });
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.credentials().supersede(other, id, "2026-12-01", "again"); }),
        StoreError);
    EXPECT_EQ(found(other).supersededOn, "2026-11-28");
    write([&](WriteUnit& u) { u.credentials().markRenewed(third, other); });
    EXPECT_THROW(write([&](WriteUnit& u) { u.credentials().markRenewed(third, id); }), StoreError);
    EXPECT_EQ(found(third).renewedBy, other);
    // Only the three changes that were made are in the audit log.
    EXPECT_EQ(auditCount(), audited + 3);
}

// Lists

TEST_P(CredentialContract, ListsNewestFirstByIssueDateThenId) {
    const Id june = issueTo(holder_, 1, "2028-05-31", "2025-06-01");
    const Id january = issueTo(holder_, 2, "2029-01-09", "2026-01-10");
    const Id juneToo = issueTo(holder_, 3, "2028-05-31", "2025-06-01");
    EXPECT_EQ(idsOf(read()->credentials().list({})), (std::vector<Id>{january, juneToo, june}));
}

TEST_P(CredentialContract, ListsOnePersonsCertificates) {
    const Id other = addPerson("JY-0043", "李娜");
    const Id first = issueTo(holder_, 1, "2028-05-31", "2025-06-01");
    const Id theirs = issueTo(other, 2);
    const Id second = issueTo(holder_, 3, "2029-01-09", "2026-01-10");
    auto r = read();
    EXPECT_EQ(idsOf(r->credentials().list(CredentialQuery{.person = holder_})),
              (std::vector<Id>{second, first}));
    EXPECT_EQ(idsOf(r->credentials().list(CredentialQuery{.person = other})),
              (std::vector<Id>{theirs}));
    EXPECT_EQ(r->credentials().list({}).size(), 3U);
}

TEST_P(CredentialContract, ListsTheCertificatesOfThePeopleATrainerTeaches) {
    const Id trainer = addPerson("JY-T001", "陈老师", "trainer");
    const Id other = addPerson("JY-0043", "李娜");
    const Id mine = addCohort("TY-2026-1", hash_);
    const Id theirs = addCohort("TY-2026-2", hash_);
    addTrainer(mine, trainer);
    enroll(mine, holder_);
    enroll(theirs, other);
    const Id taught = issueTo(holder_, 1);
    issueTo(other, 2);
    auto r = read();
    EXPECT_EQ(idsOf(r->credentials().list(CredentialQuery{.taughtBy = trainer})),
              (std::vector<Id>{taught}));
    EXPECT_TRUE(r->credentials().list(CredentialQuery{.taughtBy = holder_}).empty());
}

TEST_P(CredentialContract, ListsTheCertificatesExpiringInAWindowThatAreStillInForce) {
    const Id first = issueTo(holder_, 1, "2026-12-01"); // on the window's first day
    const Id last = issueTo(holder_, 2, "2027-01-31");  // on its last day
    const Id inside = issueTo(holder_, 3, "2026-12-31");
    issueTo(holder_, 4, "2026-11-30"); // the day before
    issueTo(holder_, 5, "2027-02-01"); // the day after
    issueTo(holder_, 6, "");           // never expires
    const Id revoked = issueTo(holder_, 7, "2026-12-15");
    const Id superseded = issueTo(holder_, 8, "2026-12-16");
    const Id renewed = issueTo(holder_, 9, "2026-12-17");
    const Id successor = issueTo(holder_, 10, "2029-12-31");
    write([&](WriteUnit& u) {
        u.credentials().revoke(revoked, "2026-11-28", "违规");
        u.credentials().supersede(superseded, successor, "2026-11-28", "姓名错字");
        u.credentials().markRenewed(renewed, successor);
    });
    const CredentialQuery expiring{.expiringFrom = "2026-12-01", .expiringTo = "2027-01-31"};
    EXPECT_EQ(idsOf(read()->credentials().list(expiring)), (std::vector<Id>{inside, last, first}));
}

TEST_P(CredentialContract, ListFiltersCombine) {
    const Id other = addPerson("JY-0043", "李娜");
    const Id hers = issueTo(holder_, 1, "2026-12-31");
    issueTo(holder_, 2, "2029-11-27");
    issueTo(other, 3, "2026-12-31");
    const CredentialQuery q{
        .person = holder_, .expiringFrom = "2026-12-01", .expiringTo = "2027-01-31"};
    EXPECT_EQ(idsOf(read()->credentials().list(q)), (std::vector<Id>{hers}));
}

YANZHEN_STORE_CONTRACT(CredentialContract);
