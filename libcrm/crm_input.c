/*
 * crm_input: the operands of a tool, read one after another, and the
 * passes over them.  See crm_input.h for the contract.  Records come from
 * crm_csv's reader (through its public interface only), read ahead in a
 * second thread by crm_ahead; split reading is in crm_input_half.c.
 */
#include "crm_input_impl.h"

#include "crm_tmp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
input_fail(crm_input *in, crm_error *err)
{
	in->failed = true;
	if (err != NULL)
		in->saved = *err;
	return -1;
}

static int
create_spool(crm_input *in, size_t i, crm_error *err)
{
	int fd = crm_tmp_open(err);

	if (fd < 0)
		return -1;
	in->spool[i] = fdopen(fd, "w+");
	if (in->spool[i] == NULL) {
		crm_error_set(err, CRM_EXIT_IO, "cannot spool %s: %s",
		    crm_tmp_spool_name(in->name[i]), strerror(errno));
		close(fd);
		return -1;
	}
	return 0;
}

static int
spool_flush(crm_input *in, size_t i, crm_error *err)
{
	if (fflush(in->spool[i]) != 0 || ferror(in->spool[i]))
		return crm_error_set(err, CRM_EXIT_IO,
		    "cannot spool %s to %s: %s",
		    crm_tmp_spool_name(in->name[i]), crm_tmp_dir(),
		    strerror(errno));
	return 0;
}

/* Check that operand i, open on fd, is the regular file pass 1 read (or
 * remember it, in pass 1).  Returns 0, or -1 with err filled. */
static int
same_file(crm_input *in, size_t i, int fd, crm_error *err)
{
	struct op_id *id = &in->id[i];
	struct stat st;

	if (!in->two_pass || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if (!id->known) {
		*id = (struct op_id){ true, st.st_dev, st.st_ino, st.st_size,
		    st.st_mtim };
		return 0;
	}
	if (id->dev != st.st_dev || id->ino != st.st_ino ||
	    id->size != st.st_size || id->mtime.tv_sec != st.st_mtim.tv_sec ||
	    id->mtime.tv_nsec != st.st_mtim.tv_nsec)
		return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
		    "file changed since it was first read");
	return 0;
}

/* Open operand i for reading. */
static int
open_operand(crm_input *in, size_t i, crm_error *err)
{
	FILE *spool = NULL;
	struct stat st;
	int fd;

	if (in->state[i] == OP_SPOOLED) {
		if (spool_flush(in, i, err) < 0)
			return -1;
		fd = dup(fileno(in->spool[i]));
		if (fd >= 0 && lseek(fd, 0, SEEK_SET) < 0) {
			close(fd);
			fd = -1;
		}
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read back its spool: %s", strerror(errno));
	} else if (in->path[i] == NULL) {
		if (i == in->stdin_op && in->stdin_seekable) {
			fd = dup(STDIN_FILENO);
			if (fd >= 0 && lseek(fd, in->stdin_off, SEEK_SET) < 0) {
				close(fd);
				fd = -1;
			}
		} else {
			/* dup: closing the reader must not close fd 0 */
			fd = dup(STDIN_FILENO);
			if (in->spool[i] != NULL) {
				spool = in->spool[i];
				in->state[i] = OP_READING;
			}
		}
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read: %s", strerror(errno));
	} else {
		fd = open(in->path[i], O_RDONLY);
		if (fd < 0)
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot open: %s", strerror(errno));
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return crm_error_at(err, CRM_EXIT_IO, in->name[i], 0,
			    "cannot read: %s", strerror(EISDIR));
		}
		/* A pipe, FIFO or device gives its bytes once: reopening it
		 * for the second pass would wait for a new writer or read
		 * nothing.  Keep a copy, as for standard input. */
		if (in->two_pass && fstat(fd, &st) == 0 &&
		    !S_ISREG(st.st_mode)) {
			if (in->spool[i] == NULL &&
			    create_spool(in, i, err) < 0) {
				close(fd);
				return -1;
			}
			spool = in->spool[i];
			in->state[i] = OP_READING;
		}
	}
	if (spool == NULL && in->state[i] != OP_SPOOLED &&
	    same_file(in, i, fd, err) < 0) {
		close(fd);
		return -1;
	}
	in->r = crm_csv_open_fd(fd, in->name[i], &in->cfg, spool, err);
	if (in->r == NULL)
		return -1;
	in->cur = i;
	return 0;
}

