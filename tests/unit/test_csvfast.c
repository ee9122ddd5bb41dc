/*
 * Differential test of the CSV reader's fast paths (a quote-free line
 * split 16 bytes at a time: fast_line and split_line in crm_csv.c)
 * against libcsv, the slow path.
 *
 * Random quote-free input is read as it is (the fast paths) and with
 * every field wrapped in quotes (which sends every record through
 * libcsv); both must give the same records, fields and line numbers, and
 * the raw text of each fast record must be its line.  Shapes that stress
 * the 16-byte scanning: fields of every length around 16, lines longer
 * than the reader's buffer, records of hundreds of fields (the field
 * arrays grow mid-line), CR, CRLF and LF line ends, blank lines, a last
 * line without a line end, every delimiter; input arrives in random
 * read() sizes through a pipe.
 *
 * Records holding quotes: the reader first lets libcsv trim spaces as it
 * does by default, and keeps that parse only when no byte is missing;
 * input thick with spaces, tabs, quotes and line ends must give exactly
 * the records and the first error of libcsv told never to trim.
 *
 * Also the writer's fast path for numbers (crm_writer_num formatting
 * straight into the output buffer) against crm_writer_field with the
 * same text: byte-identical output under every delimiter, with the
 * decimal comma, CRLF, one-field records and buffer boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <csv.h>

#include "crm_csv.h"
#include "crm_writer.h"

static uint64_t rng;

static uint64_t
rnd(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void
add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* An fd reading data[0..n) through a pipe, written by a child in random
 * chunks of 1..maxchunk bytes. */
static int
pipe_fd(const char *data, size_t n, size_t maxchunk, pid_t *pid)
{
	int p[2];

	assert_int_equal(pipe(p), 0);
	*pid = fork();
	assert_true(*pid >= 0);
	if (*pid == 0) {
		size_t off = 0;

		close(p[0]);
		while (off < n) {
			size_t k = 1 + (size_t)(rnd() % maxchunk);

			if (k > n - off)
				k = n - off;
			if (write(p[1], data + off, k) != (ssize_t)k)
				_exit(1);
			off += k;
		}
		_exit(0);
	}
	close(p[1]);
	return p[0];
}

/* Field lengths that cross 16-byte boundaries in every way. */
static size_t
field_len(void)
{
	switch (rnd() % 16) {
	case 0:
		return 0;
	case 1:
		return 13 + rnd() % 8;		/* around 16 */
	case 2:
		return 28 + rnd() % 8;		/* around 32 */
	case 3:
		return 100 + rnd() % 3000;
	default:
		return rnd() % 12;
	}
}

