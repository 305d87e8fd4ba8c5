/* gf-summary.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The district at a glance: counts of records, the area of its boundary, and for one year the
 * aggregate of every indicator per cluster of the current layout and over the whole district.
 */

#define G_LOG_DOMAIN "gf-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gf-aggregate.h"
#include "gf-geometry.h"
#include "gf-summary.h"

static void
cluster_summary_free (GfClusterSummary *cluster)
{
  g_free (cluster->name);
  g_free (cluster->brand);
  g_free (cluster->color);
  g_free (cluster->values);
  g_free (cluster);
}

void
gf_summary_free (GfSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->district_code);
  g_free (summary->district_name);
  g_clear_pointer (&summary->indicators, g_ptr_array_unref);
  g_clear_pointer (&summary->clusters, g_ptr_array_unref);
  g_free (summary->district_values);
  g_free (summary);
}

/**
 * gf_summary_compute:
 * @year: the year of the aggregates, or 0 for the last year with data
 *
 * Returns: (transfer full) (nullable): the summary
 */
GfSummary *
gf_summary_compute (GfDatabase  *db,
                    int          year,
                    GError     **error)
{
  g_autoptr(GfSummary) summary = g_new0 (GfSummary, 1);
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GfGeometry) boundary = NULL;
  GfDistrictRecord district;
  GPtrArray *indicators;
  guint n_ind;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  if (!gf_store_get_district (db, &district, error))
    return NULL;
  summary->district_code = district.code;
  summary->district_name = district.name;
  summary->is_sample = district.is_sample;

  boundary = gf_store_get_geometry (db, "district", "boundary", 1, error);
  if (error && *error)
    return NULL;
  summary->district_area_km2 = boundary ? gf_geometry_area_m2 (boundary) / 1e6 : NAN;

  if ((summary->n_towns = gf_store_count (db, "town", error)) < 0
      || (summary->n_villages = gf_store_count (db, "village", error)) < 0
      || (summary->n_clusters = gf_store_count (db, "cluster", error)) < 0
      || (summary->n_sites = gf_store_count (db, "site", error)) < 0
      || (summary->n_routes = gf_store_count (db, "route", error)) < 0)
    return NULL;

  if (!gf_store_year_range (db, &summary->first_year, &summary->last_year, error))
    return NULL;
  summary->year = year > 0 ? year : summary->last_year;

  aggregator = gf_aggregator_new (db, 0, error);
  if (aggregator == NULL)
    return NULL;
  /* The district and cluster values of an indicator, the parts of the derived ones and the
   * weights of weighted means then share one read of each indicator: at 20,000 villages
   * that read is most of the cost. */
  gf_aggregator_set_caching (aggregator, TRUE);

  indicators = gf_aggregator_get_indicators (aggregator);
  n_ind = indicators->len;
  summary->indicators = g_ptr_array_ref (indicators);
  summary->district_values = g_new (double, n_ind);

  records = gf_store_list_clusters (db, error);
  if (records == NULL)
    return NULL;

  summary->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_summary_free);
  for (guint c = 0; c < records->len; c++)
    {
      GfClusterRecord *record = g_ptr_array_index (records, c);
      GfClusterSummary *cluster = g_new0 (GfClusterSummary, 1);

      cluster->id = record->id;
      cluster->name = g_strdup (record->name);
      cluster->brand = g_strdup (record->brand);
      cluster->color = g_strdup (record->color);
      cluster->values = g_new (double, n_ind);
      for (guint i = 0; i < n_ind; i++)
        cluster->values[i] = NAN;
      g_ptr_array_add (summary->clusters, cluster);
    }

  for (guint i = 0; i < n_ind; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (indicators, i);
      g_autoptr(GArray) groups = NULL;
      GfGroupValue total;

      if (!gf_aggregator_district (aggregator, ind, summary->year, &total, error))
        return NULL;
      summary->district_values[i] = total.value;

      groups = gf_aggregator_by_cluster (aggregator, ind, summary->year, error);
      if (groups == NULL)
        return NULL;

      /* Both are ordered by cluster id: one walk matches them. */
      for (guint g = 0, c = 0; g < groups->len && c < summary->clusters->len;)
        {
          const GfGroupValue *gv = &g_array_index (groups, GfGroupValue, g);
          GfClusterSummary *cluster = g_ptr_array_index (summary->clusters, c);

          if (cluster->id < gv->group_id)
            c++;
          else if (cluster->id > gv->group_id)
            g++;
          else
            {
              cluster->values[i] = gv->value;
              cluster->n_members = gv->n_villages;
              g++;
              c++;
            }
        }
    }

  return g_steal_pointer (&summary);
}

static void
add_values (JsonBuilder     *builder,
            const GfSummary *summary,
            const double    *values)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < summary->indicators->len; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (summary->indicators, i);

      json_builder_set_member_name (builder, ind->code);
      gf_json_add_number_or_null (builder, values[i]);
    }
  json_builder_end_object (builder);
}

