#include "crm_group.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_agg.h"
#include "crm_input.h"
#include "crm_hash.h"


/* An argument of pooled aggregates, evaluated once per row. */
struct arg {
	const crm_expr *expr;	/* NULL: count()'s, args[0] */
	char *sig;		/* identity for sharing */
	bool numeric;		/* an aggregate over it needs a number */
	crm_value v;		/* value on the current row */
};

/* A pooled aggregate: one state of it per group. */
struct aggdef {
	crm_agg_kind kind;
	double param;
	size_t arg;
};

struct metric {
	const crm_expr *expr;
	size_t *agg;		/* pooled aggregate of each call */
};

struct crm_group {
	const crm_header *h;
	long *keys;
	size_t nkeys;
	struct arg *args;
	size_t nargs;
	struct aggdef *aggs;
	size_t naggs;
	struct metric *m;
	size_t nm, maxcalls;

	/* Set up by the first record or query. */
	crm_hash *groups;
	crm_agg *st;		/* st[group * naggs + agg] */
	size_t gcap;
	crm_agg *total;		/* merged on demand */
	crm_group_keybuf kb;
	size_t *order;
	crm_value *vals, *res;
};

crm_group *
crm_group_new(const crm_header *h, const long *keys, size_t nkeys)
{
	crm_group *g = crm_xcalloc(1, sizeof *g);

	g->h = h;
	g->nkeys = nkeys;
	g->keys = crm_xcalloc(nkeys ? nkeys : 1, sizeof *g->keys);
	if (nkeys > 0)
		memcpy(g->keys, keys, nkeys * sizeof *keys);
	g->args = crm_xcalloc(1, sizeof *g->args);
	g->nargs = 1;
	return g;
}

/* ------------------------------------------------------------------ */
/* Planning */

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * The identity of an argument: a bare column is its index; anything
 * else its source text without blanks outside string literals and
 * braces.
 */
static char *
arg_signature(const crm_expr *e)
{
	const char *s = crm_expr_source(e);
	char *sig = crm_xmalloc(strlen(s) + 24), *o = sig;
	long col = crm_expr_column(e);

	if (col >= 0) {
		sprintf(sig, "\001%ld", col);
		return sig;
	}
	*o++ = '\002';
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] == '"' || s[i] == '{') {
			char close = s[i] == '"' ? '"' : '}';
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != close) {
				if (close == '"' && s[j] == '\\' &&
				    s[j + 1] != '\0')
					j++;
				j++;
			}
			if (s[j] != '\0')
				j++;
			memcpy(o, s + i, j - i);
			o += j - i;
			i = j - 1;
		} else if (!blank(s[i])) {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return sig;
}

static size_t
plan_arg(crm_group *g, const crm_expr *e, bool numeric)
{
	char *sig;
	struct arg *a;

	if (e == NULL)
		return 0;
	sig = arg_signature(e);
	for (size_t i = 1; i < g->nargs; i++)
		if (strcmp(g->args[i].sig, sig) == 0) {
			free(sig);
			g->args[i].numeric |= numeric;
			return i;
		}
	g->args = crm_xreallocarray(g->args, g->nargs + 1, sizeof *g->args);
	a = &g->args[g->nargs];
	memset(a, 0, sizeof *a);
	a->expr = e;
	a->sig = sig;
	a->numeric = numeric;
	return g->nargs++;
}

static size_t
plan_agg(crm_group *g, crm_agg_kind kind, double param, size_t arg)
{
	if (kind == CRM_AGG_MEDIAN) {
		kind = CRM_AGG_QUANTILE;
		param = 0.5;
	}
	if (kind != CRM_AGG_QUANTILE)
		param = 0;
	for (size_t i = 0; i < g->naggs; i++)
		if (g->aggs[i].kind == kind && g->aggs[i].param == param &&
		    g->aggs[i].arg == arg)
			return i;
	g->aggs = crm_xreallocarray(g->aggs, g->naggs + 1, sizeof *g->aggs);
	g->aggs[g->naggs].kind = kind;
	g->aggs[g->naggs].param = param;
	g->aggs[g->naggs].arg = arg;
	return g->naggs++;
}

