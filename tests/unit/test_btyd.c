/*
 * Unit tests of crm_btyd: the fits on the CDNOW summary against the
 * published figures, the conditional expectations against the paper's
 * formulas written out here independently (the Gauss hypergeometric
 * function as its plain series in long double), degenerate inputs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_btyd.h"

struct customer {
	double x, t_x, T, zbar;
};

static struct customer *cdnow;
static size_t ncdnow;

/* tests/data/cdnow beside this file's directory. */
static void
read_cdnow(void)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash == NULL ? 0 : (int)(slash - __FILE__);
	char line[256];
	FILE *fp;

	snprintf(path, sizeof path, "%.*s%s../data/cdnow/"
	    "cdnow_customers_summary_with_transactions.csv", dir, __FILE__,
	    slash == NULL ? "" : "/");
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	cdnow = calloc(3000, sizeof *cdnow);
	assert_non_null(fgets(line, sizeof line, fp));
	while (fgets(line, sizeof line, fp) != NULL) {
		struct customer *c = &cdnow[ncdnow];
		int id;

		assert_int_equal(sscanf(line, "%d,%lf,%lf,%lf,%lf", &id, &c->x,
		    &c->t_x, &c->T, &c->zbar), 5);
		ncdnow++;
	}
	fclose(fp);
	assert_int_equal(ncdnow, 2357);
}

static int
setup(void **state)
{
	(void)state;
	read_cdnow();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(cdnow);
	return 0;
}

static crm_btyd_sample *
cdnow_sample(void)
{
	crm_btyd_sample *s = crm_btyd_sample_new();

	for (size_t i = 0; i < ncdnow; i++)
		crm_btyd_sample_add(s, cdnow[i].x, cdnow[i].t_x, cdnow[i].T,
		    cdnow[i].zbar);
	return s;
}

static void
assert_near(double got, double want, double tol, const char *what)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("%s: %.10g, expected %.10g +- %g", what, got, want,
		    tol);
}

static void
assert_rel(long double got, long double want, double tol, const char *what)
{
	long double d = fabsl(got - want), scale = fabsl(want);

	if (!(d <= tol * (scale > 1e-300L ? scale : 1)))
		fail_msg("%s: %.15Lg, expected %.15Lg (relative %Lg)", what,
		    got, want, scale > 0 ? d / scale : d);
}

/* ------------------------------------------------------------------ */
/* The independent implementation: the paper's equations as printed. */

/* 2F1(a, b; c; z) by summing its series; 0 <= z < 1. */
static long double
plain_2f1(long double a, long double b, long double c, long double z)
{
	long double term = 1, sum = 1;

	for (long n = 0; n < 50000000L; n++) {
		term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
		sum += term;
		if (fabsl(term) < 1e-21L * fabsl(sum) && n > 5)
			break;
	}
	return sum;
}

/* Equation (13) of Fader, Hardie and Lee (2005). */
static long double
paper_p_alive(const crm_btyd_bgnbd *p, long double x, long double t_x,
	      long double T)
{
	if (x == 0)
		return 1;
	return 1 / (1 + p->a / (p->b + x - 1) * powl((p->alpha + T) /
	    (p->alpha + t_x), p->r + x));
}

/* Equation (10). */
static long double
paper_expected(const crm_btyd_bgnbd *p, long double x, long double t_x,
	       long double T, long double t)
{
	long double r = p->r, al = p->alpha, a = p->a, b = p->b;
	long double z = t / (al + T + t);
	long double h = plain_2f1(r + x, b + x, a + b + x - 1, z);
	long double num = (a + b + x - 1) / (a - 1) *
	    (1 - powl((al + T) / (al + T + t), r + x) * h);

	return num * paper_p_alive(p, x, t_x, T);
}

/* The BG/NBD likelihood of one customer, equation (6) as printed. */
static long double
paper_ll(const crm_btyd_bgnbd *p, long double x, long double t_x,
	 long double T)
{
	long double r = p->r, al = p->alpha, a = p->a, b = p->b;
	long double lbeta = lgammal(a) + lgammal(b + x) - lgammal(a + b + x) -
	    (lgammal(a) + lgammal(b) - lgammal(a + b));
	long double lg = lgammal(r + x) - lgammal(r) + r * logl(al);
	long double l1 = expl(lbeta + lg - (r + x) * logl(al + T));
	long double l2 = 0;

	if (x > 0)
		l2 = expl(lgammal(a + 1) + lgammal(b + x - 1) -
		    lgammal(a + b + x) - (lgammal(a) + lgammal(b) -
		    lgammal(a + b)) + lg - (r + x) * logl(al + t_x));
	return logl(l1 + l2);
}

