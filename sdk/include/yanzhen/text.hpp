/// \file yanzhen/text.hpp
/// Bilingual text and the small string helpers the SDK and the host share.
#pragma once

#include <yanzhen/abi.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen {

/// Text a person reads, in Chinese (first) and English.
struct Text {
    std::string zh;
    std::string en;

    /// The text in `lang` ("zh..." picks Chinese, anything else English); falls back to the
    /// other language when one is empty.
    const std::string& in(std::string_view lang) const {
        const bool chinese = lang.substr(0, 2) == "zh";
        const std::string& first = chinese ? zh : en;
        return first.empty() ? (chinese ? en : zh) : first;
    }
    bool operator==(const Text&) const = default;
};

/// A view of a C string slice as std::string_view; empty for a null pointer.
inline std::string_view view(yz_str s) {
    return s.data == nullptr ? std::string_view{} : std::string_view{s.data, s.size};
}

/// A yz_str that borrows `s`; valid while `s` lives and is not modified.
inline yz_str borrow(std::string_view s) {
    return yz_str{s.data(), s.size()};
}

/// The edit distance between two byte strings: insertions, deletions, substitutions and
/// swaps of two neighbours each cost 1 (a swap is the commonest typo: "mni" for "min").
inline std::size_t editDistance(std::string_view a, std::string_view b) {
    const std::size_t w = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i * w] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t best = std::min(
                {d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, d[(i - 2) * w + j - 2] + 1);
            d[i * w + j] = best;
        }
    }
    return d[a.size() * w + b.size()];
}

/// The candidate closest to `word`, for "did you mean ...?" hints; empty when none is close
/// enough (at most a third of the word's length, and at least 1, edits away).
inline std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(1, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t d = editDistance(word, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

/// `message` followed by "，是否想写“x”？" / "; did you mean 'x'?", where x is the entry of
/// `known` that closestMatch() picks for `word`; `message` unchanged when none is close enough.
/// Every "did you mean" in Yanzhen is worded by this function.
inline Text withDidYouMean(Text message, std::string_view word,
                           const std::vector<std::string>& known) {
    const std::string hint = closestMatch(word, known);
    if (hint.empty()) return message;
    message.zh += "，是否想写“" + hint + "”？";
    message.en += "; did you mean '" + hint + "'?";
    return message;
}

/// A number as a person writes it: "40", "7.5", "0.25" (at most 2 decimals, no trailing 0s).
inline std::string formatNumber(double value) {
    if (std::isnan(value)) return "NaN";
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string s = buffer;
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

} // namespace yanzhen
