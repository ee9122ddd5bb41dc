/* Unit tests for crm_expr (SPEC 2 "Measures and expressions", kpi). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_expr.h"
#include "crm_names.h"

/* The test header and one record. */
enum { A, B, C, COST, REVENUE, TARGET, NAME, AND, NETREV, XY, UMS, VALUE,
       NCOLS };
static char *names[NCOLS] = {
	"a", "b", "c", "cost", "revenue", "target", "name", "and",
	"net revenue", "x.y", "ums\xc3\xa4tze", "value",
};
static const char *row[NCOLS] = {
	"2", "3", "", "12x", "100", "0", "Alice", "1", "50", "7", "9", " 5 ",
};
static size_t namelen[NCOLS];
static crm_header H;
static const char *rf[NCOLS];
static size_t rl[NCOLS];
static crm_record R;

static void
make_header(crm_header *h, char **nm, size_t *len, size_t n, bool synthetic)
{
	size_t i;

	for (i = 0; i < n; i++)
		len[i] = strlen(nm[i]);
	h->n = n;
	h->name = nm;
	h->len = len;
	h->synthetic = synthetic;
}

static void
make_record(crm_record *r, const char **f, size_t *len, const char *const *v,
	    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		f[i] = v[i];
		len[i] = strlen(v[i]);
	}
	memset(r, 0, sizeof *r);
	r->n = n;
	r->f = f;
	r->len = len;
	r->line = 2;
}

static int
setup(void **state)
{
	(void)state;
	make_header(&H, names, namelen, NCOLS, false);
	make_record(&R, rf, rl, row, NCOLS);
	return 0;
}

static crm_expr *
compile_ok(const char *src, const crm_header *h, bool dc, unsigned flags)
{
	crm_error err;
	crm_expr *e = crm_expr_compile(src, h, dc, flags, &err);

	if (e == NULL)
		fail_msg("'%s' does not compile: %s", src, err.msg);
	return e;
}

static void
compile_err(const char *src, const crm_header *h, unsigned flags,
	    const char *msg)
{
	crm_error err;
	crm_expr *e;

	memset(&err, 0, sizeof err);
	e = crm_expr_compile(src, h, false, flags, &err);
	if (e != NULL) {
		crm_expr_free(e);
		fail_msg("'%s' compiled", src);
	}
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg, msg);
}

/* Evaluate src on R; copies what is needed before freeing. */
typedef struct result {
	crm_valtype type;
	double num;
	char text[64];
	bool has_text;
	crm_eval_note note;
	char notetext[64];
} result;

static result
eval(const char *src)
{
	crm_expr *e = compile_ok(src, &H, false, 0);
	result r;
	crm_value v;

	memset(&r, 0, sizeof r);
	v = crm_expr_eval(e, &R, &r.note);
	r.type = v.type;
	r.num = v.num;
	if (v.str != NULL) {
		r.has_text = true;
		snprintf(r.text, sizeof r.text, "%.*s", (int)v.len, v.str);
	}
	if (r.note.text != NULL)
		snprintf(r.notetext, sizeof r.notetext, "%.*s",
			 (int)r.note.len, r.note.text);
	crm_expr_free(e);
	return r;
}

static void
check_num(const char *src, double want)
{
	result r = eval(src);

	if (r.type != CRM_VAL_NUM)
		fail_msg("'%s': type %d, want a number", src, r.type);
	if (!(r.num == want) && !(fabs(r.num - want) <= 1e-12 * fabs(want)))
		fail_msg("'%s' = %.17g, want %.17g", src, r.num, want);
	assert_int_equal(r.note.why, CRM_WHY_NONE);
}

static void
check_missing(const char *src, crm_why why, long col)
{
	result r = eval(src);

	if (r.type != CRM_VAL_MISSING)
		fail_msg("'%s': type %d (%g), want missing", src, r.type,
			 r.num);
	if (r.note.why != why || r.note.column != col)
		fail_msg("'%s': note why %d column %ld, want %d %ld", src,
			 r.note.why, r.note.column, why, col);
}

static void
check_invalid(const char *src, long col, const char *text)
{
	result r = eval(src);

	if (r.type != CRM_VAL_INVALID)
		fail_msg("'%s': type %d, want invalid", src, r.type);
	assert_int_equal(r.note.why, CRM_WHY_NOT_NUMBER);
	assert_int_equal(r.note.column, col);
	assert_string_equal(r.notetext, text);
}

static void
check_str(const char *src, const char *want)
{
	result r = eval(src);

	if (r.type != CRM_VAL_STR)
		fail_msg("'%s': type %d, want text", src, r.type);
	assert_string_equal(r.text, want);
	assert_int_equal(r.note.why, CRM_WHY_NONE);
}

/* ------------------------------------------------------------------ */

static void
test_precedence(void **state)
{
	(void)state;
	check_num("1 + 2 * 3", 7);
	check_num("(1 + 2) * 3", 9);
	check_num("2 * 3 % 4", 2);
	check_num("10 - 4 - 3", 3);
	check_num("100 / 10 / 5", 2);
	check_num("-2^2", -4);
	check_num("(-2)^2", 4);
	check_num("2^3^2", 512);
	check_num("2^-1", 0.5);
	check_num("-2^-2", -0.25);
	check_num("2 * -3", -6);
	check_num("- -a", 2);
	check_num("+a", 2);
	check_num("-a^2", -4);
	check_num("1 + 2 > 2", 1);
	check_num("1 + 2 > 2 * 2", 0);
	check_num("1 < 2 and 3 < 2", 0);
	check_num("1 < 2 or 3 < 2", 1);
	check_num("not 1 < 2", 0);
	check_num("!0", 1);
	check_num("! 2 == 2", 0);
	check_num("1 || 0 && 0", 1);
	check_num("(1 || 0) && 0", 0);
	check_num("1 or 0 and 0", 1);
	check_num("not 0 and 0", 0);
	check_num("not not 5", 1);
	check_num("7 % 3", 1);
	check_num("-7 % 3", -1);
	check_num("5.5 % 2", 1.5);
	check_num("1e3 + .5 + 5.", 1005.5);
	check_num("a * b + b / a", 7.5);
	check_num("0.1 + 0.2 == 0.3", 0);	/* honest doubles */
	check_num("((((a))))", 2);
}

