#include "crm_fsum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"

static double *
parts(crm_fsum *s)
{
	return s->heap != NULL ? s->heap : s->in;
}

void
crm_fsum_init(crm_fsum *s)
{
	memset(s, 0, sizeof *s);
}

void
crm_fsum_free(crm_fsum *s)
{
	free(s->heap);
	crm_fsum_init(s);
}

/* From now on the sum is the non-finite x (plus later non-finite
 * values). */
static void
make_special(crm_fsum *s, double x)
{
	if (s->n == CRM_FSUM_SPECIAL) {
		s->in[0] += x;
		return;
	}
	crm_fsum_free(s);
	s->n = CRM_FSUM_SPECIAL;
	s->in[0] = x;
}

/* Room for part i (< n + 1). */
static double *
room(crm_fsum *s, uint32_t i)
{
	if (s->heap == NULL && i < CRM_FSUM_INLINE)
		return s->in;
	if (s->heap == NULL) {
		s->cap = 2 * CRM_FSUM_INLINE;
		s->heap = crm_xreallocarray(NULL, s->cap, sizeof *s->heap);
		memcpy(s->heap, s->in, sizeof s->in);
	} else if (i >= s->cap) {
		s->cap *= 2;
		s->heap = crm_xreallocarray(s->heap, s->cap, sizeof *s->heap);
	}
	return s->heap;
}

void
crm_fsum_add(crm_fsum *s, double x)
{
	double *p;
	uint32_t i = 0;

	if (s->n == CRM_FSUM_SPECIAL || !isfinite(x)) {
		if (!isfinite(x))
			make_special(s, x);
		return;
	}
	p = parts(s);
	for (uint32_t j = 0; j < s->n; j++) {
		double y = p[j], hi, lo;

		if (fabs(x) < fabs(y)) {
			double t = x;

			x = y;
			y = t;
		}
		hi = x + y;
		lo = y - (hi - x);
		if (lo != 0.0)
			p[i++] = lo;
		x = hi;
	}
	s->n = i;
	if (x == 0.0)
		return;
	if (!isfinite(x)) {	/* the sum left the double range */
		make_special(s, x);
		return;
	}
	room(s, i)[i] = x;
	s->n = i + 1;
}

void
crm_fsum_add_product(crm_fsum *s, double a, double b)
{
	double p = a * b;

	crm_fsum_add(s, p);
	if (isfinite(p))
		crm_fsum_add(s, fma(a, b, -p));
}

const double *
crm_fsum_parts(const crm_fsum *s, size_t *n)
{
	if (s->n == CRM_FSUM_SPECIAL) {
		*n = 1;
		return s->in;
	}
	*n = s->n;
	return s->heap != NULL ? s->heap : s->in;
}

void
crm_fsum_merge(crm_fsum *s, const crm_fsum *t)
{
	size_t n;
	const double *p = crm_fsum_parts(t, &n);

	for (size_t i = 0; i < n; i++)
		crm_fsum_add(s, p[i]);
}

double
crm_fsum_value(const crm_fsum *s)
{
	size_t n;
	const double *p = crm_fsum_parts(s, &n);
	double hi = 0, lo = 0, x, y;

	if (s->n == CRM_FSUM_SPECIAL)
		return s->in[0];
	if (n == 0)
		return 0;
	hi = p[--n];
	/* From the top down, while the running sum stays exact. */
	while (n > 0) {
		x = hi;
		y = p[--n];
		hi = x + y;
		lo = y - (hi - x);
		if (lo != 0.0)
			break;
	}
	/* Half-even rounding across parts: a tie between hi and its
	 * neighbour is not a tie when the parts below lean the same way
	 * as lo. */
	if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
		y = lo * 2;
		x = hi + y;
		if (y == x - hi)
			hi = x;
	}
	return hi;
}

double
crm_fsum_squared_deviations(const crm_fsum *s1, const crm_fsum *s2,
			    uint64_t n)
{
	double dn = (double)n, m = crm_fsum_value(s1) / dn, sq, sqe, t, d;
	size_t np;
	const double *p = crm_fsum_parts(s1, &np);
	crm_fsum acc;

	if (!isfinite(m) || s2->n == CRM_FSUM_SPECIAL)
		return NAN;
	/* sum (x - m)^2 = s2 - 2 m s1 + n m^2, exactly */
	crm_fsum_init(&acc);
	crm_fsum_merge(&acc, s2);
	for (size_t i = 0; i < np; i++)
		crm_fsum_add_product(&acc, -2 * m, p[i]);
	sq = m * m;
	sqe = fma(m, m, -sq);
	crm_fsum_add_product(&acc, dn, sq);
	crm_fsum_add_product(&acc, dn, sqe);
	t = crm_fsum_value(&acc);
	/* minus n (mean - m)^2, mean - m = (s1 - n m) / n */
	crm_fsum_free(&acc);
	crm_fsum_merge(&acc, s1);
	crm_fsum_add_product(&acc, -dn, m);
	d = crm_fsum_value(&acc);
	crm_fsum_free(&acc);
	t -= d * d / dn;
	return t > 0 ? t : 0;
}
