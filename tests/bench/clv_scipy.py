"""SciPy beside clv(1): fit BG/NBD and Gamma-Gamma by maximum likelihood.

Usage: /usr/bin/python3 clv_scipy.py FILE [X T_X T M]

Reads FILE (CSV with a header; the columns X, T_X, T, M, default x,
t_x, T, m) with pandas and minimises the same objectives as clv: the
negative log-likelihood over the customers divided by their number, on
the logarithms of the parameters, with scipy.optimize.minimize and
Nelder-Mead, as the Python package lifetimes fits these models (no
collapsing of identical customers).  Prints the parameters, the
log-likelihoods and the function evaluations.
"""
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

OPTIONS = {"xatol": 1e-7, "fatol": 1e-10, "maxiter": 20000, "maxfev": 20000}


def bgnbd_nll(log_params, x, t_x, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(b + x - 1)
                      - (r + x) * np.log(alpha + t_x), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)


def gg_nll(log_params, x, m):
    p, q, v = np.exp(log_params)
    px = p * x
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v)
          + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(v + x * m))
    return -np.sum(ll) / len(x)


def main():
    path = sys.argv[1]
    cols = sys.argv[2:6] if len(sys.argv) >= 6 else ["x", "t_x", "T", "m"]
    d = pd.read_csv(path, usecols=cols)
    x, t_x, T, m = (d[c].to_numpy(dtype=float) for c in cols)
    bg = minimize(bgnbd_nll, np.zeros(4), args=(x, t_x, T),
                  method="Nelder-Mead", options=OPTIONS)
    k = (x > 0) & (m > 0)
    gg = minimize(gg_nll, np.log([1.0, 2.0, m[k].mean()]), args=(x[k], m[k]),
                  method="Nelder-Mead", options=OPTIONS)
    r, alpha, a, b = np.exp(bg.x)
    p, q, v = np.exp(gg.x)
    print("bgnbd r %.6g alpha %.6g a %.6g b %.6g ll %.10g nfev %d" %
          (r, alpha, a, b, -bg.fun * len(x), bg.nfev))
    print("gamma_gamma p %.6g q %.6g v %.6g ll %.10g nfev %d" %
          (p, q, v, -gg.fun * k.sum(), gg.nfev))


main()
