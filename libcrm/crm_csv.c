/*
 * crm_csv: the CSV record reader.  See crm_csv.h for the contract; the
 * operands of a tool, read one after another, are crm_input's.
 *
 * The reader keeps one buffer holding at least the record being parsed,
 * so that fields of quote-free lines and the raw text of every record can
 * point into it (zero copy).  The buffer only grows when one record does
 * not fit, so memory is bounded by the longest record, never by the
 * number of rows.
 */
#include "crm_csv.h"

#include "crm_tmp.h"
#include "crm_utf8.h"

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

enum crm_enc { ENC_UTF8, ENC_CP1252, ENC_LATIN1, ENC_UTF16LE, ENC_UTF16BE };

static const char *const enc_name[] = {
	[ENC_UTF8] = "UTF-8", [ENC_CP1252] = "cp1252", [ENC_LATIN1] = "latin1",
	[ENC_UTF16LE] = "UTF-16LE", [ENC_UTF16BE] = "UTF-16BE",
};

/* The fields of one record, in arrays that grow. */
struct crm_csv_fields {
	const char **f;
	size_t *len;
	size_t *aoff;		/* slow path: offsets into the arena */
	size_t n, cap;
};

static void
fieldv_init(crm_csv_fields *v)
{
	v->n = 0;
	v->cap = 64;
	v->f = crm_xreallocarray(NULL, v->cap, sizeof *v->f);
	v->len = crm_xreallocarray(NULL, v->cap, sizeof *v->len);
	v->aoff = crm_xreallocarray(NULL, v->cap, sizeof *v->aoff);
}

static void
fieldv_free(crm_csv_fields *v)
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

	/* Records starting before this file offset are checked for valid
	 * UTF-8 when nothing is converted (enc == ENC_UTF8); -1: all. */
	off_t check_to;

	/* Fields of the current record. */
	crm_csv_fields fv;
	/* Frame only: a line without a quote is returned unsplit (n == 0,
	 * only raw, rawlen and line set), for crm_input to split in the
	 * thread that uses it (see crm_ahead.h and crm_input.c). */
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
/* Helpers */

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
		    "cannot spool %s to %s: %s", crm_tmp_spool_name(r->name),
		    crm_tmp_dir(), strerror(errno));
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

	if (r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE)
		return crm_error_at(err, CRM_EXIT_DATA, r->name, line,
		    "invalid %s (the file starts with its byte-order "
		    "mark)", enc_name[r->enc]);
	return crm_error_at(err, CRM_EXIT_DATA, r->name, line,
	    "byte 0x%02X is not defined in %s",
	    (unsigned)(unsigned char)r->ibuf[0], enc_name[r->enc]);
}

/* A sequence at the end of ibuf is incomplete: append raw bytes after
 * it; at the end of the file it stays incomplete, an invalid byte. */
