#include "crm_opts.h"

#include "crm_expr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_OUTPUT_DELIMITER = CRM_OPT_COMMON_BASE,
	OPT_CRLF,
	OPT_BOM,
	OPT_DECIMAL_COMMA,
	OPT_DECIMAL_POINT,
	OPT_PRECISION,
	OPT_ENCODING,
	OPT_LANG,
	OPT_INVALID,
	OPT_REJECTS,
	OPT_COLUMN,
	OPT_THRESHOLDS,
	OPT_SAVE_THRESHOLDS,
	OPT_AS_OF,
	OPT_DATE_FORMAT
};

static const struct option common_options[] = {
	{ "delimiter", required_argument, NULL, 'd' },
	{ "output-delimiter", required_argument, NULL, OPT_OUTPUT_DELIMITER },
	{ "no-header", no_argument, NULL, 'H' },
	{ "crlf", no_argument, NULL, OPT_CRLF },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA },
	{ "decimal-point", no_argument, NULL, OPT_DECIMAL_POINT },
	{ "precision", required_argument, NULL, OPT_PRECISION },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "output", required_argument, NULL, 'o' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "invalid", required_argument, NULL, OPT_INVALID },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "thresholds", required_argument, NULL, OPT_THRESHOLDS },
	{ "save-thresholds", required_argument, NULL, OPT_SAVE_THRESHOLDS },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT },
};
#define NCOMMON (sizeof common_options / sizeof common_options[0])
#define COMMON_SHORT "d:Ho:vhV"

static const char common_help[] =
"Input and output:\n"
"  -d, --delimiter C         field delimiter: , ; tab | or one byte\n"
"                            (default: sniffed from the first line)\n"
"      --output-delimiter C  delimiter of the output (default: the input's)\n"
"  -H, --no-header           the input has no header row; columns are\n"
"                            numbered from 1 and no header is written\n"
"      --encoding E          input encoding: utf-8, cp1252 or latin1\n"
"      --decimal-comma       numbers use ',' as decimal separator and '.'\n"
"                            as thousands grouping\n"
"      --decimal-point       numbers use '.' as decimal separator (default:\n"
"                            ',' with the delimiter ';', else '.')\n"
"      --precision N         print numbers with N fixed decimals\n"
"      --as-of DATE          today() of expressions (default: today)\n"
"      --date-format FMT     read dates with FMT (%Y %m %d %H %M %S %y)\n"
"  -o, --output FILE         write to FILE (replaced only on success)\n"
"      --crlf                end output lines with CRLF\n"
"      --bom                 start output with a UTF-8 byte-order mark\n"
"                            (then all of the input is checked for UTF-8)\n"
"      --lang en|de          language of labels\n"
"  -v, --verbose             report thresholds and row counts on stderr\n"
"  -h, --help                print this help\n"
"  -V, --version             print the version\n";

static const char column_help[] =
"  -c, --column NAME         name of the appended column (default: %s)\n";

static const char thresholds_help[] =
"      --save-thresholds FILE  write the thresholds used to FILE\n"
"      --thresholds FILE     use the thresholds of FILE (a saved run)\n"
"                            instead of the split options\n";

static const char invalid_help[] =
"      --invalid POLICY      rows with a missing or invalid measure:\n"
"                            fail (default), keep, skip\n"
"      --rejects FILE        with --invalid skip: write skipped rows to FILE\n";

static const char invalid_help_no_keep[] =
"      --invalid POLICY      rows with a missing or invalid value: fail\n"
"                            (default) or skip\n"
"      --rejects FILE        with --invalid skip: write skipped rows to FILE\n";

/* The merged getopt tables live until parsing ends; every exit path
 * frees them so that leak checkers stay quiet on usage errors too. */
static struct option *merged;
static char *merged_short;

static void
free_merged(void)
{
	free(merged);
	free(merged_short);
	merged = NULL;
	merged_short = NULL;
}

static void
print_synopsis(FILE *fp, const crm_tool *tool)
{
	const char *s = tool->synopsis;

	fputs("usage: ", fp);
	/* Continuation lines of the synopsis line up under the first. */
	for (; *s != '\0'; s++) {
		fputc(*s, fp);
		if (*s == '\n' && s[1] != '\0')
			fputs("       ", fp);
	}
	if (s != tool->synopsis && s[-1] != '\n')
		fputc('\n', fp);
}

