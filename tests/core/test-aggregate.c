/* test-aggregate.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cluster and district aggregates of a tiny district imported from inline CSV, with every
 * expected value worked out by hand. The district 339901 has one town, 339901101, and four
 * villages:
 *
 *   village        population   layout 现行布局 (current)   layout 调整方案
 *   339901101201        1000     X                            X
 *   339901101202        3000     X                            X
 *   339901101203        2000     Y                            X
 *   339901101204         500     (none)                       (none)
 *
 * Observations for 2024 (万元, 元, 亩, 元/亩; an empty cell is a missing figure):
 *
 *   village  business contract investment subsidy other | disposable land rent_v rent_c tourism
 *   201          30       12        8         20     5  |   30000     100   800    100     10
 *   202          40       20        5         10     0  |   40000     300  1000    200     20
 *   203          25       --        5         15     2  |   35000     200   900     --     --
 *   204          10        6        4         30    10  |   28000     200   700    150      5
 *
 * so operating income (business + contract + investment) is 50, 65, missing, 20, and total
 * income (all five parts) is 75, 75, missing, 60. In 2022 only village 201 reported: disposable
 * income 25000 and a rent to villagers of 500 without any land transferred. 2023 has no data.
 */

#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-catalog.h"
#include "gf-import.h"
#include "gf-summary.h"
#include "gf-test-core.h"

static const char district_csv[] = "code,name\n339901,示例区\n";
static const char towns_csv[] = "code,name\n339901101,雪岭镇\n";
static const char villages_csv[] =
  "code,name,town_code,population\n"
  "339901101201,甲村,339901101,1000\n"
  "339901101202,乙村,339901101,3000\n"
  "339901101203,丙村,339901101,2000\n"
  "339901101204,丁村,339901101,500\n";
static const char clusters_csv[] = "name,brand\nX,甲品牌\nY,\n";
static const char members_csv[] =
  "layout,cluster,village_code\n"
  "现行布局,X,339901101201\n"
  "现行布局,X,339901101202\n"
  "现行布局,Y,339901101203\n"
  "调整方案,X,339901101201\n"
  "调整方案,X,339901101202\n"
  "调整方案,X,339901101203\n";
static const char observations_csv[] =
  "village_code,year,coll_business_income,coll_contract_income,coll_investment_income,"
  "coll_subsidy_income,coll_other_income,income_per_capita_disposable,land_transferred,"
  "rent_to_villagers,rent_to_collective,tourism_income\n"
  "339901101201,2024,30,12,8,20,5,30000,100,800,100,10\n"
  "339901101202,2024,40,20,5,10,0,40000,300,1000,200,20\n"
  "339901101203,2024,25,,5,15,2,35000,200,900,,\n"
  "339901101204,2024,10,6,4,30,10,28000,200,700,150,5\n"
  "339901101201,2022,,,,,,25000,,500,,\n";

typedef struct
{
  GfDatabase   *db;
  GfAggregator *aggregator;
  gint64        x;          /* cluster ids */
  gint64        y;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  gf_test_import_text (fixture->db, GF_IMPORT_DISTRICT, district_csv);
  gf_test_import_text (fixture->db, GF_IMPORT_TOWNS, towns_csv);
  gf_test_import_text (fixture->db, GF_IMPORT_VILLAGES, villages_csv);
  gf_test_import_text (fixture->db, GF_IMPORT_CLUSTERS, clusters_csv);
  gf_test_import_text (fixture->db, GF_IMPORT_CLUSTER_MEMBERS, members_csv);
  gf_test_import_text (fixture->db, GF_IMPORT_OBSERVATIONS, observations_csv);

  g_assert_true (gf_store_lookup_id (fixture->db, "cluster", "name", "X", &fixture->x, &error));
  g_assert_true (gf_store_lookup_id (fixture->db, "cluster", "name", "Y", &fixture->y, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture->x, >, 0);
  g_assert_cmpint (fixture->y, >, fixture->x);

  fixture->aggregator = gf_aggregator_new (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->aggregator);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->aggregator, gf_aggregator_free);
  g_clear_object (&fixture->db);
}

