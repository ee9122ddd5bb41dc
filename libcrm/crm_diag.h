/*
 * crm_diag: errors, messages and exit status shared by every tool.
 *
 * Library code never exits: it fills a crm_error and returns a failure
 * value.  Tools decide to exit, through crm_die_error() or crm_die().
 * The one exception is memory exhaustion (crm_xmalloc and friends), which
 * ends the process with status 3 and a message, as GNU xmalloc does.
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

/* Allocation that cannot fail: on exhaustion, "TOOL: out of memory", exit 3. */
void *crm_xmalloc(size_t n);
void *crm_xcalloc(size_t n, size_t size);
void *crm_xrealloc(void *p, size_t n);
/* Growth helper: realloc p to hold n elements of size, checking overflow. */
void *crm_xreallocarray(void *p, size_t n, size_t size);
char *crm_xstrdup(const char *s);
char *crm_xmemdup(const void *s, size_t n);	/* NUL-terminated copy */

#endif
