/// \file SchemaCheck.hpp
/// The bulk load writes rows straight into the store's tables (through the store it would take
/// hours at a province's scale), so it says which columns it knows, and refuses to run when the
/// migrations made tables that differ: a schema change breaks the generator loudly, at once,
/// never silently with rows that lack what the new schema needs. It also holds its own
/// canonical field JSON to what the evidence service writes for the same values.
#pragma once

#include "Population.hpp"

#include "courses/CourseCatalog.hpp"
#include "plugins/PluginRegistry.hpp"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace yanzhen::bench {

/// One line per difference between the tables the sink fills, as it knows them, and the tables
/// in `db` (a database the store just created); empty when they match exactly.
std::vector<std::string> schemaDifferences(sqlite3* db);

/// One line per row of `rows` whose canonical JSON is not what the evidence service writes for
/// its CSV cells (checked against the kind's schema, as an import does); empty when all agree.
std::vector<std::string> canonicalDifferences(const courses::CourseCatalog& catalog,
                                              const plugins::PluginRegistry& registry,
                                              const std::vector<EvidenceDraw>& rows);

} // namespace yanzhen::bench
