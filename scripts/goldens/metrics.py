"""Golden fixtures for packages/core/src/metrics (scikit-learn and statsmodels references).

One generator, five fixtures (the inputs are large enough that one file would be unwieldy):

- metrics.json: label metrics — accuracy_score, balanced_accuracy_score, confusion_matrix,
  precision_recall_fscore_support, precision/recall/f1/fbeta_score, classification_report.
- metrics-ranking.json: roc_auc_score (binary, multiclass ovr/ovo), roc_curve,
  precision_recall_curve, average_precision_score.
- metrics-probabilistic.json: log_loss, brier_score_loss, calibration_curve, and the expected
  calibration error computed here from calibration_curve's bins (Vigie's definition).
- metrics-regression.json: mean_squared_error, root_mean_squared_error, mean_absolute_error,
  mean_absolute_percentage_error, median_absolute_error, r2_score.
- metrics-paired.json: statsmodels' mcnemar; DeLong's test by a plain O(m·n) Mann-Whitney
  reference implemented here, checked against the Sun & Xu (2014) fast algorithm (also here).

Every call is recorded with its value or, when the reference raises, its error message, so the
TypeScript tests check that Vigie refuses the same inputs. Run with scripts/goldens/.venv/bin/python.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy import stats
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from statsmodels.stats.contingency_tables import mcnemar

from common import write_golden

warnings.simplefilter("ignore")
rng = np.random.default_rng(20260501)


def call(fn, *args, **kwargs):
    """The reference's value, or {'error': message} when it raises."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return {"value": fn(*args, **kwargs)}
    except Exception as e:  # noqa: BLE001 - every refusal is recorded
        return {"error": f"{type(e).__name__}: {e}"}


def lst(x):
    return x.tolist() if isinstance(x, np.ndarray) else list(x)


# ---------------------------------------------------------------- label metrics

def noisy(y, classes, rate, r=rng):
    """A copy of y with a share `rate` of rows replaced by a random class."""
    y = np.array(y, dtype=object if isinstance(classes[0], str) else None)
    flip = r.random(len(y)) < rate
    y[flip] = r.choice(classes, size=int(flip.sum()))
    return y


def label_datasets():
    d = []

    def add(name, y_true, y_pred, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y_true)), "yPred": lst(np.asarray(y_pred)), **extra})

    add("one row right", [1], [1])
    add("one row wrong", [0], [1])
    add("two rows", [0, 1], [1, 1])
    add("three classes three rows", [0, 1, 2], [0, 2, 1])
    y = rng.integers(0, 2, 50)
    add("binary 50", y, noisy(y, [0, 1], 0.4))
    y = (rng.random(400) < 0.05).astype(int)
    add("binary imbalanced 5%", y, noisy(y, [0, 1], 0.1))
    y = rng.choice([-1, 1], 100)
    add("binary -1/1", y, noisy(y, [-1, 1], 0.3))
    y = rng.choice(["neg", "pos"], 80)
    add("binary strings", y, noisy(y, ["neg", "pos"], 0.3), posLabel="pos")
    y = rng.integers(0, 3, 200)
    add("multiclass 3", y, noisy(y, [0, 1, 2], 0.5))
    y = rng.choice(5, 1000, p=[0.6, 0.2, 0.1, 0.07, 0.03])
    add("multiclass 5 imbalanced", y, noisy(y, [0, 1, 2, 3, 4], 0.3))
    y = rng.choice(["cat", "dog", "pig"], 150)
    add("multiclass strings", y, noisy(y, ["cat", "dog", "pig"], 0.4))
    y = rng.integers(0, 4, 120)
    p = noisy(y, [0, 1, 2], 0.3)
    p[p == 3] = 0
    add("class never predicted", y, p)
    y = rng.integers(0, 3, 90)
    add("class only predicted", y, noisy(y, [0, 1, 2, 3], 0.3))
    y = rng.integers(0, 2, 60)
    add("perfect binary", y, y)
    add("worst binary", y, 1 - y)
    y = rng.integers(0, 4, 80)
    add("perfect multiclass", y, y)
    add("all wrong multiclass", y, (y + 1) % 4)
    add("single class in both", [1] * 12, [1] * 12)
    add("single class in yTrue", [0] * 10, rng.integers(0, 2, 10))
    add("positive label absent", [0] * 8, [0] * 8)
    y = rng.integers(0, 2, 120)
    add("float weights", y, noisy(y, [0, 1], 0.3), sampleWeight=lst(rng.uniform(0, 3, 120)))
    y = rng.integers(0, 3, 150)
    add("integer weights with zeros", y, noisy(y, [0, 1, 2], 0.4), sampleWeight=lst(rng.integers(0, 5, 150).astype(float)))
    y = rng.choice(["a", "b", "c", "d"], 200)
    add("string weights", y, noisy(y, ["a", "b", "c", "d"], 0.5), sampleWeight=lst(rng.exponential(1, 200)))
    add("zero weights", [0, 1, 1, 0], [0, 1, 0, 0], sampleWeight=[0.0, 0.0, 0.0, 0.0])
    y = rng.integers(0, 4, 20000)
    add("large 20000", y, noisy(y, [0, 1, 2, 3], 0.35))
    y = rng.choice([3, 7, 100], 140)
    add("non-contiguous integers", y, noisy(y, [3, 7, 100], 0.3))
    y = rng.choice([-5, -1, 2], 110)
    add("negative integers", y, noisy(y, [-5, -1, 2], 0.3))
    y = rng.choice([0, 7, 100000], 90)
    add("wide integer range", y, noisy(y, [0, 7, 100000], 0.3))
    y = rng.integers(0, 3, 100)
    add("labels subset", y, noisy(y, [0, 1, 2], 0.4), labels=[2, 0])
    y = rng.integers(0, 2, 70)
    add("labels superset", y, noisy(y, [0, 1], 0.3), labels=[0, 1, 5])
    y = rng.choice(["cat", "dog", "pig"], 100)
    add("string labels reordered", y, noisy(y, ["cat", "dog", "pig"], 0.4), labels=["pig", "cat"])
    y = rng.integers(0, 30, 600)
    add("30 classes", y, noisy(y, list(range(30)), 0.5))
    y = rng.choice([2, 5], 60)
    add("binary 2/5", y, noisy(y, [2, 5], 0.3), posLabel=5)
    y = rng.integers(0, 2, 40)
    add("labels absent from the data", y, noisy(y, [0, 1], 0.3), labels=[8, 9])
    return d


