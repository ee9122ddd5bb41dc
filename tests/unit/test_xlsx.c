/*
 * crm_xlsx: a workbook is written (a zip file) with one sheet per table;
 * a path that cannot be written fails with status 3 when the workbook
 * is closed.  What the cells hold is read back with openpyxl in
 * tests/cli/report.t.
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

#include "crm_xlsx.h"

static crm_table *
table_of(const char *csv)
{
	char in_path[] = "/tmp/test_xlsx.XXXXXX";
	char *paths[1] = { in_path };
	crm_csv_config cc = { 0 };
	crm_table_config tc = { 0 };
	crm_error err;
	crm_input *in;
	crm_table *t;
	FILE *fp;

	fp = fdopen(mkstemp(in_path), "w");
	fputs(csv, fp);
	fclose(fp);
	in = crm_input_open(paths, 1, &cc, false, &err);
	assert_non_null(in);
	tc.sample = 10;
	tc.head = ULONG_MAX;
	tc.decimals = -1;
	tc.digits = 3;
	t = crm_table_open(in, &tc, &err);
	unlink(in_path);
	assert_non_null(t);
	return t;
}

static void
test_workbook(void **state)
{
	crm_report_config rc = { .format = CRM_REPORT_XLSX, .as_of =
	    "2026-06-30", .head_option = "--head 1" };
	char out[] = "/tmp/test_xlsx_out.XXXXXX", magic[4];
	crm_error err;
	crm_xlsx *x;
	crm_table *t;
	FILE *fp;

	(void)state;
	close(mkstemp(out));
	x = crm_xlsx_begin(out, &rc, &err);
	assert_non_null(x);
	/* Twice the same heading, with characters Excel refuses. */
	for (int i = 0; i < 2; i++) {
		t = table_of("a,d\n=1,2026-01-01\n2,\n");
		assert_int_equal(crm_xlsx_table(x, t, "a/b: [c]", &err), 0);
		crm_table_close(t);
	}
	assert_int_equal(crm_xlsx_end(x, &err), 0);
	fp = fopen(out, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(magic, 1, 4, fp), 4);
	fclose(fp);
	unlink(out);
	assert_memory_equal(magic, "PK\x03\x04", 4);
}

static void
test_unwritable(void **state)
{
	crm_report_config rc = { .format = CRM_REPORT_XLSX, .as_of =
	    "2026-06-30" };
	crm_error err;
	crm_xlsx *x;

	(void)state;
	x = crm_xlsx_begin("/nonexistent-dir/x.xlsx", &rc, &err);
	if (x == NULL) {
		assert_int_equal(err.status, 3);
		return;
	}
	assert_int_equal(crm_xlsx_end(x, &err), -1);
	assert_int_equal(err.status, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workbook),
		cmocka_unit_test(test_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