static void
test_comparisons(void **state)
{
	(void)state;
	check_num("a < 10", 1);		/* numeric, not "2" < "10" */
	check_num("a == 2.0", 1);
	check_num("value == 5", 1);	/* " 5 " reads as 5 */
	check_num("name == \"Alice\"", 1);
	check_num("name != \"Alice\"", 0);
	check_num("name < \"Bob\"", 1);
	check_num("name > \"alice\"", 0);	/* byte order */
	check_num("\"10\" < \"9\"", 1);		/* two strings */
	check_num("10 < 9", 0);
	check_num("a == \"2\"", 1);		/* text of the column */
	check_num("revenue == \"100.0\"", 0);
	check_num("value == \" 5 \"", 1);
	check_num("name > 5", 1);		/* "Alice" > "5" */
	check_num("name > 1 + 1", 1);		/* "Alice" > "2" */
	check_num("\"ab\" < \"abc\"", 1);
	check_num("\"abc\" <= \"abc\"", 1);
	check_num("\"\" < \"a\"", 1);
	check_num("\"b\" >= \"abc\"", 1);
	check_num("cost == \"12x\"", 1);
	check_num("cost > 12", 1);		/* "12x" > "12" */
	/* Missing: every comparison is false, and not of it true. */
	check_num("c == c", 0);
	check_num("c != 1", 0);
	check_num("c < 1", 0);
	check_num("c >= 1", 0);
	check_num("not (c > 0)", 1);
	check_num("c == \"\"", 0);
}

static void
test_truthiness(void **state)
{
	(void)state;
	check_num("name and 1", 1);
	check_num("c or 0", 0);
	check_num("c and 1", 0);
	check_num("not c", 1);
	check_num("\"\" or 0", 0);
	check_num("0.5 and -1", 1);
	check_num("if(name, 1, 2)", 1);
	check_num("if(c, 1, 2)", 2);
	check_num("if(0, 1, 2)", 2);
	check_num("if(\"\", 1, 2)", 2);
}

static void
test_missing_and_invalid(void **state)
{
	(void)state;
	check_missing("a + c", CRM_WHY_EMPTY, C);
	check_missing("c * 0", CRM_WHY_EMPTY, C);
	check_missing("-c", CRM_WHY_EMPTY, C);
	check_missing("c", CRM_WHY_EMPTY, C);
	check_missing("abs(c)", CRM_WHY_EMPTY, C);
	check_missing("c ^ 0", CRM_WHY_EMPTY, C);
	check_missing("min(a, c, b)", CRM_WHY_EMPTY, C);
	check_missing("round(a, c)", CRM_WHY_EMPTY, C);
	check_invalid("a + cost", COST, "12x");
	check_invalid("cost * 2", COST, "12x");
	check_invalid("-cost", COST, "12x");
	check_invalid("sqrt(name)", NAME, "Alice");
	/* Invalid is never hidden by a missing operand. */
	check_invalid("c + cost", COST, "12x");
	check_invalid("cost + c", COST, "12x");
	check_invalid("(c + 1) * (name - 1)", NAME, "Alice");
	/* The first of two causes of the same kind is reported. */
	check_invalid("name + cost", NAME, "Alice");
	check_invalid("cost + name", COST, "12x");
	check_missing("revenue / 0 + c", CRM_WHY_DIV_ZERO, -1);
	check_missing("c + revenue / 0", CRM_WHY_EMPTY, C);
	check_missing("c * revenue / target", CRM_WHY_EMPTY, C);
	/* Invalid propagates through comparisons and logic too. */
	check_invalid("cost + 1 > 0", COST, "12x");
	check_invalid("1 < cost * 1", COST, "12x");
	check_invalid("not (cost - 1)", COST, "12x");
	check_invalid("1 or cost - 1", COST, "12x");
	check_invalid("if(cost + 1, 1, 2)", COST, "12x");
	check_invalid("isempty(cost + 1)", COST, "12x");
	check_invalid("coalesce(cost + 1, 3)", COST, "12x");
	/* A string literal in arithmetic has no column. */
	check_invalid("\"abc\" + 1", -1, "abc");
	/* Text stays text where no number is needed. */
	check_str("name", "Alice");
	check_str("cost", "12x");
}

static void
test_division_by_zero(void **state)
{
	(void)state;
	check_missing("revenue / target", CRM_WHY_DIV_ZERO, -1);
	check_missing("a % 0", CRM_WHY_DIV_ZERO, -1);
	check_missing("a / (b - 3)", CRM_WHY_DIV_ZERO, -1);
	check_missing("(revenue / target) * 0", CRM_WHY_DIV_ZERO, -1);
	check_num("0 / a", 0);
	/* Division by an empty column is missing because it is empty. */
	check_missing("a / c", CRM_WHY_EMPTY, C);
}

static void
test_functions(void **state)
{
	(void)state;
	check_num("abs(-3)", 3);
	check_num("abs(a - 5)", 3);
	check_num("min(3, 1, 2)", 1);
	check_num("max(3, 1, 2)", 3);
	check_num("min(a, b)", 2);
	check_num("max(-a, -b)", -2);
	check_num("round(2.5)", 3);
	check_num("round(-2.5)", -3);
	check_num("round(2.4999)", 2);
	check_num("round(1.005, 2)", 1.01);
	check_num("round(0.285, 2)", 0.29);
	check_num("round(-0.285, 2)", -0.29);
	check_num("round(2.345, 1)", 2.3);
	check_num("round(1.23456789, 4)", 1.2346);
	check_num("round(1234.5678, -2)", 1200);
	check_num("round(1250, -2)", 1300);
	check_num("round(-1250, -2)", -1300);
	check_num("round(1234.5678, 0)", 1235);
	check_num("round(0.5, 30)", 0.5);
	check_num("round(123, -5)", 0);
	check_num("round(1e-30, 25)", 0);
	check_num("round(1.5e-30, 30)", 2e-30);
	check_num("round(2.675, 2)", 2.68);
	check_num("round(1e300, 2)", 1e300);
	check_num("round(7.5, 0.9)", 8);	/* n is truncated */
	check_num("floor(-1.5)", -2);
	check_num("floor(1.5)", 1);
	check_num("ceil(-1.5)", -1);
	check_num("ceil(1.2)", 2);
	check_num("sqrt(16)", 4);
	check_num("sqrt(0)", 0);
	check_num("log(exp(2))", 2);
	check_num("log(1)", 0);
	check_num("exp(0)", 1);
	check_num("pow(2, 10)", 1024);
	check_num("pow(a, b)", 8);
	check_num("pow(0, 0)", 1);
	check_missing("sqrt(-1)", CRM_WHY_DOMAIN, -1);
	check_missing("log(0)", CRM_WHY_DOMAIN, -1);
	check_missing("log(-1)", CRM_WHY_DOMAIN, -1);
	check_missing("exp(1000)", CRM_WHY_DOMAIN, -1);
	check_missing("pow(-8, 1/3)", CRM_WHY_DOMAIN, -1);
	check_missing("(-8) ^ 0.5", CRM_WHY_DOMAIN, -1);
	check_missing("pow(0, -1)", CRM_WHY_DOMAIN, -1);
	check_missing("1e300 * 1e300", CRM_WHY_DOMAIN, -1);
	check_missing("sqrt(c)", CRM_WHY_EMPTY, C);
}

