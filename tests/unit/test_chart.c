/* Unit tests of the chart geometry: nice ticks (crm_axis), the
 * deterministic point sample (crm_sample) and what the four charts
 * (crm_chart) draw, read back from the SVG text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_axis.h"
#include "crm_chart.h"
#include "crm_sample.h"
#include "crm_svg.h"

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* crm_axis */

static void
check_axis(double lo, double hi, size_t max, double want_lo,
	   double want_hi, double want_step, size_t want_n)
{
	crm_axis a;

	crm_axis_nice(lo, hi, max, false, &a);
	if (a.lo != want_lo || a.hi != want_hi || a.step != want_step ||
	    a.n != want_n)
		fail_msg("nice(%g, %g, %zu): %g..%g step %g n %zu, want "
		    "%g..%g step %g n %zu", lo, hi, max, a.lo, a.hi, a.step,
		    a.n, want_lo, want_hi, want_step, want_n);
	assert_true(isnan(lo) || a.lo <= lo || lo > hi);
	assert_true(isnan(lo) || a.hi >= hi || lo > hi);
	assert_true(a.n <= (max < 2 ? 2 : max) || (lo < 0 && hi > 0 &&
	    a.n == 3));
}

static void
test_axis_nice(void **state)
{
	(void)state;
	check_axis(0, 1, 6, 0, 1, 0.2, 6);
	check_axis(0.7, 1.3, 10, 0.7, 1.3, 0.1, 7);
	/* step 2 would need 10 ticks (0..18); 5 needs 5 */
	check_axis(0.53, 16.4, 8, 0, 20, 5, 5);
	check_axis(0.53, 16.4, 10, 0, 18, 2, 10);
	check_axis(-3, 7, 5, -5, 10, 5, 4);
	check_axis(0, 373388, 6, 0, 400000, 100000, 5);
	check_axis(0.001, 0.0042, 5, 0.001, 0.005, 0.001, 5);
	check_axis(0.0009, 0.0042, 5, 0, 0.006, 0.002, 4);
	check_axis(0.0009, 0.0042, 6, 0, 0.005, 0.001, 6);
	/* swapped bounds; one value; zero; NaN */
	check_axis(1, 0, 6, 0, 1, 0.2, 6);
	check_axis(5, 5, 6, 4.5, 5.5, 0.5, 3);
	check_axis(5, 5, 7, 4.4, 5.6, 0.2, 7);
	/* around 0: three ticks at least */
	check_axis(-27.8, 19.1, 2, -50, 50, 50, 3);
	check_axis(0, 0, 6, 0, 1, 0.2, 6);
	check_axis(NAN, 3, 6, 0, 1, 0.2, 6);
	/* too few ticks asked: 2 */
	check_axis(0, 10, 0, 0, 10, 10, 2);
}

/* Ticks come from integer multiples: no drift along the axis. */
static void
test_axis_ticks(void **state)
{
	crm_axis a;

	(void)state;
	crm_axis_nice(0.7, 1.3, 10, false, &a);
	assert_true(crm_axis_tick(&a, 0) == 0.7);
	assert_true(crm_axis_tick(&a, 3) == 1.0);
	assert_true(crm_axis_tick(&a, 6) == 1.3);
	assert_true(crm_axis_pos(&a, 1.0, 100, 700) == 400);
	assert_true(crm_axis_pos(&a, 0.7, 700, 100) == 700);
	for (int k = 0; k < 200; k++) {
		double lo = -50 + k * 0.37, hi = lo + 0.1 + k * k * 0.013;

		crm_axis_nice(lo, hi, 2 + (size_t)k % 12, false, &a);
		for (size_t i = 1; i < a.n; i++)
			if (fabs(crm_axis_tick(&a, i) - crm_axis_tick(&a, i - 1) -
			    a.step) > a.step * 1e-9)
				fail_msg("%g..%g: tick %zu %.17g after %.17g, "
				    "step %g", lo, hi, i, crm_axis_tick(&a, i),
				    crm_axis_tick(&a, i - 1), a.step);
		if (!(a.lo <= lo && a.hi >= hi))
			fail_msg("%.17g..%.17g: axis %.17g..%.17g", lo, hi, a.lo,
			    a.hi);
	}
}

