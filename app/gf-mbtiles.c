/* gf-mbtiles.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An MBTiles 1.3 file used as an offline basemap: opened read-only, checked once when it is
 * opened (an SQLite database with `metadata` and `tiles`, a `name` and a raster `format`, at
 * least one tile), then read tile by tile from any thread. Vector tiles (`pbf`) are refused
 * with a message: Debian's libshumate 1.0 has no vector renderer.
 *
 * Tiles are asked for in the XYZ scheme of web maps (row 0 at the north); MBTiles stores TMS
 * rows (row 0 at the south), so tile_row = 2^zoom − 1 − y.
 *
 * Thread safety: after gf_mbtiles_open() returns, the object is immutable except for its
 * connection, which gf-store-mbtiles.c guards with a mutex. gf_mbtiles_get_tile() and every
 * getter may be called from any thread; reference counting is atomic. The SQL is in
 * gf-store-mbtiles.c.
 */

#define G_LOG_DOMAIN "gf-mbtiles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gf-mbtiles.h"
#include "gf-store-mbtiles-private.h"

/* The deepest zoom a tile number fits in an int at (and far beyond any real file). */
#define MAX_ZOOM 30
/* Web Mercator's edge. */
#define MAX_LATITUDE 85.05112877980659

struct _GfMbtiles
{
  GObject          parent_instance;

  /* Owned */
  char            *path;
  GfMbtilesStore  *store;
  GHashTable      *metadata;     /* name → value */
  char            *format;       /* "png", "jpg" or "webp" */

  int              min_zoom;
  int              max_zoom;
  double           west;
  double           south;
  double           east;
  double           north;
};

G_DEFINE_FINAL_TYPE (GfMbtiles, gf_mbtiles, G_TYPE_OBJECT)

G_DEFINE_QUARK (gf-mbtiles-error-quark, gf_mbtiles_error)

/* Helpers */

/* A zoom level as the metadata writes it: "14", " 14 " or "14.0". */
static gboolean
parse_zoom (const char *text,
            int        *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double real;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;

  real = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || real != floor (real) || real < 0 || real > MAX_ZOOM)
    return FALSE;

  *value = (int) real;
  return TRUE;
}

/* The value of a metadata entry without surrounding blanks, or NULL when blank or absent. */
static char *
dup_metadata (GfMbtiles  *self,
              const char *key)
{
  const char *value = g_hash_table_lookup (self->metadata, key);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

/* "west,south,east,north" in degrees. */
static gboolean
parse_bounds (const char *text,
              double     *bounds)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      g_strstrip (parts[i]);
      bounds[i] = g_ascii_strtod (parts[i], &end);
      if (parts[i][0] == '\0' || end == NULL || *end != '\0' || !isfinite (bounds[i]))
        return FALSE;
    }

  return bounds[0] >= -180 && bounds[2] <= 180 && bounds[0] < bounds[2]
         && bounds[1] >= -90 && bounds[3] <= 90 && bounds[1] < bounds[3];
}

static double
tile_longitude (int zoom,
                int x)
{
  return x / ldexp (1, zoom) * 360.0 - 180.0;
}

static double
tile_latitude (int zoom,
               int y)
{
  double n = G_PI - 2.0 * G_PI * y / ldexp (1, zoom);

  return atan (sinh (n)) * 180.0 / G_PI;
}

static gboolean
check_format (GfMbtiles  *self,
              const char *display_name,
              GError    **error)
{
  g_autofree char *value = dup_metadata (self, "format");
  g_autofree char *format = NULL;

  if (value == NULL)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_METADATA,
                   /* Translators: %s is a file name; keep “format” as is, a metadata key */
                   _("“%s” does not say which image format its tiles have (metadata “format”)."),
                   display_name);
      return FALSE;
    }

  format = g_ascii_strdown (value, -1);
  if (g_str_equal (format, "jpeg"))
    {
      g_free (format);
      format = g_strdup ("jpg");
    }

  if (g_str_equal (format, "png") || g_str_equal (format, "jpg") || g_str_equal (format, "webp"))
    {
      self->format = g_steal_pointer (&format);
      return TRUE;
    }

  if (g_str_equal (format, "pbf") || g_str_equal (format, "mvt"))
    g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_UNSUPPORTED_FORMAT,
                 /* Translators: %s is a file name */
                 _("“%s” holds vector tiles (pbf), which this version cannot draw. "
                   "Choose an MBTiles file of PNG, JPEG or WebP image tiles."),
                 display_name);
  else
    g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_UNSUPPORTED_FORMAT,
                 /* Translators: the first %s is a file name, the second a format name */
                 _("“%s” holds tiles in the format “%s”. Only PNG, JPEG and WebP tiles can be "
                   "drawn."),
                 display_name, value);

  return FALSE;
}

