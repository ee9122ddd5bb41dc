/*
 * crm_human: numbers and text as people read them (report, plot).
 *
 * CSV output keeps numbers machine-readable (crm_num); this module writes
 * them for people: thousands grouped as the language groups them, a
 * sensible number of decimals, percent as the language writes it, and
 * text measured and cut by its display width (the columns a terminal or
 * a monospaced font gives it), never by its bytes.
 *
 * Conventions (report(1) documents them):
 *   English  1,234.5    12.5%      (no space before %, as English style
 *                                   guides write it)
 *   German   1.234,5    12,5 %     (a no-break space U+00A0 before %, as
 *                                   DIN 5008 writes it, so the sign never
 *                                   wraps away from its figure)
 * Negative numbers take an ASCII '-', so copied figures stay numbers.
 * The process locale is never consulted.
 */
#ifndef CRM_HUMAN_H
#define CRM_HUMAN_H

#include <stdbool.h>
#include <stddef.h>

/* How numbers are written for people. */
typedef struct crm_human_fmt {
	char decimal;		/* '.' (en) or ',' (de) */
	char group;		/* ',' (en) or '.' (de); 0: no grouping */
	const char *percent;	/* after a percent figure: "%" or "\u00a0%" */
	int decimals;		/* >= 0: that many fixed decimals (at most
				 * CRM_HUMAN_MAXDEC); < 0: the default form */
	int digits;		/* default form: at most this many
				 * significant digits in the decimals */
} crm_human_fmt;

#define CRM_HUMAN_MAXDEC 15
#define CRM_HUMAN_BUFSZ 512	/* holds any double, grouped, with decimals */
#define CRM_HUMAN_ELLIPSIS "\xe2\x80\xa6"	/* U+2026, one column wide */

/* English (german false) or German conventions, default form with at
 * most 6 significant digits. */
void crm_human_fmt_init(crm_human_fmt *f, bool german);

/*
 * The decimals the default form gives v: none for an integral value,
 * otherwise enough for `digits` significant digits (digits - 1 -
 * floor(log10|v|)), between 0 and CRM_HUMAN_MAXDEC.  Whole digits are
 * never dropped: 1234567.8 at 4 digits has 0 decimals, not 1,235,000.
 * Trailing zeros are removed afterwards by crm_human_number.
 */
int crm_human_decimals(double v, int digits);

/*
 * Write v into buf (CRM_HUMAN_BUFSZ bytes) for people, NUL-terminated;
 * return its length.  With f->decimals >= 0: that many decimals.  Rounding
 * is decimal, half away from zero, on the value's 15 significant digits
 * (those crmkit's CSV holds): 2.675 is 2.68 and 1234.5 is 1,235, as a
 * person rounding the printed figure gets.  Default form: crm_human_decimals(v, f->digits)
 * decimals, trailing zeros and a bare decimal separator removed (so 12.50
 * is 12.5 and 7.000000000000001 is 7).  The integer part is grouped in
 * threes by f->group.  A value that rounds to zero has no sign; NaN and
 * infinities (missing values) write "".
 */
size_t crm_human_number(char *buf, double v, const crm_human_fmt *f);

/* A fraction as percent: crm_human_number(fraction x 100) then
 * f->percent (0.125 is "12.5%" in English, "12,5 %" in German).  NaN and
 * infinities write "". */
size_t crm_human_percent(char *buf, double fraction, const crm_human_fmt *f);

/*
 * Display width of the UTF-8 text s[0..len): the sum of wcwidth() of its
 * characters under a UTF-8 locale object (C.UTF-8; the process locale is
 * left alone), so East Asian wide characters and most emoji count 2 and
 * combining marks 0.  Control characters count 0 (a caller that shows
 * text replaces them).  A byte that starts no valid UTF-8 character
 * counts 1 (terminals show one replacement character for it).  Without
 * any UTF-8 locale on the system every character counts 1.
 */
size_t crm_human_width(const char *s, size_t len);

/*
 * Cut s[0..len) to at most width columns.  Returns how many bytes of s
 * to show and sets *ellipsis: when the text fits, len and false; when it
 * does not, the longest prefix of whole characters at most width - 1
 * wide and true (show CRM_HUMAN_ELLIPSIS after it).  width 0 gives 0 and
 * false.  A combining mark stays with its base character.  *shown, if
 * not NULL, receives the display width of what is shown, ellipsis
 * included.
 */
size_t crm_human_cut(const char *s, size_t len, size_t width, bool *ellipsis,
		     size_t *shown);

/* crm_human_cut written into buf of size bytes (NUL-terminated, with the
 * ellipsis); the text is cut further, at a character boundary, if buf is
 * too small.  Returns the length written. */
size_t crm_human_shorten(char *buf, size_t size, const char *s, size_t len,
			 size_t width);

#endif
