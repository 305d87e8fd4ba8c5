/* gf-store-check.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The integrity and validation report of `gongfu-atlas-cli check`: SQLite's own integrity and
 * foreign-key checks, then what a district office gets wrong in practice — codes that do not
 * nest, villages without boundaries, clusters without members, boundaries that leave gaps.
 */

#define G_LOG_DOMAIN "gf-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gf-check.h"
#include "gf-database-private.h"
#include "gf-geometry.h"
#include "gf-store.h"

static void
finding_free (GfCheckFinding *finding)
{
  g_free (finding->message);
  g_free (finding);
}

G_GNUC_PRINTF (3, 4) static void
add_finding (GPtrArray       *findings,
             GfCheckSeverity  severity,
             const char      *format,
             ...)
{
  GfCheckFinding *finding = g_new0 (GfCheckFinding, 1);
  va_list args;

  va_start (args, format);
  finding->severity = severity;
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (findings, finding);
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const GfCheckFinding *fa = *(GfCheckFinding * const *) a;
  const GfCheckFinding *fb = *(GfCheckFinding * const *) b;

  return (int) fb->severity - (int) fa->severity;
}

const char *
gf_check_severity_label (GfCheckSeverity severity)
{
  switch (severity)
    {
    case GF_CHECK_INFO:
      return C_("check severity", "info");
    case GF_CHECK_WARNING:
      return C_("check severity", "warning");
    case GF_CHECK_ERROR:
      return C_("check severity", "error");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Runs a query whose rows are (text) and reports each of the first few. */
static gboolean
report_rows (GfDatabase      *db,
             GPtrArray       *findings,
             GfCheckSeverity  severity,
             const char      *sql,
             const char      *what,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) examples = g_string_new (NULL);
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (_gf_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _gf_database_set_error (db, error, "check");
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n < 5)
        g_string_append_printf (examples, "%s%s", n ? ", " : "",
                                (const char *) sqlite3_column_text (stmt, 0));
      n++;
    }

  if (rc != SQLITE_DONE)
    {
      _gf_database_set_error (db, error, "check");
      return FALSE;
    }

  if (n > 0)
    /* Translators: a description of a problem, its count, then up to five examples */
    add_finding (findings, severity, _("%s: %u (%s%s)"), what, n, examples->str,
                 n > 5 ? ", …" : "");

  return TRUE;
}

static double
sum_of_areas (GfDatabase  *db,
              const char  *table,
              GError     **error)
{
  g_autoptr(GPtrArray) features = gf_store_list_features (db, table, error);
  double area = 0;

  if (features == NULL)
    return NAN;

  for (guint i = 0; i < features->len; i++)
    area += gf_geometry_area_m2 (((GfFeatureRecord *) g_ptr_array_index (features, i))->geometry);

  return features->len > 0 ? area : NAN;
}

/**
 * gf_check_database:
 *
 * Returns: (transfer full) (element-type GfCheckFinding): the findings, most serious first;
 *   empty when all is well
 */
GPtrArray *
gf_check_database (GfDatabase    *db,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle;
  gint64 layout_id = 0;
  double district_area, town_area, village_area;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  handle = _gf_database_get_handle (db);

  /* The full integrity check cross-checks every index entry: slow on big files, so only here. */
  if (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check(20)", -1, &stmt, NULL) != SQLITE_OK)
    {
      _gf_database_set_error (db, error, "integrity_check");
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        add_finding (findings, GF_CHECK_ERROR, _("Damaged database: %s"), line);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!report_rows (db, findings, GF_CHECK_ERROR,
                    "SELECT \"table\" || ' row ' || rowid || ' → ' || parent"
                    " FROM pragma_foreign_key_check", _("Records that point to missing records"),
                    error)
      || !report_rows (db, findings, GF_CHECK_ERROR,
                       "SELECT v.code FROM village v JOIN town t ON t.id = v.town_id"
                       " WHERE substr(v.code, 1, 9) <> t.code",
                       _("Village codes that do not start with their town’s code"), error)
      || !report_rows (db, findings, GF_CHECK_ERROR,
                       "SELECT t.code FROM town t, district d WHERE substr(t.code, 1, 6) <> d.code",
                       _("Town codes that do not start with the district code"), error)
      || !report_rows (db, findings, GF_CHECK_WARNING,
                       "SELECT code || ' ' || name FROM village WHERE boundary IS NULL",
                       _("Villages without a boundary"), error)
      || !report_rows (db, findings, GF_CHECK_WARNING,
                       "SELECT code || ' ' || name FROM village WHERE lon IS NULL OR lat IS NULL",
                       _("Villages without a location"), error)
      || !report_rows (db, findings, GF_CHECK_WARNING,
                       "SELECT code || ' ' || name FROM town WHERE boundary IS NULL",
                       _("Towns without a boundary"), error)
      || !report_rows (db, findings, GF_CHECK_WARNING,
                       "SELECT name FROM layout WHERE NOT EXISTS"
                       " (SELECT 1 FROM layout WHERE is_current = 1) LIMIT 1",
                       _("Layouts exist but none is current"), error)
      || !report_rows (db, findings, GF_CHECK_WARNING,
                       "SELECT i.code || ' ' || v.code || ' ' || o.year FROM observation o"
                       " JOIN indicator i ON i.id = o.indicator_id"
                       " JOIN village v ON v.id = o.village_id WHERE o.value < 0",
                       _("Negative indicator values"), error)
      || !gf_store_current_layout (db, &layout_id, error))
    return NULL;

  if (layout_id != 0)
    {
      g_autoptr(sqlite3_stmt) empty = NULL;

      if (sqlite3_prepare_v2 (handle,
                              "SELECT name FROM cluster c WHERE NOT EXISTS (SELECT 1 FROM"
                              " cluster_member m WHERE m.cluster_id = c.id AND m.layout_id = ?)",
                              -1, &empty, NULL) != SQLITE_OK)
        {
          _gf_database_set_error (db, error, "check");
          return NULL;
        }
      sqlite3_bind_int64 (empty, 1, layout_id);
      while (sqlite3_step (empty) == SQLITE_ROW)
        add_finding (findings, GF_CHECK_WARNING,
                     _("Cluster “%s” has no villages in the current layout"),
                     (const char *) sqlite3_column_text (empty, 0));
    }

  /* Boundaries that tile: towns should cover the district and villages their towns. A
   * difference beyond 0.5 % means gaps, overlaps or missing shapes. */
  district_area = sum_of_areas (db, "district", error);
  town_area = sum_of_areas (db, "town", error);
  village_area = sum_of_areas (db, "village", error);
  if (error != NULL && *error != NULL)
    return NULL;

  if (!isnan (district_area) && !isnan (town_area)
      && fabs (town_area - district_area) > 0.005 * district_area)
    add_finding (findings, GF_CHECK_WARNING,
                 _("Town boundaries cover %.2f km² but the district boundary %.2f km²: gaps, "
                   "overlaps or missing towns"), town_area / 1e6, district_area / 1e6);
  if (!isnan (town_area) && !isnan (village_area)
      && fabs (village_area - town_area) > 0.005 * town_area)
    add_finding (findings, GF_CHECK_WARNING,
                 _("Village boundaries cover %.2f km² but the town boundaries %.2f km²: gaps, "
                   "overlaps or missing villages"), village_area / 1e6, town_area / 1e6);

  g_ptr_array_sort (findings, compare_severity);
  return g_steal_pointer (&findings);
}
