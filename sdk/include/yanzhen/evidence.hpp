/// \file yanzhen/evidence.hpp
/// Typed evidence rows as a plugin reads them during evaluation, and what it answers per leaf.
/// Views over the host's memory: valid for the duration of one evaluate() call.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/text.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yanzhen {

/// One evidence row: something that happened to one worker on one day.
class Evidence {
public:
    explicit Evidence(const yz_evidence* row) : row_(row) {}

    /// Index of the row's kind in the plugin's declared kinds.
    std::uint32_t kind() const { return row_->kind; }
    std::int64_t worker() const { return row_->worker; }
    /// What the row is about: a session template, a unit, an assessment, a subject ...
    std::string_view ref() const { return view(row_->ref); }
    /// Days since 1970-01-01.
    std::int32_t day() const { return row_->day; }
    /// Recording order; a later row has a larger seq.
    std::int64_t seq() const { return row_->seq; }

    /// True when field `i` has a value.
    bool has(std::size_t i) const {
        return i < row_->value_count && row_->values[i].type != YZ_FIELD_NONE;
    }
    /// Field `i` as an integer (integers, dates, booleans), or `fallback` when absent.
    std::int64_t integer(std::size_t i, std::int64_t fallback = 0) const {
        if (!has(i)) return fallback;
        const auto& v = row_->values[i];
        return v.type == YZ_FIELD_NUMBER ? static_cast<std::int64_t>(v.number) : v.integer;
    }
    /// Field `i` as a number (integers are widened), or `fallback` when absent.
    double number(std::size_t i, double fallback = 0) const {
        if (!has(i)) return fallback;
        const auto& v = row_->values[i];
        return v.type == YZ_FIELD_NUMBER ? v.number : static_cast<double>(v.integer);
    }
    /// Field `i` as text (text and choices), or empty when absent.
    std::string_view text(std::size_t i) const {
        return has(i) ? view(row_->values[i].text) : std::string_view{};
    }
    /// The score named `name` in a scores field, or nothing.
    std::optional<double> score(std::size_t i, std::string_view name) const {
        if (!has(i) || row_->values[i].type != YZ_FIELD_SCORES) return std::nullopt;
        const auto& v = row_->values[i];
        for (std::uint32_t k = 0; k < v.count; ++k)
            if (view(v.scores[k].name) == name) return v.scores[k].value;
        return std::nullopt;
    }

private:
    const yz_evidence* row_;
};

/// What one evaluation is given: a date and the rows.
class EvaluationInput {
public:
    explicit EvaluationInput(const yz_eval_input* in) : in_(in) {}

    /// The evaluation date (days since 1970-01-01). A plugin never reads a clock.
    std::int32_t today() const { return in_->today; }
    /// The worker being evaluated.
    std::int64_t worker() const { return in_->worker; }
    std::size_t size() const { return in_->row_count; }
    Evidence operator[](std::size_t i) const { return Evidence(in_->rows[i]); }
    /// The day before the earliest row dated after today, or YZ_HOLDS_FOREVER when there is
    /// none: how long a result that counts only rows dated up to today holds (LeafResult::
    /// holdsUntil). Any row counts, so it is safe whatever the leaf filters on.
    std::int32_t untilNextRow() const {
        std::int32_t next = YZ_HOLDS_FOREVER;
        for (std::uint32_t i = 0; i < in_->row_count; ++i)
            if (const std::int32_t d = in_->rows[i]->day; d > in_->today && d - 1 < next)
                next = d - 1;
        return next;
    }

    class Iterator {
    public:
        Iterator(const yz_evidence* const* p) : p_(p) {}
        Evidence operator*() const { return Evidence(*p_); }
        Iterator& operator++() {
            ++p_;
            return *this;
        }
        bool operator!=(const Iterator& o) const { return p_ != o.p_; }

    private:
        const yz_evidence* const* p_;
    };
    Iterator begin() const { return Iterator(in_->rows); }
    Iterator end() const { return Iterator(in_->rows + in_->row_count); }

private:
    const yz_eval_input* in_;
};

/// A leaf's outcome for one worker: met or not, how much they have of how much is needed,
/// and one sentence a person understands, e.g. "理论学时 39/40（线上学时超出上限 2 学时）".
struct LeafResult {
    bool met = false;
    double have = 0;
    double need = 0;
    std::string unit;
    Text sentence;
    /// The last day this result stays as it is with no new row (ABI 1.1): keep the default,
    /// "only today", unless you know better; untilNextRow() is the bound every leaf that
    /// ignores rows dated after today has, and YZ_HOLDS_FOREVER is "until a row is added".
    /// The host keeps a worker's standing until the earliest of their leaves' days, so a
    /// day too late serves a stale answer, and a day too early only costs a recompute.
    std::int32_t holdsUntil = kOnlyToday;
    static constexpr std::int32_t kOnlyToday = INT32_MIN;
};

/// One entrant's position in a ranking. Entrants with the same place are tied.
struct Standing {
    std::int64_t worker = 0;
    std::uint32_t place = 0;
    double score = 0;
    Text detail;
};

} // namespace yanzhen
