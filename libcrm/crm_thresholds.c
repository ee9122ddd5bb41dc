#include "crm_thresholds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_csv.h"
#include "crm_input.h"
#include "crm_num.h"
#include "crm_writer.h"

static const char *const columns[] = {
	"tool", "measure", "expression", "split", "threshold"
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

void
crm_thresholds_init(crm_thresholds *t, const char *path)
{
	memset(t, 0, sizeof *t);
	t->path = crm_xstrdup(path);
}

void
crm_thresholds_add(crm_thresholds *t, const char *tool, const char *measure,
		   const char *expression, const char *split,
		   double threshold)
{
	crm_threshold *r;

	t->row = crm_xreallocarray(t->row, t->n + 1, sizeof *t->row);
	r = &t->row[t->n++];
	r->tool = crm_xstrdup(tool);
	r->measure = crm_xstrdup(measure);
	r->expression = crm_xstrdup(expression);
	r->split = crm_xstrdup(split);
	r->threshold = threshold;
	r->line = 0;
}

/* The header must be the five columns, in order. */
static int
check_header(const crm_thresholds *t, const crm_header *h, crm_error *err)
{
	bool ok = h->n == NCOLUMNS;

	for (size_t i = 0; ok && i < NCOLUMNS; i++)
		ok = h->len[i] == strlen(columns[i]) &&
		    memcmp(h->name[i], columns[i], h->len[i]) == 0;
	if (!ok)
		return crm_error_at(err, CRM_EXIT_DATA, t->path, 1,
		    "not a thresholds file: the header must be tool,measure,"
		    "expression,split,threshold");
	return 0;
}

/* Add the record rec of the file; -1 on a malformed threshold. */
static int
add_record(crm_thresholds *t, const crm_record *rec, crm_error *err)
{
	char *s[NCOLUMNS];
	double v = NAN;

	if (rec->len[4] > 0 && crm_num_parse(rec->f[4], rec->len[4], false,
	    &v) != CRM_NUM_OK) {
		char shown[CRM_SHOW_BUF(80)];

		return crm_error_at(err, CRM_EXIT_DATA, t->path, rec->line,
		    "threshold \"%s\" is not a number",
		    crm_show_data(shown, sizeof shown, rec->f[4], rec->len[4],
		    80));
	}
	for (size_t i = 0; i < 4; i++)
		s[i] = crm_xmemdup(rec->f[i], rec->len[i]);
	crm_thresholds_add(t, s[0], s[1], s[2], s[3], v);
	t->row[t->n - 1].line = rec->line;
	for (size_t i = 0; i < 4; i++)
		free(s[i]);
	return 0;
}

int
crm_thresholds_read(crm_thresholds *t, crm_error *err)
{
	crm_csv_config cfg = { .delimiter = ',' };
	char *paths[1] = { t->path };
	crm_input *in;
	crm_record rec;
	int rc;

	if ((in = crm_input_open(paths, 1, &cfg, false, err)) == NULL)
		return -1;
	rc = check_header(t, crm_input_header(in), err);
	while (rc == 0 && (rc = crm_input_read(in, &rec, err)) > 0)
		rc = add_record(t, &rec, err);
	crm_input_close(in);
	return rc < 0 ? -1 : 0;
}

const crm_threshold *
crm_thresholds_find(const crm_thresholds *t, const char *tool,
		    const char *measure, const char *split, crm_error *err)
{
	const char *other = NULL;

	for (size_t i = 0; i < t->n; i++) {
		const crm_threshold *r = &t->row[i];

		if (strcmp(r->tool, tool) != 0) {
			other = r->tool;
			continue;
		}
		other = NULL;
		if (strcmp(r->measure, measure) == 0 &&
		    (split == NULL || strcmp(r->split, split) == 0))
			return r;
	}
	for (size_t i = 0; i < t->n && other != NULL; i++)
		if (strcmp(t->row[i].tool, tool) == 0)
			other = NULL;
	if (other != NULL)
		crm_error_set(err, CRM_EXIT_DATA, "%s: thresholds of %s, not "
		    "of %s", t->path, other, tool);
	else if (split != NULL)
		crm_error_set(err, CRM_EXIT_DATA, "%s: no threshold for %s %s "
		    "of %s", t->path, measure, split, tool);
	else
		crm_error_set(err, CRM_EXIT_DATA, "%s: no threshold for %s of "
		    "%s", t->path, measure, tool);
	return NULL;
}

int
crm_thresholds_write(const crm_thresholds *t, crm_error *err)
{
	crm_writer_config cfg = { .delimiter = ',' };
	crm_writer *w = crm_writer_open(t->path, &cfg, err);
	char num[64];
	int rc = 0;

	if (w == NULL)
		return -1;
	for (size_t i = 0; i < NCOLUMNS; i++)
		rc |= crm_writer_field(w, columns[i], strlen(columns[i]));
	rc |= crm_writer_end(w);
	for (size_t i = 0; i < t->n; i++) {
		const crm_threshold *r = &t->row[i];
		const char *s[4] = { r->tool, r->measure, r->expression,
		    r->split };

		for (size_t j = 0; j < 4; j++)
			rc |= crm_writer_field(w, s[j], strlen(s[j]));
		/* %.17g reads back as the same double; -0 as 0 */
		snprintf(num, sizeof num, "%.17g", r->threshold == 0 ? 0 :
		    r->threshold);
		rc |= crm_writer_field(w, num, isnan(r->threshold) ? 0 :
		    strlen(num));
		rc |= crm_writer_end(w);
	}
	(void)rc;	/* the writer keeps the first failure for close */
	return crm_writer_close(w, err);
}

void
crm_thresholds_free(crm_thresholds *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->row[i].tool);
		free(t->row[i].measure);
		free(t->row[i].expression);
		free(t->row[i].split);
	}
	free(t->row);
	free(t->path);
	memset(t, 0, sizeof *t);
}
