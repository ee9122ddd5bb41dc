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
	CRM_NUM_INVALID,	/* non-empty and not a number */
	CRM_NUM_OTHER_CURRENCY	/* crm_num_parse_column: a number in a
				 * currency other than the column's */
} crm_num_status;

/*
 * The currencies a number may carry on input.  Symbols: the euro sign
 * U+20AC (EUR), '$' (USD), the pound sign U+00A3 (GBP) and the yen sign
 * U+00A5 (JPY; a yuan column writes CNY), in UTF-8.  ISO 4217 codes, upper case only:
 * EUR USD GBP JPY CHF CNY CAD AUD SEK NOK DKK PLN CZK.  A symbol and its
 * code are one currency.
 */
typedef enum crm_num_currency {
	CRM_NUM_NO_CURRENCY = 0,
	CRM_NUM_EUR, CRM_NUM_USD, CRM_NUM_GBP, CRM_NUM_JPY, CRM_NUM_CHF,
	CRM_NUM_CNY, CRM_NUM_CAD, CRM_NUM_AUD, CRM_NUM_SEK, CRM_NUM_NOK,
	CRM_NUM_DKK, CRM_NUM_PLN, CRM_NUM_CZK
} crm_num_currency;

/* The ISO code of a currency ("EUR"), "" for CRM_NUM_NO_CURRENCY. */
const char *crm_num_currency_code(crm_num_currency c);

/*
 * Parse s[0..len) (not necessarily NUL-terminated).  The grammar, from
 * the outside in:
 *   - blanks (space, tab) around the field;
 *   - accounting parentheses around the rest: "(1,234.56)" is negative;
 *   - a trailing '%', perhaps after blanks, divides by 100;
 *   - a currency (see crm_num_currency) before or after the number, with
 *     or without one space, U+00A0 or U+202F between them; a sign may
 *     stand before or after a leading currency ("-$5", "EUR -5");
 *   - an optional sign before the number, or SAP's minus right after it
 *     ("1.234,56-", also "1.234,56- EUR");
 *   - the number: digits with at most one decimal separator (at least
 *     one digit in all), optional exponent (e/E, optional sign, digits).
 *     With decimal_comma the separator is ',' and '.' may group the
 *     integer part; otherwise the separator is '.' and ',' may group.
 *     A space, U+00A0 or U+202F may group as well.  A grouping
 *     character follows a first group of one to three digits that does
 *     not start with 0 and is followed by exactly three digits
 *     ("1.234.567,5", "1,234.5", "1 234,56"); one kind per number.  So
 *     "1,5" is invalid under the point, "1.5" and "0.123" under the
 *     decimal comma.
 * At most one of sign, minus after and parentheses; at most one
 * currency, and none together with '%'.  nan, inf, hex and everything
 * else are CRM_NUM_INVALID.  A field of only spaces is CRM_NUM_INVALID;
 * only zero bytes is CRM_NUM_MISSING.  crm_num_parse knows no column,
 * so it cannot hold one to a currency: a field with a currency is
 * CRM_NUM_INVALID here; crm_num_parse_column accepts it.
 * On CRM_NUM_OK *out holds the value (rounded as strtod rounds in the C
 * locale); otherwise *out is untouched.  Thread-safe: no shared state.
 */
crm_num_status crm_num_parse(const char *s, size_t len, bool decimal_comma,
			     double *out);

/*
 * What a column of numbers has shown so far: zero-initialise one per
 * column and pass it with each of the column's fields.  currency is the
 * first currency a field of the column named (CRM_NUM_NO_CURRENCY until
 * one does); last is the currency of the latest field parsed, for
 * messages.
 */
typedef struct crm_num_column {
	crm_num_currency currency;
	crm_num_currency last;
} crm_num_column;

/*
 * As crm_num_parse, but a currency is accepted and dropped, and kept in
 * col: a field naming a currency other than the column's first one is
 * CRM_NUM_OTHER_CURRENCY (*out untouched; col->last names the field's
 * currency, col->currency the column's).  A field without a currency
 * fits any column.
 */
crm_num_status crm_num_parse_column(const char *s, size_t len,
				    bool decimal_comma, crm_num_column *col,
				    double *out);

/*
 * The columns of the input a thread reads numbers from, one state each
 * (for crm_num_parse_column), so that a column holding two currencies
 * is found whatever expression reads it.  The table is the calling
 * thread's own (thread-local): the two halves of an input read by two
 * threads keep one each, and the joining thread checks the other's with
 * crm_num_thread_merge.
 */

/* Columns a thread keeps states for: a column further right is read with
 * a fresh state for each field (its currency is accepted, not held). */
#define CRM_NUM_THREAD_COLUMNS 1024

/* The calling thread's state of column col, or NULL when col is not in
 * [0, CRM_NUM_THREAD_COLUMNS).  Allocates nothing. */
crm_num_column *crm_num_thread_column(long col);

/* The calling thread's table: *n states, valid until its next change. */
const crm_num_column *crm_num_thread_table(size_t *n);

/*
 * Take another thread's table t[0..n) into the calling thread's: true
 * when each column names the same currency in both (or none in one of
 * them; the calling thread then takes the other's), false when a column
 * names two (the calling thread's table is then unchanged).
 */
bool crm_num_thread_merge(const crm_num_column *t, size_t n);

/*
 * For messages: whether s[0..len), which is not a number under
 * decimal_comma, is one under the other convention (as
 * crm_num_parse_column reads a field in a fresh column), so that a tool
 * can say "reads as a number with --decimal-point".
 */
bool crm_num_other_convention(const char *s, size_t len, bool decimal_comma);

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
