/*
 * crm_human: numbers grouped per language, default and fixed decimals,
 * percent, display width of UTF-8 text and cutting it with an ellipsis.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crm_human.h"

static const char *
num(double v, bool german, int decimals, int digits)
{
	static char buf[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;
	size_t n;

	crm_human_fmt_init(&f, german);
	f.decimals = decimals;
	if (digits > 0)
		f.digits = digits;
	n = crm_human_number(buf, v, &f);
	assert_int_equal(n, strlen(buf));
	return buf;
}

static const char *
pct(double v, bool german, int decimals)
{
	static char buf[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;

	crm_human_fmt_init(&f, german);
	f.decimals = decimals;
	crm_human_percent(buf, v, &f);
	return buf;
}

static void
test_grouping(void **state)
{
	(void)state;
	assert_string_equal(num(0, false, -1, 0), "0");
	assert_string_equal(num(999, false, -1, 0), "999");
	assert_string_equal(num(1000, false, -1, 0), "1,000");
	assert_string_equal(num(1234.5, false, -1, 0), "1,234.5");
	assert_string_equal(num(1234.5, true, -1, 0), "1.234,5");
	assert_string_equal(num(-1234567, false, -1, 0), "-1,234,567");
	assert_string_equal(num(-1234567, true, -1, 0), "-1.234.567");
	assert_string_equal(num(123456, true, -1, 0), "123.456");
	assert_string_equal(num(1e15, false, -1, 0),
	    "1,000,000,000,000,000");
}

static void
test_default_decimals(void **state)
{
	(void)state;
	/* Integers without decimals, others to 6 significant digits. */
	assert_string_equal(num(42, false, -1, 0), "42");
	assert_string_equal(num(0.1 + 0.2, false, -1, 0), "0.3");
	assert_string_equal(num(2.0 / 3, false, -1, 0), "0.666667");
	assert_string_equal(num(1.05234567, false, -1, 0), "1.05235");
	assert_string_equal(num(0.000012345, false, -1, 0), "0.000012345");
	/* Whole digits are never dropped. */
	assert_string_equal(num(1234567.891, false, -1, 0), "1,234,568");
	assert_string_equal(num(1234567.891, false, -1, 4), "1,234,568");
	assert_string_equal(num(12.3456, true, -1, 4), "12,35");
	assert_string_equal(num(7.000000000000001, false, -1, 0), "7");
	assert_int_equal(crm_human_decimals(5, 6), 0);
	assert_int_equal(crm_human_decimals(0.5, 3), 3);
	assert_int_equal(crm_human_decimals(123.4, 4), 1);
	assert_int_equal(crm_human_decimals(-123.4, 4), 1);
	assert_int_equal(crm_human_decimals(1e-30, 6), CRM_HUMAN_MAXDEC);
	/* No negative zero. */
	assert_string_equal(num(-0.0, false, -1, 0), "0");
	assert_string_equal(num(-1e-20, false, -1, 0), "0");
	assert_string_equal(num(-0.001, false, 2, 0), "0.00");
}

static void
test_fixed_decimals(void **state)
{
	(void)state;
	assert_string_equal(num(1234.5, false, 2, 0), "1,234.50");
	assert_string_equal(num(1234.5, true, 2, 0), "1.234,50");
	assert_string_equal(num(1234.5, false, 0, 0), "1,235");
	/* Decimal rounding, half away from zero, of the printed figure
	 * (printf gives 1,234 and 2.67 from the binary values). */
	assert_string_equal(num(2.675, false, 2, 0), "2.68");
	assert_string_equal(num(-2.675, false, 2, 0), "-2.68");
	assert_string_equal(num(0.125, false, 2, 0), "0.13");
	assert_string_equal(num(999.96, false, 1, 0), "1,000.0");
	assert_string_equal(num(9.5, false, 0, 0), "10");
	assert_string_equal(num(0.0004, false, 3, 0), "0.000");
	assert_string_equal(num(0.0005, false, 3, 0), "0.001");
	assert_string_equal(num(123456789012345678.0, false, 0, 0),
	    "123,456,789,012,346,000");
	assert_string_equal(num(-2.5, true, 3, 0), "-2,500");
	assert_string_equal(num(3, false, 2, 0), "3.00");
	assert_string_equal(num(1, false, 99, 0), "1.000000000000000");
}

/* Away from rounding ties (and with three digits of the 15-digit figure
 * below the rounding position) printf's exact binary rounding and the
 * rounding of the 15-digit figure agree: both paths (the one without
 * printf below 10^9, the one with it above) against printf. */
