/*
 * crm_expr_compile: MEASURE expressions compiled: a recursive-descent
 * parser builds a small tree, a resolving pass looks columns and
 * functions up, code generation writes the postfix program that
 * crm_expr_eval.c runs.  See crm_expr_impl.h for the grammar.
 */
#include "crm_expr_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_names.h"

/* ------------------------------------------------------------------ */
/* Functions */

enum fclass { F_ROW, F_AGG, F_MINMAX };

typedef struct fninfo {
	const char *name;
	enum fclass cls;
	enum op op;		/* row function */
	crm_agg_kind kind;	/* aggregate */
	int min, max;		/* argument count; max -1: unbounded */
} fninfo;

static const fninfo fns[] = {
	{ "abs", F_ROW, OP_ABS, 0, 1, 1 },
	{ "min", F_MINMAX, OP_MIN, CRM_AGG_MIN, 1, -1 },
	{ "max", F_MINMAX, OP_MAX, CRM_AGG_MAX, 1, -1 },
	{ "round", F_ROW, OP_ROUND, 0, 1, 2 },
	{ "floor", F_ROW, OP_FLOOR, 0, 1, 1 },
	{ "ceil", F_ROW, OP_CEIL, 0, 1, 1 },
	{ "sqrt", F_ROW, OP_SQRT, 0, 1, 1 },
	{ "log", F_ROW, OP_LOG, 0, 1, 1 },
	{ "exp", F_ROW, OP_EXP, 0, 1, 1 },
	{ "pow", F_ROW, OP_POW, 0, 2, 2 },
	{ "if", F_ROW, OP_IF, 0, 3, 3 },
	{ "coalesce", F_ROW, OP_COALESCE, 0, 1, -1 },
	{ "isempty", F_ROW, OP_ISEMPTY, 0, 1, 1 },
	{ "date", F_ROW, OP_TODATE, 0, 1, 1 },
	{ "today", F_ROW, OP_TODAY, 0, 0, 0 },
	{ "days", F_ROW, OP_DAYS, 0, 2, 2 },
	{ "months", F_ROW, OP_MONTHS, 0, 2, 2 },
	{ "year", F_ROW, OP_YEAR, 0, 1, 1 },
	{ "quarter", F_ROW, OP_QUARTER, 0, 1, 1 },
	{ "month", F_ROW, OP_MONTH, 0, 1, 1 },
	{ "week", F_ROW, OP_WEEK, 0, 1, 1 },
	{ "weekday", F_ROW, OP_WEEKDAY, 0, 1, 1 },
	{ "count", F_AGG, 0, CRM_AGG_COUNT, 0, 1 },
	{ "count_if", F_AGG, 0, CRM_AGG_COUNT_IF, 1, 1 },
	{ "sum", F_AGG, 0, CRM_AGG_SUM, 1, 1 },
	{ "mean", F_AGG, 0, CRM_AGG_MEAN, 1, 1 },
	{ "median", F_AGG, 0, CRM_AGG_MEDIAN, 1, 1 },
	{ "quantile", F_AGG, 0, CRM_AGG_QUANTILE, 2, 2 },
	{ "stddev", F_AGG, 0, CRM_AGG_STDDEV, 1, 1 },
	{ "var", F_AGG, 0, CRM_AGG_VAR, 1, 1 },
	{ "distinct", F_AGG, 0, CRM_AGG_DISTINCT, 1, 1 },
};
#define NFNS (sizeof fns / sizeof fns[0])

/* Names people try, for "did you mean". */
static const struct {
	const char *alias, *name;
} fn_aliases[] = {
	{ "avg", "mean" }, { "average", "mean" }, { "stdev", "stddev" },
	{ "sd", "stddev" }, { "std", "stddev" }, { "variance", "var" },
	{ "ln", "log" }, { "iif", "if" }, { "ifelse", "if" },
	{ "nvl", "coalesce" }, { "ifnull", "coalesce" },
	{ "countif", "count_if" }, { "percentile", "quantile" },
	{ "n", "count" }, { "total", "sum" }, { "power", "pow" },
	{ "now", "today" }, { "datediff", "days" }, { "todate", "date" },
	{ "dayofweek", "weekday" }, { "isoweek", "week" },
};

enum op
crm_expr_fn_op(int fn)
{
	return fns[fn].op;
}

