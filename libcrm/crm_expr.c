/*
 * crm_expr: MEASURE expressions (SPEC 2, "Measures and expressions").
 *
 * Compilation: a lexer and a recursive-descent parser build a small tree;
 * a resolving pass (in source order, so the leftmost problem is reported)
 * looks columns and functions up and checks aggregates; code generation
 * turns the tree into a flat postfix program whose value-stack depth is
 * known at compile time.  Evaluation walks the program over a fixed-size
 * stack on the C stack: nothing is allocated per row.  The program has no
 * jumps (if() evaluates both branches and picks one), so the first
 * occurrence of a column that appears several times always runs first:
 * it parses the field once into a cache slot that later occurrences copy.
 *
 * Grammar, lowest precedence first:
 *   or      := and { ('or' | '||') and }
 *   and     := not { ('and' | '&&') not }
 *   not     := ('not' | '!') not | cmp
 *   cmp     := add [ ('=='|'!='|'<'|'<='|'>'|'>=') add ]
 *              comparisons are non-associative: "a < b < c" is a syntax
 *              error (it never means what it seems to)
 *   add     := mul { ('+' | '-') mul }
 *   mul     := unary { ('*' | '/' | '%') unary }
 *   unary   := ('-' | '+') unary | power
 *   power   := primary [ '^' unary ]      right-associative, binds tighter
 *                                         than unary minus: -2^2 = -4,
 *                                         2^-1 = 0.5, 2^3^2 = 512
 *   primary := NUMBER | STRING | NAME | '{' any bytes but '}' '}'
 *            | NAME '(' [ or { ',' or } ] ')' | '(' or ')'
 * Keywords and/or/not are lowercase; function names are lowercase too.
 * Strings are "..." with the escapes \" \\ \n \t (any other backslash is
 * kept as written).
 *
 * Values: a column is MISSING when empty, NUM when crm_num_parse reads it,
 * STR otherwise.  Arithmetic and numeric functions need NUM operands: the
 * first operand (left to right) that is STR or INVALID makes the result
 * INVALID (a data error, never hidden by a missing value elsewhere); if
 * none, the first MISSING operand makes it MISSING.  Its note travels
 * with the value, so the note of a result names the first cause in
 * evaluation order and a note from an unselected if() branch or a skipped
 * coalesce() argument never leaks.  Comparisons and logic never give
 * MISSING: a missing side is false (so "not x > 0" is true when x is
 * empty), but INVALID still propagates.  Non-finite results (overflow,
 * pow(-8, 1/3)) are MISSING with CRM_WHY_DOMAIN.
 */
#include "crm_expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_names.h"
#include "crm_num.h"

enum {
	MAX_SRC = 1 << 20,	/* bytes of source */
	MAX_NEST = 200,		/* parser recursion (parentheses, unary) */
	MAX_TREE = 2000,	/* depth of the syntax tree */
	MAX_STACK = 256,	/* value-stack slots */
	MAX_CACHE = 32		/* repeated columns parsed once per row */
};

enum op {
	OP_NUM, OP_STR, OP_COL, OP_COLS, OP_COLC, OP_AGG,
	OP_NEG, OP_NOT,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_POW,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_AND, OP_OR,
	OP_ABS, OP_FLOOR, OP_CEIL, OP_SQRT, OP_LOG, OP_EXP, OP_ROUND,
	OP_MIN, OP_MAX, OP_IF, OP_COALESCE, OP_ISEMPTY
};

typedef struct ins {
	unsigned char op;
	unsigned char slot;	/* OP_COLS/OP_COLC: cache slot */
	int n;			/* number of arguments (n-ary functions) */
	long arg;		/* column, aggregate index, pool offset */
	double num;
	const char *str;	/* OP_NUM/OP_STR: literal text */
	size_t len;
} ins;

typedef struct agg {
	crm_agg_kind kind;
	crm_expr *arg;
	double param;
} agg;

struct crm_expr {
	char *src;
	ins *code;
	size_t ncode;
	char *pool;		/* literal texts */
	long bare_col;
	/* col OP col (OP one of + - * /): pair_op, else 0 */
	int pair_op;
	long pair_a, pair_b;
	bool decimal_comma;
	agg *aggs;
	size_t nagg;
};

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
};