/* Labels: the language's separators, the step's decimals, percent. */
static void
test_axis_labels(void **state)
{
	crm_human_fmt en, de;
	char buf[CRM_HUMAN_BUFSZ];
	crm_axis a;

	(void)state;
	crm_human_fmt_init(&en, false);
	crm_human_fmt_init(&de, true);
	crm_axis_nice(0, 1, 6, false, &a);
	crm_axis_label(&a, 1, &en, buf);
	assert_string_equal(buf, "0.2");
	crm_axis_label(&a, 5, &en, buf);
	assert_string_equal(buf, "1.0");
	crm_axis_label(&a, 1, &de, buf);
	assert_string_equal(buf, "0,2");
	crm_axis_nice(0, 2e6, 3, false, &a);
	crm_axis_label(&a, 1, &en, buf);
	assert_string_equal(buf, "1,000,000");
	crm_axis_label(&a, 1, &de, buf);
	assert_string_equal(buf, "1.000.000");
	crm_axis_nice(0, 1, 6, true, &a);
	crm_axis_label(&a, 1, &en, buf);
	assert_string_equal(buf, "20%");
	crm_axis_label(&a, 1, &de, buf);
	assert_string_equal(buf, "20\xC2\xA0%");
	crm_axis_nice(0, 0.02, 5, true, &a);	/* step 0.005: 0.5 % */
	crm_axis_label(&a, 1, &en, buf);
	assert_string_equal(buf, "0.5%");
}

/* Fitted axes: labels never closer than the widest label plus a gap;
 * a short axis gets fewer ticks. */
static void
test_axis_fit(void **state)
{
	crm_human_fmt en;
	crm_axis a, b;

	(void)state;
	crm_human_fmt_init(&en, false);
	for (double len = 60; len < 2000; len *= 1.3) {
		char buf[CRM_HUMAN_BUFSZ];
		double w = 0;

		crm_axis_fit(0, 12345678, len, true, false, 11, &en, &a);
		for (size_t i = 0; i < a.n; i++) {
			crm_axis_label(&a, i, &en, buf);
			w = fmax(w, crm_svg_text_width(buf, 11, false));
		}
		assert_true(a.n == 2 || (double)(a.n - 1) * (w + 11) <= len);
	}
	crm_axis_fit(0, 100, 100, false, false, 11, &en, &a);
	crm_axis_fit(0, 100, 600, false, false, 11, &en, &b);
	assert_true(a.n < b.n);
}

/* ------------------------------------------------------------------ */
/* crm_sample */

static int
by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The sample holds exactly the k ordinals of smallest key, in input
 * order after sorting, whatever order they were offered in. */
static void
test_sample_bottom_k(void **state)
{
	enum { N = 20000, K = 300 };
	uint64_t *keys = malloc(N * sizeof *keys);
	crm_sample a, b;

	(void)state;
	for (unsigned long i = 0; i < N; i++)
		keys[i] = crm_sample_key(i + 1);
	qsort(keys, N, sizeof *keys, by_u64);
	crm_sample_init(&a, K);
	crm_sample_init(&b, K);
	for (unsigned long i = 1; i <= N; i++) {
		crm_sample_offer(&a, i, (double)i, 0, 0, NULL, 0);
		crm_sample_offer(&b, N + 1 - i, (double)(N + 1 - i), 0, 0, NULL,
		    0);
	}
	assert_int_equal(a.n, K);
	crm_sample_sort(&a);
	crm_sample_sort(&b);
	for (size_t i = 0; i < K; i++) {
		assert_int_equal(a.row[i].ordinal, b.row[i].ordinal);
		assert_true(a.row[i].key <= keys[K - 1]);
		assert_true(a.row[i].x == (double)a.row[i].ordinal);
		if (i > 0)
			assert_true(a.row[i - 1].ordinal < a.row[i].ordinal);
	}
	crm_sample_free(&a);
	crm_sample_free(&b);
	free(keys);
}

/* Bounded, nested (the sample at k is part of the one at 2k), spread
 * over the whole input, labels copied only for rows kept. */
