#include "crm_btyd.h"

#include "crm_hash.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gsl/gsl_sf_psi.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A BG/NBD row: a distinct (x, t_x, T) and how many customers have it;
 * xi indexes the distinct x values. */
struct bg_row {
	double tx, T, w;
	size_t xi;
};

/* A Gamma-Gamma row: a distinct (x, m), x > 0, m > 0; log m kept. */
struct gg_row {
	double m, logm, w;
	size_t xi;
};

struct crm_btyd_sample {
	crm_hash *bg_keys, *gg_keys, *x_keys;
	struct bg_row *bg;
	struct gg_row *gg;
	double *xs;		/* distinct x values */
	size_t nbg, nxs, ngg, capbg, capxs, capgg;
	double customers, sum_x, sum_T, gg_customers, sum_m;
};

crm_btyd_sample *
crm_btyd_sample_new(void)
{
	crm_btyd_sample *s = crm_xcalloc(1, sizeof *s);

	s->bg_keys = crm_hash_new(0);
	s->gg_keys = crm_hash_new(0);
	s->x_keys = crm_hash_new(0);
	return s;
}

void
crm_btyd_sample_free(crm_btyd_sample *s)
{
	if (s == NULL)
		return;
	crm_hash_free(s->bg_keys);
	crm_hash_free(s->gg_keys);
	crm_hash_free(s->x_keys);
	free(s->bg);
	free(s->gg);
	free(s->xs);
	free(s);
}

/* Grow *p (elements of size) to hold n + 1. */
static void *
room(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap == 0 ? 64 : *cap * 2;
	return crm_xreallocarray(p, *cap, size);
}

static size_t
x_index(crm_btyd_sample *s, double x)
{
	bool added;
	size_t i = crm_hash_intern(s->x_keys, &x, sizeof x, &added);

	if (added) {
		s->xs = room(s->xs, s->nxs, &s->capxs, sizeof *s->xs);
		s->xs[s->nxs++] = x;
	}
	return i;
}

void
crm_btyd_sample_add(crm_btyd_sample *s, double x, double t_x, double T,
		    double m)
{
	/* + 0.0 makes -0 into 0, so both are one key */
	double key[3] = { x + 0.0, t_x + 0.0, T + 0.0 };
	bool added;
	size_t i;

	s->customers += 1;
	s->sum_x += x;
	s->sum_T += T;
	i = crm_hash_intern(s->bg_keys, key, sizeof key, &added);
	if (added) {
		s->bg = room(s->bg, s->nbg, &s->capbg, sizeof *s->bg);
		s->bg[s->nbg++] = (struct bg_row){ key[1], key[2], 0,
		    x_index(s, key[0]) };
	}
	s->bg[i].w += 1;
	if (!(x > 0 && m > 0))
		return;
	key[1] = m;
	s->gg_customers += 1;
	s->sum_m += m;
	i = crm_hash_intern(s->gg_keys, key, 2 * sizeof key[0], &added);
	if (added) {
		s->gg = room(s->gg, s->ngg, &s->capgg, sizeof *s->gg);
		s->gg[s->ngg++] = (struct gg_row){ m, log(m), 0,
		    x_index(s, key[0]) };
	}
	s->gg[i].w += 1;
}

double
crm_btyd_sample_customers(const crm_btyd_sample *s)
{
	return s->customers;
}

size_t
crm_btyd_sample_rows(const crm_btyd_sample *s)
{
	return s->nbg;
}

