/*
 * crm_split: thresholds of the 2x2 tools and the quantiles behind them
 * (SPEC 2, "Splits").  A value >= the threshold is "high".
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

/* A growable array of doubles: 8 bytes per element. */
typedef struct crm_dvec {
	double *v;
	size_t n, cap;
} crm_dvec;

void crm_dvec_push(crm_dvec *d, double x);	/* exits 3 on exhaustion */
void crm_dvec_free(crm_dvec *d);
/* Move src's values to the end of d and free src; memory holds each
 * value once meanwhile (src's pages are released as they are copied),
 * so that 8 bytes a value is the peak. */
void crm_dvec_move_append(crm_dvec *d, crm_dvec *src);

/*
 * Sort v[0..n) ascending, in place, without allocating (introsort:
 * quicksort, insertion sort for short ranges, heapsort when the
 * recursion gets too deep; glibc's qsort may allocate n copies).  The
 * values must not be NaN.
 */
void crm_dsort(double *v, size_t n);

/*
 * Type-7 quantile (R default, Excel PERCENTILE.INC) of v[0..n) at p in
 * [0,1]: h = (n-1)p, result v(floor h) + (h - floor h)(v(floor h + 1) -
 * v(floor h)) over the sorted values; a position within a few ulps of
 * an integer counts as that integer (p7 of 101 values is the 8th value,
 * although 100 * 0.07 is 7.000000000000001 in binary).  Found by
 * selection (expected linear time); v is reordered, not sorted.  n must
 * be > 0.
 */
double crm_quantile7(double *v, size_t n, double p);

/* The same without reordering v: the order statistics are counted out
 * by the bits of their values (linear time, six rounds over v). */
double crm_quantile7_keep(const double *v, size_t n, double p);

/* The same over values already sorted ascending (no reordering). */
double crm_quantile7_sorted(const double *v, size_t n, double p);

/*
 * Resolve a split to its threshold.  For ABSOLUTE, the value; for MEAN,
 * sum/n; for MEDIAN and PERCENTILE, crm_quantile7_keep over vals (left
 * in their order, so that a second pass can use them row by row).
 * Returns 0, or -1 when the data has no valid value (n == 0).
 */
int crm_split_resolve(const crm_split *s, const double *vals, size_t n,
		      double sum, double *threshold);

/* "median", "mean", "p90", or the number, for --verbose and summaries. */
const char *crm_split_name(const crm_split *s, char *buf, size_t cap);

#endif
