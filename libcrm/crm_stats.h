/*
 * crm_stats: statistics of arrays of doubles: a growable vector, an
 * in-place sort and type-7 quantiles (SPEC 2, "Splits"), for the splits
 * (crm_split), the quantile aggregates (crm_agg) and the classifications
 * (crm_classify).  It depends on nothing in libcrm but crm_diag.
 */
#ifndef CRM_STATS_H
#define CRM_STATS_H

#include <stddef.h>

/* A growable array of doubles: 8 bytes per element. */
typedef struct crm_stats_vec {
	double *v;
	size_t n, cap;
} crm_stats_vec;

/* Append x; exits 3 on exhaustion. */
void crm_stats_vec_push(crm_stats_vec *d, double x);
void crm_stats_vec_free(crm_stats_vec *d);
/* Move src's values to the end of d and free src; memory holds each
 * value once meanwhile (src's pages are released as they are copied),
 * so that 8 bytes a value is the peak. */
void crm_stats_vec_move_append(crm_stats_vec *d, crm_stats_vec *src);

/*
 * Sort v[0..n) ascending, in place, without allocating (introsort:
 * quicksort, insertion sort for short ranges, heapsort when the
 * recursion gets too deep; glibc's qsort may allocate n copies).  The
 * values must not be NaN.
 */
void crm_stats_sort(double *v, size_t n);

/*
 * Type-7 quantile (R default, Excel PERCENTILE.INC) of v[0..n) at p in
 * [0,1]: h = (n-1)p, result v(floor h) + (h - floor h)(v(floor h + 1) -
 * v(floor h)) over the sorted values; a position within a few ulps of
 * an integer counts as that integer (p7 of 101 values is the 8th value,
 * although 100 * 0.07 is 7.000000000000001 in binary).  Found by
 * selection (expected linear time); v is reordered, not sorted.  n must
 * be > 0.
 */
double crm_stats_quantile7(double *v, size_t n, double p);

/* The same without reordering v: the order statistics are counted out
 * by the bits of their values (linear time, six rounds over v). */
double crm_stats_quantile7_keep(const double *v, size_t n, double p);

/* The same over values already sorted ascending (no reordering). */
double crm_stats_quantile7_sorted(const double *v, size_t n, double p);

#endif
