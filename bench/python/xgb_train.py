"""The Python peer of Gyre's modeling-stage benchmark (bench/train.sh): trains xgboost with the same parameters on the
same numeric CSV (written by dev.gyre.bench.train.TrainSetup: label,split,<features>) and prints RESULT lines in the
format of dev.gyre.bench.train.TrainBench.

Two variants, each WARMUP unmeasured trainings then REPS measured ones (median and minimum):
  - train_eval: DMatrix from numpy + xgb.train with evals=[(dtrain, "train")] and eval_metric logloss, auc: the same
    work as Gyre's trainer, which evaluates the training set after every round to record the metric history;
  - train_no_eval: DMatrix from numpy + xgb.train without evals: the least a Python user pays.
The DMatrix construction is also timed on its own (dmatrix_ms). AUC on the test rows via sklearn.

Usage: /usr/bin/python3 xgb_train.py FILE [WARMUP=1] [REPS=3] [THREADS=2]
"""

import sys
import time

import numpy as np
import pandas as pd
import sklearn
import xgboost as xgb
from sklearn.metrics import roc_auc_score

ROUNDS = 200
SEED = 42
# dev.gyre.bench.train.BenchParams.params(): keep the two in step (train.sh checks the printed params= agree).
PARAMS = {"tree_method": "hist", "max_depth": 6, "eta": 0.1, "max_bin": 256, "base_score": 0.5}


def describe(params):
    return ";".join(f"{k}:{params[k]}" for k in sorted(params))


def main():
    path = sys.argv[1]
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2

    t0 = time.perf_counter()
    frame = pd.read_csv(path, float_precision="round_trip")
    split = frame["split"].to_numpy()
    labels = frame["label"].to_numpy(dtype=np.float32)
    features = frame.drop(columns=["label", "split"]).to_numpy(dtype=np.float32)
    # Row-major, as TrainSetup wrote them and as Gyre hands them to XGBoost.
    x_train = np.ascontiguousarray(features[split == 0])
    y_train = labels[split == 0]
    x_test = np.ascontiguousarray(features[split == 1])
    y_test = labels[split == 1]
    print(f"read {path} in {(time.perf_counter() - t0) * 1000:.0f} ms: {len(y_train)} training rows, "
          f"{len(y_test)} test rows, {x_train.shape[1]} features", file=sys.stderr)
    # The same checksum as NumericCsv: every non-missing value in file order, summed as doubles.
    as_double = features.astype(np.float64)
    finite = ~np.isnan(as_double)
    checksum = float(np.sum(as_double[finite]))
    missing = int(np.count_nonzero(~finite))

    params = dict(PARAMS, objective="binary:logistic", eval_metric=["logloss", "auc"], nthread=threads, seed=SEED)
    common = (f"data={path.rsplit('/', 1)[-1]} rows={len(y_train)} test_rows={len(y_test)} features={x_train.shape[1]}"
              f" rounds={ROUNDS} threads={threads} reps={reps} params={describe(PARAMS)} checksum={checksum:.3f}"
              f" missing={missing}")

    dmatrix = []
    for i in range(-1, max(reps, 3)):
        t = time.perf_counter()
        d = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=threads)
        ms = (time.perf_counter() - t) * 1000
        del d
        if i >= 0:
            dmatrix.append(ms)
    dmatrix_ms = float(np.median(dmatrix))
    dtest = xgb.DMatrix(x_test, missing=np.nan, nthread=threads)

    for variant, with_eval in (("train_eval", True), ("train_no_eval", False)):
        times = []
        auc = float("nan")
        for i in range(-warmup, reps):
            t = time.perf_counter()
            dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=threads)
            evals = [(dtrain, "train")] if with_eval else []
            booster = xgb.train(params, dtrain, num_boost_round=ROUNDS, evals=evals, verbose_eval=False)
            ms = (time.perf_counter() - t) * 1000
            if i >= 0:
                times.append(ms)
            print(f"python {variant} {'warm-up' if i < 0 else 'rep'}: {ms:.0f} ms", file=sys.stderr)
            auc = roc_auc_score(y_test, booster.predict(dtest))
        median = float(np.median(times))
        print(f"RESULT bench=xgb_train side=python variant={variant} {common} median_ms={median:.1f}"
              f" min_ms={min(times):.1f} dmatrix_ms={dmatrix_ms:.1f} train_ms={median - dmatrix_ms:.1f}"
              f" auc={auc:.6f} xgboost={xgb.__version__} sklearn={sklearn.__version__} numpy={np.__version__}")


if __name__ == "__main__":
    main()
