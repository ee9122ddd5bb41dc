/*
 * fuzz_csv: the CSV reader (crm_csv_reader, crm_input) and the writer
 * (crm_writer) on arbitrary bytes.
 *
 * Input: three configuration bytes, then the CSV data.
 *   byte 0  bits 0-2  input delimiter: sniff , ; TAB | SPACE 'x' 0xA7
 *           bits 3-4  encoding: utf-8, utf-8, cp1252, latin1
 *           bits 5-6  output delimiter: the input's, ',', ';', TAB
 *           bit  7    output with CRLF
 *   byte 1  0: the data arrives in one read(); N: the first 16 read()s
 *           return N bytes each (a SOCK_SEQPACKET socket keeps message
 *           boundaries, so chunking is deterministic)
 *   byte 2  bit 0: also read through crm_input (two operands, a rewind)
 *           bit 1: with -H     bit 2: an empty operand in between
 *           bit 3: the first operand is a pipe (read once, spooled)
 *           bits 4-7 0x10: also compare the reader thread on 256 KiB
 *           an operand: the data up to its last line feed repeated,
 *           then the rest (replay only: a quarter of a second an
 *           input under libFuzzer)
 *
 * Properties:
 *  - no crash, no leak, no undefined behaviour;
 *  - every record has a field; record lines strictly increase and an
 *    error names a line no earlier than the last record's; errors are
 *    data errors (status 1) naming the input;
 *  - how the bytes arrive does not matter: chunked reads give what one
 *    read gives;
 *  - the memchr fast path and libcsv agree: the same input with every
 *    field of every quote-free line wrapped in quotes (which sends each
 *    such record through libcsv) gives the same records, lines and error;
 *  - the reader gives the fields and outcome (end or error) of libcsv
 *    told never to trim spaces, run over the whole UTF-8 input: records
 *    holding quotes are parsed by libcsv with its default space handling
 *    first, and that parse is kept only when it provably dropped no
 *    byte;
 *  - writing the records (alternately passed through raw, as tools do,
 *    and written field by field, re-quoted as needed) and reading the
 *    output back gives the same fields;
 *  - crm_input returns exactly the data records of each operand, checks
 *    field counts against the header, and gives them again after a
 *    rewind; after a pass without error, crm_input_frame_only gives the
 *    same records (raw bytes, lines) unsplit;
 *  - crm_input with its reader thread (crm_ahead) and without it
 *    (CRMKIT_THREADS=1) gives the same header, records (fields, raw
 *    bytes, lines, operand names), rewinds and end or error: with the
 *    delimiter and -H as configured, and (replay) sniffing with -H the
 *    other way.
 */
#define _GNU_SOURCE		/* memfd_create */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csv.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_utf8.h"
#include "crm_writer.h"
#include "fuzz.h"

#define MAX_CHUNKS 16
#define PIECE ((size_t)16 * 1024)	/* <= every read() size of the reader */
#define SEQPACKET_MAX ((size_t)64 * 1024)

/* ------------------------------------------------------------------ */
/* Records kept for comparison */

typedef struct recs {
	size_t n, cap;
	size_t *nf;		/* fields of record i */
	size_t *first;		/* index of its first field */
	unsigned long *line;
	size_t nfield, fcap;
	size_t *foff, *flen;
	char *bytes;
	size_t nbytes, bcap;
	int rc;			/* 0: end of input, -1: error, -2: open failed */
	crm_error err;
} recs;

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		abort();
	return q;
}

static void
recs_push(recs *s, const crm_record *rec)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->nf = xrealloc(s->nf, s->cap * sizeof *s->nf);
		s->first = xrealloc(s->first, s->cap * sizeof *s->first);
		s->line = xrealloc(s->line, s->cap * sizeof *s->line);
	}
	s->nf[s->n] = rec->n;
	s->first[s->n] = s->nfield;
	s->line[s->n] = rec->line;
	s->n++;
	for (size_t i = 0; i < rec->n; i++) {
		if (s->nfield == s->fcap) {
			s->fcap = s->fcap ? 2 * s->fcap : 64;
			s->foff = xrealloc(s->foff, s->fcap * sizeof *s->foff);
			s->flen = xrealloc(s->flen, s->fcap * sizeof *s->flen);
		}
		while (rec->len[i] > s->bcap - s->nbytes) {
			s->bcap = s->bcap ? 2 * s->bcap : 1024;
			s->bytes = xrealloc(s->bytes, s->bcap);
		}
		if (rec->len[i] > 0)
			memcpy(s->bytes + s->nbytes, rec->f[i], rec->len[i]);
		s->foff[s->nfield] = s->nbytes;
		s->flen[s->nfield] = rec->len[i];
		s->nbytes += rec->len[i];
		s->nfield++;
	}
}

static void
recs_free(recs *s)
{
	free(s->nf);
	free(s->first);
	free(s->line);
	free(s->foff);
	free(s->flen);
	free(s->bytes);
	memset(s, 0, sizeof *s);
}

