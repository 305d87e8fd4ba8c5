/* gf-import-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column tables of the CSV kinds, shared by the importers and the exporters so that a file
 * written by one is read back by the other.
 */

#pragma once

#include "gf-import.h"
#include "gf-store.h"

G_BEGIN_DECLS

typedef enum
{
  COL_TEXT,
  COL_INT,
  COL_REAL,       /* ≥ 0 unless the column says signed */
  COL_YEAR,
  COL_DATE,
  COL_PERCENT,
  COL_LON,
  COL_LAT,
  COL_ENUM,
  COL_REF,
  COL_CODE,
  COL_COLOR,      /* #RRGGBB */
} ColumnType;

typedef struct
{
  const char          *name;         /* the header in files */
  const char          *aliases;      /* Chinese headers, '|'-separated */
  const char          *column;       /* the database column */
  ColumnType           type;
  gboolean             required;
  const char          *ref_table;    /* COL_REF */
  const char          *ref_key;      /* COL_REF: "code" or "name" */
  const char * const  *choices;      /* COL_ENUM: "value|alias|alias" */
  int                  code_length;  /* COL_CODE */
  gboolean             positive;     /* COL_REAL, COL_PERCENT: zero is refused too */
} Column;

typedef struct _Import Import;

typedef struct
{
  const char    *name;
  const char    *table;
  const char    *conflict_key;      /* NULL: rows are always inserted */
  const Column  *columns;
  /* Checks and defaults that involve several cells; values[] is in column order. */
  gboolean     (*check_row) (Import        *import,
                             GfStoreValue  *values,
                             guint          line,
                             GError       **error);
  /* File columns whose values together may appear on one row only ("*": one row in all). */
  const char    *unique;
} Kind;

const Column *_gf_import_get_columns (GfImportKind   kind,
                                      const char   **table);

G_END_DECLS
