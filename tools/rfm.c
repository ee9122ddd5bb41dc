/*
 * rfm: recency, frequency and monetary value per customer from a
 * transaction log, with scores, segments and the buy-till-you-die
 * summary that clv reads (seed 3).  See rfm(1).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_date.h"
#include "crm_deffile.h"
#include "crm_expr.h"
#include "crm_fold.h"
#include "crm_names.h"
#include "crm_opts.h"
#include "crm_partial.h"
#include "crm_rfm.h"
#include "crm_rules.h"

enum { OPT_CUSTOMER = 256, OPT_DATE, OPT_AMOUNT,
       OPT_UNIT, OPT_METHOD, OPT_MONETARY, OPT_SEGMENTS, OPT_NO_SEGMENTS,
       OPT_SORT, OPT_PARTIAL, OPT_MERGE };

static const struct option options[] = {
	{ "customer", required_argument, NULL, OPT_CUSTOMER },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "amount", required_argument, NULL, OPT_AMOUNT },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "method", required_argument, NULL, OPT_METHOD },
	{ "monetary", required_argument, NULL, OPT_MONETARY },
	{ "segments", required_argument, NULL, OPT_SEGMENTS },
	{ "no-segments", no_argument, NULL, OPT_NO_SEGMENTS },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"rfm --customer COL --date COL [--amount MEASURE] [--as-of DATE]\n"
"    [--date-format FMT] [--unit day|week|month] [-n N]\n"
"    [--method quantile|ntile] [--monetary sum|mean]\n"
"    [--segments FILE | --no-segments] [--sort]\n"
"    [--partial | --merge] [options] [FILE ...]\n";

static const char help[] =
"Summarise a transaction log (one row per purchase) into one row per\n"
"customer: first and last purchase, orders, revenue, recency, frequency,\n"
"monetary value, their scores 1..N, the rfm_score, a segment, and the\n"
"buy-till-you-die summary x, t_x, T, m for clv.\n"
"\n"
"      --customer COL        the customer key column\n"
"      --date COL            the purchase date column\n"
"      --amount MEASURE      the purchase amount: a column or an expression\n"
"      --as-of DATE          the report date (default: the latest purchase);\n"
"                            later rows are a holdout, left out\n"
"      --date-format FMT     dates in another form, e.g. %d/%m/%Y or %Y%m%d\n"
"      --unit U              t_x and T in day, week (default) or month\n"
"  -n N                      score bins, 2..9 (default 5)\n"
"      --method M            quantile (default: type-7 cut points) or\n"
"                            ntile (equal counts, ties in input order)\n"
"      --monetary M          sum (default: revenue) or mean (per order)\n"
"      --segments FILE       segment rules over r_score f_score m_score\n"
"      --no-segments         no segment column\n"
"      --sort                by rfm_score descending, then customer\n"
"      --partial             write each customer's state, for --merge\n"
"      --merge               read --partial outputs (FILE ... or stdin) and\n"
"                            write the figures of their whole input\n";

struct config {
	const char *customer, *date, *amount;
	const char *segments;
	unsigned nbins;
	double unit_days;
	crm_rfm_method method;
	bool mean, no_segments, sort, partial, merge;
};

/* The index of arg in words (NULL-terminated), or -1 with a usage error
 * that lists them. */
