/* Unit tests of crm_funnel: the figures of a funnel, worked by hand,
 * and the days' median and mean. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "crm_funnel.h"

/* Now in the phases: 2, 0, 3, 5: reached 10, 8, 8, 5; steps 0.8, 1,
 * 0.625; conversions 1, 0.8, 0.8, 0.5. */
static void
test_rows(void **state)
{
	unsigned long cur[4] = { 2, 0, 3, 5 };
	crm_funnel_row r[4];

	(void)state;
	crm_funnel_rows(cur, 4, r);
	assert_int_equal(r[0].reached, 10);
	assert_int_equal(r[1].reached, 8);
	assert_int_equal(r[3].reached, 5);
	assert_int_equal(r[2].current, 3);
	assert_true(isnan(r[0].step_conversion) && isnan(r[0].drop_off));
	assert_true(r[1].step_conversion == 0.8);
	assert_true(r[2].step_conversion == 1 && r[2].drop_off == 0);
	assert_true(r[3].step_conversion == 0.625);
	assert_true(r[3].drop_off == 0.375);
	assert_true(r[0].conversion == 1 && r[3].conversion == 0.5);
}

/* Nobody beyond phase 1: steps over 0 customers are empty, a step from
 * customers to none is 0. */
static void
test_rows_empty(void **state)
{
	unsigned long cur[3] = { 4, 0, 0 }, none[2] = { 0, 0 };
	crm_funnel_row r[3];

	(void)state;
	crm_funnel_rows(cur, 3, r);
	assert_true(r[1].step_conversion == 0 && r[1].drop_off == 1);
	assert_true(isnan(r[2].step_conversion) && isnan(r[2].drop_off));
	assert_true(r[2].conversion == 0);
	crm_funnel_rows(none, 2, r);
	assert_true(isnan(r[0].conversion) && isnan(r[1].conversion));
}

static void
test_days(void **state)
{
	crm_funnel_days d = { 0 };

	(void)state;
	assert_true(isnan(crm_funnel_days_median(&d)));
	assert_true(isnan(crm_funnel_days_mean(&d)));
	crm_funnel_days_add(&d, 10);
	crm_funnel_days_add(&d, 1);
	crm_funnel_days_add(&d, 4);
	assert_true(crm_funnel_days_mean(&d) == 5);
	assert_true(crm_funnel_days_median(&d) == 4);
	crm_funnel_days_add(&d, 7);
	assert_true(crm_funnel_days_median(&d) == 5.5);
	for (int i = 0; i < 1000; i++)
		crm_funnel_days_add(&d, 0.1);
	assert_true(fabs(crm_funnel_days_mean(&d) - 122.0 / 1004) < 1e-15);
	crm_funnel_days_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_rows_empty),
		cmocka_unit_test(test_days),
	};

	return cmocka_run_group_tests_name("crm_funnel", tests, NULL, NULL);
}
