/* bench-map-core.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map core at province scale: 20,000 villages (a 200 × 100 lattice of 1 km cells, each
 * a polygon of 24 vertices shared with its neighbours), 200 towns, 240 clusters, 1,000 sites
 * and 20 routes, written through the store API into a temporary database. Prints:
 *   load: N ms          gf_map_data_load() (median of 5)
 *   tile: N ms          one 256-px tile at zoom 12, a district seen whole on a screen, all
 *                       layers and labels (median of 64 tiles)
 *   tile_z10: N ms      the same at zoom 10 (about 1,200 villages a tile)
 *   tile_z14: N ms      the same at zoom 14
 *   tiles_threads: N tiles/s   zoom-12 tiles rendered by 2 threads at once
 *   view: N ms          a 1600 × 1200 view of all 20,000 villages, greedy labels
 *   pick: N ms          gf_map_data_pick() at a random point (mean of 20,000)
 * and, for load and tiles, the same measured in CPU time of the thread (load_cpu, tile_cpu),
 * which a busy machine disturbs less than the wall clock. Set GF_BENCH_VILLAGES to a multiple
 * of 2,000 for a smaller run.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "gf-map-render.h"
#include "gf-store.h"

#define NY 100
#define EDGE_POINTS 6          /* segments per cell side: 24 vertices a village */
#define CELL 0.01              /* degrees */
#define LON0 118.5
#define LAT0 29.2
#define N_SITES 1000
#define N_ROUTES 20

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("bench-map-core: %s", error ? error->message : "failed");
}

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *samples,
        guint   n)
{
  qsort (samples, n, sizeof (double), compare_double);
  return samples[n / 2];
}

/* A deterministic wobble in [-1, 1] for an integer key. */
static double
noise (guint64 key)
{
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  key *= 0xc4ceb9fe1a85ec53ull;
  key ^= key >> 33;
  return (key % 20001) / 10000.0 - 1;
}

static void
corner (int     i,
        int     j,
        double *lon,
        double *lat)
{
  *lon = LON0 + i * CELL + 0.2 * CELL * noise ((guint64) i * 100003 + j);
  *lat = LAT0 + j * CELL + 0.2 * CELL * noise ((guint64) j * 100019 + i + 7);
}

/* Point t (0 … EDGE_POINTS) of the edge from corner (i0, j0) to corner (i1, j1), in that
 * canonical direction; the same for both villages that share the edge. */
static void
edge_point (int     i0,
            int     j0,
            int     i1,
            int     j1,
            int     t,
            double *lon,
            double *lat)
{
  double ax, ay, bx, by, f = (double) t / EDGE_POINTS;
  guint64 key = ((guint64) (i0 * 1000 + j0) * 4 + (i1 > i0)) * 64 + t;

  corner (i0, j0, &ax, &ay);
  corner (i1, j1, &bx, &by);
  *lon = ax + f * (bx - ax);
  *lat = ay + f * (by - ay);
  if (t > 0 && t < EDGE_POINTS)
    {
      /* Across the edge. */
      double w = 0.12 * CELL * noise (key);

      *lon += (by - ay) / CELL * w;
      *lat -= (bx - ax) / CELL * w;
    }
}

