/*
 * crm_human: numbers and text as people read them.
 *
 * Both halves need a locale that the process does not have: printf must
 * write a '.' whatever LC_NUMERIC says, and wcwidth needs a UTF-8
 * LC_CTYPE to know that a CJK character takes two columns.  One C.UTF-8
 * locale object serves both, switched on for the calling thread only
 * (uselocale) and back off before returning, so the process locale is
 * never changed.
 */
#define _GNU_SOURCE		/* newlocale, uselocale, wcwidth */

#include "crm_human.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The UTF-8 locale object, created on first use; (locale_t)0 when the
 * system has none (crmkit tools are single-threaded; a lost race would
 * only leak one locale object). */
static locale_t
utf8_locale(void)
{
	static const char *const names[] = {
		"C.UTF-8", "C.utf8", "en_US.UTF-8", "de_DE.UTF-8"
	};
	static locale_t loc;
	static int tried;

	for (size_t i = 0; !tried && loc == (locale_t)0 &&
	    i < sizeof names / sizeof names[0]; i++)
		loc = newlocale(LC_ALL_MASK, names[i], (locale_t)0);
	tried = 1;
	return loc;
}

void
crm_human_fmt_init(crm_human_fmt *f, bool german)
{
	f->decimal = german ? ',' : '.';
	f->group = german ? '.' : ',';
	f->percent = german ? "\xc2\xa0%" : "%";
	f->decimals = -1;
	f->digits = 6;
}

int
crm_human_decimals(double v, int digits)
{
	double a = fabs(v);
	int d;

	if (!isfinite(v) || a == trunc(a))
		return 0;
	if (digits < 1)
		digits = 1;
	d = digits - 1 - (int)floor(log10(a));
	if (d < 0)
		d = 0;
	if (d > CRM_HUMAN_MAXDEC)
		d = CRM_HUMAN_MAXDEC;
	return d;
}

/* printf("%.14e", a): the 15 significant digits crmkit writes, with a
 * '.' whatever the process locale. */
static void
print_significant(char *buf, size_t size, double a)
{
	locale_t loc = utf8_locale(), old = (locale_t)0;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	snprintf(buf, size, "%.14e", a);
	if (loc != (locale_t)0)
		uselocale(old);
}

/*
 * Write a (finite, >= 0) with d decimals into out as "INT[.FRAC]" and
 * return its length.  Rounding is decimal, half away from zero, on the
 * 15 significant digits that crmkit's CSV holds, so 2.675 is 2.68 and
 * 1234.5 is 1235 as a person rounding the printed figure gets, not what
 * the binary value under it would give.
 */
/*
 * The common case without printf: a x 10^d below 10^9, not within 10^-5
 * of a rounding tie.  There the product's error (at most 10^-6) and the
 * 15-digit figure's (at most 5 x 10^-6) cannot move the rounding, so the
 * result is what the slow path gives.  Returns 0 when it does not apply.
 */
static size_t
fixed_fast(char *out, double a, int d)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9 };
	char tmp[32];
	double n, whole, frac;
	uint64_t u;
	int k = 0, o = 0;

	if (d > 9)
		return 0;
	n = a * p10[d];
	if (!(n < 1e9))
		return 0;
	whole = floor(n);
	frac = n - whole;
	if (fabs(frac - 0.5) < 1e-5)
		return 0;
	u = (uint64_t)whole + (frac > 0.5);
	do {
		tmp[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || k < d + 1);
	while (k-- > 0) {
		out[o++] = tmp[k];
		if (k == d && d > 0)
			out[o++] = '.';
	}
	out[o] = '\0';
	return (size_t)o;
}

static size_t
fixed_digits(char *out, double a, int d)
{
	char sci[40], sig[16], dig[CRM_HUMAN_BUFSZ];
	const char *p;
	int ns = 0, e10, top, count, i, o = 0;
	bool carry;

	if ((o = (int)fixed_fast(out, a, d)) > 0)
		return (size_t)o;
	print_significant(sci, sizeof sci, a);
	for (p = sci; *p != '\0' && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && ns < 15)
			sig[ns++] = *p;
	e10 = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
	top = e10 > 0 ? e10 : 0;	/* the highest position written */
	count = top + 1 + d;
	for (i = 0; i < count; i++) {
		int idx = e10 - (top - i);

		dig[i] = idx >= 0 && idx < ns ? sig[idx] : '0';
	}
	i = e10 + d + 1;		/* the first digit dropped */
	carry = i >= 0 && i < ns && sig[i] >= '5';
	for (i = count - 1; carry && i >= 0; i--) {
		carry = dig[i] == '9';
		dig[i] = carry ? '0' : (char)(dig[i] + 1);
	}
	if (carry)
		out[o++] = '1';
	memcpy(out + o, dig, (size_t)top + 1);
	o += top + 1;
	if (d > 0) {
		out[o++] = '.';
		memcpy(out + o, dig + top + 1, (size_t)d);
		o += d;
	}
	out[o] = '\0';
	return (size_t)o;
}

/* Copy the digits p[0..n) into out, a group character every three from
 * the right; returns the bytes written. */
