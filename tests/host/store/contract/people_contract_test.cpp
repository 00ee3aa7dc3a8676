// The people aggregate, against every backend: org units and people with their posts, looked up
// by id, code and either; the taken codes and the rows a person may not point at refused with
// the whole write; and the list a page of people comes from, with its filters and its count.

#include "ContractFixture.hpp"

using namespace yanzhen;
using namespace yanzhen::store;

namespace {

class PeopleContract : public contract::StoreContract {};

} // namespace

// Org units

TEST_P(PeopleContract, AddsAnOrgUnitChainAndReadsEveryFieldBack) {
    const auto chain = addOrgChain();
    auto r = read();
    const auto district = r->people().orgUnit(chain.district);
    ASSERT_TRUE(district);
    EXPECT_EQ(district->id, chain.district);
    EXPECT_FALSE(district->parentId);
    EXPECT_EQ(district->kind, "district");
    EXPECT_EQ(district->code, "JA");
    EXPECT_EQ(district->name, "江岸区");
    const auto grid = r->people().orgUnitByCode("JA-BBT-XF-02");
    ASSERT_TRUE(grid);
    EXPECT_EQ(grid->id, chain.grid);
    EXPECT_EQ(grid->parentId, chain.community);
    EXPECT_EQ(grid->kind, "grid");
    EXPECT_EQ(grid->name, "第二网格");
}

TEST_P(PeopleContract, ListsOrgUnitsById) {
    const auto chain = addOrgChain();
    // Added last, first by code or by name: the list is by id all the same.
    const Id hankou = write([&](WriteUnit& u) {
        return u.people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "HK", "汉口区"});
    });
    EXPECT_EQ(idsOf(read()->people().orgUnits()),
              (std::vector<Id>{chain.district, chain.street, chain.community, chain.grid, hankou}));
}

TEST_P(PeopleContract, UnknownOrgUnitsAreNotFound) {
    auto r = read();
    EXPECT_FALSE(r->people().orgUnit(1));
    EXPECT_FALSE(r->people().orgUnitByCode("JA"));
    EXPECT_TRUE(r->people().orgUnits().empty());
}

TEST_P(PeopleContract, ATakenOrgUnitCodeIsRefusedAndTheWriteRollsBack) {
    addOrgChain();
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "HK", "汉口区"});
                     u.people().addOrgUnit(OrgUnit{0, std::nullopt, "district", "JA", "又一个区"});
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->people().orgUnitByCode("HK"));
    EXPECT_EQ(r->people().orgUnitByCode("JA").value().name, "江岸区");
    EXPECT_EQ(r->people().orgUnits().size(), 4U);
}

TEST_P(PeopleContract, AnOrgUnitOfAnUnknownKindOrUnderAMissingParentIsRefused) {
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.people().addOrgUnit(OrgUnit{0, std::nullopt, "province", "HB", "湖北省"});
                 }),
                 StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.people().addOrgUnit(OrgUnit{0, Id{999}, "street", "JA-BBT", "百步亭街道"});
                 }),
                 StoreError);
    EXPECT_TRUE(read()->people().orgUnits().empty());
}

// People

