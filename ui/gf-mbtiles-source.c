/* gf-mbtiles-source.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An offline basemap: the tiles of an MBTiles file (app/gf-mbtiles.c) for a ShumateMapLayer.
 * A ShumateMapSource of our own rather than a ShumateDataSource under a
 * ShumateRasterRenderer: libshumate 1.0's renderer decodes every image on the main thread
 * and repaints on each `received-data` (shared/notes/map-libshumate.md). Here a GTask worker
 * reads the tile and decodes it (gdk_texture_new_from_bytes() is thread-safe), and the main
 * thread only hands the texture to the tile.
 *
 * Beyond the file's deepest zoom level the tile of that level is enlarged (a district map
 * often stops at zoom 14–16 while the map goes to 18); above its shallowest level, and where
 * the file has no tile, the tile stays transparent. A missing or undecodable tile completes
 * the request, so the layer never asks again and the map never waits for it.
 */

#define G_LOG_DOMAIN "gf-mbtiles-source"

#include "config.h"

#include <cairo.h>
#include <gdk/gdk.h>

#include "gf-mbtiles-source.h"

/* The map's own zoom range (gf-null-source.c): the layer asks for every level of the
 * viewport, whatever the source says. */
#define MIN_ZOOM 0
#define MAX_ZOOM 18
#define TILE_SIZE 256

struct _GfMbtilesSource
{
  ShumateMapSource  parent_instance;

  /* Owned */
  GfMbtiles        *mbtiles;
  GdkTexture       *empty;

  guint             n_pending;
  guint             n_failed;
  gboolean          warned;
};

G_DEFINE_FINAL_TYPE (GfMbtilesSource, gf_mbtiles_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct
{
  GfMbtiles *mbtiles;
  int        zoom;
  int        x;
  int        y;
  int        min_zoom;
  int        max_zoom;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->mbtiles);
  g_free (job);
}

/* Worker thread */

/* The part of @parent (a tile @depth levels up) under tile (@x, @y), enlarged to the
 * parent's own size. */
