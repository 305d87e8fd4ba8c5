/* gf-aggregate.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Village values combined into cluster and district values by each indicator's rule: sums,
 * means, means weighted by population or by another indicator (rent per 亩 by the land
 * transferred), and derived indicators as the sum of their statistical parts. A group where no
 * village reported is NaN — never a zero that a chart would show as a real figure.
 */

#define G_LOG_DOMAIN "gf-aggregate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-catalog.h"

struct _GfAggregator
{
  GfDatabase  *db;
  GPtrArray   *indicators;     /* GfIndicator */
  GHashTable  *by_code;        /* code → GfIndicator (borrowed) */
  GHashTable  *membership;     /* village id → cluster id */
  GHashTable  *populations;    /* village id → population */
  guint        n_villages;     /* every village, with or without a known population */
  GHashTable  *cache;          /* (indicator id, year) → GfVillageValues, or NULL: no cache */
};

/**
 * gf_aggregator_new:
 * @layout_id: the layout whose clusters group the villages (0: the current one)
 *
 * Reads the catalogue, the layout's membership and the populations once, so that many
 * aggregates can be computed from single range scans of the observations.
 *
 * Returns: (transfer full) (nullable): the aggregator
 */
GfAggregator *
gf_aggregator_new (GfDatabase  *db,
                   gint64       layout_id,
                   GError     **error)
{
  g_autoptr(GfAggregator) self = g_new0 (GfAggregator, 1);
  gint64 n_villages;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  self->db = g_object_ref (db);
  if (layout_id == 0 && !gf_store_current_layout (db, &layout_id, error))
    return NULL;

  if (!(self->indicators = gf_store_list_indicators (db, error))
      || !(self->membership = gf_store_cluster_membership (db, layout_id, error))
      || !(self->populations = gf_store_village_populations (db, error))
      || (n_villages = gf_store_count (db, "village", error)) < 0)
    return NULL;
  self->n_villages = (guint) n_villages;

  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->indicators->len; i++)
    {
      GfIndicator *ind = g_ptr_array_index (self->indicators, i);
      g_hash_table_insert (self->by_code, ind->code, ind);
    }

  return g_steal_pointer (&self);
}

void
gf_aggregator_free (GfAggregator *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->db);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->membership, g_hash_table_unref);
  g_clear_pointer (&self->populations, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_free (self);
}

/**
 * gf_aggregator_get_indicator:
 *
 * Returns: (transfer none) (nullable): the indicator of that code
 */
const GfIndicator *
gf_aggregator_get_indicator (GfAggregator *self,
                             const char   *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->by_code, code);
}

/**
 * gf_aggregator_get_indicators:
 *
 * Returns: (transfer none) (element-type GfIndicator): the catalogue
 */
GPtrArray *
gf_aggregator_get_indicators (GfAggregator *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->indicators;
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 ia = *(const gint64 *) a, ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

/**
 * gf_aggregator_get_database:
 *
 * Returns: (transfer none): the database the aggregator reads
 */
GfDatabase *
gf_aggregator_get_database (GfAggregator *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->db;
}

/* The village values of a derived indicator: the sum of its parts for every village that
 * reported all of them. A village missing a part has no value rather than an understated one. */
static GfVillageValues *
derived_values (GfAggregator       *self,
                const GfIndicator  *indicator,
                int                 year,
                GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (indicator->formula, "+", -1);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) vals = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_parts = g_strv_length (parts);
  GfVillageValues *result;
  GHashTableIter iter;
  gpointer key, value;

  /* Per village: the running sum and how many parts were seen, keyed by the id stored in
   * the value record itself so that the key pointer stays valid. */
  typedef struct { gint64 id; double sum; guint n; } Acc;

  for (guint p = 0; p < n_parts; p++)
    {
      const GfIndicator *part = g_hash_table_lookup (self->by_code, g_strstrip (parts[p]));
      g_autoptr(GfVillageValues) values = NULL;

      if (part == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Indicator %s is derived from unknown indicator %s",
                       indicator->code, parts[p]);
          return NULL;
        }

      values = gf_aggregator_village_values (self, part, year, error);
      if (values == NULL)
        return NULL;

      for (guint i = 0; i < values->n; i++)
        {
          Acc *acc = g_hash_table_lookup (sums, &values->village_ids[i]);

          if (acc == NULL)
            {
              acc = g_new0 (Acc, 1);
              acc->id = values->village_ids[i];
              g_hash_table_insert (sums, &acc->id, acc);
            }
          acc->sum += values->values[i];
          acc->n++;
        }
    }

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Acc *acc = value;

      if (acc->n == n_parts)
        g_array_append_val (ids, acc->id);
    }

  /* Ascending ids, as GfVillageValues promises: the hash table has no order. */
  g_array_sort (ids, compare_id);
  for (guint i = 0; i < ids->len; i++)
    {
      Acc *acc = g_hash_table_lookup (sums, &g_array_index (ids, gint64, i));

      g_array_append_val (vals, acc->sum);
    }

  result = g_new0 (GfVillageValues, 1);
  result->n = ids->len;
  result->village_ids = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  result->values = (double *) g_array_free (g_steal_pointer (&vals), FALSE);
  return result;
}

