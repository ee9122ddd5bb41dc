/*
 * crm_expr_type: the static types of MEASURE expressions (SPEC 2,
 * "Dates"), checked once when an expression is compiled so that a wrong
 * mix of dates and numbers is a usage error before any row is read, and
 * the evaluator needs no type tests on its numeric path.
 *
 * Types: NUMBER (number literals, arithmetic, comparisons, logic,
 * numeric functions, count/sum/... aggregates), STRING (string
 * literals), DATE (date(x), today(), date + n, date - n, and min, max,
 * if, coalesce over dates) and UNKNOWN (a column used bare: a number or
 * text, known per row, never a date; date(column) makes it one).
 *
 * Rules, where d is a DATE and n a NUMBER or UNKNOWN:
 *   d - d is a NUMBER of days; d + n, n + d, d - n are DATEs;
 *   any other arithmetic (unary minus, * / % ^, d + d, n - d, numeric
 *   functions, sum/mean/median/quantile/stddev/var) on a date is an
 *   error;
 *   d compares with d; a string literal where a date is expected (a
 *   comparison with a date, an argument of the date functions, date())
 *   is read as a date now, and is an error if it is none; a date
 *   compared with a number or a bare column is an error (the message
 *   suggests date(column));
 *   if(c, a, b), coalesce(...) and row-level min/max(...) with one date
 *   argument need dates (or date literals) in all the others;
 *   year quarter month week weekday take a date, days and months two.
 */
#include "crm_expr_impl.h"

#include <stdio.h>
#include <string.h>

static struct {
	bool set, today_known;
	crm_date_pattern pat;
	crm_date as_of;
} dates;

void
crm_expr_set_dates(const crm_date_pattern *pat, crm_date as_of)
{
	memset(&dates.pat, 0, sizeof dates.pat);
	if (pat != NULL)
		dates.pat = *pat;
	dates.as_of = as_of;
	dates.set = true;
}

void
crm_expr_date_context(crm_date_pattern *pat, crm_date *as_of)
{
	if (!dates.set && !dates.today_known) {
		/* A clock that fails leaves today() at 1970-01-01; tools
		 * set the as-of date (and report such a failure) first. */
		if (!crm_date_today(&dates.as_of))
			dates.as_of.days = 0;
		dates.today_known = true;
	}
	*pat = dates.pat;
	*as_of = dates.as_of;
}

static const char *
type_name(crm_expr_type t)
{
	switch (t) {
	case CRM_TYPE_NUMBER: return "a number";
	case CRM_TYPE_STRING: return "a text";
	case CRM_TYPE_DATE: return "a date";
	default: return "a column";
	}
}

static const char *
op_name(enum op op)
{
	switch (op) {
	case OP_ADD: return "+";
	case OP_SUB: return "-";
	case OP_MUL: return "*";
	case OP_DIV: return "/";
	case OP_MOD: return "%";
	case OP_POW: return "^";
	case OP_NEG: return "unary -";
	default: return "this operator";
	}
}

#define DATE_OPS "\n  a date takes only + and - a number of days, " \
	"date - date (days) and comparisons"

/*
 * Node ni must be a date: a DATE already, or a string literal, which is
 * read now (default forms first, then --date-format) and becomes a
 * constant.  what names the place for the message.
 */
