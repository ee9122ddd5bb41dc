/*
 * crm_classify: classes that depend on every row of the input (SPEC 3,
 * "segment"): ABC analysis, equal-count buckets (SQL NTILE), quantile
 * bins, and the highest-score choice of needs-based segmentation.
 *
 * The two-pass classifications work on the values that a first pass
 * collected (crm_rows_collect: the valid rows, in input order).  A
 * classifier is built from them once; afterwards it holds only a few
 * numbers per class boundary, so the caller frees the values, and the
 * second pass asks for the class of each valid row in input order with
 * crm_classify_next().  Ties are settled by input order without keeping
 * the rows: for each tie group that straddles a class boundary the
 * classifier knows how many of its rows fall before the boundary and
 * counts the rows of that value it has been asked about so far.
 *
 * The second pass must present exactly the values of the first, in the
 * same order (each valid row once); other values still get a class
 * (by value alone), never an error.
 *
 * Nothing here exits, except on memory exhaustion (crm_x*: status 3).
 */
#ifndef CRM_CLASSIFY_H
#define CRM_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

/* Relative tolerance with which shares are compared with ABC cuts and
 * score differences with a tie margin: it absorbs binary rounding, so
 * that a share of exactly 80 % in decimal arithmetic reaches a cut of 80,
 * and scores 1.1 and 0.9 are within a margin of 0.2. */
#define CRM_CLASSIFY_TOLERANCE 1e-12

/* The largest number of bins (-n) and of ABC cuts. */
#define CRM_CLASSIFY_MAX_BINS 10000
#define CRM_CLASSIFY_MAX_CUTS 25

typedef struct crm_classifier crm_classifier;

/*
 * ABC analysis.  v[0..n) are the values (all >= 0; reordered), cut[0..
 * ncut) the cumulative percentages of the class boundaries, strictly
 * increasing in (0, 100] (ABC: 80, 95).  Classes are 0 (A) to ncut.
 *
 * Rows are ranked by value, descending, ties in input order.  A row's
 * share is the sum of the values of the rows ranked before it over the
 * total (both summed in rank order with compensated summation).  Its
 * class is the first k with share < cut[k] (within the tolerance above:
 * a share that reaches the cut less the tolerance does not count as
 * below), ncut if there is none.  The top row is always class 0; when
 * the total is 0 every other row gets class ncut (as rows of value 0
 * after the positive ones do in any ABC table).
 */
crm_classifier *crm_classify_abc(double *v, size_t n, const double *cut,
				 size_t ncut);

/*
 * Equal-count buckets as SQL NTILE(nbins) OVER (ORDER BY value), ties in
 * input order: with n = q * nbins + r, the first r buckets get q + 1 rows,
 * the others q (buckets beyond n stay empty when n < nbins).  Class k is
 * bucket k + 1.  Ascending order puts the lowest values in class 0;
 * descending (reverse) puts the highest there.  v is reordered.
 */
crm_classifier *crm_classify_ntile(double *v, size_t n, size_t nbins,
				   bool descending);

/*
 * Quantile bins: cut points c[k] = type-7 quantile at k/nbins (k = 1 ..
 * nbins-1) of v[0..n) (reordered).  A value x is in bin b (0-based) =
 * the number of cut points strictly below x, so a value equal to a cut
 * point goes to the lower bin.  Class = b, or nbins - 1 - b with
 * reverse (the bins stay the same, only their numbering is reversed).
 * With n == 0 there are no cut points and every value is in bin 0.
 */
crm_classifier *crm_classify_quantile(double *v, size_t n, size_t nbins,
				      bool reverse);

/*
 * Quantile bins over given cut points cut[0..nbins-1) (ascending, as
 * crm_classify_cut gave them in an earlier run: --thresholds): classes
 * as crm_classify_quantile's, counted as rows are classified.
 */
crm_classifier *crm_classify_quantile_cuts(const double *cut, size_t nbins,
					   bool reverse);

/* Class of the next valid row (in input order) with value x: 0 ..
 * crm_classify_classes() - 1. */
size_t crm_classify_next(crm_classifier *c, double x);

/* Number of classes. */
size_t crm_classify_classes(const crm_classifier *c);

/* Rows of class k among the values the classifier was built from. */
size_t crm_classify_size(const crm_classifier *c, size_t k);

/* ABC: the total of the values (0 for the other kinds). */
double crm_classify_total(const crm_classifier *c);

/* Quantile bins: cut point k (1 .. nbins-1), the k/nbins quantile; NaN
 * for other kinds, other k, or no values. */
double crm_classify_cut(const crm_classifier *c, size_t k);

void crm_classify_free(crm_classifier *c);

/*
 * Needs-based segmentation: the index of the highest of score[0..n)
 * (n >= 1), or -1 ("mixed") when the two highest scores differ by at
 * most margin (>= 0; 0: only exact ties; a positive margin with the
 * tolerance above).  A tie for the highest score is always mixed.
 */
long crm_classify_argmax(const double *score, size_t n, double margin);


#endif
