/*
 * crm_csv: streaming CSV input (SPEC 2, "Input and output").
 *
 * Two layers:
 *  - crm_csv_reader reads records from one file descriptor;
 *  - crm_input reads the operands of a tool one after another, checks that
 *    their headers are identical and can rewind for a second pass
 *    (regular files are reopened; standard input and operands that are
 *    pipes, FIFOs or devices are spooled to $TMPDIR while the first pass
 *    reads them).
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
} crm_csv_config;

/* The header of an input: column names (NUL-terminated copies). With -H
 * the names are "1", "2", ... */
typedef struct crm_header {
	size_t n;
	char **name;
	size_t *len;
	bool synthetic;		/* true with -H: names are column numbers */
} crm_header;

/* Column index of name in h, or -1 if absent, -2 if it occurs twice. */
long crm_header_find(const crm_header *h, const char *name, size_t len);

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
 * that field starts, "... byte 0xXX is not defined in cp1252"), 3 for
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
/* All operands of a tool */

typedef struct crm_input crm_input;

/*
 * Open the operands paths[0..npaths) ("-" is standard input; npaths == 0
 * means standard input).  The header of the first file is read now.
 * An operand of zero bytes (or only blank lines) holds no header and no
 * records and is skipped, as cat would; if every operand is empty the
 * header has n == 0 and there are no records.  The delimiter sniffed
 * from the first non-empty operand (when cfg->delimiter is 0) is used
 * for all later ones.  two_pass: the caller will call crm_input_rewind(),
 * so standard input and every operand that is not a regular file (a
 * pipe such as <(zcat x.gz), a FIFO, a device) are spooled, each to an
 * unlinked temporary file in $TMPDIR (default /tmp), while the first
 * pass reads them.  Returns NULL with err filled on failure ("FILE: cannot
 * open: ...", "cannot create temporary file in DIR: ...", usage errors
 * of crm_csv_open_fd, or any crm_input_read error met in the header).
 */
crm_input *crm_input_open(char *const *paths, size_t npaths,
			  const crm_csv_config *cfg, bool two_pass,
			  crm_error *err);

/*
 * Next data record of any operand.  Returns 1, 0 at the end of the last
 * operand, -1 with err set: a record whose field count differs from the
 * header's ("FILE:LINE: expected N fields, found M"), a header differing
 * from the first file's (naming both files), malformed CSV, read errors.
 */
int crm_input_read(crm_input *in, crm_record *rec, crm_error *err);

/* Restart at the first data record of the first operand (second pass).
 * Standard input can be rewound only when opened with two_pass (else
 * status 3 "cannot read standard input twice"); what the first pass left
 * unread of a spooled operand is copied to its spool first.  May be
 * called repeatedly. */
int crm_input_rewind(crm_input *in, crm_error *err);

/*
 * For the pass after a rewind, when the pass before read the whole input
 * without error (so it is valid CSV): records come framed only, not
 * split.  raw, rawlen and line are what crm_input_read gives; n is the
 * header's field count and f and len are NULL (use the record with
 * crm_writer_record at the input's delimiter only).  A record holding a
 * quote is framed by counting quotes instead of by libcsv: in valid
 * strict CSV a line end is inside a quoted field exactly when an odd
 * number of quotes came before it.  Field counts are not checked again.
 * The next rewind ends it.
 */
void crm_input_frame_only(crm_input *in);

/*
 * Split reading for two threads.  Before the first crm_input_read, when
 * in has one operand, a regular UTF-8 file of at least min_bytes, read
 * in one pass: returns a second input b that reads from the first line
 * start after the middle of the file to its end, and makes in stop
 * there (crm_input_read returns 0 at the first record starting at or
 * after that point).  Otherwise NULL, and in reads on as before.  in is
 * then read in the calling thread, b in another; b's records are only
 * usable if crm_input_split_joins says so after both ended without
 * error.  b's line numbers and messages are not meaningful.  Until
 * crm_input_rewind, in reads without a thread of its own (crm_ahead).
 */
crm_input *crm_input_split(crm_input *in, off_t min_bytes);

/* After in stopped (read returned 0) and b reached its end: true when
 * in stopped exactly at b's first record (or neither has one), so that
 * in's records and then b's are the whole input.  False when a quoted
 * line break spans the split point. */
bool crm_input_split_joins(const crm_input *in, const crm_input *b);

/* Read in on past the split point, from the record it stopped at. */
void crm_input_unsplit(crm_input *in);

const crm_header *crm_input_header(const crm_input *in);
int crm_input_delimiter(const crm_input *in);
/* Name of the operand the last record came from, for messages. */
const char *crm_input_name(const crm_input *in);
/* Raw header line of the first operand (for writers that pass it on);
 * NULL with -H (the header is synthetic and never written). */
const crm_record *crm_input_header_record(const crm_input *in);
void crm_input_close(crm_input *in);

#endif
