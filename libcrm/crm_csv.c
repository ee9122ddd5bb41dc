/*
 * crm_csv: streaming CSV input.  See crm_csv.h for the contract.
 *
 * The reader keeps one buffer holding at least the record being parsed,
 * so that fields of quote-free lines and the raw text of every record can
 * point into it (zero copy).  The buffer only grows when one record does
 * not fit, so memory is bounded by the longest record, never by the
 * number of rows.
 */
#include "crm_csv.h"

#include "crm_ahead.h"
#include "crm_tmp.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Large enough that read(2) and memchr amortise well, small enough to stay
 * far below the 8 MB resident limit of SPEC 4. */
#define BUF_INIT ((size_t)256 * 1024)
/* Raw bytes converted per iconv call; single-byte encodings expand at
 * most threefold into UTF-8. */
#define IBUF_SIZE ((size_t)32 * 1024)
/* libcsv grows its field buffer by a fixed block per byte that does not
 * fit; feeding long lines in pieces lets us enlarge the block between
 * pieces so a 16 MB field costs a few reallocs, not 100000. */
#define FEED_MAX ((size_t)64 * 1024)
#define NONE SIZE_MAX
/* At most this much of the first record is sniffed for the delimiter. */
#define SNIFF_MAX ((size_t)64 * 1024)

enum crm_enc { ENC_UTF8, ENC_CP1252, ENC_LATIN1 };

/* The fields of one record, in arrays that grow. */
struct fieldv {
	const char **f;
	size_t *len;
	size_t *aoff;		/* slow path: offsets into the arena */
	size_t n, cap;
};

static void
fieldv_init(struct fieldv *v)
{
	v->n = 0;
	v->cap = 64;
	v->f = crm_xreallocarray(NULL, v->cap, sizeof *v->f);
	v->len = crm_xreallocarray(NULL, v->cap, sizeof *v->len);
	v->aoff = crm_xreallocarray(NULL, v->cap, sizeof *v->aoff);
}

static void
fieldv_free(struct fieldv *v)
{
	free(v->f);
	free(v->len);
	free(v->aoff);
}

struct crm_csv_reader {
	int fd;
	char *name;
	FILE *spool;
	int delim;
	bool started;		/* BOM dropped and delimiter known */
	bool failed;		/* errors are sticky: the stream is unusable */
	crm_error saved;

	/* [pos, end) of buf is read but not yet consumed; pos is always
	 * the start of the record being parsed. */
	char *buf;
	size_t cap, pos, end;
	off_t base;		/* file offset of buf[0] (UTF-8 input only) */
	bool eof;		/* no byte will ever follow end */
	unsigned long line;	/* physical line of buf[pos] */

	/* Cache of the next '\n' so that files with CR line ends do not
	 * rescan the whole buffer for a LF on every line. */
	size_t lf_at;		/* index of a LF, NONE if unknown */
	size_t lf_scanned;	/* no LF in [any record start, lf_scanned) */

	/* --encoding: raw bytes wait in ibuf until converted into buf. */
	enum crm_enc enc;
	iconv_t cd;
	char *ibuf;
	size_t ilen;
	bool fd_eof;
	bool bad_byte;		/* ibuf[0] cannot be converted */

	/* Fields of the current record. */
	struct fieldv fv;
	/* Frame only: a line without a quote is returned unsplit (n == 0,
	 * only raw, rawlen and line set), for crm_input to split in the
	 * thread that uses it (see crm_ahead.h). */
	bool lazy;
	/* Frame only, also the records holding a quote (with lazy; see
	 * crm_input_frame_only). */
	bool framed;

	/* Slow path (records holding a quote): libcsv and a per-reader
	 * arena for the field values it hands out.  csv never trims
	 * (never_space); csv_quick is libcsv with its own space handling,
	 * a quarter faster, whose fields are taken only when it provably
	 * trimmed nothing (see slow_record). */
	struct csv_parser csv;
	struct csv_parser csv_quick;
	char *arena;
	size_t acap, alen;
	bool rec_done;
};

/* ------------------------------------------------------------------ */
/* Helpers shared by the reader and crm_input */

static const char *
tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return (d != NULL && *d != '\0') ? d : "/tmp";
}

static int
parse_encoding(const char *e, enum crm_enc *enc, crm_error *err)
{
	if (e == NULL || strcasecmp(e, "utf-8") == 0 ||
	    strcasecmp(e, "utf8") == 0)
		*enc = ENC_UTF8;
	else if (strcasecmp(e, "cp1252") == 0 ||
	    strcasecmp(e, "windows-1252") == 0)
		*enc = ENC_CP1252;
	else if (strcasecmp(e, "latin1") == 0 ||
	    strcasecmp(e, "latin-1") == 0 ||
	    strcasecmp(e, "iso-8859-1") == 0)
		*enc = ENC_LATIN1;
	else
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "unknown encoding '%s' (use cp1252 or latin1)", e);
	return 0;
}

/* Line ends in s[0..n): LF, CRLF and lone CR each count once. */
static unsigned long
count_lines(const char *s, size_t n)
{
	unsigned long k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			k++;
		} else if (s[i] == '\r') {
			k++;
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		}
	}
	return k;
}

/* What a spool holds, for messages: "standard input" or the operand. */
static const char *
spool_what(const char *name)
{
	return strcmp(name, "<stdin>") == 0 ? "standard input" : name;
}

/* libcsv trims spaces and tabs unless told that nothing is a space. */
static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reading and converting bytes */

static int
reader_fail(crm_csv_reader *r, crm_error *err)
{
	r->failed = true;
	if (err != NULL)
		r->saved = *err;
	else
		crm_error_set(&r->saved, CRM_EXIT_IO, "%s: read error",
		    r->name);
	return -1;
}

/* read(2) into dst, copying every byte to the spool.  Returns the count,
 * 0 at end of file, -1 with err filled. */
static ssize_t
read_raw(crm_csv_reader *r, char *dst, size_t n, crm_error *err)
{
	ssize_t k;

	do
		k = read(r->fd, dst, n);
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		if (errno == EISDIR)
			return crm_error_at(err, CRM_EXIT_IO, r->name, 0,
			    "cannot read: %s", strerror(errno));
		return crm_error_at(err, CRM_EXIT_IO, r->name, 0,
		    "read error: %s", strerror(errno));
	}
	if (k > 0 && r->spool != NULL &&
	    fwrite(dst, 1, (size_t)k, r->spool) != (size_t)k)
		return crm_error_set(err, CRM_EXIT_IO,
		    "cannot spool %s to %s: %s", spool_what(r->name),
		    tmp_dir(), strerror(errno));
	return k;
}

/* Move the unconsumed bytes to the front and make sure at least half the
 * buffer is free, so that a record close to the buffer size is not
 * rescanned after every small read. */
