/*
 * Unit tests for crm_date (SPEC 2, "Dates").
 *
 * The calendar is checked against a second computation written
 * differently: a walk day by day from 1899-01-01 to 2101-12-31 that
 * counts the day number and the weekday up from known anchors
 * (1899-01-01 is day -25932 and a Sunday; 1900-01-01 a Monday) and steps
 * through month lengths, and ISO weeks counted from the Monday on or
 * before 4 January (which is always in week 1), not from Thursdays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm_date.h"

#define FIRST_YEAR 1899
#define LAST_YEAR 2101

static int
feb_length(int y)
{
	if (y % 400 == 0)
		return 29;
	if (y % 100 == 0)
		return 28;
	return y % 4 == 0 ? 29 : 28;
}

static int
days_in(int y, int m)
{
	static const int len[] = { 31, 0, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 ? feb_length(y) : len[m - 1];
}

/* One day of the walk. */
typedef struct walk {
	int y, m, d;
	long n;		/* day number, 1970-01-01 = 0 */
	int wd;		/* 1 = Monday */
} walk;

static void
walk_start(walk *w)
{
	w->y = FIRST_YEAR;
	w->m = 1;
	w->d = 1;
	w->n = -25932;
	w->wd = 7;
}

static int
walk_next(walk *w)
{
	w->n++;
	w->wd = w->wd == 7 ? 1 : w->wd + 1;
	if (++w->d > days_in(w->y, w->m)) {
		w->d = 1;
		if (++w->m > 12) {
			w->m = 1;
			w->y++;
		}
	}
	return w->y <= LAST_YEAR;
}

/* Monday of ISO week 1 of each year, from the walk. */
static long week1[LAST_YEAR + 2];

static void
find_week1(void)
{
	walk w;

	walk_start(&w);
	do {
		if (w.m == 1 && w.d == 4)
			week1[w.y] = w.n - (w.wd - 1);
	} while (walk_next(&w));
}

static crm_date_status
parse(const char *s, const crm_date_pattern *pat, crm_date *out)
{
	return crm_date_parse(s, strlen(s), pat, out);
}

static crm_date_pattern
pattern(const char *fmt)
{
	crm_date_pattern p;
	crm_error err;

	if (crm_date_pattern_compile(&p, fmt, &err) != 0)
		fail_msg("pattern '%s': %s", fmt, err.msg);
	return p;
}

/* s parses (with pat) to day n at millisecond ms (has_time when ms >= 0)
 * and formats as want (NULL: as s). */
static void
expect(const char *s, const crm_date_pattern *pat, long n, long ms,
       const char *want)
{
	crm_date d;
	char buf[CRM_DATE_BUFSZ];

	if (parse(s, pat, &d) != CRM_DATE_OK)
		fail_msg("'%s' rejected", s);
	if (crm_date_day(d) != n || d.has_time != (ms >= 0) ||
	    (ms >= 0 && crm_date_ms_of_day(d) != ms))
		fail_msg("'%s': day %ld ms %ld time %d, want %ld ms %ld", s,
		    crm_date_day(d), crm_date_ms_of_day(d), d.has_time, n, ms);
	crm_date_format(buf, d);
	if (strcmp(buf, want != NULL ? want : s) != 0)
		fail_msg("'%s' formats as '%s', want '%s'", s, buf,
		    want != NULL ? want : s);
}

