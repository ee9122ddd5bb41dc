/*
 * allocate: a budget of resources over customers, in proportion to a
 * weight or by the expected response (seed 1.1.4).  See allocate(1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_alloc.h"
#include "crm_hash.h"
#include "crm_names.h"
#include "crm_num.h"
#include "crm_opts.h"
#include "crm_rows.h"
#include "crm_utf8.h"

enum { OPT_BUDGET = 256, OPT_WEIGHT, OPT_MIN, OPT_MAX, OPT_UNIT, OPT_BY,
       OPT_POOLS, OPT_RESPONSE, OPT_SATURATION, OPT_HALF, OPT_SUMMARY };

static const struct option options[] = {
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "min", required_argument, NULL, OPT_MIN },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "by", required_argument, NULL, OPT_BY },
	{ "pools", required_argument, NULL, OPT_POOLS },
	{ "response", no_argument, NULL, OPT_RESPONSE },
	{ "saturation", required_argument, NULL, OPT_SATURATION },
	{ "half", required_argument, NULL, OPT_HALF },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"allocate --budget B --weight MEASURE [--min MEASURE] [--max MEASURE]\n"
"    [--unit U] [--by COL --pools 'LABEL=SHARE,...']\n"
"    [--response --saturation MEASURE --half MEASURE]\n"
"    [-c NAME] [--summary] [options] [FILE ...]\n";

static const char help[] =
"Allocate a budget over the rows (seed 1.1.4): each row gets weight x\n"
"lambda within [min, max], lambda such that the allocations sum to B.\n"
"Appends the column allocation.\n"
"\n"
"      --budget B            the total to allocate (>= 0)\n"
"      --weight MEASURE      the row's weight (<= 0 or empty: the\n"
"                            row gets its minimum)\n"
"      --min, --max MEASURE  the row's bounds (default 0 and no cap)\n"
"      --unit U              allocate whole multiples of U\n"
"      --by COL --pools 'LABEL=SHARE,...'  split B between the groups\n"
"                            of COL first (shares summing to 100 %)\n"
"      --response            maximise sum s a / (a + h) instead, with\n"
"      --saturation MEASURE  s, the response at unlimited effort, and\n"
"      --half MEASURE        h, the effort that reaches half of it;\n"
"                            appends expected_response too\n"
"      --summary             one row per pool instead of the rows\n";

#define MAX_POOLS 256

struct config {
	const char *budget, *weight, *min, *max, *unit, *by, *pools;
	const char *saturation, *half;
	bool response, summary;
};

/* The run: the solver, and each group of --by with its pool. */
struct run {
	crm_alloc *alloc;
	crm_alloc_spec spec;
	const char *labels[MAX_POOLS];
	double shares[MAX_POOLS];
	long by;		/* the --by column, or -1 */
	crm_hash *groups;
	long *pool_of;		/* per group: its pool, or -1 */
	unsigned long *rows_of;	/* per group: its rows */
	int imin, imax;		/* measure indices of the bounds, or -1 */
	unsigned long no_weight;	/* rows with weight <= 0 or missing */
	unsigned long negative;		/* of them, with weight < 0 */
	bool response, verbose;
	char *pools_text;	/* --pools, split: the labels point here */
	crm_rows *check_text;	/* keys must be UTF-8: the rows, else NULL */
};

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;
	const char **slot[] = {
		[OPT_BUDGET - 256] = &cfg->budget,
		[OPT_WEIGHT - 256] = &cfg->weight,
		[OPT_MIN - 256] = &cfg->min, [OPT_MAX - 256] = &cfg->max,
		[OPT_UNIT - 256] = &cfg->unit, [OPT_BY - 256] = &cfg->by,
		[OPT_POOLS - 256] = &cfg->pools,
		[OPT_SATURATION - 256] = &cfg->saturation,
		[OPT_HALF - 256] = &cfg->half,
	};

	(void)err;
	if (opt == OPT_RESPONSE)
		cfg->response = true;
	else if (opt == OPT_SUMMARY)
		cfg->summary = true;
	else
		*slot[opt - 256] = arg;
	return 0;
}

/* A number option (B, U), in the input's decimal convention. */
static double
number_option(const crm_tool *tool, const char *name, const char *arg,
	      const crm_common *c)
{
	double v;

	if (crm_num_parse(arg, strlen(arg), c->decimal_comma, &v) !=
	    CRM_NUM_OK || !(v >= 0))
		crm_usage_error(tool, "%s: '%s' is not a number >= 0", name,
		    arg);
	return v;
}

