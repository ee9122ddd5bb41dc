/*
 * datebench: how fast crm_date_parse reads date fields, in MB/s of field
 * bytes (the goal is at least 100 MB/s), for the default forms (ISO
 * dates, ISO date-times, German dates) and a --date-format pattern.
 *
 *   datebench [FIELDS]     (default 2000000 fields per form)
 *
 * The fields are distinct dates spread over 1950..2049, laid out one
 * after another in one buffer as a CSV reader hands them over.  Each
 * form is timed 5 times; the median is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm_date.h"

typedef struct fields {
	char *buf;
	size_t *off;	/* field i is buf[off[i] .. off[i + 1]) */
	size_t n;
} fields;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n fields written by form: 0 ISO, 1 ISO date-time, 2 German, 3 US. */
static void
make_fields(fields *f, size_t n, int form)
{
	size_t i, pos = 0;

	f->buf = malloc(n * 32);
	f->off = malloc((n + 1) * sizeof *f->off);
	if (f->buf == NULL || f->off == NULL) {
		perror("datebench");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		long y;
		int m, d;
		long day = crm_date_days_from_civil(1950, 1, 1) +
		    (long)((i * 7919) % 36524);

		crm_date_civil_from_days(day, &y, &m, &d);
		f->off[i] = pos;
		switch (form) {
		case 0:
			pos += (size_t)sprintf(f->buf + pos, "%04ld-%02d-%02d",
			    y, m, d);
			break;
		case 1:
			pos += (size_t)sprintf(f->buf + pos,
			    "%04ld-%02d-%02dT%02d:%02d:%02d", y, m, d,
			    (int)(i % 24), (int)(i % 60), (int)(i * 7 % 60));
			break;
		case 2:
			pos += (size_t)sprintf(f->buf + pos, "%d.%d.%04ld", d, m,
			    y);
			break;
		default:
			pos += (size_t)sprintf(f->buf + pos, "%02d/%02d/%04ld", m,
			    d, y);
			break;
		}
	}
	f->off[n] = pos;
	f->n = n;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median seconds of 5 passes over f; *sum defeats dead-code removal. */
static double
time_parse(const fields *f, const crm_date_pattern *pat, double *sum)
{
	double t[5];
	int r;

	for (r = 0; r < 5; r++) {
		double t0 = now(), s = 0;
		size_t i;

		for (i = 0; i < f->n; i++) {
			crm_date d;

			if (crm_date_parse(f->buf + f->off[i],
			    f->off[i + 1] - f->off[i], pat, &d) != CRM_DATE_OK) {
				fprintf(stderr, "datebench: field %zu rejected\n",
				    i);
				exit(1);
			}
			s += d.days;
		}
		t[r] = now() - t0;
		*sum += s;
	}
	qsort(t, 5, sizeof t[0], cmp_double);
	return t[2];
}

int
main(int argc, char **argv)
{
	static const char *const name[] = {
		"ISO YYYY-MM-DD", "ISO YYYY-MM-DDTHH:MM:SS", "German D.M.YYYY",
		"pattern %m/%d/%Y"
	};
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000000;
	crm_date_pattern us;
	crm_error err;
	double sum = 0;
	int form;

	if (n == 0 || crm_date_pattern_compile(&us, "%m/%d/%Y", &err) != 0) {
		fprintf(stderr, "usage: datebench [FIELDS]\n");
		return 2;
	}
	printf("crm_date_parse, %zu fields per form, median of 5 runs\n", n);
	for (form = 0; form < 4; form++) {
		fields f;
		double secs;

		make_fields(&f, n, form);
		secs = time_parse(&f, form == 3 ? &us : NULL, &sum);
		printf("  %-26s %7.1f MB/s  %6.1f ns/field\n", name[form],
		    (double)f.off[n] / secs / 1e6, secs / (double)n * 1e9);
		free(f.buf);
		free(f.off);
	}
	return sum == 0.5 ? 1 : 0;	/* never: keeps the sums alive */
}
