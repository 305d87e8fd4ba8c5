/* gf-map-data.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the map draws, loaded once and projected once: district, towns, villages with
 * their cluster in one layout, clusters, sites and routes, with every coordinate in Web
 * Mercator world units (normalised to [0, 1]) in flat arrays, and a uniform grid per layer so
 * that "what touches this rectangle" costs in proportion to the answer.
 *
 * A GfMapData is immutable once gf_map_data_load() returns: queries, picks and the renderer
 * only read it and keep their scratch space in the caller's hands, so any number of threads
 * may use one GfMapData at the same time (tiles render in parallel). Changes to the database
 * make a new GfMapData; the old one lives on while a thread still holds a reference.
 */

#define G_LOG_DOMAIN "gf-map-data"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gf-geometry.h"
#include "gf-map-data-private.h"
#include "gf-store-map-private.h"

/* Colours for clusters that have none stored: Okabe–Ito, distinguishable with the common
 * colour-vision deficiencies, in the order the sample district uses them. */
static const guint32 default_cluster_colors[] = {
  0xD55E00, 0xE69F00, 0x009E73, 0x0072B2, 0xCC79A7, 0x56B4E9, 0x8C6D1F, 0x882255,
};

static const char * const site_kind_names[] = {
  "agri_park", "integration_park", "logistics_centre", "common_factory",
  "ecommerce_building", "service_centre", "scenic_spot", "base",
};

static const char * const site_level_names[] = {
  "national", "provincial", "city", "district",
};

static const char * const route_kind_names[] = {
  "scenic_road", "red_tourism", "industry_line",
};

G_STATIC_ASSERT (G_N_ELEMENTS (site_kind_names) == GF_MAP_SITE_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (site_level_names) == GF_MAP_N_LEVELS);
G_STATIC_ASSERT (G_N_ELEMENTS (route_kind_names) == GF_MAP_ROUTE_N_KINDS);

typedef struct
{
  GfMapData  *data;
  GArray     *xy;            /* double */
  GArray     *ring_start;    /* guint, without the final sentinel */
  GArray     *village_area;  /* double, world units², per village */
  GHashTable *town_by_id;    /* town id → index + 1 */
} Loader;

static const GfMapRect empty_rect = { INFINITY, INFINITY, -INFINITY, -INFINITY };

/* Geometry helpers */

static inline void
rect_add_point (GfMapRect *rect,
                double     x,
                double     y)
{
  rect->x0 = MIN (rect->x0, x);
  rect->y0 = MIN (rect->y0, y);
  rect->x1 = MAX (rect->x1, x);
  rect->y1 = MAX (rect->y1, y);
}

static inline void
rect_add_rect (GfMapRect       *rect,
               const GfMapRect *other)
{
  if (other->x0 > other->x1)
    return;
  rect->x0 = MIN (rect->x0, other->x0);
  rect->y0 = MIN (rect->y0, other->y0);
  rect->x1 = MAX (rect->x1, other->x1);
  rect->y1 = MAX (rect->y1, other->y1);
}

