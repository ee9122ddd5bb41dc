/*
 * Unit tests of the sort spool (crm_sort): keys of several typed parts,
 * each ascending or descending, ties in the order written.
 */
#include <math.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crm_sort.h"

/* Sort the one-field records text[0..n) by keys v[i * nparts ...] and
 * return what comes out, each record ended by a newline. */
static char *
sorted(const crm_sort_part *key, size_t nparts, const char *const *text,
       const crm_sort_value *v, size_t n)
{
	crm_writer_config cfg = { .delimiter = ',' };
	char path[] = "/tmp/crm_test_sort-XXXXXX";
	int fd = mkstemp(path);
	crm_error err;
	crm_writer *out;
	crm_sort *s;
	char *buf = calloc(1, 4096);
	ssize_t got;

	cfg.numfmt.precision = -1;
	assert_true(fd >= 0);
	assert_non_null(s = crm_sort_open(&cfg, key, nparts, &err));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(crm_sort_key(s, v + i * nparts, &err), 0);
		assert_int_equal(crm_writer_field(crm_sort_writer(s), text[i],
		    strlen(text[i])), 0);
		assert_int_equal(crm_writer_end(crm_sort_writer(s)), 0);
	}
	assert_non_null(out = crm_writer_open(path, &cfg, &err));
	assert_int_equal(crm_sort_emit(s, out, &err), 0);
	assert_int_equal(crm_writer_close(out, &err), 0);
	close(fd);	/* the writer put a new file in its place */
	assert_true((fd = open(path, O_RDONLY)) >= 0);
	assert_true((got = read(fd, buf, 4095)) >= 0);
	close(fd);
	unlink(path);
	return buf;
}

static void
test_int_then_number_down(void **state)
{
	const crm_sort_part key[] = { { CRM_SORT_INT, false },
	    { CRM_SORT_NUM, true } };
	const char *text[] = { "a", "b", "c", "d", "e", "f" };
	const crm_sort_value v[] = { { .i = 2 }, { .num = 1 },
	    { .i = 1 }, { .num = -3 }, { .i = 2 }, { .num = 5 },
	    { .i = 1 }, { .num = 7 }, { .i = 2 }, { .num = 1 },
	    { .i = -4 }, { .num = 0 } };
	char *got = sorted(key, 2, text, v, 6);

	(void)state;
	/* -4; then 1 with 7 before -3; then 2 with 5, then a and e (tie,
	 * as written) */
	assert_string_equal(got, "f\nd\nb\nc\na\ne\n");
	free(got);
}

static void
test_numbers_nan_last(void **state)
{
	const crm_sort_part key[] = { { CRM_SORT_NUM, false } };
	const char *text[] = { "x", "y", "z", "w" };
	const crm_sort_value v[] = { { .num = NAN }, { .num = 2.5 },
	    { .num = -1e300 }, { .num = 2.5 } };
	char *got = sorted(key, 1, text, v, 4);

	(void)state;
	assert_string_equal(got, "z\ny\nw\nx\n");
	free(got);
}

static void
test_int_down_then_int(void **state)
{
	const crm_sort_part key[] = { { CRM_SORT_INT, true },
	    { CRM_SORT_INT, false } };
	const char *text[] = { "p", "q", "r", "s" };
	const crm_sort_value v[] = { { .i = 1 }, { .i = 9 }, { .i = 3 },
	    { .i = 0 }, { .i = 1 }, { .i = -9 }, { .i = 3 }, { .i = 0 } };
	char *got = sorted(key, 2, text, v, 4);

	(void)state;
	assert_string_equal(got, "q\ns\nr\np\n");
	free(got);
}

static void
test_no_records_and_bad_key(void **state)
{
	const crm_sort_part key[] = { { CRM_SORT_NUM, false } };
	crm_writer_config cfg = { .delimiter = ',' };
	crm_error err;
	char *got = sorted(key, 1, NULL, NULL, 0);

	(void)state;
	assert_string_equal(got, "");
	free(got);
	assert_null(crm_sort_open(&cfg, key, 0, &err));
	assert_int_equal(err.status, CRM_EXIT_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_then_number_down),
		cmocka_unit_test(test_numbers_nan_last),
		cmocka_unit_test(test_int_down_then_int),
		cmocka_unit_test(test_no_records_and_bad_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
