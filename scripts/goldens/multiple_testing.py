"""Golden fixture for packages/core/src/stats/multiple-testing: statsmodels.stats.multitest.multipletests.

Vigie leaves NaN p-values out of the count m (statsmodels counts them and, for fdr_bh, returns all
NaN). For inputs with NaN the expected values are therefore statsmodels' answer on the non-NaN
p-values, put back in place with NaN / not rejected where the input was NaN; statsmodels' raw
answer is kept beside it as `statsmodelsRaw` to document the difference.
"""

from __future__ import annotations

import numpy as np
from statsmodels.stats.multitest import multipletests

from common import write_golden

METHODS = ["bonferroni", "sidak", "holm", "holm-sidak", "fdr_bh", "fdr_by"]
rng = np.random.default_rng(7)


def inputs():
    cases = [
        ("single", [0.03]),
        ("single-zero", [0.0]),
        ("single-one", [1.0]),
        ("two", [0.01, 0.04]),
        ("three", [0.01, 0.04, 0.03]),
        ("doc", [0.01, 0.02, 0.5]),
        ("all-zero", [0.0, 0.0, 0.0]),
        ("all-one", [1.0, 1.0, 1.0, 1.0]),
        ("ties", [0.02, 0.02, 0.02, 0.04, 0.04, 0.5]),
        ("ties-at-threshold", [0.0125, 0.0125, 0.0125, 0.0125]),
        ("boundary-bh", [0.01, 0.02, 0.03, 0.04, 0.05]),
        ("boundary-holm", [0.01, 0.0125, 0.0166666667, 0.025, 0.05]),
        ("tiny", [1e-300, 1e-200, 1e-100, 1e-50, 1e-10]),
        ("mixed", [1e-12, 0.5, 0.001, 0.99, 0.04, 0.049, 0.051]),
        ("descending", [0.9, 0.5, 0.1, 0.05, 0.01, 0.001]),
        ("near-one", [0.999, 0.9999, 0.99999]),
    ]
    for size in [5, 10, 20, 50, 100, 500, 2000]:
        cases.append((f"uniform-{size}", rng.uniform(0, 1, size)))
    for size in [10, 40, 200, 1000]:
        # a mix of true effects (small p) and nulls
        k = size // 4
        p = np.concatenate((rng.beta(0.2, 8, k), rng.uniform(0, 1, size - k)))
        cases.append((f"mixture-{size}", rng.permutation(p)))
    for size in [8, 30, 120]:
        cases.append((f"rounded-{size}", np.round(rng.uniform(0, 0.2, size), 3)))
    cases.append(("nan-one", [0.01, float("nan"), 0.02, 0.5]))
    cases.append(("nan-many", [float("nan"), 0.001, float("nan"), 0.04, 0.03, float("nan")]))
    cases.append(("nan-all", [float("nan"), float("nan")]))
    cases.append(("empty", []))
    return cases


def vigie_reference(p, method, alpha):
    p = np.asarray(p, dtype=float)
    ok = ~np.isnan(p)
    reject = np.zeros(p.size, dtype=bool)
    corrected = np.full(p.size, np.nan)
    if ok.any():
        r, c, _, _ = multipletests(p[ok], alpha=alpha, method=method)
        reject[ok] = r
        corrected[ok] = c
    return reject, corrected


cases = []
for name, p in inputs():
    for alpha in ([0.05, 0.1] if name in ("boundary-bh", "mixture-200", "uniform-100") else [0.05]):
        entry = {"name": name, "pvals": p, "alpha": alpha, "methods": {}}
        for method in METHODS:
            reject, corrected = vigie_reference(p, method, alpha)
            result = {"reject": reject, "pvalsCorrected": corrected}
            if np.isnan(np.asarray(p, dtype=float)).any():
                raw = multipletests(np.asarray(p, dtype=float), alpha=alpha, method=method)
                result["statsmodelsRaw"] = {"reject": raw[0], "pvalsCorrected": raw[1]}
            entry["methods"][method] = result
        cases.append(entry)

write_golden("multiple_testing", {"cases": cases})
