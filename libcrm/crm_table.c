/*
 * crm_table: a CSV input as a table for people, in bounded memory.
 *
 * The sample's cells are copied into one arena (their offsets first,
 * pointers once the arena stops growing); later rows point into the
 * input's record, which stays valid until the next read.
 */
#include "crm_table.h"

#include <ctype.h>
#include <fnmatch.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm_human.h"
#include "crm_names.h"
#include "crm_num.h"

struct crm_table {
	crm_input *in;
	crm_table_column *col;
	size_t ncol;
	bool synthetic, decimal_comma;
	unsigned long head;
	char *arena;		/* the sample's cell text */
	size_t alen, acap;
	crm_table_cell *cells;	/* nsample x ncol */
	size_t nsample, pos;
	bool complete;		/* the sample is every row shown */
	crm_table_cell *row;	/* a row read after the sample */
	unsigned long shown, left_out;
};

/* ------------------------------------------------------------------ */
/* Cells */

bool
crm_table_date(const char *s, size_t len, long *days)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long y, m, d, era, yoe, doy;
	bool leap;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return false;
	if (days != NULL) {
		/* Days from civil (H. Hinnant's algorithm). */
		y -= m <= 2;
		era = y / 400;
		yoe = y - era * 400;
		doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
		*days = era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 +
		    doy) - 719468;
	}
	return true;
}

/* A number written with a leading zero ("007", "-01.5"): a code. */
static bool
leading_zero(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	return i + 1 < len && s[i] == '0' && isdigit((unsigned char)s[i + 1]);
}

static bool
parse_number(const char *s, size_t len, bool decimal_comma, double *v)
{
	return crm_num_parse(s, len, decimal_comma, v) == CRM_NUM_OK &&
	    !leading_zero(s, len);
}

static void
fill_cell(crm_table_cell *c, const crm_table_column *col, const char *s,
	  size_t len, bool decimal_comma)
{
	c->s = s;
	c->len = len;
	c->is_num = col->type == CRM_TABLE_NUMBER && len > 0 &&
	    parse_number(s, len, decimal_comma, &c->num);
}

/* ------------------------------------------------------------------ */
/* Opening: columns, sample, types */

static int
choose_columns(crm_table *t, const crm_header *h, const crm_table_config *cfg,
	       crm_error *err)
{
	size_t n = cfg->ncolumns > 0 ? cfg->ncolumns : h->n;

	t->col = crm_xcalloc(n > 0 ? n : 1, sizeof *t->col);
	for (size_t i = 0; i < n; i++) {
		long src = (long)i;

		if (cfg->ncolumns > 0) {
			src = crm_names_column(h, cfg->columns[i],
			    strlen(cfg->columns[i]), "--columns", NULL, err);
			if (src < 0)
				return -1;
		}
		t->col[i].name = crm_xstrdup(h->name[src]);
		t->col[i].len = h->len[src];
		t->col[i].src = (size_t)src;
		t->ncol++;
		for (size_t k = 0; k < cfg->npercent; k++)
			if (fnmatch(cfg->percent[k], t->col[i].name, 0) == 0)
				t->col[i].percent = true;
	}
	/* A pattern matching a column left out by --columns is no typo. */
	for (size_t k = 0; cfg->percent_hit != NULL && k < cfg->npercent; k++)
		for (size_t i = 0; i < h->n; i++)
			if (fnmatch(cfg->percent[k], h->name[i], 0) == 0)
				cfg->percent_hit[k] = true;
	return 0;
}

static void
arena_put(crm_table *t, const char *s, size_t len)
{
	if (t->alen + len + 1 > t->acap) {
		t->acap = (t->alen + len + 1) * 2;
		t->arena = crm_xrealloc(t->arena, t->acap);
	}
	memcpy(t->arena + t->alen, s, len);
	t->alen += len;
	t->arena[t->alen++] = '\0';
}

/* Read up to limit rows into the arena; cells[].s holds offsets until
 * pointers_from_offsets. */
static int
read_sample(crm_table *t, size_t limit, crm_error *err)
{
	size_t cap = 0;
	crm_record rec;
	int rc = 0;

	while (t->nsample < limit && (rc = crm_input_read(t->in, &rec,
	    err)) == 1) {
		crm_table_cell *row;

		if (t->nsample == cap) {
			cap = cap ? cap * 2 : 64;
			t->cells = crm_xreallocarray(t->cells,
			    cap * (t->ncol ? t->ncol : 1), sizeof *t->cells);
		}
		row = t->cells + t->nsample * t->ncol;
		for (size_t i = 0; i < t->ncol; i++) {
			size_t src = t->col[i].src;

			row[i].s = (const char *)(uintptr_t)t->alen;
			row[i].len = rec.len[src];
			row[i].is_num = false;
			row[i].num = 0;
			arena_put(t, rec.f[src], rec.len[src]);
		}
		t->nsample++;
	}
	return rc < 0 ? -1 : 0;
}

/* Column names that hold identifiers or years: integers shown without
 * grouping. */
