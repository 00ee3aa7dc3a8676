#include "Migrations.hpp"

namespace yanzhen::store {

namespace {

// Dates are 'YYYY-MM-DD' text, local times 'YYYY-MM-DDTHH:MM' in Asia/Shanghai (the district's
// clock; no daylight saving), instants 'YYYY-MM-DDTHH:MM:SSZ' in UTC. Evidence also carries its
// day as an integer (days since 1970-01-01) because progress compares it on every read.
const char* const kInitialSchema = R"SQL(
CREATE TABLE org_units (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES org_units(id),
    kind       TEXT NOT NULL CHECK (kind IN ('district', 'street', 'community', 'grid')),
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL
);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,          -- the district's staff number, e.g. JY-0042
    name        TEXT NOT NULL,
    gender      TEXT CHECK (gender IN ('f', 'm') OR gender IS NULL),
    birth_date  TEXT,
    phone       TEXT,
    education   TEXT,
    org_unit_id INTEGER REFERENCES org_units(id),
    created_at  TEXT NOT NULL
);

-- A person's posts: 社工岗, 两委成员, 治理专干, 党务工作者, trainer ...
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    kind        TEXT NOT NULL CHECK (kind IN ('social_worker', 'committee_member', 'governance_officer',
                                              'party_affairs', 'trainer')),
    org_unit_id INTEGER REFERENCES org_units(id),
    started_on  TEXT,
    ended_on    TEXT
);
CREATE INDEX posts_person ON posts(person_id);

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    person_id     INTEGER REFERENCES people(id),
    role          TEXT NOT NULL CHECK (role IN ('admin', 'trainer', 'worker')),
    password_hash TEXT,                        -- Argon2id (libsodium); never the password
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- A course file as loaded, kept whole: a cohort pinned to it can always be evaluated again.
CREATE TABLE course_versions (
    hash      TEXT PRIMARY KEY,                -- SHA-256 of source
    course_id TEXT NOT NULL,
    version   TEXT NOT NULL,
    source    TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE INDEX course_versions_course ON course_versions(course_id);

CREATE TABLE cohorts (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,          -- e.g. TY-2025-1
    name        TEXT NOT NULL,
    course_hash TEXT NOT NULL REFERENCES course_versions(hash),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    capacity    INTEGER NOT NULL DEFAULT 0,    -- default seats per session; 0: unlimited
    CHECK (starts_on <= ends_on)
);

CREATE TABLE cohort_trainers (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (cohort_id, person_id)
);

CREATE TABLE enrollments (
    id          INTEGER PRIMARY KEY,
    cohort_id   INTEGER NOT NULL REFERENCES cohorts(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    enrolled_on TEXT NOT NULL,
    UNIQUE (cohort_id, person_id)
);
CREATE INDEX enrollments_person ON enrollments(person_id);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    cohort_id  INTEGER NOT NULL REFERENCES cohorts(id),
    module     TEXT NOT NULL,
    template   TEXT NOT NULL,
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    place      TEXT NOT NULL,
    trainer_id INTEGER REFERENCES people(id),
    capacity   INTEGER NOT NULL DEFAULT 0,     -- 0: unlimited
    status     TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    sequence   INTEGER NOT NULL DEFAULT 0,     -- grows on every change (iCalendar SEQUENCE)
    updated_at TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX sessions_cohort ON sessions(cohort_id, starts_at);
CREATE INDEX sessions_trainer ON sessions(trainer_id, starts_at);
CREATE INDEX sessions_place ON sessions(place, starts_at);

-- Seats: booked, or waiting in line (position), or cancelled by the person.
CREATE TABLE bookings (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    status     TEXT NOT NULL CHECK (status IN ('booked', 'waiting', 'cancelled')),
    position   INTEGER NOT NULL DEFAULT 0,
    booked_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX bookings_person ON bookings(person_id);

-- Exam sittings: a subject sat on a day, with the pass mark announced for it.
CREATE TABLE exam_sittings (
    id        INTEGER PRIMARY KEY,
    course_id TEXT NOT NULL,
    subject   TEXT NOT NULL,
    sitting   INTEGER NOT NULL,                -- the exam year
    held_on   TEXT NOT NULL,
    pass_mark REAL NOT NULL,
    UNIQUE (course_id, subject, sitting)
);

-- Append-only. A correction is a new row that supersedes an old one, with a reason; nothing
-- is ever updated or deleted, so the history is the table. course_id NULL: the person's own
-- record (a credential, a national exam result) that every course's module of that plugin sees.
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    course_id   TEXT,
    module      TEXT NOT NULL,                 -- the course module (or, personal, the plugin)
    kind        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    day         INTEGER NOT NULL,
    session_id  INTEGER REFERENCES sessions(id),
    fields      TEXT NOT NULL,                 -- JSON object: the kind's fields by name
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    supersedes  INTEGER REFERENCES evidence(id),
    reason      TEXT,
    CHECK ((supersedes IS NULL) = (reason IS NULL))
);
CREATE INDEX evidence_person ON evidence(person_id, course_id);
CREATE INDEX evidence_supersedes ON evidence(supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX evidence_session ON evidence(session_id) WHERE session_id IS NOT NULL;

-- Every write, hash-chained: hash = SHA-256(prev_hash | id | at | actor | action | entity |
-- entity_id | details). Editing or deleting an entry breaks the chain at that point.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
)SQL";

// Credentials: browser sessions and API tokens, kept only as hashes (BLAKE2b-256 of the token,
// hex), so a copy of the database lets nobody log in. A session also carries the hash of its
// CSRF token and always expires; an API token may not. Rows are revoked, never deleted: the
// listing shows what existed and when it stopped.
const char* const kAuthTokens = R"SQL(
CREATE TABLE auth_tokens (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    kind         TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    token_hash   TEXT NOT NULL UNIQUE,
    csrf_hash    TEXT,
    label        TEXT,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT,
    CHECK ((kind = 'session') = (csrf_hash IS NOT NULL)),
    CHECK (kind = 'api' OR expires_at IS NOT NULL)
);
CREATE INDEX auth_tokens_account ON auth_tokens(account_id)
)SQL";

// Credentials the scheme issues (持证上岗 ...): one row per signed certificate. The signed payload
// is kept as the exact bytes that were signed; the row's other columns repeat what the lists and
// the expiry report filter on. A certificate is never edited: revocation and supersession only
// fill their columns (with the day they take effect), and a renewal or a corrected re-issue is a
// new row pointing back at the old one.
const char* const kCredentials = R"SQL(
CREATE TABLE credentials (
    id             INTEGER PRIMARY KEY,
    serial         TEXT NOT NULL UNIQUE,
    person_id      INTEGER NOT NULL REFERENCES people(id),
    course_id      TEXT NOT NULL,
    course_hash    TEXT NOT NULL REFERENCES course_versions(hash),
    credential     TEXT NOT NULL,              -- the course's credential id
    level          TEXT NOT NULL,
    issued_on      TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_until    TEXT,                       -- NULL: no expiry
    payload        TEXT NOT NULL,              -- the canonical JSON, exactly as signed
    signature      TEXT NOT NULL,              -- Ed25519 over payload, base64
    key_id         TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    previous_id    INTEGER REFERENCES credentials(id), -- the one this renews or replaces
    revoked_on     TEXT,
    revoked_reason TEXT,
    superseded_on  TEXT,
    superseded_by  INTEGER REFERENCES credentials(id),
    renewed_by     INTEGER REFERENCES credentials(id),
    CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL)),
    CHECK ((superseded_on IS NULL) = (superseded_by IS NULL))
);
CREATE INDEX credentials_holder ON credentials(person_id, course_id);
CREATE INDEX credentials_valid_until ON credentials(valid_until)
)SQL";

