/* test-briefing.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Briefings: the migration that adds them (and the upgrade of a version-2 file), the store
 * (order of slides through adds, moves and removals), chart specs from named kinds, the slides
 * and handout of the sample district, what a slide says when it has nothing to draw, and the
 * render-chart and briefing commands of gongfu-atlas-cli.
 */

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-briefing.h"
#include "gf-chart-spec.h"
#include "gf-database-private.h"
#include "gf-sample.h"
#include "gf-test-cli.h"

#define SAMPLE_BRIEFING "示例区共富工作汇报"
#define SAMPLE_SLIDES 10

typedef struct
{
  char       *dir;
  char       *path;
  GfDatabase *db;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gf-test-briefing-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "district.gfdb", NULL);
}

/* The sample district, with its ready-made briefing. */
static void
fixture_set_up_sample (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (f, data);
  f->db = gf_database_open (f->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gf_sample_load (f->db, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static int
raw_int (GfDatabase *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_gf_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
raw_exec (GfDatabase *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_gf_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The primary result code of @sql on the raw connection. */
static int
raw_rc (GfDatabase *db,
        const char *sql)
{
  return sqlite3_exec (_gf_database_get_handle (db), sql, NULL, NULL, NULL) & 0xff;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gboolean
has_table (GfDatabase *db,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema"
                                          " WHERE type = 'table' AND name = '%s'", name);

  return raw_int (db, sql) == 1;
}

/* A chart slide of one indicator and some clusters (NULL: all), as slides were before they
 * could show several indicators or villages. */
static GfSlide *
chart_slide (GfChartKind   kind,
             const char   *code,
             const gint64 *cluster_ids,
             guint         n_clusters,
             int           first_year,
             int           last_year,
             const char   *title)
{
  const char *codes[] = { code, NULL };
  GfChartRequest request = { kind, codes, 1, GF_CHART_SUBJECT_CLUSTERS, cluster_ids, n_clusters,
                             first_year, last_year };

  return gf_slide_new_chart (&request, title);
}

/* Migration */

static void
test_migration_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gf_database_latest_schema_version (), ==, 5);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 5);
  g_assert_true (has_table (db, "briefing"));
  g_assert_true (has_table (db, "briefing_slide"));
  g_assert_true (has_table (db, "briefing_slide_cluster"));
  g_assert_true (has_table (db, "briefing_slide_indicator"));
  g_assert_true (has_table (db, "briefing_slide_village"));

  /* The schema refuses what the store never writes. */
  raw_exec (db, "INSERT INTO briefing (id, name) VALUES (1, 'a')");
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing (name) VALUES ('a')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind)"
                               " VALUES (1, 0, 'chart')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " chart_kind, indicator_code) VALUES (1, 0, 'chart', 'pie', 'x')"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind, fit,"
                               " layers) VALUES (2, 0, 'map', 'district', 63)"), ==,
                   SQLITE_CONSTRAINT);
  raw_exec (db, "INSERT INTO briefing_slide (briefing_id, position, kind, fit, layers)"
                " VALUES (1, 0, 'map', 'district', 63)");

  /* 004: villages only on charts that list them, classes only on maps, 2 to 7 of them, and a
   * further indicator after the first. */
  raw_exec (db, "INSERT INTO briefing_slide (id, briefing_id, position, kind, chart_kind,"
                " indicator_code, all_clusters) VALUES (10, 1, 1, 'chart', 'bar', 'a', 0)");
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " chart_kind, indicator_code, subject) VALUES"
                               " (1, 2, 'chart', 'bar', 'a', 'villages')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " chart_kind, indicator_code, all_clusters, subject) VALUES"
                               " (1, 2, 'chart', 'bar', 'a', 0, 'towns')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " chart_kind, indicator_code, classify) VALUES"
                               " (1, 2, 'chart', 'bar', 'a', 'equal')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind, fit,"
                               " layers, classify) VALUES (1, 2, 'map', 'district', 63,"
                               " 'jenks')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind, fit,"
                               " layers, n_classes) VALUES (1, 2, 'map', 'district', 63, 8)"),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide_indicator (slide_id, position,"
                               " indicator_code) VALUES (10, 0, 'b')"), ==, SQLITE_CONSTRAINT);
  raw_exec (db, "INSERT INTO briefing_slide_indicator (slide_id, position, indicator_code)"
                " VALUES (10, 1, 'b')");
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide_indicator (slide_id, position,"
                               " indicator_code) VALUES (10, 2, 'b')"), ==, SQLITE_CONSTRAINT);

  /* 005: the competition's ranking, with nothing of a chart's or a map's. */
  raw_exec (db, "INSERT INTO briefing_slide (briefing_id, position, kind, last_year)"
                " VALUES (1, 3, 'leaderboard', 2024)");
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " indicator_code) VALUES (1, 4, 'leaderboard', 'a')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind,"
                               " chart_kind) VALUES (1, 4, 'leaderboard', 'ranked')"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind, fit,"
                               " layers) VALUES (1, 4, 'leaderboard', 'district', 63)"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_rc (db, "INSERT INTO briefing_slide (briefing_id, position, kind)"
                               " VALUES (1, 4, 'table')"), ==, SQLITE_CONSTRAINT);

  /* The rebuilt table still cascades from the briefing and to the slides' rows. */
  raw_exec (db, "DELETE FROM briefing");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM briefing_slide"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM briefing_slide_indicator"), ==, 0);
}

/* A briefing made before 004 reads as it did: its chart's indicator and clusters, its map
 * classed by quantile into the default number of classes. */
static void
test_migration_slide_subjects (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autofree char *description = NULL;
  GfSlide *slide;

  db = _gf_database_open_at_version (f->path, GF_DATABASE_OPEN_DEFAULT, 3, &error);
  g_assert_no_error (error);
  g_assert_false (has_table (db, "briefing_slide_village"));
  raw_exec (db, "INSERT INTO cluster (id, name, color) VALUES (7, '源头共富', '#D55E00');"
                "INSERT INTO briefing (id, name) VALUES (1, '旧汇报');"
                "INSERT INTO briefing_slide (id, briefing_id, position, kind, chart_kind,"
                " indicator_code, all_clusters, first_year, last_year)"
                " VALUES (1, 1, 0, 'chart', 'line', 'tourism_income', 0, 2018, 2025);"
                "INSERT INTO briefing_slide_cluster (slide_id, cluster_id, position)"
                " VALUES (1, 7, 0);"
                "INSERT INTO briefing_slide (id, briefing_id, position, kind, indicator_code,"
                " last_year, fit, layers) VALUES (2, 1, 1, 'map', 'ecommerce_sales', 2024,"
                " 'district', 63)");
  g_clear_object (&db);

  db = gf_database_open (f->path, GF_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 5);
  g_assert_true (has_table (db, "briefing_slide_indicator"));
  g_assert_true (has_table (db, "briefing_slide_village"));

  briefing = gf_store_find_briefing (db, "旧汇报", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, 2);

  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_CHART);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_LINE);
  g_assert_cmpuint (g_strv_length (slide->indicators), ==, 1);
  g_assert_cmpstr (slide->indicators[0], ==, "tourism_income");
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_CLUSTERS);
  g_assert_cmpuint (slide->n_subjects, ==, 1);
  g_assert_cmpint (slide->subject_ids[0], ==, 7);
  g_assert_cmpint (slide->first_year, ==, 2018);
  g_assert_cmpint (slide->last_year, ==, 2025);
  description = gf_slide_describe (slide);
  g_assert_cmpstr (description, ==, "Line chart · 1 cluster · 2018–2025");

  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_cmpstr (slide->indicators[0], ==, "ecommerce_sales");
  g_assert_null (slide->indicators[1]);
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_QUANTILE);
  g_assert_cmpuint (slide->n_classes, ==, 0);
  g_assert_cmpint (slide->last_year, ==, 2024);
}

