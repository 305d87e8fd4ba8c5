/* gf-map-data.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-database.h"

G_BEGIN_DECLS

/* The largest latitude Web Mercator shows (the world is a square). */
#define GF_MAP_MAX_LATITUDE 85.05112877980659

/* Logical pixels of one tile, and of the whole world at zoom 0, as libshumate uses them. */
#define GF_MAP_TILE_SIZE 256

/**
 * GfMapLayers:
 * @GF_MAP_LAYER_TOWNS: town boundaries (dashed) and the district outline
 * @GF_MAP_LAYER_CLUSTERS: cluster outlines (the union outline of their member villages)
 * @GF_MAP_LAYER_VILLAGES: village fills and outlines
 * @GF_MAP_LAYER_SITES: site symbols
 * @GF_MAP_LAYER_ROUTES: routes
 * @GF_MAP_LAYER_LABELS: names of clusters, towns, villages and sites
 *
 * The switchable layers of the map, as flags.
 */
typedef enum
{
  GF_MAP_LAYER_TOWNS    = 1 << 0,
  GF_MAP_LAYER_CLUSTERS = 1 << 1,
  GF_MAP_LAYER_VILLAGES = 1 << 2,
  GF_MAP_LAYER_SITES    = 1 << 3,
  GF_MAP_LAYER_ROUTES   = 1 << 4,
  GF_MAP_LAYER_LABELS   = 1 << 5,
} GfMapLayers;

#define GF_MAP_LAYER_ALL  ((guint) 0x3f)

/**
 * GfMapRect:
 *
 * A rectangle in world coordinates: Web Mercator normalised to [0, 1], x to the east and
 * y to the south (y = 0 at latitude 85.05°, the top of tile row 0).
 */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} GfMapRect;

typedef enum
{
  GF_MAP_SITE_AGRI_PARK,
  GF_MAP_SITE_INTEGRATION_PARK,
  GF_MAP_SITE_LOGISTICS_CENTRE,
  GF_MAP_SITE_COMMON_FACTORY,
  GF_MAP_SITE_ECOMMERCE_BUILDING,
  GF_MAP_SITE_SERVICE_CENTRE,
  GF_MAP_SITE_SCENIC_SPOT,
  GF_MAP_SITE_BASE,
  GF_MAP_SITE_N_KINDS
} GfMapSiteKind;

typedef enum
{
  GF_MAP_LEVEL_NATIONAL,
  GF_MAP_LEVEL_PROVINCIAL,
  GF_MAP_LEVEL_CITY,
  GF_MAP_LEVEL_DISTRICT,
  GF_MAP_N_LEVELS
} GfMapSiteLevel;

typedef enum
{
  GF_MAP_ROUTE_SCENIC_ROAD,
  GF_MAP_ROUTE_RED_TOURISM,
  GF_MAP_ROUTE_INDUSTRY_LINE,
  GF_MAP_ROUTE_N_KINDS
} GfMapRouteKind;

/**
 * GfMapArea:
 * @id: the row id
 * @code: (nullable): the statistical code
 * @name: the name
 * @first_ring: index of the first ring, for gf_map_data_get_ring()
 * @n_rings: rings of the boundary, 0 when it has none
 * @bounds: the boundary's box, in world coordinates
 * @label_x: a point inside the boundary, where its name goes (world coordinates)
 * @label_y: see @label_x
 *
 * The district or a town.
 */
typedef struct
{
  gint64       id;
  const char  *code;
  const char  *name;
  guint        first_ring;
  guint        n_rings;
  GfMapRect    bounds;
  double       label_x;
  double       label_y;
} GfMapArea;

/**
 * GfMapVillage:
 * @town: index of its town in gf_map_data_get_town(), or -1 when the town has no boundary
 * @cluster: index of its cluster in the layout, or -1
 * @cluster_id: its cluster's id in the layout, or 0
 * @n_rings: 0 for a village known only by its point (then @bounds is that point)
 * @label_x: a point inside the polygon (the centroid when inside), or the village's point
 *
 * A village, with everything in world coordinates.
 */
typedef struct
{
  gint64       id;
  const char  *code;
  const char  *name;
  gint64       town_id;
  gint64       cluster_id;
  int          town;
  int          cluster;
  guint        first_ring;
  guint        n_rings;
  GfMapRect    bounds;
  double       label_x;
  double       label_y;
} GfMapVillage;

/**
 * GfMapCluster:
 * @color: its colour as 0xRRGGBB (the stored colour, or one of a colour-blind-safe palette)
 * @members: (array length=n_members): indices of its villages in the layout, ascending
 * @bounds: the box of its members, in world coordinates (empty without members)
 * @label_x: where its name goes: inside one of its members, near their centre
 */
