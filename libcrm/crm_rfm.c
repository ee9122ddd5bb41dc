#include "crm_rfm.h"

#include "crm_agg.h"
#include "crm_classify.h"
#include "crm_diag.h"

#include <stdlib.h>
#include <string.h>

/*
 * The pool: 4-byte words, w[0..n), handed out in blocks.  A block is a
 * header of HEAD words (the first day's amount and its compensation,
 * two doubles) and room for the days between the first and the last,
 * sorted: none, 1, 2, 4, 8, ... of them (class 0, 1, 2, 3, ...), the
 * room of the count it holds, so that the class follows from ndays.  A
 * block given back goes on its class's free list (its first word links
 * the next), where the next block of that class is taken from.
 * Handle 0 is no block: the pool starts HEAD words in.
 */
#define HEAD 4
#define CLASSES 34

struct crm_rfm_pool {
	uint32_t *w;
	size_t n, cap;
	uint32_t free[CLASSES];
};

crm_rfm_pool *
crm_rfm_pool_new(void)
{
	crm_rfm_pool *p = crm_xcalloc(1, sizeof *p);

	p->cap = 1024;
	p->w = crm_xreallocarray(NULL, p->cap, sizeof *p->w);
	p->n = HEAD;
	return p;
}

void
crm_rfm_pool_free(crm_rfm_pool *p)
{
	if (p == NULL)
		return;
	free(p->w);
	free(p);
}

size_t
crm_rfm_pool_bytes(const crm_rfm_pool *p)
{
	return p->n * sizeof *p->w;
}

/* Class of a block for m days between the first and the last. */
static unsigned
class_of(uint32_t m)
{
	unsigned k = 0;

	while (m > 0 && ((uint32_t)1 << k) < m)
		k++;
	return m == 0 ? 0 : k + 1;
}

static size_t
room_of(unsigned k)
{
	return k == 0 ? 0 : (size_t)1 << (k - 1);
}

static uint32_t
block_new(crm_rfm_pool *p, unsigned k)
{
	size_t words = HEAD + room_of(k);
	uint32_t b = p->free[k];

	if (b != 0) {
		p->free[k] = p->w[b];
		return b;
	}
	if (p->n + words > UINT32_MAX)
		crm_die(CRM_EXIT_IO, "out of memory: too many purchase days");
	if (p->n + words > p->cap) {
		while (p->n + words > p->cap)
			p->cap *= 2;
		p->w = crm_xreallocarray(p->w, p->cap, sizeof *p->w);
	}
	b = (uint32_t)p->n;
	p->n += words;
	return b;
}

static void
block_free(crm_rfm_pool *p, uint32_t b, unsigned k)
{
	p->w[b] = p->free[k];
	p->free[k] = b;
}

/* Days between the first and the last of s (ndays >= 2). */
static int32_t *
inner(const crm_rfm_pool *p, const crm_rfm_state *s)
{
	return (int32_t *)(void *)(p->w + s->more + HEAD);
}

static uint32_t
ninner(const crm_rfm_state *s)
{
	return s->ndays >= 2 ? s->ndays - 2 : 0;
}

/* The first day's amount sum and compensation: the revenue's while
 * there is one day, then the block header's. */
static void
first_amount(const crm_rfm_pool *p, const crm_rfm_state *s, double fa[2])
{
	if (s->more == 0) {
		fa[0] = s->revenue;
		fa[1] = s->revenue_comp;
	} else
		memcpy(fa, p->w + s->more, 2 * sizeof *fa);
}

static void
set_first_amount(crm_rfm_pool *p, crm_rfm_state *s, const double fa[2])
{
	memcpy(p->w + s->more, fa, 2 * sizeof *fa);
}

/* Make the block of s a class-k one, keeping its header and the first
 * m inner days (a new block when s has none). */
static void
reblock(crm_rfm_pool *p, crm_rfm_state *s, unsigned k, uint32_t m)
{
	unsigned old = class_of(ninner(s));
	uint32_t b;

	if (s->more != 0 && old == k)
		return;
	b = block_new(p, k);
	if (s->more != 0) {
		memcpy(p->w + b, p->w + s->more,
		    (HEAD + (size_t)m) * sizeof *p->w);
		block_free(p, s->more, old);
	}
	s->more = b;
}

void
crm_rfm_init(crm_rfm_state *s)
{
	memset(s, 0, sizeof *s);
}

void
crm_rfm_free(crm_rfm_pool *p, crm_rfm_state *s)
{
	if (s->more != 0)
		block_free(p, s->more, class_of(ninner(s)));
	crm_rfm_init(s);
}