/* ------------------------------------------------------------------ */
/* Message building */

typedef struct sbuf {
	char *buf;
	size_t cap, len;	/* buf[len] is always NUL */
} sbuf;

static void
sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + 1 >= b->cap)
		return;
	if (n > b->cap - 1 - b->len)
		n = b->cap - 1 - b->len;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static void sb_printf(sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->len += (size_t)n;
	if (b->len >= b->cap)
		b->len = b->cap - 1;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* A growing string for crm_expr_map_columns. */
typedef struct gbuf {
	char *s;
	size_t n, cap;
} gbuf;

static void
gb_put(gbuf *b, const char *s, size_t n)
{
	if (b->cap - b->n < n + 1) {
		while (b->cap - b->n < n + 1)
			b->cap = b->cap ? 2 * b->cap : 64;
		b->s = crm_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/*
 * A tolerant scan, not the lexer: it must copy what the lexer would
 * reject (the compiler reports that later, on the rewritten text).
 */
char *
crm_expr_map_columns(const char *src, crm_expr_column_map map, void *ctx)
{
	size_t n = strlen(src), i = 0;
	gbuf out = { NULL, 0, 0 };

	gb_put(&out, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)src[i];
		size_t start = i, len, j;
		const char *name, *to;
		bool braced = c == '{';

		if (c == '"') {
			for (i++; i < n && src[i] != '"'; i++)
				if (src[i] == '\\' && i + 1 < n)
					i++;
			if (i < n)
				i++;
			gb_put(&out, src + start, i - start);
			continue;
		} else if (braced) {
			const char *close = strchr(src + i, '}');

			if (close == NULL) {
				gb_put(&out, src + i, n - i);
				break;
			}
			name = src + i + 1;
			len = (size_t)(close - name);
			i = (size_t)(close + 1 - src);
		} else if (is_digit(c) || (c == '.' && i + 1 < n &&
					   is_digit((unsigned char)src[i + 1]))) {
			/* A number: digits, '.', exponent with its sign. */
			while (i < n && (crm_names_byte((unsigned char)src[i]) ||
					 ((src[i] == '+' || src[i] == '-') &&
					  (src[i - 1] == 'e' ||
					   src[i - 1] == 'E'))))
				i++;
			gb_put(&out, src + start, i - start);
			continue;
		} else if (crm_names_start_byte(c)) {
			while (i < n && crm_names_byte((unsigned char)src[i]))
				i++;
			for (j = i; j < n && (src[j] == ' ' || src[j] == '\t');
			     j++)
				;
			if ((j < n && src[j] == '(') ||
			    crm_names_is_keyword(src + start, i - start)) {
				gb_put(&out, src + start, i - start);
				continue;
			}
			name = src + start;
			len = i - start;
		} else {
			gb_put(&out, src + i, 1);
			i++;
			continue;
		}
		if ((to = map(name, len, ctx)) == NULL) {
			gb_put(&out, src + start, i - start);
		} else if (!braced && crm_names_is_bare(to, strlen(to))) {
			gb_put(&out, to, strlen(to));
		} else {
			gb_put(&out, "{", 1);
			gb_put(&out, to, strlen(to));
			gb_put(&out, "}", 1);
		}
	}
	return out.s;
}

/* ------------------------------------------------------------------ */
/* Parser */

enum tok {
	T_END, T_NUM, T_STR, T_NAME, T_BRACE, T_LP, T_RP, T_COMMA, T_OP,
	T_AND, T_OR, T_NOT
};

enum nkind { N_NUM, N_STR, N_COL, N_UN, N_BIN, N_CALL };

typedef struct node {
	enum nkind kind;
	enum op op;		/* N_UN, N_BIN */
	int pos;		/* where a caret points */
	int start, end;		/* source span */
	int depth;
	double num;		/* N_NUM; quantile's p on its N_CALL */
	int toff, tlen;		/* N_NUM text, N_COL/N_CALL name: in src;
				 * N_STR text: in the parser's pool */
	int kid, nkids;		/* children: kids[kid .. kid + nkids) */
	int fn;			/* N_CALL: index into fns */
	bool agg;		/* N_CALL: an aggregate call */
	long ref;		/* N_COL: column; aggregate: its index */
} node;

typedef struct parser {
	const char *src;
	int len;
	const crm_header *h;
	unsigned flags;
	bool decimal_comma;
	crm_error *err;

	int pos;		/* lexer position */
	enum tok tok;		/* current token */
	enum op top;		/* T_OP: the operator */
	int ts, te;		/* its span */
	double tnum;
	int tsoff, tslen;	/* T_STR: unescaped text in pool;
				 * T_BRACE: the name inside */

	node *nodes;
	int nn, capn;
	int *kids;
	int nk, capk;
	char *pool;
	size_t npool, cappool;
	int nest;
	int *aggnodes;
	int nagg, capagg;
} parser;

static int caret_error(parser *p, int pos, const char *extra,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "MSG\n  SRC\n  ^" with the caret under byte pos (counted in UTF-8
 * characters, so it lines up on a terminal). */
static int
caret_error(parser *p, int pos, const char *extra, const char *fmt, ...)
{
	sbuf b = { p->err->msg, sizeof p->err->msg, 0 };
	va_list ap;
	int i, n;

	p->err->status = CRM_EXIT_USAGE;
	p->err->msg[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(b.buf, b.cap, fmt, ap);
	va_end(ap);
	b.len = n < 0 ? 0 : (size_t)n < b.cap ? (size_t)n : b.cap - 1;
	sb_put(&b, "\n  ", 3);
	for (i = 0; i < p->len; i++) {
		unsigned char c = (unsigned char)p->src[i];
		char ch = (char)(c < 0x20 || c == 0x7f ? ' ' : c);

		sb_put(&b, &ch, 1);
	}
	sb_put(&b, "\n  ", 3);
	for (i = 0; i < pos && i < p->len; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			sb_put(&b, " ", 1);
	if (pos > p->len)
		sb_put(&b, " ", 1);
	sb_put(&b, "^", 1);
	if (extra != NULL)
		sb_put(&b, extra, strlen(extra));
	return -1;
}

static int
unexpected(parser *p)
{
	int n = p->te - p->ts;

	if (p->tok == T_END)
		return caret_error(p, p->len, NULL, "syntax error in "
				   "expression: unexpected end of expression");
	if (n > 40)
		return caret_error(p, p->ts, NULL, "syntax error in "
				   "expression: unexpected '%.40s...'",
				   p->src + p->ts);
	return caret_error(p, p->ts, NULL,
			   "syntax error in expression: unexpected '%.*s'", n,
			   p->src + p->ts);
}

static void
pool_put(parser *p, char c)
{
	if (p->npool == p->cappool) {
		p->cappool = p->cappool ? 2 * p->cappool : 64;
		p->pool = crm_xrealloc(p->pool, p->cappool);
	}
	p->pool[p->npool++] = c;
}

static int
lex_string(parser *p, int i)
{
	const char *s = p->src;
	int j = i + 1;

	p->tsoff = (int)p->npool;
	for (;;) {
		char c;

		if (j >= p->len)
			return caret_error(p, i, NULL, "syntax error in "
					   "expression: unterminated string");
		c = s[j];
		if (c == '"')
			break;
		if (c == '\\' && j + 1 < p->len) {
			char nx = s[j + 1];

			if (nx == '"' || nx == '\\') {
				pool_put(p, nx);
				j += 2;
				continue;
			}
			if (nx == 'n' || nx == 't') {
				pool_put(p, nx == 'n' ? '\n' : '\t');
				j += 2;
				continue;
			}
		}
		pool_put(p, c);
		j++;
	}
	p->tslen = (int)p->npool - p->tsoff;
	p->tok = T_STR;
	p->te = j + 1;
	p->pos = j + 1;
	return 0;
}

/* Read the next token into p->tok.  -1 with err set on a lexical error. */
static int
next(parser *p)
{
	const char *s = p->src;
	int n = p->len, i = p->pos, j;
	unsigned char c;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			 s[i] == '\r'))
		i++;
	p->ts = i;
	if (i >= n) {
		p->tok = T_END;
		p->ts = p->te = p->pos = n;
		return 0;
	}
	c = (unsigned char)s[i];
	if (is_digit(c) || (c == '.' && i + 1 < n &&
			    is_digit((unsigned char)s[i + 1]))) {
		double v;

		for (j = i; j < n && is_digit((unsigned char)s[j]); j++)
			;
		if (j < n && s[j] == '.')
			for (j++; j < n && is_digit((unsigned char)s[j]); j++)
				;
		if (j < n && (s[j] == 'e' || s[j] == 'E')) {
			int k = j + 1;

			if (k < n && (s[k] == '+' || s[k] == '-'))
				k++;
			if (k < n && is_digit((unsigned char)s[k]))
				for (j = k; j < n &&
				     is_digit((unsigned char)s[j]); j++)
					;
		}
		if (crm_num_parse(s + i, (size_t)(j - i), false, &v) !=
		    CRM_NUM_OK)
			return caret_error(p, i, NULL, "syntax error in "
					   "expression: number out of range");
		p->tok = T_NUM;
		p->tnum = v;
		p->te = p->pos = j;
		return 0;
	}
	if (crm_names_start_byte(c)) {
		for (j = i + 1; j < n && crm_names_byte((unsigned char)s[j]); j++)
			;
		p->te = p->pos = j;
		p->tok = T_NAME;
		if (j - i == 2 && memcmp(s + i, "or", 2) == 0)
			p->tok = T_OR;
		else if (j - i == 3 && memcmp(s + i, "and", 3) == 0)
			p->tok = T_AND;
		else if (j - i == 3 && memcmp(s + i, "not", 3) == 0)
			p->tok = T_NOT;
		return 0;
	}
	if (c == '{') {
		const char *close = memchr(s + i + 1, '}', (size_t)(n - i - 1));

		if (close == NULL)
			return caret_error(p, i, NULL, "syntax error in "
					   "expression: unterminated '{'");
		j = (int)(close - s);
		if (j == i + 1)
			return caret_error(p, i, NULL, "syntax error in "
					   "expression: empty column name");
		p->tok = T_BRACE;
		p->tsoff = i + 1;
		p->tslen = j - i - 1;
		p->te = p->pos = j + 1;
		return 0;
	}
	if (c == '"')
		return lex_string(p, i);

	p->tok = T_OP;
	p->te = i + 1;
	switch (c) {
	case '(': p->tok = T_LP; break;
	case ')': p->tok = T_RP; break;
	case ',': p->tok = T_COMMA; break;
	case '+': p->top = OP_ADD; break;
	case '-': p->top = OP_SUB; break;
	case '*': p->top = OP_MUL; break;
	case '/': p->top = OP_DIV; break;
	case '%': p->top = OP_MOD; break;
	case '^': p->top = OP_POW; break;
	case '=':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = OP_EQ;
			p->te = i + 2;
			break;
		}
		return caret_error(p, i, NULL, "syntax error in expression: "
				   "unexpected '=' (compare with '==')");
	case '!':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = OP_NE;
			p->te = i + 2;
		} else {
			p->tok = T_NOT;
		}
		break;
	case '<':
	case '>':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = c == '<' ? OP_LE : OP_GE;
			p->te = i + 2;
		} else {
			p->top = c == '<' ? OP_LT : OP_GT;
		}
		break;
	case '&':
	case '|':
		if (i + 1 < n && s[i + 1] == (char)c) {
			p->tok = c == '&' ? T_AND : T_OR;
			p->te = i + 2;
			break;
		}
		/* FALLTHROUGH */
	default:
		if (c < 0x20 || c == 0x7f)
			return caret_error(p, i, NULL, "syntax error in "
					   "expression: unexpected byte 0x%02x",
					   c);
		return caret_error(p, i, NULL, "syntax error in expression: "
				   "unexpected '%c'", c);
	}
	p->pos = p->te;
	return 0;
}

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
		return caret_error(p, p->nodes[ni].pos, NULL,
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
		return caret_error(p, p->ts, NULL,
				   "expression too complex (nested too "
				   "deeply)");
	return 0;
}

