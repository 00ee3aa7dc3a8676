#include "ProgressBar.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace yanzhen::app {

namespace {

constexpr int kWidth = 30;
constexpr auto kInterval = std::chrono::milliseconds(100);

std::string amount(std::uint64_t n, ProgressBar::Unit unit) {
    char buffer[32];
    if (unit == ProgressBar::Unit::Bytes)
        std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(n) / 1e6);
    else
        std::snprintf(buffer, sizeof buffer, "%llu", static_cast<unsigned long long>(n));
    return buffer;
}

} // namespace

bool ProgressBar::stderrIsTerminal() {
    const char* term = std::getenv("TERM");
    return isatty(STDERR_FILENO) == 1 && term != nullptr && *term != '\0' &&
           std::strcmp(term, "dumb") != 0;
}

void ProgressBar::show(const std::string& label, std::uint64_t done, std::uint64_t total,
                       Unit unit) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const bool complete = total > 0 && done >= total;
    if (drawn_ && label == label_ && !complete && now - last_ < kInterval) return;
    last_ = now;
    label_ = label;
    const double fraction =
        total == 0 ? 0.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    char percent[8];
    std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(fraction * 100));
    // "\r" goes back to the start of the line; "\x1b[K" erases what a longer line left there.
    out_ << '\r' << label << " [" << bar << "] " << percent << "  " << amount(done, unit) << " / "
         << amount(total, unit) << "\x1b[K" << std::flush;
    drawn_ = true;
}

void ProgressBar::clear() {
    if (!enabled_ || !drawn_) return;
    out_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
}

} // namespace yanzhen::app
