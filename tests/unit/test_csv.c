/*
 * Unit tests of the CSV reader (crm_csv_reader) and of crm_input.
 */
#define _GNU_SOURCE		/* F_GETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_tmp.h"

/* ------------------------------------------------------------------ */
/* Helpers */

static char tmpdir[256];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/crm_test_csv-XXXXXX");
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

/* An fd reading data (an unlinked temporary file). */
static int
mem_fd(const void *data, size_t n)
{
	char path[] = "/tmp/crm_test_mem-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static pid_t writer_pid;

/* An fd reading data through a pipe written in small random chunks by a
 * child, so records and CRLF pairs straddle read() boundaries. */
static int
chunked_fd(const char *data, size_t n, unsigned seed, size_t maxchunk)
{
	int p[2];

	assert_int_equal(pipe(p), 0);
	writer_pid = fork();
	assert_true(writer_pid >= 0);
	if (writer_pid == 0) {
		size_t off = 0;

		close(p[0]);
		srand(seed);
		while (off < n) {
			size_t k = 1 + (size_t)rand() % maxchunk;

			if (k > n - off)
				k = n - off;
			if (write(p[1], data + off, k) != (ssize_t)k)
				_exit(1);
			off += k;
		}
		_exit(0);
	}
	close(p[1]);
	return p[0];
}

/* An fd whose every read() returns one byte of data, deterministically
 * (a SOCK_SEQPACKET socket keeps message boundaries). */
static int
bytewise_fd(const char *data, size_t n)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(write(sv[1], data + i, 1), 1);
	close(sv[1]);
	return sv[0];
}

