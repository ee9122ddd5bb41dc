/*
 * crm_num: locale-independent number parsing and formatting (SPEC 2,
 * "Numbers").  Never consults LC_NUMERIC.
 */
#ifndef CRM_NUM_H
#define CRM_NUM_H

#include <stdbool.h>
#include <stddef.h>

typedef enum crm_num_status {
	CRM_NUM_OK = 0,
	CRM_NUM_MISSING,	/* the field is empty (zero bytes) */
	CRM_NUM_INVALID		/* non-empty and not a number */
} crm_num_status;

/*
 * Parse s[0..len) (not necessarily NUL-terminated).  Accepted: surrounding
 * spaces, optional sign, digits with at most one decimal separator (at
 * least one digit in all), optional exponent (e/E, optional sign, digits),
 * an optional trailing '%' that divides by 100.  With decimal_comma the
 * separator is ',' and '.' may group exactly three digits in the integer
 * part ("1.234,56"); otherwise the separator is '.' and ',' is invalid.
 * nan, inf, hex and everything else are CRM_NUM_INVALID.  A field of only
 * spaces is CRM_NUM_INVALID; only zero bytes is CRM_NUM_MISSING.
 * On CRM_NUM_OK *out holds the value (rounded as strtod rounds in the C
 * locale); otherwise *out is untouched.
 */
crm_num_status crm_num_parse(const char *s, size_t len, bool decimal_comma,
			     double *out);

/* How numbers are written. precision < 0: shortest form with at most 15
 * significant digits, exactly as printf's %.15g in the C locale;
 * precision >= 0: that many fixed decimals (%.Nf).  decimal_comma swaps
 * the decimal point for ','; no grouping is ever written. */
typedef struct crm_numfmt {
	int precision;
	bool decimal_comma;
} crm_numfmt;

#define CRM_NUM_BUFSZ 400

/*
 * Write v into buf (at least CRM_NUM_BUFSZ bytes), NUL-terminated, and
 * return its length.  -0 prints as 0.  NaN/inf never reach here in
 * crmkit (they are missing values); if they do they print as "".
 */
size_t crm_num_format(char *buf, double v, const crm_numfmt *fmt);

#endif
