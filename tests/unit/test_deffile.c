/*
 * crm_deffile: BOM, CRLF, comments outside strings and braces, blank
 * lines, line numbers, errors; finding a shipped file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crm_deffile.h"

static char dir[1024];

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/crm_deffile_XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[1100];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
write_file(const char *name, const char *text)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *fp;

	sprintf(path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_lines(void **state)
{
	char *path = write_file("a.metrics",
	    "\xef\xbb\xbf# a comment\r\n"
	    "  a = sum(x)   # trailing\r\n"
	    "\r\n"
	    "b: s == \"#1\" # not the first #\n"
	    "\t \n"
	    "c = {col # 2} + 1\n"
	    "d = \"say \\\"#\\\"\"\n"
	    "e = x");
	static const char *const want[] = {
		"a = sum(x)", "b: s == \"#1\"", "c = {col # 2} + 1",
		"d = \"say \\\"#\\\"\"", "e = x"
	};
	static const unsigned long lines[] = { 2, 4, 6, 7, 8 };
	crm_error err;
	crm_deffile *f = crm_deffile_open(path, &err);
	unsigned long line;
	char *text;
	size_t len, n = 0;

	(void)state;
	assert_non_null(f);
	assert_string_equal(crm_deffile_path(f), path);
	while (crm_deffile_next(f, &text, &len, &line, &err) > 0) {
		assert_true(n < 5);
		assert_string_equal(text, want[n]);
		assert_int_equal(len, strlen(want[n]));
		assert_int_equal(line, lines[n]);
		n++;
	}
	assert_int_equal(n, 5);
	assert_int_equal(crm_deffile_next(f, &text, &len, &line, &err), 0);
	crm_deffile_close(f);
	free(path);
}

static void
test_errors(void **state)
{
	crm_error err;
	char *path = malloc(strlen(dir) + 16);
	crm_deffile *f;
	unsigned long line;
	char *text;
	size_t len;

	(void)state;
	sprintf(path, "%s/missing", dir);
	assert_null(crm_deffile_open(path, &err));
	assert_int_equal(err.status, 3);
	assert_non_null(strstr(err.msg, "No such file or directory"));
	/* A directory opens but does not read. */
	f = crm_deffile_open(dir, &err);
	if (f != NULL) {
		assert_int_equal(crm_deffile_next(f, &text, &len, &line, &err),
		    -1);
		assert_int_equal(err.status, 3);
		assert_non_null(strstr(err.msg, "read error"));
		crm_deffile_close(f);
	}
	free(path);
}

static void
test_find(void **state)
{
	char *path = write_file("mine.metrics", "n = count()\n"), *found;
	crm_error err;

	(void)state;
	setenv("CRMKIT_SHARE", dir, 1);
	found = crm_deffile_find("mine", "metrics", &err);
	assert_non_null(found);
	assert_string_equal(found, path);
	free(found);
	assert_null(crm_deffile_find("other", "metrics", &err));
	assert_int_equal(err.status, 2);
	assert_true(strncmp(err.msg, "no other.metrics in ", 20) == 0);
	assert_non_null(strstr(err.msg, dir));
	assert_false(crm_deffile_is_name("../etc/passwd"));
	assert_false(crm_deffile_is_name(""));
	assert_true(crm_deffile_is_name("steering-2_b"));
	assert_null(crm_deffile_find("../mine", "metrics", &err));
	assert_int_equal(err.status, 2);
	unsetenv("CRMKIT_SHARE");
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
