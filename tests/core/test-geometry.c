/* test-geometry.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Areas on the WGS84 ellipsoid, centroids, hit tests, the GCJ-02 shift, the database blob and
 * GeoJSON in and out. Every expected number is worked out by hand in the comment beside it.
 */

#include <math.h>
#include <string.h>

#include "gf-geometry.h"

/* One ring of a hand-made geometry: @new_part starts a new polygon (or polyline). */
typedef struct
{
  const double *coords;     /* lon, lat pairs, closed by the caller for areas */
  guint         n_points;
  gboolean      new_part;
} Ring;

/* Builds a geometry straight from arrays, so that shapes outside China (the octant) can be
 * measured: the GeoJSON reader refuses them on purpose. */
static GfGeometry *
geometry_new (GfGeometryKind  kind,
              const Ring     *rings,
              guint           n_rings)
{
  GfGeometry *g = g_new0 (GfGeometry, 1);
  guint n_points = 0, n_parts = 0, point = 0, part = 0;

  for (guint r = 0; r < n_rings; r++)
    {
      n_points += rings[r].n_points;
      n_parts += (r == 0 || rings[r].new_part) ? 1 : 0;
    }

  g->kind = kind;
  g->n_parts = n_parts;
  g->n_rings = n_rings;
  g->n_points = n_points;
  g->part_start = g_new0 (guint, n_parts + 1);
  g->ring_start = g_new0 (guint, n_rings + 1);
  g->coords = g_new0 (double, 2 * n_points);

  for (guint r = 0; r < n_rings; r++)
    {
      if (r == 0 || rings[r].new_part)
        g->part_start[part++] = r;
      g->ring_start[r] = point;
      memcpy (&g->coords[2 * point], rings[r].coords, 2 * sizeof (double) * rings[r].n_points);
      point += rings[r].n_points;
    }
  g->part_start[n_parts] = n_rings;
  g->ring_start[n_rings] = n_points;

  return g;
}

/* A closed, counter-clockwise rectangle. */
static GfGeometry *
rectangle_new (double min_lon,
               double min_lat,
               double max_lon,
               double max_lat)
{
  double c[] = { min_lon, min_lat, max_lon, min_lat, max_lon, max_lat, min_lon, max_lat,
                 min_lon, min_lat };
  Ring ring = { c, 5, TRUE };

  return geometry_new (GF_GEOMETRY_AREA, &ring, 1);
}

static GfGeometry *
parse_geojson (const char  *text,
               gboolean     from_gcj02,
               GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  node = json_from_string (text, &local_error);
  g_assert_no_error (local_error);
  g_assert_nonnull (node);

  return gf_geometry_new_from_json (node, from_gcj02, error);
}

static void
assert_relative (double value,
                 double expected,
                 double tolerance)
{
  if (fabs (value - expected) > tolerance * fabs (expected))
    g_error ("%.12g differs from %.12g by more than %g relative", value, expected, tolerance);
}

static void
test_area_octant (void)
{
  /* The octant lon 0–90°, lat 0–90° is bounded by two meridians and the equator, and its
   * top edge runs along the pole: in the equal-area projection it is a rectangle of width π/2
   * and height q_p/2, so its area is exactly 1/8 of the ellipsoid's, whatever the ellipsoid.
   * WGS84: 510,065,621.724 km² / 8 = 63,758,202.7155 km². */
  double c[] = { 0, 0, 90, 0, 90, 90, 0, 90, 0, 0 };
  Ring ring = { c, 5, TRUE };
  g_autoptr(GfGeometry) octant = geometry_new (GF_GEOMETRY_AREA, &ring, 1);

  assert_relative (gf_geometry_area_m2 (octant) / 1e6, 63758202.7155, 1e-6);
  assert_relative (8 * gf_geometry_area_m2 (octant) / 1e6, 510065621.724, 1e-6);
}

static void
test_area_split (void)
{
  /* A pentagon cut along the chord from (119.2, 30.0) to (119.7, 30.9) into a quadrilateral
   * and a triangle: the shared chord cancels, so the parts add up to the whole. */
  double whole_c[] = { 119.2, 30.0, 120.1, 30.1, 120.0, 30.8, 119.7, 30.9, 119.1, 30.5,
                       119.2, 30.0 };
  double a_c[] = { 119.2, 30.0, 120.1, 30.1, 120.0, 30.8, 119.7, 30.9, 119.2, 30.0 };
  double b_c[] = { 119.2, 30.0, 119.7, 30.9, 119.1, 30.5, 119.2, 30.0 };
  Ring whole_r = { whole_c, 6, TRUE }, a_r = { a_c, 5, TRUE }, b_r = { b_c, 4, TRUE };
  g_autoptr(GfGeometry) whole = geometry_new (GF_GEOMETRY_AREA, &whole_r, 1);
  g_autoptr(GfGeometry) a = geometry_new (GF_GEOMETRY_AREA, &a_r, 1);
  g_autoptr(GfGeometry) b = geometry_new (GF_GEOMETRY_AREA, &b_r, 1);
  double total = gf_geometry_area_m2 (whole);

  g_assert_cmpfloat (gf_geometry_area_m2 (a), >, 0);
  g_assert_cmpfloat (gf_geometry_area_m2 (b), >, 0);
  assert_relative (gf_geometry_area_m2 (a) + gf_geometry_area_m2 (b), total, 1e-9);

  /* The same two parts as one MultiPolygon. */
  {
    Ring both[] = { { a_c, 5, TRUE }, { b_c, 4, TRUE } };
    g_autoptr(GfGeometry) multi = geometry_new (GF_GEOMETRY_AREA, both, 2);

    g_assert_cmpuint (multi->n_parts, ==, 2);
    assert_relative (gf_geometry_area_m2 (multi), total, 1e-9);
  }
}

