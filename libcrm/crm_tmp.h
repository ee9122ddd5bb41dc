/*
 * crm_tmp: what the tools keep in the kernel rather than in their own
 * memory: anonymous temporary files for spooling (standard input for a
 * second pass, records for --sort) and the buffers of the pipes between
 * them.
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

/* The directory of temporary files: $TMPDIR, or /tmp when it is unset or
 * empty.  For messages. */
const char *crm_tmp_dir(void);

/* What a spool of the operand name holds, for messages: "standard input"
 * for "<stdin>", else name. */
const char *crm_tmp_spool_name(const char *name);

/*
 * If fd is a pipe, ask for a buffer of CRM_PIPE_BYTES in the kernel (on
 * Linux; elsewhere, or if refused, nothing changes).  A pipe of the
 * default 64 KiB between two tools costs a hand-off every 64 KiB; 256 KiB
 * gave the README pipeline what 1 MiB gave, and uses a quarter as much
 * of the user's pipe quota (fs.pipe-user-pages-soft, 64 MiB: beyond it
 * the kernel makes every new pipe of the user small).
 */
#define CRM_PIPE_BYTES (256 * 1024)
void crm_tmp_widen_pipe(int fd);

#endif
