/*
 * funnel: customers through the phases of the customer process (seed 5),
 * from a current-phase column or from an event log.  See funnel(1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_date.h"
#include "crm_fold.h"
#include "crm_funnel.h"
#include "crm_names.h"
#include "crm_opts.h"
#include "crm_phase.h"
#include "crm_utf8.h"

enum { OPT_PHASE = 256, OPT_PHASES, OPT_BY, OPT_EVENTS, OPT_CUSTOMER,
       OPT_DATE };

static const struct option options[] = {
	{ "phase", required_argument, NULL, OPT_PHASE },
	{ "phases", required_argument, NULL, OPT_PHASES },
	{ "by", required_argument, NULL, OPT_BY },
	{ "events", no_argument, NULL, OPT_EVENTS },
	{ "customer", required_argument, NULL, OPT_CUSTOMER },
	{ "date", required_argument, NULL, OPT_DATE },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"funnel --phase COL [--phases P1,P2,...] [--by COL] [options] [FILE ...]\n"
"funnel --events --customer COL --phase COL --date COL [--phases ...]\n"
"    [--by COL] [--date-format FMT] [options] [FILE ...]\n";

static const char help[] =
"Count customers through the phases of the customer process (seed 5):\n"
"one row per phase with current, reached, step_conversion, conversion\n"
"and drop_off; from an event log also median_days and mean_days.\n"
"\n"
"      --phase COL           the phase (an id or German name, any case)\n"
"      --phases P1,P2,...    the phases in order instead of the seed's\n"
"      --by COL              one funnel per group (first-seen order;\n"
"                            with --events, of each customer's first\n"
"                            event)\n"
"      --events              rows are events: customer, phase, date\n"
"      --customer COL        the customer of an event\n"
"      --date COL            the date an event's phase was entered\n"
"      --date-format FMT     dates in this strptime-like form\n";

struct funnel {
	const char *phase_arg, *phases, *by, *customer, *date_arg;
	bool events;
	crm_common c;
	crm_phase_list list;
	crm_date_pattern pat;
	const crm_header *h;
	long phase, date;	/* columns */
	long *by_col;		/* --by with --events, resolved here */
	size_t nby;
};

/* With --events --by, after a customer's dates: the key of the group of
 * its first valid event (crm_fold_key_make of the --by cells), owned. */
typedef struct group_ref {
	char *key;
	size_t len;
} group_ref;

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct funnel *fn = ctx;

	(void)err;
	switch (opt) {
	case OPT_PHASE: fn->phase_arg = arg; break;
	case OPT_PHASES: fn->phases = arg; break;
	case OPT_BY: fn->by = arg; break;
	case OPT_EVENTS: fn->events = true; break;
	case OPT_CUSTOMER: fn->customer = arg; break;
	case OPT_DATE: fn->date_arg = arg; break;
	}
	return 0;
}

/* The phase of rec, or -1 with why. */
static long
phase_of(const struct funnel *fn, const crm_record *rec, char *why,
	 size_t cap)
{
	const char *s = rec->f[fn->phase];
	size_t len = rec->len[fn->phase];
	long k = crm_phase_find(&fn->list, s, len);
	char shown[CRM_SHOW_BUF(200)], msg[128];

	if (k >= 0)
		return k;
	if (len == 0)
		snprintf(why, cap, "column '%s' is empty",
		    fn->h->name[fn->phase]);
	else if (crm_utf8_explain(s, len, NULL, msg, sizeof msg) < 0)
		snprintf(why, cap, "column '%s': %s", fn->h->name[fn->phase],
		    msg);
	else
		snprintf(why, cap, "column '%s': \"%s\" is not a phase",
		    fn->h->name[fn->phase],
		    crm_show_data(shown, sizeof shown, s, len, 200));
	return -1;
}

/* Current-phase mode: a count per phase. */
static void
count_init(void *ctx, void *state)
{
	const struct funnel *fn = ctx;

	memset(state, 0, fn->list.n * sizeof(unsigned long));
}

static int
count_add(void *ctx, void *scratch, void *state, const crm_record *rec,
	  char *why, size_t cap)
{
	long k = phase_of(ctx, rec, why, cap);

	(void)scratch;
	if (k < 0)
		return -1;
	((unsigned long *)state)[k]++;
	return 0;
}

static void
count_merge(void *ctx, void *into, const void *from)
{
	const struct funnel *fn = ctx;

	for (size_t k = 0; k < fn->list.n; k++)
		((unsigned long *)into)[k] += ((const unsigned long *)from)[k];
}

