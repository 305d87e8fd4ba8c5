/* test-sample.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invented sample district (示例区, 339901) loaded through the importers into a temporary
 * database: its size, its codes, its six clusters, its figures, boundaries that tile the
 * district, a clean check report, and that it loads only into an empty database.
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-catalog.h"
#include "gf-check.h"
#include "gf-database-private.h"
#include "gf-sample.h"
#include "gf-store.h"
#include "gf-summary.h"

/* Loaded once for all tests: the tests only read. */
static char       *tmp_dir;
static char       *db_path;
static GfDatabase *db;

static gint64
query_int (const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = _gf_database_get_handle (db);

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
count (const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gf_store_count (db, table, &error);

  g_assert_no_error (error);
  return n;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  /* Progress only moves forward, within [0, 1]. */
  g_assert_cmpfloat (fraction, >=, *last - 1e-12);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  double last = 0;

  tmp_dir = g_dir_make_tmp ("gf-test-sample-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "sample.gfdb", NULL);

  db = gf_database_open (db_path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_true (gf_sample_load (db, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gf_database_in_transaction (db));
  g_assert_cmpfloat (last, >, 0.9);
}

static void
test_counts (void)
{
  g_assert_cmpint (count ("district"), ==, 1);
  g_assert_cmpint (count ("town"), >=, 15);
  g_assert_cmpint (count ("village"), >=, 300);
  g_assert_cmpint (count ("cluster"), ==, 6);
  g_assert_cmpint (count ("site"), >=, 40);
  g_assert_cmpint (count ("route"), >=, 3);
  g_assert_cmpint (count ("alliance"), >, 0);
  g_assert_cmpint (count ("organization"), >, 0);
  g_assert_cmpint (count ("task"), >, 0);
  g_assert_cmpint (count ("activity"), >, 0);
  g_assert_cmpint (count ("finance"), >, 0);
  g_assert_cmpint (count ("talent"), >, 0);
  g_assert_cmpint (count ("score_rule"), >, 0);
}

static void
test_codes (void)
{
  /* The district is 339901; every town code is 9 digits starting with it, and every village
   * code 12 digits starting with its own town's code. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM district WHERE code = '339901'"), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM town WHERE length(code) <> 9"
                              " OR code GLOB '*[^0-9]*' OR substr(code, 1, 6) <> '339901'"),
                   ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM village v JOIN town t ON t.id = v.town_id"
                              " WHERE length(v.code) <> 12 OR v.code GLOB '*[^0-9]*'"
                              " OR substr(v.code, 1, 9) <> t.code"), ==, 0);
  /* Every village has a town (the join above dropped none). */
  g_assert_cmpint (query_int ("SELECT count(*) FROM village v JOIN town t ON t.id = v.town_id"),
                   ==, count ("village"));
  /* Town kinds follow the code block: 001–099 subdistrict, 100–199 town, 200–399 township. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM town WHERE kind <> CASE"
                              " WHEN CAST(substr(code, 7) AS INTEGER) < 100 THEN 'subdistrict'"
                              " WHEN CAST(substr(code, 7) AS INTEGER) < 200 THEN 'town'"
                              " ELSE 'township' END"), ==, 0);
}

static void
test_clusters (void)
{
  const char * const names[] = { "源头共富", "粮仓", "天路·共富菜园", "耕织原乡", "云上",
                                 "虹心·秘境" };
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;
  gint64 layout = 0;

  clusters = gf_store_list_clusters (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, G_N_ELEMENTS (names));

  g_assert_true (gf_store_current_layout (db, &layout, &error));
  g_assert_cmpint (layout, >, 0);
  members = gf_store_cluster_membership (db, layout, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const GfClusterRecord *cluster = NULL;
      GHashTableIter iter;
      gpointer key, value;
      guint n = 0;

      for (guint c = 0; c < clusters->len; c++)
        {
          const GfClusterRecord *record = g_ptr_array_index (clusters, c);

          if (g_str_equal (record->name, names[i]))
            cluster = record;
        }
      if (cluster == NULL)
        g_error ("the sample has no cluster %s", names[i]);

      /* Colours are data too. */
      g_assert_nonnull (cluster->color);
      g_assert_cmpuint (strlen (cluster->color), ==, 7);

      g_hash_table_iter_init (&iter, members);
      while (g_hash_table_iter_next (&iter, &key, &value))
        n += *(gint64 *) value == cluster->id;

      g_test_message ("%s: %u villages", names[i], n);
      g_assert_cmpuint (n, >=, 4);
    }
}

static void
test_years (void)
{
  g_autoptr(GError) error = NULL;
  int first = 0, last = 0;

  g_assert_true (gf_store_year_range (db, &first, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2016);
  g_assert_cmpint (last, ==, 2025);

  /* Every year between has data too. */
  g_assert_cmpint (query_int ("SELECT count(DISTINCT year) FROM observation"), ==, 10);
}

static void
test_indicators_2025 (void)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;

  indicators = gf_store_list_indicators (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < indicators->len; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (indicators, i);
      g_autoptr(GfVillageValues) values = NULL;

      if (ind->aggregation == GF_AGGREGATION_DERIVED)
        continue;

      values = gf_store_village_values (db, ind->id, 2025, &error);
      g_assert_no_error (error);
      if (values->n == 0)
        g_error ("the sample has no 2025 data for %s", ind->code);
    }

  /* Derived indicators are never stored. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM observation o"
                              " JOIN indicator i ON i.id = o.indicator_id"
                              " WHERE i.aggregation = 'derived'"), ==, 0);
}

static void
test_income_levels (void)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfVillageValues) disposable = NULL;
  g_autoptr(GfVillageValues) operating = NULL;
  g_autoptr(GError) error = NULL;
  guint n_below_benchmark = 0;
  gint64 n_villages = count ("village");
  const GfIndicator *ind;

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);

  /* Rural disposable income per head: every village, 30,000–50,000 元 in 2025. */
  ind = gf_aggregator_get_indicator (aggregator, "income_per_capita_disposable");
  disposable = gf_aggregator_village_values (aggregator, ind, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (disposable->n, ==, n_villages);
  for (guint i = 0; i < disposable->n; i++)
    {
      g_assert_cmpfloat (disposable->values[i], >=, 30000);
      g_assert_cmpfloat (disposable->values[i], <=, 50000);
    }

  /* Collective operating income (derived from its parts): 20–500 万元, some villages below
   * the 50 万元 benchmark. */
  ind = gf_aggregator_get_indicator (aggregator, "coll_operating_income");
  g_assert_cmpfloat (ind->benchmark, ==, 50);
  operating = gf_aggregator_village_values (aggregator, ind, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (operating->n, ==, n_villages);
  for (guint i = 0; i < operating->n; i++)
    {
      g_assert_cmpfloat (operating->values[i], >=, 20);
      g_assert_cmpfloat (operating->values[i], <=, 500);
      n_below_benchmark += operating->values[i] < ind->benchmark;
      /* Village ids ascend, as GfVillageValues promises, derived values too. */
      if (i > 0)
        g_assert_cmpint (operating->village_ids[i - 1], <, operating->village_ids[i]);
    }
  g_test_message ("%u of %u villages below 50 万元", n_below_benchmark, operating->n);
  g_assert_cmpuint (n_below_benchmark, >, 0);
  g_assert_cmpuint (n_below_benchmark, <, operating->n);
}

static void
test_summary (void)
{
  g_autoptr(GfSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = gf_summary_compute (db, 0, &error);
  g_assert_no_error (error);
  g_assert_true (summary->is_sample);
  g_assert_cmpstr (summary->district_code, ==, "339901");
  g_assert_cmpint (summary->year, ==, 2025);
  g_assert_cmpuint (summary->clusters->len, ==, 6);
  g_assert_false (isnan (summary->district_area_km2));
  g_assert_cmpfloat (summary->district_area_km2, >, 0);
}

static double
sum_of_areas (const char *table,
              guint      *n_features)
{
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GError) error = NULL;
  double area = 0;

  features = gf_store_list_features (db, table, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < features->len; i++)
    {
      const GfFeatureRecord *f = g_ptr_array_index (features, i);
      double a = gf_geometry_area_m2 (f->geometry);

      g_assert_cmpfloat (a, >, 0);
      area += a;
    }

  *n_features = features->len;
  return area;
}

static void
test_boundaries_tile (void)
{
  guint n_district, n_towns, n_villages;
  double district = sum_of_areas ("district", &n_district);
  double towns = sum_of_areas ("town", &n_towns);
  double villages = sum_of_areas ("village", &n_villages);

  /* Every district, town and village has a boundary. */
  g_assert_cmpuint (n_district, ==, 1);
  g_assert_cmpint (n_towns, ==, count ("town"));
  g_assert_cmpint (n_villages, ==, count ("village"));

  g_test_message ("district %.6f km², towns %.6f km², villages %.6f km²",
                  district / 1e6, towns / 1e6, villages / 1e6);

  /* Shapes that tile the district without gaps or overlaps add up to it: the area of each
   * shared edge cancels exactly in the shoelace sums, so only rounding remains. */
  if (fabs (towns - district) > 1e-6 * district)
    g_error ("the towns cover %.6f km², the district %.6f km²", towns / 1e6, district / 1e6);
  if (fabs (villages - district) > 1e-6 * district)
    g_error ("the villages cover %.6f km², the district %.6f km²",
             villages / 1e6, district / 1e6);
}

static void
test_village_points (void)
{
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = _gf_database_get_handle (db);
  guint n = 0;

  /* Every village's point lies inside its own boundary. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id, code, lon, lat FROM village",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GfGeometry) boundary = NULL;
      double lon = sqlite3_column_double (stmt, 2);
      double lat = sqlite3_column_double (stmt, 3);

      boundary = gf_store_get_geometry (db, "village", "boundary",
                                        sqlite3_column_int64 (stmt, 0), &error);
      g_assert_no_error (error);
      g_assert_nonnull (boundary);
      if (!gf_geometry_contains (boundary, lon, lat))
        g_error ("village %s: its point (%f, %f) is outside its boundary",
                 sqlite3_column_text (stmt, 1), lon, lat);
      n++;
    }
  g_assert_cmpint (n, ==, count ("village"));
}

static void
test_check (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  guint n_bad = 0;

  findings = gf_check_database (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);

  for (guint i = 0; i < findings->len; i++)
    {
      const GfCheckFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("%s: %s", gf_check_severity_label (finding->severity), finding->message);
      if (finding->severity >= GF_CHECK_WARNING)
        n_bad++;
    }
  g_assert_cmpuint (n_bad, ==, 0);
}

static void
test_load_twice (void)
{
  g_autoptr(GError) error = NULL;
  const char * const tables[] = { "district", "town", "village", "cluster", "cluster_member",
                                  "layout", "alliance", "organization", "site", "route",
                                  "observation", "task", "activity", "finance", "talent",
                                  "score_rule", "source", "audit_log" };
  gint64 before[G_N_ELEMENTS (tables)];

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    before[i] = count (tables[i]);

  /* Only into an empty database: the second load fails and writes nothing. */
  g_assert_false (gf_sample_load (db, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (gf_database_in_transaction (db));

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_test_message ("%s", tables[i]);
      g_assert_cmpint (count (tables[i]), ==, before[i]);
    }
}

static void
test_read_only (void)
{
  g_autoptr(GfDatabase) empty = NULL;
  g_autoptr(GfDatabase) read_only = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "empty.gfdb", NULL);

  /* A read-only database cannot take the sample either. */
  empty = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&empty);
  read_only = gf_database_open (path, GF_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (gf_sample_load (read_only, NULL, NULL, NULL, &error));
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  load_sample ();

  g_test_add_func ("/core/sample/counts", test_counts);
  g_test_add_func ("/core/sample/codes", test_codes);
  g_test_add_func ("/core/sample/clusters", test_clusters);
  g_test_add_func ("/core/sample/years", test_years);
  g_test_add_func ("/core/sample/indicators-2025", test_indicators_2025);
  g_test_add_func ("/core/sample/income-levels", test_income_levels);
  g_test_add_func ("/core/sample/summary", test_summary);
  g_test_add_func ("/core/sample/boundaries-tile", test_boundaries_tile);
  g_test_add_func ("/core/sample/village-points", test_village_points);
  g_test_add_func ("/core/sample/check", test_check);
  g_test_add_func ("/core/sample/load-twice", test_load_twice);
  g_test_add_func ("/core/sample/read-only", test_read_only);

  status = g_test_run ();

  g_clear_object (&db);
  remove_tree (tmp_dir);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