static void
test_migration_upgrade (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GPtrArray) briefings = NULL;

  db = _gf_database_open_at_version (f->path, GF_DATABASE_OPEN_DEFAULT, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 2);
  g_assert_false (has_table (db, "briefing"));
  raw_exec (db, "INSERT INTO district (id, code, name) VALUES (1, '339901', '示例区');"
                "INSERT INTO town (code, name) VALUES ('339901001', '青溪镇');"
                "INSERT INTO cluster (name, color) VALUES ('源头共富', '#D55E00')");
  g_clear_object (&db);

  db = gf_database_open (f->path, GF_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 5);
  g_assert_nonnull (gf_database_get_backup_path (db));
  g_assert_true (g_file_test (gf_database_get_backup_path (db), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM town"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM cluster WHERE name = '源头共富'"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM district WHERE name = '示例区'"), ==, 1);
  g_assert_true (has_table (db, "briefing_slide"));

  briefings = gf_store_list_briefings (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefings->len, ==, 0);
}

/* Store */

static gint64
slide_id_at (GfDatabase *db,
             gint64      briefing_id,
             guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = gf_store_get_briefing (db, briefing_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, briefing->slides->len);
  return ((GfSlide *) g_ptr_array_index (briefing->slides, index))->id;
}

static void
assert_order (GfDatabase   *db,
              gint64        briefing_id,
              const gint64 *ids,
              guint         n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = gf_store_get_briefing (db, briefing_id, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (((GfSlide *) g_ptr_array_index (briefing->slides, i))->id, ==, ids[i]);

  /* Positions stay 0 … n − 1. */
  sql = g_strdup_printf ("SELECT count(*) FROM briefing_slide WHERE briefing_id = %d"
                         " AND position < %u", (int) briefing_id, n_ids);
  g_assert_cmpint (raw_int (db, sql), ==, (int) n_ids);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(DISTINCT position) FROM briefing_slide"
                         " WHERE briefing_id = %d", (int) briefing_id);
  g_assert_cmpint (raw_int (db, sql), ==, (int) n_ids);
}

static void
changed_cb (GfDatabase *db,
            const char *table,
            guint      *count)
{
  g_assert_cmpstr (table, ==, "briefing");
  (*count)++;
}

static void
test_store_roundtrip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSlide) line = NULL;
  g_autoptr(GfSlide) map = NULL;
  g_autoptr(GfSlide) ranked = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GPtrArray) briefings = NULL;
  g_autoptr(GArray) clusters = NULL;
  const char *names[] = { "粮仓", "源头共富", NULL };
  gint64 id, id2, a, b, c;
  guint changes = 0;
  GfSlide *slide;

  g_signal_connect (f->db, "changed::briefing", G_CALLBACK (changed_cb), &changes);

  g_assert_true (gf_store_create_briefing (f->db, "  三季度汇报 ", NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);

  clusters = gf_chart_clusters_from_names (f->db, names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 2);

  line = chart_slide (GF_CHART_KIND_LINE, "coll_operating_income",
                             (gint64 *) (void *) clusters->data, clusters->len, 2018, 2025,
                             "经营性收入");
  map = gf_slide_new_map (GF_SLIDE_FIT_CLUSTER, g_array_index (clusters, gint64, 1),
                          "tourism_income", 2024, GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_LABELS,
                          GF_MAP_CLASSIFY_EQUAL_INTERVAL, 4, NULL);
  ranked = chart_slide (GF_CHART_KIND_RANKED_BAR, "ecommerce_sales", NULL, 0, 0, 0, NULL);

  g_assert_true (gf_store_add_slide (f->db, id, line, -1, &a, &error));
  g_assert_true (gf_store_add_slide (f->db, id, map, -1, &b, &error));
  g_assert_true (gf_store_add_slide (f->db, id, ranked, 99, &c, &error));
  g_assert_no_error (error);
  assert_order (f->db, id, (gint64[]) { a, b, c }, 3);

  /* The round trip keeps every field. */
  briefing = gf_store_find_briefing (f->db, "三季度汇报", &error);
  g_assert_no_error (error);
  g_assert_cmpint (briefing->id, ==, id);
  g_assert_null (briefing->source);
  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_CHART);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_LINE);
  g_assert_cmpstr (slide->indicators[0], ==, "coll_operating_income");
  g_assert_null (slide->indicators[1]);
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_CLUSTERS);
  g_assert_cmpstr (slide->title, ==, "经营性收入");
  g_assert_cmpuint (slide->n_subjects, ==, 2);
  g_assert_cmpint (slide->subject_ids[0], ==, g_array_index (clusters, gint64, 0));
  g_assert_cmpint (slide->subject_ids[1], ==, g_array_index (clusters, gint64, 1));
  g_assert_cmpint (slide->first_year, ==, 2018);
  g_assert_cmpint (slide->last_year, ==, 2025);
  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_cmpint (slide->fit, ==, GF_SLIDE_FIT_CLUSTER);
  g_assert_cmpint (slide->fit_cluster_id, ==, g_array_index (clusters, gint64, 1));
  g_assert_cmpstr (slide->indicators[0], ==, "tourism_income");
  g_assert_null (slide->indicators[1]);
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_EQUAL_INTERVAL);
  g_assert_cmpuint (slide->n_classes, ==, 4);
  g_assert_cmpint (slide->last_year, ==, 2024);
  g_assert_cmpuint (slide->layers, ==, GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_LABELS);
  g_assert_null (slide->title);
  slide = g_ptr_array_index (briefing->slides, 2);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_RANKED_BAR);
  g_assert_null (slide->subject_ids);
  g_clear_pointer (&briefing, gf_briefing_free);

  /* Move the last to the front, then the front to the end, then remove the middle. */
  g_assert_true (gf_store_move_slide (f->db, c, 0, &error));
  assert_order (f->db, id, (gint64[]) { c, a, b }, 3);
  g_assert_true (gf_store_move_slide (f->db, c, 2, &error));
  assert_order (f->db, id, (gint64[]) { a, b, c }, 3);
  g_assert_true (gf_store_move_slide (f->db, a, 1, &error));
  assert_order (f->db, id, (gint64[]) { b, a, c }, 3);
  g_assert_true (gf_store_move_slide (f->db, b, 100, &error));
  assert_order (f->db, id, (gint64[]) { a, c, b }, 3);
  g_assert_true (gf_store_remove_slide (f->db, c, &error));
  g_assert_no_error (error);
  assert_order (f->db, id, (gint64[]) { a, b }, 2);
  g_assert_cmpint (slide_id_at (f->db, id, 1), ==, b);

  /* Insert at a position. */
  g_assert_true (gf_store_add_slide (f->db, id, ranked, 1, &c, &error));
  assert_order (f->db, id, (gint64[]) { a, c, b }, 3);

  /* Names: unique, trimmed, never empty. */
  g_assert_false (gf_store_create_briefing (f->db, SAMPLE_BRIEFING, NULL, NULL, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (gf_store_create_briefing (f->db, "  ", NULL, NULL, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gf_store_rename_briefing (f->db, id, SAMPLE_BRIEFING, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (gf_store_rename_briefing (f->db, id, "四季度汇报", &error));
  g_assert_no_error (error);
  g_assert_true (gf_store_rename_briefing (f->db, id, "四季度汇报", &error));
  g_assert_true (gf_store_set_briefing_source (f->db, id, "区统计局", &error));
  g_assert_no_error (error);

  /* A slide must name what exists. */
  {
    g_autoptr(GfSlide) bad = chart_slide (GF_CHART_KIND_LINE, "no_such_code", NULL, 0,
                                                 0, 0, NULL);
    g_autoptr(GfSlide) bad_cluster = chart_slide (GF_CHART_KIND_LINE, "tourism_income",
                                                         (gint64[]) { 9999 }, 1, 0, 0, NULL);
    g_autoptr(GfSlide) bad_years = chart_slide (GF_CHART_KIND_LINE, "tourism_income",
                                                       NULL, 0, 2025, 2020, NULL);

    g_assert_false (gf_store_add_slide (f->db, id, bad, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no_such_code"));
    g_clear_error (&error);
    g_assert_false (gf_store_add_slide (f->db, id, bad_cluster, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gf_store_add_slide (f->db, id, bad_years, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gf_store_add_slide (f->db, 9999, line, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND);
    g_clear_error (&error);
    assert_order (f->db, id, (gint64[]) { a, c, b }, 3);
  }

  g_assert_false (gf_store_move_slide (f->db, 9999, 0, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gf_store_find_briefing (f->db, "没有这个", &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* List: the sample's briefing first, then this one. */
  g_assert_true (gf_store_create_briefing (f->db, "空汇报", NULL, &id2, &error));
  briefings = gf_store_list_briefings (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefings->len, ==, 3);
  g_assert_cmpstr (((GfBriefing *) g_ptr_array_index (briefings, 0))->name, ==, SAMPLE_BRIEFING);
  g_assert_cmpstr (((GfBriefing *) g_ptr_array_index (briefings, 1))->name, ==, "四季度汇报");
  g_assert_cmpstr (((GfBriefing *) g_ptr_array_index (briefings, 1))->source, ==, "区统计局");
  g_assert_cmpuint (((GfBriefing *) g_ptr_array_index (briefings, 1))->slides->len, ==, 3);
  g_assert_cmpuint (((GfBriefing *) g_ptr_array_index (briefings, 2))->slides->len, ==, 0);

  /* Deleting a briefing deletes its slides and their clusters. */
  g_assert_true (gf_store_delete_briefing (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_false (gf_store_delete_briefing (f->db, id, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide"), ==, SAMPLE_SLIDES);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_cluster"), ==, 0);

  /* Every successful write told the views, once. */
  g_assert_cmpuint (changes, ==, 15);
}

/* Slides of several indicators, of villages, and maps with their own classes. */
static void
test_store_subjects (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfSlide) bars = NULL;
  g_autoptr(GfSlide) line = NULL;
  g_autoptr(GfSlide) thresholds = NULL;
  g_autoptr(GfSlide) equal = NULL;
  g_autoptr(GfSlide) copy = NULL;
  g_autoptr(GArray) villages = NULL;
  g_autofree char *description = NULL;
  const char *land[] = { "land_transferred", "high_standard_farmland", "paddy_area" };
  GfChartRequest request = { GF_CHART_KIND_STACKED_BAR, land, 3, GF_CHART_SUBJECT_VILLAGES,
                             NULL, 0, 0, 2024 };
  GfChartRequest view;
  gint64 id, luwan, deyan;
  GfSlide *slide;

  villages = gf_chart_villages_from_names (f->db, (const char *[]) { "德堰村", "芦湾社区", NULL },
                                           &error);
  g_assert_no_error (error);
  deyan = g_array_index (villages, gint64, 0);
  luwan = g_array_index (villages, gint64, 1);
  request.subject_ids = (const gint64 *) (void *) villages->data;
  request.n_subjects = villages->len;

  bars = gf_slide_new_chart (&request, NULL);
  request.kind = GF_CHART_KIND_LINE;
  request.indicators = (const char *[]) { "income_per_capita_disposable" };
  request.n_indicators = 1;
  request.first_year = 2020;
  request.last_year = 0;
  line = gf_slide_new_chart (&request, "人均可支配收入");
  thresholds = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income", 2025,
                                 GF_MAP_LAYER_VILLAGES, GF_MAP_CLASSIFY_THRESHOLDS, 4, NULL);
  equal = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income", 2025,
                            GF_MAP_LAYER_VILLAGES, GF_MAP_CLASSIFY_EQUAL_INTERVAL, 3, NULL);

  /* The model: a copy is deep, and the request is a view of the slide. */
  g_assert_cmpuint (thresholds->n_classes, ==, 0);
  copy = gf_slide_copy (bars);
  g_assert_true (copy->indicators != bars->indicators);
  g_assert_cmpstr (copy->indicators[2], ==, "paddy_area");
  g_assert_true (copy->subject_ids != bars->subject_ids);
  g_assert_cmpint (copy->subject_ids[1], ==, luwan);
  gf_slide_get_request (copy, &view);
  g_assert_cmpint (view.kind, ==, GF_CHART_KIND_STACKED_BAR);
  g_assert_cmpuint (view.n_indicators, ==, 3);
  g_assert_cmpstr (view.indicators[1], ==, "high_standard_farmland");
  g_assert_cmpint (view.subject, ==, GF_CHART_SUBJECT_VILLAGES);
  g_assert_cmpuint (view.n_subjects, ==, 2);
  g_assert_true (view.subject_ids == copy->subject_ids);
  g_assert_cmpint (view.last_year, ==, 2024);
  description = gf_slide_describe (copy);
  g_assert_cmpstr (description, ==, "Stacked bar chart · 3 indicators · 2 villages · 2024");
  g_clear_pointer (&description, g_free);
  description = gf_slide_describe (line);
  g_assert_cmpstr (description, ==, "Line chart · 2 villages · from 2020");

  g_assert_true (gf_store_create_briefing (f->db, "土地汇报", NULL, &id, &error));
  g_assert_true (gf_store_add_slide (f->db, id, bars, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, line, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, thresholds, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, equal, -1, NULL, &error));
  g_assert_no_error (error);

  briefing = gf_store_get_briefing (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, 4);
  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_STACKED_BAR);
  g_assert_cmpuint (g_strv_length (slide->indicators), ==, 3);
  g_assert_cmpstr (slide->indicators[0], ==, "land_transferred");
  g_assert_cmpstr (slide->indicators[1], ==, "high_standard_farmland");
  g_assert_cmpstr (slide->indicators[2], ==, "paddy_area");
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_VILLAGES);
  g_assert_cmpuint (slide->n_subjects, ==, 2);
  g_assert_cmpint (slide->subject_ids[0], ==, deyan);
  g_assert_cmpint (slide->subject_ids[1], ==, luwan);
  g_assert_cmpint (slide->first_year, ==, 0);
  g_assert_cmpint (slide->last_year, ==, 2024);
  g_assert_null (slide->title);
  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpuint (g_strv_length (slide->indicators), ==, 1);
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_VILLAGES);
  g_assert_cmpuint (slide->n_subjects, ==, 2);
  g_assert_cmpint (slide->first_year, ==, 2020);
  g_assert_cmpstr (slide->title, ==, "人均可支配收入");
  slide = g_ptr_array_index (briefing->slides, 2);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_cmpstr (slide->indicators[0], ==, "coll_operating_income");
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_THRESHOLDS);
  g_assert_cmpuint (slide->n_classes, ==, 0);
  slide = g_ptr_array_index (briefing->slides, 3);
  g_assert_cmpint (slide->classify, ==, GF_MAP_CLASSIFY_EQUAL_INTERVAL);
  g_assert_cmpuint (slide->n_classes, ==, 3);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_indicator"), ==, 2);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_village"), ==, 4);

  /* Refusals, each a sentence, and nothing stored. */
  {
    struct
    {
      GfChartKind  kind;
      const char  *codes[3];
      GfChartSubject subject;
      const gint64 *ids;
      guint        n_ids;
      const char  *message;
    } cases[] = {
      { GF_CHART_KIND_GROUPED_BAR, { "land_transferred", "no_such_code" },
        GF_CHART_SUBJECT_CLUSTERS, NULL, 0, "There is no indicator “no_such_code”" },
      { GF_CHART_KIND_GROUPED_BAR, { "land_transferred", "land_transferred" },
        GF_CHART_SUBJECT_CLUSTERS, NULL, 0, "The indicator “land_transferred” is listed twice" },
      { GF_CHART_KIND_LINE, { "land_transferred", "paddy_area" }, GF_CHART_SUBJECT_CLUSTERS,
        NULL, 0, "Only bar and stacked bar charts show several indicators" },
      { GF_CHART_KIND_LINE, { "land_transferred" }, GF_CHART_SUBJECT_VILLAGES,
        (gint64[]) { 99999 }, 1, "There is no village with the id 99999" },
      { GF_CHART_KIND_LINE, { "land_transferred" }, GF_CHART_SUBJECT_VILLAGES,
        (gint64[]) { 1 }, 0, "A chart of villages needs at least one village" },
      { GF_CHART_KIND_LINE, { "land_transferred" }, GF_CHART_SUBJECT_VILLAGES,
        (gint64[]) { 1, 1 }, 2, "A slide lists the same cluster or village twice" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        GfChartRequest bad = { cases[i].kind, cases[i].codes,
                               cases[i].codes[1] != NULL ? 2 : 1, cases[i].subject,
                               cases[i].ids, cases[i].n_ids, 0, 0 };
        g_autoptr(GfSlide) bad_slide = gf_slide_new_chart (&bad, NULL);

        g_assert_false (gf_store_add_slide (f->db, id, bad_slide, -1, NULL, &error));
        g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
        g_assert_cmpstr (error->message, ==, cases[i].message);
        g_clear_error (&error);
      }
  }
  {
    g_autoptr(GfSlide) bad = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "tourism_income", 0,
                                               GF_MAP_LAYER_ALL, GF_MAP_CLASSIFY_QUANTILE, 9,
                                               NULL);

    g_assert_false (gf_store_add_slide (f->db, id, bad, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "A map shows from 2 to 7 classes, not 9");
    g_clear_error (&error);

    bad->n_classes = 0;
    bad->classify = GF_MAP_CLASSIFY_THRESHOLDS;
    g_assert_false (gf_store_add_slide (f->db, id, bad, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The indicator “tourism_income” has no benchmark to "
                                         "class the villages by: choose quantiles or equal "
                                         "intervals");
    g_clear_error (&error);

    bad->classify = GF_MAP_CLASSIFY_QUANTILE;
    g_strfreev (bad->indicators);
    bad->indicators = g_strdupv ((char *[]) { "tourism_income", "paddy_area", NULL });
    g_assert_false (gf_store_add_slide (f->db, id, bad, -1, NULL, &error));
    g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_indicator"), ==, 2);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_village"), ==, 4);

  /* A deleted village leaves its slides; removing a slide removes its rows. */
  raw_exec (f->db, "DELETE FROM village WHERE code = '339901102204'");
  g_clear_pointer (&briefing, gf_briefing_free);
  briefing = gf_store_get_briefing (f->db, id, &error);
  g_assert_no_error (error);
  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpuint (slide->n_subjects, ==, 1);
  g_assert_cmpint (slide->subject_ids[0], ==, luwan);
  g_assert_true (gf_store_remove_slide (f->db, slide->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_indicator"), ==, 0);
  g_assert_cmpint (raw_int (f->db, "SELECT count(*) FROM briefing_slide_village"), ==, 1);
}

/* Chart specs */

static void
test_chart_spec (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, &error);
  g_autoptr(GfChartSpec) spec = NULL;
  GfChartRequest request = { GF_CHART_KIND_LINE, (const char *[]) { "coll_operating_income" }, 1,
                             GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  GfChartKind kind;
  int first = 0, last = 0;

  g_assert_no_error (error);

  for (GfChartKind k = GF_CHART_KIND_LINE; k <= GF_CHART_KIND_SMALL_MULTIPLES; k++)
    {
      g_assert_true (gf_chart_kind_from_name (gf_chart_kind_to_name (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (gf_chart_kind_from_name ("pie", &kind));

  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2016);
  g_assert_cmpint (last, ==, 2025);
  g_assert_cmpuint (spec->n_categories, ==, 10);
  g_assert_cmpstr (spec->categories[0], ==, "2016");
  g_assert_cmpuint (spec->n_series, ==, 6);
  g_assert_cmpstr (spec->title, ==, "村级集体经济经营性收入");
  g_assert_cmpstr (spec->unit, ==, "万元");
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Growth starts the year after the first, from the year before it. */
  request.kind = GF_CHART_KIND_GROWTH_BAR;
  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2017);
  g_assert_cmpuint (spec->n_categories, ==, 9);
  g_assert_true (isfinite (spec->series[0].values[0]));
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Ranked bars compare the clusters in the last year. */
  request.kind = GF_CHART_KIND_RANKED_BAR;
  request.first_year = 2018;
  request.last_year = 2024;
  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2024);
  g_assert_cmpint (last, ==, 2024);
  g_assert_cmpuint (spec->n_series, ==, 1);
  g_assert_cmpuint (spec->n_categories, ==, 6);
  g_assert_cmpuint (spec->series[0].n_values, ==, 6);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Refusals, each with its own code. */
  request = (GfChartRequest) { GF_CHART_KIND_LINE, (const char *[]) { "no_such_code" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR);
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_LINE, (const char *[]) { "tourism_income" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 2008, 2012 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS);
  g_assert_nonnull (strstr (error->message, "2016–2025"));
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_STACKED_BAR,
                               (const char *[]) { "income_per_capita_net" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND);
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_LINE, (const char *[]) { "tourism_income" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, (gint64[]) { 9999 }, 1, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER);
  g_clear_error (&error);

  g_assert_null (gf_chart_clusters_from_names (f->db, (const char *[]) { "粮仓", "没有", NULL },
                                               &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER);
  g_assert_nonnull (strstr (error->message, "没有"));
  g_clear_error (&error);

  /* An indicator nobody reported. */
  g_clear_pointer (&aggregator, gf_aggregator_free);
  raw_exec (f->db, "DELETE FROM observation WHERE indicator_id ="
                   " (SELECT id FROM indicator WHERE code = 'safety_incidents')");
  aggregator = gf_aggregator_new (f->db, 0, &error);
  request = (GfChartRequest) { GF_CHART_KIND_LINE, (const char *[]) { "safety_incidents" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "安全事故"));
  g_clear_error (&error);
}

/* Requests of several indicators and of villages. The numbers are the sample's
 * (data/sample/observations.csv, cluster_members.csv of 现行布局): sums of the member villages
 * in 2025, and villages' own values. */
static void
test_chart_spec_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, &error);
  g_autoptr(GfChartSpec) spec = NULL;
  g_autoptr(GArray) villages = NULL;
  static const char * const cluster_names[] = { "源头共富", "粮仓", "天路·共富菜园", "耕织原乡",
                                                "云上", "虹心·秘境" };
  /* land_transferred and high_standard_farmland, 亩, per cluster in 2025 */
  static const double land[] = { 4275.7, 13273.3, 13714.3, 12600.0, 2409.3, 2251.7 };
  static const double farmland[] = { 352.1, 17595.3, 1051.6, 4598.1, 112.8, 263.2 };
  const char *land_codes[] = { "land_transferred", "high_standard_farmland" };
  GfChartRequest request = { GF_CHART_KIND_STACKED_BAR, land_codes, 2,
                             GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  gint64 luwan, deyan;
  int first = 0, last = 0;

  g_assert_no_error (error);

  /* Several indicators: the indicators are the series, the clusters the categories, 2025. */
  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2025);
  g_assert_cmpint (last, ==, 2025);
  g_assert_cmpstr (spec->title, ==, "土地流转面积、高标准农田");
  g_assert_cmpstr (spec->subtitle, ==, "By cluster · 2025");
  g_assert_cmpstr (spec->unit, ==, "亩");
  g_assert_false (spec->keep_unit);
  g_assert_cmpuint (spec->n_series, ==, 2);
  g_assert_cmpstr (spec->series[0].name, ==, "土地流转面积");
  g_assert_cmpstr (spec->series[1].name, ==, "高标准农田");
  g_assert_cmpuint (spec->n_categories, ==, 6);
  for (guint c = 0; c < 6; c++)
    {
      g_assert_cmpstr (spec->categories[c], ==, cluster_names[c]);
      g_assert_cmpfloat_with_epsilon (spec->series[0].values[c], land[c], 0.05);
      g_assert_cmpfloat_with_epsilon (spec->series[1].values[c], farmland[c], 0.05);
    }
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Two chosen clusters, in their order, and the first year ignored: one year is shown. */
  request.kind = GF_CHART_KIND_GROUPED_BAR;
  request.subject_ids = (gint64[]) { 0, 0 };
  g_assert_true (gf_store_lookup_id (f->db, "cluster", "name", "粮仓",
                                     (gint64 *) &request.subject_ids[1], &error));
  g_assert_true (gf_store_lookup_id (f->db, "cluster", "name", "云上",
                                     (gint64 *) &request.subject_ids[0], &error));
  request.n_subjects = 2;
  request.first_year = 2018;
  request.last_year = 2025;
  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2025);
  g_assert_cmpuint (spec->n_categories, ==, 2);
  g_assert_cmpstr (spec->categories[0], ==, "云上");
  g_assert_cmpstr (spec->categories[1], ==, "粮仓");
  g_assert_cmpfloat_with_epsilon (spec->series[1].values[0], 112.8, 0.05);
  g_assert_cmpfloat_with_epsilon (spec->series[1].values[1], 17595.3, 0.05);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Refusals: units that differ, several on a line, the same one twice, stacked averages. */
  request = (GfChartRequest) { GF_CHART_KIND_GROUPED_BAR,
                               (const char *[]) { "land_transferred", "social_capital" }, 2,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND);
  g_assert_cmpstr (error->message, ==, "“土地流转面积” is in 亩 but “引进社会资本” is in 万元: one "
                                       "chart compares indicators of one unit");
  g_clear_error (&error);

  request.kind = GF_CHART_KIND_LINE;
  request.indicators = land_codes;
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND);
  g_assert_nonnull (strstr (error->message, "Line chart"));
  g_clear_error (&error);

  request.kind = GF_CHART_KIND_GROUPED_BAR;
  request.indicators = (const char *[]) { "land_transferred", "land_transferred" };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR);
  g_clear_error (&error);

  request.kind = GF_CHART_KIND_STACKED_BAR;
  request.indicators = (const char *[]) { "income_per_capita_net", "income_per_capita_disposable" };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND);
  g_assert_nonnull (strstr (error->message, "农民人均纯收入"));
  g_clear_error (&error);

  /* … which side by side are fine, and stay in 元. */
  request.kind = GF_CHART_KIND_GROUPED_BAR;
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec->unit, ==, "元");
  g_assert_true (spec->keep_unit);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Villages, by name; their own values, no cluster colours. */
  villages = gf_chart_villages_from_names (f->db, (const char *[]) { "芦湾社区", " 德堰村 ", NULL },
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (villages->len, ==, 2);
  luwan = g_array_index (villages, gint64, 0);
  deyan = g_array_index (villages, gint64, 1);
  request = (GfChartRequest) { GF_CHART_KIND_LINE,
                               (const char *[]) { "income_per_capita_disposable" }, 1,
                               GF_CHART_SUBJECT_VILLAGES, (const gint64 *) (void *) villages->data,
                               villages->len, 0, 0 };
  spec = gf_chart_spec_build (aggregator, &request, &first, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2016);
  g_assert_cmpstr (spec->title, ==, "农村居民人均可支配收入");
  g_assert_cmpstr (spec->subtitle, ==, "By village · 2016–2025");
  g_assert_cmpstr (spec->unit, ==, "元");
  g_assert_true (spec->keep_unit);
  g_assert_cmpuint (spec->n_series, ==, 2);
  g_assert_cmpstr (spec->series[0].name, ==, "芦湾社区");
  g_assert_cmpstr (spec->series[1].name, ==, "德堰村");
  g_assert_null (spec->series[0].color);
  g_assert_cmpuint (spec->n_categories, ==, 10);
  g_assert_cmpfloat (spec->series[0].values[0], ==, 25931);
  g_assert_cmpfloat (spec->series[0].values[9], ==, 45519);
  g_assert_cmpfloat (spec->series[1].values[9], ==, 37220);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Several indicators of villages: the villages are the categories. */
  request.kind = GF_CHART_KIND_STACKED_BAR;
  request.indicators = (const char *[]) { "land_transferred", "paddy_area" };
  request.n_indicators = 2;
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec->subtitle, ==, "By village · 2025");
  g_assert_cmpstr (spec->categories[1], ==, "德堰村");
  g_assert_cmpfloat_with_epsilon (spec->series[0].values[0], 200.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (spec->series[1].values[1], 162.0, 1e-9);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Ranked clusters take the clusters' colours (clusters.csv); ranked villages the palette. */
  request = (GfChartRequest) { GF_CHART_KIND_RANKED_BAR,
                               (const char *[]) { "coll_operating_income" }, 1,
                               GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spec->category_colors);
  g_assert_cmpstr (spec->categories[0], ==, "源头共富");
  g_assert_cmpstr (spec->category_colors[0], ==, "#D55E00");
  g_assert_cmpstr (spec->categories[4], ==, "云上");
  g_assert_cmpstr (spec->category_colors[4], ==, "#56B4E9");
  g_assert_false (spec->keep_unit);
  g_clear_pointer (&spec, gf_chart_spec_free);
  request.subject = GF_CHART_SUBJECT_VILLAGES;
  request.subject_ids = (gint64[]) { luwan, deyan };
  request.n_subjects = 2;
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (spec->category_colors);
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Villages must be named. */
  request.subject_ids = NULL;
  request.n_subjects = 0;
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER);
  g_clear_error (&error);
  g_assert_null (gf_chart_villages_from_names (f->db, (const char *[]) { "没有村", NULL },
                                               &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER);
  g_assert_cmpstr (error->message, ==, "There is no village “没有村”");
  g_clear_error (&error);

  /* Two villages of one name (德堰村 of 溪源镇 renamed) are told apart by their towns. */
  raw_exec (f->db, "UPDATE village SET name = '芦湾社区' WHERE code = '339901102204'");
  g_clear_pointer (&villages, g_array_unref);
  g_assert_null (gf_chart_villages_from_names (f->db, (const char *[]) { "芦湾社区", NULL },
                                               &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER);
  g_assert_nonnull (strstr (error->message, "翠屏街道"));
  g_assert_nonnull (strstr (error->message, "溪源镇"));
  g_clear_error (&error);
  villages = gf_chart_villages_from_names (f->db, (const char *[]) { "芦湾社区（溪源镇）",
                                                                     "芦湾社区(翠屏街道)", NULL },
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (villages, gint64, 0), ==, deyan);
  g_assert_cmpint (g_array_index (villages, gint64, 1), ==, luwan);
  g_assert_null (gf_chart_villages_from_names (f->db, (const char *[]) { "芦湾社区（河桥镇）",
                                                                         NULL }, &error));
  g_assert_cmpstr (error->message, ==, "There is no village “芦湾社区” in the town “河桥镇”");
  g_clear_error (&error);

  g_clear_pointer (&aggregator, gf_aggregator_free);
  aggregator = gf_aggregator_new (f->db, 0, &error);
  request = (GfChartRequest) { GF_CHART_KIND_LINE,
                               (const char *[]) { "income_per_capita_disposable" }, 1,
                               GF_CHART_SUBJECT_VILLAGES, (const gint64 *) (void *) villages->data,
                               villages->len, 0, 0 };
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec->series[0].name, ==, "芦湾社区（溪源镇）");
  g_assert_cmpstr (spec->series[1].name, ==, "芦湾社区（翠屏街道）");
}

/* Rendering */

typedef struct
{
  double x0, y0, x1, y1;
} Ink;

static Ink
ink_of_page (GfBriefingRenderer *renderer,
             guint               page,
             double              width,
             double              height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Ink ink;
  double w, h;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  gf_briefing_render_page (renderer, page, cr, width, height, GF_BRIEFING_RENDER_PAGE_NUMBER);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &ink.x0, &ink.y0, &w, &h);
  ink.x1 = ink.x0 + w;
  ink.y1 = ink.y0 + h;
  cairo_surface_destroy (surface);

  return ink;
}

static void
test_render_sample (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = gf_store_find_briefing (f->db, SAMPLE_BRIEFING, &error);
  g_autoptr(GfBriefingRenderer) renderer = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, SAMPLE_SLIDES);
  g_assert_nonnull (briefing->source);

  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_briefing_renderer_get_n_pages (renderer), ==, SAMPLE_SLIDES + 1);
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 0), ==, SAMPLE_BRIEFING);
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 0), ==, "2016–2025");
  /* A slide without a title takes its cluster's name. */
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 8), ==, "源头共富");

  for (guint page = 0; page <= SAMPLE_SLIDES; page++)
    {
      Ink ink;

      /* Every sample slide has something to draw. */
      g_assert_null (gf_briefing_renderer_get_message (renderer, page));
      g_assert_nonnull (gf_briefing_renderer_get_years (renderer, page));

      /* The page stays inside its 16:9 box, centred in a wider area. */
      ink = ink_of_page (renderer, page, 1600, 720);
      g_assert_cmpfloat (ink.x0, >=, 160 - 0.5);
      g_assert_cmpfloat (ink.x1, <=, 1440 + 0.5);
      g_assert_cmpfloat (ink.y0, >=, -0.5);
      g_assert_cmpfloat (ink.y1, <=, 720.5);
      /* … and fills it from the accent bar at the top to the footer. */
      g_assert_cmpfloat (ink.y0, <=, 1);
      g_assert_cmpfloat (ink.y1, >=, 680);
    }
}