static void
test_calendar(void **state)
{
	walk w;
	long checked = 0;

	(void)state;
	find_week1();
	walk_start(&w);
	do {
		long y;
		int m, d, wy, week, want_week, want_wy;
		crm_date dt;

		if (w.y < 1900 || w.y > 2100)
			continue;
		if (w.y == 1970 && w.m == 1 && w.d == 1)
			assert_int_equal(w.n, 0);
		if (crm_date_days_from_civil(w.y, w.m, w.d) != w.n)
			fail_msg("%d-%d-%d: %ld, want %ld", w.y, w.m, w.d,
			    crm_date_days_from_civil(w.y, w.m, w.d), w.n);
		crm_date_civil_from_days(w.n, &y, &m, &d);
		if (y != w.y || m != w.m || d != w.d)
			fail_msg("day %ld: %ld-%d-%d, want %d-%d-%d", w.n, y, m,
			    d, w.y, w.m, w.d);
		assert_true(crm_date_valid_civil(w.y, w.m, w.d));
		assert_true(crm_date_make(w.y, w.m, w.d, false, 0, 0, 0, 0,
		    &dt));
		assert_true(dt.days == (double)w.n && !dt.has_time);
		assert_int_equal(crm_date_weekday(dt), w.wd);
		assert_int_equal(crm_date_year(dt), w.y);
		assert_int_equal(crm_date_month(dt), w.m);
		assert_int_equal(crm_date_mday(dt), w.d);
		assert_int_equal(crm_date_quarter(dt), "1112223334445"[w.m - 1]
		    - '0');

		want_wy = w.n >= week1[w.y + 1] ? w.y + 1 :
		    w.n >= week1[w.y] ? w.y : w.y - 1;
		want_week = (int)((w.n - week1[want_wy]) / 7) + 1;
		week = crm_date_iso_week(dt, &wy);
		if (week != want_week || wy != want_wy)
			fail_msg("%d-%d-%d: week %d of %d, want %d of %d", w.y,
			    w.m, w.d, week, wy, want_week, want_wy);
		checked++;
	} while (walk_next(&w));
	assert_int_equal(checked, 73414);	/* 201 years, 49 leap */
}

/* Every day 1900..2100 in every accepted form, with a time that varies
 * from day to day. */
static void
test_forms(void **state)
{
	crm_date_pattern us = pattern("%m/%d/%Y"), compact = pattern("%Y%m%d");
	crm_date_pattern yy = pattern("%d.%m.%y"), full =
	    pattern("%d/%m/%Y %H:%M:%S");
	walk w;

	(void)state;
	walk_start(&w);
	do {
		char s[64], iso[16], isot[32], hm[80];
		int hh = (int)(w.n % 24 + 24) % 24, mi = (int)(w.n % 60 + 60) % 60;
		int ss = (int)((w.n * 7) % 60 + 60) % 60;
		long ms = ((hh * 60L + mi) * 60 + ss) * 1000;

		if (w.y < 1900 || w.y > 2100)
			continue;
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", w.y, w.m, w.d);
		snprintf(isot, sizeof isot, "%sT%02d:%02d:%02d", iso, hh, mi,
		    ss);
		expect(iso, NULL, w.n, -1, NULL);
		expect(isot, NULL, w.n, ms, NULL);
		snprintf(s, sizeof s, "%s %02d:%02d:%02d.%03d", iso, hh, mi, ss,
		    (int)(w.n % 1000 + 1000) % 1000);
		expect(s, NULL, w.n, ms + (w.n % 1000 + 1000) % 1000, isot);
		snprintf(s, sizeof s, "%sZ", isot);
		expect(s, NULL, w.n, ms, isot);
		snprintf(s, sizeof s, "%sT%02d:%02d", iso, hh, mi);
		snprintf(hm, sizeof hm, "%s:00", s);
		expect(s, NULL, w.n, ms - ss * 1000L, hm);
		snprintf(s, sizeof s, "%d.%d.%d", w.d, w.m, w.y);
		expect(s, NULL, w.n, -1, iso);
		snprintf(s, sizeof s, "%02d.%02d.%04d %d:%02d:%02d", w.d, w.m,
		    w.y, hh, mi, ss);
		expect(s, NULL, w.n, ms, isot);
		snprintf(s, sizeof s, "%d/%d/%d", w.m, w.d, w.y);
		expect(s, &us, w.n, -1, iso);
		snprintf(s, sizeof s, "%04d%02d%02d", w.y, w.m, w.d);
		expect(s, &compact, w.n, -1, iso);
		snprintf(s, sizeof s, "%02d/%02d/%04d %02d:%02d:%02d", w.d, w.m,
		    w.y, hh, mi, ss);
		expect(s, &full, w.n, ms, isot);
		if (w.y >= 1969 && w.y <= 2068) {
			snprintf(s, sizeof s, "%d.%d.%02d", w.d, w.m, w.y % 100);
			expect(s, &yy, w.n, -1, iso);
		}
	} while (walk_next(&w));
}