static void
test_if_coalesce_isempty(void **state)
{
	(void)state;
	check_str("if(a > 1, \"big\", \"small\")", "big");
	check_str("if(a > 5, \"big\", \"small\")", "small");
	check_num("if(a > 1, a, b)", 2);
	/* The unselected branch's trouble does not leak. */
	check_num("if(1, 5, revenue / target)", 5);
	check_num("if(0, revenue / target, 5)", 5);
	check_num("if(1, 5, cost + 1)", 5);
	check_missing("if(1, revenue / target, 5)", CRM_WHY_DIV_ZERO, -1);
	check_missing("if(c > 0, 1, c)", CRM_WHY_EMPTY, C);
	check_num("coalesce(c, a)", 2);
	check_num("coalesce(c, c, 7)", 7);
	check_num("coalesce(revenue / target, 7)", 7);
	check_num("coalesce(a)", 2);
	check_missing("coalesce(c, c)", CRM_WHY_EMPTY, C);
	check_missing("coalesce(revenue / target, c)", CRM_WHY_DIV_ZERO, -1);
	check_str("coalesce(c, name, 1)", "Alice");
	check_num("isempty(c)", 1);
	check_num("isempty(a)", 0);
	check_num("isempty(name)", 0);
	check_num("isempty(revenue / target)", 1);
	check_num("isempty(\"\")", 0);
	check_num("coalesce(c, 0) + 1", 1);
}

static void
test_literals_and_names(void **state)
{
	result r;

	(void)state;
	check_str("\"a\\\"b\\\\c\"", "a\"b\\c");
	check_str("\"tab\\there\"", "tab\there");
	check_str("\"new\\nline\"", "new\nline");
	check_str("\"C:\\temp\"", "C:\temp");		/* \t is a tab */
	check_str("\"C:\\x\"", "C:\\x");		/* kept */
	check_str("\"\xc3\xa4\"", "\xc3\xa4");
	check_num("{net revenue} * 2", 100);
	check_num("{and} + 1", 2);
	check_num("{a}+{b}", 5);
	check_num("x.y + 1", 8);
	check_num("{x.y}", 7);
	check_num("ums\xc3\xa4tze * 2", 18);
	check_num("{ums\xc3\xa4tze}", 9);
	/* A number result of a column keeps its text, a literal too. */
	r = eval("revenue");
	assert_int_equal(r.type, CRM_VAL_NUM);
	assert_true(r.num == 100);
	assert_true(r.has_text);
	assert_string_equal(r.text, "100");
	r = eval("1.50");
	assert_true(r.num == 1.5);
	assert_string_equal(r.text, "1.50");
	r = eval("a + 1");
	assert_false(r.has_text);
}

static void
test_synthetic_header(void **state)
{
	static char *num[3] = { "1", "2", "3" };
	static const char *v[3] = { "10", "20", "x" };
	size_t len[3], rlen[3];
	const char *f[3];
	crm_header h;
	crm_record r;
	crm_expr *e;
	crm_value val;

	(void)state;
	make_header(&h, num, len, 3, true);
	make_record(&r, f, rlen, v, 3);
	e = compile_ok("{1} + {2}", &h, false, 0);
	val = crm_expr_eval(e, &r, NULL);
	assert_int_equal(val.type, CRM_VAL_NUM);
	assert_true(val.num == 30);
	crm_expr_free(e);
	e = compile_ok("{3}", &h, false, 0);
	assert_int_equal(crm_expr_column(e), 2);
	val = crm_expr_eval(e, &r, NULL);
	assert_int_equal(val.type, CRM_VAL_STR);
	crm_expr_free(e);
	compile_err("{4}", &h, 0,
		    "unknown column '4' in expression '{4}'\n"
		    "  the input has no header: refer to columns by number, "
		    "{1} to {3}");
	compile_err("x + 1", &h, 0,
		    "unknown column 'x' in expression 'x + 1'\n"
		    "  the input has no header: refer to columns by number, "
		    "{1} to {3}");
	/* A bare name cannot start with a digit: 1 is a number. */
	e = compile_ok("1", &h, false, 0);
	assert_int_equal(crm_expr_column(e), -1);
	crm_expr_free(e);
}

static void
test_decimal_comma(void **state)
{
	static char *nm[2] = { "p", "q" };
	static const char *v[2] = { "1.234,5", "2,5" };
	size_t len[2], rlen[2];
	const char *f[2];
	crm_header h;
	crm_record r;
	crm_expr *e;
	crm_value val;

	(void)state;
	make_header(&h, nm, len, 2, false);
	make_record(&r, f, rlen, v, 2);
	e = compile_ok("p + q * 2 + 0.5", &h, true, 0);
	val = crm_expr_eval(e, &r, NULL);
	assert_int_equal(val.type, CRM_VAL_NUM);
	assert_true(val.num == 1240.0);
	crm_expr_free(e);
	/* Without --decimal-comma they are text. */
	e = compile_ok("p", &h, false, 0);
	assert_int_equal(crm_expr_eval(e, &r, NULL).type, CRM_VAL_STR);
	crm_expr_free(e);
	/* A computed number compared with text is written with ','. */
	e = compile_ok("\"2,5\" == q * 1", &h, true, 0);
	val = crm_expr_eval(e, &r, NULL);
	assert_true(val.num == 1);
	crm_expr_free(e);
}

static void
test_column_and_source(void **state)
{
	crm_expr *e;

	(void)state;
	e = compile_ok("a", &H, false, 0);
	assert_int_equal(crm_expr_column(e), A);
	assert_string_equal(crm_expr_source(e), "a");
	crm_expr_free(e);
	e = compile_ok(" (b) ", &H, false, 0);
	assert_int_equal(crm_expr_column(e), B);
	assert_string_equal(crm_expr_source(e), " (b) ");
	crm_expr_free(e);
	e = compile_ok("{net revenue}", &H, false, 0);
	assert_int_equal(crm_expr_column(e), NETREV);
	crm_expr_free(e);
	e = compile_ok("a + 0", &H, false, 0);
	assert_int_equal(crm_expr_column(e), -1);
	crm_expr_free(e);
	e = compile_ok("-a", &H, false, 0);
	assert_int_equal(crm_expr_column(e), -1);
	crm_expr_free(e);
}

