#include "crm_fsum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"

void
crm_fsum_init(crm_fsum *s)
{
	memset(s, 0, sizeof *s);
}

void
crm_fsum_free(crm_fsum *s)
{
	free(s->e);
	crm_fsum_init(s);
}

/* Knuth's two-sum: a + b = *hi + *lo exactly, whatever their order. */
static inline void
two_sum(double a, double b, double *hi, double *lo)
{
	double s = a + b, bv = s - a, av = s - bv;

	*hi = s;
	*lo = (a - av) + (b - bv);
}

/*
 * Grow the non-overlapping expansion p[0..n) (increasing magnitude) by
 * x, exactly (Shewchuk's grow-expansion with zero elimination, as
 * Python's fsum); p has room for n + 1.  Returns the new count.
 */
static uint32_t
grow(double *p, uint32_t n, double x)
{
	uint32_t i = 0;

	for (uint32_t j = 0; j < n; j++) {
		double hi, lo;

		two_sum(x, p[j], &hi, &lo);
		if (lo != 0.0)
			p[i++] = lo;
		x = hi;
	}
	if (x != 0.0)
		p[i++] = x;
	return i;
}

/* From now on the sum is non-finite: x plus later non-finite values. */
static void
make_special(crm_fsum *s, double x)
{
	if (s->n == CRM_FSUM_SPECIAL) {
		s->hi += x;
		return;
	}
	crm_fsum_free(s);
	s->n = CRM_FSUM_SPECIAL;
	s->hi = x;
}

/* An error that lo could not take: into the expansion. */
static void
spill(crm_fsum *s, double x)
{
	if (s->n + 1 > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->e = crm_xreallocarray(s->e, s->cap, sizeof *s->e);
	}
	s->n = grow(s->e, s->n, x);
}

void
crm_fsum_add(crm_fsum *s, double x)
{
	double hi, err, lo, err2;

	if (s->n == CRM_FSUM_SPECIAL || !isfinite(x)) {
		if (!isfinite(x))
			make_special(s, x);
		return;
	}
	two_sum(s->hi, x, &hi, &err);
	if (!isfinite(hi)) {	/* the sum left the double range */
		make_special(s, hi);
		return;
	}
	two_sum(s->lo, err, &lo, &err2);
	s->hi = hi;
	s->lo = lo;
	if (err2 != 0.0)
		spill(s, err2);
}

void
crm_fsum_add_product(crm_fsum *s, double a, double b)
{
	double p = a * b;

	crm_fsum_add(s, p);
	if (isfinite(p))
		crm_fsum_add(s, fma(a, b, -p));
}

size_t
crm_fsum_count(const crm_fsum *s)
{
	return s->n == CRM_FSUM_SPECIAL ? 1 : (size_t)s->n + 2;
}

double
crm_fsum_part(const crm_fsum *s, size_t i)
{
	if (s->n == CRM_FSUM_SPECIAL)
		return s->hi;
	return i < s->n ? s->e[i] : i == s->n ? s->lo : s->hi;
}

void
crm_fsum_merge(crm_fsum *s, const crm_fsum *t)
{
	size_t n = crm_fsum_count(t);

	for (size_t i = 0; i < n; i++)
		crm_fsum_add(s, crm_fsum_part(t, i));
}

/* Round the expansion p[0..n) (non-overlapping, increasing magnitude)
 * to nearest, ties to even, as Python's fsum does. */
static double
round_expansion(const double *p, uint32_t n)
{
	double hi, lo = 0, x, y;

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
	 * neighbour is none when the parts below lean the way lo does. */
	if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
		y = lo * 2;
		x = hi + y;
		if (y == x - hi)
			hi = x;
	}
	return hi;
}

double
crm_fsum_value(const crm_fsum *s)
{
	double small[8], *p;
	uint32_t n;
	double v;

	if (s->n == CRM_FSUM_SPECIAL)
		return s->hi;
	p = s->n + 2 <= 8 ? small : crm_xreallocarray(NULL, s->n + 2,
	    sizeof *p);
	if (s->n > 0)
		memcpy(p, s->e, s->n * sizeof *p);
	n = grow(p, s->n, s->lo);
	n = grow(p, n, s->hi);
	v = round_expansion(p, n);
	if (p != small)
		free(p);
	return v;
}

double
crm_fsum_squared_deviations(const crm_fsum *s1, const crm_fsum *s2,
			    uint64_t n)
{
	double dn = (double)n, m = crm_fsum_value(s1) / dn, sq, sqe, t, d;
	size_t np = crm_fsum_count(s1);
	crm_fsum acc;

	if (!isfinite(m) || s2->n == CRM_FSUM_SPECIAL)
		return NAN;
	/* sum (x - m)^2 = s2 - 2 m s1 + n m^2, exactly */
	crm_fsum_init(&acc);
	crm_fsum_merge(&acc, s2);
	for (size_t i = 0; i < np; i++)
		crm_fsum_add_product(&acc, -2 * m, crm_fsum_part(s1, i));
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
