/// \file CanonicalFields.hpp
/// The stored (canonical) JSON of an evidence row's fields to typed values, fast: a progress
/// read decodes every row of a worker, and Poco::JSON's parser and Var conversions were a
/// large part of the request. Gives exactly what decode() in EvidenceFields gives; anything
/// this small reader does not expect is handed to decode().
#pragma once

#include "plugins/EvidenceBatch.hpp"

#include <yanzhen/schema.hpp>

#include <string_view>
#include <vector>

namespace yanzhen::services {

/// As decode(kind, json): the values in the kind's field order, absent where missing.
std::vector<plugins::FieldValue> decodeCanonical(const EvidenceKind& kind, std::string_view json);

} // namespace yanzhen::services
