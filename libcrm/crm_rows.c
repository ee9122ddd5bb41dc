#include "crm_rows.h"

#include "crm_input.h"
#include "crm_out.h"
#include "crm_sort.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct crm_rows {
	crm_common *c;
	crm_input *in;
	crm_out o;		/* output and --rejects */
	crm_writer *cur;	/* where records go: o.w, or the sort spool */
	crm_sort *sort;
	crm_measure *m;
	size_t nm;
	crm_rows_check_fn *check;	/* the tool's own rule, or NULL */
	void *check_ctx;
	int delimiter;
	bool collecting;	/* in pass 1 of a two-pass run */
	bool two_pass;
	/* Replay: pass 1 keeps every measure's value of every row, and
	 * pass 2 takes them from there instead of splitting the records
	 * again (see crm_rows_thresholds). */
	bool keep_all;		/* pass 1 keeps them */
	bool replay;		/* pass 2 uses them: no row was invalid */
	bool want_fields;	/* the tool reads fields in pass 2 */
	unsigned long first_rows;	/* records pass 1 read (with replay,
					 * all valid: each has its values) */
	crm_thresholds loaded;	/* --thresholds FILE */
	crm_thresholds saved;	/* for --save-thresholds FILE */
	crm_record rec;
	unsigned long rows;	/* of the last pass */
	double *visit_vals;	/* crm_rows_visit's, reachable when it fails */
	char why[CRM_ERR_MAX];
};

static _Noreturn void
die_error(const crm_error *err)
{
	crm_die_error(err);
}

static void
checked(crm_rows *r, int rc)
{
	if (rc < 0)
		crm_out_failed(r->cur, r->o.rejects);
}

/* --thresholds FILE: read it, and give each measure with a split the
 * threshold of its option as an absolute split. */
static void
load_thresholds(crm_rows *r, crm_common *c, crm_measure *m, size_t nm)
{
	crm_error err;

	crm_thresholds_init(&r->loaded, c->thresholds);
	if (crm_thresholds_read(&r->loaded, &err) < 0)
		die_error(&err);
	for (size_t i = 0; i < nm; i++) {
		const crm_threshold *row;

		if (m[i].split_option == NULL)
			continue;
		if (m[i].split_arg != NULL)
			crm_usage_error(c->tool, "--thresholds and %s exclude "
			    "each other", m[i].split_option);
		row = crm_thresholds_find(&r->loaded, c->tool->name,
		    m[i].split_option, NULL, &err);
		if (row == NULL)
			die_error(&err);
		else if (isnan(row->threshold))
			crm_die(CRM_EXIT_DATA, "%s:%lu: no threshold for %s "
			    "(the run that saved it had no valid row)",
			    r->loaded.path, row->line, m[i].split_option);
		else
			m[i].split = (crm_split){ CRM_SPLIT_ABSOLUTE,
			    row->threshold };
	}
}

