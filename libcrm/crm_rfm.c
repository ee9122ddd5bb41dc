#include "crm_rfm.h"

#include "crm_agg.h"
#include "crm_classify.h"
#include "crm_diag.h"

#include <stdlib.h>
#include <string.h>

/* The smallest days array: a third distinct day makes one of 4. */
#define MIN_CAP 4

void
crm_rfm_init(crm_rfm_state *s)
{
	memset(s, 0, sizeof *s);
}

void
crm_rfm_free(crm_rfm_state *s)
{
	free(s->days);
	crm_rfm_init(s);
}

/* Capacity of the days array of a state with n > 2 days: the array
 * doubles from MIN_CAP, so its size follows from the count. */
static uint32_t
capacity(uint32_t n)
{
	uint32_t cap = MIN_CAP;

	while (cap < n)
		cap *= 2;
	return cap;
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
crm_rfm_has_day(const crm_rfm_state *s, int32_t day)
{
	uint32_t i;

	if (s->ndays == 0)
		return false;
	if (day == s->first || day == s->last)
		return true;
	if (s->days == NULL)
		return false;
	i = lower_bound(s->days, s->ndays, day);
	return i < s->ndays && s->days[i] == day;
}

/* Insert day (not present, first < day or day < last or outside) into
 * the days of s, which then holds ndays + 1 distinct days. */
static void
insert_day(crm_rfm_state *s, int32_t day)
{
	uint32_t n = s->ndays, at;

	if (s->days == NULL) {
		/* Two days (or one) so far: first and last. */
		s->days = crm_xreallocarray(NULL, MIN_CAP, sizeof *s->days);
		s->days[0] = s->first;
		n = 1;
		if (s->last != s->first)
			s->days[n++] = s->last;
	} else if (n == capacity(n))
		s->days = crm_xreallocarray(s->days, (size_t)n * 2,
		    sizeof *s->days);
	at = day > s->days[n - 1] ? n : lower_bound(s->days, n, day);
	memmove(s->days + at + 1, s->days + at,
	    (size_t)(n - at) * sizeof *s->days);
	s->days[at] = day;
	s->ndays = n + 1;
}

void
crm_rfm_add(crm_rfm_state *s, int32_t day, double amount, bool has_amount)
{
	if (!has_amount)
		amount = 0;
	s->orders++;
	crm_agg_neumaier(&s->revenue, &s->revenue_comp, amount);
	if (s->ndays == 0) {
		s->first = s->last = day;
		s->ndays = 1;
		s->first_amount = amount;
		return;
	}
	if (day == s->first) {
		crm_agg_neumaier(&s->first_amount, &s->first_comp, amount);
		return;
	}
	if (day == s->last || (day > s->first && day < s->last &&
	    crm_rfm_has_day(s, day)))
		return;
	if (s->ndays >= 2)
		insert_day(s, day);
	else
		s->ndays = 2;
	if (day < s->first) {
		s->first = day;
		s->first_amount = amount;
		s->first_comp = 0;
	}
	if (day > s->last)
		s->last = day;
}

void
crm_rfm_add_holdout(crm_rfm_state *s)
{
	s->holdout++;
}

/* The days of s, sorted, into buf (two at most) or s's own array. */
static const int32_t *
days_of(const crm_rfm_state *s, int32_t buf[2])
{
	if (s->days != NULL)
		return s->days;
	buf[0] = s->first;
	buf[1] = s->last;
	return buf;
}

/* Unite the days of into and from (both non-empty) into into. */
static void
merge_days(crm_rfm_state *into, const crm_rfm_state *from)
{
	int32_t ba[2], bb[2], *u;
	const int32_t *a = days_of(into, ba), *b = days_of(from, bb);
	uint32_t na = into->ndays, nb = from->ndays, i = 0, j = 0, n = 0;

	/* Without an array a state holds its days in first and last: two
	 * at most (said here for the analyzer, which cannot see it). */
	if (into->days == NULL && na > 2)
		na = 2;
	if (from->days == NULL && nb > 2)
		nb = 2;
	u = crm_xreallocarray(NULL, capacity(na + nb), sizeof *u);
	while (i < na || j < nb) {
		int32_t d = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];

		if (i < na && a[i] == d)
			i++;
		if (j < nb && b[j] == d)
			j++;
		u[n++] = d;
	}
	free(into->days);
	into->days = NULL;
	into->ndays = n;
	into->first = u[0];
	into->last = u[n - 1];
	if (n > 2) {
		/* Shrink to the capacity that n days grow to, so that
		 * adding after a merge keeps the doubling exact. */
		into->days = crm_xreallocarray(u, capacity(n), sizeof *u);
		return;
	}
	free(u);
}

