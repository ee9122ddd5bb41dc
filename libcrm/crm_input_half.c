/*
 * crm_input_half: split reading for two threads (crm_input_split,
 * crm_input_half_start).  See crm_input.h for the contract.
 */
#include "crm_input_impl.h"

#include "crm_num.h"
#include "crm_thread.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

crm_input *
crm_input_split(crm_input *in, off_t min_bytes)
{
	crm_csv_reader *r = in->r;
	struct stat st;
	crm_input *b;
	crm_error err;
	off_t mid;
	int fd;

	if (in->begun || in->nops != 1 || in->path[0] == NULL || r == NULL ||
	    !crm_csv_is_utf8(r) || in->spool[0] != NULL || in->failed ||
	    in->limit >= 0 || fstat(crm_csv_fd(r), &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < min_bytes || st.st_size < 2)
		return NULL;
	mid = st.st_size / 2;
	if (mid <= crm_csv_buffered_to(r))
		return NULL;	/* the header reaches past the middle */
	if ((fd = open(in->path[0], O_RDONLY)) < 0)
		return NULL;
	if (lseek(fd, mid - 1, SEEK_SET) < 0) {
		close(fd);
		return NULL;
	}
	b = crm_xcalloc(1, sizeof *b);
	b->cfg = in->cfg;
	b->cfg.encoding = NULL;
	b->nops = 1;
	b->path = crm_xcalloc(1, sizeof *b->path);
	b->name = crm_xcalloc(1, sizeof *b->name);
	b->state = crm_xcalloc(1, sizeof *b->state);
	b->spool = crm_xcalloc(1, sizeof(FILE *));
	b->path[0] = crm_xstrdup(in->path[0]);
	b->name[0] = crm_xstrdup(in->name[0]);
	b->stdin_op = NONE;
	b->next = 1;
	b->have_header = true;
	b->hdr.n = in->hdr.n;	/* for the field count; names unused */
	b->hdr.name = crm_xcalloc(in->hdr.n ? in->hdr.n : 1, sizeof(char *));
	b->hdr.len = crm_xcalloc(in->hdr.n ? in->hdr.n : 1, sizeof(size_t));
	b->hdr.synthetic = true;
	b->last_name = b->name[0];
	b->limit = b->met = b->first = -1;
	b->half = true;
	b->ragged = in->ragged;
	if ((b->r = crm_csv_open_fd(fd, b->name[0], &b->cfg, NULL,
	    &err)) == NULL) {
		crm_input_close(b);
		return NULL;
	}
	/* Start after the line end at or after mid - 1: a record start,
	 * unless a quoted field spans it, which the first half sees. */
	if (crm_csv_start_after_line(b->r, mid - 1, &in->limit, &err) < 0) {
		crm_input_close(b);
		return NULL;
	}
	in->met = -1;
	/* The first half is read by the caller's thread alone. */
	in->solo = true;
	return b;
}

bool
crm_input_split_joins(const crm_input *in, const crm_input *b)
{
	return in->met == b->first;
}

void
crm_input_unsplit(crm_input *in)
{
	in->limit = -1;
	in->stopped = false;
}

/* The second half's thread: fn, then a copy of the column states it
 * left, for the join to check (they die with the thread). */
static void *
run_half(void *arg)
{
	crm_input_half *h = arg;
	const crm_num_column *t;

	h->fn(h->arg);
	t = crm_num_thread_table(&h->ncols);
	if (h->ncols > 0) {
		h->cols = crm_xreallocarray(NULL, h->ncols, sizeof *t);
		memcpy(h->cols, t, h->ncols * sizeof *t);
	}
	return NULL;
}

bool
crm_input_half_start(crm_input_half *h, crm_input *in, void *(*fn)(void *),
		     void *arg)
{
	h->running = h->ok = false;
	h->fn = fn;
	h->arg = arg;
	h->cols = NULL;
	h->ncols = 0;
	if (!crm_ahead_wanted() ||
	    (h->in = crm_input_split(in, CRM_INPUT_HALF_MIN)) == NULL)
		return false;
	if (crm_thread_start(&h->thread, run_half, h) != 0) {
		crm_input_close(h->in);
		h->in = NULL;
		crm_input_unsplit(in);
		return false;
	}
	h->running = true;
	return true;
}

bool
crm_input_half_join(crm_input_half *h, crm_input *in, bool first_ok)
{
	bool use = false;

	if (h->running) {
		pthread_join(h->thread, NULL);
		h->running = false;
		use = first_ok && h->ok && crm_input_split_joins(in, h->in) &&
		    crm_num_thread_merge(h->cols, h->ncols);
		if (!use)
			crm_input_unsplit(in);
	}
	free(h->cols);
	h->cols = NULL;
	crm_input_close(h->in);
	h->in = NULL;
	return use;
}
