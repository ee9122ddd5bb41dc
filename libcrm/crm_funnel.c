#include "crm_funnel.h"

#include <math.h>
#include <stdlib.h>

#include "crm_diag.h"
#include "crm_stats.h"

void
crm_funnel_rows(const unsigned long *current, size_t n, crm_funnel_row *out)
{
	unsigned long reached = 0;

	for (size_t k = n; k-- > 0;) {
		reached += current[k];
		out[k].current = current[k];
		out[k].reached = reached;
	}
	for (size_t k = 0; k < n; k++) {
		unsigned long before = k > 0 ? out[k - 1].reached : 0;
		unsigned long first = out[0].reached;

		out[k].step_conversion = NAN;
		out[k].drop_off = NAN;
		if (k > 0 && before > 0) {
			out[k].step_conversion = (double)out[k].reached /
			    (double)before;
			out[k].drop_off = 1 - out[k].step_conversion;
		}
		out[k].conversion = first > 0 ?
		    (double)out[k].reached / (double)first : NAN;
	}
}

void
crm_funnel_days_add(crm_funnel_days *d, double days)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->v = crm_xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = days;
}

double
crm_funnel_days_median(crm_funnel_days *d)
{
	return d->n > 0 ? crm_stats_quantile7(d->v, d->n, 0.5) : NAN;
}

double
crm_funnel_days_mean(const crm_funnel_days *d)
{
	double s = 0, c = 0;

	if (d->n == 0)
		return NAN;
	for (size_t i = 0; i < d->n; i++) {
		/* Neumaier: a mean of a million day counts to the last digit */
		double t = s + d->v[i];

		c += fabs(s) >= fabs(d->v[i]) ? (s - t) + d->v[i] :
		    (d->v[i] - t) + s;
		s = t;
	}
	return (s + c) / (double)d->n;
}

void
crm_funnel_days_free(crm_funnel_days *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
