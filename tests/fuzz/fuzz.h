/*
 * Helpers shared by the fuzz harnesses.  Each harness defines
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer (make fuzz)
 * or with replay.c, a plain main() that runs corpus files through it
 * (make check-fuzz).  A property that does not hold prints what it saw
 * and aborts, which both drivers report as a failure.
 */
#ifndef CRM_FUZZ_H
#define CRM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Defined (non-zero) by replay.c only: checks too slow for libFuzzer's
 * comparison tracing run in the replay of the corpus alone. */
extern const int fuzz_replaying __attribute__((weak));

#define FUZZ_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: property failed: %s\n",	\
			    __FILE__, __LINE__, #cond);			\
			fprintf(stderr, "  " __VA_ARGS__);		\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

/* Print n bytes of s escaped, for failure reports. */
static inline void
fuzz_dump(const char *label, const void *s, size_t n)
{
	const unsigned char *p = s;

	fprintf(stderr, "  %s (%zu bytes): \"", label, n);
	for (size_t i = 0; i < n && i < 400; i++) {
		if (p[i] == '\\' || p[i] == '"')
			fprintf(stderr, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] < 0x7f)
			fputc(p[i], stderr);
		else
			fprintf(stderr, "\\x%02x", p[i]);
	}
	fprintf(stderr, "%s\"\n", n > 400 ? "..." : "");
}

#endif
