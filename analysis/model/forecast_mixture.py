"""The forecast's predictive distribution: the calibrated mixture of components, and the engine
that builds it for aligned series.

:class:`_Mixture` gives CDFs, quantiles (bisection), probabilities of meeting a target, points and
sample paths of a weighted mixture of :mod:`analysis.model.forecast_components` components, with
the support of the indicator's kind (censoring, counts) and the calibration factors of
:mod:`analysis.model.forecast_calibration`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy import special
from scipy.special._ufuncs import _nbinom_ppf as _sf_nbinom_ppf  # scipy.stats.nbinom's own ppf

from analysis.model.forecast_calibration import RECAL_SHORT_POINTS, _factors, recalibrate
from analysis.model.forecast_components import (
    _BISECT_ITER, _DISCRETE, _SUPPORT, HOLT_MIN, KINDS, MIN_POINTS, MODELS, SIGNED_KINDS, _auto_weights, _Comp, _component,
    candidate_models,
)

# --------------------------------------------------------------------------- mixture

def _tcdf(df: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Student t CDF. For one small integer ``df`` (the usual case: n - 2 on short series)
    the finite series of Abramowitz & Stegun 26.7.3-4, ~20x faster than the incomplete beta;
    otherwise :func:`scipy.special.stdtr`."""
    d = np.asarray(df, dtype=float)
    if d.size and np.all(d == d.flat[0]) and d.flat[0] == int(d.flat[0]) and 1 <= d.flat[0] <= 60:
        nu = int(d.flat[0])
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            r = nu + x * x
            c2 = nu / r                                   # cos^2(theta)
            if nu % 2:                                    # odd: theta + sin cos (1 + 2/3 c2 + ...)
                theta = np.arctan(x / np.sqrt(nu))
                term = np.ones_like(x)
                acc = np.ones_like(x) if nu > 1 else np.zeros_like(x)
                for k in range(1, (nu - 3) // 2 + 1):
                    term = term * c2 * (2 * k) / (2 * k + 1)
                    acc = acc + term
                sc = x * np.sqrt(nu) / r                  # sin(theta) cos(theta)
                a = (2 / np.pi) * (theta + sc * acc)
            else:                                         # even: sin (1 + 1/2 c2 + 1.3/2.4 c2^2 ...)
                term = np.ones_like(x)
                acc = np.ones_like(x)
                for k in range(1, (nu - 2) // 2 + 1):
                    term = term * c2 * (2 * k - 1) / (2 * k)
                    acc = acc + term
                a = x / np.sqrt(r) * acc
            out = 0.5 + 0.5 * a
        out = np.where(np.isposinf(x), 1.0, np.where(np.isneginf(x), 0.0, out))
        return np.clip(out, 0.0, 1.0)
    return special.stdtr(d, x)


_GH_Z, _GH_W = np.polynomial.hermite_e.hermegauss(20)
_GH_W = _GH_W / _GH_W.sum()


def _count_law_cdf(k, mu, alpha):
    """P(N <= k) for Poisson (alpha = 0) or negative binomial (mean mu, var mu + alpha mu^2)."""
    k = np.maximum(k, 0.0)
    over = alpha > 0
    if not np.any(over):
        return special.gammaincc(k + 1.0, mu)
    r = 1.0 / np.where(over, alpha, 1.0)
    nb = special.betainc(r, k + 1.0, r / (r + mu))
    if np.all(over):  # all negative binomial (the usual case): no Poisson term to compute
        return nb
    return np.where(over, nb, special.gammaincc(k + 1.0, mu))


def _count_cdf(k, eta, s, alpha):
    """P(Y <= k) for the GLM predictive: Y | mu ~ Poisson/NB(mu, alpha), log mu ~ N(eta, s^2)
    (parameter uncertainty), integrated by 20-point Gauss-Hermite quadrature."""
    k, eta, s, alpha = np.broadcast_arrays(np.asarray(k, float), np.asarray(eta, float), np.asarray(s, float),
                                           np.asarray(alpha, float))
    mu = np.exp(eta[..., None] + s[..., None] * _GH_Z)
    if _monotone_along_first_axis(k, eta, s, alpha):
        F = _count_law_cdf_monotone(k[..., None], mu, alpha[..., None])
    else:
        F = _count_law_cdf(k[..., None], mu, alpha[..., None])
    return (F * _GH_W).sum(axis=-1)


#: The back-test evaluates the count CDF along a grid of scale factors (axis 0): every
#: :data:`_SAT_STEP`-th one is computed first, and the values between two that are both exactly
#: 0 or both exactly 1 are that value (the CDF is monotone along the grid).
_SAT_STEP = 8


def _monotone_along_first_axis(k, eta, s, alpha) -> bool:
    """Whether ``k``, ``eta`` and ``alpha`` are the same along axis 0 and ``s`` is non-decreasing
    along it (so each mean exp(eta + s z) is monotone along axis 0): a scale-factor grid."""
    if k.ndim == 0 or k.shape[0] < 3 * _SAT_STEP:
        return False

    def same(a):
        a0 = a[:1]
        return bool(np.all((a == a0) | (np.isnan(a) & np.isnan(a0))))

    return same(k) and same(eta) and same(alpha) and bool(np.all(np.diff(s, axis=0) >= 0))


def _count_law_cdf_monotone(k, mu, alpha):
    """:func:`_count_law_cdf` (the same values) where the law is the same along axis 0 except its
    mean, which is monotone along it: computed at every :data:`_SAT_STEP`-th row, and between two
    rows where a value is exactly 0 or exactly 1 at both ends, that value without computing it
    (the others between them in one call)."""
    shape = np.broadcast_shapes(k.shape, mu.shape, alpha.shape)
    k, mu, alpha = (np.broadcast_to(a, shape) for a in (k, mu, alpha))
    n = shape[0]
    idx = np.unique(np.r_[np.arange(0, n, _SAT_STEP), n - 1])
    out = np.empty(shape)
    out[idx] = _count_law_cdf(k[idx], mu[idx], alpha[idx])
    rows = np.setdiff1d(np.arange(n), idx)
    if not len(rows):
        return out
    pos = np.searchsorted(idx, rows)          # each row between idx[pos - 1] and idx[pos]
    fa, fb = out[idx[pos - 1]], out[idx[pos]]
    sat = (fa == fb) & ((fa == 0.0) | (fa == 1.0))
    block = np.where(sat, fa, 0.0)
    todo = ~sat
    if todo.any():
        block[todo] = _count_law_cdf(k[rows][todo], mu[rows][todo], alpha[rows][todo])
    out[rows] = block
    return out


def _discrete_ppf(q, params, ok, quantile):
    """``scipy.stats.rv_discrete.ppf`` for a law on 0, 1, 2, ...: ``quantile(q, *params)`` for
    0 < q < 1 where the parameters are valid (``ok``), -1 at q = 0, inf at q = 1, NaN elsewhere."""
    arrs = np.broadcast_arrays(np.asarray(q, dtype=float), *(np.asarray(a, dtype=float) for a in params))
    q, params = arrs[0], arrs[1:]
    ok = np.broadcast_to(ok(*params), q.shape)
    out = np.where(ok & (q == 0), -1.0, np.where(ok & (q == 1), np.inf, np.nan))
    sel = ok & (0 < q) & (q < 1)
    if sel.any():
        with np.errstate(all="ignore"):
            out[sel] = quantile(q[sel], *(a[sel] for a in params))
    return out


def _poisson_quantile(q, mu):
    vals = np.ceil(special.pdtrik(q, mu))
    vals1 = np.maximum(vals - 1, 0)
    return np.where(special.pdtr(vals1, mu) >= q, vals1, vals)


def _poisson_ppf(q, mu):
    """``scipy.stats.poisson.ppf(q, mu)`` from the same special functions (no scipy.stats
    import: it costs about a second of the command line's start-up)."""
    return _discrete_ppf(q, (mu,), lambda m: m >= 0, _poisson_quantile)


def _nbinom_ppf(q, n, p):
    """``scipy.stats.nbinom.ppf(q, n, p)`` from the same special function."""
    return _discrete_ppf(q, (n, p), lambda n_, p_: (n_ > 0) & (p_ > 0) & (p_ <= 1), _sf_nbinom_ppf)


def _count_ppf(q, mu, alpha):
    """The q-quantile of Poisson/NB(mu, alpha)."""
    r = 1.0 / np.where(alpha > 0, alpha, 1.0)
    with np.errstate(all="ignore"):
        return np.where(alpha > 0, _nbinom_ppf(q, r, r / (r + mu)), _poisson_ppf(q, mu))


class _Mixture:
    """The (calibrated) predictive distribution: a mixture of components, with support."""

    def __init__(self, comps: list[_Comp], weights: np.ndarray, kind: str, c: np.ndarray,
                 lo: np.ndarray | float | None = None, hi: np.ndarray | float | None = None):
        self.comps, self.kind = comps, kind
        ok = np.stack([cp.ok for cp in comps], axis=1)
        w = np.where(ok, weights, 0.0)
        tot = w.sum(axis=1, keepdims=True)
        self.w = np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), np.nan)   # (N, K)
        self.c = np.asarray(c, dtype=float)                                    # (H,) or broadcastable
        self.lo, self.hi = _SUPPORT[kind]
        if lo is not None:          # per series (N, 1): where the series itself leaves the kind's support
            self.lo = lo
        if hi is not None:
            self.hi = hi
        self.discrete = kind in _DISCRETE
        #: The probability map of :func:`~analysis.model.forecast_calibration.recalibrate` (None: none)
        #: and its inputs: the last observed values (N, 1), years ahead (1, H), a 2-point call, a call
        #: from a short series.
        self.recal: dict | None = None
        self.last = self.h = None
        self.low = self.short = False

    # latent / component CDFs -------------------------------------------------
    def _comp_le(self, cp: _Comp, v: np.ndarray, strict: bool) -> np.ndarray:
        """P(component <= v) (or < v when strict) for the kind's support."""
        c = self.c
        with np.errstate(all="ignore"):
            if cp.family == "nb":
                k = np.floor(v) if not strict else np.ceil(v) - 1
                F = _count_cdf(k, cp.loc, c * cp.scale, cp.alpha)
                return np.where(k < 0, 0.0, F)
            if self.discrete:
                # Y = max(0, round(latent)); P(Y <= k) = P(latent < k + 1/2)
                k = np.floor(v) if not strict else np.ceil(v) - 1
                F = self._latent(cp, k + 0.5, True)
                return np.where(k < 0, 0.0, F)
            F = self._latent(cp, v, strict)
            if strict:
                return np.where(v <= self.lo, 0.0, np.where(v > self.hi, 1.0, F))
            return np.where(v < self.lo, 0.0, np.where(v >= self.hi, 1.0, F))

    def _latent(self, cp: _Comp, v, strict: bool) -> np.ndarray:
        z = np.log(np.where(v > 0, v, np.nan)) if cp.log else v
        if cp.log:
            z = np.where(v > 0, z, -np.inf)
        s = self.c * cp.scale
        pos = s > 0
        F = _tcdf(cp.df, (z - cp.loc) / np.where(pos, s, 1.0))
        deg = (z > cp.loc) if strict else (z >= cp.loc)
        return np.where(pos, F, deg.astype(float))

    def cdf(self, v, strict: bool = False, w: np.ndarray | None = None) -> np.ndarray:
        """P(Y <= v), or P(Y < v) when ``strict``; v broadcastable to (N, H).
        ``w``: other mixture weights (N, K) to use (default the fitted ones)."""
        v = np.asarray(v, dtype=float)
        w = self.w if w is None else w
        out = 0.0
        for k, cp in enumerate(self.comps):
            wk = w[:, k:k + 1]
            Fk = self._comp_le(cp, v, strict)
            out = out + np.where(wk > 0, wk * np.nan_to_num(Fk, nan=0.0), 0.0)
        return np.where(np.isnan(w[:, :1]), np.nan, out)

    def _additive_weights(self) -> np.ndarray:
        """The weights without the log-scale components, renormalised (rows with no other
        component keep theirs)."""
        keep = np.array([not cp.log for cp in self.comps])
        w = np.where(keep[None, :], np.nan_to_num(self.w, nan=0.0), 0.0)
        tot = w.sum(axis=1, keepdims=True)
        return np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), self.w)

    def prob(self, value, comparator: str = ">=") -> np.ndarray:
        """P(Y >= value) for ``>=`` (higher is better), P(Y <= value) for ``<=``.

        A ``<=`` target at or below the support's lower bound (0: "eliminate", "zero
        ...") is the question *will it be gone?*. The log-scale models (``logdrift``,
        ``loglinear``) describe proportional change and never reach 0, so they would
        answer "no" by construction, not from the data, and cap the mixture's probability
        at their complement (at most 0.5 for the equal-weight rule however fast the
        decline). For such targets the probability comes from the other components
        (the additive ``drift`` for the automatic rule); intervals are unchanged.

        When :attr:`recal` is set (the automatic rule with a calibration file that has a
        ``"recalibration"``), the probability is then mapped by
        :func:`~analysis.model.forecast_calibration.recalibrate` (intervals are not).
        """
        if comparator == ">=":
            p = 1.0 - self.cdf(value, strict=True)
        elif comparator == "<=":
            p = self.cdf(value)
            v = np.asarray(value, dtype=float)
            floor = np.broadcast_to(v <= self.lo, np.shape(p))
            if floor.any() and any(cp.log for cp in self.comps):
                p = np.where(floor, self.cdf(value, w=self._additive_weights()), p)
        else:
            raise ValueError(f"comparator must be '>=' or '<=', got {comparator!r}")
        p = np.clip(p, 0.0, 1.0)
        if self.recal:
            up = self.point() >= self.last
            q = recalibrate(p if comparator == ">=" else 1.0 - p, up, self.h, self.low, self.recal, self.short)
            p = q if comparator == ">=" else 1.0 - q
        return p

    # quantiles ----------------------------------------------------------------
    def _comp_ppf(self, cp: _Comp, q: float) -> np.ndarray:
        c = self.c
        with np.errstate(all="ignore"):
            if cp.family == "nb":
                # an upper bound of the q-quantile: with a = sqrt(q), the a-quantile of the
                # count law at the mean exp(eta + s z_a) (P(Y <= k) >= a * a = q).
                a = np.sqrt(q)
                mu = np.exp(cp.loc + c * cp.scale * special.ndtri(a))
                return _count_ppf(a, mu, cp.alpha)
            z = cp.loc + c * cp.scale * special.stdtrit(cp.df, q)
            z = np.where(c * cp.scale > 0, z, cp.loc)
            x = np.exp(z) if cp.log else z
            if self.discrete:
                x = np.round(x)
            return np.clip(x, self.lo, self.hi)

    def ppf(self, q) -> np.ndarray:
        """The q-quantile, inf{v : P(Y <= v) >= q}, found between the component quantiles.

        ``q`` a number: an (N, H) array. ``q`` a sequence of Q numbers: a (Q, N, H) array, every
        quantile found in the same pass (the same values as one call each, since each element is
        solved on its own; one pass costs about what one quantile did). Continuous kinds: Newton's
        method in a bracket (:meth:`_root`); counts: bisection on the integers. A quantile inside a
        censored mass (a share at 100, a level at 0) is the bound itself.
        """
        q = np.asarray(q, dtype=float)
        if q.ndim == 1:
            q = q.reshape(-1, 1, 1)
        qs = [np.where(self.w[:, k:k + 1] > 0, self._comp_ppf(cp, q), np.nan)
              for k, cp in enumerate(self.comps)]
        qs = np.stack(np.broadcast_arrays(*qs), axis=0)
        nan = np.isnan(qs)                                   # (no all-NaN warnings)
        a = np.where(nan, np.inf, qs).min(axis=0)
        b = np.where(nan, -np.inf, qs).max(axis=0)
        bad = ~np.isfinite(a) | ~np.isfinite(b)
        a, b = np.where(bad, 0.0, a), np.where(bad, 0.0, b)
        if self.discrete:
            lo, hi = np.floor(a) - 1.0, np.ceil(b) + 1.0
            lo = np.maximum(lo, -1.0)
            for _ in range(200):
                open_ = hi - lo > 1
                if not open_.any():
                    break
                mid = np.floor((lo + hi) / 2.0)
                ge = self.cdf(mid) >= q
                hi = np.where(open_ & ge, mid, hi)
                lo = np.where(open_ & ~ge, mid, lo)
            out = hi
        else:
            out = self._root(q, a, b)
        return np.where(bad | np.isnan(self.w[:, :1]), np.nan, out)

    def _pdf(self, v: np.ndarray) -> np.ndarray:
        """The density of a continuous mixture at ``v`` inside the support (the censored masses at its
        ends have none): the derivative of :meth:`cdf` there."""
        out = 0.0
        for k, cp in enumerate(self.comps):
            wk = self.w[:, k:k + 1]
            s = self.c * cp.scale
            with np.errstate(all="ignore"):
                z = np.log(np.where(v > 0, v, np.nan)) if cp.log else v
                u = (z - cp.loc) / s
                nu = cp.df
                f = np.exp(special.gammaln((nu + 1) / 2) - special.gammaln(nu / 2) - 0.5 * np.log(nu * np.pi)
                           - (nu + 1) / 2 * np.log1p(u * u / nu)) / s
                if cp.log:
                    f = f / v
            out = out + np.where(wk > 0, wk * np.nan_to_num(f, nan=0.0, posinf=0.0), 0.0)
        inside = (v > self.lo) & (v < self.hi)
        return np.where(inside, out, 0.0)

    def _root(self, q, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """inf{v : P(Y <= v) >= q} of a continuous mixture, between ``a`` and ``b`` (the lowest and highest
        component quantile, so ``P(Y <= a) <= q <= P(Y <= b)``), to a relative 1e-11.

        Newton's method on the CDF, kept inside a bracket that every step narrows: a step that would
        leave it, or that a density of 0 makes undefined (far apart components, a censored end),
        is a bisection step instead. About 4 steps where bisection alone took 30-40."""
        shape = np.broadcast_shapes(np.shape(q), np.shape(a))
        lo, hi = np.broadcast_to(a, shape).copy(), np.broadcast_to(b, shape).copy()
        tol = lambda x, y: 1e-11 * (np.abs(x) + np.abs(y)) + 1e-13  # noqa: E731
        active = (hi - lo) > tol(hi, lo)
        out = hi.copy()
        for bound, upper in ((self.lo, False), (self.hi, True)):   # a quantile in a censored mass: the bound
            bound = np.broadcast_to(bound, shape)
            fin = np.isfinite(bound)
            if fin.any():
                at = np.where(fin, bound, 0.0)
                inside = fin & ((self.cdf(at, strict=True) < q) if upper else (self.cdf(at) >= q))
                out = np.where(inside, bound, out)
                active = active & ~inside
        v = lo + (hi - lo) / 2.0
        for _ in range(_BISECT_ITER):
            if not active.any():
                break
            g = self.cdf(v) - q
            ge = g >= 0
            hi = np.where(active & ge, v, hi)
            lo = np.where(active & ~ge, v, lo)
            with np.errstate(all="ignore"):
                xn = v - g / self._pdf(v)
            settled = (g == 0) | (np.isfinite(xn) & (np.abs(xn - v) <= tol(xn, v)))   # a step below the tolerance
            newton = np.isfinite(xn) & (xn > lo) & (xn < hi)
            x = np.where(newton, xn, lo + (hi - lo) / 2.0)
            closed = (hi - lo) <= tol(hi, lo)
            found = np.clip(np.where(np.isfinite(xn), xn, v), lo, hi)
            out = np.where(active & closed, hi, np.where(active & settled, found, out))
            active = active & ~closed & ~settled
            v = np.where(active, x, v)
        return np.where(active, hi, out)

    def point(self) -> np.ndarray:
        """Weighted point forecast: component means on the original scale for drift, linear
        and Holt, back-transformed medians for log-linear and the GLMs; each moved into the
        support before weighting (a drift line below 0 counts as 0, as its censored forecast
        is)."""
        out = 0.0
        for k, cp in enumerate(self.comps):
            wk = self.w[:, k:k + 1]
            pt = np.clip(np.nan_to_num(cp.point(), nan=0.0), self.lo, self.hi)
            out = out + np.where(wk > 0, wk * pt, 0.0)
        out = np.clip(out, self.lo, self.hi)
        return np.where(np.isnan(self.w[:, :1]), np.nan, out)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Comonotone paths (n, N, H): component drawn by weight, one uniform per path."""
        N = self.w.shape[0]
        H = self.comps[0].loc.shape[1]
        out = np.full((n, N, H), np.nan)
        for i in range(N):
            if np.isnan(self.w[i, 0]):
                continue
            ks = rng.choice(len(self.comps), size=n, p=self.w[i])
            us = rng.uniform(1e-9, 1 - 1e-9, size=n)
            for k, cp in enumerate(self.comps):
                sel = ks == k
                if not sel.any():
                    continue
                sub = _Comp(cp.name, cp.family, cp.log, cp.loc[i:i + 1], cp.scale[i:i + 1],
                            cp.df[i:i + 1], cp.alpha[i:i + 1], cp.ok[i:i + 1])
                c = self.c
                self.c = np.asarray(c)[:1] if np.ndim(c) == 2 else c
                try:
                    if cp.family == "nb":
                        # log mu at one normal quantile, the count at a second uniform
                        u2 = rng.uniform(1e-9, 1 - 1e-9, size=int(sel.sum()))[:, None]
                        mu = np.exp(sub.loc + self.c * sub.scale * special.ndtri(us[sel][:, None]))
                        out[sel, i] = _count_ppf(u2, mu, sub.alpha)
                    else:
                        out[sel, i] = self._comp_ppf(sub, us[sel][:, None])
                finally:
                    self.c = c
        return out


# --------------------------------------------------------------------------- the engine

def _prepare(kind: str, model: str | None):
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if model is not None and model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")


def _engine_weights(t: np.ndarray, Y: np.ndarray, kind: str, model: str | None):
    """Components to use and their weights (N, K) for aligned series (same years t)."""
    n = len(t)
    regular = bool(np.all(np.diff(t) == 1))
    if model is not None:
        return [model], np.ones((Y.shape[0], 1))
    # per-series positivity (log-linear) is handled by the component's ``ok`` mask; a signed kind
    # (a growth rate, a balance) is never modelled on the log scale
    cands = candidate_models(kind, n, regular, kind not in SIGNED_KINDS)
    return cands, _auto_weights(t, Y, kind, cands)


def data_support(Y: np.ndarray, kind: str) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The support's ends per series, ``(N, 1)`` each, where the series itself leaves the kind's
    support: no lower bound where it goes below 0 (a balance, a growth rate, a change in %), no
    upper bound where a share goes above 100 (a debt ratio in % of GDP). The kind's bounds would make
    every target beyond them certain. ``None`` for an end no series leaves; counts are never changed
    (they are never negative)."""
    if kind in _DISCRETE:
        return None, None
    lo0, hi0 = _SUPPORT[kind]
    with np.errstate(all="ignore"):
        Y = np.asarray(Y, float)
        below = np.any(Y < lo0, axis=1, keepdims=True)
        above = np.any(Y > hi0, axis=1, keepdims=True)
    return (np.where(below, -np.inf, lo0) if below.any() else None,
            np.where(above, np.inf, hi0) if above.any() else None)


def _engine_dist(t, Y, kind, cands, weights, hy, calibration, method_key, prior=None) -> _Mixture:
    if method_key == "auto" and kind in SIGNED_KINDS:  # the automatic rule is drift alone: its factors, no map
        method_key = "drift"
    comps = [_component(m, t, Y, hy, kind, prior) for m in cands]
    c = _factors(method_key, hy - t[-1], calibration)[None, :]
    lo, hi = data_support(Y, kind)
    d = _Mixture(comps, weights, kind, c, lo=lo, hi=hi)
    if method_key == "auto" and calibration and (calibration.get("recalibration") or {}).get("coef"):
        d.recal = calibration["recalibration"]["coef"]
        d.last, d.h, d.low = Y[:, -1:], (hy - t[-1])[None, :], len(t) < MIN_POINTS
        d.short = len(t) <= RECAL_SHORT_POINTS
    return d


def _check_explicit(model: str, kind: str, y: np.ndarray, t: np.ndarray) -> None:
    n = len(y)
    if model in ("loglinear", "logdrift") and not np.all(y > 0):
        raise ValueError(f"model {model!r} needs strictly positive values")
    if model in ("poisson", "negbin"):
        if kind not in _DISCRETE:
            raise ValueError(f"model {model!r} is for counts (kind count or milestone), not {kind!r}")
        if np.any(y < 0):
            raise ValueError(f"model {model!r} needs non-negative counts")
    if model in ("holt", "damped"):
        if n < HOLT_MIN:
            raise ValueError(f"model {model!r} needs at least {HOLT_MIN} points, got {n}")
        if not np.all(np.diff(t) == 1):
            raise ValueError(f"model {model!r} needs consecutive years (the series has gaps)")


def _label(cands: Sequence[str], w: np.ndarray, alpha_by_comp: dict[str, float]) -> str:
    """e.g. ``linear`` or ``linear+drift`` (components with weight >= 1%, by weight)."""
    if np.isnan(w).any():
        return "none"
    order = np.argsort(-w, kind="stable")
    names = []
    for k in order:
        if w[k] >= 0.01:
            nm = cands[k]
            if nm == "count_glm":
                nm = "negbin" if alpha_by_comp.get("count_glm", 0.0) > 0 else "poisson"
            names.append(nm)
    return "+".join(names) if names else "none"


def _labels(cands: Sequence[str], W: np.ndarray, alphas: Sequence[np.ndarray | None]) -> np.ndarray:
    """:func:`_label` of every row of the weights ``W`` (N, K) at once: the rows are grouped by
    the components they show (in weight order, and negbin or poisson for ``count_glm``) and
    each distinct combination is named once. ``alphas[k]`` is component k's dispersion (N,)
    or None."""
    N, K = W.shape
    if not N:
        return np.empty(0, dtype=object)
    order = np.argsort(-W, axis=1, kind="stable")            # as np.argsort(-w, kind="stable") per row
    shown = np.take_along_axis(W, order, axis=1) >= 0.01
    key = np.where(shown, order, K)                           # shown components in order, K = none
    glm = np.zeros(N, dtype=np.int64)
    for nm, a in zip(cands, alphas):
        if nm == "count_glm" and a is not None:
            glm = (np.asarray(a, dtype=float) > 0).astype(np.int64)
    nan = np.isnan(W).any(axis=1)
    full = np.column_stack([key, glm, nan.astype(np.int64)])
    uniq, inv = np.unique(full, axis=0, return_inverse=True)
    names = np.empty(len(uniq), dtype=object)
    for u, row in enumerate(uniq):
        if row[-1]:
            names[u] = "none"
            continue
        parts = []
        for k in row[:K]:
            if k < K:
                nm = cands[k]
                if nm == "count_glm":
                    nm = "negbin" if row[K] else "poisson"
                parts.append(nm)
        names[u] = "+".join(parts) if parts else "none"
    return names[np.asarray(inv).reshape(-1)]