/* Event mode, per customer: [0] the furthest phase, [1 + k] the first
 * date phase k was entered (NAN: never, or no date); with --by, a
 * group_ref after them. */
static group_ref *
group_of(const struct funnel *fn, void *state)
{
	return (group_ref *)((double *)state + 1 + fn->list.n);
}

static const group_ref *
group_in(const struct funnel *fn, const void *state)
{
	return (const group_ref *)((const double *)state + 1 + fn->list.n);
}

static void
events_init(void *ctx, void *state)
{
	const struct funnel *fn = ctx;
	double *s = state;

	s[0] = -1;
	for (size_t k = 0; k < fn->list.n; k++)
		s[1 + k] = NAN;
	if (fn->nby > 0)
		*group_of(fn, state) = (group_ref){ NULL, 0 };
}

static void
events_free(void *ctx, void *state)
{
	free(group_of(ctx, state)->key);
}

/* Keep the group of the customer's first valid event (records come in
 * input order to each state: crm_fold's contract). */
static void
keep_group(group_ref *g, const char *key, size_t len)
{
	if (g->key != NULL)
		return;
	g->key = crm_xmalloc(len + 1);
	memcpy(g->key, key, len);
	g->len = len;
}

static int
events_add(void *ctx, void *scratch, void *state, const crm_record *rec,
	   char *why, size_t cap)
{
	const struct funnel *fn = ctx;
	long k = phase_of(fn, rec, why, cap);
	double *s = state;
	crm_date d = { NAN, false };
	char shown[CRM_SHOW_BUF(200)];

	(void)scratch;
	if (k < 0)
		return -1;
	if (crm_date_parse(rec->f[fn->date], rec->len[fn->date],
	    &fn->pat, &d) == CRM_DATE_INVALID) {
		snprintf(why, cap, "column '%s': \"%s\" is not a date",
		    fn->h->name[fn->date], crm_show_data(shown, sizeof shown,
		    rec->f[fn->date], rec->len[fn->date], 200));
		return -1;
	}
	if (k > s[0])
		s[0] = (double)k;
	if (!isnan(d.days) && !(s[1 + k] <= d.days))
		s[1 + k] = d.days;
	if (fn->nby > 0 && group_of(fn, state)->key == NULL) {
		crm_fold_keybuf kb = { NULL, 0 };
		size_t len;
		const char *key = crm_fold_key_make(&kb, rec->f, rec->len,
		    fn->by_col, fn->nby, &len);

		keep_group(group_of(fn, state), key, len);
		free(kb.s);
	}
	return 0;
}

static void
events_merge(void *ctx, void *into, const void *from)
{
	const struct funnel *fn = ctx;
	double *a = into;
	const double *b = from;

	a[0] = b[0] > a[0] ? b[0] : a[0];
	for (size_t k = 1; k <= fn->list.n; k++)
		if (!isnan(b[k]) && !(a[k] <= b[k]))
			a[k] = b[k];
	if (fn->nby > 0 && group_in(fn, from)->key != NULL)
		keep_group(group_of(fn, into), group_in(fn, from)->key,
		    group_in(fn, from)->len);
}

static void
put_count(crm_fold *f, unsigned long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%lu", v);

	crm_fold_check(f, crm_writer_field(crm_fold_writer(f), buf,
	    (size_t)n));
}

static void
put_num(crm_fold *f, double v)
{
	crm_writer *w = crm_fold_writer(f);

	crm_fold_check(f, isnan(v) ? crm_writer_empty(w) :
	    crm_writer_num(w, v));
}

static void
write_header(const struct funnel *fn, crm_fold *f)
{
	static const char *const names[] = {
		"phase", "position", "current", "reached", "step_conversion",
		"conversion", "drop_off", "median_days", "mean_days"
	};
	crm_writer *w = crm_fold_writer(f);
	size_t nkeys;
	const long *keys = crm_fold_key_columns(f, &nkeys);

	if (fn->c.csv.no_header)
		return;
	if (fn->events) {
		keys = fn->by_col;
		nkeys = fn->nby;
	}
	for (size_t i = 0; i < nkeys; i++)
		crm_fold_check(f, crm_writer_field(w, fn->h->name[keys[i]],
		    fn->h->len[keys[i]]));
	for (size_t i = 0; i < (fn->events ? 9u : 7u); i++)
		crm_fold_check(f, crm_writer_field(w, names[i],
		    strlen(names[i])));
	crm_fold_check(f, crm_writer_end(w));
}

