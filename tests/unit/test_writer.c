/*
 * Unit tests of the CSV writer (crm_writer).
 */
#define _GNU_SOURCE		/* F_GETPIPE_SZ */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crm_writer.h"
#include "crm_tmp.h"

#define LIT(s) s, sizeof s - 1

static char tmpdir[256];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/crm_test_csvw-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown_dir(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static crm_writer_config
config(int delim)
{
	crm_writer_config c = { .delimiter = delim };

	c.numfmt.precision = -1;
	return c;
}

/* A writer on an unlinked temporary file; *fd is kept to read back. */
static crm_writer *
open_mem(const crm_writer_config *cfg, int *fd)
{
	char path[] = "/tmp/crm_test_out-XXXXXX";
	crm_error err;
	crm_writer *w;

	*fd = mkstemp(path);
	assert_true(*fd >= 0);
	unlink(path);
	w = crm_writer_open_fd(*fd, "mem", cfg, &err);
	assert_non_null(w);
	return w;
}

/* Close w and return what it wrote (NUL-terminated, length in *n). */
static char *
finish(crm_writer *w, int fd, size_t *n)
{
	crm_error err;
	struct stat st;
	char *s;

	assert_int_equal(crm_writer_close(w, &err), 0);
	assert_int_equal(fstat(fd, &st), 0);
	s = malloc((size_t)st.st_size + 1);
	assert_non_null(s);
	assert_int_equal(pread(fd, s, (size_t)st.st_size, 0), st.st_size);
	s[st.st_size] = '\0';
	close(fd);
	if (n != NULL)
		*n = (size_t)st.st_size;
	return s;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s = calloc(1, 1 << 16);

	assert_non_null(fp);
	assert_non_null(s);
	assert_true(fread(s, 1, (1 << 16) - 1, fp) < (1 << 16) - 1);
	fclose(fp);
	return s;
}

/* Entries of tmpdir other than . and .. */
static int
dir_entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* ------------------------------------------------------------------ */

static void
test_quoting(void **state)
{
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w = open_mem(&c, &fd);
	char *out;

	(void)state;
	crm_writer_field(w, LIT("plain"));
	crm_writer_field(w, LIT("a,b"));
	crm_writer_field(w, LIT("say \"hi\""));
	crm_writer_field(w, LIT("cr\rx"));
	crm_writer_field(w, LIT("lf\nx"));
	crm_writer_field(w, LIT("semi;tab\t"));
	crm_writer_field(w, LIT(" spaced "));
	crm_writer_field(w, LIT("\""));
	crm_writer_empty(w);
	assert_int_equal(crm_writer_end(w), 0);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\rx\","
	    "\"lf\nx\",semi;tab\t, spaced ,\"\"\"\",\n");
	free(out);
}

static void
test_empty_records(void **state)
{
	crm_writer_config c = config(';');
	int fd;
	crm_writer *w = open_mem(&c, &fd);
	char *out;

	(void)state;
	crm_writer_empty(w);		/* one empty field: "" */
	crm_writer_end(w);
	crm_writer_empty(w);		/* two: just the delimiter */
	crm_writer_empty(w);
	crm_writer_end(w);
	crm_writer_end(w);		/* no field at all: nothing */
	crm_writer_field(w, LIT("x"));
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "\"\"\n;\nx\n");
	free(out);
}

static void
test_delimiter_specific_quoting(void **state)
{
	crm_writer_config c = config('\t');
	int fd;
	crm_writer *w = open_mem(&c, &fd);
	char *out;

	(void)state;
	crm_writer_field(w, LIT("a,b"));
	crm_writer_field(w, LIT("a\tb"));
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "a,b\t\"a\tb\"\n");
	free(out);
}

static crm_record
make_record(const char **f, size_t *len, size_t n, const char *raw)
{
	crm_record r = { .n = n, .f = f, .len = len, .raw = raw,
	    .rawlen = strlen(raw), .line = 1 };

	return r;
}

