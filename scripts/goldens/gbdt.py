"""Quality fixtures for Vigie's gradient boosting (fitGbdt): scikit-learn's
HistGradientBoostingClassifier / HistGradientBoostingRegressor fitted at the same settings on the
same training rows, with their held-out metrics and predictions.

Datasets: the bundled Palmer Penguins (3 species; 4 measurements with missing values, island and
sex as categorical features coded like Vigie's 'trees' pipeline: most frequent first, ties by
name), scikit-learn's bundled breast cancer (binary) and diabetes (regression) data, and generated
data with missing values and categorical features (one large enough, 15,000 rows, for early
stopping to switch on). The fixture holds the matrices (NaN for missing), the train/test split and,
per case, the settings in Vigie's option names.

Run: scripts/goldens/.venv/bin/python scripts/goldens/gbdt.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

from common import ROOT, write_golden

SEED = 20261202


def codes(series: pd.Series) -> np.ndarray:
    """Vigie's 'trees' pipeline coding: categories by frequency (desc), ties by name; NaN missing."""
    counts = series.dropna().value_counts()
    order = sorted(counts.index, key=lambda c: (-counts[c], c))
    index = {c: i for i, c in enumerate(order)}
    return np.array([np.nan if pd.isna(v) else index[v] for v in series], dtype=float), len(order)


def penguins():
    df = pd.read_csv(ROOT / "examples" / "quickstart" / "data" / "penguins.csv")
    df = df.dropna(subset=["species"])
    num = df[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]].to_numpy(dtype=float)
    island, k_island = codes(df["island"])
    sex, k_sex = codes(df["sex"])
    x = np.column_stack([num, island, sex])
    classes = sorted(df["species"].unique())
    y = np.array([classes.index(s) for s in df["species"]])
    return x, y, [0, 0, 0, 0, k_island, k_sex]


def generated_binary(rng, n):
    x = rng.normal(size=(n, 5))
    cat = rng.integers(0, 8, size=n).astype(float)
    effect = np.array([0.0, 1.2, -0.8, 0.4, -1.5, 0.9, 0.0, -0.3])
    z = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.7 * x[:, 3] - 0.4 * x[:, 4] ** 2 + effect[cat.astype(int)]
    y = (z + rng.logistic(size=n) > 0).astype(int)
    x[rng.random(size=(n, 5)) < 0.08] = np.nan  # missing completely at random
    x[:, 3][x[:, 3] > 1.2] = np.nan  # and missing not at random: large values hidden
    cat[rng.random(n) < 0.05] = np.nan
    return np.column_stack([x, cat]), y, [0, 0, 0, 0, 0, 8]


def generated_multiclass(rng, n):
    x = rng.normal(size=(n, 4))
    cat = rng.integers(0, 12, size=n)
    w = rng.normal(size=(4, 4))
    cat_effect = rng.normal(size=(12, 4)) * 1.5
    z = np.tanh(x) @ w + cat_effect[cat] + rng.gumbel(size=(n, 4))
    y = np.argmax(z, axis=1)
    x[rng.random(size=(n, 4)) < 0.05] = np.nan
    return np.column_stack([x, cat.astype(float)]), y, [0, 0, 0, 0, 12]


def generated_regression(rng, n):
    x = rng.normal(size=(n, 6))
    y = 3 * np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + np.where(x[:, 3] > 0, 2.0, -1.0) + 0.5 * rng.normal(size=n)
    x[rng.random(size=(n, 6)) < 0.1] = np.nan
    return x, y, [0] * 6


SKLEARN_NAMES = {
    "learningRate": "learning_rate",
    "maxIter": "max_iter",
    "maxLeafNodes": "max_leaf_nodes",
    "maxDepth": "max_depth",
    "minSamplesLeaf": "min_samples_leaf",
    "l2Regularization": "l2_regularization",
    "maxBins": "max_bins",
    "earlyStopping": "early_stopping",
    "maxFeatures": "max_features",
}


