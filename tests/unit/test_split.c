/* Unit tests of crm_split: SPLIT parsing and type-7 quantiles. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm_split.h"
#include "crm_stats.h"

/* crm_stats_vec_move_append keeps every value, in order, across its pieces
 * and page releases, from small and large vectors alike. */
static void
test_dvec_move_append(void **state)
{
	static const size_t sizes[][2] = {
		{ 0, 0 }, { 0, 5 }, { 3, 0 }, { 1000, 1 },
		{ 70000, 200000 }, { 1, 300001 },
	};

	(void)state;
	for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
		crm_stats_vec a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
		size_t na = sizes[t][0], nb = sizes[t][1];

		for (size_t i = 0; i < na; i++)
			crm_stats_vec_push(&a, (double)i);
		for (size_t i = 0; i < nb; i++)
			crm_stats_vec_push(&b, (double)(na + i));
		crm_stats_vec_move_append(&a, &b);
		assert_null(b.v);
		assert_int_equal(b.n, 0);
		assert_int_equal(a.n, na + nb);
		for (size_t i = 0; i < na + nb; i++)
			if (a.v[i] != (double)i)
				fail_msg("value %zu is %g", i, a.v[i]);
		crm_stats_vec_free(&a);
	}
}

static void
test_parse_kinds(void **state)
{
	crm_split s;
	crm_error err;

	(void)state;
	assert_int_equal(crm_split_parse("median", "--x-split", false, &s,
	    &err), 0);
	assert_int_equal(s.kind, CRM_SPLIT_MEDIAN);
	assert_true(s.value == 0.5);
	assert_int_equal(crm_split_parse("mean", "--x-split", false, &s,
	    &err), 0);
	assert_int_equal(s.kind, CRM_SPLIT_MEAN);
	assert_int_equal(crm_split_parse("p90", "--x-split", false, &s, &err),
	    0);
	assert_int_equal(s.kind, CRM_SPLIT_PERCENTILE);
	assert_true(fabs(s.value - 0.9) < 1e-15);
	assert_int_equal(crm_split_parse("p2.5", "--x-split", true, &s,
	    &err), 0);
	assert_true(fabs(s.value - 0.025) < 1e-15);
	assert_int_equal(crm_split_parse("1,5", "--x-split", true, &s, &err),
	    0);
	assert_int_equal(s.kind, CRM_SPLIT_ABSOLUTE);
	assert_true(s.value == 1.5);
	assert_int_equal(crm_split_parse("-3", "--x-split", false, &s, &err),
	    0);
	assert_true(s.value == -3);
	assert_false(crm_split_needs_data(&s));
	assert_int_equal(crm_split_parse("50%", "--x-split", false, &s, &err),
	    0);
	assert_true(s.value == 0.5);
}

static void
test_parse_errors(void **state)
{
	crm_split s;
	crm_error err;

	(void)state;
	assert_int_equal(crm_split_parse("p101", "--x-split", false, &s,
	    &err), -1);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg,
	    "--x-split: 'p101' is not a percentile (p0 to p100)");
	assert_int_equal(crm_split_parse("medium", "--y-split", false, &s,
	    &err), -1);
	assert_string_equal(err.msg, "--y-split: 'medium' is not a split "
	    "(a number, median, mean or pNN)");
	assert_int_equal(crm_split_parse("1,5", "--x-split", false, &s, &err),
	    -1);
	assert_int_equal(crm_split_parse("p", "--x-split", false, &s, &err),
	    -1);
	assert_int_equal(crm_split_parse("", "--x-split", false, &s, &err),
	    -1);
}

/* Values and expected type-7 quantiles, as R's quantile(x, p, type=7)
 * gives them: x = c(3, 1, 4, 1, 5, 9, 2, 6). */
static void
test_quantile_known(void **state)
{
	static const double x[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	static const struct { double p, q; } cases[] = {
		{ 0, 1 }, { 0.25, 1.75 }, { 0.5, 3.5 }, { 0.75, 5.25 },
		{ 0.9, 6.9 }, { 1, 9 },
	};
	double v[8];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memcpy(v, x, sizeof v);
		assert_float_equal(crm_stats_quantile7(v, 8, cases[i].p), cases[i].q,
		    1e-12);
	}
	memcpy(v, x, sizeof v);
	assert_float_equal(crm_stats_quantile7(v, 1, 0.5), 3, 0);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Selection, in place and keeping the order, must agree with the sorted
 * formula on many shapes of data: random, sorted, reversed, all equal,
 * few distinct values, negatives, signed zeros and magnitudes far apart
 * (the kept selection counts by the bits of the values). */
static void
test_quantile_matches_sorted(void **state)
{
	enum { N = 2001 };
	double *v = malloc(N * sizeof *v), *s = malloc(N * sizeof *s);
	double *before = malloc(N * sizeof *before);
	unsigned long seed = 12345;
	static const double odd[] = { -0.0, 0.0, 1e-300, -1e300, 5e-324,
	    1e300, -2.5, 2.5, -5e-324, 42 };
	static const double ps[] = { 0, 0.1, 0.333, 0.5, 0.77, 0.99, 1 };

	(void)state;
	for (int shape = 0; shape < 7; shape++) {
		for (size_t n = 1; n <= N; n += (n < 40 ? 1 : 397)) {
			for (size_t i = 0; i < n; i++) {
				seed = seed * 6364136223846793005UL +
				    1442695040888963407UL;
				switch (shape) {
				case 0: s[i] = (double)(seed >> 40); break;
				case 1: s[i] = (double)i; break;
				case 2: s[i] = (double)(n - i); break;
				case 3: s[i] = 7; break;
				case 4: s[i] = (double)((seed >> 33) % 3); break;
				case 5:
					s[i] = (double)((seed >> 33) % 7) - 3;
					break;
				default: s[i] = odd[(seed >> 33) % 10];
				}
			}
			for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
				double q;

				memcpy(before, s, n * sizeof *s);
				assert_true(crm_stats_quantile7_keep(s, n, ps[k]) ==
				    (memcpy(v, s, n * sizeof *v),
				    crm_stats_quantile7(v, n, ps[k])));
				assert_memory_equal(s, before, n * sizeof *s);
				memcpy(v, s, n * sizeof *v);
				q = crm_stats_quantile7(v, n, ps[k]);
				memcpy(v, s, n * sizeof *v);
				qsort(v, n, sizeof *v, cmp);
				assert_float_equal(q,
				    crm_stats_quantile7_sorted(v, n, ps[k]), 1e-9);
			}
		}
	}
	free(v);
	free(s);
	free(before);
}