/* Repeated columns go through the per-evaluation cache. */
static void
test_repeated_columns(void **state)
{
	char *nm[40];
	char nbuf[40][8];
	const char *v[40], *f[40];
	char vbuf[40][8];
	size_t len[40], rlen[40], i;
	char src[2048];
	size_t k = 0;
	crm_header h;
	crm_record r;
	crm_expr *e;
	crm_value val;
	crm_eval_note note;

	(void)state;
	check_num("a * a + a", 6);
	check_num("a * b - a * b + b", 3);
	check_missing("c + c", CRM_WHY_EMPTY, C);
	check_num("if(a > 1, a, a * 10) + a", 4);
	for (i = 0; i < 40; i++) {
		snprintf(nbuf[i], sizeof nbuf[i], "c%zu", i);
		snprintf(vbuf[i], sizeof vbuf[i], "%zu", i);
		nm[i] = nbuf[i];
		v[i] = vbuf[i];
		k += (size_t)snprintf(src + k, sizeof src - k, "%sc%zu + c%zu",
				      i ? " + " : "", i, i);
	}
	make_header(&h, nm, len, 40, false);
	make_record(&r, f, rlen, v, 40);
	e = compile_ok(src, &h, false, 0);
	val = crm_expr_eval(e, &r, &note);
	assert_int_equal(val.type, CRM_VAL_NUM);
	assert_true(val.num == 2 * (39 * 40 / 2));
	/* Same expression, other row: nothing stale from the last call. */
	vbuf[39][0] = '\0';
	make_record(&r, f, rlen, v, 40);
	val = crm_expr_eval(e, &r, &note);
	assert_int_equal(val.type, CRM_VAL_MISSING);
	assert_int_equal(note.column, 39);
	crm_expr_free(e);
}

static void
test_short_record(void **state)
{
	crm_expr *e = compile_ok("a + value", &H, false, 0);
	crm_record r = R;
	crm_eval_note note;
	crm_value v;

	(void)state;
	r.n = 3;
	v = crm_expr_eval(e, &r, &note);
	assert_int_equal(v.type, CRM_VAL_MISSING);
	assert_int_equal(note.why, CRM_WHY_EMPTY);
	assert_int_equal(note.column, VALUE);
	crm_expr_free(e);
}

/* ------------------------------------------------------------------ */

static void
describe(const char *src, char *buf, size_t cap, int want_rc)
{
	crm_expr *e = compile_ok(src, &H, false, 0);
	crm_eval_note note;
	double out = -1;
	int rc;

	memset(&note, 0x55, sizeof note);
	rc = crm_expr_eval_num(e, &R, &out, &note);
	assert_int_equal(rc, want_rc);
	crm_expr_describe(e, &H, &note, buf, cap);
	crm_expr_free(e);
}

static void
test_eval_num_and_describe(void **state)
{
	char buf[256];
	crm_expr *e;
	crm_eval_note note;
	double out = 0;

	(void)state;
	e = compile_ok("revenue / b", &H, false, 0);
	assert_int_equal(crm_expr_eval_num(e, &R, &out, &note), 0);
	assert_true(out == 100.0 / 3);
	assert_int_equal(note.why, CRM_WHY_NONE);
	crm_expr_free(e);

	describe("cost", buf, sizeof buf, -1);
	assert_string_equal(buf, "column 'cost': \"12x\" is not a number");
	describe("cost * 2", buf, sizeof buf, -1);
	assert_string_equal(buf, "column 'cost': \"12x\" is not a number");
	describe("name", buf, sizeof buf, -1);
	assert_string_equal(buf, "column 'name': \"Alice\" is not a number");
	describe("c", buf, sizeof buf, -1);
	assert_string_equal(buf, "column 'c' is empty");
	describe("a + c", buf, sizeof buf, -1);
	assert_string_equal(buf, "column 'c' is empty");
	describe("revenue/target", buf, sizeof buf, -1);
	assert_string_equal(buf, "measure 'revenue/target': division by zero");
	describe("log(a - 2)", buf, sizeof buf, -1);
	assert_string_equal(buf, "measure 'log(a - 2)': value outside the "
			    "function's domain");
	describe("if(1, \"x\", 2)", buf, sizeof buf, -1);
	assert_string_equal(buf, "measure 'if(1, \"x\", 2)' is not a number");
	describe("\"abc\" * 2", buf, sizeof buf, -1);
	assert_string_equal(buf, "measure '\"abc\" * 2' is not a number");
	describe("{net revenue} / {and}", buf, sizeof buf, 0);
	/* Truncation keeps a NUL. */
	describe("cost", buf, 10, -1);
	assert_string_equal(buf, "column 'c");

	/* eval_num of a bare text column names it. */
	e = compile_ok("name", &H, false, 0);
	assert_int_equal(crm_expr_eval_num(e, &R, &out, &note), -1);
	assert_int_equal(note.why, CRM_WHY_NOT_NUMBER);
	assert_int_equal(note.column, NAME);
	assert_int_equal(note.len, 5);
	assert_memory_equal(note.text, "Alice", 5);
	crm_expr_free(e);
}

/*
 * "col OP col" has a path of its own (no value stack) when both fields
 * are numbers and the result is finite; everything else goes to the
 * general evaluator.  Either way it must give what the general one
 * gives, checked here against "(col OP col) * 1", which never takes it:
 * value, note and text, for every pair of fields and every operator,
 * with a point and with a decimal comma.
 */
