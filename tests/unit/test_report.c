/*
 * crm_report: text, Markdown and HTML of small tables, rows after the
 * sample, and the texts shared with crm_xlsx.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crm_report.h"

/* Render csv as one table in format fmt; returns the output (static). */
static const char *
render(const char *csv, crm_report_format fmt, size_t sample, bool german,
       const char *chart)
{
	static char out[8192];
	char in_path[] = "/tmp/test_report.XXXXXX";
	char *paths[1] = { in_path };
	crm_csv_config cc = { 0 };
	crm_table_config tc = { 0 };
	crm_report_config rc = { 0 };
	crm_writer_config wc = { ',', false, false, { -1, false } };
	crm_error err;
	crm_writer *w;
	crm_report *r;
	crm_input *in;
	crm_table *t;
	FILE *fp, *res = tmpfile();
	size_t n;
	int fd = mkstemp(in_path);

	fp = fdopen(fd, "w");
	fputs(csv, fp);
	fclose(fp);
	in = crm_input_open(paths, 1, &cc, false, &err);
	assert_non_null(in);
	tc.sample = sample;
	tc.head = ULONG_MAX;
	tc.decimals = -1;
	tc.digits = 3;
	t = crm_table_open(in, &tc, &err);
	assert_non_null(t);
	w = crm_writer_open_fd(fileno(res), "out", &wc, &err);
	rc.format = fmt;
	rc.german = german;
	rc.as_of = "2026-06-30";
	rc.max_width = 8;
	rc.head_option = "--head 9";
	r = crm_report_begin(w, &rc);
	if (chart != NULL)
		assert_int_equal(crm_report_chart(r, chart, &err), 0);
	assert_int_equal(crm_report_table(r, t, NULL, &err), 0);
	assert_int_equal(crm_report_end(r), 0);
	assert_int_equal(crm_writer_close(w, &err), 0);
	crm_table_close(t);
	unlink(in_path);
	rewind(res);
	n = fread(out, 1, sizeof out - 1, res);
	out[n] = '\0';
	fclose(res);
	return out;
}

static void
test_text_after_sample(void **state)
{
	(void)state;
	/* The sample (1 row) sets the widths: a later wider text is cut,
	 * a later wider number is written whole. */
	assert_string_equal(render("name,n\nab,1\nabcdefghij,12345\n",
	    CRM_REPORT_TEXT, 1, false, NULL),
	    "name  n\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80  "
	    "\xe2\x94\x80\n"
	    "ab    1\n"
	    "abc\xe2\x80\xa6  12,345\n");
}

static void
test_md(void **state)
{
	(void)state;
	assert_string_equal(render("a_b,x\n`c`,1.5\n", CRM_REPORT_MD, 10,
	    true, NULL),
	    "| a_b   |   x |\n"
	    "| :---- | --: |\n"
	    "| \\`c\\` | 1,5 |\n");
}

static void
test_html(void **state)
{
	const char *page;
	char svg[] = "/tmp/test_report_svg.XXXXXX";
	FILE *fp;
	int fd = mkstemp(svg);

	(void)state;
	fp = fdopen(fd, "w");
	fputs("<?xml version=\"1.0\"?>\n<svg id=\"q\"><a href=\"#q\"/></svg>"
	    "\n<!-- after -->\n", fp);
	fclose(fp);
	page = render("who,n\n\"<b>&'\"\"\",1234\n", CRM_REPORT_HTML, 10, true,
	    svg);
	unlink(svg);
	assert_non_null(strstr(page, "<html lang=\"de\">"));
	assert_non_null(strstr(page, "<th class=\"t\" scope=\"col\">who</th>"
	    "<th class=\"n\" scope=\"col\">n</th>"));
	assert_non_null(strstr(page, "<td class=\"t\">&lt;b&gt;&amp;&#39;"
	    "&quot;</td><td class=\"n\">1.234</td>"));
	assert_non_null(strstr(page, "<time datetime=\"2026-06-30\">Stand: "
	    "30. Juni 2026</time>"));
	assert_non_null(strstr(page, "<figure class=\"chart\">\n<svg id=\"q\">"
	    "<a href=\"#q\"/></svg>\n</figure>"));
	assert_null(strstr(page, "<?xml"));
	assert_null(strstr(page, "<!-- after"));
	assert_null(strstr(page, "<script"));
}

static void
test_texts(void **state)
{
	char buf[256];
	crm_report_format f;
	crm_error err;

	(void)state;
	assert_string_equal(crm_report_left_out(buf, 1, false, "--head 5"),
	    "\xe2\x80\xa6 and 1 more row (--head 5)");
	assert_string_equal(crm_report_left_out(buf, 12345, true, "--head 5"),
	    "\xe2\x80\xa6 und 12.345 weitere Zeilen (--head 5)");
	assert_string_equal(crm_report_left_out(buf, 1, true, "--head 5"),
	    "\xe2\x80\xa6 und 1 weitere Zeile (--head 5)");
	assert_string_equal(crm_report_as_of(buf, "2026-03-01", true),
	    "Stand: 1. M\xc3\xa4rz 2026");
	assert_string_equal(crm_report_as_of(buf, "2026-12-24", false),
	    "As of 24 December 2026");
	assert_int_equal(crm_report_format_of_path("a/b.xlsx"),
	    CRM_REPORT_XLSX);
	assert_int_equal(crm_report_format_of_path("r.html"),
	    CRM_REPORT_HTML);
	assert_int_equal(crm_report_format_of_path("r.csv"), -1);
	assert_int_equal(crm_report_format_of_path(NULL), -1);
	assert_int_equal(crm_report_format_parse("markdown", &f, &err), 0);
	assert_int_equal(f, CRM_REPORT_MD);
	assert_int_equal(crm_report_format_parse("pdf", &f, &err), -1);
	assert_int_equal(err.status, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_after_sample),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
