#include "crm_ahead.h"
#include "crm_thread.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where one record lives in its batch. */
struct slot {
	size_t f0;		/* its first field in f[] and len[] */
	size_t n;
	const char *raw;
	size_t rawlen;
	unsigned long line;
	unsigned tag;
};

struct batch {
	/* Record bytes; never reallocated while the batch is filled, so
	 * that field pointers into it stay valid.  A record that does not
	 * fit gets a block of its own in big[]. */
	char *buf;
	size_t used;
	char **big;
	size_t nbig, bigcap;

	const char **f;
	size_t *len;
	size_t nf, fcap;

	struct slot *s;
	size_t ns, scap;

	int end;		/* after these records: 0 more follow, 1 the
				 * source's end, -1 its error err */
	crm_error err;
	bool full;		/* the caller's until it frees it (under mu) */
};

struct crm_ahead {
	crm_ahead_source src;
	void *ctx;

	pthread_t thread;
	bool running;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	bool stop;		/* under mu */
	bool waited;		/* the worker's own: it waited for the last
				 * batch it fills */

	struct batch b[CRM_AHEAD_BATCHES];
	size_t wi;		/* the batch the worker fills next */

	/* The caller's side, off the worker's cache lines (see crm_input) */
	char pad[64];
	size_t ri;		/* the batch it reads */
	size_t rpos;		/* its next record */
	bool holding;		/* b[ri] is full and being read */
	bool done;		/* the end (final 0 or -1) was returned */
	int final;
	crm_error err;
};

bool
crm_ahead_wanted(void)
{
	const char *t = getenv("CRMKIT_THREADS");

	return t == NULL || strcmp(t, "1") != 0;
}

crm_ahead *
crm_ahead_new(crm_ahead_source src, void *ctx)
{
	crm_ahead *a = crm_xcalloc(1, sizeof *a);

	a->src = src;
	a->ctx = ctx;
	if (pthread_mutex_init(&a->mu, NULL) != 0 ||
	    pthread_cond_init(&a->filled, NULL) != 0 ||
	    pthread_cond_init(&a->freed, NULL) != 0)
		crm_die(CRM_EXIT_IO, "cannot set up a reader thread");
	for (size_t i = 0; i < CRM_AHEAD_BATCHES; i++) {
		/* zeroed: a scan past the last record reads defined bytes */
		a->b[i].buf = crm_xcalloc(1, CRM_AHEAD_BYTES +
		    CRM_AHEAD_SLACK);
		a->b[i].fcap = 1024;
		a->b[i].f = crm_xreallocarray(NULL, 1024, sizeof(char *));
		a->b[i].len = crm_xreallocarray(NULL, 1024, sizeof(size_t));
		a->b[i].scap = 256;
		a->b[i].s = crm_xreallocarray(NULL, 256, sizeof(struct slot));
	}
	return a;
}

static void
batch_reset(struct batch *b)
{
	for (size_t i = 0; i < b->nbig; i++)
		free(b->big[i]);
	b->nbig = 0;
	b->used = 0;
	b->nf = 0;
	b->ns = 0;
	b->end = 0;
}

/* Room for n bytes of one record: in buf, or a block of its own. */
static char *
batch_room(struct batch *b, size_t n)
{
	char *p;

	if (n <= CRM_AHEAD_BYTES - b->used)
		return b->buf + b->used;
	if (b->nbig == b->bigcap) {
		b->bigcap = b->bigcap == 0 ? 4 : 2 * b->bigcap;
		b->big = crm_xreallocarray(b->big, b->bigcap, sizeof *b->big);
	}
	p = crm_xcalloc(1, n + CRM_AHEAD_SLACK);
	b->big[b->nbig++] = p;
	return p;
}

/*
 * Copy rec into b.  Fields that lie inside the record's raw bytes (every
 * field of an unquoted record) are found again at the same offset in the
 * copy; the others (unquoted values of a quoted record) are copied after
 * it.
 */
static void
batch_add(struct batch *b, const crm_record *rec, unsigned tag)
{
	const uintptr_t raw = (uintptr_t)rec->raw;
	size_t need = rec->rawlen, extra = 0;
	const char **f;
	char *dst, *p;
	uintptr_t delta;

	for (size_t i = 0; i < rec->n; i++)
		extra += rec->len[i];
	need += extra;
	dst = batch_room(b, need);
	if (rec->rawlen > 0)
		memcpy(dst, rec->raw, rec->rawlen);
	while (b->fcap - b->nf < rec->n) {
		b->fcap *= 2;
		b->f = crm_xreallocarray(b->f, b->fcap, sizeof *b->f);
		b->len = crm_xreallocarray(b->len, b->fcap, sizeof *b->len);
	}
	if (b->ns == b->scap) {
		b->scap *= 2;
		b->s = crm_xreallocarray(b->s, b->scap, sizeof *b->s);
	}
	f = b->f + b->nf;
	p = dst + rec->rawlen;
	delta = (uintptr_t)dst - raw;
	for (size_t i = 0; i < rec->n; i++) {
		uintptr_t at = (uintptr_t)rec->f[i];

		if (at - raw <= rec->rawlen &&
		    rec->len[i] <= rec->rawlen - (at - raw)) {
			f[i] = (const char *)(at + delta);
		} else {
			if (rec->len[i] > 0)
				memcpy(p, rec->f[i], rec->len[i]);
			f[i] = p;
			p += rec->len[i];
		}
	}
	if (rec->n > 0)
		memcpy(b->len + b->nf, rec->len, rec->n * sizeof *b->len);
	if (dst == b->buf + b->used)
		b->used += (size_t)(p - dst);
	else
		b->used = CRM_AHEAD_BYTES;	/* it had its own block: full */
	b->s[b->ns++] = (struct slot){ b->nf, rec->n, dst, rec->rawlen,
	    rec->line, tag };
	b->nf += rec->n;
}

