/*
 * clv: customer lifetime value and switching propensity from the
 * buy-till-you-die models BG/NBD and Gamma-Gamma (seed 3, 1.2.2).
 * See clv(1).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_btyd.h"
#include "crm_opts.h"
#include "crm_rows.h"

enum { OPT_FREQUENCY = 256, OPT_RECENCY, OPT_AGE, OPT_MONETARY, OPT_UNIT,
       OPT_HORIZON, OPT_DISCOUNT, OPT_MODEL, OPT_SAVE_MODEL, OPT_PENALIZER,
       OPT_SUMMARY };

static const struct option options[] = {
	{ "frequency", required_argument, NULL, OPT_FREQUENCY },
	{ "recency", required_argument, NULL, OPT_RECENCY },
	{ "age", required_argument, NULL, OPT_AGE },
	{ "monetary", required_argument, NULL, OPT_MONETARY },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "horizon", required_argument, NULL, OPT_HORIZON },
	{ "discount", required_argument, NULL, OPT_DISCOUNT },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "save-model", required_argument, NULL, OPT_SAVE_MODEL },
	{ "penalizer", required_argument, NULL, OPT_PENALIZER },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"clv [--frequency MEASURE] [--recency MEASURE] [--age MEASURE]\n"
"    [--monetary MEASURE] [--unit day|week|month] [--horizon H]\n"
"    [--discount RATE] [--model FILE | --save-model FILE]\n"
"    [--penalizer L] [--summary] [options] [FILE ...]\n";

static const char help[] =
"Fit the BG/NBD and Gamma-Gamma models to one row per customer (or\n"
"score with a saved model) and append p_alive, churn,\n"
"expected_purchases, expected_value and clv.\n"
"\n"
"      --frequency MEASURE   repeat purchases x (default: x)\n"
"      --recency MEASURE     last minus first purchase t_x (default: t_x)\n"
"      --age MEASURE         now minus first purchase T (default: T)\n"
"      --monetary MEASURE    mean value of the repeat purchases (default: m)\n"
"      --unit day|week|month the unit of t_x and T (default: week)\n"
"      --horizon H           units ahead (default: 52 weeks in the unit)\n"
"      --discount RATE       discount rate a year (default: 0.1)\n"
"      --model FILE          score with the parameters of FILE, no fit\n"
"      --save-model FILE     write the fitted parameters to FILE\n"
"      --penalizer L         add L x the sum of squared parameters\n"
"      --summary             write the model table instead of the rows\n";

#define NMEASURES 4
#define SCORER_STREAMING 16384	/* distinct customers remembered */

/* A model: the parameters, what their fit reported, the unit of time. */
struct model {
	crm_btyd_bgnbd bg;
	crm_btyd_gg gg;
	crm_btyd_fit bg_fit, gg_fit;
	const char *unit;
};

struct config {
	const char *source[NMEASURES];
	const char *unit, *horizon, *discount, *penalizer;
	const char *model, *save_model;
	bool summary;
};

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;

	(void)err;
	if (opt >= OPT_FREQUENCY && opt <= OPT_MONETARY)
		cfg->source[opt - OPT_FREQUENCY] = arg;
	else if (opt == OPT_UNIT)
		cfg->unit = arg;
	else if (opt == OPT_HORIZON)
		cfg->horizon = arg;
	else if (opt == OPT_DISCOUNT)
		cfg->discount = arg;
	else if (opt == OPT_MODEL)
		cfg->model = arg;
	else if (opt == OPT_SAVE_MODEL)
		cfg->save_model = arg;
	else if (opt == OPT_PENALIZER)
		cfg->penalizer = arg;
	else if (opt == OPT_SUMMARY)
		cfg->summary = true;
	return 0;
}

static const char *const option_name[NMEASURES] = {
	"--frequency", "--recency", "--age", "--monetary"
};

