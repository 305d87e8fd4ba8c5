/* gf-map-render.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "gf-map-data.h"
#include "gf-map-style.h"

G_BEGIN_DECLS

/**
 * GfMapExtent:
 * @center_x: world x at the centre of the area
 * @center_y: world y at the centre of the area
 * @zoom: Web Mercator zoom, fractional or not: the world is 256 · 2^zoom logical pixels wide
 * @width: width of the area in logical pixels (cairo user units)
 * @height: height of the area in logical pixels
 *
 * An extent to draw: the area from (0, 0) to (@width, @height) of a cairo_t shows the world
 * around (@center_x, @center_y) at @zoom. Line widths, symbols and text are in logical pixels;
 * a device scale on the target (HiDPI, a 300-dpi PNG) makes them sharper, not bigger. (Not
 * called a view: GfMapView is the map widget of ui/.)
 */
typedef struct
{
  double center_x;
  double center_y;
  double zoom;
  double width;
  double height;
} GfMapExtent;

void        gf_map_extent_init_fit        (GfMapExtent        *extent,
                                           const GfMapRect    *rect,
                                           double              width,
                                           double              height,
                                           double              padding);
GfMapRect   gf_map_extent_get_rect        (const GfMapExtent  *extent);
void        gf_map_extent_world_to_pixel  (const GfMapExtent  *extent,
                                           double              x,
                                           double              y,
                                           double             *px,
                                           double             *py);
void        gf_map_extent_pixel_to_world  (const GfMapExtent  *extent,
                                           double              px,
                                           double              py,
                                           double             *x,
                                           double             *y);

void        gf_map_render                 (const GfMapData    *data,
                                           const GfMapStyle   *style,
                                           const GfMapExtent  *extent,
                                           guint               layers,
                                           cairo_t            *cr);
void        gf_map_render_tile            (const GfMapData    *data,
                                           const GfMapStyle   *style,
                                           guint               layers,
                                           int                 zoom,
                                           int                 tile_x,
                                           int                 tile_y,
                                           int                 tile_size,
                                           cairo_t            *cr);
void        gf_map_render_tile_at_scale   (const GfMapData    *data,
                                           const GfMapStyle   *style,
                                           guint               layers,
                                           int                 zoom,
                                           int                 tile_x,
                                           int                 tile_y,
                                           int                 tile_size,
                                           double              display_scale,
                                           cairo_t            *cr);
gboolean    gf_map_tile_has_features      (const GfMapData    *data,
                                           guint               layers,
                                           int                 zoom,
                                           int                 tile_x,
                                           int                 tile_y);

void        gf_map_measure_legend         (const GfMapData    *data,
                                           const GfMapStyle   *style,
                                           guint               layers,
                                           cairo_t            *cr,
                                           double             *width,
                                           double             *height);
void        gf_map_render_legend          (const GfMapData    *data,
                                           const GfMapStyle   *style,
                                           guint               layers,
                                           cairo_t            *cr,
                                           double              x,
                                           double              y);
void        gf_map_render_scale_bar       (const GfMapExtent  *extent,
                                           cairo_t            *cr,
                                           double              x,
                                           double              y,
                                           double              max_width);

/* Transitional names from before the rename to GfMapExtent, for callers not yet moved.
 * Absent where the map widget's header (which defines GfMapView) came first; remove them
 * once app/gf-briefing.c uses the new names. */
#ifndef GF_TYPE_MAP_VIEW
typedef GfMapExtent GfMapView;
#define gf_map_view_init_fit         gf_map_extent_init_fit
#define gf_map_view_get_rect         gf_map_extent_get_rect
#define gf_map_view_world_to_pixel   gf_map_extent_world_to_pixel
#define gf_map_view_pixel_to_world   gf_map_extent_pixel_to_world
#endif

const char *gf_map_site_kind_to_label     (GfMapSiteKind       kind);
const char *gf_map_site_level_to_label    (GfMapSiteLevel      level);
const char *gf_map_route_kind_to_label    (GfMapRouteKind      kind);
guint32     gf_map_site_kind_color        (GfMapSiteKind       kind);
guint32     gf_map_route_kind_color       (GfMapRouteKind      kind);

G_END_DECLS
