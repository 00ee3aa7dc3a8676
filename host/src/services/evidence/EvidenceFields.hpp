/// \file EvidenceFields.hpp
/// An evidence row's fields, checked against the schema its plugin declared: from what a person
/// typed (a CSV cell, a form field) or a JSON body to the canonical JSON the store keeps, and
/// from that JSON to the typed values a plugin evaluates.
#pragma once

#include "plugins/EvidenceBatch.hpp"

#include <yanzhen/schema.hpp>

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace yanzhen::services {

/// One field that is wrong, and why, in both languages.
struct FieldProblem {
    std::string field;
    Text message;
};

struct CheckedFields {
    std::string json; ///< canonical: the kind's fields by name, typed; valid when no problems
    std::vector<FieldProblem> problems;
    bool ok() const { return problems.empty(); }
};

/// Checks text values (CSV cells, form fields) against `kind`: every required field present,
/// no unknown field, each value of its type, in its range, one of its choices. A scores field
/// is written "criterion=8;other=9.5". Empty text is an absent value.
CheckedFields checkText(const EvidenceKind& kind, const std::map<std::string, std::string>& values);

/// The same for a JSON object (an API body): numbers as numbers, scores as an object.
CheckedFields checkJson(const EvidenceKind& kind, const Poco::JSON::Object& values);

/// Canonical JSON (as stored) to the values a plugin receives, in the kind's field order.
/// Trusts the JSON (it was checked when written); a field that does not decode is absent.
std::vector<plugins::FieldValue> decode(const EvidenceKind& kind, const std::string& json);

} // namespace yanzhen::services