static int parse_or(parser *p);

static int
parse_call(parser *p, int ns, int ne)
{
	int *args = NULL, nargs = 0, cap = 0, ni = -1, end;

	if (enter(p) < 0 || next(p) < 0)	/* past '(' */
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
				if (next(p) < 0)
					goto out;
				continue;
			}
			if (p->tok == T_RP)
				break;
			unexpected(p);
			goto out;
		}
	}
	end = p->te;
	if (next(p) < 0)
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
		return next(p) < 0 ? -1 : ni;
	case T_STR:
		ni = new_node(p, N_STR, ts, ts, te);
		p->nodes[ni].toff = p->tsoff;
		p->nodes[ni].tlen = p->tslen;
		return next(p) < 0 ? -1 : ni;
	case T_BRACE:
		ni = new_node(p, N_COL, ts, ts, te);
		p->nodes[ni].toff = p->tsoff;
		p->nodes[ni].tlen = p->tslen;
		return next(p) < 0 ? -1 : ni;
	case T_NAME:
		if (next(p) < 0)
			return -1;
		if (p->tok == T_LP)
			return parse_call(p, ts, te);
		ni = new_node(p, N_COL, ts, ts, te);
		p->nodes[ni].toff = ts;
		p->nodes[ni].tlen = te - ts;
		return ni;
	case T_LP:
		if (enter(p) < 0 || next(p) < 0)
			return -1;
		ni = parse_or(p);
		if (ni < 0)
			return -1;
		if (p->tok != T_RP)
			return unexpected(p);
		p->nodes[ni].start = ts;
		p->nodes[ni].end = p->te;
		p->nest--;
		return next(p) < 0 ? -1 : ni;
	default:
		return unexpected(p);
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
		if (enter(p) < 0 || next(p) < 0)
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

		if (enter(p) < 0 || next(p) < 0)
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
		if (next(p) < 0 || (r = sub(p)) < 0)
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
	if (next(p) < 0 || (r = parse_add(p)) < 0)
		return -1;
	if (is_cmp(p))
		return caret_error(p, p->ts, NULL, "syntax error in "
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

		if (enter(p) < 0 || next(p) < 0)
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
	return caret_error(p, nd->pos, extra, "unknown function '%.*s'",
			   nd->tlen, name);
}

