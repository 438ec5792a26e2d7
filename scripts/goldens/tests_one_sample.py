"""Golden fixture for packages/core/src/stats/tests/one-sample (one-sample normality tests).

Writes packages/core/test/goldens/tests_one_sample.json. Every input is stored once under
`inputs`; each function's cases refer to an input by name:

- skewtest, kurtosistest (each alternative), normaltest, jarqueBera, shapiro: scipy.stats
- nan_policy 'propagate' (default), 'omit' and 'raise' on the inputs holding NaN

scipy returns NaN (with a SmallSampleWarning) for samples below each test's minimum size; those
NaN results are stored as they are. A case where scipy raises stores `"error": "ValueError"`.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from common import samples, write_golden

warnings.simplefilter("ignore")

rng = np.random.default_rng(7011)


def build_inputs() -> dict[str, np.ndarray]:
    x = dict(samples(rng))
    with_nan = rng.normal(3, 1, 40)
    with_nan[[2, 17, 33]] = np.nan
    nan_small = rng.normal(0, 1, 9)
    nan_small[[1, 5]] = np.nan
    x.update(
        {
            "four": np.array([1.0, 2.0, 4.0, 8.0]),
            "five": np.array([2.0, -1.0, 0.5, 3.0, 10.0]),
            "seven": rng.normal(0, 1, 7),
            "eight": rng.normal(0, 1, 8),
            "symmetric_eight": np.arange(1.0, 9.0),
            "outlier_eight": np.array([1, 2, 3, 4, 5, 6, 7, 8000.0]),
            "almost_constant": np.array([100, 100, 100, 100, 100, 100, 100, 101.0]),
            "six_outlier": np.array([0.0, 0.1, 0.2, 0.3, 0.4, 1e6]),
            "three_exact": np.array([1.0, 2.0, 3.0]),
            "three_skewed": np.array([0.0, 0.0, 1.0]),
            "eleven": rng.exponential(1.0, 11),
            "twelve": rng.exponential(1.0, 12),
            "twenty": np.arange(20.0),
            "two_values": np.repeat([0.0, 1.0], 10),
            "bimodal": np.concatenate([rng.normal(-3, 1, 250), rng.normal(3, 1, 250)]),
            "shifted_far": rng.normal(-1e6, 1, 100),
            "subnormal_range": rng.normal(0, 1e-20, 10),
            "with_nan": with_nan,
            "nan_small": nan_small,
            "with_inf": np.array([1.0, 2.0, np.inf, 3.0, 4.5, 0.5, 2.5, 1.5, 3.5, 0.0]),
            "uniform_1000": rng.uniform(0, 1, 1000),
            "integers_2000": rng.integers(0, 4, 2000).astype(float),
            "normal_5000": rng.normal(0, 1, 5000),
            "lognormal_3000": rng.lognormal(0, 0.5, 3000),
        }
    )
    return x


inputs = build_inputs()
NAN_INPUTS = {"with_nan", "nan_small"}


def attempt(fn):
    try:
        res = fn()
        return {"statistic": res.statistic, "pvalue": res.pvalue}
    except ValueError as err:
        return {"error": type(err).__name__}


def policies(name):
    return ["propagate", "omit", "raise"] if name in NAN_INPUTS else ["propagate"]


cases: dict[str, list] = {"skewtest": [], "kurtosistest": [], "normaltest": [], "jarqueBera": [], "shapiro": []}
for name, x in inputs.items():
    for policy in policies(name):
        for alternative in ("two-sided", "less", "greater"):
            for key, fn in (("skewtest", stats.skewtest), ("kurtosistest", stats.kurtosistest)):
                cases[key].append({"input": name, "nanPolicy": policy, "alternative": alternative,
                                   **attempt(lambda fn=fn: fn(x, nan_policy=policy, alternative=alternative))})
        for key, fn in (("normaltest", stats.normaltest), ("jarqueBera", stats.jarque_bera),
                        ("shapiro", stats.shapiro)):
            cases[key].append({"input": name, "nanPolicy": policy,
                               **attempt(lambda fn=fn: fn(x, nan_policy=policy))})

write_golden("tests_one_sample", {"inputs": {k: v for k, v in inputs.items()}, **cases})