static inline gboolean
rect_intersects (const GfMapRect *a,
                 const GfMapRect *b)
{
  return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

/* Even-odd test over rings [r0, r1), as gf_geometry_contains() does in degrees. */
static gboolean
rings_contain (const GfMapData *data,
               guint            r0,
               guint            r1,
               double           x,
               double           y)
{
  gboolean inside = FALSE;

  for (guint r = r0; r < r1; r++)
    {
      guint start = data->ring_start[r];
      guint end = data->ring_start[r + 1];
      const double *p = data->xy;

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = p[2 * i], yi = p[2 * i + 1];
          double xj = p[2 * j], yj = p[2 * j + 1];

          if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
            inside = !inside;
        }
    }

  return inside;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The widest inside span of rings [r0, r1) along the horizontal line at @y. */
static double
widest_span (const double *xy,
             const guint  *ring_start,
             guint         r0,
             guint         r1,
             double        y,
             double       *mid_x)
{
  double stack_buf[64];
  double *xs = stack_buf;
  guint n = 0, capacity = G_N_ELEMENTS (stack_buf);
  double best = -1;

  for (guint r = r0; r < r1; r++)
    for (guint i = ring_start[r]; i + 1 < ring_start[r + 1]; i++)
      {
        double ya = xy[2 * i + 1], yb = xy[2 * i + 3];

        if ((ya > y) == (yb > y))
          continue;
        if (n == capacity)
          {
            capacity *= 2;
            if (xs == stack_buf)
              xs = g_memdup2 (stack_buf, sizeof stack_buf);
            xs = g_renew (double, xs, capacity);
          }
        xs[n++] = xy[2 * i] + (y - ya) / (yb - ya) * (xy[2 * i + 2] - xy[2 * i]);
      }

  qsort (xs, n, sizeof (double), compare_double);
  for (guint i = 0; i + 1 < n; i += 2)
    if (xs[i + 1] - xs[i] > best)
      {
        best = xs[i + 1] - xs[i];
        *mid_x = (xs[i] + xs[i + 1]) / 2;
      }

  if (xs != stack_buf)
    g_free (xs);

  return best;
}

/* Planar area (world units²) and centroid of rings [r0, r1) of one polygon: the first ring
 * adds, the others (holes) subtract, whatever their orientation. */
static double
part_centroid (const double *xy,
               const guint  *ring_start,
               guint         r0,
               guint         r1,
               double       *cx,
               double       *cy)
{
  double total = 0, sx = 0, sy = 0;

  for (guint r = r0; r < r1; r++)
    {
      double a = 0, rx = 0, ry = 0;
      guint start = ring_start[r];
      /* Relative to the ring's first point: world coordinates are close to each other and
       * far from 0, so this keeps the cross products exact enough. */
      double ox = xy[2 * start], oy = xy[2 * start + 1];

      for (guint i = start; i + 1 < ring_start[r + 1]; i++)
        {
          double x1 = xy[2 * i] - ox, y1 = xy[2 * i + 1] - oy;
          double x2 = xy[2 * i + 2] - ox, y2 = xy[2 * i + 3] - oy;
          double cross = x1 * y2 - x2 * y1;

          a += cross;
          rx += (x1 + x2) * cross;
          ry += (y1 + y2) * cross;
        }
      a /= 2;
      if (a != 0)
        {
          double sign = r == r0 ? 1 : -1;
          sx += sign * fabs (a) * (rx / (6 * a) + ox);
          sy += sign * fabs (a) * (ry / (6 * a) + oy);
          total += sign * fabs (a);
        }
    }

  if (total <= 0)
    return 0;

  *cx = sx / total;
  *cy = sy / total;
  return total;
}

/* A point inside the polygon to write its name at: the centroid of its largest part when that
 * lies inside, else the middle of the widest horizontal span through it (or, failing that,
 * through the part's box at a few heights). */
static void
label_point (const GfMapData  *data,
             const GfGeometry *geometry,
             guint             first_ring,
             const GfMapRect  *bounds,
             double           *area,
             double           *lx,
             double           *ly)
{
  double best_area = -1, cx = 0, cy = 0;
  guint best_part = 0;
  double total_area = 0;
  guint r0, r1;
  double best_width = -1;
  static const double heights[] = { 0.5, 0.35, 0.65, 0.2, 0.8 };

  *lx = (bounds->x0 + bounds->x1) / 2;
  *ly = (bounds->y0 + bounds->y1) / 2;

  for (guint p = 0; p < geometry->n_parts; p++)
    {
      double a, px = 0, py = 0;

      a = part_centroid (data->xy, data->ring_start, first_ring + geometry->part_start[p],
                         first_ring + geometry->part_start[p + 1], &px, &py);
      total_area += a;
      if (a > best_area)
        {
          best_area = a;
          best_part = p;
          cx = px;
          cy = py;
        }
    }
  *area = total_area;
  if (best_area <= 0)
    return;

  r0 = first_ring + geometry->part_start[best_part];
  r1 = first_ring + geometry->part_start[best_part + 1];
  if (rings_contain (data, r0, r1, cx, cy))
    {
      *lx = cx;
      *ly = cy;
      return;
    }

  {
    double mid;

    if (widest_span (data->xy, data->ring_start, r0, r1, cy, &mid) > 0)
      {
        *lx = mid;
        *ly = cy;
        return;
      }
  }

  {
    GfMapRect part = empty_rect;

    for (guint i = data->ring_start[r0]; i < data->ring_start[r0 + 1]; i++)
      rect_add_point (&part, data->xy[2 * i], data->xy[2 * i + 1]);

    for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
      {
        double y = part.y0 + heights[h] * (part.y1 - part.y0), mid, w;

        w = widest_span (data->xy, data->ring_start, r0, r1, y, &mid);
        if (w > best_width)
          {
            best_width = w;
            *lx = mid;
            *ly = y;
          }
      }
  }
}

/* Loading */

static const char *
intern (Loader     *l,
        const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (l->data->strings, text) : NULL;
}

/* Appends the projected rings of a stored geometry blob. */
static gboolean
append_blob (Loader       *l,
             const void   *blob,
             gsize         size,
             GfGeometry  **out_geometry,
             guint        *first_ring,
             guint        *n_rings,
             GfMapRect    *bounds,
             GError      **error)
{
  g_autoptr(GfGeometry) geometry = gf_geometry_new_from_blob (blob, size, error);
  guint base;

  if (geometry == NULL)
    return FALSE;

  *first_ring = l->ring_start->len;
  *n_rings = geometry->n_rings;
  *bounds = empty_rect;

  base = l->xy->len / 2;
  g_array_set_size (l->xy, l->xy->len + 2 * geometry->n_points);
  for (guint i = 0; i < geometry->n_points; i++)
    {
      double *p = &g_array_index (l->xy, double, 2 * (base + i));

      gf_map_project (geometry->coords[2 * i], geometry->coords[2 * i + 1], &p[0], &p[1]);
      rect_add_point (bounds, p[0], p[1]);
    }
  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint start = base + geometry->ring_start[r];
      g_array_append_val (l->ring_start, start);
    }

  if (out_geometry != NULL)
    *out_geometry = g_steal_pointer (&geometry);

  return TRUE;
}

/* The flat arrays while loading: ring_start needs its sentinel for the label maths. */
static void
sync_arrays (Loader *l)
{
  guint sentinel = l->xy->len / 2;

  g_array_append_val (l->ring_start, sentinel);
  l->data->xy = (double *) (void *) l->xy->data;
  l->data->ring_start = (guint *) (void *) l->ring_start->data;
}

static void
unsync_arrays (Loader *l)
{
  g_array_set_size (l->ring_start, l->ring_start->len - 1);
}

static gboolean
area_row (Loader               *l,
          const GfStoreMapRow  *row,
          GfMapArea            *area,
          GError              **error)
{
  g_autoptr(GfGeometry) geometry = NULL;
  double a;

  area->id = row->id;
  area->code = intern (l, row->code);
  area->name = intern (l, row->name);
  area->bounds = empty_rect;

  if (row->blob == NULL)
    return TRUE;

  if (!append_blob (l, row->blob, row->blob_size, &geometry, &area->first_ring, &area->n_rings,
                    &area->bounds, error))
    return FALSE;

  sync_arrays (l);
  label_point (l->data, geometry, area->first_ring, &area->bounds, &a, &area->label_x,
               &area->label_y);
  unsync_arrays (l);

  return TRUE;
}

static gboolean
district_row_cb (const GfStoreMapRow  *row,
                 gpointer              user_data,
                 GError              **error)
{
  Loader *l = user_data;

  l->data->has_district = TRUE;
  return area_row (l, row, &l->data->district, error);
}

static gboolean
town_row_cb (const GfStoreMapRow  *row,
             gpointer              user_data,
             GError              **error)
{
  Loader *l = user_data;
  GfMapArea town = { 0 };

  if (!area_row (l, row, &town, error))
    return FALSE;

  g_array_append_val (l->data->towns, town);
  g_hash_table_insert (l->town_by_id, g_memdup2 (&row->id, sizeof row->id),
                       GUINT_TO_POINTER (l->data->towns->len));
  return TRUE;
}

static guint32
parse_color (const char *text,
             guint       index)
{
  if (text != NULL && text[0] == '#' && strlen (text) == 7)
    {
      char *end = NULL;
      guint64 v = g_ascii_strtoull (text + 1, &end, 16);

      if (end != NULL && *end == '\0')
        return (guint32) v;
    }

  return default_cluster_colors[index % G_N_ELEMENTS (default_cluster_colors)];
}

