#include "crm_svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"

void
crm_svg_init(crm_svg *s)
{
	s->cap = 4096;
	s->buf = crm_xmalloc(s->cap);
	s->buf[0] = '\0';
	s->len = 0;
	s->in_tag = false;
}

void
crm_svg_free(crm_svg *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
	s->in_tag = false;
}

static void
put(crm_svg *s, const char *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		while (s->len + n + 1 > s->cap)
			s->cap *= 2;
		s->buf = crm_xrealloc(s->buf, s->cap);
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void
puts_(crm_svg *s, const char *p)
{
	put(s, p, strlen(p));
}

size_t
crm_svg_utf8(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

/* Escaped text: markup characters as entities, what XML 1.0 cannot hold
 * as U+FFFD, a tab or line end as a space (an SVG text is one line). */
static void
put_escaped(crm_svg *s, const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = crm_svg_utf8(text + i, n - i, &cp);

		switch (cp) {
		case '&': puts_(s, "&amp;"); break;
		case '<': puts_(s, "&lt;"); break;
		case '>': puts_(s, "&gt;"); break;
		case '"': puts_(s, "&quot;"); break;
		case '\'': puts_(s, "&apos;"); break;
		case '\t': case '\n': case '\r': puts_(s, " "); break;
		default:
			if (cp < 0x20 || cp == 0x7F || cp == 0xFFFE ||
			    cp == 0xFFFF || (cp == 0xFFFD && k == 1 &&
			    (unsigned char)text[i] >= 0x80))
				puts_(s, "\xEF\xBF\xBD");
			else
				put(s, text + i, k);
		}
		i += k;
	}
}

const char *
crm_svg_num(char *buf, double v)
{
	long long r;
	bool neg;

	if (isnan(v))
		v = 0;
	if (v > 1e9)
		v = 1e9;
	if (v < -1e9)
		v = -1e9;
	r = llround(v * 100);
	neg = r < 0;
	if (neg)
		r = -r;
	if (r % 100 == 0)
		snprintf(buf, CRM_SVG_NUMSZ, "%s%lld", neg ? "-" : "", r / 100);
	else if (r % 10 == 0)
		snprintf(buf, CRM_SVG_NUMSZ, "%s%lld.%lld", neg ? "-" : "",
		    r / 100, (r % 100) / 10);
	else
		snprintf(buf, CRM_SVG_NUMSZ, "%s%lld.%02lld", neg ? "-" : "",
		    r / 100, r % 100);
	return buf;
}

void
crm_svg_open(crm_svg *s, const char *name)
{
	puts_(s, "<");
	puts_(s, name);
	s->in_tag = true;
}

void
crm_svg_attr(crm_svg *s, const char *name, const char *value)
{
	puts_(s, " ");
	puts_(s, name);
	puts_(s, "=\"");
	put_escaped(s, value);
	puts_(s, "\"");
}

void
crm_svg_attr_num(crm_svg *s, const char *name, double v)
{
	char b[CRM_SVG_NUMSZ];

	crm_svg_attr(s, name, crm_svg_num(b, v));
}

void
crm_svg_attr_points(crm_svg *s, const char *name, const double *x,
		    const double *y, size_t n)
{
	char b[CRM_SVG_NUMSZ];

	puts_(s, " ");
	puts_(s, name);
	puts_(s, "=\"");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			puts_(s, " ");
		puts_(s, crm_svg_num(b, x[i]));
		puts_(s, ",");
		puts_(s, crm_svg_num(b, y[i]));
	}
	puts_(s, "\"");
}

void
crm_svg_attr_open(crm_svg *s, const char *name)
{
	puts_(s, " ");
	puts_(s, name);
	puts_(s, "=\"");
}

void
crm_svg_attr_close(crm_svg *s)
{
	puts_(s, "\"");
}

void
crm_svg_raw(crm_svg *s, const char *text)
{
	puts_(s, text);
}

void
crm_svg_empty(crm_svg *s)
{
	puts_(s, "/>\n");
	s->in_tag = false;
}

void
crm_svg_content(crm_svg *s)
{
	puts_(s, ">");
	s->in_tag = false;
}

void
crm_svg_chars(crm_svg *s, const char *text)
{
	put_escaped(s, text);
}

void
crm_svg_close(crm_svg *s, const char *name)
{
	puts_(s, "</");
	puts_(s, name);
	puts_(s, ">\n");
}

