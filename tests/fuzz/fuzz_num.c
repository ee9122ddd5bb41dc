/*
 * fuzz_num: crm_num_parse and crm_num_parse_column against an
 * independent reading of their documented grammar (crm_num.h, SPEC 2
 * "Numbers") and strtod.
 *
 * Input: the field, parsed both with and without --decimal-comma.
 *
 * The reference here is a POSIX extended regular expression built from
 * the grammar as crm_num.h states it (affixes, grouping, exponent), plus
 * the counting rules a regular expression cannot say (one sign at most,
 * one currency, parentheses in pairs, no currency with '%').  What it
 * accepts is rewritten to the plain C form strtod reads ("-1234.5e6":
 * the decimal comma becomes '.', grouping characters go) and converted
 * with strtod_l in the C locale.  A trailing '%' divides by 100 the way
 * crm_num does it: the result is the double nearest the decimal value
 * divided by 100 (the exponent is lowered by 2 before strtod rounds),
 * not strtod's double divided by 100, which may differ in the last bit.
 *
 * Properties: crm_num_parse_column (in a fresh column) accepts exactly
 * what the reference accepts, with the reference's currency, and
 * crm_num_parse the same less the fields with a currency (MISSING for
 * zero bytes); every accepted field gives exactly the reference's
 * value, bit for bit (so -0 stays -0); an overflow to infinity is
 * invalid; the value is never NaN; *out is untouched on failure.  A
 * column that has seen another currency rejects the field as
 * CRM_NUM_OTHER_CURRENCY.  crm_num_other_convention holds exactly when
 * the field is a number under the other convention only.  And
 * crm_num_format prints the value so that parsing the text again gives
 * the %.15g value back (below 1.79769313486231e308).
 */
#define _GNU_SOURCE		/* strtod_l, newlocale */

#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdbool.h>
#include <string.h>

#include "crm_num.h"
#include "fuzz.h"

#define SPACE "( |\xc2\xa0|\xe2\x80\xaf)"

/* The currencies as bytes, in the order of currency_of. */
static const char *const currency_text[] = {
	"\xe2\x82\xac", "$", "\xc2\xa3", "\xc2\xa5", "EUR", "USD",
	"GBP", "JPY", "CHF", "CNY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN",
	"CZK",
};
static const crm_num_currency currency_of[] = {
	CRM_NUM_EUR, CRM_NUM_USD, CRM_NUM_GBP, CRM_NUM_JPY, CRM_NUM_EUR,
	CRM_NUM_USD, CRM_NUM_GBP, CRM_NUM_JPY, CRM_NUM_CHF, CRM_NUM_CNY,
	CRM_NUM_CAD, CRM_NUM_AUD, CRM_NUM_SEK, CRM_NUM_NOK, CRM_NUM_DKK,
	CRM_NUM_PLN, CRM_NUM_CZK,
};
#define NCUR (sizeof currency_of / sizeof currency_of[0])

/* The subexpressions the reference reads, by number. */
enum { G_OPEN, G_SIGN1, G_PRE, G_SIGN2, G_NUM, G_MINUS, G_POST, G_PCT,
       G_CLOSE, G_COUNT };

typedef struct grammar {
	regex_t re;
	int group[G_COUNT];
	int ngroups;
	char text[4096];
} grammar;

/* Append fragment f to the pattern; if g >= 0 the fragment is one group
 * whose number is recorded as g.  Groups are counted by their '('. */
static void
add(grammar *gr, const char *f, int g)
{
	const char *p;

	if (g >= 0)
		gr->group[g] = gr->ngroups + 1;
	for (p = f; *p != '\0'; p++)
		if (*p == '\\')
			p++;
		else if (*p == '(')
			gr->ngroups++;
	strcat(gr->text, f);
}

