#!/usr/bin/env bash
# Serving benchmarks of `gyre serve` (HTTP and gRPC), side by side in one run with a bare hello-JSON endpoint on the
# same HTTP stack and with an MLflow-style Python scoring server — the single source of truth for the "Serving" numbers.
#
# What it does (every step prints RESULT lines that are collected into $BENCH_WORK/results.txt; the load average is
# recorded before every step; only one server runs at a time):
#   0. prepares its inputs once in $BENCH_WORK with /usr/bin/python3 (xgboost, pandas, onnx): model.ubj, a
#      100-tree XGBoost model (binary:logistic, max_depth 6, seed 42) trained on the 17 numeric columns of
#      modeldata_lending_club.csv (label Class = bad); a 1-row request in both protocols (the first row of the
#      file); mlp.onnx, a seeded 32 -> 1024 -> 1024 -> 1 MLP (ReLU, sigmoid) for the batching part, and its 1-row
#      request;
#   1. hello:   dev.gyre.bench.serve.HelloServer, a Helidon SE 4 server with PredictionServer's settings and one
#               route: GET /hello (the baseline) and POST /hello with the OIP body (body read, nothing else);
#   2. gyre:    `gyre serve xgb=model.ubj`: POST /v2/models/xgb/infer (OIP v2 REST, 1 row) and POST /invocations
#               (MLflow scoring, dataframe_split, the body the Python peer gets);
#   3. python:  bench/python/serve_fastapi.py (FastAPI + uvicorn + pandas + xgboost Booster) on the same model file
#               and body: POST /invocations;
#   4. batching: `gyre serve mlp=mlp.onnx --max-batch-size 1`, then the default (64): POST /v2/models/mlp/infer;
#   5. grpc:    `gyre serve xgb=model.ubj --grpc-port 0`: inference.GRPCInferenceService/ModelInfer (OIP over gRPC,
#               the same row as FP32 fp32_contents), driven by dev.gyre.bench.serve.GrpcLoad (see run_grpc below);
# each HTTP measurement is `wrk -t$BENCH_WRK_THREADS -c$BENCH_WRK_CONNECTIONS -d$BENCH_DURATION` after a $BENCH_WARMUP
# warm-up with the same settings (and gyre's /invocations is warmed up before its OIP endpoint is measured, so that
# the order of the two does not favour the second; on a busy machine a 3 s warm-up was not enough to even that
# out). Before measuring, every server's answer to the row is compared with Python's own prediction (CHECK lines;
# the script fails if one differs). Then bench/python/serve_report.py prints a Markdown table
# with the targets (OIP infer >= 0.6x hello, Gyre >= 20x Python, p99 <= 5 ms at 64 connections, batching gain),
# reported as met or missed — a missed target never fails the script, a non-2xx answer or socket error does.
#
# wrk shares the cores with the server under test: on a 2-core machine its threads take a large part of one core,
# so every number here is "server + load generator on the same 2 cores". The table shows how many cores the
# server itself used during each measurement (CPU seconds / wall seconds, the Python workers included).
#
# Needs: wrk (apt-get install -y wrk), curl, a JDK >= 25, the shaded CLI jar gyre-cli/target/gyre.jar
# (./mvnw -q -B -ntp -DskipTests install), and for /usr/bin/python3: python3-fastapi python3-uvicorn python3-sklearn
# python3-xgboost python3-pandas python3-onnx (Debian 12: fastapi 0.92, uvicorn 0.17 without uvloop/httptools,
# xgboost 1.7.4). Runs in about 5 minutes with the defaults (8 measurements of 20 s + 5 s warm-up, start-ups).
# Knobs (environment):
#   BENCH_PARTS=hello,gyre,python,batching,grpc   which parts run (comma-separated; the report skips what is absent)
#   BENCH_DURATION=20s / BENCH_WARMUP=5s          wrk duration per measurement / warm-up before it (0 skips it)
#   BENCH_WRK_CONNECTIONS=64 / BENCH_WRK_THREADS=2   wrk -c / -t
#   BENCH_PY_WORKERS=1        uvicorn worker processes of the Python peer (`mlflow models serve` defaults to 1)
#   BENCH_TREES=100           boosting rounds of the XGBoost model    BENCH_MLP_HIDDEN=1024   MLP hidden width
#   BENCH_OMP_WAIT_POLICY=PASSIVE   OMP_WAIT_POLICY for both sides (XGBoost predicts with OpenMP); `default` unsets
#   BENCH_SERVER_JAVA_OPTS=   extra JVM options for the Java servers (hello and gyre alike), e.g. -Xmx1g
#   BENCH_WORK=${TMPDIR:-/tmp}/gyre-serve-bench   inputs (kept and reused) and results; BENCH_CLEAN=1 regenerates
#   BENCH_DATA=<root>/../shared/data              the shared real datasets
#   BENCH_BUILD=none          none: use gyre-cli/target/gyre.jar as it is; all: `mvnw install -DskipTests` first
#   BENCH_KEEP=1              keep the server logs (in $BENCH_WORK/logs) even when everything passed
#   BENCH_PYTHON=/usr/bin/python3
#   BENCH_HELLO_SRC=<gyre-bench>/src/main/java/dev/gyre/bench/serve/HelloServer.java   the baseline's source, run
#                             with the source launcher when gyre-bench/target/classes has no fresher HelloServer.class
#   BENCH_GRPC_SRC=<gyre-bench>/src/main/java/dev/gyre/bench/serve/GrpcLoad.java   the same for the gRPC load generator
# A quick smoke run: BENCH_DURATION=5s BENCH_WARMUP=2s bench/serve.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. ./bin/find-jdk.sh

