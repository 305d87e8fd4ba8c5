/* gf-geometry.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polygons and polylines in WGS84 degrees: GeoJSON in and out, a compact blob for the
 * database, areas on the ellipsoid, centroids, hit tests, and the GCJ-02 shift that Chinese
 * web maps (AMap, DataV) apply to coordinates.
 */

#define G_LOG_DOMAIN "gf-geometry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gf-geometry.h"

G_DEFINE_QUARK (gf-geometry-error-quark, gf_geometry_error)

#define WGS84_A  6378137.0
#define WGS84_F  (1.0 / 298.257223563)
#define BLOB_MAGIC 0x31474647u /* "GFG1" */

typedef struct
{
  GArray *part_start;   /* guint */
  GArray *ring_start;   /* guint */
  GArray *coords;       /* double */
} Builder;

static void
builder_init (Builder *b)
{
  b->part_start = g_array_new (FALSE, FALSE, sizeof (guint));
  b->ring_start = g_array_new (FALSE, FALSE, sizeof (guint));
  b->coords = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->part_start, g_array_unref);
  g_clear_pointer (&b->ring_start, g_array_unref);
  g_clear_pointer (&b->coords, g_array_unref);
}

static GfGeometry *
builder_finish (Builder        *b,
                GfGeometryKind  kind)
{
  GfGeometry *g = g_new0 (GfGeometry, 1);
  guint n_rings = b->ring_start->len;
  guint n_points = b->coords->len / 2;

  g->kind = kind;
  g->n_parts = b->part_start->len;
  g->n_rings = n_rings;
  g->n_points = n_points;
  g_array_append_val (b->part_start, n_rings);
  g_array_append_val (b->ring_start, n_points);
  g->part_start = (guint *) g_array_free (g_steal_pointer (&b->part_start), FALSE);
  g->ring_start = (guint *) g_array_free (g_steal_pointer (&b->ring_start), FALSE);
  g->coords = (double *) g_array_free (g_steal_pointer (&b->coords), FALSE);

  return g;
}

