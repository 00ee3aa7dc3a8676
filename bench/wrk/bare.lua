-- wrk script: GET /bench/bare?bytes=N (`yanzhen serve --bench-endpoints`), the limit the
-- progress figures are compared with. Arguments (after --): BYTES
--   wrk -t2 -c32 -d20s -s bench/wrk/bare.lua http://127.0.0.1:PORT -- 3000

function init(args)
    path = "/bench/bare?bytes=" .. (args[1] or "1024")
end

function request()
    return wrk.format("GET", path)
end

-- One machine-readable line for bench/run.sh; non-2xx answers (a 401 or 404 here is a broken
-- benchmark) and socket errors are counted apart from the successful requests.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d "
        .. "errors=%d\n", summary.requests, summary.duration, latency:percentile(50),
        latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
