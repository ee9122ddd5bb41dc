/*
 * Differential tests of crm_num's fast paths against their slow paths.
 *
 * Formatting: the printf-free %.15g path against snprintf("%.15g")
 * itself: the output must be byte-identical for every double.  Random
 * values of several shapes (random bits, short decimals at every scale,
 * exact rounding ties, values next to powers of ten, products and
 * quotients like the ones the tools write) plus fixed hard cases.
 *
 * Parsing: the short-decimal path against the general parser, reached by
 * the same text after a leading blank (which the general parser trims):
 * status and bits must agree on random short strings.
 *
 * CRM_NUMFMT_ITER=N runs N values per shape (default 200000).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_num.h"

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint64_t
rnd(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static long
iterations(void)
{
	const char *s = getenv("CRM_NUMFMT_ITER");
	long n = s != NULL ? strtol(s, NULL, 10) : 0;

	return n > 0 ? n : 200000;
}

static const double p10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static unsigned long checked_count;

/* crm_num_format(v) must equal %.15g (with -0 as 0), with '.' and with
 * the decimal comma. */
static void
check(double v)
{
	char want[64], got[CRM_NUM_BUFSZ];
	crm_numfmt f = { -1, false };
	size_t n;

	if (!isfinite(v))
		return;
	snprintf(want, sizeof want, "%.15g", v);
	if (strcmp(want, "-0") == 0)
		strcpy(want, "0");
	n = crm_num_format(got, v, &f);
	if (n != strlen(want) || strcmp(got, want) != 0)
		fail_msg("%.17g (%a): got '%s', want '%s'", v, v, got, want);
	for (char *p = want; *p != '\0'; p++)
		if (*p == '.')
			*p = ',';
	f.decimal_comma = true;
	crm_num_format(got, v, &f);
	if (strcmp(got, want) != 0)
		fail_msg("%.17g decimal comma: got '%s', want '%s'", v, got,
		    want);
	checked_count++;
}

static double
sign(double v)
{
	return (rnd() & 1) ? -v : v;
}

/* Arbitrary bit patterns: every exponent, mostly the snprintf path. */
static void
test_random_bits(void **state)
{
	long n = iterations();

	(void)state;
	for (long i = 0; i < n; i++) {
		uint64_t b = rnd();
		double v;

		memcpy(&v, &b, sizeof v);
		check(v);
		/* and one with an exponent inside the fast path's range */
		b = (b & 0x800FFFFFFFFFFFFFULL) |
		    ((uint64_t)(1023 - 20 + rnd() % 72) << 52);
		memcpy(&v, &b, sizeof v);
		check(v);
	}
}

/* Decimals of 1..17 digits scaled by 10^-0..22, as data holds them. */
static void
test_decimals(void **state)
{
	long n = iterations();

	(void)state;
	for (long i = 0; i < n; i++) {
		int digits = 1 + (int)(rnd() % 17);
		uint64_t m = rnd() % (uint64_t)p10[digits];
		double v = (double)m / p10[rnd() % 23];

		check(sign(v));
		check(sign((double)m * 1e-5 / p10[rnd() % 4]));
	}
}

/* Exact ties at the 16th significant digit exist only for values with a
 * 15-digit integer part and .5; glibc rounds them to even.  Also the
 * values one ulp either side of each tie, and .25/.75 quarters. */
static void
test_ties(void **state)
{
	long n = iterations();

	(void)state;
	for (long i = 0; i < n; i++) {
		double base = (double)(100000000000000ULL +
		    rnd() % 900000000000000ULL);
		double t = base + 0.5;

		check(sign(t));
		check(sign(nextafter(t, 0)));
		check(sign(nextafter(t, INFINITY)));
		check(sign(base / 10 + 0.25));
		check(sign(base / 100 + 0.125));
		check(sign(base / 1000 + 0.0625));
	}
	check(123456789012344.5);
	check(123456789012345.5);
	check(999999999999999.5);
	check(999999999999999.4);
	check(99999999999999.95);
	check(0.5);
	check(2.5);
}

/* Next to powers of ten, where the decimal exponent is easy to misjudge
 * and rounding can carry into a new digit (9.999...95 -> 10). */
