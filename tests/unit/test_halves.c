/*
 * Split reading (crm_input_split) and the two-thread aggregation built on
 * it (crm_group_read): the records of the two halves, when they join, are
 * exactly the records of one pass; when a quoted line break spans the
 * middle they do not join and the first half reads on; an invalid row in
 * the second half reaches the caller in order, with its true line.
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

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_expr.h"
#include "crm_group.h"

static char path[] = "/tmp/crm_test_halves-XXXXXX";

/* A growing string. */
struct sbuf {
	char *s;
	size_t n, cap;
};

static void
sb_add(struct sbuf *b, const char *s)
{
	size_t k = strlen(s);

	if (b->cap - b->n <= k) {
		while (b->cap - b->n <= k)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, s, k + 1);
	b->n += k;
}

/*
 * rows data rows of "id,g,v,note" (about 30 bytes each); the row numbered
 * special (if not 0) gets note instead of its usual one and v instead of
 * its usual value (if not NULL).
 */
static void
write_table(size_t rows, size_t special, const char *note, const char *v)
{
	struct sbuf b = { NULL, 0, 0 };
	char line[128];
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	sb_add(&b, "id,g,v,note\n");
	for (size_t i = 1; i <= rows; i++) {
		if (i == special)
			snprintf(line, sizeof line, "%zu,g%zu,%s,", i, i % 7,
			    v != NULL ? v : "1");
		else
			snprintf(line, sizeof line, "%zu,g%zu,%zu,plain ", i,
			    i % 7, i % 1000);
		sb_add(&b, line);
		sb_add(&b, i == special ? note : "text");
		sb_add(&b, "\n");
	}
	assert_int_equal(fwrite(b.s, 1, b.n, fp), b.n);
	assert_int_equal(fclose(fp), 0);
	free(b.s);
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	strcpy(path, "/tmp/crm_test_halves-XXXXXX");
	return 0;
}

static crm_input *
open_input(bool two_pass)
{
	char *const paths[] = { path };
	crm_csv_config cfg = { .delimiter = 0 };
	crm_error err;
	crm_input *in = crm_input_open(paths, 1, &cfg, two_pass, &err);

	assert_non_null(in);
	return in;
}

/* A digest of a record: its line, fields and raw bytes, in a string. */
static void
digest(struct sbuf *b, const crm_record *rec, bool lines)
{
	char num[32];

	if (lines) {
		snprintf(num, sizeof num, "%lu:", rec->line);
		sb_add(b, num);
	}
	for (size_t i = 0; i < rec->n; i++) {
		char *f = strndup(rec->f[i], rec->len[i]);

		sb_add(b, f);
		sb_add(b, "|");
		free(f);
	}
	sb_add(b, "\n");
}

/* Every record of in, in order, until read returns 0 (asserted). */
static size_t
read_all(crm_input *in, struct sbuf *b, bool lines)
{
	crm_record rec;
	crm_error err;
	size_t n = 0;
	int rc;

	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		digest(b, &rec, lines);
		n++;
	}
	assert_int_equal(rc, 0);
	return n;
}

static void
one_pass(struct sbuf *b)
{
	crm_input *in;

	setenv("CRMKIT_THREADS", "1", 1);
	in = open_input(false);
	read_all(in, b, true);
	crm_input_close(in);
	unsetenv("CRMKIT_THREADS");
}

/* The records of one pass in *want, then in and its second half b. */
static void
split_input(bool two_pass, struct sbuf *want, crm_input **in, crm_input **b)
{
	one_pass(want);
	*in = open_input(two_pass);
	*b = crm_input_split(*in, 0);
	assert_non_null(*b);
}

static void
test_halves_join(void **state)
{
	struct sbuf want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	crm_input *in, *b;
	size_t na, nb;

	(void)state;
	write_table(200000, 0, NULL, NULL);
	split_input(false, &want, &in, &b);
	na = read_all(in, &got, true);
	assert_int_equal(crm_input_read(in, &(crm_record){ 0 }, NULL), 0);
	nb = read_all(b, &got, false);
	assert_true(na > 50000 && nb > 50000);
	assert_true(crm_input_split_joins(in, b));
	/* the first half with lines, the second without: compare the
	 * first half's part with lines, the rest by fields */
	{
		struct sbuf w2 = { NULL, 0, 0 };
		crm_input *s;

		setenv("CRMKIT_THREADS", "1", 1);
		s = open_input(false);
		for (size_t i = 0; i < na + nb; i++) {
			crm_record rec;

			assert_int_equal(crm_input_read(s, &rec, NULL), 1);
			digest(&w2, &rec, i < na);
		}
		assert_int_equal(crm_input_read(s, &(crm_record){ 0 }, NULL),
		    0);
		crm_input_close(s);
		unsetenv("CRMKIT_THREADS");
		assert_string_equal(got.s, w2.s);
		free(w2.s);
	}
	crm_input_close(b);
	crm_input_close(in);
	free(want.s);
	free(got.s);
}

/* A quoted field of many lines across the middle: the halves do not
 * join; the first half, told to read on, gives the rest of one pass. */
