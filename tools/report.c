/*
 * report: crmkit's CSV as tables for people: aligned text, Markdown, one
 * self-contained HTML page, or an Excel workbook.  See report(1).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_date.h"
#include "crm_opts.h"
#include "crm_out.h"
#include "crm_report.h"
#include "crm_table.h"
#include "crm_xlsx.h"

enum { OPT_FORMAT = 256, OPT_TITLE, OPT_SECTION, OPT_CHART,
       OPT_COLUMNS, OPT_HEAD, OPT_PERCENT, OPT_MAX_WIDTH };

static const struct option options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "section", required_argument, NULL, OPT_SECTION },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "head", required_argument, NULL, OPT_HEAD },
	{ "percent", required_argument, NULL, OPT_PERCENT },
	{ "max-width", required_argument, NULL, OPT_MAX_WIDTH },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"report [--format text|md|html|xlsx] [--title TEXT] [--as-of DATE]\n"
"    [--section TITLE=FILE ...] [--chart FILE.svg ...] [--columns LIST]\n"
"    [--head N] [--percent COLS] [--max-width N] [options] [FILE ...]\n";

static const char help[] =
"Turn CSV into tables for people.  Each FILE (or --section) is one table\n"
"under its title.\n"
"\n"
"      --format F            text (default; or from -o FILE's extension),\n"
"                            md, html or xlsx (needs -o)\n"
"      --title TEXT          the report's title\n"
"      --section TITLE=FILE  a table from FILE under TITLE (repeatable;\n"
"                            sections come before FILE operands)\n"
"      --chart FILE.svg      embed a plot chart (html; md links it)\n"
"      --columns LIST        show these columns, in this order\n"
"      --head N              show the first N rows of each table (default\n"
"                            1000 on a terminal, else all)\n"
"      --percent COLS        show these columns (names or patterns such\n"
"                            as '*_attainment') as percent\n"
"      --max-width N         cut text cells wider than N columns with an\n"
"                            ellipsis (text, md; default 40, 0: never)\n"
"--columns, --percent and --head apply to the --section options after\n"
"them; FILE operands take the last ones given.  --precision N gives\n"
"every column of non-integer numbers N decimals.\n";

#define MAX_LIST 256
#define MAX_LISTS ((size_t)2 * MAX_LIST)	/* --columns and --percent */

/* The options that shape a table: a --section takes those in force
 * when it is given, FILE operands the last ones. */
struct shape {
	const char *head;
	char **columns, **percent;
	size_t ncolumns, npercent;
	bool *percent_hit;	/* which --percent items matched a column */
};

struct section {
	const char *title, *path;
	struct shape shape;
};

struct config {
	const char *format, *title, *max_width;
	struct section *sec;
	size_t nsec;
	const char **charts;
	size_t ncharts;
	struct shape shape;
	char **lists[MAX_LISTS];	/* every --columns and --percent */
	bool *hits[MAX_LISTS];		/* of a --percent list, else NULL */
	size_t nlists;
};

static int
list(struct config *cfg, char *arg, char ***items, size_t *n,
     const char *opt, crm_error *err)
{
	char **item;

	if (cfg->nlists == MAX_LISTS)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: given too often", opt);
	item = *items = cfg->lists[cfg->nlists++] = crm_xcalloc(MAX_LIST,
	    sizeof *item);
	*n = crm_opts_split_list(arg, item, MAX_LIST);
	if (*n > MAX_LIST)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: more than %d columns", opt, MAX_LIST);
	for (size_t i = 0; i < *n; i++)
		if (*item[i] == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "%s: empty column name", opt);
	return 0;
}

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;
	const char *eq;

	switch (opt) {
	case OPT_FORMAT: cfg->format = arg; break;
	case OPT_TITLE: cfg->title = arg; break;
	case OPT_HEAD: cfg->shape.head = arg; break;
	case OPT_MAX_WIDTH: cfg->max_width = arg; break;
	case OPT_SECTION:
		if ((eq = strchr(arg, '=')) == NULL || eq == arg ||
		    eq[1] == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE, "--section: "
			    "'%s' is not TITLE=FILE", arg);
		cfg->sec = crm_xreallocarray(cfg->sec, cfg->nsec + 1,
		    sizeof *cfg->sec);
		cfg->sec[cfg->nsec].title = crm_xmemdup(arg,
		    (size_t)(eq - arg));
		cfg->sec[cfg->nsec].shape = cfg->shape;
		cfg->sec[cfg->nsec++].path = eq + 1;
		break;
	case OPT_CHART:
		cfg->charts = crm_xreallocarray(cfg->charts, cfg->ncharts + 1,
		    sizeof *cfg->charts);
		cfg->charts[cfg->ncharts++] = arg;
		break;
	case OPT_COLUMNS:
		return list(cfg, (char *)arg, &cfg->shape.columns,
		    &cfg->shape.ncolumns, "--columns", err);
	case OPT_PERCENT:
		if (list(cfg, (char *)arg, &cfg->shape.percent,
		    &cfg->shape.npercent, "--percent", err) < 0)
			return -1;
		cfg->shape.percent_hit = cfg->hits[cfg->nlists - 1] =
		    crm_xcalloc(MAX_LIST, sizeof(bool));
		break;
	}
	return 0;
}

