#include "services/imports/EvidenceImport.hpp"

#include "services/evidence/EvidenceChecker.hpp"
#include "services/imports/Csv.hpp"
#include "services/imports/EvidenceHandoff.hpp"
#include "services/imports/ImportRun.hpp"

#include <exception>
#include <set>
#include <thread>
#include <unordered_set>

namespace yanzhen::services {

namespace {

// Report reading progress every this many records: often enough for a bar, rarely enough to
// cost nothing.
constexpr std::size_t kProgressEvery = 1024;

const std::vector<std::string> kStructural{"worker", "session", "course", "module",
                                           "ref",    "date",    "kind"};

/// Where each column of the file goes.
struct Columns {
    int worker = -1, session = -1, course = -1, module = -1, ref = -1, date = -1, kind = -1;
    std::vector<std::pair<std::size_t, std::string>> fields; ///< (column, field name)
};

/// Maps the header to columns; every problem with it goes to `problems` (as line 1).
Columns mapColumns(const std::vector<std::string>& header, const plugins::PluginRegistry& registry,
                   std::vector<Text>& problems) {
    Columns c;
    std::set<std::string> fieldNames;
    for (const auto& p : registry.plugins())
        for (const auto& k : p->info.kinds)
            for (const auto& f : k.fields)
                fieldNames.insert(f.name);
    std::vector<std::string> known(kStructural);
    known.insert(known.end(), fieldNames.begin(), fieldNames.end());
    int* slots[] = {&c.worker, &c.session, &c.course, &c.module, &c.ref, &c.date, &c.kind};
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto s = std::find(kStructural.begin(), kStructural.end(), header[i]);
        if (s != kStructural.end())
            *slots[s - kStructural.begin()] = static_cast<int>(i);
        else if (fieldNames.count(header[i]) > 0)
            c.fields.emplace_back(i, header[i]);
        else
            problems.push_back(withDidYouMean(
                Text{"未知的列“" + header[i] +
                         "”：既不是 "
                         "worker、session、course、module、ref、date、kind，也不是任何证据类型的字"
                         "段",
                     "unknown column '" + header[i] +
                         "': neither worker, session, course, module, ref, date, kind "
                         "nor a field of any evidence kind"},
                header[i], known));
    }
    auto require = [&](int column, const char* name, const char* why) {
        if (column < 0)
            problems.push_back(Text{std::string("缺少列 ") + name,
                                    std::string("the column '") + name + "' is missing" + why});
    };
    require(c.worker, "worker", "");
    require(c.kind, "kind", "");
    if (c.session < 0 || c.module >= 0 || c.ref >= 0 || c.date >= 0 || c.course >= 0) {
        // Rows placed by module, ref and date: all four columns (course empty on personal rows).
        const char* why = c.session < 0
                              ? " (give either a session column, or course, module, ref and date)"
                              : " (rows without a session need course, module, ref and date)";
        require(c.course, "course", why);
        require(c.module, "module", why);
        require(c.ref, "ref", why);
        require(c.date, "date", why);
    }
    return c;
}

std::string cell(const CsvRecord& r, int column) {
    return column < 0 ? std::string() : trimmed(r.cells[static_cast<std::size_t>(column)]);
}

} // namespace

ImportReport EvidenceImport::run(const std::filesystem::path& file, const ImportOptions& options) {
    ImportRun job(file);
    ImportReport& report = job.report();
    if (!job.opened()) return job.finish();
    std::unordered_set<store::Id> workers;

    // The rows are written while the rest of the file is still being checked, by a writer
    // thread in one transaction; the first bad row abandons it (rolled back: nothing is kept)
    // and the checking goes on, so that the report names every bad row. A dry run writes
    // nothing and starts no writer.
    EvidenceHandoff handoff;
    std::exception_ptr writeFailure;
    std::thread writer;
    if (!options.dryRun)
        writer = std::thread([&] {
            try {
                store_.write(options.actor, [&](store::WriteUnit& unit) {
                    unit.evidence().appendMany([&] { return handoff.next(); }, file.string());
                });
            } catch (const EvidenceHandoff::Abandoned&) { // a bad row: rolled back, as it must
            } catch (...) {
                writeFailure = std::current_exception();
                handoff.stop();
            }
        });
    try {
        CsvReader csv(job.in());
        std::vector<Text> headerProblems;
        const Columns columns = mapColumns(csv.header(), registry_, headerProblems);
        if (!headerProblems.empty()) {
            for (auto& p : headerProblems)
                report.problems.push_back(RowProblem{1, std::move(p)});
        } else {
            EvidenceChecker checker(store_, versions_, registry_);
            EvidenceInput input;
            job.readRecords(csv, options, kProgressEvery, [&](const CsvRecord& record) {
                input.worker = cell(record, columns.worker);
                input.session = cell(record, columns.session);
                input.course = cell(record, columns.course);
                input.module = cell(record, columns.module);
                input.ref = cell(record, columns.ref);
                input.date = cell(record, columns.date);
                input.kind = cell(record, columns.kind);
                input.fields.clear();
                for (const auto& [column, name] : columns.fields)
                    if (auto value = cell(record, static_cast<int>(column)); !value.empty())
                        input.fields.emplace(name, std::move(value));
                auto checked = checker.check(input);
                if (!checked.row) {
                    if (report.problems.empty()) handoff.abandon();
                    report.problems.push_back(
                        RowProblem{record.line, joinProblems(checked.problems)});
                    return;
                }
                ++report.rows;
                workers.insert(checked.row->personId);
                if (!options.dryRun && report.problems.empty())
                    handoff.put(std::move(*checked.row));
            });
        }
    } catch (const CsvError& e) {
        report.problems.push_back(RowProblem{e.line, e.message});
    } catch (...) { // the database failed under the checker: the writer must not commit
        handoff.abandon();
        if (writer.joinable()) writer.join();
        throw;
    }
    report.workers = workers.size();
    if (report.problems.empty())
        handoff.close();
    else
        handoff.abandon();
    if (writer.joinable()) writer.join();
    if (writeFailure) std::rethrow_exception(writeFailure);
    if (!report.problems.empty() || options.dryRun || report.rows == 0) return job.finish();
    if (options.progress) options.progress(ImportPhase::Writing, report.rows, report.rows);
    report.written = true;
    return job.finish();
}

} // namespace yanzhen::services