static void
reap_writer(void)
{
	int st;

	assert_int_equal(waitpid(writer_pid, &st, 0), writer_pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void
write_file(const char *name, const void *data, size_t n, char *path,
	   size_t psz)
{
	FILE *fp;

	snprintf(path, psz, "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

#define LIT(s) s, sizeof s - 1

/* A growing string. */
typedef struct sbuf {
	char *s;
	size_t n, cap;
} sbuf;

static void
sb_add(sbuf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sb_printf(sbuf *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	sb_add(b, tmp, (size_t)k);
}

/* One line per record: "LINE:[f1][f2]...", then "ERR S: msg" on error. */
static void
dump_record(sbuf *b, const crm_record *rec)
{
	sb_printf(b, "%lu:", rec->line);
	for (size_t i = 0; i < rec->n; i++) {
		sb_add(b, "[", 1);
		sb_add(b, rec->f[i], rec->len[i]);
		sb_add(b, "]", 1);
	}
	sb_add(b, "\n", 1);
}

static char *
dump_reader(crm_csv_reader *r)
{
	sbuf b = { 0 };
	crm_record rec;
	crm_error err;
	int rc;

	sb_add(&b, "", 0);
	while ((rc = crm_csv_read(r, &rec, &err)) > 0)
		dump_record(&b, &rec);
	if (rc < 0)
		sb_printf(&b, "ERR %d: %s\n", err.status, err.msg);
	return b.s;
}

/* Parse s with delimiter d (0: sniff) and encoding enc. */
static char *
parse_enc(const char *s, size_t n, int d, const char *enc)
{
	crm_csv_config cfg = { .delimiter = d, .encoding = enc };
	crm_error err;
	crm_csv_reader *r = crm_csv_open_fd(mem_fd(s, n), "in.csv", &cfg,
	    NULL, &err);
	char *out;

	assert_non_null(r);
	out = dump_reader(r);
	crm_csv_close(r);
	return out;
}

static char *
parse(const char *s, int d)
{
	return parse_enc(s, strlen(s), d, NULL);
}

#define assert_parse(input, delim, expected) do {			\
		char *out_ = parse((input), (delim));			\
		assert_string_equal(out_, (expected));			\
		free(out_);						\
	} while (0)

/* ------------------------------------------------------------------ */
/* Reader: records, fields, line ends */

static void
test_simple(void **state)
{
	(void)state;
	assert_parse("a,b,c\n1,2,3\n", ',', "1:[a][b][c]\n2:[1][2][3]\n");
	assert_parse("x\n", ',', "1:[x]\n");
	assert_parse("a;b\n", ';', "1:[a][b]\n");
	assert_parse("a\tb,c\n", '\t', "1:[a][b,c]\n");
	assert_parse("a|b\n", '|', "1:[a][b]\n");
}

static void
test_line_ends(void **state)
{
	(void)state;
	assert_parse("a,b\r\n1,2\r\n", ',', "1:[a][b]\n2:[1][2]\n");
	assert_parse("a,b\r1,2\r", ',', "1:[a][b]\n2:[1][2]\n");
	assert_parse("a,b\n1,2\r3,4\r\n5,6", ',',
	    "1:[a][b]\n2:[1][2]\n3:[3][4]\n4:[5][6]\n");
	/* the same with quotes, through libcsv */
	assert_parse("\"a\",b\r\n\"1\",2\r\"3\",4\n\"5\",6", ',',
	    "1:[a][b]\n2:[1][2]\n3:[3][4]\n4:[5][6]\n");
	/* LF CR is two line ends, CR LF one */
	assert_parse("a\n\rb\r\nc\n", ',', "1:[a]\n3:[b]\n4:[c]\n");
}

static void
test_blank_lines(void **state)
{
	(void)state;
	assert_parse("\n\na,b\n\n\n1,2\n\n", ',',
	    "3:[a][b]\n6:[1][2]\n");
	assert_parse("\r\n\r\na\r\n\r\nb\r\n", ',', "3:[a]\n5:[b]\n");
	assert_parse("\r\ra\r\r\"b\"\r", ',', "3:[a]\n5:[b]\n");
	assert_parse("\n\n\n", ',', "");
	assert_parse("", ',', "");
	/* a line of spaces is not blank: nothing is trimmed */
	assert_parse("a\n \n", ',', "1:[a]\n2:[ ]\n");
}

static void
test_quoted_newlines(void **state)
{
	(void)state;
	assert_parse("a,\"x\ny\",b\nc,d,e\n", ',',
	    "1:[a][x\ny][b]\n3:[c][d][e]\n");
	assert_parse("\"1\r\n2\r3\n\n4\",z\r\nnext\n", ',',
	    "1:[1\r\n2\r3\n\n4][z]\n6:[next]\n");
	/* blank lines inside quotes are data */
	assert_parse("\"\n\n\"\nq\n", ',', "1:[\n\n]\n4:[q]\n");
}

static void
test_quoting(void **state)
{
	(void)state;
	assert_parse("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n", ',',
	    "1:[a,b][say \"hi\"][\"]\n");
	assert_parse("\"a;b\";c\n", ';', "1:[a;b][c]\n");
	/* the other delimiters are plain data */
	assert_parse("\"a;b\";c,d\n", ';', "1:[a;b][c,d]\n");
}

static void
test_empty_fields(void **state)
{
	(void)state;
	assert_parse(",,\n", ',', "1:[][][]\n");
	assert_parse("\"\",\"\"\n", ',', "1:[][]\n");
	assert_parse("\"\"\n", ',', "1:[]\n");
	assert_parse("a,\n", ',', "1:[a][]\n");
	assert_parse("a,\"\"\n", ',', "1:[a][]\n");
	assert_parse(",a\n", ',', "1:[][a]\n");
	assert_parse("\"\",a\n", ',', "1:[][a]\n");
	assert_parse(",\"\",\n", ',', "1:[][][]\n");
}

static void
test_spaces_preserved(void **state)
{
	(void)state;
	assert_parse(" a , b ,\t\n", ',', "1:[ a ][ b ][\t]\n");
	assert_parse("\" a \", b ,\"\t\"\n", ',', "1:[ a ][ b ][\t]\n");
	assert_parse("  \n", ',', "1:[  ]\n");
}

static void
test_no_trailing_newline(void **state)
{
	(void)state;
	assert_parse("a,b\n1,2", ',', "1:[a][b]\n2:[1][2]\n");
	assert_parse("a,b\n\"1\",\"2\"", ',', "1:[a][b]\n2:[1][2]\n");
	assert_parse("a,b\n1,", ',', "1:[a][b]\n2:[1][]\n");
	assert_parse("a,b\n\"x\ny\"", ',', "1:[a][b]\n2:[x\ny]\n");
	assert_parse("a\r", ',', "1:[a]\n");
}

static void
test_bom(void **state)
{
	(void)state;
	assert_parse("\xEF\xBB\xBF" "a,b\n1,2\n", ',',
	    "1:[a][b]\n2:[1][2]\n");
	assert_parse("\xEF\xBB\xBF" "\"a\",b\n", ',', "1:[a][b]\n");
	assert_parse("\xEF\xBB\xBF", ',', "");
	/* only at the start of the file */
	assert_parse("a\n\xEF\xBB\xBF" "b\n", ',', "1:[a]\n2:[\xEF\xBB\xBF" "b]\n");
	/* sniffing sees past it */
	assert_parse("\xEF\xBB\xBF" "a;b\n", 0, "1:[a][b]\n");
}

/* Parse s[0..n) with cfg; the dump as assert_parse has it. */
static char *
parse_cfg(const char *s, size_t n, const crm_csv_config *cfg)
{
	crm_error err;
	crm_csv_reader *r = crm_csv_open_fd(mem_fd(s, n), "in.csv", cfg,
	    NULL, &err);
	char *out;

	assert_non_null(r);
	out = dump_reader(r);
	crm_csv_close(r);
	return out;
}

/* NUL bytes are UTF-8 and pass; invalid UTF-8 in the first 64 KiB is a
 * data error naming the line of its first bad byte, also inside a
 * quoted field spanning lines. */
static void
test_binary_bytes(void **state)
{
	static const char in[] = "a\0b,\xC3\xA4\n\"c\0\",\xE2\x82\xAC\n";
	char *out;

	(void)state;
	out = parse_enc(in, sizeof in - 1, ',', NULL);
	assert_memory_equal(out, "1:[a\0b][\xC3\xA4]\n2:[c\0][\xE2\x82\xAC]\n",
	    24);
	free(out);
	assert_parse("n\xE4me,x\n1,2\n", ',', "ERR 1: in.csv:1: invalid "
	    "UTF-8 (byte 0xE4); is the file cp1252? try --encoding cp1252\n");
	assert_parse("a,b\nM\xE4rz,1\n", ',', "1:[a][b]\nERR 1: in.csv:2: "
	    "invalid UTF-8 (byte 0xE4); is the file cp1252? try --encoding "
	    "cp1252\n");
	assert_parse("a,b\n\"x\ny\nz\xC0\x80\",1\n", ',', "1:[a][b]\n"
	    "ERR 1: in.csv:4: invalid UTF-8 (byte 0xC0); is the file cp1252? "
	    "try --encoding cp1252\n");
	/* converted input is UTF-8 by construction */
	out = parse_enc("a,b\nM\xE4rz,1\n", 11, ',', "cp1252");
	assert_string_equal(out, "1:[a][b]\n2:[M\xC3\xA4rz][1]\n");
	free(out);
}

/* Past the first 64 KiB bytes that are passed through are not checked,
 * unless check_all (--bom) says so. */
static void
test_utf8_window(void **state)
{
	crm_csv_config cfg = { .delimiter = ',' };
	sbuf in = { 0 };
	const size_t rows = 70000;	/* 6 bytes a row: 420000 bytes */
	char *out;

	(void)state;
	sb_printf(&in, "a,b\n");
	for (size_t i = 2; i <= rows; i++)
		sb_printf(&in, i == rows ? "\xFF\xFE,2\n" : "1234,\n");
	out = parse_cfg(in.s, in.n, &cfg);
	assert_null(strstr(out, "ERR"));
	assert_non_null(strstr(out, "70000:[\xFF\xFE][2]\n"));
	free(out);
	cfg.check_all = true;
	out = parse_cfg(in.s, in.n, &cfg);
	assert_non_null(strstr(out, "69999:[1234][]\nERR 1: in.csv:70000: "
	    "invalid UTF-8 (byte 0xFF)"));
	free(out);
	free(in.s);
}

static void
test_raw(void **state)
{
	crm_csv_config cfg = { .delimiter = ',' };
	static const char in[] =
	    "a, \"b\"\"\",c\r\n\"x\r\ny\",z\n\n plain ,t\r\"end\"";
	crm_csv_reader *r;
	crm_record rec;
	crm_error err;

	(void)state;
	r = crm_csv_open_fd(mem_fd(in, sizeof in - 1), "raw.csv", &cfg, NULL,
	    &err);
	assert_non_null(r);
	/* a bare quote would be an error: use valid quoting */
	assert_int_equal(crm_csv_read(r, &rec, &err), -1);
	assert_string_equal(err.msg, "raw.csv:1: bare quote in unquoted field");
	crm_csv_close(r);

	static const char in2[] =
	    "a,\"b\"\"\",c\r\n\"x\r\ny\",z\n\n plain ,t\r\"end\"";
	r = crm_csv_open_fd(mem_fd(in2, sizeof in2 - 1), "raw.csv", &cfg,
	    NULL, &err);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.rawlen, 9);
	assert_memory_equal(rec.raw, "a,\"b\"\"\",c", 9);
	assert_int_equal(rec.n, 3);
	assert_memory_equal(rec.f[1], "b\"", 2);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.rawlen, 8);
	assert_memory_equal(rec.raw, "\"x\r\ny\",z", 8);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.line, 5);
	assert_int_equal(rec.rawlen, 9);
	assert_memory_equal(rec.raw, " plain ,t", 9);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.line, 6);
	assert_int_equal(rec.rawlen, 5);
	assert_memory_equal(rec.raw, "\"end\"", 5);
	assert_int_equal(crm_csv_read(r, &rec, &err), 0);
	assert_int_equal(crm_csv_read(r, &rec, &err), 0);
	crm_csv_close(r);
}

/* ------------------------------------------------------------------ */
/* Reader: strict quoting errors */

