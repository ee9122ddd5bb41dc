/*
 * crm_date: calendar dates and date-times (SPEC 2, "Dates"), parsed
 * exactly and independently of the process locale.
 *
 * Representation: a crm_date is a double, `days`, counting days since
 * 1970-01-01T00:00:00 (negative before it), with the time of day as the
 * fraction (06:00 is .25), plus a flag saying whether a time was given.
 * floor(days) is the calendar day.  The calendar is the proleptic
 * Gregorian one, years 1..9999 only (0001-01-01 is day -719162,
 * 9999-12-31 day 2932896).  A date-time with an offset is converted to
 * UTC; there are no other time zones and no leap seconds.
 *
 * Why a double: a date slots into a number column of an expression value,
 * date - date is a plain subtraction giving days (fractional when times
 * are involved), and min/max/sort work on it unchanged.  Whole days are
 * exact integers.  A time is kept to the millisecond: every date-time
 * this module makes is day + ms / 86400000.0, computed one way only, and
 * the millisecond is recovered exactly by rounding (a double near 3
 * million days resolves about 0.06 ms), so parsing the same text always
 * gives the same bits.
 */
#ifndef CRM_DATE_H
#define CRM_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crm_diag.h"

typedef struct crm_date {
	double days;		/* days since 1970-01-01, time as fraction */
	bool has_time;		/* a time of day was given (even 00:00) */
} crm_date;

typedef enum crm_date_status {
	CRM_DATE_OK = 0,
	CRM_DATE_MISSING,	/* the field is empty (zero bytes) */
	CRM_DATE_INVALID	/* non-empty and not a date in a known form */
} crm_date_status;

#define CRM_DATE_MIN_DAY (-719162L)	/* 0001-01-01 */
#define CRM_DATE_MAX_DAY 2932896L	/* 9999-12-31 */

/* ---- the calendar ---------------------------------------------- */

/* Days from 1970-01-01 to y-m-d.  Any year (proleptic Gregorian, year 0
 * is 1 BC); m 1..12 and d 1..31 are not checked against each other:
 * crm_date_valid_civil does that. */
long crm_date_days_from_civil(long y, int m, int d);

/* The calendar date of a day number (the inverse of the above). */
void crm_date_civil_from_days(long days, long *y, int *m, int *d);

/* Whether y-m-d is a real date with 1 <= y <= 9999. */
bool crm_date_valid_civil(long y, int m, int d);

/*
 * Build a date from its parts: y-m-d and, when has_time, hh:mm:ss.ms
 * (0..23, 0..59, 0..59, 0..999).  Returns false for an impossible date
 * or time (*out untouched).
 */
bool crm_date_make(long y, int m, int d, bool has_time, int hh, int mm,
		   int ss, int ms, crm_date *out);

/* The parts of a date: the day number (floor of days) and the
 * millisecond of the day, 0..86399999. */
long crm_date_day(crm_date d);
long crm_date_ms_of_day(crm_date d);

/* ---- fields ----------------------------------------------------- */

int crm_date_year(crm_date d);
int crm_date_month(crm_date d);		/* 1..12 */
int crm_date_mday(crm_date d);		/* day of the month, 1..31 */
int crm_date_quarter(crm_date d);	/* 1..4 */
int crm_date_weekday(crm_date d);	/* ISO: 1 = Monday .. 7 = Sunday */

/*
 * ISO 8601 week number, 1..53: week 1 is the week (Monday to Sunday)
 * holding the year's first Thursday.  If year is not NULL it receives
 * the ISO week-year, which differs from the calendar year around New
 * Year (2027-01-01 is in week 53 of 2026).
 */
int crm_date_iso_week(crm_date d, int *year);

/* ---- arithmetic ------------------------------------------------- */

/* b - a in days, fractional when times are involved. */
double crm_date_days_between(crm_date a, crm_date b);

/*
 * Shift d by n days (n may be fractional: the result then has a time).
 * Returns false, *out untouched, when n is not finite or the result
 * leaves years 1..9999.  The result's time is rounded to the
 * millisecond.
 */
bool crm_date_add_days(crm_date d, double n, crm_date *out);

/*
 * Whole calendar months from a to b, as Excel's DATEDIF(a, b, "m") and
 * MySQL's TIMESTAMPDIFF(MONTH, a, b) count them: the difference of
 * year*12 + month, less one when b's day of the month (and time of day)
 * is before a's.  So 31 Jan -> 28 Feb is 0 months, 31 Jan -> 1 Mar is 1,
 * 15 Jan -> 15 Feb is 1.  When b is before a the result is
 * -months(b, a) (DATEDIF has no answer there).
 */
