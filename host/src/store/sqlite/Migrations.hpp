/// \file Migrations.hpp
/// The schema's history: numbered, forward-only steps. A database records the steps it has
/// taken in `schema_migrations`; opening it applies the ones it lacks, each in a transaction.
/// Never edit a step that has shipped: add the next one.
#pragma once

#include <string>
#include <vector>

namespace yanzhen::store {

struct Migration {
    int version;
    std::string name;
    std::string sql; ///< one or more statements separated by ';'
};

/// Every migration, in order.
const std::vector<Migration>& migrations();

} // namespace yanzhen::store
