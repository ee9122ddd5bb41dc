/*
 * crm_table: column types, decimals and grouping decided on the sample,
 * rows after the sample streamed, rows after head counted, dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crm_table.h"

static char path[64];

static crm_table *
table_of(const char *csv, size_t sample, unsigned long head, char **pct,
	 size_t npct)
{
	crm_csv_config cc = { 0 };
	crm_table_config tc = { 0 };
	char *paths[1] = { path };
	crm_error err;
	crm_input *in;
	crm_table *t;
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_table.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(csv, fp);
	fclose(fp);
	in = crm_input_open(paths, 1, &cc, false, &err);
	assert_non_null(in);
	tc.sample = sample;
	tc.head = head;
	tc.percent = pct;
	tc.npercent = npct;
	tc.decimals = -1;
	tc.digits = 3;
	t = crm_table_open(in, &tc, &err);
	unlink(path);
	assert_non_null(t);
	return t;
}

static void
test_types(void **state)
{
	crm_table *t = table_of("name,n,when,amount,code,mixed,empty\n"
	    "a,1,2026-01-31,1.5,007,1,\n"
	    "b,22,,-2.25,010,x,\n"
	    "c,,2024-02-29,1e3,9,2,\n", 10, ULONG_MAX, NULL, 0);

	(void)state;
	assert_int_equal(crm_table_ncols(t), 7);
	assert_int_equal(crm_table_col(t, 0)->type, CRM_TABLE_TEXT);
	assert_int_equal(crm_table_col(t, 1)->type, CRM_TABLE_NUMBER);
	assert_int_equal(crm_table_col(t, 1)->decimals, 0);
	assert_int_equal(crm_table_col(t, 2)->type, CRM_TABLE_DATE);
	/* 1.5, -2.25 and 1000 need 1, 2 and 0 decimals at 3 digits. */
	assert_int_equal(crm_table_col(t, 3)->type, CRM_TABLE_NUMBER);
	assert_int_equal(crm_table_col(t, 3)->decimals, 2);
	assert_int_equal(crm_table_col(t, 4)->type, CRM_TABLE_TEXT);
	assert_int_equal(crm_table_col(t, 5)->type, CRM_TABLE_TEXT);
	assert_int_equal(crm_table_col(t, 6)->type, CRM_TABLE_TEXT);
	assert_int_equal(crm_table_nsample(t), 3);
	assert_true(crm_table_sample(t, 2)[3].is_num);
	assert_true(crm_table_sample(t, 2)[3].num == 1000);
	assert_false(crm_table_sample(t, 2)[1].is_num);	/* empty */
	assert_true(crm_table_complete(t));	/* 3 rows, sample 10 */
	crm_table_close(t);
}

static void
test_decimals(void **state)
{
	char *pct[] = { "s*" };
	/* One tiny value does not give a column of millions six decimals:
	 * at most two more than its largest value (1234567: 0) needs. */
	crm_table *t = table_of("m,share,pct,year_id\n"
	    "1234567.5,0.125,12%,2026\n0.000123,0.5,50%,2027\n", 10,
	    ULONG_MAX, pct, 1);

	(void)state;
	assert_int_equal(crm_table_col(t, 0)->decimals, 2);
	assert_false(crm_table_col(t, 0)->plain);
	/* Percent: 12.5 and 50, one decimal at most. */
	assert_true(crm_table_col(t, 1)->percent);
	assert_int_equal(crm_table_col(t, 1)->decimals, 1);
	/* Cells written with % make a percent column: 12 and 50. */
	assert_true(crm_table_col(t, 2)->percent);
	assert_int_equal(crm_table_col(t, 2)->decimals, 0);
	assert_true(crm_table_col(t, 3)->plain);
	crm_table_close(t);
}

static void
test_stream_and_head(void **state)
{
	const crm_table_cell *c;
	crm_error err;
	crm_table *t = table_of("v\n1\n2\nx\n4\n5\n6\n", 2, 4, NULL, 0);
	int n = 0;

	(void)state;
	assert_int_equal(crm_table_nsample(t), 2);
	assert_false(crm_table_complete(t));	/* head 4 > sample 2 */
	assert_int_equal(crm_table_col(t, 0)->type, CRM_TABLE_NUMBER);
	while (crm_table_next(t, &c, &err) == 1) {
		n++;
		/* Row 3 came after the sample: "x" is no number there. */
		assert_int_equal(c[0].is_num, n != 3);
		if (n == 4)
			assert_true(c[0].num == 4);
	}
	assert_int_equal(n, 4);
	assert_int_equal(crm_table_shown(t), 4);
	assert_int_equal(crm_table_left_out(t), 2);
	crm_table_close(t);
}

static void
test_columns_unknown(void **state)
{
	crm_csv_config cc = { 0 };
	crm_table_config tc = { 0 };
	char *cols[] = { "b", "zz" }, *paths[1] = { path };
	crm_error err;
	crm_input *in;
	FILE *fp;
	int fd;

	(void)state;
	strcpy(path, "/tmp/test_table.XXXXXX");
	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fputs("a,b\n1,2\n", fp);
	fclose(fp);
	in = crm_input_open(paths, 1, &cc, false, &err);
	assert_non_null(in);
	tc.columns = cols;
	tc.ncolumns = 2;
	tc.sample = 10;
	tc.head = ULONG_MAX;
	assert_null(crm_table_open(in, &tc, &err));
	unlink(path);
	assert_int_equal(err.status, 2);
	assert_non_null(strstr(err.msg, "unknown column 'zz'"));
}

static void
test_dates(void **state)
{
	long d;

	(void)state;
	assert_true(crm_table_date("1970-01-01", 10, &d));
	assert_int_equal(d, 0);
	assert_true(crm_table_date("2000-03-01", 10, &d));
	assert_int_equal(d, 11017);	/* 10957 + 31 + 29 */
	assert_true(crm_table_date("1969-12-31", 10, &d));
	assert_int_equal(d, -1);
	assert_true(crm_table_date("2024-02-29", 10, NULL));
	assert_true(crm_table_date("2000-02-29", 10, NULL));
	assert_false(crm_table_date("2023-02-29", 10, NULL));
	assert_false(crm_table_date("1900-02-29", 10, NULL));
	assert_false(crm_table_date("2026-13-01", 10, NULL));
	assert_false(crm_table_date("2026-04-31", 10, NULL));
	assert_false(crm_table_date("2026-4-30", 9, NULL));
	assert_false(crm_table_date("2026-04-3x", 10, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_stream_and_head),
		cmocka_unit_test(test_columns_unknown),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
