/*
 * crm_hash: first-seen indices, lookups, arbitrary bytes, growth.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crm_hash.h"

static void
test_first_seen_order(void **state)
{
	crm_hash *h = crm_hash_new(0);
	bool added;
	size_t len;

	(void)state;
	assert_int_equal(crm_hash_count(h), 0);
	assert_int_equal(crm_hash_intern(h, "west", 4, &added), 0);
	assert_true(added);
	assert_int_equal(crm_hash_intern(h, "nord", 4, &added), 1);
	assert_true(added);
	assert_int_equal(crm_hash_intern(h, "west", 4, &added), 0);
	assert_false(added);
	assert_int_equal(crm_hash_intern(h, "süd", 4, NULL), 2);
	assert_int_equal(crm_hash_count(h), 3);
	assert_string_equal(crm_hash_key(h, 0, &len), "west");
	assert_int_equal(len, 4);
	assert_string_equal(crm_hash_key(h, 2, &len), "süd");
	assert_int_equal(crm_hash_find(h, "nord", 4), 1);
	assert_int_equal(crm_hash_find(h, "nor", 3), -1);
	assert_int_equal(crm_hash_find(h, "nordx", 5), -1);
	crm_hash_free(h);
}

static void
test_bytes(void **state)
{
	crm_hash *h = crm_hash_new(4);
	size_t len;
	const char *k;

	(void)state;
	/* the empty key, NUL bytes, prefixes: all distinct */
	assert_int_equal(crm_hash_intern(h, "", 0, NULL), 0);
	assert_int_equal(crm_hash_intern(h, "\0", 1, NULL), 1);
	assert_int_equal(crm_hash_intern(h, "\0\0", 2, NULL), 2);
	assert_int_equal(crm_hash_intern(h, "a\0b", 3, NULL), 3);
	assert_int_equal(crm_hash_intern(h, "a\0c", 3, NULL), 4);
	assert_int_equal(crm_hash_intern(h, "a", 1, NULL), 5);
	assert_int_equal(crm_hash_find(h, "", 0), 0);
	assert_int_equal(crm_hash_find(h, "\0\0", 2), 2);
	assert_int_equal(crm_hash_find(h, "a\0c", 3), 4);
	k = crm_hash_key(h, 3, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(k, "a\0b", 3);
	assert_int_equal(k[3], '\0');
	k = crm_hash_key(h, 0, &len);
	assert_int_equal(len, 0);
	assert_int_equal(k[0], '\0');
	crm_hash_free(h);
}

static void
test_growth(void **state)
{
	enum { N = 200000 };
	crm_hash *h = crm_hash_new(0);
	char key[64];
	size_t len;

	(void)state;
	for (int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof key, "customer-%d", i);

		assert_int_equal(crm_hash_intern(h, key, (size_t)n, NULL),
		    (size_t)i);
	}
	assert_int_equal(crm_hash_count(h), N);
	for (int i = N - 1; i >= 0; i -= 7) {
		int n = snprintf(key, sizeof key, "customer-%d", i);
		bool added;

		assert_int_equal(crm_hash_find(h, key, (size_t)n), i);
		assert_int_equal(crm_hash_intern(h, key, (size_t)n, &added),
		    (size_t)i);
		assert_false(added);
		assert_string_equal(crm_hash_key(h, (size_t)i, &len), key);
		assert_int_equal(len, (size_t)n);
	}
	assert_int_equal(crm_hash_find(h, "customer-200000", 15), -1);
	assert_int_equal(crm_hash_count(h), N);
	crm_hash_free(h);
}

static void
test_long_keys(void **state)
{
	/* keys that differ only in one byte anywhere in a long string */
	char key[100];
	crm_hash *h = crm_hash_new(0);

	(void)state;
	memset(key, 'x', sizeof key);
	for (size_t i = 0; i < sizeof key; i++) {
		key[i] = 'y';
		assert_int_equal(crm_hash_intern(h, key, sizeof key, NULL), i);
		key[i] = 'x';
	}
	for (size_t i = 0; i < sizeof key; i++) {
		key[i] = 'y';
		assert_int_equal(crm_hash_find(h, key, sizeof key), (long)i);
		key[i] = 'x';
	}
	assert_int_equal(crm_hash_find(h, key, sizeof key), -1);
	crm_hash_free(h);
}

/* Without its table a map keeps its keys, finds them key by key, and
 * builds the table again on the next intern; empty keys included. */
static void
test_compact(void **state)
{
	crm_hash *h = crm_hash_new(0);
	char key[16];
	size_t len;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(crm_hash_intern(h, key, strlen(key), NULL), i);
	}
	assert_int_equal(crm_hash_intern(h, "", 0, NULL), 1000);
	crm_hash_compact(h);
	assert_int_equal(crm_hash_count(h), 1001);
	assert_string_equal(crm_hash_key(h, 999, &len), "k999");
	assert_int_equal(len, 4);
	crm_hash_key(h, 1000, &len);
	assert_int_equal(len, 0);
	assert_int_equal(crm_hash_find(h, "k500", 4), 500);
	assert_int_equal(crm_hash_find(h, "", 0), 1000);
	assert_int_equal(crm_hash_find(h, "k1000", 5), -1);
	assert_int_equal(crm_hash_intern(h, "k7", 2, NULL), 7);
	assert_int_equal(crm_hash_intern(h, "new", 3, NULL), 1001);
	assert_int_equal(crm_hash_find(h, "k123", 4), 123);
	assert_int_equal(crm_hash_find(h, "new", 3), 1001);
	crm_hash_free(h);
}

static void
test_hash_function(void **state)
{
	uint64_t a, b;
	char buf[40];
	int same = 0;

	(void)state;
	a = crm_hash_bytes("abc", 3, 1);
	assert_true(a == crm_hash_bytes("abc", 3, 1));
	assert_true(a != crm_hash_bytes("abc", 3, 2));
	assert_true(crm_hash_bytes("", 0, 1) != crm_hash_bytes("\0", 1, 1));
	assert_true(crm_hash_bytes("\0", 1, 1) != crm_hash_bytes("\0\0", 2, 1));
	/* one flipped input bit changes about half of the output bits */
	memset(buf, 'k', sizeof buf);
	a = crm_hash_bytes(buf, sizeof buf, 7);
	for (size_t i = 0; i < sizeof buf * 8; i++) {
		int bits;

		buf[i / 8] ^= (char)(1 << (i % 8));
		b = crm_hash_bytes(buf, sizeof buf, 7);
		buf[i / 8] ^= (char)(1 << (i % 8));
		bits = __builtin_popcountll(a ^ b);
		assert_true(bits >= 12 && bits <= 52);
		same += a == b;
	}
	assert_int_equal(same, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_seen_order),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_hash_function),
		cmocka_unit_test(test_compact),
	};

	return cmocka_run_group_tests_name("crm_hash", tests, NULL, NULL);
}
