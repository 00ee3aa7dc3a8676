/// \file DatabaseSetup.hpp
/// What `yanzhen init` does to any database, demo or not: every course of the catalog kept as a
/// course version (so that cohorts can be pinned to it), and the district's root org unit.
#pragma once

#include "services/progress/CourseVersions.hpp"

#include "courses/CourseCatalog.hpp"
#include "store/Records.hpp"
#include "store/Store.hpp"

#include <string>
#include <vector>

namespace yanzhen::services {

/// The district root every org unit hangs under.
inline const char* const kDistrictCode = "JY";
inline const char* const kDistrictName = "江源区";

struct KeptVersion {
    std::string courseId;
    std::string version;
    std::string hash;
    bool added = false; ///< false: the database had it already
};

struct SetupReport {
    std::vector<KeptVersion> versions;
    store::Id district = 0;
    bool districtCreated = false;
    /// Credential records written for certificates issued before certificates were recorded as
    /// evidence (services/credentials/CredentialEvidence.hpp).
    std::size_t credentialRecords = 0;
};

/// In `unit`: keeps every course of `catalog` through `versions`, creates the district root
/// (kDistrictCode, kDistrictName) unless a unit with that code exists, and records as evidence
/// any certificate that is not yet (one issued by an older Yanzhen). Running it again changes
/// nothing. Throws store::StoreError from the store.
SetupReport prepareDatabase(store::WriteUnit& unit, CourseVersions& versions,
                            const courses::CourseCatalog& catalog);

} // namespace yanzhen::services
