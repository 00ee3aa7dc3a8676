#include "CertSettings.hpp"

#include "StoreSubsystem.hpp"
#include "YanzhenApplication.hpp"

#include "services/credentials/CertificateSigner.hpp"

namespace yanzhen::app {

std::filesystem::path signingKeyFile(CommandContext& ctx) {
    // The application folded the option and YANZHEN_SIGNING_KEY into the configuration.
    const std::string configured = ctx.app.config().getString("yanzhen.signing_key", "");
    if (!configured.empty()) return std::filesystem::absolute(configured);
    return services::defaultSigningKeyFile(ctx.app.getSubsystem<StoreSubsystem>().file());
}

std::string publicUrl(CommandContext& ctx) {
    std::string url = ctx.app.config().getString("yanzhen.public_url", "http://127.0.0.1:8080");
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace yanzhen::app
