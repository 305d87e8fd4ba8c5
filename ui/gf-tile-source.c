/* gf-tile-source.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map's features as 256-px raster tiles for a ShumateMapLayer. Each tile is drawn by
 * gf_map_render_tile() into a cairo image surface in a GTask worker thread (the map data and
 * the style are immutable and reference-counted atomically, so any number of workers may
 * share them) and handed to the tile as a GdkMemoryTexture. One widget per feature does not
 * scale past a few hundred (shared/notes/map-libshumate.md); tiles cost the same at 300 or
 * 20,000 villages.
 *
 * Generations: every change of what the tiles show (data, colouring, year, layers, scale)
 * bumps the generation. The textures of the new generation replace the old ones tile by tile
 * as they arrive, so the map never blanks; the source's id changes with the generation so that
 * the layer's own memory cache, keyed by id, does not hand back stale textures.
 *
 * Display scale: libshumate shows the map at a fractional zoom z with the tiles of floor (z)
 * magnified s = 2^(z − floor (z)) times. The tiles are drawn for that (gf_map_render_tile_at_scale(),
 * on a texture of about 256 · s pixels, drawn about 1:1), so that lines and labels keep their
 * size and stay sharp. The scale, in steps of 1/32 of a zoom level, is part of a tile's key
 * like the device scale factor; a change of it redraws the tiles on screen as a new generation
 * does, but is no new generation: the content is the same.
 *
 * Renders of the same tile are shared: a tile asked for twice (by the layer after a pan and
 * by a refresh) renders once. A render every asker has cancelled is skipped by its worker.
 * Finished tiles reach the layer in batches (render_done_cb()), each one frame. Empty tiles
 * (nothing near them, or nothing drawn) get a paintable that draws nothing, so the renderer
 * blends no transparent texture.
 */

#define G_LOG_DOMAIN "gf-tile-source"

#include "config.h"

#include <cairo.h>
#include <gdk/gdk.h>
#include <math.h>

#include "gf-map-render.h"
#include "gf-tile-source.h"

/* 96 textures of 256 KiB: 24 MiB, four screens of a 1440×900 window (up to four times that
 * when drawn for a display scale near 2, for as many screens). */
#define CACHE_SIZE 96

/* While renders are in flight, finished tiles are handed over this often. */
#define DELIVERY_MS 100

/* Display scales are 2^(step / SCALE_STEPS), step 0 to SCALE_STEPS. */
#define SCALE_STEPS 32

typedef struct
{
  int   zoom;
  int   x;
  int   y;
  guint generation;
  int   scale;
  int   step;           /* display scale 2^(step / SCALE_STEPS) */
} TileKey;

typedef struct
{
  TileKey       key;
  GdkPaintable *texture;       /* a GdkTexture, or the source's empty paintable */
} CacheEntry;

typedef struct
{
  ShumateTile  *tile;
  GTask        *task;          /* the layer's request, or NULL for a refresh */
  GCancellable *cancellable;   /* the layer's, or NULL */
  gulong        cancelled_id;
} Waiter;

typedef struct
{
  TileKey       key;
  GfTileSource *self;          /* a reference, dropped on the main thread */
  GfMapData    *data;
  GfMapStyle   *style;
  guint         layers;
  int           n_active;      /* atomic: waiters that still want it */
  GPtrArray    *waiters;       /* Waiter*, main thread only */

  /* Written by the worker, read after it returned */
  gboolean      empty;
  gint64        render_us;

  GdkPaintable *result;        /* main thread: what the waiters get, once delivered */
} Render;

struct _GfTileSource
{
  ShumateMapSource  parent_instance;

  /* Owned */
  GfMapData        *data;
  GfMapStyle       *style;
  GHashTable       *cache;         /* TileKey* → GList* in lru */
  GQueue            lru;           /* CacheEntry*, most recent first */
  GHashTable       *in_flight;     /* TileKey* → Render* */
  GHashTable       *live_tiles;    /* ShumateTile* (weak) set */
  GPtrArray        *delivery;      /* Render*: done, their tiles not yet given the textures */
  guint             delivery_id;
  GdkPaintable     *empty;         /* draws nothing: no texture to blend over the map */

