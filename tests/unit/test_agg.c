/*
 * crm_agg: every aggregate against hand-computed values, empty and
 * single-value groups, missing and text values, and merges.
 *
 * Reference data {2, 4, 4, 4, 5, 5, 7, 9}: n 8, sum 40, mean 5, squared
 * deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7, stddev
 * sqrt(32/7); sorted, type-7 quantile at p: h = 7p, so the median is
 * v[3] + 0.5 (v[4] - v[3]) = 4.5 and p = 0.9 gives v[6] + 0.3 (v[7] -
 * v[6]) = 7.6.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crm_agg.h"

static const double ref[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
#define NREF (sizeof ref / sizeof ref[0])

static crm_value
num(double x)
{
	crm_value v = { CRM_VAL_NUM, x, NULL, 0, false };

	return v;
}

static crm_value
numtext(double x, const char *s)
{
	crm_value v = { CRM_VAL_NUM, x, s, strlen(s), false };

	return v;
}

static crm_value
text(const char *s)
{
	crm_value v = { CRM_VAL_STR, 0, s, strlen(s), false };

	return v;
}

static const crm_value missing = { CRM_VAL_MISSING, 0, NULL, 0, false };
static const crm_value invalid = { CRM_VAL_INVALID, 0, NULL, 0, false };

/* Result of kind over the values xs (through crm_agg_add). */
static bool
over(crm_agg_kind kind, double p, const double *xs, size_t n, double *out)
{
	crm_agg a;
	bool ok;

	crm_agg_init(&a, kind, p);
	for (size_t i = 0; i < n; i++)
		crm_agg_add(&a, xs[i]);
	ok = crm_agg_result(&a, out);
	crm_agg_free(&a);
	return ok;
}

static double
must(crm_agg_kind kind, double p, const double *xs, size_t n)
{
	double r = -12345;

	assert_true(over(kind, p, xs, n, &r));
	return r;
}

static void
test_reference(void **state)
{
	(void)state;
	assert_true(must(CRM_AGG_COUNT_ROWS, 0, ref, NREF) == 8);
	assert_true(must(CRM_AGG_COUNT, 0, ref, NREF) == 8);
	assert_true(must(CRM_AGG_SUM, 0, ref, NREF) == 40);
	assert_true(must(CRM_AGG_MEAN, 0, ref, NREF) == 5);
	assert_true(must(CRM_AGG_MIN, 0, ref, NREF) == 2);
	assert_true(must(CRM_AGG_MAX, 0, ref, NREF) == 9);
	assert_true(must(CRM_AGG_MEDIAN, 0, ref, NREF) == 4.5);
	assert_float_equal(must(CRM_AGG_QUANTILE, 0.9, ref, NREF), 7.6, 1e-12);
	assert_true(must(CRM_AGG_QUANTILE, 0.25, ref, NREF) == 4);
	assert_true(must(CRM_AGG_QUANTILE, 0, ref, NREF) == 2);
	assert_true(must(CRM_AGG_QUANTILE, 1, ref, NREF) == 9);
	assert_float_equal(must(CRM_AGG_VAR, 0, ref, NREF), 32.0 / 7, 1e-12);
	assert_float_equal(must(CRM_AGG_STDDEV, 0, ref, NREF),
	    sqrt(32.0 / 7), 1e-12);
	/* 2, 4, 5, 7, 9 as numbers printed in shortest form */
	assert_true(must(CRM_AGG_DISTINCT, 0, ref, NREF) == 5);
}

static void
test_unsorted_quantile(void **state)
{
	/* 10 values 1..10 shuffled: median 5.5; p 0.95: h = 8.55, 9 +
	 * 0.55 = 9.55; p 0.1: h = 0.9, 1 + 0.9 = 1.9. */
	static const double xs[] = { 7, 3, 10, 1, 9, 2, 8, 5, 4, 6 };

	(void)state;
	assert_true(must(CRM_AGG_MEDIAN, 0, xs, 10) == 5.5);
	assert_float_equal(must(CRM_AGG_QUANTILE, 0.95, xs, 10), 9.55, 1e-12);
	assert_float_equal(must(CRM_AGG_QUANTILE, 0.1, xs, 10), 1.9, 1e-12);
}

