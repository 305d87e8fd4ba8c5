/* gf-store-briefing.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL of briefings: briefings, their slides in order, and the further indicators and the
 * clusters or villages of chart slides.
 * Positions run 0, 1, 2, … in each briefing and every write keeps them so, in one transaction
 * that ends by emitting GfDatabase::changed with the table "briefing".
 */

#define G_LOG_DOMAIN "gf-store-briefing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gf-briefing.h"
#include "gf-chart-spec.h"
#include "gf-database-private.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static const struct
{
  GfMapClassifyMethod  method;
  const char          *name;
} classify_names[] = {
  { GF_MAP_CLASSIFY_QUANTILE, "quantile" },
  { GF_MAP_CLASSIFY_EQUAL_INTERVAL, "equal" },
  { GF_MAP_CLASSIFY_THRESHOLDS, "thresholds" },
};

static const char *
classify_to_name (GfMapClassifyMethod method)
{
  for (guint i = 0; i < G_N_ELEMENTS (classify_names); i++)
    if (classify_names[i].method == method)
      return classify_names[i].name;

  return NULL;
}

static GfMapClassifyMethod
classify_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (classify_names); i++)
    if (g_str_equal (classify_names[i].name, name))
      return classify_names[i].method;

  return GF_MAP_CLASSIFY_QUANTILE;
}

/* The ids of the clusters or villages of a slide, from @sql with the slide's id bound. */
static gboolean
load_slide_subjects (GfDatabase  *db,
                     GfSlide     *slide,
                     const char  *sql,
                     const char  *table,
                     GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, slide->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, table);
      return FALSE;
    }

  /* Chosen clusters or villages that were all deleted stay an (empty) choice, never "every
   * cluster". */
  slide->n_subjects = ids->len;
  if (ids->len == 0)
    slide->subject_ids = g_new0 (gint64, 1);
  else
    slide->subject_ids = (gint64 *) (void *) g_array_free (g_steal_pointer (&ids), FALSE);
  return TRUE;
}

/* The first indicator is briefing_slide.indicator_code; the others follow it. */
static gboolean
load_slide_indicators (GfDatabase  *db,
                       GfSlide     *slide,
                       GError     **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT indicator_code FROM briefing_slide_indicator"
                               " WHERE slide_id = ? ORDER BY position",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, slide->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, column_strdup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "briefing_slide_indicator");
      return FALSE;
    }

  if (codes->len > 0)
    {
      g_ptr_array_insert (codes, 0, g_strdup (slide->indicators[0]));
      g_ptr_array_add (codes, NULL);
      g_strfreev (slide->indicators);
      slide->indicators = (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
    }

  return TRUE;
}

