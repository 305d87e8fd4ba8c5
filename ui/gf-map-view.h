/* gf-map-view.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "gf-basemap.h"
#include "gf-map-data.h"
#include "gf-map-style.h"
#include "gf-map-util.h"
#include "gf-tile-source.h"

G_BEGIN_DECLS

/* The map widget. (app/gf-map-render.h called its drawing extent GfMapView before it became
 * GfMapExtent; its transitional typedef steps aside when this header comes first.) */
#define GF_TYPE_MAP_VIEW (gf_map_view_get_type ())

G_DECLARE_FINAL_TYPE (GfMapView, gf_map_view, GF, MAP_VIEW, GtkWidget)

GfMapView        *gf_map_view_new                (void);
void              gf_map_view_set_content        (GfMapView         *self,
                                                  GfMapData         *data,
                                                  GfMapStyle        *style,
                                                  guint              layers);
GfMapData        *gf_map_view_get_data           (GfMapView         *self);
GfMapStyle       *gf_map_view_get_style          (GfMapView         *self);
guint             gf_map_view_get_layers         (GfMapView         *self);
ShumateMap       *gf_map_view_get_map            (GfMapView         *self);
ShumateViewport  *gf_map_view_get_viewport       (GfMapView         *self);
GfTileSource     *gf_map_view_get_tile_source    (GfMapView         *self);
GfBasemap        *gf_map_view_get_basemap        (GfMapView         *self);
void              gf_map_view_select             (GfMapView         *self,
                                                  GfMapFeatureKind   kind,
                                                  int                index);
GfMapFeatureKind  gf_map_view_get_selection      (GfMapView         *self,
                                                  int               *index);
gboolean          gf_map_view_pick               (GfMapView         *self,
                                                  double             x,
                                                  double             y,
                                                  GfMapFeatureKind  *kind,
                                                  int               *index);
gboolean          gf_map_view_select_at          (GfMapView         *self,
                                                  double             x,
                                                  double             y);
gboolean          gf_map_view_zoom_to_feature    (GfMapView         *self,
                                                  GfMapFeatureKind   kind,
                                                  int                index);
gboolean          gf_map_view_zoom_to_district   (GfMapView         *self);
void              gf_map_view_location_to_widget (GfMapView         *self,
                                                  double             x,
                                                  double             y,
                                                  double            *widget_x,
                                                  double            *widget_y);
void              gf_map_view_set_plan_mode      (GfMapView         *self,
                                                  gboolean           plan_mode);
gboolean          gf_map_view_get_plan_mode      (GfMapView         *self);
int               gf_map_view_pick_village       (GfMapView         *self,
                                                  double             x,
                                                  double             y);
void              gf_map_view_lasso              (GfMapView         *self,
                                                  const double      *points,
                                                  guint              n_points);

G_END_DECLS
