-- wrk script: POST /api/2.0/mlflow/runs/log-batch with 1,000 metrics per request (MLflow's per-call maximum):
-- 100 keys (m0..m99) x 10 steps, steps distinct across all requests and threads. metrics/s = requests/s x 1000.
-- Writes to the run in $RUN_ID, or round-robin over the comma-separated runs in $RUN_IDS (many trainings at once).
dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "report.lua")

local run_ids = {}
for id in string.gmatch(os.getenv("RUN_IDS") or os.getenv("RUN_ID") or "", "[^,]+") do
  run_ids[#run_ids + 1] = id
end
assert(#run_ids > 0, "set RUN_ID or RUN_IDS")
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
  wrk.path = "/api/2.0/mlflow/runs/log-batch"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local base = (thread_number * 100000000 + counter) * 10
  local parts = {}
  for s = 0, 9 do
    for k = 0, 99 do
      parts[#parts + 1] = string.format('{"key":"m%d","value":%.4f,"timestamp":%d,"step":%d}',
        k, (k * 7 + s + counter) % 1000 / 1000, timestamp + counter, base + s)
    end
  end
  local run_id = run_ids[(thread_number + counter) % #run_ids + 1]
  local body = '{"run_id":"' .. run_id .. '","metrics":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  report(summary, latency)
end
