/*
 * crm_fsum: exact sums.  Expected values are exact by construction
 * (powers of two, cancelling values) or from Python's math.fsum, which
 * rounds the exact sum the same way:
 *   fsum([0.1] * 10) == 1.0, fsum([1e100, 1.0, -1e100, 1e-100]) == 1.0,
 *   fsum([1e16, 1.0, 1e-16]) == 1.0000000000000002e16 (the tie broken by
 *   1e-16, the example of CPython's fsum).
 * And the property kpi --merge needs: any cut, any order, the same bits.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crm_fsum.h"

static double
sum_of(const double *x, size_t n)
{
	crm_fsum s;
	double v;

	crm_fsum_init(&s);
	for (size_t i = 0; i < n; i++)
		crm_fsum_add(&s, x[i]);
	v = crm_fsum_value(&s);
	crm_fsum_free(&s);
	return v;
}

static void
test_exact(void **state)
{
	double tenth[10], a[] = { 1e100, 1.0, -1e100, 1e-100 };
	double tie[] = { 1e16, 1.0, 1e-16 }, big[] = { 1e16, 1.0, -1e16 };

	(void)state;
	for (int i = 0; i < 10; i++)
		tenth[i] = 0.1;
	assert_true(sum_of(tenth, 10) == 1.0);
	assert_true(sum_of(a, 4) == 1.0);
	assert_true(sum_of(tie, 3) == 1.0000000000000002e16);
	assert_true(sum_of(big, 3) == 1.0);
	assert_true(sum_of(NULL, 0) == 0.0);
}

/* A sum spilling into the expansion: values of every magnitude. */
static void
fill(double *x, size_t n)
{
	uint64_t r = 42;

	for (size_t i = 0; i < n; i++) {
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		x[i] = ldexp((double)(r >> 11), (int)(r % 120) - 90) *
		    ((r >> 7) & 1 ? -1 : 1);
	}
}

static void
test_any_cut_any_order(void **state)
{
	enum { N = 5000 };
	double *x = malloc(N * sizeof *x), whole, rev;
	crm_fsum parts[7], all;

	(void)state;
	fill(x, N);
	whole = sum_of(x, N);
	/* reversed */
	for (size_t i = 0; i < N / 2; i++) {
		double t = x[i];

		x[i] = x[N - 1 - i];
		x[N - 1 - i] = t;
	}
	rev = sum_of(x, N);
	assert_memory_equal(&whole, &rev, sizeof whole);
	/* cut into 7 uneven sums, merged in another order */
	for (int k = 0; k < 7; k++)
		crm_fsum_init(&parts[k]);
	for (size_t i = 0; i < N; i++)
		crm_fsum_add(&parts[(i * i + 3) % 7], x[i]);
	crm_fsum_init(&all);
	for (int k = 6; k >= 0; k--) {
		crm_fsum_merge(&all, &parts[k]);
		crm_fsum_free(&parts[k]);
	}
	rev = crm_fsum_value(&all);
	assert_memory_equal(&whole, &rev, sizeof whole);
	crm_fsum_free(&all);
	free(x);
}

static void
test_parts_read_back(void **state)
{
	enum { N = 1000 };
	double x[N], a, b;
	crm_fsum s, t;

	(void)state;
	fill(x, N);
	crm_fsum_init(&s);
	crm_fsum_init(&t);
	for (size_t i = 0; i < N; i++)
		crm_fsum_add(&s, x[i]);
	for (size_t i = 0; i < crm_fsum_count(&s); i++)
		crm_fsum_add(&t, crm_fsum_part(&s, i));
	a = crm_fsum_value(&s);
	b = crm_fsum_value(&t);
	assert_memory_equal(&a, &b, sizeof a);
	crm_fsum_free(&s);
	crm_fsum_free(&t);
}

static void
test_special(void **state)
{
	crm_fsum s;

	(void)state;
	crm_fsum_init(&s);
	crm_fsum_add(&s, 1.5e308);
	crm_fsum_add(&s, 1.5e308);	/* beyond the range */
	assert_true(isinf(crm_fsum_value(&s)));
	crm_fsum_add(&s, -INFINITY);
	assert_true(isnan(crm_fsum_value(&s)));
	crm_fsum_free(&s);
}

/* {2, 4, 4, 4, 5, 5, 7, 9}: squared deviations 32; around a large
 * offset too, where sum x^2 - (sum x)^2 / n in doubles loses it all. */
static void
test_squared_deviations(void **state)
{
	const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	crm_fsum s1, s2;

	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		double off = pass ? 1e9 : 0;

		crm_fsum_init(&s1);
		crm_fsum_init(&s2);
		for (int i = 0; i < 8; i++) {
			crm_fsum_add(&s1, v[i] + off);
			crm_fsum_add_product(&s2, v[i] + off, v[i] + off);
		}
		assert_true(crm_fsum_squared_deviations(&s1, &s2, 8) == 32);
		crm_fsum_free(&s1);
		crm_fsum_free(&s2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_any_cut_any_order),
		cmocka_unit_test(test_parts_read_back),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_squared_deviations),
	};

	return cmocka_run_group_tests_name("crm_fsum", tests, NULL, NULL);
}