parts=",${BENCH_PARTS:-hello,gyre,python,batching,grpc},"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-5s}"
connections="${BENCH_WRK_CONNECTIONS:-64}"
threads="${BENCH_WRK_THREADS:-2}"
py_workers="${BENCH_PY_WORKERS:-1}"
trees="${BENCH_TREES:-100}"
hidden="${BENCH_MLP_HIDDEN:-1024}"
omp="${BENCH_OMP_WAIT_POLICY:-PASSIVE}"
work="${BENCH_WORK:-${TMPDIR:-/tmp}/gyre-serve-bench}"
data="$(readlink -f "${BENCH_DATA:-$root/../shared/data}")"
python="${BENCH_PYTHON:-/usr/bin/python3}"
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in bench/python
if [ "$omp" = default ]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY="$omp"; fi
want() { [[ "$parts" == *",$1,"* ]]; }

command -v wrk >/dev/null || { echo "bench: wrk not found: apt-get update && apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl not found" >&2; exit 1; }
[ -f "$data/modeldata_lending_club.csv" ] || { echo "bench: $data/modeldata_lending_club.csv not found (set BENCH_DATA)" >&2; exit 1; }
"$python" -c 'import xgboost, pandas, numpy, onnx' 2>/dev/null || {
  echo "bench: $python lacks xgboost/pandas/onnx: apt-get install -y python3-xgboost python3-pandas python3-onnx" >&2; exit 1; }
if want python; then
  "$python" -c 'import fastapi, uvicorn, sklearn' 2>/dev/null || {
    echo "bench: $python lacks fastapi/uvicorn/sklearn: apt-get install -y python3-fastapi python3-uvicorn python3-sklearn" >&2; exit 1; }
fi

# --- build ------------------------------------------------------------------------------------------------------
gyre_jar="$root/gyre-cli/target/gyre.jar"
case "${BENCH_BUILD:-none}" in
  all) echo "bench: building (mvnw install -DskipTests)..." >&2; ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true install >&2 ;;
  none) ;;
  *) echo "bench: BENCH_BUILD must be none or all" >&2; exit 1 ;;