static void
test_area_hole (void)
{
  /* 119–120 × 30–31 with the hole 119.25–119.75 × 30.25–30.75: outer − inner. */
  double outer_c[] = { 119, 30, 120, 30, 120, 31, 119, 31, 119, 30 };
  double inner_c[] = { 119.25, 30.25, 119.25, 30.75, 119.75, 30.75, 119.75, 30.25,
                       119.25, 30.25 };
  Ring rings[] = { { outer_c, 5, TRUE }, { inner_c, 5, FALSE } };
  g_autoptr(GfGeometry) holed = geometry_new (GF_GEOMETRY_AREA, rings, 2);
  g_autoptr(GfGeometry) outer = rectangle_new (119, 30, 120, 31);
  g_autoptr(GfGeometry) inner = rectangle_new (119.25, 30.25, 119.75, 30.75);
  double expected = gf_geometry_area_m2 (outer) - gf_geometry_area_m2 (inner);

  assert_relative (gf_geometry_area_m2 (holed), expected, 1e-12);
  /* The hole is a quarter of the degrees but not exactly a quarter of the area. */
  g_assert_cmpfloat (gf_geometry_area_m2 (holed), <, gf_geometry_area_m2 (outer));
  assert_relative (gf_geometry_area_m2 (inner) / gf_geometry_area_m2 (outer), 0.25, 1e-2);
}

static void
test_area_orientation (void)
{
  double ccw_c[] = { 119, 30, 120, 30, 120, 31, 119, 31, 119, 30 };
  double cw_c[] = { 119, 30, 119, 31, 120, 31, 120, 30, 119, 30 };
  Ring ccw_r = { ccw_c, 5, TRUE }, cw_r = { cw_c, 5, TRUE };
  g_autoptr(GfGeometry) ccw = geometry_new (GF_GEOMETRY_AREA, &ccw_r, 1);
  g_autoptr(GfGeometry) cw = geometry_new (GF_GEOMETRY_AREA, &cw_r, 1);

  g_assert_cmpfloat (gf_geometry_area_m2 (ccw), >, 0);
  g_assert_cmpfloat_with_epsilon (gf_geometry_area_m2 (cw), gf_geometry_area_m2 (ccw), 1e-6);

  /* A hole wound the same way as its exterior still subtracts. */
  {
    double hole_c[] = { 119.25, 30.25, 119.75, 30.25, 119.75, 30.75, 119.25, 30.75,
                        119.25, 30.25 };
    Ring rings[] = { { cw_c, 5, TRUE }, { hole_c, 5, FALSE } };
    g_autoptr(GfGeometry) holed = geometry_new (GF_GEOMETRY_AREA, rings, 2);
    g_autoptr(GfGeometry) hole = rectangle_new (119.25, 30.25, 119.75, 30.75);

    assert_relative (gf_geometry_area_m2 (holed),
                     gf_geometry_area_m2 (ccw) - gf_geometry_area_m2 (hole), 1e-12);
  }
}

static void
test_area_small_square (void)
{
  /* 0.01° × 0.01° centred on lat 30° (lon 120.00–120.01, lat 29.995–30.005). On the ellipsoid
   * a small cell is M·N·cos φ·Δλ·Δφ, with e² = f(2 − f) = 0.00669438, sin²φ = 1/4:
   *   N = a / √(1 − e²/4)            = 6,383,480.918 m
   *   M = a(1 − e²) / (1 − e²/4)^1.5 = 6,351,377.104 m
   *   Δλ = Δφ = 0.01 · π/180          = 1.745329e-4 rad
   *   area ≈ 6,383,480.918 · 6,351,377.104 · 0.8660254 · (1.745329e-4)² = 1,069,573.98 m².
   * The midpoint rule errs by O(Δφ²) ≈ 1e-9 relative; tolerance 1e-6. (The sphere a²·Δλ·Δφ·cos φ
   * would give 1,073,181 m², 0.34 % more: the test tells the ellipsoid from the sphere.) */
  g_autoptr(GfGeometry) cell = rectangle_new (120.00, 29.995, 120.01, 30.005);

  assert_relative (gf_geometry_area_m2 (cell), 1069573.98, 1e-6);
}

