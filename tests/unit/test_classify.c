/*
 * Unit tests of crm_classify: ABC analysis, NTILE buckets, quantile
 * bins, needs argmax with tie margin, option-list splitting, sorting.
 * Expected classes are computed by hand (see the comments) and, for
 * random inputs, by naive reference implementations that rank rows
 * explicitly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "crm_classify.h"
#include "crm_opts.h"
#include "crm_stats.h"

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/* Classify vals[0..n) (input order) with a fresh copy for the builder,
 * as segment does: build from the first pass, free, ask in order. */
enum kind { ABC, NTILE_ASC, NTILE_DESC, QUANT, QUANT_REV };

static void
classify(enum kind kind, const double *vals, size_t n, const double *cut,
	 size_t ncut, size_t nbins, size_t *out)
{
	double *copy = malloc((n ? n : 1) * sizeof *copy);
	crm_classifier *c = NULL;

	memcpy(copy, vals, n * sizeof *copy);
	switch (kind) {
	case ABC:
		c = crm_classify_abc(copy, n, cut, ncut);
		break;
	case NTILE_ASC:
	case NTILE_DESC:
		c = crm_classify_ntile(copy, n, nbins, kind == NTILE_DESC);
		break;
	case QUANT:
	case QUANT_REV:
		c = crm_classify_quantile(copy, n, nbins, kind == QUANT_REV);
		break;
	}
	free(copy);
	for (size_t i = 0; i < n; i++)
		out[i] = crm_classify_next(c, vals[i]);
	crm_classify_free(c);
}

static void
expect_classes(enum kind kind, const double *vals, size_t n,
	       const double *cut, size_t ncut, size_t nbins,
	       const size_t *want)
{
	size_t *got = malloc((n ? n : 1) * sizeof *got);

	classify(kind, vals, n, cut, ncut, nbins, got);
	for (size_t i = 0; i < n; i++) {
		if (got[i] != want[i])
			print_error("row %zu (value %g): class %zu, want %zu\n",
			    i + 1, vals[i], got[i], want[i]);
		assert_int_equal(got[i], want[i]);
	}
	free(got);
}

static const double abc_cuts[2] = { 80, 95 };

/* ------------------------------------------------------------------ */
/* Sorting */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t
rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
test_sort(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 16, 17, 100, 1000, 50000 };

	(void)state;
	for (size_t s = 0; s < N_OF(sizes); s++) {
		for (int pattern = 0; pattern < 5; pattern++) {
			size_t n = sizes[s];
			double *a = malloc((n + 1) * sizeof *a);
			double *b = malloc((n + 1) * sizeof *b);

			for (size_t i = 0; i < n; i++) {
				switch (pattern) {
				case 0:	/* random */
					a[i] = (double)(rng() % 1000000) - 5e5;
					break;
				case 1:	/* few distinct values */
					a[i] = (double)(rng() % 3);
					break;
				case 2:	/* ascending */
					a[i] = (double)i;
					break;
				case 3:	/* descending */
					a[i] = (double)(n - i);
					break;
				default:	/* organ pipe */
					a[i] = (double)(i < n / 2 ? i : n - i);
				}
			}
			memcpy(b, a, n * sizeof *a);
			crm_stats_sort(a, n);
			qsort(b, n, sizeof *b, cmp_double);
			assert_memory_equal(a, b, n * sizeof *a);
			free(a);
			free(b);
		}
	}
}

/* ------------------------------------------------------------------ */
/* ABC */

static void
test_abc_equal_values(void **state)
{
	/* 10,10,10: shares before each row 0, 1/3, 2/3: all below 80 %. */
	static const double v[] = { 10, 10, 10 };
	static const size_t want[] = { 0, 0, 0 };

	(void)state;
	expect_classes(ABC, v, N_OF(v), abc_cuts, 2, 0, want);
}

