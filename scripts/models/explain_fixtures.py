"""Reference explanations for Vigie's explain domain (packages/core/src/explain).

Retrains the scikit-learn models of make_fixtures.py (deterministic: the same seeds and rows, checked
against the predictions committed beside the ONNX files) and writes, for each of them,
packages/core/test/fixtures/explain/<name>.json with:

  background   the row indices of the Kernel SHAP background (numpy RandomState(0), 50 rows)
  shap         shap.KernelExplainer(model, background, link identity) on a few rows, l1_reg=False
               (Vigie never drops features by L1; shap's default "num_features(10)" does when more
               than 10 columns vary). With these few columns 'auto' enumerates every coalition, so
               the values are exact Shapley values of the background game.
  shapSampled  the same explainer with a budget below the number of coalitions (nsamples given),
               repeated over 20 seeds: the mean and the standard deviation of shap's own estimate,
               from which the test's tolerance for Vigie's sampled estimate comes.
  lime         lime.lime_tabular.LimeTabularExplainer(training data = the fixture rows) with its
               defaults, on a few rows, repeated over 10 random states: each column's weight (mean,
               std over the repetitions), the quartile edges the discretizer learned, and the rows'
               top features.
  treeShap     shap.TreeExplainer on the boosted models (their covers are the training rows, given
               as trainingRows): exact path-dependent Tree SHAP on the raw score.
  permutation  sklearn.inspection.permutation_importance with the estimator's own score (accuracy,
               R²): n_repeats=200 (a precise reference), importances_mean and importances_std.

and diabetes-gbr-opset5.onnx: the diabetes regressor rewritten as an ai.onnx.ml opset 5
TreeEnsemble (skl2onnx writes the classic TreeEnsembleRegressor), for the ONNX tree reader.

Run (from the repository root), after make_fixtures.py's venv is set up:

  scripts/models/.venv/bin/pip install -r scripts/models/requirements-explain.txt
  scripts/models/.venv/bin/python scripts/models/explain_fixtures.py
"""

from __future__ import annotations

import json
import pathlib
import sys
import warnings
from typing import Any, Callable

import lime
import lime.lime_tabular
import numpy as np
import onnx
import onnxruntime
import pandas as pd
import shap
import sklearn
from onnx import helper, numpy_helper
from sklearn.inspection import permutation_importance

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODELS = ROOT / "packages" / "core" / "test" / "fixtures" / "models"
OUT = ROOT / "packages" / "core" / "test" / "fixtures" / "explain"
BACKGROUND_ROWS = 50
LIME_REPEATS = 10
SAMPLED_SEEDS = 20
PERMUTATION_REPEATS = 200


def check_same_model(name: str, predicted: np.ndarray) -> None:
    """The retrained model must be the one exported: same predictions as committed."""
    doc = json.loads((MODELS / f"{name}.json").read_text())
    ref = np.array(doc["probabilities"] if doc["task"] == "classification" else doc["values"], dtype=np.float64)
    diff = float(np.max(np.abs(ref - predicted)))
    assert diff < 1e-12, f"{name}: the retrained model differs from the committed fixture ({diff})"


def kernel_shap(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, background: np.ndarray, rows: list[int]) -> dict[str, Any]:
    explainer = shap.KernelExplainer(f, background, link="identity")
    values = explainer.shap_values(x[rows], nsamples="auto", l1_reg=False, silent=True)
    values = np.asarray(values)  # rows × columns × outputs
    if values.ndim == 2:
        values = values[:, :, None]
    return {
        "rows": rows,
        "expectedValue": np.atleast_1d(explainer.expected_value).tolist(),
        "values": values.tolist(),
        "predictions": np.atleast_2d(f(x[rows])).reshape(len(rows), -1).tolist(),
    }


def kernel_shap_sampled(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, background: np.ndarray, row: int, nsamples: int) -> dict[str, Any]:
    runs = []
    for seed in range(SAMPLED_SEEDS):
        np.random.seed(seed)  # KernelExplainer draws its coalitions from numpy's global generator
        explainer = shap.KernelExplainer(f, background, link="identity")
        v = np.asarray(explainer.shap_values(x[[row]], nsamples=nsamples, l1_reg=False, silent=True))
        runs.append(v.reshape(v.shape[1], -1) if v.ndim == 3 else v.reshape(-1, 1))
    runs = np.array(runs)  # seeds × columns × outputs
    return {"row": row, "nSamples": nsamples, "seeds": SAMPLED_SEEDS, "mean": runs.mean(axis=0).tolist(), "std": runs.std(axis=0, ddof=1).tolist()}


