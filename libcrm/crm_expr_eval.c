/*
 * crm_expr_eval: the evaluation of compiled MEASURE expressions: the
 * program (crm_expr_impl.h) runs over a fixed-size stack on the C
 * stack, nothing allocated per row; and what an evaluation note means
 * (crm_expr_describe).
 */
#include "crm_expr_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_names.h"
#include "crm_num.h"
#include "crm_utf8.h"

/* ------------------------------------------------------------------ */
/* Evaluation */

typedef struct slot {
	crm_value v;
	long col;		/* column the value or its problem came from */
	crm_why why;		/* MISSING/INVALID: why */
} slot;

static inline void
set_missing(slot *s, crm_why why)
{
	s->v.type = CRM_VAL_MISSING;
	s->v.num = 0;
	s->v.str = NULL;
	s->v.len = 0;
	s->v.has_time = false;
	s->why = why;
	s->col = -1;
}

static inline void
set_num(slot *s, double r)
{
	if (!isfinite(r)) {
		set_missing(s, CRM_WHY_DOMAIN);
		return;
	}
	s->v.type = CRM_VAL_NUM;
	s->v.num = r;
	s->v.str = NULL;
	s->v.len = 0;
	s->v.has_time = false;
	s->why = CRM_WHY_NONE;
	s->col = -1;
}

static inline void
set_bool(slot *s, bool b)
{
	set_num(s, b ? 1.0 : 0.0);
}

static inline bool
truth(const slot *s)
{
	switch (s->v.type) {
	case CRM_VAL_NUM:
		return s->v.num != 0;
	case CRM_VAL_STR:
		return s->v.len > 0;
	case CRM_VAL_DATE:
		return true;
	default:
		return false;
	}
}

/* Not a plain number: perhaps an amount in the column's currency. */
static bool
parse_currency(const char *f, size_t n, bool decimal_comma, long col,
	       double *d)
{
	crm_num_column fresh = { 0 }, *cs = crm_num_thread_column(col);

	return crm_num_parse_column(f, n, decimal_comma, cs ? cs : &fresh,
	    d) == CRM_NUM_OK;
}

static inline void
load_col(slot *s, const crm_expr *e, const crm_record *rec, long col)
{
	const char *f;
	size_t n;
	double d;

	if (rec == NULL || (size_t)col >= rec->n || rec->len[col] == 0) {
		set_missing(s, CRM_WHY_EMPTY);
		s->col = col;
		return;
	}
	f = rec->f[col];
	n = rec->len[col];
	s->v.str = f;
	s->v.len = n;
	s->v.has_time = false;
	s->col = col;
	s->why = CRM_WHY_NONE;
	if (crm_num_parse(f, n, e->decimal_comma, &d) == CRM_NUM_OK ||
	    parse_currency(f, n, e->decimal_comma, col, &d)) {
		s->v.type = CRM_VAL_NUM;
		s->v.num = d;
	} else {
		s->v.type = CRM_VAL_STR;
		s->v.num = 0;
	}
}

/* Dates rank with numbers: the compiler lets dates reach only the
 * operations that take them (min, max). */
static inline int
rank(crm_valtype t)
{
	return t == CRM_VAL_NUM || t == CRM_VAL_DATE ? 0 :
	    t == CRM_VAL_MISSING ? 1 : 2;
}

/*
 * True if a[0..n) are all numbers.  Otherwise a[0] becomes the result:
 * the first STR/INVALID operand (as INVALID), else the first MISSING one.
 */