/* A bound that is a plain number needs no memory per row. */
static bool
constant_bound(const char *src, const crm_common *c, double *v)
{
	if (c->decimal_comma && strchr(src, '.') != NULL)
		return false;	/* let the expression compiler judge it */
	return crm_num_parse(src, strlen(src), false, v) == CRM_NUM_OK;
}

static void
add_measure(crm_measure *m, size_t *nm, const char *option,
	    const char *src, double lo, double if_missing, const char *text)
{
	m[*nm] = (crm_measure){ .option = option, .source = src,
	    .bounded = true, .min = lo, .max = INFINITY, .bound_text = text,
	    .missing_ok = true, .if_missing = if_missing };
	(*nm)++;
}

/* The measures (weight or saturation and half, then the bounds that
 * vary by row) and the solver's spec. */
static size_t
set_measures(const crm_tool *tool, const struct config *cfg,
	     const crm_common *c, crm_measure *m, struct run *run)
{
	size_t nm = 0;
	double v;

	if (cfg->response) {
		add_measure(m, &nm, "--saturation", cfg->saturation,
		    -INFINITY, 0, "is not a number");
		add_measure(m, &nm, "--half", cfg->half, 5e-324, 0,
		    "is not positive");
		run->spec.flags |= CRM_ALLOC_RESPONSE;
		run->response = true;
	} else
		add_measure(m, &nm, "--weight", cfg->weight, -INFINITY, 0,
		    "is not a number");
	run->spec.min_all = 0;
	run->spec.max_all = INFINITY;
	run->imin = run->imax = -1;
	if (cfg->min != NULL && constant_bound(cfg->min, c, &v) && v >= 0)
		run->spec.min_all = v;
	else if (cfg->min != NULL) {
		run->imin = (int)nm;
		add_measure(m, &nm, "--min", cfg->min, 0, 0, "is negative");
		run->spec.flags |= CRM_ALLOC_ROW_MIN;
	}
	if (cfg->max != NULL && constant_bound(cfg->max, c, &v) && v >= 0)
		run->spec.max_all = v;
	else if (cfg->max != NULL) {
		run->imax = (int)nm;
		add_measure(m, &nm, "--max", cfg->max, 0, INFINITY,
		    "is negative");
		run->spec.flags |= CRM_ALLOC_ROW_MAX;
	}
	if (run->spec.min_all > run->spec.max_all)
		crm_usage_error(tool, "--min %.15g exceeds --max %.15g",
		    run->spec.min_all, run->spec.max_all);
	return nm;
}

/* A new --by key that is not UTF-8 ends the tool with a data error at
 * its record (pass 1). */
static void
check_key(const struct run *run, const char *key, size_t len)
{
	char msg[128];

	if (crm_utf8_explain(key, len, NULL, msg, sizeof msg) < 0)
		crm_rows_fail(run->check_text, "column '%s': %s",
		    crm_rows_header(run->check_text)->name[run->by], msg);
}

/* The pool of rec's group: -1 for a group without one; interned (pass
 * 1) or looked up (pass 2). */
static long
pool_of(struct run *run, const crm_record *rec, bool intern)
{
	const char *key;
	size_t len, g;
	bool added;

	if (run->by < 0)
		return 0;
	key = rec->f[run->by];
	len = rec->len[run->by];
	if (!intern) {
		long found = crm_hash_find(run->groups, key, len);

		return found < 0 ? -1 : run->pool_of[found];
	}
	g = crm_hash_intern(run->groups, key, len, &added);
	if (added && run->check_text != NULL)
		check_key(run, key, len);
	if (added) {
		run->pool_of = crm_xreallocarray(run->pool_of, g + 1,
		    sizeof *run->pool_of);
		run->rows_of = crm_xreallocarray(run->rows_of, g + 1,
		    sizeof *run->rows_of);
		run->pool_of[g] = -1;
		run->rows_of[g] = 0;
		for (size_t p = 0; p < run->spec.npools; p++)
			if (strlen(run->labels[p]) == len &&
			    memcmp(run->labels[p], key, len) == 0)
				run->pool_of[g] = (long)p;
	}
	run->rows_of[g]++;
	return run->pool_of[g];
}

