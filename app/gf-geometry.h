/* gf-geometry.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GF_GEOMETRY_ERROR (gf_geometry_error_quark ())

typedef enum
{
  GF_GEOMETRY_ERROR_INVALID,      /* not a GeoJSON geometry of an accepted type */
  GF_GEOMETRY_ERROR_COORDINATES,  /* coordinates outside China or of another system */
} GfGeometryError;

typedef enum
{
  GF_GEOMETRY_AREA,   /* Polygon or MultiPolygon: parts are polygons, rings are exterior + holes */
  GF_GEOMETRY_LINE,   /* LineString or MultiLineString: each part is one ring (a polyline) */
} GfGeometryKind;

typedef struct
{
  double min_lon;
  double min_lat;
  double max_lon;
  double max_lat;
} GfBounds;

/**
 * GfGeometry:
 * @kind: areas or lines
 * @n_parts: polygons (areas) or polylines (lines)
 * @part_start: (array length=n_parts+1): index of each part's first ring
 * @n_rings: number of rings
 * @ring_start: (array length=n_rings+1): index of each ring's first point
 * @n_points: number of points
 * @coords: (array): lon, lat pairs in WGS84 degrees; rings are closed (first = last point)
 *
 * A polygon set or polyline set in flat arrays, as stored in the database and drawn by the
 * map renderer without per-feature allocations.
 */
typedef struct
{
  GfGeometryKind  kind;
  guint           n_parts;
  guint          *part_start;
  guint           n_rings;
  guint          *ring_start;
  guint           n_points;
  double         *coords;
} GfGeometry;

GQuark      gf_geometry_error_quark       (void);
GfGeometry *gf_geometry_new_from_json     (JsonNode          *geometry,
                                           gboolean           from_gcj02,
                                           GError           **error);
JsonNode   *gf_geometry_to_json           (const GfGeometry  *geometry);
GBytes     *gf_geometry_to_blob           (const GfGeometry  *geometry);
GfGeometry *gf_geometry_new_from_blob     (const void        *data,
                                           gsize              size,
                                           GError           **error);
GfGeometry *gf_geometry_copy              (const GfGeometry  *geometry);
void        gf_geometry_free              (GfGeometry        *geometry);
GfBounds    gf_geometry_get_bounds        (const GfGeometry  *geometry);
double      gf_geometry_area_m2           (const GfGeometry  *geometry);
double      gf_geometry_length_m          (const GfGeometry  *geometry);
gboolean    gf_geometry_centroid          (const GfGeometry  *geometry,
                                           double            *lon,
                                           double            *lat);
gboolean    gf_geometry_contains          (const GfGeometry  *geometry,
                                           double             lon,
                                           double             lat);

gboolean    gf_coordinates_in_china       (double             lon,
                                           double             lat);
void        gf_wgs84_to_gcj02             (double             lon,
                                           double             lat,
                                           double            *out_lon,
                                           double            *out_lat);
void        gf_gcj02_to_wgs84             (double             lon,
                                           double             lat,
                                           double            *out_lon,
                                           double            *out_lat);
double      gf_distance_m                 (double             lon1,
                                           double             lat1,
                                           double             lon2,
                                           double             lat2);

/* 1 亩 = 10000/15 m² exactly, and 1 km² = 1,500 亩. */
#define GF_M2_PER_MU (10000.0 / 15.0)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfGeometry, gf_geometry_free)

G_END_DECLS