static void
make_room(crm_csv_reader *r)
{
	size_t p = r->pos;

	if (p > 0) {
		memmove(r->buf, r->buf + p, r->end - p);
		r->base += (off_t)p;
		r->end -= p;
		r->pos = 0;
		if (r->lf_at != NONE)
			r->lf_at = r->lf_at >= p ? r->lf_at - p : NONE;
		r->lf_scanned = r->lf_scanned >= p ? r->lf_scanned - p : 0;
	}
	if (r->cap - r->end < r->cap / 2) {
		if (r->cap > SIZE_MAX / 2)
			crm_die(CRM_EXIT_IO, "out of memory");
		r->cap *= 2;
		r->buf = crm_xrealloc(r->buf, r->cap);
	}
}

static int
bad_byte_error(crm_csv_reader *r, crm_error *err)
{
	unsigned long line = r->line +
	    count_lines(r->buf + r->pos, r->end - r->pos);

	return crm_error_at(err, CRM_EXIT_DATA, r->name, line,
	    "byte 0x%02X is not defined in %s",
	    (unsigned)(unsigned char)r->ibuf[0],
	    r->enc == ENC_CP1252 ? "cp1252" : "latin1");
}

/* Convert pending raw bytes into buf; read more raw bytes when none are
 * pending.  Returns 1 when buf grew, 0 at the end, -1 on error. */
static int
fill_converted(crm_csv_reader *r, crm_error *err)
{
	for (;;) {
		if (r->ilen > 0) {
			char *in = r->ibuf, *out = r->buf + r->end;
			size_t inleft = r->ilen, outleft = r->cap - r->end;
			size_t produced;

			if (r->bad_byte)
				return bad_byte_error(r, err);
			if (iconv(r->cd, &in, &inleft, &out, &outleft) ==
			    (size_t)-1 && errno == EILSEQ)
				r->bad_byte = true;
			produced = (size_t)(out - (r->buf + r->end));
			r->end += produced;
			memmove(r->ibuf, in, inleft);
			r->ilen = inleft;
			if (produced > 0)
				return 1;
			if (!r->bad_byte)	/* E2BIG with room < 3 bytes */
				make_room(r);
			continue;
		}
		if (r->fd_eof) {
			r->eof = true;
			return 0;
		}
		ssize_t k = read_raw(r, r->ibuf, IBUF_SIZE, err);

		if (k < 0)
			return -1;
		if (k == 0)
			r->fd_eof = true;
		r->ilen = (size_t)k;
	}
}

/* Append input to buf, keeping [pos, end).  Offsets relative to pos stay
 * valid; absolute pointers into buf do not.  Returns 1 when data was
 * added, 0 at end of input, -1 on error. */
static int
fill(crm_csv_reader *r, crm_error *err)
{
	ssize_t k;

	if (r->eof)
		return 0;
	make_room(r);
	if (r->enc != ENC_UTF8)
		return fill_converted(r, err);
	k = read_raw(r, r->buf + r->end, r->cap - r->end, err);
	if (k < 0)
		return -1;
	if (k == 0) {
		r->eof = true;
		return 0;
	}
	r->end += (size_t)k;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Physical lines */

/* Index of the first LF at or after s, or NONE.  Record starts only move
 * forward, which is what makes the cache valid. */
static size_t
next_lf(crm_csv_reader *r, size_t s)
{
	const char *p;
	size_t from;

	if (r->lf_at != NONE && r->lf_at >= s)
		return r->lf_at;
	from = r->lf_scanned > s ? r->lf_scanned : s;
	p = from < r->end ? memchr(r->buf + from, '\n', r->end - from) : NULL;
	if (p != NULL) {
		r->lf_at = (size_t)(p - r->buf);
		return r->lf_at;
	}
	r->lf_at = NONE;
	r->lf_scanned = r->end;
	return NONE;
}

static void
forget_lf(crm_csv_reader *r)
{
	r->lf_at = NONE;
	r->lf_scanned = 0;
}

/*
 * Find the physical line starting at offset off from pos, reading more
 * input as needed.  *eol is the offset of its terminator, *tl the
 * terminator's length: 2 for CRLF, 1 for LF or CR, 0 for a last line
 * without one.  Returns 1, 0 if no byte is left at off, -1 on error.
 */
static int
line_end(crm_csv_reader *r, size_t off, size_t *eol, size_t *tl,
	 crm_error *err)
{
	for (;;) {
		size_t s = r->pos + off;
		size_t lf = next_lf(r, s);
		size_t lim = lf == NONE ? r->end : lf;
		const char *cr = memchr(r->buf + s, '\r', lim - s);
		size_t cr_eol = NONE;

		if (cr != NULL) {
			size_t c = (size_t)(cr - r->buf);

			/* bad_byte: the next input byte does not convert,
			 * so it is no LF; the line is complete and comes
			 * before the error, as after a LF. */
			if (c + 1 < r->end || r->eof || r->bad_byte) {
				*eol = c - r->pos;
				*tl = (c + 1 < r->end && r->buf[c + 1] == '\n')
				    ? 2 : 1;
				return 1;
			}
			/* a CR at the end of the data: is a LF next? */
			cr_eol = c - r->pos;
		} else if (lf != NONE) {
			*eol = lf - r->pos;
			*tl = 1;
			return 1;
		} else if (r->eof) {
			if (s == r->end)
				return 0;
			*eol = r->end - r->pos;
			*tl = 0;
			return 1;
		}
		if (fill(r, err) < 0) {
			if (cr_eol != NONE && r->bad_byte) {
				/* as above: what follows the CR is no LF */
				*eol = cr_eol;
				*tl = 1;
				return 1;
			}
			return -1;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Sniffing */

int
crm_csv_sniff(const char *buf, size_t len)
{
	static const char cand[4] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0, 0, 0, 0 };
	size_t i = 0, best = 0;
	bool quoted = false, tie = false;

	/* leading blank lines hold no record, so they are not "the first
	 * line" either */
	while (i < len && (buf[i] == '\r' || buf[i] == '\n'))
		i++;
	for (; i < len; i++) {
		char c = buf[i];

		if (c == '"') {
			quoted = !quoted;	/* "" toggles twice */
			continue;
		}
		if (quoted)
			continue;
		if (c == '\n' || c == '\r')
			break;
		for (size_t k = 0; k < 4; k++)
			if (c == cand[k])
				count[k]++;
	}
	for (size_t k = 1; k < 4; k++) {
		if (count[k] > count[best]) {
			best = k;
			tie = false;
		} else if (count[k] == count[best]) {
			tie = true;
		}
	}
	if (count[best] == 0 || tie)
		return ',';
	return cand[best];
}

/* ------------------------------------------------------------------ */
/* The reader */

crm_csv_reader *
crm_csv_open_fd(int fd, const char *name, const crm_csv_config *cfg,
		FILE *spool, crm_error *err)
{
	crm_csv_reader *r;
	enum crm_enc enc;

	if (parse_encoding(cfg->encoding, &enc, err) < 0) {
		close(fd);
		return NULL;
	}
	if (cfg->delimiter == '"' || cfg->delimiter == '\r' ||
	    cfg->delimiter == '\n' || cfg->delimiter < 0 ||
	    cfg->delimiter > 255) {
		close(fd);
		crm_error_set(err, CRM_EXIT_USAGE,
		    "the delimiter cannot be a quote or line end");
		return NULL;
	}
	r = crm_xcalloc(1, sizeof *r);
	r->enc = enc;
	if (enc != ENC_UTF8) {
		const char *from = enc == ENC_CP1252 ? "CP1252" : "ISO-8859-1";

		r->cd = iconv_open("UTF-8", from);
		if (r->cd == (iconv_t)-1) {
			crm_error_set(err, CRM_EXIT_IO,
			    "cannot convert from %s: %s", cfg->encoding,
			    strerror(errno));
			free(r);
			close(fd);
			return NULL;
		}
		r->ibuf = crm_xmalloc(IBUF_SIZE);
	}
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI) != 0 ||
	    csv_init(&r->csv_quick, CSV_STRICT | CSV_STRICT_FINI) != 0)
		crm_die(CRM_EXIT_IO, "out of memory");
	csv_set_space_func(&r->csv, never_space);
	r->fd = fd;
	r->name = crm_xstrdup(name);
	r->spool = spool;
	r->delim = cfg->delimiter;
	r->cap = BUF_INIT;
	r->buf = crm_xmalloc(r->cap);
	crm_tmp_widen_pipe(fd);
	r->line = 1;
	r->lf_at = NONE;
	fieldv_init(&r->fv);
	r->acap = 4096;
	r->arena = crm_xmalloc(r->acap);
	return r;
}

/* Whether s[0..n) holds a line end outside quotes. */
static bool
first_record_end(const char *s, size_t n)
{
	bool quoted = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			return true;
	}
	return false;
}