static void
one_run(int delim, size_t nrec, size_t maxchunk, bool huge)
{
	static const char alpha[] = "abcxyz019 .,;|\t-\xC3\xA9";
	buf plain = { 0 }, quoted = { 0 };
	size_t *line_start = calloc(nrec + 1, sizeof *line_start);
	size_t *line_len = calloc(nrec + 1, sizeof *line_len);
	crm_csv_config cfg = { .delimiter = delim };
	crm_csv_reader *a, *b;
	crm_record ra, rb;
	crm_error err;
	pid_t pa, pb;
	int st;
	size_t got = 0;
	char d = (char)delim;

	assert_non_null(line_start);
	for (size_t r = 0; r < nrec; r++) {
		size_t nf = rnd() % 20 == 0 ? 60 + rnd() % 300 : 1 + rnd() % 12;
		static const char *const eols[] = { "\n", "\n", "\n", "\r\n",
		    "\r" };
		const char *eol = eols[rnd() % 5];
		bool empty_line = true;

		while (rnd() % 12 == 0) {	/* blank lines */
			const char *bl = eols[rnd() % 5];

			add(&plain, bl, strlen(bl));
			add(&quoted, bl, strlen(bl));
		}
		line_start[r] = plain.n;
		for (size_t f = 0; f < nf; f++) {
			size_t len = field_len();

			if (huge && r == nrec / 2 && f == 0)
				len = 600000;	/* longer than the buffer */
			if (f > 0) {
				add(&plain, &d, 1);
				add(&quoted, &d, 1);
			}
			add(&quoted, "\"", 1);
			for (size_t i = 0; i < len; i++) {
				char c;

				do
					c = alpha[rnd() % (sizeof alpha - 1)];
				while (c == d);
				if ((unsigned char)c >= 0x80) {
					/* é whole: input must be UTF-8 */
					add(&plain, "\xC3", 1);
					add(&quoted, "\xC3", 1);
					c = '\xA9';
				}
				add(&plain, &c, 1);
				add(&quoted, &c, 1);
			}
			add(&quoted, "\"", 1);
			if (len > 0 || nf > 1)
				empty_line = false;
		}
		if (empty_line)		/* one empty field, not a blank line:
					 * quoted (as it already is in quoted) */
			add(&plain, "\"\"", 2);
		line_len[r] = plain.n - line_start[r];
		if (r + 1 < nrec || rnd() % 2 == 0) {
			add(&plain, eol, strlen(eol));
			add(&quoted, eol, strlen(eol));
		}
	}

	a = crm_csv_open_fd(pipe_fd(plain.s, plain.n, maxchunk, &pa), "plain",
	    &cfg, NULL, &err);
	b = crm_csv_open_fd(pipe_fd(quoted.s, quoted.n, maxchunk, &pb),
	    "quoted", &cfg, NULL, &err);
	assert_non_null(a);
	assert_non_null(b);
	for (;;) {
		int ka = crm_csv_read(a, &ra, &err);
		int kb;

		if (ka < 0)
			fail_msg("plain: %s", err.msg);
		kb = crm_csv_read(b, &rb, &err);
		if (kb < 0)
			fail_msg("quoted: %s", err.msg);
		assert_int_equal(ka, kb);
		if (ka == 0)
			break;
		assert_true(got < nrec);
		assert_int_equal(ra.line, rb.line);
		assert_int_equal(ra.n, rb.n);
		for (size_t i = 0; i < ra.n; i++) {
			assert_int_equal(ra.len[i], rb.len[i]);
			if (ra.len[i] > 0)
				assert_memory_equal(ra.f[i], rb.f[i],
				    ra.len[i]);
		}
		assert_int_equal(ra.rawlen, line_len[got]);
		assert_memory_equal(ra.raw, plain.s + line_start[got],
		    ra.rawlen);
		got++;
	}
	assert_int_equal(got, nrec);
	crm_csv_close(a);
	crm_csv_close(b);
	assert_int_equal(waitpid(pa, &st, 0), pa);
	assert_int_equal(waitpid(pb, &st, 0), pb);
	free(plain.s);
	free(quoted.s);
	free(line_start);
	free(line_len);
}

static void
test_delimiters(void **state)
{
	static const int delims[] = { ',', ';', '\t', '|', ' ', 'x' };

	(void)state;
	rng = 1;
	for (size_t i = 0; i < sizeof delims / sizeof delims[0]; i++)
		for (int k = 0; k < 8; k++)
			one_run(delims[i], 400, k == 1 ? 7 : k % 2 ? 61 : 70000,
			    false);
}

static void
test_long_lines(void **state)
{
	(void)state;
	rng = 2;
	one_run(',', 200, 70000, true);
	one_run(';', 200, 4096, true);
}

/* The whole content of fd from the start. */
static char *
slurp(int fd, size_t *n)
{
	buf b = { 0 };
	char chunk[65536];
	ssize_t k;

	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while ((k = read(fd, chunk, sizeof chunk)) > 0)
		add(&b, chunk, (size_t)k);
	*n = b.n;
	return b.s;
}

static int
scratch_fd(void)
{
	char path[] = "/tmp/crm_test_csvfast-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	return fd;
}

