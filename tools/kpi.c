/*
 * kpi: steering figures per group (seed 4, Steuerung).  See kpi(1).
 *
 * Each metric is an expression over aggregates (sum(revenue) /
 * sum(target)).  The aggregate calls of all metrics are pooled: identical
 * calls (same function, parameter and argument) share one state per
 * group, and identical arguments are evaluated once per row.  Rows are
 * read once; per row kpi evaluates the arguments, finds the group in a
 * hash map and updates its states, allocating nothing except for a new
 * group (and for median, quantile and distinct, which keep values).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_agg.h"
#include "crm_csv.h"
#include "crm_csvw.h"
#include "crm_expr.h"
#include "crm_hash.h"
#include "crm_num.h"
#include "crm_opts.h"

enum { OPT_BY = 256, OPT_SORT, OPT_TOTAL, OPT_METRICS, OPT_PRESET, OPT_MAP,
       OPT_TARGETS };

static const struct option options[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "total", no_argument, NULL, OPT_TOTAL },
	{ "metrics", required_argument, NULL, OPT_METRICS },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "targets", required_argument, NULL, OPT_TARGETS },
	{ NULL, 0, NULL, 0 }
};

static const char synopsis[] =
"kpi [--by COL[,COL...]] [--preset steering | --metrics FILE]\n"
"    [--map NAME=COLUMN,...] [--targets FILE] [--total] [--sort]\n"
"    [options] [NAME=EXPRESSION ...] [FILE ...]\n";

static const char help[] =
"Steering figures per group (seed 4): one output row per group, the group\n"
"keys, then each metric.  A metric is NAME=EXPRESSION over aggregates:\n"
"count() count(x) count_if(cond) sum mean min max median quantile(x,p)\n"
"stddev var distinct, combined arithmetically (sum(revenue)/sum(target)).\n"
"\n"
"      --by COL[,COL...]     one row per distinct key (first-seen order)\n"
"      --sort                order the rows by key (byte order)\n"
"      --total               add a last row over all rows, keys '(all)'\n"
"      --metrics FILE        metrics from FILE, one NAME = EXPRESSION a line\n"
"      --preset steering     the seed's ten steering figures\n"
"      --map NAME=COLUMN,... let the metrics' NAME refer to COLUMN\n"
"      --targets FILE        targets per group: adds NAME_target and\n"
"                            NAME_attainment (actual / target)\n";

#define ALL_KEY "(all)"

/* ------------------------------------------------------------------ */
/* Configuration */

struct mapping {
	char *name, *column;
	bool used;
};

struct metric {
	char *name;
	char *src;		/* as written */
	char *compiled;		/* after --map */
	const char *file;	/* metrics file, or NULL for an operand */
	unsigned long line;
	bool preset;
	crm_expr *expr;
	size_t nagg;
	size_t *agg;		/* pooled aggregate of each call */
	long target;		/* column in the targets file, or -1 */
};

struct config {
	const char *by, *metrics_file, *preset, *targets_file;
	bool sort, total;
	struct mapping *map;
	size_t nmap;
};

static const crm_tool *the_tool;
static const char *preset_name;	/* --preset, for messages */

static bool
ident_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

static bool
ident_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c >= 0x80;
}