static bool
field_eq(const recs *a, size_t fa, const char *f, size_t len)
{
	return a->flen[fa] == len &&
	    (len == 0 || memcmp(a->bytes + a->foff[fa], f, len) == 0);
}

/* Whether record i of a and record j of b hold the same fields. */
static bool
rec_eq(const recs *a, size_t i, const recs *b, size_t j)
{
	if (a->nf[i] != b->nf[j])
		return false;
	for (size_t k = 0; k < a->nf[i]; k++) {
		size_t fb = b->first[j] + k;

		if (!field_eq(a, a->first[i] + k,
		    b->flen[fb] > 0 ? b->bytes + b->foff[fb] : "",
		    b->flen[fb]))
			return false;
	}
	return true;
}

static void
dump_rec(const char *label, const recs *s, size_t i)
{
	fprintf(stderr, "  %s: record %zu, line %lu, %zu fields\n", label, i,
	    s->line[i], s->nf[i]);
	for (size_t k = 0; k < s->nf[i] && k < 20; k++) {
		size_t f = s->first[i] + k;

		fuzz_dump("field", s->bytes + s->foff[f], s->flen[f]);
	}
}

/* The message without its "NAME:" prefix. */
static const char *
msg_rest(const crm_error *e, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(e->msg, name, n) == 0 && e->msg[n] == ':')
		return e->msg + n + 1;
	return e->msg;
}

/* a and b are the same records (lines too if with_lines) and ended the
 * same way. */
static void
same_recs(const recs *a, const recs *b, bool with_lines, const char *what,
	  const uint8_t *data, size_t size)
{
	size_t n = a->n < b->n ? a->n : b->n;

	for (size_t i = 0; i < n; i++) {
		if (rec_eq(a, i, b, i) &&
		    (!with_lines || a->line[i] == b->line[i]))
			continue;
		fuzz_dump("input", data, size);
		dump_rec("expected", a, i);
		dump_rec("got", b, i);
		FUZZ_CHECK(0, "%s: record %zu differs", what, i);
	}
	if (a->n != b->n || a->rc != b->rc ||
	    (a->rc < 0 && strcmp(a->err.msg, b->err.msg) != 0)) {
		fuzz_dump("input", data, size);
		fprintf(stderr, "  expected %zu records, rc %d \"%s\"\n",
		    a->n, a->rc, a->rc < 0 ? a->err.msg : "");
		fprintf(stderr, "  got %zu records, rc %d \"%s\"\n", b->n,
		    b->rc, b->rc < 0 ? b->err.msg : "");
		FUZZ_CHECK(0, "%s: records or outcome differ", what);
	}
}

/* ------------------------------------------------------------------ */
/* Descriptors holding the data */

static int
mem_fd(const void *data, size_t n)
{
	int fd = memfd_create("fuzz_csv", 0);

	FUZZ_CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	FUZZ_CHECK(n == 0 || write(fd, data, n) == (ssize_t)n, "write");
	FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	return fd;
}

/* A descriptor whose first MAX_CHUNKS read()s return chunk bytes each. */
static int
chunked_fd(const uint8_t *data, size_t n, size_t chunk)
{
	int sv[2], big = 1 << 22;
	size_t off = 0;

	if (chunk == 0 || n > SEQPACKET_MAX)
		return mem_fd(data, n);
	FUZZ_CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0,
	    "socketpair: %s", strerror(errno));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	for (int i = 0; off < n; i++) {
		size_t k = i < MAX_CHUNKS ? chunk : PIECE;

		if (k > n - off)
			k = n - off;
		if (write(sv[1], data + off, k) != (ssize_t)k) {
			/* the socket buffer is full: fall back */
			close(sv[0]);
			close(sv[1]);
			return mem_fd(data, n);
		}
		off += k;
	}
	close(sv[1]);
	return sv[0];
}

/* ------------------------------------------------------------------ */
/* Reading */

/* The number in "NAME:LINE: ...", or 0. */
static unsigned long
msg_line(const crm_error *e, const char *name)
{
	const char *s = msg_rest(e, name);

	if (s == e->msg || *s < '0' || *s > '9')
		return 0;
	return strtoul(s, NULL, 10);
}

/*
 * Read data[0..n) with cfg into out; if w is not NULL write each record
 * to it (even records passed through raw, odd ones field by field).
 * Returns the delimiter in use.
 */
