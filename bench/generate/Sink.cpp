// The bulk load. The database comes from the store (its migrations, its course versions);
// this file only fills tables, as fast as SQLite goes: one transaction, prepared statements,
// no journal while loading (a failed load is thrown away whole, so there is nothing to roll
// back to), WAL again at the end as the store expects.

#include "Sink.hpp"

#include <yanzhen/date.hpp>

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <vector>

namespace yanzhen::bench {

namespace {

constexpr std::size_t kCohortSize = 40;
constexpr int kStreets = 8;
constexpr int kCommunities = 6; // per street
const char* const kCreatedAt = "2026-01-01T00:00:00Z";
const char* const kPosts[] = {"social_worker", "social_worker", "social_worker", "committee_member",
                              "governance_officer"};

std::string numbered(const char* format, std::size_t n) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, n);
    return buffer;
}

struct Place {
    std::int64_t community = 0;
    std::string district;
    std::string street;
    std::string communityName;
};

} // namespace

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db) + ": " + sql);
}
Statement::~Statement() {
    sqlite3_finalize(st_);
}
Statement& Statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
}
void Statement::step() {
    if (sqlite3_step(st_) != SQLITE_DONE)
        throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(db_));
    sqlite3_reset(st_);
}

Sink::Sink(const std::filesystem::path& dbFile, const std::filesystem::path& dir, bool evidenceCsv,
           std::int64_t districtRoot, std::string touyanHash, std::string nationalHash)
    : dir_(dir), evidenceCsv_(evidenceCsv), districtRoot_(districtRoot),
      touyanHash_(std::move(touyanHash)), nationalHash_(std::move(nationalHash)) {
    if (sqlite3_open(dbFile.c_str(), &db_) != SQLITE_OK)
        throw std::runtime_error("cannot open " + dbFile.string());
}

Sink::~Sink() {
    sqlite3_close(db_);
}

void Sink::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error != nullptr ? error : "?";
        sqlite3_free(error);
        throw std::runtime_error(std::string(sql) + ": " + message);
    }
}

void Sink::csvRow(std::ofstream& out, const EvidenceDraw& row, const std::string& workerCode) {
    out << workerCode << ',' << (row.course != nullptr ? row.course : "") << ',' << row.module
        << ',' << row.ref << ',' << formatDay(row.day) << ',' << row.kind;
    for (const auto& cell : row.cells)
        out << ',' << cell;
    out << '\n';
}