TEST_P(PeopleContract, AddsAPersonAndReadsEveryFieldBack) {
    const auto chain = addOrgChain();
    Person in;
    in.code = "JY-0042";
    in.name = "张丽";
    in.gender = "f";
    in.birthDate = "1988-04-02";
    in.phone = "13871234567";
    in.education = "本科";
    in.orgUnitId = chain.community;
    in.posts = {Post{"social_worker", chain.community, "2024-03-01", ""},
                Post{"trainer", chain.street, "2019-09-01", "2023-12-31"}};
    const Id id = write([&](WriteUnit& u) { return u.people().add(in); });
    const auto out = read()->people().find(id);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->id, id);
    EXPECT_EQ(out->code, "JY-0042");
    EXPECT_EQ(out->name, "张丽");
    EXPECT_EQ(out->gender, "f");
    EXPECT_EQ(out->birthDate, "1988-04-02");
    EXPECT_EQ(out->phone, "13871234567");
    EXPECT_EQ(out->education, "本科");
    EXPECT_EQ(out->orgUnitId, chain.community);
    ASSERT_EQ(out->posts.size(), 2U); // in the order given
    EXPECT_EQ(out->posts[0].kind, "social_worker");
    EXPECT_EQ(out->posts[0].orgUnitId, chain.community);
    EXPECT_EQ(out->posts[0].startedOn, "2024-03-01");
    EXPECT_EQ(out->posts[0].endedOn, "");
    EXPECT_EQ(out->posts[1].kind, "trainer");
    EXPECT_EQ(out->posts[1].orgUnitId, chain.street);
    EXPECT_EQ(out->posts[1].startedOn, "2019-09-01");
    EXPECT_EQ(out->posts[1].endedOn, "2023-12-31");
}

TEST_P(PeopleContract, FindsAPersonByStaffNumber) {
    addPerson("JY-0001", "李娜");
    const Id id = addPerson("JY-0042", "张丽", "trainer");
    const auto found = read()->people().findByCode("JY-0042");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->name, "张丽");
    ASSERT_EQ(found->posts.size(), 1U);
    EXPECT_EQ(found->posts[0].kind, "trainer");
}

TEST_P(PeopleContract, AnEmptyGenderNoUnitAndNoPostsComeBackEmpty) {
    const Id id = write([&](WriteUnit& u) {
        Person p;
        p.code = "JY-0007";
        p.name = "欧阳晓燕";
        return u.people().add(p);
    });
    const auto out = read()->people().find(id);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->name, "欧阳晓燕");
    EXPECT_EQ(out->gender, "");
    EXPECT_EQ(out->birthDate, "");
    EXPECT_EQ(out->phone, "");
    EXPECT_FALSE(out->orgUnitId);
    EXPECT_TRUE(out->posts.empty());
}

TEST_P(PeopleContract, ResolvesAPersonByIdOrStaffNumber) {
    addPerson("JY-0001", "李娜");
    const Id id = addPerson("JY-0042", "张丽");
    auto r = read();
    const auto byId = r->people().resolve(std::to_string(id));
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->code, "JY-0042");
    const auto byCode = r->people().resolve("JY-0042");
    ASSERT_TRUE(byCode);
    EXPECT_EQ(byCode->id, id);
    EXPECT_EQ(byCode->posts.size(), 1U);
}

TEST_P(PeopleContract, ResolveFindsNothingForWhatIsNeitherAnIdNorAStaffNumber) {
    const Id id = addPerson("JY-0042", "张丽");
    auto r = read();
    EXPECT_FALSE(r->people().resolve("JY-9999"));
    EXPECT_FALSE(r->people().resolve("999"));
    EXPECT_FALSE(r->people().resolve(std::to_string(id) + "x"));
    EXPECT_FALSE(r->people().resolve("张丽"));
    EXPECT_FALSE(r->people().resolve(""));
}

TEST_P(PeopleContract, AStaffNumberThatLooksLikeAnIdWinsOverTheId) {
    const Id first = addPerson("JY-0001", "张丽");
    const Id second = addPerson(std::to_string(first), "李娜");
    const auto found = read()->people().resolve(std::to_string(first));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, second);
}

