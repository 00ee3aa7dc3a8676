#include "SqliteStore.hpp"

#include "AccountRepository.hpp"
#include "AuditLog.hpp"
#include "CohortRepository.hpp"
#include "CredentialRepository.hpp"
#include "EvidenceRepository.hpp"
#include "PeopleRepository.hpp"
#include "ProgressReads.hpp"
#include "ReadSnapshot.hpp"
#include "SessionRepository.hpp"
#include "StandingRepository.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Exception.h>

namespace yanzhen::store {

namespace {

/// What every aggregate of a unit shares: its connection and, in a write, its transaction; in
/// a read, the pooled reader too, whose kept raw statements serve the hot reads.
class Binding {
public:
    Binding(Poco::Data::Session& session, WriteTransaction* tx, Database::Reader* reader)
        : session_(session), tx_(tx), reader_(reader) {}

    Poco::Data::Session& session() { return session_; }
    /// The pooled reader of a read snapshot; nullptr in a write.
    Database::Reader* reader() { return reader_; }
    /// The unit's transaction; StoreError in a read snapshot.
    WriteTransaction& writing() {
        if (tx_ == nullptr)
            throw StoreError("a read snapshot cannot write: writes go through Store::write");
        return *tx_;
    }

private:
    Poco::Data::Session& session_;
    WriteTransaction* tx_;
    Database::Reader* reader_;
};

/// An aggregate's interface answered by its repository on the unit's connection, writes in the
/// unit's transaction.
template <class Interface, class Repository> class Adapter : public Interface {
public:
    explicit Adapter(Binding& b) : b_(b), repo_(b.session()) {}

protected:
    Binding& b_;
    Repository repo_;
};

class People : public Adapter<PeopleStore, PeopleRepository> {
public:
    using Adapter::Adapter;
    Id addOrgUnit(const OrgUnit& unit) override { return repo_.addOrgUnit(b_.writing(), unit); }
    std::optional<OrgUnit> orgUnit(Id id) override { return repo_.orgUnit(id); }
    std::optional<OrgUnit> orgUnitByCode(const std::string& code) override {
        return repo_.orgUnitByCode(code);
    }
    std::vector<OrgUnit> orgUnits() override { return repo_.orgUnits(); }
    Id add(const Person& person) override { return repo_.add(b_.writing(), person); }
    std::optional<Person> find(Id id) override { return repo_.find(id); }
    std::optional<Person> findByCode(const std::string& code) override {
        return repo_.findByCode(code);
    }
    std::optional<Person> resolve(const std::string& idOrCode) override {
        return repo_.resolve(idOrCode);
    }
    std::optional<Id> resolveId(const std::string& idOrCode) override {
        if (auto* r = b_.reader()) return resolvePersonId(*r, idOrCode);
        const auto p = repo_.resolve(idOrCode);
        return p ? std::optional<Id>(p->id) : std::nullopt;
    }
    std::vector<Person> list(const PeopleQuery& query) override { return repo_.list(query); }
    std::size_t count(const PeopleQuery& query) override { return repo_.count(query); }
    std::vector<PostRow> postRows() override { return repo_.postRows(); }
};

class Accounts : public Adapter<AccountStore, AccountRepository> {
public:
    using Adapter::Adapter;
    Id add(const Account& account) override { return repo_.add(b_.writing(), account); }
    std::optional<Account> find(Id id) override { return repo_.find(id); }
    std::optional<Account> findByUsername(const std::string& username) override {
        return repo_.findByUsername(username);
    }
    std::optional<Account> findByPerson(Id person) override { return repo_.findByPerson(person); }
    std::vector<Account> list() override { return repo_.list(); }
    void setPasswordHash(Id account, const std::string& hash) override {
        repo_.setPasswordHash(b_.writing(), account, hash);
    }
    void setDisabled(Id account, bool disabled) override {
        repo_.setDisabled(b_.writing(), account, disabled);
    }
    Id addToken(const AuthToken& token) override { return repo_.addToken(b_.writing(), token); }
    std::optional<AuthToken> token(Id id) override { return repo_.token(id); }
    std::optional<TokenOwner> findByTokenHash(const std::string& tokenHash) override {
        // Every authenticated request asks this: on a reader, its kept statement.
        if (auto* r = b_.reader()) return findTokenOwner(*r, tokenHash);
        return repo_.findByTokenHash(tokenHash);
    }
    std::vector<AuthToken> tokensOf(Id account) override { return repo_.tokensOf(account); }
    void touchToken(Id token, const std::string& lastUsedAt,
                    const std::optional<std::string>& expiresAt) override {
        repo_.touchToken(b_.writing(), token, lastUsedAt, expiresAt);
    }
    bool revokeToken(Id token, const std::string& at) override {
        return repo_.revokeToken(b_.writing(), token, at);
    }
    std::size_t revokeTokensOf(Id account, const std::optional<std::string>& kind,
                               const std::string& at) override {
        return repo_.revokeTokensOf(b_.writing(), account, kind, at);
    }
};

class Cohorts : public Adapter<CohortStore, CohortRepository> {
public:
    using Adapter::Adapter;
    bool keepCourseVersion(const CourseVersion& version) override {
        return repo_.keepCourseVersion(b_.writing(), version);
    }
    std::optional<CourseVersion> courseVersion(const std::string& hash) override {
        return repo_.courseVersion(hash);
    }
    std::optional<CourseVersion> resolveCourseVersion(const std::string& prefix) override {
        return repo_.resolveCourseVersion(prefix);
    }
    std::vector<CourseVersion> courseVersions(const std::string& courseId) override {
        return repo_.courseVersions(courseId);
    }
    Id create(const Cohort& cohort) override { return repo_.create(b_.writing(), cohort); }
    std::optional<Cohort> find(Id id) override { return repo_.find(id); }
    std::optional<Cohort> findByCode(const std::string& code) override {
        return repo_.findByCode(code);
    }
    std::optional<Cohort> resolve(const std::string& idOrCode) override {
        return repo_.resolve(idOrCode);
    }
    std::vector<Cohort> list() override { return repo_.list(); }
    std::vector<Cohort> cohortsOf(Id person) override { return repo_.cohortsOf(person); }
    void repin(Id cohort, const std::string& hash, const std::string& fromHash) override {
        repo_.repin(b_.writing(), cohort, hash, fromHash);
    }
    void addTrainer(Id cohort, Id person) override {
        repo_.addTrainer(b_.writing(), cohort, person);
    }
    bool isTrainer(Id cohort, Id person) override { return repo_.isTrainer(cohort, person); }
    std::vector<Id> trainers(Id cohort) override { return repo_.trainers(cohort); }
    void enroll(Id cohort, Id person, const std::string& on) override {
        repo_.enroll(b_.writing(), cohort, person, on);
    }
    bool isEnrolled(Id cohort, Id person) override { return repo_.isEnrolled(cohort, person); }
    std::vector<Id> members(Id cohort) override { return repo_.members(cohort); }
};

class Sessions : public Adapter<SessionStore, SessionRepository> {
public:
    using Adapter::Adapter;
    Id add(const Session& session) override { return repo_.add(b_.writing(), session); }
    void cancel(Id id, const std::string& reason) override {
        repo_.cancel(b_.writing(), id, reason);
    }
    std::optional<Session> find(Id id) override { return repo_.find(id); }
    std::vector<Session> forCohort(Id cohort) override { return repo_.forCohort(cohort); }
    std::vector<Session> forPerson(Id person, const std::string& from) override {
        return repo_.forPerson(person, from);
    }
    std::vector<Session> forTrainer(Id trainer, const std::string& from,
                                    const std::string& to) override {
        return repo_.forTrainer(trainer, from, to);
    }
    std::vector<Overlap> trainerOverlaps(Id trainer, const std::string& startsAt,
                                         const std::string& endsAt, Id except,
                                         std::size_t limit) override {
        return repo_.trainerOverlaps(trainer, startsAt, endsAt, except, limit);
    }
    std::vector<Overlap> placeOverlaps(const std::string& place, const std::string& startsAt,
                                       const std::string& endsAt, Id except,
                                       std::size_t limit) override {
        return repo_.placeOverlaps(place, startsAt, endsAt, except, limit);
    }
    std::vector<Overlap> memberOverlaps(Id cohort, const std::string& startsAt,
                                        const std::string& endsAt, Id except,
                                        std::size_t limit) override {
        return repo_.memberOverlaps(cohort, startsAt, endsAt, except, limit);
    }
    Booking book(Id session, Id person) override {
        return repo_.book(b_.writing(), session, person);
    }
    std::optional<Id> cancelBooking(Id session, Id person) override {
        return repo_.cancelBooking(b_.writing(), session, person);
    }
    std::vector<Booking> bookings(Id session) override { return repo_.bookings(session); }
};

class Evidence : public Adapter<EvidenceStore, EvidenceRepository> {
public:
    using Adapter::Adapter;
    Id append(const EvidenceRow& row) override { return repo_.append(b_.writing(), row); }
    std::pair<Id, Id> appendMany(const EvidenceSource& next, const std::string& source,
                                 const EvidenceProgress& progress) override {
        return repo_.appendMany(b_.writing(), next, source, progress);
    }
    Id supersede(Id old, EvidenceRow correction, const std::string& reason) override {
        return repo_.supersede(b_.writing(), old, std::move(correction), reason);
    }
    std::optional<EvidenceRow> find(Id id) override { return repo_.find(id); }
    std::vector<EvidenceRow> current(Id person, const std::string& courseId) override {
        return repo_.current(person, courseId);
    }
    std::vector<EvidenceRow> currentForCohort(Id cohort, const std::string& courseId,
                                              const std::string& module) override {
        return repo_.currentForCohort(cohort, courseId, module);
    }
    std::vector<EvidenceRow> history(Id person) override { return repo_.history(person); }
    std::vector<EvidenceRow> personalRecords(const std::string& kind) override {
        return repo_.personalRecords(kind);
    }
};

class Credentials : public Adapter<CredentialStore, CredentialRepository> {
public:
    using Adapter::Adapter;
    Id nextId() override { return repo_.nextId(b_.writing()); }
    Id add(const CredentialRow& row) override { return repo_.add(b_.writing(), row); }
    void revoke(Id id, const std::string& on, const std::string& reason) override {
        repo_.revoke(b_.writing(), id, on, reason);
    }
    void supersede(Id id, Id by, const std::string& on, const std::string& reason) override {
        repo_.supersede(b_.writing(), id, by, on, reason);
    }
    void markRenewed(Id id, Id by) override { repo_.markRenewed(b_.writing(), id, by); }
    std::optional<CredentialRow> find(Id id) override { return repo_.find(id); }
    std::optional<CredentialRow> findBySerial(const std::string& serial) override {
        return repo_.findBySerial(serial);
    }
    std::vector<CredentialRow> list(const CredentialQuery& query) override {
        return repo_.list(query);
    }
};

class Standings : public Adapter<StandingStore, StandingRepository> {
public:
    using Adapter::Adapter;
    void keep(std::span<const KeptStanding> standings) override {
        repo_.keep(b_.writing(), standings);
    }
    std::vector<Id> due(std::int32_t today, std::size_t limit) override {
        return repo_.due(today, limit);
    }
    std::size_t markOtherVersionsStale(Id cohort, const std::string& plugins) override {
        return repo_.markOtherVersionsStale(b_.writing(), cohort, plugins);
    }
    std::size_t markAllStale() override { return repo_.markAllStale(b_.writing()); }
    KeptCounts counts(std::int32_t today) override { return repo_.counts(today); }
    std::int64_t licensureGeneration() override { return repo_.licensureGeneration(); }
    std::vector<KeptSetRow> setRows(Id cohort, const std::string& set) override {
        return repo_.setRows(cohort, set);
    }
};

class Audit : public AuditStore {
public:
    explicit Audit(Binding& b) : log_(b.session()) {}
    std::vector<AuditEntry> recent(std::size_t limit, std::size_t offset) override {
        return log_.recent(limit, offset);
    }
    std::size_t count() override { return log_.count(); }
    AuditVerdict verify(const std::string& expectedHead) override {
        return log_.verify(expectedHead);
    }

private:
    AuditLog log_;
};

/// The aggregates of one unit, each made on first use.
class Aggregates {
public:
    Aggregates(Poco::Data::Session& session, WriteTransaction* tx, Database::Reader* reader)
        : binding_(session, tx, reader) {}

