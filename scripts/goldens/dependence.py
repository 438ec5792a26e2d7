"""Golden fixture for packages/core/src/stats/dependence.

References: scipy.stats.pearsonr (and its Fisher confidence interval), spearmanr, kendalltau,
scipy.stats.contingency.association(method='cramer'), sklearn.metrics.mutual_info_score and
normalized_mutual_info_score, pandas.DataFrame.corr. Bergsma's bias-corrected Cramer's V, the
correlation ratio (in exact rational arithmetic), the tables of two category-code arrays fed to
Cramer's V (numpy.add.at) and the binned mutual information have no reference function: they are implemented here in numpy (plus sklearn for the MI of the
bin codes) from the definitions documented in the TypeScript sources, independently of that code.

Inputs are stored once under "samples" and referenced by name; a derived input is
{"lin": [[name, coef], ...], "add": c}, formed left to right as ((s1*c1) + s2*c2) + c with
numpy's elementwise (unfused) operations, which the TypeScript side repeats bit for bit.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats.contingency import association
from sklearn.metrics import mutual_info_score, normalized_mutual_info_score

from common import samples, write_golden

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240917)
M = samples(rng)

POOL: dict[str, np.ndarray] = {}
USED: set[str] = set()


def add(name: str, values) -> str:
    POOL[name] = np.asarray(values, dtype=float)
    return name


for key in ["two", "three", "ties", "constant", "normal_small", "normal_50", "uniform_40", "huge",
            "tiny", "lognormal", "exponential", "cauchy", "student3", "integers"]:
    add(key, M[key])

add("normal_small_b", rng.normal(0, 1, 15))
add("normal_50_b", rng.normal(-3, 5, 50))
add("uniform_40_b", rng.uniform(0, 1, 40))
add("huge_b", rng.normal(1e12, 1e10, 30))
add("tiny_b", rng.normal(1e-12, 1e-13, 30))
add("lognormal_b", rng.lognormal(0, 1.0, 200))
add("exponential_b", rng.exponential(1.0, 120))
add("cauchy_b", rng.standard_cauchy(100))
add("student3_b", rng.standard_t(3, 300))
add("integers_b", rng.integers(0, 5, 80))
add("n33", rng.permutation(33))
add("n33_b", rng.permutation(33))
add("n34", rng.permutation(34))
add("n34_b", rng.permutation(34))
add("n60", np.arange(60))
_swap = np.arange(60)
_swap[[10, 11]] = _swap[[11, 10]]
add("n60_one_swap", _swap)
add("binary_60", rng.integers(0, 2, 60))
add("big_x", np.round(rng.normal(0, 1, 20000), 5))
add("big_z", np.round(rng.normal(0, 1, 20000), 5))
add("big_int", rng.integers(0, 10, 20000))
add("big_int_b", rng.integers(0, 5, 20000))
_perm = rng.permutation(20000)
add("big_perm", _perm)
add("big_perm_b", np.argsort(np.argsort(_perm + rng.normal(0, 3000, 20000))))
add("big_perm_c", rng.permutation(20000))
_p180 = rng.permutation(180)
add("n180", _p180)
add("n180_b", np.argsort(np.argsort(_p180 + rng.normal(0, 60, 180))))
add("n250", rng.permutation(250))
add("n250_b", rng.permutation(250))
add("n2000", np.round(rng.normal(0, 1, 2000), 6))
add("n2000_b", np.round(rng.normal(0, 1, 2000), 6))


def ref(name):
    return {"lin": [[name, 1.0]], "add": 0.0}


def lin(*terms, add_=0.0):
    return {"lin": [[n, float(c)] for n, c in terms], "add": float(add_)}


def values(spec) -> np.ndarray:
    if isinstance(spec, dict):
        out = None
        for name, coef in spec["lin"]:
            USED.add(name)
            term = POOL[name] * coef if coef != 1.0 else POOL[name].copy()
            out = term if out is None else out + term
        return out + spec["add"] if spec["add"] != 0.0 else out
    return np.asarray(spec, dtype=float)


def inline(a):
    return [float(v) for v in a]


# --------------------------------------------------------------------------------------------
# Correlation pairs: pearsonr, spearmanr, kendalltau on the same inputs.

NAN = float("nan")
INF = float("inf")
PAIRS = [
    ("one", [3.5], [1.0]),
    ("two", [1.0, 2.0], [2.0, 1.0]),
    ("two-positive", [1.0, 2.0], [-5.0, 7.0]),
    ("three", ref("three"), [1.0, 3.0, 2.0]),
    ("three-ties", [1.0, 1.0, 2.0], [3.0, 1.0, 1.0]),
    ("ties", ref("ties"), [4, 3, 3, 1, 2, 2, 2, 1, 1, 1]),
    ("ties-both", ref("ties"), [1, 1, 1, 2, 2, 3, 3, 3, 4, 4]),
    ("constant-x", ref("constant"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ("constant-y", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], ref("constant")),
    ("nan", [1.0, 2.0, NAN, 4.0, 5.0, 6.0], [2.0, 1.0, 4.0, 3.0, 6.0, 5.0]),
    ("nan-both", [1.0, NAN, 3.0, 4.0, 5.0, 6.0, 7.0], [2.0, 1.0, 4.0, NAN, 6.0, 5.0, 9.0]),
    ("perfect-positive", ref("normal_50"), lin(("normal_50", 2.0), add_=1.0)),
    ("perfect-negative", ref("normal_50"), lin(("normal_50", -3.0), add_=5.0)),
    ("perfect-negative-10", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
    ("independent-15", ref("normal_small"), ref("normal_small_b")),
    ("independent-40", ref("uniform_40"), ref("uniform_40_b")),
    ("correlated-50", ref("normal_50"), lin(("normal_50", 0.7), ("normal_50_b", 0.3))),
    ("huge", ref("huge"), ref("huge_b")),
    ("huge-correlated", ref("huge"), lin(("huge", 0.5), ("huge_b", 0.5))),
    ("tiny", ref("tiny"), ref("tiny_b")),
    ("tiny-correlated", ref("tiny"), lin(("tiny", 2.0), ("tiny_b", 1.0))),
    ("huge-vs-tiny", ref("huge"), ref("tiny")),
    ("lognormal-skewed", ref("lognormal"), lin(("lognormal", 1.0), ("lognormal_b", 1.0))),
    ("exponential", ref("exponential"), ref("exponential_b")),
    ("cauchy", ref("cauchy"), lin(("cauchy", 0.1), ("cauchy_b", 1.0))),
    ("student3", ref("student3"), lin(("student3", 0.2), ("student3_b", 1.0))),
    ("integers-ties", ref("integers"), ref("integers_b")),
    ("integers-dependent", ref("integers"), lin(("integers", 1.0), ("integers_b", 1.0))),
    ("binary-vs-continuous", ref("binary_60"), lin(("binary_60", 1.0), ("n60", 0.01))),
    ("n33-exact", ref("n33"), ref("n33_b")),
    ("n33-correlated", ref("n33"), lin(("n33", 1.0), ("n33_b", 0.5))),
    ("n34-asymptotic", ref("n34"), ref("n34_b")),
    ("n60-one-swap", ref("n60"), ref("n60_one_swap")),
    ("n60-reversed-one-swap", ref("n60"), lin(("n60_one_swap", -1.0))),
    ("negative-zero", [-0.0, 0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 0.0, 4.0, 3.0]),
    ("infinity", [1.0, 2.0, INF, 4.0, 5.0], [3.0, 1.0, 2.0, 5.0, 1.0]),
    ("large-correlated", ref("big_x"), lin(("big_x", 0.1), ("big_z", 1.0))),
    ("large-independent", ref("big_x"), ref("big_z")),
    ("large-ties", ref("big_int"), lin(("big_int", 0.2), ("big_int_b", 1.0))),
    ("large-ties-independent", ref("big_int"), ref("big_int_b")),
    ("large-permutation", ref("big_perm"), ref("big_perm_b")),
    ("large-permutation-independent", ref("big_perm"), ref("big_perm_c")),
    ("n2000", ref("n2000"), lin(("n2000", -0.05), ("n2000_b", 1.0))),
    # exact Kendall p-values past n = 170, where scipy rescales the recurrence
    ("exact-n180", ref("n180"), ref("n180_b")),
    ("exact-n250", ref("n250"), ref("n250_b")),
]

ALTS = ["two-sided", "less", "greater"]


def pvals(f):
    out = {}
    for alt in ALTS:
        try:
            res = f(alt)
            out[alt] = [float(res.statistic), float(res.pvalue)]
        except (ValueError, ZeroDivisionError) as e:
            out[alt] = {"error": str(e)}
    return out


def correlation_cases():
    cases = []
    for name, xs, ys in PAIRS:
        x, y = values(xs), values(ys)
        case = {"name": name, "x": xs if isinstance(xs, dict) else inline(x),
                "y": ys if isinstance(ys, dict) else inline(y)}
        # pearsonr: statistic, p-value and Fisher intervals per alternative
        pear = {}
        for alt in ALTS:
            try:
                res = stats.pearsonr(x, y, alternative=alt)
            except ValueError as e:
                pear[alt] = {"error": str(e)}
                continue
            cis = {}
            for level in (0.95, 0.9, 0.5):
                ci = res.confidence_interval(confidence_level=level)
                cis[str(level)] = [float(ci.low), float(ci.high)]
            pear[alt] = {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "ci": cis}
        case["pearsonr"] = pear
        case["spearmanr"] = pvals(lambda alt: stats.spearmanr(x, y, alternative=alt))
        case["kendalltau"] = pvals(lambda alt: stats.kendalltau(x, y, alternative=alt))
        case["kendalltauC"] = pvals(lambda alt: stats.kendalltau(x, y, alternative=alt, variant="c"))
        case["kendalltauAsymptotic"] = pvals(
            lambda alt: stats.kendalltau(x, y, alternative=alt, method="asymptotic"))
        if (len(x) <= 60 or name.startswith("exact-")) and len(x) >= 2:
            case["kendalltauExact"] = pvals(lambda alt: stats.kendalltau(x, y, alternative=alt, method="exact"))
        if np.isnan(x).any() or np.isnan(y).any():
            case["spearmanrOmit"] = pvals(
                lambda alt: stats.spearmanr(x, y, alternative=alt, nan_policy="omit"))
            case["kendalltauOmit"] = pvals(
                lambda alt: stats.kendalltau(x, y, alternative=alt, nan_policy="omit"))
        cases.append(case)
    return cases


# --------------------------------------------------------------------------------------------
# Cramer's V and contingency tables


def bergsma(table: np.ndarray) -> float:
    """Bergsma (2013) bias-corrected Cramer's V, after dropping empty rows and columns."""
    t = np.asarray(table, dtype=float)
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
    r, c = t.shape
    if r < 2 or c < 2:
        return NAN
    n = t.sum()
    expected = np.outer(t.sum(axis=1), t.sum(axis=0)) / n
    chi2 = ((t - expected) ** 2 / expected).sum()
    phi2 = chi2 / n
    phi2c = max(0.0, phi2 - (r - 1) * (c - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    cc = c - (c - 1) ** 2 / (n - 1)
    denom = min(rc - 1, cc - 1)
    if not denom > 0:
        return NAN
    return math.sqrt(phi2c / denom)


def scipy_cramer(table) -> float:
    t = np.asarray(table)
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
    if t.shape[0] < 2 or t.shape[1] < 2:
        return NAN
    return association(t.astype(np.int64), method="cramer")


def cramer_cases():
    tables = [
        ("2x2-perfect", [[10, 0], [0, 10]]),
        ("2x2-anti", [[0, 7], [7, 0]]),
        ("2x2-independent", [[10, 20], [20, 40]]),
        ("2x2-small", [[1, 2], [3, 1]]),
        ("2x2-n4", [[1, 1], [1, 1]]),
        ("2x2-n2", [[1, 0], [0, 1]]),
        ("2x2-n3", [[1, 1], [0, 1]]),
        ("2x3", [[10, 10, 20], [20, 20, 20]]),
        ("3x2", [[5, 1], [2, 8], [7, 7]]),
        ("3x3-diagonal", [[30, 0, 0], [0, 30, 0], [0, 0, 30]]),
        ("3x3-weak", [[30, 25, 20], [25, 30, 25], [20, 25, 30]]),
        ("4x4-permutation", [[0, 0, 9, 0], [5, 0, 0, 0], [0, 0, 0, 3], [0, 8, 0, 0]]),
        ("2x5", [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]),
        ("5x2", [[1, 5], [2, 4], [3, 3], [4, 2], [5, 1]]),
        ("large-counts", [[100000, 20000], [30000, 450000]]),
        ("huge-counts", [[10**9, 3 * 10**9], [2 * 10**9, 10**9]]),
        ("ones", [[1, 1, 1], [1, 1, 1], [1, 1, 1]]),
        ("zero-row", [[3, 4], [0, 0], [5, 1]]),
        ("zero-column", [[3, 0, 4], [5, 0, 1]]),
        ("one-row", [[3, 4, 5]]),
        ("one-column", [[3], [4], [5]]),
        ("all-zero-but-one", [[0, 0], [0, 5]]),
        ("skewed", [[500, 3, 1], [2, 1, 0], [1, 0, 1]]),
    ]
    for k, (r, c, n) in enumerate([(2, 2, 30), (3, 4, 200), (5, 5, 1000), (6, 3, 60), (10, 10, 5000),
                                   (4, 7, 25), (8, 2, 400), (3, 3, 12), (12, 6, 20000)]):
        p = rng.dirichlet(np.ones(r))
        q = rng.dirichlet(np.ones(c))
        tables.append((f"random-independent-{r}x{c}-n{n}", rng.multinomial(n, np.outer(p, q).ravel()).reshape(r, c)))
        joint = rng.dirichlet(np.ones(r * c) * 0.5)
        tables.append((f"random-dependent-{r}x{c}-n{n}", rng.multinomial(n, joint).reshape(r, c)))
    cases = []
    for name, t in tables:
        t = np.asarray(t, dtype=np.int64)
        cases.append({"name": name, "table": t.tolist(), "uncorrected": scipy_cramer(t), "corrected": bergsma(t)})
    return cases


def contingency_cases():
    cases = []
    specs = [(2, 2, 0), (1, 1, 3), (2, 3, 10), (3, 2, 10), (4, 4, 50), (5, 3, 100), (10, 10, 1000),
             (3, 3, 0), (2, 2, 1), (7, 1, 20), (1, 7, 20), (6, 6, 30), (20, 3, 500), (3, 20, 500),
             (2, 5, 40), (50, 40, 3000)]
    for k, (na, nb, n) in enumerate(specs):
        for missing in (0.0, 0.2):
            a = rng.integers(0, na, n).astype(np.int32)
            b = rng.integers(0, nb, n).astype(np.int32)
            if missing > 0 and n > 0:
                a[rng.random(n) < missing] = -1
                b[rng.random(n) < missing] = -1
            keep = (a >= 0) & (b >= 0)
            table = np.zeros((na, nb), dtype=np.int64)
            np.add.at(table, (a[keep], b[keep]), 1)
            cases.append({"name": f"{na}x{nb}-n{n}-missing{missing}", "a": a.tolist(), "b": b.tolist(),
                          "nA": na, "nB": nb, "table": table.tolist(),
                          "uncorrected": scipy_cramer(table), "corrected": bergsma(table)})
    return cases


# --------------------------------------------------------------------------------------------
# Correlation ratio


def correlation_ratio(cats, vals) -> float:
    """eta = sqrt(SS_between / SS_total), both sums in exact rational arithmetic (the inputs are
    doubles, hence exact rationals), so the reference carries no rounding of its own."""
    cats = np.asarray(cats)
    vals = np.asarray(vals, dtype=float)
    keep = (cats >= 0) & ~np.isnan(vals)
    cats, vals = cats[keep], vals[keep]
    if len(vals) == 0 or np.all(vals == vals[0]):
        return NAN
    exact = [Fraction(float(v)) for v in vals]
    n = len(exact)
    total = sum(exact, Fraction(0))
    sst = sum((v * v for v in exact), Fraction(0)) - total * total / n
    ssb = Fraction(0)
    for g in np.unique(cats):
        members = [exact[i] for i in np.nonzero(cats == g)[0]]
        s = sum(members, Fraction(0))
        ssb += s * s / len(members)
    ssb -= total * total / n
    return float(min(1.0, math.sqrt(ssb / sst)))


def correlation_ratio_cases():
    cases = []
    fixed = [
        ("two-groups", [0, 0, 1, 1], [1.0, 2.0, 5.0, 6.0]),
        ("perfect", [0, 0, 1, 1, 2, 2], [1.0, 1.0, 5.0, 5.0, 9.0, 9.0]),
        ("no-effect", [0, 1, 0, 1], [1.0, 1.0, 2.0, 2.0]),
        ("one-value", [0], [3.0]),
        ("two-values", [0, 1], [3.0, 4.0]),
        ("single-group", [2, 2, 2], [1.0, 2.0, 4.0]),
        ("constant", [0, 1, 2, 0], [7.0, 7.0, 7.0, 7.0]),
        ("missing-codes", [0, -1, 1, 1, -1, 0], [1.0, 100.0, 3.0, 4.0, -50.0, 2.0]),
        ("nan-values", [0, 0, 1, 1, 2], [1.0, NAN, 3.0, 4.0, 8.0]),
        ("sparse-codes", [7, 7, 3, 3, 11], [1.0, 2.0, 3.0, 5.0, 8.0]),
        ("all-missing", [-1, -1], [1.0, 2.0]),
    ]
    for name, c, v in fixed:
        cases.append({"name": name, "categories": c, "values": inline(np.asarray(v, dtype=float)),
                      "expected": correlation_ratio(c, v)})
    draws = [
        ("normal-3-groups", 60, 3, lambda g, n: rng.normal(g * 0.5, 1, n)),
        ("normal-10-groups", 500, 10, lambda g, n: rng.normal(np.sin(g), 1, n)),
        ("huge", 80, 4, lambda g, n: rng.normal(1e12 + g * 1e9, 1e10, n)),
        ("tiny", 80, 4, lambda g, n: rng.normal(1e-12 + g * 1e-14, 1e-13, n)),
        ("lognormal", 300, 5, lambda g, n: rng.lognormal(g * 0.2, 1.5, n)),
        ("cauchy", 200, 3, lambda g, n: rng.standard_cauchy(n) + g),
        ("integers", 100, 4, lambda g, n: rng.integers(0, 5, n).astype(float) + (g == 1)),
        ("independent", 400, 6, lambda g, n: rng.normal(0, 1, n)),
        ("strong", 90, 3, lambda g, n: rng.normal(g * 10, 0.1, n)),
        ("large", 20000, 8, lambda g, n: np.round(rng.normal(g * 0.1, 1, n), 5)),
        ("large-two", 20000, 2, lambda g, n: np.round(rng.exponential(1 + g, n), 5)),
        ("offset", 50, 2, lambda g, n: 1e6 + rng.normal(g, 1, n)),
        ("skewed-groups", 120, 3, lambda g, n: rng.exponential(1, n) * (g + 1)),
        ("many-groups", 300, 100, lambda g, n: rng.normal(g % 3, 1, n)),
        ("two-per-group", 40, 20, lambda g, n: rng.normal(g, 1, n)),
        ("student", 300, 4, lambda g, n: rng.standard_t(3, n) + 0.3 * g),
        ("with-missing", 200, 4, lambda g, n: rng.normal(g, 1, n)),
        ("with-nan", 200, 4, lambda g, n: rng.normal(g, 1, n)),
        ("uniform", 100, 5, lambda g, n: rng.uniform(0, 1, n) + 0.05 * g),
        ("unbalanced", 100, 3, lambda g, n: rng.normal(g, 1, n)),
    ]
    for name, n, k, draw in draws:
        if name == "unbalanced":
            cats = rng.choice(k, n, p=[0.9, 0.08, 0.02]).astype(np.int32)
        elif name == "two-per-group":
            cats = np.repeat(np.arange(k), 2).astype(np.int32)
        else:
            cats = rng.integers(0, k, n).astype(np.int32)
        vals = np.empty(n)
        for g in range(k):
            idx = cats == g
            vals[idx] = draw(g, int(idx.sum()))
        if name == "with-missing":
            cats[rng.random(n) < 0.1] = -1
        if name == "with-nan":
            vals[rng.random(n) < 0.1] = NAN
        cases.append({"name": name, "categories": cats.tolist(), "values": inline(vals),
                      "expected": correlation_ratio(cats, vals)})
    return cases


# --------------------------------------------------------------------------------------------
# Mutual information


def mi_cases():
    lab = [
        ("empty", [], []),
        ("one", [0], [0]),
        ("two-equal", [0, 1], [0, 1]),
        ("two-single-class", [0, 1], [1, 1]),
        ("both-single-class", [3, 3, 3], [1, 1, 1]),
        ("perfect", [0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]),
        ("perfect-renamed", [0, 0, 1, 1, 2, 2], [5, 5, -1, -1, 9, 9]),
        ("float-labels", [0.5, 0.5, 1.5, 2.5, 2.5, 0.5], [-3.25, 1e9, 1e9, -3.25, 7.0, 7.0]),
        ("negative-zero", [-0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 2.0]),
        ("refinement", [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3]),
        ("independent-balanced", [0, 0, 1, 1], [0, 1, 0, 1]),
        ("ties", M["ties"].astype(int).tolist(), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
        ("unique-vs-unique", list(range(50)), list(rng.permutation(50))),
        ("unique-vs-binary", list(range(50)), list(rng.integers(0, 2, 50))),
        ("sparse-large-labels", list(rng.choice([10**9, -10**9, 123456789, 7], 200)),
         list(rng.choice([2**40, 3, -(2**35)], 200))),
    ]
    for name, n, ka, kb, dep in [
        ("random-3x5", 80, 3, 5, 0.0), ("random-dependent-3x5", 80, 3, 5, 0.7),
        ("random-10x10", 1000, 10, 10, 0.0), ("random-dependent-10x10", 1000, 10, 10, 0.3),
        ("random-2x2", 30, 2, 2, 0.5), ("random-50x3", 500, 50, 3, 0.5),
        ("random-200x200", 2000, 200, 200, 0.5), ("random-4x4-small", 8, 4, 4, 0.0),
        ("large-independent", 20000, 10, 5, 0.0), ("large-dependent", 20000, 10, 5, 0.2),
        ("large-many-classes", 20000, 3000, 2000, 0.5), ("large-binary", 20000, 2, 2, 0.01),
        ("skewed", 500, 6, 4, 0.5), ("nearly-independent", 5000, 4, 4, 0.02),
        ("random-7x3-tiny", 5, 7, 3, 0.5), ("random-1000x1000", 3000, 1000, 1000, 0.9),
    ]:
        if name == "skewed":
            a = rng.choice(ka, n, p=[0.9, 0.05, 0.02, 0.01, 0.01, 0.01])
        else:
            a = rng.integers(0, ka, n)
        b = rng.integers(0, kb, n)
        take = rng.random(n) < dep
        b[take] = a[take] % kb
        lab.append((name, a.tolist(), b.tolist()))
    cases = []
    for name, a, b in lab:
        a_arr, b_arr = np.asarray(a), np.asarray(b)
        try:
            score = mutual_info_score(a_arr, b_arr)
        except ValueError:
            score = NAN  # empty labelings: scikit-learn fails on log(0); Vigie returns NaN
        case = {"name": name, "a": a, "b": b, "mi": score}
        for avg in ("arithmetic", "geometric", "min", "max"):
            case[f"nmi_{avg}"] = normalized_mutual_info_score(a_arr, b_arr, average_method=avg)
        cases.append(case)
    return cases


def bin_codes(x: np.ndarray, bins) -> np.ndarray:
    """numpy.histogram's bin of each value: e_i <= v < e_i+1, the last bin closed."""
    edges = np.histogram_bin_edges(x, bins=bins)
    m = len(edges) - 1
    return np.clip(np.searchsorted(edges, x, side="right") - 1, 0, m - 1)


def mi_binned(x, y, bins) -> float:
    keep = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[keep], y[keep]
    if len(x) == 0:
        return NAN
    return mutual_info_score(bin_codes(x, bins), bin_codes(y, bins))


def mi_target(f, t, bins, discrete_feature, discrete_target) -> float:
    keep = ~np.isnan(f) & ~np.isnan(t)
    f, t = f[keep], t[keep]
    if len(f) == 0:
        return NAN
    fc = f if discrete_feature else bin_codes(f, bins)
    tc = t if discrete_target else bin_codes(t, bins)
    return mutual_info_score(fc, tc)


def mi_binned_cases():
    rules = ["fd", "auto", "sturges", "sqrt", "rice", "scott", "doane", 10, 3, 1]
    picks = [
        ("two", "fd"), ("three", "sturges"), ("ties", "fd"), ("ties-both", 3), ("nan", "fd"),
        ("nan-both", 2), ("perfect-positive", "fd"), ("perfect-negative", 5), ("independent-15", "auto"),
        ("independent-40", "sqrt"), ("correlated-50", "rice"), ("huge", "scott"), ("huge-correlated", "fd"),
        ("tiny", "doane"), ("tiny-correlated", 10), ("lognormal-skewed", "fd"), ("exponential", "auto"),
        ("cauchy", "fd"), ("student3", "sturges"), ("integers-ties", "fd"), ("integers-dependent", 1),
        ("binary-vs-continuous", "fd"), ("n33-correlated", "sqrt"), ("negative-zero", 2),
        ("large-correlated", "fd"), ("large-independent", "auto"), ("large-ties", "fd"),
        ("large-permutation", 50), ("n2000", "doane"), ("constant-x", "fd"), ("one", "fd"),
    ]
    by_name = {name: (xs, ys) for name, xs, ys in PAIRS}
    cases = []
    for name, bins in picks:
        xs, ys = by_name[name]
        x, y = values(xs), values(ys)
        cases.append({"name": f"{name}-{bins}", "x": xs if isinstance(xs, dict) else inline(x),
                      "y": ys if isinstance(ys, dict) else inline(y), "bins": bins,
                      "expected": mi_binned(x, y, bins)})
    target_picks = [
        ("integers-ties", True, True, "fd"), ("integers-ties", False, True, "fd"),
        ("integers-ties", True, False, 4), ("binary-vs-continuous", True, False, "fd"),
        ("binary-vs-continuous", False, False, "fd"), ("correlated-50", False, False, "sturges"),
        ("large-ties", True, False, "fd"), ("large-ties", False, True, "auto"), ("large-ties", True, True, "fd"),
        ("large-correlated", False, False, "fd"), ("large-independent", False, False, 20),
        ("nan", False, True, "fd"), ("nan-both", True, True, "fd"), ("ties", True, True, "fd"),
        ("ties", False, False, 2), ("two", True, True, "fd"), ("three", False, True, "sqrt"),
        ("huge", False, False, "fd"), ("tiny", True, False, "fd"), ("lognormal-skewed", False, False, "doane"),
        ("cauchy", False, False, "auto"), ("student3", False, False, 8), ("exponential", False, True, "fd"),
        ("perfect-negative", False, False, "rice"), ("n2000", False, False, "scott"),
        ("large-permutation", True, True, "fd"), ("large-ties-independent", True, True, "fd"),
        ("n60-one-swap", False, False, "fd"), ("negative-zero", True, True, "fd"),
        ("constant-y", False, False, "fd"), ("one", True, False, "fd"),
    ]
    tcases = []
    for name, df, dt, bins in target_picks:
        xs, ys = by_name[name]
        x, y = values(xs), values(ys)
        tcases.append({"name": f"{name}-{int(df)}{int(dt)}-{bins}", "feature": xs if isinstance(xs, dict) else inline(x),
                       "target": ys if isinstance(ys, dict) else inline(y), "bins": bins,
                       "discreteFeature": df, "discreteTarget": dt,
                       "expected": mi_target(x, y, bins, df, dt)})
    return cases, tcases


# --------------------------------------------------------------------------------------------
# pairwiseCorrelation against pandas.DataFrame.corr


def pandas_corr(cols: list[np.ndarray], method: str) -> np.ndarray:
    return pd.DataFrame({f"c{j}": c for j, c in enumerate(cols)}).corr(method=method).to_numpy()


def spearman_complete_rows(cols: list[np.ndarray]) -> np.ndarray:
    """pandas' Spearman computed pair by pair on the finite rows of each pair (what pandas means,
    without its reuse of ranks that include infinities)."""
    k = len(cols)
    out = np.full((k, k), NAN)
    for i in range(k):
        for j in range(k):
            keep = np.isfinite(cols[i]) & np.isfinite(cols[j])
            if keep.sum() == 0:
                continue
            out[i, j] = pd.DataFrame({"a": cols[i][keep], "b": cols[j][keep]}).corr(method="spearman").to_numpy()[0, 1 if i != j else 0]
    return out


def pairwise_cases():
    def with_nan(a, frac):
        a = np.array(a, dtype=float)
        a[rng.random(len(a)) < frac] = NAN
        return a

    mats = []
    x = rng.normal(0, 1, 200)
    mats.append(("no-missing", [x, 0.5 * x + rng.normal(0, 1, 200), rng.normal(0, 1, 200)]))
    mats.append(("with-nan", [with_nan(x, 0.1), with_nan(-x + rng.normal(0, 0.5, 200), 0.2), with_nan(rng.normal(0, 1, 200), 0.05)]))
    mats.append(("one-column", [rng.normal(0, 1, 10)]))
    mats.append(("empty-rows", [np.array([]), np.array([])]))
    mats.append(("one-row", [np.array([1.0]), np.array([2.0])]))
    mats.append(("two-rows", [np.array([1.0, 2.0]), np.array([2.0, 1.0]), np.array([5.0, 5.0])]))
    mats.append(("constant-column", [np.full(20, 3.0), rng.normal(0, 1, 20), rng.normal(0, 1, 20)]))
    mats.append(("constant-over-complete-rows", [np.array([1.0, 1.0, 1.0, 5.0]), np.array([2.0, 3.0, 4.0, NAN])]))
    mats.append(("one-complete-row", [np.array([1.0, NAN, 3.0]), np.array([NAN, 2.0, 4.0])]))
    mats.append(("no-complete-row", [np.array([1.0, NAN, 3.0, NAN]), np.array([NAN, 2.0, NAN, 4.0])]))
    mats.append(("all-nan-column", [np.full(5, NAN), np.arange(5.0)]))
    mats.append(("same-missing-rows", [with_nan(x, 0.0), x ** 3 + rng.normal(0, 1, 200)]))
    m = rng.random(50) < 0.2
    a = rng.normal(0, 1, 50); b = a + rng.normal(0, 1, 50)
    a[m] = NAN; b[m] = NAN
    mats.append(("identical-masks", [a, b, rng.normal(0, 1, 50)]))
    mats.append(("ties", [M["integers"], POOL["integers_b"], M["integers"] + POOL["integers_b"]]))
    mats.append(("ties-with-nan", [with_nan(M["integers"], 0.2), with_nan(POOL["integers_b"], 0.2)]))
    mats.append(("huge", [POOL["huge"], POOL["huge_b"], 0.5 * POOL["huge"] + 0.5 * POOL["huge_b"]]))
    mats.append(("huge-with-nan", [with_nan(POOL["huge"], 0.2), with_nan(0.5 * POOL["huge"] + 0.5 * POOL["huge_b"], 0.2)]))
    mats.append(("tiny", [POOL["tiny"], 2.0 * POOL["tiny"] + POOL["tiny_b"]]))
    mats.append(("tiny-with-nan", [with_nan(POOL["tiny"], 0.2), with_nan(2.0 * POOL["tiny"] + POOL["tiny_b"], 0.2)]))
    mats.append(("perfect", [np.arange(30.0), 2 * np.arange(30.0) + 1, -np.arange(30.0)]))
    mats.append(("perfect-with-nan", [with_nan(np.arange(30.0), 0.2), with_nan(2 * np.arange(30.0) + 1, 0.2), with_nan(-np.arange(30.0), 0.2)]))
    mats.append(("skewed", [M["lognormal"], M["lognormal"] + POOL["lognormal_b"], with_nan(POOL["lognormal_b"], 0.3)]))
    mats.append(("heavy-tailed", [M["cauchy"], with_nan(0.1 * M["cauchy"] + POOL["cauchy_b"], 0.1)]))
    # Shift far from the complete rows' mean: one huge value only where the other column is missing.
    far = np.concatenate([[1e12], rng.normal(0, 1, 40)])
    other = np.concatenate([[NAN], far[1:] + rng.normal(0, 1, 40)])
    mats.append(("far-shift", [far, other]))
    mats.append(("infinity", [np.array([1.0, 2.0, INF, 4.0, 5.0, 6.0]), np.array([3.0, 1.0, 2.0, 5.0, 1.0, 2.0])]))
    mats.append(("infinity-same-rows", [np.array([1.0, 2.0, -INF, 4.0, 5.0, 6.0]), np.array([3.0, 1.0, INF, 5.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 7.0])]))
    big = [np.round(rng.normal(0, 1, 2000), 4) for _ in range(4)]
    big[1] = np.round(big[0] * 0.6 + big[1] * 0.8, 4)
    mats.append(("large", big))
    mats.append(("large-with-nan", [with_nan(c, 0.1 * (j + 1)) for j, c in enumerate(big)]))
    mats.append(("binary", [POOL["binary_60"], with_nan(POOL["binary_60"] * 0.5 + POOL["n60"] / 60, 0.1)]))
    mats.append(("negative-zero", [np.array([-0.0, 0.0, 1.0, 2.0]), np.array([1.0, 1.0, 2.0, 0.0])]))
    mats.append(("many-columns", [with_nan(rng.normal(0, 1, 100) + (j % 3) * x[:100], 0.05 * (j % 4)) for j in range(8)]))
    cases = []
    for name, cols in mats:
        cols = [np.asarray(c, dtype=float) for c in cols]
        case = {"name": name, "columns": [inline(c) for c in cols],
                "pearson": pandas_corr(cols, "pearson"), "spearman": pandas_corr(cols, "spearman")}
        if name == "infinity-same-rows":
            # pandas reuses ranks computed with the infinities there; Vigie ranks the complete rows.
            case["spearmanPandas"] = case["spearman"]
            case["spearman"] = spearman_complete_rows(cols)
        cases.append(case)
    return cases


correlation = correlation_cases()
cramer = cramer_cases()
contingency = contingency_cases()
ratio = correlation_ratio_cases()
mi = mi_cases()
binned, target = mi_binned_cases()
pairwise = pairwise_cases()



def write(name: str, payload: dict) -> None:
    """write_golden, with the generator field naming this script for every fixture it writes."""
    path = write_golden(name, payload)
    doc = json.loads(path.read_text())
    doc["generator"] = "scripts/goldens/dependence.py"
    path.write_text(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")


def compact(a: np.ndarray):
    """Integer-valued samples are written as integers (shorter JSON, same numbers)."""
    if np.all(np.isfinite(a)) and np.all(a == np.round(a)) and np.all(np.abs(a) < 2**53) and not np.any(np.signbit(a) & (a == 0)):
        return [int(v) for v in a]
    return inline(a)


write("dependence", {
    "samples": {name: compact(POOL[name]) for name in sorted(USED)},
    "correlation": correlation,
    "mutualInfoBinned": binned,
    "mutualInfoWithTarget": target,
})
write("dependence-association", {
    "cramersV": cramer,
    "cramersVFromCodes": contingency,
    "correlationRatio": ratio,
})
write("dependence-mi", {"mutualInfo": mi})
write("dependence-pairwise", {"pairwiseCorrelation": pairwise})
