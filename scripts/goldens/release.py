"""Golden fixture for the release statistics (packages/core/src/release).

Writes packages/core/test/goldens/release.json: for seeded canary and shadow cases, the numbers
Vigie's release analyses must reproduce:
- sample-ratio check: scipy.stats.chisquare(observed, total * weights)
- error rate: statsmodels proportions_ztest([e_c, e_b], [n_c, n_b], value=margin,
  alternative='larger' and 'smaller')
- latency: numpy.quantile (linear) p95/p99 of each arm, scipy.stats.mannwhitneyu(candidate,
  baseline, alternative='greater')
- labelled accuracy: proportions_ztest([right_b, right_c], [n_b, n_c], value=margin, alternative='larger')
- shadow: Wilson interval of the disagreement rate (statsmodels proportion_confint), numpy
  quantiles of the score differences, McNemar's exact test (statsmodels) on the labelled pairs.

Run: scripts/goldens/.venv/bin/python scripts/goldens/release.py
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from common import write_golden

rng = np.random.default_rng(20261202)


def canary_case(name, n_b, n_c, err_b, err_c, lat_scale_c, acc_b, acc_c, labelled, weight, margin, acc_margin):
    errors_b = rng.random(n_b) < err_b
    errors_c = rng.random(n_c) < err_c
    lat_b = np.round(rng.lognormal(np.log(2.0), 0.4, int(n_b - errors_b.sum())), 4)
    lat_c = np.round(rng.lognormal(np.log(2.0 * lat_scale_c), 0.4, int(n_c - errors_c.sum())), 4)
    right_b = rng.random(labelled) < acc_b
    right_c = rng.random(labelled) < acc_c
    total = n_b + n_c
    chi = stats.chisquare([n_b, n_c], [total * (1 - weight), total * weight])
    counts = [int(errors_c.sum()), int(errors_b.sum())]
    nobs = [n_c, n_b]
    z_worse, p_worse = proportions_ztest(counts, nobs, value=margin, alternative="larger")
    z_within, p_within = proportions_ztest(counts, nobs, value=margin, alternative="smaller")
    mwu = stats.mannwhitneyu(lat_c, lat_b, alternative="greater")
    _, p_acc = proportions_ztest(
        [int(right_b.sum()), int(right_c.sum())], [labelled, labelled], value=acc_margin, alternative="larger"
    )
    return {
        "name": name,
        "weight": weight,
        "margin": margin,
        "accMargin": acc_margin,
        "baseline": {"errors": int(errors_b.sum()), "latencies": lat_b, "right": right_b},
        "candidate": {"errors": int(errors_c.sum()), "latencies": lat_c, "right": right_c},
        "srm": {"statistic": chi.statistic, "pvalue": chi.pvalue},
        "errorRate": {"pvalueWorse": p_worse, "pvalueWithin": p_within},
        "latency": {
            "baseline": np.quantile(lat_b, [0.95, 0.99]),
            "candidate": np.quantile(lat_c, [0.95, 0.99]),
            "mannwhitneyu": {"statistic": mwu.statistic, "pvalue": mwu.pvalue},
        },
        "accuracy": {"pvalue": p_acc},
    }


def shadow_case(name, n, p_disagree, labelled):
    classes = np.array(["Adelie", "Chinstrap", "Gentoo"])
    primary = rng.integers(0, 3, n)
    flip = rng.random(n) < p_disagree
    shadow = np.where(flip, (primary + 1) % 3, primary)
    p_primary = np.round(rng.uniform(0.4, 1.0, n), 6)
    p_shadow = np.round(np.clip(p_primary + rng.normal(0, 0.05, n), 0, 1), 6)
    truth = np.where(rng.random(n) < 0.8, primary, rng.integers(0, 3, n))
    dis = int(flip.sum())
    lo, hi = proportion_confint(dis, n, alpha=0.05, method="wilson")
    diffs = p_shadow - p_primary
    lab = np.arange(labelled)
    right_p = primary[lab] == truth[lab]
    right_s = shadow[lab] == truth[lab]
    table = [
        [int((right_p & right_s).sum()), int((right_p & ~right_s).sum())],
        [int((~right_p & right_s).sum()), int((~right_p & ~right_s).sum())],
    ]
    mc = mcnemar(table, exact=True)
    return {
        "name": name,
        "primary": classes[primary].tolist(),
        "shadow": classes[shadow].tolist(),
        "pPrimary": p_primary,
        "pShadow": p_shadow,
        "truth": classes[truth].tolist(),
        "labelled": labelled,
        "disagreements": dis,
        "wilson": [lo, hi],
        "quantiles": np.quantile(diffs, [0.05, 0.25, 0.5, 0.75, 0.95]),
        "absP95": np.quantile(np.abs(diffs), 0.95),
        "mcnemar": {"pvalue": mc.pvalue, "onlyPrimary": table[0][1], "onlyShadow": table[1][0]},
    }


write_golden(
    "release",
    {
        "canary": [
            canary_case("good candidate at 25%", 1500, 500, 0.01, 0.01, 1.0, 0.9, 0.9, 300, 0.25, 0.01, 0.02),
            canary_case("erroring, slow candidate at 5%", 1900, 300, 0.01, 0.2, 1.8, 0.9, 0.7, 300, 0.05, 0.01, 0.02),
            canary_case("biased split at 50%", 1300, 700, 0.0, 0.0, 1.0, 0.9, 0.9, 150, 0.5, 0.01, 0.02),
        ],
        "shadow": [
            shadow_case("agreeing shadow", 600, 0.01, 400),
            shadow_case("disagreeing shadow", 400, 0.3, 300),
        ],
    },
)
