/* gf-series.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers behind a chart, apart from any drawing: an indicator per cluster (or village, or
 * the whole district) and year, aggregated by the indicator's own rule, and year-on-year growth
 * computed from those aggregates. Gaps stay NaN so that no chart draws a misleading zero.
 */

#define G_LOG_DOMAIN "gf-series"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "gf-series.h"
#include "gf-store.h"

void
gf_series_set_free (GfSeriesSet *set)
{
  if (set == NULL)
    return;

  g_free (set->code);
  g_free (set->name_zh);
  g_free (set->name_en);
  g_free (set->unit);
  g_strfreev (set->categories);
  g_strfreev (set->names);
  g_free (set->ids);
  for (guint i = 0; i < set->n_series; i++)
    {
      g_free (set->colors[i]);
      g_free (set->values[i]);
    }
  g_free (set->colors);
  g_free (set->values);
  g_free (set);
}

static GfSeriesSet *
series_set_new (const GfIndicator *indicator,
                int                first_year,
                int                last_year,
                guint              n_series)
{
  GfSeriesSet *set = g_new0 (GfSeriesSet, 1);

  set->code = g_strdup (indicator->code);
  set->name_zh = g_strdup (indicator->name_zh);
  set->name_en = g_strdup (indicator->name_en);
  set->unit = g_strdup (indicator->unit);
  set->first_year = first_year;
  set->n_years = (guint) (last_year - first_year + 1);
  set->categories = g_new0 (char *, set->n_years + 1);
  for (guint y = 0; y < set->n_years; y++)
    set->categories[y] = g_strdup_printf ("%d", first_year + (int) y);

  set->n_series = n_series;
  set->names = g_new0 (char *, n_series + 1);
  set->ids = g_new0 (gint64, n_series);
  set->colors = g_new0 (char *, n_series);
  set->values = g_new0 (double *, n_series);
  for (guint s = 0; s < n_series; s++)
    {
      set->values[s] = g_new (double, set->n_years);
      for (guint y = 0; y < set->n_years; y++)
        set->values[s][y] = NAN;
    }

  return set;
}