/* A metric name: a bare identifier of the expression language. */
static bool
valid_name(const char *s, size_t len)
{
	if (len == 0 || !ident_start((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!ident_char((unsigned char)s[i]))
			return false;
	return true;
}

static bool
keyword(const char *s, size_t len)
{
	return (len == 3 && (memcmp(s, "and", 3) == 0 ||
	    memcmp(s, "not", 3) == 0)) || (len == 2 && memcmp(s, "or", 2) == 0);
}

static int
add_map(struct config *cfg, const char *arg, crm_error *err)
{
	const char *p = arg;

	while (*p != '\0') {
		const char *end = strchr(p, ','), *eq;
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct mapping *m;

		eq = memchr(p, '=', len);
		if (eq == NULL || eq == p || eq + 1 == p + len)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--map: '%.*s' is not NAME=COLUMN", (int)len, p);
		for (size_t i = 0; i < cfg->nmap; i++)
			if (strlen(cfg->map[i].name) == (size_t)(eq - p) &&
			    memcmp(cfg->map[i].name, p, (size_t)(eq - p)) == 0)
				return crm_error_set(err, CRM_EXIT_USAGE,
				    "--map: '%.*s' is mapped twice",
				    (int)(eq - p), p);
		if (memchr(eq + 1, '}', len - (size_t)(eq + 1 - p)) != NULL)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--map: a column name holding '}' cannot be "
			    "referred to");
		cfg->map = crm_xreallocarray(cfg->map, cfg->nmap + 1,
		    sizeof *cfg->map);
		m = &cfg->map[cfg->nmap++];
		m->name = crm_xmemdup(p, (size_t)(eq - p));
		m->column = crm_xmemdup(eq + 1, len - (size_t)(eq + 1 - p));
		m->used = false;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int
handle(int opt, const char *arg, void *ctx, crm_error *err)
{
	struct config *cfg = ctx;

	switch (opt) {
	case OPT_BY:
		if (*arg == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--by: no column given");
		cfg->by = arg;
		break;
	case OPT_SORT:
		cfg->sort = true;
		break;
	case OPT_TOTAL:
		cfg->total = true;
		break;
	case OPT_METRICS:
		cfg->metrics_file = arg;
		break;
	case OPT_PRESET:
		cfg->preset = arg;
		break;
	case OPT_MAP:
		return add_map(cfg, arg, err);
	case OPT_TARGETS:
		cfg->targets_file = arg;
		break;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Metrics: operands, --metrics FILE, --preset */

struct metrics {
	struct metric *m;
	size_t n;
};

static void
add_metric(struct metrics *ms, const char *name, size_t nlen,
	   const char *src, size_t slen, const char *file,
	   unsigned long line, bool preset)
{
	struct metric *m;

	for (size_t i = 0; i < ms->n; i++)
		if (strlen(ms->m[i].name) == nlen &&
		    memcmp(ms->m[i].name, name, nlen) == 0) {
			if (file != NULL)
				crm_die(CRM_EXIT_USAGE,
				    "%s:%lu: metric '%.*s' is defined twice",
				    file, line, (int)nlen, name);
			crm_usage_error(the_tool,
			    "metric '%.*s' is defined twice", (int)nlen,
			    name);
		}
	ms->m = crm_xreallocarray(ms->m, ms->n + 1, sizeof *ms->m);
	m = &ms->m[ms->n++];
	memset(m, 0, sizeof *m);
	m->name = crm_xmemdup(name, nlen);
	m->src = crm_xmemdup(src, slen);
	m->file = file;
	m->line = line;
	m->preset = preset;
	m->target = -1;
}

/*
 * Split an operand NAME=EXPRESSION (spaces allowed around NAME); returns
 * false when it is not of that form (then it is a file).
 */
static bool
split_metric(const char *s, const char **name, size_t *nlen,
	     const char **src)
{
	const char *eq = strchr(s, '='), *b = s, *e;

	if (eq == NULL || eq[1] == '=')
		return false;
	while (b < eq && *b == ' ')
		b++;
	e = eq;
	while (e > b && e[-1] == ' ')
		e--;
	if (!valid_name(b, (size_t)(e - b)))
		return false;
	*name = b;
	*nlen = (size_t)(e - b);
	*src = eq + 1;
	return true;
}

/* Length of line without a '#' comment; '#' inside "..." or {...} is
 * text. */
static size_t
strip_comment(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '#')
			return i;
		if (s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\' && i + 1 < len)
					i++;
		} else if (s[i] == '{') {
			while (i < len && s[i] != '}')
				i++;
		}
		if (i >= len)
			break;
	}
	return len;
}

static void
read_metrics_file(struct metrics *ms, const char *path, bool preset)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0;

	if (fp == NULL)
		crm_die(CRM_EXIT_IO, "%s: %s", path, strerror(errno));
	while ((got = getline(&line, &cap, fp)) != -1) {
		const char *s = line, *eq, *b, *e;
		size_t len = (size_t)got;

		lineno++;
		if (lineno == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		len = strip_comment(s, len);
		while (len > 0 && isspace((unsigned char)s[len - 1]))
			len--;
		while (len > 0 && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		if (len == 0)
			continue;
		eq = memchr(s, '=', len);
		if (eq == NULL || eq + 1 == s + len || eq[1] == '=')
			goto malformed;
		e = eq;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (!valid_name(s, (size_t)(e - s)))
			goto malformed;
		b = eq + 1;
		while (b < s + len && isspace((unsigned char)*b))
			b++;
		if (b == s + len)
			goto malformed;
		add_metric(ms, s, (size_t)(e - s), b, (size_t)(s + len - b),
		    path, lineno, preset);
		continue;
malformed:
		crm_die(CRM_EXIT_USAGE, "%s:%lu: expected NAME = EXPRESSION, "
		    "found '%.*s'", path, lineno, (int)len, s);
	}
	if (ferror(fp))
		crm_die(CRM_EXIT_IO, "%s: read error", path);
	free(line);
	fclose(fp);
}

struct buf {
	char *s;
	size_t n, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->cap - b->n < len + 1) {
		while (b->cap - b->n < len + 1)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->s = crm_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

/* Where a preset lives: $CRMKIT_SHARE, the installed data directory,
 * PREFIX/share/crmkit beside the executable's bin/ (an installation that
 * was moved, or staged with DESTDIR), then share/ above the executable
 * (bin/, build/bin/, build/asan/bin/ of an uninstalled build). */
static char *
find_preset(const char *name)
{
	char exe[PATH_MAX], *dirs[8], *found = NULL, *slash;
	const char *env = getenv("CRMKIT_SHARE");
	size_t nd = 0;
	ssize_t n;

	for (const char *p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			crm_usage_error(the_tool, "--preset: unknown preset "
			    "'%s' (there is: steering)", name);
	if (env != NULL && *env != '\0')
		dirs[nd++] = crm_xstrdup(env);
	dirs[nd++] = crm_xstrdup(CRMKIT_DATADIR);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			const char *up[] = { "/../share/crmkit", "/../share",
			    "/../../share", "/../../../share" };

			*slash = '\0';
			for (size_t i = 0; i < 4; i++) {
				dirs[nd] = crm_xmalloc(strlen(exe) +
				    strlen(up[i]) + 1);
				strcpy(dirs[nd], exe);
				strcat(dirs[nd++], up[i]);
			}
		}
	}
	for (size_t i = 0; i < nd && found == NULL; i++) {
		char *path = crm_xmalloc(strlen(dirs[i]) + strlen(name) + 10);

		sprintf(path, "%s/%s.metrics", dirs[i], name);
		if (access(path, R_OK) == 0)
			found = path;
		else
			free(path);
	}
	if (found == NULL) {
		struct buf b = { NULL, 0, 0 };

		for (size_t i = 0; i < nd; i++) {
			buf_add(&b, i ? ", " : "", i ? 2 : 0);
			buf_add(&b, dirs[i], strlen(dirs[i]));
		}
		crm_die(CRM_EXIT_USAGE, "--preset: no preset '%s' (no %s.metrics "
		    "in %s)", name, name, b.s);
	}
	for (size_t i = 0; i < nd; i++)
		free(dirs[i]);
	return found;
}

/* ------------------------------------------------------------------ */
/* --map: rewrite column references of the metrics */

static const struct mapping *
lookup_map(struct config *cfg, const char *s, size_t len)
{
	for (size_t i = 0; i < cfg->nmap; i++)
		if (strlen(cfg->map[i].name) == len &&
		    memcmp(cfg->map[i].name, s, len) == 0) {
			cfg->map[i].used = true;
			return &cfg->map[i];
		}
	return NULL;
}

/* Called for each column reference of a metric: name[0..len) as written,
 * and the column it refers to after --map. */
typedef void (*ref_fn)(struct metric *m, const char *name, size_t len,
		       const char *column, void *ctx);

/*
 * Scan the source of m for column references (bare names that are not
 * function names or keywords, and {names}), rewrite those --map names
 * and call fn for each.  Sets m->compiled.
 */
static void
rewrite(struct config *cfg, struct metric *m, ref_fn fn, void *ctx)
{
	const char *s = m->src;
	size_t n = strlen(s), i = 0;
	struct buf out = { NULL, 0, 0 };

	buf_add(&out, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t start = i;

		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\' && i + 1 < n)
					i++;
			if (i < n)
				i++;
			buf_add(&out, s + start, i - start);
		} else if (c == '{') {
			const char *close = strchr(s + i, '}');
			const struct mapping *mp;
			size_t len;

			if (close == NULL) {	/* the compiler reports it */
				buf_add(&out, s + i, n - i);
				break;
			}
			len = (size_t)(close - (s + i + 1));
			mp = lookup_map(cfg, s + i + 1, len);
			if (fn != NULL)
				fn(m, s + i + 1, len, mp ? mp->column : NULL,
				    ctx);
			if (mp != NULL) {
				buf_add(&out, "{", 1);
				buf_add(&out, mp->column, strlen(mp->column));
				buf_add(&out, "}", 1);
			} else {
				buf_add(&out, s + i, len + 2);
			}
			i += len + 2;
		} else if (isdigit(c) || (c == '.' && i + 1 < n &&
		    isdigit((unsigned char)s[i + 1]))) {
			/* A number: digits, '.', exponent with its sign. */
			while (i < n && (ident_char((unsigned char)s[i]) ||
			    ((s[i] == '+' || s[i] == '-') &&
			    (s[i - 1] == 'e' || s[i - 1] == 'E'))))
				i++;
			buf_add(&out, s + start, i - start);
		} else if (ident_start(c) || c == '.') {
			size_t j;
			const struct mapping *mp;

			while (i < n && ident_char((unsigned char)s[i]))
				i++;
			for (j = i; j < n && (s[j] == ' ' || s[j] == '\t');
			    j++)
				;
			if ((j < n && s[j] == '(') ||
			    keyword(s + start, i - start)) {
				buf_add(&out, s + start, i - start);
				continue;
			}
			mp = lookup_map(cfg, s + start, i - start);
			if (fn != NULL)
				fn(m, s + start, i - start,
				    mp ? mp->column : NULL, ctx);
			if (mp == NULL) {
				buf_add(&out, s + start, i - start);
			} else if (valid_name(mp->column, strlen(mp->column)) &&
			    !keyword(mp->column, strlen(mp->column))) {
				buf_add(&out, mp->column, strlen(mp->column));
			} else {
				buf_add(&out, "{", 1);
				buf_add(&out, mp->column, strlen(mp->column));
				buf_add(&out, "}", 1);
			}
		} else {
			buf_add(&out, s + i, 1);
			i++;
		}
	}
	m->compiled = out.s;
}

/* The columns a preset needs and the input lacks, in order of first
 * reference, each once. */
struct missing {
	const crm_header *h;
	char **name;
	size_t n;
};

static void
check_preset_column(struct metric *m, const char *name, size_t len,
		    const char *column, void *ctx)
{
	struct missing *mc = ctx;

	if (!m->preset || column != NULL ||
	    crm_header_find(mc->h, name, len) != -1)
		return;
	for (size_t i = 0; i < mc->n; i++)
		if (strlen(mc->name[i]) == len &&
		    memcmp(mc->name[i], name, len) == 0)
			return;
	mc->name = crm_xreallocarray(mc->name, mc->n + 1, sizeof *mc->name);
	mc->name[mc->n++] = crm_xmemdup(name, len);
}

/* Name the missing columns and the --map that points them elsewhere. */
static void
report_missing(const struct missing *mc)
{
	struct buf names = { NULL, 0, 0 }, map = { NULL, 0, 0 };

	if (mc->n == 0)
		return;
	if (mc->n == 1)
		crm_die(CRM_EXIT_USAGE, "preset %s needs column '%s'; point "
		    "it at yours with --map %s=COLUMN", preset_name,
		    mc->name[0], mc->name[0]);
	for (size_t i = 0; i < mc->n; i++) {
		buf_add(&names, i ? ", '" : "'", i ? 3 : 1);
		buf_add(&names, mc->name[i], strlen(mc->name[i]));
		buf_add(&names, "'", 1);
		buf_add(&map, i ? "," : "", i ? 1 : 0);
		buf_add(&map, mc->name[i], strlen(mc->name[i]));
		buf_add(&map, "=COLUMN", 7);
	}
	crm_die(CRM_EXIT_USAGE, "preset %s needs columns %s; point them at "
	    "yours with --map %s", preset_name, names.s, map.s);
}

/* ------------------------------------------------------------------ */
/* Pooled aggregates and their arguments */

struct arg {
	const crm_expr *expr;	/* NULL: count() */
	char *sig;		/* identity for sharing */
	bool numeric;		/* an aggregate over it needs a number */
	crm_value v;		/* value on the current row */
};

struct aggdef {
	crm_agg_kind kind;
	double param;
	size_t arg;
};

struct plan {
	struct arg *args;
	size_t nargs;
	struct aggdef *aggs;
	size_t naggs;
};

/*
 * The identity of an argument: a bare column is its index; anything
 * else its source text without blanks outside string literals and
 * braces.
 */
static char *
arg_signature(const crm_expr *e)
{
	struct buf b = { NULL, 0, 0 };
	const char *s;
	char tmp[64];
	long col = crm_expr_column(e);

	if (col >= 0) {
		snprintf(tmp, sizeof tmp, "\001%ld", col);
		return crm_xstrdup(tmp);
	}
	s = crm_expr_source(e);
	buf_add(&b, "\002", 1);
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] == '"' || s[i] == '{') {
			char close = s[i] == '"' ? '"' : '}';
			size_t j = i + 1;

			while (s[j] != '\0' && s[j] != close) {
				if (close == '"' && s[j] == '\\' &&
				    s[j + 1] != '\0')
					j++;
				j++;
			}
			if (s[j] != '\0')
				j++;
			buf_add(&b, s + i, j - i);
			i = j - 1;
		} else if (!isspace((unsigned char)s[i])) {
			buf_add(&b, s + i, 1);
		}
	}
	return b.s;
}

static size_t
plan_arg(struct plan *p, const crm_expr *e, bool numeric)
{
	char *sig;

	if (e == NULL)
		return 0;	/* args[0] is count()'s */
	sig = arg_signature(e);
	for (size_t i = 1; i < p->nargs; i++)
		if (strcmp(p->args[i].sig, sig) == 0) {
			free(sig);
			p->args[i].numeric |= numeric;
			return i;
		}
	p->args = crm_xreallocarray(p->args, p->nargs + 1, sizeof *p->args);
	memset(&p->args[p->nargs], 0, sizeof p->args[0]);
	p->args[p->nargs].expr = e;
	p->args[p->nargs].sig = sig;
	p->args[p->nargs].numeric = numeric;
	return p->nargs++;
}

static size_t
plan_agg(struct plan *p, crm_agg_kind kind, double param, size_t arg)
{
	if (kind == CRM_AGG_MEDIAN) {
		kind = CRM_AGG_QUANTILE;
		param = 0.5;
	}
	if (kind != CRM_AGG_QUANTILE)
		param = 0;
	for (size_t i = 0; i < p->naggs; i++)
		if (p->aggs[i].kind == kind && p->aggs[i].param == param &&
		    p->aggs[i].arg == arg)
			return i;
	p->aggs = crm_xreallocarray(p->aggs, p->naggs + 1, sizeof *p->aggs);
	p->aggs[p->naggs].kind = kind;
	p->aggs[p->naggs].param = param;
	p->aggs[p->naggs].arg = arg;
	return p->naggs++;
}

/* ------------------------------------------------------------------ */
/* Group keys: one column's cell as is; several as (length, bytes)
 * pairs, so that no cell content can fake a boundary. */

struct keybuf {
	char *s;
	size_t cap;
};

static const char *
make_key(struct keybuf *kb, const long *cols, size_t ncols,
	 const crm_record *rec, size_t *len)
{
	size_t need = 0, at = 0;

	if (ncols == 1) {
		*len = rec->len[cols[0]];
		return rec->f[cols[0]];
	}
	for (size_t i = 0; i < ncols; i++)
		need += 4 + rec->len[cols[i]];
	if (need > kb->cap) {
		kb->cap = need * 2;
		kb->s = crm_xrealloc(kb->s, kb->cap);
	}
	for (size_t i = 0; i < ncols; i++) {
		uint32_t l = (uint32_t)rec->len[cols[i]];

		memcpy(kb->s + at, &l, 4);
		memcpy(kb->s + at + 4, rec->f[cols[i]], l);
		at += 4 + l;
	}
	*len = at;
	return kb->s;
}

/* Cell i of a key made by make_key. */
static const char *
key_cell(const char *key, size_t len, size_t ncols, size_t i, size_t *clen)
{
	uint32_t l;

	if (ncols == 1) {
		*clen = len;
		return key;
	}
	for (;;) {
		memcpy(&l, key, 4);
		if (i-- == 0)
			break;
		key += 4 + l;
	}
	*clen = l;
	return key + 4;
}

static const crm_hash *sort_groups;
static size_t sort_ncols;

static int
cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	if (c != 0 || al == bl)
		return c;
	return al < bl ? -1 : 1;
}

