/// \file SchedulingService.hpp
/// Trainers schedule a cohort's sessions and workers book seats in them. A session is refused
/// when it conflicts with what is already scheduled: the trainer in two places at once, a place
/// booked twice, a worker of the cohort due at another cohort's session, a time outside the
/// cohort's dates, a template the cohort's course version does not have. Every refusal names
/// the session it conflicts with, so that a person can go and move one of the two.
#pragma once

#include "services/progress/CourseVersions.hpp"

#include "store/Records.hpp"
#include "store/Store.hpp"

#include <yanzhen/text.hpp>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen::services {

/// A session to schedule. Times are "YYYY-MM-DDTHH:MM", Asia/Shanghai local time.
struct ScheduleRequest {
    store::Id cohort = 0;
    std::string templateId;
    std::optional<std::string> module; ///< when given, must be the template's module
    std::string startsAt;
    std::string endsAt;
    std::string place;
    std::optional<store::Id> trainer;
    std::optional<int> capacity; ///< seats; nothing: the cohort's default; 0: unlimited
};

/// One reason a request is refused. `code` is stable for programs: trainer_busy, place_taken,
/// member_busy, outside_cohort, unknown_template, wrong_module, bad_time, bad_capacity,
/// unknown_cohort, unknown_trainer; for bookings and cancellations also unknown_session,
/// unknown_person, session_cancelled, not_enrolled, already_booked, not_booked, no_reason.
/// `session` is the session it conflicts with, when there is one.
struct Conflict {
    std::string code;
    Text message;
    std::optional<store::Id> session;
};

/// Thrown when a request is refused; what() is the first conflict's English message.
struct SchedulingError : std::runtime_error {
    explicit SchedulingError(std::vector<Conflict> all);
    std::vector<Conflict> conflicts;
};

/// Which sessions list() returns; every filter given must hold.
struct SessionFilter {
    std::optional<store::Id> cohort;
    std::optional<store::Id> worker;  ///< the sessions of the cohorts the worker is enrolled in
    std::optional<store::Id> trainer; ///< the sessions this person teaches
};

/// A seat or a place in line, with the name of who holds it.
struct BookingView {
    store::Booking booking;
    std::optional<store::Person> person; ///< nothing when the person row is gone
};

/// A session with what a listing shows beside it.
struct SessionView {
    store::Session session;
    std::string cohortCode;
    Text title;              ///< its template's title in the cohort's course version
    std::string trainerName; ///< empty when no trainer is set
    std::string trainerCode;
    std::size_t booked = 0;
    std::size_t waiting = 0;
};

class SchedulingService {
public:
    /// Both must outlive the service.
    SchedulingService(store::Store& store, CourseVersions& versions)
        : store_(store), versions_(versions) {}

    /// Every conflict of `request` with what is scheduled now; empty when it could be
    /// scheduled. Writes nothing (a form shows the conflicts before it is submitted).
    std::vector<Conflict> check(const ScheduleRequest& request);

    /// Schedules the session as `actor` and returns its id. The checks of check() run again
    /// inside the write transaction, so two trainers cannot take the same room at once.
    /// Throws SchedulingError with every conflict; nothing is written then.
    store::Id schedule(const std::string& actor, const ScheduleRequest& request);

    /// Cancels a scheduled session (it no longer conflicts with anything). Throws
    /// SchedulingError: unknown_session, session_cancelled, no_reason (the reason is required).
    void cancel(const std::string& actor, store::Id session, const std::string& reason);

    /// Books `person` a seat, or a place in the waiting line once the seats are taken. Throws
    /// SchedulingError: unknown_session, session_cancelled, unknown_person, not_enrolled (the
    /// person must be enrolled in the session's cohort), already_booked.
    store::Booking book(const std::string& actor, store::Id session, store::Id person);

    /// Gives up `person`'s seat or place in line; returns who took the seat from the waiting
    /// line, if anyone. Throws SchedulingError: unknown_session, unknown_person, not_booked.
    std::optional<store::Id> unbook(const std::string& actor, store::Id session, store::Id person);

    /// The sessions that pass `filter`, by start time, with titles, trainers and seats taken.
    std::vector<SessionView> list(const SessionFilter& filter);

    std::optional<store::Session> find(store::Id session);
    /// The session's bookings that are not cancelled, in the order they were made; only
    /// `onlyOf`'s when given.
    std::vector<BookingView> bookings(store::Id session, std::optional<store::Id> onlyOf);

private:
    store::Store& store_;
    CourseVersions& versions_;
};

} // namespace yanzhen::services
