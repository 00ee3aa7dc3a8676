/// \file yanzhen/detail/info_storage.hpp
/// Lays a PluginInfo out as the ABI's structs. Owns every string and array it points to; the
/// storage never moves once built (deques and reserved vectors), so the pointers stay valid.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/schema.hpp>

#include <deque>
#include <vector>

namespace yanzhen::detail {

class InfoStorage {
public:
    explicit InfoStorage(PluginInfo info) : info_(std::move(info)) {
        for (const auto& kind : info_.kinds) {
            auto& fields = fieldArray(kind.fields);
            kinds_.push_back(yz_evidence_kind{
                sizeof(yz_evidence_kind), borrow(kind.id), borrow(kind.label.zh),
                borrow(kind.label.en), fields.data(), static_cast<std::uint32_t>(fields.size())});
        }
        for (const auto& leaf : info_.leaves) {
            auto& fields = fieldArray(leaf.config);
            leaves_.push_back(yz_leaf_type{sizeof(yz_leaf_type), borrow(leaf.id),
                                           borrow(leaf.label.zh), borrow(leaf.label.en),
                                           static_cast<std::uint32_t>(leaf.scope), fields.data(),
                                           static_cast<std::uint32_t>(fields.size())});
        }
        for (const auto& k : kinds_)
            kindPointers_.push_back(&k);
        for (const auto& l : leaves_)
            leafPointers_.push_back(&l);
        c_ = yz_plugin_info{
            sizeof(yz_plugin_info), borrow(info_.id),
            borrow(info_.version),  borrow(info_.title.zh),
            borrow(info_.title.en), static_cast<std::uint32_t>(info_.status),
            kindPointers_.data(),   static_cast<std::uint32_t>(kindPointers_.size()),
            leafPointers_.data(),   static_cast<std::uint32_t>(leafPointers_.size())};
    }
    InfoStorage(const InfoStorage&) = delete;
    InfoStorage& operator=(const InfoStorage&) = delete;

    const PluginInfo& info() const { return info_; }
    const yz_plugin_info* c() const { return &c_; }

private:
    std::vector<const yz_field*>& fieldArray(const std::vector<Field>& fields) {
        auto& pointers = pointerArrays_.emplace_back();
        for (const auto& f : fields) {
            auto& choices = choices_.emplace_back();
            for (const auto& c : f.choices)
                choices.push_back(borrow(c));
            fields_.push_back(yz_field{sizeof(yz_field), static_cast<std::uint32_t>(f.type),
                                       borrow(f.name), f.required ? 1U : 0U, f.min ? 1U : 0U,
                                       f.max ? 1U : 0U, f.min.value_or(0), f.max.value_or(0),
                                       choices.data(), static_cast<std::uint32_t>(choices.size()),
                                       borrow(f.label.zh), borrow(f.label.en), borrow(f.unit)});
            pointers.push_back(&fields_.back());
        }
        return pointers;
    }

    PluginInfo info_;
    std::deque<yz_field> fields_;
    std::deque<std::vector<yz_str>> choices_;
    std::deque<std::vector<const yz_field*>> pointerArrays_;
    std::deque<yz_evidence_kind> kinds_;
    std::deque<yz_leaf_type> leaves_;
    std::vector<const yz_evidence_kind*> kindPointers_;
    std::vector<const yz_leaf_type*> leafPointers_;
    yz_plugin_info c_{};
};

} // namespace yanzhen::detail
