#include "crm_sample.h"

#include <stdlib.h>

#include "crm_diag.h"

void
crm_sample_init(crm_sample *s, size_t k)
{
	s->k = k;
	s->n = 0;
	s->cap = 0;
	s->row = NULL;
}

uint64_t
crm_sample_key(unsigned long ordinal)
{
	uint64_t z = (uint64_t)ordinal + 0x9E3779B97F4A7C15ULL;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
swap(crm_sample_row *a, crm_sample_row *b)
{
	crm_sample_row t = *a;

	*a = *b;
	*b = t;
}

static void
sift_up(crm_sample_row *h, size_t i)
{
	while (i > 0 && h[(i - 1) / 2].key < h[i].key) {
		swap(&h[(i - 1) / 2], &h[i]);
		i = (i - 1) / 2;
	}
}

static void
sift_down(crm_sample_row *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, big = i;

		if (l < n && h[l].key > h[big].key)
			big = l;
		if (r < n && h[r].key > h[big].key)
			big = r;
		if (big == i)
			return;
		swap(&h[i], &h[big]);
		i = big;
	}
}

void
crm_sample_offer(crm_sample *s, unsigned long ordinal, double x, double y,
		 int group, const char *label, size_t len)
{
	uint64_t key = crm_sample_key(ordinal);
	crm_sample_row *r;

	if (s->k == 0 || (s->n == s->k && key >= s->row[0].key))
		return;
	if (s->n == s->k) {
		r = &s->row[0];
		free(r->label);
	} else {
		if (s->n == s->cap) {	/* grow as rows come, up to k */
			s->cap = s->cap == 0 ? 256 : 2 * s->cap;
			s->cap = s->cap > s->k ? s->k : s->cap;
			s->row = crm_xreallocarray(s->row, s->cap,
			    sizeof *s->row);
		}
		r = &s->row[s->n++];
	}
	*r = (crm_sample_row){ key, ordinal, x, y, group,
	    label != NULL ? crm_xmemdup(label, len) : NULL };
	if (r == &s->row[0] && s->n == s->k)
		sift_down(s->row, s->n, 0);
	else
		sift_up(s->row, (size_t)(r - s->row));
}

static int
by_ordinal(const void *a, const void *b)
{
	const crm_sample_row *x = a, *y = b;

	return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

void
crm_sample_sort(crm_sample *s)
{
	if (s->n > 1)
		qsort(s->row, s->n, sizeof *s->row, by_ordinal);
}

void
crm_sample_free(crm_sample *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->row[i].label);
	free(s->row);
	s->row = NULL;
	s->n = s->k = s->cap = 0;
}