void
crm_svg_begin(crm_svg *s, double width, double height, const char *title)
{
	char b[CRM_SVG_NUMSZ], vb[3 * CRM_SVG_NUMSZ];

	puts_(s, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
	crm_svg_open(s, "svg");
	crm_svg_attr(s, "xmlns", "http://www.w3.org/2000/svg");
	crm_svg_attr(s, "version", "1.1");
	crm_svg_attr_num(s, "width", width);
	crm_svg_attr_num(s, "height", height);
	snprintf(vb, sizeof vb, "0 0 %s ", crm_svg_num(b, width));
	strcat(vb, crm_svg_num(b, height));
	crm_svg_attr(s, "viewBox", vb);
	crm_svg_attr(s, "font-family", CRM_SVG_FONT);
	crm_svg_content(s);
	puts_(s, "\n");
	if (title != NULL && title[0] != '\0') {
		crm_svg_open(s, "title");
		crm_svg_content(s);
		crm_svg_chars(s, title);
		crm_svg_close(s, "title");
	}
	crm_svg_open(s, "rect");
	crm_svg_attr(s, "width", "100%");
	crm_svg_attr(s, "height", "100%");
	crm_svg_attr(s, "fill", "#ffffff");
	crm_svg_empty(s);
}

void
crm_svg_end(crm_svg *s)
{
	crm_svg_close(s, "svg");
}

void
crm_svg_text(crm_svg *s, double x, double y, const crm_svg_font *f,
	     const char *text)
{
	static const char *const anchors[] = { NULL, "middle", "end" };

	crm_svg_open(s, "text");
	crm_svg_attr_num(s, "x", x);
	crm_svg_attr_num(s, "y", y);
	crm_svg_attr_num(s, "font-size", f->size);
	if (f->bold)
		crm_svg_attr(s, "font-weight", "bold");
	if (anchors[f->anchor] != NULL)
		crm_svg_attr(s, "text-anchor", anchors[f->anchor]);
	if (f->fill != NULL)
		crm_svg_attr(s, "fill", f->fill);
	if (f->rotate != 0) {
		char a[CRM_SVG_NUMSZ], bx[CRM_SVG_NUMSZ], by[CRM_SVG_NUMSZ];
		char t[4 * CRM_SVG_NUMSZ];

		snprintf(t, sizeof t, "rotate(%s %s %s)",
		    crm_svg_num(a, f->rotate), crm_svg_num(bx, x),
		    crm_svg_num(by, y));
		crm_svg_attr(s, "transform", t);
	}
	crm_svg_content(s);
	crm_svg_chars(s, text);
	crm_svg_close(s, "text");
}

/* DejaVu Sans Bold is 12 to 13 % wider than the regular face; a little
 * more, so that estimates err towards room. */
#define BOLD 1.14

/* Advance of a code point in em, by class (DejaVu Sans, rounded up:
 * measured text comes out 0 to 10 % narrower than estimated). */
static double
advance(unsigned cp)
{
	char c;

	if (cp >= 0x80) {
		if (cp == 0x2026 || cp == 0x2014)	/* ellipsis, dash */
			return 1.0;
		if (cp >= 0xC0 && cp <= 0xDE)	/* capitals with diacritics */
			return 0.74;
		return 0.63;
	}
	c = (char)cp;
	if (c == ' ')
		return 0.32;
	if (c != '\0' && strchr("ijl.,:;!'|", c) != NULL)
		return 0.29;
	if (c != '\0' && strchr("frtI()[]{}-/\"", c) != NULL)
		return 0.40;
	if (c != '\0' && strchr("mwMW%@", c) != NULL)
		return 0.99;
	if (c >= '0' && c <= '9')
		return 0.64;
	if (c >= 'A' && c <= 'Z')
		return 0.74;
	return 0.63;
}

double
crm_svg_text_width(const char *text, double size, bool bold)
{
	size_t n = strlen(text);
	double em = 0;

	for (size_t i = 0; i < n;) {
		unsigned cp;

		i += crm_svg_utf8(text + i, n - i, &cp);
		em += advance(cp);
	}
	return em * size * (bold ? BOLD : 1.0);
}

bool
crm_svg_shorten(const char *text, double max_w, double size, bool bold,
		char *out, size_t cap)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	size_t n = strlen(text), keep = 0;
	double w = advance(0x2026) * size * (bold ? BOLD : 1.0);

	if (cap == 0)
		return true;
	if (crm_svg_text_width(text, size, bold) <= max_w && n < cap) {
		memcpy(out, text, n + 1);
		return false;
	}
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = crm_svg_utf8(text + i, n - i, &cp);

		w += advance(cp) * size * (bold ? BOLD : 1.0);
		if (w > max_w || i + k + sizeof ellipsis > cap)
			break;
		i += k;
		keep = i;
	}
	/* no trailing space before the ellipsis */
	while (keep > 0 && text[keep - 1] == ' ')
		keep--;
	if (keep == 0) {
		out[0] = '\0';
		return true;
	}
	memcpy(out, text, keep);
	memcpy(out + keep, ellipsis, sizeof ellipsis);
	return true;
}