def label_results(c):
    yt = np.array(c["yTrue"], dtype=object) if isinstance(c["yTrue"][0], str) else np.array(c["yTrue"])
    yp = np.array(c["yPred"], dtype=object) if isinstance(c["yPred"][0], str) else np.array(c["yPred"])
    sw = np.array(c["sampleWeight"]) if "sampleWeight" in c else None
    labels = c.get("labels")
    pos = c.get("posLabel", 1)
    out = {}
    out["accuracy"] = [
        {"normalize": nz, **call(skm.accuracy_score, yt, yp, normalize=nz, sample_weight=sw)} for nz in (True, False)
    ]
    out["balancedAccuracy"] = [
        {"adjusted": adj, **call(skm.balanced_accuracy_score, yt, yp, adjusted=adj, sample_weight=sw)}
        for adj in (False, True)
    ]
    cms = []
    for use_labels in ([False, True] if labels is not None else [False]):
        for normalize in (None, "true", "pred", "all"):
            r = call(skm.confusion_matrix, yt, yp, labels=labels if use_labels else None, sample_weight=sw,
                     normalize=normalize)
            if "value" in r:
                r = {"matrix": r["value"]}
            cms.append({"useLabels": use_labels, "normalize": normalize, **r})
    out["confusionMatrix"] = cms
    prfs = []
    combos = [(avg, zd, 1.0) for avg in ("binary", "micro", "macro", "weighted", None) for zd in ("warn", 0, 1, math.nan)]
    combos += [(avg, "warn", beta) for avg in ("binary", "macro", None) for beta in (0.5, 2.0, 0.0, math.inf)]
    for avg, zd, beta in combos:
        for use_labels in ([False, True] if labels is not None and avg != "binary" else [False]):
            r = call(skm.precision_recall_fscore_support, yt, yp, beta=beta, average=avg, zero_division=zd,
                     labels=labels if use_labels else None, pos_label=pos, sample_weight=sw)
            if "value" in r:
                p, rc, f, s = r["value"]
                r = {"precision": p, "recall": rc, "fscore": f, "support": s}
            prfs.append({"average": avg, "zeroDivision": zd, "beta": beta, "useLabels": use_labels, **r})
    out["prfs"] = prfs
    scores = []
    for avg in ("binary", "micro", "macro", "weighted", None):
        kw = {"average": avg, "pos_label": pos, "sample_weight": sw}
        scores.append({"fn": "precisionScore", "average": avg, **call(skm.precision_score, yt, yp, **kw)})
        scores.append({"fn": "recallScore", "average": avg, **call(skm.recall_score, yt, yp, **kw)})
        scores.append({"fn": "f1Score", "average": avg, **call(skm.f1_score, yt, yp, **kw)})
        scores.append({"fn": "fbetaScore", "average": avg, "beta": 0.5,
                       **call(skm.fbeta_score, yt, yp, beta=0.5, **kw)})
    out["scores"] = scores
    rep = call(skm.classification_report, yt, yp, sample_weight=sw, output_dict=True, zero_division=0)
    if "value" in rep:
        v = rep["value"]
        per = {k: v[k] for k in v if k not in ("accuracy", "macro avg", "weighted avg", "micro avg")}
        rep = {"perClass": [{"label": k, **per[k]} for k in per], "macroF1": v["macro avg"]["f1-score"],
               "weightedF1": v["weighted avg"]["f1-score"]}
    out["report"] = rep
    return out


