#include "crm_agg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"
#include "crm_num.h"
#include "crm_stats.h"

void
crm_agg_init(crm_agg *a, crm_agg_kind kind, double param)
{
	memset(a, 0, sizeof *a);
	a->kind = kind;
	if (kind == CRM_AGG_MEDIAN)
		a->u.q.p = 0.5;
	else if (kind == CRM_AGG_QUANTILE)
		a->u.q.p = param;
}

void
crm_agg_free(crm_agg *a)
{
	switch (a->kind) {
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		free(a->u.q.v);
		a->u.q.v = NULL;
		a->u.q.cap = 0;
		break;
	case CRM_AGG_DISTINCT:
		crm_hash_free(a->u.set);
		a->u.set = NULL;
		break;
	case CRM_AGG_SUM:
	case CRM_AGG_MEAN:
		crm_fsum_free(&a->u.s);
		break;
	case CRM_AGG_VAR:
	case CRM_AGG_STDDEV:
		crm_fsum_free(&a->u.w.s1);
		crm_fsum_free(&a->u.w.s2);
		break;
	default:
		break;
	}
	a->n = 0;
}

bool
crm_agg_numeric(crm_agg_kind kind)
{
	return kind != CRM_AGG_COUNT_ROWS && kind != CRM_AGG_COUNT &&
	    kind != CRM_AGG_COUNT_IF && kind != CRM_AGG_DISTINCT;
}

/* Neumaier's compensated summation: s + c carries the exact sum of the
 * values added far better than s alone. */
static inline void
neumaier(double *s, double *c, double x)
{
	double t = *s + x;

	if (fabs(*s) >= fabs(x))
		*c += (*s - t) + x;
	else
		*c += (x - t) + *s;
	*s = t;
}

void
crm_agg_neumaier(double *s, double *c, double x)
{
	neumaier(s, c, x);
}

static void
push(crm_agg *a, double x)
{
	if (a->n == a->u.q.cap) {
		a->u.q.cap = a->u.q.cap ? a->u.q.cap * 2 : 8;
		a->u.q.v = crm_xreallocarray(a->u.q.v, a->u.q.cap,
		    sizeof *a->u.q.v);
	}
	a->u.q.v[a->n++] = x;
}

static void
set_add(crm_agg *a, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (a->u.set == NULL)
		a->u.set = crm_hash_new(0);
	crm_hash_intern(a->u.set, s, len, NULL);
	a->n = crm_hash_count(a->u.set);
}

void
crm_agg_add(crm_agg *a, double x)
{
	switch (a->kind) {
	case CRM_AGG_COUNT_ROWS:
	case CRM_AGG_COUNT:
	case CRM_AGG_COUNT_IF:
		a->n++;
		break;
	case CRM_AGG_SUM:
	case CRM_AGG_MEAN:
		a->n++;
		crm_fsum_add(&a->u.s, x);
		break;
	case CRM_AGG_MIN:
		if (a->n++ == 0 || x < a->u.ext)
			a->u.ext = x;
		break;
	case CRM_AGG_MAX:
		if (a->n++ == 0 || x > a->u.ext)
			a->u.ext = x;
		break;
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		push(a, x);
		break;
	case CRM_AGG_STDDEV:
	case CRM_AGG_VAR:
		a->n++;
		crm_fsum_add(&a->u.w.s1, x);
		crm_fsum_add_product(&a->u.w.s2, x, x);
		break;
	case CRM_AGG_DISTINCT: {
		crm_numfmt fmt = { -1, false };
		char buf[CRM_NUM_BUFSZ];

		set_add(a, buf, crm_num_format(buf, x, &fmt));
		break;
	}
	}
}

void
crm_agg_add_text(crm_agg *a, const char *s, size_t len)
{
	switch (a->kind) {
	case CRM_AGG_DISTINCT:
		set_add(a, s, len);
		break;
	case CRM_AGG_COUNT_ROWS:
	case CRM_AGG_COUNT:
		a->n++;
		break;
	default:
		break;
	}
}