static void
test_area_mu (void)
{
  /* 1 亩 = 10000/15 m², so 1 km² = 1,000,000 · 15 / 10,000 = 1,500 亩, and 15 亩 = 1 公顷. */
  g_assert_cmpfloat_with_epsilon (1e6 / GF_M2_PER_MU, 1500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (15 * GF_M2_PER_MU, 10000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (GF_M2_PER_MU, 666.6666666666667, 1e-9);
}

static void
test_area_lines (void)
{
  double c[] = { 119, 30, 120, 30, 120, 31 };
  Ring ring = { c, 3, TRUE };
  g_autoptr(GfGeometry) line = geometry_new (GF_GEOMETRY_LINE, &ring, 1);

  /* Lines have no area, and a line contains no point. */
  g_assert_cmpfloat (gf_geometry_area_m2 (line), ==, 0);
  g_assert_false (gf_geometry_contains (line, 119.5, 30.0));

  /* Length: the 1° of latitude from (120, 30) to (120, 31) is R·π/180 = 111,195.08 m on the
   * mean sphere (R = 6,371,008.8 m), plus 1° of longitude at lat 30°, which the haversine
   * gives as 2R·asin(cos 30°·sin 0.5°) = 96,297.46 m. */
  g_assert_cmpfloat_with_epsilon (gf_geometry_length_m (line), 111195.08 + 96297.46, 0.05);
}

static void
test_centroid_square (void)
{
  g_autoptr(GfGeometry) square = rectangle_new (119, 30, 120, 31);
  double lon, lat;

  /* The centre (119.5, 30.5), up to the rounding of the shoelace sums over coordinates near
   * 100: 1e-9° is a tenth of a millimetre. */
  g_assert_true (gf_geometry_centroid (square, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 119.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 30.5, 1e-9);
}

static void
test_centroid_l_shape (void)
{
  /* The L made of A = 119–121 × 30–31 (2 square degrees, centre (120, 30.5)) and
   * B = 119–120 × 31–32 (1 square degree, centre (119.5, 31.5)). Scaling longitudes by a
   * constant cos φ₀ is affine and keeps centroids, so in degrees:
   *   lon = (2 · 120 + 1 · 119.5) / 3 = 359.5 / 3 = 119.8333…
   *   lat = (2 · 30.5 + 1 · 31.5) / 3 =  92.5 / 3 =  30.8333… */
  double c[] = { 119, 30, 121, 30, 121, 31, 120, 31, 120, 32, 119, 32, 119, 30 };
  Ring ring = { c, 7, TRUE };
  g_autoptr(GfGeometry) l_shape = geometry_new (GF_GEOMETRY_AREA, &ring, 1);
  double lon, lat;

  g_assert_true (gf_geometry_centroid (l_shape, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 359.5 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 92.5 / 3, 1e-9);
}

static void
test_centroid_hole (void)
{
  /* 119–123 × 30–34 (16 square degrees, centre (121, 32)) minus the hole 120–121 × 31–32
   * (1 square degree, centre (120.5, 31.5)), the hole wound clockwise:
   *   lon = (16 · 121 − 120.5) / 15 = 1815.5 / 15 = 121.0333…
   *   lat = (16 · 32 − 31.5) / 15   =  480.5 / 15 =  32.0333… */
  double outer_c[] = { 119, 30, 123, 30, 123, 34, 119, 34, 119, 30 };
  double hole_c[] = { 120, 31, 120, 32, 121, 32, 121, 31, 120, 31 };
  Ring rings[] = { { outer_c, 5, TRUE }, { hole_c, 5, FALSE } };
  g_autoptr(GfGeometry) holed = geometry_new (GF_GEOMETRY_AREA, rings, 2);
  double lon, lat;

  g_assert_true (gf_geometry_centroid (holed, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 1815.5 / 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 480.5 / 15, 1e-9);
}

static void
test_centroid_line (void)
{
  /* Along the length: segments (119,30)–(119,31) and (119,31)–(119,33) have lengths 1 and 2
   * (all on one meridian, so the longitude scale does not matter); the length-weighted midpoint
   * is lat (1 · 30.5 + 2 · 32) / 3 = 94.5 / 3 = 31.5. */
  double c[] = { 119, 30, 119, 31, 119, 33 };
  Ring ring = { c, 3, TRUE };
  g_autoptr(GfGeometry) line = geometry_new (GF_GEOMETRY_LINE, &ring, 1);
  double lon, lat;

  g_assert_true (gf_geometry_centroid (line, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 119, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 31.5, 1e-9);
}

static void
test_contains (void)
{
  /* Polygon 1: 119–120 × 30–31 with the hole 119.25–119.75 × 30.25–30.75.
   * Polygon 2: 121–122 × 30–31. */
  double outer_c[] = { 119, 30, 120, 30, 120, 31, 119, 31, 119, 30 };
  double hole_c[] = { 119.25, 30.25, 119.25, 30.75, 119.75, 30.75, 119.75, 30.25,
                      119.25, 30.25 };
  double second_c[] = { 121, 30, 122, 30, 122, 31, 121, 31, 121, 30 };
  Ring rings[] = { { outer_c, 5, TRUE }, { hole_c, 5, FALSE }, { second_c, 5, TRUE } };
  g_autoptr(GfGeometry) g = geometry_new (GF_GEOMETRY_AREA, rings, 3);
  const double eps = 1e-6;
  const struct
  {
    double lon, lat;
    gboolean inside;
  } points[] = {
    { 119.1, 30.1, TRUE },             /* in the ring around the hole */
    { 119.9, 30.9, TRUE },
    { 119.5, 30.5, FALSE },            /* in the hole */
    { 121.5, 30.5, TRUE },             /* in the second polygon */
    { 120.5, 30.5, FALSE },            /* between the polygons */
    { 118.0, 30.5, FALSE },
    { 119.5, 32.0, FALSE },
    /* Each edge of the exterior, just inside and just outside. */
    { 119 + eps, 30.5, TRUE }, { 119 - eps, 30.5, FALSE },          /* west */
    { 120 - eps, 30.1, TRUE }, { 120 + eps, 30.1, FALSE },          /* east */
    { 119.5, 30 + eps, TRUE }, { 119.5, 30 - eps, FALSE },          /* south, below hole */
    { 119.1, 30 + eps, TRUE }, { 119.1, 30 - eps, FALSE },          /* south, beside hole */
    { 119.9, 31 - eps, TRUE }, { 119.9, 31 + eps, FALSE },          /* north */
    /* Each edge of the hole, just outside it (inside the polygon) and just inside it. */
    { 119.25 - eps, 30.5, TRUE }, { 119.25 + eps, 30.5, FALSE },
    { 119.75 + eps, 30.5, TRUE }, { 119.75 - eps, 30.5, FALSE },
    { 119.5, 30.25 - eps, TRUE }, { 119.5, 30.25 + eps, FALSE },
    { 119.5, 30.75 + eps, TRUE }, { 119.5, 30.75 - eps, FALSE },
    /* Each edge of the second polygon. */
    { 121 + eps, 30.5, TRUE }, { 121 - eps, 30.5, FALSE },
    { 122 - eps, 30.5, TRUE }, { 122 + eps, 30.5, FALSE },
    { 121.5, 30 + eps, TRUE }, { 121.5, 30 - eps, FALSE },
    { 121.5, 31 - eps, TRUE }, { 121.5, 31 + eps, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      gboolean inside = gf_geometry_contains (g, points[i].lon, points[i].lat);

      if (inside != points[i].inside)
        g_error ("point %u (%.7f, %.7f): expected %s", i, points[i].lon, points[i].lat,
                 points[i].inside ? "inside" : "outside");
    }
}

static void
test_contains_triangle (void)
{
  /* A slanted edge: the triangle (119,30), (121,30), (119,32) has the hypotenuse
   * lon + lat = 151; points just below it are inside, just above it outside. */
  double c[] = { 119, 30, 121, 30, 119, 32, 119, 30 };
  Ring ring = { c, 4, TRUE };
  g_autoptr(GfGeometry) g = geometry_new (GF_GEOMETRY_AREA, &ring, 1);

  g_assert_true (gf_geometry_contains (g, 120 - 1e-6, 31 - 1e-6));
  g_assert_false (gf_geometry_contains (g, 120 + 1e-6, 31 + 1e-6));
  g_assert_true (gf_geometry_contains (g, 119.5, 30.5));
  g_assert_false (gf_geometry_contains (g, 120.9, 31.9));
}

static void
test_gcj02_round_trip (void)
{
  guint n = 0;

  /* A grid over mainland China and Hainan: every 2.5° from 75°E to 135°E, 18°N to 53°N. */
  for (double lon = 75; lon <= 135; lon += 2.5)
    for (double lat = 18; lat <= 53; lat += 2.5)
      {
        double g_lon, g_lat, w_lon, w_lat, shift, back;

        g_assert_true (gf_coordinates_in_china (lon, lat));
        gf_wgs84_to_gcj02 (lon, lat, &g_lon, &g_lat);
        gf_gcj02_to_wgs84 (g_lon, g_lat, &w_lon, &w_lat);

        shift = gf_distance_m (lon, lat, g_lon, g_lat);
        back = gf_distance_m (lon, lat, w_lon, w_lat);

        /* The shift is never zero inside China and stays under a few kilometres. */
        g_assert_cmpfloat (shift, >, 1);
        g_assert_cmpfloat (shift, <, 2000);
        if (back >= 1.0)
          g_error ("(%g, %g): the GCJ-02 round trip is off by %.3f m", lon, lat, back);
        n++;
      }

  g_assert_cmpuint (n, ==, 25 * 15);
}

static void
test_gcj02_shift (void)
{
  double g_lon, g_lat, shift;

  /* Published figures put the GCJ-02 offset around Hangzhou at a few hundred metres
   * (roughly 0.0047° east and 0.0025° south, i.e. about 450 m east and 280 m south, near
   * 520 m overall); accept 300–800 m. */
  gf_wgs84_to_gcj02 (119.7, 30.2, &g_lon, &g_lat);
  shift = gf_distance_m (119.7, 30.2, g_lon, g_lat);
  g_assert_cmpfloat (shift, >, 300);
  g_assert_cmpfloat (shift, <, 800);
  /* GCJ-02 moves points in eastern China east. */
  g_assert_cmpfloat (g_lon, >, 119.7);
}

static void
test_gcj02_outside_china (void)
{
  const double places[][2] = {
    { 2.3522, 48.8566 },    /* Paris */
    { -74.006, 40.7128 },   /* New York */
    { 151.2093, -33.8688 }, /* Sydney */
    { 139.9, 35.7 },        /* east of the box, near Tokyo */
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double lon, lat;

      g_assert_false (gf_coordinates_in_china (places[i][0], places[i][1]));
      gf_wgs84_to_gcj02 (places[i][0], places[i][1], &lon, &lat);
      g_assert_cmpfloat (lon, ==, places[i][0]);
      g_assert_cmpfloat (lat, ==, places[i][1]);
      gf_gcj02_to_wgs84 (places[i][0], places[i][1], &lon, &lat);
      g_assert_cmpfloat (lon, ==, places[i][0]);
      g_assert_cmpfloat (lat, ==, places[i][1]);
    }
}

static void
test_distance (void)
{
  /* 1° of latitude on the mean sphere: R·π/180 = 6,371,008.8 · 0.01745329 = 111,195.08 m. */
  g_assert_cmpfloat_with_epsilon (gf_distance_m (120, 30, 120, 31), 111195.08, 0.01);
  g_assert_cmpfloat_with_epsilon (gf_distance_m (0, 0, 0, 1), 111195.08, 0.01);
  /* Symmetric, and zero for one point. */
  g_assert_cmpfloat (gf_distance_m (120, 31, 120, 30), ==, gf_distance_m (120, 30, 120, 31));
  g_assert_cmpfloat (gf_distance_m (119.7, 30.2, 119.7, 30.2), ==, 0);
  /* A quarter of a great circle: πR/2 = 10,007,557.22 m. */
  g_assert_cmpfloat_with_epsilon (gf_distance_m (0, 0, 90, 0), 10007557.22, 0.01);
}

static void
assert_geometry_equal (const GfGeometry *a,
                       const GfGeometry *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->n_parts, ==, b->n_parts);
  g_assert_cmpuint (a->n_rings, ==, b->n_rings);
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpmem (a->part_start, 4 * (a->n_parts + 1), b->part_start, 4 * (b->n_parts + 1));
  g_assert_cmpmem (a->ring_start, 4 * (a->n_rings + 1), b->ring_start, 4 * (b->n_rings + 1));
  g_assert_cmpmem (a->coords, 16 * a->n_points, b->coords, 16 * b->n_points);
}

static GfGeometry *
holed_multipolygon_new (void)
{
  double outer_c[] = { 119.123456789, 30.0, 120, 30.000000001, 120, 31, 119, 31,
                       119.123456789, 30.0 };
  double hole_c[] = { 119.25, 30.25, 119.25, 30.75, 119.75, 30.75, 119.25, 30.25 };
  double second_c[] = { 121, 30, 122, 30, 122, 31, 121, 30 };
  Ring rings[] = { { outer_c, 5, TRUE }, { hole_c, 4, FALSE }, { second_c, 4, TRUE } };

  return geometry_new (GF_GEOMETRY_AREA, rings, 3);
}

static void
test_blob_round_trip (void)
{
  g_autoptr(GfGeometry) g = holed_multipolygon_new ();
  g_autoptr(GBytes) blob = gf_geometry_to_blob (g);
  g_autoptr(GfGeometry) back = NULL;
  g_autoptr(GfGeometry) copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const void *data = g_bytes_get_data (blob, &size);

  /* 5 header words + (2 + 1) part starts + (3 + 1) ring starts + 13 points of 16 bytes. */
  g_assert_cmpuint (size, ==, 4 * 5 + 4 * 3 + 4 * 4 + 16 * 13);

  back = gf_geometry_new_from_blob (data, size, &error);
  g_assert_no_error (error);
  assert_geometry_equal (g, back);

  copy = gf_geometry_copy (g);
  assert_geometry_equal (g, copy);

  /* A line survives too. */
  {
    double c[] = { 119, 30, 119.5, 30.5, 120, 30.25 };
    Ring ring = { c, 3, TRUE };
    g_autoptr(GfGeometry) line = geometry_new (GF_GEOMETRY_LINE, &ring, 1);
    g_autoptr(GBytes) line_blob = gf_geometry_to_blob (line);
    g_autoptr(GfGeometry) line_back = NULL;

    data = g_bytes_get_data (line_blob, &size);
    line_back = gf_geometry_new_from_blob (data, size, &error);
    g_assert_no_error (error);
    assert_geometry_equal (line, line_back);
  }
}

static void
assert_blob_invalid (const guint8 *data,
                     gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) g = gf_geometry_new_from_blob (data, size, &error);

  g_assert_null (g);
  g_assert_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID);
}

static void
test_blob_invalid (void)
{
  g_autoptr(GfGeometry) g = holed_multipolygon_new ();
  g_autoptr(GBytes) blob = gf_geometry_to_blob (g);
  gsize size;
  const guint8 *data = g_bytes_get_data (blob, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  guint32 word;

  /* Empty, truncated by one byte and by a whole point, and one byte too long. */
  assert_blob_invalid (NULL, 0);
  assert_blob_invalid (data, 0);
  assert_blob_invalid (data, 19);
  assert_blob_invalid (data, size - 1);
  assert_blob_invalid (data, size - 16);
  {
    g_autofree guint8 *longer = g_malloc0 (size + 1);

    memcpy (longer, data, size);
    assert_blob_invalid (longer, size + 1);
  }

  /* A wrong magic number. */
  memcpy (copy, data, size);
  copy[0] ^= 0xff;
  assert_blob_invalid (copy, size);

  /* An unknown kind. */
  memcpy (copy, data, size);
  word = 7;
  memcpy (copy + 4, &word, 4);
  assert_blob_invalid (copy, size);

  /* Counts that do not match the size. */
  memcpy (copy, data, size);
  memcpy (&word, copy + 16, 4);
  word++;
  memcpy (copy + 16, &word, 4);
  assert_blob_invalid (copy, size);

  /* Huge counts must not allocate or read past the end. */
  memcpy (copy, data, size);
  word = 0xffffffffu;
  memcpy (copy + 8, &word, 4);
  assert_blob_invalid (copy, size);

  /* A ring start past the end of the points (the last ring start, 13, becomes 14). */
  memcpy (copy, data, size);
  word = 14;
  memcpy (copy + 20 + 4 * 3 + 4 * 3, &word, 4);
  assert_blob_invalid (copy, size);

  /* Ring starts out of order (the second ring, starting at point 5, now starts at 11). */
  memcpy (copy, data, size);
  word = 11;
  memcpy (copy + 20 + 4 * 3 + 4 * 1, &word, 4);
  assert_blob_invalid (copy, size);

  /* A part start past the rings (part 1, starting at ring 2, now starts at 4). */
  memcpy (copy, data, size);
  word = 4;
  memcpy (copy + 20 + 4 * 1, &word, 4);
  assert_blob_invalid (copy, size);
}

static void
test_json_polygon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) g = parse_geojson ("{\"type\": \"Polygon\", \"coordinates\": "
                                           "[[[119, 30], [120, 30], [120, 31], [119, 31], "
                                           "[119, 30]]]}", FALSE, &error);
  GfBounds bounds;

  g_assert_no_error (error);
  g_assert_nonnull (g);
  g_assert_cmpint (g->kind, ==, GF_GEOMETRY_AREA);
  g_assert_cmpuint (g->n_parts, ==, 1);
  g_assert_cmpuint (g->n_rings, ==, 1);
  g_assert_cmpuint (g->n_points, ==, 5);

  bounds = gf_geometry_get_bounds (g);
  g_assert_cmpfloat (bounds.min_lon, ==, 119);
  g_assert_cmpfloat (bounds.min_lat, ==, 30);
  g_assert_cmpfloat (bounds.max_lon, ==, 120);
  g_assert_cmpfloat (bounds.max_lat, ==, 31);

  {
    g_autoptr(GfGeometry) rect = rectangle_new (119, 30, 120, 31);
    g_assert_cmpfloat (gf_geometry_area_m2 (g), ==, gf_geometry_area_m2 (rect));
  }
}

static void
test_json_multipolygon_hole (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) g = NULL;
  g_autoptr(GfGeometry) outer = rectangle_new (119, 30, 120, 31);
  g_autoptr(GfGeometry) hole = rectangle_new (119.25, 30.25, 119.75, 30.75);
  g_autoptr(GfGeometry) second = rectangle_new (121, 30, 122, 31);

  g = parse_geojson ("{\"type\": \"MultiPolygon\", \"coordinates\": ["
                     " [[[119, 30], [120, 30], [120, 31], [119, 31], [119, 30]],"
                     "  [[119.25, 30.25], [119.25, 30.75], [119.75, 30.75], [119.75, 30.25],"
                     "   [119.25, 30.25]]],"
                     " [[[121, 30], [122, 30], [122, 31], [121, 31], [121, 30]]]]}",
                     FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g->n_parts, ==, 2);
  g_assert_cmpuint (g->n_rings, ==, 3);
  g_assert_cmpuint (g->n_points, ==, 15);
  g_assert_cmpuint (g->part_start[0], ==, 0);
  g_assert_cmpuint (g->part_start[1], ==, 2);
  g_assert_cmpuint (g->part_start[2], ==, 3);

  assert_relative (gf_geometry_area_m2 (g),
                   gf_geometry_area_m2 (outer) - gf_geometry_area_m2 (hole)
                   + gf_geometry_area_m2 (second), 1e-12);
  g_assert_false (gf_geometry_contains (g, 119.5, 30.5));
  g_assert_true (gf_geometry_contains (g, 121.5, 30.5));
}

static void
test_json_linestring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) line = NULL;
  g_autoptr(GfGeometry) multi = NULL;

  line = parse_geojson ("{\"type\": \"LineString\", \"coordinates\": "
                        "[[120, 30], [120, 31]]}", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (line->kind, ==, GF_GEOMETRY_LINE);
  g_assert_cmpuint (line->n_parts, ==, 1);
  g_assert_cmpuint (line->n_points, ==, 2);
  /* Not closed: a line keeps its two points. 1° of latitude = 111,195.08 m. */
  g_assert_cmpfloat_with_epsilon (gf_geometry_length_m (line), 111195.08, 0.01);
  g_assert_cmpfloat (gf_geometry_area_m2 (line), ==, 0);

  multi = parse_geojson ("{\"type\": \"MultiLineString\", \"coordinates\": "
                         "[[[120, 30], [120, 31]], [[121, 30], [121, 30.5], [121, 31]]]}",
                         FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multi->n_parts, ==, 2);
  g_assert_cmpuint (multi->n_points, ==, 5);
  g_assert_cmpfloat_with_epsilon (gf_geometry_length_m (multi), 2 * 111195.08, 0.02);

  /* A one-point line is refused. */
  {
    g_autoptr(GfGeometry) g = parse_geojson ("{\"type\": \"LineString\", \"coordinates\": "
                                             "[[120, 30]]}", FALSE, &error);
    g_assert_null (g);
    g_assert_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID);
  }
}

