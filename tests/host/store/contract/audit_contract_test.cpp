// The audit log, against every backend: each WriteUnit::audit entry kept with the unit's actor and
// time, newest first, paged and counted; the hash chain verified, its head the newest entry's hash;
// which store writes append an entry of their own (and under what action), and which leave it to
// their caller.

#include "ContractFixture.hpp"

#include <functional>

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class AuditContract : public contract::StoreContract {
protected:
    /// One entry in a write of its own, as `actor`.
    void audit(const std::string& action, const std::string& actor = kActor) {
        writeAs(actor, [&](WriteUnit& u) {
            Poco::JSON::Object details;
            details.set("step", action);
            u.audit(action, "test", "1", details);
        });
    }
    /// The entries that `body`, run in one write, appended: oldest first.
    std::vector<AuditEntry> entriesOf(const std::function<void(WriteUnit&)>& body) {
        const auto before = auditCount();
        write(body);
        auto newest = read()->auditLog().recent(1000, 0);
        newest.resize(newest.size() - before);
        return std::vector<AuditEntry>(newest.rbegin(), newest.rend());
    }
    static std::vector<std::string> actionsOf(const std::vector<AuditEntry>& entries) {
        std::vector<std::string> out;
        for (const auto& e : entries)
            out.push_back(e.action);
        return out;
    }
    std::vector<std::string> actionsOf(const std::function<void(WriteUnit&)>& body) {
        return actionsOf(entriesOf(body));
    }
    static bool isHash(const std::string& s) {
        return s.size() == 64 && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    }
};

using Actions = std::vector<std::string>;

} // namespace

// Entries

TEST_P(AuditContract, AnEmptyLogCountsNothingAndVerifies) {
    auto r = read();
    EXPECT_EQ(r->auditLog().count(), 0U);
    EXPECT_TRUE(r->auditLog().recent(10, 0).empty());
    const auto v = r->auditLog().verify("");
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, 0U);
    EXPECT_FALSE(v.at);
}

TEST_P(AuditContract, AnEntryCarriesTheUnitsActorAndNow) {
    std::string now;
    writeAs("trainer:王丽", [&](WriteUnit& u) {
        now = u.now();
        Poco::JSON::Object details;
        details.set("名字", "张丽");
        details.set("present", 23);
        u.audit("roll_call.close", "session", "17", details);
    });
    const auto entries = read()->auditLog().recent(10, 0);
    ASSERT_EQ(entries.size(), 1U);
    const auto& e = entries[0];
    EXPECT_EQ(e.at, now);
    EXPECT_EQ(e.actor, "trainer:王丽");
    EXPECT_EQ(e.action, "roll_call.close");
    EXPECT_EQ(e.entity, "session");
    EXPECT_EQ(e.entityId, "17");
    const auto details = parsed(e.details);
    EXPECT_EQ(details->getValue<std::string>("名字"), "张丽");
    EXPECT_EQ(details->getValue<int>("present"), 23);
    EXPECT_TRUE(isHash(e.hash)) << e.hash;
    EXPECT_GT(e.id, 0);
}

TEST_P(AuditContract, EntriesComeNewestFirstAndPageWithOffset) {
    audit("first");
    audit("second", "trainer:王丽");
    audit("third");
    auto r = read();
    EXPECT_EQ(r->auditLog().count(), 3U);
    const auto all = r->auditLog().recent(10, 0);
    EXPECT_EQ(actionsOf(all), (Actions{"third", "second", "first"}));
    ASSERT_EQ(all.size(), 3U);
    EXPECT_GT(all[0].id, all[1].id);
    EXPECT_GT(all[1].id, all[2].id);
    EXPECT_EQ(all[1].actor, "trainer:王丽");
    EXPECT_EQ(actionsOf(r->auditLog().recent(1, 1)), (Actions{"second"}));
    EXPECT_EQ(actionsOf(r->auditLog().recent(2, 1)), (Actions{"second", "first"}));
    EXPECT_TRUE(r->auditLog().recent(10, 3).empty());
}

TEST_P(AuditContract, SeveralEntriesOfOneWriteKeepTheirOrder) {
    write([&](WriteUnit& u) {
        u.audit("a", "test", "1", Poco::JSON::Object());
        u.audit("b", "test", "2", Poco::JSON::Object());
    });
    const auto entries = read()->auditLog().recent(10, 0);
    EXPECT_EQ(actionsOf(entries), (Actions{"b", "a"}));
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].at, entries[1].at); // one write, one time
}

TEST_P(AuditContract, RecentGivesAtMostAThousandEntries) {
    write([&](WriteUnit& u) {
        for (int i = 1; i <= 1005; ++i)
            u.audit("bulk", "test", std::to_string(i), Poco::JSON::Object());
    });
    auto r = read();
    EXPECT_EQ(r->auditLog().count(), 1005U);
    const auto page = r->auditLog().recent(5000, 0);
    ASSERT_EQ(page.size(), 1000U);
    EXPECT_EQ(page.front().entityId, "1005");
    EXPECT_EQ(r->auditLog().recent(5000, 1000).size(), 5U);
}

