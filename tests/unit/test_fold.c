/*
 * Unit tests of the set of groups (crm_fold_set): a state the caller
 * defines (here a row count and a sum), invalid records that count
 * nowhere, merging, absorbing, the output orders and the total.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <unistd.h>

#include "crm_fold.h"
#include "crm_input.h"
#include "crm_num.h"

struct tally {
	unsigned long n;
	double sum;
	int *owned;		/* something a state owns: freed by free */
};

static int frees;

static void
t_init(void *ctx, void *state)
{
	struct tally *t = state;

	(void)ctx;
	t->n = 0;
	t->sum = 0;
	t->owned = malloc(sizeof *t->owned);
}

/* Column 1 must be a number, else the record is invalid. */
static int
t_add(void *ctx, void *scratch, void *state, const crm_record *rec,
      char *why, size_t cap)
{
	struct tally *t = state;
	double x;

	(void)ctx;
	(void)scratch;
	if (crm_num_parse(rec->f[1], rec->len[1], false, &x) != CRM_NUM_OK) {
		snprintf(why, cap, "not a number");
		return -1;
	}
	t->n++;
	t->sum += x;
	return 0;
}

static void
t_merge(void *ctx, void *into, const void *from)
{
	struct tally *a = into;
	const struct tally *b = from;

	(void)ctx;
	a->n += b->n;
	a->sum += b->sum;
}

static void
t_free(void *ctx, void *state)
{
	struct tally *t = state;

	(void)ctx;
	free(t->owned);
	frees++;
}

static const crm_fold_ops ops = { sizeof(struct tally), 0, true, false, NULL,
    t_init, t_add, t_merge, t_free, NULL, NULL, NULL };

/* Add the record "key,value". */
static int
add(crm_fold_set *s, const char *key, const char *value)
{
	const char *f[2] = { key, value };
	size_t len[2] = { strlen(key), strlen(value) };
	crm_record rec = { 2, f, len, "", 0, 1 };
	char why[64];

	return crm_fold_set_add(s, &rec, why, sizeof why);
}

static const struct tally *
tally_of(crm_fold_set *s, size_t i)
{
	return crm_fold_set_state(s, i);
}

static const char *
key_of(crm_fold_set *s, size_t i)
{
	static char buf[64];
	size_t len;
	const char *k = crm_fold_set_cell(s, i, 0, &len);

	snprintf(buf, sizeof buf, "%.*s", (int)len, k);
	return buf;
}

static void
test_groups_first_seen_invalid_nowhere(void **state)
{
	const long keys[1] = { 0 };
	crm_fold_set *s = crm_fold_set_new(&ops, keys, 1);

	(void)state;
	frees = 0;
	assert_int_equal(add(s, "b", "1"), 0);
	assert_int_equal(add(s, "x", "oops"), -1);	/* no group x */
	assert_int_equal(add(s, "a", "2"), 0);
	assert_int_equal(add(s, "b", "4"), 0);
	assert_int_equal(add(s, "b", "bad"), -1);	/* b unchanged */
	assert_int_equal(crm_fold_set_count(s), 2);
	assert_int_equal(frees, 1);	/* the state tried for x */
	assert_string_equal(key_of(s, 0), "b");
	assert_int_equal(tally_of(s, 0)->n, 2);
	assert_true(tally_of(s, 0)->sum == 5);
	assert_string_equal(key_of(s, 1), "a");
	crm_fold_set_free(s);
	assert_int_equal(frees, 3);
}

/* With crm_fold_set_check_text a new key that is not UTF-8 makes its
 * record invalid, naming the column; a set made like it checks too. */
static void
test_key_text_checked(void **state)
{
	static char *names[] = { "rep", "v" };
	static size_t nlen[] = { 3, 1 };
	static const crm_header h = { 2, names, nlen, false };
	const long keys[1] = { 0 };
	crm_fold_set *s = crm_fold_set_new(&ops, keys, 1);
	crm_fold_set *t;
	const char *f[2] = { "M\xE4rz", "1" };
	size_t len[2] = { 4, 1 };
	crm_record rec = { 2, f, len, "", 0, 1 };
	char why[128];

	(void)state;
	assert_int_equal(add(s, "M\xE4rz", "1"), 0);	/* unchecked */
	crm_fold_set_free(s);
	s = crm_fold_set_new(&ops, keys, 1);
	crm_fold_set_check_text(s, &h);
	assert_int_equal(add(s, "M\xC3\xA4rz", "1"), 0);
	assert_int_equal(crm_fold_set_add(s, &rec, why, sizeof why), -1);
	assert_string_equal(why, "column 'rep': invalid UTF-8 (byte 0xE4); "
	    "is the file cp1252? try --encoding cp1252");
	assert_int_equal(crm_fold_set_count(s), 1);
	t = crm_fold_set_new_like(s);
	assert_int_equal(crm_fold_set_add(t, &rec, why, sizeof why), -1);
	crm_fold_set_free(t);
	crm_fold_set_free(s);
}

