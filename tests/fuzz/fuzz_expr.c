/*
 * fuzz_expr: the expression compiler and evaluator (crm_expr) on
 * arbitrary source text.
 *
 * Input: byte 0 picks the mode, the rest (up to the first NUL) is the
 * expression.
 *   bit 0  compile with CRM_EXPR_AGGREGATES (kpi)
 *   bit 1  --decimal-comma
 *   bit 2  -H: a synthetic header, columns {1}..{10}
 *   bit 3  aggregate results handed to the outer expression are missing
 *
 * Properties:
 *  - no crash, leak or undefined behaviour;
 *  - a failed compile gives a usage error (status 2); when its message
 *    shows the expression with a caret, the caret lies inside the
 *    expression or one past its end; a syntax error always has a caret;
 *  - a row-level expression compiled without aggregates has none, and
 *    evaluating it on the rows below allocates nothing, gives a finite
 *    number when it gives a number, and says why when it gives none;
 *    crm_expr_describe fits any buffer;
 *  - a date result formats as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS;
 *  - with aggregates, each aggregate's argument evaluates on the rows
 *    without allocating, quantile's p lies in [0,1], and the outer
 *    expression evaluates over any results.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "crm_csv.h"
#include "crm_expr.h"
#include "fuzz.h"

#define NCOL 10
#define NROW 4
/* Longer sources make messages that the 4096-byte error buffer cuts;
 * they are compiled, but their caret is not checked. */
#define CARET_CHECK_MAX 1500

static const char *const names[NCOL] = {
	"revenue", "target", "cost", "name", "a b", "x.y", "Ums\xC3\xA4tze",
	"dup", "dup", "visits"
};
static const char *const numbers[NCOL] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"
};
static const char *const rows[NROW][NCOL] = {
	{ "100", "80", "10", "Alice", "1,5", "2.000,5", "", "x", "y", "3" },
	{ "", "0", "-5", "12x", " 7 ", "1e308", "50%", "", "", "0" },
	{ "1e-300", "-0", "nan", "2026-03-15T06:00", "\"q\"", "inf", "1.234",
	  "a", "b", "-1" },
	{ "-1e308", "1e-320", "0x10", "\xFF\xFE", "1.5", "1,5", "1.2.2026", "z", "z",
	  "99999999999999999999" },
};

/* ------------------------------------------------------------------ */
/* Counting allocations while an expression is evaluated */

int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *)) __attribute__((weak));

static volatile int counting;
static volatile unsigned long allocations;

static void
on_malloc(const volatile void *p, size_t n)
{
	(void)p;
	(void)n;
	if (counting)
		allocations++;
}

static void
on_free(const volatile void *p)
{
	(void)p;
}

static void
hooks_once(void)
{
	static bool done;

	if (!done && __sanitizer_install_malloc_and_free_hooks != NULL)
		__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
	done = true;
}

/* ------------------------------------------------------------------ */

/* Touch every byte of a value's text (ASan checks it is readable). */
static unsigned
touch(const crm_value *v)
{
	unsigned sum = 0;

	FUZZ_CHECK(v->type >= CRM_VAL_MISSING && v->type <= CRM_VAL_DATE,
	    "value type %d", (int)v->type);
	if (v->type == CRM_VAL_NUM)
		FUZZ_CHECK(isfinite(v->num), "a non-finite number %g", v->num);
	if (v->type == CRM_VAL_DATE) {
		char buf[CRM_DATE_BUFSZ];
		size_t n = crm_expr_format_date(buf, v);

		FUZZ_CHECK(n == 10 || n == 19, "date text of %zu bytes", n);
	}
	if (v->len > 0) {
		FUZZ_CHECK(v->str != NULL, "text of %zu bytes at NULL",
		    v->len);
		for (size_t i = 0; i < v->len; i++)
			sum += (unsigned char)v->str[i];
	}
	return sum;
}

/* Number of characters (UTF-8 lead bytes) in s[0..n). */
static size_t
chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/*
 * A message with a caret holds "\n  SRC\n  " followed by spaces and '^',
 * SRC being the source with control bytes shown as spaces.  Returns
 * whether one was found; checks its column.
 */
static bool
check_caret(const char *msg, const char *src, size_t len)
{
	size_t plen = 2 * 3 + len;
	char *pat = malloc(plen + 1);
	const char *at = msg;
	bool found = false;

	FUZZ_CHECK(pat != NULL, "malloc");
	memcpy(pat, "\n  ", 3);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		pat[3 + i] = (char)(c < 0x20 || c == 0x7f ? ' ' : c);
	}
	memcpy(pat + 3 + len, "\n  ", 3);
	pat[plen] = '\0';
	while ((at = strstr(at, pat)) != NULL) {
		const char *q = at + plen;
		size_t col = 0;

		while (q[col] == ' ')
			col++;
		if (q[col] == '^') {
			found = true;
			if (col > chars(src, len)) {
				fuzz_dump("expression", src, len);
				fprintf(stderr, "  message: %s\n", msg);
				FUZZ_CHECK(0, "caret in column %zu of an "
				    "expression of %zu characters", col,
				    chars(src, len));
			}
			break;
		}
		at++;
	}
	free(pat);
	return found;
}