static void
test_json_unclosed_ring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) g = parse_geojson ("{\"type\": \"Polygon\", \"coordinates\": "
                                           "[[[119, 30], [120, 30], [120, 31], [119, 31]]]}",
                                           FALSE, &error);
  g_autoptr(GfGeometry) rect = rectangle_new (119, 30, 120, 31);

  g_assert_no_error (error);
  /* Four positions given, the first repeated at the end. */
  g_assert_cmpuint (g->n_points, ==, 5);
  g_assert_cmpfloat (g->coords[8], ==, 119);
  g_assert_cmpfloat (g->coords[9], ==, 30);
  g_assert_cmpfloat (gf_geometry_area_m2 (g), ==, gf_geometry_area_m2 (rect));
}

static void
test_json_errors (void)
{
  const struct
  {
    const char *json;
    int         code;
    const char *wording;    /* a word the message must contain, or NULL */
  } cases[] = {
    /* Latitude first: [30, 119] is outside China, [119, 30] inside. A "latitude" of 119 must
     * not be taken for projected metres. */
    { "{\"type\": \"Polygon\", \"coordinates\": [[[30, 119], [30, 120], [31, 120], [30, 119]]]}",
      GF_GEOMETRY_ERROR_COORDINATES, "swapped" },
    /* The same near Kashgar, where both numbers are below 90. */
    { "{\"type\": \"LineString\", \"coordinates\": [[39.5, 76.0], [39.6, 76.1]]}",
      GF_GEOMETRY_ERROR_COORDINATES, "swapped" },
    /* Projected metres (CGCS2000 / 3-degree Gauss-Krüger), not degrees. */
    { "{\"type\": \"Polygon\", \"coordinates\": [[[40500000, 3340000], [40510000, 3340000],"
      " [40510000, 3350000], [40500000, 3340000]]]}",
      GF_GEOMETRY_ERROR_COORDINATES, "degrees" },
    /* Degrees, but in Europe. */
    { "{\"type\": \"Polygon\", \"coordinates\": [[[2, 48], [3, 48], [3, 49], [2, 48]]]}",
      GF_GEOMETRY_ERROR_COORDINATES, "outside China" },
    /* Two positions cannot make a ring, nor three with the first repeated. */
    { "{\"type\": \"Polygon\", \"coordinates\": [[[119, 30], [120, 30]]]}",
      GF_GEOMETRY_ERROR_INVALID, "positions" },
    { "{\"type\": \"Polygon\", \"coordinates\": [[[119, 30], [120, 30], [119, 30]]]}",
      GF_GEOMETRY_ERROR_INVALID, "positions" },
    { "{\"type\": \"Point\", \"coordinates\": [119, 30]}", GF_GEOMETRY_ERROR_INVALID, "Point" },
    /* Malformed objects: no critical warning, just an error. */
    { "{\"type\": \"Polygon\"}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": \"Polygon\", \"coordinates\": null}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": [\"Polygon\"], \"coordinates\": []}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": 3, \"coordinates\": []}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": \"MultiPolygon\", \"coordinates\": [null]}", GF_GEOMETRY_ERROR_INVALID,
      NULL },
    { "{\"type\": \"MultiLineString\", \"coordinates\": [5]}", GF_GEOMETRY_ERROR_INVALID,
      NULL },
    { "{\"type\": \"LineString\", \"coordinates\": [[120, 30], null]}",
      GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"coordinates\": [[[119, 30], [120, 30], [120, 31], [119, 30]]]}",
      GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": \"Polygon\", \"coordinates\": []}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "{\"type\": \"MultiPolygon\", \"coordinates\": []}", GF_GEOMETRY_ERROR_INVALID, "empty" },
    { "{\"type\": \"Polygon\", \"coordinates\": [[[119, \"30\"], [120, 30], [120, 31],"
      " [119, 30]]]}", GF_GEOMETRY_ERROR_INVALID, "numbers" },
    { "{\"type\": \"Polygon\", \"coordinates\": [[119, 30]]}", GF_GEOMETRY_ERROR_INVALID, NULL },
    { "[1, 2]", GF_GEOMETRY_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GfGeometry) g = parse_geojson (cases[i].json, FALSE, &error);

      if (g != NULL || error == NULL)
        g_error ("case %u was accepted: %s", i, cases[i].json);
      g_assert_error (error, GF_GEOMETRY_ERROR, cases[i].code);
      if (cases[i].wording != NULL && strstr (error->message, cases[i].wording) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].wording);
    }
}

static void
test_json_gcj02 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfGeometry) g = NULL;
  double g_lon, g_lat;

  /* A GCJ-02 point read with from_gcj02 comes back as the WGS84 point it was made from. */
  gf_wgs84_to_gcj02 (119.7, 30.2, &g_lon, &g_lat);
  {
    g_autofree char *json = g_strdup_printf ("{\"type\": \"LineString\", \"coordinates\": "
                                             "[[%.12f, %.12f], [120, 31]]}", g_lon, g_lat);
    g = parse_geojson (json, TRUE, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpfloat (gf_distance_m (g->coords[0], g->coords[1], 119.7, 30.2), <, 0.01);
}

static void
test_json_round_trip (void)
{
  g_autoptr(GfGeometry) g = holed_multipolygon_new ();
  g_autoptr(JsonNode) node = gf_geometry_to_json (g);
  g_autoptr(GfGeometry) back = NULL;
  g_autoptr(GfGeometry) from_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "MultiPolygon");

  /* Through the JsonNode the doubles are untouched. */
  back = gf_geometry_new_from_json (node, FALSE, &error);
  g_assert_no_error (error);
  assert_geometry_equal (g, back);

  /* Through text they keep 1e-9° (0.1 mm) at least. */
  text = json_to_string (node, FALSE);
  from_text = parse_geojson (text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_text->n_points, ==, g->n_points);
  g_assert_cmpuint (from_text->n_rings, ==, g->n_rings);
  g_assert_cmpuint (from_text->n_parts, ==, g->n_parts);
  for (guint i = 0; i < 2 * g->n_points; i++)
    g_assert_cmpfloat_with_epsilon (from_text->coords[i], g->coords[i], 1e-9);

  /* Lines come out as MultiLineString. */
  {
    double c[] = { 119, 30, 119.5, 30.5, 120, 30.25 };
    Ring ring = { c, 3, TRUE };
    g_autoptr(GfGeometry) line = geometry_new (GF_GEOMETRY_LINE, &ring, 1);
    g_autoptr(JsonNode) line_node = gf_geometry_to_json (line);
    g_autoptr(GfGeometry) line_back = NULL;

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (line_node), "type"),
                     ==, "MultiLineString");
    line_back = gf_geometry_new_from_json (line_node, FALSE, &error);
    g_assert_no_error (error);
    assert_geometry_equal (line, line_back);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geometry/area/octant", test_area_octant);
  g_test_add_func ("/core/geometry/area/split", test_area_split);
  g_test_add_func ("/core/geometry/area/hole", test_area_hole);
  g_test_add_func ("/core/geometry/area/orientation", test_area_orientation);
  g_test_add_func ("/core/geometry/area/small-square", test_area_small_square);
  g_test_add_func ("/core/geometry/area/mu", test_area_mu);
  g_test_add_func ("/core/geometry/area/lines", test_area_lines);
  g_test_add_func ("/core/geometry/centroid/square", test_centroid_square);
  g_test_add_func ("/core/geometry/centroid/l-shape", test_centroid_l_shape);
  g_test_add_func ("/core/geometry/centroid/hole", test_centroid_hole);
  g_test_add_func ("/core/geometry/centroid/line", test_centroid_line);
  g_test_add_func ("/core/geometry/contains/holes-and-parts", test_contains);
  g_test_add_func ("/core/geometry/contains/slanted-edge", test_contains_triangle);
  g_test_add_func ("/core/geometry/gcj02/round-trip", test_gcj02_round_trip);
  g_test_add_func ("/core/geometry/gcj02/shift", test_gcj02_shift);
  g_test_add_func ("/core/geometry/gcj02/outside-china", test_gcj02_outside_china);
  g_test_add_func ("/core/geometry/distance", test_distance);
  g_test_add_func ("/core/geometry/blob/round-trip", test_blob_round_trip);
  g_test_add_func ("/core/geometry/blob/invalid", test_blob_invalid);
  g_test_add_func ("/core/geometry/json/polygon", test_json_polygon);
  g_test_add_func ("/core/geometry/json/multipolygon-hole", test_json_multipolygon_hole);
  g_test_add_func ("/core/geometry/json/linestring", test_json_linestring);
  g_test_add_func ("/core/geometry/json/unclosed-ring", test_json_unclosed_ring);
  g_test_add_func ("/core/geometry/json/errors", test_json_errors);
  g_test_add_func ("/core/geometry/json/gcj02", test_json_gcj02);
  g_test_add_func ("/core/geometry/json/round-trip", test_json_round_trip);

  return g_test_run ();
}