/* A count option's value, or a usage error. */
static unsigned long
count_arg(const crm_tool *tool, const char *opt, const char *arg)
{
	unsigned long n;

	if (crm_opts_count(arg, ULONG_MAX - 1, &n) != 0)
		crm_usage_error(tool, "%s: '%s' is not a count", opt, arg);
	return n;
}

/* The report's settings from the options. */
static void
settle(const crm_tool *tool, const struct config *cfg, const crm_common *c,
       crm_report_config *rc, crm_table_config *tc, char *date, char *head)
{
	crm_error err;
	int f = crm_report_format_of_path(c->output);

	rc->format = f >= 0 ? (crm_report_format)f : CRM_REPORT_TEXT;
	if (cfg->format != NULL && crm_report_format_parse(cfg->format,
	    &rc->format, &err) < 0)
		crm_usage_die(tool, &err);
	if (rc->format == CRM_REPORT_XLSX && (c->output == NULL ||
	    strcmp(c->output, "-") == 0))
		crm_usage_error(tool, "--format xlsx needs -o FILE");
	rc->german = c->lang == CRM_LANG_DE;
	rc->title = cfg->title;
	/* --as-of, CRMKIT_AS_OF or today: the common option's (crm_opts) */
	crm_date_format(date, (crm_date){ (double)crm_date_day(c->as_of),
	    false });
	rc->as_of = date;
	rc->max_width = cfg->max_width != NULL ? count_arg(tool,
	    "--max-width", cfg->max_width) : 40;
	rc->head_option = head;
	/* Check every --head now, before any output exists. */
	for (size_t i = 0; i < cfg->nsec; i++)
		if (cfg->sec[i].shape.head != NULL)
			count_arg(tool, "--head", cfg->sec[i].shape.head);
	if (cfg->shape.head != NULL)
		count_arg(tool, "--head", cfg->shape.head);
	tc->sample = 1000;
	tc->decimals = c->precision;
	tc->digits = 3;
}

struct out {
	crm_writer *w;
	crm_report *r;		/* text, md, html */
	crm_xlsx *x;		/* xlsx */
	crm_common *c;
	crm_table_config *tc;
	crm_report_config *rc;
	const crm_tool *tool;
};

/* Apply a table's shape: --head (default 1000 on a terminal, else
 * all; xlsx at most what a sheet holds), --columns, --percent. */
static void
shape_table(struct out *o, const struct shape *sh)
{
	crm_table_config *tc = o->tc;
	bool tty = o->c->output == NULL && isatty(STDOUT_FILENO);

	tc->head = sh->head != NULL ? count_arg(o->tool, "--head",
	    sh->head) : tty ? 1000 : ULONG_MAX;
	if (o->rc->format == CRM_REPORT_XLSX &&
	    tc->head >= CRM_XLSX_MAX_ROWS)
		tc->head = CRM_XLSX_MAX_ROWS - 1;
	snprintf((char *)o->rc->head_option, 64, "--head %lu", tc->head);
	tc->columns = sh->columns;
	tc->ncolumns = sh->ncolumns;
	tc->percent = sh->percent;
	tc->npercent = sh->npercent;
	tc->percent_hit = sh->percent_hit;
}

/* End the tool: quietly on a closed pipe, else with err, leaving no
 * half-written -o FILE. */
static _Noreturn void
fail(struct out *o, const crm_error *err)
{
	if (crm_writer_broken_pipe(o->w))
		crm_out_failed(o->w, NULL);
	crm_writer_abort(o->w);
	crm_die_error(err);
}

/* The heading of a FILE operand: its name without directory and
 * extension. */
static char *
heading_of(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return crm_xmemdup(base, dot != NULL && dot != base ?
	    (size_t)(dot - base) : strlen(base));
}