// Progress reads, on every request: a worker's current rows of one course, and one module's
// rows of every member of a cohort (rankings). This index holds every column those reads take,
// so a person's rows are one contiguous run of index pages rather than a table row each,
// wherever in the table they were appended; and the ranking read touches only the module it
// needs. Measured on 14 M rows (1 M people): page-cache misses of the cohort read fell from
// about 60 to about 20. It serves every query the old (person_id, course_id) index did, so that
// one goes. The price: the index is about as large as the table, and each insert writes it.
const char* const kEvidenceReads = R"SQL(
CREATE INDEX evidence_progress ON evidence(person_id, course_id, module, kind, ref, day, fields);
DROP INDEX evidence_person
)SQL";

// The progress reads tell current rows from corrected ones themselves: a correction is always
// about the same person, course and module as the row it corrects, so both are in whatever
// run of that index a read takes, and the index carrying `supersedes` spares a probe of
// evidence_supersedes for every row read (45 per progress answer, 15.6 M per full recompute on
// a province).
const char* const kEvidenceReadsCurrent = R"SQL(
DROP INDEX evidence_progress;
CREATE INDEX evidence_progress
    ON evidence(person_id, course_id, module, kind, ref, day, fields, supersedes)
)SQL";

// Nothing ever read or wrote the key-value `settings` table of the initial schema: a setting
// lives in the configuration file or on the command line, where an operator can see it. (The
// initial schema's other unused table, exam_sittings, stays: the national exam's sittings and
// their pass marks are what the qualification rules are written against.)
const char* const kDropSettings = R"SQL(
DROP TABLE settings
)SQL";

