// Fuzz target: the text validator every typed value goes through (services/text/TextRules).
//
// The first byte chooses the rule (bit 0: paragraphs allowed, bit 1: empty allowed, the rest:
// the length cap); the rest is the text. Whatever the bytes, validateText never crashes, and
// what it keeps is what the rules promise: valid UTF-8, no control character but the tabs and
// line feeds a paragraph field allows, no CR, no hidden character, within the cap, in NFC
// (checking it again changes nothing), no spaces at either end; what it refuses has a reason
// in both languages.

#include "services/text/TextRules.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

namespace {

[[noreturn]] void fail(const char* what, const std::string& text) {
    std::fprintf(stderr, "text_rules_fuzz: %s (%zu bytes kept)\n", what, text.size());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yanzhen::services;
    if (size == 0) return 0;
    TextRule rule;
    rule.paragraphs = (data[0] & 1) != 0;
    rule.mayBeEmpty = (data[0] & 2) != 0;
    rule.maxChars = static_cast<std::size_t>(data[0] >> 2) * 4;
    const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);

    auto result = validateText(input, rule);
    if (const auto* why = std::get_if<yanzhen::Text>(&result)) {
        if (why->zh.empty() || why->en.empty()) fail("a refusal without a reason", input);
        if (invalidUtf8At(why->zh) != std::string::npos ||
            invalidUtf8At(why->en) != std::string::npos)
            fail("a reason that is not UTF-8", input);
        return 0;
    }
    const std::string& kept = std::get<std::string>(result);
    if (invalidUtf8At(kept) != std::string::npos) fail("kept text that is not UTF-8", kept);
    if (codePoints(kept) > rule.maxChars) fail("kept text over the cap", kept);
    if (kept.empty() && !rule.mayBeEmpty) fail("kept an empty text", kept);
    for (const unsigned char c : kept) {
        const bool allowed = c >= 0x20 || (rule.paragraphs && (c == '\t' || c == '\n'));
        if (!allowed || c == 0x7F) fail("kept a control character", kept);
    }
    if (!kept.empty() && (kept.front() == ' ' || kept.back() == ' ' || kept.back() == '\n'))
        fail("kept spaces at an edge", kept);
    if (kept.find("\xE2\x80\xAE") != std::string::npos ||
        kept.find("\xEF\xBB\xBF") != std::string::npos)
        fail("kept a hidden character", kept);
    // Kept text is a fixed point: NFC of NFC, trimmed of trimmed.
    auto again = validateText(kept, rule);
    const auto* same = std::get_if<std::string>(&again);
    if (same == nullptr || *same != kept) fail("checking kept text again changed it", kept);
    return 0;
}