static const crm_btyd_bgnbd paper = { 0.243, 4.414, 0.793, 2.426 };

/* ------------------------------------------------------------------ */

static void
test_cdnow_bgnbd_fit(void **state)
{
	crm_btyd_sample *s = cdnow_sample();
	crm_btyd_bgnbd p;
	crm_btyd_fit fit;
	crm_error err;

	(void)state;
	assert_int_equal(crm_btyd_bgnbd_fit(s, 0, &p, &fit, &err), 0);
	/* Fader, Hardie and Lee (2005), section 5 */
	assert_near(p.r, 0.243, 0.0005, "r");
	assert_near(p.alpha, 4.414, 0.0005, "alpha");
	assert_near(p.a, 0.793, 0.0005, "a");
	assert_near(p.b, 2.426, 0.0005, "b");
	assert_near(fit.ll, -9582.4, 0.05, "log-likelihood");
	assert_true(fit.customers == 2357);
	assert_true(fit.iterations > 0);
	assert_true(crm_btyd_sample_rows(s) < 2357);
	crm_btyd_sample_free(s);
}

static void
test_cdnow_ll_independent(void **state)
{
	crm_btyd_sample *s = cdnow_sample();
	long double want = 0;

	(void)state;
	for (size_t i = 0; i < ncdnow; i++)
		want += paper_ll(&paper, cdnow[i].x, cdnow[i].t_x, cdnow[i].T);
	assert_rel(crm_btyd_bgnbd_ll(s, &paper), want, 1e-12,
	    "log-likelihood at the paper's parameters");
	crm_btyd_sample_free(s);
}

static void
test_cdnow_gg_fit(void **state)
{
	crm_btyd_sample *s = cdnow_sample();
	crm_btyd_gg g;
	crm_btyd_fit fit;
	crm_error err;

	(void)state;
	assert_int_equal(crm_btyd_gg_fit(s, 0, &g, &fit, &err), 0);
	/* Fader and Hardie's note: p 6.25, q 3.74, v 15.44.  The maximum
	 * of this likelihood on the two-decimal zbar is v = 15.4477
	 * (SciPy agrees), so v is held to 0.01. */
	assert_near(g.p, 6.25, 0.005, "p");
	assert_near(g.q, 3.74, 0.005, "q");
	assert_near(g.v, 15.44, 0.01, "v");
	assert_true(fit.customers == 946);
	crm_btyd_sample_free(s);
}

/* Every CDNOW customer, several horizons, two parameter sets (a < 1 as
 * fitted, a > 1), z from 0.02 to 0.99 (GSL beyond 0.9). */
static void
test_expected_independent(void **state)
{
	static const double horizons[] = { 0.5, 1, 10, 26, 39, 52, 104, 300,
	    2000 };
	static const crm_btyd_bgnbd sets[] = {
		{ 0.243, 4.414, 0.793, 2.426 },
		{ 1.7, 12.5, 2.6, 4.1 },
		{ 0.5, 2, 1.3, 0.4 },
	};
	size_t checked = 0;

	(void)state;
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		for (size_t i = 0; i < ncdnow; i += 3)
			for (size_t j = 0; j < sizeof horizons /
			    sizeof horizons[0]; j++) {
				const struct customer *c = &cdnow[i];
				char what[128];

				snprintf(what, sizeof what, "set %zu customer "
				    "%zu t %g", k, i + 1, horizons[j]);
				assert_rel(crm_btyd_expected(&sets[k], c->x,
				    c->t_x, c->T, horizons[j]),
				    paper_expected(&sets[k], c->x, c->t_x,
				    c->T, horizons[j]), 1e-6, what);
				checked++;
			}
	for (size_t i = 0; i < ncdnow; i++)
		assert_rel(crm_btyd_p_alive(&paper, cdnow[i].x, cdnow[i].t_x,
		    cdnow[i].T), paper_p_alive(&paper, cdnow[i].x,
		    cdnow[i].t_x, cdnow[i].T), 1e-12, "p_alive");
	assert_true(checked > 6000);
}

