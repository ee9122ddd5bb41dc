/*
 * crm_sort: records written once, put out again in another order
 * (prioritize --sort).  The records go to an unlinked temporary file;
 * memory holds 24 bytes per record for the index (up to 48 while the
 * array doubles).
 */
#ifndef CRM_SORT_H
#define CRM_SORT_H

#include "crm_writer.h"
#include "crm_diag.h"

typedef struct crm_sort crm_sort;

/* Start a spool whose writer uses cfg (its BOM setting is ignored: the
 * BOM belongs to the final output).  NULL with err filled (status 3). */
crm_sort *crm_sort_open(const crm_writer_config *cfg, crm_error *err);

/* The writer that records to be sorted are written to. */
crm_writer *crm_sort_writer(crm_sort *s);

/* Declare the keys of the record about to be written: records come out
 * ordered by group ascending, then key ascending, then as written. */
void crm_sort_key(crm_sort *s, int group, double key);

/*
 * Sort and append every record to out; then free s.  Returns 0, or -1
 * with err filled (status 3) on a spool error; a write error on out is
 * left in out (its next call fails) and returns -1 with err naming out.
 */
int crm_sort_emit(crm_sort *s, crm_writer *out, crm_error *err);

/* Free s without output. */
void crm_sort_free(crm_sort *s);

#endif