static gboolean
check_years (int      first_year,
             int      last_year,
             GError **error)
{
  if (first_year < 1949 || last_year > 2100 || first_year > last_year)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The years %d–%d are not a valid range"), first_year, last_year);
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_series_by_cluster:
 * @cluster_ids: (array length=n_clusters) (nullable): the clusters, in the order wanted;
 *   %NULL for every cluster of the aggregator's layout, by id
 * @with_district: add a last series for the whole district
 *
 * Returns: (transfer full) (nullable): one series per cluster, values aggregated by the
 *   indicator's rule from the layout's member villages
 */
GfSeriesSet *
gf_series_by_cluster (GfAggregator       *aggregator,
                      const GfIndicator  *indicator,
                      const gint64       *cluster_ids,
                      guint               n_clusters,
                      int                 first_year,
                      int                 last_year,
                      gboolean            with_district,
                      GError            **error)
{
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (indicator != NULL, NULL);

  if (!check_years (first_year, last_year, error))
    return NULL;

  clusters = gf_store_list_clusters (gf_aggregator_get_database (aggregator), error);
  if (clusters == NULL)
    return NULL;

  if (cluster_ids != NULL)
    g_array_append_vals (wanted, cluster_ids, n_clusters);
  else
    for (guint c = 0; c < clusters->len; c++)
      g_array_append_val (wanted, ((GfClusterRecord *) g_ptr_array_index (clusters, c))->id);

  set = series_set_new (indicator, first_year, last_year, wanted->len + (with_district ? 1 : 0));

  for (guint s = 0; s < wanted->len; s++)
    {
      gint64 id = g_array_index (wanted, gint64, s);
      gboolean found = FALSE;

      for (guint c = 0; c < clusters->len && !found; c++)
        {
          GfClusterRecord *record = g_ptr_array_index (clusters, c);

          if (record->id == id)
            {
              set->names[s] = g_strdup (record->name);
              set->colors[s] = g_strdup (record->color);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no cluster with the id %d"), (int) id);
          return NULL;
        }
      set->ids[s] = id;
    }

  if (with_district)
    {
      /* Translators: the series of the whole district in a chart */
      set->names[wanted->len] = g_strdup (_("Whole district"));
      set->ids[wanted->len] = 0;
    }

  for (guint y = 0; y < set->n_years; y++)
    {
      g_autoptr(GArray) groups = NULL;
      int year = first_year + (int) y;

      groups = gf_aggregator_by_cluster (aggregator, indicator, year, error);
      if (groups == NULL)
        return NULL;

      for (guint g = 0; g < groups->len; g++)
        {
          const GfGroupValue *gv = &g_array_index (groups, GfGroupValue, g);

          for (guint s = 0; s < wanted->len; s++)
            if (set->ids[s] == gv->group_id)
              set->values[s][y] = gv->value;
        }

      if (with_district)
        {
          GfGroupValue total;

          if (!gf_aggregator_district (aggregator, indicator, year, &total, error))
            return NULL;
          set->values[wanted->len][y] = total.value;
        }
    }

  return g_steal_pointer (&set);
}

/**
 * gf_series_by_village:
 * @village_ids: (array length=n_villages): the villages, in the order wanted
 *
 * Returns: (transfer full) (nullable): one series per village
 */
GfSeriesSet *
gf_series_by_village (GfAggregator       *aggregator,
                      GfDatabase         *db,
                      const GfIndicator  *indicator,
                      const gint64       *village_ids,
                      guint               n_villages,
                      int                 first_year,
                      int                 last_year,
                      GError            **error)
{
  g_autoptr(GfSeriesSet) set = NULL;

  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (indicator != NULL, NULL);
  g_return_val_if_fail (village_ids != NULL || n_villages == 0, NULL);

  if (!check_years (first_year, last_year, error))
    return NULL;

  set = series_set_new (indicator, first_year, last_year, n_villages);
  for (guint s = 0; s < n_villages; s++)
    {
      set->ids[s] = village_ids[s];
      if (!gf_store_lookup_text (db, "village", "name", village_ids[s], &set->names[s], error))
        return NULL;
      if (set->names[s] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no village with the id %d"), (int) village_ids[s]);
          return NULL;
        }
    }

  for (guint y = 0; y < set->n_years; y++)
    {
      g_autoptr(GfVillageValues) values = NULL;

      values = gf_aggregator_village_values (aggregator, indicator, first_year + (int) y, error);
      if (values == NULL)
        return NULL;

      for (guint i = 0; i < values->n; i++)
        for (guint s = 0; s < n_villages; s++)
          if (set->ids[s] == values->village_ids[i])
            set->values[s][y] = values->values[i];
    }

  return g_steal_pointer (&set);
}

/**
 * gf_series_growth:
 *
 * Year-on-year growth in percent of every series: (v[y] − v[y−1]) / |v[y−1]| × 100. The first
 * year, a year after a gap and a year after a zero are NaN: growth from nothing is not a
 * number a leader should be shown.
 *
 * Returns: (transfer full): the growth series, with unit "%"
 */
GfSeriesSet *
gf_series_growth (const GfSeriesSet *set)
{
  GfSeriesSet *growth;

  g_return_val_if_fail (set != NULL, NULL);

  growth = g_new0 (GfSeriesSet, 1);
  growth->code = g_strdup (set->code);
  growth->name_zh = g_strdup (set->name_zh);
  growth->name_en = g_strdup (set->name_en);
  growth->unit = g_strdup ("%");
  growth->first_year = set->first_year;
  growth->n_years = set->n_years;
  growth->categories = g_strdupv (set->categories);
  growth->n_series = set->n_series;
  growth->names = g_strdupv (set->names);
  growth->ids = g_memdup2 (set->ids, sizeof (gint64) * set->n_series);
  growth->colors = g_new0 (char *, set->n_series);
  growth->values = g_new0 (double *, set->n_series);

  for (guint s = 0; s < set->n_series; s++)
    {
      growth->colors[s] = g_strdup (set->colors[s]);
      growth->values[s] = g_new (double, set->n_years);
      for (guint y = 0; y < set->n_years; y++)
        {
          double before = y > 0 ? set->values[s][y - 1] : NAN;
          double now = set->values[s][y];

          growth->values[s][y] = (isnan (before) || isnan (now) || before == 0)
                                 ? NAN : (now - before) / fabs (before) * 100.0;
        }
    }

  return growth;
}

typedef struct
{
  guint  index;
  double value;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  /* Largest first, gaps last, then in the set's own order. */
  if (isnan (x->value) != isnan (y->value))
    return isnan (x->value) ? 1 : -1;
  if (!isnan (x->value) && x->value != y->value)
    return x->value > y->value ? -1 : 1;

  return (x->index > y->index) - (x->index < y->index);
}

/**
 * gf_series_rank:
 * @set: a set with at least one year
 *
 * Returns: (transfer full) (element-type guint): the indices of @set's series, largest value
 *   of the last year first, series without a value there last, ties in the set's order
 */
GArray *
gf_series_rank (const GfSeriesSet *set)
{
  g_autofree Ranked *ranked = NULL;
  GArray *order;

  g_return_val_if_fail (set != NULL && set->n_years > 0, NULL);

  ranked = g_new (Ranked, MAX (set->n_series, 1));
  for (guint s = 0; s < set->n_series; s++)
    ranked[s] = (Ranked) { s, set->values[s][set->n_years - 1] };
  qsort (ranked, set->n_series, sizeof (Ranked), compare_ranked);

  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), set->n_series);
  for (guint s = 0; s < set->n_series; s++)
    g_array_append_val (order, ranked[s].index);

  return order;
}