static void
test_render_messages (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfBriefingRenderer) renderer = NULL;
  g_autoptr(GfSlide) years = NULL;
  g_autoptr(GfSlide) nodata = NULL;
  g_autoptr(GfSlide) map_years = NULL;
  gint64 id, cluster_id;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_true (gf_store_create_briefing (f->db, "问题汇报", NULL, &id, &error));
  years = chart_slide (GF_CHART_KIND_LINE, "tourism_income", NULL, 0, 2005, 2010, NULL);
  nodata = chart_slide (GF_CHART_KIND_GROUPED_BAR, "safety_incidents", NULL, 0, 0, 0,
                               NULL);
  map_years = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "tourism_income", 2030,
                                GF_MAP_LAYER_ALL, GF_MAP_CLASSIFY_QUANTILE, 0, NULL);
  g_assert_true (gf_store_add_slide (f->db, id, years, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, nodata, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, map_years, -1, NULL, &error));
  g_assert_true (gf_store_lookup_id (f->db, "cluster", "name", "粮仓", &cluster_id, &error));
  {
    g_autoptr(GfSlide) chosen = chart_slide (GF_CHART_KIND_LINE, "tourism_income",
                                                    &cluster_id, 1, 0, 0, NULL);
    g_autoptr(GfSlide) fit = gf_slide_new_map (GF_SLIDE_FIT_CLUSTER, cluster_id, NULL, 0,
                                               GF_MAP_LAYER_ALL, GF_MAP_CLASSIFY_QUANTILE, 0,
                                               NULL);

    g_assert_true (gf_store_add_slide (f->db, id, chosen, -1, NULL, &error));
    g_assert_true (gf_store_add_slide (f->db, id, fit, -1, NULL, &error));
  }
  g_assert_no_error (error);

  /* Data changes after a slide was made: an indicator loses its values, a code its indicator,
   * a cluster is deleted. */
  raw_exec (f->db, "DELETE FROM observation WHERE indicator_id ="
                   " (SELECT id FROM indicator WHERE code = 'safety_incidents');"
                   "UPDATE briefing_slide SET indicator_code = 'gone' WHERE position = 0"
                   " AND briefing_id = (SELECT id FROM briefing WHERE name = '问题汇报');"
                   "DELETE FROM cluster WHERE name = '粮仓'");
  g_assert_true (gf_store_add_slide (f->db, id, years, 0, NULL, &error));

  briefing = gf_store_get_briefing (f->db, id, &error);
  g_assert_no_error (error);
  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf_briefing_renderer_get_n_pages (renderer), ==, 7);

  /* Every one says why in words, and still names the years. */
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 1), ==,
                   "There is no data for 2005–2010: the data covers 2016–2025");
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 1), ==, "2005–2010");
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 2), ==,
                   "There is no indicator “gone”");
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 3), ==,
                   "No village reported “安全事故” in 2016–2025");
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 4), ==,
                   "There is no data for 2030: the data covers 2016–2025");
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 5), ==,
                   "The clusters of this chart were deleted");
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 6), ==,
                   "The cluster of this map was deleted");

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 180);
  cr = cairo_create (surface);
  for (guint page = 0; page < 7; page++)
    gf_briefing_render_page (renderer, page, cr, 320, 180, GF_BRIEFING_RENDER_DEFAULT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* How many pixels of @page, drawn at the canvas size, have each of @colors (0xRRGGBB). */
static void
count_page_colors (GfBriefingRenderer *renderer,
                   guint               page,
                   const guint32      *colors,
                   guint              *counts,
                   guint               n_colors)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) GF_BRIEFING_WIDTH,
                                                         (int) GF_BRIEFING_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *pixels;

  gf_briefing_render_page (renderer, page, cr, GF_BRIEFING_WIDTH, GF_BRIEFING_HEIGHT,
                           GF_BRIEFING_RENDER_DEFAULT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);

  memset (counts, 0, n_colors * sizeof (guint));
  for (int y = 0; y < (int) GF_BRIEFING_HEIGHT; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (pixels + y * stride);

      for (int x = 0; x < (int) GF_BRIEFING_WIDTH; x++)
        for (guint c = 0; c < n_colors; c++)
          if ((row[x] & 0xffffff) == colors[c])
            counts[c]++;
    }
  cairo_surface_destroy (surface);
}

