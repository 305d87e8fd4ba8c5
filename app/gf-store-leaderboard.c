/* gf-store-leaderboard.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of the competition (比拼晾晒): its rules, the clusters of a layout, and each
 * cluster's tasks and activity in a year. A task or an activity of an alliance with no cluster
 * of its own counts for the cluster its alliance leads (alliance.cluster_id).
 */

#define G_LOG_DOMAIN "gf-store-leaderboard"

#include "config.h"

#include <math.h>

#include "gf-database-private.h"
#include "gf-leaderboard-private.h"

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static gboolean
component_from_string (const char       *text,
                       GfScoreComponent *component)
{
  for (GfScoreComponent c = GF_SCORE_TASK; c <= GF_SCORE_ACTIVITY; c++)
    {
      if (g_strcmp0 (text, gf_score_component_to_string (c)) == 0)
        {
          *component = c;
          return TRUE;
        }
    }

  return FALSE;
}

/*
 * _gf_store_leaderboard_rules:
 *
 * Returns: (transfer full) (element-type GfScoreRule): the rules that weigh anything, in the
 *   order they were entered (a rule of weight 0 scores nothing, and a board without any has
 *   nothing to rank on)
 */
GPtrArray *
_gf_store_leaderboard_rules (GfDatabase  *db,
                             GError     **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_score_rule_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT r.component, i.code, i.name_zh, i.name_en, r.weight"
                               " FROM score_rule r LEFT JOIN indicator i ON i.id = r.indicator_id"
                               " WHERE r.weight > 0 ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfScoreRule *rule = g_new0 (GfScoreRule, 1);

      /* The schema's CHECK admits only the three components. */
      if (!component_from_string ((const char *) sqlite3_column_text (stmt, 0), &rule->component))
        g_warn_if_reached ();
      rule->indicator_code = column_strdup (stmt, 1);
      rule->indicator_name_zh = column_strdup (stmt, 2);
      rule->indicator_name_en = column_strdup (stmt, 3);
      rule->weight = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (rules, rule);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "score_rule");
      return NULL;
    }

  return g_steal_pointer (&rules);
}

/*
 * _gf_store_leaderboard_clusters:
 *
 * Returns: (transfer full) (element-type GfLeaderboardEntry): an entry with id, name and
 *   colour for every cluster with villages in @layout_id, by id; nothing else is filled. The
 *   array frees its entries.
 */
GPtrArray *
_gf_store_leaderboard_clusters (GfDatabase  *db,
                                gint64       layout_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT c.id, c.name, c.color FROM cluster c"
                               " WHERE EXISTS (SELECT 1 FROM cluster_member m"
                               "  WHERE m.layout_id = ?1 AND m.cluster_id = c.id)"
                               " ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) _gf_leaderboard_entry_free);
  sqlite3_bind_int64 (stmt, 1, layout_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfLeaderboardEntry *entry = g_new0 (GfLeaderboardEntry, 1);

      entry->cluster_id = sqlite3_column_int64 (stmt, 0);
      entry->name = column_strdup (stmt, 1);
      entry->color = column_strdup (stmt, 2);
      entry->task_progress = NAN;
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "cluster");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* Runs @sql, which yields (cluster id, count, value) rows for the year bound as ?1 (and the
 * next year as ?2), and hands each row whose cluster is in @entries to @apply. */
static gboolean
foreach_cluster_row (GfDatabase  *db,
                     const char  *sql,
                     const char  *table,
                     int          year,
                     GHashTable  *entries,
                     void       (*apply) (GfLeaderboardEntry *entry,
                                          gint64              count,
                                          double              value),
                     gboolean    *any,
                     GError     **error)
{
  sqlite3_stmt *stmt = _gf_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  *any = FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, year + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 cluster_id = sqlite3_column_int64 (stmt, 0);
      GfLeaderboardEntry *entry = g_hash_table_lookup (entries, &cluster_id);

      if (entry == NULL)
        continue;

      apply (entry, sqlite3_column_int64 (stmt, 1), sqlite3_column_double (stmt, 2));
      *any = TRUE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return FALSE;
    }

  return TRUE;
}

static void
apply_tasks (GfLeaderboardEntry *entry,
             gint64              count,
             double              mean_progress)
{
  entry->n_tasks = (guint) count;
  entry->task_progress = mean_progress;
}

/*
 * _gf_store_leaderboard_tasks:
 * @entries: cluster id (gint64 *) → GfLeaderboardEntry
 * @any: (out): whether any of @entries has a task in @year
 *
 * Sets @n_tasks and @task_progress (their mean progress) of each entry with tasks in @year.
 */
gboolean
_gf_store_leaderboard_tasks (GfDatabase  *db,
                             int          year,
                             GHashTable  *entries,
                             gboolean    *any,
                             GError     **error)
{
  return foreach_cluster_row (db,
                              "SELECT coalesce(t.cluster_id, a.cluster_id) AS c, count(*),"
                              " avg(t.progress)"
                              " FROM task t LEFT JOIN alliance a ON a.id = t.alliance_id"
                              " WHERE t.year = ?1 AND c IS NOT NULL GROUP BY c",
                              "task", year, entries, apply_tasks, any, error);
}

static void
apply_activity (GfLeaderboardEntry *entry,
                gint64              count,
                double              unused)
{
  entry->activity_count = count;
}

/*
 * _gf_store_leaderboard_activity:
 * @entries: cluster id (gint64 *) → GfLeaderboardEntry
 * @any: (out): whether any of @entries has an activity in @year
 *
 * Sets @activity_count of each entry: the sum of the counts of its activities dated in @year.
 */
gboolean
_gf_store_leaderboard_activity (GfDatabase  *db,
                                int          year,
                                GHashTable  *entries,
                                gboolean    *any,
                                GError     **error)
{
  /* Dates are ISO text (the schema checks date(date) IS date), so a year is a text range. */
  return foreach_cluster_row (db,
                              "SELECT coalesce(x.cluster_id, a.cluster_id) AS c, sum(x.count), 0"
                              " FROM activity x LEFT JOIN alliance a ON a.id = x.alliance_id"
                              " WHERE x.date >= printf('%04d-01-01', ?1)"
                              " AND x.date < printf('%04d-01-01', ?2)"
                              " AND c IS NOT NULL GROUP BY c",
                              "activity", year, entries, apply_activity, any, error);
}