/* The boundary between the series and z near 1, and young customers
 * (T small) far ahead, where z = t/(alpha+T+t) is close to 1. */
static void
test_expected_boundary(void **state)
{
	static const crm_btyd_bgnbd p = { 0.243, 4.414, 0.793, 2.426 };
	static const double xs[] = { 0, 1, 3, 12 };
	double a_s = p.alpha + 2;

	(void)state;
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		/* s = t/(alpha+T) = 1/2 exactly, either side; z = 0.9 */
		double ts[] = { 0.5 * a_s, nextafter(0.5 * a_s, 0),
		    nextafter(0.5 * a_s, 1e9), 9 * a_s,
		    nextafter(9 * a_s, 0), nextafter(9 * a_s, 1e9),
		    99 * a_s, 999 * a_s };

		for (size_t j = 0; j < sizeof ts / sizeof ts[0]; j++) {
			char what[64];

			snprintf(what, sizeof what, "x %g t %.17g", xs[i],
			    ts[j]);
			assert_rel(crm_btyd_expected(&p, xs[i],
			    xs[i] > 0 ? 1 : 0, 2, ts[j]),
			    paper_expected(&p, xs[i], xs[i] > 0 ? 1 : 0, 2,
			    ts[j]), 1e-6, what);
		}
	}
}

/* a = 1 makes the paper's (a+b+x-1)/(a-1) infinite and its bracket 0:
 * the result is the limit, between a = 1 -+ 1e-3. */
static void
test_expected_a_one(void **state)
{
	crm_btyd_bgnbd one = { 0.4, 6, 1, 3 }, lo = one, hi = one;

	(void)state;
	lo.a = 1 - 1e-3;
	hi.a = 1 + 1e-3;
	for (double t = 1; t < 1000; t *= 3) {
		long double want = (paper_expected(&lo, 2, 5, 20, t) +
		    paper_expected(&hi, 2, 5, 20, t)) / 2;

		assert_rel(crm_btyd_expected(&one, 2, 5, 20, t), want, 1e-5,
		    "a = 1");
		one.a = 1 + 1e-12;
		assert_rel(crm_btyd_expected(&one, 2, 5, 20, t), want, 1e-5,
		    "a = 1 + 1e-12");
		one.a = 1;
	}
}

static void
test_discounted(void **state)
{
	crm_btyd_horizon h = { 52, 7, 0 };
	const struct customer *c = &cdnow[0];
	double month = 30.4375 / 7, want = 0, prev = 0;

	(void)state;
	/* rate 0: the expected purchases over the horizon */
	assert_rel(crm_btyd_discounted(&paper, c->x, c->t_x, c->T, &h),
	    crm_btyd_expected(&paper, c->x, c->t_x, c->T, 52), 1e-12,
	    "undiscounted");
	/* the months' purchases add up to the horizon's */
	h.rate = 1e-12;
	assert_rel(crm_btyd_discounted(&paper, c->x, c->t_x, c->T, &h),
	    crm_btyd_expected(&paper, c->x, c->t_x, c->T, 52), 1e-9,
	    "months added");
	/* 52 weeks: 11 months of 30.4375 days and one of 29.1875 */
	h.rate = 0.1;
	for (int i = 1; i <= 12; i++) {
		double t = i < 12 ? i * month : 52;
		double e = (double)paper_expected(&paper, c->x, c->t_x, c->T,
		    t);

		want += (e - prev) / pow(1.1, t * 7 / 365.25);
		prev = e;
	}
	assert_rel(crm_btyd_discounted(&paper, c->x, c->t_x, c->T, &h),
	    want, 1e-6, "discounted");
	/* 12 months given in days: 12 months, not 13 */
	h = (crm_btyd_horizon){ 12 * 30.4375, 1, 0.1 };
	{
		crm_btyd_bgnbd pd = paper;
		double w = 0;

		pd.alpha *= 7;
		prev = 0;
		for (int i = 1; i <= 12; i++) {
			double e = crm_btyd_expected(&pd, c->x, c->t_x * 7,
			    c->T * 7, i * 30.4375);

			w += (e - prev) * pow(1.1, -i * 30.4375 / 365.25);
			prev = e;
		}
		assert_rel(crm_btyd_discounted(&pd, c->x, c->t_x * 7,
		    c->T * 7, &h), w, 1e-12, "whole months in days");
	}
	h.length = 0;
	assert_true(crm_btyd_discounted(&paper, 1, 1, 2, &h) == 0);
}

