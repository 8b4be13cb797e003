"""Prints the table of bench/data.sh from its collected RESULT/CHECK/LOAD lines (Markdown, ready for
docs/benchmarks.md).

Usage: /usr/bin/python3 report.py RESULTS.txt
"""

import statistics
import sys

# The issue's targets and reference figures (issue 3, section 7).
PANDAS_REFERENCE = "2.0-2.4 s, 380 MB"
PROFILE_TARGET_MS = 550  # the issue says "about 0.5 s": within 10%
SPEEDUP_PROFILE = 5
COMPARE_TARGET_MS = 100
SPEEDUP_DRIFT = 10


def parse(path):
    results, checks, loads, machine = [], [], [], {}
    with open(path) as f:
        for line in f:
            kind, _, rest = line.strip().partition(" ")
            fields = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
            if kind == "RESULT":
                results.append(fields)
            elif kind == "CHECK":
                checks.append(fields)
            elif kind == "LOAD":
                loads.append(fields)
            elif kind == "MACHINE":
                machine = fields
    return results, checks, loads, machine


def find(results, bench, file=None):
    found = [r for r in results if r.get("bench") == bench and (file is None or r.get("file") == file)]
    return found


def one(results, bench, file=None):
    found = find(results, bench, file)
    return found[-1] if found else {}


def num(fields, key):
    try:
        return float(fields[key])
    except (KeyError, ValueError):
        return float("nan")


def ms(value):
    if value != value:
        return "n/a"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 10:
        return f"{value:.0f} ms"
    return f"{value:.2f} ms"


