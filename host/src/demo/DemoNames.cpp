#include "demo/DemoNames.hpp"

#include <utility>

namespace yanzhen::demo::plan {

namespace {

// The commonest surnames with rough weights (per mille of the population, rounded; the
// national figures, with 于, 孙, 高, 姜 a little higher in the Northeast).
const std::vector<std::pair<const char*, int>> kSurnames{
    {"王", 72}, {"李", 70}, {"张", 68}, {"刘", 54}, {"陈", 45}, {"杨", 32}, {"赵", 26}, {"黄", 22},
    {"周", 21}, {"吴", 20}, {"徐", 17}, {"孙", 18}, {"胡", 13}, {"朱", 12}, {"高", 14}, {"林", 10},
    {"何", 10}, {"郭", 10}, {"马", 10}, {"罗", 7},  {"梁", 7},  {"宋", 7},  {"郑", 6},  {"谢", 6},
    {"韩", 7},  {"唐", 5},  {"冯", 5},  {"于", 9},  {"董", 5},  {"萧", 2},  {"程", 4},  {"曹", 4},
    {"袁", 4},  {"邓", 4},  {"许", 4},  {"傅", 3},  {"沈", 3},  {"曾", 3},  {"彭", 3},  {"吕", 3},
    {"苏", 3},  {"卢", 3},  {"蒋", 3},  {"蔡", 3},  {"贾", 3},  {"丁", 3},  {"魏", 3},  {"薛", 3},
    {"叶", 3},  {"阎", 2},  {"潘", 2},  {"杜", 2},  {"戴", 2},  {"夏", 2},  {"姜", 4},  {"田", 3},
    {"任", 2},  {"范", 2},  {"方", 2},  {"石", 2},  {"姚", 2},  {"谭", 2},  {"崔", 3},  {"康", 2},
    {"毛", 1},  {"秦", 2},  {"史", 2},  {"侯", 2},  {"邵", 2},  {"孟", 3},  {"白", 2},  {"常", 2},
    {"武", 2},  {"乔", 1},  {"尹", 2},  {"金", 3},  {"付", 2},  {"隋", 1},  {"关", 2},  {"初", 1},
};

const std::vector<std::string> kFemale{
    "丽", "娜", "静", "敏", "燕", "艳", "颖", "婷", "雪", "霞", "玲", "慧", "佳", "欣", "悦", "琳",
    "洁", "雯", "倩", "晶", "莉", "红", "芳", "媛", "璐", "蕾", "琪", "萍", "秀", "婉", "思", "梦",
    "雨", "晓", "春", "月", "兰", "萌", "菲", "瑶", "妍", "蓉", "丹", "爽", "楠", "鑫", "宁", "琦",
};

const std::vector<std::string> kMale{
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "阳", "博", "东", "峰",
    "亮", "成", "新", "志", "建", "国", "海", "振", "晨", "松", "岩", "宏", "庆", "春", "爽", "立",
};

const std::vector<std::string> kMobilePrefixes{
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "155", "156", "157", "158", "159", "176", "177", "186", "187", "188", "189"};

std::string surname(DemoRandom& random) {
    int total = 0;
    for (const auto& s : kSurnames)
        total += s.second;
    int at = random.between(0, total - 1);
    for (const auto& s : kSurnames) {
        if (at < s.second) return s.first;
        at -= s.second;
    }
    return kSurnames.front().first;
}

} // namespace

const std::vector<StreetNames>& districtStreets() {
    // The four streets and six towns are real (source-article.txt names 孙家堡子街道 and its
    // 新世社区, and 富源社区); how the 31 communities spread over them is the demo's guess.
    static const std::vector<StreetNames> all{
        {"孙家堡子街道", {"新世社区", "富源社区", "东兴社区", "向阳社区", "孙家堡子社区"}},
        {"城墙街道", {"城墙社区", "新建社区", "和平社区", "民主社区"}},
        {"江源街道", {"江源社区", "幸福社区", "光明社区", "胜利社区"}},
        {"正岔街道", {"正岔社区", "团结社区", "长青社区"}},
        {"湾沟镇", {"湾沟社区", "矿山社区", "松山社区"}},
        {"松树镇", {"松树社区", "兴隆社区", "站前社区"}},
        {"砟子镇", {"砟子社区", "红旗社区", "河滨社区"}},
        {"大石人镇", {"大石人社区", "福林社区"}},
        {"大阳岔镇", {"大阳岔社区", "安居社区"}},
        {"石人镇", {"石人社区", "惠民社区"}},
    };
    return all;
}

std::string gridName(int number) {
    static const char* const kNumerals[] = {"一", "二", "三", "四", "五",   "六",
                                            "七", "八", "九", "十", "十一", "十二"};
    if (number < 1 || number > 12) return "第" + std::to_string(number) + "网格";
    return std::string("第") + kNumerals[number - 1] + "网格";
}

std::string NameDrawer::draw(DemoRandom& random, bool female) {
    const auto& pool = female ? kFemale : kMale;
    std::string name;
    // A few tries for a name nobody has; a district of 400 rarely needs a second one.
    for (int attempt = 0; attempt < 50; ++attempt) {
        name = surname(random) + random.pick(pool);
        if (random.chance(0.72)) name += random.pick(pool);
        if (taken_.insert(name).second) return name;
    }
    return name; // a namesake, as happens in real life
}

std::string mobileNumber(DemoRandom& random) {
    std::string number = random.pick(kMobilePrefixes);
    while (number.size() < 11)
        number += static_cast<char>('0' + random.below(10));
    return number;
}

std::string places::communityHall(const std::string& community) {
    return community + "党群服务中心 一站式服务大厅";
}

const std::vector<std::string>& continuingEducationActivities() {
    static const std::vector<std::string> all{
        "吉林省社会工作者继续教育网络培训",
        "白山市社会工作实务能力提升班",
        "江源区社区工作者轮训",
        "社会工作伦理与督导专题讲座",
        "全省社会工作学术年会",
        "老年人与残障人士服务专题培训",
        "儿童保护与家庭社会工作培训",
    };
    return all;
}

} // namespace yanzhen::demo::plan