static int
read_more_raw(crm_csv_reader *r, crm_error *err)
{
	ssize_t k;

	if (r->fd_eof) {
		r->bad_byte = true;
		return 0;
	}
	k = read_raw(r, r->ibuf + r->ilen, IBUF_SIZE - r->ilen, err);
	if (k < 0)
		return -1;
	if (k == 0)
		r->fd_eof = true;
	r->ilen += (size_t)k;
	return 0;
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

			bool partial = false;

			if (r->bad_byte)
				return bad_byte_error(r, err);
			if (iconv(r->cd, &in, &inleft, &out, &outleft) ==
			    (size_t)-1) {
				r->bad_byte = errno == EILSEQ;
				partial = errno == EINVAL;
			}
			produced = (size_t)(out - (r->buf + r->end));
			r->end += produced;
			memmove(r->ibuf, in, inleft);
			r->ilen = inleft;
			if (produced > 0)
				return 1;
			if (partial) {	/* UTF-16 split by read() */
				if (read_more_raw(r, err) < 0)
					return -1;
			} else if (!r->bad_byte) {	/* E2BIG, room < 3 */
				make_room(r);
			}
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
	r->check_to = cfg->check_all ? -1 : CRM_CSV_CHECK_BYTES;
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

/* Convert from now on from UTF-16 (enc), the raw bytes raw[0..n) after
 * its byte-order mark first. */
static void
convert_utf16(crm_csv_reader *r, enum crm_enc enc, const char *raw,
	      size_t n)
{
	char *ibuf = crm_xmalloc(n > IBUF_SIZE ? n : IBUF_SIZE);

	if (r->enc != ENC_UTF8)
		iconv_close(r->cd);
	r->cd = iconv_open("UTF-8", enc == ENC_UTF16LE ? "UTF-16LE" :
	    "UTF-16BE");
	if (r->cd == (iconv_t)-1)
		crm_die(CRM_EXIT_IO, "cannot convert from UTF-16: %s",
		    strerror(errno));
	memcpy(ibuf, raw, n);
	free(r->ibuf);
	r->ibuf = ibuf;
	r->ilen = n;
	r->enc = enc;
	r->fd_eof = r->eof;
	r->eof = false;
	r->end = r->pos;
}

/*
 * Before anything is converted: a UTF-16 byte-order mark means UTF-16
 * whatever --encoding said (Excel's "Unicode text"); a UTF-8 one with
 * --encoding cp1252 or latin1 is a usage error (the file says it is
 * UTF-8).  Returns 0 or -1 with err filled.
 */
static int
take_byte_order_mark(crm_csv_reader *r, crm_error *err)
{
	const unsigned char *b;
	size_t n;
	int rc;

	if (r->enc == ENC_UTF8) {
		while (r->end - r->pos < 3 && (rc = fill(r, err)) != 0)
			if (rc < 0)
				return -1;
		b = (const unsigned char *)r->buf + r->pos;
		n = r->end - r->pos;
	} else {
		while (r->ilen < 3 && !r->fd_eof)
			if (read_more_raw(r, err) < 0)
				return -1;
		b = (const unsigned char *)r->ibuf;
		n = r->ilen;
	}
	if (n >= 2 && (b[0] == 0xFF || b[0] == 0xFE) && b[1] == (b[0] ^ 1)) {
		bool eof = r->enc == ENC_UTF8 ? r->eof : r->fd_eof;

		r->eof = eof;
		convert_utf16(r, b[0] == 0xFF ? ENC_UTF16LE : ENC_UTF16BE,
		    (const char *)b + 2, n - 2);
		return 0;
	}
	if (r->enc != ENC_UTF8 && n >= 3 && b[0] == 0xEF && b[1] == 0xBB &&
	    b[2] == 0xBF)
		return crm_error_set(err, CRM_EXIT_USAGE, "%s starts with a "
		    "UTF-8 byte-order mark: it is UTF-8, not %s (drop "
		    "--encoding)", r->name, enc_name[r->enc]);
	return 0;
}

/*
 * Excel's optional first line "sep=C" (SPEC 2): it sets the delimiter and
 * is no record.  A delimiter given that disagrees is a usage error.
 * Returns 0 (the line, if any, consumed) or -1 with err filled.
 */
static int
take_sep_line(crm_csv_reader *r, crm_error *err)
{
	const char *s;
	size_t n, tl;
	int rc;

	/* read no further than a line that may still be "sep=C" needs,
	 * so that an error later in the input comes in its turn */
	while ((n = r->end - r->pos) < 7 && memcmp(r->buf + r->pos, "sep=",
	    n < 4 ? n : 4) == 0 && (rc = fill(r, err)) != 0)
		if (rc < 0)
			return -1;
	s = r->buf + r->pos;
	n = r->end - r->pos;
	if (n < 5 || memcmp(s, "sep=", 4) != 0 || s[4] == '\r' ||
	    s[4] == '\n')
		return 0;
	if (n == 5)
		tl = 0;
	else if (s[5] == '\n' || (s[5] == '\r' && (n == 6 || s[6] != '\n')))
		tl = 1;
	else if (s[5] == '\r' && s[6] == '\n')
		tl = 2;
	else
		return 0;
	if (r->delim != 0 && r->delim != (unsigned char)s[4])
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: the first line says sep=%c, but the delimiter "
		    "given (-d) is another", r->name, s[4]);
	r->delim = (unsigned char)s[4];
	r->pos += 5 + tl;
	r->line++;
	forget_lf(r);
	return 0;
}

/* Drop a BOM, take a sep= line and settle the delimiter before the first
 * record. */
