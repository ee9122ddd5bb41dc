/*
 * prioritize: customer value x success probability into priorities 1..4
 * (seed 1.2.2).  See prioritize(1).
 */
#include <stdio.h>
#include <stdlib.h>

#include "crm_opts.h"
#include "crm_rows.h"

enum { OPT_VALUE = 256, OPT_PROBABILITY, OPT_VALUE_SPLIT,
       OPT_PROBABILITY_SPLIT, OPT_SORT, OPT_SUMMARY, OPT_EV_COLUMN };

static const struct option options[] = {
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "probability", required_argument, NULL, OPT_PROBABILITY },
	{ "value-split", required_argument, NULL, OPT_VALUE_SPLIT },
	{ "probability-split", required_argument, NULL, OPT_PROBABILITY_SPLIT },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "ev-column", required_argument, NULL, OPT_EV_COLUMN },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"prioritize --value MEASURE --probability MEASURE\n"
"    [--value-split SPLIT] [--probability-split SPLIT] [-c NAME]\n"
"    [--ev-column NAME] [--sort | --summary] [options] [FILE ...]\n";

static const char help[] =
"Classify customers by value and success probability (seed 1.2.2):\n"
"priority 1 = value high, probability high; 2 = high, low; 3 = low, high;\n"
"4 = low, low.  A value >= its threshold is high.  Appends the columns\n"
"priority and expected_value (value x probability).\n"
"\n"
"      --value MEASURE       customer value: a column or an expression\n"
"      --probability MEASURE success probability in [0,1]\n"
"      --value-split SPLIT   number, median (default), mean or pNN\n"
"      --probability-split SPLIT  the same; default 0.5\n"
"      --sort                order by priority, then expected value\n"
"                            descending, then input order\n"
"      --summary             print one row per priority instead\n"
"      --ev-column NAME      name of the expected value column\n"
"                            (default: expected_value)\n";

struct config {
	const char *value, *probability;
	const char *value_split, *probability_split;
	const char *ev_column;	/* --ev-column NAME */
	bool sort, summary;
};

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;

	switch (opt) {
	case OPT_VALUE:
		cfg->value = arg;
		break;
	case OPT_PROBABILITY:
		cfg->probability = arg;
		break;
	case OPT_VALUE_SPLIT:
		cfg->value_split = arg;
		break;
	case OPT_PROBABILITY_SPLIT:
		cfg->probability_split = arg;
		break;
	case OPT_SORT:
		cfg->sort = true;
		break;
	case OPT_SUMMARY:
		cfg->summary = true;
		break;
	case OPT_EV_COLUMN:
		if (*arg == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--ev-column: the column name is empty");
		cfg->ev_column = arg;
		break;
	}
	return 0;
}

/* priority 1..4 from the two high/low decisions (seed 1.2.2). */
static int
priority_of(double value, double probability, double vt, double pt)
{
	bool vh = value >= vt, ph = probability >= pt;

	return vh ? (ph ? 1 : 2) : (ph ? 3 : 4);
}

struct summary {
	unsigned long customers[4];
	double value_sum[4], ev_sum[4];
};

static void
write_summary(crm_rows *rows, const struct summary *s, const crm_measure *m)
{
	static const char *const names[] = {
		"priority", "customers", "share", "value_sum",
		"expected_value_sum", "value_threshold",
		"probability_threshold"
	};
	unsigned long total = 0;

	for (int p = 0; p < 4; p++)
		total += s->customers[p];
	crm_rows_texts(rows, names, sizeof names / sizeof names[0]);
	for (int p = 0; p < 4; p++) {
		crm_rows_int(rows, p + 1);
		crm_rows_count_share(rows, s->customers[p], total);
		crm_rows_num(rows, s->value_sum[p]);
		crm_rows_num(rows, s->ev_sum[p]);
		crm_rows_threshold(rows, &m[0]);
		crm_rows_threshold(rows, &m[1]);
		crm_rows_end(rows);
	}
}

/* --sort: by priority, then expected value downwards. */
static const crm_sort_part sort_key[] = {
	{ CRM_SORT_INT, false }, { CRM_SORT_NUM, true }
};

int
main(int argc, char **argv)
{
	struct config cfg = { .ev_column = "expected_value" };
	crm_tool tool = {
		.name = "prioritize", .synopsis = synopsis, .help = help,
		.options = options,
		.flags = CRM_TOOL_INVALID | CRM_TOOL_THRESHOLDS,
		.column = "priority", .handle = handle, .ctx = &cfg,
	};
	crm_measure m[2] = {
		{ .option = "--value", .split_option = "--value-split",
		  .split_label = "value",
		  .split = { CRM_SPLIT_MEDIAN, 0.5 } },
		{ .option = "--probability", .bounded = true, .min = 0,
		  .max = 1, .bound_text = "is not a probability in [0,1]",
		  .split_option = "--probability-split",
		  .split_label = "probability",
		  .split = { CRM_SPLIT_ABSOLUTE, 0.5 } },
	};
	crm_common common;
	crm_rows *rows;
	struct summary sum = { { 0 }, { 0 }, { 0 } };
	const crm_record *rec;
	crm_row_status st;
	double vals[2];
	bool classify;

	crm_opts_parse(&tool, argc, argv, &common);
	if (cfg.value == NULL || cfg.probability == NULL)
		crm_usage_error(&tool, "--value and --probability are required");
	if (cfg.sort && cfg.summary)
		crm_usage_error(&tool, "--sort and --summary exclude each other");
	m[0].source = cfg.value;
	m[0].split_arg = cfg.value_split;
	m[1].source = cfg.probability;
	m[1].split_arg = cfg.probability_split;

	rows = crm_rows_open(&common, m, 2);
	crm_rows_thresholds(rows);
	classify = m[0].has_threshold && m[1].has_threshold;
	if (!cfg.summary) {
		const char *names[2] = { common.column, cfg.ev_column };
		const char *renames[2] = { "-c NAME", "--ev-column NAME" };

		crm_rows_write_header(rows, names, renames, 2);
	}
	if (cfg.sort)
		crm_rows_sort(rows, sort_key, 2);
	while ((st = crm_rows_next(rows, &rec, vals)) != CRM_ROW_END) {
		int p = 0;

		if (st == CRM_ROW_VALID && classify)
			p = priority_of(vals[0], vals[1], m[0].threshold,
			    m[1].threshold);
		if (cfg.summary) {
			if (p > 0) {
				sum.customers[p - 1]++;
				sum.value_sum[p - 1] += vals[0];
				sum.ev_sum[p - 1] += vals[0] * vals[1];
			}
			continue;
		}
		/* Rows kept invalid sort after priority 4. */
		if (cfg.sort)
			crm_rows_key(rows, (const crm_sort_value[]){
			    { .i = p > 0 ? p : 5 }, { .num = p > 0 ?
			    vals[0] * vals[1] : 0 } });
		crm_rows_pass(rows, rec);
		if (p > 0) {
			crm_rows_int(rows, p);
			crm_rows_num(rows, vals[0] * vals[1]);
		} else {
			crm_rows_empty(rows);
			crm_rows_empty(rows);
		}
		crm_rows_end(rows);
	}
	if (cfg.summary)
		write_summary(rows, &sum, m);
	return crm_rows_close(rows);
}