/* The competition's ranking as a slide: stored, described, drawn in the clusters' colours
 * (耕织原乡, #0072B2, leads the sample's 2025), and a sentence once the rules are gone. */
static void
test_render_leaderboard (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfBriefingRenderer) renderer = NULL;
  g_autoptr(GfSlide) latest = gf_slide_new_leaderboard (0, NULL);
  g_autoptr(GfSlide) year = gf_slide_new_leaderboard (2024, "2024 年比拼");
  g_autoptr(GfSlide) invalid = gf_slide_new_leaderboard (2024, NULL);
  g_autofree char *latest_text = NULL, *year_text = NULL;
  const guint32 colors[] = { 0x0072B2 };
  guint counts[1];
  gint64 id;
  GfSlide *slide;

  g_assert_true (gf_store_create_briefing (f->db, "比拼汇报", NULL, &id, &error));
  g_assert_true (gf_store_add_slide (f->db, id, latest, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, year, -1, NULL, &error));
  g_assert_no_error (error);

  invalid->first_year = 2020;
  g_assert_false (gf_store_add_slide (f->db, id, invalid, -1, NULL, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_INVALID);
  g_clear_error (&error);

  briefing = gf_store_get_briefing (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing->slides->len, ==, 2);
  slide = g_ptr_array_index (briefing->slides, 0);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_LEADERBOARD);
  g_assert_cmpint (slide->last_year, ==, 0);
  g_assert_null (slide->indicators);
  latest_text = gf_slide_describe (slide);
  g_assert_cmpstr (latest_text, ==, "Ranking of the cluster competition · latest year");
  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_LEADERBOARD);
  g_assert_cmpint (slide->last_year, ==, 2024);
  g_assert_cmpstr (slide->title, ==, "2024 年比拼");
  year_text = gf_slide_describe (slide);
  g_assert_cmpstr (year_text, ==, "Ranking of the cluster competition · 2024");

  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 1), ==, "Cluster Competition");
  g_assert_null (gf_briefing_renderer_get_message (renderer, 1));
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 1), ==, "2025");
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 2), ==, "2024 年比拼");
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 2), ==, "2024");
  count_page_colors (renderer, 1, colors, counts, 1);
  /* Six bars of 40 × 1.7 px rows or so: the first alone covers thousands of pixels. */
  g_assert_cmpuint (counts[0], >, 5000);
  g_clear_pointer (&renderer, gf_briefing_renderer_free);

  raw_exec (f->db, "DELETE FROM score_rule");
  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 1), ==,
                   "No scoring rules: import score_rules.csv");
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 1), ==, "2025");
}