static void
test_abc_ten_ties(void **state)
{
	/* Ten rows of 10: the share before row r is (r-1)/10.  Rows 1-8
	 * are below 80 % (A); row 9 has exactly 80 %, not below: B; row 10
	 * has 90 % < 95 %: B.  Ties go by input order. */
	static const double v[] = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 };
	static const size_t want[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 };
	double copy[N_OF(v)];
	crm_classifier *c;

	(void)state;
	expect_classes(ABC, v, N_OF(v), abc_cuts, 2, 0, want);
	memcpy(copy, v, sizeof v);
	c = crm_classify_abc(copy, N_OF(v), abc_cuts, 2);
	assert_int_equal(crm_classify_classes(c), 3);
	assert_int_equal(crm_classify_size(c, 0), 8);
	assert_int_equal(crm_classify_size(c, 1), 2);
	assert_int_equal(crm_classify_size(c, 2), 0);
	assert_true(crm_classify_total(c) == 100);
	crm_classify_free(c);
}

static void
test_abc_exact_cuts(void **state)
{
	/* 50,30,15,5 (total 100): shares before: 0, 50, 80, 95 %.
	 * A, A, B (80 is not below 80), C (95 is not below 95). */
	static const double v[] = { 50, 30, 15, 5 };
	static const size_t want[] = { 0, 0, 1, 2 };
	/* The same in reverse input order. */
	static const double r[] = { 5, 15, 30, 50 };
	static const size_t rwant[] = { 2, 1, 0, 0 };
	/* Decimal fractions: 0.5 + 0.3 is not exactly 0.8 in binary; the
	 * tolerance still sees a share of 80 %. */
	static const double d[] = { 0.05, 0.3, 0.15, 0.5 };
	static const size_t dwant[] = { 2, 0, 1, 0 };

	(void)state;
	expect_classes(ABC, v, N_OF(v), abc_cuts, 2, 0, want);
	expect_classes(ABC, r, N_OF(r), abc_cuts, 2, 0, rwant);
	expect_classes(ABC, d, N_OF(d), abc_cuts, 2, 0, dwant);
}

static void
test_abc_crossing_row(void **state)
{
	/* 70,20,10: before row 2 the share is 70 % < 80: A, even though
	 * with it the cumulative share is 90 %.  Row 3: 90 % < 95: B. */
	static const double v[] = { 10, 70, 20 };
	static const size_t want[] = { 1, 0, 0 };

	(void)state;
	expect_classes(ABC, v, N_OF(v), abc_cuts, 2, 0, want);
}

static void
test_abc_zeros(void **state)
{
	/* All zero: the top row (first in input order) is A, the others
	 * C. */
	static const double z[] = { 0, 0, 0 };
	static const size_t zwant[] = { 0, 2, 2 };
	/* 10,0,5: sorted 10,5,0; shares 0, 66.7 %, 100 %: A, A, C. */
	static const double m[] = { 10, 0, 5 };
	static const size_t mwant[] = { 0, 2, 0 };
	/* One row: A. */
	static const double one[] = { 3 };
	static const size_t onewant[] = { 0 };
	double copy[3] = { 0, 0, 0 };
	crm_classifier *c;

	(void)state;
	expect_classes(ABC, z, N_OF(z), abc_cuts, 2, 0, zwant);
	expect_classes(ABC, m, N_OF(m), abc_cuts, 2, 0, mwant);
	expect_classes(ABC, one, N_OF(one), abc_cuts, 2, 0, onewant);
	/* No values at all: sizes 0, and a stray value gets A. */
	c = crm_classify_abc(copy, 0, abc_cuts, 2);
	assert_int_equal(crm_classify_size(c, 0), 0);
	assert_int_equal(crm_classify_next(c, 5), 0);
	crm_classify_free(c);
}

