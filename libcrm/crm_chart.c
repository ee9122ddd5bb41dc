#include "crm_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_axis.h"
#include "crm_diag.h"
#include "crm_human.h"
#include "crm_split.h"
#include "crm_stats.h"

/*
 * Colours.  Lightness (CIE L*) is given beside each: series that must be
 * told apart differ by at least 12 in L* and also by marker or pattern,
 * so that a grey print keeps them apart.
 */
#define INK	"#222222"	/* text, L* 13 */
#define MUTED	"#595959"	/* secondary text, axes, L* 38 */
#define GRID	"#e3e3e3"	/* grid lines, L* 90 */
#define BAR	"#4393c3"	/* bars, L* 58 */
#define BAR_EDGE "#2166ac"	/* L* 42 */

/* The quadrants, in the SPEC's order (waste, fig-leaf, pyrrhic,
 * qualified): marker fill, marker edge, text colour. */
static const char *const q_fill[4] = {
	"#c0392b", "#92c5de", "#e66101", "#14532d"	/* 45 77 57 31 */
};
static const char *const q_edge[4] = {
	"#c0392b", "#2166ac", "#8a3a00", "#14532d"
};
static const char *const q_text[4] = {
	"#962d22", "#1c5a9c", "#8a3a00", "#14532d"	/* 33 38 33 31 */
};

/* The ABC classes: A dark, B light, C lightest (L* 42, 77, 92). */
static const char *const abc_fill[3] = { "#2166ac", "#92c5de", "#e8e8e8" };
static const char *const abc_text[3] = { "#ffffff", INK, INK };

#define TITLE_SIZE 17
#define LABEL_SIZE 12
#define TICK_SIZE 11
#define MARGIN 16
#define TEXT_BUF 2048	/* composite texts: two numbers and words */

typedef struct area {
	double x0, y0, x1, y1;	/* y0 above y1 */
} area;

typedef struct box {
	double x0, y0, x1, y1;
} box;

/* ------------------------------------------------------------------ */
/* Drawing helpers */

static void
text(crm_svg *s, double x, double y, double size, bool bold,
     crm_svg_anchor anchor, const char *fill, const char *t)
{
	crm_svg_font f = { size, bold, anchor, fill, 0 };

	crm_svg_text(s, x, y, &f, t);
}

/* Text shortened to max_w (nothing when not even "x…" fits). */
static void
text_fit(crm_svg *s, double x, double y, double size, bool bold,
	 crm_svg_anchor anchor, const char *fill, const char *t, double max_w)
{
	char buf[1024];

	crm_svg_shorten(t, max_w, size, bold, buf, sizeof buf);
	if (buf[0] != '\0')
		text(s, x, y, size, bold, anchor, fill, buf);
}

static void
rect(crm_svg *s, double x, double y, double w, double h, const char *fill,
     const char *stroke)
{
	crm_svg_open(s, "rect");
	crm_svg_attr_num(s, "x", x);
	crm_svg_attr_num(s, "y", y);
	crm_svg_attr_num(s, "width", w < 0 ? 0 : w);
	crm_svg_attr_num(s, "height", h < 0 ? 0 : h);
	crm_svg_attr(s, "fill", fill);
	if (stroke != NULL) {
		crm_svg_attr(s, "stroke", stroke);
		crm_svg_attr(s, "stroke-width", "1");
	}
	crm_svg_empty(s);
}

static void
line(crm_svg *s, double x1, double y1, double x2, double y2,
     const char *stroke, double width, const char *dash)
{
	crm_svg_open(s, "line");
	crm_svg_attr_num(s, "x1", x1);
	crm_svg_attr_num(s, "y1", y1);
	crm_svg_attr_num(s, "x2", x2);
	crm_svg_attr_num(s, "y2", y2);
	crm_svg_attr(s, "stroke", stroke);
	crm_svg_attr_num(s, "stroke-width", width);
	if (dash != NULL)
		crm_svg_attr(s, "stroke-dasharray", dash);
	crm_svg_empty(s);
}

