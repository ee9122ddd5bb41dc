/*
 * crm_input: the operands of a tool (SPEC 2, "Input and output"), read one
 * after another with crm_csv's reader: their headers must be identical,
 * and the input can rewind for a second pass (regular files are
 * reopened; standard input and operands that are pipes, FIFOs or devices
 * are spooled to $TMPDIR while the first pass reads them).  Records are
 * read ahead in a second thread (crm_ahead), and a large regular file
 * can be read in two halves by two threads (crm_input_split,
 * crm_input_half_*).
 */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "crm_csv.h"
#include "crm_diag.h"

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
 * From now on a record whose field count differs from the header's is
 * returned like any other (for --invalid skip to reject it) instead of
 * being an error: the caller compares rec->n with the header's
 * (crm_input_ragged).
 */
void crm_input_keep_ragged(crm_input *in);

/* Whether rec, read from in, has another field count than the header;
 * then why (cap bytes) says "expected N fields, found M". */
bool crm_input_ragged(const crm_input *in, const crm_record *rec, char *why,
		      size_t cap);

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
/* Whether the tool must check fields it reads as text for valid UTF-8
 * (crm_csv_text_unchecked of the input's configuration). */
bool crm_input_text_unchecked(const crm_input *in);
int crm_input_delimiter(const crm_input *in);
/* Name of the operand the last record came from, for messages. */
const char *crm_input_name(const crm_input *in);
/* How many operands the input reads (standard input: 1). */
size_t crm_input_operands(const crm_input *in);
/* Raw header line of the first operand (for writers that pass it on);
 * NULL with -H (the header is synthetic and never written). */
const crm_record *crm_input_header_record(const crm_input *in);
void crm_input_close(crm_input *in);

/*
 * The second half of a split input (crm_input_split), read by a thread of
 * its own while the caller reads the first.  fn reads in and sets ok when
 * it read to the end and met nothing the first half would have to report.
 */
typedef struct crm_input_half {
	crm_input *in;
	pthread_t thread;
	bool running;
	bool ok;
	/* Set by crm_input_half_start: fn and arg, and the currencies of
	 * the columns fn's thread read (crm_num_thread_table), which
	 * crm_input_half_join checks against the caller's. */
	void *(*fn)(void *);
	void *arg;
	struct crm_num_column *cols;
	size_t ncols;
} crm_input_half;

/* Inputs smaller than this are not worth a second thread. */
#define CRM_INPUT_HALF_MIN ((off_t)4 << 20)

/*
 * Split in (at least CRM_INPUT_HALF_MIN bytes; not with CRMKIT_THREADS=1)
 * and start fn(arg) on the second half; the caller sets up what fn needs
 * first.  False when nothing was started: in then reads on alone.
 */
bool crm_input_half_start(crm_input_half *h, crm_input *in,
			  void *(*fn)(void *), void *arg);

/*
 * After the first half ended (first_ok: without error): wait for fn.
 * True when its results follow the first half's: it was ok, the halves
 * join and no column held one currency in one half and another in the
 * other (crm_num_thread_merge).  Otherwise in reads on past the split point, so that what the
 * second half met is found (and reported) in order.  Closes h->in.
 */
bool crm_input_half_join(crm_input_half *h, crm_input *in, bool first_ok);

#endif