static void
test_range(void **state)
{
	crm_date d;
	char buf[CRM_DATE_BUFSZ];

	(void)state;
	expect("0001-01-01", NULL, CRM_DATE_MIN_DAY, -1, NULL);
	expect("9999-12-31", NULL, CRM_DATE_MAX_DAY, -1, NULL);
	expect("9999-12-31T23:59:59", NULL, CRM_DATE_MAX_DAY, 86399000, NULL);
	assert_int_equal(parse("0000-12-31", NULL, &d), CRM_DATE_INVALID);
	assert_false(crm_date_valid_civil(10000, 1, 1));
	/* year 0 = 1 BC was a leap year, 0000-03-01 is day -719468 */
	assert_int_equal(crm_date_days_from_civil(0, 3, 1), -719468);
	assert_int_equal(crm_date_days_from_civil(0, 2, 29), -719469);
	assert_true(crm_date_add_days((crm_date){ CRM_DATE_MAX_DAY, false },
	    0, &d));
	assert_false(crm_date_add_days((crm_date){ CRM_DATE_MAX_DAY, false },
	    1, &d));
	assert_false(crm_date_add_days((crm_date){ CRM_DATE_MIN_DAY, false },
	    -0.5, &d));
	d.days = CRM_DATE_MAX_DAY + 1.0;
	d.has_time = false;
	assert_int_equal(crm_date_format(buf, d), 0);
	assert_string_equal(buf, "");
}

static void
test_invalid(void **state)
{
	static const char *const bad[] = {
		" ", "x", "2026-02-30", "2025-02-29", "2100-02-29",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"2026-2-3", "2026-02-3", "26-02-03", "2026/02/03",
		"02026-01-01", "2026-01-01 ", " 2026-01-01", "2026-01-01x",
		"2026-01-01T", "2026-01-01T10", "2026-01-01T10:0",
		"2026-01-01T24:00", "2026-01-01T23:60", "2026-01-01T23:59:60",
		"2026-01-01T10:00:5", "2026-01-01T10:00.5", "2026-01-01T10:00:00.",
		"2026-01-01T10:00:00.1234567890", "2026-01-01T10:00:00,5",
		"2026-01-01t10:00", "2026-01-01  10:00", "2026-01-01T10:00z",
		"2026-01-01T10:00+25:00", "2026-01-01T10:00+24:00",
		"2026-01-01T10:00+01:60", "2026-01-01T10:00+0100",
		"2026-01-01T10:00+01", "2026-01-01T10:00 +01:00",
		"2026-01-01T10:00Z ", "2026-01-01Z", "2026-01-01+01:00",
		"2026-01-01T10:00:00ZZ", "0000-01-01", "-2026-01-01",
		"31.12.99", "31.12.1999x", "32.1.2026", "30.2.2026", "1.13.2026",
		"0.1.2026", "1.0.2026", "001.1.2026", "1.001.2026", "1.1.26",
		"1.1.02026", "1..2026", ".1.2026", "1.1.", "1.1.2026 ",
		"1.1.2026 24:00", "1.1.2026 10:0", "1.1.2026 10:00:60",
		"1.1.2026T10:00", "1.1.2026 10:00Z", "1.1.2026  10:00",
		"1.1.2026 100:00", "1.1.2026 10:00:00.5", "1-1-2026",
		"2026-01-01\0", ("\xef\xbb\xbf" "2026-01-01"), "2026-W01-1",
		"2026-001", "20260101",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		crm_date d = { 1234.5, true };
		size_t n = strlen(bad[i]) + (strcmp(bad[i], "2026-01-01") == 0);

		if (crm_date_parse(bad[i], n, NULL, &d) != CRM_DATE_INVALID)
			fail_msg("'%s' accepted", bad[i]);
		assert_true(d.days == 1234.5 && d.has_time);	/* untouched */
	}
	{
		crm_date d;

		assert_int_equal(crm_date_parse("", 0, NULL, &d),
		    CRM_DATE_MISSING);
		assert_int_equal(crm_date_parse("2026-01-01", 0, NULL, &d),
		    CRM_DATE_MISSING);
		/* only len bytes are read */
		assert_int_equal(crm_date_parse("2026-01-01T10:00", 10, NULL,
		    &d), CRM_DATE_OK);
		assert_false(d.has_time);
	}
}