static int
read_all(const uint8_t *data, size_t n, const crm_csv_config *cfg,
	 size_t chunk, recs *out, crm_writer *w)
{
	crm_csv_reader *r;
	crm_record rec;
	crm_error err;
	unsigned long last = 0;
	int rc, delim;

	memset(out, 0, sizeof *out);
	r = crm_csv_open_fd(chunked_fd(data, n, chunk), "in", cfg, NULL,
	    &err);
	if (r == NULL) {
		out->rc = -2;
		out->err = err;
		return -1;
	}
	delim = crm_csv_delimiter(r, &err);
	if (delim < 0) {
		/* sniffing reads the first line, which may not convert */
		FUZZ_CHECK(err.status == CRM_EXIT_DATA && cfg->delimiter == 0,
		    "delimiter: %s", err.msg);
		FUZZ_CHECK(crm_csv_read(r, &rec, &out->err) < 0 &&
		    strcmp(out->err.msg, err.msg) == 0, "error not sticky");
		out->rc = -1;
		crm_csv_close(r);
		return -1;
	}
	FUZZ_CHECK(delim > 0 && delim < 256, "delimiter %d", delim);
	FUZZ_CHECK(cfg->delimiter == 0 || delim == cfg->delimiter,
	    "delimiter %d, configured %d", delim, cfg->delimiter);
	while ((rc = crm_csv_read(r, &rec, &err)) > 0) {
		FUZZ_CHECK(rec.n >= 1, "a record without fields");
		FUZZ_CHECK(rec.line > last, "line %lu after line %lu",
		    rec.line, last);
		last = rec.line;
		recs_push(out, &rec);
		if (w == NULL)
			continue;
		if (out->n % 2 == 1) {
			FUZZ_CHECK(crm_writer_record(w, &rec, delim) == 0,
			    "crm_writer_record");
		} else {
			for (size_t i = 0; i < rec.n; i++)
				FUZZ_CHECK(crm_writer_field(w, rec.f[i],
				    rec.len[i]) == 0, "crm_writer_field");
		}
		FUZZ_CHECK(crm_writer_end(w) == 0, "crm_writer_end");
	}
	out->rc = rc;
	if (rc < 0) {
		crm_error again;

		out->err = err;
		FUZZ_CHECK(err.status == CRM_EXIT_DATA, "status %d: %s",
		    err.status, err.msg);
		FUZZ_CHECK(msg_rest(&err, "in") != err.msg,
		    "error does not name the input: %s", err.msg);
		FUZZ_CHECK(msg_line(&err, "in") >= last,
		    "error line before record line %lu: %s", last, err.msg);
		/* errors are sticky */
		FUZZ_CHECK(crm_csv_read(r, &rec, &again) < 0 &&
		    strcmp(again.msg, err.msg) == 0, "error not sticky");
	} else {
		FUZZ_CHECK(crm_csv_read(r, &rec, &err) == 0,
		    "a record after the end");
	}
	crm_csv_close(r);
	return delim;
}

/* ------------------------------------------------------------------ */
/* libcsv never trimming, over the whole input */

struct never_trim {
	recs out;
	char *bytes;		/* the current record's fields */
	size_t nbytes, bcap;
	size_t *off, *len, nf, fcap;
	unsigned long rows;
};

static int
never_space_ref(unsigned char c)
{
	(void)c;
	return 0;
}

static void
nt_field(void *s, size_t n, void *data)
{
	struct never_trim *t = data;

	if (t->nf == t->fcap) {
		t->fcap = t->fcap ? 2 * t->fcap : 16;
		t->off = xrealloc(t->off, t->fcap * sizeof *t->off);
		t->len = xrealloc(t->len, t->fcap * sizeof *t->len);
	}
	while (n > t->bcap - t->nbytes) {
		t->bcap = t->bcap ? 2 * t->bcap : 256;
		t->bytes = xrealloc(t->bytes, t->bcap);
	}
	if (n > 0)
		memcpy(t->bytes + t->nbytes, s, n);
	t->off[t->nf] = t->nbytes;
	t->len[t->nf++] = n;
	t->nbytes += n;
}

static void
nt_row(int c, void *data)
{
	struct never_trim *t = data;
	const char **f = xrealloc(NULL, (t->nf + 1) * sizeof *f);
	crm_record rec = { 0 };

	(void)c;
	for (size_t i = 0; i < t->nf; i++)
		f[i] = t->bytes != NULL ? t->bytes + t->off[i] : "";
	rec.n = t->nf;
	rec.f = f;
	rec.len = t->len;
	rec.line = ++t->rows;
	recs_push(&t->out, &rec);
	free(f);
	t->nf = t->nbytes = 0;
}

static void
check_never_trim(const uint8_t *csv, size_t n, int delim, const recs *a)
{
	struct never_trim t;
	struct csv_parser p;
	bool failed;

	memset(&t, 0, sizeof t);
	if (n >= 3 && memcmp(csv, "\xEF\xBB\xBF", 3) == 0) {
		csv += 3;
		n -= 3;
	}
	FUZZ_CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0, "csv_init");
	csv_set_space_func(&p, never_space_ref);
	csv_set_delim(&p, (unsigned char)delim);
	failed = csv_parse(&p, csv, n, nt_field, nt_row, &t) < n ||
	    csv_error(&p) != CSV_SUCCESS ||
	    csv_fini(&p, nt_field, nt_row, &t) != 0;
	csv_free(&p);
	for (size_t i = 0; i < a->n && i < t.out.n; i++) {
		if (rec_eq(a, i, &t.out, i))
			continue;
		fuzz_dump("input", csv, n);
		dump_rec("libcsv never trimming", &t.out, i);
		dump_rec("reader", a, i);
		FUZZ_CHECK(0, "record %zu differs from libcsv never trimming",
		    i);
	}
	/* libcsv knows no encodings: where the reader stopped at invalid
	 * UTF-8, the input must hold some, and the records before it are
	 * libcsv's (compared above) */
	if (a->rc < 0 && strstr(a->err.msg, "invalid UTF-8") != NULL) {
		FUZZ_CHECK(!crm_utf8_valid((const char *)csv, n) &&
		    a->n <= t.out.n, "reader: %s on valid UTF-8, or %zu "
		    "records where libcsv has %zu", a->err.msg, a->n,
		    t.out.n);
		goto done;
	}
	FUZZ_CHECK(a->n == t.out.n && (a->rc < 0) == failed,
	    "reader: %zu records, %s; libcsv never trimming: %zu, %s",
	    a->n, a->rc < 0 ? a->err.msg : "end", t.out.n,
	    failed ? "error" : "end");