static void
test_pair_fast_path(void **state)
{
	enum { N = 10 };
	static char *nm[N] = { "p0", "p1", "p2", "p3", "p4", "p5", "p6",
	    "p7", "p8", "p9" };
	static const char *const v[N] = { "2", "0", "", "12x", "1e308",
	    "-1e308", "1,5", " 5 ", "3.25", "-0" };
	static const char *const ops[] = { "+", "-", "*", "/" };
	size_t nlen[N], len[N];
	const char *f[N];
	crm_header h;
	crm_record r;

	(void)state;
	make_header(&h, nm, nlen, N, false);
	make_record(&r, f, len, v, N);
	for (int dc = 0; dc < 2; dc++)
		for (size_t a = 0; a < N; a++)
			for (size_t b = 0; b < N; b++)
				for (size_t o = 0; o < 4; o++) {
		char fast[64], slow[80];
		crm_expr *e1, *e2;
		crm_eval_note n1, n2;
		crm_value x, y;

		snprintf(fast, sizeof fast, "%s %s %s", nm[a], ops[o], nm[b]);
		snprintf(slow, sizeof slow, "(%s) * 1", fast);
		e1 = compile_ok(fast, &h, dc, 0);
		e2 = compile_ok(slow, &h, dc, 0);
		x = crm_expr_eval(e1, &r, &n1);
		y = crm_expr_eval(e2, &r, &n2);
		if (x.type != y.type || memcmp(&x.num, &y.num, sizeof x.num) ||
		    n1.why != n2.why || n1.column != n2.column ||
		    n1.len != n2.len || n1.text != n2.text)
			fail_msg("'%s' (decimal comma %d): type %d %g why %d "
			    "col %ld, general: type %d %g why %d col %ld",
			    fast, dc, (int)x.type, x.num, (int)n1.why,
			    n1.column, (int)y.type, y.num, (int)n2.why,
			    n2.column);
		crm_expr_free(e1);
		crm_expr_free(e2);
				}
}

/* ------------------------------------------------------------------ */

static void
test_syntax_errors(void **state)
{
	(void)state;
	compile_err("revenue/", &H, 0,
		    "syntax error in expression: unexpected end of "
		    "expression\n"
		    "  revenue/\n"
		    "          ^");
	compile_err("(a + b))", &H, 0,
		    "syntax error in expression: unexpected ')'\n"
		    "  (a + b))\n"
		    "         ^");
	compile_err("a + * b", &H, 0,
		    "syntax error in expression: unexpected '*'\n"
		    "  a + * b\n"
		    "      ^");
	compile_err("a b", &H, 0,
		    "syntax error in expression: unexpected 'b'\n"
		    "  a b\n"
		    "    ^");
	compile_err("(a + b", &H, 0,
		    "syntax error in expression: unexpected end of "
		    "expression\n"
		    "  (a + b\n"
		    "        ^");
	compile_err("a < b < c", &H, 0,
		    "syntax error in expression: unexpected '<' (comparisons "
		    "do not chain; use 'and')\n"
		    "  a < b < c\n"
		    "        ^");
	compile_err("a = 1", &H, 0,
		    "syntax error in expression: unexpected '=' (compare with "
		    "'==')\n"
		    "  a = 1\n"
		    "    ^");
	compile_err("1 + \"abc", &H, 0,
		    "syntax error in expression: unterminated string\n"
		    "  1 + \"abc\n"
		    "      ^");
	compile_err("{abc + 1", &H, 0,
		    "syntax error in expression: unterminated '{'\n"
		    "  {abc + 1\n"
		    "  ^");
	compile_err("{} + 1", &H, 0,
		    "syntax error in expression: empty column name\n"
		    "  {} + 1\n"
		    "  ^");
	compile_err("abs(1,)", &H, 0,
		    "syntax error in expression: unexpected ')'\n"
		    "  abs(1,)\n"
		    "        ^");
	compile_err("1e", &H, 0,
		    "syntax error in expression: unexpected 'e'\n"
		    "  1e\n"
		    "   ^");
	compile_err("a @ b", &H, 0,
		    "syntax error in expression: unexpected '@'\n"
		    "  a @ b\n"
		    "    ^");
	compile_err("a & b", &H, 0,
		    "syntax error in expression: unexpected '&'\n"
		    "  a & b\n"
		    "    ^");
	compile_err("and + 1", &H, 0,
		    "syntax error in expression: unexpected 'and'\n"
		    "  and + 1\n"
		    "  ^");
	compile_err("1e999", &H, 0,
		    "syntax error in expression: number out of range\n"
		    "  1e999\n"
		    "  ^");
	compile_err("-", &H, 0,
		    "syntax error in expression: unexpected end of "
		    "expression\n"
		    "  -\n"
		    "   ^");
	compile_err("()", &H, 0,
		    "syntax error in expression: unexpected ')'\n"
		    "  ()\n"
		    "   ^");
	/* The caret counts UTF-8 characters, not bytes. */
	compile_err("ums\xc3\xa4tze +", &H, 0,
		    "syntax error in expression: unexpected end of "
		    "expression\n"
		    "  ums\xc3\xa4tze +\n"
		    "           ^");
	compile_err("", &H, 0, "empty expression");
	compile_err("  \t", &H, 0, "empty expression");
}

static void
test_unknown_column(void **state)
{
	static char *nm[4] = { "name", "value", "cost", "net revenue" };
	size_t len[4];
	crm_header h;

	(void)state;
	make_header(&h, nm, len, 4, false);
	compile_err("valeu", &h, 0,
		    "unknown column 'valeu' in expression 'valeu'\n"
		    "  available columns: name, value, cost, net revenue\n"
		    "  did you mean 'value'?");
	compile_err("2 * Cost", &h, 0,
		    "unknown column 'Cost' in expression '2 * Cost'\n"
		    "  available columns: name, value, cost, net revenue\n"
		    "  did you mean 'cost'?");
	compile_err("net_revenue / 2", &h, 0,
		    "unknown column 'net_revenue' in expression "
		    "'net_revenue / 2'\n"
		    "  available columns: name, value, cost, net revenue\n"
		    "  did you mean '{net revenue}'?");
	compile_err("zzz", &h, 0,
		    "unknown column 'zzz' in expression 'zzz'\n"
		    "  available columns: name, value, cost, net revenue");
	compile_err("{net  revenue}", &h, 0,
		    "unknown column 'net  revenue' in expression "
		    "'{net  revenue}'\n"
		    "  available columns: name, value, cost, net revenue\n"
		    "  did you mean '{net revenue}'?");
	/* The leftmost problem is reported. */
	compile_err("zzz + foo(1)", &h, 0,
		    "unknown column 'zzz' in expression 'zzz + foo(1)'\n"
		    "  available columns: name, value, cost, net revenue");
	compile_err("x", NULL, 0,
		    "unknown column 'x' in expression 'x'\n"
		    "  the input has no columns: it is empty (behind a pipe, an "
		    "earlier command may have failed)");
}

static void
test_duplicate_column(void **state)
{
	static char *nm[3] = { "x", "y", "x" };
	size_t len[3];
	crm_header h;
	crm_expr *e;

	(void)state;
	make_header(&h, nm, len, 3, false);
	compile_err("x + 1", &h, 0,
		    "column 'x' occurs more than once in the header and "
		    "cannot be referred to");
	compile_err("y + {x}", &h, 0,
		    "column 'x' occurs more than once in the header and "
		    "cannot be referred to");
	e = compile_ok("y * 2", &h, false, 0);
	assert_int_equal(crm_expr_column(e), -1);
	crm_expr_free(e);
}

