/* Unit tests of crm_alloc: water-filling, the response optimum, the
 * rounding onto the grid, pools.  Expected figures are worked by hand
 * in the comments; the property tests check the optimality conditions
 * on random instances (fixed seed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_alloc.h"

#define MAXN 64

/* One instance of one pool. */
struct inst {
	double budget, unit;
	unsigned flags;
	double min_all, max_all;
	size_t n;
	double w[MAXN], h[MAXN], lo[MAXN], hi[MAXN];
	double out[MAXN];
};

/* Solve; returns 0, or -1 with the message in msg. */
static int
solve(struct inst *t, char *msg, size_t cap)
{
	crm_alloc_spec spec = { .budget = t->budget, .unit = t->unit,
	    .flags = t->flags, .min_all = t->min_all,
	    .max_all = t->max_all };
	crm_error err;
	crm_alloc *a = crm_alloc_new(&spec, &err);
	int rc = 0;

	if (a == NULL) {
		snprintf(msg, cap, "%s", err.msg);
		return -1;
	}
	for (size_t i = 0; i < t->n && rc == 0; i++)
		rc = crm_alloc_add(a, 0, t->w[i], t->h[i], t->lo[i],
		    t->hi[i], &err);
	if (rc == 0)
		rc = crm_alloc_solve(a, &err);
	if (rc < 0)
		snprintf(msg, cap, "%s", err.msg);
	for (size_t i = 0; i < t->n && rc == 0; i++)
		t->out[i] = crm_alloc_next(a, 0);
	crm_alloc_free(a);
	return rc;
}

static void
solve_ok(struct inst *t)
{
	char msg[CRM_ERR_MAX];

	if (solve(t, msg, sizeof msg) < 0)
		fail_msg("unexpected error: %s", msg);
}

static struct inst
inst(double budget, double unit, size_t n, const double *w)
{
	struct inst t = { .budget = budget, .unit = unit, .n = n,
	    .max_all = INFINITY };

	for (size_t i = 0; i < n; i++) {
		t.w[i] = w[i];
		t.hi[i] = INFINITY;
	}
	return t;
}

/* 10 over weights 1, 2, 2 in whole units: 2, 4, 4. */
static void
test_proportional_whole(void **state)
{
	struct inst t = inst(10, 1, 3, (double[]){ 1, 2, 2 });

	(void)state;
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 4 && t.out[2] == 4);
}

/* Equal weights, 10 over 3 rows: 10/3 = 3.3333... With --unit 1 the
 * floors are 3, 3, 3, one unit left, ties go to the first row: 4, 3, 3.
 * Without a unit the grid is 1e-11 (budget 10: e = 1, 13 digits): the
 * floors 3.33333333333 leave one cell for the first row. */
static void
test_equal_weights(void **state)
{
	struct inst t = inst(10, 1, 3, (double[]){ 5, 5, 5 });

	(void)state;
	solve_ok(&t);
	assert_true(t.out[0] == 4 && t.out[1] == 3 && t.out[2] == 3);
	t.unit = 0;
	solve_ok(&t);
	assert_true(t.out[0] == 3.33333333334);
	assert_true(t.out[1] == 3.33333333333);
	assert_true(t.out[2] == 3.33333333333);
}

/* Ties of remainder go to the higher weight first: weights 1, 1, 2, 2
 * over 9 units: 1.5, 1.5, 3, 3: floors 1, 1, 3, 3, one unit left, the
 * remainders 0.5 of rows 0 and 1 tie on weight too: row 0. */
static void
test_ties(void **state)
{
	struct inst t = inst(9, 1, 4, (double[]){ 1, 1, 2, 2 });

	(void)state;
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 1 && t.out[2] == 3 &&
	    t.out[3] == 3);
	/* 7 units over 1, 2: 2.333, 4.667: the 0.667 remainder wins */
	t = inst(7, 1, 2, (double[]){ 1, 2 });
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 5);
	/* 3 units over 1, 1, 1, 3 (0.5 each, 1.5): floors 0, 0, 0, 1,
	 * two units left, remainders all 0.5: the weight 3 first, then
	 * row 0 */
	t = inst(3, 1, 4, (double[]){ 1, 1, 1, 3 });
	solve_ok(&t);
	assert_true(t.out[0] == 1 && t.out[1] == 0 && t.out[2] == 0 &&
	    t.out[3] == 2);
}

/* One row takes the whole budget. */
static void
test_one_row(void **state)
{
	struct inst t = inst(1234.5, 0, 1, (double[]){ 0.001 });

	(void)state;
	solve_ok(&t);
	assert_true(t.out[0] == 1234.5);
}