static int
choose(const char *arg, const char *const *words, const char *option,
       crm_error *err)
{
	char list[64] = "";

	for (int i = 0; words[i] != NULL; i++) {
		if (strcmp(arg, words[i]) == 0)
			return i;
		snprintf(list + strlen(list), sizeof list - strlen(list),
		    "%s%s", i ? ", " : "", words[i]);
	}
	return crm_error_set(err, CRM_EXIT_USAGE, "%s: '%s' is not one of %s",
	    option, arg, list);
}

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	static const char *const units[] = { "day", "week", "month", NULL };
	static const double unit_days[] = { 1, CRM_RFM_DAYS_PER_WEEK,
		CRM_RFM_DAYS_PER_MONTH };
	static const char *const methods[] = { "quantile", "ntile", NULL };
	static const char *const monetary[] = { "sum", "mean", NULL };
	struct config *cfg = ctx;
	char *end;
	long n;
	int k;

	switch (opt) {
	case OPT_CUSTOMER: cfg->customer = arg; break;
	case OPT_DATE: cfg->date = arg; break;
	case OPT_AMOUNT: cfg->amount = arg; break;
	case OPT_SEGMENTS: cfg->segments = arg; break;
	case OPT_NO_SEGMENTS: cfg->no_segments = true; break;
	case OPT_SORT: cfg->sort = true; break;
	case OPT_PARTIAL: cfg->partial = true; break;
	case OPT_MERGE: cfg->merge = true; break;
	case OPT_UNIT:
		if ((k = choose(arg, units, "--unit", err)) < 0)
			return -1;
		cfg->unit_days = unit_days[k];
		break;
	case OPT_METHOD:
		if ((k = choose(arg, methods, "--method", err)) < 0)
			return -1;
		cfg->method = k == 1 ? CRM_RFM_NTILE : CRM_RFM_QUANTILE;
		break;
	case OPT_MONETARY:
		if ((k = choose(arg, monetary, "--monetary", err)) < 0)
			return -1;
		cfg->mean = k == 1;
		break;
	case 'n':
		n = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || n < CRM_RFM_MIN_BINS ||
		    n > CRM_RFM_MAX_BINS)
			return crm_error_set(err, CRM_EXIT_USAGE, "-n: '%s' is "
			    "not a number of bins from %d to %d", arg,
			    CRM_RFM_MIN_BINS, CRM_RFM_MAX_BINS);
		cfg->nbins = (unsigned)n;
		break;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reading: one purchase row into its customer's state */

struct reader {
	const crm_header *h;
	long key, date;
	crm_expr *amount;	/* NULL without --amount */
	crm_date_pattern pat;
	bool has_as_of;
	long as_of;		/* day number */
	crm_rfm_pool *pool;	/* the customers' days (one reading thread) */
};

static int
row_invalid(char *why, size_t cap, const crm_header *h, long col,
	    const char *what, const char *text, size_t len)
{
	char show[CRM_SHOW_BUF(40)];

	if (len == 0)
		snprintf(why, cap, "column '%s' is empty", h->name[col]);
	else
		snprintf(why, cap, "column '%s': \"%s\" is %s", h->name[col],
		    crm_show_data(show, sizeof show, text, len, 40), what);
	return -1;
}

/* The amount of rec into *amount; 1 if there is one, 0 if it is missing,
 * -1 with why if it is invalid (text, or negative). */
static int
amount_of(const struct reader *r, const crm_record *rec, double *amount,
	  char *why, size_t cap)
{
	crm_eval_note note;
	crm_value v;
	long col;

	crm_expr_eval_into(r->amount, rec, &v, &note);
	if (v.type == CRM_VAL_MISSING)
		return 0;
	col = crm_expr_column(r->amount);
	if (v.type != CRM_VAL_NUM) {
		if (col >= 0)
			return row_invalid(why, cap, r->h, col,
			    "not a number", rec->f[col], rec->len[col]);
		crm_expr_describe(r->amount, r->h, &note, why, cap);
		return -1;
	}
	if (v.num < 0) {
		if (col >= 0)
			return row_invalid(why, cap, r->h, col, "negative",
			    rec->f[col], rec->len[col]);
		snprintf(why, cap, "measure '%s' is negative (%.15g)",
		    crm_expr_source(r->amount), v.num);
		return -1;
	}
	*amount = v.num;
	return 1;
}

static int
add_row(void *ctx, void *scratch, void *state, const crm_record *rec,
	char *why, size_t cap)
{
	struct reader *r = ctx;
	double amount = 0;
	int has = 0;
	crm_date d;
	long day;

	(void)scratch;
	if (rec->len[r->key] == 0)
		return row_invalid(why, cap, r->h, r->key, "", "", 0);
	if (crm_date_parse(rec->f[r->date], rec->len[r->date], &r->pat,
	    &d) != CRM_DATE_OK)
		return row_invalid(why, cap, r->h, r->date, "not a date",
		    rec->f[r->date], rec->len[r->date]);
	if (r->amount != NULL &&
	    (has = amount_of(r, rec, &amount, why, cap)) < 0)
		return -1;
	day = crm_date_day(d);
	if (r->has_as_of && day > r->as_of)
		crm_rfm_add_holdout(state);
	else
		crm_rfm_add(r->pool, state, (int32_t)day, amount, has > 0);
	return 0;
}

static void
init_state(void *ctx, void *state)
{
	(void)ctx;
	crm_rfm_init(state);
}

static void
merge_states(void *ctx, void *into, const void *from)
{
	struct reader *r = ctx;

	crm_rfm_merge(r->pool, into, from);
}