static void
test_sample_bounded(void **state)
{
	enum { N = 100000 };
	crm_sample small, big, none;
	size_t quarter[4] = { 0, 0, 0, 0 };

	(void)state;
	crm_sample_init(&small, 100);
	crm_sample_init(&big, 200);
	crm_sample_init(&none, 0);
	for (unsigned long i = 1; i <= N; i++) {
		char label[32];
		int n = snprintf(label, sizeof label, "row %lu", i);

		crm_sample_offer(&small, i, 0, 0, (int)(i % 4), label,
		    (size_t)n);
		crm_sample_offer(&big, i, 0, 0, 0, label, (size_t)n);
		crm_sample_offer(&none, i, 0, 0, 0, label, (size_t)n);
		assert_true(small.n <= 100 && big.n <= 200);
	}
	assert_int_equal(none.n, 0);
	assert_true(small.cap <= 100 && big.cap <= 200);
	{
		/* a large k costs nothing until rows come */
		crm_sample huge;

		crm_sample_init(&huge, 1000000);
		assert_null(huge.row);
		for (unsigned long i = 1; i <= 10; i++)
			crm_sample_offer(&huge, i, 0, 0, 0, NULL, 0);
		assert_int_equal(huge.n, 10);
		assert_true(huge.cap <= 256);
		crm_sample_free(&huge);
	}
	crm_sample_sort(&small);
	crm_sample_sort(&big);
	for (size_t i = 0, j = 0; i < small.n; i++) {
		char want[32];

		while (j < big.n && big.row[j].ordinal < small.row[i].ordinal)
			j++;
		assert_true(j < big.n);
		assert_int_equal(big.row[j].ordinal, small.row[i].ordinal);
		snprintf(want, sizeof want, "row %lu", small.row[i].ordinal);
		assert_string_equal(small.row[i].label, want);
		assert_int_equal(small.row[i].group,
		    (int)(small.row[i].ordinal % 4));
		quarter[(small.row[i].ordinal - 1) * 4 / N]++;
	}
	for (int q = 0; q < 4; q++)
		assert_true(quarter[q] >= 10 && quarter[q] <= 45);
	crm_sample_free(&small);
	crm_sample_free(&big);
	crm_sample_free(&none);
}

/* ------------------------------------------------------------------ */
/* crm_chart */

static crm_chart_quadrant
quadrant_fixture(crm_sample *pts)
{
	crm_chart_quadrant q = {
		.x_name = "revenue/target", .y_name = "margin/cost",
		.x_split = "median", .y_split = "median",
		.labels = { "waste", "fig-leaf", "pyrrhic", "qualified" },
		.tx = 1, .ty = 3, .count = { 119, 131, 131, 119 },
		.xmin = 0.5, .xmax = 1.5, .ymin = 0, .ymax = 6,
		.points = pts,
	};
	unsigned long i = 0;

	crm_sample_init(pts, 100);
	for (int gx = 0; gx < 10; gx++)
		for (int gy = 0; gy < 10; gy++) {
			double x = 0.5 + gx * 0.1, y = gy * 0.6;
			char label[32];
			int n = snprintf(label, sizeof label, "K%lu", ++i);

			crm_sample_offer(pts, i, x, y, (x >= 1 ? 2 : 0) +
			    (y >= 3 ? 1 : 0), label, (size_t)n);
		}
	crm_sample_sort(pts);
	return q;
}

/* The four labels with their counts, in English and German, one marker
 * per point, the thresholds in the axis titles. */
