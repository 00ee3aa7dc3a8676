/// \file Describe.hpp
/// Plugins as JSON, for `yanzhen plugins list --json` and the HTTP API alike.
#pragma once

#include "plugins/LoadedPlugin.hpp"
#include "plugins/Refusal.hpp"

#include <Poco/JSON/Object.h>

namespace yanzhen::json {

/// {zh, en}: how bilingual text appears in every JSON the host writes.
Poco::JSON::Object::Ptr describe(const Text& text);
/// id, version, abi, status, file, title, and the evidence kinds and leaf types it declares.
Poco::JSON::Object::Ptr describe(const plugins::LoadedPlugin& plugin);
/// file, id (if known), reason {zh, en}, and the one-line message in `lang`.
Poco::JSON::Object::Ptr describe(const plugins::Refusal& refusal, std::string_view lang);

} // namespace yanzhen::json
