#include "crm_partial.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define META "#crmkit-partial"

uint64_t
crm_partial_fingerprint(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ------------------------------------------------------------------ */
/* Writing */

static void
need(crm_partial_line *l, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->s = crm_xrealloc(l->s, l->cap);
	}
}

static void
append(crm_partial_line *l, const char *s, size_t n)
{
	need(l, n);
	memcpy(l->s + l->len, s, n);
	l->len += n;
	l->s[l->len] = '\0';
}

/* Start a field: a TAB after the first. */
static void
field(crm_partial_line *l)
{
	if (l->open)
		append(l, "\t", 1);
	l->open = true;
}

void
crm_partial_reset(crm_partial_line *l)
{
	l->len = 0;
	l->open = false;
	need(l, 0);
	l->s[0] = '\0';
}

void
crm_partial_free(crm_partial_line *l)
{
	free(l->s);
	memset(l, 0, sizeof *l);
}

void
crm_partial_put_text(crm_partial_line *l, const char *s, size_t len)
{
	field(l);
	need(l, 2 * len);
	for (size_t i = 0; i < len; i++) {
		char c = s[i], e = c == '\\' ? '\\' : c == '\t' ? 't' :
		    c == '\n' ? 'n' : c == '\r' ? 'r' : c == '#' ? '#' : 0;

		if (e != 0) {
			l->s[l->len++] = '\\';
			c = e;
		}
		l->s[l->len++] = c;
	}
	l->s[l->len] = '\0';
}

static void
put_raw(crm_partial_line *l, const char *s)
{
	field(l);
	append(l, s, strlen(s));
}

void
crm_partial_put_u64(crm_partial_line *l, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRIu64, v);
	put_raw(l, buf);
}

void
crm_partial_put_i64(crm_partial_line *l, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	put_raw(l, buf);
}

void
crm_partial_put_double(crm_partial_line *l, double x)
{
	char buf[40];

	if (isnan(x))
		snprintf(buf, sizeof buf, "nan");
	else
		snprintf(buf, sizeof buf, "%a", x);
	put_raw(l, buf);
}

static void
put_pair(crm_partial_line *l, const char *key, const char *value)
{
	size_t k = strlen(key);

	field(l);
	append(l, key, k);
	append(l, "=", 1);
	l->open = false;	/* the value continues this field */
	crm_partial_put_text(l, value, strlen(value));
}

static void
put_version_tool(crm_partial_line *l, const char *tool)
{
	char v[16];

	crm_partial_reset(l);
	put_raw(l, META);
	snprintf(v, sizeof v, "%d", CRM_PARTIAL_VERSION);
	put_pair(l, "version", v);
	put_pair(l, "tool", tool);
}

void
crm_partial_meta(crm_partial_line *l, const crm_partial_id *id,
		 int delimiter)
{
	char v[24];

	put_version_tool(l, id->tool);
	snprintf(v, sizeof v, "%016" PRIx64, id->by);
	put_pair(l, "by", v);
	snprintf(v, sizeof v, "%016" PRIx64, id->plan);
	put_pair(l, "plan", v);
	snprintf(v, sizeof v, "%02x", (unsigned)(unsigned char)delimiter);
	put_pair(l, "delimiter", v);
	put_pair(l, "columns", id->columns);
	put_pair(l, "aggregates", id->aggregates);
	append(l, "\n", 1);
}

void
crm_partial_failed(crm_partial_line *l, const char *tool,
		   const char *message)
{
	put_version_tool(l, tool);
	put_pair(l, "failed", message);
	append(l, "\n", 1);
}

void
crm_partial_tag(crm_partial_line *l, const crm_partial_id *id,
		int delimiter)
{
	char v[96];

	snprintf(v, sizeof v, "#%s/%d/%016" PRIx64 "/%016" PRIx64 "/%02x",
	    id->tool, CRM_PARTIAL_VERSION, id->by, id->plan,
	    (unsigned)(unsigned char)delimiter);
	put_raw(l, v);
}