crm_agg_kind
crm_expr_fn_kind(const node *nd)
{
	if (fns[nd->fn].kind == CRM_AGG_COUNT && nd->nkids == 0)
		return CRM_AGG_COUNT_ROWS;
	return fns[nd->fn].kind;
}

const char *
crm_expr_fn_name(int fn)
{
	return fns[fn].name;
}

/* ------------------------------------------------------------------ */
/* Parser */

static int
new_node(parser *p, enum nkind kind, int pos, int start, int end)
{
	node *nd;

	if (p->nn == p->capn) {
		p->capn = p->capn ? 2 * p->capn : 32;
		p->nodes = crm_xreallocarray(p->nodes, (size_t)p->capn,
					     sizeof *p->nodes);
	}
	nd = &p->nodes[p->nn];
	memset(nd, 0, sizeof *nd);
	nd->kind = kind;
	nd->pos = pos;
	nd->start = start;
	nd->end = end;
	nd->depth = 1;
	nd->fn = -1;
	nd->ref = -1;
	return p->nn++;
}

static int
set_kids(parser *p, int ni, const int *k, int n)
{
	int i, d = 0;

	if (p->nk + n > p->capk) {
		while (p->nk + n > p->capk)
			p->capk = p->capk ? 2 * p->capk : 32;
		p->kids = crm_xreallocarray(p->kids, (size_t)p->capk,
					    sizeof *p->kids);
	}
	for (i = 0; i < n; i++) {
		p->kids[p->nk + i] = k[i];
		if (p->nodes[k[i]].depth > d)
			d = p->nodes[k[i]].depth;
	}
	p->nodes[ni].kid = p->nk;
	p->nodes[ni].nkids = n;
	p->nodes[ni].depth = d + 1;
	p->nk += n;
	if (d + 1 > MAX_TREE)
		return crm_expr_error(p, p->nodes[ni].pos, NULL,
				      "expression too complex (nested too "
				      "deeply)");
	return 0;
}

static int
unary_node(parser *p, enum op op, int pos, int operand)
{
	int ni = new_node(p, N_UN, pos, pos, p->nodes[operand].end);

	p->nodes[ni].op = op;
	return set_kids(p, ni, &operand, 1) < 0 ? -1 : ni;
}

static int
binary_node(parser *p, enum op op, int pos, int l, int r)
{
	int k[2] = { l, r };
	int ni = new_node(p, N_BIN, pos, p->nodes[l].start, p->nodes[r].end);

	p->nodes[ni].op = op;
	return set_kids(p, ni, k, 2) < 0 ? -1 : ni;
}

static int
enter(parser *p)
{
	if (++p->nest > MAX_NEST)
		return crm_expr_error(p, p->ts, NULL,
				      "expression too complex (nested too "
				      "deeply)");
	return 0;
}

static int parse_or(parser *p);

static int
parse_call(parser *p, int ns, int ne)
{
	int *args = NULL, nargs = 0, cap = 0, ni = -1, end;

	if (enter(p) < 0 || crm_expr_lex(p) < 0)	/* past '(' */
		return -1;
	if (p->tok != T_RP) {
		for (;;) {
			int a = parse_or(p);

			if (a < 0)
				goto out;
			if (nargs == cap) {
				cap = cap ? 2 * cap : 4;
				args = crm_xreallocarray(args, (size_t)cap,
							 sizeof *args);
			}
			args[nargs++] = a;
			if (p->tok == T_COMMA) {
				if (crm_expr_lex(p) < 0)
					goto out;
				continue;
			}
			if (p->tok == T_RP)
				break;
			crm_expr_unexpected(p);
			goto out;
		}
	}
	end = p->te;
	if (crm_expr_lex(p) < 0)
		goto out;
	ni = new_node(p, N_CALL, ns, ns, end);
	p->nodes[ni].toff = ns;
	p->nodes[ni].tlen = ne - ns;
	if (set_kids(p, ni, args, nargs) < 0)
		ni = -1;
	p->nest--;
out:
	free(args);
	return ni;
}

