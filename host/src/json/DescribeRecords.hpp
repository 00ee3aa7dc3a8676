/// \file DescribeRecords.hpp
/// Sessions, evidence rows, audit entries and accounts as JSON, one shape for `yanzhen ... --json`
/// and the HTTP API.
#pragma once

#include "store/Records.hpp"

#include "services/accounts/AccountService.hpp"
#include "services/scheduling/SchedulingService.hpp"

#include <Poco/JSON/Object.h>

#include <map>

namespace yanzhen::json {

/// id, cohort {id, code}, module, template, title {zh, en}, starts_at, ends_at, place,
/// trainer {id, code, name}, capacity, booked, waiting, status, sequence.
Poco::JSON::Object::Ptr describe(const services::SessionView& view);

/// Who superseded which row: old id -> the id of the row that corrects it.
std::map<store::Id, store::Id> supersessions(const std::vector<store::EvidenceRow>& rows);

/// id, course (null for a personal record), module, kind, ref, date, session, fields (an object),
/// recorded_at, recorded_by, supersedes and reason (a correction), superseded_by and current.
Poco::JSON::Object::Ptr describe(const store::EvidenceRow& row,
                                 const std::map<store::Id, store::Id>& supersededBy);

/// id, at, actor, action, entity, entity_id, details (an object), prev_hash, hash.
Poco::JSON::Object::Ptr describe(const store::AuditEntry& entry);

/// id, username, role, person {id, code, name} (when linked), disabled, created_at: never a
/// password hash or a token.
Poco::JSON::Object::Ptr describe(const services::AccountInfo& account);

} // namespace yanzhen::json