  guint             layers;
  guint             generation;
  int               worker_generation;   /* atomic copy of generation for the workers */
  int               scale_factor;
  int               step;                /* display scale 2^(step / SCALE_STEPS) */
  int               worker_step;         /* atomic copy of step for the workers */
  guint             n_pending;

  /* Statistics */
  guint             n_rendered;
  gint64            render_us_total;
  gint64            render_us_max;
};

G_DEFINE_FINAL_TYPE (GfTileSource, gf_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_GENERATION,
  PROP_N_PENDING,
  N_PROPS
};

enum {
  TILES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark tile_generation_quark;
static GQuark tile_step_quark;

static void request_tile (GfTileSource *self,
                          Waiter       *waiter);

static guint
tile_key_hash (gconstpointer p)
{
  const TileKey *k = p;

  return ((guint) k->x * 73856093u) ^ ((guint) k->y * 19349663u) ^ ((guint) k->zoom * 83492791u)
         ^ (k->generation * 2654435761u) ^ (guint) k->scale ^ ((guint) k->step << 24);
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *ka = a, *kb = b;

  return ka->x == kb->x && ka->y == kb->y && ka->zoom == kb->zoom
         && ka->generation == kb->generation && ka->scale == kb->scale
         && ka->step == kb->step;
}

static void
cache_entry_free (CacheEntry *entry)
{
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
waiter_free (Waiter *waiter)
{
  g_assert (waiter->cancelled_id == 0);
  g_clear_object (&waiter->tile);
  g_clear_object (&waiter->task);
  g_clear_object (&waiter->cancellable);
  g_free (waiter);
}

static void
render_free (Render *render)
{
  g_clear_pointer (&render->waiters, g_ptr_array_unref);
  g_clear_object (&render->result);
  g_clear_pointer (&render->data, gf_map_data_unref);
  g_clear_pointer (&render->style, gf_map_style_unref);
  g_clear_object (&render->self);
  g_free (render);
}

/* The generation a tile's texture was drawn for, or -1 without one of ours. */
static gint64
tile_get_generation (ShumateTile *tile)
{
  gpointer value = g_object_get_qdata (G_OBJECT (tile), tile_generation_quark);

  return value != NULL ? (gint64) GPOINTER_TO_UINT (value) - 1 : -1;
}

/* The display scale step of a tile's texture, or -1. */
static int
tile_get_step (ShumateTile *tile)
{
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (tile), tile_step_quark)) - 1;
}

static void
tile_set_texture (ShumateTile  *tile,
                  GdkPaintable *texture,
                  guint         generation,
                  int           step)
{
  g_object_set_qdata (G_OBJECT (tile), tile_generation_quark, GUINT_TO_POINTER (generation + 1));
  g_object_set_qdata (G_OBJECT (tile), tile_step_quark, GINT_TO_POINTER (step + 1));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_paintable (tile, texture);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
}

/* LRU cache */

static GdkPaintable *
cache_lookup (GfTileSource  *self,
              const TileKey *key)
{
  GList *link = g_hash_table_lookup (self->cache, key);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((CacheEntry *) link->data)->texture;
}

static void
cache_store (GfTileSource  *self,
             const TileKey *key,
             GdkPaintable  *texture)
{
  CacheEntry *entry;
  GList *link = g_hash_table_lookup (self->cache, key);

  if (link != NULL)
    {
      entry = link->data;
      g_set_object (&entry->texture, texture);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->key = *key;
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, &entry->key, self->lru.head);

  while (self->lru.length > CACHE_SIZE)
    {
      CacheEntry *last = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, &last->key);
      cache_entry_free (last);
    }
}

static void
cache_clear (GfTileSource *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
}

/* Live tiles: those the layer holds, to refresh them when the generation changes. */

static void
live_tile_finalized_cb (gpointer  user_data,
                        GObject  *where_the_object_was)
{
  GfTileSource *self = user_data;

  g_hash_table_remove (self->live_tiles, where_the_object_was);
}

