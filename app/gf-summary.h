/* gf-summary.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gf-database.h"

G_BEGIN_DECLS

/**
 * GfClusterSummary:
 * @id: the cluster's id
 * @name: its name
 * @brand: (nullable): its brand
 * @color: (nullable): its colour, #RRGGBB
 * @n_members: villages in the cluster in the current layout
 * @values: (array): for each indicator of #GfSummary.indicators, the cluster's aggregate for
 *   the year (NaN where no member reported a value)
 */
typedef struct
{
  gint64   id;
  char    *name;
  char    *brand;
  char    *color;
  guint    n_members;
  double  *values;
} GfClusterSummary;

/**
 * GfSummary:
 * @district_code: (nullable): the district's code
 * @district_name: (nullable): its name
 * @is_sample: whether the database holds the invented sample district
 * @district_area_km2: the area of the district boundary, NaN without one
 * @n_towns, @n_villages, @n_clusters, @n_sites, @n_routes: counts of records
 * @year: the year of the aggregates (0 when there are no observations)
 * @first_year, @last_year: the years with observations
 * @indicators: (element-type GfIndicator): the catalogue, in display order
 * @clusters: (element-type GfClusterSummary): clusters of the current layout
 * @district_values: (array): each indicator over all villages of the district
 */
typedef struct
{
  char       *district_code;
  char       *district_name;
  gboolean    is_sample;
  double      district_area_km2;
  gint64      n_towns;
  gint64      n_villages;
  gint64      n_clusters;
  gint64      n_sites;
  gint64      n_routes;
  int         year;
  int         first_year;
  int         last_year;
  GPtrArray  *indicators;
  GPtrArray  *clusters;
  double     *district_values;
} GfSummary;

GfSummary *gf_summary_compute  (GfDatabase       *db,
                                int               year,
                                GError          **error);
JsonNode  *gf_summary_to_json  (const GfSummary  *summary);
char      *gf_summary_to_text  (const GfSummary  *summary);
void       gf_summary_free     (GfSummary        *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfSummary, gf_summary_free)

G_END_DECLS