static size_t
group_digits(char *out, const char *p, size_t n, char group)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (group != 0 && i > 0 && (n - i) % 3 == 0)
			out[o++] = group;
		out[o++] = p[i];
	}
	return o;
}

size_t
crm_human_number(char *buf, double v, const crm_human_fmt *f)
{
	char digits[CRM_HUMAN_BUFSZ];
	const char *point;
	size_t o = 0, n, ni, nf;
	int d;

	buf[0] = '\0';
	if (!isfinite(v))
		return 0;
	d = f->decimals >= 0 ? f->decimals : crm_human_decimals(v, f->digits);
	if (d > CRM_HUMAN_MAXDEC)
		d = CRM_HUMAN_MAXDEC;
	n = fixed_digits(digits, fabs(v), d);
	/* "INT" or "INT.FRAC" with d digits in FRAC */
	nf = (size_t)d;
	ni = d > 0 ? n - nf - 1 : n;
	point = digits + ni;
	if (f->decimals < 0)
		while (nf > 0 && point[nf] == '0')
			nf--;
	if (v < 0 && strspn(digits, "0.") != n)
		buf[o++] = '-';
	o += group_digits(buf + o, digits, ni, f->group);
	if (nf > 0) {
		buf[o++] = f->decimal;
		memcpy(buf + o, point + 1, nf);
		o += nf;
	}
	buf[o] = '\0';
	return o;
}

size_t
crm_human_percent(char *buf, double fraction, const crm_human_fmt *f)
{
	size_t n, p;

	if (!isfinite(fraction * 100)) {
		buf[0] = '\0';
		return 0;
	}
	n = crm_human_number(buf, fraction * 100, f);
	p = strlen(f->percent);
	if (n + p >= CRM_HUMAN_BUFSZ)
		p = 0;
	memcpy(buf + n, f->percent, p);
	buf[n + p] = '\0';
	return n + p;
}

/*
 * The character at s[0..len) (len > 0): returns its length in bytes and
 * sets *w to its width.  ASCII is decided here; anything else by
 * mbrtowc and wcwidth under the UTF-8 locale, which must be in use.
 */
static size_t
next_char(const char *s, size_t len, bool have_utf8, int *w)
{
	unsigned char c = (unsigned char)s[0];
	mbstate_t st;
	wchar_t wc;
	size_t n;

	if (c < 0x80) {
		*w = c >= 0x20 && c != 0x7f;
		return 1;
	}
	if (!have_utf8) {
		/* Every character one column: count lead bytes only. */
		for (n = 1; n < len && ((unsigned char)s[n] & 0xc0) == 0x80 &&
		    n < 4; n++)
			;
		*w = 1;
		return n;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;		/* shown as one replacement character */
		return 1;
	}
	*w = wcwidth(wc);
	if (*w < 0)
		*w = 0;
	return n;
}

/* Walk s[0..len) until the width would exceed limit: returns the bytes
 * that fit, their width in *width, and whether all of s fit. */
static size_t
fit(const char *s, size_t len, size_t limit, size_t *width, bool *all)
{
	locale_t loc, old = (locale_t)0;
	size_t i = 0, sum = 0;

	/* Printable ASCII, one column a byte, without the locale (a
	 * combining mark after the limit still joins its base below). */
	while (i < len && i < limit && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x7f)
		i++;
	sum = i;
	if (i == len) {
		*width = sum;
		*all = true;
		return i;
	}
	loc = utf8_locale();
	if (loc != (locale_t)0)
		old = uselocale(loc);
	while (i < len) {
		int w;
		size_t n = next_char(s + i, len - i, loc != (locale_t)0, &w);

		if (sum + (size_t)w > limit)
			break;
		sum += (size_t)w;
		i += n;
	}
	if (loc != (locale_t)0)
		uselocale(old);
	*width = sum;
	*all = i == len;
	return i;
}

size_t
crm_human_width(const char *s, size_t len)
{
	size_t i, width;
	bool all;

	/* The common case, printable ASCII, without the locale. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			break;
	}
	if (i == len)
		return len;
	fit(s + i, len - i, (size_t)-1 / 2, &width, &all);
	return i + width;
}

size_t
crm_human_cut(const char *s, size_t len, size_t width, bool *ellipsis,
	      size_t *shown)
{
	size_t n, w;
	bool all;

	*ellipsis = false;
	n = fit(s, len, width, &w, &all);
	if (!all && width > 0) {
		n = fit(s, len, width - 1, &w, &all);
		*ellipsis = true;
		w++;
	}
	if (shown != NULL)
		*shown = w;
	return n;
}

size_t
crm_human_shorten(char *buf, size_t size, const char *s, size_t len,
		  size_t width)
{
	size_t e = strlen(CRM_HUMAN_ELLIPSIS), n, room;
	bool ellipsis;

	if (size == 0)
		return 0;
	n = crm_human_cut(s, len, width, &ellipsis, NULL);
	room = size - 1 - (ellipsis && size - 1 >= e ? e : 0);
	if (n > room) {
		/* Back off to a character boundary that fits. */
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	if (ellipsis && size - 1 - n >= e) {
		memcpy(buf + n, CRM_HUMAN_ELLIPSIS, e);
		n += e;
	}
	buf[n] = '\0';
	return n;
}
