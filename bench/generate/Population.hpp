/// \file Population.hpp
/// The synthetic people and evidence of a benchmark scale, drawn deterministically: person i
/// depends only on the seed and i, so a seed and a scale always give the same data, whatever
/// order it is written in. Fields are written as the store keeps them (canonical JSON, keys in
/// name order) and as an evidence CSV carries them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yanzhen::bench {

/// splitmix64: tiny, fast, and good enough for synthetic data.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [lo, hi].
    int between(int lo, int hi) {
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t state_;
};

/// A scale: how many people, and what share of them take each course this year.
struct Scale {
    std::string name;
    std::size_t people = 0;   ///< workers (ids 1..people); trainers come after them
    double touyanShare = 0;   ///< enrolled in a touyan-linghang cohort this year
    double nationalShare = 0; ///< enrolled in a national-social-worker cohort (exam takers)
    double holderShare = 0;   ///< hold the national assistant certificate (with CE hours)
    std::size_t peoplePerDistrict = 10000;
    bool examDay = false; ///< people only; the exam results go to a CSV
};

/// The scales `generate` knows: district, province, examday (and tiny, for tests).
Scale scaleNamed(const std::string& name);

/// Which course of the two a row or cohort belongs to.
enum class CourseKind { Touyan, National };

/// One person as drawn.
struct PersonDraw {
    std::int64_t id = 0;
    std::string code; ///< staff number, e.g. P0000042
    std::string name;
    const char* gender = "f";
    std::string birthDate;
    const char* education = "";
    std::string phone;
    bool touyan = false;    ///< enrolled in a touyan-linghang cohort
    bool national = false;  ///< enrolled in a national-social-worker cohort
    bool holder = false;    ///< holds the national assistant certificate
    bool juniorExam = true; ///< exam day: sits the junior (2 subjects) or mid (3) exam
};

/// One evidence row: where it belongs, and its fields twice (as stored, as a CSV has them).
struct EvidenceDraw {
    std::int64_t person = 0;
    const char* course = nullptr; ///< nullptr: a personal record
    const char* module = "";
    const char* kind = "";
    std::string ref;
    std::int32_t day = 0;
    std::string json; ///< canonical fields, as the store keeps them
    /// CSV cells, in the order of evidenceCsvHeader()'s field columns (empty: absent).
    std::vector<std::string> cells;
};

/// The CSV header of an evidence file, and how many of its columns are field columns.
const std::vector<std::string>& evidenceCsvHeader();
std::size_t evidenceFieldColumnsBegin();

class Population {
public:
    Population(Scale scale, std::uint64_t seed, std::int32_t today);

    const Scale& scale() const { return scale_; }
    std::int32_t today() const { return today_; }

    /// Person `index` (0-based; id index + 1).
    PersonDraw person(std::size_t index) const;

    /// The evidence of person `p` in their `touyanCohortStart` cohort (a start day) and their
    /// personal records, in the order recorded, dated before today.
    void evidence(const PersonDraw& p, std::int32_t touyanCohortStart,
                  std::vector<EvidenceDraw>& out) const;

    /// Exam day: person `p`'s results at this year's sitting (2 or 3 subjects).
    void examResults(const PersonDraw& p, std::vector<EvidenceDraw>& out) const;

    /// The start day of touyan cohort number `k` (cohorts of 40 in enrolment order), spread
    /// over the year before today so that most have finished and some are under way.
    std::int32_t touyanStart(std::size_t k) const;
    /// The start day of national cohort number `k`.
    std::int32_t nationalStart(std::size_t k) const;

private:
    Scale scale_;
    std::uint64_t seed_;
    std::int32_t today_;
};

} // namespace yanzhen::bench
