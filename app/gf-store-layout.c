/* gf-store-layout.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of layouts: the list with member counts, inserts, renames, deletes, the flip of the
 * current layout, the replacement of a layout's members, and the village figures that layout
 * totals need. Each function runs plain statements with bound values; the callers in
 * gf-layout.c hold the transaction.
 */

#define G_LOG_DOMAIN "gf-store-layout"

#include "config.h"

#include <math.h>

#include "gf-database-private.h"
#include "gf-layout-private.h"

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

/*
 * _gf_store_layout_list:
 *
 * Returns: (transfer full) (element-type GfLayoutInfo): every layout by id, with the number
 *   of clusters that have members and of member villages
 */
GPtrArray *
_gf_store_layout_list (GfDatabase  *db,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_layout_info_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT l.id, l.name, l.is_current, l.created_at,"
                               " (SELECT count(DISTINCT m.cluster_id) FROM cluster_member m"
                               "  WHERE m.layout_id = l.id),"
                               " (SELECT count(*) FROM cluster_member m WHERE m.layout_id = l.id)"
                               " FROM layout l ORDER BY l.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfLayoutInfo *info = g_new0 (GfLayoutInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = column_strdup (stmt, 1);
      info->is_current = sqlite3_column_int (stmt, 2) != 0;
      info->created_at = column_strdup (stmt, 3);
      info->n_clusters = (guint) sqlite3_column_int64 (stmt, 4);
      info->n_villages = (guint) sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "layout");
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* A new layout is never the current one: only _gf_store_layout_set_current() makes one so. */
gboolean
_gf_store_layout_insert (GfDatabase  *db,
                         const char  *name,
                         gint64      *out_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (gf_database_in_transaction (db));

  stmt = _gf_database_prepare (db, "INSERT INTO layout (name, is_current) VALUES (?, 0)"
                                   " RETURNING id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _gf_database_set_error (db, error, "layout");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return TRUE;
}

/*
 * _gf_store_layout_set_members:
 * @membership: village id → cluster id (gint64 *), the layout's new members
 *
 * Replaces every member of the layout.
 */
gboolean
_gf_store_layout_set_members (GfDatabase  *db,
                              gint64       layout_id,
                              GHashTable  *membership,
                              GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  g_assert (gf_database_in_transaction (db));

  stmt = _gf_database_prepare (db, "DELETE FROM cluster_member WHERE layout_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, layout_id);
  if (!_gf_database_step_done (db, stmt, error))
    return FALSE;

  stmt = _gf_database_prepare (db, "INSERT INTO cluster_member (layout_id, village_id,"
                                   " cluster_id) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* _gf_database_step_done() resets the statement; every parameter is bound again. */
      sqlite3_bind_int64 (stmt, 1, layout_id);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) key);
      sqlite3_bind_int64 (stmt, 3, *(gint64 *) value);
      if (!_gf_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_gf_store_layout_rename (GfDatabase  *db,
                         gint64       id,
                         const char  *name,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (gf_database_in_transaction (db));

  stmt = _gf_database_prepare (db, "UPDATE layout SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return _gf_database_step_done (db, stmt, error);
}

/* The members go with the layout (ON DELETE CASCADE). */
gboolean
_gf_store_layout_delete (GfDatabase  *db,
                         gint64       id,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (gf_database_in_transaction (db));

  stmt = _gf_database_prepare (db, "DELETE FROM layout WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  return _gf_database_step_done (db, stmt, error);
}

/* Two statements, the old current one cleared first: the partial unique index
 * layout_single_current is checked row by row, so one UPDATE that sets the new flag before it
 * clears the old one would fail. */
gboolean
_gf_store_layout_set_current (GfDatabase  *db,
                              gint64       id,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (gf_database_in_transaction (db));

  stmt = _gf_database_prepare (db, "UPDATE layout SET is_current = 0"
                                   " WHERE is_current = 1 AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_gf_database_step_done (db, stmt, error))
    return FALSE;

  stmt = _gf_database_prepare (db, "UPDATE layout SET is_current = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _gf_database_step_done (db, stmt, error);
}

/*
 * _gf_store_layout_village_ids:
 *
 * Returns: (transfer full): the set of every village id (gint64 *, owned keys)
 */
GHashTable *
_gf_store_layout_village_ids (GfDatabase  *db,
                              GError     **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, "SELECT id FROM village", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (set, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "village");
      return NULL;
    }

  return g_steal_pointer (&set);
}

/*
 * _gf_store_layout_foreach_village:
 * @func: (scope call): called for every village, by id; return %FALSE with an error to stop
 *
 * The boundary blob is read only for villages without a stored area, so that totals of a big
 * district decode no geometry they do not need.
 */
gboolean
_gf_store_layout_foreach_village (GfDatabase                *db,
                                  GfStoreLayoutVillageFunc   func,
                                  gpointer                   user_data,
                                  GError                   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, "SELECT id, population, area_km2,"
                                   " CASE WHEN area_km2 IS NULL THEN boundary END"
                                   " FROM village ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfStoreLayoutVillage village = {
        .id = sqlite3_column_int64 (stmt, 0),
        .population = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                      ? -1 : sqlite3_column_int64 (stmt, 1),
        .area_km2 = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                    ? NAN : sqlite3_column_double (stmt, 2),
      };

      if (sqlite3_column_type (stmt, 3) == SQLITE_BLOB)
        {
          village.boundary = sqlite3_column_blob (stmt, 3);
          village.boundary_size = (gsize) sqlite3_column_bytes (stmt, 3);
        }

      if (!func (&village, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "village");
      return FALSE;
    }

  return TRUE;
}
