/// \file PeopleRepository.hpp
/// Org units (district > street > community > grid) and people with their posts.
#pragma once

#include "Database.hpp"
#include "WriteTransaction.hpp"
#include "store/Records.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

/// The id of the person whose staff number is `idOrCode`, else whose id it is, or nothing: the
/// id PeopleRepository::resolve would find, on statements the reader keeps prepared and without
/// reading posts, because an import resolves every row's worker (two million candidates on an
/// exam-result day; compiling two Poco statements each was most of the import's time).
std::optional<Id> resolvePersonId(Database::Reader& reader, const std::string& idOrCode);

class PeopleRepository {
public:
    explicit PeopleRepository(Poco::Data::Session& session) : session_(session) {}

    Id addOrgUnit(WriteTransaction& tx, const OrgUnit& unit);
    std::optional<OrgUnit> orgUnitByCode(const std::string& code);
    std::optional<OrgUnit> orgUnit(Id id);
    std::vector<OrgUnit> orgUnits();

    /// Adds a person and their posts; the staff number must be new.
    Id add(WriteTransaction& tx, const Person& person);
    std::optional<Person> find(Id id);
    std::optional<Person> findByCode(const std::string& code);
    /// Looks a person up by id ("42") or staff number ("JY-0042").
    std::optional<Person> resolve(const std::string& idOrCode);
    std::vector<Person> list(const PeopleQuery& query);
    std::size_t count(const PeopleQuery& query);
    /// Every post of everyone, by person.
    std::vector<PostRow> postRows();

private:
    std::vector<Post> postsOf(Id person);

    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
