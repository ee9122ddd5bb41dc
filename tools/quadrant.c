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

enum { OPT_X_SPLIT = 256, OPT_Y_SPLIT, OPT_LABELS, OPT_SUMMARY };

static const struct option options[] = {
	{ "effectiveness", required_argument, NULL, 'x' },
	{ "efficiency", required_argument, NULL, 'y' },
	{ "x-split", required_argument, NULL, OPT_X_SPLIT },
	{ "y-split", required_argument, NULL, OPT_Y_SPLIT },
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
	const char *x, *y;
	const char *x_split, *y_split;
	char *labels_buf;
	const char *labels[4];
	bool custom_labels, summary;
};

/* Split --labels into exactly four non-empty labels. */
static int
parse_labels(struct config *cfg, const char *arg, crm_error *err)
{
	char *item[4];
	size_t n;

	free(cfg->labels_buf);
	cfg->labels_buf = crm_xstrdup(arg);
	n = crm_opts_split_list(cfg->labels_buf, item, 4);
	for (size_t i = 0; i < 4 && i < n; i++)
		cfg->labels[i] = item[i];
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
		cfg->x_split = arg;
		break;
	case OPT_Y_SPLIT:
		cfg->y_split = arg;
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
	      const unsigned long *customers, const crm_measure *m)
{
	static const char *const names[] = {
		"label", "customers", "share", "x_threshold", "y_threshold"
	};
	unsigned long total = 0;

	for (int q = 0; q < 4; q++)
		total += customers[q];
	crm_rows_texts(rows, names, sizeof names / sizeof names[0]);
	for (int q = 0; q < 4; q++) {
		crm_rows_text(rows, labels[q]);
		crm_rows_count_share(rows, customers[q], total);
		crm_rows_threshold(rows, &m[0]);
		crm_rows_threshold(rows, &m[1]);
		crm_rows_end(rows);
	}
}

int
main(int argc, char **argv)
{
	struct config cfg = { 0 };
	crm_tool tool = {
		.name = "quadrant", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "x:y:",
		.flags = CRM_TOOL_INVALID | CRM_TOOL_THRESHOLDS,
		.column = "quadrant",
		.handle = handle, .ctx = &cfg,
	};
	crm_measure m[2] = {
		{ .option = "--effectiveness", .split_option = "--x-split",
		  .split_label = "x", .split = { CRM_SPLIT_MEDIAN, 0.5 } },
		{ .option = "--efficiency", .split_option = "--y-split",
		  .split_label = "y", .split = { CRM_SPLIT_MEDIAN, 0.5 } },
	};
	crm_common common;
	crm_rows *rows;
	unsigned long customers[4] = { 0, 0, 0, 0 };
	const char *const *labels;
	const crm_record *rec;
	crm_row_status st;
	double vals[2];
	bool classify;

	crm_opts_parse(&tool, argc, argv, &common);
	if (cfg.x == NULL || cfg.y == NULL)
		crm_usage_error(&tool, "-x and -y are required");
	labels = cfg.custom_labels ? cfg.labels :
	    common.lang == CRM_LANG_DE ? labels_de : labels_en;
	m[0].source = cfg.x;
	m[0].split_arg = cfg.x_split;
	m[1].source = cfg.y;
	m[1].split_arg = cfg.y_split;

	rows = crm_rows_open(&common, m, 2);
	crm_rows_thresholds(rows);
	/* No valid row: a data-derived threshold does not exist and there
	 * is nothing to classify; rows kept invalid get an empty cell. */
	classify = m[0].has_threshold && m[1].has_threshold;
	if (!cfg.summary) {
		const char *names[1] = { common.column };

		crm_rows_write_header(rows, names,
		    (const char *[]){ "-c NAME" }, 1);
	}
	while ((st = crm_rows_next(rows, &rec, vals)) != CRM_ROW_END) {
		int q = -1;

		if (st == CRM_ROW_VALID && classify)
			q = quadrant_of(vals[0], vals[1], m[0].threshold,
			    m[1].threshold);
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
		write_summary(rows, labels, customers, m);
	free(cfg.labels_buf);
	return crm_rows_close(rows);
}