/* Drop a BOM and settle the delimiter before the first record. */
static int
start(crm_csv_reader *r, crm_error *err)
{
	size_t off = 0, eol, tl;
	int rc;

	r->started = true;
	if (r->enc == ENC_UTF8) {
		while (r->end - r->pos < 3 && (rc = fill(r, err)) != 0)
			if (rc < 0)
				return -1;
		if (r->end - r->pos >= 3 &&
		    memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
			r->pos += 3;
	}
	if (r->delim == 0) {
		size_t avail;

		/* skip blank lines */
		while ((rc = line_end(r, off, &eol, &tl, err)) > 0 &&
		    eol == off)
			off = eol + tl;
		if (rc < 0)
			return -1;
		/* Sniff the first record, which quoted line breaks may
		 * spread over several lines, or its first SNIFF_MAX bytes:
		 * what is sniffed depends on the bytes, never on how
		 * read() happened to split them. */
		for (;;) {
			avail = r->end - r->pos - off;
			if (avail >= SNIFF_MAX || r->eof ||
			    first_record_end(r->buf + r->pos + off, avail))
				break;
			if (fill(r, err) < 0)
				return -1;
		}
		r->delim = crm_csv_sniff(r->buf + r->pos + off,
		    avail < SNIFF_MAX ? avail : SNIFF_MAX);
		forget_lf(r);	/* the scan ran ahead of the first record */
	}
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	csv_set_delim(&r->csv_quick, (unsigned char)r->delim);
	return 0;
}

static void
grow_fields(struct fieldv *v)
{
	v->cap *= 2;
	v->f = crm_xreallocarray(v->f, v->cap, sizeof *v->f);
	v->len = crm_xreallocarray(v->len, v->cap, sizeof *v->len);
	v->aoff = crm_xreallocarray(v->aoff, v->cap, sizeof *v->aoff);
}

/* Room for more fields beyond nf; *f and *len follow a reallocation. */
static inline void
reserve_fields(struct fieldv *v, size_t nf, size_t more, const char ***f,
	       size_t **len)
{
	if (v->cap - nf > more)
		return;
	v->n = nf;
	while (v->cap - nf <= more)
		grow_fields(v);
	*f = v->f;
	*len = v->len;
}

/* Append the fields ended by the delimiters at base + each set bit of
 * mask (lowest first); *from is where the current field starts. */
static inline size_t
emit_fields(const char *s, size_t base, uint64_t mask, const char **f,
	    size_t *len, size_t nf, size_t *from)
{
	while (mask != 0) {
		size_t j = base + (size_t)__builtin_ctzll(mask);

		f[nf] = s + *from;
		len[nf++] = j - *from;
		*from = j + 1;
		mask &= mask - 1;
	}
	return nf;
}

/* Fast path: a line without quotes is its fields, split on the
 * delimiter d into v.  One pass finds the delimiters and any quote (16
 * bytes at a time with SSE2, else byte by byte).  Returns false, with
 * the fields undefined, if s[0..n) holds a quote: the record is libcsv's.
 * tests/unit/test_csvfast.c compares both paths on random input. */
static bool
split_line(struct fieldv *v, char d, const char *s, size_t n)
{
	const char **f = v->f;
	size_t *len = v->len;
	size_t nf = 0;
	size_t i = 0, from = 0;	/* from: start of the current field */

#if defined(__SSE2__)
	{
		const __m128i vd = _mm_set1_epi8(d), vq = _mm_set1_epi8('"');

		for (; i + 16 <= n; i += 16) {
			__m128i c = _mm_loadu_si128((const __m128i *)(s + i));
			unsigned md = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(c, vd));

			if (_mm_movemask_epi8(_mm_cmpeq_epi8(c, vq)) != 0)
				return false;
			reserve_fields(v, nf, 16, &f, &len);
			nf = emit_fields(s, i, md, f, len, nf, &from);
		}
	}
#endif
	for (; i < n; i++) {
		if (s[i] == '"')
			return false;
		if (s[i] != d)
			continue;
		reserve_fields(v, nf, 0, &f, &len);
		f[nf] = s + from;
		len[nf++] = i - from;
		from = i + 1;
	}
	reserve_fields(v, nf, 0, &f, &len);
	f[nf] = s + from;
	len[nf++] = n - from;
	v->n = nf;
	return true;
}

static void
on_field(void *s, size_t n, void *data)
{
	crm_csv_reader *r = data;
	struct fieldv *v = &r->fv;

	if (v->n == v->cap)
		grow_fields(v);
	if (n > r->acap - r->alen) {
		while (n > r->acap - r->alen) {
			if (r->acap > SIZE_MAX / 2)
				crm_die(CRM_EXIT_IO, "out of memory");
			r->acap *= 2;
		}
		r->arena = crm_xrealloc(r->arena, r->acap);
	}
	if (n > 0)
		memcpy(r->arena + r->alen, s, n);
	v->aoff[v->n] = r->alen;
	v->len[v->n++] = n;
	r->alen += n;
}

static void
on_record(int c, void *data)
{
	crm_csv_reader *r = data;

	(void)c;
	r->rec_done = true;
}

/* Hand libcsv n bytes at offset off from pos: one physical line (or its
 * remainder) of a quoted record.  line is that line's number. */