static int
want_date(parser *p, int ni, const char *what)
{
	node *nd = &p->nodes[ni];
	crm_date d;
	char extra[160] = "";

	if (nd->type == CRM_TYPE_DATE)
		return 0;
	if (nd->kind == N_STR) {
		const char *s = nd->tlen > 0 ? p->pool + nd->toff : "";

		if (crm_date_parse(s, (size_t)nd->tlen, NULL, &d) ==
		    CRM_DATE_OK || (p->datepat.n > 0 &&
		    crm_date_parse(s, (size_t)nd->tlen, &p->datepat, &d) ==
		    CRM_DATE_OK)) {
			nd->kind = N_DATE;
			nd->num = d.days;
			nd->has_time = d.has_time;
			nd->nkids = 0;
			nd->type = CRM_TYPE_DATE;
			return 0;
		}
		return crm_expr_error(p, nd->pos, "\n  write dates as "
				      "YYYY-MM-DD", "\"%.*s\" is not a date "
				      "(%s)", nd->tlen, s, what);
	}
	if (nd->kind == N_COL)
		snprintf(extra, sizeof extra, "\n  write date(%.*s) to read "
			 "the column as a date", nd->end - nd->start,
			 p->src + nd->start);
	return crm_expr_error(p, nd->pos, extra, "%s needs a date here, not "
			      "%s", what, type_name(nd->type));
}

static int
no_date(parser *p, int ni, const char *what)
{
	const node *nd = &p->nodes[ni];

	if (nd->type != CRM_TYPE_DATE)
		return 0;
	return crm_expr_error(p, nd->pos, DATE_OPS, "%s does not take a "
			      "date", what);
}

static crm_expr_type
type_arith(parser *p, node *nd, int l, int r)
{
	crm_expr_type lt = p->nodes[l].type, rt = p->nodes[r].type;
	bool ld = lt == CRM_TYPE_DATE, rd = rt == CRM_TYPE_DATE;

	if (!ld && !rd)
		return CRM_TYPE_NUMBER;
	if (nd->op == OP_SUB && ld && rd) {
		nd->op = OP_DSUB;
		return CRM_TYPE_NUMBER;
	}
	if ((nd->op == OP_ADD || nd->op == OP_SUB) && ld != rd &&
	    (ld ? rt : lt) != CRM_TYPE_STRING &&
	    (ld || nd->op == OP_ADD)) {
		nd->op = nd->op == OP_SUB ? OP_DSUBN : ld ? OP_DADD :
		    OP_NDADD;
		return CRM_TYPE_DATE;
	}
	crm_expr_error(p, nd->pos, DATE_OPS, "%s %s %s is not defined",
		       type_name(lt), op_name(nd->op), type_name(rt));
	return (crm_expr_type)-1;
}

static int
type_binary(parser *p, int ni)
{
	node *nd = &p->nodes[ni];
	int l = p->kids[nd->kid], r = p->kids[nd->kid + 1];
	crm_expr_type t;

	if (nd->op >= OP_EQ && nd->op <= OP_GE) {
		nd->type = CRM_TYPE_NUMBER;
		if (p->nodes[l].type == CRM_TYPE_DATE)
			return want_date(p, r, "a comparison with a date");
		if (p->nodes[r].type == CRM_TYPE_DATE)
			return want_date(p, l, "a comparison with a date");
		return 0;
	}
	if (nd->op == OP_AND || nd->op == OP_OR) {
		nd->type = CRM_TYPE_NUMBER;
		return 0;
	}
	t = type_arith(p, nd, l, r);
	if ((int)t < 0)
		return -1;
	p->nodes[ni].type = t;
	return 0;
}

/* if/coalesce/min/max: the type the arguments from `from` share. */
static int
type_alike(parser *p, node *nd, int from, const char *fname)
{
	int i, date = -1;
	crm_expr_type t = CRM_TYPE_UNKNOWN;
	char what[48];

	for (i = from; i < nd->nkids; i++)
		if (p->nodes[p->kids[nd->kid + i]].type == CRM_TYPE_DATE)
			date = i;
	if (date >= 0) {
		snprintf(what, sizeof what, "%s() with a date argument",
			 fname);
		for (i = from; i < nd->nkids; i++)
			if (want_date(p, p->kids[nd->kid + i], what) < 0)
				return -1;
		nd->type = CRM_TYPE_DATE;
		return 0;
	}
	for (i = from; i < nd->nkids; i++) {
		crm_expr_type k = p->nodes[p->kids[nd->kid + i]].type;

		t = i == from || k == t ? k : CRM_TYPE_UNKNOWN;
	}
	nd->type = t;
	return 0;
}

