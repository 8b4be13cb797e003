#!/usr/bin/python3
"""Writes reference.json: inputs and expected metric values for the evaluate tests, computed independently of Gyre.

Run once from this folder with Debian's scikit-learn (python3-sklearn 1.2.1, numpy 1.24):
    /usr/bin/python3 make_reference.py ../../../../../shared/data
(the argument is the folder of the project's shared datasets; the default is /work/shared/data).

Inputs are real data with fixed, simple score formulas (no fitted model), so the fixture never changes:
  * binary: breast_cancer.csv (label 1 = benign), p = sigmoid of a fixed formula of mean radius and worst concave
    points, rounded to 2 decimals so that scores tie (exercises the tie rules of AUC and average precision and the
    calibration bin edges, since values such as 0.3 land exactly on an edge);
  * multiclass: iris.csv, softmax of fixed linear scores of petal length and width;
  * regression: breast_cancer.csv, mean area predicted as 3 * mean radius^2;
  * slices: breast_cancer.csv mean radius (numeric) and diagnosis (string), outcomes of the binary model.
Reference values come from scikit-learn where it has the metric; ECE, calibration bins (edges exactly i/10, where
sklearn's calibration_curve uses np.linspace edges, 0.30000000000000004 etc.), residual quantiles and the slice
statistics (nearest-rank quantile edges, Wilson intervals) are computed here with numpy from their definitions.
"""
import json
import math
import sys

import numpy as np
from sklearn import metrics

data = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"


def load(name):
    with open(f"{data}/{name}") as f:
        header = f.readline().strip().split(",")
        rows = np.loadtxt(f, delimiter=",")
    return header, rows


header, cancer = load("breast_cancer.csv")
class_names = header[2:]  # malignant, benign
labels = cancer[:, -1].astype(int)
radius, area, worst_concave = cancer[:, 0], cancer[:, 3], cancer[:, 27]
z = 9.0 - 0.35 * radius - 25.0 * worst_concave
p = np.round(1.0 / (1.0 + np.exp(-z)), 2)
threshold = 0.5
predicted = (p >= threshold).astype(int)

bins = np.searchsorted(np.arange(1, 10) / 10, p, side="right")
calibration = []
ece = 0.0
for b in range(10):
    mask = bins == b
    n = int(mask.sum())
    mean_p = float(p[mask].mean()) if n else None
    rate = float(labels[mask].mean()) if n else None
    if n:
        ece += n / len(p) * abs(mean_p - rate)
    calibration.append({"count": n, "mean_predicted": mean_p, "observed_rate": rate})

precision_curve, recall_curve, _ = metrics.precision_recall_curve(labels, p)
binary = {
    "labels": labels.tolist(),
    "probabilities": p.tolist(),
    "threshold": threshold,
    "expected": {
        "auc": metrics.roc_auc_score(labels, p),
        "pr_auc": metrics.average_precision_score(labels, p),
        "log_loss": metrics.log_loss(labels, p, eps=1e-15),
        "brier": metrics.brier_score_loss(labels, p),
        "accuracy": metrics.accuracy_score(labels, predicted),
        "precision": metrics.precision_score(labels, predicted),
        "recall": metrics.recall_score(labels, predicted),
        "f1": metrics.f1_score(labels, predicted),
        "ece": ece,
    },
    "confusion": metrics.confusion_matrix(labels, predicted).tolist(),
    "calibration": calibration,
    "distinct_thresholds": int(len(np.unique(p))),
}

