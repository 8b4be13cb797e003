"""scipy peer of Gyre's per-column drift statistics: ks_2samp and wasserstein_distance on the same two 1M-value
arrays (raw little-endian doubles written by dev.gyre.bench.data.DataSetup).

Usage: /usr/bin/python3 scipy_drift.py REF.f64 CUR.f64 [ROUNDS] [GYRE_OUTPUT]

Prints RESULT lines (median time of ROUNDS calls each, statistics). With GYRE_OUTPUT (a file holding the RESULT
lines of dev.gyre.bench.data.DriftBench), prints CHECK lines: Gyre's exact KS D and W1 equal scipy's (1e-9), and
Gyre's sketch-based D and W1 are within their documented error bounds of the exact values.
"""

import statistics
import sys
import time

import numpy as np
import scipy
from scipy.stats import ks_2samp, wasserstein_distance

from common import check, gyre_results, result


def timed(rounds, fn):
    times, value = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), value


def main():
    ref = np.fromfile(sys.argv[1], dtype="<f8")
    cur = np.fromfile(sys.argv[2], dtype="<f8")
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    ks_2samp(ref[:1000], cur[:1000])  # import-time work out of the way
    ks_ms, ks = timed(rounds, lambda: ks_2samp(ref, cur))
    w_ms, w = timed(rounds, lambda: wasserstein_distance(ref, cur))
    result(bench="drift_scipy", n_ref=len(ref), n_cur=len(cur), scipy=scipy.__version__, rounds=rounds,
           ks_ms=round(ks_ms, 2), w_ms=round(w_ms, 2), d=float(ks.statistic), p=float(ks.pvalue), w=float(w))
    if len(sys.argv) > 4:
        g = gyre_results(sys.argv[4], "drift_gyre_values")
        if not g:
            check("gyre_values_present", False)
            return
        d, gw = float(g["exact_d"]), float(g["exact_w"])
        check("exact_ks_d", abs(d - ks.statistic) <= 1e-9, gyre=d, scipy=float(ks.statistic),
              diff=abs(d - ks.statistic))
        check("exact_w1", abs(gw - w) <= 1e-9 * max(1.0, abs(w)), gyre=gw, scipy=float(w), diff=abs(gw - w))
        sd, bound = float(g["sketch_d"]), float(g["sketch_d_bound"])
        check("sketch_ks_d_within_bound", abs(sd - ks.statistic) <= bound, sketch=sd, exact=float(ks.statistic),
              error=abs(sd - ks.statistic), bound=bound)
        sw, wbound = float(g["sketch_w"]), float(g["sketch_w_bound"])
        check("sketch_w1_within_bound", abs(sw - w) <= wbound, sketch=sw, exact=float(w), error=abs(sw - w),
              bound=wbound)
        gp = float(g["exact_p"])
        check("exact_ks_p", abs(gp - ks.pvalue) <= 1e-6 or abs(gp - ks.pvalue) <= 1e-3 * ks.pvalue,
              gyre=gp, scipy=float(ks.pvalue))


if __name__ == "__main__":
    main()