def ratio(peer, gyre):
    if peer != peer or gyre != gyre or gyre <= 0:
        return float("nan")
    return peer / gyre


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    results, checks, loads, machine = parse(sys.argv[1])
    rows = []

    pandas_runs = find(results, "profile_pandas", "flights-3m.csv")
    pandas_inproc = statistics.median(num(r, "median_ms") for r in pandas_runs) if pandas_runs else float("nan")
    pandas_read = statistics.median(num(r, "read_ms") for r in pandas_runs) if pandas_runs else float("nan")
    pandas_proc = one(results, "profile_pandas_process", "flights-3m.csv")
    proc_ms, proc_rss = num(pandas_proc, "median_ms"), pandas_proc.get("rss_mib", "?")

    small = one(results, "profile_cli_cold", "weather.csv")
    rows.append(("profile weather.csv (2,922 rows), cold CLI: the fixed cost of a process",
                 f"{ms(num(small, 'median_ms'))}, RSS {small.get('rss_mib', '?')} MiB", "-", "-", "-", "-"))
    for file in ("flights-3m.parquet", "flights-3m.csv"):
        c = one(results, "profile_cli_cold", file)
        w = one(results, "profile_warm", file)
        cold, warm = num(c, "median_ms"), num(w, "median_ms")
        r_cold, r_warm = ratio(proc_ms, cold), ratio(pandas_inproc, warm)
        rows.append((f"profile {file}, cold CLI process (JVM start included)",
                     f"{ms(cold)}, RSS {c.get('rss_mib', '?')} MiB",
                     f"pandas process on the CSV: {ms(proc_ms)}, RSS {proc_rss} MiB",
                     f"{r_cold:.2f}x", f"~0.5 s, >= {SPEEDUP_PROFILE}x",
                     verdict(cold <= PROFILE_TARGET_MS and r_cold >= SPEEDUP_PROFILE)))
        rows.append((f"profile {file}, warm in one JVM (median of {w.get('rounds', '?')})",
                     f"{ms(warm)} (min {ms(num(w, 'min_ms'))})",
                     f"pandas read + compute: {ms(pandas_inproc)} (read_csv {ms(pandas_read)}); issue: {PANDAS_REFERENCE}",
                     f"{r_warm:.2f}x", f"~0.5 s, >= {SPEEDUP_PROFILE}x",
                     verdict(warm <= PROFILE_TARGET_MS and r_warm >= SPEEDUP_PROFILE)))
        scan = one(results, "duckdb_scan", file)
        rows.append((f"one bare DuckDB pass over {file} (all columns; a floor per pass)", ms(num(scan, "median_ms")),
                     f"pandas read_csv alone: {ms(pandas_read)}", "-", "-", "-"))

    big = one(results, "profile_10m_cli")
    bigj = one(results, "profile_10m_jvm")
    completed = big.get("rows") == "10000000" and bigj.get("rows") == "10000000"
    rows.append(("profile flights-10m.csv (10M rows), CLI, -Xmx512m",
                 f"{ms(num(big, 'median_ms'))}, RSS {big.get('rss_mib', '?')} MiB, {big.get('gc_pauses', '?')} GC"
                 f" pause(s), largest heap before a GC {big.get('gc_peak_before_mib', '?')} MiB;"
                 f" in one JVM: {ms(num(bigj, 'median_ms'))}, peak heap <= {bigj.get('heap_peak_mib', '?')} MiB"
                 f" of {bigj.get('heap_max_mib', '?')}",
                 "-", "-", "completes, heap <= 512 MB", verdict(completed)))

    cmp_ = one(results, "compare_warm")
    cmpc = one(results, "compare_cli_cold")
    inmem, fromjson = num(cmp_, "median_ms"), num(cmp_, "from_json_median_ms")
    rows.append((f"compare two profiles, {cmp_.get('features', '?')} features, in one JVM",
                 f"{ms(inmem)} in memory; {ms(fromjson)} reading both JSON profiles ({cmp_.get('json_kb', '?')} KB);"
                 f" first call {ms(num(cmp_, 'first_call_ms'))}", "-", "-", f"<= {COMPARE_TARGET_MS} ms",
                 verdict(fromjson <= COMPARE_TARGET_MS)))
    rows.append(("compare, cold CLI `gyre data compare ref.json cur.json`", f"{ms(num(cmpc, 'median_ms'))}",
                 "-", "-", "(JVM start included)", "-"))

    g, s = one(results, "drift_gyre"), one(results, "drift_scipy")
    ks, w = num(s, "ks_ms"), num(s, "w_ms")
    sk, sw, build = num(g, "sketch_ks_ms"), num(g, "sketch_w_ms"), num(g, "sketch_build_ms")
    ek, ew = num(g, "exact_ks_ms"), num(g, "exact_w_ms")
    n = f"{int(num(g, 'n_ref')) // 1000000}M vs {int(num(g, 'n_cur')) // 1000000}M"
    rows.append((f"KS per column, {n}, from the profiles' sketches", ms(sk), f"ks_2samp {ms(ks)} (issue: ~110 ms)",
                 f"{ratio(ks, sk):.0f}x", f">= {SPEEDUP_DRIFT}x", verdict(ratio(ks, sk) >= SPEEDUP_DRIFT)))
    rows.append((f"Wasserstein per column, {n}, from the sketches", ms(sw),
                 f"wasserstein_distance {ms(w)} (issue: ~350 ms)", f"{ratio(w, sw):.0f}x", f">= {SPEEDUP_DRIFT}x",
                 verdict(ratio(w, sw) >= SPEEDUP_DRIFT)))
    with_build = 2 * build + sk + sw
    rows.append(("KS + Wasserstein from the sketches, both together", ms(sk + sw), f"{ms(ks + w)}",
                 f"{ratio(ks + w, sk + sw):.0f}x", f">= {SPEEDUP_DRIFT}x", verdict(ratio(ks + w, sk + sw) >= SPEEDUP_DRIFT)))
    with_build = 2 * build + sk + sw
    rows.append(("(for reference) the same plus building both sketches (2 x 1M values; done once, while profiling)",
                 ms(with_build), f"{ms(ks + w)}", f"{ratio(ks + w, with_build):.1f}x", "-", "-"))
    rows.append(("(for reference) KS + Wasserstein exact on the raw arrays (each sorts both)",
                 f"{ms(ek)} + {ms(ew)} = {ms(ek + ew)}", f"{ms(ks + w)}", f"{ratio(ks + w, ek + ew):.1f}x", "-", "-"))

    print(f"Gyre: gyre.jar built {machine.get('jar_built', '?')}, git {machine.get('git', '?')}")
    print(f"Machine: {machine.get('cores', '?')} cores, Java {machine.get('java', '?')}, pandas "
          f"{machine.get('pandas', '?')}, scipy {machine.get('scipy', '?')}, {machine.get('date', '?')}")
    print("Load average (1 min) before each step: "
          + ", ".join(f"{l['step']} {l['load1']}" for l in loads))
    print()
    print("| measurement | Gyre | peer (same run) | speed-up | target | |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    failed = [c for c in checks if c.get("ok") != "true"]
    print(f"Correctness checks: {len(checks) - len(failed)} of {len(checks)} passed"
          + ("" if not failed else "; FAILED: " + ", ".join(c.get("name", "?") for c in failed)))
    for c in checks:
        if c.get("name") in ("exact_ks_d", "exact_w1", "sketch_ks_d_within_bound", "sketch_w1_within_bound"):
            print("  " + " ".join(f"{k}={v}" for k, v in c.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