static const GfIndicator *
indicator (GfAggregator *aggregator,
           const char   *code)
{
  const GfIndicator *ind = gf_aggregator_get_indicator (aggregator, code);

  g_assert_nonnull (ind);
  g_assert_cmpstr (ind->code, ==, code);
  return ind;
}

static void
assert_value (double value,
              double expected)
{
  if (isnan (expected))
    {
      if (!isnan (value))
        g_error ("expected no value (NaN), got %.12g", value);
    }
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
assert_group (const GfGroupValue *group,
              gint64              group_id,
              double              value,
              guint               n_villages,
              guint               n_reporting)
{
  g_assert_cmpint (group->group_id, ==, group_id);
  assert_value (group->value, value);
  g_assert_cmpuint (group->n_villages, ==, n_villages);
  g_assert_cmpuint (group->n_reporting, ==, n_reporting);
}

/* Checks X, Y and the district for one indicator and year of the current layout. */
static void
check (Fixture    *fixture,
       const char *code,
       int         year,
       double      x,
       guint       x_reporting,
       double      y,
       guint       y_reporting,
       double      district,
       guint       district_reporting)
{
  const GfIndicator *ind = indicator (fixture->aggregator, code);
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  GfGroupValue total;

  g_test_message ("%s %d", code, year);

  groups = gf_aggregator_by_cluster (fixture->aggregator, ind, year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  assert_group (&g_array_index (groups, GfGroupValue, 0), fixture->x, x, 2, x_reporting);
  assert_group (&g_array_index (groups, GfGroupValue, 1), fixture->y, y, 1, y_reporting);

  g_assert_true (gf_aggregator_district (fixture->aggregator, ind, year, &total, &error));
  g_assert_no_error (error);
  assert_group (&total, 0, district, 4, district_reporting);
}

static void
test_sum (Fixture       *fixture,
          gconstpointer  data)
{
  /* Business income: X = 30 + 40 = 70, Y = 25, district = 30 + 40 + 25 + 10 = 105. */
  check (fixture, "coll_business_income", 2024, 70, 2, 25, 1, 105, 4);
  /* Contract income: 203 left it empty. X = 12 + 20 = 32, Y none, district 12 + 20 + 6 = 38. */
  check (fixture, "coll_contract_income", 2024, 32, 2, NAN, 0, 38, 3);
  /* Other income: 202's 0 is a real zero and counts as reporting: X = 5 + 0 = 5,
   * Y = 2, district = 5 + 0 + 2 + 10 = 17. */
  check (fixture, "coll_other_income", 2024, 5, 2, 2, 1, 17, 4);
  /* Land transferred: X = 100 + 300 = 400, Y = 200, district = 400 + 200 + 200 = 800. */
  check (fixture, "land_transferred", 2024, 400, 2, 200, 1, 800, 4);
}

static void
test_sum_partial (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Tourism income: 203 did not report. X = 10 + 20 = 30 (2 of 2), Y has no value at all
   * (NaN, never 0), district = 10 + 20 + 5 = 35 from 3 of its 4 villages. */
  check (fixture, "tourism_income", 2024, 30, 2, NAN, 0, 35, 3);
}

static void
test_derived (Fixture       *fixture,
              gconstpointer  data)
{
  /* Operating income = business + contract + investment: 201: 30 + 12 + 8 = 50,
   * 202: 40 + 20 + 5 = 65, 203 lacks its contract income so has no operating income (not an
   * understated 30), 204: 10 + 6 + 4 = 20.
   *   X = 50 + 65 = 115; Y = missing; district = 50 + 65 + 20 = 135 from 3 villages. */
  check (fixture, "coll_operating_income", 2024, 115, 2, NAN, 0, 135, 3);

  /* Total income = all five parts: 201: 50 + 20 + 5 = 75, 202: 65 + 10 + 0 = 75, 203 missing,
   * 204: 20 + 30 + 10 = 60. X = 150, district = 210. */
  check (fixture, "coll_total_income", 2024, 150, 2, NAN, 0, 210, 3);
}

static void
test_derived_village_values (Fixture       *fixture,
                             gconstpointer  data)
{
  const GfIndicator *ind = indicator (fixture->aggregator, "coll_operating_income");
  g_autoptr(GfVillageValues) values = NULL;
  g_autoptr(GError) error = NULL;
  gint64 v201, v202, v204;

  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901101201", &v201,
                                     &error));
  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901101202", &v202,
                                     &error));
  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901101204", &v204,
                                     &error));

  values = gf_aggregator_village_values (fixture->aggregator, ind, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->n, ==, 3);

  /* Ascending village ids, as GfVillageValues promises. */
  g_assert_cmpint (values->village_ids[0], ==, v201);
  g_assert_cmpint (values->village_ids[1], ==, v202);
  g_assert_cmpint (values->village_ids[2], ==, v204);
  assert_value (values->values[0], 50);
  assert_value (values->values[1], 65);
  assert_value (values->values[2], 20);
}