gboolean
gf_coordinates_in_china (double lon,
                         double lat)
{
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

static double
shift_lat (double x,
           double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
shift_lon (double x,
           double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return r;
}

/**
 * gf_wgs84_to_gcj02:
 *
 * The published closed formula of the GCJ-02 shift (on the Krasovsky ellipsoid). Points
 * outside China are not shifted.
 */
void
gf_wgs84_to_gcj02 (double  lon,
                   double  lat,
                   double *out_lon,
                   double *out_lat)
{
  const double a = 6378245.0;
  const double ee = 0.00669342162296594323;
  double d_lat, d_lon, rad_lat, magic, sqrt_magic;

  if (!gf_coordinates_in_china (lon, lat))
    {
      *out_lon = lon;
      *out_lat = lat;
      return;
    }

  d_lat = shift_lat (lon - 105.0, lat - 35.0);
  d_lon = shift_lon (lon - 105.0, lat - 35.0);
  rad_lat = lat / 180.0 * G_PI;
  magic = sin (rad_lat);
  magic = 1 - ee * magic * magic;
  sqrt_magic = sqrt (magic);
  d_lat = (d_lat * 180.0) / ((a * (1 - ee)) / (magic * sqrt_magic) * G_PI);
  d_lon = (d_lon * 180.0) / (a / sqrt_magic * cos (rad_lat) * G_PI);

  *out_lon = lon + d_lon;
  *out_lat = lat + d_lat;
}

/**
 * gf_gcj02_to_wgs84:
 *
 * The inverse of gf_wgs84_to_gcj02(), by fixed-point iteration to below a millimetre.
 */
void
gf_gcj02_to_wgs84 (double  lon,
                   double  lat,
                   double *out_lon,
                   double *out_lat)
{
  double w_lon = lon;
  double w_lat = lat;

  for (int i = 0; i < 30; i++)
    {
      double g_lon, g_lat, d_lon, d_lat;

      gf_wgs84_to_gcj02 (w_lon, w_lat, &g_lon, &g_lat);
      d_lon = lon - g_lon;
      d_lat = lat - g_lat;
      w_lon += d_lon;
      w_lat += d_lat;
      if (fabs (d_lon) < 1e-10 && fabs (d_lat) < 1e-10)
        break;
    }

  *out_lon = w_lon;
  *out_lat = w_lat;
}

/* Great-circle distance on the mean sphere: enough for lengths of roads and sizes of shapes. */
double
gf_distance_m (double lon1,
               double lat1,
               double lon2,
               double lat2)
{
  const double r = 6371008.8;
  double p1 = lat1 * G_PI / 180.0;
  double p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1;
  double dl = (lon2 - lon1) * G_PI / 180.0;
  double h = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * r * asin (MIN (1.0, sqrt (h)));
}

static gboolean
read_position (JsonNode  *node,
               gboolean   from_gcj02,
               double    *lon,
               double    *lat,
               GError   **error)
{
  JsonArray *array;
  JsonNode *x, *y;

  if (!JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) < 2
      || !JSON_NODE_HOLDS_VALUE (x = json_array_get_element (array, 0))
      || !JSON_NODE_HOLDS_VALUE (y = json_array_get_element (array, 1))
      || (json_node_get_value_type (x) != G_TYPE_DOUBLE
          && json_node_get_value_type (x) != G_TYPE_INT64)
      || (json_node_get_value_type (y) != G_TYPE_DOUBLE
          && json_node_get_value_type (y) != G_TYPE_INT64))
    {
      g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                           _("a position is not a pair of numbers [longitude, latitude]"));
      return FALSE;
    }

  *lon = json_node_get_double (x);
  *lat = json_node_get_double (y);

  /* Swapped before projected: a swapped position in eastern China has a "latitude" above 90. */
  if (!gf_coordinates_in_china (*lon, *lat) && gf_coordinates_in_china (*lat, *lon))
    {
      g_set_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_COORDINATES,
                   _("the position [%g, %g] has latitude and longitude swapped; GeoJSON "
                     "writes [longitude, latitude]"), *lon, *lat);
      return FALSE;
    }

  if (fabs (*lon) > 180.0 || fabs (*lat) > 90.0)
    {
      g_set_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_COORDINATES,
                   _("the position [%g, %g] is not in degrees: the file seems to use a projected "
                     "coordinate system; export it as WGS84 or CGCS2000 longitude/latitude"),
                   *lon, *lat);
      return FALSE;
    }

  if (!gf_coordinates_in_china (*lon, *lat))
    {
      g_set_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_COORDINATES,
                   _("the position [%g, %g] lies outside China"), *lon, *lat);
      return FALSE;
    }

  if (from_gcj02)
    gf_gcj02_to_wgs84 (*lon, *lat, lon, lat);

  return TRUE;
}

