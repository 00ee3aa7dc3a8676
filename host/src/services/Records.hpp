/// \file Records.hpp
/// The record values the services hand to routes and verbs, under the services' names: a route
/// or a verb reads these and never a header of the store (ARCHITECTURE.md section 2).
#pragma once

#include "store/Records.hpp"
#include "store/Store.hpp"

namespace yanzhen::store {
class Database;
}

namespace yanzhen::services {

using store::AuditEntry;
using store::AuditVerdict;
using store::Booking;
using store::Cohort;
using store::CourseVersion;
using store::CredentialQuery;
using store::EvidenceRow;
using store::Id;
using store::OrgUnit;
using store::PeopleQuery;
using store::Person;
using store::Post;
using store::Session;

/// The embedded database file, for what only it has (its file, an online backup): see
/// services/Maintenance.hpp.
using store::Database;
/// The records behind the store's interfaces (store/Store.hpp): what every service is given.
using store::Store;
using store::WriteUnit;

} // namespace yanzhen::services