/* Fill b until it holds CRM_AHEAD_BYTES or the source ends; returns the
 * batch's end. */
static int
batch_fill(crm_ahead *a, struct batch *b)
{
	crm_record rec;
	unsigned tag = 0;
	int rc;

	batch_reset(b);
	while (b->used < CRM_AHEAD_BYTES) {
		rc = a->src(a->ctx, &rec, &tag, &b->err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return 1;
		batch_add(b, &rec, tag);
	}
	return 0;
}

static void *
worker(void *arg)
{
	crm_ahead *a = arg;

	for (;;) {
		struct batch *b = &a->b[a->wi];
		bool stop;
		int end;

		pthread_mutex_lock(&a->mu);
		a->waited = b->full;
		while (b->full && !a->stop)
			pthread_cond_wait(&a->freed, &a->mu);
		stop = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			break;
		end = batch_fill(a, b);
		pthread_mutex_lock(&a->mu);
		b->end = end;
		b->full = true;
		pthread_cond_signal(&a->filled);
		pthread_mutex_unlock(&a->mu);
		if (end != 0)
			break;
		a->wi = (a->wi + 1) % CRM_AHEAD_BATCHES;
	}
	return NULL;
}

static void
start(crm_ahead *a)
{
	int rc = crm_thread_start(&a->thread, worker, a);

	if (rc != 0)
		crm_die(CRM_EXIT_IO, "cannot start a reader thread: %s",
		    strerror(rc));
	a->running = true;
}

static void
join(crm_ahead *a)
{
	if (a->running)
		pthread_join(a->thread, NULL);
	a->running = false;
}

int
crm_ahead_read(crm_ahead *a, crm_record *rec, unsigned *tag, crm_error *err)
{
	struct batch *b;

	if (a->done) {
		if (a->final < 0 && err != NULL)
			*err = a->err;
		return a->final;
	}
	if (!a->running)
		start(a);
	for (;;) {
		b = &a->b[a->ri];
		if (!a->holding) {
			pthread_mutex_lock(&a->mu);
			while (!b->full)
				pthread_cond_wait(&a->filled, &a->mu);
			pthread_mutex_unlock(&a->mu);
			a->holding = true;
			a->rpos = 0;
		}
		if (a->rpos < b->ns) {
			const struct slot *s = &b->s[a->rpos++];

			rec->n = s->n;
			rec->f = b->f + s->f0;
			rec->len = b->len + s->f0;
			rec->raw = s->raw;
			rec->rawlen = s->rawlen;
			rec->line = s->line;
			*tag = s->tag;
			return 1;
		}
		if (b->end != 0) {
			/* the worker has returned: keep this batch, whose
			 * last record the caller may still hold */
			join(a);
			a->done = true;
			a->final = b->end < 0 ? -1 : 0;
			if (a->final < 0) {
				a->err = b->err;
				if (err != NULL)
					*err = a->err;
			}
			return a->final;
		}
		pthread_mutex_lock(&a->mu);
		b->full = false;
		pthread_cond_signal(&a->freed);
		pthread_mutex_unlock(&a->mu);
		a->holding = false;
		a->ri = (a->ri + 1) % CRM_AHEAD_BATCHES;
	}
}

bool
crm_ahead_worker_idle(const crm_ahead *a)
{
	return a->waited;
}

void
crm_ahead_stop(crm_ahead *a)
{
	pthread_mutex_lock(&a->mu);
	a->stop = true;
	pthread_cond_broadcast(&a->freed);
	pthread_mutex_unlock(&a->mu);
	join(a);
	a->stop = false;
	a->waited = false;
	for (size_t i = 0; i < CRM_AHEAD_BATCHES; i++) {
		batch_reset(&a->b[i]);
		a->b[i].full = false;
	}
	a->wi = a->ri = a->rpos = 0;
	a->holding = a->done = false;
	a->final = 0;
}

void
crm_ahead_free(crm_ahead *a)
{
	if (a == NULL)
		return;
	crm_ahead_stop(a);
	for (size_t i = 0; i < CRM_AHEAD_BATCHES; i++) {
		free(a->b[i].buf);
		free(a->b[i].big);
		free(a->b[i].f);
		free(a->b[i].len);
		free(a->b[i].s);
	}
	pthread_cond_destroy(&a->filled);
	pthread_cond_destroy(&a->freed);
	pthread_mutex_destroy(&a->mu);
	free(a);
}
