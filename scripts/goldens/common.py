"""Shared helpers for the golden-fixture generators.

Fixtures are JSON files under packages/core/test/goldens/, read by the TypeScript tests.
JSON has no NaN or infinities, so non-finite floats are written as the strings
"NaN", "Infinity" and "-Infinity"; the TypeScript loader turns them back into numbers.
"""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDENS = ROOT / "packages" / "core" / "test" / "goldens"


def encode(value: Any) -> Any:
    """Turns numpy values and non-finite floats into JSON-safe values."""
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, np.ndarray):
        return [encode(v) for v in value.tolist()]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        f = float(value)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return value


def write_golden(name: str, payload: dict[str, Any]) -> pathlib.Path:
    """Writes packages/core/test/goldens/<name>.json with versions of the references used."""
    import scipy
    import sklearn
    import statsmodels

    GOLDENS.mkdir(parents=True, exist_ok=True)
    doc = {
        "generator": f"scripts/goldens/{name}.py",
        "versions": {
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "scikit-learn": sklearn.__version__,
        },
        **encode(payload),
    }
    path = GOLDENS / f"{name}.json"
    path.write_text(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
    return path


def samples(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A standard menagerie of 1-D inputs used by many generators: tiny, ties, constant,
    extreme magnitudes, skewed, heavy-tailed and large samples."""
    return {
        "one": np.array([3.5]),
        "two": np.array([1.0, 2.0]),
        "three": np.array([2.0, -1.0, 7.5]),
        "ties": np.array([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], dtype=float),
        "constant": np.full(12, 4.25),
        "normal_small": rng.normal(0, 1, 15),
        "normal_50": rng.normal(10, 2, 50),
        "uniform_40": rng.uniform(-1, 1, 40),
        "huge": rng.normal(1e12, 1e10, 30),
        "tiny": rng.normal(1e-12, 1e-13, 30),
        "lognormal": rng.lognormal(0, 1.5, 200),
        "exponential": rng.exponential(2.0, 120),
        "cauchy": rng.standard_cauchy(100),
        "student3": rng.standard_t(3, 300),
        "integers": rng.integers(0, 10, 80).astype(float),
        "large": rng.normal(0, 1, 20000),
    }