void
crm_rfm_merge(crm_rfm_state *into, const crm_rfm_state *from)
{
	into->orders += from->orders;
	into->holdout += from->holdout;
	crm_agg_neumaier(&into->revenue, &into->revenue_comp, from->revenue);
	into->revenue_comp += from->revenue_comp;
	if (from->ndays == 0)
		return;
	if (into->ndays == 0) {
		into->first = from->first;
		into->last = from->last;
		into->ndays = from->ndays;
		into->first_amount = from->first_amount;
		into->first_comp = from->first_comp;
		if (from->days != NULL) {
			into->days = crm_xreallocarray(NULL,
			    capacity(from->ndays), sizeof *into->days);
			memcpy(into->days, from->days,
			    from->ndays * sizeof *into->days);
		}
		return;
	}
	if (from->first < into->first) {
		into->first_amount = from->first_amount;
		into->first_comp = from->first_comp;
	} else if (from->first == into->first) {
		crm_agg_neumaier(&into->first_amount, &into->first_comp,
		    from->first_amount);
		into->first_comp += from->first_comp;
	}
	merge_days(into, from);
}

void
crm_rfm_figures_of(const crm_rfm_state *s, int32_t asof, double unit_days,
		   bool monetary_mean, crm_rfm_figures *out)
{
	double revenue = s->revenue + s->revenue_comp;
	double first = s->first_amount + s->first_comp;

	out->revenue = revenue;
	out->recency = (double)asof - s->last;
	out->frequency = s->orders;
	out->monetary = monetary_mean ? revenue / s->orders : revenue;
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
crm_rfm_save(const crm_rfm_state *s, crm_partial_line *l)
{
	crm_partial_put_u64(l, s->orders);
	crm_partial_put_u64(l, s->holdout);
	crm_partial_put_u64(l, s->ndays);
	crm_partial_put_double(l, s->revenue);
	crm_partial_put_double(l, s->revenue_comp);
	if (s->ndays == 0)
		return;
	crm_partial_put_i64(l, s->first);
	crm_partial_put_i64(l, s->last);
	crm_partial_put_double(l, s->first_amount);
	crm_partial_put_double(l, s->first_comp);
	for (uint32_t i = 1; s->days != NULL && i + 1 < s->ndays; i++)
		crm_partial_put_i64(l, s->days[i]);
}

/* The days of a state of ndays > 2 between first and last, ascending. */
static int
load_days(crm_rfm_state *s, crm_partial_record *r)
{
	int64_t d;

	s->days = crm_xreallocarray(NULL, capacity(s->ndays),
	    sizeof *s->days);
	s->days[0] = s->first;
	for (uint32_t i = 1; i + 1 < s->ndays; i++) {
		if (crm_partial_get_i64(r, &d) < 0 || d <= s->days[i - 1] ||
		    d >= s->last)
			return -1;
		s->days[i] = (int32_t)d;
	}
	s->days[s->ndays - 1] = s->last;
	return 0;
}

int
crm_rfm_load(crm_rfm_state *s, crm_partial_record *r)
{
	uint64_t orders, holdout, ndays;
	int64_t first, last;

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
	    crm_partial_get_double(r, &s->first_amount) < 0 ||
	    crm_partial_get_double(r, &s->first_comp) < 0 ||
	    first < INT32_MIN || last > INT32_MAX || first > last ||
	    (ndays == 1) != (first == last) ||
	    ndays - 1 > (uint64_t)(last - first))
		return -1;
	s->first = (int32_t)first;
	s->last = (int32_t)last;
	s->ndays = (uint32_t)ndays;
	return ndays > 2 ? load_days(s, r) : 0;
}
