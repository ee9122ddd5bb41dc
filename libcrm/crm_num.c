/*
 * crm_num: locale-independent number parsing and formatting.
 *
 * Parsing first takes off what real exports put around a number
 * (blanks, accounting parentheses, a trailing '%', a currency symbol or
 * code before or after it, a sign before it or SAP's minus after it),
 * then validates the number by hand and reduces it to a significand (a
 * string of significant decimal digits D, at most MAXDIG of them plus a
 * sticky digit) and a power of ten E, so that the value is D x 10^E.
 * Short significands with a small E are converted exactly by one IEEE
 * multiplication or division (Clinger's fast path: both operands are
 * exact doubles, so the one rounding is the correct one).  Everything
 * else is written as the clean ASCII string "DeE" and converted by
 * strtod, which reads such a string alike in every locale (see
 * slow_convert), so LC_NUMERIC never matters.
 */
#include "crm_num.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A double is decided by at most 767 significant decimal digits: keeping
 * MAXDIG digits and replacing any non-zero digits dropped after them by a
 * single '1' keeps the value on the same side of every rounding boundary.
 */
#define MAXDIG 780
/* Exponents beyond this overflow or underflow whatever the digits. */
#define MAXEXP 99999

static const double p10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static const uint64_t p10i[] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL
};

/*
 * The slow path: gather the significant digits of the (validated)
 * mantissa mant[0..n) again, at most MAXDIG of them plus a sticky '1' for
 * any non-zero digit dropped, write "DIGITSeEXP" and convert it with
 * strtod.  The value is int(all digits) * 10^e10.
 */
static double
slow_convert(const unsigned char *mant, size_t n, int64_t e10)
{
	char buf[MAXDIG + 2 + 16];
	size_t nd = 0, i;
	bool sticky = false;

	for (i = 0; i < n; i++) {
		unsigned c = (unsigned)mant[i] - '0';

		if (c >= 10 || (nd == 0 && c == 0))
			continue;	/* separators, leading zeros */
		if (nd < MAXDIG) {
			buf[nd++] = (char)mant[i];
		} else {
			e10++;
			if (c != 0)
				sticky = true;
		}
	}
	if (sticky) {
		buf[nd++] = '1';
		e10--;
	}
	if (e10 > MAXEXP)
		e10 = MAXEXP;
	if (e10 < -MAXEXP)
		e10 = -MAXEXP;
	snprintf(buf + nd, sizeof buf - nd, "e%d", (int)e10);
	/*
	 * Plain strtod, without a "C" locale object: the text holds only
	 * digits, 'e' and '-', no decimal point and no grouping, the only
	 * things LC_NUMERIC changes, so every locale reads it alike.  This
	 * keeps the module free of shared state: the two halves of a split
	 * read parse numbers in two threads at once, and a locale object
	 * created on first use would be a data race between them.
	 */
	return strtod(buf, NULL);
}

static inline int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* ---- what surrounds the number ----------------------------------- */

/* The currencies, symbols first; a symbol and its code are one. */
static const struct currency {
	const char *text;
	size_t len;
	crm_num_currency cur;
} currencies[] = {
	{ "\xe2\x82\xac", 3, CRM_NUM_EUR }, { "$", 1, CRM_NUM_USD },
	{ "\xc2\xa3", 2, CRM_NUM_GBP }, { "\xc2\xa5", 2, CRM_NUM_JPY },
	{ "EUR", 3, CRM_NUM_EUR }, { "USD", 3, CRM_NUM_USD },
	{ "GBP", 3, CRM_NUM_GBP }, { "JPY", 3, CRM_NUM_JPY },
	{ "CHF", 3, CRM_NUM_CHF }, { "CNY", 3, CRM_NUM_CNY },
	{ "CAD", 3, CRM_NUM_CAD }, { "AUD", 3, CRM_NUM_AUD },
	{ "SEK", 3, CRM_NUM_SEK }, { "NOK", 3, CRM_NUM_NOK },
	{ "DKK", 3, CRM_NUM_DKK }, { "PLN", 3, CRM_NUM_PLN },
	{ "CZK", 3, CRM_NUM_CZK },
};
#define NCURRENCIES (sizeof currencies / sizeof currencies[0])