static void
test_quadrant_counts(void **state)
{
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_sample pts;
	crm_chart_quadrant q = quadrant_fixture(&pts);
	crm_svg s;

	(void)state;
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	assert_non_null(strstr(s.buf, ">waste</text>"));
	assert_non_null(strstr(s.buf, ">qualified</text>"));
	assert_non_null(strstr(s.buf, ">119 customers (23.8%)</text>"));
	assert_int_equal(count(s.buf, ">131 customers (26.2%)</text>"), 2);
	assert_non_null(strstr(s.buf, "revenue/target (threshold 1, median)"));
	assert_non_null(strstr(s.buf, "width=\"800\" height=\"600\""));
	/* markers: a cross is two M, a square one h, a triangle one L..L
	 * and z, a circle two arcs; the cell labels add one of each:
	 * 25 circles of r 3.2 in the fixture, one of r 4.5 */
	assert_int_equal(count(s.buf, " 0 1 0 -6.4 0") +
	    count(s.buf, " 0 1 0 -9 0"), 1 + 25);
	assert_true(strstr(s.buf, "nan") == NULL);
	crm_svg_free(&s);

	f.german = true;
	f.width = 500;
	q.labels[3] = "Qualifiziertes Kundenmanagement";
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	assert_non_null(strstr(s.buf, ">119 Kunden (23,8\xC2\xA0%)</text>"));
	assert_non_null(strstr(s.buf, "Effektivität: revenue/target "
	    "(Schwelle 1, median)"));
	/* the long label fits in two lines at this size */
	assert_non_null(strstr(s.buf, ">Qualifiziertes</text>"));
	assert_non_null(strstr(s.buf, ">Kundenmanagement</text>"));
	crm_svg_free(&s);
	crm_sample_free(&pts);
}

struct tbox {
	double x0, y0, x1, y1;
};

/* The boxes of every <text> of font-size fs in doc. */
static size_t
text_boxes(const char *doc, const char *fs, struct tbox *b, size_t max)
{
	size_t n = 0;
	char pat[64];

	snprintf(pat, sizeof pat, "font-size=\"%s\"", fs);
	for (const char *p = doc; (p = strstr(p, "<text x=\"")) != NULL &&
	    n < max; p++) {
		const char *e = strchr(p, '>'), *end;
		double x, y, size = atof(fs), w;
		char t[256];
		size_t len;

		if (e == NULL || strstr(p, pat) == NULL ||
		    strstr(p, pat) > e)
			continue;
		x = atof(p + 9);
		y = atof(strstr(p, "y=\"") + 3);
		end = strstr(e, "</text>");
		len = (size_t)(end - e - 1);
		memcpy(t, e + 1, len);
		t[len] = '\0';
		w = crm_svg_text_width(t, size, false);
		if (strstr(p, "text-anchor=\"end\"") != NULL &&
		    strstr(p, "text-anchor=\"end\"") < e)
			x -= w;
		else if (strstr(p, "text-anchor=\"middle\"") != NULL &&
		    strstr(p, "text-anchor=\"middle\"") < e)
			x -= w / 2;
		b[n++] = (struct tbox){ x, y - size, x + w, y + 3 };
	}
	return n;
}

/* Point labels never overlap each other, and are bounded in number. */
static void
test_quadrant_labels(void **state)
{
	crm_chart_frame f = { 500, 400, "t", false };
	crm_sample pts;
	crm_chart_quadrant q = quadrant_fixture(&pts);
	struct tbox b[200];
	crm_svg s;
	size_t n;

	(void)state;
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	n = text_boxes(s.buf, "10", b, 200);
	assert_true(n > 5);
	assert_true(n <= 30);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_false(b[i].x0 < b[j].x1 && b[j].x0 < b[i].x1 &&
			    b[i].y0 < b[j].y1 && b[j].y0 < b[i].y1);
	crm_svg_free(&s);
	crm_sample_free(&pts);
}

/* A few extreme values do not squeeze the rest: the axis covers the
 * middle 99 % of the points drawn, the others sit at its end, and a
 * note says how many. */
static void
test_quadrant_outliers(void **state)
{
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_chart_quadrant q = {
		.x_name = "x", .y_name = "y",
		.labels = { "waste", "fig-leaf", "pyrrhic", "qualified" },
		.tx = 5, .ty = 5, .count = { 100, 100, 100, 100 },
		.xmin = 0, .xmax = 10, .ymin = 0, .ymax = 10,
	};
	crm_sample pts;
	crm_svg s;

	(void)state;
	crm_sample_init(&pts, 1000);
	for (unsigned long i = 1; i <= 400; i++)
		crm_sample_offer(&pts, i, (double)(i % 11), (double)(i % 7), 0,
		    NULL, 0);
	q.points = &pts;
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	assert_null(strstr(s.buf, "beyond the axes"));
	crm_svg_free(&s);

	crm_sample_offer(&pts, 401, 1000, 3, 0, NULL, 0);
	q.xmax = 1000;
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	assert_non_null(strstr(s.buf,
	    ">1 point beyond the axes, drawn at their end</text>"));
	/* the x axis ends at 10 or a little beyond, not at 1000 */
	assert_null(strstr(s.buf, ">1,000</text>"));
	assert_null(strstr(s.buf, ">200</text>"));
	crm_svg_free(&s);
	crm_sample_free(&pts);
}

