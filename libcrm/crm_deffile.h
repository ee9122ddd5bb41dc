/*
 * crm_deffile: small text files of definitions, one a line (kpi --metrics
 * and its presets, segment --rules), and the shared data directory the
 * shipped ones live in.
 *
 * A UTF-8 byte-order mark at the start and CRLF line ends are accepted.
 * A '#' outside "strings" (with the \" and \\ escapes of crm_expr) and
 * {column names} starts a comment.  Lines are trimmed of blanks; blank
 * lines are skipped.  The caller splits each line (NAME = EXPRESSION,
 * LABEL: CONDITION) and names FILE:LINE in its messages.
 */
#ifndef CRM_DEFFILE_H
#define CRM_DEFFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

typedef struct crm_deffile crm_deffile;

/* Open path; NULL with err filled ("PATH: No such file or directory",
 * status 3) on failure. */
crm_deffile *crm_deffile_open(const char *path, crm_error *err);

/*
 * The next definition: returns 1 with *text (NUL-terminated, without
 * comment and surrounding blanks; the caller may modify it; valid until
 * the next call), *len and *line (1-based) set; 0 at the end; -1 on a
 * read error ("PATH: read error: ...", status 3).
 */
int crm_deffile_next(crm_deffile *f, char **text, size_t *len,
		     unsigned long *line, crm_error *err);

const char *crm_deffile_path(const crm_deffile *f);
void crm_deffile_close(crm_deffile *f);

/* Whether name can name a shipped file: letters, digits, '_', '-'. */
bool crm_deffile_is_name(const char *name);

/*
 * The shipped definitions file NAME.EXT (a preset): the first readable
 * one in $CRMKIT_SHARE, the installed data directory, PREFIX/share/crmkit
 * beside the executable's bin/ (an installation that was moved, or staged
 * with DESTDIR), then share/ above the executable (bin/, build/bin/,
 * build/asan/bin/ of an uninstalled build).  Returns its path (free it),
 * or NULL with err filled (status 2): "no NAME.EXT in DIR, DIR, ...", or
 * "'NAME' is not a name" (see crm_deffile_is_name).
 */
char *crm_deffile_find(const char *name, const char *ext, crm_error *err);

#endif