static int
feed(crm_csv_reader *r, struct csv_parser *csv, size_t off, size_t n,
     unsigned long line, crm_error *err)
{
	const char *p = r->buf + r->pos + off;

	for (size_t done = 0; done < n && !r->rec_done;) {
		size_t k = n - done < FEED_MAX ? n - done : FEED_MAX;
		size_t bs = csv_get_buffer_size(csv);
		size_t got;

		csv_set_blk_size(csv, bs < 4096 ? 4096 : bs);
		got = csv_parse(csv, p + done, k, on_field, on_record, r);
		switch (csv_error(csv)) {
		case CSV_SUCCESS:
			break;
		case CSV_EPARSE:
			/* libcsv stops at the offending byte: a quote means it
			 * sat inside an unquoted field, anything else
			 * followed a closing quote. */
			if (got < k && p[done + got] == '"')
				return crm_error_at(err, CRM_EXIT_DATA,
				    r->name, line,
				    "bare quote in unquoted field");
			return crm_error_at(err, CRM_EXIT_DATA, r->name, line,
			    "unexpected character after closing quote");
		case CSV_ENOMEM:
			/* as crm_xmalloc says it */
			return crm_error_set(err, CRM_EXIT_IO,
			    "out of memory");
		default:
			return crm_error_at(err, CRM_EXIT_IO, r->name, line,
			    "%s", csv_strerror(csv_error(csv)));
		}
		done += k;
	}
	return 0;
}

/* Line of the opening quote of the field libcsv found open at the end of
 * input; s[0..n) is the record from its first byte. */
static unsigned long
open_quote_line(const char *s, size_t n, unsigned long line)
{
	size_t open = 0;
	bool quoted = false;

	for (size_t i = 0; i < n; i++) {
		if (quoted) {
			if (s[i] == '"') {
				if (i + 1 < n && s[i + 1] == '"')
					i++;
				else
					quoted = false;
			}
		} else if (s[i] == '"') {
			quoted = true;
			open = i;
		}
	}
	return line + count_lines(s, open);
}

/* Hand out the record at pos: its raw bytes end at rawend, the next
 * record starts at off (both from pos), and the physical line after it
 * is line. */
static void
take_record(crm_csv_reader *r, crm_record *rec, size_t rawend, size_t off,
	    unsigned long line)
{
	rec->raw = r->buf + r->pos;
	rec->rawlen = rawend;
	rec->line = r->line;
	r->pos += off;
	r->line = line;
}

/* Parse the record starting at pos, whose first line ends at eol with a
 * terminator of tl bytes, with csv into fv and the arena.  Sets *rawend
 * (end of its bytes), *off (start of the next record) and *line (the
 * physical line after it).  Returns 0, or -1 with err filled. */
static int
parse_quoted(crm_csv_reader *r, struct csv_parser *csv, size_t eol,
	     size_t tl, size_t *rawend, size_t *off, unsigned long *line,
	     crm_error *err)
{
	int rc;

	r->fv.n = 0;
	r->alen = 0;
	r->rec_done = false;
	*line = r->line;
	*off = 0;
	for (;;) {
		if (feed(r, csv, *off, eol + tl - *off, *line, err) < 0)
			return -1;
		*rawend = eol;
		*off = eol + tl;
		if (tl > 0)
			(*line)++;
		if (r->rec_done)
			return 0;
		rc = line_end(r, *off, &eol, &tl, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (csv_fini(csv, on_field, on_record, r) != 0)
				return crm_error_at(err, CRM_EXIT_DATA,
				    r->name,
				    open_quote_line(r->buf + r->pos,
				    r->end - r->pos, r->line),
				    "quote opened here is never closed");
			return 0;
		}
	}
}

static size_t
count_quotes(const char *s, size_t n)
{
	size_t k = 0;
	const char *q;

	while ((q = memchr(s, '"', n)) != NULL) {
		k++;
		n -= (size_t)(q + 1 - s);
		s = q + 1;
	}
	return k;
}

/*
 * Whether the fields just parsed account for every byte of the record's
 * rawlen bytes: each byte is a delimiter between fields (n - 1), a quote
 * that opens, closes or escapes (those in the record less those left in
 * the values), or a byte of a value.  libcsv's own space handling only
 * ever drops spaces and tabs (around fields and quotes), never changes
 * or adds a byte, so when nothing is missing it dropped nothing and its
 * fields are those of a parse that never trims.
 */
static bool
nothing_trimmed(const crm_csv_reader *r, size_t rawlen)
{
	const char *raw = r->buf + r->pos;
	size_t n = r->fv.n;

	return n > 0 && rawlen == r->alen + (n - 1) +
	    count_quotes(raw, rawlen) - count_quotes(r->arena, r->alen);
}

/* Slow path: the record starting at pos holds a quote.  Its first line
 * ends at eol with a terminator of tl bytes.  libcsv with its default
 * space handling first; if that failed or dropped a byte, again with
 * never_space, whose result (fields or error) is the one given. */
static int
slow_record(crm_csv_reader *r, crm_record *rec, size_t eol, size_t tl,
	    crm_error *err)
{
	unsigned long line;
	size_t off, rawend;
	crm_error quick_err;
	bool quick_ok = parse_quoted(r, &r->csv_quick, eol, tl, &rawend, &off,
	    &line, &quick_err) == 0;

	if (!quick_ok) {
		/* it stopped inside the record: start it afresh */
		csv_free(&r->csv_quick);
		if (csv_init(&r->csv_quick, CSV_STRICT | CSV_STRICT_FINI) != 0)
			crm_die(CRM_EXIT_IO, "out of memory");
		csv_set_delim(&r->csv_quick, (unsigned char)r->delim);
	}
	if (!quick_ok || !nothing_trimmed(r, rawend)) {
		forget_lf(r);	/* the first parse may have looked ahead */
		if (parse_quoted(r, &r->csv, eol, tl, &rawend, &off, &line,
		    err) < 0)
			return -1;
	}
	for (size_t i = 0; i < r->fv.n; i++)
		r->fv.f[i] = r->arena + r->fv.aoff[i];
	rec->n = r->fv.n;
	rec->f = r->fv.f;
	rec->len = r->fv.len;
	take_record(r, rec, rawend, off, line);
	return 1;
}

/*
 * Frame only: the record at pos holds a quote; its first line ends at eol
 * with a terminator of tl bytes.  The input was read whole by the parser
 * before (crm_input_frame_only), so it is valid strict CSV, where quotes
 * only open and close fields or come doubled inside them: a line end is
 * inside a quoted field exactly when an odd number of quotes precede it
 * in the record.  Gives what slow_record gives, without the fields.
 */
