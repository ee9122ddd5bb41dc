#include "crm_png.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

/*
 * LeakSanitizer calls this hook, if a program defines it, for its
 * default suppressions.  fontconfig, which librsvg's text layout loads,
 * keeps its font caches for the life of the process on purpose and
 * never frees them; without this every sanitizer run of a PNG chart
 * would end in a leak report that is not crmkit's.  Only plot and the
 * PNG test link this file.  Nothing else is suppressed.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* ... and without a table of the suppressions used on standard error,
 * which the tests compare. */
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

static cairo_status_t
append(void *closure, const unsigned char *data, unsigned int n)
{
	crm_png *p = closure;

	if (p->len + n > p->cap) {
		size_t cap = p->cap ? p->cap : 65536;

		while (cap < p->len + n)
			cap *= 2;
		p->data = crm_xrealloc(p->data, cap);
		p->cap = cap;
	}
	memcpy(p->data + p->len, data, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Draw handle onto a white surface and encode it into out. */
static int
paint(RsvgHandle *handle, int width, int height, crm_png *out,
      crm_error *err)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	GError *gerr = NULL;
	RsvgRectangle viewport = { 0, 0, width, height };
	int rc = 0;

	surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width,
	    height);
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	if (!rsvg_handle_render_document(handle, cr, &viewport, &gerr)) {
		rc = crm_error_set(err, CRM_EXIT_IO, "cannot render the chart: %s",
		    gerr != NULL ? gerr->message : "librsvg failed");
		if (gerr != NULL)
			g_error_free(gerr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	if (rc == 0 && cairo_surface_write_to_png_stream(surface, append,
	    out) != CAIRO_STATUS_SUCCESS)
		rc = crm_error_set(err, CRM_EXIT_IO, "cannot encode the PNG");
	cairo_surface_destroy(surface);
	return rc;
}

int
crm_png_render(const char *svg, size_t len, crm_png *out, crm_error *err)
{
	RsvgHandle *handle;
	GError *gerr = NULL;
	gdouble w = 0, h = 0;
	int rc;

	memset(out, 0, sizeof *out);
	handle = rsvg_handle_new_from_data((const guint8 *)svg, len, &gerr);
	if (handle == NULL) {
		rc = crm_error_set(err, CRM_EXIT_DATA, "the chart is no SVG: %s",
		    gerr != NULL ? gerr->message : "librsvg failed");
		if (gerr != NULL)
			g_error_free(gerr);
		return rc;
	}
	if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) ||
	    !(w >= 1 && h >= 1 && w <= 32767 && h <= 32767)) {
		g_object_unref(handle);
		return crm_error_set(err, CRM_EXIT_DATA,
		    "the chart has no size in pixels that can be rendered");
	}
	rc = paint(handle, (int)ceil(w), (int)ceil(h), out, err);
	g_object_unref(handle);
	if (rc < 0)
		crm_png_free(out);
	return rc;
}

void
crm_png_free(crm_png *p)
{
	free(p->data);
	memset(p, 0, sizeof *p);
}