static void
build(grammar *gr, bool dc)
{
	const char *sep = dc ? "," : "\\.", *grp = dc ? "\\." : ",";
	char cur[512] = "(", num[1024];
	size_t i;
	int rc;

	memset(gr, 0, sizeof *gr);
	for (i = 0; i < NCUR; i++) {
		if (i > 0)
			strcat(cur, "|");
		strcat(cur, strcmp(currency_text[i], "$") == 0 ? "\\$" :
		    currency_text[i]);
	}
	strcat(cur, ")");
	/* integer part: plain digits, or groups of three after 1-3 digits
	 * not starting with 0, one kind of grouping character each */
	snprintf(num, sizeof num, "((([0-9]+|[1-9][0-9]{0,2}(%s[0-9]{3})+|"
	    "[1-9][0-9]{0,2}( [0-9]{3})+|[1-9][0-9]{0,2}(\xc2\xa0[0-9]{3})+|"
	    "[1-9][0-9]{0,2}(\xe2\x80\xaf[0-9]{3})+)(%s[0-9]*)?|%s[0-9]+)"
	    "([eE][+-]?[0-9]+)?)", grp, sep, sep);
	add(gr, "^[ \t]*", -1);
	add(gr, "(\\()?", G_OPEN);
	add(gr, "([+-])?", G_SIGN1);
	add(gr, "(", G_PRE);
	add(gr, cur, -1);
	add(gr, SPACE "?)?", -1);
	add(gr, "([+-])?", G_SIGN2);
	add(gr, num, G_NUM);
	add(gr, "(-)?", G_MINUS);
	add(gr, "(" SPACE "?", G_POST);
	add(gr, cur, -1);
	add(gr, ")?", -1);
	add(gr, "([ \t]*%)?", G_PCT);
	add(gr, "(\\))?", G_CLOSE);
	add(gr, "[ \t]*$", -1);
	rc = regcomp(&gr->re, gr->text, REG_EXTENDED);
	FUZZ_CHECK(rc == 0, "regcomp %d: %s", rc, gr->text);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The currency named in s[0..n) (a captured affix with its space). */
static crm_num_currency
currency_in(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < NCUR; i++) {
		k = strlen(currency_text[i]);
		if (n >= k && (memcmp(s, currency_text[i], k) == 0 ||
		    memcmp(s + n - k, currency_text[i], k) == 0))
			return currency_of[i];
	}
	FUZZ_CHECK(0, "captured currency not found");
	return CRM_NUM_NO_CURRENCY;
}

/*
 * The documented grammar.  Returns true and the C-form text in buf if s
 * is a number (as crm_num_parse_column reads it in a fresh column);
 * *cur receives its currency.
 */