/* One funnel: a row per phase, after the key cells of group of set (a
 * set of nkeys key columns). */
static void
write_funnel(const struct funnel *fn, crm_fold *f, crm_fold_set *set,
	     size_t nkeys, size_t group, const unsigned long *current,
	     crm_funnel_days *days)
{
	crm_funnel_row rows[CRM_PHASE_MAX];
	size_t len;

	crm_funnel_rows(current, fn->list.n, rows);
	for (size_t k = 0; k < fn->list.n; k++) {
		const char *name = crm_phase_name(&fn->list, k,
		    fn->c.lang == CRM_LANG_DE);

		for (size_t i = 0; i < nkeys; i++) {
			const char *cell = crm_fold_set_cell(set, group, i,
			    &len);

			crm_fold_check(f, crm_writer_field(crm_fold_writer(f),
			    cell, len));
		}
		crm_fold_check(f, crm_writer_field(crm_fold_writer(f), name,
		    strlen(name)));
		put_count(f, k + 1);
		put_count(f, rows[k].current);
		put_count(f, rows[k].reached);
		put_num(f, rows[k].step_conversion);
		put_num(f, rows[k].conversion);
		put_num(f, rows[k].drop_off);
		if (days != NULL) {
			put_num(f, k > 0 ? crm_funnel_days_median(&days[k]) :
			    NAN);
			put_num(f, k > 0 ? crm_funnel_days_mean(&days[k]) :
			    NAN);
		}
		crm_fold_check(f, crm_writer_end(crm_fold_writer(f)));
	}
}

/* Event mode, per funnel (one, or one per group of --by): the
 * customers in each furthest phase, then the days between phases. */
static unsigned long *
funnel_current(void *state)
{
	return state;
}

static crm_funnel_days *
funnel_days(const struct funnel *fn, void *state)
{
	return (crm_funnel_days *)((unsigned long *)state + fn->list.n);
}

static void
funnel_init(void *ctx, void *state)
{
	const struct funnel *fn = ctx;

	memset(state, 0, fn->list.n * (sizeof(unsigned long) +
	    sizeof(crm_funnel_days)));
}

static void
funnel_merge(void *ctx, void *into, const void *from)
{
	const struct funnel *fn = ctx;
	const unsigned long *c = from;
	const crm_funnel_days *d = (const crm_funnel_days *)(c + fn->list.n);

	for (size_t k = 0; k < fn->list.n; k++) {
		funnel_current(into)[k] += c[k];
		for (size_t i = 0; i < d[k].n; i++)
			crm_funnel_days_add(&funnel_days(fn, into)[k],
			    d[k].v[i]);
	}
}

static void
funnel_free(void *ctx, void *state)
{
	const struct funnel *fn = ctx;

	for (size_t k = 0; k < fn->list.n; k++)
		crm_funnel_days_free(&funnel_days(fn, state)[k]);
}

/* Customer s into funnel state t. */
static void
funnel_add(const struct funnel *fn, void *t, const double *s)
{
	funnel_current(t)[(size_t)s[0]]++;
	for (size_t k = 1; k < fn->list.n; k++)
		if (!isnan(s[k]) && !isnan(s[1 + k]))
			crm_funnel_days_add(&funnel_days(fn, t)[k],
			    s[1 + k] - s[k]);
}

/*
 * Event mode: every customer into the funnel of its group (a second
 * set, keyed by the --by cells of the customer's first valid event; one
 * group of key "" without --by), customers in first-seen order, so the
 * groups come in the order their first customer's first event has
 * them.
 */
static void
write_events(struct funnel *fn, crm_fold *f)
{
	crm_fold_ops ops = { .ctx = fn, .init = funnel_init,
	    .merge = funnel_merge, .free = funnel_free,
	    .size = fn->list.n * (sizeof(unsigned long) +
	    sizeof(crm_funnel_days)) };
	crm_fold_set *customers = crm_fold_groups(f);
	crm_fold_set *groups = crm_fold_set_new(&ops, fn->by_col, fn->nby);
	void *empty = crm_xmalloc(ops.size);

	for (size_t c = 0; c < crm_fold_set_count(customers); c++) {
		const double *s = crm_fold_set_state(customers, c);
		char none[1] = "";
		group_ref g = { none, 0 };
		size_t i;

		if (fn->nby > 0)
			g = *group_in(fn, s);
		funnel_init(fn, empty);
		i = crm_fold_set_absorb(groups, g.key, g.len, empty);
		funnel_add(fn, crm_fold_set_state(groups, i), s);
	}
	free(empty);
	for (size_t i = 0; i < crm_fold_set_count(groups); i++) {
		void *t = crm_fold_set_state(groups, i);

		write_funnel(fn, f, groups, fn->nby, i, funnel_current(t),
		    funnel_days(fn, t));
	}
	crm_fold_set_free(groups);
}

