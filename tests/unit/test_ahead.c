/*
 * Unit tests of crm_ahead, the reader thread.  A synthetic source makes
 * every record from its number alone (gen_make), so that what crm_ahead_read returns can be compared with what the
 * source gave, record by record, however the worker cut the stream into
 * batches.  The source overwrites its buffers on every call: a record
 * crm_ahead did not copy shows up as wrong bytes.
 *
 * The records cover what crm_input hands it: fields inside the raw bytes
 * (unquoted lines), fields in a buffer of their own (libcsv's values of a
 * quoted record), unsplit lines (n == 0), empty raw, records larger than
 * a batch, records of thousands of fields, tags and line numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm_ahead.h"

#define NONE SIZE_MAX
#define BIG ((size_t)1024 * 1024 + 7)	/* raw bytes of the largest record */

/* ------------------------------------------------------------------ */
/* The synthetic source */

struct gen {
	uint64_t seed;
	size_t n;		/* records before the end */
	size_t fail_at;		/* an error in place of record fail_at */
	int fail_status;
	size_t big_at;		/* records big_at .. big_at + 2 are large */

	/* The source's position: the worker's while it runs. */
	size_t i;
	bool ended;		/* it returned 0 or -1 */
	unsigned long calls, after_end;

	/* The current record: raw bytes (and, for some, values right after
	 * them) in buf, other values in vals. */
	char *buf;
	size_t bcap, bused;
	char *vals;
	size_t vcap, vused;
	const char **f;
	size_t *len;
	size_t fcap;
};

/* Values below every heap block (a static array), so that a field
 * pointer compared with raw wraps around. */
static char lowvals[256];

static uint64_t
mix(uint64_t x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/* s[0..n) from seed: text (of a CSV line) or any bytes. */
static void
fill(char *s, size_t n, uint64_t seed, bool text)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz,;|.- ";
	uint64_t x = mix(seed);

	for (size_t j = 0; j < n; j++) {
		x = x * UINT64_C(6364136223846793005) +
		    UINT64_C(1442695040888963407);
		s[j] = text ? alpha[x >> 59] : (char)(x >> 56);
	}
}

static void
gen_init(struct gen *g, uint64_t seed, size_t n)
{
	memset(g, 0, sizeof *g);
	g->seed = seed;
	g->n = n;
	g->fail_at = NONE;
	g->big_at = NONE;
	fill(lowvals, sizeof lowvals, 0, true);
}

/* Back to the first record, as a caller rewinding its input would. */
static void
gen_rewind(struct gen *g)
{
	g->i = 0;
	g->ended = false;
	g->calls = g->after_end = 0;
}

static void
gen_free(struct gen *g)
{
	free(g->buf);
	free(g->vals);
	free(g->f);
	free(g->len);
}

/* realloc for the source, which runs in the worker: a cmocka assertion
 * there would jump to the main thread's stack. */
static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		abort();
	return p;
}

static void
gen_reserve(struct gen *g, size_t raw, size_t vals, size_t nf)
{
	if (raw > g->bcap) {
		g->bcap = raw;
		g->buf = xrealloc(g->buf, g->bcap);
	}
	if (vals > g->vcap) {
		g->vcap = vals;
		g->vals = xrealloc(g->vals, g->vcap);
	}
	if (nf > g->fcap) {
		g->fcap = nf;
		g->f = xrealloc(g->f, g->fcap * sizeof *g->f);
		g->len = xrealloc(g->len, g->fcap * sizeof *g->len);
	}
}

/* Fields k in [k0, k1) as consecutive slices of s[0..n), a byte (the
 * delimiter) between two of them. */
static void
slices(struct gen *g, size_t k0, size_t k1, const char *s, size_t n)
{
	size_t nf = k1 - k0;

	for (size_t k = 0; k < nf; k++) {
		size_t from = k * n / nf, to = (k + 1) * n / nf;

		if (k + 1 < nf && to > from)
			to--;
		g->f[k0 + k] = s + from;
		g->len[k0 + k] = to - from;
	}
}