static void
test_function_errors(void **state)
{
	(void)state;
	compile_err("foo(1)", &H, 0,
		    "unknown function 'foo'\n"
		    "  foo(1)\n"
		    "  ^");
	compile_err("1 + sqrtt(4)", &H, 0,
		    "unknown function 'sqrtt'\n"
		    "  1 + sqrtt(4)\n"
		    "      ^\n"
		    "  did you mean 'sqrt'?");
	compile_err("avg(a)", &H, 0,
		    "unknown function 'avg'\n"
		    "  avg(a)\n"
		    "  ^\n"
		    "  did you mean 'mean'?");
	compile_err("ROUND(a)", &H, 0,
		    "unknown function 'ROUND'\n"
		    "  ROUND(a)\n"
		    "  ^");
	compile_err("round(1, 2, 3)", &H, 0,
		    "function 'round' takes 1 or 2 arguments\n"
		    "  round(1, 2, 3)\n"
		    "  ^");
	compile_err("a + abs()", &H, 0,
		    "function 'abs' takes 1 argument\n"
		    "  a + abs()\n"
		    "      ^");
	compile_err("if(1, 2)", &H, 0,
		    "function 'if' takes 3 arguments\n"
		    "  if(1, 2)\n"
		    "  ^");
	compile_err("pow(2)", &H, 0,
		    "function 'pow' takes 2 arguments\n"
		    "  pow(2)\n"
		    "  ^");
	compile_err("coalesce()", &H, 0,
		    "function 'coalesce' takes at least 1 argument\n"
		    "  coalesce()\n"
		    "  ^");
	compile_err("min()", &H, 0,
		    "function 'min' takes at least 1 argument\n"
		    "  min()\n"
		    "  ^");
	compile_err("count(a, b)", &H, CRM_EXPR_AGGREGATES,
		    "function 'count' takes 0 or 1 arguments\n"
		    "  count(a, b)\n"
		    "  ^");
	compile_err("quantile(a)", &H, CRM_EXPR_AGGREGATES,
		    "function 'quantile' takes 2 arguments\n"
		    "  quantile(a)\n"
		    "  ^");
}

static void
test_aggregates_in_row_context(void **state)
{
	(void)state;
	compile_err("sum(a)", &H, 0,
		    "aggregate function 'sum' is only allowed in kpi\n"
		    "  sum(a)\n"
		    "  ^");
	compile_err("1 + min(a)", &H, 0,
		    "aggregate function 'min' is only allowed in kpi\n"
		    "  1 + min(a)\n"
		    "      ^");
	compile_err("max(b) * 2", &H, 0,
		    "aggregate function 'max' is only allowed in kpi\n"
		    "  max(b) * 2\n"
		    "  ^");
	compile_err("count()", &H, 0,
		    "aggregate function 'count' is only allowed in kpi\n"
		    "  count()\n"
		    "  ^");
	compile_err("if(a, quantile(a, 0.5), 1)", &H, 0,
		    "aggregate function 'quantile' is only allowed in kpi\n"
		    "  if(a, quantile(a, 0.5), 1)\n"
		    "        ^");
	check_num("min(a, b) + max(a, b)", 5);
}

static crm_value
numv(double d)
{
	crm_value v;

	memset(&v, 0, sizeof v);
	v.type = CRM_VAL_NUM;
	v.num = d;
	return v;
}

static void
test_aggregates_api(void **state)
{
	crm_expr *e;
	const crm_expr *arg;
	crm_value res[4], v;
	double out;

	(void)state;
	e = compile_ok("sum(revenue) / sum(target)", &H, false,
		       CRM_EXPR_AGGREGATES);
	assert_int_equal(crm_expr_agg_count(e), 2);
	assert_int_equal(crm_expr_agg_kind(e, 0), CRM_AGG_SUM);
	assert_int_equal(crm_expr_agg_kind(e, 1), CRM_AGG_SUM);
	arg = crm_expr_agg_arg(e, 0);
	assert_non_null(arg);
	assert_int_equal(crm_expr_column(arg), REVENUE);
	assert_string_equal(crm_expr_source(arg), "revenue");
	assert_int_equal(crm_expr_column(crm_expr_agg_arg(e, 1)), TARGET);
	res[0] = numv(10);
	res[1] = numv(4);
	v = crm_expr_eval_final(e, res);
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(v.num == 2.5);
	memset(&res[0], 0, sizeof res[0]);	/* missing: empty group */
	assert_int_equal(crm_expr_eval_final(e, res).type, CRM_VAL_MISSING);
	res[0] = numv(1);
	res[1] = numv(0);
	assert_int_equal(crm_expr_eval_final(e, res).type, CRM_VAL_MISSING);
	crm_expr_free(e);

	/* Kinds, in order of appearance, and row-level arguments. */
	e = compile_ok("count() + count(c) * count_if(a + b > 4) - mean(a) + "
		       "median(b) - stddev(a) + var(b) + distinct(name) + "
		       "min(a) - max(b) + quantile(revenue, 0.9) + "
		       "sum((a)+b)", &H, false, CRM_EXPR_AGGREGATES);
	assert_int_equal(crm_expr_agg_count(e), 12);
	{
		static const crm_agg_kind want[] = {
			CRM_AGG_COUNT_ROWS, CRM_AGG_COUNT, CRM_AGG_COUNT_IF,
			CRM_AGG_MEAN, CRM_AGG_MEDIAN, CRM_AGG_STDDEV,
			CRM_AGG_VAR, CRM_AGG_DISTINCT, CRM_AGG_MIN,
			CRM_AGG_MAX, CRM_AGG_QUANTILE, CRM_AGG_SUM,
		};
		size_t i;

		for (i = 0; i < 12; i++)
			assert_int_equal(crm_expr_agg_kind(e, i), want[i]);
	}
	assert_null(crm_expr_agg_arg(e, 0));
	assert_int_equal(crm_expr_column(crm_expr_agg_arg(e, 1)), C);
	arg = crm_expr_agg_arg(e, 2);
	assert_string_equal(crm_expr_source(arg), "a + b > 4");
	assert_int_equal(crm_expr_column(arg), -1);
	v = crm_expr_eval(arg, &R, NULL);
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(v.num == 1);
	assert_int_equal(crm_expr_column(crm_expr_agg_arg(e, 7)), NAME);
	assert_true(crm_expr_agg_param(e, 10) == 0.9);
	assert_int_equal(crm_expr_column(crm_expr_agg_arg(e, 10)), REVENUE);
	arg = crm_expr_agg_arg(e, 11);
	assert_string_equal(crm_expr_source(arg), "(a)+b");
	assert_int_equal(crm_expr_eval_num(arg, &R, &out, NULL), 0);
	assert_true(out == 5);
	crm_expr_free(e);

	/* Row functions over aggregates; a constant p expression. */
	e = compile_ok("max(sum(a), sum(b)) + quantile(a, 1/4)", &H, false,
		       CRM_EXPR_AGGREGATES);
	assert_int_equal(crm_expr_agg_count(e), 3);
	assert_true(crm_expr_agg_param(e, 2) == 0.25);
	res[0] = numv(3);
	res[1] = numv(5);
	res[2] = numv(0.5);
	v = crm_expr_eval_final(e, res);
	assert_true(v.type == CRM_VAL_NUM && v.num == 5.5);
	crm_expr_free(e);

	/* The steering preset compiles. */
	e = compile_ok("sum(revenue) / sum(cost) * mean(value) / 100", &H,
		       false, CRM_EXPR_AGGREGATES);
	assert_int_equal(crm_expr_agg_count(e), 3);
	res[0] = numv(200);
	res[1] = numv(50);
	res[2] = numv(80);
	v = crm_expr_eval_final(e, res);
	assert_true(v.type == CRM_VAL_NUM && v.num == 3.2);
	crm_expr_free(e);
	e = compile_ok("count_if(a + b > 0) / count()", &H, false,
		       CRM_EXPR_AGGREGATES);
	res[0] = numv(3);
	res[1] = numv(4);
	v = crm_expr_eval_final(e, res);
	assert_true(v.type == CRM_VAL_NUM && v.num == 0.75);
	crm_expr_free(e);

	/* Constants are fine; if() over aggregates too. */
	e = compile_ok("1 + 2", &H, false, CRM_EXPR_AGGREGATES);
	assert_int_equal(crm_expr_agg_count(e), 0);
	v = crm_expr_eval_final(e, NULL);
	assert_true(v.type == CRM_VAL_NUM && v.num == 3);
	crm_expr_free(e);
	e = compile_ok("if(count() > 1, sum(a), 0)", &H, false,
		       CRM_EXPR_AGGREGATES);
	res[0] = numv(1);
	res[1] = numv(9);
	v = crm_expr_eval_final(e, res);
	assert_true(v.type == CRM_VAL_NUM && v.num == 0);
	crm_expr_free(e);
}

