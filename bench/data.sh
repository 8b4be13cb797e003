#!/usr/bin/env bash
# Data-stage benchmarks (profile, compare, per-column drift statistics), side by side with pandas and scipy — the
# single source of truth for the "Data stage" numbers in docs/benchmarks.md.
#
# What it does (every step prints RESULT/CHECK lines that are collected into $BENCH_WORK/results.txt):
#   0. prepares its inputs once with DuckDB (dev.gyre.bench.data.DataSetup) in $BENCH_WORK: flights-3m.csv (the
#      Parquet file as CSV), flights-10m.csv (the flights rows repeated with shifted dates), the delay column of rows
#      0-1M and 2M-3M as raw doubles, and the two halves of the Lending Club data;
#   1. `gyre data profile flights-3m.parquet --json` as a cold CLI process (median of BENCH_COLD_REPS, peak RSS)
#      and warm in one JVM (dev.gyre.bench.data.ProfileBench: DatasetProfiler.profile, median after warm-up), and
#      one bare DuckDB pass over the file (dev.gyre.bench.data.ScanBench), the floor per pass of any DuckDB profile;
#   2. the same on flights-3m.csv, and the pandas peer (bench/python/pandas_profile.py: read_csv + describe() +
#      value_counts() + quantile() + nunique()) on that CSV, whose exact numbers check Gyre's profile;
#   3. the 10M-row CSV profiled by the CLI with -Xmx512m (wall, peak RSS, GC log) and in one JVM with -Xmx512m
#      (peak heap from the memory pools);
#   4. comparing two profiles of 23 features (ProfileDrift.compare) in one JVM, and `gyre data compare` cold;
#   5. KS + Wasserstein for one column, 1M vs 1M: Gyre from sketches and exact (dev.gyre.bench.data.DriftBench)
#      against scipy's ks_2samp + wasserstein_distance (bench/python/scipy_drift.py), checking the values agree;
# then prints a table (bench/python/report.py). The load average is recorded before every step: on a busy machine
# all numbers are lower bounds, and Gyre and the peers are hurt differently (Gyre uses both cores, pandas one).
#
# Needs: a JDK >= 25, the shaded CLI jar gyre-cli/target/gyre.jar (built by `./mvnw -q -B -ntp -DskipTests
# install`), Debian's pandas and scipy for /usr/bin/python3 (sudo apt-get install -y python3-pandas python3-scipy),
# GNU time (/usr/bin/time, optional: peak RSS), ~500 MB free under $BENCH_WORK. Runs in about 3-5 minutes.
# Knobs (environment):
#   BENCH_WORK=${TMPDIR:-/tmp}/gyre-data-bench   inputs (kept and reused) and results; BENCH_CLEAN=1 regenerates
#   BENCH_DATA=<root>/../shared/data             the shared real datasets
#   BENCH_COLD_REPS=5     CLI processes per cold measurement       BENCH_WARMUP=2 / BENCH_ROUNDS=5  warm profile
#   BENCH_PEER_REPS=3     pandas processes                         BENCH_DRIFT_ROUNDS=5  drift rounds (both sides)
#   BENCH_CSV_REPS=3      CLI processes and warm rounds (after 1 warm-up) for the 3M-row CSV
#   BENCH_BUILD=bench     compile gyre-bench only when stale (default); all: `mvnw install -DskipTests` first;
#                         none: use the classes as they are
#   BENCH_PYTHON=/usr/bin/python3
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. ./bin/find-jdk.sh

work="${BENCH_WORK:-${TMPDIR:-/tmp}/gyre-data-bench}"
data="$(readlink -f "${BENCH_DATA:-$root/../shared/data}")"
cold_reps="${BENCH_COLD_REPS:-5}"
warmup="${BENCH_WARMUP:-2}"
rounds="${BENCH_ROUNDS:-5}"
peer_reps="${BENCH_PEER_REPS:-3}"
csv_reps="${BENCH_CSV_REPS:-3}"
drift_rounds="${BENCH_DRIFT_ROUNDS:-5}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in bench/python
gyre_jar="$root/gyre-cli/target/gyre.jar"
classes="$root/gyre-bench/target/classes"

[ -f "$data/flights-3m.parquet" ] || { echo "bench: $data/flights-3m.parquet not found (set BENCH_DATA)" >&2; exit 1; }
"$python" -c 'import pandas, scipy' 2>/dev/null || {
  echo "bench: $python lacks pandas/scipy: sudo apt-get update && sudo apt-get install -y python3-pandas python3-scipy" >&2
  exit 1
}