static gboolean
cluster_row_cb (const GfStoreMapRow  *row,
                gpointer              user_data,
                GError              **error)
{
  Loader *l = user_data;
  GfMapCluster cluster = { 0 };

  cluster.id = row->id;
  cluster.name = intern (l, row->name);
  cluster.brand = intern (l, row->level);
  cluster.color = parse_color (row->kind, l->data->clusters->len);
  cluster.bounds = empty_rect;
  g_array_append_val (l->data->clusters, cluster);

  return TRUE;
}

static gboolean
village_row_cb (const GfStoreMapRow  *row,
                gpointer              user_data,
                GError              **error)
{
  Loader *l = user_data;
  GfMapVillage village = { 0 };
  double area = 0;
  gpointer town;

  village.id = row->id;
  village.code = intern (l, row->code);
  village.name = intern (l, row->name);
  village.town_id = row->town_id;
  village.cluster_id = row->cluster_id;
  town = g_hash_table_lookup (l->town_by_id, &row->town_id);
  village.town = town != NULL ? (int) GPOINTER_TO_UINT (town) - 1 : -1;
  village.cluster = row->cluster_id != 0
                    ? gf_map_data_find_cluster (l->data, row->cluster_id) : -1;

  if (row->blob != NULL)
    {
      g_autoptr(GfGeometry) geometry = NULL;

      if (!append_blob (l, row->blob, row->blob_size, &geometry, &village.first_ring,
                        &village.n_rings, &village.bounds, error))
        return FALSE;
      if (geometry->kind != GF_GEOMETRY_AREA)
        {
          /* A line cannot be a village boundary: drop it, keep the point if any. */
          g_array_set_size (l->xy, l->xy->len - 2 * geometry->n_points);
          g_array_set_size (l->ring_start, village.first_ring);
          village.n_rings = 0;
        }
      else
        {
          sync_arrays (l);
          label_point (l->data, geometry, village.first_ring, &village.bounds, &area,
                       &village.label_x, &village.label_y);
          unsync_arrays (l);
        }
    }

  if (village.n_rings == 0)
    {
      if (!row->has_point)
        return TRUE;   /* nothing to draw */

      village.first_ring = l->ring_start->len;
      gf_map_project (row->lon, row->lat, &village.label_x, &village.label_y);
      village.bounds = (GfMapRect) { village.label_x, village.label_y,
                                     village.label_x, village.label_y };
    }

  g_array_append_val (l->data->villages, village);
  g_array_append_val (l->village_area, area);
  return TRUE;
}

static int
parse_enum (const char         *text,
            const char * const *names,
            int                 n_names,
            int                 fallback)
{
  for (int i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (text, names[i]))
      return i;

  return fallback;
}

static gboolean
site_row_cb (const GfStoreMapRow  *row,
             gpointer              user_data,
             GError              **error)
{
  Loader *l = user_data;
  GfMapSite site = { 0 };

  site.id = row->id;
  site.name = intern (l, row->name);
  site.kind = parse_enum (row->kind, site_kind_names, GF_MAP_SITE_N_KINDS, GF_MAP_SITE_BASE);
  site.level = parse_enum (row->level, site_level_names, GF_MAP_N_LEVELS, GF_MAP_LEVEL_DISTRICT);
  site.lon = row->lon;
  site.lat = row->lat;
  gf_map_project (row->lon, row->lat, &site.x, &site.y);
  site.cluster_id = row->cluster_id;
  site.cluster = row->cluster_id != 0 ? gf_map_data_find_cluster (l->data, row->cluster_id) : -1;
  site.village_id = row->village_id;
  g_array_append_val (l->data->sites, site);

  return TRUE;
}

static gboolean
route_row_cb (const GfStoreMapRow  *row,
              gpointer              user_data,
              GError              **error)
{
  Loader *l = user_data;
  GfMapRoute route = { 0 };

  route.id = row->id;
  route.name = intern (l, row->name);
  route.kind = parse_enum (row->kind, route_kind_names, GF_MAP_ROUTE_N_KINDS,
                           GF_MAP_ROUTE_SCENIC_ROAD);
  route.cluster_id = row->cluster_id;
  route.cluster = row->cluster_id != 0
                  ? gf_map_data_find_cluster (l->data, row->cluster_id) : -1;
  if (row->blob == NULL)
    return TRUE;
  if (!append_blob (l, row->blob, row->blob_size, NULL, &route.first_ring, &route.n_rings,
                    &route.bounds, error))
    return FALSE;

  g_array_append_val (l->data->routes, route);
  return TRUE;
}

/* Members, box and label point of every cluster. */
static void
build_clusters (Loader *l)
{
  GfMapData *data = l->data;
  guint n_clusters = data->clusters->len;
  g_autofree guint *fill = g_new0 (guint, n_clusters + 1);
  g_autofree double *sx = g_new0 (double, n_clusters);
  g_autofree double *sy = g_new0 (double, n_clusters);
  g_autofree double *sw = g_new0 (double, n_clusters);
  guint n_members = 0;

  for (guint i = 0; i < data->villages->len; i++)
    {
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);

      if (v->cluster >= 0)
        {
          /* A village without an area still counts, a little. */
          double w = MAX (g_array_index (l->village_area, double, i), 1e-18);

          fill[v->cluster + 1]++;
          n_members++;
          sx[v->cluster] += w * v->label_x;
          sy[v->cluster] += w * v->label_y;
          sw[v->cluster] += w;
        }
    }
  for (guint c = 0; c < n_clusters; c++)
    fill[c + 1] += fill[c];

  data->cluster_members = g_new (guint, MAX (n_members, 1));
  for (guint c = 0; c < n_clusters; c++)
    {
      GfMapCluster *cluster = &g_array_index (data->clusters, GfMapCluster, c);

      cluster->members = data->cluster_members + fill[c];
      cluster->n_members = 0;
    }
  for (guint i = 0; i < data->villages->len; i++)
    {
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);

      if (v->cluster >= 0)
        {
          GfMapCluster *cluster = &g_array_index (data->clusters, GfMapCluster, v->cluster);

          data->cluster_members[fill[v->cluster] + cluster->n_members++] = i;
          rect_add_rect (&cluster->bounds, &v->bounds);
        }
    }

  for (guint c = 0; c < n_clusters; c++)
    {
      GfMapCluster *cluster = &g_array_index (data->clusters, GfMapCluster, c);
      double cx, cy, best = INFINITY;
      int holder = -1;

      if (cluster->n_members == 0)
        continue;

      cx = sx[c] / sw[c];
      cy = sy[c] / sw[c];
      /* The centre of mass, when one of the members holds it; else the label point of the
       * member nearest to it, so the name never floats over another cluster. */
      for (guint m = 0; m < cluster->n_members && holder < 0; m++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                                  cluster->members[m]);

          if (v->n_rings > 0 && cx >= v->bounds.x0 && cx <= v->bounds.x1
              && cy >= v->bounds.y0 && cy <= v->bounds.y1
              && rings_contain (data, v->first_ring, v->first_ring + v->n_rings, cx, cy))
            holder = (int) cluster->members[m];
        }

      if (holder >= 0)
        {
          cluster->label_x = cx;
          cluster->label_y = cy;
          continue;
        }

      for (guint m = 0; m < cluster->n_members; m++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage,
                                                  cluster->members[m]);
          double d = hypot (v->label_x - cx, v->label_y - cy);

          if (d < best)
            {
              best = d;
              cluster->label_x = v->label_x;
              cluster->label_y = v->label_y;
            }
        }
    }
}