static double
some_value(void)
{
	switch (rnd() % 8) {
	case 0:
		return (double)(int64_t)(rnd() % 2000001) - 1000000;
	case 1:
		return (double)(rnd() % 100000000) / 100;
	case 2:
		return (double)(rnd() % 1000) / (double)(1 + rnd() % 1000);
	case 3: {
		uint64_t b = rnd();
		double v;

		memcpy(&v, &b, sizeof v);
		return v;	/* NaN and inf write an empty field */
	}
	case 4:
		return -(double)(rnd() % 1000) * 1e-7;
	default:
		return (double)(rnd() % 10000000) / 1000 * ((rnd() & 1) ? 1 : -1);
	}
}

static void
test_writer_num(void **state)
{
	static const int delims[] = { ',', ';', '\t', '|', '.', '5', 'e',
	    '-', '+', ' ' };

	(void)state;
	rng = 3;
	for (size_t d = 0; d < sizeof delims / sizeof delims[0]; d++) {
		for (int variant = 0; variant < 4; variant++) {
			crm_writer_config cfg = {
				.delimiter = delims[d],
				.crlf = variant & 1,
				.numfmt = { (variant & 2) && d % 2 ? 2 : -1,
				    (variant & 2) != 0 },
			};
			int fa = scratch_fd(), fb = scratch_fd();
			crm_error err;
			crm_writer *a = crm_writer_open_fd(fa, "a", &cfg, &err);
			crm_writer *b = crm_writer_open_fd(fb, "b", &cfg, &err);
			size_t na, nb;
			char *sa, *sb;

			assert_non_null(a);
			assert_non_null(b);
			for (int r = 0; r < 6000; r++) {
				int nf = rnd() % 4 == 0 ? 1 : 1 + (int)(rnd() % 9);

				for (int f = 0; f < nf; f++) {
					char t[CRM_NUM_BUFSZ];
					double v = some_value();
					size_t n;

					if (rnd() % 5 == 0) {
						assert_int_equal(crm_writer_field(
						    a, "x,y", 3), 0);
						assert_int_equal(crm_writer_field(
						    b, "x,y", 3), 0);
						continue;
					}
					n = crm_num_format(t, v, &cfg.numfmt);
					assert_int_equal(crm_writer_num(a, v), 0);
					assert_int_equal(
					    crm_writer_field(b, t, n), 0);
				}
				assert_int_equal(crm_writer_end(a), 0);
				assert_int_equal(crm_writer_end(b), 0);
			}
			assert_int_equal(crm_writer_close(a, &err), 0);
			assert_int_equal(crm_writer_close(b, &err), 0);
			sa = slurp(fa, &na);
			sb = slurp(fb, &nb);
			assert_int_equal(na, nb);
			assert_memory_equal(sa, sb, na);
			free(sa);
			free(sb);
			close(fa);
			close(fb);
		}
	}
}

/* The reference: libcsv, strict, never trimming, over all of data; each
 * record as "[f1][f2]...\n", "ERR\n" at the first error (the partial
 * record before it left out). */
struct ref {
	buf out, rec;
};

static int
ref_never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
ref_field(void *s, size_t n, void *data)
{
	struct ref *r = data;

	add(&r->rec, "[", 1);
	add(&r->rec, s, n);
	add(&r->rec, "]", 1);
}

static void
ref_row(int c, void *data)
{
	struct ref *r = data;

	(void)c;
	add(&r->out, r->rec.s, r->rec.n);
	add(&r->out, "\n", 1);
	r->rec.n = 0;
}

static char *
ref_parse(const char *data, size_t n)
{
	struct csv_parser p;
	struct ref r = { { 0 }, { 0 } };

	add(&r.out, "", 0);
	add(&r.rec, "", 0);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	csv_set_space_func(&p, ref_never_space);
	if (csv_parse(&p, data, n, ref_field, ref_row, &r) < n ||
	    csv_error(&p) != CSV_SUCCESS ||
	    csv_fini(&p, ref_field, ref_row, &r) != 0)
		add(&r.out, "ERR\n", 4);
	csv_free(&p);
	free(r.rec.s);
	return r.out.s;
}

