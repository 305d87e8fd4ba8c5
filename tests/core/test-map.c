/* test-map.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map core: projection, tile numbers, loading, the spatial index, picking, classes,
 * rendering of views and tiles, and `gongfu-atlas-cli render-map`. The district is tiny and
 * imported from inline CSV and GeoJSON: four villages as squares of 0.01° in town 339901101,
 *
 *   lat 30.02 ┌──────┐
 *             │  C   │                  C: cluster Y
 *   lat 30.01 ├──────┼──────┐      ┌──────┐
 *             │  A   │  B   │ gap  │  D   │   A, B: cluster X; D: no cluster
 *   lat 30.00 └──────┴──────┘      └──────┘
 *          120.00  120.01  120.02 120.03 120.04
 *
 * with the district and the town covering 120.00–120.04 × 30.00–30.02, one national
 * agricultural park in B at (120.015, 30.005), and one scenic road along lat 30.018 from
 * lon 120.012 to 120.038.
 */

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-import.h"
#include "gf-map-data-private.h"
#include "gf-map-render.h"
#include "gf-map-style.h"
#include "gf-test-cli.h"
#include "gf-test-core.h"

#define COLOR_X 0xD55E00
#define COLOR_Y 0x0072B2

static const char district_csv[] = "code,name\n339901,测试区\n";
static const char towns_csv[] = "code,name\n339901101,雪岭镇\n";
static const char villages_csv[] =
  "code,name,town_code\n"
  "339901101201,甲村,339901101\n"
  "339901101202,乙村,339901101\n"
  "339901101203,丙村,339901101\n"
  "339901101204,丁村,339901101\n";
static const char clusters_csv[] = "name,color\nX,#D55E00\nY,#0072B2\n";
static const char members_csv[] =
  "layout,cluster,village_code\n"
  "现行布局,X,339901101201\n"
  "现行布局,X,339901101202\n"
  "现行布局,Y,339901101203\n";
static const char sites_csv[] =
  "name,kind,level,lon,lat,cluster\n"
  "甲园,agri_park,national,120.015,30.005,X\n";
static const char routes_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
  "\"properties\":{\"name\":\"天路\",\"kind\":\"scenic_road\"},"
  "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120.012,30.018],[120.038,30.018]]}}]}";
/* Operating income (business + contract + investment) in 2025: A 60, B 40, C 55, D none. */
static const char observations_csv[] =
  "village_code,year,coll_business_income,coll_contract_income,coll_investment_income\n"
  "339901101201,2025,30,20,10\n"
  "339901101202,2025,20,10,10\n"
  "339901101203,2025,30,15,10\n";

typedef struct
{
  GfDatabase *db;
  GfMapData  *data;
  int         a, b, c, d;   /* village indices */
  int         x, y;         /* cluster indices */
} Fixture;

static char *
square (const char *properties,
        double      lon0,
        double      lat0,
        double      lon1,
        double      lat1)
{
  return g_strdup_printf ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":"
                          "{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],"
                          "[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                          properties, lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
}

static void
fill_database (GfDatabase *db)
{
  g_autofree char *district = square ("\"level\":\"district\",\"code\":\"339901\"",
                                      120.00, 30.00, 120.04, 30.02);
  g_autofree char *town = square ("\"level\":\"town\",\"code\":\"339901101\"",
                                  120.00, 30.00, 120.04, 30.02);
  g_autofree char *a = square ("\"code\":\"339901101201\"", 120.00, 30.00, 120.01, 30.01);
  g_autofree char *b = square ("\"code\":\"339901101202\"", 120.01, 30.00, 120.02, 30.01);
  g_autofree char *c = square ("\"code\":\"339901101203\"", 120.00, 30.01, 120.01, 30.02);
  g_autofree char *d = square ("\"code\":\"339901101204\"", 120.03, 30.00, 120.04, 30.01);
  g_autofree char *boundaries = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":"
                                                 "[%s,%s,%s,%s,%s,%s]}",
                                                 district, town, a, b, c, d);

  gf_test_import_text (db, GF_IMPORT_DISTRICT, district_csv);
  gf_test_import_text (db, GF_IMPORT_TOWNS, towns_csv);
  gf_test_import_text (db, GF_IMPORT_VILLAGES, villages_csv);
  gf_test_import_text (db, GF_IMPORT_BOUNDARIES, boundaries);
  gf_test_import_text (db, GF_IMPORT_CLUSTERS, clusters_csv);
  gf_test_import_text (db, GF_IMPORT_CLUSTER_MEMBERS, members_csv);
  gf_test_import_text (db, GF_IMPORT_SITES, sites_csv);
  gf_test_import_text (db, GF_IMPORT_ROUTES, routes_geojson);
  gf_test_import_text (db, GF_IMPORT_OBSERVATIONS, observations_csv);
}

static int
village_by_code (const GfMapData *data,
                 const char      *code)
{
  for (guint i = 0; i < gf_map_data_get_n_villages (data); i++)
    if (g_str_equal (gf_map_data_get_village (data, i)->code, code))
      return (int) i;

  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fill_database (f->db);

  f->data = gf_map_data_load (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->data);

  f->a = village_by_code (f->data, "339901101201");
  f->b = village_by_code (f->data, "339901101202");
  f->c = village_by_code (f->data, "339901101203");
  f->d = village_by_code (f->data, "339901101204");
  f->x = gf_map_data_find_cluster_by_name (f->data, "X");
  f->y = gf_map_data_find_cluster_by_name (f->data, "Y");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_pointer (&f->data, gf_map_data_unref);
  g_clear_object (&f->db);
}

static void
project (double  lon,
         double  lat,
         double *x,
         double *y)
{
  gf_map_project (lon, lat, x, y);
}

/* Projection and tiles */