static int
framed_record(crm_csv_reader *r, crm_record *rec, size_t eol, size_t tl,
	      crm_error *err)
{
	unsigned long line = r->line;
	size_t off = 0, rawend, quotes = 0;
	int rc;

	for (;;) {
		quotes += count_quotes(r->buf + r->pos + off, eol - off);
		rawend = eol;
		off = eol + tl;
		if (tl > 0)
			line++;
		if (quotes % 2 == 0)
			break;
		rc = line_end(r, off, &eol, &tl, err);
		if (rc < 0)
			return -1;
		if (rc == 0)	/* not so when the parser read it */
			return crm_error_at(err, CRM_EXIT_IO, r->name, r->line,
			    "file changed since it was first read");
	}
	rec->n = 0;
	take_record(r, rec, rawend, off, line);
	return 1;
}

/*
 * The common case in one pass: the record at pos is a whole line in the
 * buffer, not blank, ended by a LF, with no quote and no CR.  Finds its
 * delimiters and its end 16 bytes at a time and fills rec exactly as
 * line_end() and split_line() would (a lazy reader only finds the end
 * and leaves the line unsplit).  Returns false, having consumed nothing,
 * for anything else (also near the end of the buffered data): the
 * general path of crm_csv_read takes it then.
 */
static bool
fast_line(crm_csv_reader *r, crm_record *rec)
{
#if defined(__SSE2__)
	const char *s = r->buf + r->pos;
	size_t n = r->end - r->pos;
	const bool split = !r->lazy;	/* else only find the line end */
	const __m128i vd = _mm_set1_epi8((char)r->delim);
	const __m128i vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n');
	const __m128i vr = _mm_set1_epi8('\r');
	const char **f = r->fv.f;
	size_t *len = r->fv.len;
	size_t nf = 0, from = 0, eol = 0;

	/* 64 bytes a round, so that the loop over the delimiters found
	 * (whose exit the CPU cannot predict) runs once per 64 bytes */
	for (size_t i = 0; i + 64 <= n; i += 64) {
		uint64_t md = 0, ms = 0;
		bool last;

		for (int k = 0; k < 4; k++) {
			__m128i c = _mm_loadu_si128(
			    (const __m128i *)(s + i + 16 * (size_t)k));
			uint64_t t = (uint16_t)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(c, vq),
			    _mm_cmpeq_epi8(c, vn)), _mm_cmpeq_epi8(c, vr)));

			if (split)
				md |= (uint64_t)(uint16_t)_mm_movemask_epi8(
				    _mm_cmpeq_epi8(c, vd)) << (16 * k);
			ms |= t << (16 * k);
		}
		last = ms != 0;
		if (last) {
			unsigned stop = (unsigned)__builtin_ctzll(ms);

			eol = i + stop;
			if (s[eol] != '\n' || eol == 0)
				return false;	/* quote, CR or blank line */
			md &= (UINT64_C(1) << stop) - 1;
		}
		if (split) {
			reserve_fields(&r->fv, nf, 65, &f, &len);
			nf = emit_fields(s, i, md, f, len, nf, &from);
		}
		if (!last)
			continue;
		if (split) {
			f[nf] = s + from;
			len[nf++] = eol - from;
		}
		r->fv.n = nf;
		rec->n = nf;	/* 0: unsplit */
		rec->f = f;
		rec->len = len;
		rec->raw = s;
		rec->rawlen = eol;
		rec->line = r->line;
		r->pos += eol + 1;
		r->line++;
		return true;
	}
#else
	(void)r;
	(void)rec;
#endif
	return false;
}

/*
 * split_line for a line known to hold no quote (one a lazy reader left
 * unsplit), 64 bytes a round as in fast_line.  s[n..n + 64) must be
 * readable (CRM_AHEAD_SLACK).
 */
static void
split_unquoted(struct fieldv *v, char d, const char *s, size_t n)
{
#if defined(__SSE2__)
	const char **f = v->f;
	size_t *len = v->len;
	size_t nf = 0, from = 0;
	const __m128i vd = _mm_set1_epi8(d);

	for (size_t i = 0; i < n; i += 64) {
		uint64_t md = 0;

		for (int k = 0; k < 4; k++) {
			__m128i c = _mm_loadu_si128(
			    (const __m128i *)(s + i + 16 * (size_t)k));

			md |= (uint64_t)(uint16_t)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(c, vd)) << (16 * k);
		}
		if (n - i < 64)
			md &= (UINT64_C(1) << (n - i)) - 1;
		reserve_fields(v, nf, 65, &f, &len);
		nf = emit_fields(s, i, md, f, len, nf, &from);
	}
	reserve_fields(v, nf, 0, &f, &len);
	f[nf] = s + from;
	len[nf++] = n - from;
	v->n = nf;
#else
	(void)split_line(v, d, s, n);	/* no quote: it cannot fail */
#endif
}

int
crm_csv_read(crm_csv_reader *r, crm_record *rec, crm_error *err)
{
	size_t eol, tl;
	int rc;

	if (r->failed) {
		if (err != NULL)
			*err = r->saved;
		return -1;
	}
	if (!r->started && start(r, err) < 0)
		return reader_fail(r, err);
	if (fast_line(r, rec))
		return 1;
	for (;;) {
		rc = line_end(r, 0, &eol, &tl, err);
		if (rc < 0)
			return reader_fail(r, err);
		if (rc == 0)
			return 0;
		if (eol == 0) {		/* blank line */
			r->pos += tl;
			r->line++;
			continue;
		}
		break;
	}
	if (r->lazy ? memchr(r->buf + r->pos, '"', eol) != NULL :
	    !split_line(&r->fv, (char)r->delim, r->buf + r->pos, eol)) {
		if ((r->framed ? framed_record(r, rec, eol, tl, err) :
		    slow_record(r, rec, eol, tl, err)) < 0)
			return reader_fail(r, err);
		return 1;
	}
	rec->n = r->lazy ? 0 : r->fv.n;
	rec->f = r->fv.f;
	rec->len = r->fv.len;
	take_record(r, rec, eol, eol + tl, r->line + 1);
	return 1;
}

int
crm_csv_delimiter(crm_csv_reader *r, crm_error *err)
{
	if (r->failed) {
		if (err != NULL)
			*err = r->saved;
		return -1;
	}
	if (!r->started && start(r, err) < 0)
		return reader_fail(r, err);
	return r->delim;
}

const char *
crm_csv_name(const crm_csv_reader *r)
{
	return r->name;
}

void
crm_csv_close(crm_csv_reader *r)
{
	if (r == NULL)
		return;
	close(r->fd);
	csv_free(&r->csv);
	csv_free(&r->csv_quick);
	if (r->enc != ENC_UTF8)
		iconv_close(r->cd);
	free(r->ibuf);
	free(r->name);
	free(r->buf);
	fieldv_free(&r->fv);
	free(r->arena);
	free(r);
}

/* Copy what is still unread on r's descriptor to its spool, so that a
 * second pass sees all of a spooled operand even if the first stopped
 * early. */
