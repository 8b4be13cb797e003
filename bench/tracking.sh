#!/usr/bin/env bash
# Load benchmark of Gyre's MLflow tracking API over the embedded H2 store — the single source of truth for the
# numbers in docs/benchmarks.md.
#
# What it does: builds the jars if needed, starts `gyre server` (the shaded jar, its own JVM) on a free
# 127.0.0.1 port with a fresh temporary GYRE_HOME and an embedded H2 store, waits for /ready, then
#   1. wrk: POST runs/log-metric   (one metric per request)
#   2. wrk: POST runs/log-batch    (1,000 metrics per request; metrics/s = requests/s x 1000), to one run and
#      then round-robin over as many runs as wrk has connections,
#      after each phase checking with get-history that every acknowledged write is stored,
#   3. populates BENCH_RUNS runs (default 100,000) plus a 500-run experiment,
#   4. times sequential runs/search requests (p50/p90/p99),
# prints a table, and stops the server (SIGTERM, then SIGKILL after 30 s). Everything runs on loopback and
# stops by itself; the temporary GYRE_HOME is deleted unless BENCH_KEEP=1.
#
# wrk, the population client and the server share the machine's cores: on a 2-core machine the server gets
# roughly half the CPU during the wrk phases. The table says so.
#
# Needs: wrk (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y wrk), curl, a JDK >= 25.
# Knobs (environment):
#   BENCH_DURATION=20s          wrk duration per write benchmark      BENCH_WARMUP=5s   wrk warm-up per endpoint
#   BENCH_WRK_THREADS=2         wrk -t                                 BENCH_WRK_CONNECTIONS=32   wrk -c
#   BENCH_RUNS=100000           runs in the search experiment          BENCH_SEARCH_REQUESTS=30   timed searches
#   BENCH_POPULATE_VIA=http     http (REST API, 2 requests per run, server running) or store (SqlMetadataStores
#                               directly into the H2 file before the server starts; faster, not an API benchmark)
#   BENCH_POPULATE_CONCURRENCY=16   requests in flight while populating (virtual threads)
#   BENCH_SERVER_JAVA_OPTS=     extra JVM options for the server, e.g. -Xmx2g
#   BENCH_KEEP=1                keep the temporary GYRE_HOME (database, server log) for inspection
#   BENCH_SKIP_BUILD=1          use the jars as they are, even when sources are newer
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. ./bin/find-jdk.sh

duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-5s}"
threads="${BENCH_WRK_THREADS:-2}"
connections="${BENCH_WRK_CONNECTIONS:-32}"
runs="${BENCH_RUNS:-100000}"
search_requests="${BENCH_SEARCH_REQUESTS:-30}"
populate_via="${BENCH_POPULATE_VIA:-http}"
populate_concurrency="${BENCH_POPULATE_CONCURRENCY:-16}"
small_runs=500

command -v wrk >/dev/null || { echo "bench: wrk not found; install it: sudo apt-get update && sudo apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl not found" >&2; exit 1; }
case "$populate_via" in http|store) ;; *) echo "bench: BENCH_POPULATE_VIA must be http or store" >&2; exit 1;; esac

