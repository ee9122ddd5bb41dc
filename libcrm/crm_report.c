/*
 * crm_report: tables for people as text, Markdown and HTML.
 *
 * Every renderer sees a table twice: its sample first (crm_table keeps
 * it), to measure columns, then every row once as crm_table_next hands
 * them out, so memory stays that of the sample.  A text column's width
 * is its widest sample cell (at most max_width); a later, wider text
 * cell is cut to it, a wider number is written whole (a cut figure would
 * be a wrong figure) and pushes its row out of line.
 */
#include "crm_report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm_label.h"

#define OUT_BYTES 65536

struct crm_report {
	crm_writer *w;
	crm_report_config cfg;
	bool failed;		/* a write failed */
	bool first;		/* nothing written after the title yet */
	char *scratch;		/* a cell sanitised or escaped */
	size_t scap;
	size_t pend;		/* text: spaces owed before the next text */
	size_t nout;		/* bytes in out */
	char out[OUT_BYTES];	/* many small pieces, one writer call */
};

#define HEADER_MAX 256		/* bytes of a header shown */

/* ------------------------------------------------------------------ */
/* Output */

static void
flush(crm_report *r)
{
	if (!r->failed && r->nout > 0 &&
	    crm_writer_bytes(r->w, r->out, r->nout) < 0)
		r->failed = true;
	r->nout = 0;
}

static void
raw(crm_report *r, const char *s, size_t n)
{
	if (n > OUT_BYTES - r->nout)
		flush(r);
	if (n >= OUT_BYTES) {
		if (!r->failed && crm_writer_bytes(r->w, s, n) < 0)
			r->failed = true;
		return;
	}
	memcpy(r->out + r->nout, s, n);
	r->nout += n;
}

static void spaces(crm_report *r, size_t n);

/* Write s[0..n), after the spaces owed (text lines never end in
 * spaces: they are owed, and dropped at the line's end). */
static void
put(crm_report *r, const char *s, size_t n)
{
	size_t owed = r->pend;

	if (n == 0)
		return;
	r->pend = 0;
	spaces(r, owed);
	raw(r, s, n);
}

static void
puts_(crm_report *r, const char *s)
{
	put(r, s, strlen(s));
}