static bool
reference(const char *s, size_t len, bool dc, char *buf, size_t cap,
	  crm_num_currency *cur)
{
	static grammar gr[2];
	static bool built;
	regmatch_t m[64];
	char *z;
	size_t i, o = 0, b, e;
	long long exp = 0;
	bool eneg = false, neg, pct;
	int signs;

#define HAS(g) (m[gr[dc].group[g]].rm_so >= 0)
	if (!built) {
		build(&gr[0], false);
		build(&gr[1], true);
		built = true;
	}
	FUZZ_CHECK(gr[dc].ngroups < 64, "groups");
	if (memchr(s, '\0', len) != NULL)
		return false;	/* regexec stops at a NUL: no number has one */
	z = malloc(len + 1);
	FUZZ_CHECK(z != NULL, "malloc");
	memcpy(z, s, len);
	z[len] = '\0';
	i = regexec(&gr[dc].re, z, 64, m, 0) == 0;
	free(z);
	if (!i)
		return false;
	if (HAS(G_OPEN) != HAS(G_CLOSE))
		return false;
	signs = HAS(G_OPEN) + HAS(G_SIGN1) + HAS(G_SIGN2) + HAS(G_MINUS);
	if (signs > 1 || (HAS(G_PRE) && HAS(G_POST)))
		return false;
	pct = HAS(G_PCT);
	*cur = CRM_NUM_NO_CURRENCY;
	if (HAS(G_PRE) || HAS(G_POST)) {
		regmatch_t c = m[gr[dc].group[HAS(G_PRE) ? G_PRE : G_POST]];

		*cur = currency_in(s + c.rm_so, (size_t)(c.rm_eo - c.rm_so));
		if (pct)
			return false;
	}
	neg = HAS(G_OPEN) || HAS(G_MINUS) ||
	    (HAS(G_SIGN1) && s[m[gr[dc].group[G_SIGN1]].rm_so] == '-') ||
	    (HAS(G_SIGN2) && s[m[gr[dc].group[G_SIGN2]].rm_so] == '-');
	if (neg)
		buf[o++] = '-';
	/* the number: digits, the separator as '.', the exponent apart */
	b = (size_t)m[gr[dc].group[G_NUM]].rm_so;
	e = (size_t)m[gr[dc].group[G_NUM]].rm_eo;
	for (i = b; i < e && s[i] != 'e' && s[i] != 'E'; i++) {
		if (is_digit(s[i]))
			buf[o++] = s[i];
		else if (s[i] == (dc ? ',' : '.'))
			buf[o++] = '.';
		/* anything else groups */
	}
	if (i < e) {
		i++;
		if (s[i] == '-' || s[i] == '+')
			eneg = s[i++] == '-';
		for (; i < e; i++)
			if (exp < 1000000000LL)
				exp = exp * 10 + (s[i] - '0');
		if (eneg)
			exp = -exp;
	}
	/* Exponents this large decide overflow or underflow whatever the
	 * (at most a few thousand) digits; clamping keeps strtod's job
	 * small. */
	if (pct)
		exp -= 2;
	o += (size_t)snprintf(buf + o, cap - o, "e%lld", exp);
	return o < cap;
#undef HAS
}

/* What the reference says of a field under one convention. */
typedef struct verdict {
	bool ok;
	double value;
	crm_num_currency cur;
	char text[128];		/* the C form, for messages */
} verdict;

static void
judge(const char *s, size_t len, bool dc, verdict *vd)
{
	static locale_t c_loc;
	size_t cap = len + 64;
	char *buf = malloc(cap);

	if (c_loc == (locale_t)0)
		c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	FUZZ_CHECK(c_loc != (locale_t)0, "newlocale");
	FUZZ_CHECK(buf != NULL, "malloc");
	vd->ok = len > 0 && reference(s, len, dc, buf, cap, &vd->cur);
	if (vd->ok) {
		vd->value = strtod_l(buf, NULL, c_loc);
		if (isinf(vd->value))
			vd->ok = false;	/* out of range: invalid */
		snprintf(vd->text, sizeof vd->text, "%s", buf);
	}
	free(buf);
}

static void
mismatch(const char *s, size_t len, bool dc, const char *fn, int st,
	 const verdict *vd, const char *what)
{
	fuzz_dump("field", s, len);
	fprintf(stderr, "  decimal_comma %d: %s %d, reference %s (%s, "
	    "currency %d)\n", dc, fn, st, vd->ok ? "accepts" : "rejects",
	    vd->ok ? vd->text : "", vd->ok ? (int)vd->cur : 0);
	FUZZ_CHECK(0, "%s", what);
}

/* st and got from a parse that should accept iff want_ok. */
static void
expect(const char *s, size_t len, bool dc, const char *fn,
       crm_num_status st, double got, bool want_ok, const verdict *vd)
{
	if (len == 0) {
		FUZZ_CHECK(st == CRM_NUM_MISSING, "empty field: %d", st);
		return;
	}
	if (want_ok != (st == CRM_NUM_OK) ||
	    (st != CRM_NUM_OK && (st != CRM_NUM_INVALID || got != 1234.5)))
		mismatch(s, len, dc, fn, st, vd, "accepted or rejected "
		    "differently");
	if (st == CRM_NUM_OK && memcmp(&got, &vd->value, sizeof got) != 0) {
		fprintf(stderr, "  got %.17g, want %.17g\n", got, vd->value);
		mismatch(s, len, dc, fn, st, vd, "value differs from strtod");
	}
}

