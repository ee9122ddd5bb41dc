/*
 * kpi: steering figures per group (seed 4, Steuerung).  See kpi(1).
 *
 * The metrics (a --preset or --metrics FILE, then the NAME=EXPRESSION
 * operands, renamed by --map) are crm_metrics; crm_group pools their
 * aggregates into one state per group, which crm_fold keeps per --by
 * key while it reads the rows.  kpi then writes one row per group (and
 * the total), with --targets a target and an attainment beside each
 * metric that has one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_writer.h"
#include "crm_deffile.h"
#include "crm_expr.h"
#include "crm_fold.h"
#include "crm_group.h"
#include "crm_hash.h"
#include "crm_metrics.h"
#include "crm_names.h"
#include "crm_num.h"
#include "crm_opts.h"
#include "crm_partial.h"

enum { OPT_BY = 256, OPT_SORT, OPT_TOTAL, OPT_METRICS, OPT_PRESET, OPT_MAP,
       OPT_TARGETS, OPT_PARTIAL, OPT_MERGE, OPT_STRICT_TARGETS };

static const struct option options[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "total", no_argument, NULL, OPT_TOTAL },
	{ "metrics", required_argument, NULL, OPT_METRICS },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "targets", required_argument, NULL, OPT_TARGETS },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "strict-targets", no_argument, NULL, OPT_STRICT_TARGETS },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]\n"
"    [--map NAME=COLUMN,...] [--targets FILE [--strict-targets]]\n"
"    [--total] [--sort] [--partial | --merge] [options]\n"
"    [NAME=EXPRESSION ...] [FILE ...]\n";

static const char help[] =
"Steering figures per group (seed 4): one output row per group, the group\n"
"keys, then each metric.  A metric is NAME=EXPRESSION over aggregates:\n"
"count() count(x) count_if(cond) sum mean min max median quantile(x,p)\n"
"stddev var distinct, combined arithmetically (sum(revenue)/sum(target)).\n"
"\n"
"      --by COL[,COL...]     one row per distinct key (first-seen order)\n"
"      --sort                order the rows by key (byte order)\n"
"      --total               add a last row over all rows, keys '(all)'\n"
"      --metrics FILE        metrics from FILE, one NAME = EXPRESSION a line\n"
"      --preset steering     the seed's ten steering figures\n"
"      --map NAME=COLUMN,... let the metrics' NAME refer to COLUMN\n"
"      --targets FILE        targets per group: adds NAME_target and\n"
"                            NAME_attainment (actual / target; target /\n"
"                            actual for a metric marked lower)\n"
"      --strict-targets      a target key or column that matches no group\n"
"                            or metric is a data error, not a warning\n"
"      --partial             write each group's aggregate states, for --merge\n"
"      --merge               read --partial outputs (FILE ... or stdin) and\n"
"                            write the figures of their whole input\n";

#define ALL_KEY "(all)"

struct kpi {
	const crm_tool *tool;
	crm_common c;
	const char *by, *metrics_file, *preset, *targets_file;
	bool sort, total, partial, merge, strict;
	crm_metrics ms;
	crm_header *merge_h;	/* --merge: the columns named, no input */
	crm_partial_id id;	/* --partial, --merge: what the partials are */
	char *columns, *aggregates;	/* id's text */
	crm_fold *f;		/* the input, the groups, the output */
	const crm_header *h;
	const long *keys;	/* the --by columns */
	size_t nkeys;
	crm_group *plan;	/* the pooled aggregates: a group's state */
	crm_fold_set *groups;
	/* --targets: the column of each metric in the file, or -1; the
	 * target of metric i for group key -> row is tv[row * ms.n + i] */
	long *target;
	crm_hash *tkeys;	/* NULL without --targets */
	double *tv;		/* NAN: no target */
	unsigned long *tline;
	char **tshown;		/* each row's key cells as "a,b", for messages */
	size_t trows;		/* rows of the targets file */
	long tall;		/* row of the key '(all)', or -1 */
	unsigned long unmatched;	/* target keys and columns matching
					 * nothing (--strict-targets) */
};

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct kpi *k = ctx;

	switch (opt) {
	case OPT_BY:
		if (*arg == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--by: no column given");
		k->by = arg;
		break;
	case OPT_SORT:
		k->sort = true;
		break;
	case OPT_TOTAL:
		k->total = true;
		break;
	case OPT_METRICS:
		k->metrics_file = arg;
		break;
	case OPT_PRESET:
		k->preset = arg;
		break;
	case OPT_MAP:
		return crm_metrics_map(&k->ms, arg, err);
	case OPT_TARGETS:
		k->targets_file = arg;
		break;
	case OPT_PARTIAL:
		k->partial = true;
		break;
	case OPT_MERGE:
		k->merge = true;
		break;
	case OPT_STRICT_TARGETS:
		k->strict = true;
		break;
	}
	return 0;
}

