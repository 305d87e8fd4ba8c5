/* test-series.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart series on a hand-made district: two villages of cluster 甲 and one outside it.
 *
 *   coll_business_income (万元)   2021   2022   2023   2024
 *   339901101201 (甲)              10     15      —     20
 *   339901101202 (甲)              20     30      —     40
 *   339901101203 (none)             5      5      —      0
 *
 *   甲: 30, 45, NaN, 60        growth: NaN, +50 %, NaN (after a gap), NaN (before is NaN)
 *   district: 35, 50, NaN, 60  growth: NaN, (50 − 35) / 35 = +42.857… %, NaN, NaN
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gf-series.h"
#include "gf-import.h"

static void
import_text (GfDatabase   *db,
             GfImportKind  kind,
             const char   *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;

  gf_import_bytes (db, kind, bytes, "fixture.csv", GF_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL,
                   &error);
  g_assert_no_error (error);
}

static GfDatabase *
fixture (void)
{
  g_autoptr(GError) error = NULL;
  GfDatabase *db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  import_text (db, GF_IMPORT_DISTRICT, "code,name\n339901,示例区\n");
  import_text (db, GF_IMPORT_TOWNS, "code,name\n339901101,青溪镇\n");
  import_text (db, GF_IMPORT_VILLAGES,
               "code,name,town_code,population\n"
               "339901101201,上村,339901101,1000\n"
               "339901101202,中村,339901101,1000\n"
               "339901101203,下村,339901101,1000\n");
  import_text (db, GF_IMPORT_CLUSTERS, "name,color\n甲,#0072B2\n");
  import_text (db, GF_IMPORT_CLUSTER_MEMBERS,
               "layout,cluster,village_code\n"
               "现行布局,甲,339901101201\n"
               "现行布局,甲,339901101202\n");
  import_text (db, GF_IMPORT_OBSERVATIONS,
               "village_code,year,coll_business_income\n"
               "339901101201,2021,10\n339901101202,2021,20\n339901101203,2021,5\n"
               "339901101201,2022,15\n339901101202,2022,30\n339901101203,2022,5\n"
               "339901101201,2024,20\n339901101202,2024,40\n339901101203,2024,0\n");
  return db;
}

static void
test_series_by_cluster (void)
{
  g_autoptr(GfDatabase) db = fixture ();
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GfSeriesSet) growth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GfChartSeries *chart = NULL;
  const GfIndicator *ind;

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);
  ind = gf_aggregator_get_indicator (aggregator, "coll_business_income");

  set = gf_series_by_cluster (aggregator, ind, NULL, 0, 2021, 2024, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set->n_series, ==, 2);
  g_assert_cmpuint (set->n_years, ==, 4);
  g_assert_cmpstr (set->categories[0], ==, "2021");
  g_assert_cmpstr (set->categories[3], ==, "2024");
  g_assert_cmpstr (set->names[0], ==, "甲");
  g_assert_cmpstr (set->colors[0], ==, "#0072B2");
  g_assert_cmpstr (set->unit, ==, "万元");
  g_assert_cmpint (set->ids[1], ==, 0);

  g_assert_cmpfloat (gf_series_value (set, 0, 2021), ==, 30);
  g_assert_cmpfloat (gf_series_value (set, 0, 2022), ==, 45);
  g_assert_true (isnan (gf_series_value (set, 0, 2023)));
  g_assert_cmpfloat (gf_series_value (set, 0, 2024), ==, 60);
  g_assert_cmpfloat (gf_series_value (set, 1, 2021), ==, 35);
  g_assert_cmpfloat (gf_series_value (set, 1, 2024), ==, 60);
  g_assert_true (isnan (gf_series_value (set, 0, 2030)));
  g_assert_true (gf_series_has_data (set));

  growth = gf_series_growth (set);
  g_assert_cmpstr (growth->unit, ==, "%");
  g_assert_true (isnan (growth->values[0][0]));
  g_assert_cmpfloat_with_epsilon (growth->values[0][1], 50.0, 1e-12);
  g_assert_true (isnan (growth->values[0][2]));
  g_assert_true (isnan (growth->values[0][3]));
  g_assert_cmpfloat_with_epsilon (growth->values[1][1], 15.0 / 35.0 * 100.0, 1e-12);

  chart = gf_series_to_chart (set);
  g_assert_cmpstr (chart[0].name, ==, "甲");
  g_assert_true (chart[1].values == set->values[1]);
  g_assert_cmpuint (chart[1].n_values, ==, 4);
}

static void
test_series_by_village (void)
{
  g_autoptr(GfDatabase) db = fixture ();
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GfSeriesSet) empty = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 villages[] = { 3, 1 };
  const GfIndicator *ind;

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);
  ind = gf_aggregator_get_indicator (aggregator, "coll_business_income");

  set = gf_series_by_village (aggregator, db, ind, villages, 2, 2021, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (set->names[0], ==, "下村");
  g_assert_cmpstr (set->names[1], ==, "上村");
  g_assert_cmpfloat (gf_series_value (set, 0, 2024), ==, 0);
  g_assert_cmpfloat (gf_series_value (set, 1, 2022), ==, 15);

  /* An indicator nobody reported: the set exists, but says it has no data. */
  empty = gf_series_by_cluster (aggregator, gf_aggregator_get_indicator (aggregator,
                                                                          "tourism_income"),
                                NULL, 0, 2021, 2024, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (gf_series_has_data (empty));
}

static void
test_series_errors (void)
{
  g_autoptr(GfDatabase) db = fixture ();
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 missing[] = { 99 };
  const GfIndicator *ind;

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);
  ind = gf_aggregator_get_indicator (aggregator, "coll_business_income");

  g_assert_null (gf_series_by_cluster (aggregator, ind, NULL, 0, 2024, 2021, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (gf_series_by_cluster (aggregator, ind, missing, 1, 2021, 2024, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (gf_series_by_village (aggregator, db, ind, missing, 1, 2021, 2024, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/series/by-cluster", test_series_by_cluster);
  g_test_add_func ("/core/series/by-village", test_series_by_village);
  g_test_add_func ("/core/series/errors", test_series_errors);

  return g_test_run ();
}
