#include "crm_names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COMPARED = 256, MAX_LISTED = 3000 };

bool
crm_names_start_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '.' || c >= 0x80;
}

bool
crm_names_byte(unsigned char c)
{
	return crm_names_start_byte(c) || (c >= '0' && c <= '9');
}

bool
crm_names_is_keyword(const char *s, size_t n)
{
	return (n == 2 && memcmp(s, "or", 2) == 0) ||
	       (n == 3 && (memcmp(s, "and", 3) == 0 ||
			   memcmp(s, "not", 3) == 0));
}

bool
crm_names_is_bare(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !crm_names_start_byte((unsigned char)s[0]) ||
	    crm_names_is_keyword(s, n))
		return false;
	if (s[0] == '.' && n > 1 && s[1] >= '0' && s[1] <= '9')
		return false;
	for (i = 1; i < n; i++)
		if (!crm_names_byte((unsigned char)s[i]))
			return false;
	return true;
}

size_t
crm_names_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t *r0, *r1, *r2, *t, i, j, v;

	r0 = crm_xcalloc(3 * (m + 1), sizeof *r0);
	r1 = r0 + (m + 1);
	r2 = r1 + (m + 1);
	t = r0;
	for (j = 0; j <= m; j++)
		r1[j] = j;
	for (i = 1; i <= n; i++) {
		r2[0] = i;
		for (j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			v = r1[j] + 1;
			if (r2[j - 1] + 1 < v)
				v = r2[j - 1] + 1;
			if (r1[j - 1] + cost < v)
				v = r1[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < v)
				v = r0[j - 2] + 1;
			r2[j] = v;
		}
		{
			size_t *old = r0;

			r0 = r1;
			r1 = r2;
			r2 = old;
		}
	}
	v = r1[m];
	free(t);
	return v;
}

void
crm_names_nearest_init(crm_names_nearest *nn, const char *name, size_t len,
		       size_t floor)
{
	nn->name = name;
	nn->len = len;
	nn->limit = len / 3 > floor ? len / 3 : floor;
	nn->dist = (size_t)-1;
	nn->best = -1;
}

void
crm_names_nearest_offer(crm_names_nearest *nn, long index, const char *cand,
			size_t clen)
{
	size_t d;

	/* A length difference beyond the limit is that many edits at
	 * least: no need to count them. */
	if (nn->len > MAX_COMPARED || clen > MAX_COMPARED ||
	    (clen > nn->len ? clen - nn->len : nn->len - clen) > nn->limit)
		return;
	d = crm_names_distance(nn->name, nn->len, cand, clen);
	if (d <= nn->limit && d < nn->len && d < nn->dist) {
		nn->dist = d;
		nn->best = index;
	}
}

/* ------------------------------------------------------------------ */
/* Distances over characters */

/* Decode s[0..n) into at most cap code points (a byte that starts no
 * valid sequence stands for itself, above the Unicode range).  With
 * fold, lower ASCII letters and transliterate the German letters.
 * Returns the count, or cap + 1 when it does not fit. */
static size_t
decode(const char *s, size_t n, bool fold, unsigned long *out, size_t cap)
{
	static const struct { unsigned long cp; char a, b; } de[] = {
		{ 0xe4, 'a', 'e' }, { 0xf6, 'o', 'e' }, { 0xfc, 'u', 'e' },
		{ 0xc4, 'a', 'e' }, { 0xd6, 'o', 'e' }, { 0xdc, 'u', 'e' },
		{ 0xdf, 's', 's' }, { 0x1e9e, 's', 's' },
	};
	size_t k = 0, i = 0;

	while (i < n) {
		const unsigned char *p = (const unsigned char *)s + i;
		unsigned long cp = p[0];
		size_t len = 1, j;

		if (p[0] >= 0xc2 && p[0] < 0xe0)
			len = 2, cp = p[0] & 0x1f;
		else if (p[0] >= 0xe0 && p[0] < 0xf0)
			len = 3, cp = p[0] & 0x0f;
		else if (p[0] >= 0xf0 && p[0] < 0xf5)
			len = 4, cp = p[0] & 0x07;
		for (j = 1; j < len && i + j < n && (p[j] & 0xc0) == 0x80; j++)
			cp = cp << 6 | (p[j] & 0x3f);
		if (j < len || (p[0] >= 0x80 && len == 1))
			len = 1, cp = 0x110000 + p[0];
		i += len;
		if (fold && cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		for (j = 0; fold && j < sizeof de / sizeof de[0]; j++)
			if (cp == de[j].cp)
				break;
		if (k + 2 > cap)
			return cap + 1;
		if (fold && j < sizeof de / sizeof de[0]) {
			out[k++] = (unsigned long)de[j].a;
			cp = (unsigned long)de[j].b;
		}
		out[k++] = cp;
	}
	return k;
}

/* crm_names_distance over code points. */
static size_t
osa(const unsigned long *a, size_t n, const unsigned long *b, size_t m)
{
	size_t rows[3][2 * MAX_COMPARED + 1], *r0 = rows[0], *r1 = rows[1],
	    *r2 = rows[2], *old;

	for (size_t j = 0; j <= m; j++)
		r1[j] = j;
	for (size_t i = 1; i <= n; i++) {
		r2[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t v = r1[j] + 1;

			if (r2[j - 1] + 1 < v)
				v = r2[j - 1] + 1;
			if (r1[j - 1] + (a[i - 1] != b[j - 1]) < v)
				v = r1[j - 1] + (a[i - 1] != b[j - 1]);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < v)
				v = r0[j - 2] + 1;
			r2[j] = v;
		}
		old = r0;
		r0 = r1;
		r1 = r2;
		r2 = old;
	}
	return r1[m];
}

