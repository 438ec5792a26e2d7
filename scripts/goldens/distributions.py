"""Golden fixture for packages/core/src/stats/distributions (scipy.stats continuous distributions).

For each distribution and method (pdf, cdf, sf, ppf, isf, and logpdf/logcdf/logsf for norm),
a list of cases [x_or_q, *params, expected, note] over the body, both far tails, small and huge
parameters and the edge values 0, 1, +-Infinity and NaN. `note` is "" for a plain scipy value,
or says where the reference was obtained differently because scipy itself is inaccurate there:

- "polished": scipy's quantile moved by Newton steps on scipy's own cdf/sf (which are accurate)
  because scipy's quantile did not reproduce q to 1e-12 (seen for huge shapes, e.g. beta(1e3, 1e6)).
- "log-root": the root of log(scipy's cdf or sf) in log x, where scipy's quantile is not usable:
  it returned NaN or Infinity for a finite quantile (t.ppf(1e-300, 3), beta.ppf far tails), or it
  is known to work from the wrong tail (f.isf evaluates ppf(1 - q) and loses everything below
  q ~ 1e-16; kstwo's ppf/isf solve cdf = p even when the sf is the small probability).

Run: scripts/goldens/.venv/bin/python scripts/goldens/distributions.py
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, stats

from common import write_golden

INF = math.inf
NAN = math.nan

Q_GRID = [0.0, 1e-300, 1e-200, 1e-100, 1e-50, 1e-30, 1e-16, 1e-10, 1e-5, 1e-3, 0.025, 0.1, 0.3, 0.5,
          0.7, 0.9, 0.975, 0.999, 1 - 1e-10, 0.9999999999999999, 1.0, -0.1, 1.1, NAN]


DROPPED: list = []


def f(v) -> float:
    return float(np.asarray(v, dtype=float))


def polish(x, q, lower, cdf, sf, pdf):
    """Newton steps on scipy's own cdf (lower tail) or sf (upper tail) from scipy's quantile."""
    if not (math.isfinite(x) and 0 < q < 1):
        return x, False
    target_cdf = q if lower else None
    start = x
    for _ in range(6):
        d = safe(pdf, x)
        if d is None or not (d > 0 and math.isfinite(d)):
            break
        if target_cdf is not None:
            step = (f(cdf(x)) - q) / d
        else:
            step = (q - f(sf(x))) / d
        if not math.isfinite(step):
            break
        x_new = x - step
        if x_new == x:
            break
        x = x_new
    moved = abs(x - start) > 1e-12 * abs(start)
    return (x, True) if moved and abs(x - start) < 0.5 * abs(start) else (start, False)


def safe(fn, *args):
    """scipy's value, or None when scipy raises (Boost overflow errors on a few extreme pdfs)."""
    try:
        with np.errstate(all="ignore"):
            return f(fn(*args))
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def log_root(frozen, q, method, lo_x, hi_x, symmetric=False):
    """The quantile as a root of log(scipy cdf or sf) in log x, for where scipy's own quantile
    is inaccurate. The smaller tail is matched; a symmetric law's lower tail by symmetry."""
    use_cdf = (method == "ppf") == (q <= 0.5)
    target = q if q <= 0.5 else 1 - q
    sign = 1.0
    tail = frozen.cdf if use_cdf else frozen.sf
    if symmetric and use_cdf:
        tail, use_cdf, sign = frozen.sf, False, -1.0
    direction = 1.0 if use_cdf else -1.0

    def g(s):
        v = f(tail(math.exp(s)))
        return direction * (math.log(max(v, 1e-320)) - math.log(target))

    lo, hi = math.log(lo_x), math.log(hi_x)
    if g(lo) > 0:
        return sign * (0.0 if lo_x <= 1e-300 else lo_x)
    if g(hi) < 0:
        return sign * (INF if hi_x >= 1e308 else hi_x)
    s = optimize.brentq(g, lo, hi, xtol=1e-15, rtol=8.9e-16, maxiter=500)
    # Where scipy's own cdf/sf breaks down (t.sf beyond ~1e153 for df < 1), the "root" is a jump
    # of the function, not a solution: no reference can be had from scipy there.
    x = math.exp(s)
    if not roundtrip_ok(x, target, use_cdf, frozen) and not (symmetric and roundtrip_ok(x, target, False, frozen)):
        return None
    return sign * x