static int
cmp_groups(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	size_t al, bl;
	const char *ka = crm_hash_key(sort_groups, a, &al);
	const char *kb = crm_hash_key(sort_groups, b, &bl);

	for (size_t i = 0; i < sort_ncols; i++) {
		size_t cal, cbl;
		const char *ca = key_cell(ka, al, sort_ncols, i, &cal);
		const char *cb = key_cell(kb, bl, sort_ncols, i, &cbl);
		int c = cmp_bytes(ca, cal, cb, cbl);

		if (c != 0)
			return c;
	}
	return a < b ? -1 : a > b;
}

/* ------------------------------------------------------------------ */
/* --by */

/* Edit distance, for suggesting the nearest column name. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), *row, best;

	if (la > 200 || lb > 200)
		return SIZE_MAX;
	row = crm_xcalloc(lb + 1, sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

/* An unknown --by column: the message lists the columns and suggests
 * the nearest, as the expression compiler does for its columns. */
static _Noreturn void
unknown_column(const char *what, const char *name, const crm_header *h)
{
	struct buf b = { NULL, 0, 0 };
	size_t best = SIZE_MAX, bi = 0, len = strlen(name);
	size_t limit = len / 3 > 2 ? len / 3 : 2;
	char tail[600];

	buf_add(&b, "", 0);
	if (h->synthetic) {
		crm_die(CRM_EXIT_USAGE, "%s: unknown column '%s'\n  the input "
		    "has no header: refer to columns by number, 1 to %zu",
		    what, name, h->n);
	}
	for (size_t i = 0; i < h->n; i++) {
		size_t d = distance(name, h->name[i]);

		if (d < best) {
			best = d;
			bi = i;
		}
		buf_add(&b, i ? ", " : "", i ? 2 : 0);
		buf_add(&b, h->name[i], strlen(h->name[i]));
	}
	tail[0] = '\0';
	if (h->n > 0 && best <= limit && best < len)
		snprintf(tail, sizeof tail, "\n  did you mean '%.500s'?",
		    h->name[bi]);
	crm_die(CRM_EXIT_USAGE, "%s: unknown column '%s'\n  available "
	    "columns: %s%s", what, name, h->n ? b.s : "(none)", tail);
}

