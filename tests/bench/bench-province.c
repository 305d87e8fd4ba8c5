/* bench-province.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-province.h"

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("bench: %s", error ? error->message : "failed");
}

/* A deterministic number in [-1, 1] for a key: the same province on every run. */
double
gf_bench_noise (guint64 key)
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
  *lon = LON0 + i * CELL + 0.2 * CELL * gf_bench_noise ((guint64) i * 100003 + j);
  *lat = LAT0 + j * CELL + 0.2 * CELL * gf_bench_noise ((guint64) j * 100019 + i + 7);
}

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
      double w = 0.12 * CELL * gf_bench_noise (key);

      *lon += (by - ay) / CELL * w;
      *lat -= (bx - ax) / CELL * w;
    }
}

static GfGeometry *
area (guint n)
{
  GfGeometry *g = g_new0 (GfGeometry, 1);

  g->kind = GF_GEOMETRY_AREA;
  g->n_parts = 1;
  g->part_start = g_new0 (guint, 2);
  g->part_start[1] = 1;
  g->n_rings = 1;
  g->ring_start = g_new0 (guint, 2);
  g->ring_start[1] = n;
  g->n_points = n;
  g->coords = g_new (double, 2 * n);

  return g;
}

static GfGeometry *
cell_polygon (int i,
              int j)
{
  GfGeometry *g = area (4 * EDGE_POINTS + 1);
  guint k = 0;

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
  GfGeometry *g = area (5);
  double c[] = { lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0 };

  memcpy (g->coords, c, sizeof c);
  return g;
}

void
gf_bench_create_province (GfDatabase *db,
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
  gint64 layout_id;
  int n_towns_x = nx / 10;

  check (gf_database_begin (db, &error), error);

  {
    const char *columns[] = { "id", "code", "name" };
    GfStoreValue values[] = { { GF_STORE_INT, .i = 1 }, { GF_STORE_TEXT, .s = "339901" },
                              { GF_STORE_TEXT, .s = "基准区" } };
    g_autoptr(GfGeometry) g = rectangle (LON0, LAT0, LON0 + nx * CELL, LAT0 + NY * CELL);

    check (gf_store_upsert (db, "district", columns, values, 3, NULL, NULL, &error), error);
    check (gf_store_set_geometry (db, "district", "boundary", 1, g, &error), error);
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
        { GF_STORE_REAL, .d = LON0 + (0.5 + 0.5 * gf_bench_noise (s * 2 + 1)) * nx * CELL },
        { GF_STORE_REAL, .d = LAT0 + (0.5 + 0.5 * gf_bench_noise (s * 2 + 2)) * NY * CELL },
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
        { GF_STORE_TEXT, .s = "x" },
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
          g->coords[2 * p] = LON0 + (0.1 + 0.016 * p + 0.02 * gf_bench_noise (r * 100 + p)) * nx * CELL;
          g->coords[2 * p + 1] = LAT0 + (0.05 + 0.045 * r + 0.01 * gf_bench_noise (r * 77 + p))
                                        * NY * CELL;
        }
      /* The geometry column is NOT NULL: a placeholder, then the real blob. */
      check (gf_store_upsert (db, "route", columns, values, 3, NULL, &id, &error), error);
      check (gf_store_set_geometry (db, "route", "geometry", id, g, &error), error);
    }

  check (gf_database_commit (db, NULL, &error), error);
}
