/*
 * segment: segmentation of customers (seed 1.2.1) by needs, by rules,
 * by ABC analysis or into score bins.  See segment(1).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_classify.h"
#include "crm_deffile.h"
#include "crm_num.h"
#include "crm_opts.h"
#include "crm_rows.h"
#include "crm_rules.h"

enum { OPT_NEEDS = 256, OPT_TIE_MARGIN, OPT_RULE, OPT_RULES, OPT_DEFAULT,
       OPT_ABC, OPT_CUTS, OPT_BINS, OPT_REVERSE, OPT_METHOD };

static const struct option options[] = {
	{ "needs", required_argument, NULL, OPT_NEEDS },
	{ "tie-margin", required_argument, NULL, OPT_TIE_MARGIN },
	{ "rule", required_argument, NULL, OPT_RULE },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "default", required_argument, NULL, OPT_DEFAULT },
	{ "abc", required_argument, NULL, OPT_ABC },
	{ "cuts", required_argument, NULL, OPT_CUTS },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "reverse", no_argument, NULL, OPT_REVERSE },
	{ "method", required_argument, NULL, OPT_METHOD },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"segment --needs MEASURE,MEASURE,MEASURE [--tie-margin D]\n"
"    [options] [FILE ...]\n"
"segment --needs LABEL=MEASURE,LABEL=MEASURE[,...] [--tie-margin D]\n"
"    [options] [FILE ...]\n"
"segment --rule 'LABEL: CONDITION' ... [--rules FILE] [--default LABEL]\n"
"    [options] [FILE ...]\n"
"segment --abc MEASURE [--cuts A,B] [options] [FILE ...]\n"
"segment --bins MEASURE [-n N] [--reverse] [--method quantile|ntile]\n"
"    [options] [FILE ...]\n";

static const char help[] =
"Segment customers (seed 1.2.1) with one of four methods; appends the\n"
"column segment.\n"
"\n"
"      --needs M1,M2,M3      needs-based: the highest of the three scores\n"
"                            gives intrinsic, extrinsic or strategic\n"
"      --needs L=M,L=M,...   the same with your own labels (two or more)\n"
"      --tie-margin D        top two scores within D: mixed (default 0)\n"
"      --rule 'L: COND'      a rule (repeatable); the first that holds wins\n"
"      --rules FILE          rules from FILE, one a line, # comments\n"
"      --default LABEL       label of rows no rule matches\n"
"      --abc MEASURE         ABC analysis by the cumulative share of the\n"
"                            rows before each row, values descending\n"
"      --cuts A,B            ABC cuts in percent (default 80,95)\n"
"      --bins MEASURE        scores 1..N, N for the highest values\n"
"  -n N                      number of bins (default 5)\n"
"      --reverse             N for the lowest values (as for recency)\n"
"      --method M            quantile (default: type-7 cut points) or\n"
"                            ntile (equal counts, as SQL NTILE)\n";

enum method_id { M_NONE = 0, M_NEEDS, M_RULES, M_ABC, M_BINS };

/* A --rule argument or a --rules file, in command-line order. */
struct rule_src {
	bool file;
	const char *arg;
};

