/*
 * CSV conformance: cases in the style of the public CSV test suites
 * (commas, doubled quotes and line breaks inside quotes, CRLF, empty and
 * quoted-empty fields, UTF-8).  Each input is read with crm_input (-H, so
 * every record is data) and written back with crm_writer_record: the
 * output must be the input with record terminators normalised to LF, and
 * the fields must be the expected values byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_writer.h"

#define MAXF 8
#define MAXR 8

typedef struct conf_case {
	const char *name;
	const char *input;
	const char *output;	/* NULL: same as input */
	int delim;		/* 0: sniffed */
	/* expected fields, record by record; NULL ends a record */
	const char *rec[MAXR][MAXF + 1];
	size_t nrec;
} conf_case;

static const conf_case cases[] = {
	{ "simple", "a,b,c\n1,2,3\n", NULL, 0,
	  { { "a", "b", "c" }, { "1", "2", "3" } }, 2 },
	{ "simple_crlf", "a,b,c\r\n1,2,3\r\n", "a,b,c\n1,2,3\n", 0,
	  { { "a", "b", "c" }, { "1", "2", "3" } }, 2 },
	{ "comma_in_quotes",
	  "first,last,address,city,zip\n"
	  "Jane,Roe,12 Elm St.,\"Springfield, IL\",62701\n", NULL, 0,
	  { { "first", "last", "address", "city", "zip" },
	    { "Jane", "Roe", "12 Elm St.", "Springfield, IL", "62701" } }, 2 },
	{ "escaped_quotes", "a,b\n1,\"he said \"\"no\"\" twice\"\n3,4\n",
	  NULL, 0,
	  { { "a", "b" }, { "1", "he said \"no\" twice" }, { "3", "4" } }, 3 },
	{ "only_quotes", "x\n\"\"\"\"\n\"\"\"\"\"\"\n", NULL, 0,
	  { { "x" }, { "\"" }, { "\"\"" } }, 3 },
	{ "newlines", "a,b,c\n1,2,3\n\"Line one\nline two\",5,6\n7,8,9\n",
	  NULL, 0,
	  { { "a", "b", "c" }, { "1", "2", "3" },
	    { "Line one\nline two", "5", "6" }, { "7", "8", "9" } }, 4 },
	{ "newlines_crlf",
	  "a,b,c\r\n1,2,3\r\n\"Line one\r\nline two\",5,6\r\n7,8,9\r\n",
	  "a,b,c\n1,2,3\n\"Line one\r\nline two\",5,6\n7,8,9\n", 0,
	  { { "a", "b", "c" }, { "1", "2", "3" },
	    { "Line one\r\nline two", "5", "6" }, { "7", "8", "9" } }, 4 },
	{ "quotes_and_newlines", "a,b\n1,\"x \n\"\"y\"\" \nz\"\n3,4\n", NULL, 0,
	  { { "a", "b" }, { "1", "x \n\"y\" \nz" }, { "3", "4" } }, 3 },
	{ "empty", "a,b,c\n1,\"\",\"\"\n2,3,4\n", NULL, 0,
	  { { "a", "b", "c" }, { "1", "", "" }, { "2", "3", "4" } }, 3 },
	{ "empty_crlf", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n",
	  "a,b,c\n1,\"\",\"\"\n2,3,4\n", 0,
	  { { "a", "b", "c" }, { "1", "", "" }, { "2", "3", "4" } }, 3 },
	{ "empty_unquoted", "a,b,c\n,,\n1,,\n", NULL, 0,
	  { { "a", "b", "c" }, { "", "", "" }, { "1", "", "" } }, 3 },
	{ "one_column_empty", "v\n\"\"\nx\n", NULL, 0,
	  { { "v" }, { "" }, { "x" } }, 3 },
	{ "utf8", "a,b,c\n1,2,3\n4,5,\xca\xa4\n", NULL, 0,
	  { { "a", "b", "c" }, { "1", "2", "3" }, { "4", "5", "\xca\xa4" } },
	  3 },
	{ "utf8_4byte", "\xf0\x9f\x98\x80,\"\xc3\xbc,\xc3\xb6\"\n", NULL, 0,
	  { { "\xf0\x9f\x98\x80", "\xc3\xbc,\xc3\xb6" } }, 1 },
	{ "json", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\", "
	  "\"\"coordinates\"\": [102.0, 0.5]}\"\n", NULL, 0,
	  { { "key", "val" },
	    { "1", "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}" } },
	  2 },
	{ "location", "test,123\n\"wxyz, uvw\",1\n", NULL, 0,
	  { { "test", "123" }, { "wxyz, uvw", "1" } }, 2 },
	{ "spaces", " a , b \n\" a \", b \n", NULL, 0,
	  { { " a ", " b " }, { " a ", " b " } }, 2 },
	{ "no_final_newline", "a,b\n1,\"2\"", "a,b\n1,\"2\"\n", 0,
	  { { "a", "b" }, { "1", "2" } }, 2 },
	{ "blank_lines", "a,b\n\n1,2\n\r\n\n", "a,b\n1,2\n", 0,
	  { { "a", "b" }, { "1", "2" } }, 2 },
	{ "cr_only", "a,b\r1,\"x\ry\"\r", "a,b\n1,\"x\ry\"\n", 0,
	  { { "a", "b" }, { "1", "x\ry" } }, 2 },
	{ "bom", "\xef\xbb\xbf" "a,b\n1,2\n", "a,b\n1,2\n", 0,
	  { { "a", "b" }, { "1", "2" } }, 2 },
	{ "semicolon", "name;amount\n\"M\xc3\xbcller; Sohn\";1,5\n", NULL, 0,
	  { { "name", "amount" }, { "M\xc3\xbcller; Sohn", "1,5" } }, 2 },
	{ "tab", "a\tb\n\"x\ty\"\t\"\"\n", NULL, '\t',
	  { { "a", "b" }, { "x\ty", "" } }, 2 },
	{ "pipe", "a|b\n1|\"|\"\n", NULL, 0,
	  { { "a", "b" }, { "1", "|" } }, 2 },
};