static long
column(const struct funnel *fn, const crm_tool *tool, const char *name,
       const char *option)
{
	crm_error err;
	long c = crm_names_column(fn->h, name, strlen(name), option, NULL,
	    &err);

	if (c < 0)
		crm_usage_die(tool, &err);
	return c;
}

/* --by with --events: the columns of COL,... (not keys of the fold,
 * whose key is the customer). */
static void
by_columns(struct funnel *fn, const crm_tool *tool)
{
	for (const char *p = fn->by;; p++) {
		size_t len = strcspn(p, ",");
		crm_error err;
		long c = crm_names_column(fn->h, p, len, "--by", NULL, &err);

		if (c < 0)
			crm_usage_die(tool, &err);
		for (size_t i = 0; i < fn->nby; i++)
			if (fn->by_col[i] == c)
				crm_usage_error(tool, "--by: column '%.*s' "
				    "given twice", (int)len, p);
		fn->by_col = crm_xreallocarray(fn->by_col, fn->nby + 1,
		    sizeof *fn->by_col);
		fn->by_col[fn->nby++] = c;
		if (p[len] == '\0')
			break;
		p += len;
	}
}

/* The options' rules, the phase list and the date pattern. */
static void
setup(struct funnel *fn, const crm_tool *tool, const crm_common *c)
{
	crm_error err;

	if (fn->phase_arg == NULL)
		crm_usage_error(tool, "--phase is required");
	if (fn->events && (fn->customer == NULL || fn->date_arg == NULL))
		crm_usage_error(tool, "--events needs --customer and --date");
	if (!fn->events && (fn->customer != NULL || fn->date_arg != NULL))
		crm_usage_error(tool, "--customer and --date need --events");
	if (fn->phases == NULL)
		crm_phase_default(&fn->list);
	else if (crm_phase_parse(&fn->list, fn->phases, &err) < 0)
		crm_usage_die(tool, &err);
	/* --date-format is the common option's, checked by crm_opts */
	fn->pat = c->date_pattern;
}

int
main(int argc, char **argv)
{
	static struct funnel fn;
	crm_tool tool = {
		.name = "funnel", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "",
		.flags = CRM_TOOL_INVALID_NO_KEEP, .handle = handle,
		.ctx = &fn,
	};
	crm_fold_ops ops = { .halves_exact = true, .ctx = &fn };
	const size_t *order;
	size_t nkeys;
	crm_fold *f;

	crm_opts_parse(&tool, argc, argv, &fn.c);
	setup(&fn, &tool, &fn.c);
	f = crm_fold_open(&tool, &fn.c);
	fn.h = crm_fold_header(f);
	fn.phase = column(&fn, &tool, fn.phase_arg, "--phase");
	if (fn.events) {
		fn.date = column(&fn, &tool, fn.date_arg, "--date");
		crm_fold_keys(f, fn.customer, "--customer", true);
		if (fn.by != NULL)
			by_columns(&fn, &tool);
		ops.size = (fn.list.n + 1) * sizeof(double) +
		    (fn.nby > 0 ? sizeof(group_ref) : 0);
		ops.init = events_init;
		ops.add = events_add;
		ops.merge = events_merge;
		ops.free = fn.nby > 0 ? events_free : NULL;
	} else {
		crm_fold_keys(f, fn.by, "--by", false);
		ops.size = fn.list.n * sizeof(unsigned long);
		ops.init = count_init;
		ops.add = count_add;
		ops.merge = count_merge;
	}
	crm_fold_read(f, &ops);
	write_header(&fn, f);
	if (fn.events)
		write_events(&fn, f);
	else {
		order = crm_fold_order(f, CRM_FOLD_FIRST_SEEN, NULL, NULL);
		crm_fold_key_columns(f, &nkeys);
		for (size_t i = 0; i < crm_fold_count(f); i++)
			write_funnel(&fn, f, crm_fold_groups(f), nkeys,
			    order[i], crm_fold_set_state(crm_fold_groups(f),
			    order[i]), NULL);
	}
	crm_phase_free(&fn.list);
	free(fn.by_col);
	return crm_fold_close(f, NULL);
}
