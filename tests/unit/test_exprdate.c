/*
 * Unit tests for dates in crm_expr (SPEC 2 "Dates"): the date type,
 * its static rules, the date functions, dates in kpi aggregates.
 * Expected figures from Python's datetime (date.isocalendar,
 * isoweekday, subtraction of dates), written out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crm_expr.h"

enum { D, T, DE, BAD, EMPTY, N, NCOLS };
static char *names[NCOLS] = { "d", "t", "de", "bad", "empty", "n" };
static const char *row[NCOLS] = {
	"2026-03-15", "2026-03-15T12:00", "1.2.2026", "2026-02-30", "", "10"
};
static size_t namelen[NCOLS], rl[NCOLS];
static const char *rf[NCOLS];
static crm_header H;
static crm_record R;

static int
setup(void **state)
{
	crm_date asof;
	size_t i;

	(void)state;
	for (i = 0; i < NCOLS; i++) {
		namelen[i] = strlen(names[i]);
		rf[i] = row[i];
		rl[i] = strlen(row[i]);
	}
	H.n = NCOLS;
	H.name = names;
	H.len = namelen;
	memset(&R, 0, sizeof R);
	R.n = NCOLS;
	R.f = rf;
	R.len = rl;
	R.line = 2;
	assert_true(crm_date_make(2026, 12, 1, false, 0, 0, 0, 0, &asof));
	crm_expr_set_dates(NULL, asof);
	return 0;
}

static crm_value
eval(const char *src, crm_eval_note *note)
{
	crm_error err;
	crm_expr *e = crm_expr_compile(src, &H, false, 0, &err);
	crm_value v;

	if (e == NULL)
		fail_msg("'%s' does not compile: %s", src, err.msg);
	v = crm_expr_eval(e, &R, note);
	crm_expr_free(e);
	return v;
}

static double
num(const char *src)
{
	crm_value v = eval(src, NULL);

	if (v.type != CRM_VAL_NUM)
		fail_msg("'%s' is not a number (type %d)", src, (int)v.type);
	return v.num;
}

static void
date_is(const char *src, const char *want)
{
	crm_value v = eval(src, NULL);
	char buf[CRM_DATE_BUFSZ];

	if (v.type != CRM_VAL_DATE)
		fail_msg("'%s' is not a date (type %d)", src, (int)v.type);
	crm_expr_format_date(buf, &v);
	assert_string_equal(buf, want);
}

static void
usage_error(const char *src, unsigned flags, const char *part)
{
	crm_error err;
	crm_expr *e = crm_expr_compile(src, &H, false, flags, &err);

	if (e != NULL)
		fail_msg("'%s' compiles", src);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	if (strstr(err.msg, part) == NULL)
		fail_msg("'%s': message lacks '%s':\n%s", src, part, err.msg);
}

static void
test_values(void **state)
{
	(void)state;
	date_is("date(d)", "2026-03-15");
	date_is("date(de)", "2026-02-01");
	date_is("date(t)", "2026-03-15T12:00:00");
	date_is("today()", "2026-12-01");
	date_is("date(d) + 10", "2026-03-25");
	date_is("10 + date(d)", "2026-03-25");
	date_is("date(de) - 45", "2025-12-18");
	date_is("date(d) + n", "2026-03-25");
	date_is("date(d) + 0.5", "2026-03-15T12:00:00");
	date_is("if(n > 5, date(d), \"2000-01-01\")", "2026-03-15");
	date_is("coalesce(date(empty), date(de))", "2026-02-01");
	date_is("max(date(d), date(de), \"2026-01-01\")", "2026-03-15");
	date_is("min(date(d), date(de))", "2026-02-01");
	date_is("date(\"2026-07-04\")", "2026-07-04");
	assert_true(num("today() - date(d)") == 261);
	assert_true(num("days(date(d), today())") == 261);
	assert_true(num("days(today(), date(d))") == -261);
	assert_true(num("date(t) - date(\"2026-03-14\")") == 1.5);
	assert_true(num("date(d) - date(de)") == 42);
	assert_true(num("months(\"2026-01-31\", \"2026-02-28\")") == 0);
	assert_true(num("months(\"2026-01-31\", \"2026-03-01\")") == 1);
	assert_true(num("months(today(), date(d))") == -8);
	assert_true(num("year(date(d))") == 2026);
	assert_true(num("quarter(date(d))") == 1);
	assert_true(num("month(date(d))") == 3);
	assert_true(num("week(date(d))") == 11);
	assert_true(num("week(\"2027-01-01\")") == 53);
	assert_true(num("weekday(today())") == 2);
	assert_true(num("weekday(date(d))") == 7);
}

static void
test_compare(void **state)
{
	(void)state;
	assert_true(num("date(d) >= \"2026-01-01\"") == 1);
	assert_true(num("\"2026-03-15\" == date(d)") == 1);
	assert_true(num("date(d) == date(t)") == 0);
	assert_true(num("date(d) < date(t)") == 1);
	assert_true(num("date(d) > today() - 365") == 1);
	assert_true(num("date(de) <= \"1.2.2026\"") == 1);
	/* missing is false on either side, as for numbers */
	assert_true(num("date(empty) < today()") == 0);
	assert_true(num("not date(empty) < today()") == 1);
	assert_true(num("isempty(date(empty))") == 1);
	assert_true(num("date(d) and 1") == 1);
}