int
crm_agg_add_value(crm_agg *a, const crm_value *v)
{
	switch (a->kind) {
	case CRM_AGG_COUNT_ROWS:
		a->n++;
		return 0;
	case CRM_AGG_COUNT:
		if (v->type == CRM_VAL_INVALID)
			return -1;
		if (v->type != CRM_VAL_MISSING)
			a->n++;
		return 0;
	case CRM_AGG_COUNT_IF:
		/* true as in if(): a number other than 0, non-empty text */
		if (v->type == CRM_VAL_INVALID)
			return -1;
		if ((v->type == CRM_VAL_NUM && v->num != 0) ||
		    (v->type == CRM_VAL_STR && v->len > 0))
			a->n++;
		return 0;
	case CRM_AGG_DISTINCT:
		switch (v->type) {
		case CRM_VAL_MISSING:
			return 0;
		case CRM_VAL_INVALID:
			return -1;
		case CRM_VAL_STR:
			set_add(a, v->str, v->len);
			return 0;
		case CRM_VAL_NUM:
			if (v->str != NULL && v->len > 0)
				set_add(a, v->str, v->len);
			else
				crm_agg_add(a, v->num);
			return 0;
		case CRM_VAL_DATE:	/* the same day however written */
			crm_agg_add(a, v->num);
			return 0;
		}
		return 0;
	default:
		if (v->type == CRM_VAL_MISSING)
			return 0;
		/* a date only reaches min and max (crm_expr's types) */
		if (v->type != CRM_VAL_NUM && v->type != CRM_VAL_DATE)
			return -1;
		crm_agg_add(a, v->num);
		return 0;
	}
}

void
crm_agg_merge(crm_agg *a, const crm_agg *b)
{
	if (b->n == 0)
		return;
	switch (a->kind) {
	case CRM_AGG_COUNT_ROWS:
	case CRM_AGG_COUNT:
	case CRM_AGG_COUNT_IF:
		a->n += b->n;
		break;
	case CRM_AGG_SUM:
	case CRM_AGG_MEAN:
		a->n += b->n;
		crm_fsum_merge(&a->u.s, &b->u.s);
		break;
	case CRM_AGG_MIN:
		if (a->n == 0 || b->u.ext < a->u.ext)
			a->u.ext = b->u.ext;
		a->n += b->n;
		break;
	case CRM_AGG_MAX:
		if (a->n == 0 || b->u.ext > a->u.ext)
			a->u.ext = b->u.ext;
		a->n += b->n;
		break;
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		if (a->u.q.cap - a->n < b->n) {
			size_t cap = a->u.q.cap ? a->u.q.cap : 8;

			while (cap - a->n < b->n)
				cap *= 2;
			a->u.q.v = crm_xreallocarray(a->u.q.v, cap,
			    sizeof *a->u.q.v);
			a->u.q.cap = cap;
		}
		memcpy(a->u.q.v + a->n, b->u.q.v, b->n * sizeof *b->u.q.v);
		a->n += b->n;
		break;
	case CRM_AGG_STDDEV:
	case CRM_AGG_VAR:
		a->n += b->n;
		crm_fsum_merge(&a->u.w.s1, &b->u.w.s1);
		crm_fsum_merge(&a->u.w.s2, &b->u.w.s2);
		break;
	case CRM_AGG_DISTINCT:
		for (size_t i = 0; i < crm_hash_count(b->u.set); i++) {
			size_t len;
			const char *k = crm_hash_key(b->u.set, i, &len);

			set_add(a, k, len);
		}
		break;
	}
}

bool
crm_agg_result(crm_agg *a, double *out)
{
	switch (a->kind) {
	case CRM_AGG_COUNT_ROWS:
	case CRM_AGG_COUNT:
	case CRM_AGG_COUNT_IF:
	case CRM_AGG_DISTINCT:
		*out = (double)a->n;
		return true;
	case CRM_AGG_SUM:
		if (a->n == 0)
			return false;
		*out = crm_fsum_value(&a->u.s);
		return true;
	case CRM_AGG_MEAN:
		if (a->n == 0)
			return false;
		*out = crm_fsum_value(&a->u.s) / (double)a->n;
		return true;
	case CRM_AGG_MIN:
	case CRM_AGG_MAX:
		if (a->n == 0)
			return false;
		*out = a->u.ext;
		return true;
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		if (a->n == 0)
			return false;
		*out = crm_stats_quantile7(a->u.q.v, (size_t)a->n, a->u.q.p);
		return true;
	case CRM_AGG_VAR:
	case CRM_AGG_STDDEV:
		if (a->n < 2)
			return false;
		*out = crm_fsum_squared_deviations(&a->u.w.s1, &a->u.w.s2,
		    a->n) / (double)(a->n - 1);
		if (a->kind == CRM_AGG_STDDEV)
			*out = sqrt(*out);
		return true;
	}
	return false;
}

