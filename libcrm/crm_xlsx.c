/*
 * crm_xlsx: crm_tables as an Excel workbook.
 */
#include "crm_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "crm_human.h"
#include "crm_label.h"

#define SHEET_NAME_MAX 31	/* characters Excel takes */
/* A sheet name's bytes: up to 4 a character, an ellipsis, a NUL. */
#define SHEET_BASE_SIZE (4 * SHEET_NAME_MAX + 8)
#define SHEET_SUFFIX_SIZE 16	/* " (N)" */
/* sheet_name's buffer: a base and a suffix, so that snprintf can be
 * seen (by gcc's -Wformat-truncation too) never to cut the name. */
#define SHEET_NAME_SIZE (SHEET_BASE_SIZE + SHEET_SUFFIX_SIZE)
#define WIDTH_MAX 60		/* widest column, in characters */

struct crm_xlsx {
	lxw_workbook *wb;
	crm_report_config cfg;
	lxw_doc_properties props;
	lxw_format *header, *note, *text, *text_total;
	unsigned sheets;
};

crm_xlsx *
crm_xlsx_begin(const char *path, const crm_report_config *cfg,
	       crm_error *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	crm_xlsx *x = crm_xcalloc(1, sizeof *x);
	long days;

	x->cfg = *cfg;
	x->wb = workbook_new_opt(path, &opt);
	if (x->wb == NULL) {
		free(x);
		crm_error_set(err, CRM_EXIT_IO, "%s: cannot create workbook",
		    path);
		return NULL;
	}
	x->props.title = (char *)(cfg->title != NULL ? cfg->title : "");
	x->props.comments = (char *)cfg->as_of;
	if (cfg->as_of != NULL && crm_table_date(cfg->as_of,
	    strlen(cfg->as_of), &days))
		x->props.created = (time_t)days * 86400;
	workbook_set_properties(x->wb, &x->props);
	x->header = workbook_add_format(x->wb);
	format_set_bold(x->header);
	format_set_bottom(x->header, LXW_BORDER_THIN);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_BOTTOM);
	x->note = workbook_add_format(x->wb);
	format_set_italic(x->note);
	x->text = workbook_add_format(x->wb);
	format_set_num_format(x->text, "@");
	x->text_total = workbook_add_format(x->wb);
	format_set_num_format(x->text_total, "@");
	format_set_bold(x->text_total);
	format_set_top(x->text_total, LXW_BORDER_THIN);
	return x;
}

/* want as a sheet name of at most max characters into buf: the
 * characters Excel refuses as '_', a name cut short ending in an
 * ellipsis, no quote at either end. */
static void
sheet_base(const char *want, size_t max, char *buf, size_t size)
{
	size_t n = 0, chars = 0, len;

	while (*want == '\'')
		want++;
	len = strlen(want);
	for (size_t i = 0; i < len && n + 8 < size; i++) {
		unsigned char c = (unsigned char)want[i];

		if ((c & 0xc0) != 0x80 && ++chars == max && i + 1 < len &&
		    crm_human_width(want + i, len - i) > 1) {
			memcpy(buf + n, CRM_HUMAN_ELLIPSIS, 3);
			n += 3;
			break;
		}
		buf[n++] = strchr("[]:*?/\\", c) != NULL || c < 0x20 ?
		    '_' : (char)c;
	}
	while (n > 0 && (buf[n - 1] == '\'' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, size, "%s", "Sheet");
}

/* A sheet name Excel takes, unique in the workbook, into buf. */
static void
sheet_name(crm_xlsx *x, const char *want, char *buf, size_t size)
{
	char base[SHEET_BASE_SIZE];

	sheet_base(want, SHEET_NAME_MAX, buf, size);
	for (int k = 2; workbook_get_worksheet_by_name(x->wb, buf) != NULL;
	    k++) {
		char suffix[SHEET_SUFFIX_SIZE];

		snprintf(suffix, sizeof suffix, " (%d)", k);
		sheet_base(want, SHEET_NAME_MAX - strlen(suffix), base,
		    sizeof base);
		snprintf(buf, size, "%s%s", base, suffix);
	}
}

/* The number format of column col; for the total row (total) bold with
 * a rule above. */
static lxw_format *
column_format(crm_xlsx *x, const crm_table_column *col, bool total)
{
	char code[64];
	int d = col->decimals;
	lxw_format *f;

	if (col->type == CRM_TABLE_TEXT)
		return total ? x->text_total : x->text;
	f = workbook_add_format(x->wb);
	if (col->type == CRM_TABLE_DATE) {
		format_set_num_format(f, x->cfg.german ? "dd.mm.yyyy" :
		    "yyyy-mm-dd");
	} else {
		snprintf(code, sizeof code, "%s%s%.*s%s", col->plain ? "0" :
		    "#,##0", d > 0 ? "." : "", d, "000000000000000",
		    col->percent ? "%" : "");
		format_set_num_format(f, code);
	}
	if (total) {
		format_set_bold(f);
		format_set_top(f, LXW_BORDER_THIN);
	}
	return f;
}

/* Widths (in characters) fitting header and sample as report shows
 * them, with room for the autofilter button. */
static void
fit_widths(crm_xlsx *x, lxw_worksheet *ws, const crm_table *t,
	   lxw_format **fmt)
{
	char hb[256], buf[CRM_HUMAN_BUFSZ];

	for (size_t i = 0; i < crm_table_ncols(t); i++) {
		const crm_table_column *col = crm_table_col(t, i);
		const char *h = crm_report_header(col, x->cfg.german, hb,
		    sizeof hb);
		size_t w = crm_human_width(h, strlen(h)) + 3;

		for (size_t k = 0; k < crm_table_nsample(t); k++) {
			size_t len, cw;
			const char *s = crm_report_cell(col,
			    crm_table_sample(t, k) + i, x->cfg.german, buf,
			    &len);

			cw = crm_human_width(s, len) + 1;
			if (cw > w)
				w = cw;
		}
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)w * 1.1, fmt[i] == x->text ? NULL : fmt[i]);
	}
}

