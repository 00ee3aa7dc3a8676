// The course loader against broken/, a folder of course files with one kind of mistake each.
// Each file says what it expects in its first lines:
//   # expect: LINE:COLUMN MESSAGE
// and the test asserts exactly those diagnostics, in English, at exactly those places.

#include "courses/CourseLoader.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace yanzhen::courses;
namespace fs = std::filesystem;

namespace {

const yanzhen::plugins::PluginRegistry& registry() {
    static const auto r = [] {
        yanzhen::plugins::PluginRegistry reg;
        reg.discover({fs::path(YANZHEN_PLUGIN_DIR)});
        return reg;
    }();
    return r;
}

std::vector<std::string> expectations(const fs::path& file) {
    std::vector<std::string> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line) && line.rfind("# expect: ", 0) == 0)
        out.push_back(line.substr(10));
    return out;
}

std::vector<fs::path> brokenFiles() {
    std::vector<fs::path> files;
    for (const auto& e :
         fs::directory_iterator(fs::path(YANZHEN_SOURCE_DIR) / "tests/host/courses/broken"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

class BrokenCourse : public ::testing::TestWithParam<fs::path> {};

} // namespace

TEST_P(BrokenCourse, ReportsEachMistakeAtItsLineAndColumn) {
    const fs::path file = GetParam();
    auto expected = expectations(file);
    ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";
    const LoadResult r = CourseLoader(registry()).loadFile(file);
    EXPECT_FALSE(r.ok());
    std::vector<std::string> actual;
    for (const auto& d : r.diagnostics) {
        EXPECT_EQ(d.file, file.string());
        EXPECT_FALSE(d.message.zh.empty()) << "every message exists in Chinese too";
        actual.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
                         d.message.en);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual, expected) << file.filename();
}

INSTANTIATE_TEST_SUITE_P(Files, BrokenCourse, ::testing::ValuesIn(brokenFiles()),
                         [](const auto& info) {
                             std::string name = info.param.stem().string();
                             for (auto& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

TEST(CourseLoader, FormatsDiagnosticsLikeACompilerInBothLanguages) {
    const LoadResult r =
        CourseLoader(registry())
            .loadText("id: x\nversion: 1\ntitle: {zh: 甲, en: A}\nmodules: []\n", "inline.yaml");
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(
        r.diagnostics[0].format("en"),
        "inline.yaml:4:10: error: modules: expected a non-empty list of modules, found a list");
    EXPECT_EQ(r.diagnostics[0].format("zh"),
              "inline.yaml:4:10: 错误: modules：应为非空的模块列表，实际是列表");
}

TEST(CourseLoader, TheVersionIsTheContentHash) {
    const std::string text =
        "id: mini\nversion: \"1\"\ntitle: {zh: 小, en: Mini}\nmodules:\n"
        "  - {id: c, plugin: ceremony, title: {zh: 仪式, en: Rites},"
        " config: {ceremonies: {opening: {zh: 开班, en: Opening}}}}\n"
        "requirements:\n  done:\n"
        "    c.attend: {id: a, label: {zh: 开班, en: Opening}, sessions: [opening]}\n";
    const LoadResult a = CourseLoader(registry()).loadText(text, "a.yaml");
    const LoadResult b = CourseLoader(registry()).loadText(text + "# a comment\n", "b.yaml");
    ASSERT_TRUE(a.ok()) << (a.diagnostics.empty() ? "" : a.diagnostics[0].format("en"));
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(a.course->hash.size(), 64U);
    EXPECT_NE(a.course->hash, b.course->hash); // any change is a new version
    EXPECT_EQ(a.course->hash, CourseLoader(registry()).loadText(text, "again.yaml").course->hash);
    ASSERT_EQ(a.course->leaves.size(), 1U);
    EXPECT_EQ(a.course->leaves[0].moduleId, "c");
    EXPECT_EQ(a.course->requirements.at("done").root.id, "a");
}
