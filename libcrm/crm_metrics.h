/*
 * crm_metrics: named aggregate expressions, "metrics" (kpi; later the
 * figures of rfm), ready for crm_group.
 *
 * Metrics are NAME = EXPRESSION definitions, NAME a bare name of the
 * expression language: read from a definitions file or a shipped preset
 * (crm_deffile), or given as operands.  NAME=COLUMN renames (--map) point
 * column references at other columns, so that a preset written for
 * conventional columns (revenue, cost, ...) serves any export; then the
 * metrics are compiled with CRM_EXPR_AGGREGATES.
 *
 * Tool layer, like crm_rows: errors END THE PROCESS with status 2 (3
 * for an unreadable file), saying where the metric came from
 * ("FILE:LINE: metric 'b': unknown column ...", "preset steering,
 * metric 'b': ...", "metric 'b': ...").
 */
#ifndef CRM_METRICS_H
#define CRM_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_diag.h"
#include "crm_expr.h"
#include "crm_opts.h"

typedef struct crm_metric {
	char *name;
	char *src;		/* as written */
	char *compiled;		/* after the renames */
	const char *file;	/* where it was defined; NULL: an operand */
	unsigned long line;
	bool lower;		/* lower is better (a file's `lower NAME = ...`) */
	crm_expr *expr;		/* set by crm_metrics_compile */
} crm_metric;

typedef struct crm_rename {
	char *name, *column;
	bool used;
} crm_rename;

typedef struct crm_metrics {
	crm_metric *m;
	size_t n;
	const char *preset;	/* the preset read, for messages, or NULL */
	crm_rename *map;
	size_t nmap;
} crm_metrics;

/*
 * Add the metrics of the definitions file path, one NAME = EXPRESSION a
 * line, or `lower NAME = EXPRESSION` for a metric where lower is better
 * (a cost: kpi's attainment is then target / actual); a metric may still
 * be named lower (`lower = ...`).  preset (or NULL) is the name of the
 * preset that path is.  A line
 * of another form, or a name defined twice, ends the tool naming
 * FILE:LINE.  path must outlive ms.
 */
void crm_metrics_read(crm_metrics *ms, const char *path, const char *preset);

/* If arg is NAME=EXPRESSION, NAME any text without '=' and '/' (blanks
 * around it dropped; not the left side of <=, >=, !=), add it as a
 * metric and return true; else (a file name, say) return false.  A name
 * defined twice is a usage error. */
bool crm_metrics_operand(crm_metrics *ms, const crm_tool *tool,
			 const char *arg);

/* Add the renames of an option argument NAME=COLUMN[,NAME=COLUMN...]
 * (--map).  Returns 0, or -1 with err filled (usage error). */
int crm_metrics_map(crm_metrics *ms, const char *arg, crm_error *err);

/*
 * Rename the metrics' column references and compile them against h.
 * First a preset's references to columns that h lacks and no rename
 * covers are named all at once, with the --map that would fix them; a
 * rename no metric uses is a usage error.  check_text: a column that a
 * metric compares as text must be UTF-8 (CRM_EXPR_CHECK_TEXT).
 */
void crm_metrics_compile(crm_metrics *ms, const crm_tool *tool,
			 const crm_header *h, bool decimal_comma,
			 bool check_text);

/*
 * A header for compiling the metrics without an input (kpi --merge,
 * whose input is partials): the columns of the comma-separated list by
 * (or NULL), then every column the metrics refer to after the --map
 * renames, each once; with numbered (-H), the columns 1 to the largest
 * number named (crm_fold_header_new).  Free it with
 * crm_fold_header_free.
 */
crm_header *crm_metrics_header(crm_metrics *ms, const char *by,
			       bool numbered);

void crm_metrics_free(crm_metrics *ms);

#endif
