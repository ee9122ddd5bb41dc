#include "crm_fold.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_input.h"
#include "crm_expr.h"
#include "crm_hash.h"
#include "crm_names.h"
#include "crm_utf8.h"

#if defined(__GNUC__)
#define PREFETCH_STATE(p) __builtin_prefetch(p, 1)
#else
#define PREFETCH_STATE(p) ((void)(p))
#endif

struct crm_fold_set {
	crm_fold_ops ops;
	long *keys;
	size_t nkeys;
	crm_hash *groups;
	char *st;		/* state i at st + i * ops.size */
	size_t cap;		/* states room, one spare for a new group */
	void *scratch;		/* this set's, for add */
	void *total;		/* merged on demand */
	size_t *order;
	crm_fold_keybuf kb;
	/* Key cells must be valid UTF-8 (crm_fold_set_check_text); the
	 * columns' names, for messages.  NULL: not checked. */
	const crm_header *check_text;
};

/* ------------------------------------------------------------------ */
/* Keys */

const char *
crm_fold_key_make(crm_fold_keybuf *buf, const char *const *f,
		  const size_t *len, const long *cols, size_t n, size_t *klen)
{
	size_t need = 0, at = 0;

	if (n == 0) {
		*klen = 0;
		return "";
	}
	if (n == 1) {
		*klen = len[cols ? cols[0] : 0];
		return f[cols ? cols[0] : 0];
	}
	for (size_t i = 0; i < n; i++)
		need += 4 + len[cols ? cols[i] : (long)i];
	if (need > buf->cap || buf->s == NULL) {
		buf->cap = need * 2;
		buf->s = crm_xrealloc(buf->s, buf->cap);
	}
	for (size_t i = 0; i < n; i++) {
		size_t c = cols ? (size_t)cols[i] : i;
		uint32_t l = (uint32_t)len[c];

		memcpy(buf->s + at, &l, 4);
		if (l > 0)
			memcpy(buf->s + at + 4, f[c], l);
		at += 4 + l;
	}
	*klen = at;
	return buf->s;
}

/* Cell i of a key of ncols cells made by crm_fold_key_make. */
static const char *
key_cell(const char *key, size_t len, size_t ncols, size_t i, size_t *clen)
{
	uint32_t l;

	if (ncols == 1) {
		*clen = len;
		return key;
	}
	for (;;) {
		memcpy(&l, key, 4);
		if (i-- == 0)
			break;
		key += 4 + l;
	}
	*clen = l;
	return key + 4;
}

const char *
crm_fold_set_key(const crm_fold_set *s, size_t i, size_t *len)
{
	return crm_hash_key(s->groups, i, len);
}

const char *
crm_fold_set_cell(const crm_fold_set *s, size_t i, size_t c, size_t *len)
{
	size_t klen;
	const char *key = crm_hash_key(s->groups, i, &klen);

	return key_cell(key, klen, s->nkeys, c, len);
}

/* ------------------------------------------------------------------ */
/* The set */

/* Room for state i; returns it, not initialised. */
static void *
slot(crm_fold_set *s, size_t i)
{
	if (i >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->st = crm_xreallocarray(s->st, s->cap, s->ops.size);
	}
	return s->st + i * s->ops.size;
}

static void
free_state(crm_fold_set *s, void *state)
{
	if (s->ops.free != NULL)
		s->ops.free(s->ops.ctx, state);
}

/* A new group of key, with an empty state; its index. */
static size_t
new_group(crm_fold_set *s, const char *key, size_t klen)
{
	size_t i = crm_hash_count(s->groups);

	s->ops.init(s->ops.ctx, slot(s, i));
	crm_hash_intern(s->groups, key, klen, NULL);
	return i;
}

