"""Golden fixture for packages/core/src/stats/tests/two-sample.

References: scipy.stats.ks_2samp, mannwhitneyu, ttest_ind, ttest_rel, ttest_1samp,
cramervonmises_2samp, anderson_ksamp, f_oneway and kruskal (scipy 1.17). Also, to test the
private kernels directly: scipy's `_attempt_exact_2kssamp` (exact KS p-values over a grid of sizes
and statistics, including the sizes where it fails and ks_2samp falls back to the asymptotic
form), `_cdf_cvm_inf` and scipy.special.kve(1/4, x).

Inputs are stored once under "inputs" and referenced by {"ref", "start", "stop", "mul", "add"}:
the slice x[start:stop], then x * mul + add (the TypeScript side rebuilds it with the same two
roundings). Large inputs are rounded to 5 decimals to keep the file small (the ties this creates
are part of the test). A case whose scipy call raises records {"raises": true}.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy import special, stats
from scipy.stats._hypotests import _cdf_cvm_inf
from scipy.stats._stats_py import _attempt_exact_2kssamp

from common import samples, write_golden

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240621)
S = samples(rng)
del S["large"]  # replaced by the rounded large inputs below
S["large_a"] = np.round(rng.normal(0.0, 1.0, 20000), 5)
S["large_b"] = np.round(rng.normal(0.03, 1.0, 15000), 5)
S["large_c"] = np.round(rng.standard_t(4, 6000), 5)
S["large_pois"] = rng.poisson(6, 12000).astype(float)
S["small8"] = np.round(rng.normal(0.5, 1.0, 8), 6)
S["small5"] = np.round(rng.normal(0.0, 1.0, 5), 6)
S["small7"] = np.round(rng.exponential(1.0, 7), 6)
S["normal_30"] = rng.normal(0.2, 1.0, 30)
S["with_nan"] = np.array([1.5, np.nan, -0.5, 2.25, 3.0, np.nan, 0.75, 4.0])
S["all_nan"] = np.array([np.nan, np.nan])
S["empty"] = np.array([], dtype=float)


class Ref:
    def __init__(self, name, start=None, stop=None, mul=1.0, add=0.0):
        self.name, self.start, self.stop = name, start, stop
        self.mul, self.add = float(mul), float(add)

    def values(self):
        x = S[self.name][self.start : self.stop]
        return x * self.mul + self.add if (self.mul != 1.0 or self.add != 0.0) else x

    def spec(self):
        spec = {"ref": self.name, "mul": self.mul, "add": self.add}
        if self.start is not None:
            spec["start"] = self.start
        if self.stop is not None:
            spec["stop"] = self.stop
        return spec


def R(x):
    return x if isinstance(x, Ref) else Ref(x)


def call(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the fixture records that scipy raised
        return e


# --- ks_2samp -------------------------------------------------------------------------------


def ks_cases():
    specs = [
        ("one", "two", {}),
        ("two", "three", {}),
        ("one", "one", {}),
        ("three", "ties", {}),
        ("ties", "integers", {}),
        ("constant", "constant", {}),
        ("constant", "ties", {"alternative": "less"}),
        ("normal_small", "normal_50", {}),
        ("normal_small", "normal_50", {"alternative": "less"}),
        ("normal_small", "normal_50", {"alternative": "greater"}),
        ("normal_50", "normal_50", {}),
        ("huge", Ref("huge", mul=1.01), {}),
        ("tiny", Ref("tiny", add=5e-14), {}),
        ("lognormal", "exponential", {}),
        ("lognormal", "exponential", {"alternative": "greater"}),
        ("lognormal", "exponential", {"alternative": "less", "method": "asymp"}),
        ("cauchy", "student3", {}),
        ("integers", Ref("integers", add=1.0), {}),
        ("integers", Ref("integers", add=1.0), {"alternative": "greater"}),
        ("uniform_40", "normal_50", {"alternative": "less"}),
        ("uniform_40", "normal_50", {"method": "asymp"}),
        ("one", Ref("large_c", stop=5000), {}),
        (Ref("normal_50", stop=25), Ref("normal_50", start=25), {}),
        (Ref("normal_50", stop=25), Ref("normal_50", start=25), {"alternative": "greater"}),
        (Ref("normal_50", stop=25), Ref("normal_50", start=25, add=0.8), {"alternative": "less"}),
        (Ref("large_a", stop=10000), Ref("large_b", stop=10000), {}),
        (Ref("large_a", stop=10000), Ref("large_b", stop=10000), {"alternative": "greater"}),
        (Ref("large_c", stop=3000), Ref("large_a", stop=5000), {}),
        (Ref("large_c", stop=3000), Ref("large_a", stop=5000), {"alternative": "less"}),
        (Ref("large_c", stop=600), Ref("large_a", stop=700), {"alternative": "greater", "method": "exact"}),
        (Ref("large_c", stop=400), Ref("large_a", stop=450), {"alternative": "greater"}),
        ("large_a", "large_b", {}),
        ("large_a", "large_b", {"alternative": "less"}),
        ("large_a", "large_b", {"alternative": "greater"}),
        ("large_a", Ref("large_b", stop=10001), {"method": "exact"}),
        ("large_pois", Ref("large_pois", add=0.0, mul=1.0, stop=9000), {}),
        ("with_nan", "normal_small", {}),
        ("with_nan", "normal_small", {"nan_policy": "omit"}),
        ("with_nan", "normal_small", {"nan_policy": "raise"}),
        ("all_nan", "two", {"nan_policy": "omit"}),
        ("empty", "two", {}),
    ]
    cases = []
    for a, b, kw in specs:
        a, b = R(a), R(b)
        res = call(lambda: stats.ks_2samp(a.values(), b.values(), **kw))
        case = {"name": f"{a.name}-{b.name}-{kw}", "a": a.spec(), "b": b.spec(), **kw}
        if isinstance(res, Exception):
            case["raises"] = True
        else:
            case["expected"] = {
                "statistic": res.statistic,
                "pvalue": res.pvalue,
                "statisticLocation": res.statistic_location,
                "statisticSign": res.statistic_sign,
            }
        cases.append(case)
    return cases


def ks_exact_grid():
    """scipy's exact attempt over sizes and statistics; ok false means ks_2samp falls back."""
    grid_rng = np.random.default_rng(7)
    sizes = [(1, 1), (2, 3), (5, 5), (7, 13), (10, 15), (40, 60), (100, 100), (120, 81),
             (333, 500), (499, 501), (515, 515), (600, 430), (700, 650), (1000, 1200),
             (3000, 3000), (2500, 4000)]
    cases = []
    for n1, n2 in sizes:
        for alternative in ["two-sided", "greater"]:
            for d in sorted(grid_rng.uniform(0.0, 0.6, 4)) + [1.0]:
                g = math.gcd(n1, n2)
                ok, dd, prob = _attempt_exact_2kssamp(n1, n2, g, float(d), alternative)
                cases.append({"n1": n1, "n2": n2, "d": float(d), "alternative": alternative,
                              "ok": bool(ok), "snapped": dd, "prob": prob})
    return cases