static lxw_error
write_cell(crm_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c,
	   const crm_table_column *col, const crm_table_cell *cell,
	   lxw_format *fmt, bool total)
{
	lxw_format *text = total ? x->text_total : x->text;
	char buf[CRM_HUMAN_BUFSZ];
	const char *s;
	size_t len;
	long days;

	if (cell->len == 0)
		return LXW_NO_ERROR;
	if (cell->is_num)
		return worksheet_write_number(ws, row, c, cell->num, fmt);
	if (col->type == CRM_TABLE_DATE && crm_table_date(cell->s,
	    cell->len, &days))
		return worksheet_write_number(ws, row, c,
		    (double)days + 25569, fmt);	/* 1970-01-01 is 25569 */
	/* Everything else is a string cell: never a formula. */
	s = crm_report_cell(col, cell, x->cfg.german, buf, &len);
	if (s != buf) {
		char *z = crm_xmemdup(s, len);
		lxw_error e = worksheet_write_string(ws, row, c, z, text);

		free(z);
		return e;
	}
	return worksheet_write_string(ws, row, c, buf, text);
}

/* Header and rows; *total tells whether the last row was a total. */
static lxw_error
write_rows(crm_xlsx *x, lxw_worksheet *ws, crm_table *t, lxw_format **fmt,
	   lxw_row_t *row, bool *total, crm_error *err, int *rc)
{
	size_t nc = crm_table_ncols(t);
	const crm_table_cell *cells;
	char hb[256];
	lxw_error e = LXW_NO_ERROR;

	for (size_t i = 0; i < nc && e == LXW_NO_ERROR; i++) {
		const crm_table_column *col = crm_table_col(t, i);

		e = worksheet_write_string(ws, 0, (lxw_col_t)i,
		    crm_report_header(col, x->cfg.german, hb, sizeof hb),
		    x->header);
	}
	*row = 1;
	while (e == LXW_NO_ERROR && (*rc = crm_table_next(t, &cells, err)) ==
	    1) {
		*total = crm_report_total_row(t, cells);
		for (size_t i = 0; i < nc && e == LXW_NO_ERROR; i++)
			e = write_cell(x, ws, *row, (lxw_col_t)i,
			    crm_table_col(t, i), &cells[i],
			    fmt[i + (*total ? nc : 0)], *total);
		(*row)++;
	}
	return e;
}

int
crm_xlsx_table(crm_xlsx *x, crm_table *t, const char *heading,
	       crm_error *err)
{
	size_t nc = crm_table_ncols(t);
	/* fmt[i] for rows, fmt[nc + i] for the total row */
	lxw_format **fmt = crm_xcalloc(2 * nc + 1, sizeof(lxw_format *));
	char name[SHEET_NAME_SIZE], note[256];
	lxw_worksheet *ws;
	lxw_row_t row = 0;
	lxw_error e;
	bool total = false;
	int rc = 0;

	sheet_name(x, heading != NULL ? heading : x->cfg.title != NULL ?
	    x->cfg.title : x->cfg.german ? "Bericht" : "Report", name,
	    sizeof name);
	ws = workbook_add_worksheet(x->wb, name);
	for (size_t i = 0; i < nc; i++) {
		fmt[i] = column_format(x, crm_table_col(t, i), false);
		fmt[nc + i] = column_format(x, crm_table_col(t, i), true);
	}
	fit_widths(x, ws, t, fmt);
	worksheet_freeze_panes(ws, 1, 0);
	/* A total row at the end of a table the sample holds stays out of
	 * the filter, so that sorting the table leaves it below.  (In
	 * constant-memory mode a range must be set before the rows it
	 * ends above are written.) */
	if (nc > 0 && crm_table_complete(t)) {
		size_t n = crm_table_nsample(t);

		total = n > 0 && crm_report_total_row(t,
		    crm_table_sample(t, n - 1));
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)(n - (total && n > 0)),
		    (lxw_col_t)(nc - 1));
	}
	e = write_rows(x, ws, t, fmt, &row, &total, err, &rc);
	free(fmt);
	if (rc < 0)
		return -1;
	if (e == LXW_NO_ERROR && nc > 0 && !crm_table_complete(t))
		e = worksheet_autofilter(ws, 0, 0, row - 1,
		    (lxw_col_t)(nc - 1));
	if (e == LXW_NO_ERROR && crm_table_left_out(t) > 0)
		e = worksheet_write_string(ws, row + 1, 0,
		    crm_report_left_out(note, crm_table_left_out(t),
		    x->cfg.german, x->cfg.head_option), x->note);
	if (e != LXW_NO_ERROR)
		return crm_error_set(err, CRM_EXIT_IO, "xlsx: %s",
		    lxw_strerror(e));
	x->sheets++;
	return 0;
}

int
crm_xlsx_end(crm_xlsx *x, crm_error *err)
{
	lxw_error e;

	/* A workbook needs a sheet: an empty report gets an empty one. */
	if (x->sheets == 0)
		workbook_add_worksheet(x->wb, x->cfg.german ? "Bericht" :
		    "Report");
	e = workbook_close(x->wb);
	free(x);
	if (e != LXW_NO_ERROR)
		return crm_error_set(err, CRM_EXIT_IO, "xlsx: %s",
		    lxw_strerror(e));
	return 0;
}