void
crm_usage_error(const crm_tool *tool, const char *fmt, ...)
{
	va_list ap;

	free_merged();
	fprintf(stderr, "%s: ", tool->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_synopsis(stderr, tool);
	fprintf(stderr, "Try '%s --help' for more information.\n", tool->name);
	exit(CRM_EXIT_USAGE);
}

void
crm_usage_die(const crm_tool *tool, const crm_error *err)
{
	crm_usage_error(tool, "%s", err->msg);
}

static _Noreturn void
print_help(const crm_tool *tool)
{
	free_merged();
	print_synopsis(stdout, tool);
	fputc('\n', stdout);
	if (tool->help != NULL)
		fputs(tool->help, stdout);
	if (tool->column != NULL)
		printf(column_help, tool->column);
	if (tool->flags & CRM_TOOL_THRESHOLDS)
		fputs(thresholds_help, stdout);
	fputc('\n', stdout);
	fputs(common_help, stdout);
	if (tool->flags & CRM_TOOL_INVALID_NO_KEEP)
		fputs(invalid_help_no_keep, stdout);
	else if (tool->flags & CRM_TOOL_INVALID)
		fputs(invalid_help, stdout);
	fprintf(stdout, "\nSee %s(1) and crmkit(7).\n", tool->name);
	if (fflush(stdout) != 0 || ferror(stdout))
		crm_die(CRM_EXIT_IO, "<stdout>: write error");
	exit(CRM_EXIT_OK);
}

int
crm_opts_delimiter(const char *arg, crm_error *err)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		return '\t';
	if (strcmp(arg, "comma") == 0)
		return ',';
	if (strcmp(arg, "semicolon") == 0)
		return ';';
	if (strcmp(arg, "pipe") == 0)
		return '|';
	if (strlen(arg) != 1)
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "delimiter '%s' is not one byte (or 'tab')", arg);
	if (arg[0] == '"' || arg[0] == '\r' || arg[0] == '\n')
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "a quote or line end cannot be the delimiter");
	return (unsigned char)arg[0];
}

static int
parse_lang(const char *arg, crm_lang *out, crm_error *err)
{
	if (strcmp(arg, "en") == 0)
		*out = CRM_LANG_EN;
	else if (strcmp(arg, "de") == 0)
		*out = CRM_LANG_DE;
	else
		return crm_error_set(err, CRM_EXIT_USAGE,
		    "unknown language '%s' (use en or de)", arg);
	return 0;
}

static void
apply_environment(const crm_tool *tool, crm_common *c)
{
	const char *v;
	crm_error err;
	int d;

	if ((v = getenv("CRMKIT_DELIMITER")) != NULL && *v != '\0') {
		if ((d = crm_opts_delimiter(v, &err)) < 0)
			crm_usage_error(tool, "CRMKIT_DELIMITER: %s",
			    err.msg);
		c->csv.delimiter = d;
	}
	if ((v = getenv("CRMKIT_DECIMAL")) != NULL && *v != '\0') {
		if (strcmp(v, "comma") == 0)
			c->decimal_comma = true;
		else if (strcmp(v, "point") != 0 && strcmp(v, "dot") != 0)
			crm_usage_error(tool,
			    "CRMKIT_DECIMAL: '%s' is not comma or point", v);
		c->decimal_from = CRM_DECIMAL_FROM_ENV;
	}
	if ((v = getenv("CRMKIT_LANG")) != NULL && *v != '\0') {
		if (parse_lang(v, &c->lang, &err) < 0)
			crm_usage_error(tool, "CRMKIT_LANG: %s",
			    err.msg);
	}
}

static bool
known_encoding(const char *e)
{
	static const char *const names[] = {
		"utf-8", "utf8", "UTF-8", "cp1252", "CP1252", "windows-1252",
		"latin1", "LATIN1", "iso-8859-1", "ISO-8859-1",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(e, names[i]) == 0)
			return true;
	return false;
}

