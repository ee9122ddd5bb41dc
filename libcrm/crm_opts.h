/*
 * crm_opts: the options every tool shares, parsed by one table
 * (SPEC 2), merged with each tool's own getopt_long table.
 *
 * Common options: -d/--delimiter C, --output-delimiter C, -H/--no-header,
 * --crlf, --bom, --decimal-comma, --decimal-point, --precision N, --encoding E,
 * --as-of DATE, --date-format FMT (handed to crm_expr_set_dates),
 * -o/--output FILE, -v/--verbose, --lang en|de, -h/--help, -V/--version,
 * for row tools --invalid fail|keep|skip and --rejects FILE, and for tools
 * that append a column -c/--column NAME.
 * Environment defaults (overridden by flags): CRMKIT_DELIMITER,
 * CRMKIT_DECIMAL=comma|point, CRMKIT_LANG, CRMKIT_AS_OF, CRMKIT_DATE_FORMAT.  Unless set, the decimal
 * convention follows the input's delimiter (crm_common_settle_decimal).
 *
 * Tool layer: usage errors END THE PROCESS (status 2, with the tool's
 * synopsis), as do --help and --version (status 0).
 */
#ifndef CRM_OPTS_H
#define CRM_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "crm_csv.h"
#include "crm_date.h"
#include "crm_writer.h"
#include "crm_diag.h"

typedef enum crm_invalid_policy {
	CRM_INVALID_FAIL = 0,
	CRM_INVALID_KEEP,
	CRM_INVALID_SKIP
} crm_invalid_policy;

typedef enum crm_lang { CRM_LANG_EN = 0, CRM_LANG_DE } crm_lang;

/* What the common options set. */
typedef struct crm_tool crm_tool;

/* What set the decimal convention. */
typedef enum crm_decimal_from {
	CRM_DECIMAL_FROM_DELIMITER = 0,	/* nothing: ';' means the comma */
	CRM_DECIMAL_FROM_ENV,		/* CRMKIT_DECIMAL */
	CRM_DECIMAL_FROM_OPTION		/* --decimal-comma, --decimal-point */
} crm_decimal_from;

typedef struct crm_common {
	crm_csv_config csv;	/* delimiter (0: sniff), no_header, encoding */
	int out_delimiter;	/* 0: the input's */
	bool crlf, bom, decimal_comma, verbose;
	crm_decimal_from decimal_from;
	int settled_delimiter;	/* crm_common_settle_decimal's */
	int precision;		/* -1: shortest form */
	const char *output;	/* -o FILE, NULL: stdout */
	crm_lang lang;
	crm_invalid_policy invalid;
	const char *rejects;	/* --rejects FILE */
	const char *column;	/* -c NAME: the appended column's name */
	const char *thresholds;		/* --thresholds FILE */
	const char *save_thresholds;	/* --save-thresholds FILE */
	const char *as_of_arg, *date_format_arg;	/* as given */
	crm_date as_of;		/* today() of expressions */
	bool as_of_set;		/* by --as-of or CRMKIT_AS_OF, not the clock */
	crm_date_pattern date_pattern;	/* n 0: the default forms */
	char **operands;	/* what getopt left (files, kpi metrics) */
	size_t noperands;
	/* The tool parsed (set by crm_opts_parse): the tool layer's usage
	 * errors name it and show its synopsis. */
	const struct crm_tool *tool;
} crm_common;

enum {
	CRM_TOOL_INVALID = 1,	/* the tool takes --invalid and --rejects */
	CRM_TOOL_INVALID_NO_KEEP = 2,	/* ... but not --invalid keep (kpi) */
	CRM_TOOL_THRESHOLDS = 4,	/* --thresholds, --save-thresholds FILE */
	/* Without --as-of or CRMKIT_AS_OF the as-of date comes from the
	 * data (rfm: the latest purchase), so -v is the tool's to report. */
	CRM_TOOL_DATA_AS_OF = 8
};

