/*
 * crm_csv: streaming CSV input (SPEC 2, "Input and output"), the record
 * reader: crm_csv_reader reads records from one file descriptor.  The
 * layer above, crm_input (crm_input.h), reads the operands of a tool one
 * after another through this interface only.
 *
 * Records are split by a fast path (a physical line without any '"' is
 * split on the delimiter, scanned 16 bytes at a time with SSE2 where the
 * compiler has it) and by libcsv in strict mode for every record that
 * holds a quote.  Both give the same fields (tests/unit/test_csvfast.c,
 * tests/fuzz/fuzz_csv.c).
 *
 * Nothing is trimmed.  Blank lines hold no record and are skipped.  LF,
 * CRLF and CR line ends are accepted.  A UTF-8 BOM at the start of each
 * file is dropped.
 */
#ifndef CRM_CSV_H
#define CRM_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "crm_diag.h"

/*
 * One record.  Everything it points to belongs to the reader and stays
 * valid until the next crm_csv_read()/crm_input_read() call on it.
 * Fields are unquoted values and are NOT NUL-terminated.
 */
typedef struct crm_record {
	size_t n;		/* number of fields */
	const char **f;		/* f[i]: start of field i */
	size_t *len;		/* len[i]: its length in bytes */
	const char *raw;	/* the record as written in the input, quotes
				 * included, without its line terminator
				 * (after BOM removal and --encoding
				 * conversion) */
	size_t rawlen;
	unsigned long line;	/* physical line where the record starts */
} crm_record;

typedef struct crm_csv_config {
	int delimiter;		/* byte, or 0: sniff from the first line */
	bool no_header;		/* -H: the first record is data */
	const char *encoding;	/* NULL/"utf-8", "cp1252" or "latin1" */
	/* Input that is not converted (no --encoding, no UTF-16) must be
	 * UTF-8: the reader checks the header and every record starting
	 * in the first CRM_CSV_CHECK_BYTES bytes of each file, or, with
	 * check_all (--bom), every record. */
	bool check_all;
} crm_csv_config;

#define CRM_CSV_CHECK_BYTES ((off_t)64 * 1024)

/* The header of an input: column names (NUL-terminated copies). With -H
 * the names are "1", "2", ... */
typedef struct crm_header {
	size_t n;
	char **name;
	size_t *len;
	bool synthetic;		/* true with -H: names are column numbers */
} crm_header;

/* Column index of name in h, or -1 if absent, -2 if it occurs twice. */
long crm_csv_header_find(const crm_header *h, const char *name, size_t len);

/* ------------------------------------------------------------------ */
/* Single-file reader */

typedef struct crm_csv_reader crm_csv_reader;

/*
 * Start reading fd (owned by the reader from now on; closed by
 * crm_csv_close).  name is used in messages ("<stdin>" for standard
 * input) and copied.  If spool is not NULL every byte read from fd is
 * also written to spool (the caller owns it).  Returns NULL and fills err
 * on failure, fd then being closed: status 2 for an unknown encoding
 * ("unknown encoding 'X' (use cp1252 or latin1)") or a delimiter that is
 * a quote or line end, 3 when iconv cannot be set up.  Nothing is read
 * yet.
 */
crm_csv_reader *crm_csv_open_fd(int fd, const char *name,
				const crm_csv_config *cfg, FILE *spool,
				crm_error *err);

/*
 * Read the next record.  Returns 1 with *rec filled, 0 at end of input,
 * -1 on error with err filled: status 1 for malformed CSV ("FILE:LINE:
 * bare quote in unquoted field", "... unexpected character after closing
 * quote", "... quote opened here is never closed" naming the line where
 * that field starts, "... byte 0xXX is not defined in cp1252", and for
 * input that is not converted "FILE:LINE: invalid UTF-8 (byte 0xXX); is
 * the file cp1252? try --encoding cp1252" naming the line of the bad
 * byte, see crm_csv_config), 3 for
 * read errors ("FILE: read error: ...", "FILE: cannot read: Is a
 * directory", "cannot spool standard input to DIR: ...", or the
 * operand's name for a spooled pipe).  Errors are sticky: every later
 * call returns the same one.  The reader does not check field counts:
 * crm_input does.  If cfg->delimiter was 0 it is sniffed on the first
 * call from the first record (a quoted line break does not end it), at
 * most its first 64 KiB, whatever sizes read() returns.
 */