# --- mannwhitneyu ---------------------------------------------------------------------------


def mwu_cases():
    specs = [
        ("one", "two", {}),
        ("one", "one", {}),
        ("two", "three", {}),
        ("three", "ties", {}),
        ("ties", "integers", {}),
        ("constant", "constant", {}),
        ("constant", "constant", {"use_continuity": False}),
        ("constant", "two", {"method": "exact"}),
        ("small5", "small8", {}),
        ("small5", "small8", {"alternative": "less"}),
        ("small5", "small8", {"alternative": "greater"}),
        ("small7", "normal_30", {}),
        ("small7", "normal_30", {"alternative": "greater"}),
        ("small8", "normal_50", {"alternative": "less"}),
        ("small5", "small7", {"method": "asymptotic"}),
        ("small5", "small7", {"method": "asymptotic", "use_continuity": False}),
        ("ties", "three", {"method": "exact"}),
        ("normal_small", "normal_30", {"method": "exact"}),
        ("normal_small", "normal_50", {}),
        ("normal_small", "normal_50", {"alternative": "less", "use_continuity": False}),
        ("huge", Ref("huge", add=2e9), {}),
        ("tiny", Ref("tiny", mul=1.2), {"alternative": "greater"}),
        ("lognormal", "exponential", {}),
        ("cauchy", "student3", {"alternative": "less"}),
        ("integers", Ref("integers", add=1.0), {}),
        ("uniform_40", "normal_small", {"method": "asymptotic", "alternative": "greater"}),
        (Ref("large_a", stop=10000), "large_b", {}),
        (Ref("large_a", stop=10000), "large_b", {"alternative": "less"}),
        ("large_pois", Ref("large_pois", stop=3000, add=0.5), {}),
        ("large_c", "large_a", {"alternative": "greater"}),
        ("with_nan", "normal_small", {}),
        ("with_nan", "normal_small", {"nan_policy": "omit"}),
        ("with_nan", "normal_small", {"nan_policy": "raise"}),
        ("all_nan", "two", {"nan_policy": "omit"}),
        ("empty", "two", {}),
    ]
    return two_sample_cases(specs, stats.mannwhitneyu)