static inline bool
nums(slot *a, int n)
{
	/* a[0..n) are value-stack slots that earlier instructions filled
	 * (see run()); the analyzer cannot know that. */
	/* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
	int i, best = 0, br = rank(a[0].v.type);

	for (i = 1; i < n; i++) {
		int r = rank(a[i].v.type);

		if (r > br) {
			br = r;
			best = i;
		}
	}
	if (br == 0)
		return true;
	if (best != 0)
		a[0] = a[best];
	if (a[0].v.type == CRM_VAL_STR) {
		a[0].v.type = CRM_VAL_INVALID;
		a[0].why = CRM_WHY_NOT_NUMBER;
	}
	return false;
}

static void
text_of(const crm_expr *e, const slot *s, char *buf, const char **p,
	size_t *n)
{
	crm_numfmt f;

	if (s->v.type == CRM_VAL_STR || s->v.str != NULL) {
		*p = s->v.str;
		*n = s->v.len;
		return;
	}
	f.precision = -1;
	f.decimal_comma = e->decimal_comma;
	*n = crm_num_format(buf, s->v.num, &f);
	*p = buf;
}

static int
textcmp(const crm_expr *e, const slot *a, const slot *b)
{
	char ba[CRM_NUM_BUFSZ], bb[CRM_NUM_BUFSZ];
	const char *sa, *sb;
	size_t la, lb, m;
	int c = 0;

	text_of(e, a, ba, &sa, &la);
	text_of(e, b, bb, &sb, &lb);
	m = la < lb ? la : lb;
	if (m > 0)
		c = memcmp(sa, sb, m);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return la < lb ? -1 : la > lb;
}

/* With check_text: whether a, about to be compared as text, is a column
 * value that is not UTF-8; then a becomes INVALID (NOT_UTF8). */
static bool
bad_text(slot *a)
{
	if (a->v.type != CRM_VAL_STR || a->col < 0 ||
	    crm_utf8_valid(a->v.str, a->v.len))
		return false;
	a->v.type = CRM_VAL_INVALID;
	a->why = CRM_WHY_NOT_UTF8;
	return true;
}

static bool
cmp_holds(int op, int c)
{
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default: return c >= 0;
	}
}

/*
 * round(x, n): half away from zero at n decimals, as the number reads in
 * its 15-significant-digit decimal form (so round(1.005, 2) is 1.01 and
 * round(0.285, 2) is 0.29, as a spreadsheet says).  The binary product
 * x * 10^n is used when it is clearly away from a tie.
 */
static double
round_decimal(double x, int n)
{
	char buf[64], num[48];
	uint64_t m = 0, d, q, r;
	int i, k, ex = 0, len;
	bool eneg = false;
	const char *s;
	double v;

	len = snprintf(buf, sizeof buf, "%.14e", fabs(x));
	if (len <= 0 || len >= (int)sizeof buf)
		return x;
	/* Digits before 'e' (whatever the locale's point), then exponent. */
	for (s = buf; *s != '\0' && *s != 'e'; s++)
		if (is_digit((unsigned char)*s))
			m = m * 10 + (uint64_t)(*s - '0');
	if (*s == 'e') {
		s++;
		if (*s == '-' || *s == '+')
			eneg = *s++ == '-';
		for (; is_digit((unsigned char)*s); s++)
			ex = ex * 10 + (*s - '0');
	}
	if (eneg)
		ex = -ex;
	k = ex - 14 + n;	/* x * 10^n = m * 10^k */
	if (k >= 0)
		return x;
	if (k < -15)
		return copysign(0.0, x);
	for (d = 1, i = 0; i < -k; i++)
		d *= 10;
	q = m / d;
	r = m % d;
	if (2 * r >= d)
		q++;
	/* q * 10^-n, converted exactly. */
	snprintf(num, sizeof num, "%llue%d", (unsigned long long)q, -n);
	if (crm_num_parse(num, strlen(num), false, &v) != CRM_NUM_OK)
		return x;
	return x < 0 ? -v : v;
}

static double
round_to(double x, double digits)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
		1e22
	};
	int n;

	if (digits > 400)
		n = 400;
	else if (digits < -400)
		n = -400;
	else
		n = (int)digits;	/* toward zero */
	if (n >= 0 && n <= 22) {
		double y = x * p10[n], a = fabs(y), f = a - floor(a);

		if (a < 1e11 && fabs(f - 0.5) > 1e-12 * (a > 1 ? a : 1))
			return round(y) / p10[n];
	}
	return round_decimal(x, n);
}

/* ------------------------------------------------------------------ */
/* Dates: kept out of run()'s switch so the numeric path stays as it was */

static inline void
set_date(slot *s, double days, bool has_time)
{
	s->v.type = CRM_VAL_DATE;
	s->v.num = days;
	s->v.str = NULL;
	s->v.len = 0;
	s->v.has_time = has_time;
	s->why = CRM_WHY_NONE;
	s->col = -1;
}

