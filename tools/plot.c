/*
 * plot: charts of crmkit's tables as SVG or PNG: the quadrant chart
 * (seed 1.1), bars with targets, the funnel (seed 5) and the ABC curve.
 * See plot(1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_chart.h"
#include "crm_classify.h"
#include "crm_label.h"
#include "crm_utf8.h"
#include "crm_names.h"
#include "crm_opts.h"
#include "crm_png.h"
#include "crm_rows.h"

enum { OPT_X_SPLIT = 256, OPT_Y_SPLIT, OPT_LABEL, OPT_MAX_POINTS,
       OPT_CATEGORY, OPT_VALUE, OPT_TARGET, OPT_SORT, OPT_MAX_BARS,
       OPT_TITLE, OPT_WIDTH, OPT_HEIGHT, OPT_FORMAT };

#define CHART_OPTIONS \
	{ "title", required_argument, NULL, OPT_TITLE }, \
	{ "width", required_argument, NULL, OPT_WIDTH }, \
	{ "height", required_argument, NULL, OPT_HEIGHT }, \
	{ "format", required_argument, NULL, OPT_FORMAT }, \
	{ NULL, 0, NULL, 0 }

static const struct option quadrant_options[] = {
	{ "effectiveness", required_argument, NULL, 'x' },
	{ "efficiency", required_argument, NULL, 'y' },
	{ "x-split", required_argument, NULL, OPT_X_SPLIT },
	{ "y-split", required_argument, NULL, OPT_Y_SPLIT },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "max-points", required_argument, NULL, OPT_MAX_POINTS },
	CHART_OPTIONS
};
static const struct option bars_options[] = {
	{ "category", required_argument, NULL, OPT_CATEGORY },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "max-bars", required_argument, NULL, OPT_MAX_BARS },
	CHART_OPTIONS
};
static const struct option pareto_options[] = {
	{ "value", required_argument, NULL, OPT_VALUE },
	CHART_OPTIONS
};
static const struct option funnel_options[] = {
	CHART_OPTIONS
};

static const char chart_help[] =
"\n"
"Every chart:\n"
"      --title TEXT          the title (default: one for the chart kind;\n"
"                            '' for none)\n"
"      --width W, --height H the size in px\n"
"      --format svg|png      the output format (default svg; png when\n"
"                            -o names a .png file)\n";

static const char quadrant_help[] =
"The 2x2 of effectiveness (x) and efficiency (y) of seed 1.1: threshold\n"
"lines, the four quadrants' labels and counts (every row), and points\n"
"for up to --max-points rows chosen by a hash of their row number.\n"
"\n"
"  -x, --effectiveness MEASURE  a column or an expression\n"
"  -y, --efficiency MEASURE     a column or an expression\n"
"      --x-split SPLIT       number, median (default), mean or pNN\n"
"      --y-split SPLIT       the same for y\n"
"      --label COL           name points by COL where there is room\n"
"      --max-points N        draw at most N points (default 5000)\n";

static const char bars_help[] =
"One bar per row (up to --max-bars), with an optional target mark.\n"
"\n"
"      --category COL        the bar's name\n"
"      --value MEASURE       the bar's length\n"
"      --target MEASURE      a target mark (Soll) across the bar (Ist);\n"
"                            an empty target draws no mark\n"
"      --sort                the largest values first (else input order)\n"
"      --max-bars N          at most N bars (default 50)\n";

static const char funnel_help[] =
"The output of funnel(1): customers who reached each phase, the\n"
"conversion from the first phase and from the phase before; one funnel\n"
"per group when columns precede 'phase'.\n";

static const char pareto_help[] =
"The ABC curve: rows by value descending against the cumulative share of\n"
"the total, the 80 % and 95 % cuts, and the classes A, B, C as segment\n"
"--abc assigns them.\n"
"\n"
"      --value MEASURE       the value (>= 0)\n";

struct config {
	crm_chart_frame frame;
	bool png, png_set;
	const char *x, *y, *x_split, *y_split, *label;
	const char *category, *value, *target;
	bool sort;
	size_t max_points, max_bars;
};

/* A count from 0 to max (a chart shows no more). */
static int
parse_count(const char *arg, const char *option, unsigned long max,
	    crm_error *err, size_t *out)
{
	unsigned long n;

	if (crm_opts_count(arg, max, &n) != 0)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: '%s' is not a count from 0 to %lu", option, arg, max);
	*out = (size_t)n;
	return 0;
}