done:
	recs_free(&t.out);
	free(t.bytes);
	free(t.off);
	free(t.len);
}

/* ------------------------------------------------------------------ */
/* The variant that sends every record through libcsv */

/*
 * Copy data with every field of every quote-free line that starts a
 * record wrapped in quotes.  Quote parity tells where records start (it
 * is exact up to the first malformed record, and nothing after that is
 * compared).  A leading BOM stays outside (utf8: it is dropped).
 */
static char *
quote_all(const uint8_t *data, size_t n, int delim, bool utf8, size_t *outn)
{
	char *out = xrealloc(NULL, 3 * n + 8);
	size_t i = 0, o = 0;
	bool quoted = false;

	if (utf8 && n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		memcpy(out, data, 3);
		i = o = 3;
	}
	while (i < n) {
		size_t e = i, t;
		bool has_quote = false;

		while (e < n && data[e] != '\n' && data[e] != '\r') {
			if (data[e] == '"')
				has_quote = true;
			e++;
		}
		t = e;
		if (t < n)
			t += (data[t] == '\r' && t + 1 < n &&
			    data[t + 1] == '\n') ? 2 : 1;
		if (!quoted && !has_quote && e > i) {
			out[o++] = '"';
			for (size_t k = i; k < e; k++) {
				if (data[k] == (uint8_t)delim) {
					out[o++] = '"';
					out[o++] = (char)delim;
					out[o++] = '"';
				} else {
					out[o++] = (char)data[k];
				}
			}
			out[o++] = '"';
		} else {
			for (size_t k = i; k < e; k++)
				if (data[k] == '"')
					quoted = !quoted;
			memcpy(out + o, data + i, e - i);
			o += e - i;
		}
		memcpy(out + o, data + e, t - e);
		o += t - e;
		i = t;
	}
	*outn = o;
	return out;
}

/* ------------------------------------------------------------------ */
/* crm_input */

/* Records as text (line, length, raw bytes), to compare a framed pass
 * with the one before it. */
typedef struct rawlog {
	char *b;
	size_t n, cap;
} rawlog;

static void
rawlog_add(rawlog *l, const crm_record *rec)
{
	char head[64];
	int k = snprintf(head, sizeof head, "%lu %zu:", rec->line,
	    rec->rawlen);

	while (l->n + (size_t)k + rec->rawlen > l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->b = xrealloc(l->b, l->cap);
	}
	memcpy(l->b + l->n, head, (size_t)k);
	memcpy(l->b + l->n + (size_t)k, rec->raw, rec->rawlen);
	l->n += (size_t)k + rec->rawlen;
}

/* After a pass that read all of in without error (its records in
 * before): a framed pass gives the same records, unsplit. */
static void
check_framed(crm_input *in, const rawlog *before, size_t hn)
{
	rawlog after = { 0 };
	crm_record rec;
	crm_error err;
	int rc;

	crm_input_frame_only(in);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		FUZZ_CHECK(rec.f == NULL && rec.n == hn, "framed: split");
		rawlog_add(&after, &rec);
	}
	FUZZ_CHECK(rc == 0, "framed: %s", err.msg);
	FUZZ_CHECK(after.n == before->n && (after.n == 0 ||
	    memcmp(after.b, before->b, after.n) == 0),
	    "framed: records differ");
	free(after.b);
}

/* Read the operands through crm_input, twice, and compare with the
 * records of one plain read (ref); when all is valid, a third time
 * framed only. */