crm_value
crm_agg_value(crm_agg *a)
{
	crm_value v = { CRM_VAL_MISSING, 0, NULL, 0, false };

	if (crm_agg_result(a, &v.num) && isfinite(v.num))
		v.type = CRM_VAL_NUM;
	else
		v.num = 0;
	return v;
}

/* ------------------------------------------------------------------ */
/* Partials */

static void
save_fsum(const crm_fsum *s, crm_partial_line *l)
{
	size_t n = crm_fsum_count(s);

	crm_partial_put_u64(l, n);
	for (size_t i = 0; i < n; i++)
		crm_partial_put_double(l, crm_fsum_part(s, i));
}

static int
load_fsum(crm_fsum *s, crm_partial_record *r)
{
	uint64_t n;
	double x;

	if (crm_partial_get_u64(r, &n) < 0 || n > r->n)
		return -1;
	for (uint64_t i = 0; i < n; i++) {
		if (crm_partial_get_double(r, &x) < 0)
			return -1;
		crm_fsum_add(s, x);
	}
	return 0;
}

void
crm_agg_save(const crm_agg *a, crm_partial_line *l)
{
	crm_partial_put_u64(l, a->n);
	switch (a->kind) {
	case CRM_AGG_SUM:
	case CRM_AGG_MEAN:
		save_fsum(&a->u.s, l);
		break;
	case CRM_AGG_VAR:
	case CRM_AGG_STDDEV:
		save_fsum(&a->u.w.s1, l);
		save_fsum(&a->u.w.s2, l);
		break;
	case CRM_AGG_MIN:
	case CRM_AGG_MAX:
		if (a->n > 0)
			crm_partial_put_double(l, a->u.ext);
		break;
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		for (uint64_t i = 0; i < a->n; i++)
			crm_partial_put_double(l, a->u.q.v[i]);
		break;
	case CRM_AGG_DISTINCT:
		for (uint64_t i = 0; i < a->n; i++) {
			size_t len;
			const char *k = crm_hash_key(a->u.set, i, &len);

			crm_partial_put_text(l, k, len);
		}
		break;
	default:
		break;
	}
}

int
crm_agg_load(crm_agg *a, crm_partial_record *r)
{
	uint64_t n;
	const char *s;
	size_t len;
	double x;

	if (crm_partial_get_u64(r, &n) < 0)
		return -1;
	switch (a->kind) {
	case CRM_AGG_SUM:
	case CRM_AGG_MEAN:
		a->n = n;
		return load_fsum(&a->u.s, r);
	case CRM_AGG_VAR:
	case CRM_AGG_STDDEV:
		a->n = n;
		return load_fsum(&a->u.w.s1, r) < 0 ? -1 :
		    load_fsum(&a->u.w.s2, r);
	case CRM_AGG_MIN:
	case CRM_AGG_MAX:
		a->n = n;
		return n > 0 ? crm_partial_get_double(r, &a->u.ext) : 0;
	case CRM_AGG_MEDIAN:
	case CRM_AGG_QUANTILE:
		if (n > r->n)
			return -1;
		for (uint64_t i = 0; i < n; i++) {
			if (crm_partial_get_double(r, &x) < 0)
				return -1;
			push(a, x);
		}
		return 0;
	case CRM_AGG_DISTINCT:
		if (n > r->n)
			return -1;
		for (uint64_t i = 0; i < n; i++) {
			if (crm_partial_get_text(r, &s, &len) < 0 || len == 0)
				return -1;
			set_add(a, s, len);
		}
		return a->n == n ? 0 : -1;
	default:
		a->n = n;
		return 0;
	}
}
