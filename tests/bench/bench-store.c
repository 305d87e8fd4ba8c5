/* bench-store.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store at province scale: 20,000 villages × 15 years × 40 indicators (12 million
 * observations) in a temporary database. Prints exactly:
 *   insert_rate: N observations/s
 *   cluster_aggregate: N ms      one indicator and year summed per cluster (median)
 *   choropleth_values: N ms      one indicator and year for every village (median)
 *   leaderboard: N ms            the competition's ranking of every cluster (median): two
 *                                growth rules, tasks and activity, this year and the last
 *   open_to_first_query: N ms    open (with its integrity check) until the first values
 * Set GF_BENCH_VILLAGES to a smaller number for a quick run.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "gf-aggregate.h"
#include "gf-leaderboard.h"
#include "gf-store.h"

#define N_YEARS 15
#define N_INDICATORS 40
#define VILLAGES_PER_TOWN 100
#define VILLAGES_PER_CLUSTER 50
#define REPEATS 21

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *samples,
        guint   n)
{
  qsort (samples, n, sizeof (double), compare_double);
  return samples[n / 2];
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("bench-store: %s", error ? error->message : "failed");
}

/* Towns, villages, clusters and 40 sum indicators (the catalogue's non-derived ones plus
 * synthetic ones), in one transaction. */
static void
create_district (GfDatabase *db,
                 guint       n_villages,
                 GArray     *indicator_ids,
                 gint64     *village_ids)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  gint64 layout_id;
  guint n_towns = (n_villages + VILLAGES_PER_TOWN - 1) / VILLAGES_PER_TOWN;

  check (gf_database_begin (db, &error), error);

  {
    const char *columns[] = { "id", "code", "name" };
    GfStoreValue values[] = { { GF_STORE_INT, .i = 1 }, { GF_STORE_TEXT, .s = "339901" },
                              { GF_STORE_TEXT, .s = "基准区" } };
    check (gf_store_upsert (db, "district", columns, values, 3, NULL, NULL, &error), error);
  }

  for (guint t = 0; t < n_towns; t++)
    {
      const char *columns[] = { "code", "name" };
      g_autofree char *code = g_strdup_printf ("339901%03u", 100 + t);
      g_autofree char *name = g_strdup_printf ("基准镇%u", t);
      GfStoreValue values[] = { { GF_STORE_TEXT, .s = code }, { GF_STORE_TEXT, .s = name } };

      check (gf_store_upsert (db, "town", columns, values, 2, NULL, NULL, &error), error);
    }

  for (guint c = 0; c < (n_villages + VILLAGES_PER_CLUSTER - 1) / VILLAGES_PER_CLUSTER; c++)
    {
      const char *columns[] = { "name" };
      g_autofree char *name = g_strdup_printf ("组团%u", c);
      GfStoreValue values[] = { { GF_STORE_TEXT, .s = name } };

      check (gf_store_upsert (db, "cluster", columns, values, 1, NULL, NULL, &error), error);
    }

  check (gf_store_layout_ensure (db, "现行布局", &layout_id, &error), error);

  for (guint v = 0; v < n_villages; v++)
    {
      const char *columns[] = { "code", "name", "town_id", "population" };
      const char *member_columns[] = { "layout_id", "village_id", "cluster_id" };
      g_autofree char *code = g_strdup_printf ("339901%03u%03u", 100 + v / VILLAGES_PER_TOWN,
                                               200 + v % VILLAGES_PER_TOWN);
      g_autofree char *name = g_strdup_printf ("基准村%u", v);
      GfStoreValue values[] = {
        { GF_STORE_TEXT, .s = code },
        { GF_STORE_TEXT, .s = name },
        { GF_STORE_INT, .i = v / VILLAGES_PER_TOWN + 1 },
        { GF_STORE_INT, .i = 1000 + v % 5000 },
      };
      GfStoreValue member[3];

      check (gf_store_upsert (db, "village", columns, values, 4, NULL, &village_ids[v], &error),
             error);
      member[0] = (GfStoreValue) { GF_STORE_INT, .i = layout_id };
      member[1] = (GfStoreValue) { GF_STORE_INT, .i = village_ids[v] };
      member[2] = (GfStoreValue) { GF_STORE_INT, .i = v / VILLAGES_PER_CLUSTER + 1 };
      check (gf_store_upsert (db, "cluster_member", member_columns, member, 3, NULL, NULL,
                              &error), error);
    }

  indicators = gf_store_list_indicators (db, &error);
  check (indicators != NULL, error);
  for (guint i = 0; i < indicators->len && indicator_ids->len < N_INDICATORS; i++)
    {
      GfIndicator *ind = g_ptr_array_index (indicators, i);

      if (ind->formula == NULL)
        g_array_append_val (indicator_ids, ind->id);
    }
  for (guint i = 0; indicator_ids->len < N_INDICATORS; i++)
    {
      const char *columns[] = { "code", "name_zh", "name_en", "unit", "category", "aggregation",
                                "direction", "sort_order" };
      g_autofree char *code = g_strdup_printf ("bench_%u", i);
      GfStoreValue values[] = {
        { GF_STORE_TEXT, .s = code }, { GF_STORE_TEXT, .s = "基准指标" },
        { GF_STORE_TEXT, .s = "Benchmark" }, { GF_STORE_TEXT, .s = "万元" },
        { GF_STORE_TEXT, .s = "employment" }, { GF_STORE_TEXT, .s = "sum" },
        { GF_STORE_INT, .i = 1 }, { GF_STORE_INT, .i = 100 + i },
      };
      gint64 id;

      check (gf_store_upsert (db, "indicator", columns, values, 8, NULL, &id, &error), error);
      g_array_append_val (indicator_ids, id);
    }

  check (gf_database_commit (db, NULL, &error), error);
}

