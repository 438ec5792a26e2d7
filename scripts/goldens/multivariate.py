"""Golden fixture for packages/core/src/stats/multivariate.

References: sklearn.decomposition.PCA(svd_solver='full') (StandardScaler first when scaled,
numpy.linalg.svd when not centred), statsmodels' variance_inflation_factor on
add_constant(X, has_constant='add') (Vigie's VIF includes an intercept), numpy.linalg.cond,
numpy.corrcoef(X, rowvar=False) and numpy.linalg.eigh.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler
from statsmodels.stats.outliers_influence import variance_inflation_factor
from statsmodels.tools.tools import add_constant

from common import write_golden

rng = np.random.default_rng(31337)


def correlated(n, p, strength=0.6):
    base = rng.normal(size=(n, 1))
    return strength * base + rng.normal(size=(n, p))


def matrices():
    m = {}
    m["tiny_2x2"] = np.array([[1.0, 2.0], [3.0, 5.0]])
    m["tiny_3x2"] = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])
    m["tiny_2x3"] = np.array([[1.0, 2.0, 0.5], [3.0, -1.0, 2.0]])
    m["tiny_3x3"] = np.array([[2.0, -1.0, 0.0], [1.0, 3.0, 1.0], [0.5, 0.0, 4.0]])
    m["doc_4x2"] = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0]])
    m["single_column"] = rng.normal(size=(30, 1))
    m["normal_50x3"] = rng.normal(size=(50, 3))
    m["normal_100x5"] = rng.normal(2.0, 3.0, size=(100, 5))
    m["correlated_200x4"] = correlated(200, 4)
    m["strong_corr_300x6"] = correlated(300, 6, 3.0)
    m["wide_5x8"] = rng.normal(size=(5, 8))
    m["wide_10x12"] = correlated(10, 12)
    m["square_8x8"] = rng.normal(size=(8, 8))
    m["integers_60x4"] = rng.integers(0, 5, size=(60, 4)).astype(float)
    m["lognormal_150x4"] = rng.lognormal(0, 1.2, size=(150, 4))
    m["cauchy_120x3"] = rng.standard_cauchy(size=(120, 3))
    m["huge_80x3"] = rng.normal(1e12, 1e10, size=(80, 3))
    m["tiny_mag_80x3"] = rng.normal(1e-12, 1e-13, size=(80, 3))
    m["mixed_scale_100x4"] = rng.normal(size=(100, 4)) * np.array([1e-6, 1.0, 1e3, 1e6])
    x = rng.normal(size=(100, 3))
    m["near_collinear_1e-3"] = np.column_stack([x, x[:, 0] + x[:, 1] + 1e-3 * rng.normal(size=100)])
    m["near_collinear_1e-6"] = np.column_stack([x, x[:, 0] - 2 * x[:, 2] + 1e-6 * rng.normal(size=100)])
    m["exact_collinear"] = np.column_stack([x, x[:, 0] + x[:, 1], rng.normal(size=100)])
    m["duplicate_column"] = np.column_stack([x, x[:, 1]])
    m["scaled_copy"] = np.column_stack([x, 2.5 * x[:, 2] + 7.0])
    m["constant_column"] = np.column_stack([x, np.full(100, 3.25)])
    m["constant_zero_column"] = np.column_stack([np.zeros(100), x])
    m["all_constant"] = np.full((10, 3), 1.5)
    m["two_rows"] = np.array([[1.0, 4.0, 2.0], [2.0, 3.0, 7.0]])
    m["dummies_90x3"] = np.eye(3)[rng.integers(0, 3, 90)] + 0.0
    m["large_1000x12"] = correlated(1000, 12, 0.8)
    return m


def svd_flip_rows(vt):
    idx = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(vt.shape[0]), idx])
    return vt * signs[:, None]


def comparable(s):
    """Per component: is the singular value separated enough from its neighbours (and from 0) for
    the direction to be determined to ~1e-9, so that components can be compared entry-wise?"""
    s0 = s[0] if s.size and s[0] > 0 else 1.0
    out = []
    for t in range(s.size):
        gaps = [abs(s[t] - s[u]) for u in (t - 1, t + 1) if 0 <= u < s.size]
        gap = min(gaps) if gaps else s0
        out.append(bool(s[t] > 1e-7 * s0 and gap > 1e-4 * s0))
    return out


def sign_ambiguous(vt):
    out = []
    for row in vt:
        a = np.sort(np.abs(row))[::-1]
        out.append(bool(a.size > 1 and a[0] - a[1] < 1e-9))
    return out


def pca_case(name, x, options):
    n, p = x.shape
    scale = options.get("scale", False)
    center = options.get("center", True)
    if not center:
        u, s, vt = np.linalg.svd(x, full_matrices=False)
        vt = svd_flip_rows(vt)
        ev = s**2 / (n - 1)
        ratio = ev / ev.sum()
        k = options.get("nComponents", min(n, p))
        return {
            "components": vt[:k], "explainedVariance": ev[:k], "explainedVarianceRatio": ratio[:k],
            "singularValues": s[:k], "mean": np.zeros(p), "noiseVariance": ev[k:].mean() if k < min(n, p) else 0.0,
            "comparable": comparable(s)[:k], "signAmbiguous": sign_ambiguous(vt[:k]),
        }
    data = StandardScaler().fit_transform(x) if scale else x
    model = PCA(n_components=options.get("nComponents"), svd_solver="full").fit(data)
    full = PCA(svd_solver="full").fit(data)
    k = model.n_components_
    return {
        "components": model.components_,
        "explainedVariance": model.explained_variance_,
        "explainedVarianceRatio": model.explained_variance_ratio_,
        "singularValues": model.singular_values_,
        "mean": x.mean(axis=0),
        "scale": (np.where(x.std(axis=0) == 0, 1.0, x.std(axis=0)) if scale else None),
        "noiseVariance": model.noise_variance_,
        "comparable": comparable(full.singular_values_)[:k],
        "signAmbiguous": sign_ambiguous(model.components_),
    }


def vif_case(x):
    exog = add_constant(x, has_constant="add")
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")
        return [variance_inflation_factor(exog, j + 1) for j in range(x.shape[1])]


def standardized(x):
    sd = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(sd == 0, 1.0, sd)


def main():
    mats = matrices()
    pca_cases = []
    for name, x in mats.items():
        if name == "all_constant":
            continue  # every direction is arbitrary and scikit-learn's ratio is 0/0
        pca_cases.append({"matrix": name, "options": {}, **pca_case(name, x, {})})
    for name in ["normal_100x5", "mixed_scale_100x4", "huge_80x3", "lognormal_150x4", "constant_column", "large_1000x12"]:
        pca_cases.append({"matrix": name, "options": {"scale": True}, **pca_case(name, mats[name], {"scale": True})})
    for name, k in [("normal_100x5", 2), ("large_1000x12", 3), ("wide_5x8", 4), ("correlated_200x4", 1)]:
        pca_cases.append({"matrix": name, "options": {"nComponents": k}, **pca_case(name, mats[name], {"nComponents": k})})
    for name, f in [("strong_corr_300x6", 0.8), ("large_1000x12", 0.5), ("normal_50x3", 0.99)]:
        pca_cases.append({"matrix": name, "options": {"nComponents": f}, **pca_case(name, mats[name], {"nComponents": f})})
    for name in ["tiny_3x2", "normal_50x3", "huge_80x3"]:
        pca_cases.append({"matrix": name, "options": {"center": False}, **pca_case(name, mats[name], {"center": False})})

    vif_cases = []
    for name, x in mats.items():
        if x.shape[0] < 2:
            continue
        vif_cases.append({"matrix": name, "expected": vif_case(x)})

    cond_cases = []
    for name, x in mats.items():
        with np.errstate(divide="ignore", invalid="ignore"):
            cond_cases.append({"matrix": name, "standardize": False, "expected": np.linalg.cond(x)})
            cond_cases.append({"matrix": name, "standardize": True, "expected": np.linalg.cond(standardized(x))})

    corr_cases = []
    for name, x in mats.items():
        if x.shape[0] < 2:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore")
            corr_cases.append({"matrix": name, "expected": np.atleast_2d(np.corrcoef(x, rowvar=False))})

    eig_inputs = {}
    for name, x in mats.items():
        if x.shape[0] >= 2:
            eig_inputs[f"cov_{name}"] = np.atleast_2d(np.cov(x, rowvar=False))
    a = rng.normal(size=(6, 6))
    eig_inputs["indefinite_6"] = a + a.T
    eig_inputs["diagonal_4"] = np.diag([3.0, -1.0, 2.0, 0.5])
    eig_inputs["identity_3"] = np.eye(3)
    eig_inputs["zero_3"] = np.zeros((3, 3))
    eig_inputs["one_1"] = np.array([[4.2]])
    eig_inputs["doc_2"] = np.array([[2.0, 1.0], [1.0, 2.0]])
    b = rng.normal(size=(25, 25))
    eig_inputs["random_25"] = b @ b.T
    eig_cases = []
    for name, s in eig_inputs.items():
        w, v = np.linalg.eigh(s)
        scale = max(np.max(np.abs(w)), 1e-300)
        sep = []
        for t in range(w.size):
            gaps = [abs(w[t] - w[u]) for u in (t - 1, t + 1) if 0 <= u < w.size]
            sep.append(bool(min(gaps, default=scale) > 1e-6 * scale))
        eig_cases.append({"name": name, "matrix": s, "eigenvalues": w, "eigenvectors": svd_flip_rows(v.T).T,
                          "separated": sep})

    write_golden("multivariate", {
        "matrices": {k: v for k, v in mats.items()},
        "pca": pca_cases,
        "vif": vif_cases,
        "conditionNumber": cond_cases,
        "correlationMatrix": corr_cases,
        "eigh": eig_cases,
    })


main()
