"""Table of bench/serve.sh, from its collected RESULT/LOAD/MACHINE/CHECK lines (Markdown, ready for
docs/benchmarks.md): one row per measurement, then the issue's targets, each reported as met, missed or n/a (a part
that did not run). A missed target never fails; the exit status is 1 only when a measurement saw errors (non-2xx
answers or socket errors), which makes its numbers invalid.

Targets (all from measurements taken side by side in the same run, wrk on the same machine):
  1. OIP v2 REST infer, 1 row, 100-tree XGBoost: requests/s >= 0.6x the hello-JSON GET on the same HTTP stack;
  2. Gyre >= 20x the MLflow-style Python stack (FastAPI + uvicorn + pandas + xgboost) on the same model and row:
     judged on the like-for-like pair, Gyre's /invocations vs Python's /invocations with the same body; Gyre's OIP
     infer against the same Python figure is shown beside it;
  3. p99 <= 5 ms at 64 connections (OIP infer; /invocations shown too);
  4. gRPC ModelInfer (the same row, dev.gyre.bench.serve.GrpcLoad as the load generator): requests/s and p99,
     reported (not judged) beside OIP v2 REST infer's, otherwise n/a;
  5. batching: requests/s of the ONNX MLP with the default dynamic batching vs --max-batch-size 1 (gain > 1x).

Usage: /usr/bin/python3 serve_report.py RESULTS.txt
"""

import sys

HELLO_RATIO = 0.6
PYTHON_RATIO = 20.0
P99_MS = 5.0
P99_CONNECTIONS = "64"


def parse(path):
    results, loads, machine, checks = [], {}, {}, []
    with open(path) as f:
        for line in f:
            kind, _, rest = line.strip().partition(" ")
            fields = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
            if kind == "RESULT":
                results.append(fields)
            elif kind == "LOAD":
                loads[fields.get("step")] = fields
            elif kind == "MACHINE":
                machine = fields
            elif kind == "CHECK":
                checks.append(fields)
    return results, loads, machine, checks


def num(fields, key):
    try:
        return float(fields[key])
    except (KeyError, ValueError, TypeError):
        return float("nan")


def fmt(value, spec, unit=""):
    return "n/a" if value != value else format(value, spec) + unit


def verdict(ok, present):
    if not present:
        return "n/a"
    return "met" if ok else "**missed**"


DESCRIPTIONS = {
    "hello_get": "hello-JSON baseline: Helidon SE 4, PredictionServer's settings, `GET /hello`",
    "hello_post": "the same server, `POST /hello` with the OIP body (body read, nothing else)",
    "gyre_oip_xgb": "`gyre serve`, OIP v2 REST `POST /v2/models/xgb/infer`, 1 row, XGBoost",
    "gyre_invocations_xgb": "`gyre serve`, MLflow scoring `POST /invocations` (dataframe_split), 1 row, XGBoost",
    "python_invocations_xgb": "Python: FastAPI + uvicorn + pandas + xgboost Booster, `POST /invocations`, same body",
    "gyre_grpc_xgb": "`gyre serve --grpc-port 0`, OIP gRPC `ModelInfer` (fp32_contents), 1 row, XGBoost (GrpcLoad)",
    "gyre_oip_mlp_b1": "`gyre serve --max-batch-size 1`, OIP infer, 1 row, ONNX MLP",
    "gyre_oip_mlp_bdefault": "`gyre serve` (dynamic batching, default 64), OIP infer, 1 row, ONNX MLP",
}


