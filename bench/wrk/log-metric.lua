-- wrk script: POST /api/2.0/mlflow/runs/log-metric, one metric per request, to the run in $RUN_ID.
-- Every request has a distinct step (thread number * 1e9 + request counter), as a training loop logs them.
dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "report.lua")

local run_id = assert(os.getenv("RUN_ID"), "set RUN_ID")
local threads = 0
thread_number = 0 -- set per thread by setup()
local counter = 0
local timestamp = os.time() * 1000

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  wrk.method = "POST"
  wrk.path = "/api/2.0/mlflow/runs/log-metric"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"run_id":"%s","key":"loss","value":%.6f,"timestamp":%d,"step":%d}',
    run_id, 1 / counter, timestamp + counter, thread_number * 1000000000 + counter)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  report(summary, latency)
end