TEST_P(PeopleContract, ResolveIdNamesWhomResolveFindsInAReadAndInAWrite) {
    const Id first = addPerson("JY-0001", "张丽");
    const Id second = addPerson(std::to_string(first), "李娜"); // a staff number like an id
    const Id third = addPerson("JY-0042", "王芳");
    const std::vector<std::string> asked = {"JY-0042",
                                            std::to_string(third),
                                            std::to_string(first),
                                            "JY-0001",
                                            "JY-9999",
                                            "999",
                                            std::to_string(third) + "x",
                                            ""};
    auto r = read();
    for (const auto& what : asked) {
        const auto person = r->people().resolve(what);
        const std::optional<Id> expected = person ? std::optional<Id>(person->id) : std::nullopt;
        EXPECT_EQ(r->people().resolveId(what), expected) << "read: '" << what << "'";
        write([&](WriteUnit& u) {
            EXPECT_EQ(u.people().resolveId(what), expected) << "write: '" << what << "'";
        });
    }
    EXPECT_EQ(r->people().resolveId(std::to_string(first)), second);
    EXPECT_EQ(r->people().resolveId("JY-0001"), first);
}

TEST_P(PeopleContract, UnknownPeopleAreNotFound) {
    auto r = read();
    EXPECT_FALSE(r->people().find(1));
    EXPECT_FALSE(r->people().findByCode("JY-0001"));
    EXPECT_TRUE(r->people().list({}).empty());
    EXPECT_EQ(r->people().count({}), 0U);
}

TEST_P(PeopleContract, ATakenStaffNumberIsRefusedAndTheWholeWriteRollsBack) {
    addPerson("JY-0001", "张丽");
    const auto entries = auditCount();
    EXPECT_THROW(write([&](WriteUnit& u) {
                     u.people().add(newPerson("JY-0002", "王芳"));
                     u.people().add(newPerson("JY-0001", "李娜"));
                 }),
                 StoreError);
    auto r = read();
    EXPECT_FALSE(r->people().findByCode("JY-0002"));
    EXPECT_EQ(r->people().findByCode("JY-0001").value().name, "张丽");
    EXPECT_EQ(r->people().count({}), 1U);
    EXPECT_EQ(r->auditLog().count(), entries);
}

TEST_P(PeopleContract, APersonWithAPostOfAnUnknownKindIsRefusedAndLeavesNoPerson) {
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.people().add(newPerson("JY-0003", "赵敏", "volunteer")); }),
        StoreError);
    auto r = read();
    EXPECT_FALSE(r->people().findByCode("JY-0003"));
    EXPECT_EQ(r->people().count({}), 0U);
    EXPECT_EQ(r->auditLog().count(), 0U);
}

TEST_P(PeopleContract, AGenderOtherThanFOrMIsRefused) {
    EXPECT_THROW(write([&](WriteUnit& u) {
                     auto p = newPerson("JY-0003", "赵敏");
                     p.gender = "女";
                     u.people().add(p);
                 }),
                 StoreError);
    EXPECT_FALSE(read()->people().findByCode("JY-0003"));
}

TEST_P(PeopleContract, APersonOrAPostInAMissingOrgUnitIsRefused) {
    EXPECT_THROW(
        write([&](WriteUnit& u) { u.people().add(newPerson("JY-0003", "赵敏", "", Id{999})); }),
        StoreError);
    EXPECT_THROW(write([&](WriteUnit& u) {
                     auto p = newPerson("JY-0004", "孙悦", "");
                     p.posts.push_back(Post{"social_worker", Id{999}, "2024-03-01", ""});
                     u.people().add(p);
                 }),
                 StoreError);
    EXPECT_EQ(read()->people().count({}), 0U);
}

// Lists

TEST_P(PeopleContract, ListsPeopleByIdAndPagesWithLimitAndOffset) {
    // Staff numbers and names run backwards, so that only the id gives this order.
    std::vector<Id> ids;
    for (int i = 5; i >= 1; --i)
        ids.push_back(addPerson("JY-000" + std::to_string(i), "人员" + std::to_string(i)));
    auto r = read();
    auto& people = r->people();
    EXPECT_EQ(idsOf(people.list({})), ids);
    EXPECT_EQ(idsOf(people.list(PeopleQuery{.limit = 2})), (std::vector<Id>{ids[0], ids[1]}));
    EXPECT_EQ(idsOf(people.list(PeopleQuery{.limit = 2, .offset = 2})),
              (std::vector<Id>{ids[2], ids[3]}));
    EXPECT_EQ(idsOf(people.list(PeopleQuery{.limit = 2, .offset = 4})), (std::vector<Id>{ids[4]}));
    EXPECT_TRUE(people.list(PeopleQuery{.limit = 2, .offset = 5}).empty());
    EXPECT_EQ(people.count(PeopleQuery{.limit = 2, .offset = 4}), 5U); // the total behind a page
}