static int
parse_primary(parser *p)
{
	int ni, ts = p->ts, te = p->te;

	switch (p->tok) {
	case T_NUM:
		ni = new_node(p, N_NUM, ts, ts, te);
		p->nodes[ni].num = p->tnum;
		p->nodes[ni].toff = ts;
		p->nodes[ni].tlen = te - ts;
		return crm_expr_lex(p) < 0 ? -1 : ni;
	case T_STR:
		ni = new_node(p, N_STR, ts, ts, te);
		p->nodes[ni].toff = p->tsoff;
		p->nodes[ni].tlen = p->tslen;
		return crm_expr_lex(p) < 0 ? -1 : ni;
	case T_BRACE:
		ni = new_node(p, N_COL, ts, ts, te);
		p->nodes[ni].toff = p->tsoff;
		p->nodes[ni].tlen = p->tslen;
		return crm_expr_lex(p) < 0 ? -1 : ni;
	case T_NAME:
		if (crm_expr_lex(p) < 0)
			return -1;
		if (p->tok == T_LP)
			return parse_call(p, ts, te);
		ni = new_node(p, N_COL, ts, ts, te);
		p->nodes[ni].toff = ts;
		p->nodes[ni].tlen = te - ts;
		return ni;
	case T_LP:
		if (enter(p) < 0 || crm_expr_lex(p) < 0)
			return -1;
		ni = parse_or(p);
		if (ni < 0)
			return -1;
		if (p->tok != T_RP)
			return crm_expr_unexpected(p);
		p->nodes[ni].start = ts;
		p->nodes[ni].end = p->te;
		p->nest--;
		return crm_expr_lex(p) < 0 ? -1 : ni;
	default:
		return crm_expr_unexpected(p);
	}
}

static int parse_unary(parser *p);

static int
parse_power(parser *p)
{
	int l = parse_primary(p), r, pos;

	if (l < 0)
		return -1;
	if (p->tok == T_OP && p->top == OP_POW) {
		pos = p->ts;
		if (enter(p) < 0 || crm_expr_lex(p) < 0)
			return -1;
		r = parse_unary(p);
		if (r < 0)
			return -1;
		p->nest--;
		return binary_node(p, OP_POW, pos, l, r);
	}
	return l;
}

static int
parse_unary(parser *p)
{
	if (p->tok == T_OP && (p->top == OP_SUB || p->top == OP_ADD)) {
		bool neg = p->top == OP_SUB;
		int pos = p->ts, r;

		if (enter(p) < 0 || crm_expr_lex(p) < 0)
			return -1;
		r = parse_unary(p);
		if (r < 0)
			return -1;
		p->nest--;
		return neg ? unary_node(p, OP_NEG, pos, r) : r;
	}
	return parse_power(p);
}

/*
 * One left-associative level of binary operators: operands parsed by
 * sub, joined by every operator that match accepts (and stores in *op).
 */
static int
parse_left(parser *p, int (*sub)(parser *),
	   bool (*match)(const parser *, enum op *))
{
	int l = sub(p), r, pos;
	enum op op;

	while (l >= 0 && match(p, &op)) {
		pos = p->ts;
		if (crm_expr_lex(p) < 0 || (r = sub(p)) < 0)
			return -1;
		l = binary_node(p, op, pos, l, r);
	}
	return l;
}

static bool
match_mul(const parser *p, enum op *op)
{
	*op = p->top;
	return p->tok == T_OP &&
	    (p->top == OP_MUL || p->top == OP_DIV || p->top == OP_MOD);
}

static bool
match_add(const parser *p, enum op *op)
{
	*op = p->top;
	return p->tok == T_OP && (p->top == OP_ADD || p->top == OP_SUB);
}

static bool
match_and(const parser *p, enum op *op)
{
	*op = OP_AND;
	return p->tok == T_AND;
}

static bool
match_or(const parser *p, enum op *op)
{
	*op = OP_OR;
	return p->tok == T_OR;
}

static int
parse_mul(parser *p)
{
	return parse_left(p, parse_unary, match_mul);
}

static int
parse_add(parser *p)
{
	return parse_left(p, parse_mul, match_add);
}

static bool
is_cmp(const parser *p)
{
	return p->tok == T_OP && p->top >= OP_EQ && p->top <= OP_GE;
}

static int
parse_cmp(parser *p)
{
	int l = parse_add(p), r, pos;
	enum op op;

	if (l < 0 || !is_cmp(p))
		return l;
	op = p->top;
	pos = p->ts;
	if (crm_expr_lex(p) < 0 || (r = parse_add(p)) < 0)
		return -1;
	if (is_cmp(p))
		return crm_expr_error(p, p->ts, NULL, "syntax error in "
				      "expression: unexpected '%.*s' "
				      "(comparisons do not chain; use 'and')",
				      p->te - p->ts, p->src + p->ts);
	return binary_node(p, op, pos, l, r);
}