static bool
overlaps(const box *a, const box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

/* The canvas, the title; returns the y where the chart below it starts. */
static double
start(crm_svg *s, double w, double h, const char *title)
{
	crm_svg_begin(s, w, h, title);
	if (title == NULL || title[0] == '\0')
		return MARGIN;
	text_fit(s, w / 2, MARGIN + TITLE_SIZE - 3, TITLE_SIZE, true,
	    CRM_SVG_MIDDLE, INK, title, w - 2 * MARGIN);
	return MARGIN + TITLE_SIZE + 14;
}

static void
no_data(crm_svg *s, double w, double h, const char *title, bool german)
{
	double top = start(s, w, h, title);

	rect(s, MARGIN, top, w - 2 * MARGIN, h - top - MARGIN, "#f7f7f7",
	    GRID);
	text(s, w / 2, (top + h - MARGIN) / 2 + 8, 22, false, CRM_SVG_MIDDLE,
	    MUTED, german ? "keine Daten" : "no data");
	crm_svg_end(s);
}

static void
human_fmt(crm_human_fmt *h, bool german, int decimals)
{
	crm_human_fmt_init(h, german);
	h->decimals = decimals;
}

/* A count for people: "1,234". */
static const char *
count_text(char *buf, double n, bool german)
{
	crm_human_fmt h;

	human_fmt(&h, german, 0);
	crm_human_number(buf, n, &h);
	return buf;
}

/* A fraction as percent with one decimal: "24.6%". */
static const char *
percent_text(char *buf, double fraction, bool german)
{
	crm_human_fmt h;

	human_fmt(&h, german, 1);
	crm_human_percent(buf, fraction, &h);
	return buf;
}

/* A value for people: 3 significant digits, whole digits never dropped
 * (0.937, 1.03, 373,388). */
static const char *
value_text(char *buf, double v, bool german)
{
	crm_human_fmt h;

	crm_human_fmt_init(&h, german);
	h.digits = 3;
	crm_human_number(buf, v, &h);
	return buf;
}

/* "123 customers (24.6%)" */
static void
customers_text(char *buf, size_t cap, unsigned long n, unsigned long total,
	       bool german)
{
	char c[CRM_HUMAN_BUFSZ], p[CRM_HUMAN_BUFSZ];
	const char *word = german ? (n == 1 ? "Kunde" : "Kunden") :
	    (n == 1 ? "customer" : "customers");

	count_text(c, (double)n, german);
	if (total > 0)
		snprintf(buf, cap, "%s %s (%s)", c, word,
		    percent_text(p, (double)n / (double)total, german));
	else
		snprintf(buf, cap, "%s %s", c, word);
}

/* Grid lines, ticks and labels of a horizontal axis under r; its title
 * below them, centred. */
static void
x_axis(crm_svg *s, const crm_axis *a, const area *r, const crm_human_fmt *h,
       const char *title)
{
	char buf[CRM_HUMAN_BUFSZ];

	for (size_t i = 0; i < a->n; i++) {
		double x = crm_axis_pos(a, crm_axis_tick(a, i), r->x0, r->x1);

		line(s, x, r->y0, x, r->y1, GRID, 1, NULL);
		line(s, x, r->y1, x, r->y1 + 4, MUTED, 1, NULL);
		crm_axis_label(a, i, h, buf);
		text(s, x, r->y1 + 17, TICK_SIZE, false, CRM_SVG_MIDDLE,
		    MUTED, buf);
	}
	line(s, r->x0, r->y1, r->x1, r->y1, MUTED, 1, NULL);
	if (title != NULL)
		text_fit(s, (r->x0 + r->x1) / 2, r->y1 + 38, LABEL_SIZE, false,
		    CRM_SVG_MIDDLE, INK, title, r->x1 - r->x0);
}

/* The title of a vertical axis, rotated, centred on r's height at x. */
static void
y_title(crm_svg *s, const area *r, const char *title, double x)
{
	char cut[1024];
	crm_svg_font f = { LABEL_SIZE, false, CRM_SVG_MIDDLE, INK, -90 };

	if (title == NULL)
		return;
	crm_svg_shorten(title, r->y1 - r->y0, LABEL_SIZE, false, cut,
	    sizeof cut);
	crm_svg_text(s, x, (r->y0 + r->y1) / 2, &f, cut);
}

/* The same for a vertical axis left of r; its title rotated, at x. */
static void
y_axis(crm_svg *s, const crm_axis *a, const area *r, const crm_human_fmt *h,
       const char *title, double title_x)
{
	char buf[CRM_HUMAN_BUFSZ];

	for (size_t i = 0; i < a->n; i++) {
		double y = crm_axis_pos(a, crm_axis_tick(a, i), r->y1, r->y0);

		line(s, r->x0, y, r->x1, y, GRID, 1, NULL);
		line(s, r->x0 - 4, y, r->x0, y, MUTED, 1, NULL);
		crm_axis_label(a, i, h, buf);
		text(s, r->x0 - 7, y + 4, TICK_SIZE, false, CRM_SVG_END,
		    MUTED, buf);
	}
	line(s, r->x0, r->y0, r->x0, r->y1, MUTED, 1, NULL);
	y_title(s, r, title, title_x);
}

void
crm_chart_size(const crm_chart_frame *f, size_t rows, double *width,
	       double *height)
{
	double w = f->width > 0 ? f->width : 800;
	double h = f->height > 0 ? f->height : rows > 0 ?
	    110 + 30 * (double)rows : 600;

	w = w < CRM_CHART_MIN_WIDTH ? CRM_CHART_MIN_WIDTH : w;
	h = h < CRM_CHART_MIN_HEIGHT ? CRM_CHART_MIN_HEIGHT : h;
	*width = w > CRM_CHART_MAX_SIZE ? CRM_CHART_MAX_SIZE : w;
	*height = h > CRM_CHART_MAX_SIZE ? CRM_CHART_MAX_SIZE : h;
}

static const char *
title_or(const crm_chart_frame *f, const char *dflt)
{
	return f->title != NULL ? f->title : dflt;
}

/* ------------------------------------------------------------------ */
/* Quadrant */

/* A marker of quadrant q at (x, y) as path data. */
static void
marker_path(char *buf, size_t cap, int q, double x, double y, double r)
{
	char a[CRM_SVG_NUMSZ], b[CRM_SVG_NUMSZ], c[CRM_SVG_NUMSZ];
	char d[CRM_SVG_NUMSZ], e[CRM_SVG_NUMSZ];

	switch (q) {
	case 0:		/* a cross */
		snprintf(buf, cap, "M%s %sL%s %sM%s %sL%s %s",
		    crm_svg_num(a, x - r), crm_svg_num(b, y - r),
		    crm_svg_num(c, x + r), crm_svg_num(d, y + r), a, d, c, b);
		break;
	case 1:		/* a square */
		snprintf(buf, cap, "M%s %sh%sv%sh-%sz",
		    crm_svg_num(a, x - r * 0.9), crm_svg_num(b, y - r * 0.9),
		    crm_svg_num(c, 1.8 * r), c, c);
		break;
	case 2:		/* a triangle, point up */
		snprintf(buf, cap, "M%s %sL%s %sL%s %sz",
		    crm_svg_num(a, x), crm_svg_num(b, y - 1.15 * r),
		    crm_svg_num(c, x + r), crm_svg_num(d, y + 0.85 * r),
		    crm_svg_num(e, x - r), d);
		break;
	default:	/* a circle */
		snprintf(buf, cap, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 -%s 0",
		    crm_svg_num(a, x - r), crm_svg_num(b, y),
		    crm_svg_num(c, r), c, crm_svg_num(d, 2 * r), c, c, d);
		break;
	}
}

/* One path element holding markers: the style of quadrant q. */
static void
markers_open(crm_svg *s, int q, double opacity)
{
	crm_svg_open(s, "path");
	crm_svg_attr(s, "fill", q == 0 ? "none" : q_fill[q]);
	crm_svg_attr(s, "stroke", q_edge[q]);
	crm_svg_attr_num(s, "stroke-width", q == 0 ? 1.6 : 0.8);
	if (opacity < 1)
		crm_svg_attr_num(s, "opacity", opacity);
	crm_svg_attr_open(s, "d");
}

struct qgeom {
	bool clipped;		/* an axis leaves out the extreme values */
	area r;			/* the plot */
	area in;		/* where the data goes: without the bands at
				 * the top and bottom that hold cell labels */
	crm_axis ax, ay;
	double tx, ty;		/* threshold positions, px */
	box cell_box[4];	/* where the cell labels went */
};

/* Where a value goes; one beyond an axis goes to its end. */
static double
qx(const struct qgeom *g, double v)
{
	return fmin(fmax(crm_axis_pos(&g->ax, v, g->r.x0, g->r.x1), g->r.x0),
	    g->r.x1);
}

static double
qy(const struct qgeom *g, double v)
{
	return fmin(fmax(crm_axis_pos(&g->ay, v, g->in.y1, g->in.y0),
	    g->in.y0), g->in.y1);
}

static void
quadrant_points(crm_svg *s, const struct qgeom *g, const crm_sample *pts)
{
	char d[256];
	double opacity = pts->n > 1000 ? 0.55 : pts->n > 200 ? 0.75 : 0.9;

	for (int q = 0; q < 4; q++) {
		bool any = false;

		for (size_t i = 0; i < pts->n; i++) {
			const crm_sample_row *p = &pts->row[i];

			if (p->group != q)
				continue;
			if (!any)
				markers_open(s, q, opacity);
			any = true;
			marker_path(d, sizeof d, q, qx(g, p->x), qy(g, p->y),
			    3.2);
			crm_svg_raw(s, d);
		}
		if (any) {
			crm_svg_attr_close(s);
			crm_svg_empty(s);
		}
	}
}

/*
 * Split a label into at most two lines that fit max_w at size, bold:
 * at the last space that lets the first line fit; what still does not
 * fit is shortened.  Returns the number of lines (1 or 2).
 */
static int
wrap_label(const char *label, double max_w, double size, char *l1,
	   char *l2, size_t cap)
{
	const char *sp = NULL;
	char first[512];

	l2[0] = '\0';
	if (crm_svg_text_width(label, size, true) <= max_w) {
		crm_svg_shorten(label, max_w, size, true, l1, cap);
		return 1;
	}
	for (const char *p = strchr(label, ' '); p != NULL;
	    p = strchr(p + 1, ' ')) {
		size_t n = (size_t)(p - label);

		if (n >= sizeof first)
			break;
		memcpy(first, label, n);
		first[n] = '\0';
		if (crm_svg_text_width(first, size, true) <= max_w)
			sp = p;
	}
	if (sp == NULL) {
		crm_svg_shorten(label, max_w, size, true, l1, cap);
		return 1;
	}
	memcpy(first, label, (size_t)(sp - label));
	first[sp - label] = '\0';
	crm_svg_shorten(first, max_w, size, true, l1, cap);
	crm_svg_shorten(sp + 1, max_w, size, true, l2, cap);
	return 2;
}

/* The label block of quadrant q in the outer corner of its cell, at most
 * max_w wide: a marker, the label (one or two lines), the count. */
static void
quadrant_cell(crm_svg *s, struct qgeom *g, const crm_chart_quadrant *q,
	      int k, double max_w, unsigned long total, bool german)
{
	char l1[512], l2[512], cnt[TEXT_BUF], fit[TEXT_BUF], d[256];
	bool right = k >= 2, top = k == 1 || k == 3;
	double pad = 6, size = 13, bw, bh, x, y;
	int lines;

	lines = wrap_label(q->labels[k], max_w - 2 * pad - 14, size, l1, l2,
	    sizeof l1);
	customers_text(cnt, sizeof cnt, q->count[k], total, german);
	if (crm_svg_text_width(cnt, LABEL_SIZE, false) > max_w - 2 * pad) {
		/* narrow: the figures without the word */
		char c[CRM_HUMAN_BUFSZ], p[CRM_HUMAN_BUFSZ];

		snprintf(cnt, sizeof cnt, "%s (%s)", count_text(c,
		    (double)q->count[k], german), percent_text(p,
		    (double)q->count[k] / (double)total, german));
	}
	crm_svg_shorten(cnt, max_w - 2 * pad, LABEL_SIZE, false, fit,
	    sizeof fit);
	bw = crm_svg_text_width(l1, size, true) + 14;
	if (lines == 2 && crm_svg_text_width(l2, size, true) + 14 > bw)
		bw = crm_svg_text_width(l2, size, true) + 14;
	if (crm_svg_text_width(fit, LABEL_SIZE, false) > bw)
		bw = crm_svg_text_width(fit, LABEL_SIZE, false);
	bw += 2 * pad;
	bh = 2 * pad + 16 * lines + 15;
	x = right ? g->r.x1 - 4 - bw : g->r.x0 + 4;
	y = top ? g->r.y0 + 4 : g->r.y1 - 4 - bh;
	g->cell_box[k] = (box){ x, y, x + bw, y + bh };
	crm_svg_open(s, "rect");
	crm_svg_attr_num(s, "x", x);
	crm_svg_attr_num(s, "y", y);
	crm_svg_attr_num(s, "width", bw);
	crm_svg_attr_num(s, "height", bh);
	crm_svg_attr(s, "rx", "3");
	crm_svg_attr(s, "fill", "#ffffff");
	crm_svg_attr(s, "fill-opacity", "0.9");
	crm_svg_attr(s, "stroke", q_text[k]);
	crm_svg_empty(s);
	markers_open(s, k, 1);
	marker_path(d, sizeof d, k, x + pad + 5, y + pad + 8, 4.5);
	crm_svg_raw(s, d);
	crm_svg_attr_close(s);
	crm_svg_empty(s);
	text(s, x + pad + 14, y + pad + 13, size, true, CRM_SVG_START,
	    q_text[k], l1);
	if (lines == 2)
		text(s, x + pad + 14, y + pad + 29, size, true, CRM_SVG_START,
		    q_text[k], l2);
	text(s, x + pad, y + pad + 16 * lines + 12, LABEL_SIZE, false,
	    CRM_SVG_START, INK, fit);
}

/* The widths the two labels of one row of cells may take. */
static void
share_width(double want_l, double want_r, double room, double *wl,
	    double *wr)
{
	*wl = want_l;
	*wr = want_r;
	if (want_l + want_r <= room)
		return;
	if (want_l <= room / 2)
		*wr = room - want_l;
	else if (want_r <= room / 2)
		*wl = room - want_r;
	else
		*wl = *wr = room / 2;
}

/* The width a cell label block wants. */
static double
cell_want(const crm_chart_quadrant *q, int k, unsigned long total,
	  bool german)
{
	char cnt[TEXT_BUF];
	double w = crm_svg_text_width(q->labels[k], 13, true) + 14;
	double c;

	customers_text(cnt, sizeof cnt, q->count[k], total, german);
	c = crm_svg_text_width(cnt, LABEL_SIZE, false);
	return (w > c ? w : c) + 12;
}

struct cand {
	double dist;
	size_t i;
};

static int
by_dist(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->dist != y->dist)
		return x->dist < y->dist ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

#define MAX_POINT_LABELS 30
#define CELL 3.0		/* px: the grid of where points are */

/* Where the points lie: a count per CELL x CELL px of the plot. */
struct occupancy {
	unsigned short *n;
	size_t gw, gh;
	double x0, y0;
};

static size_t
occ_index(const struct occupancy *o, double x, double y)
{
	double cx = floor((x - o->x0) / CELL), cy = floor((y - o->y0) / CELL);

	cx = fmin(fmax(cx, 0), (double)o->gw - 1);
	cy = fmin(fmax(cy, 0), (double)o->gh - 1);
	return (size_t)cy * o->gw + (size_t)cx;
}

static void
occ_init(struct occupancy *o, const struct qgeom *g, const crm_sample *pts)
{
	o->x0 = g->r.x0;
	o->y0 = g->r.y0;
	o->gw = (size_t)ceil((g->r.x1 - g->r.x0) / CELL) + 1;
	o->gh = (size_t)ceil((g->r.y1 - g->r.y0) / CELL) + 1;
	o->n = crm_xcalloc(o->gw * o->gh, sizeof *o->n);
	for (size_t i = 0; i < pts->n; i++) {
		size_t k = occ_index(o, qx(g, pts->row[i].x),
		    qy(g, pts->row[i].y));

		if (o->n[k] < 65535)
			o->n[k]++;
	}
}

/* Whether b, widened by a marker's radius, holds no point. */
static bool
occ_free(const struct occupancy *o, const box *b)
{
	size_t i0 = occ_index(o, b->x0 - 3, b->y0 - 3);
	size_t i1 = occ_index(o, b->x1 + 3, b->y1 + 3);

	for (size_t y = i0 / o->gw; y <= i1 / o->gw; y++)
		for (size_t x = i0 % o->gw; x <= i1 % o->gw; x++)
			if (o->n[y * o->gw + x] > 0)
				return false;
	return true;
}

/* A label of a point at (px, py) in the first of four places (right,
 * left, above, below) where it covers no other point, no text placed
 * before and stays inside the plot; its box goes into placed. */
static bool
point_label(crm_svg *s, const struct qgeom *g, struct occupancy *o,
	    double px, double py, const char *label, box *placed, size_t *np)
{
	static const double off[4][2] = { { 7, 4 }, { -7, 4 }, { 0, -8 },
	    { 0, 16 } };
	static const crm_svg_anchor an[4] = { CRM_SVG_START, CRM_SVG_END,
	    CRM_SVG_MIDDLE, CRM_SVG_MIDDLE };
	const double size = 10;
	size_t own = occ_index(o, px, py);
	double w = crm_svg_text_width(label, size, false);
	bool ok = false;

	o->n[own]--;		/* its own marker may touch its label */
	for (int j = 0; j < 4 && !ok; j++) {
		double x = px + off[j][0], y = py + off[j][1];
		double x0 = an[j] == CRM_SVG_START ? x : an[j] == CRM_SVG_END ?
		    x - w : x - w / 2;
		box b = { x0 - 1, y - size, x0 + w + 1, y + 3 };

		ok = b.x0 >= g->r.x0 && b.x1 <= g->r.x1 && b.y0 >= g->r.y0 &&
		    b.y1 <= g->r.y1 && occ_free(o, &b);
		for (size_t m = 0; ok && m < *np; m++)
			ok = !overlaps(&b, &placed[m]);
		if (ok) {
			placed[(*np)++] = b;
			text(s, x, y, size, false, an[j], INK, label);
		}
	}
	o->n[own]++;
	return ok;
}

/* Labels of the points, outliers first (by distance from the crossing
 * of the thresholds), each where it hides nothing. */
static void
point_labels(crm_svg *s, const struct qgeom *g, const crm_sample *pts)
{
	struct cand *c = crm_xreallocarray(NULL, pts->n + 1, sizeof *c);
	box placed[MAX_POINT_LABELS + 6];
	size_t nc = 0, np = 6;
	struct occupancy o;

	/* the cell labels and the threshold lines */
	memcpy(placed, g->cell_box, sizeof g->cell_box);
	placed[4] = (box){ g->tx - 1, g->r.y0, g->tx + 1, g->r.y1 };
	placed[5] = (box){ g->r.x0, g->ty - 1, g->r.x1, g->ty + 1 };
	for (size_t i = 0; i < pts->n; i++) {
		double dx, dy;

		if (pts->row[i].label == NULL || pts->row[i].label[0] == '\0')
			continue;
		dx = qx(g, pts->row[i].x) - g->tx;
		dy = qy(g, pts->row[i].y) - g->ty;
		c[nc++] = (struct cand){ dx * dx + dy * dy, i };
	}
	qsort(c, nc, sizeof *c, by_dist);
	occ_init(&o, g, pts);
	for (size_t k = 0; k < nc && k < 500 && np < MAX_POINT_LABELS + 6;
	    k++) {
		const crm_sample_row *p = &pts->row[c[k].i];
		char t[256];

		crm_svg_shorten(p->label, 130, 10, false, t, sizeof t);
		if (t[0] != '\0')
			point_label(s, g, &o, qx(g, p->x), qy(g, p->y), t,
			    placed, &np);
	}
	free(o.n);
	free(c);
}

/* Axis title with the threshold: "effectiveness: revenue/target
 * (threshold 0.99, median)". */
static void
quadrant_axis_title(char *buf, size_t cap, bool x, const char *name,
		    double t, const char *split, bool german)
{
	char v[CRM_HUMAN_BUFSZ];
	const char *dim = x ? (german ? "Effektivität" : "effectiveness") :
	    (german ? "Wirtschaftlichkeit" : "efficiency");

	value_text(v, t, german);
	if (split != NULL && strcmp(split, v) != 0)
		snprintf(buf, cap, "%s: %s (%s %s, %s)", dim, name,
		    german ? "Schwelle" : "threshold", v, split);
	else
		snprintf(buf, cap, "%s: %s (%s %s)", dim, name,
		    german ? "Schwelle" : "threshold", v);
}

/*
 * The range of one axis: every row's value and the threshold, unless a
 * few extreme values would squeeze the rest into a corner: when the
 * points drawn (at least 100) span more than four times what their
 * middle 99 % span, the axis covers that middle (and the threshold) and
 * the points beyond are drawn at its end.  Returns whether it did.
 */
static bool
quadrant_range(const crm_sample *pts, bool x, double min, double max,
	       double t, double *lo, double *hi)
{
	double *v, a, b;

	*lo = fmin(min, t);
	*hi = fmax(max, t);
	if (pts == NULL || pts->n < 100)
		return false;
	v = crm_xreallocarray(NULL, pts->n, sizeof *v);
	for (size_t i = 0; i < pts->n; i++)
		v[i] = x ? pts->row[i].x : pts->row[i].y;
	crm_stats_sort(v, pts->n);
	a = crm_stats_quantile7_sorted(v, pts->n, 0.005);
	b = crm_stats_quantile7_sorted(v, pts->n, 0.995);
	free(v);
	if (!(b > a) || max - min <= 4 * (b - a))
		return false;
	*lo = fmin(a - (b - a) * 0.02, t);
	*hi = fmax(b + (b - a) * 0.02, t);
	return true;
}

static void
quadrant_layout(struct qgeom *g, const crm_chart_quadrant *q, double w,
		double h, double top, const crm_human_fmt *hf)
{
	double xlo, xhi, ylo, yhi, px, band, left;

	g->clipped = quadrant_range(q->points, true, q->xmin, q->xmax, q->tx,
	    &xlo, &xhi);
	g->clipped |= quadrant_range(q->points, false, q->ymin, q->ymax, q->ty,
	    &ylo, &yhi);
	px = (xhi - xlo) * 0.03;
	g->r.y0 = top;
	g->r.y1 = h - (g->clipped ? 66 : 52);
	/* the cell labels sit in bands at the top and bottom that the
	 * data (and the y axis's ticks) are kept out of, so that they
	 * hide no point */
	band = fmin(64, (g->r.y1 - g->r.y0) / 5);
	g->in = g->r;
	g->in.y0 += band;
	g->in.y1 -= band;
	crm_axis_fit(ylo, yhi, g->in.y1 - g->in.y0, false, false, TICK_SIZE,
	    hf, &g->ay);
	left = MARGIN + 16 + 10 + crm_axis_widest(&g->ay, TICK_SIZE, hf);
	g->r.x0 = left;
	g->r.x1 = w - MARGIN - 12;
	g->in.x0 = g->r.x0;
	g->in.x1 = g->r.x1;
	crm_axis_fit(xlo - px, xhi + px, g->r.x1 - g->r.x0, true, false,
	    TICK_SIZE, hf, &g->ax);
	g->tx = qx(g, q->tx);
	g->ty = qy(g, q->ty);
}

/* Under the chart: how many points lie beyond the axes. */
static void
quadrant_clip_note(crm_svg *s, const struct qgeom *g, const crm_sample *pts,
		   double h, bool german)
{
	char note[TEXT_BUF], c[CRM_HUMAN_BUFSZ];
	unsigned long n = 0;

	for (size_t i = 0; i < pts->n; i++) {
		double x = crm_axis_pos(&g->ax, pts->row[i].x, g->r.x0,
		    g->r.x1);
		double y = crm_axis_pos(&g->ay, pts->row[i].y, g->in.y1,
		    g->in.y0);

		n += x < g->r.x0 || x > g->r.x1 || y < g->in.y0 ||
		    y > g->in.y1;
	}
	count_text(c, (double)n, german);
	snprintf(note, sizeof note, german ? "%s %s jenseits der Achsen, am "
	    "Rand gezeigt" : "%s %s beyond the axes, drawn at their end", c,
	    german ? (n == 1 ? "Punkt" : "Punkte") :
	    (n == 1 ? "point" : "points"));
	text(s, MARGIN, h - 6, TICK_SIZE, false, CRM_SVG_START, MUTED, note);
}

void
crm_chart_quadrant_draw(crm_svg *s, const crm_chart_frame *f,
			const crm_chart_quadrant *q)
{
	unsigned long total = q->count[0] + q->count[1] + q->count[2] +
	    q->count[3];
	const char *title = title_or(f, f->german ?
	    "Effektivität und Wirtschaftlichkeit des Kundenmanagements" :
	    "Effectiveness and efficiency of customer management");
	char xt[1024], yt[1024];
	double w, h, top, room, wl, wr;
	struct qgeom g;
	crm_human_fmt hf;

	crm_chart_size(f, 0, &w, &h);
	if (total == 0) {
		no_data(s, w, h, title, f->german);
		return;
	}
	crm_human_fmt_init(&hf, f->german);
	top = start(s, w, h, title);
	quadrant_layout(&g, q, w, h, top, &hf);
	quadrant_axis_title(xt, sizeof xt, true, q->x_name, q->tx, q->x_split,
	    f->german);
	quadrant_axis_title(yt, sizeof yt, false, q->y_name, q->ty,
	    q->y_split, f->german);
	x_axis(s, &g.ax, &g.r, &hf, xt);
	y_axis(s, &g.ay, &g.in, &hf, NULL, 0);
	line(s, g.r.x0, g.r.y0, g.r.x0, g.r.y1, MUTED, 1, NULL);
	y_title(s, &g.r, yt, MARGIN + 8);
	line(s, g.tx, g.r.y0, g.tx, g.r.y1, "#333333", 1.5, "6 4");
	line(s, g.r.x0, g.ty, g.r.x1, g.ty, "#333333", 1.5, "6 4");
	if (q->points != NULL)
		quadrant_points(s, &g, q->points);
	room = g.r.x1 - g.r.x0 - 8 - 12;
	for (int row = 0; row < 2; row++) {
		int kl = row, kr = row + 2;	/* 0, 2: low y; 1, 3: high y */

		share_width(cell_want(q, kl, total, f->german),
		    cell_want(q, kr, total, f->german), room, &wl, &wr);
		quadrant_cell(s, &g, q, kl, wl, total, f->german);
		quadrant_cell(s, &g, q, kr, wr, total, f->german);
	}
	if (q->points != NULL)
		point_labels(s, &g, q->points);
	/* Only points clip an axis (quadrant_range); the test says so to
	 * the analyzer too. */
	if (g.clipped && q->points != NULL)
		quadrant_clip_note(s, &g, q->points, h, f->german);
	crm_svg_end(s);
}

/* ------------------------------------------------------------------ */
/* Bars */

static void
bars_range(const crm_chart_bars *b, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t i = 0; i < b->n; i++) {
		*lo = fmin(*lo, b->value[i]);
		*hi = fmax(*hi, b->value[i]);
		if (b->target != NULL && !isnan(b->target[i])) {
			*lo = fmin(*lo, b->target[i]);
			*hi = fmax(*hi, b->target[i]);
		}
	}
}