/* Field k as vlen bytes of vals at *vo. */
static void
value(struct gen *g, size_t k, size_t vlen, size_t *vo, uint64_t seed)
{
	fill(g->vals + *vo, vlen, seed, true);
	g->f[k] = g->vals + *vo;
	g->len[k] = vlen;
	*vo += vlen;
}

/* Record i of g into g's buffers. */
static void
gen_make(struct gen *g, size_t i, crm_record *rec, unsigned *tag)
{
	uint64_t h = mix(g->seed ^ mix(i)), h2 = mix(h);
	size_t raw = 1 + (size_t)(h >> 8) % 200, nf = 0, vo = 0;
	unsigned kind = (unsigned)(h % 64);

	if (g->big_at != NONE && i >= g->big_at && i - g->big_at < 3)
		kind = 100 + (unsigned)(i - g->big_at);
	if (kind < 30) {
		/* an unquoted line: fields inside raw */
		nf = 1 + (size_t)(h2 % 12);
		gen_reserve(g, raw, 0, nf);
		fill(g->buf, raw, h2, true);
		slices(g, 0, nf, g->buf, raw);
	} else if (kind < 42) {
		/* a quoted record: libcsv's values in a buffer of their own */
		nf = 1 + (size_t)(h2 % 8);
		gen_reserve(g, raw, 40 * nf, nf);
		fill(g->buf, raw, h2, true);
		for (size_t k = 0; k < nf; k++)
			value(g, k, (size_t)(mix(h2 + k) % 40), &vo, h2 + k);
	} else if (kind < 46) {
		/* values right after raw in the same block: one inside
		 * them, one across the end of raw, an empty one there, one
		 * from there (in an order the copy does not repeat) */
		size_t v = 8 + (size_t)(h2 % 50);

		nf = 5;
		gen_reserve(g, raw + v, 0, nf);
		fill(g->buf, raw + v, h2, true);
		g->f[0] = g->buf + raw + v / 2;
		g->len[0] = v - v / 2;
		g->f[1] = g->buf + raw - 1;
		g->len[1] = 1 + (size_t)(h2 >> 8) % v;
		g->f[2] = g->buf + raw;
		g->len[2] = 0;
		g->f[3] = g->buf;
		g->len[3] = raw;
		g->f[4] = g->buf + raw;
		g->len[4] = v;
		g->bused = raw + v;
	} else if (kind < 54) {
		/* a line left unsplit: any bytes, no fields */
		raw += (size_t)(h2 % 100);
		gen_reserve(g, raw, 0, 1);
		fill(g->buf, raw, h2, false);
	} else if (kind < 58) {
		/* empty raw, with no field or one empty field in it */
		raw = 0;
		gen_reserve(g, 1, 0, 1);
		nf = kind & 1;
		g->f[0] = g->buf;
		g->len[0] = 0;
	} else if (kind < 63) {
		/* fields inside raw, in vals and below the heap, mixed */
		nf = 2 + (size_t)(h2 % 10);
		gen_reserve(g, raw, 64 * nf, nf);
		fill(g->buf, raw, h2, true);
		for (size_t k = 0; k < nf; k++) {
			uint64_t hk = mix(h2 + k);
			size_t off = (size_t)(hk >> 8) % raw;

			switch (hk % 3) {
			case 0:
				g->f[k] = g->buf + off;
				g->len[k] = (size_t)(hk >> 32) % (raw - off + 1);
				break;
			case 1:
				value(g, k, (size_t)(hk >> 16) % 64, &vo, hk);
				break;
			default:
				g->f[k] = lowvals + off % sizeof lowvals;
				g->len[k] = (size_t)(hk >> 32) %
				    (sizeof lowvals - off % sizeof lowvals);
				break;
			}
		}
	} else if (kind == 63) {
		/* a wide record: more fields than a batch first has room
		 * for */
		nf = 1000 + (size_t)(h2 % 2500);
		raw = 2 * nf - 1;
		gen_reserve(g, raw, 0, nf);
		fill(g->buf, raw, h2, true);
		slices(g, 0, nf, g->buf, raw);
	} else if (kind == 100) {
		/* larger than a batch, values of it too */
		raw = BIG;
		nf = 5;
		gen_reserve(g, raw, 200000, nf);
		fill(g->buf, raw, h2, true);
		g->f[0] = g->buf;
		g->len[0] = raw / 2;
		value(g, 1, 200000, &vo, h2);
		g->f[2] = g->buf + raw / 2 + 1;
		g->len[2] = raw - raw / 2 - 1;
		g->f[3] = lowvals;
		g->len[3] = 10;
		g->f[4] = g->vals;
		g->len[4] = 0;
	} else if (kind == 101) {
		/* another, right after it, unsplit */
		raw = 3 * CRM_AHEAD_BYTES + 1;
		gen_reserve(g, raw, 0, 1);
		fill(g->buf, raw, h2, false);
	} else {
		/* exactly a batch's bytes */
		raw = CRM_AHEAD_BYTES;
		nf = 1;
		gen_reserve(g, raw, 0, nf);
		fill(g->buf, raw, h2, true);
		g->f[0] = g->buf;
		g->len[0] = raw;
	}
	if (g->bused < raw)
		g->bused = raw;
	g->vused = vo;
	rec->n = nf;
	rec->f = g->f;
	rec->len = g->len;
	rec->raw = g->buf;
	rec->rawlen = raw;
	rec->line = 1 + 4 * (unsigned long)i + (unsigned long)(h >> 40) % 4;
	*tag = (unsigned)(h >> 32);
}

