/*
 * crm_table: a CSV input read as a table for people (report), in
 * bounded memory.
 *
 * The first rows (the sample, at most `sample` of them) are held: they
 * decide each column's type (number, date YYYY-MM-DD, or text), its
 * decimals and, for the renderers, its width.  Rows after the sample
 * are handed out one at a time as they are read and not kept; rows
 * after --head are only counted.  So a table of a million rows costs
 * the sample, whatever the input's size.
 */
#ifndef CRM_TABLE_H
#define CRM_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_input.h"
#include "crm_diag.h"

typedef enum crm_table_type {
	CRM_TABLE_TEXT = 0,
	CRM_TABLE_NUMBER,	/* every non-empty sample cell is a number */
	CRM_TABLE_DATE		/* every non-empty sample cell is YYYY-MM-DD */
} crm_table_type;

typedef struct crm_table_column {
	char *name;		/* as in the input header (NUL-terminated) */
	size_t len;
	size_t src;		/* its field in the input record */
	crm_table_type type;
	bool percent;		/* shown as percent (--percent, or the
				 * sample's cells end in '%') */
	bool plain;		/* a number shown without grouping: an
				 * identifier or a year (see crm_table_open) */
	int decimals;		/* decimals a number is shown with (of the
				 * percent figure for a percent column) */
} crm_table_column;

/* One cell of a row.  s[0..len) is the field as written (not
 * NUL-terminated); num is its value when is_num. */
typedef struct crm_table_cell {
	const char *s;
	size_t len;
	bool is_num;
	double num;
} crm_table_cell;

typedef struct crm_table_config {
	char *const *columns;	/* --columns: names in output order */
	size_t ncolumns;	/* 0: every column, in input order */
	char *const *percent;	/* --percent: names or fnmatch(3) patterns */
	size_t npercent;
	bool *percent_hit;	/* if not NULL: [k] set when percent[k]
				 * matched a column */
	unsigned long head;	/* rows shown at most; ULONG_MAX: all */
	size_t sample;		/* rows held to decide types (> 0) */
	bool decimal_comma;	/* numbers use ',' (and '.' groups) */
	int decimals;		/* >= 0: every non-integral number column
				 * shows that many; < 0: chosen per column */
	int digits;		/* chosen per column: significant digits of
				 * the sample's values (see crm_table_open) */
} crm_table_config;

typedef struct crm_table crm_table;

/*
 * Make a table of in (which the table owns from now on, and closes).
 * Reads the header and the sample.  Column types: a column is a number
 * when every non-empty cell of the sample parses (crm_num_parse under
 * cfg->decimal_comma) and none has a leading zero ("007" is a code,
 * not seven); a date when every non-empty cell is a valid YYYY-MM-DD;
 * otherwise (also when every cell is empty) text.  A number column is
 * plain (no grouping) when its values are integers and its name says
 * it is an identifier or a year (id, *_id, nr, no, number, year, jahr,
 * zip, plz, any case).  Decimals of a non-integral number column: the
 * most any sample value needs at cfg->digits significant digits
 * (crm_human_decimals, trailing zeros not counted), but at most two
 * more than its largest value needs, so one tiny value does not give a
 * column of millions six decimals.  Returns NULL with err filled: an
 * unknown --columns name (status 2, with the available columns), any
 * crm_input_read error (data 1, I/O 3).
 */
crm_table *crm_table_open(crm_input *in, const crm_table_config *cfg,
			  crm_error *err);

size_t crm_table_ncols(const crm_table *t);
const crm_table_column *crm_table_col(const crm_table *t, size_t i);
/* The input had no header line (-H): headers are column numbers. */
bool crm_table_synthetic(const crm_table *t);

/* The sample rows (at most head of them): row i's cells, one per
 * column of the table. */
size_t crm_table_nsample(const crm_table *t);
const crm_table_cell *crm_table_sample(const crm_table *t, size_t i);

/* Whether the sample holds every row the table shows (the input ended
 * within it, or --head did). */
bool crm_table_complete(const crm_table *t);

/*
 * The next row to show: first the sample, then the rows read after it,
 * until head rows were shown; then the rest of the input is read and
 * counted.  Returns 1 with *cells (valid until the next call), 0 at the
 * end, -1 with err filled (errors of crm_input_read).
 */
int crm_table_next(crm_table *t, const crm_table_cell **cells,
		   crm_error *err);

/* After crm_table_next returned 0: rows shown, and rows left out by
 * head. */
unsigned long crm_table_shown(const crm_table *t);
unsigned long crm_table_left_out(const crm_table *t);

/* Close the input, free everything. */
void crm_table_close(crm_table *t);

/* Whether s[0..len) is a valid date YYYY-MM-DD (proleptic Gregorian);
 * if so and days is not NULL, *days is days since 1970-01-01. */
bool crm_table_date(const char *s, size_t len, long *days);

#endif