static void
track_tile (GfTileSource *self,
            ShumateTile  *tile)
{
  if (g_hash_table_add (self->live_tiles, tile))
    g_object_weak_ref (G_OBJECT (tile), live_tile_finalized_cb, self);
}

/* Worker thread */

/* Whether a rendered tile has no pixel at all. gf_map_tile_has_features() is conservative:
 * a tile within a label's reach (200 px) of a feature renders, and around the district most
 * of those come out blank. A transparent texture still costs the GL rasteriser a tile's worth
 * of blending on every frame (and 0.4 MB of memory in the cache). */
static gboolean
surface_is_blank (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          /* Premultiplied: a pixel with no alpha is all zero. */
          if (row[x] != 0)
            return FALSE;
        }
    }

  return TRUE;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Render *render = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  gint64 start = g_get_monotonic_time ();
  int scale = render->key.scale;
  /* A whole number of pixels: the tile's own display scale is then a hair off the view's
   * (at most 1/512, invisible), but its edges fall on pixel edges and neighbours join. */
  int size = (int) round (GF_MAP_TILE_SIZE * exp2 (render->key.step / (double) SCALE_STEPS)
                          * scale);
  int stride;

  /* Nobody wants it any more (the layer moved on), or a newer generation or display scale
   * replaced it. */
  if (g_atomic_int_get (&render->n_active) <= 0
      || (guint) g_atomic_int_get (&render->self->worker_generation) != render->key.generation
      || g_atomic_int_get (&render->self->worker_step) != render->key.step)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!gf_map_tile_has_features (render->data, render->layers, render->key.zoom,
                                 render->key.x, render->key.y))
    {
      render->empty = TRUE;
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  gf_map_render_tile_at_scale (render->data, render->style, render->layers, render->key.zoom,
                               render->key.x, render->key.y, GF_MAP_TILE_SIZE,
                               size / (double) (GF_MAP_TILE_SIZE * scale), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (surface_is_blank (surface))
    {
      cairo_surface_destroy (surface);
      render->empty = TRUE;
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Cairo's ARGB32 is premultiplied native-endian ARGB: GDK_MEMORY_DEFAULT, that is
   * B8G8R8A8_PREMULTIPLIED on little-endian machines. The texture keeps the surface alive. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);

  render->render_us = g_get_monotonic_time () - start;
  g_task_return_pointer (task, texture, g_object_unref);
}

/* Main thread */

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     Render       *render)
{
  g_atomic_int_add (&render->n_active, -1);
}

/* Hands a finished render to its waiters' tiles. */
static gboolean
deliver (GfTileSource *self,
         Render       *render)
{
  GdkPaintable *texture = render->result;
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) retry = g_ptr_array_new ();
  gboolean current;
  gboolean changed = FALSE;

  current = render->key.generation == self->generation
            && render->key.scale == self->scale_factor
            && render->key.step == self->step;

  for (guint i = 0; i < render->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (render->waiters, i);
      gboolean cancelled;

      g_clear_signal_handler (&waiter->cancelled_id, waiter->cancellable);
      cancelled = waiter->cancellable != NULL && g_cancellable_is_cancelled (waiter->cancellable);

      /* An older texture still beats an empty tile; a newer one is never replaced, nor one
       * of the current display scale by one of another. */
      if (texture != NULL && !cancelled
          && (tile_get_generation (waiter->tile) < (gint64) render->key.generation
              || (tile_get_generation (waiter->tile) == (gint64) render->key.generation
                  && (render->key.step == self->step
                      || tile_get_step (waiter->tile) != self->step))))
        {
          tile_set_texture (waiter->tile, texture, render->key.generation, render->key.step);
          changed = TRUE;
        }

      if (waiter->task != NULL && (texture != NULL || cancelled))
        g_ptr_array_add (finished, g_steal_pointer (&waiter->task));

      if (!cancelled && (!current || texture == NULL))
        g_ptr_array_add (retry, waiter);
      else
        waiter_free (waiter);
    }
  /* The waiters are freed above or handed on below. */
  g_ptr_array_set_size (render->waiters, 0);

  for (guint i = 0; i < retry->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (retry, i);

      if (tile_get_generation (waiter->tile) == (gint64) self->generation
          && tile_get_step (waiter->tile) == self->step && waiter->task == NULL)
        waiter_free (waiter);
      else
        request_tile (self, waiter);
    }

  /* Last, as completing a request may run the layer's code, which may ask for more tiles. */
  for (guint i = 0; i < finished->len; i++)
    g_task_return_boolean (g_ptr_array_index (finished, i), TRUE);

  return changed;
}

