-- wrk script for bench/serve.sh: POSTs the same JSON body on every request.
-- BODY_FILE: a file holding the request body (read once); URL_PATH: the path (default /invocations).
dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "report.lua")

local body_file = assert(os.getenv("BODY_FILE"), "set BODY_FILE")
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.path = os.getenv("URL_PATH") or "/invocations"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
  report(summary, latency)
end
