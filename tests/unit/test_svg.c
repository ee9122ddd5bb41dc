/* Unit tests of crm_svg: number format, escaping, well-formed output,
 * text width estimates and shortening. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm_svg.h"

/* Two decimals at most, rounded half away from zero, no trailing zeros,
 * no negative zero, nothing that is not a number. */
static void
test_num(void **state)
{
	static const struct { double v; const char *want; } cases[] = {
		{ 0, "0" }, { -0.0, "0" }, { 1, "1" }, { 1.5, "1.5" },
		{ 1.25, "1.25" }, { 1.0049, "1" }, { 2.6751, "2.68" },
		{ -2.6751, "-2.68" }, { 0.004, "0" }, { -0.004, "0" },
		{ 0.0051, "0.01" }, { 123456.789, "123456.79" },
		{ 10.1, "10.1" }, { -7.25, "-7.25" }, { 1e12, "1000000000" },
		{ -1e12, "-1000000000" },
	};
	char buf[CRM_SVG_NUMSZ];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(crm_svg_num(buf, cases[i].v),
		    cases[i].want);
	assert_string_equal(crm_svg_num(buf, NAN), "0");
	assert_string_equal(crm_svg_num(buf, INFINITY), "1000000000");
	assert_string_equal(crm_svg_num(buf, -INFINITY), "-1000000000");
}

/* Markup characters become entities; control characters and bytes that
 * are no UTF-8 become U+FFFD; line ends a space; UTF-8 stays. */
