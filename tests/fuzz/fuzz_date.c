/*
 * fuzz_date: crm_date_parse on any bytes, in the default forms and under
 * a --date-format pattern.
 *
 * Input: FIELD (the default forms), or PATTERN '\n' FIELD (the pattern
 * is compiled first; a pattern that does not compile must say why).
 *
 * Properties: zero bytes are MISSING, nothing else is; a failed parse
 * leaves *out untouched; an accepted date lies in years 1..9999 with a
 * millisecond of the day in range (0 without a time); it formats as
 * YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, and that text parses back to the
 * same day and second (and formats the same again); written again in
 * the German form, and under the pattern (each conversion with leading
 * zeros), it reads back to the same value as well.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "crm_date.h"
#include "fuzz.h"

/* d's value to the second, the form that survives formatting. */
static double
to_second(crm_date d)
{
	long ms = crm_date_ms_of_day(d);

	return (double)crm_date_day(d) * 86400.0 + (double)(ms / 1000);
}

static void
expect_back(const char *text, size_t n, const crm_date_pattern *pat,
	    crm_date want)
{
	crm_date back;

	if (crm_date_parse(text, n, pat, &back) != CRM_DATE_OK) {
		fuzz_dump("text", text, n);
		FUZZ_CHECK(0, "written date does not parse back");
	}
	if (back.has_time != want.has_time ||
	    to_second(back) != to_second(want)) {
		fuzz_dump("text", text, n);
		FUZZ_CHECK(0, "reads back as day %ld ms %ld (time %d), want "
		    "day %ld ms %ld", crm_date_day(back),
		    crm_date_ms_of_day(back), back.has_time,
		    crm_date_day(want), crm_date_ms_of_day(want));
	}
}

/* Write d under pat, every number with leading zeros. */
static size_t
render(char *buf, size_t cap, const crm_date_pattern *pat, crm_date d)
{
	long y, ms = crm_date_ms_of_day(d) / 1000;
	int m, dd, n = 0;
	unsigned i;

	crm_date_civil_from_days(crm_date_day(d), &y, &m, &dd);
	for (i = 0; i < pat->n && (size_t)n + 8 < cap; i++) {
		unsigned it = pat->item[i];

		switch (it >= 256 ? (int)(it - 256) : -1) {
		case -1: buf[n++] = (char)it; break;
		case 'Y': n += snprintf(buf + n, cap - n, "%04ld", y); break;
		case 'y': n += snprintf(buf + n, cap - n, "%02ld", y % 100);
			break;
		case 'm': n += snprintf(buf + n, cap - n, "%02d", m); break;
		case 'd': n += snprintf(buf + n, cap - n, "%02d", dd); break;
		case 'H': n += snprintf(buf + n, cap - n, "%02ld", ms / 3600);
			break;
		case 'M': n += snprintf(buf + n, cap - n, "%02ld",
			    ms / 60 % 60); break;
		default: n += snprintf(buf + n, cap - n, "%02ld", ms % 60);
			break;
		}
	}
	return (size_t)n;
}

static void
check_accepted(const crm_date_pattern *pat, crm_date d)
{
	char buf[CRM_DATE_BUFSZ], again[CRM_DATE_BUFSZ], text[256];
	long day = crm_date_day(d), ms = crm_date_ms_of_day(d), y;
	int m, dd;
	size_t n;
	crm_date back;

	FUZZ_CHECK(isfinite(d.days), "days %g", d.days);
	FUZZ_CHECK(day >= CRM_DATE_MIN_DAY && day <= CRM_DATE_MAX_DAY,
	    "day %ld out of range", day);
	FUZZ_CHECK(ms >= 0 && ms < 86400000 && (d.has_time || ms == 0),
	    "ms %ld, has_time %d", ms, d.has_time);

	n = crm_date_format(buf, d);
	FUZZ_CHECK(n == (d.has_time ? 19u : 10u) && strlen(buf) == n,
	    "format \"%s\"", buf);
	expect_back(buf, n, NULL, d);
	crm_date_parse(buf, n, NULL, &back);
	crm_date_format(again, back);
	FUZZ_CHECK(strcmp(buf, again) == 0, "\"%s\" formats as \"%s\"", buf,
	    again);

	/* the German form */
	crm_date_civil_from_days(day, &y, &m, &dd);
	if (d.has_time)
		n = (size_t)snprintf(text, sizeof text, "%d.%d.%04ld %ld:%02ld:"
		    "%02ld", dd, m, y, ms / 3600000, ms / 60000 % 60,
		    ms / 1000 % 60);
	else
		n = (size_t)snprintf(text, sizeof text, "%d.%d.%04ld", dd, m,
		    y);
	expect_back(text, n, NULL, d);

	/* the pattern; %y only reaches 1969..2068 */
	if (pat->n > 0) {
		n = render(text, sizeof text, pat, d);
		expect_back(text, n, pat, d);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	crm_date_pattern pat = { 0 };
	crm_date d = { 1234.5, true };
	crm_date_status st;
	size_t n = size;
	char *field;

	if (nl != NULL) {
		size_t plen = (size_t)(nl - data);
		char *fmt = malloc(plen + 1);
		crm_error err = { 0, "" };

		FUZZ_CHECK(fmt != NULL, "malloc");
		memcpy(fmt, data, plen);
		fmt[plen] = '\0';
		if (crm_date_pattern_compile(&pat, fmt, &err) != 0) {
			FUZZ_CHECK(err.status == 2 && err.msg[0] != '\0' &&
			    pat.n == 0, "compile error without a message");
			free(fmt);
			return 0;
		}
		free(fmt);
		FUZZ_CHECK(pat.n > 0 && pat.n <= CRM_DATE_PATTERN_MAX,
		    "pattern of %u items", pat.n);
		n = size - plen - 1;
		data = nl + 1;
	}
	/* a private copy of exactly n bytes: the parser must stay inside */
	field = malloc(n ? n : 1);
	FUZZ_CHECK(field != NULL, "malloc");
	memcpy(field, data, n);
	st = crm_date_parse(field, n, &pat, &d);
	if (n == 0)
		FUZZ_CHECK(st == CRM_DATE_MISSING, "empty field: %d", st);
	else
		FUZZ_CHECK(st != CRM_DATE_MISSING, "non-empty field missing");
	if (st != CRM_DATE_OK) {
		FUZZ_CHECK(d.days == 1234.5 && d.has_time,
		    "*out changed on failure");
	} else {
		check_accepted(&pat, d);
	}
	free(field);
	return 0;
}