static char *
reader_parse(const char *data, size_t n)
{
	crm_csv_config cfg = { .delimiter = ',' };
	char path[] = "/tmp/crm_test_quick-XXXXXX";
	int fd = mkstemp(path);
	crm_csv_reader *r;
	crm_record rec;
	crm_error err;
	buf out = { 0 };
	int rc;

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	r = crm_csv_open_fd(fd, "q.csv", &cfg, NULL, &err);
	assert_non_null(r);
	add(&out, "", 0);
	while ((rc = crm_csv_read(r, &rec, &err)) > 0) {
		for (size_t i = 0; i < rec.n; i++) {
			add(&out, "[", 1);
			add(&out, rec.f[i], rec.len[i]);
			add(&out, "]", 1);
		}
		add(&out, "\n", 1);
	}
	if (rc < 0) {
		assert_int_equal(err.status, CRM_EXIT_DATA);
		add(&out, "ERR\n", 4);
	}
	crm_csv_close(r);
	return out.s;
}

/* One field, mostly valid: unquoted with spaces and tabs inside and
 * around, or quoted with delimiters, line ends, doubled quotes and spaces
 * inside; sometimes spaces outside its quotes (which libcsv trims by
 * default and a strict parse that never trims rejects). */
static void
some_field(buf *b)
{
	static const char *const plain[] = { "a", "bc", " ", "\t", "1.5" };
	static const char *const inner[] = {
		"a", " ", "\t", ",", "\n", "\r\n", "\"\"", "x y", ", ",
	};
	size_t k = rnd() % 5;

	if (rnd() % 2) {
		for (size_t i = 0; i < k; i++) {
			const char *pc = plain[rnd() % 5];

			add(b, pc, strlen(pc));
		}
		return;
	}
	if (rnd() % 8 == 0)
		add(b, " ", 1);
	add(b, "\"", 1);
	for (size_t i = 0; i < k; i++) {
		const char *pc = inner[rnd() % 9];

		add(b, pc, strlen(pc));
	}
	add(b, "\"", 1);
	if (rnd() % 8 == 0)
		add(b, rnd() % 2 ? " " : "\t", 1);
}

static void
test_quoted_spaces(void **state)
{
	static const char *const piece[] = {
		"\"", "\"", "\"", " ", " ", "\t", ",", ",", "a", "bc",
		"\n", "\r\n", "\"\"", " \"", "\" ", ", ", " ,",
	};
	size_t npiece = sizeof piece / sizeof piece[0];
	unsigned long inputs = 0, errors = 0;

	(void)state;
	rng = 4711;
	for (int run = 0; run < 20000; run++) {
		buf in = { 0 };
		size_t len = 1 + (size_t)(rnd() % 12);
		char *want, *got;

		add(&in, "", 0);
		if (run % 2) {		/* pieces at random */
			for (size_t i = 0; i < len; i++) {
				const char *pc = piece[rnd() % npiece];

				add(&in, pc, strlen(pc));
			}
		} else {		/* records of fields */
			for (size_t i = 0; i < len; i++) {
				some_field(&in);
				if (rnd() % 4 == 0)
					add(&in, rnd() % 2 ? "\n" : "\r\n",
					    rnd() % 2 ? 1 : 2);
				else
					add(&in, ",", 1);
			}
		}
		if (rnd() % 2)
			add(&in, "\n", 1);
		want = ref_parse(in.s, in.n);
		got = reader_parse(in.s, in.n);
		if (strcmp(want, got) != 0)
			fail_msg("input [%s]: libcsv never trimming gives\n%s"
			    "the reader gives\n%s", in.s, want, got);
		inputs++;
		errors += strstr(want, "ERR") != NULL;
		free(want);
		free(got);
		free(in.s);
	}
	print_message("%lu inputs, %lu with an error\n", inputs, errors);
	/* both outcomes, many times */
	assert_true(errors > 3000 && inputs - errors > 3000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_writer_num),
		cmocka_unit_test(test_quoted_spaces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