static void
handle_common(const crm_tool *tool, int opt, const char *arg,
	      crm_common *c)
{
	crm_error err;
	char *end;
	long n;

	switch (opt) {
	case 'd':
		if ((c->csv.delimiter = crm_opts_delimiter(arg, &err)) < 0)
			crm_usage_die(tool, &err);
		break;
	case OPT_OUTPUT_DELIMITER:
		if ((c->out_delimiter = crm_opts_delimiter(arg, &err)) < 0)
			crm_usage_die(tool, &err);
		break;
	case 'H':
		c->csv.no_header = true;
		break;
	case OPT_CRLF:
		c->crlf = true;
		break;
	case OPT_BOM:
		c->bom = true;
		break;
	case OPT_DECIMAL_COMMA:
	case OPT_DECIMAL_POINT:
		c->decimal_comma = opt == OPT_DECIMAL_COMMA;
		c->decimal_from = CRM_DECIMAL_FROM_OPTION;
		break;
	case OPT_PRECISION:
		n = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || n < 0 || n > 30)
			crm_usage_error(tool,
			    "--precision: '%s' is not a number of decimals "
			    "from 0 to 30", arg);
		c->precision = (int)n;
		break;
	case OPT_ENCODING:
		if (!known_encoding(arg))
			crm_usage_error(tool,
			    "unknown encoding '%s' (use cp1252 or latin1)",
			    arg);
		c->csv.encoding = arg;
		break;
	case 'o':
		c->output = arg;
		break;
	case 'v':
		c->verbose = true;
		break;
	case OPT_LANG:
		if (parse_lang(arg, &c->lang, &err) < 0)
			crm_usage_die(tool, &err);
		break;
	case OPT_INVALID:
		if (strcmp(arg, "fail") == 0)
			c->invalid = CRM_INVALID_FAIL;
		else if (strcmp(arg, "skip") == 0)
			c->invalid = CRM_INVALID_SKIP;
		else if (strcmp(arg, "keep") == 0 &&
		    !(tool->flags & CRM_TOOL_INVALID_NO_KEEP))
			c->invalid = CRM_INVALID_KEEP;
		else
			crm_usage_error(tool,
			    "--invalid: '%s' is not %s", arg,
			    tool->flags & CRM_TOOL_INVALID_NO_KEEP ?
			    "fail or skip" : "fail, keep or skip");
		break;
	case OPT_REJECTS:
		c->rejects = arg;
		break;
	case OPT_AS_OF:
		c->as_of_arg = arg;
		break;
	case OPT_DATE_FORMAT:
		c->date_format_arg = arg;
		break;
	case 'c':
	case OPT_COLUMN:
		if (*arg == '\0')
			crm_usage_error(tool,
			    "-c: the column name is empty");
		c->column = arg;
		break;
	case OPT_THRESHOLDS:
		c->thresholds = arg;
		break;
	case OPT_SAVE_THRESHOLDS:
		c->save_thresholds = arg;
		break;
	}
}

/*
 * getopt refused word (the argument it stopped at, optopt the short
 * option): say why.  "--sort=yes" on an option without argument says the
 * option takes no value, rather than "unknown option".
 */
static _Noreturn void
unknown_option(const crm_tool *tool, const struct option *all,
	       const char *word)
{
	const char *eq = strchr(word, '=');

	if (strncmp(word, "--", 2) == 0 && eq != NULL) {
		size_t n = (size_t)(eq - word - 2);

		for (size_t i = 0; all[i].name != NULL; i++)
			if (all[i].has_arg == no_argument &&
			    strlen(all[i].name) == n &&
			    strncmp(all[i].name, word + 2, n) == 0)
				crm_usage_error(tool, "option '--%s' takes "
				    "no value (write '--%s' alone)",
				    all[i].name, all[i].name);
	}
	if (strncmp(word, "--", 2) == 0)
		crm_usage_error(tool, "unknown option '%.*s'", eq != NULL ?
		    (int)(eq - word) : (int)strlen(word), word);
	if (optopt > 0 && optopt < 256)
		crm_usage_error(tool, "unknown option '-%c'", optopt);
	crm_usage_error(tool, "unknown option '%s'", word);
}

/* What set the convention in force, for messages: "(--decimal-comma)",
 * ", as the delimiter is ';'". */
static const char *
decimal_source(const crm_common *c, char *buf, size_t cap)
{
	switch (c->decimal_from) {
	case CRM_DECIMAL_FROM_ENV:
		return " (CRMKIT_DECIMAL)";
	case CRM_DECIMAL_FROM_OPTION:
		return c->decimal_comma ? " (--decimal-comma)" :
		    " (--decimal-point)";
	default:
		if (c->settled_delimiter == '\t')
			snprintf(buf, cap, ", as the delimiter is tab");
		else
			snprintf(buf, cap, ", as the delimiter is '%c'",
			    c->settled_delimiter);
		return buf;
	}
}