static int
parse_not(parser *p)
{
	if (p->tok == T_NOT) {
		int pos = p->ts, r;

		if (enter(p) < 0 || crm_expr_lex(p) < 0)
			return -1;
		r = parse_not(p);
		if (r < 0)
			return -1;
		p->nest--;
		return unary_node(p, OP_NOT, pos, r);
	}
	return parse_cmp(p);
}

static int
parse_and(parser *p)
{
	return parse_left(p, parse_not, match_and);
}

static int
parse_or(parser *p)
{
	return parse_left(p, parse_and, match_or);
}

/* ------------------------------------------------------------------ */
/* Resolution: columns, functions, aggregates */

static int
unknown_function(parser *p, const node *nd)
{
	const char *name = p->src + nd->toff;
	size_t len = (size_t)nd->tlen, i;
	const char *best = NULL;
	char extra[64] = "";
	crm_names_nearest nn;

	for (i = 0; i < sizeof fn_aliases / sizeof fn_aliases[0]; i++)
		if (strlen(fn_aliases[i].alias) == len &&
		    memcmp(fn_aliases[i].alias, name, len) == 0)
			best = fn_aliases[i].name;
	crm_names_nearest_init(&nn, name, len, 1);
	for (i = 0; best == NULL && i < NFNS; i++)
		crm_names_nearest_offer(&nn, (long)i, fns[i].name,
					strlen(fns[i].name));
	if (best == NULL && nn.best >= 0)
		best = fns[nn.best].name;
	if (best != NULL)
		snprintf(extra, sizeof extra, "\n  did you mean '%s'?", best);
	return crm_expr_error(p, nd->pos, extra, "unknown function '%.*s'",
			      nd->tlen, name);
}

static int
check_arity(parser *p, const node *nd, const fninfo *f)
{
	int n = nd->nkids;

	if (n >= f->min && (f->max < 0 || n <= f->max))
		return 0;
	if (f->max < 0)
		return crm_expr_error(p, nd->pos, NULL, "function '%s' takes "
				      "at least %d argument%s", f->name,
				      f->min, f->min == 1 ? "" : "s");
	if (f->max == f->min)
		return crm_expr_error(p, nd->pos, NULL, "function '%s' takes "
				      "%d argument%s", f->name, f->min,
				      f->min == 1 ? "" : "s");
	return crm_expr_error(p, nd->pos, NULL, "function '%s' takes %d or %d "
			      "arguments", f->name, f->min, f->max);
}

static bool
is_const(const parser *p, int ni)
{
	const node *nd = &p->nodes[ni];
	int i;

	if (nd->kind == N_COL || (nd->kind == N_CALL && nd->agg))
		return false;
	for (i = 0; i < nd->nkids; i++)
		if (!is_const(p, p->kids[nd->kid + i]))
			return false;
	return true;
}

static crm_expr *build(parser *p, int root, int start, int end);
static double const_value(parser *p, int ni, bool *ok);

/*
 * An unknown bare name compared with something (region == Nord) is
 * most likely text meant as a literal: add the quoted form to the
 * message crm_names_column wrote.  Returns -1.
 */
static int
quote_hint(parser *p, int ni)
{
	const node *nd = &p->nodes[ni], *cmp = NULL;
	size_t used = strlen(p->err->msg);
	int i, other;

	if (p->src[nd->pos] == '{' || strstr(p->err->msg, "did you mean"))
		return -1;	/* a misspelt column, not text */
	for (i = 0; i < p->nn && cmp == NULL; i++)
		if (p->nodes[i].kind == N_BIN && p->nodes[i].op >= OP_EQ &&
		    p->nodes[i].op <= OP_GE && (p->kids[p->nodes[i].kid] ==
		    ni || p->kids[p->nodes[i].kid + 1] == ni))
			cmp = &p->nodes[i];
	if (cmp == NULL)
		return -1;
	other = p->kids[cmp->kid] == ni ? p->kids[cmp->kid + 1] :
	    p->kids[cmp->kid];
	if (p->nodes[other].kind == N_NUM)
		return -1;
	if (other < ni)
		snprintf(p->err->msg + used, sizeof p->err->msg - used,
			 "\n  to compare with the text %.*s, quote it: "
			 "%.*s\"%.*s\"", nd->tlen, p->src + nd->toff,
			 nd->pos - p->nodes[other].start,
			 p->src + p->nodes[other].start, nd->tlen,
			 p->src + nd->toff);
	else
		snprintf(p->err->msg + used, sizeof p->err->msg - used,
			 "\n  to compare with the text %.*s, quote it: "
			 "\"%.*s\"%.*s", nd->tlen, p->src + nd->toff,
			 nd->tlen, p->src + nd->toff,
			 p->nodes[other].end - nd->end, p->src + nd->end);
	return -1;
}

