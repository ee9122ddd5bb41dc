/* Unit tests of crm_png: an SVG rendered by librsvg comes out as a PNG
 * that cairo reads back, of the SVG's size, white where nothing was
 * drawn and dark where a shape was. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "crm_chart.h"
#include "crm_png.h"
#include "crm_svg.h"

struct reader {
	const crm_png *png;
	size_t at;
};

static cairo_status_t
read_png(void *closure, unsigned char *data, unsigned int n)
{
	struct reader *r = closure;

	if (r->at + n > r->png->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->png->data + r->at, n);
	r->at += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Decode png; return the surface (the caller destroys it). */
static cairo_surface_t *
decode(const crm_png *png)
{
	struct reader r = { png, 0 };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(
	    read_png, &r);

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

/* Pixels whose red, green and blue are all <= max. */
static size_t
dark_pixels(cairo_surface_t *s, int x0, int y0, int x1, int y1, int max)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	size_t n = 0;

	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			uint32_t p;

			memcpy(&p, d + y * stride + 4 * x, 4);
			if ((int)((p >> 16) & 255) <= max &&
			    (int)((p >> 8) & 255) <= max && (int)(p & 255) <= max)
				n++;
		}
	return n;
}

static void
test_render_shapes(void **state)
{
	static const char svg[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" "
	    "height=\"80\"><rect x=\"10\" y=\"10\" width=\"40\" height=\"20\" "
	    "fill=\"#000000\"/></svg>\n";
	crm_png png;
	crm_error err;
	cairo_surface_t *s;

	(void)state;
	assert_int_equal(crm_png_render(svg, strlen(svg), &png, &err), 0);
	assert_true(png.len > 8);
	assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
	s = decode(&png);
	assert_int_equal(cairo_image_surface_get_width(s), 120);
	assert_int_equal(cairo_image_surface_get_height(s), 80);
	/* the rectangle is black, the rest white (transparency painted) */
	assert_int_equal(dark_pixels(s, 10, 10, 50, 30, 10), 40 * 20);
	assert_int_equal(dark_pixels(s, 0, 0, 120, 80, 250), 40 * 20);
	cairo_surface_destroy(s);
	crm_png_free(&png);
}

/* A whole chart: text and shapes reach the pixels. */
static void
test_render_chart(void **state)
{
	const char *cat[2] = { "Nord", "Süd" };
	double val[2] = { 10, 20 };
	crm_chart_frame f = { 400, 300, "Umsatz", true };
	crm_chart_bars b = { "region", "revenue", NULL, 2, cat, val, NULL, 0 };
	crm_svg svg;
	crm_png png;
	crm_error err;
	cairo_surface_t *s;
	size_t dark;

	(void)state;
	crm_svg_init(&svg);
	crm_chart_bars_draw(&svg, &f, &b);
	assert_int_equal(crm_png_render(svg.buf, svg.len, &png, &err), 0);
	s = decode(&png);
	assert_int_equal(cairo_image_surface_get_width(s), 400);
	assert_int_equal(cairo_image_surface_get_height(s), 300);
	/* the title's glyphs are dark, in the top 40 px */
	assert_true(dark_pixels(s, 0, 0, 400, 40, 80) > 50);
	/* bars and text are drawn, most of the canvas is background */
	dark = dark_pixels(s, 0, 0, 400, 300, 200);
	assert_true(dark > 2000);
	assert_true(dark < 400 * 300 / 2);
	cairo_surface_destroy(s);
	crm_png_free(&png);
	crm_svg_free(&svg);
}

/* Not SVG: a data error, no bytes. */
static void
test_render_bad(void **state)
{
	crm_png png;
	crm_error err;

	(void)state;
	assert_int_equal(crm_png_render("<svg", 4, &png, &err), -1);
	assert_int_equal(err.status, 1);
	assert_null(png.data);
	assert_int_equal(png.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_shapes),
		cmocka_unit_test(test_render_chart),
		cmocka_unit_test(test_render_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