_, iris = load("iris.csv")
iris_labels = iris[:, -1].astype(int)
petal_length, petal_width = iris[:, 2], iris[:, 3]
scores = np.stack([6.0 - 2.5 * petal_length, 1.0 + 0.0 * petal_length, -9.0 + 1.6 * petal_length + 2.5 * petal_width], axis=1)
softmax = np.exp(scores - scores.max(axis=1, keepdims=True))
softmax /= softmax.sum(axis=1, keepdims=True)
iris_pred = softmax.argmax(axis=1)
per_class = metrics.precision_recall_fscore_support(iris_labels, iris_pred, labels=[0, 1, 2], zero_division=0)
multiclass = {
    "classes": ["setosa", "versicolor", "virginica"],
    "labels": iris_labels.tolist(),
    "probabilities": softmax.tolist(),
    "expected": {
        "accuracy": metrics.accuracy_score(iris_labels, iris_pred),
        "log_loss": metrics.log_loss(iris_labels, softmax, eps=1e-15, labels=[0, 1, 2]),
        "macro_precision": metrics.precision_score(iris_labels, iris_pred, average="macro", zero_division=0),
        "macro_recall": metrics.recall_score(iris_labels, iris_pred, average="macro", zero_division=0),
        "macro_f1": metrics.f1_score(iris_labels, iris_pred, average="macro", zero_division=0),
        "weighted_precision": metrics.precision_score(iris_labels, iris_pred, average="weighted", zero_division=0),
        "weighted_recall": metrics.recall_score(iris_labels, iris_pred, average="weighted", zero_division=0),
        "weighted_f1": metrics.f1_score(iris_labels, iris_pred, average="weighted", zero_division=0),
    },
    "per_class": {"precision": per_class[0].tolist(), "recall": per_class[1].tolist(), "f1": per_class[2].tolist(),
                  "support": per_class[3].tolist()},
    "confusion": metrics.confusion_matrix(iris_labels, iris_pred, labels=[0, 1, 2]).tolist(),
}

area_pred = 3.0 * radius ** 2
residuals = area - area_pred
regression = {
    "y": area.tolist(),
    "predictions": area_pred.tolist(),
    "expected": {
        "rmse": math.sqrt(metrics.mean_squared_error(area, area_pred)),
        "mse": metrics.mean_squared_error(area, area_pred),
        "mae": metrics.mean_absolute_error(area, area_pred),
        "median_ae": metrics.median_absolute_error(area, area_pred),
        "max_error": metrics.max_error(area, area_pred),
        "r2": metrics.r2_score(area, area_pred),
    },
    "residual_quantiles": {f"p{round(q * 100):02d}": float(np.quantile(residuals, q))
                           for q in [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]},
}

# Slices of the binary model's outcomes by mean radius (5 nearest-rank quantile bins) and diagnosis.
Z = 1.959963984540054
errors = (predicted != labels).astype(float)
overall = errors.mean()


def wilson(k, n):
    phat = k / n
    denominator = 1 + Z * Z / n
    centre = (phat + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(phat * (1 - phat) / n + Z * Z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def slice_entry(column, value, mask):
    n = int(mask.sum())
    k = errors[mask].sum()
    low, high = wilson(k, n)
    return {"column": column, "value": value, "size": n, "metric": k / n, "ci_low": low, "ci_high": high,
            "gap": k / n - overall, "significant": bool(low > overall or high < overall)}


edges = np.unique(np.append(np.quantile(radius, [0.2, 0.4, 0.6, 0.8], method="inverted_cdf"), radius.max()))
slices = []
lower = None
for edge in edges:
    mask = (radius <= edge) if lower is None else ((radius > lower) & (radius <= edge))
    slices.append(slice_entry("mean_radius", None, mask) | {"upper_edge": float(edge)})
    lower = edge
diagnosis = np.array([class_names[label] for label in labels])
for name in ["benign", "malignant"]:
    slices.append(slice_entry("diagnosis", name, diagnosis == name))
eligible = [s for s in slices if s["size"] >= 30 and s["gap"] > 0]
worst = sorted(eligible, key=lambda s: (-s["gap"], -s["size"]))
slice_reference = {
    "mean_radius": radius.tolist(),
    "diagnosis": diagnosis.tolist(),
    "overall": overall,
    "slices": slices,
    "worst": [{"column": s["column"], "size": s["size"], "metric": s["metric"]} for s in worst],
}

reference = {
    "source": "make_reference.py with scikit-learn 1.2.1 / numpy 1.24 on /work/shared/data (breast_cancer, iris)",
    "binary": binary,
    "multiclass": multiclass,
    "regression": regression,
    "slices": slice_reference,
}
with open("reference.json", "w") as f:
    json.dump(reference, f, indent=1)
print("auc", binary["expected"]["auc"], "ece", ece, "iris acc", multiclass["expected"]["accuracy"],
      "r2", regression["expected"]["r2"], "worst", worst[:2])