crm_fold_set *
crm_fold_set_new(const crm_fold_ops *ops, const long *keys, size_t nkeys)
{
	crm_fold_set *s = crm_xcalloc(1, sizeof *s);

	s->ops = *ops;
	s->nkeys = nkeys;
	s->keys = crm_xcalloc(nkeys ? nkeys : 1, sizeof *s->keys);
	if (nkeys > 0)
		memcpy(s->keys, keys, nkeys * sizeof *keys);
	s->scratch = crm_xcalloc(1, ops->scratch ? ops->scratch : 1);
	s->groups = crm_hash_new(nkeys ? 64 : 1);
	if (nkeys == 0)
		new_group(s, "", 0);
	return s;
}

crm_fold_set *
crm_fold_set_new_like(const crm_fold_set *s)
{
	crm_fold_set *t = crm_fold_set_new(&s->ops, s->keys, s->nkeys);

	t->check_text = s->check_text;
	return t;
}

void
crm_fold_set_check_text(crm_fold_set *s, const crm_header *h)
{
	s->check_text = h;
}

/* With check_text: -1 and why when a key cell of rec is not UTF-8. */
static int
check_key(const crm_fold_set *s, const crm_record *rec, char *why,
	  size_t cap)
{
	char msg[128];

	for (size_t i = 0; i < s->nkeys; i++) {
		size_t c = (size_t)s->keys[i];

		if (crm_utf8_explain(rec->f[c], rec->len[c], NULL, msg,
		    sizeof msg) < 0) {
			snprintf(why, cap, "column '%s': %s",
			    s->check_text->name[c], msg);
			return -1;
		}
	}
	return 0;
}

static void
drop_states(crm_fold_set *s)
{
	size_t n = crm_hash_count(s->groups);

	for (size_t i = 0; i < n; i++)
		free_state(s, s->st + i * s->ops.size);
	crm_hash_free(s->groups);
	s->groups = crm_hash_new(1);
}

void
crm_fold_set_free(crm_fold_set *s)
{
	if (s == NULL)
		return;
	drop_states(s);
	if (s->total != NULL)
		free_state(s, s->total);
	crm_hash_free(s->groups);
	free(s->total);
	free(s->st);
	free(s->keys);
	free(s->scratch);
	free(s->order);
	free(s->kb.s);
	free(s);
}

/* Account rec with scratch: into its group's state, or a new group's
 * that exists only if add accepts the record. */
static int
add_record(crm_fold_set *s, void *scratch, const crm_record *rec,
	   char *why, size_t cap)
{
	const crm_fold_ops *o = &s->ops;
	size_t klen, n;
	const char *key;
	long i;
	void *st;

	if (s->nkeys == 0)
		return o->add(o->ctx, scratch, s->st, rec, why, cap);
	key = crm_fold_key_make(&s->kb, rec->f, rec->len, s->keys, s->nkeys,
	    &klen);
	if ((i = crm_hash_find(s->groups, key, klen)) >= 0)
		return o->add(o->ctx, scratch, s->st + (size_t)i * o->size,
		    rec, why, cap);
	/* a key seen before was checked then */
	if (s->check_text != NULL && check_key(s, rec, why, cap) < 0)
		return -1;
	n = crm_hash_count(s->groups);
	st = slot(s, n);
	o->init(o->ctx, st);
	if (o->add(o->ctx, scratch, st, rec, why, cap) < 0) {
		free_state(s, st);
		return -1;
	}
	crm_hash_intern(s->groups, key, klen, NULL);
	return 0;
}

int
crm_fold_set_add(crm_fold_set *s, const crm_record *rec, char *why,
		 size_t cap)
{
	return add_record(s, s->scratch, rec, why, cap);
}

size_t
crm_fold_set_absorb(crm_fold_set *s, const char *key, size_t len,
		    void *state)
{
	long i = crm_hash_find(s->groups, key, len);
	size_t g = i >= 0 ? (size_t)i : new_group(s, key, len);

	s->ops.merge(s->ops.ctx, s->st + g * s->ops.size, state);
	free_state(s, state);
	return g;
}