static void
check_input(const uint8_t *data, size_t size, const crm_csv_config *cfg,
	    const recs *ref, bool empty_between, bool pipe_first)
{
	int fd = mem_fd(data, size), efd = mem_fd("", 0), pfd[2] = { -1, -1 };
	char path[64], epath[64], ppath[64];
	char *paths[3];
	size_t np = 0, hn, first;
	crm_input *in;
	crm_record rec;
	crm_error err;
	rawlog seen = { 0 };
	int rc;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	snprintf(epath, sizeof epath, "/proc/self/fd/%d", efd);
	paths[np++] = path;
	/* a pipe holding the data, its write end closed: it can be read
	 * once, so a two-pass crm_input must spool it */
	if (pipe_first && size <= 65536 && pipe(pfd) == 0) {
		if (size == 0 || write(pfd[1], data, size) == (ssize_t)size) {
			snprintf(ppath, sizeof ppath, "/proc/self/fd/%d",
			    pfd[0]);
			paths[0] = ppath;
		}
		close(pfd[1]);
	}
	if (empty_between)
		paths[np++] = epath;
	paths[np++] = path;

	in = crm_input_open(paths, np, cfg, true, &err);
	if (ref->n == 0) {
		/* no header: an error in the first record, or nothing */
		if (ref->rc < 0) {
			FUZZ_CHECK(in == NULL && err.status == ref->err.status &&
			    strcmp(msg_rest(&err, paths[0]),
			    msg_rest(&ref->err, "in")) == 0,
			    "open: \"%s\", expected \"%s\"",
			    in ? "" : err.msg, ref->err.msg);
		} else {
			FUZZ_CHECK(in != NULL, "open: %s", err.msg);
			FUZZ_CHECK(crm_input_header(in)->n == 0,
			    "a header from nothing");
			FUZZ_CHECK(crm_input_read(in, &rec, &err) == 0,
			    "a record from nothing");
			crm_input_close(in);
		}
		goto out;
	}
	FUZZ_CHECK(in != NULL, "open: %s", err.msg);
	hn = ref->nf[0];
	/* messages name the operand (paths[0] for the first, which may be
	 * the pipe): errors are compared by what follows the name */
	FUZZ_CHECK(crm_input_header(in)->n == hn, "header of %zu fields, "
	    "expected %zu", crm_input_header(in)->n, hn);
	FUZZ_CHECK((crm_input_header_record(in) == NULL) == cfg->no_header,
	    "header record");
	first = cfg->no_header ? 0 : 1;
	for (int pass = 0; pass < 2; pass++) {
		for (int op = 0; op < 2; op++) {
			for (size_t i = first; i < ref->n; i++) {
				rc = crm_input_read(in, &rec, &err);
				if (ref->nf[i] != hn) {
					FUZZ_CHECK(rc < 0 && err.status ==
					    CRM_EXIT_DATA &&
					    strstr(err.msg, "expected") != NULL,
					    "field count: rc %d %s", rc,
					    rc < 0 ? err.msg : "");
					goto done;
				}
				FUZZ_CHECK(rc == 1, "rc %d: %s", rc,
				    rc < 0 ? err.msg : "");
				FUZZ_CHECK(rec.line == ref->line[i],
				    "line %lu, expected %lu", rec.line,
				    ref->line[i]);
				FUZZ_CHECK(rec.n == hn, "fields");
				if (pass == 1)
					rawlog_add(&seen, &rec);
				for (size_t k = 0; k < hn; k++)
					FUZZ_CHECK(field_eq(ref,
					    ref->first[i] + k, rec.f[k],
					    rec.len[k]), "record %zu field %zu",
					    i, k);
			}
			if (ref->rc < 0) {
				rc = crm_input_read(in, &rec, &err);
				FUZZ_CHECK(rc < 0 && strcmp(msg_rest(&err,
				    op == 0 ? paths[0] : paths[np - 1]),
				    msg_rest(&ref->err, "in")) == 0,
				    "error \"%s\", expected \"%s\"",
				    rc < 0 ? err.msg : "", ref->err.msg);
				goto done;
			}
		}
		FUZZ_CHECK(crm_input_read(in, &rec, &err) == 0, "end");
		FUZZ_CHECK(crm_input_rewind(in, &err) == 0, "rewind: %s",
		    err.msg);
	}
	check_framed(in, &seen, hn);
done:
	free(seen.b);
	crm_input_close(in);
out:
	close(fd);
	close(efd);
	if (pfd[0] >= 0)
		close(pfd[0]);
}

/* ------------------------------------------------------------------ */
/* crm_input with and without its reader thread */

/* What a crm_input gave, as text, an entry per step (the header, a
 * record, a rewind, the end), to compare two of them. */
typedef struct ilog {
	char *b;
	size_t n, cap;
	size_t *at;		/* where entry i starts */
	size_t nat, atcap;
} ilog;

static void
log_put(ilog *l, const void *p, size_t n)
{
	while (n > l->cap - l->n) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->b = xrealloc(l->b, l->cap);
	}
	if (n > 0)
		memcpy(l->b + l->n, p, n);
	l->n += n;
}

static void
log_vprintf(ilog *l, const char *fmt, va_list ap)
{
	char buf[256];
	int k = vsnprintf(buf, sizeof buf, fmt, ap);

	FUZZ_CHECK(k >= 0 && (size_t)k < sizeof buf, "log entry too long");
	log_put(l, buf, (size_t)k);
}

/* Start entry l->nat. */
static void
log_start(ilog *l)
{
	if (l->nat == l->atcap) {
		l->atcap = l->atcap ? 2 * l->atcap : 64;
		l->at = xrealloc(l->at, l->atcap * sizeof *l->at);
	}
	l->at[l->nat++] = l->n;
}

static void __attribute__((format(printf, 2, 3)))
log_entry(ilog *l, const char *fmt, ...)
{
	va_list ap;

	log_start(l);
	va_start(ap, fmt);
	log_vprintf(l, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 2, 3)))