/* Slides of several indicators and of villages are drawn from their own request, maps with
 * their own classes. Colours: the chart palette starts 0x0072B2, 0xD55E00; the clusters 粮仓
 * and 云上 are #E69F00 and #56B4E9 (clusters.csv); thresholds use ColorBrewer RdYlBu
 * (0xD7191C, 0xABD9E9 for two classes), the others YlGnBu (five classes end with 0x253494,
 * three start with 0xEDF8B1). */
static void
test_render_subjects (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GfBriefingRenderer) renderer = NULL;
  g_autoptr(GArray) villages = NULL;
  const char *land[] = { "land_transferred", "high_standard_farmland" };
  const char *income[] = { "income_per_capita_disposable" };
  const char *operating[] = { "coll_operating_income" };
  GfChartRequest stacked = { GF_CHART_KIND_STACKED_BAR, land, 2, GF_CHART_SUBJECT_CLUSTERS,
                             NULL, 0, 0, 0 };
  GfChartRequest line = { GF_CHART_KIND_LINE, income, 1, GF_CHART_SUBJECT_VILLAGES, NULL, 0,
                          0, 0 };
  GfChartRequest ranked = { GF_CHART_KIND_RANKED_BAR, operating, 1, GF_CHART_SUBJECT_CLUSTERS,
                            NULL, 0, 0, 0 };
  static const guint32 chart_colors[] = { 0x0072B2, 0xD55E00, 0xE69F00, 0x56B4E9 };
  static const guint32 map_colors[] = { 0xD7191C, 0xABD9E9, 0x253494, 0xEDF8B1, 0xFFFFCC };
  guint counts[5];
  gint64 id;

  villages = gf_chart_villages_from_names (f->db, (const char *[]) { "芦湾社区", "德堰村", NULL },
                                           &error);
  g_assert_no_error (error);
  line.subject_ids = (const gint64 *) (void *) villages->data;
  line.n_subjects = villages->len;

  g_assert_true (gf_store_create_briefing (f->db, "专题汇报", NULL, &id, &error));
  {
    g_autoptr(GfSlide) s1 = gf_slide_new_chart (&stacked, NULL);
    g_autoptr(GfSlide) s2 = gf_slide_new_chart (&line, NULL);
    g_autoptr(GfSlide) s3 = gf_slide_new_chart (&ranked, NULL);
    g_autoptr(GfSlide) s4 = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income",
                                              2025, GF_MAP_LAYER_VILLAGES,
                                              GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL);
    g_autoptr(GfSlide) s5 = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income",
                                              2025, GF_MAP_LAYER_VILLAGES,
                                              GF_MAP_CLASSIFY_QUANTILE, 0, NULL);
    g_autoptr(GfSlide) s6 = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "coll_operating_income",
                                              2025, GF_MAP_LAYER_VILLAGES,
                                              GF_MAP_CLASSIFY_EQUAL_INTERVAL, 3, NULL);
    GfSlide *slides[] = { s1, s2, s3, s4, s5, s6 };

    for (guint i = 0; i < G_N_ELEMENTS (slides); i++)
      g_assert_true (gf_store_add_slide (f->db, id, slides[i], -1, NULL, &error));
    g_assert_no_error (error);
  }

  briefing = gf_store_get_briefing (f->db, id, &error);
  g_assert_no_error (error);
  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  for (guint page = 1; page <= 6; page++)
    g_assert_null (gf_briefing_renderer_get_message (renderer, page));

  /* Two indicators stacked by cluster in the last year: both series' colours. */
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 1), ==,
                   "土地流转面积、高标准农田");
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 1), ==, "2025");
  count_page_colors (renderer, 1, chart_colors, counts, 4);
  g_assert_cmpuint (counts[0], >, 2000);
  g_assert_cmpuint (counts[1], >, 2000);

  /* Two villages over the years: two lines, in palette colours, not the clusters'. */
  g_assert_cmpstr (gf_briefing_renderer_get_title (renderer, 2), ==, "农村居民人均可支配收入");
  g_assert_cmpstr (gf_briefing_renderer_get_years (renderer, 2), ==, "2016–2025");
  count_page_colors (renderer, 2, chart_colors, counts, 4);
  g_assert_cmpuint (counts[0], >, 300);
  g_assert_cmpuint (counts[1], >, 300);
  g_assert_cmpuint (counts[2], ==, 0);

  /* Ranked clusters: each bar in its cluster's colour, as on the map. */
  count_page_colors (renderer, 3, chart_colors, counts, 4);
  g_assert_cmpuint (counts[2], >, 1000);
  g_assert_cmpuint (counts[3], >, 1000);

  /* Thresholds: the benchmark (50 万元) splits the villages in two diverging classes. */
  count_page_colors (renderer, 4, map_colors, counts, 5);
  g_assert_cmpuint (counts[0], >, 1000);
  g_assert_cmpuint (counts[1], >, 1000);
  g_assert_cmpuint (counts[2], ==, 0);
  /* Quantiles: five sequential classes. */
  count_page_colors (renderer, 5, map_colors, counts, 5);
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[2], >, 1000);
  g_assert_cmpuint (counts[4], >, 1000);
  /* Equal intervals, three classes: neither end of the five-class palette. */
  count_page_colors (renderer, 6, map_colors, counts, 5);
  g_assert_cmpuint (counts[3], >, 1000);
  g_assert_cmpuint (counts[2], ==, 0);
  g_assert_cmpuint (counts[4], ==, 0);

  /* A benchmark removed after the slide was made: the slide says so. */
  raw_exec (f->db, "UPDATE indicator SET benchmark = NULL WHERE code = 'coll_operating_income'");
  g_clear_pointer (&renderer, gf_briefing_renderer_free);
  renderer = gf_briefing_renderer_new (f->db, briefing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_briefing_renderer_get_message (renderer, 4), ==,
                   "The indicator “村级集体经济经营性收入” has no benchmark to class the "
                   "villages by: choose quantiles or equal intervals");
  g_assert_null (gf_briefing_renderer_get_message (renderer, 5));
}

