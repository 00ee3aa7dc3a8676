/// \file SessionRepository.hpp
/// Scheduled sessions, the queries that find conflicts with them, and their bookings with a
/// waiting line. The rules (what counts as a conflict) live in services/SchedulingService.
#pragma once

#include "store/Records.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

class SessionRepository {
public:
    explicit SessionRepository(Poco::Data::Session& session) : session_(session) {}

    Id add(WriteTransaction& tx, const Session& s);
    /// Marks a session cancelled and raises its sequence (calendar feeds show the change).
    void cancel(WriteTransaction& tx, Id id, const std::string& reason);
    std::optional<Session> find(Id id);
    std::vector<Session> forCohort(Id cohort);
    /// The sessions of every cohort a person is enrolled in, from `fromDay` on ("" for all).
    std::vector<Session> forPerson(Id person, const std::string& from);
    std::vector<Session> forTrainer(Id trainer, const std::string& from, const std::string& to);

    /// Scheduled sessions in [startsAt, endsAt) for the same trainer / in the same place / with
    /// a member of `cohort` enrolled in another cohort, `except` left out (a reschedule): every
    /// overlap (at most `limit`), by start time, so a form shows all of them at once. A member
    /// conflict comes once per (session, person).
    std::vector<Overlap> trainerOverlaps(Id trainer, const std::string& startsAt,
                                         const std::string& endsAt, Id except, std::size_t limit);
    std::vector<Overlap> placeOverlaps(const std::string& place, const std::string& startsAt,
                                       const std::string& endsAt, Id except, std::size_t limit);
    std::vector<Overlap> memberOverlaps(Id cohort, const std::string& startsAt,
                                        const std::string& endsAt, Id except, std::size_t limit);

    /// Books a seat; past the capacity the person joins the waiting line. Returns the booking.
    Booking book(WriteTransaction& tx, Id sessionId, Id person);
    /// Cancels a person's booking; the first person waiting, if any, takes the seat. Returns
    /// who was promoted.
    std::optional<Id> cancelBooking(WriteTransaction& tx, Id sessionId, Id person);
    std::vector<Booking> bookings(Id sessionId);

private:
    std::vector<Overlap> allOverlaps(Poco::Data::Statement& st, bool withPerson);

    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
