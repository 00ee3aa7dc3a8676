/// \file RosterImport.hpp
/// `workers import FILE`: people from a roster CSV, all or nothing. Imports add people; they
/// never update one (a staff number already in the database is a bad row).
///
/// Columns (by header name, any order; `code` and `name` required, the others optional):
/// `code` (staff number, unique), `name`, `gender` (f, m or empty), `birth_date` (YYYY-MM-DD or
/// empty), `phone`, `education`, `street`, `community`, `grid` (org-unit names), `posts`
/// (`;`-separated: social_worker, committee_member, governance_officer, party_affairs,
/// trainer), and `district` (the district's name; without it, or empty, the database's
/// district, created as 江源区 with code `district` when there is none).
///
/// Org units are found by kind, name and parent, or created with codes made from their place
/// in the tree: S01 (a street), S01-C03 (its third community), S01-C03-G02 (a grid), numbered
/// in the order the file first names them after those already in the database. A person
/// belongs to the deepest unit the row names, and so do their posts.
#pragma once

#include "services/imports/ImportReport.hpp"

#include "store/Store.hpp"

#include <filesystem>

namespace yanzhen::services {

class RosterImport {
public:
    explicit RosterImport(store::Store& store) : store_(store) {}

    /// Reads and checks every row; when none is bad and it is not a dry run, adds the org
    /// units and the people in one transaction. Throws store::StoreError when the database
    /// fails.
    ImportReport run(const std::filesystem::path& file, const ImportOptions& options);

private:
    store::Store& store_;
};

} // namespace yanzhen::services
