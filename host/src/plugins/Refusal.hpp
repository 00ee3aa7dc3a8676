/// \file Refusal.hpp
/// Why a plugin was not loaded: one line naming the file, what was found and what was expected.
#pragma once

#include <yanzhen/text.hpp>

#include <filesystem>
#include <string>

namespace yanzhen::plugins {

struct Refusal {
    std::filesystem::path file;
    std::string id; ///< empty when the refusal came before the id was known
    Text reason;

    /// "plugin 'id' (file): reason" in `lang`, the line a person reads.
    std::string line(std::string_view lang) const {
        const bool zh = lang.substr(0, 2) == "zh";
        const std::string f = file.string();
        if (zh)
            return (id.empty() ? "插件 " + f : "插件“" + id + "”（" + f + "）") + "：" +
                   reason.in(lang);
        return (id.empty() ? "plugin " + f : "plugin '" + id + "' (" + f + ")") + ": " +
               reason.in(lang);
    }
};

} // namespace yanzhen::plugins
