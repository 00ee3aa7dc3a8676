/// \file EvidenceHandoff.hpp
/// Checked evidence rows handed from the thread that reads and checks an import to the thread
/// that writes them: in batches, never more than a few batches ahead, so that the insert runs
/// beside the checking (two cores: the import takes the longer of the two, not their sum) and
/// memory holds a few thousand rows instead of the whole file (5 million rows once took 2 GB).
#pragma once

#include "store/Records.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace yanzhen::services {

class EvidenceHandoff {
public:
    /// Thrown by next() once the reader abandoned the rows: the writer's transaction must roll
    /// back.
    struct Abandoned {};

    /// Reader: adds a row; waits while the writer is kMaxWaiting batches behind. Dropped once
    /// abandoned or once the writer has stopped.
    void put(store::EvidenceRow row);
    /// Reader: there are no more rows.
    void close();
    /// Reader: none of the rows must be kept (a bad row was found): next() throws Abandoned.
    void abandon();

    /// Writer: the next row (valid until the next call), or null after close() and the last
    /// row. Waits for the reader. Throws Abandoned.
    const store::EvidenceRow* next();
    /// Writer: it stops taking rows (it failed); put() no longer waits.
    void stop();

private:
    static constexpr std::size_t kBatch = 4096;
    static constexpr std::size_t kMaxWaiting = 8;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<store::EvidenceRow> filling_; ///< the reader's batch (reader only)
    std::deque<std::vector<store::EvidenceRow>> waiting_;
    std::vector<store::EvidenceRow> taking_; ///< the writer's batch (writer only)
    std::size_t taken_ = 0;                  ///< rows of taking_ given out
    bool closed_ = false;
    bool abandoned_ = false;
    bool stopped_ = false;
};

} // namespace yanzhen::services
