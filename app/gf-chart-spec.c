/* gf-chart-spec.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the spec of a named kind of chart from the series of an indicator per cluster. Line,
 * bar, stacked, growth, sparkline and small-multiple charts run over the years; ranked bars
 * and donuts compare the clusters in one year. Everything that would make a misleading chart
 * (an unknown name, years without data, adding up averages) is refused with a sentence that
 * says why.
 */

#define G_LOG_DOMAIN "gf-chart-spec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gf-catalog.h"
#include "gf-chart-spec.h"
#include "gf-series.h"

G_DEFINE_QUARK (gf-chart-spec-error-quark, gf_chart_spec_error)

static const struct
{
  GfChartKind  kind;
  const char  *name;
} kind_names[] = {
  { GF_CHART_KIND_LINE, "line" },
  { GF_CHART_KIND_GROUPED_BAR, "bar" },
  { GF_CHART_KIND_STACKED_BAR, "stacked" },
  { GF_CHART_KIND_GROWTH_BAR, "growth" },
  { GF_CHART_KIND_DONUT, "donut" },
  { GF_CHART_KIND_RANKED_BAR, "ranked" },
  { GF_CHART_KIND_SPARKLINE, "sparkline" },
  { GF_CHART_KIND_SMALL_MULTIPLES, "multiples" },
};

/**
 * gf_chart_kind_from_name:
 * @name: line, bar, stacked, growth, donut, ranked, sparkline or multiples
 * @kind: (out): the kind
 *
 * Returns: whether @name names a kind of chart
 */
gboolean
gf_chart_kind_from_name (const char  *name,
                         GfChartKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (name, kind_names[i].name))
      {
        *kind = kind_names[i].kind;
        return TRUE;
      }

  return FALSE;
}

/**
 * gf_chart_kind_to_name:
 *
 * Returns: (transfer none): the name of @kind in files and on the command line
 */
const char *
gf_chart_kind_to_name (GfChartKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;

  g_return_val_if_reached ("line");
}

/**
 * gf_chart_kind_to_label:
 *
 * Returns: (transfer none): the translated name of @kind for the user
 */
const char *
gf_chart_kind_to_label (GfChartKind kind)
{
  switch (kind)
    {
    case GF_CHART_KIND_LINE:
      return C_("chart kind", "Line chart");
    case GF_CHART_KIND_GROUPED_BAR:
      return C_("chart kind", "Bar chart");
    case GF_CHART_KIND_STACKED_BAR:
      return C_("chart kind", "Stacked bar chart");
    case GF_CHART_KIND_GROWTH_BAR:
      return C_("chart kind", "Growth chart");
    case GF_CHART_KIND_DONUT:
      return C_("chart kind", "Donut chart");
    case GF_CHART_KIND_RANKED_BAR:
      return C_("chart kind", "Ranking");
    case GF_CHART_KIND_SPARKLINE:
      return C_("chart kind", "Sparkline");
    case GF_CHART_KIND_SMALL_MULTIPLES:
      return C_("chart kind", "Small multiples");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * gf_chart_kind_is_single_year:
 *
 * Returns: whether @kind compares the clusters in one year (ranked bars, donuts) rather than
 *   running over the years
 */
gboolean
gf_chart_kind_is_single_year (GfChartKind kind)
{
  return kind == GF_CHART_KIND_RANKED_BAR || kind == GF_CHART_KIND_DONUT;
}

/**
 * gf_chart_format_years:
 *
 * Returns: (transfer full): "2025" or "2016–2025", as the locale writes years
 */
char *
gf_chart_format_years (int first_year,
                       int last_year)
{
  if (first_year == last_year)
    /* Translators: one year on a chart or a briefing page, e.g. “2025”. Chinese adds 年. */
    return g_strdup_printf (_("%d"), first_year);

  /* Translators: a range of years on a chart or a briefing page, e.g. “2016–2025”. */
  return g_strdup_printf (_("%d–%d"), first_year, last_year);
}

/**
 * gf_chart_clusters_from_names:
 * @names: (array zero-terminated=1): cluster names
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of the clusters, in the
 *   order of @names; %NULL with a %GF_CHART_SPEC_ERROR_CLUSTER error naming the first unknown
 *   name and the clusters there are
 */
GArray *
gf_chart_clusters_from_names (GfDatabase          *db,
                              const char * const  *names,
                              GError             **error)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  clusters = gf_store_list_clusters (db, error);
  if (clusters == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      gboolean found = FALSE;

      for (guint c = 0; c < clusters->len && !found; c++)
        {
          GfClusterRecord *record = g_ptr_array_index (clusters, c);

          if (g_str_equal (record->name, name))
            {
              g_array_append_val (ids, record->id);
              found = TRUE;
            }
        }

      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint c = 0; c < clusters->len; c++)
            g_string_append_printf (known, "%s%s", c > 0 ? ", " : "",
                                    ((GfClusterRecord *) g_ptr_array_index (clusters, c))->name);
          if (clusters->len == 0)
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no cluster “%s”: the district has no clusters yet"), name);
          else
            /* Translators: the second %s is a list of cluster names */
            g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                         _("There is no cluster “%s”. The clusters are: %s"), name, known->str);
          return NULL;
        }
    }

  return g_steal_pointer (&ids);
}

