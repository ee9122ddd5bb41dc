/*
 * quadrant: effectiveness x efficiency into the four outcomes of
 * customer management (seed 1.1), or any 2x2 portfolio.  See
 * quadrant(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_opts.h"
#include "crm_rows.h"
#include "crm_split.h"

enum { OPT_X_SPLIT = 256, OPT_Y_SPLIT, OPT_LABELS, OPT_SUMMARY };

static const struct option options[] = {
	{ "effectiveness", required_argument, NULL, 'x' },
	{ "efficiency", required_argument, NULL, 'y' },
	{ "x-split", required_argument, NULL, OPT_X_SPLIT },
	{ "y-split", required_argument, NULL, OPT_Y_SPLIT },
	{ "column", required_argument, NULL, 'c' },
	{ "labels", required_argument, NULL, OPT_LABELS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"quadrant -x MEASURE -y MEASURE [--x-split SPLIT] [--y-split SPLIT]\n"
"    [-c NAME] [--labels L1,L2,L3,L4] [--summary] [options] [FILE ...]\n";

static const char help[] =
"Classify customers by effectiveness (x) and efficiency (y) into four\n"
"quadrants (seed 1.1).  A value >= its threshold is high.  Appends the\n"
"column quadrant:\n"
"  x low,  y low:  waste      (de: Ressourcenverschwendung)\n"
"  x low,  y high: fig-leaf   (de: Feigenblatt)\n"
"  x high, y low:  pyrrhic    (de: Pyrrhussieg)\n"
"  x high, y high: qualified  (de: Qualifiziertes Kundenmanagement)\n"
"\n"
"  -x, --effectiveness MEASURE  a column or an expression (revenue/target)\n"
"  -y, --efficiency MEASURE     a column or an expression (margin/cost)\n"
"      --x-split SPLIT       number, median (default), mean or pNN\n"
"      --y-split SPLIT       the same for y\n"
"  -c, --column NAME         name of the appended column (quadrant)\n"
"      --labels L1,L2,L3,L4  four labels in the order above\n"
"      --summary             print one row per quadrant instead: label,\n"
"                            customers, share, x_threshold, y_threshold\n";

/* Quadrant order of the SPEC: (x, y) = low-low, low-high, high-low,
 * high-high. */
static const char *const labels_en[4] = {
	"waste", "fig-leaf", "pyrrhic", "qualified"
};
static const char *const labels_de[4] = {
	"Ressourcenverschwendung", "Feigenblatt", "Pyrrhussieg",
	"Qualifiziertes Kundenmanagement"
};

struct config {
	const char *x, *y, *column;
	const char *x_split_arg, *y_split_arg;
	char *labels_buf;
	const char *labels[4];
	bool custom_labels, summary;
};

/* Split --labels at every comma into exactly four non-empty labels. */
static int
parse_labels(struct config *cfg, const char *arg, crm_error *err)
{
	char *p;
	size_t n = 0;

	free(cfg->labels_buf);
	cfg->labels_buf = p = crm_xstrdup(arg);
	for (;;) {
		char *comma = strchr(p, ',');

		if (comma != NULL)
			*comma = '\0';
		if (n < 4)
			cfg->labels[n] = p;
		n++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (n != 4)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "--labels: give four labels (low-low, low-high, "
		    "high-low, high-high), not %zu", n);
	for (size_t i = 0; i < 4; i++)
		if (cfg->labels[i][0] == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--labels: label %zu is empty", i + 1);
	cfg->custom_labels = true;
	return 0;
}

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;

	switch (opt) {
	case 'x':
		cfg->x = arg;
		break;
	case 'y':
		cfg->y = arg;
		break;
	case OPT_X_SPLIT:
		cfg->x_split_arg = arg;
		break;
	case OPT_Y_SPLIT:
		cfg->y_split_arg = arg;
		break;
	case 'c':
		if (*arg == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "-c: the column name is empty");
		cfg->column = arg;
		break;
	case OPT_LABELS:
		return parse_labels(cfg, arg, err);
	case OPT_SUMMARY:
		cfg->summary = true;
		break;
	}
	return 0;
}

/* Quadrant 0..3 in the SPEC's order from the two high/low decisions. */
static int
quadrant_of(double x, double y, double tx, double ty)
{
	return (x >= tx ? 2 : 0) + (y >= ty ? 1 : 0);
}

