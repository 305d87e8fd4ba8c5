/* gf-store-map.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of the map: everything the map draws, read with one query per table. Rows go to a
 * callback with the statement's own buffers (strings, geometry blobs), so the map copies only
 * what it keeps and never goes through GeoJSON.
 */

#define G_LOG_DOMAIN "gf-store-map"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gf-database-private.h"
#include "gf-store-map-private.h"

static const char * const map_queries[] = {
  [GF_STORE_MAP_DISTRICT] =
    "SELECT id, code, name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, boundary"
    " FROM district ORDER BY id",
  [GF_STORE_MAP_TOWNS] =
    "SELECT id, code, name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, boundary"
    " FROM town ORDER BY code",
  /* The membership comes from the layout's primary key (layout_id, village_id): one seek per
   * village. */
  [GF_STORE_MAP_VILLAGES] =
    "SELECT v.id, v.code, v.name, NULL, NULL, v.town_id, m.cluster_id, NULL, v.lon, v.lat,"
    " v.boundary FROM village v"
    " LEFT JOIN cluster_member m ON m.layout_id = ?1 AND m.village_id = v.id"
    " ORDER BY v.id",
  [GF_STORE_MAP_CLUSTERS] =
    "SELECT id, NULL, name, color, brand, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM cluster ORDER BY id",
  [GF_STORE_MAP_SITES] =
    "SELECT id, NULL, name, kind, level, NULL, cluster_id, village_id, lon, lat, NULL"
    " FROM site ORDER BY id",
  [GF_STORE_MAP_ROUTES] =
    "SELECT id, NULL, name, kind, NULL, NULL, cluster_id, NULL, NULL, NULL, geometry"
    " FROM route ORDER BY id",
};

/**
 * _gf_store_map_resolve_layout:
 * @layout_id: a layout id, or 0 for the current layout
 * @out_id: (out): the layout to use; 0 when @layout_id is 0 and the database has no layout
 *
 * Returns: %FALSE with an error when @layout_id names no layout
 */
gboolean
_gf_store_map_resolve_layout (GfDatabase  *db,
                              gint64       layout_id,
                              gint64      *out_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  if (layout_id == 0)
    stmt = _gf_database_prepare (db, "SELECT id FROM layout WHERE is_current = 1", error);
  else
    stmt = _gf_database_prepare (db, "SELECT id FROM layout WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (layout_id != 0)
    sqlite3_bind_int64 (stmt, 1, layout_id);

  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "layout");
      return FALSE;
    }

  if (layout_id != 0 && *out_id == 0)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_QUERY,
                   _("There is no layout with the id %d"), (int) layout_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * _gf_store_map_foreach:
 * @layout_id: for %GF_STORE_MAP_VILLAGES, the layout whose cluster membership to read (0: none)
 * @func: called for every row; returning %FALSE with an error stops the query
 *
 * Runs the map query of @table. The connection must belong to the calling thread.
 */
gboolean
_gf_store_map_foreach (GfDatabase         *db,
                       GfStoreMapTable     table,
                       gint64              layout_id,
                       GfStoreMapRowFunc   func,
                       gpointer            user_data,
                       GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (table <= GF_STORE_MAP_ROUTES, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = _gf_database_prepare (db, map_queries[table], error);
  if (stmt == NULL)
    return FALSE;
  if (table == GF_STORE_MAP_VILLAGES)
    sqlite3_bind_int64 (stmt, 1, layout_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfStoreMapRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.code = (const char *) sqlite3_column_text (stmt, 1);
      row.name = (const char *) sqlite3_column_text (stmt, 2);
      row.kind = (const char *) sqlite3_column_text (stmt, 3);
      row.level = (const char *) sqlite3_column_text (stmt, 4);
      row.town_id = sqlite3_column_int64 (stmt, 5);
      row.cluster_id = sqlite3_column_int64 (stmt, 6);
      row.village_id = sqlite3_column_int64 (stmt, 7);
      row.has_point = sqlite3_column_type (stmt, 8) != SQLITE_NULL
                      && sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      row.lon = sqlite3_column_double (stmt, 8);
      row.lat = sqlite3_column_double (stmt, 9);
      /* The blob last: reading other columns may not move its buffer, but text conversions
       * of earlier columns could, so it is fetched after them. */
      row.blob = sqlite3_column_blob (stmt, 10);
      row.blob_size = sqlite3_column_bytes (stmt, 10);

      if (!func (&row, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "map");
      return FALSE;
    }

  return TRUE;
}