int crm_csv_read(crm_csv_reader *r, crm_record *rec, crm_error *err);

/* The delimiter in use (after sniffing; sniffs now if nothing was read). */
int crm_csv_delimiter(crm_csv_reader *r, crm_error *err);
const char *crm_csv_name(const crm_csv_reader *r);
void crm_csv_close(crm_csv_reader *r);

/*
 * Sniff a delimiter from the first line of buf: the most frequent of
 * ',' ';' TAB '|' outside quotes, ',' on a tie or when none occurs.
 */
int crm_csv_sniff(const char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* For crm_input, the layer above (crm_input.h) */

/*
 * Whether fields that a tool reads as text (group keys, labels, rule
 * operands) must be checked for valid UTF-8 by the tool: the input is
 * not converted by cfg->encoding and the reader does not check every
 * record (check_all).  Converted input is UTF-8 by construction.
 */
bool crm_csv_text_unchecked(const crm_csv_config *cfg);

/* 0 when crm_csv_open_fd accepts encoding, else -1 with its usage error. */
int crm_csv_check_encoding(const char *encoding, crm_error *err);

/* Whether every byte of the descriptor has been read (and spooled). */
bool crm_csv_at_end(const crm_csv_reader *r);

/*
 * Copy what is still unread on r's descriptor to its spool (nothing when
 * it has none), so that a second pass sees all of a spooled operand even
 * if the first stopped early; crm_csv_at_end is then true.  Returns 0, or
 * -1 with err filled (crm_csv_read's read and spool errors).
 */
int crm_csv_drain_spool(crm_csv_reader *r, crm_error *err);

/*
 * How the next records are returned.  lazy: a line without a quote is
 * not split (n == 0, only raw, rawlen and line set), for the caller to
 * split with crm_csv_fields_split in the thread that uses it.  framed
 * (with lazy): records holding a quote are framed by counting quotes,
 * not split either (see crm_input_frame_only).
 */
void crm_csv_set_framing(crm_csv_reader *r, bool lazy, bool framed);

/*
 * Byte offsets in the file, meaningful only when crm_csv_is_utf8 (no
 * --encoding conversion: the bytes parsed are the file's).  fd is the
 * reader's descriptor (still owned by the reader).  buffered_to: the
 * offset just past what has been read from it so far; record_offset:
 * where rec, the record crm_csv_read returned last, starts.
 */
bool crm_csv_is_utf8(const crm_csv_reader *r);
int crm_csv_fd(const crm_csv_reader *r);
off_t crm_csv_buffered_to(const crm_csv_reader *r);
off_t crm_csv_record_offset(const crm_csv_reader *r, const crm_record *rec);

/*
 * For a reader just opened (with its delimiter given, UTF-8) on a
 * descriptor standing at offset at of its file: read from there without
 * a BOM or sniffing, skipping everything up to the first line end.
 * *next is the file offset just after that line end (where reading ends
 * without one).  Returns 0, or -1 with err filled.
 */
int crm_csv_start_after_line(crm_csv_reader *r, off_t at, off_t *next,
			     crm_error *err);

/*
 * Fields of lines a lazy reader left unsplit.  crm_csv_fields_split
 * splits rec, a line without a quote whose raw bytes are followed by
 * at least 64 readable bytes (CRM_AHEAD_SLACK), at delim: sets rec->n,
 * f and len to arrays owned by v, valid until its next call.  _new exits
 * 3 on exhaustion; _free ignores NULL.
 */
typedef struct crm_csv_fields crm_csv_fields;
crm_csv_fields *crm_csv_fields_new(void);
void crm_csv_fields_split(crm_csv_fields *v, int delim, crm_record *rec);
void crm_csv_fields_free(crm_csv_fields *v);

#endif