/* Edges shared by two villages of the same cluster are inside the cluster; every other edge
 * of a member village is on the cluster's outline. Shared edges are found by their end points
 * (boundaries that tile the district share their vertices), in an open-addressing table. */

typedef struct
{
  gint64 ax, ay, bx, by;
} EdgeKey;

static inline EdgeKey
edge_key (const double *xy,
          guint         i)
{
  /* Quantised to 2⁻³⁰ of the world (about 4 cm), end points in a canonical order. World
   * coordinates are positive, so adding ½ and truncating rounds. */
  gint64 ax = (gint64) (xy[2 * i] * 1073741824.0 + 0.5);
  gint64 ay = (gint64) (xy[2 * i + 1] * 1073741824.0 + 0.5);
  gint64 bx = (gint64) (xy[2 * i + 2] * 1073741824.0 + 0.5);
  gint64 by = (gint64) (xy[2 * i + 3] * 1073741824.0 + 0.5);

  if (ax < bx || (ax == bx && ay <= by))
    return (EdgeKey) { ax, ay, bx, by };
  return (EdgeKey) { bx, by, ax, ay };
}

static inline guint64
edge_hash (const EdgeKey *k)
{
  guint64 h = (guint64) k->ax * 0x9E3779B97F4A7C15ull;

  h = (h ^ (guint64) k->ay) * 0xC2B2AE3D27D4EB4Full;
  h = (h ^ (guint64) k->bx) * 0x165667B19E3779F9ull;
  h = (h ^ (guint64) k->by) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

static void
build_edge_flags (GfMapData *data)
{
  guint n_edges = 0, capacity = 16, mask;
  g_autofree guint *slots = NULL;        /* edge start point + 1, 0 = empty */
  g_autofree guint64 *hashes = NULL;     /* the slot's key hash, to skip most comparisons */
  g_autofree gint32 *owner = NULL;       /* per point: village index, for village rings */

  data->edge_flags = g_new0 (guint8, MAX (data->n_points, 1));
  owner = g_new (gint32, MAX (data->n_points, 1));
  memset (owner, 0xff, sizeof (gint32) * MAX (data->n_points, 1));

  for (guint i = 0; i < data->villages->len; i++)
    {
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);

      for (guint r = v->first_ring; r < v->first_ring + v->n_rings; r++)
        for (guint p = data->ring_start[r]; p + 1 < data->ring_start[r + 1]; p++)
          {
            if (v->cluster >= 0)
              data->edge_flags[p] = GF_MAP_EDGE_CLUSTER_BOUNDARY;
            owner[p] = (gint32) i;
            n_edges++;
          }
    }

  while (capacity < 2 * n_edges)
    capacity *= 2;
  mask = capacity - 1;
  slots = g_new0 (guint, capacity);
  hashes = g_new (guint64, capacity);

  for (guint p = 0; p + 1 < data->n_points; p++)
    {
      EdgeKey key;
      guint64 h, full;
      int cluster;

      /* Owners are set on edge starts of village rings only. */
      if (owner[p] < 0)
        continue;

      key = edge_key (data->xy, p);
      if (key.ax == key.bx && key.ay == key.by)
        continue;   /* a repeated point: no edge */
      cluster = g_array_index (data->villages, GfMapVillage, owner[p]).cluster;

      full = edge_hash (&key);
      for (h = full & mask; slots[h] != 0; h = (h + 1) & mask)
        {
          guint q = slots[h] - 1;
          EdgeKey other;

          if (hashes[h] != full)
            continue;
          other = edge_key (data->xy, q);
          if (memcmp (&key, &other, sizeof key) == 0 && owner[q] != owner[p])
            {
              data->edge_flags[p] |= GF_MAP_EDGE_TWIN;
              if (cluster >= 0
                  && g_array_index (data->villages, GfMapVillage, owner[q]).cluster == cluster)
                {
                  data->edge_flags[p] &= ~GF_MAP_EDGE_CLUSTER_BOUNDARY;
                  data->edge_flags[q] &= ~GF_MAP_EDGE_CLUSTER_BOUNDARY;
                }
              break;
            }
        }
      if (slots[h] == 0)
        {
          slots[h] = p + 1;
          hashes[h] = full;
        }
    }
}

/* Grids */

static inline guint
grid_cell_x (const GfMapGrid *grid,
             double           x)
{
  double c = (x - grid->x0) * grid->inv_cell_w;

  return c <= 0 ? 0 : c >= grid->nx - 1 ? grid->nx - 1 : (guint) c;
}

static inline guint
grid_cell_y (const GfMapGrid *grid,
             double           y)
{
  double c = (y - grid->y0) * grid->inv_cell_h;

  return c <= 0 ? 0 : c >= grid->ny - 1 ? grid->ny - 1 : (guint) c;
}