/* Caps: 100 over weights 1, 1, 8 with max 30: the 8 is capped at 30,
 * the others share 70: 35 each, above the cap too: all capped at 30 is
 * 90 < 100, infeasible.  With max 40: 8 capped at 40, 30 and 30. */
static void
test_caps(void **state)
{
	struct inst t = inst(100, 0, 3, (double[]){ 1, 1, 8 });
	char msg[CRM_ERR_MAX];

	(void)state;
	t.max_all = 30;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "infeasible budget 100: the minimums sum "
	    "to 0, the maximums sum to 90");
	t.max_all = 40;
	solve_ok(&t);
	assert_true(t.out[0] == 30 && t.out[1] == 30 && t.out[2] == 40);
	/* all capped: the budget is the sum of the maximums */
	t.budget = 120;
	solve_ok(&t);
	assert_true(t.out[0] == 40 && t.out[1] == 40 && t.out[2] == 40);
}

/* Minimums: 10 over weights 1, 9 with min 3 per row: 1 x lambda below 3,
 * so row 0 is at 3 and row 1 gets 7.  Budget = sum of minimums: all at
 * minimum; below it: infeasible. */
static void
test_minimums(void **state)
{
	struct inst t = inst(10, 0, 2, (double[]){ 1, 9 });
	char msg[CRM_ERR_MAX];

	(void)state;
	t.min_all = 3;
	solve_ok(&t);
	assert_true(t.out[0] == 3 && t.out[1] == 7);
	t.budget = 6;
	solve_ok(&t);
	assert_true(t.out[0] == 3 && t.out[1] == 3);
	t.budget = 5;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "infeasible budget 5: the minimums sum to "
	    "6, the maximums are unbounded");
}

/* Weights <= 0 get their minimum and take nothing more. */
static void
test_zero_weights(void **state)
{
	struct inst t = inst(10, 1, 3, (double[]){ 0, 1, 0 });
	char msg[CRM_ERR_MAX];

	(void)state;
	t.flags = CRM_ALLOC_ROW_MIN;
	t.lo[0] = 2;
	t.lo[2] = 1;
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 7 && t.out[2] == 1);
	/* all zero: only the minimums' sum is feasible */
	t.w[1] = 0;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "infeasible budget 10: the minimums sum to "
	    "3, the maximums sum to 3");
	t.budget = 3;
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 0 && t.out[2] == 1);
}

/* Weights 1e300, 1, 1e-300 over 100: nearly all to the first; with its
 * cap 10 the second takes 90, the third a grid cell at most. */
static void
test_extreme_weights(void **state)
{
	struct inst t = inst(100, 0, 3, (double[]){ 1e300, 1, 1e-300 });

	(void)state;
	solve_ok(&t);
	assert_true(t.out[0] == 100 && t.out[1] == 0 && t.out[2] == 0);
	t.flags = CRM_ALLOC_ROW_MAX;
	t.hi[0] = 10;
	solve_ok(&t);
	assert_true(t.out[0] == 10 && t.out[1] == 90 && t.out[2] == 0);
	/* tiny weights alone: proportions as usual, also subnormal ones */
	t = inst(6, 1, 2, (double[]){ 1e-300, 2e-300 });
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 4);
	t = inst(6, 1, 2, (double[]){ 1e-320, 2e-320 });
	solve_ok(&t);
	assert_true(t.out[0] == 2 && t.out[1] == 4);
	t = inst(6, 0, 2, (double[]){ 1e308, 1e308 });
	solve_ok(&t);
	assert_true(t.out[0] == 3 && t.out[1] == 3);
}

/* Row bounds: the minimum above the maximum, also after rounding onto
 * the unit. */
static void
test_row_bounds(void **state)
{
	struct inst t = inst(10, 1, 1, (double[]){ 1 });
	char msg[CRM_ERR_MAX];

	(void)state;
	t.flags = CRM_ALLOC_ROW_MIN | CRM_ALLOC_ROW_MAX;
	t.lo[0] = 5;
	t.hi[0] = 4;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "minimum 5 exceeds maximum 4");
	t.lo[0] = 2.5;
	t.hi[0] = 2.7;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "no multiple of --unit 1 lies between "
	    "minimum 2.5 and maximum 2.7");
	/* rounded inward: min 2.5 -> 3, max 9.5 -> 9 over budget 10,
	 * one row: infeasible; two rows with weights 1, 1: 5, 5 */
	t.lo[0] = 2.5;
	t.hi[0] = 9.5;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "infeasible budget 10: the minimums sum to "
	    "3, the maximums sum to 9");
}