/* The metrics of the preset or --metrics FILE, then the operands that
 * are NAME=EXPRESSION; the other operands, the files, stay in
 * k->c.operands.  Returns the preset's path (free it). */
static char *
gather_metrics(struct kpi *k)
{
	char *preset = NULL;
	size_t nfiles = 0;
	crm_error err;

	if (k->preset != NULL) {
		if (!crm_deffile_is_name(k->preset))
			crm_usage_error(k->tool, "--preset: unknown preset "
			    "'%s' (there is: steering)", k->preset);
		if ((preset = crm_deffile_find(k->preset, "metrics", &err)) ==
		    NULL)
			crm_die(CRM_EXIT_USAGE, "--preset: no preset '%s' "
			    "(%s)", k->preset, err.msg);
		crm_metrics_read(&k->ms, preset, k->preset);
	} else if (k->metrics_file != NULL) {
		crm_metrics_read(&k->ms, k->metrics_file, NULL);
	}
	for (size_t i = 0; i < k->c.noperands; i++)
		if (!crm_metrics_operand(&k->ms, k->tool, k->c.operands[i]))
			k->c.operands[nfiles++] = k->c.operands[i];
	k->c.noperands = nfiles;
	if (k->ms.n == 0)
		crm_usage_error(k->tool, "no metrics: give NAME=EXPRESSION, "
		    "--metrics FILE or --preset steering");
	return preset;
}

/* ------------------------------------------------------------------ */
/* --partial and --merge */

/* What applies where: the figures' options at the merge. */
static void
check_modes(struct kpi *k)
{
	const char *at_merge = k->sort ? "--sort" : k->total ? "--total" :
	    k->targets_file ? "--targets" : NULL;

	if (k->partial && k->merge)
		crm_usage_error(k->tool, "--partial and --merge exclude each "
		    "other");
	if (k->partial && at_merge != NULL)
		crm_usage_error(k->tool, "%s applies at --merge, not at "
		    "--partial", at_merge);
}

/* The input: the CSV operands, or under --merge the partials, with a
 * header of the columns that --by and the metrics name. */
static void
open_input(struct kpi *k)
{
	if (k->merge) {
		k->merge_h = crm_metrics_header(&k->ms, k->by,
		    k->c.csv.no_header);
		k->f = crm_fold_open_merge(k->tool, &k->c, k->merge_h);
	} else {
		k->f = crm_fold_open(k->tool, &k->c);
	}
	k->h = crm_fold_header(k->f);
}

/* The identity of the partials: the --by column names and the plan. */
static void
partial_id(struct kpi *k)
{
	size_t len = 0, n;
	char *names = crm_xstrdup("");

	for (size_t i = 0; i < k->nkeys; i++) {
		n = k->h->len[k->keys[i]];
		names = crm_xrealloc(names, len + n + 2);
		memcpy(names + len, k->h->name[k->keys[i]], n);
		len += n;
		names[len++] = i + 1 < k->nkeys ? ',' : '\0';
		names[len] = '\0';
	}
	k->columns = names;
	k->aggregates = crm_group_plan(k->plan);
	k->id.tool = "kpi";
	/* the names with their NULs, so that no name can fake a comma */
	k->id.by = crm_partial_fingerprint(names, len);
	k->id.plan = crm_partial_fingerprint(k->aggregates,
	    strlen(k->aggregates));
	k->id.columns = k->columns;
	k->id.aggregates = k->aggregates;
}

/* Fold the input into the groups: rows, or partials under --merge;
 * under --partial write them. */
static void
aggregate(struct kpi *k)
{
	const crm_fold_ops *ops = crm_group_ops(k->plan);

	if (k->partial || k->merge)
		partial_id(k);
	if (k->merge) {
		crm_fold_read_partials(k->f, ops, &k->id);
	} else {
		if (k->partial)
			crm_fold_partial_mode(k->f, &k->id);
		crm_fold_read(k->f, ops);
	}
	k->groups = crm_fold_groups(k->f);
	if (k->partial)
		crm_fold_write_partial(k->f);
}