static void
test_map_projection (void)
{
  double x, y, lon, lat;

  project (0, 0, &x, &y);
  g_assert_cmpfloat (x, ==, 0.5);
  g_assert_cmpfloat (y, ==, 0.5);

  project (-180, GF_MAP_MAX_LATITUDE, &x, &y);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);
  project (180, -GF_MAP_MAX_LATITUDE, &x, &y);
  g_assert_cmpfloat (x, ==, 1);
  g_assert_cmpfloat_with_epsilon (y, 1, 1e-9);

  /* 85.0511° is the top edge; beyond it latitude is clamped. */
  project (0, 85.0511, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  project (0, 89.9, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-12);

  /* lat 30°: y = 1/2 − ln(tan 30° + sec 30°)/(2π) = 1/2 − ln √3 / (2π). */
  project (120, 30, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 300.0 / 360.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (y, 0.5 - log (sqrt (3)) / (2 * G_PI), 1e-15);

  project (120.123456789, 29.987654321, &x, &y);
  gf_map_unproject (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 120.123456789, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 29.987654321, 1e-9);

  project (-73.9857, 40.7484, &x, &y);
  gf_map_unproject (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, -73.9857, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 40.7484, 1e-9);

  /* 2π · 6378137 m / 256 px at the equator, zoom 0. */
  g_assert_cmpfloat_with_epsilon (gf_map_meters_per_pixel (0, 0.5), 156543.03392804097, 1e-6);
  g_assert_cmpfloat_with_epsilon (gf_map_meters_per_pixel (10, 0.5) * 1024,
                                  156543.03392804097, 1e-6);
  g_assert_cmpfloat (gf_map_world_size (0), ==, 256);
  g_assert_cmpfloat (gf_map_world_size (10), ==, 262144);
}

static void
test_map_tiles (void)
{
  double x, y;
  int tx, ty;
  GfMapRect rect;

  /* lon 120, lat 30 at zoom 10: x = 1024 · 5/6 = 853.3, y = 1024 · 0.41258 = 422.5. */
  project (120, 30, &x, &y);
  gf_map_tile_at (10, x, y, &tx, &ty);
  g_assert_cmpint (tx, ==, 853);
  g_assert_cmpint (ty, ==, 422);

  rect = gf_map_tile_rect (10, 853, 422);
  g_assert_cmpfloat (rect.x0, ==, 853.0 / 1024);
  g_assert_cmpfloat (rect.y1, ==, 423.0 / 1024);
  g_assert_true (x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1);

  gf_map_tile_at (0, x, y, &tx, &ty);
  g_assert_cmpint (tx, ==, 0);
  g_assert_cmpint (ty, ==, 0);

  /* The world's edges clamp to the last tile. */
  gf_map_tile_at (3, 1.0, 1.0, &tx, &ty);
  g_assert_cmpint (tx, ==, 7);
  g_assert_cmpint (ty, ==, 7);
}

/* Loading and the index */

static void
test_map_load (Fixture       *f,
               gconstpointer  user_data)
{
  const GfMapVillage *a, *d;
  const GfMapCluster *x, *y;
  const GfMapSite *site;
  const GfMapArea *district;
  double cx, cy;
  guint n_flagged = 0, n_points;
  const double *ring;

  g_assert_cmpuint (gf_map_data_get_n_towns (f->data), ==, 1);
  g_assert_cmpuint (gf_map_data_get_n_villages (f->data), ==, 4);
  g_assert_cmpuint (gf_map_data_get_n_clusters (f->data), ==, 2);
  g_assert_cmpuint (gf_map_data_get_n_sites (f->data), ==, 1);
  g_assert_cmpuint (gf_map_data_get_n_routes (f->data), ==, 1);
  g_assert_cmpint (gf_map_data_get_layout_id (f->data), >, 0);

  district = gf_map_data_get_district (f->data);
  g_assert_nonnull (district);
  g_assert_cmpstr (district->code, ==, "339901");
  g_assert_cmpstr (district->name, ==, "测试区");
  g_assert_cmpuint (district->n_rings, ==, 1);

  a = gf_map_data_get_village (f->data, f->a);
  d = gf_map_data_get_village (f->data, f->d);
  x = gf_map_data_get_cluster (f->data, f->x);
  y = gf_map_data_get_cluster (f->data, f->y);
  g_assert_cmpstr (a->name, ==, "甲村");
  g_assert_cmpint (a->cluster, ==, f->x);
  g_assert_cmpint (a->cluster_id, ==, x->id);
  g_assert_cmpint (a->town, ==, 0);
  g_assert_cmpint (d->cluster, ==, -1);
  g_assert_cmpint (d->cluster_id, ==, 0);
  g_assert_cmpint (gf_map_data_find_village (f->data, a->id), ==, f->a);
  g_assert_cmpint (gf_map_data_find_village (f->data, 999999), ==, -1);

  g_assert_cmphex (x->color, ==, COLOR_X);
  g_assert_cmphex (y->color, ==, COLOR_Y);
  g_assert_cmpuint (x->n_members, ==, 2);
  g_assert_cmpuint (x->members[0], ==, (guint) MIN (f->a, f->b));
  g_assert_cmpuint (x->members[1], ==, (guint) MAX (f->a, f->b));
  g_assert_cmpuint (y->n_members, ==, 1);

  /* Everything is projected once: the square's ring, box and label point. */
  ring = gf_map_data_get_ring (f->data, a->first_ring, &n_points);
  g_assert_cmpuint (n_points, ==, 5);
  project (120.00, 30.00, &cx, &cy);
  g_assert_cmpfloat (ring[0], ==, cx);
  g_assert_cmpfloat (ring[1], ==, cy);
  g_assert_cmpfloat (a->bounds.x0, ==, cx);
  g_assert_cmpfloat (a->bounds.y1, ==, cy);
  project (120.005, 30.005, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (a->label_x, cx, 1e-12);
  /* The centroid in Mercator is a hair off the middle latitude. */
  g_assert_cmpfloat_with_epsilon (a->label_y, cy, 1e-9);

  /* X's label point: the mass centre of A and B, on their shared edge, inside A or B. */
  project (120.01, 30.005, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (x->label_x, cx, 1e-9);
  g_assert_cmpfloat_with_epsilon (x->label_y, cy, 1e-9);

  site = gf_map_data_get_site (f->data, 0);
  g_assert_cmpstr (site->name, ==, "甲园");
  g_assert_cmpint (site->kind, ==, GF_MAP_SITE_AGRI_PARK);
  g_assert_cmpint (site->level, ==, GF_MAP_LEVEL_NATIONAL);
  g_assert_cmpint (site->cluster, ==, f->x);
  project (120.015, 30.005, &cx, &cy);
  g_assert_cmpfloat (site->x, ==, cx);
  g_assert_cmpfloat (site->y, ==, cy);

  g_assert_cmpint (gf_map_data_get_route (f->data, 0)->kind, ==, GF_MAP_ROUTE_SCENIC_ROAD);

  /* Cluster outlines: A and B share an inside edge; C's edge with A is between clusters. So
   * A and B have 3 outline edges each, C all 4, D (no cluster) none. */
  for (guint p = 0; p < f->data->n_points; p++)
    n_flagged += (f->data->edge_flags[p] & GF_MAP_EDGE_CLUSTER_BOUNDARY) != 0;
  g_assert_cmpuint (n_flagged, ==, 10);
}

static void
test_map_layout (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMapData) data = NULL;

  data = gf_map_data_load (f->db, 4242, &error);
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_QUERY);
  g_assert_null (data);
  g_clear_error (&error);

  data = gf_map_data_load (f->db, gf_map_data_get_layout_id (f->data), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_map_data_get_village (data, f->a)->cluster, ==, f->x);
}

static void
test_map_query (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  GfMapRect rect;
  double x0, y0, x1, y1;

  /* Inside A only. */
  project (120.002, 30.008, &x0, &y0);
  project (120.008, 30.002, &x1, &y1);
  rect = (GfMapRect) { x0, y0, x1, y1 };
  gf_map_data_query (f->data, GF_MAP_LAYER_VILLAGES, &rect, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, (guint) f->a);

  /* Everything, once each, in ascending order. */
  g_array_set_size (found, 0);
  rect = (GfMapRect) { 0, 0, 1, 1 };
  gf_map_data_query (f->data, GF_MAP_LAYER_VILLAGES, &rect, found);
  g_assert_cmpuint (found->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (found, guint, i), ==, i);

  /* The gap between B and D meets no village; A and C touch the rectangle's corner. */
  g_array_set_size (found, 0);
  project (120.022, 30.009, &x0, &y0);
  project (120.028, 30.001, &x1, &y1);
  rect = (GfMapRect) { x0, y0, x1, y1 };
  gf_map_data_query (f->data, GF_MAP_LAYER_VILLAGES, &rect, found);
  g_assert_cmpuint (found->len, ==, 0);

  gf_map_data_query (f->data, GF_MAP_LAYER_SITES, &rect, found);
  g_assert_cmpuint (found->len, ==, 0);
  rect = gf_map_data_get_bounds (f->data);
  gf_map_data_query (f->data, GF_MAP_LAYER_SITES, &rect, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  gf_map_data_query (f->data, GF_MAP_LAYER_CLUSTERS, &rect, found);
  g_assert_cmpuint (found->len, ==, 2);
  g_array_set_size (found, 0);
  gf_map_data_query (f->data, GF_MAP_LAYER_ROUTES, &rect, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  gf_map_data_query (f->data, GF_MAP_LAYER_TOWNS, &rect, found);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_map_pick (Fixture       *f,
               gconstpointer  user_data)
{
  GfMapHit hit;
  double x, y;
  /* 6 px at zoom 15. */
  double tolerance = 6 / gf_map_world_size (15);
  guint all = GF_MAP_LAYER_ALL;

  /* Inside A. */
  project (120.004, 30.006, &x, &y);
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance, all, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_VILLAGES);
  g_assert_cmpint (hit.village, ==, f->a);
  g_assert_cmpint (hit.cluster, ==, f->x);
  g_assert_cmpint (hit.town, ==, 0);
  g_assert_cmpint (hit.site, ==, -1);

  /* Without the village layer, the cluster is what is under the point. */
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance,
                                   GF_MAP_LAYER_CLUSTERS | GF_MAP_LAYER_TOWNS, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_CLUSTERS);
  g_assert_cmpint (hit.cluster, ==, f->x);

  /* In the gap between B and D: no village, only the town. */
  project (120.025, 30.005, &x, &y);
  g_assert_false (gf_map_data_pick (f->data, x, y, tolerance,
                                    all & ~GF_MAP_LAYER_TOWNS, &hit));
  g_assert_cmpint (hit.layer, ==, 0);
  g_assert_cmpint (hit.village, ==, -1);
  g_assert_cmpint (hit.cluster, ==, -1);
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance, all, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_TOWNS);

  /* Near the site (3 px away): the site, over its village B. */
  project (120.015, 30.005, &x, &y);
  x += 3 / gf_map_world_size (15);
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance, all, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_SITES);
  g_assert_cmpint (hit.site, ==, 0);
  g_assert_cmpint (hit.village, ==, f->b);
  /* Too far for the tolerance, or the layer hidden: the village. */
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance / 4, all, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_VILLAGES);
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance, all & ~GF_MAP_LAYER_SITES, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_VILLAGES);

  /* On the road. */
  project (120.030, 30.0181, &x, &y);
  g_assert_true (gf_map_data_pick (f->data, x, y, tolerance, all, &hit));
  g_assert_cmpint (hit.layer, ==, GF_MAP_LAYER_ROUTES);
  g_assert_cmpint (hit.route, ==, 0);

  /* Outside the district. */
  project (120.05, 30.05, &x, &y);
  g_assert_false (gf_map_data_pick (f->data, x, y, tolerance, all, &hit));
  g_assert_cmpint (hit.town, ==, -1);
}

