/* gf-tile-source.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "gf-map-data.h"
#include "gf-map-style.h"

G_BEGIN_DECLS

#define GF_TYPE_TILE_SOURCE (gf_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (GfTileSource, gf_tile_source, GF, TILE_SOURCE, ShumateMapSource)

GfTileSource *gf_tile_source_new               (void);
void          gf_tile_source_set_content       (GfTileSource  *self,
                                                GfMapData     *data,
                                                GfMapStyle    *style,
                                                guint          layers);
GfMapData    *gf_tile_source_get_data          (GfTileSource  *self);
GfMapStyle   *gf_tile_source_get_style         (GfTileSource  *self);
guint         gf_tile_source_get_layers        (GfTileSource  *self);
void          gf_tile_source_set_scale_factor  (GfTileSource  *self,
                                                int            scale_factor);
void          gf_tile_source_set_display_scale (GfTileSource  *self,
                                                double         display_scale);
double        gf_tile_source_get_display_scale (GfTileSource  *self);
GPtrArray    *gf_tile_source_list_tiles        (GfTileSource  *self);
guint         gf_tile_source_get_generation    (GfTileSource  *self);
guint         gf_tile_source_get_n_pending     (GfTileSource  *self);
void          gf_tile_source_get_stats         (GfTileSource  *self,
                                                guint         *n_rendered,
                                                double        *mean_ms,
                                                double        *max_ms);

G_END_DECLS
