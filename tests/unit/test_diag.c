/*
 * Unit tests of crm_diag: messages and the quoting of field data in them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "crm_diag.h"

#define LIT(s) s, sizeof s - 1

static void
test_show_data(void **state)
{
	char buf[CRM_SHOW_BUF(200)];

	(void)state;
	/* printable bytes and UTF-8 pass as they are */
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("12x K\xC3\xB6ln"),
	    200), "12x K\xC3\xB6ln");
	/* control bytes are escaped: a NUL no longer ends the text, a line
	 * break no longer splits the message */
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("5\0x"), 200),
	    "5\\0x");
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("a\r\nb\tc"),
	    200), "a\\r\\nb\\tc");
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("\x01\x1F\x7F"),
	    200), "\\x01\\x1F\\x7F");
	assert_string_equal(crm_show_data(buf, sizeof buf, "", 0, 200), "");
	/* at most max bytes, then "..." */
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("abcdef"), 3),
	    "abc...");
	assert_string_equal(crm_show_data(buf, sizeof buf, LIT("abc"), 3),
	    "abc");
	/* a small buffer is never overrun and stays terminated */
	{
		char small[5];

		assert_string_equal(crm_show_data(small, sizeof small,
		    LIT("\n\n\n"), 200), "\\n\\n");
		assert_string_equal(crm_show_data(small, sizeof small,
		    LIT("abcdefgh"), 200), "abcd");
	}
}

static void
test_error_at(void **state)
{
	crm_error err;

	(void)state;
	assert_int_equal(crm_error_at(&err, CRM_EXIT_DATA, "a.csv", 12,
	    "column '%s' is empty", "cost"), -1);
	assert_int_equal(err.status, CRM_EXIT_DATA);
	assert_string_equal(err.msg, "a.csv:12: column 'cost' is empty");
	assert_int_equal(crm_error_at(&err, CRM_EXIT_IO, "<stdin>", 0,
	    "read error"), -1);
	assert_string_equal(err.msg, "<stdin>: read error");
	assert_int_equal(crm_error_set(NULL, 1, "x"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_data),
		cmocka_unit_test(test_error_at),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
