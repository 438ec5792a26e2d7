"""Python peers of `npm run bench:gbdt`: LightGBM and scikit-learn's HistGradientBoostingClassifier
at the settings Vigie runs (100 trees, 31 leaves, depth 6, learning rate 0.1, 255 bins, 20 rows per
leaf, no early stopping), on the rows bench/gbdt.mjs wrote (float64 little-endian, row-major).
Prints one JSON object: fit, predict_proba and (LightGBM) SHAP times in seconds, medians of
`runs`, and held-out log loss and accuracy.

  bench/peers/.venv/bin/python bench/peers/gbdt_peers.py SPEC.json
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np


def timed(fn, runs):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


def metrics(y, p):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return {"logLoss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), "accuracy": float(np.mean((p > 0.5) == (y == 1)))}


def main():
    spec = json.load(open(sys.argv[1]))
    f = spec["features"]
    x = np.fromfile(spec["xTrain"], dtype="<f8").reshape(-1, f)
    y = np.fromfile(spec["yTrain"], dtype="<f8")
    xt = np.fromfile(spec["xTest"], dtype="<f8").reshape(-1, f)
    yt = np.fromfile(spec["yTest"], dtype="<f8")
    threads = os.cpu_count() or 1
    out = {"threads": threads}
    try:
        import lightgbm as lgb

        params = dict(n_estimators=100, num_leaves=31, max_depth=6, learning_rate=0.1, max_bin=255, min_child_samples=20,
                      min_child_weight=1e-3, reg_lambda=0.0, subsample=1.0, colsample_bytree=1.0, num_threads=threads,
                      verbose=-1, random_state=0)
        fit_s, model = timed(lambda: lgb.LGBMClassifier(**params).fit(x, y), spec["fitRuns"])
        predict_s, p = timed(lambda: model.predict_proba(x)[:, 1], spec["runs"])
        shap_s, _ = timed(lambda: model.predict(xt[: spec["shapRows"]], pred_contrib=True), spec["runs"])
        out["lightgbm"] = {"version": lgb.__version__, "fit": fit_s, "predict": predict_s, "shap": shap_s,
                           **metrics(yt, model.predict_proba(xt)[:, 1])}
    except ImportError:
        pass
    import sklearn
    from sklearn.ensemble import HistGradientBoostingClassifier

    fit_s, model = timed(lambda: HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, max_depth=6,
                                                                 early_stopping=False, random_state=0).fit(x, y), spec["fitRuns"])
    predict_s, _ = timed(lambda: model.predict_proba(x)[:, 1], spec["runs"])
    out["sklearn"] = {"version": sklearn.__version__, "fit": fit_s, "predict": predict_s,
                      **metrics(yt, model.predict_proba(xt)[:, 1])}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