static crm_date
date_of(const slot *s)
{
	crm_date d;

	d.days = s->v.num;
	d.has_time = s->v.has_time;
	return d;
}

/* True if a[0..n) are all dates; otherwise a[0] becomes the result, as
 * nums() does (the compiler lets only dates and missing values here). */
static bool
dates(slot *a, int n)
{
	int i;

	for (i = 0; i < n; i++)
		/* value-stack slots that earlier instructions filled, as
		 * in nums() */
		/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		if (a[i].v.type != CRM_VAL_DATE) {
			if (i != 0)
				a[0] = a[i];
			return false;
		}
	return true;
}

/* date(x): text read with the --date-format pattern or the default
 * forms; a missing, invalid or date value stays as it is. */
static void
to_date(const crm_expr *e, slot *a)
{
	crm_date d;

	/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
	if (a->v.type != CRM_VAL_NUM && a->v.type != CRM_VAL_STR)
		return;
	if (a->v.str != NULL && crm_date_parse(a->v.str, a->v.len,
	    &e->datepat, &d) == CRM_DATE_OK) {
		long col = a->col;

		set_date(a, d.days, d.has_time);
		a->col = col;
		return;
	}
	a->v.type = CRM_VAL_INVALID;
	a->why = CRM_WHY_NOT_DATE;
}

static void
shift_date(slot *a, double n)
{
	crm_date d;

	if (crm_date_add_days(date_of(a), n, &d))
		set_date(a, d.days, d.has_time);
	else
		set_missing(a, CRM_WHY_DOMAIN);
}

static void
date_field(slot *a, enum op op)
{
	crm_date d = date_of(a);
	int r;

	switch (op) {
	case OP_YEAR: r = crm_date_year(d); break;
	case OP_QUARTER: r = crm_date_quarter(d); break;
	case OP_MONTH: r = crm_date_month(d); break;
	case OP_WEEK: r = crm_date_iso_week(d, NULL); break;
	default: r = crm_date_weekday(d); break;
	}
	set_num(a, r);
}

/* The date instructions; returns the new stack depth.  Not inlined:
 * run()'s numeric loop keeps the size and registers it had. */
static __attribute__((noinline)) size_t
run_date(const crm_expr *e, const ins *ip, slot *st, size_t sp)
{
	slot *a;

	switch ((enum op)ip->op) {
	case OP_DATEC:
		set_date(&st[sp], ip->num, ip->len != 0);
		return sp + 1;
	case OP_TODATE:
		to_date(e, &st[sp - 1]);
		return sp;
	case OP_DSUB:
	case OP_DAYS:
	case OP_MONTHS:
		a = &st[sp - 2];
		if (!dates(a, 2))
			return sp - 1;
		if (ip->op == OP_MONTHS)
			set_num(a, (double)crm_date_months_between(
				date_of(&a[0]), date_of(&a[1])));
		else if (ip->op == OP_DAYS)
			set_num(a, crm_date_days_between(date_of(&a[0]),
							 date_of(&a[1])));
		else
			set_num(a, crm_date_days_between(date_of(&a[1]),
							 date_of(&a[0])));
		return sp - 1;
	case OP_DADD:
	case OP_DSUBN:
	case OP_NDADD:
		a = &st[sp - 2];
		if (!nums(a, 2))	/* dates rank with numbers */
			return sp - 1;
		if (ip->op == OP_NDADD) {
			slot t = a[1];

			shift_date(&t, a[0].v.num);
			a[0] = t;
		} else {
			shift_date(a, ip->op == OP_DSUBN ? -a[1].v.num :
				   a[1].v.num);
		}
		return sp - 1;
	default:		/* year, quarter, month, week, weekday */
		a = &st[sp - 1];
		if (dates(a, 1))
			date_field(a, (enum op)ip->op);
		return sp;
	}
}

/*
 * The value stack st[] is deliberately left uninitialised (it is 10 KB
 * and run() is the per-row hot path): every slot an instruction reads
 * was pushed by an earlier one, which code generation guarantees (it
 * tracks the stack depth of every instruction and rejects programs that
 * need more than MAX_STACK).  The static analyzers cannot see that
 * invariant and report reads of "garbage"; those reports are suppressed
 * for this function only.
 */