static void
test_empty_group(void **state)
{
	double r = -1;
	crm_agg a;
	crm_value v;

	(void)state;
	/* counts are 0, everything else is missing */
	assert_true(over(CRM_AGG_COUNT_ROWS, 0, NULL, 0, &r) && r == 0);
	assert_true(over(CRM_AGG_COUNT, 0, NULL, 0, &r) && r == 0);
	assert_true(over(CRM_AGG_COUNT_IF, 0, NULL, 0, &r) && r == 0);
	assert_true(over(CRM_AGG_DISTINCT, 0, NULL, 0, &r) && r == 0);
	assert_false(over(CRM_AGG_SUM, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_MEAN, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_MIN, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_MAX, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_MEDIAN, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_QUANTILE, 0.3, NULL, 0, &r));
	assert_false(over(CRM_AGG_VAR, 0, NULL, 0, &r));
	assert_false(over(CRM_AGG_STDDEV, 0, NULL, 0, &r));

	crm_agg_init(&a, CRM_AGG_SUM, 0);
	v = crm_agg_value(&a);
	assert_int_equal(v.type, CRM_VAL_MISSING);
	crm_agg_free(&a);
	crm_agg_init(&a, CRM_AGG_COUNT, 0);
	v = crm_agg_value(&a);
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(v.num == 0);
	crm_agg_free(&a);
}

static void
test_single_value(void **state)
{
	static const double one[] = { 3.25 };
	double r;

	(void)state;
	assert_true(must(CRM_AGG_SUM, 0, one, 1) == 3.25);
	assert_true(must(CRM_AGG_MEAN, 0, one, 1) == 3.25);
	assert_true(must(CRM_AGG_MIN, 0, one, 1) == 3.25);
	assert_true(must(CRM_AGG_MAX, 0, one, 1) == 3.25);
	assert_true(must(CRM_AGG_MEDIAN, 0, one, 1) == 3.25);
	assert_true(must(CRM_AGG_QUANTILE, 0.9, one, 1) == 3.25);
	/* sample variance needs two values */
	assert_false(over(CRM_AGG_VAR, 0, one, 1, &r));
	assert_false(over(CRM_AGG_STDDEV, 0, one, 1, &r));
	/* two equal values: 0, not missing */
	{
		static const double two[] = { 3.25, 3.25 };

		assert_true(must(CRM_AGG_VAR, 0, two, 2) == 0);
		assert_true(must(CRM_AGG_STDDEV, 0, two, 2) == 0);
	}
}

static void
test_negative_and_extremes(void **state)
{
	static const double xs[] = { -1.5, -7, 0, -0.25 };

	(void)state;
	assert_true(must(CRM_AGG_MIN, 0, xs, 4) == -7);
	assert_true(must(CRM_AGG_MAX, 0, xs, 4) == 0);
	assert_true(must(CRM_AGG_SUM, 0, xs, 4) == -8.75);
	assert_true(must(CRM_AGG_MEAN, 0, xs, 4) == -8.75 / 4);
	/* sorted -7 -1.5 -0.25 0: median -(1.5 + 0.25)/2 */
	assert_true(must(CRM_AGG_MEDIAN, 0, xs, 4) == -0.875);
}

static void
test_compensated_sum(void **state)
{
	static const double tenths[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
	    0.1, 0.1, 0.1 };
	static const double big[] = { 1e16, 1, -1e16 };

	(void)state;
	/* naive summation gives 0.9999999999999999 and 0 */
	assert_true(must(CRM_AGG_SUM, 0, tenths, 10) == 1.0);
	assert_true(must(CRM_AGG_SUM, 0, big, 3) == 1.0);
	assert_true(must(CRM_AGG_MEAN, 0, tenths, 10) == 0.1);
}

