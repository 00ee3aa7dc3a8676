/// \file Records.hpp
/// The records the store keeps, as plain values. Dates are "YYYY-MM-DD", local times
/// "YYYY-MM-DDTHH:MM" (Asia/Shanghai), instants "YYYY-MM-DDTHH:MM:SSZ".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

using Id = std::int64_t;

struct OrgUnit {
    Id id = 0;
    std::optional<Id> parentId;
    std::string kind; ///< district, street, community, grid
    std::string code;
    std::string name;
};

struct Post {
    std::string
        kind; ///< social_worker, committee_member, governance_officer, party_affairs, trainer
    std::optional<Id> orgUnitId;
    std::string startedOn;
    std::string endedOn;
};

/// A post with whom it is of, as the district's figures read every post at once; `orgUnitId`
/// is the post's unit, else its holder's.
struct PostRow {
    Id person = 0;
    std::string kind;
    std::optional<Id> orgUnit;
    std::string startedOn;
    std::string endedOn;
};

struct Person {
    Id id = 0;
    std::string code; ///< staff number, unique
    std::string name;
    std::string gender; ///< "f", "m" or empty
    std::string birthDate;
    std::string phone;
    std::string education;
    std::optional<Id> orgUnitId;
    std::vector<Post> posts;
};

struct CourseVersion {
    std::string hash;
    std::string courseId;
    std::string version;
    std::string source;
    std::string loadedAt;
};

struct Cohort {
    Id id = 0;
    std::string code;
    std::string name;
    std::string courseHash;
    std::string startsOn;
    std::string endsOn;
    int capacity = 0;
};

struct Session {
    Id id = 0;
    Id cohortId = 0;
    std::string module;
    std::string templateId;
    std::string startsAt;
    std::string endsAt;
    std::string place;
    std::optional<Id> trainerId;
    int capacity = 0; ///< 0: unlimited
    std::string status = "scheduled";
    int sequence = 0;
    std::string updatedAt;
};

struct Booking {
    Id sessionId = 0;
    Id personId = 0;
    std::string status; ///< booked, waiting, cancelled
    int position = 0;   ///< place in the waiting line
    std::string bookedAt;
};

/// One evidence record as stored. `fields` is a JSON object of the kind's fields by name.
struct EvidenceRow {
    Id id = 0;
    Id personId = 0;
    std::optional<std::string> courseId; ///< empty: the person's own record, seen by every course
    std::string module;
    std::string kind;
    std::string ref;
    std::int32_t day = 0;
    std::optional<Id> sessionId;
    std::string fields = "{}";
    std::string recordedAt;
    std::string recordedBy;
    std::optional<Id> supersedes;
    std::string reason;
};

struct PeopleQuery {
    std::string postKind;      ///< only people holding this post now; empty: everyone
    std::optional<Id> orgUnit; ///< only people in this unit
    std::string nameContains;  ///< a part of the name
    std::size_t limit = 100;
    std::size_t offset = 0;
    /// Only people enrolled in a cohort this person trains (what a trainer may list).
    std::optional<Id> taughtBy;
};

/// An account as stored. `passwordHash` never leaves the services layer.
struct Account {
    Id id = 0;
    std::string username;
    std::optional<Id> personId;
    std::string role; ///< admin, trainer, worker
    std::string passwordHash;
    bool disabled = false;
    std::string createdAt;
};

/// A session or an API token as stored: never the token itself. Instants are
/// "YYYY-MM-DDTHH:MM:SSZ"; an empty one is NULL (no expiry, never used, not revoked).
struct AuthToken {
    Id id = 0;
    Id accountId = 0;
    std::string kind;      ///< session, api
    std::string tokenHash; ///< hex BLAKE2b-256 of the token
    std::string csrfHash;  ///< sessions only: hex BLAKE2b-256 of the session's CSRF token
    std::string label;     ///< API tokens: what the token is for
    std::string createdAt;
    std::string expiresAt;
    std::string lastUsedAt;
    std::string revokedAt;
};