/* Option codes from this value on are the common options' own; a tool's
 * long-only options use codes in [256, CRM_OPT_COMMON_BASE). */
#define CRM_OPT_COMMON_BASE 0x1000

struct crm_tool {
	const char *name;	/* "prioritize" */
	const char *synopsis;	/* usage lines, as in the man page SYNOPSIS */
	const char *help;	/* option list for --help */
	const struct option *options;	/* the tool's own, {0} terminated */
	const char *shortopts;	/* the tool's own short options */
	unsigned flags;		/* CRM_TOOL_* */
	/* A tool that appends one named column: its default name.  The
	 * tool then takes -c, --column NAME (into crm_common.column). */
	const char *column;
	/*
	 * Called for each of the tool's own options, in command-line order.
	 * Returns 0, or -1 with err filled (usage error).
	 */
	int (*handle)(int opt, const char *arg, void *ctx, crm_error *err);
	void *ctx;
};

/*
 * Set c from the environment defaults, then parse argv.  Calls
 * crm_diag_init(tool->name).  --help prints "usage: SYNOPSIS" and help to
 * standard output and exits 0; --version prints "NAME (crmkit) VERSION"
 * and exits 0; a usage error prints "TOOL: message" and the synopsis to
 * standard error and exits 2.
 */
void crm_opts_parse(const crm_tool *tool, int argc, char **argv,
		    crm_common *c);

/* Parse a delimiter argument: ",", ";", "tab", "\t", "|", any one byte.
 * Returns the byte, or -1 (usage error text in err). */
int crm_opts_delimiter(const char *arg, crm_error *err);

/*
 * Split a comma-separated option argument in place: commas inside
 * parentheses, {braces} or "double quotes" (with the backslash escapes
 * of crm_expr strings) do not split, so that
 * expressions such as max(a,b) can be list items.  Stores up to max
 * pointers into item[] (NUL-terminated pieces of s) and returns the
 * number of items, which may exceed max (the extra items are not
 * stored).  An empty s has one empty item.
 */
size_t crm_opts_split_list(char *s, char **item, size_t max);

/*
 * Read a count option's argument: decimal digits only (no sign, no
 * blanks), at most max.  Stores it in *out and returns 0, or returns -1
 * (and leaves *out alone); the caller words the usage error.
 */
int crm_opts_count(const char *arg, unsigned long max, unsigned long *out);

/* A usage error found after crm_opts_parse (a bad SPLIT, say): print
 * "TOOL: err->msg" and tool's synopsis, exit 2. */
_Noreturn void crm_usage_die(const crm_tool *tool, const crm_error *err);

/* Print "TOOL: message" and the synopsis, exit 2. */
_Noreturn void crm_usage_error(const crm_tool *tool, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Once the input's delimiter is known: unless an option or CRMKIT_DECIMAL
 * set it, the decimal comma is in force exactly when the delimiter is
 * ';' (SPEC 2, "Numbers").  With -v, says on standard error which
 * convention is in force and what set it, always in one line.
 */
void crm_common_settle_decimal(crm_common *c, int in_delimiter);

/* The convention crm_common_settle_decimal would settle on for input of
 * that delimiter, without settling it (for a tool reading several
 * inputs of their own delimiters, as report does): true for the
 * decimal comma. */
bool crm_common_decimal_comma_for(const crm_common *c, int in_delimiter);

/*
 * The number arg of an option, read in the decimal convention in force
 * (SPEC 2: option values take the input's convention), so only after
 * crm_common_settle_decimal.  Ends the tool with a usage error naming
 * option and the convention when arg is not a number >= min, and when
 * the decimal comma came from the delimiter alone and arg reads as
 * another number with the decimal point ('1.000': one thousand or one),
 * as expressions refuse 100.000.
 */
double crm_common_option_number(const crm_common *c, const char *option,
				const char *arg, double min);

/* The writer configuration the common options describe, given the input
 * delimiter. */
crm_writer_config crm_common_writer_config(const crm_common *c,
					   int in_delimiter);

#endif
