"""Golden fixture for packages/core/src/stats/tests/contingency (count and proportion tests).

Writes packages/core/test/goldens/tests_contingency.json with one list of cases per function:

- chisquare, powerDivergence: scipy.stats.chisquare / power_divergence (goodness of fit)
- chi2Contingency, gtest: scipy.stats.chi2_contingency (gtest = lambda_="log-likelihood")
- fisherExact: scipy.stats.fisher_exact on 2x2 tables
- proportionsZtest: statsmodels.stats.proportion.proportions_ztest
- contingencyFromCodes: a cross-tabulation of two code arrays, -1 skipped (numpy.add.at)

A case where the reference raises stores `"error": "<exception class>"` instead of results.
Power-divergence cases also store `statAbsTol`, the absolute rounding noise of scipy's own
statistic when its terms cancel (see `stat_abs_tol`); the tests accept 1e-9 relative or that.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

from common import write_golden

warnings.simplefilter("ignore")

rng = np.random.default_rng(20240607)


EPS = np.finfo(float).eps
LAMBDA_NAMES = {"pearson": 1, "log-likelihood": 0, "freeman-tukey": -0.5, "mod-log-likelihood": -1,
                "neyman": -2, "cressie-read": 2 / 3}


def stat_abs_tol(f_obs, f_exp, lambda_):
    """Rounding noise of scipy's own statistic: 16 eps times the summed magnitudes of what each
    term is computed from. Power-divergence terms of either sign cancel near independence (or a
    perfect fit), and then scipy's value is only good to this absolute level; 1e-9 relative
    applies above it."""
    lam = LAMBDA_NAMES.get(lambda_, lambda_) if lambda_ is not None else 1
    o = np.asarray(f_obs, float).ravel()
    e = np.asarray(f_exp, float).ravel() if f_exp is not None else np.full(o.shape, o.mean())
    with np.errstate(all="ignore"):
        if lam == 1:
            mags = (o - e) ** 2 / e
        elif lam == 0:
            mags = 2 * np.abs(o) * (1 + np.abs(np.log(o / e)))
        elif lam == -1:
            mags = 2 * np.abs(e) * (1 + np.abs(np.log(e / o)))
        else:
            mags = np.abs(o) * np.maximum(1, (o / e) ** lam) / abs(0.5 * lam * (lam + 1))
    mags = mags[np.isfinite(mags)]
    return float(16 * EPS * mags.sum())


def attempt(fn):
    try:
        return fn()
    except (ValueError, NotImplementedError) as err:
        return {"error": type(err).__name__}


# ---------------------------------------------------------------- goodness of fit
GOF = [
    ("uniform_equal", [10, 10, 10, 10], None, 0),
    ("textbook", [16, 18, 16, 14, 12, 12], None, 0),
    ("textbook_exp", [16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8], 0),
    ("textbook_ddof1", [16, 18, 16, 14, 12, 12], None, 1),
    ("textbook_ddof2", [16, 18, 16, 14, 12, 12], None, 2),
    ("tiny_one", [5], None, 0),
    ("tiny_two", [1, 3], None, 0),
    ("tiny_three", [0, 2, 4], None, 0),
    ("zeros_some", [0, 0, 7, 3], None, 0),
    ("all_zero", [0, 0, 0], None, 0),
    ("zero_in_exp", [1, 2, 3], [0, 3, 3], 0),
    ("zero_obs_and_exp", [0, 2, 4], [0, 2, 4], 0),
    ("large_counts", [1_000_000, 1_000_500, 999_000, 1_001_000], None, 0),
    ("large_exp", [1_000_000, 2_000_000, 3_000_000], [1_100_000, 1_900_000, 3_000_000], 0),
    ("perfect_fit", [5, 10, 15], [5, 10, 15], 0),
    ("floats", [2.5, 3.25, 7.0, 1.125], None, 0),
    ("floats_exp", [2.5, 3.25, 7.0, 1.125], [3.0, 3.0, 5.0, 2.875], 0),
    ("sum_mismatch", [1, 2, 3], [2, 2, 3], 0),
    ("sum_within_tol", [1, 2, 3], [2, 2, 2.00000001], 0),
    ("ddof_to_zero", [1, 2, 3], None, 2),
    ("ddof_negative_df", [1, 2, 3], None, 5),
    ("negative_obs", [-1, 2, 3], None, 0),
    ("negative_exp", [1, 2, 3], [-1, 3, 4], 0),
    ("extreme", [1000, 1, 1, 1], None, 0),
    ("extreme_far", [100000, 0, 0, 0, 0, 0], None, 0),
    ("many_cells", list(rng.integers(0, 50, 40)), None, 0),
    ("many_cells_ddof", list(rng.integers(0, 50, 25)), None, 3),
    ("poisson_200", list(rng.poisson(30, 200)), None, 0),
    ("skewed_exp", [30, 20, 10, 5, 3], [28.0, 22.0, 9.0, 6.0, 3.0], 0),
    ("near_fit_large", [500_001, 499_999, 1_000_000], [500_000, 500_000, 1_000_000], 0),
    ("empty", [], None, 0),
]
NAN_GOF = [
    ("nan_obs_propagate", [1.0, 2.0, np.nan, 4.0], None, "propagate"),
    ("nan_obs_omit", [1.0, 2.0, np.nan, 4.0], None, "omit"),
    ("nan_pair_omit", [3.0, 5.0, 2.0, 6.0], [4.0, np.nan, 3.0, 6.0], "omit"),
    ("nan_pair_omit_fits", [3.0, 5.0, 3.0, 6.0], [4.0, np.nan, 2.0, 6.0], "omit"),
    ("nan_exp_propagate", [3.0, 5.0, 2.0, 6.0], [4.0, np.nan, 3.0, 6.0], "propagate"),
]


def gof_case(name, f_obs, f_exp, ddof, fn, nan_policy="propagate", **kw):
    def run():
        res = fn(f_obs, f_exp=f_exp, ddof=ddof, nan_policy=nan_policy, **kw)
        return {"statistic": res.statistic, "pvalue": res.pvalue,
                "statAbsTol": stat_abs_tol(f_obs, f_exp, kw.get("lambda_"))}

    return {"name": name, "fObs": f_obs, "fExp": f_exp, "ddof": ddof, "nanPolicy": nan_policy, **attempt(run)}


chisquare_cases = [gof_case(n, o, e, d, stats.chisquare) for n, o, e, d in GOF]
chisquare_cases += [gof_case(n, o, e, 0, stats.chisquare, nan_policy=p) for n, o, e, p in NAN_GOF]

LAMBDAS = [1, 0, -1, -0.5, -2, 2 / 3, 0.5, 3, "pearson", "log-likelihood", "freeman-tukey",
           "mod-log-likelihood", "neyman", "cressie-read"]
power_cases = []
for i, (name, f_obs, f_exp, ddof) in enumerate(GOF):
    # every lambda on a few inputs, one rotating lambda on the rest
    lams = LAMBDAS if name in ("textbook", "textbook_exp", "zeros_some", "large_exp", "floats_exp") else [
        LAMBDAS[i % len(LAMBDAS)]]
    for lam in lams:
        case = gof_case(name, f_obs, f_exp, ddof, stats.power_divergence, lambda_=lam)
        case["lambda"] = lam
        power_cases.append(case)
case = gof_case("bad_lambda_name", [1, 2, 3], None, 0, stats.power_divergence, lambda_="no-such")
case["lambda"] = "no-such"
power_cases.append(case)

# ---------------------------------------------------------------- r x c tables


def random_table(r, c, scale):
    return rng.integers(0, scale, (r, c)).tolist()


def independent_table(rows, cols, total):
    p = np.outer(rows, cols)
    return np.round(p / p.sum() * total).astype(int).tolist()


TABLES = [
    ("2x2_small", [[3, 1], [1, 3]]),
    ("2x2_textbook", [[12, 5], [7, 9]]),
    ("2x2_zero_cell", [[0, 5], [8, 4]]),
    ("2x2_two_zero_cells", [[0, 5], [8, 0]]),
    ("2x2_zero_row", [[0, 0], [4, 6]]),
    ("2x2_zero_col", [[0, 3], [0, 6]]),
    ("2x2_perfect", [[20, 0], [0, 20]]),
    ("2x2_independent", [[10, 20], [30, 60]]),
    ("2x2_near_independent", [[10, 20], [31, 60]]),
    ("2x2_small_diff", [[10, 10], [10, 11]]),
    ("2x2_ones", [[1, 1], [1, 1]]),
    ("2x2_large", [[1_000_000, 999_000], [998_500, 1_001_200]]),
    ("2x2_large_assoc", [[1_000_000, 10_000], [20_000, 900_000]]),
    ("2x2_floats", [[2.5, 4.75], [6.0, 1.5]]),
    ("1x4_dof0", [[3, 5, 2, 8]]),
    ("3x1_dof0", [[3], [5], [9]]),
    ("1x1", [[7]]),
    ("2x3", [[10, 20, 30], [6, 9, 17]]),
    ("3x2", [[10, 6], [20, 9], [30, 17]]),
    ("3x3", [[25, 10, 5], [8, 30, 12], [4, 9, 40]]),
    ("3x3_zero_row", [[25, 10, 5], [0, 0, 0], [4, 9, 40]]),
    ("3x3_zero_col", [[25, 0, 5], [8, 0, 12], [4, 0, 40]]),
    ("3x3_zeros_inside", [[0, 10, 5], [8, 0, 12], [4, 9, 0]]),
    ("3x4_perfect", [[15, 0, 0, 0], [0, 20, 0, 0], [0, 0, 10, 12]]),
    ("4x4_random", random_table(4, 4, 30)),
    ("4x5_random", random_table(4, 5, 100)),
    ("5x5_random", random_table(5, 5, 12)),
    ("5x7_random", random_table(5, 7, 40)),
    ("5x7_sparse", random_table(5, 7, 3)),
    ("5x7_independent", independent_table([1, 2, 3, 4, 5], [3, 1, 4, 1, 5, 9, 2], 100_000)),
    ("4x3_independent_exact", [[2, 4, 6], [4, 8, 12], [6, 12, 18], [8, 16, 24]]),
    ("3x5_large", random_table(3, 5, 1_000_000)),
    ("2x7_large", random_table(2, 7, 2_000_000)),
    ("6x2", random_table(6, 2, 25)),
    ("2x2_tiny_counts", [[1, 0], [0, 1]]),
    ("2x3_one_each", [[1, 0, 1], [0, 1, 0]]),
    ("negative", [[1, -2], [3, 4]]),
    ("2x2_fractional_small", [[0.25, 0.5], [0.75, 0.125]]),
]


def chi2_case(name, table, correction, lambda_):
    def run():
        res = stats.contingency.chi2_contingency(table, correction=correction, lambda_=lambda_)
        obs = np.asarray(table, float)
        exp = np.asarray(res.expected_freq)
        if res.dof == 1 and correction:
            diff = exp - obs
            obs = obs + np.minimum(0.5, np.abs(diff)) * np.sign(diff)
        return {"statistic": res.statistic, "pvalue": res.pvalue, "dof": int(res.dof),
                "expectedFreq": exp.tolist(), "statAbsTol": stat_abs_tol(obs, exp, lambda_)}

    return {"name": name, "table": table, "correction": correction, "lambda": lambda_, **attempt(run)}


chi2_cases = []
gtest_cases = []
for i, (name, table) in enumerate(TABLES):
    for correction in (True, False):
        chi2_cases.append(chi2_case(name, table, correction, None))
        gtest_cases.append(chi2_case(name, table, correction, "log-likelihood"))
    lam = ["cressie-read", -0.5, "neyman", 2.0, "mod-log-likelihood", "freeman-tukey"][i % 6]
    chi2_cases.append(chi2_case(name, table, True, lam))

# ---------------------------------------------------------------- Fisher's exact test
FISHER = [
    [[8, 2], [1, 5]],
    [[3, 1], [1, 3]],
    [[1, 3], [3, 1]],
    [[2, 7], [8, 2]],
    [[0, 5], [5, 0]],
    [[5, 0], [0, 5]],
    [[0, 0], [3, 4]],
    [[0, 3], [0, 4]],
    [[1, 0], [0, 1]],
    [[1, 1], [1, 1]],
    [[10, 10], [10, 10]],
    [[10, 10], [10, 11]],
    [[6, 2], [1, 4]],
    [[12, 5], [7, 9]],
    [[0, 10], [10, 10]],
    [[7, 0], [3, 12]],
    [[100, 2], [1000, 5]],
    [[190, 800], [200, 900]],
    [[21, 33], [17, 46]],
    [[500, 480], [470, 510]],
    [[5000, 5100], [4900, 5050]],
    [[1_000_000, 999_000], [998_500, 1_001_200]],
    [[1_000_000, 10], [12, 1_000_000]],
    [[1, 1_000_000], [1_000_000, 1]],
    [[2, 1_000_000], [1_000_000, 3]],
    [[0, 1], [1_000_000, 1_000_000]],
    [[18, 0], [0, 18]],
    [[4, 4], [4, 4]],
    [[3, 5], [5, 3]],
    [[1, 9], [11, 3]],
    [[30, 1], [2, 28]],
    [[15, 15], [14, 16]],
    [[2, 3], [4, 5]],
    [[0, 1], [1, 0]],
    [[1, 2], [0, 0]],
    [[100, 100], [0, 1]],
    [[50, 51], [52, 49]],
    [[9, 1], [1, 9]],
]
# random tables: small counts (many tables tie with the observed one) and large ones
FISHER += rng.integers(0, 12, (40, 2, 2)).tolist() + rng.integers(0, 5000, (10, 2, 2)).tolist()
fisher_cases = []
for table in FISHER:
    for alternative in ("two-sided", "less", "greater"):
        res = stats.fisher_exact(table, alternative=alternative)
        fisher_cases.append({"table": table, "alternative": alternative,
                             "statistic": res.statistic, "pvalue": res.pvalue})
fisher_cases.append({"table": [[-1, 2], [3, 4]], "alternative": "two-sided",
                     **attempt(lambda: stats.fisher_exact([[-1, 2], [3, 4]]))})
# scipy answers larger tables with a random Monte Carlo test; Vigie refuses them on purpose.
fisher_cases.append({"table": [[1, 2, 3], [4, 5, 6]], "alternative": "two-sided", "error": "NotImplementedError",
                     "note": "scipy runs a random Monte Carlo test for tables larger than 2x2"})

# ---------------------------------------------------------------- two-proportion z-test
PROPS = [
    ([15, 25], [50, 50], 0, False),
    ([15, 25], [50, 50], 0.1, False),
    ([15, 25], [50, 50], -0.1, False),
    ([15, 25], 50, 0, False),
    ([45, 55], [100, 100], 0, False),
    ([0, 5], [20, 20], 0, False),
    ([0, 0], [20, 20], 0, False),
    ([20, 20], [20, 20], 0, False),
    ([1, 2], [3, 3], 0, False),
    ([500_000, 501_000], [1_000_000, 1_000_000], 0, False),
    ([123_456, 120_000], [1_000_000, 990_000], 0, False),
    ([30, 70], [100, 100], 0, 0.5),
    ([30, 70], [100, 100], 0, 0.3),
    ([10, 12], [40, 60], 0.05, 0.2),
    ([5, 95], [100, 100], 0, False),
    ([7, 3], [9, 11], 0, False),
    ([1, 999], [1000, 1000], 0, False),
    ([300, 280], [1000, 900], 0, False),
    ([0, 1], [1, 1], 0, False),
    ([2, 2], [5, 5], 0, False),
    ([2, 2], [5, 5], 0.2, False),
    (30, 100, 0.25, False),
    (30, 100, 0.5, False),
    (0, 10, 0.1, False),
    (10, 10, 0.5, False),
    (700, 1000, 0.7, False),
    (512, 1000, 0.5, 0.5),
    ([3, 8], [13, 13], 0, False),
    ([17, 3], [20, 20], 0, False),
    ([60, 40], [150, 80], 0, False),
    (30, 100, None, False),
    ([1, 2, 3], [10, 10, 10], 0, False),
]
prop_cases = []
for count, nobs, value, prop_var in PROPS:
    for alternative, sm_alt in (("two-sided", "two-sided"), ("less", "smaller"), ("greater", "larger")):
        def run(count=count, nobs=nobs, value=value, prop_var=prop_var, sm_alt=sm_alt):
            z, p = proportions_ztest(count, nobs, value=value, alternative=sm_alt, prop_var=prop_var)
            return {"statistic": z, "pvalue": p}

        prop_cases.append({"count": count, "nobs": nobs, "value": value, "propVar": prop_var,
                           "alternative": alternative, **attempt(run)})

# ---------------------------------------------------------------- tables from codes
code_cases = []
for i in range(30):
    n_a = int(rng.integers(1, 6))
    n_b = int(rng.integers(1, 8))
    size = int(rng.integers(0, 400))
    a = rng.integers(-1, n_a, size)
    b = rng.integers(-1, n_b, size)
    keep = (a >= 0) & (b >= 0)
    table = np.zeros((n_a, n_b), dtype=int)
    np.add.at(table, (a[keep], b[keep]), 1)
    code_cases.append({"a": a.tolist(), "b": b.tolist(), "nA": n_a, "nB": n_b, "table": table.tolist()})

write_golden(
    "tests_contingency",
    {
        "chisquare": chisquare_cases,
        "powerDivergence": power_cases,
        "chi2Contingency": chi2_cases,
        "gtest": gtest_cases,
        "fisherExact": fisher_cases,
        "proportionsZtest": prop_cases,
        "contingencyFromCodes": code_cases,
    },
)
