/* gf-export.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes every kind the importers read, in the same format (the column tables are shared), so
 * an exported file imports back unchanged. CSV is UTF-8 with a BOM, which Excel needs to open
 * Chinese text correctly; files are replaced atomically, never left half-written.
 */

#define G_LOG_DOMAIN "gf-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gf-csv.h"
#include "gf-export.h"
#include "gf-import-private.h"
#include "gf-store.h"

static void
append_csv_row (GString            *out,
                const char * const *cells,
                guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *escaped = gf_csv_escape (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, escaped);
    }
  g_string_append (out, "\r\n");
}

static gboolean
export_table (GfDatabase    *db,
              GfImportKind   kind,
              GString       *out,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree GfStoreColumn *store_columns = NULL;
  g_autofree const char **header = NULL;
  const Column *columns;
  const char *table;
  guint n = 0;

  columns = _gf_import_get_columns (kind, &table);
  g_assert (columns != NULL);

  while (columns[n].name != NULL)
    n++;

  store_columns = g_new0 (GfStoreColumn, n);
  header = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      header[i] = columns[i].name;
      if (columns[i].column == NULL)
        /* cluster_members: the layout is stored by id and written by name */
        store_columns[i] = (GfStoreColumn) { "layout_id", "layout", "name" };
      else if (columns[i].type == COL_REF)
        store_columns[i] = (GfStoreColumn) { columns[i].column, columns[i].ref_table,
                                             columns[i].ref_key };
      else
        store_columns[i] = (GfStoreColumn) { columns[i].column, NULL, NULL };
    }

  rows = gf_store_select_rows (db, table, store_columns, n, error);
  if (rows == NULL)
    return FALSE;

  append_csv_row (out, header, n);
  for (guint r = 0; r < rows->len; r++)
    append_csv_row (out, g_ptr_array_index (rows, r), n);

  return TRUE;
}

typedef struct
{
  GString     *out;
  GHashTable  *column_of;   /* indicator code → column index + 1 */
  guint        n_columns;
  char       **cells;       /* current row: village, year, values */
  char        *village;
  int          year;
} WideWriter;

static void
flush_wide_row (WideWriter *w)
{
  if (w->village == NULL)
    return;

  w->cells[0] = w->village;
  w->cells[1] = g_strdup_printf ("%d", w->year);
  append_csv_row (w->out, (const char * const *) w->cells, w->n_columns);
  for (guint i = 0; i < w->n_columns; i++)
    g_clear_pointer (&w->cells[i], g_free);
  w->village = NULL;
}

/* The shortest text that reads back as the same double: "18.13" rather than the
 * "18.129999999999999" of g_ascii_dtostr(), in a file that people open in Excel. */
static char *
format_number (double value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

static gboolean
add_observation (const char *village_code,
                 int         year,
                 const char *indicator_code,
                 double      value,
                 gpointer    user_data)
{
  WideWriter *w = user_data;
  guint column = GPOINTER_TO_UINT (g_hash_table_lookup (w->column_of, indicator_code));

  if (w->village == NULL || !g_str_equal (w->village, village_code) || w->year != year)
    {
      flush_wide_row (w);
      w->village = g_strdup (village_code);
      w->year = year;
    }

  if (column > 0)
    {
      g_free (w->cells[column - 1]);
      w->cells[column - 1] = format_number (value);
    }

  return TRUE;
}

/* Observations in the wide form a town's sheet has: one row per village and year. */
static gboolean
export_observations (GfDatabase    *db,
                     GString       *out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) indicators = gf_store_list_indicators (db, error);
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree char **cells = NULL;
  WideWriter w = { 0 };
  gboolean ok;

  if (indicators == NULL)
    return FALSE;

  g_ptr_array_add (header, (char *) "village_code");
  g_ptr_array_add (header, (char *) "year");
  for (guint i = 0; i < indicators->len; i++)
    {
      GfIndicator *ind = g_ptr_array_index (indicators, i);

      if (ind->formula != NULL)
        continue;
      g_ptr_array_add (header, ind->code);
      g_hash_table_insert (column_of, ind->code, GUINT_TO_POINTER (header->len));
    }

  append_csv_row (out, (const char * const *) header->pdata, header->len);

  cells = g_new0 (char *, header->len + 1);
  w = (WideWriter) { out, column_of, header->len, cells, NULL, 0 };
  ok = gf_store_foreach_observation (db, add_observation, &w, cancellable, error);
  if (ok)
    flush_wide_row (&w);
  for (guint i = 0; i < header->len; i++)
    g_free (cells[i]);

  return ok;
}

static void
add_feature (JsonBuilder     *b,
             GfFeatureRecord *record,
             const char      *level)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Feature");
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  if (level != NULL)
    {
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, level);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, record->code);
    }
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, record->name);
  if (record->kind != NULL)
    {
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, record->kind);
    }
  if (record->cluster != NULL)
    {
      json_builder_set_member_name (b, "cluster");
      json_builder_add_string_value (b, record->cluster);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "geometry");
  json_builder_add_value (b, gf_geometry_to_json (record->geometry));
  json_builder_end_object (b);
}

static gboolean
export_geojson (GfDatabase    *db,
                GfImportKind   kind,
                GString       *out,
                GError       **error)
{
  static const char * const boundary_levels[] = { "district", "town", "village" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);

  for (guint l = 0; l < (kind == GF_IMPORT_ROUTES ? 1u : G_N_ELEMENTS (boundary_levels)); l++)
    {
      const char *table = kind == GF_IMPORT_ROUTES ? "route" : boundary_levels[l];
      g_autoptr(GPtrArray) features = gf_store_list_features (db, table, error);

      if (features == NULL)
        return FALSE;

      for (guint i = 0; i < features->len; i++)
        add_feature (b, g_ptr_array_index (features, i),
                     kind == GF_IMPORT_ROUTES ? NULL : boundary_levels[l]);
    }

  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');

  return TRUE;
}

/**
 * gf_export_bytes:
 *
 * Returns: (transfer full) (nullable): the file contents of @kind: CSV (UTF-8 with BOM) or
 *   GeoJSON for boundaries and routes
 */
GBytes *
gf_export_bytes (GfDatabase    *db,
                 GfImportKind   kind,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind < GF_IMPORT_N_KINDS, NULL);

  if (kind == GF_IMPORT_BOUNDARIES || kind == GF_IMPORT_ROUTES)
    ok = export_geojson (db, kind, out, error);
  else
    {
      g_string_append (out, "\xEF\xBB\xBF");
      if (kind == GF_IMPORT_OBSERVATIONS)
        ok = export_observations (db, out, cancellable, error);
      else
        ok = export_table (db, kind, out, error);
    }

  if (!ok)
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * gf_export_file:
 *
 * Writes the export to @file atomically: an existing file is replaced only once the new
 * contents are complete.
 */
gboolean
gf_export_file (GfDatabase    *db,
                GfImportKind   kind,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = gf_export_bytes (db, kind, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error);
}