static char tmpdir[256];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/crm_test_conf-XXXXXX");
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int
teardown_dir(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

static void
run_case(const conf_case *c)
{
	char in_path[512], out_path[512];
	const char *paths[1] = { in_path };
	crm_csv_config cfg = { .delimiter = c->delim, .no_header = true };
	crm_writer_config wc = { .numfmt = { .precision = -1 } };
	const char *want = c->output != NULL ? c->output : c->input;
	crm_error err;
	crm_record rec;
	crm_input *in;
	crm_writer *w;
	size_t nrec = 0, n;
	char got[4096];
	FILE *fp;
	int rc;

	snprintf(in_path, sizeof in_path, "%s/in.csv", tmpdir);
	snprintf(out_path, sizeof out_path, "%s/out.csv", tmpdir);
	fp = fopen(in_path, "wb");
	assert_non_null(fp);
	fputs(c->input, fp);
	assert_int_equal(fclose(fp), 0);

	in = crm_input_open((char *const *)paths, 1, &cfg, false, &err);
	assert_non_null(in);
	wc.delimiter = crm_input_delimiter(in);
	w = crm_writer_open(out_path, &wc, &err);
	assert_non_null(w);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		const char *const *exp;
		size_t k = 0;

		assert_true(nrec < c->nrec);
		exp = c->rec[nrec];
		while (k < MAXF && exp[k] != NULL)
			k++;
		assert_int_equal(rec.n, k);
		for (size_t i = 0; i < k; i++) {
			assert_int_equal(rec.len[i], strlen(exp[i]));
			assert_memory_equal(rec.f[i], exp[i], rec.len[i]);
		}
		assert_int_equal(crm_writer_record(w, &rec,
		    crm_input_delimiter(in)), 0);
		assert_int_equal(crm_writer_end(w), 0);
		nrec++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(nrec, c->nrec);
	crm_input_close(in);
	assert_int_equal(crm_writer_close(w, &err), 0);

	fp = fopen(out_path, "rb");
	assert_non_null(fp);
	n = fread(got, 1, sizeof got - 1, fp);
	fclose(fp);
	got[n] = '\0';
	assert_int_equal(n, strlen(want));
	assert_memory_equal(got, want, n);
	unlink(in_path);
	unlink(out_path);
}

static void
test_case(void **state)
{
	run_case(*state);
}

int
main(void)
{
	enum { N = sizeof cases / sizeof cases[0] };
	struct CMUnitTest tests[N];

	/* one cmocka test per case, named after it */
	for (size_t i = 0; i < N; i++) {
		struct CMUnitTest t = { .name = cases[i].name,
		    .test_func = test_case,
		    .initial_state = (void *)&cases[i] };

		tests[i] = t;
	}
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