static int
type_aggregate(parser *p, node *nd)
{
	crm_agg_kind k = crm_expr_fn_kind(nd);
	const char *name = crm_expr_fn_name(nd->fn);
	bool date = nd->nkids > 0 &&
	    p->nodes[p->kids[nd->kid]].type == CRM_TYPE_DATE;

	nd->type = CRM_TYPE_NUMBER;
	if (!date)
		return 0;
	switch (k) {
	case CRM_AGG_MIN:
	case CRM_AGG_MAX:
		nd->type = CRM_TYPE_DATE;
		return 0;
	case CRM_AGG_COUNT:
	case CRM_AGG_COUNT_IF:
	case CRM_AGG_DISTINCT:
		return 0;
	default:
		return crm_expr_error(p, nd->pos, "\n  dates take min, max, "
				      "count and distinct; for an average age "
				      "write e.g. mean(days(date(x), today()))",
				      "%s() of a date is not defined", name);
	}
}

static int
type_call(parser *p, int ni)
{
	node *nd = &p->nodes[ni];
	const char *name = crm_expr_fn_name(nd->fn);
	char what[48];
	int i;

	if (nd->agg)
		return type_aggregate(p, nd);
	snprintf(what, sizeof what, "%s()", name);
	nd->type = CRM_TYPE_NUMBER;
	switch (crm_expr_fn_op(nd->fn)) {
	case OP_TODAY:
		nd->kind = N_DATE;
		nd->num = p->as_of.days;
		nd->has_time = p->as_of.has_time;
		nd->type = CRM_TYPE_DATE;
		return 0;
	case OP_TODATE:
		nd->type = CRM_TYPE_DATE;
		i = p->kids[nd->kid];
		if (p->nodes[i].kind == N_STR)
			return want_date(p, i, what);
		if (p->nodes[i].type == CRM_TYPE_NUMBER)
			return crm_expr_error(p, p->nodes[i].pos, "\n  date() "
					      "reads a column or a text",
					      "date() of a number");
		return 0;
	case OP_YEAR: case OP_QUARTER: case OP_MONTH: case OP_WEEK:
	case OP_WEEKDAY: case OP_DAYS: case OP_MONTHS:
		for (i = 0; i < nd->nkids; i++)
			if (want_date(p, p->kids[nd->kid + i], what) < 0)
				return -1;
		return 0;
	case OP_IF:
		return type_alike(p, nd, 1, name);
	case OP_COALESCE:
	case OP_MIN:
	case OP_MAX:
		return type_alike(p, nd, 0, name);
	case OP_ISEMPTY:
		return 0;
	default:
		for (i = 0; i < nd->nkids; i++)
			if (no_date(p, p->kids[nd->kid + i], what) < 0)
				return -1;
		return 0;
	}
}

int
crm_expr_typecheck(parser *p, int ni)
{
	node *nd = &p->nodes[ni];
	int i;

	for (i = 0; i < nd->nkids; i++)
		if (crm_expr_typecheck(p, p->kids[nd->kid + i]) < 0)
			return -1;
	nd = &p->nodes[ni];
	switch (nd->kind) {
	case N_NUM:
		nd->type = CRM_TYPE_NUMBER;
		return 0;
	case N_STR:
		nd->type = CRM_TYPE_STRING;
		return 0;
	case N_COL:
		nd->type = CRM_TYPE_UNKNOWN;
		return 0;
	case N_DATE:
		nd->type = CRM_TYPE_DATE;
		return 0;
	case N_UN:
		nd->type = CRM_TYPE_NUMBER;
		return nd->op == OP_NEG ? no_date(p, p->kids[nd->kid],
						  "unary -") : 0;
	case N_BIN:
		return type_binary(p, ni);
	default:
		return type_call(p, ni);
	}
}
