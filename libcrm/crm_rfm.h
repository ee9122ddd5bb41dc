/*
 * crm_rfm: what rfm keeps per customer of a transaction log, and the
 * figures it derives from it (SPEC 3, "rfm"): recency, frequency and
 * monetary value with their scores, and the buy-till-you-die summary
 * x, t_x, T, m that clv reads.
 *
 * A customer's state is a fixed-size struct (crm_rfm_state, 40 bytes)
 * that the caller may move with memcpy.  From its second distinct
 * purchase day on it also holds a block of a pool (crm_rfm_pool) that
 * all the customers of a fold share: the first day's amount (16 bytes)
 * and the days between the first and the last (4 bytes each, sorted, in
 * room that doubles), so that a customer takes 40 bytes plus at most 8
 * per distinct purchase day.  The sums are Neumaier-compensated, so
 * that the merge of two parts gives what one pass gives (two threads
 * must not change a printed digit).  Days are day numbers (crm_date's
 * days from the civil date).  A log in date order appends at the end;
 * rows in any other order are found by binary search.
 *
 * Every state is mergeable: merging the states of two parts of a log
 * gives the state of the whole (the distinct days are united, the first
 * day's amount follows the earlier first day), so that two threads, or
 * later rfm --partial / --merge, can split one log.
 *
 * Nothing here exits except on memory exhaustion (crm_x*: status 3).
 */
#ifndef CRM_RFM_H
#define CRM_RFM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crm_csv.h"
#include "crm_partial.h"

/* The most score bins rfm takes (-n), so that rfm_score is three digits. */
#define CRM_RFM_MAX_BINS 9
#define CRM_RFM_MIN_BINS 2

/* Days in one --unit: day 1, week 7, month 30.4375 (a Gregorian year of
 * 365.25 days over 12). */
#define CRM_RFM_DAYS_PER_WEEK 7.0
#define CRM_RFM_DAYS_PER_MONTH 30.4375

/* What every customer holds; the rest is in a pool block. */
typedef struct crm_rfm_state {
	int32_t first, last;	/* first and last purchase day */
	uint32_t orders;	/* purchase rows */
	uint32_t ndays;		/* distinct purchase days; 0: no purchase */
	double revenue, revenue_comp;	/* sum of the amounts */
	uint32_t more;		/* pool block if ndays >= 2, else 0 */
	uint32_t holdout;	/* rows after the as-of date, left out */
} crm_rfm_state;

/*
 * The pool of the blocks of many states.  A block holds 16 bytes and
 * room for the days between the first and the last, doubling, so that a
 * live block is at most 8 bytes a distinct day of its state; a block
 * given back (the state grew or was freed) is taken again by the next
 * state that needs one of its size (on the 10 M-row log of
 * tests/bench/README.md the pool peaks at 5.5 bytes a distinct day).
 * Up to 16 GiB of blocks (exit 3 beyond, and on memory exhaustion).
 * One thread at a time: every function below that takes a pool may
 * change it, except the const ones.
 */
typedef struct crm_rfm_pool crm_rfm_pool;

crm_rfm_pool *crm_rfm_pool_new(void);
void crm_rfm_pool_free(crm_rfm_pool *p);

/* Bytes the pool has handed out so far, live or given back. */
size_t crm_rfm_pool_bytes(const crm_rfm_pool *p);

/* An empty state (no purchase). */
void crm_rfm_init(crm_rfm_state *s);

/* Give s's block back to p; s is then empty. */
void crm_rfm_free(crm_rfm_pool *p, crm_rfm_state *s);

/*
 * Account one purchase row on day with amount (has_amount false: the
 * amount is missing, the row counts as an order without one).  Takes a
 * block when a second distinct day comes, a larger one when the block
 * is full.
 */
void crm_rfm_add(crm_rfm_pool *p, crm_rfm_state *s, int32_t day,
		 double amount, bool has_amount);

/* Account one row dated after the as-of date: counted, nothing else. */
void crm_rfm_add_holdout(crm_rfm_state *s);

/* Fold from into into as if from's rows had been added to into; from is
 * unchanged (free it after). */
void crm_rfm_merge(crm_rfm_pool *p, crm_rfm_state *into,
		   const crm_rfm_state *from);

/*
 * Partials (rfm --partial / --merge, crmkit(7) PARTIALS): append the
 * state as fields of a partial line (orders, holdout, distinct days,
 * the revenue sum and its compensation as hex floats; with days: the
 * first and last day, the first day's amount and its compensation, and
 * the days between them), and read such fields back into an empty
 * state, bit for bit.  load returns 0, or -1 when the fields do not
 * make a state (which it leaves freeable).
 */
