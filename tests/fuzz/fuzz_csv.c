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
 *  - writing the records (alternately passed through raw, as tools do,
 *    and written field by field, re-quoted as needed) and reading the
 *    output back gives the same fields;
 *  - crm_input returns exactly the data records of each operand, checks
 *    field counts against the header, and gives them again after a
 *    rewind.
 */
#define _GNU_SOURCE		/* memfd_create */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "crm_csv.h"
#include "crm_csvw.h"
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

/* Read the operands through crm_input, twice, and compare with the
 * records of one plain read (ref). */
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
done:
	crm_input_close(in);
out:
	close(fd);
	close(efd);
	if (pfd[0] >= 0)
		close(pfd[0]);
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
	return 0;
}