static int
parse_px(const char *arg, const char *option, crm_error *err, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v >= 1 && v <= 20000))
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: '%s' is not a size in px from 1 to 20000", option,
		    arg);
	*out = v;
	return 0;
}

static int
chart_option(struct config *cfg, int opt, const char *arg, crm_error *err)
{
	switch (opt) {
	case OPT_TITLE:
		cfg->frame.title = arg;
		return 0;
	case OPT_WIDTH:
		return parse_px(arg, "--width", err, &cfg->frame.width);
	case OPT_HEIGHT:
		return parse_px(arg, "--height", err, &cfg->frame.height);
	case OPT_FORMAT:
		if (strcmp(arg, "svg") != 0 && strcmp(arg, "png") != 0)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--format: '%s' is not svg or png", arg);
		cfg->png = strcmp(arg, "png") == 0;
		cfg->png_set = true;
		return 0;
	}
	return 0;
}

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;
	int rc = 0;

	switch (opt) {
	case 'x': cfg->x = arg; break;
	case 'y': cfg->y = arg; break;
	case OPT_X_SPLIT: cfg->x_split = arg; break;
	case OPT_Y_SPLIT: cfg->y_split = arg; break;
	case OPT_LABEL: cfg->label = arg; break;
	case OPT_CATEGORY: cfg->category = arg; break;
	case OPT_VALUE: cfg->value = arg; break;
	case OPT_TARGET: cfg->target = arg; break;
	case OPT_SORT: cfg->sort = true; break;
	case OPT_MAX_POINTS:
		rc = parse_count(arg, "--max-points", 1000000, err,
		    &cfg->max_points);
		break;
	case OPT_MAX_BARS:
		rc = parse_count(arg, "--max-bars", 1000, err,
		    &cfg->max_bars);
		if (rc == 0 && cfg->max_bars == 0)
			rc = crm_error_set(err, CRM_EXIT_USAGE,
			    "--max-bars: at least one bar");
		break;
	default:
		rc = chart_option(cfg, opt, arg, err);
	}
	return rc;
}

/* The chart in svg goes out as SVG or as PNG; then the rows close. */
static int
finish(crm_rows *rows, crm_svg *svg, const struct config *cfg)
{
	if (cfg->png) {
		crm_png png;
		crm_error err;

		if (crm_png_render(svg->buf, svg->len, &png, &err) < 0)
			crm_die_error(&err);
		crm_rows_bytes(rows, png.data, png.len);
		crm_png_free(&png);
	} else
		crm_rows_bytes(rows, svg->buf, svg->len);
	crm_svg_free(svg);
	return crm_rows_close(rows);
}

/* The header index of the column an option names, or the tool ends
 * with the usual unknown-column error. */
static long
column_of(crm_rows *rows, const char *name, const char *option)
{
	crm_error err;
	long col = crm_names_column(crm_rows_header(rows), name, strlen(name),
	    option, NULL, &err);

	if (col < 0)
		crm_die_error(&err);
	return col;
}

/* ------------------------------------------------------------------ */

struct qrun {
	crm_measure m[2];
	crm_chart_quadrant q;
	crm_sample sample;
	bool check_text;	/* labels must be UTF-8 (not converted) */
};

/* A valid row: its quadrant's count, the ranges, the sample. */
static void
quadrant_add(struct qrun *qr, unsigned long ordinal, double x, double y,
	     const char *label, size_t len)
{
	crm_chart_quadrant *q = &qr->q;
	int k = (x >= qr->m[0].threshold ? 2 : 0) +
	    (y >= qr->m[1].threshold ? 1 : 0);

	q->count[k]++;
	q->xmin = fmin(q->xmin, x);
	q->xmax = fmax(q->xmax, x);
	q->ymin = fmin(q->ymin, y);
	q->ymax = fmax(q->ymax, y);
	crm_sample_offer(&qr->sample, ordinal, x, y, k, label, len);
}

/* A label (column col) that is not UTF-8 would make the SVG invalid: the
 * row is invalid (--invalid decides), and it is no point. */