static GfGeometry *
cell_polygon (int i,
              int j)
{
  GfGeometry *g = g_new0 (GfGeometry, 1);
  guint n = 4 * EDGE_POINTS + 1, k = 0;

  g->kind = GF_GEOMETRY_AREA;
  g->n_parts = 1;
  g->part_start = g_new0 (guint, 2);
  g->part_start[1] = 1;
  g->n_rings = 1;
  g->ring_start = g_new0 (guint, 2);
  g->ring_start[1] = n;
  g->n_points = n;
  g->coords = g_new (double, 2 * n);

  /* Counter-clockwise: bottom, right, top (backwards), left (backwards). */
  for (int t = 0; t < EDGE_POINTS; t++, k++)
    edge_point (i, j, i + 1, j, t, &g->coords[2 * k], &g->coords[2 * k + 1]);
  for (int t = 0; t < EDGE_POINTS; t++, k++)
    edge_point (i + 1, j, i + 1, j + 1, t, &g->coords[2 * k], &g->coords[2 * k + 1]);
  for (int t = EDGE_POINTS; t > 0; t--, k++)
    edge_point (i, j + 1, i + 1, j + 1, t, &g->coords[2 * k], &g->coords[2 * k + 1]);
  for (int t = EDGE_POINTS; t > 0; t--, k++)
    edge_point (i, j, i, j + 1, t, &g->coords[2 * k], &g->coords[2 * k + 1]);
  g->coords[2 * k] = g->coords[0];
  g->coords[2 * k + 1] = g->coords[1];

  return g;
}

static GfGeometry *
rectangle (double lon0,
           double lat0,
           double lon1,
           double lat1)
{
  GfGeometry *g = g_new0 (GfGeometry, 1);
  double c[] = { lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0 };

  g->kind = GF_GEOMETRY_AREA;
  g->n_parts = 1;
  g->part_start = g_new0 (guint, 2);
  g->part_start[1] = 1;
  g->n_rings = 1;
  g->ring_start = g_new0 (guint, 2);
  g->ring_start[1] = 5;
  g->n_points = 5;
  g->coords = g_memdup2 (c, sizeof c);
  return g;
}