size_t
crm_group_add_metric(crm_group *g, const crm_expr *e)
{
	size_t n = crm_expr_agg_count(e);
	struct metric *m;

	assert(g->groups == NULL);	/* before the first record */
	g->m = crm_xreallocarray(g->m, g->nm + 1, sizeof *g->m);
	m = &g->m[g->nm];
	m->expr = e;
	m->agg = crm_xcalloc(n ? n : 1, sizeof *m->agg);
	for (size_t k = 0; k < n; k++) {
		crm_agg_kind kind = crm_expr_agg_kind(e, k);
		size_t a = plan_arg(g, crm_expr_agg_arg(e, k),
		    crm_agg_numeric(kind));

		m->agg[k] = plan_agg(g, kind, crm_expr_agg_param(e, k), a);
	}
	if (n > g->maxcalls)
		g->maxcalls = n;
	return g->nm++;
}

/* ------------------------------------------------------------------ */
/* Keys */

const char *
crm_group_key_make(crm_group_keybuf *buf, const char *const *f,
		   const size_t *len, const long *cols, size_t n,
		   size_t *klen)
{
	size_t need = 0, at = 0;

	if (n == 0) {
		*klen = 0;
		return "";
	}
	if (n == 1) {
		*klen = len[cols ? cols[0] : 0];
		return f[cols ? cols[0] : 0];
	}
	for (size_t i = 0; i < n; i++)
		need += 4 + len[cols ? cols[i] : (long)i];
	if (need > buf->cap) {
		buf->cap = need * 2;
		buf->s = crm_xrealloc(buf->s, buf->cap);
	}
	for (size_t i = 0; i < n; i++) {
		size_t c = cols ? (size_t)cols[i] : i;
		uint32_t l = (uint32_t)len[c];

		memcpy(buf->s + at, &l, 4);
		if (l > 0)
			memcpy(buf->s + at + 4, f[c], l);
		at += 4 + l;
	}
	*klen = at;
	return buf->s;
}

/* Cell i of a key of ncols cells made by crm_group_key_make. */
static const char *
key_cell(const char *key, size_t len, size_t ncols, size_t i, size_t *clen)
{
	uint32_t l;

	if (ncols == 1) {
		*clen = len;
		return key;
	}
	for (;;) {
		memcpy(&l, key, 4);
		if (i-- == 0)
			break;
		key += 4 + l;
	}
	*clen = l;
	return key + 4;
}

const char *
crm_group_key(const crm_group *g, size_t group, size_t *len)
{
	return crm_hash_key(g->groups, group, len);
}

const char *
crm_group_cell(const crm_group *g, size_t group, size_t i, size_t *len)
{
	size_t klen;
	const char *key = crm_hash_key(g->groups, group, &klen);

	return key_cell(key, klen, g->nkeys, i, len);
}

/* ------------------------------------------------------------------ */
/* Accounting */

static void
new_group(crm_group *g, size_t group)
{
	size_t na = g->naggs;

	if (group >= g->gcap) {
		g->gcap = g->gcap ? g->gcap * 2 : 64;
		g->st = crm_xreallocarray(g->st, g->gcap * (na ? na : 1),
		    sizeof *g->st);
	}
	for (size_t j = 0; j < na; j++)
		crm_agg_init(&g->st[group * na + j], g->aggs[j].kind,
		    g->aggs[j].param);
}

/* The plan is complete: set up the groups. */
static void
start(crm_group *g)
{
	if (g->groups != NULL)
		return;
	g->groups = crm_hash_new(g->nkeys ? 64 : 1);
	if (g->nkeys == 0)
		new_group(g, crm_hash_intern(g->groups, "", 0, NULL));
	g->vals = crm_xcalloc(g->naggs ? g->naggs : 1, sizeof *g->vals);
	g->res = crm_xcalloc(g->maxcalls ? g->maxcalls : 1, sizeof *g->res);
}

/* Evaluate every argument on rec; -1 (with why) if one is text where a
 * number is needed. */
