/// \file AuditService.hpp
/// The hash-chained audit log as its readers see it: a page of the newest entries, and a walk
/// of the whole chain that finds the first entry edited or removed.
#pragma once

#include "services/Records.hpp"

#include "store/Store.hpp"

#include <string>
#include <vector>

namespace yanzhen::services {

struct AuditPage {
    std::vector<AuditEntry> items; ///< newest first
    std::size_t total = 0;
};

class AuditService {
public:
    explicit AuditService(store::Store& store) : store_(store) {}

    /// `limit` at most 1000.
    AuditPage recent(std::size_t limit, std::size_t offset = 0);
    /// `expectedHead`: the head hash kept outside the database, to detect a removed tail.
    AuditVerdict verify(const std::string& expectedHead = "");

private:
    store::Store& store_;
};

} // namespace yanzhen::services