static crm_rows *
open_rows(crm_common *c, crm_measure *m, size_t nm, bool two_pass)
{
	crm_rows *r = crm_xcalloc(1, sizeof *r);
	crm_error err;

	if (c->thresholds != NULL)
		load_thresholds(r, c, m, nm);
	if (c->save_thresholds != NULL)
		crm_thresholds_init(&r->saved, c->save_thresholds);
	for (size_t i = 0; i < nm; i++) {
		/* The kind of split decides the passes; its number is read
		 * again once the input's delimiter settled the convention. */
		if (c->thresholds == NULL && m[i].split_option != NULL &&
		    m[i].split_arg != NULL &&
		    crm_split_parse(m[i].split_arg, m[i].split_option,
		    false, &m[i].split, &err) < 0 &&
		    crm_split_parse(m[i].split_arg, m[i].split_option,
		    true, &m[i].split, &err) < 0)
			crm_usage_die(c->tool, &err);
		/* A mean needs a first pass for the sum, but no values. */
		if (m[i].split_option != NULL &&
		    crm_split_needs_values(&m[i].split))
			m[i].collect = true;
		two_pass |= m[i].collect || (m[i].split_option != NULL &&
		    crm_split_needs_data(&m[i].split));
	}

	r->c = c;
	r->m = m;
	r->nm = nm;
	r->two_pass = two_pass;
	r->in = crm_input_open(c->operands, c->noperands, &c->csv, two_pass,
	    &err);
	if (r->in == NULL)
		die_error(&err);
	r->delimiter = crm_input_delimiter(r->in);
	if (c->invalid == CRM_INVALID_SKIP)
		crm_input_keep_ragged(r->in);
	crm_common_settle_decimal(c, r->delimiter);
	for (size_t i = 0; i < nm; i++)
		if (m[i].split_option != NULL && m[i].split_arg != NULL &&
		    crm_split_parse(m[i].split_arg, m[i].split_option,
		    c->decimal_comma, &m[i].split, &err) < 0)
			crm_usage_die(c->tool, &err);
	/* Empty input is an empty table (SPEC 2): nothing to evaluate, so
	 * no column to find; the tool writes nothing and exits 0. */
	if (crm_input_header(r->in)->n == 0) {
		if (c->verbose)
			crm_warn("the input is empty");
		nm = 0;
	}
	for (size_t i = 0; i < nm; i++) {
		m[i].expr = crm_expr_compile(m[i].source,
		    crm_input_header(r->in), c->decimal_comma,
		    crm_input_text_unchecked(r->in) ? CRM_EXPR_CHECK_TEXT : 0,
		    &err);
		if (m[i].expr == NULL)
			die_error(&err);
		/* A date is no measure: its day number means nothing. */
		if (crm_expr_result_type(m[i].expr) == CRM_TYPE_DATE)
			crm_usage_error(c->tool, "measure '%s' is a date, not "
			    "a number\n  for its age in days write "
			    "days(%s, today())", m[i].source, m[i].source);
	}
	crm_out_open(&r->o, c, r->delimiter);
	r->cur = r->o.w;
	return r;
}

crm_rows *
crm_rows_open(crm_common *c, crm_measure *m, size_t nm)
{
	return open_rows(c, m, nm, false);
}

crm_rows *
crm_rows_open_visit(crm_common *c, crm_measure *m, size_t nm)
{
	return open_rows(c, m, nm, true);
}

static void
abort_outputs(crm_rows *r)
{
	crm_sort_free(r->sort);
	r->sort = NULL;
	crm_out_abort(&r->o);
}

const crm_header *
crm_rows_header(const crm_rows *r)
{
	return crm_input_header(r->in);
}

