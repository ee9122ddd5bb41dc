/*
 * Unit tests of the rules table (crm_rules): parsing 'LABEL: CONDITION'
 * from options and files, FILE:LINE and --rule messages, first-wins
 * matching, no match, and a condition that cannot be decided.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crm_expr.h"
#include "crm_rules.h"

/* Columns r_score, f_score, m_score, name (as rfm's segment table). */
static char *names[] = { "r_score", "f_score", "m_score", "name" };
static size_t name_len[] = { 7, 7, 7, 4 };
static crm_header H = { 4, names, name_len, false };

/* A record of the four cells v[0..4). */
static void
make_record(crm_record *r, const char **f, size_t *len, const char *const *v)
{
	for (size_t i = 0; i < 4; i++) {
		f[i] = v[i];
		len[i] = strlen(v[i]);
	}
	r->n = 4;
	r->f = f;
	r->len = len;
	r->raw = "";
	r->rawlen = 0;
	r->line = 2;
}

/* A file of text; its path in buf (unlink it). */
static const char *
write_file(char *buf, const char *text)
{
	int fd;

	strcpy(buf, "/tmp/crm_test_rules-XXXXXX");
	assert_true((fd = mkstemp(buf)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return buf;
}

/* The label rules give the cells v, or NULL with why. */
static const char *
label_of(const crm_rules *rs, const char *r, const char *f, const char *m,
	 char *why, long *rc)
{
	const char *v[4] = { r, f, m, "x" }, *cf[4];
	size_t len[4];
	crm_record rec;

	make_record(&rec, cf, len, v);
	*rc = crm_rules_match(rs, &rec, why, 200);
	return *rc >= 0 ? crm_rules_label(rs, (size_t)*rc) : NULL;
}

static void
test_options_first_wins(void **state)
{
	crm_rules *rs = crm_rules_new();
	crm_error err;
	char why[200];
	long rc;

	(void)state;
	assert_int_equal(crm_rules_add(rs, "--rule",
	    "Champions: r_score >= 4 && f_score >= 4", &err), 0);
	assert_int_equal(crm_rules_add(rs, "--rule", " At risk :r_score<=2 ",
	    &err), 0);
	assert_int_equal(crm_rules_add(rs, "--rule", "Rest: 1", &err), 0);
	assert_int_equal(crm_rules_count(rs), 3);
	assert_string_equal(crm_rules_label(rs, 1), "At risk");
	assert_int_equal(crm_rules_compile(rs, &H, false, 0, &err), 0);
	assert_string_equal(label_of(rs, "5", "4", "1", why, &rc),
	    "Champions");
	/* r 1: both the second and third hold; the second wins */
	assert_string_equal(label_of(rs, "1", "5", "5", why, &rc), "At risk");
	assert_string_equal(label_of(rs, "3", "3", "3", why, &rc), "Rest");
	crm_rules_free(rs);
}

static void
test_malformed_option(void **state)
{
	crm_rules *rs = crm_rules_new();
	crm_error err;

	(void)state;
	assert_int_equal(crm_rules_add(rs, "--rule", "no colon", &err), -1);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg,
	    "--rule 'no colon': expected 'LABEL: CONDITION'");
	assert_int_equal(crm_rules_add(rs, "--rule", "  : x > 1", &err), -1);
	assert_int_equal(crm_rules_add(rs, "--rule", "L:  ", &err), -1);
	assert_int_equal(crm_rules_count(rs), 0);
	crm_rules_free(rs);
}

static void
test_file_and_lines(void **state)
{
	crm_rules *rs = crm_rules_new();
	char path[64], msg[256];
	crm_error err;
	char why[200];
	long rc;

	(void)state;
	write_file(path, "# segments\n\nTop: m_score == 5  # the best\n"
	    "Low: m_score < 2\n");
	assert_int_equal(crm_rules_read(rs, path, &err), 0);
	assert_int_equal(crm_rules_count(rs), 2);
	assert_int_equal(crm_rules_compile(rs, &H, false, 0, &err), 0);
	assert_string_equal(label_of(rs, "1", "1", "5", why, &rc), "Top");
	assert_null(label_of(rs, "1", "1", "3", why, &rc));
	assert_int_equal(rc, CRM_RULES_NONE);
	assert_string_equal(why, "no rule matches");
	crm_rules_free(rs);
	unlink(path);

	/* a malformed line is named with its number */
	rs = crm_rules_new();
	write_file(path, "A: r_score > 1\n# note\nB r_score\n");
	assert_int_equal(crm_rules_read(rs, path, &err), -1);
	snprintf(msg, sizeof msg, "%s:3: malformed rule (expected 'LABEL: "
	    "CONDITION')", path);
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	crm_rules_free(rs);
	unlink(path);

	/* a file without rules */
	rs = crm_rules_new();
	write_file(path, "# nothing\n\n");
	assert_int_equal(crm_rules_read(rs, path, &err), -1);
	snprintf(msg, sizeof msg, "%s: no rule in the file", path);
	assert_string_equal(err.msg, msg);
	crm_rules_free(rs);
	unlink(path);

	/* a missing file is an I/O error */
	rs = crm_rules_new();
	assert_int_equal(crm_rules_read(rs, path, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	crm_rules_free(rs);
}

static void
test_compile_errors_named(void **state)
{
	crm_rules *rs = crm_rules_new();
	char path[64], prefix[128];
	crm_error err;

	(void)state;
	write_file(path, "Ok: r_score > 1\nBad: nosuch > 1\n");
	assert_int_equal(crm_rules_read(rs, path, &err), 0);
	assert_int_equal(crm_rules_compile(rs, &H, false, 0, &err), -1);
	snprintf(prefix, sizeof prefix, "%s:2: ", path);
	assert_memory_equal(err.msg, prefix, strlen(prefix));
	assert_non_null(strstr(err.msg, "nosuch"));
	crm_rules_free(rs);
	unlink(path);

	rs = crm_rules_new();
	assert_int_equal(crm_rules_add(rs, "--rule", "X: f_score >", &err), 0);
	assert_int_equal(crm_rules_compile(rs, &H, false, 0, &err), -1);
	assert_memory_equal(err.msg, "--rule 'X: f_score >': ", 23);
	crm_rules_free(rs);
}

static void
test_undecided_condition(void **state)
{
	crm_rules *rs = crm_rules_new();
	crm_error err;
	char why[200];
	long rc;

	(void)state;
	assert_int_equal(crm_rules_add(rs, "--rule", "A: r_score + 1 > 3",
	    &err), 0);
	assert_int_equal(crm_rules_add(rs, "--rule", "B: 1", &err), 0);
	assert_int_equal(crm_rules_compile(rs, &H, false, 0, &err), 0);
	/* text where a number is needed: invalid, not the next rule */
	assert_null(label_of(rs, "abc", "1", "1", why, &rc));
	assert_int_equal(rc, CRM_RULES_INVALID);
	assert_non_null(strstr(why, "r_score"));
	/* an empty cell is missing: the condition does not hold */
	assert_string_equal(label_of(rs, "", "1", "1", why, &rc), "B");
	assert_string_equal(label_of(rs, "3", "1", "1", why, &rc), "A");
	crm_rules_free(rs);
}

/* Rules compiled with CRM_EXPR_CHECK_TEXT: a column compared as text
 * must be UTF-8; without, its bytes are compared as they are. */
static crm_rules *
sued_rules(unsigned flags)
{
	crm_rules *rs = crm_rules_new();
	crm_error err;

	assert_int_equal(crm_rules_add(rs, "--rule", "S: r_score == \"S\xC3\xBC" "d\"",
	    &err), 0);
	assert_int_equal(crm_rules_add(rs, "--rule", "B: 1", &err), 0);
	assert_int_equal(crm_rules_compile(rs, &H, false, flags, &err), 0);
	return rs;
}

static void
test_text_checked(void **state)
{
	crm_rules *rs = sued_rules(0);
	char why[200];
	long rc;

	(void)state;
	assert_string_equal(label_of(rs, "S\xFC" "d", "1", "1", why, &rc), "B");
	crm_rules_free(rs);
	rs = sued_rules(CRM_EXPR_CHECK_TEXT);
	assert_string_equal(label_of(rs, "S\xC3\xBC" "d", "1", "1", why, &rc),
	    "S");
	assert_string_equal(label_of(rs, "Nord", "1", "1", why, &rc), "B");
	assert_null(label_of(rs, "S\xFC" "d", "1", "1", why, &rc));
	assert_int_equal(rc, CRM_RULES_INVALID);
	assert_string_equal(why, "column 'r_score': invalid UTF-8 (byte 0xFC); "
	    "is the file cp1252? try --encoding cp1252");
	/* a number compared with a number is no text */
	assert_string_equal(label_of(rs, "5", "1", "1", why, &rc), "B");
	crm_rules_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_first_wins),
		cmocka_unit_test(test_malformed_option),
		cmocka_unit_test(test_file_and_lines),
		cmocka_unit_test(test_compile_errors_named),
		cmocka_unit_test(test_undecided_condition),
		cmocka_unit_test(test_text_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
