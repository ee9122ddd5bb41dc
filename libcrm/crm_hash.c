#include "crm_hash.h"

#include <stdlib.h>
#include <string.h>

#include "crm_diag.h"

#define SEED 0x6b706963726d6b74ULL	/* any constant */
#define EMPTY 0
#define TAG 0xffffffff00000000ULL
/* The most slots: a home slot is the low 32 bits of the hash scaled to
 * the table size, which must fit in 32 bits. */
#define MAX_SLOTS ((size_t)0xffffffffUL)

/*
 * slots[i] is 0 (empty) or (hash32 << 32) | (index + 1), where hash32 is
 * the high half of the key's 64-bit hash; the low half, scaled to the
 * table size, picks the home slot, so that the size need not be a power
 * of two.  The table is at most three quarters full and grows by half:
 * 8-byte slots cost 11 to 16 bytes a key.  Keys are stored one after the
 * other in the arena, each followed by a NUL; off[i] is where key i
 * starts and off[n] where the next one will, so that key i is
 * off[i+1] - off[i] - 1 bytes long and a key costs 8 bytes of offset
 * beside its text.
 */
struct crm_hash {
	uint64_t *slots;
	size_t size;		/* slots */
	size_t n;		/* keys */
	size_t cap;		/* capacity of off, n + 1 used */
	size_t *off;
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

	while (size / 4 * 3 < hint && size < MAX_SLOTS / 2)
		size *= 2;
	h->slots = crm_xcalloc(size, sizeof *h->slots);
	h->size = size;
	h->cap = 16;
	h->off = crm_xreallocarray(NULL, h->cap, sizeof *h->off);
	h->off[0] = 0;
	return h;
}

void
crm_hash_free(crm_hash *h)
{
	if (h == NULL)
		return;
	free(h->slots);
	free(h->off);
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
		*len = h->off[idx + 1] - h->off[idx] - 1;
	return h->arena + h->off[idx];
}

/* The home slot of hash in a table of size slots. */
static inline size_t
home(uint64_t hash, size_t size)
{
	return (size_t)(((hash & 0xffffffffULL) * (uint64_t)size) >> 32);
}

static void
place(uint64_t *slots, size_t size, uint64_t hash, size_t idx)
{
	size_t pos = home(hash, size);

	while (slots[pos] != EMPTY)
		if (++pos == size)
			pos = 0;
	slots[pos] = (hash & TAG) | (uint64_t)(idx + 1);
}

static void
grow_table(crm_hash *h)
{
	size_t size = h->size + h->size / 2;
	uint64_t *slots;

	if (h->size >= MAX_SLOTS)
		crm_die(CRM_EXIT_IO, "out of memory: too many distinct keys");
	if (size > MAX_SLOTS)
		size = MAX_SLOTS;
	/* The old table goes before the new one is touched: rehashing from
	 * the keys needs only the arena, and the peak stays 1.5 tables. */
	free(h->slots);
	slots = crm_xcalloc(size, sizeof *slots);
	for (size_t i = 0; i < h->n; i++)
		place(slots, size, crm_hash_bytes(h->arena + h->off[i],
		    h->off[i + 1] - h->off[i] - 1, SEED), i);
	h->slots = slots;
	h->size = size;
}

/* Slot of key, or of the empty slot where it belongs. */
static size_t
probe(const crm_hash *h, const void *key, size_t len, uint64_t hash)
{
	uint64_t tag = hash & TAG;
	size_t pos = home(hash, h->size);
	uint64_t e;

	while ((e = h->slots[pos]) != EMPTY) {
		if ((e & TAG) == tag) {
			size_t i = (size_t)(e & 0xffffffffULL) - 1;
			const size_t *o = h->off + i;

			if (o[1] - o[0] - 1 == len &&
			    (len == 0 || memcmp(h->arena + o[0], key,
			    len) == 0))
				return pos;
		}
		if (++pos == h->size)
			pos = 0;
	}
	return pos;
}

/* Key by key, for a map without a table (crm_hash_compact). */
static long
scan(const crm_hash *h, const void *key, size_t len)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->off[i + 1] - h->off[i] - 1 == len &&
		    (len == 0 || memcmp(h->arena + h->off[i], key, len) == 0))
			return (long)i;
	return -1;
}

long
crm_hash_find(const crm_hash *h, const void *key, size_t len)
{
	return crm_hash_find_hashed(h, key, len, crm_hash_of(key, len));
}

uint64_t
crm_hash_of(const void *key, size_t len)
{
	return crm_hash_bytes(key, len, SEED);
}

long
crm_hash_find_hashed(const crm_hash *h, const void *key, size_t len,
		     uint64_t hash)
{
	uint64_t e;

	if (h->slots == NULL)
		return scan(h, key, len);
	e = h->slots[probe(h, key, len, hash)];
	return e == EMPTY ? -1 : (long)(e & 0xffffffffULL) - 1;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

void
crm_hash_prefetch_slot(const crm_hash *h, uint64_t hash)
{
	if (h->slots != NULL)
		PREFETCH(h->slots + home(hash, h->size));
}

long
crm_hash_prefetch_index(const crm_hash *h, uint64_t hash)
{
	uint64_t tag = hash & TAG, e;
	size_t pos, i;

	if (h->slots == NULL)
		return -1;
	pos = home(hash, h->size);
	while ((e = h->slots[pos]) != EMPTY) {
		if ((e & TAG) == tag) {
			i = (size_t)(e & 0xffffffffULL) - 1;
			PREFETCH(h->off + i);
			return (long)i;
		}
		if (++pos == h->size)
			pos = 0;
	}
	return -1;
}

void
crm_hash_prefetch_key(const crm_hash *h, size_t idx)
{
	if (idx < h->n)
		PREFETCH(h->arena + h->off[idx]);
}

void
crm_hash_compact(crm_hash *h)
{
	free(h->slots);
	h->slots = NULL;
}

/* The table again after crm_hash_compact, sized for the keys. */
static void
rebuild(crm_hash *h)
{
	size_t size = 16;

	while (size / 4 * 3 < h->n + 1 && size < MAX_SLOTS / 2)
		size *= 2;
	h->slots = crm_xcalloc(size, sizeof *h->slots);
	h->size = size;
	for (size_t i = 0; i < h->n; i++)
		place(h->slots, size, crm_hash_bytes(h->arena + h->off[i],
		    h->off[i + 1] - h->off[i] - 1, SEED), i);
}

size_t
crm_hash_intern(crm_hash *h, const void *key, size_t len, bool *added)
{
	uint64_t hash = crm_hash_bytes(key, len, SEED);
	size_t pos, idx;
	uint64_t e;

	if (h->slots == NULL)
		rebuild(h);
	pos = probe(h, key, len, hash);
	e = h->slots[pos];

	if (e != EMPTY) {
		if (added != NULL)
			*added = false;
		return (size_t)(e & 0xffffffffULL) - 1;
	}
	if (h->n >= 0xfffffffeUL)
		crm_die(CRM_EXIT_IO, "out of memory: too many distinct keys");
	if (h->n + 1 == h->cap) {
		h->cap *= 2;
		h->off = crm_xreallocarray(h->off, h->cap, sizeof *h->off);
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
	if (len > 0)
		memcpy(h->arena + h->used, key, len);
	h->arena[h->used + len] = '\0';
	h->used += len + 1;
	h->off[idx + 1] = h->used;
	if (h->n > h->size / 4 * 3)
		grow_table(h);
	else
		h->slots[pos] = (hash & TAG) | (uint64_t)(idx + 1);
	if (added != NULL)
		*added = true;
	return idx;
}