const char *
crm_num_currency_code(crm_num_currency c)
{
	size_t i;

	for (i = 4; i < NCURRENCIES; i++)	/* the codes */
		if (currencies[i].cur == c)
			return currencies[i].text;
	return "";
}

/* Whether c can start or end a currency: '$', an upper-case letter or
 * a byte of a UTF-8 symbol. */
static inline bool
currency_byte(unsigned char c)
{
	return c == '$' || c >= 0x80 || (c >= 'A' && c <= 'Z');
}

/* The currency that starts at p: its length, or 0. */
static size_t
currency_at(const unsigned char *p, const unsigned char *end,
	    crm_num_currency *cur)
{
	size_t i;

	if (p == end || !currency_byte(*p))
		return 0;
	for (i = 0; i < NCURRENCIES; i++)
		if ((size_t)(end - p) >= currencies[i].len &&
		    memcmp(p, currencies[i].text, currencies[i].len) == 0) {
			*cur = currencies[i].cur;
			return currencies[i].len;
		}
	return 0;
}

/* The currency that ends at end: its length, or 0. */
static size_t
currency_before(const unsigned char *p, const unsigned char *end,
		crm_num_currency *cur)
{
	size_t i;

	if (p == end || !currency_byte(end[-1]))
		return 0;
	for (i = 0; i < NCURRENCIES; i++)
		if ((size_t)(end - p) >= currencies[i].len &&
		    memcmp(end - currencies[i].len, currencies[i].text,
		    currencies[i].len) == 0) {
			*cur = currencies[i].cur;
			return currencies[i].len;
		}
	return 0;
}

/* A space, U+00A0 or U+202F (narrow) at p: its length, or 0. */
static inline size_t
space_at(const unsigned char *p, const unsigned char *end)
{
	if (p < end && *p == ' ')
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf)
		return 3;
	return 0;
}

/* The same, ending at end. */
static inline size_t
space_before(const unsigned char *p, const unsigned char *end)
{
	if (end > p && end[-1] == ' ')
		return 1;
	if (end - p >= 2 && end[-2] == 0xc2 && end[-1] == 0xa0)
		return 2;
	if (end - p >= 3 && end[-3] == 0xe2 && end[-2] == 0x80 &&
	    end[-1] == 0xaf)
		return 3;
	return 0;
}

typedef struct affixes {
	const unsigned char *p, *end;	/* the number itself */
	bool neg, pct;
	crm_num_currency cur;
} affixes;

/* A sign at *pp: counted in *signs, taken. */
static inline void
take_sign(const unsigned char **pp, const unsigned char *end, affixes *a,
	  int *signs)
{
	if (*pp < end && (**pp == '-' || **pp == '+')) {
		a->neg = a->neg || **pp == '-';
		++*signs;
		++*pp;
	}
}

/*
 * Take off, outside in: blanks; parentheses (negative); a '%' and the
 * blanks before it; a currency at the end and the space before it; a
 * minus right after the number; a sign; a currency at the start, the
 * space after it and a sign after that.  At most one of the signs,
 * minus after and parentheses; at most one currency, and none with '%'.
 * Returns false for a field that breaks these rules.
 */