/* Resolve the --by list against h; returns the number of columns. */
static size_t
resolve_by(const char *by, const crm_header *h, const char *what,
	   bool data_error, const char *file, unsigned long line, long **out)
{
	size_t n = 0;
	long *cols = NULL;
	const char *p = by;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		long c = crm_header_find(h, p, len);
		char *name = crm_xmemdup(p, len);

		if (c == -1 && data_error)
			crm_die(CRM_EXIT_DATA, "%s:%lu: no column '%s': a "
			    "targets file needs the --by columns (%s)", file,
			    line, name, by);
		if (c == -1)
			unknown_column(what, name, h);
		if (c == -2 && data_error)
			crm_die(CRM_EXIT_DATA, "%s:%lu: column '%s' occurs "
			    "twice", file, line, name);
		if (c == -2)
			crm_die(CRM_EXIT_USAGE, "%s: column '%s' occurs twice "
			    "in the header and cannot be referred to", what,
			    name);
		for (size_t i = 0; i < n; i++)
			if (cols[i] == c && !data_error)
				crm_usage_error(the_tool, "%s: column '%s' "
				    "given twice", what, name);
		free(name);
		cols = crm_xreallocarray(cols, n + 1, sizeof *cols);
		cols[n++] = c;
		if (end == NULL)
			break;
		p = end + 1;
	}
	*out = cols;
	return n;
}

