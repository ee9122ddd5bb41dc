/*
 * crm_stats: vectors, sorting and type-7 quantiles of doubles.  See
 * crm_stats.h for the contract.
 */
/* madvise(2) */
#define _DEFAULT_SOURCE 1

#include "crm_stats.h"

#include <sys/mman.h>

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_diag.h"

void
crm_stats_vec_push(crm_stats_vec *d, double x)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->v = crm_xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = x;
}

void
crm_stats_vec_move_append(crm_stats_vec *d, crm_stats_vec *src)
{
	const size_t chunk = (size_t)64 * 1024;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), released;

	if (src->n == 0) {
		crm_stats_vec_free(src);
		return;
	}
	if (d->cap - d->n < src->n) {
		if (src->n > SIZE_MAX / sizeof *d->v - d->n)
			crm_die(CRM_EXIT_IO, "out of memory");
		d->cap = d->n + src->n;
		d->v = crm_xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	/* Copy in pieces and give the pages of src that lie wholly in the
	 * copied part back to the system: never both copies at once.
	 * Only whole pages inside the values are released, never a page
	 * that malloc's bookkeeping shares; they are not read again. */
	released = ((uintptr_t)src->v + page - 1) & ~(page - 1);
	for (size_t done = 0; done < src->n;) {
		size_t k = src->n - done < chunk ? src->n - done : chunk;
		uintptr_t end;

		memcpy(d->v + d->n, src->v + done, k * sizeof *d->v);
		d->n += k;
		done += k;
		end = (uintptr_t)(src->v + done) & ~(page - 1);
		if (end > released) {
			(void)madvise((void *)released, end - released,
			    MADV_DONTNEED);
			released = end;
		}
	}
	crm_stats_vec_free(src);
}

void
crm_stats_vec_free(crm_stats_vec *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

static void
swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

static void
insertion_sort(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void
sift_down(double *v, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && v[child + 1] > v[child])
			child++;
		if (!(v[child] > v[root]))
			return;
		swap(&v[child], &v[root]);
		root = child;
	}
}

static void
heap_sort(double *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end-- > 1;) {
		swap(&v[0], &v[end]);
		sift_down(v, 0, end);
	}
}

/*
 * Hoare partition of v[0..n) (n >= 3) around the median of its first,
 * middle and last values.  Returns j with v[0..j] <= pivot <=
 * v[j+1..n); the median of three stops both scans, so 0 <= j <= n - 2.
 * Shared by the sort and by quantile selection.
 */
static size_t
partition(double *v, size_t n)
{
	size_t mid = n / 2, i = 0, j = n - 1;
	double pivot;

	if (v[mid] < v[0])
		swap(&v[mid], &v[0]);
	if (v[n - 1] < v[0])
		swap(&v[n - 1], &v[0]);
	if (v[n - 1] < v[mid])
		swap(&v[n - 1], &v[mid]);
	pivot = v[mid];
	for (;;) {
		while (v[i] < pivot)
			i++;
		while (v[j] > pivot)
			j--;
		if (i >= j)
			return j;
		swap(&v[i], &v[j]);
		i++;
		j--;
	}
}

