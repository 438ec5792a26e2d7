"""Interop fixtures for Vigie's model runtime (packages/core/src/models).

Trains small scikit-learn models, exports them to ONNX with skl2onnx, and writes under
packages/core/test/fixtures/models/:

  <name>.onnx   the exported model
  <name>.json   the rows it was run on, and scikit-learn's own predictions on them (labels,
                probabilities, values), so the TypeScript tests can check that Vigie's ONNX
                runtime gives the same answers without Python.

The models (every one deterministic: fixed seeds, fixed rows):

  penguins-logreg    StandardScaler + LogisticRegression on the four penguin measurements, one
                     float input [N, 4] ("float_input"), zipmap=False: labels + [N, 3] probabilities.
                     The file does not say which column is which feature: the test declares it.
  penguins-pipeline  ColumnTransformer (numeric: median imputer + scaler; island, sex: one-hot) +
                     LogisticRegression, one input per column ([N, 1] float or string tensors), the
                     default ZipMap output (a sequence of maps class -> probability); it imports
                     ai.onnx.ml 3 (the others 1).
  penguins-forest    RandomForestClassifier on the measurements, one float input, default ZipMap,
                     and a `vigie.signature` entry in the model's metadata_props naming the features.
  penguins-sex-gb    GradientBoostingClassifier, binary with integer classes (0 female, 1 male),
                     one float input, zipmap=False.
  diabetes-gbr       GradientBoostingRegressor on scikit-learn's bundled diabetes data (10 features),
                     one float input with a `vigie.signature` metadata entry; values [N, 1].

Run (from the repository root):

  python3 -m venv scripts/models/.venv
  scripts/models/.venv/bin/pip install -r scripts/models/requirements.txt
  scripts/models/.venv/bin/python scripts/models/make_fixtures.py
"""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any

import numpy as np
import onnx
import onnxruntime
import pandas as pd
import skl2onnx
import sklearn
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, StringTensorType
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = pathlib.Path(__file__).resolve().parents[2]
PENGUINS = ROOT / "examples" / "quickstart" / "data" / "penguins.csv"
OUT = ROOT / "packages" / "core" / "test" / "fixtures" / "models"

NUMERIC = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORICAL = ["island", "sex"]
# ai.onnx.ml 3 keeps the classic TreeEnsemble*/LinearClassifier/ZipMap operators, which carry the
# class labels as attributes (what Vigie's signature reader looks for).
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}
SEED = 0


def penguins() -> pd.DataFrame:
    """The bundled Palmer Penguins rows whose measurements are all present."""
    df = pd.read_csv(PENGUINS)
    return df.dropna(subset=NUMERIC).reset_index(drop=True)


def signature_json(features: list[str], task: str, classes: list[Any] | None = None) -> str:
    sig: dict[str, Any] = {"task": task, "inputs": [{"name": f, "type": "numeric"} for f in features]}
    if classes is not None:
        sig["classes"] = classes
    return json.dumps(sig, separators=(",", ":"))


def train_logreg(df: pd.DataFrame) -> Pipeline:
    model = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(max_iter=1000))])
    return model.fit(df[NUMERIC].to_numpy(np.float32), df["species"].to_numpy())


def train_pipeline(df: pd.DataFrame) -> Pipeline:
    pre = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ]
    )
    model = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=1000))])
    return model.fit(df[NUMERIC + CATEGORICAL], df["species"])


def train_forest(df: pd.DataFrame) -> RandomForestClassifier:
    model = RandomForestClassifier(n_estimators=25, max_depth=5, random_state=SEED)
    return model.fit(df[NUMERIC].to_numpy(np.float32), df["species"].to_numpy())


def train_sex_gb(df: pd.DataFrame) -> GradientBoostingClassifier:
    model = GradientBoostingClassifier(n_estimators=40, max_depth=3, random_state=SEED)
    return model.fit(df[NUMERIC].to_numpy(np.float32), (df["sex"] == "male").astype(np.int64).to_numpy())


