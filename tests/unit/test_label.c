/*
 * crm_label: the German header table is sorted (bsearch needs it), known
 * names and the derived columns of kpi --targets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crm_label.h"

static const char *
de(const char *name)
{
	static char buf[128];

	return crm_label_de(name, strlen(name), buf, sizeof buf);
}

static void
test_known(void **state)
{
	(void)state;
	assert_string_equal(de("customers"), "Kunden");
	assert_string_equal(de("attainment"), "Zielerreichung");
	assert_string_equal(de("priority"), "Priorität");
	assert_string_equal(de("expected_value"), "Erwartungswert");
	assert_string_equal(de("quadrant"), "Quadrant");
	assert_string_equal(de("segment"), "Segment");
	assert_string_equal(de("revenue"), "Umsatz");
	assert_string_equal(de("margin"), "Deckungsbeitrag");
	assert_string_equal(de("cost"), "Kosten");
	assert_string_equal(de("satisfaction"), "Zufriedenheit");
	assert_string_equal(de("growth"), "Wachstum");
	assert_string_equal(de("worked"), "bearbeitet");
	assert_string_equal(de("share"), "Anteil");
	/* The first and last entries (the search's edges). */
	assert_string_equal(de("abc"), "ABC-Klasse");
	assert_string_equal(de("y_threshold"), "Schwelle y");
	assert_null(de("Umsatz"));
	assert_null(de(""));
	assert_null(de("revenu"));
	assert_null(de("revenue2"));
}

static void
test_derived(void **state)
{
	(void)state;
	assert_string_equal(de("attainment_target"),
	    "Zielerreichung (Soll)");
	assert_string_equal(de("satisfaction_attainment"),
	    "Zufriedenheit (Ist/Soll)");
	assert_string_equal(de("attainment_vs_target"),
	    "Zielerreichung (Ist/Soll)");
	assert_string_equal(de("cost_per_customer_target"),
	    "Kosten je Kunde (Soll)");
	assert_null(de("_target"));
	assert_null(de("foo_target"));
}

static void
test_header(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(crm_label_header("revenue", 7, true, buf,
	    sizeof buf), "Umsatz");
	assert_string_equal(crm_label_header("revenue", 7, false, buf,
	    sizeof buf), "revenue");
	/* Not in the table: as written, cut to the buffer. */
	assert_string_equal(crm_label_header("Kundenname", 10, true, buf,
	    sizeof buf), "Kundenn");
	assert_string_equal(crm_label_total("(all)", 5, true), "(gesamt)");
	assert_string_equal(crm_label_total("(all)", 5, false), "(all)");
	assert_null(crm_label_total("(alle)", 6, true));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_derived),
		cmocka_unit_test(test_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