static void
close_operand(crm_input *in)
{
	if (in->r == NULL)
		return;
	if (in->state[in->cur] == OP_READING &&
	    crm_csv_at_end(in->r))
		in->state[in->cur] = OP_SPOOLED;
	crm_csv_close(in->r);
	in->r = NULL;
}

static void
set_header(crm_input *in, const crm_record *rec)
{
	crm_header *h = &in->hdr;

	h->n = rec->n;
	h->name = crm_xcalloc(rec->n, sizeof *h->name);
	h->len = crm_xcalloc(rec->n, sizeof *h->len);
	h->synthetic = in->cfg.no_header;
	for (size_t i = 0; i < rec->n; i++) {
		if (h->synthetic) {
			char num[32];
			int k = snprintf(num, sizeof num, "%zu", i + 1);

			h->name[i] = crm_xmemdup(num, (size_t)k);
			h->len[i] = (size_t)k;
		} else {
			h->name[i] = crm_xmemdup(rec->f[i], rec->len[i]);
			h->len[i] = rec->len[i];
		}
	}
	if (h->synthetic)
		return;
	in->hraw = crm_xmemdup(rec->raw, rec->rawlen);
	in->hf = crm_xcalloc(rec->n, sizeof *in->hf);
	for (size_t i = 0; i < rec->n; i++)
		in->hf[i] = h->name[i];
	in->hrec.n = rec->n;
	in->hrec.f = in->hf;
	in->hrec.len = h->len;
	in->hrec.raw = in->hraw;
	in->hrec.rawlen = rec->rawlen;
	in->hrec.line = rec->line;
}

static bool
same_header(const crm_header *h, const crm_record *rec)
{
	if (h->n != rec->n)
		return false;
	for (size_t i = 0; i < h->n; i++)
		if (h->len[i] != rec->len[i] ||
		    memcmp(h->name[i], rec->f[i], rec->len[i]) != 0)
			return false;
	return true;
}

/*
 * Read the first record of the operand just opened: the header (taken
 * from the first operand that has one, compared for the others) or,
 * with -H, a data record kept pending.  An empty operand is closed: it
 * contributes nothing, as with cat.
 */
static int
start_operand(crm_input *in, crm_error *err)
{
	crm_record rec;
	int rc = crm_csv_read(in->r, &rec, err);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		close_operand(in);
		return 0;
	}
	if (!in->have_header) {
		in->cfg.delimiter = crm_csv_delimiter(in->r, err);
		set_header(in, &rec);
		in->have_header = true;
		in->hdr_op = in->cur;
	} else if (!in->cfg.no_header && !same_header(&in->hdr, &rec)) {
		return crm_error_set(err, CRM_EXIT_DATA,
		    "%s: header differs from %s's", in->name[in->cur],
		    in->name[in->hdr_op]);
	}
	if (in->cfg.no_header) {
		in->prec = rec;
		in->pending = true;
	}
	return 1;
}

static int crm_input_next(void *ctx, crm_record *rec, unsigned *tag,
			  crm_error *err);

