#include "crm_out.h"

#include <stdlib.h>
#include <string.h>

void
crm_out_close_writer(crm_writer *w, crm_writer *other)
{
	crm_error err;

	if (crm_writer_broken_pipe(w)) {
		if (other != w)
			crm_writer_abort(other);
		crm_writer_abort(w);
		exit(CRM_EXIT_OK);
	}
	if (crm_writer_close(w, &err) < 0) {
		if (other != w)
			crm_writer_abort(other);
		crm_die_error(&err);
	}
}

void
crm_out_failed(crm_writer *w, crm_writer *other)
{
	crm_out_close_writer(w, other);
	crm_die(CRM_EXIT_IO, "write error");
}

void
crm_out_open(crm_out *o, const crm_common *c, int in_delim)
{
	crm_writer_config wc = crm_common_writer_config(c, in_delim);
	crm_error err;

	memset(o, 0, sizeof *o);
	o->c = c;
	o->in_delim = in_delim;
	if ((o->w = crm_writer_open(c->output, &wc, &err)) == NULL)
		crm_die_error(&err);
	if (c->rejects != NULL &&
	    (o->rejects = crm_writer_open(c->rejects, &wc, &err)) == NULL) {
		crm_writer_abort(o->w);
		crm_die_error(&err);
	}
}

static void
reject(crm_out *o, const crm_record *rec, const char *why)
{
	if (o->rejects != NULL &&
	    (crm_writer_record(o->rejects, rec, o->in_delim) < 0 ||
	    crm_writer_field(o->rejects, why, strlen(why)) < 0 ||
	    crm_writer_end(o->rejects) < 0))
		crm_out_failed(o->rejects, o->w);
}

void
crm_out_rejects_header(crm_out *o, const crm_record *header)
{
	reject(o, header, "error");
}

void
crm_out_abort(crm_out *o)
{
	crm_writer_abort(o->w);
	crm_writer_abort(o->rejects);
	o->w = o->rejects = NULL;
}

void
crm_out_fail(crm_out *o, const char *file, unsigned long line,
	     const char *why)
{
	crm_out_abort(o);
	crm_die(CRM_EXIT_DATA, "%s:%lu: %s", file, line, why);
}

bool
crm_out_invalid(crm_out *o, const char *file, const crm_record *rec,
		const char *why)
{
	switch (o->c->invalid) {
	case CRM_INVALID_FAIL:
		break;
	case CRM_INVALID_KEEP:
		o->kept++;
		return true;
	case CRM_INVALID_SKIP:
		o->skipped++;
		reject(o, rec, why);
		return false;
	}
	crm_out_fail(o, file, rec->line, why);
}

void
crm_out_check(crm_out *o, int rc)
{
	if (rc < 0)
		crm_out_failed(o->w, o->rejects);
}

void
crm_out_report(const crm_out *o)
{
	if (o->skipped > 0)
		crm_warn("%lu row%s with invalid values skipped%s%s",
		    o->skipped, o->skipped == 1 ? "" : "s",
		    o->rejects ? ", written to " : "",
		    o->rejects ? o->c->rejects : "");
	if (o->kept > 0)
		crm_warn("%lu row%s with invalid values kept with empty "
		    "results", o->kept, o->kept == 1 ? "" : "s");
}

void
crm_out_close(crm_out *o)
{
	if (o->rejects != NULL)
		crm_out_close_writer(o->rejects, o->w);
	o->rejects = NULL;
	crm_out_close_writer(o->w, NULL);
	o->w = NULL;
}