static void
test_missing_invalid(void **state)
{
	crm_eval_note note;
	crm_value v;
	char msg[256];
	crm_expr *e;
	crm_error err;

	(void)state;
	v = eval("date(empty) + 3", &note);
	assert_int_equal(v.type, CRM_VAL_MISSING);
	assert_int_equal(note.why, CRM_WHY_EMPTY);
	assert_int_equal(note.column, EMPTY);
	v = eval("days(date(bad), today())", &note);
	assert_int_equal(v.type, CRM_VAL_INVALID);
	assert_int_equal(note.why, CRM_WHY_NOT_DATE);
	assert_int_equal(note.column, BAD);
	e = crm_expr_compile("year(date(bad))", &H, false, 0, &err);
	assert_non_null(e);
	v = crm_expr_eval(e, &R, &note);
	crm_expr_describe(e, &H, &note, msg, sizeof msg);
	assert_string_equal(msg, "column 'bad': \"2026-02-30\" is not a date");
	crm_expr_free(e);
	/* a number column that is no date */
	v = eval("date(n)", &note);
	assert_int_equal(v.type, CRM_VAL_INVALID);
	assert_int_equal(note.column, N);
	/* leaving years 1..9999 */
	v = eval("date(d) + 1e9", &note);
	assert_int_equal(v.type, CRM_VAL_MISSING);
	assert_int_equal(note.why, CRM_WHY_DOMAIN);
}

static void
test_type_errors(void **state)
{
	(void)state;
	usage_error("date(d) * 2", 0, "a date * a number is not defined");
	usage_error("date(d) + date(de)", 0, "a date + a date");
	usage_error("3 - date(d)", 0, "a number - a date");
	usage_error("-date(d)", 0, "unary - does not take a date");
	usage_error("date(d) + \"x\"", 0, "a date + a text");
	usage_error("abs(today())", 0, "abs() does not take a date");
	usage_error("round(date(d), 2)", 0, "round() does not take a date");
	usage_error("date(d) > 3", 0, "needs a date here, not a number");
	usage_error("date(d) > n", 0, "write date(n)");
	usage_error("date(d) > \"2026-13-01\"", 0, "\"2026-13-01\" is not a "
		    "date");
	usage_error("year(d)", 0, "write date(d)");
	usage_error("days(date(d))", 0, "takes 2 arguments");
	usage_error("date(3)", 0, "date() of a number");
	usage_error("if(n, date(d), 3)", 0, "if() with a date argument");
	usage_error("coalesce(date(d), n)", 0, "coalesce() with a date");
	usage_error("today(1)", 0, "takes 0 arguments");
	usage_error("sum(date(d))", CRM_EXPR_AGGREGATES,
		    "sum() of a date is not defined");
	usage_error("mean(date(d))", CRM_EXPR_AGGREGATES, "mean() of a date");
	usage_error("quantile(date(d), 0.5)", CRM_EXPR_AGGREGATES,
		    "quantile() of a date");
	usage_error("stddev(date(d))", CRM_EXPR_AGGREGATES, "stddev()");
	usage_error("max(date(d)) * 2", CRM_EXPR_AGGREGATES, "a date * a "
		    "number");
	usage_error("now()", 0, "did you mean 'today'");
}