/* The legend above the bars: the value's swatch, the target's mark. */
static void
bars_legend(crm_svg *s, const crm_chart_bars *b, double x, double y,
	    double max_w)
{
	double w1 = fmin(crm_svg_text_width(b->value_name, LABEL_SIZE, false),
	    max_w / 2 - 30);

	rect(s, x, y - 10, 18, 11, BAR, BAR_EDGE);
	text_fit(s, x + 24, y, LABEL_SIZE, false, CRM_SVG_START, INK,
	    b->value_name, max_w / 2 - 30);
	if (b->target_name == NULL)
		return;
	x += 24 + w1 + 24;
	line(s, x + 8, y - 12, x + 8, y + 3, "#000000", 3, NULL);
	text_fit(s, x + 20, y, LABEL_SIZE, false, CRM_SVG_START, INK,
	    b->target_name, max_w / 2 - 30);
}

static double
bars_label_width(const crm_chart_bars *b, double size, double cap)
{
	double w = 0;

	for (size_t i = 0; i < b->n; i++)
		w = fmax(w, crm_svg_text_width(b->category[i], size, false));
	return fmin(w, cap);
}

/* The widest value label of the negative bars (drawn left of their
 * ends) or of the others (right of them). */
static double
bars_value_width(const crm_chart_bars *b, bool negative, bool german)
{
	char v[CRM_HUMAN_BUFSZ];
	double w = 0;

	for (size_t i = 0; i < b->n; i++)
		if ((b->value[i] < 0) == negative)
			w = fmax(w, crm_svg_text_width(value_text(v,
			    b->value[i], german), TICK_SIZE, false));
	return w;
}