/* The source: records 0 .. n - 1 of g, then 0 or, at fail_at, -1. */
static int
source(void *ctx, crm_record *rec, unsigned *tag, crm_error *err)
{
	struct gen *g = ctx;

	/* what the previous record pointed to is gone now */
	if (g->bused > 0)
		memset(g->buf, '#', g->bused);
	if (g->vused > 0)
		memset(g->vals, '#', g->vused);
	g->bused = g->vused = 0;
	g->calls++;
	if (g->ended) {
		g->after_end++;
		return 0;
	}
	if (g->i == g->fail_at) {
		g->ended = true;
		return crm_error_at(err, g->fail_status, "gen", 7 * g->i + 1,
		    "synthetic error after %zu records", g->i);
	}
	if (g->i == g->n) {
		g->ended = true;
		return 0;
	}
	gen_make(g, g->i++, rec, tag);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Checking */

/* Everything after the raw bytes that CRM_AHEAD_SLACK promises, read
 * (ASan reports a read past the block). */
static volatile unsigned slack_sum;

static void
read_slack(const crm_record *rec)
{
	unsigned s = 0;

	for (size_t j = 0; j < CRM_AHEAD_SLACK; j++)
		s += (unsigned char)rec->raw[rec->rawlen + j];
	slack_sum += s;
}

/* rec and tag are record i of want. */
static void
check_record(struct gen *want, size_t i, const crm_record *rec,
	     unsigned tag)
{
	crm_record w;
	unsigned wtag;

	gen_make(want, i, &w, &wtag);
	want->bused = want->vused = 0;
	if (rec->n != w.n)
		fail_msg("record %zu: %zu fields, expected %zu", i, rec->n,
		    w.n);
	if (rec->rawlen != w.rawlen)
		fail_msg("record %zu: rawlen %zu, expected %zu", i,
		    rec->rawlen, w.rawlen);
	if (w.rawlen > 0 && memcmp(rec->raw, w.raw, w.rawlen) != 0)
		fail_msg("record %zu: raw bytes differ", i);
	for (size_t k = 0; k < w.n; k++) {
		if (rec->len[k] != w.len[k])
			fail_msg("record %zu field %zu: %zu bytes, expected "
			    "%zu", i, k, rec->len[k], w.len[k]);
		if (w.len[k] > 0 && memcmp(rec->f[k], w.f[k], w.len[k]) != 0)
			fail_msg("record %zu field %zu: bytes differ", i, k);
	}
	if (rec->line != w.line)
		fail_msg("record %zu: line %lu, expected %lu", i, rec->line,
		    w.line);
	if (tag != wtag)
		fail_msg("record %zu: tag %u, expected %u", i, tag, wtag);
	read_slack(rec);
}

/* Read records from .. to - 1 of want through a; returns their raw
 * bytes. */
static size_t
expect_records(crm_ahead *a, struct gen *want, size_t from, size_t to)
{
	crm_record rec;
	crm_error err;
	unsigned tag;
	size_t bytes = 0;
	int rc;

	for (size_t i = from; i < to; i++) {
		rc = crm_ahead_read(a, &rec, &tag, &err);
		if (rc != 1)
			fail_msg("record %zu: rc %d (%s)", i, rc,
			    rc < 0 ? err.msg : "end");
		check_record(want, i, &rec, tag);
		bytes += rec.rawlen;
	}
	return bytes;
}

/* The end, twice: the second call must not wake the source. */
static void
expect_end(crm_ahead *a, struct gen *g)
{
	crm_record rec;
	crm_error err;
	unsigned tag;

	assert_int_equal(crm_ahead_read(a, &rec, &tag, &err), 0);
	assert_int_equal(crm_ahead_read(a, &rec, &tag, &err), 0);
	/* the worker has been joined: g is the caller's again */
	assert_int_equal(g->after_end, 0);
	assert_int_equal(g->i, g->n);
}

/* The error of g after exactly fail_at records, twice. */
static void
expect_error(crm_ahead *a, struct gen *g)
{
	char want[CRM_ERR_MAX];
	crm_record rec;
	crm_error err;
	unsigned tag;

	snprintf(want, sizeof want, "gen:%zu: synthetic error after %zu "
	    "records", 7 * g->fail_at + 1, g->fail_at);
	for (int k = 0; k < 2; k++) {
		memset(&err, 0, sizeof err);
		assert_int_equal(crm_ahead_read(a, &rec, &tag, &err), -1);
		assert_int_equal(err.status, g->fail_status);
		assert_string_equal(err.msg, want);
	}
	assert_int_equal(g->after_end, 0);
	assert_int_equal(g->calls, g->fail_at + 1);
}

/* ------------------------------------------------------------------ */
/* Tests */

/* The whole stream, dozens of batches, comes out as the source made it. */
static void
test_sequence(void **state)
{
	struct gen g, want;
	crm_ahead *a;
	size_t bytes;

	(void)state;
	gen_init(&g, 1, 60000);
	g.big_at = 17000;
	gen_init(&want, 1, 60000);
	want.big_at = 17000;
	a = crm_ahead_new(source, &g);
	bytes = expect_records(a, &want, 0, g.n);
	expect_end(a, &g);
	/* every record once, then the end once */
	assert_int_equal(g.calls, g.n + 1);
	/* the stream is as long as the test says */
	assert_true(bytes > 40 * CRM_AHEAD_BYTES);
	crm_ahead_free(a);
	gen_free(&g);
	gen_free(&want);
}

/* Streams of no record, one record, one large record. */
static void
test_short(void **state)
{
	static const struct {
		size_t n, big_at;
	} cases[] = { { 0, NONE }, { 1, NONE }, { 2, NONE }, { 1, 0 },
		      { 3, 0 }, { 5, 1 } };
	struct gen g, want;
	crm_ahead *a;

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		for (uint64_t seed = 0; seed < 20; seed++) {
			gen_init(&g, seed, cases[c].n);
			gen_init(&want, seed, cases[c].n);
			g.big_at = want.big_at = cases[c].big_at;
			a = crm_ahead_new(source, &g);
			expect_records(a, &want, 0, g.n);
			expect_end(a, &g);
			assert_int_equal(g.calls, g.n + 1);
			crm_ahead_free(a);
			gen_free(&g);
			gen_free(&want);
		}
	}
}

