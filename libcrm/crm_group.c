#include "crm_group.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_agg.h"


/* An argument of pooled aggregates, evaluated once per row. */
struct arg {
	const crm_expr *expr;	/* NULL: count()'s, args[0] */
	char *sig;		/* identity for sharing */
	bool numeric;		/* an aggregate over it needs a number */
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

	crm_fold_ops ops;	/* over the states of all pooled aggregates */
	/* Set up by the first record or query. */
	crm_fold_set *set;
	crm_value *vals, *res;	/* crm_group_state_values' own */
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

	assert(g->set == NULL);	/* before the first record */
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
	return crm_fold_key_make(buf, f, len, cols, n, klen);
}

const char *
crm_group_key(const crm_group *g, size_t group, size_t *len)
{
	return crm_fold_set_key(g->set, group, len);
}

const char *
crm_group_cell(const crm_group *g, size_t group, size_t i, size_t *len)
{
	return crm_fold_set_cell(g->set, group, i, len);
}

/* ------------------------------------------------------------------ */
/* The states: crm_fold_ops over every pooled aggregate of a group */

static void
state_init(void *ctx, void *state)
{
	const crm_group *g = ctx;
	crm_agg *st = state;

	for (size_t j = 0; j < g->naggs; j++)
		crm_agg_init(&st[j], g->aggs[j].kind, g->aggs[j].param);
}

/* Evaluate every argument on rec into v; -1 (with why) if one is text
 * where a number is needed. */
static int
eval_args(const crm_group *g, crm_value *v, const crm_record *rec,
	  char *why, size_t cap)
{
	for (size_t i = 1; i < g->nargs; i++) {
		const struct arg *a = &g->args[i];
		crm_eval_note note;

		crm_expr_eval_into(a->expr, rec, &v[i], &note);
		if (v[i].type == CRM_VAL_INVALID ||
		    (v[i].type == CRM_VAL_STR && a->numeric)) {
			if (v[i].type == CRM_VAL_STR ||
			    (note.why != CRM_WHY_NOT_NUMBER &&
			    note.why != CRM_WHY_NOT_DATE &&
			    note.why != CRM_WHY_NOT_UTF8)) {
				note.why = CRM_WHY_NOT_NUMBER;
				note.column = crm_expr_column(a->expr);
				note.text = v[i].str;
				note.len = v[i].str ? v[i].len : 0;
			}
			crm_expr_describe(a->expr, g->h, &note, why, cap);
			return -1;
		}
	}
	return 0;
}

static int
state_add(void *ctx, void *scratch, void *state, const crm_record *rec,
	  char *why, size_t cap)
{
	const crm_group *g = ctx;
	crm_value *v = scratch;
	crm_agg *st = state;

	if (eval_args(g, v, rec, why, cap) < 0)
		return -1;
	for (size_t j = 0; j < g->naggs; j++)
		crm_agg_add_value(&st[j], &v[g->aggs[j].arg]);
	return 0;
}

static void
state_merge(void *ctx, void *into, const void *from)
{
	const crm_group *g = ctx;
	crm_agg *a = into;
	const crm_agg *b = from;

	for (size_t j = 0; j < g->naggs; j++)
		crm_agg_merge(&a[j], &b[j]);
}

static void
state_free(void *ctx, void *state)
{
	const crm_group *g = ctx;
	crm_agg *st = state;

	for (size_t j = 0; j < g->naggs; j++)
		crm_agg_free(&st[j]);
}

static void
state_save(void *ctx, const void *state, crm_partial_line *l)
{
	const crm_group *g = ctx;
	const crm_agg *st = state;

	for (size_t j = 0; j < g->naggs; j++)
		crm_agg_save(&st[j], l);
}

static int
state_load(void *ctx, void *state, crm_partial_record *r)
{
	const crm_group *g = ctx;
	crm_agg *st = state;

	for (size_t j = 0; j < g->naggs; j++)
		if (crm_agg_load(&st[j], r) < 0)
			return -1;
	return 0;
}

const crm_fold_ops *
crm_group_ops(crm_group *g)
{
	g->ops.size = (g->naggs ? g->naggs : 1) * sizeof(crm_agg);
	g->ops.scratch = g->nargs * sizeof(crm_value);
	/* Every crm_agg result depends on the values only, not on how
	 * they were cut into merged states. */
	g->ops.halves_exact = true;
	g->ops.ctx = g;
	g->ops.init = state_init;
	g->ops.add = state_add;
	g->ops.merge = state_merge;
	g->ops.free = state_free;
	g->ops.save = state_save;
	g->ops.load = state_load;
	return &g->ops;
}

