/*
 * crm_ahead: read records ahead in a second thread.
 *
 * Splitting CSV (the read(2) copy, the field scan, libcsv for quoted
 * records) costs a streaming tool about as much as everything it does
 * with the fields afterwards.  On a machine with two cores the two can
 * overlap: a worker thread pulls records from a source and copies them
 * into batches; the caller takes them from the batches in the same
 * order, with the same fields, lines and errors, as if it had called the
 * source itself.
 *
 * Memory: at most CRM_AHEAD_BATCHES batches of about CRM_AHEAD_BYTES of
 * record bytes each (more only for a single larger record), plus their
 * field arrays.
 *
 * The source runs in the worker between the first crm_ahead_read() and
 * crm_ahead_stop(); meanwhile the caller must not touch the source's
 * state.  CRMKIT_THREADS=1 in the environment disables the worker
 * (crm_ahead_wanted() returns false): the caller then reads the source
 * itself.
 *
 * Layering: crm_ahead knows records (crm_csv) but not where they come
 * from; crm_input, the layer above it, is its source.
 */
#ifndef CRM_AHEAD_H
#define CRM_AHEAD_H

#include <stdbool.h>

#include "crm_csv.h"
#include "crm_diag.h"

/* Four batches of 256 KiB: with three of 128 KiB, the hand-offs between
 * the threads (a wake-up each) made streaming tools 17 % slower on the
 * 1 M-row benchmark; more or larger batches gained nothing further. */
#define CRM_AHEAD_BATCHES 4
#define CRM_AHEAD_BYTES ((size_t)256 * 1024)
/* Readable bytes after the raw bytes of every record crm_ahead_read
 * returns, so that a scan may read whole 64-byte blocks. */
#define CRM_AHEAD_SLACK 64

/*
 * A source of records: returns 1 with *rec filled (valid until its next
 * call) and *tag set (any number the caller wants back with the record,
 * e.g. which operand it came from), 0 at the end, -1 with err filled.
 * After 0 or -1 it is not called again until crm_ahead_stop().
 */
typedef int (*crm_ahead_source)(void *ctx, crm_record *rec,
				unsigned *tag, crm_error *err);

typedef struct crm_ahead crm_ahead;

/* False when CRMKIT_THREADS=1 asks for a single thread. */
bool crm_ahead_wanted(void);

/* A reader of src(ctx); no thread runs until the first crm_ahead_read.
 * Exits 3 when the thread primitives cannot be set up. */
crm_ahead *crm_ahead_new(crm_ahead_source src, void *ctx);

/*
 * Next record, as src would have returned it: 1 with *rec and *tag, 0 at
 * the end, -1 with err filled (the source's error, after every record it
 * returned before it).  *rec stays valid until the next call.  Starts
 * the worker if it is not running.  Exits 3 if it cannot start one.
 */
int crm_ahead_read(crm_ahead *a, crm_record *rec, unsigned *tag,
		   crm_error *err);

/*
 * Stop the worker and wait for it.  Records it read ahead are dropped:
 * the source stands wherever the worker left it, between two records,
 * and belongs to the caller again (to rewind it, say).  The next
 * crm_ahead_read starts a new worker.  Harmless when none runs.
 */
void crm_ahead_stop(crm_ahead *a);

/*
 * For the source, in the worker: true when the worker recently had to
 * wait for the caller to free a batch, i.e. the caller is the slower
 * side and work the source can do either way (splitting lines) is
 * better done in the worker.
 */
bool crm_ahead_worker_idle(const crm_ahead *a);

/* Stop and free; a NULL a is ignored. */
void crm_ahead_free(crm_ahead *a);

#endif