/* One bar, its value, its target mark; row is the band's top. */
static void
bars_one(crm_svg *s, const crm_chart_bars *b, size_t i, const crm_axis *ax,
	 const area *r, double row, double band, bool german)
{
	char v[CRM_HUMAN_BUFSZ];
	double x0 = crm_axis_pos(ax, 0, r->x0, r->x1);
	double xv = crm_axis_pos(ax, b->value[i], r->x0, r->x1);
	double th = fmax(band * 0.62, 2), y = row + (band - th) / 2;
	double end = xv, size = fmin(TICK_SIZE, fmax(band * 0.7, 7));
	bool has_t = b->target != NULL && !isnan(b->target[i]);

	rect(s, fmin(x0, xv), y, fabs(xv - x0), th, BAR, BAR_EDGE);
	if (has_t) {
		double xt = crm_axis_pos(ax, b->target[i], r->x0, r->x1);

		line(s, xt, row + band * 0.08, xt, row + band * 0.92,
		    "#000000", 3, NULL);
		end = b->value[i] >= 0 ? fmax(xv, xt) : fmin(xv, xt);
	}
	if (band < 7)
		return;
	value_text(v, b->value[i], german);
	if (b->value[i] >= 0)
		text(s, end + 5, row + band / 2 + size * 0.35, size, false,
		    CRM_SVG_START, INK, v);
	else
		text(s, end - 5, row + band / 2 + size * 0.35, size, false,
		    CRM_SVG_END, INK, v);
}