static bool
bad_label(const struct qrun *qr, crm_rows *rows, const crm_record *rec,
	  long col)
{
	char msg[128], why[CRM_ERR_MAX];

	if (col < 0 || !qr->check_text || crm_utf8_explain(rec->f[col],
	    rec->len[col], NULL, msg, sizeof msg) == 0)
		return false;
	snprintf(why, sizeof why, "column '%s': %s",
	    crm_rows_header(rows)->name[col], msg);
	(void)crm_rows_invalid(rows, why);
	return true;
}

/* Thresholds as crm_rows finds them, then the rows of the last pass
 * (with their labels from column col, if >= 0). */
static void
quadrant_stream(struct qrun *qr, crm_rows *rows, long col)
{
	const crm_record *rec;
	crm_row_status st;
	unsigned long ordinal = 0;
	double v[2];

	crm_rows_thresholds(rows);
	while ((st = crm_rows_next(rows, &rec, v)) != CRM_ROW_END)
		if (st == CRM_ROW_VALID && qr->m[0].has_threshold &&
		    qr->m[1].has_threshold && !bad_label(qr, rows, rec, col))
			quadrant_add(qr, ++ordinal, v[0], v[1],
			    col >= 0 ? rec->f[col] : NULL,
			    col >= 0 ? rec->len[col] : 0);
}

/*
 * A data-derived split without labels: one pass keeps x and y of every
 * valid row (16 bytes a row, as quadrant's replay), the thresholds come
 * from them and so do the counts, without reading the input again.  A
 * second pass only applies --invalid skip or keep (--rejects, the count
 * on standard error) and -v's row count.
 */
static void
quadrant_collected(struct qrun *qr, crm_rows *rows, const crm_common *c)
{
	size_t n = crm_rows_collect(rows);
	const crm_record *rec;
	char name[64];
	double v[2];

	for (int i = 0; i < 2; i++) {
		crm_measure *m = &qr->m[i];

		m->has_threshold = crm_split_resolve(&m->split, m->values.v,
		    n, m->sum, &m->threshold) == 0;
		if (c->verbose && m->has_threshold)
			crm_warn("%s threshold %.15g (%s)", m->split_label,
			    m->threshold,
			    crm_split_name(&m->split, name, sizeof name));
		else if (c->verbose)
			crm_warn("%s threshold: none (no valid row)",
			    m->split_label);
	}
	for (size_t i = 0; i < n && qr->m[0].has_threshold &&
	    qr->m[1].has_threshold; i++)
		quadrant_add(qr, (unsigned long)i + 1, qr->m[0].values.v[i],
		    qr->m[1].values.v[i], NULL, 0);
	if (c->invalid != CRM_INVALID_FAIL || c->verbose)
		while (crm_rows_next(rows, &rec, v) != CRM_ROW_END)
			;
}

/* Whether a split option asks for a threshold from the data (the
 * default median does). */
static bool
data_split(const char *arg, const char *option, const crm_common *c)
{
	crm_split sp;
	crm_error err;

	if (arg == NULL)
		return true;
	if (crm_split_parse(arg, option, c->decimal_comma, &sp, &err) < 0)
		crm_usage_die(c->tool, &err);
	return crm_split_needs_data(&sp);
}

