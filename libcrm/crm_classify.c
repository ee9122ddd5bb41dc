#include "crm_classify.h"

#include "crm_stats.h"
#include "crm_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------------ */
/* Classifiers */

typedef enum kind { KIND_ABC, KIND_NTILE, KIND_QUANTILE } kind;

/*
 * A class boundary of a rank classification, in key space (keys ascend
 * in rank order: the value, or its negation for descending ranks).  A
 * row is past the boundary when its key is above `last` (the key of the
 * last row before it), or equal to it when the tie group straddles the
 * boundary and `quota` rows of the group have already been seen.
 */
struct boundary {
	double last;
	bool straddle;
	size_t quota;		/* rows of the tie group before the boundary */
	size_t group;		/* index into seen[] */
};

struct crm_classifier {
	kind kind;
	size_t nclass;
	size_t *size;		/* rows per class */
	/* Rank classes (ABC, NTILE) */
	double sign;		/* key = sign * value */
	struct boundary *b;	/* nclass - 1 of them, `last` ascending */
	size_t *seen;		/* rows seen per straddling tie group */
	/* QUANTILE */
	double *cut;		/* nclass - 1 cut points, ascending */
	bool reverse;
	bool have_cuts;
	bool counting;		/* sizes counted by crm_classify_next */
	double total;
};