# ---------------------------------------------------------------- ranking

def ranking_datasets():
    d = []

    def add(name, y, s, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y)), "yScore": lst(np.asarray(s, dtype=float)), **extra})

    def scored(n, shift=1.0, prevalence=0.5, r=rng):
        y = (r.random(n) < prevalence).astype(int)
        return y, r.normal(0, 1, n) + shift * y

    add("two rows", [0, 1], [0.2, 0.8])
    add("two rows inverted", [0, 1], [0.8, 0.2])
    add("three rows all tied", [0, 1, 1], [0.5, 0.5, 0.5])
    add("scikit-learn example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    add("two positives one negative", [1, 0, 1], [0.9, 0.3, 0.2])
    for n in (7, 13, 31, 64, 100, 250):
        y, s = scored(n, 0.8)
        add(f"normal n={n}", y, s)
    y, s = scored(300, 0.7)
    add("ties at one decimal", y, np.round(s, 1))
    y = rng.integers(0, 2, 200)
    add("integer scores", y, rng.integers(0, 6, 200) + y)
    y = rng.integers(0, 2, 40)
    add("perfect separation", y, y + rng.random(40) * 0.5)
    add("perfectly inverted", y, -y + rng.random(40) * 0.5)
    add("constant score", y, np.full(40, 0.3))
    y, s = scored(2000, 1.5, 0.02)
    add("imbalanced 2%", y, s)
    y = rng.choice(["bad", "good"], 90)
    add("string labels", y, rng.normal(0, 1, 90) + (y == "good"), posLabel="good")
    y = rng.choice([-1, 1], 80)
    add("-1/1 labels", y, rng.normal(0, 1, 80) + (y == 1))
    y, s = scored(150, 0.5)
    add("float weights", y, s, sampleWeight=lst(rng.uniform(0.1, 2, 150)))
    y, s = scored(120, 0.5)
    add("integer weights with zeros and ties", y, np.round(s), sampleWeight=lst(rng.integers(0, 4, 120).astype(float)))
    y, s = scored(20000, 0.6)
    add("large 20000", y, s)
    y, s = scored(60, 1.0)
    add("huge magnitudes", y, 1e12 + 1e3 * s)
    add("tiny magnitudes", y, 1e-12 * s)
    add("signed zeros", [0, 1, 0, 1], [-0.0, 0.0, 0.0, -0.0])
    y, s = scored(500, 0.2)
    add("weak signal", y, s)
    y, s = scored(90, 2.5)
    add("strong signal", y, np.round(s * 4) / 4)
    y = rng.choice([3, 9], 70)
    add("labels 3/9", y, rng.normal(0, 1, 70) + (y == 9), posLabel=9)
    add("one class", [1, 1, 1], [0.2, 0.4, 0.9])
    y, s = scored(1000, 0.9)
    add("sigmoid probabilities n=1000", y, 1 / (1 + np.exp(-s)))
    y, s = scored(200, 1.0)
    add("negative scores", y, s - 10)
    y = rng.integers(0, 2, 150)
    add("two distinct scores", y, np.where(rng.random(150) < 0.3 + 0.4 * y, 1.0, 0.0))
    y = rng.choice(["no", "yes"], 110)
    add("string labels with weights", y, rng.normal(0, 1, 110) + (y == "yes"), posLabel="yes",
        sampleWeight=lst(rng.uniform(0.2, 1.5, 110)))
    y, s = scored(45, 0.4, 0.8)
    add("mostly positives", y, s)
    return d


CURVE_POINTS = 1000


def curve(**arrays):
    """A curve's arrays; long ones are thinned to every k-th point (and the last) with k recorded."""
    length = len(next(iter(arrays.values())))
    if length <= CURVE_POINTS:
        return {"length": length, "stride": 1, **arrays}
    k = -(-length // CURVE_POINTS)
    idx = np.r_[np.arange(0, length, k), length - 1]
    return {"length": length, "stride": k, **{name: np.asarray(a)[idx] for name, a in arrays.items()}}


def ranking_results(c):
    y = np.array(c["yTrue"], dtype=object) if isinstance(c["yTrue"][0], str) else np.array(c["yTrue"])
    s = np.array(c["yScore"])
    sw = np.array(c["sampleWeight"]) if "sampleWeight" in c else None
    pos = c.get("posLabel")
    out = {"rocAuc": call(skm.roc_auc_score, y, s, sample_weight=sw)}
    for drop in (True, False):
        r = call(skm.roc_curve, y, s, pos_label=pos, sample_weight=sw, drop_intermediate=drop)
        if "value" in r:
            fpr, tpr, th = r["value"]
            r = curve(fpr=fpr, tpr=tpr, thresholds=th)
        out[f"rocCurve{'Drop' if drop else 'All'}"] = r
        r = call(skm.precision_recall_curve, y, s, pos_label=pos, sample_weight=sw, drop_intermediate=drop)
        if "value" in r:
            p, rc, th = r["value"]
            r = curve(precision=p[:-1], recall=rc[:-1], thresholds=th)
        out[f"prCurve{'Drop' if drop else 'All'}"] = r
    out["averagePrecision"] = call(skm.average_precision_score, y, s, pos_label=pos if pos is not None else 1,
                                   sample_weight=sw)
    return out


def multiclass_datasets():
    d = []

    def add(name, y, p, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y)), "yScore": np.asarray(p, dtype=float).tolist(), **extra})

    def probs(n, k, strength=1.5, classes=None, r=rng):
        y = r.integers(0, k, n)
        logits = r.normal(0, 1, (n, k))
        logits[np.arange(n), y] += strength
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return (y if classes is None else np.array(classes)[y]), p

    for n, k in ((30, 3), (100, 3), (200, 4), (500, 5), (1000, 3), (60, 6)):
        y, p = probs(n, k)
        add(f"multiclass n={n} k={k}", y, p)
    y, p = probs(150, 3, classes=["a", "b", "c"])
    add("string classes", y, p)
    y, p = probs(120, 4)
    add("tied probabilities", y, np.round(p * 4) / 4 / (np.round(p * 4) / 4).sum(axis=1, keepdims=True))
    y, p = probs(200, 3)
    add("with weights", y, p, sampleWeight=lst(rng.uniform(0.5, 2, 200)))
    y, p = probs(80, 3, strength=0.0)
    add("no signal", y, p)
    y, p = probs(80, 3, strength=6.0)
    add("near perfect", y, p)
    y, p = probs(90, 4)
    y = np.where(y == 3, 0, y)
    add("labels with a class absent from yTrue", y, p, labels=[0, 1, 2, 3])
    y, p = probs(90, 3, classes=[2, 5, 9])
    add("labels given", y, p, labels=[2, 5, 9])
    add("unsorted labels", y, p, labels=[5, 2, 9])
    y, p = probs(5000, 4)
    add("large 5000", y, p)
    add("rows not summing to 1", [0, 1, 2, 1], [[0.5, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3]])
    return d