static void
test_escape(void **state)
{
	crm_svg s;
	crm_svg_font f = { 12, false, CRM_SVG_START, NULL, 0 };

	(void)state;
	crm_svg_init(&s);
	crm_svg_text(&s, 1, 2, &f, "<script>&\"'x");
	assert_string_equal(s.buf, "<text x=\"1\" y=\"2\" font-size=\"12\">"
	    "&lt;script&gt;&amp;&quot;&apos;x</text>\n");
	crm_svg_free(&s);

	crm_svg_init(&s);
	crm_svg_chars(&s, "a\x01" "b\nc\xff" "d\xC3\xA4\xE2\x80\xA6\xC3");
	assert_string_equal(s.buf, "a\xEF\xBF\xBD" "b c\xEF\xBF\xBD"
	    "d\xC3\xA4\xE2\x80\xA6\xEF\xBF\xBD");
	crm_svg_free(&s);

	/* overlong form and surrogate */
	crm_svg_init(&s);
	crm_svg_chars(&s, "\xC0\xAF|\xED\xA0\x80");
	assert_string_equal(s.buf, "\xEF\xBF\xBD\xEF\xBF\xBD|"
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	crm_svg_free(&s);
}

static void
test_utf8(void **state)
{
	unsigned cp;

	(void)state;
	assert_int_equal(crm_svg_utf8("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(crm_svg_utf8("\xC3\xA4", 2, &cp), 2);
	assert_int_equal(cp, 0xE4);
	assert_int_equal(crm_svg_utf8("\xE2\x80\xA6", 3, &cp), 3);
	assert_int_equal(cp, 0x2026);
	assert_int_equal(crm_svg_utf8("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* cut short */
	assert_int_equal(crm_svg_utf8("\xE2\x80", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(crm_svg_utf8("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* A document: declaration, root with size and viewBox, title, white
 * background, elements, end; attribute values escaped. */
static void
test_document(void **state)
{
	crm_svg s;
	double x[3] = { 0, 1.5, 2 }, y[3] = { 3, 4.25, -5 };

	(void)state;
	crm_svg_init(&s);
	crm_svg_begin(&s, 800, 600.5, "A & B");
	crm_svg_open(&s, "polyline");
	crm_svg_attr_points(&s, "points", x, y, 3);
	crm_svg_attr(&s, "data-x", "\"<>\"");
	crm_svg_empty(&s);
	crm_svg_open(&s, "path");
	crm_svg_attr_open(&s, "d");
	crm_svg_raw(&s, "M0 0L1 1");
	crm_svg_attr_close(&s);
	crm_svg_empty(&s);
	crm_svg_end(&s);
	assert_string_equal(s.buf,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"800\" height=\"600.5\" viewBox=\"0 0 800 600.5\" "
	    "font-family=\"" CRM_SVG_FONT "\">\n"
	    "<title>A &amp; B</title>\n"
	    "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
	    "<polyline points=\"0,3 1.5,4.25 2,-5\" "
	    "data-x=\"&quot;&lt;&gt;&quot;\"/>\n"
	    "<path d=\"M0 0L1 1\"/>\n"
	    "</svg>\n");
	assert_int_equal(s.len, strlen(s.buf));
	crm_svg_free(&s);
}

/* Rotated, bold, anchored text carries its attributes. */
static void
test_text_attrs(void **state)
{
	crm_svg s;
	crm_svg_font f = { 11, true, CRM_SVG_END, "#222222", -90 };

	(void)state;
	crm_svg_init(&s);
	crm_svg_text(&s, 10, 20.5, &f, "y");
	assert_string_equal(s.buf, "<text x=\"10\" y=\"20.5\" font-size=\"11\" "
	    "font-weight=\"bold\" text-anchor=\"end\" fill=\"#222222\" "
	    "transform=\"rotate(-90 10 20.5)\">y</text>\n");
	crm_svg_free(&s);
}

/* Widths: by character class, per code point (not byte), bold wider,
 * proportional to the size. */
static void
test_width(void **state)
{
	(void)state;
	assert_true(crm_svg_text_width("", 12, false) == 0);
	assert_true(crm_svg_text_width("iiii", 10, false) <
	    crm_svg_text_width("mmmm", 10, false));
	assert_true(crm_svg_text_width("WWW", 10, false) >
	    2.5 * crm_svg_text_width("lll", 10, false));
	/* ä is one character, as wide as a */
	assert_true(fabs(crm_svg_text_width("\xC3\xA4", 10, false) -
	    crm_svg_text_width("a", 10, false)) < 1e-9);
	assert_true(crm_svg_text_width("abc", 10, true) >
	    crm_svg_text_width("abc", 10, false));
	assert_true(fabs(crm_svg_text_width("Kunden", 20, false) -
	    2 * crm_svg_text_width("Kunden", 10, false)) < 1e-9);
	/* about right for DejaVu Sans: "Qualifiziertes Kundenmanagement"
	 * at 13 px bold is about 250 px wide */
	assert_true(crm_svg_text_width("Qualifiziertes Kundenmanagement", 13,
	    true) > 220);
	assert_true(crm_svg_text_width("Qualifiziertes Kundenmanagement", 13,
	    true) < 290);
}

/* Shortening keeps whole code points, ends in an ellipsis, fits. */
static void
test_shorten(void **state)
{
	char out[64];
	const char *t = "Jürgen Weiß Maschinenbau";

	(void)state;
	assert_false(crm_svg_shorten("abc", 100, 10, false, out, sizeof out));
	assert_string_equal(out, "abc");
	assert_true(crm_svg_shorten(t, 60, 10, false, out, sizeof out));
	assert_true(crm_svg_text_width(out, 10, false) <= 60);
	assert_true(strlen(out) > 3);
	assert_memory_equal(out + strlen(out) - 3, "\xE2\x80\xA6", 3);
	assert_memory_equal(out, t, strlen(out) - 3);
	/* no space before the ellipsis; never a cut UTF-8 sequence */
	for (double w = 5; w < 150; w += 1.5) {
		size_t n;
		unsigned cp;

		crm_svg_shorten(t, w, 10, false, out, sizeof out);
		assert_true(crm_svg_text_width(out, 10, false) <= w ||
		    out[0] == '\0');
		n = strlen(out);
		for (size_t i = 0; i < n;)
			i += crm_svg_utf8(out + i, n - i, &cp),
			    assert_int_not_equal(cp, 0xFFFD);
		if (n > 3 && strcmp(out, t) != 0)
			assert_int_not_equal(out[n - 4], ' ');
	}
	/* nothing fits */
	assert_true(crm_svg_shorten(t, 3, 10, false, out, sizeof out));
	assert_string_equal(out, "");
	/* a small buffer cuts further */
	assert_true(crm_svg_shorten(t, 1000, 10, false, out, 8));
	assert_true(strlen(out) < 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_text_attrs),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_shorten),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
