/*
 * crm_rows: the loop every row tool shares (prioritize, quadrant,
 * segment): open the operands, evaluate the measures of each record,
 * apply --invalid (fail, keep, skip with --rejects), collect the values a
 * data-derived split needs in a first pass, and hand each record of the
 * second pass to the tool, which appends its columns.
 *
 * Memory: with no measure collecting, constant; otherwise 8 bytes per
 * valid row per collecting measure.
 *
 * Tool layer: every crm_rows_* function ENDS THE PROCESS on failure
 * (usage 2, data 1, I/O 3), discarding the outputs.
 */
#ifndef CRM_ROWS_H
#define CRM_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_writer.h"
#include "crm_diag.h"
#include "crm_expr.h"
#include "crm_opts.h"
#include "crm_sort.h"
#include "crm_split.h"
#include "crm_stats.h"
#include "crm_thresholds.h"

/* One measure of a row tool. */
typedef struct crm_measure {
	const char *option;	/* "--value", for --verbose */
	const char *source;	/* expression text */
	crm_expr *expr;		/* compiled by crm_rows_open */
	/* Values outside [min, max] are invalid, with this text: */
	bool bounded;
	double min, max;
	const char *bound_text;	/* e.g. "is not a probability in [0,1]" */
	/* Pass 1 adds up every valid value (mean, ABC) into sum; with
	 * collect it also keeps them (median, percentiles, ranks: 8 bytes
	 * a row).  Set by the tool, or by crm_rows_open for a median or
	 * percentile split. */
	bool collect;
	crm_stats_vec values;	/* filled by crm_rows_collect */
	double sum;
	/* The threshold of a 2x2 tool (split_option NULL: none).  The tool
	 * sets the default split and, from its option, split_arg;
	 * crm_rows_open parses split_arg, crm_rows_thresholds resolves. */
	const char *split_option;	/* "--value-split", for messages */
	const char *split_arg;		/* as given, or NULL */
	const char *split_label;	/* "value", for --verbose */
	crm_split split;
	bool has_threshold;	/* false: data-derived, but no valid row */
	double threshold;
	/* A missing value (an empty field, or missing arithmetic) makes the
	 * row invalid, unless missing_ok: then the measure is if_missing
	 * (allocate: a missing --max is no cap).  Text is invalid still. */
	bool missing_ok;
	double if_missing;
} crm_measure;

typedef struct crm_rows crm_rows;

/*
 * With --thresholds FILE (tools with CRM_TOOL_THRESHOLDS), each measure
 * that has a split_option takes its threshold from the row of FILE for
 * the tool and that option instead (an absolute split: one pass); a
 * split option given too is a usage error, a missing row, a file of
 * another tool or a malformed one a data error.  With --save-thresholds
 * FILE, crm_rows_thresholds records each threshold it resolves, and
 * crm_rows_close writes FILE (atomically) before the output.
 *
 * Parse each measure's split_arg, open the operands in c (for two passes
 * if some measure collects or has a data-derived split), compile each measure's source against the
 * header, open the output (and --rejects).  Exits on failure (these are
 * tool-level errors: usage 2, I/O 3), like every crm_rows_* function
 * below: the loop is the tool.
 */
crm_rows *crm_rows_open(crm_common *c, crm_measure *m, size_t nm);

/*
 * The same, always for two passes: the tool reads pass 1 itself with
 * crm_rows_visit instead of crm_rows_thresholds.
 */
crm_rows *crm_rows_open_visit(crm_common *c, crm_measure *m, size_t nm);

/*
 * Pass 1 of a tool that keeps its own state per row (allocate keeps
 * what its solver needs, per group): read every record, evaluate the
 * measures, call visit(ctx, r, rec, vals) for each valid row; invalid
 * rows under --invalid fail end the tool with the data error, others
 * are passed over (pass 2 applies --invalid to them).  visit may call
 * crm_rows_fail for the current record.  Then rewind.  Returns the
 * number of valid rows.  One thread: the rows come in input order.
 */
typedef void crm_rows_visitor(void *ctx, crm_rows *r, const crm_record *rec,
			      const double *vals);
size_t crm_rows_visit(crm_rows *r, crm_rows_visitor *visit, void *ctx);

/*
 * A rule of the tool's own over the values of a row whose measures are
 * all valid (clv: recency <= age): returns 0, or -1 and, when why is
 * not NULL, says in why[0..cap) what is wrong; the row is then invalid
 * as if a measure were.  It must only read vals and ctx: the thread
 * reading the second half of a split input calls it too.  Set it before
 * the first pass.
 */
typedef int crm_rows_check_fn(const double *vals, void *ctx, char *why,
			      size_t cap);
void crm_rows_check(crm_rows *r, crm_rows_check_fn *check, void *ctx);

/* The input header. */
const crm_header *crm_rows_header(const crm_rows *r);

/*
 * Pass 1: read every record, evaluate the measures; for rows where all
 * are valid push values/add sums of collecting measures, count the row.
 * Invalid rows under --invalid fail end the tool with the data error.
 * Then rewind.  Returns the number of valid rows.  A large regular file
 * is read in two halves by two threads (crm_input_split), with the same
 * values in the same order and the same error, if any, as one pass.
 */
