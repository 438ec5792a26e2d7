"""Golden fixture for dataset drift: the default method selection and each method's numbers,
computed independently with scipy and statsmodels on the documented definitions.

Defaults (docs/drift.md): numeric columns with more than 5 distinct reference values are compared
as numbers: KS (scipy.stats.ks_2samp, method 'auto') when the reference has at most 1,000 values,
otherwise Wasserstein-1 / std(reference, ddof=1) with drift at >= 0.1. Other columns are
categorical: chi-square test of homogeneity (scipy.stats.chi2_contingency on the 2 x k table) up to
1,000 reference values, otherwise the Jensen-Shannon distance (base 2) with drift at >= 0.1.
p-values are corrected across columns with Benjamini-Hochberg (statsmodels fdr_bh); drift when the
corrected p-value < 0.05.
"""

import io

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon
from statsmodels.stats.multitest import multipletests

from common import write_golden


def frames(seed: int, n_ref: int, n_cur: int, shift: float):
    rng = np.random.default_rng(seed)

    def make(n, s):
        return pd.DataFrame(
            {
                "x": np.round(rng.normal(0 + s, 1, n), 5),
                "y": np.round(rng.exponential(2, n), 5),
                "g": rng.choice(["a", "b", "c"], n, p=[0.6, 0.3, 0.1] if s == 0 else [0.4, 0.4, 0.2]),
                "k": rng.integers(0, 3, n).astype(float),
            }
        )

    ref, cur = make(n_ref, 0.0), make(n_cur, shift)
    ref.loc[rng.random(n_ref) < 0.05, "x"] = np.nan
    return ref, cur


def expected(ref: pd.DataFrame, cur: pd.DataFrame):
    cols = []
    for name in ref.columns:
        r, c = ref[name].dropna(), cur[name].dropna()
        numeric = ref[name].dtype.kind == "f" and r.nunique() > 5
        small = len(r) <= 1000
        if numeric:
            if small:
                res = stats.ks_2samp(r.to_numpy(), c.to_numpy())
                cols.append({"name": name, "kind": "numeric", "method": "ks", "statistic": res.statistic, "pvalue": res.pvalue})
            else:
                w = stats.wasserstein_distance(r, c) / r.std(ddof=1)
                cols.append({"name": name, "kind": "numeric", "method": "wasserstein", "statistic": w, "pvalue": None})
        else:
            keys = sorted(set(r.astype(str)) | set(c.astype(str)))
            fmt = (lambda v: str(v)) if ref[name].dtype.kind != "f" else (lambda v: repr(float(v)).rstrip("0").rstrip("."))
            rc = r.map(fmt).value_counts()
            cc = c.map(fmt).value_counts()
            keys = sorted(set(rc.index) | set(cc.index))
            a = np.array([rc.get(k, 0) for k in keys], dtype=float)
            b = np.array([cc.get(k, 0) for k in keys], dtype=float)
            if small:
                res = stats.chi2_contingency(np.array([a, b]))
                cols.append({"name": name, "kind": "categorical", "method": "chisquare", "statistic": res.statistic, "pvalue": res.pvalue})
            else:
                cols.append({"name": name, "kind": "categorical", "method": "jensenshannon", "statistic": jensenshannon(a, b, base=2), "pvalue": None})
    tested = [c for c in cols if c["pvalue"] is not None]
    if tested:
        adj = multipletests([c["pvalue"] for c in tested], method="fdr_bh")[1]
        for c, p in zip(tested, adj):
            c["pvalueAdjusted"] = p
    for c in cols:
        c["drift"] = bool(c["pvalueAdjusted"] < 0.05) if c["pvalue"] is not None else bool(c["statistic"] >= 0.1)
    return cols


def csv(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue()


cases = []
for seed, n_ref, n_cur, shift in [(1, 200, 180, 0.0), (2, 300, 250, 0.6), (3, 900, 1000, 0.15), (4, 4000, 3000, 0.0), (5, 5000, 5000, 0.5), (6, 60, 40, 1.0)]:
    ref, cur = frames(seed, n_ref, n_cur, shift)
    cases.append({"name": f"seed{seed}_{n_ref}v{n_cur}_shift{shift}", "reference": csv(ref), "current": csv(cur), "columns": expected(ref, cur)})

write_golden("drift", {"cases": cases})