esac
[ -f "$gyre_jar" ] || { echo "bench: $gyre_jar missing; build it: ./mvnw -q -B -ntp -DskipTests install" >&2; exit 1; }
java="$JAVA_HOME/bin/java"

[ "${BENCH_CLEAN:-0}" = 1 ] && rm -rf "$work"
mkdir -p "$work" "$work/logs"
# A snapshot of the CLI jar, so that a rebuild while the benchmark runs changes nothing under it.
cp -p "$gyre_jar" "$work/gyre.jar.tmp" && unzip -tq "$work/gyre.jar.tmp" >/dev/null \
  || { echo "bench: $gyre_jar is incomplete (being rebuilt?); try again" >&2; exit 1; }
mv "$work/gyre.jar.tmp" "$work/gyre.jar"
jar="$work/gyre.jar"

# HelloServer: the compiled class when gyre-bench has been built since its source changed (gyre-bench's pom needs
# io.helidon.webserver:helidon-webserver for that), otherwise the source file through the JDK's source launcher
# (compiled in memory at start-up, same JIT afterwards).
hello_src="${BENCH_HELLO_SRC:-$root/gyre-bench/src/main/java/dev/gyre/bench/serve/HelloServer.java}"
hello_class="$root/gyre-bench/target/classes/dev/gyre/bench/serve/HelloServer.class"
if [ -f "$hello_class" ] && [ "$hello_class" -nt "$hello_src" ]; then
  hello_cmd=(-cp "$root/gyre-bench/target/classes:$jar" dev.gyre.bench.serve.HelloServer)
else
  hello_cmd=(-cp "$jar" "$hello_src")
fi

results="$work/results.txt"
log="$work/bench.log"
: >"$results"
: >"$log"
rm -rf "$work/answers"
export GYRE_HOME="$work/home"   # `gyre serve` of local files needs no store; keep it off ~/.gyre all the same
mkdir -p "$GYRE_HOME"

