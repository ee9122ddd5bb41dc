/*
 * crm_writer: buffered CSV output.  See crm_writer.h for the contract.
 *
 * Output goes through one buffer and write(2), so that every failure is
 * seen (stdio would hide ENOSPC until fclose).  The first failure is
 * sticky: later calls write nothing and report it again.
 */
#include "crm_writer.h"
#include "crm_tmp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUT_BUF ((size_t)256 * 1024)

/* Temporary files of atomic -o outputs live in static slots so that a
 * signal handler can remove them without touching the heap. */
#define MAX_TEMP 16
#define TEMP_PATH_MAX 4096

struct crm_writer {
	int fd;
	bool own_fd;		/* opened by the writer, so closed by it */
	char *name;		/* for messages: "<stdout>" or the path */
	char *path;		/* atomic: final path */
	int slot;		/* atomic: temp_path index, else -1 */
	int delim;
	bool crlf;
	crm_numfmt numfmt;
	unsigned char special[256];	/* bytes that force quoting */
	bool num_plain;		/* no byte of a formatted number is special */
	char *buf;
	size_t n;
	size_t nf;		/* fields in the current record */
	bool first_empty;	/* its first field is empty */
	int err;		/* errno of the first failure, 0 if none */
	unsigned long long flushed;	/* bytes handed to write(2) */
};

static char temp_path[MAX_TEMP][TEMP_PATH_MAX];
static volatile sig_atomic_t temp_used[MAX_TEMP];
static int temp_count;

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIG_CLEANUP (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction old_action[NSIG_CLEANUP];
static bool handler_installed[NSIG_CLEANUP];
static struct sigaction default_action;

/* ------------------------------------------------------------------ */
/* Cleanup of temporary files */

static void
unlink_temps(void)
{
	for (int i = 0; i < MAX_TEMP; i++)
		if (temp_used[i])
			unlink(temp_path[i]);
}

/* Async-signal-safe: unlink(), sigaction() and raise() only. */
static void
on_signal(int sig)
{
	unlink_temps();
	sigaction(sig, &default_action, NULL);
	raise(sig);	/* delivered with the default action on return */
}

static void
cleanup_hook(void *arg)
{
	(void)arg;
	unlink_temps();
}

static void
install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	memset(&default_action, 0, sizeof default_action);
	default_action.sa_handler = SIG_DFL;
	sigemptyset(&default_action.sa_mask);
	for (size_t i = 0; i < NSIG_CLEANUP; i++) {
		if (sigaction(cleanup_signals[i], NULL, &old_action[i]) < 0)
			continue;
		/* nohup and friends ignore SIGHUP on purpose: keep that */
		if (old_action[i].sa_handler == SIG_IGN)
			continue;
		handler_installed[i] =
		    sigaction(cleanup_signals[i], &sa, NULL) == 0;
	}
}

static void
restore_handlers(void)
{
	for (size_t i = 0; i < NSIG_CLEANUP; i++) {
		if (handler_installed[i])
			sigaction(cleanup_signals[i], &old_action[i], NULL);
		handler_installed[i] = false;
	}
}

/* Reserve a slot holding tmpl and create the file there, so that the
 * name the handlers unlink is the one mkstemp filled in.  Returns the
 * slot and the open descriptor in *fd, or -1 with errno set. */
