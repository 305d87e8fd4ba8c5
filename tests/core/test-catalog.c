/* test-catalog.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in indicator catalogue: every indicator DESIGN.md names, with its unit, its
 * aggregation and its parts; and the database seeded with exactly that catalogue.
 */

#include <math.h>
#include <string.h>

#include "gf-catalog.h"
#include "gf-store.h"

static void
test_codes_unique (void)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const GfCatalogEntry *entries;
  guint n;

  entries = gf_catalog_entries (&n);
  g_assert_nonnull (entries);
  g_assert_cmpuint (n, >=, 30);

  for (guint i = 0; i < n; i++)
    {
      const char *code = entries[i].code;

      g_assert_nonnull (code);
      if (!g_hash_table_add (codes, (gpointer) code))
        g_error ("indicator code %s is given twice", code);
      /* Codes are used in files and on the command line: lower-case ASCII words. */
      for (const char *p = code; *p; p++)
        if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
          g_error ("indicator code “%s” is not lower_case_ascii", code);

      /* The importer matches wide columns by code or Chinese name: both must be unique. */
      if (!g_hash_table_add (names, (gpointer) entries[i].name_zh))
        g_error ("the Chinese name %s is given twice", entries[i].name_zh);

      g_assert_true (gf_catalog_lookup (code) == &entries[i]);
    }

  g_assert_null (gf_catalog_lookup ("no_such_indicator"));
  g_assert_null (gf_catalog_lookup (""));
}

typedef struct
{
  const char    *code;
  const char    *unit;
  const char    *category;
  GfAggregation  aggregation;
  int            direction;
} Expected;