/* ------------------------------------------------------------------ */
/* --targets: a CSV with the --by columns and a column per metric */

/* The column name of the targets file h, or -1. */
static long
target_column(const crm_header *h, const char *name, const char *path,
	      unsigned long line)
{
	long c = crm_csv_header_find(h, name, strlen(name));

	if (c == -2)
		crm_die(CRM_EXIT_DATA, "%s:%lu: column '%s' occurs twice",
		    path, line, name);
	return c;
}

/* Report a target key or column that matches no group or metric, with
 * the nearest name (or none); counted for --strict-targets. */
static void
unmatched(struct kpi *k, const char *path, unsigned long line,
	  const char *what, const char *name, const char *nearest)
{
	k->unmatched++;
	if (nearest != NULL)
		crm_warn("%s:%lu: no %s '%s' (did you mean '%s'?)", path, line,
		    what, name, nearest);
	else
		crm_warn("%s:%lu: no %s '%s'", path, line, what, name);
}

/* The key cells f[cols[i]] (i < n) as text, "a,b" (free it). */
static char *
shown_key(const char *const *f, const size_t *len, const long *cols,
	  size_t n)
{
	char *key = NULL;
	size_t size;
	FILE *fp = open_memstream(&key, &size);

	if (fp == NULL)
		crm_die(CRM_EXIT_IO, "out of memory");
	for (size_t i = 0; i < n; i++) {
		size_t c = cols != NULL ? (size_t)cols[i] : i;

		fprintf(fp, "%s%.*s", i ? "," : "", (int)len[c], f[c]);
	}
	if (fclose(fp) != 0)
		crm_die(CRM_EXIT_IO, "out of memory");
	return key;
}

/* The key columns of the targets file (into cols) and each metric's. */
static void
target_columns(struct kpi *k, const crm_header *h, const char *path,
	       unsigned long line, long *cols)
{
	for (size_t i = 0; i < k->nkeys; i++) {
		const char *name = k->h->name[k->keys[i]];

		if ((cols[i] = target_column(h, name, path, line)) < 0)
			crm_die(CRM_EXIT_DATA, "%s:%lu: no column '%s': a "
			    "targets file needs the --by columns (%s)", path,
			    line, name, k->by);
	}
	for (size_t i = 0; i < k->ms.n; i++)
		k->target[i] = target_column(h, k->ms.m[i].name, path, line);
	for (size_t j = 0; j < h->n; j++) {
		bool known = false;
		crm_names_nearest nn;

		for (size_t i = 0; i < k->nkeys; i++)
			known |= cols[i] == (long)j;
		for (size_t i = 0; i < k->ms.n; i++)
			known |= k->target[i] == (long)j;
		if (known)
			continue;
		crm_names_nearest_init(&nn, h->name[j], h->len[j], 2);
		for (size_t i = 0; i < k->ms.n; i++)
			crm_names_nearest_offer_text(&nn, (long)i,
			    k->ms.m[i].name, strlen(k->ms.m[i].name));
		unmatched(k, path, line, "metric", h->name[j],
		    nn.best >= 0 ? k->ms.m[nn.best].name : NULL);
	}
}

/* End with a key of the targets file seen twice (in is closed first). */
static _Noreturn void
duplicate_target(crm_input *in, const char *path, const crm_record *rec,
		 long *cols, size_t ncols, unsigned long first,
		 crm_fold_keybuf *kb)
{
	unsigned long line = rec->line;
	char *key = shown_key(rec->f, rec->len, cols, ncols);

	/* freed before exiting, so that memory checkers see no leak */
	free(cols);
	free(kb->s);
	crm_input_close(in);
	crm_die(CRM_EXIT_DATA, "%s:%lu: duplicate key '%s' (first on line "
	    "%lu)", path, line, key, first);
}

