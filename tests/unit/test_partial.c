/*
 * crm_partial and crm_agg_save/crm_agg_load: lines written, then read
 * back from a file: escaped key cells as they were, every aggregate
 * state bit for bit (its result the same), meta lines anywhere, and
 * the lines a reader must refuse (cut short, another version, tool,
 * --by or plan).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crm_agg.h"
#include "crm_partial.h"
#include "crm_rfm.h"

static const crm_partial_id id = { "kpi", 1, 2, "rep", "count()" };

/* Write text to a new temporary file; its path (static). */
static const char *
file_of(const char *text)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/test_partial.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	return path;
}

/* Read the one record of text (after meta lines); -1 with err. */
static int
read_one(const char *text, crm_partial_record *r, crm_partial_reader **p,
	 crm_error *err)
{
	char *paths[1] = { (char *)file_of(text) };
	int rc;

	*p = crm_partial_open(paths, 1, &id, err);
	assert_non_null(*p);
	rc = crm_partial_read(*p, r, err);
	unlink(paths[0]);
	return rc;
}

static void
test_escapes(void **state)
{
	const char *key = "a\tb\n#c\\d\re";
	crm_partial_line l = { NULL, 0, 0, false }, m = { NULL, 0, 0, false };
	crm_partial_record r;
	crm_partial_reader *p;
	crm_error err;
	char *text;
	uint64_t n;

	(void)state;
	crm_partial_meta(&m, &id, ',');
	crm_partial_reset(&l);
	crm_partial_put_text(&l, key, strlen(key));
	crm_partial_tag(&l, &id, ',');
	crm_partial_put_u64(&l, 7);
	crm_partial_end(&l);
	assert_null(strchr(l.s, '\n') + 1 == l.s + l.len ? NULL : l.s);
	assert_int_equal(l.s[0], 'a');
	/* the record first, the meta line after it (a sorted shuffle) */
	text = malloc(l.len + m.len + 1);
	strcpy(text, l.s);
	strcat(text, m.s);
	assert_int_equal(read_one(text, &r, &p, &err), 1);
	assert_int_equal(r.nkeys, 1);
	assert_int_equal(r.len[0], strlen(key));
	assert_memory_equal(r.f[0], key, strlen(key));
	assert_int_equal(crm_partial_get_u64(&r, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(crm_partial_get_u64(&r, &n), -1);
	assert_int_equal(crm_partial_read(p, &r, &err), 0);
	assert_int_equal(crm_partial_delimiter(p), ',');
	crm_partial_close(p);
	crm_partial_free(&l);
	crm_partial_free(&m);
	free(text);
}

/* Save a state of kind over xs, load it into a fresh one: same fields
 * when saved again, same result bits. */
static void
roundtrip(crm_agg_kind kind, double param, const double *xs, size_t n)
{
	crm_partial_line a = { NULL, 0, 0, false }, b = { NULL, 0, 0, false };
	crm_partial_record r;
	crm_partial_reader *p;
	crm_agg s, t;
	crm_error err;
	double x, y;
	bool okx, oky;

	crm_agg_init(&s, kind, param);
	crm_agg_init(&t, kind, param);
	for (size_t i = 0; i < n; i++)
		crm_agg_add(&s, xs[i]);
	crm_partial_reset(&a);
	crm_partial_tag(&a, &id, ',');
	crm_agg_save(&s, &a);
	crm_partial_end(&a);
	assert_int_equal(read_one(a.s, &r, &p, &err), 1);
	assert_int_equal(crm_agg_load(&t, &r), 0);
	assert_int_equal(r.at, r.n);
	crm_partial_reset(&b);
	crm_partial_tag(&b, &id, ',');
	crm_agg_save(&t, &b);
	crm_partial_end(&b);
	/* an exact sum may come back in other parts of the same sum */
	if (kind != CRM_AGG_SUM && kind != CRM_AGG_MEAN &&
	    kind != CRM_AGG_VAR && kind != CRM_AGG_STDDEV)
		assert_string_equal(a.s, b.s);
	okx = crm_agg_result(&s, &x);
	oky = crm_agg_result(&t, &y);
	assert_int_equal(okx, oky);
	if (okx)
		assert_memory_equal(&x, &y, sizeof x);
	crm_partial_close(p);
	crm_agg_free(&s);
	crm_agg_free(&t);
	crm_partial_free(&a);
	crm_partial_free(&b);
}

static void
test_states(void **state)
{
	const double xs[] = { 0.1, 1e-300, -2.5, 1e15 + 0.3, 7, 0.1, 1.0 / 3 };
	const crm_agg_kind kinds[] = { CRM_AGG_COUNT_ROWS, CRM_AGG_COUNT,
	    CRM_AGG_COUNT_IF, CRM_AGG_SUM, CRM_AGG_MEAN, CRM_AGG_MIN,
	    CRM_AGG_MAX, CRM_AGG_MEDIAN, CRM_AGG_QUANTILE, CRM_AGG_STDDEV,
	    CRM_AGG_VAR, CRM_AGG_DISTINCT };

	(void)state;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		roundtrip(kinds[k], 0.9, xs, 7);
		roundtrip(kinds[k], 0.9, xs, 0);
	}
}

/* The reader's refusals: (line, message start). */
static void
refused(const char *text, const char *msg)
{
	crm_partial_record r;
	crm_partial_reader *p;
	crm_error err;
	int rc = read_one(text, &r, &p, &err);

	while (rc == 1)		/* records before the refused one */
		rc = crm_partial_read(p, &r, &err);
	if (rc != -1)
		fail_msg("not refused: %s", text);
	assert_int_equal(err.status, 1);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("'%s' lacks '%s'", err.msg, msg);
	crm_partial_close(p);
}

static void
test_refused(void **state)
{
	(void)state;
	refused("A\t#kpi/1/0000000000000001/0000000000000002/2c\t5\n",
	    ":1: partial record cut short");
	refused("A\t#kpi/2/0000000000000001/0000000000000002/2c\t5\t.\n",
	    ":1: partial of crmkit format version 2");
	refused("A\t#rfm/1/0000000000000001/0000000000000002/2c\t5\t.\n",
	    ":1: partial of rfm, not of kpi");
	refused("\nA\t#kpi/1/0000000000000003/0000000000000002/2c\t5\t.\n",
	    ":2: partial grouped by other columns");
	refused("A\t#kpi/1/0000000000000001/0000000000000009/2c\t5\t.\n",
	    ":1: partial of other aggregates");
	refused("A\t5\t.\n", ":1: not a partial record");
	refused("A\\x\t#kpi/1/0000000000000001/0000000000000002/2c\t5\t.\n",
	    ":1: damaged partial: bad escape");
	refused("A\t#kpi/1/0000000000000001/0000000000000002/2c\t5\t.\n"
	    "B\t#kpi/1/0000000000000001/0000000000000002/3b\t5\t.\n",
	    "delimited by 0x3b");
}

/* An rfm state through a partial line: every field and day as it was. */
static void
test_rfm_state(void **state)
{
	const int32_t day[] = { 20100, 20090, 20100, 20150, 20120, 20095 };
	const double amount[] = { 10.1, 5, 2.2, 30.03, 7, 0.5 };
	crm_partial_line l = { NULL, 0, 0, false };
	crm_rfm_pool *pool = crm_rfm_pool_new();
	crm_rfm_state s, t;
	crm_partial_record r;
	crm_partial_reader *p;
	crm_error err;
	double fa;

	(void)state;
	crm_rfm_init(&s);
	crm_rfm_init(&t);
	for (int i = 0; i < 6; i++)
		crm_rfm_add(pool, &s, day[i], amount[i], i != 3);
	crm_rfm_add_holdout(&s);
	crm_partial_reset(&l);
	crm_partial_tag(&l, &id, ',');
	crm_rfm_save(pool, &s, &l);
	crm_partial_end(&l);
	assert_int_equal(read_one(l.s, &r, &p, &err), 1);
	assert_int_equal(crm_rfm_load(pool, &t, &r), 0);
	assert_int_equal(r.at, r.n);
	assert_int_equal(t.orders, 6);
	assert_int_equal(t.holdout, 1);
	assert_int_equal(t.ndays, 5);
	assert_int_equal(t.first, 20090);
	assert_int_equal(t.last, 20150);
	for (uint32_t i = 0; i < 5; i++)
		assert_int_equal(crm_rfm_day(pool, &t, i),
		    crm_rfm_day(pool, &s, i));
	assert_memory_equal(&t.revenue, &s.revenue, sizeof t.revenue);
	assert_memory_equal(&t.revenue_comp, &s.revenue_comp,
	    sizeof t.revenue_comp);
	fa = crm_rfm_first_amount(pool, &t);
	assert_true(fa == crm_rfm_first_amount(pool, &s));
	assert_true(fa == 5);
	crm_partial_close(p);
	crm_rfm_free(pool, &t);
	/* days out of order do not load */
	crm_rfm_init(&t);
	assert_int_equal(read_one("#kpi/1/0000000000000001/0000000000000002/"
	    "2c\t3\t0\t3\t0x1p+0\t0x0p+0\t10\t20\t0x1p+0\t0x0p+0\t25\t.\n",
	    &r, &p, &err), 1);
	assert_int_equal(crm_rfm_load(pool, &t, &r), -1);
	crm_partial_close(p);
	crm_rfm_free(pool, &t);
	/* one day whose amount is not the revenue does not load */
	crm_rfm_init(&t);
	assert_int_equal(read_one("#kpi/1/0000000000000001/0000000000000002/"
	    "2c\t2\t0\t1\t0x1p+1\t0x0p+0\t10\t10\t0x1p+0\t0x0p+0\t.\n",
	    &r, &p, &err), 1);
	assert_int_equal(crm_rfm_load(pool, &t, &r), -1);
	crm_partial_close(p);
	crm_rfm_free(pool, &t);
	/* ... and loads when it is */
	crm_rfm_init(&t);
	assert_int_equal(read_one("#kpi/1/0000000000000001/0000000000000002/"
	    "2c\t2\t0\t1\t0x1p+1\t0x0p+0\t10\t10\t0x1p+1\t0x0p+0\t.\n",
	    &r, &p, &err), 1);
	assert_int_equal(crm_rfm_load(pool, &t, &r), 0);
	assert_true(crm_rfm_first_amount(pool, &t) == 2);
	crm_partial_close(p);
	crm_rfm_free(pool, &t);
	crm_rfm_free(pool, &s);
	crm_rfm_pool_free(pool);
	crm_partial_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_rfm_state),
	};

	return cmocka_run_group_tests_name("crm_partial", tests, NULL, NULL);
}
