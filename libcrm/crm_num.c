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

crm_num_status
crm_num_parse(const char *s, size_t len, bool decimal_comma, double *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len, *mant, *mend;
	size_t nd = 0, ndigits = 0;	/* significant digits, all digits */
	uint64_t m = 0;			/* the first 19 significant digits */
	int64_t nfrac = 0, wexp = 0;	/* fraction digits, exponent */
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

	/* Common case first: at most 19 digits, an optional point and no
	 * grouping or exponent. */
	{
		const unsigned char *q = p;
		unsigned c;
		int64_t k;

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
			v = k == 0 ? (double)m : (double)m / p10[k];
			goto done;
		}
		m = 0;
		nfrac = 0;
		ndigits = 0;
	}

	/* Integer part, with '.' grouping under decimal_comma.  m takes the
	 * first 19 significant digits; with more, the slow path reads the
	 * digits again. */
	{
		unsigned group = 0;
		bool grouped = false;

		for (; p < end; p++) {
			unsigned c = (unsigned)*p - '0';

			if (c < 10) {
				ndigits++;
				group++;
				if (nd == 0 && c == 0)
					continue;
				if (++nd <= 19)
					m = m * 10 + c;
			} else if (decimal_comma && *p == '.') {
				if (group == 0 || (grouped ? group != 3
						   : group > 3))
					return CRM_NUM_INVALID;
				grouped = true;
				group = 0;
			} else {
				break;
			}
		}
		if (grouped && group != 3)
			return CRM_NUM_INVALID;
	}

	/* Fraction. */
	if (p < end && *p == sep) {
		for (p++; p < end; p++) {
			unsigned c = (unsigned)*p - '0';

			if (c >= 10)
				break;
			ndigits++;
			nfrac++;
			if (nd == 0 && c == 0)
				continue;
			if (++nd <= 19)
				m = m * 10 + c;
		}
	}
	if (ndigits == 0)
		return CRM_NUM_INVALID;
	mend = p;

	/* Exponent. */
	if (p < end && (*p == 'e' || *p == 'E')) {
		bool eneg = false;

		p++;
		if (p < end && (*p == '-' || *p == '+')) {
			eneg = *p == '-';
			p++;
		}
		if (p == end || (unsigned)*p - '0' >= 10)
			return CRM_NUM_INVALID;
		for (; p < end && (unsigned)*p - '0' < 10; p++)
			if (wexp < 100000000)
				wexp = wexp * 10 + (*p - '0');
		if (eneg)
			wexp = -wexp;
	}
	if (p != end)
		return CRM_NUM_INVALID;

	if (nd == 0) {
		*out = neg ? -0.0 : 0.0;
		return CRM_NUM_OK;
	}
	wexp -= pct ? 2 : 0;

	/* Fast path: with at most 19 significant digits, m is exact and
	 * the value is m * 10^(wexp - nfrac). */
	if (nd <= 19 && m <= (UINT64_C(1) << 53)) {
		int64_t x = wexp - nfrac;

		if (x >= 0 && x <= 22) {
			v = (double)m * p10[x];
			goto done;
		}
		if (x < 0 && x >= -22) {
			v = (double)m / p10[-x];
			goto done;
		}
		/* m * 10^k stays an exact integer below 2^53. */
		if (x > 22 && x - 22 <= 15 &&
		    m <= ((UINT64_C(1) << 53) / p10i[x - 22])) {
			v = (double)(m * p10i[x - 22]) * p10[22];
			goto done;
		}
	}
	v = slow_convert(mant, (size_t)(mend - mant), wexp - nfrac);
	if (isinf(v))
		return CRM_NUM_INVALID;
done:
	*out = neg ? -v : v;
	return CRM_NUM_OK;
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

	if (prec < 0 && v == trunc(v) && fabs(v) < 1e15) {
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
