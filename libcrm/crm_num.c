/*
 * crm_num: locale-independent number parsing and formatting.
 *
 * Parsing validates the field by hand and reduces it to a significand
 * (a string of significant decimal digits D, at most MAXDIG of them plus
 * a sticky digit) and a power of ten E, so that the value is D x 10^E.
 * Short significands with a small E are converted exactly by one IEEE
 * multiplication or division (Clinger's fast path: both operands are
 * exact doubles, so the one rounding is the correct one).  Everything
 * else is written as the clean ASCII string "DeE" and converted by
 * strtod_l under a "C" locale object, so the result is always what
 * strtod gives in the C locale and LC_NUMERIC is never consulted.
 */
#define _GNU_SOURCE		/* strtod_l, newlocale */

#include "crm_num.h"

#include <locale.h>
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

/* The "C" locale, created on first use (crmkit tools are
 * single-threaded; a lost race would only leak one locale object). */
static locale_t
c_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		tried = 1;
	}
	return loc;
}

/*
 * The slow path: gather the significant digits of the (validated)
 * mantissa mant[0..n) again, at most MAXDIG of them plus a sticky '1' for
 * any non-zero digit dropped, write "DIGITSeEXP" and convert it with
 * strtod_l in the C locale.  The value is int(all digits) * 10^e10.
 */
static double
slow_convert(const unsigned char *mant, size_t n, int64_t e10)
{
	char buf[MAXDIG + 2 + 16];
	size_t nd = 0, i;
	bool sticky = false;
	locale_t loc;

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
	loc = c_locale();
	/* The string holds only digits, 'e' and '-', which every locale
	 * reads alike; strtod is only the fallback if newlocale failed. */
	if (loc != (locale_t)0)
		return strtod_l(buf, NULL, loc);
	return strtod(buf, NULL);
}

static inline int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* The digits of a number as parse_full reads them. */
struct digits {
	uint64_t m;		/* the first 19 significant digits */
	size_t nd;		/* significant digits */
	size_t ndigits;		/* all digits */
	int64_t nfrac;		/* fraction digits */
};

/*
 * parse_full's common case: p[0..end) is at most 19 digits with an
 * optional separator sep, no grouping or exponent, and the value is
 * exact below 2^53.  True with *v set (the '%' of pct applied); false
 * when the number needs the general reading.
 */
static inline bool
simple_decimal(const unsigned char *p, const unsigned char *end,
	       unsigned char sep, bool pct, double *v)
{
	const unsigned char *q = p;
	size_t ndigits;
	uint64_t m = 0;
	int64_t nfrac = 0, k;
	unsigned c;

	while (q < end && (c = (unsigned)*q - '0') < 10) {
		m = m * 10 + c;
		q++;
	}
	ndigits = (size_t)(q - p);
	if (q < end && *q == sep) {
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
		*v = k == 0 ? (double)m : (double)m / p10[k];
		return true;
	}
	return false;
}

/* One digit c of the mantissa into d; leading zeros are not significant. */
static inline void
add_digit(struct digits *d, unsigned c)
{
	d->ndigits++;
	if (d->nd == 0 && c == 0)
		return;
	if (++d->nd <= 19)
		d->m = d->m * 10 + c;
}

/*
 * The integer part, with '.' grouping under decimal_comma, and the
 * fraction after sep, from *pp into d; *pp is left after them.  m takes
 * the first 19 significant digits; with more, the slow path reads the
 * digits again.  False when the grouping is wrong.
 */