static GPtrArray *
load_slides (GfDatabase  *db,
             gint64       briefing_id,
             GError     **error)
{
  g_autoptr(GPtrArray) slides = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_slide_free);
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT id, kind, title, chart_kind, indicator_code, all_clusters,"
                               " first_year, last_year, fit, fit_cluster_id, layers, subject,"
                               " classify, n_classes"
                               " FROM briefing_slide WHERE briefing_id = ?"
                               " ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, briefing_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GfSlide *slide = g_new0 (GfSlide, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *chart_kind = (const char *) sqlite3_column_text (stmt, 3);
      const char *fit = (const char *) sqlite3_column_text (stmt, 8);
      const char *subject = (const char *) sqlite3_column_text (stmt, 11);

      slide->id = sqlite3_column_int64 (stmt, 0);
      slide->kind = g_strcmp0 (kind, "map") == 0           ? GF_SLIDE_MAP
                    : g_strcmp0 (kind, "leaderboard") == 0 ? GF_SLIDE_LEADERBOARD
                                                           : GF_SLIDE_CHART;
      slide->title = column_strdup (stmt, 2);
      if (chart_kind == NULL || !gf_chart_kind_from_name (chart_kind, &slide->chart_kind))
        slide->chart_kind = GF_CHART_KIND_LINE;
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          slide->indicators = g_new0 (char *, 2);
          slide->indicators[0] = column_strdup (stmt, 4);
        }
      slide->first_year = sqlite3_column_int (stmt, 6);
      slide->last_year = sqlite3_column_int (stmt, 7);
      slide->fit = g_strcmp0 (fit, "cluster") == 0 ? GF_SLIDE_FIT_CLUSTER
                                                   : GF_SLIDE_FIT_DISTRICT;
      slide->fit_cluster_id = sqlite3_column_int64 (stmt, 9);
      slide->layers = (guint) sqlite3_column_int (stmt, 10);
      if (subject == NULL || !gf_chart_subject_from_name (subject, &slide->subject))
        slide->subject = GF_CHART_SUBJECT_CLUSTERS;
      slide->classify = classify_from_name ((const char *) sqlite3_column_text (stmt, 12));
      slide->n_classes = (guint) MAX (sqlite3_column_int (stmt, 13), 0);
      g_ptr_array_add (slides, slide);

      /* Further indicators, clusters and villages come from other statements once this one
       * is done. */
      if (slide->kind == GF_SLIDE_CHART)
        g_ptr_array_add (charts, slide);
      if (slide->kind == GF_SLIDE_CHART
          && (slide->subject == GF_CHART_SUBJECT_VILLAGES || sqlite3_column_int (stmt, 5) == 0))
        g_ptr_array_add (listed, slide);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "briefing_slide");
      return NULL;
    }

  for (guint i = 0; i < charts->len; i++)
    {
      GfSlide *slide = g_ptr_array_index (charts, i);

      if (slide->indicators != NULL && !load_slide_indicators (db, slide, error))
        return NULL;
    }

  for (guint i = 0; i < listed->len; i++)
    {
      GfSlide *slide = g_ptr_array_index (listed, i);
      gboolean villages = slide->subject == GF_CHART_SUBJECT_VILLAGES;

      if (!load_slide_subjects (db, slide,
                                villages ? "SELECT village_id FROM briefing_slide_village"
                                           " WHERE slide_id = ? ORDER BY position"
                                         : "SELECT cluster_id FROM briefing_slide_cluster"
                                           " WHERE slide_id = ? ORDER BY position",
                                villages ? "briefing_slide_village" : "briefing_slide_cluster",
                                error))
        return NULL;
    }

  return g_steal_pointer (&slides);
}

static GfBriefing *
briefing_from_row (sqlite3_stmt *stmt)
{
  GfBriefing *briefing = g_new0 (GfBriefing, 1);

  briefing->id = sqlite3_column_int64 (stmt, 0);
  briefing->name = column_strdup (stmt, 1);
  briefing->source = column_strdup (stmt, 2);
  briefing->created_at = column_strdup (stmt, 3);
  briefing->updated_at = column_strdup (stmt, 4);

  return briefing;
}

/**
 * gf_store_list_briefings:
 *
 * Returns: (transfer full) (element-type GfBriefing) (nullable): every briefing with its
 *   slides, oldest first
 */
GPtrArray *
gf_store_list_briefings (GfDatabase  *db,
                         GError     **error)
{
  g_autoptr(GPtrArray) briefings = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  briefings = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_briefing_free);
  stmt = _gf_database_prepare (db,
                               "SELECT id, name, source, created_at, updated_at FROM briefing"
                               " ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (briefings, briefing_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "briefing");
      return NULL;
    }

  for (guint i = 0; i < briefings->len; i++)
    {
      GfBriefing *briefing = g_ptr_array_index (briefings, i);

      g_clear_pointer (&briefing->slides, g_ptr_array_unref);
      briefing->slides = load_slides (db, briefing->id, error);
      if (briefing->slides == NULL)
        return NULL;
    }

  return g_steal_pointer (&briefings);
}

static GfBriefing *
get_briefing (GfDatabase  *db,
              const char  *sql,
              gint64       id,
              const char  *name,
              GError     **error)
{
  g_autoptr(GfBriefing) briefing = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    briefing = briefing_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "briefing");
      return NULL;
    }
  if (briefing == NULL)
    {
      if (name != NULL)
        g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND,
                     _("There is no briefing named “%s”"), name);
      else
        g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND,
                     _("The briefing was deleted"));
      return NULL;
    }

  g_clear_pointer (&briefing->slides, g_ptr_array_unref);
  briefing->slides = load_slides (db, briefing->id, error);
  if (briefing->slides == NULL)
    return NULL;

  return g_steal_pointer (&briefing);
}

/**
 * gf_store_get_briefing:
 *
 * Returns: (transfer full) (nullable): the briefing with its slides; %NULL with a
 *   %GF_BRIEFING_ERROR_NOT_FOUND error when there is none of that id
 */