static int
run_quadrant(struct config *cfg, crm_common *c, const crm_tool *tool)
{
	static const char *const en[4] = {
		"waste", "fig-leaf", "pyrrhic", "qualified"
	};
	static const char *const de[4] = {
		"Ressourcenverschwendung", "Feigenblatt", "Pyrrhussieg",
		"Qualifiziertes Kundenmanagement"
	};
	struct qrun qr = { .m = {
		{ .option = "--effectiveness", .source = cfg->x,
		  .split_option = "--x-split", .split_arg = cfg->x_split,
		  .split_label = "x", .split = { CRM_SPLIT_MEDIAN, 0.5 } },
		{ .option = "--efficiency", .source = cfg->y,
		  .split_option = "--y-split", .split_arg = cfg->y_split,
		  .split_label = "y", .split = { CRM_SPLIT_MEDIAN, 0.5 } },
	}, .q = { .x_name = cfg->x, .y_name = cfg->y, .xmin = HUGE_VAL,
	    .xmax = -HUGE_VAL, .ymin = HUGE_VAL, .ymax = -HUGE_VAL } };
	bool collected, dx, dy;
	char xs[64], ys[64];
	long col = -1;
	crm_rows *rows;
	crm_svg svg;

	if (cfg->x == NULL || cfg->y == NULL)
		crm_usage_error(tool, "-x and -y are required");
	dx = data_split(cfg->x_split, "--x-split", c);
	dy = data_split(cfg->y_split, "--y-split", c);
	collected = cfg->label == NULL && (dx || dy);
	qr.m[0].collect = qr.m[1].collect = collected;
	rows = crm_rows_open(c, qr.m, 2);
	crm_sample_init(&qr.sample, cfg->max_points);
	if (cfg->label != NULL) {
		col = column_of(rows, cfg->label, "--label");
		crm_rows_want_fields(rows);
		qr.check_text = crm_csv_text_unchecked(&c->csv);
	}
	if (collected)
		quadrant_collected(&qr, rows, c);
	else
		quadrant_stream(&qr, rows, col);
	crm_sample_sort(&qr.sample);
	for (int k = 0; k < 4; k++)
		qr.q.labels[k] = c->lang == CRM_LANG_DE ? de[k] : en[k];
	qr.q.tx = qr.m[0].threshold;
	qr.q.ty = qr.m[1].threshold;
	/* the axis titles name a data-derived split; a number is the
	 * threshold itself */
	qr.q.x_split = dx ? crm_split_name(&qr.m[0].split, xs, sizeof xs) :
	    NULL;
	qr.q.y_split = dy ? crm_split_name(&qr.m[1].split, ys, sizeof ys) :
	    NULL;
	qr.q.points = &qr.sample;
	crm_svg_init(&svg);
	crm_chart_quadrant_draw(&svg, &cfg->frame, &qr.q);
	crm_sample_free(&qr.sample);
	return finish(rows, &svg, cfg);
}

/* ------------------------------------------------------------------ */

struct bar {
	char *category;
	double value, target;
	unsigned long ordinal;
};

struct bars {
	struct bar *b;
	size_t n, max;
	unsigned long rows;
	bool sort;
};

/* Keep a bar: the first max rows, or with sort the max largest (ties
 * in input order), the list kept in its final order. */
static void
bars_add(struct bars *bs, const char *cat, size_t len, double value,
	 double target)
{
	size_t at = bs->n;

	bs->rows++;
	if (bs->sort)
		while (at > 0 && bs->b[at - 1].value < value)
			at--;
	if (at >= bs->max)
		return;
	if (bs->n == bs->max)
		free(bs->b[--bs->n].category);
	memmove(&bs->b[at + 1], &bs->b[at], (bs->n - at) * sizeof *bs->b);
	bs->b[at] = (struct bar){ crm_xmemdup(cat, len), value, target,
	    bs->rows };
	bs->n++;
}

/* The target of the current row: NaN when missing (no mark); an invalid
 * one makes the row invalid (false: leave it out). */
static bool
bar_target(crm_rows *rows, const crm_expr *e, const crm_record *rec,
	   double *t)
{
	crm_eval_note note;
	char why[CRM_ERR_MAX];

	*t = NAN;
	if (e == NULL || crm_expr_eval_num(e, rec, t, &note) == 0)
		return true;
	*t = NAN;
	if (note.why == CRM_WHY_EMPTY || note.why == CRM_WHY_DIV_ZERO)
		return true;
	crm_expr_describe(e, crm_rows_header(rows), &note, why, sizeof why);
	return crm_rows_invalid(rows, why);
}

/* A column or measure as a person reads it in a title or legend: with
 * --lang de the German header of a known column (crm_label). */
static const char *
shown_name(const crm_common *c, const char *name, char *buf, size_t size)
{
	if (name == NULL)
		return NULL;
	return crm_label_header(name, strlen(name), c->lang == CRM_LANG_DE,
	    buf, size);
}

