/*
 * crm_date: calendar dates and date-times.
 *
 * The calendar works on day numbers counted from 0000-03-01, so that a
 * year runs March to February and the leap day, when there is one, is
 * the last day of the year: months then have a fixed pattern of lengths
 * (31 30 31 30 31 31 30 31 30 31 31 and the rest), and the day of the
 * year of a month's first day is (153 * (month - 3) + 2) / 5.  Years
 * come in cycles of 400 years (146097 days), 100 years (36524), 4 years
 * (1461) and 1 year (365).
 *
 * Parsing is done by hand, byte by byte, never by strptime or sscanf
 * (locale-free, exact, and fast enough for millions of fields).
 */
#include "crm_date.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MS_PER_DAY 86400000L
/* Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_SHIFT 719468L
#define DAYS_400Y 146097L
#define DAYS_100Y 36524L
#define DAYS_4Y 1461L

static long
floor_div(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool
is_leap(long y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
month_length(long y, int m)
{
	static const unsigned char len[13] = {
		0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : len[m];
}

long
crm_date_days_from_civil(long y, int m, int d)
{
	long doy;

	if (m <= 2) {		/* January and February end the year */
		y--;
		m += 12;
	}
	doy = (153L * (m - 3) + 2) / 5 + d - 1;
	return 365 * y + floor_div(y, 4) - floor_div(y, 100) +
	    floor_div(y, 400) + doy - EPOCH_SHIFT;
}

void
crm_date_civil_from_days(long days, long *y, int *m, int *d)
{
	long z = days + EPOCH_SHIFT;
	long cycles = floor_div(z, DAYS_400Y);
	long r = z - cycles * DAYS_400Y;	/* 0 .. 146096 */
	long cent, quad, year, doy, mp;

	/* The last century and the last year of a cycle are one day
	 * longer (they end in a leap day): cap the quotient at 3. */
	cent = r / DAYS_100Y;
	if (cent > 3)
		cent = 3;
	r -= cent * DAYS_100Y;
	quad = r / DAYS_4Y;
	r -= quad * DAYS_4Y;
	year = r / 365;
	if (year > 3)
		year = 3;
	doy = r - year * 365;		/* day of the March-based year */
	mp = (5 * doy + 2) / 153;	/* month, 0 = March */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = cycles * 400 + cent * 100 + quad * 4 + year + (*m <= 2);
}

bool
crm_date_valid_civil(long y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_length(y, m);
}

/* The one way a date is put together from a day and a millisecond. */
static crm_date
make_date(long day, long ms, bool has_time)
{
	crm_date r;

	r.days = ms == 0 ? (double)day : (double)day + (double)ms / MS_PER_DAY;
	r.has_time = has_time;
	return r;
}

bool
crm_date_make(long y, int m, int d, bool has_time, int hh, int mm, int ss,
	      int ms, crm_date *out)
{
	if (!crm_date_valid_civil(y, m, d))
		return false;
	if (!has_time) {
		*out = make_date(crm_date_days_from_civil(y, m, d), 0, false);
		return true;
	}
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 ||
	    ms < 0 || ms > 999)
		return false;
	*out = make_date(crm_date_days_from_civil(y, m, d),
	    ((hh * 60L + mm) * 60 + ss) * 1000 + ms, true);
	return true;
}

/* Day number and millisecond of the day, the millisecond rounded (the
 * double holds it to about 0.06 ms). */
static void
split_date(crm_date d, long *day, long *ms)
{
	double f = floor(d.days);

	*day = (long)f;
	*ms = lround((d.days - f) * MS_PER_DAY);
	if (*ms >= MS_PER_DAY) {
		++*day;
		*ms -= MS_PER_DAY;
	}
}

long
crm_date_day(crm_date d)
{
	long day, ms;

	split_date(d, &day, &ms);
	return day;
}

long
crm_date_ms_of_day(crm_date d)
{
	long day, ms;

	split_date(d, &day, &ms);
	return ms;
}

/* ---- fields ------------------------------------------------------ */

