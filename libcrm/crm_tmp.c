#define _GNU_SOURCE		/* F_SETPIPE_SZ */
#include "crm_tmp.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *
crm_tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return (d != NULL && *d != '\0') ? d : "/tmp";
}

const char *
crm_tmp_spool_name(const char *name)
{
	return strcmp(name, "<stdin>") == 0 ? "standard input" : name;
}

int
crm_tmp_open(crm_error *err)
{
	const char *dir = crm_tmp_dir();
	char *tmpl;
	size_t n;
	int fd;

	n = strlen(dir) + sizeof "/crmkit-XXXXXX";
	tmpl = crm_xmalloc(n);
	snprintf(tmpl, n, "%s/crmkit-XXXXXX", dir);
	fd = mkstemp(tmpl);
	if (fd < 0)
		crm_error_set(err, CRM_EXIT_IO,
		    "cannot create temporary file in %s: %s", dir,
		    strerror(errno));
	else
		unlink(tmpl);
	free(tmpl);
	return fd;
}

void
crm_tmp_widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    fcntl(fd, F_GETPIPE_SZ) < CRM_PIPE_BYTES)
		(void)fcntl(fd, F_SETPIPE_SZ, CRM_PIPE_BYTES);
#else
	(void)fd;
#endif
}
