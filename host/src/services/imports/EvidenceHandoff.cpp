#include "services/imports/EvidenceHandoff.hpp"

namespace yanzhen::services {

void EvidenceHandoff::put(store::EvidenceRow row) {
    filling_.push_back(std::move(row));
    if (filling_.size() < kBatch) return;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_.size() < kMaxWaiting || abandoned_ || stopped_; });
    if (abandoned_ || stopped_)
        filling_.clear();
    else
        waiting_.push_back(std::move(filling_));
    filling_ = {};
    filling_.reserve(kBatch);
    changed_.notify_all();
}

void EvidenceHandoff::close() {
    std::lock_guard lock(mutex_);
    if (!filling_.empty() && !abandoned_ && !stopped_) waiting_.push_back(std::move(filling_));
    filling_ = {};
    closed_ = true;
    changed_.notify_all();
}

void EvidenceHandoff::abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    waiting_.clear();
    filling_ = {};
    changed_.notify_all();
}

const store::EvidenceRow* EvidenceHandoff::next() {
    if (taken_ < taking_.size()) return &taking_[taken_++];
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !waiting_.empty() || closed_ || abandoned_; });
    if (abandoned_) throw Abandoned{};
    if (waiting_.empty()) return nullptr; // closed, and every row given out
    taking_ = std::move(waiting_.front());
    waiting_.pop_front();
    changed_.notify_all();
    taken_ = 1;
    return &taking_[0];
}

void EvidenceHandoff::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    waiting_.clear();
    changed_.notify_all();
}

} // namespace yanzhen::services