/* No rows: a chart that says so, in the language. */
static void
test_no_data(void **state)
{
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_chart_quadrant q = { .labels = { "a", "b", "c", "d" } };
	crm_chart_bars b = { .category_name = "rep", .value_name = "v" };
	crm_chart_funnel fn = { 0 };
	crm_chart_pareto p = { .value_name = "revenue" };
	crm_svg s;

	(void)state;
	crm_svg_init(&s);
	crm_chart_quadrant_draw(&s, &f, &q);
	assert_non_null(strstr(s.buf, ">no data</text>"));
	crm_svg_free(&s);
	f.german = true;
	crm_svg_init(&s);
	crm_chart_bars_draw(&s, &f, &b);
	assert_non_null(strstr(s.buf, ">keine Daten</text>"));
	crm_svg_free(&s);
	crm_svg_init(&s);
	crm_chart_funnel_draw(&s, &f, &fn);
	assert_non_null(strstr(s.buf, ">keine Daten</text>"));
	crm_svg_free(&s);
	crm_svg_init(&s);
	crm_chart_pareto_draw(&s, &f, &p);
	assert_non_null(strstr(s.buf, ">keine Daten</text>"));
	crm_svg_free(&s);
}

/* One bar and one target mark per row, values at the bars, a note on
 * rows left out, a height that follows the bars. */
static void
test_bars(void **state)
{
	const char *cat[3] = { "Anna", "Jürgen Weiß", "<Ben>" };
	double val[3] = { 0.9, 1.25, -0.5 }, tgt[3] = { 1, 1, NAN };
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_chart_bars b = { "rep", "attainment", "target", 3, cat, val, tgt,
	    7 };
	crm_svg s;

	(void)state;
	crm_svg_init(&s);
	crm_chart_bars_draw(&s, &f, &b);
	assert_int_equal(count(s.buf, "fill=\"#4393c3\""), 3 + 1);
	/* two targets and the legend's mark */
	assert_int_equal(count(s.buf, "stroke=\"#000000\" stroke-width=\"3\""),
	    2 + 1);
	assert_non_null(strstr(s.buf, ">1.25</text>"));
	assert_non_null(strstr(s.buf, ">-0.5</text>"));
	assert_non_null(strstr(s.buf, ">&lt;Ben&gt;</text>"));
	assert_non_null(strstr(s.buf, ">7 more rows not shown</text>"));
	assert_non_null(strstr(s.buf, ">attainment by rep</text>"));
	assert_non_null(strstr(s.buf, "height=\"230\""));
	{
		/* names, values (left of a negative bar's end, right of the
		 * others) and ticks never overlap */
		struct tbox b[64];
		size_t n = text_boxes(s.buf, "11", b, 64);

		n += text_boxes(s.buf, "12", b + n, 64 - n);
		assert_true(n >= 3 + 3 + 2);
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				assert_false(b[i].x0 < b[j].x1 &&
				    b[j].x0 < b[i].x1 && b[i].y0 < b[j].y1 &&
				    b[j].y0 < b[i].y1);
	}
	crm_svg_free(&s);
}

/* Counts and conversions: from the first phase beside the bars, from
 * the phase before between them; groups on one scale. */
