/*
 * crm_utf8: UTF-8 validation (SPEC 2, "Input and output": without
 * --encoding, input must be UTF-8).  Strict RFC 3629: no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no sequence cut
 * short.  ASCII runs are skipped eight bytes at a time, so text that is
 * mostly ASCII costs about one load and one test per eight bytes.
 *
 * glibc has no locale-independent validator (mbrtowc depends on LC_CTYPE
 * and goes one character per call); libunistring's u8_check would be a
 * new dependency for a few dozen lines.
 */
#ifndef CRM_UTF8_H
#define CRM_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The offset of the first byte of s[0..n) that does not start a valid
 * UTF-8 sequence (or starts one that is invalid or cut off by the end
 * of s), or n when all of s is valid.  Never reads beyond s + n.
 */
size_t crm_utf8_check(const char *s, size_t n);

/* Whether all of s[0..n) is valid UTF-8. */
static inline bool
crm_utf8_valid(const char *s, size_t n)
{
	return crm_utf8_check(s, n) == n;
}

/*
 * 0 when s[0..n) is valid UTF-8; else -1 and, when why is not NULL, the
 * message for a data error in why[0..cap): "invalid UTF-8 (byte 0xE4);
 * is the file cp1252? try --encoding cp1252".  *at (when not NULL) is
 * the offset of the first bad byte.
 */
int crm_utf8_explain(const char *s, size_t n, size_t *at, char *why,
		     size_t cap);

#endif