/* A source error comes after every record before it, with its status
 * and message, and stays. */
static void
test_error(void **state)
{
	static const size_t at[] = { 0, 1, 2, 999, 1000, 1001, 4321, 5000,
				     5001, 5002, 5003, 14999, 15000 };
	struct gen g, want;
	crm_ahead *a;

	(void)state;
	for (size_t c = 0; c < sizeof at / sizeof at[0]; c++) {
		gen_init(&g, 2, 15000);
		gen_init(&want, 2, 15000);
		g.big_at = want.big_at = 5000;
		g.fail_at = at[c];
		g.fail_status = c % 2 ? CRM_EXIT_IO : CRM_EXIT_DATA;
		a = crm_ahead_new(source, &g);
		expect_records(a, &want, 0, at[c]);
		expect_error(a, &g);
		crm_ahead_free(a);
		gen_free(&g);
		gen_free(&want);
	}
}

/*
 * Stop after some records: the records read ahead are dropped, the
 * source stands between two records.  Read on from there, or rewind it
 * and read everything again.
 */
static void
test_stop(void **state)
{
	static const size_t after[] = { 0, 1, 2, 100, 2999, 3000, 3001,
					3002, 3003, 9000, 11999, 12000 };
	struct gen g, want;
	crm_ahead *a;
	crm_record rec;
	crm_error err;
	unsigned tag;

	(void)state;
	gen_init(&g, 3, 12000);
	gen_init(&want, 3, 12000);
	g.big_at = want.big_at = 3000;
	a = crm_ahead_new(source, &g);
	for (size_t c = 0; c < sizeof after / sizeof after[0]; c++) {
		size_t at;

		/* read on where the worker left the source */
		gen_rewind(&g);
		expect_records(a, &want, 0, after[c]);
		crm_ahead_stop(a);
		at = g.i;
		assert_true(at >= after[c]);
		/* the source is the caller's again: a worker that met its
		 * end may meet it once more */
		g.ended = false;
		expect_records(a, &want, at, g.n);
		expect_end(a, &g);
		crm_ahead_stop(a);

		/* rewind it and start over */
		gen_rewind(&g);
		expect_records(a, &want, 0, after[c]);
		crm_ahead_stop(a);
		gen_rewind(&g);
		expect_records(a, &want, 0, g.n);
		expect_end(a, &g);
		crm_ahead_stop(a);
	}

	/* after the end and after an error too */
	gen_rewind(&g);
	expect_records(a, &want, 0, g.n);
	expect_end(a, &g);
	crm_ahead_stop(a);
	gen_rewind(&g);
	g.fail_at = 5000;
	g.fail_status = CRM_EXIT_DATA;
	expect_records(a, &want, 0, 5000);
	expect_error(a, &g);
	crm_ahead_stop(a);
	gen_rewind(&g);
	g.fail_at = NONE;
	expect_records(a, &want, 0, g.n);
	assert_int_equal(crm_ahead_read(a, &rec, &tag, &err), 0);
	crm_ahead_free(a);
	gen_free(&g);
	gen_free(&want);
}

