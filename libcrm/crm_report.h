/*
 * crm_report: crm_tables written for people as aligned text, GitHub
 * Markdown or one self-contained HTML page (report(1); the xlsx format
 * is crm_xlsx, which links libxlsxwriter).
 *
 * Numbers are formatted by crm_human in the report's language, with the
 * decimals crm_table chose per column; text is measured by display
 * width.  Output goes through a crm_writer, so -o FILE is atomic.
 */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_writer.h"
#include "crm_diag.h"
#include "crm_human.h"
#include "crm_table.h"

typedef enum crm_report_format {
	CRM_REPORT_TEXT = 0,
	CRM_REPORT_MD,
	CRM_REPORT_HTML,
	CRM_REPORT_XLSX
} crm_report_format;

typedef struct crm_report_config {
	crm_report_format format;
	bool german;		/* --lang de: headers, numbers, notes */
	const char *title;	/* --title, or NULL */
	const char *as_of;	/* YYYY-MM-DD */
	size_t max_width;	/* text and md: text cells cut at this many
				 * columns with an ellipsis (0: never) */
	const char *head_option;	/* "--head 10", named in the note on
				 * rows left out */
} crm_report_config;

typedef struct crm_report crm_report;

/* Parse a format name ("text", "md" or "markdown", "html", "xlsx").
 * Returns 0, or -1 with err filled (status 2). */
int crm_report_format_parse(const char *name, crm_report_format *f,
			    crm_error *err);

/* The format a file name's extension implies (.txt .md .html .htm
 * .xlsx), or -1. */
int crm_report_format_of_path(const char *path);

/* Start a report on w (not owned) in text, md or html: the HTML page's
 * head and title, the title line of text and md. */
crm_report *crm_report_begin(crm_writer *w, const crm_report_config *cfg);

/*
 * Add the SVG chart in file path.  html: embedded inline, without any
 * XML prolog or doctype before its <svg> element; a file that holds no
 * <svg> element, a script, an event handler attribute or a reference
 * to another file or site is refused (status 1), so the page stays
 * self-contained and free of scripts.  md: an image link to path.
 * text: nothing (returns 0).  Read errors have status 3.
 */
int crm_report_chart(crm_report *r, const char *path, crm_error *err);

/*
 * Write table t under heading (NULL: none), reading it to its end.
 * Returns 0, or -1 with err filled (errors of crm_table_next; a write
 * error has status 3 and leaves the writer's own error for
 * crm_writer_close).
 */
int crm_report_table(crm_report *r, crm_table *t, const char *heading,
		     crm_error *err);

/* Finish the document (closing HTML) and free r.  Returns 0 or -1 on a
 * write error. */
int crm_report_end(crm_report *r);

/*
 * What the text and md renderers and crm_xlsx share.
 */

/* The number format of the report's language for column col (its
 * decimals; no grouping for a plain column). */
void crm_report_numfmt(crm_human_fmt *f, bool german,
		       const crm_table_column *col);

/* The header of col for html and xlsx: the German one with german,
 * else the name with '_' as spaces (cost per customer), into buf. */
const char *crm_report_header(const crm_table_column *col, bool german,
			      char *buf, size_t size);

/* The cell as shown: a number of a number column formatted (percent for
 * a percent column) into buf (CRM_HUMAN_BUFSZ), "(all)" of kpi --total
 * in the language, anything else as written.  Sets *len. */
const char *crm_report_cell(const crm_table_column *col,
			    const crm_table_cell *c, bool german, char *buf,
			    size_t *len);

/* Whether a row is the total row of kpi --total: a cell reads "(all)". */
bool crm_report_total_row(const crm_table *t, const crm_table_cell *cells);

/* The note under a table that left rows out:
 * "… and 12,345 more rows (--head 10)" / "… und 12.345 weitere Zeilen
 * (--head 10)", into buf (256 bytes). */
const char *crm_report_left_out(char *buf, unsigned long n, bool german,
				const char *head_option);

/* "As of 4 December 2026" / "Stand: 4. Dezember 2026" for YYYY-MM-DD
 * as_of, into buf (64 bytes); as_of itself if it is no date. */
const char *crm_report_as_of(char *buf, const char *as_of, bool german);

#endif
