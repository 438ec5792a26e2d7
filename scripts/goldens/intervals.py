"""Golden fixture for stats/intervals: statsmodels proportion_confint (wilson, normal)."""

from statsmodels.stats.proportion import proportion_confint

from common import write_golden

cases = []
pairs = [(0, 1), (1, 1), (0, 10), (1, 10), (5, 10), (10, 10), (3, 100), (50, 100), (99, 100),
         (0, 1000), (1, 1000), (500, 1000), (999, 1000), (17, 344), (11, 344), (0, 344),
         (1, 2), (2, 3), (7, 30), (29, 30), (123456, 1000000), (1, 1000000), (999999, 1000000),
         (40, 41), (3, 7), (12, 13), (0, 5), (5, 5), (250, 2500), (1, 3)]
for count, nobs in pairs:
    for method in ("wilson", "normal"):
        for alpha in (0.05, 0.01, 0.1):
            lo, hi = proportion_confint(count, nobs, alpha=alpha, method=method)
            cases.append({"count": count, "nobs": nobs, "method": method, "alpha": alpha, "low": lo, "high": hi})

write_golden("intervals", {"cases": cases})
