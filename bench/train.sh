#!/usr/bin/env bash
# Modeling-stage benchmarks (XGBoost training, tuning overhead), side by side with Python's xgboost — the single
# source of truth for the "Modeling stage" numbers in docs/benchmarks.md.
#
# What it does (every step prints RESULT lines that are collected into $BENCH_WORK/results.txt):
#   0. prepares its inputs once (dev.gyre.bench.train.TrainSetup) in $BENCH_WORK: lending.csv (modeldata_lending_club,
#      9,857 rows) and flights-1m.csv (a seeded 1M-row sample of flights-3m.parquet, label delay > 15), each the
#      purely numeric matrix Gyre's automatic feature pipeline produces, with a 0/1 label and a fixed 80/20
#      train/test split column, so that both sides train on the very same numbers and only training is compared;
#   1. for each file: Gyre's XGBoostTrainer.train (dev.gyre.bench.train.TrainBench: DMatrix + 200 rounds + the
#      per-round training-set metrics Gyre records; and plain XGBoost4J as a reference), then Python's xgb.train
#      (bench/python/xgb_train.py: with evals=[train], the same work, and without), same parameters, threads and
#      seed, median of BENCH_REPS after BENCH_WARMUP; test AUC on both sides;
#   2. tuning overhead (dev.gyre.bench.train.TuneOverheadBench): Tuner.search (random, BENCH_TRIALS trials,
#      parallelism 1) against the same trainings in a loop, and the store calls `gyre tune` makes per trial on an
#      embedded H2 store;
# then checks and a table (bench/python/train_report.py): same inputs and params on both sides and the same test AUC
# within 0.002 (the script fails otherwise); the targets (training time <= 1.1x Python's, tuning overhead <= 5%)
# are reported as met or missed. The load average is recorded before every step: on a busy machine timings are
# noisy, and both sides use BENCH_THREADS native threads.
#
# Needs: a JDK >= 25, the shaded CLI jar gyre-cli/target/gyre.jar (./mvnw -q -B -ntp -DskipTests install), Debian's
# xgboost 1.7, scikit-learn and pandas for /usr/bin/python3 (apt-get install -y python3-xgboost python3-sklearn
# python3-pandas), ~150 MB free under $BENCH_WORK. Runs in about 8-10 minutes on 2 cores (flights: ~50 s a training).
# Knobs (environment):
#   BENCH_WORK=${TMPDIR:-/tmp}/gyre-train-bench   inputs (kept and reused) and results; BENCH_CLEAN=1 regenerates
#   BENCH_DATA=<root>/../shared/data              the shared real datasets
#   BENCH_WARMUP=1 / BENCH_REPS=3                 trainings per variant on lending.csv (both sides)
#   BENCH_BIG_WARMUP=1 / BENCH_BIG_REPS=2         the same on flights-1m.csv (~50 s per training on 2 busy cores)
#   BENCH_THREADS=2                               nthread on both sides (and the tuner's cores)
#   BENCH_TRIALS=10 / BENCH_PASSES=2              tuning trials per pass, alternating direct/tuner passes
#   BENCH_STORE_TRIALS=50                         trials' worth of store calls timed alone
#   BENCH_RAW=1                                   also time plain XGBoost4J (0: skip)
#   BENCH_OMP_WAIT_POLICY=PASSIVE                 OMP_WAIT_POLICY for both sides (libgomp); `default` leaves it
#                                                 unset. With the default (spinning) policy, a machine where other
#                                                 work competes for the cores gives 10-30x outliers on both sides.
#   BENCH_BUILD=bench     compile gyre-bench only when stale (default); all: `mvnw install -DskipTests` first;
#                         none: use the classes as they are
#   BENCH_PYTHON=/usr/bin/python3
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. ./bin/find-jdk.sh

work="${BENCH_WORK:-${TMPDIR:-/tmp}/gyre-train-bench}"
data="$(readlink -f "${BENCH_DATA:-$root/../shared/data}")"
warmup="${BENCH_WARMUP:-1}"
reps="${BENCH_REPS:-3}"
big_warmup="${BENCH_BIG_WARMUP:-1}"
big_reps="${BENCH_BIG_REPS:-2}"
threads="${BENCH_THREADS:-2}"
trials="${BENCH_TRIALS:-10}"
passes="${BENCH_PASSES:-2}"
store_trials="${BENCH_STORE_TRIALS:-50}"
raw="${BENCH_RAW:-1}"
omp="${BENCH_OMP_WAIT_POLICY:-PASSIVE}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in bench/python
if [ "$omp" = default ]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY="$omp"; fi
gyre_jar="$root/gyre-cli/target/gyre.jar"
classes="$root/gyre-bench/target/classes"

for f in flights-3m.parquet modeldata_lending_club.csv; do
  [ -f "$data/$f" ] || { echo "bench: $data/$f not found (set BENCH_DATA)" >&2; exit 1; }
done
"$python" -c 'import xgboost, sklearn, pandas' 2>/dev/null || {
  echo "bench: $python lacks xgboost/sklearn/pandas: apt-get update && apt-get install -y python3-xgboost python3-sklearn python3-pandas" >&2
  exit 1
}