static void
test_record_raw_and_reencoded(void **state)
{
	/* as the reader gives `"x,y",say ""hi"",  sp ` read with ',' */
	const char *f[] = { "x,y", "say \"hi\"", " sp ", "a;b" };
	size_t len[] = { 3, 8, 4, 3 };
	crm_record rec = make_record(f, len, 4,
	    "\"x,y\",\"say \"\"hi\"\"\", sp ,\"a;b\"");
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w;
	char *out;

	(void)state;
	/* same delimiter: the raw bytes, quotes as written */
	w = open_mem(&c, &fd);
	crm_writer_record(w, &rec, ',');
	crm_writer_num(w, 2.5);
	crm_writer_end(w);
	crm_writer_field(w, LIT("new"));
	crm_writer_record(w, &rec, ',');
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out,
	    "\"x,y\",\"say \"\"hi\"\"\", sp ,\"a;b\",2.5\n"
	    "new,\"x,y\",\"say \"\"hi\"\"\", sp ,\"a;b\"\n");
	free(out);

	/* another delimiter: each field re-quoted as the output needs */
	c = config(';');
	w = open_mem(&c, &fd);
	crm_writer_record(w, &rec, ',');
	crm_writer_field(w, LIT("t"));
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "x,y;\"say \"\"hi\"\"\"; sp ;\"a;b\";t\n");
	free(out);
}

static void
test_single_empty_record(void **state)
{
	const char *f[] = { "" };
	size_t len[] = { 0 };
	crm_record rec = make_record(f, len, 1, "");
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w = open_mem(&c, &fd);
	char *out;

	(void)state;
	crm_writer_record(w, &rec, ',');
	crm_writer_end(w);
	crm_writer_record(w, &rec, ';');
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "\"\"\n\"\"\n");
	free(out);
}

static void
test_header(void **state)
{
	char *names[] = { "id", "a,b" };
	size_t lens[] = { 2, 3 };
	crm_header h = { .n = 2, .name = names, .len = lens };
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w = open_mem(&c, &fd);
	char *out;

	(void)state;
	crm_writer_header(w, &h);
	crm_writer_field(w, LIT("score"));
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "id,\"a,b\",score\n");
	free(out);
}

static void
test_crlf_bom(void **state)
{
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w;
	size_t n;
	char *out;

	(void)state;
	c.crlf = true;
	c.bom = true;
	w = open_mem(&c, &fd);
	crm_writer_field(w, LIT("a"));
	crm_writer_field(w, LIT("b\nc"));
	crm_writer_end(w);
	crm_writer_field(w, LIT("1"));
	crm_writer_end(w);
	out = finish(w, fd, &n);
	assert_int_equal(n, 15);
	assert_memory_equal(out, "\xEF\xBB\xBF" "a,\"b\nc\"\r\n1\r\n", 15);
	free(out);

	/* a BOM even for empty output (Excel needs it to pick UTF-8) */
	c.crlf = false;
	w = open_mem(&c, &fd);
	out = finish(w, fd, &n);
	assert_int_equal(n, 3);
	free(out);
}

static void
test_numbers(void **state)
{
	crm_writer_config c = config(',');
	int fd;
	crm_writer *w;
	char *out;

	(void)state;
	w = open_mem(&c, &fd);
	crm_writer_num(w, 0.1 + 0.2);
	crm_writer_num(w, -1.5e-7);
	crm_writer_num(w, 1234567);
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "0.3,-1.5e-07,1234567\n");
	free(out);

	/* a decimal comma under a comma delimiter must be quoted */
	c.numfmt.decimal_comma = true;
	c.numfmt.precision = 2;
	w = open_mem(&c, &fd);
	crm_writer_num(w, 2.5);
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "\"2,50\"\n");
	free(out);
	c = config(';');
	c.numfmt.decimal_comma = true;
	w = open_mem(&c, &fd);
	crm_writer_num(w, 2.5);
	crm_writer_end(w);
	out = finish(w, fd, NULL);
	assert_string_equal(out, "2,5\n");
	free(out);
}

