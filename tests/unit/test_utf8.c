/*
 * crm_utf8: well-formed sequences of every length and range boundary,
 * and the offset of the first bad byte for overlongs, surrogates, code
 * points above U+10FFFF, stray and missing continuation bytes, sequences
 * cut off at the end, and cp1252 text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crm_utf8.h"

struct sample {
	const char *s;
	size_t len;	/* 0: strlen(s) */
	size_t bad;	/* offset of the first bad byte; SIZE_MAX: valid */
};

static size_t
sample_len(const struct sample *t)
{
	return t->len != 0 ? t->len : strlen(t->s);
}

static void
test_valid(void **state)
{
	static const struct sample ok[] = {
		{ "", 0, SIZE_MAX },
		{ "plain ascii, longer than eight bytes;1.234,56", 0,
		    SIZE_MAX },
		{ "\0\0\0\0\0\0\0\0\0", 9, SIZE_MAX },	/* NUL is ASCII */
		{ "M\xC3\xBCller", 0, SIZE_MAX },		/* ü U+00FC */
		{ "\xC2\x80", 0, SIZE_MAX },			/* U+0080 */
		{ "\xDF\xBF", 0, SIZE_MAX },			/* U+07FF */
		{ "\xE0\xA0\x80", 0, SIZE_MAX },		/* U+0800 */
		{ "\xED\x9F\xBF", 0, SIZE_MAX },		/* U+D7FF */
		{ "\xEE\x80\x80", 0, SIZE_MAX },		/* U+E000 */
		{ "\xEF\xBB\xBF", 0, SIZE_MAX },		/* BOM */
		{ "\xEF\xBF\xBF", 0, SIZE_MAX },		/* U+FFFF */
		{ "1.234,56 \xE2\x82\xAC", 0, SIZE_MAX },	/* € */
		{ "1\xE2\x80\xAF" "234", 0, SIZE_MAX },	/* U+202F */
		{ "\xF0\x90\x80\x80", 0, SIZE_MAX },		/* U+10000 */
		{ "\xF0\x9F\x98\x80 smile", 0, SIZE_MAX },	/* U+1F600 */
		{ "\xF4\x8F\xBF\xBF", 0, SIZE_MAX },		/* U+10FFFF */
		{ "abcdefg\xC3\xA4" "bcdefgh\xC3\xB6", 0, SIZE_MAX },
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		size_t n = sample_len(&ok[i]);

		assert_int_equal(crm_utf8_check(ok[i].s, n), n);
		assert_true(crm_utf8_valid(ok[i].s, n));
	}
}

static void
test_invalid(void **state)
{
	static const struct sample bad[] = {
		{ "\xC0\x80", 0, 0 },			/* overlong NUL */
		{ "\xC1\xBF", 0, 0 },			/* overlong 7F */
		{ "\xE0\x80\x80", 0, 0 },		/* overlong 3 */
		{ "\xE0\x9F\xBF", 0, 0 },		/* overlong 3 */
		{ "\xF0\x80\x80\x80", 0, 0 },		/* overlong 4 */
		{ "\xF0\x8F\xBF\xBF", 0, 0 },		/* overlong 4 */
		{ "ab\xED\xA0\x80", 0, 2 },		/* U+D800 */
		{ "\xED\xBF\xBF", 0, 0 },		/* U+DFFF */
		{ "\xF4\x90\x80\x80", 0, 0 },		/* U+110000 */
		{ "\xF5\x80\x80\x80", 0, 0 },
		{ "\xFF", 0, 0 },
		{ "\xFE\xFF", 0, 0 },			/* UTF-16 BOM */
		{ "x\x80", 0, 1 },			/* stray continuation */
		{ "\xC3\xA4\xBF", 0, 2 },
		{ "\xC3" "a", 0, 0 },			/* missing one */
		{ "\xE2\x82" "a", 0, 0 },
		{ "\xF0\x9F\x98" "a", 0, 0 },
		/* cut off at the end of the data */
		{ "abc\xC3", 0, 3 },
		{ "abc\xE2\x82", 0, 3 },
		{ "abcdefghij\xF0\x9F\x98", 0, 10 },
		/* cp1252: "Mär" and an ä before a byte that is no
		 * continuation of it */
		{ "M\xE4r", 0, 1 },
		{ "\xE4\x80", 0, 0 },
		{ "Stra\xDF" "e", 0, 4 },
		{ "Gesch\xE4" "ftsf\xFChrer;1,5", 0, 5 },
		/* after eight ASCII bytes and inside a later block */
		{ "01234567\x80", 0, 8 },
		{ "0123456789abcde\xE4", 0, 15 },
		{ "\xC3\xA4" "0123456789\xC3", 0, 12 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n = sample_len(&bad[i]);

		assert_int_equal(crm_utf8_check(bad[i].s, n), bad[i].bad);
		assert_false(crm_utf8_valid(bad[i].s, n));
	}
}

/* Every bad byte position in a long ASCII text is found exactly: the
 * eight-byte blocks never skip it, whatever its alignment. */
static void
test_every_offset(void **state)
{
	char buf[100];

	(void)state;
	for (size_t at = 0; at < sizeof buf; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = (char)0xE4;
		assert_int_equal(crm_utf8_check(buf, sizeof buf), at);
		/* the length limits what is read */
		assert_int_equal(crm_utf8_check(buf, at), at);
	}
}

/* A valid sequence is not valid when the length cuts it, and the check
 * never reads past the length given (ASan sees a read past malloc). */
static void
test_length_bounds(void **state)
{
	static const char four[] = "\xF0\x9F\x98\x80";
	char *p;

	(void)state;
	for (size_t n = 1; n < 4; n++) {
		p = malloc(n);
		assert_non_null(p);
		memcpy(p, four, n);
		assert_int_equal(crm_utf8_check(p, n), 0);
		free(p);
	}
	p = malloc(4);
	assert_non_null(p);
	memcpy(p, four, 4);
	assert_int_equal(crm_utf8_check(p, 4), 4);
	free(p);
}

/* Every two-byte lead with every second byte: only C2..DF with 80..BF
 * are valid, exactly as the Unicode table says. */
static void
test_two_byte_table(void **state)
{
	(void)state;
	for (unsigned a = 0x80; a <= 0xFF; a++) {
		for (unsigned b = 0; b <= 0xFF; b++) {
			char s[2] = { (char)a, (char)b };
			bool want = a >= 0xC2 && a <= 0xDF &&
			    b >= 0x80 && b <= 0xBF;

			assert_int_equal(crm_utf8_valid(s, 2), want);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_every_offset),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_two_byte_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