/* The row rules of crm_btyd_check, as crm_rows asks them. */
static int
check_row(const double *v, void *ctx, char *why, size_t cap)
{
	const struct config *cfg = ctx;
	int rule = crm_btyd_check(v[0], v[1], v[2], v[3]);

	if (rule == 0)
		return 0;
	if (why == NULL)
		return -1;
	if (rule == 1)
		snprintf(why, cap, "--frequency %s is %.15g, not a whole "
		    "number >= 0", cfg->source[0], v[0]);
	else if (rule == 2)
		snprintf(why, cap, "--recency %s is %.15g, not >= 0",
		    cfg->source[1], v[1]);
	else if (rule == 3)
		snprintf(why, cap, "--age %s is %.15g, not positive",
		    cfg->source[2], v[2]);
	else if (rule == 4)
		snprintf(why, cap, "--recency %s is %.15g, more than --age "
		    "%s (%.15g)", cfg->source[1], v[1], cfg->source[2], v[2]);
	else
		snprintf(why, cap, "--monetary %s is %.15g, not >= 0",
		    cfg->source[3], v[3]);
	return -1;
}

/* Days per unit of time; 0 for an unknown unit. */
static double
unit_days(const char *unit)
{
	if (strcmp(unit, "day") == 0)
		return 1;
	if (strcmp(unit, "week") == 0)
		return 7;
	if (strcmp(unit, "month") == 0)
		return CRM_BTYD_MONTH_DAYS;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The model table: --summary, --save-model, --model */

enum cell_kind { CELL_NUMBER, CELL_COUNT, CELL_TEXT };

struct model_row {
	const char *model, *parameter;
	enum cell_kind kind;
	double *value;		/* CELL_NUMBER, CELL_COUNT */
	const char **text;	/* CELL_TEXT */
	bool required;		/* for --model */
};

#define MODEL_ROWS 14

/* The rows of mo's table, pointing into mo. */
static void
model_rows(struct model *mo, struct model_row *row)
{
	static double iter[2];
	struct model_row rows[MODEL_ROWS] = {
		{ "bgnbd", "r", CELL_NUMBER, &mo->bg.r, NULL, true },
		{ "bgnbd", "alpha", CELL_NUMBER, &mo->bg.alpha, NULL, true },
		{ "bgnbd", "a", CELL_NUMBER, &mo->bg.a, NULL, true },
		{ "bgnbd", "b", CELL_NUMBER, &mo->bg.b, NULL, true },
		{ "bgnbd", "unit", CELL_TEXT, NULL, &mo->unit, true },
		{ "bgnbd", "log_likelihood", CELL_NUMBER, &mo->bg_fit.ll,
		  NULL, false },
		{ "bgnbd", "customers", CELL_COUNT, &mo->bg_fit.customers,
		  NULL, false },
		{ "bgnbd", "iterations", CELL_COUNT, &iter[0], NULL, false },
		{ "gamma_gamma", "p", CELL_NUMBER, &mo->gg.p, NULL, true },
		{ "gamma_gamma", "q", CELL_NUMBER, &mo->gg.q, NULL, true },
		{ "gamma_gamma", "v", CELL_NUMBER, &mo->gg.v, NULL, true },
		{ "gamma_gamma", "log_likelihood", CELL_NUMBER, &mo->gg_fit.ll,
		  NULL, false },
		{ "gamma_gamma", "customers", CELL_COUNT,
		  &mo->gg_fit.customers, NULL, false },
		{ "gamma_gamma", "iterations", CELL_COUNT, &iter[1], NULL,
		  false },
	};

	iter[0] = (double)mo->bg_fit.iterations;
	iter[1] = (double)mo->gg_fit.iterations;
	memcpy(row, rows, sizeof rows);
}

static const char *const table_header[3] = { "model", "parameter", "value" };

/* The table as the tool's output (--summary): 15 significant digits or
 * --precision, the output's delimiter and decimal separator. */
static void
write_summary(crm_rows *rows, struct model *mo, bool fitted)
{
	struct model_row row[MODEL_ROWS];
	char buf[64];

	crm_rows_texts(rows, table_header, 3);
	if (!fitted)
		return;
	model_rows(mo, row);
	for (size_t i = 0; i < MODEL_ROWS; i++) {
		crm_rows_text(rows, row[i].model);
		crm_rows_text(rows, row[i].parameter);
		if (row[i].kind == CELL_NUMBER)
			crm_rows_num(rows, *row[i].value);
		else if (row[i].kind == CELL_COUNT) {
			snprintf(buf, sizeof buf, "%.0f", *row[i].value);
			crm_rows_text(rows, buf);
		} else
			crm_rows_text(rows, *row[i].text);
		crm_rows_end(rows);
	}
}

/* The table as a file for --model: plain CSV, 17 significant digits, so
 * that the parameters read back are the ones fitted. */
static void
save_model(const char *path, struct model *mo)
{
	crm_writer_config wc = { ',', false, false, { -1, false } };
	struct model_row row[MODEL_ROWS];
	crm_error err;
	crm_writer *w = crm_writer_open(path, &wc, &err);
	char buf[64];
	int rc = 0;

	if (w == NULL)
		crm_die_error(&err);
	model_rows(mo, row);
	for (size_t i = 0; i < 3; i++)
		rc |= crm_writer_field(w, table_header[i],
		    strlen(table_header[i]));
	rc |= crm_writer_end(w);
	for (size_t i = 0; i < MODEL_ROWS; i++) {
		if (row[i].kind == CELL_TEXT)
			snprintf(buf, sizeof buf, "%s", *row[i].text);
		else
			snprintf(buf, sizeof buf, row[i].kind == CELL_COUNT ?
			    "%.0f" : "%.17g", *row[i].value);
		rc |= crm_writer_field(w, row[i].model, strlen(row[i].model));
		rc |= crm_writer_field(w, row[i].parameter,
		    strlen(row[i].parameter));
		rc |= crm_writer_field(w, buf, strlen(buf));
		rc |= crm_writer_end(w);
	}
	if (crm_writer_close(w, &err) < 0)
		crm_die_error(&err);
	(void)rc;	/* the writer keeps the first failure for close */
}

/* Find the row of mo's table that rec names (NULL: none). */
static struct model_row *
find_row(struct model_row *row, const crm_record *rec)
{
	for (size_t i = 0; i < MODEL_ROWS; i++)
		if (strlen(row[i].model) == rec->len[0] &&
		    memcmp(row[i].model, rec->f[0], rec->len[0]) == 0 &&
		    strlen(row[i].parameter) == rec->len[1] &&
		    memcmp(row[i].parameter, rec->f[1], rec->len[1]) == 0)
			return &row[i];
	return NULL;
}

/* Read one value of a model file into its row. */
static int
read_cell(struct model_row *row, const crm_record *rec, bool *seen,
	  const char *path, crm_error *err)
{
	double v;

	if (row->kind == CELL_TEXT) {
		static const char *const units[] = { "day", "week", "month" };

		*row->text = NULL;
		for (size_t i = 0; i < 3; i++)
			if (strlen(units[i]) == rec->len[2] &&
			    memcmp(units[i], rec->f[2], rec->len[2]) == 0)
				*row->text = units[i];
		if (*row->text == NULL)
			return crm_error_at(err, CRM_EXIT_DATA, path,
			    rec->line, "unit is not day, week or month");
	} else if (crm_num_parse(rec->f[2], rec->len[2], false, &v) !=
	    CRM_NUM_OK || (row->required && !(v > 0)))
		return crm_error_at(err, CRM_EXIT_DATA, path, rec->line,
		    "%s %s: not a %snumber", row->model, row->parameter,
		    row->required ? "positive " : "");
	else
		*row->value = v;
	*seen = true;
	return 0;
}

/* Read the rows of a model file; unknown rows are left to later
 * versions. */
static int
read_model(crm_input *in, struct model_row *row, bool *seen,
	   const char *path, crm_error *err)
{
	const crm_header *h = crm_input_header(in);
	crm_record rec;
	int rc;

	if (h->n != 3 || strcmp(h->name[0], "model") != 0 ||
	    strcmp(h->name[1], "parameter") != 0 ||
	    strcmp(h->name[2], "value") != 0)
		return crm_error_at(err, CRM_EXIT_DATA, path, 1,
		    "not a model file (its header is not "
		    "model,parameter,value)");
	while ((rc = crm_input_read(in, &rec, err)) > 0) {
		struct model_row *r = find_row(row, &rec);

		if (r != NULL && read_cell(r, &rec, &seen[r - row], path,
		    err) < 0)
			return -1;
	}
	return rc;
}

/* --model FILE: the parameters a --save-model run wrote. */
static void
load_model(const char *path, struct model *mo)
{
	crm_csv_config cc = { .delimiter = ',' };
	struct model_row row[MODEL_ROWS];
	bool seen[MODEL_ROWS] = { false };
	char *paths[1] = { (char *)path };
	crm_error err;
	crm_input *in = crm_input_open(paths, 1, &cc, false, &err);

	if (in == NULL)
		crm_die_error(&err);
	model_rows(mo, row);
	if (read_model(in, row, seen, path, &err) < 0)
		crm_die_error(&err);
	crm_input_close(in);
	for (size_t i = 0; i < MODEL_ROWS; i++)
		if (row[i].required && !seen[i])
			crm_die(CRM_EXIT_DATA, "%s: no %s %s", path,
			    row[i].model, row[i].parameter);
	if (!(mo->gg.q > 1))
		crm_die(CRM_EXIT_DATA, "%s: gamma_gamma q is %.15g, not > 1 "
		    "(no finite mean spend)", path, mo->gg.q);
}

/* ------------------------------------------------------------------ */

/* Fit both models to the values pass 1 collected.  Returns false when
 * there was no valid row (nothing to fit). */
static bool
fit_models(const crm_measure *m, double penalizer, bool verbose,
	   struct model *mo)
{
	crm_btyd_sample *s = crm_btyd_sample_new();
	crm_error err;

	for (size_t i = 0; i < m[0].values.n; i++)
		crm_btyd_sample_add(s, m[0].values.v[i], m[1].values.v[i],
		    m[2].values.v[i], m[3].values.v[i]);
	if (crm_btyd_sample_customers(s) == 0) {
		crm_btyd_sample_free(s);
		return false;
	}
	if (crm_btyd_bgnbd_fit(s, penalizer, &mo->bg, &mo->bg_fit,
	    &err) < 0 ||
	    crm_btyd_gg_fit(s, penalizer, &mo->gg, &mo->gg_fit, &err) < 0)
		crm_die_error(&err);
	if (verbose)
		crm_warn("BG/NBD: r %.6g, alpha %.6g, a %.6g, b %.6g, "
		    "log-likelihood %.10g; %.0f customers in %zu distinct "
		    "rows, %lu iterations; Gamma-Gamma: p %.6g, q %.6g, "
		    "v %.6g, log-likelihood %.10g, %.0f customers, %lu "
		    "iterations", mo->bg.r, mo->bg.alpha, mo->bg.a, mo->bg.b,
		    mo->bg_fit.ll, mo->bg_fit.customers,
		    crm_btyd_sample_rows(s), mo->bg_fit.iterations, mo->gg.p,
		    mo->gg.q, mo->gg.v, mo->gg_fit.ll, mo->gg_fit.customers,
		    mo->gg_fit.iterations);
	crm_btyd_sample_free(s);
	return true;
}

static const char *const new_columns[5] = {
	"p_alive", "churn", "expected_purchases", "expected_value", "clv"
};

/* A usage error if the input has a column clv appends already. */
static void
check_columns(const crm_tool *tool, crm_rows *rows)
{
	const crm_header *h = crm_rows_header(rows);

	for (size_t i = 0; i < 5; i++)
		if (!h->synthetic && crm_csv_header_find(h, new_columns[i],
		    strlen(new_columns[i])) != -1)
			crm_usage_error(tool, "the input has a column '%s' "
			    "already, which clv appends (drop or rename it "
			    "first)", new_columns[i]);
}

/* The five columns of one customer. */
static void
write_scores(crm_rows *rows, const struct model *mo, crm_btyd_scorer *sc,
	     const double *v)
{
	crm_btyd_scores s;
	double out[5];

	crm_btyd_score(sc, v[0], v[1], v[2], &s);
	out[0] = s.p_alive;
	out[1] = 1 - s.p_alive;
	out[2] = s.expected;
	out[3] = crm_btyd_spend(&mo->gg, v[0], v[3]);
	out[4] = out[3] * s.discounted;
	for (size_t i = 0; i < 5; i++)
		if (!isfinite(out[i]))
			crm_rows_fail(rows, "the model gives no finite %s for "
			    "this customer", new_columns[i]);
	for (size_t i = 0; i < 5; i++)
		crm_rows_num(rows, out[i]);
}

/* Check the options' combinations and values, read --model. */
static void
setup(const crm_tool *tool, struct config *cfg, struct model *mo,
      crm_btyd_horizon *h)
{
	static const char *const default_source[NMEASURES] = {
		"x", "t_x", "T", "m"
	};

	for (size_t i = 0; i < NMEASURES; i++)
		if (cfg->source[i] == NULL)
			cfg->source[i] = default_source[i];
	if (cfg->model != NULL && (cfg->save_model != NULL || cfg->summary ||
	    cfg->penalizer != NULL))
		crm_usage_error(tool, "--model scores with saved parameters: "
		    "--save-model, --summary and --penalizer need a fit");
	if (cfg->unit != NULL && unit_days(cfg->unit) == 0)
		crm_usage_error(tool, "--unit: '%s' is not day, week or month",
		    cfg->unit);
	mo->unit = cfg->unit != NULL ? cfg->unit : "week";
	if (cfg->model != NULL) {
		load_model(cfg->model, mo);
		/* the rate lambda per unit scales with the unit, alpha
		 * inversely */
		if (cfg->unit != NULL)
			mo->bg.alpha *= unit_days(mo->unit) /
			    unit_days(cfg->unit);
		if (cfg->unit != NULL)
			mo->unit = cfg->unit;
	}
	h->unit_days = unit_days(mo->unit);
}

/* The numeric options, in the input's decimal convention: after the
 * input is open (crm_rows_open). */
static void
setup_numbers(const crm_tool *tool, const struct config *cfg,
	      const crm_common *c, crm_btyd_horizon *h, double *penalizer)
{
	h->length = cfg->horizon == NULL ? 52 * 7 / h->unit_days :
	    crm_common_option_number(c, "--horizon", cfg->horizon, 0);
	if (h->length * h->unit_days > CRM_BTYD_HORIZON_MAX)
		crm_usage_error(tool, "--horizon: '%s' is more than 100 years",
		    cfg->horizon);
	h->rate = cfg->discount == NULL ? 0.1 :
	    crm_common_option_number(c, "--discount", cfg->discount, 0);
	*penalizer = cfg->penalizer == NULL ? 0 :
	    crm_common_option_number(c, "--penalizer", cfg->penalizer, 0);
}

int
main(int argc, char **argv)
{
	struct config cfg = { 0 };
	crm_tool tool = {
		.name = "clv", .synopsis = synopsis, .help = help,
		.options = options, .flags = CRM_TOOL_INVALID,
		.handle = handle, .ctx = &cfg,
	};
	struct model mo = { 0 };
	crm_measure m[NMEASURES];
	crm_common common;
	crm_btyd_horizon h;
	crm_btyd_scorer *sc;
	crm_rows *rows;
	const crm_record *rec;
	crm_row_status st;
	double v[NMEASURES], penalizer;
	bool fitted = true;

	crm_opts_parse(&tool, argc, argv, &common);
	setup(&tool, &cfg, &mo, &h);
	for (size_t i = 0; i < NMEASURES; i++)
		m[i] = (crm_measure){ .option = option_name[i],
		    .source = cfg.source[i], .collect = cfg.model == NULL };
	rows = crm_rows_open(&common, m, NMEASURES);
	setup_numbers(&tool, &cfg, &common, &h, &penalizer);
	crm_rows_check(rows, check_row, &cfg);
	if (!cfg.summary)
		check_columns(&tool, rows);
	if (cfg.model == NULL) {
		crm_rows_thresholds(rows);
		fitted = fit_models(m, penalizer, common.verbose, &mo);
		if (cfg.save_model != NULL && fitted)
			save_model(cfg.save_model, &mo);
		else if (cfg.save_model != NULL)
			crm_warn("no valid customer, no model: %s not written",
			    cfg.save_model);
	}
	if (cfg.summary) {
		/* the second pass writes --rejects and counts the rows */
		crm_rows_rejects_header(rows);
		while (crm_rows_next(rows, &rec, v) != CRM_ROW_END)
			continue;
		write_summary(rows, &mo, fitted);
		return crm_rows_close(rows);
	}
	crm_rows_write_header(rows, new_columns, NULL, 5);
	/* a fit holds every distinct customer already; streaming with
	 * --model stays within a few megabytes */
	sc = crm_btyd_scorer_new(&mo.bg, &h, cfg.model == NULL ? SIZE_MAX :
	    SCORER_STREAMING);
	while ((st = crm_rows_next(rows, &rec, v)) != CRM_ROW_END) {
		crm_rows_pass(rows, rec);
		if (st == CRM_ROW_VALID)
			write_scores(rows, &mo, sc, v);
		else
			for (size_t i = 0; i < 5; i++)
				crm_rows_empty(rows);
		crm_rows_end(rows);
	}
	crm_btyd_scorer_free(sc);
	return crm_rows_close(rows);
}