static bool
strip_affixes(const unsigned char *p, const unsigned char *end, affixes *a)
{
	crm_num_currency pre = CRM_NUM_NO_CURRENCY, post = pre;
	int signs = 0;
	size_t k;

	a->neg = a->pct = false;
	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	if (p < end && *p == '(') {
		if (end - p < 2 || end[-1] != ')')
			return false;
		p++;
		end--;
		a->neg = true;
		signs++;
	}
	if (end > p && end[-1] == '%') {
		a->pct = true;
		end--;
		while (end > p && is_blank(end[-1]))
			end--;
	}
	if ((k = currency_before(p, end, &post)) > 0) {
		end -= k;
		end -= space_before(p, end);
	}
	if (end > p && end[-1] == '-') {
		a->neg = true;
		signs++;
		end--;
	}
	take_sign(&p, end, a, &signs);
	if ((k = currency_at(p, end, &pre)) > 0) {
		p += k;
		p += space_at(p, end);
		take_sign(&p, end, a, &signs);
	}
	if (signs > 1 || (pre != CRM_NUM_NO_CURRENCY &&
	    post != CRM_NUM_NO_CURRENCY))
		return false;
	a->cur = pre != CRM_NUM_NO_CURRENCY ? pre : post;
	if (a->cur != CRM_NUM_NO_CURRENCY && a->pct)
		return false;
	a->p = p;
	a->end = end;
	return true;
}

/* ---- the number -------------------------------------------------- */

/* A grouping character at p: '.' under the decimal comma, ',' under the
 * point, or a space, U+00A0 or U+202F; its length, or 0. */
static inline size_t
group_at(const unsigned char *p, const unsigned char *end, bool dc)
{
	if (*p == (dc ? '.' : ','))
		return 1;
	return space_at(p, end);
}

/*
 * The integer part at *pp, its digits perhaps grouped: a grouping
 * character follows a first group of one to three digits that does not
 * start with 0, and every later one exactly three digits; one kind of
 * grouping character per number.  *m takes the first 19 significant
 * digits, *nd counts the significant digits, *ndigits all digits.
 * Returns false if the grouping is wrong; *pp then stays.
 */
static bool
scan_integer(const unsigned char **pp, const unsigned char *end, bool dc,
	     uint64_t *m, size_t *nd, size_t *ndigits)
{
	const unsigned char *p = *pp;
	unsigned group = 0, kind = 0;	/* kind: first byte of the grouping */
	size_t g;

	while (p < end) {
		unsigned c = (unsigned)*p - '0';

		if (c < 10) {
			++*ndigits;
			group++;
			if (!(*nd == 0 && c == 0) && ++*nd <= 19)
				*m = *m * 10 + c;
			p++;
			continue;
		}
		if ((g = group_at(p, end, dc)) == 0)
			break;
		if (kind == 0) {
			if (group == 0 || group > 3 || **pp == '0')
				return false;
			kind = *p;
		} else if (*p != kind || group != 3) {
			return false;
		}
		group = 0;
		p += g;
	}
	if (kind != 0 && group != 3)
		return false;
	*pp = p;
	return true;
}

/* A fraction after the separator at *pp: its digits into *m, *nd,
 * *ndigits as scan_integer does, their number into *nfrac. */
static void
scan_fraction(const unsigned char **pp, const unsigned char *end,
	      uint64_t *m, size_t *nd, size_t *ndigits, int64_t *nfrac)
{
	const unsigned char *p;

	for (p = *pp + 1; p < end; p++) {
		unsigned c = (unsigned)*p - '0';

		if (c >= 10)
			break;
		++*ndigits;
		++*nfrac;
		if (!(*nd == 0 && c == 0) && ++*nd <= 19)
			*m = *m * 10 + c;
	}
	*pp = p;
}

/* An exponent at *pp (e or E, optional sign, digits) into *wexp: false
 * if malformed. */
static bool
scan_exponent(const unsigned char **pp, const unsigned char *end,
	      int64_t *wexp)
{
	const unsigned char *p = *pp + 1;
	bool eneg = false;

	if (p < end && (*p == '-' || *p == '+')) {
		eneg = *p == '-';
		p++;
	}
	if (p == end || (unsigned)*p - '0' >= 10)
		return false;
	for (; p < end && (unsigned)*p - '0' < 10; p++)
		if (*wexp < 100000000)
			*wexp = *wexp * 10 + (*p - '0');
	if (eneg)
		*wexp = -*wexp;
	*pp = p;
	return true;
}

