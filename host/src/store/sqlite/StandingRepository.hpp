/// \file StandingRepository.hpp
/// The kept standings (ARCHITECTURE section 6) on SQLite: written whole by whoever recomputed
/// them, marked stale by the schema's triggers (Migrations.cpp, "kept standings"), read back
/// by person on the hot path (ProgressReads::standings) and by cohort and set for reports.
/// Derived data, not a record of anything: keeping one writes no audit entry.
#pragma once

#include "WriteTransaction.hpp"
#include "store/Records.hpp"

#include <Poco/Data/Session.h>

#include <span>
#include <string>
#include <vector>

namespace yanzhen::store {

class StandingRepository {
public:
    explicit StandingRepository(Poco::Data::Session& session) : session_(session) {}

    void keep(WriteTransaction& tx, std::span<const KeptStanding> standings);
    std::vector<Id> due(std::int32_t today, std::size_t limit);
    std::size_t markOtherVersionsStale(WriteTransaction& tx, Id cohort, const std::string& plugins);
    std::size_t markAllStale(WriteTransaction& tx);
    KeptCounts counts(std::int32_t today);
    std::int64_t licensureGeneration();
    std::vector<KeptSetRow> setRows(Id cohort, const std::string& set);

private:
    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
