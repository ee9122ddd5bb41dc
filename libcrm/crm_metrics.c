#include "crm_metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_deffile.h"
#include "crm_names.h"
#include "crm_fold.h"
#include "crm_opts.h"

static bool
is(const char *name, const char *s, size_t len)
{
	return strlen(name) == len && memcmp(name, s, len) == 0;
}

/* Add a metric; -1 with err set if its name is taken. */
static int
add(crm_metrics *ms, const char *name, size_t nlen, const char *src,
    const char *file, unsigned long line, crm_error *err)
{
	for (size_t i = 0; i < ms->n; i++) {
		if (!is(ms->m[i].name, name, nlen))
			continue;
		if (file != NULL)
			return crm_error_at(err, CRM_EXIT_USAGE, file, line,
			    "metric '%.*s' is defined twice", (int)nlen, name);
		return crm_error_set(err, CRM_EXIT_USAGE, "metric '%.*s' is "
		    "defined twice", (int)nlen, name);
	}
	ms->m = crm_xreallocarray(ms->m, ms->n + 1, sizeof *ms->m);
	ms->m[ms->n++] = (crm_metric){ .name = crm_xmemdup(name, nlen),
	    .src = crm_xstrdup(src), .file = file, .line = line };
	return 0;
}

/* Whether text starts with the word "lower" and a metric after it
 * (not "lower = ...", a metric named lower); then skip the word. */
static bool
lower_prefix(char **text)
{
	char *p = *text + strspn(*text, " \t");

	if (strncmp(p, "lower", 5) != 0 || (p[5] != ' ' && p[5] != '\t'))
		return false;
	p += 5 + strspn(p + 5, " \t");
	if (*p == '=' || *p == '\0')
		return false;
	*text = p;
	return true;
}

/* Split NAME = EXPRESSION at its first '=' (not '=='); false if s is not
 * of that form. */
static bool
split(const char *s, const char **name, size_t *nlen, const char **src)
{
	const char *eq = strchr(s, '='), *e = eq;

	if (eq == NULL || eq[1] == '=')
		return false;
	s += strspn(s, " \t");
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*name = s;
	*nlen = (size_t)(e - s);
	*src = eq + 1;
	return crm_names_is_bare(s, *nlen);
}

/*
 * An operand NAME=EXPRESSION (SPEC 3, kpi): NAME is any text without
 * '=' and '/' (a path has a '/', so ./a=b.csv stays a file), not empty
 * when trimmed, and not the left side of <=, >= or != .
 */
static bool
split_operand(const char *s, const char **name, size_t *nlen,
	      const char **src)
{
	const char *eq = strchr(s, '='), *e = eq;

	if (eq == NULL || eq[1] == '=' || memchr(s, '/', (size_t)(eq - s)))
		return false;
	if (eq > s && strchr("<>!", eq[-1]) != NULL)
		return false;
	s += strspn(s, " \t");
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*name = s;
	*nlen = (size_t)(e - s);
	*src = eq + 1;
	return *nlen > 0;
}

void
crm_metrics_read(crm_metrics *ms, const char *path, const char *preset)
{
	crm_error err;
	crm_deffile *f = crm_deffile_open(path, &err);
	unsigned long line;
	const char *name, *src;
	char *text;
	size_t len, nlen;
	int rc;

	if (f == NULL)
		crm_die_error(&err);
	ms->preset = preset;
	while ((rc = crm_deffile_next(f, &text, &len, &line, &err)) > 0) {
		bool lower = lower_prefix(&text);

		if (!split(text, &name, &nlen, &src) ||
		    *(src += strspn(src, " \t")) == '\0')
			rc = crm_error_at(&err, CRM_EXIT_USAGE, path, line,
			    "expected NAME = EXPRESSION, found '%s'", text);
		else
			rc = add(ms, name, nlen, src, path, line, &err);
		if (rc < 0)
			break;
		ms->m[ms->n - 1].lower = lower;
	}
	/* Closed before any message: the tool ends with nothing open. */
	crm_deffile_close(f);
	if (rc < 0)
		crm_die_error(&err);
}

bool
crm_metrics_operand(crm_metrics *ms, const crm_tool *tool, const char *arg)
{
	const char *name, *src;
	size_t nlen;

	crm_error err;

	if (!split_operand(arg, &name, &nlen, &src))
		return false;
	if (add(ms, name, nlen, src, NULL, 0, &err) < 0)
		crm_usage_die(tool, &err);
	return true;
}

