/*
 * crm_names: names the user typed, looked up for them (SPEC 2, "Measures
 * and expressions").
 *
 * One edit distance and one "did you mean" rule for every suggestion
 * (columns, functions), and one lookup of a column by name that gives the
 * usage error every tool gives: an unknown column lists the columns and
 * suggests the nearest, a duplicated one cannot be referred to.  Also
 * which names an expression may write bare (crm_expr builds on this
 * module, not the reverse).
 */
#ifndef CRM_NAMES_H
#define CRM_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_diag.h"

/* Optimal-string-alignment distance between a[0..n) and b[0..m):
 * insertions, deletions, substitutions and transpositions of adjacent
 * bytes, each one edit. */
size_t crm_names_distance(const char *a, size_t n, const char *b, size_t m);

/*
 * The nearest candidate to a name, for "did you mean".  Initialise with
 * the name, then offer each candidate; best is the index of the first of
 * the nearest candidates within reach, or -1.  Within reach: at most
 * max(len / 3, floor) edits away and fewer edits than the name has bytes
 * (so that no suggestion replaces the whole name).  Names and candidates
 * longer than 256 bytes are not compared.
 */
typedef struct crm_names_nearest {
	const char *name;
	size_t len;
	size_t limit;		/* most edits a suggestion may be away */
	size_t dist;		/* of best */
	long best;
} crm_names_nearest;

void crm_names_nearest_init(crm_names_nearest *nn, const char *name,
			    size_t len, size_t floor);
void crm_names_nearest_offer(crm_names_nearest *nn, long index,
			     const char *cand, size_t clen);

/*
 * Distance between two texts that people type (group keys such as
 * customer or rep names): optimal-string-alignment edits over UTF-8
 * characters (a byte that is not valid UTF-8 is a character of its
 * own), and the smaller of that and the distance after folding both
 * texts: ASCII letters lowered and the German transliteration ä -> ae,
 * ö -> oe, ü -> ue, ß -> ss (capitals too), so that 'Juergen Weiss' is 0
 * from 'Jürgen Weiß'.  Texts over 256 characters are as far as their
 * longer length.
 */
size_t crm_names_text_distance(const char *a, size_t n, const char *b,
			       size_t m);

/* crm_names_nearest_offer measured with crm_names_text_distance. */
void crm_names_nearest_offer_text(crm_names_nearest *nn, long index,
				  const char *cand, size_t clen);

/*
 * The index of the column name[0..len) of h (NULL: no columns).  Returns
 * it, or -1 when no column has that name and -2 when several have, with
 * err filled (status 2).  option (e.g. "--by") prefixes the message with
 * "--by: "; expr, the expression the name was written in, adds " in
 * expression 'SRC'" and has suggestions written as an expression needs
 * them ({net revenue} for a name that cannot stand bare, {1} with -H):
 *
 *   [OPTION: ]unknown column 'NAME'[ in expression 'SRC']
 *     available columns: a, b, c (the first 3000 bytes, then "... (N more)")
 *     did you mean 'b'?
 *   ... or, with -H:  the input has no header: refer to columns by
 *   number, 1 to N; without columns:  the input has no columns
 *
 *   [OPTION: ]column 'NAME' occurs more than once in the header and
 *   cannot be referred to
 */
long crm_names_column(const crm_header *h, const char *name, size_t len,
		      const char *option, const char *expr, crm_error *err);

/*
 * Whether s[0..n) can be written bare in an expression (crm_expr):
 * letters, digits, '_', '.' and bytes >= 0x80, not starting with a digit
 * (nor with '.' and a digit), and not a keyword (and, or, not).  Other
 * names need {braces}.
 */
bool crm_names_is_bare(const char *s, size_t n);
/* Whether c may start a bare name, and whether it may follow. */
bool crm_names_start_byte(unsigned char c);
bool crm_names_byte(unsigned char c);
/* Whether s[0..n) is a keyword of expressions: and, or, not. */
bool crm_names_is_keyword(const char *s, size_t n);

#endif