static void
intro_sort(double *v, size_t n, unsigned depth)
{
	while (n > 16) {
		size_t j;

		if (depth-- == 0) {
			heap_sort(v, n);
			return;
		}
		j = partition(v, n);
		/* Recurse into the smaller part, loop on the larger. */
		if (j + 1 < n - (j + 1)) {
			intro_sort(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			intro_sort(v + j + 1, n - (j + 1), depth);
			n = j + 1;
		}
	}
	insertion_sort(v, n);
}

void
crm_stats_sort(double *v, size_t n)
{
	unsigned depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(v, n, depth);
}


/*
 * Put the k-th smallest of v[0..n) at v[k], smaller ones before it and
 * larger ones after.  Quickselect with a median-of-three pivot; after
 * too many unbalanced rounds the remaining range is sorted, so hostile
 * orderings cannot make it quadratic.
 */
static void
select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, budget = 64;

	while (hi > lo) {
		size_t j;

		if (budget-- == 0 || hi - lo < 16) {
			crm_stats_sort(v + lo, hi - lo + 1);
			return;
		}
		j = lo + partition(v + lo, hi - lo + 1);
		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
}

/*
 * The position h = (n-1)p of a type-7 quantile.  A percentile such as p7
 * is stored as 0.07, which is not exact in binary: 100 * 0.07 gives
 * 7.000000000000001, and the quantile would land a hair above the 8th
 * value instead of on it.  A position within a few ulps of an integer is
 * taken as that integer, as the decimal percentile means.
 */
static double
position(size_t n, double p)
{
	double h = (double)(n - 1) * p, r = nearbyint(h);

	if (fabs(h - r) <= 4 * DBL_EPSILON * (r > 1 ? r : 1))
		return r;
	return h;
}

/* The type-7 value between the k-th and (k+1)-th smallest, lo and hi, at
 * position h; a zero is +0 however the values' zeros were signed. */
static double
interpolate(double lo, double hi, double h, size_t k)
{
	double q = lo + (h - (double)k) * (hi - lo);

	return q == 0 ? 0.0 : q;
}

double
crm_stats_quantile7(double *v, size_t n, double p)
{
	double h = position(n, p), lo, hi;
	size_t k = (size_t)floor(h);

	if (k >= n - 1) {
		select_kth(v, n, n - 1);
		return interpolate(v[n - 1], v[n - 1], h, k);
	}
	select_kth(v, n, k);
	lo = v[k];
	/* The (k+1)-th smallest is the least of everything after k. */
	hi = v[k + 1];
	for (size_t i = k + 2; i < n; i++)
		if (v[i] < hi)
			hi = v[i];
	return interpolate(lo, hi, h, k);
}

/* A key whose unsigned order is the order of the doubles (not NaN; -0
 * comes just before +0). */
static uint64_t
order_key(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	return (u >> 63) != 0 ? ~u : u | (UINT64_C(1) << 63);
}

static double
from_order_key(uint64_t key)
{
	uint64_t u = (key >> 63) != 0 ? key & ~(UINT64_C(1) << 63) : ~key;
	double x;

	memcpy(&x, &u, sizeof x);
	return x;
}

enum { KEPT_BITS = 16, KEPT_FEW = 1 << 16 };

/*
 * The k-th and (k+1)-th smallest of v[0..n) (k + 1 < n), without moving
 * any value: the top bits of the k-th value's order key are found 16 at
 * a time by counting how many values have each next 16 bits, until at
 * most KEPT_FEW values share the bits found; those are copied out and
 * selected among.  Typical data takes two rounds over v (one when the
 * (k+1)-th shares the k-th's top bits); any data at most five.
 */
static void
kth_kept(const double *v, size_t n, size_t k, double *kth, double *next)
{
	size_t *count = crm_xcalloc((size_t)1 << KEPT_BITS, sizeof *count);
	const size_t k0 = k;
	uint64_t prefix = 0;
	size_t have = n, j = 0, at_most = 0;
	int fixed = 0;
	double *few, hi = HUGE_VAL;

	while (have > KEPT_FEW && fixed < 64) {
		int shift = 64 - fixed - KEPT_BITS;
		size_t b = 0;

		memset(count, 0, ((size_t)1 << KEPT_BITS) * sizeof *count);
		for (size_t i = 0; i < n; i++) {
			uint64_t key = order_key(v[i]);

			if (fixed == 0 || key >> (64 - fixed) == prefix)
				count[(key >> shift) & 0xFFFF]++;
		}
		while (k >= count[b])
			k -= count[b++];
		have = count[b];
		prefix = (prefix << KEPT_BITS) | b;
		fixed += KEPT_BITS;
	}
	free(count);
	if (fixed == 64) {		/* have values all equal to the k-th */
		*kth = from_order_key(prefix);
	} else {
		few = crm_xreallocarray(NULL, have, sizeof *few);
		for (size_t i = 0; i < n; i++)
			if (fixed == 0 ||
			    order_key(v[i]) >> (64 - fixed) == prefix)
				few[j++] = v[i];
		select_kth(few, have, k);
		*kth = few[k];
		for (size_t i = k + 1; i < have; i++)
			if (few[i] < hi)
				hi = few[i];
		free(few);
	}
	if (k + 1 < have) {
		*next = fixed == 64 ? *kth : hi;
		return;
	}
	/* The (k+1)-th does not share the bits found: the least value
	 * above the k-th, unless more values equal it (-0 and +0). */
	for (size_t i = 0; i < n; i++) {
		if (v[i] <= *kth)
			at_most++;
		else if (v[i] < hi)
			hi = v[i];
	}
	*next = at_most >= k0 + 2 ? *kth : hi;
}

double
crm_stats_quantile7_keep(const double *v, size_t n, double p)
{
	double h = position(n, p), lo, hi;
	size_t k = (size_t)floor(h);

	if (k >= n - 1) {
		lo = v[0];
		for (size_t i = 1; i < n; i++)
			if (v[i] > lo)
				lo = v[i];
		return interpolate(lo, lo, h, k);
	}
	kth_kept(v, n, k, &lo, &hi);
	return interpolate(lo, hi, h, k);
}

double
crm_stats_quantile7_sorted(const double *v, size_t n, double p)
{
	double h = position(n, p);
	size_t k = (size_t)floor(h);

	if (k >= n - 1)
		return interpolate(v[n - 1], v[n - 1], h, k);
	return interpolate(v[k], v[k + 1], h, k);
}