def two_sample_cases(specs, fn, fields=("statistic", "pvalue")):
    cases = []
    for a, b, kw in specs:
        a, b = R(a), R(b)
        res = call(lambda: fn(a.values(), b.values(), **kw))
        case = {"name": f"{a.name}-{b.name}-{kw}", "a": a.spec(), "b": b.spec(), **kw}
        if isinstance(res, Exception):
            case["raises"] = True
        else:
            case["expected"] = {f: getattr(res, f) for f in fields}
        cases.append(case)
    return cases


# --- t-tests ------------------------------------------------------------------------------------


def ttest_ind_cases():
    pairs = [
        ("one", "two"),
        ("one", "one"),
        ("two", "three"),
        ("ties", "integers"),
        ("constant", "constant"),
        ("constant", Ref("constant", add=1.0)),
        ("normal_small", "normal_50"),
        ("huge", Ref("huge", add=3e9)),
        ("tiny", Ref("tiny", mul=1.3)),
        ("lognormal", "exponential"),
        ("cauchy", "student3"),
        ("large_a", "large_b"),
        ("with_nan", "normal_small"),
        ("empty", "two"),
    ]
    specs = []
    for i, (a, b) in enumerate(pairs):
        for equal_var in (True, False):
            alternative = ["two-sided", "less", "greater"][i % 3]
            specs.append((a, b, {"equal_var": equal_var, "alternative": alternative}))
    specs += [
        ("normal_50", "uniform_40", {"alternative": "two-sided"}),
        ("with_nan", "normal_small", {"nan_policy": "omit"}),
        ("with_nan", "normal_small", {"nan_policy": "omit", "equal_var": False}),
        ("with_nan", "normal_small", {"nan_policy": "raise"}),
        ("all_nan", "two", {"nan_policy": "omit"}),
    ]
    return two_sample_cases(specs, stats.ttest_ind, ("statistic", "pvalue", "df"))


def ttest_rel_cases():
    specs = []
    pairs = [
        ("one", Ref("one", add=1.0)),
        ("two", Ref("two", mul=2.0)),
        ("three", Ref("three", add=0.5)),
        ("constant", "constant"),
        ("constant", Ref("constant", add=1.0)),
        (Ref("normal_50", stop=25), Ref("normal_50", start=25)),
        ("huge", Ref("huge", mul=1.001)),
        ("tiny", Ref("tiny", mul=0.9)),
        (Ref("lognormal", stop=120), "exponential"),
        (Ref("cauchy", stop=40), "uniform_40"),
        (Ref("large_a", stop=15000), "large_b"),
        ("ties", Ref("integers", stop=10)),
    ]
    for i, (a, b) in enumerate(pairs):
        for alternative in ("two-sided", "less", "greater"):
            if i % 2 == 0 or alternative == "two-sided":
                specs.append((a, b, {"alternative": alternative}))
    specs += [
        ("with_nan", Ref("normal_small", stop=8), {}),
        ("with_nan", Ref("normal_small", stop=8), {"nan_policy": "omit"}),
        ("with_nan", Ref("normal_small", stop=8), {"nan_policy": "omit", "alternative": "less"}),
        ("with_nan", Ref("normal_small", stop=8), {"nan_policy": "raise"}),
        ("all_nan", "two", {"nan_policy": "omit"}),
        ("empty", "empty", {}),
        ("two", "three", {}),
    ]
    return two_sample_cases(specs, stats.ttest_rel, ("statistic", "pvalue", "df"))


def ttest_1samp_cases():
    specs = []
    names = ["one", "two", "three", "ties", "constant", "normal_small", "normal_50", "huge", "tiny",
             "lognormal", "cauchy", "integers", "large_a", "large_c", "with_nan", "empty"]
    for i, name in enumerate(names):
        popmean = float(np.mean(S[name][~np.isnan(S[name])])) + 0.1 if S[name].size else 0.0
        if name == "constant":
            popmean = 4.25
        for alternative in ("two-sided", ["less", "greater"][i % 2]):
            specs.append((name, popmean, {"alternative": alternative}))
    specs += [
        ("with_nan", 1.0, {"nan_policy": "omit"}),
        ("with_nan", 1.0, {"nan_policy": "raise"}),
        ("all_nan", 1.0, {"nan_policy": "omit"}),
        ("huge", 1e12, {}),
    ]
    cases = []
    for a, popmean, kw in specs:
        a = R(a)
        res = call(lambda: stats.ttest_1samp(a.values(), popmean, **kw))
        case = {"name": f"{a.name}-{popmean}-{kw}", "a": a.spec(), "popmean": popmean, **kw}
        if isinstance(res, Exception):
            case["raises"] = True
        else:
            case["expected"] = {"statistic": res.statistic, "pvalue": res.pvalue, "df": res.df}
        cases.append(case)
    return cases