void
crm_fold_set_merge(crm_fold_set *s, crm_fold_set *from)
{
	size_t n = crm_hash_count(from->groups);

	for (size_t i = 0; i < n; i++) {
		size_t klen;
		const char *key = crm_hash_key(from->groups, i, &klen);

		crm_fold_set_absorb(s, key, klen,
		    from->st + i * from->ops.size);
	}
	crm_hash_free(from->groups);	/* the states went with absorb */
	from->groups = crm_hash_new(1);
}

size_t
crm_fold_set_count(const crm_fold_set *s)
{
	return crm_hash_count(s->groups);
}

void *
crm_fold_set_state(crm_fold_set *s, size_t i)
{
	return s->st + i * s->ops.size;
}

void *
crm_fold_set_total(crm_fold_set *s)
{
	size_t n = crm_hash_count(s->groups);

	if (s->total != NULL)
		return s->total;
	s->total = crm_xmalloc(s->ops.size);
	s->ops.init(s->ops.ctx, s->total);
	for (size_t i = 0; i < n; i++)
		s->ops.merge(s->ops.ctx, s->total, s->st + i * s->ops.size);
	return s->total;
}

void
crm_fold_set_compact(crm_fold_set *s)
{
	crm_hash_compact(s->groups);
}

/* ------------------------------------------------------------------ */
/* Order */

static int
cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	if (c != 0 || al == bl)
		return c;
	return al < bl ? -1 : 1;
}

static int
cmp_keys(void *ctx, crm_fold_set *s, size_t a, size_t b)
{
	(void)ctx;
	for (size_t i = 0; i < s->nkeys; i++) {
		size_t al, bl;
		const char *ca = crm_fold_set_cell(s, a, i, &al);
		const char *cb = crm_fold_set_cell(s, b, i, &bl);
		int c = cmp_bytes(ca, al, cb, bl);

		if (c != 0)
			return c;
	}
	return 0;
}

/* Stable merge sort of v[0..n) by cmp, through tmp[0..n). */
static void
sort_stable(size_t *v, size_t *tmp, size_t n, crm_fold_cmp_fn cmp,
	    void *ctx, crm_fold_set *s)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	sort_stable(v, tmp, h, cmp, ctx, s);
	sort_stable(v + h, tmp, n - h, cmp, ctx, s);
	while (i < h && j < n)
		tmp[k++] = cmp(ctx, s, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof *v);
}

const size_t *
crm_fold_set_order(crm_fold_set *s, crm_fold_order_kind kind,
		   crm_fold_cmp_fn cmp, void *ctx)
{
	size_t n = crm_hash_count(s->groups);

	s->order = crm_xreallocarray(s->order, n ? n : 1, sizeof *s->order);
	for (size_t i = 0; i < n; i++)
		s->order[i] = i;
	if (kind == CRM_FOLD_BY_KEY && s->nkeys > 0)
		cmp = cmp_keys;
	else if (kind != CRM_FOLD_BY_COMPARE)
		cmp = NULL;
	if (cmp != NULL && n > 1) {
		size_t *tmp = crm_xcalloc(n, sizeof *tmp);

		sort_stable(s->order, tmp, n, cmp, ctx, s);
		free(tmp);
	}
	return s->order;
}

/* ------------------------------------------------------------------ */
/* Two threads */

/* The second half, read by its own thread into its own set. */
struct half {
	crm_input_half half;
	crm_fold_set *s;
	unsigned long rows;
};

static void *
read_half(void *arg)
{
	struct half *h = arg;
	crm_record rec;
	crm_error err;
	char why[256];
	int rc;

	while ((rc = crm_input_read(h->half.in, &rec, &err)) > 0) {
		h->rows++;
		if (crm_input_ragged(h->half.in, &rec, why, sizeof why) ||
		    crm_fold_set_add(h->s, &rec, why, sizeof why) < 0)
			return NULL;
	}
	h->half.ok = rc == 0;
	return NULL;
}

