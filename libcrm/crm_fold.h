/*
 * crm_fold: the loop every aggregate tool shares (kpi, rfm, funnel), the
 * counterpart of crm_rows for tools that write one row per group.
 *
 * Two layers, one prefix:
 *
 * - crm_fold_set (engine: returns errors, never ends the process): the
 *   groups of a fold.  A group is a key (bytes) and a state whose size
 *   and meaning the caller defines through crm_fold_ops (init, add,
 *   merge, free).  It reads an input into the groups, in two halves by
 *   two threads when the input is a large regular file, and puts the
 *   groups in order.  crm_group (kpi's pooled aggregates) keeps its
 *   groups in one.
 *
 * - crm_fold (tool layer: like crm_rows and crm_out it ENDS THE PROCESS
 *   on failure, with the statuses of SPEC 2): open the operands, resolve
 *   the key columns (--by COL,... or a single --customer COL), read every
 *   record into the set under --invalid fail|skip and --rejects, then
 *   hand the groups to the tool in output order and write what it
 *   writes; report the counts (-v) and close the outputs.
 *
 * A tool's life:
 *
 *	f = crm_fold_open(&tool, &c);		inputs; header known
 *	crm_fold_keys(f, by, "--by", false);	key columns (or none)
 *	... compile the tool's expressions against crm_fold_header(f)
 *	crm_fold_read(f, &ops);			output opened, rows folded
 *	order = crm_fold_order(f, CRM_FOLD_BY_KEY, NULL, NULL);
 *	for each order[i]: crm_fold_set_cell / crm_fold_set_state of
 *	    crm_fold_groups(f); write to crm_fold_writer(f), each write
 *	    checked with crm_fold_check
 *	return crm_fold_close(f, "3 aggregates per group");
 *
 * Under --partial the tool calls crm_fold_partial_mode before
 * crm_fold_read and crm_fold_write_partial instead of writing figures;
 * under --merge it opens with crm_fold_open_merge (a header of the
 * columns it names) and reads with crm_fold_read_partials, then writes
 * its figures as above.
 *
 * State contract: a state is ops.size bytes that the set moves with
 * memcpy (keep pointers to owned memory in it, never pointers into
 * it).  init makes an empty state; add accounts one record (the key
 * cells already found the group) and returns 0, or -1 with the reason in
 * why[0..cap) when the record is invalid -- the record must then count
 * nowhere: a group whose first record is invalid is never created; merge
 * folds from into into as if from's records had come after into's,
 * leaving from as it was (the total merges every group into an empty
 * state; the set frees from itself); free releases what a state owns
 * (NULL: none).
 * add is called from two threads at once on different states and
 * different scratch (ops.scratch bytes, zeroed, one per thread: room for
 * values computed per record); ctx is shared and must be read-only while
 * reading.  Without halves_exact the input is read by one thread (for
 * states whose merge is not bit-exact, such as running variances).
 * With one_set it is too, whatever the merge: a second thread only
 * splits the records ahead (crm_input), so that the groups are held
 * once, not once per half (rfm, whose customers recur all over a log),
 * and add, merge and free are called from one thread at a time, which
 * may then change what ctx points to (a pool the states share).  With
 * one key column and one operand such a set also fetches each record's
 * slot, state and key a few records ahead (records are copied into a
 * ring of 16 for that and accounted, invalid ones reported, in order).
 *
 * Memory: ops.size bytes and the key per group, plus what states own.
 *
 * Partials (kpi --partial / --merge, crmkit(7) PARTIALS): save writes
 * a state as fields of a partial line (crm_partial), load reads them
 * back into an initialised state, bit for bit.  crm_fold_write_partial
 * writes the groups read so (a meta line, then one record a group, in
 * first-seen order); crm_fold_read_partials reads such records instead
 * of CSV and folds each state into the group of its key with
 * crm_fold_set_absorb, exactly as the halves are merged.  The figures
 * equal a single run's when merge gives what one pass gives (the
 * states of crm_agg: exact sums, values kept).
 */
#ifndef CRM_FOLD_H
#define CRM_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_writer.h"
#include "crm_diag.h"
#include "crm_opts.h"
#include "crm_out.h"
#include "crm_partial.h"

/* What a tool keeps per group (see the state contract above). */
typedef struct crm_fold_ops {
	size_t size;		/* bytes of one state (> 0) */
	size_t scratch;		/* bytes of per-thread scratch for add */
	bool halves_exact;	/* merge gives what one pass gives */
	bool one_set;		/* never two sets at once (see below) */
	void *ctx;		/* given to every call */
	void (*init)(void *ctx, void *state);
	int (*add)(void *ctx, void *scratch, void *state,
	    const crm_record *rec, char *why, size_t cap);
	void (*merge)(void *ctx, void *into, const void *from);
	void (*free)(void *ctx, void *state);
	/* Partials (NULL: the tool has none).  load returns 0, or -1 when
	 * the fields do not make a state (which it leaves freeable). */
	void (*save)(void *ctx, const void *state, crm_partial_line *l);
	int (*load)(void *ctx, void *state, crm_partial_record *r);
	/* A hint (NULL: none): fetch what add will touch beyond the state
	 * (one_set folds call it a few records ahead). */
	void (*prefetch)(void *ctx, const void *state);
} crm_fold_ops;