/* The handout */

static char *
utf16_hex (const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16BE", "UTF-8", NULL, &n, &error);
  GString *hex = g_string_new ("<FEFF");

  g_assert_no_error (error);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (hex, "%02X", (guchar) utf16[i]);
  g_string_append_c (hex, '>');

  return g_string_free (hex, FALSE);
}

static guint
count_occurrences (const char *data,
                   gsize       length,
                   const char *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;

  return count;
}

static void
assert_handout (const char *path,
                guint       n_pages,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *title_hex = NULL;
  g_autofree char *metadata = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* "/Type /Page" also starts "/Type /Pages": count both and take the tree away. */
  g_assert_cmpuint (count_occurrences (contents, length, "/Type /Page")
                    - count_occurrences (contents, length, "/Type /Pages"), ==, n_pages);
  g_assert_cmpuint (count_occurrences (contents, length, "/Type /Pages"), ==, 1);

  /* The title is in the document information (as UTF-16), and a bookmark per page. */
  title_hex = utf16_hex (title);
  metadata = g_strconcat ("/Title ", title_hex, NULL);
  g_assert_cmpuint (count_occurrences (contents, length, metadata), >=, 1);
  g_assert_cmpuint (count_occurrences (contents, length, "/Outlines"), >=, 1);

  /* Fonts are embedded as subsets and the maps are vectors: well under a few megabytes. */
  g_assert_cmpuint (length, >, 20 * 1024);
  g_assert_cmpuint (length, <, 6 * 1024 * 1024);
}

