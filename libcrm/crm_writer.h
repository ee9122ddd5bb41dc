/*
 * crm_writer: buffered CSV output (SPEC 2, "Input and output").
 *
 * Fields created by a tool are quoted only when they hold the delimiter,
 * a quote, CR or LF (or when a one-field record is empty: `""`).  Input
 * records are passed through byte for byte when the output delimiter is
 * the input's, re-encoded field by field otherwise.  Every write is
 * checked; the first failure is kept and reported by every later call.
 *
 * With a path, output goes to a temporary file in the same directory that
 * crm_writer_close() renames over path on success; crm_writer_abort(), a
 * crm_die*() call or SIGINT/SIGTERM/SIGHUP remove it, leaving any old
 * file untouched.
 */
#ifndef CRM_WRITER_H
#define CRM_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_diag.h"
#include "crm_num.h"

typedef struct crm_writer_config {
	int delimiter;		/* output delimiter byte */
	bool crlf;		/* terminate records with CRLF */
	bool bom;		/* write a UTF-8 BOM first */
	crm_numfmt numfmt;	/* for crm_writer_num */
} crm_writer_config;

typedef struct crm_writer crm_writer;

/* Open path (NULL or "-": standard output, named "<stdout>" in messages).
 * A regular or new file is written atomically (a hidden temporary
 * ".NAME.crmkit-XXXXXX" beside it, mode 0666 & ~umask); an existing
 * device or FIFO (/dev/null, /dev/stdout) is written in place.  Returns
 * NULL with err filled (status 3: "FILE: cannot open: Is a directory",
 * "FILE: cannot create temporary file in DIR: ...") on failure.  Installs
 * the cleanup hook and signal handlers for -o FILE; they are removed when
 * the last atomic writer is closed or aborted. */
crm_writer *crm_writer_open(const char *path, const crm_writer_config *cfg,
			    crm_error *err);

/* Write to fd, which stays the caller's (never closed by the writer);
 * name is used in messages.  Not atomic.  For tests and for tools that
 * write to a descriptor they opened themselves. */
crm_writer *crm_writer_open_fd(int fd, const char *name,
			       const crm_writer_config *cfg, crm_error *err);

/* The temporary file an atomic writer fills (renamed over its path by
 * crm_writer_close), or NULL for a stream.  For output written by a
 * library that opens files by name (libxlsxwriter): it writes there, the
 * writer itself writes nothing, and close or abort still rename or
 * remove the file. */
const char *crm_writer_temp_path(const crm_writer *w);

/* Bytes accepted so far (written or buffered), BOM included. */
unsigned long long crm_writer_tell(const crm_writer *w);
/* Append bytes verbatim, outside the field logic: for copying records
 * that were written once already (crm_sort).  Returns 0 or -1. */
int crm_writer_bytes(crm_writer *w, const char *s, size_t n);
/* Hand the buffer to write(2) now.  Returns 0 or -1. */
int crm_writer_flush(crm_writer *w);

/*
 * The following append to the current record, inserting delimiters
 * between fields.  Each returns 0, or -1 once a write has failed (the
 * error is then available through crm_writer_close).
 */
int crm_writer_field(crm_writer *w, const char *s, size_t len);
int crm_writer_num(crm_writer *w, double v);	/* formatted by numfmt */
/* A count, priority, rank or other integer figure: the shortest form
 * whatever numfmt.precision says (SPEC 2: --precision is for measures),
 * so --precision 2 never writes a count as 185.00. */
int crm_writer_int(crm_writer *w, double v);
int crm_writer_empty(crm_writer *w);		/* an empty field */
/* Every field of rec; raw bytes when in_delim equals the output
 * delimiter, else each field re-quoted as needed. */
int crm_writer_record(crm_writer *w, const crm_record *rec, int in_delim);
/* Every name of h as fields (with -H callers write no header at all). */
int crm_writer_header(crm_writer *w, const crm_header *h);
/* Terminate the current record (LF, or CRLF with crlf).  A record of one
 * empty field is written `""`; a record of no fields writes nothing, as
 * CSV cannot express it. */
int crm_writer_end(crm_writer *w);

/* Whether a write failed with EPIPE (the tool should end quietly). */
bool crm_writer_broken_pipe(const crm_writer *w);

/*
 * Flush, check, fsync-free close; for a path, rename the temporary file
 * over it.  Frees w.  Returns 0, or -1 with err filled (status 3;
 * "write error: No space left on device" naming the file).
 */
int crm_writer_close(crm_writer *w, crm_error *err);

/* Discard: remove the temporary file of -o FILE and free w.  A stream
 * (standard output, a descriptor) gets the buffered bytes first, since
 * what it received before cannot be taken back. */
void crm_writer_abort(crm_writer *w);

#endif