static void
grid_build (GfMapGrid       *grid,
            const GfMapRect *bounds,
            guint            n_items)
{
  GfMapRect all = empty_rect;
  double w, h;
  g_autofree guint *fill = NULL;

  memset (grid, 0, sizeof *grid);
  grid->n_items = n_items;
  grid->item_bounds = g_memdup2 (bounds, sizeof (GfMapRect) * MAX (n_items, 1));

  for (guint i = 0; i < n_items; i++)
    rect_add_rect (&all, &bounds[i]);
  if (all.x0 > all.x1)
    all = (GfMapRect) { 0, 0, 1, 1 };

  w = MAX (all.x1 - all.x0, 1e-12);
  h = MAX (all.y1 - all.y0, 1e-12);
  /* About one item per cell: the answer to a query is then mostly what it reads. */
  grid->nx = CLAMP ((guint) ceil (sqrt (n_items * w / h)), 1, 2048);
  grid->ny = CLAMP ((guint) ceil ((double) n_items / grid->nx), 1, 2048);
  grid->x0 = all.x0;
  grid->y0 = all.y0;
  grid->inv_cell_w = grid->nx / w;
  grid->inv_cell_h = grid->ny / h;

  grid->cell_start = g_new0 (guint, grid->nx * grid->ny + 1);
  for (guint i = 0; i < n_items; i++)
    {
      const GfMapRect *b = &bounds[i];

      for (guint cy = grid_cell_y (grid, b->y0); cy <= grid_cell_y (grid, b->y1); cy++)
        for (guint cx = grid_cell_x (grid, b->x0); cx <= grid_cell_x (grid, b->x1); cx++)
          grid->cell_start[cy * grid->nx + cx + 1]++;
    }
  for (guint c = 0; c < grid->nx * grid->ny; c++)
    grid->cell_start[c + 1] += grid->cell_start[c];

  grid->items = g_new (guint, MAX (grid->cell_start[grid->nx * grid->ny], 1));
  fill = g_memdup2 (grid->cell_start, sizeof (guint) * grid->nx * grid->ny);
  for (guint i = 0; i < n_items; i++)
    {
      const GfMapRect *b = &bounds[i];

      for (guint cy = grid_cell_y (grid, b->y0); cy <= grid_cell_y (grid, b->y1); cy++)
        for (guint cx = grid_cell_x (grid, b->x0); cx <= grid_cell_x (grid, b->x1); cx++)
          grid->items[fill[cy * grid->nx + cx]++] = i;
    }
}

static void
grid_clear (GfMapGrid *grid)
{
  g_clear_pointer (&grid->cell_start, g_free);
  g_clear_pointer (&grid->items, g_free);
  g_clear_pointer (&grid->item_bounds, g_free);
}

static int
compare_uint (const void *a,
              const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Every item whose box meets @rect, once each and in ascending order. An item that spans
 * several cells is reported only by the cell holding the top-left corner of its overlap with
 * @rect, so no "seen" set (shared state) is needed. */
static void
grid_query (const GfMapGrid *grid,
            const GfMapRect *rect,
            GArray          *out)
{
  guint cx0, cx1, cy0, cy1, before = out->len;

  if (grid->n_items == 0 || rect->x0 > rect->x1 || rect->y0 > rect->y1)
    return;

  cx0 = grid_cell_x (grid, rect->x0);
  cx1 = grid_cell_x (grid, rect->x1);
  cy0 = grid_cell_y (grid, rect->y0);
  cy1 = grid_cell_y (grid, rect->y1);

  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        guint cell = cy * grid->nx + cx;

        for (guint k = grid->cell_start[cell]; k < grid->cell_start[cell + 1]; k++)
          {
            guint item = grid->items[k];
            const GfMapRect *b = &grid->item_bounds[item];

            if (!rect_intersects (b, rect))
              continue;
            if (grid_cell_x (grid, MAX (b->x0, rect->x0)) != cx
                || grid_cell_y (grid, MAX (b->y0, rect->y0)) != cy)
              continue;
            g_array_append_val (out, item);
          }
      }

  if (out->len - before > 1)
    qsort (&g_array_index (out, guint, before), out->len - before, sizeof (guint), compare_uint);
}