log_printf(ilog *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(l, fmt, ap);
	va_end(ap);
}

/* What every record logs, not through printf, which would take most of
 * the time of a large input (a record may have 100000 fields). */
static void
log_str(ilog *l, const char *s)
{
	log_put(l, s, strlen(s));
}

static void
log_num(ilog *l, unsigned long long v)
{
	char num[24];
	size_t k = sizeof num;

	do {
		num[--k] = (char)('0' + v % 10);
	} while ((v /= 10) > 0);
	log_put(l, num + k, sizeof num - k);
}

/* " N:" and the n bytes of s, which may be anything. */
static void
log_data(ilog *l, const char *s, size_t n)
{
	log_put(l, " ", 1);
	log_num(l, n);
	log_put(l, ":", 1);
	log_put(l, s, n);
}

/* A message or operand name, each operand's path written as #i: the two
 * readings open pipes of their own, under other names. */
static void
log_names(ilog *l, const char *s, char *const *paths, size_t np)
{
	log_put(l, " ", 1);
	while (*s != '\0') {
		size_t best = 0, k = 0;

		for (size_t i = 0; i < np; i++) {
			size_t len = strlen(paths[i]);

			if (len > best && strncmp(s, paths[i], len) == 0) {
				best = len;
				k = i;
			}
		}
		if (best > 0) {
			log_printf(l, "#%zu", k);
			s += best;
		} else {
			log_put(l, s++, 1);
		}
	}
}

static void
log_free(ilog *l)
{
	free(l->b);
	free(l->at);
	memset(l, 0, sizeof *l);
}

/* The operands of one reading. */
typedef struct operands {
	const uint8_t *data;
	size_t size;
	bool empty_between;	/* an empty operand between two of data */
	bool pipe_first;	/* the first of them a pipe (spooled) */
	bool twice;		/* else data only once */
} operands;

/*
 * Read ops through crm_input with the reader thread or without: the
 * header, up to first records, a rewind, every record, the end and a
 * read after it.
 */
static void
input_log(const operands *ops, const crm_csv_config *cfg, size_t first,
	  bool threads, ilog *l)
{
	int fd = mem_fd(ops->data, ops->size), fd2 = -1, efd = -1;
	int pfd[2] = { -1, -1 };
	char path[64], path2[64], epath[64], ppath[64];
	char *paths[3];
	const crm_header *h;
	const crm_record *hr;
	size_t np = 0;
	crm_input *in;
	crm_record rec;
	crm_error err;
	int rc = 1;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	paths[np++] = path;
	if (ops->pipe_first && ops->size <= 65536 && pipe(pfd) == 0) {
		if (ops->size == 0 || write(pfd[1], ops->data, ops->size) ==
		    (ssize_t)ops->size) {
			snprintf(ppath, sizeof ppath, "/proc/self/fd/%d",
			    pfd[0]);
			paths[0] = ppath;
		}
		close(pfd[1]);
	}
	if (ops->empty_between) {
		efd = mem_fd("", 0);
		snprintf(epath, sizeof epath, "/proc/self/fd/%d", efd);
		paths[np++] = epath;
	}
	if (ops->twice) {
		/* a name of its own, to tell where records come from */
		fd2 = mem_fd(ops->data, ops->size);
		snprintf(path2, sizeof path2, "/proc/self/fd/%d", fd2);
		paths[np++] = path2;
	}

	/* crm_ahead_wanted() reads it when crm_input_open starts */
	if (threads)
		FUZZ_CHECK(unsetenv("CRMKIT_THREADS") == 0, "unsetenv");
	else
		FUZZ_CHECK(setenv("CRMKIT_THREADS", "1", 1) == 0, "setenv");
	in = crm_input_open(paths, np, cfg, true, &err);
	if (in == NULL) {
		log_entry(l, "open: status %d", err.status);
		log_names(l, err.msg, paths, np);
		goto out;
	}
	h = crm_input_header(in);
	log_entry(l, "header: %zu fields, delimiter %d, synthetic %d", h->n,
	    crm_input_delimiter(in), h->synthetic);
	for (size_t k = 0; k < h->n; k++)
		log_data(l, h->name[k], h->len[k]);
	if ((hr = crm_input_header_record(in)) != NULL) {
		log_printf(l, ", line %lu, raw", hr->line);
		log_data(l, hr->raw, hr->rawlen);
	}
	for (int pass = 0; pass < 2; pass++) {
		const char *name = NULL;
		size_t op = 0;

		for (size_t i = 0; pass == 1 || i < first; i++) {
			rc = crm_input_read(in, &rec, &err);
			if (rc <= 0)
				break;
			log_start(l);
			log_str(l, "record: line ");
			log_num(l, rec.line);
			log_str(l, ", fields");
			log_num(l, rec.n);
			for (size_t k = 0; k < rec.n; k++)
				log_data(l, rec.f[k], rec.len[k]);
			log_str(l, ", raw");
			log_data(l, rec.raw, rec.rawlen);
			/* the operand's name, #i for paths[i] (names are
			 * the input's, the same until the operand changes) */
			if (crm_input_name(in) != name) {
				name = crm_input_name(in);
				for (op = 0; op < np; op++)
					if (strcmp(name, paths[op]) == 0)
						break;
			}
			log_str(l, ", from #");
			log_num(l, op);
		}
		if (rc <= 0) {
			/* the end, and the end again */
			for (int k = 0; k < 2; k++) {
				if (k == 1)
					rc = crm_input_read(in, &rec, &err);
				log_entry(l, "end: %d", rc);
				if (rc < 0) {
					log_printf(l, ", status %d",
					    err.status);
					log_names(l, err.msg, paths, np);
				}
				log_printf(l, ", last from");
				log_names(l, crm_input_name(in), paths, np);
			}
		}
		if (pass == 1)
			break;
		rc = crm_input_rewind(in, &err);
		log_entry(l, "rewind: %d", rc);
		if (rc < 0)
			log_names(l, err.msg, paths, np);
	}
	crm_input_close(in);
out:
	close(fd);
	if (fd2 >= 0)
		close(fd2);
	if (efd >= 0)
		close(efd);
	if (pfd[0] >= 0)
		close(pfd[0]);
}

