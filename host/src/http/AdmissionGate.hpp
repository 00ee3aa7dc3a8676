/// \file AdmissionGate.hpp
/// At most N requests worked on at once, the others waiting their turn in arrival order.
///
/// The server keeps a thread per keep-alive connection (Poco's model), so 32 busy connections
/// are 32 runnable threads on a 2-core machine: the scheduler then time-slices every request
/// against 31 others, and an unlucky one finishes far behind its arrival (p99 3x the mean on
/// the province benchmark). Letting a few in at a time, first come first served, gives each
/// admitted request the cores until it is done: the same throughput, and a tail close to the
/// mean. Admission is FIFO; each waiter sleeps on its own condition variable, so a release
/// wakes exactly the next one.
///
/// Only the work is gated, never a client's pace: the dispatcher lets in requests without a
/// body (GET, HEAD) once their headers are read, the web pages not at all, and the answer
/// gives its slot back before it is written to the socket (RequestContext::send), so a client
/// that reads slowly cannot hold a slot.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace yanzhen::http {

class AdmissionGate {
public:
    /// `slots`: how many requests may be worked on at once; 0 means no limit.
    explicit AdmissionGate(std::size_t slots) : slots_(slots) {}

    /// Holds a slot until release() or its end, whichever comes first.
    class Pass {
    public:
        explicit Pass(AdmissionGate& gate) : gate_(gate) { gate_.enter(); }
        ~Pass() { release(); }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        /// Gives the slot to the next waiter (the work is done; what is left is to send).
        void release() {
            if (held_) gate_.leave();
            held_ = false;
        }

    private:
        AdmissionGate& gate_;
        bool held_ = true;
    };

    /// How many requests wait for a slot now.
    std::size_t waiting() {
        std::lock_guard lock(mutex_);
        return queue_.size();
    }

private:
    struct Waiter {
        std::condition_variable cv;
        bool admitted = false;
    };

    void enter() {
        if (slots_ == 0) return;
        std::unique_lock lock(mutex_);
        if (active_ < slots_ && queue_.empty()) {
            ++active_;
            return;
        }
        Waiter me;
        queue_.push_back(&me);
        me.cv.wait(lock, [&] { return me.admitted; });
    }

    void leave() {
        if (slots_ == 0) return;
        std::lock_guard lock(mutex_);
        if (queue_.empty()) {
            --active_;
            return;
        }
        // The slot passes straight to the longest waiter: `active_` stays the same.
        Waiter* next = queue_.front();
        queue_.pop_front();
        next->admitted = true;
        next->cv.notify_one();
    }

    const std::size_t slots_;
    std::mutex mutex_;
    std::size_t active_ = 0;
    std::deque<Waiter*> queue_;
};

} // namespace yanzhen::http