static void
test_aggregate_errors(void **state)
{
	(void)state;
	compile_err("mean(sum(a))", &H, CRM_EXPR_AGGREGATES,
		    "aggregate 'sum' inside aggregate 'mean'\n"
		    "  mean(sum(a))\n"
		    "       ^");
	compile_err("sum(a + max(b))", &H, CRM_EXPR_AGGREGATES,
		    "aggregate 'max' inside aggregate 'sum'\n"
		    "  sum(a + max(b))\n"
		    "          ^");
	compile_err("sum(a) / b", &H, CRM_EXPR_AGGREGATES,
		    "column 'b' used outside an aggregate\n"
		    "  sum(a) / b\n"
		    "           ^");
	compile_err("max(a, b)", &H, CRM_EXPR_AGGREGATES,
		    "column 'a' used outside an aggregate\n"
		    "  max(a, b)\n"
		    "      ^");
	compile_err("revenue", &H, CRM_EXPR_AGGREGATES,
		    "column 'revenue' used outside an aggregate\n"
		    "  revenue\n"
		    "  ^");
	compile_err("quantile(a, 1.5)", &H, CRM_EXPR_AGGREGATES,
		    "quantile's p must be a constant between 0 and 1\n"
		    "  quantile(a, 1.5)\n"
		    "              ^");
	compile_err("quantile(a, b)", &H, CRM_EXPR_AGGREGATES,
		    "quantile's p must be a constant between 0 and 1\n"
		    "  quantile(a, b)\n"
		    "              ^");
	compile_err("quantile(a, -0.5)", &H, CRM_EXPR_AGGREGATES,
		    "quantile's p must be a constant between 0 and 1\n"
		    "  quantile(a, -0.5)\n"
		    "              ^");
	compile_err("quantile(a, 1/0)", &H, CRM_EXPR_AGGREGATES,
		    "quantile's p must be a constant between 0 and 1\n"
		    "  quantile(a, 1/0)\n"
		    "              ^");
	compile_err("sum(valeu)", &H, CRM_EXPR_AGGREGATES,
		    "unknown column 'valeu' in expression 'sum(valeu)'\n"
		    "  available columns: a, b, c, cost, revenue, target, "
		    "name, and, net revenue, x.y, ums\xc3\xa4tze, value\n"
		    "  did you mean 'value'?");
}

/* A count is one counting aggregate alone: kpi writes it without
 * decimals under --precision. */
static void
test_is_count(void **state)
{
	static const char *const yes[] = {
		"count()", "count(c)", "count_if(a > 1)", "distinct(name)",
		" ( count() ) ",
	};
	static const char *const no[] = {
		"count() / 2", "count() + count(a)", "sum(a)", "min(a)",
		"count_if(a > 1) / count()", "-count()", "round(count())",
	};
	crm_expr *e;

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		e = compile_ok(yes[i], &H, false, CRM_EXPR_AGGREGATES);
		assert_true(crm_expr_is_count(e));
		crm_expr_free(e);
	}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		e = compile_ok(no[i], &H, false, CRM_EXPR_AGGREGATES);
		assert_false(crm_expr_is_count(e));
		crm_expr_free(e);
	}
	e = compile_ok("a + b", &H, false, 0);
	assert_false(crm_expr_is_count(e));
	crm_expr_free(e);
}

