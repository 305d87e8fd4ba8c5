/* gf-csv.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GF_CSV_ERROR (gf_csv_error_quark ())

typedef enum
{
  GF_CSV_ERROR_ENCODING,  /* neither UTF-8 nor GB18030 */
  GF_CSV_ERROR_SYNTAX,    /* an unterminated quoted field */
} GfCsvError;

typedef struct _GfCsv GfCsv;

/**
 * GfCsvRow:
 * @fields: the cells, trimmed of surrounding white space, never %NULL
 * @n_fields: the number of cells
 * @line: the line number where the row starts in the file (1-based), for messages
 */
typedef struct
{
  char  **fields;
  guint   n_fields;
  guint   line;
} GfCsvRow;

GQuark          gf_csv_error_quark (void);
GfCsv          *gf_csv_parse       (GBytes          *bytes,
                                    const char      *filename,
                                    GError         **error);
guint           gf_csv_get_n_rows  (const GfCsv     *csv);
const GfCsvRow *gf_csv_get_row     (const GfCsv     *csv,
                                    guint            index);
gboolean        gf_csv_row_is_blank (const GfCsvRow *row);
void            gf_csv_free        (GfCsv           *csv);

char           *gf_csv_escape      (const char      *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfCsv, gf_csv_free)

G_END_DECLS
