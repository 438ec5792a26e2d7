"""Golden fixtures for Vigie's built-in learners: scikit-learn's LogisticRegression (lbfgs, L2),
fitted to convergence (tol 1e-12) so the optimum is the unique one of the strictly convex
objective, on the bundled Palmer Penguins measurements (standardized) and on generated data.

Run: scripts/goldens/.venv/bin/python scripts/goldens/learners.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.optimize
import sklearn
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

from common import ROOT, write_golden

FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def penguins():
    df = pd.read_csv(ROOT / "examples" / "quickstart" / "data" / "penguins.csv")
    df = df.dropna(subset=FEATURES + ["species"])
    x = df[FEATURES].to_numpy(dtype=float)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    classes = sorted(df["species"].unique())
    y = np.array([classes.index(s) for s in df["species"]])
    return x, y, classes


def polish(model, x, y, n_classes, C, fit_intercept):
    """scikit-learn's lbfgs also stops on a relative decrease of 64·eps, a few 1e-6 short of the
    optimum; Newton-refined from its solution on the same objective, ½‖W‖² + C·Σ −log p(y|x)."""
    k = 1 if n_classes == 2 else n_classes
    f = x.shape[1]
    w0 = np.concatenate([model.coef_.reshape(k, f), np.atleast_1d(model.intercept_).reshape(k, 1)], axis=1).ravel()

    def fun(w):
        w = w.reshape(k, f + 1)
        z = x @ w[:, :f].T + (w[:, f] if fit_intercept else 0)
        if k == 1:
            z = z[:, 0]
            loss = np.sum(np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y))
            r = (1 / (1 + np.exp(-z)) - y)[:, None]
        else:
            m = z.max(axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
            loss = np.sum(lse - z[np.arange(len(y)), y])
            p = np.exp(z - lse[:, None])
            p[np.arange(len(y)), y] -= 1
            r = p
        g = np.zeros((k, f + 1))
        g[:, :f] = C * (r.T @ x) + w[:, :f]
        if fit_intercept:
            g[:, f] = C * r.sum(axis=0)
        return C * loss + 0.5 * np.sum(w[:, :f] ** 2), g.ravel()

    res = scipy.optimize.minimize(fun, w0, jac=True, method="L-BFGS-B", options={"ftol": 0, "gtol": 1e-13, "maxiter": 100000, "maxcor": 30})
    w = res.x
    # Newton steps with the exact Hessian finish what the first-order method leaves (ill-conditioned).
    xt = np.hstack([x, np.ones((len(x), 1))]) if fit_intercept else np.hstack([x, np.zeros((len(x), 1))])
    for _ in range(20):
        value, g = fun(w)
        W = w.reshape(k, f + 1)
        z = xt @ W.T
        if k == 1:
            p = 1 / (1 + np.exp(-z[:, 0]))
            h = C * (xt.T * (p * (1 - p))) @ xt
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            p = e / e.sum(axis=1, keepdims=True)
            h = np.zeros((k * (f + 1), k * (f + 1)))
            for a in range(k):
                for b in range(k):
                    s_ab = p[:, a] * ((a == b) - p[:, b])
                    h[a * (f + 1):(a + 1) * (f + 1), b * (f + 1):(b + 1) * (f + 1)] = C * (xt.T * s_ab) @ xt
        for c in range(k):
            for j in range(f):
                h[c * (f + 1) + j, c * (f + 1) + j] += 1
        if not fit_intercept:
            for c in range(k):
                h[c * (f + 1) + f, c * (f + 1) + f] = 1
                g[c * (f + 1) + f] = 0
        # The softmax Hessian is singular along adding a constant to every class; lstsq takes the
        # minimum-norm step, and the L2 penalty pins the coefficients.
        step = np.linalg.lstsq(h, g, rcond=None)[0]
        w = w - step
        if np.abs(step).max() < 1e-15:
            break
    grad = float(np.abs(fun(w)[1]).max())
    w = w.reshape(k, f + 1)
    return w[:, :f], w[:, f] if fit_intercept else np.zeros(k), grad


def case(name, x, y, n_classes, C, fit_intercept=True):
    model = LogisticRegression(C=C, tol=1e-12, max_iter=100000, fit_intercept=fit_intercept)
    model.fit(x, y)
    coef, intercept, grad = polish(model, x, y, n_classes, C, fit_intercept)
    k = coef.shape[0]
    z = x @ coef.T + intercept
    if k == 1:
        p1 = 1 / (1 + np.exp(-z[:, 0]))
        proba = np.stack([1 - p1, p1], axis=1)
    else:
        e = np.exp(z - z.max(axis=1, keepdims=True))
        proba = e / e.sum(axis=1, keepdims=True)
    return {
        "name": name,
        "x": x.tolist(),
        "cols": x.shape[1],
        "y": y.tolist(),
        "nClasses": n_classes,
        "C": C,
        "fitIntercept": fit_intercept,
        "coef": coef.ravel().tolist(),
        "intercept": np.atleast_1d(intercept).tolist(),
        "proba": proba.ravel().tolist(),
        "polishedGradient": grad,
        "sklearn": {
            "coef": model.coef_.ravel().tolist(),
            "intercept": np.atleast_1d(model.intercept_).tolist(),
            "proba": model.predict_proba(x).ravel().tolist(),
            "predict": model.predict(x).tolist(),
        },
    }


def trainer_quality():
    """Held-out metrics of scikit-learn pipelines like the built-in trainers': median imputation,
    standardization and one-hot encoding before LogisticRegression / Ridge, on a fixed split of the
    bundled penguins (every 4th row held out)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.metrics import accuracy_score, log_loss, mean_absolute_error, r2_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    df = pd.read_csv(ROOT / "examples" / "quickstart" / "data" / "penguins.csv")
    test = np.arange(len(df)) % 4 == 0
    out = []
    for target, numeric, categorical in (
        ("species", FEATURES, ["island", "sex"]),
        ("body_mass_g", ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"], ["species", "island", "sex"]),
    ):
        d = df.dropna(subset=[target])
        t = test[d.index]
        pre = ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="__missing__"),
                                  OneHotEncoder(handle_unknown="ignore")), categorical),
        ])
        if target == "species":
            model = make_pipeline(pre, LogisticRegression(C=1.0, max_iter=10000)).fit(d[~t], d[target][~t])
            p = model.predict_proba(d[t])
            out.append({"trainer": "logistic", "label": target, "columns": numeric + categorical,
                        "heldOut": {"accuracy": accuracy_score(d[target][t], model.predict(d[t])), "logLoss": log_loss(d[target][t], p, labels=model.classes_)}})
        else:
            model = make_pipeline(pre, Ridge(alpha=1.0)).fit(d[~t], d[target][~t])
            pred = model.predict(d[t])
            out.append({"trainer": "linear", "label": target, "alpha": 1.0, "columns": numeric + categorical,
                        "heldOut": {"r2": r2_score(d[target][t], pred), "mae": mean_absolute_error(d[target][t], pred)}})
    return out


