"""Golden fixture for the end-to-end test of `vigie drift REF CUR --method ks --json`
(packages/cli/test/cli-drift.test.ts).

Two small datasets (a reference and a current one) are built deterministically and stored as CSV
text; the test writes them to disk and runs the real CLI on them. For every numeric column the
expected answer is scipy.stats.ks_2samp(ref, cur) (method 'auto', exact at these sizes) on the
values left after dropping the missing cells, and the Benjamini-Hochberg adjusted p-values
across the columns (statsmodels multipletests 'fdr_bh'), the family Vigie corrects over.
Only numeric columns are written so the correction family is exactly these columns.

Floats are written with repr(), which round-trips exactly, so DuckDB reads the same doubles that
scipy sees.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

from common import write_golden

rng = np.random.default_rng(20250611)
N_REF, N_CUR = 240, 180


def with_missing(x: np.ndarray, share: float) -> np.ndarray:
    """Blanks a fixed share of the cells (written as empty CSV fields)."""
    x = x.astype(float).copy()
    idx = rng.choice(len(x), size=int(round(share * len(x))), replace=False)
    x[idx] = np.nan
    return x


# name -> (reference values, current values)
COLUMNS: dict[str, tuple[np.ndarray, np.ndarray]] = {
    # a location shift of 0.9 sd: clearly drifted
    "shifted": (rng.normal(0.0, 1.0, N_REF), rng.normal(0.9, 1.0, N_CUR)),
    # the same distribution on both sides
    "same": (rng.normal(5.0, 2.0, N_REF), rng.normal(5.0, 2.0, N_CUR)),
    # skewed, a change of shape only
    "skewed": (rng.lognormal(0.0, 1.0, N_REF), rng.lognormal(0.0, 1.25, N_CUR)),
    # heavy tails, a change of scale
    "heavy": (rng.standard_t(3, N_REF), 1.6 * rng.standard_t(3, N_CUR)),
    # integers with many ties (read as an integer column)
    "ties": (rng.poisson(8, N_REF), rng.poisson(8, N_CUR)),
    # one decimal: ties between the samples too
    "rounded": (np.round(rng.normal(10.0, 1.0, N_REF), 1), np.round(rng.normal(10.1, 1.0, N_CUR), 1)),
    # 10% and 15% missing cells
    "missing": (with_missing(rng.normal(0.0, 1.0, N_REF), 0.10), with_missing(rng.normal(0.0, 1.0, N_CUR), 0.15)),
    # large magnitudes
    "huge": (rng.normal(1e9, 1e7, N_REF), rng.normal(1e9 + 7e6, 1e7, N_CUR)),
}


def cell(v: float | int, integer: bool) -> str:
    if isinstance(v, float) and np.isnan(v):
        return ""
    return str(int(v)) if integer else repr(float(v))


def csv_text(side: int) -> str:
    names = list(COLUMNS)
    lines = [",".join(names)]
    n = N_REF if side == 0 else N_CUR
    for i in range(n):
        row = []
        for name in names:
            values = COLUMNS[name][side]
            row.append(cell(values[i].item(), np.issubdtype(values.dtype, np.integer)))
        lines.append(",".join(row))
    return "\n".join(lines) + "\n"


results = []
for name, (ref, cur) in COLUMNS.items():
    r = ref.astype(float)
    c = cur.astype(float)
    r, c = r[~np.isnan(r)], c[~np.isnan(c)]
    res = stats.ks_2samp(r, c)
    results.append(
        {
            "name": name,
            "referenceSize": len(r),
            "currentSize": len(c),
            "statistic": float(res.statistic),
            "pvalue": float(res.pvalue),
        }
    )

adjusted = multipletests([r["pvalue"] for r in results], method="fdr_bh")[1]
for r, a in zip(results, adjusted):
    r["pvalueAdjusted"] = float(a)
    r["drift"] = bool(a < 0.05)
    # "clear" decisions, which a saved-profile reference (approximate KS) must reproduce
    r["clear"] = "drift" if r["pvalue"] < 1e-6 else "no drift" if r["pvalue"] > 0.3 else "unclear"

drifted = sum(r["drift"] for r in results)
write_golden(
    "cli_drift",
    {
        "description": "scipy.stats.ks_2samp per numeric column of two CSV datasets; fdr_bh across columns",
        "threshold": 0.05,
        "reference_csv": csv_text(0),
        "current_csv": csv_text(1),
        "columns": results,
        "datasetDrift": {"drift": drifted / len(results) >= 0.5, "share": drifted / len(results)},
    },
)
for r in results:
    print(f"{r['name']:10s} D={r['statistic']:.4f} p={r['pvalue']:.3g} adj={r['pvalueAdjusted']:.3g} {r['clear']}")