/* Account what in gives until it ends; the result of the last read. */
static int
account(crm_fold_set *s, crm_input *in, crm_fold_invalid_fn invalid,
	void *ctx, unsigned long *rows, crm_error *err)
{
	crm_record rec;
	char why[CRM_ERR_MAX];
	int rc;

	while ((rc = crm_input_read(in, &rec, err)) > 0) {
		(*rows)++;
		if (crm_input_ragged(in, &rec, why, sizeof why) ||
		    crm_fold_set_add(s, &rec, why, sizeof why) < 0)
			invalid(ctx, &rec, why);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* One set, keys fetched ahead */

/*
 * A large one_set fold spends its time waiting for memory: the key's
 * slot, its offset and text, the group's state, each a cache miss with
 * groups spread over the input.  Records are therefore copied into a
 * ring and accounted RING - 1 records after they were read; meanwhile
 * the hash of each key is computed and its slot fetched, a few records
 * later its offset and state, then its text.  Records, invalid records
 * and their order are as one pass gives them; only when they come from
 * one operand (messages name the operand of the last record read).
 */
#define RING 16
#define AT_INDEX 5		/* age: slot read, offset and state fetched */
#define AT_KEY 10		/* age: key text fetched, ops.prefetch */

struct held {
	crm_record rec;
	char *buf;		/* raw bytes, then field bytes */
	size_t cap;
	const char **f;
	size_t *len, fcap;
	uint64_t hash;
	long idx;
};

/* Copy rec into e, fields and raw bytes. */
static void
hold(struct held *e, const crm_record *rec)
{
	size_t need = rec->rawlen, at;

	for (size_t i = 0; i < rec->n; i++)
		need += rec->len[i];
	if (need > e->cap || e->buf == NULL) {
		e->cap = need > 64 ? need * 2 : 128;
		e->buf = crm_xrealloc(e->buf, e->cap);
	}
	if (rec->n > e->fcap) {
		e->fcap = rec->n * 2;
		e->f = crm_xreallocarray(e->f, e->fcap, sizeof *e->f);
		e->len = crm_xreallocarray(e->len, e->fcap, sizeof *e->len);
	}
	if (rec->rawlen > 0)
		memcpy(e->buf, rec->raw, rec->rawlen);
	at = rec->rawlen;
	for (size_t i = 0; i < rec->n; i++) {
		if (rec->len[i] > 0)
			memcpy(e->buf + at, rec->f[i], rec->len[i]);
		e->f[i] = e->buf + at;
		e->len[i] = rec->len[i];
		at += rec->len[i];
	}
	e->rec = *rec;
	e->rec.raw = e->buf;
	e->rec.f = e->f;
	e->rec.len = e->len;
}

static const char *
held_key(const crm_fold_set *s, const struct held *e, size_t *klen)
{
	long k = s->keys[0];

	if (k < 0 || (size_t)k >= e->rec.n) {
		*klen = 0;
		return "";
	}
	*klen = e->len[k];
	return e->f[k];
}

/* The fetches of the record of age age in the ring. */
static void
fetch(crm_fold_set *s, struct held *e, unsigned age)
{
	size_t klen;
	const char *key;

	if (age == 0) {
		key = held_key(s, e, &klen);
		e->hash = crm_hash_of(key, klen);
		crm_hash_prefetch_slot(s->groups, e->hash);
	} else if (age == AT_INDEX) {
		e->idx = crm_hash_prefetch_index(s->groups, e->hash);
		if (e->idx >= 0 && (size_t)e->idx < s->cap)
			PREFETCH_STATE(s->st + (size_t)e->idx * s->ops.size);
	} else if (age == AT_KEY && e->idx >= 0) {
		crm_hash_prefetch_key(s->groups, (size_t)e->idx);
		if (s->ops.prefetch != NULL && (size_t)e->idx <
		    crm_hash_count(s->groups))
			s->ops.prefetch(s->ops.ctx,
			    s->st + (size_t)e->idx * s->ops.size);
	}
}

/* Account held record e (ragged records and those add refuses go to
 * invalid), as add_record with the hash computed. */
static void
apply(crm_fold_set *s, crm_input *in, struct held *e,
      crm_fold_invalid_fn invalid, void *ctx)
{
	const crm_fold_ops *o = &s->ops;
	char why[CRM_ERR_MAX];
	size_t klen;
	const char *key;
	long i;

	if (crm_input_ragged(in, &e->rec, why, sizeof why)) {
		invalid(ctx, &e->rec, why);
		return;
	}
	key = held_key(s, e, &klen);
	if ((i = crm_hash_find_hashed(s->groups, key, klen, e->hash)) >= 0) {
		if (o->add(o->ctx, s->scratch, s->st + (size_t)i * o->size,
		    &e->rec, why, sizeof why) < 0)
			invalid(ctx, &e->rec, why);
		return;
	}
	if (crm_fold_set_add(s, &e->rec, why, sizeof why) < 0)
		invalid(ctx, &e->rec, why);
}

/* account() through the ring; the result of the last read. */
static int
account_ahead(crm_fold_set *s, crm_input *in, crm_fold_invalid_fn invalid,
	      void *ctx, unsigned long *rows, crm_error *err)
{
	struct held ring[RING];
	crm_record rec;
	size_t head = 0, n = 0;	/* records read, held */
	int rc;

	memset(ring, 0, sizeof ring);
	while ((rc = crm_input_read(in, &rec, err)) > 0) {
		(*rows)++;
		hold(&ring[head % RING], &rec);
		head++;
		n++;
		fetch(s, &ring[(head - 1) % RING], 0);
		if (n > AT_INDEX)
			fetch(s, &ring[(head - 1 - AT_INDEX) % RING], AT_INDEX);
		if (n > AT_KEY)
			fetch(s, &ring[(head - 1 - AT_KEY) % RING], AT_KEY);
		if (n == RING) {
			apply(s, in, &ring[(head - n) % RING], invalid, ctx);
			n--;
		}
	}
	/* the end, or a read error: the records before it first */
	for (; n > 0; n--)
		apply(s, in, &ring[(head - n) % RING], invalid, ctx);
	for (size_t i = 0; i < RING; i++) {
		free(ring[i].buf);
		free(ring[i].f);
		free(ring[i].len);
	}
	return rc;
}

int
crm_fold_set_read(crm_fold_set *s, crm_input *in, crm_fold_invalid_fn invalid,
		  void *ctx, unsigned long *rows, crm_error *err)
{
	struct half h = { .s = NULL };
	bool split = false;
	int rc;

	if (s->ops.halves_exact && !s->ops.one_set) {
		h.s = crm_fold_set_new_like(s);
		split = crm_input_half_start(&h.half, in, read_half, &h);
	}
	if (s->ops.one_set && s->nkeys == 1 &&
	    crm_input_operands(in) == 1)
		rc = account_ahead(s, in, invalid, ctx, rows, err);
	else
		rc = account(s, in, invalid, ctx, rows, err);
	if (split && crm_input_half_join(&h.half, in, rc == 0)) {
		crm_fold_set_merge(s, h.s);
		*rows += h.rows;
	} else if (split && rc == 0) {
		/* read the second half here, reporting what it met */
		rc = account(s, in, invalid, ctx, rows, err);
	}
	crm_fold_set_free(h.s);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* The tool loop */

struct crm_fold {
	const crm_tool *tool;
	crm_common *c;
	crm_input *in;		/* NULL under --merge */
	const crm_header *h;	/* the header under --merge */
	const crm_partial_id *partial;	/* --partial's, or NULL */
	long *keys;
	size_t nkeys;
	crm_fold_set *set;
	crm_out o;
	bool out_open;
	unsigned long rows;
};

crm_fold *
crm_fold_open(const crm_tool *tool, crm_common *c)
{
	crm_fold *f = crm_xcalloc(1, sizeof *f);
	crm_error err;

	f->tool = tool;
	f->c = c;
	f->in = crm_input_open(c->operands, c->noperands, &c->csv, false, &err);
	if (f->in == NULL)
		crm_die_error(&err);
	crm_common_settle_decimal(c, crm_input_delimiter(f->in));
	if (c->invalid == CRM_INVALID_SKIP)
		crm_input_keep_ragged(f->in);
	return f;
}

const crm_header *
crm_fold_header(const crm_fold *f)
{
	return f->in != NULL ? crm_input_header(f->in) : f->h;
}

const crm_input *
crm_fold_input(const crm_fold *f)
{
	return f->in;
}

static void
add_key(crm_fold *f, const char *name, size_t len, const char *option)
{
	crm_error err;
	long c = crm_names_column(crm_fold_header(f), name, len, option,
	    NULL, &err);

	if (c < 0)
		crm_die_error(&err);
	for (size_t i = 0; i < f->nkeys; i++)
		if (f->keys[i] == c)
			crm_usage_error(f->tool, "%s: column '%.*s' given "
			    "twice", option, (int)len, name);
	f->keys = crm_xreallocarray(f->keys, f->nkeys + 1, sizeof *f->keys);
	f->keys[f->nkeys++] = c;
}

void
crm_fold_keys(crm_fold *f, const char *list, const char *option,
	      bool single)
{
	if (list == NULL)
		return;
	if (single) {
		add_key(f, list, strlen(list), option);
		return;
	}
	for (const char *p = list;; p++) {
		size_t len = strcspn(p, ",");

		add_key(f, p, len, option);
		if (p[len] == '\0')
			break;
		p += len;
	}
}

const long *
crm_fold_key_columns(const crm_fold *f, size_t *n)
{
	*n = f->nkeys;
	return f->keys;
}

/* Under --partial, leave the failed line of crm_partial in the output
 * (which the caller then discards, a stream keeping it). */
static void
partial_failed(crm_fold *f, const char *message)
{
	crm_partial_line l = { NULL, 0, 0, false };

	if (f->partial == NULL)
		return;
	crm_partial_failed(&l, f->partial->tool, message);
	(void)crm_writer_bytes(f->o.w, l.s, l.len);
	crm_partial_free(&l);
}

/* --invalid fail or skip for a record the tool's add refused. */
static void
invalid_row(void *ctx, const crm_record *rec, const char *why)
{
	crm_fold *f = ctx;
	char msg[CRM_ERR_MAX + 64];

	if (f->partial != NULL && f->c->invalid == CRM_INVALID_FAIL) {
		snprintf(msg, sizeof msg, "%s:%lu: %s", crm_input_name(f->in),
		    rec->line, why);
		partial_failed(f, msg);
	}
	crm_out_invalid(&f->o, crm_input_name(f->in), rec, why);
}

bool
crm_fold_empty(crm_fold *f)
{
	if (crm_input_header(f->in)->n > 0)
		return false;
	if (f->c->verbose)
		crm_warn("the input is empty");
	crm_out_open(&f->o, f->c, crm_input_delimiter(f->in));
	f->out_open = true;
	return true;
}

void
crm_fold_read(crm_fold *f, const crm_fold_ops *ops)
{
	crm_error err;

	crm_out_open(&f->o, f->c, crm_input_delimiter(f->in));
	f->out_open = true;
	if (!f->c->csv.no_header)
		crm_out_rejects_header(&f->o, crm_input_header_record(f->in));
	f->set = crm_fold_set_new(ops, f->keys, f->nkeys);
	if (crm_input_text_unchecked(f->in))
		crm_fold_set_check_text(f->set, crm_input_header(f->in));
	if (crm_fold_set_read(f->set, f->in, invalid_row, f, &f->rows,
	    &err) < 0) {
		partial_failed(f, err.msg);
		crm_out_abort(&f->o);
		crm_die_error(&err);
	}
}

/* ------------------------------------------------------------------ */
/* Partials */

void
crm_fold_partial_mode(crm_fold *f, const crm_partial_id *id)
{
	f->partial = id;
}

static void
write_line(crm_fold *f, const crm_partial_line *l)
{
	crm_fold_check(f, crm_writer_bytes(f->o.w, l->s, l->len));
}

void
crm_fold_write_partial(crm_fold *f)
{
	crm_partial_line l = { NULL, 0, 0, false };
	const crm_fold_ops *o = &f->set->ops;
	int delim = crm_input_delimiter(f->in);
	size_t n = crm_fold_set_count(f->set), len;
	const char *cell;

	crm_partial_meta(&l, f->partial, delim);
	write_line(f, &l);
	for (size_t i = 0; i < n; i++) {	/* first-seen order */
		crm_partial_reset(&l);
		for (size_t c = 0; c < f->nkeys; c++) {
			cell = crm_fold_set_cell(f->set, i, c, &len);
			crm_partial_put_text(&l, cell, len);
		}
		crm_partial_tag(&l, f->partial, delim);
		o->save(o->ctx, crm_fold_set_state(f->set, i), &l);
		crm_partial_end(&l);
		write_line(f, &l);
	}
	crm_partial_free(&l);
}

crm_fold *
crm_fold_open_merge(const crm_tool *tool, crm_common *c, const crm_header *h)
{
	crm_fold *f = crm_xcalloc(1, sizeof *f);

	f->tool = tool;
	f->c = c;
	f->h = h;
	return f;
}

static void
header_add(crm_header *h, const char *name, size_t len, unsigned long *max)
{
	char *end;
	unsigned long num = strtoul(name, &end, 10);

	if (len > 0 && end == name + len && num > *max)
		*max = num;
	for (size_t i = 0; i < h->n; i++)
		if (h->len[i] == len && memcmp(h->name[i], name, len) == 0)
			return;
	h->name = crm_xreallocarray(h->name, h->n + 1, sizeof *h->name);
	h->len = crm_xreallocarray(h->len, h->n + 1, sizeof *h->len);
	h->name[h->n] = crm_xmemdup(name, len);
	h->len[h->n++] = len;
}

struct refs {
	crm_header *h;
	unsigned long max;
};

/* crm_expr_column_map: note a column reference. */
static const char *
note_ref(const char *name, size_t len, void *ctx)
{
	struct refs *r = ctx;

	header_add(r->h, name, len, &r->max);
	return NULL;
}

crm_header *
crm_fold_header_new(const char *const *names, size_t n,
		    const char *const *exprs, size_t nexprs, bool numbered)
{
	struct refs r = { crm_xcalloc(1, sizeof(crm_header)), 0 };
	char num[24];

	for (size_t i = 0; i < n; i++)
		header_add(r.h, names[i], strlen(names[i]), &r.max);
	for (size_t i = 0; i < nexprs; i++)
		free(crm_expr_map_columns(exprs[i], note_ref, &r));
	if (!numbered)
		return r.h;
	/* -H: the columns are 1 .. the largest number named */
	crm_fold_header_free(r.h);
	r.h = crm_xcalloc(1, sizeof(crm_header));
	r.h->synthetic = true;
	r.h->n = r.max;
	r.h->name = crm_xcalloc(r.max + 1, sizeof *r.h->name);
	r.h->len = crm_xcalloc(r.max + 1, sizeof *r.h->len);
	for (size_t i = 0; i < r.max; i++) {
		r.h->len[i] = (size_t)snprintf(num, sizeof num, "%zu", i + 1);
		r.h->name[i] = crm_xstrdup(num);
	}
	return r.h;
}

void
crm_fold_header_free(crm_header *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
	free(h->len);
	free(h);
}

/* End the merge with a damaged record. */
static _Noreturn void
damaged(crm_partial_reader *p, const crm_partial_record *r, const char *what)
{
	crm_error err;

	crm_error_at(&err, CRM_EXIT_DATA, r->file, r->line, "damaged "
	    "partial: %s", what);
	crm_partial_close(p);
	crm_die_error(&err);
}

void
crm_fold_read_partials(crm_fold *f, const crm_fold_ops *ops,
		       const crm_partial_id *id)
{
	crm_fold_keybuf kb = { NULL, 0 };
	crm_partial_record r;
	crm_partial_reader *p;
	void *st = crm_xmalloc(ops->size);
	const char *key, *bad;
	size_t klen;
	crm_error err;
	int rc;

	if ((p = crm_partial_open(f->c->operands, f->c->noperands, id,
	    &err)) == NULL)
		crm_die_error(&err);
	f->set = crm_fold_set_new(ops, f->keys, f->nkeys);
	while ((rc = crm_partial_read(p, &r, &err)) > 0) {
		f->rows++;
		if (r.nkeys != f->nkeys)
			damaged(p, &r, "wrong number of key cells");
		ops->init(ops->ctx, st);
		bad = ops->load(ops->ctx, st, &r) < 0 ? "its state does not "
		    "read back" : r.at != r.n ? "fields after its state" : NULL;
		if (bad != NULL) {
			if (ops->free != NULL)
				ops->free(ops->ctx, st);
			damaged(p, &r, bad);
		}
		key = crm_fold_key_make(&kb, (const char *const *)r.f, r.len,
		    NULL, f->nkeys, &klen);
		crm_fold_set_absorb(f->set, key, klen, st);
	}
	if (rc < 0) {
		crm_partial_close(p);
		crm_die_error(&err);
	}
	crm_out_open(&f->o, f->c, crm_partial_delimiter(p) ?
	    crm_partial_delimiter(p) : ',');
	f->out_open = true;
	crm_partial_close(p);
	free(st);
	free(kb.s);
}

crm_fold_set *
crm_fold_groups(crm_fold *f)
{
	return f->set;
}

size_t
crm_fold_count(const crm_fold *f)
{
	return crm_fold_set_count(f->set);
}

const size_t *
crm_fold_order(crm_fold *f, crm_fold_order_kind kind, crm_fold_cmp_fn cmp,
	       void *ctx)
{
	return crm_fold_set_order(f->set, kind, cmp, ctx);
}

crm_writer *
crm_fold_writer(crm_fold *f)
{
	return f->o.w;
}

void
crm_fold_check(crm_fold *f, int rc)
{
	crm_out_check(&f->o, rc);
}

unsigned long
crm_fold_rows(const crm_fold *f)
{
	return f->rows;
}

unsigned long
crm_fold_skipped(const crm_fold *f)
{
	return f->o.skipped;
}

int
crm_fold_close(crm_fold *f, const char *extra)
{
	size_t ng = f->set != NULL ? crm_fold_set_count(f->set) : 0;

	if (f->out_open) {
		crm_out_report(&f->o);
		if (f->c->verbose && f->in == NULL)
			crm_warn("%lu partial record%s merged, %zu group%s%s%s",
			    f->rows, f->rows == 1 ? "" : "s", ng,
			    ng == 1 ? "" : "s", extra ? ", " : "",
			    extra ? extra : "");
		else if (f->c->verbose)
			crm_warn("%lu rows read, %lu aggregated, %zu group%s%s%s",
			    f->rows, f->rows - f->o.skipped, ng,
			    ng == 1 ? "" : "s", extra ? ", " : "",
			    extra ? extra : "");
		crm_out_close(&f->o);
	}
	crm_fold_set_free(f->set);
	crm_input_close(f->in);
	free(f->keys);
	free(f);
	return CRM_EXIT_OK;
}