    PeopleStore& people() { return get(people_); }
    AccountStore& accounts() { return get(accounts_); }
    CohortStore& cohorts() { return get(cohorts_); }
    SessionStore& sessions() { return get(sessions_); }
    EvidenceStore& evidence() { return get(evidence_); }
    CredentialStore& credentials() { return get(credentials_); }
    AuditStore& auditLog() { return get(audit_); }
    StandingStore& standings() { return get(standings_); }

private:
    template <class T> T& get(std::unique_ptr<T>& slot) {
        if (!slot) slot = std::make_unique<T>(binding_);
        return *slot;
    }

    Binding binding_;
    std::unique_ptr<People> people_;
    std::unique_ptr<Accounts> accounts_;
    std::unique_ptr<Cohorts> cohorts_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<Evidence> evidence_;
    std::unique_ptr<Credentials> credentials_;
    std::unique_ptr<Audit> audit_;
    std::unique_ptr<Standings> standings_;
};

/// A unit's aggregates behind `Unit`'s accessors.
template <class Unit> class AggregatesOf : public Unit {
public:
    AggregatesOf(Poco::Data::Session& session, WriteTransaction* tx, Database::Reader* reader)
        : aggregates_(session, tx, reader) {}

    PeopleStore& people() override { return aggregates_.people(); }
    AccountStore& accounts() override { return aggregates_.accounts(); }
    CohortStore& cohorts() override { return aggregates_.cohorts(); }
    SessionStore& sessions() override { return aggregates_.sessions(); }
    EvidenceStore& evidence() override { return aggregates_.evidence(); }
    CredentialStore& credentials() override { return aggregates_.credentials(); }
    AuditStore& auditLog() override { return aggregates_.auditLog(); }
    StandingStore& standings() override { return aggregates_.standings(); }

private:
    Aggregates aggregates_;
};

/// The pooled reader and its read transaction, made before the aggregates that read on them
/// (a base class is made before the bases after it) and gone after them.
struct Snapshot {
    explicit Snapshot(Database::Reader r) : reader(std::move(r)), snapshot(reader) {}
    Database::Reader reader;
    ReadSnapshot snapshot;
};

class SqliteReadUnit : private Snapshot, public AggregatesOf<ReadUnit> {
public:
    explicit SqliteReadUnit(Database::Reader reader)
        : Snapshot(std::move(reader)), AggregatesOf<ReadUnit>(*this->reader, nullptr,
                                                              &this->reader) {}
};

class SqliteProgressSnapshot : private Snapshot, public ProgressSnapshot {
public:
    explicit SqliteProgressSnapshot(Database::Reader reader)
        : Snapshot(std::move(reader)), reads_(this->reader) {}