static int
check_arity(parser *p, const node *nd, const fninfo *f)
{
	int n = nd->nkids;

	if (n >= f->min && (f->max < 0 || n <= f->max))
		return 0;
	if (f->max < 0)
		return caret_error(p, nd->pos, NULL, "function '%s' takes at "
				   "least %d argument%s", f->name, f->min,
				   f->min == 1 ? "" : "s");
	if (f->max == f->min)
		return caret_error(p, nd->pos, NULL, "function '%s' takes %d "
				   "argument%s", f->name, f->min,
				   f->min == 1 ? "" : "s");
	return caret_error(p, nd->pos, NULL, "function '%s' takes %d or %d "
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

typedef struct slot slot;
static crm_expr *build(parser *p, int root, int start, int end);
static double const_value(parser *p, int ni, bool *ok);

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
			return caret_error(p, nd->pos, NULL, "column '%.*s' "
					   "used outside an aggregate",
					   nd->tlen, name);
		c = crm_names_column(p->h, name, (size_t)nd->tlen, NULL,
				     p->src, p->err);
		if (c < 0)
			return -1;
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
				return caret_error(p, nd->pos, NULL,
						   "aggregate function '%s' is "
						   "only allowed in kpi",
						   f->name);
			if (in_agg >= 0)
				return caret_error(p, nd->pos, NULL,
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
					return caret_error(p,
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
	case N_CALL:
		if (nd->agg) {
			in.op = OP_AGG;
			in.arg = nd->ref;
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
	e->bare_col = -1;
	gen_text(&g, "", 0);	/* the pool is never NULL */
	gen_node(&g, root);
	e->code = g.code;
	e->ncode = g.n;
	e->pool = g.pool;
	if (g.maxsp > MAX_STACK) {
		caret_error(p, p->nodes[root].start, NULL, "expression too "
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
/* Evaluation */

struct slot {
	crm_value v;
	long col;		/* column the value or its problem came from */
	crm_why why;		/* MISSING/INVALID: why */
};

static inline void
set_missing(slot *s, crm_why why)
{
	s->v.type = CRM_VAL_MISSING;
	s->v.num = 0;
	s->v.str = NULL;
	s->v.len = 0;
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
	default:
		return false;
	}
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
	s->col = col;
	s->why = CRM_WHY_NONE;
	if (crm_num_parse(f, n, e->decimal_comma, &d) == CRM_NUM_OK) {
		s->v.type = CRM_VAL_NUM;
		s->v.num = d;
	} else {
		s->v.type = CRM_VAL_STR;
		s->v.num = 0;
	}
}

static inline int
rank(crm_valtype t)
{
	return t == CRM_VAL_NUM ? 0 : t == CRM_VAL_MISSING ? 1 : 2;
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
			a->col = -1;
			a->why = CRM_WHY_NONE;
			break;
		case OP_STR:
			a = &st[sp++];
			a->v.type = CRM_VAL_STR;
			a->v.num = 0;
			a->v.str = ip->str;
			a->v.len = ip->len;
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
			if (a->v.type == CRM_VAL_NUM &&
			    a[1].v.type == CRM_VAL_NUM)
				c = (a->v.num > a[1].v.num) -
				    (a->v.num < a[1].v.num);
			else
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

			n = ip->n;
			sp -= (size_t)n - 1;
			a = &st[sp - 1];
			if (!nums(a, n))
				break;
			r = a->v.num;
			for (i = 1; i < n; i++)
				if (ip->op == OP_MIN ? a[i].v.num < r
				    : a[i].v.num > r)
					r = a[i].v.num;
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
		note->why = s->why;
		note->column = (s->why == CRM_WHY_EMPTY ||
				s->why == CRM_WHY_NOT_NUMBER) ? s->col : -1;
		note->text = s->why == CRM_WHY_NOT_NUMBER ? s->v.str : NULL;
		note->len = s->why == CRM_WHY_NOT_NUMBER ? s->v.len : 0;
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
	if (s.v.type == CRM_VAL_STR) {
		s.v.type = CRM_VAL_INVALID;
		s.why = CRM_WHY_NOT_NUMBER;
	}
	set_note(note, &s);
	return -1;
}

crm_value
crm_expr_eval_final(const crm_expr *e, const crm_value *results)
{
	return run(e, NULL, results).v;
}

/* ------------------------------------------------------------------ */
/* Compilation driver and accessors */

static double
const_value(parser *p, int ni, bool *ok)
{
	crm_expr *t = build(p, ni, p->nodes[ni].start, p->nodes[ni].end);
	slot s;

	if (t == NULL) {
		*ok = false;
		return 0;
	}
	s = run(t, NULL, NULL);
	crm_expr_free(t);
	*ok = s.v.type == CRM_VAL_NUM;
	return s.v.num;
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

	if (next(&P) < 0 || (root = parse_or(&P)) < 0)
		goto out;
	if (P.tok != T_END) {
		unexpected(&P);
		goto out;
	}
	if (resolve(&P, root, -1) < 0)
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
			sb_printf(&b, "column '%s' is empty", col);
		else
			sb_printf(&b, "measure '%s' is empty", e->src);
		break;
	case CRM_WHY_NOT_NUMBER:
		if (col == NULL) {
			sb_printf(&b, "measure '%s' is not a number", e->src);
		} else {
			char shown[CRM_SHOW_BUF(200)];

			crm_show_data(shown, sizeof shown,
				      note->text != NULL ? note->text : "",
				      note->len, 200);
			sb_printf(&b, "column '%s': \"%s\" is not a number",
				  col, shown);
		}
		break;
	case CRM_WHY_DIV_ZERO:
		sb_printf(&b, "measure '%s': division by zero", e->src);
		break;
	case CRM_WHY_DOMAIN:
		sb_printf(&b, "measure '%s': value outside the function's "
			  "domain", e->src);
		break;
	default:
		sb_printf(&b, "measure '%s' has no value", e->src);
		break;
	}
}