/* NOLINTBEGIN(clang-analyzer-core.uninitialized.Assign,clang-analyzer-core.UndefinedBinaryOperatorResult,clang-analyzer-core.CallAndMessage) */
static slot
run(const crm_expr *e, const crm_record *rec, const crm_value *results)
{
	slot st[MAX_STACK];
	slot cache[MAX_CACHE];
	const ins *ip = e->code, *end = e->code + e->ncode;
	slot *a;
	size_t sp = 0;
	int n, i;

	for (; ip < end; ip++) {
		switch ((enum op)ip->op) {
		case OP_NUM:
			a = &st[sp++];
			a->v.type = CRM_VAL_NUM;
			a->v.num = ip->num;
			a->v.str = ip->str;
			a->v.len = ip->len;
			a->v.has_time = false;
			a->col = -1;
			a->why = CRM_WHY_NONE;
			break;
		case OP_STR:
			a = &st[sp++];
			a->v.type = CRM_VAL_STR;
			a->v.num = 0;
			a->v.str = ip->str;
			a->v.len = ip->len;
			a->v.has_time = false;
			a->col = -1;
			a->why = CRM_WHY_NONE;
			break;
		case OP_COL:
			load_col(&st[sp++], e, rec, ip->arg);
			break;
		case OP_COLS:
			load_col(&st[sp], e, rec, ip->arg);
			cache[ip->slot] = st[sp++];
			break;
		case OP_COLC:
			st[sp++] = cache[ip->slot];
			break;
		case OP_AGG:
			a = &st[sp++];
			if (results == NULL) {
				set_missing(a, CRM_WHY_NONE);
				break;
			}
			a->v = results[ip->arg];
			a->col = -1;
			a->why = CRM_WHY_NONE;
			if (ip->slot && a->v.type == CRM_VAL_NUM)
				set_date(a, a->v.num,
					 a->v.num != floor(a->v.num));
			break;
		case OP_NEG:
			a = &st[sp - 1];
			if (nums(a, 1))
				set_num(a, -a->v.num);
			break;
		case OP_NOT:
			a = &st[sp - 1];
			if (a->v.type != CRM_VAL_INVALID)
				set_bool(a, !truth(a));
			break;
		case OP_ADD:
		case OP_SUB:
		case OP_MUL:
		case OP_DIV:
		case OP_MOD:
		case OP_POW: {
			double x, y;

			a = &st[--sp - 1];
			if (!nums(a, 2))
				break;
			x = a->v.num;
			y = a[1].v.num;
			switch ((enum op)ip->op) {
			case OP_ADD: set_num(a, x + y); break;
			case OP_SUB: set_num(a, x - y); break;
			case OP_MUL: set_num(a, x * y); break;
			case OP_DIV:
				if (y == 0)
					set_missing(a, CRM_WHY_DIV_ZERO);
				else
					set_num(a, x / y);
				break;
			case OP_MOD:
				if (y == 0)
					set_missing(a, CRM_WHY_DIV_ZERO);
				else
					set_num(a, fmod(x, y));
				break;
			default: set_num(a, pow(x, y)); break;
			}
			break;
		}
		case OP_EQ:
		case OP_NE:
		case OP_LT:
		case OP_LE:
		case OP_GT:
		case OP_GE: {
			int c;

			a = &st[--sp - 1];
			if (a->v.type == CRM_VAL_INVALID)
				break;
			if (a[1].v.type == CRM_VAL_INVALID) {
				a[0] = a[1];
				break;
			}
			if (a->v.type == CRM_VAL_MISSING ||
			    a[1].v.type == CRM_VAL_MISSING) {
				set_bool(a, false);
				break;
			}
			if ((a->v.type == CRM_VAL_NUM &&
			    a[1].v.type == CRM_VAL_NUM) ||
			    a->v.type == CRM_VAL_DATE)
				c = (a->v.num > a[1].v.num) -
				    (a->v.num < a[1].v.num);
			else if (e->check_text && (bad_text(&a[0]) ||
			    bad_text(&a[1]))) {
				if (a[1].v.type == CRM_VAL_INVALID)
					a[0] = a[1];
				break;
			} else
				c = textcmp(e, &a[0], &a[1]);
			set_bool(a, cmp_holds(ip->op, c));
			break;
		}
		case OP_AND:
		case OP_OR:
			a = &st[--sp - 1];
			if (a->v.type == CRM_VAL_INVALID)
				break;
			if (a[1].v.type == CRM_VAL_INVALID) {
				a[0] = a[1];
				break;
			}
			if (ip->op == OP_AND)
				set_bool(a, truth(&a[0]) && truth(&a[1]));
			else
				set_bool(a, truth(&a[0]) || truth(&a[1]));
			break;
		case OP_ABS:
			a = &st[sp - 1];
			if (nums(a, 1))
				set_num(a, fabs(a->v.num));
			break;
		case OP_FLOOR:
			a = &st[sp - 1];
			if (nums(a, 1))
				set_num(a, floor(a->v.num));
			break;
		case OP_CEIL:
			a = &st[sp - 1];
			if (nums(a, 1))
				set_num(a, ceil(a->v.num));
			break;
		case OP_SQRT:
			a = &st[sp - 1];
			if (!nums(a, 1))
				break;
			if (a->v.num < 0)
				set_missing(a, CRM_WHY_DOMAIN);
			else
				set_num(a, sqrt(a->v.num));
			break;
		case OP_LOG:
			a = &st[sp - 1];
			if (!nums(a, 1))
				break;
			if (a->v.num <= 0)
				set_missing(a, CRM_WHY_DOMAIN);
			else
				set_num(a, log(a->v.num));
			break;
		case OP_EXP:
			a = &st[sp - 1];
			if (nums(a, 1))
				set_num(a, exp(a->v.num));
			break;
		case OP_ROUND:
			n = ip->n;
			sp -= (size_t)n - 1;
			a = &st[sp - 1];
			if (nums(a, n))
				set_num(a, round_to(a->v.num,
						    n == 2 ? a[1].v.num : 0));
			break;
		case OP_MIN:
		case OP_MAX: {
			double r;
			int best = 0;

			n = ip->n;
			sp -= (size_t)n - 1;
			a = &st[sp - 1];
			if (!nums(a, n))
				break;
			r = a->v.num;
			for (i = 1; i < n; i++)
				if (ip->op == OP_MIN ? a[i].v.num < r
				    : a[i].v.num > r) {
					r = a[i].v.num;
					best = i;
				}
			if (a->v.type == CRM_VAL_DATE)
				a[0] = a[best];
			else
				set_num(a, r);
			break;
		}
		case OP_IF:
			sp -= 2;
			a = &st[sp - 1];
			if (a->v.type != CRM_VAL_INVALID)
				a[0] = truth(a) ? a[1] : a[2];
			break;
		case OP_COALESCE:
			n = ip->n;
			sp -= (size_t)n - 1;
			a = &st[sp - 1];
			for (i = 0; i < n; i++)
				if (a[i].v.type != CRM_VAL_MISSING) {
					if (i != 0)
						a[0] = a[i];
					break;
				}
			break;
		case OP_ISEMPTY:
			a = &st[sp - 1];
			if (a->v.type != CRM_VAL_INVALID)
				set_bool(a, a->v.type == CRM_VAL_MISSING);
			break;
		default:
			sp = run_date(e, ip, st, sp);
			break;
		}
	}
	/* Field by field: st[0] was just written field by field, and a
	 * whole-struct copy reads it back in wider moves, which stalls
	 * store forwarding on every evaluation. */
	{
		slot r;

		/* cppcheck-suppress uninitvar ; st[0] holds the result, see above */
		r.v.type = st[0].v.type;
		r.v.num = st[0].v.num;
		r.v.str = st[0].v.str;
		r.v.len = st[0].v.len;
		r.v.has_time = st[0].v.has_time;
		r.col = st[0].col;
		r.why = st[0].why;
		return r;
	}
}
/* NOLINTEND(clang-analyzer-core.uninitialized.Assign,clang-analyzer-core.UndefinedBinaryOperatorResult,clang-analyzer-core.CallAndMessage) */

