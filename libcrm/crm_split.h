/*
 * crm_split: thresholds of the 2x2 tools (SPEC 2, "Splits"), parsed from
 * the options and resolved over the data with crm_stats' quantiles.  A
 * value >= the threshold is "high".
 */
#ifndef CRM_SPLIT_H
#define CRM_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

typedef enum crm_split_kind {
	CRM_SPLIT_ABSOLUTE,	/* a number */
	CRM_SPLIT_MEDIAN,
	CRM_SPLIT_MEAN,
	CRM_SPLIT_PERCENTILE	/* pNN: type-7 quantile at NN/100 */
} crm_split_kind;

typedef struct crm_split {
	crm_split_kind kind;
	double value;		/* the number, or the quantile p in [0,1] */
} crm_split;

/*
 * Parse "median", "mean", "pNN" (0 <= NN <= 100, decimals allowed) or a
 * number (read with decimal_comma as crm_num_parse does).  Returns 0, or
 * -1 with a usage error in err naming the option.
 */
int crm_split_parse(const char *arg, const char *option, bool decimal_comma,
		    crm_split *out, crm_error *err);

/* Whether the split needs the data (every kind but ABSOLUTE). */
bool crm_split_needs_data(const crm_split *s);
/* Whether it needs the values themselves (median, percentile), not just
 * their sum (mean). */
bool crm_split_needs_values(const crm_split *s);

/*
 * Resolve a split to its threshold.  For ABSOLUTE, the value; for MEAN,
 * sum/n; for MEDIAN and PERCENTILE, crm_stats_quantile7_keep over vals (left
 * in their order, so that a second pass can use them row by row).
 * Returns 0, or -1 when the data has no valid value (n == 0).
 */
int crm_split_resolve(const crm_split *s, const double *vals, size_t n,
		      double sum, double *threshold);

/* "median", "mean", "p90", or the number, for --verbose and summaries. */
const char *crm_split_name(const crm_split *s, char *buf, size_t cap);

#endif
