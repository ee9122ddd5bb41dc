#include "crm_axis.h"

#include <math.h>

#include "crm_svg.h"

static const int mantissas[] = { 1, 2, 5 };

static double
pow10i(int e)
{
	double p = 1;

	for (int i = 0; i < (e < 0 ? -e : e); i++)
		p *= 10;
	return e < 0 ? 1 / p : p;
}

/* k x m x 10^e with one rounding where it can be exact. */
static double
multiple(long long k, int m, int e)
{
	if (e < 0)
		return (double)(k * m) / pow10i(-e);
	return (double)(k * m) * pow10i(e);
}

/* Ticks of step m x 10^e over [lo, hi]: fills a, returns the count. */
static size_t
cover(double lo, double hi, int m, int e, crm_axis *a)
{
	double step = multiple(1, m, e);
	double k0 = floor(lo / step * (1 + 1e-12) + 1e-9);
	double k1 = ceil(hi / step * (1 - 1e-12) - 1e-9);

	/* a bound that is a multiple within rounding stays the bound */
	if (multiple((long long)k0, m, e) > lo)
		k0 -= 1;
	if (multiple((long long)k1, m, e) < hi)
		k1 += 1;
	if (k1 <= k0)
		k1 = k0 + 1;
	a->mantissa = m;
	a->exponent = e;
	a->step = step;
	a->first = (long long)k0;
	a->n = (size_t)(k1 - k0) + 1;
	a->lo = multiple((long long)k0, m, e);
	a->hi = multiple((long long)k1, m, e);
	return a->n;
}

static void
widen(double *lo, double *hi)
{
	if (!isfinite(*lo) || !isfinite(*hi)) {
		*lo = 0;
		*hi = 1;
	}
	if (*lo > *hi) {
		double t = *lo;

		*lo = *hi;
		*hi = t;
	}
	if (*hi - *lo <= fabs(*hi) * 1e-12 || *hi == *lo) {
		double d = *lo == 0 ? 1 : fabs(*lo) * 0.1;

		*lo = *lo == 0 ? 0 : *lo - d;
		*hi += d;
	}
}

void
crm_axis_nice(double lo, double hi, size_t max_ticks, bool percent,
	      crm_axis *a)
{
	int e;

	widen(&lo, &hi);
	if (max_ticks < 2)
		max_ticks = 2;
	if (max_ticks > CRM_AXIS_MAX_TICKS)
		max_ticks = CRM_AXIS_MAX_TICKS;
	/* 0 is a multiple of every step: a range around it needs three */
	if (lo < 0 && hi > 0 && max_ticks < 3)
		max_ticks = 3;
	if (hi - lo < 1e-300)
		hi = lo + 1e-300;
	/* the smallest decade step that could do, then up to the first
	 * nice step that covers the range in max_ticks */
	e = (int)floor(log10((hi - lo) / (double)max_ticks)) - 1;
	if (e < -300)
		e = -300;
	a->percent = percent;
	for (;; e++) {
		for (size_t i = 0; i < 3; i++)
			if (cover(lo, hi, mantissas[i], e, a) <= max_ticks)
				goto found;
	}
found:
	a->decimals = a->exponent < 0 ? -a->exponent : 0;
	if (percent)
		a->decimals = a->decimals > 2 ? a->decimals - 2 : 0;
}

double
crm_axis_tick(const crm_axis *a, size_t i)
{
	return multiple(a->first + (long long)i, a->mantissa, a->exponent);
}

double
crm_axis_pos(const crm_axis *a, double v, double p0, double p1)
{
	if (a->hi == a->lo)
		return p0;
	return p0 + (v - a->lo) / (a->hi - a->lo) * (p1 - p0);
}

size_t
crm_axis_label(const crm_axis *a, size_t i, const crm_human_fmt *f,
	       char *buf)
{
	crm_human_fmt g = *f;

	g.decimals = a->decimals;
	if (a->percent)
		return crm_human_percent(buf, crm_axis_tick(a, i), &g);
	return crm_human_number(buf, crm_axis_tick(a, i), &g);
}

double
crm_axis_widest(const crm_axis *a, double size, const crm_human_fmt *f)
{
	char buf[CRM_HUMAN_BUFSZ];
	double w = 0;

	for (size_t i = 0; i < a->n; i++) {
		double t;

		crm_axis_label(a, i, f, buf);
		t = crm_svg_text_width(buf, size, false);
		if (t > w)
			w = t;
	}
	return w;
}

void
crm_axis_fit(double lo, double hi, double length, bool horizontal,
	     bool percent, double size, const crm_human_fmt *f, crm_axis *a)
{
	size_t max = (size_t)(length / (horizontal ? 60 : 28));

	for (max = max < 2 ? 2 : max;; max--) {
		double need;

		crm_axis_nice(lo, hi, max, percent, a);
		need = horizontal ? crm_axis_widest(a, size, f) + size :
		    size * 1.5;
		if (max == 2 || (double)(a->n - 1) * need <= length)
			break;
	}
}
