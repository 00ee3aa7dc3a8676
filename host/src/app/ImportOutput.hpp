/// \file ImportOutput.hpp
/// What the import commands (workers import, evidence import) show a person: a progress bar
/// on a terminal while the file is read and the rows are written, then either every bad row
/// (the first 100, and how many more) or one summary line.
#pragma once

#include "Command.hpp"
#include "ProgressBar.hpp"

#include "services/imports/ImportReport.hpp"

#include <string>

namespace yanzhen::app {

/// How many bad rows are printed; the rest are counted.
constexpr std::size_t kProblemsShown = 100;

/// A progress bar on the context's error stream when it is a terminal.
bool progressWanted(const CommandContext& ctx);

/// The import's progress callback drawing on `bar`: "reading" (bytes), then "writing" (rows).
services::ImportProgress drawOn(ProgressBar& bar, const CommandContext& ctx);

/// Prints the outcome of an import of `file` and returns the exit code: the bad rows on err as
/// "line N: ..." and 1, or the summary line on out (rows, distinct workers, seconds, rows per
/// second; org units for a roster) and 0.
int reportImport(CommandContext& ctx, const std::string& file, const services::ImportReport& report,
                 bool dryRun, bool roster);

} // namespace yanzhen::app