/**
 * gf_summary_to_json:
 *
 * Returns: (transfer full): the summary as a JSON object; missing values are null
 */
JsonNode *
gf_summary_to_json (const GfSummary *summary)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "district");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, summary->district_code);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, summary->district_name);
  json_builder_set_member_name (b, "is_sample");
  json_builder_add_boolean_value (b, summary->is_sample);
  json_builder_set_member_name (b, "area_km2");
  gf_json_add_number_or_null (b, summary->district_area_km2);
  json_builder_set_member_name (b, "area_mu");
  gf_json_add_number_or_null (b, summary->district_area_km2 * 1e6 / GF_M2_PER_MU);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "towns");
  json_builder_add_int_value (b, summary->n_towns);
  json_builder_set_member_name (b, "villages");
  json_builder_add_int_value (b, summary->n_villages);
  json_builder_set_member_name (b, "clusters");
  json_builder_add_int_value (b, summary->n_clusters);
  json_builder_set_member_name (b, "sites");
  json_builder_add_int_value (b, summary->n_sites);
  json_builder_set_member_name (b, "routes");
  json_builder_add_int_value (b, summary->n_routes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, summary->year);
  json_builder_set_member_name (b, "first_year");
  json_builder_add_int_value (b, summary->first_year);
  json_builder_set_member_name (b, "last_year");
  json_builder_add_int_value (b, summary->last_year);

  json_builder_set_member_name (b, "indicators");
  gf_json_add_indicators (b, summary->indicators);

  json_builder_set_member_name (b, "clusters");
  json_builder_begin_array (b);
  for (guint c = 0; c < summary->clusters->len; c++)
    {
      const GfClusterSummary *cluster = g_ptr_array_index (summary->clusters, c);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, cluster->name);
      json_builder_set_member_name (b, "brand");
      json_builder_add_string_value (b, cluster->brand);
      json_builder_set_member_name (b, "members");
      json_builder_add_int_value (b, cluster->n_members);
      json_builder_set_member_name (b, "values");
      add_values (b, summary, cluster->values);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "district_values");
  add_values (b, summary, summary->district_values);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static char *
format_value (double value)
{
  if (isnan (value))
    /* Translators: shown in place of a figure nobody reported */
    return g_strdup (_("no data"));

  /* %'.2f groups thousands the way the user's locale does. */
  return g_strdup_printf ("%'.2f", value);
}

/**
 * gf_summary_to_text:
 *
 * Returns: (transfer full): the summary as text for a terminal, in the user's language
 */
char *
gf_summary_to_text (const GfSummary *summary)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->district_name != NULL)
    g_string_append_printf (s, _("District: %s (%s)"), summary->district_name,
                            summary->district_code);
  else
    g_string_append (s, _("District: not yet named"));
  if (summary->is_sample)
    g_string_append_printf (s, " — %s", _("sample data, an invented district"));
  g_string_append_c (s, '\n');

  if (!isnan (summary->district_area_km2))
    {
      g_autofree char *km2 = format_value (summary->district_area_km2);
      g_autofree char *mu = format_value (summary->district_area_km2 * 1e6 / GF_M2_PER_MU);

      g_string_append_printf (s, _("Area: %s km² (%s mu)"), km2, mu);
      g_string_append_c (s, '\n');
    }

  g_string_append_printf (s, _("Towns: %d   Villages: %d   Clusters: %d   Sites: %d   Routes: %d"),
                          (int) summary->n_towns, (int) summary->n_villages,
                          (int) summary->n_clusters, (int) summary->n_sites,
                          (int) summary->n_routes);
  g_string_append_c (s, '\n');

  if (summary->year == 0)
    {
      g_string_append (s, _("No indicator data yet."));
      g_string_append_c (s, '\n');
      return g_string_free (s, FALSE);
    }

  g_string_append_printf (s, _("Year: %d (data for %d–%d)"), summary->year,
                          summary->first_year, summary->last_year);
  g_string_append_c (s, '\n');

  for (guint c = 0; c <= summary->clusters->len; c++)
    {
      const double *values;

      g_string_append_c (s, '\n');
      if (c < summary->clusters->len)
        {
          const GfClusterSummary *cluster = g_ptr_array_index (summary->clusters, c);

          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                  "Cluster %s: %u village",
                                                  "Cluster %s: %u villages",
                                                  cluster->n_members),
                                  cluster->name, cluster->n_members);
          values = cluster->values;
        }
      else
        {
          g_string_append (s, _("Whole district"));
          values = summary->district_values;
        }
      g_string_append_c (s, '\n');

      for (guint i = 0; i < summary->indicators->len; i++)
        {
          const GfIndicator *ind = g_ptr_array_index (summary->indicators, i);
          g_autofree char *text = format_value (values[i]);

          g_string_append_printf (s, "  %-30s %s %s  (%s)\n", ind->code, text,
                                  isnan (values[i]) ? "" : ind->unit, ind->name_zh);
        }
    }

  return g_string_free (s, FALSE);
}