/* First index i of a[0..n) with a[i] >= day (a ascending). */
static uint32_t
lower_bound(const int32_t *a, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (a[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
crm_rfm_has_day(const crm_rfm_pool *p, const crm_rfm_state *s, int32_t day)
{
	uint32_t m = ninner(s), i;
	const int32_t *a;

	if (s->ndays == 0)
		return false;
	if (day == s->first || day == s->last)
		return true;
	if (m == 0 || day < s->first || day > s->last)
		return false;
	a = inner(p, s);
	i = day > a[m - 1] ? m : lower_bound(a, m, day);
	return i < m && a[i] == day;
}

void
crm_rfm_prefetch(const crm_rfm_pool *p, const crm_rfm_state *s)
{
	const uint32_t *b;

	if (s->more == 0)
		return;
	b = p->w + s->more;
#if defined(__GNUC__)
	/* the header (a row on the first day) and where a later day goes */
	__builtin_prefetch(b, 1);
	__builtin_prefetch(b + HEAD + ninner(s), 1);
#else
	(void)b;
#endif
}

int32_t
crm_rfm_day(const crm_rfm_pool *p, const crm_rfm_state *s, uint32_t i)
{
	if (i == 0)
		return s->first;
	if (i + 1 == s->ndays)
		return s->last;
	return inner(p, s)[i - 1];
}

double
crm_rfm_first_amount(const crm_rfm_pool *p, const crm_rfm_state *s)
{
	double fa[2];

	first_amount(p, s, fa);
	return fa[0];
}

/* Insert the inner day d (absent, first < d < last after the update of
 * first and last) into s, which has m inner days. */
static void
insert_inner(crm_rfm_pool *p, crm_rfm_state *s, uint32_t m, int32_t d)
{
	int32_t *a;
	uint32_t at;

	reblock(p, s, class_of(m + 1), m);
	a = inner(p, s);
	at = m == 0 || d > a[m - 1] ? m : lower_bound(a, m, d);
	memmove(a + at + 1, a + at, (size_t)(m - at) * sizeof *a);
	a[at] = d;
}

/* A new distinct day for s (ndays >= 1); rev is the revenue sum and
 * compensation before this row, the first day's while ndays is 1. */
static void
new_day(crm_rfm_pool *p, crm_rfm_state *s, int32_t day, double amount,
	const double rev[2])
{
	uint32_t m = ninner(s);
	double fa[2];

	if (s->ndays == 1) {
		reblock(p, s, 0, 0);
		fa[0] = rev[0];
		fa[1] = rev[1];
		set_first_amount(p, s, fa);
	} else if (day < s->first)
		insert_inner(p, s, m, s->first);
	else if (day > s->last)
		insert_inner(p, s, m, s->last);
	else
		insert_inner(p, s, m, day);
	if (day < s->first) {
		s->first = day;
		fa[0] = amount;
		fa[1] = 0;
		set_first_amount(p, s, fa);
	}
	if (day > s->last)
		s->last = day;
	s->ndays++;
}

void
crm_rfm_add(crm_rfm_pool *p, crm_rfm_state *s, int32_t day, double amount,
	    bool has_amount)
{
	double rev[2] = { s->revenue, s->revenue_comp };

	if (!has_amount)
		amount = 0;
	s->orders++;
	crm_agg_neumaier(&s->revenue, &s->revenue_comp, amount);
	if (s->ndays == 0) {
		s->first = s->last = day;
		s->ndays = 1;
		return;
	}
	if (day == s->first) {
		if (s->more != 0) {
			double fa[2];

			first_amount(p, s, fa);
			crm_agg_neumaier(&fa[0], &fa[1], amount);
			set_first_amount(p, s, fa);
		}
		return;
	}
	if (day == s->last || (day > s->first && day < s->last &&
	    crm_rfm_has_day(p, s, day)))
		return;
	new_day(p, s, day, amount, rev);
}

void
crm_rfm_add_holdout(crm_rfm_state *s)
{
	s->holdout++;
}

/* Unite the days of into and from (both non-empty) into into, whose
 * first-day amount becomes fa. */
static void
merge_days(crm_rfm_pool *p, crm_rfm_state *into, const crm_rfm_state *from,
	   const double fa[2])
{
	uint32_t na = into->ndays, nb = from->ndays, i = 0, j = 0, n = 0;
	int32_t *u = crm_xreallocarray(NULL, (size_t)na + nb, sizeof *u);

	while (i < na || j < nb) {
		int32_t a = i < na ? crm_rfm_day(p, into, i) : 0;
		int32_t b = j < nb ? crm_rfm_day(p, from, j) : 0;
		int32_t d = j >= nb || (i < na && a <= b) ? a : b;

		i += i < na && a == d;
		j += j < nb && b == d;
		u[n++] = d;
	}
	if (n >= 2) {
		reblock(p, into, class_of(n - 2), 0);
		set_first_amount(p, into, fa);
		memcpy(inner(p, into), u + 1, (size_t)(n - 2) * sizeof *u);
	}
	into->ndays = n;
	into->first = u[0];
	into->last = u[n - 1];
	free(u);
}

void
crm_rfm_merge(crm_rfm_pool *p, crm_rfm_state *into,
	      const crm_rfm_state *from)
{
	double fa[2], fb[2];

	first_amount(p, into, fa);
	first_amount(p, from, fb);
	into->orders += from->orders;
	into->holdout += from->holdout;
	crm_agg_neumaier(&into->revenue, &into->revenue_comp, from->revenue);
	into->revenue_comp += from->revenue_comp;
	if (from->ndays == 0)
		return;
	if (into->ndays == 0 || from->first < into->first) {
		fa[0] = fb[0];
		fa[1] = fb[1];
	} else if (from->first == into->first) {
		crm_agg_neumaier(&fa[0], &fa[1], fb[0]);
		fa[1] += fb[1];
	}
	if (into->ndays == 0) {
		into->first = from->first;
		into->last = from->last;
		into->ndays = 1;
		if (from->ndays == 1)
			return;
		/* into's single day is from's first: the union below */
	}
	merge_days(p, into, from, fa);
}

void
crm_rfm_scored_of(const crm_rfm_state *s, int32_t asof, bool monetary_mean,
		  crm_rfm_figures *out)
{
	double revenue = s->revenue + s->revenue_comp;

	out->revenue = revenue;
	out->recency = (double)asof - s->last;
	out->frequency = s->orders;
	out->monetary = monetary_mean ? revenue / s->orders : revenue;
}

void
crm_rfm_figures_of(const crm_rfm_pool *p, const crm_rfm_state *s,
		   int32_t asof, double unit_days, bool monetary_mean,
		   crm_rfm_figures *out)
{
	double revenue = s->revenue + s->revenue_comp, fa[2], first;

	first_amount(p, s, fa);
	first = fa[0] + fa[1];
	crm_rfm_scored_of(s, asof, monetary_mean, out);
	out->x = (double)s->ndays - 1;
	out->t_x = ((double)s->last - s->first) / unit_days;
	out->T = ((double)asof - s->first) / unit_days;
	/* From the rounded sums, which do not depend on how the rows were
	 * split between merged parts (their sum + compensation pairs do). */
	out->m = s->ndays > 1 ? (revenue - first) / out->x : 0;
}

void
crm_rfm_score(size_t n, crm_rfm_value_fn value, void *ctx, unsigned nbins,
	      crm_rfm_method method, bool reverse, unsigned char *score,
	      double *cuts)
{
	double *v = crm_xreallocarray(NULL, n ? n : 1, sizeof *v);
	crm_classifier *c;

	for (size_t i = 0; i < n; i++)
		v[i] = value(ctx, i);
	if (method == CRM_RFM_NTILE)
		c = crm_classify_ntile(v, n, nbins, reverse);
	else
		c = crm_classify_quantile(v, n, nbins, reverse);
	free(v);
	for (unsigned k = 1; cuts != NULL && k < nbins; k++)
		cuts[k - 1] = crm_classify_cut(c, k);
	for (size_t i = 0; i < n; i++)
		score[i] = (unsigned char)(crm_classify_next(c, value(ctx, i))
		    + 1);
	crm_classify_free(c);
}

/* ------------------------------------------------------------------ */
/* The segment table */

struct crm_rfm_segments {
	unsigned nbins;
	bool has_m;
	const char **label;	/* [(r-1) * nbins + (f-1)] * nm + m index */
};

const crm_header *
crm_rfm_score_header(void)
{
	static char *names[] = { "r_score", "f_score", "m_score" };
	static size_t lens[] = { 7, 7, 7 };
	static const crm_header h = { 3, names, lens, false };

	return &h;
}

crm_rfm_segments *
crm_rfm_segments_build(unsigned nbins, bool has_m, crm_rfm_match_fn match,
		       void *ctx)
{
	crm_rfm_segments *t = crm_xcalloc(1, sizeof *t);
	unsigned nm = has_m ? nbins : 1;
	char text[3][2] = { "0", "0", "0" };
	const char *f[3] = { text[0], text[1], text[2] };
	size_t len[3] = { 1, 1, has_m ? 1 : 0 };
	crm_record rec = { 3, f, len, NULL, 0, 0 };

	t->nbins = nbins;
	t->has_m = has_m;
	t->label = crm_xcalloc((size_t)nbins * nbins * nm, sizeof *t->label);
	for (unsigned r = 0; r < nbins; r++)
		for (unsigned q = 0; q < nbins; q++)
			for (unsigned m = 0; m < nm; m++) {
				text[0][0] = (char)('1' + r);
				text[1][0] = (char)('1' + q);
				text[2][0] = (char)('1' + m);
				t->label[((size_t)r * nbins + q) * nm + m] =
				    match(ctx, &rec);
			}
	return t;
}

const char *
crm_rfm_segment(const crm_rfm_segments *t, unsigned r, unsigned f,
		unsigned m)
{
	unsigned nm = t->has_m ? t->nbins : 1;

	return t->label[((size_t)(r - 1) * t->nbins + (f - 1)) * nm +
	    (t->has_m ? m - 1 : 0)];
}

void
crm_rfm_segments_free(crm_rfm_segments *t)
{
	if (t == NULL)
		return;
	free(t->label);
	free(t);
}

/* ------------------------------------------------------------------ */
/* Partials */

void
crm_rfm_save(const crm_rfm_pool *p, const crm_rfm_state *s,
	     crm_partial_line *l)
{
	double fa[2];

	crm_partial_put_u64(l, s->orders);
	crm_partial_put_u64(l, s->holdout);
	crm_partial_put_u64(l, s->ndays);
	crm_partial_put_double(l, s->revenue);
	crm_partial_put_double(l, s->revenue_comp);
	if (s->ndays == 0)
		return;
	first_amount(p, s, fa);
	crm_partial_put_i64(l, s->first);
	crm_partial_put_i64(l, s->last);
	crm_partial_put_double(l, fa[0]);
	crm_partial_put_double(l, fa[1]);
	for (uint32_t i = 1; i + 1 < s->ndays; i++)
		crm_partial_put_i64(l, crm_rfm_day(p, s, i));
}

/* The block of a state of ndays >= 2: the first day's amount fa and the
 * days between first and last, ascending. */
static int
load_days(crm_rfm_pool *p, crm_rfm_state *s, const double fa[2],
	  crm_partial_record *r)
{
	uint32_t m = s->ndays - 2;
	int32_t *a, prev = s->first;
	int64_t d;

	reblock(p, s, class_of(m), 0);
	set_first_amount(p, s, fa);
	for (uint32_t i = 0; i < m; i++) {
		if (crm_partial_get_i64(r, &d) < 0 || d <= prev ||
		    d >= s->last)
			return -1;
		a = inner(p, s);
		a[i] = prev = (int32_t)d;
	}
	return 0;
}

int
crm_rfm_load(crm_rfm_pool *p, crm_rfm_state *s, crm_partial_record *r)
{
	uint64_t orders, holdout, ndays;
	int64_t first, last;
	double fa[2];

	if (crm_partial_get_u64(r, &orders) < 0 ||
	    crm_partial_get_u64(r, &holdout) < 0 ||
	    crm_partial_get_u64(r, &ndays) < 0 ||
	    crm_partial_get_double(r, &s->revenue) < 0 ||
	    crm_partial_get_double(r, &s->revenue_comp) < 0 ||
	    orders > UINT32_MAX || holdout > UINT32_MAX || ndays > orders)
		return -1;
	s->orders = (uint32_t)orders;
	s->holdout = (uint32_t)holdout;
	if (ndays == 0)
		return 0;
	if (crm_partial_get_i64(r, &first) < 0 ||
	    crm_partial_get_i64(r, &last) < 0 ||
	    crm_partial_get_double(r, &fa[0]) < 0 ||
	    crm_partial_get_double(r, &fa[1]) < 0 ||
	    first < INT32_MIN || last > INT32_MAX || first > last ||
	    (ndays == 1) != (first == last) ||
	    ndays - 1 > (uint64_t)(last - first))
		return -1;
	/* One day: its amount is the revenue (as add and merge keep it). */
	if (ndays == 1 && (fa[0] != s->revenue || fa[1] != s->revenue_comp))
		return -1;
	s->first = (int32_t)first;
	s->last = (int32_t)last;
	s->ndays = 1;
	if (ndays == 1)
		return 0;
	s->ndays = (uint32_t)ndays;
	return load_days(p, s, fa, r);
}