# --- two-sample distribution tests ---------------------------------------------------------------


def cvm_cases():
    specs = [
        ("two", "three", {}),
        ("two", "two", {}),
        ("three", "ties", {}),
        ("ties", "integers", {}),
        ("constant", "constant", {}),
        ("constant", "ties", {"method": "asymptotic"}),
        ("small5", "small8", {}),
        ("small5", "small7", {}),
        ("small7", "small8", {"method": "asymptotic"}),
        ("small8", Ref("normal_small", mul=1.0, add=1.0), {}),
        (Ref("normal_50", stop=20), Ref("normal_50", start=30), {}),
        (Ref("normal_50", stop=19), Ref("uniform_40", stop=20, add=0.9), {}),
        ("normal_small", "normal_50", {}),
        ("normal_small", "normal_30", {"method": "exact"}),
        ("huge", Ref("huge", add=8e9), {}),
        ("tiny", Ref("tiny", mul=1.5), {}),
        ("lognormal", "exponential", {}),
        ("cauchy", "student3", {}),
        ("integers", Ref("integers", add=1.0), {}),
        ("uniform_40", "normal_50", {}),
        (Ref("large_a", stop=10000), Ref("large_b", stop=10000), {}),
        ("large_a", "large_c", {}),
        ("large_pois", Ref("large_pois", stop=5000, add=1.0), {}),
        (Ref("large_a", stop=2000), Ref("large_a", start=2000, stop=4500), {}),
        ("one", "two", {}),
        ("with_nan", "normal_small", {}),
        ("with_nan", "normal_small", {"nan_policy": "omit"}),
        ("with_nan", "small7", {"nan_policy": "omit"}),
        ("with_nan", "normal_small", {"nan_policy": "raise"}),
        ("all_nan", "two", {"nan_policy": "omit"}),
        ("empty", "two", {}),
        (Ref("integers", stop=12), Ref("ties"), {"method": "exact"}),
    ]
    return two_sample_cases(specs, stats.cramervonmises_2samp)


# --- k-sample tests -------------------------------------------------------------------------------


GROUPS = [
    ["one", "two"],
    ["one", "one"],
    ["two", "three"],
    ["one", "two", "three"],
    ["ties", "integers"],
    ["constant", "constant"],
    ["constant", Ref("constant", add=1.0)],
    ["constant", Ref("constant", add=1.0), "ties"],
    ["normal_small", "normal_50", "normal_30"],
    ["normal_small", Ref("normal_50", add=0.5), Ref("normal_30", add=1.0)],
    ["huge", Ref("huge", add=5e9)],
    ["tiny", Ref("tiny", mul=1.3), Ref("tiny", add=1e-13)],
    ["lognormal", "exponential"],
    ["cauchy", "student3", "uniform_40"],
    ["integers", Ref("integers", add=1.0), Ref("ties")],
    ["small5", "small7", "small8", "normal_small"],
    [Ref("large_a", stop=8000), Ref("large_b", stop=7000), Ref("large_c", stop=5000)],
    ["large_pois", Ref("large_pois", stop=4000, add=0.0, mul=1.0), "integers"],
    [Ref("normal_50", stop=25), Ref("normal_50", start=25)],
]


def k_sample_cases(fn, extra_kwargs=({},), fields=("statistic", "pvalue"), star=True):
    cases = []
    for i, group in enumerate(GROUPS):
        refs = [R(x) for x in group]
        for kw in extra_kwargs:
            cases.append(k_case(fn, refs, kw, fields, star))
    nan_groups = [
        ([R("with_nan"), R("normal_small")], {}),
        ([R("with_nan"), R("normal_small"), R("three")], {"nan_policy": "omit"}),
        ([R("with_nan"), R("normal_small")], {"nan_policy": "raise"}),
        ([R("all_nan"), R("two")], {"nan_policy": "omit"}),
        ([R("empty"), R("two")], {}),
    ]
    for refs, kw in nan_groups:
        cases.append(k_case(fn, refs, kw, fields, star))
    return cases


