/// \file DemoNames.hpp
/// The names the demo district is made of: the real towns and streets of Jiangyuan District,
/// plausible community names, people's names drawn from common surnames and given-name
/// characters, and the places where training happens.
#pragma once

#include "demo/DemoRandom.hpp"

#include <set>
#include <string>
#include <vector>

namespace yanzhen::demo::plan {

/// A town (镇) or street (街道) and the communities the demo gives it.
struct StreetNames {
    std::string name;
    std::vector<std::string> communities;
};

/// Jiangyuan's 10 towns and streets (source-article.txt) with 31 communities among them.
/// Fixed: a different seed changes the people, not the map.
const std::vector<StreetNames>& districtStreets();

/// "第一网格" for 1, up to 第十二网格.
std::string gridName(int number);

/// Draws full names that are not yet in `taken` (and adds them): a surname weighted by how
/// common it is, then one or two given-name characters fit for `female` or not.
class NameDrawer {
public:
    std::string draw(DemoRandom& random, bool female);

private:
    std::set<std::string> taken_;
};

/// A plausible mainland mobile number, 11 digits.
std::string mobileNumber(DemoRandom& random);

/// Where sessions are held.
namespace places {
inline const char* const kHall = "江源区党群服务中心 多功能厅";
inline const char* const kOnline = "线上：江源区党员教育网络平台";
inline const char* const kExamRoom = "中共江源区委党校 第一考场";
inline const char* const kInterviewRoom = "中共江源区委党校 面试室";
/// A community's service hall, where the drills are run with real counters and residents.
std::string communityHall(const std::string& community);
} // namespace places

/// What continuing education is made of, for the activity field of ce_hours rows.
const std::vector<std::string>& continuingEducationActivities();

} // namespace yanzhen::demo::plan