static void
test_abc_ties_across_boundaries(void **state)
{
	/* Twenty rows of 1, cuts 80,85: row r has share (r-1)/20.
	 * Rows 1-16 < 80 %: A; row 17 (80 %) < 85: B; rows 18-20: C. */
	double v[20];
	size_t want[20];
	/* Four rows of 1, cuts 30,40: shares 0, 25, 50, 75 %: A, A, C, C;
	 * B stays empty: the tie group straddles both boundaries. */
	static const double w[] = { 1, 1, 1, 1 };
	static const double cuts2[] = { 30, 40 };
	static const size_t wwant[] = { 0, 0, 2, 2 };
	/* Mixed with other values: 5,1,1,1,1,1 (total 10), cuts 80,95:
	 * sorted 5 then the five 1 in input order; shares 0, 50, 60, 70,
	 * 80, 90 %: A A A A B B. */
	static const double x[] = { 1, 1, 5, 1, 1, 1 };
	static const size_t xwant[] = { 0, 0, 0, 0, 1, 1 };
	static const double cuts3[] = { 80, 85 };

	(void)state;
	for (size_t i = 0; i < 20; i++) {
		v[i] = 1;
		want[i] = i < 16 ? 0 : i == 16 ? 1 : 2;
	}
	expect_classes(ABC, v, 20, cuts3, 2, 0, want);
	expect_classes(ABC, w, N_OF(w), cuts2, 2, 0, wwant);
	expect_classes(ABC, x, N_OF(x), abc_cuts, 2, 0, xwant);
}

static void
test_abc_other_cuts(void **state)
{
	/* One cut (A/B) at 50: 40,30,20,10: shares 0, 40, 70, 90: A A B B.
	 * Three cuts 50,70,90 (A-D): shares 0,40,70,90: A A C D. */
	static const double v[] = { 40, 30, 20, 10 };
	static const double one[] = { 50 };
	static const size_t want1[] = { 0, 0, 1, 1 };
	static const double three[] = { 50, 70, 90 };
	static const size_t want3[] = { 0, 0, 2, 3 };
	/* Cut 100: only rows after the whole total (zeros) are past it. */
	static const double hundred[] = { 100 };
	static const double z[] = { 0, 7, 3 };
	static const size_t wantz[] = { 1, 0, 0 };

	(void)state;
	expect_classes(ABC, v, N_OF(v), one, 1, 0, want1);
	expect_classes(ABC, v, N_OF(v), three, 3, 0, want3);
	expect_classes(ABC, z, N_OF(z), hundred, 1, 0, wantz);
}

/* ------------------------------------------------------------------ */
/* NTILE */

static void
test_ntile_sizes(void **state)
{
	/* N = 10, n = 3: 10 = 3*3 + 1, so buckets of 4, 3, 3 by rank:
	 * ranks 1-4 (values 1-4) -> 1, 5-7 -> 2, 8-10 -> 3. */
	static const double v[] = { 7, 1, 10, 4, 5, 2, 9, 3, 8, 6 };
	static const size_t want[] = { 1, 0, 2, 0, 1, 0, 2, 0, 2, 1 };
	/* Descending (--reverse): ranks by value descending: 10..7 -> 1,
	 * 6..4 -> 2, 3..1 -> 3. */
	static const size_t rwant[] = { 0, 2, 0, 1, 1, 2, 0, 2, 0, 1 };
	double copy[N_OF(v)];
	crm_classifier *c;

	(void)state;
	expect_classes(NTILE_ASC, v, N_OF(v), NULL, 0, 3, want);
	expect_classes(NTILE_DESC, v, N_OF(v), NULL, 0, 3, rwant);
	memcpy(copy, v, sizeof v);
	c = crm_classify_ntile(copy, N_OF(v), 3, false);
	assert_int_equal(crm_classify_size(c, 0), 4);
	assert_int_equal(crm_classify_size(c, 1), 3);
	assert_int_equal(crm_classify_size(c, 2), 3);
	crm_classify_free(c);
}