static int
temp_create(const char *tmpl, int *fd)
{
	int i;

	if (strlen(tmpl) >= TEMP_PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (i = 0; i < MAX_TEMP && temp_used[i]; i++)
		;
	if (i == MAX_TEMP) {
		errno = EMFILE;
		return -1;
	}
	strcpy(temp_path[i], tmpl);
	if ((*fd = mkstemp(temp_path[i])) < 0)
		return -1;
	temp_used[i] = 1;
	if (temp_count++ == 0) {
		install_handlers();
		crm_diag_atexit(cleanup_hook, NULL);
	}
	return i;
}

static void
temp_release(int slot)
{
	temp_used[slot] = 0;
	if (--temp_count == 0) {
		restore_handlers();
		crm_diag_atexit_remove(cleanup_hook, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Raw output */

static int
write_all(crm_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(w->fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->err = k < 0 ? errno : EIO;
			return -1;
		}
		s += k;
		n -= (size_t)k;
		w->flushed += (unsigned long long)k;
	}
	return 0;
}

static int
flush(crm_writer *w)
{
	size_t n = w->n;

	if (w->err)
		return -1;
	w->n = 0;
	return write_all(w, w->buf, n);
}

static int
put(crm_writer *w, const char *s, size_t n)
{
	if (w->err)
		return -1;
	if (n > OUT_BUF - w->n) {
		if (flush(w) < 0)
			return -1;
		if (n >= OUT_BUF)
			return write_all(w, s, n);
	}
	if (n > 0)
		memcpy(w->buf + w->n, s, n);
	w->n += n;
	return 0;
}

static int
put_byte(crm_writer *w, char c)
{
	if (w->n == OUT_BUF && flush(w) < 0)
		return -1;
	w->buf[w->n++] = c;
	return w->err ? -1 : 0;
}

/*
 * A reader drops a UTF-8 byte-order mark at the start of its input, so
 * a first field that starts with those bytes (data after a BOM that was
 * dropped, e.g. a header saved twice by Excel) would lose them in the
 * next tool of a pipeline.  At the start of the output such a field is
 * quoted: the BOM bytes then follow a quote and stay data.
 */
static bool
bom_at_start(const crm_writer *w, const char *s, size_t len)
{
	return w->flushed + w->n == 0 && len >= 3 &&
	    memcmp(s, "\xEF\xBB\xBF", 3) == 0;
}

/* Write s as one field: quoted, with quotes doubled, only if it holds a
 * byte that would otherwise change its meaning (or force). */
static int
put_field(crm_writer *w, const char *s, size_t len, bool force)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len && !w->special[u[i]]; i++)
		;
	if (i == len && !force)
		return put(w, s, len);
	put_byte(w, '"');
	for (;;) {
		const char *q = memchr(s, '"', len);

		if (q == NULL)
			break;
		put(w, s, (size_t)(q - s) + 1);
		put_byte(w, '"');
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(w, s, len);
	return put_byte(w, '"');
}

/* ------------------------------------------------------------------ */
/* Opening and closing */

static crm_writer *
writer_new(int fd, const char *name, const crm_writer_config *cfg)
{
	crm_writer *w = crm_xcalloc(1, sizeof *w);

	w->fd = fd;
	w->name = crm_xstrdup(name);
	w->slot = -1;
	w->delim = cfg->delimiter;
	w->crlf = cfg->crlf;
	w->numfmt = cfg->numfmt;
	w->special[(unsigned char)cfg->delimiter] = 1;
	w->special['"'] = 1;
	w->special['\r'] = 1;
	w->special['\n'] = 1;
	w->num_plain = !w->special[cfg->numfmt.decimal_comma ? ',' : '.'];
	for (const char *c = "0123456789+-eE"; *c != '\0'; c++)
		if (w->special[(unsigned char)*c])
			w->num_plain = false;
	w->buf = crm_xmalloc(OUT_BUF);
	crm_tmp_widen_pipe(fd);
	if (cfg->bom)
		put(w, "\xEF\xBB\xBF", 3);
	return w;
}

crm_writer *
crm_writer_open_fd(int fd, const char *name, const crm_writer_config *cfg,
		   crm_error *err)
{
	(void)err;
	return writer_new(fd, name, cfg);
}

unsigned long long
crm_writer_tell(const crm_writer *w)
{
	return w->flushed + w->n;
}

int
crm_writer_bytes(crm_writer *w, const char *s, size_t n)
{
	/* Records written once already: a first field starting with BOM
	 * bytes was not quoted (it contains no byte that needs quoting,
	 * so it ends at the first delimiter or line end).  Quote it if it
	 * now starts the output. */
	if (bom_at_start(w, s, n)) {
		size_t k = 0;

		while (k < n && s[k] != (char)w->delim && s[k] != '\r' &&
		    s[k] != '\n')
			k++;
		if (put_field(w, s, k, true) < 0)
			return -1;
		s += k;
		n -= k;
	}
	return put(w, s, n);
}

int
crm_writer_flush(crm_writer *w)
{
	return flush(w);
}

crm_writer *
crm_writer_open(const char *path, const crm_writer_config *cfg,
		crm_error *err)
{
	const char *slash, *base;
	struct stat st;
	crm_writer *w;
	char *tmpl, *dir;
	size_t dlen, n;
	mode_t mask;
	int fd, slot;

	if (path == NULL || strcmp(path, "-") == 0)
		return writer_new(STDOUT_FILENO, "<stdout>", cfg);
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			crm_error_at(err, CRM_EXIT_IO, path, 0,
			    "cannot open: %s", strerror(EISDIR));
			return NULL;
		}
		/* /dev/null, a FIFO, /dev/stdout: renaming over them would
		 * be wrong (or, as root, destructive); write in place */
		if (!S_ISREG(st.st_mode)) {
			fd = open(path, O_WRONLY | O_TRUNC);
			if (fd < 0) {
				crm_error_at(err, CRM_EXIT_IO, path, 0,
				    "cannot open: %s", strerror(errno));
				return NULL;
			}
			w = writer_new(fd, path, cfg);
			w->own_fd = true;
			return w;
		}
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	dlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	n = dlen + strlen(base) + sizeof "..crmkit-XXXXXX";
	tmpl = crm_xmalloc(n);
	snprintf(tmpl, n, "%.*s.%s.crmkit-XXXXXX", (int)dlen, path, base);
	slot = temp_create(tmpl, &fd);
	free(tmpl);
	if (slot < 0) {
		int e = errno;

		if (slash == NULL)
			dir = crm_xstrdup(".");
		else if (slash == path)
			dir = crm_xstrdup("/");
		else
			dir = crm_xmemdup(path, dlen - 1);
		crm_error_at(err, CRM_EXIT_IO, path, 0,
		    "cannot create temporary file in %s: %s", dir,
		    strerror(e));
		free(dir);
		return NULL;
	}
	/* mkstemp creates mode 0600; give the file what open(2) would */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	w = writer_new(fd, path, cfg);
	w->own_fd = true;
	w->path = crm_xstrdup(path);
	w->slot = slot;
	return w;
}

static void
writer_free(crm_writer *w)
{
	if (w->slot >= 0)
		temp_release(w->slot);
	free(w->name);
	free(w->path);
	free(w->buf);
	free(w);
}

int
crm_writer_close(crm_writer *w, crm_error *err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	flush(w);
	if (w->own_fd && close(w->fd) < 0 && w->err == 0)
		w->err = errno;
	if (w->err != 0) {
		crm_error_at(err, CRM_EXIT_IO, w->name, 0, "write error: %s",
		    strerror(w->err));
		rc = -1;
		if (w->slot >= 0)
			unlink(temp_path[w->slot]);
	} else if (w->slot >= 0 && rename(temp_path[w->slot], w->path) < 0) {
		crm_error_at(err, CRM_EXIT_IO, w->name, 0,
		    "cannot replace: %s", strerror(errno));
		rc = -1;
		unlink(temp_path[w->slot]);
	}
	writer_free(w);
	return rc;
}

void
crm_writer_abort(crm_writer *w)
{
	if (w == NULL)
		return;
	if (w->slot >= 0)
		unlink(temp_path[w->slot]);
	else
		/* What went to a stream cannot be taken back; hand over what
		 * is buffered too, so that the output ends at the same record
		 * whatever the buffer size. */
		(void)flush(w);
	if (w->own_fd)
		close(w->fd);
	writer_free(w);
}

const char *
crm_writer_temp_path(const crm_writer *w)
{
	return w->slot >= 0 ? temp_path[w->slot] : NULL;
}

bool
crm_writer_broken_pipe(const crm_writer *w)
{
	return w->err == EPIPE;
}

/* ------------------------------------------------------------------ */
/* Records */

/* Separator before every field but the first of a record. */
static int
begin_field(crm_writer *w, bool empty)
{
	if (w->nf++ > 0)
		return put_byte(w, (char)w->delim);
	w->first_empty = empty;
	return w->err ? -1 : 0;
}

int
crm_writer_field(crm_writer *w, const char *s, size_t len)
{
	bool bom = bom_at_start(w, s, len);

	if (begin_field(w, len == 0) < 0)
		return -1;
	return put_field(w, s, len, bom) < 0 || w->err ? -1 : 0;
}

int
crm_writer_num(crm_writer *w, double v)
{
	char buf[CRM_NUM_BUFSZ];
	size_t n;

	/* Fast path: when no byte a number is written with needs quoting
	 * (the delimiter is none of them), format straight into the
	 * buffer; the same bytes as crm_writer_field would write. */
	if (w->num_plain && w->err == 0 &&
	    OUT_BUF - w->n > CRM_NUM_BUFSZ + 1) {
		if (w->nf++ > 0)
			w->buf[w->n++] = (char)w->delim;
		n = crm_num_format(w->buf + w->n, v, &w->numfmt);
		if (w->nf == 1)
			w->first_empty = n == 0;
		w->n += n;
		return 0;
	}
	n = crm_num_format(buf, v, &w->numfmt);
	return crm_writer_field(w, buf, n);
}

int
crm_writer_int(crm_writer *w, double v)
{
	crm_numfmt fmt = { -1, w->numfmt.decimal_comma };
	char buf[CRM_NUM_BUFSZ];

	return crm_writer_field(w, buf, crm_num_format(buf, v, &fmt));
}

int
crm_writer_empty(crm_writer *w)
{
	return crm_writer_field(w, "", 0);
}

int
crm_writer_record(crm_writer *w, const crm_record *rec, int in_delim)
{
	if (rec->n == 0)
		return w->err ? -1 : 0;
	if (in_delim == w->delim && !bom_at_start(w, rec->raw, rec->rawlen)) {
		if (begin_field(w, rec->n == 1 && rec->rawlen == 0) < 0)
			return -1;
		w->nf += rec->n - 1;
		return put(w, rec->raw, rec->rawlen);
	}
	for (size_t i = 0; i < rec->n; i++)
		if (crm_writer_field(w, rec->f[i], rec->len[i]) < 0)
			return -1;
	return 0;
}

int
crm_writer_header(crm_writer *w, const crm_header *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (crm_writer_field(w, h->name[i], h->len[i]) < 0)
			return -1;
	return w->err ? -1 : 0;
}

int
crm_writer_end(crm_writer *w)
{
	size_t nf = w->nf;

	w->nf = 0;
	/* a record of no fields cannot be written in CSV at all */
	if (nf == 0)
		return w->err ? -1 : 0;
	/* a lone empty field would be a blank line, which holds no record */
	if (nf == 1 && w->first_empty && put(w, "\"\"", 2) < 0)
		return -1;
	if (w->crlf && put_byte(w, '\r') < 0)
		return -1;
	return put_byte(w, '\n');
}