void crm_rfm_save(const crm_rfm_pool *p, const crm_rfm_state *s,
		  crm_partial_line *l);
int crm_rfm_load(crm_rfm_pool *p, crm_rfm_state *s, crm_partial_record *r);

/* Whether day is one of s's purchase days. */
bool crm_rfm_has_day(const crm_rfm_pool *p, const crm_rfm_state *s,
		     int32_t day);

/* A hint: fetch the part of s's block the next row of s will likely
 * touch (the first day's amount, the room after the last inner day). */
void crm_rfm_prefetch(const crm_rfm_pool *p, const crm_rfm_state *s);

/* Distinct purchase day i (< ndays) of s, ascending. */
int32_t crm_rfm_day(const crm_rfm_pool *p, const crm_rfm_state *s,
		    uint32_t i);

/* The sum of the amounts of s's first purchase day (ndays > 0). */
double crm_rfm_first_amount(const crm_rfm_pool *p, const crm_rfm_state *s);

/* The figures of one customer (SPEC 3, "rfm").  Days are day numbers;
 * t_x and T are in the --unit (unit_days days each). */
typedef struct crm_rfm_figures {
	double revenue;		/* sum of the amounts */
	double recency;		/* days from the last purchase to as-of */
	double frequency;	/* = orders */
	double monetary;	/* revenue, or revenue / orders (mean) */
	double x;		/* distinct purchase days - 1 */
	double t_x;		/* last - first purchase, in units */
	double T;		/* as-of - first purchase, in units */
	double m;		/* mean amount of the repeat days; 0 if x = 0 */
} crm_rfm_figures;

/* The figures of s (ndays > 0) at the as-of day asof (>= s->last);
 * monetary_mean: revenue / orders instead of revenue. */
void crm_rfm_figures_of(const crm_rfm_pool *p, const crm_rfm_state *s,
			int32_t asof, double unit_days, bool monetary_mean,
			crm_rfm_figures *out);

/* The figures that are scored (revenue, recency, frequency, monetary)
 * of s, as crm_rfm_figures_of gives them, the others left as they
 * were: the state alone, without a look into the pool. */
void crm_rfm_scored_of(const crm_rfm_state *s, int32_t asof,
		       bool monetary_mean, crm_rfm_figures *out);

/* How scores are cut (segment --bins --method). */
typedef enum crm_rfm_method {
	CRM_RFM_QUANTILE = 0,	/* type-7 cut points at k/n */
	CRM_RFM_NTILE		/* equal-count buckets by rank, as SQL NTILE */
} crm_rfm_method;

/* The value of customer i (0 .. n-1, in their order) to score. */
typedef double (*crm_rfm_value_fn)(void *ctx, size_t i);

/*
 * Scores 1..nbins of n customers, into score[0..n): the value of each is
 * asked for twice (value(ctx, i) for i = 0 .. n-1, in order, once to cut
 * the bins and once to place it), so that only 8 bytes per customer are
 * held meanwhile.  Bins follow segment --bins (crm_classify): nbins for
 * the highest values, or with reverse for the lowest (recency); ties in
 * customer order under NTILE.  Values must not be NaN.  cuts (if not
 * NULL) receives the nbins - 1 cut points of the quantile method, NaN
 * under NTILE or without customers.
 */
void crm_rfm_score(size_t n, crm_rfm_value_fn value, void *ctx,
		   unsigned nbins, crm_rfm_method method, bool reverse,
		   unsigned char *score, double *cuts);

/*
 * The segment table: a label for each combination of scores.  Segment
 * rules (a rules file over r_score, f_score and m_score) are decided once
 * per combination, not per customer: match(ctx, rec) gets a record of
 * the three scores as text under the header crm_rfm_score_header() (the
 * m_score field empty when there is no amount) and returns the label of
 * the first rule that holds, or NULL when none does.  Labels are kept as
 * pointers: they must outlive the table.  nbins is 2..9.
 */
typedef struct crm_rfm_segments crm_rfm_segments;

typedef const char *(*crm_rfm_match_fn)(void *ctx, const crm_record *rec);

/* The header r_score, f_score, m_score that segment rules compile
 * against (static). */
const crm_header *crm_rfm_score_header(void);

crm_rfm_segments *crm_rfm_segments_build(unsigned nbins, bool has_m,
					 crm_rfm_match_fn match, void *ctx);

/* The label of scores r, f, m (1..nbins; m 0 without amounts), or NULL
 * when no rule holds. */
const char *crm_rfm_segment(const crm_rfm_segments *t, unsigned r,
			    unsigned f, unsigned m);
void crm_rfm_segments_free(crm_rfm_segments *t);

#endif
