/*
 * crm_label: German column headers.  The table holds the columns the
 * crmkit tools write and the conventional columns of a CRM export they
 * read; it is sorted by name for bsearch.
 */
#include "crm_label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct label {
	const char *name, *de;
};

/* Sorted by name in byte order: the lookup is a binary search
 * (test_label.c looks up the first, the last and names in between). */
static const struct label german[] = {
	{ "abc", "ABC-Klasse" },
	{ "allocated", "zugeteilt" },
	{ "allocation", "Zuteilung" },
	{ "at_max", "am Maximum" },
	{ "at_min", "am Minimum" },
	{ "attainment", "Zielerreichung" },
	{ "budget", "Budget" },
	{ "calls", "Anrufe" },
	{ "churn", "Wechselbereitschaft" },
	{ "clv", "Kundenwert (CLV)" },
	{ "composite", "Gesamtindex" },
	{ "conversion", "Konversion" },
	{ "cost", "Kosten" },
	{ "cost_per_contact", "Kosten je Kontakt" },
	{ "cost_per_customer", "Kosten je Kunde" },
	{ "current", "aktuell" },
	{ "customer", "Kunde" },
	{ "customer_id", "Kundennummer" },
	{ "customers", "Kunden" },
	{ "drop_off", "Abbruchquote" },
	{ "efficiency", "Effizienz" },
	{ "expected_purchases", "erwartete Käufe" },
	{ "expected_response", "erwartete Wirkung" },
	{ "expected_value", "Erwartungswert" },
	{ "expected_value_sum", "Erwartungswert Summe" },
	{ "first_purchase", "Erstkauf" },
	{ "frequency", "Häufigkeit" },
	{ "growth", "Wachstum" },
	{ "last_purchase", "letzter Kauf" },
	{ "margin", "Deckungsbeitrag" },
	{ "mean_days", "Tage (Mittel)" },
	{ "median_days", "Tage (Median)" },
	{ "monetary", "Umsatzwert" },
	{ "name", "Name" },
	{ "need_extrinsic", "Bedarf extrinsisch" },
	{ "need_intrinsic", "Bedarf intrinsisch" },
	{ "need_strategic", "Bedarf strategisch" },
	{ "orders", "Aufträge" },
	{ "owner", "Zuständigkeit" },
	{ "p_alive", "Aktivwahrscheinlichkeit" },
	{ "phase", "Phase" },
	{ "pool", "Topf" },
	{ "position", "Position" },
	{ "priority", "Priorität" },
	{ "probability_threshold", "Schwelle Wahrscheinlichkeit" },
	{ "quadrant", "Quadrant" },
	{ "reached", "erreicht" },
	{ "recency", "Tage seit Kauf" },
	{ "region", "Region" },
	{ "rep", "Betreuer" },
	{ "revenue", "Umsatz" },
	{ "revenue_prev", "Umsatz Vorjahr" },
	{ "rfm_score", "RFM-Wert" },
	{ "satisfaction", "Zufriedenheit" },
	{ "segment", "Segment" },
	{ "share", "Anteil" },
	{ "step_conversion", "Stufenkonversion" },
	{ "switching", "Wechselbereitschaft" },
	{ "target", "Ziel" },
	{ "treatment", "Bearbeitungsansatz" },
	{ "value", "Kundenwert" },
	{ "value_sum", "Kundenwert Summe" },
	{ "value_threshold", "Schwelle Kundenwert" },
	{ "visits", "Besuche" },
	{ "win_probability", "Abschlusschance" },
	{ "worked", "bearbeitet" },
	{ "worked_share", "Anteil bearbeitet" },
	{ "x_threshold", "Schwelle x" },
	{ "y_threshold", "Schwelle y" },
};

#define NGERMAN (sizeof german / sizeof german[0])

static const char *
lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = NGERMAN;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = german[mid].name;
		size_t klen = strlen(k);
		int c = memcmp(name, k, len < klen ? len : klen);

		if (c == 0)
			c = len < klen ? -1 : len > klen;
		if (c == 0)
			return german[mid].de;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* name ends in suffix: the German of what comes before it, or NULL. */
static const char *
base_of(const char *name, size_t len, const char *suffix)
{
	size_t s = strlen(suffix);

	if (len <= s || memcmp(name + len - s, suffix, s) != 0)
		return NULL;
	return lookup(name, len - s);
}

const char *
crm_label_de(const char *name, size_t len, char *buf, size_t size)
{
	const char *de, *base;

	if ((de = lookup(name, len)) != NULL)
		return de;
	if ((base = base_of(name, len, "_target")) != NULL) {
		snprintf(buf, size, "%s (Soll)", base);
		return buf;
	}
	if ((base = base_of(name, len, "_attainment")) != NULL ||
	    (base = base_of(name, len, "_vs_target")) != NULL) {
		snprintf(buf, size, "%s (Ist/Soll)", base);
		return buf;
	}
	return NULL;
}

const char *
crm_label_header(const char *name, size_t len, bool german, char *buf,
		 size_t size)
{
	const char *de;

	if (german && (de = crm_label_de(name, len, buf, size)) != NULL)
		return de;
	if (buf == NULL || size == 0)
		return "";
	if (len >= size)
		len = size - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return buf;
}

const char *
crm_label_total(const char *cell, size_t len, bool german)
{
	if (len != 5 || memcmp(cell, "(all)", 5) != 0)
		return NULL;
	return german ? "(gesamt)" : "(all)";
}
