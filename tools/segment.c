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

enum method { M_NONE = 0, M_NEEDS, M_RULES, M_ABC, M_BINS };

/* A --rule argument or a --rules file, in command-line order. */
struct rule_src {
	bool file;
	const char *arg;
};

struct rule {
	char *label, *cond;
	const char *file;	/* NULL for --rule */
	unsigned long line;
	const char *arg;	/* the --rule argument */
	crm_expr *expr;
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

static const char *const method_names[5] = {
	"", "--needs", "--rule/--rules", "--abc", "--bins"
};

/* Exactly one method; its own options only with it. */
static enum method
check_method(const crm_tool *tool, const struct config *cfg)
{
	enum method m = M_NONE;

	for (int i = M_NEEDS; i <= M_BINS; i++) {
		if (!cfg->given[i])
			continue;
		if (m != M_NONE)
			crm_usage_error(tool, "%s and %s exclude each other: "
			    "one method per call", method_names[m],
			    method_names[i]);
		m = (enum method)i;
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
	return m;
}

/* Spaces and tabs off both ends, in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
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
			nd->label[i] = trim(item[i]);
			nd->measure[i] = trim(eq + 1);
			labelled++;
			if (*nd->label[i] == '\0')
				crm_usage_error(tool, "--needs: item %zu has "
				    "an empty label", i + 1);
		} else {
			nd->measure[i] = trim(item[i]);
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
/* --rule and --rules */

/* Parse "LABEL: CONDITION" (s is modified).  Returns -1 if malformed. */
static int
parse_rule(char *s, struct rule *r)
{
	char *colon = strchr(s, ':');

	if (colon == NULL)
		return -1;
	*colon = '\0';
	r->label = trim(s);
	r->cond = trim(colon + 1);
	if (*r->label == '\0' || *r->cond == '\0')
		return -1;
	return 0;
}

struct rules {
	struct rule *r;
	size_t n;
	char **bufs;		/* lines the rules point into */
	size_t nbufs;
};

static void
add_rule(struct rules *rs, const struct rule *r)
{
	rs->r = crm_xreallocarray(rs->r, rs->n + 1, sizeof *rs->r);
	rs->r[rs->n++] = *r;
}

static char *
keep_buf(struct rules *rs, char *buf)
{
	rs->bufs = crm_xreallocarray(rs->bufs, rs->nbufs + 1,
	    sizeof *rs->bufs);
	rs->bufs[rs->nbufs++] = buf;
	return buf;
}

static void
read_rules_file(const char *path, struct rules *rs)
{
	crm_error err;
	crm_deffile *f = crm_deffile_open(path, &err);
	struct rule r = { .file = path };
	size_t before = rs->n, len;
	char *s;
	int rc;

	if (f == NULL)
		crm_die_error(&err);
	while ((rc = crm_deffile_next(f, &s, &len, &r.line, &err)) > 0) {
		if (parse_rule(keep_buf(rs, crm_xmemdup(s, len)), &r) < 0) {
			crm_deffile_close(f);
			crm_die(CRM_EXIT_USAGE, "%s:%lu: malformed rule "
			    "(expected 'LABEL: CONDITION')", path, r.line);
		}
		add_rule(rs, &r);
	}
	crm_deffile_close(f);
	if (rc < 0)
		crm_die_error(&err);
	if (rs->n == before)
		crm_die(CRM_EXIT_USAGE, "%s: no rule in the file", path);
}

static void
load_rules(const crm_tool *tool, const struct config *cfg,
	   struct rules *rs)
{
	for (size_t i = 0; i < cfg->nsrc; i++) {
		struct rule r = { .arg = cfg->src[i].arg };

		if (cfg->src[i].file) {
			read_rules_file(cfg->src[i].arg, rs);
			continue;
		}
		if (parse_rule(keep_buf(rs, crm_xstrdup(cfg->src[i].arg)),
		    &r) < 0)
			crm_usage_error(tool, "--rule '%s': expected "
			    "'LABEL: CONDITION'", cfg->src[i].arg);
		add_rule(rs, &r);
	}
}

static void
compile_rules(struct rules *rs, const crm_header *h, bool decimal_comma)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct rule *r = &rs->r[i];
		crm_error err;

		r->expr = crm_expr_compile(r->cond, h, decimal_comma, 0, &err);
		if (r->expr != NULL)
			continue;
		if (r->file != NULL)
			crm_die(err.status, "%s:%lu: %s", r->file, r->line,
			    err.msg);
		crm_die(err.status, "--rule '%s': %s", r->arg, err.msg);
	}
}

static void
free_rules(struct rules *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		crm_expr_free(rs->r[i].expr);
	for (size_t i = 0; i < rs->nbufs; i++)
		free(rs->bufs[i]);
	free(rs->r);
	free(rs->bufs);
}

/*
 * Whether a condition holds: it is a number other than 0 (comparisons
 * and logic give 1 or 0; a missing value, or text, does not hold).
 * Returns -1 when the condition is invalid (arithmetic on a value that
 * is not a number), with the reason in why.
 */