static void
test_large_output(void **state)
{
	crm_writer_config c = config(',');
	size_t big = 300000, n;
	char *field = malloc(big);
	int fd;
	crm_writer *w;
	char *out;

	(void)state;
	assert_non_null(field);
	memset(field, 'q', big);
	field[1000] = '"';
	w = open_mem(&c, &fd);
	for (int i = 0; i < 20000; i++) {	/* many buffer flushes */
		crm_writer_field(w, LIT("abc"));
		crm_writer_end(w);
	}
	crm_writer_field(w, field, big);	/* bigger than the buffer */
	crm_writer_end(w);
	crm_writer_field(w, LIT("z"));
	crm_writer_end(w);
	out = finish(w, fd, &n);
	assert_int_equal(n, 20000 * 4 + big + 3 + 1 + 2);
	assert_memory_equal(out + 79996, "abc\n\"qq", 7);
	assert_memory_equal(out + 80001 + 999, "q\"\"q", 4);
	assert_memory_equal(out + n - 5, "q\"", 2);
	assert_memory_equal(out + n - 3, "\nz\n", 3);
	free(out);
	free(field);
}

/* ------------------------------------------------------------------ */
/* Errors */

static void
test_dev_full(void **state)
{
	crm_writer_config c = config(',');
	crm_error err;
	crm_writer *w;
	int fd, rc = 0;

	(void)state;
	/* -o /dev/full: a device is written in place */
	w = crm_writer_open("/dev/full", &c, &err);
	assert_non_null(w);
	crm_writer_field(w, LIT("x"));
	crm_writer_end(w);
	assert_int_equal(crm_writer_close(w, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	assert_string_equal(err.msg,
	    "/dev/full: write error: No space left on device");

	/* standard output on a full disk; the first error is sticky */
	fd = open("/dev/full", O_WRONLY);
	assert_true(fd >= 0);
	w = crm_writer_open_fd(fd, "<stdout>", &c, &err);
	for (int i = 0; i < 100000 && rc == 0; i++)
		rc = crm_writer_field(w, LIT("0123456789"));
	assert_int_equal(rc, -1);
	assert_int_equal(crm_writer_end(w), -1);
	assert_int_equal(crm_writer_field(w, LIT("y")), -1);
	assert_false(crm_writer_broken_pipe(w));
	assert_int_equal(crm_writer_close(w, &err), -1);
	assert_string_equal(err.msg,
	    "<stdout>: write error: No space left on device");
	close(fd);
}

static void
test_stdout_dev_full(void **state)
{
	crm_writer_config c = config(',');
	int saved = dup(STDOUT_FILENO);
	int fd = open("/dev/full", O_WRONLY);
	crm_error err;
	crm_writer *w;

	(void)state;
	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	w = crm_writer_open(NULL, &c, &err);
	crm_writer_field(w, LIT("x"));
	crm_writer_end(w);
	assert_int_equal(crm_writer_close(w, &err), -1);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	assert_string_equal(err.msg,
	    "<stdout>: write error: No space left on device");
	assert_int_equal(err.status, CRM_EXIT_IO);
}

static void
test_broken_pipe(void **state)
{
	crm_writer_config c = config(',');
	crm_error err;
	crm_writer *w;
	int p[2], rc = 0;

	(void)state;
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	w = crm_writer_open_fd(p[1], "<stdout>", &c, &err);
	for (int i = 0; i < 100000 && rc == 0; i++)
		rc = crm_writer_field(w, LIT("0123456789"));
	assert_int_equal(rc, -1);
	assert_true(crm_writer_broken_pipe(w));
	assert_int_equal(crm_writer_close(w, &err), -1);
	assert_string_equal(err.msg, "<stdout>: write error: Broken pipe");
	close(p[1]);
}

/* ------------------------------------------------------------------ */
/* Atomic -o FILE */

static void
test_atomic_replace_and_abort(void **state)
{
	crm_writer_config c = config(',');
	char path[512];
	crm_error err;
	crm_writer *w;
	struct stat st;
	mode_t mask;
	FILE *fp;
	char *s;

	(void)state;
	snprintf(path, sizeof path, "%s/out.csv", tmpdir);
	fp = fopen(path, "w");
	fputs("old\n", fp);
	fclose(fp);
	assert_int_equal(dir_entries(), 1);

	/* abort: the old contents stay, no temporary file is left */
	w = crm_writer_open(path, &c, &err);
	assert_non_null(w);
	assert_int_equal(dir_entries(), 2);
	crm_writer_field(w, LIT("new"));
	crm_writer_end(w);
	crm_writer_abort(w);
	s = slurp(path);
	assert_string_equal(s, "old\n");
	free(s);
	assert_int_equal(dir_entries(), 1);

	/* close: replaced, mode from the umask */
	mask = umask(022);
	w = crm_writer_open(path, &c, &err);
	crm_writer_field(w, LIT("new"));
	crm_writer_end(w);
	/* nothing visible until close */
	s = slurp(path);
	assert_string_equal(s, "old\n");
	free(s);
	assert_int_equal(crm_writer_close(w, &err), 0);
	umask(mask);
	s = slurp(path);
	assert_string_equal(s, "new\n");
	free(s);
	assert_int_equal(dir_entries(), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	unlink(path);

	/* a new file in the current directory (relative path) */
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmpdir), 0);
	w = crm_writer_open("rel.csv", &c, &err);
	assert_non_null(w);
	crm_writer_field(w, LIT("r"));
	crm_writer_end(w);
	assert_int_equal(crm_writer_close(w, &err), 0);
	assert_int_equal(chdir(cwd), 0);
	snprintf(path, sizeof path, "%s/rel.csv", tmpdir);
	s = slurp(path);
	assert_string_equal(s, "r\n");
	free(s);
	unlink(path);
	assert_int_equal(dir_entries(), 0);
}

static void
test_atomic_open_errors(void **state)
{
	crm_writer_config c = config(',');
	char path[512], want[1024];
	crm_error err;

	(void)state;
	snprintf(path, sizeof path, "%s/no/such/dir/out.csv", tmpdir);
	assert_null(crm_writer_open(path, &c, &err));
	assert_int_equal(err.status, CRM_EXIT_IO);
	snprintf(want, sizeof want, "%s: cannot create temporary file in "
	    "%s/no/such/dir: No such file or directory", path, tmpdir);
	assert_string_equal(err.msg, want);

	assert_null(crm_writer_open(tmpdir, &c, &err));
	snprintf(want, sizeof want, "%s: cannot open: Is a directory",
	    tmpdir);
	assert_string_equal(err.msg, want);
	assert_int_equal(dir_entries(), 0);
}

/* Two atomic outputs at once (-o and --rejects). */
static void
test_atomic_two_outputs(void **state)
{
	crm_writer_config c = config(',');
	char p1[512], p2[512];
	crm_error err;
	crm_writer *a, *b;
	char *s;

	(void)state;
	snprintf(p1, sizeof p1, "%s/a.csv", tmpdir);
	snprintf(p2, sizeof p2, "%s/b.csv", tmpdir);
	a = crm_writer_open(p1, &c, &err);
	b = crm_writer_open(p2, &c, &err);
	assert_non_null(a);
	assert_non_null(b);
	crm_writer_field(a, LIT("A"));
	crm_writer_end(a);
	crm_writer_field(b, LIT("B"));
	crm_writer_end(b);
	crm_writer_abort(b);
	assert_int_equal(crm_writer_close(a, &err), 0);
	s = slurp(p1);
	assert_string_equal(s, "A\n");
	free(s);
	assert_int_equal(access(p2, F_OK), -1);
	unlink(p1);
	assert_int_equal(dir_entries(), 0);
}

static crm_writer *child_w;

/* In a child: open -o FILE, write, then end by how (0: crm_die, else a
 * signal).  The old FILE must survive and no temporary file remain. */
static void
check_child_cleanup(int how)
{
	crm_writer_config c = config(',');
	char path[512];
	pid_t pid;
	int st;
	FILE *fp;
	char *s;

	snprintf(path, sizeof path, "%s/keep.csv", tmpdir);
	fp = fopen(path, "w");
	fputs("old\n", fp);
	fclose(fp);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		crm_error err;
		crm_writer *w;

		/* A signal the test was started with ignored (nohup, a
		 * background job) is left ignored by the writer, as it
		 * should be; the test wants the default disposition. */
		if (how != 0)
			signal(how, SIG_DFL);
		w = crm_writer_open(path, &c, &err);
		if (w == NULL || dir_entries() != 2)
			_exit(50);
		crm_writer_field(w, LIT("new"));
		crm_writer_end(w);
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(52);
		child_w = w;	/* reachable: no leak report at exit */
		if (how == 0)
			crm_die(CRM_EXIT_DATA, "bad data");
		raise(how);
		_exit(51);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (how == 0) {
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), CRM_EXIT_DATA);
	} else {
		assert_true(WIFSIGNALED(st));
		assert_int_equal(WTERMSIG(st), how);
	}
	s = slurp(path);
	assert_string_equal(s, "old\n");
	free(s);
	assert_int_equal(dir_entries(), 1);
	unlink(path);
}

