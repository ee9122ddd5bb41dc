#include "crm_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_deffile.h"
#include "crm_expr.h"

struct rule {
	char *text;		/* owned; label and cond point into it */
	char *label, *cond;
	const char *origin;	/* the file (owned by rs), or the option */
	unsigned long line;	/* 0 for an option */
	const char *arg;	/* the option's argument */
	crm_expr *expr;
};

struct crm_rules {
	struct rule *r;
	size_t n;
	char **files;		/* the paths named by rules */
	size_t nfiles;
	const crm_header *h;
};

crm_rules *
crm_rules_new(void)
{
	return crm_xcalloc(1, sizeof(crm_rules));
}

void
crm_rules_free(crm_rules *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++) {
		crm_expr_free(rs->r[i].expr);
		free(rs->r[i].text);
	}
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->r);
	free(rs->files);
	free(rs);
}

char *
crm_rules_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Split text (owned from now on) into r; -1 if malformed (text freed). */
static int
parse(struct rule *r, char *text)
{
	char *colon = strchr(text, ':');

	r->text = text;
	if (colon != NULL) {
		*colon = '\0';
		r->label = crm_rules_trim(text);
		r->cond = crm_rules_trim(colon + 1);
		if (*r->label != '\0' && *r->cond != '\0')
			return 0;
	}
	free(text);
	return -1;
}

static void
append(crm_rules *rs, const struct rule *r)
{
	rs->r = crm_xreallocarray(rs->r, rs->n + 1, sizeof *rs->r);
	rs->r[rs->n++] = *r;
}

int
crm_rules_add(crm_rules *rs, const char *option, const char *arg,
	      crm_error *err)
{
	struct rule r = { .origin = option, .arg = arg };

	if (parse(&r, crm_xstrdup(arg)) < 0)
		return crm_error_set(err, CRM_EXIT_USAGE, "%s '%s': expected "
		    "'LABEL: CONDITION'", option, arg);
	append(rs, &r);
	return 0;
}

int
crm_rules_read(crm_rules *rs, const char *path, crm_error *err)
{
	crm_deffile *f = crm_deffile_open(path, err);
	struct rule r = { 0 };
	size_t before = rs->n, len;
	char *s;
	int rc;

	if (f == NULL)
		return -1;
	rs->files = crm_xreallocarray(rs->files, rs->nfiles + 1,
	    sizeof *rs->files);
	r.origin = rs->files[rs->nfiles++] = crm_xstrdup(path);
	while ((rc = crm_deffile_next(f, &s, &len, &r.line, err)) > 0) {
		if (parse(&r, crm_xmemdup(s, len)) < 0) {
			crm_deffile_close(f);
			return crm_error_set(err, CRM_EXIT_USAGE, "%s:%lu: "
			    "malformed rule (expected 'LABEL: CONDITION')",
			    path, r.line);
		}
		append(rs, &r);
	}
	crm_deffile_close(f);
	if (rc < 0)
		return -1;
	if (rs->n == before)
		return crm_error_set(err, CRM_EXIT_USAGE, "%s: no rule in the "
		    "file", path);
	return 0;
}

size_t
crm_rules_count(const crm_rules *rs)
{
	return rs->n;
}

const char *
crm_rules_label(const crm_rules *rs, size_t i)
{
	return rs->r[i].label;
}

int
crm_rules_compile(crm_rules *rs, const crm_header *h, bool decimal_comma,
		  unsigned flags, crm_error *err)
{
	rs->h = h;
	for (size_t i = 0; i < rs->n; i++) {
		struct rule *r = &rs->r[i];
		crm_error e;

		r->expr = crm_expr_compile(r->cond, h, decimal_comma, flags,
		    &e);
		if (r->expr != NULL)
			continue;
		if (r->line > 0)
			return crm_error_set(err, e.status, "%s:%lu: %s",
			    r->origin, r->line, e.msg);
		return crm_error_set(err, e.status, "%s '%s': %s", r->origin,
		    r->arg, e.msg);
	}
	return 0;
}

long
crm_rules_match(const crm_rules *rs, const crm_record *rec, char *why,
		size_t cap)
{
	for (size_t i = 0; i < rs->n; i++) {
		crm_eval_note note;
		crm_value v = crm_expr_eval(rs->r[i].expr, rec, &note);

		if (v.type == CRM_VAL_INVALID) {
			crm_expr_describe(rs->r[i].expr, rs->h, &note, why,
			    cap);
			return CRM_RULES_INVALID;
		}
		if (v.type == CRM_VAL_NUM && v.num != 0)
			return (long)i;
	}
	snprintf(why, cap, "no rule matches");
	return CRM_RULES_NONE;
}