GfBriefing *
gf_store_get_briefing (GfDatabase  *db,
                       gint64       id,
                       GError     **error)
{
  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  return get_briefing (db,
                       "SELECT id, name, source, created_at, updated_at FROM briefing"
                       " WHERE id = ?",
                       id, NULL, error);
}

/**
 * gf_store_find_briefing:
 * @name: a briefing's name
 *
 * Returns: (transfer full) (nullable): the briefing with its slides; %NULL with a
 *   %GF_BRIEFING_ERROR_NOT_FOUND error when no briefing has that name
 */
GfBriefing *
gf_store_find_briefing (GfDatabase  *db,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return get_briefing (db,
                       "SELECT id, name, source, created_at, updated_at FROM briefing"
                       " WHERE name = ?",
                       0, name, error);
}

/* Returns 1 when the query finds a row, 0 when not, -1 on an error. */
static int
exists (GfDatabase  *db,
        const char  *sql,
        const char  *text,
        gint64       id,
        GError     **error)
{
  sqlite3_stmt *stmt = _gf_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL && sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "briefing");
      return -1;
    }

  return rc == SQLITE_ROW ? 1 : 0;
}

static char *
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("A briefing needs a name"));
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

static gboolean
name_is_free (GfDatabase  *db,
              const char  *name,
              gint64       except_id,
              GError     **error)
{
  int found = exists (db, "SELECT 1 FROM briefing WHERE name = ?1 AND id <> ?2", name,
                      except_id, error);

  if (found < 0)
    return FALSE;
  if (found > 0)
    {
      g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_EXISTS,
                   _("There is already a briefing named “%s”"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
commit_or_rollback (GfDatabase  *db,
                    gboolean     ok,
                    GError     **error)
{
  if (!ok)
    {
      gf_database_rollback (db);
      return FALSE;
    }

  return gf_database_commit (db, "briefing", error);
}

/* Marks the briefing as changed; fails when it does not exist. */
static gboolean
touch_briefing (GfDatabase  *db,
                gint64       id,
                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _gf_database_prepare (db, "UPDATE briefing SET updated_at = " NOW " WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_gf_database_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (_gf_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND,
                           _("The briefing was deleted"));
      return FALSE;
    }

  return TRUE;
}

/* Sets one text column of the briefing, through @sql ("UPDATE briefing SET column = ? WHERE
 * id = ?"), to @value or to NULL, and marks the briefing as changed. */
static gboolean
update_briefing_text (GfDatabase  *db,
                      gint64       id,
                      const char  *sql,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (!touch_briefing (db, id, error)
      || (stmt = _gf_database_prepare (db, sql, error)) == NULL)
    return FALSE;

  if (value != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);

  return _gf_database_step_done (db, stmt, error);
}

/**
 * gf_store_create_briefing:
 * @name: the name; leading and trailing spaces are dropped
 * @source: (nullable): the data source for every page, %NULL for the district's statistics
 * @out_id: (out) (optional): the new briefing's id
 *
 * Returns: %FALSE with %GF_BRIEFING_ERROR_EXISTS when the name is taken
 */
gboolean
gf_store_create_briefing (GfDatabase  *db,
                          const char  *name,
                          const char  *source,
                          gint64      *out_id,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  clean = check_name (name, error);
  if (clean == NULL || !gf_database_begin (db, error))
    return FALSE;

  ok = name_is_free (db, clean, 0, error)
       && (stmt = _gf_database_prepare (db,
                                        "INSERT INTO briefing (name, source) VALUES (?, ?)"
                                        " RETURNING id",
                                        error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
      if (source != NULL && *source != '\0')
        sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 2);

      ok = sqlite3_step (stmt) == SQLITE_ROW;
      if (ok && out_id != NULL)
        *out_id = sqlite3_column_int64 (stmt, 0);
      if (!ok)
        _gf_database_set_error (db, error, "briefing");
      sqlite3_reset (stmt);
    }

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_store_rename_briefing:
 *
 * Returns: %FALSE with %GF_BRIEFING_ERROR_EXISTS when another briefing has @name
 */
gboolean
gf_store_rename_briefing (GfDatabase  *db,
                          gint64       id,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  clean = check_name (name, error);
  if (clean == NULL || !gf_database_begin (db, error))
    return FALSE;

  ok = name_is_free (db, clean, id, error)
       && update_briefing_text (db, id, "UPDATE briefing SET name = ? WHERE id = ?", clean,
                                error);

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_store_set_briefing_source:
 * @source: (nullable): the data source named on every page; %NULL or "" for the district's
 *   own statistics
 */
gboolean
gf_store_set_briefing_source (GfDatabase  *db,
                              gint64       id,
                              const char  *source,
                              GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = update_briefing_text (db, id, "UPDATE briefing SET source = ? WHERE id = ?",
                             source != NULL && *source != '\0' ? source : NULL, error);

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_store_delete_briefing:
 *
 * Deletes the briefing and its slides.
 */
gboolean
gf_store_delete_briefing (GfDatabase  *db,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = (stmt = _gf_database_prepare (db, "DELETE FROM briefing WHERE id = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _gf_database_step_done (db, stmt, error);
    }
  if (ok && sqlite3_changes (_gf_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND,
                           _("The briefing was deleted"));
      ok = FALSE;
    }

  return commit_or_rollback (db, ok, error);
}

static gboolean
check_ids (GfDatabase     *db,
           const char     *sql,
           const gint64   *ids,
           guint           n_ids,
           const char     *message,
           GError        **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      int found = exists (db, sql, NULL, ids[i], error);

      if (found < 0)
        return FALSE;
      if (found == 0)
        {
          g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID, message, (int) ids[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (ids[j] == ids[i])
          {
            g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                                 _("A slide lists the same cluster or village twice"));
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
check_slide (GfDatabase     *db,
             const GfSlide  *slide,
             GError        **error)
{
  guint n_indicators = slide->indicators != NULL ? g_strv_length (slide->indicators) : 0;
  int found;

  if (slide->kind == GF_SLIDE_CHART && n_indicators == 0)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("A chart slide needs an indicator"));
      return FALSE;
    }
  if (slide->kind == GF_SLIDE_LEADERBOARD && (n_indicators > 0 || slide->first_year != 0))
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("A ranking slide shows one year of the competition, with no "
                             "indicator of its own"));
      return FALSE;
    }
  if (slide->kind == GF_SLIDE_MAP && n_indicators > 1)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("A map slide colours the villages by one indicator at most"));
      return FALSE;
    }
  if (n_indicators > 1 && slide->chart_kind != GF_CHART_KIND_GROUPED_BAR
      && slide->chart_kind != GF_CHART_KIND_STACKED_BAR)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("Only bar and stacked bar charts show several indicators"));
      return FALSE;
    }

  for (guint i = 0; i < n_indicators; i++)
    {
      found = exists (db, "SELECT 1 FROM indicator WHERE code = ?", slide->indicators[i], 0,
                      error);
      if (found < 0)
        return FALSE;
      if (found == 0)
        {
          g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                       _("There is no indicator “%s”"), slide->indicators[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (slide->indicators[j], slide->indicators[i]))
          {
            g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                         _("The indicator “%s” is listed twice"), slide->indicators[i]);
            return FALSE;
          }
    }

  if ((slide->first_year != 0 && (slide->first_year < 1949 || slide->first_year > 2100))
      || (slide->last_year != 0 && (slide->last_year < 1949 || slide->last_year > 2100))
      || (slide->first_year != 0 && slide->last_year != 0 && slide->first_year > slide->last_year))
    {
      g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                   _("The years %d–%d are not a range from 1949 to 2100"),
                   slide->first_year, slide->last_year);
      return FALSE;
    }

  if (slide->kind == GF_SLIDE_CHART && slide->subject == GF_CHART_SUBJECT_VILLAGES)
    {
      if (slide->n_subjects == 0)
        {
          g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                               _("A chart of villages needs at least one village"));
          return FALSE;
        }
      /* Translators: %d is a row id */
      if (!check_ids (db, "SELECT 1 FROM village WHERE id = ?", slide->subject_ids,
                      slide->n_subjects, _("There is no village with the id %d"), error))
        return FALSE;
    }
  else if (slide->kind == GF_SLIDE_CHART
           && !check_ids (db, "SELECT 1 FROM cluster WHERE id = ?", slide->subject_ids,
                          slide->n_subjects, _("There is no cluster with the id %d"), error))
    return FALSE;

  if (slide->kind == GF_SLIDE_MAP)
    {
      if (slide->layers == 0 || (slide->layers & ~GF_MAP_LAYER_ALL) != 0)
        {
          g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                               _("A map slide needs at least one layer"));
          return FALSE;
        }
      if (classify_to_name (slide->classify) == NULL)
        {
          g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                               _("A map classes its values by quantile, equal intervals or "
                                 "thresholds"));
          return FALSE;
        }
      if (slide->classify == GF_MAP_CLASSIFY_THRESHOLDS && n_indicators == 1)
        {
          found = exists (db, "SELECT 1 FROM indicator WHERE code = ? AND benchmark IS NOT NULL",
                          slide->indicators[0], 0, error);
          if (found < 0)
            return FALSE;
          if (found == 0)
            {
              g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("The indicator “%s” has no benchmark to class the villages by: "
                             "choose quantiles or equal intervals"), slide->indicators[0]);
              return FALSE;
            }
        }
      if (slide->n_classes != 0
          && (slide->n_classes < 2 || slide->n_classes > GF_MAP_MAX_CLASSES))
        {
          g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                       _("A map shows from 2 to %d classes, not %u"), GF_MAP_MAX_CLASSES,
                       slide->n_classes);
          return FALSE;
        }
      if (slide->fit == GF_SLIDE_FIT_CLUSTER)
        {
          found = exists (db, "SELECT 1 FROM cluster WHERE id = ?", NULL, slide->fit_cluster_id,
                          error);
          if (found < 0)
            return FALSE;
          if (found == 0)
            {
              g_set_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID,
                           _("There is no cluster with the id %d"), (int) slide->fit_cluster_id);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Returns the number of slides of the briefing, or -1 on an error. */
static gint64
count_slides (GfDatabase  *db,
              gint64       briefing_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = _gf_database_prepare (db, "SELECT count(*) FROM briefing_slide WHERE briefing_id = ?",
                               error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, briefing_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _gf_database_set_error (db, error, "briefing_slide");
  sqlite3_reset (stmt);

  return n;
}

/* Moves the slides at positions [from, to] of a briefing by delta (±1). */
static gboolean
shift_slides (GfDatabase  *db,
              gint64       briefing_id,
              gint64       from,
              gint64       to,
              int          delta,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _gf_database_prepare (db,
                               "UPDATE briefing_slide SET position = position + ?"
                               " WHERE briefing_id = ? AND position BETWEEN ? AND ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, delta);
  sqlite3_bind_int64 (stmt, 2, briefing_id);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);

  return _gf_database_step_done (db, stmt, error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           index,
                  gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_slide (GfDatabase     *db,
              gint64          briefing_id,
              const GfSlide  *slide,
              gint64          position,
              gint64         *out_id,
              GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  static const char * const kinds[] = { "chart", "map", "leaderboard" };
  gboolean chart = slide->kind == GF_SLIDE_CHART;
  gboolean map = slide->kind == GF_SLIDE_MAP;
  gboolean villages = chart && slide->subject == GF_CHART_SUBJECT_VILLAGES;
  gboolean by_value = map && slide->indicators != NULL && slide->indicators[0] != NULL;

  stmt = _gf_database_prepare (db,
                               "INSERT INTO briefing_slide (briefing_id, position, kind, title,"
                               " chart_kind, indicator_code, all_clusters, first_year,"
                               " last_year, fit, fit_cluster_id, layers, subject, classify,"
                               " n_classes)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                               " RETURNING id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, briefing_id);
  sqlite3_bind_int64 (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, kinds[slide->kind], -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, slide->title);
  bind_text_or_null (stmt, 5, chart ? gf_chart_kind_to_name (slide->chart_kind) : NULL);
  bind_text_or_null (stmt, 6, slide->indicators != NULL ? slide->indicators[0] : NULL);
  sqlite3_bind_int (stmt, 7, !chart || (!villages && slide->subject_ids == NULL));
  bind_int_or_null (stmt, 8, chart ? slide->first_year : 0);
  bind_int_or_null (stmt, 9, slide->last_year);
  bind_text_or_null (stmt, 10, !map ? NULL
                                    : slide->fit == GF_SLIDE_FIT_CLUSTER ? "cluster" : "district");
  bind_int_or_null (stmt, 11, map && slide->fit == GF_SLIDE_FIT_CLUSTER
                              ? slide->fit_cluster_id : 0);
  bind_int_or_null (stmt, 12, map ? slide->layers : 0);
  sqlite3_bind_text (stmt, 13, gf_chart_subject_to_name (villages ? GF_CHART_SUBJECT_VILLAGES
                                                                  : GF_CHART_SUBJECT_CLUSTERS),
                     -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 14, by_value ? classify_to_name (slide->classify) : NULL);
  bind_int_or_null (stmt, 15, by_value && slide->classify != GF_MAP_CLASSIFY_THRESHOLDS
                              ? slide->n_classes : 0);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _gf_database_set_error (db, error, "briefing_slide");
      sqlite3_reset (stmt);
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 1; chart && slide->indicators[i] != NULL; i++)
    {
      stmt = _gf_database_prepare (db,
                                   "INSERT INTO briefing_slide_indicator"
                                   " (slide_id, position, indicator_code) VALUES (?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, slide->indicators[i], -1, SQLITE_TRANSIENT);
      if (!_gf_database_step_done (db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; chart && i < slide->n_subjects; i++)
    {
      stmt = _gf_database_prepare (db,
                                   villages
                                   ? "INSERT INTO briefing_slide_village"
                                     " (slide_id, village_id, position) VALUES (?, ?, ?)"
                                   : "INSERT INTO briefing_slide_cluster"
                                     " (slide_id, cluster_id, position) VALUES (?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, slide->subject_ids[i]);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!_gf_database_step_done (db, stmt, error))
        return FALSE;
    }

  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/**
 * gf_store_add_slide:
 * @briefing_id: the briefing
 * @slide: the slide; its id is ignored
 * @position: where it goes (0 first), or -1 (or any position past the end) for the end
 * @out_id: (out) (optional): the new slide's id
 *
 * Checks that the slide's indicators, clusters or villages and years exist before storing it,
 * with its further indicators and chosen clusters or villages, in one transaction.
 */
gboolean
gf_store_add_slide (GfDatabase     *db,
                    gint64          briefing_id,
                    const GfSlide  *slide,
                    int             position,
                    gint64         *out_id,
                    GError        **error)
{
  gint64 n;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (slide != NULL, FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = check_slide (db, slide, error)
       && touch_briefing (db, briefing_id, error)
       && (n = count_slides (db, briefing_id, error)) >= 0;
  if (ok)
    {
      gint64 at = position < 0 || position > n ? n : position;

      ok = (at == n || shift_slides (db, briefing_id, at, n - 1, +1, error))
           && insert_slide (db, briefing_id, slide, at, out_id, error);
    }

  return commit_or_rollback (db, ok, error);
}

static gboolean
locate_slide (GfDatabase  *db,
              gint64       slide_id,
              gint64      *briefing_id,
              gint64      *position,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gf_database_prepare (db,
                               "SELECT briefing_id, position FROM briefing_slide WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, slide_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *briefing_id = sqlite3_column_int64 (stmt, 0);
      *position = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND,
                           _("The slide was removed"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _gf_database_set_error (db, error, "briefing_slide");
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_store_move_slide:
 * @position: the slide's new position, 0 first; past the end means last
 *
 * Moves a slide within its briefing; the slides between shift by one.
 */
gboolean
gf_store_move_slide (GfDatabase  *db,
                     gint64       slide_id,
                     guint        position,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 briefing_id = 0, old = 0, n = 0, to;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = locate_slide (db, slide_id, &briefing_id, &old, error)
       && (n = count_slides (db, briefing_id, error)) >= 0;
  to = MIN ((gint64) position, n - 1);

  if (ok && to != old)
    {
      ok = (to < old ? shift_slides (db, briefing_id, to, old - 1, +1, error)
                     : shift_slides (db, briefing_id, old + 1, to, -1, error))
           && (stmt = _gf_database_prepare (db,
                                            "UPDATE briefing_slide SET position = ? WHERE id = ?",
                                            error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, to);
          sqlite3_bind_int64 (stmt, 2, slide_id);
          ok = _gf_database_step_done (db, stmt, error)
               && touch_briefing (db, briefing_id, error);
        }
    }

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_store_remove_slide:
 *
 * Removes a slide; the slides after it move up by one.
 */
gboolean
gf_store_remove_slide (GfDatabase  *db,
                       gint64       slide_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 briefing_id = 0, old = 0;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = locate_slide (db, slide_id, &briefing_id, &old, error)
       && (stmt = _gf_database_prepare (db, "DELETE FROM briefing_slide WHERE id = ?",
                                        error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, slide_id);
      ok = _gf_database_step_done (db, stmt, error)
           && shift_slides (db, briefing_id, old + 1, G_MAXINT32, -1, error)
           && touch_briefing (db, briefing_id, error);
    }

  return commit_or_rollback (db, ok, error);
}