// The kept standings (ARCHITECTURE section 6): per worker and cohort, their entry of the
// progress answer exactly as sent, what it was computed from, and the last day it holds; per
// requirement set, the figures reports group and filter on. A read sends the stored bytes
// while nothing has changed; so every write that can change a standing marks it stale right
// here, in the writer's own transaction, whatever code path wrote: a worker's evidence (for a
// module that ranks, the whole cohort's: ranked_modules names those), an enrolment, a cohort
// moved to a new course version, a credential. A stale mark is the time it was first set
// (julianday), so the refresher can take the oldest first; NULL is fresh.
const char* const kKeptStandings = R"SQL(
CREATE TABLE kept_standings (
    person_id   INTEGER NOT NULL REFERENCES people(id),
    cohort_id   INTEGER NOT NULL REFERENCES cohorts(id),
    course_hash TEXT NOT NULL,
    plugins     TEXT NOT NULL,                 -- "yanzhen@0.1.0 theory@1.0.0 ..."
    computed_on INTEGER NOT NULL,              -- days since 1970-01-01
    holds_until INTEGER NOT NULL,              -- the last day it holds if nothing is written
    stale_since REAL,                          -- NULL: fresh
    answer      TEXT NOT NULL,                 -- JSON, the cohort's entry of the answer
    PRIMARY KEY (person_id, cohort_id)
);
CREATE INDEX kept_standings_cohort ON kept_standings(cohort_id);
CREATE INDEX kept_standings_stale ON kept_standings(stale_since) WHERE stale_since IS NOT NULL;
CREATE INDEX kept_standings_holds ON kept_standings(holds_until);

CREATE TABLE kept_set_standings (
    cohort_id  INTEGER NOT NULL,
    set_name   TEXT NOT NULL,
    person_id  INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('met', 'in_progress', 'unmet', 'waived')),
    fraction   REAL NOT NULL,
    changes_on INTEGER NOT NULL,               -- the first day it may change with no write
    PRIMARY KEY (cohort_id, set_name, person_id),
    FOREIGN KEY (person_id, cohort_id) REFERENCES kept_standings(person_id, cohort_id)
        ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX kept_set_standings_status ON kept_set_standings(cohort_id, set_name, status);
CREATE INDEX kept_set_standings_person ON kept_set_standings(person_id, cohort_id);

-- The modules of a cohort's course with a ranking leaf: a row there changes every member.
CREATE TABLE ranked_modules (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    module    TEXT NOT NULL,
    PRIMARY KEY (cohort_id, module)
) WITHOUT ROWID;