# --- build ------------------------------------------------------------------------------------------------------
case "${BENCH_BUILD:-bench}" in
  all) echo "bench: building (mvnw install -DskipTests)..." >&2; ./mvnw -q -B -ntp -DskipTests install >&2 ;;
  bench)
    if [ ! -d "$classes/dev/gyre/bench/data" ] \
      || [ -n "$(find gyre-bench/src/main gyre-bench/pom.xml -newer "$classes/dev/gyre/bench/data/DataSetup.class" -print -quit 2>/dev/null)" ]; then
      echo "bench: compiling gyre-bench..." >&2
      ./mvnw -q -B -ntp -o compile -Dspotless.check.skip=true -pl gyre-bench >&2
    fi ;;
  none) ;;
  *) echo "bench: BENCH_BUILD must be bench, all or none" >&2; exit 1 ;;
esac
[ -f "$gyre_jar" ] || { echo "bench: $gyre_jar missing; build it: ./mvnw -q -B -ntp -DskipTests install" >&2; exit 1; }

java="$JAVA_HOME/bin/java"
jmain() { "$java" --enable-native-access=ALL-UNNAMED "$@"; }
gtime=""
[ -x /usr/bin/time ] && gtime=/usr/bin/time

[ "${BENCH_CLEAN:-0}" = 1 ] && rm -rf "$work"
mkdir -p "$work"
# A snapshot of the CLI jar, so that a rebuild while the benchmark runs changes nothing under it.
cp -p "$gyre_jar" "$work/gyre.jar.tmp" && unzip -tq "$work/gyre.jar.tmp" >/dev/null \
  || { echo "bench: $gyre_jar is incomplete (being rebuilt?); try again" >&2; exit 1; }
mv "$work/gyre.jar.tmp" "$work/gyre.jar"
# DuckDB's native libraries live beside the jar (gyre-cli/pom.xml), where the driver loads them without unpacking.
cp -p "$root"/gyre-cli/target/libduckdb_java.so_* "$work/"
echo "bench: measuring $gyre_jar of $(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) (git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- 2>/dev/null || echo ', with uncommitted changes')), copied to $work/gyre.jar" >&2
gyre_jar="$work/gyre.jar"
cp="$classes:$gyre_jar"
results="$work/results.txt"
log="$work/bench.log"
: >"$results"
: >"$log"
export GYRE_HOME="$work/gyre-home"   # the CLI writes nothing here for `data`, but never into the user's home
mkdir -p "$GYRE_HOME"

load() { # LOAD step=<name> load1=… load5=… load15=…
  read -r l1 l5 l15 _ </proc/loadavg
  echo "LOAD step=$1 load1=$l1 load5=$l5 load15=$l15" | tee -a "$results" >&2
}
collect() { tee -a "$log" | grep -E '^(RESULT|CHECK) ' | tee -a "$results" >&2 || true; }

# Runs a command once (its output redirected by the caller) and leaves "<wall seconds> <peak RSS KiB>" in
# $work/.time (RSS 0 without GNU time).
timed() {
  if [ -n "$gtime" ]; then
    "$gtime" -f '%e %M' -o "$work/.time" "$@"
  else
    local t0 t1
    t0=$(date +%s%N); "$@"; t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f 0\n", (b - a) / 1e9 }' >"$work/.time"
  fi
}
# Median wall time and max RSS of N runs of a command: "RESULT bench=<name> ... median_ms=… rss_mib=…"; the
# RESULT lines the command prints itself are collected too (its other output is dropped).
cold() {
  local name="$1" file="$2" reps="$3"; shift 3
  local i walls="" rss=0 w r internal=""
  for i in $(seq 1 "$reps"); do
    timed "$@" 2>"$work/.stderr" | { grep -E '^RESULT ' || true; } | collect
    read -r w r < <(tail -1 "$work/.time")
    walls="$walls $w"
    [ "$r" -gt "$rss" ] && rss=$r
    internal=$(grep -oE 'in [0-9.]+ s' "$work/.stderr" | tail -1 || true)
    echo "  $name run $i: ${w}s, RSS $((r / 1024)) MiB ${internal:+(CLI says: $internal)}" >&2
  done
  echo "$walls" | tr ' ' '\n' | grep . | sort -n | awk -v n="$name" -v f="$file" -v k="$reps" -v rss="$rss" '
    { v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "RESULT bench=%s file=%s reps=%d median_ms=%.0f min_ms=%.0f rss_mib=%d\n", n, f, k, m * 1000, v[1] * 1000, rss / 1024
    }' | collect
}