static void
civil_of(crm_date d, long *y, int *m, int *dd)
{
	crm_date_civil_from_days(crm_date_day(d), y, m, dd);
}

int
crm_date_year(crm_date d)
{
	long y;
	int m, dd;

	civil_of(d, &y, &m, &dd);
	return (int)y;
}

int
crm_date_month(crm_date d)
{
	long y;
	int m, dd;

	civil_of(d, &y, &m, &dd);
	return m;
}

int
crm_date_mday(crm_date d)
{
	long y;
	int m, dd;

	civil_of(d, &y, &m, &dd);
	return dd;
}

int
crm_date_quarter(crm_date d)
{
	return (crm_date_month(d) + 2) / 3;
}

/* 1970-01-01 was a Thursday (4). */
static int
weekday_of(long day)
{
	long r = (day + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

int
crm_date_weekday(crm_date d)
{
	return weekday_of(crm_date_day(d));
}

int
crm_date_iso_week(crm_date d, int *year)
{
	long day = crm_date_day(d);
	long thursday = day + 4 - weekday_of(day);	/* of the same week */
	long y;
	int m, dd;

	/* A week belongs to the year of its Thursday; week 1 holds the
	 * first Thursday, so the number counts Thursdays up to this one. */
	crm_date_civil_from_days(thursday, &y, &m, &dd);
	if (year != NULL)
		*year = (int)y;
	return (int)((thursday - crm_date_days_from_civil(y, 1, 1)) / 7 + 1);
}

/* ---- arithmetic -------------------------------------------------- */

double
crm_date_days_between(crm_date a, crm_date b)
{
	return b.days - a.days;
}

bool
crm_date_add_days(crm_date d, double n, crm_date *out)
{
	double whole, t;
	long day, ms;

	if (!isfinite(n) || fabs(n) > 4000000.0)
		return false;
	whole = floor(n);
	split_date(d, &day, &ms);
	day += (long)whole;
	/* the fraction in milliseconds, added to the exact time of day */
	t = (double)ms + (n - whole) * MS_PER_DAY;
	ms = lround(t);
	if (ms >= MS_PER_DAY) {
		day++;
		ms -= MS_PER_DAY;
	}
	if (day < CRM_DATE_MIN_DAY || day > CRM_DATE_MAX_DAY)
		return false;
	*out = make_date(day, ms, d.has_time || n != whole);
	return true;
}

long
crm_date_months_between(crm_date a, crm_date b)
{
	long ya, yb, da, db, msa, msb, n;
	int ma, mb, mda, mdb;

	if (b.days < a.days)
		return -crm_date_months_between(b, a);
	split_date(a, &da, &msa);
	split_date(b, &db, &msb);
	crm_date_civil_from_days(da, &ya, &ma, &mda);
	crm_date_civil_from_days(db, &yb, &mb, &mdb);
	n = (yb * 12 + mb) - (ya * 12 + ma);
	/* a month is complete once b reaches a's day and time of day */
	if (mdb < mda || (mdb == mda && msb < msa))
		n--;
	return n;
}

/* ---- text -------------------------------------------------------- */

static char *
put2(char *p, long v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

size_t
crm_date_format(char *buf, crm_date d)
{
	long day, ms, y, s;
	int m, dd;
	char *p = buf;

	split_date(d, &day, &ms);
	if (!isfinite(d.days) || day < CRM_DATE_MIN_DAY ||
	    day > CRM_DATE_MAX_DAY) {
		buf[0] = '\0';
		return 0;
	}
	crm_date_civil_from_days(day, &y, &m, &dd);
	p = put2(p, y / 100);
	p = put2(p, y % 100);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, dd);
	if (d.has_time) {
		s = ms / 1000;
		*p++ = 'T';
		p = put2(p, s / 3600);
		*p++ = ':';
		p = put2(p, s / 60 % 60);
		*p++ = ':';
		p = put2(p, s % 60);
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* ---- parsing ----------------------------------------------------- */

static inline unsigned
digit(unsigned char c)
{
	return (unsigned)c - '0';	/* >= 10 when c is no digit */
}

/* Exactly two digits at p (p + 2 <= end checked by the caller): the
 * value, or -1. */
static inline int
two_digits(const unsigned char *p)
{
	unsigned a = digit(p[0]), b = digit(p[1]);

	return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* One or two digits at *pp, as many as there are (at most two): the
 * value, or -1 if no digit. */
static inline int
one_or_two(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	unsigned a, b;

	if (p == end || (a = digit(*p)) >= 10)
		return -1;
	p++;
	if (p < end && (b = digit(*p)) < 10) {
		a = a * 10 + b;
		p++;
	}
	*pp = p;
	return (int)a;
}

/* Four digits: the value, or -1. */
static inline long
four_digits(const unsigned char *p)
{
	int hi = two_digits(p), lo = two_digits(p + 2);

	return hi < 0 || lo < 0 ? -1 : hi * 100L + lo;
}

/* The parts of a date-time as read, before validation. */
typedef struct parts {
	long y;
	int m, d, hh, mm, ss, ms;
	long offset_min;	/* minutes east of UTC */
	bool has_time;
} parts;

/* Validate p and make the date, an offset moving it to UTC. */
static crm_date_status
finish(const parts *p, crm_date *out)
{
	long day, ms;

	if (!crm_date_valid_civil(p->y, p->m, p->d))
		return CRM_DATE_INVALID;
	day = crm_date_days_from_civil(p->y, p->m, p->d);
	if (!p->has_time) {
		*out = make_date(day, 0, false);
		return CRM_DATE_OK;
	}
	if (p->hh > 23 || p->mm > 59 || p->ss > 59)
		return CRM_DATE_INVALID;
	ms = ((p->hh * 60L + p->mm - p->offset_min) * 60 + p->ss) * 1000 +
	    p->ms;
	day += floor_div(ms, MS_PER_DAY);
	ms -= floor_div(ms, MS_PER_DAY) * MS_PER_DAY;
	if (day < CRM_DATE_MIN_DAY || day > CRM_DATE_MAX_DAY)
		return CRM_DATE_INVALID;
	*out = make_date(day, ms, true);
	return CRM_DATE_OK;
}

/* ":SS" then ".f..." (1-9 digits), from *pp: false on a malformed
 * part.  Both are optional. */
static bool
read_seconds(const unsigned char **pp, const unsigned char *end, parts *t)
{
	const unsigned char *p = *pp;
	int scale = 100, n = 0;

	if (p < end && *p == ':') {
		if (end - p < 3 || (t->ss = two_digits(p + 1)) < 0)
			return false;
		p += 3;
		if (p < end && *p == '.') {
			for (p++; p < end && digit(*p) < 10; p++, n++) {
				t->ms += (int)digit(*p) * scale;
				scale /= 10;
			}
			if (n == 0 || n > 9)
				return false;
		}
	}
	*pp = p;
	return true;
}

/* "Z", "+HH:MM" or "-HH:MM" from p, or nothing; then the end. */
static bool
read_offset(const unsigned char *p, const unsigned char *end, parts *t)
{
	int oh, om;

	if (p == end)
		return true;
	if (*p == 'Z')
		return p + 1 == end;
	if ((*p != '+' && *p != '-') || end - p != 6 || p[3] != ':')
		return false;
	oh = two_digits(p + 1);
	om = two_digits(p + 4);
	if (oh < 0 || oh > 23 || om < 0 || om > 59)
		return false;
	t->offset_min = (*p == '-' ? -1 : 1) * (oh * 60L + om);
	return true;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.f]][offset]]; s[4] is '-'. */
static crm_date_status
parse_iso(const unsigned char *s, size_t len, crm_date *out)
{
	const unsigned char *p, *end = s + len;
	parts t = { 0 };

	if (s[7] != '-' || (t.y = four_digits(s)) < 0 ||
	    (t.m = two_digits(s + 5)) < 0 || (t.d = two_digits(s + 8)) < 0)
		return CRM_DATE_INVALID;
	if (len > 10) {
		if (len < 16 || (s[10] != 'T' && s[10] != ' ') ||
		    s[13] != ':' || (t.hh = two_digits(s + 11)) < 0 ||
		    (t.mm = two_digits(s + 14)) < 0)
			return CRM_DATE_INVALID;
		t.has_time = true;
		p = s + 16;
		if (!read_seconds(&p, end, &t) || !read_offset(p, end, &t))
			return CRM_DATE_INVALID;
	}
	return finish(&t, out);
}

/* D.M.YYYY or DD.MM.YYYY (each of D and M one or two digits), then
 * optionally " H:MM[:SS]" (hour one or two digits). */
static crm_date_status
parse_german(const unsigned char *s, size_t len, crm_date *out)
{
	const unsigned char *p = s, *end = s + len;
	parts t = { 0 };

	if ((t.d = one_or_two(&p, end)) < 0 || p == end || *p++ != '.' ||
	    (t.m = one_or_two(&p, end)) < 0 || p == end || *p++ != '.' ||
	    end - p < 4 || (t.y = four_digits(p)) < 0)
		return CRM_DATE_INVALID;
	p += 4;
	if (p < end) {
		if (*p++ != ' ' || (t.hh = one_or_two(&p, end)) < 0 ||
		    end - p < 3 || *p != ':' ||
		    (t.mm = two_digits(p + 1)) < 0)
			return CRM_DATE_INVALID;
		p += 3;
		t.has_time = true;
		if (p < end && (end - p != 3 || *p != ':' ||
		    (t.ss = two_digits(p + 1)) < 0))
			return CRM_DATE_INVALID;
	}
	return finish(&t, out);
}

/* The field under a compiled pattern. */
static crm_date_status
parse_pattern(const unsigned char *s, size_t len, const crm_date_pattern *pat,
	      crm_date *out)
{
	const unsigned char *p = s, *end = s + len;
	parts t = { 0 };
	unsigned i;
	int v;

	t.has_time = pat->has_time;
	for (i = 0; i < pat->n; i++) {
		unsigned it = pat->item[i];

		if (it < 256) {
			if (p == end || *p != it)
				return CRM_DATE_INVALID;
			p++;
			continue;
		}
		if (it == 256 + 'Y') {
			if (end - p < 4 || (t.y = four_digits(p)) < 0)
				return CRM_DATE_INVALID;
			p += 4;
			continue;
		}
		if ((v = one_or_two(&p, end)) < 0)
			return CRM_DATE_INVALID;
		switch (it - 256) {
		case 'y': t.y = v < 69 ? 2000 + v : 1900 + v; break;
		case 'm': t.m = v; break;
		case 'd': t.d = v; break;
		case 'H': t.hh = v; break;
		case 'M': t.mm = v; break;
		default: t.ss = v; break;	/* 'S' */
		}
	}
	if (p != end)
		return CRM_DATE_INVALID;
	return finish(&t, out);
}

crm_date_status
crm_date_parse(const char *s, size_t len, const crm_date_pattern *pat,
	       crm_date *out)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 0)
		return CRM_DATE_MISSING;
	if (pat != NULL && pat->n > 0)
		return parse_pattern(u, len, pat, out);
	if (len >= 10 && u[4] == '-')
		return parse_iso(u, len, out);
	return parse_german(u, len, out);
}

/* ---- patterns ---------------------------------------------------- */

/* Check which conversions a compiled pattern holds. */
static const char *
pattern_incomplete(const crm_date_pattern *pat)
{
	unsigned seen[128] = { 0 }, i;

	for (i = 0; i < pat->n; i++)
		if (pat->item[i] >= 256)
			seen[pat->item[i] - 256]++;
	for (i = 0; i < 128; i++)
		if (seen[i] > 1)
			return "holds a conversion twice";
	if (seen['Y'] && seen['y'])
		return "holds both %Y and %y";
	if (!seen['d'] || !seen['m'] || !(seen['Y'] || seen['y']))
		return "needs %d, %m and %Y (or %y)";
	if ((seen['M'] && !seen['H']) || (seen['S'] && !seen['M']))
		return "has %M without %H or %S without %M";
	return NULL;
}

int
crm_date_pattern_compile(crm_date_pattern *pat, const char *fmt,
			 crm_error *err)
{
	const char *p, *why;
	char show[CRM_SHOW_BUF(80)];

	memset(pat, 0, sizeof *pat);
	crm_show_data(show, sizeof show, fmt, strlen(fmt), 80);
	for (p = fmt; *p != '\0'; p++) {
		uint16_t it = (unsigned char)*p;

		if (*p == '%') {
			p++;
			if (*p == '\0') {
				memset(pat, 0, sizeof *pat);
				return crm_error_set(err, CRM_EXIT_USAGE,
				    "date format \"%s\" ends in %%", show);
			}
			if (strchr("YmdHMSy%", *p) == NULL) {
				char c[CRM_SHOW_BUF(1)];

				crm_show_data(c, sizeof c, p, 1, 1);
				memset(pat, 0, sizeof *pat);
				return crm_error_set(err, CRM_EXIT_USAGE,
				    "date format \"%s\": unknown conversion "
				    "%%%s (known: %%Y %%m %%d %%H %%M %%S %%y "
				    "%%%%)", show, c);
			}
			it = *p == '%' ? '%' : 256 + (unsigned char)*p;
		}
		if (pat->n == CRM_DATE_PATTERN_MAX) {
			memset(pat, 0, sizeof *pat);
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "date format \"%s\" is too long", show);
		}
		pat->item[pat->n++] = it;
		if (it == 256 + 'H')
			pat->has_time = true;
	}
	if ((why = pattern_incomplete(pat)) != NULL) {
		memset(pat, 0, sizeof *pat);
		return crm_error_set(err, CRM_EXIT_USAGE, "date format \"%s\" "
		    "%s", show, why);
	}
	return 0;
}

