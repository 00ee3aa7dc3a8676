#include "Backends.hpp"

#include "store/sqlite/SqliteStore.hpp"

namespace yanzhen::contract {

namespace {

class SqliteOpenStore : public OpenStore {
public:
    explicit SqliteOpenStore(const std::filesystem::path& folder)
        : database_(store::Database::open(folder / "yanzhen.db")), store_(*database_) {}
    store::Store& store() override { return store_; }

private:
    std::shared_ptr<store::Database> database_;
    store::SqliteStore store_;
};

} // namespace

const std::vector<Backend>& backends() {
    static const std::vector<Backend> all = {
        {"sqlite",
         [](const std::filesystem::path& folder) -> std::unique_ptr<OpenStore> {
             return std::make_unique<SqliteOpenStore>(folder);
         }},
    };
    return all;
}

} // namespace yanzhen::contract
