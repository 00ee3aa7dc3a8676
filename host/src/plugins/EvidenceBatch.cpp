#include "EvidenceBatch.hpp"

#include <yanzhen/text.hpp>

namespace yanzhen::plugins {

void EvidenceBatch::add(std::uint32_t kind, const std::vector<Field>& fields, std::int64_t worker,
                        std::string ref, std::int32_t day, std::int64_t seq,
                        std::vector<FieldValue> values) {
    Row& row = rows_.emplace_back();
    row.ref = std::move(ref);
    row.values = std::move(values);
    row.values.resize(fields.size());
    row.c.resize(fields.size());
    row.scores.resize(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
        yz_value& v = row.c[i];
        const FieldValue& value = row.values[i];
        if (std::holds_alternative<std::monostate>(value)) continue;
        v.type = static_cast<std::uint32_t>(fields[i].type);
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            v.integer = *n;
            v.number = static_cast<double>(*n);
        } else if (const auto* d = std::get_if<double>(&value)) {
            v.number = *d;
            v.integer = static_cast<std::int64_t>(*d);
        } else if (const auto* s = std::get_if<std::string>(&value)) {
            v.text = borrow(*s);
        } else if (const auto* list =
                       std::get_if<std::vector<std::pair<std::string, double>>>(&value)) {
            for (const auto& [name, score] : *list)
                row.scores[i].push_back(yz_named_number{borrow(name), score});
            v.scores = row.scores[i].data();
            v.count = static_cast<std::uint32_t>(row.scores[i].size());
        }
    }
    row.evidence = yz_evidence{sizeof(yz_evidence),
                               kind,
                               worker,
                               borrow(row.ref),
                               day,
                               seq,
                               row.c.data(),
                               static_cast<std::uint32_t>(row.c.size())};
    pointers_.push_back(&row.evidence);
}

yz_eval_input EvidenceBatch::input(std::int32_t today, std::int64_t worker) const {
    return yz_eval_input{sizeof(yz_eval_input), today, worker, pointers_.data(),
                         static_cast<std::uint32_t>(pointers_.size())};
}

} // namespace yanzhen::plugins