def case(name, task, x, y, categories, settings, seeds=1):
    stratify = y if task == "classification" else None
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=0.3, random_state=SEED, stratify=stratify)
    train, test = np.sort(train), np.sort(test)
    kwargs = {SKLEARN_NAMES[k]: v for k, v in settings.items()}
    cat_mask = [k > 0 for k in categories]
    runs = []
    # A randomized setting (maxFeatures) is compared on its mean over several seeds.
    for seed in range(seeds):
        common = dict(random_state=seed, categorical_features=cat_mask if any(cat_mask) else None, **kwargs)
        if task == "classification":
            model = HistGradientBoostingClassifier(**common).fit(x[train], y[train])
            proba = model.predict_proba(x[test])
            metrics = {
                "accuracy": accuracy_score(y[test], model.predict(x[test])),
                "logLoss": log_loss(y[test], proba, labels=model.classes_),
            }
            predictions = proba.ravel()
        else:
            model = HistGradientBoostingRegressor(**common).fit(x[train], y[train])
            pred = model.predict(x[test])
            metrics = {"r2": r2_score(y[test], pred), "rmse": float(np.sqrt(mean_squared_error(y[test], pred)))}
            predictions = pred
        runs.append((metrics, model, predictions))
    metrics = {k: float(np.mean([r[0][k] for r in runs])) for k in runs[0][0]}
    model, predictions = runs[0][1], runs[0][2]
    print(f"{name}: {metrics} ({model.n_iter_} iterations)")
    return {
        "name": name,
        "task": task,
        "data": name.split(" ")[0],
        "settings": settings,
        "seeds": seeds,
        "train": train.tolist(),
        "test": test.tolist(),
        "sklearn": {"metrics": metrics, "nIter": int(model.n_iter_), "predictions": predictions.tolist()},
    }


def main():
    rng = np.random.default_rng(SEED)
    cancer = load_breast_cancer()
    diabetes = load_diabetes()
    data = {
        "penguins": (*penguins(), "classification"),
        "breast-cancer": (cancer.data, cancer.target, [0] * cancer.data.shape[1], "classification"),
        "diabetes": (diabetes.data, diabetes.target, [0] * diabetes.data.shape[1], "regression"),
        "generated-binary": (*generated_binary(rng, 15000), "classification"),
        "generated-multiclass": (*generated_multiclass(rng, 3000), "classification"),
        "generated-regression": (*generated_regression(rng, 4000), "regression"),
    }
    # Generated features rounded to 4 decimals: a smaller fixture, the same kind of data.
    for key in ("generated-binary", "generated-multiclass", "generated-regression"):
        x, y, cats, task = data[key]
        data[key] = (np.round(x, 4), y, cats, task)
    plan = [
        ("penguins default", {}),
        ("penguins shallow l2", {"maxDepth": 3, "l2Regularization": 1.0, "learningRate": 0.05}),
        ("breast-cancer default", {}),
        ("breast-cancer small-trees", {"maxLeafNodes": 15, "l2Regularization": 0.5}),
        ("diabetes default", {}),
        ("diabetes small-leaves", {"minSamplesLeaf": 5, "maxBins": 32, "maxIter": 60}),
        ("generated-binary default", {}),
        ("generated-multiclass default", {}),
        ("generated-regression default", {}),
        ("generated-regression maxFeatures", {"maxFeatures": 0.5}),
        ("generated-multiclass maxFeatures", {"maxFeatures": 0.6, "maxIter": 50}),
    ]
    cases = []
    for name, settings in plan:
        x, y, cats, task = data[name.split(" ")[0]]
        cases.append(case(name, task, x, y, cats, settings, seeds=5 if "maxFeatures" in settings else 1))
    datasets = {
        key: {"task": task, "x": x.ravel().tolist(), "rows": x.shape[0], "cols": x.shape[1],
              "y": y.tolist(), "categories": cats}
        for key, (x, y, cats, task) in data.items()
    }
    write_golden("gbdt", {"datasets": datasets, "cases": cases})


if __name__ == "__main__":
    main()
