/* Unit tests of crm_thresholds: the saved thresholds of a run. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_thresholds.h"

static char dir[] = "/tmp/test_thresholds.XXXXXX";
static char path[64];

static void
put(const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static char *
slurp(void)
{
	static char buf[1024];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Written with 17 digits and read back as the very same doubles; an
 * expression with commas and quotes survives the CSV. */
static void
test_round_trip(void **state)
{
	crm_thresholds t, u;
	const crm_threshold *r;
	crm_error err;

	(void)state;
	crm_thresholds_init(&t, path);
	crm_thresholds_add(&t, "quadrant", "--x-split", "max(a, \"b\")/3",
	    "median", 0.1 + 0.2);
	crm_thresholds_add(&t, "quadrant", "--y-split", "y", "p90", NAN);
	crm_thresholds_add(&t, "segment", "--bins", "v", "cut1", -0.0);
	assert_int_equal(crm_thresholds_write(&t, &err), 0);
	assert_string_equal(slurp(),
	    "tool,measure,expression,split,threshold\n"
	    "quadrant,--x-split,\"max(a, \"\"b\"\")/3\",median,"
	    "0.30000000000000004\n"
	    "quadrant,--y-split,y,p90,\n"
	    "segment,--bins,v,cut1,0\n");
	crm_thresholds_init(&u, path);
	assert_int_equal(crm_thresholds_read(&u, &err), 0);
	assert_int_equal(u.n, 3);
	r = crm_thresholds_find(&u, "quadrant", "--x-split", NULL, &err);
	assert_non_null(r);
	assert_true(r->threshold == 0.1 + 0.2);
	assert_string_equal(r->expression, "max(a, \"b\")/3");
	assert_int_equal(r->line, 2);
	r = crm_thresholds_find(&u, "quadrant", "--y-split", NULL, &err);
	assert_true(isnan(r->threshold));
	r = crm_thresholds_find(&u, "segment", "--bins", "cut1", &err);
	assert_non_null(r);
	assert_true(r->threshold == 0);
	crm_thresholds_free(&t);
	crm_thresholds_free(&u);
}

static void
test_find_errors(void **state)
{
	crm_thresholds t;
	crm_error err;

	(void)state;
	crm_thresholds_init(&t, "t.csv");
	crm_thresholds_add(&t, "quadrant", "--x-split", "x", "median", 1);
	assert_null(crm_thresholds_find(&t, "quadrant", "--y-split", NULL,
	    &err));
	assert_int_equal(err.status, 1);
	assert_string_equal(err.msg,
	    "t.csv: no threshold for --y-split of quadrant");
	assert_null(crm_thresholds_find(&t, "prioritize", "--value-split",
	    NULL, &err));
	assert_string_equal(err.msg,
	    "t.csv: thresholds of quadrant, not of prioritize");
	crm_thresholds_add(&t, "segment", "--bins", "v", "cut1", 1);
	assert_null(crm_thresholds_find(&t, "segment", "--bins", "cut2",
	    &err));
	assert_string_equal(err.msg,
	    "t.csv: no threshold for --bins cut2 of segment");
	crm_thresholds_free(&t);
}

static void
test_read_errors(void **state)
{
	crm_thresholds t;
	crm_error err;

	(void)state;
	put("tool,measure,expression,split,threshold\n"
	    "quadrant,--x-split,x,median,1.5\n"
	    "quadrant,--y-split,y,median,1.5x\n");
	crm_thresholds_init(&t, path);
	assert_int_equal(crm_thresholds_read(&t, &err), -1);
	assert_int_equal(err.status, 1);
	assert_non_null(strstr(err.msg, ":3: threshold \"1.5x\" is not a "
	    "number"));
	crm_thresholds_free(&t);

	put("tool,measure,split,threshold\nquadrant,--x-split,median,1\n");
	crm_thresholds_init(&t, path);
	assert_int_equal(crm_thresholds_read(&t, &err), -1);
	assert_int_equal(err.status, 1);
	assert_non_null(strstr(err.msg, ":1: not a thresholds file"));
	crm_thresholds_free(&t);

	crm_thresholds_init(&t, "/nonexistent/t.csv");
	assert_int_equal(crm_thresholds_read(&t, &err), -1);
	assert_int_equal(err.status, 3);
	crm_thresholds_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_find_errors),
		cmocka_unit_test(test_read_errors),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/t.csv", dir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	rmdir(dir);
	return rc;
}