static int
resolve(parser *p, int ni, int in_agg)
{
	node *nd = &p->nodes[ni];
	const fninfo *f;
	int i;

	switch (nd->kind) {
	case N_COL: {
		const char *name = p->src + nd->toff;
		long c;

		if ((p->flags & CRM_EXPR_AGGREGATES) && in_agg < 0)
			return crm_expr_error(p, nd->pos, NULL, "column '%.*s' "
					      "used outside an aggregate",
					      nd->tlen, name);
		c = crm_names_column(p->h, name, (size_t)nd->tlen, NULL,
				     p->src, p->err);
		if (c < 0)
			return quote_hint(p, ni);
		nd->ref = c;
		return 0;
	}
	case N_CALL:
		for (i = 0; i < (int)NFNS; i++)
			if ((int)strlen(fns[i].name) == nd->tlen &&
			    memcmp(fns[i].name, p->src + nd->toff,
				   (size_t)nd->tlen) == 0)
				break;
		if (i == (int)NFNS)
			return unknown_function(p, nd);
		nd->fn = i;
		f = &fns[i];
		if (f->cls == F_AGG || (f->cls == F_MINMAX && nd->nkids == 1)) {
			if (!(p->flags & CRM_EXPR_AGGREGATES))
				return crm_expr_error(p, nd->pos, NULL,
				    "aggregate function '%s' is "
				    "only allowed in kpi",
				    f->name);
			if (in_agg >= 0)
				return crm_expr_error(p, nd->pos, NULL,
				    "aggregate '%s' inside "
				    "aggregate '%s'", f->name,
				    fns[p->nodes[in_agg].fn].name);
			if (f->cls == F_AGG && check_arity(p, nd, f) < 0)
				return -1;
			nd->agg = true;
			nd->ref = p->nagg;
			if (p->nagg == p->capagg) {
				p->capagg = p->capagg ? 2 * p->capagg : 8;
				p->aggnodes = crm_xreallocarray(
					p->aggnodes, (size_t)p->capagg,
					sizeof *p->aggnodes);
			}
			p->aggnodes[p->nagg++] = ni;
			for (i = 0; i < nd->nkids; i++)
				if (resolve(p, p->kids[nd->kid + i], ni) < 0)
					return -1;
			if (f->kind == CRM_AGG_QUANTILE) {
				int k = p->kids[nd->kid + 1];
				bool ok = is_const(p, k);
				double v = ok ? const_value(p, k, &ok) : 0;

				if (!ok || !(v >= 0 && v <= 1))
					return crm_expr_error(p,
						p->nodes[k].start, NULL,
						"quantile's p must be a "
						"constant between 0 and 1");
				nd->num = v;
			}
			return 0;
		}
		if (check_arity(p, nd, f) < 0)
			return -1;
		break;
	default:
		break;
	}
	for (i = 0; i < nd->nkids; i++)
		if (resolve(p, p->kids[nd->kid + i], in_agg) < 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Code generation */

typedef struct gen {
	parser *p;
	ins *code;
	size_t n, cap;
	char *pool;
	size_t np, capp;
	int sp, maxsp;
} gen;

static void
emit(gen *g, const ins *in, int pops, int pushes)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->code = crm_xreallocarray(g->code, g->cap, sizeof *g->code);
	}
	g->code[g->n++] = *in;
	g->sp += pushes - pops;
	if (g->sp > g->maxsp)
		g->maxsp = g->sp;
}

static size_t
gen_text(gen *g, const char *s, size_t n)
{
	size_t off = g->np;

	if (g->np + n + 1 > g->capp) {
		while (g->np + n + 1 > g->capp)
			g->capp = g->capp ? 2 * g->capp : 64;
		g->pool = crm_xrealloc(g->pool, g->capp);
	}
	if (n > 0)
		memcpy(g->pool + g->np, s, n);
	g->np += n;
	g->pool[g->np++] = '\0';
	return off;
}