static void
read_targets(struct kpi *k, const char *path)
{
	crm_csv_config cfg = k->c.csv;
	char *paths[1] = { (char *)path };
	crm_fold_keybuf kb = { NULL, 0 };
	long *cols = crm_xcalloc(k->nkeys + 1, sizeof *cols);
	size_t cap = 0, klen, row;
	const crm_record *hrec;
	const char *key;
	crm_input *in;
	crm_error err;
	crm_record rec;
	bool added;
	int rc;

	cfg.no_header = false;	/* a targets file always names its columns */
	cfg.check_all = true;	/* its keys are text: all of it is UTF-8 */
	if ((in = crm_input_open(paths, 1, &cfg, false, &err)) == NULL)
		crm_die_error(&err);
	hrec = crm_input_header_record(in);
	target_columns(k, crm_input_header(in), path,
	    hrec != NULL && hrec->line > 0 ? hrec->line : 1, cols);
	k->tkeys = crm_hash_new(0);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		key = crm_fold_key_make(&kb, rec.f, rec.len, cols, k->nkeys,
		    &klen);
		row = crm_hash_intern(k->tkeys, key, klen, &added);
		if (!added)
			duplicate_target(in, path, &rec, cols, k->nkeys,
			    k->tline[row], &kb);
		if (row >= cap) {
			cap = cap ? cap * 2 : 16;
			k->tv = crm_xreallocarray(k->tv, cap * k->ms.n,
			    sizeof *k->tv);
			k->tline = crm_xreallocarray(k->tline, cap,
			    sizeof *k->tline);
			k->tshown = crm_xreallocarray(k->tshown, cap,
			    sizeof *k->tshown);
		}
		k->tline[row] = rec.line;
		k->tshown[row] = shown_key(rec.f, rec.len, cols, k->nkeys);
		k->trows = row + 1;
		for (size_t i = 0; i < k->ms.n; i++) {
			long c = k->target[i];
			double *x = &k->tv[row * k->ms.n + i];

			*x = NAN;
			if (c >= 0 && crm_num_parse(rec.f[c], rec.len[c],
			    k->c.decimal_comma, x) == CRM_NUM_INVALID) {
				char shown[CRM_SHOW_BUF(200)];

				crm_show_data(shown, sizeof shown, rec.f[c],
				    rec.len[c], 200);
				/* freed first: memcheck counts a block only
				 * a register held at exit as lost */
				free(cols);
				free(kb.s);
				crm_die(CRM_EXIT_DATA, "%s:%lu: column '%s': "
				    "\"%s\" is not a number", path, rec.line,
				    crm_input_header(in)->name[c], shown);
			}
		}
	}
	if (rc < 0)
		crm_die_error(&err);
	crm_input_close(in);
	/* The total's targets: the row keyed '(all)' in every column. */
	memset(cols, 0, (k->nkeys + 1) * sizeof *cols);
	key = crm_fold_key_make(&kb, (const char *[]){ ALL_KEY },
	    (size_t[]){ strlen(ALL_KEY) }, cols, k->nkeys, &klen);
	k->tall = crm_hash_find(k->tkeys, key, klen);
	free(cols);
	free(kb.s);
}

/* Report each key of the targets file that matches no group (but the
 * total's '(all)'), with the nearest group; with --strict-targets end
 * the tool (status 1) if anything matched nothing. */
static void
check_target_keys(struct kpi *k, const char *path)
{
	size_t ng = crm_fold_set_count(k->groups), nt = k->trows;
	const char **cell;
	size_t *len;
	bool *used;
	char **shown;

	if (k->tkeys == NULL)
		return;
	used = crm_xcalloc(nt + 1, sizeof *used);
	shown = crm_xcalloc(ng + 1, sizeof *shown);
	cell = crm_xcalloc(k->nkeys + 1, sizeof *cell);
	len = crm_xcalloc(k->nkeys + 1, sizeof *len);
	for (size_t g = 0; g < ng; g++) {
		size_t klen;
		const char *key = crm_fold_set_key(k->groups, g, &klen);
		long row = crm_hash_find(k->tkeys, key, klen);

		if (row >= 0)
			used[row] = true;
		for (size_t i = 0; i < k->nkeys; i++)
			cell[i] = crm_fold_set_cell(k->groups, g, i, &len[i]);
		shown[g] = shown_key(cell, len, NULL, k->nkeys);
	}
	for (size_t r = 0; r < nt; r++) {
		crm_names_nearest nn;

		if (used[r] || (long)r == k->tall)
			continue;
		crm_names_nearest_init(&nn, k->tshown[r],
		    strlen(k->tshown[r]), 2);
		for (size_t g = 0; g < ng; g++)
			crm_names_nearest_offer_text(&nn, (long)g, shown[g],
			    strlen(shown[g]));
		unmatched(k, path, k->tline[r], "group", k->tshown[r],
		    nn.best >= 0 ? shown[nn.best] : NULL);
	}
	for (size_t g = 0; g < ng; g++)
		free(shown[g]);
	free(shown);
	free(used);
	free(cell);
	free(len);
	if (k->strict && k->unmatched > 0)
		crm_die(CRM_EXIT_DATA, "%s: %lu target%s match%s nothing "
		    "(--strict-targets)", path, k->unmatched,
		    k->unmatched == 1 ? "" : "s", k->unmatched == 1 ? "es" : "");
}

