/*
 * crm_partial: the partial format of the aggregate tools (kpi --partial
 * and --merge; crmkit(7) PARTIALS), written and read one line at a time.
 *
 * A partial is text of lines of TAB-separated fields; every line stands
 * on its own, so that partials survive concatenation and a byte-wise
 * line sort (Hadoop's shuffle), and a line cut short is found:
 *
 *   #crmkit-partial  version=1  tool=kpi  by=FP  plan=FP  delimiter=2c
 *       columns=NAMES  aggregates=PLAN          (a meta line)
 *   KEY ...  #kpi/1/BYFP/PLANFP/2c  STATE ...  .   (a record: one group)
 *   #crmkit-partial  version=1  tool=kpi  failed=MESSAGE
 *
 * A record is the group's key cells, a tag (tool, format version, the
 * fingerprints of the key columns and of the aggregate plan, the input
 * delimiter in hex), the fields of its state as the tool saves them,
 * and a last field "." (a record without it was cut short).  In key
 * cells and text fields a backslash, TAB, LF and CR are written \\ \t
 * \n \r, and '#' as \#, so that the first field that starts with '#' is
 * the tag.  Numbers are decimal integers and C99 hex floats (%a), which
 * read back bit for bit.  A failed line stands for a partial whose run
 * failed: a merge that meets it fails too.
 *
 * An engine: errors are returned (crm_error, status 1 for the data, 3
 * for I/O), nothing ends the process but crm_xmalloc.
 */
#ifndef CRM_PARTIAL_H
#define CRM_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crm_diag.h"

#define CRM_PARTIAL_VERSION 1

/* Who wrote a partial, and over what: a reader accepts only lines of
 * the same tool, key columns and plan. */
typedef struct crm_partial_id {
	const char *tool;	/* "kpi" */
	uint64_t by;		/* fingerprint of the key column names */
	uint64_t plan;		/* fingerprint of the aggregate plan */
	const char *columns;	/* the key column names, for messages */
	const char *aggregates;	/* the plan as text, for messages */
} crm_partial_id;

/* FNV-1a, 64 bits, of s[0..len). */
uint64_t crm_partial_fingerprint(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Writing */

/* A line being built: fields are separated by TAB as they are put. */
typedef struct crm_partial_line {
	char *s;
	size_t len, cap;
	bool open;		/* a field was put since the reset */
} crm_partial_line;

void crm_partial_reset(crm_partial_line *l);
void crm_partial_free(crm_partial_line *l);

/* A text field, escaped. */
void crm_partial_put_text(crm_partial_line *l, const char *s, size_t len);
void crm_partial_put_u64(crm_partial_line *l, uint64_t v);
void crm_partial_put_i64(crm_partial_line *l, int64_t v);
/* A double as %a (inf, -inf and nan as such). */
void crm_partial_put_double(crm_partial_line *l, double x);

/* The meta line of a partial of id over input delimited by delimiter
 * (with its LF). */
void crm_partial_meta(crm_partial_line *l, const crm_partial_id *id,
		      int delimiter);
/* The line that stands for a failed run (with its LF). */
void crm_partial_failed(crm_partial_line *l, const char *tool,
			const char *message);
/* Start a record: after the key cells (put_text), the tag. */
void crm_partial_tag(crm_partial_line *l, const crm_partial_id *id,
		     int delimiter);
/* End a record: the last field "." and LF. */
void crm_partial_end(crm_partial_line *l);

/* ------------------------------------------------------------------ */
/* Reading */

/* The fields of a record read back (unescaped), valid until the next
 * read.  The key cells are f[0..nkeys); the get functions take the
 * state fields after the tag, one at a time. */
typedef struct crm_partial_record {
	char **f;
	size_t *len;
	size_t n;		/* fields, without the tag and the "." */
	size_t nkeys;
	size_t at;		/* next state field */
	const char *file;
	unsigned long line;
} crm_partial_record;

/* The next state field as an integer, a double, text; 0, or -1 when
 * the record has no more fields or this one is not of that form. */
int crm_partial_get_u64(crm_partial_record *r, uint64_t *v);
int crm_partial_get_i64(crm_partial_record *r, int64_t *v);
int crm_partial_get_double(crm_partial_record *r, double *x);
int crm_partial_get_text(crm_partial_record *r, const char **s,
			 size_t *len);

typedef struct crm_partial_reader crm_partial_reader;

/*
 * Read the partials paths[0..n) ("-" or n == 0: standard input) one
 * after another, accepting the lines of id (copied; its strings must
 * outlive the reader).  NULL with err filled (status 3) when a file
 * cannot be opened.
 */
crm_partial_reader *crm_partial_open(char *const *paths, size_t n,
				     const crm_partial_id *id,
				     crm_error *err);

/*
 * The next record: 1 with *rec filled, 0 at the end, -1 with err
 * ("FILE:LINE: ...", status 1): a line of another format version, tool,
 * key columns or plan, a failed partial, partials of inputs with
 * different delimiters, a record without its tag or its last field
 * (cut short), a bad escape; status 3 for a read error.  Meta lines
 * are checked and skipped wherever they are.
 */
int crm_partial_read(crm_partial_reader *p, crm_partial_record *rec,
		     crm_error *err);

/* The input delimiter the partials were made from (0 while none was
 * seen). */
int crm_partial_delimiter(const crm_partial_reader *p);

void crm_partial_close(crm_partial_reader *p);

#endif