bool
crm_common_decimal_comma_for(const crm_common *c, int in_delimiter)
{
	return c->decimal_from == CRM_DECIMAL_FROM_DELIMITER ?
	    in_delimiter == ';' : c->decimal_comma;
}

void
crm_common_settle_decimal(crm_common *c, int in_delimiter)
{
	char src[64];

	c->decimal_comma = crm_common_decimal_comma_for(c, in_delimiter);
	c->settled_delimiter = in_delimiter;
	if (!c->verbose)
		return;
	if (c->decimal_from == CRM_DECIMAL_FROM_DELIMITER &&
	    c->decimal_comma)
		crm_warn("numbers use the decimal comma, as the delimiter is "
		    "';' (--decimal-point reads 1.5 as one and a half)");
	else
		crm_warn("numbers use the decimal %s%s",
		    c->decimal_comma ? "comma" : "point",
		    decimal_source(c, src, sizeof src));
}

double
crm_common_option_number(const crm_common *c, const char *option,
			 const char *arg, double min)
{
	size_t n = strlen(arg);
	double v, other;
	char src[64];

	/* the comma is the convention a user may not expect: name it */
	if (crm_num_parse(arg, n, c->decimal_comma, &v) != CRM_NUM_OK ||
	    !(v >= min))
		crm_usage_error(c->tool, "%s: '%s' is not a number >= %g%s%s%s",
		    option, arg, min, c->decimal_comma ? " (numbers use the "
		    "decimal comma" : "", c->decimal_comma ?
		    decimal_source(c, src, sizeof src) : "",
		    c->decimal_comma ? ")" : "");
	if (c->decimal_from == CRM_DECIMAL_FROM_DELIMITER &&
	    c->decimal_comma && crm_num_parse(arg, n, false, &other) ==
	    CRM_NUM_OK && other != v)
		crm_usage_error(c->tool, "%s: '%s' is ambiguous: %g with "
		    "the decimal comma that the delimiter ';' brings, %g "
		    "with the decimal point (write it without '.', or give "
		    "--decimal-comma or --decimal-point)", option, arg, v,
		    other);
	return v;
}

/* --date-format and --as-of (or their environment variables): checked
 * once, handed to crm_expr for date() and today(), reported by -v
 * unless the tool takes its default as-of date from the data. */
static void
setup_dates(const crm_tool *tool, crm_common *c)
{
	crm_error err;
	char buf[CRM_DATE_BUFSZ];
	int has;

	if ((has = crm_date_pattern_setup(&c->date_pattern,
	    c->date_format_arg, &err)) < 0)
		crm_usage_die(tool, &err);
	if (crm_date_as_of(c->as_of_arg, has ? &c->date_pattern : NULL,
	    &c->as_of, &err) < 0) {
		if (err.status != CRM_EXIT_USAGE)
			crm_die(err.status, "%s", err.msg);
		crm_usage_die(tool, &err);
	}
	c->as_of_set = c->as_of_arg != NULL || getenv("CRMKIT_AS_OF") != NULL;
	crm_expr_set_dates(has ? &c->date_pattern : NULL, c->as_of);
	if (c->verbose && !(tool->flags & CRM_TOOL_DATA_AS_OF)) {
		crm_date_format(buf, c->as_of);
		fprintf(stderr, "%s: as-of date %s\n", tool->name, buf);
	}
}