static void
test_unit_errors(void **state)
{
	struct inst t = inst(10.5, 1, 1, (double[]){ 1 });
	char msg[CRM_ERR_MAX];

	(void)state;
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
	assert_string_equal(msg, "--budget 10.5 is no multiple of --unit 1");
	/* 0.3 is 3 x 0.1 although 0.3 / 0.1 is 2.9999999999999996 */
	t = inst(0.3, 0.1, 2, (double[]){ 1, 2 });
	solve_ok(&t);
	assert_true(fabs(t.out[0] - 0.1) < 1e-15 &&
	    fabs(t.out[1] - 0.2) < 1e-15);
	t = inst(1e15, 1, 1, (double[]){ 1 });
	assert_int_equal(solve(&t, msg, sizeof msg), -1);
}

/* Response: s = 100, 100, h = 1, 4, budget 10, no caps: a_i =
 * k sqrt(h_i) - h_i with k (1 + 2) - 5 = 10, k = 5: 4 and 6. */
static void
test_response_closed_form(void **state)
{
	struct inst t = inst(10, 0, 2, (double[]){ 100, 100 });

	(void)state;
	t.flags = CRM_ALLOC_RESPONSE;
	t.h[0] = 1;
	t.h[1] = 4;
	solve_ok(&t);
	assert_true(t.out[0] == 4 && t.out[1] == 6);
	/* budget 1: k 3 - 5 = 1 gives k = 2, a_1 = 2 - 4 < 0: row 1 at
	 * its minimum 0, row 0 takes it all */
	t.budget = 1;
	solve_ok(&t);
	assert_true(t.out[0] == 1 && t.out[1] == 0);
}

/* Pools: the budget split by shares, each pool solved alone. */
static void
test_pools(void **state)
{
	double shares[2] = { 0.7, 0.3 };
	const char *labels[2] = { "retention", "acquisition" };
	crm_alloc_spec spec = { .budget = 101, .unit = 1, .min_all = 0,
	    .max_all = INFINITY, .shares = shares, .labels = labels,
	    .npools = 2 };
	crm_alloc_stats st;
	crm_error err;
	crm_alloc *a = crm_alloc_new(&spec, &err);

	(void)state;
	assert_non_null(a);
	/* 70.7 and 30.3: floors 70, 30, the unit left to the 0.7 */
	assert_int_equal(crm_alloc_add(a, 0, 1, 0, 0, 0, &err), 0);
	assert_int_equal(crm_alloc_add(a, 1, 1, 0, 0, 0, &err), 0);
	assert_int_equal(crm_alloc_add(a, 1, 3, 0, 0, 0, &err), 0);
	assert_int_equal(crm_alloc_solve(a, &err), 0);
	assert_true(crm_alloc_next(a, 0) == 71);
	/* 7.5 and 22.5: the tie of remainders goes to the weight 3 */
	assert_true(crm_alloc_next(a, 1) == 7);
	assert_true(crm_alloc_next(a, 1) == 23);
	crm_alloc_stats_of(a, 1, &st);
	assert_int_equal(st.rows, 2);
	assert_true(st.budget == 30 && st.allocated == 30);
	crm_alloc_free(a);
	/* an empty pool with a budget is infeasible, named */
	a = crm_alloc_new(&spec, &err);
	assert_int_equal(crm_alloc_add(a, 0, 1, 0, 0, 0, &err), 0);
	assert_int_equal(crm_alloc_solve(a, &err), -1);
	assert_string_equal(err.msg, "pool 'acquisition': infeasible budget "
	    "30: the minimums sum to 0, the maximums sum to 0");
	crm_alloc_free(a);
}