/* What crm_num_format prints reads back as its %.15g value.  Only up to
 * the largest 15-digit number below DBL_MAX: %.15g rounds anything above
 * it to 1.79769313486232e+308, which is out of range and reads back as
 * invalid (crmkit(7), LIMITS). */
static void
check_format(double got, bool dc)
{
	char out[CRM_NUM_BUFSZ], g[64];
	crm_numfmt fmt = { .precision = -1, .decimal_comma = dc };
	size_t n;
	double back = 0;

	FUZZ_CHECK(!isnan(got), "NaN");
	if (!(fabs(got) <= 1.79769313486231e308))
		return;
	n = crm_num_format(out, got, &fmt);
	FUZZ_CHECK(n > 0 && n < sizeof out && strlen(out) == n,
	    "format length %zu", n);
	FUZZ_CHECK(crm_num_parse(out, n, dc, &back) == CRM_NUM_OK,
	    "formatted \"%s\" does not parse back", out);
	snprintf(g, sizeof g, "%.15g", got);
	FUZZ_CHECK(back == strtod(g, NULL), "formatted \"%s\" reads as "
	    "%.17g, %%.15g gives %s", out, back, g);
}

static void
check(const char *s, size_t len, bool dc, const verdict *vd)
{
	crm_num_column col = { CRM_NUM_NO_CURRENCY, CRM_NUM_USD };
	crm_num_status st;
	double got = 1234.5;

	st = crm_num_parse(s, len, dc, &got);
	expect(s, len, dc, "crm_num_parse", st, got,
	    vd->ok && vd->cur == CRM_NUM_NO_CURRENCY, vd);
	if (st == CRM_NUM_OK)
		check_format(got, dc);

	got = 1234.5;
	st = crm_num_parse_column(s, len, dc, &col, &got);
	expect(s, len, dc, "crm_num_parse_column", st, got, vd->ok, vd);
	if (st == CRM_NUM_OK)
		FUZZ_CHECK(col.last == vd->cur && col.currency == vd->cur,
		    "currency %d/%d, want %d", col.last, col.currency,
		    vd->cur);
	else
		FUZZ_CHECK(col.currency == CRM_NUM_NO_CURRENCY,
		    "a rejected field set the currency");

	/* a column in another currency, and one in the same */
	if (vd->ok && vd->cur != CRM_NUM_NO_CURRENCY) {
		col.currency = vd->cur == CRM_NUM_EUR ? CRM_NUM_USD :
		    CRM_NUM_EUR;
		got = 1234.5;
		st = crm_num_parse_column(s, len, dc, &col, &got);
		FUZZ_CHECK(st == CRM_NUM_OTHER_CURRENCY && got == 1234.5 &&
		    col.last == vd->cur, "other currency: %d", st);
		col.currency = vd->cur;
		st = crm_num_parse_column(s, len, dc, &col, &got);
		FUZZ_CHECK(st == CRM_NUM_OK, "same currency: %d", st);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy: crm_num_parse must not read past len */
	char *s = malloc(size ? size : 1);
	verdict vd[2];
	int dc;

	FUZZ_CHECK(s != NULL, "malloc");
	memcpy(s, data, size);
	judge(s, size, false, &vd[0]);
	judge(s, size, true, &vd[1]);
	for (dc = 0; dc <= 1; dc++) {
		check(s, size, dc, &vd[dc]);
		FUZZ_CHECK(crm_num_other_convention(s, size, dc) ==
		    (!vd[dc].ok && vd[!dc].ok), "other convention (decimal "
		    "comma %d): reference %d/%d", dc, vd[dc].ok, vd[!dc].ok);
	}
	free(s);
	return 0;
}