static void
test_design_indicators (void)
{
  /* Every indicator DESIGN.md names, with the unit of the report and domain.md. */
  const Expected expected[] = {
    { "coll_operating_income", "万元", "collective", GF_AGGREGATION_DERIVED, 1 },
    { "coll_total_income", "万元", "collective", GF_AGGREGATION_DERIVED, 1 },
    { "coll_business_income", "万元", "collective", GF_AGGREGATION_SUM, 1 },
    { "coll_contract_income", "万元", "collective", GF_AGGREGATION_SUM, 1 },
    { "coll_investment_income", "万元", "collective", GF_AGGREGATION_SUM, 1 },
    { "coll_subsidy_income", "万元", "collective", GF_AGGREGATION_SUM, 0 },
    { "coll_other_income", "万元", "collective", GF_AGGREGATION_SUM, 0 },
    { "income_per_capita_net", "元", "income", GF_AGGREGATION_WEIGHTED_MEAN, 1 },
    { "income_per_capita_disposable", "元", "income", GF_AGGREGATION_WEIGHTED_MEAN, 1 },
    { "tourism_income", "万元", "tourism", GF_AGGREGATION_SUM, 1 },
    { "ecommerce_sales", "万元", "ecommerce", GF_AGGREGATION_SUM, 1 },
    { "land_transferred", "亩", "land", GF_AGGREGATION_SUM, 1 },
    { "rent_to_villagers", "元/亩", "land", GF_AGGREGATION_WEIGHTED_MEAN, 1 },
    { "rent_to_collective", "元/亩", "land", GF_AGGREGATION_WEIGHTED_MEAN, 1 },
    { "paddy_area", "亩", "land", GF_AGGREGATION_SUM, 0 },
    { "high_standard_farmland", "亩", "land", GF_AGGREGATION_SUM, 1 },
    { "idle_land_revived", "亩", "land", GF_AGGREGATION_SUM, 1 },
    { "shared_garden_adopted", "亩", "land", GF_AGGREGATION_SUM, 1 },
    { "common_prosperity_jobs", "个", "employment", GF_AGGREGATION_SUM, 1 },
    { "labour_fees_paid", "万元", "income", GF_AGGREGATION_SUM, 1 },
    { "social_capital", "万元", "employment", GF_AGGREGATION_SUM, 1 },
    { "ecommerce_households", "户", "ecommerce", GF_AGGREGATION_SUM, 1 },
    { "livestreams_held", "场", "ecommerce", GF_AGGREGATION_SUM, 1 },
    { "livestream_hosts_trained", "人", "ecommerce", GF_AGGREGATION_SUM, 1 },
    { "loans_issued", "万元", "finance", GF_AGGREGATION_SUM, 1 },
    { "grants_given", "万元", "finance", GF_AGGREGATION_SUM, 1 },
    { "interest_saved", "万元", "finance", GF_AGGREGATION_SUM, 1 },
    { "talents_returned", "人", "talent", GF_AGGREGATION_SUM, 1 },
    { "new_farmers", "人", "talent", GF_AGGREGATION_SUM, 1 },
    { "problems_solved", "个", "technology", GF_AGGREGATION_SUM, 1 },
    { "disputes_resolved", "件", "governance", GF_AGGREGATION_SUM, 1 },
    { "safety_incidents", "起", "governance", GF_AGGREGATION_SUM, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GfCatalogEntry *e = gf_catalog_lookup (expected[i].code);

      if (e == NULL)
        g_error ("the catalogue lacks %s", expected[i].code);
      g_assert_cmpstr (e->unit, ==, expected[i].unit);
      g_assert_cmpstr (e->category, ==, expected[i].category);
      g_assert_cmpint (e->aggregation, ==, expected[i].aggregation);
      g_assert_cmpint (e->direction, ==, expected[i].direction);
    }
}

static void
test_collective_income (void)
{
  const GfCatalogEntry *operating = gf_catalog_lookup ("coll_operating_income");
  const GfCatalogEntry *total = gf_catalog_lookup ("coll_total_income");

  /* Operating income (经营性收入) is business + contracting + investment income: grants and
   * other income are left out. Zhejiang's benchmark is 50 万元. */
  g_assert_cmpstr (operating->formula, ==,
                   "coll_business_income+coll_contract_income+coll_investment_income");
  g_assert_cmpstr (operating->name_zh, ==, "村级集体经济经营性收入");
  g_assert_cmpfloat (operating->benchmark, ==, 50.0);
  g_assert_null (strstr (operating->formula, "subsidy"));
  g_assert_null (strstr (operating->formula, "other"));

  /* Total income is all five parts of the statistical form. */
  g_assert_cmpstr (total->formula, ==,
                   "coll_business_income+coll_contract_income+coll_investment_income"
                   "+coll_subsidy_income+coll_other_income");
  g_assert_true (isnan (total->benchmark));
}

static void
test_per_capita_income (void)
{
  const GfCatalogEntry *net = gf_catalog_lookup ("income_per_capita_net");
  const GfCatalogEntry *disposable = gf_catalog_lookup ("income_per_capita_disposable");
  const GfCatalogEntry *entries;
  guint n;

  /* Two different statistical measures, each labelled, both averaged by population. */
  g_assert_cmpstr (net->measure, ==, "net");
  g_assert_cmpstr (disposable->measure, ==, "disposable");
  g_assert_null (net->weight_code);
  g_assert_null (disposable->weight_code);
  g_assert_nonnull (strstr (net->name_zh, "纯收入"));
  g_assert_nonnull (strstr (disposable->name_zh, "可支配收入"));

  /* No other indicator carries a measure. */
  entries = gf_catalog_entries (&n);
  for (guint i = 0; i < n; i++)
    if (&entries[i] != net && &entries[i] != disposable)
      g_assert_null (entries[i].measure);
}

static void
test_rents (void)
{
  const char * const rents[] = { "rent_to_villagers", "rent_to_collective" };

  /* Rent per 亩 averages over villages weighted by the land each transferred: a village that
   * lets 1,000 亩 counts ten times one that lets 100. */
  for (guint i = 0; i < G_N_ELEMENTS (rents); i++)
    {
      const GfCatalogEntry *e = gf_catalog_lookup (rents[i]);

      g_assert_cmpint (e->aggregation, ==, GF_AGGREGATION_WEIGHTED_MEAN);
      g_assert_cmpstr (e->weight_code, ==, "land_transferred");
      g_assert_cmpstr (e->unit, ==, "元/亩");
    }
}

static void
test_formulas (void)
{
  const GfCatalogEntry *entries;
  guint n, n_derived = 0;

  entries = gf_catalog_entries (&n);
  for (guint i = 0; i < n; i++)
    {
      const GfCatalogEntry *e = &entries[i];
      g_auto(GStrv) parts = NULL;

      /* A formula exactly when derived (the schema's CHECK says the same). */
      g_assert_cmpint (e->aggregation == GF_AGGREGATION_DERIVED, ==, e->formula != NULL);
      if (e->formula == NULL)
        continue;

      n_derived++;
      parts = g_strsplit (e->formula, "+", -1);
      g_assert_cmpuint (g_strv_length (parts), >=, 2);
      for (guint p = 0; parts[p] != NULL; p++)
        {
          const GfCatalogEntry *part = gf_catalog_lookup (parts[p]);

          if (part == NULL)
            g_error ("%s is derived from unknown %s", e->code, parts[p]);
          /* Parts are stored figures in the same unit, never derived themselves. */
          g_assert_cmpint (part->aggregation, !=, GF_AGGREGATION_DERIVED);
          g_assert_cmpint (part->aggregation, ==, GF_AGGREGATION_SUM);
          g_assert_cmpstr (part->unit, ==, e->unit);
          /* No part twice. */
          for (guint q = 0; q < p; q++)
            g_assert_cmpstr (parts[q], !=, parts[p]);
        }
    }

  g_assert_cmpuint (n_derived, ==, 2);
}

static void
test_weights (void)
{
  const GfCatalogEntry *entries;
  guint n;

  entries = gf_catalog_entries (&n);
  for (guint i = 0; i < n; i++)
    {
      const GfCatalogEntry *e = &entries[i];
      const GfCatalogEntry *weight;

      if (e->weight_code == NULL)
        continue;

      g_assert_cmpint (e->aggregation, ==, GF_AGGREGATION_WEIGHTED_MEAN);
      weight = gf_catalog_lookup (e->weight_code);
      if (weight == NULL)
        g_error ("%s is weighted by unknown %s", e->code, e->weight_code);
      g_assert_true (weight != e);
      /* A weight is an amount that adds up, not itself an average. */
      g_assert_cmpint (weight->aggregation, ==, GF_AGGREGATION_SUM);
    }
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

static void
test_names (void)
{
  const char * const categories[] = { "collective", "income", "land", "employment",
                                      "ecommerce", "tourism", "finance", "talent",
                                      "technology", "governance", NULL };
  const GfCatalogEntry *entries;
  guint n;

  entries = gf_catalog_entries (&n);
  for (guint i = 0; i < n; i++)
    {
      const GfCatalogEntry *e = &entries[i];

      g_assert_nonnull (e->name_zh);
      g_assert_nonnull (e->name_en);
      g_assert_nonnull (e->unit);
      g_assert_cmpstr (e->name_zh, !=, "");
      g_assert_cmpstr (e->name_en, !=, "");
      g_assert_cmpstr (e->unit, !=, "");
      g_assert_true (g_utf8_validate (e->name_zh, -1, NULL));
      g_assert_true (g_utf8_validate (e->unit, -1, NULL));
      if (!has_han (e->name_zh))
        g_error ("the Chinese name of %s, “%s”, has no Han characters", e->code, e->name_zh);
      g_assert_false (has_han (e->name_en));
      g_assert_true (g_strv_contains (categories, e->category));
      g_assert_cmpint (e->direction, >=, -1);
      g_assert_cmpint (e->direction, <=, 1);
      if (e->measure != NULL)
        g_assert_true (g_str_equal (e->measure, "net") || g_str_equal (e->measure, "disposable"));
    }
}

static void
test_aggregation_strings (void)
{
  const struct
  {
    GfAggregation  aggregation;
    const char    *text;
  } pairs[] = {
    { GF_AGGREGATION_SUM, "sum" },
    { GF_AGGREGATION_MEAN, "mean" },
    { GF_AGGREGATION_WEIGHTED_MEAN, "weighted_mean" },
    { GF_AGGREGATION_DERIVED, "derived" },
  };
  GfAggregation aggregation;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpstr (gf_aggregation_to_string (pairs[i].aggregation), ==, pairs[i].text);
      aggregation = (GfAggregation) -1;
      g_assert_true (gf_aggregation_from_string (pairs[i].text, &aggregation));
      g_assert_cmpint (aggregation, ==, pairs[i].aggregation);
    }

  aggregation = GF_AGGREGATION_MEAN;
  g_assert_false (gf_aggregation_from_string ("median", &aggregation));
  g_assert_false (gf_aggregation_from_string ("", &aggregation));
  g_assert_false (gf_aggregation_from_string ("SUM", &aggregation));
  g_assert_cmpint (aggregation, ==, GF_AGGREGATION_MEAN);
}

static void
test_database_catalogue (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  const GfCatalogEntry *entries;
  guint n;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  indicators = gf_store_list_indicators (db, &error);
  g_assert_no_error (error);

  entries = gf_catalog_entries (&n);
  g_assert_cmpuint (indicators->len, ==, n);

  /* In catalogue order, field by field. */
  for (guint i = 0; i < n; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (indicators, i);
      const GfCatalogEntry *e = &entries[i];

      g_assert_cmpint (ind->id, >, 0);
      g_assert_cmpstr (ind->code, ==, e->code);
      g_assert_cmpstr (ind->name_zh, ==, e->name_zh);
      g_assert_cmpstr (ind->name_en, ==, e->name_en);
      g_assert_cmpstr (ind->unit, ==, e->unit);
      g_assert_cmpstr (ind->category, ==, e->category);
      g_assert_cmpint (ind->aggregation, ==, e->aggregation);
      g_assert_cmpstr (ind->weight_code, ==, e->weight_code);
      g_assert_cmpstr (ind->formula, ==, e->formula);
      g_assert_cmpint (ind->direction, ==, e->direction);
      g_assert_cmpstr (ind->measure, ==, e->measure);
      if (isnan (e->benchmark))
        g_assert_true (isnan (ind->benchmark));
      else
        g_assert_cmpfloat (ind->benchmark, ==, e->benchmark);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/catalog/codes-unique", test_codes_unique);
  g_test_add_func ("/core/catalog/design-indicators", test_design_indicators);
  g_test_add_func ("/core/catalog/collective-income", test_collective_income);
  g_test_add_func ("/core/catalog/per-capita-income", test_per_capita_income);
  g_test_add_func ("/core/catalog/rents", test_rents);
  g_test_add_func ("/core/catalog/formulas", test_formulas);
  g_test_add_func ("/core/catalog/weights", test_weights);
  g_test_add_func ("/core/catalog/names", test_names);
  g_test_add_func ("/core/catalog/aggregation-strings", test_aggregation_strings);
  g_test_add_func ("/core/catalog/database", test_database_catalogue);

  return g_test_run ();
}
