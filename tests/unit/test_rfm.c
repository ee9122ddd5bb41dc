/*
 * Unit tests of crm_rfm: the per-customer state (orders, distinct days,
 * first-day amount), its merge, the figures (RFM and the BTYD summary)
 * and the scores.  Expected figures are worked out by hand in the
 * comments; random logs are checked against a naive count of distinct
 * days (sort and count).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "crm_rfm.h"

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

/* The pool of every state below. */
static crm_rfm_pool *P;

/* CDNOW customer 0001 (CDNOW_sample.txt), days counted from 1997-01-01:
 * 1997-01-01 29.33, 01-18 29.73, 08-02 14.96; as-of 1997-09-30 = day 272.
 * x = 2, t_x = 213 / 7 = 30.428..., T = 272 / 7 = 38.857...,
 * m = (29.73 + 14.96) / 2 = 22.345 (the published 2, 30.43, 38.86, 22.35). */
static void
test_cdnow_customer(void **unused)
{
	crm_rfm_state s;
	crm_rfm_figures f, g;

	(void)unused;
	crm_rfm_init(&s);
	crm_rfm_add(P, &s, 0, 29.33, true);
	crm_rfm_add(P, &s, 17, 29.73, true);
	crm_rfm_add(P, &s, 213, 14.96, true);
	crm_rfm_figures_of(P, &s, 272, CRM_RFM_DAYS_PER_WEEK, false, &f);
	assert_int_equal(s.orders, 3);
	assert_int_equal(s.ndays, 3);
	assert_float_equal(f.x, 2, 0);
	assert_float_equal(f.t_x, 213.0 / 7, 1e-12);
	assert_float_equal(f.T, 272.0 / 7, 1e-12);
	assert_float_equal(f.m, 22.345, 1e-12);
	assert_float_equal(f.revenue, 74.02, 1e-12);
	assert_float_equal(f.recency, 59, 0);
	assert_float_equal(f.frequency, 3, 0);
	assert_float_equal(f.monetary, 74.02, 1e-12);
	crm_rfm_figures_of(P, &s, 272, 1, true, &f);
	assert_float_equal(f.monetary, 74.02 / 3, 1e-12);
	/* The scored figures alone, as the whole leaves them. */
	memset(&g, 0, sizeof g);
	crm_rfm_scored_of(&s, 272, true, &g);
	assert_true(g.monetary == f.monetary && g.recency == f.recency &&
	    g.frequency == f.frequency && g.revenue == f.revenue);
	assert_true(g.m == 0 && g.x == 0);
	assert_float_equal(f.t_x, 213, 0);
	crm_rfm_free(P, &s);
}

/* Rows of one day are one purchase day: 3 rows on day 5 (10 + 20 + a
 * missing amount), 2 on day 9 (1 + 2): orders 5, x = 1, revenue 33,
 * m = 3 (day 9), first-day amount 30. */
static void
test_same_day(void **unused)
{
	crm_rfm_state s;
	crm_rfm_figures f;

	(void)unused;
	crm_rfm_init(&s);
	crm_rfm_add(P, &s, 5, 10, true);
	crm_rfm_add(P, &s, 9, 1, true);
	crm_rfm_add(P, &s, 5, 20, true);
	crm_rfm_add(P, &s, 5, 0, false);
	crm_rfm_add(P, &s, 9, 2, true);
	assert_int_equal(s.orders, 5);
	assert_int_equal(s.ndays, 2);
	assert_int_not_equal(s.more, 0);
	crm_rfm_figures_of(P, &s, 9, 1, false, &f);
	assert_float_equal(f.x, 1, 0);
	assert_float_equal(f.m, 3, 1e-12);
	assert_float_equal(f.revenue, 33, 1e-12);
	assert_float_equal(crm_rfm_first_amount(P, &s), 30, 0);
	crm_rfm_free(P, &s);
}

/* A purchase before the first day makes it the first: its amount is the
 * first day's, the old first day's amount counts among the repeats.
 * Days 10 (5), 20 (7), then 3 (2): first 3, last 20, x = 2,
 * m = (5 + 7) / 2 = 6, t_x = 17, T at day 30 = 27, recency 10. */