static void
eval_rows(const crm_expr *e, const crm_header *h, crm_record *recs)
{
	char small[16], big[CRM_ERR_MAX];
	unsigned sum = 0;

	for (int r = 0; r < NROW; r++) {
		crm_eval_note note;
		crm_value v;
		double x;
		int rc;

		allocations = 0;
		counting = 1;
		v = crm_expr_eval(e, &recs[r], &note);
		rc = crm_expr_eval_num(e, &recs[r], &x, &note);
		counting = 0;
		FUZZ_CHECK(allocations == 0, "%lu allocations evaluating '%s'",
		    allocations, crm_expr_source(e));
		sum += touch(&v);
		if (v.type == CRM_VAL_NUM)
			FUZZ_CHECK(rc == 0 && x == v.num, "eval_num %d, %g vs %g",
			    rc, x, v.num);
		if (rc == 0) {
			FUZZ_CHECK(isfinite(x), "non-finite %g", x);
			continue;
		}
		FUZZ_CHECK(note.why != CRM_WHY_NONE, "no reason for %d",
		    (int)v.type);
		FUZZ_CHECK(note.column >= -1 && note.column < (long)h->n,
		    "note column %ld", note.column);
		crm_expr_describe(e, h, &note, small, sizeof small);
		FUZZ_CHECK(strlen(small) < sizeof small, "describe overflow");
		crm_expr_describe(e, h, &note, big, sizeof big);
		FUZZ_CHECK(big[0] != '\0', "empty description");
	}
	(void)sum;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	bool dc, synthetic, missing;
	crm_header h;
	size_t lens[NCOL];
	crm_record recs[NROW];
	const char *f[NROW][NCOL];
	size_t flen[NROW][NCOL];
	char *src;
	crm_expr *e;
	crm_error err;
	size_t len;

	if (size < 1)
		return 0;
	hooks_once();
	flags = (data[0] & 1) ? CRM_EXPR_AGGREGATES : 0;
	dc = (data[0] & 2) != 0;
	synthetic = (data[0] & 4) != 0;
	missing = (data[0] & 8) != 0;

	h.n = NCOL;
	h.name = (char **)(synthetic ? numbers : names);
	h.synthetic = synthetic;
	for (size_t i = 0; i < NCOL; i++)
		lens[i] = strlen(h.name[i]);
	h.len = lens;
	for (int r = 0; r < NROW; r++) {
		for (int c = 0; c < NCOL; c++) {
			f[r][c] = rows[r][c];
			flen[r][c] = strlen(rows[r][c]);
		}
		recs[r].n = NCOL;
		recs[r].f = f[r];
		recs[r].len = flen[r];
		recs[r].raw = "";
		recs[r].rawlen = 0;
		recs[r].line = (unsigned long)r + 2;
	}

	/* the source is a C string: it ends at the first NUL */
	len = strnlen((const char *)data + 1, size - 1);
	src = malloc(len + 1);
	FUZZ_CHECK(src != NULL, "malloc");
	memcpy(src, data + 1, len);
	src[len] = '\0';

	e = crm_expr_compile(src, &h, dc, flags, &err);
	if (e == NULL) {
		FUZZ_CHECK(err.status == CRM_EXIT_USAGE, "status %d: %s",
		    err.status, err.msg);
		FUZZ_CHECK(strlen(err.msg) < sizeof err.msg, "message");
		if (len <= CARET_CHECK_MAX) {
			bool caret = check_caret(err.msg, src, len);

			if (strncmp(err.msg, "syntax error", 12) == 0 &&
			    !caret) {
				fuzz_dump("expression", src, len);
				FUZZ_CHECK(0, "syntax error without caret: %s",
				    err.msg);
			}
		}
		free(src);
		return 0;
	}
	FUZZ_CHECK(strcmp(crm_expr_source(e), src) == 0, "source");
	FUZZ_CHECK(crm_expr_column(e) >= -1 && crm_expr_column(e) < NCOL,
	    "column %ld", crm_expr_column(e));
	if (!(flags & CRM_EXPR_AGGREGATES)) {
		FUZZ_CHECK(crm_expr_agg_count(e) == 0, "aggregates in a row "
		    "expression");
		eval_rows(e, &h, recs);
	} else {
		size_t n = crm_expr_agg_count(e);
		crm_value *res = calloc(n ? n : 1, sizeof *res);
		crm_value v;

		FUZZ_CHECK(res != NULL, "calloc");
		for (size_t i = 0; i < n; i++) {
			const crm_expr *arg = crm_expr_agg_arg(e, i);
			crm_agg_kind k = crm_expr_agg_kind(e, i);

			FUZZ_CHECK(k >= CRM_AGG_COUNT_ROWS &&
			    k <= CRM_AGG_DISTINCT, "kind %d", (int)k);
			FUZZ_CHECK((arg == NULL) == (k == CRM_AGG_COUNT_ROWS),
			    "argument of aggregate %zu", i);
			if (k == CRM_AGG_QUANTILE) {
				double p = crm_expr_agg_param(e, i);

				FUZZ_CHECK(p >= 0 && p <= 1, "quantile p %g", p);
			}
			if (arg != NULL) {
				FUZZ_CHECK(crm_expr_agg_count(arg) == 0,
				    "an aggregate inside an aggregate");
				eval_rows(arg, &h, recs);
			}
			if (missing && i % 2 == 0) {
				res[i].type = CRM_VAL_MISSING;
			} else {
				res[i].type = CRM_VAL_NUM;
				res[i].num = (double)i * 1.5 - 2;
			}
		}
		allocations = 0;
		counting = 1;
		v = crm_expr_eval_final(e, res);
		counting = 0;
		FUZZ_CHECK(allocations == 0, "allocation in eval_final");
		touch(&v);
		free(res);
	}
	crm_expr_free(e);
	free(src);
	return 0;
}