// The chain

TEST_P(AuditContract, EveryEntryLinksToTheOneBeforeIt) {
    audit("first");
    audit("second");
    audit("third");
    const auto all = read()->auditLog().recent(10, 0);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].prevHash, all[1].hash);
    EXPECT_EQ(all[1].prevHash, all[2].hash);
    EXPECT_NE(all[0].hash, all[1].hash);
    EXPECT_NE(all[1].hash, all[2].hash);
    EXPECT_TRUE(isHash(all[2].prevHash)) << all[2].prevHash;
}

TEST_P(AuditContract, VerifyFindsTheChainIntactWithTheNewestEntrysHashAsHead) {
    audit("first");
    audit("second");
    auto r = read();
    const auto v = r->auditLog().verify("");
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, 2U);
    EXPECT_FALSE(v.at);
    EXPECT_EQ(v.head, r->auditLog().recent(1, 0).at(0).hash);
    const auto again = r->auditLog().verify(v.head);
    EXPECT_TRUE(again.intact) << again.problem;
}

TEST_P(AuditContract, VerifyAgainstAnotherHeadIsNotIntact) {
    audit("first");
    audit("second");
    auto r = read();
    const auto older = r->auditLog().recent(1, 1).at(0).hash; // as if the tail had been cut
    const auto v = r->auditLog().verify(older);
    EXPECT_FALSE(v.intact);
    EXPECT_FALSE(v.problem.empty());
    EXPECT_FALSE(r->auditLog().verify(std::string(64, 'f')).intact);
}

TEST_P(AuditContract, EntriesOfAFailedWriteAreNotKeptAndTheChainGoesOn) {
    audit("kept");
    const auto kept = read()->auditLog().recent(1, 0).at(0);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.audit("lost", "test", "1", Poco::JSON::Object());
                     throw StoreError("refused half-way");
                 }),
                 StoreError);
    audit("next");
    auto r = read();
    const auto all = r->auditLog().recent(10, 0);
    EXPECT_EQ(actionsOf(all), (Actions{"next", "kept"}));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].prevHash, kept.hash);
    const auto v = r->auditLog().verify("");
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, 2U);
}

TEST_P(AuditContract, AWriteSeesItsOwnEntriesBeforeItCommits) {
    audit("before");
    write([&](WriteUnit& u) {
        u.audit("mine", "test", "1", Poco::JSON::Object());
        EXPECT_EQ(u.auditLog().count(), 2U);
        EXPECT_EQ(actionsOf(u.auditLog().recent(10, 0)), (Actions{"mine", "before"}));
        EXPECT_TRUE(u.auditLog().verify("").intact);
    });
}

// Which writes audit themselves

TEST_P(AuditContract, PeopleWritesAppendTheirOwnEntries) {
    Id unit = 0;
    const auto units = entriesOf([&](WriteUnit& u) {
        unit = u.people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "JA", "江岸区"});
    });
    EXPECT_EQ(actionsOf(units), (Actions{"org_unit.create"}));
    Id person = 0;
    const auto people = entriesOf([&](WriteUnit& u) {
        person = u.people().add(newPerson("JY-0042", "张丽", "trainer", unit));
    });
    ASSERT_EQ(actionsOf(people), (Actions{"person.create"}));
    EXPECT_EQ(people[0].entity, "person");
    EXPECT_EQ(people[0].entityId, std::to_string(person));
    EXPECT_EQ(people[0].actor, kActor);
    const auto details = parsed(people[0].details);
    EXPECT_EQ(details->getValue<std::string>("code"), "JY-0042");
    EXPECT_EQ(details->getValue<std::string>("name"), "张丽");
}

TEST_P(AuditContract, CohortWritesAppendTheirOwnEntries) {
    const auto hash = hexHash("a1");
    const Id person = addPerson("JY-0042", "张丽");
    Id cohort = 0;
    EXPECT_EQ(actionsOf([&](WriteUnit& u) { u.cohorts().keepCourseVersion(newVersion(hash)); }),
              (Actions{"course_version.keep"}));
    EXPECT_EQ(actionsOf([&](WriteUnit& u) { u.cohorts().keepCourseVersion(newVersion(hash)); }),
              Actions{}); // kept already: nothing happened
    const auto created =
        entriesOf([&](WriteUnit& u) { cohort = u.cohorts().create(newCohort("TY-2026-1", hash)); });
    ASSERT_EQ(actionsOf(created), (Actions{"cohort.create"}));
    EXPECT_EQ(created[0].entity, "cohort");
    EXPECT_EQ(created[0].entityId, std::to_string(cohort));
    EXPECT_EQ(parsed(created[0].details)->getValue<std::string>("code"), "TY-2026-1");
    EXPECT_EQ(actionsOf([&](WriteUnit& u) {
                  u.cohorts().addTrainer(cohort, person);
                  u.cohorts().enroll(cohort, person, "2026-09-01");
              }),
              (Actions{"cohort.add_trainer", "cohort.enroll"}));
    const auto other = hexHash("b2");
    keepCourse(other);
    EXPECT_EQ(actionsOf([&](WriteUnit& u) { u.cohorts().repin(cohort, other, hash); }),
              (Actions{"cohort.migrate"}));
}