static void
test_spend(void **state)
{
	crm_btyd_gg g = { 6.25, 3.74, 15.44 };

	(void)state;
	/* the population mean p v / (q - 1) */
	assert_rel(crm_btyd_spend(&g, 0, 0), 6.25 * 15.44 / 2.74, 1e-14,
	    "x = 0");
	/* a weighted mean of it and m: weights q-1 and p x */
	assert_rel(crm_btyd_spend(&g, 2, 30), (2.74 * (6.25 * 15.44 / 2.74) +
	    12.5 * 30) / (2.74 + 12.5), 1e-14, "x = 2");
}

static void
test_check(void **state)
{
	(void)state;
	assert_int_equal(crm_btyd_check(0, 0, 1, 0), 0);
	assert_int_equal(crm_btyd_check(3, 2, 2, 10), 0);
	assert_int_equal(crm_btyd_check(-1, 0, 1, 0), 1);
	assert_int_equal(crm_btyd_check(1.5, 0, 1, 0), 1);
	assert_int_equal(crm_btyd_check(1, -0.1, 1, 0), 2);
	assert_int_equal(crm_btyd_check(1, 0, 0, 0), 3);
	assert_int_equal(crm_btyd_check(1, 0, -2, 0), 3);
	assert_int_equal(crm_btyd_check(1, 3, 2, 0), 4);
	assert_int_equal(crm_btyd_check(1, 1, 2, -5), 5);
	assert_int_equal(crm_btyd_check(NAN, 1, 2, 5), 1);
	assert_int_equal(crm_btyd_check(1, 1, INFINITY, 5), 3);
}

/* A fit of s either fails with a message naming --penalizer or gives
 * parameters in range; never NaN. */
static void
fit_finite_or_error(crm_btyd_sample *s, double penalizer)
{
	crm_btyd_bgnbd p;
	crm_btyd_gg g;
	crm_btyd_fit fit;
	crm_error err;

	if (crm_btyd_bgnbd_fit(s, penalizer, &p, &fit, &err) < 0) {
		assert_int_equal(err.status, 1);
		assert_non_null(strstr(err.msg, "--penalizer"));
		assert_false(isnan(p.r) || isnan(p.alpha));
	} else {
		assert_true(p.r >= 1e-6 && p.r <= 1e6);
		assert_true(isfinite(fit.ll));
		assert_true(isfinite(crm_btyd_expected(&p, 1, 1, 2, 52)));
		assert_true(isfinite(crm_btyd_p_alive(&p, 1, 1, 2)));
	}
	if (crm_btyd_gg_fit(s, penalizer, &g, &fit, &err) < 0) {
		assert_int_equal(err.status, 1);
		assert_true(strstr(err.msg, "--penalizer") != NULL ||
		    strstr(err.msg, "no customer") != NULL);
	} else {
		assert_true(g.q > 1);
		assert_true(isfinite(crm_btyd_spend(&g, 3, 10)));
	}
}