/* First index i in a[0..n) with a[i] >= x (a ascending). */
static size_t
lower_bound(const double *a, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static crm_classifier *
new_classifier(kind k, size_t nclass)
{
	crm_classifier *c = crm_xcalloc(1, sizeof *c);

	c->kind = k;
	c->nclass = nclass;
	c->size = crm_xcalloc(nclass, sizeof *c->size);
	c->sign = 1;
	return c;
}

/*
 * Set up the boundaries of a rank classification from the keys u[0..n)
 * (sorted ascending) and end[k], one past the last rank of class k
 * (nondecreasing, end[nclass - 1] == n).
 */
static void
rank_boundaries(crm_classifier *c, const double *u, size_t n,
		const size_t *end)
{
	size_t nb = c->nclass - 1, groups = 0;

	c->b = crm_xcalloc(nb ? nb : 1, sizeof *c->b);
	c->seen = crm_xcalloc(nb ? nb : 1, sizeof *c->seen);
	for (size_t k = 0; k < c->nclass; k++)
		c->size[k] = end[k] - (k > 0 ? end[k - 1] : 0);
	for (size_t k = 0; k < nb; k++) {
		struct boundary *b = &c->b[k];
		size_t e = end[k];

		if (e >= n) {
			b->last = INFINITY;	/* no row is past it */
		} else if (e == 0) {
			b->last = -INFINITY;	/* every row is past it */
		} else {
			b->last = u[e - 1];
			if (u[e - 1] == u[e]) {
				b->straddle = true;
				b->quota = e - lower_bound(u, n, u[e]);
				if (k > 0 && c->b[k - 1].straddle &&
				    c->b[k - 1].last == b->last)
					b->group = c->b[k - 1].group;
				else
					b->group = groups++;
			}
		}
	}
}

/* Negate v[0..n) for descending ranks (-0 stays equal to 0). */
static void
negate(double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = -v[i];
}

/* Neumaier's compensated summation. */
struct sum {
	double s, c;
};

static void
sum_add(struct sum *a, double x)
{
	double t = a->s + x;

	if (fabs(a->s) >= fabs(x))
		a->c += (a->s - t) + x;
	else
		a->c += (x - t) + a->s;
	a->s = t;
}

static double
sum_value(const struct sum *a)
{
	return a->s + a->c;
}

/* Whether the share prefix/total is below cut percent (within the
 * tolerance: reaching the cut less the tolerance is not below). */
static bool
below(double prefix, double total, double cut)
{
	return prefix * 100 < cut * total * (1 - CRM_CLASSIFY_TOLERANCE);
}

crm_classifier *
crm_classify_abc(double *v, size_t n, const double *cut, size_t ncut)
{
	crm_classifier *c = new_classifier(KIND_ABC, ncut + 1);
	size_t *end = crm_xcalloc(ncut + 1, sizeof *end);
	struct sum total = { 0, 0 }, prefix = { 0, 0 };
	size_t prev = 0;

	c->sign = -1;
	negate(v, n);
	crm_stats_sort(v, n);	/* keys ascending: values descending */
	for (size_t r = 0; r < n; r++)
		sum_add(&total, -v[r]);
	c->total = sum_value(&total);
	for (size_t r = 0; r < n; r++) {
		size_t k = 0;

		if (r > 0)
			while (k < ncut && !below(sum_value(&prefix),
			    c->total, cut[k]))
				k++;
		if (k < prev)	/* shares never fall; guard rounding */
			k = prev;
		end[k] = r + 1;
		prev = k;
		sum_add(&prefix, -v[r]);
	}
	/* Classes that got no row end where the previous one ended. */
	for (size_t k = 1; k <= ncut; k++)
		if (end[k] < end[k - 1])
			end[k] = end[k - 1];
	end[ncut] = n;
	rank_boundaries(c, v, n, end);
	free(end);
	return c;
}

crm_classifier *
crm_classify_ntile(double *v, size_t n, size_t nbins, bool descending)
{
	crm_classifier *c = new_classifier(KIND_NTILE, nbins);
	size_t *end = crm_xcalloc(nbins, sizeof *end);
	size_t q = n / nbins, r = n % nbins;

	if (descending) {
		c->sign = -1;
		negate(v, n);
	}
	crm_stats_sort(v, n);
	for (size_t k = 0; k < nbins; k++)
		end[k] = (k + 1) * q + (k + 1 < r ? k + 1 : r);
	rank_boundaries(c, v, n, end);
	free(end);
	return c;
}

crm_classifier *
crm_classify_quantile(double *v, size_t n, size_t nbins, bool reverse)
{
	crm_classifier *c = new_classifier(KIND_QUANTILE, nbins);
	size_t b = 0;

	c->reverse = reverse;
	c->cut = crm_xcalloc(nbins, sizeof *c->cut);
	if (n == 0) {
		c->size[0] = 0;
		return c;
	}
	crm_stats_sort(v, n);
	c->have_cuts = true;
	/* The cut points are kpi's quantile(x, k/N): one type-7 rule. */
	for (size_t k = 1; k < nbins; k++)
		c->cut[k - 1] = crm_stats_quantile7_sorted(v, n,
		    (double)k / (double)nbins);
	/* Bin sizes: walk the sorted values along the cut points. */
	for (size_t i = 0; i < n; i++) {
		while (b < nbins - 1 && v[i] > c->cut[b])
			b++;
		c->size[reverse ? nbins - 1 - b : b]++;
	}
	return c;
}

crm_classifier *
crm_classify_quantile_cuts(const double *cut, size_t nbins, bool reverse)
{
	crm_classifier *c = new_classifier(KIND_QUANTILE, nbins);

	c->reverse = reverse;
	c->cut = crm_xcalloc(nbins, sizeof *c->cut);
	memcpy(c->cut, cut, (nbins - 1) * sizeof *cut);
	c->have_cuts = true;
	c->counting = true;
	return c;
}

size_t
crm_classify_next(crm_classifier *c, double x)
{
	size_t nb = c->nclass - 1, k, first;
	double key;

	if (c->kind == KIND_QUANTILE) {
		size_t b = c->have_cuts ? lower_bound(c->cut, nb, x) : 0;

		b = c->reverse ? nb - b : b;
		if (c->counting)
			c->size[b]++;
		return b;
	}
	key = c->sign * x;
	/* Boundaries whose last key is below this one are passed. */
	first = 0;
	for (size_t hi = nb; first < hi;) {
		size_t mid = first + (hi - first) / 2;

		if (c->b[mid].last < key)
			first = mid + 1;
		else
			hi = mid;
	}
	k = first;
	/* Boundaries inside this row's tie group: passed once the rows of
	 * the group before the boundary have been seen. */
	while (k < nb && c->b[k].last == key && c->b[k].straddle &&
	    c->seen[c->b[k].group] >= c->b[k].quota)
		k++;
	if (first < nb && c->b[first].last == key && c->b[first].straddle)
		c->seen[c->b[first].group]++;
	return k;
}

size_t
crm_classify_classes(const crm_classifier *c)
{
	return c->nclass;
}

size_t
crm_classify_size(const crm_classifier *c, size_t k)
{
	return k < c->nclass ? c->size[k] : 0;
}

double
crm_classify_total(const crm_classifier *c)
{
	return c->kind == KIND_ABC ? c->total : 0;
}

double
crm_classify_cut(const crm_classifier *c, size_t k)
{
	if (c->kind != KIND_QUANTILE || !c->have_cuts || k < 1 ||
	    k >= c->nclass)
		return NAN;
	return c->cut[k - 1];
}

void
crm_classify_free(crm_classifier *c)
{
	if (c == NULL)
		return;
	free(c->size);
	free(c->b);
	free(c->seen);
	free(c->cut);
	free(c);
}

/* ------------------------------------------------------------------ */
/* Needs */

long
crm_classify_argmax(const double *score, size_t n, double margin)
{
	size_t best = 0;
	double second = -INFINITY, d;

	for (size_t i = 1; i < n; i++)
		if (score[i] > score[best])
			best = i;
	if (n < 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (i != best && score[i] > second)
			second = score[i];
	d = score[best] - second;
	if (d <= margin)
		return -1;
	if (margin > 0 && d - margin <= CRM_CLASSIFY_TOLERANCE *
	    fmax(fmax(fabs(score[best]), fabs(second)), margin))
		return -1;
	return (long)best;
}
