/*
 * crm_xlsx: crm_tables as an Excel workbook (report --format xlsx), with
 * libxlsxwriter.  Links -lxlsxwriter: only report and its tests use it.
 *
 * One worksheet per table, named after its heading.  Row 1 holds the
 * headers, bold and frozen, with an autofilter over the table; numbers
 * are numeric cells with a number format of the column's decimals
 * (percent columns a percent format), dates are Excel dates, text is
 * always a string cell, so a customer named "=HYPERLINK(...)" or "@x"
 * stays text.  Column widths fit the header and the sample.  Rows
 * stream through libxlsxwriter's constant-memory mode.
 */
#ifndef CRM_XLSX_H
#define CRM_XLSX_H

#include "crm_diag.h"
#include "crm_report.h"
#include "crm_table.h"

/* Excel's rows, the header included. */
#define CRM_XLSX_MAX_ROWS 1048576UL

typedef struct crm_xlsx crm_xlsx;

/* Start a workbook written to path (the temporary file of an atomic
 * crm_writer).  The document's title and comments hold cfg's title and
 * as-of date; its creation time is the as-of date, so that equal input
 * gives an equal file.  Returns NULL with err filled (status 3). */
crm_xlsx *crm_xlsx_begin(const char *path, const crm_report_config *cfg,
			 crm_error *err);

/* Write table t as the next worksheet, named after heading (NULL: the
 * report's title, else "Report"/"Bericht"); a name Excel does not take
 * is mended (at most 31 characters, none of []:*?/\, unique).  A note
 * two rows below the table says how many rows --head left out.
 * Returns 0 or -1 with err filled. */
int crm_xlsx_table(crm_xlsx *x, crm_table *t, const char *heading,
		   crm_error *err);

/* Write the file and free x.  Returns 0 or -1 with err (status 3). */
int crm_xlsx_end(crm_xlsx *x, crm_error *err);

#endif