/* The competition's rules, and per cluster three tasks and five activities in each of the last
 * two years. */
static void
create_competition (GfDatabase *db,
                    guint       n_clusters,
                    int         year)
{
  static const char * const components[] = { "task", "activity", "growth", "growth" };
  static const char * const growth_codes[] = { NULL, NULL, "coll_operating_income",
                                               "income_per_capita_disposable" };
  static const double weights[] = { 0.4, 0.2, 0.25, 0.15 };
  g_autoptr(GError) error = NULL;

  check (gf_database_begin (db, &error), error);

  for (guint r = 0; r < G_N_ELEMENTS (components); r++)
    {
      const char *columns[] = { "component", "indicator_id", "weight" };
      GfStoreValue values[] = { { GF_STORE_TEXT, .s = components[r] }, { GF_STORE_NULL },
                                { GF_STORE_REAL, .d = weights[r] } };

      if (growth_codes[r] != NULL)
        {
          gint64 id = 0;

          check (gf_store_lookup_id (db, "indicator", "code", growth_codes[r], &id, &error),
                 error);
          values[1] = (GfStoreValue) { GF_STORE_INT, .i = id };
        }
      check (gf_store_upsert (db, "score_rule", columns, values, 3, NULL, NULL, &error), error);
    }

  for (guint c = 1; c <= n_clusters; c++)
    for (int y = year - 1; y <= year; y++)
      {
        for (guint t = 0; t < 3; t++)
          {
            const char *columns[] = { "title", "cluster_id", "year", "progress" };
            GfStoreValue values[] = { { GF_STORE_TEXT, .s = "基准任务" },
                                      { GF_STORE_INT, .i = c }, { GF_STORE_INT, .i = y },
                                      { GF_STORE_REAL, .d = (c * 7 + t * 13) % 101 } };

            check (gf_store_upsert (db, "task", columns, values, 4, NULL, NULL, &error), error);
          }
        for (guint a = 0; a < 5; a++)
          {
            const char *columns[] = { "cluster_id", "kind", "date", "count" };
            g_autofree char *date = g_strdup_printf ("%d-%02u-15", y, 1 + a * 2);
            GfStoreValue values[] = { { GF_STORE_INT, .i = c }, { GF_STORE_TEXT, .s = "event" },
                                      { GF_STORE_TEXT, .s = date },
                                      { GF_STORE_INT, .i = 1 + (c + a) % 9 } };

            check (gf_store_upsert (db, "activity", columns, values, 4, NULL, NULL, &error),
                   error);
          }
      }

  check (gf_database_commit (db, NULL, &error), error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GArray) indicator_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gint64 *village_ids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *env = g_getenv ("GF_BENCH_VILLAGES");
  guint n_villages = env ? (guint) atoi (env) : 20000;
  const GfIndicator *indicator;
  double samples[REPEATS];
  gint64 start, n_observations = 0;
  int year = 2010 + N_YEARS - 1;

  dir = g_dir_make_tmp ("gf-bench-store-XXXXXX", &error);
  check (dir != NULL, error);
  path = g_build_filename (dir, "bench.sqlite", NULL);

  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  check (db != NULL, error);

  village_ids = g_new (gint64, n_villages);
  create_district (db, n_villages, indicator_ids, village_ids);

  /* Observations in key order (indicator, year, village), one transaction, one prepared
   * statement: the way an import of a whole province's sheet runs. */
  start = g_get_monotonic_time ();
  check (gf_database_begin (db, &error), error);
  for (guint i = 0; i < indicator_ids->len; i++)
    for (int y = 0; y < N_YEARS; y++)
      for (guint v = 0; v < n_villages; v++)
        {
          double value = 20.0 + (v % 997) * 0.5 + y * 3.0 + i;

          check (gf_store_put_observation (db, g_array_index (indicator_ids, gint64, i),
                                           2010 + y, village_ids[v], value, 0, &error), error);
          n_observations++;
        }
  check (gf_database_commit (db, NULL, &error), error);
  g_print ("insert_rate: %.0f observations/s\n",
           n_observations / ((g_get_monotonic_time () - start) / 1e6));

  aggregator = gf_aggregator_new (db, 0, &error);
  check (aggregator != NULL, error);
  indicator = gf_aggregator_get_indicator (aggregator, "coll_business_income");

  for (int r = 0; r < REPEATS; r++)
    {
      g_autoptr(GArray) groups = NULL;

      start = g_get_monotonic_time ();
      groups = gf_aggregator_by_cluster (aggregator, indicator, year - r % N_YEARS, &error);
      check (groups != NULL, error);
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (groups->len == (n_villages + VILLAGES_PER_CLUSTER - 1) / VILLAGES_PER_CLUSTER);
    }
  g_print ("cluster_aggregate: %.2f ms\n", median (samples, REPEATS));

  for (int r = 0; r < REPEATS; r++)
    {
      g_autoptr(GfVillageValues) values = NULL;

      start = g_get_monotonic_time ();
      values = gf_store_village_values (db, indicator->id, year - r % N_YEARS, &error);
      check (values != NULL, error);
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (values->n == n_villages);
    }
  g_print ("choropleth_values: %.2f ms\n", median (samples, REPEATS));

  {
    guint n_clusters = (n_villages + VILLAGES_PER_CLUSTER - 1) / VILLAGES_PER_CLUSTER;
    gint64 layout_id = 0;

    create_competition (db, n_clusters, year);
    check (gf_store_current_layout (db, &layout_id, &error), error);
    for (int r = 0; r < 5; r++)
      {
        g_autoptr(GfLeaderboard) board = NULL;

        start = g_get_monotonic_time ();
        board = gf_leaderboard_compute (db, layout_id, year, NULL, &error);
        check (board != NULL, error);
        samples[r] = (g_get_monotonic_time () - start) / 1000.0;
        g_assert (board->entries->len == n_clusters && board->has_previous);
      }
    g_print ("leaderboard: %.1f ms\n", median (samples, 5));
  }

  g_clear_pointer (&aggregator, gf_aggregator_free);
  g_clear_object (&db);

  start = g_get_monotonic_time ();
  {
    g_autoptr(GfDatabase) reopened = gf_database_open (path, GF_DATABASE_OPEN_EXISTING, &error);
    g_autoptr(GfVillageValues) values = NULL;

    check (reopened != NULL, error);
    values = gf_store_village_values (reopened, g_array_index (indicator_ids, gint64, 0), year,
                                      &error);
    check (values != NULL, error);
  }
  g_print ("open_to_first_query: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return 0;
}