def multiclass_results(c):
    y = np.array(c["yTrue"], dtype=object) if isinstance(c["yTrue"][0], str) else np.array(c["yTrue"])
    p = np.array(c["yScore"])
    sw = np.array(c["sampleWeight"]) if "sampleWeight" in c else None
    labels = c.get("labels")
    res = []
    for mc, avgs in (("ovr", ("macro", "weighted", "micro", None)), ("ovo", ("macro", "weighted"))):
        for avg in avgs:
            r = call(skm.roc_auc_score, y, p, multi_class=mc, average=avg, labels=labels,
                     sample_weight=sw if mc == "ovr" else None)
            res.append({"multiClass": mc, "average": avg, "weighted": mc == "ovr" and sw is not None, **r})
    ap = []
    if labels is None:
        for avg in ("macro", "weighted", "micro", None):
            ap.append({"average": avg, **call(skm.average_precision_score, y, p, average=avg, sample_weight=sw)})
    return {"rocAuc": res, "averagePrecision": ap}


# ---------------------------------------------------------------- probabilistic

def probability_datasets():
    d = []

    def add(name, y, p, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y)), "yProb": np.asarray(p, dtype=float).tolist(), **extra})

    def binary(n, prevalence=0.5, sharp=2.0, r=rng):
        y = (r.random(n) < prevalence).astype(int)
        z = r.normal(0, 1, n) + sharp * (y - 0.5)
        return y, 1 / (1 + np.exp(-z))

    add("two rows", [0, 1], [0.3, 0.6])
    add("scikit-learn brier example", [0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])
    add("exact zeros and ones", [0, 1, 1, 0, 1], [0.0, 1.0, 0.0, 1.0, 0.5])
    add("confidently right", [0, 1, 1, 0], [0.0, 1.0, 1.0, 0.0])
    for n in (10, 25, 60, 150, 400):
        y, p = binary(n)
        add(f"binary n={n}", y, p)
    y, p = binary(1000, 0.03)
    add("imbalanced 3%", y, p)
    y, p = binary(300)
    add("rounded probabilities (ties)", y, np.round(p, 1))
    y, p = binary(120)
    add("float weights", y, p, sampleWeight=lst(rng.uniform(0, 2, 120)))
    y, p = binary(100)
    add("string labels", np.where(y == 1, "spam", "ham"), p, posLabel="spam")
    y, p = binary(100)
    add("-1/1 labels", np.where(y == 1, 1, -1), p)
    y, p = binary(80)
    add("labels 2/5", np.where(y == 1, 5, 2), p)
    y, p = binary(20000)
    add("large 20000", y, p)
    add("single class", [1, 1, 1, 1], [0.9, 0.8, 0.7, 0.95])
    add("single class with labels", [1, 1, 1, 1], [0.9, 0.8, 0.7, 0.95], labels=[0, 1])
    add("probability above 1", [0, 1], [0.2, 1.2])
    y, p = binary(200, sharp=0.0)
    add("uninformative", y, p)
    y, p = binary(200, sharp=6.0)
    add("sharp", y, p)
    add("three labels with 1-D probabilities", [0, 1, 2], [0.2, 0.5, 0.9])
    edges = np.tile([0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0], 12)
    add("probabilities on bin edges", (rng.random(edges.size) < edges).astype(int), edges)
    add("one probability for every row", rng.integers(0, 2, 40), np.full(40, 0.3))
    add("two probabilities only", rng.integers(0, 2, 90), rng.choice([0.1, 0.9], 90))
    yy = rng.integers(0, 2, 300)
    add("beta(0.5, 0.5) probabilities", yy, rng.beta(0.5, 0.5, 300))
    add("probabilities near 0", rng.integers(0, 2, 100), 10 ** rng.uniform(-6, -3, 100))
    add("probabilities near 1", rng.integers(0, 2, 100), 1 - 10 ** rng.uniform(-6, -3, 100))
    for n in (7, 33, 77, 512, 2000):
        y, p = binary(n)
        add(f"binary n={n} (second draw)", y, p)
    y, p = binary(400)
    add("overconfident", y, np.clip((p - 0.5) * 3 + 0.5, 0, 1))
    add("underconfident", y, (p - 0.5) * 0.3 + 0.5)
    # multiclass
    for n, k in ((20, 3), (100, 3), (250, 4), (500, 5)):
        yy = rng.integers(0, k, n)
        logits = rng.normal(0, 1, (n, k))
        logits[np.arange(n), yy] += 1.5
        pp = np.exp(logits)
        pp /= pp.sum(axis=1, keepdims=True)
        add(f"multiclass n={n} k={k}", yy, pp)
    add("multiclass strings", ["eggs", "ham", "spam"], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]],
        labels=["eggs", "ham", "spam"])
    add("multiclass class absent from yTrue", [0, 1, 1, 0], [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0.2, 0.6, 0.2],
                                                             [0.7, 0.2, 0.1]], labels=[0, 1, 2])
    add("multiclass rows far from 1", [0, 1, 2], [[0.5, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
    add("two columns", [0, 1, 1], [[0.7, 0.3], [0.4, 0.6], [0.1, 0.9]])
    yy = rng.integers(0, 3, 150)
    pp = rng.dirichlet([1, 1, 1], 150)
    add("multiclass weights", yy, pp, sampleWeight=lst(rng.uniform(0, 3, 150)))
    return d


def probability_results(c):
    y = np.array(c["yTrue"], dtype=object) if isinstance(c["yTrue"][0], str) else np.array(c["yTrue"])
    p = np.array(c["yProb"])
    sw = np.array(c["sampleWeight"]) if "sampleWeight" in c else None
    labels = c.get("labels")
    pos = c.get("posLabel")
    out = {"logLoss": [], "brier": []}
    for normalize in (True, False):
        out["logLoss"].append({"normalize": normalize, **call(skm.log_loss, y, p, normalize=normalize,
                                                               sample_weight=sw, labels=labels)})
    out["brier"].append({"posLabel": pos, **call(skm.brier_score_loss, y, p, sample_weight=sw, pos_label=pos,
                                                 labels=labels if p.ndim == 2 else None)})
    if p.ndim == 2:
        out["brier"].append({"scaleByHalf": True, **call(skm.brier_score_loss, y, p, sample_weight=sw,
                                                          labels=labels, scale_by_half=True)})
        return out
    if pos is None and set(np.unique(y).tolist()) == {0, 1}:
        out["brier"].append({"posLabel": 0, **call(skm.brier_score_loss, y, 1 - p, sample_weight=sw, pos_label=0)})
    cal = []
    for n_bins in (1, 3, 5, 10, 20):
        for strategy in ("uniform", "quantile"):
            r = call(calibration_curve, y, p, n_bins=n_bins, strategy=strategy, pos_label=pos)
            if "value" in r:
                prob_true, prob_pred = r["value"]
                r = {"probTrue": prob_true, "probPred": prob_pred, "binCounts": bin_counts(p, n_bins, strategy),
                     "ece": ece(y, p, n_bins, strategy, pos)}
            cal.append({"nBins": n_bins, "strategy": strategy, **r})
    out["calibration"] = cal
    return out


def bins_of(p, n_bins, strategy):
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    return np.searchsorted(edges[1:-1], p)


def bin_counts(p, n_bins, strategy):
    total = np.bincount(bins_of(p, n_bins, strategy), minlength=n_bins)
    return total[total != 0]


def ece(y, p, n_bins, strategy, pos):
    """Vigie's ECE: Σ_b (n_b / n)·|prob_true_b − prob_pred_b| over calibration_curve's non-empty bins."""
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy, pos_label=pos)
    counts = bin_counts(p, n_bins, strategy)
    return float(np.sum(counts / p.size * np.abs(prob_true - prob_pred)))


# ---------------------------------------------------------------- regression

def regression_datasets():
    d = []

    def add(name, y, p, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y, dtype=float)), "yPred": lst(np.asarray(p, dtype=float)),
                  **extra})

    add("one row", [2.0], [3.0])
    add("two rows", [1.0, 2.0], [1.5, 1.5])
    add("scikit-learn example", [3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    add("perfect", [1, 2, 3, 4], [1, 2, 3, 4])
    add("constant target, perfect", [5, 5, 5], [5, 5, 5])
    add("constant target, wrong", [5, 5, 5], [4, 5, 6])
    add("zeros in the target", [0, 1, 0, 2], [0.5, 1, 0, 1])
    for n in (5, 6, 17, 50, 200, 1001):
        y = rng.normal(10, 3, n)
        add(f"normal n={n}", y, y + rng.normal(0, 1, n))
    y = rng.lognormal(0, 1.5, 300)
    add("lognormal", y, y * rng.lognormal(0, 0.3, 300))
    y = rng.standard_t(2, 200)
    add("heavy tails", y, y + rng.standard_t(2, 200))
    y = rng.normal(1e9, 1e6, 100)
    add("huge magnitudes", y, y + rng.normal(0, 1e5, 100))
    y = rng.normal(1e-9, 1e-10, 100)
    add("tiny magnitudes", y, y + rng.normal(0, 1e-11, 100))
    y = rng.integers(-50, 50, 80).astype(float)
    add("integers", y, y + rng.integers(-3, 4, 80))
    y = rng.normal(0, 1, 120)
    add("float weights", y, y + rng.normal(0, 0.5, 120), sampleWeight=lst(rng.uniform(0, 3, 120)))
    y = rng.normal(0, 1, 101)
    add("integer weights with zeros", y, y + rng.normal(0, 0.5, 101),
        sampleWeight=lst(rng.integers(0, 4, 101).astype(float)))
    add("weights tie the median", [1, 2, 3, 4], [0, 0, 0, 0], sampleWeight=[1.0, 1.0, 1.0, 1.0])
    add("weights on one row", [1, 2, 3, 4], [0, 0, 0, 0], sampleWeight=[0.0, 0.0, 5.0, 0.0])
    add("trailing zero weights", [1, 2, 3, 4], [0, 0, 0, 0], sampleWeight=[1.0, 1.0, 0.0, 0.0])
    add("all weights zero", [1, 2], [0, 0], sampleWeight=[0.0, 0.0])
    y = rng.normal(0, 1, 20000)
    add("large 20000", y, y + rng.normal(0, 0.7, 20000))
    y = rng.normal(3, 1, 40)
    add("biased predictions", y, y + 2)
    add("negative predictions", [1, 2, 3], [-1, -2, -3])
    add("nan in predictions", [1, 2, 3], [1, float("nan"), 3])
    add("infinite target", [1, float("inf")], [1, 2])
    y = rng.uniform(-1, 1, 64)
    add("uniform", y, rng.uniform(-1, 1, 64))
    return d


def regression_results(c):
    y = np.array(c["yTrue"])
    p = np.array(c["yPred"])
    sw = np.array(c["sampleWeight"]) if "sampleWeight" in c else None
    return {
        "meanSquaredError": call(skm.mean_squared_error, y, p, sample_weight=sw),
        "rootMeanSquaredError": call(skm.root_mean_squared_error, y, p, sample_weight=sw),
        "meanAbsoluteError": call(skm.mean_absolute_error, y, p, sample_weight=sw),
        "meanAbsolutePercentageError": call(skm.mean_absolute_percentage_error, y, p, sample_weight=sw),
        "medianAbsoluteError": call(skm.median_absolute_error, y, p, sample_weight=sw),
        "r2Score": call(skm.r2_score, y, p, sample_weight=sw),
        "r2ScoreNotFinite": call(skm.r2_score, y, p, sample_weight=sw, force_finite=False),
    }


# ---------------------------------------------------------------- paired comparisons

def mcnemar_datasets():
    d = []

    def add(name, y, a, b):
        d.append({"name": name, "yTrue": lst(np.asarray(y)), "predA": lst(np.asarray(a)), "predB": lst(np.asarray(b))})

    add("docstring example", [1, 1, 0, 0, 1], [1, 1, 0, 1, 0], [1, 0, 1, 0, 0])
    add("identical predictions", [0, 1, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0])
    add("only A right", [0, 1, 1, 0], [0, 1, 1, 0], [1, 0, 0, 1])
    add("b equals c", [0, 1, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0])
    for n, ra, rb in ((20, 0.2, 0.3), (50, 0.1, 0.25), (100, 0.2, 0.2), (200, 0.15, 0.2), (500, 0.1, 0.12),
                      (1000, 0.2, 0.25), (2000, 0.3, 0.28), (20000, 0.1, 0.105), (35, 0.3, 0.1), (80, 0.05, 0.4)):
        y = rng.integers(0, 2, n)
        add(f"binary n={n} error {ra}/{rb}", y, noisy(y, [0, 1], 2 * ra), noisy(y, [0, 1], 2 * rb))
    for n in (60, 300, 3000):
        y = rng.integers(0, 4, n)
        a = noisy(y, [0, 1, 2, 3], 0.3)
        b = a.copy()
        change = rng.random(n) < 0.2
        b[change] = noisy(y[change], [0, 1, 2, 3], 0.5)
        add(f"correlated multiclass n={n}", y, a, b)
    y = rng.choice(["cat", "dog"], 150)
    add("string labels", y, noisy(y, ["cat", "dog"], 0.3), noisy(y, ["cat", "dog"], 0.5))
    for k in range(15):
        n = int(rng.integers(10, 400))
        y = rng.integers(0, 3, n)
        add(f"random {k} n={n}", y, noisy(y, [0, 1, 2], rng.uniform(0, 0.6)), noisy(y, [0, 1, 2], rng.uniform(0, 0.6)))
    return d


def mcnemar_results(c):
    y, a, b = (np.array(c[k], dtype=object) for k in ("yTrue", "predA", "predB"))
    ra = a == y
    rb = b == y
    table = np.array([[np.sum(ra & rb), np.sum(ra & ~rb)], [np.sum(~ra & rb), np.sum(~ra & ~rb)]])
    res = []
    for exact, correction in ((True, True), (False, True), (False, False)):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            r = mcnemar(table, exact=exact, correction=correction)
        res.append({"exact": exact, "correction": correction, "statistic": float(r.statistic),
                    "pvalue": float(r.pvalue)})
    return {"table": table, "results": res}


def delong_reference(y_pos, a, b, level=0.95):
    """DeLong et al. (1988) directly: ψ(X, Y) = 1, ½, 0 over all positive × negative pairs."""
    comps = []
    for s in (a, b):
        x = s[y_pos]
        yy = s[~y_pos]
        psi = (x[:, None] > yy[None, :]) + 0.5 * (x[:, None] == yy[None, :])
        comps.append((psi.mean(), psi.mean(axis=1), psi.mean(axis=0)))
    return delong_assemble(comps, int(y_pos.sum()), int((~y_pos).sum()), level)


def delong_fast(y_pos, a, b, level=0.95):
    """Sun & Xu (2014): midranks instead of the pair matrix."""
    comps = []
    m = int(y_pos.sum())
    n = int((~y_pos).sum())
    for s in (a, b):
        x = s[y_pos]
        yy = s[~y_pos]
        tx = stats.rankdata(x)
        ty = stats.rankdata(yy)
        tz = stats.rankdata(np.concatenate([x, yy]))
        auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
        comps.append((auc, (tz[:m] - tx) / n, 1 - (tz[m:] - ty) / m))
    return delong_assemble(comps, m, n, level)


def delong_assemble(comps, m, n, level):
    (auc_a, v10a, v01a), (auc_b, v10b, v01b) = comps
    s10 = np.cov(np.vstack([v10a, v10b]))
    s01 = np.cov(np.vstack([v01a, v01b]))
    s = s10 / m + s01 / n
    var = max(0.0, s[0, 0] + s[1, 1] - 2 * s[0, 1])
    se = math.sqrt(var)
    diff = auc_a - auc_b
    z = diff / se if se > 0 else (0.0 if diff == 0 else math.copysign(math.inf, diff))
    p = min(1.0, 2 * stats.norm.sf(abs(z)))
    half = stats.norm.isf((1 - level) / 2) * se
    return {"aucA": auc_a, "aucB": auc_b, "difference": diff, "se": se, "z": z, "pvalue": p,
            "ci": [diff - half, diff + half]}


def delong_datasets():
    d = []

    def add(name, y, a, b, **extra):
        d.append({"name": name, "yTrue": lst(np.asarray(y)), "scoreA": lst(np.asarray(a, dtype=float)),
                  "scoreB": lst(np.asarray(b, dtype=float)), **extra})

    for n, sa, sb, rho in ((10, 1.0, 0.5, 0.5), (20, 1.0, 1.0, 0.8), (50, 1.5, 1.0, 0.6), (100, 1.0, 0.8, 0.7),
                           (200, 0.8, 0.8, 0.3), (400, 1.2, 1.0, 0.9), (800, 0.5, 0.6, 0.5), (1500, 1.0, 0.9, 0.8),
                           (30, 2.0, 0.0, 0.0), (60, 0.3, 0.2, 0.95)):
        y = rng.integers(0, 2, n)
        while y.min() == y.max() or min(y.sum(), n - y.sum()) < 2:
            y = rng.integers(0, 2, n)
        z = rng.normal(0, 1, n)
        a = sa * y + z
        b = sb * y + rho * z + math.sqrt(max(0, 1 - rho * rho)) * rng.normal(0, 1, n)
        add(f"n={n} shifts {sa}/{sb} rho {rho}", y, a, b)
    for n in (40, 150, 600):
        y = rng.integers(0, 2, n)
        a = np.round(rng.normal(0, 1, n) + y, 0)
        b = np.round(rng.normal(0, 1, n) + 0.7 * y, 1)
        add(f"heavy ties n={n}", y, a, b)
    y = rng.integers(0, 2, 80)
    a = rng.normal(0, 1, 80) + y
    add("identical scores", y, a, a)
    add("one score a monotone transform of the other", y, a, np.exp(a))
    y = np.array([0] * 30 + [1] * 30)
    add("both perfect", y, np.arange(60.0), np.arange(60.0) * 2)
    add("A perfect", y, np.arange(60.0), rng.normal(0, 1, 60) + y)
    y = rng.choice(["neg", "pos"], 120)
    add("string labels", y, rng.normal(0, 1, 120) + (y == "pos"), rng.normal(0, 1, 120) + 0.5 * (y == "pos"))
    y = (rng.random(1000) < 0.05).astype(int)
    add("imbalanced 5%", y, rng.normal(0, 1, 1000) + 1.5 * y, rng.normal(0, 1, 1000) + 1.2 * y)
    for k in range(12):
        n = int(rng.integers(12, 700))
        y = rng.integers(0, 2, n)
        if min(y.sum(), n - y.sum()) < 2:
            y[:2] = 0
            y[2:4] = 1
        z = rng.normal(0, 1, n)
        add(f"random {k} n={n}", y, rng.uniform(0, 2) * y + z, rng.uniform(0, 2) * y + 0.5 * z + rng.normal(0, 1, n))
    return d


def delong_results(c):
    y = np.array(c["yTrue"], dtype=object)
    classes = sorted(set(c["yTrue"]))
    y_pos = y == classes[1]
    a = np.array(c["scoreA"])
    b = np.array(c["scoreB"])
    ref = delong_reference(y_pos, a, b)
    fast = delong_fast(y_pos, a, b)
    for k in ("aucA", "aucB", "difference", "se", "pvalue"):
        assert math.isclose(ref[k], fast[k], rel_tol=1e-9, abs_tol=1e-12), (c["name"], k, ref[k], fast[k])
    yy = np.array(c["yTrue"], dtype=object) if isinstance(c["yTrue"][0], str) else np.array(c["yTrue"])
    return {"reference": ref, "sklearnAucA": skm.roc_auc_score(yy, a), "sklearnAucB": skm.roc_auc_score(yy, b)}


# ---------------------------------------------------------------- write

def run(datasets, results):
    return [{**c, **results(c)} for c in datasets]


write_golden("metrics", {"cases": run(label_datasets(), label_results)})
write_golden("metrics-ranking", {"binary": run(ranking_datasets(), ranking_results),
                                 "multiclass": run(multiclass_datasets(), multiclass_results)})
write_golden("metrics-probabilistic", {"cases": run(probability_datasets(), probability_results)})
write_golden("metrics-regression", {"cases": run(regression_datasets(), regression_results)})
write_golden("metrics-paired", {"mcnemar": run(mcnemar_datasets(), mcnemar_results),
                                "delong": run(delong_datasets(), delong_results)})