static int
drain_to_spool(crm_csv_reader *r, crm_error *err)
{
	char tmp[16384];
	ssize_t k;

	if (r->spool == NULL)
		return 0;
	if (r->enc == ENC_UTF8 ? r->eof : r->fd_eof)
		return 0;
	while ((k = read_raw(r, tmp, sizeof tmp, err)) > 0)
		;
	return k < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Headers */

long
crm_header_find(const crm_header *h, const char *name, size_t len)
{
	long found = -1;

	for (size_t i = 0; i < h->n; i++) {
		if (h->len[i] != len ||
		    (len > 0 && memcmp(h->name[i], name, len) != 0))
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

/* ------------------------------------------------------------------ */
/* crm_input */

/*
 * An operand that can be read only once (standard input or a path that
 * is a pipe, FIFO or device, e.g. <(zcat x.gz)) is copied to a spool in
 * $TMPDIR while the first pass reads it, when the caller will rewind.
 */
enum op_state { OP_UNREAD, OP_READING, OP_SPOOLED };

/*
 * A regular file read twice must be the same file both times: a second
 * pass over other bytes would pair one file's rows with thresholds (or,
 * replayed, values) of another.  Its identity when first opened is
 * compared when it is opened again.
 */
struct op_id {
	bool known;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct crm_input {
	crm_csv_config cfg;	/* delimiter fixed once a header is seen */
	char *encoding;
	size_t nops;
	char **path;		/* NULL for standard input */
	char **name;
	size_t stdin_op;	/* first "-" operand, NONE if none */
	bool stdin_seekable;	/* a regular file: rewound by lseek */
	off_t stdin_off;	/* where it started */
	bool two_pass;
	enum op_state *state;	/* per operand: OP_READING only if spooled */
	FILE **spool;		/* per operand, NULL if not spooled */
	struct op_id *id;	/* per operand: the file pass 1 read */

	size_t next;		/* operand to open next */
	size_t cur;		/* operand r reads */
	crm_csv_reader *r;

	bool have_header;
	size_t hdr_op;		/* operand the header came from */
	crm_header hdr;
	crm_record hrec;	/* copy of the header record (not with -H) */
	char *hraw;
	const char **hf;

	bool pending;		/* with -H, the first record of an operand */
	crm_record prec;

	crm_ahead *ahead;	/* NULL: input_next() runs in the caller */

	/* Split reading (crm_input_split).  The first half stops at the
	 * first record starting at or after limit, keeping it pending. */
	bool solo;		/* split: no reading ahead until a rewind */
	off_t limit;		/* -1: no limit */
	bool stopped;		/* at the limit: reads return 0 */
	off_t met;		/* offset of that record, -1 if none */
	bool half;		/* the second half */
	bool framed;		/* crm_input_frame_only */
	off_t first;		/* its first record's offset, -1 if none */

	/* The caller's side when records are read ahead: the worker runs
	 * input_next() and touches nothing below, which the padding keeps
	 * off the worker's cache lines: the caller's writes for every
	 * record would otherwise evict them from the worker's core. */
	char pad[64];
	struct fieldv split;	/* the lines it left unsplit */
	const char *last_name;
	bool begun;		/* read since opening or rewinding */
	bool failed;
	crm_error saved;
};

static int
input_fail(crm_input *in, crm_error *err)
{
	in->failed = true;
	if (err != NULL)
		in->saved = *err;
	return -1;
}

static int
create_spool(crm_input *in, size_t i, crm_error *err)
{
	int fd = crm_tmp_open(err);

	if (fd < 0)
		return -1;
	in->spool[i] = fdopen(fd, "w+");
	if (in->spool[i] == NULL) {
		crm_error_set(err, CRM_EXIT_IO, "cannot spool %s: %s",
		    spool_what(in->name[i]), strerror(errno));
		close(fd);
		return -1;
	}
	return 0;
}

static int
spool_flush(crm_input *in, size_t i, crm_error *err)
{
	if (fflush(in->spool[i]) != 0 || ferror(in->spool[i]))
		return crm_error_set(err, CRM_EXIT_IO,
		    "cannot spool %s to %s: %s", spool_what(in->name[i]),
		    tmp_dir(), strerror(errno));
	return 0;
}

/* Check that operand i, open on fd, is the regular file pass 1 read (or
 * remember it, in pass 1).  Returns 0, or -1 with err filled. */
static int
same_file(crm_input *in, size_t i, int fd, crm_error *err)
{
	struct op_id *id = &in->id[i];
	struct stat st;

	if (!in->two_pass || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if (!id->known) {
		*id = (struct op_id){ true, st.st_dev, st.st_ino, st.st_size,
		    st.st_mtim };
		return 0;
	}
	if (id->dev != st.st_dev || id->ino != st.st_ino ||
	    id->size != st.st_size || id->mtime.tv_sec != st.st_mtim.tv_sec ||
	    id->mtime.tv_nsec != st.st_mtim.tv_nsec)
		return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
		    "file changed since it was first read");
	return 0;
}

/* Open operand i for reading. */
static int
open_operand(crm_input *in, size_t i, crm_error *err)
{
	FILE *spool = NULL;
	struct stat st;
	int fd;

	if (in->state[i] == OP_SPOOLED) {
		if (spool_flush(in, i, err) < 0)
			return -1;
		fd = dup(fileno(in->spool[i]));
		if (fd >= 0 && lseek(fd, 0, SEEK_SET) < 0) {
			close(fd);
			fd = -1;
		}
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read back its spool: %s", strerror(errno));
	} else if (in->path[i] == NULL) {
		if (i == in->stdin_op && in->stdin_seekable) {
			fd = dup(STDIN_FILENO);
			if (fd >= 0 && lseek(fd, in->stdin_off, SEEK_SET) < 0) {
				close(fd);
				fd = -1;
			}
		} else {
			/* dup: closing the reader must not close fd 0 */
			fd = dup(STDIN_FILENO);
			if (in->spool[i] != NULL) {
				spool = in->spool[i];
				in->state[i] = OP_READING;
			}
		}
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read: %s", strerror(errno));
	} else {
		fd = open(in->path[i], O_RDONLY);
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot open: %s", strerror(errno));
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read: %s", strerror(EISDIR));
		}
		/* A pipe, FIFO or device gives its bytes once: reopening it
		 * for the second pass would wait for a new writer or read
		 * nothing.  Keep a copy, as for standard input. */
		if (in->two_pass && fstat(fd, &st) == 0 &&
		    !S_ISREG(st.st_mode)) {
			if (in->spool[i] == NULL &&
			    create_spool(in, i, err) < 0) {
				close(fd);
				return -1;
			}
			spool = in->spool[i];
			in->state[i] = OP_READING;
		}
	}
	if (spool == NULL && in->state[i] != OP_SPOOLED &&
	    same_file(in, i, fd, err) < 0) {
		close(fd);
		return -1;
	}
	in->r = crm_csv_open_fd(fd, in->name[i], &in->cfg, spool, err);
	if (in->r == NULL)
		return -1;
	in->cur = i;
	return 0;
}

static void
close_operand(crm_input *in)
{
	if (in->r == NULL)
		return;
	if (in->state[in->cur] == OP_READING && in->r->eof)
		in->state[in->cur] = OP_SPOOLED;
	crm_csv_close(in->r);
	in->r = NULL;
}

static void
set_header(crm_input *in, const crm_record *rec)
{
	crm_header *h = &in->hdr;

	h->n = rec->n;
	h->name = crm_xcalloc(rec->n, sizeof *h->name);
	h->len = crm_xcalloc(rec->n, sizeof *h->len);
	h->synthetic = in->cfg.no_header;
	for (size_t i = 0; i < rec->n; i++) {
		if (h->synthetic) {
			char num[32];
			int k = snprintf(num, sizeof num, "%zu", i + 1);

			h->name[i] = crm_xmemdup(num, (size_t)k);
			h->len[i] = (size_t)k;
		} else {
			h->name[i] = crm_xmemdup(rec->f[i], rec->len[i]);
			h->len[i] = rec->len[i];
		}
	}
	if (h->synthetic)
		return;
	in->hraw = crm_xmemdup(rec->raw, rec->rawlen);
	in->hf = crm_xcalloc(rec->n, sizeof *in->hf);
	for (size_t i = 0; i < rec->n; i++)
		in->hf[i] = h->name[i];
	in->hrec.n = rec->n;
	in->hrec.f = in->hf;
	in->hrec.len = h->len;
	in->hrec.raw = in->hraw;
	in->hrec.rawlen = rec->rawlen;
	in->hrec.line = rec->line;
}

static bool
same_header(const crm_header *h, const crm_record *rec)
{
	if (h->n != rec->n)
		return false;
	for (size_t i = 0; i < h->n; i++)
		if (h->len[i] != rec->len[i] ||
		    memcmp(h->name[i], rec->f[i], rec->len[i]) != 0)
			return false;
	return true;
}

/*
 * Read the first record of the operand just opened: the header (taken
 * from the first operand that has one, compared for the others) or,
 * with -H, a data record kept pending.  An empty operand is closed: it
 * contributes nothing, as with cat.
 */
static int
start_operand(crm_input *in, crm_error *err)
{
	crm_record rec;
	int rc = crm_csv_read(in->r, &rec, err);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		close_operand(in);
		return 0;
	}
	if (!in->have_header) {
		in->cfg.delimiter = in->r->delim;
		set_header(in, &rec);
		in->have_header = true;
		in->hdr_op = in->cur;
	} else if (!in->cfg.no_header && !same_header(&in->hdr, &rec)) {
		return crm_error_set(err, CRM_EXIT_DATA,
		    "%s: header differs from %s's", in->name[in->cur],
		    in->name[in->hdr_op]);
	}
	if (in->cfg.no_header) {
		in->prec = rec;
		in->pending = true;
	}
	return 1;
}

static int input_next(void *ctx, crm_record *rec, unsigned *tag,
		      crm_error *err);

crm_input *
crm_input_open(char *const *paths, size_t npaths, const crm_csv_config *cfg,
	       bool two_pass, crm_error *err)
{
	static char *const dash[] = { "-" };
	crm_input *in;
	enum crm_enc enc;

	if (parse_encoding(cfg->encoding, &enc, err) < 0)
		return NULL;
	if (npaths == 0) {
		paths = dash;
		npaths = 1;
	}
	in = crm_xcalloc(1, sizeof *in);
	in->cfg = *cfg;
	in->hdr.synthetic = cfg->no_header;
	if (cfg->encoding != NULL) {
		in->encoding = crm_xstrdup(cfg->encoding);
		in->cfg.encoding = in->encoding;
	}
	in->nops = npaths;
	in->path = crm_xcalloc(npaths, sizeof *in->path);
	in->name = crm_xcalloc(npaths, sizeof *in->name);
	in->state = crm_xcalloc(npaths, sizeof *in->state);
	in->spool = crm_xcalloc(npaths, sizeof(FILE *));
	in->id = crm_xcalloc(npaths, sizeof *in->id);
	in->stdin_op = NONE;
	for (size_t i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0) {
			in->name[i] = crm_xstrdup("<stdin>");
			if (in->stdin_op == NONE)
				in->stdin_op = i;
		} else {
			in->path[i] = crm_xstrdup(paths[i]);
			in->name[i] = crm_xstrdup(paths[i]);
		}
	}
	in->two_pass = two_pass;
	in->last_name = in->name[0];
	if (two_pass && in->stdin_op != NONE) {
		struct stat st;

		/* `tool < file` needs no copy: seek back instead */
		if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) &&
		    (in->stdin_off = lseek(STDIN_FILENO, 0, SEEK_CUR)) >= 0)
			in->stdin_seekable = true;
		else if (create_spool(in, in->stdin_op, err) < 0)
			goto fail;
	}
	while (!in->have_header && in->next < in->nops) {
		if (open_operand(in, in->next++, err) < 0 ||
		    start_operand(in, err) < 0)
			goto fail;
	}
	in->last_name = in->name[in->have_header ? in->hdr_op : 0];
	in->limit = in->met = in->first = -1;
	if (crm_ahead_wanted()) {
		in->ahead = crm_ahead_new(input_next, in);
		fieldv_init(&in->split);
	}
	return in;