static void
test_atomic_die_and_signals(void **state)
{
	(void)state;
	check_child_cleanup(0);
	check_child_cleanup(SIGTERM);
	check_child_cleanup(SIGINT);
	check_child_cleanup(SIGHUP);
}

/* Handlers are restored once no temporary file is left. */
static void
test_handlers_restored(void **state)
{
	crm_writer_config c = config(',');
	struct sigaction sa;
	char path[512];
	crm_error err;
	crm_writer *w;

	(void)state;
	snprintf(path, sizeof path, "%s/h.csv", tmpdir);
	w = crm_writer_open(path, &c, &err);
	sigaction(SIGTERM, NULL, &sa);
	assert_true(sa.sa_handler != SIG_DFL);
	crm_writer_abort(w);
	sigaction(SIGTERM, NULL, &sa);
	assert_true(sa.sa_handler == SIG_DFL);
}

/* A writer on a pipe widens it: 200 KB fit in before anything is read,
 * and come out unchanged. */
static void
test_writer_widens_pipe(void **state)
{
	crm_writer_config c = config(',');
	static char big[200000], back[200001];
	crm_writer *w;
	crm_error err;
	size_t got = 0;
	ssize_t k;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
#ifdef F_GETPIPE_SZ
	if (fcntl(p[1], F_GETPIPE_SZ) >= CRM_PIPE_BYTES)
		skip();
#endif
	memset(big, 'x', sizeof big);
	w = crm_writer_open_fd(p[1], "<stdout>", &c, &err);
	assert_non_null(w);
#ifdef F_GETPIPE_SZ
	assert_int_equal(fcntl(p[1], F_GETPIPE_SZ), CRM_PIPE_BYTES);
	/* no reader yet: this would block on a pipe of 64 KiB */
	assert_int_equal(crm_writer_field(w, big, sizeof big), 0);
	assert_int_equal(crm_writer_close(w, &err), 0);
#else
	crm_writer_abort(w);
	skip();
#endif
	close(p[1]);
	while ((k = read(p[0], back + got, sizeof back - got)) > 0)
		got += (size_t)k;
	close(p[0]);
	assert_int_equal(got, sizeof big);
	assert_memory_equal(back, big, sizeof big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_empty_records),
		cmocka_unit_test(test_delimiter_specific_quoting),
		cmocka_unit_test(test_record_raw_and_reencoded),
		cmocka_unit_test(test_single_empty_record),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_large_output),
		cmocka_unit_test(test_dev_full),
		cmocka_unit_test(test_stdout_dev_full),
		cmocka_unit_test(test_broken_pipe),
		cmocka_unit_test(test_atomic_replace_and_abort),
		cmocka_unit_test(test_atomic_open_errors),
		cmocka_unit_test(test_atomic_two_outputs),
		cmocka_unit_test(test_atomic_die_and_signals),
		cmocka_unit_test(test_handlers_restored),
		cmocka_unit_test(test_writer_widens_pipe),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
