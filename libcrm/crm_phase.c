#include "crm_phase.h"

#include <stdlib.h>
#include <string.h>

/* Seed 5: den Kunden ansprechen; verstehen und bewerten; die Leistung
 * anbieten, ueberzeugen; Kaufabschluss; Auftragsabwicklung und
 * Lieferung; Nachkaufbetreuung; Beziehungspflege und
 * Kundenweiterentwicklung; Wiederkauf. */
static const char *const seed_id[8] = {
	"address", "understand", "offer", "close", "fulfil", "aftercare",
	"develop", "rebuy"
};
static const char *const seed_de[8] = {
	"ansprechen", "verstehen", "anbieten", "abschliessen", "abwickeln",
	"nachbetreuen", "entwickeln", "wiederkaufen"
};

void
crm_phase_default(crm_phase_list *l)
{
	memset(l, 0, sizeof *l);
	l->n = 8;
	for (size_t i = 0; i < 8; i++) {
		l->id[i] = seed_id[i];
		l->de[i] = seed_de[i];
	}
}

/* s[0..len) equals the NUL-terminated name, ASCII letters in any case. */
static bool
same_name(const char *s, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len && name[i] != '\0'; i++) {
		unsigned char a = (unsigned char)s[i];
		unsigned char b = (unsigned char)name[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return false;
	}
	return i == len && name[i] == '\0';
}

long
crm_phase_find(const crm_phase_list *l, const char *s, size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (same_name(s, len, l->id[i]) || same_name(s, len, l->de[i]))
			return (long)i;
	return -1;
}

int
crm_phase_parse(crm_phase_list *l, const char *arg, crm_error *err)
{
	char *p;

	memset(l, 0, sizeof *l);
	l->own = crm_xstrdup(arg);
	p = l->own;
	for (;;) {
		char *comma = strchr(p, ',');

		if (comma != NULL)
			*comma = '\0';
		if (*p == '\0')
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--phases: an empty phase name");
		if (crm_phase_find(l, p, strlen(p)) >= 0)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--phases: phase '%s' given twice", p);
		if (l->n == CRM_PHASE_MAX)
			return crm_error_set(err, CRM_EXIT_USAGE,
			    "--phases: more than %d phases", CRM_PHASE_MAX);
		l->id[l->n] = p;
		l->de[l->n++] = p;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

void
crm_phase_free(crm_phase_list *l)
{
	free(l->own);
	l->own = NULL;
}

const char *
crm_phase_name(const crm_phase_list *l, size_t i, bool german)
{
	return german ? l->de[i] : l->id[i];
}