/*
 * The common case of parse_number: at most 19 digits, an optional
 * separator and no grouping or exponent, the integer of the digits at
 * most 2^53.  Returns false, *out untouched, for anything else.
 */
static inline bool
number_simple(const unsigned char *p, const unsigned char *end,
	      bool decimal_comma, bool pct, double *out)
{
	const unsigned char *q = p;
	uint64_t m = 0;
	size_t ndigits;
	int64_t nfrac = 0, k;
	unsigned c;

	while (q < end && (c = (unsigned)*q - '0') < 10) {
		m = m * 10 + c;
		q++;
	}
	ndigits = (size_t)(q - p);
	if (q < end && *q == (decimal_comma ? ',' : '.')) {
		const unsigned char *f = ++q;

		while (q < end && (c = (unsigned)*q - '0') < 10) {
			m = m * 10 + c;
			q++;
		}
		nfrac = q - f;
		ndigits += (size_t)nfrac;
	}
	if (q == end && ndigits - 1 < 19 && m <= (UINT64_C(1) << 53)) {
		k = nfrac + (pct ? 2 : 0);
		*out = k == 0 ? (double)m : (double)m / p10[k];
		return true;
	}
	return false;
}

/*
 * The value of the unsigned number p[0..end): digits grouped as
 * scan_integer says, at most one separator, an optional exponent; pct
 * divides by 100 exactly (the exponent is lowered by 2).  Writes *out
 * only on CRM_NUM_OK.  number_simple has failed on it.
 */
static crm_num_status
number_general(const unsigned char *p, const unsigned char *end,
	       bool decimal_comma, bool pct, double *out)
{
	const unsigned char *mant = p, *mend;
	size_t nd = 0, ndigits = 0;	/* significant digits, all digits */
	uint64_t m = 0;			/* the first 19 significant digits */
	int64_t nfrac = 0, wexp = 0;	/* fraction digits, exponent */
	unsigned char sep = decimal_comma ? ',' : '.';
	double v;

	/* m takes the first 19 significant digits; with more, the slow
	 * path reads the digits again. */
	if (!scan_integer(&p, end, decimal_comma, &m, &nd, &ndigits))
		return CRM_NUM_INVALID;
	if (p < end && *p == sep)
		scan_fraction(&p, end, &m, &nd, &ndigits, &nfrac);
	if (ndigits == 0)
		return CRM_NUM_INVALID;
	mend = p;
	if (p < end && (*p == 'e' || *p == 'E') &&
	    !scan_exponent(&p, end, &wexp))
		return CRM_NUM_INVALID;
	if (p != end)
		return CRM_NUM_INVALID;

	if (nd == 0) {
		*out = 0.0;
		return CRM_NUM_OK;
	}
	wexp -= pct ? 2 : 0;

	/* Fast path: with at most 19 significant digits, m is exact and
	 * the value is m * 10^(wexp - nfrac). */
	if (nd <= 19 && m <= (UINT64_C(1) << 53)) {
		int64_t x = wexp - nfrac;

		if (x >= 0 && x <= 22) {
			*out = (double)m * p10[x];
			return CRM_NUM_OK;
		}
		if (x < 0 && x >= -22) {
			*out = (double)m / p10[-x];
			return CRM_NUM_OK;
		}
		/* m * 10^k stays an exact integer below 2^53. */
		if (x > 22 && x - 22 <= 15 &&
		    m <= ((UINT64_C(1) << 53) / p10i[x - 22])) {
			*out = (double)(m * p10i[x - 22]) * p10[22];
			return CRM_NUM_OK;
		}
	}
	v = slow_convert(mant, (size_t)(mend - mant), wexp - nfrac);
	if (isinf(v))
		return CRM_NUM_INVALID;
	*out = v;
	return CRM_NUM_OK;
}

