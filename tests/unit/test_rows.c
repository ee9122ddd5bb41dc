/*
 * crm_rows, the loop of the row tools, driven as prioritize drives it:
 * what happens when the file changes between the two passes of a median
 * split.  The tools end with status 3 and leave -o FILE untouched; the
 * CLI tests cannot change a file at that moment, so these tests run the
 * loop in a child and change the file between crm_rows_thresholds and
 * the second pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "crm_opts.h"
#include "crm_rows.h"

static char dir[] = "/tmp/crm_test_rows-XXXXXX";
static char in_path[600], out_path[600], err_path[600];

static void
put_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fputs(s, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static char *
get_file(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Rewrite path in place with s (same inode) and give it back the times
 * it had, so that only the bytes differ. */
static void
rewrite_keeping_times(const char *path, const char *s)
{
	struct stat st;
	struct timespec t[2];
	int fd;

	assert_int_equal(stat(path, &st), 0);
	t[0] = st.st_atim;
	t[1] = st.st_mtim;
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	assert_int_equal(futimens(fd, t), 0);
	assert_int_equal(close(fd), 0);
}

static const struct option no_options[] = { { 0, 0, 0, 0 } };

/*
 * In a child: a one-measure row tool with a median split over in_path,
 * -o out_path, standard error to err_path; change(in_path, arg) runs
 * between the passes.  Returns the child's exit status.
 */
static int
run_tool(const char *replay, void (*change)(const char *, const char *),
	 const char *arg)
{
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = { "rowtool", "-o", out_path, in_path, NULL };
		crm_tool tool = {
			.name = "rowtool", .synopsis = "rowtool [FILE]",
			.help = "", .options = no_options,
			.flags = CRM_TOOL_INVALID, .column = "high",
		};
		crm_measure m = {
			.option = "--value", .source = "v",
			.split_option = "--value-split",
			.split_label = "value",
			.split = { CRM_SPLIT_MEDIAN, 0.5 },
		};
		const char *names[1] = { "high" };
		const crm_record *rec;
		crm_common common;
		crm_rows *rows;
		double v;
		int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, STDERR_FILENO);
		close(fd);
		setenv("CRMKIT_REPLAY", replay, 1);
		crm_opts_parse(&tool, 4, argv, &common);
		rows = crm_rows_open(&common, &m, 1);
		crm_rows_thresholds(rows);
		if (change != NULL)
			change(in_path, arg);
		crm_rows_write_header(rows, names, NULL, 1);
		while (crm_rows_next(rows, &rec, &v) != CRM_ROW_END) {
			crm_rows_pass(rows, rec);
			crm_rows_num(rows, v >= m.threshold);
			crm_rows_end(rows);
		}
		_exit(crm_rows_close(rows));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
setup_files(void)
{
	unlink(out_path);
	put_file(out_path, "old output\n");
	put_file(in_path, "id,v\na,100\nb,22\nc,3\n");
}

/* Unchanged: the output of the median split, with and without replay. */
static void
test_unchanged(void **state)
{
	(void)state;
	for (int replay = 0; replay < 2; replay++) {
		setup_files();
		assert_int_equal(run_tool(replay ? "1" : "0", NULL, NULL), 0);
		assert_string_equal(get_file(out_path),
		    "id,v,high\na,100,1\nb,22,1\nc,3,0\n");
		assert_string_equal(get_file(err_path), "");
	}
}

/* With and without replay: change(in_path, arg) between the passes ends
 * the tool with status 3 and the message, and -o keeps its old
 * contents. */
static void
check_changed(void (*change)(const char *, const char *), const char *arg)
{
	char want[800];

	snprintf(want, sizeof want,
	    "rowtool: %s: file changed since it was first read\n", in_path);
	for (int replay = 0; replay < 2; replay++) {
		setup_files();
		assert_int_equal(run_tool(replay ? "1" : "0", change, arg), 3);
		assert_string_equal(get_file(err_path), want);
		assert_string_equal(get_file(out_path), "old output\n");
	}
}

/* Bytes changed in place, size and times kept, so the file looks the
 * same to stat: one row fewer.  The second pass counts the rows. */
static void
test_fewer_rows_same_size(void **state)
{
	(void)state;
	check_changed(rewrite_keeping_times, "id,v\na,1\nb,22333333\n");
}

