/// \file ProgressBar.hpp
/// A progress bar for long commands (imports), drawn on standard error only when that is a
/// terminal: a file or a pipe gets no control characters, only the command's own output.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace yanzhen::app {

class ProgressBar {
public:
    enum class Unit { Bytes, Rows };

    /// Draws on `out` when `enabled`, else does nothing at all.
    ProgressBar(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
    ~ProgressBar() { clear(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// True when standard error is a terminal that understands "\r" and erasing a line (TERM is
    /// set and not "dumb").
    static bool stderrIsTerminal();

    bool enabled() const { return enabled_; }

    /// Shows `label` [=====>    ] 45%  done/total. Redraws at most ten times a second, and
    /// always when the label changes or `done` reaches `total`.
    void show(const std::string& label, std::uint64_t done, std::uint64_t total, Unit unit);

    /// Erases the bar, so that what is printed next starts on a clean line.
    void clear();

private:
    std::ostream& out_;
    bool enabled_;
    bool drawn_ = false;
    std::string label_;
    std::chrono::steady_clock::time_point last_{};
};

} // namespace yanzhen::app