int
crm_date_pattern_setup(crm_date_pattern *pat, const char *opt,
		       crm_error *err)
{
	const char *src = "--date-format", *v = opt;
	crm_error e;

	memset(pat, 0, sizeof *pat);
	if (v == NULL) {
		v = getenv("CRMKIT_DATE_FORMAT");
		src = "CRMKIT_DATE_FORMAT";
		if (v == NULL || *v == '\0')
			return 0;
	}
	if (crm_date_pattern_compile(pat, v, &e) < 0)
		return crm_error_set(err, CRM_EXIT_USAGE, "%s: %s", src,
		    e.msg);
	return 1;
}

/* ---- the as-of date ---------------------------------------------- */

bool
crm_date_today(crm_date *out)
{
	time_t now = time(NULL);
	struct tm tm;

	if (now == (time_t)-1 || localtime_r(&now, &tm) == NULL)
		return false;
	return crm_date_make(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday,
	    false, 0, 0, 0, 0, out);
}

int
crm_date_as_of(const char *opt, const crm_date_pattern *pat, crm_date *out,
	       crm_error *err)
{
	const char *src = "--as-of", *v = opt;
	char show[CRM_SHOW_BUF(80)];
	size_t n;

	if (v == NULL) {
		v = getenv("CRMKIT_AS_OF");
		src = "CRMKIT_AS_OF";
		if (v == NULL || *v == '\0') {
			if (!crm_date_today(out))
				return crm_error_set(err, CRM_EXIT_IO,
				    "cannot read the current date: %s",
				    strerror(errno));
			return 0;
		}
	}
	n = strlen(v);
	if (crm_date_parse(v, n, NULL, out) == CRM_DATE_OK ||
	    (pat != NULL && pat->n > 0 &&
	    crm_date_parse(v, n, pat, out) == CRM_DATE_OK))
		return 0;
	crm_show_data(show, sizeof show, v, n, 80);
	return crm_error_set(err, CRM_EXIT_USAGE, "%s: \"%s\" is not a date "
	    "(write YYYY-MM-DD)", src, show);
}