void
crm_chart_bars_draw(crm_svg *s, const crm_chart_frame *f,
		    const crm_chart_bars *b)
{
	char title_buf[1024];
	double w, h, top, lo, hi, band, size, lw, vw;
	unsigned long every;
	crm_human_fmt hf;
	crm_axis ax;
	area r;

	snprintf(title_buf, sizeof title_buf, f->german ? "%s nach %s" :
	    "%s by %s", b->value_name, b->category_name);
	crm_chart_size(f, b->n + 1, &w, &h);
	if (b->n == 0) {
		no_data(s, w, h, title_or(f, title_buf), f->german);
		return;
	}
	crm_human_fmt_init(&hf, f->german);
	top = start(s, w, h, title_or(f, title_buf)) + 22;
	bars_legend(s, b, MARGIN, top - 10, w - 2 * MARGIN);
	r.y0 = top + 4;
	r.y1 = h - 44 - (b->omitted > 0 ? 16 : 0);
	band = (r.y1 - r.y0) / (double)b->n;
	size = fmin(LABEL_SIZE, fmax(band * 0.75, 9));
	lw = bars_label_width(b, size, w * 0.35);
	/* names, then room for the values of negative bars, then the
	 * bars, then room for the values of the others */
	vw = bars_value_width(b, true, f->german);
	r.x0 = MARGIN + lw + 10 + (vw > 0 ? vw + 6 : 0);
	vw = bars_value_width(b, false, f->german);
	r.x1 = w - MARGIN - vw - 10;
	bars_range(b, &lo, &hi);
	crm_axis_fit(lo, hi, r.x1 - r.x0, true, false, TICK_SIZE, &hf, &ax);
	x_axis(s, &ax, &r, &hf, NULL);
	/* names stay readable (9 px at least) and a line apart: when the
	 * bands are narrower, every k-th bar is named */
	every = band >= size + 1 ? 1 : (unsigned long)ceil((size + 1) / band);
	for (size_t i = 0; i < b->n; i++) {
		double row = r.y0 + band * (double)i;

		bars_one(s, b, i, &ax, &r, row, band, f->german);
		if (i % every == 0)
			text_fit(s, MARGIN + lw, row + band / 2 + size * 0.35,
			    size, false, CRM_SVG_END, INK, b->category[i], lw);
	}
	line(s, crm_axis_pos(&ax, 0, r.x0, r.x1), r.y0,
	    crm_axis_pos(&ax, 0, r.x0, r.x1), r.y1, MUTED, 1, NULL);
	if (b->omitted > 0) {
		char note[TEXT_BUF], c[CRM_HUMAN_BUFSZ];

		snprintf(note, sizeof note, f->german ?
		    "%s weitere Zeilen nicht gezeigt" :
		    "%s more rows not shown",
		    count_text(c, (double)b->omitted, f->german));
		text(s, MARGIN, h - 10, TICK_SIZE, false, CRM_SVG_START, MUTED,
		    note);
	}
	crm_svg_end(s);
}

