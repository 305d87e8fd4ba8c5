/* gf-store.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Record reads and writes. Table and column names come from the callers' static tables, never
 * from files or users (g_assert checks they are plain identifiers); values are always bound.
 */

#define G_LOG_DOMAIN "gf-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gf-catalog.h"
#include "gf-database-private.h"
#include "gf-store.h"

static gboolean
is_identifier (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static void
bind_value (sqlite3_stmt       *stmt,
            int                 index,
            const GfStoreValue *value)
{
  switch (value->type)
    {
    case GF_STORE_NULL:
      sqlite3_bind_null (stmt, index);
      break;
    case GF_STORE_INT:
      sqlite3_bind_int64 (stmt, index, value->i);
      break;
    case GF_STORE_REAL:
      sqlite3_bind_double (stmt, index, value->d);
      break;
    case GF_STORE_TEXT:
      sqlite3_bind_text (stmt, index, value->s, -1, SQLITE_TRANSIENT);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * gf_store_upsert:
 * @table: a table of the schema
 * @columns: (array length=n_columns): its columns to set
 * @values: (array length=n_columns): their values
 * @conflict_key: (nullable): a UNIQUE column (or comma-separated key columns): a row with the
 *   same value there is updated
 *   instead of inserted; %NULL always inserts
 * @out_id: (out) (optional): the rowid of the inserted or updated row
 *
 * Must run inside a transaction (gf_database_begin()).
 */
gboolean
gf_store_upsert (GfDatabase          *db,
                 const char          *table,
                 const char * const  *columns,
                 const GfStoreValue  *values,
                 guint                n_columns,
                 const char          *conflict_key,
                 gint64              *out_id,
                 GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (gf_database_in_transaction (db), FALSE);
  g_return_val_if_fail (n_columns > 0, FALSE);
  g_assert (is_identifier (table));

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (guint i = 0; i < n_columns; i++)
    {
      g_assert (is_identifier (columns[i]));
      g_string_append_printf (sql, "%s%s", i ? ", " : "", columns[i]);
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");

  if (conflict_key != NULL)
    {
      gboolean first = TRUE;

      g_auto(GStrv) keys = g_strsplit (conflict_key, ",", -1);

      for (guint k = 0; keys[k] != NULL; k++)
        g_assert (is_identifier (g_strstrip (keys[k])));

      g_string_append_printf (sql, " ON CONFLICT (%s) DO UPDATE SET ", conflict_key);
      for (guint i = 0; i < n_columns; i++)
        {
          if (g_strv_contains ((const char * const *) keys, columns[i]))
            continue;
          g_string_append_printf (sql, "%s%s = excluded.%s", first ? "" : ", ",
                                  columns[i], columns[i]);
          first = FALSE;
        }
      if (first)
        g_string_append_printf (sql, "%s = excluded.%s", keys[0], keys[0]);
    }
  if (out_id != NULL)
    g_string_append (sql, " RETURNING rowid");

  stmt = _gf_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    bind_value (stmt, i + 1, &values[i]);

  if (sqlite3_step (stmt) != (out_id != NULL ? SQLITE_ROW : SQLITE_DONE))
    {
      _gf_database_set_error (db, error, table);
      sqlite3_reset (stmt);
      return FALSE;
    }

  if (out_id != NULL)
    *out_id = sqlite3_column_int64 (stmt, 0);

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * gf_store_lookup_id:
 * @out_id: (out): the id, or 0 when no row has that key
 *
 * Returns: %FALSE only on a database error; a missing row is not an error
 */
gboolean
gf_store_lookup_id (GfDatabase  *db,
                    const char  *table,
                    const char  *key_column,
                    const char  *key,
                    gint64      *out_id,
                    GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);
  g_assert (is_identifier (table) && is_identifier (key_column));

  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", table, key_column);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_store_lookup_text:
 * @out_text: (out) (transfer full) (nullable): the text, %NULL for NULL or no row
 */
gboolean
gf_store_lookup_text (GfDatabase  *db,
                      const char  *table,
                      const char  *column,
                      gint64       id,
                      char       **out_text,
                      GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_text != NULL, FALSE);
  g_assert (is_identifier (table) && is_identifier (column));

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *out_text = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_store_set_geometry:
 * @column: "boundary" or "geometry"
 *
 * Stores a geometry and its bounding box in the row's min_/max_ columns.
 */
gboolean
gf_store_set_geometry (GfDatabase        *db,
                       const char        *table,
                       const char        *column,
                       gint64             id,
                       const GfGeometry  *geometry,
                       GError           **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) blob = NULL;
  sqlite3_stmt *stmt;
  GfBounds bounds;
  gsize size;
  const void *data;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);
  g_assert (is_identifier (table) && is_identifier (column));

  sql = g_strdup_printf ("UPDATE %s SET %s = ?, min_lon = ?, min_lat = ?, max_lon = ?, "
                         "max_lat = ? WHERE id = ?", table, column);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  blob = gf_geometry_to_blob (geometry);
  data = g_bytes_get_data (blob, &size);
  bounds = gf_geometry_get_bounds (geometry);
  sqlite3_bind_blob (stmt, 1, data, (int) size, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, bounds.min_lon);
  sqlite3_bind_double (stmt, 3, bounds.min_lat);
  sqlite3_bind_double (stmt, 4, bounds.max_lon);
  sqlite3_bind_double (stmt, 5, bounds.max_lat);
  sqlite3_bind_int64 (stmt, 6, id);

  return _gf_database_step_done (db, stmt, error);
}

/**
 * gf_store_get_geometry:
 *
 * Returns: (transfer full) (nullable): the geometry, or %NULL without an error when the row has
 *   none
 */
GfGeometry *
gf_store_get_geometry (GfDatabase  *db,
                       const char  *table,
                       const char  *column,
                       gint64       id,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  GfGeometry *geometry = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_assert (is_identifier (table) && is_identifier (column));

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    geometry = gf_geometry_new_from_blob (sqlite3_column_blob (stmt, 0),
                                          sqlite3_column_bytes (stmt, 0), error);
  sqlite3_reset (stmt);

  return geometry;
}

gboolean
gf_store_create_source (GfDatabase  *db,
                        const char  *name,
                        gint64      *out_id,
                        GError     **error)
{
  const char *columns[] = { "name" };
  GfStoreValue values[] = { { GF_STORE_TEXT, .s = name } };

  return gf_store_upsert (db, "source", columns, values, 1, NULL, out_id, error);
}

gboolean
gf_store_audit (GfDatabase  *db,
                const char  *action,
                const char  *subject,
                const char  *detail,
                GError     **error)
{
  const char *columns[] = { "action", "subject", "detail" };
  GfStoreValue values[] = {
    { GF_STORE_TEXT, .s = action },
    { GF_STORE_TEXT, .s = subject },
    { detail ? GF_STORE_TEXT : GF_STORE_NULL, .s = detail },
  };

  return gf_store_upsert (db, "audit_log", columns, values, 3, NULL, NULL, error);
}

/**
 * gf_store_layout_ensure:
 *
 * Finds the layout of that name or creates it; the first layout of a database becomes the
 * current one.
 */
gboolean
gf_store_layout_ensure (GfDatabase  *db,
                        const char  *name,
                        gint64      *out_id,
                        GError     **error)
{
  const char *columns[] = { "name", "is_current" };
  GfStoreValue values[2] = { { GF_STORE_TEXT, .s = name }, { GF_STORE_INT, .i = 0 } };
  gint64 current = 0;

  if (!gf_store_lookup_id (db, "layout", "name", name, out_id, error))
    return FALSE;
  if (*out_id != 0)
    return TRUE;

  if (!gf_store_current_layout (db, &current, error))
    return FALSE;
  values[1].i = current == 0;

  return gf_store_upsert (db, "layout", columns, values, 2, NULL, out_id, error);
}

/**
 * gf_store_current_layout:
 * @out_id: (out): the current layout, or 0 when the database has none
 */
gboolean
gf_store_current_layout (GfDatabase  *db,
                         gint64      *out_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, "SELECT id FROM layout WHERE is_current = 1", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
gf_store_put_observation (GfDatabase  *db,
                          gint64       indicator_id,
                          int          year,
                          gint64       village_id,
                          double       value,
                          gint64       source_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _gf_database_prepare_literal (db,
                                       "INSERT INTO observation (indicator_id, year, village_id,"
                                       " value,"
                                       " source_id) VALUES (?, ?, ?, ?, ?)"
                                       " ON CONFLICT (indicator_id, year, village_id) DO UPDATE"
                                       " SET value = excluded.value,"
                                       " source_id = excluded.source_id",
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, village_id);
  sqlite3_bind_double (stmt, 4, value);
  if (source_id > 0)
    sqlite3_bind_int64 (stmt, 5, source_id);
  else
    sqlite3_bind_null (stmt, 5);

  return _gf_database_step_done (db, stmt, error);
}

void
gf_indicator_free (GfIndicator *indicator)
{
  if (indicator == NULL)
    return;

  g_free (indicator->code);
  g_free (indicator->name_zh);
  g_free (indicator->name_en);
  g_free (indicator->unit);
  g_free (indicator->category);
  g_free (indicator->weight_code);
  g_free (indicator->formula);
  g_free (indicator->measure);
  g_free (indicator);
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * gf_store_list_indicators:
 *
 * Returns: (transfer full) (element-type GfIndicator): the catalogue in display order
 */
GPtrArray *
gf_store_list_indicators (GfDatabase  *db,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_indicator_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT id, code, name_zh, name_en, unit, category, aggregation,"
                               " weight_code, formula, direction, measure, benchmark"
                               " FROM indicator ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfIndicator *ind = g_new0 (GfIndicator, 1);
      GfAggregation aggregation = GF_AGGREGATION_SUM;

      ind->id = sqlite3_column_int64 (stmt, 0);
      ind->code = column_strdup (stmt, 1);
      ind->name_zh = column_strdup (stmt, 2);
      ind->name_en = column_strdup (stmt, 3);
      ind->unit = column_strdup (stmt, 4);
      ind->category = column_strdup (stmt, 5);
      gf_aggregation_from_string ((const char *) sqlite3_column_text (stmt, 6), &aggregation);
      ind->aggregation = aggregation;
      ind->weight_code = column_strdup (stmt, 7);
      ind->formula = column_strdup (stmt, 8);
      ind->direction = sqlite3_column_int (stmt, 9);
      ind->measure = column_strdup (stmt, 10);
      ind->benchmark = sqlite3_column_type (stmt, 11) == SQLITE_NULL
                       ? NAN : sqlite3_column_double (stmt, 11);
      g_ptr_array_add (list, ind);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "indicator");
      return NULL;
    }

  return g_steal_pointer (&list);
}

void
gf_village_values_free (GfVillageValues *values)
{
  if (values == NULL)
    return;

  g_free (values->village_ids);
  g_free (values->values);
  g_free (values);
}

/**
 * gf_store_village_values:
 *
 * One indicator and year for every village that has a value: a range scan of the
 * observation key, whatever the size of the table.
 *
 * Returns: (transfer full) (nullable): the values, ordered by village id
 */
GfVillageValues *
gf_store_village_values (GfDatabase  *db,
                         gint64       indicator_id,
                         int          year,
                         GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) vals = g_array_new (FALSE, FALSE, sizeof (double));
  GfVillageValues *result;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT village_id, value FROM observation"
                               " WHERE indicator_id = ? AND year = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double v = sqlite3_column_double (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (vals, v);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "observation");
      return NULL;
    }

  result = g_new0 (GfVillageValues, 1);
  result->n = ids->len;
  result->village_ids = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  result->values = (double *) g_array_free (g_steal_pointer (&vals), FALSE);

  return result;
}

static GHashTable *
query_id_map (GfDatabase  *db,
              const char  *sql,
              gint64       parameter,
              gboolean     bind,
              GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (bind)
    sqlite3_bind_int64 (stmt, 1, parameter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      g_hash_table_insert (map, g_memdup2 (&key, sizeof key),
                           g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                      sizeof (gint64)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "query");
      return NULL;
    }

  return g_steal_pointer (&map);
}

/**
 * gf_store_cluster_membership:
 *
 * Returns: (transfer full): village id → cluster id (both gint64*) in @layout_id
 */
GHashTable *
gf_store_cluster_membership (GfDatabase  *db,
                             gint64       layout_id,
                             GError     **error)
{
  return query_id_map (db, "SELECT village_id, cluster_id FROM cluster_member WHERE layout_id = ?",
                       layout_id, TRUE, error);
}

/**
 * gf_store_village_populations:
 *
 * Returns: (transfer full): village id → population (both gint64*), villages with a known
 *   population only
 */
GHashTable *
gf_store_village_populations (GfDatabase  *db,
                              GError     **error)
{
  return query_id_map (db, "SELECT id, population FROM village", 0, FALSE, error);
}

/**
 * gf_store_year_range:
 *
 * The first and last year with any observation; both 0 when there is none.
 */
gboolean
gf_store_year_range (GfDatabase  *db,
                     int         *first_year,
                     int         *last_year,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  /* The key starts with the indicator, so min/max per indicator are index seeks. */
  stmt = _gf_database_prepare (db,
                               "SELECT min(y0), max(y1) FROM (SELECT"
                               " (SELECT min(year) FROM observation o WHERE o.indicator_id = i.id)"
                               " AS y0,"
                               " (SELECT max(year) FROM observation o WHERE o.indicator_id = i.id)"
                               " AS y1 FROM indicator i)", error);
  if (stmt == NULL)
    return FALSE;

  *first_year = *last_year = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *first_year = sqlite3_column_int (stmt, 0);
      *last_year = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

gint64
gf_store_count (GfDatabase  *db,
                const char  *table,
                GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_assert (is_identifier (table));

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _gf_database_set_error (db, error, table);
  sqlite3_reset (stmt);

  return count;
}

gboolean
gf_store_set_sample (GfDatabase  *db,
                     gboolean     is_sample,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _gf_database_prepare (db, "UPDATE district SET is_sample = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, is_sample ? 1 : 0);
  return _gf_database_step_done (db, stmt, error);
}

void
gf_cluster_record_free (GfClusterRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->name);
  g_free (record->brand);
  g_free (record->color);
  g_free (record->industry);
  g_free (record);
}

/**
 * gf_store_list_clusters:
 *
 * Returns: (transfer full) (element-type GfClusterRecord): every cluster, by id
 */
GPtrArray *
gf_store_list_clusters (GfDatabase  *db,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_cluster_record_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, "SELECT id, name, brand, color, industry FROM cluster"
                                   " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfClusterRecord *record = g_new0 (GfClusterRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->name = column_strdup (stmt, 1);
      record->brand = column_strdup (stmt, 2);
      record->color = column_strdup (stmt, 3);
      record->industry = column_strdup (stmt, 4);
      g_ptr_array_add (list, record);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "cluster");
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * gf_store_get_district:
 * @district: (out caller-allocates): filled with newly allocated strings, %NULL when the
 *   database has no district record yet
 */
gboolean
gf_store_get_district (GfDatabase        *db,
                       GfDistrictRecord  *district,
                       GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (district, 0, sizeof *district);
  stmt = _gf_database_prepare (db, "SELECT code, name, is_sample FROM district WHERE id = 1",
                               error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      district->code = column_strdup (stmt, 0);
      district->name = column_strdup (stmt, 1);
      district->is_sample = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "district");
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_store_select_rows:
 * @columns: (array length=n_columns): the columns to read; foreign keys are read as the key
 *   of the row they reference
 *
 * Returns: (transfer full) (element-type GStrv): every row as text, %NULL for NULL cells,
 *   in rowid order; each row is one block that the array frees (never g_strfreev() a row)
 */
GPtrArray *
gf_store_select_rows (GfDatabase           *db,
                      const char           *table,
                      const GfStoreColumn  *columns,
                      guint                 n_columns,
                      GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_assert (is_identifier (table));

  for (guint i = 0; i < n_columns; i++)
    {
      const GfStoreColumn *c = &columns[i];

      g_assert (is_identifier (c->column));
      if (i > 0)
        g_string_append (sql, ", ");
      if (c->ref_table != NULL)
        {
          g_assert (is_identifier (c->ref_table) && is_identifier (c->ref_key));
          g_string_append_printf (sql, "(SELECT r.%s FROM %s r WHERE r.id = t.%s)",
                                  c->ref_key, c->ref_table, c->column);
        }
      else
        g_string_append_printf (sql, "t.%s", c->column);
    }
  g_string_append_printf (sql, " FROM %s t", table);

  /* Not cached: exports are rare and their SQL varies by kind. */
  handle = _gf_database_get_handle (db);
  if (sqlite3_prepare_v2 (handle, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gf_database_set_error (db, error, table);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* One block per row, the cell pointers then their texts, freed by g_free(): with NULL
       * cells inside, g_strfreev() would stop at the first one and leak the cells after it. */
      gsize size = (n_columns + 1) * sizeof (char *);
      char **row;
      char *text;

      for (guint i = 0; i < n_columns; i++)
        if (sqlite3_column_text (stmt, (int) i) != NULL)
          size += (gsize) sqlite3_column_bytes (stmt, (int) i) + 1;

      row = g_malloc0 (size);
      text = (char *) (row + n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        {
          const char *cell = (const char *) sqlite3_column_text (stmt, (int) i);
          gsize length;

          if (cell == NULL)
            continue;
          length = (gsize) sqlite3_column_bytes (stmt, (int) i);
          memcpy (text, cell, length);
          text[length] = '\0';
          row[i] = text;
          text += length + 1;
        }
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * gf_store_foreach_observation:
 * @func: (scope call): called for every stored value, ordered by village code, year and
 *   indicator order; return %FALSE (with your own error kept aside) to stop
 *
 * Streams observations without holding them in memory.
 */
gboolean
gf_store_foreach_observation (GfDatabase         *db,
                              GfObservationFunc   func,
                              gpointer            user_data,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 n = 0;
  int rc;

  if (sqlite3_prepare_v2 (_gf_database_get_handle (db),
                          "SELECT v.code, o.year, i.code, o.value"
                          " FROM village v JOIN observation o ON o.village_id = v.id"
                          " JOIN indicator i ON i.id = o.indicator_id"
                          " ORDER BY v.code, o.year, i.sort_order", -1, &stmt, NULL) != SQLITE_OK)
    {
      _gf_database_set_error (db, error, "observation");
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!func ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_double (stmt, 3),
                 user_data))
        return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "observation");
      return FALSE;
    }

  return TRUE;
}

void
gf_feature_record_free (GfFeatureRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->code);
  g_free (record->name);
  g_free (record->kind);
  g_free (record->cluster);
  g_clear_pointer (&record->geometry, gf_geometry_free);
  g_free (record);
}

/**
 * gf_store_list_features:
 * @table: "district", "town", "village" (their boundaries) or "route"
 *
 * Returns: (transfer full) (element-type GfFeatureRecord): the rows that have a geometry
 */
GPtrArray *
gf_store_list_features (GfDatabase  *db,
                        const char  *table,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_feature_record_free);
  const char *sql;
  sqlite3_stmt *stmt;
  int rc;

  if (g_str_equal (table, "district"))
    sql = "SELECT id, code, name, NULL, NULL, boundary FROM district WHERE boundary IS NOT NULL";
  else if (g_str_equal (table, "town"))
    sql = "SELECT id, code, name, NULL, NULL, boundary FROM town WHERE boundary IS NOT NULL"
          " ORDER BY code";
  else if (g_str_equal (table, "village"))
    sql = "SELECT id, code, name, NULL, NULL, boundary FROM village WHERE boundary IS NOT NULL"
          " ORDER BY code";
  else if (g_str_equal (table, "route"))
    sql = "SELECT r.id, NULL, r.name, r.kind, c.name, r.geometry FROM route r"
          " LEFT JOIN cluster c ON c.id = r.cluster_id ORDER BY r.id";
  else
    g_return_val_if_reached (NULL);

  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GfGeometry) geometry = NULL;
      GfFeatureRecord *record;

      geometry = gf_geometry_new_from_blob (sqlite3_column_blob (stmt, 5),
                                            sqlite3_column_bytes (stmt, 5), error);
      if (geometry == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      record = g_new0 (GfFeatureRecord, 1);
      record->id = sqlite3_column_int64 (stmt, 0);
      record->code = column_strdup (stmt, 1);
      record->name = column_strdup (stmt, 2);
      record->kind = column_strdup (stmt, 3);
      record->cluster = column_strdup (stmt, 4);
      record->geometry = g_steal_pointer (&geometry);
      g_ptr_array_add (list, record);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * gf_store_update_value:
 *
 * Sets one column of an existing row.
 */
gboolean
gf_store_update_value (GfDatabase          *db,
                       const char          *table,
                       gint64               id,
                       const char          *column,
                       const GfStoreValue  *value,
                       GError             **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_assert (is_identifier (table) && is_identifier (column));

  sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_value (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, id);
  return _gf_database_step_done (db, stmt, error);
}

/**
 * gf_store_count_towns_outside:
 *
 * Returns: the number of towns whose code does not start with @district_code, or -1 on error
 */
gint64
gf_store_count_towns_outside (GfDatabase  *db,
                              const char  *district_code,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = _gf_database_prepare (db, "SELECT count(*) FROM town WHERE substr(code, 1, 6) <> ?",
                               error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, district_code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _gf_database_set_error (db, error, "town");
  sqlite3_reset (stmt);

  return count;
}

/**
 * gf_json_add_number_or_null:
 *
 * Adds @value, or null for NaN: JSON has no NaN, and a missing figure must not read as 0.
 */
void
gf_json_add_number_or_null (JsonBuilder *builder,
                            double       value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/**
 * gf_json_add_indicators:
 * @indicators: (element-type GfIndicator): the catalogue
 *
 * Adds an array of the indicators' code, names and unit, as the CLI's JSON outputs list them.
 */
void
gf_json_add_indicators (JsonBuilder *builder,
                        GPtrArray   *indicators)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < indicators->len; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (indicators, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ind->code);
      json_builder_set_member_name (builder, "name_zh");
      json_builder_add_string_value (builder, ind->name_zh);
      json_builder_set_member_name (builder, "name_en");
      json_builder_add_string_value (builder, ind->name_en);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, ind->unit);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