/* ------------------------------------------------------------------ */
/* --targets */

struct targets {
	crm_hash *keys;		/* group key -> row */
	double *v;		/* v[row * nmetrics + metric]; NAN: none */
	unsigned long *line;
	size_t nmetrics;
};

static void
read_targets(struct targets *t, const char *path, const crm_common *c,
	     const char *by, struct metrics *ms, bool verbose)
{
	crm_csv_config cfg = c->csv;
	char *paths[1];
	crm_input *in;
	crm_error err;
	crm_record rec;
	const crm_header *h;
	struct keybuf kb = { NULL, 0 };
	long *cols = NULL;
	size_t ncols = 0, cap = 0;
	unsigned long hline;
	int rc;

	cfg.no_header = false;	/* a targets file always names its columns */
	paths[0] = (char *)path;
	if ((in = crm_input_open(paths, 1, &cfg, false, &err)) == NULL)
		crm_die_error(&err);
	h = crm_input_header(in);
	hline = crm_input_header_record(in) ?
	    crm_input_header_record(in)->line : 1;
	if (hline == 0)
		hline = 1;
	if (by != NULL)
		ncols = resolve_by(by, h, "--targets", true, path, hline,
		    &cols);
	t->nmetrics = ms->n;
	for (size_t i = 0; i < ms->n; i++) {
		long col = crm_header_find(h, ms->m[i].name,
		    strlen(ms->m[i].name));

		if (col == -2)
			crm_die(CRM_EXIT_DATA, "%s:%lu: column '%s' occurs "
			    "twice", path, hline, ms->m[i].name);
		ms->m[i].target = col;
	}
	if (verbose) {
		for (size_t j = 0; j < h->n; j++) {
			bool known = false;

			for (size_t i = 0; i < ncols; i++)
				known |= cols[i] == (long)j;
			for (size_t i = 0; i < ms->n; i++)
				known |= ms->m[i].target == (long)j;
			if (!known)
				crm_warn("%s: column '%s' names no metric; "
				    "ignored", path, h->name[j]);
		}
	}
	t->keys = crm_hash_new(0);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		size_t klen, row;
		const char *key;
		bool added;

		key = ncols ? make_key(&kb, cols, ncols, &rec, &klen) : "";
		if (ncols == 0)
			klen = 0;
		row = crm_hash_intern(t->keys, key, klen, &added);
		if (!added) {
			struct buf b = { NULL, 0, 0 };

			for (size_t i = 0; i < ncols; i++) {
				if (i > 0)
					buf_add(&b, ",", 1);
				buf_add(&b, rec.f[cols[i]], rec.len[cols[i]]);
			}
			crm_die(CRM_EXIT_DATA, "%s:%lu: duplicate key '%s' "
			    "(first on line %lu)", path, rec.line,
			    ncols ? b.s : "", t->line[row]);
		}
		if (row >= cap) {
			cap = cap ? cap * 2 : 16;
			t->v = crm_xreallocarray(t->v, cap * ms->n,
			    sizeof *t->v);
			t->line = crm_xreallocarray(t->line, cap,
			    sizeof *t->line);
		}
		t->line[row] = rec.line;
		for (size_t i = 0; i < ms->n; i++) {
			long col = ms->m[i].target;
			double x = NAN;

			if (col >= 0) {
				switch (crm_num_parse(rec.f[col], rec.len[col],
				    c->decimal_comma, &x)) {
				case CRM_NUM_OK:
					break;
				case CRM_NUM_MISSING:
					x = NAN;
					break;
				case CRM_NUM_INVALID:
					crm_die(CRM_EXIT_DATA, "%s:%lu: column "
					    "'%s': \"%.*s\" is not a number",
					    path, rec.line, h->name[col],
					    (int)rec.len[col], rec.f[col]);
				}
			}
			t->v[row * ms->n + i] = x;
		}
	}
	if (rc < 0)
		crm_die_error(&err);
	crm_input_close(in);
	free(cols);
	free(kb.s);
}

/* ------------------------------------------------------------------ */
/* Output */

struct out {
	crm_writer *w;
	crm_writer *rejects;
};

static _Noreturn void
write_failed(struct out *o, crm_writer *w)
{
	crm_error err;

	if (crm_writer_broken_pipe(w)) {
		if (o->rejects != NULL && w != o->rejects)
			crm_writer_abort(o->rejects);
		if (w != o->w)
			crm_writer_abort(o->w);
		crm_writer_abort(w);
		exit(CRM_EXIT_OK);
	}
	if (crm_writer_close(w, &err) < 0)
		crm_die_error(&err);
	crm_die(CRM_EXIT_IO, "write error");
}

