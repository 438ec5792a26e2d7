"""Helpers shared by the peer scripts: loading a table, timing, printing one JSON object."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
import time
from contextlib import contextmanager
from importlib import metadata

import pandas as pd


def load_frame(path: str) -> pd.DataFrame:
    """Reads a CSV or Parquet file with pandas' defaults (C parser for CSV, pyarrow for Parquet)."""
    if path.endswith(".parquet"):
        return pd.read_parquet(path)
    return pd.read_csv(path)


@contextmanager
def timed(timings: dict, key: str):
    """Records the wall-clock seconds of the with-block in timings[key]."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[key] = time.perf_counter() - start


def versions(*packages: str) -> dict:
    out = {"python": platform.python_version()}
    for name in packages:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def machine() -> dict:
    return {"cpus": os.cpu_count(), "platform": platform.platform()}


def _clean(value):
    """JSON-safe: NaN and infinities become null, numpy scalars become Python numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit(result: dict) -> None:
    """Prints the result as one JSON object on stdout (and nothing else goes to stdout)."""
    json.dump(_clean(result), sys.stdout, indent=2)
    sys.stdout.write("\n")
    sys.stdout.flush()
