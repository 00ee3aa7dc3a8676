// Fuzz target: a course file's YAML text through the real CourseLoader and the real plugins.
// Whatever the text, loading never crashes nor throws; it either gives a course or at least
// one error, and every diagnostic formats in both languages.

#include "FuzzWorld.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static yanzhen::fuzz::Plugins* plugins = new yanzhen::fuzz::Plugins; // lives to the end
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto result =
        yanzhen::courses::CourseLoader(plugins->registry).loadText(text, "fuzz.yaml");
    bool error = false;
    for (const auto& d : result.diagnostics) {
        error = error || d.error;
        if (d.format("zh").empty() || d.format("en").empty()) std::abort();
    }
    if (!result.ok() && !error) {
        std::fprintf(stderr, "course_loader_fuzz: no course, yet no error diagnostic\n");
        std::abort();
    }
    return 0;
}