static int
run_bars(struct config *cfg, crm_common *c, const crm_tool *tool)
{
	char vname[256], cname[256], tname[256];
	crm_measure m = { .option = "--value", .source = cfg->value };
	struct bars bs = { .max = cfg->max_bars, .sort = cfg->sort };
	crm_chart_bars chart = {
	    .category_name = shown_name(c, cfg->category, cname, sizeof cname),
	    .value_name = shown_name(c, cfg->value, vname, sizeof vname),
	    .target_name = shown_name(c, cfg->target, tname, sizeof tname) };
	const crm_record *rec;
	crm_expr *target = NULL;
	crm_row_status st;
	crm_error err;
	crm_rows *rows;
	crm_svg svg;
	long col;
	double v, t;

	if (cfg->category == NULL || cfg->value == NULL)
		crm_usage_error(tool, "--category and --value are required");
	rows = crm_rows_open(c, &m, 1);
	col = column_of(rows, cfg->category, "--category");
	if (cfg->target != NULL && (target = crm_expr_compile(cfg->target,
	    crm_rows_header(rows), c->decimal_comma, 0, &err)) == NULL)
		crm_die_error(&err);
	bs.b = crm_xreallocarray(NULL, bs.max + 1, sizeof *bs.b);
	while ((st = crm_rows_next(rows, &rec, &v)) != CRM_ROW_END)
		if (st == CRM_ROW_VALID && bar_target(rows, target, rec, &t))
			bars_add(&bs, rec->f[col], rec->len[col], v, t);
	{
		const char **cat = crm_xcalloc(bs.n + 1, sizeof *cat);
		double *val = crm_xcalloc(bs.n + 1, sizeof *val);
		double *tgt = crm_xcalloc(bs.n + 1, sizeof *tgt);

		for (size_t i = 0; i < bs.n; i++) {
			cat[i] = bs.b[i].category;
			val[i] = bs.b[i].value;
			tgt[i] = bs.b[i].target;
		}
		chart.n = bs.n;
		chart.category = cat;
		chart.value = val;
		chart.target = target != NULL ? tgt : NULL;
		chart.omitted = bs.rows - bs.n;
		crm_svg_init(&svg);
		crm_chart_bars_draw(&svg, &cfg->frame, &chart);
		free(cat);
		free(val);
		free(tgt);
	}
	for (size_t i = 0; i < bs.n; i++)
		free(bs.b[i].category);
	free(bs.b);
	crm_expr_free(target);
	return finish(rows, &svg, cfg);
}

/* ------------------------------------------------------------------ */

#define FUNNEL_MAX_GROUPS 12
#define FUNNEL_MAX_PHASES 64

struct funnel {
	char *phase[FUNNEL_MAX_PHASES];
	char *group[FUNNEL_MAX_GROUPS];
	double reached[FUNNEL_MAX_GROUPS * FUNNEL_MAX_PHASES];
	size_t nphase, ngroup;
	unsigned long omitted;	/* groups beyond the maximum */
	char *last;		/* the key of the group seen last */
};

/* The group key of rec: its columns before 'phase', joined by " / ". */
static char *
funnel_key(const crm_record *rec, long phase_col)
{
	size_t len = 0, at = 0;
	char *k;

	for (long i = 0; i < phase_col; i++)
		len += rec->len[i] + 3;
	k = crm_xmalloc(len + 1);
	for (long i = 0; i < phase_col; i++) {
		if (i > 0) {
			memcpy(k + at, " / ", 3);
			at += 3;
		}
		memcpy(k + at, rec->f[i], rec->len[i]);
		at += rec->len[i];
	}
	k[at] = '\0';
	return k;
}

/* Index of name in list[0..*n), added if new and there is room; -1 if
 * there is none. */
static long
funnel_find(char **list, size_t *n, size_t max, const char *name,
	    size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], name, len) == 0)
			return (long)i;
	if (*n == max)
		return -1;
	list[*n] = crm_xmemdup(name, len);
	return (long)(*n)++;
}