#define CHECK(o, call) do { if ((call) < 0) write_failed((o), (o)->w); } \
	while (0)

static void
write_value(struct out *o, crm_value v)
{
	if (v.type == CRM_VAL_NUM && isfinite(v.num))
		CHECK(o, crm_writer_num(o->w, v.num));
	else if (v.type == CRM_VAL_STR)
		CHECK(o, crm_writer_field(o->w, v.str, v.len));
	else
		CHECK(o, crm_writer_empty(o->w));
}

/* ------------------------------------------------------------------ */

struct state {
	crm_common c;
	struct config cfg;
	struct metrics ms;
	struct plan plan;
	crm_input *in;
	const crm_header *h;
	long *by;
	size_t nby;
	crm_hash *groups;
	crm_agg *st;		/* st[group * naggs + agg] */
	size_t gcap;
	struct targets t;
	bool have_targets;
	struct out o;
	unsigned long rows, skipped;
};

static size_t
new_group(struct state *s, size_t g)
{
	size_t na = s->plan.naggs;

	if (g >= s->gcap) {
		s->gcap = s->gcap ? s->gcap * 2 : 64;
		s->st = crm_xreallocarray(s->st, s->gcap * (na ? na : 1),
		    sizeof *s->st);
	}
	for (size_t j = 0; j < na; j++)
		crm_agg_init(&s->st[g * na + j], s->plan.aggs[j].kind,
		    s->plan.aggs[j].param);
	return g;
}

static void
fail_row(struct state *s, const crm_record *rec, const char *why)
{
	if (s->c.invalid != CRM_INVALID_SKIP) {
		crm_writer_abort(s->o.w);
		if (s->o.rejects != NULL)
			crm_writer_abort(s->o.rejects);
		crm_die(CRM_EXIT_DATA, "%s:%lu: %s", crm_input_name(s->in),
		    rec->line, why);
	}
	s->skipped++;
	if (s->o.rejects != NULL &&
	    (crm_writer_record(s->o.rejects, rec, crm_input_delimiter(s->in))
	    < 0 || crm_writer_field(s->o.rejects, why, strlen(why)) < 0 ||
	    crm_writer_end(s->o.rejects) < 0))
		write_failed(&s->o, s->o.rejects);
}

/* Evaluate every argument on rec; false (with why) if one is text where
 * a number is needed. */
static bool
eval_args(struct state *s, const crm_record *rec, char *why, size_t cap)
{
	for (size_t i = 1; i < s->plan.nargs; i++) {
		struct arg *a = &s->plan.args[i];
		crm_eval_note note;

		a->v = crm_expr_eval(a->expr, rec, &note);
		if (a->v.type == CRM_VAL_INVALID ||
		    (a->v.type == CRM_VAL_STR && a->numeric)) {
			if (a->v.type == CRM_VAL_STR ||
			    note.why != CRM_WHY_NOT_NUMBER) {
				note.why = CRM_WHY_NOT_NUMBER;
				note.column = crm_expr_column(a->expr);
				note.text = a->v.str;
				note.len = a->v.str ? a->v.len : 0;
			}
			crm_expr_describe(a->expr, s->h, &note, why, cap);
			return false;
		}
	}
	return true;
}

static void
aggregate(struct state *s)
{
	crm_record rec;
	crm_error err;
	struct keybuf kb = { NULL, 0 };
	char why[CRM_ERR_MAX];
	size_t na = s->plan.naggs;
	int rc;

	s->groups = crm_hash_new(s->nby ? 64 : 1);
	if (s->nby == 0)
		new_group(s, crm_hash_intern(s->groups, "", 0, NULL));
	while ((rc = crm_input_read(s->in, &rec, &err)) > 0) {
		const char *key;
		size_t klen, g;
		bool added;
		crm_agg *st;

		s->rows++;
		if (!eval_args(s, &rec, why, sizeof why)) {
			fail_row(s, &rec, why);
			continue;
		}
		if (s->nby > 0) {
			key = make_key(&kb, s->by, s->nby, &rec, &klen);
			g = crm_hash_intern(s->groups, key, klen, &added);
			if (added)
				new_group(s, g);
		} else {
			g = 0;
		}
		st = &s->st[g * na];
		for (size_t j = 0; j < na; j++)
			crm_agg_add_value(&st[j],
			    &s->plan.args[s->plan.aggs[j].arg].v);
	}
	if (rc < 0) {
		crm_writer_abort(s->o.w);
		if (s->o.rejects != NULL)
			crm_writer_abort(s->o.rejects);
		crm_die_error(&err);
	}
	free(kb.s);
}

static void
write_header(struct state *s)
{
	struct out *o = &s->o;

	if (s->c.csv.no_header)
		return;
	for (size_t i = 0; i < s->nby; i++)
		CHECK(o, crm_writer_field(o->w, s->h->name[s->by[i]],
		    s->h->len[s->by[i]]));
	for (size_t i = 0; i < s->ms.n; i++) {
		struct metric *m = &s->ms.m[i];
		size_t len = strlen(m->name);
		char *name;

		CHECK(o, crm_writer_field(o->w, m->name, len));
		if (m->target < 0)
			continue;
		name = crm_xmalloc(len + 12);
		sprintf(name, "%s_target", m->name);
		CHECK(o, crm_writer_field(o->w, name, strlen(name)));
		sprintf(name, "%s_attainment", m->name);
		CHECK(o, crm_writer_field(o->w, name, strlen(name)));
		free(name);
	}
	CHECK(o, crm_writer_end(o->w));
}

/*
 * One output row: the key cells (or "(all)"), then each metric evaluated
 * over the states st, and its target columns.
 */
