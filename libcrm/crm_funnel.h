/*
 * crm_funnel: the figures of a customer-process funnel (funnel, seed 5)
 * from the number of customers whose current (or furthest) phase is each
 * phase, and the days between first entering consecutive phases.
 */
#ifndef CRM_FUNNEL_H
#define CRM_FUNNEL_H

#include <stddef.h>

/* One phase's row.  NAN marks an empty cell. */
typedef struct crm_funnel_row {
	unsigned long current;	/* customers now in the phase */
	unsigned long reached;	/* in it or beyond: current of k..n-1 */
	double step_conversion;	/* reached / reached of the phase before */
	double conversion;	/* reached / reached of the first phase */
	double drop_off;	/* 1 - step_conversion */
} crm_funnel_row;

/*
 * The rows of n phases from current[0..n): a customer in phase k has
 * passed phases 0..k.  The first phase has no step conversion or drop
 * off; a ratio over 0 customers is empty.
 */
void crm_funnel_rows(const unsigned long *current, size_t n,
		     crm_funnel_row *out);

/*
 * Days between first entering phase k-1 and phase k, over the customers
 * that have both: a growable list per phase.  Median (type 7) and mean
 * of a list; NAN when it is empty.
 */
typedef struct crm_funnel_days {
	double *v;
	size_t n, cap;
} crm_funnel_days;

void crm_funnel_days_add(crm_funnel_days *d, double days);
double crm_funnel_days_median(crm_funnel_days *d);	/* reorders v */
double crm_funnel_days_mean(const crm_funnel_days *d);
void crm_funnel_days_free(crm_funnel_days *d);

#endif
