/// \file Records.hpp
/// The records the store keeps, as plain values. Dates are "YYYY-MM-DD", local times
/// "YYYY-MM-DDTHH:MM" (Asia/Shanghai), instants "YYYY-MM-DDTHH:MM:SSZ".
#pragma once

#include <cstdint>
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

} // namespace yanzhen::store