static void
write_row(struct state *s, crm_agg *st, const char *key, size_t klen,
	  bool total, crm_value *vals, crm_value *res)
{
	struct out *o = &s->o;
	long trow = -1;

	for (size_t j = 0; j < s->plan.naggs; j++)
		vals[j] = crm_agg_value(&st[j]);
	if (s->have_targets) {
		if (total && s->nby > 0) {
			struct keybuf kb = { NULL, 0 };
			crm_record fake;
			const char **f = crm_xcalloc(s->nby, sizeof *f);
			size_t *len = crm_xcalloc(s->nby, sizeof *len);
			long *cols = crm_xcalloc(s->nby, sizeof *cols);
			size_t tl;
			const char *tk;

			for (size_t i = 0; i < s->nby; i++) {
				f[i] = ALL_KEY;
				len[i] = strlen(ALL_KEY);
				cols[i] = (long)i;
			}
			memset(&fake, 0, sizeof fake);
			fake.n = s->nby;
			fake.f = f;
			fake.len = len;
			tk = make_key(&kb, cols, s->nby, &fake, &tl);
			trow = crm_hash_find(s->t.keys, tk, tl);
			free(kb.s);
			free(f);
			free(len);
			free(cols);
		} else {
			trow = crm_hash_find(s->t.keys, key, klen);
		}
	}
	for (size_t i = 0; i < s->nby; i++) {
		size_t clen;
		const char *cell;

		if (total) {
			CHECK(o, crm_writer_field(o->w, ALL_KEY,
			    strlen(ALL_KEY)));
			continue;
		}
		cell = key_cell(key, klen, s->nby, i, &clen);
		CHECK(o, crm_writer_field(o->w, cell, clen));
	}
	for (size_t i = 0; i < s->ms.n; i++) {
		struct metric *m = &s->ms.m[i];
		crm_value v;
		double target;

		for (size_t k = 0; k < m->nagg; k++)
			res[k] = vals[m->agg[k]];
		v = crm_expr_eval_final(m->expr, res);
		write_value(o, v);
		if (m->target < 0)
			continue;
		target = trow >= 0 ? s->t.v[(size_t)trow * s->t.nmetrics + i] :
		    NAN;
		if (isnan(target)) {
			CHECK(o, crm_writer_empty(o->w));
			CHECK(o, crm_writer_empty(o->w));
			continue;
		}
		CHECK(o, crm_writer_num(o->w, target));
		if (v.type == CRM_VAL_NUM && isfinite(v.num) && target != 0 &&
		    isfinite(v.num / target))
			CHECK(o, crm_writer_num(o->w, v.num / target));
		else
			CHECK(o, crm_writer_empty(o->w));
	}
	CHECK(o, crm_writer_end(o->w));
}

static void
write_output(struct state *s)
{
	size_t ng = crm_hash_count(s->groups), na = s->plan.naggs, maxagg = 1;
	size_t *order = crm_xcalloc(ng ? ng : 1, sizeof *order);
	crm_value *vals = crm_xcalloc(na ? na : 1, sizeof *vals), *res;

	for (size_t i = 0; i < s->ms.n; i++)
		if (s->ms.m[i].nagg > maxagg)
			maxagg = s->ms.m[i].nagg;
	res = crm_xcalloc(maxagg, sizeof *res);
	for (size_t g = 0; g < ng; g++)
		order[g] = g;
	if (s->cfg.sort && s->nby > 0) {
		sort_groups = s->groups;
		sort_ncols = s->nby;
		qsort(order, ng, sizeof *order, cmp_groups);
	}
	write_header(s);
	for (size_t i = 0; i < ng; i++) {
		size_t klen;
		const char *key = crm_hash_key(s->groups, order[i], &klen);

		write_row(s, &s->st[order[i] * na], key, klen, false, vals,
		    res);
	}
	if (s->cfg.total && s->nby > 0) {
		crm_agg *tot = crm_xcalloc(na ? na : 1, sizeof *tot);

		for (size_t j = 0; j < na; j++) {
			crm_agg_init(&tot[j], s->plan.aggs[j].kind,
			    s->plan.aggs[j].param);
			for (size_t g = 0; g < ng; g++)
				crm_agg_merge(&tot[j], &s->st[g * na + j]);
		}
		write_row(s, tot, NULL, 0, true, vals, res);
		for (size_t j = 0; j < na; j++)
			crm_agg_free(&tot[j]);
		free(tot);
	}
	free(order);
	free(vals);
	free(res);
}

static void
compile_metrics(struct state *s)
{
	crm_error err;
	struct missing mc = { s->h, NULL, 0 };

	/* A preset's missing columns first: that message names the fix. */
	for (size_t i = 0; i < s->ms.n; i++)
		rewrite(&s->cfg, &s->ms.m[i], check_preset_column, &mc);
	report_missing(&mc);
	for (size_t i = 0; i < s->cfg.nmap; i++)
		if (!s->cfg.map[i].used)
			crm_usage_error(the_tool, "--map: no metric refers to "
			    "'%s'", s->cfg.map[i].name);
	s->plan.args = crm_xcalloc(1, sizeof *s->plan.args);
	s->plan.nargs = 1;
	for (size_t i = 0; i < s->ms.n; i++) {
		struct metric *m = &s->ms.m[i];

		m->expr = crm_expr_compile(m->compiled, s->h,
		    s->c.decimal_comma, CRM_EXPR_AGGREGATES, &err);
		if (m->expr == NULL) {
			if (m->preset)
				crm_die(err.status, "preset %s, metric '%s': "
				    "%s", preset_name, m->name, err.msg);
			if (m->file != NULL)
				crm_die(err.status, "%s:%lu: metric '%s': %s",
				    m->file, m->line, m->name, err.msg);
			crm_die(err.status, "metric '%s': %s", m->name,
			    err.msg);
		}
		m->nagg = crm_expr_agg_count(m->expr);
		m->agg = crm_xcalloc(m->nagg ? m->nagg : 1, sizeof *m->agg);
		for (size_t k = 0; k < m->nagg; k++) {
			crm_agg_kind kind = crm_expr_agg_kind(m->expr, k);
			size_t a = plan_arg(&s->plan,
			    crm_expr_agg_arg(m->expr, k),
			    crm_agg_numeric(kind));

			m->agg[k] = plan_agg(&s->plan, kind,
			    crm_expr_agg_param(m->expr, k), a);
		}
	}
}

