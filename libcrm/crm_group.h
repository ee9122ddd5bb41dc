/*
 * crm_group: grouped aggregation (kpi --by, later rfm by customer).
 *
 * The caller adds "metrics": compiled expressions over aggregates
 * (crm_expr with CRM_EXPR_AGGREGATES, such as sum(revenue)/sum(target)),
 * then hands over the records.  The aggregate calls of all metrics are
 * pooled: identical calls (same function, parameter and argument) share
 * one state per group, and identical arguments (the same column, or the
 * same source text up to blanks) are evaluated once per row.  A record's
 * key cells are hashed (crm_hash) to find its group; accounting it
 * allocates nothing except for a new group, and for median, quantile and
 * distinct, which keep values (crm_agg).  States are mergeable, so the
 * total over all rows is the merge of the groups, and save to partials
 * and load back (crm_group_ops' save and load).
 *
 * Without key columns there is one group, which exists even over no
 * rows (a count of 0); with keys a group exists once a row has it.
 *
 * The groups are a crm_fold_set whose state is every pooled aggregate:
 * crm_group_ops gives those states to a crm_fold loop (kpi), and
 * crm_group_state_values turns one into the metrics.  The rest below
 * keeps its own set, for callers without the loop.  An engine: nothing
 * here ends the process (but crm_xmalloc on exhausted memory).
 */
#ifndef CRM_GROUP_H
#define CRM_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_expr.h"
#include "crm_fold.h"

typedef struct crm_group crm_group;

/* The pseudo-group of all rows, for crm_group_values. */
#define CRM_GROUP_TOTAL ((size_t)-1)

/* Group by the columns keys[0..nkeys) (copied) of records under header h,
 * which is used in messages and must outlive g. */
crm_group *crm_group_new(const crm_header *h, const long *keys,
			 size_t nkeys);
void crm_group_free(crm_group *g);

/* Add metric e (it must outlive g), before the first record; returns its
 * index 0, 1, ... */
size_t crm_group_add_metric(crm_group *g, const crm_expr *e);

/*
 * Account one record.  Returns 0, or -1 when an aggregate's argument is
 * not a number where one is needed (sum of text), with the reason in
 * why[0..cap) as crm_expr_describe gives it (column 'cost': "12x" is not
 * a number); the record then counts nowhere, and the caller decides
 * whether that fails the run or skips the row.
 */
int crm_group_add_record(crm_group *g, const crm_record *rec, char *why,
			 size_t cap);

/*
 * The states of the groups as crm_fold_ops (owned by g; ctx is g, which
 * must outlive every set over them): all metrics added, the plan is
 * complete.  add evaluates each pooled argument once (into the
 * per-thread scratch) and accounts it in every aggregate over it.
 */
const crm_fold_ops *crm_group_ops(crm_group *g);

/*
 * The pooled aggregates as text, "sum(revenue);count();quantile(x,0.5)"
 * (column arguments by name, others by their source without blanks), for
 * the fingerprint of a partial (crm_partial): equal for equal plans over
 * any column order.  Returns a new string (free it).
 */
char *crm_group_plan(const crm_group *g);

/* The value of every metric over one such state (a group's, or a
 * crm_fold_set_total), into out[0..number of metrics); as
 * crm_group_values. */
void crm_group_state_values(crm_group *g, void *state, crm_value *out);

/* Number of groups, and of pooled aggregate states per group. */
size_t crm_group_count(const crm_group *g);
size_t crm_group_aggregates(const crm_group *g);

/*
 * The groups in output order: first seen; or, if sorted, by their key
 * cells in byte order, column by column.  crm_group_count(g) indices,
 * owned by g and valid until the next call.
 */
const size_t *crm_group_order(crm_group *g, bool sorted);

/* Key cell i of group (not CRM_GROUP_TOTAL), as written in its first
 * record. */
const char *crm_group_cell(const crm_group *g, size_t group, size_t i,
			   size_t *len);

/* The hash key of group: the key crm_group_key_make gives for its
 * cells. */
const char *crm_group_key(const crm_group *g, size_t group, size_t *len);

/*
 * The value of every metric over group, or over all rows with
 * CRM_GROUP_TOTAL, into out[0..number of metrics).  MISSING where there
 * is nothing to aggregate (the mean of no value).  Text values point
 * into the metric's expression.
 */
void crm_group_values(crm_group *g, size_t group, crm_value *out);

/*
 * The hash key of the cells f[cols[i]][0..len[cols[i]]) for i < n (cols
 * NULL: cells 0..n-1), as crm_group builds it: one cell as it is,
 * several as (4-byte length, bytes) pairs, so that no cell content can
 * fake a boundary.  For tables keyed like the groups (kpi --targets).
 * The key is f[...] itself for one cell, else in buf (free it).
 */
typedef crm_fold_keybuf crm_group_keybuf;

const char *crm_group_key_make(crm_group_keybuf *buf,
			       const char *const *f, const size_t *len,
			       const long *cols, size_t n, size_t *klen);

/* ------------------------------------------------------------------ */
/* Two threads */

/* A new group over the same header, keys and metrics as g. */
crm_group *crm_group_new_like(const crm_group *g);

/* Fold from's groups into g (same plan): each of from's groups, in its
 * first-seen order, merged into g's group of the same key or appended. */
void crm_group_merge(crm_group *g, crm_group *from);

/* Called in order, in the caller's thread, for each row g found invalid
 * (why: the reason): apply --invalid (it may end the tool). */
typedef crm_fold_invalid_fn crm_group_invalid_fn;

/*
 * Account every record of in (not read yet) into g.  When in splits
 * (crm_input_split), a second
 * thread accounts the second half into a copy of g, merged when the
 * halves join; if that half meets an invalid row or an error, or the
 * halves do not join, this thread reads on through it instead, so that
 * rows, invalid rows and errors come in input order either way and the
 * result is the same.  *rows counts the records read.  Returns 0, or -1
 * with err filled by crm_input_read.
 */
int crm_group_read(crm_group *g, crm_input *in, crm_group_invalid_fn invalid,
		   void *ctx, unsigned long *rows, crm_error *err);

#endif