static void
test_bare_quote(void **state)
{
	(void)state;
	assert_parse("a,b\n1,12\" screen\n", ',',
	    "1:[a][b]\nERR 1: in.csv:2: bare quote in unquoted field\n");
	assert_parse("a,b\n1, \"x\"\n", ',',
	    "1:[a][b]\nERR 1: in.csv:2: bare quote in unquoted field\n");
	/* on a later physical line of a multi-line record */
	assert_parse("\"a\nb\",c\"d\n", ',',
	    "ERR 1: in.csv:2: bare quote in unquoted field\n");
}

static void
test_junk_after_quote(void **state)
{
	(void)state;
	assert_parse("x\n\"ab\"c,d\n", ',',
	    "1:[x]\nERR 1: in.csv:2: unexpected character after closing quote\n");
	assert_parse("\"ab\" ,d\n", ',',
	    "ERR 1: in.csv:1: unexpected character after closing quote\n");
	assert_parse("\"a\n\nb\"x\n", ',',
	    "ERR 1: in.csv:3: unexpected character after closing quote\n");
	/* a closing quote then a quote after a doubled one */
	assert_parse("\"a\"\"\"x\n", ',',
	    "ERR 1: in.csv:1: unexpected character after closing quote\n");
}

static void
test_open_quote(void **state)
{
	(void)state;
	assert_parse("a,b\n1,\"open\n2,3\n4,5\n", ',',
	    "1:[a][b]\nERR 1: in.csv:2: quote opened here is never closed\n");
	/* the field starts on a later line than its record */
	assert_parse("h\n\"x\ny\",\"z\n\nw", ',',
	    "1:[h]\nERR 1: in.csv:3: quote opened here is never closed\n");
	assert_parse("\"", ',',
	    "ERR 1: in.csv:1: quote opened here is never closed\n");
	/* CRLF inside the record counts as one line end */
	assert_parse("h\r\n\"x\r\ny\",\"z\r\n\r\nw", ',',
	    "1:[h]\nERR 1: in.csv:3: quote opened here is never closed\n");
	/* errors are sticky */
	{
		crm_csv_config cfg = { .delimiter = ',' };
		crm_error err;
		crm_record rec;
		crm_csv_reader *r = crm_csv_open_fd(mem_fd("\"x", 2), "s",
		    &cfg, NULL, &err);

		assert_int_equal(crm_csv_read(r, &rec, &err), -1);
		err.msg[0] = '\0';
		assert_int_equal(crm_csv_read(r, &rec, &err), -1);
		assert_string_equal(err.msg,
		    "s:1: quote opened here is never closed");
		crm_csv_close(r);
	}
}

/* ------------------------------------------------------------------ */
/* Reader: sniffing */

static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(crm_csv_sniff("a,b,c\n", 6), ',');
	assert_int_equal(crm_csv_sniff("a;b;c\nx,y,z,w,v\n", 16), ';');
	assert_int_equal(crm_csv_sniff("a\tb\tc;d", 7), '\t');
	assert_int_equal(crm_csv_sniff("a|b", 3), '|');
	assert_int_equal(crm_csv_sniff("abc", 3), ',');
	assert_int_equal(crm_csv_sniff("", 0), ',');
	/* ties go to ',' even if ',' is not among them */
	assert_int_equal(crm_csv_sniff("a;b|c", 5), ',');
	assert_int_equal(crm_csv_sniff("a;b,c", 5), ',');
	assert_int_equal(crm_csv_sniff("a;b;c|d|e|f", 11), '|');
	/* inside quotes nothing counts, doubled quotes included */
	assert_int_equal(crm_csv_sniff("\"a,b,c\";d", 9), ';');
	assert_int_equal(crm_csv_sniff("\"a\"\",\"\"b\";d", 11), ';');
	/* a quoted line break does not end the first line */
	assert_int_equal(crm_csv_sniff("\"x\n,,,\";a;b", 11), ';');
	/* leading blank lines are skipped */
	assert_int_equal(crm_csv_sniff("\r\n\na;b", 6), ';');
	/* reader integration */
	assert_parse("name;city\n\"Doe, J\";Köln\n", 0,
	    "1:[name][city]\n2:[Doe, J][Köln]\n");
	assert_parse("\n\na\tb\n", 0, "3:[a][b]\n");
	assert_parse("a,b;c\n", 0, "1:[a][b;c]\n");
	assert_parse("", 0, "");
	/* the whole first record is sniffed, however read() splits it
	 * (found by fuzz_csv) */
	{
		crm_csv_config cfg = { .delimiter = 0 };
		crm_error err;
		crm_csv_reader *r = crm_csv_open_fd(
		    bytewise_fd(LIT("\"a\nb\";x;y\n1;2;3\n")), "in.csv", &cfg,
		    NULL, &err);
		char *out;

		assert_non_null(r);
		out = dump_reader(r);
		crm_csv_close(r);
		assert_string_equal(out, "1:[a\nb][x][y]\n3:[1][2][3]\n");
		free(out);
	}
}

static void
test_delimiter_query(void **state)
{
	crm_csv_config cfg = { 0 };
	crm_error err;
	crm_csv_reader *r = crm_csv_open_fd(mem_fd("a|b\n", 4), "q", &cfg,
	    NULL, &err);
	crm_record rec;

	(void)state;
	assert_int_equal(crm_csv_delimiter(r, &err), '|');
	assert_string_equal(crm_csv_name(r), "q");
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.n, 2);
	crm_csv_close(r);

	cfg.delimiter = '"';
	r = crm_csv_open_fd(mem_fd("a\n", 2), "q", &cfg, NULL, &err);
	assert_null(r);
	assert_int_equal(err.status, CRM_EXIT_USAGE);
}

/* ------------------------------------------------------------------ */
/* Reader: fast path and libcsv agree */

static void
test_paths_agree(void **state)
{
	(void)state;
	/* the same line with and without quotes */
	assert_parse("a,b c,,d\n\"a\",\"b c\",\"\",\"d\"\n", ',',
	    "1:[a][b c][][d]\n2:[a][b c][][d]\n");
	assert_parse("a,,\n\"a\",,\n", ',', "1:[a][][]\n2:[a][][]\n");
	assert_parse("x;y\r\n\"x\";y\r\n", ';', "1:[x][y]\n2:[x][y]\n");
}

/* Random records, quoted only where needed or everywhere, read whole and
 * through a pipe in random chunks: fields must round-trip. */