static void
prefetch_state(void *ctx, const void *state)
{
	const struct reader *r = ctx;

	crm_rfm_prefetch(r->pool, state);
}

static void
free_state(void *ctx, void *state)
{
	struct reader *r = ctx;

	crm_rfm_free(r->pool, state);
}

/* Resolve the columns, --amount, --date-format and --as-of against the
 * input. */
static void
setup_reader(struct reader *r, crm_fold *f, const struct config *cfg,
	     const crm_common *c)
{
	const long *keys;
	crm_error err;
	size_t nk;

	r->h = crm_fold_header(f);
	crm_fold_keys(f, cfg->customer, "--customer", true);
	keys = crm_fold_key_columns(f, &nk);
	r->key = keys[0];
	r->date = crm_names_column(r->h, cfg->date, strlen(cfg->date),
	    "--date", NULL, &err);
	if (r->date < 0)
		crm_die_error(&err);
	if (cfg->amount != NULL && (r->amount = crm_expr_compile(cfg->amount,
	    r->h, c->decimal_comma, 0, &err)) == NULL)
		crm_die(err.status, "--amount: %s", err.msg);
	/* --date-format and --as-of are the common options' (crm_opts);
	 * without either as-of the latest purchase is the as-of date. */
	r->pool = crm_rfm_pool_new();
	r->pat = c->date_pattern;
	r->has_as_of = c->as_of_set;
	r->as_of = crm_date_day(c->as_of);
}

/* ------------------------------------------------------------------ */
/* --partial and --merge (crmkit(7) PARTIALS) */

static void
save_state(void *ctx, const void *state, crm_partial_line *l)
{
	const struct reader *rd = ctx;

	crm_rfm_save(rd->pool, state, l);
}

static int
load_state(void *ctx, void *state, crm_partial_record *r)
{
	struct reader *rd = ctx;

	return crm_rfm_load(rd->pool, state, r);
}

/* The input: the CSV operands, or under --merge the partials, with a
 * header of the columns --customer, --date and --amount name. */
static crm_fold *
open_input(const crm_tool *tool, crm_common *c, const struct config *cfg,
	   crm_header **mh)
{
	const char *names[2] = { cfg->customer, cfg->date };

	if (cfg->partial && cfg->merge)
		crm_usage_error(tool, "--partial and --merge exclude each "
		    "other");
	if (cfg->partial && cfg->sort)
		crm_usage_error(tool, "--sort applies at --merge, not at "
		    "--partial");
	*mh = NULL;
	if (!cfg->merge)
		return crm_fold_open(tool, c);
	*mh = crm_fold_header_new(names, 2, &cfg->amount,
	    cfg->amount != NULL, c->csv.no_header);
	return crm_fold_open_merge(tool, c, *mh);
}

/* What the partials are: rfm's, by the customer column, over the date
 * column, the amount and the as-of date (which decides the holdout). */
static void
partial_id(crm_partial_id *id, char *plan, size_t cap,
	   const struct reader *r, const struct config *cfg)
{
	const char *customer = r->h->name[r->key];

	snprintf(plan, cap, "date=%s;amount=%s;as-of=%ld%s",
	    r->h->name[r->date], cfg->amount ? cfg->amount : "",
	    r->has_as_of ? r->as_of : 0L, r->has_as_of ? "" : " (latest)");
	id->tool = "rfm";
	id->by = crm_partial_fingerprint(customer, strlen(customer));
	id->plan = crm_partial_fingerprint(plan, strlen(plan));
	id->columns = customer;
	id->aggregates = plan;
}

/* Fold the rows (or under --merge the partials) into the customers;
 * under --partial write them and return true. */
static bool
fold(crm_fold *f, const crm_fold_ops *ops, const struct reader *r,
     const struct config *cfg)
{
	static char plan[600];
	static crm_partial_id id;

	if (cfg->partial || cfg->merge)
		partial_id(&id, plan, sizeof plan, r, cfg);
	if (cfg->merge) {
		crm_fold_read_partials(f, ops, &id);
		return false;
	}
	if (cfg->partial)
		crm_fold_partial_mode(f, &id);
	crm_fold_read(f, ops);
	if (cfg->partial)
		crm_fold_write_partial(f);
	return cfg->partial;
}

/* ------------------------------------------------------------------ */
/* The customers and their scores */

