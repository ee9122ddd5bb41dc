/*
 * crm_axis: the numbers along a chart axis (SPEC 3, "plot"): "nice"
 * tick steps of 1, 2 or 5 times a power of ten, an axis range that
 * starts and ends on a tick, and tick labels written for people
 * (crm_human: grouping and decimal separator of the language).
 *
 * Nothing here allocates or exits.
 */
#ifndef CRM_AXIS_H
#define CRM_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_human.h"

/* The most ticks an axis gets, whatever room it has. */
#define CRM_AXIS_MAX_TICKS 25

typedef struct crm_axis {
	double lo, hi;		/* the axis range: the first and last tick */
	double step;		/* between ticks: m x 10^e, m in {1, 2, 5} */
	long long first;	/* lo = first x step */
	int mantissa, exponent;	/* of step */
	size_t n;		/* ticks: lo, lo + step, ..., hi */
	int decimals;		/* of the tick labels (of percent with
				 * percent) */
	bool percent;		/* labels show value x 100 as percent */
} crm_axis;

/*
 * Choose the smallest nice step that covers [lo, hi] with at most
 * max_ticks ticks (2 .. CRM_AXIS_MAX_TICKS; values outside are
 * clamped; at least 3 when the range holds values on both sides of 0), and the range from the largest multiple of the step <= lo
 * to the smallest >= hi.  lo > hi are swapped; lo == hi (one value) is
 * widened to a range around it (0 .. 1 around 0).  NaN or infinite
 * bounds give the range 0 .. 1.  percent: labels in percent (the step
 * chosen on the value x 100, so 0.05 steps read 5 %).
 */
void crm_axis_nice(double lo, double hi, size_t max_ticks, bool percent,
		   crm_axis *a);

/* Tick i (0 .. n-1), computed from its integer multiple so that no
 * rounding error accumulates along the axis. */
double crm_axis_tick(const crm_axis *a, size_t i);

/* Position of v on an axis drawn from p0 (at lo) to p1 (at hi). */
double crm_axis_pos(const crm_axis *a, double v, double p0, double p1);

/* The label of tick i in buf (CRM_HUMAN_BUFSZ bytes), in the format of
 * f with the axis's decimals; returns its length. */
size_t crm_axis_label(const crm_axis *a, size_t i, const crm_human_fmt *f,
		      char *buf);

/* The width in px of the widest tick label of a (crm_axis_label in the
 * format f), estimated at font size px by crm_svg_text_width; 0 for an
 * axis without ticks.  Never fails. */
double crm_axis_widest(const crm_axis *a, double size,
		       const crm_human_fmt *f);

/*
 * The nice axis over [lo, hi] whose labels fit length px: horizontal,
 * the widest label (estimated at font size px, crm_svg_text_width) plus
 * a gap of one label height must fit between ticks; vertical, the label
 * height plus half of it.  Starts at length / 60 (horizontal) or / 28
 * (vertical) ticks and takes fewer until they fit (at least 2).
 */
void crm_axis_fit(double lo, double hi, double length, bool horizontal,
		  bool percent, double size, const crm_human_fmt *f,
		  crm_axis *a);

#endif