static void
test_limits(void **state)
{
	char *src = malloc(200000);
	size_t k, i;
	crm_expr *e;
	crm_error err;
	crm_value v;

	(void)state;
	assert_non_null(src);
	/* A long flat sum is fine. */
	for (k = 0, i = 0; i < 1000; i++)
		k += (size_t)sprintf(src + k, "%s1", i ? "+" : "");
	e = compile_ok(src, &H, false, 0);
	v = crm_expr_eval(e, &R, NULL);
	assert_true(v.type == CRM_VAL_NUM && v.num == 1000);
	crm_expr_free(e);
	/* Deep nesting is refused, not a stack overflow. */
	for (k = 0, i = 0; i < 50000; i++)
		src[k++] = '(';
	src[k++] = '1';
	for (i = 0; i < 50000; i++)
		src[k++] = ')';
	src[k] = '\0';
	e = crm_expr_compile(src, &H, false, 0, &err);
	assert_null(e);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "too complex"));
	for (k = 0, i = 0; i < 50000; i++)
		src[k++] = '-';
	src[k++] = '1';
	src[k] = '\0';
	assert_null(crm_expr_compile(src, &H, false, 0, &err));
	assert_non_null(strstr(err.msg, "too complex"));
	/* A very long chain is refused too. */
	for (k = 0, i = 0; i < 30000; i++)
		k += (size_t)sprintf(src + k, "%s1", i ? "+" : "");
	assert_null(crm_expr_compile(src, &H, false, 0, &err));
	assert_non_null(strstr(err.msg, "too complex"));
	/* More simultaneous values than the stack holds. */
	k = (size_t)sprintf(src, "coalesce(");
	for (i = 0; i < 300; i++)
		k += (size_t)sprintf(src + k, "%s1", i ? "," : "");
	strcpy(src + k, ")");
	assert_null(crm_expr_compile(src, &H, false, 0, &err));
	assert_non_null(strstr(err.msg, "too complex"));
	/* A NULL err is allowed. */
	assert_null(crm_expr_compile("1 +", &H, false, 0, NULL));
	free(src);
}

/* Random token soup must never crash (run under ASan in make check). */
static void
test_random_sources(void **state)
{
	static const char *const toks[] = {
		"a", "b", "c", "cost", "name", "{net revenue}", "{zz}", "1",
		"0", "2.5", "\"s\"", "\"\"", "+", "-", "*", "/", "%", "^",
		"==", "!=", "<", "<=", ">", ">=", "and", "or", "not", "!",
		"&&", "||", "(", ")", ",", "abs(", "min(", "max(", "round(",
		"if(", "coalesce(", "isempty(", "sqrt(", "log(", "pow(",
		"sum(", "count(", "quantile(", "count_if(", " ", "{", "\"",
		"=", "@", "1e", ".5",
	};
	uint64_t x = 12345;
	char src[256];
	int iter, ok = 0;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		size_t k = 0;
		int n, j;
		crm_error err;
		crm_expr *e;
		unsigned flags = iter & 1 ? CRM_EXPR_AGGREGATES : 0;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = 1 + (int)(x % 12);
		for (j = 0; j < n; j++) {
			const char *t;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			t = toks[x % (sizeof toks / sizeof toks[0])];
			if (k + strlen(t) + 1 >= sizeof src)
				break;
			strcpy(src + k, t);
			k += strlen(t);
		}
		src[k] = '\0';
		e = crm_expr_compile(src, &H, false, flags, &err);
		if (e == NULL) {
			assert_int_equal(err.status, CRM_EXIT_USAGE);
			continue;
		}
		ok++;
		if (crm_expr_agg_count(e) > 0) {
			crm_value res[16];
			size_t i;

			for (i = 0; i < 16; i++)
				res[i] = numv((double)i);
			if (crm_expr_agg_count(e) <= 16)
				(void)crm_expr_eval_final(e, res);
		} else {
			crm_eval_note note;
			char buf[128];
			double out;

			if (crm_expr_eval_num(e, &R, &out, &note) < 0)
				crm_expr_describe(e, &H, &note, buf,
						  sizeof buf);
		}
		crm_expr_free(e);
	}
	assert_true(ok > 100);
}

/* A rename for test_map_columns: revenue -> Umsatz, cost -> "Kosten (€)",
 * x -> and (a keyword: needs braces); counts the calls. */
static const char *
rename_for_test(const char *name, size_t len, void *ctx)
{
	int *calls = ctx;

	(*calls)++;
	if (len == 7 && memcmp(name, "revenue", 7) == 0)
		return "Umsatz";
	if (len == 4 && memcmp(name, "cost", 4) == 0)
		return "Kosten (\xe2\x82\xac)";
	if (len == 1 && name[0] == 'x')
		return "and";
	return NULL;
}

static void
test_map_columns(void **state)
{
	static const struct {
		const char *src, *want;
		int calls;
	} cases[] = {
		{ "sum(revenue) / sum(target)", "sum(Umsatz) / sum(target)",
		  2 },
		{ "sum({revenue}) + cost", "sum({Umsatz}) + {Kosten (\xe2\x82\xac)}",
		  2 },
		/* function names, keywords, strings, numbers untouched */
		{ "max (revenue, 1e-5) and not \"revenue\" or .5e+3",
		  "max (Umsatz, 1e-5) and not \"revenue\" or .5e+3", 1 },
		{ "x + \"a\\\"revenue\" + {x}", "{and} + \"a\\\"revenue\" + {and}",
		  2 },
		/* not valid: copied, renamed where it can be */
		{ "revenue = {cost", "Umsatz = {cost", 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int calls = 0;
		char *got = crm_expr_map_columns(cases[i].src, rename_for_test,
		    &calls);

		assert_string_equal(got, cases[i].want);
		assert_int_equal(calls, cases[i].calls);
		free(got);
	}
	assert_true(crm_names_is_bare("revenue_prev", 12));
	assert_true(crm_names_is_bare("Ums\xc3\xa4tze.v2", 11));
	assert_true(crm_names_is_bare("_x", 2));
	assert_false(crm_names_is_bare("2x", 2));
	assert_false(crm_names_is_bare(".5", 2));
	assert_false(crm_names_is_bare("net revenue", 11));
	assert_false(crm_names_is_bare("and", 3));
	assert_false(crm_names_is_bare("", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_truthiness),
		cmocka_unit_test(test_missing_and_invalid),
		cmocka_unit_test(test_division_by_zero),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_if_coalesce_isempty),
		cmocka_unit_test(test_literals_and_names),
		cmocka_unit_test(test_synthetic_header),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_column_and_source),
		cmocka_unit_test(test_repeated_columns),
		cmocka_unit_test(test_short_record),
		cmocka_unit_test(test_eval_num_and_describe),
		cmocka_unit_test(test_pair_fast_path),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_unknown_column),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_function_errors),
		cmocka_unit_test(test_aggregates_in_row_context),
		cmocka_unit_test(test_aggregates_api),
		cmocka_unit_test(test_aggregate_errors),
		cmocka_unit_test(test_is_count),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_random_sources),
		cmocka_unit_test(test_map_columns),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
