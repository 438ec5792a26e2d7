"""Runs the ONNX files written by export_gbdt.mjs (Vigie's gradient-boosted trees behind their
feature pipeline) in Python's onnxruntime and compares with Vigie's in-process predictions: the
same labels, probabilities within 1e-5, values within 1e-5 relative to max(1, |value|).

  scripts/models/.venv/bin/python scripts/models/check_gbdt_onnx.py OUT_DIR
"""

from __future__ import annotations

import json
import pathlib
import sys

import numpy as np
import onnxruntime as ort


def main(out: pathlib.Path) -> int:
    failed = 0
    for model_path in sorted(out.glob("gbdt-*.onnx")):
        spec = json.loads(model_path.with_suffix(".json").read_text())
        session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
        feeds = {}
        for i in session.get_inputs():
            values = spec["columns"][i.name]
            if i.type == "tensor(string)":
                feeds[i.name] = np.array([["" if v is None else v] for v in values], dtype=object)
            else:
                feeds[i.name] = np.array([[np.nan if v is None else v] for v in values], dtype=np.float32)
        names = [o.name for o in session.get_outputs()]
        got = dict(zip(names, session.run(None, feeds)))
        if spec["task"] == "classification":
            same = [str(a) == str(b) for a, b in zip(got["label"], spec["labels"])]
            diff = float(np.abs(got["probabilities"].ravel() - np.array(spec["probabilities"])).max())
            ok = all(same) and diff <= 1e-5
            detail = f"labels equal: {all(same)}, max |Δ probability| {diff:.2e}"
        else:
            v = np.array(spec["values"])
            diff = float((np.abs(got["value"].ravel() - v) / np.maximum(1, np.abs(v))).max())
            ok = diff <= 1e-5
            detail = f"max |Δ value| / max(1, |value|) {diff:.2e}"
        opsets = {o.domain or "ai.onnx": o.version for o in __import__("onnx").load(str(model_path)).opset_import}
        print(f"{model_path.name}: onnxruntime {ort.__version__}, opsets {opsets}, {len(v) if spec['task'] == 'regression' else len(same)} rows, {detail}: {'ok' if ok else 'FAILED'}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
