"""The forecast's components: one model's closed-form predictive distribution each, and the
automatic rule's candidates and weights.

Every component works on ``N`` aligned series (same observed years ``t``) at ``H`` future years and
returns a :class:`_Comp` (location, scale, degrees of freedom on the model's own scale); the
constants below (models, kinds, floors, Holt parameters, :data:`AUTO_CONFIG`) are the rule's.
:mod:`analysis.model.forecast_mixture` combines the components; :mod:`analysis.model.forecast` is
the public face (see its docstring for the models).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

MODELS: tuple[str, ...] = ("drift", "logdrift", "linear", "loglinear", "holt", "damped", "poisson", "negbin")
KINDS: tuple[str, ...] = ("level", "count", "ratio", "share", "milestone", "rate")
#: Kinds whose values may be negative by nature (a growth rate, a balance, a change in points):
#: forecast by the additive models alone, on an unbounded support.
SIGNED_KINDS: tuple[str, ...] = ("rate",)
#: Fewer points than this: no model of its own (``insufficient``, or a ``low_information``
#: call from the pooled prior, see :data:`LOW_INFO_POINTS`).
MIN_POINTS = 3
#: From this many points (and below :data:`MIN_POINTS`) the automatic rule still makes a call
#: when a pooled prior is available: the growth from the two points, the residual scale from the
#: prior alone (``low_information``; wide by construction).
LOW_INFO_POINTS = 2
#: From this many points the automatic choice back-tests the candidates.
AUTO_BACKTEST_MIN = 5
#: Holt needs this many points when asked for, and this many in the automatic choice.
HOLT_MIN, HOLT_AUTO_MIN = 5, 7
#: Fixed (alpha, beta*, phi) for Holt's method: the level follows the data closely
#: (yearly statistics are not very noisy), the trend adapts slowly, damping 0.9.
HOLT_PARAMS: dict[str, tuple[float, float, float]] = {"holt": (0.8, 0.2, 1.0), "damped": (0.8, 0.2, 0.9)}
_DISCRETE = ("count", "milestone")
_SUPPORT = {"level": (0.0, np.inf), "ratio": (0.0, np.inf), "share": (0.0, 100.0),
            "count": (0.0, np.inf), "milestone": (0.0, np.inf), "rate": (-np.inf, np.inf)}
_BISECT_ITER = 64
#: Floor on the residual scale of the continuous models (on the model's own scale, i.e.
#: log units for ``logdrift``/``loglinear``): ``s >= max(FLOOR_CHANGE * mean |yearly change|,
#: FLOOR_LEVEL * mean |level|)`` (log models: ``FLOOR_LEVEL`` itself, a relative noise).
#: Both are about half the smallest ratio seen on the real public series (full series, every
#: model; since the 48-series corpus of issue 16: 0.088, China's rural income under ``loglinear``,
#: and 0.0008, China's population; before, on 26 series, 0.18 and 0.0022 gave 0.09 and 0.001),
#: so the floor never binds on real statistics; it only stops an exact (synthetic) fit from
#: giving a zero-width interval. Tested.
FLOOR_CHANGE, FLOOR_LEVEL = 0.04, 0.0004
#: The automatic choice (see :func:`candidate_models`, :func:`_auto_weights`); chosen by
#: the leave-one-series-out back-test of :func:`analysis.model.backtest.select_auto`.
#: ``short``: equal-weight candidates below ``AUTO_BACKTEST_MIN`` points; ``error``:
#: ``"rel"`` (squared relative errors) or ``"abs"`` (squared errors) in the back-test
#: weights; ``shrink``: ``m0`` in ``w = m0/(m0+m) * equal + m/(m0+m) * inverse-error``
#: for ``m`` back-test errors (0: no shrinkage; ``inf``: equal weights).
#: ``long``: ``"kind"`` (from 5 points the kind's full candidate list) or ``"short"`` (the
#: ``short`` set at every size).
AUTO_CONFIG: dict = {"short": ("drift", "logdrift"), "error": "rel", "shrink": float("inf"),
                     "long": "short", "regime": "equal", "temper": 1.0, "prior": None}


# --------------------------------------------------------------------------- components

@dataclass
class _Comp:
    """One model's predictive distribution for N aligned series at H future years."""

    name: str
    family: str            # "t" (location-scale, maybe on log scale) or "nb" (count GLM)
    log: bool
    loc: np.ndarray        # (N, H) location (log scale for log / nb)
    scale: np.ndarray      # (N, H) >= 0 (se of the linear predictor for nb)
    df: np.ndarray         # (N, 1)
    alpha: np.ndarray      # (N, 1) NB dispersion (0 = Poisson); unused for "t"
    ok: np.ndarray         # (N,) available for the series

    def point(self) -> np.ndarray:
        return np.exp(self.loc) if (self.log or self.family == "nb") else self.loc.copy()