/* The plan is complete: set up the groups. */
static void
start(crm_group *g)
{
	if (g->set != NULL)
		return;
	g->set = crm_fold_set_new(crm_group_ops(g), g->keys, g->nkeys);
}

int
crm_group_add_record(crm_group *g, const crm_record *rec, char *why,
		     size_t cap)
{
	start(g);
	return crm_fold_set_add(g->set, rec, why, cap);
}

/* ------------------------------------------------------------------ */
/* The plan as text */

static const char *const kind_name[] = {
	[CRM_AGG_COUNT_ROWS] = "count", [CRM_AGG_COUNT] = "count",
	[CRM_AGG_COUNT_IF] = "count_if", [CRM_AGG_SUM] = "sum",
	[CRM_AGG_MEAN] = "mean", [CRM_AGG_MIN] = "min", [CRM_AGG_MAX] = "max",
	[CRM_AGG_MEDIAN] = "median", [CRM_AGG_QUANTILE] = "quantile",
	[CRM_AGG_STDDEV] = "stddev", [CRM_AGG_VAR] = "var",
	[CRM_AGG_DISTINCT] = "distinct",
};

/* Append s to the string *text of *len bytes. */
static void
cat(char **text, size_t *len, const char *s)
{
	size_t n = strlen(s);

	*text = crm_xrealloc(*text, *len + n + 1);
	memcpy(*text + *len, s, n + 1);
	*len += n;
}

char *
crm_group_plan(const crm_group *g)
{
	char *text = crm_xstrdup(""), num[40];
	size_t len = 0;

	for (size_t j = 0; j < g->naggs; j++) {
		const struct aggdef *d = &g->aggs[j];
		const struct arg *a = &g->args[d->arg];
		long col = d->arg > 0 ? crm_expr_column(a->expr) : -1;

		cat(&text, &len, j ? ";" : "");
		cat(&text, &len, kind_name[d->kind]);
		cat(&text, &len, "(");
		if (col >= 0)
			cat(&text, &len, g->h->name[col]);
		else if (d->arg > 0)
			cat(&text, &len, a->sig + 1);
		if (d->kind == CRM_AGG_QUANTILE) {
			snprintf(num, sizeof num, ",%.17g", d->param);
			cat(&text, &len, num);
		}
		cat(&text, &len, ")");
	}
	return text;
}

/* ------------------------------------------------------------------ */
/* Results */

size_t
crm_group_count(const crm_group *g)
{
	if (g->set == NULL)
		return g->nkeys == 0;
	return crm_fold_set_count(g->set);
}

size_t
crm_group_aggregates(const crm_group *g)
{
	return g->naggs;
}

const size_t *
crm_group_order(crm_group *g, bool sorted)
{
	start(g);
	return crm_fold_set_order(g->set, sorted ? CRM_FOLD_BY_KEY :
	    CRM_FOLD_FIRST_SEEN, NULL, NULL);
}

void
crm_group_state_values(crm_group *g, void *state, crm_value *out)
{
	crm_agg *st = state;

	if (g->vals == NULL) {
		g->vals = crm_xcalloc(g->naggs ? g->naggs : 1,
		    sizeof *g->vals);
		g->res = crm_xcalloc(g->maxcalls ? g->maxcalls : 1,
		    sizeof *g->res);
	}
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

void
crm_group_values(crm_group *g, size_t group, crm_value *out)
{
	start(g);
	crm_group_state_values(g, group == CRM_GROUP_TOTAL ?
	    crm_fold_set_total(g->set) : crm_fold_set_state(g->set, group),
	    out);
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
	start(g);
	start(from);
	crm_fold_set_merge(g->set, from->set);
}

int
crm_group_read(crm_group *g, crm_input *in, crm_group_invalid_fn invalid,
	       void *ctx, unsigned long *rows, crm_error *err)
{
	start(g);
	return crm_fold_set_read(g->set, in, invalid, ctx, rows, err);
}

void
crm_group_free(crm_group *g)
{
	if (g == NULL)
		return;
	crm_fold_set_free(g->set);
	for (size_t i = 1; i < g->nargs; i++)
		free(g->args[i].sig);
	for (size_t i = 0; i < g->nm; i++)
		free(g->m[i].agg);
	free(g->args);
	free(g->aggs);
	free(g->m);
	free(g->keys);
	free(g->vals);
	free(g->res);
	free(g);
}