static void
test_earlier_first_day(void **unused)
{
	crm_rfm_state s;
	crm_rfm_figures f;

	(void)unused;
	crm_rfm_init(&s);
	crm_rfm_add(P, &s, 10, 5, true);
	crm_rfm_add(P, &s, 20, 7, true);
	crm_rfm_add(P, &s, 3, 2, true);
	assert_int_equal(s.first, 3);
	assert_int_equal(s.last, 20);
	assert_float_equal(crm_rfm_first_amount(P, &s), 2, 0);
	crm_rfm_figures_of(P, &s, 30, 1, false, &f);
	assert_float_equal(f.x, 2, 0);
	assert_float_equal(f.m, 6, 0);
	assert_float_equal(f.t_x, 17, 0);
	assert_float_equal(f.T, 27, 0);
	assert_float_equal(f.recency, 10, 0);
	assert_true(crm_rfm_has_day(P, &s, 10));
	assert_false(crm_rfm_has_day(P, &s, 11));
	crm_rfm_free(P, &s);
}

/* One purchase day: x = 0, t_x = 0, m = 0 whatever the amount; months
 * of 30.4375 days: T of 60.875 days is 2. */
static void
test_one_day(void **unused)
{
	crm_rfm_state s;
	crm_rfm_figures f;

	(void)unused;
	crm_rfm_init(&s);
	crm_rfm_add(P, &s, 100, 42, true);
	crm_rfm_add_holdout(&s);
	crm_rfm_figures_of(P, &s, 100, CRM_RFM_DAYS_PER_MONTH, false, &f);
	assert_float_equal(f.x, 0, 0);
	assert_float_equal(f.t_x, 0, 0);
	assert_float_equal(f.m, 0, 0);
	assert_float_equal(f.T, 0, 0);
	assert_int_equal(s.holdout, 1);
	assert_int_equal(s.orders, 1);
	/* As-of 160.875 days is not a day; 161 - 100 = 61 days. */
	crm_rfm_figures_of(P, &s, 161, CRM_RFM_DAYS_PER_MONTH, false, &f);
	assert_float_equal(f.T, 61 / 30.4375, 1e-12);
	crm_rfm_free(P, &s);
}

/* Naive distinct count of days[0..n). */
static uint32_t
naive_distinct(const int32_t *days, size_t n)
{
	int32_t *c = malloc(n * sizeof *c);
	uint32_t k = 0;

	memcpy(c, days, n * sizeof *c);
	for (size_t i = 1; i < n; i++)	/* insertion sort: n is small */
		for (size_t j = i; j > 0 && c[j - 1] > c[j]; j--) {
			int32_t t = c[j];

			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		if (i == 0 || c[i] != c[i - 1])
			k++;
	free(c);
	return k;
}

/* The days stay sorted and distinct, first and last at the ends; a
 * block from the second day on. */
static void
check_days(const crm_rfm_state *s)
{
	assert_true((s->more != 0) == (s->ndays >= 2));
	if (s->ndays == 0)
		return;
	assert_int_equal(crm_rfm_day(P, s, 0), s->first);
	assert_int_equal(crm_rfm_day(P, s, s->ndays - 1), s->last);
	for (uint32_t i = 1; i < s->ndays; i++)
		assert_true(crm_rfm_day(P, s, i - 1) < crm_rfm_day(P, s, i));
}

/* Random logs in random order: distinct days as a naive count, and any
 * split into two parts merged gives the state of the whole. */
static void
test_random_logs(void **unused)
{
	unsigned seed = 12345;

	(void)unused;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % 200), cut;
		int32_t span = 1 + rand_r(&seed) % 400;
		int32_t *day = malloc(n * sizeof *day);
		double *amt = malloc(n * sizeof *amt);
		crm_rfm_state whole, a, b;
		crm_rfm_figures fw, fm;

		crm_rfm_init(&whole);
		crm_rfm_init(&a);
		crm_rfm_init(&b);
		cut = (size_t)rand_r(&seed) % (n + 1);
		for (size_t i = 0; i < n; i++) {
			day[i] = rand_r(&seed) % span - span / 2;
			amt[i] = (double)(rand_r(&seed) % 10000) / 100;
			crm_rfm_add(P, &whole, day[i], amt[i], true);
			crm_rfm_add(P, i < cut ? &a : &b, day[i], amt[i], true);
		}
		assert_int_equal(whole.ndays, naive_distinct(day, n));
		check_days(&whole);
		crm_rfm_merge(P, &a, &b);
		assert_int_equal(a.ndays, whole.ndays);
		assert_int_equal(a.orders, n);
		assert_int_equal(a.first, whole.first);
		assert_int_equal(a.last, whole.last);
		check_days(&a);
		for (uint32_t i = 0; i < whole.ndays; i++)
			assert_int_equal(crm_rfm_day(P, &a, i),
			    crm_rfm_day(P, &whole, i));
		crm_rfm_figures_of(P, &whole, whole.last + 3, 7, false, &fw);
		crm_rfm_figures_of(P, &a, whole.last + 3, 7, false, &fm);
		/* Compensated sums: the same doubles, not just close. */
		assert_true(fm.m == fw.m);
		assert_true(fm.revenue == fw.revenue);
		/* Adding after a merge goes on as before. */
		crm_rfm_add(P, &a, whole.last + 1, 1, true);
		crm_rfm_add(P, &a, whole.first - 1, 1, true);
		assert_int_equal(a.ndays, whole.ndays + 2);
		check_days(&a);
		crm_rfm_free(P, &whole);
		crm_rfm_free(P, &a);
		crm_rfm_free(P, &b);
		free(day);
		free(amt);
	}
}