void
crm_opts_parse(const crm_tool *tool, int argc, char **argv, crm_common *c)
{
	size_t ntool = 0, nall = 0;
	struct option *all;
	char *shortopts;
	bool takes_invalid = tool->flags &
	    (CRM_TOOL_INVALID | CRM_TOOL_INVALID_NO_KEEP);
	int opt;

	crm_diag_init(tool->name);
	memset(c, 0, sizeof *c);
	c->tool = tool;
	c->precision = -1;
	c->column = tool->column;
	apply_environment(tool, c);

	while (tool->options != NULL && tool->options[ntool].name != NULL)
		ntool++;
	all = merged = crm_xcalloc(ntool + NCOMMON + 1, sizeof *all);
	for (size_t i = 0; i < ntool; i++)
		all[nall++] = tool->options[i];
	for (size_t i = 0; i < NCOMMON; i++) {
		if (!takes_invalid && (common_options[i].val == OPT_INVALID ||
		    common_options[i].val == OPT_REJECTS))
			continue;
		if (tool->column == NULL && common_options[i].val ==
		    OPT_COLUMN)
			continue;
		if (!(tool->flags & CRM_TOOL_THRESHOLDS) &&
		    (common_options[i].val == OPT_THRESHOLDS ||
		    common_options[i].val == OPT_SAVE_THRESHOLDS))
			continue;
		all[nall++] = common_options[i];
	}
	/* GNU permutation lets options follow file names, as users of
	 * Miller and xsv expect; a leading ':' makes getopt report a
	 * missing argument as ':' rather than printing its own message. */
	shortopts = merged_short = crm_xmalloc(strlen(COMMON_SHORT) +
	    strlen(tool->shortopts ? tool->shortopts : "") + 4);
	strcpy(shortopts, ":");
	strcat(shortopts, COMMON_SHORT);
	if (tool->column != NULL)
		strcat(shortopts, "c:");
	if (tool->shortopts != NULL)
		strcat(shortopts, tool->shortopts);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
		crm_error err;

		switch (opt) {
		case 'h':
			print_help(tool);
		case 'V':
			free_merged();
			printf("%s (crmkit) %s\n", tool->name, CRMKIT_VERSION);
			if (fflush(stdout) != 0)
				crm_die(CRM_EXIT_IO, "<stdout>: write error");
			exit(CRM_EXIT_OK);
		case ':':
			crm_usage_error(tool, "option '%s' needs an argument",
			    argv[optind - 1]);
		case '?':
			unknown_option(tool, all, argv[optind - 1]);
		default:
			if (opt >= CRM_OPT_COMMON_BASE || (opt == 'c' && tool->column) ||
			    (opt < 256 && strchr(COMMON_SHORT, opt) != NULL)) {
				handle_common(tool, opt, optarg, c);
				break;
			}
			if (tool->handle(opt, optarg, tool->ctx, &err) < 0)
				crm_usage_die(tool, &err);
		}
	}
	free_merged();
	if (c->rejects != NULL && c->invalid != CRM_INVALID_SKIP)
		crm_usage_error(tool, "--rejects needs --invalid skip");
	setup_dates(tool, c);
	/* A BOM says "UTF-8": never in front of bytes passed through
	 * unchecked (crmkit(7) ENCODINGS). */
	c->csv.check_all = c->bom;
	c->operands = argv + optind;
	c->noperands = (size_t)(argc - optind);
}

crm_writer_config
crm_common_writer_config(const crm_common *c, int in_delimiter)
{
	crm_writer_config w;

	w.delimiter = c->out_delimiter ? c->out_delimiter : in_delimiter;
	w.crlf = c->crlf;
	w.bom = c->bom;
	w.numfmt.precision = c->precision;
	w.numfmt.decimal_comma = c->decimal_comma;
	return w;
}

int
crm_opts_count(const char *arg, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long long n;

	if (arg[0] < '0' || arg[0] > '9')
		return -1;
	n = strtoull(arg, &end, 10);	/* ULLONG_MAX when too large */
	if (*end != '\0' || n > max)
		return -1;
	*out = (unsigned long)n;
	return 0;
}

size_t
crm_opts_split_list(char *s, char **item, size_t max)
{
	size_t n = 0, depth = 0;
	bool quote = false, brace = false;
	char *start = s;

	for (char *p = s;; p++) {
		if (*p == '\0' || (*p == ',' && depth == 0 && !quote &&
		    !brace)) {
			bool last = *p == '\0';

			*p = '\0';
			if (n < max)
				item[n] = start;
			n++;
			if (last)
				break;
			start = p + 1;
		} else if (quote) {
			if (*p == '\\' && p[1] != '\0')
				p++;	/* \" and \\ inside a string */
			else if (*p == '"')
				quote = false;
		} else if (brace) {
			if (*p == '}')
				brace = false;
		} else if (*p == '"') {
			quote = true;
		} else if (*p == '{') {
			brace = true;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && depth > 0) {
			depth--;
		}
	}
	return n;
}
