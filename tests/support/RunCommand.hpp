/// \file RunCommand.hpp
/// Runs the real `yanzhen` executable the way a person would, and captures what it printed.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace yanzhen::testsupport {

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `program args...` in `cwd` with `input` written to its standard input (then closed),
/// and waits for it. stdout and stderr are read on two threads so that neither pipe can fill
/// up and stall the child.
inline CommandResult
runCommandWithInput(const std::string& program, const std::vector<std::string>& args,
                    const std::string& input,
                    const std::filesystem::path& cwd = std::filesystem::current_path()) {
    Poco::Pipe inPipe;
    Poco::Pipe outPipe;
    Poco::Pipe errPipe;
    Poco::ProcessHandle handle =
        Poco::Process::launch(program, args, cwd.string(), &inPipe, &outPipe, &errPipe);
    {
        Poco::PipeOutputStream in(inPipe);
        in << input;
        in.close();
    }
    CommandResult r;
    Poco::PipeInputStream outStream(outPipe);
    Poco::PipeInputStream errStream(errPipe);
    std::thread errReader([&] { Poco::StreamCopier::copyToString(errStream, r.err); });
    Poco::StreamCopier::copyToString(outStream, r.out);
    errReader.join();
    r.exitCode = handle.wait();
    return r;
}

/// Runs `program args...` in `cwd` with an empty standard input, and waits for it.
inline CommandResult
runCommand(const std::string& program, const std::vector<std::string>& args,
           const std::filesystem::path& cwd = std::filesystem::current_path()) {
    return runCommandWithInput(program, args, "", cwd);
}

/// The lines of `text`, without their line ends.
inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        out.push_back(
            text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

} // namespace yanzhen::testsupport