/* Classes */

static void
assert_labels (const GfMapClassification *c,
               const char * const        *expected)
{
  g_assert_cmpuint (g_strv_length (c->labels), ==, c->n_classes);
  for (guint i = 0; i < c->n_classes; i++)
    g_assert_cmpstr (c->labels[i], ==, expected[i]);
}

static void
test_map_classify_quantile (void)
{
  const double values[] = { 7, 3, 10, NAN, 1, 5, 9, 2, 8, 4, 6 };
  const char * const labels[] = { "< 3", "3 – 5", "5 – 7", "7 – 9", "≥ 9" };
  const double ties[] = { 1, 1, 1, 1, 2 };
  g_autoptr(GfMapClassification) c = NULL;

  /* Ten values in five classes: breaks at ranks 2, 4, 6, 8 of 1 … 10. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_QUANTILE, values, G_N_ELEMENTS (values), 5,
                                 NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 5);
  g_assert_cmpfloat (c->breaks[0], ==, 3);
  g_assert_cmpfloat (c->breaks[1], ==, 5);
  g_assert_cmpfloat (c->breaks[2], ==, 7);
  g_assert_cmpfloat (c->breaks[3], ==, 9);
  g_assert_cmpfloat (c->min, ==, 1);
  g_assert_cmpfloat (c->max, ==, 10);
  g_assert_cmpuint (c->n_missing, ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (c->counts[i], ==, 2);
  assert_labels (c, labels);
  g_assert_false (c->diverging);
  g_assert_cmphex (c->colors[0], ==, 0xFFFFCC);
  g_assert_cmphex (c->colors[4], ==, 0x253494);

  g_assert_cmpuint (gf_map_classification_class_of (c, 2.999), ==, 0);
  g_assert_cmpuint (gf_map_classification_class_of (c, 3), ==, 1);
  g_assert_cmpuint (gf_map_classification_class_of (c, 8.5), ==, 3);
  g_assert_cmpuint (gf_map_classification_class_of (c, 1000), ==, 4);
  g_assert_cmpuint (gf_map_classification_class_of (c, -1000), ==, 0);
  g_assert_cmpuint (gf_map_classification_class_of (c, NAN), ==, GF_MAP_CLASS_NONE);
  g_clear_pointer (&c, gf_map_classification_free);

  /* Ties merge classes: breaks 1, 1, 1 (at the minimum) and 2 leave two classes. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_QUANTILE, ties, 5, 5, NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 2);
  g_assert_cmpfloat (c->breaks[0], ==, 2);
  g_assert_cmpuint (c->counts[0], ==, 4);
  g_assert_cmpuint (c->counts[1], ==, 1);
  g_assert_cmphex (c->colors[0], ==, 0xA1DAB4);
  g_clear_pointer (&c, gf_map_classification_free);

  /* No values at all: one class, everything missing. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_QUANTILE, values + 3, 1, 5, NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 1);
  g_assert_cmpuint (c->n_missing, ==, 1);
  g_assert_true (isnan (c->min));
}

static void
test_map_classify_equal (void)
{
  const double values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double money[] = { 23456.7, 31000, 40000, 58765.4 };
  const char * const labels[] = { "< 4", "4 – 7", "≥ 7" };
  g_autoptr(GfMapClassification) c = NULL;

  /* 1 + 9/3 = 4 and 1 + 2·9/3 = 7. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_EQUAL_INTERVAL, values, 10, 3, NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 3);
  g_assert_cmpfloat (c->breaks[0], ==, 4);
  g_assert_cmpfloat (c->breaks[1], ==, 7);
  g_assert_cmpuint (c->counts[0], ==, 3);
  g_assert_cmpuint (c->counts[1], ==, 3);
  g_assert_cmpuint (c->counts[2], ==, 4);
  assert_labels (c, labels);
  g_assert_cmphex (c->colors[1], ==, 0x7FCDBB);
  g_clear_pointer (&c, gf_map_classification_free);

  /* 23456.7 + 35308.7/2 = 41111.05, rounded to three digits of the range (100s): 41,100.
   * Thousands are grouped in the labels. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_EQUAL_INTERVAL, money, 4, 2, NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 2);
  g_assert_cmpfloat_with_epsilon (c->breaks[0], 41100, 1e-9);
  g_assert_cmpstr (c->labels[0], ==, "< 41,100");
  g_clear_pointer (&c, gf_map_classification_free);

  /* Quantile on the same: rank 2 of 4 is 40000 → 40,000. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_QUANTILE, money, 4, 2, NULL, 0, 1);
  g_assert_cmpfloat (c->breaks[0], ==, 40000);
  g_assert_cmpstr (c->labels[1], ==, "≥ 40,000");
  g_clear_pointer (&c, gf_map_classification_free);

  /* All equal: one class, labelled with the value. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_EQUAL_INTERVAL, values, 1, 5, NULL, 0, 1);
  g_assert_cmpuint (c->n_classes, ==, 1);
  g_assert_cmpstr (c->labels[0], ==, "1");
}

static void
test_map_classify_thresholds (void)
{
  const double values[] = { 20, 50, 80, NAN };
  const double one[] = { 50 };
  const double two[] = { 100, 50 };
  const double fractions[] = { 0.5, 1.25 };
  const char * const two_labels[] = { "< 50", "50 – 100", "≥ 100" };
  const char * const fraction_labels[] = { "< 0.50", "0.50 – 1.25", "≥ 1.25" };
  g_autoptr(GfMapClassification) c = NULL;

  /* Operating income below 50 万元: red. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_THRESHOLDS, values, 4, 0, one, 1, 1);
  g_assert_cmpuint (c->n_classes, ==, 2);
  g_assert_true (c->diverging);
  g_assert_cmpfloat (c->breaks[0], ==, 50);
  g_assert_cmpstr (c->labels[0], ==, "< 50");
  g_assert_cmpstr (c->labels[1], ==, "≥ 50");
  g_assert_cmpuint (c->counts[0], ==, 1);
  g_assert_cmpuint (c->counts[1], ==, 2);
  g_assert_cmpuint (c->n_missing, ==, 1);
  g_assert_cmphex (c->colors[0], ==, 0xD7191C);
  g_assert_cmphex (c->colors[1], ==, 0xABD9E9);
  g_assert_cmpuint (gf_map_classification_class_of (c, 49.99), ==, 0);
  g_assert_cmpuint (gf_map_classification_class_of (c, 50), ==, 1);
  g_clear_pointer (&c, gf_map_classification_free);

  /* Lower is better (safety incidents): red on top. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_THRESHOLDS, values, 4, 0, one, 1, -1);
  g_assert_cmphex (c->colors[0], ==, 0xABD9E9);
  g_assert_cmphex (c->colors[1], ==, 0xD7191C);
  g_clear_pointer (&c, gf_map_classification_free);

  /* Thresholds are sorted; a break above every value still makes its class. */
  c = gf_map_classification_new (GF_MAP_CLASSIFY_THRESHOLDS, values, 4, 0, two, 2, 1);
  g_assert_cmpuint (c->n_classes, ==, 3);
  assert_labels (c, two_labels);
  g_assert_cmpuint (c->counts[2], ==, 0);
  g_assert_cmphex (c->colors[0], ==, 0xFC8D59);
  g_assert_cmphex (c->colors[2], ==, 0x91BFDB);
  g_clear_pointer (&c, gf_map_classification_free);

  c = gf_map_classification_new (GF_MAP_CLASSIFY_THRESHOLDS, values, 4, 0, fractions, 2, 1);
  assert_labels (c, fraction_labels);
}