static void
visit(void *ctx, crm_rows *r, const crm_record *rec, const double *vals)
{
	struct run *run = ctx;
	long p = pool_of(run, rec, true);
	crm_error err;

	if (p < 0)
		return;
	if (!(vals[0] > 0) || (run->response && !(vals[1] > 0)))
		run->no_weight++;
	run->negative += vals[0] < 0;
	if (crm_alloc_add(run->alloc, (size_t)p, vals[0],
	    run->response ? vals[1] : 0,
	    run->imin >= 0 ? vals[run->imin] : 0,
	    run->imax >= 0 ? vals[run->imax] : INFINITY, &err) < 0) {
		if (err.status == CRM_EXIT_IO)
			crm_die_error(&err);
		crm_rows_fail(r, "%s", err.msg);
	}
}

/* The rows that get their minimum for want of a weight: the data is
 * not what the figures say, so it is said once (SPEC: never silently
 * altered). */
static void
report_no_weight(const struct run *run)
{
	char neg[64] = "";

	if (run->no_weight == 0)
		return;
	if (run->negative > 0)
		snprintf(neg, sizeof neg, " (%lu negative)", run->negative);
	crm_warn("%lu row%s with %s got %s minimum%s", run->no_weight,
	    run->no_weight == 1 ? "" : "s", run->response ?
	    "a saturation <= 0 or missing or no half-effort" :
	    "a weight <= 0 or missing", run->no_weight == 1 ? "its" : "their",
	    neg);
}

/* Pass 1 and the solution; groups without a pool are reported. */
static void
solve(crm_rows *rows, struct run *run)
{
	crm_error err;
	size_t n;

	crm_rows_visit(rows, visit, run);
	n = run->groups != NULL ? crm_hash_count(run->groups) : 0;
	for (size_t g = 0; g < n; g++) {
		size_t len;
		const char *key = crm_hash_key(run->groups, g, &len);

		if (run->pool_of[g] < 0)
			crm_warn("group '%.*s' has no pool: its %lu rows get "
			    "0", (int)len, key, run->rows_of[g]);
	}
	if (crm_alloc_solve(run->alloc, &err) < 0)
		crm_die_error(&err);
	report_no_weight(run);
	for (size_t p = 0; run->verbose && p < run->spec.npools; p++) {
		crm_alloc_stats st;

		crm_alloc_stats_of(run->alloc, p, &st);
		crm_warn("pool '%s': %zu rows, budget %.15g, %zu at their "
		    "minimum, %zu at their maximum, grid %.15g",
		    run->by >= 0 ? run->labels[p] : "all", st.rows, st.budget,
		    st.at_min, st.at_max, crm_alloc_grid(run->alloc));
	}
}

static void
write_summary(crm_rows *rows, const struct run *run)
{
	static const char *const names[] = {
		"pool", "customers", "budget", "allocated", "at_min",
		"at_max"
	};
	crm_alloc_stats st;

	crm_rows_texts(rows, names, 6);
	for (size_t p = 0; p < run->spec.npools; p++) {
		crm_alloc_stats_of(run->alloc, p, &st);
		crm_rows_text(rows, run->by >= 0 ? run->labels[p] : "all");
		crm_rows_num(rows, (double)st.rows);
		crm_rows_num(rows, st.budget);
		crm_rows_num(rows, st.allocated);
		crm_rows_num(rows, (double)st.at_min);
		crm_rows_num(rows, (double)st.at_max);
		crm_rows_end(rows);
	}
}

/* Pass 2: each row with its allocation (and expected response). */
static void
write_rows(crm_rows *rows, struct run *run, const crm_common *c,
	   bool response)
{
	const char *names[2] = { c->column, "expected_response" };
	const char *renames[2] = { "-c NAME", NULL };
	const crm_record *rec;
	crm_row_status st;
	double vals[4];

	crm_rows_write_header(rows, names, renames, 1 + (size_t)response);
	while ((st = crm_rows_next(rows, &rec, vals)) != CRM_ROW_END) {
		long p = st == CRM_ROW_VALID ? pool_of(run, rec, false) : -1;
		double a = p >= 0 ? crm_alloc_next(run->alloc, (size_t)p) : 0;

		crm_rows_pass(rows, rec);
		if (st != CRM_ROW_VALID) {
			crm_rows_empty(rows);
			if (response)
				crm_rows_empty(rows);
		} else {
			crm_rows_num(rows, a);
			if (response)
				crm_rows_num(rows, a > 0 && vals[1] > 0 ?
				    vals[0] * a / (a + vals[1]) : 0);
		}
		crm_rows_end(rows);
	}
}

