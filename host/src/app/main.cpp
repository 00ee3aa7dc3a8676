// The `yanzhen` executable: run the application, and turn a bad command line into exit code 2.

#include "Command.hpp"
#include "YanzhenApplication.hpp"

#include <Poco/Util/OptionException.h>

#include <iostream>

int main(int argc, char** argv) {
    try {
        yanzhen::app::YanzhenApplication app;
        const int rc = app.run(argc, argv);
        // ServerApplication reports a bad option (already printed) as EXIT_CONFIG; the
        // command line promises 2 for bad usage.
        if (rc == Poco::Util::Application::EXIT_CONFIG) {
            std::cerr << "yanzhen: see yanzhen --help\n";
            return yanzhen::app::kExitUsage;
        }
        return rc;
    } catch (const Poco::Util::OptionException& e) {
        std::cerr << "yanzhen: " << e.displayText() << " (see yanzhen --help)\n";
        return yanzhen::app::kExitUsage;
    } catch (const Poco::Exception& e) {
        std::cerr << "yanzhen: " << e.displayText() << '\n';
        return yanzhen::app::kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "yanzhen: " << e.what() << '\n';
        return yanzhen::app::kExitFailure;
    }
}