void
crm_partial_end(crm_partial_line *l)
{
	put_raw(l, ".");
	append(l, "\n", 1);
}

/* ------------------------------------------------------------------ */
/* Reading fields */

static char *
next_field(crm_partial_record *r, size_t *len)
{
	if (r->at >= r->n)
		return NULL;
	*len = r->len[r->at];
	return r->f[r->at++];
}

int
crm_partial_get_u64(crm_partial_record *r, uint64_t *v)
{
	size_t len;
	char *s = next_field(r, &len), *end;

	if (s == NULL || len == 0 || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && end == s + len ? 0 : -1;
}

int
crm_partial_get_i64(crm_partial_record *r, int64_t *v)
{
	size_t len;
	char *s = next_field(r, &len), *end;
	long long x;

	if (s == NULL || len == 0 || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	*v = (int64_t)x;
	return errno == 0 && end == s + len ? 0 : -1;
}

int
crm_partial_get_double(crm_partial_record *r, double *x)
{
	size_t len;
	char *s = next_field(r, &len), *end;

	if (s == NULL || len == 0)
		return -1;
	if (strcmp(s, "nan") == 0) {
		*x = NAN;
		return 0;
	}
	if (strcmp(s, "inf") == 0 || strcmp(s, "-inf") == 0) {
		*x = *s == '-' ? -INFINITY : INFINITY;
		return 0;
	}
	/* hex floats only: what %a wrote */
	if (strncmp(s + (*s == '-'), "0x", 2) != 0)
		return -1;
	*x = strtod(s, &end);
	return end == s + len ? 0 : -1;
}

int
crm_partial_get_text(crm_partial_record *r, const char **s, size_t *len)
{
	*s = next_field(r, len);
	return *s != NULL ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The reader */

struct crm_partial_reader {
	char *const *paths;
	size_t npaths, next;
	crm_partial_id id;
	FILE *fp;
	const char *name;
	unsigned long line;
	char *buf;
	size_t cap;
	char **f;
	size_t *flen;
	size_t fcap;
	size_t tag;		/* first field that began with a raw '#' */
	int delimiter;
	const char *delim_file;	/* where the delimiter was first seen */
	unsigned long delim_line;
};

crm_partial_reader *
crm_partial_open(char *const *paths, size_t n, const crm_partial_id *id,
		 crm_error *err)
{
	crm_partial_reader *p = crm_xcalloc(1, sizeof *p);
	static char *const dash[] = { "-" };

	(void)err;
	p->paths = n > 0 ? paths : dash;
	p->npaths = n > 0 ? n : 1;
	p->id = *id;
	return p;
}

/* Open the next file; 0, or 1 when there is none left, -1 on error. */
static int
open_next(crm_partial_reader *p, crm_error *err)
{
	const char *path;

	if (p->fp != NULL && p->fp != stdin)
		fclose(p->fp);
	p->fp = NULL;
	if (p->next >= p->npaths)
		return 1;
	path = p->paths[p->next++];
	p->line = 0;
	if (strcmp(path, "-") == 0) {
		p->fp = stdin;
		p->name = "<stdin>";
		return 0;
	}
	p->name = path;
	if ((p->fp = fopen(path, "r")) == NULL)
		return crm_error_set(err, CRM_EXIT_IO, "%s: cannot open: %s",
		    path, strerror(errno));
	return 0;
}

/* Split the line in buf[0..len) at TABs and unescape each field. */
static int
split(crm_partial_reader *p, size_t len, size_t *nf, crm_error *err)
{
	size_t n = 0;
	char *s = p->buf, *end = p->buf + len;

	p->tag = SIZE_MAX;

	for (;;) {
		char *t = memchr(s, '\t', (size_t)(end - s)), *o = s;
		char *fe = t != NULL ? t : end;

		if (n == p->fcap) {
			p->fcap = p->fcap ? p->fcap * 2 : 16;
			p->f = crm_xreallocarray(p->f, p->fcap, sizeof *p->f);
			p->flen = crm_xreallocarray(p->flen, p->fcap,
			    sizeof *p->flen);
		}
		p->f[n] = s;
		if (*s == '#' && p->tag == SIZE_MAX)
			p->tag = n;
		for (char *q = s; q < fe; q++) {
			if (*q != '\\') {
				*o++ = *q;
				continue;
			}
			switch (q + 1 < fe ? q[1] : 0) {
			case '\\': *o++ = '\\'; break;
			case 't': *o++ = '\t'; break;
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case '#': *o++ = '#'; break;
			default:
				return crm_error_at(err, CRM_EXIT_DATA,
				    p->name, p->line, "damaged partial: bad "
				    "escape in field %zu", n + 1);
			}
			q++;
		}
		p->flen[n] = (size_t)(o - s);
		*o = '\0';
		n++;
		if (t == NULL)
			break;
		s = t + 1;
	}
	*nf = n;
	return 0;
}

/* The value of key= among the meta fields, or NULL. */
static const char *
meta_value(crm_partial_reader *p, size_t nf, const char *key)
{
	size_t k = strlen(key);

	for (size_t i = 1; i < nf; i++)
		if (strncmp(p->f[i], key, k) == 0 && p->f[i][k] == '=')
			return p->f[i] + k + 1;
	return NULL;
}

static int
check_version(crm_partial_reader *p, const char *v, crm_error *err)
{
	if (v != NULL && strcmp(v, "1") == 0)
		return 0;
	return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line, "partial "
	    "of crmkit format version %s; this %s reads version %d",
	    v != NULL ? v : "(none)", p->id.tool, CRM_PARTIAL_VERSION);
}

static int
check_delimiter(crm_partial_reader *p, unsigned d, crm_error *err)
{
	if (p->delimiter == 0) {
		p->delimiter = (int)d;
		p->delim_file = p->name;
		p->delim_line = p->line;
		return 0;
	}
	if ((unsigned)p->delimiter == d)
		return 0;
	return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line, "partial "
	    "of an input delimited by 0x%02x, but %s:%lu was of one "
	    "delimited by 0x%02x", d, p->delim_file, p->delim_line,
	    (unsigned)p->delimiter);
}

/* Check tool, key columns and plan. */
static int
check_id(crm_partial_reader *p, const char *tool, uint64_t by,
	 uint64_t plan, const char *columns, crm_error *err)
{
	if (strcmp(tool, p->id.tool) != 0)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "partial of %s, not of %s", tool, p->id.tool);
	if (by != p->id.by)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "partial grouped by other columns%s%s%s than this "
		    "merge (%s)", columns ? " (" : "", columns ? columns : "",
		    columns ? ")" : "", p->id.columns);
	if (plan != p->id.plan)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "partial of other aggregates: its plan differs from "
		    "this merge's (%s)", p->id.aggregates);
	return 0;
}