/* ------------------------------------------------------------------ */
/* The set of groups (engine) */

typedef struct crm_fold_set crm_fold_set;

/*
 * A set whose groups are keyed by the cells keys[0..nkeys) (copied) of
 * each record; ops is copied.  Without keys there is one group, of key
 * "", which exists from the start (a count over no rows is 0); with keys
 * a group exists once a valid record has it.
 */
crm_fold_set *crm_fold_set_new(const crm_fold_ops *ops, const long *keys,
			       size_t nkeys);
void crm_fold_set_free(crm_fold_set *s);

/*
 * From now on a record whose key cells are not all valid UTF-8 is
 * invalid (add's -1, why "column 'NAME': invalid UTF-8 (byte 0xE4); ...",
 * NAME from h, which must outlive s), checked once per new key: for
 * input whose text is not checked otherwise (crm_input_text_unchecked).
 */
void crm_fold_set_check_text(crm_fold_set *s, const crm_header *h);

/* An empty set with the same ops, keys and text check. */
crm_fold_set *crm_fold_set_new_like(const crm_fold_set *s);

/* Account one record with the set's own scratch (single thread). 0, or
 * -1 with why from ops.add (the record counts nowhere). */
int crm_fold_set_add(crm_fold_set *s, const crm_record *rec, char *why,
		     size_t cap);

/* Called in order, in the reading thread, for each record that add found
 * invalid: apply --invalid (it may end the tool). */
typedef void (*crm_fold_invalid_fn)(void *ctx, const crm_record *rec,
				    const char *why);

/*
 * Account every record of in (not read yet).  When in splits
 * (crm_input_split) and ops.halves_exact, a second thread accounts the
 * second half into a second set, merged in when the halves join; if
 * that half meets an invalid record or an error, or the halves do not
 * join, this thread reads on through it instead, so that records,
 * invalid records and errors come in input order either way and the
 * groups are the same (first-seen order included).  *rows counts the
 * records read.  Returns 0, or -1 with err filled by crm_input_read.
 */
int crm_fold_set_read(crm_fold_set *s, crm_input *in,
		      crm_fold_invalid_fn invalid, void *ctx,
		      unsigned long *rows, crm_error *err);

/* Fold from's groups into s (same ops and keys): each of from's groups,
 * in its first-seen order, merged into s's group of the same key or
 * appended.  from is left empty of states (free it). */
void crm_fold_set_merge(crm_fold_set *s, crm_fold_set *from);

/* Merge state (its ownership passes to s) into the group of key[0..len)
 * (made as crm_fold_key_make does), creating the group if absent.
 * Returns the group's index.  A set filled only this way (a second
 * aggregation over the groups of a first, as funnel --events per
 * group) is made with keys of the right count; their columns are then
 * not used. */
size_t crm_fold_set_absorb(crm_fold_set *s, const char *key, size_t len,
			   void *state);

/* Number of groups. */
size_t crm_fold_set_count(const crm_fold_set *s);

/* The state of group i (< count), valid until the next record or merge. */
void *crm_fold_set_state(crm_fold_set *s, size_t i);

/* The state of all records: every group's merged into an empty state,
 * in first-seen order (computed once, owned by s). */
void *crm_fold_set_total(crm_fold_set *s);

/* The hash key of group i, and its key cell c as in its first record. */
const char *crm_fold_set_key(const crm_fold_set *s, size_t i, size_t *len);
const char *crm_fold_set_cell(const crm_fold_set *s, size_t i, size_t c,
			      size_t *len);

/* The groups are complete (being written): free the table that finds a
 * key's group (crm_hash_compact), keeping keys and states; a later
 * record or absorb builds it again. */
void crm_fold_set_compact(crm_fold_set *s);

/* Output orders of the groups. */
typedef enum crm_fold_order_kind {
	CRM_FOLD_FIRST_SEEN = 0,	/* as the input first had them */
	CRM_FOLD_BY_KEY,	/* key cells in byte order, column by column */
	CRM_FOLD_BY_COMPARE	/* cmp(ctx, s, a, b), ties in first-seen order */
} crm_fold_order_kind;

typedef int (*crm_fold_cmp_fn)(void *ctx, crm_fold_set *s, size_t a,
			       size_t b);

/* The count group indices in that order, owned by s and valid until the
 * next call. */
const size_t *crm_fold_set_order(crm_fold_set *s, crm_fold_order_kind kind,
				 crm_fold_cmp_fn cmp, void *ctx);

/*
 * The hash key of the cells f[cols[i]][0..len[cols[i]]) for i < n (cols
 * NULL: cells 0..n-1): one cell as it is, several as (4-byte length,
 * bytes) pairs, so that no cell content can fake a boundary.  For tables
 * keyed like the groups (kpi --targets).  The key is f[...] itself for
 * one cell, else in buf (free buf->s).
 */
