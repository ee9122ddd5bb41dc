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
"    [--date-format FMT] [options] [FILE ...]\n";

static const char help[] =
"Count customers through the phases of the customer process (seed 5):\n"
"one row per phase with current, reached, step_conversion, conversion\n"
"and drop_off; from an event log also median_days and mean_days.\n"
"\n"
"      --phase COL           the phase (an id or German name, any case)\n"
"      --phases P1,P2,...    the phases in order instead of the seed's\n"
"      --by COL              one funnel per group (first-seen order)\n"
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
};

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
 * date phase k was entered (NAN: never, or no date). */
static void
events_init(void *ctx, void *state)
{
	const struct funnel *fn = ctx;
	double *s = state;

	s[0] = -1;
	for (size_t k = 0; k < fn->list.n; k++)
		s[1 + k] = NAN;
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
	for (size_t i = 0; !fn->events && i < nkeys; i++)
		crm_fold_check(f, crm_writer_field(w, fn->h->name[keys[i]],
		    fn->h->len[keys[i]]));
	for (size_t i = 0; i < (fn->events ? 9u : 7u); i++)
		crm_fold_check(f, crm_writer_field(w, names[i],
		    strlen(names[i])));
	crm_fold_check(f, crm_writer_end(w));
}

/* One funnel: a row per phase, after the group's key cells. */
static void
write_funnel(const struct funnel *fn, crm_fold *f, size_t group,
	     const unsigned long *current, crm_funnel_days *days)
{
	crm_funnel_row rows[CRM_PHASE_MAX];
	crm_fold_set *set = crm_fold_groups(f);
	size_t nkeys, len;

	crm_fold_key_columns(f, &nkeys);
	crm_funnel_rows(current, fn->list.n, rows);
	for (size_t k = 0; k < fn->list.n; k++) {
		const char *name = crm_phase_name(&fn->list, k,
		    fn->c.lang == CRM_LANG_DE);

		for (size_t i = 0; !fn->events && i < nkeys; i++) {
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

/* Event mode: every customer into one funnel and the days between. */
static void
write_events(const struct funnel *fn, crm_fold *f)
{
	crm_funnel_days days[CRM_PHASE_MAX];
	unsigned long current[CRM_PHASE_MAX] = { 0 };
	crm_fold_set *set = crm_fold_groups(f);
	size_t n = fn->list.n;

	memset(days, 0, sizeof days);
	for (size_t g = 0; g < crm_fold_set_count(set); g++) {
		const double *s = crm_fold_set_state(set, g);

		current[(size_t)s[0]]++;
		for (size_t k = 1; k < n; k++)
			if (!isnan(s[k]) && !isnan(s[1 + k]))
				crm_funnel_days_add(&days[k], s[1 + k] - s[k]);
	}
	write_funnel(fn, f, 0, current, days);
	for (size_t k = 0; k < n; k++)
		crm_funnel_days_free(&days[k]);
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
	if (fn->events && fn->by != NULL)
		crm_usage_error(tool, "--by and --events exclude each other");
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
	crm_fold *f;

	crm_opts_parse(&tool, argc, argv, &fn.c);
	setup(&fn, &tool, &fn.c);
	f = crm_fold_open(&tool, &fn.c);
	fn.h = crm_fold_header(f);
	fn.phase = column(&fn, &tool, fn.phase_arg, "--phase");
	if (fn.events) {
		fn.date = column(&fn, &tool, fn.date_arg, "--date");
		crm_fold_keys(f, fn.customer, "--customer", true);
		ops.size = (fn.list.n + 1) * sizeof(double);
		ops.init = events_init;
		ops.add = events_add;
		ops.merge = events_merge;
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
		for (size_t i = 0; i < crm_fold_count(f); i++)
			write_funnel(&fn, f, order[i], crm_fold_set_state(
			    crm_fold_groups(f), order[i]), NULL);
	}
	crm_phase_free(&fn.list);
	return crm_fold_close(f, NULL);
}