/* ------------------------------------------------------------------ */
/* Aggregating and writing */

/* The metrics' aggregates, pooled into the state of a group. */
static void
plan(struct kpi *k)
{
	k->plan = crm_group_new(k->h, k->keys, k->nkeys);
	k->target = crm_xcalloc(k->ms.n, sizeof *k->target);
	for (size_t i = 0; i < k->ms.n; i++) {
		crm_group_add_metric(k->plan, k->ms.m[i].expr);
		k->target[i] = -1;
	}
}

static void
check(struct kpi *k, int rc)
{
	crm_fold_check(k->f, rc);
}

static void
write_header(struct kpi *k)
{
	for (size_t i = 0; i < k->nkeys; i++)
		check(k, crm_writer_field(crm_fold_writer(k->f), k->h->name[k->keys[i]],
		    k->h->len[k->keys[i]]));
	for (size_t i = 0; i < k->ms.n; i++) {
		const char *name = k->ms.m[i].name;
		char *col = crm_xmalloc(strlen(name) + 12);

		check(k, crm_writer_field(crm_fold_writer(k->f), name, strlen(name)));
		if (k->target[i] >= 0) {
			sprintf(col, "%s_target", name);
			check(k, crm_writer_field(crm_fold_writer(k->f), col, strlen(col)));
			/* "attainment_attainment" would read as a typo */
			sprintf(col, strcmp(name, "attainment") == 0 ?
			    "%s_vs_target" : "%s_attainment", name);
			check(k, crm_writer_field(crm_fold_writer(k->f), col, strlen(col)));
		}
		free(col);
	}
	check(k, crm_writer_end(crm_fold_writer(k->f)));
}

/* actual / target, or target / actual when lower is better, so that 1.1
 * is 10 % better than target either way; empty when either is missing
 * or the ratio is not finite (a zero divisor). */
static int
write_attainment(struct kpi *k, const crm_metric *m, double actual,
		 double target)
{
	double a = m->lower ? target / actual : actual / target;

	if (isnan(actual) || isnan(target) || !isfinite(a))
		return crm_writer_empty(crm_fold_writer(k->f));
	return crm_writer_num(crm_fold_writer(k->f), a);
}

/* One output row: the key cells (or '(all)'), then each metric over the
 * group, with its target and attainment when it has a target column. */
static int
write_date(struct kpi *k, const crm_value *v)
{
	char buf[CRM_DATE_BUFSZ];
	size_t n = crm_expr_format_date(buf, v);

	return crm_writer_field(crm_fold_writer(k->f), buf, n);
}

static void
write_row(struct kpi *k, size_t group, crm_value *v)
{
	long trow = k->tkeys != NULL ? k->tall : -1;
	size_t klen;
	const char *key;

	if (k->tkeys != NULL && group != CRM_GROUP_TOTAL) {
		key = crm_fold_set_key(k->groups, group, &klen);
		trow = crm_hash_find(k->tkeys, key, klen);
	}
	crm_group_state_values(k->plan, group == CRM_GROUP_TOTAL ?
	    crm_fold_set_total(k->groups) :
	    crm_fold_set_state(k->groups, group), v);
	for (size_t i = 0; i < k->nkeys; i++) {
		size_t len = strlen(ALL_KEY);
		const char *cell = group == CRM_GROUP_TOTAL ? ALL_KEY :
		    crm_fold_set_cell(k->groups, group, i, &len);

		check(k, crm_writer_field(crm_fold_writer(k->f), cell, len));
	}
	for (size_t i = 0; i < k->ms.n; i++) {
		double t = trow >= 0 ? k->tv[(size_t)trow * k->ms.n + i] : NAN;
		bool num = v[i].type == CRM_VAL_NUM && isfinite(v[i].num);

		if (num && crm_expr_is_count(k->ms.m[i].expr))
			check(k, crm_writer_int(crm_fold_writer(k->f), v[i].num));
		else if (num)
			check(k, crm_writer_num(crm_fold_writer(k->f), v[i].num));
		else if (v[i].type == CRM_VAL_STR)
			check(k, crm_writer_field(crm_fold_writer(k->f), v[i].str, v[i].len));
		else if (v[i].type == CRM_VAL_DATE)
			check(k, write_date(k, &v[i]));
		else
			check(k, crm_writer_empty(crm_fold_writer(k->f)));
		if (k->target[i] < 0)
			continue;
		check(k, isnan(t) ? crm_writer_empty(crm_fold_writer(k->f)) :
		    crm_writer_num(crm_fold_writer(k->f), t));
		check(k, write_attainment(k, &k->ms.m[i], num ? v[i].num :
		    NAN, t));
	}
	check(k, crm_writer_end(crm_fold_writer(k->f)));
}