def roundtrip_ok(v, target, use_cdf, frozen):
    """scipy's cdf/sf at v reproduces the target, or the target falls between its values at the
    two neighbouring doubles (near x = 1 doubles are too coarse to do better)."""
    tail = frozen.cdf if use_cdf else frozen.sf
    got = safe(tail, v)
    if got is None:
        return False
    if abs(got - target) <= 1e-8 * target:
        return True
    below = safe(tail, math.nextafter(v, -INF))
    above = safe(tail, math.nextafter(v, INF))
    return below is not None and above is not None and min(below, above) <= target <= max(below, above)


def quantile_cases(dist, params_list, method, q_grid=Q_GRID, support=(1e-300, 1e308), symmetric=False,
                   force=lambda q, params: False):
    out = []
    for params in params_list:
        frozen = dist(*params)
        for q in q_grid:
            v = safe(getattr(frozen, method), q)
            if v is None:
                continue
            note = ""
            if 0 < q < 1:
                use_cdf = (q <= 0.5) if method == "ppf" else (q > 0.5)
                target = q if q <= 0.5 else 1 - q
                if not force(q, params) and math.isfinite(v):
                    v2, moved = polish(v, target, use_cdf, frozen.cdf, frozen.sf, frozen.pdf)
                    if moved:
                        v, note = v2, "polished"
                if force(q, params) or not math.isfinite(v) or not roundtrip_ok(v, target, use_cdf, frozen):
                    v, note = log_root(frozen, q, method, *support, symmetric=symmetric), "log-root"
                    if v is None:
                        DROPPED.append((method, q, params))
                        continue
            out.append([q, *params, v, note])
    return out


def value_cases(dist, params_list, method, xs_fn):
    out = []
    for params in params_list:
        frozen = dist(*params)
        for x in xs_fn(params):
            v = safe(getattr(frozen, method), x)
            if v is not None:
                out.append([x, *params, v, ""])
    return out


def invalid_cases(dist, bad_params, methods):
    out = {m: [] for m in methods}
    for params in bad_params:
        for m in methods:
            with np.errstate(all="ignore"):
                v = f(getattr(dist, m)(0.5, *params))
            out[m].append([0.5, *params, v, "invalid"])
    return out


def build(dist, params_list, xs_fn, bad_params, methods=("pdf", "cdf", "sf", "logpdf"), **quantile_options):
    table = {}
    for m in methods:
        table[m] = value_cases(dist, params_list, m, xs_fn)
    for m in ("ppf", "isf"):
        table[m] = quantile_cases(dist, params_list, m, **quantile_options)
    bad = invalid_cases(dist, bad_params, list(methods) + ["ppf", "isf"])
    for m, rows in bad.items():
        table[m].extend(rows)
    return table


def norm_table():
    xs = [-INF, -40.0, -38.5, -37.0, -20.0, -12.0, -8.0, -5.0, -2.0, -1.0, -0.3, 0.0, 1e-300, 0.5, 1.0,
          1.959963984540054, 3.0, 6.0, 8.3, 12.0, 20.0, 30.0, 37.0, 38.5, 40.0, INF, NAN]
    params = [(0.0, 1.0), (2.5, 3.0), (-1e3, 1e-3)]

    def grid(p):
        loc, scale = p
        return [loc + scale * x if math.isfinite(x) else x for x in xs]

    return build(stats.norm, params, grid, [(0.0, 0.0), (0.0, -1.0), (0.0, NAN)],
                 methods=("pdf", "cdf", "sf", "logpdf", "logcdf", "logsf"))