static inline crm_num_status
parse_number(const unsigned char *p, const unsigned char *end,
	     bool decimal_comma, bool pct, double *out)
{
	if (number_simple(p, end, decimal_comma, pct, out))
		return CRM_NUM_OK;
	return number_general(p, end, decimal_comma, pct, out);
}

/* A byte that can start or end a number: a digit or a separator. */
static inline bool
number_edge(unsigned char c, bool decimal_comma)
{
	return (unsigned)c - '0' < 10 || c == (decimal_comma ? ',' : '.');
}

/*
 * Everything crm_num_parse accepts and more: the field with its affixes.
 * cur NULL: a currency makes the field invalid; else *cur receives the
 * field's currency (CRM_NUM_NO_CURRENCY if none) on CRM_NUM_OK.
 */
static crm_num_status
parse_full(const char *s, size_t len, bool decimal_comma, double *out,
	   crm_num_currency *cur)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	crm_num_status st;
	bool neg = false, pct = false;
	affixes a;
	double v;

	if (len == 0)
		return CRM_NUM_MISSING;
	/* Plain numbers with blanks, a sign or '%' around them skip the
	 * affix scan: a field that starts (after the sign) and ends with a
	 * digit or the separator has no other affixes. */
	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	if (end > p && end[-1] == '%') {
		pct = true;
		end--;
		while (end > p && is_blank(end[-1]))
			end--;
	}
	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	if (p < end && number_edge(*p, decimal_comma) &&
	    number_edge(end[-1], decimal_comma)) {
		if ((st = parse_number(p, end, decimal_comma, pct, &v)) !=
		    CRM_NUM_OK)
			return st;
		*out = neg ? -v : v;
		if (cur != NULL)
			*cur = CRM_NUM_NO_CURRENCY;
		return CRM_NUM_OK;
	}

	p = (const unsigned char *)s;
	if (!strip_affixes(p, p + len, &a) || a.p == a.end ||
	    (cur == NULL && a.cur != CRM_NUM_NO_CURRENCY))
		return CRM_NUM_INVALID;
	st = parse_number(a.p, a.end, decimal_comma, a.pct, &v);
	if (st != CRM_NUM_OK)
		return st;
	*out = a.neg ? -v : v;
	if (cur != NULL)
		*cur = a.cur;
	return CRM_NUM_OK;
}

/*
 * The common case first: at most 15 bytes of digits with at most one
 * decimal separator and at least one digit ("14263.17", "2", ".5"), no
 * sign, blank, '%', exponent, grouping or currency.  The value is the
 * integer of all digits (below 10^15, so exact) divided by a power of
 * ten, as in parse_number's own first case, so the result is bit for
 * bit the same (tests/unit/test_numfast.c checks it against parse_full).
 * Returns false, *out untouched, for anything else.
 */
static inline bool
parse_short(const char *s, size_t len, bool decimal_comma, double *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len, *q = p, *f;
	uint64_t m = 0;
	unsigned c;

	if (len - 1 < 15) {
		while (q < end && (c = (unsigned)*q - '0') < 10) {
			m = m * 10 + c;
			q++;
		}
		if (q == end) {
			*out = (double)m;
			return true;
		}
		if (*q == (decimal_comma ? ',' : '.')) {
			f = ++q;
			while (q < end && (c = (unsigned)*q - '0') < 10) {
				m = m * 10 + c;
				q++;
			}
			if (q == end && len > 1) {
				*out = q == f ? (double)m : (double)m / p10[q - f];
				return true;
			}
		}
	}
	return false;
}

/* parse_short, also after a sign ("-1234.5"): the plain numbers of
 * most columns, without the affix scan of parse_full. */