void
crm_rows_fail(crm_rows *r, const char *fmt, ...)
{
	char msg[CRM_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	crm_sort_free(r->sort);
	r->sort = NULL;
	crm_out_fail(&r->o, crm_input_name(r->in), r->rec.line, msg);
}

/*
 * Evaluate the measures m[0..nm) of rec into vals.  Returns 0, or -1 with
 * why (if not NULL) describing the first measure that failed.  Reads
 * only m and h: the second half's thread calls it too.
 */
static int
evaluate_on(const crm_measure *ms, size_t nm, crm_rows_check_fn *check,
	    void *ctx, const crm_header *h, const crm_record *rec,
	    double *vals, char *why, size_t cap)
{
	/* only under --invalid skip (crm_input_keep_ragged) */
	if (rec->n != h->n) {
		if (why != NULL)
			snprintf(why, cap, "expected %zu fields, found %zu",
			    h->n, rec->n);
		return -1;
	}
	for (size_t i = 0; i < nm; i++) {
		const crm_measure *m = &ms[i];
		crm_eval_note note;
		long col;

		if (crm_expr_eval_num(m->expr, rec, &vals[i], &note) < 0) {
			if (m->missing_ok && note.why != CRM_WHY_NOT_NUMBER &&
			    note.why != CRM_WHY_NOT_UTF8) {
				vals[i] = m->if_missing;
				continue;
			}
			if (why != NULL)
				crm_expr_describe(m->expr, h, &note, why, cap);
			return -1;
		}
		if (m->bounded && !(vals[i] >= m->min && vals[i] <= m->max)) {
			if (why == NULL)
				return -1;
			col = crm_expr_column(m->expr);
			if (col >= 0) {
				char shown[CRM_SHOW_BUF(200)];

				crm_show_data(shown, sizeof shown,
				    rec->f[col], rec->len[col], 200);
				snprintf(why, cap, "column '%s': \"%s\" %s",
				    h->name[col], shown, m->bound_text);
			}
			else
				snprintf(why, cap, "measure '%s': %.15g %s",
				    m->source, vals[i], m->bound_text);
			return -1;
		}
	}
	return check != NULL ? check(vals, ctx, why, cap) : 0;
}

static int
evaluate(crm_rows *r, double *vals)
{
	return evaluate_on(r->m, r->nm, r->check, r->check_ctx,
	    crm_input_header(r->in), &r->rec, vals, r->why, sizeof r->why);
}

void
crm_rows_check(crm_rows *r, crm_rows_check_fn *check, void *ctx)
{
	r->check = check;
	r->check_ctx = ctx;
}

static int
read_record(crm_rows *r)
{
	crm_error err;
	int rc = crm_input_read(r->in, &r->rec, &err);

	if (rc < 0) {
		abort_outputs(r);
		die_error(&err);
	}
	return rc;
}

/* What pass 1 gathers over (part of) the input: valid rows, the values
 * of measures that keep them, the sums of the others.  The second half
 * of a split input gathers in its own thread, touching nothing else
 * (not even crm_rows, whose fields the first thread writes). */
struct gather {
	const crm_measure *m;
	size_t nm;
	crm_rows_check_fn *check;
	void *check_ctx;
	const crm_header *h;
	bool fail;		/* --invalid fail */
	bool keep_all;		/* every measure keeps its values */
	bool replayable;	/* no invalid row, no BOM-like record start */
	crm_input_half half;		/* the second half's input and thread */
	crm_stats_vec *values;	/* per measure */
	double *sum;
	size_t valid;
	unsigned long records;	/* valid or not */
};

static void
gather_init(struct gather *g, const crm_rows *r)
{
	g->m = r->m;
	g->nm = r->nm;
	g->check = r->check;
	g->check_ctx = r->check_ctx;
	g->h = crm_input_header(r->in);
	g->fail = r->c->invalid == CRM_INVALID_FAIL;
	g->keep_all = r->keep_all;
	g->replayable = r->keep_all;
	g->values = crm_xcalloc(r->nm, sizeof *g->values);
	g->sum = crm_xcalloc(r->nm, sizeof *g->sum);
}

static void
gather_row(struct gather *g, const double *vals, const crm_record *rec)
{
	g->valid++;
	for (size_t i = 0; i < g->nm; i++) {
		g->sum[i] += vals[i];
		if (g->m[i].collect || g->keep_all)
			crm_stats_vec_push(&g->values[i], vals[i]);
	}
	/* crm_writer_record would split such a record at the start of an
	 * output (crm_writer.c, bom_at_start): it must not come unsplit */
	if (rec->rawlen >= 3 && memcmp(rec->raw, "\xEF\xBB\xBF", 3) == 0)
		g->replayable = false;
}

static void
gather_free(struct gather *g)
{
	for (size_t i = 0; g->values != NULL && i < g->nm; i++)
		crm_stats_vec_free(&g->values[i]);
	free(g->values);
	free(g->sum);
}

static void *
gather_half(void *arg)
{
	struct gather *g = arg;
	double *vals = crm_xcalloc(g->nm, sizeof *vals);
	crm_record rec;
	crm_error err;
	int rc;

	while ((rc = crm_input_read(g->half.in, &rec, &err)) > 0) {
		g->records++;
		if (evaluate_on(g->m, g->nm, g->check, g->check_ctx, g->h,
		    &rec, vals, NULL, 0) == 0) {
			gather_row(g, vals, &rec);
			continue;
		}
		g->replayable = false;
		if (g->fail)
			break;	/* the first half reports it */
	}
	g->half.ok = rc == 0;
	free(vals);
	return NULL;
}

/*
 * Whether pass 1 may read the input in two halves with the same result as
 * one pass: a measure that keeps its values gets its sum from them, in
 * input order, as one pass adds them; a mean split over values not kept
 * would add in another order.
 */
static bool
halves_exact(const crm_rows *r)
{
	for (size_t i = 0; i < r->nm; i++)
		if (!r->m[i].collect && !r->keep_all &&
		    r->m[i].split_option != NULL &&
		    r->m[i].split.kind == CRM_SPLIT_MEAN)
			return false;
	return true;
}

/* Pass 1 over what r's input gives until it ends, into g. */
static void
gather_first(crm_rows *r, struct gather *g, double *vals)
{
	while (read_record(r) > 0) {
		g->records++;
		if (evaluate(r, vals) == 0) {
			gather_row(g, vals, &r->rec);
			continue;
		}
		g->replayable = false;
		if (g->fail)
			crm_rows_fail(r, "%s", r->why);
	}
}

size_t
crm_rows_collect(crm_rows *r)
{
	double *vals = crm_xcalloc(r->nm, sizeof *vals);
	struct gather a = { 0 }, b = { 0 };
	bool split = false;
	crm_error err;

	gather_init(&a, r);
	if (halves_exact(r)) {
		gather_init(&b, r);
		split = crm_input_half_start(&b.half, r->in, gather_half, &b);
	}
	r->collecting = true;
	gather_first(r, &a, vals);
	if (split && crm_input_half_join(&b.half, r->in, true)) {
		a.valid += b.valid;
		a.records += b.records;
		a.replayable &= b.replayable;
		for (size_t i = 0; i < r->nm; i++) {
			a.sum[i] += b.sum[i];
			crm_stats_vec_move_append(&a.values[i], &b.values[i]);
		}
	} else if (split) {
		/* read the second half here, reporting what it met */
		gather_first(r, &a, vals);
	}
	for (size_t i = 0; i < r->nm; i++) {
		crm_measure *m = &r->m[i];

		m->values = a.values[i];
		a.values[i] = (crm_stats_vec){ NULL, 0, 0 };
		m->sum = a.sum[i];
		if (m->collect || r->keep_all) {
			/* in input order, as one pass adds */
			m->sum = 0;
			for (size_t k = 0; k < m->values.n; k++)
				m->sum += m->values.v[k];
		}
	}
	gather_free(&a);
	gather_free(&b);
	free(vals);
	r->collecting = false;
	r->first_rows = a.records;
	if (crm_input_rewind(r->in, &err) < 0)
		die_error(&err);
	if (r->keep_all && a.replayable) {
		r->replay = true;
		crm_input_frame_only(r->in);
	}
	return a.valid;
}

size_t
crm_rows_visit(crm_rows *r, crm_rows_visitor *visit, void *ctx)
{
	double *vals = crm_xcalloc(r->nm + 1, sizeof *vals);
	crm_error err;
	size_t valid = 0;

	r->visit_vals = vals;
	r->collecting = true;
	while (read_record(r) > 0) {
		r->first_rows++;
		if (evaluate(r, vals) == 0) {
			visit(ctx, r, &r->rec, vals);
			valid++;
		} else if (r->c->invalid == CRM_INVALID_FAIL)
			crm_rows_fail(r, "%s", r->why);
	}
	free(vals);
	r->visit_vals = NULL;
	r->collecting = false;
	if (crm_input_rewind(r->in, &err) < 0)
		die_error(&err);
	return valid;
}

/*
 * Whether pass 2 may take the values from pass 1: the tool uses records
 * only through crm_rows_pass (so the caller of crm_rows_thresholds), and
 * crm_writer_record writes them as raw bytes: output delimiter that of
 * the input, a header written first (no -H).  CRMKIT_REPLAY=0 turns it
 * off, to compare.
 */
static bool
replay_wanted(const crm_rows *r)
{
	crm_writer_config wc = crm_common_writer_config(r->c, r->delimiter);
	const char *env = getenv("CRMKIT_REPLAY");

	return r->two_pass && !r->c->csv.no_header && !r->want_fields &&
	    wc.delimiter == r->delimiter &&
	    !(env != NULL && strcmp(env, "0") == 0);
}

void
crm_rows_want_fields(crm_rows *r)
{
	r->want_fields = true;
}

void
crm_rows_thresholds(crm_rows *r)
{
	size_t n = 0;
	char name[64];

	r->keep_all = replay_wanted(r);
	if (r->two_pass)
		n = crm_rows_collect(r);
	for (size_t i = 0; i < r->nm; i++) {
		crm_measure *m = &r->m[i];

		if (m->split_option == NULL)
			continue;
		m->has_threshold = crm_split_resolve(&m->split, m->values.v,
		    n, m->sum, &m->threshold) == 0;
		crm_rows_save_threshold(r, m->split_option, m->source,
		    crm_split_name(&m->split, name, sizeof name),
		    m->has_threshold ? m->threshold : NAN);
		if (!r->replay)
			crm_stats_vec_free(&m->values);
		if (!r->c->verbose)
			continue;
		if (m->has_threshold)
			crm_warn("%s threshold %.15g (%s)", m->split_label,
			    m->threshold,
			    crm_split_name(&m->split, name, sizeof name));
		else
			crm_warn("%s threshold: none (no valid row)",
			    m->split_label);
	}
	if (r->replay && r->c->verbose)
		crm_warn("second pass: the values of the first, rows unsplit");
}

/* The usage error of crm_rows_write_header, outputs discarded first. */
static _Noreturn void
taken(crm_rows *r, const char *name, const char *rename, const char *what)
{
	abort_outputs(r);
	if (rename != NULL)
		crm_usage_error(r->c->tool, "%s a column '%s' already; name "
		    "the appended column with %s", what, name, rename);
	crm_usage_error(r->c->tool, "%s a column '%s' already, which %s "
	    "appends (drop or rename it first)", what, name,
	    r->c->tool->name);
}

double
crm_rows_loaded_threshold(crm_rows *r, const char *measure,
			  const char *split)
{
	crm_error err;
	const crm_threshold *row = crm_thresholds_find(&r->loaded,
	    r->c->tool->name, measure, split, &err);

	if (row != NULL && !isnan(row->threshold))
		return row->threshold;
	abort_outputs(r);
	if (row != NULL)
		crm_die(CRM_EXIT_DATA, "%s:%lu: no threshold for %s %s (the "
		    "run that saved it had no valid row)", r->loaded.path,
		    row->line, measure, split);
	die_error(&err);
}

bool
crm_rows_has_loaded(const crm_rows *r, const char *measure,
		    const char *split)
{
	crm_error err;

	return crm_thresholds_find(&r->loaded, r->c->tool->name, measure,
	    split, &err) != NULL;
}

void
crm_rows_save_threshold(crm_rows *r, const char *measure,
			const char *expression, const char *split,
			double threshold)
{
	if (r->c->save_thresholds != NULL)
		crm_thresholds_add(&r->saved, r->c->tool->name, measure,
		    expression, split, threshold);
}

void
crm_rows_write_header(crm_rows *r, const char *const *names,
		      const char *const *renames, size_t n)
{
	const crm_header *h = crm_input_header(r->in);

	if (r->c->csv.no_header || h->n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *rename = renames != NULL ? renames[i] : NULL;

		if (crm_csv_header_find(h, names[i], strlen(names[i])) != -1)
			taken(r, names[i], rename, "the input has");
		for (size_t j = 0; j < i; j++)
			if (strcmp(names[j], names[i]) == 0)
				taken(r, names[i], rename, "the output has");
	}
	checked(r, crm_writer_record(r->o.w, crm_input_header_record(r->in),
	    r->delimiter));
	for (size_t i = 0; i < n; i++)
		checked(r, crm_writer_field(r->o.w, names[i],
		    strlen(names[i])));
	checked(r, crm_writer_end(r->o.w));
	crm_out_rejects_header(&r->o, crm_input_header_record(r->in));
}

void
crm_rows_rejects_header(crm_rows *r)
{
	if (r->c->csv.no_header || crm_input_header(r->in)->n == 0)
		return;
	crm_out_rejects_header(&r->o, crm_input_header_record(r->in));
}

/* The second pass found more or fewer records than the first: the file
 * was changed in place, keeping its size and time (else crm_input would
 * have said so when opening it again). */
static _Noreturn void
changed(crm_rows *r)
{
	abort_outputs(r);
	crm_die(CRM_EXIT_IO, "%s: file changed since it was first read",
	    crm_input_name(r->in));
}

/* Pass 2 of a replay: the next record, framed only, with the values pass
 * 1 found for it. */
static crm_row_status
replay_next(crm_rows *r, const crm_record **rec, double *vals)
{
	bool more = read_record(r) > 0;

	if (more != (r->rows < r->first_rows))
		changed(r);
	if (!more)
		return CRM_ROW_END;
	for (size_t i = 0; i < r->nm; i++)
		vals[i] = r->m[i].values.v[r->rows];
	r->rows++;
	*rec = &r->rec;
	return CRM_ROW_VALID;
}

crm_row_status
crm_rows_next(crm_rows *r, const crm_record **rec, double *vals)
{
	if (r->replay)
		return replay_next(r, rec, vals);
	while (read_record(r) > 0) {
		r->rows++;
		if (r->two_pass && r->rows > r->first_rows)
			changed(r);
		*rec = &r->rec;
		if (evaluate(r, vals) == 0)
			return CRM_ROW_VALID;
		if (crm_rows_invalid(r, r->why))
			return CRM_ROW_INVALID;
	}
	if (r->two_pass && r->rows != r->first_rows)
		changed(r);
	return CRM_ROW_END;
}

bool
crm_rows_invalid(crm_rows *r, const char *why)
{
	if (r->c->invalid == CRM_INVALID_FAIL)
		crm_rows_fail(r, "%s", why);
	return crm_out_invalid(&r->o, crm_input_name(r->in), &r->rec, why);
}

void
crm_rows_pass(crm_rows *r, const crm_record *rec)
{
	checked(r, crm_writer_record(r->cur, rec, r->delimiter));
}

void
crm_rows_num(crm_rows *r, double v)
{
	checked(r, crm_writer_num(r->cur, v));
}

void
crm_rows_int(crm_rows *r, double v)
{
	checked(r, crm_writer_int(r->cur, v));
}

void
crm_rows_text(crm_rows *r, const char *s)
{
	checked(r, crm_writer_field(r->cur, s, strlen(s)));
}

void
crm_rows_empty(crm_rows *r)
{
	checked(r, crm_writer_empty(r->cur));
}

void
crm_rows_bytes(crm_rows *r, const void *data, size_t n)
{
	checked(r, crm_writer_bytes(r->cur, data, n));
}

void
crm_rows_texts(crm_rows *r, const char *const *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		crm_rows_text(r, s[i]);
	crm_rows_end(r);
}

void
crm_rows_count_share(crm_rows *r, unsigned long count, unsigned long total)
{
	crm_rows_int(r, (double)count);
	if (total > 0)
		crm_rows_num(r, (double)count / (double)total);
	else
		crm_rows_empty(r);
}

void
crm_rows_threshold(crm_rows *r, const crm_measure *m)
{
	if (m->has_threshold)
		crm_rows_num(r, m->threshold);
	else
		crm_rows_empty(r);
}

void
crm_rows_end(crm_rows *r)
{
	checked(r, crm_writer_end(r->cur));
}

void
crm_rows_sort(crm_rows *r, const crm_sort_part *key, size_t nparts)
{
	crm_writer_config wc = crm_common_writer_config(r->c, r->delimiter);
	crm_error err;

	if ((r->sort = crm_sort_open(&wc, key, nparts, &err)) == NULL)
		die_error(&err);
	r->cur = crm_sort_writer(r->sort);
}

void
crm_rows_key(crm_rows *r, const crm_sort_value *v)
{
	crm_error err;

	if (crm_sort_key(r->sort, v, &err) < 0)
		die_error(&err);
}

int
crm_rows_close(crm_rows *r)
{
	crm_error err;

	crm_out_report(&r->o);
	if (r->c->verbose)
		crm_warn("%lu rows read, %lu valid", r->rows,
		    r->rows - r->o.kept - r->o.skipped);
	/* The thresholds before the output: if they cannot be written,
	 * the run fails as a whole. */
	if (r->c->save_thresholds != NULL &&
	    crm_thresholds_write(&r->saved, &err) < 0) {
		abort_outputs(r);
		die_error(&err);
	}
	crm_thresholds_free(&r->saved);
	crm_thresholds_free(&r->loaded);
	if (r->o.rejects != NULL)
		crm_out_close_writer(r->o.rejects, r->o.w);
	r->o.rejects = NULL;
	if (r->sort != NULL) {
		r->cur = r->o.w;
		if (crm_sort_emit(r->sort, r->o.w, &err) < 0 &&
		    !crm_writer_broken_pipe(r->o.w)) {
			if (crm_writer_close(r->o.w, &err) < 0)
				die_error(&err);
			die_error(&err);
		}
		r->sort = NULL;
	}
	crm_out_close(&r->o);
	for (size_t i = 0; i < r->nm; i++) {
		crm_expr_free(r->m[i].expr);
		crm_stats_vec_free(&r->m[i].values);
	}
	crm_input_close(r->in);
	free(r);
	return CRM_EXIT_OK;
}
