/// \file Store.hpp
/// The records behind one interface per aggregate, reached through a unit of work: a read
/// snapshot (every read of one unit sees the same committed state) or a write transaction
/// (all of it or none of it, with the audit entries it appends). A backend implements these
/// (store/sqlite/ is the embedded one) and passes the contract suite in tests/host/store/.
/// Nothing here names a database library: what a service sees of the store is this header.
#pragma once

#include "Records.hpp"
#include "StoreError.hpp"

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace yanzhen::store {

// Every write method below throws StoreError when called through a ReadUnit: a snapshot
// cannot write. A constraint the database keeps (a taken code, a second enrolment, a missing
// row a write refers to) throws StoreError too, and the unit's transaction is rolled back.

/// Org units (district > street > community > grid) and people with their posts.
class PeopleStore {
public:
    virtual ~PeopleStore() = default;
    virtual Id addOrgUnit(const OrgUnit& unit) = 0;
    virtual std::optional<OrgUnit> orgUnit(Id id) = 0;
    virtual std::optional<OrgUnit> orgUnitByCode(const std::string& code) = 0;
    virtual std::vector<OrgUnit> orgUnits() = 0;
    /// Adds a person and their posts; the staff number must be new.
    virtual Id add(const Person& person) = 0;
    virtual std::optional<Person> find(Id id) = 0;
    virtual std::optional<Person> findByCode(const std::string& code) = 0;
    /// By id ("42") or staff number ("JY-0042").
    virtual std::optional<Person> resolve(const std::string& idOrCode) = 0;
    /// resolve()'s id alone, without the person's posts: what a check of every imported row
    /// asks.
    virtual std::optional<Id> resolveId(const std::string& idOrCode) = 0;
    virtual std::vector<Person> list(const PeopleQuery& query) = 0;
    virtual std::size_t count(const PeopleQuery& query) = 0;
    /// Every post, filled or ended, of everyone, by person.
    virtual std::vector<PostRow> postRows() = 0;
};

/// Accounts and their sessions and API tokens (only hashes of either).
class AccountStore {
public:
    virtual ~AccountStore() = default;
    /// The username must be new.
    virtual Id add(const Account& account) = 0;
    virtual std::optional<Account> find(Id id) = 0;
    virtual std::optional<Account> findByUsername(const std::string& username) = 0;
    virtual std::optional<Account> findByPerson(Id person) = 0;
    /// By username.
    virtual std::vector<Account> list() = 0;
    virtual void setPasswordHash(Id account, const std::string& hash) = 0;
    virtual void setDisabled(Id account, bool disabled) = 0;
    virtual Id addToken(const AuthToken& token) = 0;
    virtual std::optional<AuthToken> token(Id id) = 0;
    virtual std::optional<TokenOwner> findByTokenHash(const std::string& tokenHash) = 0;
    /// Newest first.
    virtual std::vector<AuthToken> tokensOf(Id account) = 0;
    virtual void touchToken(Id token, const std::string& lastUsedAt,
                            const std::optional<std::string>& expiresAt) = 0;
    /// True when the token was live before.
    virtual bool revokeToken(Id token, const std::string& at) = 0;
    virtual std::size_t revokeTokensOf(Id account, const std::optional<std::string>& kind,
                                       const std::string& at) = 0;
};

/// Course versions as loaded, cohorts pinned to one, their trainers and enrolments.
class CohortStore {
public:
    virtual ~CohortStore() = default;
    /// True when the version was new; a version kept already is left alone.
    virtual bool keepCourseVersion(const CourseVersion& version) = 0;
    virtual std::optional<CourseVersion> courseVersion(const std::string& hash) = 0;
    /// A hash or a unique prefix of at least 8 hex digits.
    virtual std::optional<CourseVersion> resolveCourseVersion(const std::string& prefix) = 0;
    virtual std::vector<CourseVersion> courseVersions(const std::string& courseId) = 0;
    /// The code must be new; the course version must be kept.
    virtual Id create(const Cohort& cohort) = 0;
    virtual std::optional<Cohort> find(Id id) = 0;
    virtual std::optional<Cohort> findByCode(const std::string& code) = 0;
    virtual std::optional<Cohort> resolve(const std::string& idOrCode) = 0;
    /// By start date, then id.
    virtual std::vector<Cohort> list() = 0;
    /// Newest first.
    virtual std::vector<Cohort> cohortsOf(Id person) = 0;
    virtual void repin(Id cohort, const std::string& hash, const std::string& fromHash) = 0;
    virtual void addTrainer(Id cohort, Id person) = 0;
    virtual bool isTrainer(Id cohort, Id person) = 0;
    virtual std::vector<Id> trainers(Id cohort) = 0;
    /// Enrolling twice is refused.
    virtual void enroll(Id cohort, Id person, const std::string& on) = 0;
    virtual bool isEnrolled(Id cohort, Id person) = 0;
    virtual std::vector<Id> members(Id cohort) = 0;
};

/// Scheduled sessions, the overlaps that make conflicts, and their seats and waiting lines.
class SessionStore {
public:
    virtual ~SessionStore() = default;
    virtual Id add(const Session& session) = 0;
    /// Cancelled, its sequence raised.
    virtual void cancel(Id id, const std::string& reason) = 0;
    virtual std::optional<Session> find(Id id) = 0;
    virtual std::vector<Session> forCohort(Id cohort) = 0;
    virtual std::vector<Session> forPerson(Id person, const std::string& from) = 0;
    virtual std::vector<Session> forTrainer(Id trainer, const std::string& from,
                                            const std::string& to) = 0;
    /// Scheduled sessions in [startsAt, endsAt), `except` left out, at most `limit`.
    virtual std::vector<Overlap> trainerOverlaps(Id trainer, const std::string& startsAt,
                                                 const std::string& endsAt, Id except,
                                                 std::size_t limit) = 0;
    virtual std::vector<Overlap> placeOverlaps(const std::string& place,
                                               const std::string& startsAt,
                                               const std::string& endsAt, Id except,
                                               std::size_t limit) = 0;
    virtual std::vector<Overlap> memberOverlaps(Id cohort, const std::string& startsAt,
                                                const std::string& endsAt, Id except,
                                                std::size_t limit) = 0;
    /// A seat, or past the capacity a place in the waiting line.
    virtual Booking book(Id session, Id person) = 0;
    /// Who took the seat from the waiting line, if anyone.
    virtual std::optional<Id> cancelBooking(Id session, Id person) = 0;
    virtual std::vector<Booking> bookings(Id session) = 0;
};

/// Evidence, append-only: a correction is a new row that supersedes the old one.
class EvidenceStore {
public:
    virtual ~EvidenceStore() = default;
    virtual Id append(const EvidenceRow& row) = 0;
    /// Many rows, one audit entry naming `source`; the first and last ids ({0, 0}: none).
    virtual std::pair<Id, Id> appendMany(const EvidenceSource& next, const std::string& source,
                                         const EvidenceProgress& progress = {}) = 0;
    /// `old` must be current.
    virtual Id supersede(Id old, EvidenceRow correction, const std::string& reason) = 0;
    virtual std::optional<EvidenceRow> find(Id id) = 0;
    /// A person's current rows of a course and their personal rows, oldest first.
    virtual std::vector<EvidenceRow> current(Id person, const std::string& courseId) = 0;
    virtual std::vector<EvidenceRow> currentForCohort(Id cohort, const std::string& courseId,
                                                      const std::string& module) = 0;
    /// Everything, corrections included, oldest first.
    virtual std::vector<EvidenceRow> history(Id person) = 0;
    /// Everyone's current personal rows (of no course) of `kind`, by person, oldest first.
    virtual std::vector<EvidenceRow> personalRecords(const std::string& kind) = 0;
};

/// Issued certificates and what became of them.
class CredentialStore {
public:
    virtual ~CredentialStore() = default;
    /// The id the next certificate will get (it holds until the write commits).
    virtual Id nextId() = 0;
    /// The serial must be new.
    virtual Id add(const CredentialRow& row) = 0;
    /// Each of the three refuses a certificate that does not exist, or that was revoked
    /// (superseded, renewed) already: the first change stands.
    virtual void revoke(Id id, const std::string& on, const std::string& reason) = 0;
    /// `by` must exist.
    virtual void supersede(Id id, Id by, const std::string& on, const std::string& reason) = 0;
    /// `by` must exist.
    virtual void markRenewed(Id id, Id by) = 0;
    virtual std::optional<CredentialRow> find(Id id) = 0;
    virtual std::optional<CredentialRow> findBySerial(const std::string& serial) = 0;
    /// Newest first.
    virtual std::vector<CredentialRow> list(const CredentialQuery& query) = 0;
};

/// The kept standings (ARCHITECTURE section 6). Every write that can change a worker's
/// standing marks it stale in its own transaction: the schema's triggers do, on evidence,
/// enrolments, cohorts and credentials, so no write path can forget to.
class StandingStore {
public:
    virtual ~StandingStore() = default;
    /// Replaces the standing of each (person, cohort) with the one given, fresh, its sets with
    /// it; and its cohort's ranked modules with its rankedModules.
    virtual void keep(std::span<const KeptStanding> standings) = 0;
    /// People with a standing that is stale or does not hold on `today`: the stale first,
    /// oldest mark first, then those that ran out first; at most `limit`.
    virtual std::vector<Id> due(std::int32_t today, std::size_t limit) = 0;
    /// Marks stale every standing of `cohort` computed from other versions than `plugins`
    /// (the refresher's first step, after a plugin upgrade); how many.
    virtual std::size_t markOtherVersionsStale(Id cohort, const std::string& plugins) = 0;
    /// Marks every standing stale (a full recompute); how many.
    virtual std::size_t markAllStale() = 0;
    virtual KeptCounts counts(std::int32_t today) = 0;
    /// The kept figures of set `set` of every member of `cohort` with a standing, by person.
    virtual std::vector<KeptSetRow> setRows(Id cohort, const std::string& set) = 0;
    /// A number that moves whenever what the licensing figures are counted from is written (a
    /// post, an org unit, a person's unit, a personal credential record), so that a reader may
    /// keep them while it holds.
    virtual std::int64_t licensureGeneration() = 0;
};

/// The hash-chained audit log, as read (writes append to it through WriteUnit::audit).
class AuditStore {
public:
    virtual ~AuditStore() = default;
    /// Newest first; `limit` at most 1000.
    virtual std::vector<AuditEntry> recent(std::size_t limit, std::size_t offset) = 0;
    virtual std::size_t count() = 0;
    virtual AuditVerdict verify(const std::string& expectedHead) = 0;
};

/// A read snapshot: every read through it sees one committed state. Never shared between
/// threads; ends when it goes.
class ReadUnit {
public:
    virtual ~ReadUnit() = default;
    virtual PeopleStore& people() = 0;
    virtual AccountStore& accounts() = 0;
    virtual CohortStore& cohorts() = 0;
    virtual SessionStore& sessions() = 0;
    virtual EvidenceStore& evidence() = 0;
    virtual CredentialStore& credentials() = 0;
    virtual AuditStore& auditLog() = 0;
    virtual StandingStore& standings() = 0;
};

/// A write transaction: its reads see its own writes; it commits when the body returns and
/// rolls back when it throws.
class WriteUnit : public ReadUnit {
public:
    /// Who writes, as the audit log names them.
    virtual const std::string& actor() const = 0;
    /// The transaction's time, UTC "YYYY-MM-DDTHH:MM:SSZ": every row it writes says the same.
    virtual const std::string& now() const = 0;
    /// Appends one entry to the audit log: `action` on `entity` `entityId`, with `details`.
    virtual void audit(const std::string& action, const std::string& entity,
                       const std::string& entityId, const Poco::JSON::Object& details) = 0;
};

/// The reads progress is computed from, in one read snapshot, shaped for its hot paths (a
/// worker's progress on every request, everyone's in a full recompute): rows are appended to
/// the caller's vectors, and only the columns progress needs are filled (id, personId,
/// courseId, module, kind, ref, day, fields, supersedes). Never shared between threads.
class ProgressSnapshot {
public:
    virtual ~ProgressSnapshot() = default;
    /// As PeopleStore::find.
    virtual std::optional<Person> person(Id id) = 0;
    /// As CohortStore::cohortsOf: newest first.
    virtual std::vector<Cohort> cohortsOf(Id person) = 0;
    /// As EvidenceStore::current, appended to `out`.
    virtual void current(Id person, const std::string& courseId, std::vector<EvidenceRow>& out) = 0;
    /// As EvidenceStore::currentForCohort, appended to `out`.
    virtual void currentForCohort(Id cohort, const std::string& courseId, const std::string& module,
                                  std::vector<EvidenceRow>& out) = 0;
    /// `person`'s kept standings with their answers, by cohort, appended to `out` (sets left
    /// empty).
    virtual void standings(Id person, std::vector<KeptStanding>& out) = 0;
    /// One entry per member of `cohort`, by person: their kept standing in it with its answer
    /// (sets left empty), or, for a member with none yet, an entry marked stale with no answer.
    virtual void cohortStandings(Id cohort, std::vector<KeptStanding>& out) = 0;
    /// Every enrolment as (person, cohort), by person, then cohort.
    virtual std::vector<std::pair<Id, Id>> enrolments() = 0;
    /// Every cohort, by id.
    virtual std::vector<Cohort> cohorts() = 0;
    /// The current rows of the people in [from, to) enrolled in a cohort (in `cohort` when
    /// given), one person at a time by id, each person's rows oldest first; people without
    /// rows are not called for. `person` may take the rows.
    virtual void
    forEachEnrolledCurrent(Id from, Id to, std::optional<Id> cohort,
                           const std::function<void(std::vector<EvidenceRow>&)>& person) = 0;
};

/// A backend: where units come from.
class Store {
public:
    virtual ~Store() = default;
    virtual std::unique_ptr<ReadUnit> read() = 0;
    /// A read snapshot for progress (ProgressSnapshot).
    virtual std::unique_ptr<ProgressSnapshot> readProgress() = 0;
    /// Runs `body` in one write transaction as `actor`; rethrows what it throws, after the
    /// rollback. Writers take turns.
    virtual void write(const std::string& actor, const std::function<void(WriteUnit&)>& body) = 0;
    /// The highest migration applied.
    virtual int schemaVersion() = 0;
};

} // namespace yanzhen::store