/**
 * gf_aggregator_set_caching:
 * @caching: whether to keep the village values read
 *
 * With caching, every indicator and year is read from the database once however many
 * aggregates use it: the district value and the cluster values of an indicator, the parts of
 * derived indicators and the weights of weighted means then share one range scan each. The
 * cache holds a copy of what was read, so it is for a short-lived aggregator (one summary):
 * it does not see later changes to the database, and it grows with every year asked for.
 * Turning caching off empties the cache.
 */
void
gf_aggregator_set_caching (GfAggregator *self,
                           gboolean      caching)
{
  g_return_if_fail (self != NULL);

  if (!caching)
    g_clear_pointer (&self->cache, g_hash_table_unref);
  else if (self->cache == NULL)
    self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) gf_village_values_free);
}

static GfVillageValues *
village_values_copy (const GfVillageValues *values)
{
  GfVillageValues *copy = g_new0 (GfVillageValues, 1);

  copy->n = values->n;
  copy->village_ids = g_memdup2 (values->village_ids, values->n * sizeof (gint64));
  copy->values = g_memdup2 (values->values, values->n * sizeof (double));

  return copy;
}

/**
 * gf_aggregator_village_values:
 *
 * The value of each village that has one, derived indicators included.
 *
 * Returns: (transfer full) (nullable): the values
 */
GfVillageValues *
gf_aggregator_village_values (GfAggregator       *self,
                              const GfIndicator  *indicator,
                              int                 year,
                              GError            **error)
{
  GfVillageValues *values;
  gint64 key;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indicator != NULL, NULL);

  /* Years fit in 12 bits (1949–2100), ids in the other 51. */
  key = (indicator->id << 12) | (year & 0xfff);
  if (self->cache != NULL && (values = g_hash_table_lookup (self->cache, &key)) != NULL)
    return village_values_copy (values);

  if (indicator->aggregation == GF_AGGREGATION_DERIVED)
    values = derived_values (self, indicator, year, error);
  else
    values = gf_store_village_values (self->db, indicator->id, year, error);

  if (values != NULL && self->cache != NULL)
    g_hash_table_insert (self->cache, g_memdup2 (&key, sizeof key),
                         village_values_copy (values));

  return values;
}

typedef struct
{
  double sum;        /* Σ v, or Σ v·w for weighted means */
  double weight;     /* Σ w for weighted means */
  guint  n_villages;
  guint  n_reporting;
} Accumulator;

static void
accumulate (Accumulator *acc,
            double       value,
            double       weight)
{
  acc->sum += value * weight;
  acc->weight += weight;
  acc->n_reporting++;
}

static double
finish (const GfIndicator *indicator,
        const Accumulator *acc)
{
  if (acc->n_reporting == 0 || (indicator->aggregation != GF_AGGREGATION_SUM
                                && indicator->aggregation != GF_AGGREGATION_DERIVED
                                && acc->weight <= 0))
    return NAN;

  switch ((GfAggregation) indicator->aggregation)
    {
    case GF_AGGREGATION_SUM:
    case GF_AGGREGATION_DERIVED:
      return acc->sum;
    case GF_AGGREGATION_MEAN:
    case GF_AGGREGATION_WEIGHTED_MEAN:
      return acc->sum / acc->weight;
    default:
      g_assert_not_reached ();
    }
}

/* Weighs every village's value: 1 for sums and plain means, the population or the weight
 * indicator's value for weighted means (villages without a weight are left out). */