static void
test_ntile_ties(void **state)
{
	/* Five equal values, n = 2: buckets of 3 and 2 in input order. */
	static const double v[] = { 4, 4, 4, 4, 4 };
	static const size_t want[] = { 0, 0, 0, 1, 1 };
	/* 1,2,2,2,3 n=2 (3 + 2): ranks 1 (1), 2-4 (the 2s), 5 (3):
	 * bucket 1 gets the 1 and the first two 2s. */
	static const double w[] = { 2, 3, 2, 1, 2 };
	static const size_t wwant[] = { 0, 1, 0, 0, 1 };
	/* Descending: 3, then the 2s in input order, then 1; bucket 1 gets
	 * 3 and the first two 2s. */
	static const size_t wrwant[] = { 0, 0, 0, 1, 1 };

	(void)state;
	expect_classes(NTILE_ASC, v, N_OF(v), NULL, 0, 2, want);
	expect_classes(NTILE_DESC, v, N_OF(v), NULL, 0, 2, want);
	expect_classes(NTILE_ASC, w, N_OF(w), NULL, 0, 2, wwant);
	expect_classes(NTILE_DESC, w, N_OF(w), NULL, 0, 2, wrwant);
}

static void
test_ntile_fewer_rows(void **state)
{
	/* N = 2 < n = 5: buckets 1 and 2 get a row each. */
	static const double v[] = { 9, 3 };
	static const size_t want[] = { 1, 0 };
	/* n = 1: everything in bucket 1. */
	static const double w[] = { 3, 1, 2 };
	static const size_t wwant[] = { 0, 0, 0 };

	(void)state;
	expect_classes(NTILE_ASC, v, N_OF(v), NULL, 0, 5, want);
	expect_classes(NTILE_ASC, w, N_OF(w), NULL, 0, 1, wwant);
}

/* ------------------------------------------------------------------ */
/* Quantile bins */

static void
test_quantile_cut_points(void **state)
{
	/* 1..5, n = 4: cut points at p = .25, .5, .75: h = 4p = 1, 2, 3:
	 * exactly the values 2, 3, 4.  A value equal to a cut point goes
	 * to the lower bin: 1,2 -> 1; 3 -> 2; 4 -> 3; 5 -> 4. */
	static const double v[] = { 3, 1, 5, 2, 4 };
	static const size_t want[] = { 1, 0, 3, 0, 2 };
	static const size_t rwant[] = { 2, 3, 0, 3, 1 };
	double copy[N_OF(v)];
	crm_classifier *c;

	(void)state;
	expect_classes(QUANT, v, N_OF(v), NULL, 0, 4, want);
	expect_classes(QUANT_REV, v, N_OF(v), NULL, 0, 4, rwant);
	memcpy(copy, v, sizeof v);
	c = crm_classify_quantile(copy, N_OF(v), 4, false);
	assert_true(crm_classify_cut(c, 1) == 2);
	assert_true(crm_classify_cut(c, 2) == 3);
	assert_true(crm_classify_cut(c, 3) == 4);
	assert_true(isnan(crm_classify_cut(c, 0)));
	assert_true(isnan(crm_classify_cut(c, 4)));
	assert_int_equal(crm_classify_size(c, 0), 2);
	assert_int_equal(crm_classify_size(c, 1), 1);
	assert_int_equal(crm_classify_size(c, 2), 1);
	assert_int_equal(crm_classify_size(c, 3), 1);
	crm_classify_free(c);
}

static void
test_quantile_interpolated(void **state)
{
	/* 10,20,30,40, n = 5: h = 3k/5 = 0.6, 1.2, 1.8, 2.4: cut points
	 * 16, 22, 28, 34.  10 -> 1, 20 -> 2, 30 -> 4, 40 -> 5; no value
	 * lies in (22, 28], so score 3 is empty. */
	static const double v[] = { 40, 10, 30, 20 };
	static const size_t want[] = { 4, 0, 3, 1 };
	double copy[N_OF(v)];
	crm_classifier *c;

	(void)state;
	expect_classes(QUANT, v, N_OF(v), NULL, 0, 5, want);
	memcpy(copy, v, sizeof v);
	c = crm_classify_quantile(copy, N_OF(v), 5, false);
	assert_true(fabs(crm_classify_cut(c, 1) - 16) < 1e-12);
	assert_true(fabs(crm_classify_cut(c, 4) - 34) < 1e-12);
	assert_int_equal(crm_classify_size(c, 2), 0);
	crm_classify_free(c);
}

