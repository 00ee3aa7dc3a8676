#include "SessionRepository.hpp"

#include "Database.hpp"
#include "RowReader.hpp"

#include <Poco/Data/Statement.h>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

const char* const kColumns = "s.id, s.cohort_id, s.module, s.template, s.starts_at, s.ends_at, "
                             "s.place, s.trainer_id, s.capacity, s.status,"
                             " s.sequence, s.updated_at";

Session readSession(Poco::Data::RecordSet& rs) {
    Session s;
    s.id = integer(rs, 0);
    s.cohortId = integer(rs, 1);
    s.module = text(rs, 2);
    s.templateId = text(rs, 3);
    s.startsAt = text(rs, 4);
    s.endsAt = text(rs, 5);
    s.place = text(rs, 6);
    s.trainerId = optionalInteger(rs, 7);
    s.capacity = static_cast<int>(integer(rs, 8));
    s.status = text(rs, 9);
    s.sequence = static_cast<int>(integer(rs, 10));
    s.updatedAt = text(rs, 11);
    return s;
}

std::vector<Session> sessions(Poco::Data::Statement& st) {
    std::vector<Session> out;
    forEachRow(st, [&](auto& rs) { out.push_back(readSession(rs)); });
    return out;
}

} // namespace

Id SessionRepository::add(WriteTransaction& tx, const Session& s) {
    Poco::Nullable<Id> trainer;
    if (s.trainerId) trainer = *s.trainerId;
    tx.session()
        << "INSERT INTO sessions(cohort_id, module, template, starts_at, ends_at, place, "
           "trainer_id, capacity,"
           " status, sequence, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 0, ?)",
        bind(s.cohortId), bind(s.module), bind(s.templateId), bind(s.startsAt), bind(s.endsAt),
        bind(s.place), bind(trainer), bind(s.capacity), bind(tx.now()), now;
    const Id id = tx.lastInsertId();
    Poco::JSON::Object details;
    details.set("cohort", s.cohortId);
    details.set("template", s.templateId);
    details.set("starts_at", s.startsAt);
    details.set("ends_at", s.endsAt);
    details.set("place", s.place);
    if (s.trainerId) details.set("trainer", *s.trainerId);
    tx.audit("session.schedule", "session", std::to_string(id), details);
    return id;
}

void SessionRepository::cancel(WriteTransaction& tx, Id id, const std::string& reason) {
    tx.session()
        << "UPDATE sessions SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
           " WHERE id = ? AND status = 'scheduled'",
        bind(tx.now()), bind(id), now;
    int changes = 0;
    tx.session() << "SELECT changes()", into(changes), now;
    if (changes == 0)
        throw StoreError("session " + std::to_string(id) +
                         " is not scheduled (already cancelled or unknown)");
    Poco::JSON::Object details;
    details.set("reason", reason);
    tx.audit("session.cancel", "session", std::to_string(id), details);
}

std::optional<Session> SessionRepository::find(Id id) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns << " FROM sessions s WHERE s.id = ?", bind(id);
    auto found = sessions(st);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Session> SessionRepository::forCohort(Id cohort) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM sessions s WHERE s.cohort_id = ? ORDER BY s.starts_at, s.id",
        bind(cohort);
    return sessions(st);
}

std::vector<Session> SessionRepository::forPerson(Id person, const std::string& from) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM sessions s JOIN enrollments e ON e.cohort_id = s.cohort_id"
          " WHERE e.person_id = ? AND s.starts_at >= ? ORDER BY s.starts_at, s.id",
        bind(person), bind(from);
    return sessions(st);
}

std::vector<Session> SessionRepository::forTrainer(Id trainer, const std::string& from,
                                                   const std::string& to) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM sessions s WHERE s.trainer_id = ? AND s.starts_at >= ? AND s.starts_at < ?"
          " ORDER BY s.starts_at, s.id",
        bind(trainer), bind(from), bind(to);
    return sessions(st);
}

std::vector<Overlap> SessionRepository::allOverlaps(Poco::Data::Statement& st, bool withPerson) {
    std::vector<Overlap> out;
    forEachRow(st, [&](auto& rs) {
        out.push_back(
            Overlap{readSession(rs), withPerson ? optionalInteger(rs, 12) : std::nullopt});
    });
    return out;
}

std::vector<Overlap> SessionRepository::trainerOverlaps(Id trainer, const std::string& startsAt,
                                                        const std::string& endsAt, Id except,
                                                        std::size_t limit) {
    const auto max = static_cast<Poco::UInt64>(limit);
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM sessions s WHERE s.trainer_id = ? AND s.status = 'scheduled'"
          " AND s.starts_at < ? AND s.ends_at > ? AND s.id != ? ORDER BY s.starts_at, s.id LIMIT ?",
        bind(trainer), bind(endsAt), bind(startsAt), bind(except), bind(max);
    return allOverlaps(st, false);
}