static int
eval_args(crm_group *g, const crm_record *rec, char *why, size_t cap)
{
	for (size_t i = 1; i < g->nargs; i++) {
		struct arg *a = &g->args[i];
		crm_eval_note note;

		crm_expr_eval_into(a->expr, rec, &a->v, &note);
		if (a->v.type == CRM_VAL_INVALID ||
		    (a->v.type == CRM_VAL_STR && a->numeric)) {
			if (a->v.type == CRM_VAL_STR ||
			    note.why != CRM_WHY_NOT_NUMBER) {
				note.why = CRM_WHY_NOT_NUMBER;
				note.column = crm_expr_column(a->expr);
				note.text = a->v.str;
				note.len = a->v.str ? a->v.len : 0;
			}
			crm_expr_describe(a->expr, g->h, &note, why, cap);
			return -1;
		}
	}
	return 0;
}

int
crm_group_add_record(crm_group *g, const crm_record *rec, char *why,
		     size_t cap)
{
	size_t group = 0, na;
	crm_agg *st;

	start(g);
	if (eval_args(g, rec, why, cap) < 0)
		return -1;
	if (g->nkeys > 0) {
		size_t klen;
		const char *key = crm_group_key_make(&g->kb, rec->f, rec->len,
		    g->keys, g->nkeys, &klen);
		bool added;

		group = crm_hash_intern(g->groups, key, klen, &added);
		if (added)
			new_group(g, group);
	}
	na = g->naggs;
	st = &g->st[group * na];
	for (size_t j = 0; j < na; j++)
		crm_agg_add_value(&st[j], &g->args[g->aggs[j].arg].v);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Results */

size_t
crm_group_count(const crm_group *g)
{
	if (g->groups == NULL)
		return g->nkeys == 0;
	return crm_hash_count(g->groups);
}

size_t
crm_group_aggregates(const crm_group *g)
{
	return g->naggs;
}

struct sortent {
	const char *key;
	size_t len, idx, ncols;
};

static int
cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	if (c != 0 || al == bl)
		return c;
	return al < bl ? -1 : 1;
}

