#include "crm_split.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"
#include "crm_num.h"
#include "crm_stats.h"

int
crm_split_parse(const char *arg, const char *option, bool decimal_comma,
		crm_split *out, crm_error *err)
{
	double v;

	if (strcmp(arg, "median") == 0) {
		out->kind = CRM_SPLIT_MEDIAN;
		out->value = 0.5;
		return 0;
	}
	if (strcmp(arg, "mean") == 0) {
		out->kind = CRM_SPLIT_MEAN;
		out->value = 0;
		return 0;
	}
	if (arg[0] == 'p' && arg[1] != '\0') {
		/* Percentiles are written with '.', whatever --decimal-comma
		 * says: "p2.5" reads the same in every shop. */
		if (crm_num_parse(arg + 1, strlen(arg + 1), false, &v) ==
		    CRM_NUM_OK && strchr(arg, '%') == NULL && v >= 0 &&
		    v <= 100) {
			out->kind = CRM_SPLIT_PERCENTILE;
			out->value = v / 100;
			return 0;
		}
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "%s: '%s' is not a percentile (p0 to p100)", option, arg);
	}
	if (crm_num_parse(arg, strlen(arg), decimal_comma, &v) == CRM_NUM_OK) {
		out->kind = CRM_SPLIT_ABSOLUTE;
		out->value = v;
		return 0;
	}
	return crm_error_set(err, CRM_EXIT_USAGE,
	    "%s: '%s' is not a split (a number, median, mean or pNN)",
	    option, arg);
}

bool
crm_split_needs_data(const crm_split *s)
{
	return s->kind != CRM_SPLIT_ABSOLUTE;
}

bool
crm_split_needs_values(const crm_split *s)
{
	return s->kind == CRM_SPLIT_MEDIAN || s->kind == CRM_SPLIT_PERCENTILE;
}

int
crm_split_resolve(const crm_split *s, const double *vals, size_t n,
		  double sum,
		  double *threshold)
{
	switch (s->kind) {
	case CRM_SPLIT_ABSOLUTE:
		*threshold = s->value;
		return 0;
	case CRM_SPLIT_MEAN:
		if (n == 0)
			return -1;
		*threshold = sum / (double)n;
		return 0;
	case CRM_SPLIT_MEDIAN:
	case CRM_SPLIT_PERCENTILE:
		if (n == 0)
			return -1;
		*threshold = crm_stats_quantile7_keep(vals, n, s->value);
		return 0;
	}
	return -1;
}

const char *
crm_split_name(const crm_split *s, char *buf, size_t cap)
{
	crm_numfmt fmt = { -1, false };
	char num[CRM_NUM_BUFSZ];

	switch (s->kind) {
	case CRM_SPLIT_MEDIAN:
		snprintf(buf, cap, "median");
		break;
	case CRM_SPLIT_MEAN:
		snprintf(buf, cap, "mean");
		break;
	case CRM_SPLIT_PERCENTILE:
		crm_num_format(num, s->value * 100, &fmt);
		snprintf(buf, cap, "p%s", num);
		break;
	case CRM_SPLIT_ABSOLUTE:
		crm_num_format(num, s->value, &fmt);
		snprintf(buf, cap, "%s", num);
		break;
	}
	return buf;
}
