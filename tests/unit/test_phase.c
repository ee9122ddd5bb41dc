/* Unit tests of crm_phase: the seed's phases in both languages, any
 * case, and own lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "crm_phase.h"

static long
find(const crm_phase_list *l, const char *s)
{
	return crm_phase_find(l, s, strlen(s));
}

static void
test_default(void **state)
{
	crm_phase_list l;

	(void)state;
	crm_phase_default(&l);
	assert_int_equal(l.n, 8);
	assert_int_equal(find(&l, "address"), 0);
	assert_int_equal(find(&l, "ANSPRECHEN"), 0);
	assert_int_equal(find(&l, "Abschliessen"), 3);
	assert_int_equal(find(&l, "close"), 3);
	assert_int_equal(find(&l, "wiederkaufen"), 7);
	assert_int_equal(find(&l, "rebuy"), 7);
	/* no prefixes, no trailing bytes, no spaces */
	assert_int_equal(find(&l, "reb"), -1);
	assert_int_equal(find(&l, "rebuys"), -1);
	assert_int_equal(find(&l, " rebuy"), -1);
	assert_int_equal(find(&l, ""), -1);
	/* s need not be NUL-terminated */
	assert_int_equal(crm_phase_find(&l, "offerXYZ", 5), 2);
	assert_string_equal(crm_phase_name(&l, 4, false), "fulfil");
	assert_string_equal(crm_phase_name(&l, 4, true), "abwickeln");
}

static void
test_own(void **state)
{
	crm_phase_list l;
	crm_error err;

	(void)state;
	assert_int_equal(crm_phase_parse(&l, "Lead,Qualified,Won", &err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(find(&l, "WON"), 2);
	assert_int_equal(find(&l, "address"), -1);
	assert_string_equal(crm_phase_name(&l, 1, true), "Qualified");
	crm_phase_free(&l);
	assert_int_equal(crm_phase_parse(&l, "a,b,A", &err), -1);
	assert_string_equal(err.msg, "--phases: phase 'A' given twice");
	crm_phase_free(&l);
	assert_int_equal(crm_phase_parse(&l, "a,", &err), -1);
	assert_string_equal(err.msg, "--phases: an empty phase name");
	crm_phase_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_own),
	};

	return cmocka_run_group_tests_name("crm_phase", tests, NULL, NULL);
}