    std::optional<Person> person(Id id) override { return reads_.person(id); }
    std::vector<Cohort> cohortsOf(Id person) override { return reads_.cohortsOf(person); }
    void current(Id person, const std::string& courseId, std::vector<EvidenceRow>& out) override {
        reads_.current(person, courseId, out);
    }
    void currentForCohort(Id cohort, const std::string& courseId, const std::string& module,
                          std::vector<EvidenceRow>& out) override {
        reads_.currentForCohort(cohort, courseId, module, out);
    }
    void standings(Id person, std::vector<KeptStanding>& out) override {
        reads_.standings(person, out);
    }
    void cohortStandings(Id cohort, std::vector<KeptStanding>& out) override {
        reads_.cohortStandings(cohort, out);
    }
    std::vector<std::pair<Id, Id>> enrolments() override { return reads_.enrolments(); }
    std::vector<Cohort> cohorts() override { return reads_.cohorts(); }
    void
    forEachEnrolledCurrent(Id from, Id to, std::optional<Id> cohort,
                           const std::function<void(std::vector<EvidenceRow>&)>& person) override {
        reads_.forEachEnrolledCurrent(from, to, cohort, person);
    }

private:
    ProgressReads reads_;
};

class SqliteWriteUnit : public AggregatesOf<WriteUnit> {
public:
    explicit SqliteWriteUnit(WriteTransaction& tx)
        : AggregatesOf<WriteUnit>(tx.session(), &tx, nullptr), tx_(tx) {}

    const std::string& actor() const override { return tx_.actor(); }
    const std::string& now() const override { return tx_.now(); }
    void audit(const std::string& action, const std::string& entity, const std::string& entityId,
               const Poco::JSON::Object& details) override {
        tx_.audit(action, entity, entityId, details);
    }

private:
    WriteTransaction& tx_;
};

} // namespace

std::unique_ptr<ReadUnit> SqliteStore::read() {
    return std::make_unique<SqliteReadUnit>(db_.read());
}

std::unique_ptr<ProgressSnapshot> SqliteStore::readProgress() {
    return std::make_unique<SqliteProgressSnapshot>(db_.read());
}

void SqliteStore::write(const std::string& actor, const std::function<void(WriteUnit&)>& body) {
    try {
        db_.write(actor, [&](WriteTransaction& tx) {
            SqliteWriteUnit unit(tx);
            body(unit);
        });
    } catch (const Poco::Exception& e) {
        // A constraint the database kept (a taken code, a second enrolment): rolled back. The
        // callers of the interface know StoreError, not the driver's exceptions.
        throw StoreError(e.displayText());
    }
}

int SqliteStore::schemaVersion() {
    return db_.schemaVersion();
}

} // namespace yanzhen::store
