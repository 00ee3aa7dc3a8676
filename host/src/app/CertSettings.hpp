/// \file CertSettings.hpp
/// Where certificates are signed and verified: the signing key's file and the public base
/// address printed on them. Both resolve like --db: the option (--signing-key, --public-url),
/// else the environment (YANZHEN_SIGNING_KEY, YANZHEN_PUBLIC_URL), else the configuration file
/// (yanzhen.signing_key, yanzhen.public_url), else a default: `<database>.signing-key` beside
/// the database, and http://127.0.0.1:8080.
#pragma once

#include "Command.hpp"

#include <filesystem>
#include <string>

namespace yanzhen::app {

/// The signing key's file, absolute.
std::filesystem::path signingKeyFile(CommandContext& ctx);
/// The public base address, without a trailing slash.
std::string publicUrl(CommandContext& ctx);

} // namespace yanzhen::app

namespace yanzhen::app {

/// `certs verify FILE [--pubkey FILE|BASE64] [--date D] [--json]` (CertsFilesCommand.cpp):
/// exit 0 when the signature holds, 1 when the file was tampered with or signed by another key.
int runCertsVerify(CommandContext& ctx);
/// `certs pdf SERIAL -o FILE`
int runCertsPdf(CommandContext& ctx);
/// `certs pubkey [--json]`
int runCertsPubkey(CommandContext& ctx);

} // namespace yanzhen::app
