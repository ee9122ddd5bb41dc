#include "crm_deffile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

struct crm_deffile {
	FILE *fp;
	char *path;
	char *line;
	size_t cap;
	unsigned long lineno;
};

crm_deffile *
crm_deffile_open(const char *path, crm_error *err)
{
	crm_deffile *f;
	FILE *fp = fopen(path, "r");

	if (fp == NULL) {
		crm_error_set(err, CRM_EXIT_IO, "%s: %s", path,
		    strerror(errno));
		return NULL;
	}
	f = crm_xcalloc(1, sizeof *f);
	f->fp = fp;
	f->path = crm_xstrdup(path);
	return f;
}

const char *
crm_deffile_path(const crm_deffile *f)
{
	return f->path;
}

void
crm_deffile_close(crm_deffile *f)
{
	if (f == NULL)
		return;
	fclose(f->fp);
	free(f->line);
	free(f->path);
	free(f);
}

/* Length of s[0..len) without a '#' comment. */
static size_t
strip_comment(const char *s, size_t len)
{
	bool quote = false, brace = false;

	for (size_t i = 0; i < len; i++) {
		if (quote && s[i] == '\\' && i + 1 < len)
			i++;	/* \" and \\ inside a string */
		else if (quote)
			quote = s[i] != '"';
		else if (brace)
			brace = s[i] != '}';
		else if (s[i] == '"')
			quote = true;
		else if (s[i] == '{')
			brace = true;
		else if (s[i] == '#')
			return i;
	}
	return len;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int
crm_deffile_next(crm_deffile *f, char **text, size_t *len,
		 unsigned long *line, crm_error *err)
{
	ssize_t got;

	while ((got = getline(&f->line, &f->cap, f->fp)) != -1) {
		char *s = f->line;
		size_t n = (size_t)got;

		if (++f->lineno == 1 && n >= 3 &&
		    memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		n = strip_comment(s, n);
		while (n > 0 && blank(s[n - 1]))
			n--;
		while (n > 0 && blank(*s)) {
			s++;
			n--;
		}
		if (n == 0)
			continue;
		s[n] = '\0';
		*text = s;
		*len = n;
		*line = f->lineno;
		return 1;
	}
	if (ferror(f->fp))
		return crm_error_set(err, CRM_EXIT_IO, "%s: read error: %s",
		    f->path, strerror(errno));
	return 0;
}

bool
crm_deffile_is_name(const char *name)
{
	return *name != '\0' && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == strlen(name);
}

char *
crm_deffile_find(const char *name, const char *ext, crm_error *err)
{
	static const char *const up[] = {
		"/../share/crmkit", "/../share", "/../../share",
		"/../../../share"
	};
	char exe[PATH_MAX], *dirs[2 + sizeof up / sizeof up[0]];
	char *found = NULL, *slash;
	const char *env = getenv("CRMKIT_SHARE");
	size_t nd = 0, at;
	ssize_t n;

	if (!crm_deffile_is_name(name)) {
		crm_error_set(err, CRM_EXIT_USAGE, "'%s' is not a name", name);
		return NULL;
	}
	if (env != NULL && *env != '\0')
		dirs[nd++] = crm_xstrdup(env);
	dirs[nd++] = crm_xstrdup(CRMKIT_DATADIR);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
				dirs[nd] = crm_xmalloc(strlen(exe) +
				    strlen(up[i]) + 1);
				strcpy(dirs[nd], exe);
				strcat(dirs[nd++], up[i]);
			}
		}
	}
	for (size_t i = 0; i < nd && found == NULL; i++) {
		char *path = crm_xmalloc(strlen(dirs[i]) + strlen(name) +
		    strlen(ext) + 3);

		sprintf(path, "%s/%s.%s", dirs[i], name, ext);
		if (access(path, R_OK) == 0)
			found = path;
		else
			free(path);
	}
	if (found == NULL && err != NULL) {
		crm_error_set(err, CRM_EXIT_USAGE, "no %s.%s in ", name, ext);
		at = strlen(err->msg);
		for (size_t i = 0; i < nd && at + 1 < sizeof err->msg; i++)
			at += (size_t)snprintf(err->msg + at,
			    sizeof err->msg - at, "%s%s", i ? ", " : "",
			    dirs[i]);
	}
	for (size_t i = 0; i < nd; i++)
		free(dirs[i]);
	return found;
}