fail:
	crm_input_close(in);
	return NULL;
}

/* 1 if rec has the header's number of fields, else -1 with err. */
static int
field_count(const crm_input *in, const crm_record *rec, size_t op,
	    crm_error *err)
{
	if (rec->n == in->hdr.n)
		return 1;
	return crm_error_at(err, CRM_EXIT_DATA, in->name[op], rec->line,
	    "expected %zu fields, found %zu", in->hdr.n, rec->n);
}

/* For split reading: note where the second half's first record starts;
 * in the first half, stop at the limit, keeping rec for later. */
static bool
at_split(crm_input *in, const crm_record *rec)
{
	off_t at = in->r->base + (off_t)(rec->raw - in->r->buf);

	if (in->half && in->first < 0)
		in->first = at;
	if (in->limit < 0 || at < in->limit)
		return false;
	in->met = at;
	in->prec = *rec;
	in->pending = true;
	in->stopped = true;
	return true;
}

/* The next data record of any operand; *tag is its operand.  A line
 * without quotes comes unsplit (n == 0) when records are read ahead.  Runs in the
 * worker thread when records are read ahead. */
static int
input_next(void *ctx, crm_record *rec, unsigned *tag, crm_error *err)
{
	crm_input *in = ctx;
	int rc;

	if (in->stopped)
		return 0;
	for (;;) {
		if (in->pending) {
			in->pending = false;
			*rec = in->prec;
		} else if (in->r == NULL) {
			if (in->next >= in->nops)
				return 0;
			if (open_operand(in, in->next++, err) < 0 ||
			    start_operand(in, err) < 0)
				return -1;
			continue;
		} else {
			/* the header is read, so lines may stay unsplit
			 * for the caller's thread, unless that is the
			 * busier one */
			in->r->lazy = in->framed || (in->ahead != NULL &&
			    !in->solo && !crm_ahead_worker_idle(in->ahead));
			in->r->framed = in->framed;
			rc = crm_csv_read(in->r, rec, err);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				close_operand(in);
				continue;
			}
			if ((in->limit >= 0 || in->half) && at_split(in, rec))
				return 0;
		}
		*tag = (unsigned)in->cur;
		if (rec->n != 0)
			return field_count(in, rec, in->cur, err);
		return 1;
	}
}