static void
test_quantile_ties(void **state)
{
	/* 1,1,1,1,2 n = 2: the median is 1; every 1 equals the cut point
	 * and stays in bin 1; 2 -> 2.  --reverse: 1 -> 2, 2 -> 1. */
	static const double v[] = { 1, 2, 1, 1, 1 };
	static const size_t want[] = { 0, 1, 0, 0, 0 };
	static const size_t rwant[] = { 1, 0, 1, 1, 1 };
	/* All equal: every cut point is that value: bin 1 for all. */
	static const double e[] = { 7, 7, 7 };
	static const size_t ewant[] = { 0, 0, 0 };

	(void)state;
	expect_classes(QUANT, v, N_OF(v), NULL, 0, 2, want);
	expect_classes(QUANT_REV, v, N_OF(v), NULL, 0, 2, rwant);
	expect_classes(QUANT, e, N_OF(e), NULL, 0, 5, ewant);
}

static void
test_quantile_empty(void **state)
{
	double v[1] = { 0 };
	crm_classifier *c = crm_classify_quantile(v, 0, 3, false);

	(void)state;
	assert_int_equal(crm_classify_next(c, 4), 0);
	assert_true(isnan(crm_classify_cut(c, 1)));
	crm_classify_free(c);
	c = crm_classify_quantile(v, 0, 3, true);
	assert_int_equal(crm_classify_next(c, 4), 2);
	crm_classify_free(c);
}

/* ------------------------------------------------------------------ */
/* Random inputs against naive references */

/* Input positions ordered by value (ascending or descending), ties in
 * input order: insertion sort, which is stable. */
static void
naive_order(const double *v, size_t n, bool desc, size_t *idx)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && (desc ? v[idx[j - 1]] < v[i] :
		    v[idx[j - 1]] > v[i])) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
}

static void
naive_abc(const double *v, size_t n, const double *cut, size_t ncut,
	  size_t *out)
{
	size_t idx[256];
	long long total = 0, prefix = 0;

	naive_order(v, n, true, idx);
	for (size_t i = 0; i < n; i++)
		total += (long long)v[i];
	for (size_t r = 0; r < n; r++) {
		size_t k = 0;

		/* integers: prefix/total < cut/100 exactly */
		if (r > 0)
			while (k < ncut && !(prefix * 100 <
			    (long long)cut[k] * total))
				k++;
		out[idx[r]] = k;
		prefix += (long long)v[idx[r]];
	}
}

static void
naive_ntile(const double *v, size_t n, size_t nb, bool desc, size_t *out)
{
	size_t idx[256], r = 0;

	naive_order(v, n, desc, idx);
	for (size_t b = 0; b < nb; b++) {
		size_t size = n / nb + (b < n % nb ? 1 : 0);

		for (size_t i = 0; i < size; i++)
			out[idx[r++]] = b;
	}
}

/* segment's cut points and kpi's quantile(x, k/N) are one rule: equal
 * to the bit, also where (n-1)k/N is no integer and k/N no binary
 * fraction (the interpolation weight must be computed the same way). */