echo "bench: machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$java" -version 2>&1 | head -1)" >&2
echo "MACHINE jar_built=$(date -u -r "$gyre_jar" +%Y-%m-%dT%H:%MZ) git=$(git rev-parse --short HEAD) cores=$(nproc) java=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}') pandas=$("$python" -c 'import pandas; print(pandas.__version__)') scipy=$("$python" -c 'import scipy; print(scipy.__version__)') date=$(date -u +%Y-%m-%dT%H:%MZ)" >>"$results"

# --- 0. inputs ----------------------------------------------------------------------------------------------------
echo "bench: preparing inputs in $work (once)..." >&2
jmain -cp "$cp" dev.gyre.bench.data.DataSetup "$work" "$data" >&2

parquet="$data/flights-3m.parquet"
csv="$work/flights-3m.csv"
big="$work/flights-10m.csv"

# --- 1. profile flights-3m.parquet --------------------------------------------------------------------------------
load profile_small_cold   # the fixed cost of a CLI process: JVM start, class loading, DuckDB's native library
cold profile_cli_cold weather.csv "$cold_reps" "$java" -jar "$gyre_jar" data profile "$data/weather.csv" --json
load profile_parquet_cold
cold profile_cli_cold flights-3m.parquet "$cold_reps" "$java" -jar "$gyre_jar" data profile "$parquet" --json
load profile_parquet_warm
jmain -cp "$cp" dev.gyre.bench.data.ProfileBench "$parquet" "$warmup" "$rounds" | collect
jmain -cp "$cp" dev.gyre.bench.data.ScanBench "$parquet" 3 | collect

# --- 2. profile flights-3m.csv, Gyre and pandas ---------------------------------------------------------------------
load profile_csv_cold
cold profile_cli_cold flights-3m.csv "$csv_reps" "$java" -jar "$gyre_jar" data profile "$csv" --json
"$java" -jar "$gyre_jar" data profile "$csv" --json >"$work/gyre-flights-3m.csv.json" 2>/dev/null
load profile_csv_warm
jmain -cp "$cp" dev.gyre.bench.data.ProfileBench "$csv" 1 "$csv_reps" | collect
jmain -cp "$cp" dev.gyre.bench.data.ScanBench "$csv" 3 | collect
load profile_pandas
cold profile_pandas_process flights-3m.csv "$peer_reps" "$python" bench/python/pandas_profile.py "$csv"
"$python" bench/python/pandas_profile.py "$csv" "$work/gyre-flights-3m.csv.json" | grep '^CHECK ' | collect

# --- 3. 10M-row CSV with a 512 MB heap ------------------------------------------------------------------------------
load profile_10m
timed "$java" -Xmx512m -Xlog:gc:file="$work/gc-10m.log" -jar "$gyre_jar" data profile "$big" --json \
  2>"$work/.stderr" >"$work/gyre-10m.json"
read -r w r < <(tail -1 "$work/.time")
gc_peak=$(grep -oE '[0-9]+M->' "$work/gc-10m.log" | sed 's/M->//' | sort -n | tail -1)
gc_count=$(grep -c 'Pause' "$work/gc-10m.log" || true)
rows=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["row_count"])' "$work/gyre-10m.json")
echo "RESULT bench=profile_10m_cli file=flights-10m.csv xmx_mib=512 rows=$rows median_ms=$(awk -v w="$w" 'BEGIN{printf "%.0f", w*1000}') rss_mib=$((r / 1024)) gc_pauses=$gc_count gc_peak_before_mib=${gc_peak:-0}" | collect
jmain -Xmx512m -cp "$cp" dev.gyre.bench.data.ProfileBench "$big" 0 1 | sed 's/bench=profile_warm/bench=profile_10m_jvm/' | collect

# --- 4. compare two profiles (23 features) --------------------------------------------------------------------------
load compare
jmain -cp "$cp" dev.gyre.bench.data.CompareBench "$work/lending-ref.csv" "$work/lending-cur.csv" 200 | collect
cold compare_cli_cold lending-halves.profile.json "$cold_reps" \
  sh -c '"$0" -jar "$1" data compare "$2" "$3" || [ $? = 1 ]' "$java" "$gyre_jar" \
  "$work/lending-ref.csv.profile.json" "$work/lending-cur.csv.profile.json"

# --- 5. KS + Wasserstein, 1M vs 1M ----------------------------------------------------------------------------------
load drift
jmain -cp "$cp" dev.gyre.bench.data.DriftBench "$work/delay-ref.f64" "$work/delay-cur.f64" "$drift_rounds" | collect
("$python" bench/python/scipy_drift.py "$work/delay-ref.f64" "$work/delay-cur.f64" "$drift_rounds" "$results") | collect
load end

echo >&2
"$python" bench/python/report.py "$results"
echo "bench: raw lines in $results, full output in $log" >&2