crm_input *
crm_input_open(char *const *paths, size_t npaths, const crm_csv_config *cfg,
	       bool two_pass, crm_error *err)
{
	static char *const dash[] = { "-" };
	crm_input *in;

	if (crm_csv_check_encoding(cfg->encoding, err) < 0)
		return NULL;
	if (npaths == 0) {
		paths = dash;
		npaths = 1;
	}
	in = crm_xcalloc(1, sizeof *in);
	in->cfg = *cfg;
	in->hdr.synthetic = cfg->no_header;
	if (cfg->encoding != NULL) {
		in->encoding = crm_xstrdup(cfg->encoding);
		in->cfg.encoding = in->encoding;
	}
	in->nops = npaths;
	in->path = crm_xcalloc(npaths, sizeof *in->path);
	in->name = crm_xcalloc(npaths, sizeof *in->name);
	in->state = crm_xcalloc(npaths, sizeof *in->state);
	in->spool = crm_xcalloc(npaths, sizeof(FILE *));
	in->id = crm_xcalloc(npaths, sizeof *in->id);
	in->stdin_op = NONE;
	for (size_t i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0) {
			in->name[i] = crm_xstrdup("<stdin>");
			if (in->stdin_op == NONE)
				in->stdin_op = i;
		} else {
			in->path[i] = crm_xstrdup(paths[i]);
			in->name[i] = crm_xstrdup(paths[i]);
		}
	}
	in->two_pass = two_pass;
	in->last_name = in->name[0];
	if (two_pass && in->stdin_op != NONE) {
		struct stat st;

		/* `tool < file` needs no copy: seek back instead */
		if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) &&
		    (in->stdin_off = lseek(STDIN_FILENO, 0, SEEK_CUR)) >= 0)
			in->stdin_seekable = true;
		else if (create_spool(in, in->stdin_op, err) < 0)
			goto fail;
	}
	while (!in->have_header && in->next < in->nops) {
		if (open_operand(in, in->next++, err) < 0 ||
		    start_operand(in, err) < 0)
			goto fail;
	}
	in->last_name = in->name[in->have_header ? in->hdr_op : 0];
	in->limit = in->met = in->first = -1;
	if (crm_ahead_wanted()) {
		in->ahead = crm_ahead_new(crm_input_next, in);
		in->split = crm_csv_fields_new();
	}
	return in;
fail:
	crm_input_close(in);
	return NULL;
}

/* 1 if rec has the header's number of fields, else -1 with err. */
static int
field_count(const crm_input *in, const crm_record *rec, size_t op,
	    crm_error *err)
{
	if (rec->n == in->hdr.n || in->ragged)
		return 1;
	return crm_error_at(err, CRM_EXIT_DATA, in->name[op], rec->line,
	    "expected %zu fields, found %zu", in->hdr.n, rec->n);
}

/* For split reading: note where the second half's first record starts;
 * in the first half, stop at the limit, keeping rec for later. */
static bool
at_split(crm_input *in, const crm_record *rec)
{
	off_t at = crm_csv_record_offset(in->r, rec);

	if (in->half && in->first < 0)
		in->first = at;
	if (in->limit < 0 || at < in->limit)
		return false;
	in->met = at;
	in->prec = *rec;
	in->pending = true;
	in->stopped = true;
	return true;
}

/* The next data record of any operand; *tag is its operand.  A line
 * without quotes comes unsplit (n == 0) when records are read ahead.
 * Runs in the worker thread when records are read ahead. */
static int
crm_input_next(void *ctx, crm_record *rec, unsigned *tag, crm_error *err)
{
	crm_input *in = ctx;
	int rc;

	if (in->stopped)
		return 0;
	for (;;) {
		if (in->pending) {
			in->pending = false;
			*rec = in->prec;
		} else if (in->r == NULL) {
			if (in->next >= in->nops)
				return 0;
			if (open_operand(in, in->next++, err) < 0 ||
			    start_operand(in, err) < 0)
				return -1;
			continue;
		} else {
			/* the header is read, so lines may stay unsplit
			 * for the caller's thread, unless that is the
			 * busier one */
			crm_csv_set_framing(in->r, in->framed ||
			    (in->ahead != NULL && !in->solo &&
			    !crm_ahead_worker_idle(in->ahead)), in->framed);
			rc = crm_csv_read(in->r, rec, err);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				close_operand(in);
				continue;
			}
			if ((in->limit >= 0 || in->half) && at_split(in, rec))
				return 0;
		}
		*tag = (unsigned)in->cur;
		if (rec->n != 0)
			return field_count(in, rec, in->cur, err);
		return 1;
	}
}

