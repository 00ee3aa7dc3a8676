#include "TextRules.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>

namespace yanzhen::services {

namespace {

/// "U+202E", as the Unicode charts write it.
std::string codeName(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
    return buffer;
}

/// Decodes the valid UTF-8 sequence at `s[i]`, advancing `i`.
char32_t decodeAt(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    char32_t cp = b;
    if (b >= 0xF0)
        len = 4, cp = b & 0x07;
    else if (b >= 0xE0)
        len = 3, cp = b & 0x0F;
    else if (b >= 0xC0)
        len = 2, cp = b & 0x1F;
    for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool isControl(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/// Characters that change what a reader sees without being seen: the bidi embeddings,
/// overrides, isolates and marks (the "Trojan Source" characters), the line and paragraph
/// separators, the byte order mark; and the noncharacters, which are never text.
bool isHiddenOrNonCharacter(char32_t cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
           (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/// Spaces dropped around a value: ASCII white space, the no-break space, the ideographic
/// space a Chinese input method types.
bool isEdgeSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x00A0 || cp == 0x3000;
}

/// `s` (valid UTF-8) without edge spaces.
std::string_view trimmedText(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t next = begin;
        if (!isEdgeSpace(decodeAt(s, next))) break;
        begin = next;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        std::size_t next = start;
        if (!isEdgeSpace(decodeAt(s, next))) break;
        end = start;
    }
    return s.substr(begin, end - begin);
}

/// `s` (valid UTF-8) in NFC. ASCII is its own NFC and skips ICU.
std::string composed(std::string_view s) {
    if (std::all_of(s.begin(), s.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no NFC normalizer");
    const auto text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    if (nfc->isNormalized(text, status) && U_SUCCESS(status)) return std::string(s);
    status = U_ZERO_ERROR;
    const icu::UnicodeString out = nfc->normalize(text, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU could not normalize a text");
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

} // namespace

std::size_t invalidUtf8At(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        if ((b & 0xE0) == 0xC0)
            len = 2, cp = b & 0x1F;
        else if ((b & 0xF0) == 0xE0)
            len = 3, cp = b & 0x0F;
        else if ((b & 0xF8) == 0xF0)
            len = 4, cp = b & 0x07;
        else
            return i;
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (c & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::size_t codePoints(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::variant<std::string, Text> validateText(std::string_view value, const TextRule& rule) {
    if (const auto at = invalidUtf8At(value); at != std::string_view::npos)
        return Text{"不是有效的 UTF-8 文本（第 " + std::to_string(at + 1) + " 字节）",
                    "is not valid UTF-8 (at byte " + std::to_string(at + 1) + ")"};
    const std::string_view trimmed = trimmedText(value);
    std::string kept;
    kept.reserve(trimmed.size());
    std::size_t position = 0;
    for (std::size_t i = 0; i < trimmed.size();) {
        const std::size_t from = i;
        const char32_t cp = decodeAt(trimmed, i);
        ++position;
        if (rule.paragraphs && (cp == '\t' || cp == '\n')) {
            kept += static_cast<char>(cp);
            continue;
        }
        if (rule.paragraphs && cp == '\r') { // CR LF and a lone CR are kept as LF
            if (i >= trimmed.size() || trimmed[i] != '\n') kept += '\n';
            continue;
        }
        const std::string at = std::to_string(position);
        if (isControl(cp))
            return Text{"含有不允许的控制字符 " + codeName(cp) + "（第 " + at + " 个字符）",
                        "contains the control character " + codeName(cp) + " (character " + at +
                            "), which is not allowed" +
                            (rule.paragraphs || (cp != '\n' && cp != '\t')
                                 ? std::string()
                                 : std::string(": this field is one line"))};
        if (isHiddenOrNonCharacter(cp))
            return Text{"含有不允许的不可见字符 " + codeName(cp) + "（第 " + at + " 个字符）",
                        "contains the invisible character " + codeName(cp) + " (character " + at +
                            "), which is not allowed"};
        kept.append(trimmed.substr(from, i - from));
    }
    if (kept.empty() && !rule.mayBeEmpty) return Text{"不能为空", "must not be empty"};
    std::string normal = composed(kept);
    if (const std::size_t n = codePoints(normal); n > rule.maxChars)
        return Text{"最多 " + std::to_string(rule.maxChars) + " 个字符（现有 " + std::to_string(n) +
                        " 个）",
                    "is at most " + std::to_string(rule.maxChars) + " characters (this is " +
                        std::to_string(n) + ")"};
    return normal;
}

InvalidText::InvalidText(std::string f, Text w)
    : std::invalid_argument(f + " " + w.en), field(std::move(f)), why(std::move(w)) {}

std::string keptText(const std::string& field, std::string_view value, const TextRule& rule) {
    auto checked = validateText(value, rule);
    if (auto* problem = std::get_if<Text>(&checked)) throw InvalidText(field, std::move(*problem));
    return std::get<std::string>(std::move(checked));
}

} // namespace yanzhen::services
