/*
 * crm_hash: an open-addressing hash map from byte strings to dense
 * indices 0, 1, 2, ... in first-seen order.
 *
 * Used for grouping (kpi --by, later rfm by customer) and as the set
 * behind distinct().  Keys are arbitrary bytes (NUL allowed) and are
 * copied into an arena owned by the map.  Lookups of a key already
 * present never allocate.  Linear probing over a table at most three
 * quarters full that keeps each key's 32-bit hash beside its index, so
 * most probes compare no key bytes.  Up to UINT32_MAX - 1 keys.
 *
 * Memory: 11 to 16 bytes of table and 8 of offset a key, beside its
 * text and a NUL.
 */
#ifndef CRM_HASH_H
#define CRM_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct crm_hash crm_hash;

/* A new, empty map sized for about hint keys (0: a small default).
 * Exits 3 on memory exhaustion, as every allocation below does. */
crm_hash *crm_hash_new(size_t hint);
void crm_hash_free(crm_hash *h);

/* Number of keys. */
size_t crm_hash_count(const crm_hash *h);

/*
 * The index of key[0..len), inserting it with the next free index when
 * absent; *added (if not NULL) tells which happened.
 */
size_t crm_hash_intern(crm_hash *h, const void *key, size_t len,
		       bool *added);

/* The index of key, or -1 when absent. */
long crm_hash_find(const crm_hash *h, const void *key, size_t len);

/*
 * Lookups in stages, for a caller that sees its keys coming some way
 * ahead and fetches what they will touch while it works on the ones
 * before (a lookup misses the cache three times in a large map: slot,
 * offset, key text).  crm_hash_of is the hash the map uses;
 * crm_hash_find_hashed is crm_hash_find with it.  The prefetches only
 * hint: crm_hash_prefetch_slot fetches the key's home slot;
 * crm_hash_prefetch_index (after it) reads the slot and fetches the
 * offset of the first key whose hash bits match, returning its index
 * (maybe not the key's) or -1; crm_hash_prefetch_key (after that) the
 * text of key idx.  Any index is safe.
 */
uint64_t crm_hash_of(const void *key, size_t len);
long crm_hash_find_hashed(const crm_hash *h, const void *key, size_t len,
			  uint64_t hash);
void crm_hash_prefetch_slot(const crm_hash *h, uint64_t hash);
long crm_hash_prefetch_index(const crm_hash *h, uint64_t hash);
void crm_hash_prefetch_key(const crm_hash *h, size_t idx);

/*
 * Free the table (11 to 16 bytes a key) of a map whose lookups are over,
 * keeping its keys: crm_hash_count and crm_hash_key work as before.  A
 * later crm_hash_intern builds the table again; crm_hash_find without it
 * compares key by key (slow, but right).
 */
void crm_hash_compact(crm_hash *h);

/*
 * Key number idx (idx < crm_hash_count(h)).  The pointer stays valid
 * until the next insertion; the key is followed by a NUL byte that is
 * not part of it.
 */
const char *crm_hash_key(const crm_hash *h, size_t idx, size_t *len);

/* The hash function behind the map: 64 bits, seeded, for any bytes. */
uint64_t crm_hash_bytes(const void *key, size_t len, uint64_t seed);

#endif
