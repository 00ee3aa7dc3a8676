/// \file certification.hpp
/// What certification.cpp (configuration, the plugin), exam.cpp and credentials.cpp (the
/// leaves' evaluation) share. Private to this plugin.
#pragma once

#include <yanzhen/plugin.hpp>

#include <map>
#include <string>
#include <vector>

namespace certification {

/// A credential the module knows: its level and its title.
struct Credential {
    std::string id;
    std::string level;
    yanzhen::Text title;
};

/// The module's configuration: what leaves may refer to, and the titles sentences use.
struct Catalog {
    std::vector<std::string> levels; ///< low to high
    std::vector<std::pair<std::string, yanzhen::Text>> subjects;
    std::vector<Credential> credentials;
    std::vector<std::string> categories; ///< continuing-education categories; empty: any

    /// The rank of `level` among the levels (0 is the lowest), or -1 for an unknown level.
    int levelIndex(std::string_view level) const;
    /// The subject's title; its id in both languages for a subject the module does not declare.
    yanzhen::Text subjectTitle(std::string_view id) const;
    /// The credential's title; its id in both languages for one the module does not declare.
    yanzhen::Text credentialTitle(std::string_view id) const;
};

struct ExamLeaf {
    std::vector<std::string> subjects;
    std::int64_t window = 1; ///< consecutive sittings within which every subject must be passed
    double pass = 60;        ///< the pass mark where a row does not carry its own
};

struct HoldsLeaf {
    int level = 0; ///< index into Catalog::levels: this level or a higher one
    std::vector<std::string> credentials; ///< only these count; empty: any
};

struct CeHoursLeaf {
    double min = 0;
    std::string credential; ///< whose current validity period the hours are counted in
    std::map<std::string, double> caps;
    std::vector<std::string> categories; ///< only these count; empty: any
};

/// Evidence kinds and their fields, in declaration order.
constexpr std::uint32_t kExamResultKind = 0;
constexpr std::size_t kSittingField = 0;
constexpr std::size_t kScoreField = 1;
constexpr std::size_t kPassMarkField = 2;

constexpr std::uint32_t kCredentialKind = 1;
constexpr std::size_t kLevelField = 0;
constexpr std::size_t kValidFromField = 1;
constexpr std::size_t kValidUntilField = 2;
constexpr std::size_t kStatusField = 3;

constexpr std::uint32_t kCeHoursKind = 2;
constexpr std::size_t kHoursField = 0;

/// The leaves' evaluations for input.worker() on input.today(). Deterministic, thread-safe.
yanzhen::LeafResult evaluateExam(const Catalog& catalog, const ExamLeaf& leaf,
                                 const yanzhen::EvaluationInput& input);
yanzhen::LeafResult evaluateHolds(const Catalog& catalog, const HoldsLeaf& leaf,
                                  const yanzhen::EvaluationInput& input);
yanzhen::LeafResult evaluateCeHours(const Catalog& catalog, const CeHoursLeaf& leaf,
                                    const yanzhen::EvaluationInput& input);

} // namespace certification