static void
test_halves_quoted_span(void **state)
{
	struct sbuf want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	struct sbuf note = { NULL, 0, 0 };
	crm_input *in, *b;

	(void)state;
	sb_add(&note, "\"");
	for (int i = 0; i < 40000; i++)
		sb_add(&note, "a line, inside quotes\n");
	sb_add(&note, "\"");
	write_table(20000, 10000, note.s, NULL);
	split_input(false, &want, &in, &b);
	read_all(in, &got, true);
	{
		struct sbuf junk = { NULL, 0, 0 };
		crm_record rec;

		/* the second half may meet anything: it began in quotes */
		while (crm_input_read(b, &rec, NULL) > 0)
			digest(&junk, &rec, false);
		free(junk.s);
	}
	assert_false(crm_input_split_joins(in, b));
	crm_input_unsplit(in);
	read_all(in, &got, true);
	assert_string_equal(got.s, want.s);
	crm_input_close(b);
	crm_input_close(in);
	free(want.s);
	free(got.s);
	free(note.s);
}

/* After a split first pass, a rewind reads the whole input again. */
static void
test_halves_rewind(void **state)
{
	struct sbuf want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	crm_input *in, *b;
	crm_error err;

	(void)state;
	write_table(150000, 0, NULL, NULL);
	split_input(true, &want, &in, &b);
	read_all(in, &got, true);
	free(got.s);
	got = (struct sbuf){ NULL, 0, 0 };
	assert_int_equal(crm_input_rewind(in, &err), 0);
	read_all(in, &got, true);
	assert_string_equal(got.s, want.s);
	crm_input_close(b);
	crm_input_close(in);
	free(want.s);
	free(got.s);
}

/* No split: below min_bytes, several operands, after reading began, or
 * a second time. */
static void
test_halves_refused(void **state)
{
	char *const two[] = { path, path };
	crm_csv_config cfg = { .delimiter = 0 };
	crm_record rec;
	crm_error err;
	crm_input *in, *b;

	(void)state;
	write_table(100000, 0, NULL, NULL);
	in = open_input(false);
	assert_null(crm_input_split(in, 1 << 30));
	crm_input_close(in);
	in = crm_input_open(two, 2, &cfg, false, &err);
	assert_non_null(in);
	assert_null(crm_input_split(in, 0));
	crm_input_close(in);
	in = open_input(false);
	assert_int_equal(crm_input_read(in, &rec, &err), 1);
	assert_null(crm_input_split(in, 0));
	crm_input_close(in);
	in = open_input(false);
	b = crm_input_split(in, 0);
	assert_non_null(b);
	assert_null(crm_input_split(in, 0));
	crm_input_close(b);
	crm_input_close(in);
}

struct invalid_log {
	struct sbuf b;
	size_t calls;
};

static void
log_invalid(void *ctx, const crm_record *rec, const char *why)
{
	struct invalid_log *log = ctx;
	char line[64];

	snprintf(line, sizeof line, "%lu ", rec->line);
	sb_add(&log->b, line);
	sb_add(&log->b, why);
	log->calls++;
}

/* sum(v) by g with CRMKIT_THREADS as given; the invalid rows logged. */
static char *
sums(const char *threads, struct invalid_log *log, unsigned long *rows)
{
	struct sbuf out = { NULL, 0, 0 };
	crm_input *in;
	crm_expr *e;
	crm_group *g;
	crm_error err;
	crm_value v;
	char num[64];

	setenv("CRMKIT_THREADS", threads, 1);
	in = open_input(false);
	e = crm_expr_compile("sum(v)", crm_input_header(in), false,
	    CRM_EXPR_AGGREGATES, &err);
	assert_non_null(e);
	g = crm_group_new(crm_input_header(in), (long[]){ 1 }, 1);
	crm_group_add_metric(g, e);
	*rows = 0;
	assert_int_equal(crm_group_read(g, in, log_invalid, log, rows, &err),
	    0);
	for (size_t i = 0; i < crm_group_count(g); i++) {
		size_t len;
		const char *cell = crm_group_cell(g, i, 0, &len);

		crm_group_values(g, i, &v);
		snprintf(num, sizeof num, "%.*s=%.17g\n", (int)len, cell,
		    v.num);
		sb_add(&out, num);
	}
	crm_group_free(g);
	crm_expr_free(e);
	crm_input_close(in);
	unsetenv("CRMKIT_THREADS");
	return out.s;
}

static void
test_group_read_halves(void **state)
{
	struct invalid_log l1 = { { NULL, 0, 0 }, 0 }, l2 = { { NULL, 0, 0 },
	    0 };
	unsigned long r1, r2;
	char *s1, *s2;

	(void)state;
	/* an invalid value at three quarters: in the second half */
	write_table(300000, 225000, "x", "abc");
	s1 = sums("1", &l1, &r1);
	s2 = sums("2", &l2, &r2);
	assert_int_equal(r1, 300000);
	assert_int_equal(r2, 300000);
	assert_int_equal(l1.calls, 1);
	assert_int_equal(l2.calls, 1);
	assert_string_equal(l1.b.s, l2.b.s);
	assert_true(strncmp(l2.b.s, "225001 ", 7) == 0);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	free(l1.b.s);
	free(l2.b.s);
	unlink(path);
	strcpy(path, "/tmp/crm_test_halves-XXXXXX");

	/* all valid: the halves join and merge */
	l1 = (struct invalid_log){ { NULL, 0, 0 }, 0 };
	l2 = l1;
	write_table(300000, 0, NULL, NULL);
	s1 = sums("1", &l1, &r1);
	s2 = sums("2", &l2, &r2);
	assert_int_equal(r1, 300000);
	assert_int_equal(r2, 300000);
	assert_int_equal(l2.calls, 0);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_halves_join, teardown),
		cmocka_unit_test_teardown(test_halves_quoted_span, teardown),
		cmocka_unit_test_teardown(test_halves_rewind, teardown),
		cmocka_unit_test_teardown(test_halves_refused, teardown),
		cmocka_unit_test_teardown(test_group_read_halves, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
