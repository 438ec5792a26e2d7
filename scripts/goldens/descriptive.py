"""Golden fixture for packages/core/src/stats/descriptive (numpy / scipy.stats descriptive statistics).

Writes packages/core/test/goldens/descriptive.json. Every input is stored once under `inputs`;
each function's cases refer to inputs by name.

References:
- sum: math.fsum (correctly rounded). Vigie's sum is compensated, which is more accurate than
  numpy's pairwise sum; the numpy value is stored too (`numpy`) for information.
- moments: exact rational arithmetic (integers scaled by a common power of two), NaN omitted.
- everything else: numpy / scipy.stats as named in each section.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import scipy.stats as st

from common import samples, write_golden

warnings.simplefilter("ignore")

QS = [0.0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.75, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0]
METHODS = [
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
    "lower",
    "higher",
    "midpoint",
    "nearest",
]
BIN_RULES = ["auto", "fd", "doane", "scott", "sqrt", "rice", "sturges", 1, 7, 10]
RANK_METHODS = ["average", "min", "max", "dense", "ordinal"]
FULL_RANKS_MAX_N = 1000
# Longer arrays (ranks, bin edges, counts) are stored as values at evenly spaced positions.
MAX_STORED = 300


def build_inputs(rng: np.random.Generator) -> dict[str, np.ndarray]:
    x = dict(samples(rng))
    with_nan = rng.normal(5, 2, 25)
    with_nan[[3, 11, 19]] = np.nan
    x.update(
        {
            "four": np.array([4.0, -2.0, 0.5, 10.0]),
            "five_ties": np.array([5.0, 5.0, 1.0, 1.0, 3.0]),
            "nan_mid": with_nan,
            "nan_first": np.concatenate([[np.nan], rng.exponential(1.0, 12)]),
            "all_nan": np.array([np.nan, np.nan, np.nan]),
            "with_inf": np.array([1.0, 2.0, np.inf, 3.0, -0.5]),
            "huge_pm": rng.normal(0, 1, 20) * 1e300,
            "huge_pos": 1e300 * (1 + rng.uniform(0, 1, 20)),
            "subnormal": 1e-300 * rng.uniform(0.5, 1.5, 20),
            "signed_zeros": np.array([0.0, -0.0, 0.0, -0.0, 1.0, -1.0, -0.0]),
            "pareto": rng.pareto(1.5, 300),
            "bimodal": np.concatenate([rng.normal(-3, 0.5, 150), rng.normal(4, 1.0, 100)]),
            "sorted": np.arange(50, dtype=float),
            "reverse": np.arange(50, dtype=float)[::-1].copy(),
            "near_constant": np.array([1.0] * 9 + [1.0 + 2.0**-52]),
            "near_constant_big": 1e10 + np.array([0.0] * 11 + [1e-5]),
            "neg_skewed": -rng.exponential(3.0, 150),
            "mixed_magnitude": np.array([1e16, 1.0, 1.0, -1e16, 3.0, 1e-3, 2e15, -2e15, 0.5]),
            "small_int_ties": rng.integers(0, 4, 33).astype(float),
            "uniform_1000": rng.uniform(0, 100, 1000),
            "large_lognormal": rng.lognormal(1, 1, 5000),
            "large_int_ties": rng.integers(0, 25, 5000).astype(float),
        }
    )
    return x


def has_nan(v: np.ndarray) -> bool:
    return bool(np.isnan(v).any())


def all_finite(v: np.ndarray) -> bool:
    return bool(np.isfinite(v).all())


def exact_moments(v: np.ndarray) -> dict:
    """Central sums of the non-NaN values, exactly: every double is an integer times 2^-E."""
    vals = v[~np.isnan(v)]
    n = len(vals)
    out = {"n": n, "nanCount": int(np.isnan(v).sum())}
    if n == 0:
        # Vigie's convention: sums over no values are 0; mean, min and max are undefined.
        return {**out, "mean": math.nan, "m2": 0.0, "m3": 0.0, "m4": 0.0, "min": math.nan, "max": math.nan}
    fr = [Fraction(float(a)) for a in vals]
    e = max(f.denominator for f in fr).bit_length()
    scale = 1 << e
    ints = [int(f * scale) for f in fr]
    s1 = sum(ints)
    # sum_i (X_i - S1/n)^k = n^-k * sum_i (n X_i - S1)^k
    dev = [n * a - s1 for a in ints]
    sums = [sum(d**k for d in dev) for k in (2, 3, 4)]

    def to_float(num: int, k: int) -> float:
        f = Fraction(num, n**k * scale**k)
        try:
            return float(f)
        except OverflowError:
            return math.inf if f > 0 else -math.inf

    return {
        **out,
        "mean": float(Fraction(s1, n * scale)),
        "m2": to_float(sums[0], 2),
        "m3": to_float(sums[1], 3),
        "m4": to_float(sums[2], 4),
        "min": float(vals.min()),
        "max": float(vals.max()),
    }


def rank_case(v: np.ndarray, method: str, policy: str) -> dict:
    r = st.rankdata(v, method=method, nan_policy=policy).astype(float)
    case = {"method": method, "nanPolicy": policy}
    if len(v) <= FULL_RANKS_MAX_N:
        return {**case, "expected": r}
    return {**case, **sampled("expected", r)}


def sampled(key: str, values: np.ndarray) -> dict:
    """`{key: values}` when short, else values at MAX_STORED evenly spaced positions."""
    if len(values) <= MAX_STORED:
        return {key: values}
    pos = np.unique(np.linspace(0, len(values) - 1, MAX_STORED).astype(int))
    return {key: values[pos], key + "Positions": pos, key + "Length": len(values)}


def main() -> None:
    rng = np.random.default_rng(20240611)
    inputs = build_inputs(rng)
    names = list(inputs)
    nan_names = [k for k in names if has_nan(inputs[k])]
    finite_names = [k for k in names if all_finite(inputs[k])]

    out: dict = {"inputs": {k: v for k, v in inputs.items()}}

    out["sum"] = [{"input": k, "expected": math.fsum(v), "numpy": float(np.sum(v))} for k, v in inputs.items()]
    out["mean"] = [{"input": k, "expected": float(np.mean(v))} for k, v in inputs.items()]
    out["variance"] = [
        {"input": k, "ddof": d, "expected": float(np.var(v, ddof=d))} for k, v in inputs.items() for d in (0, 1)
    ]
    out["std"] = [
        {"input": k, "ddof": d, "expected": float(np.std(v, ddof=d))} for k, v in inputs.items() for d in (0, 1)
    ]
    out["min"] = [{"input": k, "expected": float(np.min(v))} for k, v in inputs.items()]
    out["max"] = [{"input": k, "expected": float(np.max(v))} for k, v in inputs.items()]

    # Excluded: fourth powers overflow beyond ~1e77 (huge_*; unit tests cover infinities), and
    # mixed_magnitude, whose mean has condition number ~1e16: moments() sums blocks plainly (as
    # any two-pass algorithm), so only the compensated `sum` gets that mean right.
    out["moments"] = [
        {"input": k, **exact_moments(v)}
        for k, v in inputs.items()
        if not np.isinf(v).any() and np.nanmax(np.abs(v), initial=0) < 1e75 and k != "mixed_magnitude"
    ]

    out["skew"] = []
    out["kurtosis"] = []
    for k, v in inputs.items():
        policies = ["propagate", "omit"] if k in nan_names else ["propagate"]
        for policy in policies:
            for bias in (True, False):
                out["skew"].append(
                    {
                        "input": k,
                        "bias": bias,
                        "nanPolicy": policy,
                        "expected": float(st.skew(v, bias=bias, nan_policy=policy)),
                    }
                )
                for fisher in (True, False):
                    out["kurtosis"].append(
                        {
                            "input": k,
                            "fisher": fisher,
                            "bias": bias,
                            "nanPolicy": policy,
                            "expected": float(st.kurtosis(v, fisher=fisher, bias=bias, nan_policy=policy)),
                        }
                    )

    out["quantile"] = {
        "qs": QS,
        "cases": [
            {"input": k, "method": m, "expected": np.quantile(v, QS, method=m)}
            for k, v in inputs.items()
            for m in METHODS
        ],
    }
    out["median"] = [{"input": k, "expected": float(np.median(v))} for k, v in inputs.items()]

    out["medianAbsDeviation"] = []
    for k, v in inputs.items():
        policies = ["propagate", "omit"] if k in nan_names else ["propagate"]
        for policy in policies:
            for scale in (1.0, "normal"):
                out["medianAbsDeviation"].append(
                    {
                        "input": k,
                        "scale": scale,
                        "nanPolicy": policy,
                        "expected": float(st.median_abs_deviation(v, scale=scale, nan_policy=policy)),
                    }
                )

    iqr_variants = [
        {"rng": [25, 75], "scale": 1.0, "interpolation": "linear"},
        {"rng": [25, 75], "scale": "normal", "interpolation": "linear"},
        {"rng": [10, 90], "scale": 1.0, "interpolation": "lower"},
        {"rng": [90, 10], "scale": 2.0, "interpolation": "higher"},
        {"rng": [5, 95], "scale": 1.0, "interpolation": "midpoint"},
        {"rng": [0, 100], "scale": 1.0, "interpolation": "nearest"},
        {"rng": [25, 75], "scale": 1.0, "interpolation": "hazen"},
    ]
    out["iqr"] = []
    for k, v in inputs.items():
        policies = ["propagate", "omit"] if k in nan_names else ["propagate"]
        for policy in policies:
            for var in iqr_variants:
                out["iqr"].append(
                    {
                        "input": k,
                        **var,
                        "nanPolicy": policy,
                        "expected": float(
                            st.iqr(
                                v,
                                rng=tuple(var["rng"]),
                                scale=var["scale"],
                                interpolation=var["interpolation"],
                                nan_policy=policy,
                            )
                        ),
                    }
                )

    out["mode"] = []
    for k, v in inputs.items():
        policies = ["propagate", "omit"] if k in nan_names else ["propagate"]
        for policy in policies:
            r = st.mode(v, nan_policy=policy)
            out["mode"].append({"input": k, "nanPolicy": policy, "mode": float(r.mode), "count": int(r.count)})

    out["rankdata"] = []
    for k, v in inputs.items():
        policies = ["propagate", "omit"] if k in nan_names else ["propagate"]
        for policy in policies:
            for m in RANK_METHODS:
                out["rankdata"].append({"input": k, **rank_case(v, m, policy)})

    out["tiecorrect"] = []
    for k in names:
        if k in nan_names:
            continue
        v = inputs[k]
        _, counts = np.unique(v, return_counts=True)
        counts = counts.astype(float)
        out["tiecorrect"].append(
            {
                "input": k,
                "expected": float(st.tiecorrect(st.rankdata(v))),
                "sumT3MinusT": float((counts**3 - counts).sum()),
                "groups": int((counts > 1).sum()),
            }
        )

    out["histogramBinEdges"] = []
    out["histogramUniform"] = []
    for k in finite_names:
        v = inputs[k]
        ranges = [None]
        if len(v) > 3:
            lo, hi = np.quantile(v, [0.1, 0.8])
            ranges.append([float(lo), float(hi)])
        for rng_ in ranges:
            for rule in BIN_RULES:
                # numpy fails here in three ways, all of which Vigie reports as INVALID_ARGUMENT:
                # "Too many bins" (ValueError), a width overflowing to zero bins (bincount fails
                # later), and absurd bin counts (MemoryError).
                try:
                    edges = np.histogram_bin_edges(v, bins=rule, range=rng_)
                    if len(edges) < 2:
                        raise ValueError("zero bins")
                    counts, _ = np.histogram(v, bins=rule, range=rng_)
                except (ValueError, MemoryError) as exc:
                    out["histogramBinEdges"].append({"input": k, "bins": rule, "range": rng_, "error": str(exc)})
                    continue
                out["histogramBinEdges"].append({"input": k, "bins": rule, "range": rng_, **sampled("edges", edges)})
                out["histogramUniform"].append(
                    {
                        "input": k,
                        "lo": float(edges[0]),
                        "hi": float(edges[-1]),
                        "nBins": len(edges) - 1,
                        **sampled("counts", counts),
                    }
                )

    out["histogram"] = []
    for k, v in inputs.items():
        finite = v[np.isfinite(v)]
        if len(finite) == 0:
            continue
        lo, hi = float(finite.min()), float(finite.max())
        edge_sets = [
            np.quantile(finite, np.linspace(0, 1, 6)),
            np.array([lo, lo, (lo + hi) / 2, hi]),
            np.array([lo - 1, hi + 1]),
            np.linspace(lo, hi, 13),
        ]
        if len(finite) > 3:
            edge_sets.append(np.quantile(finite, [0.2, 0.3, 0.7]))
        for edges in edge_sets:
            counts, _ = np.histogram(v, bins=edges)
            out["histogram"].append({"input": k, "edges": edges, "counts": counts})

    write_golden("descriptive", out)


if __name__ == "__main__":
    main()