typedef struct
{
  gint64        id;
  const char   *name;
  const char   *brand;
  guint32       color;
  const guint  *members;
  guint         n_members;
  GfMapRect     bounds;
  double        label_x;
  double        label_y;
} GfMapCluster;

/**
 * GfMapSite:
 * @x: the projected point (world coordinates)
 * @cluster: index of its cluster, or -1
 */
typedef struct
{
  gint64          id;
  const char     *name;
  GfMapSiteKind   kind;
  GfMapSiteLevel  level;
  double          lon;
  double          lat;
  double          x;
  double          y;
  gint64          cluster_id;
  int             cluster;
  gint64          village_id;
} GfMapSite;

typedef struct
{
  gint64          id;
  const char     *name;
  GfMapRouteKind  kind;
  gint64          cluster_id;
  int             cluster;
  guint           first_ring;
  guint           n_rings;
  GfMapRect       bounds;
} GfMapRoute;

/**
 * GfMapHit:
 * @layer: the topmost layer hit among those asked for (SITES, then ROUTES, VILLAGES,
 *   CLUSTERS, TOWNS), or 0 when nothing is under the point
 * @site: index of the nearest site within the tolerance, or -1
 * @route: index of the nearest route within the tolerance, or -1
 * @village: index of the village whose polygon holds the point (or whose point is within the
 *   tolerance, for villages without a polygon), or -1
 * @cluster: index of that village's cluster, or -1
 * @town: index of the town whose boundary holds the point, or -1
 *
 * What lies under a point of the map.
 */
typedef struct
{
  GfMapLayers  layer;
  int          site;
  int          route;
  int          village;
  int          cluster;
  int          town;
} GfMapHit;

typedef struct _GfMapData GfMapData;

void                 gf_map_project               (double              lon,
                                                   double              lat,
                                                   double             *x,
                                                   double             *y);
void                 gf_map_unproject             (double              x,
                                                   double              y,
                                                   double             *lon,
                                                   double             *lat);
double               gf_map_world_size            (double              zoom);
void                 gf_map_tile_at               (int                 zoom,
                                                   double              x,
                                                   double              y,
                                                   int                *tile_x,
                                                   int                *tile_y);
GfMapRect            gf_map_tile_rect             (int                 zoom,
                                                   int                 tile_x,
                                                   int                 tile_y);
double               gf_map_meters_per_pixel      (double              zoom,
                                                   double              y);

GfMapData           *gf_map_data_load             (GfDatabase         *db,
                                                   gint64              layout_id,
                                                   GError            **error);
GfMapData           *gf_map_data_ref              (GfMapData          *data);
void                 gf_map_data_unref            (GfMapData          *data);
gint64               gf_map_data_get_layout_id    (const GfMapData    *data);
GfMapRect            gf_map_data_get_bounds       (const GfMapData    *data);
const GfMapArea     *gf_map_data_get_district     (const GfMapData    *data);
guint                gf_map_data_get_n_towns      (const GfMapData    *data);
const GfMapArea     *gf_map_data_get_town         (const GfMapData    *data,
                                                   guint               index);
guint                gf_map_data_get_n_villages   (const GfMapData    *data);
const GfMapVillage  *gf_map_data_get_village      (const GfMapData    *data,
                                                   guint               index);
guint                gf_map_data_get_n_clusters   (const GfMapData    *data);
const GfMapCluster  *gf_map_data_get_cluster      (const GfMapData    *data,
                                                   guint               index);
guint                gf_map_data_get_n_sites      (const GfMapData    *data);
const GfMapSite     *gf_map_data_get_site         (const GfMapData    *data,
                                                   guint               index);
guint                gf_map_data_get_n_routes     (const GfMapData    *data);
const GfMapRoute    *gf_map_data_get_route        (const GfMapData    *data,
                                                   guint               index);
const double        *gf_map_data_get_ring         (const GfMapData    *data,
                                                   guint               ring,
                                                   guint              *n_points);
int                  gf_map_data_find_village     (const GfMapData    *data,
                                                   gint64              id);
int                  gf_map_data_find_cluster     (const GfMapData    *data,
                                                   gint64              id);
int                  gf_map_data_find_cluster_by_name (const GfMapData *data,
                                                   const char         *name);
void                 gf_map_data_query            (const GfMapData    *data,
                                                   GfMapLayers         layer,
                                                   const GfMapRect    *rect,
                                                   GArray             *indices);
gboolean             gf_map_data_pick             (const GfMapData    *data,
                                                   double              x,
                                                   double              y,
                                                   double              tolerance,
                                                   guint               layers,
                                                   GfMapHit           *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfMapData, gf_map_data_unref)

G_END_DECLS