int
crm_btyd_check(double x, double t_x, double T, double m)
{
	if (!(isfinite(x) && x >= 0 && x == floor(x)))
		return 1;
	if (!(isfinite(t_x) && t_x >= 0))
		return 2;
	if (!(isfinite(T) && T > 0))
		return 3;
	if (t_x > T)
		return 4;
	if (!(isfinite(m) && m >= 0))
		return 5;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Likelihoods and their gradients in the log-parameters */

/* Per distinct x, the terms of one evaluation that depend on x only. */
struct bg_xterm {
	double a12;		/* A1 + A2 without r log alpha */
	double d_r, d_a, d_b;	/* their derivatives in r, a, b */
	double log_bx1, inv_bx1;	/* log(b+x-1), 1/(b+x-1), x > 0 */
};

static void
bg_xterms(const crm_btyd_sample *s, const double *par, struct bg_xterm *xt)
{
	double r = par[0], a = par[2], b = par[3];
	double lg_r = gsl_sf_lngamma(r), lg_b = gsl_sf_lngamma(b);
	double lg_ab = gsl_sf_lngamma(a + b);
	double ps_r = gsl_sf_psi(r), ps_b = gsl_sf_psi(b);
	double ps_ab = gsl_sf_psi(a + b);

	for (size_t i = 0; i < s->nxs; i++) {
		double x = s->xs[i];
		struct bg_xterm *t = &xt[i];

		if (x == 0) {
			*t = (struct bg_xterm){ 0, 0, 0, 0, 0, 0 };
			continue;
		}
		t->a12 = gsl_sf_lngamma(r + x) - lg_r + lg_ab +
		    gsl_sf_lngamma(b + x) - lg_b - gsl_sf_lngamma(a + b + x);
		t->d_r = gsl_sf_psi(r + x) - ps_r;
		t->d_a = ps_ab - gsl_sf_psi(a + b + x);
		t->d_b = t->d_a + gsl_sf_psi(b + x) - ps_b;
		t->log_bx1 = log(b + x - 1);
		t->inv_bx1 = 1 / (b + x - 1);
	}
}

/*
 * BG/NBD log-likelihood at par (natural scale) and, when grad is not
 * NULL, its gradient in the natural parameters.  Per row, with
 * A3 = -(r+x) log(alpha+T), A4 = log a - log(b+x-1) - (r+x) log(alpha+t_x):
 * ll = A1 + A2 + log(exp(A3) + [x>0] exp(A4)), and pi is the share of
 * the second term.
 */
static double
bg_ll(const crm_btyd_sample *s, const double *par, double *grad)
{
	double r = par[0], alpha = par[1], a = par[2];
	double log_alpha = log(alpha), log_a = log(a);
	struct bg_xterm *xt = crm_xcalloc(s->nxs, sizeof *xt);
	double ll = 0, g[4] = { 0, 0, 0, 0 };

	bg_xterms(s, par, xt);
	for (size_t i = 0; i < s->nbg; i++) {
		const struct bg_row *row = &s->bg[i];
		const struct bg_xterm *t = &xt[row->xi];
		double x = s->xs[row->xi], rx = r + x;
		double lT = log(alpha + row->T), a3 = -rx * lT;
		double l, pi = 0, lt = 0, dlog_alpha;

		if (x > 0) {
			double a4, d;

			lt = log(alpha + row->tx);
			a4 = log_a - t->log_bx1 - rx * lt;
			d = a4 - a3;
			if (d < 0) {
				double e = exp(d);

				l = a3 + log1p(e);
				pi = e / (1 + e);
			} else {
				double e = exp(-d);

				l = a4 + log1p(e);
				pi = 1 / (1 + e);
			}
		} else
			l = a3;
		l += t->a12 + r * log_alpha;
		ll += row->w * l;
		if (grad == NULL)
			continue;
		dlog_alpha = (1 - pi) / (alpha + row->T) +
		    pi / (alpha + row->tx);
		g[0] += row->w * (t->d_r + log_alpha - (1 - pi) * lT - pi * lt);
		g[1] += row->w * (r / alpha - rx * dlog_alpha);
		g[2] += row->w * (t->d_a + pi / a);
		g[3] += row->w * (t->d_b - pi * t->inv_bx1);
	}
	free(xt);
	if (grad != NULL)
		memcpy(grad, g, sizeof g);
	return ll;
}

/* Gamma-Gamma: per x, lngamma(px+q) - lngamma(px) and derivatives. */
struct gg_xterm {
	double lg, ps_pxq, ps_px, logx;
};

static double
gg_ll(const crm_btyd_sample *s, const double *par, double *grad)
{
	double p = par[0], q = par[1], v = par[2];
	double lg_q = gsl_sf_lngamma(q), ps_q = gsl_sf_psi(q), log_v = log(v);
	struct gg_xterm *xt = crm_xcalloc(s->nxs, sizeof *xt);
	double ll = 0, g[3] = { 0, 0, 0 };

	for (size_t i = 0; i < s->nxs; i++) {
		double x = s->xs[i];

		if (x == 0)
			continue;
		xt[i].lg = gsl_sf_lngamma(p * x + q) - gsl_sf_lngamma(p * x);
		xt[i].ps_pxq = gsl_sf_psi(p * x + q);
		xt[i].ps_px = gsl_sf_psi(p * x);
		xt[i].logx = log(x);
	}
	for (size_t i = 0; i < s->ngg; i++) {
		const struct gg_row *row = &s->gg[i];
		const struct gg_xterm *t = &xt[row->xi];
		double x = s->xs[row->xi], px = p * x;
		double lvxm = log(v + x * row->m);

		ll += row->w * (t->lg - lg_q + q * log_v + (px - 1) * row->logm +
		    px * t->logx - (px + q) * lvxm);
		if (grad == NULL)
			continue;
		g[0] += row->w * x * (t->ps_pxq - t->ps_px + row->logm +
		    t->logx - lvxm);
		g[1] += row->w * (t->ps_pxq - ps_q + log_v - lvxm);
		g[2] += row->w * (q / v - (px + q) / (v + x * row->m));
	}
	free(xt);
	if (grad != NULL)
		memcpy(grad, g, sizeof g);
	return ll;
}

double
crm_btyd_bgnbd_ll(const crm_btyd_sample *s, const crm_btyd_bgnbd *par)
{
	double p[4] = { par->r, par->alpha, par->a, par->b };

	return bg_ll(s, p, NULL);
}

double
crm_btyd_gg_ll(const crm_btyd_sample *s, const crm_btyd_gg *par)
{
	double p[3] = { par->p, par->q, par->v };

	return gg_ll(s, p, NULL);
}

/* ------------------------------------------------------------------ */
/* Fitting */

#define NPAR_MAX 4
/* Log-parameters beyond this bound are kept back by a quadratic wall,
 * so that the objective stays finite; the bound lies far outside what a
 * converged fit may return (1e-6 .. 1e6). */
#define LOG_WALL 30.0

struct objective {
	const crm_btyd_sample *s;
	double (*ll)(const crm_btyd_sample *, const double *, double *);
	size_t n;
	double customers, penalizer;
	gsl_vector *grad;	/* the gradient at the point reached */
};

/* -ll / customers + penalizer * sum(par^2) + the wall, and its gradient
 * in the log-parameters theta. */
static double
objective_eval(const struct objective *o, const gsl_vector *theta,
	       gsl_vector *grad)
{
	double par[NPAR_MAX], g[NPAR_MAX], th[NPAR_MAX] = { 0 }, f = 0, ll;

	for (size_t i = 0; i < o->n; i++) {
		th[i] = gsl_vector_get(theta, i);
		par[i] = exp(fmax(-LOG_WALL, fmin(LOG_WALL, th[i])));
	}
	ll = o->ll(o->s, par, grad != NULL ? g : NULL);
	f = -ll / o->customers;
	for (size_t i = 0; i < o->n; i++) {
		double over = fabs(th[i]) - LOG_WALL;

		f += o->penalizer * par[i] * par[i];
		if (over > 0)
			f += over * over;
		if (grad == NULL)
			continue;
		g[i] = -g[i] * par[i] / o->customers +
		    2 * o->penalizer * par[i] * par[i];
		if (over > 0)
			g[i] = 2 * over * (th[i] > 0 ? 1 : -1);
		gsl_vector_set(grad, i, g[i]);
	}
	return isfinite(f) ? f : GSL_POSINF;
}

static double
obj_f(const gsl_vector *theta, void *ctx)
{
	return objective_eval(ctx, theta, NULL);
}

static void
obj_df(const gsl_vector *theta, void *ctx, gsl_vector *grad)
{
	objective_eval(ctx, theta, grad);
}

static void
obj_fdf(const gsl_vector *theta, void *ctx, double *f, gsl_vector *grad)
{
	*f = objective_eval(ctx, theta, grad);
}

#define MAX_ITER 2000
#define GRAD_TOL 1e-7		/* gradient norm of the mean objective */
#define MAX_RESTARTS 5
#define NEWTON_TOL 1e-11	/* gradient norm where Newton stops */
#define NEWTON_STEPS 20
#define HESS_STEP 1e-4		/* of the gradient differences */

/* The Hessian of o at x, by central differences of the gradient
 * (symmetrised).  g is scratch. */
static void
hessian(const struct objective *o, gsl_vector *x, gsl_matrix *h,
	gsl_vector *g)
{
	for (size_t j = 0; j < o->n; j++) {
		double xj = gsl_vector_get(x, j);

		gsl_vector_set(x, j, xj + HESS_STEP);
		objective_eval(o, x, g);
		for (size_t i = 0; i < o->n; i++)
			gsl_matrix_set(h, i, j, gsl_vector_get(g, i));
		gsl_vector_set(x, j, xj - HESS_STEP);
		objective_eval(o, x, g);
		for (size_t i = 0; i < o->n; i++)
			gsl_matrix_set(h, i, j, (gsl_matrix_get(h, i, j) -
			    gsl_vector_get(g, i)) / (2 * HESS_STEP));
		gsl_vector_set(x, j, xj);
	}
	for (size_t i = 0; i < o->n; i++)
		for (size_t j = 0; j < i; j++) {
			double v = (gsl_matrix_get(h, i, j) +
			    gsl_matrix_get(h, j, i)) / 2;

			gsl_matrix_set(h, i, j, v);
			gsl_matrix_set(h, j, i, v);
		}
}

/*
 * Newton steps from x while they lower the gradient: BFGS stalls in the
 * long flat valleys of these likelihoods (Gamma-Gamma's p and v move
 * together) short of the optimum, which the local quadratic model
 * reaches in a few steps.  Leaves o->grad at the gradient at x.  Returns
 * the steps taken.
 */
static unsigned long
newton(struct objective *o, gsl_vector *x)
{
	size_t n = o->n;
	gsl_matrix *h = gsl_matrix_alloc(n, n);
	gsl_vector *g = gsl_vector_alloc(n), *d = gsl_vector_alloc(n);
	gsl_vector *y = gsl_vector_alloc(n), *gy = gsl_vector_alloc(n);
	unsigned long steps = 0;

	if (h == NULL || g == NULL || d == NULL || y == NULL || gy == NULL)
		crm_die(CRM_EXIT_IO, "out of memory");
	objective_eval(o, x, o->grad);
	while (steps < NEWTON_STEPS && gsl_blas_dnrm2(o->grad) > NEWTON_TOL) {
		hessian(o, x, h, g);
		if (gsl_linalg_cholesky_decomp1(h) != GSL_SUCCESS ||
		    gsl_linalg_cholesky_solve(h, o->grad, d) != GSL_SUCCESS)
			break;	/* not a minimum's neighbourhood */
		gsl_vector_memcpy(y, x);
		gsl_vector_sub(y, d);
		objective_eval(o, y, gy);
		if (!(gsl_blas_dnrm2(gy) < gsl_blas_dnrm2(o->grad)))
			break;
		gsl_vector_memcpy(x, y);
		gsl_vector_memcpy(o->grad, gy);
		steps++;
	}
	gsl_matrix_free(h);
	gsl_vector_free(g);
	gsl_vector_free(d);
	gsl_vector_free(y);
	gsl_vector_free(gy);
	return steps;
}

/*
 * Minimise o from start (log-parameters) with BFGS (GSL's
 * vector_bfgs2), restarting it when it stalls short of the test.  Writes
 * the log-parameters reached to theta_out.  Returns 0 when the gradient
 * test passed, -1 when it did not.
 */
static int
minimise(struct objective *o, const double *start, double *theta_out,
	 unsigned long *iterations)
{
	gsl_multimin_function_fdf fdf = { obj_f, obj_df, obj_fdf, o->n, o };
	gsl_multimin_fdfminimizer *m = gsl_multimin_fdfminimizer_alloc(
	    gsl_multimin_fdfminimizer_vector_bfgs2, o->n);
	gsl_vector *x = gsl_vector_alloc(o->n);
	int status = GSL_CONTINUE, restarts = 0;
	unsigned long it = 0;

	if (m == NULL || x == NULL)
		crm_die(CRM_EXIT_IO, "out of memory");
	for (size_t i = 0; i < o->n; i++)
		gsl_vector_set(x, i, start[i]);
	gsl_multimin_fdfminimizer_set(m, &fdf, x, 0.1, 0.1);
	while (status == GSL_CONTINUE && it < MAX_ITER) {
		int rc = gsl_multimin_fdfminimizer_iterate(m);

		it++;
		status = gsl_multimin_test_gradient(m->gradient, GRAD_TOL);
		if (rc == GSL_SUCCESS || status != GSL_CONTINUE)
			continue;
		/* no progress: a curvature estimate gone stale (start
		 * again from here), or a flat valley Newton finishes */
		if (restarts++ < MAX_RESTARTS)
			gsl_multimin_fdfminimizer_restart(m);
		else
			break;
	}
	gsl_vector_memcpy(x, m->x);
	gsl_multimin_fdfminimizer_free(m);
	it += newton(o, x);
	status = gsl_multimin_test_gradient(o->grad, GRAD_TOL);
	for (size_t i = 0; i < o->n; i++)
		theta_out[i] = gsl_vector_get(x, i);
	*iterations = it;
	gsl_vector_free(x);
	return status == GSL_SUCCESS ? 0 : -1;
}

/* Whether every parameter lies in [1e-6, 1e6]. */
static bool
in_range(const double *par, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(par[i] >= 1e-6 && par[i] <= 1e6))
			return false;
	return true;
}

