/*
 * crm_expr: MEASURE expressions (SPEC 2, "Measures and expressions").
 *
 * An expression is compiled once against a header into a flat program;
 * evaluating it on a record allocates nothing.  Missing values behave
 * like SQL NULL.  With CRM_EXPR_AGGREGATES the aggregate functions of
 * kpi are allowed: the compiled expression then exposes each aggregate
 * call (its kind, its row-level argument) so that a caller accumulates
 * them per group, and evaluates the outer expression over their results.
 *
 * Value rules (details in crm_expr.c): arithmetic and numeric functions
 * on a STR or INVALID operand give INVALID (NOT_NUMBER), which wins over
 * a MISSING operand so that bad data is never hidden; otherwise a MISSING
 * operand gives MISSING.  Division or % by zero gives MISSING (DIV_ZERO),
 * sqrt/log outside their domain and non-finite results MISSING (DOMAIN).
 * Comparisons and and/or/not never give MISSING (a missing side is
 * false), but INVALID passes through them.  Notes travel with values, so
 * the note names the first cause in evaluation order of the value that
 * was returned (never one from an unselected if() branch).
 */
#ifndef CRM_EXPR_H
#define CRM_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_date.h"
#include "crm_diag.h"

typedef enum crm_valtype {
	CRM_VAL_MISSING = 0,	/* empty field, NULL arithmetic */
	CRM_VAL_NUM,		/* num is valid; str/len may hold its text */
	CRM_VAL_STR,		/* text that is not a number */
	CRM_VAL_INVALID,	/* a non-number used as a number */
	CRM_VAL_DATE		/* num: a crm_date's days, has_time */
} crm_valtype;

typedef struct crm_value {
	crm_valtype type;
	double num;
	const char *str;	/* text of a column value or string literal */
	size_t len;
	bool has_time;		/* DATE: it has a time of day */
} crm_value;

/*
 * Why an evaluation gave a missing or invalid result: the first column
 * whose value was empty or not a number, or a division by zero.
 */
typedef enum crm_why {
	CRM_WHY_NONE = 0,
	CRM_WHY_EMPTY,		/* column `column` is empty */
	CRM_WHY_NOT_NUMBER,	/* column `column` holds text */
	CRM_WHY_DIV_ZERO,	/* division (or %) by zero */
	CRM_WHY_DOMAIN,		/* sqrt/log of a value outside the domain */
	CRM_WHY_NOT_DATE,	/* date(column) of text that is no date */
	CRM_WHY_NOT_UTF8	/* column `column` compared as text is not
				 * UTF-8 (CRM_EXPR_CHECK_TEXT) */
} crm_why;

typedef struct crm_eval_note {
	crm_why why;
	long column;		/* header index, or -1 */
	const char *text;	/* the offending field text (NOT_NUMBER) */
	size_t len;
} crm_eval_note;

enum {
	CRM_EXPR_AGGREGATES = 1,	/* allow kpi aggregates */
	CRM_EXPR_CHECK_TEXT = 2	/* a column value compared as text (== <
				 * ... with a string), aggregate arguments
				 * included, must be valid UTF-8, else the
				 * comparison is INVALID (NOT_UTF8): for
				 * input whose text fields are not checked
				 * otherwise (crm_csv_text_unchecked) */
};

typedef struct crm_expr crm_expr;

/*
 * Static types, decided when an expression is compiled.  A column used
 * bare is UNKNOWN (a number or text, known per row, never a date); a
 * number, a comparison or a logical operator is NUMBER; a string literal
 * STRING; date(x), today(), date + n, date - n, and min/max/if/coalesce
 * over dates are DATE.  See crm_expr_impl.h for the rules that make a
 * wrong mix a compile-time usage error.
 */
typedef enum crm_expr_type {
	CRM_TYPE_UNKNOWN = 0,
	CRM_TYPE_NUMBER,
	CRM_TYPE_STRING,
	CRM_TYPE_DATE
} crm_expr_type;

/*
 * What date(x) and today() mean in expressions compiled from now on: the
 * --date-format pattern (NULL: the default forms) and the as-of date.
 * Each compiled expression keeps its own copy.  Until this is called,
 * the default forms and the current local date (read at the first
 * compile that needs it) are used.  Not thread-safe: call it before
 * compiling, as crm_opts_parse does.
 */
void crm_expr_set_dates(const crm_date_pattern *pat, crm_date as_of);

/*
 * Compile src against header h.  decimal_comma decides how column values
 * are read as numbers (literals in src always use '.').  Returns NULL with
 * err filled (status 2) on a syntax error (message shows src and a caret
 * under the offending byte), an unknown column (lists the columns and
 * suggests the nearest name), an ambiguous (duplicated) column, an unknown
 * function or wrong argument count, an aggregate where none is allowed,
 * or an aggregate inside an aggregate.
 */
