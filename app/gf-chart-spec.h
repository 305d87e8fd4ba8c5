/* gf-chart-spec.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From "which chart of which indicator for which clusters and years" to a #GfChartSpec that
 * the chart engine draws: the same request gives the same chart in the CLI, a briefing slide
 * and (later) the Charts view.
 */

#pragma once

#include "gf-aggregate.h"
#include "gf-chart-layout.h"

G_BEGIN_DECLS

#define GF_CHART_SPEC_ERROR (gf_chart_spec_error_quark ())

/**
 * GfChartSpecError:
 * @GF_CHART_SPEC_ERROR_INDICATOR: no indicator has that code
 * @GF_CHART_SPEC_ERROR_CLUSTER: no cluster has that name or id
 * @GF_CHART_SPEC_ERROR_YEARS: the years are not a range, or lie outside the data
 * @GF_CHART_SPEC_ERROR_NO_DATA: no village reported the indicator in those years
 * @GF_CHART_SPEC_ERROR_KIND: the kind of chart does not suit the indicator (a stacked bar or
 *   a donut adds the clusters up, which an average cannot be)
 *
 * Why a chart cannot be built. The messages are sentences for the user.
 */
typedef enum
{
  GF_CHART_SPEC_ERROR_INDICATOR,
  GF_CHART_SPEC_ERROR_CLUSTER,
  GF_CHART_SPEC_ERROR_YEARS,
  GF_CHART_SPEC_ERROR_NO_DATA,
  GF_CHART_SPEC_ERROR_KIND,
} GfChartSpecError;

/**
 * GfChartRequest:
 * @kind: the kind of chart
 * @indicator: the indicator's code
 * @cluster_ids: (array length=n_clusters) (nullable): the clusters, in the order of their
 *   series; %NULL for every cluster
 * @n_clusters: the number of @cluster_ids
 * @first_year: the first year, or 0 for the first year with data (for growth: the second,
 *   since the first has nothing to grow from)
 * @last_year: the last year, or 0 for the last year with data. Ranked bars and donuts show
 *   this year alone
 *
 * What to chart.
 */
typedef struct
{
  GfChartKind    kind;
  const char    *indicator;
  const gint64  *cluster_ids;
  guint          n_clusters;
  int            first_year;
  int            last_year;
} GfChartRequest;

GQuark        gf_chart_spec_error_quark     (void);

gboolean      gf_chart_kind_from_name       (const char            *name,
                                             GfChartKind           *kind);
const char   *gf_chart_kind_to_name         (GfChartKind            kind);
const char   *gf_chart_kind_to_label        (GfChartKind            kind);
gboolean      gf_chart_kind_is_single_year  (GfChartKind            kind);

char         *gf_chart_format_years         (int                    first_year,
                                             int                    last_year);
GArray       *gf_chart_clusters_from_names  (GfDatabase            *db,
                                             const char * const    *names,
                                             GError               **error);

GfChartSpec  *gf_chart_spec_build           (GfAggregator          *aggregator,
                                             const GfChartRequest  *request,
                                             int                   *out_first_year,
                                             int                   *out_last_year,
                                             GError               **error);

G_END_DECLS
