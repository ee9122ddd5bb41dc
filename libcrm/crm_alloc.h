/*
 * crm_alloc: a budget allocated over rows (allocate, seed 1.1.4).
 *
 * Every row i of a pool gets a_i = clamp(c_i mu - d_i, lo_i, hi_i), with
 * one mu per pool chosen so that the allocations sum to the pool's
 * budget.  Proportional allocation is c_i = w_i, d_i = 0 (water-filling:
 * rows at a bound are fixed, the others share the rest in proportion to
 * their weights).  The response curve s a / (a + h) is maximised by
 * c_i = sqrt(s_i h_i), d_i = h_i: its optimum a_i = sqrt(s_i h_i /
 * lambda) - h_i is this form with mu = 1 / sqrt(lambda).  A row with
 * c_i = 0 (weight or saturation <= 0) gets its minimum.
 *
 * Everything is counted in whole cells of a grid: --unit U, or, without
 * one, 10^(e - 14) where e is the decimal exponent of the budget (so that
 * an allocation has at most 15 significant digits at the budget's
 * scale).  Bounds are rounded inward onto the grid with a unit (a
 * minimum up, a maximum down), to the nearest cell without.  The
 * continuous allocations are rounded down, and the cells left over go
 * one each to the rows of largest remainder (ties: larger c_i, then the
 * row added first), never beyond a maximum; so the allocations are
 * multiples of the grid and sum exactly to the budget.
 *
 * Memory: 8 bytes per row for c_i, and 8 more for the first of d_i
 * (with a response), lo_i and hi_i that vary by row (CRM_ALLOC_ROW_MIN/
 * MAX): at most 16 bytes per row.  The others, when there are more, go
 * to a temporary file per pool in $TMPDIR (8 or 16 bytes per row on
 * disk), read back in order by every loop of the solver, with the
 * same figures as if they were in memory (see struct row in
 * crm_alloc.c).  After crm_alloc_solve, c_i holds the row's allocation
 * in cells.
 */
#ifndef CRM_ALLOC_H
#define CRM_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

enum {
	CRM_ALLOC_RESPONSE = 1,	/* rows carry d_i (the half-response effort) */
	CRM_ALLOC_ROW_MIN = 2,	/* minimums vary by row */
	CRM_ALLOC_ROW_MAX = 4	/* maximums vary by row */
};

typedef struct crm_alloc_spec {
	double budget;		/* B >= 0, finite */
	double unit;		/* U > 0, or 0: the fine grid */
	unsigned flags;		/* CRM_ALLOC_* */
	double min_all, max_all;	/* bounds when they do not vary by row
					 * (max_all INFINITY: no cap) */
	const double *shares;	/* the pools' shares of B, summing to 1;
				 * NULL: one pool */
	const char *const *labels;	/* the pools' names, for messages */
	size_t npools;		/* 1 when shares is NULL */
} crm_alloc_spec;

/* What a pool got, for allocate --summary. */
typedef struct crm_alloc_stats {
	size_t rows;
	double budget;		/* the pool's share of B, on the grid */
	double allocated;	/* sum of its allocations */
	size_t at_min, at_max;	/* rows whose allocation is their bound */
} crm_alloc_stats;

typedef struct crm_alloc crm_alloc;

/*
 * A new allocation of spec (copied; shares and labels must outlive it).
 * Returns NULL with a usage error in err: unit <= 0, a budget that is
 * no multiple of the unit, or more than 2^53 cells; a negative budget;
 * shares that are negative or do not sum to 1.
 */
crm_alloc *crm_alloc_new(const crm_alloc_spec *spec, crm_error *err);
void crm_alloc_free(crm_alloc *a);

/*
 * Add a row to pool: weight (w, or s with a response; <= 0: the row gets
 * its minimum), half (h > 0 with a response, else ignored), its bounds
 * (ignored unless CRM_ALLOC_ROW_MIN/MAX; lo >= 0, hi INFINITY for none).
 * Returns 0, or -1 with a data error (no file or line) when the minimum
 * exceeds the maximum, also after rounding them onto the grid, or with
 * an I/O error (status 3) when the temporary file cannot be created or
 * written.
 */
int crm_alloc_add(crm_alloc *a, size_t pool, double weight, double half,
		  double lo, double hi, crm_error *err);

/*
 * Solve every pool.  Returns 0, or -1 with a data error naming the pool
 * (when there are several) and both sums: the minimums exceed its
 * budget, or its maximums cannot take it (a row with weight <= 0 counts
 * with its minimum as maximum), or with an I/O error (status 3) when
 * the temporary file cannot be read back.  Without any row in any pool
 * there is nothing to allocate: 0, every pool allocated 0.
 */
int crm_alloc_solve(crm_alloc *a, crm_error *err);

/* After solving: the allocation of the next row of pool, in the order
 * they were added. */
double crm_alloc_next(crm_alloc *a, size_t pool);

/* After solving: what pool got. */
void crm_alloc_stats_of(const crm_alloc *a, size_t pool,
			crm_alloc_stats *out);

/* The grid the allocations are multiples of. */
double crm_alloc_grid(const crm_alloc *a);

/*
 * Parse the --pools argument "LABEL=SHARE,..." in place (s is modified;
 * labels point into it): SHARE a number read with decimal_comma (a
 * trailing % divides by 100); items are separated by ';' instead of ','
 * under the decimal comma.  Up to max pools.  Returns their number, or
 * 0 with a usage error in err: an item without '=', an empty or
 * repeated label, a share that is no number or negative, shares that do
 * not sum to 100 % (within 1e-9), more than max pools.
 */
size_t crm_alloc_parse_pools(char *s, bool decimal_comma,
			     const char **labels, double *shares, size_t max,
			     crm_error *err);

#endif
