/*
 * crm_sort: records written once, put out again in another order
 * (prioritize --sort).  The records go to an unlinked temporary file;
 * the order is a key of typed parts (ints and numbers, each ascending or
 * descending) given with each record, ties in the order written.
 * Memory holds, per record, 8 bytes of offset and the key: 8 bytes per
 * number, 4 per int, and 4 for the record's number, rounded up to 8
 * ((int, number) takes 24 bytes); up to twice that while the arrays
 * double, and the key once more while sorting.  An engine: errors are
 * returned, nothing here ends the process (but crm_xmalloc on exhausted
 * memory).
 */
#ifndef CRM_SORT_H
#define CRM_SORT_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_writer.h"
#include "crm_diag.h"

typedef enum crm_sort_type {
	CRM_SORT_INT,		/* an int */
	CRM_SORT_NUM		/* a double; NaN after every number */
} crm_sort_type;

/* One part of the key: earlier parts weigh first. */
typedef struct crm_sort_part {
	crm_sort_type type;
	bool descending;
} crm_sort_part;

/* A part's value, by its type. */
typedef union crm_sort_value {
	int i;
	double num;
} crm_sort_value;

/* At most this many parts. */
#define CRM_SORT_MAX_PARTS 8

typedef struct crm_sort crm_sort;

/* Start a spool ordered by key[0..nparts) (copied; 1 to
 * CRM_SORT_MAX_PARTS parts) whose writer uses cfg (its BOM setting is
 * ignored: the BOM belongs to the final output).  NULL with err filled
 * (status 3; 2 for a bad key). */
crm_sort *crm_sort_open(const crm_writer_config *cfg,
			const crm_sort_part *key, size_t nparts,
			crm_error *err);

/* The writer that records to be sorted are written to. */
crm_writer *crm_sort_writer(crm_sort *s);

/* Declare the key v[0..nparts) of the record about to be written.
 * Returns 0, or -1 with err filled (status 3) past UINT32_MAX - 1
 * records. */
int crm_sort_key(crm_sort *s, const crm_sort_value *v, crm_error *err);

/*
 * Sort and append every record to out; then free s.  Returns 0, or -1
 * with err filled (status 3) on a spool error; a write error on out is
 * left in out (its next call fails) and returns -1 with err naming out.
 */
int crm_sort_emit(crm_sort *s, crm_writer *out, crm_error *err);

/* Free s without output. */
void crm_sort_free(crm_sort *s);

#endif
