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
 * @GF_CHART_SPEC_ERROR_CLUSTER: no cluster (or, for villages, no village) has that name or id,
 *   or villages were asked for without naming any
 * @GF_CHART_SPEC_ERROR_YEARS: the years are not a range, or lie outside the data
 * @GF_CHART_SPEC_ERROR_NO_DATA: no village reported the indicator in those years
 * @GF_CHART_SPEC_ERROR_KIND: the kind of chart does not suit the indicators (a stacked bar or
 *   a donut adds the clusters up, which an average cannot be; several indicators need a
 *   grouped or stacked bar and one unit)
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
 * GfChartSubject:
 * @GF_CHART_SUBJECT_CLUSTERS: compare clusters (组团) of the current layout
 * @GF_CHART_SUBJECT_VILLAGES: compare chosen villages
 *
 * What a chart compares: its series (lines, bars per year) or, for single-year charts, its
 * categories.
 */
typedef enum
{
  GF_CHART_SUBJECT_CLUSTERS,
  GF_CHART_SUBJECT_VILLAGES,
} GfChartSubject;

/**
 * GfChartRequest:
 * @kind: the kind of chart
 * @indicators: (array length=n_indicators): the indicators' codes. One, or, for grouped and
 *   stacked bars only, several of the same unit: then the indicators are the series and the
 *   subjects the categories, in the last year (land: transferred, high-standard farmland, …
 *   stacked by cluster)
 * @n_indicators: the number of @indicators, at least 1
 * @subject: clusters or villages
 * @subject_ids: (array length=n_subjects) (nullable): the clusters or villages, in the order
 *   of their series; %NULL for every cluster (villages must be listed)
 * @n_subjects: the number of @subject_ids
 * @first_year: the first year, or 0 for the first year with data (for growth: the second,
 *   since the first has nothing to grow from)
 * @last_year: the last year, or 0 for the last year with data. Ranked bars, donuts and
 *   charts of several indicators show this year alone
 *
 * What to chart: the one description that the CLI, the Charts view's cards and briefing
 * slides share, so that the same request draws the same chart everywhere.
 */
typedef struct
{
  GfChartKind          kind;
  const char * const  *indicators;
  guint                n_indicators;
  GfChartSubject       subject;
  const gint64        *subject_ids;
  guint                n_subjects;
  int                  first_year;
  int                  last_year;
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
GArray       *gf_chart_villages_from_names  (GfDatabase            *db,
                                             const char * const    *names,
                                             GError               **error);
const char   *gf_chart_subject_to_name      (GfChartSubject         subject);
gboolean      gf_chart_subject_from_name    (const char            *name,
                                             GfChartSubject        *subject);

GfChartSpec  *gf_chart_spec_build           (GfAggregator          *aggregator,
                                             const GfChartRequest  *request,
                                             int                   *out_first_year,
                                             int                   *out_last_year,
                                             GError               **error);

G_END_DECLS
