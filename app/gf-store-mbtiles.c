/* gf-store-mbtiles.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of MBTiles basemap files. A tile file gets its own connection, opened read-only and
 * `immutable` (no lock, no journal, no -wal or -shm file: nothing is ever written next to a
 * file that may sit on a read-only stick or a network share).
 *
 * Threads: the one connection is opened with SQLITE_OPEN_NOMUTEX and every statement runs
 * under the store's GMutex. The lock is held for one indexed lookup and the copy of the tile
 * (tens of microseconds); the callers decode the image outside it, so tile workers overlap
 * where the time goes.
 */

#define G_LOG_DOMAIN "gf-store-mbtiles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gf-database-private.h"
#include "gf-mbtiles.h"
#include "gf-store-mbtiles-private.h"

struct _GfMbtilesStore
{
  GMutex        mutex;
  sqlite3      *handle;
  sqlite3_stmt *tile_stmt;     /* prepared on first use, under the mutex */
  char         *display_name;  /* for messages */
};

static void
set_read_error (GfMbtilesStore  *store,
                GError         **error)
{
  int code = sqlite3_errcode (store->handle);

  if (code == SQLITE_NOTADB)
    g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_NOT_MBTILES,
                 /* Translators: %s is a file name */
                 _("“%s” is not an MBTiles file: it is not an SQLite database."),
                 store->display_name);
  else
    g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_READ,
                 /* Translators: the first %s is a file name, the second SQLite's reason */
                 _("Could not read “%s”: %s"), store->display_name,
                 sqlite3_errmsg (store->handle));
}

static sqlite3_stmt *
prepare (GfMbtilesStore  *store,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_read_error (store, error);
      return NULL;
    }

  return stmt;
}

/* Runs a query that returns one integer (or NULL) under the mutex. */
static gboolean
query_int (GfMbtilesStore  *store,
           const char      *sql,
           int              zoom,
           int             *value,
           gboolean        *is_null,
           GError         **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&store->mutex);
  g_autoptr(sqlite3_stmt) stmt = prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int (stmt, 1, zoom);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *is_null = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
      *value = sqlite3_column_int (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *is_null = TRUE;
      *value = 0;
      return TRUE;
    }

  set_read_error (store, error);
  return FALSE;
}

/**
 * _gf_mbtiles_store_open:
 * @path: the file
 *
 * Opens @path read-only and checks that it is an SQLite database with a `metadata` and a
 * `tiles` table (or view, as in deduplicated files).
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with a #GF_MBTILES_ERROR
 */
GfMbtilesStore *
_gf_mbtiles_store_open (const char  *path,
                        GError     **error)
{
  g_autoptr(GfMbtilesStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri_ro = NULL;
  gboolean has_metadata = FALSE, has_tiles = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  store = g_new0 (GfMbtilesStore, 1);
  g_mutex_init (&store->mutex);
  store->display_name = g_filename_display_basename (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_OPEN,
                   g_file_test (path, G_FILE_TEST_EXISTS)
                   /* Translators: %s is a file name */
                   ? _("“%s” is not a file.")
                   /* Translators: %s is a file name */
                   : _("“%s” does not exist."),
                   store->display_name);
      return NULL;
    }

  /* A URI keeps any character of the path (“?”, “#”, Chinese names) intact. */
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_OPEN,
                   /* Translators: %s is a file name */
                   _("Could not open “%s”."), store->display_name);
      return NULL;
    }
  uri_ro = g_strconcat (uri, "?mode=ro&immutable=1", NULL);

  if (sqlite3_open_v2 (uri_ro, &store->handle,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_OPEN,
                   /* Translators: the first %s is a file name, the second SQLite's reason */
                   _("Could not open “%s”: %s"), store->display_name,
                   store->handle != NULL ? sqlite3_errmsg (store->handle) : "");
      return NULL;
    }

  /* The first read of the file: a file that is not SQLite fails here with SQLITE_NOTADB. */
  stmt = prepare (store, "SELECT name FROM sqlite_master"
                         " WHERE type IN ('table', 'view') AND name IN ('metadata', 'tiles')",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (name, "metadata") == 0)
        has_metadata = TRUE;
      else if (g_strcmp0 (name, "tiles") == 0)
        has_tiles = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_read_error (store, error);
      return NULL;
    }

  if (!has_metadata || !has_tiles)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_NOT_MBTILES,
                   /* Translators: %s is a file name; “metadata” and “tiles” are table names */
                   _("“%s” is not an MBTiles file: it has no “metadata” and “tiles” tables."),
                   store->display_name);
      return NULL;
    }

  return g_steal_pointer (&store);
}

void
_gf_mbtiles_store_free (GfMbtilesStore *store)
{
  if (store == NULL)
    return;

  g_clear_pointer (&store->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&store->handle, sqlite3_close);
  g_clear_pointer (&store->display_name, g_free);
  g_mutex_clear (&store->mutex);
  g_free (store);
}

