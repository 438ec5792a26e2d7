"""Golden fixture for dataset profiles: pandas/numpy/scipy answers on small CSV datasets.

Each case stores the CSV text; the TypeScript test reads it with Vigie's reader, profiles it and
compares per column: count, missing, distinct (pandas nunique), mean, std (ddof 1), min, max,
quantiles (numpy 'linear'), skewness and kurtosis (scipy, biased, Fisher), top value counts, and the
number of duplicate rows (pandas duplicated().sum()).
"""

import io

import numpy as np
import pandas as pd
from scipy import stats

from common import write_golden

QS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def dataset(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "normal": np.round(rng.normal(10, 3, n), 4),
            "skewed": np.round(rng.lognormal(0, 1, n), 4),
            "counts": rng.poisson(3, n).astype(float),
            "colour": rng.choice(["red", "green", "blue", "violet"], n, p=[0.5, 0.3, 0.15, 0.05]),
        }
    )
    df.loc[rng.random(n) < 0.1, "normal"] = np.nan
    df.loc[rng.random(n) < 0.05, "colour"] = None
    if n > 5:
        df = pd.concat([df, df.iloc[:3]], ignore_index=True)  # planted duplicate rows
    return df


def column_expect(s: pd.Series) -> dict:
    out = {"count": int(s.notna().sum()), "missing": int(s.isna().sum()), "distinct": int(s.nunique())}
    if s.dtype.kind == "f":
        v = s.dropna().to_numpy()
        out.update(
            {
                "mean": float(v.mean()) if len(v) else None,
                "std": float(v.std(ddof=1)) if len(v) > 1 else None,
                "min": float(v.min()) if len(v) else None,
                "max": float(v.max()) if len(v) else None,
                "quantiles": {str(q): float(np.quantile(v, q)) for q in QS} if len(v) else None,
                "skewness": float(stats.skew(v)) if len(v) > 1 and v.std() > 0 else None,
                "kurtosis": float(stats.kurtosis(v)) if len(v) > 1 and v.std() > 0 else None,
            }
        )
    else:
        vc = s.value_counts()
        out["top"] = [{"value": str(k), "count": int(c)} for k, c in vc.items()]
    return out


cases = []
for seed, n in [(1, 3), (2, 40), (3, 250), (4, 2000), (5, 12000)]:
    df = dataset(seed, n)
    buf = io.StringIO()
    df.to_csv(buf, index=False, float_format="%.4f")
    text = buf.getvalue()
    back = pd.read_csv(io.StringIO(text), keep_default_na=True)
    cases.append(
        {
            "name": f"seed{seed}_n{n}",
            "csv": text,
            "rows": len(back),
            "duplicateRows": int(back.duplicated().sum()),
            "columns": {c: column_expect(back[c]) for c in back.columns},
        }
    )

write_golden("profile", {"quantiles": QS, "cases": cases})
