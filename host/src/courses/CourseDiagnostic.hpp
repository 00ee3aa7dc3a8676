/// \file CourseDiagnostic.hpp
/// One problem in a course file, where it is and what was expected.
#pragma once

#include <yanzhen/text.hpp>

#include <string>

namespace yanzhen::courses {

struct CourseDiagnostic {
    std::string file;
    int line = 0;   ///< 1-based
    int column = 0; ///< 1-based
    bool error = true;
    Text message;

    /// "file:line:column: error: message", as compilers write it, so editors can jump to it.
    std::string format(std::string_view lang) const {
        const bool zh = lang.substr(0, 2) == "zh";
        const std::string severity = error ? (zh ? "错误" : "error") : (zh ? "警告" : "warning");
        return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + severity +
               ": " + message.in(lang);
    }
};

} // namespace yanzhen::courses