TEST_P(AuditContract, SessionWritesAppendTheirOwnEntries) {
    const Id cohort = addCohort("TY-2026-1", keepCourse());
    const Id person = addPerson("JY-0042", "张丽");
    Id session = 0;
    const auto scheduled = entriesOf([&](WriteUnit& u) {
        session = u.sessions().add(newSession(cohort, "2026-12-05T09:00", "2026-12-05T11:00"));
    });
    ASSERT_EQ(actionsOf(scheduled), (Actions{"session.schedule"}));
    EXPECT_EQ(scheduled[0].entityId, std::to_string(session));
    EXPECT_EQ(actionsOf([&](WriteUnit& u) {
                  u.sessions().book(session, person);
                  u.sessions().cancelBooking(session, person);
                  u.sessions().cancel(session, "讲师生病");
              }),
              (Actions{"session.book", "session.unbook", "session.cancel"}));
}

TEST_P(AuditContract, EvidenceWritesAppendTheirOwnEntries) {
    const Id person = addPerson("JY-0042", "张丽");
    Id row = 0;
    const auto recorded = entriesOf(
        [&](WriteUnit& u) { row = u.evidence().append(attendance(person, "opening", "absent")); });
    ASSERT_EQ(actionsOf(recorded), (Actions{"evidence.record"}));
    EXPECT_EQ(recorded[0].entityId, std::to_string(row));
    EXPECT_EQ(actionsOf([&](WriteUnit& u) {
                  u.evidence().supersede(row, attendance(person, "opening", "present"), "她迟到了");
              }),
              (Actions{"evidence.correct"}));
    const std::vector<EvidenceRow> rows(3, attendance(person, "oath", "present"));
    EXPECT_EQ(
        actionsOf([&](WriteUnit& u) {
            std::size_t i = 0;
            u.evidence().appendMany(
                [&]() -> const EvidenceRow* { return i < rows.size() ? &rows[i++] : nullptr; },
                "考勤表.csv");
        }),
        (Actions{"evidence.import"}));
}

TEST_P(AuditContract, CredentialWritesAppendTheirOwnEntriesNamedBySerial) {
    const auto hash = keepCourse();
    const Id person = addPerson("JY-0042", "张丽");
    const Id old = issue(certificate(person, hash, "YZ-2026-000001"));
    const Id renewal = issue(certificate(person, hash, "YZ-2026-000002"));
    const auto issued = entriesOf([&](WriteUnit& u) {
        auto row = certificate(person, hash, "YZ-2026-000003");
        row.id = u.credentials().nextId();
        u.credentials().add(row);
    });
    ASSERT_EQ(actionsOf(issued), (Actions{"credential.issue"}));
    EXPECT_EQ(issued[0].entity, "credential");
    EXPECT_EQ(issued[0].entityId, "YZ-2026-000003");
    const auto changed = entriesOf([&](WriteUnit& u) {
        u.credentials().markRenewed(old, renewal);
        u.credentials().supersede(old, renewal, "2026-11-28", "姓名错字");
        u.credentials().revoke(old, "2026-11-28", "违规");
    });
    EXPECT_EQ(actionsOf(changed),
              (Actions{"credential.renew", "credential.supersede", "credential.revoke"}));
    for (const auto& e : changed)
        EXPECT_EQ(e.entityId, "YZ-2026-000001");
}

TEST_P(AuditContract, AccountWritesLeaveTheAuditToTheirCaller) {
    // The account service writes the entry itself (what happened is its to say): the store adds
    // none, so that no account change is logged twice.
    EXPECT_EQ(
        actionsOf([&](WriteUnit& u) {
            auto& accounts = u.accounts();
            const Id a = accounts.add(Account{0, "zhangli", std::nullopt, "worker", "", false, ""});
            accounts.setPasswordHash(a, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
            accounts.setDisabled(a, true);
            AuthToken t;
            t.accountId = a;
            t.kind = "api";
            t.tokenHash = hexHash("a91");
            t.createdAt = "2026-11-27T16:00:00Z";
            const Id token = accounts.addToken(t);
            accounts.touchToken(token, "2026-11-27T16:05:00Z", std::nullopt);
            accounts.revokeToken(token, "2026-11-27T17:00:00Z");
            accounts.revokeTokensOf(a, std::nullopt, "2026-11-27T17:00:00Z");
        }),
        Actions{});
}

YANZHEN_STORE_CONTRACT(AuditContract);