def t_table():
    xs = [-INF, -1e10, -1e5, -1e3, -100.0, -40.0, -10.0, -3.0, -1.0, -0.1, 0.0, 1e-10, 0.1, 1.0, 2.0,
          3.0, 10.0, 40.0, 100.0, 1e3, 1e5, 1e10, 1e20, INF, NAN]
    params = [(0.5,), (1.0,), (2.0,), (3.0,), (10.0,), (30.0,), (1e3,), (1e6,), (INF,)]
    return build(stats.t, params, lambda p: xs, [(0.0,), (-1.0,), (NAN,)], symmetric=True)


def chi2_table():
    xs = [-1.0, 0.0, 1e-300, 1e-100, 1e-10, 1e-3, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 200.0, 500.0,
          1e3, 1500.0, 3000.0, 1e4, 1e5, 9.9e5, 1e6, 1.01e6, 1.1e6, 1e7, INF, NAN]
    params = [(0.5,), (1.0,), (2.0,), (3.0,), (10.0,), (1e3,), (1e6,)]
    return build(stats.chi2, params, lambda p: xs, [(0.0,), (-2.0,), (NAN,)])


def f_table():
    xs = [-1.0, 0.0, 1e-300, 1e-50, 1e-10, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 4.0, 10.0, 100.0, 1e3, 1e6, 1e10,
          1e50, INF, NAN]
    params = [(1.0, 1.0), (2.0, 3.0), (5.0, 50.0), (0.5, 0.5), (10.0, 1e3), (1e3, 10.0), (3.0, 1e6),
              (1e3, 1e3), (1e6, 1e6)]

    table = build(stats.f, params, lambda p: xs, [(0.0, 1.0), (1.0, -1.0), (NAN, 2.0)])
    # scipy's f.isf is ppf(1 - q): its upper tail is replaced by roots of scipy's f.sf.
    table["isf"] = [r for r in table["isf"] if r[-1] == "invalid"]
    table["isf"] = quantile_cases(stats.f, params, "isf", force=lambda q, p: q < 0.5) + table["isf"]
    return table