static void
flush_delivery (GfTileSource *self)
{
  g_autoptr(GPtrArray) renders = g_steal_pointer (&self->delivery);
  gboolean changed = FALSE;

  g_clear_handle_id (&self->delivery_id, g_source_remove);
  self->delivery = g_ptr_array_new ();
  if (renders == NULL)
    return;

  for (guint i = 0; i < renders->len; i++)
    {
      Render *render = g_ptr_array_index (renders, i);

      changed |= deliver (self, render);
      render_free (render);
    }

  if (changed)
    g_signal_emit (self, signals[TILES_CHANGED], 0);
}

static gboolean
delivery_timeout_cb (gpointer user_data)
{
  /* The renders flushed may hold the last references. */
  g_autoptr(GfTileSource) self = g_object_ref (user_data);

  self->delivery_id = 0;
  flush_delivery (self);

  return G_SOURCE_REMOVE;
}

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Render *render = user_data;
  g_autoptr(GfTileSource) self = g_object_ref (render->self);
  g_autoptr(GdkPaintable) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  g_hash_table_remove (self->in_flight, &render->key);
  g_assert (self->n_pending > 0);
  self->n_pending--;

  if (texture == NULL && render->empty)
    texture = g_object_ref (self->empty);

  if (texture != NULL)
    {
      if (!render->empty)
        {
          self->n_rendered++;
          self->render_us_total += render->render_us;
          self->render_us_max = MAX (self->render_us_max, render->render_us);
        }
      if (render->key.generation == self->generation)
        cache_store (self, &render->key, texture);
    }
  render->result = g_steal_pointer (&texture);

  /* The tiles get their textures in batches, every DELIVERY_MS while renders are in flight
   * and at once when the last one returns: the map draws a frame for every tile that
   * lands, and after a zoom, forty frames of the GL rasteriser took the cores from the
   * workers (twice the time to render them all). */
  g_ptr_array_add (self->delivery, render);
  if (self->n_pending == 0)
    flush_delivery (self);
  else if (self->delivery_id == 0)
    self->delivery_id = g_timeout_add (DELIVERY_MS, delivery_timeout_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* Takes @waiter: its tile gets the current generation's texture, from the cache, from a
 * render in flight, or from a new render. */
static void
request_tile (GfTileSource *self,
              Waiter       *waiter)
{
  TileKey key = {
    .zoom = shumate_tile_get_zoom_level (waiter->tile),
    .x = shumate_tile_get_x (waiter->tile),
    .y = shumate_tile_get_y (waiter->tile),
    .generation = self->generation,
    .scale = self->scale_factor,
    .step = self->step,
  };
  GdkPaintable *cached;
  Render *render;

  /* Nothing to draw (the content was cleared while a render was in flight). */
  if (self->data == NULL || self->style == NULL)
    {
      tile_set_texture (waiter->tile, self->empty, key.generation, key.step);
      if (waiter->task != NULL)
        g_task_return_boolean (waiter->task, TRUE);
      waiter_free (waiter);
      return;
    }

  cached = cache_lookup (self, &key);
  if (cached != NULL)
    {
      tile_set_texture (waiter->tile, cached, key.generation, key.step);
      if (waiter->task != NULL)
        g_task_return_boolean (waiter->task, TRUE);
      waiter_free (waiter);
      g_signal_emit (self, signals[TILES_CHANGED], 0);
      return;
    }

  render = g_hash_table_lookup (self->in_flight, &key);
  if (render == NULL)
    {
      g_autoptr(GTask) task = NULL;

      render = g_new0 (Render, 1);
      render->key = key;
      render->self = g_object_ref (self);
      render->data = gf_map_data_ref (self->data);
      render->style = gf_map_style_ref (self->style);
      render->layers = self->layers;
      render->waiters = g_ptr_array_new ();
      g_hash_table_insert (self->in_flight, &render->key, render);
      self->n_pending++;

      /* No source object: the last reference of a GTask may go on the worker thread, and
       * nothing but plain data may be released there. (GTask's pool of up to ten threads
       * renders faster than a pool of one thread a core: tested, it takes a bigger share
       * of the cores from the frames drawn meanwhile.) */
      task = g_task_new (NULL, NULL, render_done_cb, render);
      g_task_set_source_tag (task, request_tile);
      g_task_set_task_data (task, render, NULL);
      g_task_run_in_thread (task, render_thread);

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }

  if (waiter->cancellable == NULL || !g_cancellable_is_cancelled (waiter->cancellable))
    g_atomic_int_inc (&render->n_active);
  if (waiter->cancellable != NULL)
    waiter->cancelled_id = g_signal_connect (waiter->cancellable, "cancelled",
                                             G_CALLBACK (waiter_cancelled_cb), render);
  g_ptr_array_add (render->waiters, waiter);
}

/* The id keys the layer's own memory cache: it changes with whatever changes the textures. */
static void
update_id (GfTileSource *self)
{
  g_autofree char *id = NULL;

  if (self->step == 0)
    id = g_strdup_printf ("gf-map-%u", self->generation);
  else
    id = g_strdup_printf ("gf-map-%u-%d", self->generation, self->step);
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
}

static void
refresh_tiles (GfTileSource *self)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  /* Refresh every tile the layer shows; the old texture stays until the new one lands.
   * Tiles still loading are retried at this generation when their render returns. */
  g_hash_table_iter_init (&iter, self->live_tiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (shumate_tile_get_state (key) == SHUMATE_STATE_DONE)
        g_ptr_array_add (tiles, key);
    }

  for (guint i = 0; i < tiles->len; i++)
    {
      ShumateTile *tile = g_ptr_array_index (tiles, i);

      if (self->data == NULL || self->style == NULL)
        {
          tile_set_texture (tile, self->empty, self->generation, self->step);
        }
      else
        {
          Waiter *waiter = g_new0 (Waiter, 1);

          waiter->tile = g_object_ref (tile);
          request_tile (self, waiter);
        }
    }
  if (self->data == NULL || self->style == NULL)
    g_signal_emit (self, signals[TILES_CHANGED], 0);
}