struct table {
	crm_fold_set *set;
	const crm_rfm_pool *pool;
	const struct config *cfg;
	size_t ngroups, n;	/* groups, customers (groups with purchases) */
	size_t *idx;		/* customer i is group idx[i]; NULL: i */
	long as_of;
	unsigned long holdout;
	unsigned char (*score)[3];	/* per group: r, f, m */
	int which;		/* the figure being scored */
	unsigned long unmatched;	/* customers no segment rule took */
	double cuts[3][CRM_RFM_MAX_BINS];	/* cut points, for -v */
};

static const crm_rfm_state *
state_of(struct table *t, size_t g)
{
	return crm_fold_set_state(t->set, g);
}

static void
figures(struct table *t, size_t g, crm_rfm_figures *fig)
{
	crm_rfm_figures_of(t->pool, state_of(t, g), (int32_t)t->as_of,
	    t->cfg->unit_days, t->cfg->mean, fig);
}

static double
score_value(void *ctx, size_t i)
{
	struct table *t = ctx;
	crm_rfm_figures fig;

	crm_rfm_scored_of(state_of(t, t->idx ? t->idx[i] : i),
	    (int32_t)t->as_of, t->cfg->mean, &fig);
	return t->which == 0 ? fig.recency : t->which == 1 ? fig.frequency :
	    fig.monetary;
}

/* The customers (groups with a purchase up to the as-of date), the as-of
 * date if it was not given, the holdout count, and the scores. */
static void
build_table(struct table *t, crm_fold *f, const struct reader *r,
	    bool has_amount)
{
	unsigned char *s;
	long last = LONG_MIN;

	t->set = crm_fold_groups(f);
	/* No more lookups: the key table's memory goes to the scores. */
	crm_fold_set_compact(t->set);
	t->pool = r->pool;
	t->ngroups = crm_fold_set_count(t->set);
	for (size_t g = 0; g < t->ngroups; g++) {
		const crm_rfm_state *st = state_of(t, g);

		t->holdout += st->holdout;
		if (st->ndays == 0) {
			if (t->idx == NULL) {
				t->idx = crm_xreallocarray(NULL, t->ngroups,
				    sizeof *t->idx);
				for (size_t i = 0; i < g; i++)
					t->idx[i] = i;
			}
			continue;
		}
		if (t->idx != NULL)
			t->idx[t->n] = g;
		t->n++;
		if (st->last > last)
			last = st->last;
	}
	t->as_of = r->has_as_of ? r->as_of : last;
	t->score = crm_xcalloc(t->ngroups ? t->ngroups : 1, sizeof *t->score);
	s = crm_xmalloc(t->n ? t->n : 1);
	for (t->which = 0; t->which < (has_amount ? 3 : 2); t->which++) {
		crm_rfm_score(t->n, score_value, t, t->cfg->nbins,
		    t->cfg->method, t->which == 0, s, t->cuts[t->which]);
		for (size_t i = 0; i < t->n; i++)
			t->score[t->idx ? t->idx[i] : i][t->which] = s[i];
	}
	free(s);
}

static unsigned
rfm_score(const struct table *t, size_t g)
{
	const unsigned char *s = t->score[g];

	return s[2] ? s[0] * 100u + s[1] * 10u + s[2] : s[0] * 10u + s[1];
}

/* --sort: rfm_score descending, then the customer key in byte order. */
static int
by_score(void *ctx, crm_fold_set *set, size_t a, size_t b)
{
	struct table *t = ctx;
	unsigned sa = rfm_score(t, a), sb = rfm_score(t, b);
	const char *ka, *kb;
	size_t la, lb;
	int c;

	if (sa != sb)
		return sa > sb ? -1 : 1;
	ka = crm_fold_set_cell(set, a, 0, &la);
	kb = crm_fold_set_cell(set, b, 0, &lb);
	c = memcmp(ka, kb, la < lb ? la : lb);
	return c != 0 ? c : (la > lb) - (la < lb);
}

/* ------------------------------------------------------------------ */
/* The segment table: rules over the scores */

static const char *
first_match(void *ctx, const crm_record *rec)
{
	const crm_rules *rs = ctx;
	char why[256];
	long i = crm_rules_match(rs, rec, why, sizeof why);

	return i >= 0 ? crm_rules_label(rs, (size_t)i) : NULL;
}

/* The segment table of --segments FILE, or the shipped one of the
 * language; rules whose labels live in *rs. */