SinkCounts Sink::fill(const Population& population) {
    const Scale& scale = population.scale();
    SinkCounts counts;

    // Who takes which course decides how many cohorts there are: count first.
    std::size_t touyanMembers = 0;
    std::size_t nationalMembers = 0;
    for (std::size_t i = 0; i < scale.people; ++i) {
        const auto p = population.person(i);
        touyanMembers += p.touyan ? 1 : 0;
        nationalMembers += p.national ? 1 : 0;
    }
    const std::size_t touyanCohorts = (touyanMembers + kCohortSize - 1) / kCohortSize;
    const std::size_t nationalCohorts = (nationalMembers + kCohortSize - 1) / kCohortSize;
    const std::size_t trainers =
        std::max<std::size_t>(1, (touyanCohorts + nationalCohorts + 3) / 4);
    const auto firstTrainer = static_cast<std::int64_t>(scale.people) + 1;

    exec("PRAGMA journal_mode=OFF");
    exec("PRAGMA synchronous=OFF");
    exec("PRAGMA cache_size=-262144");
    exec("BEGIN");

    // Org units: districts of peoplePerDistrict people, 8 streets of 6 communities each.
    Statement unit(db_, "INSERT INTO org_units(parent_id, kind, code, name) VALUES(?, ?, ?, ?)");
    const std::size_t districts =
        (scale.people + scale.peoplePerDistrict - 1) / scale.peoplePerDistrict;
    std::vector<Place> places;
    for (std::size_t d = 0; d < districts; ++d) {
        std::int64_t districtId = districtRoot_;
        std::string districtCode = "JY";
        std::string districtName = "江源区";
        if (d > 0) {
            districtCode = numbered("D%03zu", d + 1);
            districtName = numbered("第%03zu区", d + 1);
            unit.bindNull(1)
                .bind(2, std::string("district"))
                .bind(3, districtCode)
                .bind(4, districtName)
                .step();
            districtId = sqlite3_last_insert_rowid(db_);
        }
        for (int s = 1; s <= kStreets; ++s) {
            const std::string streetCode =
                districtCode + numbered("-S%02zu", static_cast<std::size_t>(s));
            const std::string streetName = numbered("第%02zu街道", static_cast<std::size_t>(s));
            unit.bind(1, districtId)
                .bind(2, std::string("street"))
                .bind(3, streetCode)
                .bind(4, streetName)
                .step();
            const std::int64_t streetId = sqlite3_last_insert_rowid(db_);
            for (int c = 1; c <= kCommunities; ++c) {
                const std::string name = numbered("第%02zu社区", static_cast<std::size_t>(c));
                unit.bind(1, streetId)
                    .bind(2, std::string("community"))
                    .bind(3, streetCode + numbered("-C%02zu", static_cast<std::size_t>(c)))
                    .bind(4, name)
                    .step();
                places.push_back(Place{sqlite3_last_insert_rowid(db_), d > 0 ? districtName : "",
                                       streetName, name});
            }
        }
    }

    // Cohorts: touyan-linghang first (ids 1..), then national-social-worker.
    Statement cohort(db_, "INSERT INTO cohorts(id, code, name, course_hash, starts_on, ends_on, "
                          "capacity) VALUES(?, ?, ?, ?, ?, ?, 40)");
    Statement cohortTrainer(db_, "INSERT INTO cohort_trainers(cohort_id, person_id) VALUES(?, ?)");
    std::vector<std::int32_t> starts;
    for (std::size_t k = 0; k < touyanCohorts + nationalCohorts; ++k) {
        const bool touyan = k < touyanCohorts;
        const std::size_t n = touyan ? k : k - touyanCohorts;
        const std::int32_t start = touyan ? population.touyanStart(n) : population.nationalStart(n);
        starts.push_back(start);
        const auto id = static_cast<std::int64_t>(k) + 1;
        cohort.bind(1, id)
            .bind(2, numbered(touyan ? "TY-%06zu" : "NSW-%06zu", n + 1))
            .bind(3, numbered(touyan ? "头雁领航 第%zu期" : "社工职业水平考前培训 第%zu期", n + 1))
            .bind(4, touyan ? touyanHash_ : nationalHash_)
            .bind(5, formatDay(start))
            .bind(6, formatDay(start + (touyan ? 55 : 160)))
            .step();
        cohortTrainer.bind(1, id)
            .bind(2, firstTrainer + static_cast<std::int64_t>(k % trainers))
            .step();
        ++counts.cohorts;
    }

    Statement person(db_, "INSERT INTO people(id, code, name, gender, birth_date, phone, education,"
                          " org_unit_id, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement post(db_, "INSERT INTO posts(person_id, kind, org_unit_id, started_on) "
                        "VALUES(?, ?, ?, '2020-01-01')");
    Statement enroll(db_, "INSERT INTO enrollments(cohort_id, person_id, enrolled_on) "
                          "VALUES(?, ?, ?)");
    Statement evidence(db_, "INSERT INTO evidence(person_id, course_id, module, kind, ref, day, "
                            "session_id, fields, recorded_at, recorded_by, supersedes, reason) "
                            "VALUES(?, ?, ?, ?, ?, ?, NULL, ?, ?, 'bench', NULL, NULL)");

    std::ofstream roster(dir_ / "roster.csv");
    roster << "code,name,gender,birth_date,phone,education,street,community,grid,posts,district\n";
    std::ofstream evidenceCsv;
    std::ofstream examCsv;
    auto header = [](std::ofstream& out) {
        const auto& h = evidenceCsvHeader();
        for (std::size_t i = 0; i < h.size(); ++i)
            out << (i > 0 ? "," : "") << h[i];
        out << '\n';
    };
    if (evidenceCsv_ && !scale.examDay) {
        evidenceCsv.open(dir_ / "evidence.csv");
        header(evidenceCsv);
    }
    if (scale.examDay) {
        examCsv.open(dir_ / "exam-results.csv");
        header(examCsv);
    }

    auto addPerson = [&](const PersonDraw& p, std::size_t index, const char* postKind) {
        const Place& place = places[(index / 40) % places.size()];
        person.bind(1, p.id)
            .bind(2, p.code)
            .bind(3, p.name)
            .bind(4, std::string(p.gender))
            .bind(5, p.birthDate)
            .bind(6, p.phone)
            .bind(7, std::string(p.education))
            .bind(8, place.community)
            .bind(9, std::string(kCreatedAt))
            .step();
        post.bind(1, p.id).bind(2, std::string(postKind)).bind(3, place.community).step();
        roster << p.code << ',' << p.name << ',' << p.gender << ',' << p.birthDate << ',' << p.phone
               << ',' << p.education << ',' << place.street << ',' << place.communityName << ",,"
               << postKind << ',' << place.district << '\n';
        ++counts.people;
    };

    std::size_t touyanSeen = 0;
    std::size_t nationalSeen = 0;
    std::vector<EvidenceDraw> rows;
    for (std::size_t i = 0; i < scale.people; ++i) {
        const auto p = population.person(i);
        addPerson(p, i, kPosts[i % 5]);
        rows.clear();
        if (scale.examDay) {
            population.examResults(p, rows);
            for (const auto& r : rows)
                csvRow(examCsv, r, p.code);
            counts.examResults += rows.size();
            continue;
        }
        std::int32_t touyanStart = 0;
        if (p.touyan) {
            const std::size_t k = touyanSeen++ / kCohortSize;
            touyanStart = starts[k];
            enroll.bind(1, static_cast<std::int64_t>(k) + 1)
                .bind(2, p.id)
                .bind(3, formatDay(touyanStart - 7))
                .step();
            ++counts.enrollments;
        }
        if (p.national) {
            const std::size_t k = touyanCohorts + nationalSeen++ / kCohortSize;
            enroll.bind(1, static_cast<std::int64_t>(k) + 1)
                .bind(2, p.id)
                .bind(3, formatDay(starts[k] - 7))
                .step();
            ++counts.enrollments;
        }
        population.evidence(p, touyanStart, rows);
        for (const auto& r : rows) {
            evidence.bind(1, p.id);
            if (r.course != nullptr)
                evidence.bind(2, std::string(r.course));
            else
                evidence.bindNull(2);
            evidence.bind(3, std::string(r.module))
                .bind(4, std::string(r.kind))
                .bind(5, r.ref)
                .bind(6, static_cast<std::int64_t>(r.day))
                .bind(7, r.json)
                .bind(8, formatDay(r.day) + "T10:00:00Z")
                .step();
            if (evidenceCsv.is_open()) csvRow(evidenceCsv, r, p.code);
        }
        counts.evidence += rows.size();
        if ((i + 1) % 100000 == 0)
            std::cerr << "  " << (i + 1) << " people, " << counts.evidence << " evidence rows\n";
    }
    for (std::size_t t = 0; t < trainers; ++t) {
        auto p = population.person(scale.people + t);
        p.code = numbered("T%07zu", t + 1);
        addPerson(p, t * 40, "trainer");
    }
    exec("COMMIT");
    exec("PRAGMA journal_mode=WAL");
    if (!roster || (evidenceCsv.is_open() && !evidenceCsv) || (examCsv.is_open() && !examCsv))
        throw std::runtime_error("cannot write the CSV files in " + dir_.string());
    return counts;
}

} // namespace yanzhen::bench