/* Merging into an empty state, and an empty state into one. */
static void
test_merge_empty(void **unused)
{
	crm_rfm_state a, b;

	(void)unused;
	crm_rfm_init(&a);
	crm_rfm_init(&b);
	for (int d = 0; d < 5; d++)
		crm_rfm_add(P, &b, d * 2, 1, true);
	crm_rfm_add_holdout(&b);
	crm_rfm_merge(P, &a, &b);
	assert_int_equal(a.ndays, 5);
	assert_int_equal(a.holdout, 1);
	assert_int_equal(b.ndays, 5);
	crm_rfm_free(P, &b);
	crm_rfm_merge(P, &a, &b);
	assert_int_equal(a.ndays, 5);
	assert_int_equal(a.orders, 5);
	check_days(&a);
	crm_rfm_free(P, &a);
}

/* Blocks given back are taken again: the same customers a second time
 * take no more of the pool; 20 customers of 9 days take 20 blocks of 16
 * bytes and room for 8 inner days (32), the 20 of each smaller room
 * given back on the way (16 + 4 x (0, 1, 2, 4)) about as much again. */
static void
test_pool_reuse(void **unused)
{
	crm_rfm_state s[20];
	size_t before = crm_rfm_pool_bytes(P), after;

	(void)unused;
	for (int round = 0; round < 2; round++) {
		for (int c = 0; c < 20; c++)
			crm_rfm_init(&s[c]);
		for (int d = 0; d < 9; d++)
			for (int c = 0; c < 20; c++)
				crm_rfm_add(P, &s[c], d * 3 + c % 2, 1, true);
		for (int c = 0; c < 20; c++) {
			assert_int_equal(s[c].ndays, 9);
			check_days(&s[c]);
			crm_rfm_free(P, &s[c]);
		}
		if (round == 0)
			after = crm_rfm_pool_bytes(P);
	}
	assert_true(after - before <= 20 * (48 + 16 * 4 + 4 * 7));
	assert_int_equal(crm_rfm_pool_bytes(P), after);
}

static double
value_at(void *ctx, size_t i)
{
	return ((const double *)ctx)[i];
}

static void
scores(const double *v, size_t n, unsigned nbins, crm_rfm_method m,
       bool reverse, const unsigned char *want)
{
	unsigned char got[16];

	crm_rfm_score(n, value_at, (void *)v, nbins, m, reverse, got, NULL);
	assert_memory_equal(got, want, n);
}

/*
 * 1..10 with 5 bins: type-7 cut points at h = 9k/5: 2.8, 4.6, 6.4, 8.2,
 * so 1 2 | 3 4 | 5 6 | 7 8 | 9 10; reversed (recency) the lowest get 5.
 * 1, 2, 3 with 2 bins: the cut point is 2 (h = 1), and 2 goes to the
 * lower bin.
 */
