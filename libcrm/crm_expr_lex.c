/*
 * crm_expr_lex: the lexer of MEASURE expressions, their error messages
 * with a caret, and the tolerant scan of crm_expr_map_columns.  See
 * crm_expr_impl.h for the grammar.
 */
#include "crm_expr_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_names.h"
#include "crm_num.h"

void
crm_expr_sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + 1 >= b->cap)
		return;
	if (n > b->cap - 1 - b->len)
		n = b->cap - 1 - b->len;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
crm_expr_sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->len += (size_t)n;
	if (b->len >= b->cap)
		b->len = b->cap - 1;
}

/* A growing string for crm_expr_map_columns. */
typedef struct gbuf {
	char *s;
	size_t n, cap;
} gbuf;

static void
gb_put(gbuf *b, const char *s, size_t n)
{
	if (b->cap - b->n < n + 1) {
		while (b->cap - b->n < n + 1)
			b->cap = b->cap ? 2 * b->cap : 64;
		b->s = crm_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/*
 * A tolerant scan, not the lexer: it must copy what the lexer would
 * reject (the compiler reports that later, on the rewritten text).
 */
char *
crm_expr_map_columns(const char *src, crm_expr_column_map map, void *ctx)
{
	size_t n = strlen(src), i = 0;
	gbuf out = { NULL, 0, 0 };

	gb_put(&out, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)src[i];
		size_t start = i, len, j;
		const char *name, *to;
		bool braced = c == '{';

		if (c == '"') {
			for (i++; i < n && src[i] != '"'; i++)
				if (src[i] == '\\' && i + 1 < n)
					i++;
			if (i < n)
				i++;
			gb_put(&out, src + start, i - start);
			continue;
		} else if (braced) {
			const char *close = strchr(src + i, '}');

			if (close == NULL) {
				gb_put(&out, src + i, n - i);
				break;
			}
			name = src + i + 1;
			len = (size_t)(close - name);
			i = (size_t)(close + 1 - src);
		} else if (is_digit(c) || (c == '.' && i + 1 < n &&
					   is_digit((unsigned char)src[i + 1]))) {
			/* A number: digits, '.', exponent with its sign. */
			while (i < n &&
			    (crm_names_byte((unsigned char)src[i]) ||
			    ((src[i] == '+' || src[i] == '-') &&
			    (src[i - 1] == 'e' || src[i - 1] == 'E'))))
				i++;
			gb_put(&out, src + start, i - start);
			continue;
		} else if (crm_names_start_byte(c)) {
			while (i < n && crm_names_byte((unsigned char)src[i]))
				i++;
			for (j = i; j < n && (src[j] == ' ' || src[j] == '\t');
			     j++)
				;
			if ((j < n && src[j] == '(') ||
			    crm_names_is_keyword(src + start, i - start)) {
				gb_put(&out, src + start, i - start);
				continue;
			}
			name = src + start;
			len = i - start;
		} else {
			gb_put(&out, src + i, 1);
			i++;
			continue;
		}
		if ((to = map(name, len, ctx)) == NULL) {
			gb_put(&out, src + start, i - start);
		} else if (!braced && crm_names_is_bare(to, strlen(to))) {
			gb_put(&out, to, strlen(to));
		} else {
			gb_put(&out, "{", 1);
			gb_put(&out, to, strlen(to));
			gb_put(&out, "}", 1);
		}
	}
	return out.s;
}

/* ------------------------------------------------------------------ */
/* Tokens */

/* "MSG\n  SRC\n  ^" with the caret under byte pos (counted in UTF-8
 * characters, so it lines up on a terminal). */
int
crm_expr_error(parser *p, int pos, const char *extra, const char *fmt, ...)
{
	sbuf b = { p->err->msg, sizeof p->err->msg, 0 };
	va_list ap;
	int i, n;

	p->err->status = CRM_EXIT_USAGE;
	p->err->msg[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(b.buf, b.cap, fmt, ap);
	va_end(ap);
	b.len = n < 0 ? 0 : (size_t)n < b.cap ? (size_t)n : b.cap - 1;
	crm_expr_sb_put(&b, "\n  ", 3);
	for (i = 0; i < p->len; i++) {
		unsigned char c = (unsigned char)p->src[i];
		char ch = (char)(c < 0x20 || c == 0x7f ? ' ' : c);

		crm_expr_sb_put(&b, &ch, 1);
	}
	crm_expr_sb_put(&b, "\n  ", 3);
	for (i = 0; i < pos && i < p->len; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			crm_expr_sb_put(&b, " ", 1);
	if (pos > p->len)
		crm_expr_sb_put(&b, " ", 1);
	crm_expr_sb_put(&b, "^", 1);
	if (extra != NULL)
		crm_expr_sb_put(&b, extra, strlen(extra));
	return -1;
}

/* The first n bytes of needle in hay[0..len), or NULL (memmem is not
 * POSIX). */
static const char *
memmem_s(const char *hay, size_t len, const char *needle, size_t n)
{
	size_t i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/*
 * If the unexpected token lies inside a column name written bare although
 * it holds a space or another byte that ends a bare name ('Umsatz
 * Vorjahr'), a hint to write it in braces, in extra; else NULL.
 */
static const char *
spaced_column(const parser *p, char *extra, size_t cap)
{
	size_t i;

	if (p->h == NULL || p->h->synthetic)
		return NULL;
	for (i = 0; i < p->h->n; i++) {
		const char *name = p->h->name[i], *at = p->src;
		size_t len = p->h->len[i];

		if (len == 0 || memchr(name, ' ', len) == NULL)
			continue;
		while ((at = memmem_s(at, (size_t)(p->src + p->len - at),
				      name, len)) != NULL) {
			int s = (int)(at - p->src);

			if (s <= p->ts && s + (int)len > p->ts &&
			    (s == 0 || p->src[s - 1] != '{')) {
				snprintf(extra, cap, "\n  a column name "
					 "holding spaces goes in braces: "
					 "{%s}", name);
				return extra;
			}
			at++;
		}
	}
	return NULL;
}

int
crm_expr_unexpected(parser *p)
{
	int n = p->te - p->ts;
	char extra[CRM_ERR_MAX / 2];

	if (p->tok == T_END)
		return crm_expr_error(p, p->len, NULL, "syntax error in "
		    "expression: unexpected end of expression");
	if (n > 40)
		return crm_expr_error(p, p->ts, NULL, "syntax error in "
				      "expression: unexpected '%.40s...'",
				      p->src + p->ts);
	return crm_expr_error(p, p->ts, spaced_column(p, extra, sizeof extra),
	    "syntax error in expression: unexpected '%.*s'", n,
	    p->src + p->ts);
}

static void
pool_put(parser *p, char c)
{
	if (p->npool == p->cappool) {
		p->cappool = p->cappool ? 2 * p->cappool : 64;
		p->pool = crm_xrealloc(p->pool, p->cappool);
	}
	p->pool[p->npool++] = c;
}

static int
lex_string(parser *p, int i)
{
	const char *s = p->src;
	int j = i + 1;

	p->tsoff = (int)p->npool;
	for (;;) {
		char c;

		if (j >= p->len)
			return crm_expr_error(p, i, NULL, "syntax error in "
			    "expression: unterminated string");
		c = s[j];
		if (c == '"')
			break;
		if (c == '\\' && j + 1 < p->len) {
			char nx = s[j + 1];

			if (nx == '"' || nx == '\\') {
				pool_put(p, nx);
				j += 2;
				continue;
			}
			if (nx == 'n' || nx == 't') {
				pool_put(p, nx == 'n' ? '\n' : '\t');
				j += 2;
				continue;
			}
		}
		pool_put(p, c);
		j++;
	}
	p->tslen = (int)p->npool - p->tsoff;
	p->tok = T_STR;
	p->te = j + 1;
	p->pos = j + 1;
	return 0;
}

/* A number at s[i]: digits, a decimal point, an exponent. */
static int
lex_number(parser *p, int i)
{
	const char *s = p->src;
	int n = p->len, j;
	double v;

	for (j = i; j < n && is_digit((unsigned char)s[j]); j++)
		;
	if (j < n && s[j] == '.') {
		int dot = j;

		for (j++; j < n && is_digit((unsigned char)s[j]); j++)
			;
		/* Under the decimal comma, 100.000 in a literal reads as
		 * 100 here but as 100000 to the person who wrote it. */
		if (p->decimal_comma && j - dot == 4 && dot > i &&
		    (j == n || (s[j] != 'e' && s[j] != 'E')))
			return crm_expr_error(p, i, "\n  literals always use "
			    "'.' as the decimal point: write 100000 for a "
			    "hundred thousand, 100.0 for a hundred",
			    "number %.*s is ambiguous under --decimal-comma",
			    j - i, s + i);
	}
	if (j < n && (s[j] == 'e' || s[j] == 'E')) {
		int k = j + 1;

		if (k < n && (s[k] == '+' || s[k] == '-'))
			k++;
		if (k < n && is_digit((unsigned char)s[k]))
			for (j = k; j < n &&
			     is_digit((unsigned char)s[j]); j++)
				;
	}
	if (crm_num_parse(s + i, (size_t)(j - i), false, &v) != CRM_NUM_OK)
		return crm_expr_error(p, i, NULL, "syntax error in "
		    "expression: number out of range");
	p->tok = T_NUM;
	p->tnum = v;
	p->te = p->pos = j;
	return 0;
}

/* A bare name or a keyword at s[i]. */
static int
lex_name(parser *p, int i)
{
	const char *s = p->src;
	int n = p->len, j = i + 1;

	while (j < n && crm_names_byte((unsigned char)s[j]))
		j++;
	p->te = p->pos = j;
	p->tok = T_NAME;
	if (j - i == 2 && memcmp(s + i, "or", 2) == 0)
		p->tok = T_OR;
	else if (j - i == 3 && memcmp(s + i, "and", 3) == 0)
		p->tok = T_AND;
	else if (j - i == 3 && memcmp(s + i, "not", 3) == 0)
		p->tok = T_NOT;
	return 0;
}

/* A {column name} at s[i]. */
static int
lex_brace(parser *p, int i)
{
	const char *s = p->src;
	int n = p->len, j;
	const char *close = memchr(s + i + 1, '}', (size_t)(n - i - 1));

	if (close == NULL)
		return crm_expr_error(p, i, NULL, "syntax error in "
				      "expression: unterminated '{'");
	j = (int)(close - s);
	if (j == i + 1)
		return crm_expr_error(p, i, NULL, "syntax error in "
				      "expression: empty column name");
	p->tok = T_BRACE;
	p->tsoff = i + 1;
	p->tslen = j - i - 1;
	p->te = p->pos = j + 1;
	return 0;
}

/* An operator or punctuation at s[i] (one or two bytes). */
static int
lex_operator(parser *p, int i)
{
	const char *s = p->src;
	int n = p->len;
	unsigned char c = (unsigned char)s[i];

	p->tok = T_OP;
	p->te = i + 1;
	switch (c) {
	case '(': p->tok = T_LP; break;
	case ')': p->tok = T_RP; break;
	case ',': p->tok = T_COMMA; break;
	case '+': p->top = OP_ADD; break;
	case '-': p->top = OP_SUB; break;
	case '*': p->top = OP_MUL; break;
	case '/': p->top = OP_DIV; break;
	case '%': p->top = OP_MOD; break;
	case '^': p->top = OP_POW; break;
	case '=':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = OP_EQ;
			p->te = i + 2;
			break;
		}
		return crm_expr_error(p, i, NULL, "syntax error in expression: "
				      "unexpected '=' (compare with '==')");
	case '!':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = OP_NE;
			p->te = i + 2;
		} else {
			p->tok = T_NOT;
		}
		break;
	case '<':
	case '>':
		if (i + 1 < n && s[i + 1] == '=') {
			p->top = c == '<' ? OP_LE : OP_GE;
			p->te = i + 2;
		} else {
			p->top = c == '<' ? OP_LT : OP_GT;
		}
		break;
	case '&':
	case '|':
		if (i + 1 < n && s[i + 1] == (char)c) {
			p->tok = c == '&' ? T_AND : T_OR;
			p->te = i + 2;
			break;
		}
		/* FALLTHROUGH */
	default:
		if (c < 0x20 || c == 0x7f)
			return crm_expr_error(p, i, NULL, "syntax error in "
			    "expression: unexpected byte 0x%02x",
			    c);
		return crm_expr_error(p, i, NULL, "syntax error in expression: "
				      "unexpected '%c'", c);
	}
	p->pos = p->te;
	return 0;
}

/* Read the next token into p->tok.  -1 with err set on a lexical error. */
int
crm_expr_lex(parser *p)
{
	const char *s = p->src;
	int n = p->len, i = p->pos;
	unsigned char c;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			 s[i] == '\r'))
		i++;
	p->ts = i;
	if (i >= n) {
		p->tok = T_END;
		p->ts = p->te = p->pos = n;
		return 0;
	}
	c = (unsigned char)s[i];
	if (is_digit(c) || (c == '.' && i + 1 < n &&
			    is_digit((unsigned char)s[i + 1])))
		return lex_number(p, i);
	if (crm_names_start_byte(c))
		return lex_name(p, i);
	if (c == '{')
		return lex_brace(p, i);
	if (c == '"')
		return lex_string(p, i);
	return lex_operator(p, i);
}
