#include "crm_sort.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_tmp.h"

struct entry {
	double key;
	uint64_t off;
	int32_t group;
	uint32_t len;
};

struct crm_sort {
	int fd;
	crm_writer *w;
	struct entry *e;
	size_t n, cap;
};

crm_sort *
crm_sort_open(const crm_writer_config *cfg, crm_error *err)
{
	crm_writer_config c = *cfg;
	crm_sort *s;
	int fd;

	if ((fd = crm_tmp_open(err)) < 0)
		return NULL;
	c.bom = false;
	s = crm_xcalloc(1, sizeof *s);
	s->fd = fd;
	s->w = crm_writer_open_fd(fd, "sort spool", &c, err);
	if (s->w == NULL) {
		close(fd);
		free(s);
		return NULL;
	}
	return s;
}

crm_writer *
crm_sort_writer(crm_sort *s)
{
	return s->w;
}

/* The length of the previous record is known once the next one starts
 * (or at the end). */
static void
close_last(crm_sort *s)
{
	if (s->n > 0) {
		struct entry *last = &s->e[s->n - 1];
		unsigned long long len = crm_writer_tell(s->w) - last->off;

		/* 4 bytes of length per record keep the index small; a
		 * record of 4 GiB would be cut, so it ends the tool */
		if (len > UINT32_MAX)
			crm_die(CRM_EXIT_IO, "a record of 4 GiB or more "
			    "cannot be sorted");
		last->len = (uint32_t)len;
	}
}

void
crm_sort_key(crm_sort *s, int group, double key)
{
	close_last(s);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->e = crm_xreallocarray(s->e, s->cap, sizeof *s->e);
	}
	s->e[s->n].key = key;
	s->e[s->n].group = group;
	s->e[s->n].off = crm_writer_tell(s->w);
	s->e[s->n].len = 0;
	s->n++;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

void
crm_sort_free(crm_sort *s)
{
	if (s == NULL)
		return;
	crm_writer_abort(s->w);
	close(s->fd);
	free(s->e);
	free(s);
}

int
crm_sort_emit(crm_sort *s, crm_writer *out, crm_error *err)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = 0;

	close_last(s);
	if (crm_writer_flush(s->w) < 0) {
		/* Closing reports the spool's write error with its reason. */
		crm_writer_close(s->w, err);
		s->w = NULL;
		close(s->fd);
		free(s->e);
		free(s);
		return -1;
	}
	qsort(s->e, s->n, sizeof *s->e, cmp_entry);
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		struct entry *e = &s->e[i];
		size_t got = 0;

		if (e->len > cap) {
			cap = e->len;
			buf = crm_xrealloc(buf, cap);
		}
		while (got < e->len) {
			ssize_t k = pread(s->fd, buf + got, e->len - got,
			    (off_t)(e->off + got));

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				rc = crm_error_set(err, CRM_EXIT_IO,
				    "cannot read back the sort spool: %s",
				    k < 0 ? strerror(errno) : "short file");
				break;
			}
			got += (size_t)k;
		}
		if (rc == 0 && crm_writer_bytes(out, buf, e->len) < 0)
			rc = crm_error_set(err, CRM_EXIT_IO, "write error");
	}
	free(buf);
	crm_sort_free(s);
	return rc;
}
