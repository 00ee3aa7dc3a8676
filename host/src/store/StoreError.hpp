/// \file StoreError.hpp
/// What every backend throws for what the store refuses.
#pragma once

#include <stdexcept>

namespace yanzhen::store {

/// Thrown for anything the store refuses: a constraint, a busy database past its timeout, a
/// file that is not a Yanzhen database or is newer than this program.
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace yanzhen::store