static void
test_degenerate(void **state)
{
	crm_btyd_sample *s;
	crm_btyd_bgnbd p;
	crm_btyd_fit fit;
	crm_error err;

	(void)state;
	/* nothing to fit */
	s = crm_btyd_sample_new();
	assert_int_equal(crm_btyd_bgnbd_fit(s, 0, &p, &fit, &err), -1);
	assert_int_equal(err.status, 1);
	crm_btyd_sample_free(s);
	/* only one-time buyers: p runs off to 1 (a/b to infinity) */
	s = crm_btyd_sample_new();
	for (int i = 0; i < 500; i++)
		crm_btyd_sample_add(s, 0, 0, 10 + i % 30, 0);
	assert_int_equal(crm_btyd_bgnbd_fit(s, 0, &p, &fit, &err), -1);
	assert_non_null(strstr(err.msg, "--penalizer"));
	assert_non_null(strstr(err.msg, "last r = "));
	fit_finite_or_error(s, 0.1);
	crm_btyd_sample_free(s);
	/* three customers */
	s = crm_btyd_sample_new();
	crm_btyd_sample_add(s, 2, 5, 10, 20);
	crm_btyd_sample_add(s, 0, 0, 7, 0);
	crm_btyd_sample_add(s, 1, 3, 3, 15);
	fit_finite_or_error(s, 0);
	fit_finite_or_error(s, 0.01);
	crm_btyd_sample_free(s);
	/* identical customers: one row, weight 1000 */
	s = crm_btyd_sample_new();
	for (int i = 0; i < 1000; i++)
		crm_btyd_sample_add(s, 2, 10, 20, 30);
	assert_int_equal(crm_btyd_sample_rows(s), 1);
	assert_true(crm_btyd_sample_customers(s) == 1000);
	fit_finite_or_error(s, 0);
	crm_btyd_sample_free(s);
	/* huge T */
	s = cdnow_sample();
	crm_btyd_sample_add(s, 3, 1e8, 1e12, 10);
	fit_finite_or_error(s, 0);
	crm_btyd_sample_free(s);
}

/* Extreme customers score finite, in range. */
static void
test_extreme_scores(void **state)
{
	static const double cases[][4] = {
		{ 0, 0, 1e-9, 1 }, { 0, 0, 1e12, 1e9 }, { 5000, 10, 20, 52 },
		{ 5000, 20, 20, 1e6 }, { 1, 0, 1e12, 52 }, { 200, 1e-3, 1e9, 52 },
		{ 30, 39, 39, 1e-9 }, { 1, 1, 1, 1e15 },
	};
	static const crm_btyd_bgnbd sets[] = {
		{ 0.243, 4.414, 0.793, 2.426 }, { 50, 0.01, 0.05, 900 },
		{ 1e-5, 1e5, 20, 0.01 },
	};
	crm_btyd_horizon h = { 52, 7, 0.1 };

	(void)state;
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			const double *c = cases[i];
			double pa = crm_btyd_p_alive(&sets[k], c[0], c[1], c[2]);
			double e = crm_btyd_expected(&sets[k], c[0], c[1], c[2],
			    c[3]);
			double d = crm_btyd_discounted(&sets[k], c[0], c[1],
			    c[2], &h);

			if (!(pa >= 0 && pa <= 1 && isfinite(e) && e >= 0 &&
			    isfinite(d) && d >= 0))
				fail_msg("set %zu case %zu: p_alive %g, "
				    "expected %g, discounted %g", k, i, pa, e,
				    d);
		}
}

/* The scorer gives what the functions give, from its memory the second
 * time. */
static void
test_scorer(void **state)
{
	crm_btyd_horizon h = { 52, 7, 0.1 };
	crm_btyd_scorer *sc = crm_btyd_scorer_new(&paper, &h, 1000);

	(void)state;
	/* 1000 remembered, the others computed each time */
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < ncdnow; i++) {
			const struct customer *c = &cdnow[i];
			crm_btyd_scores s;

			crm_btyd_score(sc, c->x, c->t_x, c->T, &s);
			assert_true(s.p_alive == crm_btyd_p_alive(&paper, c->x,
			    c->t_x, c->T));
			assert_true(s.expected == crm_btyd_expected(&paper,
			    c->x, c->t_x, c->T, 52));
			assert_true(s.discounted == crm_btyd_discounted(&paper,
			    c->x, c->t_x, c->T, &h));
		}
	crm_btyd_scorer_free(sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdnow_bgnbd_fit),
		cmocka_unit_test(test_cdnow_ll_independent),
		cmocka_unit_test(test_cdnow_gg_fit),
		cmocka_unit_test(test_expected_independent),
		cmocka_unit_test(test_expected_boundary),
		cmocka_unit_test(test_expected_a_one),
		cmocka_unit_test(test_discounted),
		cmocka_unit_test(test_spend),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_extreme_scores),
		cmocka_unit_test(test_scorer),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