/* The two readings of ops agree, entry by entry. */
static void
check_threads(const operands *ops, const crm_csv_config *cfg, size_t first,
	      const uint8_t *data, size_t size)
{
	ilog a, b;
	size_t i;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	input_log(ops, cfg, first, false, &a);
	input_log(ops, cfg, first, true, &b);
	if (a.n == b.n && memcmp(a.b, b.b, a.n) == 0) {
		log_free(&a);
		log_free(&b);
		return;
	}
	for (i = 0; i < a.nat && i < b.nat; i++) {
		size_t ea = i + 1 < a.nat ? a.at[i + 1] : a.n;
		size_t eb = i + 1 < b.nat ? b.at[i + 1] : b.n;

		if (ea - a.at[i] != eb - b.at[i] ||
		    memcmp(a.b + a.at[i], b.b + b.at[i], ea - a.at[i]) != 0)
			break;
	}
	fuzz_dump("input", data, size);
	fprintf(stderr, "  delimiter %d, -H %d, %zu records before the "
	    "rewind, %zu bytes of data\n", cfg->delimiter, cfg->no_header,
	    first, ops->size);
	if (i < a.nat)
		fuzz_dump("CRMKIT_THREADS=1", a.b + a.at[i],
		    (i + 1 < a.nat ? a.at[i + 1] : a.n) - a.at[i]);
	if (i < b.nat)
		fuzz_dump("reader thread", b.b + b.at[i],
		    (i + 1 < b.nat ? b.at[i + 1] : b.n) - b.at[i]);
	FUZZ_CHECK(0, "crm_input with and without its reader thread: "
	    "entry %zu of %zu and %zu differs", i, a.nat, b.nat);
}

/* The data, and with 0x10 in bits 4-7 of byte 2 a larger input made of
 * it, read with and without the reader thread; the environment's
 * CRMKIT_THREADS is back as it was at the end. */
static void
check_threads_all(const uint8_t *csv, size_t n, const crm_csv_config *cfg,
		  const uint8_t *data, size_t size)
{
	static const char *saved;
	static bool have_saved;
	operands ops = { .data = csv, .size = n, .twice = true,
			 .empty_between = (data[2] & 4) != 0,
			 .pipe_first = (data[2] & 8) != 0 };
	crm_csv_config c = *cfg;

	if (!have_saved) {
		const char *t = getenv("CRMKIT_THREADS");

		saved = t != NULL ? strdup(t) : NULL;
		have_saved = true;
	}
	/* As configured, then in the replay of the corpus sniffing with
	 * -H the other way (libFuzzer varies both itself, and a reading
	 * with the thread costs it as much as all the other checks); a
	 * rewind after 0 to 3 records. */
	for (int k = 0; k < (&fuzz_replaying != NULL ? 2 : 1); k++) {
		c.delimiter = k == 0 ? cfg->delimiter : 0;
		c.no_header = (k == 1) != ((data[2] & 2) != 0);
		check_threads(&ops, &c, data[1] % 4, data, size);
	}
	if ((data[2] & 0xF0) == 0x10 && n > 0 && &fuzz_replaying != NULL) {
		/* Many batches, the worker moving on to the second operand
		 * ahead of the caller, a rewind stopping it in mid-stream.
		 * The lines repeated, the last (unterminated) line once: an
		 * error there comes after all of them.  A line without LF
		 * repeated is a record larger than a batch. */
		const uint8_t *lf = NULL;
		size_t head, reps, bn;
		uint8_t *big;

		for (size_t i = n; i > 0 && lf == NULL; i--)
			if (csv[i - 1] == '\n')
				lf = csv + i - 1;
		head = lf != NULL ? (size_t)(lf - csv) + 1 : n;
		reps = ((size_t)1 << 18) / head + 1;	/* 2 batches */
		bn = reps * head + (n - head);
		big = xrealloc(NULL, bn);
		for (size_t r = 0; r < reps; r++)
			memcpy(big + r * head, csv, head);
		memcpy(big + reps * head, csv + head, n - head);
		ops.data = big;
		ops.size = bn;
		ops.pipe_first = false;
		c.delimiter = cfg->delimiter;
		c.no_header = (data[2] & 2) != 0;
		check_threads(&ops, &c, 1 + (size_t)data[1] * 97, data, size);
		free(big);
	}
	if (saved != NULL)
		setenv("CRMKIT_THREADS", saved, 1);
	else
		unsetenv("CRMKIT_THREADS");
}