def diabetes() -> tuple[pd.DataFrame, np.ndarray]:
    data = load_diabetes(as_frame=True)
    return data.data.astype(np.float32), data.target.to_numpy(np.float64)


def train_diabetes() -> GradientBoostingRegressor:
    x, y = diabetes()
    model = GradientBoostingRegressor(n_estimators=50, max_depth=3, random_state=SEED)
    return model.fit(x.to_numpy(np.float32), y)


def to_onnx(model: Any, initial_types: list[tuple[str, Any]], options: dict[Any, Any] | None = None) -> onnx.ModelProto:
    return convert_sklearn(model, initial_types=initial_types, options=options, target_opset=TARGET_OPSET)


def set_signature(onx: onnx.ModelProto, signature: str) -> None:
    entry = onx.metadata_props.add()
    entry.key = "vigie.signature"
    entry.value = signature


def finite(value: float) -> float | None:
    return None if isinstance(value, float) and math.isnan(value) else value


def column_payload(df: pd.DataFrame, names: list[str], types: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for name in names:
        values = df[name].tolist()
        if types[name] == "numeric":
            values = [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]
        else:
            values = [None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in values]
        out.append({"name": name, "type": types[name], "values": values})
    return out


def onnx_outputs(onx: onnx.ModelProto, feeds: dict[str, np.ndarray]) -> list[Any]:
    session = onnxruntime.InferenceSession(onx.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


def as_matrix(outputs: Any, classes: list[Any]) -> np.ndarray:
    """ONNX Runtime's probabilities as [N, K]: a tensor already, or the ZipMap's list of dicts."""
    if isinstance(outputs, np.ndarray):
        return outputs.astype(np.float64)
    return np.array([[row[c] for c in classes] for row in outputs], dtype=np.float64)


def write_fixture(name: str, onx: onnx.ModelProto, payload: dict[str, Any]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    onx.graph.name = name  # skl2onnx names the graph with a random UUID: keep the files reproducible
    (OUT / f"{name}.onnx").write_bytes(onx.SerializeToString())
    doc = {
        "generator": "scripts/models/make_fixtures.py",
        "versions": {
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scikit-learn": sklearn.__version__,
            "skl2onnx": skl2onnx.__version__,
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
        },
        "model": f"{name}.onnx",
        **payload,
    }
    (OUT / f"{name}.json").write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    size = (OUT / f"{name}.onnx").stat().st_size
    print(f"{name}: {size} bytes, {len(payload['columns'][0]['values'])} rows, ORT vs sklearn max |diff| {payload['onnxruntimeMaxAbsDiff']:.2e}")


def classifier_payload(
    model: Any, onx: onnx.ModelProto, x_sklearn: Any, feeds: dict[str, np.ndarray], columns: list[dict[str, Any]]
) -> dict[str, Any]:
    classes = [c.item() if hasattr(c, "item") else c for c in model.classes_]
    labels = model.predict(x_sklearn)
    proba = model.predict_proba(x_sklearn)
    ort_labels, ort_proba = onnx_outputs(onx, feeds)[:2]
    ort_proba = as_matrix(ort_proba, classes)
    assert [str(v) for v in ort_labels.ravel()] == [str(v) for v in labels], "ONNX Runtime's labels differ from scikit-learn's"
    return {
        "task": "classification",
        "columns": columns,
        "classes": classes,
        "labels": [v.item() if hasattr(v, "item") else v for v in labels],
        "probabilities": proba.tolist(),
        "onnxruntimeMaxAbsDiff": float(np.max(np.abs(ort_proba - proba))),
    }


def main() -> None:
    df = penguins()
    numeric_types = {c: "numeric" for c in NUMERIC}
    x = df[NUMERIC].to_numpy(np.float32)

    # 1. A numeric logistic regression: one float tensor, no ZipMap.
    logreg = train_logreg(df)
    onx = to_onnx(logreg, [("float_input", FloatTensorType([None, len(NUMERIC)]))], {id(logreg.steps[-1][1]): {"zipmap": False}})
    payload = classifier_payload(logreg, onx, x, {"float_input": x}, column_payload(df, NUMERIC, numeric_types))
    payload["signature"] = json.loads(signature_json(NUMERIC, "classification"))
    write_fixture("penguins-logreg", onx, payload)

    # 2. A ColumnTransformer pipeline: one input per column, ZipMap output. Rows with a missing sex
    # are left out (a string input cannot hold a missing value); three rows get a missing
    # measurement on purpose, which the pipeline's imputer fills.
    rows = df.dropna(subset=CATEGORICAL).reset_index(drop=True)
    pipe = train_pipeline(rows)
    rows = rows.copy()
    for i, col in [(3, "bill_depth_mm"), (50, "body_mass_g"), (200, "bill_length_mm")]:
        rows.loc[i, col] = np.nan
    types = [(c, FloatTensorType([None, 1])) for c in NUMERIC] + [(c, StringTensorType([None, 1])) for c in CATEGORICAL]
    onx = to_onnx(pipe, types)
    # Every operator of this pipeline is unchanged up to ai.onnx.ml 3; importing 3 (rather than
    # the 1 skl2onnx picks) makes the fixtures cover both LabelEncoder versions Vigie appends.
    for opset in onx.opset_import:
        if opset.domain == "ai.onnx.ml":
            opset.version = 3
    feeds = {c: rows[[c]].to_numpy(np.float32) for c in NUMERIC} | {c: rows[[c]].to_numpy(object).astype(str) for c in CATEGORICAL}
    kinds = numeric_types | {c: "categorical" for c in CATEGORICAL}
    payload = classifier_payload(pipe, onx, rows[NUMERIC + CATEGORICAL], feeds, column_payload(rows, NUMERIC + CATEGORICAL, kinds))
    payload["signature"] = None
    write_fixture("penguins-pipeline", onx, payload)

    # 3. A random forest: one float tensor, ZipMap, and the feature order in the model's metadata.
    forest = train_forest(df)
    onx = to_onnx(forest, [("float_input", FloatTensorType([None, len(NUMERIC)]))])
    set_signature(onx, signature_json(NUMERIC, "classification"))
    payload = classifier_payload(forest, onx, x, {"float_input": x}, column_payload(df, NUMERIC, numeric_types))
    payload["signature"] = None
    write_fixture("penguins-forest", onx, payload)

    # 4. A binary gradient boosting classifier with integer classes.
    gb = train_sex_gb(df.dropna(subset=["sex"]).reset_index(drop=True))
    onx = to_onnx(gb, [("float_input", FloatTensorType([None, len(NUMERIC)]))], {id(gb): {"zipmap": False}})
    payload = classifier_payload(gb, onx, x, {"float_input": x}, column_payload(df, NUMERIC, numeric_types))
    payload["signature"] = json.loads(signature_json(NUMERIC, "classification"))
    write_fixture("penguins-sex-gb", onx, payload)

    # 5. A regressor on the diabetes data bundled with scikit-learn.
    dx, _ = diabetes()
    gbr = train_diabetes()
    features = list(dx.columns)
    onx = to_onnx(gbr, [("float_input", FloatTensorType([None, len(features)]))])
    set_signature(onx, signature_json(features, "regression"))
    xd = dx.to_numpy(np.float32)
    values = gbr.predict(xd)
    ort_values = onnx_outputs(onx, {"float_input": xd})[0].ravel().astype(np.float64)
    payload = {
        "task": "regression",
        "columns": column_payload(dx.astype(np.float64), features, {f: "numeric" for f in features}),
        "values": values.tolist(),
        "onnxruntimeMaxAbsDiff": float(np.max(np.abs(ort_values - values))),
        "signature": None,
    }
    write_fixture("diabetes-gbr", onx, payload)


if __name__ == "__main__":
    main()