static void
test_quantile_cuts_are_kpi_quantiles(void **state)
{
	static double v[5000], copy[5000];

	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t n = 2 + (size_t)(rng() % 4999), nb = 2 +
		    (size_t)(rng() % 8);
		crm_classifier *c;

		for (size_t i = 0; i < n; i++)
			v[i] = (double)(rng() % 1000000) / 100.0;
		memcpy(copy, v, n * sizeof *v);
		c = crm_classify_quantile(copy, n, nb, false);
		for (size_t k = 1; k < nb; k++) {
			double q = crm_stats_quantile7_keep(v, n,
			    (double)k / (double)nb);

			assert_memory_equal(&q, &(double){ crm_classify_cut(c,
			    k) }, sizeof q);
		}
		crm_classify_free(c);
	}
}

static void
naive_quantile(const double *v, size_t n, size_t nb, size_t *out)
{
	double s[256], cuts[64];

	if (n == 0)
		return;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	/* type 7: h = (n-1) k/nb, exact in integers */
	for (size_t k = 1; k < nb; k++) {
		size_t lo = (n - 1) * k / nb, num = (n - 1) * k % nb;

		cuts[k - 1] = num == 0 ? s[lo] :
		    s[lo] + (double)num / (double)nb * (s[lo + 1] - s[lo]);
	}
	for (size_t i = 0; i < n; i++) {
		size_t b = 0;

		for (size_t k = 0; k + 1 < nb; k++)
			if (v[i] > cuts[k])
				b++;
		out[i] = b;
	}
}

static void
test_random_against_naive(void **state)
{
	static const double cutsets[][3] = {
		{ 80, 95, 0 }, { 50, 0, 0 }, { 30, 40, 99 }, { 60, 61, 100 }
	};
	static const size_t ncuts[] = { 2, 1, 3, 3 };

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)(rng() % 60), nb = 1 + (size_t)(rng() % 9);
		unsigned range = 1 + (unsigned)(rng() % 12);
		double v[256];
		size_t want[256], got[256];
		int cs = (int)(rng() % 4);

		for (size_t i = 0; i < n; i++)
			v[i] = (double)(rng() % range);
		naive_abc(v, n, cutsets[cs], ncuts[cs], want);
		classify(ABC, v, n, cutsets[cs], ncuts[cs], 0, got);
		assert_memory_equal(got, want, n * sizeof *got);
		for (int d = 0; d < 2; d++) {
			naive_ntile(v, n, nb, d, want);
			classify(d ? NTILE_DESC : NTILE_ASC, v, n, NULL, 0, nb,
			    got);
			assert_memory_equal(got, want, n * sizeof *got);
		}
		naive_quantile(v, n, nb, want);
		classify(QUANT, v, n, NULL, 0, nb, got);
		assert_memory_equal(got, want, n * sizeof *got);
	}
}

/* ------------------------------------------------------------------ */
/* Needs */

static void
test_argmax(void **state)
{
	static const double clear[] = { 3, 9, 5 };
	static const double tie[] = { 7, 2, 7 };
	static const double near[] = { 6.5, 6.4, 1 };
	static const double dec[] = { 1.1, 0.9, 0 };
	static const double dec2[] = { 1.1, 0.89, 0 };
	static const double neg[] = { -3, -1 };
	static const double low_tie[] = { 9, 1, 1 };

	(void)state;
	assert_int_equal(crm_classify_argmax(clear, 3, 0), 1);
	assert_int_equal(crm_classify_argmax(tie, 3, 0), -1);
	/* Only the top two count: a tie lower down does not matter. */
	assert_int_equal(crm_classify_argmax(low_tie, 3, 0), 0);
	/* 6.5 - 6.4 = 0.1 (0.0999... in binary): within 0.1 is mixed. */
	assert_int_equal(crm_classify_argmax(near, 3, 0), 0);
	assert_int_equal(crm_classify_argmax(near, 3, 0.1), -1);
	assert_int_equal(crm_classify_argmax(near, 3, 0.09), 0);
	/* 1.1 - 0.9 is 0.20000000000000007 in binary: still within 0.2. */
	assert_int_equal(crm_classify_argmax(dec, 3, 0.2), -1);
	assert_int_equal(crm_classify_argmax(dec2, 3, 0.2), 0);
	/* Clear winner with 4 (margin 3 < 4 ≤ 4). */
	assert_int_equal(crm_classify_argmax(clear, 3, 3), 1);
	assert_int_equal(crm_classify_argmax(clear, 3, 4), -1);
	assert_int_equal(crm_classify_argmax(neg, 2, 0), 1);
	assert_int_equal(crm_classify_argmax(neg, 2, 2), -1);
	assert_int_equal(crm_classify_argmax(neg, 1, 0), 0);
}