static void
test_powers_of_ten(void **state)
{
	(void)state;
	for (int e = -22; e <= 22; e++) {
		double p = e >= 0 ? p10[e] : 1 / p10[-e];
		double lo = p, hi = p;

		for (int k = 0; k < 2000; k++) {
			check(lo);
			check(hi);
			check(-lo);
			lo = nextafter(lo, 0);
			hi = nextafter(hi, INFINITY);
		}
		for (int k = 1; k <= 9; k++) {
			double nines = p - p * 5e-16 * k;

			check(nines);
			check(nextafter(nines, 0));
			check(nextafter(nines, INFINITY));
		}
		check(p * 0.999999999999999);
		check(p * 0.9999999999999995);
		check(p * 0.99999999999999949);
		check(p * 1.000000000000001);
		check(p * 1.0000000000000005);
	}
	check(1e-5);
	check(nextafter(1e-5, 0));
	check(9.99999999999999e-5);
	check(9.999999999999995e-5);
	check(0.0001);
	check(nextafter(0.0001, 0));
	check(0.000099999999999999995);
	check(999999999999999.9);
	check(nextafter(1e15, 0));
	check(DBL_MIN);
	check(DBL_MAX);
	check(DBL_EPSILON);
	check(5e-324);
}

/* What the tools write: ratios and products of money amounts with two
 * decimals, shares, sums. */
static void
test_tool_values(void **state)
{
	long n = iterations();

	(void)state;
	for (long i = 0; i < n; i++) {
		double a = (double)(rnd() % 100000000) / 100;
		double b = (double)(1 + rnd() % 100000000) / 100;
		double p = (double)(rnd() % 101) / 100;

		check(a / b);
		check(a * p);
		check(sign(a - b));
		check((double)(rnd() % 1000000) / (double)(1 + rnd() % 1000000));
		check(a / b - 1);
		check(a / b * p / 100);
	}
}

/* parse(s) and parse(" " s) (the general parser) agree, bit for bit. */
static void
check_parse(const char *s, size_t n, bool dc)
{
	char b[64];
	double x = 12345, y = 12345;
	crm_num_status a, c;

	if (n == 0 || n + 1 > sizeof b)
		return;
	b[0] = ' ';
	memcpy(b + 1, s, n);
	a = crm_num_parse(s, n, dc, &x);
	c = crm_num_parse(b, n + 1, dc, &y);
	if (a != c || memcmp(&x, &y, sizeof x) != 0)
		fail_msg("'%.*s' (dc %d): %d %.17g, general parser %d %.17g",
		    (int)n, s, dc, a, x, c, y);
	checked_count++;
}

static void
test_parse_fast(void **state)
{
	static const char alpha[] = "0123456789012345678901234567890123456789"
	    "..,,,-+ e%";
	long n = iterations();
	char s[24];

	(void)state;
	for (long i = 0; i < n; i++) {
		size_t len = 1 + rnd() % 18;

		/* mostly digits with one separator, sometimes anything */
		for (size_t k = 0; k < len; k++)
			s[k] = (char)('0' + rnd() % 10);
		if (rnd() % 4 != 0)
			s[rnd() % len] = (rnd() & 1) ? '.' : ',';
		if (rnd() % 4 == 0)
			s[rnd() % len] = alpha[rnd() % (sizeof alpha - 1)];
		check_parse(s, len, false);
		check_parse(s, len, true);
	}
	for (const char *const *t = (const char *const[]){ ".", ",", "0",
	    ".5", "5.", "0.0", "000000000000001", "999999999999999",
	    "9999999999999999", "99999999999999.9", ".00000000000001",
	    "1.2.3", "1,5", "12345678901234.", "1e5", "", NULL }; *t; t++) {
		check_parse(*t, strlen(*t), false);
		check_parse(*t, strlen(*t), true);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_bits),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_powers_of_ten),
		cmocka_unit_test(test_tool_values),
		cmocka_unit_test(test_parse_fast),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	fprintf(stderr, "%lu values compared with the slow paths\n", checked_count);
	return rc;
}