static void
test_no_keys_one_group(void **state)
{
	crm_fold_set *s = crm_fold_set_new(&ops, NULL, 0);

	(void)state;
	assert_int_equal(crm_fold_set_count(s), 1);	/* before any row */
	assert_int_equal(tally_of(s, 0)->n, 0);
	assert_int_equal(add(s, "p", "3"), 0);
	assert_int_equal(add(s, "q", "4"), 0);
	assert_int_equal(crm_fold_set_count(s), 1);
	assert_true(tally_of(s, 0)->sum == 7);
	crm_fold_set_free(s);
}

/* Descending by sum. */
static int
by_sum_down(void *ctx, crm_fold_set *s, size_t a, size_t b)
{
	double x = tally_of(s, a)->sum, y = tally_of(s, b)->sum;

	(void)ctx;
	return (x < y) - (x > y);
}

static void
test_orders(void **state)
{
	const long keys[1] = { 0 };
	crm_fold_set *s = crm_fold_set_new(&ops, keys, 1);
	const char *k[] = { "pear", "apple", "fig", "apple2", "ap" };
	const char *v[] = { "5", "1", "5", "9", "2" };
	const size_t *o;

	(void)state;
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(add(s, k[i], v[i]), 0);
	o = crm_fold_set_order(s, CRM_FOLD_FIRST_SEEN, NULL, NULL);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(o[i], i);
	/* byte order: "ap" < "apple" < "apple2" < "fig" < "pear" */
	o = crm_fold_set_order(s, CRM_FOLD_BY_KEY, NULL, NULL);
	assert_int_equal(o[0], 4);
	assert_int_equal(o[1], 1);
	assert_int_equal(o[2], 3);
	assert_int_equal(o[3], 2);
	assert_int_equal(o[4], 0);
	/* sums 9, then the tie 5 (pear, fig: first-seen), 2, 1 */
	o = crm_fold_set_order(s, CRM_FOLD_BY_COMPARE, by_sum_down, NULL);
	assert_int_equal(o[0], 3);
	assert_int_equal(o[1], 0);
	assert_int_equal(o[2], 2);
	assert_int_equal(o[3], 4);
	assert_int_equal(o[4], 1);
	crm_fold_set_free(s);
}

static void
test_merge_absorb_total(void **state)
{
	const long keys[1] = { 0 };
	crm_fold_set *s = crm_fold_set_new(&ops, keys, 1);
	crm_fold_set *t = crm_fold_set_new_like(s);
	struct tally extra;
	const struct tally *all;

	(void)state;
	assert_int_equal(add(s, "a", "1"), 0);
	assert_int_equal(add(s, "b", "2"), 0);
	assert_int_equal(add(t, "c", "10"), 0);
	assert_int_equal(add(t, "a", "20"), 0);
	crm_fold_set_merge(s, t);
	crm_fold_set_free(t);
	assert_int_equal(crm_fold_set_count(s), 3);
	assert_string_equal(key_of(s, 2), "c");	/* appended */
	assert_true(tally_of(s, 0)->sum == 21);
	assert_int_equal(tally_of(s, 0)->n, 2);
	/* a state read back (kpi --merge): into b, then a new key d */
	t_init(NULL, &extra);
	extra.n = 3;
	extra.sum = 30;
	assert_int_equal(crm_fold_set_absorb(s, "b", 1, &extra), 1);
	assert_true(tally_of(s, 1)->sum == 32);
	t_init(NULL, &extra);
	extra.n = 1;
	extra.sum = 100;
	assert_int_equal(crm_fold_set_absorb(s, "d", 1, &extra), 3);
	all = crm_fold_set_total(s);
	assert_int_equal(all->n, 2 + 4 + 1 + 1);
	assert_true(all->sum == 21 + 32 + 10 + 100);
	crm_fold_set_free(s);
}