static void
finish(struct state *s)
{
	crm_error err;
	size_t ng = crm_hash_count(s->groups);

	if (s->skipped > 0)
		crm_warn("%lu row%s with invalid values skipped%s%s",
		    s->skipped, s->skipped == 1 ? "" : "s",
		    s->o.rejects ? ", written to " : "",
		    s->o.rejects ? s->c.rejects : "");
	if (s->c.verbose)
		crm_warn("%lu rows read, %lu aggregated, %zu group%s, %zu "
		    "aggregate%s per group", s->rows, s->rows - s->skipped,
		    ng, ng == 1 ? "" : "s", s->plan.naggs,
		    s->plan.naggs == 1 ? "" : "s");
	if (s->o.rejects != NULL && crm_writer_close(s->o.rejects, &err) < 0) {
		crm_writer_abort(s->o.w);
		crm_die_error(&err);
	}
	if (crm_writer_broken_pipe(s->o.w)) {
		crm_writer_abort(s->o.w);
		exit(CRM_EXIT_OK);
	}
	if (crm_writer_close(s->o.w, &err) < 0)
		crm_die_error(&err);

	for (size_t g = 0; g < ng; g++)
		for (size_t j = 0; j < s->plan.naggs; j++)
			crm_agg_free(&s->st[g * s->plan.naggs + j]);
	free(s->st);
	crm_hash_free(s->groups);
	for (size_t i = 0; i < s->ms.n; i++) {
		crm_expr_free(s->ms.m[i].expr);
		free(s->ms.m[i].name);
		free(s->ms.m[i].src);
		free(s->ms.m[i].compiled);
		free(s->ms.m[i].agg);
	}
	free(s->ms.m);
	for (size_t i = 1; i < s->plan.nargs; i++)
		free(s->plan.args[i].sig);
	free(s->plan.args);
	free(s->plan.aggs);
	for (size_t i = 0; i < s->cfg.nmap; i++) {
		free(s->cfg.map[i].name);
		free(s->cfg.map[i].column);
	}
	free(s->cfg.map);
	if (s->have_targets) {
		crm_hash_free(s->t.keys);
		free(s->t.v);
		free(s->t.line);
	}
	free(s->by);
	crm_input_close(s->in);
}

int
main(int argc, char **argv)
{
	static struct state s;
	crm_tool tool = {
		.name = "kpi", .synopsis = synopsis, .help = help,
		.options = options, .shortopts = "",
		.flags = CRM_TOOL_INVALID_NO_KEEP, .handle = handle,
		.ctx = &s.cfg,
	};
	char **files, *preset_path = NULL;
	size_t nfiles = 0;
	crm_writer_config wc;
	crm_error err;

	the_tool = &tool;
	crm_opts_parse(&tool, argc, argv, &s.c);
	if (s.cfg.preset != NULL && s.cfg.metrics_file != NULL)
		crm_usage_error(&tool, "--preset and --metrics exclude each "
		    "other");
	if (s.cfg.sort && s.cfg.by == NULL)
		s.cfg.sort = false;	/* one row: nothing to order */

	/* Metrics: the preset or file first, then the operands. */
	if (s.cfg.preset != NULL) {
		preset_name = s.cfg.preset;
		preset_path = find_preset(s.cfg.preset);
		read_metrics_file(&s.ms, preset_path, true);
	} else if (s.cfg.metrics_file != NULL) {
		read_metrics_file(&s.ms, s.cfg.metrics_file, false);
	}
	files = crm_xcalloc(s.c.noperands + 1, sizeof *files);
	for (size_t i = 0; i < s.c.noperands; i++) {
		const char *name, *src;
		size_t nlen;

		if (split_metric(s.c.operands[i], &name, &nlen, &src))
			add_metric(&s.ms, name, nlen, src, strlen(src), NULL,
			    0, false);
		else
			files[nfiles++] = s.c.operands[i];
	}
	if (s.ms.n == 0)
		crm_usage_error(&tool, "no metrics: give NAME=EXPRESSION, "
		    "--metrics FILE or --preset steering");
	s.in = crm_input_open(files, nfiles, &s.c.csv, false, &err);
	if (s.in == NULL)
		crm_die_error(&err);
	s.h = crm_input_header(s.in);
	if (s.cfg.by != NULL)
		s.nby = resolve_by(s.cfg.by, s.h, "--by", false, NULL, 0,
		    &s.by);
	compile_metrics(&s);
	if (s.cfg.targets_file != NULL) {
		read_targets(&s.t, s.cfg.targets_file, &s.c, s.cfg.by, &s.ms,
		    s.c.verbose);
		s.have_targets = true;
	}

	wc = crm_common_writer_config(&s.c, crm_input_delimiter(s.in));
	if ((s.o.w = crm_writer_open(s.c.output, &wc, &err)) == NULL)
		crm_die_error(&err);
	if (s.c.rejects != NULL) {
		if ((s.o.rejects = crm_writer_open(s.c.rejects, &wc, &err)) ==
		    NULL) {
			crm_writer_abort(s.o.w);
			crm_die_error(&err);
		}
		if (!s.c.csv.no_header &&
		    (crm_writer_record(s.o.rejects,
		    crm_input_header_record(s.in), crm_input_delimiter(s.in))
		    < 0 || crm_writer_field(s.o.rejects, "error", 5) < 0 ||
		    crm_writer_end(s.o.rejects) < 0))
			write_failed(&s.o, s.o.rejects);
	}

	aggregate(&s);
	write_output(&s);
	finish(&s);
	free(files);
	free(preset_path);
	return CRM_EXIT_OK;
}