/* Styles */

static void
test_map_style (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfMapStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const GfMapClassification *c;
  guint32 rgb;

  style = gf_map_style_new_by_cluster (f->data);
  g_assert_cmpint (gf_map_style_get_color_by (style), ==, GF_MAP_COLOR_BY_CLUSTER);
  g_assert_null (gf_map_style_get_classification (style));
  g_assert_true (gf_map_style_get_village_fill (style, f->a, &rgb));
  g_assert_cmphex (rgb, ==, COLOR_X);
  g_assert_true (gf_map_style_get_village_fill (style, f->c, &rgb));
  g_assert_cmphex (rgb, ==, COLOR_Y);
  g_assert_true (gf_map_style_get_village_fill (style, f->d, &rgb));
  g_assert_cmphex (rgb, ==, GF_MAP_COLOR_UNCLUSTERED);
  g_clear_pointer (&style, gf_map_style_unref);

  aggregator = gf_aggregator_new (f->db, 0, &error);
  g_assert_no_error (error);

  /* The derived operating income, against its benchmark of 50 万元. */
  style = gf_map_style_new_for_indicator (f->data, aggregator, "coll_operating_income", 2025,
                                          GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gf_map_style_get_title (style), ==, "村级集体经济经营性收入");
  g_assert_cmpstr (gf_map_style_get_subtitle (style), ==, "2025 · 万元");
  c = gf_map_style_get_classification (style);
  g_assert_cmpuint (c->n_classes, ==, 2);
  g_assert_cmpuint (c->counts[0], ==, 1);
  g_assert_cmpuint (c->counts[1], ==, 2);
  g_assert_cmpuint (c->n_missing, ==, 1);
  g_assert_cmpfloat (gf_map_style_get_village_value (style, f->a), ==, 60);
  g_assert_cmpfloat (gf_map_style_get_village_value (style, f->b), ==, 40);
  g_assert_true (isnan (gf_map_style_get_village_value (style, f->d)));
  g_assert_true (gf_map_style_get_village_fill (style, f->a, &rgb));
  g_assert_cmphex (rgb, ==, 0xABD9E9);
  g_assert_true (gf_map_style_get_village_fill (style, f->b, &rgb));
  g_assert_cmphex (rgb, ==, 0xD7191C);
  g_assert_false (gf_map_style_get_village_fill (style, f->d, &rgb));
  g_clear_pointer (&style, gf_map_style_unref);

  style = gf_map_style_new_for_indicator (f->data, aggregator, "no_such_code", 2025,
                                          GF_MAP_CLASSIFY_QUANTILE, 0, NULL, 0, &error);
  g_assert_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_INDICATOR);
  g_assert_null (style);
  g_clear_error (&error);

  /* Population has no benchmark: thresholds must be given. */
  style = gf_map_style_new_for_indicator (f->data, aggregator, "coll_business_income", 2025,
                                          GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL, 0, &error);
  g_assert_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_CLASSES);
  g_assert_null (style);
}

/* Rendering */

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            guint           *a,
            guint           *r,
            guint           *g,
            guint           *b)
{
  const guint8 *row;
  guint32 p;

  cairo_surface_flush (surface);
  row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  p = ((const guint32 *) (const void *) row)[x];
  *a = p >> 24;
  *r = (p >> 16) & 0xff;
  *g = (p >> 8) & 0xff;
  *b = p & 0xff;
}

