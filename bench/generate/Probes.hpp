/// \file Probes.hpp
/// The HTTP side of the limits tool: how long `yanzhen serve` takes from exec to its first
/// answered progress request, and how large a progress answer is (so that the bare endpoint
/// can answer a body of the same size). Plain Poco::Net clients; no curl needed.
#pragma once

#include <string>

namespace yanzhen::bench {

struct ColdStart {
    double medianMs = 0;
    double minMs = 0;
    double maxMs = 0;
    double execFloorMs = 0; ///< median of `yanzhen --version` from exec to exit: the floor
};

/// Starts `binary serve --db db --port port` `runs` times; each time polls (every 0.5 ms)
/// GET /api/v1/workers/{worker}/progress?date=... with the bearer token until it answers 200,
/// then stops the server with SIGTERM and waits for it. Throws std::runtime_error when a
/// server does not answer within 30 s or exits early.
ColdStart coldStart(const std::string& binary, const std::string& db, int port,
                    const std::string& token, long worker, const std::string& date, int runs);

/// The mean size in bytes of the progress answer for `samples` workers drawn (with a fixed
/// seed) from 1..workers, from a server already listening on `port`.
double progressBytes(int port, const std::string& token, long workers, const std::string& date,
                     int samples);

} // namespace yanzhen::bench
