"""Golden fixtures for packages/core/src/anomaly (z-score, robust z-score, IQR fences, DBSCAN,
Local Outlier Factor, Isolation Forest), computed with numpy / scipy / scikit-learn.

One generator writes four fixtures, one per family, to keep each file small:
  anomaly-univariate.json  z / robust z / IQR statistics and flags on the samples() menagerie
  anomaly-dbscan.json      sklearn.cluster.DBSCAN labels and core samples
  anomaly-lof.json         sklearn.neighbors.LocalOutlierFactor scores (training and novelty)
  anomaly-iforest.json     sklearn.ensemble.IsolationForest score vectors (statistical reference)

Run: scripts/goldens/.venv/bin/python scripts/goldens/anomaly.py
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs, make_moons
from sklearn.ensemble import IsolationForest
from sklearn.ensemble._iforest import _average_path_length
from sklearn.neighbors import LocalOutlierFactor

from common import samples, write_golden

GENERATOR = "scripts/goldens/anomaly.py"


def rows(x: np.ndarray) -> list[list[float]]:
    return np.asarray(x, dtype=float).reshape(len(x), -1).tolist()


# --- univariate ------------------------------------------------------------------------------


def univariate_cases() -> list[dict]:
    rng = np.random.default_rng(20240611)
    menagerie = samples(rng)
    # The menagerie's 20,000-value sample would make the fixture too large; 5,000 is plenty.
    menagerie["large"] = menagerie["large"][:5000]
    with_nan = rng.normal(5, 2, 60)
    with_nan[[0, 7, 33, 59]] = np.nan
    menagerie["with_nan"] = with_nan
    menagerie["planted"] = np.concatenate([rng.normal(0, 1, 97), [8.0, -9.5, 6.0]])
    menagerie["mad_zero"] = np.array([1.0, 1, 1, 1, 1, 1, 2, 5, 1, 1, 1])
    menagerie["iqr_zero"] = np.array([3.0, 3, 3, 3, 3, 3, 3, 3, 0, 10])
    menagerie["single_nan"] = np.array([np.nan, 2.0, np.nan])
    menagerie["mostly_nan"] = np.array([np.nan, 1.0, np.nan, np.nan, 4.0, np.nan, 2.5, np.nan])
    menagerie["zeros"] = np.zeros(10)
    menagerie["all_but_one_equal"] = np.array([7.0] * 15 + [8.0])
    menagerie["one_far_outlier"] = np.concatenate([np.arange(1.0, 21.0), [1e6]])
    menagerie["bimodal"] = np.concatenate([rng.normal(-5, 1, 100), rng.normal(5, 1, 100)])
    menagerie["negative_skewed"] = -rng.lognormal(0, 1, 150)
    menagerie["poisson_counts"] = rng.poisson(3, 200).astype(float)
    menagerie["uniform_1000"] = rng.uniform(0, 1, 1000)
    menagerie["extreme_range"] = np.array([1e-300, 1.0, 1e300, -1e300, 0.0])

    cases = []
    for name, x in menagerie.items():
        x = np.asarray(x, dtype=float)
        case: dict = {"name": name, "x": x}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                for ddof in (0, 1):
                    z = stats.zscore(x, ddof=ddof, nan_policy="omit")
                    case[f"z_ddof{ddof}"] = {
                        "mean": np.nanmean(x),
                        "std": np.nanstd(x, ddof=ddof),
                        "z": z,
                        "outlier": np.abs(z) > 3,
                    }
                med = np.nanmedian(x)
                mad = np.nanmedian(np.abs(x - med))
                mz = 0.6745 * (x - med) / mad
                case["robust"] = {"median": med, "mad": mad, "z": mz, "outlier": np.abs(mz) > 3.5}
                q1, q3 = np.nanpercentile(x, [25, 75])
                iqr = q3 - q1
                lower, upper = q1 - 1.5 * iqr, q3 + 1.5 * iqr
                case["iqr"] = {
                    "q1": q1,
                    "q3": q3,
                    "lower": lower,
                    "upper": upper,
                    "score": -np.maximum(q1 - x, x - q3) / iqr,
                    "outlier": (x < lower) | (x > upper),
                }
        cases.append(case)

    # Fit on one sample, apply to another (scipy.stats.zmap is the reference for z).
    train = rng.normal(10, 3, 80)
    new = np.array([10.0, 19.5, 0.5, -1.0, 25.0, np.nan, 10.0 + 1e-9])
    z = stats.zmap(new, train, ddof=1)
    med = np.median(train)
    mad = np.median(np.abs(train - med))
    q1, q3 = np.percentile(train, [25, 75])
    cases.append(
        {
            "name": "apply_to_new",
            "x": train,
            "new": new,
            "new_z_ddof1": z,
            "new_robust_z": 0.6745 * (new - med) / mad,
            "new_iqr_score": -np.maximum(q1 - new, new - q3) / (q3 - q1),
        }
    )
    return cases


# --- DBSCAN ----------------------------------------------------------------------------------


def dbscan_case(name: str, x: np.ndarray, eps: float, min_samples: int) -> dict:
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(x)
    return {
        "name": name,
        "x": rows(x),
        "eps": eps,
        "min_samples": min_samples,
        "labels": model.labels_,
        "core": model.core_sample_indices_,
    }


def two_clusters_and_a_bridge(order: str) -> np.ndarray:
    """Two dense clusters and one point P at distance 0.95 from a core point of each: P is a border
    point reachable from both, so its label depends on which cluster is discovered first."""
    a = np.array([[0.05, 0.0], [0.0, 0.1], [-0.1, 0.0], [0.0, -0.1], [-0.05, 0.05], [0.0, 0.0]])
    b = a * np.array([-1.0, 1.0]) + np.array([2.0, 0.0])
    p = np.array([[1.0, 0.0]])
    parts = {"A": a, "B": b, "P": p}
    return np.vstack([parts[c] for c in order])


def dbscan_cases() -> list[dict]:
    rng = np.random.default_rng(7)
    blobs, _ = make_blobs(n_samples=300, centers=3, cluster_std=0.5, random_state=0)
    moons, _ = make_moons(n_samples=400, noise=0.06, random_state=1)
    uniform = rng.uniform(0, 10, (200, 2))
    grid = np.array([[i, j] for i in range(10) for j in range(10)], dtype=float)
    half_grid = grid * 0.5
    triangles = np.array([[0, 0], [3, 4], [6, 8], [0, 5], [5, 0], [4, 3], [8, 6], [3, 0], [0, 4]], float)
    dups = np.vstack([np.zeros((20, 2)), np.full((3, 2), 5.0), np.full((4, 2), 10.0)])
    blobs3, _ = make_blobs(n_samples=500, n_features=3, centers=4, cluster_std=0.6, random_state=2)
    blobs5, _ = make_blobs(n_samples=400, n_features=5, centers=3, cluster_std=0.7, random_state=3)
    big, _ = make_blobs(n_samples=3000, centers=5, cluster_std=0.6, random_state=4)
    noisy = np.vstack(
        [
            make_blobs(n_samples=900, centers=4, cluster_std=[0.3, 0.6, 0.9, 0.4], random_state=5)[0],
            rng.uniform(-12, 12, (100, 2)),
        ]
    )
    ints_1d = np.repeat(np.arange(0, 21, dtype=float), rng.integers(1, 4, 21))
    rng.shuffle(ints_1d)

    return [
        dbscan_case("blobs_eps0.5", blobs, 0.5, 5),
        dbscan_case("blobs_eps0.3", blobs, 0.3, 5),
        dbscan_case("blobs_eps0.8_ms10", blobs, 0.8, 10),
        dbscan_case("blobs_ms1", blobs, 0.5, 1),
        dbscan_case("blobs_ms2", blobs, 0.25, 2),
        dbscan_case("moons_eps0.15", moons, 0.15, 5),
        dbscan_case("moons_eps0.1_ms4", moons, 0.1, 4),
        dbscan_case("moons_eps0.3", moons, 0.3, 5),
        dbscan_case("uniform_all_noise", uniform, 0.2, 5),
        dbscan_case("uniform_eps0.8", uniform, 0.8, 5),
        dbscan_case("grid_ties_eps1_ms5", grid, 1.0, 5),
        dbscan_case("grid_ties_eps1_ms6", grid, 1.0, 6),
        dbscan_case("grid_ties_sqrt2_ms9", grid, float(np.sqrt(2.0)), 9),
        dbscan_case("grid_ties_eps2_ms13", grid, 2.0, 13),
        dbscan_case("half_grid_ties_eps0.5", half_grid, 0.5, 5),
        dbscan_case("triangles_eps5_ms3", triangles, 5.0, 3),
        dbscan_case("triangles_eps5_ms4", triangles, 5.0, 4),
        dbscan_case("duplicates", dups, 0.5, 4),
        dbscan_case("duplicates_in_blobs", np.vstack([blobs, blobs[:50], blobs[:10]]), 0.2, 6),
        dbscan_case("one_point_ms5", np.array([[1.0, 2.0]]), 0.5, 5),
        dbscan_case("one_point_ms1", np.array([[1.0, 2.0]]), 0.5, 1),
        dbscan_case("two_points_at_eps", np.array([[0.0, 0.0], [1.0, 0.0]]), 1.0, 2),
        dbscan_case("two_points_beyond_eps", np.array([[0.0, 0.0], [1.0000001, 0.0]]), 1.0, 2),
        dbscan_case("all_noise_spread", rng.uniform(-100, 100, (50, 2)), 0.01, 2),
        dbscan_case("min_samples_above_n", rng.normal(0, 1, (10, 2)), 5.0, 20),
        dbscan_case("blobs3d", blobs3, 0.6, 5),
        dbscan_case("blobs3d_ms10", blobs3, 0.9, 10),
        dbscan_case("blobs5d", blobs5, 1.5, 5),
        dbscan_case("one_dim", rng.normal(0, 1, 300), 0.05, 5),
        dbscan_case("one_dim_integer_ties", ints_1d, 1.0, 4),
        dbscan_case("bridge_A_B_P", two_clusters_and_a_bridge("ABP"), 0.95, 5),
        dbscan_case("bridge_B_A_P", two_clusters_and_a_bridge("BAP"), 0.95, 5),
        dbscan_case("bridge_P_B_A", two_clusters_and_a_bridge("PBA"), 0.95, 5),
        dbscan_case("bridge_A_P_B", two_clusters_and_a_bridge("APB"), 0.95, 5),
        dbscan_case("big_blobs", big, 0.3, 10),
        dbscan_case("blobs_with_noise", noisy, 0.5, 8),
        dbscan_case("huge_magnitude", blobs * 1e6 + 1e9, 0.5e6, 5),
        dbscan_case("tiny_magnitude", blobs * 1e-6, 0.5e-6, 5),
        dbscan_case("eps_covers_all", blobs, 100.0, 5),
    ]


# --- Local Outlier Factor --------------------------------------------------------------------


def lof_case(name: str, x: np.ndarray, k: int, contamination="auto", new: np.ndarray | None = None) -> dict:
    """LOF on x (and, with `new`, novelty scores of new rows), sklearn's default algorithm.

    No case has distinct rows tied at a k-th distance with different densities: which tied row
    sklearn keeps depends on its algorithm (its k-d tree and brute force disagree, e.g. on an
    integer grid with k = 6), so there is no single reference to match there."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LocalOutlierFactor(n_neighbors=k, contamination=contamination)
        labels = model.fit_predict(x)
        case = {
            "name": name,
            "x": rows(x),
            "n_neighbors": k,
            "contamination": contamination,
            "n_neighbors_": model.n_neighbors_,
            "negative_outlier_factor": model.negative_outlier_factor_,
            "offset": model.offset_,
            "labels": labels,
        }
        if new is not None:
            new = np.asarray(new, dtype=float).reshape(len(new), -1)
            nov = LocalOutlierFactor(n_neighbors=k, contamination=contamination, novelty=True).fit(x)
            case["new"] = rows(new)
            case["score_samples"] = nov.score_samples(new)
            case["decision_function"] = nov.decision_function(new)
            case["predict"] = nov.predict(new)
    return case