static void
test_random_roundtrip(void **state)
{
	static const char alphabet[] = "ab ,;\"\r\n\txé";
	(void)state;
	for (unsigned seed = 1; seed <= 40; seed++) {
		sbuf in = { 0 }, want = { 0 };
		unsigned long line = 1;
		char *got;
		crm_csv_config cfg = { .delimiter = ',' };
		crm_error err;
		crm_csv_reader *r;

		srand(seed);
		sb_add(&in, "", 0);
		sb_add(&want, "", 0);
		for (int rec = 0; rec < 300; rec++) {
			int nf = 1 + rand() % 5;
			const char *eol = (const char *[]){ "\n", "\r\n",
			    "\r" }[rand() % 3];
			unsigned long lines = 0;

			sb_printf(&want, "%lu:", line);
			for (int f = 0; f < nf; f++) {
				char val[40];
				int len = rand() % 12;
				bool quote = rand() % 3 == 0;

				int n = 0;

				/* é comes whole: the input must be UTF-8 */
				for (int i = 0; i < len; i++) {
					char c = alphabet[rand() %
					    (sizeof alphabet - 1)];

					if ((unsigned char)c >= 0x80) {
						val[n++] = '\xC3';
						c = '\xA9';
					}
					val[n++] = c;
				}
				len = n;
				if (nf == 1 && len == 0)
					quote = true;	/* not a blank line */
				for (int i = 0; i < len; i++)
					if (strchr(",\"\r\n", val[i]))
						quote = true;
				if (f > 0)
					sb_add(&in, ",", 1);
				if (quote) {
					sb_add(&in, "\"", 1);
					for (int i = 0; i < len; i++) {
						if (val[i] == '"')
							sb_add(&in, "\"", 1);
						sb_add(&in, &val[i], 1);
					}
					sb_add(&in, "\"", 1);
				} else {
					sb_add(&in, val, (size_t)len);
				}
				for (int i = 0; i < len; i++)
					if (val[i] == '\n' || (val[i] == '\r' &&
					    !(i + 1 < len && val[i + 1] == '\n')))
						lines++;
				sb_add(&want, "[", 1);
				sb_add(&want, val, (size_t)len);
				sb_add(&want, "]", 1);
			}
			sb_add(&want, "\n", 1);
			sb_add(&in, eol, strlen(eol));
			line += lines + 1;
			if (rand() % 10 == 0) {	/* blank line */
				sb_add(&in, eol, strlen(eol));
				line++;
			}
		}
		/* the whole file at once */
		got = parse_enc(in.s, in.n, ',', NULL);
		assert_string_equal(got, want.s);
		free(got);
		/* in chunks of 1..N bytes through a pipe */
		r = crm_csv_open_fd(chunked_fd(in.s, in.n, seed, 1 + seed * 7),
		    "pipe", &cfg, NULL, &err);
		got = dump_reader(r);
		crm_csv_close(r);
		reap_writer();
		assert_string_equal(got, want.s);
		free(got);
		free(in.s);
		free(want.s);
	}
}

/* ------------------------------------------------------------------ */
/* Reader: long records */

static void
check_long(size_t flen, bool quoted)
{
	size_t n = flen + 64;
	char *in = malloc(n), *p = in;
	crm_csv_config cfg = { .delimiter = ',' };
	crm_error err;
	crm_record rec;
	crm_csv_reader *r;

	assert_non_null(in);
	p += sprintf(p, "h1,h2\n%s", quoted ? "\"" : "");
	for (size_t i = 0; i < flen; i++)
		*p++ = quoted && i % 1000 == 999 ? '\n' : (char)('a' + i % 26);
	p += sprintf(p, "%s,end\nx,y\n", quoted ? "\"" : "");
	r = crm_csv_open_fd(chunked_fd(in, (size_t)(p - in), 7, 100000),
	    "big", &cfg, NULL, &err);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.len[0], flen);
	assert_memory_equal(rec.f[0], in + 6 + quoted, flen);
	assert_int_equal(rec.len[1], 3);
	assert_memory_equal(rec.f[1], "end", 3);
	assert_int_equal(rec.rawlen, flen + 4 + 2 * quoted);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.line, 3 + (quoted ? flen / 1000 : 0));
	assert_memory_equal(rec.f[1], "y", 1);
	assert_int_equal(crm_csv_read(r, &rec, &err), 0);
	crm_csv_close(r);
	reap_writer();
	free(in);
}

static void
test_long_records(void **state)
{
	(void)state;
	check_long(5u << 20, false);
	check_long(5u << 20, true);
	check_long(16u << 20, true);
}

/* ------------------------------------------------------------------ */
/* Reader: encodings, I/O errors, spool */

/* Excel's sep= line; UTF-16 byte-order marks; a UTF-8 one with
 * --encoding. */
static void
test_sep_and_utf16(void **state)
{
	char *out;

	(void)state;
	out = parse_enc(LIT("sep=;\r\na;b\r\n1;2\r\n"), 0, NULL);
	assert_string_equal(out, "2:[a][b]\n3:[1][2]\n");
	free(out);
	out = parse_enc(LIT("\xEF\xBB\xBFsep=|\na|b\n"), 0, NULL);
	assert_string_equal(out, "2:[a][b]\n");
	free(out);
	out = parse_enc(LIT("sep=;\na;b\n"), ',', NULL);
	assert_non_null(strstr(out, "the first line says sep=;"));
	free(out);
	out = parse_enc(LIT("sep=;x\n1\n"), ',', NULL);
	assert_string_equal(out, "1:[sep=;x]\n2:[1]\n");
	free(out);
	/* "a\tb\n\u00fc\t2\n" in UTF-16LE and BE, --encoding ignored */
	out = parse_enc(LIT("\xFF\xFE" "a\0\t\0b\0\n\0\xFC\0\t\0002\0\n\0"),
	    0, "cp1252");
	assert_string_equal(out, "1:[a][b]\n2:[\xC3\xBC][2]\n");
	free(out);
	out = parse_enc(LIT("\xFE\xFF\0a\0\t\0b\0\n\0\xFC\0\t\0002\0\n"),
	    0, NULL);
	assert_string_equal(out, "1:[a][b]\n2:[\xC3\xBC][2]\n");
	free(out);
	out = parse_enc(LIT("\xEF\xBB\xBF" "a\n"), 0, "latin1");
	assert_non_null(strstr(out, "UTF-8 byte-order mark"));
	free(out);
}

static void
test_cp1252(void **state)
{
	char *out;

	(void)state;
	out = parse_enc(LIT("price\n\x80 5,\"\x93q\x94\"\n"), 0, "cp1252");
	assert_string_equal(out,
	    "1:[price]\n2:[\xE2\x82\xAC 5][\xE2\x80\x9Cq\xE2\x80\x9D]\n");
	free(out);
	out = parse_enc(LIT("a\nb\r\nc\x81\n"), ',', "CP1252");
	assert_string_equal(out, "1:[a]\n2:[b]\n"
	    "ERR 1: in.csv:3: byte 0x81 is not defined in cp1252\n");
	free(out);
	/* A CR line end followed by a byte that does not convert: that
	 * byte is no LF, so the record before it is complete and comes
	 * first, as with a LF line end (found by fuzz_csv). */
	out = parse_enc(LIT("a\r\x90"), ',', "cp1252");
	assert_string_equal(out, "1:[a]\n"
	    "ERR 1: in.csv:2: byte 0x90 is not defined in cp1252\n");
	free(out);
	out = parse_enc(LIT("\"a\"\r\x90"), ',', "cp1252");
	assert_string_equal(out, "1:[a]\n"
	    "ERR 1: in.csv:2: byte 0x90 is not defined in cp1252\n");
	free(out);
	/* ... however the bytes arrive */
	{
		crm_csv_config cfg = { .delimiter = ',', .encoding = "cp1252" };
		crm_error err;
		crm_csv_reader *r = crm_csv_open_fd(bytewise_fd(LIT("a\r\x90")),
		    "in.csv", &cfg, NULL, &err);

		assert_non_null(r);
		out = dump_reader(r);
		crm_csv_close(r);
		assert_string_equal(out, "1:[a]\n"
		    "ERR 1: in.csv:2: byte 0x90 is not defined in cp1252\n");
		free(out);
	}
	for (const char *bad = "\x8D\x8F\x90\x9D"; *bad; bad++) {
		out = parse_enc(bad, 1, ',', "cp1252");
		assert_non_null(strstr(out, "ERR 1: in.csv:1: byte 0x"));
		free(out);
	}
}

