/*
 * crm_expr_impl.h: what the files of crm_expr share, not for use outside
 * them: the compiled program (crm_expr_compile.c writes it,
 * crm_expr_eval.c runs it), the parser state that the lexer
 * (crm_expr_lex.c) and the parser share, and the message buffer.
 *
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
#ifndef CRM_EXPR_IMPL_H
#define CRM_EXPR_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_expr.h"

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
	OP_MIN, OP_MAX, OP_IF, OP_COALESCE, OP_ISEMPTY,
	/* dates: a constant (num, len = has_time), date(x), date - date,
	 * date + n, n + date, date - n, and the date functions */
	OP_DATEC, OP_TODATE, OP_DSUB, OP_DADD, OP_NDADD, OP_DSUBN,
	OP_YEAR, OP_QUARTER, OP_MONTH, OP_WEEK, OP_WEEKDAY, OP_DAYS,
	OP_MONTHS, OP_TODAY
};

typedef struct ins {
	unsigned char op;
	unsigned char slot;	/* OP_COLS/OP_COLC: cache slot; OP_AGG: 1
				 * when the aggregate is a date (min/max) */
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
	crm_expr_type type;	/* static type of the value */
	crm_date_pattern datepat;	/* what date(x) reads */
	agg *aggs;
	size_t nagg;
	bool check_text;	/* CRM_EXPR_CHECK_TEXT */
};

/* ------------------------------------------------------------------ */
/* The parser's state (crm_expr_lex.c, crm_expr_compile.c) */

enum tok {
	T_END, T_NUM, T_STR, T_NAME, T_BRACE, T_LP, T_RP, T_COMMA, T_OP,
	T_AND, T_OR, T_NOT
};

enum nkind { N_NUM, N_STR, N_COL, N_UN, N_BIN, N_CALL, N_DATE };

typedef struct node {
	enum nkind kind;
	enum op op;		/* N_UN, N_BIN */
	int pos;		/* where a caret points */
	int start, end;		/* source span */
	int depth;
	double num;		/* N_NUM; quantile's p on its N_CALL;
				 * N_DATE: the days */
	bool has_time;		/* N_DATE */
	crm_expr_type type;	/* static type (typecheck pass) */
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
	crm_date_pattern datepat;	/* --date-format, for date(x) */
	crm_date as_of;		/* today() */

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

/* ------------------------------------------------------------------ */
/* The lexer (crm_expr_lex.c) */

/* Read the next token into p->tok.  -1 with p->err set on a lexical
 * error. */
int crm_expr_lex(parser *p);

/* Fill p->err (status 2) with "MSG\n  SRC\n  ^EXTRA", the caret under
 * byte pos of the source.  Returns -1. */
int crm_expr_error(parser *p, int pos, const char *extra,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A syntax error at the current token.  Returns -1. */
int crm_expr_unexpected(parser *p);

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------------ */
/* Functions (crm_expr_compile.c) and static types (crm_expr_type.c) */

/* The row-level operation, aggregate kind and name of function fn (an
 * index into the table of functions; node nd a resolved call). */
enum op crm_expr_fn_op(int fn);
crm_agg_kind crm_expr_fn_kind(const node *nd);
const char *crm_expr_fn_name(int fn);

/* The date pattern and as-of date that crm_expr_set_dates set (the
 * current local date on first use if it was never called). */
void crm_expr_date_context(crm_date_pattern *pat, crm_date *as_of);

/*
 * Give every node of the resolved tree under root its static type,
 * bottom-up, left to right: turn today() and the string literals that
 * stand for dates into date constants, pick the date operations for + -
 * on dates, and report the first wrong mix (status 2, caret under it).
 * Returns 0 or -1.
 */
int crm_expr_typecheck(parser *p, int root);

/* ------------------------------------------------------------------ */
/* Message building (crm_expr_lex.c) */

typedef struct sbuf {
	char *buf;
	size_t cap, len;	/* buf[len] is always NUL */
} sbuf;

/* Append s[0..n), or a formatted text, as far as it fits. */
void crm_expr_sb_put(sbuf *b, const char *s, size_t n);
void crm_expr_sb_printf(sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