static void
set_note(crm_eval_note *note, const slot *s)
{
	if (note == NULL)
		return;
	if (s->v.type == CRM_VAL_MISSING || s->v.type == CRM_VAL_INVALID) {
		bool text = s->why == CRM_WHY_NOT_NUMBER ||
		    s->why == CRM_WHY_NOT_DATE || s->why == CRM_WHY_NOT_UTF8;

		note->why = s->why;
		note->column = (s->why == CRM_WHY_EMPTY || text) ? s->col : -1;
		note->text = text ? s->v.str : NULL;
		note->len = text ? s->v.len : 0;
	} else {
		note->why = CRM_WHY_NONE;
		note->column = -1;
		note->text = NULL;
		note->len = 0;
	}
}

/*
 * col OP col when both fields are numbers and the result is a finite
 * number (*out set, true): what run() gives then, without its value
 * stack.  Anything else (empty, text, division by zero, overflow) is
 * left to run(), which says why.
 */
static inline bool
pair_fast(const crm_expr *e, const crm_record *rec, slot *out)
{
	size_t a = (size_t)e->pair_a, b = (size_t)e->pair_b;
	double x, y, r;

	if (rec == NULL || a >= rec->n || b >= rec->n || rec->len[a] == 0 ||
	    rec->len[b] == 0 ||
	    crm_num_parse(rec->f[a], rec->len[a], e->decimal_comma, &x) !=
	    CRM_NUM_OK ||
	    crm_num_parse(rec->f[b], rec->len[b], e->decimal_comma, &y) !=
	    CRM_NUM_OK)
		return false;
	switch ((enum op)e->pair_op) {
	case OP_ADD:
		r = x + y;
		break;
	case OP_SUB:
		r = x - y;
		break;
	case OP_MUL:
		r = x * y;
		break;
	default:		/* OP_DIV; x / 0 is not finite */
		r = x / y;
	}
	if (!isfinite(r))
		return false;
	set_num(out, r);
	return true;
}