static void
funnel_row(crm_rows *rows, struct funnel *fn, const crm_record *rec,
	   long phase_col, double reached)
{
	char *key = funnel_key(rec, phase_col);
	long g, p;
	bool new_group = fn->last == NULL || strcmp(key, fn->last) != 0;

	g = funnel_find(fn->group, &fn->ngroup, FUNNEL_MAX_GROUPS, key,
	    strlen(key));
	if (g < 0 && new_group)
		fn->omitted++;
	free(fn->last);
	fn->last = key;
	if (g < 0)
		return;
	p = funnel_find(fn->phase, &fn->nphase, FUNNEL_MAX_PHASES,
	    rec->f[phase_col], rec->len[phase_col]);
	if (p < 0)
		crm_rows_fail(rows, "more than %d phases",
		    FUNNEL_MAX_PHASES);
	fn->reached[(size_t)g * FUNNEL_MAX_PHASES + (size_t)p] = reached;
}

static int
run_funnel(struct config *cfg, crm_common *c, const crm_tool *tool)
{
	crm_measure m = { .option = "reached", .source = "reached",
	    .bounded = true, .min = 0, .max = HUGE_VAL,
	    .bound_text = "is negative" };
	static struct funnel fn;
	double reached[FUNNEL_MAX_GROUPS * FUNNEL_MAX_PHASES];
	crm_chart_funnel chart;
	const crm_record *rec;
	crm_row_status st;
	crm_rows *rows;
	crm_svg svg;
	long col;
	double v;

	(void)tool;
	rows = crm_rows_open(c, &m, 1);
	col = column_of(rows, "phase", NULL);
	while ((st = crm_rows_next(rows, &rec, &v)) != CRM_ROW_END)
		if (st == CRM_ROW_VALID)
			funnel_row(rows, &fn, rec, col, v);
	for (size_t g = 0; g < fn.ngroup; g++)
		for (size_t p = 0; p < fn.nphase; p++)
			reached[g * fn.nphase + p] =
			    fn.reached[g * FUNNEL_MAX_PHASES + p];
	chart = (crm_chart_funnel){ fn.nphase,
	    (const char *const *)fn.phase, fn.ngroup,
	    col > 0 ? (const char *const *)fn.group : NULL, reached,
	    fn.omitted };
	crm_svg_init(&svg);
	crm_chart_funnel_draw(&svg, &cfg->frame, &chart);
	for (size_t i = 0; i < fn.nphase; i++)
		free(fn.phase[i]);
	for (size_t i = 0; i < fn.ngroup; i++)
		free(fn.group[i]);
	free(fn.last);
	return finish(rows, &svg, cfg);
}

/* ------------------------------------------------------------------ */

static int
run_pareto(struct config *cfg, crm_common *c, const crm_tool *tool)
{
	static const double cut[2] = { 80, 95 };
	crm_measure m = { .option = "--value", .source = cfg->value,
	    .bounded = true, .min = 0, .max = HUGE_VAL,
	    .bound_text = "is negative", .collect = true };
	char vname[256];
	crm_chart_pareto p = {
	    .value_name = shown_name(c, cfg->value, vname, sizeof vname),
	    .cut = { 0.80, 0.95 } };
	crm_classifier *cl;
	const crm_record *rec;
	crm_rows *rows;
	crm_svg svg;
	double *desc, v;
	size_t n;

	if (cfg->value == NULL)
		crm_usage_error(tool, "--value is required");
	rows = crm_rows_open(c, &m, 1);
	n = crm_rows_collect(rows);
	/* a second pass applies --invalid skip/keep to the rows, as the
	 * other tools do (--rejects, the count on standard error); under
	 * fail the first pass met no invalid row */
	if (c->invalid != CRM_INVALID_FAIL || c->verbose)
		while (crm_rows_next(rows, &rec, &v) != CRM_ROW_END)
			;
	cl = crm_classify_abc(m.values.v, n, cut, 2);
	for (size_t k = 0; k < 3; k++)
		p.class_size[k] = crm_classify_size(cl, k);
	crm_classify_free(cl);
	/* the classifier reorders the values (and may negate them: they
	 * are >= 0, so their magnitudes are the values) */
	desc = m.values.v;
	for (size_t i = 0; i < n; i++)
		desc[i] = fabs(desc[i]);
	crm_stats_sort(desc, n);
	for (size_t i = 0; i < n / 2; i++) {
		double t = desc[i];

		desc[i] = desc[n - 1 - i];
		desc[n - 1 - i] = t;
	}
	p.n = n;
	p.desc = desc;
	crm_svg_init(&svg);
	crm_chart_pareto_draw(&svg, &cfg->frame, &p);
	return finish(rows, &svg, cfg);
}