static void
test_fraction(void **state)
{
	(void)state;
	expect("2026-03-01T10:20:30.5", NULL, 20513, 37230500,
	    "2026-03-01T10:20:30");
	expect("2026-03-01T10:20:30.999999999", NULL, 20513, 37230999,
	    "2026-03-01T10:20:30");
	expect("2026-03-01T10:20:30.0", NULL, 20513, 37230000,
	    "2026-03-01T10:20:30");
	expect("2026-03-01T10:20:30.123Z", NULL, 20513, 37230123,
	    "2026-03-01T10:20:30");
	expect("2026-03-01T00:00", NULL, 20513, 0, "2026-03-01T00:00:00");
}

static void
test_offsets(void **state)
{
	crm_date d;

	(void)state;
	/* 2025-12-31 is day 20453 */
	expect("2026-01-01T00:30+01:00", NULL, 20453, 84600000,
	    "2025-12-31T23:30:00");
	expect("2025-12-31T23:30-01:00", NULL, 20454, 1800000,
	    "2026-01-01T00:30:00");
	expect("2025-12-31 20:00:00-23:59", NULL, 20454, 71940000,
	    "2026-01-01T19:59:00");
	expect("2026-01-01T00:00:00+23:59", NULL, 20453, 60000,
	    "2025-12-31T00:01:00");
	expect("2024-02-28T23:00-02:00", NULL, 19782, 3600000,
	    "2024-02-29T01:00:00");
	expect("2026-03-01T00:00+00:01", NULL, 20512, 86340000,
	    "2026-02-28T23:59:00");
	expect("2026-03-01T12:00-00:00", NULL, 20513, 43200000,
	    "2026-03-01T12:00:00");
	expect("2026-03-01T12:00:00.250+05:30", NULL, 20513, 23400250,
	    "2026-03-01T06:30:00");
	expect("0001-01-01T00:30-01:00", NULL, CRM_DATE_MIN_DAY, 5400000,
	    "0001-01-01T01:30:00");
	assert_int_equal(parse("0001-01-01T00:30+01:00", NULL, &d),
	    CRM_DATE_INVALID);
	assert_int_equal(parse("9999-12-31T23:30-01:00", NULL, &d),
	    CRM_DATE_INVALID);
}

