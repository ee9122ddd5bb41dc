/*
 * crm_tmp: anonymous temporary files for spooling (standard input for a
 * second pass, records for --sort).
 */
#ifndef CRM_TMP_H
#define CRM_TMP_H

#include "crm_diag.h"

/*
 * Create a temporary file in $TMPDIR (default /tmp), unlink it at once so
 * that nothing is left behind however the tool ends, and return its
 * descriptor (read-write, owned by the caller).  Returns -1 with err
 * filled (status 3: "cannot create temporary file in DIR: REASON").
 */
int crm_tmp_open(crm_error *err);

#endif
