// The store on real SQLite files: migrations, transactions, the audit chain, corrections by
// supersession, and an online backup taken while another thread writes.

#include "TempDatabase.hpp"

#include "store/sqlite/AuditLog.hpp"
#include "store/sqlite/EvidenceRepository.hpp"
#include "store/sqlite/Migrations.hpp"
#include "store/sqlite/PeopleRepository.hpp"
#include "store/sqlite/WriteTransaction.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

using namespace yanzhen;
using namespace yanzhen::store;
using namespace Poco::Data::Keywords;
using yanzhen::testsupport::TempDatabase;

namespace {

Id addPerson(Database& db, const std::string& code, const std::string& name) {
    Id id = 0;
    db.write("test", [&](WriteTransaction& tx) {
        id =
            PeopleRepository(tx.session())
                .add(tx,
                     Person{0, code, name, "f", "1988-04-02", "", "本科", {}, {{"social_worker"}}});
    });
    return id;
}

EvidenceRow attendance(Id person, const std::string& ref, const std::string& status) {
    EvidenceRow r;
    r.personId = person;
    r.courseId = "touyan-linghang";
    r.module = "ceremony";
    r.kind = "attendance";
    r.ref = ref;
    r.day = 20000;
    r.fields = "{\"status\":\"" + status + "\"}";
    return r;
}

/// Runs raw SQL on a separate connection, as an attacker with file access would.
void tamper(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.string().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_close(db);
}

std::int64_t count(Database& db, const std::string& table) {
    auto r = db.read();
    std::int64_t n = 0;
    *r << "SELECT COUNT(*) FROM " + table, into(n), now;
    return n;
}

} // namespace

TEST(Store, MigratesOnceAndRefusesANewerSchema) {
    TempDatabase t;
    const int newest = migrations().back().version;
    EXPECT_EQ(t.db->schemaVersion(), newest);
    t.db.reset();
    auto again = Database::open(t.file); // reopening applies nothing twice
    EXPECT_EQ(again->schemaVersion(), newest);
    EXPECT_EQ(count(*again, "schema_migrations"), static_cast<std::int64_t>(migrations().size()));
    again.reset();
    tamper(t.file,
           "INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
    try {
        Database::open(t.file);
        FAIL() << "a database from a newer program must be refused";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 99, newer than this program's " + std::to_string(newest)),
                  std::string::npos)
            << e.what();
    }
}

TEST(Store, RefusesAFileThatIsNotADatabase) {
    yanzhen::testsupport::TempFolder folder;
    std::ofstream(folder / "notes.db") << "these are my notes, not a database\n";
    EXPECT_THROW(Database::open(folder / "notes.db"), StoreError);
}

TEST(Store, AFailedWriteLeavesNothingBehind) {
    TempDatabase t;
    const auto before = count(*t.db, "audit_log");
    EXPECT_THROW(
        t.db->write("test",
                    [&](WriteTransaction& tx) {
                        PeopleRepository(tx.session()).add(tx, Person{0, "JY-0001", "张伟"});
                        throw std::runtime_error("something went wrong half-way");
                    }),
        std::runtime_error);
    EXPECT_EQ(count(*t.db, "people"), 0);
    EXPECT_EQ(count(*t.db, "audit_log"), before);
}

TEST(Store, ChineseNamesComeBackIntact) {
    TempDatabase t;
    const Id id = addPerson(*t.db, "JY-0042", "欧阳晓燕");
    auto r = t.db->read();
    const auto p = PeopleRepository(*r).resolve("JY-0042");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->id, id);
    EXPECT_EQ(p->name, "欧阳晓燕");
    ASSERT_EQ(p->posts.size(), 1U);
    EXPECT_EQ(p->posts[0].kind, "social_worker");
    EXPECT_EQ(PeopleRepository(*r).list(PeopleQuery{.nameContains = "晓燕"}).size(), 1U);
}

TEST(Store, ACorrectionSupersedesAndKeepsTheHistory) {
    TempDatabase t;
    const Id person = addPerson(*t.db, "JY-0001", "张伟");
    Id first = 0;
    Id second = 0;
    t.db->write("trainer:王丽", [&](WriteTransaction& tx) {
        first = EvidenceRepository(tx.session()).append(tx, attendance(person, "oath", "absent"));
    });
    t.db->write("trainer:王丽", [&](WriteTransaction& tx) {
        second = EvidenceRepository(tx.session())
                     .supersede(tx, first, attendance(person, "oath", "present"),
                                "roll call corrected: she arrived late");
    });
    auto r = t.db->read();
    EvidenceRepository evidence(*r);
    const auto current = evidence.current(person, "touyan-linghang");
    ASSERT_EQ(current.size(), 1U);
    EXPECT_EQ(current[0].id, second);
    EXPECT_EQ(current[0].fields, "{\"status\":\"present\"}");
    EXPECT_EQ(current[0].supersedes, first);
    EXPECT_EQ(current[0].recordedBy, "trainer:王丽");
    const auto history = evidence.history(person);
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0].fields, "{\"status\":\"absent\"}"); // the old row is untouched
    EXPECT_THROW(t.db->write("x",
                             [&](WriteTransaction& tx) {
                                 EvidenceRepository(tx.session())
                                     .supersede(tx, first, attendance(person, "oath", "late"),
                                                "again");
                             }),
                 StoreError); // only the newest row may be corrected
    EXPECT_THROW(t.db->write("x",
                             [&](WriteTransaction& tx) {
                                 EvidenceRepository(tx.session())
                                     .supersede(tx, second, attendance(person, "oath", "late"), "");
                             }),
                 StoreError); // a correction needs a reason
}