def main():
    rng = np.random.default_rng(20261201)
    x, y, classes = penguins()
    cases = []
    for C in (0.01, 0.1, 1.0, 10.0):
        cases.append(case(f"penguins 3 classes C={C}", x, y, 3, C))
    adelie = (y == 0).astype(int)
    cases.append(case("penguins Adelie vs rest C=1", x, adelie, 2, 1.0))
    cases.append(case("penguins Adelie vs rest no intercept", x, adelie, 2, 0.5, fit_intercept=False))
    for n, f, k in ((50, 3, 2), (200, 5, 4), (30, 8, 3)):
        xs = rng.normal(size=(n, f))
        w = rng.normal(size=(f, k))
        ys = np.argmax(xs @ w + rng.gumbel(size=(n, k)), axis=1)
        cases.append(case(f"generated n={n} f={f} k={k}", xs, ys, k, 1.0))
    linear = []
    for alpha in (0.0, 0.1, 10.0):
        for n, f in ((40, 3), (300, 8)):
            xs = rng.normal(size=(n, f)) * rng.uniform(0.5, 5, size=f) + rng.normal(size=f)
            ys = xs @ rng.normal(size=f) + 3 + rng.normal(size=n)
            model = (LinearRegression() if alpha == 0 else Ridge(alpha=alpha, solver="cholesky")).fit(xs, ys)
            linear.append({"name": f"n={n} f={f} alpha={alpha}", "x": xs.tolist(), "y": ys.tolist(), "alpha": alpha,
                           "coef": model.coef_.tolist(), "intercept": float(model.intercept_), "predict": model.predict(xs).tolist()})
    xs = rng.normal(size=(30, 4))
    xs[:, 3] = xs[:, 0] + xs[:, 1]  # collinear: lstsq's minimum-norm solution
    ys = xs @ np.array([1.0, -2.0, 0.5, 0.0]) + rng.normal(size=30) * 0.1
    model = LinearRegression().fit(xs, ys)
    linear.append({"name": "collinear", "x": xs.tolist(), "y": ys.tolist(), "alpha": 0.0, "coef": model.coef_.tolist(),
                   "intercept": float(model.intercept_), "predict": model.predict(xs).tolist()})
    l1 = []
    for C in (0.05, 0.5):
        for name, xs, ys, k in (("penguins 3 classes", x, y, 3), ("penguins Adelie vs rest", x, adelie, 2)):
            model = LogisticRegression(l1_ratio=1, solver="saga", C=C, tol=1e-12, max_iter=200000, random_state=0).fit(xs, ys)
            l1.append({"name": f"{name} C={C}", "x": xs.tolist(), "y": ys.tolist(), "nClasses": k, "C": C,
                       "coef": model.coef_.ravel().tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
                       "proba": model.predict_proba(xs).ravel().tolist()})
    quality = trainer_quality()
    write_golden(
        "learners",
        {"versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__}, "logistic": cases, "linear": linear, "logisticL1": l1, "quality": quality},
    )


if __name__ == "__main__":
    main()