# --- servers: one at a time, each in its own process group, all stopped on every exit ------------------------------
server_pid=""
server_name=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: $server_name did not stop within 15 s of SIGTERM; killing it" >&2
      kill -KILL -- "-$server_pid" 2>/dev/null || kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  # uvicorn workers left behind by a killed supervisor share its process group
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  server_pid=""
}
failed_steps=0
cleanup() {
  local rc=$?
  [ -z "$wrk_pid" ] || kill -TERM "$wrk_pid" 2>/dev/null || true
  stop_server
  if [ "$rc" != 0 ] && [ -n "$server_name" ] && [ -f "$work/logs/$server_name.log" ]; then
    echo "bench: failed (exit $rc); last lines of $work/logs/$server_name.log:" >&2
    tail -n 30 "$work/logs/$server_name.log" >&2 || true
  fi
  if [ "$rc" = 0 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$work/logs" "$work/home"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! port_in_use "$candidate"; then echo "$candidate"; return 0; fi
  done
  echo "bench: no free port found" >&2; return 1
}

# start_server NAME READY_PATH CMD...: starts CMD (which must listen on $port) and waits until READY_PATH answers 2xx.
start_server() {
  local name="$1" ready="$2"; shift 2
  server_name="$name"
  setsid "$@" >"$work/logs/$name.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port$ready" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: $name exited during start-up" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: $name was not ready within 120 s" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench: $name ready on port $port (pid $server_pid)" >&2
}
java_server() { # java_server NAME READY_PATH ARGS... (the JVM options every Java server gets)
  local name="$1" ready="$2"; shift 2
  # shellcheck disable=SC2086
  start_server "$name" "$ready" "$java" --enable-native-access=ALL-UNNAMED ${BENCH_SERVER_JAVA_OPTS:-} "$@"
}

# CPU seconds (user + system) used so far by the server's session (setsid; uvicorn workers included).
server_cpu() {
  local hz total=0 pid
  hz="$(getconf CLK_TCK)"
  for pid in $(ps -o pid= -s "$server_pid" 2>/dev/null); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

# Batches scored and rows in them so far, from gyre serve's /metrics (all models summed): "COUNT SUM".
batch_stats() {
  curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null \
    | awk '/^gyre_batch_rows_count[{ ]/ { c += $NF } /^gyre_batch_rows_sum[{ ]/ { s += $NF } END { printf "%d %.0f", c, s }' \
    || echo "0 0"
}

load() { # LOAD step=<name> load1=… load5=… load15=…
  read -r l1 l5 l15 _ </proc/loadavg
  echo "LOAD step=$1 load1=$l1 load5=$l5 load15=$l15" | tee -a "$results" >&2
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }

# wrk_run OUT_FILE LENGTH SCRIPT PATH BODY_FILE [wrk options]: wrk in the background, so that a signal stops the
# script (and, through cleanup, wrk and the server) at once rather than when wrk is done.
wrk_pid=""
wrk_run() {
  local out="$1" length="$2" script="$3" path="$4" body="$5"; shift 5
  URL_PATH="$path" BODY_FILE="$body" wrk -t"$threads" -c"$connections" -d"$length" --timeout 10s "$@" \
    -s "$root/bench/wrk/$script" "http://127.0.0.1:$port" >"$out" 2>&1 &
  wrk_pid=$!
  local rc=0
  wait "$wrk_pid" || rc=$?
  wrk_pid=""
  return "$rc"
}

# warm_up STEP LUA PATH [BODY_FILE]: wrk for $BENCH_WARMUP with the measurement's settings; errors are ignored.
warm_up() {
  if [ "$warmup" != 0 ] && [ "$warmup" != 0s ]; then
    wrk_run "$work/wrk.out" "$warmup" "$2" "$3" "${4:-}" || true
    { echo "== $1 (warm-up)"; cat "$work/wrk.out"; } >>"$log"
  fi
}

# measure STEP SERVER LUA PATH [BODY_FILE]: warm-up, then one wrk measurement; prints and records a RESULT line.
measure() {
  local step="$1" server="$2" script="$3" path="$4" body="${5:-}" out line cpu0 cpu1 t0 t1
  warm_up "$step" "$script" "$path" "$body"
  load "$step"
  local batches0=() batches1=() batch_fields=""
  [ "$server" != gyre ] || read -r -a batches0 <<<"$(batch_stats)"
  cpu0="$(server_cpu)"; t0="$(date +%s.%N)"
  wrk_run "$work/wrk.out" "$duration" "$script" "$path" "$body" --latency \
    || { cat "$work/wrk.out" >&2; echo "bench: wrk failed" >&2; exit 1; }
  out="$(cat "$work/wrk.out")"
  t1="$(date +%s.%N)"; cpu1="$(server_cpu)"
  if [ "$server" = gyre ]; then
    read -r -a batches1 <<<"$(batch_stats)"
    batch_fields=" batches=$((batches1[0] - batches0[0])) mean_batch_rows=$(awk -v c=$((batches1[0] - batches0[0])) -v r=$((batches1[1] - batches0[1])) 'BEGIN { printf "%.2f", (c > 0 ? r / c : 0) }')"
  fi
  { echo "== $step"; echo "$out"; } >>"$log"
  line="$(echo "$out" | grep '^WRK_RESULT ')" || { echo "$out" >&2; echo "bench: wrk printed no result" >&2; exit 1; }
  case "$line" in *" non2xx=0 socket_errors=0 "*) ;; *)
    echo "bench: $step: wrk saw errors ($line)" >&2; failed_steps=$((failed_steps + 1)) ;; esac
  echo "RESULT bench=serve step=$step server=$server path=$path connections=$connections wrk_threads=$threads duration=$duration ${line#WRK_RESULT } server_cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.2f", b - a }') server_cores=$(awk -v a="$cpu0" -v b="$cpu1" -v w0="$t0" -v w1="$t1" 'BEGIN { printf "%.2f", (b - a) / (w1 - w0) }')$batch_fields" \
    | tee -a "$results" >&2
}
# post_json NAME PATH BODY_FILE: one request with curl, the answer saved in $work/answers/NAME.json.
post_json() {
  local code
  mkdir -p "$work/answers"
  code="$(curl -sS -o "$work/answers/$1.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$3" "http://127.0.0.1:$port$2")" || code=000
  [ "$code" = 200 ] || { echo "bench: POST $2 answered $code: $(head -c 500 "$work/answers/$1.json" 2>/dev/null)" >&2; exit 1; }
}