size_t crm_rows_collect(crm_rows *r);

/* The tool reads fields of the records of the last pass (a label
 * column), not only crm_rows_pass: that pass then splits every record
 * again rather than taking the first pass's values.  Call before
 * crm_rows_thresholds. */
void crm_rows_want_fields(crm_rows *r);

/*
 * Resolve the split of every measure that has one into threshold (a
 * first pass with crm_rows_collect if any split is data-derived; the
 * collected values are freed).  With --verbose, report each threshold.
 */
void crm_rows_thresholds(crm_rows *r);

/*
 * Thresholds of the tool's own (segment --bins' cut points): the one of
 * measure and split from --thresholds FILE (ends the tool with the data
 * error when FILE has none; only with --thresholds), and recording one
 * for --save-thresholds (nothing without it).  Whether FILE has a row
 * for measure and split at all: crm_rows_has_loaded.
 */
double crm_rows_loaded_threshold(crm_rows *r, const char *measure,
				 const char *split);
bool crm_rows_has_loaded(const crm_rows *r, const char *measure,
			 const char *split);
void crm_rows_save_threshold(crm_rows *r, const char *measure,
			     const char *expression, const char *split,
			     double threshold);

/*
 * Write the input header followed by the given new column names (nothing
 * with -H).  A new name that the input header holds already, or that
 * comes twice among names, is a usage error (SPEC 2: chained runs never
 * make two columns of one name) naming the column and renames[i], the
 * option that renames it ("-c NAME"); renames, or renames[i], NULL: no
 * option does, the message says to rename the input's column.
 */
void crm_rows_write_header(crm_rows *r, const char *const *names,
			   const char *const *renames, size_t n);

/* Only the first row of --rejects (the input header and "error"), for a
 * tool that writes a summary instead of the rows (nothing with -H). */
void crm_rows_rejects_header(crm_rows *r);

typedef enum crm_row_status {
	CRM_ROW_END = 0,	/* no more records */
	CRM_ROW_VALID,		/* vals[0..nm) hold every measure */
	CRM_ROW_INVALID		/* --invalid keep: write empty results */
} crm_row_status;

/*
 * Next record of the (last) pass.  Invalid rows are handled by policy:
 * fail ends the tool, skip writes the row to --rejects and goes on.  The
 * record stays valid until the next call.
 */
crm_row_status crm_rows_next(crm_rows *r, const crm_record **rec,
			     double *vals);

/*
 * The tool found the current record (the last one crm_rows_next
 * returned) invalid for a reason of its own, e.g. "no rule matches":
 * apply --invalid to it as crm_rows_next does to invalid measures.  fail
 * ends the tool with the data error "FILE:LINE: why"; keep counts it and
 * returns true (the tool writes it with empty results); skip counts it,
 * writes it to --rejects with why, and returns false (the tool writes
 * nothing).
 */
bool crm_rows_invalid(crm_rows *r, const char *why);

/* Write rec as it was (pass-through), without ending the output record. */
void crm_rows_pass(crm_rows *r, const crm_record *rec);
/* Append fields to the current output record. */
void crm_rows_num(crm_rows *r, double v);	/* a measure: --precision */
void crm_rows_int(crm_rows *r, double v);	/* a count, priority: never */
void crm_rows_text(crm_rows *r, const char *s);
void crm_rows_empty(crm_rows *r);
/* Bytes as they are, outside any record: a document a tool makes of
 * the rows (plot's SVG or PNG) instead of CSV. */
void crm_rows_bytes(crm_rows *r, const void *data, size_t n);
/* A whole record of text fields (a summary's header), ended. */
void crm_rows_texts(crm_rows *r, const char *const *s, size_t n);
/* Two summary cells: a count and its share of total (a fraction;
 * empty when total is 0). */
void crm_rows_count_share(crm_rows *r, unsigned long count,
			  unsigned long total);
/* A threshold cell: m's threshold, empty when its data-derived split
 * had no valid row. */
void crm_rows_threshold(crm_rows *r, const crm_measure *m);
void crm_rows_end(crm_rows *r);

/*
 * Sorted output: from now on the records written go to a spool file in
 * $TMPDIR (crm_sort: 24 bytes of memory per record for an (int, number)
 * key, 48 while the index grows); crm_rows_close writes them ordered by
 * key[0..nparts), then input order.  Call crm_rows_key with the key's
 * values before writing each record.  The header is written before,
 * directly.
 */
void crm_rows_sort(crm_rows *r, const crm_sort_part *key, size_t nparts);
void crm_rows_key(crm_rows *r, const crm_sort_value *v);

/*
 * Finish: report skipped/kept counts on stderr, close rejects and
 * output (rename -o FILE), free everything.  Exits 3 on a write error,
 * quietly on a closed pipe.  Returns 0 (exit status for main).
 */
int crm_rows_close(crm_rows *r);

/* Ends the tool with a data error at the current record. */
_Noreturn void crm_rows_fail(crm_rows *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
