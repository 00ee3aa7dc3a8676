#include "CourseCatalog.hpp"

#include <algorithm>

namespace yanzhen::courses {

void CourseCatalog::discover(const std::vector<std::filesystem::path>& folders,
                             const CourseLoader& loader) {
    for (const auto& folder : folders) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file(ec) && (ext == ".yaml" || ext == ".yml"))
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            LoadResult r = loader.loadFile(file);
            if (!r.ok()) {
                failures_.push_back({file, std::move(r.diagnostics)});
                continue;
            }
            if (const auto taken = find(r.course->id)) {
                failures_.push_back(
                    {file,
                     {CourseDiagnostic{
                         file.string(), 1, 1, true,
                         Text{"课程 id“" + r.course->id + "”已被 " + taken->file.string() + " 使用",
                              "course id '" + r.course->id + "' is already used by " +
                                  taken->file.string()}}}});
                continue;
            }
            courses_.push_back(std::move(r.course));
        }
    }
}

std::shared_ptr<const Course> CourseCatalog::find(std::string_view id) const {
    for (const auto& c : courses_)
        if (c->id == id) return c;
    return nullptr;
}

} // namespace yanzhen::courses