static void
test_funnel(void **state)
{
	const char *phase[3] = { "address", "offer", "close" };
	const char *group[2] = { "Nord", "Süd" };
	double reached[6] = { 1000, 400, 100, 500, 500, 0 };
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_chart_funnel fn = { 3, phase, 2, group, reached, 0 };
	crm_svg s;

	(void)state;
	crm_svg_init(&s);
	crm_chart_funnel_draw(&s, &f, &fn);
	assert_non_null(strstr(s.buf, ">1,000 (100.0%)</text>"));
	assert_non_null(strstr(s.buf, ">400 (40.0%)</text>"));
	assert_non_null(strstr(s.buf, ">100 (10.0%)</text>"));
	assert_non_null(strstr(s.buf, ">\xE2\x86\x93 25.0%</text>"));
	assert_non_null(strstr(s.buf, ">0 (0.0%)</text>"));
	assert_non_null(strstr(s.buf, ">Süd</text>"));
	/* Süd's first bar is half as wide as Nord's */
	{
		const char *p = strstr(s.buf, "<rect x=");
		double w1, w2;
		const char *q;

		w1 = atof(strstr(p, "width=\"") + 7);
		q = strstr(s.buf, ">Süd</text>");
		q = strstr(q, "<rect x=");
		w2 = atof(strstr(q, "width=\"") + 7);
		assert_true(fabs(w1 - 2 * w2) < 0.05);
	}
	crm_svg_free(&s);
}

/* The curve has at most two vertices a pixel, whatever the rows; the
 * legend gives the class sizes and their shares of the total. */
static void
test_pareto(void **state)
{
	double small[5] = { 50, 30, 10, 5, 5 };
	crm_chart_frame f = { 0, 0, NULL, false };
	crm_chart_pareto p = { "revenue", 5, small, { 2, 2, 1 },
	    { 0.8, 0.95 } };
	size_t n = 1000000;
	double *big = malloc(n * sizeof *big);
	crm_svg s;
	const char *pts;

	(void)state;
	crm_svg_init(&s);
	crm_chart_pareto_draw(&s, &f, &p);
	assert_non_null(strstr(s.buf,
	    ">A: 2 customers (40.0%), 80.0% of the total</text>"));
	assert_non_null(strstr(s.buf,
	    ">C: 1 customer (20.0%), 5.0% of the total</text>"));
	assert_non_null(strstr(s.buf, ">80%</text>"));
	assert_non_null(strstr(s.buf, ">95%</text>"));
	pts = strstr(s.buf, "<polyline points=\"");
	assert_non_null(pts);
	assert_int_equal(count(pts, ",") - count(strchr(pts, '>'), ","), 6);
	crm_svg_free(&s);

	for (size_t i = 0; i < n; i++)
		big[i] = (double)(n - i);
	p = (crm_chart_pareto){ "revenue", n, big, { 552786, 223607, 223607 },
	    { 0.8, 0.95 } };
	crm_svg_init(&s);
	crm_chart_pareto_draw(&s, &f, &p);
	pts = strstr(s.buf, "<polyline points=\"");
	{
		const char *end = strchr(pts, '>');
		size_t commas = 0;

		for (const char *c = pts; c < end; c++)
			commas += *c == ',';
		assert_true(commas > 500);
		assert_true(commas <= 2 * 800 + 1);
	}
	assert_true(s.len < 200000);
	crm_svg_free(&s);
	free(big);
}

/* The same drawing calls give the same bytes. */
static void
test_deterministic(void **state)
{
	crm_chart_frame f = { 640, 480, "x", false };
	crm_sample p1, p2;
	crm_chart_quadrant q1 = quadrant_fixture(&p1);
	crm_chart_quadrant q2 = quadrant_fixture(&p2);
	crm_svg a, b;

	(void)state;
	crm_svg_init(&a);
	crm_svg_init(&b);
	crm_chart_quadrant_draw(&a, &f, &q1);
	crm_chart_quadrant_draw(&b, &f, &q2);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	crm_svg_free(&a);
	crm_svg_free(&b);
	crm_sample_free(&p1);
	crm_sample_free(&p2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_axis_nice),
		cmocka_unit_test(test_axis_ticks),
		cmocka_unit_test(test_axis_labels),
		cmocka_unit_test(test_axis_fit),
		cmocka_unit_test(test_sample_bottom_k),
		cmocka_unit_test(test_sample_bounded),
		cmocka_unit_test(test_quadrant_counts),
		cmocka_unit_test(test_quadrant_labels),
		cmocka_unit_test(test_quadrant_outliers),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_funnel),
		cmocka_unit_test(test_pareto),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
