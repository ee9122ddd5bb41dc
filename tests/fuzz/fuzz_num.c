/*
 * fuzz_num: crm_num_parse against an independent reading of its
 * documented grammar (crm_num.h, SPEC 2 "Numbers") and strtod.
 *
 * Input: the field, parsed both with and without --decimal-comma.
 *
 * The reference here validates the field by the documented rules,
 * rewrites what it accepts to the plain C form strtod reads ("-1234.5e6":
 * the decimal comma becomes '.', grouping points go), and converts that
 * with strtod_l in the C locale.  A trailing '%' divides by 100 the way
 * crm_num does it: the result is the double nearest the decimal value
 * divided by 100 (the exponent is lowered by 2 before strtod rounds),
 * not strtod's double divided by 100, which may differ in the last bit.
 *
 * Properties: crm_num_parse accepts exactly what the reference accepts
 * (MISSING for zero bytes); every accepted field gives exactly the
 * reference's value, bit for bit (so -0 stays -0); an overflow to
 * infinity is invalid; the value is never NaN; *out is untouched on
 * failure.  And crm_num_format prints the value so that parsing the
 * text again gives the %.15g value back (below 1.79769313486231e308).
 */
#define _GNU_SOURCE		/* strtod_l, newlocale */

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "crm_num.h"
#include "fuzz.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The documented grammar.  Returns true and the C-form text in buf if s
 * is a number; *pct tells whether it had a trailing '%'.
 */
static bool
reference(const char *s, size_t len, bool dc, char *buf, size_t cap,
	  bool *pct)
{
	size_t b = 0, e = len, i, o = 0, intdigits = 0, fracdigits = 0;
	char sep = dc ? ',' : '.';
	long long exp = 0;
	bool eneg = false;

	/* surrounding spaces (blanks: space and tab) */
	while (b < e && (s[b] == ' ' || s[b] == '\t'))
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*pct = false;
	if (e > b && s[e - 1] == '%') {
		*pct = true;
		e--;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
	}
	i = b;
	if (i < e && (s[i] == '-' || s[i] == '+'))
		buf[o++] = s[i++];
	/* integer part; with dc, '.' groups: a first group of 1-3 digits,
	 * then groups of exactly 3 */
	{
		size_t group = 0;
		bool grouped = false;

		for (; i < e; i++) {
			if (is_digit(s[i])) {
				buf[o++] = s[i];
				intdigits++;
				group++;
			} else if (dc && s[i] == '.') {
				if (group == 0 || group > 3 ||
				    (grouped && group != 3))
					return false;
				grouped = true;
				group = 0;
			} else {
				break;
			}
		}
		if (grouped && group != 3)
			return false;
	}
	if (i < e && s[i] == sep) {
		buf[o++] = '.';
		for (i++; i < e && is_digit(s[i]); i++) {
			buf[o++] = s[i];
			fracdigits++;
		}
	}
	if (intdigits + fracdigits == 0)
		return false;
	if (i < e && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < e && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i == e || !is_digit(s[i]))
			return false;
		for (; i < e && is_digit(s[i]); i++)
			if (exp < 1000000000LL)
				exp = exp * 10 + (s[i] - '0');
		if (eneg)
			exp = -exp;
	}
	if (i != e)
		return false;
	/* Exponents this large decide overflow or underflow whatever the
	 * (at most a few thousand) digits; clamping keeps strtod's job
	 * small. */
	if (*pct)
		exp -= 2;
	o += (size_t)snprintf(buf + o, cap - o, "e%lld", exp);
	return o < cap;
}

static void
check(const char *s, size_t len, bool dc)
{
	static locale_t c_loc;
	char *buf;
	size_t cap = len + 64;
	double got = 1234.5, want = 0;
	crm_num_status st = crm_num_parse(s, len, dc, &got);
	bool pct, ok;

	if (c_loc == (locale_t)0)
		c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	FUZZ_CHECK(c_loc != (locale_t)0, "newlocale");
	if (len == 0) {
		FUZZ_CHECK(st == CRM_NUM_MISSING, "empty field: %d", st);
		return;
	}
	buf = malloc(cap);
	FUZZ_CHECK(buf != NULL, "malloc");
	ok = reference(s, len, dc, buf, cap, &pct);
	if (ok) {
		want = strtod_l(buf, NULL, c_loc);
		if (isinf(want))
			ok = false;	/* out of range: invalid */
	}
	if (ok != (st == CRM_NUM_OK) || (st != CRM_NUM_OK &&
	    (st != CRM_NUM_INVALID || got != 1234.5))) {
		fuzz_dump("field", s, len);
		fprintf(stderr, "  decimal_comma %d: crm_num_parse %d, "
		    "reference %s (%s)\n", dc, st, ok ? "accepts" : "rejects",
		    ok ? buf : "");
		FUZZ_CHECK(0, "accepted or rejected differently");
	}
	if (ok && memcmp(&got, &want, sizeof got) != 0) {
		fuzz_dump("field", s, len);
		fprintf(stderr, "  decimal_comma %d: got %.17g, strtod(\"%.200s\")"
		    " gives %.17g\n", dc, got, buf, want);
		FUZZ_CHECK(0, "value differs from strtod");
	}
	free(buf);
	if (st != CRM_NUM_OK)
		return;
	FUZZ_CHECK(!isnan(got), "NaN");

	/* What crm_num_format prints reads back as its %.15g value.  Only
	 * up to the largest 15-digit number below DBL_MAX: %.15g rounds
	 * anything above it to 1.79769313486232e+308, which is out of
	 * range and reads back as invalid (crmkit(7), LIMITS). */
	if (fabs(got) <= 1.79769313486231e308) {
		char out[CRM_NUM_BUFSZ], g[64];
		crm_numfmt fmt = { .precision = -1, .decimal_comma = dc };
		size_t n = crm_num_format(out, got, &fmt);
		double back = 0, want15;

		FUZZ_CHECK(n > 0 && n < sizeof out && strlen(out) == n,
		    "format length %zu", n);
		FUZZ_CHECK(crm_num_parse(out, n, dc, &back) == CRM_NUM_OK,
		    "formatted \"%s\" does not parse back", out);
		snprintf(g, sizeof g, "%.15g", got);
		want15 = strtod_l(g, NULL, c_loc);
		FUZZ_CHECK(back == want15, "formatted \"%s\" reads as %.17g, "
		    "%%.15g gives %s", out, back, g);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy: crm_num_parse must not read past len */
	char *s = malloc(size ? size : 1);

	FUZZ_CHECK(s != NULL, "malloc");
	memcpy(s, data, size);
	check(s, size, false);
	check(s, size, true);
	free(s);
	return 0;
}