static void
build_grids (GfMapData *data)
{
  g_autofree GfMapRect *b = NULL;
  guint n;

  n = data->towns->len;
  b = g_new (GfMapRect, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    b[i] = g_array_index (data->towns, GfMapArea, i).bounds;
  grid_build (&data->grids[GF_MAP_GRID_TOWNS], b, n);
  g_free (b);

  n = data->villages->len;
  b = g_new (GfMapRect, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    b[i] = g_array_index (data->villages, GfMapVillage, i).bounds;
  grid_build (&data->grids[GF_MAP_GRID_VILLAGES], b, n);
  g_free (b);

  n = data->sites->len;
  b = g_new (GfMapRect, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const GfMapSite *s = &g_array_index (data->sites, GfMapSite, i);
      b[i] = (GfMapRect) { s->x, s->y, s->x, s->y };
    }
  grid_build (&data->grids[GF_MAP_GRID_SITES], b, n);
  g_free (b);

  n = data->routes->len;
  b = g_new (GfMapRect, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    b[i] = g_array_index (data->routes, GfMapRoute, i).bounds;
  grid_build (&data->grids[GF_MAP_GRID_ROUTES], b, n);
}

static void
map_data_free (GfMapData *data)
{
  g_clear_pointer (&data->strings, g_string_chunk_free);
  g_clear_pointer (&data->xy, g_free);
  g_clear_pointer (&data->ring_start, g_free);
  g_clear_pointer (&data->edge_flags, g_free);
  g_clear_pointer (&data->towns, g_array_unref);
  g_clear_pointer (&data->villages, g_array_unref);
  g_clear_pointer (&data->clusters, g_array_unref);
  g_clear_pointer (&data->cluster_members, g_free);
  g_clear_pointer (&data->sites, g_array_unref);
  g_clear_pointer (&data->routes, g_array_unref);
  for (guint i = 0; i < GF_MAP_N_GRIDS; i++)
    grid_clear (&data->grids[i]);
  g_free (data);
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* Public API */

/**
 * gf_map_project:
 * @lon: longitude in degrees (WGS84)
 * @lat: latitude in degrees, clamped to ±%GF_MAP_MAX_LATITUDE
 * @x: (out): world x in [0, 1], east
 * @y: (out): world y in [0, 1], south
 *
 * Web Mercator as libshumate and every XYZ tile server use it, normalised so that the world
 * is the unit square: x = (lon + 180) / 360, y = (1 − ln(tan φ + sec φ) / π) / 2.
 */
void
gf_map_project (double  lon,
                double  lat,
                double *x,
                double *y)
{
  double phi = CLAMP (lat, -GF_MAP_MAX_LATITUDE, GF_MAP_MAX_LATITUDE) * (G_PI / 180.0);

  *x = (lon + 180.0) / 360.0;
  /* ln (tan φ + sec φ) = atanh (sin φ), which keeps its precision near φ = 0. */
  *y = 0.5 - atanh (sin (phi)) / (2 * G_PI);
}

/**
 * gf_map_unproject:
 *
 * The inverse of gf_map_project().
 */
void
gf_map_unproject (double  x,
                  double  y,
                  double *lon,
                  double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1 - 2 * y))) * (180.0 / G_PI);
}

/**
 * gf_map_world_size:
 * @zoom: a zoom level, fractional or not
 *
 * Returns: the width of the world in logical pixels at @zoom: 256 · 2^zoom
 */
double
gf_map_world_size (double zoom)
{
  return GF_MAP_TILE_SIZE * exp2 (zoom);
}

/**
 * gf_map_tile_at:
 * @tile_x: (out): column of the tile holding (@x, @y) at @zoom
 * @tile_y: (out): row, counted from the north as XYZ servers and libshumate do
 */
void
gf_map_tile_at (int     zoom,
                double  x,
                double  y,
                int    *tile_x,
                int    *tile_y)
{
  double n = exp2 (zoom);
  int last = (int) n - 1;

  *tile_x = CLAMP ((int) floor (x * n), 0, last);
  *tile_y = CLAMP ((int) floor (y * n), 0, last);
}

/**
 * gf_map_tile_rect:
 *
 * Returns: the world rectangle that tile (@tile_x, @tile_y) of @zoom covers
 */
GfMapRect
gf_map_tile_rect (int zoom,
                  int tile_x,
                  int tile_y)
{
  double n = exp2 (zoom);

  return (GfMapRect) { tile_x / n, tile_y / n, (tile_x + 1) / n, (tile_y + 1) / n };
}

/**
 * gf_map_meters_per_pixel:
 * @y: the world y where to measure (Mercator stretches distances away from the equator)
 *
 * Returns: ground metres per logical pixel at @zoom and @y
 */
double
gf_map_meters_per_pixel (double zoom,
                         double y)
{
  double lon, lat;

  gf_map_unproject (0.5, y, &lon, &lat);
  /* The WGS84 equator: 2π · 6,378,137 m. */
  return cos (lat * G_PI / 180.0) * 2 * G_PI * 6378137.0 / gf_map_world_size (zoom);
}

/**
 * gf_map_data_load:
 * @db: the database, used by the calling thread only
 * @layout_id: the layout whose clusters to show, or 0 for the current layout
 *
 * Reads everything the map draws, with one query per table, and projects it.
 *
 * Returns: (transfer full): the map data, or %NULL with an error
 */
GfMapData *
gf_map_data_load (GfDatabase  *db,
                  gint64       layout_id,
                  GError     **error)
{
  g_autoptr(GfMapData) data = NULL;
  g_autoptr(GArray) xy = NULL;
  g_autoptr(GArray) ring_start = NULL;
  g_autoptr(GArray) village_area = NULL;
  g_autoptr(GHashTable) town_by_id = NULL;
  Loader l;
  guint sentinel;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (layout_id >= 0, NULL);

  data = g_new0 (GfMapData, 1);
  g_atomic_ref_count_init (&data->ref_count);
  data->strings = g_string_chunk_new (16384);
  data->towns = g_array_new (FALSE, TRUE, sizeof (GfMapArea));
  data->villages = g_array_new (FALSE, TRUE, sizeof (GfMapVillage));
  data->clusters = g_array_new (FALSE, TRUE, sizeof (GfMapCluster));
  data->sites = g_array_new (FALSE, TRUE, sizeof (GfMapSite));
  data->routes = g_array_new (FALSE, TRUE, sizeof (GfMapRoute));

  xy = g_array_sized_new (FALSE, FALSE, sizeof (double), 1 << 18);
  ring_start = g_array_sized_new (FALSE, FALSE, sizeof (guint), 1 << 12);
  village_area = g_array_new (FALSE, FALSE, sizeof (double));
  town_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  l = (Loader) { data, xy, ring_start, village_area, town_by_id };

  if (!_gf_store_map_resolve_layout (db, layout_id, &data->layout_id, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_DISTRICT, 0, district_row_cb, &l, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_TOWNS, 0, town_row_cb, &l, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_CLUSTERS, 0, cluster_row_cb, &l, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_VILLAGES, data->layout_id, village_row_cb,
                                 &l, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_SITES, 0, site_row_cb, &l, error)
      || !_gf_store_map_foreach (db, GF_STORE_MAP_ROUTES, 0, route_row_cb, &l, error))
    {
      /* The arrays belong to the loader until they are stolen below. */
      data->xy = NULL;
      data->ring_start = NULL;
      return NULL;
    }

  sentinel = xy->len / 2;
  g_array_append_val (ring_start, sentinel);
  data->n_points = xy->len / 2;
  data->n_rings = ring_start->len - 1;
  data->xy = (double *) (void *) g_array_free (g_steal_pointer (&xy), FALSE);
  data->ring_start = (guint *) (void *) g_array_free (g_steal_pointer (&ring_start), FALSE);

  build_clusters (&l);
  build_edge_flags (data);
  build_grids (data);

  /* The renderer decides by it whether villages are big enough to outline, for the whole
   * map at once: per village, the picture would turn patchy. */
  if (data->villages->len > 0)
    {
      g_autofree double *sides = g_new (double, data->villages->len);

      for (guint i = 0; i < data->villages->len; i++)
        {
          const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);
          sides[i] = MAX (v->bounds.x1 - v->bounds.x0, v->bounds.y1 - v->bounds.y0);
          if (v->n_rings == 0)
            data->has_point_villages = TRUE;
          data->village_max_w = MAX (data->village_max_w, v->bounds.x1 - v->bounds.x0);
          data->village_max_h = MAX (data->village_max_h, v->bounds.y1 - v->bounds.y0);
        }
      qsort (sides, data->villages->len, sizeof (double), compare_double);
      data->village_size = sides[data->villages->len / 2];
    }

  data->bounds = empty_rect;
  if (data->has_district)
    rect_add_rect (&data->bounds, &data->district.bounds);
  for (guint i = 0; i < data->towns->len; i++)
    rect_add_rect (&data->bounds, &g_array_index (data->towns, GfMapArea, i).bounds);
  for (guint i = 0; i < data->villages->len; i++)
    rect_add_rect (&data->bounds, &g_array_index (data->villages, GfMapVillage, i).bounds);
  for (guint i = 0; i < data->sites->len; i++)
    {
      const GfMapSite *s = &g_array_index (data->sites, GfMapSite, i);
      rect_add_point (&data->bounds, s->x, s->y);
    }
  for (guint i = 0; i < data->routes->len; i++)
    rect_add_rect (&data->bounds, &g_array_index (data->routes, GfMapRoute, i).bounds);

  return g_steal_pointer (&data);
}