static void
bump_generation (GfTileSource *self)
{
  self->generation++;
  g_atomic_int_set (&self->worker_generation, (int) self->generation);
  update_id (self);
  cache_clear (self);
  refresh_tiles (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

/* ShumateMapSource */

static void
gf_tile_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GfTileSource *self = GF_TILE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Waiter *waiter;

  g_task_set_source_tag (task, gf_tile_source_fill_tile_async);
  track_tile (self, tile);

  if (self->data == NULL || self->style == NULL)
    {
      tile_set_texture (tile, self->empty, self->generation, self->step);
      g_task_return_boolean (task, TRUE);
      return;
    }

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  waiter = g_new0 (Waiter, 1);
  waiter->tile = g_object_ref (tile);
  waiter->task = g_steal_pointer (&task);
  waiter->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  request_tile (self, waiter);
}

static gboolean
gf_tile_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
gf_tile_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GfTileSource *self = GF_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_GENERATION:
      g_value_set_uint (value, self->generation);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_tile_source_dispose (GObject *object)
{
  GfTileSource *self = GF_TILE_SOURCE (object);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->live_tiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_object_weak_unref (key, live_tile_finalized_cb, self);
  g_hash_table_remove_all (self->live_tiles);

  cache_clear (self);
  g_clear_pointer (&self->data, gf_map_data_unref);
  g_clear_pointer (&self->style, gf_map_style_unref);

  G_OBJECT_CLASS (gf_tile_source_parent_class)->dispose (object);
}

static void
gf_tile_source_finalize (GObject *object)
{
  GfTileSource *self = GF_TILE_SOURCE (object);

  /* Every render holds a reference on the source: none can be in flight here. */
  g_assert (g_hash_table_size (self->in_flight) == 0);
  /* Renders waiting for delivery hold a reference as well. */
  g_assert (self->delivery->len == 0 && self->delivery_id == 0);
  g_clear_pointer (&self->delivery, g_ptr_array_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->live_tiles, g_hash_table_unref);
  g_clear_object (&self->empty);

  G_OBJECT_CLASS (gf_tile_source_parent_class)->finalize (object);
}

static void
gf_tile_source_class_init (GfTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->get_property = gf_tile_source_get_property;
  object_class->dispose = gf_tile_source_dispose;
  object_class->finalize = gf_tile_source_finalize;

  source_class->fill_tile_async = gf_tile_source_fill_tile_async;
  source_class->fill_tile_finish = gf_tile_source_fill_tile_finish;

  /**
   * GfTileSource:generation:
   *
   * Bumped by every change of what the tiles show.
   */
  properties[PROP_GENERATION] =
    g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfTileSource:n-pending:
   *
   * Renders in flight; 0 when every tile asked for has its texture.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GfTileSource::tiles-changed:
   *
   * Emitted when textures of tiles the layer already holds were replaced, outside of a
   * layer's own request: the layer must be redrawn.
   */
  signals[TILES_CHANGED] =
    g_signal_new ("tiles-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  tile_generation_quark = g_quark_from_static_string ("gf-tile-generation");
  tile_step_quark = g_quark_from_static_string ("gf-tile-step");
}

static void
gf_tile_source_init (GfTileSource *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  self->cache = g_hash_table_new (tile_key_hash, tile_key_equal);
  self->in_flight = g_hash_table_new (tile_key_hash, tile_key_equal);
  self->live_tiles = g_hash_table_new (NULL, NULL);
  self->delivery = g_ptr_array_new ();
  g_queue_init (&self->lru);
  self->empty = gdk_paintable_new_empty (GF_MAP_TILE_SIZE, GF_MAP_TILE_SIZE);
  self->layers = GF_MAP_LAYER_ALL;
  self->scale_factor = 1;

  shumate_map_source_set_id (source, "gf-map-0");
  shumate_map_source_set_name (source, "Gongfu Atlas");
  shumate_map_source_set_tile_size (source, GF_MAP_TILE_SIZE);
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, 18);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
}

/* Public API */

/**
 * gf_tile_source_new:
 *
 * Returns: (transfer full): a tile source that shows nothing until it gets content
 */
GfTileSource *
gf_tile_source_new (void)
{
  return g_object_new (GF_TYPE_TILE_SOURCE, NULL);
}

/**
 * gf_tile_source_set_content:
 * @data: (nullable): the map data; a reference is taken
 * @style: (nullable): its style (for the same @data); a reference is taken
 * @layers: the #GfMapLayers to draw
 *
 * Changes what the tiles show and starts a new generation: the tiles on screen are redrawn
 * in the background and replaced as they arrive.
 */
void
gf_tile_source_set_content (GfTileSource *self,
                            GfMapData    *data,
                            GfMapStyle   *style,
                            guint         layers)
{
  g_return_if_fail (GF_IS_TILE_SOURCE (self));
  g_return_if_fail ((data == NULL) == (style == NULL));
  g_return_if_fail (style == NULL || gf_map_style_get_data (style) == data);

  if (self->data == data && self->style == style && self->layers == layers)
    return;

  if (data != NULL)
    gf_map_data_ref (data);
  if (style != NULL)
    gf_map_style_ref (style);
  g_clear_pointer (&self->data, gf_map_data_unref);
  g_clear_pointer (&self->style, gf_map_style_unref);
  self->data = data;
  self->style = style;
  self->layers = layers;

  bump_generation (self);
}

/**
 * gf_tile_source_get_data:
 *
 * Returns: (transfer none) (nullable): the map data drawn
 */
GfMapData *
gf_tile_source_get_data (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), NULL);

  return self->data;
}

