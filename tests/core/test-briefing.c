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

#define SAMPLE_BRIEFING "示例区共富工作汇报"
#define SAMPLE_SLIDES 9

typedef struct
{
  char       *dir;
  char       *path;
  GfDatabase *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

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

/* Migration */

static void
test_migration_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gf_database_latest_schema_version (), ==, 3);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 3);
  g_assert_true (has_table (db, "briefing"));
  g_assert_true (has_table (db, "briefing_slide"));
  g_assert_true (has_table (db, "briefing_slide_cluster"));

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
  raw_exec (db, "DELETE FROM briefing");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM briefing_slide"), ==, 0);
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
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 3);
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

  line = gf_slide_new_chart (GF_CHART_KIND_LINE, "coll_operating_income",
                             (gint64 *) (void *) clusters->data, clusters->len, 2018, 2025,
                             "经营性收入");
  map = gf_slide_new_map (GF_SLIDE_FIT_CLUSTER, g_array_index (clusters, gint64, 1),
                          "tourism_income", 2024, GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_LABELS,
                          NULL);
  ranked = gf_slide_new_chart (GF_CHART_KIND_RANKED_BAR, "ecommerce_sales", NULL, 0, 0, 0, NULL);

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
  g_assert_cmpstr (slide->indicator, ==, "coll_operating_income");
  g_assert_cmpstr (slide->title, ==, "经营性收入");
  g_assert_cmpuint (slide->n_clusters, ==, 2);
  g_assert_cmpint (slide->cluster_ids[0], ==, g_array_index (clusters, gint64, 0));
  g_assert_cmpint (slide->cluster_ids[1], ==, g_array_index (clusters, gint64, 1));
  g_assert_cmpint (slide->first_year, ==, 2018);
  g_assert_cmpint (slide->last_year, ==, 2025);
  slide = g_ptr_array_index (briefing->slides, 1);
  g_assert_cmpint (slide->kind, ==, GF_SLIDE_MAP);
  g_assert_cmpint (slide->fit, ==, GF_SLIDE_FIT_CLUSTER);
  g_assert_cmpint (slide->fit_cluster_id, ==, g_array_index (clusters, gint64, 1));
  g_assert_cmpstr (slide->indicator, ==, "tourism_income");
  g_assert_cmpint (slide->last_year, ==, 2024);
  g_assert_cmpuint (slide->layers, ==, GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_LABELS);
  g_assert_null (slide->title);
  slide = g_ptr_array_index (briefing->slides, 2);
  g_assert_cmpint (slide->chart_kind, ==, GF_CHART_KIND_RANKED_BAR);
  g_assert_null (slide->cluster_ids);
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
    g_autoptr(GfSlide) bad = gf_slide_new_chart (GF_CHART_KIND_LINE, "no_such_code", NULL, 0,
                                                 0, 0, NULL);
    g_autoptr(GfSlide) bad_cluster = gf_slide_new_chart (GF_CHART_KIND_LINE, "tourism_income",
                                                         (gint64[]) { 9999 }, 1, 0, 0, NULL);
    g_autoptr(GfSlide) bad_years = gf_slide_new_chart (GF_CHART_KIND_LINE, "tourism_income",
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

/* Chart specs */

static void
test_chart_spec (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, &error);
  g_autoptr(GfChartSpec) spec = NULL;
  GfChartRequest request = { GF_CHART_KIND_LINE, "coll_operating_income", NULL, 0, 0, 0 };
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
  request = (GfChartRequest) { GF_CHART_KIND_LINE, "no_such_code", NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR);
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_LINE, "tourism_income", NULL, 0, 2008, 2012 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS);
  g_assert_nonnull (strstr (error->message, "2016–2025"));
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_STACKED_BAR, "income_per_capita_net", NULL, 0,
                               0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND);
  g_clear_error (&error);

  request = (GfChartRequest) { GF_CHART_KIND_LINE, "tourism_income", (gint64[]) { 9999 }, 1,
                               0, 0 };
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
  request = (GfChartRequest) { GF_CHART_KIND_LINE, "safety_incidents", NULL, 0, 0, 0 };
  g_assert_null (gf_chart_spec_build (aggregator, &request, NULL, NULL, &error));
  g_assert_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "安全事故"));
  g_clear_error (&error);
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
  years = gf_slide_new_chart (GF_CHART_KIND_LINE, "tourism_income", NULL, 0, 2005, 2010, NULL);
  nodata = gf_slide_new_chart (GF_CHART_KIND_GROUPED_BAR, "safety_incidents", NULL, 0, 0, 0,
                               NULL);
  map_years = gf_slide_new_map (GF_SLIDE_FIT_DISTRICT, 0, "tourism_income", 2030,
                                GF_MAP_LAYER_ALL, NULL);
  g_assert_true (gf_store_add_slide (f->db, id, years, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, nodata, -1, NULL, &error));
  g_assert_true (gf_store_add_slide (f->db, id, map_years, -1, NULL, &error));
  g_assert_true (gf_store_lookup_id (f->db, "cluster", "name", "粮仓", &cluster_id, &error));
  {
    g_autoptr(GfSlide) chosen = gf_slide_new_chart (GF_CHART_KIND_LINE, "tourism_income",
                                                    &cluster_id, 1, 0, 0, NULL);
    g_autoptr(GfSlide) fit = gf_slide_new_map (GF_SLIDE_FIT_CLUSTER, cluster_id, NULL, 0,
                                               GF_MAP_LAYER_ALL, NULL);

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

static gboolean
have_cli (void)
{
  const char *cli = g_getenv ("GF_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("GF_CLI does not name the built gongfu-atlas-cli");
      return FALSE;
    }

  return TRUE;
}

G_GNUC_NULL_TERMINATED static Result
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_autoptr(GString) line = g_string_new ("$ gongfu-atlas-cli");
  Result r = { 0 };
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("GF_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    {
      g_ptr_array_add (argv, (char *) a);
      g_string_append_printf (line, " %s", a);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_test_message ("%s", line->str);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &exit_error))
    r.status = 0;
  else if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
    r.status = exit_error->code;
  else
    g_error ("gongfu-atlas-cli did not exit normally: %s\n%s", exit_error->message, r.err);

  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r.status, r.out, r.err);
  return r;
}

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

  if (!have_cli ())
    return;

  {
    g_auto(Result) r = run_cli ("render-chart", f->path, "--kind", "line", "--indicator",
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
    g_auto(Result) r = run_cli ("render-chart", f->path, "--kind", "ranked", "--indicator",
                                "ecommerce_sales", "--output", png, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 720);
  cairo_surface_destroy (image);

  {
    g_auto(Result) r = run_cli ("render-chart", f->path, "--kind", "stacked", "--indicator",
                                "tourism_income", "--output", svg, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  assert_contains (contents, "<svg");
  assert_contains (contents, "width=\"960pt\"");
  g_clear_pointer (&contents, g_free);

  {
    g_auto(Result) r = run_cli ("render-chart", f->path, "--kind", "growth", "--indicator",
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
        g_auto(Result) r = run_cli ("render-chart", f->path, cases[i].args[0], cases[i].args[1],
                                    cases[i].args[2], cases[i].args[3], "--output", out,
                                    cases[i].args[4] ? cases[i].args[4] : "--dpi",
                                    cases[i].args[4] ? cases[i].args[5] : "96", NULL);

        g_assert_cmpint (r.status, ==, cases[i].status);
        assert_contains (r.err, cases[i].message);
        g_assert_cmpuint (count_files (f->dir), ==, n_files);
      }
  }
  {
    g_auto(Result) r = run_cli ("render-chart", f->path, "--kind", "line", "--indicator",
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

  if (!have_cli ())
    return;

  {
    g_auto(Result) r = run_cli ("briefing", f->path, SAMPLE_BRIEFING, "--output", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_no_message (r.err);
  }
  assert_handout (pdf, SAMPLE_SLIDES + 1, SAMPLE_BRIEFING);

  n_files = count_files (f->dir);
  {
    g_autofree char *other = g_build_filename (f->dir, "other.pdf", NULL);
    g_auto(Result) r = run_cli ("briefing", f->path, "没有这个汇报", "--output", other, NULL);

    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "没有这个汇报");
    g_assert_cmpuint (count_files (f->dir), ==, n_files);
  }
  {
    g_auto(Result) r = run_cli ("briefing", f->path, SAMPLE_BRIEFING, "--output", "h.png", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }

  /* A script builds a briefing slide by slide, and lists it. */
  {
    g_auto(Result) r = run_cli ("briefing-add", f->path, "脚本汇报", "--chart", "bar",
                                "--indicator", "tourism_income", "--years", "2020-2025",
                                "--title", "旅游收入", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run_cli ("briefing-add", f->path, "脚本汇报", "--map", "--fit",
                                "cluster:粮仓", "--color-by", "tourism_income:2025",
                                "--position", "1", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Result) r = run_cli ("briefing-add", f->path, "脚本汇报", "--chart", "line",
                                "--indicator", "no_such_code", NULL);
    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "no_such_code");
  }
  {
    g_auto(Result) r = run_cli ("briefing-list", f->path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, SAMPLE_BRIEFING " (9 slides)");
    assert_contains (r.out, "脚本汇报 (2 slides)");
    assert_contains (r.out, "  1. 旅游经济收入 — ");
    assert_contains (r.out, "  2. 旅游收入 — Bar chart · all clusters · 2020–2025");
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
  ADD ("store-roundtrip", fixture_set_up_sample, test_store_roundtrip);
  ADD ("chart-spec", fixture_set_up_sample, test_chart_spec);
  ADD ("render-sample", fixture_set_up_sample, test_render_sample);
  ADD ("render-messages", fixture_set_up_sample, test_render_messages);
  ADD ("handout", fixture_set_up_sample, test_handout);
  ADD ("cli-render-chart", fixture_set_up_sample_file, test_cli_render_chart);
  ADD ("cli-briefing", fixture_set_up_sample_file, test_cli_briefing);

#undef ADD

  return g_test_run ();
}
