/*
 * crm_group: grouped aggregation over a small hand-computed table.
 *
 *   rep region revenue cost tag
 *   A   N      100     10   x
 *   B   S      200          y
 *   A   S      50      20   x
 *   B   N              30   z
 *   C   N      300     30   x
 *
 * By rep:  A: 2 rows, revenue 150, cost 30, mean cost 15, tags {x},
 *             median revenue (50+100)/2 = 75
 *          B: 2 rows, revenue 200, cost 30, mean cost 30, tags {y,z},
 *             median revenue 200
 *          C: 1 row, revenue 300, cost 30, mean cost 30, tags {x},
 *             median 300
 * All:     5 rows, revenue 650, cost 90, mean cost 22.5, tags {x,y,z},
 *          median of 50,100,200,300 (type 7: h = 1.5) = 150.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crm_group.h"

#define NCOLS 5
#define NROWS 5

static char *names[NCOLS] = { "rep", "region", "revenue", "cost", "tag" };
static size_t namelen[NCOLS];
static crm_header H;

static const char *table[NROWS][NCOLS] = {
	{ "A", "N", "100", "10", "x" },
	{ "B", "S", "200", "", "y" },
	{ "A", "S", "50", "20", "x" },
	{ "B", "N", "", "30", "z" },
	{ "C", "N", "300", "30", "x" },
};

static int
setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCOLS; i++)
		namelen[i] = strlen(names[i]);
	H.n = NCOLS;
	H.name = names;
	H.len = namelen;
	H.synthetic = false;
	return 0;
}

/* A record of the fields v[0..NCOLS) (pointing into the arguments). */
static crm_record
record(const char **f, size_t *len, const char *const *v, unsigned long line)
{
	crm_record r;

	for (size_t i = 0; i < NCOLS; i++) {
		f[i] = v[i];
		len[i] = strlen(v[i]);
	}
	memset(&r, 0, sizeof r);
	r.n = NCOLS;
	r.f = f;
	r.len = len;
	r.line = line;
	return r;
}

/* Feed the table's rows. */
static void
feed(crm_group *g)
{
	const char *f[NCOLS];
	size_t len[NCOLS];
	char why[256];

	for (size_t i = 0; i < NROWS; i++) {
		crm_record r = record(f, len, table[i], i + 2);

		assert_int_equal(crm_group_add_record(g, &r, why, sizeof why),
		    0);
	}
}

enum { M_N, M_REV, M_RATIO, M_MEAN, M_TAGS, M_MED, M_SAME, NMETRICS };

static const char *const sources[NMETRICS] = {
	"count()",
	"sum(revenue)",
	"sum(revenue) / sum( cost )",	/* shares sum(revenue) */
	"mean(cost)",
	"distinct(tag)",
	"median(revenue)",
	"quantile(revenue, 0.5) - median(revenue)",	/* both pooled */
};

static crm_group *
group_by(const long *keys, size_t nkeys, crm_expr **e)
{
	crm_group *g = crm_group_new(&H, keys, nkeys);
	crm_error err;

	for (size_t i = 0; i < NMETRICS; i++) {
		e[i] = crm_expr_compile(sources[i], &H, false,
		    CRM_EXPR_AGGREGATES, &err);
		assert_non_null(e[i]);
		assert_int_equal(crm_group_add_metric(g, e[i]), i);
	}
	return g;
}

static void
free_all(crm_group *g, crm_expr **e)
{
	crm_group_free(g);
	for (size_t i = 0; i < NMETRICS; i++)
		crm_expr_free(e[i]);
}

static void
assert_num(crm_value v, double want)
{
	assert_int_equal(v.type, CRM_VAL_NUM);
	assert_true(fabs(v.num - want) < 1e-12 * (1 + fabs(want)));
}

static void
test_by_rep(void **state)
{
	static const long keys[1] = { 0 };
	crm_expr *e[NMETRICS];
	crm_group *g = group_by(keys, 1, e);
	crm_value v[NMETRICS];
	const size_t *order;
	size_t len;

	(void)state;
	feed(g);
	/* count, sum(revenue), sum(cost), mean(cost), distinct(tag),
	 * quantile(revenue, 0.5): median and quantile 0.5 are one. */
	assert_int_equal(crm_group_aggregates(g), 6);
	assert_int_equal(crm_group_count(g), 3);
	order = crm_group_order(g, false);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(order[i], i);
	assert_memory_equal(crm_group_cell(g, 1, 0, &len), "B", 1);
	assert_int_equal(len, 1);

	crm_group_values(g, 0, v);	/* A */
	assert_num(v[M_N], 2);
	assert_num(v[M_REV], 150);
	assert_num(v[M_RATIO], 5);
	assert_num(v[M_MEAN], 15);
	assert_num(v[M_TAGS], 1);
	assert_num(v[M_MED], 75);
	assert_num(v[M_SAME], 0);
	crm_group_values(g, 1, v);	/* B: one revenue, one cost empty */
	assert_num(v[M_N], 2);
	assert_num(v[M_REV], 200);
	assert_num(v[M_RATIO], 200.0 / 30);
	assert_num(v[M_MEAN], 30);
	assert_num(v[M_TAGS], 2);
	assert_num(v[M_MED], 200);
	crm_group_values(g, 2, v);	/* C */
	assert_num(v[M_N], 1);
	assert_num(v[M_RATIO], 10);
	assert_num(v[M_MED], 300);
	crm_group_values(g, CRM_GROUP_TOTAL, v);
	assert_num(v[M_N], 5);
	assert_num(v[M_REV], 650);
	assert_num(v[M_RATIO], 650.0 / 90);
	assert_num(v[M_MEAN], 22.5);
	assert_num(v[M_TAGS], 3);
	assert_num(v[M_MED], 150);
	/* The groups are unchanged by the total. */
	crm_group_values(g, 0, v);
	assert_num(v[M_N], 2);
	assert_num(v[M_MED], 75);
	free_all(g, e);
}