static inline slot
eval_slot(const crm_expr *e, const crm_record *rec)
{
	slot s;

	if (e->bare_col >= 0) {
		load_col(&s, e, rec, e->bare_col);
		return s;
	}
	if (e->pair_op != 0 && pair_fast(e, rec, &s))
		return s;
	return run(e, rec, NULL);
}

crm_value
crm_expr_eval(const crm_expr *e, const crm_record *rec, crm_eval_note *note)
{
	slot s = eval_slot(e, rec);

	set_note(note, &s);
	return s.v;
}

void
crm_expr_eval_into(const crm_expr *e, const crm_record *rec, crm_value *out,
		   crm_eval_note *note)
{
	slot s = eval_slot(e, rec);

	set_note(note, &s);
	out->type = s.v.type;
	out->num = s.v.num;
	out->str = s.v.str;
	out->len = s.v.len;
	out->has_time = s.v.has_time;
}

int
crm_expr_eval_num(const crm_expr *e, const crm_record *rec, double *out,
		  crm_eval_note *note)
{
	slot s = eval_slot(e, rec);

	if (s.v.type == CRM_VAL_NUM) {
		*out = s.v.num;
		set_note(note, &s);
		return 0;
	}
	if (s.v.type == CRM_VAL_STR || s.v.type == CRM_VAL_DATE) {
		if (s.v.type == CRM_VAL_DATE)
			s.col = -1;
		s.v.type = CRM_VAL_INVALID;
		s.why = CRM_WHY_NOT_NUMBER;
	}
	set_note(note, &s);
	return -1;
}

size_t
crm_expr_format_date(char *buf, const crm_value *v)
{
	crm_date d;

	buf[0] = '\0';
	if (v->type != CRM_VAL_DATE)
		return 0;
	d.days = v->num;
	d.has_time = v->has_time;
	return crm_date_format(buf, d);
}

crm_value
crm_expr_eval_final(const crm_expr *e, const crm_value *results)
{
	return run(e, NULL, results).v;
}

/*
 * After "is not a number": what would make it one.  A field in another
 * currency than the column's names both; a field that is a number under
 * the other decimal convention says so.  Runs in the thread that read
 * the field (the column states are that thread's).
 */