int
crm_metrics_map(crm_metrics *ms, const char *arg, crm_error *err)
{
	for (const char *p = arg; *p != '\0';) {
		size_t len = strcspn(p, ","), nlen;
		const char *eq = memchr(p, '=', len);
		crm_rename *r;

		if (eq == NULL || eq == p || eq + 1 == p + len)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--map: '%.*s' is not NAME=COLUMN", (int)len, p);
		nlen = (size_t)(eq - p);
		for (size_t i = 0; i < ms->nmap; i++)
			if (is(ms->map[i].name, p, nlen))
				return crm_error_set(err, CRM_EXIT_USAGE,
				    "--map: '%.*s' is mapped twice", (int)nlen,
				    p);
		if (memchr(eq + 1, '}', len - nlen - 1) != NULL)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--map: a column name holding '}' cannot be "
			    "referred to");
		ms->map = crm_xreallocarray(ms->map, ms->nmap + 1,
		    sizeof *ms->map);
		r = &ms->map[ms->nmap++];
		r->name = crm_xmemdup(p, nlen);
		r->column = crm_xmemdup(eq + 1, len - nlen - 1);
		r->used = false;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Renaming and compiling */

struct refs {
	crm_metrics *ms;
	const crm_header *h;
	bool preset;		/* the metric being renamed is a preset's */
	char **missing;		/* columns the preset needs, h lacks */
	size_t nmissing;
};

/* crm_expr_column_map: the rename of a column reference. */
static const char *
rename_column(const char *name, size_t len, void *ctx)
{
	struct refs *r = ctx;
	crm_metrics *ms = r->ms;

	for (size_t i = 0; i < ms->nmap; i++)
		if (is(ms->map[i].name, name, len)) {
			ms->map[i].used = true;
			return ms->map[i].column;
		}
	if (!r->preset || crm_csv_header_find(r->h, name, len) != -1)
		return NULL;
	for (size_t i = 0; i < r->nmissing; i++)
		if (is(r->missing[i], name, len))
			return NULL;
	r->missing = crm_xreallocarray(r->missing, r->nmissing + 1,
	    sizeof *r->missing);
	r->missing[r->nmissing++] = crm_xmemdup(name, len);
	return NULL;
}

/* Name the columns a preset needs and the --map that provides them. */
static _Noreturn void
report_missing(const char *preset, char **name, size_t n)
{
	char *names = NULL, *map = NULL;
	size_t size;
	FILE *fn, *fm;

	if (n == 1)
		crm_die(CRM_EXIT_USAGE, "preset %s needs column '%s'; point "
		    "it at yours with --map %s=COLUMN", preset, name[0],
		    name[0]);
	if ((fn = open_memstream(&names, &size)) == NULL ||
	    (fm = open_memstream(&map, &size)) == NULL)
		crm_die(CRM_EXIT_IO, "out of memory");
	for (size_t i = 0; i < n; i++) {
		fprintf(fn, "%s'%s'", i ? ", " : "", name[i]);
		fprintf(fm, "%s%s=COLUMN", i ? "," : "", name[i]);
	}
	fclose(fn);
	fclose(fm);
	crm_die(CRM_EXIT_USAGE, "preset %s needs columns %s; point them at "
	    "yours with --map %s", preset, names, map);
}

void
crm_metrics_compile(crm_metrics *ms, const crm_tool *tool,
		    const crm_header *h, bool decimal_comma, bool check_text)
{
	struct refs r = { ms, h, false, NULL, 0 };
	crm_error err;

	for (size_t i = 0; i < ms->n; i++) {
		r.preset = ms->preset != NULL && ms->m[i].file != NULL;
		ms->m[i].compiled = crm_expr_map_columns(ms->m[i].src,
		    rename_column, &r);
	}
	/* A preset's missing columns first: that message names the fix. */
	if (r.nmissing > 0)
		report_missing(ms->preset, r.missing, r.nmissing);
	for (size_t i = 0; i < ms->nmap; i++) {
		if (ms->map[i].used)
			continue;
		crm_error_set(&err, CRM_EXIT_USAGE, "--map: no metric refers "
		    "to '%s'", ms->map[i].name);
		crm_usage_die(tool, &err);
	}
	for (size_t i = 0; i < ms->n; i++) {
		crm_metric *m = &ms->m[i];

		m->expr = crm_expr_compile(m->compiled, h, decimal_comma,
		    CRM_EXPR_AGGREGATES | (check_text ? CRM_EXPR_CHECK_TEXT :
		    0), &err);
		if (m->expr != NULL)
			continue;
		if (ms->preset != NULL && m->file != NULL)
			crm_die(err.status, "preset %s, metric '%s': %s",
			    ms->preset, m->name, err.msg);
		if (m->file != NULL)
			crm_die(err.status, "%s:%lu: metric '%s': %s",
			    m->file, m->line, m->name, err.msg);
		crm_die(err.status, "metric '%s': %s", m->name, err.msg);
	}
}

/* ------------------------------------------------------------------ */
/* A header without an input */

/* crm_expr_column_map: a reference after the --map renames. */
static const char *
renamed(const char *name, size_t len, void *ctx)
{
	crm_metrics *ms = ctx;

	for (size_t i = 0; i < ms->nmap; i++)
		if (is(ms->map[i].name, name, len))
			return ms->map[i].column;
	return NULL;
}

crm_header *
crm_metrics_header(crm_metrics *ms, const char *by, bool numbered)
{
	char **src = crm_xcalloc(ms->n + 1, sizeof *src);
	const char **names = crm_xcalloc(1, sizeof *names);
	size_t nnames = 0;
	crm_header *h;

	for (const char *p = by; p != NULL;) {
		size_t len = strcspn(p, ",");

		names = crm_xreallocarray(names, nnames + 1, sizeof *names);
		names[nnames++] = crm_xmemdup(p, len);
		p = p[len] == ',' ? p + len + 1 : NULL;
	}
	for (size_t i = 0; i < ms->n; i++)
		src[i] = crm_expr_map_columns(ms->m[i].src, renamed, ms);
	h = crm_fold_header_new(names, nnames, (const char *const *)src,
	    ms->n, numbered);
	for (size_t i = 0; i < ms->n; i++)
		free(src[i]);
	for (size_t i = 0; i < nnames; i++)
		free((char *)names[i]);
	free(src);
	free(names);
	return h;
}

void
crm_metrics_free(crm_metrics *ms)
{
	for (size_t i = 0; i < ms->n; i++) {
		crm_expr_free(ms->m[i].expr);
		free(ms->m[i].name);
		free(ms->m[i].src);
		free(ms->m[i].compiled);
	}
	for (size_t i = 0; i < ms->nmap; i++) {
		free(ms->map[i].name);
		free(ms->map[i].column);
	}
	free(ms->m);
	free(ms->map);
}
