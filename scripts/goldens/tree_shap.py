"""Golden fixtures for Vigie's exact Tree SHAP (models/trees/tree-shap.ts): the `shap` package's
TreeExplainer (path-dependent, node sample counts as cover) on scikit-learn HistGradientBoosting
models, written as Vigie TreeEnsemble JSON.

Each model's trees are read from scikit-learn's predictor nodes into Vigie's form (feature,
threshold, children, missing direction, value, cover = node count) and handed to shap as a custom
tree model built from the same arrays, so both sides explain exactly the same trees. The test
checks Vigie's raw predictions against scikit-learn's, its SHAP values and expected values against
shap's (1e-6), and additivity (1e-9). Numeric features with missing values only: shap's custom
trees have no categorical splits (Vigie's are checked against a brute-force Shapley reference).

Needs shap (scripts/goldens/requirements.txt: shap 0.51.0, the last for Python 3.11).
Run: scripts/goldens/.venv/bin/python scripts/goldens/tree_shap.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shap
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from common import ROOT, write_golden


def to_vigie(model, task):
    """The fitted predictors as a Vigie TreeEnsemble JSON and as shap custom trees."""
    baseline = np.asarray(model._baseline_prediction, dtype=float).ravel()
    k = len(baseline)
    trees, outputs, shap_trees = [], [], []
    for iteration in model._predictors:
        for out, predictor in enumerate(iteration):
            nodes = predictor.nodes
            leaf = nodes["is_leaf"].astype(bool)
            left = np.where(leaf, -1, nodes["left"]).astype(int)
            right = np.where(leaf, -1, nodes["right"]).astype(int)
            feature = np.where(leaf, -1, nodes["feature_idx"]).astype(int)
            threshold = np.where(leaf, 0.0, nodes["num_threshold"]).astype(float)
            missing_left = np.where(leaf, 0, nodes["missing_go_to_left"]).astype(int)
            value = nodes["value"].astype(float)
            cover = nodes["count"].astype(float)
            trees.append({
                "feature": feature.tolist(),
                "threshold": threshold.tolist(),
                "left": left.tolist(),
                "right": right.tolist(),
                "missingLeft": missing_left.tolist(),
                "categories": [None] * len(nodes),
                "value": value.tolist(),
                "cover": cover.tolist(),
            })
            outputs.append(out)
            values = np.zeros((len(nodes), k))
            values[:, out] = value
            shap_trees.append({
                "children_left": left,
                "children_right": right,
                "children_default": np.where(leaf, -1, np.where(missing_left == 1, left, right)),
                "features": np.where(leaf, -2, feature),
                "thresholds": threshold,
                "values": values,
                "node_sample_weight": cover,
            })
    link = "identity" if task == "regression" else ("logistic" if k == 1 else "softmax")
    ensemble = {
        "task": task,
        "nFeatures": model.n_features_in_,
        "nOutputs": k,
        "link": link,
        "baseScore": baseline.tolist(),
        "treeOutput": outputs,
        "trees": trees,
    }
    custom = {"trees": shap_trees, "base_offset": baseline if k > 1 else float(baseline[0]), "tree_output": "raw_value",
              "input_dtype": np.float64, "internal_dtype": np.float64}
    return ensemble, custom


def case(name, task, model, x_train, y_train, x_explain):
    model.fit(x_train, y_train)
    ensemble, custom = to_vigie(model, task)
    explainer = shap.TreeExplainer(custom)
    values = np.asarray(explainer.shap_values(x_explain, check_additivity=False))
    k = ensemble["nOutputs"]
    values = values.reshape(len(x_explain), x_explain.shape[1], k)  # rows × features × outputs
    raw = model._raw_predict(x_explain).reshape(len(x_explain), -1)
    expected = np.atleast_1d(np.asarray(explainer.expected_value, dtype=float)).ravel()
    gap = np.abs(values.sum(axis=1) + expected - raw).max()
    print(f"{name}: {len(ensemble['trees'])} trees, shap additivity gap {gap:.2e}")
    return {
        "name": name,
        "ensemble": ensemble,
        "x": x_explain.ravel().tolist(),
        "rows": x_explain.shape[0],
        "cols": x_explain.shape[1],
        "raw": raw.ravel().tolist(),
        "shapValues": values.ravel().tolist(),
        "expectedValue": expected.tolist(),
    }


def main():
    rng = np.random.default_rng(20261202)
    cases = []

    cancer = load_breast_cancer()
    x = cancer.data.copy()
    x[rng.random(x.shape) < 0.05] = np.nan
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, random_state=0)
    cases.append(case("breast cancer, binary, missing values", "classification", model, x[:400], cancer.target[:400], x[400:460]))

    df = pd.read_csv(ROOT / "examples" / "quickstart" / "data" / "penguins.csv").dropna(subset=["species"])
    xp = df[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]].to_numpy(dtype=float)
    classes = sorted(df["species"].unique())
    yp = np.array([classes.index(s) for s in df["species"]])
    model = HistGradientBoostingClassifier(max_iter=20, min_samples_leaf=5, random_state=0)
    explain = np.vstack([xp[::12], [[np.nan, 17.0, np.nan, 4000.0], [45.0, np.nan, 200.0, np.nan]]])
    cases.append(case("penguins, 3 classes", "classification", model, xp, yp, explain))

    diabetes = load_diabetes()
    model = HistGradientBoostingRegressor(max_iter=40, max_depth=6, random_state=0)
    cases.append(case("diabetes, regression, depth 6", "regression", model, diabetes.data[:350], diabetes.target[:350], diabetes.data[350:400]))

    write_golden("tree-shap", {"shapVersion": shap.__version__, "cases": cases})


if __name__ == "__main__":
    main()
