/* gf-map-util.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "gf-map-data.h"
#include "gf-map-style.h"
#include "gf-store.h"

/* The renderer's extent type was called GfMapView, the name of the map widget of
 * ui/gf-map-view.h; it is GfMapExtent now, with a transitional GfMapView typedef in
 * gf-map-render.h. Files with the widget reach the renderer through the wrappers below, so
 * that they build whatever the order of the headers. */

G_BEGIN_DECLS

/**
 * GfMapFeatureKind:
 * @GF_MAP_FEATURE_NONE: nothing
 * @GF_MAP_FEATURE_TOWN: a town (镇街)
 * @GF_MAP_FEATURE_CLUSTER: a cluster of villages (组团)
 * @GF_MAP_FEATURE_VILLAGE: a village (行政村)
 * @GF_MAP_FEATURE_SITE: a park or site
 *
 * What a selection, a hover or a search result points at; the index is into the matching
 * array of the #GfMapData.
 */
typedef enum
{
  GF_MAP_FEATURE_NONE,
  GF_MAP_FEATURE_TOWN,
  GF_MAP_FEATURE_CLUSTER,
  GF_MAP_FEATURE_VILLAGE,
  GF_MAP_FEATURE_SITE,
} GfMapFeatureKind;

/**
 * GfMapMatch:
 * @kind: what matched
 * @index: its index in the map data
 * @name: (not nullable): its name, borrowed from the map data
 * @code: (nullable): its code, borrowed from the map data
 *
 * A search result.
 */
typedef struct
{
  GfMapFeatureKind  kind;
  int               index;
  const char       *name;
  const char       *code;
  int               score;
} GfMapMatch;

/* The indicators the details pane shows for a village or a cluster, in this order. */
#define GF_MAP_N_KEY_INDICATORS 5
extern const char * const gf_map_key_indicators[GF_MAP_N_KEY_INDICATORS];

gboolean     gf_map_util_prefer_chinese      (void);
const char  *gf_map_util_indicator_name      (const GfIndicator *indicator);
GfMapRect    gf_map_util_feature_bounds      (const GfMapData   *data,
                                              GfMapFeatureKind   kind,
                                              int                index);
gboolean     gf_map_util_fit_rect            (const GfMapRect   *rect,
                                              double             width,
                                              double             height,
                                              double             padding,
                                              double             max_zoom,
                                              double            *latitude,
                                              double            *longitude,
                                              double            *zoom);
GArray      *gf_map_util_search              (const GfMapData   *data,
                                              const char        *text,
                                              guint              max_results);
const char  *gf_map_util_feature_kind_label  (GfMapFeatureKind   kind);
char        *gf_map_util_format_number       (double             value);
char        *gf_map_util_format_with_unit    (double             value,
                                              const char        *unit);
void         gf_map_util_measure_legend      (const GfMapData   *data,
                                              const GfMapStyle  *style,
                                              guint              layers,
                                              double            *width,
                                              double            *height);
void         gf_map_util_draw_legend         (const GfMapData   *data,
                                              const GfMapStyle  *style,
                                              guint              layers,
                                              cairo_t           *cr);

G_END_DECLS