static int
start(crm_csv_reader *r, crm_error *err)
{
	size_t off = 0, eol, tl;
	int rc;

	r->started = true;
	if (take_byte_order_mark(r, err) < 0)
		return -1;
	if (r->enc == ENC_UTF8) {
		while (r->end - r->pos < 3 && (rc = fill(r, err)) != 0)
			if (rc < 0)
				return -1;
		if (r->end - r->pos >= 3 &&
		    memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
			r->pos += 3;
	}
	if (take_sep_line(r, err) < 0)
		return -1;
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
grow_fields(crm_csv_fields *v)
{
	v->cap *= 2;
	v->f = crm_xreallocarray(v->f, v->cap, sizeof *v->f);
	v->len = crm_xreallocarray(v->len, v->cap, sizeof *v->len);
	v->aoff = crm_xreallocarray(v->aoff, v->cap, sizeof *v->aoff);
}

/* Room for more fields beyond nf; *f and *len follow a reallocation. */
static inline void
reserve_fields(crm_csv_fields *v, size_t nf, size_t more, const char ***f,
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
split_line(crm_csv_fields *v, char d, const char *s, size_t n)
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
	crm_csv_fields *v = &r->fv;

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
 * readable (crm_input reads them through crm_ahead: CRM_AHEAD_SLACK).
 */
static void
split_unquoted(crm_csv_fields *v, char d, const char *s, size_t n)
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

/*
 * Input that is not converted must be UTF-8 (SPEC 2): the header and
 * the records starting in the first CRM_CSV_CHECK_BYTES of the file (all
 * of them with check_all) are checked once, here; later bytes that are
 * only passed through are not.  A record left unsplit is checked whole,
 * quotes and delimiters being ASCII.  Returns 1, or -1 with the data
 * error naming the line of the first bad byte.
 */
static int
check_utf8(crm_csv_reader *r, const crm_record *rec, crm_error *err)
{
	char why[128];
	size_t at;

	if (r->enc != ENC_UTF8) {
		r->check_to = 0;	/* converted: UTF-8 by construction */
		return 1;
	}
	if (r->framed)
		return 1;
	if (r->check_to >= 0 && crm_csv_record_offset(r, rec) >= r->check_to) {
		r->check_to = 0;	/* offsets only grow: done */
		return 1;
	}
	if (crm_utf8_explain(rec->raw, rec->rawlen, &at, why, sizeof why) == 0)
		return 1;
	crm_error_at(err, CRM_EXIT_DATA, r->name,
	    rec->line + count_lines(rec->raw, at), "%s", why);
	return reader_fail(r, err);
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
		return r->check_to != 0 ? check_utf8(r, rec, err) : 1;
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
		return check_utf8(r, rec, err);
	}
	rec->n = r->lazy ? 0 : r->fv.n;
	rec->f = r->fv.f;
	rec->len = r->fv.len;
	take_record(r, rec, eol, eol + tl, r->line + 1);
	return check_utf8(r, rec, err);
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

int
crm_csv_drain_spool(crm_csv_reader *r, crm_error *err)
{
	char tmp[16384];
	ssize_t k = 0;

	if (r->spool != NULL && !(r->enc == ENC_UTF8 ? r->eof : r->fd_eof))
		while ((k = read_raw(r, tmp, sizeof tmp, err)) > 0)
			;
	if (k < 0)
		return -1;
	r->eof = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Headers */

long
crm_csv_header_find(const crm_header *h, const char *name, size_t len)
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
/* For crm_input */

bool
crm_csv_text_unchecked(const crm_csv_config *cfg)
{
	enum crm_enc enc;

	return !cfg->check_all &&
	    parse_encoding(cfg->encoding, &enc, NULL) == 0 && enc == ENC_UTF8;
}

int
crm_csv_check_encoding(const char *encoding, crm_error *err)
{
	enum crm_enc enc;

	return parse_encoding(encoding, &enc, err);
}

bool
crm_csv_at_end(const crm_csv_reader *r)
{
	return r->eof;
}

void
crm_csv_set_framing(crm_csv_reader *r, bool lazy, bool framed)
{
	r->lazy = lazy;
	r->framed = framed;
}

bool
crm_csv_is_utf8(const crm_csv_reader *r)
{
	return r->enc == ENC_UTF8;
}

int
crm_csv_fd(const crm_csv_reader *r)
{
	return r->fd;
}

off_t
crm_csv_buffered_to(const crm_csv_reader *r)
{
	return r->base + (off_t)r->end;
}

off_t
crm_csv_record_offset(const crm_csv_reader *r, const crm_record *rec)
{
	return r->base + (off_t)(rec->raw - r->buf);
}

int
crm_csv_start_after_line(crm_csv_reader *r, off_t at, off_t *next,
			 crm_error *err)
{
	size_t eol, tl;
	int rc;

	r->base = at;
	r->started = true;
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	csv_set_delim(&r->csv_quick, (unsigned char)r->delim);
	rc = line_end(r, 0, &eol, &tl, err);
	if (rc < 0)
		return -1;
	if (rc > 0)
		r->pos += eol + tl;
	*next = r->base + (off_t)r->pos;
	return 0;
}

crm_csv_fields *
crm_csv_fields_new(void)
{
	crm_csv_fields *v = crm_xmalloc(sizeof *v);

	fieldv_init(v);
	return v;
}

void
crm_csv_fields_split(crm_csv_fields *v, int delim, crm_record *rec)
{
	split_unquoted(v, (char)delim, rec->raw, rec->rawlen);
	rec->n = v->n;
	rec->f = v->f;
	rec->len = v->len;
}

void
crm_csv_fields_free(crm_csv_fields *v)
{
	if (v == NULL)
		return;
	fieldv_free(v);
	free(v);
}