static void
gen_node(gen *g, int ni)
{
	const parser *p = g->p;
	const node *nd = &p->nodes[ni];
	ins in;
	int i;

	memset(&in, 0, sizeof in);
	in.n = nd->nkids;
	switch (nd->kind) {
	case N_NUM:
		in.op = OP_NUM;
		in.num = nd->num;
		in.len = (size_t)nd->tlen;
		in.arg = (long)gen_text(g, p->src + nd->toff, in.len);
		emit(g, &in, 0, 1);
		return;
	case N_STR:
		in.op = OP_STR;
		in.len = (size_t)nd->tlen;
		in.arg = (long)gen_text(g, in.len > 0 ? p->pool + nd->toff
					: "", in.len);
		emit(g, &in, 0, 1);
		return;
	case N_COL:
		in.op = OP_COL;
		in.arg = nd->ref;
		emit(g, &in, 0, 1);
		return;
	case N_DATE:
		in.op = OP_DATEC;
		in.num = nd->num;
		in.len = nd->has_time;
		emit(g, &in, 0, 1);
		return;
	case N_CALL:
		if (nd->agg) {
			in.op = OP_AGG;
			in.arg = nd->ref;
			in.slot = nd->type == CRM_TYPE_DATE;
			emit(g, &in, 0, 1);
			return;
		}
		in.op = (unsigned char)fns[nd->fn].op;
		break;
	default:
		in.op = (unsigned char)nd->op;
		break;
	}
	for (i = 0; i < nd->nkids; i++)
		gen_node(g, p->kids[nd->kid + i]);
	emit(g, &in, nd->nkids, 1);
}

static void
assign_cache(crm_expr *e, const crm_header *h)
{
	size_t ncols = h != NULL ? h->n : 0, i;
	int *cnt, *slotof, nslots = 0;

	if (ncols == 0)
		return;
	cnt = crm_xcalloc(2 * ncols, sizeof *cnt);
	slotof = cnt + ncols;
	for (i = 0; i < e->ncode; i++)
		if (e->code[i].op == OP_COL)
			cnt[e->code[i].arg]++;
	for (i = 0; i < ncols; i++)
		slotof[i] = -1;
	for (i = 0; i < e->ncode; i++) {
		ins *in = &e->code[i];

		if (in->op != OP_COL || cnt[in->arg] < 2)
			continue;
		if (slotof[in->arg] >= 0) {
			in->op = OP_COLC;
			in->slot = (unsigned char)slotof[in->arg];
		} else if (nslots < MAX_CACHE) {
			slotof[in->arg] = nslots;
			in->op = OP_COLS;
			in->slot = (unsigned char)nslots++;
		}
	}
	free(cnt);
}

/* Compile the subtree root into an expression whose source is
 * src[start..end). */