/**
 * gf_series_select:
 * @set: the series
 * @indices: (array length=n): the series to keep, in the order wanted
 * @n: how many
 * @rest_name: (nullable): with a name, one more series, the sum of those not kept (a year
 *   none of them has a value stays a gap), in grey and with no id
 *
 * Returns: (transfer full): a new set of the chosen series
 */
GfSeriesSet *
gf_series_select (const GfSeriesSet *set,
                  const guint       *indices,
                  guint              n,
                  const char        *rest_name)
{
  GfSeriesSet *chosen;
  g_autofree gboolean *kept = NULL;
  guint n_out = n + (rest_name != NULL ? 1 : 0);

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (indices != NULL || n == 0, NULL);

  chosen = g_new0 (GfSeriesSet, 1);
  chosen->code = g_strdup (set->code);
  chosen->name_zh = g_strdup (set->name_zh);
  chosen->name_en = g_strdup (set->name_en);
  chosen->unit = g_strdup (set->unit);
  chosen->first_year = set->first_year;
  chosen->n_years = set->n_years;
  chosen->categories = g_strdupv (set->categories);
  chosen->n_series = n_out;
  chosen->names = g_new0 (char *, n_out + 1);
  chosen->ids = g_new0 (gint64, n_out);
  chosen->colors = g_new0 (char *, n_out);
  chosen->values = g_new0 (double *, n_out);

  kept = g_new0 (gboolean, MAX (set->n_series, 1));
  for (guint i = 0; i < n; i++)
    {
      guint s = indices[i];

      g_return_val_if_fail (s < set->n_series, chosen);
      kept[s] = TRUE;
      chosen->names[i] = g_strdup (set->names[s]);
      chosen->ids[i] = set->ids[s];
      chosen->colors[i] = g_strdup (set->colors[s]);
      chosen->values[i] = g_memdup2 (set->values[s], sizeof (double) * set->n_years);
    }

  if (rest_name != NULL)
    {
      double *rest = g_new (double, set->n_years);

      for (guint y = 0; y < set->n_years; y++)
        {
          rest[y] = NAN;
          for (guint s = 0; s < set->n_series; s++)
            if (!kept[s] && !isnan (set->values[s][y]))
              rest[y] = (isnan (rest[y]) ? 0 : rest[y]) + set->values[s][y];
        }
      chosen->names[n] = g_strdup (rest_name);
      chosen->colors[n] = g_strdup ("#9a9996");
      chosen->values[n] = rest;
    }

  return chosen;
}

/**
 * gf_series_has_data:
 *
 * Returns: whether any series has any value
 */
gboolean
gf_series_has_data (const GfSeriesSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint s = 0; s < set->n_series; s++)
    for (guint y = 0; y < set->n_years; y++)
      if (!isnan (set->values[s][y]))
        return TRUE;

  return FALSE;
}

/**
 * gf_series_value:
 *
 * Returns: the value of @series in @year, NaN outside the range or where nobody reported
 */
double
gf_series_value (const GfSeriesSet *set,
                 guint              series,
                 int                year)
{
  g_return_val_if_fail (set != NULL, NAN);
  g_return_val_if_fail (series < set->n_series, NAN);

  if (year < set->first_year || year >= set->first_year + (int) set->n_years)
    return NAN;

  return set->values[series][year - set->first_year];
}

/**
 * gf_series_to_chart:
 *
 * Returns: (transfer full) (array): @set->n_series #GfChartSeries that borrow the names,
 *   values and cluster colours of @set, for a #GfChartSpec; free the array with g_free() before @set
 */
GfChartSeries *
gf_series_to_chart (const GfSeriesSet *set)
{
  GfChartSeries *series;

  g_return_val_if_fail (set != NULL, NULL);

  series = g_new0 (GfChartSeries, MAX (set->n_series, 1));
  for (guint s = 0; s < set->n_series; s++)
    series[s] = (GfChartSeries) { set->names[s], set->values[s], set->n_years, set->colors[s] };

  return series;
}