def _nan(N: int, H: int) -> np.ndarray:
    return np.full((N, H), np.nan)


def _zero_small(s: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Residual scales that are floating-point noise of an exact fit become exactly 0."""
    ref = np.nanmax(np.abs(Y), axis=1) + 1e-300
    return np.where(s <= 1e-9 * ref, 0.0, s)


def _floor(s: np.ndarray, t: np.ndarray, Z: np.ndarray, log: bool) -> np.ndarray:
    """The residual-scale floor (see :data:`FLOOR_CHANGE`, :data:`FLOOR_LEVEL`)."""
    with np.errstate(invalid="ignore"):
        change = np.nanmean(np.abs(np.diff(Z, axis=1)) / np.diff(t)[None, :], axis=1)
        level = FLOOR_LEVEL if log else FLOOR_LEVEL * np.nanmean(np.abs(Z), axis=1)
    return np.maximum(s, np.maximum(FLOOR_CHANGE * change, level))


def _scale(Y, log: bool):
    """The modelling scale: ``(Y, all rows ok)``, or ``(log Y, rows with only positive values)``.

    Rows with a non-positive value are not fitted on the log scale (ok False); they get
    ``log 1 = 0`` placeholders so the array arithmetic stays finite.
    """
    if not log:
        return Y, np.ones(Y.shape[0], bool)
    ok = (Y > 0).all(axis=1)
    return np.log(np.where(ok[:, None], Y, 1.0)), ok


def _c_linear(t, Y, hy, log=False, name="linear") -> _Comp:
    N, n = Y.shape
    Z, ok = _scale(Y, log)
    tbar = t.mean()
    tc = t - tbar
    sxx = float((tc ** 2).sum())
    a = Z.mean(axis=1)
    b = (Z * tc).sum(axis=1) / sxx
    resid = Z - a[:, None] - b[:, None] * tc
    with np.errstate(divide="ignore", invalid="ignore"):  # 2 points: no residual scale (NaN by design), no warning
        s = np.sqrt((resid ** 2).sum(axis=1) / (n - 2))
    s = _floor(_zero_small(s, Z), t, Z, log)
    x = hy - tbar
    loc = a[:, None] + b[:, None] * x[None, :]
    scale = s[:, None] * np.sqrt(1.0 + 1.0 / n + x[None, :] ** 2 / sxx)
    loc[~ok], scale[~ok] = np.nan, np.nan
    return _Comp(name, "t", log, loc, scale, np.full((N, 1), n - 2.0), np.zeros((N, 1)), ok)


def _prior_scale(prior: dict | None, kind: str, name: str) -> tuple[float, float, float, str]:
    """``(nu0, nu0_long, s0, ref)`` of the pooled prior for component ``name`` of a ``kind``
    series: prior degrees of freedom for a 2-point call (``nu0``) and from 3 points (``nu0_long``;
    0: the series' own scale alone), the kind's typical yearly residual scale ``s0`` relative to
    ``ref`` (``"level"``: the series' mean level, log units for ``logdrift``; ``"change"``: its
    mean yearly change). ``(0, 0, nan, "level")`` without a prior."""
    none = (0.0, 0.0, float("nan"), "level")
    if not prior or kind in SIGNED_KINDS:  # a scale relative to the level means nothing for a growth rate
        return none
    nu0 = float(prior.get("nu0", 0.0))
    nu0_long = float(prior.get("nu0_long", 0.0))
    table = prior.get("scale", {})
    row = table.get(kind) or table.get("all") or {}
    s0 = float(row.get(name, float("nan")))
    if not (np.isfinite(s0) and s0 > 0) or (nu0 <= 0 and nu0_long <= 0):
        return none
    return nu0, nu0_long, s0, str(prior.get("ref", "level"))


def _c_drift(t, Y, hy, log: bool = False, prior: tuple | None = None) -> _Comp:
    """Random walk with drift on ``y`` (``drift``) or on ``log y`` (``logdrift``, positive
    series: the statistical version of the compound-growth rule; its median forecast is
    exactly ``y_last * (y_last / y_first) ** (h / T)``).

    ``prior = (nu0, nu0_long, s0, ref)``: the pooled (empirical-Bayes) prior on the residual
    variance, a scaled inverse chi-square with ``nu0`` degrees of freedom (2 points) or ``nu0_long``
    (3 or more) around ``s0`` times the series' own reference (``ref`` ``"level"``: the mean level,
    1 for ``logdrift``; ``"change"``: the mean yearly change ``|d|``): the posterior scale is
    ``((nu0 s0^2 + (k-1) s^2) / (nu0 + k - 1))^(1/2)`` with ``nu0 + k - 1`` degrees of freedom for
    ``k`` yearly changes. From 2 points (``k - 1 = 0``) the scale is the prior's alone.
    """
    N, n = Y.shape
    Z, ok = _scale(Y, log)
    g = np.diff(t)
    D = np.diff(Z, axis=1)
    T = float(t[-1] - t[0])
    d = (Z[:, -1] - Z[:, 0]) / T
    k = n - 1
    nu0_short, nu0_long, s0, ref_kind = prior if prior is not None else (0.0, 0.0, float("nan"), "level")
    nu0 = nu0_short if k < 2 else nu0_long
    ss = (((D - d[:, None] * g) ** 2) / g).sum(axis=1)
    if k > 1:
        s = _floor(_zero_small(np.sqrt(ss / (k - 1)), Z), t, Z, log)
    else:
        s = np.zeros(N)
    df = float(k - 1)
    if nu0 > 0:
        if ref_kind == "change":
            ref = np.abs(d)                      # the yearly change: s0 is a coefficient of variation
        else:
            ref = 1.0 if log else np.nanmean(np.abs(Z), axis=1)
        s0_abs = s0 * ref
        s = np.sqrt((nu0 * s0_abs ** 2 + (k - 1) * s ** 2) / (nu0 + k - 1))
        s = _floor(s, t, Z, log)
        df = nu0 + k - 1
    elif k < 2:
        ok = np.zeros(N, bool)
    h = hy - t[-1]
    loc = Z[:, -1][:, None] + d[:, None] * h[None, :]
    scale = s[:, None] * np.sqrt(h + h ** 2 / T)[None, :]
    loc[~ok], scale[~ok] = np.nan, np.nan
    return _Comp("logdrift" if log else "drift", "t", log, loc, scale, np.full((N, 1), df),
                 np.zeros((N, 1)), ok)


def _holt_filter(Y: np.ndarray, alpha: float, beta: float, phi: float):
    """Holt's recursions (statsmodels' form, trend smoothing beta*), started so that the
    first one-step forecast equals the first value: level0 = y0 - phi*b0, b0 = y1 - y0.
    Returns the final level, trend, the one-step errors (N, n) and the initial state."""
    b = Y[:, 1] - Y[:, 0]
    level = Y[:, 0] - phi * b
    init = (level.copy(), b.copy())
    errs = np.empty_like(Y)
    for j in range(Y.shape[1]):
        yhat = level + phi * b
        errs[:, j] = Y[:, j] - yhat
        new = alpha * Y[:, j] + (1 - alpha) * yhat
        b = beta * (new - level) + (1 - beta) * phi * b
        level = new
    return level, b, errs, init


def _c_holt(t, Y, hy, name) -> _Comp:
    N, n = Y.shape
    alpha, beta, phi = HOLT_PARAMS[name]
    regular = bool(np.all(np.diff(t) == 1)) and n >= HOLT_MIN
    if not regular:
        H = len(hy)
        return _Comp(name, "t", False, _nan(N, H), _nan(N, H), np.full((N, 1), np.nan),
                     np.zeros((N, 1)), np.zeros(N, bool))
    level, b, errs, _ = _holt_filter(Y, alpha, beta, phi)
    s = np.sqrt((errs[:, 1:] ** 2).sum(axis=1) / (n - 2))
    s = _floor(_zero_small(s, Y), t, Y, False)
    h = np.round(hy - t[-1]).astype(int)
    hmax = int(h.max())
    phis = np.cumsum(phi ** np.arange(1, hmax + 1))           # phi_j = phi + ... + phi^j
    loc = level[:, None] + phis[h - 1][None, :] * b[:, None]
    cj = (alpha + alpha * beta * phis) ** 2                    # (alpha + beta phi_j)^2, beta = alpha beta*
    var_mult = 1.0 + np.concatenate([[0.0], np.cumsum(cj)])[h - 1]
    scale = s[:, None] * np.sqrt(var_mult)[None, :]
    return _Comp(name, "t", False, loc, scale, np.full((N, 1), n - 2.0), np.zeros((N, 1)),
                 np.ones(N, bool))


def _irls(x, Y, alpha, ok, maxiter=100, tol=1e-10):
    """Vectorised IRLS for a log-link GLM with mean-variance mu + alpha mu^2."""
    ybar = Y.mean(axis=1, keepdims=True)
    mu = (Y + ybar) / 2.0
    mu = np.where(mu > 0, mu, 1e-3)
    eta = np.log(mu)
    b0 = b1 = np.zeros(Y.shape[0])
    S0 = S1 = S2 = np.ones(Y.shape[0])
    converged = np.zeros(Y.shape[0], bool)
    for _ in range(maxiter):
        mu = np.exp(eta)
        w = mu / (1.0 + alpha * mu)
        z = eta + (Y - mu) / mu
        S0, S1, S2 = w.sum(1), (w * x).sum(1), (w * x * x).sum(1)
        r0, r1 = (w * z).sum(1), (w * x * z).sum(1)
        det = S0 * S2 - S1 ** 2
        b0n = (S2 * r0 - S1 * r1) / det
        b1n = (S0 * r1 - S1 * r0) / det
        eta_new = b0n[:, None] + b1n[:, None] * x[None, :]
        step = np.nanmax(np.abs(eta_new - eta), axis=1)
        eta, b0, b1 = eta_new, b0n, b1n
        converged = step < tol
        if np.all(converged | ~ok):
            break
    mu = np.exp(eta)
    w = mu / (1.0 + alpha * mu)
    S0, S1, S2 = w.sum(1), (w * x).sum(1), (w * x * x).sum(1)
    det = S0 * S2 - S1 ** 2
    cov = (S2 / det, -S1 / det, S0 / det)                      # (X'WX)^-1 entries
    return b0, b1, mu, cov, converged & np.isfinite(b1) & (np.abs(b1) < 50)


def _c_count(t, Y, hy, mode: str) -> _Comp:
    """Poisson / negative-binomial GLM with a log-linear trend. mode: poisson, negbin, auto."""
    N, n = Y.shape
    x = t - t.mean()
    Yc = np.where(Y >= 0, Y, 0.0)
    total = Y.sum(1)
    # A finite MLE needs positive counts not all at the first or all at the last year.
    ok = (Y >= 0).all(1) & (total > 0) & (Y[:, 0] < total) & (Y[:, -1] < total)
    zero = np.zeros((N, 1))
    b0, b1, mu, cov, conv = _irls(x, Yc, zero, ok)
    alpha = np.zeros(N)
    if mode != "poisson":
        pearson = ((Yc - mu) ** 2 / mu).sum(1) / (n - 2)
        a_mm = (((Yc - mu) ** 2 - mu) / mu ** 2).sum(1) / (n - 2)
        over = (a_mm > 0) if mode == "negbin" else ((pearson > 1) & (a_mm > 0))
        alpha = np.where(over & np.isfinite(a_mm), a_mm, 0.0)
        if np.any(alpha > 0):
            nb0, nb1, _, ncov, nconv = _irls(x, Yc, alpha[:, None], ok & (alpha > 0))
            sel = alpha > 0
            b0, b1 = np.where(sel, nb0, b0), np.where(sel, nb1, b1)
            cov = tuple(np.where(sel, nc, c) for nc, c in zip(ncov, cov))
            conv = np.where(sel, nconv, conv)
    ok = ok & conv
    xh = hy - t.mean()
    eta = b0[:, None] + b1[:, None] * xh[None, :]
    var = cov[0][:, None] + 2 * cov[1][:, None] * xh[None, :] + cov[2][:, None] * xh[None, :] ** 2
    se = np.sqrt(np.maximum(var, 0.0))
    eta[~ok], se[~ok] = np.nan, np.nan
    name = "negbin" if mode == "negbin" else "poisson"
    return _Comp(name, "nb", True, eta, se, np.full((N, 1), np.nan), alpha[:, None], ok)


def _component(name: str, t, Y, hy, kind: str, prior: dict | None = None) -> _Comp:
    comp = _component_raw(name, t, Y, hy, kind, prior)
    if kind in _DISCRETE and comp.family == "t":
        # Poisson floor: a count's spread is never below that of Poisson increments at the
        # series' average rate of increase, +0.5 (Jeffreys) so that a flat or all-zero
        # history still leaves a chance of the next event.
        T = float(t[-1] - t[0])
        rate = (np.maximum(Y[:, -1] - Y[:, 0], 0.0) + 0.5) / T
        h = np.maximum(hy - t[-1], 0.0)
        floor = np.sqrt(rate[:, None] * h[None, :])
        if comp.log:
            floor = floor / np.maximum(np.exp(comp.loc), 1.0)       # delta method on the log scale
        comp.scale = np.where(comp.ok[:, None], np.maximum(comp.scale, floor), comp.scale)
    return comp


def _component_raw(name: str, t, Y, hy, kind: str, prior: dict | None = None) -> _Comp:
    if name == "drift":
        return _c_drift(t, Y, hy, prior=_prior_scale(prior, kind, "drift"))
    if name == "logdrift":
        return _c_drift(t, Y, hy, log=True, prior=_prior_scale(prior, kind, "logdrift"))
    if name == "linear":
        return _c_linear(t, Y, hy)
    if name == "loglinear":
        return _c_linear(t, Y, hy, log=True, name="loglinear")
    if name in ("holt", "damped"):
        return _c_holt(t, Y, hy, name)
    if name == "count_glm":            # automatic: Poisson, or negative binomial when over-dispersed
        return _c_count(t, Y, hy, "auto")
    if name == "poisson":
        return _c_count(t, Y, hy, "poisson")
    if name == "negbin":
        return _c_count(t, Y, hy, "negbin")
    raise ValueError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")


def candidate_models(kind: str, n: int, regular: bool = True, positive: bool = True) -> list[str]:
    """The automatic candidates for a series of ``kind`` with ``n`` points.

    Below :data:`AUTO_BACKTEST_MIN` points ``AUTO_CONFIG["short"]`` (equal weights);
    from there ``drift``, ``linear``, ``logdrift`` (positive series), + ``loglinear`` for
    positive levels/ratios or the count GLM for counts, + Holt/damped from
    :data:`HOLT_AUTO_MIN` consecutive points. (Positivity is checked per series by the
    components' ``ok`` masks; ``positive=False`` drops the log models from the list.)
    """
    if n < AUTO_BACKTEST_MIN or AUTO_CONFIG.get("long", "kind") == "short":
        c = list(AUTO_CONFIG["short"])
        return [m for m in c if positive or m not in ("logdrift", "loglinear")]
    c = ["drift", "linear"] + (["logdrift"] if positive else [])
    if kind in _DISCRETE:
        c.append("count_glm")
    elif kind in ("level", "ratio") and positive:
        c.append("loglinear")
    if n >= HOLT_AUTO_MIN and regular:
        c += ["holt", "damped"]
    return c


def _auto_weights(t, Y, kind, cands) -> np.ndarray:
    """Back-test weights (N, K) from rolling-origin forecasts on each series.

    Every origin ``o`` (the first ``o`` points known, ``o >= 3``; ``>= 5`` when Holt is a
    candidate) and every later year give an error; ``AUTO_CONFIG["error"]`` ``"rel"``
    scales it by the realised value (``|y| > 0``; else the series' mean ``|y|``) so that
    late, large values of a growing series do not dominate. Weights are the inverse mean
    squared error (an exact model, zero error, takes the whole inverse-error share),
    shrunk towards equal weights by ``m0 / (m0 + m)`` for ``m`` errors
    (``AUTO_CONFIG["shrink"]``): a handful of errors is a noisy basis for weights.
    """
    N, n = Y.shape
    K = len(cands)
    m0 = float(AUTO_CONFIG.get("shrink", 0.0))
    if AUTO_CONFIG.get("regime", "equal") != "equal" and set(cands) == {"drift", "logdrift"}:
        return _regime_weights(t, Y, kind, cands)
    if n < AUTO_BACKTEST_MIN or np.isinf(m0):
        return np.full((N, K), 1.0 / K)
    first = HOLT_MIN if any(c in ("holt", "damped") for c in cands) else MIN_POINTS
    rel = AUTO_CONFIG.get("error", "abs") == "rel"
    if rel:
        absY = np.abs(Y)
        ref = np.where(absY > 0, absY, np.mean(absY, axis=1, keepdims=True))
        ref = np.where(ref > 0, ref, 1.0)
    sse = np.zeros((N, K))
    cnt = 0
    for o in range(first, n):
        hy = t[o:]
        for k, name in enumerate(cands):
            p = _component(name, t[:o], Y[:, :o], hy, kind).point()
            e = p - Y[:, o:]
            if rel:
                e = e / ref[:, o:]
            sse[:, k] += (e ** 2).sum(axis=1)
        cnt += n - o
    mse = sse / cnt
    mse = np.where(np.isfinite(mse), mse, np.inf)
    scale = np.mean((Y / ref) ** 2, axis=1, keepdims=True) if rel else np.mean(Y ** 2, axis=1, keepdims=True)
    tiny = 1e-20 * (scale + 1e-300)
    exact = mse <= tiny
    with np.errstate(divide="ignore"):
        inv = np.where(np.isfinite(mse), 1.0 / np.maximum(mse, 1e-300), 0.0)
    w = np.where(exact.any(axis=1, keepdims=True), exact.astype(float), inv)
    tot = w.sum(axis=1, keepdims=True)
    w = np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), np.nan)
    if m0 > 0:
        lam = m0 / (m0 + cnt)
        # equal share among the models available for the series (finite back-test error)
        avail = np.isfinite(mse)
        na = avail.sum(axis=1, keepdims=True)
        eq = np.where(avail, 1.0 / np.maximum(na, 1), 0.0)
        w = lam * eq + (1.0 - lam) * w
    return w


def growth_regime(t, Y) -> np.ndarray:
    """Log-likelihood ratio (N,) of multiplicative vs additive growth.

    Both models are random walks with drift with Gaussian increments - on ``log y``
    (``logdrift``) and on ``y`` (``drift``) - compared on the same data, the values
    ``y_1 .. y_{n-1}`` given ``y_0``: the log model's likelihood carries the Jacobian
    ``prod 1 / y_i``. With maximum-likelihood scales ``s_log`` and ``s_lin`` (gap-weighted
    increments) the ratio is ``-k log(s_log / s_lin) - sum log y_i`` for ``k = n - 1``
    increments: positive when the yearly changes grow in proportion to the level (steady
    percentage growth), negative when they stay the same size (steady absolute growth).
    NaN for a series with a value <= 0 (no multiplicative model) or no variation.
    """
    Y = np.atleast_2d(np.asarray(Y, float))
    t = np.asarray(t, float)
    g = np.diff(t)
    T = float(t[-1] - t[0])
    pos = (Y > 0).all(axis=1)
    L = np.log(np.where(pos[:, None], Y, 1.0))
    out = []
    for Z in (Y, L):
        D = np.diff(Z, axis=1)
        d = (Z[:, -1] - Z[:, 0]) / T
        out.append(np.sqrt((((D - d[:, None] * g) ** 2) / g).mean(axis=1)))
    s_lin, s_log = out
    k = Y.shape[1] - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        llr = -k * (np.log(s_log) - np.log(s_lin)) - L[:, 1:].sum(axis=1)
    return np.where(pos & (s_lin > 0) & (s_log > 0), llr, np.nan)


def _regime_weights(t, Y, kind, cands) -> np.ndarray:
    """Weights of ``drift`` and ``logdrift`` from the growth-regime test.

    ``AUTO_CONFIG["regime"]``: ``"lik"`` - the weight of ``logdrift`` is the logistic of
    the log-likelihood ratio of :func:`growth_regime` divided by ``AUTO_CONFIG["temper"]``
    (1: the posterior probability under equal prior odds; larger: softer), plus the log
    prior odds of ``AUTO_CONFIG["prior"]`` (``{kind: P(logdrift)}``, default 0.5).
    ``"prior"``: the kind's prior weight alone. Equal weights where the ratio is undefined.
    """
    N = Y.shape[0]
    prior = (AUTO_CONFIG.get("prior") or {}).get(kind, 0.5)
    lo = np.log(prior / (1.0 - prior)) if 0 < prior < 1 else (np.inf if prior >= 1 else -np.inf)
    if AUTO_CONFIG["regime"] == "lik":
        z = growth_regime(t, Y) / float(AUTO_CONFIG.get("temper", 1.0))
        z = np.where(np.isfinite(z), z, 0.0) + lo
    else:
        z = np.full(N, lo)
    with np.errstate(over="ignore"):
        wlog = special.expit(z)
    w = np.stack([1.0 - wlog, wlog], axis=1)
    return w if cands[0] == "drift" else w[:, ::-1]
