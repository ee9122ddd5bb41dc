/*
 * crm_diag: errors, messages and exit status shared by every tool.
 *
 * The boundary of libcrm: the primitives (diag, num, hash, csv, csvw,
 * names, tmp, deffile, ...) and the engines (expr, agg, group, split,
 * classify, rules, sort, ahead, ...) never exit: they fill a crm_error
 * and return a failure value.  The tool layer (crm_opts, crm_rows,
 * crm_out, crm_metrics, crm_fold) and the tools decide to exit, through
 * crm_die_error() or crm_die(); each tool-layer header says so in its
 * first comment.
 *
 * The one exception is exhausted resources: memory (crm_xmalloc and
 * friends, and the few allocations of csv, hash and split that say "out
 * of memory"), and a reader thread that cannot be created (crm_ahead).
 * They end the process with status 3 and a message, as GNU xmalloc does.
 */
#ifndef CRM_DIAG_H
#define CRM_DIAG_H

#include <stddef.h>
#include <stdarg.h>

enum crm_exit {
	CRM_EXIT_OK = 0,
	CRM_EXIT_DATA = 1,	/* bad input data */
	CRM_EXIT_USAGE = 2,	/* bad options, expressions, unknown columns */
	CRM_EXIT_IO = 3		/* I/O or system error, out of memory */
};

#define CRM_ERR_MAX 4096

/*
 * An error on its way from library code to a tool.  status is one of
 * enum crm_exit; msg is the complete message without the "TOOL: " prefix,
 * e.g. "data.csv:12: column 'cost': \"12x\" is not a number".
 */
typedef struct crm_error {
	int status;
	char msg[CRM_ERR_MAX];
} crm_error;

/* Fill err with status and a printf-formatted message.  Returns -1 so that
 * library code can write `return crm_error_set(err, ...)`.  err may be NULL. */
int crm_error_set(crm_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As crm_error_set, prefixed with "FILE:LINE: " (FILE:  when line is 0). */
int crm_error_at(crm_error *err, int status, const char *file,
		 unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * clang-tidy's analyzer reads one file at a time and cannot see that the
 * two functions above always return -1; it then follows impossible
 * "success" paths after `return crm_error_set(...)` and reports NULL or
 * unset values there.  For the analyzer only (make lint), say so.
 */
#if defined(__clang_analyzer__) && !defined(CRM_DIAG_IMPL)
#define crm_error_set(...) (crm_error_set(__VA_ARGS__), -1)
#define crm_error_at(...) (crm_error_at(__VA_ARGS__), -1)
#endif

/* Set the tool name used as message prefix (basename of argv[0] is not
 * used: tools pass their documented name). */
void crm_diag_init(const char *tool);
const char *crm_diag_tool(void);

/* Print "TOOL: message\n" to standard error. */
void crm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "TOOL: message\n" and exit with status. */
_Noreturn void crm_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "TOOL: err->msg\n" and exit with err->status. */
_Noreturn void crm_die_error(const crm_error *err);

/*
 * Register a hook that crm_die*() runs before exiting, so that a
 * half-written -o FILE is removed.  Up to 8 hooks; the latest runs first.
 * crm_diag_atexit_remove() unregisters the pair (fn, arg) again.
 */
void crm_diag_atexit(void (*cleanup)(void *), void *arg);
void crm_diag_atexit_remove(void (*cleanup)(void *), void *arg);

/*
 * Field data for a message: s[0..len) with every control byte (below
 * 0x20, and 0x7F) written as \0 \t \n \r or \xNN, so that a message
 * shows on one line exactly what a field holds (a NUL no longer ends
 * it, a quoted line break no longer splits it); bytes from 0x80 up pass
 * as they are.  At most max bytes of s are shown, then "...".  Writes
 * buf (cap bytes, NUL-terminated; CRM_SHOW_BUF(max) always suffices) and
 * returns it.
 */
#define CRM_SHOW_BUF(max) (4 * (size_t)(max) + 4)
const char *crm_show_data(char *buf, size_t cap, const char *s, size_t len,
			  size_t max);

/* Allocation that cannot fail: on exhaustion, "TOOL: out of memory", exit 3. */
void *crm_xmalloc(size_t n);
void *crm_xcalloc(size_t n, size_t size);
void *crm_xrealloc(void *p, size_t n);
/* Growth helper: realloc p to hold n elements of size, checking overflow. */
void *crm_xreallocarray(void *p, size_t n, size_t size);
char *crm_xstrdup(const char *s);
char *crm_xmemdup(const void *s, size_t n);	/* NUL-terminated copy */

#endif