/* ------------------------------------------------------------------ */
/* Funnel */

#define FUNNEL_MIN_PANEL 170.0

/* The sizes all panels share: one scale for every group, so that bar
 * widths compare across groups. */
struct fgeom {
	double row, th;		/* a phase's band and its bar's thickness */
	double bar_w, text_w;	/* the bar column and the text column */
	double max;		/* reached at the full bar width */
};

/* "1,234 (45.6%)": reached and the conversion from the first phase. */
static const char *
funnel_text(char *buf, size_t cap, const double *reached, size_t p,
	    bool german)
{
	char c[CRM_HUMAN_BUFSZ], pc[CRM_HUMAN_BUFSZ];

	count_text(c, reached[p], german);
	if (reached[0] > 0)
		snprintf(buf, cap, "%s (%s)", c,
		    percent_text(pc, reached[p] / reached[0], german));
	else
		snprintf(buf, cap, "%s", c);
	return buf;
}

/* One group's funnel in the panel from x0; rows start at y0. */
static void
funnel_panel(crm_svg *s, const crm_chart_funnel *fn, size_t gi, double x0,
	     double y0, const struct fgeom *fg, bool german)
{
	const double *reached = fn->reached + gi * fn->nphase;
	double cx = x0 + fg->bar_w / 2;

	for (size_t p = 0; p < fn->nphase; p++) {
		char pc[CRM_HUMAN_BUFSZ], t[TEXT_BUF];
		double y = y0 + fg->row * (double)p, bw, gap = fg->row - fg->th;

		bw = fg->max > 0 ? reached[p] / fg->max * fg->bar_w : 0;
		rect(s, cx - bw / 2, y, bw, fg->th, BAR, BAR_EDGE);
		text_fit(s, x0 + fg->bar_w + 8, y + fg->th / 2 + 4, TICK_SIZE,
		    false, CRM_SVG_START, INK,
		    funnel_text(t, sizeof t, reached, p, german), fg->text_w);
		if (p > 0 && reached[p - 1] > 0 && gap >= 9) {
			snprintf(t, sizeof t, "\xE2\x86\x93 %s",
			    percent_text(pc, reached[p] / reached[p - 1],
			    german));
			text(s, cx, y - gap / 2 + 4, fmin(10, gap - 2), false,
			    CRM_SVG_MIDDLE, MUTED, t);
		}
	}
}