static void
test_parse_pools(void **state)
{
	const char *labels[4];
	double shares[4];
	crm_error err;
	char s1[] = "retention=70%,acquisition=30%";
	char s2[] = "a=0.5,b=0.25";
	char s3[] = "a=50%,a=50%";
	char s4[] = "a=49,5%;b=50,5%";
	char s5[] = "a50%";

	(void)state;
	assert_int_equal(crm_alloc_parse_pools(s1, false, labels, shares, 4,
	    &err), 2);
	assert_string_equal(labels[1], "acquisition");
	assert_true(shares[0] == 0.7 && shares[1] == 0.3);
	assert_int_equal(crm_alloc_parse_pools(s2, false, labels, shares, 4,
	    &err), 0);
	assert_string_equal(err.msg, "--pools: the shares sum to 75 %, not "
	    "100 %");
	assert_int_equal(crm_alloc_parse_pools(s3, false, labels, shares, 4,
	    &err), 0);
	assert_string_equal(err.msg, "--pools: pool 'a' given twice");
	/* the decimal comma separates pools with ';' */
	assert_int_equal(crm_alloc_parse_pools(s4, true, labels, shares, 4,
	    &err), 2);
	assert_true(shares[0] == 0.495 && shares[1] == 0.505);
	assert_int_equal(crm_alloc_parse_pools(s5, false, labels, shares, 4,
	    &err), 0);
	assert_string_equal(err.msg, "--pools: 'a50%' is not LABEL=SHARE");
}

/* Bounds that vary by row beside a response (or both bounds) are kept
 * in a temporary file and read back in blocks: with budgets equal to
 * the sum of the maximums (or minimums) every row must get exactly its
 * own bound, in two pools of rows interleaved in runs of 35 (bounds
 * repeat every 35 rows, so both pools' sums are alike and 50 % each is
 * exact), over more rows than one block. */
static double
spilled_bound(size_t i, bool at_max)
{
	return at_max ? (double)(i % 7 + 1 + i % 5) : (double)(i % 7);
}

static void
check_spilled(unsigned flags, bool at_max)
{
	static const double shares[2] = { 0.5, 0.5 };
	static const char *const labels[2] = { "a", "b" };
	enum { N = 3010 };
	double sum[2] = { 0, 0 };
	crm_alloc_spec spec = { .unit = 1, .flags = flags,
	    .max_all = INFINITY, .shares = shares, .labels = labels,
	    .npools = 2 };
	crm_error err;
	crm_alloc *a;

	for (size_t i = 0; i < N; i++)
		sum[i / 35 % 2] += spilled_bound(i, at_max);
	assert_true(sum[0] == sum[1]);
	spec.budget = sum[0] + sum[1];
	a = crm_alloc_new(&spec, &err);
	assert_non_null(a);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(crm_alloc_add(a, i / 35 % 2,
		    1 + (double)(i % 3), 1 + (double)(i % 4),
		    spilled_bound(i, false), spilled_bound(i, true), &err),
		    0);
	assert_int_equal(crm_alloc_solve(a, &err), 0);
	for (size_t i = 0; i < N; i++)
		assert_true(crm_alloc_next(a, i / 35 % 2) ==
		    spilled_bound(i, at_max));
	crm_alloc_free(a);
}

static void
test_spilled_bounds(void **state)
{
	unsigned both = CRM_ALLOC_ROW_MIN | CRM_ALLOC_ROW_MAX;

	(void)state;
	check_spilled(both, true);
	check_spilled(both, false);
	check_spilled(both | CRM_ALLOC_RESPONSE, true);
	check_spilled(both | CRM_ALLOC_RESPONSE, false);
	check_spilled(CRM_ALLOC_ROW_MAX | CRM_ALLOC_RESPONSE, true);
}

/* ------------------------------------------------------------------ */
/* Properties over random instances */

static double
uniform(void)
{
	return (double)rand() / ((double)RAND_MAX + 1);
}

/* A random instance: weights spanning decades, some zero, bounds of
 * random rows, a feasible budget between the sums of the bounds. */
static struct inst
random_inst(double unit, bool response)
{
	struct inst t = { .unit = unit, .n = 1 + (size_t)(uniform() * 40),
	    .max_all = INFINITY, .flags = CRM_ALLOC_ROW_MIN |
	    CRM_ALLOC_ROW_MAX | (response ? CRM_ALLOC_RESPONSE : 0) };
	double slo = 0, shi = 0;

	for (size_t i = 0; i < t.n; i++) {
		t.w[i] = uniform() < 0.1 ? 0 : pow(10, 4 * uniform() - 2);
		t.h[i] = pow(10, 2 * uniform());
		t.lo[i] = uniform() < 0.3 ? floor(uniform() * 5) : 0;
		t.hi[i] = uniform() < 0.5 ? t.lo[i] + floor(uniform() * 50) :
		    INFINITY;
		slo += t.lo[i];
		shi += t.w[i] > 0 ? (isinf(t.hi[i]) ? 1000 : t.hi[i]) :
		    t.lo[i];
	}
	t.budget = floor(slo + (shi - slo) * uniform());
	return t;
}

