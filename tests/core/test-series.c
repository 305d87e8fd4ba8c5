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

#include "gf-chart-spec.h"
#include "gf-series.h"
#include "gf-import.h"
#include "gf-test-core.h"

/* An in-memory district 示例区 of one town, 青溪镇 (339901101). */
static GfDatabase *
open_district (void)
{
  g_autoptr(GError) error = NULL;
  GfDatabase *db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  gf_test_import_text (db, GF_IMPORT_DISTRICT, "code,name\n339901,示例区\n");
  gf_test_import_text (db, GF_IMPORT_TOWNS, "code,name\n339901101,青溪镇\n");

  return db;
}

static GfDatabase *
fixture (void)
{
  GfDatabase *db = open_district ();

  gf_test_import_text (db, GF_IMPORT_VILLAGES,
                       "code,name,town_code,population\n"
                       "339901101201,上村,339901101,1000\n"
                       "339901101202,中村,339901101,1000\n"
                       "339901101203,下村,339901101,1000\n");
  gf_test_import_text (db, GF_IMPORT_CLUSTERS, "name,color\n甲,#0072B2\n");
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS,
                       "layout,cluster,village_code\n"
                       "现行布局,甲,339901101201\n"
                       "现行布局,甲,339901101202\n");
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS,
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

/* A province's worth of clusters, in small: 14 clusters 簇01…簇14 of one village each, whose
 * coll_business_income is k in 2023 and 10·k in 2024, except 簇03, which has no 2024 value.
 *
 *   ranked by 2024:  簇14 (140), 簇13 … 簇04 (40), 簇02 (20), 簇01 (10), 簇03 (none)
 *   the top ten:     簇14 … 簇05
 *   the other four:  簇04 + 簇02 + 簇01 + 簇03 = 40 + 20 + 10 = 70 in 2024, 4 + 2 + 1 + 3 = 10
 *                    in 2023 */
static GfDatabase *
many_clusters (void)
{
  GfDatabase *db = open_district ();
  g_autoptr(GString) villages = g_string_new ("code,name,town_code\n");
  g_autoptr(GString) clusters = g_string_new ("name\n");
  g_autoptr(GString) members = g_string_new ("layout,cluster,village_code\n");
  g_autoptr(GString) values = g_string_new ("village_code,year,coll_business_income\n");

  for (int k = 1; k <= 14; k++)
    {
      g_string_append_printf (villages, "3399011012%02d,村%02d,339901101\n", k, k);
      g_string_append_printf (clusters, "簇%02d\n", k);
      g_string_append_printf (members, "现行布局,簇%02d,3399011012%02d\n", k, k);
      g_string_append_printf (values, "3399011012%02d,2023,%d\n", k, k);
      if (k != 3)
        g_string_append_printf (values, "3399011012%02d,2024,%d\n", k, 10 * k);
    }
  gf_test_import_text (db, GF_IMPORT_VILLAGES, villages->str);
  gf_test_import_text (db, GF_IMPORT_CLUSTERS, clusters->str);
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS, members->str);
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS, values->str);

  return db;
}

