#include "DatabaseSetup.hpp"

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
        return report;
    }
    report.district = unit.people().addOrgUnit(
        store::OrgUnit{0, std::nullopt, "district", kDistrictCode, kDistrictName});
    report.districtCreated = true;
    return report;
}

} // namespace yanzhen::services