static int
cmp_groups(const void *pa, const void *pb)
{
	const struct sortent *a = pa, *b = pb;

	for (size_t i = 0; i < a->ncols; i++) {
		size_t al, bl;
		const char *ca = key_cell(a->key, a->len, a->ncols, i, &al);
		const char *cb = key_cell(b->key, b->len, b->ncols, i, &bl);
		int c = cmp_bytes(ca, al, cb, bl);

		if (c != 0)
			return c;
	}
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

const size_t *
crm_group_order(crm_group *g, bool sorted)
{
	size_t n;

	start(g);
	n = crm_hash_count(g->groups);
	g->order = crm_xreallocarray(g->order, n ? n : 1, sizeof *g->order);
	for (size_t i = 0; i < n; i++)
		g->order[i] = i;
	if (sorted && g->nkeys > 0 && n > 1) {
		struct sortent *e = crm_xcalloc(n, sizeof *e);

		for (size_t i = 0; i < n; i++) {
			e[i].key = crm_hash_key(g->groups, i, &e[i].len);
			e[i].idx = i;
			e[i].ncols = g->nkeys;
		}
		qsort(e, n, sizeof *e, cmp_groups);
		for (size_t i = 0; i < n; i++)
			g->order[i] = e[i].idx;
		free(e);
	}
	return g->order;
}

/* The states of all rows: every group's merged. */
static crm_agg *
total(crm_group *g)
{
	size_t na = g->naggs, ng = crm_hash_count(g->groups);

	if (g->total != NULL)
		return g->total;
	g->total = crm_xcalloc(na ? na : 1, sizeof *g->total);
	for (size_t j = 0; j < na; j++) {
		crm_agg_init(&g->total[j], g->aggs[j].kind, g->aggs[j].param);
		for (size_t k = 0; k < ng; k++)
			crm_agg_merge(&g->total[j], &g->st[k * na + j]);
	}
	return g->total;
}

void
crm_group_values(crm_group *g, size_t group, crm_value *out)
{
	crm_agg *st;

	start(g);
	st = group == CRM_GROUP_TOTAL ? total(g) : &g->st[group * g->naggs];
	for (size_t j = 0; j < g->naggs; j++)
		g->vals[j] = crm_agg_value(&st[j]);
	for (size_t i = 0; i < g->nm; i++) {
		const struct metric *m = &g->m[i];
		size_t n = crm_expr_agg_count(m->expr);

		for (size_t k = 0; k < n; k++)
			g->res[k] = g->vals[m->agg[k]];
		out[i] = crm_expr_eval_final(m->expr, g->res);
	}
}

/* ------------------------------------------------------------------ */
/* Two threads */

crm_group *
crm_group_new_like(const crm_group *g)
{
	crm_group *c = crm_group_new(g->h, g->keys, g->nkeys);

	for (size_t i = 0; i < g->nm; i++)
		crm_group_add_metric(c, g->m[i].expr);
	return c;
}

void
crm_group_merge(crm_group *g, crm_group *from)
{
	size_t na = g->naggs, n;

	start(g);
	start(from);
	n = crm_hash_count(from->groups);
	for (size_t i = 0; i < n; i++) {
		size_t klen, group;
		const char *key = crm_hash_key(from->groups, i, &klen);
		bool added;

		group = crm_hash_intern(g->groups, key, klen, &added);
		if (added)
			new_group(g, group);
		for (size_t j = 0; j < na; j++)
			crm_agg_merge(&g->st[group * na + j],
			    &from->st[i * na + j]);
	}
}

/* Whether merging states gives bit for bit what one pass gives: not for
 * var and stddev, whose merge rounds differently from Welford's steps.
 * (Compensated sums carry their rounding error, so that a merged sum
 * rounds to the same double in all but contrived cases.) */
static bool
merge_exact(const crm_group *g)
{
	for (size_t j = 0; j < g->naggs; j++)
		if (g->aggs[j].kind == CRM_AGG_VAR ||
		    g->aggs[j].kind == CRM_AGG_STDDEV)
			return false;
	return true;
}

/* The second half's aggregation, in its own thread. */
struct half {
	crm_input_half half;
	crm_group *g;
	unsigned long rows;
};

static void *
read_half(void *arg)
{
	struct half *h = arg;
	crm_record rec;
	crm_error err;
	char why[256];
	int rc;

	while ((rc = crm_input_read(h->half.in, &rec, &err)) > 0) {
		h->rows++;
		if (crm_group_add_record(h->g, &rec, why, sizeof why) < 0)
			return NULL;
	}
	h->half.ok = rc == 0;
	return NULL;
}

/* Account what in gives until it ends; the result of the last read. */
static int
account(crm_group *g, crm_input *in, crm_group_invalid_fn invalid,
	void *ctx, unsigned long *rows, crm_error *err)
{
	crm_record rec;
	char why[CRM_ERR_MAX];
	int rc;

	while ((rc = crm_input_read(in, &rec, err)) > 0) {
		(*rows)++;
		if (crm_group_add_record(g, &rec, why, sizeof why) < 0)
			invalid(ctx, &rec, why);
	}
	return rc;
}

int
crm_group_read(crm_group *g, crm_input *in, crm_group_invalid_fn invalid,
	       void *ctx, unsigned long *rows, crm_error *err)
{
	struct half h = { { NULL, 0, false, false }, NULL, 0 };
	bool split = false;
	int rc;

	if (merge_exact(g)) {
		h.g = crm_group_new_like(g);
		split = crm_input_half_start(&h.half, in, read_half, &h);
	}
	rc = account(g, in, invalid, ctx, rows, err);
	if (split && crm_input_half_join(&h.half, in, rc == 0)) {
		crm_group_merge(g, h.g);
		*rows += h.rows;
	} else if (split && rc == 0) {
		/* read the second half here, reporting what it met */
		rc = account(g, in, invalid, ctx, rows, err);
	}
	crm_group_free(h.g);
	return rc < 0 ? -1 : 0;
}

void
crm_group_free(crm_group *g)
{
	size_t na;

	if (g == NULL)
		return;
	na = g->naggs;
	if (g->groups != NULL) {
		size_t ng = crm_hash_count(g->groups);

		for (size_t k = 0; k < ng * na; k++)
			crm_agg_free(&g->st[k]);
		crm_hash_free(g->groups);
	}
	if (g->total != NULL)
		for (size_t j = 0; j < na; j++)
			crm_agg_free(&g->total[j]);
	for (size_t i = 1; i < g->nargs; i++)
		free(g->args[i].sig);
	for (size_t i = 0; i < g->nm; i++)
		free(g->m[i].agg);
	free(g->args);
	free(g->aggs);
	free(g->m);
	free(g->st);
	free(g->total);
	free(g->keys);
	free(g->kb.s);
	free(g->order);
	free(g->vals);
	free(g->res);
	free(g);
}