struct config {
	const char *needs, *abc, *bins;
	struct rule_src *src;
	size_t nsrc;
	const char *tie_margin, *cuts, *dflt, *n_arg, *method_arg;
	bool reverse;
	/* which method options were given, for conflict messages */
	bool given[5];
};

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;

	(void)err;
	switch (opt) {
	case OPT_NEEDS:
		cfg->needs = arg;
		cfg->given[M_NEEDS] = true;
		break;
	case OPT_TIE_MARGIN:
		cfg->tie_margin = arg;
		break;
	case OPT_RULE:
	case OPT_RULES:
		cfg->src = crm_xreallocarray(cfg->src, cfg->nsrc + 1,
		    sizeof *cfg->src);
		cfg->src[cfg->nsrc].file = opt == OPT_RULES;
		cfg->src[cfg->nsrc].arg = arg;
		cfg->nsrc++;
		cfg->given[M_RULES] = true;
		break;
	case OPT_DEFAULT:
		cfg->dflt = arg;
		break;
	case OPT_ABC:
		cfg->abc = arg;
		cfg->given[M_ABC] = true;
		break;
	case OPT_CUTS:
		cfg->cuts = arg;
		break;
	case OPT_BINS:
		cfg->bins = arg;
		cfg->given[M_BINS] = true;
		break;
	case 'n':
		cfg->n_arg = arg;
		break;
	case OPT_REVERSE:
		cfg->reverse = true;
		break;
	case OPT_METHOD:
		cfg->method_arg = arg;
		break;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* --needs */

struct needs {
	char *buf;
	size_t n;
	const char **label;
	char **measure;
	const char *mixed;
};

/*
 * The '=' that ends the LABEL of a LABEL=MEASURE item, or NULL when the
 * item is a plain measure: the first '=' before any of ( ) { } " < > !,
 * not followed by another '=' (so a==b and x<=y stay measures).
 */
static char *
label_end(char *item)
{
	for (char *p = item; *p != '\0'; p++) {
		if (*p == '=')
			return p[1] == '=' ? NULL : p;
		if (strchr("(){}\"<>!", *p) != NULL)
			return NULL;
	}
	return NULL;
}

static void
parse_needs(const crm_tool *tool, const char *arg, crm_lang lang,
	    struct needs *nd)
{
	static const char *const en[3] = {
		"intrinsic", "extrinsic", "strategic"
	};
	static const char *const de[3] = {
		"intrinsisch", "extrinsisch", "strategisch"
	};
	size_t max = strlen(arg) + 1, labelled = 0;
	char **item;

	nd->buf = crm_xstrdup(arg);
	item = crm_xcalloc(max, sizeof *item);
	nd->n = crm_opts_split_list(nd->buf, item, max);
	nd->label = crm_xcalloc(nd->n, sizeof *nd->label);
	nd->measure = crm_xcalloc(nd->n, sizeof *nd->measure);
	for (size_t i = 0; i < nd->n; i++) {
		char *eq = label_end(item[i]);

		if (eq != NULL) {
			*eq = '\0';
			nd->label[i] = crm_rules_trim(item[i]);
			nd->measure[i] = crm_rules_trim(eq + 1);
			labelled++;
			if (*nd->label[i] == '\0')
				crm_usage_error(tool, "--needs: item %zu has "
				    "an empty label", i + 1);
		} else {
			nd->measure[i] = crm_rules_trim(item[i]);
		}
		if (*nd->measure[i] == '\0')
			crm_usage_error(tool, "--needs: item %zu has no "
			    "measure", i + 1);
	}
	free(item);
	if (labelled > 0 && labelled < nd->n)
		crm_usage_error(tool, "--needs: give either three measures or "
		    "LABEL=MEASURE items, not both");
	if (labelled > 0) {
		if (nd->n < 2)
			crm_usage_error(tool, "--needs: give at least two "
			    "LABEL=MEASURE items");
		for (size_t i = 0; i < nd->n; i++)
			for (size_t j = 0; j < i; j++)
				if (strcmp(nd->label[i], nd->label[j]) == 0)
					crm_usage_error(tool, "--needs: label "
					    "'%s' is given twice",
					    nd->label[i]);
	} else {
		if (nd->n != 3)
			crm_usage_error(tool, "--needs: give three measures "
			    "(intrinsic, extrinsic, strategic) or "
			    "LABEL=MEASURE items, not %zu measure%s", nd->n,
			    nd->n == 1 ? "" : "s");
		for (size_t i = 0; i < 3; i++)
			nd->label[i] = lang == CRM_LANG_DE ? de[i] :
			    en[i];
	}
	nd->mixed = lang == CRM_LANG_DE ? "gemischt" : "mixed";
}

/* ------------------------------------------------------------------ */
/* --abc, --bins */

static size_t
parse_cuts(const crm_tool *tool, const char *arg, double *cut)
{
	char *buf = crm_xstrdup(arg), *item[CRM_CLASSIFY_MAX_CUTS];
	size_t n = crm_opts_split_list(buf, item, CRM_CLASSIFY_MAX_CUTS);

	if (n > CRM_CLASSIFY_MAX_CUTS)
		crm_usage_error(tool, "--cuts: at most %d cuts",
		    CRM_CLASSIFY_MAX_CUTS);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(item[i]);

		/* Percentages, written with '.' whatever --decimal-comma
		 * says (',' separates the cuts); "80%" is 80 too. */
		if (len > 0 && item[i][len - 1] == '%')
			len--;
		if (crm_num_parse(item[i], len, false, &cut[i]) !=
		    CRM_NUM_OK || !(cut[i] > 0 && cut[i] <= 100))
			crm_usage_error(tool, "--cuts: '%s' is not a "
			    "percentage above 0 and at most 100", arg);
		if (i > 0 && !(cut[i] > cut[i - 1]))
			crm_usage_error(tool, "--cuts: '%s' does not "
			    "increase", arg);
	}
	free(buf);
	return n;
}