/**
 * gf_tile_source_get_style:
 *
 * Returns: (transfer none) (nullable): the style drawn
 */
GfMapStyle *
gf_tile_source_get_style (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), NULL);

  return self->style;
}

guint
gf_tile_source_get_layers (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), 0);

  return self->layers;
}

/**
 * gf_tile_source_set_scale_factor:
 * @scale_factor: device pixels per logical pixel of the map widget
 *
 * Draws the tiles with that many pixels per logical pixel, sharp on a HiDPI screen.
 */
void
gf_tile_source_set_scale_factor (GfTileSource *self,
                                 int           scale_factor)
{
  g_return_if_fail (GF_IS_TILE_SOURCE (self));

  scale_factor = CLAMP (scale_factor, 1, 3);
  if (self->scale_factor == scale_factor)
    return;

  self->scale_factor = scale_factor;
  bump_generation (self);
}

/**
 * gf_tile_source_set_display_scale:
 * @display_scale: how much the layer magnifies the tiles: 2^(z − floor (z)) at the zoom z
 *
 * Draws the tiles for that magnification (rounded to a step of 1/32 of a zoom level), so
 * that lines and labels show at their nominal size. A change redraws the tiles on screen,
 * which keep their old textures until the new ones arrive; the generation stays.
 */
void
gf_tile_source_set_display_scale (GfTileSource *self,
                                  double        display_scale)
{
  int step;

  g_return_if_fail (GF_IS_TILE_SOURCE (self));

  if (!(display_scale >= 1.0))
    display_scale = 1.0;
  step = CLAMP ((int) round (log2 (display_scale) * SCALE_STEPS), 0, SCALE_STEPS);
  if (self->step == step)
    return;

  self->step = step;
  g_atomic_int_set (&self->worker_step, step);
  update_id (self);
  /* The other scale's textures are of no more use than a new generation's, and up to four
   * times as big. */
  cache_clear (self);
  refresh_tiles (self);
}