static void
why_not_number(sbuf *b, const crm_expr *e, const crm_eval_note *note,
	       const char *col_ref)
{
	crm_num_column fresh = { 0 };
	crm_date day;
	const crm_num_column *seen;
	size_t ncols;
	double d;

	if (note->text == NULL)
		return;
	seen = crm_num_thread_table(&ncols);
	if (crm_num_parse_column(note->text, note->len, e->decimal_comma,
	    &fresh, &d) == CRM_NUM_OK && fresh.currency !=
	    CRM_NUM_NO_CURRENCY && (size_t)note->column < ncols &&
	    seen[note->column].currency != CRM_NUM_NO_CURRENCY &&
	    seen[note->column].currency != fresh.currency) {
		crm_expr_sb_printf(b, " (it is in %s, the column's first "
		    "amount in %s: one column holds one currency)",
		    crm_num_currency_code(fresh.currency),
		    crm_num_currency_code(seen[note->column].currency));
		return;
	}
	if (crm_num_other_convention(note->text, note->len,
	    e->decimal_comma)) {
		crm_expr_sb_printf(b, " (it reads as one with --decimal-%s)",
		    e->decimal_comma ? "point" : "comma");
		return;
	}
	if (crm_date_parse(note->text, note->len, &e->datepat, &day) ==
	    CRM_DATE_OK)
		crm_expr_sb_printf(b, " (it is a date: write date(%s))",
		    col_ref);
}

void
crm_expr_describe(const crm_expr *e, const crm_header *h,
		  const crm_eval_note *note, char *buf, size_t cap)
{
	sbuf b = { buf, cap, 0 };
	const char *col = NULL;
	char num[32];

	if (cap == 0)
		return;
	buf[0] = '\0';
	if (note->column >= 0) {
		if (h != NULL && (size_t)note->column < h->n) {
			col = h->name[note->column];
		} else {
			snprintf(num, sizeof num, "%ld", note->column + 1);
			col = num;
		}
	}
	switch (note->why) {
	case CRM_WHY_EMPTY:
		if (col != NULL)
			crm_expr_sb_printf(&b, "column '%s' is empty", col);
		else
			crm_expr_sb_printf(&b, "measure '%s' is empty", e->src);
		break;
	case CRM_WHY_NOT_NUMBER:
		if (col == NULL) {
			crm_expr_sb_printf(&b, "measure '%s' is not a number",
			    e->src);
		} else {
			char shown[CRM_SHOW_BUF(200)];
			char ref[CRM_SHOW_BUF(200) + 2];

			crm_show_data(shown, sizeof shown,
				      note->text != NULL ? note->text : "",
				      note->len, 200);
			crm_expr_sb_printf(&b,
			    "column '%s': \"%s\" is not a number", col, shown);
			snprintf(ref, sizeof ref, crm_names_is_bare(col,
			    strlen(col)) ? "%s" : "{%s}", col);
			why_not_number(&b, e, note, ref);
		}
		break;
	case CRM_WHY_NOT_DATE: {
		char shown[CRM_SHOW_BUF(200)];

		crm_show_data(shown, sizeof shown, note->text != NULL ?
			      note->text : "", note->len, 200);
		if (col != NULL)
			crm_expr_sb_printf(&b, "column '%s': \"%s\" is not a "
			    "date", col, shown);
		else
			crm_expr_sb_printf(&b, "measure '%s': \"%s\" is not "
			    "a date", e->src, shown);
		break;
	}
	case CRM_WHY_NOT_UTF8: {
		char msg[128];

		(void)crm_utf8_explain(note->text != NULL ? note->text : "",
		    note->len, NULL, msg, sizeof msg);
		crm_expr_sb_printf(&b, "column '%s': %s", col != NULL ? col :
		    "?", msg);
		break;
	}
	case CRM_WHY_DIV_ZERO:
		crm_expr_sb_printf(&b, "measure '%s': division by zero",
		    e->src);
		break;
	case CRM_WHY_DOMAIN:
		crm_expr_sb_printf(&b, "measure '%s': value outside the "
		    "function's domain", e->src);
		break;
	default:
		crm_expr_sb_printf(&b, "measure '%s' has no value", e->src);
		break;
	}
}
