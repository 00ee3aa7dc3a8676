/// \file Course.hpp
/// A loaded course: what a course file declares, with each module configured in its plugin and
/// each requirement leaf compiled. Immutable once loaded and shared by everyone who reads it.
#pragma once

#include "plugins/ModuleInstance.hpp"
#include "rules/Requirement.hpp"

#include <yanzhen/text.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace yanzhen::courses {

/// One module of the five-in-one scheme (or an integrator's), run by one plugin.
struct CourseModule {
    std::string id;
    std::string pluginId;
    Text title;
    std::shared_ptr<plugins::ModuleInstance> instance;
};

/// A kind of session trainers schedule: the opening ceremony, a theory unit, a drill.
struct SessionTemplate {
    std::string id;
    std::string module; ///< a CourseModule id
    Text title;
    int minutes = 0; ///< planned length
    std::string ref; ///< what evidence recorded at such a session is about (default: id)
};

struct Validity {
    int years = 0;
    int months = 0;
    int days = 0;
    bool forever() const { return years == 0 && months == 0 && days == 0; }
};

/// A credential the course awards when a requirement set is met, and how it stays valid.
struct CredentialPolicy {
    std::string id;
    Text title;
    std::string level;
    Text issuer;
    std::string when;          ///< the requirement set that earns it
    Validity validity;         ///< how long it is valid; forever when all zero
    int renewalWindowDays = 0; ///< renewal opens this many days before expiry
    std::string renewalSet;    ///< the requirement set renewal needs (may be empty)
    int graceDays = 0;         ///< still usable this many days after expiry, flagged
};

struct CohortDefaults {
    int capacity = 0; ///< seats per session; 0: unlimited
    int weeks = 0;    ///< planned length of a cohort
};

struct Course {
    std::string id;
    std::string version; ///< as the file says, e.g. "2025.1"
    Text title;
    Text issuer;
    std::string hash;   ///< SHA-256 of the file's bytes: the stored version's identity
    std::string source; ///< the file's bytes, kept so that the version can be stored whole
    std::filesystem::path file;
    std::vector<CourseModule> modules;
    std::vector<SessionTemplate> templates;
    CohortDefaults cohortDefaults;
    rules::RequirementSets requirements;
    std::vector<rules::LeafBinding> leaves; ///< every compiled leaf, by LeafBinding::index
    std::vector<CredentialPolicy> credentials;

    /// The first 12 hex digits of the hash: enough to tell versions apart in a listing.
    std::string shortHash() const { return hash.substr(0, 12); }
    const CourseModule* module(std::string_view moduleId) const {
        for (const auto& m : modules)
            if (m.id == moduleId) return &m;
        return nullptr;
    }
};

} // namespace yanzhen::courses
