#include "DatabaseSetup.hpp"

#include "store/sqlite/CohortRepository.hpp"
#include "store/sqlite/PeopleRepository.hpp"

namespace yanzhen::services {

SetupReport prepareDatabase(store::WriteTransaction& tx, CourseVersions& versions,
                            const courses::CourseCatalog& catalog) {
    SetupReport report;
    store::CohortRepository cohorts(tx.session());
    for (const auto& course : catalog.courses()) {
        const bool known = cohorts.courseVersion(course->hash).has_value();
        versions.keep(tx, *course);
        report.versions.push_back(KeptVersion{course->id, course->version, course->hash, !known});
    }
    store::PeopleRepository people(tx.session());
    if (const auto root = people.orgUnitByCode(kDistrictCode)) {
        report.district = root->id;
        return report;
    }
    report.district = people.addOrgUnit(
        tx, store::OrgUnit{0, std::nullopt, "district", kDistrictCode, kDistrictName});
    report.districtCreated = true;
    return report;
}

} // namespace yanzhen::services
