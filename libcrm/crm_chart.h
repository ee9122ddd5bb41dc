/*
 * crm_chart: the four charts of plot(1) drawn from plain arrays into an
 * SVG document (crm_svg), so that their geometry is testable without
 * CSV: the quadrant chart (seed 1.1), bars with targets (Soll/Ist), the
 * customer process funnel (seed 5) and the ABC (Pareto) curve.
 *
 * Every chart has a title, axes with nice ticks (crm_axis) labelled in
 * the language's number format (crm_human), and says "no data" ("keine
 * Daten") when it has no rows.  Colours differ in lightness as well as
 * hue, and series differ by marker shape or pattern too, so a chart
 * printed in grey reads the same.  Labels that would overlap are
 * shortened with "…", left out (point labels) or thinned (ticks).
 *
 * The caller keeps ownership of everything it passes.  Nothing here
 * exits, except on memory exhaustion (status 3).
 */
#ifndef CRM_CHART_H
#define CRM_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_sample.h"
#include "crm_svg.h"

/* What every chart shares. */
typedef struct crm_chart_frame {
	double width, height;	/* px; 0: the kind's default */
	const char *title;	/* NULL: the kind's default title */
	bool german;		/* labels and numbers in German */
} crm_chart_frame;

/* The smallest canvas a chart is drawn on (smaller requests grow). */
#define CRM_CHART_MIN_WIDTH 240
#define CRM_CHART_MIN_HEIGHT 180
#define CRM_CHART_MAX_SIZE 20000

/* The quadrant chart: x (effectiveness) against y (efficiency). */
typedef struct crm_chart_quadrant {
	const char *x_name, *y_name;	/* the measures, for the axes */
	const char *x_split, *y_split;	/* "median", "1.2", ... */
	const char *labels[4];	/* low-low, low-high, high-low, high-high */
	double tx, ty;		/* thresholds */
	unsigned long count[4];	/* rows per quadrant: every valid row */
	double xmin, xmax, ymin, ymax;	/* over every valid row */
	const crm_sample *points;	/* the rows drawn; group = quadrant */
} crm_chart_quadrant;

/*
 * Draw q into s (a whole document).  The thresholds are dashed lines,
 * each quadrant's label, marker and count ("123 customers (24.6%)") sit
 * in the outer corner of its cell, and the points are drawn with the
 * marker of their quadrant.  Labels of points (their label, when not
 * NULL) are drawn where they overlap no other text, in order of the
 * point's distance from the crossing of the thresholds (the outliers
 * first).  No rows (all counts 0): a "no data" chart.
 */
void crm_chart_quadrant_draw(crm_svg *s, const crm_chart_frame *f,
			     const crm_chart_quadrant *q);

/* Bars, one per category, with optional targets. */
typedef struct crm_chart_bars {
	const char *category_name;	/* the column, for the title */
	const char *value_name;		/* the measure, for the legend */
	const char *target_name;	/* NULL: no targets */
	size_t n;			/* bars */
	const char *const *category;
	const double *value;
	const double *target;		/* NaN: no target for that bar */
	unsigned long omitted;		/* rows not shown (said below) */
} crm_chart_bars;

/* Horizontal bars (names need the room), a value axis from 0 (or the
 * smallest negative value), each bar's value at its end, targets as
 * black marks across the bars with a legend. */
void crm_chart_bars_draw(crm_svg *s, const crm_chart_frame *f,
			 const crm_chart_bars *b);

/* The funnel: customers who reached each phase, per group. */
typedef struct crm_chart_funnel {
	size_t nphase;
	const char *const *phase;	/* names, in order */
	size_t ngroup;			/* >= 1 */
	const char *const *group;	/* names; NULL: one unnamed group */
	const double *reached;		/* [group * nphase + phase] */
	unsigned long omitted;		/* groups not shown */
} crm_chart_funnel;

/* One funnel per group side by side: centred bars as wide as reached,
 * the count and conversion from the first phase beside each, the step
 * conversion from the phase before between the bars. */
void crm_chart_funnel_draw(crm_svg *s, const crm_chart_frame *f,
			   const crm_chart_funnel *fn);

/* The ABC curve. */
typedef struct crm_chart_pareto {
	const char *value_name;
	size_t n;			/* rows */
	const double *desc;		/* their values, descending, >= 0 */
	size_t class_size[3];		/* rows in A, B, C */
	double cut[2];			/* 0.8, 0.95 */
} crm_chart_pareto;

/* The cumulative share of the total held by the top rows, against the
 * share of rows, with the cut lines, the class regions shaded by
 * lightness and a legend of the class sizes.  At most about two curve
 * vertices per pixel are drawn, whatever n. */
void crm_chart_pareto_draw(crm_svg *s, const crm_chart_frame *f,
			   const crm_chart_pareto *p);

/* The canvas size a chart kind uses for frame f (defaults applied,
 * clamped to the limits above); rows is the number of bars or phases
 * for kinds whose default height follows it. */
void crm_chart_size(const crm_chart_frame *f, size_t rows, double *width,
		    double *height);

#endif