/* ------------------------------------------------------------------ */

static const struct kind {
	const char *name, *synopsis, *help;
	const struct option *options;
	const char *shortopts;
	int (*run)(struct config *, crm_common *, const crm_tool *);
} kinds[] = {
	{ "quadrant",
	  "plot quadrant -x MEASURE -y MEASURE [--x-split SPLIT]\n"
	  "    [--y-split SPLIT] [--label COL] [--max-points N] [chart options]\n"
	  "    [options] [FILE ...]\n",
	  quadrant_help, quadrant_options, "x:y:", run_quadrant },
	{ "bars",
	  "plot bars --category COL --value MEASURE [--target MEASURE]\n"
	  "    [--sort] [--max-bars N] [chart options] [options] [FILE ...]\n",
	  bars_help, bars_options, "", run_bars },
	{ "funnel",
	  "plot funnel [chart options] [options] [FILE ...]\n",
	  funnel_help, funnel_options, "", run_funnel },
	{ "pareto",
	  "plot pareto --value MEASURE [chart options] [options] [FILE ...]\n",
	  pareto_help, pareto_options, "", run_pareto },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char synopsis[] =
"plot quadrant|bars|funnel|pareto [options] [FILE ...]\n";

static const crm_tool plot_tool = {
	.name = "plot", .synopsis = synopsis,
	.help = "Charts of crmkit's tables as SVG or PNG.  'plot KIND --help'\n"
	    "describes each kind's options.\n",
};

/* The kind argv[1] names, or the tool ends with a usage error. */
static const struct kind *
find_kind(int argc, char **argv)
{
	crm_common common;
	crm_names_nearest nn;
	const char *name;

	if (argc < 2)
		crm_usage_error(&plot_tool, "give a chart kind: quadrant, "
		    "bars, funnel or pareto");
	name = argv[1];
	if (name[0] == '-') {	/* plot --help, plot --version */
		crm_opts_parse(&plot_tool, argc, argv, &common);
		crm_usage_error(&plot_tool, "give a chart kind first");
	}
	crm_names_nearest_init(&nn, name, strlen(name), 2);
	for (size_t i = 0; i < NKINDS; i++) {
		if (strcmp(name, kinds[i].name) == 0)
			return &kinds[i];
		crm_names_nearest_offer(&nn, (long)i, kinds[i].name,
		    strlen(kinds[i].name));
	}
	if (nn.best >= 0)
		crm_usage_error(&plot_tool, "unknown chart kind '%s' (did you "
		    "mean '%s'?)", name, kinds[nn.best].name);
	crm_usage_error(&plot_tool, "unknown chart kind '%s' (use quadrant, "
	    "bars, funnel or pareto)", name);
}

int
main(int argc, char **argv)
{
	const struct kind *k = find_kind(argc, argv);
	struct config cfg = { .max_points = 5000, .max_bars = 50 };
	size_t hlen = strlen(k->help) + sizeof chart_help;
	char *help = crm_xmalloc(hlen);
	crm_tool tool = {
		.name = "plot", .synopsis = k->synopsis, .help = help,
		.options = k->options, .shortopts = k->shortopts,
		.flags = CRM_TOOL_INVALID, .handle = handle, .ctx = &cfg,
	};
	crm_common common;
	size_t olen;
	int rc;

	snprintf(help, hlen, "%s%s", k->help, chart_help);
	crm_opts_parse(&tool, argc - 1, argv + 1, &common);
	cfg.frame.german = common.lang == CRM_LANG_DE;
	common.bom = false;	/* a chart is no CSV for Excel; in front of a
				 * PNG it would break the file */
	olen = common.output != NULL ? strlen(common.output) : 0;
	if (!cfg.png_set && olen > 4 &&
	    strcmp(common.output + olen - 4, ".png") == 0)
		cfg.png = true;
	if (cfg.png && common.output == NULL && isatty(STDOUT_FILENO))
		crm_usage_error(&tool, "--format png: give -o FILE or "
		    "redirect standard output (PNG is binary)");
	rc = k->run(&cfg, &common, &tool);
	free(help);
	return rc;
}