# --- build ------------------------------------------------------------------------------------------------------
case "${BENCH_BUILD:-bench}" in
  all) echo "bench: building (mvnw install -DskipTests)..." >&2; ./mvnw -q -B -ntp -DskipTests install >&2 ;;
  bench)
    if [ ! -f "$classes/dev/gyre/bench/train/TrainSetup.class" ] \
      || [ -n "$(find gyre-bench/src/main gyre-bench/pom.xml -newer "$classes/dev/gyre/bench/train/TrainSetup.class" -print -quit 2>/dev/null)" ]; then
      echo "bench: compiling gyre-bench..." >&2
      ./mvnw -q -B -ntp -o compile -Dspotless.check.skip=true -pl gyre-bench >&2
    fi ;;
  none) ;;
  *) echo "bench: BENCH_BUILD must be bench, all or none" >&2; exit 1 ;;
esac
[ -f "$gyre_jar" ] || { echo "bench: $gyre_jar missing; build it: ./mvnw -q -B -ntp -DskipTests install" >&2; exit 1; }

java="$JAVA_HOME/bin/java"
jmain() { "$java" --enable-native-access=ALL-UNNAMED "$@"; }

[ "${BENCH_CLEAN:-0}" = 1 ] && rm -rf "$work"
mkdir -p "$work"
# A snapshot of the CLI jar (it carries gyre-train, gyre-model, XGBoost4J, DuckDB, H2), so that a rebuild while the
# benchmark runs changes nothing under it; DuckDB's native library lives beside it (gyre-cli/pom.xml).
cp -p "$gyre_jar" "$work/gyre.jar.tmp" && unzip -tq "$work/gyre.jar.tmp" >/dev/null \
  || { echo "bench: $gyre_jar is incomplete (being rebuilt?); try again" >&2; exit 1; }
mv "$work/gyre.jar.tmp" "$work/gyre.jar"
cp -p "$root"/gyre-cli/target/libduckdb_java.so_* "$work/"
echo "bench: measuring $gyre_jar of $(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) (git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- 2>/dev/null || echo ', with uncommitted changes')), copied to $work/gyre.jar" >&2
cp="$classes:$work/gyre.jar"
results="$work/results.txt"
log="$work/bench.log"
: >"$results"
: >"$log"

load() { # LOAD step=<name> load1=… load5=… load15=…
  read -r l1 l5 l15 _ </proc/loadavg
  echo "LOAD step=$1 load1=$l1 load5=$l5 load15=$l15" | tee -a "$results" >&2
}
collect() { tee -a "$log" | grep -E '^(RESULT|CHECK) ' | tee -a "$results" >&2 || true; }

xgb4j=$(unzip -p "$work/gyre.jar" xgboost4j-version.properties 2>/dev/null | sed -n 's/^version=//p' || true)
echo "bench: machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$java" -version 2>&1 | head -1), OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}" >&2
echo "MACHINE jar_built=$(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) git=$(git rev-parse --short HEAD) cores=$(nproc) java=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}') xgboost4j=${xgb4j:-?} xgboost=$("$python" -c 'import xgboost; print(xgboost.__version__)') sklearn=$("$python" -c 'import sklearn; print(sklearn.__version__)') omp_wait_policy=${OMP_WAIT_POLICY:-unset} threads=$threads date=$(date -u +%Y-%m-%dT%H:%MZ)" >>"$results"

# --- 0. inputs ----------------------------------------------------------------------------------------------------
echo "bench: preparing inputs in $work (once)..." >&2
jmain -cp "$cp" dev.gyre.bench.train.TrainSetup "$work" "$data" 2>&1 | grep -v '^\(SLF4J\|[0-9:. ]*\(DEBUG\|INFO\)\)' >&2 || true
for f in lending.csv flights-1m.csv; do
  [ -f "$work/$f" ] || { echo "bench: $work/$f was not written" >&2; exit 1; }
done

# --- 1. training, Gyre and Python ---------------------------------------------------------------------------------
train_pair() { # <file> <warm-up> <reps>
  local f="$1" w="$2" n="$3" step="${1%.csv}"
  load "train_${step}_gyre"
  jmain -cp "$cp" dev.gyre.bench.train.TrainBench "$work/$f" "$w" "$n" "$threads" "$raw" 2>&1 | collect
  load "train_${step}_python"
  "$python" bench/python/xgb_train.py "$work/$f" "$w" "$n" "$threads" 2>&1 | collect
}
train_pair lending.csv "$warmup" "$reps"
train_pair flights-1m.csv "$big_warmup" "$big_reps"

# --- 2. tuning overhead -------------------------------------------------------------------------------------------
load tune_overhead
jmain -cp "$cp" dev.gyre.bench.train.TuneOverheadBench "$work/lending.csv" "$trials" "$passes" "$threads" \
  "$store_trials" 2>&1 | collect
load end

echo >&2
status=0
"$python" bench/python/train_report.py "$results" >"$work/report.md" || status=$?
grep '^CHECK ' "$work/report.md" >>"$results" || true
grep -v '^CHECK ' "$work/report.md"
grep '^CHECK ' "$work/report.md" >&2 || true
echo "bench: raw lines in $results, full output in $log, table in $work/report.md" >&2
exit "$status"