/* ------------------------------------------------------------------ */
/* Option lists */

static void
test_split(void **state)
{
	char s1[] = "a,max(b,c),{x,y},\"p,q\",\"r\\\",s\",";
	char s2[] = "";
	char s3[] = "80,95";
	char *item[8];

	(void)state;
	assert_int_equal(crm_opts_split_list(s1, item, 8), 6);
	assert_string_equal(item[0], "a");
	assert_string_equal(item[1], "max(b,c)");
	assert_string_equal(item[2], "{x,y}");
	assert_string_equal(item[3], "\"p,q\"");
	assert_string_equal(item[4], "\"r\\\",s\"");
	assert_string_equal(item[5], "");
	assert_int_equal(crm_opts_split_list(s2, item, 8), 1);
	assert_string_equal(item[0], "");
	/* More items than room: counted, not stored. */
	assert_int_equal(crm_opts_split_list(s3, item, 1), 2);
	assert_string_equal(item[0], "80");
}

/* Bins over saved cut points (--thresholds): the same classes as the
 * run that computed them, for its own values and for new ones; sizes
 * counted as rows come. */
static void
test_quantile_cuts(void **state)
{
	double v[] = { 60, 80, 90, 100, 120, 150 }, copy[6], cut[3];
	crm_classifier *c, *d;

	(void)state;
	memcpy(copy, v, sizeof v);
	c = crm_classify_quantile(copy, 6, 4, false);
	for (size_t k = 1; k < 4; k++)
		cut[k - 1] = crm_classify_cut(c, k);
	assert_true(cut[0] == 82.5 && cut[1] == 95 && cut[2] == 115);
	d = crm_classify_quantile_cuts(cut, 4, false);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(crm_classify_next(d, v[i]),
		    crm_classify_next(c, v[i]));
	assert_int_equal(crm_classify_size(d, 0), 2);
	assert_int_equal(crm_classify_size(d, 3), 2);
	assert_true(crm_classify_cut(d, 2) == 95);
	/* a value equal to a cut point goes to the lower bin */
	assert_int_equal(crm_classify_next(d, 95), 1);
	assert_int_equal(crm_classify_next(d, 95.0000001), 2);
	crm_classify_free(d);
	d = crm_classify_quantile_cuts(cut, 4, true);
	assert_int_equal(crm_classify_next(d, 60), 3);
	assert_int_equal(crm_classify_next(d, 1000), 0);
	crm_classify_free(d);
	crm_classify_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_abc_equal_values),
		cmocka_unit_test(test_abc_ten_ties),
		cmocka_unit_test(test_abc_exact_cuts),
		cmocka_unit_test(test_abc_crossing_row),
		cmocka_unit_test(test_abc_zeros),
		cmocka_unit_test(test_abc_ties_across_boundaries),
		cmocka_unit_test(test_abc_other_cuts),
		cmocka_unit_test(test_ntile_sizes),
		cmocka_unit_test(test_ntile_ties),
		cmocka_unit_test(test_ntile_fewer_rows),
		cmocka_unit_test(test_quantile_cut_points),
		cmocka_unit_test(test_quantile_interpolated),
		cmocka_unit_test(test_quantile_cuts_are_kpi_quantiles),
		cmocka_unit_test(test_quantile_ties),
		cmocka_unit_test(test_quantile_empty),
		cmocka_unit_test(test_random_against_naive),
		cmocka_unit_test(test_argmax),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_quantile_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