def main():
    results, loads, machine, checks = parse(sys.argv[1])
    by_step = {}
    for r in results:
        if r.get("bench") == "serve":
            by_step[r["step"]] = r
    setup = {r.get("model"): r for r in results if r.get("bench") == "serve_setup"}
    todo = {r.get("step"): r for r in results if r.get("bench") == "serve_todo"}

    invalid = [s for s, r in by_step.items() if r.get("non2xx") != "0" or r.get("socket_errors") != "0"]

    print(f"Gyre: gyre.jar built {machine.get('jar_built', '?')}, git {machine.get('git', '?')}")
    print(f"Machine: {machine.get('cores', '?')} cores ({machine.get('cpu', '?').replace('_', ' ')}),"
          f" {machine.get('mem_gib', '?')} GiB, Java {machine.get('java', '?')}, wrk {machine.get('wrk', '?')};"
          f" Python xgboost {machine.get('xgboost', '?')}, pandas {machine.get('pandas', '?')}, fastapi"
          f" {machine.get('fastapi', '?')}, uvicorn {machine.get('uvicorn', '?')} (uvloop {machine.get('uvloop', '?')},"
          f" httptools {machine.get('httptools', '?')}), {machine.get('py_workers', '?')} uvicorn worker(s);"
          f" OMP_WAIT_POLICY {machine.get('omp_wait_policy', '?')}; {machine.get('date', '?')}")
    print(f"Load: wrk -t{machine.get('wrk_threads', '?')} -c{machine.get('connections', '?')}"
          f" -d{machine.get('duration', '?')} after a {machine.get('warmup', '?')} warm-up, on the same machine as the"
          f" server (wrk's threads share the cores).")
    g = by_step.get("gyre_grpc_xgb")
    if g:
        print(f"gRPC load: dev.gyre.bench.serve.GrpcLoad (closed loop, async stub), {g.get('connections', '?')}"
              f" calls in flight over {g.get('channels', '?')} HTTP/2 channels for {g.get('duration', '?')} after the same"
              f" warm-up, on the same machine (it used {g.get('client_cores', '?')} cores).")
    xgb_setup, mlp_setup = setup.get("model.ubj", {}), setup.get("mlp.onnx", {})
    print(f"Models: XGBoost {xgb_setup.get('trees', '?')} trees (binary:logistic, depth 6) on"
          f" {xgb_setup.get('features', '?')} numeric columns of modeldata_lending_club.csv; ONNX MLP"
          f" {mlp_setup.get('inputs', '?')} -> {mlp_setup.get('hidden', '?')} -> {mlp_setup.get('hidden', '?')} -> 1"
          f" ({int(num(mlp_setup, 'params')) if mlp_setup else '?'} weights).")
    print()
    print("| measurement | requests/s | p50 | p90 | p99 | server CPU (cores) | rows per model call |"
          " load avg (1 min) before |")
    print("|---|---|---|---|---|---|---|---|")
    order = ["hello_get", "hello_post", "gyre_oip_xgb", "gyre_invocations_xgb", "python_invocations_xgb",
             "gyre_grpc_xgb", "gyre_oip_mlp_b1", "gyre_oip_mlp_bdefault"]
    for step in order + sorted(s for s in by_step if s not in order):
        r = by_step.get(step)
        if not r:
            continue
        errors = "" if step not in invalid else f" (**{r.get('non2xx')} non-2xx, {r.get('socket_errors')} socket errors**)"
        print(f"| {DESCRIPTIONS.get(step, step)}{errors} | {fmt(num(r, 'rps'), ',.0f')} | {r.get('p50_ms', '?')} ms |"
              f" {r.get('p90_ms', '?')} ms | {r.get('p99_ms', '?')} ms | {r.get('server_cores', '?')} |"
              f" {r.get('mean_batch_rows', '-')} |"
              f" {loads.get(step, {}).get('load1', '?')} |")
    print()

    def rps(step):
        return num(by_step.get(step, {}), "rps")

    rows = []
    hello, oip = rps("hello_get"), rps("gyre_oip_xgb")
    ratio = oip / hello
    rows.append(("1. OIP v2 REST infer (1 row, XGBoost) vs hello-JSON GET, requests/s", fmt(ratio, '.2f', 'x'),
                 f">= {HELLO_RATIO}x", verdict(ratio >= HELLO_RATIO, ratio == ratio)))
    py, inv = rps("python_invocations_xgb"), rps("gyre_invocations_xgb")
    ratio = inv / py
    rows.append(("2. Gyre `/invocations` vs Python FastAPI `/invocations` (same model, same body), requests/s",
                 fmt(ratio, '.1f', 'x'), f">= {PYTHON_RATIO:.0f}x", verdict(ratio >= PYTHON_RATIO, ratio == ratio)))
    ratio = oip / py
    rows.append(("2'. Gyre OIP infer vs Python FastAPI `/invocations`, requests/s", fmt(ratio, '.1f', 'x'),
                 f"({PYTHON_RATIO:.0f}x)", "-" if ratio != ratio else ("met" if ratio >= PYTHON_RATIO else "missed")))
    for step, label in (("gyre_oip_xgb", "3. p99, OIP infer"), ("gyre_invocations_xgb", "3'. p99, `/invocations`")):
        r = by_step.get(step, {})
        p99 = num(r, "p99_ms")
        at = r.get("connections", "?")
        ok = p99 <= P99_MS and at == P99_CONNECTIONS
        note = "" if at in ("?", P99_CONNECTIONS) else f" (measured at {at}, not {P99_CONNECTIONS}, connections)"
        rows.append((f"{label} at {at} connections{note}", fmt(p99, '.2f', ' ms'), f"<= {P99_MS:.0f} ms",
                     verdict(ok, p99 == p99)))
    g = by_step.get("gyre_grpc_xgb")
    if g:
        # Reported, not judged: requests/s and p99 of ModelInfer, set beside OIP v2 REST infer of the same row.
        g_rps, g_p99 = num(g, "rps"), num(g, "p99_ms")
        rest = by_step.get("gyre_oip_xgb", {})
        rest_rps, rest_p99 = num(rest, "rps"), num(rest, "p99_ms")
        if rest_rps == rest_rps:
            vs = (f"vs OIP REST: {fmt(g_rps / rest_rps, '.2f', 'x')} the requests/s ({fmt(rest_rps, ',.0f')}/s),"
                  f" p99 {fmt(g_p99, '.2f')} vs {fmt(rest_p99, '.2f')} ms")
        else:
            vs = "OIP REST not measured in this run"
        rows.append((f"4. gRPC ModelInfer (1 row, XGBoost) at {g.get('connections', '?')} calls in flight over"
                     f" {g.get('channels', '?')} channels, requests/s and p99",
                     f"{fmt(g_rps, ',.0f')}/s, p99 {fmt(g_p99, '.2f', ' ms')}", "reported", vs))
    else:
        reason = todo.get("gyre_grpc_xgb", {}).get("reason", "not run").replace("_", " ")
        rows.append(("4. gRPC ModelInfer", f"not measured ({reason})", "reported", "n/a"))
    b1, bd = rps("gyre_oip_mlp_b1"), rps("gyre_oip_mlp_bdefault")
    gain = bd / b1
    p99_1, p99_d = num(by_step.get("gyre_oip_mlp_b1", {}), "p99_ms"), num(by_step.get("gyre_oip_mlp_bdefault", {}), "p99_ms")
    rows.append(("5. dynamic batching gain, ONNX MLP: default (64) vs `--max-batch-size 1`, requests/s"
                 f" (p99 {fmt(p99_d, '.2f')} vs {fmt(p99_1, '.2f')} ms)", fmt(gain, '.2f', 'x'), "> 1x",
                 verdict(gain > 1.0, gain == gain)))

    print("| target | measured | required | |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    failed_checks = [c.get("name") for c in checks if c.get("ok") != "true"]
    print(f"Correctness checks (the same row scored by every server): {len(checks) - len(failed_checks)} of"
          f" {len(checks)} passed" + ("" if not failed_checks else "; FAILED: " + ", ".join(failed_checks)))
    if invalid:
        print("INVALID (errors during the measurement): " + ", ".join(invalid))
    missed = [r[0].split(".")[0] for r in rows if r[3] == "**missed**"]
    print("Targets: " + ("all measured ones met" if not missed else "missed: " + ", ".join(missed)))
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