static void
test_score_quantile(void **unused)
{
	static const double ten[] = { 3, 1, 2, 4, 5, 6, 7, 8, 9, 10 };
	static const unsigned char up[] = { 2, 1, 1, 2, 3, 3, 4, 4, 5, 5 };
	static const unsigned char down[] = { 4, 5, 5, 4, 3, 3, 2, 2, 1, 1 };
	static const double three[] = { 1, 2, 3 };
	static const unsigned char lower[] = { 1, 1, 2 };

	(void)unused;
	scores(ten, N_OF(ten), 5, CRM_RFM_QUANTILE, false, up);
	scores(ten, N_OF(ten), 5, CRM_RFM_QUANTILE, true, down);
	scores(three, N_OF(three), 2, CRM_RFM_QUANTILE, false, lower);
	{
		static const double want[] = { 2.8, 4.6, 6.4, 8.2 };
		unsigned char got[10];
		double cut[4];

		crm_rfm_score(10, value_at, (void *)ten, 5, CRM_RFM_QUANTILE,
		    false, got, cut);
		for (int k = 0; k < 4; k++)
			assert_float_equal(cut[k], want[k], 1e-12);
		crm_rfm_score(10, value_at, (void *)ten, 5, CRM_RFM_NTILE,
		    false, got, cut);
		assert_true(isnan(cut[0]));
	}
}

/* NTILE: 4 equal values in 2 buckets split by input order (1 1 2 2);
 * reversed, 3 1 2 in 3 buckets ranks 3 first (score 1), 1 last (3). */
static void
test_score_ntile(void **unused)
{
	static const double same[] = { 5, 5, 5, 5 };
	static const unsigned char halves[] = { 1, 1, 2, 2 };
	static const double three[] = { 3, 1, 2 };
	static const unsigned char rev[] = { 1, 3, 2 };
	static const unsigned char fwd[] = { 3, 1, 2 };

	(void)unused;
	scores(same, N_OF(same), 2, CRM_RFM_NTILE, false, halves);
	scores(same, N_OF(same), 2, CRM_RFM_NTILE, true, halves);
	scores(three, N_OF(three), 3, CRM_RFM_NTILE, true, rev);
	scores(three, N_OF(three), 3, CRM_RFM_NTILE, false, fwd);
	crm_rfm_score(0, value_at, NULL, 5, CRM_RFM_NTILE, false, NULL, NULL);
}

/* A rule set by hand: "top" when r_score is 3 and m_score is not
 * empty, "m-less" when m_score is empty, else no rule. */
static const char *
match_by_hand(void *ctx, const crm_record *rec)
{
	int *calls = ctx;

	(*calls)++;
	assert_int_equal(rec->n, 3);
	if (rec->len[2] == 0)
		return "m-less";
	if (rec->f[0][0] == '3')
		return "top";
	return NULL;
}

/* The table asks once per combination and answers by lookup. */
static void
test_segments(void **unused)
{
	const crm_header *h = crm_rfm_score_header();
	crm_rfm_segments *t;
	int calls = 0;

	(void)unused;
	assert_int_equal(h->n, 3);
	assert_string_equal(h->name[0], "r_score");
	assert_string_equal(h->name[2], "m_score");
	t = crm_rfm_segments_build(3, true, match_by_hand, &calls);
	assert_int_equal(calls, 27);
	assert_string_equal(crm_rfm_segment(t, 3, 1, 2), "top");
	assert_string_equal(crm_rfm_segment(t, 3, 3, 3), "top");
	assert_null(crm_rfm_segment(t, 2, 3, 3));
	assert_null(crm_rfm_segment(t, 1, 1, 1));
	crm_rfm_segments_free(t);
	calls = 0;
	t = crm_rfm_segments_build(9, false, match_by_hand, &calls);
	assert_int_equal(calls, 81);
	assert_string_equal(crm_rfm_segment(t, 9, 9, 0), "m-less");
	crm_rfm_segments_free(t);
	crm_rfm_segments_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdnow_customer),
		cmocka_unit_test(test_same_day),
		cmocka_unit_test(test_earlier_first_day),
		cmocka_unit_test(test_one_day),
		cmocka_unit_test(test_random_logs),
		cmocka_unit_test(test_merge_empty),
		cmocka_unit_test(test_pool_reuse),
		cmocka_unit_test(test_score_quantile),
		cmocka_unit_test(test_score_ntile),
		cmocka_unit_test(test_segments),
	};

	int rc;

	P = crm_rfm_pool_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	crm_rfm_pool_free(P);
	return rc;
}