int
crm_input_read(crm_input *in, crm_record *rec, crm_error *err)
{
	unsigned tag = 0;
	int rc;

	if (in->failed) {
		if (err != NULL)
			*err = in->saved;
		return -1;
	}
	in->begun = true;
	if (in->ahead != NULL && !in->solo)
		rc = crm_ahead_read(in->ahead, rec, &tag, err);
	else
		rc = crm_input_next(in, rec, &tag, err);
	if (rc > 0 && in->framed) {	/* -H: a first record comes split */
		rec->n = in->hdr.n;
		rec->f = NULL;
		rec->len = NULL;
	} else if (rc > 0 && rec->n == 0) {
		crm_csv_fields_split(in->split, in->cfg.delimiter, rec);
		rc = field_count(in, rec, tag, err);
	}
	if (rc < 0)
		return input_fail(in, err);
	if (rc > 0)
		in->last_name = in->name[tag];
	return rc;
}

void
crm_input_keep_ragged(crm_input *in)
{
	in->ragged = true;
}

bool
crm_input_ragged(const crm_input *in, const crm_record *rec, char *why,
		 size_t cap)
{
	if (rec->n == in->hdr.n)
		return false;
	snprintf(why, cap, "expected %zu fields, found %zu", in->hdr.n,
	    rec->n);
	return true;
}

void
crm_input_frame_only(crm_input *in)
{
	in->framed = true;
}

int
crm_input_rewind(crm_input *in, crm_error *err)
{
	if (in->failed) {
		if (err != NULL)
			*err = in->saved;
		return -1;
	}
	if (in->ahead != NULL)
		crm_ahead_stop(in->ahead);
	if (in->r != NULL && in->state[in->cur] == OP_READING) {
		if (crm_csv_drain_spool(in->r, err) < 0)
			return input_fail(in, err);
	}
	close_operand(in);
	if (in->stdin_op != NONE && in->state[in->stdin_op] != OP_SPOOLED &&
	    !in->stdin_seekable && in->stdin_op < in->next) {
		/* read in pass 1 but not kept */
		crm_error_set(err, CRM_EXIT_IO,
		    "cannot read standard input twice");
		return input_fail(in, err);
	}
	in->pending = false;
	in->solo = in->stopped = in->begun = in->framed = false;
	in->limit = in->met = -1;
	in->next = 0;
	in->last_name = in->name[0];
	return 0;
}

const crm_header *
crm_input_header(const crm_input *in)
{
	return &in->hdr;
}

bool
crm_input_text_unchecked(const crm_input *in)
{
	return crm_csv_text_unchecked(&in->cfg);
}

int
crm_input_delimiter(const crm_input *in)
{
	return in->cfg.delimiter != 0 ? in->cfg.delimiter : ',';
}

const char *
crm_input_name(const crm_input *in)
{
	return in->last_name;
}

size_t
crm_input_operands(const crm_input *in)
{
	return in->nops;
}

const crm_record *
crm_input_header_record(const crm_input *in)
{
	if (in->hdr.synthetic)
		return NULL;
	return &in->hrec;
}

void
crm_input_close(crm_input *in)
{
	if (in == NULL)
		return;
	if (in->ahead != NULL) {
		crm_ahead_free(in->ahead);
		crm_csv_fields_free(in->split);
	}
	crm_csv_close(in->r);
	for (size_t i = 0; i < in->nops; i++)
		if (in->spool[i] != NULL)
			fclose(in->spool[i]);
	for (size_t i = 0; i < in->hdr.n; i++)
		free(in->hdr.name[i]);
	free(in->hdr.name);
	free(in->hdr.len);
	free(in->hraw);
	free(in->hf);
	for (size_t i = 0; i < in->nops; i++) {
		free(in->path[i]);
		free(in->name[i]);
	}
	free(in->path);
	free(in->name);
	free(in->state);
	free(in->spool);
	free(in->id);
	free(in->encoding);
	free(in);
}