py_versions="$("$python" -c '
import importlib
out = []
for m in ("xgboost", "pandas", "sklearn", "fastapi", "uvicorn", "onnx", "uvloop", "httptools"):
    try:
        out.append(m + "=" + importlib.import_module(m).__version__)
    except Exception:
        out.append(m + "=none")
print(" ".join(out))' 2>/dev/null)"
wrk_version="$( (wrk -v 2>&1 || true) | head -n 1 | awk '{ print $2 }')"
echo "bench: machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$java" -version 2>&1 | head -n 1), wrk $wrk_version, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "bench: measuring $gyre_jar of $(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- 2>/dev/null || echo ', with uncommitted changes')), copied to $jar" >&2
echo "MACHINE jar_built=$(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) git=$(git rev-parse --short HEAD 2>/dev/null || echo '?') cores=$(nproc) mem_gib=$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo) cpu=$(awk -F': ' '/model name/ { gsub(/ +/, "_", $2); print $2; exit }' /proc/cpuinfo) java=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}') wrk=$wrk_version $py_versions py_workers=$py_workers omp_wait_policy=${OMP_WAIT_POLICY:-unset} connections=$connections wrk_threads=$threads duration=$duration warmup=$warmup trees=$trees mlp_hidden=$hidden date=$(date -u +%Y-%m-%dT%H:%MZ)" | tee -a "$results" >&2

# --- 0. inputs ----------------------------------------------------------------------------------------------------
if [ ! -f "$work/inputs.done" ] || [ "$(cat "$work/inputs.done")" != "trees=$trees hidden=$hidden" ]; then
  echo "bench: preparing inputs in $work..." >&2
  "$python" - "$data/modeldata_lending_club.csv" "$work" "$trees" "$hidden" <<'PY' 2>&1 | tee -a "$log" >&2
import json, os, sys
import numpy as np, pandas as pd, xgboost as xgb
from onnx import TensorProto, checker, helper, numpy_helper

csv, work, trees, hidden = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
df = pd.read_csv(csv)
features = [c for c in df.columns if c != "Class" and pd.api.types.is_numeric_dtype(df[c])]
x = df[features].astype("float32")
y = (df["Class"] == "bad").astype("float32")
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1, "base_score": 0.5,
          "seed": 42, "nthread": 2}
booster = xgb.train(params, xgb.DMatrix(x, label=y), num_boost_round=trees)
booster.save_model(os.path.join(work, "model.ubj"))
row = [float(v) for v in x.iloc[0].tolist()]
with open(os.path.join(work, "oip-xgb.json"), "w") as f:
    json.dump({"inputs": [{"name": "input-0", "shape": [1, len(features)], "datatype": "FP32", "data": row}]}, f)
with open(os.path.join(work, "mlflow-xgb.json"), "w") as f:
    json.dump({"dataframe_split": {"columns": features, "data": [row]}}, f)
expected = float(booster.predict(xgb.DMatrix(pd.DataFrame([row], columns=features)))[0])
print(f"RESULT bench=serve_setup model=model.ubj rows={len(df)} features={len(features)} trees={trees}"
      f" expected_row0={expected!r}")

