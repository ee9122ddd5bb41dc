/* countby: rows per key column (a trial of crm_fold). */
#include "crm_fold.h"

static void
count_init(void *ctx, void *state)
{
	(void)ctx;
	*(unsigned long *)state = 0;
}

static int
count_add(void *ctx, void *scratch, void *state, const crm_record *rec,
	  char *why, size_t cap)
{
	(void)ctx, (void)scratch, (void)rec, (void)why, (void)cap;
	++*(unsigned long *)state;
	return 0;
}

static void
count_merge(void *ctx, void *into, const void *from)
{
	(void)ctx;
	*(unsigned long *)into += *(const unsigned long *)from;
}

int
main(int argc, char **argv)
{
	crm_tool tool = { .name = "countby", .synopsis = "countby COL [FILE]\n",
	    .help = "", .options = (struct option[]){ { NULL, 0, NULL, 0 } },
	    .shortopts = "" };
	crm_fold_ops ops = { sizeof(unsigned long), 0, true, NULL, count_init,
	    count_add, count_merge, NULL };
	crm_common c;
	crm_fold *f;
	crm_writer *w;
	size_t len;

	crm_opts_parse(&tool, argc, argv, &c);
	if (c.noperands-- < 1)
		crm_usage_error(&tool, "no key column");
	c.operands++;
	f = crm_fold_open(&tool, &c);
	crm_fold_keys(f, c.operands[-1], "COL", true);
	crm_fold_read(f, &ops);
	w = crm_fold_writer(f);
	crm_fold_check(f, crm_writer_field(w, c.operands[-1],
	    crm_fold_header(f)->len[*crm_fold_key_columns(f, &len)]) | crm_writer_field(w, "n", 1) |
	    crm_writer_end(w));
	for (size_t i = 0; i < crm_fold_count(f); i++) {
		const char *k = crm_fold_set_cell(crm_fold_groups(f), i, 0,
		    &len);	/* i: first-seen order, the groups' own */
		crm_fold_check(f, crm_writer_field(w, k, len) |
		    crm_writer_num(w, *(unsigned long *)crm_fold_set_state(
		    crm_fold_groups(f), i)) | crm_writer_end(w));
	}
	return crm_fold_close(f, NULL);
}