static void
test_two_key_cells(void **state)
{
	const long keys[2] = { 1, 0 };	/* value column, then key column */
	crm_fold_set *s = crm_fold_set_new(&ops, keys, 2);
	crm_fold_keybuf kb = { NULL, 0 };
	const char *f[2] = { "x", "7" };
	size_t len[2] = { 1, 1 }, klen, clen;
	const char *key, *cell;
	struct tally more;

	(void)state;
	assert_int_equal(add(s, "x", "7"), 0);
	cell = crm_fold_set_cell(s, 0, 0, &clen);
	assert_int_equal(clen, 1);
	assert_memory_equal(cell, "7", 1);
	cell = crm_fold_set_cell(s, 0, 1, &clen);
	assert_memory_equal(cell, "x", 1);
	key = crm_fold_key_make(&kb, f, len, keys, 2, &klen);
	assert_int_equal(klen, 10);	/* two (4-byte length, byte) pairs */
	t_init(NULL, &more);
	more.n = 1;
	assert_int_equal(crm_fold_set_absorb(s, key, klen, &more), 0);
	assert_int_equal(tally_of(s, 0)->n, 2);
	free(kb.s);
	crm_fold_set_free(s);
}

/* Lines of the invalid records, in the order reported. */
struct seen {
	unsigned long line[64];
	size_t n;
};

static void
note_invalid(void *ctx, const crm_record *rec, const char *why)
{
	struct seen *v = ctx;

	(void)why;
	if (v->n < 64)
		v->line[v->n++] = rec->line;
}

/* Read path into a set over o; the invalid lines into v. */
static crm_fold_set *
read_file(const char *path, const crm_fold_ops *o, struct seen *v)
{
	char *const paths[] = { (char *)path };
	crm_csv_config cfg = { 0 };
	long key = 0;
	crm_fold_set *s = crm_fold_set_new(o, &key, 1);
	unsigned long rows = 0;
	crm_error err;
	crm_input *in = crm_input_open(paths, 1, &cfg, false, &err);

	assert_non_null(in);
	crm_input_keep_ragged(in);	/* short records reach add */
	v->n = 0;
	assert_int_equal(crm_fold_set_read(s, in, note_invalid, v, &rows,
	    &err), 0);
	assert_int_equal(rows, 3000);
	crm_input_close(in);
	return s;
}

/* One set whose keys are fetched ahead (one_set) accounts what one pass
 * does: the same groups in the same order, the same sums, the same
 * invalid records (a value not a number, a record short of a field)
 * reported in the same order, also among the last records held. */
static void
test_one_set_ahead(void **state)
{
	char path[] = "/tmp/crm_test_fold-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	crm_fold_ops one = ops;
	struct seen a, b;
	crm_fold_set *plain, *ahead;

	(void)state;
	assert_non_null(fp);
	fprintf(fp, "k,v\n");
	for (int i = 1; i <= 3000; i++) {
		if (i % 97 == 0 || i == 2999)
			fprintf(fp, "g%d,x\n", i % 41);
		else if (i % 101 == 0 || i == 3000)
			fprintf(fp, "g%d\n", i % 41);
		else
			fprintf(fp, "g%d,%d\n", (i * 7) % 41, i);
	}
	fclose(fp);
	one.one_set = true;
	plain = read_file(path, &ops, &a);
	ahead = read_file(path, &one, &b);
	unlink(path);
	assert_true(a.n > 40);
	assert_int_equal(b.n, a.n);
	assert_memory_equal(b.line, a.line, a.n * sizeof *a.line);
	assert_int_equal(crm_fold_set_count(ahead), crm_fold_set_count(plain));
	for (size_t i = 0; i < crm_fold_set_count(plain); i++) {
		assert_string_equal(key_of(ahead, i), key_of(plain, i));
		assert_int_equal(tally_of(ahead, i)->n, tally_of(plain, i)->n);
		assert_true(tally_of(ahead, i)->sum == tally_of(plain, i)->sum);
	}
	crm_fold_set_free(plain);
	crm_fold_set_free(ahead);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_first_seen_invalid_nowhere),
		cmocka_unit_test(test_key_text_checked),
		cmocka_unit_test(test_no_keys_one_group),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_merge_absorb_total),
		cmocka_unit_test(test_two_key_cells),
		cmocka_unit_test(test_one_set_ahead),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