TEST(Audit, EveryWriteIsChainedAndTheChainVerifies) {
    TempDatabase t;
    addPerson(*t.db, "JY-0001", "张伟");
    addPerson(*t.db, "JY-0002", "李娜");
    AuditLog log(*t.db);
    const auto v = log.verify();
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, 2U);
    EXPECT_EQ(v.head.size(), 64U);
    const auto recent = log.recent(10);
    ASSERT_EQ(recent.size(), 2U);
    EXPECT_EQ(recent[0].action, "person.create");
    EXPECT_EQ(recent[0].actor, "test");
    EXPECT_NE(recent[0].details.find("李娜"), std::string::npos);
    EXPECT_EQ(recent[0].prevHash, recent[1].hash);
    EXPECT_TRUE(log.verify(v.head).intact);
}

TEST(Audit, AnEditedEntryIsFound) {
    TempDatabase t;
    for (int i = 1; i <= 5; ++i)
        addPerson(*t.db, "JY-000" + std::to_string(i), "人员" + std::to_string(i));
    tamper(t.file, "UPDATE audit_log SET actor = 'nobody' WHERE id = 3");
    const auto v = AuditLog(*t.db).verify();
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.at, 3);
    EXPECT_EQ(v.problem, "entry 3 was changed after it was written");
}

TEST(Audit, ARecomputedHashStillBreaksTheNextLink) {
    TempDatabase t;
    for (int i = 1; i <= 4; ++i)
        addPerson(*t.db, "JY-000" + std::to_string(i), "人员" + std::to_string(i));
    // A careful forger edits entry 2 and recomputes its hash; entry 3 still points at the old one.
    AuditEntry e = AuditLog(*t.db).recent(10)[2];
    ASSERT_EQ(e.id, 2);
    e.details = "{\"code\":\"JY-9999\"}";
    tamper(t.file, "UPDATE audit_log SET details = '" + e.details + "', hash = '" + auditHash(e) +
                       "' WHERE id = 2");
    const auto v = AuditLog(*t.db).verify();
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.at, 3);
    EXPECT_EQ(v.problem, "entry 3 does not link to the entry before it");
}

TEST(Audit, ADeletedEntryIsFoundAndARemovedTailNeedsTheHead) {
    TempDatabase t;
    for (int i = 1; i <= 5; ++i)
        addPerson(*t.db, "JY-000" + std::to_string(i), "人员" + std::to_string(i));
    const std::string head = AuditLog(*t.db).verify().head;
    tamper(t.file, "DELETE FROM audit_log WHERE id = 5");
    EXPECT_TRUE(
        AuditLog(*t.db).verify().intact); // a clean cut at the end looks whole on its own ...
    const auto v = AuditLog(*t.db).verify(head); // ... but not against the head kept elsewhere
    EXPECT_FALSE(v.intact);
    EXPECT_NE(v.problem.find("entries at the end were removed"), std::string::npos);
    tamper(t.file, "DELETE FROM audit_log WHERE id = 2");
    const auto gap = AuditLog(*t.db).verify();
    EXPECT_FALSE(gap.intact);
    EXPECT_EQ(gap.at, 3);
    EXPECT_EQ(gap.problem, "entry 2 is missing before entry 3");
}

TEST(Backup, UnderConcurrentWritesTheCopyIsConsistent) {
    TempDatabase t;
    const Id person = addPerson(*t.db, "JY-0001", "张伟");
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        while (!stop) {
            t.db->write("load", [&](WriteTransaction& tx) {
                std::vector<EvidenceRow> rows(50, attendance(person, "opening", "present"));
                EvidenceRepository(tx.session()).appendMany(tx, rows, "load test");
            });
            ++written;
        }
    });
    while (written < 20)
        std::this_thread::yield();
    const auto target = t.folder / "backup.db";
    t.db->backup(target);
    // The writer was writing when the copy began and goes on after it. (Whether a write also
    // lands while the copy runs is the machine's timing: under ASan a copy took less than one
    // write, and asserting on it failed there.)
    const int atBackup = written;
    while (written < atBackup + 2)
        std::this_thread::yield();
    stop = true;
    writer.join();

    auto copy = Database::open(target);
    auto r = copy->read();
    std::string integrity;
    *r << "PRAGMA integrity_check", into(integrity), now;
    EXPECT_EQ(integrity, "ok");
    // Whole transactions only: 50 rows each, and a chain that verifies.
    const auto rows = count(*copy, "evidence");
    EXPECT_EQ(rows % 50, 0) << rows;
    EXPECT_GE(rows, 20 * 50);
    EXPECT_TRUE(AuditLog(*copy).verify().intact);
    EXPECT_EQ(count(*copy, "audit_log"), 1 + rows / 50);
}
