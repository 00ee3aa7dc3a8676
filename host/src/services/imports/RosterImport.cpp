#include "services/imports/RosterImport.hpp"

#include "services/imports/Csv.hpp"
#include "services/imports/ImportRun.hpp"

#include <yanzhen/date.hpp>

#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace yanzhen::services {

namespace {

constexpr std::size_t kProgressEvery = 256;

const std::vector<std::string> kColumns{"code",  "name",      "gender",  "birth_date",
                                        "phone", "education", "street",  "community",
                                        "grid",  "posts",     "district"};
const std::vector<std::string> kPosts{"social_worker", "committee_member", "governance_officer",
                                      "party_affairs", "trainer"};
const char* const kDefaultDistrict = "江源区";

/// The org units a roster needs: those in the database, and those it will create, in order
/// (a parent before its children), with their codes.
class OrgPlan {
public:
    explicit OrgPlan(const std::vector<store::OrgUnit>& existing) {
        std::unordered_map<store::Id, std::size_t> index;
        for (const auto& u : existing)
            index.emplace(u.id, index.size());
        for (const auto& u : existing) {
            const int parent =
                u.parentId && index.count(*u.parentId) ? static_cast<int>(index[*u.parentId]) : -1;
            units_.push_back(Planned{u, parent});
            byKey_.try_emplace(Key{u.kind, u.name, parent}, units_.size() - 1);
            codes_.insert(u.code);
            ++children_[{parent, u.kind}];
        }
    }

    /// The district root: the one named `name`, or (no name) the database's first, or a new one.
    std::size_t district(const std::string& name) {
        if (name.empty()) {
            if (defaultDistrict_) return *defaultDistrict_;
            for (std::size_t i = 0; i < units_.size(); ++i)
                if (units_[i].unit.kind == "district" && units_[i].parent < 0)
                    return *(defaultDistrict_ = i);
        }
        const std::string wanted = name.empty() ? kDefaultDistrict : name;
        if (const auto it = byKey_.find(Key{"district", wanted, -1}); it != byKey_.end())
            return it->second;
        std::string code = "district";
        for (int n = 2; codes_.count(code) > 0; ++n)
            code = numbered("D", n);
        const std::size_t i = add("district", wanted, code, -1);
        if (name.empty()) defaultDistrict_ = i;
        return i;
    }

    /// The unit of `kind` called `name` under `parent`, planned when new.
    std::size_t unit(const std::string& kind, const std::string& name, std::size_t parent) {
        const int p = static_cast<int>(parent);
        if (const auto it = byKey_.find(Key{kind, name, p}); it != byKey_.end()) return it->second;
        const store::OrgUnit& up = units_[parent].unit;
        // Children of the default district are S01, S01-C03, ...; of any other unit, prefixed by
        // its code.
        const std::string prefix =
            up.kind == "district" && up.code == "district" ? "" : up.code + "-";
        const std::string letter = kind == "street" ? "S" : kind == "community" ? "C" : "G";
        std::string code;
        do
            code = prefix + numbered(letter, ++children_[{p, kind}]);
        while (codes_.count(code) > 0);
        return add(kind, name, code, p);
    }

    std::size_t created() const { return created_; }

    /// Adds the planned units; returns the id of every unit by index.
    std::vector<store::Id> write(store::WriteUnit& unit) {
        std::vector<store::Id> ids;
        for (auto& p : units_) {
            if (p.unit.id == 0) {
                if (p.parent >= 0) p.unit.parentId = ids[static_cast<std::size_t>(p.parent)];
                p.unit.id = unit.people().addOrgUnit(p.unit);
            }
            ids.push_back(p.unit.id);
        }
        return ids;
    }

private:
    using Key = std::tuple<std::string, std::string, int>; // kind, name, parent index
    struct Planned {
        store::OrgUnit unit; ///< id 0 until written
        int parent = -1;
    };