# --- build when a jar is missing or older than the sources ------------------------------------------------------
gyre_jar="$root/gyre-cli/target/gyre.jar"
bench_jar="$root/gyre-bench/target/gyre-bench.jar"
stale=0
for jar in "$gyre_jar" "$bench_jar"; do
  if [ ! -f "$jar" ] \
    || [ -n "$(find "$root" -path "$root/gyre-*/src/main/*" -newer "$jar" -print -quit 2>/dev/null)" ] \
    || [ -n "$(find "$root" -maxdepth 2 -name pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
done
if [ "$stale" = 1 ] && [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building (mvnw install -DskipTests)..." >&2
  ./mvnw -q -B -ntp -DskipTests install >&2
fi
java="$JAVA_HOME/bin/java"
bench() { timeout 3600 "$java" -cp "$gyre_jar:$bench_jar" dev.gyre.bench.BenchMain "$@"; }

# --- a fresh GYRE_HOME, a free port, cleanup on every exit ---------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/gyre-bench.XXXXXX")"
export GYRE_HOME="$work/home"
mkdir -p "$GYRE_HOME"
store_uri="h2:$work/db/gyre"
results="$work/results.tsv"
server_log="$work/server.log"
: >"$results"
server_pid=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: server did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  local rc=$?
  stop_server
  if [ "$rc" != 0 ] && [ -f "$server_log" ]; then
    echo "bench: failed (exit $rc); last lines of the server log:" >&2
    tail -n 40 "$server_log" >&2 || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! port_in_use "$candidate"; then port="$candidate"; break; fi
done
[ -n "$port" ] || { echo "bench: no free port found" >&2; exit 1; }
url="http://127.0.0.1:$port"

start_server() {
  # shellcheck disable=SC2086
  "$java" --enable-native-access=ALL-UNNAMED ${BENCH_SERVER_JAVA_OPTS:-} -jar "$gyre_jar" server \
    --host 127.0.0.1 --port "$port" --backend-store-uri "$store_uri" --artifacts-destination "$work/artifacts" \
    >>"$server_log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url/ready" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: the server exited during start-up" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: the server was not ready within 120 s" >&2; exit 1; }
    sleep 0.2
  done
}

# CPU seconds (user + system) the server process has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"; }

row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }

# Runs wrk with a script and prints its WRK_RESULT line; fails on any non-2xx or socket error.
run_wrk() {
  local script="$1" length="$2" out
  out="$(wrk -t"$threads" -c"$connections" -d"$length" --timeout 30s --latency -s "$root/bench/wrk/$script" "$url")"
  echo "$out" | sed 's/^/    /' >&2
  local line
  line="$(echo "$out" | grep '^WRK_RESULT ')" || { echo "bench: wrk printed no result" >&2; exit 1; }
  case "$line" in *" non2xx=0 socket_errors=0 "*) ;; *) echo "bench: wrk saw errors: $line" >&2; exit 1;; esac
  echo "$line"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
ok_requests() { echo $(( $(field "$1" requests) - $(field "$1" non2xx) )); }

cores="$(nproc)"
echo "bench: $cores cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, $("$java" -version 2>&1 | head -n 1)" >&2
echo "bench: load average before start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "bench: GYRE_HOME=$GYRE_HOME store=$store_uri url=$url" >&2
# The embedded H2 file grows far beyond its data under this write load (about 15 GB by the end on 2 cores, see
# docs/benchmarks.md); warn before filling a small disk.
free_kb="$(df -Pk "$work" | awk 'NR == 2 { print $4 }')"
if [ "${free_kb:-0}" -lt $((25 * 1024 * 1024)) ]; then
  echo "bench: WARNING: only $((free_kb / 1024 / 1024)) GiB free under $work; the store may need ~20 GiB (set TMPDIR)" >&2
fi

if [ "$populate_via" = store ]; then
  echo "bench: populating $runs + $small_runs runs straight into the store (server not running yet)..." >&2
  big_experiment="$(bench populate --store-uri "$store_uri" --experiment-name "bench-search-$runs" --runs "$runs" \
    --concurrency "$populate_concurrency" --results "$results" | sed -n 's/^EXPERIMENT_ID=//p')"
  small_experiment="$(bench populate --store-uri "$store_uri" --experiment-name "bench-search-$small_runs" \
    --runs "$small_runs" --concurrency "$populate_concurrency" | sed -n 's/^EXPERIMENT_ID=//p')"
fi

echo "bench: starting gyre server..." >&2
start_server
echo "bench: ready (pid $server_pid)" >&2

eval "$(bench setup --url "$url" --spread-runs "$connections" \
  | grep -E '^(EXPERIMENT_ID|METRIC_RUN_ID|BATCH_RUN_ID|SPREAD_RUN_IDS)=[A-Za-z0-9_,-]+$')"
: "${METRIC_RUN_ID:?setup printed no run id}" "${BATCH_RUN_ID:?setup printed no run id}" "${SPREAD_RUN_IDS:?}"

# measure SCRIPT RUN_IDS KEY VALUES_PER_REQUEST WARMUP: one wrk phase (after an optional warm-up), then checks that
# the metric history holds every acknowledged write. Sets res, server_cores, acked and stored.
measure() {
  local script="$1" ids="$2" key="$3" per="$4" warm_length="$5" warm="WRK_RESULT requests=0 non2xx=0" cpu0 cpu1
  if [ "$warm_length" != 0 ]; then
    echo "bench: $script warm-up ($warm_length)..." >&2
    warm="$(RUN_ID="$ids" RUN_IDS="$ids" run_wrk "$script" "$warm_length")"
  fi
  echo "bench: $script on $(echo "$ids" | tr ',' '\n' | wc -l) run(s), wrk -t$threads -c$connections -d$duration..." >&2
  cpu0="$(server_cpu)"
  res="$(RUN_ID="$ids" RUN_IDS="$ids" run_wrk "$script" "$duration")"
  cpu1="$(server_cpu)"
  server_cores="$(awk -v a="$cpu0" -v b="$cpu1" -v s="$(field "$res" seconds)" 'BEGIN { printf "%.2f", (b - a) / s }')"
  acked=$(( $(ok_requests "$warm") + $(ok_requests "$res") ))
  stored="$(bench count-history --url "$url" --run-id "$ids" --key "$key")"
  # Requests still in flight when wrk stopped (at most one per connection per wrk run) may be stored too.
  if [ "$stored" -lt $((acked * per)) ] || [ "$stored" -gt $(( (acked + 2 * connections) * per )) ]; then
    echo "bench: $script stored $stored values of $key, but $acked requests x $per were acknowledged" >&2; exit 1
  fi
}

# --- 1. log-metric -------------------------------------------------------------------------------------------------
measure log-metric.lua "$METRIC_RUN_ID" loss 1 "$warmup"
row "log-metric (requests/s)" "$(printf '%.0f' "$(field "$res" rps)")" ">= 3,000" "110-140" \
  "p50 $(field "$res" p50_ms) / p99 $(field "$res" p99_ms) ms; server used $server_cores of $cores cores; $stored stored, $acked acked"

# --- 2. log-batch of 1,000 metrics: one run (all connections contend for it), then spread over many runs ------------
measure log-batch.lua "$BATCH_RUN_ID" m0 10 "$warmup"
row "log-batch, 1,000 metrics/request, one run (metrics/s)" \
  "$(awk -v r="$(field "$res" rps)" 'BEGIN { printf "%.0f", r * 1000 }')" ">= 100,000" "~8,000" \
  "$(field "$res" rps) req/s; p50 $(field "$res" p50_ms) / p99 $(field "$res" p99_ms) ms; server used $server_cores of $cores cores"
measure log-batch.lua "$SPREAD_RUN_IDS" m0 10 0
row "log-batch, 1,000 metrics/request, $connections runs (metrics/s)" \
  "$(awk -v r="$(field "$res" rps)" 'BEGIN { printf "%.0f", r * 1000 }')" "-" "-" \
  "$(field "$res" rps) req/s; p50 $(field "$res" p50_ms) / p99 $(field "$res" p99_ms) ms; server used $server_cores of $cores cores"

# --- 3. population and 4. search -----------------------------------------------------------------------------------
if [ "$populate_via" = http ]; then
  echo "bench: populating $runs runs over HTTP ($populate_concurrency in flight)..." >&2
  big_experiment="$(bench populate --url "$url" --experiment-name "bench-search-$runs" --runs "$runs" \
    --concurrency "$populate_concurrency" --results "$results" | sed -n 's/^EXPERIMENT_ID=//p')"
  small_experiment="$(bench populate --url "$url" --experiment-name "bench-search-$small_runs" --runs "$small_runs" \
    --concurrency "$populate_concurrency" | sed -n 's/^EXPERIMENT_ID=//p')"
fi
: "${big_experiment:?population printed no experiment id}" "${small_experiment:?population printed no experiment id}"
echo "bench: search latency ($search_requests sequential requests per query, after 3 warm-up requests)..." >&2
bench search --url "$url" --big-experiment "$big_experiment" --big-runs "$runs" --small-experiment "$small_experiment" \
  --small-runs "$small_runs" --requests "$search_requests" --warmup 3 --results "$results"

stop_server
row "H2 store file after the benchmark" "$(du -sh "$work/db" | cut -f1)" "-" "-" \
  "du of the database directory after all the phases above"

# --- the table -----------------------------------------------------------------------------------------------------
echo
echo "Gyre tracking benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores, $("$java" -version 2>&1 | head -n 1), embedded H2"
echo "wrk -t$threads -c$connections -d$duration (after $warmup warm-up) shares the $cores cores with the server (see the 'server used' note)."
echo "Population via $populate_via. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
printf '%-62s %-38s %-14s %-10s %s\n' "benchmark" "Gyre" "target" "MLflow" "notes"
printf '%-62s %-38s %-14s %-10s %s\n' "---------" "----" "------" "------" "-----"
while IFS=$'\t' read -r name value target mlflow note; do
  printf '%-62s %-38s %-14s %-10s %s\n' "$name" "$value" "$target" "$mlflow" "$note"
done <"$results"