TEST_P(PeopleContract, FiltersByAPostHeldNow) {
    const Id worker = addPerson("JY-0001", "张丽", "social_worker");
    const Id trainer = addPerson("JY-0002", "王丽", "trainer");
    const Id former = write([&](WriteUnit& u) {
        auto p = newPerson("JY-0003", "李娜", "social_worker");
        p.posts.push_back(Post{"trainer", std::nullopt, "2018-01-01", "2022-06-30"});
        return u.people().add(p);
    });
    auto r = read();
    const PeopleQuery trainers{.postKind = "trainer"};
    const auto found = r->people().list(trainers);
    EXPECT_EQ(idsOf(found), (std::vector<Id>{trainer}));
    EXPECT_EQ(r->people().count(trainers), 1U);
    ASSERT_EQ(found.size(), 1U);
    ASSERT_EQ(found[0].posts.size(), 1U); // a listed person carries their posts
    EXPECT_EQ(found[0].posts[0].kind, "trainer");
    EXPECT_EQ(idsOf(r->people().list(PeopleQuery{.postKind = "social_worker"})),
              (std::vector<Id>{worker, former}));
    EXPECT_TRUE(r->people().list(PeopleQuery{.postKind = "party_affairs"}).empty());
}

TEST_P(PeopleContract, FiltersByTheirOwnOrgUnit) {
    const auto chain = addOrgChain();
    const Id inCommunity = addPerson("JY-0001", "张丽", "social_worker", chain.community);
    addPerson("JY-0002", "李娜", "social_worker", chain.grid);
    addPerson("JY-0003", "王芳");
    auto r = read();
    const PeopleQuery community{.orgUnit = chain.community};
    EXPECT_EQ(idsOf(r->people().list(community)), (std::vector<Id>{inCommunity}));
    EXPECT_EQ(r->people().count(community), 1U);
    // The unit itself, not the units below it.
    EXPECT_TRUE(r->people().list(PeopleQuery{.orgUnit = chain.district}).empty());
}

TEST_P(PeopleContract, FiltersByAPartOfTheName) {
    const Id zhang = addPerson("JY-0001", "张丽");
    const Id wang = addPerson("JY-0002", "王丽华");
    addPerson("JY-0003", "李娜");
    auto r = read();
    const PeopleQuery li{.nameContains = "丽"};
    EXPECT_EQ(idsOf(r->people().list(li)), (std::vector<Id>{zhang, wang}));
    EXPECT_EQ(r->people().count(li), 2U);
    EXPECT_EQ(idsOf(r->people().list(PeopleQuery{.nameContains = "丽华"})),
              (std::vector<Id>{wang}));
    EXPECT_TRUE(r->people().list(PeopleQuery{.nameContains = "欧阳"}).empty());
}

// A search is for the characters typed: SQL's wildcards mean nothing in it (a LIKE pattern
// left unescaped made `name=%` match everyone).
TEST_P(PeopleContract, WildcardsInTheNameAreCharactersNotPatterns) {
    addPerson("JY-0001", "张丽");
    const Id odd = addPerson("JY-0002", "王_丽%");
    auto r = read();
    for (const char* typed : {"%", "_", "_丽%"})
        EXPECT_EQ(idsOf(r->people().list(PeopleQuery{.nameContains = typed})),
                  (std::vector<Id>{odd}))
            << typed;
    EXPECT_TRUE(r->people().list(PeopleQuery{.nameContains = "张%"}).empty());
    EXPECT_TRUE(r->people().list(PeopleQuery{.nameContains = "[张]"}).empty());
}