/* The shared sizes for panels panel px wide of the first shown groups. */
static void
funnel_geom(const crm_chart_funnel *fn, size_t shown, double panel,
	    double row, bool german, struct fgeom *fg)
{
	char t[TEXT_BUF];

	fg->row = row;
	fg->th = row * 0.58;
	fg->max = 0;
	fg->text_w = 0;
	for (size_t g = 0; g < shown; g++)
		for (size_t p = 0; p < fn->nphase; p++) {
			const double *r = fn->reached + g * fn->nphase;

			fg->max = fmax(fg->max, r[p]);
			fg->text_w = fmax(fg->text_w, crm_svg_text_width(
			    funnel_text(t, sizeof t, r, p, german), TICK_SIZE,
			    false));
		}
	fg->text_w = fmin(fg->text_w + 2, panel * 0.5);
	fg->bar_w = panel - fg->text_w - 20;
}

void
crm_chart_funnel_draw(crm_svg *s, const crm_chart_frame *f,
		      const crm_chart_funnel *fn)
{
	const char *title = title_or(f, f->german ?
	    "Kundenprozess: erreichte Phasen" :
	    "Customer process: phases reached");
	double w, h, top, lw = 0, row, panel, size;
	struct fgeom fg;
	size_t ng = fn->ngroup, shown;
	bool named = fn->group != NULL;
	unsigned long omitted = fn->omitted;

	crm_chart_size(f, fn->nphase + 1, &w, &h);
	if (fn->nphase == 0 || ng == 0) {
		no_data(s, w, h, title, f->german);
		return;
	}
	top = start(s, w, h, title) + (named ? 22 : 6);
	for (size_t p = 0; p < fn->nphase; p++)
		lw = fmax(lw, crm_svg_text_width(fn->phase[p], LABEL_SIZE,
		    false));
	lw = fmin(lw, w * 0.3);
	row = (h - top - MARGIN - (omitted > 0 ? 16 : 0)) /
	    (double)fn->nphase;
	size = fmin(LABEL_SIZE, fmax(row * 0.5, 6));
	shown = (size_t)((w - 2 * MARGIN - lw - 10) / FUNNEL_MIN_PANEL);
	shown = shown < 1 ? 1 : shown > ng ? ng : shown;
	omitted += ng - shown;
	panel = (w - 2 * MARGIN - lw - 10) / (double)shown;
	for (size_t p = 0; p < fn->nphase; p++)
		text_fit(s, MARGIN + lw, top + row * (double)p + row * 0.31 +
		    size * 0.35, size, false, CRM_SVG_END, INK, fn->phase[p],
		    lw);
	funnel_geom(fn, shown, panel, row, f->german, &fg);
	for (size_t gi = 0; gi < shown; gi++) {
		double x0 = MARGIN + lw + 14 + panel * (double)gi;

		if (named)
			text_fit(s, x0 + fg.bar_w / 2, top - 12, LABEL_SIZE,
			    true, CRM_SVG_MIDDLE, INK, fn->group[gi],
			    panel - 12);
		funnel_panel(s, fn, gi, x0, top, &fg, f->german);
	}
	if (omitted > 0) {
		char note[TEXT_BUF], c[CRM_HUMAN_BUFSZ];

		snprintf(note, sizeof note, f->german ?
		    "%s weitere Gruppen nicht gezeigt" :
		    "%s more groups not shown",
		    count_text(c, (double)omitted, f->german));
		text(s, MARGIN, h - 8, TICK_SIZE, false, CRM_SVG_START, MUTED,
		    note);
	}
	crm_svg_end(s);
}

/* ------------------------------------------------------------------ */
/* Pareto */

/* The cumulative shares at the vertices drawn: k = 0 .. m, the top
 * idx[k] rows.  Returns m + 1 (at most max + 1 vertices). */
static size_t
pareto_vertices(const crm_chart_pareto *p, size_t max, double total,
		double *xs, double *ys)
{
	size_t m = p->n < max ? p->n : max, next = 0;
	double cum = 0, comp = 0;

	xs[0] = 0;
	ys[0] = 0;
	for (size_t k = 1; k <= m; k++) {
		size_t upto = (size_t)(((double)k * (double)p->n) / (double)m +
		    0.5);

		upto = upto > p->n ? p->n : upto;
		for (; next < upto; next++) {	/* Kahan summation */
			double yv = p->desc[next] - comp, t = cum + yv;

			comp = (t - cum) - yv;
			cum = t;
		}
		xs[k] = (double)upto / (double)p->n;
		ys[k] = total > 0 ? cum / total : 0;
	}
	return m + 1;
}

/* The share of the total held by rows [a, b). */
static double
pareto_share(const crm_chart_pareto *p, size_t a, size_t b, double total)
{
	double sum = 0;

	for (size_t i = a; i < b && i < p->n; i++)
		sum += p->desc[i];
	return total > 0 ? sum / total : 0;
}

/* The curve's height at row share x, between the vertices around it. */
static double
pareto_at(const double *xs, const double *ys, size_t nv, double x)
{
	for (size_t i = 1; i < nv; i++)
		if (xs[i] >= x) {
			double d = xs[i] - xs[i - 1];

			return d > 0 ? ys[i - 1] + (ys[i] - ys[i - 1]) *
			    (x - xs[i - 1]) / d : ys[i];
		}
	return ys[nv - 1];
}

/* The area under the curve between row shares xa and xb, filled. */
static void
pareto_region(crm_svg *s, const double *xs, const double *ys, size_t nv,
	      double xa, double xb, const crm_axis *ax, const crm_axis *ay,
	      const area *r, const char *fill)
{
	double *px = crm_xreallocarray(NULL, nv + 4, sizeof *px);
	double *py = crm_xreallocarray(NULL, nv + 4, sizeof *py);
	size_t n = 0;

	px[n] = crm_axis_pos(ax, xa, r->x0, r->x1);
	py[n++] = r->y1;
	px[n] = px[0];
	py[n++] = crm_axis_pos(ay, pareto_at(xs, ys, nv, xa), r->y1, r->y0);
	for (size_t i = 0; i < nv; i++)
		if (xs[i] > xa && xs[i] < xb) {
			px[n] = crm_axis_pos(ax, xs[i], r->x0, r->x1);
			py[n++] = crm_axis_pos(ay, ys[i], r->y1, r->y0);
		}
	px[n] = crm_axis_pos(ax, xb, r->x0, r->x1);
	py[n++] = crm_axis_pos(ay, pareto_at(xs, ys, nv, xb), r->y1, r->y0);
	px[n] = px[n - 1];
	py[n++] = r->y1;
	crm_svg_open(s, "polygon");
	crm_svg_attr_points(s, "points", px, py, n);
	crm_svg_attr(s, "fill", fill);
	crm_svg_empty(s);
	free(px);
	free(py);
}

