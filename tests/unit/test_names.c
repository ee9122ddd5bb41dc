/*
 * crm_names: edit distance, "did you mean", and the column lookup
 * messages in an option and in an expression.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crm_names.h"

static size_t
dist(const char *a, const char *b)
{
	return crm_names_distance(a, strlen(a), b, strlen(b));
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(dist("", ""), 0);
	assert_int_equal(dist("abc", ""), 3);
	assert_int_equal(dist("", "abc"), 3);
	assert_int_equal(dist("kitten", "sitting"), 3);
	assert_int_equal(dist("rep", "rpe"), 1);	/* a transposition */
	assert_int_equal(dist("ca", "abc"), 3);	/* OSA, not Damerau */
	assert_int_equal(dist("revenue", "revnue"), 1);
}

static void
test_nearest(void **state)
{
	static const char *const cand[] = { "sum", "mean", "median", "max" };
	crm_names_nearest nn;

	(void)state;
	crm_names_nearest_init(&nn, "meen", 4, 1);
	for (size_t i = 0; i < 4; i++)
		crm_names_nearest_offer(&nn, (long)i, cand[i],
		    strlen(cand[i]));
	assert_int_equal(nn.best, 1);
	/* Too far: nothing. */
	crm_names_nearest_init(&nn, "zzzz", 4, 1);
	for (size_t i = 0; i < 4; i++)
		crm_names_nearest_offer(&nn, (long)i, cand[i],
		    strlen(cand[i]));
	assert_int_equal(nn.best, -1);
	/* Never a suggestion that replaces the whole name. */
	crm_names_nearest_init(&nn, "x", 1, 2);
	crm_names_nearest_offer(&nn, 0, "y", 1);
	assert_int_equal(nn.best, -1);
	/* The first of equally near ones. */
	crm_names_nearest_init(&nn, "mex", 3, 1);
	for (size_t i = 0; i < 4; i++)
		crm_names_nearest_offer(&nn, (long)i, cand[i],
		    strlen(cand[i]));
	assert_int_equal(nn.best, 3);
}

static char *nm[4] = { "rep", "net revenue", "cost", "rep" };
static size_t nmlen[4] = { 3, 11, 4, 3 };

static void
test_column(void **state)
{
	crm_header h = { 3, nm, nmlen, false };
	crm_error err;

	(void)state;
	assert_int_equal(crm_names_column(&h, "cost", 4, "--by", NULL, &err),
	    2);
	assert_int_equal(crm_names_column(&h, "rpe", 3, "--by", NULL, &err),
	    -1);
	assert_int_equal(err.status, 2);
	assert_string_equal(err.msg, "--by: unknown column 'rpe'\n"
	    "  available columns: rep, net revenue, cost\n"
	    "  did you mean 'rep'?");
	assert_int_equal(crm_names_column(&h, "net_revenue", 11, NULL,
	    "sum(net_revenue)", &err), -1);
	assert_string_equal(err.msg, "unknown column 'net_revenue' in "
	    "expression 'sum(net_revenue)'\n"
	    "  available columns: rep, net revenue, cost\n"
	    "  did you mean '{net revenue}'?");
	assert_int_equal(crm_names_column(&h, "net_revenue", 11, "--by",
	    NULL, &err), -1);
	assert_non_null(strstr(err.msg, "did you mean 'net revenue'?"));
	assert_int_equal(crm_names_column(NULL, "x", 1, "--by", NULL, &err),
	    -1);
	assert_string_equal(err.msg, "--by: unknown column 'x'\n"
	    "  the input has no columns: it is empty (behind a pipe, an "
	    "earlier command may have failed)");
}

/* A one-column header holding another delimiter suggests -d. */
static void
test_column_one_delimited(void **state)
{
	static char *name[1] = { "Kunde;Umsatz" };
	static size_t len[1] = { 12 };
	crm_header h = { 1, name, len, false };
	crm_error err;

	(void)state;
	assert_int_equal(crm_names_column(&h, "Umsatz", 6, NULL, "Umsatz",
	    &err), -1);
	assert_string_equal(err.msg, "unknown column 'Umsatz' in expression "
	    "'Umsatz'\n"
	    "  the header is one column holding ';': try -d ';'\n"
	    "  available columns: Kunde;Umsatz");
	name[0] = "Kunde|Umsatz";
	assert_int_equal(crm_names_column(&h, "Umsatz", 6, "--by", NULL,
	    &err), -1);
	assert_non_null(strstr(err.msg, "holding '|': try -d '|'"));
}

static void
test_column_special(void **state)
{
	static char *num[2] = { "1", "2" };
	static size_t numlen[2] = { 1, 1 };
	crm_header h = { 4, nm, nmlen, false };
	crm_header hh = { 2, num, numlen, true };
	crm_error err;

	(void)state;
	assert_int_equal(crm_names_column(&h, "rep", 3, "--by", NULL, &err),
	    -2);
	assert_string_equal(err.msg, "--by: column 'rep' occurs more than "
	    "once in the header and cannot be referred to");
	assert_int_equal(crm_names_column(&hh, "3", 1, "--by", NULL, &err),
	    -1);
	assert_string_equal(err.msg, "--by: unknown column '3'\n"
	    "  the input has no header: refer to columns by number, 1 to 2");
	assert_int_equal(crm_names_column(&hh, "3", 1, NULL, "{3}", &err),
	    -1);
	assert_string_equal(err.msg, "unknown column '3' in expression "
	    "'{3}'\n  the input has no header: refer to columns by number, "
	    "{1} to {2}");
	assert_int_equal(crm_names_column(&hh, "2", 1, NULL, "{2}", &err),
	    1);
}

/* Group keys: characters, not bytes; German transliteration is close. */
static void
test_text_distance(void **state)
{
	crm_names_nearest nn;
	const char *keys[] = { "Anna Schmidt", "J\xc3\xbcrgen Wei\xc3\x9f",
	    "Jochen Weil" };

	(void)state;
#define D(a, b) crm_names_text_distance(a, strlen(a), b, strlen(b))
	assert_int_equal(D("", ""), 0);
	assert_int_equal(D("abc", "abd"), 1);
	assert_int_equal(D("abc", "acb"), 1);	/* transposition */
	/* one character each, two bytes: one edit, not two */
	assert_int_equal(D("M\xc3\xbcller", "Mxller"), 1);
	assert_int_equal(D("Juergen Weiss", "J\xc3\xbcrgen Wei\xc3\x9f"), 0);
	assert_int_equal(D("JUERGEN", "J\xc3\x9crgen"), 0);
	assert_int_equal(D("Jurgen", "J\xc3\xbcrgen"), 1);
	assert_int_equal(D("Strasse", "Stra\xc3\x9f" "e"), 0);
	assert_int_equal(D("abc", "xyz"), 3);
	/* invalid UTF-8: each stray byte is a character */
	assert_int_equal(D("a\xff", "a\xfe"), 1);
	assert_int_equal(D("\xc3", "\xc3\xa4"), 1);
#undef D
	crm_names_nearest_init(&nn, "Juergen Weiss", 13, 2);
	for (long i = 0; i < 3; i++)
		crm_names_nearest_offer_text(&nn, i, keys[i], strlen(keys[i]));
	assert_int_equal(nn.best, 1);
	crm_names_nearest_init(&nn, "Bernd", 5, 2);
	for (long i = 0; i < 3; i++)
		crm_names_nearest_offer_text(&nn, i, keys[i], strlen(keys[i]));
	assert_int_equal(nn.best, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_column_special),
		cmocka_unit_test(test_text_distance),
		cmocka_unit_test(test_column_one_delimited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