static void
one_table(struct out *o, const char *path, const char *heading,
	  const struct shape *sh)
{
	char *paths[1] = { (char *)path };
	crm_csv_config cfg = o->c->csv;
	crm_error err;
	crm_input *in;
	crm_table *t;
	int rc;

	shape_table(o, sh);
	/* every cell may be a label of the page or workbook: all of a
	 * table is text, checked whole (tables are summaries, small) */
	cfg.check_all = true;
	if ((in = crm_input_open(paths, 1, &cfg, false, &err)) == NULL)
		fail(o, &err);
	/* each table by its own delimiter, unless set for all */
	o->tc->decimal_comma = crm_common_decimal_comma_for(o->c,
	    crm_input_delimiter(in));
	if ((t = crm_table_open(in, o->tc, &err)) == NULL)
		fail(o, &err);
	rc = o->x != NULL ? crm_xlsx_table(o->x, t, heading, &err) :
	    crm_report_table(o->r, t, heading, &err);
	if (rc < 0)
		fail(o, &err);
	if (o->c->verbose)
		crm_warn("%s: %lu rows shown, %lu left out", path,
		    crm_table_shown(t), crm_table_left_out(t));
	crm_table_close(t);
}

static void
begin(struct out *o, const crm_tool *tool, const crm_report_config *rc,
      const struct config *cfg)
{
	crm_writer_config wc = crm_common_writer_config(o->c, ',');
	const char *tmp;
	crm_error err;

	/* --bom starts text, md and html; a workbook is no text file. */
	wc.bom = wc.bom && rc->format != CRM_REPORT_XLSX;
	if ((o->w = crm_writer_open(o->c->output, &wc, &err)) == NULL)
		crm_die_error(&err);
	if (rc->format == CRM_REPORT_XLSX) {
		if ((tmp = crm_writer_temp_path(o->w)) == NULL) {
			crm_writer_abort(o->w);
			crm_usage_error(tool, "--format xlsx: -o must name "
			    "a regular file");
		}
		if ((o->x = crm_xlsx_begin(tmp, rc, &err)) == NULL)
			fail(o, &err);
		if (cfg->ncharts > 0)
			crm_warn("--chart: charts are not embedded in xlsx");
		return;
	}
	if (rc->format == CRM_REPORT_TEXT && cfg->ncharts > 0)
		crm_warn("--chart: charts are shown in html and md only");
	o->r = crm_report_begin(o->w, rc);
	for (size_t i = 0; i < cfg->ncharts; i++)
		if (crm_report_chart(o->r, cfg->charts[i], &err) < 0)
			fail(o, &err);
}

/* A --percent item that matched no column of any table it applied to
 * is most likely a typo: say so (the report is written all the same). */
static void
warn_unmatched(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nlists; i++)
		for (size_t k = 0; cfg->hits[i] != NULL && k < MAX_LIST &&
		    cfg->lists[i][k] != NULL; k++)
			if (!cfg->hits[i][k])
				crm_warn("--percent: no column matches '%s'",
				    cfg->lists[i][k]);
}

int
main(int argc, char **argv)
{
	struct config cfg = { 0 };
	crm_tool tool = {
		.name = "report", .synopsis = synopsis, .help = help,
		.options = options, .handle = handle, .ctx = &cfg,
	};
	crm_report_config rc = { 0 };
	crm_table_config tc = { 0 };
	crm_common c;
	struct out o = { .c = &c, .tc = &tc, .rc = &rc, .tool = &tool };
	char date[CRM_DATE_BUFSZ], head[64];
	crm_error err;
	size_t ntables;

	crm_opts_parse(&tool, argc, argv, &c);
	settle(&tool, &cfg, &c, &rc, &tc, date, head);
	begin(&o, &tool, &rc, &cfg);
	ntables = cfg.nsec + c.noperands;
	for (size_t i = 0; i < cfg.nsec; i++)
		one_table(&o, cfg.sec[i].path, cfg.sec[i].title,
		    &cfg.sec[i].shape);
	for (size_t i = 0; i < c.noperands; i++) {
		char *h = ntables > 1 && strcmp(c.operands[i], "-") != 0 ?
		    heading_of(c.operands[i]) : NULL;

		one_table(&o, c.operands[i], h, &cfg.shape);
		free(h);
	}
	if (ntables == 0)
		one_table(&o, "-", NULL, &cfg.shape);
	if (o.x != NULL && crm_xlsx_end(o.x, &err) < 0)
		fail(&o, &err);
	if (o.r != NULL && crm_report_end(o.r) < 0)
		crm_out_failed(o.w, NULL);
	crm_out_close_writer(o.w, NULL);
	for (size_t i = 0; i < cfg.nsec; i++)
		free((char *)cfg.sec[i].title);
	free(cfg.sec);
	free(cfg.charts);
	warn_unmatched(&cfg);
	for (size_t i = 0; i < cfg.nlists; i++) {
		free(cfg.lists[i]);
		free(cfg.hits[i]);
	}
	return 0;
}