    static std::string numbered(const std::string& letter, int n) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%02d", n);
        return letter + digits;
    }
    std::size_t add(const std::string& kind, const std::string& name, const std::string& code,
                    int parent) {
        units_.push_back(Planned{store::OrgUnit{0, std::nullopt, kind, code, name}, parent});
        byKey_.emplace(Key{kind, name, parent}, units_.size() - 1);
        codes_.insert(code);
        ++created_;
        return units_.size() - 1;
    }

    std::vector<Planned> units_;
    std::map<Key, std::size_t> byKey_;
    std::set<std::string> codes_;
    std::map<std::pair<int, std::string>, int> children_; ///< (parent, kind) -> how many so far
    std::optional<std::size_t> defaultDistrict_;
    std::size_t created_ = 0;
};

struct PlannedPerson {
    store::Person person;
    std::optional<std::size_t> unit;
};

/// One roster row's cells by column name, trimmed; empty for a column the file lacks.
struct RowView {
    const CsvRecord& record;
    const std::map<std::string, int>& column;
    std::string get(const char* name) const {
        const auto it = column.find(name);
        return it == column.end() ? std::string()
                                  : trimmed(record.cells[static_cast<std::size_t>(it->second)]);
    }
};

/// A cell as services/text keeps its text (NFC, trimmed, no control or hidden characters, at
/// most 100 characters); what is wrong goes to `problems`, and "" comes back.
std::string cellText(const RowView& row, const char* column, std::vector<Text>& problems) {
    auto checked = validateText(row.get(column), TextRule{100, false, true});
    if (const auto* why = std::get_if<Text>(&checked)) {
        problems.push_back(Text{std::string(column) + " 列" + why->zh,
                                "the " + std::string(column) + " column " + why->en});
        return "";
    }
    return std::get<std::string>(std::move(checked));
}

/// Reads everything of a person but the staff number (which needs the file and the database)
/// from `row`; what is wrong goes to `problems`.
void readPerson(const RowView& row, store::Person& person, std::vector<Text>& problems) {
    auto get = [&](const char* name) { return cellText(row, name, problems); };
    const std::size_t known = problems.size();
    person.name = get("name");
    if (person.name.empty() && problems.size() == known) // not refused: missing
        problems.push_back(Text{"缺少姓名（name 列）", "no name (the name column)"});
    const std::string gender = get("gender");
    if (gender == "f" || gender == "女")
        person.gender = "f";
    else if (gender == "m" || gender == "男")
        person.gender = "m";
    else if (!gender.empty())
        problems.push_back(Text{"性别应为 f、m（或 女、男）或留空，实际是“" + gender + "”",
                                "gender must be f, m or empty, found '" + gender + "'"});
    person.birthDate = get("birth_date");
    if (!person.birthDate.empty() && !parseDay(person.birthDate))
        problems.push_back(Text{"出生日期应为 YYYY-MM-DD，实际是“" + person.birthDate + "”",
                                "birth_date must be YYYY-MM-DD, found '" + person.birthDate + "'"});
    person.phone = get("phone");
    person.education = get("education");
    std::set<std::string> seenPosts;
    const std::string posts = get("posts");
    std::string_view rest = posts;
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        const std::string post = trimmed(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        if (post.empty() || !seenPosts.insert(post).second) continue;
        if (std::find(kPosts.begin(), kPosts.end(), post) == kPosts.end())
            problems.push_back(withHintOrList(
                Text{"未知的岗位“" + post + "”", "unknown post '" + post + "'"}, post, kPosts));
        else
            person.posts.push_back(store::Post{post, std::nullopt, "", ""});
    }
    const std::string street = get("street");
    const std::string community = get("community");
    const std::string grid = get("grid");
    if (!grid.empty() && community.empty())
        problems.push_back(
            Text{"填写了网格但没有社区", "a grid needs its community (the community column)"});
    if (!community.empty() && street.empty())
        problems.push_back(
            Text{"填写了社区但没有街道", "a community needs its street (the street column)"});
}

} // namespace

