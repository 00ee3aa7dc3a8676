// The text validator (services/text/TextRules): what it keeps and what it refuses, and why.

#include "services/text/TextRules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace yanzhen::services {
namespace {

std::string kept(std::string_view value, const TextRule& rule = kLineText) {
    auto r = validateText(value, rule);
    if (const auto* why = std::get_if<Text>(&r)) {
        ADD_FAILURE() << "refused '" << value << "': " << why->en;
        return "";
    }
    return std::get<std::string>(r);
}

std::string refusal(std::string_view value, const TextRule& rule = kLineText) {
    auto r = validateText(value, rule);
    if (const auto* why = std::get_if<Text>(&r)) return why->en;
    ADD_FAILURE() << "kept '" << value << "'";
    return "";
}

TEST(TextRules, ChineseTextIsKeptAsTyped) {
    EXPECT_EQ(kept("江源区党群服务中心"), "江源区党群服务中心");
    EXPECT_EQ(kept("头雁领航·雏雁丰羽 第一期"), "头雁领航·雏雁丰羽 第一期");
}

TEST(TextRules, NulAndOtherControlCharactersAreRefusedNamingThem) {
    EXPECT_EQ(refusal(std::string("第一\0期", 10)),
              "contains the control character U+0000 (character 3), which is not allowed");
    EXPECT_EQ(refusal("a\x1b[31mred"),
              "contains the control character U+001B (character 2), which is not allowed");
    EXPECT_EQ(refusal("a\x7f"),
              "contains the control character U+007F (character 2), which is not allowed");
    EXPECT_EQ(refusal("a\xC2\x85z"), // C1: NEXT LINE
              "contains the control character U+0085 (character 2), which is not allowed");
    EXPECT_EQ(refusal("two\nlines"), "contains the control character U+000A (character 4), which "
                                     "is not allowed: this field is one line");
}

TEST(TextRules, AParagraphFieldKeepsTabsAndLineBreaksWithCrLfAsLf) {
    EXPECT_EQ(kept("第一行\r\n第二行\r第三行\n\t缩进", kParagraphText),
              "第一行\n第二行\n第三行\n\t缩进");
    EXPECT_EQ(refusal(std::string("a\0b", 3), kParagraphText),
              "contains the control character U+0000 (character 2), which is not allowed");
}

TEST(TextRules, CharactersThatHideOrReorderTextAreRefused) {
    EXPECT_EQ(refusal("abc\xE2\x80\xAEgpj.exe"), // RIGHT-TO-LEFT OVERRIDE
              "contains the invisible character U+202E (character 4), which is not allowed");
    EXPECT_NE(refusal("x\xE2\x81\xA6y").find("U+2066"), std::string::npos); // an isolate
    EXPECT_NE(refusal("x\xEF\xBB\xBFy").find("U+FEFF"), std::string::npos); // a BOM inside
    EXPECT_NE(refusal("x\xE2\x80\xA8y").find("U+2028"), std::string::npos); // LINE SEPARATOR
    EXPECT_NE(refusal("x\xEF\xBF\xBEy").find("U+FFFE"), std::string::npos); // a noncharacter
}

TEST(TextRules, BytesThatAreNotUtf8AreRefusedAtTheirByte) {
    EXPECT_EQ(refusal("ab\xC0\xAF"), "is not valid UTF-8 (at byte 3)");   // overlong '/'
    EXPECT_EQ(refusal("\xED\xA0\x80"), "is not valid UTF-8 (at byte 1)"); // a surrogate
    EXPECT_EQ(refusal("\xE6\xB1"), "is not valid UTF-8 (at byte 1)");     // cut short
}

TEST(TextRules, TheSameNameInTwoFormsIsOneString) {
    // é typed as e + COMBINING ACUTE, and Hangul typed as jamo: kept composed (NFC).
    EXPECT_EQ(kept("Jose\xCC\x81"), "Jos\xC3\xA9");
    EXPECT_EQ(kept("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");
    EXPECT_EQ(kept(kept("Jose\xCC\x81")), "Jos\xC3\xA9");
}

TEST(TextRules, SpacesAroundAreDroppedIdeographicSpaceToo) {
    EXPECT_EQ(kept("  张三\t"), "张三");
    EXPECT_EQ(kept("\xE3\x80\x80张三\xE3\x80\x80"), "张三");
    EXPECT_EQ(kept("张 三"), "张 三");
}

TEST(TextRules, LengthIsCountedInCharactersNotBytes) {
    std::string hundred;
    for (int i = 0; i < 100; ++i)
        hundred += "雁"; // 300 bytes
    EXPECT_EQ(kept(hundred, kNameText), hundred);
    EXPECT_EQ(refusal(hundred + "雁", kNameText), "is at most 100 characters (this is 101)");
}

TEST(TextRules, EmptyIsAProblemUnlessTheFieldMayBeEmpty) {
    EXPECT_EQ(refusal("   "), "must not be empty");
    EXPECT_EQ(kept(" ", TextRule{10, false, true}), "");
}

TEST(TextRules, AServiceThrowsTheFieldsProblemInBothLanguages) {
    try {
        keptText("name", std::string("a\0", 2), kNameText);
        FAIL() << "kept a NUL";
    } catch (const InvalidText& e) {
        EXPECT_EQ(e.field, "name");
        EXPECT_EQ(e.why.zh, "含有不允许的控制字符 U+0000（第 2 个字符）");
        EXPECT_EQ(std::string(e.what()),
                  "name contains the control character U+0000 (character 2), which is not "
                  "allowed");
    }
}

} // namespace
} // namespace yanzhen::services