static void
count_progress_cb (double   fraction,
                   gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >, *last);
  *last = fraction;
}

static void
test_handout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfBriefing) briefing = gf_store_find_briefing (f->db, SAMPLE_BRIEFING, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = g_build_filename (f->dir, "汇报.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing", "h.pdf", NULL);
  double progress = 0;
  guint n_files;

  g_assert_no_error (error);
  g_assert_true (gf_briefing_export_pdf (f->db, briefing, pdf, count_progress_cb, &progress,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress, ==, 1.0);
  assert_handout (pdf, SAMPLE_SLIDES + 1, SAMPLE_BRIEFING);

  /* A cancel or a failure leaves no file and no temporary file, and the old handout alone. */
  n_files = count_files (f->dir);
  g_cancellable_cancel (cancellable);
  g_assert_false (gf_briefing_export_pdf (f->db, briefing, pdf, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, n_files);
  assert_handout (pdf, SAMPLE_SLIDES + 1, SAMPLE_BRIEFING);

  g_assert_false (gf_briefing_export_pdf (f->db, briefing, nowhere, NULL, NULL, NULL, &error));
  g_assert_error (error, GF_BRIEFING_ERROR, GF_BRIEFING_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, n_files);

  /* An empty briefing is its title page. */
  {
    g_autoptr(GfBriefing) empty = gf_briefing_new ("空");
    g_autofree char *path = g_build_filename (f->dir, "empty.pdf", NULL);

    g_assert_true (gf_briefing_export_pdf (f->db, empty, path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    assert_handout (path, 1, "空");
  }
}

/* The command line */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Nothing said on stderr but, under the sanitizers, LeakSanitizer's report of suppressions
 * (rendering loads fontconfig's caches). */
static void
assert_no_message (const char *err)
{
  if (strstr (err, "gongfu-atlas-cli") != NULL || strstr (err, "ERROR") != NULL)
    g_error ("unexpected message: %s", err);
}

/* The CLI opens the file itself: the fixture's connection is closed first. */
static void
fixture_set_up_sample_file (Fixture       *f,
                            gconstpointer  data)
{
  fixture_set_up_sample (f, data);
  g_clear_object (&f->db);
}

static void
test_cli_render_chart (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  guint n_files;

  if (!gf_have_cli ())
    return;

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, "--kind", "line", "--indicator",
                                     "coll_operating_income", "--clusters", "粮仓,源头共富",
                                     "--years", "2018-2025", "--output", png, "--width", "800",
                                     "--height", "450", "--dpi", "192", NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_no_message (r.err);
  }
  /* The PNG is width × dpi / 96 by height × dpi / 96 pixels. */
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 900);
  cairo_surface_destroy (image);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, "--kind", "ranked", "--indicator",
                                     "ecommerce_sales", "--output", png, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 720);
  cairo_surface_destroy (image);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, "--kind", "stacked", "--indicator",
                                     "tourism_income", "--output", svg, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  assert_contains (contents, "<svg");
  assert_contains (contents, "width=\"960pt\"");
  g_clear_pointer (&contents, g_free);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, "--kind", "growth", "--indicator",
                                     "income_per_capita_disposable", "--output", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  assert_handout (pdf, 1, "农村居民人均可支配收入");

  /* Bad input: a message, a non-zero exit, and no file at all. */
  n_files = count_files (f->dir);
  {
    g_autofree char *out = g_build_filename (f->dir, "bad.png", NULL);
    struct
    {
      const char *args[6];
      int         status;
      const char *message;
    } cases[] = {
      { { "--kind", "line", "--indicator", "no_such_code" }, 1, "no_such_code" },
      { { "--kind", "line", "--indicator", "tourism_income", "--clusters", "没有这个" }, 1,
        "没有这个" },
      { { "--kind", "line", "--indicator", "tourism_income", "--years", "2001-2005" }, 1,
        "2016–2025" },
      { { "--kind", "stacked", "--indicator", "income_per_capita_net" }, 1, "average" },
      { { "--kind", "pie", "--indicator", "tourism_income" }, 2, "pie" },
      { { "--kind", "line", "--indicator", "tourism_income", "--years", "2025-2020" }, 2,
        "2025-2020" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, cases[i].args[0],
                                         cases[i].args[1], cases[i].args[2], cases[i].args[3],
                                         "--output", out,
                                         cases[i].args[4] ? cases[i].args[4] : "--dpi",
                                         cases[i].args[4] ? cases[i].args[5] : "96", NULL);

        g_assert_cmpint (r.status, ==, cases[i].status);
        assert_contains (r.err, cases[i].message);
        g_assert_cmpuint (count_files (f->dir), ==, n_files);
      }
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("render-chart", f->path, "--kind", "line", "--indicator",
                                     "tourism_income", "--output", "chart.gif", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_cli_briefing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "handout.pdf", NULL);
  guint n_files;

  if (!gf_have_cli ())
    return;

  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing", f->path, SAMPLE_BRIEFING, "--output", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_no_message (r.err);
  }
  assert_handout (pdf, SAMPLE_SLIDES + 1, SAMPLE_BRIEFING);

  n_files = count_files (f->dir);
  {
    g_autofree char *other = g_build_filename (f->dir, "other.pdf", NULL);
    g_auto(GfCliRun) r = gf_cli_run ("briefing", f->path, "没有这个汇报", "--output", other, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "没有这个汇报");
    g_assert_cmpuint (count_files (f->dir), ==, n_files);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing", f->path, SAMPLE_BRIEFING, "--output", "h.png",
                                     NULL);
    g_assert_cmpint (r.status, ==, 2);
  }

  /* A script builds a briefing slide by slide, and lists it. */
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--chart", "bar",
                                     "--indicator", "tourism_income", "--years", "2020-2025",
                                     "--title", "旅游收入", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--map", "--fit",
                                     "cluster:粮仓", "--color-by", "tourism_income:2025",
                                     "--position", "1", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--chart", "line",
                                     "--indicator", "no_such_code", NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "no_such_code");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--leaderboard",
                                     "--year", "2024", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--leaderboard",
                                     "--indicator", "tourism_income", NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "only --year, --title, --source and --position");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--leaderboard",
                                     "--map", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-add", f->path, "脚本汇报", "--chart", "line",
                                     "--indicator", "tourism_income", "--year", "2024", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_contains (r.err, "--year is for --leaderboard");
  }
  {
    g_auto(GfCliRun) r = gf_cli_run ("briefing-list", f->path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, SAMPLE_BRIEFING " (10 slides)");
    assert_contains (r.out, "脚本汇报 (3 slides)");
    assert_contains (r.out, "  1. 旅游经济收入 — ");
    assert_contains (r.out, "  2. 旅游收入 — Bar chart · all clusters · 2020–2025");
    assert_contains (r.out, "  3. Cluster Competition — Ranking of the cluster competition · "
                            "2024");
  }
  {
    g_autofree char *script_pdf = g_build_filename (f->dir, "script.pdf", NULL);
    g_auto(GfCliRun) r = gf_cli_run ("briefing", f->path, "脚本汇报", "--output", script_pdf,
                                     NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_handout (script_pdf, 4, "脚本汇报");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) \
  g_test_add ("/core/briefing/" path, Fixture, NULL, setup, func, fixture_tear_down)

  g_test_add_func ("/core/briefing/migration-new", test_migration_new);
  ADD ("migration-upgrade", fixture_set_up, test_migration_upgrade);
  ADD ("migration-slide-subjects", fixture_set_up, test_migration_slide_subjects);
  ADD ("store-roundtrip", fixture_set_up_sample, test_store_roundtrip);
  ADD ("store-subjects", fixture_set_up_sample, test_store_subjects);
  ADD ("chart-spec", fixture_set_up_sample, test_chart_spec);
  ADD ("chart-spec-request", fixture_set_up_sample, test_chart_spec_request);
  ADD ("render-sample", fixture_set_up_sample, test_render_sample);
  ADD ("render-messages", fixture_set_up_sample, test_render_messages);
  ADD ("render-subjects", fixture_set_up_sample, test_render_subjects);
  ADD ("render-leaderboard", fixture_set_up_sample, test_render_leaderboard);
  ADD ("handout", fixture_set_up_sample, test_handout);
  ADD ("cli-render-chart", fixture_set_up_sample_file, test_cli_render_chart);
  ADD ("cli-briefing", fixture_set_up_sample_file, test_cli_briefing);

#undef ADD

  return g_test_run ();
}
