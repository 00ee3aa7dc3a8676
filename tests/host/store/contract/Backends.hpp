/// \file Backends.hpp
/// The store backends the contract suite holds to one behaviour. A backend opens a fresh, empty,
/// migrated store of its own in a folder the test owns; adding a backend is one line in
/// Backends.cpp, and every contract test then runs against it too.
#pragma once

#include "store/Store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace yanzhen::contract {

/// An open store and whatever keeps it alive (a database file, a server connection).
class OpenStore {
public:
    virtual ~OpenStore() = default;
    virtual store::Store& store() = 0;
};

struct Backend {
    std::string name; ///< a test-name-safe word: "sqlite"
    std::function<std::unique_ptr<OpenStore>(const std::filesystem::path& folder)> open;
};

/// Every backend the suite runs against.
const std::vector<Backend>& backends();

} // namespace yanzhen::contract
