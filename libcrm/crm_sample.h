/*
 * crm_sample: a deterministic sample of at most k rows out of any number,
 * in memory bounded by k (SPEC 3, "plot": points for up to --max-points
 * rows).
 *
 * Each row offered carries its ordinal (1, 2, ... in input order); the
 * sample keeps the k rows whose ordinals have the smallest keys under a
 * fixed 64-bit mixing function (SplitMix64's finaliser, a bijection).  So
 * the same input always gives the same sample, whatever the value of k
 * for the rows kept at a smaller k (the sample at k is part of the sample
 * at k + 1), and the rows kept spread evenly over the input rather than
 * being its first k.  Offering costs O(log k) for a row that enters the
 * sample, O(1) for one that does not.
 */
#ifndef CRM_SAMPLE_H
#define CRM_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct crm_sample_row {
	uint64_t key;		/* the mixed ordinal */
	unsigned long ordinal;
	double x, y;
	int group;		/* the caller's class of the row */
	char *label;		/* a copy, or NULL */
} crm_sample_row;

typedef struct crm_sample {
	size_t k;		/* the most rows kept */
	size_t n;		/* rows kept */
	size_t cap;		/* rows allocated: grows with n, up to k */
	crm_sample_row *row;	/* a max-heap on key until crm_sample_sort */
} crm_sample;

/* An empty sample of at most k rows (k may be 0: nothing is kept).
 * Memory grows with the rows kept, never beyond k of them. */
void crm_sample_init(crm_sample *s, size_t k);

/* The key of an ordinal. */
uint64_t crm_sample_key(unsigned long ordinal);

/*
 * Offer a row: kept if the sample has room or its key is smaller than
 * the largest kept (which then leaves, its label freed).  label[0..len)
 * is copied only when the row is kept (label NULL: none).
 */
void crm_sample_offer(crm_sample *s, unsigned long ordinal, double x,
		      double y, int group, const char *label, size_t len);

/* Order the rows kept by ordinal (input order); offer no more rows. */
void crm_sample_sort(crm_sample *s);

/* Free the rows and labels. */
void crm_sample_free(crm_sample *s);

#endif