static gboolean
validate (GfMbtiles  *self,
          GError    **error)
{
  g_autofree char *display_name = g_filename_display_basename (self->path);
  g_autofree char *name = NULL;
  gboolean has_tiles;
  int min_zoom = -1, max_zoom = -1;
  double bounds[4];

  if (!_gf_mbtiles_store_read_metadata (self->store, self->metadata, error))
    return FALSE;

  name = dup_metadata (self, "name");
  if (name == NULL)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_METADATA,
                   /* Translators: %s is a file name; keep “name” as is, a metadata key */
                   _("“%s” has no name in its metadata (metadata “name”)."), display_name);
      return FALSE;
    }

  if (!check_format (self, display_name, error))
    return FALSE;

  if (!_gf_mbtiles_store_has_tiles (self->store, &has_tiles, error))
    return FALSE;
  if (!has_tiles)
    {
      g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("“%s” contains no tiles."), display_name);
      return FALSE;
    }

  /* The zoom range: from the metadata when it is sound, else from the tiles. */
  if (!parse_zoom (g_hash_table_lookup (self->metadata, "minzoom"), &min_zoom)
      || !parse_zoom (g_hash_table_lookup (self->metadata, "maxzoom"), &max_zoom)
      || min_zoom > max_zoom)
    {
      if (!_gf_mbtiles_store_get_zoom_range (self->store, &min_zoom, &max_zoom, error))
        return FALSE;
      if (min_zoom < 0 || max_zoom > MAX_ZOOM || min_zoom > max_zoom)
        {
          g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_METADATA,
                       /* Translators: %s is a file name */
                       _("The zoom levels of the tiles in “%s” are out of range."),
                       display_name);
          return FALSE;
        }
    }
  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;

  /* The bounds: from the metadata when they parse, else the tiles of the lowest zoom. */
  if (parse_bounds (g_hash_table_lookup (self->metadata, "bounds"), bounds))
    {
      self->west = bounds[0];
      self->south = MAX (bounds[1], -MAX_LATITUDE);
      self->east = bounds[2];
      self->north = MIN (bounds[3], MAX_LATITUDE);
    }
  else
    {
      int column_min, column_max, row_min, row_max, n, tiles_max;

      /* The metadata's minzoom may have no tile: use the tiles' own lowest level. */
      if (!_gf_mbtiles_store_get_zoom_range (self->store, &min_zoom, &tiles_max, error))
        return FALSE;
      if (min_zoom < 0 || min_zoom > MAX_ZOOM)
        {
          g_set_error (error, GF_MBTILES_ERROR, GF_MBTILES_ERROR_METADATA,
                       /* Translators: %s is a file name */
                       _("The zoom levels of the tiles in “%s” are out of range."),
                       display_name);
          return FALSE;
        }
      if (!_gf_mbtiles_store_get_extent (self->store, min_zoom, &column_min, &column_max,
                                         &row_min, &row_max, error))
        return FALSE;

      n = 1 << min_zoom;
      column_min = CLAMP (column_min, 0, n - 1);
      column_max = CLAMP (column_max, 0, n - 1);
      row_min = CLAMP (row_min, 0, n - 1);
      row_max = CLAMP (row_max, 0, n - 1);
      self->west = tile_longitude (min_zoom, column_min);
      self->east = tile_longitude (min_zoom, column_max + 1);
      /* TMS rows count from the south: the highest row is the northern edge. */
      self->north = tile_latitude (min_zoom, gf_mbtiles_xyz_to_tms_row (min_zoom, row_max));
      self->south = tile_latitude (min_zoom, gf_mbtiles_xyz_to_tms_row (min_zoom, row_min) + 1);
    }

  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GfMbtiles *mbtiles;

  if (g_task_return_error_if_cancelled (task))
    return;

  mbtiles = gf_mbtiles_open (task_data, &error);
  if (mbtiles == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, mbtiles, g_object_unref);
}

/* GObject */

static void
gf_mbtiles_finalize (GObject *object)
{
  GfMbtiles *self = GF_MBTILES (object);

  g_clear_pointer (&self->store, _gf_mbtiles_store_free);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (gf_mbtiles_parent_class)->finalize (object);
}

static void
gf_mbtiles_class_init (GfMbtilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gf_mbtiles_finalize;
}

