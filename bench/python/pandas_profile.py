"""pandas peer of `gyre data profile`: read a CSV, then describe(), value_counts() per categorical column, quantiles
and nunique() -- the workload the issue's pandas reference (2.0-2.4 s for the 3M-row flights CSV) describes. A column
named "date" is parsed as a timestamp (parse_dates), since Gyre profiles it as one.

Usage: /usr/bin/python3 pandas_profile.py FILE.csv [GYRE_PROFILE.json]

Prints RESULT lines (time to import pandas, to read, to compute). With GYRE_PROFILE.json (the output of
`gyre data profile FILE --json`), also prints CHECK lines comparing Gyre's numbers with pandas' exact ones:
counts, min/max/mean/std exactly (to 1e-9 relative), quantiles by rank (within the KLL sketch's rank error),
distinct counts (within the HyperLogLog bounds Gyre reports) and top-value counts.
"""

import json
import os
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from common import check, result  # noqa: E402

QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]


def profile(path):
    t0 = time.perf_counter()
    header = pd.read_csv(path, nrows=0).columns
    # a column named "date" is parsed as a timestamp, as Gyre types it (the flights data's first column)
    df = pd.read_csv(path, parse_dates=["date"] if "date" in header else False)
    t1 = time.perf_counter()
    described = df.describe()
    categorical = df.select_dtypes(include="object").columns
    counts = {c: df[c].value_counts() for c in categorical}
    quantiles = df.quantile(QUANTILES, numeric_only=True)
    distinct = df.nunique()
    t2 = time.perf_counter()
    return df, (t1 - t0, t2 - t1), (described, counts, quantiles, distinct)


def checks(df, gyre_file):
    gyre = json.load(open(gyre_file))
    check("row_count", gyre["row_count"] == len(df), gyre=gyre["row_count"], pandas=len(df))
    for f in gyre["features"]:
        name = f["name"]
        col = df[name]
        check(f"{name}.count", f["count"] - f["missing"] == col.count(), gyre=f["count"] - f["missing"],
              pandas=int(col.count()))
        if f["type"] in ("numeric", "timestamp"):
            if f["type"] == "timestamp":
                values = col.dropna().astype("int64").to_numpy() / 1e6  # epoch milliseconds, as Gyre reports
            else:
                values = col.dropna().to_numpy(dtype="float64")
            mean, std = float(np.mean(values)), float(np.std(values, ddof=1))
            for stat, g, p in (("min", f["min"], float(values.min())), ("max", f["max"], float(values.max())),
                               ("mean", f["mean"], mean), ("std", f["std"], std)):
                rel = abs(g - p) / max(abs(p), 1e-300)
                check(f"{name}.{stat}", rel <= 1e-9, gyre=g, pandas=p, rel_diff=rel)
            ordered = np.sort(values)
            n = len(ordered)
            worst = 0.0
            for q, x in f["quantiles"].items():
                # rank error of Gyre's quantile x for level q: distance from q to [F(x-), F(x)]
                below = np.searchsorted(ordered, x, side="left") / n
                upto = np.searchsorted(ordered, x, side="right") / n
                q = float(q)
                worst = max(worst, 0.0 if below <= q <= upto else min(abs(q - below), abs(q - upto)))
            # Gyre's KLL sketches (k = 200) have a normalized rank error of about 1.33% (99% confidence)
            check(f"{name}.quantiles", worst <= 0.0133, max_rank_error=worst, bound=0.0133)
        distinct = f.get("distinct")
        if distinct:
            exact = int(col.nunique())
            ok = distinct["lower_bound"] <= exact <= distinct["upper_bound"]
            check(f"{name}.distinct", ok, gyre_estimate=distinct["estimate"], pandas=exact,
                  rel_err=abs(distinct["estimate"] - exact) / exact)
        if f.get("top_values"):
            counts = col.value_counts()
            wrong = [t["value"] for t in f["top_values"] if counts.get(t["value"], -1) != t["count"]]
            check(f"{name}.top_values", not wrong, checked=len(f["top_values"]), wrong=",".join(wrong) or "none")


def main():
    path = sys.argv[1]
    t_imported = time.perf_counter()
    df, (read_s, compute_s), _ = profile(path)
    result(bench="profile_pandas", file=os.path.basename(path), rows=len(df), pandas=pd.__version__,
           import_ms=round((t_imported - t_start) * 1000, 1), read_ms=round(read_s * 1000, 1),
           compute_ms=round(compute_s * 1000, 1), median_ms=round((read_s + compute_s) * 1000, 1))
    if len(sys.argv) > 2:
        checks(df, sys.argv[2])


if __name__ == "__main__":
    main()