static void
test_against_printf(void **state)
{
	char want[64], buf[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;
	unsigned long x = 12345;

	(void)state;
	crm_human_fmt_init(&f, false);
	f.group = 0;
	for (int i = 0; i < 200000; i++) {
		double v, scaled;
		int d = i % 7;

		x = x * 6364136223846793005UL + 1442695040888963407UL;
		v = (double)(x >> 11) / 9007199254740992.0 *
		    pow(10, (double)(i % 13) - 3);
		if (i & 1)
			v = -v;
		scaled = fabs(v) * pow(10, d);
		if (fabs(scaled - floor(scaled) - 0.5) < 1e-3 ||
		    scaled > 1e12)
			continue;
		f.decimals = d;
		snprintf(want, sizeof want, "%.*f", d, v);
		if (strspn(want, "-0.") == strlen(want) && want[0] == '-')
			memmove(want, want + 1, strlen(want));
		crm_human_number(buf, v, &f);
		assert_string_equal(buf, want);
	}
}

static void
test_missing(void **state)
{
	char buf[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;

	(void)state;
	crm_human_fmt_init(&f, false);
	assert_int_equal(crm_human_number(buf, NAN, &f), 0);
	assert_string_equal(buf, "");
	assert_int_equal(crm_human_number(buf, -INFINITY, &f), 0);
	assert_int_equal(crm_human_percent(buf, INFINITY, &f), 0);
	assert_string_equal(buf, "");
	/* The largest double fits the buffer, grouped, with decimals. */
	f.decimals = CRM_HUMAN_MAXDEC;
	assert_true(crm_human_number(buf, -1.7976931348623157e308, &f) >
	    400);
	assert_true(buf[0] == '-' && buf[4] == ',');
}

static void
test_percent(void **state)
{
	(void)state;
	assert_string_equal(pct(0.125, false, -1), "12.5%");
	assert_string_equal(pct(0.125, true, -1), "12,5\xc2\xa0%");
	assert_string_equal(pct(0.07, false, -1), "7%");
	assert_string_equal(pct(1.0523, true, 1), "105,2\xc2\xa0%");
	assert_string_equal(pct(12.345, false, 0), "1,235%");
	assert_string_equal(pct(-0.5, false, -1), "-50%");
	assert_string_equal(pct(NAN, true, -1), "");
}

/* The process locale is not touched: numbers keep their '.' and widths
 * stay right whatever LC_ALL says. */
static void
test_process_locale(void **state)
{
	(void)state;
	assert_string_equal(setlocale(LC_ALL, NULL), "C");
	assert_string_equal(num(1.5, false, -1, 0), "1.5");
	assert_int_equal(crm_human_width("Müller", 7), 6);
	assert_string_equal(setlocale(LC_ALL, NULL), "C");
}

static size_t
width(const char *s)
{
	return crm_human_width(s, strlen(s));
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(width(""), 0);
	assert_int_equal(width("revenue"), 7);
	assert_int_equal(width("Jürgen Weiß"), 11);	/* 13 bytes */
	assert_int_equal(width("東京"), 4);		/* wide */
	assert_int_equal(width("e\xcc\x81"), 1);	/* e + combining acute */
	assert_int_equal(width("\xf0\x9f\x98\x80"), 2);	/* emoji */
	assert_int_equal(width("a\tb"), 2);		/* controls: 0 */
	assert_int_equal(width("a\xff" "b"), 3);	/* invalid byte: 1 */
	assert_int_equal(width("\xc3"), 1);		/* truncated */
	assert_int_equal(width(CRM_HUMAN_ELLIPSIS), 1);
	assert_int_equal(width("12,5\xc2\xa0%"), 6);	/* no-break space */
}

static void
test_cut(void **state)
{
	const char *s = "Jürgen Weiß";
	size_t shown;
	bool ell;

	(void)state;
	/* Fits: all of it. */
	assert_int_equal(crm_human_cut(s, strlen(s), 11, &ell, &shown),
	    strlen(s));
	assert_false(ell);
	assert_int_equal(shown, 11);
	/* 5 columns: 4 characters and the ellipsis ("Jürg" is 5 bytes). */
	assert_int_equal(crm_human_cut(s, strlen(s), 5, &ell, &shown), 5);
	assert_true(ell);
	assert_int_equal(shown, 5);
	/* A wide character that does not fit is left out whole. */
	assert_int_equal(crm_human_cut("東京都", 9, 4, &ell, &shown), 3);
	assert_true(ell);
	assert_int_equal(shown, 3);
	/* A combining mark stays with its base, also right at the limit. */
	assert_int_equal(crm_human_cut("ae\xcc\x81", 4, 2, &ell, &shown), 4);
	assert_false(ell);
	assert_int_equal(shown, 2);
	assert_int_equal(crm_human_cut("e\xcc\x81" "tude", 7, 2, &ell, NULL),
	    3);
	assert_true(ell);
	/* Width 1: only the ellipsis; width 0: nothing. */
	assert_int_equal(crm_human_cut("abc", 3, 1, &ell, &shown), 0);
	assert_true(ell);
	assert_int_equal(shown, 1);
	assert_int_equal(crm_human_cut("abc", 3, 0, &ell, &shown), 0);
	assert_false(ell);
	assert_int_equal(shown, 0);
}

static void
test_shorten(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(crm_human_shorten(buf, sizeof buf, "Jürgen Weiß",
	    13, 8), 11);
	assert_string_equal(buf, "Jürgen " CRM_HUMAN_ELLIPSIS);
	crm_human_shorten(buf, sizeof buf, "short", 5, 8);
	assert_string_equal(buf, "short");
	/* A buffer too small cuts further, at a character boundary, and
	 * keeps the ellipsis. */
	crm_human_shorten(buf, 6, "Jürgen Weiß", 13, 8);
	assert_string_equal(buf, "J" CRM_HUMAN_ELLIPSIS);
	crm_human_shorten(buf, 7, "ab東京都", 11, 4);
	assert_string_equal(buf, "ab" CRM_HUMAN_ELLIPSIS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_default_decimals),
		cmocka_unit_test(test_fixed_decimals),
		cmocka_unit_test(test_against_printf),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_process_locale),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_shorten),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
