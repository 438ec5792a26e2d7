"""Golden fixture for packages/core/src/stats/special (scipy.special functions).

Each function gets a list of cases [*args, expected, note] over the body, far tails, tiny and
huge parameters and edge values (0, 1, +-Infinity, NaN, invalid arguments). Arguments are in
scipy's order. `note` is "" for a plain scipy value, or "polished" for an inverse whose scipy
value did not reproduce its target through scipy's own forward function to 1e-12, moved by
Newton steps on that forward function (scipy's Boost-based betaincinv is off by up to ~4e-9 for
shapes like (1e3, 1e6); its gammaincinv by ~5e-11 at a = 1e6).

Run: scripts/goldens/.venv/bin/python scripts/goldens/special.py
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc
import scipy.special._ufuncs as scu

from common import write_golden

INF = math.inf
NAN = math.nan


def f(v) -> float:
    return float(np.asarray(v, dtype=float))


def call(fn, *args):
    with np.errstate(all="ignore"):
        return f(fn(*args))


SHAPES = [1e-3, 0.1, 0.5, 1.0, 2.5, 10.0, 100.0, 1e3, 1e4, 1e6]
XS = [1e-300, 1e-20, 1e-5, 0.01, 0.3, 1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 1e3, 9.9e3, 1e4, 1.02e4, 1e6, 1.01e6, 9.9e5]
PS = [1e-300, 1e-100, 1e-30, 1e-10, 1e-3, 0.1, 0.5, 0.9, 0.999, 1 - 1e-12]
UNIT = [1e-100, 1e-10, 1e-3, 0.1, 0.5, 0.9, 0.999, 1 - 1e-10]
BETA_SHAPES = [1e-3, 0.1, 0.5, 1.0, 2.5, 10.0, 100.0, 1e3, 1e4, 1e6]


def gamma_density(a, x):
    return math.exp((a - 1) * math.log(x) - x - sc.gammaln(a)) if x > 0 else 0.0


def beta_density(a, b, x):
    if not 0 < x < 1:
        return 0.0
    return math.exp((a - 1) * math.log(x) + (b - 1) * math.log1p(-x) - sc.betaln(a, b))


def polish(x, target, forward, slope):
    """Newton steps on forward(x) = target; (x, True) when that moved x by more than 1e-12."""
    if not (math.isfinite(x) and x > 0 and 0 < target < 1):
        return x, False
    start = x
    for _ in range(8):
        d = slope(x)
        if not (d != 0 and math.isfinite(d)):
            break
        step = (forward(x) - target) / d
        if not math.isfinite(step) or x - step <= 0 or forward(x - step) != forward(x - step):
            break
        if x - step == x:
            break
        x -= step
    moved = abs(x - start) > 1e-12 * abs(start) and abs(x - start) < 0.01 * abs(start)
    return (x, True) if moved else (start, False)


def gamma_cases():
    out = {"gammainc": [], "gammaincc": [], "gammaincinv": [], "gammainccinv": []}
    for a in SHAPES:
        for x in XS:
            out["gammainc"].append([a, x, call(sc.gammainc, a, x), ""])
            out["gammaincc"].append([a, x, call(sc.gammaincc, a, x), ""])
        for p in PS:
            v = call(sc.gammaincinv, a, p)
            v, moved = polish(v, p, lambda x: f(sc.gammainc(a, x)), lambda x: gamma_density(a, x)) if p <= 0.5 else \
                polish(v, 1 - p, lambda x: f(sc.gammaincc(a, x)), lambda x: -gamma_density(a, x))
            out["gammaincinv"].append([a, p, v, "polished" if moved else ""])
            v = call(sc.gammainccinv, a, p)
            v, moved = polish(v, p, lambda x: f(sc.gammaincc(a, x)), lambda x: -gamma_density(a, x)) if p <= 0.5 else \
                polish(v, 1 - p, lambda x: f(sc.gammainc(a, x)), lambda x: gamma_density(a, x))
            out["gammainccinv"].append([a, p, v, "polished" if moved else ""])
    # Huge shapes, where Vigie switches to Temme's uniform expansion (a >= 1e10). scipy's own
    # expansion breaks down in the tails there (gammainc(1e12, 1e12 - 1e7) = 1.5e-25 where the
    # Wilson-Hilferty approximation, accurate to ~1e-6 at this a, gives 7.6e-24), so a case is
    # kept only where scipy agrees with Wilson-Hilferty to 1e-4.
    def wilson_hilferty(a, x):
        z = ((x / a) ** (1 / 3) - (1 - 1 / (9 * a))) * math.sqrt(9 * a)
        return f(sc.ndtr(z)), f(sc.ndtr(-z))

    for a, x in [(1e10, 1e10), (1e10, 1e10 + 1e5), (1e10, 9.9997e9), (1e10, 1.0001e10), (1e12, 1e12 + 3e6),
                 (1e12, 1e12 - 1e7), (1e15, 1e15)]:
        lower, upper = wilson_hilferty(a, x)
        for name, fn, approx in (("gammainc", sc.gammainc, lower), ("gammaincc", sc.gammaincc, upper)):
            v = call(fn, a, x)
            if abs(v - approx) <= 1e-4 * approx:
                out[name].append([a, x, v, "huge"])
    for a in (1e10, 1e12):
        for p in (1e-10, 0.5, 0.9):
            for name, fn, tail in (("gammaincinv", sc.gammaincinv, 0), ("gammainccinv", sc.gammainccinv, 1)):
                v = call(fn, a, p)
                if abs(wilson_hilferty(a, v)[tail] - p) <= 1e-4 * p:
                    out[name].append([a, p, v, "huge"])
    edges = [(0, 0), (0, 1), (1, 0), (-1, 1), (1, -1), (INF, 1), (INF, INF), (1, INF), (0, INF), (2, NAN), (NAN, 2)]
    for a, x in edges:
        out["gammainc"].append([a, x, call(sc.gammainc, a, x), "edge"])
        out["gammaincc"].append([a, x, call(sc.gammaincc, a, x), "edge"])
    for a, p in [(0, 0.5), (1, 0), (1, 1), (1, 1.1), (1, -0.1), (-1, 0.5), (INF, 0.5), (1e-300, 0.5), (2, NAN)]:
        out["gammaincinv"].append([a, p, call(sc.gammaincinv, a, p), "edge"])
        out["gammainccinv"].append([a, p, call(sc.gammainccinv, a, p), "edge"])
    return out


def beta_cases():
    out = {"betainc": [], "betaincc": [], "betaincinv": [], "betainccinv": []}
    for a in BETA_SHAPES:
        for b in BETA_SHAPES:
            for x in UNIT:
                out["betainc"].append([a, b, x, call(sc.betainc, a, b, x), ""])
                out["betaincc"].append([a, b, x, call(sc.betaincc, a, b, x), ""])
            for p in [1e-100, 1e-20, 1e-5, 0.1, 0.5, 0.9, 1 - 1e-10]:
                for name, fn, lower in (("betaincinv", sc.betaincinv, True), ("betainccinv", sc.betainccinv, False)):
                    v = call(fn, a, b, p)
                    # Match the smaller tail: I_x = p (p <= 1/2) else 1 - I_x = 1 - p, swapped for the complement.
                    small_is_lower = (p <= 0.5) == lower
                    target = p if p <= 0.5 else 1 - p
                    if small_is_lower:
                        v, moved = polish(v, target, lambda x: f(sc.betainc(a, b, x)), lambda x: beta_density(a, b, x))
                    else:
                        v, moved = polish(v, target, lambda x: f(sc.betaincc(a, b, x)), lambda x: -beta_density(a, b, x))
                    out[name].append([a, b, p, v, "polished" if moved else ""])
    edges = [(0, 1, 0.5), (1, 0, 0.5), (0, 0, 0.5), (1, 1, 0), (1, 1, 1), (1, 1, -0.1), (1, 1, 1.1), (INF, 1, 0.5),
             (1, INF, 0.5), (INF, INF, 0.5), (-1, 1, 0.5), (2, 3, NAN)]
    for a, b, x in edges:
        out["betainc"].append([a, b, x, call(sc.betainc, a, b, x), "edge"])
        out["betaincc"].append([a, b, x, call(sc.betaincc, a, b, x), "edge"])
    for a, b, p in [(0, 1, 0.5), (1, 0, 0.5), (1, 1, 0), (1, 1, 1), (1, 1, 1.1), (1, 1, 1e-310), (2, 3, 1e-300),
                    (1e-3, 1e-3, 0.5), (2, 3, NAN)]:
        out["betaincinv"].append([a, b, p, call(sc.betaincinv, a, b, p), "edge"])
        out["betainccinv"].append([a, b, p, call(sc.betainccinv, a, b, p), "edge"])
    return out


def normal_cases():
    out = {"erf": [], "erfc": [], "erfcinv": [], "ndtr": [], "ndtri": [], "logNdtr": []}
    xs = [-INF, -40.0, -38.0, -30.0, -26.0, -10.0, -5.0, -1.0, -1e-5, 0.0, 1e-10, 0.5, 1.0, 3.0, 6.0, 10.0, 26.0,
          27.0, 30.0, 40.0, INF, NAN]
    for x in xs:
        out["erf"].append([x, call(sc.erf, x), ""])
        out["erfc"].append([x, call(sc.erfc, x), ""])
        out["ndtr"].append([x, call(sc.ndtr, x), ""])
    for x in xs + [-1e5, -1e200, -20.0, -19.9, -1.0000001, 8.0, 1e5]:
        out["logNdtr"].append([x, call(sc.log_ndtr, x), ""])
    for p in [0.0, 1e-320, 1e-300, 1e-100, 1e-20, 1e-5, 0.1, 0.5, 1.0, 1.5, 1.9, 2 - 1e-10, 2.0, -1.0, 3.0, NAN]:
        out["erfcinv"].append([p, call(sc.erfcinv, p), ""])
    for p in [0.0, 1e-320, 1e-300, 1e-100, 1e-30, 1e-10, 1e-3, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10,
              0.9999999999999999, 1.0, -1.0, 1.5, NAN]:
        out["ndtri"].append([p, call(sc.ndtri, p), ""])
    return out


def gamma_function_cases():
    out = {"gammaln": [], "digamma": [], "betaln": []}
    for x in [1e-300, 1e-10, 0.1, 0.5, 1.0, 1.5, 2.0, 10.0, 100.0, 1e5, 1e10, 1e300, -0.5, -1.5, -100.5, 0.0, -1.0,
              -2.0, INF, -INF, NAN]:
        out["gammaln"].append([x, call(sc.gammaln, x), ""])
    for x in [1e-300, 1e-10, 0.1, 0.5, 1.0, 1.5, 2.0, 10.0, 100.0, 1e5, 1e10, 1e300, -0.5, -1.5, -100.5, 0.0, -0.0,
              -1.0, INF, -INF, NAN]:
        out["digamma"].append([x, call(sc.digamma, x), ""])
    vals = [1e-3, 0.5, 1.0, 10.0, 1e5, 1e10]
    for a in vals:
        for b in vals:
            out["betaln"].append([a, b, call(sc.betaln, a, b), ""])
    for a, b in [(0.0, 1.0), (-1.0, 2.0), (-0.5, 2.0), (INF, 1.0), (1.0, INF), (NAN, 1.0)]:
        out["betaln"].append([a, b, call(sc.betaln, a, b), "edge"])
    return out


def kolmogorov_cases():
    out = {k: [] for k in ("kolmogorov", "kolmogc", "kolmogp", "kolmogi", "kolmogci",
                           "smirnov", "smirnovc", "smirnovp", "smirnovi", "smirnovci")}
    for x in [-1.0, 0.0, 0.01, 0.0406, 0.041, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.82, 0.83, 1.0, 1.36, 2.0, 3.0, 5.0,
              8.0, 10.0, 20.0, 27.0, 28.0, 40.0, INF, NAN]:
        out["kolmogorov"].append([x, call(sc.kolmogorov, x), ""])
        out["kolmogc"].append([x, call(scu._kolmogc, x), ""])
        out["kolmogp"].append([x, call(scu._kolmogp, x), ""])
    for p in [0.0, 1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-10, 1.0, -0.5, 2.0, NAN]:
        out["kolmogi"].append([p, call(sc.kolmogi, p), ""])
        out["kolmogci"].append([p, call(scu._kolmogci, p), ""])
    for n in [1, 2, 3, 5, 10, 37, 100, 150, 1000, 10000, 100000, 2000000]:
        for d in [0.0, 1e-4, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 1 / 3, 0.5, 0.7, 0.9, 0.99, 0.999, 1.0, -0.1, 1.1, NAN]:
            out["smirnov"].append([n, d, call(sc.smirnov, n, d), ""])
            out["smirnovc"].append([n, d, call(scu._smirnovc, n, d), ""])
            if n <= 10000:  # scipy's derivative cancels to noise (or to 0) beyond that
                out["smirnovp"].append([n, d, call(scu._smirnovp, n, d), ""])
        for p in [0.0, 1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-10, 1.0, 1.5, NAN]:
            out["smirnovi"].append([n, p, call(sc.smirnovi, n, p), ""])
            out["smirnovci"].append([n, p, call(scu._smirnovci, n, p), ""])
    for n in (0, -1):
        out["smirnov"].append([n, 0.5, call(sc.smirnov, n, 0.5), "edge"])
        out["smirnovi"].append([n, 0.5, call(sc.smirnovi, n, 0.5), "edge"])
    return out


def main() -> None:
    payload = {}
    for part in (gamma_cases(), beta_cases(), normal_cases(), gamma_function_cases(), kolmogorov_cases()):
        payload.update(part)
    print({k: len(v) for k, v in payload.items()})
    print("polished:", {k: sum(1 for r in v if r[-1] == "polished") for k, v in payload.items()})
    write_golden("special", payload)


if __name__ == "__main__":
    main()