static void
test_static_types(void **state)
{
	static const struct {
		const char *src;
		crm_expr_type t;
	} cases[] = {
		{ "d", CRM_TYPE_UNKNOWN }, { "1 + d", CRM_TYPE_NUMBER },
		{ "\"x\"", CRM_TYPE_STRING }, { "date(d)", CRM_TYPE_DATE },
		{ "date(d) - 1", CRM_TYPE_DATE },
		{ "date(d) - today()", CRM_TYPE_NUMBER },
		{ "date(d) < today()", CRM_TYPE_NUMBER },
		{ "if(1, \"a\", \"b\")", CRM_TYPE_STRING },
		{ "if(1, \"a\", 2)", CRM_TYPE_UNKNOWN },
	};
	crm_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		crm_expr *e = crm_expr_compile(cases[i].src, &H, false, 0,
					       &err);

		assert_non_null(e);
		if (crm_expr_result_type(e) != cases[i].t)
			fail_msg("'%s': type %d, want %d", cases[i].src,
				 (int)crm_expr_result_type(e), (int)cases[i].t);
		crm_expr_free(e);
	}
}

static void
test_aggregates(void **state)
{
	crm_error err;
	crm_expr *e;
	crm_value res[2], v;
	char buf[CRM_DATE_BUFSZ];

	(void)state;
	e = crm_expr_compile("max(date(d)) - min(date(d))", &H, false,
			     CRM_EXPR_AGGREGATES, &err);
	assert_non_null(e);
	assert_int_equal(crm_expr_result_type(e), CRM_TYPE_NUMBER);
	assert_int_equal(crm_expr_result_type(crm_expr_agg_arg(e, 0)),
			 CRM_TYPE_DATE);
	/* the aggregate results come back as day numbers */
	memset(res, 0, sizeof res);
	res[0].type = res[1].type = CRM_VAL_NUM;
	res[0].str = res[1].str = NULL;
	res[0].len = res[1].len = 0;
	res[0].num = 20527;	/* 2026-03-15 */
	res[1].num = 20485;	/* 2026-02-01 */
	v = crm_expr_eval_final(e, res);
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(v.num == 42);
	crm_expr_free(e);
	e = crm_expr_compile("max(date(t))", &H, false, CRM_EXPR_AGGREGATES,
			     &err);
	assert_non_null(e);
	res[0].num = 20527.5;
	v = crm_expr_eval_final(e, res);
	assert_int_equal(v.type, CRM_VAL_DATE);
	crm_expr_format_date(buf, &v);
	assert_string_equal(buf, "2026-03-15T12:00:00");
	crm_expr_free(e);
	e = crm_expr_compile("count(date(d)) + distinct(date(d))", &H, false,
			     CRM_EXPR_AGGREGATES, &err);
	assert_non_null(e);
	crm_expr_free(e);
}

static void
test_date_format(void **state)
{
	crm_date_pattern pat;
	crm_error err;
	crm_date asof;
	static const char *us[NCOLS] = {
		"03/15/2026", "", "", "", "", ""
	};
	const char *f[NCOLS];
	size_t len[NCOLS], i;
	crm_record r = R;
	crm_expr *e;
	crm_value v;
	char buf[CRM_DATE_BUFSZ];

	(void)state;
	assert_int_equal(crm_date_pattern_compile(&pat, "%m/%d/%Y", &err), 0);
	assert_true(crm_date_make(2026, 12, 1, false, 0, 0, 0, 0, &asof));
	crm_expr_set_dates(&pat, asof);
	for (i = 0; i < NCOLS; i++) {
		f[i] = us[i];
		len[i] = strlen(us[i]);
	}
	r.f = f;
	r.len = len;
	/* literals: the default forms first, then the pattern */
	e = crm_expr_compile("date(d) == \"2026-03-15\" and date(d) == "
			     "\"03/15/2026\"", &H, false, 0, &err);
	assert_non_null(e);
	v = crm_expr_eval(e, &r, NULL);
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(v.num == 1);
	crm_expr_free(e);
	e = crm_expr_compile("date(d)", &H, false, 0, &err);
	crm_expr_set_dates(NULL, asof);	/* the expression keeps its own */
	v = crm_expr_eval(e, &r, NULL);
	crm_expr_format_date(buf, &v);
	assert_string_equal(buf, "2026-03-15");
	crm_expr_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_missing_invalid),
		cmocka_unit_test(test_type_errors),
		cmocka_unit_test(test_static_types),
		cmocka_unit_test(test_aggregates),
		cmocka_unit_test(test_date_format),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
