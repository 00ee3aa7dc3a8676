#include "services/imports/ImportRun.hpp"

namespace yanzhen::services {

ImportRun::ImportRun(const std::filesystem::path& file)
    : started_(std::chrono::steady_clock::now()), in_(file, std::ios::binary) {
    if (!in_) {
        report_.problems.push_back(
            RowProblem{0, Text{"无法打开文件 " + file.string(), "cannot open " + file.string()}});
        return;
    }
    opened_ = true;
    std::error_code ec;
    size_ = std::filesystem::file_size(file, ec);
}

ImportReport ImportRun::finish() {
    report_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    return report_;
}

} // namespace yanzhen::services