/**
 * gf_tile_source_get_display_scale:
 *
 * Returns: the display scale the tiles are drawn for, after rounding
 */
double
gf_tile_source_get_display_scale (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), 1.0);

  return exp2 (self->step / (double) SCALE_STEPS);
}

/**
 * gf_tile_source_list_tiles:
 *
 * The tiles the layer holds, for tests: what they show is their paintable.
 *
 * Returns: (transfer container) (element-type ShumateTile): the tiles, in no order
 */
GPtrArray *
gf_tile_source_list_tiles (GfTileSource *self)
{
  GPtrArray *tiles;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), NULL);

  tiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->live_tiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (tiles, g_object_ref (key));

  return tiles;
}

guint
gf_tile_source_get_generation (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), 0);

  return self->generation;
}

/**
 * gf_tile_source_get_n_pending:
 *
 * Returns: the renders in flight
 */
guint
gf_tile_source_get_n_pending (GfTileSource *self)
{
  g_return_val_if_fail (GF_IS_TILE_SOURCE (self), 0);

  return self->n_pending;
}

/**
 * gf_tile_source_get_stats:
 * @n_rendered: (out) (optional): tiles drawn so far (empty ones excluded)
 * @mean_ms: (out) (optional): their mean drawing time on a worker, milliseconds
 * @max_ms: (out) (optional): the longest
 */
void
gf_tile_source_get_stats (GfTileSource *self,
                          guint        *n_rendered,
                          double       *mean_ms,
                          double       *max_ms)
{
  g_return_if_fail (GF_IS_TILE_SOURCE (self));

  if (n_rendered != NULL)
    *n_rendered = self->n_rendered;
  if (mean_ms != NULL)
    *mean_ms = self->n_rendered > 0 ? self->render_us_total / 1000.0 / self->n_rendered : 0;
  if (max_ms != NULL)
    *max_ms = self->render_us_max / 1000.0;
}