/// A token found by its hash, with the account it belongs to.
struct TokenOwner {
    AuthToken token;
    Account account;
};

/// One issued certificate as stored. Dates are "YYYY-MM-DD".
struct CredentialRow {
    Id id = 0;
    std::string serial;
    Id personId = 0;
    std::string courseId;
    std::string courseHash;
    std::string credential; ///< the course's credential id, e.g. district_licence
    std::string level;
    std::string issuedOn;
    std::string validFrom;
    std::string validUntil; ///< empty: no expiry
    std::string payload;    ///< the canonical JSON, exactly the bytes that were signed
    std::string signature;  ///< Ed25519 over payload, base64
    std::string keyId;
    std::string issuedBy;
    std::string issuedAt;
    std::optional<Id> previousId; ///< the certificate this one renews or replaces
    std::string revokedOn;        ///< empty: not revoked
    std::string revokedReason;
    std::string supersededOn; ///< empty: not superseded
    std::optional<Id> supersededBy;
    std::optional<Id> renewedBy;
};

/// Which certificates a list holds.
struct CredentialQuery {
    std::optional<Id> person;
    /// Only certificates of people enrolled in a cohort this person trains.
    std::optional<Id> taughtBy;
    /// Only certificates whose valid_until lies in [from, to] (dates), not revoked, superseded
    /// or renewed: what the expiry report lists.
    std::string expiringFrom;
    std::string expiringTo;
};

/// A session that overlaps the one being scheduled, and for whom (a person conflict only).
struct Overlap {
    Session session;
    std::optional<Id> person;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string entity;
    std::string entityId;
    std::string details; ///< JSON
    std::string prevHash;
    std::string hash;
};

struct AuditVerdict {
    bool intact = true;
    std::size_t entries = 0;
    std::string head; ///< the last entry's hash: keep it elsewhere to detect truncation
    std::optional<std::int64_t> at; ///< the first entry that does not fit the chain
    std::string problem;            ///< what is wrong there, in English
};

/// Told how many rows a bulk append has written so far (for a progress bar).
using EvidenceProgress = std::function<void(std::size_t written)>;

/// Gives a bulk append its rows one by one: the next row, or null when there are no more. May
/// block until the next row is ready (a streamed import hands rows over as it checks them).
using EvidenceSource = std::function<const EvidenceRow*()>;

/// One requirement set's figures in a kept standing: what reports group and filter on.
struct KeptSet {
    std::string name;
    std::string status; ///< rules::statusName: met, in_progress, unmet, waived
    double fraction = 0;
    std::int32_t changesOn = 0; ///< the first day its outcome may change with no new write
};

/// A worker's kept standing in one cohort (ARCHITECTURE section 6): their entry of the
/// progress answer exactly as sent, what it was computed from, and until when it holds.
struct KeptStanding {
    Id person = 0;
    Id cohort = 0;
    std::string courseHash; ///< the course version it was computed from
    std::string plugins;    ///< the host and plugin versions it was computed from
    std::int32_t computedOn = 0;
    std::int32_t holdsUntil = 0; ///< the last day it holds if nothing is written
    bool stale = false;          ///< a write since may have changed it
    std::string answer;
    std::vector<KeptSet> sets;              ///< written with it; reads leave it empty
    std::vector<std::string> rankedModules; ///< a co-member's row in one marks the whole cohort
};

/// How many standings are kept, and how many a read would have to recompute.
struct KeptCounts {
    std::size_t kept = 0;
    std::size_t stale = 0;
    std::size_t expired = 0; ///< fresh, but not holding on the day asked about
};

/// A cohort's members by one requirement set's status, from the kept standings.
struct KeptSetRow {
    Id person = 0;
    std::string status;
    double fraction = 0;
    std::int32_t changesOn = 0;
};

} // namespace yanzhen::store
