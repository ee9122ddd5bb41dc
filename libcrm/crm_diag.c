#define CRM_DIAG_IMPL	/* crm_diag.h: the functions, not the analyzer's view */
#include "crm_diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tool_name = "crmkit";
#define MAX_HOOKS 8
static struct {
	void (*fn)(void *);
	void *arg;
} hooks[MAX_HOOKS];
static size_t nhooks;

void
crm_diag_init(const char *tool)
{
	tool_name = tool;
}

const char *
crm_diag_tool(void)
{
	return tool_name;
}

void
crm_diag_atexit(void (*cleanup)(void *), void *arg)
{
	if (nhooks < MAX_HOOKS) {
		hooks[nhooks].fn = cleanup;
		hooks[nhooks].arg = arg;
		nhooks++;
	}
}

void
crm_diag_atexit_remove(void (*cleanup)(void *), void *arg)
{
	for (size_t i = nhooks; i-- > 0;) {
		if (hooks[i].fn == cleanup && hooks[i].arg == arg) {
			memmove(&hooks[i], &hooks[i + 1],
			    (nhooks - i - 1) * sizeof hooks[0]);
			nhooks--;
			return;
		}
	}
}

static void
run_cleanup(void)
{
	/* Each hook runs once even if it dies itself. */
	while (nhooks > 0) {
		nhooks--;
		hooks[nhooks].fn(hooks[nhooks].arg);
	}
}

int
crm_error_set(crm_error *err, int status, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
crm_error_at(crm_error *err, int status, const char *file, unsigned long line,
	     const char *fmt, ...)
{
	va_list ap;
	int n;

	if (err == NULL)
		return -1;
	err->status = status;
	if (line > 0)
		n = snprintf(err->msg, sizeof err->msg, "%s:%lu: ", file, line);
	else
		n = snprintf(err->msg, sizeof err->msg, "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof err->msg)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

void
crm_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", tool_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
crm_die(int status, const char *fmt, ...)
{
	va_list ap;

	run_cleanup();
	fprintf(stderr, "%s: ", tool_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

void
crm_die_error(const crm_error *err)
{
	run_cleanup();
	fprintf(stderr, "%s: %s\n", tool_name, err->msg);
	exit(err->status);
}

const char *
crm_show_data(char *buf, size_t cap, const char *s, size_t len, size_t max)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	if (cap == 0)
		return buf;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[4];
		size_t k = 0;

		if (i == max) {
			if (o + 3 < cap) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (c >= 0x20 && c != 0x7F) {
			e[k++] = (char)c;
		} else {
			e[k++] = '\\';
			switch (c) {
			case '\0': e[k++] = '0'; break;
			case '\t': e[k++] = 't'; break;
			case '\n': e[k++] = 'n'; break;
			case '\r': e[k++] = 'r'; break;
			default:
				e[k++] = 'x';
				e[k++] = hex[c >> 4];
				e[k++] = hex[c & 15];
			}
		}
		if (o + k >= cap)
			break;
		memcpy(buf + o, e, k);
		o += k;
	}
	buf[o] = '\0';
	return buf;
}

static _Noreturn void
out_of_memory(void)
{
	crm_die(CRM_EXIT_IO, "out of memory");
}

void *
crm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
crm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
crm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory();
	return q;
}

void *
crm_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	return crm_xrealloc(p, n * size);
}

char *
crm_xstrdup(const char *s)
{
	return crm_xmemdup(s, strlen(s));
}

char *
crm_xmemdup(const void *s, size_t n)
{
	char *p = crm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