std::vector<Overlap> SessionRepository::placeOverlaps(const std::string& place,
                                                      const std::string& startsAt,
                                                      const std::string& endsAt, Id except,
                                                      std::size_t limit) {
    const auto max = static_cast<Poco::UInt64>(limit);
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << " FROM sessions s WHERE s.place = ? AND s.status = 'scheduled'"
          " AND s.starts_at < ? AND s.ends_at > ? AND s.id != ? ORDER BY s.starts_at, s.id LIMIT ?",
        bind(place), bind(endsAt), bind(startsAt), bind(except), bind(max);
    return allOverlaps(st, false);
}

std::vector<Overlap> SessionRepository::memberOverlaps(Id cohort, const std::string& startsAt,
                                                       const std::string& endsAt, Id except,
                                                       std::size_t limit) {
    const auto max = static_cast<Poco::UInt64>(limit);
    Poco::Data::Statement st(session_);
    st << "SELECT " << kColumns
       << ", mine.person_id FROM enrollments mine"
          " JOIN enrollments theirs ON theirs.person_id = mine.person_id AND theirs.cohort_id != "
          "mine.cohort_id"
          " JOIN sessions s ON s.cohort_id = theirs.cohort_id"
          " WHERE mine.cohort_id = ? AND s.status = 'scheduled' AND s.starts_at < ? AND s.ends_at "
          "> ? AND s.id != ?"
          " ORDER BY s.starts_at, s.id, mine.person_id LIMIT ?",
        bind(cohort), bind(endsAt), bind(startsAt), bind(except), bind(max);
    return allOverlaps(st, true);
}

Booking SessionRepository::book(WriteTransaction& tx, Id sessionId, Id person) {
    auto& db = tx.session();
    int capacity = 0;
    int booked = 0;
    int lastPosition = 0;
    db << "SELECT capacity FROM sessions WHERE id = ?", bind(sessionId), into(capacity), now;
    db << "SELECT COUNT(*) FROM bookings WHERE session_id = ? AND status = 'booked'",
        bind(sessionId), into(booked), now;
    db << "SELECT COALESCE(MAX(position), 0) FROM bookings WHERE session_id = ? AND status = "
          "'waiting'",
        bind(sessionId), into(lastPosition), now;
    Booking b{sessionId, person, "booked", 0, tx.now()};
    if (capacity > 0 && booked >= capacity) {
        b.status = "waiting";
        b.position = lastPosition + 1;
    }
    db << "INSERT INTO bookings(session_id, person_id, status, position, booked_at) VALUES(?, ?, "
          "?, ?, ?)"
          " ON CONFLICT(session_id, person_id) DO UPDATE SET status = excluded.status, position = "
          "excluded.position,"
          " booked_at = excluded.booked_at WHERE bookings.status = 'cancelled'",
        bind(b.sessionId), bind(b.personId), bind(b.status), bind(b.position), bind(b.bookedAt),
        now;
    int changes = 0;
    db << "SELECT changes()", into(changes), now;
    if (changes == 0)
        throw StoreError("person " + std::to_string(person) +
                         " already holds a booking for session " + std::to_string(sessionId));
    Poco::JSON::Object details;
    details.set("person", person);
    details.set("status", b.status);
    if (b.position > 0) details.set("position", b.position);
    tx.audit("session.book", "session", std::to_string(sessionId), details);
    return b;
}

std::optional<Id> SessionRepository::cancelBooking(WriteTransaction& tx, Id sessionId, Id person) {
    auto& db = tx.session();
    std::vector<std::string> found;
    db << "SELECT status FROM bookings WHERE session_id = ? AND person_id = ?", bind(sessionId),
        bind(person), into(found), now;
    if (found.empty() || found.front() == "cancelled")
        throw StoreError("person " + std::to_string(person) + " has no booking for session " +
                         std::to_string(sessionId));
    db << "UPDATE bookings SET status = 'cancelled', position = 0 WHERE session_id = ? AND "
          "person_id = ?",
        bind(sessionId), bind(person), now;
    std::optional<Id> promoted;
    if (found.front() == "booked") {
        std::vector<Id> first;
        db << "SELECT person_id FROM bookings WHERE session_id = ? AND status = 'waiting' ORDER BY "
              "position LIMIT 1",
            bind(sessionId), into(first), now;
        if (!first.empty()) {
            promoted = first.front();
            db << "UPDATE bookings SET status = 'booked', position = 0 WHERE session_id = ? AND "
                  "person_id = ?",
                bind(sessionId), bind(*promoted), now;
        }
    }
    Poco::JSON::Object details;
    details.set("person", person);
    if (promoted) details.set("promoted", *promoted);
    tx.audit("session.unbook", "session", std::to_string(sessionId), details);
    return promoted;
}

std::vector<Booking> SessionRepository::bookings(Id sessionId) {
    std::vector<Booking> out;
    Poco::Data::Statement st(session_);
    st << "SELECT session_id, person_id, status, position, booked_at FROM bookings WHERE "
          "session_id = ?"
          " ORDER BY status, position, booked_at, person_id",
        bind(sessionId);
    forEachRow(st, [&](auto& rs) {
        out.push_back(Booking{integer(rs, 0), integer(rs, 1), text(rs, 2),
                              static_cast<int>(integer(rs, 3)), text(rs, 4)});
    });
    return out;
}

} // namespace yanzhen::store