static double
sum_of(const double *v, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

/* Proportional, no unit: every free row has alloc / weight = lambda,
 * rows at the minimum want less (w lambda <= min), rows at the maximum
 * more; the sum is the budget to the grid's cell. */
static void
test_property_optimality(void **state)
{
	(void)state;
	srand(20261204);
	for (int k = 0; k < 500; k++) {
		struct inst t = random_inst(0, false);
		double lambda = -1, wmax = 0, grid = t.budget > 0 ?
		    pow(10, floor(log10(t.budget)) - 12) : 1;

		solve_ok(&t);
		assert_true(fabs(sum_of(t.out, t.n) - t.budget) <=
		    t.n * grid);
		for (size_t i = 0; i < t.n; i++)
			if (t.w[i] > 0 && t.out[i] > t.lo[i] + grid &&
			    t.out[i] < t.hi[i] - grid && t.w[i] > wmax) {
				/* the largest weight gives lambda best */
				wmax = t.w[i];
				lambda = t.out[i] / t.w[i];
			}
		for (size_t i = 0; i < t.n; i++) {
			double x = t.out[i], tol = 2 * grid;
			bool at_lo, at_hi;

			if (t.w[i] == 0) {
				assert_true(x == t.lo[i]);
				continue;
			}
			assert_true(x >= t.lo[i] - grid &&
			    x <= t.hi[i] + grid);
			if (lambda < 0)
				continue;
			at_lo = x <= t.lo[i] + grid;
			at_hi = x >= t.hi[i] - grid;

			if (!at_lo && !at_hi)
				assert_true(fabs(x - t.w[i] * lambda) <= tol);
			if (at_lo && !at_hi)
				assert_true(t.w[i] * lambda <= x + tol);
			if (at_hi && !at_lo)
				assert_true(t.w[i] * lambda >= x - tol);
		}
	}
}

/* With a unit: multiples of it, within the bounds, summing exactly to
 * the budget, each within one unit of the unrounded allocation. */
static void
test_property_unit(void **state)
{
	(void)state;
	srand(7);
	for (int k = 0; k < 500; k++) {
		struct inst t = random_inst(1, false);
		struct inst fine;
		double s = 0;

		solve_ok(&t);
		fine = t;
		fine.unit = 0;
		solve_ok(&fine);
		for (size_t i = 0; i < t.n; i++) {
			assert_true(t.out[i] == floor(t.out[i]));
			assert_true(t.out[i] >= t.lo[i] &&
			    t.out[i] <= t.hi[i]);
			assert_true(fabs(t.out[i] - fine.out[i]) < 1 + 1e-6);
			s += t.out[i];
		}
		assert_true(s == t.budget);
	}
}

static double
response(const struct inst *t, const double *a)
{
	double r = 0;

	for (size_t i = 0; i < t->n; i++)
		r += t->w[i] * a[i] / (a[i] + t->h[i]);
	return r;
}

/* Response: no small feasible transfer between two rows raises the
 * total expected response. */
static void
test_property_response(void **state)
{
	(void)state;
	srand(99);
	for (int k = 0; k < 300; k++) {
		struct inst t = random_inst(0, true);
		double base, a[MAXN];

		solve_ok(&t);
		base = response(&t, t.out);
		memcpy(a, t.out, sizeof a);
		for (size_t i = 0; i < t.n; i++)
			for (size_t j = 0; j < t.n; j++) {
				double d = 1e-4 * (t.budget + 1) / t.n;

				if (i == j || a[i] - d < t.lo[i] ||
				    a[j] + d > t.hi[j])
					continue;
				a[i] -= d;
				a[j] += d;
				if (response(&t, a) > base + 1e-9 *
				    (fabs(base) + 1))
					fail_msg("instance %d: moving %g from "
					    "row %zu to %zu gains", k, d, i, j);
				a[i] = t.out[i];
				a[j] = t.out[j];
			}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proportional_whole),
		cmocka_unit_test(test_equal_weights),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_one_row),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_minimums),
		cmocka_unit_test(test_zero_weights),
		cmocka_unit_test(test_extreme_weights),
		cmocka_unit_test(test_row_bounds),
		cmocka_unit_test(test_unit_errors),
		cmocka_unit_test(test_response_closed_form),
		cmocka_unit_test(test_pools),
		cmocka_unit_test(test_parse_pools),
		cmocka_unit_test(test_spilled_bounds),
		cmocka_unit_test(test_property_optimality),
		cmocka_unit_test(test_property_unit),
		cmocka_unit_test(test_property_response),
	};

	return cmocka_run_group_tests_name("crm_alloc", tests, NULL, NULL);
}