CREATE TRIGGER evidence_marks_standings AFTER INSERT ON evidence BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE person_id = NEW.person_id AND stale_since IS NULL;
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE stale_since IS NULL AND cohort_id IN (
           SELECT r.cohort_id FROM enrollments e
             JOIN ranked_modules r ON r.cohort_id = e.cohort_id AND r.module = NEW.module
            WHERE e.person_id = NEW.person_id);
END;
-- Evidence is never updated; if it ever is, the standing still knows.
CREATE TRIGGER evidence_update_marks_standings AFTER UPDATE ON evidence BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE person_id IN (OLD.person_id, NEW.person_id) AND stale_since IS NULL;
END;
-- A new member of a cohort that ranks enters its rankings; a standing of the new cohort does
-- not exist yet, and a read computes it.
CREATE TRIGGER enrolment_marks_standings AFTER INSERT ON enrollments BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE cohort_id = NEW.cohort_id AND stale_since IS NULL
       AND EXISTS (SELECT 1 FROM ranked_modules WHERE cohort_id = NEW.cohort_id);
END;
CREATE TRIGGER withdrawal_drops_standing AFTER DELETE ON enrollments BEGIN
    DELETE FROM kept_standings WHERE person_id = OLD.person_id AND cohort_id = OLD.cohort_id;
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE cohort_id = OLD.cohort_id AND stale_since IS NULL
       AND EXISTS (SELECT 1 FROM ranked_modules WHERE cohort_id = OLD.cohort_id);
END;
-- A new course version, a new name or new dates: every member's entry says them.
CREATE TRIGGER cohort_marks_standings AFTER UPDATE ON cohorts BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE cohort_id = NEW.id AND stale_since IS NULL;
END;
-- Credentials reach progress as evidence rows written with them; this holds if one is not.
CREATE TRIGGER credential_marks_standings AFTER INSERT ON credentials BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE person_id = NEW.person_id AND stale_since IS NULL;
END;
CREATE TRIGGER credential_update_marks_standings AFTER UPDATE ON credentials BEGIN
    UPDATE kept_standings SET stale_since = julianday('now')
     WHERE person_id = NEW.person_id AND stale_since IS NULL;
END
)SQL";

// The district's figures (services/reports/LicensureReport) read every person's credential
// records at once: without this they would scan all of the evidence for them.
const char* const kPersonalRecords = R"SQL(
CREATE INDEX evidence_personal ON evidence(kind, person_id, id) WHERE course_id IS NULL
)SQL";

// What the licensing figures are counted from moves one number, in the writer's own
// transaction whatever code path wrote, so that the server may keep the figures' data while
// the number holds (services/reports/LicensureKeeper).
const char* const kLicensureGeneration = R"SQL(
CREATE TABLE licensure_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO licensure_generation VALUES (1, 0);
CREATE TRIGGER post_insert_moves_licensure AFTER INSERT ON posts BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER post_update_moves_licensure AFTER UPDATE ON posts BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER post_delete_moves_licensure AFTER DELETE ON posts BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER unit_insert_moves_licensure AFTER INSERT ON org_units BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER unit_update_moves_licensure AFTER UPDATE ON org_units BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER person_unit_moves_licensure AFTER UPDATE OF org_unit_id ON people BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER credential_record_moves_licensure AFTER INSERT ON evidence
WHEN NEW.kind = 'credential' AND NEW.course_id IS NULL BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END;
CREATE TRIGGER evidence_update_moves_licensure AFTER UPDATE ON evidence BEGIN
    UPDATE licensure_generation SET generation = generation + 1;
END
)SQL";

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1, "initial schema", kInitialSchema},
        {2, "sessions and API tokens", kAuthTokens},
        {3, "credentials", kCredentials},
        {4, "evidence read index", kEvidenceReads},
        {5, "evidence read index with corrections", kEvidenceReadsCurrent},
        {6, "drop the unused settings table", kDropSettings},
        {7, "kept standings", kKeptStandings},
        {8, "personal records index", kPersonalRecords},
        {9, "licensure generation", kLicensureGeneration},
    };
    return all;
}

} // namespace yanzhen::store
