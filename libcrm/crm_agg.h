/*
 * crm_agg: the state of one aggregate (kpi, SPEC 3) over one group.
 *
 * Every state is mergeable: the state over the values of two inputs
 * equals the merge of the states over each, so an aggregation can be
 * spread over several inputs or machines and combined (kpi --total merges
 * the groups' states).  And every result depends only on the multiset of
 * values, not on their order nor on how they were cut into states that
 * were merged: count, sum, mean, min and max keep a count and an exact
 * sum (crm_fsum) or an extreme; var and stddev keep the exact sums of
 * the values and of their squares (moments that merge exactly, where
 * Welford's running mean merged by Chan's formula rounds differently
 * for each cut); median and quantile keep every value (8 bytes each);
 * distinct keeps the set of distinct values as written.  A state saves
 * to the fields of a partial line and loads back bit for bit
 * (crm_partial).
 *
 * Definitions (missing values are skipped as in SQL):
 *   count()         rows
 *   count(x)        rows where x is not missing (text counts)
 *   count_if(c)     rows where c is true, as for if(): a number other
 *                   than 0 or non-empty text
 *   sum(x)          sum of the values; missing when there is none
 *   mean(x)         sum / count of the values; missing when none
 *   min(x), max(x)  least, greatest value; missing when none
 *   median(x)       quantile(x, 0.5)
 *   quantile(x, p)  type 7 (R default, Excel PERCENTILE.INC): with the n
 *                   values sorted v[0..n), h = (n-1)p, v[floor h] +
 *                   (h - floor h)(v[floor h + 1] - v[floor h]);
 *                   missing when none
 *   var(x)          sample variance, sum of squared deviations / (n-1);
 *                   missing when fewer than 2 values
 *   stddev(x)       sqrt(var(x))
 *   distinct(x)     number of distinct non-empty values as written
 *                   (text counts); 0 when none
 * The counts (count, count_if, distinct) are 0, never missing, over no
 * rows.
 *
 * Adding a value never allocates except for median, quantile and
 * distinct, which keep what they saw.
 */
#ifndef CRM_AGG_H
#define CRM_AGG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crm_expr.h"
#include "crm_fsum.h"
#include "crm_hash.h"
#include "crm_partial.h"

typedef struct crm_agg {
	crm_agg_kind kind;
	uint64_t n;		/* values (or rows) counted */
	union {
		crm_fsum s;	/* SUM, MEAN: the exact sum */
		struct {	/* VAR, STDDEV: exact sums of x and x^2 */
			crm_fsum s1, s2;
		} w;
		double ext;	/* MIN, MAX */
		struct {	/* MEDIAN, QUANTILE */
			double *v;
			size_t cap;
			double p;
		} q;
		crm_hash *set;	/* DISTINCT (NULL until the first value) */
	} u;
} crm_agg;

/* An empty state.  param is p of quantile(x, p) in [0,1] (ignored by
 * the other kinds; median uses 0.5). */
void crm_agg_init(crm_agg *a, crm_agg_kind kind, double param);
void crm_agg_free(crm_agg *a);

/* Whether the kind needs a numeric value: all but count(), count(x),
 * count_if(c) and distinct(x), which take text too. */
bool crm_agg_numeric(crm_agg_kind kind);

/*
 * Account one row.  For count() and count_if() call it for each row that
 * counts (every row; rows where the condition holds); for count(x) for
 * each non-missing value; for the numeric kinds with the value; distinct
 * takes text through crm_agg_add_text (a number added here is counted
 * by its shortest printed form, %.15g).
 */
void crm_agg_add(crm_agg *a, double x);

/* distinct(x): one value as written (empty text is skipped).  count()
 * and count(x) count it as one row; the other kinds ignore it (they take
 * numbers only). */
void crm_agg_add_text(crm_agg *a, const char *s, size_t len);

/*
 * Account the value of the aggregate's argument on one row, by the
 * definitions above.  Returns 0, or -1 (nothing changed) when v is text
 * (or INVALID) where a number is needed.  MISSING values are skipped
 * (count() counts the row whatever v is).
 */
int crm_agg_add_value(crm_agg *a, const crm_value *v);

/* Fold b into a (same kind and parameter); b is unchanged. */
void crm_agg_merge(crm_agg *a, const crm_agg *b);

/*
 * Append the state of a as fields of a partial line: n, then for
 * sum/mean the parts of the exact sum (a count, then hex floats), for
 * var/stddev those of the sum and of the sum of squares, for min/max
 * the extreme (when n > 0), for median/quantile the n values, for
 * distinct the n values as written.
 */
void crm_agg_save(const crm_agg *a, crm_partial_line *l);

/* Read the fields crm_agg_save wrote into a, initialised and empty (as
 * crm_agg_init left it).  0, or -1 when the fields do not describe a
 * state of a's kind (a then holds what was read; free it). */
int crm_agg_load(crm_agg *a, crm_partial_record *r);

/*
 * The result: returns true with *out set, or false when it is missing.
 * median/quantile reorder their stored values (not the set of them).
 */
bool crm_agg_result(crm_agg *a, double *out);

/* The result as a crm_value (MISSING or NUM). */
crm_value crm_agg_value(crm_agg *a);

/* Add x to the Neumaier-compensated sum *s + *c (the summation behind
 * sum and mean), for other states that keep such a sum (crm_rfm). */
void crm_agg_neumaier(double *s, double *c, double x);

#endif