/**
 * gf_map_data_ref:
 *
 * Returns: (transfer full): @data, with one more reference (atomically: any thread may)
 */
GfMapData *
gf_map_data_ref (GfMapData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

void
gf_map_data_unref (GfMapData *data)
{
  g_return_if_fail (data != NULL);

  if (g_atomic_ref_count_dec (&data->ref_count))
    map_data_free (data);
}

/**
 * gf_map_data_get_layout_id:
 *
 * Returns: the layout whose clusters the data holds (0 when the database has none)
 */
gint64
gf_map_data_get_layout_id (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->layout_id;
}

/**
 * gf_map_data_get_bounds:
 *
 * Returns: the box of everything on the map, or the whole world for an empty database
 */
GfMapRect
gf_map_data_get_bounds (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, empty_rect);

  if (data->bounds.x0 > data->bounds.x1)
    return (GfMapRect) { 0, 0, 1, 1 };
  return data->bounds;
}

/**
 * gf_map_data_get_district:
 *
 * Returns: (transfer none) (nullable): the district, %NULL when the database has none
 */
const GfMapArea *
gf_map_data_get_district (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  return data->has_district ? &data->district : NULL;
}

guint
gf_map_data_get_n_towns (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->towns->len;
}

/**
 * gf_map_data_get_town:
 *
 * Returns: (transfer none): a town, by code
 */
const GfMapArea *
gf_map_data_get_town (const GfMapData *data,
                      guint            index)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->towns->len, NULL);

  return &g_array_index (data->towns, GfMapArea, index);
}

guint
gf_map_data_get_n_villages (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->villages->len;
}

/**
 * gf_map_data_get_village:
 *
 * Returns: (transfer none): a village, by id; villages with neither boundary nor point are
 *   not on the map
 */
const GfMapVillage *
gf_map_data_get_village (const GfMapData *data,
                         guint            index)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->villages->len, NULL);

  return &g_array_index (data->villages, GfMapVillage, index);
}

guint
gf_map_data_get_n_clusters (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->clusters->len;
}

/**
 * gf_map_data_get_cluster:
 *
 * Returns: (transfer none): a cluster, by id (every cluster, also those with no member in
 *   the layout)
 */
const GfMapCluster *
gf_map_data_get_cluster (const GfMapData *data,
                         guint            index)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->clusters->len, NULL);

  return &g_array_index (data->clusters, GfMapCluster, index);
}

guint
gf_map_data_get_n_sites (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->sites->len;
}

const GfMapSite *
gf_map_data_get_site (const GfMapData *data,
                      guint            index)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->sites->len, NULL);

  return &g_array_index (data->sites, GfMapSite, index);
}

guint
gf_map_data_get_n_routes (const GfMapData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->routes->len;
}

const GfMapRoute *
gf_map_data_get_route (const GfMapData *data,
                       guint            index)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (index < data->routes->len, NULL);

  return &g_array_index (data->routes, GfMapRoute, index);
}

/**
 * gf_map_data_get_ring:
 * @ring: a ring index, from a feature's first_ring + 0 … n_rings − 1
 * @n_points: (out): its number of points (the last repeats the first for polygons)
 *
 * Returns: (transfer none) (array): the ring's world x, y pairs
 */
const double *
gf_map_data_get_ring (const GfMapData *data,
                      guint            ring,
                      guint           *n_points)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (ring < data->n_rings, NULL);

  *n_points = data->ring_start[ring + 1] - data->ring_start[ring];
  return data->xy + 2 * data->ring_start[ring];
}

static int
find_by_id (GArray *array,
            gsize   element_size,
            gint64  id)
{
  guint lo = 0, hi = array->len;

  /* Every record array starts with its id and is sorted by it. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      gint64 mid_id = *(const gint64 *) (const void *) (array->data + mid * element_size);

      if (mid_id == id)
        return (int) mid;
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return -1;
}

/**
 * gf_map_data_find_village:
 *
 * Returns: the index of the village with @id, or -1 when it is not on the map
 */
int
gf_map_data_find_village (const GfMapData *data,
                          gint64           id)
{
  g_return_val_if_fail (data != NULL, -1);

  return find_by_id (data->villages, sizeof (GfMapVillage), id);
}

/**
 * gf_map_data_find_cluster:
 *
 * Returns: the index of the cluster with @id, or -1
 */
int
gf_map_data_find_cluster (const GfMapData *data,
                          gint64           id)
{
  g_return_val_if_fail (data != NULL, -1);

  return find_by_id (data->clusters, sizeof (GfMapCluster), id);
}

/**
 * gf_map_data_find_cluster_by_name:
 *
 * Returns: the index of the cluster named @name, or -1
 */
int
gf_map_data_find_cluster_by_name (const GfMapData *data,
                                  const char      *name)
{
  g_return_val_if_fail (data != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < data->clusters->len; i++)
    if (g_str_equal (g_array_index (data->clusters, GfMapCluster, i).name, name))
      return (int) i;

  return -1;
}

/**
 * gf_map_data_query:
 * @layer: one of %GF_MAP_LAYER_TOWNS, %GF_MAP_LAYER_VILLAGES, %GF_MAP_LAYER_SITES,
 *   %GF_MAP_LAYER_ROUTES or %GF_MAP_LAYER_CLUSTERS
 * @rect: a world rectangle
 * @indices: (element-type guint): receives, appended in ascending order, the index of every
 *   feature of @layer whose box meets @rect
 *
 * Costs in proportion to the answer (a grid per layer). Safe to call from any thread at once:
 * all scratch space is @indices.
 */
void
gf_map_data_query (const GfMapData *data,
                   GfMapLayers      layer,
                   const GfMapRect *rect,
                   GArray          *indices)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (indices != NULL && g_array_get_element_size (indices) == sizeof (guint));

  switch (layer)
    {
    case GF_MAP_LAYER_TOWNS:
      grid_query (&data->grids[GF_MAP_GRID_TOWNS], rect, indices);
      break;
    case GF_MAP_LAYER_VILLAGES:
      grid_query (&data->grids[GF_MAP_GRID_VILLAGES], rect, indices);
      break;
    case GF_MAP_LAYER_SITES:
      grid_query (&data->grids[GF_MAP_GRID_SITES], rect, indices);
      break;
    case GF_MAP_LAYER_ROUTES:
      grid_query (&data->grids[GF_MAP_GRID_ROUTES], rect, indices);
      break;
    case GF_MAP_LAYER_CLUSTERS:
      /* A district has a few dozen clusters: a scan is as fast as a grid. */
      for (guint i = 0; i < data->clusters->len; i++)
        {
          const GfMapCluster *c = &g_array_index (data->clusters, GfMapCluster, i);

          if (c->n_members > 0 && rect_intersects (&c->bounds, rect))
            g_array_append_val (indices, i);
        }
      break;
    case GF_MAP_LAYER_LABELS:
    default:
      g_return_if_reached ();
    }
}

