/*
 * crm_label: column headers for people in the --lang language.
 *
 * crmkit's tools write conventional English column names (revenue,
 * attainment, expected_value, ...).  A report in German shows them as a
 * German reader knows them (Umsatz, Zielerreichung, Erwartungswert).
 * Names not in the table are shown as they are written.
 */
#ifndef CRM_LABEL_H
#define CRM_LABEL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The German header for the column name[0..len), or NULL when the table
 * has none.  Besides the names themselves, the derived columns of
 * kpi --targets are known: NAME_target is "GERMAN (Soll)" and
 * NAME_attainment or NAME_vs_target is "GERMAN (Ist/Soll)".  A derived
 * header is written into buf (size bytes) and buf is returned; a table
 * entry is returned directly.
 */
const char *crm_label_de(const char *name, size_t len, char *buf,
			 size_t size);

/* The header to show: with german, crm_label_de's, else (or when it has
 * none) the name itself copied into buf (truncated to size - 1 bytes).
 * Returns the header. */
const char *crm_label_header(const char *name, size_t len, bool german,
			     char *buf, size_t size);

/* A kpi --total key cell "(all)" in the language: "(gesamt)" in German;
 * NULL for any other cell. */
const char *crm_label_total(const char *cell, size_t len, bool german);

#endif
