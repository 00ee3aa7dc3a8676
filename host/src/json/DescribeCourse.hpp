/// \file DescribeCourse.hpp
/// A course as JSON, for `yanzhen courses show --json` and the HTTP API alike.
#pragma once

#include "courses/Course.hpp"

#include <Poco/JSON/Object.h>

namespace yanzhen::json {

/// id, version, hash, title, modules (with their plugin), session templates, requirement sets
/// as trees, credentials.
Poco::JSON::Object::Ptr describe(const courses::Course& course);

} // namespace yanzhen::json