static crm_rfm_segments *
load_segments(crm_rules **rs, const struct config *cfg, crm_lang lang,
	      bool has_m)
{
	char *path = NULL;
	crm_error err;

	if (cfg->segments == NULL && (path = crm_deffile_find("rfm",
	    lang == CRM_LANG_DE ? "de.rules" : "rules", &err)) == NULL)
		crm_die_error(&err);
	*rs = crm_rules_new();
	if (crm_rules_read(*rs, path ? path : cfg->segments, &err) < 0 ||
	    crm_rules_compile(*rs, crm_rfm_score_header(), false, 0, &err) < 0)
		crm_die_error(&err);
	free(path);
	return crm_rfm_segments_build(cfg->nbins, has_m, first_match, *rs);
}

/* ------------------------------------------------------------------ */
/* Writing */

static void
put_text(crm_fold *f, const char *s)
{
	crm_fold_check(f, crm_writer_field(crm_fold_writer(f), s, strlen(s)));
}

/* Counts are written by hand: there are 8 of them a customer, and
 * snprintf's format parsing showed in profiles. */
static void
put_count(crm_fold *f, unsigned long v)
{
	char buf[24], *p = buf + sizeof buf;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	crm_fold_check(f, crm_writer_field(crm_fold_writer(f), p,
	    (size_t)(buf + sizeof buf - p)));
}

static void
put_num(crm_fold *f, double v)
{
	crm_fold_check(f, crm_writer_num(crm_fold_writer(f), v));
}

static void
put_day(crm_fold *f, long day)
{
	char buf[CRM_DATE_BUFSZ];
	crm_date d = { (double)day, false };

	crm_date_format(buf, d);
	put_text(f, buf);
}

static void
write_header(crm_fold *f, const struct reader *r, bool segments)
{
	static const char *const names[] = {
		"first_purchase", "last_purchase", "orders", "revenue",
		"recency", "frequency", "monetary", "r_score", "f_score",
		"m_score", "rfm_score", "segment", "x", "t_x", "T", "m"
	};

	if (r->h->synthetic)
		return;
	put_text(f, r->h->name[r->key]);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (segments || strcmp(names[i], "segment") != 0)
			put_text(f, names[i]);
	crm_fold_check(f, crm_writer_end(crm_fold_writer(f)));
}

static void
write_customer(crm_fold *f, struct table *t, size_t g, bool has_amount,
	       const crm_rfm_segments *seg)
{
	const crm_rfm_state *st = state_of(t, g);
	const unsigned char *s = t->score[g];
	crm_rfm_figures fig;
	const char *key;
	size_t klen;

	figures(t, g, &fig);
	key = crm_fold_set_cell(t->set, g, 0, &klen);
	crm_fold_check(f, crm_writer_field(crm_fold_writer(f), key, klen));
	put_day(f, st->first);
	put_day(f, st->last);
	put_count(f, st->orders);
	has_amount ? put_num(f, fig.revenue) : put_text(f, "");
	put_count(f, (unsigned long)fig.recency);
	put_count(f, st->orders);
	has_amount ? put_num(f, fig.monetary) : put_text(f, "");
	put_count(f, s[0]);
	put_count(f, s[1]);
	has_amount ? put_count(f, s[2]) : put_text(f, "");
	put_count(f, rfm_score(t, g));
	if (seg != NULL) {
		const char *label = crm_rfm_segment(seg, s[0], s[1], s[2]);

		put_text(f, label ? label : "");
		t->unmatched += label == NULL;
	}
	put_count(f, (unsigned long)fig.x);
	put_num(f, fig.t_x);
	put_num(f, fig.T);
	has_amount ? put_num(f, fig.m) : put_text(f, "");
	crm_fold_check(f, crm_writer_end(crm_fold_writer(f)));
}

/* The customers in first-seen order (the groups' own: no array of it)
 * or with sort by score. */
static void
write_customers(crm_fold *f, struct table *t, bool sort, bool has_amount,
		const crm_rfm_segments *seg)
{
	const size_t *order = sort ? crm_fold_order(f, CRM_FOLD_BY_COMPARE,
	    by_score, t) : NULL;

	for (size_t i = 0; i < t->ngroups; i++) {
		size_t g = order ? order[i] : i;

		if (state_of(t, g)->ndays > 0)
			write_customer(f, t, g, has_amount, seg);
	}
}

static void
report_holdout(const struct table *t)
{
	char buf[CRM_DATE_BUFSZ];
	crm_date d = { (double)t->as_of, false };

	if (t->holdout == 0)
		return;
	crm_date_format(buf, d);
	crm_warn("%lu row%s dated after the as-of date %s left out "
	    "(holdout)", t->holdout, t->holdout == 1 ? "" : "s", buf);
}

