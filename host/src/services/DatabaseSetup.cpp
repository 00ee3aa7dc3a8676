#include "DatabaseSetup.hpp"

#include "services/credentials/CredentialEvidence.hpp"

#include <set>

namespace yanzhen::services {

SetupReport prepareDatabase(store::WriteUnit& unit, CourseVersions& versions,
                            const courses::CourseCatalog& catalog) {
    SetupReport report;
    for (const auto& course : catalog.courses()) {
        const bool known = unit.cohorts().courseVersion(course->hash).has_value();
        versions.keep(unit, *course);
        report.versions.push_back(KeptVersion{course->id, course->version, course->hash, !known});
    }
    if (const auto root = unit.people().orgUnitByCode(kDistrictCode)) {
        report.district = root->id;
    } else {
        report.district = unit.people().addOrgUnit(
            store::OrgUnit{0, std::nullopt, "district", kDistrictCode, kDistrictName});
        report.districtCreated = true;
    }
    std::set<store::Id> holders;
    for (const auto& c : unit.credentials().list(store::CredentialQuery{}))
        holders.insert(c.personId);
    const auto courseOf = [&](const std::string& hash) -> std::shared_ptr<const courses::Course> {
        try {
            return versions.get(hash);
        } catch (const std::exception&) {
            return nullptr;
        }
    };
    for (const store::Id person : holders)
        report.credentialRecords += recordMissingCredentialEvidence(unit, person, courseOf);
    return report;
}

} // namespace yanzhen::services