/* The groups of g in order have the one-byte cells want[i][0..2). */
static void
assert_order(crm_group *g, bool sorted, const char *const (*want)[2])
{
	const size_t *order = crm_group_order(g, sorted);
	size_t len;

	for (size_t i = 0; i < crm_group_count(g); i++)
		for (size_t j = 0; j < 2; j++) {
			const char *c = crm_group_cell(g, order[i], j, &len);

			assert_int_equal(len, 1);
			assert_memory_equal(c, want[i][j], 1);
		}
}

static void
test_two_keys_sorted(void **state)
{
	static const long keys[2] = { 1, 0 };	/* region, rep */
	static const char *const want_seen[5][2] = {
		{ "N", "A" }, { "S", "B" }, { "S", "A" }, { "N", "B" },
		{ "N", "C" }
	};
	static const char *const want_sorted[5][2] = {
		{ "N", "A" }, { "N", "B" }, { "N", "C" }, { "S", "A" },
		{ "S", "B" }
	};
	crm_expr *e[NMETRICS];
	crm_group *g = group_by(keys, 2, e);
	crm_group_keybuf kb = { NULL, 0 };
	crm_value v[NMETRICS];
	size_t klen, glen;
	const char *cells[2];
	size_t cellen[2];

	(void)state;
	feed(g);
	assert_int_equal(crm_group_count(g), 5);
	assert_order(g, false, want_seen);
	assert_order(g, true, want_sorted);
	/* (S, A) is the third seen: revenue 50. */
	crm_group_values(g, 2, v);
	assert_num(v[M_REV], 50);
	/* A group's hash key is what crm_group_key_make gives its cells. */
	cells[0] = "S";
	cells[1] = "A";
	cellen[0] = cellen[1] = 1;
	{
		const char *k = crm_group_key_make(&kb, cells, cellen, NULL, 2,
		    &klen);
		const char *gk = crm_group_key(g, 2, &glen);

		assert_int_equal(klen, glen);
		assert_memory_equal(k, gk, klen);
	}
	free(kb.s);
	free_all(g, e);
}

static void
test_key_boundaries(void **state)
{
	crm_group_keybuf kb = { NULL, 0 };
	const char *a[2] = { "ab", "c" }, *b[2] = { "a", "bc" }, *k;
	size_t alen[2] = { 2, 1 }, blen[2] = { 1, 2 }, la, lb;
	char first[16];
	long cols[2] = { 1, 0 };

	(void)state;
	k = crm_group_key_make(&kb, a, alen, NULL, 2, &la);
	memcpy(first, k, la);
	k = crm_group_key_make(&kb, b, blen, NULL, 2, &lb);
	assert_false(la == lb && memcmp(first, k, la) == 0);
	/* One cell is the cell itself; none is the empty key; cols pick. */
	k = crm_group_key_make(&kb, a, alen, cols, 1, &la);
	assert_ptr_equal(k, a[1]);
	assert_int_equal(la, 1);
	k = crm_group_key_make(&kb, a, alen, NULL, 0, &la);
	assert_int_equal(la, 0);
	free(kb.s);
}

static void
test_no_keys(void **state)
{
	crm_expr *e[NMETRICS];
	crm_group *g = group_by(NULL, 0, e);
	crm_value v[NMETRICS];

	(void)state;
	/* One group even over no rows: count 0, sums missing. */
	assert_int_equal(crm_group_count(g), 1);
	crm_group_values(g, 0, v);
	assert_num(v[M_N], 0);
	assert_int_equal(v[M_REV].type, CRM_VAL_MISSING);
	assert_int_equal(v[M_RATIO].type, CRM_VAL_MISSING);
	assert_num(v[M_TAGS], 0);
	feed(g);
	assert_int_equal(crm_group_count(g), 1);
	crm_group_values(g, 0, v);
	assert_num(v[M_N], 5);
	assert_num(v[M_REV], 650);
	assert_num(v[M_MED], 150);
	free_all(g, e);
}

static void
test_invalid_row(void **state)
{
	static const long keys[1] = { 0 };
	static const char *const bad[NCOLS] = { "A", "N", "abc", "5", "q" };
	crm_expr *e[NMETRICS];
	crm_group *g = group_by(keys, 1, e);
	const char *f[NCOLS];
	size_t len[NCOLS];
	char why[256];
	crm_record r = record(f, len, bad, 9);
	crm_value v[NMETRICS];

	(void)state;
	/* Text where sum needs a number: the row counts nowhere. */
	assert_int_equal(crm_group_add_record(g, &r, why, sizeof why), -1);
	assert_string_equal(why, "column 'revenue': \"abc\" is not a number");
	assert_int_equal(crm_group_count(g), 0);
	feed(g);
	crm_group_values(g, 0, v);
	assert_num(v[M_N], 2);
	assert_num(v[M_TAGS], 1);
	free_all(g, e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_rep),
		cmocka_unit_test(test_two_keys_sorted),
		cmocka_unit_test(test_key_boundaries),
		cmocka_unit_test(test_no_keys),
		cmocka_unit_test(test_invalid_row),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
