/// \file OpenApiDocument.hpp
/// The API's contract, http/openapi.json, compiled into the host (host/CMakeLists.txt generates
/// the definition from the file, with the project's version filled in), so that the server needs
/// no file at run time to answer GET /api/v1/openapi.json.
#pragma once

namespace yanzhen::http {

/// The OpenAPI 3.0 document as JSON text: static storage, never null, never throws.
const char* openApiText();

} // namespace yanzhen::http