typedef struct crm_fold_keybuf {
	char *s;
	size_t cap;
} crm_fold_keybuf;

const char *crm_fold_key_make(crm_fold_keybuf *buf, const char *const *f,
			      const size_t *len, const long *cols, size_t n,
			      size_t *klen);

/* ------------------------------------------------------------------ */
/* The tool loop (tool layer: every function below may end the process) */

typedef struct crm_fold crm_fold;

/* Open the operands of c (standard input without any) for tool; ends
 * the tool on failure (status 3, or 2). */
crm_fold *crm_fold_open(const crm_tool *tool, crm_common *c);

/* The input header and delimiter. */
const crm_header *crm_fold_header(const crm_fold *f);
const crm_input *crm_fold_input(const crm_fold *f);

/*
 * Group by the columns named in list (comma-separated, as --by takes
 * them; single: the whole of list is one column name, as --customer
 * takes it); option names the option in messages.  An unknown column,
 * or one named twice, is a usage error.  NULL list: no keys (one
 * group).  Call before crm_fold_read.
 */
void crm_fold_keys(crm_fold *f, const char *list, const char *option,
		   bool single);

/* The key columns resolved, and how many. */
const long *crm_fold_key_columns(const crm_fold *f, size_t *n);

/*
 * Open the output (and --rejects, with the input header and "error"),
 * then read every record into a set over ops (copied).  A record ops.add
 * finds invalid fails the tool under --invalid fail ("TOOL: FILE:LINE:
 * why", status 1) and is written to --rejects under skip.  A read error
 * ends the tool, discarding the outputs.
 */
void crm_fold_read(crm_fold *f, const crm_fold_ops *ops);

/* The set read (for the crm_fold_set_* accessors), and shorthands. */
crm_fold_set *crm_fold_groups(crm_fold *f);
size_t crm_fold_count(const crm_fold *f);
const size_t *crm_fold_order(crm_fold *f, crm_fold_order_kind kind,
			     crm_fold_cmp_fn cmp, void *ctx);

/*
 * --partial: after crm_fold_read, write the groups as a partial of id
 * (crm_partial: a meta line, then one record per group in first-seen
 * order) instead of figures.  A run that fails after its output was
 * opened (a quote error, an invalid row under --invalid fail) writes
 * the failed line of crm_partial to standard output before it ends,
 * so that a merge of its output fails too.
 */
void crm_fold_partial_mode(crm_fold *f, const crm_partial_id *id);
void crm_fold_write_partial(crm_fold *f);

/*
 * --merge: open instead of crm_fold_open, with the header h (as the
 * input had it; the caller's, outliving f) to resolve keys and compile
 * against; then, after crm_fold_keys, crm_fold_read_partials reads the
 * partial operands of c (crm_partial, accepting id's only) into a set
 * over ops, each record's state loaded and absorbed into its key's
 * group, and opens the output delimited as the partials' input was.
 * A partial that does not fit (crm_partial_read's errors, a state that
 * does not load: "FILE:LINE: damaged partial: ...") ends the tool with
 * status 1, an unreadable one with 3.
 */
crm_fold *crm_fold_open_merge(const crm_tool *tool, crm_common *c,
			      const crm_header *h);

/*
 * A header for --merge, whose input has none: the columns names[0..n),
 * then every column the expressions exprs[0..nexprs) refer to, each
 * once; with numbered (-H), the columns 1 to the largest number named.
 * Free it with crm_fold_header_free.
 */
crm_header *crm_fold_header_new(const char *const *names, size_t n,
				const char *const *exprs, size_t nexprs,
				bool numbered);
void crm_fold_header_free(crm_header *h);
void crm_fold_read_partials(crm_fold *f, const crm_fold_ops *ops,
			    const crm_partial_id *id);

/*
 * Whether the input is empty (no bytes, or blank lines only): then the
 * output is opened for the tool to write its header row only (SPEC 2:
 * an empty table, status 0) before crm_fold_close, with no column to
 * resolve; -v says the input was empty.
 */
bool crm_fold_empty(crm_fold *f);

/* The output writer, and the check of each write to it (a failed write
 * ends the tool with status 3, quietly 0 on a closed pipe). */
crm_writer *crm_fold_writer(crm_fold *f);
void crm_fold_check(crm_fold *f, int rc);

/* Records read, and skipped under --invalid skip. */
unsigned long crm_fold_rows(const crm_fold *f);
unsigned long crm_fold_skipped(const crm_fold *f);

/*
 * Finish: report the skipped rows; with -v, "N rows read, M aggregated,
 * G groups" (under --merge "N partial records merged, G groups")
 * followed by ", extra" if extra is not NULL; close the
 * outputs (renaming -o FILE into place), free the set and the input.
 * Returns 0, the exit status for main.
 */
int crm_fold_close(crm_fold *f, const char *extra);

#endif