static void
test_weighted_by_population (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Disposable income per head, weighted by population:
   *   X = (30000·1000 + 40000·3000) / (1000 + 3000) = 150,000,000 / 4000 = 37,500
   *   Y = 35,000 (one village)
   *   district = (30000·1000 + 40000·3000 + 35000·2000 + 28000·500) / 6500
   *            = (30 + 120 + 70 + 14) · 10⁶ / 6500 = 234,000,000 / 6500 = 36,000
   * (the plain mean of the four villages would be 33,250). */
  check (fixture, "income_per_capita_disposable", 2024, 37500, 2, 35000, 1, 36000, 4);
  /* In 2022 only village 201 reported. */
  check (fixture, "income_per_capita_disposable", 2022, 25000, 1, NAN, 0, 25000, 1);
}

static void
test_weighted_by_land (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Rent to villagers per 亩, weighted by the land each village transferred:
   *   X = (800·100 + 1000·300) / (100 + 300) = 380,000 / 400 = 950
   *   Y = 900
   *   district = (80,000 + 300,000 + 900·200 + 700·200) / 800 = 700,000 / 800 = 875 */
  check (fixture, "rent_to_villagers", 2024, 950, 2, 900, 1, 875, 4);

  /* Rent to the collective, 203 missing:
   *   X = (100·100 + 200·300) / 400 = 70,000 / 400 = 175; Y none;
   *   district = (10,000 + 60,000 + 150·200) / (100 + 300 + 200) = 100,000 / 600 = 166.67 */
  check (fixture, "rent_to_collective", 2024, 175, 2, NAN, 0, 100000.0 / 600.0, 3);

  /* 2022: village 201 gave a rent of 500 but no land, so nothing weighs it: no value. */
  check (fixture, "rent_to_villagers", 2022, NAN, 0, NAN, 0, NAN, 0);
}