/**
 * _gf_mbtiles_store_read_metadata:
 * @metadata: (element-type utf8 utf8): filled with every name → value of the metadata table
 */
gboolean
_gf_mbtiles_store_read_metadata (GfMbtilesStore  *store,
                                 GHashTable      *metadata,
                                 GError         **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&store->mutex);
  g_autoptr(sqlite3_stmt) stmt = prepare (store, "SELECT name, value FROM metadata", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL && value != NULL)
        g_hash_table_insert (metadata, g_strdup (name), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      set_read_error (store, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_gf_mbtiles_store_has_tiles (GfMbtilesStore  *store,
                             gboolean        *has_tiles,
                             GError         **error)
{
  gboolean is_null;
  int value;

  if (!query_int (store, "SELECT 1 FROM tiles LIMIT 1", 0, &value, &is_null, error))
    return FALSE;

  *has_tiles = !is_null;
  return TRUE;
}

/**
 * _gf_mbtiles_store_get_zoom_range:
 *
 * The lowest and highest zoom level with a tile. Two queries, as SQLite answers a lone MIN()
 * or MAX() from the index of the tiles, but scans the table for both at once.
 */
gboolean
_gf_mbtiles_store_get_zoom_range (GfMbtilesStore  *store,
                                  int             *min_zoom,
                                  int             *max_zoom,
                                  GError         **error)
{
  gboolean is_null;

  if (!query_int (store, "SELECT MIN(zoom_level) FROM tiles", 0, min_zoom, &is_null, error))
    return FALSE;
  if (is_null)
    *min_zoom = -1;
  if (!query_int (store, "SELECT MAX(zoom_level) FROM tiles", 0, max_zoom, &is_null, error))
    return FALSE;
  if (is_null)
    *max_zoom = -1;

  return TRUE;
}

/**
 * _gf_mbtiles_store_get_extent:
 * @zoom: a zoom level that has tiles
 *
 * The columns and TMS rows covered at @zoom. The columns come from the index; the rows scan
 * the tiles of @zoom, so call this for a low zoom level.
 */
gboolean
_gf_mbtiles_store_get_extent (GfMbtilesStore  *store,
                              int              zoom,
                              int             *column_min,
                              int             *column_max,
                              int             *row_min,
                              int             *row_max,
                              GError         **error)
{
  static const char * const queries[] = {
    "SELECT MIN(tile_column) FROM tiles WHERE zoom_level = ?1",
    "SELECT MAX(tile_column) FROM tiles WHERE zoom_level = ?1",
    "SELECT MIN(tile_row) FROM tiles WHERE zoom_level = ?1",
    "SELECT MAX(tile_row) FROM tiles WHERE zoom_level = ?1",
  };
  int *values[] = { column_min, column_max, row_min, row_max };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gboolean is_null;

      if (!query_int (store, queries[i], zoom, values[i], &is_null, error))
        return FALSE;
      if (is_null)
        {
          g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_EMPTY,
                       /* Translators: %s is a file name */
                       _("“%s” contains no tiles."), store->display_name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * _gf_mbtiles_store_get_tile:
 * @row: the TMS row (counted from the south)
 * @out: (out) (transfer full) (nullable): a copy of the tile's bytes, %NULL when there is no
 *   tile (or an empty one) at that place
 *
 * May be called from any thread.
 *
 * Returns: %FALSE with a #GF_MBTILES_ERROR_READ error when the read failed
 */
gboolean
_gf_mbtiles_store_get_tile (GfMbtilesStore  *store,
                            int              zoom,
                            int              column,
                            int              row,
                            GBytes         **out,
                            GError         **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&store->mutex);
  int rc;

  *out = NULL;

  if (store->tile_stmt == NULL)
    {
      store->tile_stmt = prepare (store, "SELECT tile_data FROM tiles"
                                         " WHERE zoom_level = ?1 AND tile_column = ?2"
                                         " AND tile_row = ?3", error);
      if (store->tile_stmt == NULL)
        return FALSE;
    }

  sqlite3_bind_int (store->tile_stmt, 1, zoom);
  sqlite3_bind_int (store->tile_stmt, 2, column);
  sqlite3_bind_int (store->tile_stmt, 3, row);

  rc = sqlite3_step (store->tile_stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (store->tile_stmt, 0);
      int size = sqlite3_column_bytes (store->tile_stmt, 0);

      if (blob != NULL && size > 0)
        *out = g_bytes_new (blob, size);
    }
  else if (rc != SQLITE_DONE)
    {
      set_read_error (store, error);
      sqlite3_reset (store->tile_stmt);
      return FALSE;
    }

  sqlite3_reset (store->tile_stmt);
  return TRUE;
}
