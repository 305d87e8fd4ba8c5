/* gf-map-data-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inside of GfMapData, shared with the map renderer. Every field is written while loading
 * and only read afterwards.
 */

#pragma once

#include "gf-map-data.h"

G_BEGIN_DECLS

/* A uniform grid over one layer: cell (cx, cy) lists the items whose box touches it, in CSR
 * form (cell_start has nx·ny + 1 entries). */
typedef struct
{
  guint       nx;
  guint       ny;
  double      x0;
  double      y0;
  double      inv_cell_w;
  double      inv_cell_h;
  guint      *cell_start;
  guint      *items;
  GfMapRect  *item_bounds;   /* a copy, so a query reads one array */
  guint       n_items;
} GfMapGrid;

enum
{
  GF_MAP_GRID_TOWNS,
  GF_MAP_GRID_VILLAGES,
  GF_MAP_GRID_SITES,
  GF_MAP_GRID_ROUTES,
  GF_MAP_N_GRIDS
};

/* _GfMapData.edge_flags: the edge from point i to point i + 1 of a village ring lies on the
 * outline of the village's cluster (the village across it is in another cluster or none). */
#define GF_MAP_EDGE_CLUSTER_BOUNDARY 1
/* The edge from point i to point i + 1 of a village ring is also an edge of another village
 * that comes earlier in the points: outlines draw it once, from there. */
#define GF_MAP_EDGE_TWIN 2

struct _GfMapData
{
  gatomicrefcount  ref_count;
  gint64           layout_id;
  GStringChunk    *strings;

  /* All rings of all features: world x, y pairs; ring r is points ring_start[r] to
   * ring_start[r + 1] - 1, closed (the last point repeats the first). */
  double          *xy;
  guint            n_points;
  guint           *ring_start;
  guint            n_rings;
  guint8          *edge_flags;     /* n_points entries */

  gboolean         has_district;
  GfMapArea        district;
  GArray          *towns;          /* GfMapArea */
  GArray          *villages;       /* GfMapVillage, by id */
  GArray          *clusters;       /* GfMapCluster, by id */
  guint           *cluster_members;
  GArray          *sites;          /* GfMapSite, by id */
  GArray          *routes;         /* GfMapRoute, by id */

  GfMapRect        bounds;
  double           village_size;   /* median of the villages' box sides, world units */
  double           village_max_w;  /* the widest village box, world units */
  double           village_max_h;  /* the tallest */
  gboolean         has_point_villages;
  GfMapGrid        grids[GF_MAP_N_GRIDS];
};

G_END_DECLS
