-- wrk script for bench/serve.sh: GETs URL_PATH (default /hello) on every request and prints the WRK_RESULT line.
dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "report.lua")

wrk.method = "GET"
wrk.path = os.getenv("URL_PATH") or "/hello"

function done(summary, latency, requests)
  report(summary, latency)
end