static int
holds(const crm_expr *e, const crm_record *rec, const crm_header *h,
      char *why, size_t cap)
{
	crm_eval_note note;
	crm_value v = crm_expr_eval(e, rec, &note);

	if (v.type == CRM_VAL_INVALID) {
		crm_expr_describe(e, h, &note, why, cap);
		return -1;
	}
	return v.type == CRM_VAL_NUM && v.num != 0;
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
report(const crm_classifier *cl, enum method m, bool ntile)
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

int
main(int argc, char **argv)
{
	struct config cfg = { 0 };
	crm_tool tool = {
		.name = "segment", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "n:",
		.flags = CRM_TOOL_INVALID, .column = "segment",
		.handle = handle, .ctx = &cfg,
	};
	crm_common common;
	crm_rows *rows;
	crm_measure *m = NULL;
	size_t nm = 0, ncut = 2, nbins = 5;
	struct needs nd = { 0 };
	struct rules rs = { 0 };
	crm_classifier *cl = NULL;
	double cut[CRM_CLASSIFY_MAX_CUTS] = { 80, 95 }, margin = 0, *vals;
	bool ntile = false;
	const crm_record *rec;
	crm_row_status st;
	enum method method;
	char why[CRM_ERR_MAX];

	crm_opts_parse(&tool, argc, argv, &common);
	method = check_method(&tool, &cfg);
	switch (method) {
	case M_NEEDS:
		parse_needs(&tool, cfg.needs, common.lang, &nd);
		if (cfg.tie_margin != NULL && (crm_num_parse(cfg.tie_margin,
		    strlen(cfg.tie_margin), common.decimal_comma, &margin) !=
		    CRM_NUM_OK || margin < 0))
			crm_usage_error(&tool, "--tie-margin: '%s' is not a "
			    "number >= 0", cfg.tie_margin);
		nm = nd.n;
		m = crm_xcalloc(nm, sizeof *m);
		for (size_t i = 0; i < nm; i++) {
			m[i].option = "--needs";
			m[i].source = nd.measure[i];
		}
		break;
	case M_RULES:
		load_rules(&tool, &cfg, &rs);
		break;
	case M_ABC:
		if (cfg.cuts != NULL)
			ncut = parse_cuts(&tool, cfg.cuts, cut);
		nm = 1;
		m = crm_xcalloc(1, sizeof *m);
		m[0] = (crm_measure){ .option = "--abc", .source = cfg.abc,
		    .bounded = true, .min = 0, .max = HUGE_VAL,
		    .bound_text = "is negative", .collect = true };
		break;
	case M_BINS:
		if (cfg.n_arg != NULL)
			nbins = parse_nbins(&tool, cfg.n_arg);
		if (cfg.method_arg != NULL) {
			if (strcmp(cfg.method_arg, "ntile") == 0)
				ntile = true;
			else if (strcmp(cfg.method_arg, "quantile") != 0)
				crm_usage_error(&tool, "--method: '%s' is not "
				    "quantile or ntile", cfg.method_arg);
		}
		nm = 1;
		m = crm_xcalloc(1, sizeof *m);
		m[0] = (crm_measure){ .option = "--bins", .source = cfg.bins,
		    .collect = true };
		break;
	case M_NONE:
		break;
	}

	rows = crm_rows_open(&common, m, nm);
	if (method == M_RULES)
		compile_rules(&rs, crm_rows_header(rows),
		    common.decimal_comma);
	if (method == M_ABC || method == M_BINS) {
		size_t n = crm_rows_collect(rows);

		/* The classifier keeps a few numbers per class; the
		 * collected values go before the second pass. */
		if (method == M_ABC)
			cl = crm_classify_abc(m[0].values.v, n, cut, ncut);
		else if (ntile)
			cl = crm_classify_ntile(m[0].values.v, n, nbins,
			    cfg.reverse);
		else
			cl = crm_classify_quantile(m[0].values.v, n, nbins,
			    cfg.reverse);
		crm_stats_vec_free(&m[0].values);
		if (common.verbose)
			report(cl, method, ntile);
	}

	{
		const char *names[1] = { common.column };

		crm_rows_write_header(rows, names, 1);
	}
	vals = crm_xcalloc(nm ? nm : 1, sizeof *vals);
	while ((st = crm_rows_next(rows, &rec, vals)) != CRM_ROW_END) {
		char label[32];
		size_t k;
		long best;

		if (st == CRM_ROW_INVALID) {
			crm_rows_pass(rows, rec);
			crm_rows_empty(rows);
			crm_rows_end(rows);
			continue;
		}
		switch (method) {
		case M_NEEDS:
			best = crm_classify_argmax(vals, nm, margin);
			crm_rows_pass(rows, rec);
			crm_rows_text(rows, best < 0 ? nd.mixed :
			    nd.label[best]);
			break;
		case M_RULES: {
			const char *hit = NULL;
			int h = 0;

			/* The first rule that holds wins; a condition
			 * that cannot be decided makes the row invalid. */
			for (size_t i = 0; i < rs.n && h == 0; i++)
				if ((h = holds(rs.r[i].expr, rec,
				    crm_rows_header(rows), why,
				    sizeof why)) > 0)
					hit = rs.r[i].label;
			if (h == 0 && cfg.dflt != NULL)
				hit = cfg.dflt;
			else if (h == 0)
				snprintf(why, sizeof why, "no rule matches");
			if (hit == NULL && !crm_rows_invalid(rows, why))
				continue;	/* skipped */
			crm_rows_pass(rows, rec);
			if (hit != NULL)
				crm_rows_text(rows, hit);
			else
				crm_rows_empty(rows);
			break;
		}
		case M_ABC:
			k = crm_classify_next(cl, vals[0]);
			label[0] = (char)('A' + k);
			label[1] = '\0';
			crm_rows_pass(rows, rec);
			crm_rows_text(rows, label);
			break;
		case M_BINS:
			k = crm_classify_next(cl, vals[0]);
			snprintf(label, sizeof label, "%zu", k + 1);
			crm_rows_pass(rows, rec);
			crm_rows_text(rows, label);
			break;
		case M_NONE:
			break;
		}
		crm_rows_end(rows);
	}
	free(vals);
	crm_classify_free(cl);
	free_rules(&rs);
	free(nd.buf);
	free(nd.label);
	free(nd.measure);
	free(cfg.src);
	{
		int rc = crm_rows_close(rows);

		free(m);
		return rc;
	}
}
