/// \file yanzhen/schema.hpp
/// What a plugin declares about itself: its identity, the evidence kinds it accepts and the
/// leaf types it evaluates. Plain C++ values; yanzhen/detail/info_storage.hpp turns them into
/// the ABI's structs, and readInfo() turns the ABI's structs back into them.
#pragma once

#include <yanzhen/abi.h>
#include <yanzhen/text.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yanzhen {

enum class FieldType : std::uint32_t {
    Integer = YZ_FIELD_INTEGER,
    Number = YZ_FIELD_NUMBER,
    Text = YZ_FIELD_TEXT,
    Choice = YZ_FIELD_CHOICE,
    Date = YZ_FIELD_DATE,
    Boolean = YZ_FIELD_BOOLEAN,
    Scores = YZ_FIELD_SCORES,
    List = YZ_FIELD_LIST,
    Map = YZ_FIELD_MAP,
};

/// The schema's name for a field type, as the API and the docs spell it.
inline const char* fieldTypeName(FieldType t) {
    switch (t) {
    case FieldType::Integer: return "integer";
    case FieldType::Number: return "number";
    case FieldType::Text: return "text";
    case FieldType::Choice: return "choice";
    case FieldType::Date: return "date";
    case FieldType::Boolean: return "boolean";
    case FieldType::Scores: return "scores";
    case FieldType::List: return "list";
    case FieldType::Map: return "map";
    }
    return "unknown";
}

/// One field of an evidence kind, or one key of a leaf's configuration.
struct Field {
    std::string name;
    FieldType type = FieldType::Text;
    Text label;
    bool required = true;
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> choices;
    std::string unit;
};

/// A kind of evidence a plugin accepts. Rows carry one value per field, in this order.
struct EvidenceKind {
    std::string id;
    Text label;
    std::vector<Field> fields;

    /// The index of the field called `name`, or -1.
    int fieldIndex(std::string_view name) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return static_cast<int>(i);
        return -1;
    }
};

enum class Scope : std::uint32_t { Worker = YZ_SCOPE_WORKER, Cohort = YZ_SCOPE_COHORT };

/// A type of requirement leaf, written `<module>.<id>` in a course file.
struct LeafType {
    std::string id;
    Text label;
    std::vector<Field> config;
    Scope scope = Scope::Worker;
};

enum class Status : std::uint32_t {
    Stable = YZ_STATUS_STABLE,
    Experimental = YZ_STATUS_EXPERIMENTAL
};

struct PluginInfo {
    std::string id;
    std::string version;
    Text title;
    Status status = Status::Stable;
    std::vector<EvidenceKind> kinds;
    std::vector<LeafType> leaves;

    /// The index of the evidence kind called `id`, or -1.
    int kindIndex(std::string_view kindId) const {
        for (std::size_t i = 0; i < kinds.size(); ++i)
            if (kinds[i].id == kindId) return static_cast<int>(i);
        return -1;
    }
    const LeafType* leaf(std::string_view leafId) const {
        for (const auto& l : leaves)
            if (l.id == leafId) return &l;
        return nullptr;
    }
};

/// Thrown by readInfo() when the ABI structs are malformed (a struct too small, a null array).
struct MalformedInfo : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {
inline void requireSize(std::uint32_t have, std::size_t need, const char* what) {
    if (have < need)
        throw MalformedInfo(std::string(what) + " struct_size is " + std::to_string(have) +
                            ", expected at least " + std::to_string(need));
}
template <class T> void requireArray(const T* const* items, std::uint32_t count, const char* what) {
    if (count > 0 && items == nullptr) throw MalformedInfo(std::string(what) + " array is null");
    for (std::uint32_t i = 0; i < count; ++i)
        if (items[i] == nullptr) throw MalformedInfo(std::string(what) + " entry is null");
}
} // namespace detail

/// Copies a field out of its ABI struct. Throws MalformedInfo.
inline Field readField(const yz_field& f) {
    detail::requireSize(f.struct_size, offsetof(yz_field, unit) + sizeof(yz_str), "yz_field");
    Field out{std::string(view(f.name)), static_cast<FieldType>(f.type),
              Text{std::string(view(f.label_zh)), std::string(view(f.label_en))}, f.required != 0};
    if (f.has_min) out.min = f.min;
    if (f.has_max) out.max = f.max;
    if (f.choice_count > 0 && f.choices == nullptr) throw MalformedInfo("yz_field choices is null");
    for (std::uint32_t i = 0; i < f.choice_count; ++i)
        out.choices.emplace_back(view(f.choices[i]));
    out.unit = std::string(view(f.unit));
    return out;
}

inline std::vector<Field> readFields(const yz_field* const* fields, std::uint32_t count) {
    detail::requireArray(fields, count, "yz_field");
    std::vector<Field> out;
    for (std::uint32_t i = 0; i < count; ++i)
        out.push_back(readField(*fields[i]));
    return out;
}

/// Copies a plugin's whole declaration out of its ABI structs, checking every struct_size
/// against the 1.0 layout. Throws MalformedInfo naming the first struct that is wrong.
inline PluginInfo readInfo(const yz_plugin_info& info) {
    detail::requireSize(info.struct_size,
                        offsetof(yz_plugin_info, leaf_count) + sizeof(std::uint32_t),
                        "yz_plugin_info");
    PluginInfo out{std::string(view(info.id)), std::string(view(info.version)),
                   Text{std::string(view(info.title_zh)), std::string(view(info.title_en))},
                   static_cast<Status>(info.status)};
    detail::requireArray(info.kinds, info.kind_count, "yz_evidence_kind");
    for (std::uint32_t i = 0; i < info.kind_count; ++i) {
        const yz_evidence_kind& k = *info.kinds[i];
        detail::requireSize(k.struct_size,
                            offsetof(yz_evidence_kind, field_count) + sizeof(std::uint32_t),
                            "yz_evidence_kind");
        out.kinds.push_back(
            EvidenceKind{std::string(view(k.id)),
                         Text{std::string(view(k.label_zh)), std::string(view(k.label_en))},
                         readFields(k.fields, k.field_count)});
    }
    detail::requireArray(info.leaves, info.leaf_count, "yz_leaf_type");
    for (std::uint32_t i = 0; i < info.leaf_count; ++i) {
        const yz_leaf_type& l = *info.leaves[i];
        detail::requireSize(l.struct_size,
                            offsetof(yz_leaf_type, config_count) + sizeof(std::uint32_t),
                            "yz_leaf_type");
        out.leaves.push_back(
            LeafType{std::string(view(l.id)),
                     Text{std::string(view(l.label_zh)), std::string(view(l.label_en))},
                     readFields(l.config, l.config_count), static_cast<Scope>(l.scope)});
    }
    return out;
}

} // namespace yanzhen
