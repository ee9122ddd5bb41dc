/*
 * crm_png: an SVG document rendered to PNG with librsvg and cairo
 * (SPEC 3, "plot": many mail clients show no SVG).
 *
 * Library code: errors come back in crm_error (status 3: the renderer
 * failed; 1: the SVG did not parse), nothing exits except on memory
 * exhaustion.
 */
#ifndef CRM_PNG_H
#define CRM_PNG_H

#include <stddef.h>

#include "crm_diag.h"

/* PNG bytes in memory. */
typedef struct crm_png {
	unsigned char *data;
	size_t len, cap;
} crm_png;

/*
 * Render svg[0..len) at its own size in px (its width and height,
 * rounded up) on a white canvas into out (initialised here; free with
 * crm_png_free).  The PNG is 32-bit RGBA.  Returns 0, or -1 with err
 * filled.
 */
int crm_png_render(const char *svg, size_t len, crm_png *out,
		   crm_error *err);

void crm_png_free(crm_png *p);

#endif