/* The columns allocate appends must be new. */
static void
check_new_columns(const crm_tool *tool, crm_rows *rows, const char *column,
		  bool response)
{
	const crm_header *h = crm_rows_header(rows);

	if (crm_csv_header_find(h, column, strlen(column)) != -1)
		crm_usage_error(tool, "the input has a column '%s' already: "
		    "name the new one with -c NAME", column);
	if (response && crm_csv_header_find(h, "expected_response", 17) != -1)
		crm_usage_error(tool, "the input has a column "
		    "'expected_response' already");
}

/* The usage rules between options, and the --pools list. */
static void
check_options(const crm_tool *tool, struct config *cfg, crm_common *c,
	      struct run *run)
{
	crm_error err;

	if (cfg->budget == NULL)
		crm_usage_error(tool, "--budget is required");
	if (cfg->response && (cfg->saturation == NULL || cfg->half == NULL))
		crm_usage_error(tool, "--response needs --saturation and "
		    "--half");
	if (cfg->response && cfg->weight != NULL)
		crm_usage_error(tool, "--response takes --saturation and "
		    "--half instead of --weight");
	if (!cfg->response && (cfg->saturation || cfg->half))
		crm_usage_error(tool, "--saturation and --half need "
		    "--response");
	if (!cfg->response && cfg->weight == NULL)
		crm_usage_error(tool, "--weight is required");
	if ((cfg->by == NULL) != (cfg->pools == NULL))
		crm_usage_error(tool, "--by and --pools go together");
	run->spec.budget = number_option(tool, "--budget", cfg->budget, c);
	if (cfg->unit != NULL && (run->spec.unit = number_option(tool,
	    "--unit", cfg->unit, c)) == 0)
		crm_usage_error(tool, "--unit: must be > 0");
	run->spec.npools = 1;
	if (cfg->pools != NULL) {
		run->pools_text = crm_xstrdup(cfg->pools);
		run->spec.npools = crm_alloc_parse_pools(run->pools_text,
		    c->decimal_comma,
		    run->labels, run->shares, MAX_POOLS, &err);
		if (run->spec.npools == 0)
			crm_usage_die(tool, &err);
		run->spec.shares = run->shares;
		run->spec.labels = run->labels;
	}
}

int
main(int argc, char **argv)
{
	struct config cfg = { 0 };
	crm_tool tool = {
		.name = "allocate", .synopsis = synopsis, .help = help,
		.options = options, .flags = CRM_TOOL_INVALID,
		.column = "allocation", .handle = handle, .ctx = &cfg,
	};
	struct run run = { .by = -1 };
	crm_measure m[4];
	crm_common common;
	crm_rows *rows;
	crm_error err;
	size_t nm;
	int status;

	crm_opts_parse(&tool, argc, argv, &common);
	check_options(&tool, &cfg, &common, &run);
	nm = set_measures(&tool, &cfg, &common, m, &run);
	if ((run.alloc = crm_alloc_new(&run.spec, &err)) == NULL)
		crm_usage_die(&tool, &err);
	rows = crm_rows_open_visit(&common, m, nm);
	if (cfg.by != NULL) {
		run.by = crm_names_column(crm_rows_header(rows), cfg.by,
		    strlen(cfg.by), "--by", NULL, &err);
		if (run.by < 0)
			crm_usage_die(&tool, &err);
		run.groups = crm_hash_new(0);
		if (crm_csv_text_unchecked(&common.csv))
			run.check_text = rows;
	}
	if (!cfg.summary && !common.csv.no_header)
		check_new_columns(&tool, rows, common.column, cfg.response);
	run.verbose = common.verbose;
	solve(rows, &run);
	if (cfg.summary)
		write_summary(rows, &run);
	else
		write_rows(rows, &run, &common, cfg.response);
	status = crm_rows_close(rows);
	crm_alloc_free(run.alloc);
	crm_hash_free(run.groups);
	free(run.pool_of);
	free(run.rows_of);
	free(run.pools_text);
	return status;
}