static void
test_latin1(void **state)
{
	char *out;

	(void)state;
	out = parse_enc(LIT("K\xF6ln;M\xFCnchen;\xC4\n"), ';', "latin1");
	assert_string_equal(out,
	    "1:[K\xC3\xB6ln][M\xC3\xBCnchen][\xC3\x84]\n");
	free(out);
	/* utf-8 means no conversion */
	out = parse_enc(LIT("\xC3\xB6\n"), ',', "utf-8");
	assert_string_equal(out, "1:[\xC3\xB6]\n");
	free(out);
}

static void
test_unknown_encoding(void **state)
{
	crm_csv_config cfg = { .delimiter = ',', .encoding = "ebcdic" };
	crm_error err;

	(void)state;
	assert_null(crm_csv_open_fd(mem_fd("a\n", 2), "x", &cfg, NULL, &err));
	assert_int_equal(err.status, CRM_EXIT_USAGE);
	assert_string_equal(err.msg,
	    "unknown encoding 'ebcdic' (use cp1252 or latin1)");
	assert_null(crm_input_open(NULL, 0, &cfg, false, &err));
	assert_int_equal(err.status, CRM_EXIT_USAGE);
}

static void
test_read_error(void **state)
{
	crm_csv_config cfg = { .delimiter = ',' };
	crm_error err;
	crm_record rec;
	int fd = open("/dev/null", O_WRONLY);
	crm_csv_reader *r;

	(void)state;
	r = crm_csv_open_fd(fd, "wo.csv", &cfg, NULL, &err);
	assert_int_equal(crm_csv_read(r, &rec, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	assert_string_equal(err.msg, "wo.csv: read error: Bad file descriptor");
	crm_csv_close(r);
}

static void
test_spool(void **state)
{
	char in[20000];
	crm_csv_config cfg = { .delimiter = ',' };
	crm_error err;
	crm_record rec;
	FILE *sp = tmpfile();
	crm_csv_reader *r;
	size_t n = 0;
	char back[sizeof in];

	(void)state;
	for (int i = 0; n + 16 < sizeof in; i++)
		n += (size_t)sprintf(in + n, "%d,\"v%d\"\n", i, i);
	r = crm_csv_open_fd(chunked_fd(in, n, 3, 999), "<stdin>", &cfg, sp,
	    &err);
	while (crm_csv_read(r, &rec, &err) > 0)
		;
	crm_csv_close(r);
	reap_writer();
	assert_int_equal(fflush(sp), 0);
	rewind(sp);
	assert_int_equal(fread(back, 1, sizeof back, sp), n);
	assert_memory_equal(back, in, n);
	fclose(sp);

	/* a spool that cannot be written is an I/O error */
	sp = fopen("/dev/full", "w");
	assert_non_null(sp);
	setvbuf(sp, NULL, _IONBF, 0);
	setenv("TMPDIR", "/some/tmp", 1);
	r = crm_csv_open_fd(mem_fd(in, n), "<stdin>", &cfg, sp, &err);
	assert_int_equal(crm_csv_read(r, &rec, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	assert_string_equal(err.msg, "cannot spool standard input to "
	    "/some/tmp: No space left on device");
	unsetenv("TMPDIR");
	crm_csv_close(r);
	fclose(sp);
}

/* ------------------------------------------------------------------ */
/* crm_input */

static crm_input *
open_paths(const char **names, size_t n, bool no_header, int delim,
	   bool two_pass, crm_error *err)
{
	crm_csv_config cfg = { .delimiter = delim, .no_header = no_header };

	return crm_input_open((char *const *)names, n, &cfg, two_pass, err);
}

static char *
dump_input(crm_input *in)
{
	sbuf b = { 0 };
	crm_record rec;
	crm_error err;
	int rc;

	sb_add(&b, "", 0);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		sb_printf(&b, "%s:", crm_input_name(in));
		dump_record(&b, &rec);
	}
	if (rc < 0)
		sb_printf(&b, "ERR %d: %s\n", err.status, err.msg);
	return b.s;
}

static void
test_input_basic(void **state)
{
	char p1[512];
	const char *paths[1];
	crm_error err;
	crm_input *in;
	const crm_header *h;
	const crm_record *hr;
	char *out;

	(void)state;
	write_file("a.csv", LIT("id;name;name\n1;x;y\n2;\"z\";w\n"), p1,
	    sizeof p1);
	paths[0] = p1;
	in = open_paths(paths, 1, false, 0, false, &err);
	assert_non_null(in);
	assert_int_equal(crm_input_delimiter(in), ';');
	h = crm_input_header(in);
	assert_int_equal(h->n, 3);
	assert_false(h->synthetic);
	assert_string_equal(h->name[0], "id");
	assert_string_equal(h->name[2], "name");
	assert_int_equal(crm_csv_header_find(h, "id", 2), 0);
	assert_int_equal(crm_csv_header_find(h, "name", 4), -2);
	assert_int_equal(crm_csv_header_find(h, "nam", 3), -1);
	assert_int_equal(crm_csv_header_find(h, "idx", 3), -1);
	hr = crm_input_header_record(in);
	assert_non_null(hr);
	assert_int_equal(hr->rawlen, 12);
	assert_memory_equal(hr->raw, "id;name;name", 12);
	assert_int_equal(hr->n, 3);
	out = dump_input(in);
	/* the header record survives reading */
	assert_memory_equal(hr->raw, "id;name;name", 12);
	assert_memory_equal(hr->f[1], "name", 4);
	crm_input_close(in);
	char want[2048];
	snprintf(want, sizeof want, "%s:2:[1][x][y]\n%s:3:[2][z][w]\n", p1,
	    p1);
	assert_string_equal(out, want);
	free(out);
}

static void
test_input_no_header(void **state)
{
	char p1[512], p2[512];
	const char *paths[2];
	crm_error err;
	crm_input *in;
	const crm_header *h;
	char *out, want[4096];

	(void)state;
	write_file("h1.csv", LIT("\n7,8,9\n1,2,3\n"), p1, sizeof p1);
	write_file("h2.csv", LIT("4,5,6\n"), p2, sizeof p2);
	paths[0] = p1;
	paths[1] = p2;
	in = open_paths(paths, 2, true, ',', false, &err);
	assert_non_null(in);
	h = crm_input_header(in);
	assert_true(h->synthetic);
	assert_int_equal(h->n, 3);
	assert_string_equal(h->name[0], "1");
	assert_string_equal(h->name[2], "3");
	assert_int_equal(crm_csv_header_find(h, "2", 1), 1);
	assert_null(crm_input_header_record(in));
	out = dump_input(in);
	snprintf(want, sizeof want,
	    "%s:2:[7][8][9]\n%s:3:[1][2][3]\n%s:1:[4][5][6]\n", p1, p1, p2);
	assert_string_equal(out, want);
	free(out);
	crm_input_close(in);
}

static void
test_input_ragged(void **state)
{
	char p1[512], want[4096];
	const char *paths[1];
	crm_error err;
	crm_input *in;
	char *out;

	(void)state;
	write_file("r.csv", LIT("a,b,c\n1,2,3\n\n\"x\ny\",2\n"), p1,
	    sizeof p1);
	paths[0] = p1;
	in = open_paths(paths, 1, false, ',', false, &err);
	out = dump_input(in);
	snprintf(want, sizeof want,
	    "%s:2:[1][2][3]\nERR 1: %s:4: expected 3 fields, found 2\n", p1,
	    p1);
	assert_string_equal(out, want);
	free(out);
	crm_input_close(in);
}

static void
test_input_multi(void **state)
{
	char p1[512], p2[512], p3[512], p4[512], want[4096];
	const char *paths[4];
	crm_error err;
	crm_input *in;
	char *out;

	(void)state;
	write_file("m1.csv", LIT("\xEF\xBB\xBFk;v\n1;a\n"), p1, sizeof p1);
	write_file("m2.csv", LIT(""), p2, sizeof p2);
	write_file("m3.csv", LIT("\"k\";v\r\n2;b\r\n"), p3, sizeof p3);
	write_file("m4.csv", LIT("k;V\n3;c\n"), p4, sizeof p4);
	paths[0] = p1;
	paths[1] = p2;
	paths[2] = p3;
	paths[3] = p4;
	in = open_paths(paths, 4, false, 0, false, &err);
	assert_non_null(in);
	out = dump_input(in);
	snprintf(want, sizeof want,
	    "%s:2:[1][a]\n%s:2:[2][b]\n"
	    "ERR 1: %s: header differs from %s's\n", p1, p3, p4, p1);
	assert_string_equal(out, want);
	free(out);
	crm_input_close(in);

	/* the first file's sniffed delimiter is used for the others */
	write_file("m5.csv", LIT("k,v\n1,a\n"), p2, sizeof p2);
	paths[1] = p2;
	in = open_paths(paths, 2, false, 0, false, &err);
	out = dump_input(in);
	snprintf(want, sizeof want, "%s:2:[1][a]\n"
	    "ERR 1: %s: header differs from %s's\n", p1, p2, p1);
	assert_string_equal(out, want);
	free(out);
	crm_input_close(in);
}

static void
test_input_header_only_and_empty(void **state)
{
	char p1[512], p2[512];
	const char *paths[2];
	crm_error err;
	crm_record rec;
	crm_input *in;

	(void)state;
	write_file("ho.csv", LIT("a,b\n"), p1, sizeof p1);
	paths[0] = p1;
	in = open_paths(paths, 1, false, 0, false, &err);
	assert_non_null(in);
	assert_int_equal(crm_input_header(in)->n, 2);
	assert_int_equal(crm_input_read(in, &rec, &err), 0);
	assert_int_equal(crm_input_read(in, &rec, &err), 0);
	crm_input_close(in);

	write_file("e.csv", LIT(""), p2, sizeof p2);
	paths[0] = p2;
	in = open_paths(paths, 1, false, 0, false, &err);
	assert_non_null(in);
	assert_int_equal(crm_input_header(in)->n, 0);
	assert_int_equal(crm_input_delimiter(in), ',');
	assert_int_equal(crm_input_read(in, &rec, &err), 0);
	crm_input_close(in);

	/* an empty first file: the header comes from the next one */
	paths[1] = p1;
	in = open_paths(paths, 2, false, 0, false, &err);
	assert_int_equal(crm_input_header(in)->n, 2);
	assert_int_equal(crm_input_read(in, &rec, &err), 0);
	crm_input_close(in);
}

static void
test_input_open_errors(void **state)
{
	char missing[512], p1[512];
	const char *paths[2];
	crm_error err;
	crm_input *in;
	crm_record rec;
	char want[4096];

	(void)state;
	snprintf(missing, sizeof missing, "%s/nope.csv", tmpdir);
	paths[0] = missing;
	assert_null(open_paths(paths, 1, false, 0, false, &err));
	assert_int_equal(err.status, CRM_EXIT_IO);
	snprintf(want, sizeof want,
	    "%s: cannot open: No such file or directory", missing);
	assert_string_equal(err.msg, want);

	paths[0] = tmpdir;
	assert_null(open_paths(paths, 1, false, 0, false, &err));
	assert_int_equal(err.status, CRM_EXIT_IO);
	snprintf(want, sizeof want, "%s: cannot read: Is a directory",
	    tmpdir);
	assert_string_equal(err.msg, want);

	/* a later operand fails when it is reached */
	write_file("ok.csv", LIT("a\n1\n"), p1, sizeof p1);
	paths[0] = p1;
	paths[1] = missing;
	in = open_paths(paths, 2, false, 0, false, &err);
	assert_non_null(in);
	assert_int_equal(crm_input_read(in, &rec, &err), 1);
	assert_int_equal(crm_input_read(in, &rec, &err), -1);
	snprintf(want, sizeof want,
	    "%s: cannot open: No such file or directory", missing);
	assert_string_equal(err.msg, want);
	crm_input_close(in);
}

static void
test_input_rewind_file(void **state)
{
	char p1[512], p2[512];
	const char *paths[2];
	crm_error err;
	crm_input *in;
	char *a, *b;

	(void)state;
	write_file("w1.csv", LIT("a,b\n1,2\n"), p1, sizeof p1);
	write_file("w2.csv", LIT("a,b\n3,\"4\"\n"), p2, sizeof p2);
	paths[0] = p1;
	paths[1] = p2;
	in = open_paths(paths, 2, false, 0, true, &err);
	a = dump_input(in);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	b = dump_input(in);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, ":2:[3][4]\n"));
	free(a);
	free(b);
	/* rewinding half-way through works as well */
	crm_record rec;
	assert_int_equal(crm_input_rewind(in, &err), 0);
	assert_int_equal(crm_input_read(in, &rec, &err), 1);
	assert_memory_equal(rec.f[0], "1", 1);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	assert_int_equal(crm_input_read(in, &rec, &err), 1);
	assert_memory_equal(rec.f[0], "1", 1);
	crm_input_close(in);
}

/* Every record of in as "name:line:raw", and what crm_input_read said at
 * the end; framed: check that records come unsplit. */
static char *
dump_raw(crm_input *in, bool framed)
{
	sbuf b = { 0 };
	crm_record rec;
	crm_error err;
	int rc;

	sb_add(&b, "", 0);
	while ((rc = crm_input_read(in, &rec, &err)) > 0) {
		if (framed) {
			assert_null(rec.f);
			assert_int_equal(rec.n, crm_input_header(in)->n);
		}
		sb_printf(&b, "%s:%lu:", crm_input_name(in), rec.line);
		sb_add(&b, rec.raw, rec.rawlen);
		sb_add(&b, "|\n", 2);
	}
	sb_printf(&b, "end %d%s%s\n", rc, rc < 0 ? " " : "",
	    rc < 0 ? err.msg : "");
	return b.s;
}

/*
 * crm_input_frame_only gives the records of the pass before, byte for
 * byte, with their line numbers: quoted line breaks (LF, CRLF, lone CR),
 * doubled quotes, quotes at a line's end, blank lines, a BOM, a last
 * line without terminator, records longer than the read buffer, two
 * operands.
 */
static void
test_input_frame_only(void **state)
{
	static const char one[] = "\xEF\xBB\xBFid,name,n\r\n"
	    "1,\"a\r\nb\",2\r\n\r\n"
	    "2,\"say \"\"hi\"\"\",3\n"
	    "3,\"x\ry\",4\r"
	    "4,\"\"\"\",5\n\n\n"
	    "5,\"line\n\",6\n"
	    "6,\"\n\n\"\"\n\",7\n"
	    "7,plain,8";
	char p1[512], p2[512];
	const char *paths[2];
	crm_error err;
	crm_input *in;
	size_t big = 300000;
	char *two = malloc(big + 64), *a, *b;
	int k;

	(void)state;
	k = snprintf(two, 64, "id,name,n\n8,\"");
	memset(two + k, 'q', big);
	memcpy(two + k + big / 2, "\n\"\"\r\n", 5);
	snprintf(two + k + big, 64, "\",9\n9,z,10\n");
	write_file("f1.csv", one, sizeof one - 1, p1, sizeof p1);
	write_file("f2.csv", two, strlen(two), p2, sizeof p2);
	paths[0] = p1;
	paths[1] = p2;
	in = open_paths(paths, 2, false, 0, true, &err);
	assert_non_null(in);
	a = dump_raw(in, false);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	crm_input_frame_only(in);
	b = dump_raw(in, true);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, ":2:1,\"a\r\nb\",2|"));
	assert_non_null(strstr(a, ":17:7,plain,8|"));
	assert_non_null(strstr(a, "f2.csv:5:9,z,10|\nend 0"));
	free(b);
	/* the next rewind ends it: fields again */
	assert_int_equal(crm_input_rewind(in, &err), 0);
	b = dump_raw(in, false);
	assert_string_equal(a, b);
	crm_input_close(in);
	free(a);
	free(b);
	free(two);
}