/**
 * gf_map_data_pick:
 * @x: world x of the point
 * @y: world y of the point
 * @tolerance: how far (world units) a site, a route or a village point may be from the point;
 *   from pixels: pixels / gf_map_world_size (zoom)
 * @layers: the layers to pick from (the visible ones)
 * @hit: (out caller-allocates): what is under the point
 *
 * Finds what lies under a point: the nearest site and route within @tolerance, the village
 * whose polygon holds the point, its cluster and its town. @hit->layer names the topmost
 * layer hit among @layers. Thread-safe, like gf_map_data_query().
 *
 * Returns: %TRUE when something of @layers is under the point
 */
gboolean
gf_map_data_pick (const GfMapData *data,
                  double           x,
                  double           y,
                  double           tolerance,
                  guint            layers,
                  GfMapHit        *hit)
{
  GArray *found;
  GfMapRect point = { x, y, x, y };
  GfMapRect near = { x - tolerance, y - tolerance, x + tolerance, y + tolerance };
  double best;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (GfMapHit) { 0, -1, -1, -1, -1, -1 };
  found = g_array_sized_new (FALSE, FALSE, sizeof (guint), 64);

  if (layers & GF_MAP_LAYER_SITES)
    {
      best = tolerance;
      grid_query (&data->grids[GF_MAP_GRID_SITES], &near, found);
      for (guint k = 0; k < found->len; k++)
        {
          guint i = g_array_index (found, guint, k);
          const GfMapSite *s = &g_array_index (data->sites, GfMapSite, i);
          double d = hypot (s->x - x, s->y - y);

          if (d <= best)
            {
              best = d;
              hit->site = (int) i;
            }
        }
      g_array_set_size (found, 0);
    }

  if (layers & GF_MAP_LAYER_ROUTES)
    {
      best = tolerance;
      grid_query (&data->grids[GF_MAP_GRID_ROUTES], &near, found);
      for (guint k = 0; k < found->len; k++)
        {
          guint i = g_array_index (found, guint, k);
          const GfMapRoute *route = &g_array_index (data->routes, GfMapRoute, i);

          for (guint r = route->first_ring; r < route->first_ring + route->n_rings; r++)
            for (guint p = data->ring_start[r]; p + 1 < data->ring_start[r + 1]; p++)
              {
                const double *a = &data->xy[2 * p];
                double d = segment_distance (x, y, a[0], a[1], a[2], a[3]);

                if (d <= best)
                  {
                    best = d;
                    hit->route = (int) i;
                  }
              }
        }
      g_array_set_size (found, 0);
    }

  /* The village is wanted for the cluster too. */
  best = tolerance;
  grid_query (&data->grids[GF_MAP_GRID_VILLAGES], &near, found);
  for (guint k = 0; k < found->len; k++)
    {
      guint i = g_array_index (found, guint, k);
      const GfMapVillage *v = &g_array_index (data->villages, GfMapVillage, i);

      if (v->n_rings > 0)
        {
          if (rect_intersects (&v->bounds, &point)
              && rings_contain (data, v->first_ring, v->first_ring + v->n_rings, x, y))
            {
              hit->village = (int) i;
              best = -1;   /* a polygon beats any point village */
            }
        }
      else
        {
          double d = hypot (v->label_x - x, v->label_y - y);

          if (d <= best)
            {
              best = d;
              hit->village = (int) i;
            }
        }
    }
  g_array_set_size (found, 0);
  if (hit->village >= 0)
    hit->cluster = g_array_index (data->villages, GfMapVillage, hit->village).cluster;

  grid_query (&data->grids[GF_MAP_GRID_TOWNS], &point, found);
  for (guint k = 0; k < found->len && hit->town < 0; k++)
    {
      guint i = g_array_index (found, guint, k);
      const GfMapArea *town = &g_array_index (data->towns, GfMapArea, i);

      if (rings_contain (data, town->first_ring, town->first_ring + town->n_rings, x, y))
        hit->town = (int) i;
    }
  g_array_unref (found);

  if ((layers & GF_MAP_LAYER_SITES) && hit->site >= 0)
    hit->layer = GF_MAP_LAYER_SITES;
  else if ((layers & GF_MAP_LAYER_ROUTES) && hit->route >= 0)
    hit->layer = GF_MAP_LAYER_ROUTES;
  else if ((layers & GF_MAP_LAYER_VILLAGES) && hit->village >= 0)
    hit->layer = GF_MAP_LAYER_VILLAGES;
  else if ((layers & GF_MAP_LAYER_CLUSTERS) && hit->cluster >= 0)
    hit->layer = GF_MAP_LAYER_CLUSTERS;
  else if ((layers & GF_MAP_LAYER_TOWNS) && hit->town >= 0)
    hit->layer = GF_MAP_LAYER_TOWNS;

  return hit->layer != 0;
}