static gboolean
is_average (const GfIndicator *indicator)
{
  return indicator->aggregation == GF_AGGREGATION_MEAN
         || indicator->aggregation == GF_AGGREGATION_WEIGHTED_MEAN;
}

static gboolean
resolve_years (GfAggregator          *aggregator,
               const GfChartRequest  *request,
               int                   *first_year,
               int                   *last_year,
               GError               **error)
{
  g_autofree char *asked = NULL;
  g_autofree char *covered = NULL;
  int data_first, data_last;

  if (!gf_store_year_range (gf_aggregator_get_database (aggregator), &data_first, &data_last,
                            error))
    return FALSE;

  if (data_first == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA,
                           _("The database has no indicator values yet"));
      return FALSE;
    }

  *last_year = request->last_year != 0 ? request->last_year : data_last;
  if (request->first_year != 0)
    *first_year = request->first_year;
  else if (gf_chart_kind_is_single_year (request->kind))
    *first_year = *last_year;
  else if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    /* The first year has nothing to grow from. */
    *first_year = MIN (data_first + 1, MAX (*last_year, data_first));
  else
    *first_year = data_first;

  if (*first_year > *last_year)
    {
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS,
                   _("The years %d–%d are not a range: the first year comes after the last"),
                   *first_year, *last_year);
      return FALSE;
    }

  if (*first_year < data_first || *last_year > data_last)
    {
      asked = gf_chart_format_years (*first_year, *last_year);
      covered = gf_chart_format_years (data_first, data_last);
      /* Translators: both are years or ranges of years, e.g. “2010–2012” and “2016–2025” */
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_YEARS,
                   _("There is no data for %s: the data covers %s"), asked, covered);
      return FALSE;
    }

  return TRUE;
}

static char *
make_subtitle (const GfChartRequest *request,
               const char           *years)
{
  switch (request->kind)
    {
    case GF_CHART_KIND_GROWTH_BAR:
      /* Translators: a chart subtitle; %s is a year or a range of years */
      return g_strdup_printf (_("Year-on-year growth by cluster · %s"), years);
    case GF_CHART_KIND_SPARKLINE:
      if (request->cluster_ids == NULL)
        /* Translators: a chart subtitle; %s is a range of years */
        return g_strdup_printf (_("Whole district · %s"), years);
      G_GNUC_FALLTHROUGH;
    case GF_CHART_KIND_LINE:
    case GF_CHART_KIND_GROUPED_BAR:
    case GF_CHART_KIND_STACKED_BAR:
    case GF_CHART_KIND_DONUT:
    case GF_CHART_KIND_RANKED_BAR:
    case GF_CHART_KIND_SMALL_MULTIPLES:
    default:
      /* Translators: a chart subtitle; %s is a year or a range of years */
      return g_strdup_printf (_("By cluster · %s"), years);
    }
}

/**
 * gf_chart_spec_build:
 * @aggregator: the aggregator of the layout whose clusters to show
 * @request: what to chart
 * @out_first_year: (out) (optional): the first year shown
 * @out_last_year: (out) (optional): the last year shown
 * @error: return location for a #GF_CHART_SPEC_ERROR or a database error
 *
 * Builds a spec whose title is the indicator, whose subtitle says the clusters and years, with
 * the indicator's unit (the engine scales it) and the clusters as series, or as categories
 * for ranked bars and donuts (values of the last year). The size is 960 × 540 and the font
 * scale 1: set them, and the source, before laying it out.
 *
 * Returns: (transfer full) (nullable): a spec that owns its memory, to free with
 *   gf_chart_spec_free()
 */