static inline bool
parse_plain(const char *s, size_t len, bool decimal_comma, double *out)
{
	double v;

	if (parse_short(s, len, decimal_comma, out))
		return true;
	if (len > 1 && (*s == '-' || *s == '+') &&
	    parse_short(s + 1, len - 1, decimal_comma, &v)) {
		*out = *s == '-' ? -v : v;
		return true;
	}
	return false;
}

crm_num_status
crm_num_parse(const char *s, size_t len, bool decimal_comma, double *out)
{
	if (parse_plain(s, len, decimal_comma, out))
		return CRM_NUM_OK;
	return parse_full(s, len, decimal_comma, out, NULL);
}

crm_num_status
crm_num_parse_column(const char *s, size_t len, bool decimal_comma,
		     crm_num_column *col, double *out)
{
	crm_num_currency cur = CRM_NUM_NO_CURRENCY;
	crm_num_status st;
	double v;

	col->last = CRM_NUM_NO_CURRENCY;
	if (parse_plain(s, len, decimal_comma, out))
		return CRM_NUM_OK;
	if ((st = parse_full(s, len, decimal_comma, &v, &cur)) != CRM_NUM_OK)
		return st;
	col->last = cur;
	if (cur != CRM_NUM_NO_CURRENCY) {
		if (col->currency == CRM_NUM_NO_CURRENCY)
			col->currency = cur;
		else if (col->currency != cur)
			return CRM_NUM_OTHER_CURRENCY;
	}
	*out = v;
	return CRM_NUM_OK;
}

bool
crm_num_other_convention(const char *s, size_t len, bool decimal_comma)
{
	crm_num_column a = { 0 }, b = { 0 };
	double v;

	return crm_num_parse_column(s, len, decimal_comma, &a, &v) ==
	    CRM_NUM_INVALID &&
	    crm_num_parse_column(s, len, !decimal_comma, &b, &v) == CRM_NUM_OK;
}

/* ------------------------------------------------------------------ */

/*
 * printf's conversions use the LC_NUMERIC decimal point.  crmkit never
 * sets LC_NUMERIC, but a library user might: whatever bytes stand where
 * the point belongs (anything but digits, sign and exponent) become '.'.
 */
static size_t
fix_point(char *buf, size_t n)
{
	size_t i, j;

	for (i = 0, j = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if ((c >= '0' && c <= '9') || c == '-' || c == '+' ||
		    c == 'e' || c == 'E') {
			buf[j++] = (char)c;
			continue;
		}
		buf[j++] = '.';
		while (i + 1 < n) {
			c = (unsigned char)buf[i + 1];
			if ((c >= '0' && c <= '9') || c == '-' || c == '+' ||
			    c == 'e' || c == 'E')
				break;
			i++;
		}
	}
	buf[j] = '\0';
	return j;
}

/* Largest precision honoured: keeps "%.Nf" of DBL_MAX inside
 * CRM_NUM_BUFSZ (1 sign + 309 digits + point + N + NUL). */
#define MAXPREC 80

#if defined(__SIZEOF_INT128__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HAVE_FORMAT_G15 1
__extension__ typedef unsigned __int128 u128;

/*
 * The 8 decimal digits of v < 10^8 as ASCII in one word, the first digit
 * in the lowest byte: v splits into two 4-digit halves (32-bit lanes),
 * each into two 2-digit parts (16-bit lanes), each into two digits
 * (bytes), dividing by 100 and by 10 in all lanes at once with
 * multiply-and-shift (exact below 10^4 and 100).
 */
static inline uint64_t
ascii8(uint32_t v)
{
	uint64_t x = (uint64_t)(v / 10000) | ((uint64_t)(v % 10000) << 32);
	uint64_t h = ((x * 10486) >> 20) & 0x0000007F0000007FULL;
	uint64_t t;

	x = ((x - 100 * h) << 16) | h;	/* 2-digit parts */
	t = ((x * 103) >> 10) & 0x000F000F000F000FULL;
	x = t | ((x - 10 * t) << 8);	/* digits */
	return x | 0x3030303030303030ULL;
}