static void
create_province (GfDatabase *db,
                 int         nx)
{
  static const char * const colors[] = { "#D55E00", "#E69F00", "#009E73", "#0072B2",
                                         "#CC79A7", "#56B4E9" };
  static const char * const kinds[] = { "agri_park", "integration_park", "logistics_centre",
                                        "common_factory", "ecommerce_building",
                                        "service_centre", "scenic_spot", "base" };
  static const char * const levels[] = { "national", "provincial", "city", "district",
                                         "district", "district", "city", "district" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) cluster_ids = g_hash_table_new (NULL, NULL);
  gint64 layout_id, district_id = 1;
  int n_towns_x = nx / 10;

  check (gf_database_begin (db, &error), error);

  {
    const char *columns[] = { "id", "code", "name" };
    GfStoreValue values[] = { { GF_STORE_INT, .i = 1 }, { GF_STORE_TEXT, .s = "339901" },
                              { GF_STORE_TEXT, .s = "基准区" } };
    g_autoptr(GfGeometry) g = rectangle (LON0, LAT0, LON0 + nx * CELL, LAT0 + NY * CELL);

    check (gf_store_upsert (db, "district", columns, values, 3, NULL, NULL, &error), error);
    check (gf_store_set_geometry (db, "district", "boundary", district_id, g, &error), error);
  }

  for (int t = 0; t < n_towns_x * (NY / 10); t++)
    {
      const char *columns[] = { "code", "name" };
      g_autofree char *code = g_strdup_printf ("339901%03d", 100 + t);
      g_autofree char *name = g_strdup_printf ("基准%d镇", t);
      GfStoreValue values[] = { { GF_STORE_TEXT, .s = code }, { GF_STORE_TEXT, .s = name } };
      int tx = t % n_towns_x, ty = t / n_towns_x;
      g_autoptr(GfGeometry) g = rectangle (LON0 + tx * 10 * CELL, LAT0 + ty * 10 * CELL,
                                           LON0 + (tx + 1) * 10 * CELL,
                                           LAT0 + (ty + 1) * 10 * CELL);
      gint64 id;

      check (gf_store_upsert (db, "town", columns, values, 2, NULL, &id, &error), error);
      check (gf_store_set_geometry (db, "town", "boundary", id, g, &error), error);
    }

  check (gf_store_layout_ensure (db, "现行布局", &layout_id, &error), error);

  for (int j = 0; j < NY; j++)
    for (int i = 0; i < nx; i++)
      {
        const char *columns[] = { "code", "name", "town_id", "lon", "lat" };
        int town = (j / 10) * n_towns_x + i / 10;
        int local = (j % 10) * 10 + i % 10;
        g_autofree char *code = g_strdup_printf ("339901%03d%03d", 100 + town, 200 + local);
        g_autofree char *name = g_strdup_printf ("%s%d村", local % 3 == 0 ? "上" : "新", local);
        g_autoptr(GfGeometry) g = cell_polygon (i, j);
        GfStoreValue values[] = {
          { GF_STORE_TEXT, .s = code }, { GF_STORE_TEXT, .s = name },
          { GF_STORE_INT, .i = town + 1 },
          { GF_STORE_REAL, .d = LON0 + (i + 0.5) * CELL },
          { GF_STORE_REAL, .d = LAT0 + (j + 0.5) * CELL },
        };
        int block = (j / 10) * (nx / 5) + i / 5;
        gint64 id;

        check (gf_store_upsert (db, "village", columns, values, 5, NULL, &id, &error), error);
        check (gf_store_set_geometry (db, "village", "boundary", id, g, &error), error);

        /* Three blocks of 5 × 10 villages in five are clusters. */
        if (block % 5 < 3)
          {
            const char *member_columns[] = { "layout_id", "village_id", "cluster_id" };
            gpointer cluster = g_hash_table_lookup (cluster_ids, GINT_TO_POINTER (block + 1));
            GfStoreValue member[3];

            if (cluster == NULL)
              {
                const char *cluster_columns[] = { "name", "color" };
                g_autofree char *cluster_name = g_strdup_printf ("共富组团%d", block);
                GfStoreValue cluster_values[] = {
                  { GF_STORE_TEXT, .s = cluster_name },
                  { GF_STORE_TEXT, .s = colors[block % G_N_ELEMENTS (colors)] },
                };
                gint64 cluster_id;

                check (gf_store_upsert (db, "cluster", cluster_columns, cluster_values, 2, NULL,
                                        &cluster_id, &error), error);
                cluster = GINT_TO_POINTER ((int) cluster_id);
                g_hash_table_insert (cluster_ids, GINT_TO_POINTER (block + 1), cluster);
              }

            member[0] = (GfStoreValue) { GF_STORE_INT, .i = layout_id };
            member[1] = (GfStoreValue) { GF_STORE_INT, .i = id };
            member[2] = (GfStoreValue) { GF_STORE_INT, .i = GPOINTER_TO_INT (cluster) };
            check (gf_store_upsert (db, "cluster_member", member_columns, member, 3, NULL, NULL,
                                    &error), error);
          }
      }

  for (int s = 0; s < N_SITES; s++)
    {
      const char *columns[] = { "name", "kind", "level", "lon", "lat" };
      g_autofree char *name = g_strdup_printf ("基准%d号园区", s);
      GfStoreValue values[] = {
        { GF_STORE_TEXT, .s = name }, { GF_STORE_TEXT, .s = kinds[s % 8] },
        { GF_STORE_TEXT, .s = levels[(s / 8) % 8] },
        { GF_STORE_REAL, .d = LON0 + (0.5 + 0.5 * noise (s * 2 + 1)) * nx * CELL },
        { GF_STORE_REAL, .d = LAT0 + (0.5 + 0.5 * noise (s * 2 + 2)) * NY * CELL },
      };

      check (gf_store_upsert (db, "site", columns, values, 5, NULL, NULL, &error), error);
    }

  for (int r = 0; r < N_ROUTES; r++)
    {
      const char *columns[] = { "name", "kind", "geometry" };
      g_autofree char *name = g_strdup_printf ("基准%d号线", r);
      g_autoptr(GfGeometry) g = g_new0 (GfGeometry, 1);
      GfStoreValue values[] = {
        { GF_STORE_TEXT, .s = name },
        { GF_STORE_TEXT, .s = r % 3 == 0 ? "red_tourism" : r % 3 == 1 ? "scenic_road"
                                                                       : "industry_line" },
        { GF_STORE_TEXT, .s = "" },
      };
      gint64 id;

      g->kind = GF_GEOMETRY_LINE;
      g->n_parts = 1;
      g->part_start = g_new0 (guint, 2);
      g->part_start[1] = 1;
      g->n_rings = 1;
      g->ring_start = g_new0 (guint, 2);
      g->ring_start[1] = 50;
      g->n_points = 50;
      g->coords = g_new (double, 100);
      for (int p = 0; p < 50; p++)
        {
          g->coords[2 * p] = LON0 + (0.1 + 0.016 * p + 0.02 * noise (r * 100 + p)) * nx * CELL;
          g->coords[2 * p + 1] = LAT0 + (0.05 + 0.045 * r + 0.01 * noise (r * 77 + p))
                                        * NY * CELL;
        }
      /* The geometry column is NOT NULL: insert a placeholder, then the real blob. */
      values[2] = (GfStoreValue) { GF_STORE_TEXT, .s = "x" };
      check (gf_store_upsert (db, "route", columns, values, 3, NULL, &id, &error), error);
      check (gf_store_set_geometry (db, "route", "geometry", id, g, &error), error);
    }

  check (gf_database_commit (db, NULL, &error), error);
}