static void
assert_pixel_rgb (cairo_surface_t *surface,
                  double           px,
                  double           py,
                  guint32          rgb)
{
  guint a, r, g, b;

  read_pixel (surface, (int) px, (int) py, &a, &r, &g, &b);
  g_test_message ("pixel (%d, %d) = #%02X%02X%02X alpha %u, want #%06X", (int) px, (int) py,
                  r, g, b, a, rgb);
  g_assert_cmpuint (a, ==, 255);
  g_assert_cmpint (ABS ((int) r - (int) ((rgb >> 16) & 0xff)), <=, 2);
  g_assert_cmpint (ABS ((int) g - (int) ((rgb >> 8) & 0xff)), <=, 2);
  g_assert_cmpint (ABS ((int) b - (int) (rgb & 0xff)), <=, 2);
}

static guint
count_painted (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint a, r, g, b;

        read_pixel (surface, x, y, &a, &r, &g, &b);
        n += a != 0;
      }

  return n;
}

static void
test_map_render_view (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 400);
  cairo_t *cr = cairo_create (surface);
  GfMapRect bounds = gf_map_data_get_district (f->data)->bounds;
  GfMapExtent view;
  double x, y, px, py;

  gf_map_extent_init_fit (&view, &bounds, 480, 400, 40);
  /* 0.04° across 400 px (the width limits: 0.02° of latitude are 0.0231 world units high). */
  g_assert_cmpfloat_with_epsilon ((bounds.x1 - bounds.x0) * gf_map_world_size (view.zoom),
                                  400, 1e-6);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gf_map_render (f->data, style, &view, GF_MAP_LAYER_ALL & ~GF_MAP_LAYER_LABELS, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* The middle of A has cluster X's colour, C cluster Y's, D the neutral grey. */
  project (120.005, 30.005, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  assert_pixel_rgb (surface, px, py, COLOR_X);
  project (120.005, 30.015, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  assert_pixel_rgb (surface, px, py, COLOR_Y);
  project (120.035, 30.005, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  assert_pixel_rgb (surface, px, py, GF_MAP_COLOR_UNCLUSTERED);

  /* Outside the district: the background the caller painted. */
  assert_pixel_rgb (surface, 10, 10, 0xFFFFFF);
  assert_pixel_rgb (surface, 470, 390, 0xFFFFFF);

  /* The round trip of the view's transform. */
  gf_map_extent_pixel_to_world (&view, px, py, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  project (120.035, 30.005, &x, &y);
  gf_map_extent_pixel_to_world (&view, px, py, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, x, 1e-12);

  /* With labels: no cairo error, and the names change pixels. */
  {
    cairo_surface_t *labelled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 400);
    cairo_t *lcr = cairo_create (labelled);
    guint changed = 0;

    cairo_set_source_rgb (lcr, 1, 1, 1);
    cairo_paint (lcr);
    gf_map_render (f->data, style, &view, GF_MAP_LAYER_ALL, lcr);
    g_assert_cmpint (cairo_status (lcr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (lcr);
    cairo_surface_flush (labelled);
    for (int i = 0; i < 480 * 400; i++)
      changed += ((guint32 *) (void *) cairo_image_surface_get_data (labelled))[i]
                 != ((guint32 *) (void *) cairo_image_surface_get_data (surface))[i];
    g_assert_cmpuint (changed, >, 200);
    cairo_surface_destroy (labelled);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_map_render_choropleth (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, NULL);
  g_autoptr(GfMapStyle) style = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 300);
  cairo_t *cr = cairo_create (surface);
  GfMapRect bounds = gf_map_data_get_district (f->data)->bounds;
  GfMapExtent view;
  double x, y, px, py;
  guint a, r, g, b;

  style = gf_map_style_new_for_indicator (f->data, aggregator, "coll_operating_income", 2025,
                                          GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL, 0, NULL);
  gf_map_extent_init_fit (&view, &bounds, 480, 300, 40);
  gf_map_render (f->data, style, &view, GF_MAP_LAYER_VILLAGES, cr);

  project (120.005, 30.005, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  assert_pixel_rgb (surface, px, py, 0xABD9E9);
  project (120.015, 30.003, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  assert_pixel_rgb (surface, px, py, 0xD7191C);

  /* D has no value: hatched, grey lines on light grey, opaque. */
  project (120.035, 30.005, &x, &y);
  gf_map_extent_world_to_pixel (&view, x, y, &px, &py);
  read_pixel (surface, (int) px, (int) py, &a, &r, &g, &b);
  g_assert_cmpuint (a, ==, 255);
  g_assert_cmpuint (r, ==, g);
  g_assert_cmpuint (g, ==, b);
  g_assert_cmpuint (r, >=, 0x9A - 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static cairo_surface_t *
render_tile (Fixture          *f,
             const GfMapStyle *style,
             guint             layers,
             int               zoom,
             int               tx,
             int               ty,
             int               size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);

  gf_map_render_tile (f->data, style, layers, zoom, tx, ty, size, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  return surface;
}

static void
test_map_render_tile (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  const GfMapSite *site = gf_map_data_get_site (f->data, 0);
  cairo_surface_t *surface;
  int tx, ty;

  /* At zoom 17 the site's tile holds little else than the site and village B. */
  gf_map_tile_at (17, site->x, site->y, &tx, &ty);
  g_assert_true (gf_map_tile_has_features (f->data, GF_MAP_LAYER_ALL, 17, tx, ty));
  surface = render_tile (f, style, GF_MAP_LAYER_SITES, 17, tx, ty, 256);
  g_assert_cmpuint (count_painted (surface), >, 100);
  cairo_surface_destroy (surface);

  /* A HiDPI tile draws the same at twice the pixels. */
  surface = render_tile (f, style, GF_MAP_LAYER_SITES, 17, tx, ty, 512);
  g_assert_cmpuint (count_painted (surface), >, 400);
  cairo_surface_destroy (surface);

  /* HiDPI either way: a 512 tile, or a 256 tile on a surface of device scale 2. */
  {
    g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, NULL);
    g_autoptr(GfMapStyle) values = NULL;
    cairo_surface_t *big, *scaled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
    cairo_t *cr;
    guint layers = GF_MAP_LAYER_ALL & ~GF_MAP_LAYER_LABELS;
    int worst = 0;

    values = gf_map_style_new_for_indicator (f->data, aggregator, "coll_operating_income", 2025,
                                             GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL, 0, NULL);
    gf_map_tile_at (15, site->x, site->y, &tx, &ty);
    big = render_tile (f, values, layers, 15, tx, ty, 512);
    cairo_surface_set_device_scale (scaled, 2, 2);
    cr = cairo_create (scaled);
    gf_map_render_tile (f->data, values, layers, 15, tx, ty, 256, cr);
    cairo_destroy (cr);
    for (int y = 0; y < 512; y++)
      for (int x = 0; x < 512; x++)
        {
          guint a1, r1, g1, b1, a2, r2, g2, b2;

          read_pixel (big, x, y, &a1, &r1, &g1, &b1);
          read_pixel (scaled, x, y, &a2, &r2, &g2, &b2);
          worst = MAX (worst, MAX (ABS ((int) a1 - (int) a2), ABS ((int) g1 - (int) g2)));
        }
    g_test_message ("largest difference between the two HiDPI tiles: %d", worst);
    g_assert_cmpint (worst, <=, 2);
    cairo_surface_destroy (big);
    cairo_surface_destroy (scaled);
    gf_map_tile_at (17, site->x, site->y, &tx, &ty);
  }

  /* Far away: nothing, and the index knows it without drawing. */
  g_assert_false (gf_map_tile_has_features (f->data, GF_MAP_LAYER_ALL, 17, tx + 40, ty));
  surface = render_tile (f, style, GF_MAP_LAYER_ALL, 17, tx + 40, ty, 256);
  g_assert_cmpuint (count_painted (surface), ==, 0);
  cairo_surface_destroy (surface);
}

static cairo_surface_t *
render_tile_at_scale (Fixture          *f,
                      const GfMapStyle *style,
                      guint             layers,
                      int               zoom,
                      int               tx,
                      int               ty,
                      double            display_scale)
{
  int size = (int) round (256 * display_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);

  gf_map_render_tile_at_scale (f->data, style, layers, zoom, tx, ty, 256, display_scale, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The white outline between A and B (both of cluster X) on row @y from @x0 to @x1: its
 * width in pixels (the sum of each pixel's share of white over the fill, whatever the
 * antialiasing) and its middle. */
static void
measure_outline (cairo_surface_t *surface,
                 int              x0,
                 int              x1,
                 int              y,
                 double          *width,
                 double          *middle)
{
  guint a, r, fill_g, b, g;
  double sum = 0, moment = 0;

  read_pixel (surface, x0, y, &a, &r, &fill_g, &b);
  g_assert_cmpuint (a, ==, 255);
  g_assert_cmpuint (fill_g, ==, (COLOR_X >> 8) & 0xff);
  for (int x = x0; x <= x1; x++)
    {
      double share;

      read_pixel (surface, x, y, &a, &r, &g, &b);
      g_assert_cmpuint (a, ==, 255);
      share = (g - (double) fill_g) / (255.0 - fill_g);
      sum += share;
      moment += share * (x + 0.5);
    }
  *width = sum;
  *middle = moment / sum;
}

/* A tile drawn for display at 1.5× covers the same ground on 384 pixels: where the 256-px
 * tile is a plain fill, the 384-px one has the same colour at 1.5 times the position. Lines
 * keep their width: the outline of 0.9 px between villages A and B is 0.9 px wide in both
 * (a tile magnified on screen would make it 1.35). */
static void
test_map_render_tile_scale (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  const int zoom = 15;
  const double scale = 1.5;
  cairo_surface_t *one, *big;
  double x, y, n = exp2 (zoom), edge_x, row_y, w1, w15, mid1, mid15;
  int tx, ty, worst = 0;
  guint n_compared = 0;

  /* The tile of the middle of A and B's shared edge (lon 120.01, lat 30.005). */
  project (120.01, 30.005, &x, &y);
  gf_map_tile_at (zoom, x, y, &tx, &ty);
  edge_x = (x - tx / n) * 256 * n;
  row_y = (y - ty / n) * 256 * n;
  g_test_message ("edge at (%.2f, %.2f) of tile %d, %d", edge_x, row_y, tx, ty);
  g_assert_cmpfloat (edge_x, >, 30);
  g_assert_cmpfloat (edge_x, <, 226);
  g_assert_cmpfloat (row_y, >, 10);
  g_assert_cmpfloat (row_y, <, 246);

  one = render_tile_at_scale (f, style, GF_MAP_LAYER_VILLAGES, zoom, tx, ty, 1.0);
  big = render_tile_at_scale (f, style, GF_MAP_LAYER_VILLAGES, zoom, tx, ty, scale);
  g_assert_cmpint (cairo_image_surface_get_width (big), ==, 384);

  /* Scale 1 is gf_map_render_tile(). */
  {
    cairo_surface_t *plain = render_tile (f, style, GF_MAP_LAYER_VILLAGES, zoom, tx, ty, 256);

    cairo_surface_flush (plain);
    g_assert_cmpmem (cairo_image_surface_get_data (plain), 256 * 256 * 4,
                     cairo_image_surface_get_data (one), 256 * 256 * 4);
    cairo_surface_destroy (plain);
  }

  /* Polygon interiors: every pixel of the big tile whose place in the small one is 3 px or
   * more from any change of colour. */
  for (int py = 0; py < 384; py++)
    for (int px = 0; px < 384; px++)
      {
        int sx = (int) floor ((px + 0.5) / scale), sy = (int) floor ((py + 0.5) / scale);
        guint a0, r0, g0, b0, a1, r1, g1, b1;
        gboolean uniform = TRUE;

        if (sx < 3 || sy < 3 || sx > 252 || sy > 252)
          continue;
        read_pixel (one, sx, sy, &a0, &r0, &g0, &b0);
        for (int dy = -3; dy <= 3 && uniform; dy++)
          for (int dx = -3; dx <= 3 && uniform; dx++)
            {
              guint a, r, g, b;

              read_pixel (one, sx + dx, sy + dy, &a, &r, &g, &b);
              uniform = a == a0 && r == r0 && g == g0 && b == b0;
            }
        if (!uniform)
          continue;
        read_pixel (big, px, py, &a1, &r1, &g1, &b1);
        worst = MAX (worst, ABS ((int) a0 - (int) a1));
        worst = MAX (worst, ABS ((int) r0 - (int) r1));
        worst = MAX (worst, ABS ((int) g0 - (int) g1));
        worst = MAX (worst, ABS ((int) b0 - (int) b1));
        n_compared++;
      }
  g_test_message ("%u interior pixels compared, largest difference %d", n_compared, worst);
  g_assert_cmpuint (n_compared, >, 384 * 384 / 2);
  g_assert_cmpint (worst, <=, 2);

  /* The edge between A and B: at 1.5 times the position, and as thin. */
  measure_outline (one, (int) edge_x - 20, (int) edge_x + 20, (int) row_y, &w1, &mid1);
  measure_outline (big, (int) (edge_x * scale) - 20, (int) (edge_x * scale) + 20,
                   (int) (row_y * scale), &w15, &mid15);
  g_test_message ("outline %.2f px wide at %.2f; at 1.5: %.2f px at %.2f (edge %.2f)",
                  w1, mid1, w15, mid15, edge_x * scale);
  g_assert_cmpfloat_with_epsilon (mid1, edge_x, 0.5);
  g_assert_cmpfloat_with_epsilon (mid15, edge_x * scale, 0.5);
  g_assert_cmpfloat_with_epsilon (w1, 0.9, 0.2);
  g_assert_cmpfloat_with_epsilon (w15, 0.9, 0.2);

  cairo_surface_destroy (one);
  cairo_surface_destroy (big);
}

/* Four tiles side by side draw what one view of the same extent draws (labels aside, which
 * tiles place by their own rule). */
static void
test_map_render_tiles_join (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(GfAggregator) aggregator = gf_aggregator_new (f->db, 0, NULL);
  g_autoptr(GfMapStyle) style = NULL;
  cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  cairo_t *cr = cairo_create (whole);
  guint layers = GF_MAP_LAYER_ALL & ~GF_MAP_LAYER_LABELS;
  const int zoom = 15;
  GfMapExtent view;
  double x, y;
  int tx, ty, worst = 0;

  style = gf_map_style_new_for_indicator (f->data, aggregator, "coll_operating_income", 2025,
                                          GF_MAP_CLASSIFY_THRESHOLDS, 0, NULL, 0, NULL);

  /* The 2 × 2 tiles around the tile corner nearest to the middle of A and B. */
  project (120.01, 30.005, &x, &y);
  tx = (int) round (x * exp2 (zoom));
  ty = (int) round (y * exp2 (zoom));
  view = (GfMapExtent) { tx / exp2 (zoom), ty / exp2 (zoom), zoom, 512, 512 };
  gf_map_render (f->data, style, &view, layers, cr);
  cairo_destroy (cr);
  cairo_surface_flush (whole);

  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++)
      {
        cairo_surface_t *tile = render_tile (f, style, layers, zoom, tx - 1 + i, ty - 1 + j, 256);

        for (int py = 0; py < 256; py++)
          for (int px = 0; px < 256; px++)
            {
              guint a1, r1, g1, b1, a2, r2, g2, b2;

              read_pixel (tile, px, py, &a1, &r1, &g1, &b1);
              read_pixel (whole, px + 256 * i, py + 256 * j, &a2, &r2, &g2, &b2);
              worst = MAX (worst, ABS ((int) a1 - (int) a2));
              worst = MAX (worst, ABS ((int) r1 - (int) r2));
              worst = MAX (worst, ABS ((int) g1 - (int) g2));
              worst = MAX (worst, ABS ((int) b1 - (int) b2));
            }
        cairo_surface_destroy (tile);
      }
  cairo_surface_destroy (whole);

  g_test_message ("largest channel difference between tiles and view: %d", worst);
  g_assert_cmpint (worst, <=, 2);
}

static guint
count_dark (cairo_surface_t *surface,
            int              x0,
            int              x1,
            int              y0,
            int              y1)
{
  int size = cairo_image_surface_get_width (surface);
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, size); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, size); x++)
      {
        guint a, r, g, b;

        read_pixel (surface, x, y, &a, &r, &g, &b);
        n += a == 255 && r < 0x70 && g < 0x70 && b < 0x70;
      }

  return n;
}

/* A name that crosses a tile edge is drawn by both tiles, each its half: text ink on both
 * sides of the edge. (Only labels make dark pixels with these layers.) */
static void
test_map_render_tile_labels (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  guint layers = GF_MAP_LAYER_VILLAGES | GF_MAP_LAYER_LABELS;
  cairo_surface_t *left, *right, *again;
  int zoom = -1, edge = 0, ty = 0, row = 0;

  for (int z = 12; z <= 18 && zoom < 0; z++)
    for (guint i = 0; i < gf_map_data_get_n_villages (f->data) && zoom < 0; i++)
      {
        const GfMapVillage *v = gf_map_data_get_village (f->data, i);
        double lx = v->label_x * gf_map_world_size (z), ly = v->label_y * gf_map_world_size (z);
        double d = fmod (lx, 256);

        if (d < 5 || d > 251)
          {
            zoom = z;
            edge = (int) round (lx / 256);
            ty = (int) floor (ly / 256);
            row = (int) (ly - 256 * ty);
          }
      }
  g_assert_cmpint (zoom, >=, 0);
  g_test_message ("a label on the edge of tiles %d and %d, row %d, zoom %d",
                  edge - 1, edge, ty, zoom);

  left = render_tile (f, style, layers, zoom, edge - 1, ty, 256);
  right = render_tile (f, style, layers, zoom, edge, ty, 256);
  g_assert_cmpuint (count_dark (left, 236, 256, row - 8, row + 8), >, 0);
  g_assert_cmpuint (count_dark (right, 0, 20, row - 8, row + 8), >, 0);

  /* A tile rendered again is the same: nothing is kept between renders. */
  again = render_tile (f, style, layers, zoom, edge - 1, ty, 256);
  g_assert_cmpmem (cairo_image_surface_get_data (left), 256 * 256 * 4,
                   cairo_image_surface_get_data (again), 256 * 256 * 4);

  /* Drawn for display at 1.5×, the label is still drawn by both tiles, halves that meet. */
  cairo_surface_destroy (left);
  cairo_surface_destroy (right);
  left = render_tile_at_scale (f, style, layers, zoom, edge - 1, ty, 1.5);
  right = render_tile_at_scale (f, style, layers, zoom, edge, ty, 1.5);
  g_assert_cmpuint (count_dark (left, 364, 384, row * 1.5 - 8, row * 1.5 + 8), >, 0);
  g_assert_cmpuint (count_dark (right, 0, 20, row * 1.5 - 8, row * 1.5 + 8), >, 0);

  cairo_surface_destroy (left);
  cairo_surface_destroy (right);
  cairo_surface_destroy (again);
}

static gpointer
render_in_thread (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  const GfMapSite *site = gf_map_data_get_site (f->data, 0);
  guint total = 0;

  for (int zoom = 12; zoom <= 16; zoom++)
    {
      int tx, ty;
      cairo_surface_t *surface;

      gf_map_tile_at (zoom, site->x, site->y, &tx, &ty);
      surface = render_tile (f, style, GF_MAP_LAYER_ALL, zoom, tx, ty, 256);
      total += count_painted (surface);
      cairo_surface_destroy (surface);
    }

  return GUINT_TO_POINTER (total);
}

static void
test_map_render_threads (Fixture       *f,
                         gconstpointer  user_data)
{
  GThread *threads[4];
  guint results[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("tile", render_in_thread, f);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    results[i] = GPOINTER_TO_UINT (g_thread_join (threads[i]));

  g_assert_cmpuint (results[0], >, 0);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (results[i], ==, results[0]);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_map_render_vector (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(GfMapStyle) style = gf_map_style_new_by_cluster (f->data);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  GfMapRect bounds = gf_map_data_get_bounds (f->data);
  cairo_surface_t *surface;
  cairo_t *cr;
  GfMapExtent view;
  double w, h;

  gf_map_extent_init_fit (&view, &bounds, 600, 400, 20);

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, 600, 400);
  cr = cairo_create (surface);
  gf_map_render (f->data, style, &view, GF_MAP_LAYER_ALL, cr);
  gf_map_measure_legend (f->data, style, GF_MAP_LAYER_ALL, cr, &w, &h);
  gf_map_render_legend (f->data, style, GF_MAP_LAYER_ALL, cr, 600 - w, 0);
  gf_map_render_scale_bar (&view, cr, 10, 390, 150);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (pdf->len, >, 1000);
  g_assert_cmpmem (pdf->data, 5, "%PDF-", 5);

  surface = cairo_svg_surface_create_for_stream (append_bytes_cb, svg, 600, 400);
  cr = cairo_create (surface);
  gf_map_render (f->data, style, &view, GF_MAP_LAYER_ALL, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_byte_array_append (svg, (const guint8 *) "", 1);
  g_assert_nonnull (strstr ((const char *) svg->data, "<svg"));

  /* The legend lists both clusters, the unclustered village, the site and the route. */
  g_assert_cmpfloat (w, >, 60);
  g_assert_cmpfloat (h, >, 8 * 18);
}

/* render-map */

/* Whether the folder of @out holds a file named after @out other than @out itself: the
 * temporary file that a render writes first, whatever it is called. */
static gboolean
has_temporary_file (const char *out)
{
  g_autofree char *dir = g_path_get_dirname (out);
  g_autofree char *base = g_path_get_basename (out);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_equal (name, base) && strstr (name, base) != NULL)
      return TRUE;

  return FALSE;
}

/* Takes @r: the CLI failed with @status, said @needle and left neither @out nor a temporary
 * file. */
static void
assert_fails (int         status,
              const char *out,
              const char *needle,
              GfCliRun    r)
{
  g_assert_cmpint (r.status, ==, status);
  g_assert_nonnull (strstr (r.err, needle));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (has_temporary_file (out));
  gf_cli_run_clear (&r);
}

static void
test_map_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db_path = NULL, *png = NULL, *svg = NULL, *pdf = NULL;
  g_autofree char *bad = NULL, *contents = NULL;
  gsize length = 0;
  cairo_surface_t *image;

  if (!gf_have_cli ())
    return;

  dir = g_dir_make_tmp ("gf-map-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "tiny.sqlite", NULL);
  png = g_build_filename (dir, "map.png", NULL);
  svg = g_build_filename (dir, "map.svg", NULL);
  pdf = g_build_filename (dir, "map.pdf", NULL);
  bad = g_build_filename (dir, "bad.png", NULL);

  {
    g_autoptr(GfDatabase) db = gf_database_open (db_path, GF_DATABASE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    fill_database (db);
  }

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-map", db_path, "--output", png, "--width", "640",
                                     "--height", "480", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 480);
  cairo_surface_destroy (image);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-map", db_path, "--output", png, "--width", "300",
                                     "--height", "200", "--scale", "2", "--fit", "cluster:X",
                                     "--color-by", "coll_operating_income:2025", "--classes",
                                     "thresholds:45,58", "--layers", "villages,clusters,labels",
                                     NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 600);
  cairo_surface_destroy (image);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-map", db_path, "--output", svg, "--fit",
                                     "120.0,30.0,120.02,30.02", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  {
    g_auto(GfCliRun) r = gf_cli_run ("render-map", db_path, "--output", pdf, "--color-by",
                                     "coll_operating_income:2025", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 4, "%PDF", 4);

  /* Errors: a message, exit 1 (data) or 2 (command line), and no file. */
  assert_fails (1, bad, "Z", gf_cli_run ("render-map", db_path, "--output", bad, "--fit",
                                         "cluster:Z", NULL));
  assert_fails (2, bad, "--fit", gf_cli_run ("render-map", db_path, "--output", bad, "--fit",
                                             "120.1,30,120.0,30.02", NULL));
  assert_fails (2, bad, "--fit", gf_cli_run ("render-map", db_path, "--output", bad, "--fit",
                                             "120,30,121", NULL));
  assert_fails (1, bad, "nosuch", gf_cli_run ("render-map", db_path, "--output", bad,
                                              "--color-by", "nosuch:2025", NULL));
  assert_fails (2, bad, "--color-by", gf_cli_run ("render-map", db_path, "--output", bad,
                                                  "--color-by", "coll_operating_income:20x5",
                                                  NULL));
  assert_fails (1, bad, "2030", gf_cli_run ("render-map", db_path, "--output", bad,
                                            "--color-by", "coll_operating_income:2030", NULL));
  assert_fails (2, bad, "roads", gf_cli_run ("render-map", db_path, "--output", bad,
                                             "--layers", "villages,roads", NULL));
  assert_fails (2, bad, ".png", gf_cli_run ("render-map", db_path, "--output", "map.gif", NULL));
  assert_fails (2, bad, "--width", gf_cli_run ("render-map", db_path, "--output", bad,
                                               "--width", "0", NULL));

  /* A write that fails once the whole page is drawn, as the output is a folder, leaves that
   * folder as it was and no temporary file beside it. */
  g_assert_cmpint (g_mkdir (bad, 0700), ==, 0);
  {
    g_auto(GfCliRun) r = gf_cli_run ("render-map", db_path, "--output", bad, NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "bad.png"));
  }
  g_assert_true (g_file_test (bad, G_FILE_TEST_IS_DIR));
  g_assert_false (has_temporary_file (bad));
  g_assert_cmpint (g_rmdir (bad), ==, 0);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_unlink (db_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/map/projection", test_map_projection);
  g_test_add_func ("/core/map/tiles", test_map_tiles);
  g_test_add ("/core/map/load", Fixture, NULL, fixture_set_up, test_map_load,
              fixture_tear_down);
  g_test_add ("/core/map/layout", Fixture, NULL, fixture_set_up, test_map_layout,
              fixture_tear_down);
  g_test_add ("/core/map/query", Fixture, NULL, fixture_set_up, test_map_query,
              fixture_tear_down);
  g_test_add ("/core/map/pick", Fixture, NULL, fixture_set_up, test_map_pick,
              fixture_tear_down);
  g_test_add_func ("/core/map/classify/quantile", test_map_classify_quantile);
  g_test_add_func ("/core/map/classify/equal-interval", test_map_classify_equal);
  g_test_add_func ("/core/map/classify/thresholds", test_map_classify_thresholds);
  g_test_add ("/core/map/style", Fixture, NULL, fixture_set_up, test_map_style,
              fixture_tear_down);
  g_test_add ("/core/map/render/view", Fixture, NULL, fixture_set_up, test_map_render_view,
              fixture_tear_down);
  g_test_add ("/core/map/render/choropleth", Fixture, NULL, fixture_set_up,
              test_map_render_choropleth, fixture_tear_down);
  g_test_add ("/core/map/render/tile", Fixture, NULL, fixture_set_up, test_map_render_tile,
              fixture_tear_down);
  g_test_add ("/core/map/render/tiles-join", Fixture, NULL, fixture_set_up,
              test_map_render_tiles_join, fixture_tear_down);
  g_test_add ("/core/map/render/tile-labels", Fixture, NULL, fixture_set_up,
              test_map_render_tile_labels, fixture_tear_down);
  g_test_add ("/core/map/render/tile-scale", Fixture, NULL, fixture_set_up,
              test_map_render_tile_scale, fixture_tear_down);
  g_test_add ("/core/map/render/threads", Fixture, NULL, fixture_set_up,
              test_map_render_threads, fixture_tear_down);
  g_test_add ("/core/map/render/vector", Fixture, NULL, fixture_set_up, test_map_render_vector,
              fixture_tear_down);
  g_test_add_func ("/core/map/cli", test_map_cli);

  return g_test_run ();
}
