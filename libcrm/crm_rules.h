/*
 * crm_rules: an ordered table of labelled conditions, "LABEL: CONDITION"
 * (segment --rule/--rules; rfm's segment table over its scores).  The
 * conditions are crm_expr expressions compiled against a header; the
 * first rule whose condition holds gives the label.
 *
 * A rule comes from an option argument (--rule 'VIP: revenue > 1e5') or
 * from a file of one rule a line (crm_deffile: # comments, blank lines,
 * CRLF, BOM).  Messages name the file and line ("FILE:LINE: ...") or the
 * option and its argument ("--rule 'ARG': ...").  An engine: errors are
 * returned, nothing here ends the process (but crm_xmalloc on exhausted
 * memory).
 */
#ifndef CRM_RULES_H
#define CRM_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_diag.h"

typedef struct crm_rules crm_rules;

crm_rules *crm_rules_new(void);
void crm_rules_free(crm_rules *rs);

/*
 * Add the rule arg ("LABEL: CONDITION", split at the first ':', both
 * parts trimmed of spaces and tabs and not empty), given by option
 * ("--rule"), which must outlive rs.  Returns 0, or -1 with err (status
 * 2): "--rule 'ARG': expected 'LABEL: CONDITION'".
 */
int crm_rules_add(crm_rules *rs, const char *option, const char *arg,
		  crm_error *err);

/*
 * Add every rule of the file path, in order.  Returns 0, or -1 with err:
 * "PATH:LINE: malformed rule (expected 'LABEL: CONDITION')" or "PATH: no
 * rule in the file" (status 2), or the file's open or read error
 * (status 3).
 */
int crm_rules_read(crm_rules *rs, const char *path, crm_error *err);

/*
 * Cut spaces and tabs off both ends of s, in place: the end by writing a
 * NUL into s, the start by returning a pointer into s.  Never fails.
 */
char *crm_rules_trim(char *s);

/* Number of rules, and the label of rule i. */
size_t crm_rules_count(const crm_rules *rs);
const char *crm_rules_label(const crm_rules *rs, size_t i);

/*
 * Compile every condition against h (which must outlive rs), with the
 * crm_expr_compile flags given (CRM_EXPR_CHECK_TEXT: a condition that
 * compares a column value that is not UTF-8 as text makes the row
 * invalid).  Returns 0, or -1 with err as crm_expr_compile gives it,
 * prefixed "FILE:LINE: " or "--rule 'ARG': ".
 */
int crm_rules_compile(crm_rules *rs, const crm_header *h,
		      bool decimal_comma, unsigned flags, crm_error *err);

/* crm_rules_match found no rule that holds; or met a condition it cannot
 * decide. */
#define CRM_RULES_NONE (-1L)
#define CRM_RULES_INVALID (-2L)

/*
 * The first rule whose condition holds on rec: a number other than 0
 * (comparisons and logic give 1 or 0; a missing value, or text, does not
 * hold).  Returns its index; CRM_RULES_NONE when none holds (why: "no
 * rule matches"); CRM_RULES_INVALID when a condition met before a hit
 * cannot be decided (arithmetic on text), with the reason in
 * why[0..cap).
 */
long crm_rules_match(const crm_rules *rs, const crm_record *rec, char *why,
		     size_t cap);

#endif