static void
test_year_without_data (Fixture       *fixture,
                        gconstpointer  data)
{
  /* 2023 has no observation at all: every aggregate is missing, never 0. */
  const char * const codes[] = { "coll_business_income", "coll_operating_income",
                                 "coll_total_income", "income_per_capita_disposable",
                                 "rent_to_villagers", "tourism_income", "land_transferred" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    check (fixture, codes[i], 2023, NAN, 0, NAN, 0, NAN, 0);

  /* And an indicator nobody ever reported. */
  check (fixture, "income_per_capita_net", 2024, NAN, 0, NAN, 0, NAN, 0);
}

static void
test_other_layout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current, alternative;
  GfGroupValue total;
  const struct
  {
    const char *code;
    double      x;
    guint       n_reporting;
  } expected[] = {
    /* X = {201, 202, 203}; Y has no members in this layout and is not listed.
     *   business:   30 + 40 + 25 = 95
     *   operating:  50 + 65 = 115 (203 still lacks a part), 2 of 3 reporting
     *   disposable: (30000·1000 + 40000·3000 + 35000·2000) / 6000 = 220,000,000 / 6000
     *             = 36,666.67
     *   rent_v:     (800·100 + 1000·300 + 900·200) / 600 = 560,000 / 600 = 933.33
     *   tourism:    10 + 20 = 30, 2 of 3 reporting */
    { "coll_business_income", 95, 3 },
    { "coll_operating_income", 115, 2 },
    { "income_per_capita_disposable", 220000000.0 / 6000.0, 3 },
    { "rent_to_villagers", 560000.0 / 600.0, 3 },
    { "tourism_income", 30, 2 },
  };

  g_assert_true (gf_store_current_layout (fixture->db, &current, &error));
  g_assert_true (gf_store_lookup_id (fixture->db, "layout", "name", "调整方案", &alternative,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (alternative, >, 0);
  /* The first layout imported became the current one. */
  g_assert_cmpint (current, !=, alternative);

  aggregator = gf_aggregator_new (fixture->db, alternative, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GfIndicator *ind = indicator (aggregator, expected[i].code);

      g_test_message ("%s", expected[i].code);
      g_clear_pointer (&groups, g_array_unref);
      groups = gf_aggregator_by_cluster (aggregator, ind, 2024, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (groups->len, ==, 1);
      assert_group (&g_array_index (groups, GfGroupValue, 0), fixture->x, expected[i].x, 3,
                    expected[i].n_reporting);
    }

  /* The district does not depend on the layout. */
  g_assert_true (gf_aggregator_district (aggregator,
                                         indicator (aggregator, "income_per_capita_disposable"),
                                         2024, &total, &error));
  g_assert_no_error (error);
  assert_group (&total, 0, 36000, 4, 4);

  /* The current layout, named explicitly, is the same as 0. */
  {
    g_autoptr(GfAggregator) same = gf_aggregator_new (fixture->db, current, &error);
    g_autoptr(GArray) same_groups = NULL;

    g_assert_no_error (error);
    same_groups = gf_aggregator_by_cluster (same, indicator (same, "coll_business_income"),
                                            2024, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (same_groups->len, ==, 2);
    assert_group (&g_array_index (same_groups, GfGroupValue, 0), fixture->x, 70, 2, 2);
    assert_group (&g_array_index (same_groups, GfGroupValue, 1), fixture->y, 25, 1, 1);
  }
}

static void
test_village_without_population (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GError) error = NULL;
  GfGroupValue total;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  gf_test_import_text (db, GF_IMPORT_DISTRICT, district_csv);
  gf_test_import_text (db, GF_IMPORT_TOWNS, towns_csv);
  /* 203 has no known population. */
  gf_test_import_text (db, GF_IMPORT_VILLAGES, "code,name,town_code,population\n"
                       "339901101201,甲村,339901101,1000\n"
                       "339901101202,乙村,339901101,3000\n"
                       "339901101203,丙村,339901101,\n");
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS, "village_code,year,tourism_income,"
                       "income_per_capita_disposable\n"
                       "339901101201,2024,10,30000\n"
                       "339901101202,2024,20,40000\n"
                       "339901101203,2024,5,35000\n");

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);

  /* Sums count every village: 10 + 20 + 5 = 35, 3 of 3 reporting. */
  g_assert_true (gf_aggregator_district (aggregator, indicator (aggregator, "tourism_income"),
                                         2024, &total, &error));
  assert_group (&total, 0, 35, 3, 3);

  /* A population-weighted mean leaves out the village that nothing weighs:
   * (30000·1000 + 40000·3000) / 4000 = 37,500 from 2 of the 3 villages. */
  g_assert_true (gf_aggregator_district (aggregator,
                                         indicator (aggregator, "income_per_capita_disposable"),
                                         2024, &total, &error));
  g_assert_no_error (error);
  assert_group (&total, 0, 37500, 3, 2);

  /* Without any layout, there are no clusters to list. */
  {
    g_autoptr(GArray) groups = gf_aggregator_by_cluster (aggregator,
                                                         indicator (aggregator, "tourism_income"),
                                                         2024, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (groups->len, ==, 0);
  }
}

/* With caching, each indicator and year is read once: the derived operating income of 2024
 * comes from the cached parts, another year is kept apart, a change of the database is not
 * seen until caching is turned off (which empties the cache). */
static void
test_caching (Fixture       *fixture,
              gconstpointer  data)
{
  GfAggregator *aggregator = fixture->aggregator;
  const GfIndicator *business = indicator (aggregator, "coll_business_income");
  const GfIndicator *operating = indicator (aggregator, "coll_operating_income");
  const GfIndicator *income = indicator (aggregator, "income_per_capita_disposable");
  g_autoptr(GError) error = NULL;
  GfGroupValue total;
  gint64 v204;

  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901101204", &v204,
                                     &error));
  g_assert_no_error (error);

  gf_aggregator_set_caching (aggregator, TRUE);

  /* Operating income 2024: 50 + 65 + 20 = 135 (as in test_derived), twice. */
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (gf_aggregator_district (aggregator, operating, 2024, &total, &error));
      g_assert_no_error (error);
      assert_value (total.value, 135);
      g_assert_cmpuint (total.n_reporting, ==, 3);
    }

  /* Income 2022 (only 201: 25,000) and 2024 (36,000 weighted by population) side by side. */
  g_assert_true (gf_aggregator_district (aggregator, income, 2022, &total, &error));
  assert_value (total.value, 25000);
  g_assert_true (gf_aggregator_district (aggregator, income, 2024, &total, &error));
  assert_value (total.value, 36000);
  g_assert_no_error (error);

  /* 204's business income goes from 10 to 110: operating income 135 + 100 = 235, business
   * income 30 + 40 + 25 + 110 = 205, once the cache is gone. */
  g_assert_true (gf_store_put_observation (fixture->db, business->id, 2024, v204, 110, 0,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (gf_aggregator_district (aggregator, operating, 2024, &total, &error));
  assert_value (total.value, 135);

  gf_aggregator_set_caching (aggregator, FALSE);
  g_assert_true (gf_aggregator_district (aggregator, operating, 2024, &total, &error));
  assert_value (total.value, 235);
  g_assert_true (gf_aggregator_district (aggregator, business, 2024, &total, &error));
  assert_value (total.value, 205);
  g_assert_no_error (error);
}

static double
summary_value (const GfSummary *summary,
               const double    *values,
               const char      *code)
{
  for (guint i = 0; i < summary->indicators->len; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (summary->indicators, i);

      if (g_str_equal (ind->code, code))
        return values[i];
    }

  g_error ("no indicator %s in the summary", code);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GfSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const GfClusterSummary *x, *y;
  guint n_entries;

  summary = gf_summary_compute (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  g_assert_cmpstr (summary->district_code, ==, "339901");
  g_assert_cmpstr (summary->district_name, ==, "示例区");
  g_assert_false (summary->is_sample);
  /* No district boundary was imported: the area is unknown, not 0. */
  g_assert_true (isnan (summary->district_area_km2));
  g_assert_cmpint (summary->n_towns, ==, 1);
  g_assert_cmpint (summary->n_villages, ==, 4);
  g_assert_cmpint (summary->n_clusters, ==, 2);
  g_assert_cmpint (summary->n_sites, ==, 0);
  g_assert_cmpint (summary->n_routes, ==, 0);

  /* Year 0 means the last year with data: 2024; data runs from 2022. */
  g_assert_cmpint (summary->year, ==, 2024);
  g_assert_cmpint (summary->first_year, ==, 2022);
  g_assert_cmpint (summary->last_year, ==, 2024);

  gf_catalog_entries (&n_entries);
  g_assert_cmpuint (summary->indicators->len, ==, n_entries);

  /* Clusters of the current layout, by id, with their member counts. */
  g_assert_cmpuint (summary->clusters->len, ==, 2);
  x = g_ptr_array_index (summary->clusters, 0);
  y = g_ptr_array_index (summary->clusters, 1);
  g_assert_cmpint (x->id, ==, fixture->x);
  g_assert_cmpstr (x->name, ==, "X");
  g_assert_cmpstr (x->brand, ==, "甲品牌");
  g_assert_cmpuint (x->n_members, ==, 2);
  g_assert_cmpint (y->id, ==, fixture->y);
  g_assert_cmpstr (y->name, ==, "Y");
  g_assert_null (y->brand);
  g_assert_cmpuint (y->n_members, ==, 1);

  /* The same figures as the aggregator's, worked out above. */
  assert_value (summary_value (summary, x->values, "income_per_capita_disposable"), 37500);
  assert_value (summary_value (summary, y->values, "income_per_capita_disposable"), 35000);
  assert_value (summary_value (summary, x->values, "coll_operating_income"), 115);
  assert_value (summary_value (summary, y->values, "coll_operating_income"), NAN);
  assert_value (summary_value (summary, x->values, "rent_to_villagers"), 950);
  assert_value (summary_value (summary, summary->district_values,
                               "income_per_capita_disposable"), 36000);
  assert_value (summary_value (summary, summary->district_values, "coll_operating_income"), 135);
  assert_value (summary_value (summary, summary->district_values, "coll_total_income"), 210);
  assert_value (summary_value (summary, summary->district_values, "rent_to_villagers"), 875);
  assert_value (summary_value (summary, summary->district_values, "tourism_income"), 35);
  assert_value (summary_value (summary, summary->district_values, "land_transferred"), 800);
  assert_value (summary_value (summary, summary->district_values, "income_per_capita_net"), NAN);

  /* An explicit year: 2022 has only 201's income; 2023 nothing. */
  {
    g_autoptr(GfSummary) s2022 = gf_summary_compute (fixture->db, 2022, &error);
    g_autoptr(GfSummary) s2023 = gf_summary_compute (fixture->db, 2023, &error);

    g_assert_no_error (error);
    g_assert_cmpint (s2022->year, ==, 2022);
    assert_value (summary_value (s2022, s2022->district_values, "income_per_capita_disposable"),
                  25000);
    assert_value (summary_value (s2022, s2022->district_values, "tourism_income"), NAN);
    g_assert_cmpint (s2023->year, ==, 2023);
    for (guint i = 0; i < s2023->indicators->len; i++)
      g_assert_true (isnan (s2023->district_values[i]));
  }
}

static void
test_summary_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GfSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *district, *counts, *values;
  JsonArray *clusters;

  summary = gf_summary_compute (fixture->db, 0, &error);
  g_assert_no_error (error);
  root = gf_summary_to_json (summary);
  object = json_node_get_object (root);

  district = json_object_get_object_member (object, "district");
  g_assert_cmpstr (json_object_get_string_member (district, "code"), ==, "339901");
  g_assert_false (json_object_get_boolean_member (district, "is_sample"));
  /* Missing numbers are null, not 0 and not NaN (which JSON cannot hold). */
  g_assert_true (json_object_get_null_member (district, "area_km2"));
  g_assert_true (json_object_get_null_member (district, "area_mu"));

  counts = json_object_get_object_member (object, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "villages"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (counts, "clusters"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2024);

  clusters = json_object_get_array_member (object, "clusters");
  g_assert_cmpuint (json_array_get_length (clusters), ==, 2);
  values = json_object_get_object_member (json_array_get_object_element (clusters, 0), "values");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (values, "coll_operating_income"),
                                  115, 1e-9);
  values = json_object_get_object_member (json_array_get_object_element (clusters, 1), "values");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (clusters, 1),
                                               "members"), ==, 1);
  g_assert_true (json_object_get_null_member (values, "coll_operating_income"));
  g_assert_true (json_object_get_null_member (values, "tourism_income"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (values, "coll_business_income"),
                                  25, 1e-9);

  values = json_object_get_object_member (object, "district_values");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (values,
                                                                 "income_per_capita_disposable"),
                                  36000, 1e-9);
  g_assert_true (json_object_get_null_member (values, "income_per_capita_net"));

  /* And it serialises: no "nan" or "inf" slips into the text. */
  text = json_to_string (root, FALSE);
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));
  g_assert_nonnull (strstr (text, "null"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/aggregate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sum", test_sum);
  ADD ("sum-partial", test_sum_partial);
  ADD ("derived", test_derived);
  ADD ("derived-village-values", test_derived_village_values);
  ADD ("weighted-by-population", test_weighted_by_population);
  ADD ("weighted-by-land", test_weighted_by_land);
  ADD ("year-without-data", test_year_without_data);
  ADD ("other-layout", test_other_layout);
  g_test_add_func ("/core/aggregate/village-without-population",
                   test_village_without_population);
  ADD ("caching", test_caching);
  ADD ("summary", test_summary);
  ADD ("summary-json", test_summary_json);

#undef ADD

  return g_test_run ();
}