def tree_shap(model: Any, x: np.ndarray, rows: list[int]) -> dict[str, Any]:
    """shap.TreeExplainer on the scikit-learn model itself (path-dependent, raw score): its covers
    are the training rows, which Vigie counts again on the same rows through the ONNX trees."""
    explainer = shap.TreeExplainer(model)
    values = np.asarray(explainer.shap_values(x[rows].astype(np.float32)))
    if values.ndim == 2:
        values = values[:, :, None]
    return {"rows": rows, "expectedValue": np.atleast_1d(explainer.expected_value).astype(float).tolist(), "values": values.tolist()}


def lime_reference(
    f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, names: list[str], mode: str, rows: list[int], labels: list[int | None]
) -> dict[str, Any]:
    out = []
    edges = None
    for row, label in zip(rows, labels):
        weights: dict[str, list[float]] = {n: [] for n in names}
        conditions: dict[str, str] = {}
        intercepts, scores = [], []
        for seed in range(LIME_REPEATS):
            explainer = lime.lime_tabular.LimeTabularExplainer(
                x, feature_names=names, mode=mode, discretize_continuous=True, discretizer="quartile", random_state=seed
            )
            if edges is None:
                edges = {names[j]: [float(v) for v in explainer.discretizer.bins(x, None)[j]] for j in range(len(names))}
                edges = {n: sorted(set(v)) for n, v in edges.items()}
            kwargs = {"labels": (label,)} if mode == "classification" else {}
            e = explainer.explain_instance(x[row], f, num_features=10, num_samples=5000, **kwargs)
            key = label if mode == "classification" else 1
            for j, w in e.local_exp[key]:
                weights[names[j]].append(float(w))
            for j, (text, _) in zip([j for j, _ in e.local_exp[key]], e.as_list(label=key)):
                conditions[names[j]] = text
            intercepts.append(float(e.intercept[key]))
            scores.append(float(e.score))
        mean = {n: float(np.mean(w)) for n, w in weights.items()}
        out.append(
            {
                "row": row,
                "label": label,
                "weights": {n: {"mean": mean[n], "std": float(np.std(w, ddof=1)), "condition": conditions[n]} for n, w in weights.items()},
                "top": sorted(names, key=lambda n: -abs(mean[n])),
                "intercept": float(np.mean(intercepts)),
                "score": float(np.mean(scores)),
            }
        )
    return {"repeats": LIME_REPEATS, "edges": edges, "rows": out}


def permutation(model: Any, x: Any, y: np.ndarray, names: list[str]) -> dict[str, Any]:
    r = permutation_importance(model, x, y, n_repeats=PERMUTATION_REPEATS, random_state=0)
    return {
        "metric": "accuracy" if hasattr(model, "predict_proba") else "r2",
        "baseline": float(model.score(x, y)),
        "repeats": PERMUTATION_REPEATS,
        "columns": {n: {"mean": float(m), "std": float(s)} for n, m, s in zip(names, r.importances_mean, r.importances_std)},
    }