/* The legend of the classes, bottom right inside the plot. */
static void
pareto_legend(crm_svg *s, const crm_chart_pareto *p, const area *r,
	      double total, bool german)
{
	char t[3][2 * TEXT_BUF];
	double bw = 0, x, y;
	size_t from = 0;

	for (int k = 0; k < 3; k++) {
		char c[TEXT_BUF], v[CRM_HUMAN_BUFSZ];
		size_t to = from + p->class_size[k];

		customers_text(c, sizeof c, (unsigned long)p->class_size[k],
		    (unsigned long)p->n, german);
		snprintf(t[k], sizeof t[k], german ? "%c: %s, %s der Summe" :
		    "%c: %s, %s of the total", 'A' + k, c,
		    percent_text(v, pareto_share(p, from, to, total), german));
		from = to;
		bw = fmax(bw, crm_svg_text_width(t[k], LABEL_SIZE, false));
	}
	bw = fmin(bw + 36, r->x1 - r->x0 - 8);
	x = r->x1 - bw - 6;
	y = r->y1 - 6 - 3 * 20 - 10;
	rect(s, x, y, bw, 3 * 20 + 10, "#ffffff", GRID);
	for (int k = 0; k < 3; k++) {
		rect(s, x + 8, y + 9 + 20 * k, 14, 12, abc_fill[k], MUTED);
		text_fit(s, x + 28, y + 19 + 20 * k, LABEL_SIZE, false,
		    CRM_SVG_START, INK, t[k], bw - 34);
	}
}

/* Dashed lines at the cuts with their percent, and the class letters. */
static void
pareto_cuts(crm_svg *s, const crm_chart_pareto *p, const crm_axis *ax,
	    const crm_axis *ay, const area *r, const double *xs,
	    const double *ys, size_t nv, bool german)
{
	size_t from = 0;

	for (int k = 0; k < 2; k++) {
		char v[CRM_HUMAN_BUFSZ];
		double y = crm_axis_pos(ay, p->cut[k], r->y1, r->y0);
		crm_human_fmt hf;

		human_fmt(&hf, german, 0);
		crm_human_percent(v, p->cut[k], &hf);
		line(s, r->x0, y, r->x1, y, "#000000", 1.2, "5 4");
		text(s, r->x1 - 4, y - 4, TICK_SIZE, true, CRM_SVG_END, INK,
		    v);
	}
	for (int k = 0; k < 3; k++) {
		size_t to = from + p->class_size[k];
		double xa = crm_axis_pos(ax, (double)from / (double)p->n,
		    r->x0, r->x1);
		double xb = crm_axis_pos(ax, (double)to / (double)p->n, r->x0,
		    r->x1);
		char l[2] = { (char)('A' + k), '\0' };

		if (k > 0 && p->class_size[k] > 0)
			line(s, xa, r->y0, xa, r->y1, MUTED, 1, "2 3");
		/* the letter halfway up the region's middle: above the
		 * legend, which covers less than the lowest 20 % */
		if (xb - xa >= 16)
			text(s, (xa + xb) / 2, (r->y1 + crm_axis_pos(ay,
			    pareto_at(xs, ys, nv, (double)(from + to) / 2 /
			    (double)p->n), r->y1, r->y0)) / 2 + 6, 16, true,
			    CRM_SVG_MIDDLE, abc_text[k], l);
		from = to;
	}
}

void
crm_chart_pareto_draw(crm_svg *s, const crm_chart_frame *f,
		      const crm_chart_pareto *p)
{
	char title[1024], xt[1024], yt[1024];
	double w, h, top, total = 0, *xs, *ys, xa = 0;
	size_t nv, max;
	crm_human_fmt hf;
	crm_axis ax, ay;
	area r;

	snprintf(title, sizeof title, f->german ? "ABC-Analyse: %s" :
	    "ABC analysis: %s", p->value_name);
	for (size_t i = 0; i < p->n; i++)
		total += p->desc[i];
	crm_chart_size(f, 0, &w, &h);
	if (p->n == 0 || !(total > 0)) {
		no_data(s, w, h, title_or(f, title), f->german);
		return;
	}
	crm_human_fmt_init(&hf, f->german);
	top = start(s, w, h, title_or(f, title));
	r = (area){ 0, top, w - MARGIN - 20, h - 52 };
	crm_axis_nice(0, 1, 6, true, &ay);
	r.x0 = MARGIN + 16 + 10 + crm_axis_widest(&ay, TICK_SIZE, &hf);
	crm_axis_fit(0, 1, r.x1 - r.x0, true, true, TICK_SIZE, &hf, &ax);
	snprintf(xt, sizeof xt, f->german ?
	    "Anteil der Kunden, nach %s absteigend" :
	    "share of customers, by %s descending", p->value_name);
	snprintf(yt, sizeof yt, f->german ? "kumulierter Anteil an %s" :
	    "cumulative share of %s", p->value_name);
	x_axis(s, &ax, &r, &hf, xt);
	y_axis(s, &ay, &r, &hf, yt, MARGIN + 8);
	max = (size_t)(2 * (r.x1 - r.x0));
	xs = crm_xreallocarray(NULL, max + 1, sizeof *xs);
	ys = crm_xreallocarray(NULL, max + 1, sizeof *ys);
	nv = pareto_vertices(p, max, total, xs, ys);
	for (int k = 0; k < 3; k++) {
		double xb = k == 2 ? 1 : xa + (double)p->class_size[k] /
		    (double)p->n;

		if (xb > xa)
			pareto_region(s, xs, ys, nv, xa, xb, &ax, &ay, &r,
			    abc_fill[k]);
		xa = xb;
	}
	pareto_cuts(s, p, &ax, &ay, &r, xs, ys, nv, f->german);
	for (size_t i = 0; i < nv; i++) {
		xs[i] = crm_axis_pos(&ax, xs[i], r.x0, r.x1);
		ys[i] = crm_axis_pos(&ay, ys[i], r.y1, r.y0);
	}
	crm_svg_open(s, "polyline");
	crm_svg_attr_points(s, "points", xs, ys, nv);
	crm_svg_attr(s, "fill", "none");
	crm_svg_attr(s, "stroke", "#08306b");
	crm_svg_attr(s, "stroke-width", "2");
	crm_svg_empty(s);
	pareto_legend(s, p, &r, total, f->german);
	free(xs);
	free(ys);
	crm_svg_end(s);
}