long crm_date_months_between(crm_date a, crm_date b);

/* ---- text ------------------------------------------------------- */

#define CRM_DATE_BUFSZ 20	/* "YYYY-MM-DDTHH:MM:SS" and the NUL */

/*
 * Write d into buf (at least CRM_DATE_BUFSZ bytes), NUL-terminated, as
 * YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS when d has a time (milliseconds are
 * dropped, not rounded).  Returns the length (10 or 19).  A date outside
 * years 1..9999 (which no crm_date function makes) writes "".
 */
size_t crm_date_format(char *buf, crm_date d);

/*
 * A compiled --date-format pattern.  Zero-initialised (or after
 * crm_date_pattern_setup found none) it means "the default forms".
 * Conversions: %Y four digits; %m %d %H %M %S one or two digits (two
 * when two follow, as strptime reads them); %y one or two digits, 69-99
 * meaning 19xx and 00-68 20xx (POSIX); %% a percent sign.  Any other
 * byte must appear as it is (a space matches one space).  The whole
 * field must match; the pattern needs %d, %m and one of %Y/%y, each at
 * most once, and %M needs %H, %S needs %M.
 */
#define CRM_DATE_PATTERN_MAX 64
typedef struct crm_date_pattern {
	unsigned n;		/* items; 0 means the default forms */
	bool has_time;		/* it holds %H */
	uint16_t item[CRM_DATE_PATTERN_MAX];	/* a byte, or 256 + letter */
} crm_date_pattern;

/*
 * Compile fmt into *pat.  Returns 0, or -1 with a usage error in err
 * ("date format \"%Y-%q\": unknown conversion %q ...") and *pat set to
 * the default forms.
 */
int crm_date_pattern_compile(crm_date_pattern *pat, const char *fmt,
			     crm_error *err);

/*
 * The pattern in force: opt (the --date-format value) if not NULL, else
 * CRMKIT_DATE_FORMAT if set and non-empty, else none (the default
 * forms).  Returns 1 when a pattern was compiled into *pat, 0 when none
 * (pat zeroed), -1 with a usage error naming --date-format or
 * CRMKIT_DATE_FORMAT.
 */
int crm_date_pattern_setup(crm_date_pattern *pat, const char *opt,
			   crm_error *err);

/*
 * Parse s[0..len) (not necessarily NUL-terminated).  pat NULL or empty:
 * the default forms, and nothing else, exactly as written (no spaces
 * around):
 *   YYYY-MM-DD                          two-digit month and day
 *   YYYY-MM-DD[T| ]HH:MM[:SS[.f...]][Z|+HH:MM|-HH:MM]
 *                                       fraction: 1-9 digits, kept to
 *                                       the millisecond (truncated);
 *                                       offset hours 0..23, minutes
 *                                       0..59, subtracted to give UTC
 *   D.M.YYYY, DD.MM.YYYY [ H:MM[:SS]]   German; hour of one or two digits
 * Otherwise only the pattern.  An impossible date or time (2026-02-30,
 * month 13, 24:00, second 60), or a date-time that an offset moves out
 * of years 1..9999, is CRM_DATE_INVALID; zero bytes are
 * CRM_DATE_MISSING.  On CRM_DATE_OK *out holds the date (has_time when
 * the form had a time); otherwise *out is untouched.
 */
crm_date_status crm_date_parse(const char *s, size_t len,
			       const crm_date_pattern *pat, crm_date *out);

/*
 * The current local date (no time), from the clock and the local time
 * zone.  Returns false if the clock or the time zone fails.
 */
bool crm_date_today(crm_date *out);

/*
 * The as-of date, "today" of a report: opt (the --as-of value) if not
 * NULL, else CRMKIT_AS_OF if set and non-empty, else crm_date_today()
 * when called (tools call it once, at start).  opt and CRMKIT_AS_OF are
 * read in the default forms, or else with pat (if not NULL), and may
 * hold a time.  Returns
 * 0, or -1 with a usage error naming --as-of or CRMKIT_AS_OF (or a
 * system error, status 3, if the clock fails).
 */
int crm_date_as_of(const char *opt, const crm_date_pattern *pat,
		   crm_date *out, crm_error *err);

#endif
