/*
 * crm_phase: the ordered phases of the customer process (seed 5), or a
 * CRM's own list of stages (funnel --phases).
 *
 * The seed's eight phases have an English id and a German name; a value
 * names a phase by either, in any case (ASCII letters compared without
 * case: the German names are written without umlauts or sharp s).  An
 * own list has one name per phase, matched the same way.
 */
#ifndef CRM_PHASE_H
#define CRM_PHASE_H

#include <stdbool.h>
#include <stddef.h>

#include "crm_diag.h"

#define CRM_PHASE_MAX 64

typedef struct crm_phase_list {
	size_t n;
	const char *id[CRM_PHASE_MAX];	/* the name written by default */
	const char *de[CRM_PHASE_MAX];	/* with --lang de (own list: id) */
	char *own;		/* --phases, split: own ids point here */
} crm_phase_list;

/* The seed's eight phases: address/ansprechen ... rebuy/wiederkaufen. */
void crm_phase_default(crm_phase_list *l);

/*
 * An own list from "P1,P2,..." (copied).  Returns 0, or -1 with a usage
 * error naming --phases: an empty name, a name given twice (in any
 * case), more than CRM_PHASE_MAX phases.
 */
int crm_phase_parse(crm_phase_list *l, const char *arg, crm_error *err);
void crm_phase_free(crm_phase_list *l);

/* The position (0-based) of the phase s[0..len) names, or -1. */
long crm_phase_find(const crm_phase_list *l, const char *s, size_t len);

/* Phase i's name in the language asked for. */
const char *crm_phase_name(const crm_phase_list *l, size_t i, bool german);

#endif
