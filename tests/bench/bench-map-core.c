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

#include "bench-province.h"


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
  gf_bench_create_province (db, nx);
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
        double x = bounds.x0 + (0.5 + 0.5 * gf_bench_noise (k * 3 + 11)) * (bounds.x1 - bounds.x0);
        double y = bounds.y0 + (0.5 + 0.5 * gf_bench_noise (k * 3 + 12)) * (bounds.y1 - bounds.y0);

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