static int
fit(struct objective *o, const double *start, double *par,
    crm_btyd_fit *info)
{
	double theta[NPAR_MAX], log_start[NPAR_MAX];
	int rc;

	gsl_set_error_handler_off();
	for (size_t i = 0; i < o->n; i++)
		log_start[i] = log(start[i]);
	if ((o->grad = gsl_vector_alloc(o->n)) == NULL)
		crm_die(CRM_EXIT_IO, "out of memory");
	rc = minimise(o, log_start, theta, &info->iterations);
	gsl_vector_free(o->grad);
	for (size_t i = 0; i < o->n; i++)
		par[i] = exp(theta[i]);
	info->customers = o->customers;
	info->ll = o->ll(o->s, par, NULL);
	if (rc < 0 || !in_range(par, o->n) || !isfinite(info->ll))
		return -1;
	return 0;
}

/* What to try when a fit fails. */
static const char *
advice(double penalizer, char *buf, size_t cap)
{
	if (penalizer == 0)
		return "try --penalizer 0.001, or more customers";
	snprintf(buf, cap, "try another --penalizer than %g, or more "
	    "customers", penalizer);
	return buf;
}

int
crm_btyd_bgnbd_fit(const crm_btyd_sample *s, double penalizer,
		   crm_btyd_bgnbd *out, crm_btyd_fit *info, crm_error *err)
{
	struct objective o = { s, bg_ll, 4, s->customers, penalizer, NULL };
	double par[4], start[4];
	char buf[128];
	int rc;

	*info = (crm_btyd_fit){ 0, s->customers, 0 };
	if (s->customers == 0)
		return crm_error_set(err, CRM_EXIT_DATA,
		    "no customer to fit the BG/NBD model to");
	/* a mean rate of purchases as the data show it, p around 1/3 */
	start[0] = 1;
	start[1] = fmax(s->sum_T / fmax(s->sum_x, 1), 1e-3);
	start[2] = 1;
	start[3] = 2;
	rc = fit(&o, start, par, info);
	*out = (crm_btyd_bgnbd){ par[0], par[1], par[2], par[3] };
	if (rc < 0)
		return crm_error_set(err, CRM_EXIT_DATA,
		    "the BG/NBD fit did not converge after %lu iterations "
		    "(last r = %.6g, alpha = %.6g, a = %.6g, b = %.6g); %s",
		    info->iterations, par[0], par[1], par[2], par[3],
		    advice(penalizer, buf, sizeof buf));
	return 0;
}