/* ------------------------------------------------------------------ */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[8] = { 0, ',', ';', '\t', '|', ' ', 'x',
				       0xA7 };
	static const char *const encs[4] = { NULL, "utf-8", "cp1252",
					     "latin1" };
	static const int odelims[4] = { 0, ',', ';', '\t' };
	crm_csv_config cfg;
	crm_writer_config wc;
	crm_writer *w;
	crm_error err;
	recs a, b, c;
	size_t chunk, n, vn;
	const uint8_t *csv;
	char *variant;
	int delim, ofd;

	if (size < 3)
		return 0;
	memset(&cfg, 0, sizeof cfg);
	cfg.delimiter = delims[data[0] & 7];
	cfg.encoding = encs[(data[0] >> 3) & 3];
	chunk = data[1];
	csv = data + 3;
	n = size - 3;

	/* Read once, writing every record out. */
	memset(&wc, 0, sizeof wc);
	wc.numfmt.precision = -1;
	wc.crlf = (data[0] & 0x80) != 0;
	ofd = memfd_create("fuzz_csv_out", 0);
	FUZZ_CHECK(ofd >= 0, "memfd_create");
	/* the output delimiter is known once the input is open; a first
	 * plain read tells it */
	delim = read_all(csv, n, &cfg, 0, &c, NULL);
	if (delim < 0) {
		/* a delimiter the reader refuses, or a first line that
		 * cannot be converted to sniff it */
		FUZZ_CHECK(c.rc == -2 ? c.err.status == CRM_EXIT_USAGE :
		    c.err.status == CRM_EXIT_DATA, "open: %s", c.err.msg);
		if (c.rc == -1) {
			read_all(csv, n, &cfg, chunk, &a, NULL);
			same_recs(&c, &a, false, "chunked reads", csv, n);
			recs_free(&a);
		}
		recs_free(&c);
		close(ofd);
		check_threads_all(csv, n, &cfg, data, size);
		return 0;
	}
	wc.delimiter = odelims[(data[0] >> 5) & 3] ? odelims[(data[0] >> 5) & 3]
	    : delim;
	w = crm_writer_open_fd(ofd, "out", &wc, &err);
	FUZZ_CHECK(w != NULL, "writer: %s", err.msg);
	FUZZ_CHECK(read_all(csv, n, &cfg, chunk, &a, w) == delim,
	    "the sniffed delimiter depends on read() sizes");
	FUZZ_CHECK(crm_writer_close(w, &err) == 0, "writer: %s", err.msg);
	same_recs(&c, &a, true, "chunked reads", csv, n);
	recs_free(&c);

	/* Read the output back. */
	{
		crm_csv_config oc = { .delimiter = wc.delimiter };
		off_t len = lseek(ofd, 0, SEEK_END);
		recs want = a;

		FUZZ_CHECK(lseek(ofd, 0, SEEK_SET) == 0, "lseek");
		{
			char *out = xrealloc(NULL, (size_t)len);

			FUZZ_CHECK(read(ofd, out, (size_t)len) == len, "read");
			read_all((const uint8_t *)out, (size_t)len, &oc, 0, &b,
			    NULL);
			if (b.rc != 0 || b.n != a.n)
				fuzz_dump("written", out, (size_t)len);
			free(out);
		}
		want.rc = 0;	/* what was written holds no error */
		same_recs(&want, &b, false, "written and read back", csv, n);
		recs_free(&b);
	}
	close(ofd);

	if (cfg.encoding == NULL || strcmp(cfg.encoding, "utf-8") == 0)
		check_never_trim(csv, n, delim, &a);

	/* The fast path against libcsv. */
	if (delim < 0x80) {
		crm_csv_config vc = cfg;

		vc.delimiter = delim;
		variant = quote_all(csv, n, delim, cfg.encoding == NULL ||
		    strcmp(cfg.encoding, "utf-8") == 0, &vn);
		read_all((const uint8_t *)variant, vn, &vc, chunk, &b, NULL);
		if (b.n != a.n || b.rc != a.rc)
			fuzz_dump("variant", variant, vn);
		same_recs(&a, &b, true, "fields of quote-free lines quoted",
		    csv, n);
		recs_free(&b);
		free(variant);
	}

	/* crm_input over two operands, with a rewind. */
	if (data[2] & 1) {
		crm_csv_config ic = cfg;

		ic.no_header = (data[2] & 2) != 0;
		check_input(csv, n, &ic, &a, (data[2] & 4) != 0,
		    (data[2] & 8) != 0);
	}
	recs_free(&a);

	check_threads_all(csv, n, &cfg, data, size);
	return 0;
}