static void
putf(crm_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
putf(crm_report *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(r, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void
spaces(crm_report *r, size_t n)
{
	static const char sp[] = "                                ";

	for (; n > 0; n -= n < 32 ? n : 32)
		raw(r, sp, n < 32 ? n : 32);
}

/* Owe n spaces (text). */
static void
pad(crm_report *r, size_t n)
{
	r->pend += n;
}

/* End a text line, dropping the spaces owed. */
static void
eol(crm_report *r)
{
	r->pend = 0;
	put(r, "\n", 1);
}

static void
repeat(crm_report *r, const char *s, size_t n)
{
	while (n-- > 0)
		puts_(r, s);
}

static char *
scratch(crm_report *r, size_t n)
{
	if (n > r->scap) {
		r->scap = n * 2;
		r->scratch = crm_xrealloc(r->scratch, r->scap);
	}
	return r->scratch;
}

/* ------------------------------------------------------------------ */
/* Shared with crm_xlsx */

int
crm_report_format_parse(const char *name, crm_report_format *f,
			crm_error *err)
{
	static const struct { const char *name; crm_report_format f; } fm[] = {
		{ "text", CRM_REPORT_TEXT }, { "md", CRM_REPORT_MD },
		{ "markdown", CRM_REPORT_MD }, { "html", CRM_REPORT_HTML },
		{ "xlsx", CRM_REPORT_XLSX },
	};

	for (size_t i = 0; i < sizeof fm / sizeof fm[0]; i++)
		if (strcmp(name, fm[i].name) == 0) {
			*f = fm[i].f;
			return 0;
		}
	return crm_error_set(err, CRM_EXIT_USAGE,
	    "--format: '%s' is not text, md, html or xlsx", name);
}

int
crm_report_format_of_path(const char *path)
{
	static const struct { const char *ext; int f; } ex[] = {
		{ ".txt", CRM_REPORT_TEXT }, { ".md", CRM_REPORT_MD },
		{ ".html", CRM_REPORT_HTML }, { ".htm", CRM_REPORT_HTML },
		{ ".xlsx", CRM_REPORT_XLSX },
	};
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;

	for (size_t i = 0; dot != NULL && i < sizeof ex / sizeof ex[0]; i++)
		if (strcmp(dot, ex[i].ext) == 0)
			return ex[i].f;
	return -1;
}

void
crm_report_numfmt(crm_human_fmt *f, bool german, const crm_table_column *col)
{
	crm_human_fmt_init(f, german);
	f->decimals = col->decimals;
	if (col->plain)
		f->group = 0;
}

const char *
crm_report_cell(const crm_table_column *col, const crm_table_cell *c,
		bool german, char *buf, size_t *len)
{
	const char *total;
	crm_human_fmt f;

	if (c->is_num) {
		crm_report_numfmt(&f, german, col);
		*len = col->percent ? crm_human_percent(buf, c->num, &f) :
		    crm_human_number(buf, c->num, &f);
		return buf;
	}
	if (german && col->type == CRM_TABLE_DATE &&
	    crm_table_date(c->s, c->len, NULL)) {
		/* 2026-12-04 is 04.12.2026 in German */
		*len = (size_t)snprintf(buf, CRM_HUMAN_BUFSZ, "%.2s.%.2s.%.4s",
		    c->s + 8, c->s + 5, c->s);
		return buf;
	}
	if ((total = crm_label_total(c->s, c->len, german)) != NULL) {
		*len = strlen(total);
		return total;
	}
	*len = c->len;
	return c->s;
}

const char *
crm_report_left_out(char *buf, unsigned long n, bool german,
		    const char *head_option)
{
	char num[CRM_HUMAN_BUFSZ];
	crm_human_fmt f;

	crm_human_fmt_init(&f, german);
	crm_human_number(num, (double)n, &f);
	snprintf(buf, 256, german ? "%s und %s weitere Zeile%s (%s)" :
	    "%s and %s more row%s (%s)", CRM_HUMAN_ELLIPSIS, num,
	    n == 1 ? "" : german ? "n" : "s", head_option);
	return buf;
}

const char *
crm_report_as_of(char *buf, const char *as_of, bool german)
{
	static const char *const en[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	static const char *const de[] = { "Januar", "Februar", "M\xc3\xa4rz",
		"April", "Mai", "Juni", "Juli", "August", "September",
		"Oktober", "November", "Dezember" };
	int m, d;

	if (as_of == NULL || !crm_table_date(as_of, strlen(as_of), NULL)) {
		snprintf(buf, 64, "%s", as_of != NULL ? as_of : "");
		return buf;
	}
	m = (as_of[5] - '0') * 10 + as_of[6] - '0';
	d = (as_of[8] - '0') * 10 + as_of[9] - '0';
	if (german)
		snprintf(buf, 64, "Stand: %d. %s %.4s", d, de[m - 1], as_of);
	else
		snprintf(buf, 64, "As of %d %s %.4s", d, en[m - 1], as_of);
	return buf;
}

/* The header of column i as shown. */
static const char *
header_of(const crm_report *r, const crm_table_column *col, char *buf)
{
	return crm_label_header(col->name, col->len, r->cfg.german, buf,
	    HEADER_MAX);
}

const char *
crm_report_header(const crm_table_column *col, bool german, char *buf,
		  size_t size)
{
	const char *h = crm_label_header(col->name, col->len, german, buf,
	    size);

	if (h != buf)
		return h;
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}

bool
crm_report_total_row(const crm_table *t, const crm_table_cell *cells)
{
	for (size_t i = 0; i < crm_table_ncols(t); i++)
		if (crm_label_total(cells[i].s, cells[i].len, false) != NULL)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Text */

/* s[0..len) with control bytes as spaces (a line break in a cell would
 * break the table), in the scratch buffer when it had any. */
static const char *
one_line(crm_report *r, const char *s, size_t len)
{
	char *o;
	size_t i;

	for (i = 0; i < len && (unsigned char)s[i] >= 0x20 && s[i] != 0x7f;
	    i++)
		;
	if (i == len)
		return s;
	o = scratch(r, len + 1);
	for (i = 0; i < len; i++)
		o[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	return o;
}

/* One padded cell; a text cell is cut to width with an ellipsis. */
static void
text_cell(crm_report *r, const char *s, size_t len, size_t width,
	  bool right, bool cut, bool last)
{
	size_t n = len, shown;
	bool ell = false;

	s = one_line(r, s, len);
	if (cut)
		n = crm_human_cut(s, len, width, &ell, &shown);
	else
		shown = crm_human_width(s, len);
	if (right && shown < width)
		pad(r, width - shown);
	put(r, s, n);
	if (ell)
		puts_(r, CRM_HUMAN_ELLIPSIS);
	if (!right && !last && shown < width)
		pad(r, width - shown);
}

static size_t
capped(size_t w, size_t max)
{
	return max > 0 && w > max ? max : w;
}

static const char *md_escape(crm_report *r, const char *s, size_t len,
			     size_t *outlen);

/* Widths of the columns: the widest of header and sample cells (as
 * Markdown source, escapes included, for md). */
static size_t *
measure(crm_report *r, const crm_table *t, bool md)
{
	size_t nc = crm_table_ncols(t), *w = crm_xcalloc(nc + 1, sizeof *w);
	char hb[HEADER_MAX], buf[CRM_HUMAN_BUFSZ];

	for (size_t i = 0; i < nc; i++) {
		const crm_table_column *col = crm_table_col(t, i);
		const char *h = header_of(r, col, hb);
		size_t hl = strlen(h);

		if (md)
			h = md_escape(r, h, hl, &hl);
		w[i] = capped(crm_human_width(h, hl), r->cfg.max_width);
		for (size_t k = 0; k < crm_table_nsample(t); k++) {
			const crm_table_cell *c = crm_table_sample(t, k) + i;
			size_t len, cw;
			const char *s = crm_report_cell(col, c,
			    r->cfg.german, buf, &len);

			s = md ? md_escape(r, s, len, &len) :
			    one_line(r, s, len);
			cw = crm_human_width(s, len);
			if (col->type == CRM_TABLE_TEXT)
				cw = capped(cw, r->cfg.max_width);
			if (cw > w[i])
				w[i] = cw;
		}
		if (md && w[i] < 3)
			w[i] = 3;	/* room for the alignment row's --- */
	}
	return w;
}

static void
text_rule(crm_report *r, const size_t *w, size_t nc)
{
	for (size_t i = 0; i < nc; i++) {
		if (i > 0)
			pad(r, 2);
		repeat(r, "\xe2\x94\x80", w[i]);	/* U+2500 */
	}
	eol(r);
}

static void
text_header(crm_report *r, const crm_table *t, const size_t *w)
{
	size_t nc = crm_table_ncols(t);
	char hb[HEADER_MAX];

	for (size_t i = 0; i < nc; i++) {
		const crm_table_column *col = crm_table_col(t, i);
		const char *h = header_of(r, col, hb);

		if (i > 0)
			pad(r, 2);
		text_cell(r, h, strlen(h), w[i], col->type == CRM_TABLE_NUMBER,
		    true, i + 1 == nc);
	}
	eol(r);
	text_rule(r, w, nc);
}

static int
text_table(crm_report *r, crm_table *t, crm_error *err)
{
	size_t nc = crm_table_ncols(t), *w = measure(r, t, false);
	const crm_table_cell *cells;
	char buf[CRM_HUMAN_BUFSZ];
	int rc;

	if (!crm_table_synthetic(t) && nc > 0)
		text_header(r, t, w);
	while ((rc = crm_table_next(t, &cells, err)) == 1) {
		if (crm_report_total_row(t, cells))
			text_rule(r, w, nc);
		for (size_t i = 0; i < nc; i++) {
			const crm_table_column *col = crm_table_col(t, i);
			size_t len;
			const char *s = crm_report_cell(col, &cells[i],
			    r->cfg.german, buf, &len);

			if (i > 0)
				pad(r, 2);
			text_cell(r, s, len, w[i],
			    col->type == CRM_TABLE_NUMBER,
			    col->type == CRM_TABLE_TEXT, i + 1 == nc);
		}
		if (nc > 0)
			eol(r);
	}
	free(w);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Markdown */

static bool
word_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

/* Characters Markdown would read as markup inside a table cell. */
static bool
md_special(const char *s, size_t i, size_t len)
{
	switch (s[i]) {
	case '\\': case '|': case '`': case '*': case '<': case '>':
	case '[': case ']': case '~':
		return true;
	case '_':
		/* Inside a word (customer_id) it is no emphasis. */
		return i == 0 || i + 1 == len ||
		    !word_byte(s[i - 1]) || !word_byte(s[i + 1]);
	default:
		return false;
	}
}

/* s[0..len) as Markdown table cell source: markup characters escaped
 * with a backslash, control bytes as spaces; in the scratch buffer. */
static const char *
md_escape(crm_report *r, const char *s, size_t len, size_t *outlen)
{
	char *o = scratch(r, 2 * len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (md_special(s, i, len))
			o[n++] = '\\';
		o[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	*outlen = n;
	return o;
}

/* One Markdown cell: "| " text padded to width.  Text cells are cut to
 * max_width before escaping, so an escape is never cut in half. */
/* Text of a Markdown heading, escaped. */
static void
md_text(crm_report *r, const char *s)
{
	size_t n;

	s = md_escape(r, s, strlen(s), &n);
	put(r, s, n);
}

static void
md_cell(crm_report *r, const char *s, size_t len, size_t width, bool right,
	bool cut)
{
	size_t n = len, shown;
	bool ell = false;

	/* No character is wider than its bytes: a short cell fits. */
	if (cut && r->cfg.max_width > 0 && len > r->cfg.max_width)
		n = crm_human_cut(s, len, r->cfg.max_width, &ell, NULL);
	s = md_escape(r, s, n, &n);
	shown = crm_human_width(s, n) + ell;
	puts_(r, "| ");
	if (right && shown < width)
		spaces(r, width - shown);
	put(r, s, n);
	if (ell)
		puts_(r, CRM_HUMAN_ELLIPSIS);
	if (!right && shown < width)
		spaces(r, width - shown);
	puts_(r, " ");
}

static void
md_header(crm_report *r, const crm_table *t, const size_t *w)
{
	size_t nc = crm_table_ncols(t);
	char hb[HEADER_MAX], num[32];

	for (size_t i = 0; i < nc; i++) {
		const crm_table_column *col = crm_table_col(t, i);
		const char *h = header_of(r, col, hb);

		/* Without a header (-H) Markdown still needs one: the
		 * column numbers. */
		if (crm_table_synthetic(t)) {
			snprintf(num, sizeof num, "%zu", i + 1);
			h = num;
		}
		md_cell(r, h, strlen(h), w[i], col->type == CRM_TABLE_NUMBER,
		    true);
	}
	puts_(r, "|\n");
	for (size_t i = 0; i < nc; i++) {
		bool right = crm_table_col(t, i)->type == CRM_TABLE_NUMBER;

		puts_(r, right ? "| " : "| :");
		repeat(r, "-", w[i] - 1);
		puts_(r, right ? ": " : " ");
	}
	puts_(r, "|\n");
}

static int
md_table(crm_report *r, crm_table *t, crm_error *err)
{
	size_t nc = crm_table_ncols(t), *w = measure(r, t, true);
	const crm_table_cell *cells;
	char buf[CRM_HUMAN_BUFSZ];
	int rc;

	if (nc > 0)
		md_header(r, t, w);
	while ((rc = crm_table_next(t, &cells, err)) == 1) {
		for (size_t i = 0; i < nc; i++) {
			const crm_table_column *col = crm_table_col(t, i);
			size_t len;
			const char *s = crm_report_cell(col, &cells[i],
			    r->cfg.german, buf, &len);

			md_cell(r, s, len, w[i], col->type == CRM_TABLE_NUMBER,
			    col->type == CRM_TABLE_TEXT);
		}
		if (nc > 0)
			puts_(r, "|\n");
	}
	free(w);
	return rc;
}

/* ------------------------------------------------------------------ */
/* HTML */

/* Print-friendly: black on white, tabular figures, rules rather than
 * shades (a grey band may vanish on paper), the header row repeated on
 * every printed page, A4 landscape for wide steering tables. */
static const char html_css[] =
":root{color-scheme:light}\n"
"body{margin:2rem auto;max-width:1400px;padding:0 1.5rem;"
"font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;"
"color:#1d2329;background:#fff}\n"
"h1{font-size:1.6rem;line-height:1.25;margin:0 0 .25rem;font-weight:650}\n"
".asof{margin:0 0 1.75rem;color:#4d5863}\n"
"h2{font-size:1.15rem;margin:2.25rem 0 .6rem;font-weight:600}\n"
".scroll{overflow-x:auto}\n"
"table{border-collapse:collapse;font-variant-numeric:tabular-nums lining-nums}\n"
"th,td{padding:.35rem .6rem;vertical-align:top}\n"
"thead th{text-align:left;font-weight:600;vertical-align:bottom;"
"border-bottom:2px solid #1d2329;line-height:1.25}\n"
"th.n,td.n{text-align:right}\n"
"td.neg{color:#b3261e}\n"
"td{white-space:nowrap}\n"
"td.w{white-space:normal;min-width:12rem;max-width:28rem;"
"overflow-wrap:break-word}\n"
"tbody td{border-bottom:1px solid #e1e5e9}\n"
"tbody tr:nth-child(even){background:#f4f6f8}\n"
"tr.total td{font-weight:650;border-top:2px solid #1d2329;"
"border-bottom:none;background:#fff}\n"
".note,.empty{color:#4d5863;font-size:.9rem;margin:.6rem 0 0}\n"
"figure{margin:1rem 0 2rem}\n"
"figure svg{max-width:100%;height:auto}\n"
"footer{margin-top:2.5rem;color:#6b7680;font-size:.8rem}\n"
"@media print{\n"
"@page{size:A4 landscape;margin:12mm}\n"
"body{margin:0;max-width:none;padding:0;font-size:9pt;color:#000}\n"
".asof,.note,.empty,footer{color:#000}\n"
".scroll{overflow:visible}\n"
"thead{display:table-header-group}\n"
"tr,figure{break-inside:avoid}\n"
"h2{break-after:avoid}\n"
"thead th,tr.total td{border-color:#000}\n"
"tbody td{border-bottom:1px solid #999}\n"
"tbody tr:nth-child(even){background:none}\n"
"}\n";

/* s[0..len) HTML-escaped; control bytes other than TAB, LF and CR (not
 * allowed in HTML text) as spaces. */
static void
html_text(crm_report *r, const char *s, size_t len)
{
	size_t from = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' &&
			    c != '\r') || c == 0x7f)
				rep = " ";
		}
		if (rep == NULL)
			continue;
		put(r, s + from, i - from);
		puts_(r, rep);
		from = i + 1;
	}
	put(r, s + from, len - from);
}

static void
html_begin(crm_report *r)
{
	char date[64];
	const char *title = r->cfg.title != NULL ? r->cfg.title :
	    r->cfg.german ? "Bericht" : "Report";

	crm_report_as_of(date, r->cfg.as_of, r->cfg.german);
	putf(r, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"crmkit report\">\n<title>",
	    r->cfg.german ? "de" : "en");
	html_text(r, title, strlen(title));
	puts_(r, " \xe2\x80\x94 ");	/* em dash */
	html_text(r, date, strlen(date));
	puts_(r, "</title>\n<style>\n");
	puts_(r, html_css);
	puts_(r, "</style>\n</head>\n<body>\n<header>\n<h1>");
	html_text(r, title, strlen(title));
	puts_(r, "</h1>\n<p class=\"asof\"><time datetime=\"");
	html_text(r, r->cfg.as_of, strlen(r->cfg.as_of));
	puts_(r, "\">");
	html_text(r, date, strlen(date));
	puts_(r, "</time></p>\n</header>\n<main>\n");
}

/* Text columns up to this many columns wide stay on one line; wider
 * ones may wrap, which the browser does only when the page is too
 * narrow for the table. */
#define HTML_NOWRAP 20

/* The class of each column's cells: n (number, right-aligned), d
 * (date), t (text on one line) or w (long text that may wrap). */
static const char **
html_classes(crm_report *r, const crm_table *t)
{
	size_t nc = crm_table_ncols(t);
	const char **cls = crm_xcalloc(nc + 1, sizeof *cls);
	char buf[CRM_HUMAN_BUFSZ];

	for (size_t i = 0; i < nc; i++) {
		const crm_table_column *col = crm_table_col(t, i);

		cls[i] = col->type == CRM_TABLE_NUMBER ? "n" :
		    col->type == CRM_TABLE_DATE ? "d" : "t";
		for (size_t k = 0; k < crm_table_nsample(t) &&
		    col->type == CRM_TABLE_TEXT; k++) {
			size_t len;
			const char *s = crm_report_cell(col,
			    crm_table_sample(t, k) + i, r->cfg.german, buf,
			    &len);

			if (crm_human_width(s, len) > HTML_NOWRAP) {
				cls[i] = "w";
				break;
			}
		}
	}
	return cls;
}

static void
html_header(crm_report *r, const crm_table *t, const char **cls)
{
	char hb[HEADER_MAX];

	puts_(r, "<thead>\n<tr>");
	for (size_t i = 0; i < crm_table_ncols(t); i++) {
		const char *h = crm_report_header(crm_table_col(t, i),
		    r->cfg.german, hb, sizeof hb);

		putf(r, "<th class=\"%s\" scope=\"col\">", cls[i]);
		if (crm_table_synthetic(t))
			putf(r, "%zu", i + 1);
		else
			html_text(r, h, strlen(h));
		puts_(r, "</th>");
	}
	puts_(r, "</tr>\n</thead>\n");
}

static int
html_table(crm_report *r, crm_table *t, crm_error *err)
{
	size_t nc = crm_table_ncols(t);
	const crm_table_cell *cells;
	char buf[CRM_HUMAN_BUFSZ];
	const char **cls;
	int rc;

	if (nc == 0) {
		crm_table_next(t, &cells, err);
		putf(r, "<p class=\"empty\">%s</p>\n", r->cfg.german ?
		    "Keine Daten." : "No data.");
		return 0;
	}
	cls = html_classes(r, t);
	puts_(r, "<div class=\"scroll\">\n<table>\n");
	html_header(r, t, cls);
	puts_(r, "<tbody>\n");
	while ((rc = crm_table_next(t, &cells, err)) == 1) {
		puts_(r, crm_report_total_row(t, cells) ? "<tr class=\"total\">" :
		    "<tr>");
		for (size_t i = 0; i < nc; i++) {
			const crm_table_column *col = crm_table_col(t, i);
			size_t len;
			const char *s = crm_report_cell(col, &cells[i],
			    r->cfg.german, buf, &len);

			puts_(r, "<td class=\"");
			puts_(r, cls[i]);
			/* A negative figure in red, as in a ledger. */
			if (cells[i].is_num && len > 0 && s[0] == '-')
				puts_(r, " neg");
			puts_(r, "\">");
			html_text(r, s, len);
			puts_(r, "</td>");
		}
		puts_(r, "</tr>\n");
	}
	puts_(r, "</tbody>\n</table>\n</div>\n");
	free(cls);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Charts */

static int
read_file(const char *path, char **data, size_t *len, crm_error *err)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 65536, n = 0;
	char *buf;
	ssize_t k;

	if (fd < 0)
		return crm_error_at(err, CRM_EXIT_IO, path, 0,
		    "cannot open: %s", strerror(errno));
	buf = crm_xmalloc(cap + 1);
	while ((k = read(fd, buf + n, cap - n)) != 0) {
		if (k < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			close(fd);
			return crm_error_at(err, CRM_EXIT_IO, path, 0,
			    "read error: %s", strerror(e));
		}
		n += (size_t)k;
		if (n == cap) {
			cap *= 2;
			buf = crm_xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

static bool
starts_nocase(const char *s, const char *word)
{
	return strncasecmp(s, word, strlen(word)) == 0;
}

/* What would make the page run code or load something: the reason, or
 * NULL for a clean SVG. */
static const char *
svg_unsafe(const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		if (starts_nocase(p, "<script"))
			return "holds a script";
		if (starts_nocase(p, "<foreignobject") ||
		    starts_nocase(p, "javascript:") ||
		    starts_nocase(p, "@import"))
			return "holds active or foreign content";
		if (starts_nocase(p, "href=") &&
		    (p[5] == '"' || p[5] == '\'') && p[6] != '#')
			return "refers to another file or site";
		if (starts_nocase(p, "url(") && p[4 + (p[4] == '\'' ||
		    p[4] == '"')] != '#')
			return "refers to another file or site";
		if ((p[0] == ' ' || p[0] == '\n' || p[0] == '\t') &&
		    starts_nocase(p + 1, "on")) {
			const char *q = p + 3;

			while ((*q >= 'a' && *q <= 'z') ||
			    (*q >= 'A' && *q <= 'Z'))
				q++;
			if (q > p + 3 && *q == '=')
				return "holds an event handler";
		}
	}
	return NULL;
}

int
crm_report_chart(crm_report *r, const char *path, crm_error *err)
{
	const char *svg, *end, *why;
	char *data = NULL;
	size_t len;

	if (r->cfg.format == CRM_REPORT_MD) {
		/* <...> lets the path hold spaces and parentheses. */
		puts_(r, "![](<");
		puts_(r, path);
		puts_(r, ">)\n\n");
		return 0;
	}
	if (r->cfg.format != CRM_REPORT_HTML)
		return 0;
	if (read_file(path, &data, &len, err) < 0)
		return -1;
	svg = strstr(data, "<svg");
	end = NULL;
	for (const char *p = svg; p != NULL; p = strstr(p + 1, "</svg>"))
		end = p;
	why = svg == NULL || end == svg ? "holds no <svg> element" :
	    svg_unsafe(svg);
	if (why != NULL) {
		crm_error_at(err, CRM_EXIT_DATA, path, 0, "%s: not embedded",
		    why);
		free(data);
		return -1;
	}
	/* The XML prolog and doctype before <svg> have no place in HTML. */
	puts_(r, "<figure class=\"chart\">\n");
	put(r, svg, (size_t)(end - svg) + strlen("</svg>"));
	puts_(r, "\n</figure>\n");
	free(data);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The document */

crm_report *
crm_report_begin(crm_writer *w, const crm_report_config *cfg)
{
	crm_report *r = crm_xcalloc(1, sizeof *r);
	char date[64];

	r->w = w;
	r->cfg = *cfg;
	r->first = true;
	if (cfg->format == CRM_REPORT_HTML) {
		html_begin(r);
	} else if (cfg->title != NULL) {
		crm_report_as_of(date, cfg->as_of, cfg->german);
		if (cfg->format == CRM_REPORT_MD) {
			puts_(r, "# ");
			md_text(r, cfg->title);
			putf(r, "\n\n%s\n\n", date);
		} else {
			putf(r, "%s\n%s\n\n", cfg->title, date);
		}
	}
	return r;
}

int
crm_report_table(crm_report *r, crm_table *t, const char *heading,
		 crm_error *err)
{
	char note[256];
	int rc;

	if (r->cfg.format == CRM_REPORT_HTML) {
		puts_(r, "<section>\n");
		if (heading != NULL) {
			puts_(r, "<h2>");
			html_text(r, heading, strlen(heading));
			puts_(r, "</h2>\n");
		}
	} else {
		if (!r->first)
			puts_(r, "\n");
		if (heading != NULL && r->cfg.format == CRM_REPORT_MD) {
			puts_(r, "## ");
			md_text(r, heading);
			puts_(r, "\n\n");
		} else if (heading != NULL) {
			putf(r, "%s\n\n", heading);
		}
	}
	r->first = false;
	rc = r->cfg.format == CRM_REPORT_HTML ? html_table(r, t, err) :
	    r->cfg.format == CRM_REPORT_MD ? md_table(r, t, err) :
	    text_table(r, t, err);
	if (rc < 0)
		return -1;
	if (crm_table_left_out(t) > 0) {
		crm_report_left_out(note, crm_table_left_out(t),
		    r->cfg.german, r->cfg.head_option);
		if (r->cfg.format == CRM_REPORT_HTML) {
			puts_(r, "<p class=\"note\">");
			html_text(r, note, strlen(note));
			puts_(r, "</p>\n");
		} else {
			putf(r, r->cfg.format == CRM_REPORT_MD ? "\n%s\n" :
			    "%s\n", note);
		}
	}
	if (r->cfg.format == CRM_REPORT_HTML)
		puts_(r, "</section>\n");
	flush(r);
	if (r->failed)
		return crm_error_set(err, CRM_EXIT_IO, "write error");
	return 0;
}

int
crm_report_end(crm_report *r)
{
	bool failed;

	if (r->cfg.format == CRM_REPORT_HTML)
		puts_(r, "</main>\n<footer>crmkit report</footer>\n"
		    "</body>\n</html>\n");
	flush(r);
	failed = r->failed;
	free(r->scratch);
	free(r);
	return failed ? -1 : 0;
}
