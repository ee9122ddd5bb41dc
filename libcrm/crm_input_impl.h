/*
 * crm_input_impl.h: what the files of crm_input share (crm_input.c, the
 * operands and passes; crm_input_half.c, split reading), not for use
 * outside them.
 */
#ifndef CRM_INPUT_IMPL_H
#define CRM_INPUT_IMPL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "crm_ahead.h"
#include "crm_input.h"

#define NONE SIZE_MAX

/*
 * An operand that can be read only once (standard input or a path that
 * is a pipe, FIFO or device, e.g. <(zcat x.gz)) is copied to a spool in
 * $TMPDIR while the first pass reads it, when the caller will rewind.
 */
enum op_state { OP_UNREAD, OP_READING, OP_SPOOLED };

/*
 * A regular file read twice must be the same file both times: a second
 * pass over other bytes would pair one file's rows with thresholds (or,
 * replayed, values) of another.  Its identity when first opened is
 * compared when it is opened again.
 */
struct op_id {
	bool known;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct crm_input {
	crm_csv_config cfg;	/* delimiter fixed once a header is seen */
	char *encoding;
	size_t nops;
	char **path;		/* NULL for standard input */
	char **name;
	size_t stdin_op;	/* first "-" operand, NONE if none */
	bool stdin_seekable;	/* a regular file: rewound by lseek */
	off_t stdin_off;	/* where it started */
	bool two_pass;
	enum op_state *state;	/* per operand: OP_READING only if spooled */
	FILE **spool;		/* per operand, NULL if not spooled */
	struct op_id *id;	/* per operand: the file pass 1 read */

	size_t next;		/* operand to open next */
	size_t cur;		/* operand r reads */
	crm_csv_reader *r;

	bool have_header;
	size_t hdr_op;		/* operand the header came from */
	crm_header hdr;
	crm_record hrec;	/* copy of the header record (not with -H) */
	char *hraw;
	const char **hf;

	bool pending;		/* with -H, the first record of an operand */
	crm_record prec;

	crm_ahead *ahead;	/* NULL: crm_input_next() runs in the caller */

	/* Split reading (crm_input_split).  The first half stops at the
	 * first record starting at or after limit, keeping it pending. */
	bool solo;		/* split: no reading ahead until a rewind */
	off_t limit;		/* -1: no limit */
	bool stopped;		/* at the limit: reads return 0 */
	off_t met;		/* offset of that record, -1 if none */
	bool half;		/* the second half */
	bool framed;		/* crm_input_frame_only */
	bool ragged;		/* crm_input_keep_ragged */
	off_t first;		/* its first record's offset, -1 if none */

	/* The caller's side when records are read ahead: the worker runs
	 * crm_input_next() and touches nothing below, which the padding keeps
	 * off the worker's cache lines: the caller's writes for every
	 * record would otherwise evict them from the worker's core. */
	char pad[64];
	crm_csv_fields *split;	/* the lines it left unsplit */
	const char *last_name;
	bool begun;		/* read since opening or rewinding */
	bool failed;
	crm_error saved;
};

#endif