/* Stop with no worker, free with none or with one in mid-stream, free
 * NULL: no effect, no leak, no hang. */
static void
test_no_worker(void **state)
{
	struct gen g, want;
	crm_ahead *a;

	(void)state;
	crm_ahead_free(NULL);
	gen_init(&g, 4, 20000);
	gen_init(&want, 4, 20000);

	a = crm_ahead_new(source, &g);
	crm_ahead_free(a);
	assert_int_equal(g.calls, 0);

	a = crm_ahead_new(source, &g);
	crm_ahead_stop(a);
	crm_ahead_stop(a);
	assert_int_equal(g.calls, 0);
	expect_records(a, &want, 0, 10);
	crm_ahead_free(a);	/* the worker is reading ahead */

	gen_rewind(&g);
	a = crm_ahead_new(source, &g);
	expect_records(a, &want, 0, g.n);
	expect_end(a, &g);
	crm_ahead_stop(a);
	crm_ahead_stop(a);
	crm_ahead_free(a);
	gen_free(&g);
	gen_free(&want);
}

/* Records whose raw bytes end exactly where a batch's room ends: the
 * slack after them is still readable. */
struct fixed {
	size_t size, n, i;
	char *buf;
};

static int
fixed_source(void *ctx, crm_record *rec, unsigned *tag, crm_error *err)
{
	struct fixed *s = ctx;

	(void)err;
	if (s->i == s->n)
		return 0;
	memset(s->buf, 'a' + (int)(s->i % 26), s->size);
	rec->n = 0;
	rec->f = NULL;
	rec->len = NULL;
	rec->raw = s->buf;
	rec->rawlen = s->size;
	rec->line = ++s->i;
	*tag = 0;
	return 1;
}