static void
test_series_top (void)
{
  g_autoptr(GfDatabase) db = many_clusters ();
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GfSeriesSet) top = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GError) error = NULL;
  static const guint expected[] = { 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 1, 0, 2 };

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);
  set = gf_series_by_cluster (aggregator,
                              gf_aggregator_get_indicator (aggregator, "coll_business_income"),
                              NULL, 0, 2023, 2024, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set->n_series, ==, 14);
  g_assert_cmpstr (set->names[2], ==, "簇03");

  order = gf_series_rank (set);
  g_assert_cmpuint (order->len, ==, 14);
  for (guint i = 0; i < 14; i++)
    g_assert_cmpuint (g_array_index (order, guint, i), ==, expected[i]);

  top = gf_series_select (set, (const guint *) order->data, 10, "其余 4 个组团");
  g_assert_cmpuint (top->n_series, ==, 11);
  g_assert_cmpstr (top->names[0], ==, "簇14");
  g_assert_cmpstr (top->names[9], ==, "簇05");
  g_assert_cmpint (top->ids[0], ==, set->ids[13]);
  g_assert_cmpfloat (gf_series_value (top, 0, 2024), ==, 140);
  g_assert_cmpfloat (gf_series_value (top, 9, 2023), ==, 5);
  g_assert_cmpstr (top->names[10], ==, "其余 4 个组团");
  g_assert_cmpint (top->ids[10], ==, 0);
  g_assert_cmpfloat (gf_series_value (top, 10, 2024), ==, 70);
  g_assert_cmpfloat (gf_series_value (top, 10, 2023), ==, 10);
  g_assert_null (top->names[11]);
  g_clear_pointer (&top, gf_series_set_free);

  /* Without a rest: the chosen ones alone. */
  top = gf_series_select (set, (const guint *) order->data + 12, 2, NULL);
  g_assert_cmpuint (top->n_series, ==, 2);
  g_assert_cmpstr (top->names[0], ==, "簇01");
  g_assert_cmpstr (top->names[1], ==, "簇03");
  g_assert_true (isnan (gf_series_value (top, 1, 2024)));
}

/* Charts of every cluster show the ten largest of the last year; a share adds the rest. */
static void
test_series_top_charts (void)
{
  g_autoptr(GfDatabase) db = many_clusters ();
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfChartSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  GfChartRequest request = { GF_CHART_KIND_LINE, (const char *[]) { "coll_business_income" }, 1,
                             GF_CHART_SUBJECT_CLUSTERS, NULL, 0, 0, 0 };

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);

  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spec->n_series, ==, 10);
  g_assert_cmpstr (spec->series[0].name, ==, "簇14");
  g_assert_cmpstr (spec->series[9].name, ==, "簇05");
  g_assert_cmpfloat (spec->series[9].values[1], ==, 50);
  g_assert_nonnull (strstr (spec->subtitle, "the top 10 of 14 clusters in 2024"));
  g_clear_pointer (&spec, gf_chart_spec_free);

  request.kind = GF_CHART_KIND_DONUT;
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spec->n_categories, ==, 11);
  g_assert_cmpstr (spec->categories[0], ==, "簇14");
  g_assert_cmpstr (spec->categories[10], ==, "4 other clusters");
  g_assert_cmpfloat (spec->series[0].values[10], ==, 70);
  g_assert_cmpstr (spec->category_colors[10], ==, "#9a9996");
  /* One year: the subtitle names it once. */
  g_assert_true (g_str_has_suffix (spec->subtitle, "2024 · the top 10 of 14 clusters"));
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Ranked bars pick their own ten from all of them. */
  request.kind = GF_CHART_KIND_RANKED_BAR;
  spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spec->n_categories, ==, 14);
  g_assert_null (strstr (spec->subtitle, "top"));
  g_clear_pointer (&spec, gf_chart_spec_free);

  /* Chosen clusters are shown as chosen. */
  {
    gint64 ids[2] = { 0 };
    g_autoptr(GfSeriesSet) all = gf_series_by_cluster (
      aggregator, gf_aggregator_get_indicator (aggregator, "coll_business_income"), NULL, 0,
      2024, 2024, FALSE, &error);

    ids[0] = all->ids[0];
    ids[1] = all->ids[1];
    request = (GfChartRequest) { GF_CHART_KIND_LINE, (const char *[]) { "coll_business_income" },
                                 1, GF_CHART_SUBJECT_CLUSTERS, ids, 2, 0, 0 };
    spec = gf_chart_spec_build (aggregator, &request, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (spec->n_series, ==, 2);
    g_assert_cmpstr (spec->series[0].name, ==, "簇01");
  }
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
  g_test_add_func ("/core/series/top", test_series_top);
  g_test_add_func ("/core/series/top-charts", test_series_top_charts);
  g_test_add_func ("/core/series/errors", test_series_errors);

  return g_test_run ();
}
