"""Golden fixture for packages/core/src/stats/sketches: writes packages/core/test/goldens/sketches.json.

- hash: MurmurHash3_x86_128 (first 64 bits, as mmh3.hash64(key, seed, x64arch=False)) of numbers
  (canonical little-endian IEEE-754 bytes) and strings (UTF-16LE code units). Computed by the pure
  Python implementation below; when the `mmh3` package is importable it is cross-checked.
- quantiles: numpy.quantile(method="inverted_cdf") of small samples, which an exact KLL sketch
  (n < k) must reproduce exactly.
- moments: numpy mean / var and scipy.stats skew / kurtosis (biased and unbiased) of the
  standard sample menagerie, which the moments sketch must match whatever the partitioning.

Run: scripts/goldens/.venv/bin/python scripts/goldens/sketches.py
"""

from __future__ import annotations

import math
import struct

import numpy as np
import scipy.stats as st
from common import samples, write_golden

MASK = 0xFFFFFFFF


def rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & MASK


def fmix(h: int) -> int:
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK
    return h ^ (h >> 16)


def murmur3_x86_128(data: bytes, seed: int) -> tuple[int, int, int, int]:
    c1, c2, c3, c4 = 0x239B961B, 0xAB0E9789, 0x38B34AE5, 0xA1E38B93
    h1 = h2 = h3 = h4 = seed & MASK
    n = len(data)
    nblocks = n // 16
    for i in range(nblocks):
        k1, k2, k3, k4 = struct.unpack_from("<4I", data, 16 * i)
        k1 = (rotl((k1 * c1) & MASK, 15) * c2) & MASK
        h1 ^= k1
        h1 = (((rotl(h1, 19) + h2) & MASK) * 5 + 0x561CCD1B) & MASK
        k2 = (rotl((k2 * c2) & MASK, 16) * c3) & MASK
        h2 ^= k2
        h2 = (((rotl(h2, 17) + h3) & MASK) * 5 + 0x0BCAA747) & MASK
        k3 = (rotl((k3 * c3) & MASK, 17) * c4) & MASK
        h3 ^= k3
        h3 = (((rotl(h3, 15) + h4) & MASK) * 5 + 0x96CD1C35) & MASK
        k4 = (rotl((k4 * c4) & MASK, 18) * c1) & MASK
        h4 ^= k4
        h4 = (((rotl(h4, 13) + h1) & MASK) * 5 + 0x32AC3B17) & MASK
    tail = data[16 * nblocks :] + bytes(16)
    rest = n & 15
    k1, k2, k3, k4 = struct.unpack_from("<4I", tail, 0)
    if rest > 12:
        h4 ^= (rotl((k4 * c4) & MASK, 18) * c1) & MASK
    if rest > 8:
        h3 ^= (rotl((k3 * c3) & MASK, 17) * c4) & MASK
    if rest > 4:
        h2 ^= (rotl((k2 * c2) & MASK, 16) * c3) & MASK
    if rest > 0:
        h1 ^= (rotl((k1 * c1) & MASK, 15) * c2) & MASK
    h1 ^= n
    h2 ^= n
    h3 ^= n
    h4 ^= n
    h1 = (h1 + h2 + h3 + h4) & MASK
    h2 = (h2 + h1) & MASK
    h3 = (h3 + h1) & MASK
    h4 = (h4 + h1) & MASK
    h1, h2, h3, h4 = fmix(h1), fmix(h2), fmix(h3), fmix(h4)
    h1 = (h1 + h2 + h3 + h4) & MASK
    h2 = (h2 + h1) & MASK
    h3 = (h3 + h1) & MASK
    h4 = (h4 + h1) & MASK
    return h1, h2, h3, h4


def hash64(data: bytes, seed: int) -> list[int]:
    """[hi, lo] of the first 64 bits of MurmurHash3_x86_128."""
    h1, h2, _, _ = murmur3_x86_128(data, seed)
    try:
        import mmh3  # optional cross-check

        assert mmh3.hash64(data, seed, x64arch=False, signed=False)[0] == (h2 << 32) | h1
    except ImportError:
        pass
    return [h2, h1]


def number_bytes(x: float) -> bytes:
    if math.isnan(x):
        return struct.pack("<Q", 0x7FF8000000000000)
    return struct.pack("<d", 0.0 if x == 0 else x)


def hash_cases() -> dict:
    numbers = [0.0, -0.0, 1.0, -1.0, 1.5, math.nan, math.inf, -math.inf, 5e-324, 1e-310, 2.0**53, 123456789.125, -3.75e300]
    strings = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi",
               "hello, vigie", "été", "日本語のテキスト", "\U0001F600 emoji", "x" * 37, "\ud800lone"]
    out = {"numbers": [], "strings": []}
    for seed in (0, 7, -1):
        for x in numbers:
            out["numbers"].append({"value": x, "seed": seed, "hash": hash64(number_bytes(x), seed & MASK)})
        for s in strings:
            data = s.encode("utf-16-le", "surrogatepass")
            out["strings"].append({"value": s, "seed": seed, "hash": hash64(data, seed & MASK)})
    return out


def quantile_cases(rng: np.random.Generator) -> list[dict]:
    qs = [0.0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
    menagerie = samples(rng)
    cases = []
    for name in ["one", "two", "three", "ties", "constant", "normal_small", "normal_50", "uniform_40",
                 "huge", "tiny", "exponential", "cauchy", "integers"]:
        x = menagerie[name]
        cases.append({"name": name, "x": x, "q": qs, "quantiles": np.quantile(x, qs, method="inverted_cdf")})
    return cases


def moment_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for name, x in samples(rng).items():
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cases.append({
                    "name": name,
                    "x": x,
                    "mean": np.mean(x),
                    "var0": np.var(x),
                    "var1": np.var(x, ddof=1) if len(x) > 1 else math.nan,
                    "skew": st.skew(x),
                    "skewUnbiased": st.skew(x, bias=False),
                    "kurtosis": st.kurtosis(x),
                    "kurtosisUnbiased": st.kurtosis(x, bias=False),
                    "kurtosisPearson": st.kurtosis(x, fisher=False),
                })
    return cases


def main() -> None:
    rng = np.random.default_rng(20240611)
    write_golden("sketches", {
        "hash": hash_cases(),
        "quantiles": quantile_cases(rng),
        "moments": moment_cases(rng),
    })


if __name__ == "__main__":
    main()