crm_expr *crm_expr_compile(const char *src, const crm_header *h,
			   bool decimal_comma, unsigned flags,
			   crm_error *err);
void crm_expr_free(crm_expr *e);


/*
 * Rewrite the column references of src, i.e. bare names other than
 * function names and keywords, and {names}: map(name, len, ctx) returns
 * the column to refer to instead, or NULL to keep the reference as
 * written.  A new column is written bare where it can be (a {name} stays
 * in braces), else in braces.  Everything else is copied as written; src
 * need not be valid (compiling the result reports its errors).  Returns
 * a new string (free it).
 */
typedef const char *(*crm_expr_column_map)(const char *name, size_t len,
					   void *ctx);
char *crm_expr_map_columns(const char *src, crm_expr_column_map map,
			   void *ctx);

/* The source text as given. */
const char *crm_expr_source(const crm_expr *e);

/* The static type of e's value (of its outer expression for kpi). */
crm_expr_type crm_expr_result_type(const crm_expr *e);

/*
 * Write the text a tool prints for a DATE value: YYYY-MM-DD, or
 * YYYY-MM-DDTHH:MM:SS when it has a time of day (crm_date_format).  buf
 * holds at least CRM_DATE_BUFSZ bytes.  Returns the length; 0 (and "")
 * for a value that is no date.
 */
size_t crm_expr_format_date(char *buf, const crm_value *v);

/* If e is a bare column reference, its header index, else -1. */
long crm_expr_column(const crm_expr *e);

/*
 * Evaluate a row-level expression on rec.  The result's str (if any)
 * points into rec or into e.  When the result is MISSING or INVALID,
 * *note (if not NULL) says why; note->why is CRM_WHY_NONE otherwise.
 * Must not be called on an expression holding aggregates.
 */
crm_value crm_expr_eval(const crm_expr *e, const crm_record *rec,
			crm_eval_note *note);
/*
 * The same, stored into *out.  Faster in a loop: a crm_value returned by
 * value is copied through memory in wider moves than it was stored with,
 * which stalls the CPU's store forwarding on every call.
 */
void crm_expr_eval_into(const crm_expr *e, const crm_record *rec,
			crm_value *out, crm_eval_note *note);

/*
 * Convenience for measures: evaluate and require a number.  Returns 0
 * with *out set, or -1 with *note saying why (a STR result counts as
 * NOT_NUMBER of the expression when no column is to blame).
 */
int crm_expr_eval_num(const crm_expr *e, const crm_record *rec,
		      double *out, crm_eval_note *note);

/*
 * Describe a failed measure for messages, without file and line:
 *   column 'cost': "12x" is not a number
 *   column 'cost' is empty
 *   measure 'revenue/target': division by zero
 * Writes at most cap bytes into buf, NUL-terminated.
 */
void crm_expr_describe(const crm_expr *e, const crm_header *h,
		       const crm_eval_note *note, char *buf, size_t cap);

/* ------------------------------------------------------------------ */
/* Aggregates (only with CRM_EXPR_AGGREGATES) */

typedef enum crm_agg_kind {
	CRM_AGG_COUNT_ROWS,	/* count() */
	CRM_AGG_COUNT,		/* count(x): non-missing */
	CRM_AGG_COUNT_IF,	/* count_if(cond): rows where cond is true */
	CRM_AGG_SUM,
	CRM_AGG_MEAN,
	CRM_AGG_MIN,
	CRM_AGG_MAX,
	CRM_AGG_MEDIAN,
	CRM_AGG_QUANTILE,	/* quantile(x, p), type 7; p is a constant */
	CRM_AGG_STDDEV,		/* sample, n-1 */
	CRM_AGG_VAR,		/* sample, n-1 */
	CRM_AGG_DISTINCT	/* distinct non-empty values as written */
} crm_agg_kind;

/* Number of aggregate calls in e, in order of appearance in src. */
size_t crm_expr_agg_count(const crm_expr *e);
crm_agg_kind crm_expr_agg_kind(const crm_expr *e, size_t i);
/* The row-level argument of aggregate i (NULL for count()). */
const crm_expr *crm_expr_agg_arg(const crm_expr *e, size_t i);
/* Whether e is one counting aggregate and nothing else (count(),
 * count(x), count_if(c), distinct(x)): its result is always a whole
 * number, written without decimals whatever --precision says (kpi). */
bool crm_expr_is_count(const crm_expr *e);
/* The constant p of quantile(x, p), in [0, 1]. */
double crm_expr_agg_param(const crm_expr *e, size_t i);

/*
 * Evaluate the outer expression of e with aggregate i replaced by
 * results[i] (MISSING for an empty group).  Row-level column references
 * outside aggregates are a compile error, so no record is needed.
 */
crm_value crm_expr_eval_final(const crm_expr *e, const crm_value *results);

#endif