static int
read_meta(crm_partial_reader *p, size_t nf, crm_error *err)
{
	const char *tool = meta_value(p, nf, "tool");
	const char *failed = meta_value(p, nf, "failed");
	const char *by = meta_value(p, nf, "by"), *plan;
	const char *delim = meta_value(p, nf, "delimiter");

	if (check_version(p, meta_value(p, nf, "version"), err) < 0)
		return -1;
	if (failed != NULL)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "a partial failed: %s", failed);
	plan = meta_value(p, nf, "plan");
	if (tool == NULL || by == NULL || plan == NULL || delim == NULL)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "damaged partial: meta line without tool, by, plan or "
		    "delimiter");
	if (check_id(p, tool, strtoull(by, NULL, 16),
	    strtoull(plan, NULL, 16), meta_value(p, nf, "columns"), err) < 0)
		return -1;
	return check_delimiter(p, (unsigned)strtoul(delim, NULL, 16), err);
}

/* "BYFP/PLANFP/HH" of a tag: two 16-digit and one 2-digit hex number. */
static int
parse_tag(const char *s, uint64_t *by, uint64_t *plan, unsigned *d)
{
	char *end;

	*by = strtoull(s, &end, 16);
	if (end != s + 16 || *end != '/')
		return -1;
	s = end + 1;
	*plan = strtoull(s, &end, 16);
	if (end != s + 16 || *end != '/')
		return -1;
	s = end + 1;
	*d = (unsigned)strtoul(s, &end, 16);
	return end == s + 2 && *end == '\0' ? 0 : -1;
}

