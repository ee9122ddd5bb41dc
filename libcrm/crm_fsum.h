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
 * Typical data (amounts of a dozen digits) needs two or three parts;
 * the first CRM_FSUM_INLINE live in the state, more on the heap.  A
 * non-finite value, or a sum beyond the double range (about 1.8e308),
 * makes the sum non-finite for good (inf, or nan for inf - inf).
 *
 * The state is moved with memcpy by its owners (crm_fold): it holds no
 * pointer into itself.  An engine: nothing here ends the process but
 * crm_xmalloc.
 */
#ifndef CRM_FSUM_H
#define CRM_FSUM_H

#include <stddef.h>
#include <stdint.h>

#define CRM_FSUM_INLINE 2

typedef struct crm_fsum {
	double in[CRM_FSUM_INLINE];	/* the parts while n <= INLINE */
	double *heap;		/* all parts once more, else NULL */
	uint32_t n;		/* parts in use; CRM_FSUM_SPECIAL: in[0] */
	uint32_t cap;		/* room in heap */
} crm_fsum;

/* n of a sum that met a non-finite value or overflowed: in[0] holds
 * the (non-finite) sum. */
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

/* The parts (*n of them, increasing magnitude), for saving a state; a
 * special sum gives its one non-finite value.  Adding them one by one
 * to an empty sum gives the same value. */
const double *crm_fsum_parts(const crm_fsum *s, size_t *n);

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