static crm_expr *
build(parser *p, int root, int start, int end)
{
	crm_expr *e = crm_xcalloc(1, sizeof *e);
	gen g;
	size_t i;

	memset(&g, 0, sizeof g);
	g.p = p;
	e->src = crm_xmemdup(p->src + start, (size_t)(end - start));
	e->decimal_comma = p->decimal_comma;
	e->check_text = (p->flags & CRM_EXPR_CHECK_TEXT) != 0;
	e->type = p->nodes[root].type;
	e->datepat = p->datepat;
	e->bare_col = -1;
	gen_text(&g, "", 0);	/* the pool is never NULL */
	gen_node(&g, root);
	e->code = g.code;
	e->ncode = g.n;
	e->pool = g.pool;
	if (g.maxsp > MAX_STACK) {
		crm_expr_error(p, p->nodes[root].start, NULL, "expression too "
			       "complex (it needs %d values at once, at most "
			       "%d)", g.maxsp, MAX_STACK);
		crm_expr_free(e);
		return NULL;
	}
	for (i = 0; i < e->ncode; i++)
		if (e->code[i].op == OP_NUM || e->code[i].op == OP_STR)
			e->code[i].str = e->pool + e->code[i].arg;
	if (e->ncode == 1 && e->code[0].op == OP_COL)
		e->bare_col = e->code[0].arg;
	assign_cache(e, p->h);
	if (e->ncode == 3 && e->code[0].op == OP_COL &&
	    e->code[1].op == OP_COL && (e->code[2].op == OP_ADD ||
	    e->code[2].op == OP_SUB || e->code[2].op == OP_MUL ||
	    e->code[2].op == OP_DIV)) {
		e->pair_op = e->code[2].op;
		e->pair_a = e->code[0].arg;
		e->pair_b = e->code[1].arg;
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* Compilation driver and accessors */

static double
const_value(parser *p, int ni, bool *ok)
{
	crm_expr *t = build(p, ni, p->nodes[ni].start, p->nodes[ni].end);
	crm_value v;

	if (t == NULL) {
		*ok = false;
		return 0;
	}
	v = crm_expr_eval_final(t, NULL);
	crm_expr_free(t);
	*ok = v.type == CRM_VAL_NUM;
	return v.num;
}

crm_expr *
crm_expr_compile(const char *src, const crm_header *h, bool decimal_comma,
		 unsigned flags, crm_error *err)
{
	crm_error dummy;
	parser P;
	crm_expr *e = NULL;
	size_t len = strlen(src), i;
	int root;

	if (err == NULL)
		err = &dummy;
	if (len > MAX_SRC) {
		crm_error_set(err, CRM_EXIT_USAGE, "expression too long (%zu "
			      "bytes, at most %d)", len, MAX_SRC);
		return NULL;
	}
	for (i = 0; i < len; i++)
		if (src[i] != ' ' && src[i] != '\t' && src[i] != '\n' &&
		    src[i] != '\r')
			break;
	if (i == len) {
		crm_error_set(err, CRM_EXIT_USAGE, "empty expression");
		return NULL;
	}
	memset(&P, 0, sizeof P);
	P.src = src;
	P.len = (int)len;
	P.h = h;
	P.flags = flags;
	P.decimal_comma = decimal_comma;
	P.err = err;
	crm_expr_date_context(&P.datepat, &P.as_of);

	if (crm_expr_lex(&P) < 0 || (root = parse_or(&P)) < 0)
		goto out;
	if (P.tok != T_END) {
		crm_expr_unexpected(&P);
		goto out;
	}
	if (resolve(&P, root, -1) < 0 || crm_expr_typecheck(&P, root) < 0)
		goto out;
	e = build(&P, root, 0, P.len);
	if (e == NULL || P.nagg == 0)
		goto out;
	e->aggs = crm_xcalloc((size_t)P.nagg, sizeof *e->aggs);
	e->nagg = (size_t)P.nagg;
	for (i = 0; i < e->nagg; i++) {
		const node *nd = &P.nodes[P.aggnodes[i]];
		const node *an;
		agg *g = &e->aggs[i];

		g->kind = fns[nd->fn].kind;
		if (g->kind == CRM_AGG_COUNT && nd->nkids == 0)
			g->kind = CRM_AGG_COUNT_ROWS;
		g->param = g->kind == CRM_AGG_QUANTILE ? nd->num : 0;
		if (nd->nkids == 0)
			continue;
		an = &P.nodes[P.kids[nd->kid]];
		g->arg = build(&P, P.kids[nd->kid], an->start, an->end);
		if (g->arg == NULL) {
			crm_expr_free(e);
			e = NULL;
			goto out;
		}
	}
out:
	free(P.nodes);
	free(P.kids);
	free(P.pool);
	free(P.aggnodes);
	return e;
}

void
crm_expr_free(crm_expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nagg; i++)
		crm_expr_free(e->aggs[i].arg);
	free(e->aggs);
	free(e->code);
	free(e->pool);
	free(e->src);
	free(e);
}

crm_expr_type
crm_expr_result_type(const crm_expr *e)
{
	return e->type;
}

const char *
crm_expr_source(const crm_expr *e)
{
	return e->src;
}

long
crm_expr_column(const crm_expr *e)
{
	return e->bare_col;
}

bool
crm_expr_is_count(const crm_expr *e)
{
	crm_agg_kind k;

	if (e->ncode != 1 || e->code[0].op != OP_AGG)
		return false;
	k = e->aggs[e->code[0].arg].kind;
	return k == CRM_AGG_COUNT_ROWS || k == CRM_AGG_COUNT ||
	    k == CRM_AGG_COUNT_IF || k == CRM_AGG_DISTINCT;
}

size_t
crm_expr_agg_count(const crm_expr *e)
{
	return e->nagg;
}

crm_agg_kind
crm_expr_agg_kind(const crm_expr *e, size_t i)
{
	return e->aggs[i].kind;
}

const crm_expr *
crm_expr_agg_arg(const crm_expr *e, size_t i)
{
	return e->aggs[i].arg;
}

double
crm_expr_agg_param(const crm_expr *e, size_t i)
{
	return e->aggs[i].param;
}