# mlp.onnx: prob = Sigmoid(Relu(Relu(x W1 + b1) W2 + b2) W3 + b3), seeded weights, x FP32 [N, 32]
rng = np.random.default_rng(42)
n_in = 32
w1 = (rng.standard_normal((n_in, hidden)) / np.sqrt(n_in)).astype(np.float32)
w2 = (rng.standard_normal((hidden, hidden)) / np.sqrt(hidden)).astype(np.float32)
w3 = (rng.standard_normal((hidden, 1)) / np.sqrt(hidden)).astype(np.float32)
b1, b2, b3 = (np.zeros(hidden, np.float32), np.zeros(hidden, np.float32), np.zeros(1, np.float32))
inits = [numpy_helper.from_array(a, n) for a, n in ((w1, "W1"), (b1, "B1"), (w2, "W2"), (b2, "B2"), (w3, "W3"), (b3, "B3"))]
nodes = [
    helper.make_node("MatMul", ["x", "W1"], ["m1"]), helper.make_node("Add", ["m1", "B1"], ["a1"]),
    helper.make_node("Relu", ["a1"], ["h1"]),
    helper.make_node("MatMul", ["h1", "W2"], ["m2"]), helper.make_node("Add", ["m2", "B2"], ["a2"]),
    helper.make_node("Relu", ["a2"], ["h2"]),
    helper.make_node("MatMul", ["h2", "W3"], ["m3"]), helper.make_node("Add", ["m3", "B3"], ["a3"]),
    helper.make_node("Sigmoid", ["a3"], ["prob"]),
]
graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", n_in])],
                          [helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["N", 1])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="gyre bench/serve.sh")
model.ir_version = 8
checker.check_model(model)
with open(os.path.join(work, "mlp.onnx"), "wb") as f:
    f.write(model.SerializeToString())
xrow = rng.standard_normal(n_in).astype(np.float32)
with open(os.path.join(work, "oip-mlp.json"), "w") as f:
    json.dump({"inputs": [{"name": "x", "shape": [1, n_in], "datatype": "FP32", "data": [float(v) for v in xrow]}]}, f)
h = np.maximum(np.maximum(xrow @ w1 + b1, 0) @ w2 + b2, 0)
prob = float(1 / (1 + np.exp(-(h @ w3 + b3)[0])))
params_count = sum(a.size for a in (w1, b1, w2, b2, w3, b3))
print(f"RESULT bench=serve_setup model=mlp.onnx inputs={n_in} hidden={hidden} params={params_count} expected_row0={prob!r}")
PY
  echo "trees=$trees hidden=$hidden" >"$work/inputs.done"
  grep '^RESULT bench=serve_setup' "$log" >"$work/setup.txt"
fi
cat "$work/setup.txt" >>"$results"

# --- 1. hello-JSON baseline on the same HTTP stack ---------------------------------------------------------------
if want hello; then
  port="$(free_port)"
  load hello_start
  java_server hello /hello "${hello_cmd[@]}" "$port"
  measure hello_get hello serve-get.lua /hello
  measure hello_post hello serve-post.lua /hello "$work/oip-xgb.json"
  stop_server
fi

# --- 2. gyre serve, XGBoost: OIP v2 REST and MLflow scoring ------------------------------------------------------
if want gyre; then
  port="$(free_port)"
  load gyre_xgb_start
  java_server gyre_xgb /v2/health/ready -jar "$jar" serve "xgb=$work/model.ubj" --port "$port" --grpc-port -1
  post_json gyre_oip /v2/models/xgb/infer "$work/oip-xgb.json"
  post_json gyre_invocations /invocations "$work/mlflow-xgb.json"
  # Both endpoints share most of the server's code: warm the second one up as well before measuring the first, so
  # that the order of the two measurements does not favour the second.
  warm_up gyre_invocations_xgb serve-post.lua /invocations "$work/mlflow-xgb.json"
  measure gyre_oip_xgb gyre serve-post.lua /v2/models/xgb/infer "$work/oip-xgb.json"
  measure gyre_invocations_xgb gyre serve-post.lua /invocations "$work/mlflow-xgb.json"
  stop_server
fi

