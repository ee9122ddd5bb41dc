/* Unit tests for crm_num: parsing (SPEC 2 "Numbers") and formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_num.h"

static crm_num_status
parse(const char *s, bool dc, double *out)
{
	return crm_num_parse(s, strlen(s), dc, out);
}

/* Same bits (so -0 differs from 0). */
static void
assert_same(double got, double want, const char *what)
{
	if (memcmp(&got, &want, sizeof got) != 0)
		fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void
test_accepted(void **state)
{
	static const struct {
		const char *s;
		double v;
	} t[] = {
		{ "0", 0 }, { "12", 12 }, { " 12 ", 12 }, { "\t-3.5\t", -3.5 },
		{ "+4", 4 }, { ".5", 0.5 }, { "5.", 5 }, { "-.25", -0.25 },
		{ "1e3", 1000 }, { "1E-3", 0.001 }, { "1e+3", 1000 },
		{ "2.5e-1", 0.25 }, { "007", 7 }, { "0.000", 0 },
		{ "12%", 0.12 }, { "12 %", 0.12 }, { " 12.5 % ", 0.125 },
		{ "50%", 0.5 }, { "-3%", -0.03 }, { "1.5e2%", 1.5 },
		{ "123456789012345", 123456789012345.0 },
		{ "9007199254740992", 9007199254740992.0 },
		{ "1000000000000000000000000", 1e24 },
		{ "0.1", 0.1 }, { "3.14159", 3.14159 },
		{ "1e22", 1e22 }, { "1e23", 1e23 }, { "1e-22", 1e-22 },
		{ "1e300", 1e300 }, { "1e-300", 1e-300 },
		{ "123e30", 123e30 }, { "4.9e-324", 4.9e-324 },
		{ "1e-400", 0 }, { "0e999999999999", 0 },
		{ "1.7976931348623157e308", 1.7976931348623157e308 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = -999;

		if (parse(t[i].s, false, &v) != CRM_NUM_OK)
			fail_msg("'%s' rejected", t[i].s);
		assert_same(v, t[i].v, t[i].s);
	}
}

static void
test_negative_zero(void **state)
{
	double v = 1;

	(void)state;
	assert_int_equal(parse("-0", false, &v), CRM_NUM_OK);
	assert_true(v == 0 && signbit(v));
	assert_int_equal(parse("-0.0e5", false, &v), CRM_NUM_OK);
	assert_true(v == 0 && signbit(v));
}

static void
test_invalid(void **state)
{
	static const char *const bad[] = {
		"nan", "NaN", "inf", "-inf", "Infinity", "0x1p3", "0x10",
		"-", "+", ".", "1e", "1e+", "1e-", "e5", "E", "1,5", "1,00",
		"1.2.3", "12x", "x12", "1 2", "- 1", "%", "12%%", "% 12",
		" ", "\t", "  \t ", "1e5.5", "--1", "+-1", "1..2", "1e5e5",
		"12 %%", "1 e5", "1e 5", "5 -", "\302\2405", "1_000",
		"1e999", "-1e400", "1.8e308", "12€", "..5", "5..",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 42;

		if (parse(bad[i], false, &v) != CRM_NUM_INVALID)
			fail_msg("'%s' accepted", bad[i]);
		assert_true(v == 42);	/* untouched */
	}
}

static void
test_missing(void **state)
{
	double v = 42;

	(void)state;
	assert_int_equal(crm_num_parse("", 0, false, &v), CRM_NUM_MISSING);
	assert_int_equal(crm_num_parse("", 0, true, &v), CRM_NUM_MISSING);
	assert_int_equal(crm_num_parse("12", 0, false, &v), CRM_NUM_MISSING);
	assert_true(v == 42);
	assert_int_equal(parse(" ", false, &v), CRM_NUM_INVALID);
}

static void
test_not_nul_terminated(void **state)
{
	double v = 0;

	(void)state;
	assert_int_equal(crm_num_parse("1234", 2, false, &v), CRM_NUM_OK);
	assert_true(v == 12);
	assert_int_equal(crm_num_parse("1.5e3x", 5, false, &v), CRM_NUM_OK);
	assert_true(v == 1500);
	assert_int_equal(crm_num_parse("1.5e", 3, false, &v), CRM_NUM_OK);
	assert_true(v == 1.5);
	assert_int_equal(crm_num_parse("12%", 2, false, &v), CRM_NUM_OK);
	assert_true(v == 12);
}

static void
test_decimal_comma(void **state)
{
	static const struct {
		const char *s;
		double v;
	} ok[] = {
		{ "1.234.567,5", 1234567.5 }, { "1234,5", 1234.5 },
		{ "1.234", 1234 }, { ",5", 0.5 }, { "-1.000,25", -1000.25 },
		{ "12,5%", 0.125 }, { " 999.999,99 ", 999999.99 },
		{ "5,", 5 }, { "1,5e3", 1500 }, { "123.456.789", 123456789 },
		{ "0,1", 0.1 }, { "12", 12 },
	};
	static const char *const bad[] = {
		"1.5", "12.34", "1.2345", "1234.567", ".5", "1.", "1..234",
		"1,2,3", "1.234.56", "1,234.5", ".123", "1.234,5.6", "1,5.000",
		"1.234.", "-.123", "1,5,", "0.123", "00.123", "012.345",
		"-0.123", "0.000,5", "1234.567,5", "1.234.56,7",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		double v = -999;

		if (parse(ok[i].s, true, &v) != CRM_NUM_OK)
			fail_msg("'%s' rejected with decimal comma", ok[i].s);
		assert_same(v, ok[i].v, ok[i].s);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 42;

		if (parse(bad[i], true, &v) != CRM_NUM_INVALID)
			fail_msg("'%s' accepted with decimal comma", bad[i]);
		assert_true(v == 42);
	}
	/* Without decimal_comma, "1.234" is 1.234 and "1,5" invalid. */
	{
		double v = 0;

		assert_int_equal(parse("1.234", false, &v), CRM_NUM_OK);
		assert_true(v == 1.234);
	}
}

/* Percent is exact: "1.1%" is the double nearest 0.011, not 1.1/100. */
static void
test_percent_exact(void **state)
{
	static const char *const t[][2] = {
		{ "1.1%", "0.011" }, { "7%", "0.07" }, { "0.3%", "0.003" },
		{ "33.3%", "0.333" }, { "-12.345%", "-0.12345" },
		{ "1e2%", "1" }, { "123456789.123%", "1234567.89123" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = 0;

		assert_int_equal(parse(t[i][0], false, &v), CRM_NUM_OK);
		assert_same(v, strtod(t[i][1], NULL), t[i][0]);
	}
}

/* Inputs that need the slow, exact path. */
static void
test_hard_cases(void **state)
{
	static const char *const t[] = {
		"9007199254740993", "9007199254740995",
		"2.2250738585072011e-308", "2.2250738585072012e-308",
		"2.4703282292062327e-324", "2.4703282292062328e-324",
		"1.7976931348623157e308", "0.1000000000000000055511151231257827",
		"123456789012345678901234567890",
		"0.000000000000000000000000000000000001",
		"4.35679e-5", "7.038531e-26", "9214843084008499",
		"30078505129381147446200", "1777820000000000000001",
		"0.3932922657273", "1e23", "8.98846567431158e307",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = 0;

		assert_int_equal(parse(t[i], false, &v), CRM_NUM_OK);
		assert_same(v, strtod(t[i], NULL), t[i]);
	}
}

/* A significand far longer than any buffer: the halfway case between
 * 2^53 and 2^53+2 is decided by a 1 thousands of digits later. */
static void
test_long_digits(void **state)
{
	size_t n = 200000, i;
	char *s = malloc(n + 64);
	double v = 0, want;

	(void)state;
	assert_non_null(s);
	strcpy(s, "9007199254740993.");
	for (i = strlen(s); i < n; i++)
		s[i] = '0';
	s[n] = '1';
	s[n + 1] = '\0';
	want = strtod(s, NULL);
	assert_true(want == 9007199254740994.0);
	assert_int_equal(parse(s, false, &v), CRM_NUM_OK);
	assert_same(v, want, "long halfway");

	/* Exactly halfway: ties to even (down). */
	s[n] = '0';
	assert_int_equal(parse(s, false, &v), CRM_NUM_OK);
	assert_same(v, strtod(s, NULL), "long tie");
	assert_true(v == 9007199254740992.0);

	/* Long fraction: 0.000...0001 with many zeros underflows to 0. */
	s[0] = '0';
	s[1] = '.';
	for (i = 2; i < n; i++)
		s[i] = '0';
	s[n] = '7';
	assert_int_equal(parse(s, false, &v), CRM_NUM_OK);
	assert_same(v, 0.0, "tiny");

	/* Huge integer overflows: invalid. */
	s[0] = '9';
	s[1] = '9';
	assert_int_equal(parse(s, false, &v), CRM_NUM_INVALID);

	/* Many leading zeros then a normal number. */
	for (i = 0; i < n; i++)
		s[i] = '0';
	strcpy(s + n, "123.25");
	assert_int_equal(parse(s, false, &v), CRM_NUM_OK);
	assert_true(v == 123.25);
	free(s);
}

/* xorshift64*, fixed seed: the same strings on every run. */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static void
test_random_vs_strtod(void **state)
{
	char s[128];
	int iter, bad = 0;

	(void)state;
	for (iter = 0; iter < 300000; iter++) {
		int nd = 1 + (int)(rnd() % 25), point = (int)(rnd() % (nd + 2));
		int k = 0, i, form = (int)(rnd() % 4);
		double got = 0, want;
		crm_num_status st;

		if (rnd() % 3 == 0)
			s[k++] = '-';
		for (i = 0; i < nd; i++) {
			if (i == point && form != 0)
				s[k++] = '.';
			/* Bias towards short and round numbers. */
			s[k++] = (char)('0' + (rnd() % 4 == 0 ? 0 : rnd() % 10));
		}
		if (form >= 2) {
			int ex = (int)(rnd() % (form == 3 ? 700 : 50)) -
				 (form == 3 ? 350 : 25);

			k += snprintf(s + k, sizeof s - (size_t)k, "e%d", ex);
		}
		s[k] = '\0';
		want = strtod(s, NULL);
		st = parse(s, false, &got);
		if (isinf(want)) {
			if (st != CRM_NUM_INVALID) {
				print_error("'%s' overflows but was accepted\n",
					    s);
				bad++;
			}
			continue;
		}
		if (st != CRM_NUM_OK ||
		    memcmp(&got, &want, sizeof got) != 0) {
			if (bad < 10)
				print_error("'%s': got %.17g, strtod %.17g\n",
					    s, got, want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Random doubles printed with %.17g read back exactly. */
static void
test_roundtrip(void **state)
{
	char s[64];
	int iter;

	(void)state;
	for (iter = 0; iter < 200000; iter++) {
		uint64_t bits = rnd();
		double d, got = 0;

		memcpy(&d, &bits, sizeof d);
		if (!isfinite(d))
			continue;
		snprintf(s, sizeof s, "%.17g", d);
		if (parse(s, false, &got) != CRM_NUM_OK ||
		    memcmp(&got, &d, sizeof d) != 0)
			fail_msg("'%s' read back as %.17g", s, got);
	}
}

/* ------------------------------------------------------------------ */

static const char *
fmt(double v, int precision, bool dc)
{
	static char buf[CRM_NUM_BUFSZ];
	crm_numfmt f = { precision, dc };
	size_t n = crm_num_format(buf, v, &f);

	assert_int_equal(n, strlen(buf));
	return buf;
}

static void
test_format(void **state)
{
	(void)state;
	assert_string_equal(fmt(0.1 + 0.2, -1, false), "0.3");
	assert_string_equal(fmt(0, -1, false), "0");
	assert_string_equal(fmt(-0.0, -1, false), "0");
	assert_string_equal(fmt(100, -1, false), "100");
	assert_string_equal(fmt(-100, -1, false), "-100");
	assert_string_equal(fmt(0.5, -1, false), "0.5");
	assert_string_equal(fmt(-2.5, -1, false), "-2.5");
	assert_string_equal(fmt(1e15, -1, false), "1e+15");
	assert_string_equal(fmt(-1e15, -1, false), "-1e+15");
	assert_string_equal(fmt(123456789012345, -1, false),
			    "123456789012345");
	assert_string_equal(fmt(1234567.891, -1, false), "1234567.891");
	assert_string_equal(fmt(1e-5, -1, false), "1e-05");
	assert_string_equal(fmt(1e300, -1, false), "1e+300");
	assert_string_equal(fmt(2.0 / 3, -1, false), "0.666666666666667");
	assert_string_equal(fmt(1.0 / 3, -1, true), "0,333333333333333");
	assert_string_equal(fmt(1234.5, -1, true), "1234,5");
	assert_string_equal(fmt(1234, -1, true), "1234");
	assert_string_equal(fmt(NAN, -1, false), "");
	assert_string_equal(fmt(INFINITY, 2, false), "");
	assert_string_equal(fmt(-INFINITY, -1, false), "");
	assert_string_equal(fmt(9007199254740993.0, -1, false),
			    "9.00719925474099e+15");
}

static void
test_format_precision(void **state)
{
	char big[CRM_NUM_BUFSZ];
	crm_numfmt f = { 1000, false };

	(void)state;
	assert_string_equal(fmt(3.14159, 2, false), "3.14");
	assert_string_equal(fmt(3.14159, 0, false), "3");
	assert_string_equal(fmt(2, 3, false), "2.000");
	assert_string_equal(fmt(-0.001, 2, false), "0.00");
	assert_string_equal(fmt(-0.0, 2, false), "0.00");
	assert_string_equal(fmt(-0.4, 0, false), "0");
	assert_string_equal(fmt(-0.006, 2, false), "-0.01");
	assert_string_equal(fmt(1234.5, 2, true), "1234,50");
	assert_string_equal(fmt(-1234.5, 1, true), "-1234,5");
	assert_string_equal(fmt(1e20, 1, false), "100000000000000000000.0");
	/* Absurd precision on the largest double stays in the buffer. */
	assert_true(crm_num_format(big, -1.7976931348623157e308, &f) <
		    CRM_NUM_BUFSZ);
	assert_true(big[0] == '-' && strchr(big, '.') != NULL);
}

/* The integer fast path and everything else agree with %.15g. */
static void
test_format_vs_printf(void **state)
{
	char want[64];
	int iter;

	(void)state;
	for (iter = 0; iter < 200000; iter++) {
		double d;

		switch (iter % 4) {
		case 0:
			d = (double)(int64_t)(rnd() % 2000000000000000ULL) -
			    1e15;
			break;
		case 1:
			d = (double)(int64_t)(rnd() % 100000) / 100.0;
			break;
		case 2: {
			uint64_t bits = rnd();

			memcpy(&d, &bits, sizeof d);
			if (!isfinite(d))
				d = 1;
			break;
		}
		default:
			d = ldexp((double)(rnd() % 1000000), (int)(rnd() % 80) - 40);
			break;
		}
		snprintf(want, sizeof want, "%.15g", d);
		if (strcmp(want, "-0") == 0)
			strcpy(want, "0");
		assert_string_equal(fmt(d, -1, false), want);
	}
}

/* UTF-8 of the characters below, as octal escapes. */
#define EURO "\342\202\254"
#define POUND "\302\243"
#define YEN "\302\245"
#define NBSP "\302\240"
#define NNBSP "\342\200\257"

/* Real export forms, each in a fresh column: value and currency. */
static void
test_export_forms(void **state)
{
	static const struct {
		const char *s;
		bool dc;
		double v;
		crm_num_currency cur;
	} t[] = {
		{ "1.234,56 " EURO, true, 1234.56, CRM_NUM_EUR },
		{ "1.234,56" EURO, true, 1234.56, CRM_NUM_EUR },
		{ "1.234,56" NBSP EURO, true, 1234.56, CRM_NUM_EUR },
		{ "1" NNBSP "234,56" NNBSP EURO, true, 1234.56, CRM_NUM_EUR },
		{ "EUR 1.234,56", true, 1234.56, CRM_NUM_EUR },
		{ "EUR1.234,56", true, 1234.56, CRM_NUM_EUR },
		{ EURO " 12", true, 12, CRM_NUM_EUR },
		{ "$1,234.56", false, 1234.56, CRM_NUM_USD },
		{ "USD 1,234.56", false, 1234.56, CRM_NUM_USD },
		{ "1234.56 USD", false, 1234.56, CRM_NUM_USD },
		{ "CHF 12.50", false, 12.5, CRM_NUM_CHF },
		{ "12.50 CHF", false, 12.5, CRM_NUM_CHF },
		{ POUND "3", false, 3, CRM_NUM_GBP },
		{ "GBP 3", false, 3, CRM_NUM_GBP },
		{ YEN "1,000", false, 1000, CRM_NUM_JPY },
		{ "JPY 1000", false, 1000, CRM_NUM_JPY },
		{ "-$1,234.56", false, -1234.56, CRM_NUM_USD },
		{ "$-1,234.56", false, -1234.56, CRM_NUM_USD },
		{ "($1,234.56)", false, -1234.56, CRM_NUM_USD },
		{ "-1.234,56 " EURO, true, -1234.56, CRM_NUM_EUR },
		{ "EUR -5", true, -5, CRM_NUM_EUR },
		{ "1.234,56- EUR", true, -1234.56, CRM_NUM_EUR },
		{ "(1.234,56 " EURO ")", true, -1234.56, CRM_NUM_EUR },
		{ " $5 ", false, 5, CRM_NUM_USD },
		{ "1e3 EUR", false, 1000, CRM_NUM_EUR },
		{ "1.234,56-", true, -1234.56, CRM_NUM_NO_CURRENCY },
		{ "1,234.56-", false, -1234.56, CRM_NUM_NO_CURRENCY },
		{ "12-", false, -12, CRM_NUM_NO_CURRENCY },
		{ "(1,234.56)", false, -1234.56, CRM_NUM_NO_CURRENCY },
		{ "(1.234,56)", true, -1234.56, CRM_NUM_NO_CURRENCY },
		{ " (12) ", false, -12, CRM_NUM_NO_CURRENCY },
		{ "(12%)", false, -0.12, CRM_NUM_NO_CURRENCY },
		{ "12,5 %", true, 0.125, CRM_NUM_NO_CURRENCY },
		{ "1 234,56", true, 1234.56, CRM_NUM_NO_CURRENCY },
		{ "1" NBSP "234,56", true, 1234.56, CRM_NUM_NO_CURRENCY },
		{ "1" NNBSP "234,56", true, 1234.56, CRM_NUM_NO_CURRENCY },
		{ "1 234.56", false, 1234.56, CRM_NUM_NO_CURRENCY },
		{ "12 345 678", false, 12345678, CRM_NUM_NO_CURRENCY },
		{ "-1 234", true, -1234, CRM_NUM_NO_CURRENCY },
		{ "(0)", false, -0.0, CRM_NUM_NO_CURRENCY },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		crm_num_column col = { 0 };
		double v = -999;

		if (crm_num_parse_column(t[i].s, strlen(t[i].s), t[i].dc, &col,
		    &v) != CRM_NUM_OK)
			fail_msg("'%s' rejected (decimal comma %d)", t[i].s,
			    t[i].dc);
		assert_same(v, t[i].v, t[i].s);
		if (col.last != t[i].cur || col.currency != t[i].cur)
			fail_msg("'%s': currency %d/%d, want %d", t[i].s,
			    col.last, col.currency, t[i].cur);
		/* without a column, only the forms without a currency */
		v = -999;
		assert_int_equal(crm_num_parse(t[i].s, strlen(t[i].s), t[i].dc,
		    &v), t[i].cur == CRM_NUM_NO_CURRENCY ? CRM_NUM_OK :
		    CRM_NUM_INVALID);
		if (t[i].cur == CRM_NUM_NO_CURRENCY)
			assert_same(v, t[i].v, t[i].s);
		else
			assert_true(v == -999);
	}
}

/* Neighbours of the export forms that are not numbers, under both
 * conventions (and so in any column). */
static void
test_export_invalid(void **state)
{
	static const char *const bad[] = {
		"1.23,4", EURO " 1 " EURO, "12--", "-12-", "(12", "12)",
		"(-12)", "-(12)", "(12-)", "(+12)", "+12-", "1  234",
		"EUR USD 5", "5 EUR USD", "$ 5 $", "$$5", "()", "( )", "(",
		EURO, "EUR", "-", "$-", "-$", "- 5", "5 -", "EUR  5",
		"5  EUR", "5\t" EURO, EURO "\t5", "eur 5", "5 eur", "5 EURO",
		"US$5", "5 $%", "5% EUR", EURO "5%", "$5-%", "1 23", "1 2345",
		"1 234 5", NBSP "234", NBSP "5", "5" NBSP, NNBSP "5", "1" NBSP NBSP
		"234", "1 234" NBSP "567", "0 123", "1 234,5 6", "5 XYZ",
		"5 E", "$(5)", "(5) EUR", "5 (EUR)", "--5", "5--", "1,234,56",
		"\302\2405", "\342\202", "5\342\202",
	};
	size_t i;
	int dc;

	(void)state;
	for (dc = 0; dc <= 1; dc++)
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			crm_num_column col = { 0 };
			double v = 42;

			if (crm_num_parse_column(bad[i], strlen(bad[i]), dc,
			    &col, &v) != CRM_NUM_INVALID)
				fail_msg("'%s' accepted (decimal comma %d)",
				    bad[i], dc);
			assert_true(v == 42);
			assert_int_equal(col.currency, CRM_NUM_NO_CURRENCY);
			assert_int_equal(parse(bad[i], dc, &v),
			    CRM_NUM_INVALID);
		}
}

/* Under the point, ',' groups as '.' does under the decimal comma. */
static void
test_point_grouping(void **state)
{
	static const struct {
		const char *s;
		double v;
	} ok[] = {
		{ "1,234.56", 1234.56 }, { "1,234", 1234 },
		{ "12,345,678.5", 12345678.5 }, { "-1,000", -1000 },
		{ "999,999.99", 999999.99 }, { "1,234e3", 1234000 },
		{ "1,000%", 10 },
	};
	static const char *const bad[] = {
		"1,5", "1,23", "1,2345", "1234,567", ",5", "1,", "1,,234",
		"1,234,5", "0,123", "00,123", "1,234.5,6", "1.234,5",
		"1,234 567", "1,234.567,8", "1234,567.5",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		double v = -999;

		if (parse(ok[i].s, false, &v) != CRM_NUM_OK)
			fail_msg("'%s' rejected", ok[i].s);
		assert_same(v, ok[i].v, ok[i].s);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 42;

		if (parse(bad[i], false, &v) != CRM_NUM_INVALID)
			fail_msg("'%s' accepted", bad[i]);
	}
}

static void
test_column_currency(void **state)
{
	static const struct {
		const char *s;
		crm_num_status st;
		crm_num_currency last, column;
	} t[] = {
		{ "5", CRM_NUM_OK, CRM_NUM_NO_CURRENCY, CRM_NUM_NO_CURRENCY },
		{ "", CRM_NUM_MISSING, CRM_NUM_NO_CURRENCY, CRM_NUM_NO_CURRENCY },
		{ "1.234,56 " EURO, CRM_NUM_OK, CRM_NUM_EUR, CRM_NUM_EUR },
		{ "7", CRM_NUM_OK, CRM_NUM_NO_CURRENCY, CRM_NUM_EUR },
		{ "EUR 3", CRM_NUM_OK, CRM_NUM_EUR, CRM_NUM_EUR },
		{ "x", CRM_NUM_INVALID, CRM_NUM_NO_CURRENCY, CRM_NUM_EUR },
		{ "1.234,56 $", CRM_NUM_OTHER_CURRENCY, CRM_NUM_USD,
		  CRM_NUM_EUR },
		{ POUND "3", CRM_NUM_OTHER_CURRENCY, CRM_NUM_GBP, CRM_NUM_EUR },
		{ "USD 1", CRM_NUM_OTHER_CURRENCY, CRM_NUM_USD, CRM_NUM_EUR },
		{ "(2 " EURO ")", CRM_NUM_OK, CRM_NUM_EUR, CRM_NUM_EUR },
	};
	crm_num_column col = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = 42;
		crm_num_status st = crm_num_parse_column(t[i].s, strlen(t[i].s),
		    true, &col, &v);

		if (st != t[i].st || col.last != t[i].last ||
		    col.currency != t[i].column)
			fail_msg("'%s': status %d last %d column %d", t[i].s,
			    st, col.last, col.currency);
		if (st != CRM_NUM_OK)
			assert_true(v == 42);
	}
	assert_string_equal(crm_num_currency_code(col.currency), "EUR");
	assert_string_equal(crm_num_currency_code(CRM_NUM_USD), "USD");
	assert_string_equal(crm_num_currency_code(CRM_NUM_JPY), "JPY");
	assert_string_equal(crm_num_currency_code(CRM_NUM_CZK), "CZK");
	assert_string_equal(crm_num_currency_code(CRM_NUM_NO_CURRENCY), "");
	/* a column that starts in dollars */
	memset(&col, 0, sizeof col);
	{
		double v;

		assert_int_equal(crm_num_parse_column("$5", 2, false, &col, &v),
		    CRM_NUM_OK);
		assert_int_equal(crm_num_parse_column("5 USD", 5, false, &col,
		    &v), CRM_NUM_OK);
		assert_int_equal(crm_num_parse_column("5 " EURO, 5, false, &col,
		    &v), CRM_NUM_OTHER_CURRENCY);
		assert_int_equal(col.currency, CRM_NUM_USD);
		assert_int_equal(col.last, CRM_NUM_EUR);
	}
}

static void
test_other_convention(void **state)
{
	static const struct {
		const char *s;
		bool dc, other;
	} t[] = {
		{ "1,5", false, true }, { "1.234,56", false, true },
		{ "1.234,56 " EURO, false, true }, { "12,5%", false, true },
		{ "1.5", true, true }, { "0.123", true, true },
		{ "1,234.56", true, true }, { "$1,234.56", true, true },
		{ "5.000", true, false }, { "5,000", false, false },
		{ "12", false, false }, { "12", true, false },
		{ "abc", false, false }, { "abc", true, false },
		{ "", false, false }, { "1.2.3", false, false },
		{ "1.234,5.6", true, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (crm_num_other_convention(t[i].s, strlen(t[i].s), t[i].dc) !=
		    t[i].other)
			fail_msg("'%s' (decimal comma %d): other convention %d",
			    t[i].s, t[i].dc, !t[i].other);
}

/* Two threads parsing at once, as the two halves of a split read do;
 * the slow path is the one that used to share a locale object (run
 * under TSan by make check-tsan). */
static void *
parse_many(void *arg)
{
	static const char *const t[] = {
		"9007199254740993", "2.2250738585072011e-308", "1e23",
		"123456789012345678901234567890", "0.1000000000000000055511",
	};
	long bad = 0, i;

	for (i = 0; i < 20000; i++) {
		const char *s = t[i % 5];
		double v = 0;

		if (parse(s, false, &v) != CRM_NUM_OK ||
		    v != strtod(s, NULL))
			bad++;
	}
	*(long *)arg = bad;
	return NULL;
}

static void
test_threads(void **state)
{
	pthread_t a, b;
	long bad_a = -1, bad_b = -1;

	(void)state;
	assert_int_equal(pthread_create(&a, NULL, parse_many, &bad_a), 0);
	assert_int_equal(pthread_create(&b, NULL, parse_many, &bad_b), 0);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	assert_int_equal(bad_a, 0);
	assert_int_equal(bad_b, 0);
}

/* A user setting LC_NUMERIC changes nothing. */
static void
test_locale(void **state)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "de_DE",
	};
	size_t i;
	double v = 0;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	if (i == sizeof names / sizeof names[0])
		skip();
	assert_int_equal(parse("1234.5", false, &v), CRM_NUM_OK);
	assert_true(v == 1234.5);
	assert_int_equal(parse("1,5", false, &v), CRM_NUM_INVALID);
	assert_int_equal(parse("2.2250738585072011e-308", false, &v),
			 CRM_NUM_OK);
	assert_string_equal(fmt(1234.5, -1, false), "1234.5");
	assert_string_equal(fmt(0.25, 2, false), "0.25");
	assert_string_equal(fmt(0.25, 2, true), "0,25");
	setlocale(LC_NUMERIC, "C");
}

/* The per-thread column states and their merge at the halves' join. */
static void *
thread_columns(void *arg)
{
	crm_num_column **out = arg;
	crm_num_column *c = crm_num_thread_column(2);

	/* a fresh thread starts with no currency in any column */
	*out = c->currency == CRM_NUM_NO_CURRENCY ? c : NULL;
	return NULL;
}

static void
test_thread_columns(void **state)
{
	crm_num_column other[4] = { { 0 } }, *seen = NULL;
	const crm_num_column *t;
	pthread_t th;
	double v;
	size_t n;

	(void)state;
	assert_int_equal(crm_num_parse_column("5 \xe2\x82\xac", 5, true,
	    crm_num_thread_column(1), &v), CRM_NUM_OK);
	assert_int_equal(crm_num_thread_column(1)->currency, CRM_NUM_EUR);
	assert_int_equal(pthread_create(&th, NULL, thread_columns, &seen), 0);
	pthread_join(th, NULL);
	assert_non_null(seen);
	/* another thread's USD in column 1 does not join ... */
	other[1].currency = CRM_NUM_USD;
	assert_false(crm_num_thread_merge(other, 4));
	assert_int_equal(crm_num_thread_column(1)->currency, CRM_NUM_EUR);
	/* ... its EUR there and GBP in a column without one do */
	other[1].currency = CRM_NUM_EUR;
	other[3].currency = CRM_NUM_GBP;
	assert_true(crm_num_thread_merge(other, 4));
	t = crm_num_thread_table(&n);
	assert_true(n >= 4);
	assert_int_equal(t[3].currency, CRM_NUM_GBP);
	assert_int_equal(t[0].currency, CRM_NUM_NO_CURRENCY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_negative_zero),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_not_nul_terminated),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_percent_exact),
		cmocka_unit_test(test_hard_cases),
		cmocka_unit_test(test_long_digits),
		cmocka_unit_test(test_random_vs_strtod),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_precision),
		cmocka_unit_test(test_format_vs_printf),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_export_forms),
		cmocka_unit_test(test_export_invalid),
		cmocka_unit_test(test_point_grouping),
		cmocka_unit_test(test_column_currency),
		cmocka_unit_test(test_other_convention),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_thread_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