def lof_cases() -> list[dict]:
    rng = np.random.default_rng(11)
    g2 = rng.normal(0, 1, (200, 2))
    clusters = np.vstack(
        [rng.normal(0, 0.5, (150, 2)), rng.normal(4, 1.0, (150, 2)), rng.uniform(-6, 10, (15, 2))]
    )
    g5 = rng.normal(0, 1, (300, 5))
    g5_big = rng.normal(0, 1, (1000, 5))
    g3_big = rng.normal(0, 1, (2000, 3))
    one_d = rng.normal(0, 1, 100)
    one_d_500 = rng.standard_t(3, 500)
    with_dups = np.vstack([g2[:100], g2[:5], g2[10:12]])
    many_dups = np.vstack([np.full((30, 2), 0.5), rng.normal(0, 1, (70, 2))])
    twice = np.vstack([g2[:60], g2[:60]])
    heavy = rng.standard_t(3, (300, 2))
    scaled = np.column_stack([rng.normal(0, 1, 200), rng.normal(0, 1000, 200)])
    train = rng.normal(0, 1, (300, 2))
    new2 = np.vstack([rng.normal(0, 1, (40, 2)), rng.uniform(-8, 8, (10, 2)), train[:5]])
    train5 = rng.normal(0, 1, (200, 5))
    new5 = np.vstack([rng.normal(0, 1, (20, 5)), rng.normal(0, 4, (10, 5))])
    train1 = rng.normal(0, 1, 150)
    new1 = np.concatenate([rng.normal(0, 1, 20), [5.0, -7.0, 0.0]])
    int_ties = rng.integers(0, 12, 200).astype(float)

    return [
        lof_case("g2_k1", g2, 1),
        lof_case("g2_k2", g2, 2),
        lof_case("g2_k5", g2, 5),
        lof_case("g2_k10", g2, 10),
        lof_case("g2_k20", g2, 20),
        lof_case("g2_k50", g2, 50),
        lof_case("three_points", g2[:3], 20),
        lof_case("two_points", g2[:2], 20),
        lof_case("n25_brute", g2[:25], 20),
        lof_case("n41_brute", g2[:41], 20),
        lof_case("n42_tree", g2[:42], 20),
        lof_case("one_dim_k10", one_d, 10),
        lof_case("one_dim_t3_k20", one_d_500, 20),
        lof_case("g5_k20", g5, 20),
        lof_case("g5_big_k35", g5_big, 35),
        lof_case("g3_big_k20", g3_big, 20),
        lof_case("few_duplicates_k3", with_dups, 3),
        lof_case("many_duplicates_k20", many_dups, 20),
        lof_case("many_duplicates_k35", many_dups, 35),
        lof_case("all_twice_k5", twice, 5),
        lof_case("all_twice_k1", twice, 1),
        lof_case("constant", np.full((30, 2), 1.25), 5),
        lof_case("clusters_auto", clusters, 20),
        lof_case("clusters_c0.05", clusters, 20, 0.05),
        lof_case("clusters_c0.1", clusters, 20, 0.1),
        lof_case("g5_big_c0.01", g5_big, 20, 0.01),
        lof_case("heavy_k20", heavy, 20),
        lof_case("mixed_scales", scaled, 15),
        lof_case("huge_offset", g2 + 1e6, 10),
        lof_case("tiny_scale", g2 * 1e-8, 10),
        lof_case("novelty_2d", train, 20, new=new2),
        lof_case("novelty_5d", train5, 20, new=new5),
        lof_case("novelty_1d", train1, 10, new=new1),
        lof_case("novelty_c0.1", train, 20, 0.1, new=new2),
        lof_case("novelty_small_train", g2[:8], 20, new=new2[:10]),
        # Every value repeats more than k times, so all neighbours are duplicates: tie-free.
        lof_case("integer_duplicates_k7", int_ties, 7),
    ]


