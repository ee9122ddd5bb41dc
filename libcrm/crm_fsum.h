/*
 * crm_fsum: exact sums of doubles, for aggregates whose figures must not
 * depend on how the input was cut (kpi's sums, means and variances over
 * two halves, or over partials merged by kpi --merge).
 *
 * A sum is kept as a non-overlapping expansion (Shewchuk 1997; the
 * algorithm of Python's math.fsum): a few doubles of increasing
 * magnitude whose exact sum is the exact sum of every value added.
 * Adding is exact, so is merging two sums, and crm_fsum_value rounds
 * the exact sum once, to nearest, ties to even.  The value therefore
 * depends only on the multiset of values added: not on their order, not
 * on how they were split into sums that were merged.
 *
 * The hot path keeps a double-double: (hi, lo) with hi + x split
 * exactly by two-sum into hi' and an error, the error added to lo by
 * two-sum again; only when that second addition rounds (rarely: lo
 * holds a few ulps of hi) does its error go to the expansion, on the
 * heap.  So adding is about a dozen flops without a branch, and the
 * exact sum is always hi + lo + the expansion.  A non-finite value, or
 * a sum beyond the double range (about 1.8e308), makes the sum
 * non-finite for good (inf, or nan for inf - inf).
 *
 * The state is moved with memcpy by its owners (crm_fold): it holds no
 * pointer into itself.  An engine: nothing here ends the process but
 * crm_xmalloc.
 */
#ifndef CRM_FSUM_H
#define CRM_FSUM_H

#include <stddef.h>
#include <stdint.h>

typedef struct crm_fsum {
	double hi, lo;		/* the double-double */
	double *e;		/* the rest: a non-overlapping expansion */
	uint32_t n;		/* its parts; CRM_FSUM_SPECIAL: hi holds
				 * the (non-finite) sum */
	uint32_t cap;		/* room in e */
} crm_fsum;

#define CRM_FSUM_SPECIAL UINT32_MAX

/* An empty sum (0). */
void crm_fsum_init(crm_fsum *s);
/* Release the heap parts; s is then empty. */
void crm_fsum_free(crm_fsum *s);

/* Add x exactly. */
void crm_fsum_add(crm_fsum *s, double x);

/* Add a * b exactly (both parts of the product). */
void crm_fsum_add_product(crm_fsum *s, double a, double b);

/* Add the exact value of t (unchanged) to s. */
void crm_fsum_merge(crm_fsum *s, const crm_fsum *t);

/* The exact sum rounded to nearest, ties to even (0 for an empty sum;
 * inf or nan for a special one). */
double crm_fsum_value(const crm_fsum *s);

/* The parts of the state, for saving it: crm_fsum_count of them, part
 * i by crm_fsum_part.  Adding them one by one to an empty sum gives a
 * sum of the same exact value. */
size_t crm_fsum_count(const crm_fsum *s);
double crm_fsum_part(const crm_fsum *s, size_t i);

/*
 * The sum of squared deviations from the mean, sum (x - mean)^2, of
 * the values whose exact sum is s1 and exact sum of squares s2
 * (crm_fsum_add_product(x, x)), n of them (> 0): computed from the
 * exact sums around a rounded mean, so that it depends only on them.
 * Never negative.
 */
double crm_fsum_squared_deviations(const crm_fsum *s1, const crm_fsum *s2,
				   uint64_t n);

#endif
