/*
 * crm_utf8: UTF-8 validation.  See crm_utf8.h for the contract.
 *
 * The ranges of well-formed sequences (Unicode, table 3-7):
 *
 *	U+0000..U+007F		00..7F
 *	U+0080..U+07FF		C2..DF 80..BF
 *	U+0800..U+0FFF		E0 A0..BF 80..BF
 *	U+1000..U+CFFF		E1..EC 80..BF 80..BF
 *	U+D000..U+D7FF		ED 80..9F 80..BF
 *	U+E000..U+FFFF		EE..EF 80..BF 80..BF
 *	U+10000..U+3FFFF	F0 90..BF 80..BF 80..BF
 *	U+40000..U+FFFFF	F1..F3 80..BF 80..BF 80..BF
 *	U+100000..U+10FFFF	F4 80..8F 80..BF 80..BF
 *
 * The second byte's range is what excludes overlong forms (E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF
 * (F4 90..BF); C0, C1 and F5..FF never start a sequence.
 */
#include "crm_utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define HIGH_BITS UINT64_C(0x8080808080808080)

static inline bool
continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Length of the well-formed sequence at p[0..left), 0 if there is none
 * (p[0] >= 0x80). */
static size_t
sequence(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF;	/* range of the second byte */
	size_t len;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (left < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (!continuation(p[i]))
			return 0;
	return len;
}

size_t
crm_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint64_t w;

		if (n - i >= 8) {
			memcpy(&w, p + i, sizeof w);
			if ((w & HIGH_BITS) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
		} else {
			size_t len = sequence(p + i, n - i);

			if (len == 0)
				return i;
			i += len;
		}
	}
	return n;
}

int
crm_utf8_explain(const char *s, size_t n, size_t *at, char *why, size_t cap)
{
	size_t bad = crm_utf8_check(s, n);

	if (bad == n)
		return 0;
	if (at != NULL)
		*at = bad;
	if (why != NULL && cap > 0)
		snprintf(why, cap, "invalid UTF-8 (byte 0x%02X); is the file "
		    "cp1252? try --encoding cp1252",
		    (unsigned)(unsigned char)s[bad]);
	return -1;
}
