#include "crm_sort.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_tmp.h"

/*
 * Entry i of the index, stride bytes at e + i * stride: the numbers of
 * the key (8 bytes each, first, aligned), its ints (4 bytes each), then
 * the record's number (uint32), whose bytes are off[num] to off[num + 1]
 * in the spool.
 */
struct crm_sort {
	int fd;
	crm_writer *w;
	crm_sort_part part[CRM_SORT_MAX_PARTS];
	size_t at[CRM_SORT_MAX_PARTS];	/* byte offset of each in an entry */
	size_t nparts, stride, num_at;
	char *e;
	uint64_t *off;		/* n + 1 at the end */
	size_t n, cap;
};

/* Lay out the entries of key. */
static void
layout(crm_sort *s, const crm_sort_part *key, size_t nparts)
{
	size_t at = 0;

	memcpy(s->part, key, nparts * sizeof *key);
	s->nparts = nparts;
	for (size_t i = 0; i < nparts; i++)
		if (key[i].type == CRM_SORT_NUM) {
			s->at[i] = at;
			at += sizeof(double);
		}
	for (size_t i = 0; i < nparts; i++)
		if (key[i].type == CRM_SORT_INT) {
			s->at[i] = at;
			at += sizeof(int);
		}
	s->num_at = at;
	at += sizeof(uint32_t);
	s->stride = (at + 7) / 8 * 8;
}

crm_sort *
crm_sort_open(const crm_writer_config *cfg, const crm_sort_part *key,
	      size_t nparts, crm_error *err)
{
	crm_writer_config c = *cfg;
	crm_sort *s;
	int fd;

	if (nparts == 0 || nparts > CRM_SORT_MAX_PARTS) {
		crm_error_set(err, CRM_EXIT_USAGE, "a sort key has 1 to %d "
		    "parts", CRM_SORT_MAX_PARTS);
		return NULL;
	}
	if ((fd = crm_tmp_open(err)) < 0)
		return NULL;
	c.bom = false;
	s = crm_xcalloc(1, sizeof *s);
	s->fd = fd;
	layout(s, key, nparts);
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

int
crm_sort_key(crm_sort *s, const crm_sort_value *v, crm_error *err)
{
	char *e;
	uint32_t num = (uint32_t)s->n;

	if (s->n >= UINT32_MAX - 1)
		return crm_error_set(err, CRM_EXIT_IO, "more than %lu records "
		    "cannot be sorted", (unsigned long)UINT32_MAX - 2);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->e = crm_xreallocarray(s->e, s->cap, s->stride);
		s->off = crm_xreallocarray(s->off, s->cap + 1,
		    sizeof *s->off);
	}
	e = s->e + s->n * s->stride;
	memset(e, 0, s->stride);
	for (size_t i = 0; i < s->nparts; i++)
		if (s->part[i].type == CRM_SORT_NUM)
			memcpy(e + s->at[i], &v[i].num, sizeof v[i].num);
		else
			memcpy(e + s->at[i], &v[i].i, sizeof v[i].i);
	memcpy(e + s->num_at, &num, sizeof num);
	s->off[s->n++] = crm_writer_tell(s->w);
	return 0;
}

static int
cmp_num(double a, double b)
{
	if (a != b) {
		if (isnan(a) || isnan(b))
			return isnan(a) ? 1 : -1;
		return a < b ? -1 : 1;
	}
	return 0;
}

/* Entries a and b by key, then by record number. */
static int
cmp_entry(const crm_sort *s, const char *a, const char *b)
{
	uint32_t x, y;

	for (size_t i = 0; i < s->nparts; i++) {
		int c;

		if (s->part[i].type == CRM_SORT_NUM) {
			double p, q;

			memcpy(&p, a + s->at[i], sizeof p);
			memcpy(&q, b + s->at[i], sizeof q);
			c = cmp_num(p, q);
		} else {
			int p, q;

			memcpy(&p, a + s->at[i], sizeof p);
			memcpy(&q, b + s->at[i], sizeof q);
			c = (p > q) - (p < q);
		}
		if (c != 0)
			return s->part[i].descending ? -c : c;
	}
	memcpy(&x, a + s->num_at, sizeof x);
	memcpy(&y, b + s->num_at, sizeof y);
	return (x > y) - (x < y);
}

/* Merge sort of the n entries at v through tmp (room for n). */
static void
sort_entries(const crm_sort *s, char *v, char *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0, w = s->stride;

	if (n < 2)
		return;
	sort_entries(s, v, tmp, h);
	sort_entries(s, v + h * w, tmp, n - h);
	if (cmp_entry(s, v + (h - 1) * w, v + h * w) <= 0)
		return;		/* already in order */
	while (i < h && j < n) {
		size_t from = cmp_entry(s, v + j * w, v + i * w) < 0 ?
		    j++ : i++;

		memcpy(tmp + k++ * w, v + from * w, w);
	}
	memcpy(tmp + k * w, v + i * w, (h - i) * w);
	k += h - i;
	memcpy(v, tmp, k * w);
}

void
crm_sort_free(crm_sort *s)
{
	if (s == NULL)
		return;
	crm_writer_abort(s->w);
	close(s->fd);
	free(s->e);
	free(s->off);
	free(s);
}

/* The end of the last record, then the entries in order. */
static void
sort_records(crm_sort *s)
{
	char *tmp;

	if (s->off == NULL)
		s->off = crm_xcalloc(1, sizeof *s->off);
	s->off[s->n] = crm_writer_tell(s->w);
	tmp = crm_xmalloc(s->n ? s->n * s->stride : 1);
	sort_entries(s, s->e, tmp, s->n);
	free(tmp);
}

int
crm_sort_emit(crm_sort *s, crm_writer *out, crm_error *err)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = 0;

	if (crm_writer_flush(s->w) < 0) {
		/* Closing reports the spool's write error with its reason. */
		crm_writer_close(s->w, err);
		s->w = NULL;
		close(s->fd);
		free(s->e);
		free(s->off);
		free(s);
		return -1;
	}
	sort_records(s);
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		uint32_t num;
		uint64_t off;
		size_t got = 0, len;

		memcpy(&num, s->e + i * s->stride + s->num_at, sizeof num);
		off = s->off[num];
		len = (size_t)(s->off[num + 1] - off);
		if (len > cap) {
			cap = len;
			buf = crm_xrealloc(buf, cap);
		}
		while (got < len) {
			ssize_t k = pread(s->fd, buf + got, len - got,
			    (off_t)(off + got));

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
		if (rc == 0 && crm_writer_bytes(out, buf, len) < 0)
			rc = crm_error_set(err, CRM_EXIT_IO, "write error");
	}
	free(buf);
	crm_sort_free(s);
	return rc;
}
