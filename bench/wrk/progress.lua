-- wrk script: GET /api/v1/workers/{id}/progress for a random worker each request, with a
-- bearer token. Arguments (after --): TOKEN WORKERS DATE [SEED]
--   wrk -t2 -c32 -d20s --latency -s bench/wrk/progress.lua http://127.0.0.1:PORT -- T 1000000 2026-11-28
-- Each wrk thread seeds its own generator (the seed and the thread's number), so a run draws
-- the same workers every time.

local counter = 0
local threads = {}

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

function init(args)
    token = args[1]
    workers = tonumber(args[2])
    date = args[3] or "2026-11-28"
    math.randomseed((tonumber(args[4]) or 1) * 1000 + (id or 0))
    headers = {}
    headers["Authorization"] = "Bearer " .. token
end

function request()
    local worker = math.random(1, workers)
    return wrk.format("GET", "/api/v1/workers/" .. worker .. "/progress?date=" .. date, headers)
end

-- One machine-readable line for bench/run.sh; non-2xx answers (a 401 or 404 here is a broken
-- benchmark) and socket errors are counted apart from the successful requests.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d "
        .. "errors=%d\n", summary.requests, summary.duration, latency:percentile(50),
        latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