/* A file changed between the passes so that a quoted field stays open,
 * in place with its size and times kept (so that opening it again finds
 * nothing): the framed pass cannot close the quote and says the file
 * changed (status 3). */
static void
test_input_frame_only_changed(void **state)
{
	char p1[512];
	const char *paths[1];
	crm_error err;
	crm_record rec;
	crm_input *in;
	struct stat st;
	int fd;

	(void)state;
	write_file("c.csv", LIT("a,b\n1,\"x\ny\"\n"), p1, sizeof p1);
	paths[0] = p1;
	in = open_paths(paths, 1, false, 0, true, &err);
	assert_non_null(in);
	assert_int_equal(crm_input_read(in, &rec, &err), 1);
	assert_int_equal(crm_input_read(in, &rec, &err), 0);
	assert_int_equal(stat(p1, &st), 0);
	fd = open(p1, O_WRONLY);
	assert_int_equal(write(fd, "a,b\n1,\"x\nyyy", 12), 12);
	assert_int_equal(futimens(fd, (struct timespec[2]){ st.st_atim,
	    st.st_mtim }), 0);
	close(fd);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	crm_input_frame_only(in);
	assert_int_equal(crm_input_read(in, &rec, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	assert_non_null(strstr(err.msg, "c.csv:2: file changed since it was "
	    "first read"));
	crm_input_close(in);
}

/* Run two passes over standard input fed by a pipe. */
static void
check_stdin_two_pass(const char *data, bool no_header, bool stop_early)
{
	int saved = dup(STDIN_FILENO);
	int fd = chunked_fd(data, strlen(data), 5, 50);
	crm_error err;
	crm_record rec;
	crm_input *in;
	char *a, *b;
	const char *paths[3] = { "-" };
	char p1[512];

	write_file("after.csv", LIT("h1,h2\nz,z\n"), p1, sizeof p1);
	paths[1] = p1;
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	in = open_paths(paths, no_header ? 1 : 2, no_header, 0, true, &err);
	assert_non_null(in);
	if (stop_early) {
		assert_int_equal(crm_input_read(in, &rec, &err), 1);
		a = NULL;
	} else {
		a = dump_input(in);
	}
	assert_int_equal(crm_input_rewind(in, &err), 0);
	b = dump_input(in);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	if (a == NULL)
		a = dump_input(in);	/* a third pass, from the spool */
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "<stdin>:"));
	crm_input_close(in);
	reap_writer();
	dup2(saved, STDIN_FILENO);
	close(saved);
	free(a);
	free(b);
}

