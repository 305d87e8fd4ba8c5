/* gf-series.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-aggregate.h"
#include "gf-chart-layout.h"

G_BEGIN_DECLS

/**
 * GfSeriesSet:
 * @code: the indicator's code
 * @name_zh: its Chinese name
 * @name_en: its English name
 * @unit: the unit of the values, from the catalogue
 * @first_year: the first year
 * @n_years: the number of years (categories)
 * @categories: (array length=n_years): the years as text, e.g. "2024"
 * @n_series: the number of series
 * @names: (array length=n_series): the series names (cluster, village or district names)
 * @ids: (array length=n_series): the cluster or village id of each series (0: district)
 * @colors: (array length=n_series): each series' colour as #RRGGBB, or %NULL for the palette
 * @values: (array length=n_series): @n_years values per series; NaN where no village reported
 *
 * The numbers a chart needs, with no drawing: one indicator over a range of years for some
 * clusters, villages or the district. A value that nobody reported is NaN, never 0.
 */
typedef struct
{
  char     *code;
  char     *name_zh;
  char     *name_en;
  char     *unit;
  int       first_year;
  guint     n_years;
  char    **categories;
  guint     n_series;
  char    **names;
  gint64   *ids;
  char    **colors;
  double  **values;
} GfSeriesSet;

GfSeriesSet *gf_series_by_cluster   (GfAggregator        *aggregator,
                                     const GfIndicator   *indicator,
                                     const gint64        *cluster_ids,
                                     guint                n_clusters,
                                     int                  first_year,
                                     int                  last_year,
                                     gboolean             with_district,
                                     GError             **error);
GfSeriesSet *gf_series_by_village   (GfAggregator        *aggregator,
                                     GfDatabase          *db,
                                     const GfIndicator   *indicator,
                                     const gint64        *village_ids,
                                     guint                n_villages,
                                     int                  first_year,
                                     int                  last_year,
                                     GError             **error);
GfSeriesSet *gf_series_growth       (const GfSeriesSet   *set);
GArray      *gf_series_rank         (const GfSeriesSet   *set);
GfSeriesSet *gf_series_select       (const GfSeriesSet   *set,
                                     const guint         *indices,
                                     guint                n,
                                     const char          *rest_name);
gboolean     gf_series_has_data     (const GfSeriesSet   *set);
double       gf_series_value        (const GfSeriesSet   *set,
                                     guint                series,
                                     int                  year);
GfChartSeries *gf_series_to_chart   (const GfSeriesSet   *set);
void         gf_series_set_free     (GfSeriesSet         *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSeriesSet, gf_series_set_free)

G_END_DECLS