def beta_table():
    xs = [-0.1, 0.0, 1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999,
          1 - 1e-8, 1 - 1e-15, 1.0, 1.1, NAN]
    params = [(0.1, 0.1), (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (0.1, 10.0), (10.0, 0.1), (100.0, 1e3),
              (1e4, 1e4), (1.0, 1e4), (0.5, 1e3), (3.0, 0.2)]
    return build(stats.beta, params, lambda p: xs, [(0.0, 1.0), (1.0, -1.0), (NAN, 1.0)], support=(1e-300, 1.0))


def gamma_table():
    base = [-1.0, 0.0, 1e-300, 1e-100, 1e-10, 1e-3, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 300.0,
            700.0, 1e3, 1.2e3, 1e4, 1.05e4, 1e5, INF, NAN]
    params = [(0.1, 1.0), (0.5, 1.0), (1.0, 1.0), (2.5, 2.0), (10.0, 1.0), (100.0, 0.5), (1e3, 1.0),
              (1e4, 1.0)]

    table = {}
    for m in ("pdf", "cdf", "sf", "logpdf"):
        rows = []
        for a, scale in params:
            frozen = stats.gamma(a, scale=scale)
            for x in base:
                v = safe(getattr(frozen, m), x)
                if v is not None:
                    rows.append([x, a, scale, v, ""])
        table[m] = rows
    for m in ("ppf", "isf"):
        table[m] = quantile_cases(lambda a, scale: stats.gamma(a, scale=scale), params, m)
    for m in ("pdf", "cdf", "sf", "logpdf", "ppf", "isf"):
        for a, scale in [(0.0, 1.0), (1.0, 0.0), (-1.0, 1.0), (1.0, -2.0), (NAN, 1.0)]:
            with np.errstate(all="ignore"):
                table[m].append([0.5, a, scale, f(getattr(stats.gamma, m)(0.5, a, scale=scale)), "invalid"])
    return table


def kstwobign_table():
    xs = [-1.0, 0.0, 0.01, 0.0406, 0.0407, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.82, 0.83, 1.0, 1.2,
          1.3580986393225507, 1.63, 2.0, 3.0, 5.0, 8.0, 10.0, 15.0, 20.0, 26.0, 27.3, 30.0, INF, NAN]
    return build(stats.kstwobign, [()], lambda p: xs, [], methods=("pdf", "cdf", "sf"))


def ks_d_grid(n):
    s = math.sqrt(n)
    ds = [-0.1, 0.0, 0.45 / n, 0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 0.3 / s, 0.5 / s, 0.8 / s, 1.0 / s,
          1.36 / s, 1.8 / s, 2.5 / s, 4.0 / s, 0.45, 0.5, 0.6, 0.9, 1 - 1.0 / n, 1 - 0.5 / n, 0.999, 1.0,
          1.1, NAN]
    return sorted({d for d in ds if math.isnan(d) or d <= 1.1}, key=lambda d: (math.isnan(d), d))


def kstwo_table():
    ns = [1, 2, 3, 5, 10, 50, 100, 140, 141, 500, 1000, 10000]
    table = {m: [] for m in ("pdf", "cdf", "sf", "ppf", "isf")}
    for n in ns:
        for d in ks_d_grid(n):
            for m in ("pdf", "cdf", "sf"):
                with np.errstate(all="ignore"):
                    table[m].append([d, n, f(getattr(stats.kstwo, m)(d, n)), ""])
    qs = [0.0, 1e-100, 1e-30, 1e-10, 1e-5, 1e-3, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-10, 1.0, -0.1, NAN]
    for n in [1, 2, 5, 10, 50, 100, 141, 1000]:
        # scipy solves cdf = p even in the upper tail: there the reference is a root of its sf.
        for m, upper in (("ppf", lambda q, p: q > 0.5), ("isf", lambda q, p: q < 0.5)):
            table[m] += quantile_cases(lambda n_: stats.kstwo(n_), [(n,)], m, q_grid=qs,
                                       support=(0.5 / n, 1.0), force=upper)
    for m in table:
        for n in (0, 2.5, -1):
            with np.errstate(all="ignore"):
                table[m].append([0.5, n, f(getattr(stats.kstwo, m)(0.5, n)), "invalid"])
    return table


def ksone_table():
    ns = [1, 2, 3, 5, 10, 50, 100, 1000, 10000]
    table = {m: [] for m in ("pdf", "cdf", "sf", "ppf", "isf")}
    for n in ns:
        for d in ks_d_grid(n):
            for m in ("pdf", "cdf", "sf"):
                with np.errstate(all="ignore"):
                    table[m].append([d, n, f(getattr(stats.ksone, m)(d, n)), ""])
        for q in Q_GRID:
            for m in ("ppf", "isf"):
                with np.errstate(all="ignore"):
                    table[m].append([q, n, f(getattr(stats.ksone, m)(q, n)), ""])
    for m in table:
        for n in (0, 2.5, -1):
            with np.errstate(all="ignore"):
                table[m].append([0.5, n, f(getattr(stats.ksone, m)(0.5, n)), "invalid"])
    return table


def main() -> None:
    payload = {
        "norm": norm_table(),
        "studentT": t_table(),
        "chi2": chi2_table(),
        "fDist": f_table(),
        "betaDist": beta_table(),
        "gammaDist": gamma_table(),
        "kstwobign": kstwobign_table(),
        "kstwo": kstwo_table(),
        "ksone": ksone_table(),
    }
    counts = {d: {m: len(rows) for m, rows in t.items()} for d, t in payload.items()}
    notes = {d: sum(1 for rows in t.values() for r in rows if r[-1] not in ("", "invalid")) for d, t in payload.items()}
    print(counts)
    print("non-scipy references:", notes)
    print("dropped (scipy cannot evaluate the tail):", DROPPED)
    write_golden("distributions", payload)


if __name__ == "__main__":
    main()
