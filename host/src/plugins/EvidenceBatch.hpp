/// \file EvidenceBatch.hpp
/// Evidence rows laid out as the ABI's structs for one module's plugin: built once per
/// evaluation from the host's rows, then handed to evaluate() without further copying.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/schema.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace yanzhen::plugins {

/// A field's value on the host side. monostate: absent.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string,
                                std::vector<std::pair<std::string, double>>>;

class EvidenceBatch {
public:
    EvidenceBatch() = default;
    // The ABI structs point into the rows: a copy would point into the original. A move keeps
    // them valid (a deque's elements stay where they are).
    EvidenceBatch(const EvidenceBatch&) = delete;
    EvidenceBatch& operator=(const EvidenceBatch&) = delete;
    EvidenceBatch(EvidenceBatch&&) = default;
    EvidenceBatch& operator=(EvidenceBatch&&) = default;

    /// Adds a row of kind `kind` (an index into the plugin's kinds) whose values follow the
    /// kind's fields in order; `fields` gives each value its ABI type.
    void add(std::uint32_t kind, const std::vector<Field>& fields, std::int64_t worker,
             std::string ref, std::int32_t day, std::int64_t seq, std::vector<FieldValue> values);

    std::size_t size() const { return rows_.size(); }

    /// The ABI input for evaluating `worker` on `today`; valid while this batch lives unchanged.
    /// Only reads the batch: one filled batch may serve several workers on several threads.
    yz_eval_input input(std::int32_t today, std::int64_t worker) const;

private:
    struct Row {
        std::string ref;
        std::vector<FieldValue> values;
        std::vector<yz_value> c;
        std::vector<std::vector<yz_named_number>> scores;
        yz_evidence evidence{};
    };
    std::deque<Row> rows_; ///< a deque: adding a row never moves the others
    std::vector<const yz_evidence*> pointers_;
};

} // namespace yanzhen::plugins
