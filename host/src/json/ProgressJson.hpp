/// \file ProgressJson.hpp
/// Progress written as JSON directly: the same bytes as DescribeProgress's describe() objects
/// stringified, without building them (building and stringifying Poco::JSON objects cost as
/// much as computing the progress). The HTTP progress answer uses it; a test holds the two
/// equal.
#pragma once

#include "services/progress/ProgressService.hpp"
#include "services/standings/AnswerFormat.hpp"
#include "json/JsonWriter.hpp"

namespace yanzhen::json {

/// {zh, en} as describe(Text) writes it.
void writeJson(JsonWriter& w, const Text& text);
/// As describe(outcome)->stringify().
void writeJson(JsonWriter& w, const rules::Outcome& outcome);
/// As describe(progress)->stringify().
void writeJson(JsonWriter& w, const services::CohortProgress& progress);
/// writeJson(progress) alone: a cohort's entry of the progress answer, as a kept standing
/// stores it (services::AnswerWriter).
std::string cohortEntry(const services::CohortProgress& progress);
/// What cohortEntry wrote, read back (services::AnswerReader); throws std::runtime_error naming
/// what is missing when `answer` is not such an entry.
services::KeptEntry readCohortEntry(const std::string& answer);
/// Both: the format the kept standings are stored in.
services::AnswerFormat answerFormat();

} // namespace yanzhen::json