TEST_P(PeopleContract, FiltersByTheTrainerOfTheirCohorts) {
    const auto hash = keepCourse();
    const Id trainer = addPerson("JY-T001", "陈老师", "trainer");
    const Id other = addPerson("JY-T002", "刘老师", "trainer");
    const Id a = addPerson("JY-0001", "张丽");
    const Id b = addPerson("JY-0002", "李娜");
    const Id c = addPerson("JY-0003", "王芳");
    const Id mine = addCohort("TY-2026-1", hash);
    const Id theirs = addCohort("TY-2026-2", hash);
    addTrainer(mine, trainer);
    addTrainer(theirs, other);
    enroll(mine, b);
    enroll(mine, a);
    enroll(theirs, c);
    auto r = read();
    const PeopleQuery taught{.taughtBy = trainer};
    EXPECT_EQ(idsOf(r->people().list(taught)), (std::vector<Id>{a, b}));
    EXPECT_EQ(r->people().count(taught), 2U);
    EXPECT_EQ(idsOf(r->people().list(PeopleQuery{.taughtBy = other})), (std::vector<Id>{c}));
    EXPECT_TRUE(r->people().list(PeopleQuery{.taughtBy = a}).empty()); // trains nobody
}

TEST_P(PeopleContract, FiltersCombineAndTheCountAgreesWithTheList) {
    const auto chain = addOrgChain();
    const Id zhang = addPerson("JY-0001", "张丽", "social_worker", chain.community);
    addPerson("JY-0002", "王丽", "trainer", chain.community);
    addPerson("JY-0003", "李丽", "social_worker", chain.grid);
    addPerson("JY-0004", "李娜", "social_worker", chain.community);
    auto r = read();
    const PeopleQuery q{
        .postKind = "social_worker", .orgUnit = chain.community, .nameContains = "丽"};
    EXPECT_EQ(idsOf(r->people().list(q)), (std::vector<Id>{zhang}));
    EXPECT_EQ(r->people().count(q), 1U);
}

TEST_P(PeopleContract, PostRowsAreEveryPostOfEveryoneWithThePersonsUnitWhereThePostHasNone) {
    const auto chain = addOrgChain();
    const Id zhang = write([&](WriteUnit& u) {
        auto p = newPerson("JY-0001", "张丽", "social_worker", chain.grid);
        p.posts.push_back(Post{"party_affairs", std::nullopt, "2020-01-01", "2025-06-30"});
        return u.people().add(p);
    });
    const Id li = addPerson("JY-0002", "李娜", "trainer", chain.community);
    const auto rows = read()->people().postRows();
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].person, zhang);
    EXPECT_EQ(rows[0].kind, "social_worker");
    EXPECT_EQ(rows[0].orgUnit, chain.grid);
    EXPECT_EQ(rows[0].startedOn, "2024-03-01");
    EXPECT_EQ(rows[0].endedOn, "");
    EXPECT_EQ(rows[1].kind, "party_affairs");
    EXPECT_EQ(rows[1].orgUnit, chain.grid) << "the person's unit";
    EXPECT_EQ(rows[1].endedOn, "2025-06-30") << "ended posts too";
    EXPECT_EQ(rows[2].person, li);
}

TEST_P(PeopleContract, TheLicensureGenerationMovesOnPostsAndUnitsOnly) {
    const auto before = read()->standings().licensureGeneration();
    const auto chain = addOrgChain();
    const auto units = read()->standings().licensureGeneration();
    EXPECT_GT(units, before);
    addPerson("JY-0001", "张丽", "social_worker", chain.grid);
    const auto posts = read()->standings().licensureGeneration();
    EXPECT_GT(posts, units);
    keepCourse();
    EXPECT_EQ(read()->standings().licensureGeneration(), posts) << "a course is not counted";
}

YANZHEN_STORE_CONTRACT(PeopleContract);