static size_t
parse_nbins(const crm_tool *tool, const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || n < 1 ||
	    n > CRM_CLASSIFY_MAX_BINS)
		crm_usage_error(tool, "-n: '%s' is not a number of bins "
		    "from 1 to %d", arg, CRM_CLASSIFY_MAX_BINS);
	return (size_t)n;
}

static void
report(const crm_classifier *cl, enum method_id m, bool ntile)
{
	size_t k = crm_classify_classes(cl);
	char line[CRM_ERR_MAX];
	size_t len = 0;

	if (m == M_ABC) {
		crm_warn("ABC total %.15g", crm_classify_total(cl));
		for (size_t i = 0; i < k; i++)
			crm_warn("class %c: %zu row%s", (char)('A' + i),
			    crm_classify_size(cl, i),
			    crm_classify_size(cl, i) == 1 ? "" : "s");
		return;
	}
	if (!ntile && !isnan(crm_classify_cut(cl, 1))) {
		for (size_t i = 1; i < k && len < sizeof line - 40; i++)
			len += (size_t)snprintf(line + len, sizeof line - len,
			    "%s%.15g", i > 1 ? " " : "",
			    crm_classify_cut(cl, i));
		crm_warn("cut points %s", line);
	}
	for (size_t i = 0; i < k; i++)
		crm_warn("score %zu: %zu row%s", i + 1,
		    crm_classify_size(cl, i),
		    crm_classify_size(cl, i) == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* The methods */

/* Everything one call needs. */
struct seg {
	const crm_tool *tool;
	struct config cfg;
	crm_common common;
	crm_rows *rows;
	crm_measure *m;
	size_t nm;
	struct needs nd;
	crm_rules *rs;
	crm_classifier *cl;
	double cut[CRM_CLASSIFY_MAX_CUTS], margin;
	size_t ncut, nbins;
	bool ntile;
	char label[32];
	char why[CRM_ERR_MAX];	/* of an invalid row */
};

static void
needs_setup(struct seg *s)
{
	parse_needs(s->tool, s->cfg.needs, s->common.lang, &s->nd);
	s->nm = s->nd.n;
	s->m = crm_xcalloc(s->nm, sizeof *s->m);
	for (size_t i = 0; i < s->nm; i++) {
		s->m[i].option = "--needs";
		s->m[i].source = s->nd.measure[i];
	}
}

static const char *
needs_label(struct seg *s, const crm_record *rec, const double *vals)
{
	long best = crm_classify_argmax(vals, s->nm, s->margin);

	(void)rec;
	return best < 0 ? s->nd.mixed : s->nd.label[best];
}

/* The rules in command-line order. */
static void
rules_setup(struct seg *s)
{
	crm_error err;

	s->rs = crm_rules_new();
	for (size_t i = 0; i < s->cfg.nsrc; i++) {
		const struct rule_src *src = &s->cfg.src[i];

		if (src->file && crm_rules_read(s->rs, src->arg, &err) < 0)
			crm_die_error(&err);
		if (!src->file && crm_rules_add(s->rs, "--rule", src->arg,
		    &err) < 0)
			crm_usage_die(s->tool, &err);
	}
}

static void
rules_prepare(struct seg *s)
{
	crm_error err;

	if (crm_rules_compile(s->rs, crm_rows_header(s->rows),
	    s->common.decimal_comma, crm_csv_text_unchecked(&s->common.csv) ?
	    CRM_EXPR_CHECK_TEXT : 0, &err) < 0)
		crm_die_error(&err);
}

/* The first rule that holds wins, else --default; a condition that
 * cannot be decided makes the row invalid. */
static const char *
rules_label(struct seg *s, const crm_record *rec, const double *vals)
{
	long i = crm_rules_match(s->rs, rec, s->why, sizeof s->why);

	(void)vals;
	if (i >= 0)
		return crm_rules_label(s->rs, (size_t)i);
	return i == CRM_RULES_NONE ? s->cfg.dflt : NULL;
}

static void
abc_setup(struct seg *s)
{
	s->ncut = 2;
	s->cut[0] = 80;
	s->cut[1] = 95;
	if (s->cfg.cuts != NULL)
		s->ncut = parse_cuts(s->tool, s->cfg.cuts, s->cut);
	s->nm = 1;
	s->m = crm_xcalloc(1, sizeof *s->m);
	s->m[0] = (crm_measure){ .option = "--abc", .source = s->cfg.abc,
	    .bounded = true, .min = 0, .max = HUGE_VAL,
	    .bound_text = "is negative", .collect = true };
}

static const char *
abc_label(struct seg *s, const crm_record *rec, const double *vals)
{
	(void)rec;
	s->label[0] = (char)('A' + crm_classify_next(s->cl, vals[0]));
	s->label[1] = '\0';
	return s->label;
}

static void
bins_setup(struct seg *s)
{
	const char *method = s->cfg.method_arg;

	s->nbins = s->cfg.n_arg != NULL ? parse_nbins(s->tool,
	    s->cfg.n_arg) : 5;
	if (method != NULL) {
		if (strcmp(method, "ntile") == 0)
			s->ntile = true;
		else if (strcmp(method, "quantile") != 0)
			crm_usage_error(s->tool, "--method: '%s' is not "
			    "quantile or ntile", method);
	}
	if (s->ntile && (s->common.thresholds != NULL ||
	    s->common.save_thresholds != NULL))
		crm_usage_error(s->tool, "--method ntile has no cut points: "
		    "--thresholds and --save-thresholds need --method "
		    "quantile");
	s->nm = 1;
	s->m = crm_xcalloc(1, sizeof *s->m);
	/* With --thresholds the cut points are known: one pass. */
	s->m[0] = (crm_measure){ .option = "--bins", .source = s->cfg.bins,
	    .collect = s->common.thresholds == NULL };
}

/* --thresholds FILE: the cut points cut1 .. cutN-1 of a saved run, and
 * no cutN (a file of more bins than -n says). */
static crm_classifier *
loaded_bins(struct seg *s)
{
	double cut[CRM_CLASSIFY_MAX_BINS];
	char split[32];

	for (size_t k = 1; k < s->nbins; k++) {
		snprintf(split, sizeof split, "cut%zu", k);
		cut[k - 1] = crm_rows_loaded_threshold(s->rows, "--bins",
		    split);
		if (k > 1 && !(cut[k - 1] >= cut[k - 2]))
			crm_die(CRM_EXIT_DATA, "%s: the cut points of --bins "
			    "are not ascending at %s", s->common.thresholds,
			    split);
	}
	snprintf(split, sizeof split, "cut%zu", s->nbins);
	if (crm_rows_has_loaded(s->rows, "--bins", split))
		crm_die(CRM_EXIT_DATA, "%s: cut points of more than %zu bins "
		    "(-n %zu)", s->common.thresholds, s->nbins, s->nbins);
	return crm_classify_quantile_cuts(cut, s->nbins, s->cfg.reverse);
}

/* --save-thresholds FILE: the cut points of --bins (empty without a
 * valid row). */
static void
save_bins(struct seg *s)
{
	char split[32];

	for (size_t k = 1; k < s->nbins; k++) {
		snprintf(split, sizeof split, "cut%zu", k);
		crm_rows_save_threshold(s->rows, "--bins", s->cfg.bins, split,
		    crm_classify_cut(s->cl, k));
	}
}

static const char *
bins_label(struct seg *s, const crm_record *rec, const double *vals)
{
	(void)rec;
	snprintf(s->label, sizeof s->label, "%zu",
	    crm_classify_next(s->cl, vals[0]) + 1);
	return s->label;
}

/* ABC and bins: a first pass collects the values.  The classifier
 * keeps a few numbers per class; the values go before the second. */
static void
classify_prepare(struct seg *s)
{
	size_t n;
	double *v;
	bool abc = s->cfg.abc != NULL;

	if (!abc && s->common.thresholds != NULL) {
		s->cl = loaded_bins(s);
		return;
	}
	n = crm_rows_collect(s->rows);
	v = s->m[0].values.v;
	if (abc)
		s->cl = crm_classify_abc(v, n, s->cut, s->ncut);
	else if (s->ntile)
		s->cl = crm_classify_ntile(v, n, s->nbins, s->cfg.reverse);
	else
		s->cl = crm_classify_quantile(v, n, s->nbins,
		    s->cfg.reverse);
	crm_stats_vec_free(&s->m[0].values);
	if (!abc && !s->ntile)
		save_bins(s);
	if (s->common.verbose)
		report(s->cl, abc ? M_ABC : M_BINS, s->ntile);
}

/*
 * A method: setup parses its options and sets up the measures; prepare
 * (NULL: none) runs once the input is open; label gives a valid row's
 * segment, or NULL when the row is invalid (the reason in why).
 */
struct method {
	const char *option;	/* as named in messages */
	void (*setup)(struct seg *s);
	void (*prepare)(struct seg *s);
	const char *(*label)(struct seg *s, const crm_record *rec,
	    const double *vals);
};

static const struct method methods[] = {
	[M_NEEDS] = { "--needs", needs_setup, NULL, needs_label },
	[M_RULES] = { "--rule/--rules", rules_setup, rules_prepare,
	    rules_label },
	[M_ABC] = { "--abc", abc_setup, classify_prepare, abc_label },
	[M_BINS] = { "--bins", bins_setup, classify_prepare, bins_label },
};

/* Exactly one method; its own options only with it. */
static const struct method *
check_method(const crm_tool *tool, const struct config *cfg)
{
	enum method_id m = M_NONE;

	for (int i = M_NEEDS; i <= M_BINS; i++) {
		if (!cfg->given[i])
			continue;
		if (m != M_NONE)
			crm_usage_error(tool, "%s and %s exclude each other: "
			    "one method per call", methods[m].option,
			    methods[i].option);
		m = (enum method_id)i;
	}
	if (m == M_NONE)
		crm_usage_error(tool, "give a method: --needs, --rule, "
		    "--rules, --abc or --bins");
	if (cfg->tie_margin != NULL && m != M_NEEDS)
		crm_usage_error(tool, "--tie-margin applies only to --needs");
	if (cfg->dflt != NULL && m != M_RULES)
		crm_usage_error(tool,
		    "--default applies only to --rule and --rules");
	if (cfg->cuts != NULL && m != M_ABC)
		crm_usage_error(tool, "--cuts applies only to --abc");
	if (m != M_BINS) {
		const char *o = cfg->n_arg ? "-n" : cfg->reverse ?
		    "--reverse" : cfg->method_arg ? "--method" : NULL;

		if (o != NULL)
			crm_usage_error(tool, "%s applies only to --bins", o);
	}
	return &methods[m];
}

/* Write each row with its segment; an invalid row under --invalid keep
 * with an empty one. */
static void
segment_rows(struct seg *s, const struct method *mt)
{
	double *vals = crm_xcalloc(s->nm ? s->nm : 1, sizeof *vals);
	const crm_record *rec;
	crm_row_status st;

	while ((st = crm_rows_next(s->rows, &rec, vals)) != CRM_ROW_END) {
		const char *label = NULL;

		if (st == CRM_ROW_VALID &&
		    (label = mt->label(s, rec, vals)) == NULL &&
		    !crm_rows_invalid(s->rows, s->why))
			continue;	/* skipped */
		crm_rows_pass(s->rows, rec);
		if (label != NULL)
			crm_rows_text(s->rows, label);
		else
			crm_rows_empty(s->rows);
		crm_rows_end(s->rows);
	}
	free(vals);
}

int
main(int argc, char **argv)
{
	static struct seg s;
	crm_tool tool = {
		.name = "segment", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "n:",
		.flags = CRM_TOOL_INVALID | CRM_TOOL_THRESHOLDS,
		.column = "segment",
		.handle = handle, .ctx = &s.cfg,
	};
	const struct method *mt;
	int rc;

	s.tool = &tool;
	crm_opts_parse(&tool, argc, argv, &s.common);
	mt = check_method(&tool, &s.cfg);
	if (mt != &methods[M_BINS] && (s.common.thresholds != NULL ||
	    s.common.save_thresholds != NULL))
		crm_usage_error(&tool, "--thresholds and --save-thresholds "
		    "apply only to --bins");
	mt->setup(&s);
	s.rows = crm_rows_open(&s.common, s.m, s.nm);
	/* in the input's decimal convention, known now */
	if (s.cfg.tie_margin != NULL)
		s.margin = crm_common_option_number(&s.common, "--tie-margin",
		    s.cfg.tie_margin, 0);
	/* empty input: nothing to resolve (SPEC 2) */
	if (mt->prepare != NULL && crm_rows_header(s.rows)->n > 0)
		mt->prepare(&s);
	crm_rows_write_header(s.rows, (const char *[]){ s.common.column },
	    (const char *[]){ "-c NAME" }, 1);
	segment_rows(&s, mt);
	crm_classify_free(s.cl);
	crm_rules_free(s.rs);
	free(s.nd.buf);
	free(s.nd.label);
	free(s.nd.measure);
	free(s.cfg.src);
	rc = crm_rows_close(s.rows);
	free(s.m);
	return rc;
}