static void
gf_mbtiles_init (GfMbtiles *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Public API */

/**
 * gf_mbtiles_open:
 * @path: an MBTiles file
 *
 * Opens @path read-only on a connection of its own and checks it: an SQLite database with the
 * `metadata` and `tiles` tables, a `name` and a `format` in the metadata, a raster format
 * (png, jpg or webp; vector tiles are refused), at least one tile. The zoom range and the
 * bounds come from the metadata, or from the tiles when the metadata lacks them. Nothing is
 * written, not even a lock or a journal.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with a #GF_MBTILES_ERROR whose
 *   message names the file and can be shown to users
 */
GfMbtiles *
gf_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GfMbtiles) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GF_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);
  self->store = _gf_mbtiles_store_open (path, error);
  if (self->store == NULL || !validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gf_mbtiles_open_async:
 * @path: an MBTiles file
 *
 * Runs gf_mbtiles_open() in a worker thread: a file without zoom levels or bounds in its
 * metadata is scanned, which takes a while for a large one.
 */
void
gf_mbtiles_open_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_mbtiles_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * gf_mbtiles_open_finish:
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with an error
 */
GfMbtiles *
gf_mbtiles_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gf_mbtiles_open_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
gf_mbtiles_get_path (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), NULL);

  return self->path;
}

/**
 * gf_mbtiles_get_name:
 *
 * Returns: the name in the file's metadata
 */
const char *
gf_mbtiles_get_name (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), NULL);

  return g_hash_table_lookup (self->metadata, "name");
}

/**
 * gf_mbtiles_get_format:
 *
 * Returns: "png", "jpg" (also for a file that says "jpeg") or "webp"
 */
const char *
gf_mbtiles_get_format (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), NULL);

  return self->format;
}

/**
 * gf_mbtiles_get_attribution:
 *
 * Returns: (nullable): the attribution of the metadata, which may hold HTML
 */
const char *
gf_mbtiles_get_attribution (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), NULL);

  return g_hash_table_lookup (self->metadata, "attribution");
}

/**
 * gf_mbtiles_get_metadata:
 * @key: a metadata name
 *
 * Returns: (nullable): its value as written in the file
 */
const char *
gf_mbtiles_get_metadata (GfMbtiles  *self,
                         const char *key)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->metadata, key);
}

int
gf_mbtiles_get_min_zoom (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), 0);

  return self->min_zoom;
}

int
gf_mbtiles_get_max_zoom (GfMbtiles *self)
{
  g_return_val_if_fail (GF_IS_MBTILES (self), 0);

  return self->max_zoom;
}

/**
 * gf_mbtiles_get_bounds:
 * @west: (out) (optional): degrees of longitude
 * @south: (out) (optional): degrees of latitude, no further south than Web Mercator shows
 * @east: (out) (optional): degrees of longitude
 * @north: (out) (optional): degrees of latitude
 *
 * The area the file covers: the metadata's `bounds`, or else the box of the tiles at the
 * lowest zoom level.
 */
void
gf_mbtiles_get_bounds (GfMbtiles *self,
                       double    *west,
                       double    *south,
                       double    *east,
                       double    *north)
{
  g_return_if_fail (GF_IS_MBTILES (self));

  if (west != NULL)
    *west = self->west;
  if (south != NULL)
    *south = self->south;
  if (east != NULL)
    *east = self->east;
  if (north != NULL)
    *north = self->north;
}

/**
 * gf_mbtiles_get_tile:
 * @zoom: the zoom level
 * @x: the column, from the west
 * @y: the row in the XYZ scheme, from the north (flipped to the file's TMS row here)
 * @out: (out) (transfer full): the tile's encoded image, as stored
 *
 * Reads one tile. Safe to call from any thread at once; the reads take turns on the file's
 * one connection (a lookup takes tens of microseconds), and whatever decodes the bytes runs
 * in parallel.
 *
 * Returns: %FALSE with %G_IO_ERROR_NOT_FOUND when the file has no tile there (outside the
 *   world too), or with %GF_MBTILES_ERROR_READ when the read failed
 */
gboolean
gf_mbtiles_get_tile (GfMbtiles  *self,
                     int         zoom,
                     int         x,
                     int         y,
                     GBytes    **out,
                     GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GF_IS_MBTILES (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;

  if (zoom >= 0 && zoom <= MAX_ZOOM && x >= 0 && y >= 0 && x < (1 << zoom) && y < (1 << zoom))
    {
      if (!_gf_mbtiles_store_get_tile (self->store, zoom, x,
                                       gf_mbtiles_xyz_to_tms_row (zoom, y), &bytes, error))
        return FALSE;
    }

  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No tile at %d/%d/%d", zoom, x, y);
      return FALSE;
    }

  *out = g_steal_pointer (&bytes);
  return TRUE;
}

/**
 * gf_mbtiles_xyz_to_tms_row:
 * @zoom: the zoom level, 0 to 30
 * @y: a row counted from the north (XYZ)
 *
 * The same row counted from the south, as MBTiles stores it; the flip is its own inverse.
 *
 * Returns: 2^@zoom − 1 − @y
 */
int
gf_mbtiles_xyz_to_tms_row (int zoom,
                           int y)
{
  g_return_val_if_fail (zoom >= 0 && zoom <= MAX_ZOOM, 0);

  return (1 << zoom) - 1 - y;
}