static void
write_output(struct kpi *k)
{
	size_t ng = crm_fold_set_count(k->groups);
	const size_t *order = crm_fold_set_order(k->groups, k->sort ?
	    CRM_FOLD_BY_KEY : CRM_FOLD_FIRST_SEEN, NULL, NULL);
	crm_value *v = crm_xcalloc(k->ms.n, sizeof *v);

	if (!k->c.csv.no_header)
		write_header(k);
	for (size_t i = 0; i < ng; i++)
		write_row(k, order[i], v);
	if (k->total && k->nkeys > 0)
		write_row(k, CRM_GROUP_TOTAL, v);
	free(v);
}

static void
finish(struct kpi *k)
{
	size_t na = crm_group_aggregates(k->plan);
	char extra[64];

	snprintf(extra, sizeof extra, "%zu aggregate%s per group", na,
	    na == 1 ? "" : "s");
	crm_fold_close(k->f, extra);	/* frees the states: before plan */
	crm_group_free(k->plan);
	crm_metrics_free(&k->ms);
	crm_hash_free(k->tkeys);
	crm_fold_header_free(k->merge_h);
	free(k->columns);
	free(k->aggregates);
	free(k->tv);
	free(k->tline);
	for (size_t r = 0; r < k->trows; r++)
		free(k->tshown[r]);
	free(k->tshown);
	free(k->target);
}

/* Empty input: the header row alone, from the --by list and the metric
 * names as given (nothing to resolve them against). */
static int
write_empty(struct kpi *k)
{
	crm_writer *w = crm_fold_writer(k->f);
	char *by = crm_xstrdup(k->by != NULL ? k->by : "");
	char *item[64];
	size_t n = k->by != NULL ? crm_opts_split_list(by, item, 64) : 0;

	for (size_t i = 0; i < n && i < 64 && !k->c.csv.no_header; i++)
		check(k, crm_writer_field(w, item[i], strlen(item[i])));
	for (size_t i = 0; i < k->ms.n && !k->c.csv.no_header; i++)
		check(k, crm_writer_field(w, k->ms.m[i].name,
		    strlen(k->ms.m[i].name)));
	if (!k->c.csv.no_header)
		check(k, crm_writer_end(w));
	free(by);
	crm_metrics_free(&k->ms);
	return crm_fold_close(k->f, NULL);
}

int
main(int argc, char **argv)
{
	static struct kpi k;
	crm_tool tool = {
		.name = "kpi", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "",
		.flags = CRM_TOOL_INVALID_NO_KEEP, .handle = handle,
		.ctx = &k,
	};
	char *preset;

	k.tool = &tool;
	crm_opts_parse(&tool, argc, argv, &k.c);
	if (k.preset != NULL && k.metrics_file != NULL)
		crm_usage_error(&tool, "--preset and --metrics exclude each "
		    "other");
	check_modes(&k);
	k.sort &= k.by != NULL;	/* one row: nothing to order */
	preset = gather_metrics(&k);
	open_input(&k);
	if (!k.merge && crm_fold_empty(k.f)) {
		/* an empty chunk's partial is no record at all */
		free(preset);
		return k.partial ? crm_fold_close(k.f, NULL) : write_empty(&k);
	}
	crm_fold_keys(k.f, k.by, "--by", false);
	k.keys = crm_fold_key_columns(k.f, &k.nkeys);
	crm_metrics_compile(&k.ms, &tool, k.h, k.c.decimal_comma,
	    crm_csv_text_unchecked(&k.c.csv));
	plan(&k);
	if (k.targets_file != NULL)
		read_targets(&k, k.targets_file);

	aggregate(&k);
	if (!k.partial) {
		check_target_keys(&k, k.targets_file);
		write_output(&k);
	}
	finish(&k);
	free(preset);
	return CRM_EXIT_OK;
}