static inline bool
scan_mantissa(const unsigned char **pp, const unsigned char *end,
	      bool decimal_comma, unsigned char sep, struct digits *d)
{
	const unsigned char *p = *pp;
	unsigned group = 0;
	bool grouped = false;

	for (; p < end; p++) {
		unsigned c = (unsigned)*p - '0';

		if (c < 10) {
			group++;
			add_digit(d, c);
		} else if (decimal_comma && *p == '.') {
			if (group == 0 || (grouped ? group != 3 : group > 3))
				return false;
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	if (grouped && group != 3)
		return false;
	if (p < end && *p == sep) {
		for (p++; p < end; p++) {
			unsigned c = (unsigned)*p - '0';

			if (c >= 10)
				break;
			d->nfrac++;
			add_digit(d, c);
		}
	}
	*pp = p;
	return true;
}

/* The exponent after the 'e' or 'E' at *pp: an optional sign and digits
 * (capped, far beyond any finite double), into *wexp; *pp is left after
 * it.  False without a digit. */
static inline bool
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

/* m * 10^x when double arithmetic gives it exactly (m <= 2^53): true
 * with *v set, else false. */
static inline bool
exact_scaled(uint64_t m, int64_t x, double *v)
{
	if (x >= 0 && x <= 22) {
		*v = (double)m * p10[x];
		return true;
	}
	if (x < 0 && x >= -22) {
		*v = (double)m / p10[-x];
		return true;
	}
	/* m * 10^k stays an exact integer below 2^53. */
	if (x > 22 && x - 22 <= 15 &&
	    m <= ((UINT64_C(1) << 53) / p10i[x - 22])) {
		*v = (double)(m * p10i[x - 22]) * p10[22];
		return true;
	}
	return false;
}

/* Everything crm_num_parse accepts; it handles the common case itself. */
static crm_num_status
parse_full(const char *s, size_t len, bool decimal_comma, double *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len, *mant, *mend;
	struct digits d = { 0, 0, 0, 0 };
	int64_t wexp = 0;		/* the written exponent */
	bool neg = false, pct = false;
	unsigned char sep = decimal_comma ? ',' : '.';
	double v;

	if (len == 0)
		return CRM_NUM_MISSING;
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
	if (p == end)
		return CRM_NUM_INVALID;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	mant = p;
	if (simple_decimal(p, end, sep, pct, &v))
		goto done;
	if (!scan_mantissa(&p, end, decimal_comma, sep, &d) ||
	    d.ndigits == 0)
		return CRM_NUM_INVALID;
	mend = p;
	if (p < end && (*p == 'e' || *p == 'E') &&
	    !scan_exponent(&p, end, &wexp))
		return CRM_NUM_INVALID;
	if (p != end)
		return CRM_NUM_INVALID;
	if (d.nd == 0) {
		*out = neg ? -0.0 : 0.0;
		return CRM_NUM_OK;
	}
	wexp -= pct ? 2 : 0;
	/* With at most 19 significant digits m is exact and the value is
	 * m * 10^(wexp - nfrac). */
	if (d.nd <= 19 && d.m <= (UINT64_C(1) << 53) &&
	    exact_scaled(d.m, wexp - d.nfrac, &v))
		goto done;
	v = slow_convert(mant, (size_t)(mend - mant), wexp - d.nfrac);
	if (isinf(v))
		return CRM_NUM_INVALID;
done:
	*out = neg ? -v : v;
	return CRM_NUM_OK;
}

/*
 * The common case first: at most 15 bytes of digits with at most one
 * decimal separator and at least one digit ("14263.17", "2", ".5"), no
 * sign, blank, '%', exponent or grouping.  The value is the integer of
 * all digits (below 10^15, so exact) divided by a power of ten, as in
 * parse_full's own first case, so the result is bit for bit the same
 * (tests/unit/test_numfast.c checks it against parse_full).
 */
crm_num_status
crm_num_parse(const char *s, size_t len, bool decimal_comma, double *out)
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
			return CRM_NUM_OK;
		}
		if (*q == (decimal_comma ? ',' : '.')) {
			f = ++q;
			while (q < end && (c = (unsigned)*q - '0') < 10) {
				m = m * 10 + c;
				q++;
			}
			if (q == end && len > 1) {
				*out = q == f ? (double)m : (double)m / p10[q - f];
				return CRM_NUM_OK;
			}
		}
	}
	return parse_full(s, len, decimal_comma, out);
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