ImportReport RosterImport::run(const std::filesystem::path& file, const ImportOptions& options) {
    ImportRun job(file);
    ImportReport& report = job.report();
    if (!job.opened()) return job.finish();
    // What the file is checked against: one snapshot, let go before the write.
    auto snapshot = store_.read();
    store::PeopleStore& people = snapshot->people();
    OrgPlan plan(people.orgUnits());
    std::vector<PlannedPerson> planned;
    try {
        CsvReader csv(job.in());
        std::map<std::string, int> column;
        for (std::size_t i = 0; i < csv.header().size(); ++i) {
            const std::string& name = csv.header()[i];
            if (std::find(kColumns.begin(), kColumns.end(), name) != kColumns.end())
                column[name] = static_cast<int>(i);
            else
                report.problems.push_back(RowProblem{
                    1,
                    withHintOrList(Text{"未知的列“" + name + "”", "unknown column '" + name + "'"},
                                   name, kColumns)});
        }
        for (const char* required : {"code", "name"})
            if (!column.count(required))
                report.problems.push_back(
                    RowProblem{1, Text{std::string("缺少列 ") + required,
                                       std::string("the column '") + required + "' is missing"}});
        if (!report.problems.empty()) return job.finish();
        std::unordered_map<std::string, std::uint64_t>
            lineOf; // staff number -> the line that has it
        job.readRecords(csv, options, kProgressEvery, [&](const CsvRecord& record) {
            const RowView row{record, column};
            std::vector<Text> problems;
            auto get = [&](const char* name) { return cellText(row, name, problems); };
            PlannedPerson p;
            store::Person& person = p.person;
            person.code = get("code");
            if (person.code.empty()) {
                problems.push_back(
                    Text{"缺少工号（code 列）", "no staff number (the code column)"});
            } else if (const auto [it, fresh] = lineOf.try_emplace(person.code, record.line);
                       !fresh) {
                problems.push_back(
                    Text{"工号 " + person.code + " 与第 " + std::to_string(it->second) + " 行重复",
                         "staff number " + person.code + " is also on line " +
                             std::to_string(it->second)});
            } else if (people.findByCode(person.code)) {
                problems.push_back(
                    Text{"工号 " + person.code + " 已在数据库中（导入只添加人员，不修改）",
                         "staff number " + person.code +
                             " is already in the database (imports add people; they do not update "
                             "them)"});
            }
            readPerson(row, person, problems);
            if (!problems.empty()) {
                report.problems.push_back(RowProblem{record.line, joinProblems(problems)});
                return;
            }
            if (const std::string street = get("street"); !street.empty()) {
                std::size_t unit = plan.unit("street", street, plan.district(get("district")));
                if (const std::string community = get("community"); !community.empty()) {
                    unit = plan.unit("community", community, unit);
                    if (const std::string grid = get("grid"); !grid.empty())
                        unit = plan.unit("grid", grid, unit);
                }
                p.unit = unit;
            }
            ++report.rows;
            if (report.problems.empty()) planned.push_back(std::move(p));
        });
    } catch (const CsvError& e) {
        report.problems.push_back(RowProblem{e.line, e.message});
    }
    report.workers = report.rows;
    report.orgUnitsCreated = plan.created();
    if (!report.problems.empty() || options.dryRun || planned.empty()) return job.finish();
    snapshot.reset();
    store_.write(options.actor, [&](store::WriteUnit& unit) {
        const auto ids = plan.write(unit);
        for (std::size_t i = 0; i < planned.size(); ++i) {
            auto& person = planned[i].person;
            if (planned[i].unit) person.orgUnitId = ids[*planned[i].unit];
            for (auto& post : person.posts)
                post.orgUnitId = person.orgUnitId;
            unit.people().add(person);
            if (options.progress && (i + 1) % kProgressEvery == 0)
                options.progress(ImportPhase::Writing, i + 1, planned.size());
        }
        if (options.progress)
            options.progress(ImportPhase::Writing, planned.size(), planned.size());
    });
    report.written = true;
    return job.finish();
}

} // namespace yanzhen::services