int
crm_btyd_gg_fit(const crm_btyd_sample *s, double penalizer,
		crm_btyd_gg *out, crm_btyd_fit *info, crm_error *err)
{
	struct objective o = { s, gg_ll, 3, s->gg_customers, penalizer,
	    NULL };
	double par[3], start[3];
	char buf[128];
	int rc;

	*info = (crm_btyd_fit){ 0, s->gg_customers, 0 };
	if (s->gg_customers == 0)
		return crm_error_set(err, CRM_EXIT_DATA,
		    "no customer with x > 0 and m > 0 to fit the "
		    "Gamma-Gamma model to");
	start[0] = 1;
	start[1] = 2;
	start[2] = s->sum_m / s->gg_customers;
	rc = fit(&o, start, par, info);
	*out = (crm_btyd_gg){ par[0], par[1], par[2] };
	if (rc < 0 || par[1] <= 1)
		return crm_error_set(err, CRM_EXIT_DATA,
		    "the Gamma-Gamma fit %s after %lu iterations "
		    "(last p = %.6g, q = %.6g, v = %.6g); %s",
		    rc < 0 ? "did not converge" :
		    "gives q <= 1 (no finite mean spend)",
		    info->iterations, par[0], par[1], par[2],
		    advice(penalizer, buf, sizeof buf));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Conditional expectations */

double
crm_btyd_p_alive(const crm_btyd_bgnbd *par, double x, double t_x, double T)
{
	double lr, e;

	if (x <= 0)
		return 1;
	/* log of a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) */
	lr = log(par->a) - log(par->b + x - 1) + (par->r + x) *
	    (log(par->alpha + T) - log(par->alpha + t_x));
	if (lr > 0) {
		e = exp(-lr);
		return e / (1 + e);
	}
	return 1 / (1 + exp(lr));
}

#define SERIES_EPS 1e-18L
#define SERIES_MAX 100000000UL

/*
 * sum over n >= 1 of (u)_n (a)_(n-1) / ((c+1)_(n-1) n!) w^n: the series
 * of 2F1(u, a-1; c; w) - 1 times c / (a-1), with both factors taken into
 * the terms so that a = 1 and c near 0 are no special cases.  |w| < 1.
 */
static long double
series(long double u, long double a, long double c, long double w)
{
	long double term = u * w, sum = term;

	for (unsigned long n = 1; n < SERIES_MAX && term != 0; n++) {
		term *= (u + n) * (a + n - 1) / ((c + n) * (n + 1)) * w;
		sum += term;
		if (fabsl(term) <= SERIES_EPS * fabsl(sum) && n > 2)
			break;
	}
	return sum;
}

/*
 * c (F - 1) / (a - 1) with F = 2F1(u, a-1; c; z), for z near 1: GSL's
 * 2F1, where its transformations converge fast, unless the division
 * would lose digits or c is outside its domain; the series otherwise.
 */
static long double
series_near_one(double u, double a, double c, double z)
{
	gsl_sf_result res;

	gsl_set_error_handler_off();	/* a failure here means the series */
	if (fabs(a - 1) > 0.01 && c > 0.5 &&
	    gsl_sf_hyperg_2F1_e(u, a - 1, c, z, &res) == GSL_SUCCESS &&
	    isfinite(res.val) && fabs(res.err) <= 1e-10 * fabs(res.val))
		return (long double)c * (res.val - 1) / (a - 1);
	return series(u, a, c, z);
}

/*
 * Q(t) = c / (a-1) (1 - G), G = ((alpha+T)/(alpha+T+t))^(r+x)
 * 2F1(r+x, b+x; c; z), c = a+b+x-1, z = t/(alpha+T+t): the bracket of
 * equation (10) without its denominator.  With s = t/(alpha+T), Pfaff's
 * transformation gives G = 2F1(r+x, a-1; c; -s), whose series serves for
 * s <= 1/2; applied again, G = (1+s)^(1-a) 2F1(c-r-x, a-1; c; z).
 */
static double
bracket(const crm_btyd_bgnbd *par, double x, double T, double t)
{
	double k = par->r + x, a = par->a, c = par->a + par->b + x - 1;
	double s = t / (par->alpha + T), z, l, u, first;
	long double rest;

	if (s <= 0.5)
		return (double)-series(k, a, c, -s);
	z = t / (par->alpha + T + t);
	/* c (1 - (1+s)^(1-a)) / (a-1), as c log(1+s) expm1(u)/u */
	l = log1p(s);
	u = (1 - a) * l;
	first = c * l * (u == 0 ? 1 : expm1(u) / u);
	rest = z <= 0.9 ? series(c - k, a, c, z) :
	    series_near_one(c - k, a, c, z);
	return (double)((long double)first - expl((1 - a) * l) * rest);
}

double
crm_btyd_expected(const crm_btyd_bgnbd *par, double x, double t_x,
		  double T, double t)
{
	if (!(t > 0))
		return 0;
	return bracket(par, x, T, t) * crm_btyd_p_alive(par, x, t_x, T);
}

double
crm_btyd_spend(const crm_btyd_gg *par, double x, double m)
{
	double px = par->p * x;

	return (par->p * par->v + px * m) / (px + par->q - 1);
}

double
crm_btyd_discounted(const crm_btyd_bgnbd *par, double x, double t_x,
		    double T, const crm_btyd_horizon *h)
{
	double month = CRM_BTYD_MONTH_DAYS / h->unit_days;
	double months = h->length / month;
	double alive = crm_btyd_p_alive(par, x, t_x, T), prev = 0, sum = 0;
	unsigned long n;

	if (!(h->length > 0))
		return 0;
	if (h->rate == 0)	/* the months' purchases add up */
		return bracket(par, x, T, h->length) * alive;
	/* 52 weeks in months is 11.96: 12 months, the last one shorter;
	 * 12 months of 30.4375 days given in days is 12, not 13 */
	n = (unsigned long)fmax(1, ceil(months - 1e-9));
	for (unsigned long i = 1; i <= n; i++) {
		double t = fmin((double)i * month, h->length);
		double e = bracket(par, x, T, t);

		sum += (e - prev) * pow(1 + h->rate,
		    -t * h->unit_days / CRM_BTYD_YEAR_DAYS);
		prev = e;
	}
	return sum * alive;
}

struct crm_btyd_scorer {
	crm_btyd_bgnbd par;
	crm_btyd_horizon h;
	crm_hash *keys;
	crm_btyd_scores *scores;
	size_t n, cap, max;
};

crm_btyd_scorer *
crm_btyd_scorer_new(const crm_btyd_bgnbd *par, const crm_btyd_horizon *h,
		    size_t max)
{
	crm_btyd_scorer *sc = crm_xcalloc(1, sizeof *sc);

	sc->max = max;
	sc->par = *par;
	sc->h = *h;
	sc->keys = crm_hash_new(0);
	return sc;
}

void
crm_btyd_scorer_free(crm_btyd_scorer *sc)
{
	if (sc == NULL)
		return;
	crm_hash_free(sc->keys);
	free(sc->scores);
	free(sc);
}

static void
score(const crm_btyd_scorer *sc, double x, double t_x, double T,
      crm_btyd_scores *out)
{
	out->p_alive = crm_btyd_p_alive(&sc->par, x, t_x, T);
	out->expected = crm_btyd_expected(&sc->par, x, t_x, T, sc->h.length);
	out->discounted = crm_btyd_discounted(&sc->par, x, t_x, T, &sc->h);
}

void
crm_btyd_score(crm_btyd_scorer *sc, double x, double t_x, double T,
	       crm_btyd_scores *out)
{
	double key[3] = { x + 0.0, t_x + 0.0, T + 0.0 };
	long i = crm_hash_find(sc->keys, key, sizeof key);

	if (i >= 0) {
		*out = sc->scores[i];
		return;
	}
	score(sc, x, t_x, T, out);
	if (sc->n >= sc->max)
		return;
	crm_hash_intern(sc->keys, key, sizeof key, NULL);
	sc->scores = room(sc->scores, sc->n, &sc->cap, sizeof *sc->scores);
	sc->scores[sc->n++] = *out;
}