static void
write_summary(crm_rows *rows, const char *const *labels,
	      const unsigned long *customers, const double *tx,
	      const double *ty)
{
	static const char *const names[] = {
		"label", "customers", "share", "x_threshold", "y_threshold"
	};
	unsigned long total = 0;

	for (int q = 0; q < 4; q++)
		total += customers[q];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		crm_rows_text(rows, names[i]);
	crm_rows_end(rows);
	for (int q = 0; q < 4; q++) {
		crm_rows_text(rows, labels[q]);
		crm_rows_num(rows, (double)customers[q]);
		if (total > 0)
			crm_rows_num(rows, (double)customers[q] /
			    (double)total);
		else
			crm_rows_empty(rows);
		/* A data-derived threshold of no valid row is empty. */
		if (tx != NULL)
			crm_rows_num(rows, *tx);
		else
			crm_rows_empty(rows);
		if (ty != NULL)
			crm_rows_num(rows, *ty);
		else
			crm_rows_empty(rows);
		crm_rows_end(rows);
	}
}

int
main(int argc, char **argv)
{
	struct config cfg = { .column = "quadrant" };
	crm_tool tool = {
		.name = "quadrant", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "x:y:c:",
		.flags = CRM_TOOL_INVALID, .handle = handle, .ctx = &cfg,
	};
	crm_measure m[2] = {
		{ .option = "--effectiveness" },
		{ .option = "--efficiency" },
	};
	crm_split xs = { CRM_SPLIT_MEDIAN, 0.5 }, ys = { CRM_SPLIT_MEDIAN, 0.5 };
	crm_common common;
	crm_rows *rows;
	unsigned long customers[4] = { 0, 0, 0, 0 };
	const char *const *labels;
	const crm_record *rec;
	crm_row_status st;
	double vals[2], tx = 0, ty = 0;
	bool have_tx = true, have_ty = true;
	char buf[64];
	crm_error err;

	crm_opts_parse(&tool, argc, argv, &common);
	if (cfg.x == NULL || cfg.y == NULL)
		crm_usage_error(&tool, "-x and -y are required");
	if (cfg.x_split_arg != NULL && crm_split_parse(cfg.x_split_arg,
	    "--x-split", common.decimal_comma, &xs, &err) < 0)
		crm_usage_error(&tool, "%s", err.msg);
	if (cfg.y_split_arg != NULL && crm_split_parse(cfg.y_split_arg,
	    "--y-split", common.decimal_comma, &ys, &err) < 0)
		crm_usage_error(&tool, "%s", err.msg);
	labels = cfg.custom_labels ? cfg.labels :
	    common.lang == CRM_LANG_DE ? labels_de : labels_en;
	m[0].source = cfg.x;
	m[1].source = cfg.y;
	m[0].collect = crm_split_needs_data(&xs);
	m[1].collect = crm_split_needs_data(&ys);

	rows = crm_rows_open(&common, m, 2, m[0].collect || m[1].collect);
	if (m[0].collect || m[1].collect) {
		size_t n = crm_rows_collect(rows);

		/* No valid row: a data-derived threshold does not exist
		 * and there is nothing to classify; every row (none, or
		 * all kept invalid) gets an empty quadrant. */
		have_tx = crm_split_resolve(&xs, m[0].values.v, n, m[0].sum,
		    &tx) == 0;
		have_ty = crm_split_resolve(&ys, m[1].values.v, n, m[1].sum,
		    &ty) == 0;
		crm_dvec_free(&m[0].values);
		crm_dvec_free(&m[1].values);
	} else {
		tx = xs.value;
		ty = ys.value;
	}
	if (common.verbose) {
		if (have_tx)
			crm_warn("x threshold %.15g (%s)", tx,
			    crm_split_name(&xs, buf, sizeof buf));
		else
			crm_warn("x threshold: none (no valid row)");
		if (have_ty)
			crm_warn("y threshold %.15g (%s)", ty,
			    crm_split_name(&ys, buf, sizeof buf));
		else
			crm_warn("y threshold: none (no valid row)");
	}

	if (!cfg.summary) {
		const char *names[1] = { cfg.column };

		crm_rows_write_header(rows, names, 1);
	}
	while ((st = crm_rows_next(rows, &rec, vals)) != CRM_ROW_END) {
		int q = -1;

		if (st == CRM_ROW_VALID && have_tx && have_ty)
			q = quadrant_of(vals[0], vals[1], tx, ty);
		if (cfg.summary) {
			if (q >= 0)
				customers[q]++;
			continue;
		}
		crm_rows_pass(rows, rec);
		if (q >= 0)
			crm_rows_text(rows, labels[q]);
		else
			crm_rows_empty(rows);
		crm_rows_end(rows);
	}
	if (cfg.summary)
		write_summary(rows, labels, customers,
		    have_tx ? &tx : NULL, have_ty ? &ty : NULL);
	free(cfg.labels_buf);
	return crm_rows_close(rows);
}