/* Above 65536 values the kept selection counts by 16 bits at a time
 * before it copies the few that share the k-th's bits: shapes where that
 * takes one round, several (values sharing their top 32 or 48 bits), all
 * four (all equal), and where the (k+1)-th lies outside the k-th's bits,
 * signed zeros included. */
static void
test_quantile_keep_large(void **state)
{
	enum { N = 300001 };
	double *v = malloc(N * sizeof *v), *s = malloc(N * sizeof *s);
	unsigned long seed = 777;
	static const double ps[] = { 0, 0.0001, 0.25, 0.5, 0.5000017, 0.9,
	    0.99999, 1 };

	(void)state;
	for (int shape = 0; shape < 7; shape++) {
		size_t n = shape == 6 ? 70001 : N;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			switch (shape) {
			case 0: s[i] = (double)(seed >> 11) / 9e15 - 0.5; break;
			case 1: s[i] = 1.0 + (double)(seed >> 40) * 1e-15; break;
			case 2: s[i] = 1.0 + (double)(seed >> 50) * 1e-12; break;
			case 3: s[i] = 3.25; break;
			case 4: s[i] = (seed >> 63) ? 1.0 : 2.0; break;
			case 5: s[i] = (seed >> 63) ? -0.0 : 0.0; break;
			default:	/* the median between two bit groups */
				s[i] = i < n / 2 ? 1.0 + (double)i * 1e-12 :
				    -1.0 - (double)i * 1e-12;
			}
		}
		for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
			double keep = crm_stats_quantile7_keep(s, n, ps[k]);

			memcpy(v, s, n * sizeof *v);
			assert_true(keep == crm_stats_quantile7(v, n, ps[k]));
		}
	}
	/* the (k+1)-th is +0, the k-th the last -0: no value is above it */
	for (size_t i = 0; i < 70001; i++)
		s[i] = i < 35000 ? -0.0 : 0.0;
	assert_true(crm_stats_quantile7_keep(s, 70001, 34999.5 / 70000) == 0);
	free(v);
	free(s);
}

/* p7 of 0, 1e6, ..., 100e6 is exactly 7e6: the position 100 * 0.07 is
 * taken as 7, not 7.000000000000001. */
static void
test_quantile_integer_position(void **state)
{
	double v[101], s[101];

	(void)state;
	for (int i = 0; i < 101; i++)
		s[i] = v[100 - i] = i * 1e6;
	assert_true(crm_stats_quantile7(v, 101, 0.07) == 7e6);
	assert_true(crm_stats_quantile7_keep(v, 101, 0.29) == 29e6);
	assert_true(crm_stats_quantile7_sorted(s, 101, 0.07) == 7e6);
	assert_true(crm_stats_quantile7_sorted(s, 101, 0.29) == 29e6);
}

static void
test_dsort(void **state)
{
	double v[1000];
	unsigned long seed = 99;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		v[i] = (double)((seed >> 33) % 50) - 25;
	}
	crm_stats_sort(v, 1000);
	for (int i = 1; i < 1000; i++)
		assert_true(v[i - 1] <= v[i]);
}

static void
test_resolve(void **state)
{
	double v[] = { 10, 20, 30, 40 }, t;
	crm_split s = { CRM_SPLIT_MEAN, 0 };

	(void)state;
	assert_int_equal(crm_split_resolve(&s, v, 4, 100, &t), 0);
	assert_float_equal(t, 25, 0);
	s.kind = CRM_SPLIT_MEDIAN;
	s.value = 0.5;
	assert_int_equal(crm_split_resolve(&s, v, 4, 100, &t), 0);
	assert_float_equal(t, 25, 0);
	assert_int_equal(crm_split_resolve(&s, v, 0, 0, &t), -1);
	s.kind = CRM_SPLIT_ABSOLUTE;
	s.value = 7;
	assert_int_equal(crm_split_resolve(&s, NULL, 0, 0, &t), 0);
	assert_float_equal(t, 7, 0);
}

static void
test_name(void **state)
{
	char buf[64];
	crm_split s = { CRM_SPLIT_PERCENTILE, 0.9 };

	(void)state;
	assert_string_equal(crm_split_name(&s, buf, sizeof buf), "p90");
	s.kind = CRM_SPLIT_ABSOLUTE;
	s.value = 0.5;
	assert_string_equal(crm_split_name(&s, buf, sizeof buf), "0.5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dvec_move_append),
		cmocka_unit_test(test_parse_kinds),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_quantile_known),
		cmocka_unit_test(test_quantile_matches_sorted),
		cmocka_unit_test(test_quantile_integer_position),
		cmocka_unit_test(test_quantile_keep_large),
		cmocka_unit_test(test_dsort),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_name),
	};

	return cmocka_run_group_tests_name("crm_split", tests, NULL, NULL);
}