/* -v: the cut points of the scores. */
static void
report_cuts(const struct table *t, bool has_amount)
{
	static const char *const names[] = { "recency", "frequency",
	    "monetary" };
	char buf[400];
	size_t at;

	if (t->cfg->method == CRM_RFM_NTILE || t->n == 0)
		return;
	for (int w = 0; w < (has_amount ? 3 : 2); w++) {
		at = 0;
		for (unsigned k = 0; k + 1 < t->cfg->nbins; k++)
			at += (size_t)snprintf(buf + at, sizeof buf - at,
			    "%s%.15g", k ? ", " : "", t->cuts[w][k]);
		crm_warn("%s cut points: %s", names[w], buf);
	}
}

/* What -v adds to the row counts. */
static const char *
verbose_line(const struct table *t, char *buf, size_t cap)
{
	char day[CRM_DATE_BUFSZ];
	crm_date d = { (double)t->as_of, false };

	if (t->n == 0)
		snprintf(buf, cap, "0 customers");
	else {
		crm_date_format(day, d);
		snprintf(buf, cap, "%zu customer%s, as-of %s", t->n,
		    t->n == 1 ? "" : "s", day);
	}
	return buf;
}

int
main(int argc, char **argv)
{
	struct config cfg = { .nbins = 5, .unit_days = CRM_RFM_DAYS_PER_WEEK };
	crm_tool tool = {
		.name = "rfm", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "n:",
		.flags = CRM_TOOL_INVALID | CRM_TOOL_INVALID_NO_KEEP |
		    CRM_TOOL_DATA_AS_OF,
		.handle = handle, .ctx = &cfg,
	};
	struct reader r = { 0 };
	crm_fold_ops ops = {
		.size = sizeof (crm_rfm_state), .halves_exact = true,
		.one_set = true,
		.ctx = &r, .init = init_state, .add = add_row,
		.merge = merge_states, .free = free_state,
		.save = save_state, .load = load_state,
		.prefetch = prefetch_state,
	};
	crm_header *mh;
	struct table t = { .cfg = &cfg };
	crm_rules *rules = NULL;
	crm_rfm_segments *seg = NULL;
	crm_common common;
	char vbuf[80];
	crm_fold *f;
	int rc;

	crm_opts_parse(&tool, argc, argv, &common);
	if (cfg.customer == NULL || cfg.date == NULL)
		crm_usage_error(&tool, "--customer and --date are required");
	if (cfg.segments != NULL && cfg.no_segments)
		crm_usage_error(&tool, "--segments and --no-segments exclude "
		    "each other");
	/* The default table needs m_score: without --amount it is left
	 * out unless --segments FILE is given. */
	if (cfg.segments == NULL && cfg.amount == NULL)
		cfg.no_segments = true;
	if (cfg.nbins != 5 && cfg.segments == NULL && !cfg.no_segments)
		crm_usage_error(&tool, "the default segment table needs -n 5: "
		    "give --segments FILE or --no-segments");
	if (!cfg.no_segments)
		seg = load_segments(&rules, &cfg, common.lang,
		    cfg.amount != NULL);
	f = open_input(&tool, &common, &cfg, &mh);
	setup_reader(&r, f, &cfg, &common);
	if (fold(f, &ops, &r, &cfg)) {
		crm_rfm_segments_free(seg);
		crm_rules_free(rules);
		crm_expr_free(r.amount);
		rc = crm_fold_close(f, NULL);
		crm_rfm_pool_free(r.pool);
		return rc;
	}
	build_table(&t, f, &r, r.amount != NULL);
	write_header(f, &r, seg != NULL);
	write_customers(f, &t, cfg.sort, r.amount != NULL, seg);
	report_holdout(&t);
	if (common.verbose)
		report_cuts(&t, r.amount != NULL);
	if (t.unmatched > 0)
		crm_warn("%lu customer%s matched no segment rule (empty "
		    "segment)", t.unmatched, t.unmatched == 1 ? "" : "s");
	crm_expr_free(r.amount);
	crm_rfm_segments_free(seg);
	crm_rules_free(rules);
	free(t.idx);
	free(t.score);
	rc = crm_fold_close(f, verbose_line(&t, vbuf, sizeof vbuf));
	crm_rfm_pool_free(r.pool);
	crm_fold_header_free(mh);
	return rc;
}
