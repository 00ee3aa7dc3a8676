/// \file ImportReport.hpp
/// What the imports (roster, evidence) share: their options, how they report progress, and
/// what they report at the end. Lines are physical lines of the file, the header being line 1;
/// a record spanning several lines (a quoted cell with a line break) is named by its first.
#pragma once

#include <yanzhen/text.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One bad row and everything wrong with it.
struct RowProblem {
    std::uint64_t line = 0;
    Text message; ///< without the line; several problems of one row joined by "; "
};

enum class ImportPhase { Reading, Writing };

/// Called now and then while an import runs: bytes of the file read (Reading), then rows
/// written (Writing), each out of its total.
using ImportProgress =
    std::function<void(ImportPhase phase, std::uint64_t done, std::uint64_t total)>;

struct ImportOptions {
    bool dryRun = false; ///< check every row, write nothing
    std::string actor;   ///< who the audit log records
    ImportProgress progress;
};

struct ImportReport {
    std::size_t rows = 0;            ///< good rows: written, or that would be on a dry run
    std::size_t workers = 0;         ///< distinct people among them
    std::size_t orgUnitsCreated = 0; ///< roster: org units created (or that would be)
    std::vector<RowProblem>
        problems; ///< every bad row in file order; when any, nothing was written
    bool written = false;
    double seconds = 0; ///< from opening the file to the commit

    bool ok() const { return problems.empty(); }
};

/// Joins the problems of one row into one message: "a; b" / "a；b".
inline Text joinProblems(const std::vector<Text>& problems) {
    Text out;
    for (const auto& p : problems) {
        out.zh += (out.zh.empty() ? "" : "；") + p.zh;
        out.en += (out.en.empty() ? "" : "; ") + p.en;
    }
    return out;
}

/// `message` followed by "; did you mean 'x'?" when an entry of `known` is close to `word`, else
/// by the list of them: " (one of a, b, c)" / "（可用：a、b、c）".
inline Text withHintOrList(Text message, std::string_view word,
                           const std::vector<std::string>& known) {
    if (!closestMatch(word, known).empty() || known.empty())
        return withDidYouMean(std::move(message), word, known);
    std::string zh;
    std::string en;
    for (const auto& k : known) {
        zh += (zh.empty() ? "" : "、") + k;
        en += (en.empty() ? "" : ", ") + k;
    }
    message.zh += "（可用：" + zh + "）";
    message.en += " (one of " + en + ")";
    return message;
}

} // namespace yanzhen::services