static void
test_values(void **state)
{
	crm_agg a;
	double r;
	crm_value v;

	(void)state;
	/* count(): every row, whatever the value */
	crm_agg_init(&a, CRM_AGG_COUNT_ROWS, 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	v = text("x");
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = num(0);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_true(crm_agg_result(&a, &r) && r == 3);
	crm_agg_free(&a);

	/* count(x): non-missing, text counts */
	crm_agg_init(&a, CRM_AGG_COUNT, 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	v = text("abc");
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = num(-1);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_int_equal(crm_agg_add_value(&a, &invalid), -1);
	assert_true(crm_agg_result(&a, &r) && r == 2);
	crm_agg_free(&a);

	/* count_if: true is a number other than 0 or non-empty text (as
	 * for if()); missing is false; INVALID is refused */
	crm_agg_init(&a, CRM_AGG_COUNT_IF, 0);
	v = num(1);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = num(0);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = num(-2);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	v = text("yes");
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = text("");
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_int_equal(crm_agg_add_value(&a, &invalid), -1);
	assert_true(crm_agg_result(&a, &r) && r == 3);
	crm_agg_free(&a);

	/* sum, mean: missing skipped, text refused and not counted */
	crm_agg_init(&a, CRM_AGG_MEAN, 0);
	v = num(10);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	v = text("12x");
	assert_int_equal(crm_agg_add_value(&a, &v), -1);
	assert_int_equal(crm_agg_add_value(&a, &invalid), -1);
	v = num(20);
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	assert_true(crm_agg_result(&a, &r) && r == 15);
	crm_agg_free(&a);

	/* only missing values: sum is missing (SQL NULL) */
	crm_agg_init(&a, CRM_AGG_SUM, 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	assert_int_equal(crm_agg_add_value(&a, &missing), 0);
	assert_false(crm_agg_result(&a, &r));
	crm_agg_free(&a);

	/* stddev over 1, missing, 3: sqrt(2) */
	crm_agg_init(&a, CRM_AGG_STDDEV, 0);
	v = num(1);
	crm_agg_add_value(&a, &v);
	crm_agg_add_value(&a, &missing);
	v = num(3);
	crm_agg_add_value(&a, &v);
	assert_true(crm_agg_result(&a, &r));
	assert_float_equal(r, sqrt(2), 1e-15);
	crm_agg_free(&a);
}

static void
test_distinct(void **state)
{
	crm_agg a;
	double r;
	crm_value v;

	(void)state;
	crm_agg_init(&a, CRM_AGG_DISTINCT, 0);
	v = text("north");
	assert_int_equal(crm_agg_add_value(&a, &v), 0);
	v = text("south");
	crm_agg_add_value(&a, &v);
	v = text("north");
	crm_agg_add_value(&a, &v);
	v = text("North");	/* as written: case counts */
	crm_agg_add_value(&a, &v);
	crm_agg_add_value(&a, &missing);
	v = text("");		/* empty: not counted */
	crm_agg_add_value(&a, &v);
	v = numtext(1, "1.0");	/* numbers as written */
	crm_agg_add_value(&a, &v);
	v = numtext(1, "1");
	crm_agg_add_value(&a, &v);
	v = numtext(1, "1");
	crm_agg_add_value(&a, &v);
	v = num(0.5);		/* computed: its shortest form "0.5" */
	crm_agg_add_value(&a, &v);
	v = text("0.5");
	crm_agg_add_value(&a, &v);
	assert_int_equal(crm_agg_add_value(&a, &invalid), -1);
	/* north south North 1.0 1 0.5 */
	assert_true(crm_agg_result(&a, &r) && r == 6);
	crm_agg_free(&a);
}

/* Merging the states over two parts equals the state over all. */
static void
check_merge(crm_agg_kind kind, double p, const double *xs, size_t n,
	    size_t cut)
{
	crm_agg all, left, right, empty;
	double ra, rm;
	bool oka, okm;

	crm_agg_init(&all, kind, p);
	crm_agg_init(&left, kind, p);
	crm_agg_init(&right, kind, p);
	crm_agg_init(&empty, kind, p);
	for (size_t i = 0; i < n; i++) {
		crm_agg_add(&all, xs[i]);
		crm_agg_add(i < cut ? &left : &right, xs[i]);
	}
	crm_agg_merge(&left, &right);
	crm_agg_merge(&left, &empty);	/* an empty part changes nothing */
	oka = crm_agg_result(&all, &ra);
	okm = crm_agg_result(&left, &rm);
	assert_true(oka == okm);
	if (oka)
		assert_float_equal(ra, rm, 1e-12 * (1 + fabs(ra)));
	/* merging into an empty state copies */
	crm_agg_merge(&empty, &all);
	okm = crm_agg_result(&empty, &rm);
	assert_true(oka == okm);
	if (oka)
		assert_float_equal(ra, rm, 1e-12 * (1 + fabs(ra)));
	crm_agg_free(&all);
	crm_agg_free(&left);
	crm_agg_free(&right);
	crm_agg_free(&empty);
}

static void
test_merge(void **state)
{
	static const crm_agg_kind kinds[] = {
		CRM_AGG_COUNT_ROWS, CRM_AGG_COUNT, CRM_AGG_COUNT_IF,
		CRM_AGG_SUM, CRM_AGG_MEAN, CRM_AGG_MIN, CRM_AGG_MAX,
		CRM_AGG_MEDIAN, CRM_AGG_QUANTILE, CRM_AGG_STDDEV, CRM_AGG_VAR,
		CRM_AGG_DISTINCT
	};
	static const double xs[] = { 12.5, 3, 1e6, -4, 3, 7.25, 0.001, 88,
	    3, 1e-3, 42, 17, 5, 5, 6 };
	size_t n = sizeof xs / sizeof xs[0];

	(void)state;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (size_t cut = 0; cut <= n; cut++) {
			check_merge(kinds[k], 0.3, xs, n, cut);
			check_merge(kinds[k], 0.3, ref, NREF,
			    cut <= NREF ? cut : NREF);
			/* parts of a single value each: stddev empty
			 * alone, defined together */
			check_merge(kinds[k], 0.75, xs, 2, cut < 2 ? cut : 1);
		}
}

static void
test_merge_var_exact(void **state)
{
	/* {2,4,4,4} and {5,5,7,9}: means 3.5 and 6.5, M2 3 and 11;
	 * Chan: 3 + 11 + 3^2 * 4*4/8 = 32, so var 32/7 as over all. */
	crm_agg a, b;
	double r;

	(void)state;
	crm_agg_init(&a, CRM_AGG_VAR, 0);
	crm_agg_init(&b, CRM_AGG_VAR, 0);
	for (size_t i = 0; i < 4; i++) {
		crm_agg_add(&a, ref[i]);
		crm_agg_add(&b, ref[i + 4]);
	}
	crm_agg_merge(&a, &b);
	assert_true(crm_agg_result(&a, &r));
	assert_true(r == 32.0 / 7);
	crm_agg_free(&a);
	crm_agg_free(&b);
}

static void
test_merge_distinct_overlap(void **state)
{
	crm_agg a, b;
	double r;

	(void)state;
	crm_agg_init(&a, CRM_AGG_DISTINCT, 0);
	crm_agg_init(&b, CRM_AGG_DISTINCT, 0);
	crm_agg_add_text(&a, "x", 1);
	crm_agg_add_text(&a, "y", 1);
	crm_agg_add_text(&b, "y", 1);
	crm_agg_add_text(&b, "z", 1);
	crm_agg_add_text(&b, "", 0);
	crm_agg_merge(&a, &b);
	assert_true(crm_agg_result(&a, &r) && r == 3);
	assert_true(crm_agg_result(&b, &r) && r == 2);
	crm_agg_free(&a);
	crm_agg_free(&b);
}

static void
test_many_values(void **state)
{
	/* 1..100001: median 50001, mean 50001, var n(n+1)/12 with
	 * n = 100001 -> 100001 * 100002 / 12 = 833358333.5 */
	crm_agg med, var;
	double r;

	(void)state;
	crm_agg_init(&med, CRM_AGG_MEDIAN, 0);
	crm_agg_init(&var, CRM_AGG_VAR, 0);
	for (int i = 100001; i >= 1; i--) {
		crm_agg_add(&med, i);
		crm_agg_add(&var, i);
	}
	assert_true(crm_agg_result(&med, &r) && r == 50001);
	assert_true(crm_agg_result(&var, &r));
	assert_float_equal(r, 833358333.5, 1e-6);
	crm_agg_free(&med);
	crm_agg_free(&var);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_unsorted_quantile),
		cmocka_unit_test(test_empty_group),
		cmocka_unit_test(test_single_value),
		cmocka_unit_test(test_negative_and_extremes),
		cmocka_unit_test(test_compensated_sum),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_distinct),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_var_exact),
		cmocka_unit_test(test_merge_distinct_overlap),
		cmocka_unit_test(test_many_values),
	};

	return cmocka_run_group_tests_name("crm_agg", tests, NULL, NULL);
}