typedef struct
{
  GfMapData  *data;
  GfMapStyle *style;
  int         zoom;
  int         tx0;
  int         ty0;
  int         n;
  int         first;
  int         step;
} TileJob;

static gpointer
render_tiles (gpointer user_data)
{
  TileJob *job = user_data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);

  for (int k = job->first; k < job->n * job->n; k += job->step)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      gf_map_render_tile (job->data, job->style, GF_MAP_LAYER_ALL, job->zoom,
                          job->tx0 + k % job->n, job->ty0 + k / job->n, 256, cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  return NULL;
}

static double
median_tile_ms (GfMapData  *data,
                GfMapStyle *style,
                int         zoom,
                int         n,
                double     *cpu)
{
  GfMapRect bounds = gf_map_data_get_bounds (data);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  g_autofree double *samples = g_new (double, n * n);
  g_autofree double *cpu_samples = g_new (double, n * n);
  int cx, cy;

  gf_map_tile_at (zoom, (bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2, &cx, &cy);
  for (int k = 0; k < n * n; k++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      double c0 = cpu_ms ();

      start = g_get_monotonic_time ();
      gf_map_render_tile (data, style, GF_MAP_LAYER_ALL, zoom, cx - n / 2 + k % n,
                          cy - n / 2 + k / n, 256, cr);
      samples[k] = (g_get_monotonic_time () - start) / 1000.0;
      cpu_samples[k] = cpu_ms () - c0;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  if (cpu != NULL)
    *cpu = median (cpu_samples, n * n);
  return median (samples, n * n);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GfMapData) data = NULL;
  g_autoptr(GfMapStyle) style = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *env = g_getenv ("GF_BENCH_VILLAGES");
  int nx = (env ? atoi (env) : 20000) / NY;
  double samples[5], cpu_samples[5];
  gint64 start;

  nx = MAX (10, nx - nx % 10);
  dir = g_dir_make_tmp ("gf-bench-map-XXXXXX", &error);
  check (dir != NULL, error);
  path = g_build_filename (dir, "bench.sqlite", NULL);
  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  check (db != NULL, error);

  start = g_get_monotonic_time ();
  create_province (db, nx);
  g_printerr ("(%d villages written in %.1f s)\n", nx * NY,
              (g_get_monotonic_time () - start) / 1e6);

  for (guint r = 0; r < G_N_ELEMENTS (samples); r++)
    {
      double c0;

      g_clear_pointer (&data, gf_map_data_unref);
      c0 = cpu_ms ();
      start = g_get_monotonic_time ();
      data = gf_map_data_load (db, 0, &error);
      check (data != NULL, error);
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
      cpu_samples[r] = cpu_ms () - c0;
    }
  g_assert (gf_map_data_get_n_villages (data) == (guint) (nx * NY));
  g_print ("load: %.1f ms\n", median (samples, G_N_ELEMENTS (samples)));
  g_print ("load_cpu: %.1f ms\n", median (cpu_samples, G_N_ELEMENTS (cpu_samples)));

  style = gf_map_style_new_by_cluster (data);

  /* The first text drawn loads the fonts; keep it out of the numbers. */
  median_tile_ms (data, style, 12, 1, NULL);
  {
    double cpu, wall = median_tile_ms (data, style, 12, 8, &cpu);

    g_print ("tile: %.2f ms\n", wall);
    g_print ("tile_cpu: %.2f ms\n", cpu);
    wall = median_tile_ms (data, style, 10, 2, &cpu);
    g_print ("tile_z10: %.2f ms (cpu %.2f ms)\n", wall, cpu);
    wall = median_tile_ms (data, style, 14, 8, &cpu);
    g_print ("tile_z14: %.2f ms (cpu %.2f ms)\n", wall, cpu);
  }

  {
    GfMapRect bounds = gf_map_data_get_bounds (data);
    TileJob jobs[2];
    GThread *threads[2];
    int cx, cy, n = 8;

    gf_map_tile_at (12, (bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2, &cx, &cy);
    start = g_get_monotonic_time ();
    for (int t = 0; t < 2; t++)
      {
        jobs[t] = (TileJob) { data, style, 12, cx - n / 2, cy - n / 2, n, t, 2 };
        threads[t] = g_thread_new ("tiles", render_tiles, &jobs[t]);
      }
    for (int t = 0; t < 2; t++)
      g_thread_join (threads[t]);
    g_print ("tiles_threads: %.0f tiles/s\n", n * n / ((g_get_monotonic_time () - start) / 1e6));
  }

  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1200);
    GfMapRect bounds = gf_map_data_get_bounds (data);
    GfMapExtent view;

    gf_map_extent_init_fit (&view, &bounds, 1600, 1200, 20);
    for (guint r = 0; r < 3; r++)
      {
        cairo_t *cr = cairo_create (surface);

        start = g_get_monotonic_time ();
        gf_map_render (data, style, &view, GF_MAP_LAYER_ALL, cr);
        samples[r] = (g_get_monotonic_time () - start) / 1000.0;
        cairo_destroy (cr);
      }
    g_print ("view: %.0f ms\n", median (samples, 3));
    if (g_getenv ("GF_BENCH_PNG") != NULL)
      cairo_surface_write_to_png (surface, g_getenv ("GF_BENCH_PNG"));
    cairo_surface_destroy (surface);
  }

  {
    GfMapRect bounds = gf_map_data_get_bounds (data);
    double tolerance = 6 / gf_map_world_size (12);
    const int n = 20000;
    guint hits = 0;

    start = g_get_monotonic_time ();
    for (int k = 0; k < n; k++)
      {
        GfMapHit hit;
        double x = bounds.x0 + (0.5 + 0.5 * noise (k * 3 + 11)) * (bounds.x1 - bounds.x0);
        double y = bounds.y0 + (0.5 + 0.5 * noise (k * 3 + 12)) * (bounds.y1 - bounds.y0);

        hits += gf_map_data_pick (data, x, y, tolerance, GF_MAP_LAYER_ALL, &hit);
      }
    g_print ("pick: %.4f ms\n", (g_get_monotonic_time () - start) / 1000.0 / n);
    g_assert (hits > n / 2);
  }

  g_clear_object (&db);
  if (g_getenv ("GF_BENCH_KEEP") != NULL)
    {
      g_printerr ("(kept %s)\n", path);
      return 0;
    }
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return 0;
}