static void
test_slack(void **state)
{
	static const size_t sizes[] = { 4096, 1024, 64, 1,
					CRM_AHEAD_BYTES / 2,
					CRM_AHEAD_BYTES };
	struct fixed s;
	crm_ahead *a;
	crm_record rec;
	crm_error err;
	unsigned tag;

	(void)state;
	for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
		s.size = sizes[c];
		s.n = 3 * CRM_AHEAD_BATCHES * (CRM_AHEAD_BYTES / s.size);
		if (s.n > 4000)
			s.n = 4000;
		s.i = 0;
		s.buf = malloc(s.size);
		assert_non_null(s.buf);
		a = crm_ahead_new(fixed_source, &s);
		for (size_t i = 0; i < s.n; i++) {
			assert_int_equal(crm_ahead_read(a, &rec, &tag, &err),
			    1);
			assert_int_equal(rec.rawlen, s.size);
			assert_int_equal(rec.line, i + 1);
			assert_int_equal(rec.raw[0], 'a' + (int)(i % 26));
			assert_int_equal(rec.raw[s.size - 1],
			    'a' + (int)(i % 26));
			read_slack(&rec);
		}
		assert_int_equal(crm_ahead_read(a, &rec, &tag, &err), 0);
		crm_ahead_free(a);
		free(s.buf);
	}
}

/* Two readers at once, read alternately: nothing is shared. */
static void
test_two(void **state)
{
	struct gen g[2], want[2];
	crm_ahead *a[2];

	(void)state;
	for (int k = 0; k < 2; k++) {
		gen_init(&g[k], 5 + (uint64_t)k, 8000 + 1000 * (size_t)k);
		gen_init(&want[k], 5 + (uint64_t)k, 8000 + 1000 * (size_t)k);
		g[k].big_at = want[k].big_at = 4000 + 10 * (size_t)k;
		a[k] = crm_ahead_new(source, &g[k]);
	}
	for (size_t i = 0; i < 9000; i += 100)
		for (int k = 0; k < 2; k++)
			if (i < g[k].n)
				expect_records(a[k], &want[k], i, i + 100);
	for (int k = 0; k < 2; k++) {
		expect_end(a[k], &g[k]);
		crm_ahead_free(a[k]);
		gen_free(&g[k]);
		gen_free(&want[k]);
	}
}

/*
 * crm_ahead_worker_idle, asked by a source that notes the answer for
 * every record: false until the worker has had to wait for a batch (the
 * first CRM_AHEAD_BATCHES batches, and again after a stop), true for the
 * batch it fills after waiting for the caller to free one.
 */
#define IDLE_SIZE 4096
#define IDLE_PER (CRM_AHEAD_BYTES / IDLE_SIZE)	/* records a batch */

struct idle_source {
	crm_ahead *a;
	size_t n, i;
	bool idle[8 * IDLE_PER];
	atomic_size_t made;	/* records made, polled by the caller */
	char buf[IDLE_SIZE];
};