/* The record in fields [0..nf): find and check its tag. */
static int
read_record(crm_partial_reader *p, size_t nf, crm_partial_record *rec,
	    crm_error *err)
{
	char tool[32], ver[16];
	uint64_t by, plan;
	unsigned d;
	size_t t = p->tag;
	int end = 0;

	if (strcmp(p->f[nf - 1], ".") != 0)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "partial record cut short (no '.' at its end)");
	if (t >= nf - 1 ||
	    sscanf(p->f[t], "#%31[^/]/%15[^/]/%n", tool, ver, &end) != 2)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "not a partial record: no tag");
	if (check_version(p, ver, err) < 0)
		return -1;
	if (parse_tag(p->f[t] + end, &by, &plan, &d) < 0)
		return crm_error_at(err, CRM_EXIT_DATA, p->name, p->line,
		    "damaged partial: bad tag");
	if (check_id(p, tool, by, plan, NULL, err) < 0 ||
	    check_delimiter(p, d, err) < 0)
		return -1;
	/* the key cells, then the state fields where the tag was */
	memmove(p->f + t, p->f + t + 1, (nf - 2 - t) * sizeof *p->f);
	memmove(p->flen + t, p->flen + t + 1, (nf - 2 - t) * sizeof *p->flen);
	rec->f = p->f;
	rec->len = p->flen;
	rec->n = nf - 2;
	rec->nkeys = t;
	rec->at = t;
	rec->file = p->name;
	rec->line = p->line;
	return 1;
}

int
crm_partial_read(crm_partial_reader *p, crm_partial_record *rec,
		 crm_error *err)
{
	ssize_t got;
	size_t len, nf = 0;
	int rc;

	for (;;) {
		if (p->fp == NULL && (rc = open_next(p, err)) != 0)
			return rc > 0 ? 0 : -1;
		errno = 0;
		if ((got = getline(&p->buf, &p->cap, p->fp)) < 0) {
			if (ferror(p->fp))
				return crm_error_set(err, CRM_EXIT_IO,
				    "%s: read error: %s", p->name,
				    strerror(errno));
			if ((rc = open_next(p, err)) != 0)
				return rc > 0 ? 0 : -1;
			continue;
		}
		p->line++;
		len = (size_t)got;
		while (len > 0 && (p->buf[len - 1] == '\n' ||
		    p->buf[len - 1] == '\r'))
			len--;
		if (p->line == 1 && len >= 3 &&
		    memcmp(p->buf, "\xef\xbb\xbf", 3) == 0) {
			memmove(p->buf, p->buf + 3, len - 3);
			len -= 3;
		}
		if (len == 0)
			continue;
		p->buf[len] = '\0';
		if (split(p, len, &nf, err) < 0)
			return -1;
		if (p->tag == 0 && strcmp(p->f[0], META) == 0) {
			if (read_meta(p, nf, err) < 0)
				return -1;
			continue;
		}
		return read_record(p, nf, rec, err);
	}
}

int
crm_partial_delimiter(const crm_partial_reader *p)
{
	return p->delimiter;
}

void
crm_partial_close(crm_partial_reader *p)
{
	if (p == NULL)
		return;
	if (p->fp != NULL && p->fp != stdin)
		fclose(p->fp);
	free(p->buf);
	free(p->f);
	free(p->flen);
	free(p);
}
