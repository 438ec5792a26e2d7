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
from sklearn.linear_model import LogisticRegression

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
    write_golden(
        "learners",
        {"versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__}, "logistic": cases},
    )


if __name__ == "__main__":
    main()
