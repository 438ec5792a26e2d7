"""Golden fixture for packages/core/src/stats/distances.

References: scipy.stats.wasserstein_distance, scipy.spatial.distance.jensenshannon and
scipy.stats.entropy(p, q). PSI, Hellinger, total variation and L-infinity have no scipy function:
they are implemented here in numpy from the definitions documented in the TypeScript sources,
independently of that code.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

from common import samples, write_golden

rng = np.random.default_rng(20240611)
S = samples(rng)
S["large2"] = rng.normal(0.1, 1.2, 5000)
S["large3"] = rng.normal(0.3, 1.1, 6000)
S["large4"] = rng.normal(0.0, 1.0, 6000)


class Ref:
    """A menagerie sample, optionally as x * mul + add, written as {"ref", "mul", "add"} so the
    large inputs are stored once; the TypeScript side rebuilds it with the same two roundings."""

    def __init__(self, name, mul=1.0, add=0.0):
        self.name, self.mul, self.add = name, float(mul), float(add)

    def values(self):
        x = S[self.name]
        return x * self.mul + self.add if (self.mul != 1.0 or self.add != 0.0) else x

    def spec(self):
        return {"ref": self.name, "mul": self.mul, "add": self.add}


def val(x):
    return x.values() if isinstance(x, Ref) else x


def enc(case):
    return {k: (v.spec() if isinstance(v, Ref) else v) for k, v in case.items()}


def w1_cases():
    names = list(S)
    pairs = [
        ("one", "two"),
        ("one", "one"),
        ("two", "three"),
        ("ties", "integers"),
        ("ties", "ties"),
        ("constant", "constant"),
        ("constant", "ties"),
        ("normal_small", "normal_50"),
        ("uniform_40", "normal_small"),
        ("huge", "huge"),
        ("tiny", "tiny"),
        ("lognormal", "exponential"),
        ("cauchy", "student3"),
        ("integers", "exponential"),
        ("large", "student3"),
    ]
    cases = []
    for a, b in pairs:
        cases.append({"name": f"{a}-{b}", "u": Ref(a), "v": Ref(b)})
    # every menagerie sample against a shifted, rescaled copy of itself
    for name in names:
        cases.append({"name": f"{name}-shifted", "u": Ref(name), "v": Ref(name, 1.5, 0.25)})
    cases.append({"name": "huge-vs-shift", "u": Ref("huge"), "v": Ref("huge", 1.0, 1e9)})
    cases.append({"name": "tiny-vs-shift", "u": Ref("tiny"), "v": Ref("tiny", 2.0)})
    cases.append({"name": "large-vs-large", "u": Ref("large"), "v": Ref("large2")})
    cases.append({"name": "disjoint", "u": [0.0, 1.0, 3.0], "v": [5.0, 6.0, 8.0]})
    cases.append({"name": "negative-zero", "u": [-0.0, 0.0, 1.0], "v": [0.0]})
    # weighted
    for k, (a, b) in enumerate([("three", "two"), ("ties", "integers"), ("normal_50", "uniform_40"),
                                ("lognormal", "exponential"), ("large2", "student3")]):
        u, v = Ref(a), Ref(b)
        uw = rng.uniform(0, 3, S[a].size)
        vw = rng.integers(0, 4, S[b].size).astype(float)
        vw[0] = 1.0
        cases.append({"name": f"weighted-{a}-{b}", "u": u, "v": v, "uWeights": uw, "vWeights": vw})
    cases.append({"name": "weighted-doc", "u": [3.4, 3.9, 7.5, 7.8], "v": [4.5, 1.4],
                  "uWeights": [1.4, 0.9, 3.1, 7.2], "vWeights": [3.2, 3.5]})
    cases.append({"name": "weighted-u-only", "u": [0.0, 1.0, 3.0], "v": [5.0, 6.0, 8.0], "uWeights": [0.0, 1.0, 2.0]})
    cases.append({"name": "nan", "u": [1.0, 2.0, float("nan")], "v": [1.0, 2.0]})
    for c in cases:
        c["expected"] = stats.wasserstein_distance(val(c["u"]), val(c["v"]), c.get("uWeights"), c.get("vWeights"))
    return [enc(c) for c in cases]


def w1_normalized(ref, cur):
    ref = np.asarray(ref, dtype=float)
    w1 = stats.wasserstein_distance(ref, cur)
    sd = np.std(ref, ddof=1) if ref.size > 1 else float("nan")
    if sd > 0:
        return w1 / sd
    return 0.0 if w1 == 0 else float("nan")


def w1n_cases():
    cases = []
    for name, x in S.items():
        cases.append({"name": f"{name}-shift", "reference": Ref(name), "current": Ref(name, 1.0, 0.5 * (np.std(x) or 1.0))})
    for name, other in [("normal_small", "normal_50"), ("ties", "integers"), ("lognormal", "exponential"),
                        ("cauchy", "student3"), ("large", "large2"), ("huge", "huge"), ("tiny", "tiny"),
                        ("exponential", "lognormal"), ("uniform_40", "normal_50"), ("integers", "ties")]:
        cases.append({"name": f"{name}-{other}", "reference": Ref(name), "current": Ref(other, 1.1)})
    cases.append({"name": "constant-same", "reference": [2.0, 2.0, 2.0], "current": [2.0, 2.0]})
    cases.append({"name": "constant-differs", "reference": [2.0, 2.0, 2.0], "current": [2.0, 3.0]})
    cases.append({"name": "single-same", "reference": [5.0], "current": [5.0, 5.0]})
    cases.append({"name": "single-differs", "reference": [5.0], "current": [4.0]})
    cases.append({"name": "doc", "reference": [0.0, 2.0, 4.0], "current": [1.0, 3.0, 5.0]})
    for c in cases:
        c["expected"] = w1_normalized(val(c["reference"]), val(c["current"]))
    return [enc(c) for c in cases]


def prob_pairs():
    pairs = [
        ("identical", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
        ("doc-js", [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]),
        ("doc-js2", [1.0, 0.0], [0.5, 0.5]),
        ("coin", [0.5, 0.5], [0.9, 0.1]),
        ("counts", [10, 20, 30, 40], [13, 14, 15, 16]),
        ("counts-identical-shape", [1, 2, 3], [10, 20, 30]),
        ("zeros-in-p", [0.0, 0.5, 0.5], [0.2, 0.3, 0.5]),
        ("zeros-in-q", [0.2, 0.3, 0.5], [0.0, 0.5, 0.5]),
        ("zeros-both-same", [0.0, 0.5, 0.5, 0.0], [0.0, 0.25, 0.75, 0.0]),
        ("disjoint", [1, 1, 0, 0], [0, 0, 1, 1]),
        ("single-bin", [3.0], [7.0]),
        ("two-bins", [1.0, 3.0], [3.0, 1.0]),
        ("tiny-entries", [1e-300, 1.0, 1e-200], [1e-250, 1.0, 1e-100]),
        ("huge-counts", [1e300, 2e300, 3e300], [3e300, 1e300, 1e300]),
        ("mixed-scale", [1e-12, 1e-3, 1.0], [1.0, 1e-3, 1e-12]),
        ("near-identical", [0.25, 0.25, 0.25, 0.25], [0.25 + 1e-9, 0.25 - 1e-9, 0.25, 0.25]),
        ("integers", [5, 0, 0, 3, 9], [1, 1, 1, 1, 1]),
    ]
    for k in range(6):
        size = [3, 5, 10, 20, 50, 200][k]
        pairs.append((f"dirichlet-{size}", rng.dirichlet(np.ones(size)), rng.dirichlet(np.ones(size))))
    for k in range(4):
        size = [4, 12, 40, 1000][k]
        p = rng.dirichlet(np.full(size, 0.3))
        q = rng.dirichlet(np.full(size, 0.3))
        p[rng.integers(0, size, max(1, size // 4))] = 0.0
        pairs.append((f"sparse-{size}", p, q))
    for k in range(4):
        size = [6, 25, 100, 2000][k]
        pairs.append((f"poisson-counts-{size}", rng.poisson(5, size).astype(float) + (np.arange(size) == 0),
                      rng.poisson(7, size).astype(float) + (np.arange(size) == 0)))
    pairs.append(("skewed", rng.lognormal(0, 3, 30), rng.lognormal(0, 3, 30)))
    pairs.append(("nan", [0.5, float("nan"), 0.5], [0.3, 0.3, 0.4]))
    return pairs


def hellinger(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    p = p / np.sum(p)
    q = q / np.sum(q)
    # sqrt(1 - sum(sqrt(p q))) written as ||sqrt(p) - sqrt(q)|| / sqrt(2): same value, no cancellation
    stable = math.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2) / 2)
    textbook = math.sqrt(max(0.0, 1 - np.sum(np.sqrt(p * q))))
    if np.isfinite(stable):
        assert abs(stable - textbook) < 1e-7, (stable, textbook)
    return stable


def normalized(p):
    p = np.asarray(p, dtype=float)
    return p / np.sum(p)


def prob_cases():
    cases = []
    for name, p, q in prob_pairs():
        pn, qn = normalized(p), normalized(q)
        cases.append({
            "name": name,
            "p": p,
            "q": q,
            "jensenshannon": float(jensenshannon(p, q)),
            "jensenshannon2": float(jensenshannon(p, q, base=2)),
            "jensenshannon10": float(jensenshannon(p, q, base=10)),
            "kl": float(stats.entropy(p, q)),
            "kl2": float(stats.entropy(p, q, base=2)),
            "hellinger": hellinger(p, q),
            "totalVariation": float(0.5 * np.sum(np.abs(pn - qn))),
            "linf": float(np.max(np.abs(pn - qn))),
        })
    return cases


def psi_numpy(ref, cur, bins=10, binning="quantile", epsilon=1e-4):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    if np.isnan(ref).any() or np.isnan(cur).any():
        return float("nan")
    if binning == "quantile":
        inner = np.quantile(ref, np.arange(1, bins) / bins)
    else:
        inner = np.linspace(ref.min(), ref.max(), bins + 1)[1:-1]
    inner = np.unique(inner)
    edges = np.concatenate(([-np.inf], inner, [np.inf]))
    # np.histogram's bins are [a, b) except the last; with +inf last edge nothing differs
    rc = np.bincount(np.digitize(ref, inner, right=False), minlength=edges.size - 1)
    cc = np.bincount(np.digitize(cur, inner, right=False), minlength=edges.size - 1)
    r = np.maximum(rc / ref.size, epsilon)
    c = np.maximum(cc / cur.size, epsilon)
    return float(np.sum((c - r) * np.log(c / r)))


def psi_cases():
    cases = []
    for name, x in S.items():
        cases.append({"name": f"{name}-shift", "reference": Ref(name), "current": Ref(name, 1.1, 0.2 * (np.std(x) or 1.0)),
                      "options": {}})
    cases.append({"name": "same", "reference": Ref("normal_50"), "current": Ref("normal_50"), "options": {}})
    cases.append({"name": "ties-integers", "reference": Ref("ties"), "current": Ref("integers"), "options": {}})
    cases.append({"name": "constant-vs-ties", "reference": Ref("constant"), "current": Ref("ties"), "options": {}})
    cases.append({"name": "constant-uniform", "reference": Ref("constant"), "current": Ref("ties", 1.0, 1.0),
                  "options": {"binning": "uniform"}})
    cases.append({"name": "large-drift", "reference": Ref("large"), "current": Ref("large3"),
                  "options": {}})
    cases.append({"name": "large-uniform", "reference": Ref("large"), "current": Ref("large3"),
                  "options": {"binning": "uniform", "bins": 20}})
    cases.append({"name": "large-no-drift", "reference": Ref("large"), "current": Ref("large4"),
                  "options": {"bins": 50}})
    cases.append({"name": "lognormal-uniform", "reference": Ref("lognormal"), "current": rng.lognormal(0.2, 1.5, 150),
                  "options": {"binning": "uniform"}})
    cases.append({"name": "cauchy-5bins", "reference": Ref("cauchy"), "current": Ref("student3"),
                  "options": {"bins": 5}})
    cases.append({"name": "exp-eps", "reference": Ref("exponential"), "current": Ref("exponential", 1.0, 3.0),
                  "options": {"epsilon": 1e-6}})
    cases.append({"name": "exp-eps-large", "reference": Ref("exponential"), "current": Ref("exponential", 1.0, 3.0),
                  "options": {"epsilon": 0.01}})
    cases.append({"name": "one-bin", "reference": Ref("normal_50"), "current": Ref("uniform_40"), "options": {"bins": 1}})
    cases.append({"name": "two-bins", "reference": Ref("normal_50"), "current": Ref("uniform_40"), "options": {"bins": 2}})
    cases.append({"name": "integers-uniform", "reference": Ref("integers"), "current": rng.integers(0, 12, 100).astype(float),
                  "options": {"binning": "uniform", "bins": 7}})
    cases.append({"name": "tiny-ref", "reference": [1.0, 2.0], "current": [0.5, 1.5, 2.5, 3.5], "options": {"bins": 4}})
    cases.append({"name": "nan", "reference": [1.0, 2.0, 3.0], "current": [1.0, float("nan")], "options": {}})
    for c in cases:
        c["expected"] = psi_numpy(val(c["reference"]), val(c["current"]), **{
            "bins": c["options"].get("bins", 10),
            "binning": c["options"].get("binning", "quantile"),
            "epsilon": c["options"].get("epsilon", 1e-4),
        })
    return [enc(c) for c in cases]


def psi_counts(ref, cur, epsilon=1e-4):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    r = np.maximum(ref / ref.sum(), epsilon)
    c = np.maximum(cur / cur.sum(), epsilon)
    return float(np.sum((c - r) * np.log(c / r)))


def psi_count_cases():
    cases = [
        {"name": "doc", "ref": [50, 30, 20], "cur": [40, 30, 30]},
        {"name": "same", "ref": [5, 5, 5], "cur": [1, 1, 1]},
        {"name": "empty-bin-cur", "ref": [10, 10, 10], "cur": [15, 15, 0]},
        {"name": "empty-bin-ref", "ref": [0, 10, 10], "cur": [5, 5, 5]},
        {"name": "single", "ref": [7], "cur": [3]},
        {"name": "disjoint", "ref": [1, 0], "cur": [0, 1]},
        {"name": "huge", "ref": [1e12, 2e12, 3e12], "cur": [3e12, 2e12, 1e12]},
        {"name": "eps-1e-6", "ref": [10, 0, 5], "cur": [0, 10, 5], "epsilon": 1e-6},
        {"name": "eps-0.05", "ref": [10, 0, 5], "cur": [0, 10, 5], "epsilon": 0.05},
    ]
    for size in [2, 3, 4, 5, 8, 10, 12, 20, 30, 50, 100, 500]:
        cases.append({"name": f"poisson-{size}", "ref": rng.poisson(20, size), "cur": rng.poisson(22, size)})
    for size in [3, 4, 6, 8, 10, 25, 60, 200, 1000]:
        ref = rng.poisson(3, size)
        cur = rng.poisson(3, size)
        ref[rng.integers(0, size)] = 0
        cur[rng.integers(0, size)] = 0
        ref[0] += 1
        cur[0] += 1
        cases.append({"name": f"sparse-{size}", "ref": ref, "cur": cur})
    for c in cases:
        c["expected"] = psi_counts(c["ref"], c["cur"], c.get("epsilon", 1e-4))
    return cases


write_golden("distances", {
    "samples": S,
    "wassersteinDistance": w1_cases(),
    "wassersteinNormalized": w1n_cases(),
    "probability": prob_cases(),
    "psi": psi_cases(),
    "psiFromCounts": psi_count_cases(),
})