static bool
plain_name(const char *name)
{
	static const char *const exact[] = {
		"id", "nr", "no", "number", "year", "jahr", "zip", "plz",
		"postcode"
	};
	static const char *const suffix[] = { "_id", "_nr", "_no",
		"_number", " id", "-id", "_year" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strcasecmp(name, exact[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t s = strlen(suffix[i]);

		if (n > s && strcasecmp(name + n - s, suffix[i]) == 0)
			return true;
	}
	return false;
}

/* Decimals of the default form of v at digits, trailing zeros not
 * counted. */
static int
needed_decimals(double v, int digits)
{
	char buf[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;
	const char *dot;

	crm_human_fmt_init(&f, false);
	f.group = 0;
	f.digits = digits;
	crm_human_number(buf, v, &f);
	dot = strchr(buf, '.');
	return dot != NULL ? (int)strlen(dot + 1) : 0;
}

static void
choose_decimals(crm_table_column *col, const crm_table_cell *cells,
		size_t stride, size_t n, const crm_table_config *cfg)
{
	double maxabs = 0;
	int most = 0, cap;
	bool integral = true;

	for (size_t r = 0; r < n; r++) {
		const crm_table_cell *c = cells + r * stride;
		double v;

		if (!c->is_num)
			continue;
		v = col->percent ? c->num * 100 : c->num;
		if (fabs(v) > maxabs)
			maxabs = fabs(v);
		if (v != trunc(v)) {
			int d = needed_decimals(v, cfg->digits);

			integral = false;
			if (d > most)
				most = d;
		}
	}
	if (integral) {
		col->decimals = 0;
		return;
	}
	col->plain = false;
	if (cfg->decimals >= 0) {
		col->decimals = cfg->decimals;
		return;
	}
	/* The decimals the largest value needs, plus two. */
	cap = cfg->digits - 1 - (int)floor(log10(maxabs)) + 2;
	if (cap < 2)
		cap = 2;
	/* Business reports write percent with one decimal. */
	if (col->percent)
		cap = 1;
	col->decimals = most < cap ? most : cap;
}

/* The type of column i from the sample (cells hold pointers). */
static void
choose_type(crm_table *t, size_t i, const crm_table_config *cfg)
{
	crm_table_column *col = &t->col[i];
	bool number = true, date = true, any = false, pct = false;

	for (size_t r = 0; r < t->nsample; r++) {
		const crm_table_cell *c = &t->cells[r * t->ncol + i];
		double v;

		if (c->len == 0)
			continue;
		any = true;
		if (number && !parse_number(c->s, c->len, t->decimal_comma,
		    &v))
			number = false;
		if (number && c->s[c->len - 1] == '%')
			pct = true;
		if (date && !crm_table_date(c->s, c->len, NULL))
			date = false;
	}
	col->type = !any ? CRM_TABLE_TEXT : number ? CRM_TABLE_NUMBER :
	    date ? CRM_TABLE_DATE : CRM_TABLE_TEXT;
	if (col->type != CRM_TABLE_NUMBER)
		return;
	col->percent = col->percent || pct;
	col->plain = plain_name(col->name);
	for (size_t r = 0; r < t->nsample; r++) {
		crm_table_cell *c = &t->cells[r * t->ncol + i];

		fill_cell(c, col, c->s, c->len, t->decimal_comma);
	}
	choose_decimals(col, t->cells + i, t->ncol, t->nsample, cfg);
}

crm_table *
crm_table_open(crm_input *in, const crm_table_config *cfg, crm_error *err)
{
	crm_table *t = crm_xcalloc(1, sizeof *t);
	const crm_header *h = crm_input_header(in);
	size_t limit = cfg->sample;

	t->in = in;
	t->head = cfg->head;
	t->decimal_comma = cfg->decimal_comma;
	t->synthetic = h->synthetic;
	if (choose_columns(t, h, cfg, err) < 0)
		goto fail;
	if (cfg->head < limit)
		limit = (size_t)cfg->head;
	if (read_sample(t, limit, err) < 0)
		goto fail;
	t->complete = t->nsample < limit || (unsigned long)t->nsample ==
	    cfg->head;
	for (size_t k = 0; k < t->nsample * t->ncol; k++)
		t->cells[k].s = t->arena + (uintptr_t)t->cells[k].s;
	for (size_t i = 0; i < t->ncol; i++)
		choose_type(t, i, cfg);
	t->row = crm_xcalloc(t->ncol ? t->ncol : 1, sizeof *t->row);
	return t;
fail:
	crm_table_close(t);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Rows */

int
crm_table_next(crm_table *t, const crm_table_cell **cells, crm_error *err)
{
	crm_record rec;
	int rc;

	if (t->pos < t->nsample) {
		*cells = t->cells + t->pos++ * t->ncol;
		t->shown++;
		return 1;
	}
	if (t->shown < t->head) {
		if ((rc = crm_input_read(t->in, &rec, err)) != 1)
			return rc;
		for (size_t i = 0; i < t->ncol; i++) {
			size_t src = t->col[i].src;

			fill_cell(&t->row[i], &t->col[i], rec.f[src],
			    rec.len[src], t->decimal_comma);
		}
		*cells = t->row;
		t->shown++;
		return 1;
	}
	while ((rc = crm_input_read(t->in, &rec, err)) == 1)
		t->left_out++;
	return rc;
}

bool
crm_table_complete(const crm_table *t)
{
	return t->complete;
}

size_t
crm_table_ncols(const crm_table *t)
{
	return t->ncol;
}

const crm_table_column *
crm_table_col(const crm_table *t, size_t i)
{
	return &t->col[i];
}

bool
crm_table_synthetic(const crm_table *t)
{
	return t->synthetic;
}

size_t
crm_table_nsample(const crm_table *t)
{
	return t->nsample;
}

const crm_table_cell *
crm_table_sample(const crm_table *t, size_t i)
{
	return t->cells + i * t->ncol;
}

unsigned long
crm_table_shown(const crm_table *t)
{
	return t->shown;
}

unsigned long
crm_table_left_out(const crm_table *t)
{
	return t->left_out;
}

void
crm_table_close(crm_table *t)
{
	if (t == NULL)
		return;
	crm_input_close(t->in);
	for (size_t i = 0; i < t->ncol; i++)
		free(t->col[i].name);
	free(t->col);
	free(t->arena);
	free(t->cells);
	free(t->row);
	free(t);
}