size_t
crm_names_text_distance(const char *a, size_t n, const char *b, size_t m)
{
	enum { CAP = 2 * MAX_COMPARED };
	unsigned long ca[CAP], cb[CAP];
	size_t na, nb, raw, folded;

	na = decode(a, n, false, ca, MAX_COMPARED);
	nb = decode(b, m, false, cb, MAX_COMPARED);
	if (na > MAX_COMPARED || nb > MAX_COMPARED)
		return n > m ? n : m;
	raw = osa(ca, na, cb, nb);
	na = decode(a, n, true, ca, CAP);
	nb = decode(b, m, true, cb, CAP);
	folded = osa(ca, na, cb, nb);
	return folded < raw ? folded : raw;
}

void
crm_names_nearest_offer_text(crm_names_nearest *nn, long index,
			     const char *cand, size_t clen)
{
	size_t d = crm_names_text_distance(nn->name, nn->len, cand, clen);

	if (d <= nn->limit && d < nn->len && d < nn->dist) {
		nn->dist = d;
		nn->best = index;
	}
}

/* Append to err->msg at *at, truncating at its end. */
static void add(crm_error *err, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add(crm_error *err, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at + 1 >= sizeof err->msg)
		return;
	va_start(ap, fmt);
	n = vsnprintf(err->msg + *at, sizeof err->msg - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at += (size_t)n;
	if (*at >= sizeof err->msg)
		*at = sizeof err->msg - 1;
}

/* A header that is one column holding another likely delimiter was read
 * with the wrong one: say which -d would split it. */
static void
suggest_delimiter(crm_error *err, size_t *at, const char *name)
{
	static const char cand[] = { ';', '\t', '|', ',' };

	for (size_t i = 0; i < sizeof cand; i++)
		if (strchr(name, cand[i]) != NULL) {
			add(err, at, "\n  the header is one column holding "
			    "'%s': try -d %s", cand[i] == '\t' ? "\\t" :
			    (char[2]){ cand[i], 0 }, cand[i] == '\t' ? "tab" :
			    cand[i] == ';' ? "';'" : cand[i] == '|' ? "'|'" :
			    ",");
			return;
		}
}

static size_t
name_len(const crm_header *h, size_t i)
{
	return h->len != NULL ? h->len[i] : strlen(h->name[i]);
}

long
crm_names_column(const crm_header *h, const char *name, size_t len,
		 const char *option, const char *expr, crm_error *err)
{
	/* In an expression, columns are written {1} and {net revenue}. */
	const char *lb = expr != NULL ? "{" : "", *rb = expr != NULL ? "}" : "";
	crm_names_nearest nn;
	long found = -1;
	size_t at = 0, n = h != NULL ? h->n : 0;

	for (size_t i = 0; i < n; i++) {
		if (name_len(h, i) != len ||
		    (len > 0 && memcmp(h->name[i], name, len) != 0))
			continue;
		if (found >= 0) {
			crm_error_set(err, CRM_EXIT_USAGE, "%s%scolumn '%.*s' "
			    "occurs more than once in the header and cannot "
			    "be referred to", option ? option : "",
			    option ? ": " : "", (int)len, name);
			return -2;
		}
		found = (long)i;
	}
	if (found >= 0)
		return found;
	if (err == NULL)
		return -1;
	err->status = CRM_EXIT_USAGE;
	err->msg[0] = '\0';
	if (option != NULL)
		add(err, &at, "%s: ", option);
	add(err, &at, "unknown column '%.*s'", (int)len, name);
	if (expr != NULL)
		add(err, &at, " in expression '%s'", expr);
	if (n == 0) {
		add(err, &at, "\n  the input has no columns: it is empty (behind "
		    "a pipe, an earlier command may have failed)");
		return -1;
	}
	if (h->synthetic) {
		add(err, &at, "\n  the input has no header: refer to columns "
		    "by number, %s1%s to %s%zu%s", lb, rb, lb, n, rb);
		return -1;
	}
	if (n == 1 && !h->synthetic)
		suggest_delimiter(err, &at, h->name[0]);
	add(err, &at, "\n  available columns: ");
	for (size_t i = 0; i < n; i++) {
		if (at > MAX_LISTED) {
			add(err, &at, ", ... (%zu more)", n - i);
			break;
		}
		add(err, &at, "%s%s", i ? ", " : "", h->name[i]);
	}
	crm_names_nearest_init(&nn, name, len, 2);
	for (size_t i = 0; i < n; i++)
		crm_names_nearest_offer(&nn, (long)i, h->name[i],
		    name_len(h, i));
	if (nn.best >= 0) {
		const char *s = h->name[nn.best];
		bool bare = expr == NULL ||
		    crm_names_is_bare(s, name_len(h, (size_t)nn.best));

		add(err, &at, "\n  did you mean '%s%s%s'?", bare ? "" : lb, s,
		    bare ? "" : rb);
	}
	return -1;
}