/*
 * %.15g without printf, for the values crmkit writes most (money,
 * ratios, shares): finite, non-zero, printed in fixed notation.
 * v = m * 2^-s exactly (m < 2^53); N = v * 10^k is computed exactly as
 * the 128-bit m * 10^k shifted right by s, the bits shifted out deciding
 * the rounding exactly, ties to even as glibc does in the default
 * rounding mode.  k is chosen so that N has 15 digits.  The text is put
 * together in registers and stored whole (no byte-wise copying).
 * Returns the length written, or 0 when v is outside this path
 * (|v| < 1e-5 or >= 1e15, or %.15g would use an exponent): the caller
 * then uses snprintf.  tests/unit/test_numfast.c compares both on
 * millions of values.
 */
static size_t
format_g15(char *buf, double v, char point)
{
	static const uint64_t pow10[20] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL,
		1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
		10000000000ULL, 100000000000ULL, 1000000000000ULL,
		10000000000000ULL, 100000000000000ULL,
		1000000000000000ULL, 10000000000000000ULL,
		100000000000000000ULL, 1000000000000000000ULL,
		10000000000000000000ULL
	};
	const uint64_t lo = 100000000000000ULL, hi = 1000000000000000ULL;
	double a = fabs(v);
	uint64_t bits, m, t, z, d0, d1;
	int s, e, k, x, nd, tries;
	u128 p, rem, half, d;
	size_t n = 0;

	if (!(a >= 1e-5 && a < 1e15))
		return 0;
	memcpy(&bits, &a, sizeof bits);
	m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
	s = 1075 - (int)(bits >> 52);	/* a = m * 2^-s, 3 <= s <= 70 */
	if (s <= 0 || s >= 127)
		return 0;
	/* decimal exponent of a from the binary one (1233/4096 ~ log10 2):
	 * at most one off either way; corrected below */
	e = (52 - s) * 1233 / 4096;
	for (tries = 0;; tries++) {
		k = 14 - e;
		if (k < 0 || k > 19 || tries > 2)
			return 0;
		p = (u128)m * pow10[k];
		t = (uint64_t)(p >> s);
		if (t >= hi)
			e++;
		else if (t < lo)
			e--;
		else
			break;
	}
	rem = p & (((u128)1 << s) - 1);
	half = (u128)1 << (s - 1);
	if (rem > half || (rem == half && (t & 1)))
		t++;
	x = e;
	if (t == hi) {		/* 9.99...95 rounded up to 10.0... */
		t = lo;
		x++;
	}
	if (x < -4 || x >= 15)
		return 0;	/* %g would write an exponent */

	/* significant digits: 15 less the trailing zeros of t */
	nd = 15;
	z = t;
	if (z % 100000000 == 0) {
		z /= 100000000;
		nd -= 8;
	}
	if (z % 10000 == 0) {
		z /= 10000;
		nd -= 4;
	}
	if (z % 100 == 0) {
		z /= 100;
		nd -= 2;
	}
	if (z % 10 == 0)
		nd -= 1;

	/* the 15 digits of t in bytes 0..14 of d (7 + 8 digits) */
	d0 = ascii8((uint32_t)(t / 100000000)) >> 8;
	d1 = ascii8((uint32_t)(t % 100000000));
	d = (u128)(d0 | (d1 << 56)) | ((u128)(d1 >> 8) << 64);

	if (v < 0)
		buf[n++] = '-';
	if (x >= 0 && nd > x + 1) {
		/* x + 1 integer digits, the point, the rest */
		u128 mask = ((u128)1 << (8 * (x + 1))) - 1;

		d = (d & mask) | ((u128)(unsigned char)point << (8 * (x + 1))) |
		    ((d & ~mask) << 8);
		memcpy(buf + n, &d, 16);
		n += (size_t)nd + 1;
	} else if (x >= 0) {
		/* an integer after rounding */
		memcpy(buf + n, &d, 16);
		n += (size_t)x + 1;
	} else {
		/* 0.000ddd */
		char lead[8] = { '0', point, '0', '0', '0', '0', '0', '0' };

		memcpy(buf + n, lead, 8);
		n += 2 + (size_t)(-x - 1);
		memcpy(buf + n, &d, 16);
		n += (size_t)nd;
	}
	buf[n] = '\0';
	return n;
}
#endif