static GdkTexture *
enlarge (GdkTexture *parent,
         int         depth,
         int         x,
         int         y)
{
  int width = gdk_texture_get_width (parent);
  int height = gdk_texture_get_height (parent);
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  g_autofree guchar *pixels = g_malloc ((gsize) stride * height);
  cairo_surface_t *source, *target;
  cairo_pattern_t *pattern;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  double scale = (double) (1 << depth);
  int mask = (1 << depth) - 1;

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32. */
  gdk_texture_download (parent, pixels, stride);
  source = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height,
                                                stride);
  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, width);

  cr = cairo_create (target);
  cairo_scale (cr, scale, scale * width / height);
  cairo_translate (cr, -(double) (x & mask) * width / scale,
                   -(double) (y & mask) * height / scale);
  cairo_set_source_surface (cr, source, 0, 0);
  pattern = cairo_get_source (cr);
  /* Pad, or the edges of the enlarged part fade into transparency. */
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);
  cairo_surface_flush (target);

  stride = cairo_image_surface_get_stride (target);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (target),
                                      (gsize) stride * width,
                                      (GDestroyNotify) cairo_surface_destroy, target);

  return gdk_memory_texture_new (width, width, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int zoom = job->zoom, x = job->x, y = job->y, depth = 0;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (zoom < job->min_zoom)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (zoom > job->max_zoom)
    {
      depth = zoom - job->max_zoom;
      zoom = job->max_zoom;
      x >>= depth;
      y >>= depth;
    }

  if (!gf_mbtiles_get_tile (job->mbtiles, zoom, x, y, &bytes, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (depth > 0)
    {
      GdkTexture *enlarged = enlarge (texture, depth, job->x, job->y);

      g_set_object (&texture, enlarged);
      g_object_unref (enlarged);
    }

  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

/* Main thread */

static void
decode_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GfMbtilesSource *self = g_task_get_source_object (task);
  ShumateTile *tile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  g_assert (self->n_pending > 0);
  self->n_pending--;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    {
      /* A damaged tile stays blank; one line in the log is enough. */
      self->n_failed++;
      if (!self->warned)
        g_message ("Tile %u/%u/%u of %s left blank: %s", shumate_tile_get_zoom_level (tile),
                   shumate_tile_get_x (tile), shumate_tile_get_y (tile),
                   gf_mbtiles_get_path (self->mbtiles), error->message);
      self->warned = TRUE;
    }

  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture != NULL ? texture : self->empty));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

/* ShumateMapSource */

static void
gf_mbtiles_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GfMbtilesSource *self = GF_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = NULL;
  Job *job;

  g_task_set_source_tag (task, gf_mbtiles_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);
  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  job = g_new0 (Job, 1);
  job->mbtiles = g_object_ref (self->mbtiles);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->min_zoom = gf_mbtiles_get_min_zoom (self->mbtiles);
  job->max_zoom = gf_mbtiles_get_max_zoom (self->mbtiles);

  /* The worker's task has no source object and holds nothing of GTK: its last reference may
   * go on the worker thread. The layer's task stays on the main thread. */
  worker = g_task_new (NULL, cancellable, decode_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, gf_mbtiles_source_fill_tile_async);
  g_task_set_task_data (worker, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (worker, decode_thread);
  self->n_pending++;
}

static gboolean
gf_mbtiles_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
gf_mbtiles_source_finalize (GObject *object)
{
  GfMbtilesSource *self = GF_MBTILES_SOURCE (object);

  g_clear_object (&self->mbtiles);
  g_clear_object (&self->empty);

  G_OBJECT_CLASS (gf_mbtiles_source_parent_class)->finalize (object);
}

static void
gf_mbtiles_source_class_init (GfMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = gf_mbtiles_source_finalize;

  source_class->fill_tile_async = gf_mbtiles_source_fill_tile_async;
  source_class->fill_tile_finish = gf_mbtiles_source_fill_tile_finish;
}

static void
gf_mbtiles_source_init (GfMbtilesSource *self)
{
  static const guint8 transparent[4] = { 0, 0, 0, 0 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (transparent, sizeof transparent);

  self->empty = gdk_memory_texture_new (1, 1, GDK_MEMORY_DEFAULT, bytes, 4);
}

/* Public API */

/**
 * gf_mbtiles_source_new:
 * @mbtiles: an opened, checked MBTiles file; a reference is taken
 *
 * Returns: (transfer full): a map source of the file's tiles
 */
GfMbtilesSource *
gf_mbtiles_source_new (GfMbtiles *mbtiles)
{
  static guint counter;
  GfMbtilesSource *self;
  ShumateMapSource *source;
  g_autofree char *id = NULL;

  g_return_val_if_fail (GF_IS_MBTILES (mbtiles), NULL);

  self = g_object_new (GF_TYPE_MBTILES_SOURCE, NULL);
  self->mbtiles = g_object_ref (mbtiles);

  /* The layer's memory cache is keyed by the id: one per source, so that another file (or
   * the same file changed on disk) never shows the tiles of the one before. */
  source = SHUMATE_MAP_SOURCE (self);
  id = g_strdup_printf ("gf-mbtiles-%u", ++counter);
  shumate_map_source_set_id (source, id);
  shumate_map_source_set_name (source, gf_mbtiles_get_name (mbtiles));
  if (gf_mbtiles_get_attribution (mbtiles) != NULL)
    shumate_map_source_set_license (source, gf_mbtiles_get_attribution (mbtiles));
  shumate_map_source_set_tile_size (source, TILE_SIZE);
  shumate_map_source_set_min_zoom_level (source, MIN_ZOOM);
  shumate_map_source_set_max_zoom_level (source, MAX_ZOOM);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);

  return self;
}

/**
 * gf_mbtiles_source_get_mbtiles:
 *
 * Returns: (transfer none): the file
 */
GfMbtiles *
gf_mbtiles_source_get_mbtiles (GfMbtilesSource *self)
{
  g_return_val_if_fail (GF_IS_MBTILES_SOURCE (self), NULL);

  return self->mbtiles;
}

/**
 * gf_mbtiles_source_get_n_pending:
 *
 * Returns: tiles being read or decoded
 */
guint
gf_mbtiles_source_get_n_pending (GfMbtilesSource *self)
{
  g_return_val_if_fail (GF_IS_MBTILES_SOURCE (self), 0);

  return self->n_pending;
}

/**
 * gf_mbtiles_source_get_n_failed:
 *
 * Returns: tiles left blank because they could not be read or decoded
 */
guint
gf_mbtiles_source_get_n_failed (GfMbtilesSource *self)
{
  g_return_val_if_fail (GF_IS_MBTILES_SOURCE (self), 0);

  return self->n_failed;
}