static void
test_input_stdin_spool(void **state)
{
	char big[100000];
	size_t n = 0;

	(void)state;
	setenv("TMPDIR", tmpdir, 1);
	check_stdin_two_pass("h1,h2\n1,\"a\nb\"\n2,c\n", false, false);
	check_stdin_two_pass("1,2\n3,4\n", true, false);
	n += (size_t)sprintf(big, "h1,h2\n");
	for (int i = 0; n + 20 < sizeof big; i++)
		n += (size_t)sprintf(big + n, "%d,x%d\n", i, i);
	check_stdin_two_pass(big, false, true);
	unsetenv("TMPDIR");

	/* the spool file is unlinked at once: nothing is left behind */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q crmkit-", tmpdir);
	assert_int_not_equal(system(cmd), 0);

	/* no usable temporary directory */
	const char *paths[1] = { "-" };
	crm_error err;
	setenv("TMPDIR", "/nonexistent-crm", 1);
	assert_null(open_paths(paths, 1, false, 0, true, &err));
	assert_int_equal(err.status, CRM_EXIT_IO);
	assert_string_equal(err.msg, "cannot create temporary file in "
	    "/nonexistent-crm: No such file or directory");
	unsetenv("TMPDIR");
}

/* Standard input redirected from a regular file is rewound by seeking,
 * from where it started: no temporary file is needed. */
static void
test_input_stdin_seekable(void **state)
{
	int saved = dup(STDIN_FILENO);
	const char *paths[1] = { "-" };
	char p1[512];
	crm_error err;
	crm_input *in;
	char *a, *b;
	int fd;

	(void)state;
	write_file("seek.csv", LIT("skip me\nk,v\n1,\"x\"\n2,y\n"), p1,
	    sizeof p1);
	fd = open(p1, O_RDONLY);
	assert_int_equal(lseek(fd, 8, SEEK_SET), 8);
	dup2(fd, STDIN_FILENO);
	close(fd);
	setenv("TMPDIR", "/nonexistent-crm", 1);
	in = open_paths(paths, 1, false, 0, true, &err);
	unsetenv("TMPDIR");
	assert_non_null(in);
	a = dump_input(in);
	assert_string_equal(a, "<stdin>:2:[1][x]\n<stdin>:3:[2][y]\n");
	assert_int_equal(crm_input_rewind(in, &err), 0);
	b = dump_input(in);
	assert_string_equal(a, b);
	crm_input_close(in);
	dup2(saved, STDIN_FILENO);
	close(saved);
	free(a);
	free(b);
}