size_t
crm_num_format(char *buf, double v, const crm_numfmt *fmt)
{
	int prec = fmt != NULL ? fmt->precision : -1;
	bool dc = fmt != NULL && fmt->decimal_comma;
	size_t n, i;
	int r;

	if (!isfinite(v)) {
		buf[0] = '\0';
		return 0;
	}
	if (v == 0)
		v = 0.0;	/* -0 prints as 0 */

	if (prec < 0 && fabs(v) < 1e15 && (double)(int64_t)v == v) {
		/* Integers below 1e15: %.15g prints all their digits. */
		uint64_t u = (uint64_t)fabs(v);
		char tmp[24];
		size_t k = 0;

		do {
			tmp[k++] = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		n = 0;
		if (v < 0)
			buf[n++] = '-';
		while (k > 0)
			buf[n++] = tmp[--k];
		buf[n] = '\0';
		return n;
	}

#if defined(HAVE_FORMAT_G15)
	if (prec < 0 && (n = format_g15(buf, v, dc ? ',' : '.')) > 0)
		return n;
#endif
	if (prec < 0) {
		r = snprintf(buf, CRM_NUM_BUFSZ, "%.15g", v);
	} else {
		if (prec > MAXPREC)
			prec = MAXPREC;
		r = snprintf(buf, CRM_NUM_BUFSZ, "%.*f", prec, v);
	}
	if (r < 0) {
		buf[0] = '\0';
		return 0;
	}
	n = (size_t)r < CRM_NUM_BUFSZ ? (size_t)r : CRM_NUM_BUFSZ - 1;
	n = fix_point(buf, n);

	/* "-0.00": a negative value rounded to zero prints as "0.00". */
	if (buf[0] == '-') {
		bool zero = true;

		for (i = 1; i < n && buf[i] != 'e' && buf[i] != 'E'; i++)
			if (buf[i] >= '1' && buf[i] <= '9') {
				zero = false;
				break;
			}
		if (zero) {
			memmove(buf, buf + 1, n);	/* with the NUL */
			n--;
		}
	}
	if (dc)
		for (i = 0; i < n; i++)
			if (buf[i] == '.')
				buf[i] = ',';
	return n;
}

/* The calling thread's column states (see crm_num_thread_column): fixed,
 * so that evaluating an expression never allocates. */
static _Thread_local crm_num_column thread_cols[CRM_NUM_THREAD_COLUMNS];
static const size_t thread_ncols = CRM_NUM_THREAD_COLUMNS;

crm_num_column *
crm_num_thread_column(long col)
{
	return col >= 0 && (size_t)col < thread_ncols ? &thread_cols[col] :
	    NULL;
}

const crm_num_column *
crm_num_thread_table(size_t *n)
{
	*n = thread_ncols;
	return thread_cols;
}

bool
crm_num_thread_merge(const crm_num_column *t, size_t n)
{
	for (size_t i = 0; i < n && i < thread_ncols; i++)
		if (t[i].currency != CRM_NUM_NO_CURRENCY &&
		    thread_cols[i].currency != CRM_NUM_NO_CURRENCY &&
		    t[i].currency != thread_cols[i].currency)
			return false;
	for (size_t i = 0; i < n; i++)
		if (i < thread_ncols && t[i].currency != CRM_NUM_NO_CURRENCY &&
		    thread_cols[i].currency == CRM_NUM_NO_CURRENCY)
			thread_cols[i].currency = t[i].currency;
	return true;
}