GfChartSpec *
gf_chart_spec_build (GfAggregator          *aggregator,
                     const GfChartRequest  *request,
                     int                   *out_first_year,
                     int                   *out_last_year,
                     GError               **error)
{
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GfSeriesSet) growth = NULL;
  g_autofree GfChartSeries *series = NULL;
  g_autofree char *years = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree double *single = NULL;
  g_autoptr(GError) local_error = NULL;
  const GfSeriesSet *shown;
  const GfIndicator *indicator;
  GfChartSpec spec = { 0 };
  static const gint64 none = 0;
  gboolean district_only;
  gboolean has_data = FALSE;
  int first_year, last_year, fetch_first;
  guint offset;

  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->cluster_ids != NULL || request->n_clusters == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  indicator = request->indicator != NULL
              ? gf_aggregator_get_indicator (aggregator, request->indicator) : NULL;
  if (indicator == NULL)
    {
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_INDICATOR,
                   _("There is no indicator “%s”"),
                   request->indicator != NULL ? request->indicator : "");
      return NULL;
    }

  if ((request->kind == GF_CHART_KIND_STACKED_BAR || request->kind == GF_CHART_KIND_DONUT)
      && is_average (indicator))
    {
      /* Translators: %s is an indicator name, e.g. 农民人均纯收入 */
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_KIND,
                   _("“%s” is an average, and averages of clusters do not add up: show it as "
                     "a line, bar or ranking instead"), indicator->name_zh);
      return NULL;
    }

  if (!resolve_years (aggregator, request, &first_year, &last_year, error))
    return NULL;
  if (gf_chart_kind_is_single_year (request->kind))
    first_year = last_year;

  /* Growth in the first year shown needs the year before it. */
  fetch_first = first_year;
  if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    {
      int data_first, data_last;

      if (!gf_store_year_range (gf_aggregator_get_database (aggregator), &data_first,
                                &data_last, error))
        return NULL;
      if (first_year > data_first)
        fetch_first = first_year - 1;
    }
  offset = (guint) (first_year - fetch_first);

  /* A sparkline of every cluster is one line: the district's. */
  district_only = request->kind == GF_CHART_KIND_SPARKLINE && request->cluster_ids == NULL;

  set = gf_series_by_cluster (aggregator, indicator,
                              district_only ? &none : request->cluster_ids,
                              district_only ? 0 : request->n_clusters,
                              fetch_first, last_year, district_only, &local_error);
  if (set == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (set->n_series == 0)
    {
      g_set_error_literal (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_CLUSTER,
                           _("The district has no clusters yet, so there is nothing to compare"));
      return NULL;
    }

  if (request->kind == GF_CHART_KIND_GROWTH_BAR)
    growth = gf_series_growth (set);
  shown = growth != NULL ? growth : set;

  years = gf_chart_format_years (first_year, last_year);
  for (guint s = 0; s < shown->n_series && !has_data; s++)
    for (guint y = offset; y < shown->n_years && !has_data; y++)
      if (!gf_chart_kind_is_single_year (request->kind) || y == shown->n_years - 1)
        has_data = !isnan (shown->values[s][y]);
  if (!has_data)
    {
      /* Translators: the first %s is an indicator name, the second a year or range of years */
      g_set_error (error, GF_CHART_SPEC_ERROR, GF_CHART_SPEC_ERROR_NO_DATA,
                   request->kind == GF_CHART_KIND_GROWTH_BAR
                   ? _("There is not enough data on “%s” in %s to compute a growth rate")
                   : _("No village reported “%s” in %s"),
                   indicator->name_zh, years);
      return NULL;
    }

  subtitle = make_subtitle (request, years);
  spec.kind = request->kind;
  spec.title = indicator->name_zh;
  spec.subtitle = subtitle;
  spec.unit = request->kind == GF_CHART_KIND_GROWTH_BAR ? "%" : indicator->unit;
  spec.no_data_message = _("No data for this indicator");
  spec.width = 960;
  spec.height = 540;
  spec.font_scale = 1;

  if (gf_chart_kind_is_single_year (request->kind))
    {
      /* The clusters become the categories of one series: the last year's values. */
      single = g_new (double, shown->n_series);
      for (guint s = 0; s < shown->n_series; s++)
        single[s] = shown->values[s][shown->n_years - 1];
      series = g_new0 (GfChartSeries, 1);
      series[0] = (GfChartSeries) { indicator->name_zh, single, shown->n_series };
      spec.categories = (const char * const *) shown->names;
      spec.n_categories = shown->n_series;
      spec.series = series;
      spec.n_series = 1;
      spec.show_values = TRUE;
    }
  else
    {
      series = g_new0 (GfChartSeries, shown->n_series);
      for (guint s = 0; s < shown->n_series; s++)
        series[s] = (GfChartSeries) { shown->names[s], shown->values[s] + offset,
                                      shown->n_years - offset, shown->colors[s] };
      spec.categories = (const char * const *) shown->categories + offset;
      spec.n_categories = shown->n_years - offset;
      spec.series = series;
      spec.n_series = shown->n_series;
    }

  if (out_first_year != NULL)
    *out_first_year = first_year;
  if (out_last_year != NULL)
    *out_last_year = last_year;

  return gf_chart_spec_copy (&spec);
}
