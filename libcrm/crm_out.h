/*
 * crm_out: a tool's outputs (SPEC 2): standard output or -o FILE, the
 * --rejects file, and what --invalid does with a row the tool cannot use.
 * Tool layer, like crm_rows: failures END THE PROCESS (a write error
 * with status 3, quietly with 0 on a closed pipe such as | head; a data
 * error with 1), discarding every output so that no -o FILE or
 * --rejects FILE is left half written.
 */
#ifndef CRM_OUT_H
#define CRM_OUT_H

#include <stdbool.h>

#include "crm_csv.h"
#include "crm_writer.h"
#include "crm_opts.h"

typedef struct crm_out {
	crm_writer *w;		/* standard output or -o FILE */
	crm_writer *rejects;	/* --rejects FILE, or NULL */
	const crm_common *c;
	int in_delim;		/* of the input, for records passed on */
	unsigned long kept, skipped;	/* rows under --invalid */
} crm_out;

/* Open the output and --rejects that c names, for input delimited by
 * in_delim. */
void crm_out_open(crm_out *o, const crm_common *c, int in_delim);

/* The first row of --rejects: the input header (its record) with a
 * column "error".  Nothing without --rejects. */
void crm_out_rejects_header(crm_out *o, const crm_record *header);

/*
 * Apply --invalid to a row the tool cannot use, because of why ("column
 * 'cost' is empty").  fail ends the tool with the data error
 * "FILE:LINE: why"; keep counts the row and returns true (the tool
 * writes it with empty results); skip counts it, writes it with why to
 * --rejects and returns false.
 */
bool crm_out_invalid(crm_out *o, const char *file, const crm_record *rec,
		     const char *why);

/* End the tool with the data error "FILE:LINE: why". */
_Noreturn void crm_out_fail(crm_out *o, const char *file, unsigned long line,
			    const char *why);

/* Discard every output (before ending the tool with some other error). */
void crm_out_abort(crm_out *o);

/* rc < 0 from a write to o->w: end the tool. */
void crm_out_check(crm_out *o, int rc);

/* "N rows with invalid values skipped[, written to FILE]" or "... kept
 * with empty results" on standard error, for counts that are not 0. */
void crm_out_report(const crm_out *o);

/* Close --rejects, then the output (renaming -o FILE into place); ends
 * the tool on a failed write. */
void crm_out_close(crm_out *o);

/*
 * The same for single writers: close w, ending the tool if that or an
 * earlier write failed (discarding other, which may be NULL); or, after
 * a failed write, just end the tool.
 */
void crm_out_close_writer(crm_writer *w, crm_writer *other);
_Noreturn void crm_out_failed(crm_writer *w, crm_writer *other);

#endif