static int
idle_source(void *ctx, crm_record *rec, unsigned *tag, crm_error *err)
{
	struct idle_source *s = ctx;

	(void)err;
	if (s->i == s->n)
		return 0;
	s->idle[s->i] = crm_ahead_worker_idle(s->a);
	memset(s->buf, 'a' + (int)(s->i % 26), sizeof s->buf);
	rec->n = 0;
	rec->f = NULL;
	rec->len = NULL;
	rec->raw = s->buf;
	rec->rawlen = sizeof s->buf;
	rec->line = ++s->i;
	*tag = 0;
	atomic_store(&s->made, s->i);
	return 1;
}

/* Read s from its start; with slow, hold the first batch until the
 * worker has filled the others and waits for it. */
static void
idle_read(struct idle_source *s, bool slow)
{
	const struct timespec ms = { 0, 1000000 };
	crm_record rec;
	crm_error err;
	unsigned tag;

	s->i = 0;
	atomic_store(&s->made, 0);
	for (size_t i = 0; i < s->n; i++) {
		assert_int_equal(crm_ahead_read(s->a, &rec, &tag, &err), 1);
		assert_int_equal(rec.line, i + 1);
		assert_int_equal(rec.raw[IDLE_SIZE - 1], 'a' + (int)(i % 26));
		if (i != 0 || !slow)
			continue;
		/* the worker made the other batches' records; a moment
		 * more and it waits for this one */
		for (int t = 0; t < 60000 && atomic_load(&s->made) <
		    CRM_AHEAD_BATCHES * IDLE_PER; t++)
			nanosleep(&ms, NULL);
		for (int t = 0; t < 100; t++)
			nanosleep(&ms, NULL);
	}
	assert_int_equal(crm_ahead_read(s->a, &rec, &tag, &err), 0);
}

static void
test_worker_idle(void **state)
{
	struct idle_source *s = calloc(1, sizeof *s);
	bool waited = false;

	(void)state;
	assert_non_null(s);
	s->n = sizeof s->idle / sizeof s->idle[0];
	s->a = crm_ahead_new(idle_source, s);
	/* a slow machine may let the worker run late: try a few times */
	for (int attempt = 0; attempt < 5 && !waited; attempt++) {
		idle_read(s, true);
		for (size_t i = 0; i < CRM_AHEAD_BATCHES * IDLE_PER; i++)
			if (s->idle[i])
				fail_msg("attempt %d, record %zu: idle before "
				    "the worker waited", attempt, i);
		waited = s->idle[CRM_AHEAD_BATCHES * IDLE_PER];
		crm_ahead_stop(s->a);
	}
	assert_true(waited);
	for (size_t i = CRM_AHEAD_BATCHES * IDLE_PER;
	    i < (CRM_AHEAD_BATCHES + 1) * IDLE_PER; i++)
		if (!s->idle[i])
			fail_msg("record %zu: not idle in the batch after the "
			    "wait", i);

	/* after a stop, not idle until the worker waits again */
	idle_read(s, false);
	for (size_t i = 0; i < CRM_AHEAD_BATCHES * IDLE_PER; i++)
		if (s->idle[i])
			fail_msg("record %zu: idle after a stop", i);
	crm_ahead_free(s->a);
	free(s);
}

/* A reader that deadlocks ends the test (SIGALRM) instead of hanging
 * make check; a test takes seconds even under TSan. */
static int
arm(void **state)
{
	(void)state;
	alarm(120);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sequence, arm),
		cmocka_unit_test_setup(test_short, arm),
		cmocka_unit_test_setup(test_error, arm),
		cmocka_unit_test_setup(test_stop, arm),
		cmocka_unit_test_setup(test_no_worker, arm),
		cmocka_unit_test_setup(test_slack, arm),
		cmocka_unit_test_setup(test_two, arm),
		cmocka_unit_test_setup(test_worker_idle, arm),
	};

	/* CRMKIT_THREADS=1 is for crm_input: crm_ahead itself always runs
	 * a worker, so the test holds whatever the environment says */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