int
crm_input_read(crm_input *in, crm_record *rec, crm_error *err)
{
	unsigned tag = 0;
	int rc;

	if (in->failed) {
		if (err != NULL)
			*err = in->saved;
		return -1;
	}
	in->begun = true;
	if (in->ahead != NULL && !in->solo)
		rc = crm_ahead_read(in->ahead, rec, &tag, err);
	else
		rc = input_next(in, rec, &tag, err);
	if (rc > 0 && in->framed) {	/* -H: a first record comes split */
		rec->n = in->hdr.n;
		rec->f = NULL;
		rec->len = NULL;
	} else if (rc > 0 && rec->n == 0) {
		split_unquoted(&in->split, (char)in->cfg.delimiter, rec->raw,
		    rec->rawlen);
		rec->n = in->split.n;
		rec->f = in->split.f;
		rec->len = in->split.len;
		rc = field_count(in, rec, tag, err);
	}
	if (rc < 0)
		return input_fail(in, err);
	if (rc > 0)
		in->last_name = in->name[tag];
	return rc;
}

crm_input *
crm_input_split(crm_input *in, off_t min_bytes)
{
	crm_csv_reader *r = in->r;
	struct stat st;
	crm_input *b;
	crm_error err;
	size_t eol, tl;
	off_t mid;
	int fd, rc;

	if (in->begun || in->nops != 1 || in->path[0] == NULL || r == NULL ||
	    r->enc != ENC_UTF8 || in->spool[0] != NULL || in->failed ||
	    in->limit >= 0 || fstat(r->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < min_bytes || st.st_size < 2)
		return NULL;
	mid = st.st_size / 2;
	if (mid <= r->base + (off_t)r->end)
		return NULL;	/* the header reaches past the middle */
	if ((fd = open(in->path[0], O_RDONLY)) < 0)
		return NULL;
	if (lseek(fd, mid - 1, SEEK_SET) < 0) {
		close(fd);
		return NULL;
	}
	b = crm_xcalloc(1, sizeof *b);
	b->cfg = in->cfg;
	b->cfg.encoding = NULL;
	b->nops = 1;
	b->path = crm_xcalloc(1, sizeof *b->path);
	b->name = crm_xcalloc(1, sizeof *b->name);
	b->state = crm_xcalloc(1, sizeof *b->state);
	b->spool = crm_xcalloc(1, sizeof(FILE *));
	b->path[0] = crm_xstrdup(in->path[0]);
	b->name[0] = crm_xstrdup(in->name[0]);
	b->stdin_op = NONE;
	b->next = 1;
	b->have_header = true;
	b->hdr.n = in->hdr.n;	/* for the field count; names unused */
	b->hdr.name = crm_xcalloc(in->hdr.n ? in->hdr.n : 1, sizeof(char *));
	b->hdr.len = crm_xcalloc(in->hdr.n ? in->hdr.n : 1, sizeof(size_t));
	b->hdr.synthetic = true;
	b->last_name = b->name[0];
	b->limit = b->met = b->first = -1;
	b->half = true;
	if ((b->r = crm_csv_open_fd(fd, b->name[0], &b->cfg, NULL,
	    &err)) == NULL) {
		crm_input_close(b);
		return NULL;
	}
	/* Start after the line end at or after mid - 1: a record start,
	 * unless a quoted field spans it, which the first half sees. */
	b->r->base = mid - 1;
	b->r->started = true;
	csv_set_delim(&b->r->csv, (unsigned char)b->r->delim);
	csv_set_delim(&b->r->csv_quick, (unsigned char)b->r->delim);
	rc = line_end(b->r, 0, &eol, &tl, &err);
	if (rc < 0) {
		crm_input_close(b);
		return NULL;
	}
	if (rc > 0)
		b->r->pos += eol + tl;
	in->limit = b->r->base + (off_t)b->r->pos;
	in->met = -1;
	/* The first half is read by the caller's thread alone. */
	in->solo = true;
	return b;
}

bool
crm_input_split_joins(const crm_input *in, const crm_input *b)
{
	return in->met == b->first;
}

void
crm_input_unsplit(crm_input *in)
{
	in->limit = -1;
	in->stopped = false;
}

void
crm_input_frame_only(crm_input *in)
{
	in->framed = true;
}

int
crm_input_rewind(crm_input *in, crm_error *err)
{
	if (in->failed) {
		if (err != NULL)
			*err = in->saved;
		return -1;
	}
	if (in->ahead != NULL)
		crm_ahead_stop(in->ahead);
	if (in->r != NULL && in->state[in->cur] == OP_READING) {
		if (drain_to_spool(in->r, err) < 0)
			return input_fail(in, err);
		in->r->eof = true;
	}
	close_operand(in);
	if (in->stdin_op != NONE && in->state[in->stdin_op] != OP_SPOOLED &&
	    !in->stdin_seekable && in->stdin_op < in->next) {
		/* read in pass 1 but not kept */
		crm_error_set(err, CRM_EXIT_IO,
		    "cannot read standard input twice");
		return input_fail(in, err);
	}
	in->pending = false;
	in->solo = in->stopped = in->begun = in->framed = false;
	in->limit = in->met = -1;
	in->next = 0;
	in->last_name = in->name[0];
	return 0;
}

const crm_header *
crm_input_header(const crm_input *in)
{
	return &in->hdr;
}

int
crm_input_delimiter(const crm_input *in)
{
	return in->cfg.delimiter != 0 ? in->cfg.delimiter : ',';
}

const char *
crm_input_name(const crm_input *in)
{
	return in->last_name;
}

const crm_record *
crm_input_header_record(const crm_input *in)
{
	if (in->hdr.synthetic)
		return NULL;
	return &in->hrec;
}

void
crm_input_close(crm_input *in)
{
	if (in == NULL)
		return;
	if (in->ahead != NULL) {
		crm_ahead_free(in->ahead);
		fieldv_free(&in->split);
	}
	crm_csv_close(in->r);
	for (size_t i = 0; i < in->nops; i++)
		if (in->spool[i] != NULL)
			fclose(in->spool[i]);
	for (size_t i = 0; i < in->hdr.n; i++)
		free(in->hdr.name[i]);
	free(in->hdr.name);
	free(in->hdr.len);
	free(in->hraw);
	free(in->hf);
	for (size_t i = 0; i < in->nops; i++) {
		free(in->path[i]);
		free(in->name[i]);
	}
	free(in->path);
	free(in->name);
	free(in->state);
	free(in->spool);
	free(in->id);
	free(in->encoding);
	free(in);
}