static void
test_input_stdin_no_spool(void **state)
{
	int saved = dup(STDIN_FILENO);
	int fd = chunked_fd("a\n1\n", 4, 1, 4);
	const char *paths[1] = { "-" };
	crm_error err;
	crm_input *in;
	char *out;

	(void)state;
	dup2(fd, STDIN_FILENO);
	close(fd);
	in = open_paths(paths, 1, false, 0, false, &err);
	out = dump_input(in);
	assert_string_equal(out, "<stdin>:2:[1]\n");
	free(out);
	assert_int_equal(crm_input_rewind(in, &err), -1);
	assert_int_equal(err.status, CRM_EXIT_IO);
	crm_input_close(in);
	reap_writer();
	dup2(saved, STDIN_FILENO);
	close(saved);
}

static void
test_input_encoding(void **state)
{
	char p1[512], want[4096];
	const char *paths[1];
	crm_csv_config cfg = { .delimiter = 0, .encoding = "cp1252" };
	crm_error err;
	crm_input *in;
	char *out;

	(void)state;
	write_file("enc.csv", LIT("W\xE4hrung;Betrag\n\x80;5\n"), p1,
	    sizeof p1);
	paths[0] = p1;
	in = crm_input_open((char *const *)paths, 1, &cfg, false, &err);
	assert_non_null(in);
	assert_string_equal(crm_input_header(in)->name[0], "W\xC3\xA4hrung");
	out = dump_input(in);
	snprintf(want, sizeof want, "%s:2:[\xE2\x82\xAC][5]\n", p1);
	assert_string_equal(out, want);
	free(out);
	crm_input_close(in);
}

/* Set path's modification time to a fixed past second. */
static void
set_old_mtime(const char *path)
{
	struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* Open paths[0] for two passes, read it whole and rewind; returns the
 * input and, in *first, what the first pass read. */
static crm_input *
read_once(const char **paths, char **first)
{
	crm_error err;
	crm_input *in = open_paths(paths, 1, false, 0, true, &err);

	assert_non_null(in);
	*first = dump_input(in);
	assert_int_equal(crm_input_rewind(in, &err), 0);
	return in;
}

/* The second pass of in reports that paths[0] changed; in is closed. */
static void
assert_changed(crm_input *in, const char *path)
{
	char want[700], *got = dump_input(in);

	snprintf(want, sizeof want,
	    "ERR 3: %s: file changed since it was first read\n", path);
	assert_string_equal(got, want);
	free(got);
	crm_input_close(in);
}

/* A regular file read twice must not change in between: appended to,
 * rewritten in place with the same size, or replaced by another file
 * with the same bytes and time, the second pass reports it (status 3)
 * instead of reading other data. */
static void
test_input_changed_between_passes(void **state)
{
	static const char data[] = "k,v\n1,a\n2,b\n";
	const char *paths[1];
	char p1[512], p2[512];
	crm_input *in;
	char *a, *b;
	FILE *fp;

	(void)state;
	paths[0] = p1;

	/* unchanged: the same records again */
	write_file("chg.csv", LIT(data), p1, sizeof p1);
	set_old_mtime(p1);
	in = read_once(paths, &a);
	b = dump_input(in);
	assert_string_equal(a, b);
	free(a);
	free(b);
	crm_input_close(in);

	/* appended to */
	in = read_once(paths, &a);
	free(a);
	fp = fopen(p1, "ab");
	assert_non_null(fp);
	fputs("3,c\n", fp);
	fclose(fp);
	assert_changed(in, p1);

	/* same size, other bytes */
	write_file("chg.csv", LIT(data), p1, sizeof p1);
	set_old_mtime(p1);
	in = read_once(paths, &a);
	free(a);
	write_file("chg.csv", LIT("k,v\n1,x\n2,y\n"), p1, sizeof p1);
	assert_changed(in, p1);

	/* replaced by a copy with the same bytes and time */
	write_file("chg.csv", LIT(data), p1, sizeof p1);
	set_old_mtime(p1);
	in = read_once(paths, &a);
	free(a);
	write_file("chg2.csv", LIT(data), p2, sizeof p2);
	set_old_mtime(p2);
	assert_int_equal(rename(p2, p1), 0);
	assert_changed(in, p1);
}

/* A reader on a pipe asks for a wide pipe, so that a tool upstream hands
 * over CRM_PIPE_BYTES at a time; the records are the same. */
static void
test_reader_widens_pipe(void **state)
{
	crm_csv_config cfg = { .delimiter = ',' };
	crm_csv_reader *r;
	crm_record rec;
	crm_error err;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
#ifdef F_GETPIPE_SZ
	assert_true(fcntl(p[0], F_GETPIPE_SZ) < CRM_PIPE_BYTES);
#endif
	assert_int_equal(write(p[1], "a,b\n1,2\n", 8), 8);
	close(p[1]);
	r = crm_csv_open_fd(p[0], "<stdin>", &cfg, NULL, &err);
	assert_non_null(r);
#ifdef F_GETPIPE_SZ
	assert_int_equal(fcntl(p[0], F_GETPIPE_SZ), CRM_PIPE_BYTES);
#endif
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.n, 2);
	assert_memory_equal(rec.f[1], "2", 1);
	assert_int_equal(crm_csv_read(r, &rec, &err), 0);
	crm_csv_close(r);

	/* a regular file is left as it is */
	crm_tmp_widen_pipe(STDERR_FILENO);
	r = crm_csv_open_fd(mem_fd("x\n", 2), "f.csv", &cfg, NULL, &err);
	assert_int_equal(crm_csv_read(r, &rec, &err), 1);
	crm_csv_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_quoted_newlines),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_spaces_preserved),
		cmocka_unit_test(test_no_trailing_newline),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_binary_bytes),
		cmocka_unit_test(test_utf8_window),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_bare_quote),
		cmocka_unit_test(test_junk_after_quote),
		cmocka_unit_test(test_open_quote),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_delimiter_query),
		cmocka_unit_test(test_paths_agree),
		cmocka_unit_test(test_random_roundtrip),
		cmocka_unit_test(test_long_records),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_sep_and_utf16),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_spool),
		cmocka_unit_test(test_input_basic),
		cmocka_unit_test(test_input_no_header),
		cmocka_unit_test(test_input_ragged),
		cmocka_unit_test(test_input_multi),
		cmocka_unit_test(test_input_header_only_and_empty),
		cmocka_unit_test(test_input_open_errors),
		cmocka_unit_test(test_input_rewind_file),
		cmocka_unit_test(test_input_frame_only),
		cmocka_unit_test(test_input_frame_only_changed),
		cmocka_unit_test(test_input_stdin_spool),
		cmocka_unit_test(test_input_stdin_seekable),
		cmocka_unit_test(test_input_stdin_no_spool),
		cmocka_unit_test(test_input_encoding),
		cmocka_unit_test(test_reader_widens_pipe),
		cmocka_unit_test(test_input_changed_between_passes),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
