/// \file yanzhen/config_rules.hpp
/// The rules every module configuration follows, written once so that every plugin reports the
/// same mistake in the same words: lists of declared items (`{id, title: {zh, en}, ...}`, ids
/// unique), lists of plain ids, and a leaf's references to what the module declared. Built on
/// the primitives of config.hpp (lookup, rejectUnknownKeys, requireKey, expectMap, Config::text).
/// Each function reports every problem it finds to `diags`, at its path, in Chinese and English.
#pragma once

#include <yanzhen/config.hpp>
#include <yanzhen/text.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yanzhen {

/// lookup() of an id the module must have declared: the index of `id` in `declared`, or
/// nothing after reporting "no <noun> 'id' is declared in the module" (with "did you mean").
inline std::optional<std::size_t> lookupDeclared(const Config& at, const std::string& id,
                                                 const std::vector<std::string>& declared,
                                                 const Text& noun, Diagnostics& diags) {
    const Text what{"模块中没有声明" + noun.zh + "“" + id + "”",
                    "no " + noun.en + " '" + id + "' is declared in the module"};
    return lookup(at, id, declared, what, diags);
}

/// Adds `id` to `seen` and is true; when `seen` has it already, reports "duplicate <noun> 'id'"
/// at `at` instead and is false. For ids written in a plain list, once each.
inline bool addUnique(const Config& at, const std::string& id, const Text& noun,
                      std::vector<std::string>& seen, Diagnostics& diags) {
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        diags.error(at.path(),
                    Text{noun.zh + "“" + id + "”重复", "duplicate " + noun.en + " '" + id + "'"});
        return false;
    }
    seen.push_back(id);
    return true;
}

/// True when `list` is a list with at least one entry; otherwise reports "expected a non-empty
/// list of <items>" (`items` in the plural: {"单元", "units"}) and is false. For the lists a
/// module must declare something in.
inline bool requireNonEmptyList(const Config& list, const Text& items, Diagnostics& diags) {
    if (list.isList() && list.size() > 0) return true;
    list.expected(diags, "非空的" + items.zh + "列表", "a non-empty list of " + items.en);
    return false;
}

namespace detail {
/// The ids of a list of ids, each a text value and listed once, as (id, index in `declared`);
/// any id when `declared` is null. An empty list is reported as "list at least one <noun>".
inline std::vector<std::pair<std::string, std::size_t>>
listedIds(const Config& list, const std::vector<std::string>* declared, const Text& noun,
          Diagnostics& diags) {
    std::vector<std::pair<std::string, std::size_t>> out;
    std::vector<std::string> seen;
    for (std::size_t i = 0; list.isList() && i < list.size(); ++i) {
        const Config at = list.at(i);
        const auto id = at.string(diags);
        const auto index = !id ? std::nullopt
                           : declared != nullptr
                               ? lookupDeclared(at, *id, *declared, noun, diags)
                               : std::optional<std::size_t>(out.size()); // its place
        if (index && addUnique(at, *id, noun, seen, diags)) out.emplace_back(*id, *index);
    }
    if (list.isList() && list.size() == 0)
        diags.error(list.path(), Text{"至少列出一个" + noun.zh, "list at least one " + noun.en});
    return out;
}
} // namespace detail

/// The ids written in the list `list` (`levels: [a, b]`), in order: each a text value, none
/// twice ("duplicate <noun> 'x'"), at least one ("list at least one <noun>"). An absent list
/// gives nothing and is not reported: whether it may be absent is the caller's to say.
inline std::vector<std::string> readIds(const Config& list, const Text& noun, Diagnostics& diags) {
    std::vector<std::string> out;
    for (auto& [id, index] : detail::listedIds(list, nullptr, noun, diags))
        out.push_back(std::move(id));
    return out;
}

/// A leaf's references to what the module declared (`units: [policy, law]`), as indices into
/// `declared`, in the order written. As readIds(), and an id not in `declared` is reported as
/// "no <noun> 'x' is declared in the module" (with "did you mean").
inline std::vector<std::size_t> resolveIds(const Config& list,
                                           const std::vector<std::string>& declared,
                                           const Text& noun, Diagnostics& diags) {
    std::vector<std::size_t> out;
    for (const auto& [id, index] : detail::listedIds(list, &declared, noun, diags))
        out.push_back(index);
    return out;
}

/// Walks a list of items written `{id, title: {zh, en}, <keys>...}`. Each item must be a map
/// (expectMap()) of `id`, `title` and `keys` only; `id` and `title` are required, and an id
/// already declared in the list is reported as "duplicate <noun> id 'x'; already declared at
/// <path>". Calls read(item, id, title) for every map, with nothing for an id or a title that
/// is missing or wrong, so that the caller still checks the item's other keys. Does nothing for
/// anything but a list: whether the list must be there, and be non-empty, is the caller's.
template <class Read>
void forEachItem(const Config& list, const std::vector<std::string>& keys, const Text& noun,
                 Diagnostics& diags, Read&& read) {
    std::vector<std::string> allowed{"id", "title"};
    allowed.insert(allowed.end(), keys.begin(), keys.end());
    std::vector<std::pair<std::string, std::string>>
        seen; // (id, the path of the item that declared it)
    for (std::size_t i = 0; list.isList() && i < list.size(); ++i) {
        const Config item = list.at(i);
        if (!expectMap(item, allowed, diags)) continue;
        auto id = requireKey(item, "id", diags) ? item["id"].string(diags) : std::nullopt;
        const auto first = std::find_if(seen.begin(), seen.end(),
                                        [&](const auto& s) { return id && s.first == *id; });
        if (first != seen.end()) {
            diags.error(item["id"].path(), Text{"重复的" + noun.zh + " id“" + *id + "”，已在 " +
                                                    first->second + " 声明",
                                                "duplicate " + noun.en + " id '" + *id +
                                                    "'; already declared at " + first->second});
            id.reset();
        } else if (id) {
            seen.emplace_back(*id, item.path());
        }
        const auto title =
            requireKey(item, "title", diags) ? item["title"].text(diags) : std::nullopt;
        read(item, id, title);
    }
}

} // namespace yanzhen