# --- Isolation Forest ------------------------------------------------------------------------


def iforest_datasets() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    n = 3000
    centers = np.array([[0.0, 0.0], [6.0, 6.0], [-5.0, 5.0]])
    blobs = rng.normal(0, 1, (n - 30, 2)) + centers[rng.integers(0, 3, n - 30)]
    blobs = np.vstack([blobs, rng.uniform(-12, 14, (30, 2))])
    heavy = rng.standard_t(2, (n, 2))
    dim10 = np.vstack([rng.normal(0, 1, (n - 30, 10)), rng.normal(0, 4, (30, 10))])
    base = np.vstack([rng.normal(0, 1, (n - 30, 3)), rng.normal(0, 5, (30, 3))])
    # Columns: 3 informative, a constant, a duplicate of column 1, a zero column.
    dup_const = np.column_stack([base, np.ones(n), base[:, 1], np.zeros(n)])
    # Rounded so the fixture stays small; both sides score the same rounded values.
    return {k: np.round(v, 6) for k, v in {
        "blobs_planted": blobs,
        "heavy_tailed": heavy,
        "dim10": dim10,
        "dup_const_columns": dup_const,
    }.items()}


def iforest_payload() -> dict:
    datasets = []
    for name, x in iforest_datasets().items():
        ref = IsolationForest(n_estimators=1000, random_state=0).fit(x)
        small = IsolationForest(random_state=0).fit(x)
        contaminated = IsolationForest(n_estimators=1000, contamination=0.05, random_state=0).fit(x)
        datasets.append(
            {
                "name": name,
                "x": rows(x),
                "score_samples_1000": ref.score_samples(x),
                "score_samples_100": small.score_samples(x),
                "offset_c0.05": contaminated.offset_,
            }
        )
    dim10 = iforest_datasets()["dim10"]
    variant = IsolationForest(n_estimators=1000, max_samples=64, max_features=0.5, random_state=0).fit(dim10)
    constant = np.full((50, 3), 2.5)
    return {
        "datasets": datasets,
        "variant": {
            "dataset": "dim10",
            "max_samples": 64,
            "max_features": 0.5,
            "score_samples_1000": variant.score_samples(dim10),
        },
        "constant": {
            "x": rows(constant),
            "score_samples": IsolationForest(random_state=0).fit(constant).score_samples(constant),
        },
        "average_path_length": {
            "n": [0, 1, 2, 3, 4, 5, 10, 100, 256, 1000, 100000],
            "c": _average_path_length(np.array([0, 1, 2, 3, 4, 5, 10, 100, 256, 1000, 100000])),
        },
    }


def main() -> None:
    write_golden("anomaly-univariate", {"generator": GENERATOR, "cases": univariate_cases()})
    write_golden("anomaly-dbscan", {"generator": GENERATOR, "cases": dbscan_cases()})
    write_golden("anomaly-lof", {"generator": GENERATOR, "cases": lof_cases()})
    write_golden("anomaly-iforest", {"generator": GENERATOR, **iforest_payload()})


if __name__ == "__main__":
    main()