/* One row more, size and times kept: the same. */
static void
test_more_rows_same_size(void **state)
{
	(void)state;
	check_changed(rewrite_keeping_times, "id,v\na,1\nb,2\nc,3\nd,4");
}

/* Appended to (the size differs): found when the file is opened again. */
static void
append_row(const char *path, const char *row)
{
	FILE *fp = fopen(path, "ab");

	assert_non_null(fp);
	fputs(row, fp);
	fclose(fp);
}

static void
test_appended(void **state)
{
	(void)state;
	check_changed(append_row, "d,4\n");
}

/* crm_rows_visit: pass 1 row by row (a missing value standing for -1 by
 * missing_ok, text still invalid), pass 2 with the total of pass 1. */
static void
sum_visit(void *ctx, crm_rows *r, const crm_record *rec, const double *vals)
{
	(void)r;
	(void)rec;
	*(double *)ctx += vals[0];
}

static int
run_visit(const char *invalid, void (*change)(const char *, const char *),
	  const char *arg)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = { "rowtool", "--invalid", (char *)invalid, "-o",
		    out_path, in_path, NULL };
		crm_tool tool = {
			.name = "rowtool", .synopsis = "rowtool [FILE]",
			.help = "", .options = no_options,
			.flags = CRM_TOOL_INVALID, .column = "share",
		};
		crm_measure m = { .option = "--value", .source = "v",
		    .missing_ok = true, .if_missing = -1 };
		const char *names[1] = { "share" };
		const crm_record *rec;
		crm_common common;
		crm_rows *rows;
		double v, total = 0;
		int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, STDERR_FILENO);
		close(fd);
		crm_opts_parse(&tool, 6, argv, &common);
		rows = crm_rows_open_visit(&common, &m, 1);
		crm_rows_visit(rows, sum_visit, &total);
		if (change != NULL)
			change(in_path, arg);
		crm_rows_write_header(rows, names, NULL, 1);
		while (crm_rows_next(rows, &rec, &v) != CRM_ROW_END) {
			crm_rows_pass(rows, rec);
			crm_rows_num(rows, v / total);
			crm_rows_end(rows);
		}
		_exit(crm_rows_close(rows));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_visit(void **state)
{
	char want[800];

	(void)state;
	/* 6 + 3 - 1 (missing) = 8; the text row is skipped in both passes */
	put_file(in_path, "id,v\na,6\nb,x\nc,3\nd,\n");
	assert_int_equal(run_visit("skip", NULL, NULL), 0);
	assert_string_equal(get_file(out_path),
	    "id,v,share\na,6,0.75\nc,3,0.375\nd,,-0.125\n");
	assert_string_equal(get_file(err_path),
	    "rowtool: 1 row with invalid values skipped\n");
	/* fail: the text row ends pass 1 */
	setup_files();
	put_file(in_path, "id,v\na,6\nb,x\n");
	assert_int_equal(run_visit("fail", NULL, NULL), 1);
	snprintf(want, sizeof want, "rowtool: %s:3: column 'v': \"x\" is "
	    "not a number\n", in_path);
	assert_string_equal(get_file(err_path), want);
	assert_string_equal(get_file(out_path), "old output\n");
}

/* A file changed between the passes of crm_rows_visit: status 3. */
static void
test_visit_changed(void **state)
{
	char want[800];

	(void)state;
	snprintf(want, sizeof want,
	    "rowtool: %s: file changed since it was first read\n", in_path);
	setup_files();
	assert_int_equal(run_visit("fail", rewrite_keeping_times,
	    "id,v\na,1\nb,22333333\n"), 3);
	assert_string_equal(get_file(err_path), want);
	assert_string_equal(get_file(out_path), "old output\n");
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(in_path, sizeof in_path, "%s/in.csv", dir);
	snprintf(out_path, sizeof out_path, "%s/out.csv", dir);
	snprintf(err_path, sizeof err_path, "%s/err.txt", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(in_path);
	unlink(out_path);
	unlink(err_path);
	rmdir(dir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_fewer_rows_same_size),
		cmocka_unit_test(test_more_rows_same_size),
		cmocka_unit_test(test_appended),
		cmocka_unit_test(test_visit),
		cmocka_unit_test(test_visit_changed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