# --- 3. the Python peer: FastAPI + uvicorn + pandas + xgboost, MLflow-style /invocations -------------------------
if want python; then
  port="$(free_port)"
  load python_start
  start_server python_fastapi /ping "$python" "$root/bench/python/serve_fastapi.py" --model "$work/model.ubj" \
    --port "$port" --workers "$py_workers"
  post_json python_invocations /invocations "$work/mlflow-xgb.json"
  measure python_invocations_xgb python serve-post.lua /invocations "$work/mlflow-xgb.json"
  stop_server
fi

# --- 4. dynamic batching: an ONNX MLP at --max-batch-size 1 and at the default --------------------------------------
if want batching; then
  for batch in 1 default; do
    port="$(free_port)"
    load "gyre_mlp_b${batch}_start"
    extra=()
    [ "$batch" = default ] || extra=(--max-batch-size "$batch")
    java_server "gyre_mlp_b$batch" /v2/health/ready -jar "$jar" serve "mlp=$work/mlp.onnx" --port "$port" --grpc-port -1 "${extra[@]}"
    post_json "gyre_mlp_b$batch" /v2/models/mlp/infer "$work/oip-mlp.json"
    measure "gyre_oip_mlp_b$batch" gyre serve-post.lua /v2/models/mlp/infer "$work/oip-mlp.json"
    stop_server
  done
fi

# --- 5. gRPC: `gyre serve --grpc-port 0`, inference.GRPCInferenceService/ModelInfer with the same row -------------
# The load generator is dev.gyre.bench.serve.GrpcLoad (gyre-bench): closed loop like wrk, $BENCH_WRK_CONNECTIONS
# calls in flight over min(connections, 4) HTTP/2 channels, async stub; it warms up for $BENCH_WARMUP itself (same
# JVM, so its own JIT is warm too), then measures for $BENCH_DURATION and prints the RESULT line with wrk's keys
# (non2xx: non-OK statuses and answers without the model's outputs; socket_errors: UNAVAILABLE and
# DEADLINE_EXCEEDED). The server's CPU (-Dgyre.bench.server-pid) and the batch counters of /metrics
# (-Dgyre.bench.metrics-url) are read by GrpcLoad at the start and end of its measurement window, warm-up excluded;
# client_cores is GrpcLoad's own CPU. Like HelloServer, it runs from gyre-bench/target/classes when compiled there
# since its source changed, otherwise from its source file with the CLI jar (which has grpc-java, the stubs, Jackson).
grpc_src="${BENCH_GRPC_SRC:-$root/gyre-bench/src/main/java/dev/gyre/bench/serve/GrpcLoad.java}"
grpc_class="$root/gyre-bench/target/classes/dev/gyre/bench/serve/GrpcLoad.class"
if [ -f "$grpc_class" ] && [ "$grpc_class" -nt "$grpc_src" ]; then
  grpc_cmd=(-cp "$root/gyre-bench/target/classes:$jar" dev.gyre.bench.serve.GrpcLoad)
else
  grpc_cmd=(-cp "$jar" "$grpc_src")
