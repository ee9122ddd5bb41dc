/*
 * crm_thresholds: the thresholds a run used, saved to a file and read
 * back (SPEC 2, "Splits": --save-thresholds FILE, --thresholds FILE), so
 * that a what-if run keeps a baseline's thresholds while it changes a
 * measure, and partitions of one input split alike.
 *
 * The file is CSV with a header: tool, measure (the option whose split
 * it is: --x-split, --value-split, --bins), expression (the measure as
 * given; informational only), split (median, p90, 0.5, ...; cut1 ..
 * cutN-1 for the cut points of segment --bins) and threshold (17
 * significant digits, so that it reads back as the same double; empty
 * when the run had no valid row).  It is always ',' separated with '.'
 * decimals, whatever the data's convention: it is the tools' own file.
 *
 * Engine: returns errors (crm_error), never ends the process.
 */
#ifndef CRM_THRESHOLDS_H
#define CRM_THRESHOLDS_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

/* One row of the file. */
typedef struct crm_threshold {
	char *tool, *measure, *expression, *split;
	double threshold;	/* NAN: none (no valid row) */
	unsigned long line;	/* where it was read; 0 when made */
} crm_threshold;

typedef struct crm_thresholds {
	crm_threshold *row;
	size_t n;
	char *path;		/* for messages */
} crm_thresholds;

/* Start an empty set that names path in messages (copied). */
void crm_thresholds_init(crm_thresholds *t, const char *path);

/* Append a row (the strings copied). */
void crm_thresholds_add(crm_thresholds *t, const char *tool,
			const char *measure, const char *expression,
			const char *split, double threshold);

/*
 * Read the file t->path into t (empty, from crm_thresholds_init).
 * Returns 0, or -1 with err filled: status 3 when it cannot be read,
 * else status 1 naming FILE:LINE: a header that is not tool, measure,
 * expression, split, threshold; a threshold that is not a number.
 */
int crm_thresholds_read(crm_thresholds *t, crm_error *err);

/*
 * The row of tool and measure (and split, unless NULL).  Returns it, or
 * NULL with a data error in err: "FILE: no threshold for --y-split of
 * quadrant", or, when no row is tool's at all, "FILE: thresholds of
 * segment, not of quadrant".
 */
const crm_threshold *crm_thresholds_find(const crm_thresholds *t,
					 const char *tool,
					 const char *measure,
					 const char *split, crm_error *err);

/* Write t atomically to t->path (crm_writer).  Returns 0, or -1 with
 * err filled (status 3). */
int crm_thresholds_write(const crm_thresholds *t, crm_error *err);

void crm_thresholds_free(crm_thresholds *t);

#endif
