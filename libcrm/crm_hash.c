#include "crm_hash.h"

#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"

#define SEED 0x6b706963726d6b74ULL	/* any constant */
#define EMPTY 0

/*
 * slots[i] is 0 (empty) or (hash32 << 32) | (index + 1), where hash32 is
 * the high half of the key's 64-bit hash and its low bits pick the home
 * slot.  The table is at most half full.
 */
struct crm_hash {
	uint64_t *slots;
	size_t mask;		/* table size - 1 */
	size_t n;		/* keys */
	size_t cap;		/* capacity of off/len */
	size_t *off, *len;	/* key i is arena[off[i]..off[i]+len[i]) */
	char *arena;
	size_t used, acap;
};

static inline uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

/*
 * Eight bytes per step, each word multiplied into the state and rotated;
 * the tail is loaded into one zero-padded word; the length goes into the
 * start state; a final avalanche (xor-shift-multiply) spreads every input
 * bit over the whole result.
 */
uint64_t
crm_hash_bytes(const void *key, size_t len, uint64_t seed)
{
	const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k2 = 0xc2b2ae3d27d4eb4fULL;
	const unsigned char *p = key;
	uint64_t h = seed ^ ((uint64_t)len * k1), w;
	size_t n = len;

	while (n >= 16) {
		uint64_t a = load64(p) * k2, b = load64(p + 8) * k1;

		h = rotl(h ^ rotl(a, 31), 27) * k1 + rotl(b, 33);
		p += 16;
		n -= 16;
	}
	if (n >= 8) {
		h = rotl(h ^ rotl(load64(p) * k2, 31), 27) * k1;
		p += 8;
		n -= 8;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, p, n);
		h = rotl(h ^ rotl(w * k2, 31), 27) * k1;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

crm_hash *
crm_hash_new(size_t hint)
{
	crm_hash *h = crm_xcalloc(1, sizeof *h);
	size_t size = 16;

	while (size / 2 < hint && size < ((size_t)1 << 40))
		size *= 2;
	h->slots = crm_xcalloc(size, sizeof *h->slots);
	h->mask = size - 1;
	return h;
}

void
crm_hash_free(crm_hash *h)
{
	if (h == NULL)
		return;
	free(h->slots);
	free(h->off);
	free(h->len);
	free(h->arena);
	free(h);
}

size_t
crm_hash_count(const crm_hash *h)
{
	return h->n;
}

const char *
crm_hash_key(const crm_hash *h, size_t idx, size_t *len)
{
	if (len != NULL)
		*len = h->len[idx];
	return h->arena + h->off[idx];
}

static void
place(uint64_t *slots, size_t mask, uint64_t hash, size_t idx)
{
	size_t pos = (size_t)hash & mask;

	while (slots[pos] != EMPTY)
		pos = (pos + 1) & mask;
	slots[pos] = (hash & 0xffffffff00000000ULL) | (uint64_t)(idx + 1);
}

static void
grow_table(crm_hash *h)
{
	size_t size = (h->mask + 1) * 2;
	uint64_t *slots;

	if (size == 0 || size > SIZE_MAX / sizeof *slots)
		crm_die(CRM_EXIT_IO, "out of memory");
	slots = crm_xcalloc(size, sizeof *slots);
	for (size_t i = 0; i < h->n; i++)
		place(slots, size - 1,
		    crm_hash_bytes(h->arena + h->off[i], h->len[i], SEED), i);
	free(h->slots);
	h->slots = slots;
	h->mask = size - 1;
}

/* Slot of key, or of the empty slot where it belongs. */
static size_t
probe(const crm_hash *h, const void *key, size_t len, uint64_t hash)
{
	uint64_t tag = hash & 0xffffffff00000000ULL;
	size_t pos = (size_t)hash & h->mask;
	uint64_t e;

	while ((e = h->slots[pos]) != EMPTY) {
		if ((e & 0xffffffff00000000ULL) == tag) {
			size_t i = (size_t)(e & 0xffffffffULL) - 1;

			if (h->len[i] == len &&
			    (len == 0 || memcmp(h->arena + h->off[i], key,
			    len) == 0))
				return pos;
		}
		pos = (pos + 1) & h->mask;
	}
	return pos;
}

long
crm_hash_find(const crm_hash *h, const void *key, size_t len)
{
	uint64_t e = h->slots[probe(h, key, len,
	    crm_hash_bytes(key, len, SEED))];

	return e == EMPTY ? -1 : (long)(e & 0xffffffffULL) - 1;
}

size_t
crm_hash_intern(crm_hash *h, const void *key, size_t len, bool *added)
{
	uint64_t hash = crm_hash_bytes(key, len, SEED);
	size_t pos = probe(h, key, len, hash), idx;
	uint64_t e = h->slots[pos];

	if (e != EMPTY) {
		if (added != NULL)
			*added = false;
		return (size_t)(e & 0xffffffffULL) - 1;
	}
	if (h->n >= 0xfffffffeUL)
		crm_die(CRM_EXIT_IO, "out of memory: too many distinct keys");
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->off = crm_xreallocarray(h->off, h->cap, sizeof *h->off);
		h->len = crm_xreallocarray(h->len, h->cap, sizeof *h->len);
	}
	if (len + 1 > h->acap - h->used) {
		size_t need = h->used + len + 1;

		if (need < h->used)
			crm_die(CRM_EXIT_IO, "out of memory");
		if (h->acap < 256)
			h->acap = 256;
		while (h->acap < need)
			h->acap = h->acap * 2 < h->acap ? need : h->acap * 2;
		h->arena = crm_xrealloc(h->arena, h->acap);
	}
	idx = h->n++;
	h->off[idx] = h->used;
	h->len[idx] = len;
	if (len > 0)
		memcpy(h->arena + h->used, key, len);
	h->arena[h->used + len] = '\0';
	h->used += len + 1;
	if (h->n * 2 > h->mask + 1)
		grow_table(h);
	else
		h->slots[pos] = (hash & 0xffffffff00000000ULL) |
		    (uint64_t)(idx + 1);
	if (added != NULL)
		*added = true;
	return idx;
}