fi
run_grpc() {
  local step=gyre_grpc_xgb name=gyre_xgb_grpc addr="" out="$work/grpc.out" line answer rc=0
  port="$(free_port)"
  load gyre_xgb_grpc_start
  java_server "$name" /v2/health/ready -jar "$jar" serve "xgb=$work/model.ubj" --port "$port" --grpc-port 0
  # The address is announced once both servers are up (HTTP may answer ready a moment before).
  local deadline=$((SECONDS + 30))
  until addr="$(sed -n 's/^gRPC (inference.GRPCInferenceService): \([^ ]*\).*$/\1/p' "$work/logs/$name.log" \
      | head -n 1)" && [ -n "$addr" ]; do
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: $name exited during start-up" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: $name printed no gRPC address within 30 s" >&2; exit 1; }
    sleep 0.2
  done
  case "$addr" in 0.0.0.0:*|"[::]":*|"::":*) addr="127.0.0.1:${addr##*:}" ;; esac
  echo "bench: $name: gRPC on $addr" >&2
  load "$step"
  "$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dgyre.bench.step="$step" \
    -Dgyre.bench.server-pid="$server_pid" -Dgyre.bench.metrics-url="http://127.0.0.1:$port/metrics" \
    "${grpc_cmd[@]}" "$addr" xgb "$work/oip-xgb.json" "$duration" "$connections" "$warmup" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || rc=$?
  wrk_pid=""
  { echo "== $step (GrpcLoad, warm-up included)"; cat "$out"; } >>"$log"
  [ "$rc" = 0 ] || { cat "$out" >&2; echo "bench: GrpcLoad failed (exit $rc)" >&2; exit 1; }
  # The row as scored over gRPC, for the CHECK below (the same shape as an OIP REST answer).
  answer="$(sed -n 's/^GRPC_ANSWER .* value=\([^ ]*\)$/\1/p' "$out" | head -n 1)"
  [[ "$answer" =~ ^-?[0-9][0-9.]*([eE][-+]?[0-9]+)?$ ]] \
    || { cat "$out" >&2; echo "bench: GrpcLoad printed no numeric answer (GRPC_ANSWER)" >&2; exit 1; }
  mkdir -p "$work/answers"
  echo "{\"outputs\": [{\"data\": [$answer]}]}" >"$work/answers/gyre_grpc.json"
  line="$(grep '^RESULT bench=serve step=' "$out")" \
    || { cat "$out" >&2; echo "bench: GrpcLoad printed no result" >&2; exit 1; }
  case "$line" in *" non2xx=0 socket_errors=0 "*) ;; *)
    grep -v '^RESULT ' "$out" | tail -n 5 >&2
    echo "bench: $step: GrpcLoad saw errors ($line)" >&2; failed_steps=$((failed_steps + 1)) ;; esac
  case "$line" in *" requests=0 "*)
    echo "bench: $step: no call completed in the window ($line)" >&2; failed_steps=$((failed_steps + 1)) ;; esac
  echo "RESULT bench=serve step=$step server=gyre path=ModelInfer ${line#RESULT bench=serve step="$step" }" \
    | tee -a "$results" >&2
  stop_server
}
if want grpc; then run_grpc; fi

load end

# --- answers: Gyre and Python must score the row alike -----------------------------------------------------------
if [ -d "$work/answers" ]; then
  "$python" - "$work" <<'PY' | tee -a "$results" >&2
import glob, json, os, sys
work = sys.argv[1]
expected = {}
with open(os.path.join(work, "setup.txt")) as f:
    for line in f:
        kv = dict(p.split("=", 1) for p in line.split()[1:])
        expected[kv["model"]] = float(kv["expected_row0"])
def value(doc):
    if "outputs" in doc:  # OIP v2
        return float(doc["outputs"][0]["data"][0])
    p = doc["predictions"]  # MLflow: [v], [[v]] or [{"name": v}]
    while isinstance(p, list):
        p = p[0]
    if isinstance(p, dict):
        p = next(iter(p.values()))
    return float(p)
for path in sorted(glob.glob(os.path.join(work, "answers", "*.json"))):
    name = os.path.basename(path)[:-5]
    with open(path) as f:
        got = value(json.load(f))
    want = expected["mlp.onnx" if "mlp" in name else "model.ubj"]
    ok = abs(got - want) <= 1e-5
    print(f"CHECK name=answer_{name} ok={'true' if ok else 'false'} got={got!r} expected={want!r}")
PY
fi

echo >&2
status=0
"$python" bench/python/serve_report.py "$results" >"$work/report.md" || status=$?
cat "$work/report.md"
if grep -q '^CHECK .* ok=false' "$results"; then echo "bench: a CHECK failed (see above)" >&2; status=1; fi
if [ "$failed_steps" != 0 ]; then echo "bench: $failed_steps measurement(s) saw non-2xx answers or socket errors" >&2; status=1; fi
echo "bench: raw lines in $results, wrk output in $log, table in $work/report.md" >&2
exit "$status"