static gboolean
read_ring (Builder   *b,
           JsonNode  *node,
           gboolean   closed,
           gboolean   from_gcj02,
           GError   **error)
{
  JsonArray *array;
  guint n;
  guint start = b->coords->len / 2;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                           _("a ring or line is not an array of positions"));
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < (closed ? 3u : 2u))
    {
      g_set_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                   closed ? _("a polygon ring has %u positions; at least 4 are needed")
                          : _("a line has %u positions; at least 2 are needed"), n);
      return FALSE;
    }

  g_array_append_val (b->ring_start, start);
  for (guint i = 0; i < n; i++)
    {
      double lon, lat;

      if (!read_position (json_array_get_element (array, i), from_gcj02, &lon, &lat, error))
        return FALSE;
      g_array_append_val (b->coords, lon);
      g_array_append_val (b->coords, lat);
    }

  /* Close rings that their writer left open, as many tools do. */
  if (closed)
    {
      double *c = (double *) b->coords->data;
      guint last = b->coords->len / 2 - 1;

      if (c[2 * start] != c[2 * last] || c[2 * start + 1] != c[2 * last + 1])
        {
          double lon = c[2 * start], lat = c[2 * start + 1];
          g_array_append_val (b->coords, lon);
          g_array_append_val (b->coords, lat);
        }
      if (b->coords->len / 2 - start < 4)
        {
          g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                               _("a polygon ring needs at least 3 distinct positions"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_polygon (Builder   *b,
              JsonNode  *node,
              gboolean   from_gcj02,
              GError   **error)
{
  JsonArray *rings;
  guint part = b->ring_start->len;

  if (!JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (rings = json_node_get_array (node)) == 0)
    {
      g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                           _("a polygon is not a non-empty array of rings"));
      return FALSE;
    }

  g_array_append_val (b->part_start, part);
  for (guint i = 0; i < json_array_get_length (rings); i++)
    if (!read_ring (b, json_array_get_element (rings, i), TRUE, from_gcj02, error))
      return FALSE;

  return TRUE;
}

/**
 * gf_geometry_new_from_json:
 * @geometry: a GeoJSON geometry object
 * @from_gcj02: the coordinates are GCJ-02 and are converted to WGS84
 *
 * Reads a Polygon, MultiPolygon, LineString or MultiLineString. Coordinates must be longitude,
 * latitude in degrees within China; swapped or projected coordinates are refused with a
 * message that says so.
 *
 * Returns: (transfer full) (nullable): the geometry
 */
GfGeometry *
gf_geometry_new_from_json (JsonNode  *geometry,
                           gboolean   from_gcj02,
                           GError   **error)
{
  Builder b;
  JsonObject *object;
  JsonNode *coordinates, *type_node;
  const char *type;
  GfGeometryKind kind;
  gboolean ok = TRUE;

  g_return_val_if_fail (geometry != NULL, NULL);

  /* json_object_get_member() is NULL for a missing member, which the JSON_NODE_HOLDS_*
   * macros do not accept. */
  if (!JSON_NODE_HOLDS_OBJECT (geometry)
      || (type_node = json_object_get_member (json_node_get_object (geometry), "type")) == NULL
      || !JSON_NODE_HOLDS_VALUE (type_node)
      || (type = json_node_get_string (type_node)) == NULL
      || (coordinates = json_object_get_member (json_node_get_object (geometry),
                                                "coordinates")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                           _("the geometry has no type or no coordinates"));
      return NULL;
    }
  object = json_node_get_object (geometry);
  (void) object;

  builder_init (&b);

  if (g_str_equal (type, "Polygon"))
    {
      kind = GF_GEOMETRY_AREA;
      ok = read_polygon (&b, coordinates, from_gcj02, error);
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      kind = GF_GEOMETRY_AREA;
      for (guint i = 0; ok && i < json_array_get_length (polygons); i++)
        ok = read_polygon (&b, json_array_get_element (polygons, i), from_gcj02, error);
    }
  else if (g_str_equal (type, "LineString") || g_str_equal (type, "MultiLineString"))
    {
      gboolean multi = g_str_equal (type, "MultiLineString");
      JsonArray *lines = json_node_get_array (coordinates);
      guint n = multi ? json_array_get_length (lines) : 1;

      kind = GF_GEOMETRY_LINE;
      for (guint i = 0; ok && i < n; i++)
        {
          guint part = b.ring_start->len;

          g_array_append_val (b.part_start, part);
          ok = read_ring (&b, multi ? json_array_get_element (lines, i) : coordinates,
                          FALSE, from_gcj02, error);
        }
    }
  else
    {
      g_set_error (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                   _("a %s geometry cannot be used here; expected Polygon, MultiPolygon, "
                     "LineString or MultiLineString"), type);
      ok = FALSE;
      kind = GF_GEOMETRY_AREA;
    }

  if (ok && b.part_start->len == 0)
    {
      g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                           _("the geometry is empty"));
      ok = FALSE;
    }

  if (!ok)
    {
      builder_clear (&b);
      return NULL;
    }

  return builder_finish (&b, kind);
}

/**
 * gf_geometry_to_json:
 *
 * Returns: (transfer full): a GeoJSON geometry (MultiPolygon or MultiLineString)
 */
JsonNode *
gf_geometry_to_json (const GfGeometry *geometry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean area;

  g_return_val_if_fail (geometry != NULL, NULL);

  area = geometry->kind == GF_GEOMETRY_AREA;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, area ? "MultiPolygon" : "MultiLineString");
  json_builder_set_member_name (builder, "coordinates");
  json_builder_begin_array (builder);
  for (guint p = 0; p < geometry->n_parts; p++)
    {
      if (area)
        json_builder_begin_array (builder);
      for (guint r = geometry->part_start[p]; r < geometry->part_start[p + 1]; r++)
        {
          json_builder_begin_array (builder);
          for (guint i = geometry->ring_start[r]; i < geometry->ring_start[r + 1]; i++)
            {
              json_builder_begin_array (builder);
              json_builder_add_double_value (builder, geometry->coords[2 * i]);
              json_builder_add_double_value (builder, geometry->coords[2 * i + 1]);
              json_builder_end_array (builder);
            }
          json_builder_end_array (builder);
        }
      if (area)
        json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Blob layout, host byte order (x86-64 and ARM are both little-endian):
 * u32 magic, u32 kind, u32 n_parts, u32 n_rings, u32 n_points,
 * u32 part_start[n_parts + 1], u32 ring_start[n_rings + 1], f64 coords[2 * n_points]. */
GBytes *
gf_geometry_to_blob (const GfGeometry *geometry)
{
  guint32 header[5];
  GByteArray *blob;

  g_return_val_if_fail (geometry != NULL, NULL);

  header[0] = BLOB_MAGIC;
  header[1] = geometry->kind;
  header[2] = geometry->n_parts;
  header[3] = geometry->n_rings;
  header[4] = geometry->n_points;

  blob = g_byte_array_sized_new (sizeof header + 4 * (geometry->n_parts + geometry->n_rings + 2)
                                 + 16 * geometry->n_points);
  g_byte_array_append (blob, (guint8 *) header, sizeof header);
  for (guint i = 0; i <= geometry->n_parts; i++)
    {
      guint32 v = geometry->part_start[i];
      g_byte_array_append (blob, (guint8 *) &v, 4);
    }
  for (guint i = 0; i <= geometry->n_rings; i++)
    {
      guint32 v = geometry->ring_start[i];
      g_byte_array_append (blob, (guint8 *) &v, 4);
    }
  g_byte_array_append (blob, (guint8 *) geometry->coords, 16 * geometry->n_points);

  return g_byte_array_free_to_bytes (blob);
}

/**
 * gf_geometry_new_from_blob:
 *
 * Returns: (transfer full) (nullable): the geometry, or %NULL with an error for a blob that is
 * truncated or not a geometry
 */
GfGeometry *
gf_geometry_new_from_blob (const void  *data,
                           gsize        size,
                           GError     **error)
{
  g_autoptr(GfGeometry) g = NULL;
  guint32 header[5];
  const guint8 *p = data;
  gsize need;

  if (data == NULL || size < sizeof header)
    goto invalid;

  memcpy (header, p, sizeof header);
  if (header[0] != BLOB_MAGIC || header[1] > GF_GEOMETRY_LINE
      || header[2] > (1u << 24) || header[3] > (1u << 24) || header[4] > (1u << 26))
    goto invalid;

  need = sizeof header + 4 * ((gsize) header[2] + header[3] + 2) + 16 * (gsize) header[4];
  if (size != need)
    goto invalid;

  g = g_new0 (GfGeometry, 1);
  g->kind = header[1];
  g->n_parts = header[2];
  g->n_rings = header[3];
  g->n_points = header[4];
  p += sizeof header;
  g->part_start = g_memdup2 (p, 4 * (g->n_parts + 1));
  p += 4 * (g->n_parts + 1);
  g->ring_start = g_memdup2 (p, 4 * (g->n_rings + 1));
  p += 4 * (g->n_rings + 1);
  g->coords = g_memdup2 (p, 16 * (gsize) g->n_points);

  if (g->part_start[g->n_parts] != g->n_rings || g->ring_start[g->n_rings] != g->n_points)
    goto invalid;
  for (guint i = 0; i < g->n_parts; i++)
    if (g->part_start[i] > g->part_start[i + 1])
      goto invalid;
  for (guint i = 0; i < g->n_rings; i++)
    if (g->ring_start[i] > g->ring_start[i + 1])
      goto invalid;

  return g_steal_pointer (&g);

invalid:
  g_set_error_literal (error, GF_GEOMETRY_ERROR, GF_GEOMETRY_ERROR_INVALID,
                       _("a stored geometry is damaged"));
  return NULL;
}

GfGeometry *
gf_geometry_copy (const GfGeometry *geometry)
{
  GfGeometry *copy;

  g_return_val_if_fail (geometry != NULL, NULL);

  copy = g_new0 (GfGeometry, 1);
  *copy = *geometry;
  copy->part_start = g_memdup2 (geometry->part_start, 4 * (geometry->n_parts + 1));
  copy->ring_start = g_memdup2 (geometry->ring_start, 4 * (geometry->n_rings + 1));
  copy->coords = g_memdup2 (geometry->coords, 16 * (gsize) geometry->n_points);

  return copy;
}

void
gf_geometry_free (GfGeometry *geometry)
{
  if (geometry == NULL)
    return;

  g_free (geometry->part_start);
  g_free (geometry->ring_start);
  g_free (geometry->coords);
  g_free (geometry);
}

GfBounds
gf_geometry_get_bounds (const GfGeometry *geometry)
{
  GfBounds b = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  g_return_val_if_fail (geometry != NULL, b);

  for (guint i = 0; i < geometry->n_points; i++)
    {
      b.min_lon = MIN (b.min_lon, geometry->coords[2 * i]);
      b.max_lon = MAX (b.max_lon, geometry->coords[2 * i]);
      b.min_lat = MIN (b.min_lat, geometry->coords[2 * i + 1]);
      b.max_lat = MAX (b.max_lat, geometry->coords[2 * i + 1]);
    }

  return b;
}

/* q(φ) of the authalic latitude: y = a·q/2 in the Lambert cylindrical equal-area projection of
 * the WGS84 ellipsoid, so a shoelace sum there is the area on the ellipsoid. */
static double
authalic_q (double lat_deg)
{
  const double e2 = WGS84_F * (2 - WGS84_F);
  const double e = sqrt (e2);
  double s = sin (lat_deg * G_PI / 180.0);

  return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log ((1 - e * s) / (1 + e * s)));
}

static double
ring_area_m2 (const GfGeometry *g,
              guint             ring)
{
  double sum = 0;
  guint start = g->ring_start[ring];
  guint end = g->ring_start[ring + 1];

  for (guint i = start; i + 1 < end; i++)
    {
      double x1 = g->coords[2 * i] * G_PI / 180.0;
      double x2 = g->coords[2 * i + 2] * G_PI / 180.0;
      double y1 = authalic_q (g->coords[2 * i + 1]) / 2;
      double y2 = authalic_q (g->coords[2 * i + 3]) / 2;

      sum += (x1 * y2 - x2 * y1);
    }

  return fabs (sum) / 2 * WGS84_A * WGS84_A;
}

/**
 * gf_geometry_area_m2:
 *
 * The area on the WGS84 ellipsoid, exterior rings minus holes, with edges taken as straight in
 * an equal-area projection (at village sizes, within 1 m² per km² of the geodesic edges).
 *
 * Returns: the area in square metres, 0 for lines
 */
double
gf_geometry_area_m2 (const GfGeometry *geometry)
{
  double area = 0;

  g_return_val_if_fail (geometry != NULL, 0);

  if (geometry->kind != GF_GEOMETRY_AREA)
    return 0;

  for (guint p = 0; p < geometry->n_parts; p++)
    for (guint r = geometry->part_start[p]; r < geometry->part_start[p + 1]; r++)
      {
        double a = ring_area_m2 (geometry, r);
        area += r == geometry->part_start[p] ? a : -a;
      }

  return area;
}

double
gf_geometry_length_m (const GfGeometry *geometry)
{
  double length = 0;

  g_return_val_if_fail (geometry != NULL, 0);

  for (guint r = 0; r < geometry->n_rings; r++)
    for (guint i = geometry->ring_start[r]; i + 1 < geometry->ring_start[r + 1]; i++)
      length += gf_distance_m (geometry->coords[2 * i], geometry->coords[2 * i + 1],
                               geometry->coords[2 * i + 2], geometry->coords[2 * i + 3]);

  return length;
}

/**
 * gf_geometry_centroid:
 *
 * The area-weighted centroid of areas (holes subtracted) in a local equirectangular frame, or
 * the midpoint along the length of lines.
 *
 * Returns: %FALSE for an empty or degenerate geometry
 */
gboolean
gf_geometry_centroid (const GfGeometry *geometry,
                      double           *lon,
                      double           *lat)
{
  GfBounds bounds;
  double k, cx = 0, cy = 0, total = 0;

  g_return_val_if_fail (geometry != NULL, FALSE);

  if (geometry->n_points == 0)
    return FALSE;

  bounds = gf_geometry_get_bounds (geometry);
  k = cos ((bounds.min_lat + bounds.max_lat) / 2 * G_PI / 180.0);

  for (guint p = 0; p < geometry->n_parts; p++)
    for (guint r = geometry->part_start[p]; r < geometry->part_start[p + 1]; r++)
      {
        double sign = (geometry->kind == GF_GEOMETRY_LINE || r == geometry->part_start[p]) ? 1 : -1;
        double ring_sum = 0, rx = 0, ry = 0;

        for (guint i = geometry->ring_start[r]; i + 1 < geometry->ring_start[r + 1]; i++)
          {
            double x1 = geometry->coords[2 * i] * k, y1 = geometry->coords[2 * i + 1];
            double x2 = geometry->coords[2 * i + 2] * k, y2 = geometry->coords[2 * i + 3];

            if (geometry->kind == GF_GEOMETRY_AREA)
              {
                double cross = x1 * y2 - x2 * y1;
                ring_sum += cross;
                rx += (x1 + x2) * cross;
                ry += (y1 + y2) * cross;
              }
            else
              {
                double len = hypot (x2 - x1, y2 - y1);
                ring_sum += len;
                rx += (x1 + x2) / 2 * len;
                ry += (y1 + y2) / 2 * len;
              }
          }

        if (geometry->kind == GF_GEOMETRY_AREA)
          {
            /* Orientation-independent: weigh by |area| with the ring's sign. */
            double a = ring_sum / 2;
            if (a != 0)
              {
                cx += sign * fabs (a) * (rx / (6 * a));
                cy += sign * fabs (a) * (ry / (6 * a));
                total += sign * fabs (a);
              }
          }
        else
          {
            cx += rx;
            cy += ry;
            total += ring_sum;
          }
      }

  if (total <= 0)
    return FALSE;

  *lon = cx / total / k;
  *lat = cy / total;
  return TRUE;
}

/* Even-odd rule over all rings: holes and the parts of a multipolygon come out right. */
gboolean
gf_geometry_contains (const GfGeometry *geometry,
                      double            lon,
                      double            lat)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (geometry != NULL, FALSE);

  if (geometry->kind != GF_GEOMETRY_AREA)
    return FALSE;

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint start = geometry->ring_start[r];
      guint end = geometry->ring_start[r + 1];

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = geometry->coords[2 * i], yi = geometry->coords[2 * i + 1];
          double xj = geometry->coords[2 * j], yj = geometry->coords[2 * j + 1];

          if (((yi > lat) != (yj > lat)) && (lon < (xj - xi) * (lat - yi) / (yj - yi) + xi))
            inside = !inside;
        }
    }

  return inside;
}
