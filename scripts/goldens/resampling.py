"""Golden fixture for packages/core/src/stats/resampling.

Vigie's generator is not numpy's, so bootstrap and random permutation tests cannot match scipy
digit for digit. The fixture therefore checks three things:

- `interval`: scipy.stats.bootstrap itself, fed a stored bootstrap distribution through
  `bootstrap_result=` with n_resamples=0, so scipy computes the percentile / basic / BCa interval
  (BCa with its own jackknife of the data) from exactly the numbers Vigie is given: 1e-9.
- `bootstrapScipy`: scipy's full bootstrap (9999 resamples, numpy's generator): Vigie's interval
  must be within Monte-Carlo error of it.
- `permutation`: scipy.stats.permutation_test; exact cases (all permutations enumerated) must
  match exactly, random ones within Monte-Carlo error.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from common import write_golden

rng = np.random.default_rng(99)


def pearson(x, y, axis=-1):
    xm = x - np.mean(x, axis=axis, keepdims=True)
    ym = y - np.mean(y, axis=axis, keepdims=True)
    return np.sum(xm * ym, axis=axis) / np.sqrt(np.sum(xm * xm, axis=axis) * np.sum(ym * ym, axis=axis))


STATS = {
    "anovaLike": lambda *s, axis=-1: np.var([np.mean(g, axis=axis) for g in s], axis=0),
    "mean": lambda x, axis=-1: np.mean(x, axis=axis),
    "median": lambda x, axis=-1: np.median(x, axis=axis),
    "std": lambda x, axis=-1: np.std(x, ddof=1, axis=axis),
    "meanDiff": lambda x, y, axis=-1: np.mean(x, axis=axis) - np.mean(y, axis=axis),
    "pairedMeanDiff": lambda x, y, axis=-1: np.mean(x - y, axis=axis),
    "pearson": pearson,
    "sum": lambda x, axis=-1: np.sum(x, axis=axis),
}


def interval_cases():
    datasets = [
        ("mean", False, [rng.normal(0, 1, 2)]),
        ("mean", False, [np.array([1.0, 2.0, 4.0])]),
        ("mean", False, [rng.normal(5, 2, 20)]),
        ("mean", False, [rng.exponential(1.0, 40)]),
        ("mean", False, [rng.lognormal(0, 1.5, 60)]),
        ("mean", False, [rng.normal(1e9, 1e6, 30)]),
        ("mean", False, [rng.normal(1e-9, 1e-10, 30)]),
        ("mean", False, [rng.standard_cauchy(50)]),
        ("mean", False, [rng.integers(0, 4, 25).astype(float)]),
        ("median", False, [rng.normal(0, 1, 15)]),
        ("median", False, [rng.integers(0, 6, 31).astype(float)]),
        ("median", False, [rng.exponential(3.0, 80)]),
        ("std", False, [rng.normal(0, 2, 25)]),
        ("std", False, [rng.standard_t(3, 100)]),
        ("meanDiff", False, [rng.normal(0, 1, 12), rng.normal(0.5, 1, 18)]),
        ("meanDiff", False, [rng.exponential(1, 30), rng.exponential(1.5, 25)]),
        ("meanDiff", False, [rng.normal(0, 1, 3), rng.normal(0, 1, 4)]),
        ("pairedMeanDiff", True, [rng.normal(0, 1, 20), rng.normal(0.2, 1, 20)]),
        ("pairedMeanDiff", True, [rng.normal(0, 1, 6), rng.normal(0.2, 1, 6)]),
        ("pearson", True, None),
        ("pearson", True, None),
        ("mean", False, [rng.normal(0, 1, 5)]),
        ("mean", False, [rng.normal(0, 1, 8)]),
        ("mean", False, [rng.gamma(0.5, 2.0, 150)]),
        ("mean", False, [rng.normal(-3, 0.1, 300)]),
        ("median", False, [rng.normal(0, 1, 16)]),
        ("median", False, [rng.lognormal(0, 1, 9)]),
        ("std", False, [rng.normal(0, 1, 8)]),
        ("std", False, [rng.exponential(2.0, 45)]),
        ("sum", False, [rng.uniform(-1, 1, 33)]),
        ("meanDiff", False, [rng.lognormal(0, 1, 50), rng.lognormal(0.2, 1, 10)]),
        ("anovaLike", False, [rng.normal(0, 1, 10), rng.normal(0.5, 1, 12), rng.normal(1, 1, 8)]),
        ("pairedMeanDiff", True, [rng.exponential(1, 30), rng.exponential(1.2, 30)]),
    ]
    cases = []
    for k, (stat, paired, data) in enumerate(datasets):
        if stat == "pearson":
            n = 25 if k % 2 else 60
            x = rng.normal(size=n)
            data = [x, 0.6 * x + rng.normal(size=n)]
        fn = STATS[stat]
        base = stats.bootstrap(data, fn, n_resamples=499, paired=paired, method="percentile",
                               rng=np.random.default_rng(k))
        dist = base.bootstrap_distribution
        # Include the observed value itself in some distributions to exercise BCa's tie counting.
        if k % 3 == 0:
            dist = dist.copy()
            dist[:5] = fn(*data)
            base.bootstrap_distribution = dist
        results = []
        for method in ["percentile", "basic", "BCa"]:
            for level, alternative in [(0.95, "two-sided"), (0.9, "less"), (0.8, "greater")]:
                with np.errstate(all="ignore"):
                    res = stats.bootstrap(data, fn, n_resamples=0, bootstrap_result=base, paired=paired,
                                          method=method, confidence_level=level, alternative=alternative)
                results.append({"method": method.lower(), "confidenceLevel": level, "alternative": alternative,
                                "low": res.confidence_interval.low, "high": res.confidence_interval.high})
        cases.append({"statistic": stat, "paired": paired, "data": data, "distribution": dist,
                      "standardError": res.standard_error, "results": results})
    # degenerate data: constant sample, BCa is 0/0 and scipy returns NaN
    data = [np.full(10, 2.5)]
    base = stats.bootstrap(data, STATS["mean"], n_resamples=99, method="percentile", rng=np.random.default_rng(5))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.bootstrap(data, STATS["mean"], n_resamples=0, bootstrap_result=base, method="BCa")
    cases.append({"statistic": "mean", "paired": False, "data": data, "distribution": base.bootstrap_distribution,
                  "standardError": res.standard_error,
                  "results": [{"method": "bca", "confidenceLevel": 0.95, "alternative": "two-sided",
                               "low": res.confidence_interval.low, "high": res.confidence_interval.high}]})
    return cases


def scipy_bootstrap_cases():
    specs = [
        ("mean", False, [rng.normal(10, 2, 50)], "percentile"),
        ("mean", False, [rng.normal(10, 2, 50)], "BCa"),
        ("mean", False, [rng.lognormal(0, 1, 80)], "BCa"),
        ("mean", False, [rng.lognormal(0, 1, 80)], "basic"),
        ("median", False, [rng.normal(0, 1, 41)], "percentile"),
        ("std", False, [rng.normal(0, 3, 60)], "BCa"),
        ("meanDiff", False, [rng.normal(0, 1, 30), rng.normal(1, 2, 40)], "BCa"),
        ("meanDiff", False, [rng.normal(0, 1, 30), rng.normal(1, 2, 40)], "percentile"),
        ("pairedMeanDiff", True, [rng.normal(0, 1, 35), rng.normal(0.3, 1, 35)], "BCa"),
        ("pearson", True, None, "BCa"),
        ("mean", False, [rng.exponential(2, 30)], "percentile"),
        ("mean", False, [rng.exponential(2, 30)], "basic"),
        ("mean", False, [rng.exponential(2, 30)], "BCa"),
        ("mean", False, [rng.normal(1e6, 1e3, 60)], "BCa"),
        ("mean", False, [rng.standard_t(4, 70)], "percentile"),
        ("median", False, [rng.exponential(1, 60)], "BCa"),
        ("median", False, [rng.normal(0, 1, 25)], "basic"),
        ("std", False, [rng.lognormal(0, 0.5, 50)], "percentile"),
        ("std", False, [rng.lognormal(0, 0.5, 50)], "basic"),
        ("sum", False, [rng.uniform(0, 1, 40)], "BCa"),
        ("meanDiff", False, [rng.exponential(1, 20), rng.exponential(2, 25)], "basic"),
        ("meanDiff", False, [rng.normal(0, 1, 60), rng.normal(0, 3, 15)], "BCa"),
        ("anovaLike", False, [rng.normal(0, 1, 20), rng.normal(0.5, 1, 20), rng.normal(1, 1, 20)], "percentile"),
        ("pairedMeanDiff", True, [rng.normal(0, 1, 40), rng.normal(0.3, 1, 40)], "percentile"),
        ("pairedMeanDiff", True, [rng.normal(0, 1, 40), rng.normal(0.3, 1, 40)], "basic"),
        ("pearson", True, None, "percentile"),
        ("pearson", True, None, "basic"),
        ("mean", False, [rng.poisson(3, 45).astype(float)], "BCa"),
        ("median", False, [rng.poisson(5, 51).astype(float)], "percentile"),
        ("mean", False, [rng.lognormal(0, 1.5, 120)], "BCa"),
    ]
    cases = []
    for k, (stat, paired, data, method) in enumerate(specs):
        if data is None:
            x = rng.normal(size=50)
            data = [x, 0.5 * x + rng.normal(size=50)]
        res = stats.bootstrap(data, STATS[stat], n_resamples=9999, paired=paired, method=method,
                              rng=np.random.default_rng(100 + k))
        cases.append({"statistic": stat, "paired": paired, "data": data, "method": method.lower(),
                      "low": res.confidence_interval.low, "high": res.confidence_interval.high,
                      "standardError": res.standard_error})
    return cases


def permutation_cases():
    specs = []
    # exact independent
    for sizes, stat in [((2, 2), "meanDiff"), ((3, 4), "meanDiff"), ((4, 5), "meanDiff"), ((5, 5), "meanDiff"),
                        ((6, 7), "meanDiff"), ((3, 3), "meanDiffTies")]:
        data = [rng.normal(0, 1, sizes[0]), rng.normal(0.8, 1, sizes[1])]
        if stat == "meanDiffTies":
            data = [np.array([1.0, 2.0, 2.0]), np.array([2.0, 3.0, 3.0])]
            stat = "meanDiff"
        specs.append(("independent", stat, data, 9999))
    specs.append(("independent", "anovaLike", [rng.normal(0, 1, 3), rng.normal(0.5, 1, 3), rng.normal(1, 1, 2)], 9999))
    specs.append(("independent", "meanDiff", [np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.5, 2.5, 3.5])], 9999))
    # exact pairings
    for n in [3, 4, 5, 6, 7]:
        x = rng.normal(size=n)
        specs.append(("pairings", "pearson", [x, x + rng.normal(size=n)], 9999 if n < 5 else 100000))
    specs.append(("pairings", "pearson", [np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 1.0, 4.0, 3.0])], 9999))
    # exact samples
    for n in [4, 6, 8, 10, 12]:
        specs.append(("samples", "mean", [rng.normal(0.4, 1, n)], 9999))
    for n in [5, 9]:
        specs.append(("samples", "pairedMeanDiff", [rng.normal(0, 1, n), rng.normal(0.6, 1, n)], 9999))
    specs.append(("samples", "sum", [np.array([1.0, -2.0, 3.0, 0.5, 2.0])], 9999))
    specs.append(("samples", "anovaLike", [rng.normal(0, 1, 4), rng.normal(0.5, 1, 4), rng.normal(1, 1, 4)], 9999))
    specs.append(("pairings", "anovaLike", [rng.normal(0, 1, 3), rng.normal(0.5, 1, 3), rng.normal(1, 1, 3)], 9999))
    # random (Monte-Carlo) cases
    specs.append(("independent", "meanDiff", [rng.normal(0, 1, 25), rng.normal(0.5, 1, 30)], 9999))
    specs.append(("independent", "meanDiff", [rng.exponential(1, 40), rng.exponential(1.4, 40)], 9999))
    specs.append(("independent", "meanDiff", [rng.normal(0, 1, 9), rng.normal(0.2, 1, 9)], 2000))
    specs.append(("pairings", "pearson", [rng.normal(size=30), rng.normal(size=30)], 9999))
    x = rng.normal(size=40)
    specs.append(("pairings", "pearson", [x, 0.3 * x + rng.normal(size=40)], 9999))
    specs.append(("samples", "mean", [rng.normal(0.3, 1, 30)], 9999))
    specs.append(("samples", "pairedMeanDiff", [rng.normal(0, 1, 25), rng.normal(0.4, 1, 25)], 9999))
    specs.append(("independent", "anovaLike", [rng.normal(0, 1, 10), rng.normal(0.4, 1, 12), rng.normal(0.8, 1, 9)],
                  9999))

    cases = []
    for permutation_type, stat, data, n_resamples in specs:
        fn = STATS[stat]
        for alternative in ["two-sided", "less", "greater"]:
            res = stats.permutation_test(data, fn, permutation_type=permutation_type, n_resamples=n_resamples,
                                         alternative=alternative, vectorized=True, rng=np.random.default_rng(3))
            n_null = res.null_distribution.size
            cases.append({"permutationType": permutation_type, "statistic": stat, "data": data,
                          "nResamples": n_resamples, "alternative": alternative,
                          "observed": res.statistic, "pvalue": res.pvalue, "nullSize": n_null,
                          "exact": bool(_n_max(permutation_type, data) <= n_resamples)})
    return cases


def _n_max(permutation_type, data):
    import math
    if permutation_type == "independent":
        total, count = 0, 1
        for s in data:
            count *= math.comb(total + len(s), len(s))
            total += len(s)
        return count
    k = len(data) if len(data) > 1 else 2
    n = len(data[0])
    if permutation_type == "pairings":
        return math.factorial(n) ** len(data)
    return math.factorial(k) ** n


write_golden("resampling", {
    "interval": interval_cases(),
    "bootstrapScipy": scipy_bootstrap_cases(),
    "permutation": permutation_cases(),
})
