/* Unit tests of crm_opts: reading count arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include "crm_opts.h"

/* Digits only, up to max; anything else leaves the output alone. */
static void
test_count(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "1x", "0x10", "1.5", "1e3",
		"11", "99999999999999999999999",
	};
	unsigned long n = 7;

	(void)state;
	assert_int_equal(crm_opts_count("0", 10, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(crm_opts_count("10", 10, &n), 0);
	assert_int_equal(n, 10);
	assert_int_equal(crm_opts_count("007", 10, &n), 0);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = 3;
		assert_int_equal(crm_opts_count(bad[i], 10, &n), -1);
		assert_int_equal(n, 3);
	}
	/* 2^64 - 2, the largest report --head takes; 2^64 - 1 is refused. */
	assert_int_equal(crm_opts_count("18446744073709551614",
	    ULONG_MAX - 1, &n), 0);
	assert_true(n == 18446744073709551614UL);
	assert_int_equal(crm_opts_count("18446744073709551615",
	    ULONG_MAX - 1, &n), -1);
}

/* The decimal convention: ';' brings the comma unless an option or the
 * environment set it, then it holds whatever the delimiter. */
static void
test_decimal_comma_for(void **state)
{
	crm_common c = { 0 };

	(void)state;
	c.decimal_from = CRM_DECIMAL_FROM_DELIMITER;
	assert_true(crm_common_decimal_comma_for(&c, ';'));
	assert_false(crm_common_decimal_comma_for(&c, ','));
	assert_false(crm_common_decimal_comma_for(&c, '\t'));
	c.decimal_from = CRM_DECIMAL_FROM_OPTION;
	c.decimal_comma = false;
	assert_false(crm_common_decimal_comma_for(&c, ';'));
	c.decimal_from = CRM_DECIMAL_FROM_ENV;
	c.decimal_comma = true;
	assert_true(crm_common_decimal_comma_for(&c, ','));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_decimal_comma_for),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