static void
test_patterns(void **state)
{
	crm_date_pattern p;
	crm_date d;

	(void)state;
	p = pattern("%d.%m.%y");
	expect("31.12.99", &p, crm_date_days_from_civil(1999, 12, 31), -1,
	    "1999-12-31");
	expect("1.1.68", &p, crm_date_days_from_civil(2068, 1, 1), -1,
	    "2068-01-01");
	expect("1.1.69", &p, crm_date_days_from_civil(1969, 1, 1), -1,
	    "1969-01-01");
	expect("01.01.00", &p, crm_date_days_from_civil(2000, 1, 1), -1,
	    "2000-01-01");
	assert_int_equal(parse("31.12.1999", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("2026-01-01", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("29.2.01", &p, &d), CRM_DATE_INVALID);

	p = pattern("%m/%d/%Y");
	expect("12/31/2026", &p, crm_date_days_from_civil(2026, 12, 31), -1,
	    "2026-12-31");
	assert_int_equal(parse("31/12/2026", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("12/31/26", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("12/31/2026 ", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("012/31/2026", &p, &d), CRM_DATE_INVALID);

	p = pattern("%Y%m%d%H%M");
	expect("202603011405", &p, 20513, 50700000, "2026-03-01T14:05:00");
	assert_int_equal(parse("20260301240", &p, &d), CRM_DATE_INVALID);

	p = pattern("%%%Y-%m-%d %H");
	expect("%2026-03-01 14", &p, 20513, 50400000, "2026-03-01T14:00:00");
	assert_int_equal(parse("%2026-03-01 24", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("2026-03-01 14", &p, &d), CRM_DATE_INVALID);

	p = pattern("%d. %m. %Y");
	expect("1. 3. 2026", &p, 20513, -1, "2026-03-01");
	assert_int_equal(parse("1.3.2026", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("1.  3. 2026", &p, &d), CRM_DATE_INVALID);
	assert_int_equal(parse("", &p, &d), CRM_DATE_MISSING);
}

static void
test_pattern_errors(void **state)
{
	static const struct {
		const char *fmt, *msg;
	} t[] = {
		{ "%Y-%q-%d", "date format \"%Y-%q-%d\": unknown conversion "
		  "%q (known: %Y %m %d %H %M %S %y %%)" },
		{ "%Y-%m-%", "date format \"%Y-%m-%\" ends in %" },
		{ "%Y-%m", "date format \"%Y-%m\" needs %d, %m and %Y (or %y)" },
		{ "", "date format \"\" needs %d, %m and %Y (or %y)" },
		{ "%Y-%m-%d-%d", "date format \"%Y-%m-%d-%d\" holds a "
		  "conversion twice" },
		{ "%Y %y %m %d", "date format \"%Y %y %m %d\" holds both %Y "
		  "and %y" },
		{ "%Y-%m-%d %M", "date format \"%Y-%m-%d %M\" has %M without "
		  "%H or %S without %M" },
		{ "%Y-%m-%d %H:%S", "date format \"%Y-%m-%d %H:%S\" has %M "
		  "without %H or %S without %M" },
		{ "%Y-%m-%d %e", "date format \"%Y-%m-%d %e\": unknown "
		  "conversion %e (known: %Y %m %d %H %M %S %y %%)" },
		{ "%Y-%m-%d\t%\n", "date format \"%Y-%m-%d\\t%\\n\": unknown "
		  "conversion %\\n (known: %Y %m %d %H %M %S %y %%)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		crm_date_pattern p;
		crm_error err = { 0, "" };

		p.n = 99;
		assert_int_equal(crm_date_pattern_compile(&p, t[i].fmt, &err),
		    -1);
		assert_int_equal(err.status, CRM_EXIT_USAGE);
		assert_string_equal(err.msg, t[i].msg);
		assert_int_equal(p.n, 0);
	}
	{
		/* 3 conversions and 61 bytes fit, one more does not */
		char fmt[80], msg[128];
		crm_date_pattern p;
		crm_error err;

		memset(fmt, '.', sizeof fmt);
		memcpy(fmt, "%Y-%m-%d", 8);
		fmt[8 + 59] = '\0';
		assert_int_equal(crm_date_pattern_compile(&p, fmt, &err), 0);
		assert_int_equal(p.n, 64);
		fmt[8 + 59] = '.';
		fmt[8 + 60] = '\0';
		assert_int_equal(crm_date_pattern_compile(&p, fmt, &err), -1);
		snprintf(msg, sizeof msg, "date format \"%s\" is too long",
		    fmt);
		assert_string_equal(err.msg, msg);
	}
}

static void
test_pattern_setup(void **state)
{
	crm_date_pattern p;
	crm_error err;
	crm_date d;

	(void)state;
	unsetenv("CRMKIT_DATE_FORMAT");
	assert_int_equal(crm_date_pattern_setup(&p, NULL, &err), 0);
	assert_int_equal(p.n, 0);
	setenv("CRMKIT_DATE_FORMAT", "", 1);
	assert_int_equal(crm_date_pattern_setup(&p, NULL, &err), 0);
	setenv("CRMKIT_DATE_FORMAT", "%d/%m/%Y", 1);
	assert_int_equal(crm_date_pattern_setup(&p, NULL, &err), 1);
	assert_int_equal(parse("3/1/2026", &p, &d), CRM_DATE_OK);
	assert_int_equal(crm_date_day(d), crm_date_days_from_civil(2026, 1, 3));
	/* the option wins */
	assert_int_equal(crm_date_pattern_setup(&p, "%m/%d/%Y", &err), 1);
	assert_int_equal(parse("3/1/2026", &p, &d), CRM_DATE_OK);
	assert_int_equal(crm_date_day(d), crm_date_days_from_civil(2026, 3, 1));
	assert_int_equal(crm_date_pattern_setup(&p, "%Y-%x", &err), -1);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg, "--date-format: date format \"%Y-%x\": "
	    "unknown conversion %x (known: %Y %m %d %H %M %S %y %%)");
	setenv("CRMKIT_DATE_FORMAT", "%Y", 1);
	assert_int_equal(crm_date_pattern_setup(&p, NULL, &err), -1);
	assert_string_equal(err.msg, "CRMKIT_DATE_FORMAT: date format \"%Y\" "
	    "needs %d, %m and %Y (or %y)");
	unsetenv("CRMKIT_DATE_FORMAT");
}

static void
test_as_of(void **state)
{
	crm_date d, today;
	crm_date_pattern us = pattern("%m/%d/%Y");
	crm_error err;
	char want[16], buf[CRM_DATE_BUFSZ];
	time_t now;
	struct tm tm;

	(void)state;
	unsetenv("CRMKIT_AS_OF");
	/* the local date, written by strftime */
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(want, sizeof want, "%Y-%m-%d", &tm);
	assert_int_equal(crm_date_as_of(NULL, NULL, &today, &err), 0);
	crm_date_format(buf, today);
	assert_string_equal(buf, want);
	assert_false(today.has_time);

	setenv("CRMKIT_AS_OF", "", 1);
	assert_int_equal(crm_date_as_of(NULL, NULL, &d, &err), 0);
	assert_true(d.days == today.days);
	setenv("CRMKIT_AS_OF", "1.3.2026", 1);
	assert_int_equal(crm_date_as_of(NULL, NULL, &d, &err), 0);
	assert_true(d.days == 20513);
	assert_int_equal(crm_date_as_of("2026-03-02", NULL, &d, &err), 0);
	assert_true(d.days == 20514);
	assert_int_equal(crm_date_as_of("2026-03-02T12:00", NULL, &d, &err),
	    0);
	assert_true(d.days == 20514.5 && d.has_time);
	/* the pattern as well as the default forms */
	assert_int_equal(crm_date_as_of("03/02/2026", &us, &d, &err), 0);
	assert_true(d.days == 20514);
	assert_int_equal(crm_date_as_of("2026-03-02", &us, &d, &err), 0);
	assert_int_equal(crm_date_as_of("03/02/2026", NULL, &d, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg, "--as-of: \"03/02/2026\" is not a date "
	    "(write YYYY-MM-DD)");
	setenv("CRMKIT_AS_OF", "2026-02-30", 1);
	assert_int_equal(crm_date_as_of(NULL, NULL, &d, &err), -1);
	assert_string_equal(err.msg, "CRMKIT_AS_OF: \"2026-02-30\" is not a "
	    "date (write YYYY-MM-DD)");
	unsetenv("CRMKIT_AS_OF");
}

static crm_date
date(const char *s)
{
	crm_date d;

	if (parse(s, NULL, &d) != CRM_DATE_OK)
		fail_msg("'%s' rejected", s);
	return d;
}

static void
test_months(void **state)
{
	static const struct {
		const char *a, *b;
		long months;
	} t[] = {
		{ "2021-01-31", "2021-02-28", 0 },
		{ "2021-01-31", "2021-03-01", 1 },
		{ "2021-01-31", "2021-03-30", 1 },
		{ "2021-01-31", "2021-03-31", 2 },
		{ "2024-01-31", "2024-02-29", 0 },
		{ "2024-02-29", "2025-02-28", 11 },
		{ "2024-02-29", "2025-03-01", 12 },
		{ "2024-02-29", "2028-02-29", 48 },
		{ "2021-02-28", "2021-03-28", 1 },
		{ "2021-02-28", "2021-03-31", 1 },
		{ "2021-01-15", "2021-02-15", 1 },
		{ "2021-01-15", "2021-02-14", 0 },
		{ "2021-01-15", "2021-01-15", 0 },
		{ "2020-12-31", "2021-01-01", 0 },
		{ "2020-12-01", "2021-01-01", 1 },
		{ "2000-01-01", "2026-03-01", 314 },
		{ "2021-01-15T12:00", "2021-02-15T11:59", 0 },
		{ "2021-01-15T12:00", "2021-02-15T12:00", 1 },
		{ "2021-01-15T12:00", "2021-02-15", 0 },
		{ "2021-01-15", "2021-02-15T00:00", 1 },
		{ "2021-02-28", "2021-01-31", 0 },
		{ "2021-03-01", "2021-01-31", -1 },
		{ "2021-02-15", "2021-01-15", -1 },
		{ "2026-03-01", "2000-01-01", -314 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		long got = crm_date_months_between(date(t[i].a), date(t[i].b));

		if (got != t[i].months)
			fail_msg("months(%s, %s) = %ld, want %ld", t[i].a,
			    t[i].b, got, t[i].months);
	}
}

static void
test_arithmetic(void **state)
{
	crm_date d;
	char buf[CRM_DATE_BUFSZ];

	(void)state;
	assert_true(crm_date_days_between(date("2025-12-31"),
	    date("2026-03-01")) == 60);
	assert_true(crm_date_days_between(date("2026-03-01"),
	    date("2025-12-31")) == -60);
	assert_true(crm_date_days_between(date("2026-03-01T06:00"),
	    date("2026-03-02T18:00")) == 1.5);
	assert_true(crm_date_add_days(date("2024-02-28"), 1, &d));
	crm_date_format(buf, d);
	assert_string_equal(buf, "2024-02-29");
	assert_false(d.has_time);
	assert_true(crm_date_add_days(date("2024-03-01"), -366, &d));
	crm_date_format(buf, d);
	assert_string_equal(buf, "2023-03-01");
	assert_true(crm_date_add_days(date("2025-12-31"), 0.75, &d));
	crm_date_format(buf, d);
	assert_string_equal(buf, "2025-12-31T18:00:00");
	assert_true(crm_date_add_days(date("2025-12-31T23:00"), 1.0 / 24, &d));
	crm_date_format(buf, d);
	assert_string_equal(buf, "2026-01-01T00:00:00");
	assert_true(d.has_time);
	assert_true(crm_date_add_days(date("2026-01-01T00:00:00.5"), -0.5 /
	    86400, &d));
	assert_int_equal(crm_date_day(d), 20454);
	assert_int_equal(crm_date_ms_of_day(d), 0);
	assert_false(crm_date_add_days(date("2026-01-01"), NAN, &d));
	assert_false(crm_date_add_days(date("2026-01-01"), INFINITY, &d));
	assert_false(crm_date_add_days(date("2026-01-01"), 1e300, &d));
	/* the same text always gives the same bits */
	assert_true(date("2026-03-01T10:20:30.123").days ==
	    date("2026-03-01 10:20:30.123Z").days);
	/* a parsed date-time and the sum of its parts */
	assert_true(crm_date_make(2026, 3, 1, true, 10, 20, 30, 123, &d));
	assert_true(d.days == date("2026-03-01T10:20:30.123").days);
	assert_false(crm_date_make(2026, 2, 29, false, 0, 0, 0, 0, &d));
	assert_false(crm_date_make(2026, 2, 28, true, 24, 0, 0, 0, &d));
	assert_false(crm_date_make(2026, 2, 28, true, 0, 0, 60, 0, &d));
	assert_false(crm_date_make(2026, 2, 28, true, 0, 0, 0, 1000, &d));
}

static void
test_iso_week_new_year(void **state)
{
	static const struct {
		const char *d;
		int week, year, weekday;
	} t[] = {
		{ "2026-01-01", 1, 2026, 4 }, { "2027-01-01", 53, 2026, 5 },
		{ "2027-01-03", 53, 2026, 7 }, { "2027-01-04", 1, 2027, 1 },
		{ "2021-01-03", 53, 2020, 7 }, { "2024-12-30", 1, 2025, 1 },
		{ "2008-12-29", 1, 2009, 1 }, { "2010-01-03", 53, 2009, 7 },
		{ "2005-01-02", 53, 2004, 7 }, { "2023-01-01", 52, 2022, 7 },
		{ "0001-01-01", 1, 1, 1 }, { "9999-12-31", 52, 9999, 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int y, w = crm_date_iso_week(date(t[i].d), &y);

		if (w != t[i].week || y != t[i].year ||
		    crm_date_weekday(date(t[i].d)) != t[i].weekday)
			fail_msg("%s: week %d of %d weekday %d", t[i].d, w, y,
			    crm_date_weekday(date(t[i].d)));
	}
	assert_int_equal(crm_date_iso_week(date("2026-06-15T23:59"), NULL), 25);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_fraction),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_pattern_errors),
		cmocka_unit_test(test_pattern_setup),
		cmocka_unit_test(test_as_of),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_iso_week_new_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