def write(name: str, doc: dict[str, Any]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    head = {
        "generator": "scripts/models/explain_fixtures.py",
        "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__, "shap": shap.__version__, "lime": "0.2.0.1"},
        "model": f"../models/{name}.onnx",
    }
    (OUT / f"{name}.json").write_text(json.dumps({**head, **doc}, separators=(",", ":")) + "\n")
    print(f"{name}: written")


def background_of(n: int) -> list[int]:
    return sorted(np.random.RandomState(0).choice(n, BACKGROUND_ROWS, replace=False).tolist())


def main() -> None:
    warnings.filterwarnings("ignore")
    df = mf.penguins()
    x = df[mf.NUMERIC].to_numpy(np.float32).astype(np.float64)
    bg = background_of(len(x))

    # Random forest, 3 classes: every class probability is explained.
    forest = mf.train_forest(df)
    proba = lambda a: forest.predict_proba(np.asarray(a, dtype=np.float32))  # noqa: E731
    check_same_model("penguins-forest", proba(x))
    rows = [0, 120, 200, 280]
    predicted = forest.predict(x.astype(np.float32))
    write(
        "penguins-forest",
        {
            "background": bg,
            "shap": kernel_shap(proba, x, x[bg], rows),
            "lime": lime_reference(proba, x, mf.NUMERIC, "classification", rows[:3], [int(np.where(forest.classes_ == predicted[r])[0][0]) for r in rows[:3]]),
            "permutation": {**permutation(forest, x.astype(np.float32), df["species"].to_numpy(), mf.NUMERIC), "label": df["species"].tolist()},
        },
    )

    # Binary gradient boosting on sex: the probability of class 1 (male).
    known = df.dropna(subset=["sex"]).reset_index(drop=True)
    gb = mf.train_sex_gb(known)
    p1 = lambda a: gb.predict_proba(np.asarray(a, dtype=np.float32))[:, 1]  # noqa: E731
    check_same_model("penguins-sex-gb", gb.predict_proba(x.astype(np.float32)))
    y_sex = (df["sex"] == "male").astype(float).where(df["sex"].notna(), None)
    keep = df["sex"].notna().to_numpy()
    write(
        "penguins-sex-gb",
        {
            "background": bg,
            "shap": kernel_shap(p1, x, x[bg], [1, 60, 180, 300]),
            "treeShap": {**tree_shap(gb, x, [1, 60, 180, 300]), "trainingRows": np.flatnonzero(keep).tolist()},
            "lime": lime_reference(lambda a: gb.predict_proba(np.asarray(a, dtype=np.float32)), x, mf.NUMERIC, "classification", [1, 60, 180], [1, 1, 1]),
            "permutation": {
                **permutation(gb, x[keep].astype(np.float32), (known["sex"] == "male").astype(np.int64).to_numpy(), mf.NUMERIC),
                "label": [None if v is None or (isinstance(v, float) and np.isnan(v)) else int(v) for v in y_sex.tolist()],
            },
        },
    )

    # Regression on the diabetes data, 10 columns: all 1022 coalitions enumerated by 'auto'.
    dx, dy = mf.diabetes()
    gbr = mf.train_diabetes()
    xd = dx.to_numpy(np.float32).astype(np.float64)
    pred = lambda a: gbr.predict(np.asarray(a, dtype=np.float32))  # noqa: E731
    check_same_model("diabetes-gbr", pred(xd))
    names = list(dx.columns)
    bgd = background_of(len(xd))
    write(
        "diabetes-gbr",
        {
            "background": bgd,
            "shap": kernel_shap(pred, xd, xd[bgd], [0, 100, 200, 300]),
            "shapSampled": kernel_shap_sampled(pred, xd, xd[bgd], 100, 300),
            "treeShap": {**tree_shap(gbr, xd, [0, 100, 200, 300]), "trainingRows": list(range(len(xd)))},
            "lime": lime_reference(pred, xd, names, "regression", [0, 100, 200], [None, None, None]),
            "permutation": {**permutation(gbr, xd.astype(np.float32), dy, names), "label": dy.tolist()},
        },
    )

    # The ColumnTransformer pipeline on raw columns, categorical ones included: Kernel SHAP with a
    # categorical column as one player (the rows with missing values are the pipeline fixture's).
    rows_df = df.dropna(subset=mf.CATEGORICAL).reset_index(drop=True)
    pipe = mf.train_pipeline(rows_df)
    rows_df = rows_df.copy()
    for i, col in [(3, "bill_depth_mm"), (50, "body_mass_g"), (200, "bill_length_mm")]:
        rows_df.loc[i, col] = np.nan
    cols = mf.NUMERIC + mf.CATEGORICAL
    xp = rows_df[cols].to_numpy(object)

    def pipe_proba(a: np.ndarray) -> np.ndarray:
        frame = pd.DataFrame(a, columns=cols)
        for c in mf.NUMERIC:
            frame[c] = frame[c].astype(np.float64)
        return pipe.predict_proba(frame)

    check_same_model("penguins-pipeline", pipe_proba(xp))
    bgp = background_of(len(xp))
    write(
        "penguins-pipeline",
        {
            "background": bgp,
            "shap": kernel_shap(pipe_proba, xp, xp[bgp], [3, 100, 250]),
            "permutation": {**permutation(pipe, rows_df[cols], rows_df["species"].to_numpy(), cols), "label": rows_df["species"].tolist()},
        },
    )


def to_tree_ensemble_opset5(onx: onnx.ModelProto) -> onnx.ModelProto:
    """The same regressor as an ai.onnx.ml opset 5 TreeEnsemble (skl2onnx writes the classic
    TreeEnsembleRegressor): split nodes and leaves in separate lists, trees by their roots."""
    node = onx.graph.node[0]
    a = {x.name: helper.get_attribute_value(x) for x in node.attribute}
    modes = {b"BRANCH_LEQ": 0, b"BRANCH_LT": 1, b"BRANCH_GTE": 2, b"BRANCH_GT": 3}
    weights = {(t, n): w for t, n, w in zip(a["target_treeids"], a["target_nodeids"], a["target_weights"])}
    where = {(t, n): i for i, (t, n) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"]))}
    split_index: dict[tuple[int, int], int] = {}
    leaf_index: dict[tuple[int, int], int] = {}
    for i, (t, n, m) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"], a["nodes_modes"])):
        (leaf_index if m == b"LEAF" else split_index)[(t, n)] = len(leaf_index if m == b"LEAF" else split_index)
    nodes = {k: [] for k in ["featureids", "splits", "modes", "truenodeids", "trueleafs", "falsenodeids", "falseleafs", "missing"]}
    for (t, n), _ in sorted(split_index.items(), key=lambda kv: kv[1]):
        i = where[(t, n)]
        nodes["featureids"].append(a["nodes_featureids"][i])
        nodes["splits"].append(a["nodes_values"][i])
        nodes["modes"].append(modes[a["nodes_modes"][i]])
        nodes["missing"].append(a["nodes_missing_value_tracks_true"][i])
        for side, ids in (("true", a["nodes_truenodeids"]), ("false", a["nodes_falsenodeids"])):
            child = (t, ids[i])
            is_leaf = child in leaf_index
            nodes[f"{side}nodeids"].append(leaf_index[child] if is_leaf else split_index[child])
            nodes[f"{side}leafs"].append(int(is_leaf))
    leaves = sorted(leaf_index.items(), key=lambda kv: kv[1])
    roots = sorted({t for t in a["nodes_treeids"]})
    new = helper.make_node(
        "TreeEnsemble",
        ["float_input"],
        ["raw"],
        domain="ai.onnx.ml",
        n_targets=1,
        aggregate_function=1,
        post_transform=0,
        tree_roots=[split_index[(t, 0)] for t in roots],
        nodes_featureids=nodes["featureids"],
        nodes_splits=numpy_helper.from_array(np.array(nodes["splits"], dtype=np.float32)),
        nodes_modes=numpy_helper.from_array(np.array(nodes["modes"], dtype=np.uint8)),
        nodes_truenodeids=nodes["truenodeids"],
        nodes_trueleafs=nodes["trueleafs"],
        nodes_falsenodeids=nodes["falsenodeids"],
        nodes_falseleafs=nodes["falseleafs"],
        nodes_missing_value_tracks_true=nodes["missing"],
        leaf_targetids=[0] * len(leaves),
        leaf_weights=numpy_helper.from_array(np.array([weights[k] for k, _ in leaves], dtype=np.float32)),
    )
    base = float(a["base_values"][0])
    bias = numpy_helper.from_array(np.array([base], dtype=np.float32), name="base")
    add = helper.make_node("Add", ["raw", "base"], ["variable"])
    graph = helper.make_graph([new, add], "diabetes-gbr-opset5", list(onx.graph.input), list(onx.graph.output), [bias])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("ai.onnx.ml", 5)])
    model.ir_version = 10
    for p in onx.metadata_props:
        e = model.metadata_props.add()
        e.key, e.value = p.key, p.value
    return model


def opset5_fixture() -> None:
    """diabetes-gbr as opset 5 TreeEnsemble (+ Add of the base score), checked by ONNX Runtime."""
    source = onnx.load(str(MODELS / "diabetes-gbr.onnx"))
    model = to_tree_ensemble_opset5(source)
    dx, _ = mf.diabetes()
    xd = dx.to_numpy(np.float32)
    run = lambda m: onnxruntime.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"float_input": xd})[0].ravel()  # noqa: E731
    diff = float(np.max(np.abs(run(model) - run(source))))
    assert diff < 1e-3, f"opset 5 conversion differs by {diff}"
    (OUT / "diabetes-gbr-opset5.onnx").write_bytes(model.SerializeToString())
    print(f"diabetes-gbr-opset5: written (ONNX Runtime max |diff| to the classic operator {diff:.1e})")


if __name__ == "__main__":
    main()
    opset5_fixture()
