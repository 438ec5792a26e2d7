"""Reference drift statistics from scipy for a reference/current pair, timed.

usage: scipy_drift.py REF CUR [--manifest PATH]

Column kinds come from the generator's manifest.json (default: the one beside REF, if any); without
one, numeric dtypes are numeric, object/bool columns categorical, and string columns with more than
50% distinct values are skipped as ids. Missing values are dropped per column before testing.

Per numeric column:
  ks:              scipy.stats.ks_2samp(ref, cur) statistic and p-value (method='auto')
  wassersteinNorm: scipy.stats.wasserstein_distance(ref, cur) / max(std(ref, ddof=0), 0.001),
                   the statistic Evidently uses for numeric columns above 1,000 rows
Per categorical (and boolean) column, over the union of observed levels:
  chi2:            scipy.stats.chi2_contingency on the 2 x k table of counts (homogeneity test,
                   no continuity correction since dof > 1 except for booleans where Yates applies)
  jensenShannon:   scipy.spatial.distance.jensenshannon of the level proportions, natural log
                   (Evidently's categorical statistic above 1,000 rows)
Each column also gets `decisions` at the usual thresholds (p < 0.05; distance >= 0.1).

Prints one JSON object: {"timings": {"load", "numeric", "categorical", "total"}, "columns": {...}}.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

from peer_common import emit, load_frame, machine, timed, versions

ALPHA = 0.05
DISTANCE_THRESHOLD = 0.1


def column_kinds(reference: pd.DataFrame, manifest_path: str | None) -> dict[str, str]:
    if manifest_path and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        kinds = {c["name"]: c["kind"] for c in manifest["columns"]}
        return {name: ("categorical" if kind == "boolean" else kind) for name, kind in kinds.items()}
    kinds = {}
    for name in reference.columns:
        series = reference[name]
        if pd.api.types.is_bool_dtype(series):
            kinds[name] = "categorical"
        elif pd.api.types.is_numeric_dtype(series):
            kinds[name] = "numeric"
        elif series.nunique() > 0.5 * series.count():
            kinds[name] = "id"
        else:
            kinds[name] = "categorical"
    return kinds


def numeric_drift(ref: np.ndarray, cur: np.ndarray) -> dict:
    ks = stats.ks_2samp(ref, cur)
    norm = max(float(np.std(ref)), 0.001)
    wasserstein = float(stats.wasserstein_distance(ref, cur)) / norm
    return {
        "kind": "numeric",
        "n": {"reference": len(ref), "current": len(cur)},
        "ks": {"statistic": float(ks.statistic), "pvalue": float(ks.pvalue)},
        "wassersteinNorm": wasserstein,
        "decisions": {"ksPvalue": bool(ks.pvalue < ALPHA), "wassersteinNorm": wasserstein >= DISTANCE_THRESHOLD},
    }


def categorical_drift(ref: pd.Series, cur: pd.Series) -> dict:
    ref_counts = ref.value_counts()
    cur_counts = cur.value_counts()
    levels = sorted(set(ref_counts.index) | set(cur_counts.index), key=str)
    table = np.array(
        [[ref_counts.get(level, 0) for level in levels], [cur_counts.get(level, 0) for level in levels]],
        dtype=float,
    )
    if len(levels) > 1:
        chi2 = stats.chi2_contingency(table)
        chi2_result = {"statistic": float(chi2.statistic), "pvalue": float(chi2.pvalue), "dof": int(chi2.dof)}
    else:
        chi2_result = {"statistic": 0.0, "pvalue": 1.0, "dof": 0}
    js = float(distance.jensenshannon(table[0] / table[0].sum(), table[1] / table[1].sum()))
    return {
        "kind": "categorical",
        "n": {"reference": int(table[0].sum()), "current": int(table[1].sum())},
        "levels": {"reference": len(ref_counts), "current": len(cur_counts), "union": len(levels)},
        "chi2": chi2_result,
        "jensenShannon": js,
        "decisions": {"chi2Pvalue": chi2_result["pvalue"] < ALPHA, "jensenShannon": js >= DISTANCE_THRESHOLD},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference")
    parser.add_argument("current")
    parser.add_argument("--manifest", help="generator manifest (default: manifest.json beside REF)")
    args = parser.parse_args()
    manifest = args.manifest or os.path.join(os.path.dirname(os.path.abspath(args.reference)), "manifest.json")

    timings: dict[str, float] = {"numeric": 0.0, "categorical": 0.0}
    with timed(timings, "load"):
        reference = load_frame(args.reference)
        current = load_frame(args.current)
    kinds = column_kinds(reference, manifest)

    columns: dict[str, dict] = {}
    skipped: list[str] = []
    for name in reference.columns:
        kind = kinds.get(name, "id")
        start = time.perf_counter()
        if kind == "numeric":
            ref = reference[name].dropna().to_numpy(dtype=float)
            cur = current[name].dropna().to_numpy(dtype=float)
            result = numeric_drift(ref, cur)
        elif kind == "categorical":
            result = categorical_drift(reference[name].dropna(), current[name].dropna())
        else:
            skipped.append(name)
            continue
        seconds = time.perf_counter() - start
        result["seconds"] = seconds
        timings[kind] += seconds
        columns[name] = result
    timings["total"] = timings["load"] + timings["numeric"] + timings["categorical"]

    emit(
        {
            "tool": "scipy",
            "versions": versions("scipy", "numpy", "pandas"),
            "machine": machine(),
            "reference": args.reference,
            "current": args.current,
            "manifest": manifest if os.path.exists(manifest) else None,
            "rows": {"reference": len(reference), "current": len(current)},
            "skipped": skipped,
            "timings": timings,
            "columns": columns,
        }
    )


if __name__ == "__main__":
    main()