static gboolean
compute (GfAggregator       *self,
         const GfIndicator  *indicator,
         int                 year,
         GHashTable         *groups,      /* group id → Accumulator, filled */
         gboolean            by_cluster,
         GError            **error)
{
  g_autoptr(GfVillageValues) values = NULL;
  g_autoptr(GHashTable) weights = NULL;
  gboolean weighted = indicator->aggregation == GF_AGGREGATION_WEIGHTED_MEAN;

  values = gf_aggregator_village_values (self, indicator, year, error);
  if (values == NULL)
    return FALSE;

  if (weighted && indicator->weight_code != NULL)
    {
      const GfIndicator *weight_ind = g_hash_table_lookup (self->by_code, indicator->weight_code);
      g_autoptr(GfVillageValues) w = NULL;

      if (weight_ind == NULL || weight_ind == indicator)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Indicator %s is weighted by unknown indicator %s",
                       indicator->code, indicator->weight_code);
          return FALSE;
        }
      w = gf_aggregator_village_values (self, weight_ind, year, error);
      if (w == NULL)
        return FALSE;

      weights = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
      for (guint i = 0; i < w->n; i++)
        {
          double *entry = g_new (double, 2);

          /* entry[0] holds the id bits so that the key outlives @w. */
          memcpy (&entry[0], &w->village_ids[i], sizeof (gint64));
          entry[1] = w->values[i];
          g_hash_table_insert (weights, &entry[0], entry);
        }
    }

  for (guint i = 0; i < values->n; i++)
    {
      gint64 village = values->village_ids[i];
      gint64 group = 0;
      double weight = 1.0;
      Accumulator *acc;

      if (by_cluster)
        {
          gint64 *cluster = g_hash_table_lookup (self->membership, &village);

          if (cluster == NULL)
            continue;
          group = *cluster;
        }

      if (weighted)
        {
          if (weights != NULL)
            {
              double *entry = g_hash_table_lookup (weights, &village);
              if (entry == NULL)
                continue;
              weight = entry[1];
            }
          else
            {
              gint64 *population = g_hash_table_lookup (self->populations, &village);
              if (population == NULL)
                continue;
              weight = (double) *population;
            }
        }

      acc = g_hash_table_lookup (groups, &group);
      if (acc != NULL)
        accumulate (acc, values->values[i], weight);
    }

  return TRUE;
}

static Accumulator *
group_entry (GHashTable *groups,
             gint64      group)
{
  Accumulator *acc = g_hash_table_lookup (groups, &group);

  if (acc == NULL)
    {
      gint64 *key = g_memdup2 (&group, sizeof group);

      acc = g_new0 (Accumulator, 1);
      g_hash_table_insert (groups, key, acc);
    }

  return acc;
}

static int
compare_group (gconstpointer a,
               gconstpointer b)
{
  const GfGroupValue *ga = a, *gb = b;

  return (ga->group_id > gb->group_id) - (ga->group_id < gb->group_id);
}

/**
 * gf_aggregator_by_cluster:
 *
 * Returns: (transfer full) (element-type GfGroupValue): one value per cluster that has
 *   members in the layout, ordered by cluster id
 */
GArray *
gf_aggregator_by_cluster (GfAggregator       *self,
                          const GfIndicator  *indicator,
                          int                 year,
                          GError            **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (GfGroupValue));
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indicator != NULL, NULL);

  g_hash_table_iter_init (&iter, self->membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    group_entry (groups, *(gint64 *) value)->n_villages++;

  if (!compute (self, indicator, year, groups, TRUE, error))
    return NULL;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Accumulator *acc = value;
      GfGroupValue gv = { *(gint64 *) key, finish (indicator, acc), acc->n_villages,
                          acc->n_reporting };

      g_array_append_val (result, gv);
    }
  g_array_sort (result, compare_group);

  return g_steal_pointer (&result);
}

/**
 * gf_aggregator_district:
 * @result: (out caller-allocates): the value over every village of the district
 */
gboolean
gf_aggregator_district (GfAggregator       *self,
                        const GfIndicator  *indicator,
                        int                 year,
                        GfGroupValue       *result,
                        GError            **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  Accumulator *acc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  acc = group_entry (groups, 0);
  acc->n_villages = self->n_villages;
  if (!compute (self, indicator, year, groups, FALSE, error))
    return FALSE;

  *result = (GfGroupValue) { 0, finish (indicator, acc), acc->n_villages, acc->n_reporting };
  return TRUE;
}

/**
 * gf_aggregator_new_for_membership:
 * @membership: village id → cluster id (both gint64 *), as gf_store_cluster_membership()
 *   returns it; cluster ids are positive
 *
 * An aggregator over an explicit grouping, such as a layout being planned that is not saved:
 * the same rules as gf_aggregator_new(), with a copy of @membership, so later changes to the
 * table do not reach the aggregator.
 *
 * Returns: (transfer full) (nullable): the aggregator
 */
GfAggregator *
gf_aggregator_new_for_membership (GfDatabase  *db,
                                  GHashTable  *membership,
                                  GError     **error)
{
  g_autoptr(GfAggregator) self = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (membership != NULL, NULL);

  /* Layout -1 names no layout: the catalogue and populations are read as usual and the
   * membership starts empty, to be filled from @membership. */
  self = gf_aggregator_new (db, -1, error);
  if (self == NULL)
    return NULL;

  g_hash_table_remove_all (self->membership);
  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->membership, g_memdup2 (key, sizeof (gint64)),
                         g_memdup2 (value, sizeof (gint64)));

  return g_steal_pointer (&self);
}