def k_case(fn, refs, kw, fields, star):
    values = [r.values() for r in refs]
    res = call(lambda: fn(*values, **kw) if star else fn(values, **kw))
    case = {"name": f"{'-'.join(r.name for r in refs)}-{kw}", "samples": [r.spec() for r in refs], **kw}
    if isinstance(res, Exception):
        case["raises"] = True
    else:
        case["expected"] = {camel(f): getattr(res, f) for f in fields}
    return case


def camel(field):
    head, *rest = field.split("_")
    return head + "".join(w.capitalize() for w in rest)


def kruskal_extra():
    extra = [
        [R("integers"), Ref("integers", add=2.0), Ref("integers", mul=2.0)],
        [R("ties"), R("ties"), R("ties")],
        [R("three"), R("three"), R("three")],
        [R("two"), R("one"), R("three"), R("ties"), R("small5")],
        [Ref("large_a", stop=5000), Ref("large_a", start=5000, stop=10000, add=0.05)],
        [R("lognormal"), R("exponential"), R("student3"), R("cauchy")],
        [Ref("large_pois", stop=4000), Ref("large_pois", start=4000, stop=8000),
         Ref("large_pois", start=8000, add=1.0)],
        [R("huge"), Ref("huge", mul=1.02)],
    ]
    return [k_case(stats.kruskal, refs, {}, ("statistic", "pvalue"), True) for refs in extra]


def anderson_cases():
    cases = k_sample_cases(
        stats.anderson_ksamp,
        ({}, {"midrank": False}),
        ("statistic", "critical_values", "pvalue"),
        star=False,
    )
    # scipy has no nan_policy here; Vigie's 'propagate' / 'omit' are checked in the test itself.
    cases = [c for c in cases if "nan_policy" not in c and not c["name"].startswith("with_nan")]
    extra = [
        ([R("normal_small"), R("normal_50"), R("uniform_40")], {"variant": "continuous"}),
        ([R("lognormal"), Ref("exponential", add=1.0)], {"variant": "right"}),
        ([R("ties"), R("integers")], {"variant": "continuous"}),
        ([Ref("large_a", stop=10000), Ref("large_b", stop=10000)], {}),
        ([Ref("large_a", stop=10000), Ref("large_a", start=10000)], {}),
        ([R("normal_30"), Ref("normal_30", add=0.45)], {}),
        ([R("normal_30"), Ref("normal_30", add=0.7), R("normal_small")], {}),
        ([R("one"), Ref("two", add=0.5)], {}),
        ([R("two"), Ref("two", add=0.5)], {}),
    ]
    for refs, kw in extra:
        fields = ("statistic", "pvalue") if "variant" in kw else ("statistic", "critical_values", "pvalue")
        cases.append(k_case(stats.anderson_ksamp, refs, kw, fields, star=False))
    return cases


# --- private kernels ----------------------------------------------------------------------------


def kernel_cases():
    xs = np.concatenate([np.logspace(-6, 3, 28), [0.0123, 0.25, 1.0, 7.5, 42.0, 350.0]])
    kve = [{"x": float(x), "expected": float(special.kve(0.25, x))} for x in xs]
    ts = np.concatenate([np.linspace(0.003, 4.0, 30), [0.05, 0.4619, 1.0, 2.5]])
    cvm = [{"x": float(t), "expected": float(_cdf_cvm_inf(t))} for t in ts]
    return kve, cvm


def main():
    kve, cvm_inf = kernel_cases()
    payload = {
        "inputs": {name: S[name] for name in S},
        "ks2samp": ks_cases(),
        "ksExact": ks_exact_grid(),
        "mannwhitneyu": mwu_cases(),
        "ttestInd": ttest_ind_cases(),
        "ttestRel": ttest_rel_cases(),
        "ttest1samp": ttest_1samp_cases(),
        "cramervonmises2samp": cvm_cases(),
        "fOneway": k_sample_cases(stats.f_oneway, ({}, {"equal_var": False})),
        "kruskal": k_sample_cases(stats.kruskal) + kruskal_extra(),
        "andersonKsamp": anderson_cases(),
        "besselKve": kve,
        "cdfCvmInf": cvm_inf,
    }
    for key, cases in payload.items():
        if isinstance(cases, list):
            print(f"{key}: {len(cases)} cases")
    write_golden("tests_two_sample", payload)


if __name__ == "__main__":
    main()
