/*
 * crm_svg: a small writer of standalone SVG 1.1 into memory (SPEC 3,
 * "plot").
 *
 * Output is deterministic: coordinates are written with at most two
 * decimals, rounded half away from zero, trailing zeros dropped, and a
 * negative zero as 0, so the same drawing calls give the same bytes on
 * every machine.  Text and attribute values are escaped for XML; bytes
 * that are not valid UTF-8 and control characters (which XML 1.0
 * forbids) become U+FFFD, so that any data gives well-formed XML.
 *
 * Text widths are estimated, not measured: the writer knows no font.
 * The estimate assumes DejaVu Sans (wide among the usual sans-serif
 * faces, so narrower fonts only leave more room) and sums an advance per
 * character class.
 *
 * Nothing here exits, except on memory exhaustion (crm_x*: status 3).
 */
#ifndef CRM_SVG_H
#define CRM_SVG_H

#include <stdbool.h>
#include <stddef.h>

/* The font the estimates assume, first in the font-family list. */
#define CRM_SVG_FONT "DejaVu Sans,Verdana,Arial,Helvetica,sans-serif"

typedef struct crm_svg {
	char *buf;		/* the document so far (NUL-terminated) */
	size_t len, cap;
	bool in_tag;		/* a start tag is open: attributes may follow */
} crm_svg;

/* An empty document buffer. */
void crm_svg_init(crm_svg *s);
/* Free the buffer; s is empty again. */
void crm_svg_free(crm_svg *s);

/*
 * The XML declaration, the <svg> root (SVG 1.1 namespace, width, height
 * and viewBox in px, the font family) and, if title is neither NULL
 * nor empty, a <title> element; then a white background over the whole canvas (PNG
 * renderers and mail clients otherwise show transparency as black).
 */
void crm_svg_begin(crm_svg *s, double width, double height,
		   const char *title);
/* Close the root element. */
void crm_svg_end(crm_svg *s);

/* Start element name ("<name"); attributes may follow. */
void crm_svg_open(crm_svg *s, const char *name);
/* An attribute with an escaped text value. */
void crm_svg_attr(crm_svg *s, const char *name, const char *value);
/* An attribute with a number (the fixed format above). */
void crm_svg_attr_num(crm_svg *s, const char *name, double v);
/* An attribute holding a list of points "x,y x,y ..." (polyline). */
void crm_svg_attr_points(crm_svg *s, const char *name, const double *x,
			 const double *y, size_t n);
/* An attribute whose value the caller writes in pieces with crm_svg_raw
 * (path data, which needs no escaping), ended by crm_svg_attr_close. */
void crm_svg_attr_open(crm_svg *s, const char *name);
void crm_svg_attr_close(crm_svg *s);
/* Bytes as they are: only text that needs no escaping (numbers from
 * crm_svg_num, path commands). */
void crm_svg_raw(crm_svg *s, const char *text);
/* End the start tag of an element without content ("/>"). */
void crm_svg_empty(crm_svg *s);
/* End the start tag (">") of an element that gets content. */
void crm_svg_content(crm_svg *s);
/* Escaped character data (after crm_svg_content). */
void crm_svg_chars(crm_svg *s, const char *text);
/* The end tag "</name>". */
void crm_svg_close(crm_svg *s, const char *name);

/*
 * Write v in the fixed format into buf (at least CRM_SVG_NUMSZ bytes)
 * and return buf.  |v| is clamped to 1e9 and NaN written as 0, so that
 * no output ever holds "nan" or "inf".
 */
#define CRM_SVG_NUMSZ 32
const char *crm_svg_num(char *buf, double v);

/* Text anchors. */
typedef enum crm_svg_anchor {
	CRM_SVG_START = 0,
	CRM_SVG_MIDDLE,
	CRM_SVG_END
} crm_svg_anchor;

/* How a piece of text looks. */
typedef struct crm_svg_font {
	double size;		/* px */
	bool bold;
	crm_svg_anchor anchor;
	const char *fill;	/* NULL: black */
	double rotate;		/* degrees about (x, y); 0: none */
} crm_svg_font;

/* A <text> element at (x, y) (the baseline) holding text. */
void crm_svg_text(crm_svg *s, double x, double y, const crm_svg_font *f,
		  const char *text);

/*
 * Estimated advance width in px of text in the font size (and weight):
 * the sum over its characters (UTF-8 code points) of a class width in
 * em (narrow like i l . , ; wide like m w M W %; digits; capitals;
 * other letters), times the size, bold 14 % wider.
 */
double crm_svg_text_width(const char *text, double size, bool bold);

/*
 * Copy text into out (cap bytes) shortened to an estimated width of at
 * most max_w: whole code points are dropped from the end and "…"
 * (U+2026) put after what remains.  The whole text when it fits; ""
 * when not even one character and the ellipsis fit.  Returns true if
 * the text was shortened.
 */
bool crm_svg_shorten(const char *text, double max_w, double size,
		     bool bold, char *out, size_t cap);

/*
 * Decode one UTF-8 code point at s (up to n bytes): store it in *cp and
 * return its length, or store U+FFFD and return 1 for a byte that
 * starts no valid sequence (overlong forms and surrogates included).
 * n must be > 0.
 */
size_t crm_svg_utf8(const char *s, size_t n, unsigned *cp);

#endif
